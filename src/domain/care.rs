//! Customer care records: complaints and satisfaction scores.

use super::field_error::{FieldError, required_text};
use chrono::NaiveDate;

crate::text_enum! {
    pub enum Severity {
        Low => ("low", "low"),
        Medium => ("medium", "medium"),
        High => ("high", "high"),
        Critical => ("critical", "critical"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewComplaint {
    pub customer_id: i64,
    pub sale_id: Option<i64>,
    pub severity: Severity,
    pub summary: String,
    pub opened_on: NaiveDate,
}

impl NewComplaint {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("summary", &self.summary, 2_000)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewScore {
    pub customer_id: i64,
    pub sale_id: Option<i64>,
    pub score: u8,
    pub comment: String,
    pub rated_on: NaiveDate,
}

impl NewScore {
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.score > 10 {
            return Err(FieldError::new("score", format!("{} is outside 0-10", self.score)));
        }
        Ok(())
    }
}
