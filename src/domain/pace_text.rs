//! Pace figures in words: the one-line summary and the `?` explanation, where every number
//! comes with the formula and the inputs that produced it.

use super::goal::{Goal, Metric};
use super::money::Currency;
use super::pace::{Pace, PaceStatus, TRAILING_DAYS};

fn percent(permille: i64) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

/// "on pace · 2 days buffer · need $1,400.00/day".
pub fn pace_summary(goal: &Goal, pace: &Pace, currency: &Currency) -> String {
    let amount = |v: i64| goal.format_amount(v, currency);
    // Less than one a day left to do reads better as a total: "need 1 more by 30 Dec".
    let sparse = pace.remaining > 0 && pace.remaining < pace.working_days_left;
    let by_deadline = format!("need {} more by {}", amount(pace.remaining), goal.deadline_on.format("%-d %b"));
    let per_day = match pace.required_per_day {
        Some(_) if sparse => Some(by_deadline.clone()),
        Some(v) => Some(format!("need {}/day", amount(v))),
        None => None,
    };
    match pace.status {
        PaceStatus::Achieved => match pace.finish {
            Some(day) => format!("achieved on {}", day.format("%-d %b")),
            None => "achieved".into(),
        },
        PaceStatus::Missed => format!("missed by {}", amount(pace.remaining)),
        PaceStatus::NotStarted => {
            let start = format!("starts {}", goal.start_on.format("%-d %b"));
            per_day.map_or(start.clone(), |p| format!("{start} · {p}"))
        }
        PaceStatus::OnPace => {
            let buffer = pace.buffer_days.unwrap_or(0);
            let days = if buffer == 1 { "day" } else { "days" };
            let position =
                if pace.ahead == 0 { "on the line".to_string() } else { format!("{} ahead", amount(pace.ahead)) };
            let base = format!("{position} · {buffer} {days} buffer");
            per_day.map_or(base.clone(), |p| format!("{base} · {p}"))
        }
        PaceStatus::Behind | PaceStatus::AtRisk => {
            let base = format!("{} behind", amount(-pace.ahead));
            match (pace.required_per_day, pace.working_days_left) {
                (Some(_), _) if sparse => format!("{base} · {by_deadline}"),
                (Some(v), left) => format!("{base} · need {}/day for {left} days", amount(v)),
                (None, _) => format!("{base} · no working days left"),
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Explained {
    pub label: &'static str,
    pub value: String,
    pub how: String,
}

fn source(metric: Metric) -> &'static str {
    match metric {
        Metric::Revenue => "sales minus refunds",
        Metric::Units => "units sold minus units refunded",
        Metric::Deals => "sales logged (each sale is a deal won)",
        Metric::NewCustomers => "customers whose first-ever sale falls",
        Metric::Contacts => "calls, emails, meetings, demos, visits and messages logged",
        Metric::Custom => "manual entries",
    }
}

/// Every figure of a goal's pace with how it was computed, in reading order; dates in
/// `date_format` (chrono strftime).
pub fn explain_pace(goal: &Goal, p: &Pace, currency: &Currency, date_format: &str) -> Vec<Explained> {
    let a = |v: i64| goal.format_amount(v, currency);
    let date = |d| super::date_input::show_date(d, date_format);
    let days = goal.working_days.describe();
    let window = format!("{} to {}", date(goal.start_on), date(goal.deadline_on));
    let mut lines = vec![
        Explained {
            label: "Done so far",
            value: format!("{} of {} ({})", a(p.done), a(p.target), percent(p.done_permille)),
            how: format!("{} dated {} through today", source(goal.metric), date(goal.start_on)),
        },
        Explained {
            label: "Time elapsed",
            value: percent(p.time_permille),
            how: format!(
                "{} of {} working days ({days}) from {window}, today counted as elapsed",
                p.working_days_elapsed, p.working_days_total
            ),
        },
        Explained {
            label: "Expected by today",
            value: a(p.expected),
            how: format!(
                "ideal line at the end of today: target {} x {} / {} working days, rounded up",
                a(p.target),
                p.working_days_elapsed,
                p.working_days_total
            ),
        },
        Explained {
            label: if p.ahead >= 0 { "Ahead by" } else { "Behind by" },
            value: a(p.ahead.abs()),
            how: format!("done {} - expected {}", a(p.done), a(p.expected)),
        },
    ];
    let required = match (p.required_per_day, p.required_per_week) {
        (Some(day), Some(week)) => (
            a(day),
            format!(
                "remaining {} / {} working days from today through {}, rounded up",
                a(p.remaining),
                p.working_days_left,
                goal.deadline_on
            ),
            a(week),
            format!(
                "remaining x {} working days a week / {} days left, at most the remaining",
                goal.working_days.weekdays().count(),
                p.working_days_left
            ),
        ),
        _ => ("n/a".into(), "no working days left in the window".into(), "n/a".into(), String::new()),
    };
    lines.push(Explained { label: "Needed per working day", value: required.0, how: required.1 });
    lines.push(Explained { label: "Needed per week", value: required.2, how: required.3 });
    lines.push(Explained {
        label: "Buffer",
        value: p.buffer_days.map_or("n/a".into(), |b| format!("{b} working days")),
        how: "working days from today whose end-of-day ideal you already meet; red <1, orange <2, blue <3".into(),
    });
    let rate = match p.rate {
        Some(r) if r.working_days > 0 => (
            format!("{} over {} working days", a(r.amount), r.working_days),
            format!("last {TRAILING_DAYS} days within the goal: {} to {}", r.from, r.to),
        ),
        _ => ("n/a".into(), "no working days yet to measure a rate".into()),
    };
    lines.push(Explained { label: "Recent rate", value: rate.0, how: rate.1 });
    lines.push(Explained {
        label: "Projected at deadline",
        value: p.projected.map_or("n/a".into(), a),
        how: "done + recent rate per working day x working days after today".into(),
    });
    let finish = match (p.finish, p.status) {
        (Some(day), PaceStatus::Achieved) => format!("reached on {}", date(day)),
        (Some(day), _) if day > goal.deadline_on => {
            format!("{}, {} days after the deadline", date(day), (day - goal.deadline_on).num_days())
        }
        (Some(day), _) => date(day),
        (None, _) => "not at this rate".into(),
    };
    lines.push(Explained {
        label: "Projected finish",
        value: finish,
        how: "the working day the recent rate would reach the target".into(),
    });
    lines.push(Explained { label: "Status", value: p.status.label().into(), how: status_rule(p.status).into() });
    lines
}

fn status_rule(status: PaceStatus) -> &'static str {
    match status {
        PaceStatus::NotStarted => "the start date is still ahead",
        PaceStatus::Achieved => "done reached the target",
        PaceStatus::OnPace => "done is at or above the ideal line",
        PaceStatus::Behind => "below the ideal line, but the recent rate reaches the target by the deadline",
        PaceStatus::AtRisk => "below the ideal line, and the recent rate falls short of the target",
        PaceStatus::Missed => "the deadline passed below the target",
    }
}

/// `2450` permille as "2.4x"; "nothing left" when the goal is met.
pub fn coverage_text(permille: Option<i64>) -> String {
    permille.map_or("nothing left".into(), |c| format!("{}.{}x", c / 1000, c % 1000 / 100))
}

/// The "with pipeline" projection and the coverage, each with how it was computed.
pub fn explain_pipeline(
    goal: &Goal,
    f: &super::forecast::PipelineForecast,
    currency: &Currency,
    date_format: &str,
) -> Vec<Explained> {
    let a = |v: i64| goal.format_amount(v, currency);
    let deadline = super::date_input::show_date(goal.deadline_on, date_format);
    vec![
        Explained {
            label: "With pipeline",
            value: a(f.with_pipeline),
            how: format!(
                "done {} + {} from the {} open deals closing by {deadline}, each at its chance",
                a(f.done),
                a(f.weighted_pipeline),
                f.deals_counted
            ),
        },
        Explained {
            label: "Coverage",
            value: coverage_text(f.coverage_permille),
            how: format!(
                "those deals at full value, {}, over what remains, {}; sellers aim for about 3x",
                a(f.open_value),
                a(f.remaining)
            ),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::goal::WorkingDays;
    use crate::domain::pace::compute;
    use chrono::NaiveDate;

    fn goal() -> Goal {
        Goal {
            id: 1,
            title: "December revenue".into(),
            metric: Metric::Revenue,
            unit: String::new(),
            target: 3_000_000,
            start_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            deadline_on: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            working_days: WorkingDays::default(),
            archived: false,
        }
    }

    #[test]
    fn summary_and_explanation_of_the_december_case() {
        let g = goal();
        let log: Vec<(NaiveDate, i64)> = (1..=11)
            .map(|d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap())
            .filter(|d| g.working_days.contains(*d))
            .map(|d| (d, 100_000))
            .collect();
        let today = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
        let pace = compute(&g.window(), &log, today);
        let usd = Currency::default();
        assert_eq!(pace_summary(&g, &pace, &usd), "$2,739.14 behind · need $1,400.00/day for 15 days");
        let lines = explain_pace(&g, &pace, &usd, "%Y-%m-%d");
        let find = |label: &str| lines.iter().find(|l| l.label == label).unwrap().clone();
        assert_eq!(find("Done so far").value, "$9,000.00 of $30,000.00 (30.0%)");
        assert_eq!(find("Time elapsed").value, "39.1%");
        assert!(find("Time elapsed").how.starts_with("9 of 23 working days (mon-fri)"));
        assert_eq!(find("Expected by today").value, "$11,739.14");
        assert_eq!(find("Behind by").value, "$2,739.14");
        assert_eq!(find("Needed per working day").value, "$1,400.00");
        assert!(find("Needed per working day").how.contains("remaining $21,000.00 / 15 working days"));
        assert_eq!(find("Needed per week").value, "$7,000.00");
        assert_eq!(find("Buffer").value, "0 working days");
        assert_eq!(find("Recent rate").value, "$9,000.00 over 9 working days");
        assert_eq!(find("Projected at deadline").value, "$23,000.00");
        assert_eq!(find("Projected finish").value, "2027-01-11, 11 days after the deadline");
        assert_eq!(find("Status").value, "at risk");
    }

    #[test]
    fn summaries_for_each_status() {
        let g = goal();
        let usd = Currency::default();
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        let early = compute(&g.window(), &[], NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert_eq!(pace_summary(&g, &early, &usd), "starts 1 Dec · need $1,304.35/day");
        let done = compute(&g.window(), &[(d(3), 3_000_000)], d(4));
        assert_eq!(pace_summary(&g, &done, &usd), "achieved on 3 Dec");
        let ahead = compute(&g.window(), &[(d(1), 400_000)], d(2));
        // Expected 3,000,000 x 2/23 = 260,869.57 -> 260,870; buffer covers Dec 2 and 3 (ideal 391,305 <= 400,000);
        // 2,600,000 / 22 working days left = 118,181.8, rounded up.
        assert_eq!(pace_summary(&g, &ahead, &usd), "$1,391.30 ahead · 2 days buffer · need $1,181.82/day");
        let missed = compute(&g.window(), &[(d(3), 1_000_000)], NaiveDate::from_ymd_opt(2027, 1, 2).unwrap());
        assert_eq!(pace_summary(&g, &missed, &usd), "missed by $20,000.00");
    }

    #[test]
    fn the_pipeline_is_explained_with_its_inputs() {
        assert_eq!(coverage_text(Some(2_450)), "2.4x");
        assert_eq!(coverage_text(Some(999)), "0.9x");
        assert_eq!(coverage_text(None), "nothing left");
        let f = crate::domain::forecast::PipelineForecast {
            done: 1_100_000,
            weighted_pipeline: 650_000,
            with_pipeline: 1_750_000,
            open_value: 2_600_000,
            remaining: 1_900_000,
            coverage_permille: Some(1_368),
            deals_counted: 3,
        };
        let lines = explain_pipeline(&goal(), &f, &Currency::default(), "%Y-%m-%d");
        assert_eq!(lines[0].value, "$17,500.00");
        assert_eq!(
            lines[0].how,
            "done $11,000.00 + $6,500.00 from the 3 open deals closing by 2026-12-31, each at its chance"
        );
        assert_eq!(lines[1].value, "1.3x");
        assert!(lines[1].how.starts_with("those deals at full value, $26,000.00, over what remains, $19,000.00"));
    }
}
