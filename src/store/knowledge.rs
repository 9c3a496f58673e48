//! Products and notes. Saving a note re-reads its `Q:`/`A:` pairs and keeps its flashcards
//! in step in the same transaction: unchanged questions keep their schedule.

use super::Store;
use super::records::{insert_note, insert_product};
use crate::domain::FieldError;
use crate::domain::knowledge::{NewNote, NewProduct, Note, NoteKind, Product};
use crate::domain::qa::{QaProblem, parse_qa};
use crate::domain::text::counted;
use crate::domain::undo::quoted;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

fn product_row(r: &Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        price_minor: r.get(3)?,
        description: r.get(4)?,
        archived: r.get(5)?,
    })
}

pub(super) const NOTE_SQL: &str =
    "SELECT n.id, n.title, n.body, n.tags, n.product_id, p.name, n.created_on, n.updated_on,
           n.kind, n.technique_id, t.name, n.objection
    FROM notes n LEFT JOIN products p ON p.id = n.product_id LEFT JOIN techniques t ON t.id = n.technique_id";

pub(super) fn note_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        title: r.get(1)?,
        body: r.get(2)?,
        tags: r.get(3)?,
        product_id: r.get(4)?,
        product: r.get(5)?,
        created_on: r.get(6)?,
        updated_on: r.get(7)?,
        kind: NoteKind::parse(&r.get::<_, String>(8)?).unwrap_or(NoteKind::Note),
        technique_id: r.get(9)?,
        technique: r.get(10)?,
        objection: r.get(11)?,
    })
}

/// What saving a note did to its cards, and the Q/A lines it could not read.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CardSync {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    #[serde(serialize_with = "problems_as_text")]
    pub problems: Vec<QaProblem>,
}

fn problems_as_text<S: serde::Serializer>(problems: &[QaProblem], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(problems.iter().map(ToString::to_string))
}

/// Brings a note's cards in line with the Q/A pairs in its body.
fn sync_cards(
    tx: &Connection,
    note_id: i64,
    body: &str,
    product_id: Option<i64>,
    today: NaiveDate,
) -> Result<CardSync> {
    let (pairs, problems) = parse_qa(body);
    let mut existing: Vec<(i64, String, String)> = tx
        .prepare_cached("SELECT id, front, back FROM flashcards WHERE note_id = ?1")?
        .query_map(params![note_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut sync = CardSync { problems, ..CardSync::default() };
    for pair in &pairs {
        match existing.iter().position(|(_, front, _)| *front == pair.front) {
            Some(index) => {
                let (id, _, back) = existing.swap_remove(index);
                if back != pair.back {
                    tx.execute("UPDATE flashcards SET back = ?2 WHERE id = ?1", params![id, pair.back])?;
                    sync.updated += 1;
                }
                tx.execute("UPDATE flashcards SET product_id = ?2 WHERE id = ?1", params![id, product_id])?;
            }
            None => {
                tx.execute(
                    "INSERT INTO flashcards (note_id, product_id, front, back, due_on, created_on) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                    params![note_id, product_id, pair.front, pair.back, today],
                )?;
                sync.added += 1;
            }
        }
    }
    for (id, _, _) in existing {
        tx.execute("DELETE FROM flashcards WHERE id = ?1", params![id])?;
        sync.removed += 1;
    }
    Ok(sync)
}

/// The demo loader's way in: cards for a note inserted inside its own transaction.
pub(super) fn sync_note_cards(tx: &Connection, id: i64, note: &NewNote) -> Result<CardSync> {
    sync_cards(tx, id, &note.body, note.product_id, note.created_on)
}

/// Product names are unique (any case), so a name always finds one product.
/// How many cards note `id` has, for a step's label.
fn card_count(tx: &Connection, id: i64) -> Result<i64> {
    Ok(tx.query_row("SELECT count(*) FROM flashcards WHERE note_id = ?1", params![id], |r| r.get(0))?)
}

fn check_product_name_free(tx: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<i64> = tx
        .query_row(
            "SELECT id FROM products WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![name.trim(), except],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(id) => Err(FieldError::new("name", format!("product #{id} is already called '{}'", name.trim())).into()),
        None => Ok(()),
    }
}

impl Store {
    pub fn add_product(&mut self, product: &NewProduct) -> Result<i64> {
        product.validate()?;
        self.change(|tx| {
            check_product_name_free(tx, &product.name, None)?;
            let id = insert_product(tx, product)?;
            Ok((id, format!("Added product #{id} {}", product.name.trim())))
        })
    }

    pub fn product(&self, id: i64) -> Result<Product> {
        let found = self
            .conn()
            .query_row(
                "SELECT id, name, category, price_minor, description, archived FROM products WHERE id = ?1",
                params![id],
                product_row,
            )
            .optional()?;
        found.ok_or_else(|| FieldError::new("product", format!("there is no product #{id}")).into())
    }

    pub fn products(&self, include_archived: bool) -> Result<Vec<Product>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, category, price_minor, description, archived FROM products
             WHERE archived = 0 OR ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map(params![include_archived], product_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn update_product(&mut self, id: i64, p: &NewProduct) -> Result<()> {
        p.validate()?;
        self.product(id)?;
        self.change(|tx| {
            check_product_name_free(tx, &p.name, Some(id))?;
            tx.execute(
                "UPDATE products SET name = ?2, category = ?3, price_minor = ?4, description = ?5 WHERE id = ?1",
                params![id, p.name.trim(), p.category.trim(), p.price_minor, p.description],
            )?;
            Ok(((), format!("Edited product #{id} {}", p.name.trim())))
        })
    }

    pub fn set_product_archived(&mut self, id: i64, archived: bool) -> Result<()> {
        let name = self.product(id)?.name;
        self.change(|tx| {
            tx.execute("UPDATE products SET archived = ?2 WHERE id = ?1", params![id, archived])?;
            Ok(((), format!("{} product #{id} {name}", if archived { "Archived" } else { "Restored" })))
        })
    }

    /// Adds a note and the cards its `Q:`/`A:` pairs describe.
    pub fn add_note(&mut self, note: &NewNote) -> Result<(i64, CardSync)> {
        self.change(|tx| {
            let id = insert_note(tx, note)?;
            let sync = sync_cards(tx, id, &note.body, note.product_id, note.created_on)?;
            let cards = card_count(tx, id)?;
            let with = if cards > 0 { format!(" with {}", counted(cards, "card", "cards")) } else { String::new() };
            Ok(((id, sync), format!("Added note #{id} {}{with}", quoted(&note.title))))
        })
    }

    pub fn update_note(&mut self, id: i64, note: &NewNote, today: NaiveDate) -> Result<CardSync> {
        note.validate()?;
        self.note(id)?;
        self.change(|tx| {
            tx.execute(
                "UPDATE notes SET title = ?2, body = ?3, tags = ?4, product_id = ?5, updated_on = ?6, kind = ?7,
                     technique_id = ?8, objection = ?9 WHERE id = ?1",
                params![
                    id,
                    note.title.trim(),
                    note.body,
                    note.tags.trim(),
                    note.product_id,
                    today,
                    note.kind.as_str(),
                    note.technique_id,
                    note.objection.trim()
                ],
            )?;
            let sync = sync_cards(tx, id, &note.body, note.product_id, today)?;
            Ok((sync, format!("Edited note #{id} {}", quoted(&note.title))))
        })
    }

    pub fn delete_note(&mut self, id: i64) -> Result<()> {
        let title = self.note(id)?.title;
        self.change(|tx| {
            let cards = card_count(tx, id)?;
            tx.execute("DELETE FROM notes WHERE id = ?1", params![id])?;
            let with = if cards > 0 { format!(" with its {}", counted(cards, "card", "cards")) } else { String::new() };
            Ok(((), format!("Deleted note #{id} {}{with}", quoted(&title))))
        })
    }

    pub fn note(&self, id: i64) -> Result<Note> {
        let found = self.conn().query_row(&format!("{NOTE_SQL} WHERE n.id = ?1"), params![id], note_row).optional()?;
        found.ok_or_else(|| FieldError::new("note", format!("there is no note #{id}")).into())
    }

    /// Notes, newest first, optionally only one product's.
    pub fn notes(&self, product_id: Option<i64>) -> Result<Vec<Note>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{NOTE_SQL} WHERE ?1 IS NULL OR n.product_id = ?1 ORDER BY n.updated_on DESC, n.id DESC"
        ))?;
        let rows = stmt.query_map(params![product_id], note_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
