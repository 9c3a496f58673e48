//! `salescoach demo [--scale N]`

use super::{Env, UsageError, print_json};
use crate::demo::{demo_plan, scale_plan};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Generate a synthetic data set with about N follow-ups instead of the demo business.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub scale: Option<u64>,
    /// Print what was loaded as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &DemoArgs, env: &Env) -> Result<()> {
    let plan = match args.scale {
        Some(0) => return Err(UsageError("--scale: must be at least 1".into()).into()),
        Some(n) if n > 5_000_000 => return Err(UsageError("--scale: at most 5000000".into()).into()),
        Some(n) => scale_plan(n, env.today),
        None => demo_plan(env.today)?,
    };
    let mut store = env.open_store()?;
    let loaded = match args.scale {
        Some(_) => store.load_scale_plan(&plan),
        None => store.load_plan(&plan),
    };
    let summary = loaded.map_err(|e| match e.downcast_ref::<crate::store::NotEmpty>() {
        Some(refusal) => UsageError(refusal.to_string()).into(),
        None => e,
    })?;
    if args.json {
        return print_json(&summary);
    }
    outln!(
        "Loaded {} customers, {} products, {} sales, {} interactions, {} goals, {} follow-ups ({} open), {} notes, {} deals into {}",
        summary.customers,
        summary.products,
        summary.sales,
        summary.interactions,
        summary.goals,
        summary.followups,
        summary.open_followups,
        summary.notes,
        summary.deals,
        env.db_path.display()
    );
    Ok(())
}
