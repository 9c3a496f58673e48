//! Follow-up queries for the daily checklist. Every query walks the partial index
//! `followups_open_by_due`, so it stays instant with 100,000 follow-ups on file.

use super::Store;
use crate::domain::followup::{FollowupKind, Section};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Row, params};

/// One line of the checklist: a follow-up with its customer's name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChecklistRow {
    pub section: Section,
    pub followup_id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub kind: FollowupKind,
    pub reason: String,
    pub due_on: NaiveDate,
    pub due_time: Option<String>,
}

/// The date condition that puts an open follow-up in `section`.
fn due_condition(section: Section) -> Option<&'static str> {
    match section {
        Section::Overdue => Some("f.due_on < ?1"),
        Section::Today => Some("f.due_on = ?1"),
        _ => None,
    }
}

fn section_count_sql(condition: &str) -> String {
    format!(
        "SELECT count(*) FROM followups f JOIN customers c ON c.id = f.customer_id
         WHERE f.status = 'open' AND {condition} AND c.archived = 0"
    )
}

fn section_rows_sql(condition: &str) -> String {
    format!(
        "SELECT f.id, f.customer_id, c.name, f.kind, f.reason, f.due_on, f.due_time
         FROM followups f JOIN customers c ON c.id = f.customer_id
         WHERE f.status = 'open' AND {condition} AND c.archived = 0
         ORDER BY f.due_on, f.due_time, f.id
         LIMIT ?2 OFFSET ?3"
    )
}

/// The checklist's queries with sample parameters, for `Store::query_plans`.
pub(super) fn hot_queries() -> Vec<(String, String, usize)> {
    let mut queries = Vec::new();
    for section in CHECKLIST_SECTIONS {
        if let Some(condition) = due_condition(section) {
            queries.push((format!("{section:?} count"), section_count_sql(condition), 1));
            queries.push((format!("{section:?} rows"), section_rows_sql(condition), 3));
        }
    }
    queries
}

impl Store {
    /// How many rows each follow-up section of today's checklist holds.
    pub fn followup_section_count(&self, today: NaiveDate, section: Section) -> Result<u64> {
        let Some(condition) = due_condition(section) else { return Ok(0) };
        let sql = section_count_sql(condition);
        let count: i64 = self.conn().prepare_cached(&sql)?.query_row(params![today], |r| r.get(0))?;
        Ok(count.unsigned_abs())
    }

    /// A window of one follow-up section, oldest first (ties by time, then entry order).
    pub fn followup_section_rows(
        &self,
        today: NaiveDate,
        section: Section,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<ChecklistRow>> {
        let Some(condition) = due_condition(section) else { return Ok(Vec::new()) };
        let sql = section_rows_sql(condition);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![today, limit as i64, offset as i64], |row| checklist_row(section, row))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn checklist_row(section: Section, row: &Row<'_>) -> rusqlite::Result<ChecklistRow> {
    let kind: String = row.get(3)?;
    Ok(ChecklistRow {
        section,
        followup_id: row.get(0)?,
        customer_id: row.get(1)?,
        customer: row.get(2)?,
        kind: FollowupKind::parse(&kind)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, e.into()))?,
        reason: row.get(4)?,
        due_on: row.get(5)?,
        due_time: row.get(6)?,
    })
}

/// The sections the checklist shows, in working order.
pub const CHECKLIST_SECTIONS: [Section; 2] = [Section::Overdue, Section::Today];

impl Store {
    /// Each checklist section with its row count (empty sections included).
    pub fn checklist_counts(&self, today: NaiveDate) -> Result<Vec<(Section, u64)>> {
        CHECKLIST_SECTIONS.iter().map(|&s| Ok((s, self.followup_section_count(today, s)?))).collect()
    }
}
