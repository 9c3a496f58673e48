//! The review's "Who bought" section: the period's top segments by revenue net of refunds,
//! each against the same days before, the segments that stopped buying, and the strongest
//! technique-by-segment finding of the last 12 months.

use super::figures::{Permille, show_permille as share};
use super::money::Currency;
use super::report::cell;
use super::technique_groups::{GroupFinding, NONE};
use std::fmt::Write;

/// Segments shown by name; the rest are summed in one line.
pub const TOP: usize = 3;

/// One segment's sales in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentSales {
    /// The segment, or [`NONE`].
    pub segment: String,
    pub revenue: i64,
    /// Of the period's revenue.
    pub share: Option<Permille>,
    pub sales: u64,
}

/// A ranked row: the period's figures and the period before's revenue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuyerRow {
    pub now: SegmentSales,
    pub before: i64,
}

/// The segments that bought this period, most revenue first (then by name), each with the
/// same segment's revenue before; and the ones that bought before but not now.
pub fn rank(now: &[SegmentSales], before: &[SegmentSales]) -> (Vec<BuyerRow>, Vec<SegmentSales>) {
    let revenue_before = |segment: &str| before.iter().find(|b| b.segment == segment).map_or(0, |b| b.revenue);
    let mut rows: Vec<BuyerRow> = now
        .iter()
        .filter(|s| s.sales > 0 || s.revenue != 0)
        .map(|s| BuyerRow { now: s.clone(), before: revenue_before(&s.segment) })
        .collect();
    rows.sort_by(|a, b| b.now.revenue.cmp(&a.now.revenue).then_with(|| a.now.segment.cmp(&b.now.segment)));
    let mut stopped: Vec<SegmentSales> =
        before.iter().filter(|b| b.revenue > 0 && !rows.iter().any(|r| r.now.segment == b.segment)).cloned().collect();
    stopped.sort_by(|a, b| b.revenue.cmp(&a.revenue).then_with(|| a.segment.cmp(&b.segment)));
    (rows, stopped)
}

/// The change from `before` to `now`: "+50%", "-100%", "new", "no change".
pub fn change(now: i64, before: i64) -> String {
    match (now, before) {
        (0, 0) => "no change".into(),
        (_, 0) => "new".into(),
        _ => format!("{:+.0}%", (now - before) as f64 * 100.0 / before.abs() as f64),
    }
}

/// The section in Markdown.
pub fn render(
    md: &mut String,
    now: &[SegmentSales],
    before: &[SegmentSales],
    finding: Option<&GroupFinding>,
    currency: &Currency,
) {
    let (rows, stopped) = rank(now, before);
    let _ = writeln!(md, "## Who bought\n");
    if rows.is_empty() {
        let _ = writeln!(md, "No sales in this period.\n");
    } else {
        let _ = writeln!(md, "| Segment | Revenue | Share | Sales | Before | Change |");
        let _ = writeln!(md, "|---|---:|---:|---:|---:|---|");
        for row in rows.iter().take(TOP) {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&row.now.segment),
                currency.format(row.now.revenue),
                share(row.now.share),
                row.now.sales,
                currency.format(row.before),
                change(row.now.revenue, row.before)
            );
        }
        let rest = &rows[rows.len().min(TOP)..];
        if !rest.is_empty() {
            let revenue: i64 = rest.iter().map(|r| r.now.revenue).sum();
            let names: Vec<String> = rest.iter().map(|r| cell(&r.now.segment)).collect();
            let _ = writeln!(md, "\nAlso bought: {} ({}).", names.join(", "), currency.format(revenue));
        }
        md.push('\n');
    }
    if !stopped.is_empty() {
        let names: Vec<String> =
            stopped.iter().map(|s| format!("{} ({} before)", cell(&s.segment), currency.format(s.revenue))).collect();
        let _ = writeln!(md, "Bought before but not this period: {}.\n", names.join(", "));
    }
    match finding {
        Some(f) => {
            let _ = writeln!(
                md,
                "Strongest finding (12 months): {} wins {:.0}% with {} customers vs {:.0}% there ({} cases).\n",
                cell(&f.technique),
                f.win_rate * 100.0,
                cell(&f.group),
                f.group_rate * 100.0,
                f.decided
            );
        }
        None => {
            let _ = writeln!(md, "No technique stands out within a segment yet (10 decided cases needed).\n");
        }
    }
    let _ = writeln!(md, "Figures use each customer's current segment; customers without one are \"{NONE}\".\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(segment: &str, revenue: i64, share: Option<Permille>, sales: u64) -> SegmentSales {
        SegmentSales { segment: segment.into(), revenue, share, sales }
    }

    #[test]
    fn ranked_by_revenue_against_the_period_before() {
        // Cafés grew from 100.00 to 150.00; offices are new; hotels stopped; a refund
        // took restaurants to 20.00 net from 40.00.
        let now = [
            seg("Restaurant", 2_000, Some(80), 2),
            seg("Café", 15_000, Some(600), 3),
            seg("Office", 8_000, Some(320), 1),
        ];
        let before = [seg("Café", 10_000, None, 2), seg("Hotel", 5_000, None, 1), seg("Restaurant", 4_000, None, 1)];
        let (rows, stopped) = rank(&now, &before);
        let got: Vec<(&str, i64, String)> =
            rows.iter().map(|r| (r.now.segment.as_str(), r.before, change(r.now.revenue, r.before))).collect();
        assert_eq!(
            got,
            [("Café", 10_000, "+50%".into()), ("Office", 0, "new".into()), ("Restaurant", 4_000, "-50%".to_string())]
        );
        assert_eq!(stopped, [seg("Hotel", 5_000, None, 1)]);
    }

    #[test]
    fn the_section_reads_as_markdown() {
        let now = [
            seg("Café", 15_000, Some(600), 3),
            seg("Office", 8_000, Some(320), 1),
            seg("Restaurant", 1_000, Some(40), 1),
            seg(NONE, 1_000, Some(40), 1),
        ];
        let before = [seg("Hotel", 5_000, None, 1)];
        let finding = GroupFinding {
            group: "Office".into(),
            technique_id: 2,
            technique: "Live demo".into(),
            win_rate: 1.0,
            group_rate: 0.68,
            decided: 13,
        };
        let mut md = String::new();
        render(&mut md, &now, &before, Some(&finding), &Currency::default());
        assert!(md.contains("| Café | $150.00 | 60.0% | 3 | $0.00 | new |"), "{md}");
        // Ties on revenue go by name: "(none)" before "Restaurant", which is summed below.
        assert!(md.contains("| (none) | $10.00 | 4.0% | 1 | $0.00 | new |"), "{md}");
        assert!(md.contains("Also bought: Restaurant ($10.00)."), "{md}");
        assert!(md.contains("Bought before but not this period: Hotel ($50.00 before)."), "{md}");
        assert!(
            md.contains(
                "Strongest finding (12 months): Live demo wins 100% with Office customers vs 68% there (13 cases)."
            ),
            "{md}"
        );
        assert!(md.contains("current segment"), "{md}");
    }

    #[test]
    fn an_empty_period_says_so() {
        let mut md = String::new();
        render(&mut md, &[seg("Café", 0, None, 0)], &[], None, &Currency::default());
        assert!(md.contains("No sales in this period."), "{md}");
        assert!(md.contains("No technique stands out within a segment yet"), "{md}");
        assert!(!md.contains("Bought before"), "{md}");
    }
}
