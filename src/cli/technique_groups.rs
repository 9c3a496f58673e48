//! `salescoach techniques --by segment|industry`: each technique's win rate within each
//! customer group, judged against that group's own rate.

use super::technique_table::{rate, technique_table};
use super::{Env, UsageError, print_json};
use crate::domain::technique_groups::{GroupBy, judge_by_group, strongest_finding};
use crate::domain::text::one_line;
use anyhow::Result;
use chrono::Days;

pub fn run(by: &str, json: bool, env: &Env) -> Result<()> {
    let by = GroupBy::parse(by).map_err(|e| UsageError(format!("--by: {e}")))?;
    let store = env.open_store()?;
    let (from, to) = (env.today - Days::new(364), env.today);
    let groups = judge_by_group(&store.technique_counts_by(by, from, to)?);
    let strongest = strongest_finding(&groups);
    if json {
        let json = serde_json::json!({ "from": from, "to": to, "by": by, "groups": groups, "strongest": strongest });
        return print_json(&json);
    }
    outln!("Techniques by {}, {from} to {to}; each judged against its group's own win rate", by.as_str());
    if groups.is_empty() {
        outln!("No interactions or sales in the last 12 months.");
    }
    for g in &groups {
        outln!("\n{}: win rate {} over {} decided", one_line(&g.group), rate(g.overall_win_rate), g.decided);
        for line in technique_table("technique", &g.techniques, None) {
            outln!("  {line}");
        }
    }
    if let Some(f) = strongest {
        outln!(
            "\nStrongest: {} wins {} with {} vs {} there ({} cases)",
            one_line(&f.technique),
            rate(Some(f.win_rate)),
            one_line(&f.group),
            rate(Some(f.group_rate)),
            f.decided
        );
    }
    Ok(())
}
