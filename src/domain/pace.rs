//! The pace engine: where a goal stands today and what it takes to finish on time.
//!
//! Day-count convention, held everywhere (and explained by `?` on a goal):
//! - The goal window runs from `start` to `deadline`, **both days included**.
//! - "Per day" means per **working day** (configurable, default Mon-Fri). Progress logged on
//!   a non-working day still counts; only the ideal line ignores those days.
//! - The ideal line rises evenly over the window's working days and is read at the **end**
//!   of a day: `ideal(d) = target × (working days from start through d) / (all working days)`.
//!   So `expected by today` is where you should be when today ends, and `% of time elapsed`
//!   counts today as elapsed.
//! - Today is still available to work: the **required rate** spreads what remains over the
//!   working days from today through the deadline.
//! - **Buffer** is the number of working days, starting today, whose end-of-day ideal you
//!   already meet: with a buffer of 2 you could skip today and the next working day.
//! - The **projection** uses the trailing 14-day rate (today and the 13 days before it, cut
//!   to the window), per working day, applied to the working days after today.
//! - Amounts are integers (minor units for money). The ideal line is read through one
//!   function, [`GoalWindow::ideal_at`], rounded **up** to a whole unit (cent): the least
//!   amount on or above the exact line, so reaching the shown figure and meeting the line
//!   are the same thing. `expected`, the due-by table, the buffer and the status all go
//!   through it and cannot disagree by a rounding. Required rates round up for the same
//!   reason: doing exactly the required amount keeps you on the line.

use super::goal::WorkingDays;
use chrono::{Days, NaiveDate};

/// Days the trailing rate looks back over, today included.
pub const TRAILING_DAYS: u64 = 14;

crate::text_enum! {
    pub enum PaceStatus {
        NotStarted => ("not_started", "not started"),
        Achieved => ("achieved", "achieved"),
        OnPace => ("on_pace", "on pace"),
        Behind => ("behind", "behind"),
        AtRisk => ("at_risk", "at risk"),
        Missed => ("missed", "missed"),
    }
}

impl PaceStatus {
    /// How urgently a goal needs the seller: at risk first, achieved last.
    pub fn attention(self) -> u8 {
        match self {
            Self::AtRisk => 0,
            Self::Behind => 1,
            Self::OnPace => 2,
            Self::NotStarted => 3,
            Self::Missed => 4,
            Self::Achieved => 5,
        }
    }
}

/// The order goals are listed in where attention matters (Today, `salescoach today`):
/// by status, then the thinnest buffer, then the nearest deadline.
pub fn attention_key(pace: &Pace, deadline_on: NaiveDate) -> (u8, u32, NaiveDate) {
    (pace.status.attention(), pace.buffer_days.unwrap_or(u32::MAX), deadline_on)
}

/// How worried to be, from the buffer: red under 1 day, orange under 2, blue under 3, green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BufferColour {
    Red,
    Orange,
    Blue,
    Green,
}

impl BufferColour {
    pub fn from_buffer(days: u32) -> Self {
        match days {
            0 => Self::Red,
            1 => Self::Orange,
            2 => Self::Blue,
            _ => Self::Green,
        }
    }
}

/// The goal as the engine needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalWindow {
    pub target: i64,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub working_days: WorkingDays,
}

/// Progress per day, as logged (refunds negative). Days may repeat or be out of order.
pub type DailyAmounts = [(NaiveDate, i64)];

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DueBy {
    pub date: NaiveDate,
    pub is_working_day: bool,
    /// Where the ideal line is at the end of this day.
    pub ideal: i64,
    /// How much more than today's total is needed by the end of this day.
    pub needed: i64,
}

/// The trailing rate as a fraction: `amount` over `working_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Rate {
    pub amount: i64,
    pub working_days: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pace {
    pub today: NaiveDate,
    pub done: i64,
    pub target: i64,
    /// Done as per mille of target (1000 = 100%), rounded half up; may exceed 1000.
    pub done_permille: i64,
    pub working_days_total: i64,
    /// Working days from start through today (capped to the window).
    pub working_days_elapsed: i64,
    /// Working days from today (or the start, if later) through the deadline.
    pub working_days_left: i64,
    pub time_permille: i64,
    pub expected: i64,
    /// `done - expected`: positive ahead, negative behind.
    pub ahead: i64,
    /// What remains (0 once achieved).
    pub remaining: i64,
    pub required_per_day: Option<i64>,
    pub required_per_week: Option<i64>,
    /// `None` before the start and after the deadline.
    pub buffer_days: Option<u32>,
    pub colour: BufferColour,
    pub due_by: Vec<DueBy>,
    pub rate: Option<Rate>,
    pub projected: Option<i64>,
    /// When the target is (or would be) reached: the day it was crossed, or the projection.
    pub finish: Option<NaiveDate>,
    pub status: PaceStatus,
}

impl GoalWindow {
    /// Working days in `from..=to` (0 when `to < from`). O(1): whole weeks are counted at once.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        count_working_days(self.working_days, from, to)
    }

    /// Whether `done` is on or above the ideal line at the end of `day`. `done` is whole and
    /// [`Self::ideal_at`] rounds up, so this is also the exact `done x total >= target x elapsed`.
    pub fn meets_ideal(&self, done: i64, day: NaiveDate) -> bool {
        done >= self.ideal_at(day)
    }

    /// The ideal line at the end of `day`, rounded up to a whole unit. The one reading of
    /// the line: expected, the due-by table, the buffer and the status go through it.
    pub fn ideal_at(&self, day: NaiveDate) -> i64 {
        if day < self.start {
            return 0;
        }
        if day >= self.deadline {
            return self.target;
        }
        let total = self.working_days_between(self.start, self.deadline);
        if total == 0 {
            return 0;
        }
        let elapsed = self.working_days_between(self.start, day);
        ceil_div(i128::from(self.target) * i128::from(elapsed), i128::from(total))
    }

    /// The same as [`Self::ideal_at`], under the name the progress chart calls.
    pub fn ideal(&self, day: NaiveDate) -> i64 {
        self.ideal_at(day)
    }
}

pub fn count_working_days(days: WorkingDays, from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return 0;
    }
    let span = (to - from).num_days() + 1;
    let per_week = days.weekdays().count() as i64;
    let mut count = span / 7 * per_week;
    let mut day = from + Days::new((span / 7 * 7) as u64);
    while day <= to {
        if days.contains(day) {
            count += 1;
        }
        day = day + Days::new(1);
    }
    count
}

/// `n / d` rounded half up, for positive `d`, saturating at the `i64` range.
fn round_div(n: i128, d: i128) -> i64 {
    saturate((2 * n + d).div_euclid(2 * d))
}

/// `n / d` rounded up, for positive `d`, saturating at the `i64` range.
fn ceil_div(n: i128, d: i128) -> i64 {
    saturate(-((-n).div_euclid(d)))
}

fn saturate(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

/// The `n`-th working day after `day` (n >= 1), or `None` if there are no working days.
fn nth_working_day_after(days: WorkingDays, day: NaiveDate, n: i64) -> Option<NaiveDate> {
    let per_week = days.weekdays().count() as i64;
    if per_week == 0 || n <= 0 {
        return None;
    }
    // Jump whole weeks first, then walk the rest; a date past the calendar means "never".
    let weeks = (n - 1) / per_week;
    let mut current = day.checked_add_days(Days::new(u64::try_from(weeks.checked_mul(7)?).ok()?))?;
    let mut left = n - weeks * per_week;
    while left > 0 {
        current = current.checked_add_days(Days::new(1))?;
        if days.contains(current) {
            left -= 1;
        }
    }
    Some(current)
}

pub fn compute(goal: &GoalWindow, daily: &DailyAmounts, today: NaiveDate) -> Pace {
    let in_window = |d: NaiveDate| d >= goal.start && d <= goal.deadline;
    let done: i64 = daily.iter().filter(|(d, _)| in_window(*d) && *d <= today).map(|(_, a)| a).sum();
    let total = goal.working_days_between(goal.start, goal.deadline);
    let elapsed = goal.working_days_between(goal.start, today.min(goal.deadline));
    let left = goal.working_days_between(today.max(goal.start), goal.deadline);
    let expected = goal.ideal_at(today);
    let remaining = (goal.target - done).max(0);
    let per_week = goal.working_days.weekdays().count() as i64;
    let (required_per_day, required_per_week) = if remaining == 0 {
        (Some(0), Some(0))
    } else if left == 0 || today > goal.deadline {
        (None, None)
    } else {
        let per_day = ceil_div(remaining as i128, left as i128);
        let per_week = ceil_div(remaining as i128 * per_week as i128, left as i128).min(remaining);
        (Some(per_day), Some(per_week))
    };
    let started = today >= goal.start;
    let open = started && today <= goal.deadline;
    let buffer_days = open.then(|| buffer(goal, done, today));
    let rate = trailing_rate(goal, daily, today);
    let after_today = goal.working_days_between(today.max(goal.start - Days::new(1)) + Days::new(1), goal.deadline);
    let projected = match rate {
        _ if today > goal.deadline => Some(done),
        Some(r) if r.working_days > 0 => {
            Some(done + round_div(r.amount as i128 * after_today as i128, r.working_days as i128))
        }
        _ => None,
    };
    let finish = finish_date(goal, daily, done, rate, today);
    let status = if done >= goal.target {
        PaceStatus::Achieved
    } else if today > goal.deadline {
        PaceStatus::Missed
    } else if !started {
        PaceStatus::NotStarted
    } else if goal.meets_ideal(done, today) {
        PaceStatus::OnPace
    } else if projected.is_some_and(|p| p >= goal.target) {
        PaceStatus::Behind
    } else {
        PaceStatus::AtRisk
    };
    let colour = match status {
        PaceStatus::Achieved | PaceStatus::NotStarted => BufferColour::Green,
        PaceStatus::Missed => BufferColour::Red,
        _ => BufferColour::from_buffer(buffer_days.unwrap_or(0)),
    };
    Pace {
        today,
        done,
        target: goal.target,
        done_permille: round_div(i128::from(done) * 1000, i128::from(goal.target)),
        working_days_total: total,
        working_days_elapsed: elapsed,
        working_days_left: left,
        time_permille: if total == 0 {
            if today >= goal.deadline { 1000 } else { 0 }
        } else {
            round_div(i128::from(elapsed) * 1000, i128::from(total))
        },
        expected,
        ahead: done - expected,
        remaining,
        required_per_day,
        required_per_week,
        buffer_days,
        colour,
        due_by: due_by(goal, done, today),
        rate,
        projected,
        finish,
        status,
    }
}

/// Working days from today on whose end-of-day ideal is already met.
fn buffer(goal: &GoalWindow, done: i64, today: NaiveDate) -> u32 {
    if done >= goal.target {
        return goal.working_days_between(today, goal.deadline) as u32;
    }
    let mut count = 0;
    let mut day = today;
    while day <= goal.deadline {
        if goal.working_days.contains(day) {
            if !goal.meets_ideal(done, day) {
                break;
            }
            count += 1;
        }
        day = day + Days::new(1);
    }
    count
}

fn due_by(goal: &GoalWindow, done: i64, today: NaiveDate) -> Vec<DueBy> {
    (0..7)
        .map(|offset| {
            let date = today + Days::new(offset);
            let ideal = goal.ideal_at(date);
            DueBy { date, is_working_day: goal.working_days.contains(date), ideal, needed: (ideal - done).max(0) }
        })
        .collect()
}

fn trailing_rate(goal: &GoalWindow, daily: &DailyAmounts, today: NaiveDate) -> Option<Rate> {
    let from = (today - Days::new(TRAILING_DAYS - 1)).max(goal.start);
    let to = today.min(goal.deadline);
    if to < from {
        return None;
    }
    let amount = daily.iter().filter(|(d, _)| *d >= from && *d <= to).map(|(_, a)| a).sum();
    let working_days = goal.working_days_between(from, to);
    Some(Rate { amount, working_days, from, to })
}

fn finish_date(
    goal: &GoalWindow,
    daily: &DailyAmounts,
    done: i64,
    rate: Option<Rate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    if done >= goal.target {
        // The day the running total first reached the target.
        let mut days: Vec<(NaiveDate, i64)> =
            daily.iter().copied().filter(|(d, _)| *d >= goal.start && *d <= today.min(goal.deadline)).collect();
        days.sort();
        let mut running = 0;
        return days.into_iter().find_map(|(d, a)| {
            running += a;
            (running >= goal.target).then_some(d)
        });
    }
    if today > goal.deadline {
        return None;
    }
    let rate = rate.filter(|r| r.amount > 0 && r.working_days > 0)?;
    let days_needed = ceil_div((goal.target - done) as i128 * rate.working_days as i128, rate.amount as i128);
    nth_working_day_after(goal.working_days, today, days_needed)
}

#[cfg(test)]
#[path = "pace_tests.rs"]
mod tests;
