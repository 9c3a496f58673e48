//! Insights: what the coach sees (every rule that fired, most urgent first), which
//! techniques win (a table with win-rate bars and 95% intervals), and the quality figures,
//! each "n/a" when there is nothing yet to measure.

use super::{Effect, Screen};
use crate::domain::figures::show_permille;
use crate::domain::insight::Insight;
use crate::domain::technique::Verdict;
use crate::domain::text::{fit, one_line, truncate};
use crate::store::{Stats, Store, TechniqueReport};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::Binding;
use crate::tui::widgets::scroll::Scroll;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Default)]
pub struct InsightsScreen {
    stats: Option<Stats>,
    insights: Vec<Insight>,
    techniques: Option<TechniqueReport>,
    scroll: Scroll,
}

fn days(value: Option<i64>) -> String {
    value.map_or("n/a".into(), |d| crate::domain::text::counted(d, "day", "days"))
}

/// A text bar for a share in 0..=1.
fn bar(share: f64, width: usize) -> String {
    let filled = ((share.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

impl InsightsScreen {
    fn coach_lines(&self, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let mut lines = vec![Line::styled("Coach", ctx.theme.header)];
        if self.insights.is_empty() {
            lines.push(Line::styled("  Nothing needs attention. Keep going.", ctx.theme.good));
        }
        for insight in &self.insights {
            let style = if insight.urgency >= 80 {
                ctx.theme.danger
            } else if insight.urgency >= 50 {
                ctx.theme.warning
            } else {
                ctx.theme.notice
            };
            let message = truncate(&one_line(&insight.message), width.saturating_sub(2)).into_owned();
            lines.push(Line::from(vec![Span::styled("● ", style), Span::raw(message)]));
            let action = truncate(&one_line(&insight.action), width.saturating_sub(4)).into_owned();
            lines.push(Line::styled(format!("    {action}"), ctx.theme.dim));
        }
        lines.push(Line::raw(""));
        lines
    }

    fn technique_lines(&self, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let Some(report) = &self.techniques else { return Vec::new() };
        let percent = |r: Option<f64>| r.map_or("n/a".to_string(), |v| format!("{:.0}%", v * 100.0));
        let mut lines = vec![Line::styled(
            format!("Techniques, last 12 months · your win rate {}", percent(report.overall_win_rate)),
            ctx.theme.header,
        )];
        // Name, counts, rate, range and the longest verdict always fit; the bar takes what is
        // left (none below 78 columns) and the name shrinks only after the bar is gone.
        const FIXED: usize = 12 + 2 + 1 + 5 + 1 + 9 + 2 + 19;
        let name_width = width.saturating_sub(FIXED + 1).clamp(8, 21);
        let bar_width = match width.saturating_sub(FIXED + name_width + 1 + 1) {
            w if w >= 5 => w.min(20),
            _ => 0,
        };
        let gap = if bar_width > 0 { " " } else { "" };
        lines.push(Line::styled(
            format!(
                "{} {:>12}  {:<bar_width$}{gap}{:>5} {:>9}  {}",
                " ".repeat(name_width),
                "won/decided",
                "",
                "win%",
                "95% range",
                "verdict"
            ),
            ctx.theme.dim,
        ));
        for t in &report.techniques {
            let style = match t.verdict {
                Verdict::WorksBest => ctx.theme.good,
                Verdict::HoldingYouBack => ctx.theme.danger,
                _ => ctx.theme.dim,
            };
            let range = t.interval.map_or("n/a".to_string(), |(l, h)| format!("{:.0}-{:.0}%", l * 100.0, h * 100.0));
            lines.push(Line::from(vec![
                Span::raw(format!("{} ", fit(&one_line(&t.counts.name), name_width))),
                Span::raw(format!("{:>12}  ", format!("{}/{}", t.counts.wins, t.decided))),
                Span::styled(
                    if bar_width > 0 { bar(t.win_rate.unwrap_or(0.0), bar_width) } else { String::new() },
                    style,
                ),
                Span::raw(format!("{gap}{:>5} {:>9}  ", percent(t.win_rate), range)),
                Span::styled(t.verdict.label(), style),
            ]));
        }
        if !report.lost_reasons.is_empty() {
            let reasons: Vec<String> =
                report.lost_reasons.iter().map(|(r, n)| format!("{} ({n})", one_line(r))).collect();
            lines.push(Line::styled(
                truncate(&format!("Lost because: {}", reasons.join(", ")), width).into_owned(),
                ctx.theme.dim,
            ));
        }
        lines.push(Line::raw(""));
        lines
    }

    fn lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let Some(s) = &self.stats else { return Vec::new() };
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
            row(
                "Repeat-business rate",
                show_permille(s.repeat_business_permille),
                "customers with 2+ purchases / with 1+",
            ),
            row("Median days to reorder", days(s.median_days_to_reorder), "between a customer's purchases"),
            row("NPS", nps, &nps_how),
            row(
                "Average satisfaction",
                s.average_score_tenths.map_or("n/a".into(), |t| format!("{}.{}", t / 10, t % 10)),
                "of scores 0-10",
            ),
            row(
                "Median time to first response",
                days(s.median_days_to_first_response),
                "complaints opened in the period",
            ),
            row("Median time to resolution", days(s.median_days_to_resolve), ""),
            row(
                "Complainants who bought again",
                show_permille(s.complainants_bought_again_permille),
                "within 180 days",
            ),
            row(
                "Follow-ups on time this week",
                show_permille(s.followups_on_time_this_week_permille),
                "done by their due day",
            ),
            row("Median days overdue", days(s.median_days_overdue), "open follow-ups past due"),
        ]
    }
}

impl Screen for InsightsScreen {
    fn keys(&self) -> &'static [Binding] {
        &[]
    }

    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        self.stats = Some(store.stats(ctx.today, ctx.config.week_starts_monday)?);
        let year = store.technique_report(ctx.today - chrono::Days::new(364), ctx.today)?;
        self.insights = store.insights_with(ctx.today, &ctx.config, &year)?;
        self.techniques = Some(year);
        Ok(())
    }

    fn update(&mut self, action: Action, _ctx: &Ctx, _store: &mut Store) -> Result<Effect> {
        match action {
            Action::Down | Action::WheelDown => self.scroll.by(1),
            Action::Up | Action::WheelUp => self.scroll.by(-1),
            Action::PageDown => self.scroll.by(10),
            Action::PageUp => self.scroll.by(-10),
            Action::Top => self.scroll.top(),
            Action::Bottom => self.scroll.bottom(),
            _ => return Ok(Effect::Ignored),
        }
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let mut lines = self.coach_lines(ctx, width);
        lines.extend(self.technique_lines(ctx, width));
        lines.extend(self.lines(ctx));
        self.scroll.render(Paragraph::new(lines), area, buf);
    }
}
