//! One goal opened: the progress chart, the pace numbers and the due-by table. `?` adds
//! how each number was computed to the help overlay.

use super::goals::GoalRow;
use crate::domain::pace_text::{coverage_text, explain_pace, explain_pipeline, pace_summary};
use crate::domain::text::one_line;
use crate::tui::context::Ctx;
use crate::tui::widgets::progress_chart::{ProgressChart, legend, series};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Below this width the numbers go under the chart instead of beside it.
const SIDE_BY_SIDE: u16 = 70;
/// The numbers beside the chart.
const SIDE_WIDTH: u16 = 34;

pub fn render(row: &GoalRow, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    if area.height < 3 {
        return;
    }
    let style = ctx.theme.pace(row.pace.colour);
    let title = Line::from(vec![
        Span::styled(one_line(&row.goal.title).into_owned(), ctx.theme.header),
        Span::raw(" · "),
        Span::styled(row.pace.status.label(), style),
        Span::styled(format!(" · {}% · Esc back, ? explains", row.pace.done_permille / 10), ctx.theme.dim),
    ]);
    let summary = Line::styled(pace_summary(&row.goal, &row.pace, &ctx.config.currency), style);
    Paragraph::new(vec![title, summary]).render(Rect { height: 2, ..area }, buf);
    let body = Rect { y: area.y + 2, height: area.height - 2, ..area };
    let mut numbers = numbers(row, ctx);
    numbers.push(Line::raw(""));
    let with_pipeline = row.pipeline.as_ref().map(|f| f.with_pipeline);
    let chart_series = series(&row.goal, &row.pace, &row.daily, with_pipeline);
    numbers.extend(legend(&ctx.theme, style, SIDE_WIDTH, !chart_series.pipeline.is_empty()));
    let (chart_area, numbers_area) = if body.width >= SIDE_BY_SIDE {
        // A column apart: the lines end where the chart does, not against the numbers.
        let [chart, _, side] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(2), Constraint::Length(SIDE_WIDTH)])
                .areas(body);
        (chart, Some(side))
    } else if body.height >= 16 {
        let [chart, below] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(numbers.len() as u16)]).areas(body);
        (chart, Some(below))
    } else {
        (body, None)
    };
    ProgressChart {
        goal: &row.goal,
        series: &chart_series,
        theme: &ctx.theme,
        line_style: style,
        currency: &ctx.config.currency,
    }
    .render(chart_area, buf);
    if let Some(side) = numbers_area {
        Paragraph::new(numbers).render(side, buf);
    }
}

fn numbers(row: &GoalRow, ctx: &Ctx) -> Vec<Line<'static>> {
    let p = &row.pace;
    let a = |v: i64| row.goal.format_amount(v, &ctx.config.currency);
    let or_na = |v: Option<i64>| v.map_or("n/a".to_string(), a);
    let pair = |label: &str, value: String| {
        Line::from(vec![Span::styled(format!("{label:<14}"), ctx.theme.dim), Span::raw(value)])
    };
    let mut lines = vec![
        pair("Target", a(p.target)),
        pair("Done", format!("{} ({}%)", a(p.done), p.done_permille / 10)),
        pair("Expected", a(p.expected)),
        pair(if p.ahead >= 0 { "Ahead" } else { "Behind" }, a(p.ahead.abs())),
        pair("Need / day", or_na(p.required_per_day)),
        pair("Need / week", or_na(p.required_per_week)),
        pair("Buffer", p.buffer_days.map_or("n/a".into(), |b| format!("{b} working days"))),
        pair("Projected", or_na(p.projected)),
    ];
    if let Some(f) = &row.pipeline {
        lines.push(pair("With pipeline", a(f.with_pipeline)));
        lines.push(pair("Coverage", coverage_text(f.coverage_permille)));
    }
    lines.extend([
        pair("Finish", p.finish.map_or("not at this rate".into(), |d| d.format("%a %-d %b %Y").to_string())),
        Line::raw(""),
        Line::styled("Due by (to stay on the line)", ctx.theme.header),
    ]);
    // Amounts flush right, so their digits line up down the column.
    let amounts: Vec<String> = p.due_by.iter().map(|due| a(due.needed)).collect();
    let width = amounts.iter().map(|s| crate::domain::text::columns(s)).max().unwrap_or(0);
    for (due, amount) in p.due_by.iter().zip(amounts) {
        let style = if due.is_working_day { ratatui::style::Style::new() } else { ctx.theme.dim };
        let amount = crate::domain::text::pad_left(&amount, width);
        lines.push(Line::styled(format!("{:<14}{amount}", due.date.format("%a %-d %b")), style));
    }
    lines
}

/// Each number with its formula and inputs, for the `?` overlay.
pub fn explanation(row: &GoalRow, ctx: &Ctx) -> Vec<Line<'static>> {
    let style = ctx.theme.pace(row.pace.colour);
    let mut lines = legend(&ctx.theme, style, u16::MAX, row.pipeline.is_some());
    lines.push(Line::raw(""));
    lines.push(Line::styled("How each number is computed", ctx.theme.header));
    let mut items = explain_pace(&row.goal, &row.pace, &ctx.config.currency, &ctx.config.date_format);
    if let Some(f) = &row.pipeline {
        items.extend(explain_pipeline(&row.goal, f, &ctx.config.currency, &ctx.config.date_format));
    }
    for item in items {
        lines.push(Line::from(vec![Span::styled(format!(" {}: ", item.label), ctx.theme.key), Span::raw(item.value)]));
        if !item.how.is_empty() {
            lines.push(Line::styled(format!("   {}", item.how), ctx.theme.dim));
        }
    }
    lines
}
