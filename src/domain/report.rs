//! The weekly or monthly review as Markdown. Pure: the store gathers the numbers, this
//! writes them up, so a fixed date and data set always give the same text.

use super::figures::{average_score_tenths, nps};
use super::goal::Goal;
use super::insight::Insight;
use super::money::Currency;
use super::pace::Pace;
use super::report_buyers::SegmentSales;
use super::technique::TechniqueStats;
use super::technique_groups::GroupFinding;
use super::text::one_line;
use chrono::NaiveDate;
use std::fmt::Write;

crate::text_enum! {
    pub enum Period {
        Week => ("week", "week"),
        Month => ("month", "month"),
    }
}

pub struct GoalMovement {
    pub goal: Goal,
    pub done_before: i64,
    pub pace_at_end: Pace,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SalesSummary {
    pub sales: u64,
    pub refunds: u64,
    pub revenue: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowupSummary {
    pub due: u64,
    pub on_time: u64,
    pub late: u64,
    pub open: u64,
}

pub struct ReportData {
    pub period: Period,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub prior_from: NaiveDate,
    pub prior_to: NaiveDate,
    pub goals: Vec<GoalMovement>,
    pub sales: SalesSummary,
    pub prior_sales: SalesSummary,
    pub followups: FollowupSummary,
    pub new_customers: u64,
    pub repeat_customers: u64,
    pub scores: Vec<u8>,
    pub complaints_opened: u64,
    pub complaints_resolved: u64,
    pub overall_win_rate: Option<f64>,
    pub techniques: Vec<TechniqueStats>,
    pub insights: Vec<Insight>,
    /// Revenue per segment in the period and the one before; the strongest technique
    /// within a segment over the 12 months ending the period.
    pub buyers: Vec<SegmentSales>,
    pub prior_buyers: Vec<SegmentSales>,
    pub finding: Option<GroupFinding>,
}

use super::report_buyers::change;

/// User text in a table cell: one line, no control characters, no cell breaks.
pub(super) fn cell(text: &str) -> String {
    one_line(text).replace('|', "/")
}

fn rate(value: Option<f64>) -> String {
    value.map_or("n/a".into(), |v| format!("{:.0}%", v * 100.0))
}

/// The review in Markdown.
pub fn render(data: &ReportData, currency: &Currency) -> String {
    let mut md = String::new();
    let title = match data.period {
        Period::Week => format!("Week of {}", data.from.format("%-d %B %Y")),
        Period::Month => data.from.format("%B %Y").to_string(),
    };
    let _ = writeln!(md, "# Sales review: {title}\n");
    let _ = writeln!(
        md,
        "Covers {} to {}; compared with the same days of the previous {}, {} to {}.\n",
        data.from,
        data.to,
        data.period.as_str(),
        data.prior_from,
        data.prior_to
    );

    let _ = writeln!(md, "## Goals\n");
    if data.goals.is_empty() {
        let _ = writeln!(md, "No goals ran in this period.\n");
    } else {
        let _ = writeln!(md, "| Goal | Start of period | End of period | Moved | Target | Status |");
        let _ = writeln!(md, "|---|---:|---:|---:|---:|---|");
        for g in &data.goals {
            let a = |v: i64| g.goal.format_amount(v, currency);
            let end = g.pace_at_end.done;
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&g.goal.title),
                a(g.done_before),
                a(end),
                a(end - g.done_before),
                a(g.goal.target),
                g.pace_at_end.status.label()
            );
        }
        md.push('\n');
    }

    let s = &data.sales;
    let p = &data.prior_sales;
    let _ = writeln!(md, "## Sales\n");
    let _ = writeln!(md, "- Sales: {} ({} before, {})", s.sales, p.sales, change(s.sales as i64, p.sales as i64));
    let _ = writeln!(
        md,
        "- Revenue, net of refunds: {} ({} before, {})",
        currency.format(s.revenue),
        currency.format(p.revenue),
        change(s.revenue, p.revenue)
    );
    let _ = writeln!(md, "- Refunds: {}", s.refunds);
    let _ = writeln!(md, "- New customers: {}; repeat customers: {}\n", data.new_customers, data.repeat_customers);
    super::report_buyers::render(&mut md, &data.buyers, &data.prior_buyers, data.finding.as_ref(), currency);

    let f = &data.followups;
    let _ = writeln!(md, "## Follow-ups\n");
    let on_time =
        if f.due == 0 { "n/a".to_string() } else { format!("{:.0}%", f.on_time as f64 * 100.0 / f.due as f64) };
    let _ = writeln!(
        md,
        "- Due: {}; done on time: {} ({on_time}); done late: {}; still open: {}\n",
        f.due, f.on_time, f.late, f.open
    );

    let _ = writeln!(md, "## Customers\n");
    let average = average_score_tenths(&data.scores).map_or("n/a".into(), |t| format!("{}.{}", t / 10, t % 10));
    let promoter_score = nps(&data.scores).map_or("n/a".into(), |n| format!("{:+}", n.score));
    let _ = writeln!(md, "- Satisfaction: {} scores, average {average}, NPS {promoter_score}", data.scores.len());
    let _ = writeln!(md, "- Complaints: {} opened, {} resolved\n", data.complaints_opened, data.complaints_resolved);

    let _ = writeln!(md, "## Techniques\n");
    let _ = writeln!(md, "Your win rate: {}.\n", rate(data.overall_win_rate));
    let _ =
        writeln!(md, "| Technique | Interactions | Won | Lost | Win rate | 95% interval | Sales | Revenue | Verdict |");
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---|---:|---:|---|");
    for t in &data.techniques {
        let interval = t.interval.map_or("n/a".into(), |(l, h)| format!("{:.0}-{:.0}%", l * 100.0, h * 100.0));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&t.counts.name),
            t.counts.interactions,
            t.counts.wins,
            t.counts.losses,
            rate(t.win_rate),
            interval,
            t.counts.sales,
            currency.format(t.counts.revenue),
            t.verdict.label()
        );
    }
    md.push('\n');

    let _ = writeln!(md, "## Coach\n");
    if data.insights.is_empty() {
        let _ = writeln!(md, "Nothing needs attention. Keep going.");
    }
    for insight in &data.insights {
        let _ = writeln!(md, "- **{}.** {}", one_line(&insight.message), one_line(&insight.action));
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes() {
        assert_eq!(change(0, 0), "no change");
        assert_eq!(change(5, 0), "new");
        assert_eq!(change(150, 100), "+50%");
        assert_eq!(change(50, 100), "-50%");
    }
}
