//! Flashcards: the daily queue, grading, and retention per product beside its win rate.

use super::Store;
use crate::domain::FieldError;
use crate::domain::knowledge::Flashcard;
use crate::domain::srs::{CardState, Grade, Memory, QueueCard, Scheduler, daily_queue};
use anyhow::Result;
use chrono::{Days, NaiveDate};
use rusqlite::{OptionalExtension, Row, params};

const CARD_SQL: &str =
    "SELECT id, note_id, product_id, front, back, state, due_on, stability, difficulty, reps, lapses,
    scheduled_days, last_review_on FROM flashcards";

fn card_row(r: &Row<'_>) -> rusqlite::Result<Flashcard> {
    let state: String = r.get(5)?;
    Ok(Flashcard {
        id: r.get(0)?,
        note_id: r.get(1)?,
        product_id: r.get(2)?,
        front: r.get(3)?,
        back: r.get(4)?,
        memory: Memory {
            state: CardState::parse(&state)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, e.into()))?,
            due_on: r.get(6)?,
            stability: r.get(7)?,
            difficulty: r.get(8)?,
            reps: r.get(9)?,
            lapses: r.get(10)?,
            scheduled_days: r.get(11)?,
            last_review_on: r.get(12)?,
        },
    })
}

/// Training figures for one product, shown beside its win rate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProductTraining {
    pub product_id: i64,
    pub product: String,
    pub cards: u64,
    /// Reviews graded Good/Easy in the last 30 days, of all reviews then (per mille).
    pub retention_permille: Option<i64>,
    pub reviews_30d: u64,
    /// Won / (won + lost) interactions about the product in the last 12 months.
    pub win_rate_permille: Option<i64>,
    pub decided: u64,
}

impl Store {
    /// Adds a card by hand (not from a note).
    pub fn add_card(&mut self, front: &str, back: &str, product_id: Option<i64>, today: NaiveDate) -> Result<i64> {
        if front.trim().is_empty() {
            return Err(FieldError::new("front", "is required").into());
        }
        if back.trim().is_empty() {
            return Err(FieldError::new("back", "is required").into());
        }
        self.change(|tx| {
            tx.execute(
                "INSERT INTO flashcards (product_id, front, back, due_on, created_on) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![product_id, front.trim(), back.trim(), today],
            )?;
            let id = tx.last_insert_rowid();
            Ok((id, format!("Added card #{id} {}", crate::domain::undo::quoted(front))))
        })
    }

    pub fn card(&self, id: i64) -> Result<Flashcard> {
        let found = self.card_if_any(id)?;
        found.ok_or_else(|| FieldError::new("card", format!("there is no card #{id}")).into())
    }

    /// The card, or `None` when there is none by that id (its note deleted, say).
    pub fn card_if_any(&self, id: i64) -> Result<Option<Flashcard>> {
        Ok(self.conn().query_row(&format!("{CARD_SQL} WHERE id = ?1"), params![id], card_row).optional()?)
    }

    pub fn cards_for_note(&self, note_id: i64) -> Result<Vec<Flashcard>> {
        let mut stmt = self.conn().prepare_cached(&format!("{CARD_SQL} WHERE note_id = ?1 ORDER BY id"))?;
        let rows = stmt.query_map(params![note_id], card_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Today's review queue: due cards, then new ones within the daily new-card limit.
    pub fn review_queue(&self, today: NaiveDate, new_limit: u32) -> Result<Vec<i64>> {
        let mut due = self.conn().prepare_cached(
            "SELECT id, due_on FROM flashcards WHERE suspended = 0 AND state <> 'new' AND due_on <= ?1 ORDER BY due_on, id",
        )?;
        let mut cards: Vec<QueueCard> = due
            .query_map(params![today], |r| Ok(QueueCard { id: r.get(0)?, is_new: false, due_on: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let mut new = self.conn().prepare_cached(
            "SELECT id, due_on FROM flashcards WHERE suspended = 0 AND state = 'new' ORDER BY id LIMIT ?1",
        )?;
        cards.extend(
            new.query_map(params![new_limit], |r| Ok(QueueCard { id: r.get(0)?, is_new: true, due_on: r.get(1)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?,
        );
        let seen: i64 = self.conn().query_row(
            "SELECT count(*) FROM flashcards WHERE first_review_on = ?1",
            params![today],
            |r| r.get(0),
        )?;
        Ok(daily_queue(&cards, today, new_limit, seen.unsigned_abs() as u32))
    }

    /// Grades a card on `today` and stores its next schedule and the review.
    pub fn grade_card(&mut self, id: i64, grade: Grade, today: NaiveDate) -> Result<Memory> {
        self.change(|tx| {
            // Read inside the write lock: a review in another window cannot be lost.
            let card = tx.query_row(&format!("{CARD_SQL} WHERE id = ?1"), params![id], card_row).optional()?;
            let card = card.ok_or_else(|| FieldError::new("card", format!("there is no card #{id}")))?;
            let next = Scheduler::default().review(&card.memory, grade, today);
            tx.execute(
                "UPDATE flashcards SET state = ?2, due_on = ?3, stability = ?4, difficulty = ?5, reps = ?6, lapses = ?7,
                        scheduled_days = ?8, last_review_on = ?9, first_review_on = coalesce(first_review_on, ?9)
                 WHERE id = ?1",
                params![
                    id,
                    next.state.as_str(),
                    next.due_on,
                    next.stability,
                    next.difficulty,
                    next.reps,
                    next.lapses,
                    next.scheduled_days,
                    today
                ],
            )?;
            tx.execute(
                "INSERT INTO card_reviews (card_id, reviewed_on, grade) VALUES (?1, ?2, ?3)",
                params![id, today, grade.number()],
            )?;
            let label = format!(
                "Reviewed card #{id} {} as {} (next on {})",
                crate::domain::undo::quoted(&card.front),
                grade.label(),
                next.due_on
            );
            Ok((next, label))
        })
    }

    /// Per product with cards or sales talk: cards, 30-day retention and 12-month win rate.
    pub fn product_training(&self, today: NaiveDate) -> Result<Vec<ProductTraining>> {
        let month_ago = today - Days::new(29);
        let year_ago = today - Days::new(364);
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.name,
                (SELECT count(*) FROM flashcards f WHERE f.product_id = p.id),
                (SELECT count(*) FROM card_reviews r JOIN flashcards f ON f.id = r.card_id
                  WHERE f.product_id = p.id AND r.reviewed_on BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM card_reviews r JOIN flashcards f ON f.id = r.card_id
                  WHERE f.product_id = p.id AND r.reviewed_on BETWEEN ?1 AND ?2 AND r.grade >= 3),
                (SELECT count(*) FROM interactions i WHERE i.product_id = p.id AND i.outcome = 'won' AND i.happened_on BETWEEN ?3 AND ?2),
                (SELECT count(*) FROM interactions i WHERE i.product_id = p.id AND i.outcome = 'lost' AND i.happened_on BETWEEN ?3 AND ?2)
             FROM products p WHERE p.archived = 0 ORDER BY p.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map(params![month_ago, today, year_ago], |r| {
            let reviews: i64 = r.get(3)?;
            let recalled: i64 = r.get(4)?;
            let won: i64 = r.get(5)?;
            let lost: i64 = r.get(6)?;
            let share = |part: i64, whole: i64| (whole > 0).then(|| (part * 1000 + whole / 2) / whole);
            Ok(ProductTraining {
                product_id: r.get(0)?,
                product: r.get(1)?,
                cards: r.get::<_, i64>(2)?.unsigned_abs(),
                retention_permille: share(recalled, reviews),
                reviews_30d: reviews.unsigned_abs(),
                win_rate_permille: share(won, won + lost),
                decided: (won + lost).unsigned_abs(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
