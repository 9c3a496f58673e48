//! Changing or removing what was logged: a sale or refund, an interaction, an open
//! follow-up. Each is one transaction that keeps what depends on it true: refunds never
//! exceed their sale, a customer's last contact follows the log, and the post-sale
//! follow-ups of a deleted sale go with it.

use super::Store;
use super::customers::customer_name;
use crate::domain::FieldError;
use crate::domain::followup::{FollowupKind, FollowupStatus, Recurrence};
use crate::domain::money::format_plain;
use crate::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use crate::domain::text::counted;
use anyhow::{Result, bail};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, params};

/// How much of a sale is refunded already: the sales log's entry, every refund and the
/// refund form read it (sales_by_refund).
pub(super) const REFUNDED_SQL: &str = "SELECT coalesce(sum(amount_minor), 0) FROM sales WHERE refund_of = ?1";

/// Deleting a sale looks up, by index, the follow-ups, scores, complaints, deals and
/// refunds whose foreign keys point at it.
const DELETE_SALE_SQL: &str = "DELETE FROM sales WHERE id = ?1";

pub(super) fn hot_queries() -> Vec<super::plans::HotQuery> {
    vec![
        super::plans::HotQuery::new("refunded so far", REFUNDED_SQL, 1),
        super::plans::HotQuery::new("delete a sale", DELETE_SALE_SQL, 1),
    ]
}

/// What deleting a sale took with it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SaleDeleted {
    pub id: i64,
    pub customer: String,
    pub amount_minor: i64,
    /// Its post-sale follow-ups still open (a satisfaction or reorder check): removed too.
    pub open_followups_removed: u64,
}

/// An open follow-up's plan, as an edit form or `followup edit` sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupPlan {
    pub kind: FollowupKind,
    pub reason: String,
    pub due_on: NaiveDate,
    pub due_time: Option<NaiveTime>,
    pub recurrence: Option<Recurrence>,
}

/// A customer's last contact is their latest sale or interaction, or the day they were
/// added: what the insert triggers keep, recomputed when the log changes under them.
pub(super) fn recompute_last_contact(tx: &Connection, customer_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE customers SET last_contact_on = max(created_on,
             coalesce((SELECT max(sold_on) FROM sales WHERE customer_id = ?1), created_on),
             coalesce((SELECT max(happened_on) FROM interactions WHERE customer_id = ?1), created_on))
         WHERE id = ?1",
        params![customer_id],
    )?;
    Ok(())
}

pub(super) fn not_found(what: &str, id: i64) -> anyhow::Error {
    FieldError::new("id", format!("there is no {what} #{id}")).into()
}

impl Store {
    /// A logged sale or refund as its fields, to edit.
    pub fn sale_record(&self, id: i64) -> Result<NewSale> {
        self.conn()
            .query_row(
                "SELECT customer_id, product_id, technique_id, kind, quantity, amount_minor, sold_on, note, refund_of
                 FROM sales WHERE id = ?1",
                params![id],
                |r| {
                    let kind: String = r.get(3)?;
                    Ok(NewSale {
                        customer_id: r.get(0)?,
                        product_id: r.get(1)?,
                        technique_id: r.get(2)?,
                        kind: if kind == "refund" { SaleKind::Refund } else { SaleKind::Sale },
                        quantity: r.get(4)?,
                        amount_minor: r.get(5)?,
                        sold_on: r.get(6)?,
                        note: r.get(7)?,
                        refund_of: r.get(8)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| not_found("sale", id))
    }

    /// Replaces a sale's (or refund's) fields. A sale keeps at least what was refunded of
    /// it and stays on or before its refunds; a refund stays within what is left of its
    /// sale, on or after it, for the same customer.
    pub fn update_sale(&mut self, id: i64, sale: &NewSale) -> Result<()> {
        sale.validate()?;
        self.change(|tx| {
            let old = sale_in(tx, id)?;
            if old.kind != sale.kind || old.refund_of != sale.refund_of {
                bail!(FieldError::new("kind", "a sale stays a sale and a refund stays with its sale"));
            }
            match sale.kind {
                SaleKind::Sale => check_sale_against_refunds(tx, id, sale)?,
                SaleKind::Refund => check_refund_against_sale(tx, id, sale)?,
            }
            tx.execute(
                "UPDATE sales SET customer_id = ?2, product_id = ?3, technique_id = ?4, quantity = ?5,
                     amount_minor = ?6, sold_on = ?7, note = ?8 WHERE id = ?1",
                params![
                    id,
                    sale.customer_id,
                    sale.product_id,
                    sale.technique_id,
                    sale.quantity,
                    sale.amount_minor,
                    sale.sold_on,
                    sale.note
                ],
            )?;
            if sale.kind == SaleKind::Sale && old.customer_id != sale.customer_id {
                // Its refunds and post-sale follow-ups belong to whoever bought.
                tx.execute("UPDATE sales SET customer_id = ?2 WHERE refund_of = ?1", params![id, sale.customer_id])?;
                tx.execute(
                    "UPDATE followups SET customer_id = ?2 WHERE sale_id = ?1 AND status = 'open'",
                    params![id, sale.customer_id],
                )?;
            }
            recompute_last_contact(tx, old.customer_id)?;
            recompute_last_contact(tx, sale.customer_id)?;
            let what = if sale.kind == SaleKind::Refund { "refund" } else { "sale" };
            let label = format!(
                "Edited {what} #{id}: {} to {} on {}",
                format_plain(sale.amount_minor.unsigned_abs()),
                customer_name(tx, sale.customer_id)?,
                sale.sold_on
            );
            Ok(((), label))
        })
    }

    /// Deletes a sale with its open post-sale follow-ups, or a refund. A sale with
    /// refunds is refused, naming them: delete those first.
    pub fn delete_sale(&mut self, id: i64) -> Result<SaleDeleted> {
        self.change(|tx| {
            let old = sale_in(tx, id)?;
            let refunds: Vec<i64> = tx
                .prepare("SELECT id FROM sales WHERE refund_of = ?1 ORDER BY id")?
                .query_map(params![id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if !refunds.is_empty() {
                let named: Vec<String> = refunds.iter().map(|r| format!("#{r}")).collect();
                bail!(FieldError::new(
                    "id",
                    format!("sale #{id} has refund {}; delete the refund first", named.join(", "))
                ));
            }
            let customer: String =
                tx.query_row("SELECT name FROM customers WHERE id = ?1", params![old.customer_id], |r| r.get(0))?;
            let removed = tx.execute("DELETE FROM followups WHERE sale_id = ?1 AND status = 'open'", params![id])?;
            tx.execute(DELETE_SALE_SQL, params![id])?;
            recompute_last_contact(tx, old.customer_id)?;
            let what = if old.kind == SaleKind::Refund { "refund" } else { "sale" };
            let with = match removed {
                0 => String::new(),
                n => format!(" with {}", counted(n as i64, "open follow-up", "open follow-ups")),
            };
            let label =
                format!("Deleted {what} #{id}: {} to {customer}{with}", format_plain(old.amount_minor.unsigned_abs()));
            let deleted =
                SaleDeleted { id, customer, amount_minor: old.amount_minor, open_followups_removed: removed as u64 };
            Ok((deleted, label))
        })
    }

    /// What is left to refund of sale `id`: its amount less the refunds so far.
    pub fn refundable(&self, id: i64) -> Result<i64> {
        let sale = self.sale_record(id)?;
        if sale.kind == SaleKind::Refund {
            bail!(FieldError::new("id", format!("#{id} is a refund; refund the sale it belongs to")));
        }
        let refunded: i64 = self.conn().query_row(REFUNDED_SQL, params![id], |r| r.get(0))?;
        Ok(sale.amount_minor - refunded)
    }

    /// A logged interaction as its fields, to edit.
    pub fn interaction_record(&self, id: i64) -> Result<NewInteraction> {
        self.conn()
            .query_row(
                "SELECT customer_id, technique_id, product_id, kind, outcome, lost_reason, happened_on, note, response
                 FROM interactions WHERE id = ?1",
                params![id],
                |r| {
                    let kind: String = r.get(3)?;
                    let outcome: String = r.get(4)?;
                    let bad = |i, e: String| {
                        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
                    };
                    Ok(NewInteraction {
                        customer_id: r.get(0)?,
                        technique_id: r.get(1)?,
                        product_id: r.get(2)?,
                        kind: InteractionKind::parse(&kind).map_err(|e| bad(3, e))?,
                        outcome: Outcome::parse(&outcome).map_err(|e| bad(4, e))?,
                        lost_reason: r.get(5)?,
                        happened_on: r.get(6)?,
                        note: r.get(7)?,
                        objections: Vec::new(),
                        response: r.get(8)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| not_found("interaction", id))
            .and_then(|mut record| {
                record.objections = super::records::objections_of(self.conn(), id)?;
                Ok(record)
            })
    }

    pub fn update_interaction(&mut self, id: i64, interaction: &NewInteraction) -> Result<()> {
        interaction.validate()?;
        self.change(|tx| {
            let old: i64 = tx
                .query_row("SELECT customer_id FROM interactions WHERE id = ?1", params![id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| not_found("interaction", id))?;
            let i = interaction;
            tx.execute(
                "UPDATE interactions SET customer_id = ?2, technique_id = ?3, product_id = ?4, kind = ?5, outcome = ?6,
                     lost_reason = ?7, happened_on = ?8, note = ?9, response = ?10 WHERE id = ?1",
                params![
                    id,
                    i.customer_id,
                    i.technique_id,
                    i.product_id,
                    i.kind.as_str(),
                    i.outcome.as_str(),
                    i.lost_reason.trim(),
                    i.happened_on,
                    i.note,
                    i.response.trim()
                ],
            )?;
            super::records::write_objections(tx, id, &i.objections)?;
            recompute_last_contact(tx, old)?;
            recompute_last_contact(tx, i.customer_id)?;
            let label = format!("Edited {} #{id} with {}", i.kind.label(), customer_name(tx, i.customer_id)?);
            Ok(((), label))
        })
    }

    /// Deletes an interaction; the customer's last contact falls back to the one before.
    pub fn delete_interaction(&mut self, id: i64) -> Result<()> {
        self.change(|tx| {
            let customer: i64 = tx
                .query_row("SELECT customer_id FROM interactions WHERE id = ?1", params![id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| not_found("interaction", id))?;
            let label = format!("Deleted interaction #{id} with {}", customer_name(tx, customer)?);
            tx.execute("DELETE FROM interactions WHERE id = ?1", params![id])?;
            recompute_last_contact(tx, customer)?;
            Ok(((), label))
        })
    }

    /// Replaces an open follow-up's plan (kind, reason, day, time, repeat). A done or
    /// cancelled one is history: reopen it first.
    pub fn update_followup(&mut self, id: i64, plan: &FollowupPlan) -> Result<()> {
        crate::domain::field_error::optional_text("reason", &plan.reason, 2_000)?;
        if let Some(rule) = plan.recurrence
            && (rule.every == 0 || rule.every > 1000)
        {
            bail!(FieldError::new("recurrence", "repeat every 1 to 1000 days, weeks or months"));
        }
        self.change(|tx| {
            let status: String = tx
                .query_row("SELECT status FROM followups WHERE id = ?1", params![id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| not_found("follow-up", id))?;
            if status != FollowupStatus::Open.as_str() {
                bail!(FieldError::new("id", format!("follow-up #{id} is {status}; reopen it to change its plan")));
            }
            let rule = plan.recurrence;
            tx.execute(
                "UPDATE followups SET kind = ?2, reason = ?3, due_on = ?4, due_time = ?5, recur_every = ?6,
                     recur_unit = ?7, recur_from = ?8 WHERE id = ?1",
                params![
                    id,
                    plan.kind.as_str(),
                    plan.reason.trim(),
                    plan.due_on,
                    plan.due_time.map(|t| t.format("%H:%M").to_string()),
                    rule.map(|r| r.every),
                    rule.map(|r| r.unit.as_str()),
                    rule.map(|r| r.from.as_str())
                ],
            )?;
            Ok(((), format!("Edited follow-up #{id}: {} due {}", plan.kind.label(), plan.due_on)))
        })
    }
}

struct Stored {
    kind: SaleKind,
    customer_id: i64,
    amount_minor: i64,
    refund_of: Option<i64>,
}

fn sale_in(tx: &Connection, id: i64) -> Result<Stored> {
    tx.query_row("SELECT kind, customer_id, amount_minor, refund_of FROM sales WHERE id = ?1", params![id], |r| {
        let kind: String = r.get(0)?;
        Ok(Stored {
            kind: if kind == "refund" { SaleKind::Refund } else { SaleKind::Sale },
            customer_id: r.get(1)?,
            amount_minor: r.get(2)?,
            refund_of: r.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| not_found("sale", id))
}

fn check_sale_against_refunds(tx: &Connection, id: i64, sale: &NewSale) -> Result<()> {
    let (refunded, returned, first): (i64, i64, Option<NaiveDate>) = tx.query_row(
        "SELECT coalesce(sum(amount_minor), 0), coalesce(sum(quantity), 0), min(sold_on) FROM sales WHERE refund_of = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if sale.amount_minor < refunded {
        let shown = crate::domain::money::format_plain(refunded.unsigned_abs());
        bail!(FieldError::new("amount", format!("must be at least the {shown} already refunded")));
    }
    if i64::from(sale.quantity) < returned {
        bail!(FieldError::new("quantity", format!("must be at least the {returned} already returned")));
    }
    if let Some(first) = first.filter(|f| sale.sold_on > *f) {
        bail!(FieldError::new("date", format!("must be on or before its first refund, on {first}")));
    }
    Ok(())
}

fn check_refund_against_sale(tx: &Connection, id: i64, refund: &NewSale) -> Result<()> {
    let Some(of) = refund.refund_of else { return Ok(()) };
    let (customer, paid, bought, sold_on): (i64, i64, i64, NaiveDate) = tx.query_row(
        "SELECT customer_id, amount_minor, quantity, sold_on FROM sales WHERE id = ?1",
        params![of],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if refund.customer_id != customer {
        bail!(FieldError::new("customer", format!("a refund is for the customer of sale #{of}")));
    }
    let (others, others_returned): (i64, i64) = tx.query_row(
        "SELECT coalesce(sum(amount_minor), 0), coalesce(sum(quantity), 0) FROM sales WHERE refund_of = ?1 AND id <> ?2",
        params![of, id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let left = paid - others;
    if refund.amount_minor <= 0 || refund.amount_minor > left {
        let shown = crate::domain::money::format_plain(left.unsigned_abs());
        bail!(FieldError::new("amount", format!("must be more than 0 and at most the {shown} not refunded otherwise")));
    }
    if i64::from(refund.quantity) > bought - others_returned {
        bail!(FieldError::new("quantity", format!("at most {} units are left to return", bought - others_returned)));
    }
    if refund.sold_on < sold_on {
        bail!(FieldError::new("date", format!("{} is before the sale on {sold_on}", refund.sold_on)));
    }
    Ok(())
}
