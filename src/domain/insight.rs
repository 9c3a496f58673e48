//! Coach insights: plain rules over the seller's numbers. Each insight says what fired it
//! (with the numbers) and one thing to do, and they are ranked by urgency.

use super::goal::{Goal, WorkingDays};
use super::money::Currency;
use super::pace::{Pace, PaceStatus, count_working_days};
use super::technique::{TechniqueStats, Verdict};
use chrono::{Days, NaiveDate};

/// Days a complaint may stay open before the coach speaks up.
pub const COMPLAINT_DAYS: i64 = 2;
/// A drop of this many points (last 30 days against the 90 before) is a downward trend.
pub const SATISFACTION_DROP: i64 = 1;
/// Scores needed in each window before a trend is called.
pub const MIN_SCORES: usize = 3;
/// Working days without a sale before the coach speaks up.
pub const QUIET_WORKING_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    ComplaintOpen,
    NoBuffer,
    BehindPace,
    PastMaxCadence,
    SatisfactionDown,
    NoRecentSale,
    TechniqueHoldingBack,
    CardsOverdue,
    TechniqueWorksBest,
    /// A goal at risk whose open deals cover too little of what remains.
    PipelineThin,
    /// A large deal going cold.
    BigDealCold,
    /// A stage where deals stay far longer than elsewhere.
    DealsStall,
    /// A technique clearly ahead within one segment, and the follow-ups it applies to.
    TechniqueInSegment,
    /// An objection under which the seller wins clearly less than usual, and what converts it.
    ObjectionCostsDeals,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Insight {
    pub rule: Rule,
    pub urgency: u32,
    pub message: String,
    pub action: String,
}

/// Everything the rules look at, gathered by the store.
pub struct InsightInputs<'a> {
    pub today: NaiveDate,
    pub currency: &'a Currency,
    pub working_days: WorkingDays,
    pub goals: &'a [(Goal, Pace)],
    /// Customers at or past their maximum gap: (name, days since contact).
    pub past_max_cadence: &'a [(String, i64)],
    /// Open complaints: (customer, opened on).
    pub open_complaints: &'a [(String, NaiveDate)],
    pub scores_last_30: &'a [u8],
    pub scores_prior_90: &'a [u8],
    pub techniques: &'a [TechniqueStats],
    pub overall_win_rate: Option<f64>,
    pub cards_overdue: u64,
    pub last_sale: Option<NaiveDate>,
}

fn percent(rate: f64) -> String {
    format!("{:.0}%", rate * 100.0)
}

fn goal_insights(inputs: &InsightInputs<'_>, out: &mut Vec<Insight>) {
    for (goal, pace) in inputs.goals {
        let amount = |v: i64| goal.format_amount(v, inputs.currency);
        let open = matches!(pace.status, PaceStatus::Behind | PaceStatus::AtRisk | PaceStatus::OnPace);
        if matches!(pace.status, PaceStatus::Behind | PaceStatus::AtRisk) {
            let (per_day, days) = (pace.required_per_day, pace.working_days_left);
            let need = per_day
                .map_or("no working days are left".to_string(), |v| format!("need {}/day for {days} days", amount(v)));
            out.push(Insight {
                rule: Rule::BehindPace,
                urgency: if pace.status == PaceStatus::AtRisk { 85 } else { 80 },
                message: format!("Behind on {}: {} behind, {need}", goal.title, amount(-pace.ahead)),
                action: "Block time today for the activity this goal counts; log it as you go.".into(),
            });
        } else if open && pace.buffer_days == Some(0) {
            let next = pace.due_by.iter().find(|d| d.is_working_day && d.needed > 0);
            let need = next
                .map_or(String::new(), |d| format!(": {} more by {}", amount(d.needed), d.date.format("%a %-d %b")));
            out.push(Insight {
                rule: Rule::NoBuffer,
                urgency: 90,
                message: format!("No buffer on {}{need}", goal.title),
                action: "Get ahead of the line on the next working day, before anything else.".into(),
            });
        }
    }
}

pub fn insights(inputs: &InsightInputs<'_>) -> Vec<Insight> {
    let mut out = Vec::new();
    for (customer, opened) in inputs.open_complaints {
        let days = (inputs.today - *opened).num_days();
        if days > COMPLAINT_DAYS {
            out.push(Insight {
                rule: Rule::ComplaintOpen,
                urgency: 100 + days.min(100) as u32,
                message: format!("Complaint from {customer} open for {days} days"),
                action: format!("Call {customer} today, agree a fix, and resolve it on Today with x."),
            });
        }
    }
    goal_insights(inputs, &mut out);
    if !inputs.past_max_cadence.is_empty() {
        let mut names: Vec<&str> = inputs.past_max_cadence.iter().map(|(n, _)| n.as_str()).take(3).collect();
        if inputs.past_max_cadence.len() > 3 {
            names.push("…");
        }
        out.push(Insight {
            rule: Rule::PastMaxCadence,
            urgency: 70,
            message: format!(
                "{} {} past their maximum gap between contacts ({})",
                inputs.past_max_cadence.len(),
                if inputs.past_max_cadence.len() == 1 { "customer" } else { "customers" },
                names.join(", ")
            ),
            action: "Call the longest-silent first, from Today or their planned call.".into(),
        });
    }
    let (recent, prior) = (inputs.scores_last_30, inputs.scores_prior_90);
    if recent.len() >= MIN_SCORES && prior.len() >= MIN_SCORES {
        let sum = |s: &[u8]| s.iter().map(|v| i64::from(*v)).sum::<i64>();
        let (rs, rn, ps, pn) = (sum(recent), recent.len() as i64, sum(prior), prior.len() as i64);
        // recent average <= prior average - drop, in whole numbers: rs/rn <= ps/pn - d.
        if rs * pn <= ps * rn - SATISFACTION_DROP * rn * pn {
            let tenths = |s: i64, n: i64| format!("{:.1}", s as f64 / n as f64);
            out.push(Insight {
                rule: Rule::SatisfactionDown,
                urgency: 60,
                message: format!(
                    "Satisfaction is down: {} in the last 30 days vs {} before",
                    tenths(rs, rn),
                    tenths(ps, pn)
                ),
                action: "Ask this week's detractors what went wrong; fix one cause.".into(),
            });
        }
    }
    if let Some(last) = inputs.last_sale {
        let quiet = count_working_days(inputs.working_days, last + Days::new(1), inputs.today);
        if quiet >= QUIET_WORKING_DAYS {
            out.push(Insight {
                rule: Rule::NoRecentSale,
                urgency: 50,
                message: format!("No sale logged in {quiet} working days (last on {})", last.format("%-d %b")),
                action: "Go back to warm leads: quotes sent and pending outcomes.".into(),
            });
        }
    }
    if let Some(overall) = inputs.overall_win_rate {
        for t in inputs.techniques.iter().filter(|t| t.counts.technique_id.is_some()) {
            let rate = t.win_rate.unwrap_or(0.0);
            let message = format!(
                "{} wins {} vs your average {} ({} cases)",
                t.counts.name,
                percent(rate),
                percent(overall),
                t.decided
            );
            match t.verdict {
                Verdict::HoldingYouBack => out.push(Insight {
                    rule: Rule::TechniqueHoldingBack,
                    urgency: 40,
                    message,
                    action: format!("Try another approach where you would use {}.", t.counts.name),
                }),
                Verdict::WorksBest => out.push(Insight {
                    rule: Rule::TechniqueWorksBest,
                    urgency: 20,
                    message,
                    action: format!("Use {} more: it works for you.", t.counts.name),
                }),
                _ => {}
            }
        }
    }
    if inputs.cards_overdue > 0 {
        out.push(Insight {
            rule: Rule::CardsOverdue,
            urgency: 30,
            message: format!("{} flashcards overdue", inputs.cards_overdue),
            action: "Ten minutes of training: t on the Knowledge tab.".into(),
        });
    }
    rank(&mut out);
    out
}

/// The most urgent first; ties by rule, then by message, so the order never flickers.
pub fn rank(out: &mut [Insight]) {
    out.sort_by(|a, b| b.urgency.cmp(&a.urgency).then(a.rule.cmp(&b.rule)).then(a.message.cmp(&b.message)));
}

#[cfg(test)]
#[path = "insight_tests.rs"]
mod tests;
