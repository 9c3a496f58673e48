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
        super::field_error::optional_text("comment", &self.comment, 2_000)
    }
}

/// Serialized with its `due_on` (the response deadline) beside the stored fields, so a
/// script reading `today --json` or `complaint list --json` need not know the 48-hour rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub sale_id: Option<i64>,
    pub severity: Severity,
    pub summary: String,
    pub opened_on: NaiveDate,
    pub first_response_on: Option<NaiveDate>,
    pub resolved_on: Option<NaiveDate>,
    pub resolution: String,
}

/// An open complaint is due a response within 48 hours of being opened.
pub const COMPLAINT_RESPONSE_DAYS: u64 = 2;

impl Complaint {
    pub fn due_on(&self) -> NaiveDate {
        self.opened_on + chrono::Days::new(COMPLAINT_RESPONSE_DAYS)
    }
}

impl serde::Serialize for Complaint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Complaint", 11)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("customer_id", &self.customer_id)?;
        s.serialize_field("customer", &self.customer)?;
        s.serialize_field("sale_id", &self.sale_id)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("summary", &self.summary)?;
        s.serialize_field("opened_on", &self.opened_on)?;
        s.serialize_field("due_on", &self.due_on())?;
        s.serialize_field("first_response_on", &self.first_response_on)?;
        s.serialize_field("resolved_on", &self.resolved_on)?;
        s.serialize_field("resolution", &self.resolution)?;
        s.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Score {
    pub id: i64,
    pub customer_id: i64,
    pub sale_id: Option<i64>,
    pub score: u8,
    pub comment: String,
    pub rated_on: NaiveDate,
}

/// NPS bucket names for a 0-10 score.
pub fn bucket(score: u8) -> &'static str {
    match score {
        9..=10 => "promoter",
        7..=8 => "passive",
        _ => "detractor",
    }
}

/// A score of 0-6 opens a concern (a complaint) to be handled within 48 hours.
pub fn concern_for_score(score: &NewScore) -> Option<NewComplaint> {
    (score.score <= 6).then(|| NewComplaint {
        customer_id: score.customer_id,
        sale_id: score.sale_id,
        severity: if score.score <= 3 { Severity::High } else { Severity::Medium },
        // The comment is at most 2,000 characters; the summary keeps the start of it.
        summary: if score.comment.trim().is_empty() {
            format!("Low satisfaction score {}", score.score)
        } else {
            format!("Low satisfaction score {}: {}", score.score, super::text::truncate(score.comment.trim(), 1_900))
        },
        opened_on: score.rated_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(value: u8, comment: &str) -> NewScore {
        NewScore {
            customer_id: 3,
            sale_id: Some(8),
            score: value,
            comment: comment.into(),
            rated_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        }
    }

    #[test]
    fn low_scores_open_a_concern() {
        assert_eq!(concern_for_score(&score(7, "")), None);
        assert_eq!(concern_for_score(&score(10, "great")), None);
        let concern = concern_for_score(&score(6, " slow delivery ")).unwrap();
        assert_eq!(
            (concern.severity, concern.summary.as_str()),
            (Severity::Medium, "Low satisfaction score 6: slow delivery")
        );
        assert_eq!((concern.customer_id, concern.sale_id), (3, Some(8)));
        assert_eq!(concern_for_score(&score(2, "")).unwrap().severity, Severity::High);
        assert_eq!(concern_for_score(&score(0, "")).unwrap().summary, "Low satisfaction score 0");
    }

    #[test]
    fn a_complaint_in_json_carries_its_due_date() {
        let complaint = Complaint {
            id: 4,
            customer_id: 3,
            customer: "Ben".into(),
            sale_id: None,
            severity: Severity::High,
            summary: "Leaking".into(),
            opened_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            first_response_on: None,
            resolved_on: None,
            resolution: String::new(),
        };
        let json = serde_json::to_value(&complaint).unwrap();
        assert_eq!(json["due_on"], "2026-11-26", "opened + 48 hours");
        assert_eq!((json["opened_on"].as_str(), json["severity"].as_str()), (Some("2026-11-24"), Some("high")));
        assert_eq!(json.as_object().unwrap().len(), 11);
    }

    #[test]
    fn buckets_and_validation() {
        assert_eq!(
            (bucket(10), bucket(9), bucket(8), bucket(7), bucket(6), bucket(0)),
            ("promoter", "promoter", "passive", "passive", "detractor", "detractor")
        );
        assert_eq!(score(11, "").validate().unwrap_err().field, "score");
        assert!(score(0, "").validate().is_ok());
    }
}
