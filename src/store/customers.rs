//! Customers: the list, the detail view's figures, edits, archiving and careful deletion.

use super::Store;
use super::records::insert_customer;
use super::sales::SaleFilter;
use crate::domain::FieldError;
use crate::domain::cadence::{Cadence, CadenceDefaults};
use crate::domain::customer::{Customer, NewCustomer};
use crate::domain::text::fold;
use crate::domain::undo::counts;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

/// Deleting a customer's complaints clears the follow-ups planned for each, found by
/// index (followups_by_complaint).
const DELETE_COMPLAINTS_SQL: &str = "DELETE FROM complaints WHERE customer_id = ?1";

pub(super) fn hot_queries() -> Vec<super::plans::HotQuery> {
    vec![super::plans::HotQuery::new("delete a customer's complaints", DELETE_COMPLAINTS_SQL, 1)]
}

const COLUMNS: &str = "id, name, company, email, phone, segment, industry, region, tags, notes,
                       cadence_ideal_days, cadence_max_days, created_on, last_contact_on, archived";

pub(super) fn customer_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: row.get(0)?,
        name: row.get(1)?,
        company: row.get(2)?,
        email: row.get(3)?,
        phone: row.get(4)?,
        segment: row.get(5)?,
        industry: row.get(6)?,
        region: row.get(7)?,
        tags: row.get(8)?,
        notes: row.get(9)?,
        cadence_ideal_days: row.get(10)?,
        cadence_max_days: row.get(11)?,
        created_on: row.get(12)?,
        last_contact_on: row.get(13)?,
        archived: row.get(14)?,
    })
}

/// The filter for the customer list: text in name, company, email, segment, region or tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerFilter {
    pub text: String,
    pub include_archived: bool,
}

impl CustomerFilter {
    fn pattern(&self) -> Option<String> {
        let text = fold(self.text.trim());
        (!text.is_empty()).then(|| format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
    }
}

const FILTER: &str = "(archived = 0 OR ?1)
    AND (?2 IS NULL OR fold(name) LIKE ?2 ESCAPE '\\' OR fold(company) LIKE ?2 ESCAPE '\\' OR fold(email) LIKE ?2 ESCAPE '\\'
         OR fold(segment) LIKE ?2 ESCAPE '\\' OR fold(region) LIKE ?2 ESCAPE '\\' OR fold(tags) LIKE ?2 ESCAPE '\\')";

/// What the detail view shows beside the contact fields.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CustomerFigures {
    pub lifetime_value: i64,
    pub purchases: u64,
    pub first_purchase: Option<NaiveDate>,
    pub next_followup: Option<(NaiveDate, String)>,
    pub open_complaints: u64,
    pub cadence: Cadence,
}

impl Store {
    pub fn add_customer(&mut self, customer: &NewCustomer) -> Result<i64> {
        self.change(|tx| {
            let id = insert_customer(tx, customer)?;
            Ok((id, format!("Added customer #{id} {}", customer.name.trim())))
        })
    }

    pub fn customer(&self, id: i64) -> Result<Customer> {
        let found = self.customer_if_any(id)?;
        found.ok_or_else(|| FieldError::new("customer", format!("there is no customer #{id}")).into())
    }

    /// The customer, or `None` when there is none by that id (deleted, say).
    pub fn customer_if_any(&self, id: i64) -> Result<Option<Customer>> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = ?1");
        Ok(self.conn().query_row(&sql, params![id], customer_row).optional()?)
    }

    pub fn customer_count(&self, filter: &CustomerFilter) -> Result<u64> {
        let sql = format!("SELECT count(*) FROM customers WHERE {FILTER}");
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![filter.include_archived, filter.pattern()], |r| r.get(0))?;
        Ok(n.unsigned_abs())
    }

    /// One page of the list, by name.
    pub fn customers_page(&self, filter: &CustomerFilter, offset: u64, limit: u64) -> Result<Vec<Customer>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM customers WHERE {FILTER} ORDER BY name COLLATE NOCASE, id LIMIT ?3 OFFSET ?4"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![filter.include_archived, filter.pattern(), limit as i64, offset as i64], customer_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn update_customer(&mut self, id: i64, c: &NewCustomer) -> Result<()> {
        c.validate()?;
        self.customer(id)?;
        self.change(|tx| {
            update_row(tx, id, c)?;
            Ok(((), format!("Edited customer #{id} {}", c.name.trim())))
        })
    }

    pub fn set_customer_archived(&mut self, id: i64, archived: bool) -> Result<()> {
        let name = self.customer(id)?.name;
        self.change(|tx| {
            tx.execute("UPDATE customers SET archived = ?2 WHERE id = ?1", params![id, archived])?;
            Ok(((), format!("{} customer #{id} {name}", if archived { "Archived" } else { "Restored" })))
        })
    }

    /// Deletes a customer. With history (sales, interactions, scores, complaints) it refuses
    /// unless `with_history`, and then removes it all in one transaction.
    pub fn delete_customer(&mut self, id: i64, with_history: bool) -> Result<u64> {
        let name = self.customer(id)?.name;
        self.change(|tx| {
            let count = |table: &str, extra: &str| -> Result<i64> {
                let sql = format!("SELECT count(*) FROM {table} WHERE customer_id = ?1 {extra}");
                Ok(tx.query_row(&sql, params![id], |r| r.get(0))?)
            };
            let sales = count("sales", "AND kind = 'sale'")?;
            let refunds = count("sales", "AND kind = 'refund'")?;
            let interactions = count("interactions", "")?;
            let scores = count("satisfaction", "")?;
            let complaints = count("complaints", "")?;
            let followups = count("followups", "")?;
            let deals = count("deals", "")?;
            let history = sales + refunds + interactions + scores + complaints + deals;
            if history > 0 && !with_history {
                bail!(FieldError::new(
                    "customer",
                    format!("#{id} has {history} sales, interactions, scores, complaints or deals; archive instead, or confirm deleting them all")
                ));
            }
            for sql in [
                "DELETE FROM followups WHERE customer_id = ?1",
                "DELETE FROM deal_moves WHERE deal_id IN (SELECT id FROM deals WHERE customer_id = ?1)",
                "DELETE FROM satisfaction WHERE customer_id = ?1",
                DELETE_COMPLAINTS_SQL,
                "DELETE FROM interactions WHERE customer_id = ?1",
                "DELETE FROM sales WHERE customer_id = ?1 AND kind = 'refund'",
                "DELETE FROM deals WHERE customer_id = ?1",
                "DELETE FROM sales WHERE customer_id = ?1",
                "DELETE FROM customers WHERE id = ?1",
            ] {
                tx.execute(sql, params![id])?;
            }
            let with = counts(&[
                (sales, "sale", "sales"),
                (refunds, "refund", "refunds"),
                (interactions, "interaction", "interactions"),
                (scores, "score", "scores"),
                (complaints, "complaint", "complaints"),
                (followups, "follow-up", "follow-ups"),
                (deals, "deal", "deals"),
            ]);
            let label = match with.as_str() {
                "" => format!("Deleted customer #{id} {name}"),
                with => format!("Deleted customer #{id} {name} with {with}"),
            };
            Ok((history.unsigned_abs(), label))
        })
    }

    /// A segment's default cadence, if one is set.
    pub fn segment_cadence(&self, segment: &str) -> Result<Option<Cadence>> {
        Ok(self
            .conn()
            .query_row("SELECT ideal_days, max_days FROM segment_cadence WHERE segment = ?1", params![segment], |r| {
                Ok(Cadence { ideal_days: r.get(0)?, max_days: r.get(1)? })
            })
            .optional()?)
    }

    pub fn set_segment_cadence(&mut self, segment: &str, cadence: Cadence) -> Result<()> {
        crate::domain::customer::validate_cadence(Some(cadence.ideal_days), Some(cadence.max_days))?;
        if segment.trim().is_empty() {
            bail!(FieldError::new("segment", "is required"));
        }
        self.change(|tx| {
            tx.execute(
                "INSERT INTO segment_cadence (segment, ideal_days, max_days) VALUES (?1, ?2, ?3)
                 ON CONFLICT (segment) DO UPDATE SET ideal_days = excluded.ideal_days, max_days = excluded.max_days",
                params![segment.trim(), cadence.ideal_days, cadence.max_days],
            )?;
            let label = format!(
                "Set the {} segment's cadence to {}-{} days",
                segment.trim(),
                cadence.ideal_days,
                cadence.max_days
            );
            Ok(((), label))
        })
    }

    /// The cadence that applies to `customer`: their own, their segment's (the database's,
    /// then the config's), or the default.
    pub fn cadence_for(&self, customer: &Customer, cadences: &CadenceDefaults) -> Result<Cadence> {
        let stored = self.segment_cadence(&customer.segment)?;
        Ok(cadences.for_customer((customer.cadence_ideal_days, customer.cadence_max_days), &customer.segment, stored))
    }

    pub fn customer_figures(&self, customer: &Customer, cadences: &CadenceDefaults) -> Result<CustomerFigures> {
        let (lifetime_value, purchases, first_purchase): (i64, i64, Option<NaiveDate>) = self.conn().query_row(
            "SELECT coalesce(sum(CASE kind WHEN 'refund' THEN -amount_minor ELSE amount_minor END), 0),
                    count(*) FILTER (WHERE kind = 'sale'),
                    min(sold_on) FILTER (WHERE kind = 'sale')
             FROM sales WHERE customer_id = ?1",
            params![customer.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let next_followup = self
            .conn()
            .query_row(
                "SELECT due_on, reason FROM followups WHERE customer_id = ?1 AND status = 'open' ORDER BY due_on LIMIT 1",
                params![customer.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let open_complaints: i64 = self.conn().query_row(
            "SELECT count(*) FROM complaints WHERE customer_id = ?1 AND resolved_on IS NULL",
            params![customer.id],
            |r| r.get(0),
        )?;
        Ok(CustomerFigures {
            lifetime_value,
            purchases: purchases.unsigned_abs(),
            first_purchase,
            next_followup,
            open_complaints: open_complaints.unsigned_abs(),
            cadence: self.cadence_for(customer, cadences)?,
        })
    }

    /// The customer's latest sales and refunds, newest first.
    pub fn purchase_history(&self, customer_id: i64, limit: u64) -> Result<Vec<super::SaleRow>> {
        self.sales(&SaleFilter { customer_id: Some(customer_id), limit: Some(limit), ..Default::default() })
    }
}

impl Store {
    /// Where `customer` sits in the filtered list (ordered by name, then id).
    pub fn customer_position(&self, filter: &CustomerFilter, customer: &Customer) -> Result<u64> {
        let sql = format!(
            "SELECT count(*) FROM customers WHERE {FILTER}
               AND (name COLLATE NOCASE < ?3 COLLATE NOCASE OR (name COLLATE NOCASE = ?3 COLLATE NOCASE AND id < ?4))"
        );
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![filter.include_archived, filter.pattern(), customer.name, customer.id], |r| r.get(0))?;
        Ok(n.unsigned_abs())
    }
}

/// Customer `id`'s name, for a step's label.
pub(super) fn customer_name(conn: &rusqlite::Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM customers WHERE id = ?1", params![id], |r| r.get(0))?)
}

/// Every editable field of customer `id`, trimmed as the form and the importers expect.
pub(super) fn update_row(conn: &rusqlite::Connection, id: i64, c: &NewCustomer) -> Result<()> {
    conn.prepare_cached(
        "UPDATE customers SET name = ?2, company = ?3, email = ?4, phone = ?5, segment = ?6, industry = ?7,
                region = ?8, tags = ?9, notes = ?10, cadence_ideal_days = ?11, cadence_max_days = ?12
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        c.name.trim(),
        c.company.trim(),
        c.email.trim(),
        c.phone.trim(),
        c.segment.trim(),
        c.industry.trim(),
        c.region.trim(),
        c.tags.trim(),
        c.notes,
        c.cadence_ideal_days,
        c.cadence_max_days
    ])?;
    Ok(())
}
