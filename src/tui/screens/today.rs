//! Today: the morning checklist, worked top to bottom.

use super::goals::{GoalRow, load_goals};
use super::{Effect, Screen};
use crate::domain::followup::Section;
use crate::domain::text::{one_line, truncate};
use crate::store::{ChecklistRow, Store};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::Binding;
use crate::tui::widgets::list_window::ListWindow;
use crate::tui::widgets::sections::{LineRef, SectionLayout};
use anyhow::Result;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Rows fetched beyond the screen in each direction, so scrolling rarely queries.
const MARGIN: u64 = 100;

#[derive(Default)]
pub struct TodayScreen {
    goals: Vec<GoalRow>,
    layout: SectionLayout,
    window: ListWindow,
    cache_start: u64,
    cache: Vec<Option<ChecklistRow>>,
}

impl TodayScreen {
    fn cached(&self, flat: u64) -> Option<&ChecklistRow> {
        let index = flat.checked_sub(self.cache_start)?;
        self.cache.get(index as usize)?.as_ref()
    }

    /// Makes sure every visible line's row is in the cache, fetching a margin around it.
    fn fill_cache(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        let visible = self.window.visible();
        let covered = self.cache_start..self.cache_start + self.cache.len() as u64;
        if visible.start >= covered.start && visible.end <= covered.end && !self.cache.is_empty() {
            return Ok(());
        }
        let start = visible.start.saturating_sub(MARGIN);
        let end = (visible.end + MARGIN).min(self.layout.len());
        let mut cache: Vec<Option<ChecklistRow>> = vec![None; (end - start) as usize];
        for (section, rows) in self.layout.row_ranges(start..end) {
            let fetched = store.followup_section_rows(ctx.today, section, rows.start, rows.end - rows.start)?;
            let first_line = self.first_line_of(section) + 1 + rows.start;
            for (i, row) in fetched.into_iter().enumerate() {
                if let Some(slot) = cache.get_mut((first_line + i as u64 - start) as usize) {
                    *slot = Some(row);
                }
            }
        }
        self.cache_start = start;
        self.cache = cache;
        Ok(())
    }

    fn first_line_of(&self, wanted: Section) -> u64 {
        let mut line = 0;
        for &(section, count) in self.layout.sections() {
            if section == wanted {
                return line;
            }
            line += count + 1;
        }
        line
    }

    fn summary(&self, ctx: &Ctx, width: u16) -> Line<'static> {
        let narrow = width < 60;
        let date = if narrow { ctx.today.format("%a %-d %b") } else { ctx.today.format("%A %-d %B") };
        let mut spans = vec![Span::styled(date.to_string(), ctx.theme.header)];
        for &(section, count) in self.layout.sections() {
            spans.push(Span::raw(" · "));
            let style = if section == Section::Overdue { ctx.theme.danger } else { Style::new() };
            let name = match (narrow, section) {
                (true, Section::Overdue) => "late".to_string(),
                (true, Section::Today) => "today".to_string(),
                _ => section.title().to_lowercase(),
            };
            spans.push(Span::styled(format!("{count} {name}"), style));
        }
        Line::from(spans)
    }

    fn row_line(&self, row: &ChecklistRow, today: NaiveDate, width: usize, ctx: &Ctx, selected: bool) -> Line<'static> {
        let due_width = if width >= 60 { 11 } else { 7 };
        let due = format!("{:>due_width$}", short_due(row, today, due_width > 7));
        let due_style = if row.due_on < today { ctx.theme.danger } else { ctx.theme.warning };
        let name_width = if width >= 70 { 22 } else { (width / 3).max(8) };
        let kind_width = if width >= 70 { 14 } else { 0 };
        let fixed = 2 + name_width + 1 + kind_width + due_width + 1;
        let reason_width = width.saturating_sub(fixed);
        let name = truncate(&one_line(&row.customer), name_width).into_owned();
        let reason = truncate(&one_line(&row.reason), reason_width).into_owned();
        let mut spans = vec![Span::raw(if selected { "▸ " } else { "  " }), Span::raw(format!("{name:<name_width$} "))];
        if kind_width > 0 {
            spans.push(Span::styled(format!("{:<kind_width$}", row.kind.label()), ctx.theme.dim));
        }
        spans.push(Span::raw(format!("{reason:<reason_width$}")));
        spans.push(Span::styled(format!(" {due}"), due_style));
        let line = Line::from(spans);
        if selected { line.style(ctx.theme.selected) } else { line }
    }
}

impl TodayScreen {
    fn render_goals(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let width = area.width as usize;
        let lines: Vec<Line> = self
            .goals
            .iter()
            .take(area.height as usize)
            .map(|row| {
                let style = ctx.theme.pace(row.pace.colour);
                let title = truncate(&one_line(&row.goal.title), (width / 3).max(8)).into_owned();
                let summary = crate::domain::pace_text::pace_summary(&row.goal, &row.pace, &ctx.config.currency);
                let text = format!("{title} {}% · {summary}", row.pace.done_permille / 10);
                Line::from(vec![
                    Span::styled("● ", style),
                    Span::raw(truncate(&text, width.saturating_sub(2)).into_owned()),
                ])
            })
            .collect();
        Paragraph::new(lines).render(area, buf);
    }
}

/// "3d late", "today", "today 10:30" (the time only where there is room).
fn short_due(row: &ChecklistRow, today: NaiveDate, with_time: bool) -> String {
    let late = (today - row.due_on).num_days();
    match (late, &row.due_time) {
        (n, _) if n > 0 => format!("{n}d late"),
        (_, Some(time)) if with_time => format!("today {time}"),
        _ => "today".into(),
    }
}

impl Screen for TodayScreen {
    fn keys(&self) -> &'static [Binding] {
        &[]
    }

    fn refresh(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        self.goals = load_goals(store, ctx.today)?;
        self.layout = SectionLayout::new(&store.checklist_counts(ctx.today)?);
        let layout = &self.layout;
        self.window.set_total(layout.len(), |i| layout.is_selectable(i));
        self.cache.clear();
        self.fill_cache(ctx, store)
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let layout = &self.layout;
        let selectable = |i| layout.is_selectable(i);
        match action {
            Action::Up => self.window.move_by(-1, selectable),
            Action::Down => self.window.move_by(1, selectable),
            Action::WheelUp => self.window.move_by(-3, selectable),
            Action::WheelDown => self.window.move_by(3, selectable),
            Action::PageUp => self.window.page(-1, selectable),
            Action::PageDown => self.window.page(1, selectable),
            Action::Top => self.window.home(selectable),
            Action::Bottom => self.window.end(selectable),
            Action::Tick => self.window.scroll_to_selection(),
            _ => return Ok(Effect::Ignored),
        }
        self.fill_cache(ctx, store)?;
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        Paragraph::new(self.summary(ctx, area.width)).render(Rect { height: 1, ..area }, buf);
        let area = Rect { y: area.y + 1, height: area.height - 1, ..area };
        // One pace line per goal, leaving most of the room to the checklist.
        let goal_lines = (self.goals.len() as u16).min(area.height / 4);
        self.render_goals(ctx, Rect { height: goal_lines, ..area }, buf);
        let list_area = Rect { y: area.y + goal_lines, height: area.height - goal_lines, ..area };
        self.window.set_height(list_area.height);
        if self.layout.is_empty() {
            let lines = vec![
                Line::raw(""),
                Line::styled("  Nothing overdue, nothing due today.", ctx.theme.good),
                Line::styled("  A good day to call a customer you have not heard from.", ctx.theme.dim),
            ];
            Paragraph::new(lines).render(list_area, buf);
            return;
        }
        let selected = self.window.selected();
        let width = list_area.width as usize;
        let lines: Vec<Line> = self
            .window
            .visible()
            .map(|flat| match self.layout.line(flat) {
                Some(LineRef::Header { section, count }) => {
                    let style = if section == Section::Overdue { ctx.theme.danger } else { ctx.theme.header };
                    Line::styled(format!("{} ({count})", section.title()), style)
                }
                Some(LineRef::Row { .. }) => match self.cached(flat) {
                    Some(row) => self.row_line(row, ctx.today, width, ctx, selected == Some(flat)),
                    None => Line::styled("  …", ctx.theme.dim),
                },
                None => Line::raw(""),
            })
            .collect();
        Paragraph::new(lines).render(list_area, buf);
    }
}
