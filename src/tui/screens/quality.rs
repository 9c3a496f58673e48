//! The quality figures at the foot of Insights, each "n/a" when there is nothing yet to
//! measure, each with what it counts.

use crate::domain::figures::show_permille;
use crate::store::Stats;
use crate::tui::context::Ctx;
use ratatui::text::{Line, Span};

fn days(value: Option<i64>) -> String {
    value.map_or("n/a".into(), |d| crate::domain::text::counted(d, "day", "days"))
}

pub fn lines(s: &Stats, ctx: &Ctx) -> Vec<Line<'static>> {
    let row = |label: &str, value: String, how: &str| {
        Line::from(vec![
            Span::styled(format!("{label:<32}"), ctx.theme.dim),
            Span::styled(format!("{value:<12}"), ctx.theme.header),
            Span::styled(how.to_string(), ctx.theme.dim),
        ])
    };
    let nps = s.nps.map_or("n/a".into(), |n| format!("{:+}", n.score));
    let nps_how = s.nps.map_or(String::new(), |n| {
        format!("{} promoters, {} passives, {} detractors", n.promoters, n.passives, n.detractors)
    });
    vec![
        Line::styled(
            format!("Quality, {} to {}", s.from.format("%-d %b %Y"), s.to.format("%-d %b %Y")),
            ctx.theme.header,
        ),
        Line::raw(""),
        row("Repeat-business rate", show_permille(s.repeat_business_permille), "customers with 2+ purchases / with 1+"),
        row("Median days to reorder", days(s.median_days_to_reorder), "between a customer's purchases"),
        row("NPS", nps, &nps_how),
        row(
            "Average satisfaction",
            s.average_score_tenths.map_or("n/a".into(), |t| format!("{}.{}", t / 10, t % 10)),
            "of scores 0-10",
        ),
        row("Median time to first response", days(s.median_days_to_first_response), "complaints opened in the period"),
        row("Median time to resolution", days(s.median_days_to_resolve), ""),
        row("Complainants who bought again", show_permille(s.complainants_bought_again_permille), "within 180 days"),
        row(
            "Follow-ups on time this week",
            show_permille(s.followups_on_time_this_week_permille),
            "done by their due day",
        ),
        row("Median days overdue", days(s.median_days_overdue), "open follow-ups past due"),
    ]
}
