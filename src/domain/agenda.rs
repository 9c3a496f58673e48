//! The next days at a glance: open follow-ups per day from today, so a heavy Thursday is
//! seen coming while there is still time to move a call or two.

use super::goal::WorkingDays;
use chrono::{Days, NaiveDate};

/// The default span of `salescoach agenda` and the Follow-ups tab's agenda.
pub const DEFAULT_DAYS: u32 = 14;
/// The longest span asked for: a quarter.
pub const MAX_DAYS: u32 = 92;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AgendaDay {
    pub date: NaiveDate,
    pub count: u64,
    pub working: bool,
    /// Well above the span's usual day: half as much again as the average over the
    /// working days, and at least [`HEAVY_AT_LEAST`].
    pub heavy: bool,
}

/// A day with fewer follow-ups than this is never called heavy, however quiet the rest.
pub const HEAVY_AT_LEAST: u64 = 3;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Agenda {
    /// Open follow-ups due before today: they come first whatever the day.
    pub overdue: u64,
    pub days: Vec<AgendaDay>,
    /// Open follow-ups in the span.
    pub total: u64,
}

impl Agenda {
    /// `days` consecutive days from `today`; `counts` are (day, open follow-ups) in any
    /// order, days outside the span ignored.
    pub fn build(today: NaiveDate, days: u32, overdue: u64, counts: &[(NaiveDate, u64)], working: WorkingDays) -> Self {
        let span: Vec<NaiveDate> = (0..days).filter_map(|i| today.checked_add_days(Days::new(u64::from(i)))).collect();
        let count_on = |day: NaiveDate| counts.iter().filter(|(d, _)| *d == day).map(|(_, n)| n).sum::<u64>();
        let mut list: Vec<AgendaDay> = span
            .iter()
            .map(|&date| AgendaDay { date, count: count_on(date), working: working.contains(date), heavy: false })
            .collect();
        let working_days: Vec<u64> = list.iter().filter(|d| d.working).map(|d| d.count).collect();
        let total: u64 = list.iter().map(|d| d.count).sum();
        if !working_days.is_empty() {
            let sum: u64 = working_days.iter().sum();
            let n = working_days.len() as u64;
            for day in &mut list {
                // count > 1.5 x (sum / n), in whole numbers: 2 * count * n > 3 * sum.
                day.heavy = day.count >= HEAVY_AT_LEAST && 2 * day.count * n > 3 * sum;
            }
        }
        Agenda { overdue, days: list, total }
    }

    /// The busiest day of the span (the earliest of equals), if any has a follow-up.
    pub fn busiest(&self) -> Option<&AgendaDay> {
        self.days.iter().filter(|d| d.count > 0).fold(None, |best: Option<&AgendaDay>, d| match best {
            Some(b) if b.count >= d.count => Some(b),
            _ => Some(d),
        })
    }
}

/// A bar of `count` against `max` in at most `width` cells (at least one for any count).
pub fn bar(count: u64, max: u64, width: usize) -> String {
    if count == 0 || max == 0 || width == 0 {
        return String::new();
    }
    let cells = ((count * width as u64).div_ceil(max) as usize).clamp(1, width);
    "█".repeat(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_fortnight_from_today_with_the_heavy_day_marked() {
        // Wednesday 2 December 2026; Monday to Friday are working days.
        let today = d("2026-12-02");
        let counts = [
            (d("2026-12-02"), 2),
            (d("2026-12-03"), 9),
            (d("2026-12-05"), 1),
            (d("2026-12-08"), 3),
            (d("2026-12-16"), 40),
            (d("2026-11-30"), 5),
        ];
        let agenda = Agenda::build(today, 14, 4, &counts, WorkingDays::default());
        assert_eq!(agenda.days.len(), 14);
        assert_eq!(agenda.days[0].date, today);
        assert_eq!(agenda.days[13].date, d("2026-12-15"));
        // 16 Dec is past the span, 30 Nov before it: neither counted.
        assert_eq!(agenda.total, 2 + 9 + 1 + 3);
        assert_eq!(agenda.overdue, 4);
        // Ten working days hold 2 + 9 + 3 = 14 (the Saturday's 1 is not a working day):
        // 1.5 x 1.4 = 2.1, so 9 and 3 are heavy, 2 is not.
        let heavy: Vec<NaiveDate> = agenda.days.iter().filter(|d| d.heavy).map(|d| d.date).collect();
        assert_eq!(heavy, [d("2026-12-03"), d("2026-12-08")]);
        assert!(!agenda.days[3].working, "5 December is a Saturday");
        assert_eq!(agenda.busiest().map(|d| d.date), Some(d("2026-12-03")));
    }

    #[test]
    fn small_counts_are_never_heavy_and_an_even_spread_has_no_peak() {
        let today = d("2026-12-07");
        let lone = Agenda::build(today, 7, 0, &[(today, 2)], WorkingDays::default());
        assert!(lone.days.iter().all(|d| !d.heavy), "2 is below the floor of 3");
        let even: Vec<(NaiveDate, u64)> = (0..5).map(|i| (today.checked_add_days(Days::new(i)).unwrap(), 4)).collect();
        let spread = Agenda::build(today, 7, 0, &even, WorkingDays::default());
        assert!(spread.days.iter().all(|d| !d.heavy));
        assert_eq!(spread.busiest().map(|d| d.date), Some(today), "the earliest of equals");
        let empty = Agenda::build(today, 7, 0, &[], WorkingDays(0));
        assert_eq!((empty.total, empty.busiest()), (0, None));
    }

    #[test]
    fn bars_scale_to_the_busiest_day() {
        assert_eq!(bar(0, 9, 10), "");
        assert_eq!(bar(9, 9, 10), "██████████");
        assert_eq!(bar(1, 9, 10), "██");
        assert_eq!(bar(1, 1000, 10), "█");
        assert_eq!(bar(5, 0, 10), "");
    }
}
