//! `salescoach today [--json]`: the same checklist as the Today tab, in the same order.

use super::{Env, print_json};
use crate::domain::followup::{Section, describe_due};
use crate::domain::text::one_line;
use crate::store::{ChecklistRow, Store};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
pub struct TodayArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(serde::Serialize)]
struct TodayJson {
    date: NaiveDate,
    sections: Vec<SectionJson>,
}

#[derive(serde::Serialize)]
struct SectionJson {
    section: Section,
    title: &'static str,
    count: u64,
    items: Vec<ChecklistRow>,
}

pub fn run(args: &TodayArgs, env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let sections = collect(&store, env.today)?;
    if args.json {
        return print_json(&TodayJson { date: env.today, sections });
    }
    println!("Today, {}", env.today.format("%A %-d %B %Y"));
    if sections.iter().all(|s| s.count == 0) {
        println!("\nNothing due. A good day to reach out to someone new.");
    }
    for section in sections.iter().filter(|s| s.count > 0) {
        println!("\n{} ({})", section.title, section.count);
        for row in &section.items {
            println!(
                "  #{:<6} {:<24} {:<14} {}  ({})",
                row.followup_id,
                one_line(&row.customer),
                row.kind.label(),
                one_line(&row.reason),
                describe_due(row.due_on, env.today)
            );
        }
    }
    Ok(())
}

fn collect(store: &Store, today: NaiveDate) -> Result<Vec<SectionJson>> {
    store
        .checklist_counts(today)?
        .into_iter()
        .map(|(section, count)| {
            Ok(SectionJson {
                section,
                title: section.title(),
                count,
                items: store.followup_section_rows(today, section, 0, count)?,
            })
        })
        .collect()
}
