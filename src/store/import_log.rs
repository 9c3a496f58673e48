//! CSV import of the log: sales (and refunds), interactions and follow-ups.

use super::import_apply::{Importer, Refusal, refuse};
use super::lookup::Named;
use crate::domain::import::{Field, ImportKind};
use crate::domain::import_rows::{FollowupLine, InteractionLine, Ref, SaleLine};
use crate::domain::sale::SaleKind;
use anyhow::Result;
use rusqlite::{OptionalExtension, params};

type Applied = Result<std::result::Result<(), Refusal>>;

pub(super) fn table(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Sales => "sales",
        ImportKind::Interactions => "interactions",
        _ => "followups",
    }
}

/// The customer, product and technique a row names, as ids.
struct Resolved {
    customer: i64,
    product: Option<i64>,
    technique: Option<i64>,
}

impl Importer<'_> {
    fn reference(
        &mut self,
        what: Named,
        found: Option<&Ref>,
        by_name: Field,
        by_id: Field,
    ) -> Result<std::result::Result<Option<i64>, Refusal>> {
        let Some(found) = found else { return Ok(Ok(None)) };
        let field = if matches!(found, Ref::Id(_)) { by_id } else { by_name };
        Ok(self.resolve(what, found)?.map(Some).map_err(|message| Refusal { field: Some(field), message }))
    }

    fn resolve_all(
        &mut self,
        customer: &Ref,
        product: Option<&Ref>,
        technique: Option<&Ref>,
    ) -> Result<std::result::Result<Resolved, Refusal>> {
        let customer = match self.reference(Named::Customer, Some(customer), Field::Customer, Field::CustomerId)? {
            Ok(id) => id.unwrap_or(0),
            Err(refusal) => return Ok(Err(refusal)),
        };
        let product = match self.reference(Named::Product, product, Field::Product, Field::ProductId)? {
            Ok(id) => id,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let technique = match self.reference(Named::Technique, technique, Field::Technique, Field::TechniqueId)? {
            Ok(id) => id,
            Err(refusal) => return Ok(Err(refusal)),
        };
        Ok(Ok(Resolved { customer, product, technique }))
    }

    /// With an id column: `Some(outcome)` when the id is taken (the same record is skipped,
    /// another is an error), `None` when it is free.
    fn taken_id(
        &mut self,
        line: u64,
        kind: ImportKind,
        id: Option<i64>,
        customer: i64,
    ) -> Result<Option<std::result::Result<(), Refusal>>> {
        let Some(id) = id else { return Ok(None) };
        let table = table(kind);
        let owner: Option<i64> = self
            .tx
            .query_row(&format!("SELECT customer_id FROM {table} WHERE id = ?1"), params![id], |r| r.get(0))
            .optional()?;
        let what = match kind {
            ImportKind::Sales => "sale",
            ImportKind::Interactions => "interaction",
            _ => "follow-up",
        };
        Ok(match owner {
            None => None,
            Some(owner) if owner == customer => {
                self.note(line, "skipped", Some(id), format!("{what} #{id} is already there"));
                Some(Ok(()))
            }
            Some(owner) => Some(refuse(
                Field::Id,
                format!(
                    "{what} #{id} is already there for customer #{owner}, not #{customer}; leave the id column out to add it as new"
                ),
            )?),
        })
    }

    fn exists(&self, table: &str, id: i64) -> Result<bool> {
        Ok(self
            .tx
            .query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"), params![id], |r| r.get(0))?)
    }

    pub(super) fn sale(&mut self, line: u64, s: SaleLine) -> Applied {
        let ids = match self.resolve_all(&s.customer, s.product.as_ref(), s.technique.as_ref())? {
            Ok(ids) => ids,
            Err(refusal) => return Ok(Err(refusal)),
        };
        if let Some(of) = s.sale.refund_of {
            let kind: Option<String> =
                self.tx.query_row("SELECT kind FROM sales WHERE id = ?1", params![of], |r| r.get(0)).optional()?;
            match kind.as_deref() {
                None => return refuse(Field::RefundOf, format!("there is no sale #{of}")),
                Some("refund") => return refuse(Field::RefundOf, format!("#{of} is itself a refund")),
                _ => {}
            }
        }
        if let Some(done) = self.taken_id(line, ImportKind::Sales, s.id, ids.customer)? {
            return Ok(done);
        }
        let sale = &s.sale;
        // Nothing stored before the import (max_before 0): no row can be a duplicate.
        if s.id.is_none() && self.max_before > 0 {
            let key = (
                ids.customer,
                sale.kind.as_str(),
                sale.sold_on,
                sale.amount_minor,
                sale.quantity,
                ids.product,
                ids.technique,
                &sale.note,
                sale.refund_of,
            );
            let stored: i64 = self.tx.prepare_cached(
                "SELECT count(*) FROM sales WHERE customer_id = ?1 AND kind = ?2 AND sold_on = ?3 AND amount_minor = ?4
                     AND quantity = ?5 AND product_id IS ?6 AND technique_id IS ?7 AND note = ?8 AND refund_of IS ?9 AND id <= ?10",
            )?
            .query_row(params![key.0, key.1, key.2, key.3, key.4, key.5, key.6, key.7, key.8, self.max_before], |r| r.get(0))?;
            if self.matches_stored(key, stored) {
                let why = match sale.kind {
                    SaleKind::Sale => "the same sale is already logged",
                    SaleKind::Refund => "the same refund is already logged",
                };
                self.note(line, "skipped", None, why);
                return Ok(Ok(()));
            }
        }
        self.tx
            .prepare_cached(
                "INSERT INTO sales (id, customer_id, product_id, technique_id, kind, quantity, amount_minor, sold_on, note, refund_of)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![s.id, ids.customer, ids.product, ids.technique, sale.kind.as_str(), sale.quantity, sale.amount_minor, sale.sold_on, sale.note, sale.refund_of])?;
        self.report.created += 1;
        Ok(Ok(()))
    }

    pub(super) fn interaction(&mut self, line: u64, i: InteractionLine) -> Applied {
        let ids = match self.resolve_all(&i.customer, i.product.as_ref(), i.technique.as_ref())? {
            Ok(ids) => ids,
            Err(refusal) => return Ok(Err(refusal)),
        };
        if let Some(deal) = i.deal_id
            && !self.exists("deals", deal)?
        {
            return refuse(Field::DealId, format!("there is no deal #{deal}"));
        }
        if let Some(done) = self.taken_id(line, ImportKind::Interactions, i.id, ids.customer)? {
            return Ok(done);
        }
        let it = &i.interaction;
        if i.id.is_none() && self.max_before > 0 {
            let key = (
                ids.customer,
                it.happened_on,
                it.kind.as_str(),
                it.outcome.as_str(),
                &it.lost_reason,
                ids.technique,
                ids.product,
                &it.note,
            );
            let stored: i64 = self.tx.prepare_cached(
                "SELECT count(*) FROM interactions WHERE customer_id = ?1 AND happened_on = ?2 AND kind = ?3 AND outcome = ?4
                     AND lost_reason = ?5 AND technique_id IS ?6 AND product_id IS ?7 AND note = ?8 AND id <= ?9",
            )?
            .query_row(params![key.0, key.1, key.2, key.3, key.4, key.5, key.6, key.7, self.max_before], |r| r.get(0))?;
            if self.matches_stored(key, stored) {
                self.note(line, "skipped", None, "the same interaction is already logged");
                return Ok(Ok(()));
            }
        }
        self.tx
            .prepare_cached(
                "INSERT INTO interactions (id, customer_id, technique_id, product_id, kind, outcome, lost_reason, happened_on, note, deal_id, response)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![i.id, ids.customer, ids.technique, ids.product, it.kind.as_str(), it.outcome.as_str(), it.lost_reason, it.happened_on, it.note, i.deal_id, it.response])?;
        super::records::write_objections(self.tx, self.tx.last_insert_rowid(), &it.objections)?;
        self.report.created += 1;
        Ok(Ok(()))
    }

    pub(super) fn followup(&mut self, line: u64, f: FollowupLine) -> Applied {
        let customer = match self.reference(Named::Customer, Some(&f.customer), Field::Customer, Field::CustomerId)? {
            Ok(id) => id.unwrap_or(0),
            Err(refusal) => return Ok(Err(refusal)),
        };
        let fu = &f.followup;
        for (field, table, id) in [
            (Field::SaleId, "sales", fu.sale_id),
            (Field::ComplaintId, "complaints", fu.complaint_id),
            (Field::PreviousId, "followups", f.previous_id),
            (Field::DealId, "deals", f.deal_id),
        ] {
            if let Some(id) = id {
                if !self.exists(table, id)? {
                    return refuse(
                        field,
                        format!(
                            "there is no {} #{id}",
                            if table == "sales" {
                                "sale"
                            } else if table == "complaints" {
                                "complaint"
                            } else if table == "deals" {
                                "deal"
                            } else {
                                "follow-up"
                            }
                        ),
                    );
                }
            }
        }
        if let Some(done) = self.taken_id(line, ImportKind::Followups, f.id, customer)? {
            return Ok(done);
        }
        if let Some(previous) = f.previous_id {
            let successor: Option<i64> = self
                .tx
                .query_row("SELECT id FROM followups WHERE previous_id = ?1", params![previous], |r| r.get(0))
                .optional()?;
            if let Some(successor) = successor {
                return refuse(
                    Field::PreviousId,
                    format!("follow-up #{previous} already has a successor, #{successor}"),
                );
            }
        }
        let time = fu.due_time.map(|t| t.format("%H:%M").to_string());
        if f.id.is_none() && self.max_before > 0 {
            let key = (customer, f.status.as_str(), fu.due_on, fu.kind.as_str(), &fu.reason, &time);
            // The status is written into the SQL (one statement per status): bound, it
            // would make SQLite re-plan the statement on every row, since whether the
            // partial index of open follow-ups applies depends on its value.
            let sql = format!(
                "SELECT count(*) FROM followups WHERE customer_id = ?1 AND status = '{}' AND due_on = ?2 AND kind = ?3
                     AND reason = ?4 AND due_time IS ?5 AND id <= ?6",
                f.status.as_str()
            );
            let stored: i64 = self
                .tx
                .prepare_cached(&sql)?
                .query_row(params![key.0, key.2, key.3, key.4, key.5, self.max_before], |r| r.get(0))?;
            if self.matches_stored(key, stored) {
                self.note(line, "skipped", None, "the same follow-up is already planned");
                return Ok(Ok(()));
            }
        }
        let rule = fu.recurrence;
        self.tx
            .prepare_cached(
                "INSERT INTO followups (id, customer_id, kind, reason, due_on, due_time, status, completed_on, recur_every,
                                        recur_unit, recur_from, previous_id, sale_id, complaint_id, created_on, deal_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                f.id,
                customer,
                fu.kind.as_str(),
                fu.reason,
                fu.due_on,
                time,
                f.status.as_str(),
                f.completed_on,
                rule.map(|r| r.every),
                rule.map(|r| r.unit.as_str()),
                rule.map(|r| r.from.as_str()),
                f.previous_id,
                fu.sale_id,
                fu.complaint_id,
                fu.created_on,
                f.deal_id
            ])?;
        self.report.created += 1;
        Ok(Ok(()))
    }
}
