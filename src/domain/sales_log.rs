//! The log on screen: sales, refunds and interactions newest first over a period, with
//! the period's totals. Periods are calendar ones (this week, this month) so the figures
//! match the report and the goals.

use super::sale::InteractionKind;
use chrono::{Datelike, Days, Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Today,
    Week,
    Month,
    Year,
    All,
    Custom { from: NaiveDate, to: NaiveDate },
}

impl Period {
    /// `p` steps through the fixed periods; a custom one steps back to today.
    pub fn next(self) -> Period {
        match self {
            Period::Today => Period::Week,
            Period::Week => Period::Month,
            Period::Month => Period::Year,
            Period::Year => Period::All,
            Period::All | Period::Custom { .. } => Period::Today,
        }
    }

    /// The first and last day, both included.
    pub fn range(self, today: NaiveDate, week_starts_monday: bool) -> (NaiveDate, NaiveDate) {
        match self {
            Period::Today => (today, today),
            Period::Week => {
                let back = if week_starts_monday {
                    today.weekday().num_days_from_monday()
                } else {
                    today.weekday().num_days_from_sunday()
                };
                (today.checked_sub_days(Days::new(u64::from(back))).unwrap_or(today), today)
            }
            Period::Month => (today.with_day(1).unwrap_or(today), today),
            Period::Year => (today.with_ordinal(1).unwrap_or(today), today),
            Period::All => (super::date_input::EARLIEST, today.checked_add_months(Months::new(1200)).unwrap_or(today)),
            Period::Custom { from, to } => (from, to),
        }
    }

    pub fn label(self) -> String {
        match self {
            Period::Today => "today".into(),
            Period::Week => "this week".into(),
            Period::Month => "this month".into(),
            Period::Year => "this year".into(),
            Period::All => "all time".into(),
            Period::Custom { from, to } => format!("{} to {}", from.format("%-d %b %Y"), to.format("%-d %b %Y")),
        }
    }
}

/// What the log is narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub customer_id: Option<i64>,
    pub product_id: Option<i64>,
    pub technique_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Sale,
    Refund,
    Interaction(InteractionKind),
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LogEntry {
    pub kind: EntryKind,
    pub id: i64,
    pub on: NaiveDate,
    pub customer_id: i64,
    pub customer: String,
    pub product: Option<String>,
    pub technique: Option<String>,
    /// Sales and refunds: the amount (a refund's positive, subtracted in totals).
    pub amount_minor: Option<i64>,
    pub quantity: Option<i64>,
    /// Interactions: won, lost, pending or none.
    pub outcome: Option<String>,
    pub note: String,
    /// Interactions: the objections raised ("price, timing") and the response used.
    pub objections: String,
    pub response: String,
}

/// A period's figures, as the goals count them: revenue net of refunds, deals (sales),
/// units net of returns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct LogTotals {
    pub revenue_minor: i64,
    pub deals: u64,
    pub units: i64,
    pub refunds: u64,
    pub interactions: u64,
}

impl LogTotals {
    /// Net revenue per deal, rounded half up; none without a deal.
    pub fn average_deal(&self) -> Option<i64> {
        let deals = i64::try_from(self.deals).ok().filter(|d| *d > 0)?;
        Some((self.revenue_minor * 2 + deals).div_euclid(deals * 2))
    }

    pub fn entries(&self) -> u64 {
        self.deals + self.refunds + self.interactions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_are_calendar_ones_ending_today() {
        // Wednesday 2 December 2026.
        let today = d("2026-12-02");
        assert_eq!(Period::Today.range(today, true), (today, today));
        assert_eq!(Period::Week.range(today, true), (d("2026-11-30"), today));
        assert_eq!(Period::Week.range(today, false), (d("2026-11-29"), today));
        assert_eq!(Period::Week.range(d("2026-11-30"), true), (d("2026-11-30"), d("2026-11-30")), "Monday starts it");
        assert_eq!(Period::Month.range(today, true), (d("2026-12-01"), today));
        assert_eq!(Period::Year.range(today, true), (d("2026-01-01"), today));
        let (from, to) = Period::All.range(today, true);
        assert_eq!((from, to > d("2126-01-01")), (d("1900-01-01"), true));
        let custom = Period::Custom { from: d("2026-10-01"), to: d("2026-10-31") };
        assert_eq!(custom.range(today, true), (d("2026-10-01"), d("2026-10-31")));
        assert_eq!(custom.label(), "1 Oct 2026 to 31 Oct 2026");
        let mut p = Period::Today;
        let mut seen = Vec::new();
        for _ in 0..5 {
            seen.push(p.label());
            p = p.next();
        }
        assert_eq!(seen, ["today", "this week", "this month", "this year", "all time"]);
        assert_eq!(p, Period::Today);
        assert_eq!(custom.next(), Period::Today);
    }

    #[test]
    fn the_average_deal_is_net_revenue_per_sale_rounded_half_up() {
        let t = LogTotals { revenue_minor: 10_001, deals: 2, units: 3, refunds: 1, interactions: 4 };
        assert_eq!(t.average_deal(), Some(5_001), "5000.5 rounds up");
        assert_eq!(LogTotals { revenue_minor: 9_999, deals: 3, ..t }.average_deal(), Some(3_333));
        assert_eq!(LogTotals { deals: 0, ..t }.average_deal(), None);
        assert_eq!(LogTotals { revenue_minor: -500, deals: 1, ..t }.average_deal(), Some(-500), "refunds above sales");
        assert_eq!(t.entries(), 7);
    }
}
