//! Playbook cards: `note add --kind steps --technique "Live demo"` writes one, and
//! `salescoach playbook --technique T | --objection O | --customer C` shows the cards for a
//! technique, an objection, or a customer's segment's usual objections.

use super::{Env, print_json};
use crate::domain::FieldError;
use crate::domain::knowledge::{NewNote, Note, NoteKind};
use crate::domain::objections::stored_objections;
use crate::domain::text::{multi_line, one_line};
use crate::store::{Named, Store};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct PlaybookFields {
    /// note, or a playbook card: steps, questions (to ask) or answers (to objections);
    /// a card needs --technique or --objection (steps for a technique and answers for an
    /// objection by default).
    #[arg(long)]
    pub kind: Option<String>,
    /// The technique a playbook card is for: name (or part of it) or #id; "" for none.
    #[arg(long)]
    pub technique: Option<String>,
    /// The objection a playbook card answers (one of the config's or your words); "" for none.
    #[arg(long)]
    pub objection: Option<String>,
}

impl PlaybookFields {
    /// `note` with what was given replaced.
    pub fn apply(&self, mut note: NewNote, store: &Store, env: &Env) -> Result<NewNote> {
        if let Some(technique) = &self.technique {
            note.technique_id =
                store.resolve_optional(Named::Technique, Some(technique.as_str()).filter(|t| !t.is_empty()))?;
        }
        if let Some(objection) = &self.objection {
            note.objection = match stored_objections(objection, &env.config.objections)
                .map_err(|e| FieldError::new("objection", e.trim_start_matches("objection: ").to_string()))?
                .as_slice()
            {
                [] => String::new(),
                [one] => one.clone(),
                _ => return Err(FieldError::new("objection", "one objection per card").into()),
            };
        }
        let tied = note.technique_id.is_some() || !note.objection.is_empty();
        note.kind = match &self.kind {
            Some(kind) => NoteKind::parse(kind).map_err(|e| FieldError::new("kind", e))?,
            None if note.kind == NoteKind::Note && note.technique_id.is_some() => NoteKind::Steps,
            None if note.kind == NoteKind::Note && tied => NoteKind::Answers,
            None => note.kind,
        };
        Ok(note)
    }
}

/// " · steps for Live demo" after a card's title in a list; "" for a plain note.
pub fn card_for(note: &Note) -> String {
    note.card_label().map(|label| format!(" · {label}")).unwrap_or_default()
}

#[derive(Debug, Args)]
pub struct PlaybookArgs {
    /// The technique: name (or part of it) or #id.
    #[arg(long)]
    pub technique: Option<String>,
    /// Objections, separated by commas.
    #[arg(long)]
    pub objection: Option<String>,
    /// A customer: their segment's usual objections (last 12 months).
    #[arg(long)]
    pub customer: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &PlaybookArgs, env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let technique = store.resolve_optional(Named::Technique, args.technique.as_deref())?;
    let mut objections = match &args.objection {
        Some(text) => stored_objections(text, &env.config.objections)
            .map_err(|e| FieldError::new("objection", e.trim_start_matches("objection: ").to_string()))?,
        None => Vec::new(),
    };
    let customer = store.resolve_optional(Named::Customer, args.customer.as_deref())?;
    if let Some(id) = customer {
        objections.extend(store.usual_objections_of(id, env.today, &env.config.objections)?);
    }
    if technique.is_none() && objections.is_empty() && customer.is_none() {
        return Err(super::UsageError("give --technique, --objection or --customer".into()).into());
    }
    let cards = store.playbook_cards(technique, &objections)?;
    if args.json {
        return print_json(&serde_json::json!({ "objections": objections, "cards": cards }));
    }
    if cards.is_empty() {
        outln!("No playbook card for that yet: add one with `salescoach note add --kind steps --technique ...`.");
    }
    for card in &cards {
        outln!("# {}{}\n", one_line(&card.title), card_for(card));
        outln!("{}\n", multi_line(&card.body));
    }
    Ok(())
}
