//! Complaints and satisfaction scores.

use super::Store;
use super::records::{insert_complaint, insert_score};
use crate::domain::FieldError;
use crate::domain::care::{Complaint, NewComplaint, NewScore, Score, Severity, concern_for_score};
use crate::domain::undo::quoted;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

const COMPLAINT_COLUMNS: &str = "k.id, k.customer_id, c.name, k.sale_id, k.severity, k.summary, k.opened_on,
                                 k.first_response_on, k.resolved_on, k.resolution";

pub(super) fn complaint_row(row: &Row<'_>) -> rusqlite::Result<Complaint> {
    let severity: String = row.get(4)?;
    Ok(Complaint {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        customer: row.get(2)?,
        sale_id: row.get(3)?,
        severity: Severity::parse(&severity)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, e.into()))?,
        summary: row.get(5)?,
        opened_on: row.get(6)?,
        first_response_on: row.get(7)?,
        resolved_on: row.get(8)?,
        resolution: row.get(9)?,
    })
}

/// Open complaints worst first: severity, then the oldest.
pub(super) const OPEN_COMPLAINTS_SQL: &str = "SELECT k.id, k.customer_id, c.name, k.sale_id, k.severity, k.summary,
        k.opened_on, k.first_response_on, k.resolved_on, k.resolution
    FROM complaints k JOIN customers c ON c.id = k.customer_id
    WHERE k.resolved_on IS NULL AND +c.archived = 0
    ORDER BY CASE k.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, k.opened_on, k.id";

/// What a score did: the score's id, and the concern it opened if it was 0-6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Rated {
    pub score_id: i64,
    pub concern_id: Option<i64>,
}

/// A sale named in a complaint or score must exist and be the same customer's.
fn check_sale_of(tx: &rusqlite::Connection, sale_id: Option<i64>, customer_id: i64) -> Result<()> {
    let Some(sale) = sale_id else { return Ok(()) };
    let owner: Option<i64> =
        tx.query_row("SELECT customer_id FROM sales WHERE id = ?1", params![sale], |r| r.get(0)).optional()?;
    match owner {
        None => bail!(FieldError::new("sale", format!("there is no sale #{sale}"))),
        Some(owner) if owner != customer_id => {
            bail!(FieldError::new("sale", format!("#{sale} is another customer's sale")))
        }
        Some(_) => Ok(()),
    }
}

fn load_complaint(tx: &rusqlite::Connection, id: i64) -> Result<Complaint> {
    let sql = format!(
        "SELECT {COMPLAINT_COLUMNS} FROM complaints k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1"
    );
    let found = tx.query_row(&sql, params![id], complaint_row).optional()?;
    found.ok_or_else(|| FieldError::new("complaint", format!("there is no complaint #{id}")).into())
}

fn check_not_before(on: NaiveDate, opened: NaiveDate) -> Result<()> {
    if on < opened {
        bail!(FieldError::new("date", format!("{on} is before the complaint was opened on {opened}")));
    }
    Ok(())
}

/// A score and, for 0-6, its concern, inside the caller's transaction.
pub(super) fn rate_in(tx: &rusqlite::Connection, score: &NewScore) -> Result<Rated> {
    check_sale_of(tx, score.sale_id, score.customer_id)?;
    let score_id = insert_score(tx, score)?;
    let concern_id = concern_for_score(score).map(|c| insert_complaint(tx, &c)).transpose()?;
    Ok(Rated { score_id, concern_id })
}

impl Store {
    pub fn open_complaint(&mut self, complaint: &NewComplaint) -> Result<i64> {
        self.change(|tx| {
            check_sale_of(tx, complaint.sale_id, complaint.customer_id)?;
            let id = insert_complaint(tx, complaint)?;
            let customer = super::customers::customer_name(tx, complaint.customer_id)?;
            Ok((id, format!("Opened complaint #{id} from {customer}: {}", quoted(&complaint.summary))))
        })
    }

    pub fn complaint(&self, id: i64) -> Result<Complaint> {
        load_complaint(self.conn(), id)
    }

    pub fn open_complaints(&self) -> Result<Vec<Complaint>> {
        let mut stmt = self.conn().prepare_cached(OPEN_COMPLAINTS_SQL)?;
        let rows = stmt.query_map([], complaint_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn complaints(&self, customer_id: Option<i64>) -> Result<Vec<Complaint>> {
        let sql = format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaints k JOIN customers c ON c.id = k.customer_id
             WHERE ?1 IS NULL OR k.customer_id = ?1 ORDER BY k.opened_on DESC, k.id DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![customer_id], complaint_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the first response (a later call does not move it).
    pub fn respond_to_complaint(&mut self, id: i64, on: NaiveDate) -> Result<()> {
        self.change(|tx| {
            let complaint = load_complaint(tx, id)?;
            check_not_before(on, complaint.opened_on)?;
            tx.execute(
                "UPDATE complaints SET first_response_on = ?2 WHERE id = ?1 AND first_response_on IS NULL",
                params![id, on],
            )?;
            Ok(((), format!("Responded to complaint #{id} from {}", complaint.customer)))
        })
    }

    /// Resolves a complaint; resolving counts as a response if none was recorded.
    pub fn resolve_complaint(&mut self, id: i64, on: NaiveDate, resolution: &str) -> Result<()> {
        self.resolve_complaint_logging(id, on, resolution, None)
    }

    /// Resolves a complaint and, in the same transaction, logs the call (or visit …) that
    /// settled it: both land or neither does.
    pub fn resolve_complaint_logging(
        &mut self,
        id: i64,
        on: NaiveDate,
        resolution: &str,
        log: Option<&crate::domain::sale::NewInteraction>,
    ) -> Result<()> {
        crate::domain::field_error::required_text("resolution", resolution, 2_000)?;
        self.change(|tx| {
            let complaint = load_complaint(tx, id)?;
            if complaint.resolved_on.is_some() {
                bail!(FieldError::new("complaint", format!("#{id} was already resolved")));
            }
            check_not_before(on, complaint.opened_on)?;
            tx.execute(
                "UPDATE complaints SET resolved_on = ?2, resolution = ?3, first_response_on = coalesce(first_response_on, ?2)
                 WHERE id = ?1",
                params![id, on, resolution.trim()],
            )?;
            if let Some(interaction) = log {
                super::records::insert_interaction(tx, interaction)?;
            }
            let with = log.map(|i| format!(" (with the logged {})", i.kind.label())).unwrap_or_default();
            Ok(((), format!("Resolved complaint #{id} from {}{with}", complaint.customer)))
        })
    }

    /// Records a score; 0-6 also opens a concern in the same transaction.
    pub fn rate(&mut self, score: &NewScore) -> Result<Rated> {
        self.change(|tx| {
            let rated = rate_in(tx, score)?;
            let customer = super::customers::customer_name(tx, score.customer_id)?;
            let concern = rated.concern_id.map(|c| format!(" (and opened concern #{c})")).unwrap_or_default();
            Ok((rated, format!("Scored {customer} {}/10{concern}", score.score)))
        })
    }

    pub fn scores(&self, customer_id: i64) -> Result<Vec<Score>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, customer_id, sale_id, score, comment, rated_on FROM satisfaction
             WHERE customer_id = ?1 ORDER BY rated_on DESC, id DESC",
        )?;
        let rows = stmt.query_map(params![customer_id], |r| {
            Ok(Score {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                sale_id: r.get(2)?,
                score: r.get(3)?,
                comment: r.get(4)?,
                rated_on: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
