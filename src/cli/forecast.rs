//! `salescoach forecast [--json]`: each goal with what its open deals should bring by the
//! deadline (weighted by their chance) and the pipeline's coverage of what remains; then
//! the pipeline by stage and, over the last 12 months, how deals move through it.

use super::{Env, print_json};
use crate::domain::forecast::{PipelineForecast, pipeline_by_stage, stalling_stage};
use crate::domain::text::one_line;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(serde::Serialize)]
struct GoalForecast {
    id: i64,
    title: String,
    metric: crate::domain::goal::Metric,
    target: i64,
    deadline_on: chrono::NaiveDate,
    pipeline: Option<PipelineForecast>,
}

pub fn run(args: &ForecastArgs, env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let deals = store.pipeline_deals()?;
    let mut goals = Vec::new();
    for goal in store.goals(false)? {
        let pace = crate::domain::pace::compute(&goal.window(), &store.goal_daily(&goal)?, env.today);
        let pipeline = crate::domain::forecast::forecast_for(&goal, pace.done, env.today, &deals);
        goals.push((goal, pipeline));
    }
    let stages = store.stages()?;
    let open = store.open_deals()?;
    let by_stage = pipeline_by_stage(&stages, &open, None);
    let flow = store.stage_conversion(env.today)?;
    if args.json {
        let goals: Vec<GoalForecast> = goals
            .into_iter()
            .map(|(g, pipeline)| GoalForecast {
                id: g.id,
                title: g.title,
                metric: g.metric,
                target: g.target,
                deadline_on: g.deadline_on,
                pipeline,
            })
            .collect();
        return print_json(&serde_json::json!({ "goals": goals, "pipeline": by_stage, "conversion": flow }));
    }
    let money = |v: i64| env.config.currency.format(v);
    for (goal, pipeline) in &goals {
        let amount = |v: i64| goal.format_amount(v, &env.config.currency);
        let Some(p) = pipeline else {
            outln!("{}: the pipeline does not forecast {}", one_line(&goal.title), goal.metric.label());
            continue;
        };
        let coverage = p
            .coverage_permille
            .map_or("nothing remains".into(), |c| format!("{}.{}x coverage", c / 1000, c % 1000 / 100));
        outln!(
            "{}: {} done + {} weighted pipeline = {} with pipeline by {} (target {}); {} of {} open / {} remaining",
            one_line(&goal.title),
            amount(p.done),
            amount(p.weighted_pipeline),
            amount(p.with_pipeline),
            env.config.format_date(goal.deadline_on),
            amount(goal.target),
            coverage,
            amount(p.open_value),
            amount(p.remaining)
        );
    }
    outln!("\nPipeline:");
    for s in &by_stage.by_stage {
        outln!(
            "  {:<12} {:>3} deals {:>14} {:>14} weighted",
            one_line(&s.stage),
            s.totals.count,
            money(s.totals.value_minor),
            money(s.totals.weighted_minor)
        );
    }
    let t = &by_stage.overall;
    outln!(
        "  {:<12} {:>3} deals {:>14} {:>14} weighted",
        "Total",
        t.count,
        money(t.value_minor),
        money(t.weighted_minor)
    );
    outln!("\nLast 12 months, per stage: deals that entered, share that moved on, median days spent");
    for c in &flow {
        let share = c.share_permille.map_or("n/a".into(), |s| format!("{}%", (s + 5) / 10));
        let days = c.median_days.map_or("n/a".into(), |d| format!("{d} days"));
        outln!("  {:<12} {:>3} entered  {:>4} moved on  median {}", one_line(&c.stage), c.entered, share, days);
    }
    if let Some(stall) = stalling_stage(&flow) {
        outln!(
            "\nDeals stall at {}: a median of {} days there, against {} elsewhere.",
            one_line(&stall.stage),
            stall.median_days,
            stall.others_median_days
        );
    }
    Ok(())
}
