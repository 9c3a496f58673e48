//! Deals: what a customer may buy, moving through the seller's stages towards won or lost.
//! A stage carries a default probability and an idle limit; a deal may override the
//! probability. Money in minor units, probabilities in permille (1000 = certain).

use super::FieldError;
use super::field_error::required_text;
use chrono::NaiveDate;

crate::text_enum! {
    pub enum DealStatus {
        Open => ("open", "open"),
        Won => ("won", "won"),
        Lost => ("lost", "lost"),
    }
}

/// One step of the pipeline, in the seller's order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stage {
    pub id: i64,
    pub name: String,
    pub position: i64,
    /// The chance a deal at this stage closes won, in permille.
    pub probability_permille: i64,
    /// Days without activity after which a deal at this stage is going cold.
    pub idle_days: u32,
}

/// A stage as the seller sets it: its name, default chance and idle limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageFields {
    pub name: String,
    pub probability_permille: i64,
    pub idle_days: u32,
}

impl StageFields {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("name", &self.name, 40)?;
        if self.name.trim().starts_with('#') {
            return Err(FieldError::new("name", "must not start with # (that is how an id is typed)"));
        }
        if !(0..=1000).contains(&self.probability_permille) {
            return Err(FieldError::new("probability", "must be from 0% to 100%"));
        }
        if !(1..=3650).contains(&self.idle_days) {
            return Err(FieldError::new("idle", "must be from 1 to 3650 days"));
        }
        Ok(())
    }
}

/// The stages a new database starts with.
pub const DEFAULT_STAGES: [(&str, i64, u32); 4] =
    [("Lead", 100, 14), ("Qualified", 250, 10), ("Proposal", 500, 7), ("Negotiation", 750, 5)];

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewDeal {
    pub customer_id: i64,
    pub title: String,
    pub product_id: Option<i64>,
    pub value_minor: i64,
    pub stage_id: i64,
    pub close_on: Option<NaiveDate>,
    /// The deal's own chance, overriding its stage's.
    pub probability_permille: Option<i64>,
    pub created_on: NaiveDate,
}

impl NewDeal {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("title", &self.title, 200)?;
        if self.value_minor < 0 {
            return Err(FieldError::new("value", "must not be negative"));
        }
        if self.value_minor > super::money::MAX_MINOR {
            return Err(FieldError::new("value", "is too large"));
        }
        if let Some(p) = self.probability_permille
            && !(0..=1000).contains(&p)
        {
            return Err(FieldError::new("probability", "must be from 0% to 100%"));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Deal {
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub title: String,
    pub product_id: Option<i64>,
    pub value_minor: i64,
    pub stage_id: i64,
    pub stage: String,
    pub close_on: Option<NaiveDate>,
    pub probability_permille: Option<i64>,
    pub created_on: NaiveDate,
    pub last_activity_on: NaiveDate,
    pub status: DealStatus,
    pub lost_reason: String,
    pub closed_on: Option<NaiveDate>,
    pub sale_id: Option<i64>,
}

impl Deal {
    /// The chance used for the forecast: the deal's own, else its stage's.
    pub fn probability(&self, stage: &Stage) -> i64 {
        self.probability_permille.unwrap_or(stage.probability_permille)
    }
}

/// Why an open deal is going cold, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cold {
    /// No activity for more than the stage's idle limit (the days idle).
    Idle(i64),
    /// Its expected close date has passed (the days since).
    PastClose(i64),
}

/// An open deal is cold when idle for more than its stage's limit, or when its expected
/// close date is behind today; past the close date is said first (it needs a new date).
pub fn cold(deal: &Deal, stage: &Stage, today: NaiveDate) -> Option<Cold> {
    if deal.status != DealStatus::Open {
        return None;
    }
    if let Some(close) = deal.close_on.filter(|c| *c < today) {
        return Some(Cold::PastClose((today - close).num_days()));
    }
    let idle = (today - deal.last_activity_on).num_days();
    (idle > i64::from(stage.idle_days)).then_some(Cold::Idle(idle))
}

/// A percentage as typed (`35`, `35%`) in permille.
pub fn parse_probability(text: &str) -> Result<i64, FieldError> {
    let t = text.trim().trim_end_matches('%').trim();
    match t.parse::<i64>() {
        Ok(p @ 0..=100) => Ok(p * 10),
        _ => Err(FieldError::new("probability", format!("'{}' is not a percentage from 0 to 100", text.trim()))),
    }
}

/// The sale a won deal logs: one of its product (if any) for `amount_minor`, on `on`.
pub fn won_sale(deal: &Deal, amount_minor: i64, on: NaiveDate) -> super::sale::NewSale {
    super::sale::NewSale {
        customer_id: deal.customer_id,
        product_id: deal.product_id,
        technique_id: None,
        kind: super::sale::SaleKind::Sale,
        quantity: 1,
        amount_minor,
        sold_on: on,
        note: format!("Deal #{}: {}", deal.id, deal.title),
        refund_of: None,
    }
}

/// Why a deal was lost: the interactions' list (price, timing ...) or the seller's words.
pub fn validate_lost_reason(reason: &str) -> Result<(), FieldError> {
    required_text("reason", reason, 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_fields_are_checked_at_their_limits() {
        let ok = StageFields { name: "Demo booked".into(), probability_permille: 400, idle_days: 7 };
        assert_eq!(ok.validate(), Ok(()));
        let with = |f: fn(&mut StageFields)| {
            let mut s = ok.clone();
            f(&mut s);
            s.validate().map_err(|e| e.field)
        };
        assert_eq!(with(|s| s.name = " ".into()), Err("name"));
        assert_eq!(with(|s| s.name = "#2".into()), Err("name"));
        assert_eq!(with(|s| s.name = "x".repeat(41)), Err("name"));
        assert_eq!(with(|s| s.name = "x".repeat(40)), Ok(()));
        assert_eq!(with(|s| s.probability_permille = 1001), Err("probability"));
        assert_eq!(with(|s| s.probability_permille = 0), Ok(()));
        assert_eq!(with(|s| s.idle_days = 0), Err("idle"));
        assert_eq!(with(|s| s.idle_days = 3650), Ok(()));
        assert_eq!(with(|s| s.idle_days = 3651), Err("idle"));
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn stage(idle_days: u32) -> Stage {
        Stage { id: 3, name: "Proposal".into(), position: 3, probability_permille: 500, idle_days }
    }

    fn deal(last: &str, close: Option<&str>) -> Deal {
        Deal {
            id: 1,
            customer_id: 1,
            customer: "Ada".into(),
            title: "Two grinders".into(),
            product_id: None,
            value_minor: 100_000,
            stage_id: 3,
            stage: "Proposal".into(),
            close_on: close.map(d),
            probability_permille: None,
            created_on: d("2026-11-01"),
            last_activity_on: d(last),
            status: DealStatus::Open,
            lost_reason: String::new(),
            closed_on: None,
            sale_id: None,
        }
    }

    #[test]
    fn cold_at_the_exact_day_boundaries() {
        let today = d("2026-11-27");
        // Proposal's limit is 7 days: 7 days idle is still warm, 8 is cold.
        assert_eq!(cold(&deal("2026-11-20", None), &stage(7), today), None);
        assert_eq!(cold(&deal("2026-11-19", None), &stage(7), today), Some(Cold::Idle(8)));
        // Closing today is not late; yesterday is, and that is said before idleness.
        assert_eq!(cold(&deal("2026-11-26", Some("2026-11-27")), &stage(7), today), None);
        assert_eq!(cold(&deal("2026-11-01", Some("2026-11-26")), &stage(7), today), Some(Cold::PastClose(1)));
        let won = Deal { status: DealStatus::Won, ..deal("2026-10-01", Some("2026-10-02")) };
        assert_eq!(cold(&won, &stage(7), today), None, "a closed deal is never cold");
    }

    #[test]
    fn probabilities_read_as_percentages_and_override_the_stage() {
        assert_eq!(parse_probability("35"), Ok(350));
        assert_eq!(parse_probability(" 100% "), Ok(1000));
        assert_eq!(parse_probability("0"), Ok(0));
        for bad in ["101", "-5", "half", "12.5"] {
            assert_eq!(parse_probability(bad).unwrap_err().field, "probability", "{bad}");
        }
        let own = Deal { probability_permille: Some(900), ..deal("2026-11-20", None) };
        assert_eq!(own.probability(&stage(7)), 900);
        assert_eq!(deal("2026-11-20", None).probability(&stage(7)), 500);
    }

    #[test]
    fn a_new_deal_needs_a_title_and_a_sane_value() {
        let ok = NewDeal {
            customer_id: 1,
            title: "Grinders".into(),
            product_id: None,
            value_minor: 0,
            stage_id: 1,
            close_on: None,
            probability_permille: None,
            created_on: d("2026-11-27"),
        };
        assert_eq!(ok.validate(), Ok(()));
        assert_eq!(NewDeal { title: " ".into(), ..ok.clone() }.validate().unwrap_err().field, "title");
        assert_eq!(NewDeal { value_minor: -1, ..ok.clone() }.validate().unwrap_err().field, "value");
        assert_eq!(NewDeal { probability_permille: Some(1001), ..ok }.validate().unwrap_err().field, "probability");
    }
}
