//! The top of Today, the morning briefing: the checklist in counts, the coach's top lines,
//! one pace line per goal.

use super::goals::GoalRow;
use crate::domain::followup::Section;
use crate::domain::insight::Insight;
use crate::domain::text::{columns, counted, one_line, truncate};
use crate::tui::context::Ctx;
use crate::tui::widgets::sections::SectionLayout;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// "Friday 27 November · 2 complaints · 6 overdue · 1 card": each section in a count.
/// The words in full when they fit the width, the short forms otherwise.
pub fn summary(layout: &SectionLayout, cards_due: u64, ctx: &Ctx, width: u16) -> Line<'static> {
    let wide = summary_as(layout, cards_due, ctx, false);
    if width >= 60 && wide.width() <= usize::from(width) { wide } else { summary_as(layout, cards_due, ctx, true) }
}

fn summary_as(layout: &SectionLayout, cards_due: u64, ctx: &Ctx, narrow: bool) -> Line<'static> {
    let date = if narrow { ctx.today.format("%a %-d %b") } else { ctx.today.format("%A %-d %B") };
    let mut spans = vec![Span::styled(date.to_string(), ctx.theme.header)];
    for &(section, count) in layout.sections() {
        spans.push(Span::raw(" · "));
        let style =
            if matches!(section, Section::Overdue | Section::Complaints) { ctx.theme.danger } else { Style::new() };
        let name = match (narrow, section) {
            (true, Section::Complaints) => "compl.",
            (true, Section::Overdue) => "late",
            (true, Section::Today) => "today",
            (true, Section::ColdDeals) => "cold",
            (false, Section::ColdDeals) => "cold deals",
            (_, Section::StayInTouch) => "to call",
            (false, Section::Complaints) => "complaints",
            (false, Section::Overdue) => "overdue",
            (false, Section::Today) => "today",
            // The training section is one row; the summary counts its cards.
            (_, Section::Cards) => {
                spans.push(Span::raw(counted(cards_due as i64, "card", "cards")));
                continue;
            }
        };
        spans.push(Span::styled(format!("{count} {name}"), style));
    }
    Line::from(spans)
}

pub fn render_coach(insights: &[Insight], ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width).saturating_sub(2);
    let lines: Vec<Line> = insights
        .iter()
        .take(usize::from(area.height))
        .map(|i| {
            let style = if i.urgency >= 80 { ctx.theme.danger } else { ctx.theme.warning };
            Line::from(vec![Span::styled("! ", style), Span::raw(truncate(&one_line(&i.message), width).into_owned())])
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// One line per goal, most urgent first. Goals left out for room are counted on the last
/// line, or after the one goal shown when there is a single line.
pub fn render_goals(goals: &[GoalRow], ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let rows = usize::from(area.height);
    let hidden = goals.len().saturating_sub(rows);
    let shown = if hidden > 0 { rows.saturating_sub(1).max(1) } else { goals.len() };
    let more = goals.len().saturating_sub(shown);
    let only = rows == 1 && more > 0;
    let tail = if only { format!(" · +{more} more (2)") } else { String::new() };
    let mut lines: Vec<Line> = goals
        .iter()
        .take(shown.min(rows))
        .map(|row| {
            let style = ctx.theme.pace(row.pace.colour);
            let summary = crate::domain::pace_text::pace_summary(&row.goal, &row.pace, &ctx.config.currency);
            let figures = format!(" {}% · {summary}", row.pace.done_permille / 10);
            let text_width = width.saturating_sub(2 + columns(&tail));
            // The title gets whatever the figures leave, but never less than a third.
            let room = text_width.saturating_sub(columns(&figures)).max(text_width / 3).max(8);
            let title = truncate(&one_line(&row.goal.title), room).into_owned();
            let text = truncate(&format!("{title}{figures}"), text_width).into_owned();
            Line::from(vec![Span::styled("● ", style), Span::raw(text), Span::styled(tail.clone(), ctx.theme.dim)])
        })
        .collect();
    if more > 0 && !only {
        lines.push(Line::styled(format!("  +{more} more goals on the Goals tab (2)"), ctx.theme.dim));
    }
    Paragraph::new(lines).render(area, buf);
}
