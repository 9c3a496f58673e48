//! Changing what was recorded about care and knowledge: a complaint's severity, summary
//! and resolution, a satisfaction score, a hand-made flashcard.

use super::Store;
use super::edits::not_found;
use crate::domain::FieldError;
use crate::domain::care::Severity;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// A complaint's severity, summary and (once resolved) resolution, as they should read.
    pub fn update_complaint(
        &mut self,
        id: i64,
        severity: Severity,
        summary: &str,
        resolution: Option<&str>,
    ) -> Result<()> {
        crate::domain::field_error::required_text("summary", summary, 2_000)?;
        if let Some(text) = resolution {
            crate::domain::field_error::required_text("resolution", text, 2_000)?;
        }
        self.change(|tx| {
            let resolved: Option<Option<NaiveDate>> = tx
                .query_row("SELECT resolved_on FROM complaints WHERE id = ?1", params![id], |r| r.get(0))
                .optional()?;
            let Some(resolved) = resolved else { return Err(not_found("complaint", id)) };
            if resolution.is_some() && resolved.is_none() {
                bail!(FieldError::new("resolution", "the complaint is open; resolve it to record what was done"));
            }
            tx.execute(
                "UPDATE complaints SET severity = ?2, summary = ?3, resolution = coalesce(?4, resolution) WHERE id = ?1",
                params![id, severity.as_str(), summary.trim(), resolution.map(str::trim)],
            )?;
            Ok(((), format!("Edited complaint #{id} ({})", severity.label())))
        })
    }

    pub fn score(&self, id: i64) -> Result<crate::domain::care::Score> {
        self.conn()
            .query_row(
                "SELECT id, customer_id, sale_id, score, comment, rated_on FROM satisfaction WHERE id = ?1",
                params![id],
                |r| {
                    Ok(crate::domain::care::Score {
                        id: r.get(0)?,
                        customer_id: r.get(1)?,
                        sale_id: r.get(2)?,
                        score: r.get(3)?,
                        comment: r.get(4)?,
                        rated_on: r.get(5)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| not_found("score", id))
    }

    /// A satisfaction score's number and comment; its day and customer stay.
    pub fn update_score(&mut self, id: i64, score: u8, comment: &str) -> Result<()> {
        if score > 10 {
            bail!(FieldError::new("score", format!("{score} is outside 0-10")));
        }
        crate::domain::field_error::optional_text("comment", comment, 2_000)?;
        self.change(|tx| {
            let changed = tx.execute(
                "UPDATE satisfaction SET score = ?2, comment = ?3 WHERE id = ?1",
                params![id, score, comment.trim()],
            )?;
            if changed == 0 {
                return Err(not_found("score", id));
            }
            Ok(((), format!("Edited score #{id} ({score})")))
        })
    }

    /// A hand-made card's front and back (its review history stays). A card from a
    /// note's `Q:`/`A:` lines changes with the note.
    pub fn update_card(&mut self, id: i64, front: &str, back: &str) -> Result<()> {
        crate::domain::field_error::required_text("front", front, 2_000)?;
        crate::domain::field_error::required_text("back", back, 2_000)?;
        self.change(|tx| {
            let note: Option<Option<i64>> =
                tx.query_row("SELECT note_id FROM flashcards WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
            match note {
                None => return Err(not_found("card", id)),
                Some(Some(note)) => bail!(FieldError::new(
                    "id",
                    format!(
                        "card #{id} comes from note #{note}'s Q:/A: lines; edit the note (salescoach note edit {note})"
                    )
                )),
                Some(None) => {}
            }
            tx.execute(
                "UPDATE flashcards SET front = ?2, back = ?3 WHERE id = ?1",
                params![id, front.trim(), back.trim()],
            )?;
            Ok(((), format!("Edited card #{id}")))
        })
    }
}
