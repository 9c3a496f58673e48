//! The table every technique verdict is printed as: over everyone (`techniques`), within a
//! group (`techniques --by`) and for an objection's techniques and responses (`objections`).

use crate::domain::money::Currency;
use crate::domain::technique::TechniqueStats;
use crate::domain::text::{Column, lay_out, one_line};

pub use crate::domain::technique::{range_text as range, rate_text as rate};

/// Laid-out lines, the header first; with `money`, the sales, revenue and average deal too.
pub fn technique_table(first: &str, rows: &[TechniqueStats], money: Option<&Currency>) -> Vec<String> {
    let mut header = vec![first, "used", "won", "lost", "rate", "95% range"];
    if money.is_some() {
        header.extend(["sales", "revenue", "avg deal"]);
    }
    header.push("verdict");
    let mut cells = vec![header.into_iter().map(String::from).collect::<Vec<_>>()];
    for t in rows {
        let mut row = vec![
            one_line(&t.counts.name).into_owned(),
            t.counts.interactions.to_string(),
            t.counts.wins.to_string(),
            t.counts.losses.to_string(),
            rate(t.win_rate),
            range(t.interval),
        ];
        if let Some(currency) = money {
            row.push(t.counts.sales.to_string());
            row.push(currency.format(t.counts.revenue));
            row.push(t.average_deal.map_or("n/a".to_string(), |v| currency.format(v)));
        }
        row.push(t.verdict.label().to_string());
        cells.push(row);
    }
    let mut layout = vec![Column::Right; cells[0].len()];
    layout[0] = Column::Left { max: 30 };
    *layout.last_mut().expect("a verdict column") = Column::Left { max: usize::MAX };
    lay_out(&cells, &layout).into_iter().map(|line| line.trim_end().to_string()).collect()
}
