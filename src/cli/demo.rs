//! `salescoach demo [--scale N]`

use super::{Env, UsageError, print_json};
use crate::demo::{demo_plan, scale_base, scale_chunks};
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
    let mut store = env.open_store()?;
    let loaded = match args.scale {
        Some(0) => return Err(UsageError("--scale: must be at least 1".into()).into()),
        Some(n) if n > 5_000_000 => return Err(UsageError("--scale: at most 5000000".into()).into()),
        // Streamed: a chunk of rows at a time, whatever the size.
        Some(n) => {
            let base = scale_base(n, env.today);
            store.load_scale(&base, scale_chunks(n, env.today, &base))
        }
        None => store.load_plan(&demo_plan(env.today)?),
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
