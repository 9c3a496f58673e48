//! `salescoach techniques --by segment|industry`: each technique's win rate within each
//! customer group, judged against that group's own rate.

use super::{Env, UsageError, print_json};
use crate::domain::technique_groups::{GroupBy, judge_by_group, strongest_finding};
use crate::domain::text::{Column, lay_out, one_line};
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
    let rate = |r: Option<f64>| r.map_or("n/a".to_string(), |v| format!("{:.0}%", v * 100.0));
    outln!("Techniques by {}, {from} to {to}; each judged against its group's own win rate", by.as_str());
    if groups.is_empty() {
        outln!("No interactions or sales in the last 12 months.");
    }
    for g in &groups {
        outln!("\n{}: win rate {} over {} decided", one_line(&g.group), rate(g.overall_win_rate), g.decided);
        let mut rows =
            vec![["technique", "used", "won", "lost", "rate", "95% range", "verdict"].map(String::from).to_vec()];
        for t in &g.techniques {
            let range = t.interval.map_or("n/a".to_string(), |(l, h)| format!("{:.0}-{:.0}%", l * 100.0, h * 100.0));
            rows.push(vec![
                one_line(&t.counts.name).into_owned(),
                t.counts.interactions.to_string(),
                t.counts.wins.to_string(),
                t.counts.losses.to_string(),
                rate(t.win_rate),
                range,
                t.verdict.label().to_string(),
            ]);
        }
        let mut layout = [Column::Right; 7];
        layout[0] = Column::Left { max: 30 };
        layout[6] = Column::Left { max: usize::MAX };
        for line in lay_out(&rows, &layout) {
            outln!("  {}", line.trim_end());
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
