//! Insights: the quality figures (loyalty, satisfaction, complaints, follow-up discipline),
//! each "n/a" when there is nothing yet to measure.

use super::{Effect, Screen};
use crate::domain::figures::show_permille;
use crate::store::{Stats, Store};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::Binding;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

#[derive(Default)]
pub struct InsightsScreen {
    stats: Option<Stats>,
    scroll: u16,
}

fn days(value: Option<i64>) -> String {
    value.map_or("n/a".into(), |d| format!("{d} {}", if d == 1 { "day" } else { "days" }))
}

impl InsightsScreen {
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

    fn refresh(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        self.stats = Some(store.stats(ctx.today, ctx.config.week_starts_monday)?);
        Ok(())
    }

    fn update(&mut self, action: Action, _ctx: &Ctx, _store: &mut Store) -> Result<Effect> {
        match action {
            Action::Down | Action::WheelDown => self.scroll = self.scroll.saturating_add(1),
            Action::Up | Action::WheelUp => self.scroll = self.scroll.saturating_sub(1),
            Action::Top => self.scroll = 0,
            _ => return Ok(Effect::Ignored),
        }
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(ctx);
        let max = (lines.len() as u16).saturating_sub(area.height);
        Paragraph::new(lines).scroll((self.scroll.min(max), 0)).render(area, buf);
    }
}
