//! What the app's pages read beside their lists: a customer's latest contacts with their
//! notes, a product's flashcards, a customer's open follow-ups of one kind coming up.

use super::Store;
use crate::domain::followup::{Followup, FollowupKind};
use crate::domain::knowledge::Flashcard;
use crate::domain::sale::{InteractionKind, Outcome};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

/// One logged contact, as the customer page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub happened_on: NaiveDate,
    pub kind: InteractionKind,
    pub outcome: Outcome,
    pub technique: Option<String>,
    pub product: Option<String>,
    pub note: String,
}

const RECENT_CONTACTS_SQL: &str = "SELECT i.happened_on, i.kind, i.outcome, t.name, p.name, i.note
     FROM interactions i
     LEFT JOIN techniques t ON t.id = i.technique_id
     LEFT JOIN products p ON p.id = i.product_id
     WHERE i.customer_id = ?1 ORDER BY i.happened_on DESC, i.id DESC LIMIT ?2";

const PRODUCT_CARDS_SQL: &str = "SELECT id FROM flashcards WHERE product_id = ?1 ORDER BY id";

const OPEN_FOLLOWUPS_OF_SQL: &str = "SELECT id FROM followups
     WHERE customer_id = ?1 AND status = 'open' AND due_on <= ?2 AND kind = ?3 ORDER BY due_on, id";

/// The pages' queries, for `Store::query_plans`.
pub(super) fn hot_queries() -> Vec<super::plans::HotQuery> {
    use super::plans::HotQuery;
    vec![
        HotQuery::new("customer page contacts", RECENT_CONTACTS_SQL, 2),
        HotQuery::new("product page cards", PRODUCT_CARDS_SQL, 1),
        HotQuery::new("open follow-ups of a customer", OPEN_FOLLOWUPS_OF_SQL, 3),
    ]
}

impl Store {
    /// A customer's latest `limit` interactions, newest first (walks
    /// `interactions_by_customer` backwards).
    pub fn recent_contacts(&self, customer_id: i64, limit: u64) -> Result<Vec<Contact>> {
        let mut stmt = self.conn().prepare_cached(RECENT_CONTACTS_SQL)?;
        let rows = stmt.query_map(params![customer_id, limit as i64], |r| {
            let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
            let bad = |i: usize, e: String| {
                rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
            };
            Ok(Contact {
                happened_on: r.get(0)?,
                kind: InteractionKind::parse(&text(1)?).map_err(|e| bad(1, e))?,
                outcome: Outcome::parse(&text(2)?).map_err(|e| bad(2, e))?,
                technique: r.get(3)?,
                product: r.get(4)?,
                note: text(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The flashcards about a product (its notes' cards and those added by hand), by id.
    pub fn product_cards(&self, product_id: i64) -> Result<Vec<Flashcard>> {
        let mut stmt = self.conn().prepare_cached(PRODUCT_CARDS_SQL)?;
        let ids = stmt.query_map(params![product_id], |r| r.get::<_, i64>(0))?;
        ids.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().map(|id| self.card(id)).collect()
    }

    /// A customer's open follow-ups of `kind` due up to `until` (overdue ones too), oldest
    /// first: the reorder check a new sale answers.
    pub fn open_followups_of(&self, customer_id: i64, kind: FollowupKind, until: NaiveDate) -> Result<Vec<Followup>> {
        let mut stmt = self.conn().prepare_cached(OPEN_FOLLOWUPS_OF_SQL)?;
        let ids = stmt.query_map(params![customer_id, until, kind.as_str()], |r| r.get::<_, i64>(0))?;
        ids.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().map(|id| self.followup(id)).collect()
    }
}
