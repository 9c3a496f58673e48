//! `salescoach segments [--by segment|industry|region|tag|product] [--from D --to D]`:
//! each group's revenue, win rate, loyalty, satisfaction and care figures side by side.

use super::{Env, UsageError, print_json};
use crate::domain::segments::{Dimension, MIN_CASES, MIN_DECIDED, footnotes};
use crate::domain::segments_text::{HEADERS, cells};
use crate::domain::text::{Column, lay_out};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct SegmentsArgs {
    /// What to group by: segment, industry, region, tag or product.
    #[arg(long, default_value = "segment")]
    pub by: String,
    #[command(flatten)]
    pub period: super::period::PeriodArgs,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &SegmentsArgs, env: &Env) -> Result<()> {
    let by = Dimension::parse(&args.by).map_err(|e| UsageError(format!("--by: {e}")))?;
    let (from, to) = args.period.resolve(env)?;
    let store = env.open_store()?;
    let groups = store.segment_figures(by, from, to, env.today, &env.config.cadence_defaults())?;
    let notes = footnotes(by);
    if args.json {
        let json = serde_json::json!({
            "by": by, "from": from, "to": to, "min_decided": MIN_DECIDED, "min_cases": MIN_CASES,
            "groups": groups, "notes": notes,
        });
        return print_json(&json);
    }
    outln!("Results by {}, {from} to {to}", by.as_str());
    if groups.is_empty() {
        outln!("No customers, sales or interactions to group.");
        return Ok(());
    }
    let mut rows = vec![HEADERS.map(String::from).to_vec()];
    rows.extend(groups.iter().map(|g| cells(g, &env.config.currency)));
    let mut layout = [Column::Right; HEADERS.len()];
    layout[0] = Column::Left { max: 30 };
    for line in lay_out(&rows, &layout) {
        outln!("  {}", line.trim_end());
    }
    outln!(
        "\nA win rate needs {MIN_DECIDED} won or lost interactions; repeat, reorder, NPS and the past-gap share need {MIN_CASES} cases."
    );
    for note in notes {
        outln!("{note}");
    }
    Ok(())
}
