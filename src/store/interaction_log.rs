//! The interaction log, newest first: per customer it walks `interactions_by_customer`,
//! otherwise `interactions_by_date` (ties within one day put in id order, a few rows each).

use super::Store;
use super::plans::HotQuery;
use crate::domain::sale::{InteractionKind, Outcome};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Row, params};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InteractionFilter {
    pub customer_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InteractionRow {
    pub id: i64,
    pub happened_on: NaiveDate,
    pub kind: InteractionKind,
    pub outcome: Outcome,
    pub lost_reason: String,
    pub customer_id: i64,
    pub customer: String,
    pub technique: Option<String>,
    pub product: Option<String>,
    pub note: String,
    /// The objections raised, in the order of their one-per-interaction index (by name).
    pub objections: Vec<String>,
    pub response: String,
}

const SELECT: &str =
    "SELECT i.id, i.happened_on, i.kind, i.outcome, i.lost_reason, i.customer_id, c.name, t.name, p.name, i.note,
            (SELECT group_concat(objection, char(31)) FROM interaction_objections WHERE interaction_id = i.id),
            i.response
     FROM interactions i
     JOIN customers c ON c.id = i.customer_id
     LEFT JOIN techniques t ON t.id = i.technique_id
     LEFT JOIN products p ON p.id = i.product_id";

fn by_customer_sql() -> String {
    format!(
        "{SELECT} WHERE i.customer_id = ?1 AND i.happened_on BETWEEN ?2 AND ?3 ORDER BY i.happened_on DESC, i.id DESC"
    )
}

fn by_date_sql() -> String {
    format!("{SELECT} WHERE i.happened_on BETWEEN ?1 AND ?2 ORDER BY i.happened_on DESC, i.id DESC")
}

pub(super) fn hot_queries() -> Vec<HotQuery> {
    vec![
        HotQuery::new("interaction list by customer", by_customer_sql(), 3),
        HotQuery::new("interaction list by date", by_date_sql(), 2),
    ]
}

fn interaction_row(row: &Row<'_>) -> rusqlite::Result<InteractionRow> {
    let text = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    let kind = InteractionKind::parse(&text(2)?).unwrap_or(InteractionKind::Call);
    let outcome = Outcome::parse(&text(3)?).unwrap_or(Outcome::None);
    Ok(InteractionRow {
        id: row.get(0)?,
        happened_on: row.get(1)?,
        kind,
        outcome,
        lost_reason: row.get(4)?,
        customer_id: row.get(5)?,
        customer: row.get(6)?,
        technique: row.get(7)?,
        product: row.get(8)?,
        note: row.get(9)?,
        // Unit separator: no objection can hold a control character.
        objections: row
            .get::<_, Option<String>>(10)?
            .map(|all| all.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        response: row.get(11)?,
    })
}

impl Store {
    /// Interactions within the filter, newest first.
    pub fn interactions(&self, filter: &InteractionFilter) -> Result<Vec<InteractionRow>> {
        let mut rows = Vec::new();
        self.each_interaction(filter, |row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Hands each interaction within the filter to `f`, newest first, one at a time.
    pub fn each_interaction(
        &self,
        filter: &InteractionFilter,
        mut f: impl FnMut(InteractionRow) -> Result<()>,
    ) -> Result<()> {
        let from = filter.from.map_or_else(|| "0000-01-01".to_string(), |d| d.to_string());
        let to = filter.to.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
        let (sql, customer) = match filter.customer_id {
            Some(customer) => (by_customer_sql(), Some(customer)),
            None => (by_date_sql(), None),
        };
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = match customer {
            Some(customer) => stmt.query(params![customer, from, to])?,
            None => stmt.query(params![from, to])?,
        };
        while let Some(row) = rows.next()? {
            f(interaction_row(row)?)?;
        }
        Ok(())
    }
}
