//! Goals: what is measured, by when, on which working days.

use super::field_error::{FieldError, required_text};
use super::money::Separators;
use chrono::{Datelike, NaiveDate, Weekday};

crate::text_enum! {
    /// What a goal counts. All but `Custom` are derived from the sales and interaction log.
    pub enum Metric {
        Revenue => ("revenue", "revenue"),
        Units => ("units", "units sold"),
        Deals => ("deals", "deals won"),
        NewCustomers => ("new_customers", "new customers"),
        Contacts => ("contacts", "contacts made"),
        Custom => ("custom", "custom"),
    }
}

impl Metric {
    pub fn is_money(self) -> bool {
        self == Self::Revenue
    }
}

/// The days that count as working days, Monday = bit 0 … Sunday = bit 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct WorkingDays(pub u8);

impl Default for WorkingDays {
    fn default() -> Self {
        Self(0b001_1111)
    }
}

impl WorkingDays {
    pub fn contains(self, day: NaiveDate) -> bool {
        self.0 & (1 << day.weekday().num_days_from_monday()) != 0
    }

    /// Parses `mon-fri`, `mon,wed,fri`, `mon-sat`, `all`.
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let err = || FieldError::new("working days", format!("'{text}' is not a day list like mon-fri or mon,wed,fri"));
        let text = text.trim().to_ascii_lowercase();
        if text == "all" {
            return Ok(Self(0b111_1111));
        }
        let mut mask = 0u8;
        for part in text.split(',').map(str::trim) {
            let (from, to) = part.split_once('-').unwrap_or((part, part));
            let from = super::date_input::parse_weekday(from.trim()).ok_or_else(err)?;
            let to = super::date_input::parse_weekday(to.trim()).ok_or_else(err)?;
            let (a, b) = (from.num_days_from_monday(), to.num_days_from_monday());
            if a > b {
                return Err(err());
            }
            for bit in a..=b {
                mask |= 1 << bit;
            }
        }
        if mask == 0 { Err(err()) } else { Ok(Self(mask)) }
    }

    pub fn describe(self) -> String {
        const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        if self.0 == 0b001_1111 {
            return "mon-fri".into();
        }
        if self.0 == 0b111_1111 {
            return "all".into();
        }
        let days: Vec<&str> = (0..7).filter(|b| self.0 & (1 << b) != 0).map(|b| NAMES[b]).collect();
        days.join(",")
    }

    pub fn weekdays(self) -> impl Iterator<Item = Weekday> {
        (0..7u8).filter(move |b| self.0 & (1 << b) != 0).filter_map(|b| Weekday::try_from(b).ok())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewGoal {
    pub title: String,
    pub metric: Metric,
    pub unit: String,
    pub target: i64,
    pub start_on: NaiveDate,
    pub deadline_on: NaiveDate,
    pub working_days: WorkingDays,
}

impl NewGoal {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("title", &self.title, 200)?;
        super::field_error::optional_text("unit", &self.unit, 30)?;
        if self.unit.chars().any(char::is_control) {
            return Err(FieldError::new("unit", "must be plain text, like demos or visits"));
        }
        if self.target <= 0 {
            return Err(FieldError::new("target", "must be greater than zero"));
        }
        let ceiling = if self.metric.is_money() { super::money::MAX_MINOR } else { MAX_COUNT };
        if self.target > ceiling {
            return Err(FieldError::new("target", "is too large"));
        }
        if (self.deadline_on - self.start_on).num_days() > 3660 {
            return Err(FieldError::new("deadline", "is more than ten years after the start"));
        }
        if self.deadline_on < self.start_on {
            return Err(FieldError::new(
                "deadline",
                format!("{} is before the start {}", self.deadline_on, self.start_on),
            ));
        }
        check_window_has_working_day(self.start_on, self.deadline_on, self.working_days)
    }
}

/// A goal needs at least one working day between its start and deadline: without one the
/// ideal line never rises and every "per day" figure is about days after the deadline.
pub fn check_window_has_working_day(
    start: NaiveDate,
    deadline: NaiveDate,
    working_days: WorkingDays,
) -> Result<(), FieldError> {
    if deadline < start || super::pace::count_working_days(working_days, start, deadline) > 0 {
        return Ok(());
    }
    let show = |d: NaiveDate| d.format("%a %-d %b %Y");
    Err(FieldError::new(
        "working days",
        format!(
            "{} has no working day from {} to {}; choose days that fall in the window or widen it",
            working_days.describe(),
            show(start),
            show(deadline)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_day_lists() {
        assert_eq!(WorkingDays::parse("mon-fri"), Ok(WorkingDays(31)));
        assert_eq!(WorkingDays::parse("Mon-Sat"), Ok(WorkingDays(63)));
        assert_eq!(WorkingDays::parse("mon,wed,fri"), Ok(WorkingDays(0b10101)));
        assert_eq!(WorkingDays::parse("all"), Ok(WorkingDays(127)));
        assert_eq!(WorkingDays::parse("sat-sun"), Ok(WorkingDays(0b110_0000)));
        for bad in ["", "fri-mon", "funday", "mon-"] {
            assert!(WorkingDays::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(WorkingDays(0b10101).describe(), "mon,wed,fri");
        assert_eq!(WorkingDays::default().describe(), "mon-fri");
    }

    #[test]
    fn working_day_membership() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let saturday = friday.succ_opt().unwrap();
        assert!(WorkingDays::default().contains(friday));
        assert!(!WorkingDays::default().contains(saturday));
    }
}

/// A goal as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Goal {
    pub id: i64,
    pub title: String,
    pub metric: Metric,
    pub unit: String,
    pub target: i64,
    pub start_on: NaiveDate,
    pub deadline_on: NaiveDate,
    pub working_days: WorkingDays,
    pub archived: bool,
}

impl Goal {
    pub fn window(&self) -> super::pace::GoalWindow {
        super::pace::GoalWindow {
            target: self.target,
            start: self.start_on,
            deadline: self.deadline_on,
            working_days: self.working_days,
        }
    }

    /// An amount in this goal's unit: money for revenue, a count otherwise.
    pub fn format_amount(&self, value: i64, currency: &super::money::Currency) -> String {
        format_metric_amount(self.metric, &self.unit, value, currency)
    }
}

pub fn format_metric_amount(metric: Metric, unit: &str, value: i64, currency: &super::money::Currency) -> String {
    if metric.is_money() {
        return currency.format(value);
    }
    let sign = if value < 0 { "-" } else { "" };
    let number = format!("{sign}{}", currency.separators.group(value.unsigned_abs()));
    if unit.is_empty() { number } else { format!("{number} {}", super::text::one_line(unit)) }
}

/// A target or manual entry as typed: money for revenue, a whole number otherwise.
pub fn parse_metric_amount(
    metric: Metric,
    text: &str,
    field: &'static str,
    separators: Separators,
) -> Result<i64, FieldError> {
    if metric.is_money() {
        return separators.amount(text, field);
    }
    parse_count(&separators.canonical_count(text), field)
}

/// The largest count a goal or entry takes: sums of many stay far inside `i64`.
pub const MAX_COUNT: i64 = 1_000_000_000_000;

/// A whole number, optionally with thousands separators in groups of three (`1,200`);
/// negative allowed for corrections to a custom goal.
pub fn parse_count(text: &str, field: &'static str) -> Result<i64, FieldError> {
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let groups: Vec<&str> = digits.split(',').collect();
    let well_grouped = groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    let plain = groups.concat();
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit()) || !well_grouped || groups[0].is_empty() {
        return Err(FieldError::new(field, format!("'{trimmed}' is not a whole number like 12 or 1,200")));
    }
    let value: i64 = plain.parse().ok().filter(|v| *v <= MAX_COUNT).ok_or_else(|| {
        FieldError::new(field, format!("is too large (at most {})", super::money::group_thousands(MAX_COUNT as u64)))
    })?;
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod amount_tests {
    use super::*;
    use crate::domain::money::Currency;

    #[test]
    fn parsing_by_metric() {
        assert_eq!(parse_metric_amount(Metric::Revenue, "30,000", "target", Separators::default()), Ok(3_000_000));
        assert_eq!(parse_metric_amount(Metric::Units, "1,200", "target", Separators::default()), Ok(1_200));
        assert_eq!(parse_metric_amount(Metric::Custom, "-3", "amount", Separators::default()), Ok(-3));
        assert_eq!(
            parse_metric_amount(Metric::Deals, "2.5", "target", Separators::default()).unwrap_err().field,
            "target"
        );
        assert_eq!(
            parse_metric_amount(Metric::Revenue, "abc", "target", Separators::default()).unwrap_err().field,
            "target"
        );
        assert!(parse_count("", "x").is_err());
        assert!(parse_count("99999999999999999999", "x").is_err());
        assert!(parse_count("1000000000001", "x").is_err(), "over MAX_COUNT");
        assert_eq!(parse_count("1,000,000,000,000", "x"), Ok(MAX_COUNT));
        for bad in ["1,2,3", ",100", "12,34", "1,0000"] {
            assert!(parse_count(bad, "x").is_err(), "{bad}");
        }
    }

    #[test]
    fn formatting_by_metric() {
        let usd = Currency::default();
        assert_eq!(format_metric_amount(Metric::Revenue, "", 3_000_000, &usd), "$30,000.00");
        assert_eq!(format_metric_amount(Metric::Units, "", 1_200, &usd), "1,200");
        assert_eq!(format_metric_amount(Metric::Custom, "demos", 12, &usd), "12 demos");
        assert_eq!(format_metric_amount(Metric::Custom, "", -3, &usd), "-3");
    }

    #[test]
    fn goal_validation() {
        let mut goal = NewGoal {
            title: "Q4".into(),
            metric: Metric::Revenue,
            unit: String::new(),
            target: 100,
            start_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            deadline_on: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            working_days: WorkingDays::default(),
        };
        assert_eq!(goal.validate(), Ok(()));
        goal.target = 0;
        assert_eq!(goal.validate().unwrap_err().field, "target");
        goal.target = -5;
        assert_eq!(goal.validate().unwrap_err().field, "target");
        goal.target = 5;
        goal.deadline_on = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(goal.validate().unwrap_err().field, "deadline");
        goal.deadline_on = goal.start_on;
        assert_eq!(goal.validate(), Ok(()), "a one-day goal is fine");
        // Tue 1 Dec alone, counting Saturdays only: no working day in the window.
        goal.working_days = WorkingDays::parse("sat").unwrap();
        let err = goal.validate().unwrap_err();
        assert_eq!(err.field, "working days");
        assert_eq!(
            err.message,
            "sat has no working day from Tue 1 Dec 2026 to Tue 1 Dec 2026; choose days that fall in the window or widen it"
        );
        goal.deadline_on = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(goal.validate(), Ok(()), "Sat 5 Dec is in the window");
        goal.working_days = WorkingDays::default();
        goal.title = " ".into();
        assert_eq!(goal.validate().unwrap_err().field, "title");
        assert_eq!(
            Metric::parse("profit").unwrap_err(),
            "'profit' is not one of: revenue, units, deals, new_customers, contacts, custom"
        );
    }
}
