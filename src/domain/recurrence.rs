//! Recurring follow-ups: every N days, weeks or months, counted from the due date (a fixed
//! series) or from the day it was done ("30 days after we last spoke").

use chrono::{Datelike, Days, Months, NaiveDate};

crate::text_enum! {
    pub enum RecurUnit {
        Day => ("day", "days"),
        Week => ("week", "weeks"),
        Month => ("month", "months"),
    }
}

crate::text_enum! {
    /// Recur from the due date ("every 1st") or from completion ("30 days after we last spoke").
    pub enum RecurFrom {
        Due => ("due", "due date"),
        Completion => ("completion", "completion"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Recurrence {
    pub every: u32,
    pub unit: RecurUnit,
    pub from: RecurFrom,
}

impl Recurrence {
    /// The next due date after a follow-up due `due` was completed on `completed`.
    /// From the due date, dates are counted from the series' first due date (`anchor`), so
    /// a month-end stays a month-end (Jan 31, Feb 28, Mar 31 …), and the result is the first
    /// one after both the current due date and the completion day: finishing a weekly task
    /// three weeks late does not leave already-overdue successors behind.
    pub fn next_due(&self, anchor: NaiveDate, due: NaiveDate, completed: NaiveDate) -> Option<NaiveDate> {
        match self.from {
            RecurFrom::Completion => self.add_periods(completed, 1),
            RecurFrom::Due => {
                let mut periods = self.periods_between(anchor, due).max(1);
                loop {
                    let next = self.add_periods(anchor, periods)?;
                    if next > due && next > completed {
                        return Some(next);
                    }
                    periods = periods.checked_add(1)?;
                }
            }
        }
    }

    /// Whole periods from `anchor` to `day`, rounded down (a starting point for the search).
    fn periods_between(&self, anchor: NaiveDate, day: NaiveDate) -> u32 {
        let every = i64::from(self.every.max(1));
        let count = match self.unit {
            RecurUnit::Day => (day - anchor).num_days() / every,
            RecurUnit::Week => (day - anchor).num_days() / (7 * every),
            RecurUnit::Month => {
                let months =
                    i64::from(day.year() - anchor.year()) * 12 + i64::from(day.month()) - i64::from(anchor.month());
                months / every
            }
        };
        u32::try_from(count.max(0)).unwrap_or(u32::MAX)
    }

    /// `start` plus `periods` whole periods, counted from `start` so month ends stay put
    /// (Jan 31 + 2 months is Mar 31, not Mar 28).
    fn add_periods(&self, start: NaiveDate, periods: u32) -> Option<NaiveDate> {
        let n = self.every.checked_mul(periods)?;
        match self.unit {
            RecurUnit::Day => start.checked_add_days(Days::new(n.into())),
            RecurUnit::Week => start.checked_add_days(Days::new(u64::from(n) * 7)),
            RecurUnit::Month => start.checked_add_months(Months::new(n)),
        }
    }

    pub fn describe(&self) -> String {
        let unit = if self.every == 1 { self.unit.as_str().to_string() } else { self.unit.label().to_string() };
        let every = if self.every == 1 { String::new() } else { format!("{} ", self.every) };
        format!("every {every}{unit} from {}", self.from.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn every(n: u32, unit: RecurUnit, from: RecurFrom) -> Recurrence {
        Recurrence { every: n, unit, from }
    }

    #[test]
    fn recurrence_table() {
        use RecurFrom::*;
        use RecurUnit::*;
        let cases = [
            // (rule, due, completed, expected next)
            (every(30, Day, Completion), "2026-11-01", "2026-11-10", "2026-12-10"),
            (every(30, Day, Due), "2026-11-01", "2026-11-10", "2026-12-01"),
            (every(1, Week, Due), "2026-11-02", "2026-11-02", "2026-11-09"),
            (every(1, Week, Due), "2026-11-02", "2026-11-23", "2026-11-30"),
            (every(2, Week, Completion), "2026-11-02", "2026-11-05", "2026-11-19"),
            (every(1, Month, Due), "2027-01-31", "2027-01-31", "2027-02-28"),
            (every(1, Month, Due), "2028-01-31", "2028-01-31", "2028-02-29"),
            (every(1, Month, Due), "2027-01-31", "2027-03-01", "2027-03-31"),
            (every(1, Month, Completion), "2026-01-15", "2027-01-31", "2027-02-28"),
            (every(12, Month, Due), "2028-02-29", "2028-02-29", "2029-02-28"),
            (every(1, Day, Due), "2026-11-27", "2026-11-26", "2026-11-28"),
        ];
        for (rule, due, completed, expected) in cases {
            assert_eq!(rule.next_due(d(due), d(due), d(completed)), Some(d(expected)), "{rule:?} {due} {completed}");
        }
    }

    #[test]
    fn month_ends_stay_month_ends_along_the_series() {
        let monthly = every(1, RecurUnit::Month, RecurFrom::Due);
        let anchor = d("2027-01-31");
        let mut due = anchor;
        let mut seen = Vec::new();
        for _ in 0..4 {
            due = monthly.next_due(anchor, due, due).unwrap();
            seen.push(due);
        }
        assert_eq!(seen, vec![d("2027-02-28"), d("2027-03-31"), d("2027-04-30"), d("2027-05-31")]);
        // A rescheduled occurrence keeps the series on its grid.
        assert_eq!(monthly.next_due(d("2027-01-15"), d("2027-02-10"), d("2027-02-10")), Some(d("2027-02-15")));
        // Every two weeks from a Monday stays on Mondays after a late completion.
        let fortnightly = every(2, RecurUnit::Week, RecurFrom::Due);
        assert_eq!(fortnightly.next_due(d("2026-11-02"), d("2026-11-16"), d("2026-11-25")), Some(d("2026-11-30")));
    }

    #[test]
    fn describing_a_rule() {
        assert_eq!(every(1, RecurUnit::Week, RecurFrom::Due).describe(), "every week from due date");
        assert_eq!(every(30, RecurUnit::Day, RecurFrom::Completion).describe(), "every 30 days from completion");
    }
}
