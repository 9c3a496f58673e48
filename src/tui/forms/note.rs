//! `a` / `e` / `c` on the Knowledge tab: a note (short text inline; `E` for $EDITOR) or a card.

use super::{Saved, Subject, labels, lookup_status, short, text_status};
use crate::domain::FieldError;
use crate::domain::knowledge::{NewNote, Note, NoteKind};
use crate::domain::objections::stored_objections;
use crate::domain::qa::parse_qa;
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::Result;

pub fn note_form(existing: Option<&Note>) -> Form {
    let (title, purpose) = match existing {
        Some(note) => (format!("Edit note #{}", note.id), Purpose::EditNote(note.id)),
        None => ("Add a note".to_string(), Purpose::AddNote),
    };
    let mut fields = vec![
        Field::text("Title", existing.map_or("", |n| &n.title)),
        Field::text("Tags", existing.map_or("", |n| &n.tags)),
        Field::text("Product", &existing.and_then(|n| n.product_id).map(|id| format!("#{id}")).unwrap_or_default()),
        // A playbook card: its kind and what it is for (Ctrl-p in the log form finds it).
        Field::choice(
            "Kind",
            labels(NoteKind::ALL, NoteKind::label),
            existing.map_or(NoteKind::Note, |n| n.kind).label(),
        ),
        Field::text("Technique", &existing.and_then(|n| n.technique_id).map(|id| format!("#{id}")).unwrap_or_default()),
        Field::text("Objection", existing.map_or("", |n| &n.objection)),
    ];
    if existing.is_none() {
        // Longer text goes through `E` ($EDITOR) once the note exists.
        fields.push(Field::text("Text", ""));
    }
    if existing.is_some() { Form::edit(title, purpose, fields) } else { Form::new(title, purpose, fields) }
}

pub fn card_form() -> Form {
    Form::new(
        "Add a flashcard",
        Purpose::AddCard,
        vec![Field::text("Question", ""), Field::text("Answer", ""), Field::text("Product", "")],
    )
}

/// `e` in a review: a hand-made card's question and answer.
pub fn edit_card_form(card: &crate::domain::knowledge::Flashcard) -> Form {
    Form::edit(
        format!("Edit card #{}", card.id),
        Purpose::EditCard(card.id),
        vec![Field::text("Question", &card.front), Field::text("Answer", &card.back)],
    )
}

/// The one objection a card answers, as stored ("" for none).
fn card_objection(form: &Form, ctx: &Ctx) -> Result<String, String> {
    match stored_objections(form.value("Objection"), &ctx.config.objections)?.as_slice() {
        [] => Ok(String::new()),
        [one] => Ok(one.clone()),
        _ => Err("one objection per card".into()),
    }
}

fn card_statuses(form: &mut Form, store: &Store, ctx: &Ctx) {
    let technique = lookup_status(form.value("Technique"), false, Named::Technique, store);
    let objection = match (form.value("Objection").trim(), card_objection(form, ctx)) {
        ("", _) => Status::Empty,
        (_, Ok(o)) => Status::Valid(format!("answers '{o}'")),
        (_, Err(e)) => Status::Invalid(e.trim_start_matches("objection: ").to_string()),
    };
    let tied = !form.value("Technique").trim().is_empty() || !form.value("Objection").trim().is_empty();
    let kind = match NoteKind::parse(form.value("Kind")) {
        Ok(NoteKind::Note) => Status::Valid("a note".into()),
        Ok(kind) if tied => Status::Valid(format!("a playbook card: {}", kind.label())),
        Ok(_) => Status::Invalid("a card is for a technique or an objection: name one below".into()),
        Err(e) => Status::Invalid(e),
    };
    form.set_status("Kind", kind);
    form.set_status("Technique", technique);
    form.set_status("Objection", objection);
}

/// The card fields of the form, put on `note`.
fn with_card_fields(mut note: NewNote, form: &Form, store: &Store, ctx: &Ctx) -> Result<NewNote> {
    note.kind = NoteKind::parse(form.value("Kind")).map_err(|e| FieldError::new("kind", e))?;
    note.technique_id =
        store.resolve_optional(Named::Technique, Some(form.value("Technique")).filter(|v| !v.is_empty()))?;
    note.objection = card_objection(form, ctx).map_err(|e| FieldError::new("objection", e))?;
    Ok(note)
}

pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    let product = lookup_status(form.value("Product"), false, Named::Product, store);
    match form.purpose {
        Purpose::AddCard | Purpose::EditCard(_) => {
            form.set_status("Question", text_status(form.value("Question"), true));
            form.set_status("Answer", text_status(form.value("Answer"), true));
        }
        _ => {
            form.set_status("Title", text_status(form.value("Title"), true));
            form.set_status("Tags", text_status(form.value("Tags"), false));
            let (pairs, problems) = parse_qa(form.value("Text"));
            let text = match (pairs.len(), problems.first()) {
                (_, Some(problem)) => Status::Invalid(problem.to_string()),
                (0, None) => Status::Empty,
                (n, None) => Status::Valid(format!("{n} flashcards")),
            };
            form.set_status("Text", text);
            card_statuses(form, store, ctx);
        }
    }
    form.set_status("Product", product);
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Saved> {
    let product_id = store.resolve_optional(Named::Product, Some(form.value("Product")).filter(|v| !v.is_empty()))?;
    match form.purpose {
        Purpose::AddCard => {
            let id = store.add_card(form.value("Question"), form.value("Answer"), product_id, ctx.today)?;
            Ok(Saved::from(format!("Added card #{id}: it joins today's training")))
        }
        Purpose::EditCard(id) => {
            store
                .update_card(id, form.value("Question"), form.value("Answer"))
                .map_err(|e| anyhow::anyhow!(short(&e)))?;
            Ok(Saved::from(format!("Saved card #{id}")))
        }
        Purpose::EditNote(id) => {
            let existing = store.note(id)?;
            let note = NewNote {
                title: form.value("Title").into(),
                tags: form.value("Tags").into(),
                product_id,
                ..existing.as_new()
            };
            store.update_note(id, &note, ctx.today).map_err(|e| anyhow::anyhow!(short(&e)))?;
            Ok(Saved::about(Subject::Note(id), format!("Saved note #{id}")))
        }
        _ => {
            let note =
                NewNote::plain(form.value("Title"), form.value("Text"), form.value("Tags"), product_id, ctx.today);
            let note = with_card_fields(note, form, store, ctx)?;
            let (id, sync) = store.add_note(&note)?;
            let message = format!("Added note #{id} with {} flashcards; E edits its text in $EDITOR", sync.added);
            Ok(Saved::about(Subject::Note(id), message))
        }
    }
}
