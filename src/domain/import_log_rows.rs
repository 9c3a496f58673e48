//! Rows of the log: sales (and refunds), interactions and follow-ups.

use super::{FollowupLine, InteractionLine, RowReader, SaleLine};
use crate::domain::date_input::parse_time;
use crate::domain::followup::{FollowupKind, FollowupStatus, NewFollowup, Recurrence};
use crate::domain::import::{Field::*, shown};
use crate::domain::sale::{InteractionKind, NewInteraction, NewSale, SaleKind};

impl RowReader<'_> {
    /// `price, timing` as written (an import has no list to fold onto); a bad one is refused.
    fn objections(&mut self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for part in self.text(Objections).split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match crate::domain::objections::check_stored(part) {
                Ok(()) if out.iter().any(|o| o.to_lowercase() == part.to_lowercase()) => {}
                Ok(()) => out.push(part.to_string()),
                Err(e) => self.fail(Objections, format!("'{}' {e}", crate::domain::text::one_line(part))),
            }
        }
        out
    }

    pub(super) fn sale(&mut self) -> SaleLine {
        let customer = self.customer_ref();
        let kind = self.choice(Kind, SaleKind::parse, SaleKind::Sale);
        let quantity = self.number(Quantity, 0, 1_000_000).map_or(1, |n| n as u32);
        let sale = NewSale {
            customer_id: 0,
            product_id: None,
            technique_id: None,
            kind,
            quantity,
            amount_minor: self.money(Amount, AmountMinor, true),
            sold_on: self.required_date(SoldOn, true, "the day of the sale"),
            note: self.text(Note),
            refund_of: self.id(RefundOf),
        };
        if let Err(err) = sale.validate() {
            self.refuse(err);
        }
        SaleLine {
            id: self.id(Id),
            customer,
            product: self.reference(Product, ProductId),
            technique: self.reference(Technique, TechniqueId),
            sale,
        }
    }

    pub(super) fn interaction(&mut self) -> InteractionLine {
        let customer = self.customer_ref();
        if self.given(Kind).is_none() {
            self.fail(Kind, "is empty; give call, email, meeting, demo, visit or message");
        }
        let interaction = NewInteraction {
            customer_id: 0,
            technique_id: None,
            product_id: None,
            kind: self.choice(Kind, InteractionKind::parse, InteractionKind::Call),
            outcome: self.choice(Outcome, crate::domain::sale::Outcome::parse, crate::domain::sale::Outcome::None),
            lost_reason: self.text(LostReason),
            happened_on: self.required_date(HappenedOn, true, "the day it happened"),
            note: self.text(Note),
            objections: self.objections(),
            response: self.text(Response),
        };
        if let Err(err) = interaction.validate() {
            self.refuse(err);
        }
        InteractionLine {
            id: self.id(Id),
            customer,
            product: self.reference(Product, ProductId),
            technique: self.reference(Technique, TechniqueId),
            interaction,
            deal_id: self.id(DealId),
        }
    }

    pub(super) fn followup(&mut self) -> FollowupLine {
        let customer = self.customer_ref();
        let due_time = self.given(DueTime).and_then(|t| match parse_time(t) {
            Ok(time) => Some(time),
            Err(_) => {
                self.fail(DueTime, format!("'{}' is not a time like 09:30 (24-hour, HH:MM)", shown(t)));
                None
            }
        });
        let every = self.number(RecurEvery, 1, 1000).map(|n| n as u32);
        let unit =
            self.choice(RecurUnit, crate::domain::followup::RecurUnit::parse, crate::domain::followup::RecurUnit::Week);
        let from =
            self.choice(RecurFrom, crate::domain::followup::RecurFrom::parse, crate::domain::followup::RecurFrom::Due);
        if every.is_none() && self.given(RecurEvery).is_none() {
            for field in [RecurUnit, RecurFrom] {
                if self.given(field).is_some() {
                    self.fail(field, "applies only with recur_every (repeat every N days, weeks or months)");
                }
            }
        }
        let status = self.choice(Status, FollowupStatus::parse, FollowupStatus::Open);
        let completed_on = self.date(CompletedOn, true);
        if status == FollowupStatus::Open && completed_on.is_some() {
            self.fail(CompletedOn, "applies only when the status is done or cancelled");
        }
        let followup = NewFollowup {
            customer_id: 0,
            kind: self.choice(Kind, FollowupKind::parse, FollowupKind::Other),
            reason: self.text(Reason),
            due_on: self.required_date(DueOn, false, "the due date"),
            due_time,
            recurrence: every.map(|every| Recurrence { every, unit, from }),
            sale_id: self.id(SaleId),
            complaint_id: self.id(ComplaintId),
            created_on: self.date(CreatedOn, true).unwrap_or(self.today),
        };
        if let Err(err) = followup.validate() {
            self.refuse(err);
        }
        FollowupLine {
            id: self.id(Id),
            customer,
            followup,
            status,
            completed_on,
            previous_id: self.id(PreviousId),
            deal_id: self.id(DealId),
        }
    }
}
