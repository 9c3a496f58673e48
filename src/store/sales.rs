//! The sales and interaction log.

use super::Store;
use super::customers::customer_name;
use super::records::{insert_followup, insert_interaction, insert_sale};
use crate::domain::FieldError;
use crate::domain::followup::NewFollowup;
use crate::domain::money::format_plain;
use crate::domain::sale::{NewInteraction, NewSale, SaleKind};
use crate::domain::text::{counted, with_article};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SaleRow {
    pub id: i64,
    pub kind: SaleKind,
    pub customer_id: i64,
    pub customer: String,
    pub product: Option<String>,
    pub technique: Option<String>,
    pub quantity: i64,
    pub amount_minor: i64,
    pub sold_on: NaiveDate,
    pub note: String,
    pub refund_of: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct SaleFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub customer_id: Option<i64>,
    pub limit: Option<u64>,
}

fn sale_row(row: &Row<'_>) -> rusqlite::Result<SaleRow> {
    let kind: String = row.get(1)?;
    Ok(SaleRow {
        id: row.get(0)?,
        kind: if kind == "refund" { SaleKind::Refund } else { SaleKind::Sale },
        customer_id: row.get(2)?,
        customer: row.get(3)?,
        product: row.get(4)?,
        technique: row.get(5)?,
        quantity: row.get(6)?,
        amount_minor: row.get(7)?,
        sold_on: row.get(8)?,
        note: row.get(9)?,
        refund_of: row.get(10)?,
    })
}

/// The sale a refund refers to.
struct Original {
    kind: String,
    customer_id: i64,
    paid: i64,
    bought: i64,
    product_id: Option<i64>,
    technique_id: Option<i64>,
    sold_on: NaiveDate,
}

impl Store {
    /// Logs a sale and its follow-ups (the post-sale sequence) in one transaction.
    pub fn log_sale(&mut self, sale: &NewSale, followups: &[NewFollowup]) -> Result<i64> {
        if sale.kind != SaleKind::Sale {
            bail!(FieldError::new("kind", "use refund() to record a refund"));
        }
        self.change(|tx| {
            let id = insert_sale(tx, sale)?;
            for followup in followups {
                insert_followup(tx, &NewFollowup { sale_id: Some(id), ..followup.clone() })?;
            }
            let with = match followups.len() {
                0 => String::new(),
                n => format!(" with {}", counted(n as i64, "follow-up", "follow-ups")),
            };
            let label = format!(
                "Logged sale #{id}: {} to {}{with}",
                format_plain(sale.amount_minor.unsigned_abs()),
                customer_name(tx, sale.customer_id)?
            );
            Ok((id, label))
        })
    }

    /// Records a refund against sale `of`: at most what is left of it after earlier refunds.
    pub fn refund(
        &mut self,
        of: i64,
        amount: Option<i64>,
        quantity: Option<u32>,
        on: NaiveDate,
        note: &str,
    ) -> Result<i64> {
        self.change(|tx| {
            let original = tx
                .query_row(
                    "SELECT kind, customer_id, amount_minor, quantity, product_id, technique_id, sold_on FROM sales WHERE id = ?1",
                    params![of],
                    |r| {
                        Ok(Original {
                            kind: r.get(0)?,
                            customer_id: r.get(1)?,
                            paid: r.get(2)?,
                            bought: r.get(3)?,
                            product_id: r.get(4)?,
                            technique_id: r.get(5)?,
                            sold_on: r.get(6)?,
                        })
                    },
                )
                .optional()?;
            let Some(Original { kind, customer_id, paid, bought, product_id, technique_id, sold_on }) = original else {
                bail!(FieldError::new("sale", format!("there is no sale #{of}")));
            };
            if kind == "refund" {
                bail!(FieldError::new("sale", format!("#{of} is itself a refund")));
            }
            if on < sold_on {
                bail!(FieldError::new("date", format!("{on} is before the sale on {sold_on}")));
            }
            let refunded: i64 = tx.query_row(super::edits::REFUNDED_SQL, params![of], |r| r.get(0))?;
            let left = paid - refunded;
            let amount = amount.unwrap_or(left);
            if amount <= 0 || amount > left {
                let left = crate::domain::money::format_plain(left.unsigned_abs());
                bail!(FieldError::new("amount", format!("must be more than 0 and at most the {left} not yet refunded")));
            }
            let returned: i64 = tx.query_row(
                "SELECT coalesce(sum(quantity), 0) FROM sales WHERE refund_of = ?1",
                params![of],
                |r| r.get(0),
            )?;
            let units_left = u32::try_from((bought - returned).max(0)).unwrap_or(0);
            // A full refund returns every unit still out; a partial one is a price refund
            // (no units back) unless the seller says how many came back.
            let quantity = match quantity {
                Some(q) if q > units_left => {
                    bail!(FieldError::new("quantity", format!("at most {units_left} units are left to return")))
                }
                Some(q) => q,
                None if amount == left => units_left,
                None => 0,
            };
            let id = insert_sale(
                tx,
                &NewSale {
                    customer_id,
                    product_id,
                    technique_id,
                    kind: SaleKind::Refund,
                    quantity,
                    amount_minor: amount,
                    sold_on: on,
                    note: note.to_string(),
                    refund_of: Some(of),
                },
            )?;
            let label = format!(
                "Refunded {} of sale #{of} to {}",
                format_plain(amount.unsigned_abs()),
                customer_name(tx, customer_id)?
            );
            Ok((id, label))
        })
    }

    pub fn sales(&self, filter: &SaleFilter) -> Result<Vec<SaleRow>> {
        let mut rows = Vec::new();
        self.each_sale(filter, |row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Hands each sale and refund `filter` selects to `f`, newest first, one at a time:
    /// `sale list` of every sale holds one row, not fifty thousand.
    pub fn each_sale(&self, filter: &SaleFilter, mut f: impl FnMut(SaleRow) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.id, s.kind, s.customer_id, c.name, p.name, t.name, s.quantity, s.amount_minor, s.sold_on, s.note, s.refund_of
             FROM sales s
             JOIN customers c ON c.id = s.customer_id
             LEFT JOIN products p ON p.id = s.product_id
             LEFT JOIN techniques t ON t.id = s.technique_id
             WHERE s.sold_on BETWEEN coalesce(?1, '0000-01-01') AND coalesce(?2, '9999-12-31')
               AND (?3 IS NULL OR s.customer_id = ?3)
             ORDER BY s.sold_on DESC, s.id DESC
             LIMIT coalesce(?4, -1)",
        )?;
        let mut rows =
            stmt.query(params![filter.from, filter.to, filter.customer_id, filter.limit.map(|l| l as i64)])?;
        while let Some(row) = rows.next()? {
            f(sale_row(row)?)?;
        }
        Ok(())
    }

    pub fn log_interaction(&mut self, interaction: &NewInteraction) -> Result<i64> {
        self.change(|tx| {
            let id = insert_interaction(tx, interaction)?;
            Ok((id, interaction_label(tx, interaction)?))
        })
    }
}

/// "Logged a call with Ada Lovelace (won)".
pub(super) fn interaction_label(tx: &rusqlite::Connection, interaction: &NewInteraction) -> Result<String> {
    let outcome = match interaction.outcome {
        crate::domain::sale::Outcome::None => String::new(),
        other => format!(" ({})", other.label()),
    };
    Ok(format!(
        "Logged {} with {}{outcome}",
        with_article(interaction.kind.label()),
        customer_name(tx, interaction.customer_id)?
    ))
}
