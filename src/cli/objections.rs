//! `salescoach objections [--from D --to D] [--json]`: how often each objection comes up and
//! with whom, how often you still win when it does, and what converts it best.

use super::technique_table::{rate, technique_table};
use super::{Env, print_json};
use crate::domain::objection_figures::{ObjectionFigures, objection_figures};
use crate::domain::objection_text;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct ObjectionsArgs {
    #[command(flatten)]
    pub period: super::period::PeriodArgs,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ObjectionsArgs, env: &Env) -> Result<()> {
    let (from, to) = args.period.resolve(env)?;
    let store = env.open_store()?;
    let inputs = store.objection_inputs(from, to)?;
    let figures = objection_figures(
        &inputs.counts,
        inputs.overall_win_rate,
        &inputs.segment_interactions,
        &env.config.objections,
    );
    if args.json {
        let json = serde_json::json!({
            "from": from, "to": to,
            "overall_win_rate": inputs.overall_win_rate, "decided": inputs.decided,
            "objections": figures,
        });
        return print_json(&json);
    }
    outln!(
        "Objections, {} to {}; your win rate {} over {} decided",
        env.config.format_date(from),
        env.config.format_date(to),
        rate(inputs.overall_win_rate),
        inputs.decided
    );
    if figures.is_empty() {
        outln!("No objections logged in this period: log them with `salescoach log call --objection price ...`.");
        return Ok(());
    }
    for f in &figures {
        print_objection(f)?;
    }
    Ok(())
}

fn print_objection(f: &ObjectionFigures) -> Result<()> {
    outln!("\n{}", objection_text::summary(f));
    outln!("  {}", objection_text::by_segment(f));
    outln!("  {}", objection_text::converts_best(f));
    for (title, rows) in [("technique", &f.techniques), ("response", &f.responses)] {
        if rows.iter().all(|t| t.counts.technique_id.is_none()) {
            continue;
        }
        for line in technique_table(title, rows, None) {
            outln!("  {line}");
        }
    }
    Ok(())
}
