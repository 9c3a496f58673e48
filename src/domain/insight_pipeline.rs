//! The coach's pipeline rules: a goal at risk with too little in the pipeline to make up
//! what remains (under 1x is urgent, under 3x worth a word: sales teams aim for about 3x),
//! a large deal going cold, and the stage where deals stall.

use super::deal::Cold;
use super::forecast::{BigColdDeal, PipelineForecast, Stall};
use super::goal::Goal;
use super::insight::{Insight, Rule};
use super::money::Currency;
use super::pace::{Pace, PaceStatus};

/// Coverage below this (permille) is worth a word for a goal at risk.
pub const HEALTHY_COVERAGE: i64 = 3_000;

pub fn pipeline_insights(
    goals: &[(Goal, Pace, Option<PipelineForecast>)],
    big_cold: &[BigColdDeal<'_>],
    stall: Option<&Stall>,
    currency: &Currency,
) -> Vec<Insight> {
    let mut out = Vec::new();
    for (goal, pace, forecast) in goals {
        let Some(f) = forecast else { continue };
        let Some(coverage) = f.coverage_permille else { continue };
        if !matches!(pace.status, PaceStatus::Behind | PaceStatus::AtRisk) || coverage >= HEALTHY_COVERAGE {
            continue;
        }
        let amount = |v: i64| goal.format_amount(v, currency);
        let times = format!("{}.{}x", coverage / 1000, coverage % 1000 / 100);
        let (urgency, action) = if coverage < 1_000 {
            (85, "Even winning every open deal falls short: add deals this week (d on Goals shows them).")
        } else {
            (45, "Aim for about 3x: add a deal or two before the deadline.")
        };
        out.push(Insight {
            rule: Rule::PipelineThin,
            urgency,
            message: format!(
                "{}: open deals cover {times} of the {} still needed ({} open)",
                goal.title,
                amount(f.remaining),
                amount(f.open_value)
            ),
            action: action.into(),
        });
    }
    for b in big_cold {
        let why = match b.cold {
            Cold::Idle(n) => format!("no activity for {n} days"),
            Cold::PastClose(n) => format!("{n} days past its expected close"),
        };
        out.push(Insight {
            rule: Rule::BigDealCold,
            urgency: 70,
            message: format!(
                "{} with {} ({}) is going cold: {why}",
                b.deal.title,
                b.deal.customer,
                currency.format_whole(b.deal.value_minor)
            ),
            action: format!("Call {} today and agree the next step (x on its Today row logs it).", b.deal.customer),
        });
    }
    if let Some(s) = stall {
        out.push(Insight {
            rule: Rule::DealsStall,
            urgency: 40,
            message: format!(
                "Deals stall at {}: a median of {} days there against {} elsewhere ({} deals)",
                s.stage, s.median_days, s.others_median_days, s.deals
            ),
            action: format!("Look at what moves a deal out of {}, and set a next step on each one there.", s.stage),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::{Deal, DealStatus};
    use crate::domain::goal::{Metric, WorkingDays};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn goal() -> Goal {
        Goal {
            id: 1,
            title: "Q4".into(),
            metric: Metric::Revenue,
            unit: String::new(),
            target: 1_000_000,
            start_on: d("2026-10-01"),
            deadline_on: d("2026-12-31"),
            working_days: WorkingDays::default(),
            archived: false,
        }
    }

    fn forecast(coverage: Option<i64>) -> PipelineForecast {
        PipelineForecast {
            done: 400_000,
            weighted_pipeline: 100_000,
            with_pipeline: 500_000,
            open_value: 300_000,
            remaining: 600_000,
            coverage_permille: coverage,
            deals_counted: 2,
        }
    }

    fn pace(status: PaceStatus) -> Pace {
        let window = goal().window();
        Pace { status, ..crate::domain::pace::compute(&window, &[], d("2026-11-27")) }
    }

    #[test]
    fn thin_coverage_speaks_only_for_a_goal_at_risk_and_more_loudly_under_1x() {
        let usd = Currency::default();
        let under = [(goal(), pace(PaceStatus::AtRisk), Some(forecast(Some(500))))];
        let said = pipeline_insights(&under, &[], None, &usd);
        assert_eq!(said.len(), 1);
        assert_eq!((said[0].rule, said[0].urgency), (Rule::PipelineThin, 85));
        assert_eq!(said[0].message, "Q4: open deals cover 0.5x of the $6,000.00 still needed ($3,000.00 open)");
        let thin = [(goal(), pace(PaceStatus::Behind), Some(forecast(Some(2_999))))];
        assert_eq!(pipeline_insights(&thin, &[], None, &usd)[0].urgency, 45);
        for quiet in [
            (goal(), pace(PaceStatus::AtRisk), Some(forecast(Some(3_000)))),
            (goal(), pace(PaceStatus::OnPace), Some(forecast(Some(500)))),
            (goal(), pace(PaceStatus::AtRisk), Some(forecast(None))),
            (goal(), pace(PaceStatus::AtRisk), None),
        ] {
            assert!(pipeline_insights(&[quiet], &[], None, &usd).is_empty());
        }
    }

    #[test]
    fn a_big_cold_deal_and_a_stalling_stage_are_named() {
        let deal = Deal {
            id: 9,
            customer_id: 1,
            customer: "Pedro".into(),
            title: "Hotel refit".into(),
            product_id: None,
            value_minor: 1_450_000,
            stage_id: 3,
            stage: "Proposal".into(),
            close_on: None,
            probability_permille: None,
            created_on: d("2026-10-01"),
            last_activity_on: d("2026-11-16"),
            status: DealStatus::Open,
            lost_reason: String::new(),
            closed_on: None,
            sale_id: None,
        };
        let big = [BigColdDeal { deal: &deal, cold: Cold::Idle(11) }];
        let stall = Stall { stage_id: 1, stage: "Lead".into(), median_days: 10, others_median_days: 4, deals: 20 };
        let said = pipeline_insights(&[], &big, Some(&stall), &Currency::default());
        assert_eq!(said[0].message, "Hotel refit with Pedro ($14,500) is going cold: no activity for 11 days");
        assert_eq!(said[1].message, "Deals stall at Lead: a median of 10 days there against 4 elsewhere (20 deals)");
    }
}
