//! Products, techniques and notes: the seller's knowledge base.

use super::field_error::{FieldError, optional_text, required_text};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct NewProduct {
    pub name: String,
    pub category: String,
    pub price_minor: i64,
    pub description: String,
}

impl NewProduct {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("name", &self.name, 200)?;
        optional_text("category", &self.category, 200)?;
        if self.price_minor < 0 {
            return Err(FieldError::new("price", "must not be negative"));
        }
        optional_text("description", &self.description, 20_000)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct NewTechnique {
    pub name: String,
    pub description: String,
}

impl NewTechnique {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("name", &self.name, 100)?;
        optional_text("description", &self.description, 2_000)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewNote {
    pub title: String,
    pub body: String,
    pub tags: String,
    pub product_id: Option<i64>,
    pub created_on: NaiveDate,
    /// A plain note, or a playbook card of one of three kinds.
    pub kind: NoteKind,
    /// The technique a playbook card is for.
    pub technique_id: Option<i64>,
    /// The objection a playbook card answers ("" for none).
    pub objection: String,
}

crate::text_enum! {
    /// What a note is: knowledge, or a playbook card tied to a technique or an objection.
    pub enum NoteKind {
        Note => ("note", "note"),
        Steps => ("steps", "steps"),
        Questions => ("questions", "questions to ask"),
        Answers => ("answers", "answers to objections"),
    }
}

impl NewNote {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("title", &self.title, 200)?;
        optional_text("tags", &self.tags, 500)?;
        if !self.objection.is_empty() {
            super::objections::check_stored(&self.objection).map_err(|e| FieldError::new("objection", e))?;
        }
        let tied = self.technique_id.is_some() || !self.objection.trim().is_empty();
        if self.kind != NoteKind::Note && !tied {
            return Err(FieldError::new(
                "kind",
                format!("a playbook card ({}) is for a technique or an objection; name one", self.kind.label()),
            ));
        }
        optional_text("body", &self.body, 200_000)
    }

    /// A plain note with nothing tied to it.
    pub fn plain(title: &str, body: &str, tags: &str, product_id: Option<i64>, created_on: NaiveDate) -> Self {
        Self {
            title: title.into(),
            body: body.into(),
            tags: tags.into(),
            product_id,
            created_on,
            kind: NoteKind::Note,
            technique_id: None,
            objection: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Product {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub price_minor: i64,
    pub description: String,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub tags: String,
    pub product_id: Option<i64>,
    pub product: Option<String>,
    pub created_on: NaiveDate,
    pub updated_on: NaiveDate,
    pub kind: NoteKind,
    pub technique_id: Option<i64>,
    pub technique: Option<String>,
    pub objection: String,
}

impl Note {
    /// "steps for Live demo" for a playbook card; None for a plain note.
    pub fn card_label(&self) -> Option<String> {
        use super::text::one_line;
        let label = self.kind.label();
        match (self.kind, self.technique.as_deref(), self.objection.as_str()) {
            (NoteKind::Note, ..) => None,
            (_, Some(t), "") => Some(format!("{label} for {}", one_line(t))),
            (_, None, o) => Some(format!("{label} for '{}'", one_line(o))),
            (_, Some(t), o) => Some(format!("{label} for {} and '{}'", one_line(t), one_line(o))),
        }
    }

    /// The note as its fields, to edit: whatever the edit leaves alone is kept.
    pub fn as_new(&self) -> NewNote {
        NewNote {
            title: self.title.clone(),
            body: self.body.clone(),
            tags: self.tags.clone(),
            product_id: self.product_id,
            created_on: self.created_on,
            kind: self.kind,
            technique_id: self.technique_id,
            objection: self.objection.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Flashcard {
    pub id: i64,
    pub note_id: Option<i64>,
    pub product_id: Option<i64>,
    pub front: String,
    pub back: String,
    pub memory: super::srs::Memory,
}
