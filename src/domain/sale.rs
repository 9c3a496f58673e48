//! Sales, refunds and interactions as they are logged.

use super::field_error::{FieldError, optional_text};
use chrono::NaiveDate;

crate::text_enum! {
    /// A refund is recorded as its own entry, never as a negative sale.
    pub enum SaleKind {
        Sale => ("sale", "sale"),
        Refund => ("refund", "refund"),
    }
}

crate::text_enum! {
    pub enum InteractionKind {
        Call => ("call", "call"),
        Email => ("email", "email"),
        Meeting => ("meeting", "meeting"),
        Demo => ("demo", "demo"),
        Visit => ("visit", "visit"),
        Message => ("message", "message"),
    }
}

crate::text_enum! {
    pub enum Outcome {
        Won => ("won", "won"),
        Lost => ("lost", "lost"),
        Pending => ("pending", "pending"),
        None => ("none", "none"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewSale {
    pub customer_id: i64,
    pub product_id: Option<i64>,
    pub technique_id: Option<i64>,
    pub kind: SaleKind,
    pub quantity: u32,
    pub amount_minor: i64,
    pub sold_on: NaiveDate,
    pub note: String,
    pub refund_of: Option<i64>,
}

impl NewSale {
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.quantity == 0 && self.kind == SaleKind::Sale {
            return Err(FieldError::new("quantity", "must be at least 1"));
        }
        if self.amount_minor < 0 {
            return Err(FieldError::new("amount", "must not be negative; record a refund instead"));
        }
        // A sale of nothing would count as a deal won and a new customer without revenue.
        if self.amount_minor == 0 && self.kind == SaleKind::Sale {
            return Err(FieldError::new("amount", "must be more than zero; log a free sample as a visit or a note"));
        }
        if self.kind == SaleKind::Sale && self.refund_of.is_some() {
            return Err(FieldError::new("refund of", "only a refund can refer to a sale"));
        }
        optional_text("note", &self.note, 20_000)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewInteraction {
    pub customer_id: i64,
    pub technique_id: Option<i64>,
    pub product_id: Option<i64>,
    pub kind: InteractionKind,
    pub outcome: Outcome,
    pub lost_reason: String,
    pub happened_on: NaiveDate,
    pub note: String,
    /// Objections the customer raised, as stored: list keys or the seller's own words.
    pub objections: Vec<String>,
    /// How the seller answered them.
    pub response: String,
}

impl NewInteraction {
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.outcome != Outcome::Lost && !self.lost_reason.trim().is_empty() {
            return Err(FieldError::new("lost reason", "only applies when the outcome is lost"));
        }
        optional_text("lost reason", &self.lost_reason, 200)?;
        for objection in &self.objections {
            super::objections::check_stored(objection).map_err(|e| FieldError::new("objection", e))?;
        }
        optional_text("response", &self.response, 500)?;
        optional_text("note", &self.note, 20_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sale(amount_minor: i64, kind: SaleKind) -> NewSale {
        NewSale {
            customer_id: 1,
            product_id: None,
            technique_id: None,
            kind,
            quantity: 1,
            amount_minor,
            sold_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            note: String::new(),
            refund_of: if kind == SaleKind::Refund { Some(3) } else { None },
        }
    }

    #[test]
    fn a_sale_is_for_more_than_nothing() {
        assert_eq!(sale(1, SaleKind::Sale).validate(), Ok(()));
        let zero = sale(0, SaleKind::Sale).validate().unwrap_err();
        assert_eq!(zero.field, "amount");
        assert!(zero.message.starts_with("must be more than zero"), "{}", zero.message);
        assert_eq!(sale(-1, SaleKind::Sale).validate().unwrap_err().field, "amount");
        // A return of goods with no money back is still a refund.
        assert_eq!(sale(0, SaleKind::Refund).validate(), Ok(()));
    }
}
