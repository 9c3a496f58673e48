//! Follow-ups: every open follow-up grouped by day, overdue days first.

use super::{Effect, Screen};
use crate::domain::followup::Followup;
use crate::domain::text::{fit, one_line};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::forms;
use crate::tui::keymap::{self, Binding, KeyCode};
use crate::tui::widgets::list_window::ListWindow;
use crate::tui::widgets::sections::{LineRef, SectionLayout};
use anyhow::Result;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

const MARGIN: u64 = 100;

const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::ch('x'), keymap::ch(' ')], Action::Complete, "done: log what happened, set the next date"),
    keymap::bind(&[keymap::ch('s')], Action::Snooze, "snooze to another day"),
    keymap::bind(&[keymap::ch('C')], Action::Cancel, "cancel the follow-up"),
    keymap::bind(&[keymap::ch('a')], Action::Add, "plan a follow-up"),
    keymap::bind(&[keymap::key(KeyCode::Enter)], Action::Open, "open the customer"),
];

#[derive(Default)]
pub struct FollowupsScreen {
    layout: SectionLayout<NaiveDate>,
    window: ListWindow,
    cache_start: u64,
    cache: Vec<Option<Followup>>,
    /// The follow-up a first `C` asked about; a second `C` on it cancels.
    armed: Option<i64>,
}

impl FollowupsScreen {
    fn selected(&self) -> Option<&Followup> {
        let index = self.window.selected()?.checked_sub(self.cache_start)?;
        self.cache.get(index as usize)?.as_ref()
    }

    /// Puts the cursor on this follow-up (just planned or snoozed), on whatever day it is
    /// now: the line is its day's header, plus its place among that day's follow-ups.
    pub fn select_followup(&mut self, id: i64, store: &Store) -> Result<()> {
        let followup = store.followup(id)?;
        let Some(&(day, count)) = self.layout.sections().iter().find(|(day, _)| *day == followup.due_on) else {
            return Ok(());
        };
        let Some(index) = store.open_followups_on(day, 0, count)?.iter().position(|f| f.id == id) else {
            return Ok(());
        };
        let layout = &self.layout;
        self.window.select(layout.first_line_of(day) + 1 + index as u64, |i| layout.is_selectable(i));
        self.fill(store, false)
    }

    fn fill(&mut self, store: &Store, force: bool) -> Result<()> {
        let visible = self.window.visible();
        let covered = visible.start >= self.cache_start && visible.end <= self.cache_start + self.cache.len() as u64;
        if covered && !force && !self.cache.is_empty() {
            return Ok(());
        }
        let start = visible.start.saturating_sub(MARGIN);
        let end = (visible.end + MARGIN).min(self.layout.len());
        let mut cache = vec![None; (end - start) as usize];
        for (day, rows) in self.layout.row_ranges(start..end) {
            let first_line = self.layout.first_line_of(day) + 1 + rows.start;
            for (i, f) in store.open_followups_on(day, rows.start, rows.end - rows.start)?.into_iter().enumerate() {
                if let Some(slot) = cache.get_mut((first_line + i as u64 - start) as usize) {
                    *slot = Some(f);
                }
            }
        }
        self.cache_start = start;
        self.cache = cache;
        Ok(())
    }

    fn header(day: NaiveDate, count: u64, ctx: &Ctx) -> Line<'static> {
        let days = (day - ctx.today).num_days();
        let when = match days {
            d if d < 0 => format!("Overdue · {}", day.format("%a %-d %b")),
            0 => format!("Today · {}", day.format("%a %-d %b")),
            1 => format!("Tomorrow · {}", day.format("%a %-d %b")),
            _ => day.format("%a %-d %b %Y").to_string(),
        };
        let style = if days < 0 { ctx.theme.danger } else { ctx.theme.header };
        Line::styled(format!("{when} ({count})"), style)
    }

    fn row(f: &Followup, width: usize, ctx: &Ctx, selected: bool) -> Line<'static> {
        let name_width = if width >= 70 { 22 } else { (width / 3).max(8) };
        // Two spaces after the kind, so "stay in touch ↻" never runs into the reason.
        let kind_width = if width >= 70 { 17 } else { 0 };
        let time = f.due_time.clone().unwrap_or_default();
        let reason_width = width.saturating_sub(2 + name_width + 1 + kind_width + 6);
        let mut spans = vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::raw(format!("{} ", fit(&one_line(&f.customer), name_width))),
        ];
        if kind_width > 0 {
            let kind =
                if f.recurrence.is_some() { format!("{} ↻", f.kind.label()) } else { f.kind.label().to_string() };
            spans.push(Span::styled(format!("{}  ", fit(&kind, kind_width - 2)), ctx.theme.dim));
        }
        spans.push(Span::raw(fit(&one_line(&f.reason), reason_width)));
        spans.push(Span::styled(format!(" {time:>5}"), ctx.theme.dim));
        let line = Line::from(spans);
        if selected { line.style(ctx.theme.selected) } else { line }
    }
}

impl Screen for FollowupsScreen {
    fn customer_in_view(&self) -> Option<i64> {
        self.selected().map(|f| f.customer_id)
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn refresh(&mut self, _ctx: &Ctx, store: &mut Store) -> Result<()> {
        let kept = self.selected().map(|f| f.id);
        self.layout = SectionLayout::new(&store.open_followup_days()?);
        self.window.set_total(self.layout.len(), |i| self.layout.is_selectable(i));
        self.fill(store, true)?;
        let start = self.cache_start;
        let lines = self.cache.iter().enumerate().filter_map(|(i, f)| Some((start + i as u64, f.as_ref()?.id)));
        let layout = &self.layout;
        self.window.keep_on(kept, lines, |i| layout.is_selectable(i));
        self.fill(store, false)
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        if action != Action::Cancel {
            self.armed = None;
        }
        let layout = &self.layout;
        let selectable = |i| layout.is_selectable(i);
        match action {
            action if self.window.navigate(action, selectable) => {}
            Action::Add => return Ok(Effect::OpenForm(forms::followup_form_for(None, ctx))),
            Action::Complete | Action::Snooze | Action::Cancel | Action::Open => {
                let Some(f) = self.selected().cloned() else { return Ok(Effect::Status("Nothing selected".into())) };
                return Ok(match action {
                    Action::Complete => Effect::OpenForm(forms::complete_followup_form(&f, store, ctx.today)?),
                    Action::Snooze => Effect::OpenForm(forms::snooze_form(&f, ctx)),
                    Action::Open => Effect::OpenCustomer(f.customer_id),
                    _ if self.armed.take() == Some(f.id) => {
                        store.cancel_followup(f.id, ctx.today)?;
                        self.refresh(ctx, store)?;
                        Effect::Status(format!("Cancelled the follow-up with {}", f.customer))
                    }
                    _ => {
                        self.armed = Some(f.id);
                        Effect::Status(format!("Press C again to cancel the follow-up with {}", f.customer))
                    }
                });
            }
            _ => return Ok(Effect::Ignored),
        }
        self.fill(store, false)?;
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        self.window.set_area(area, 1);
        if self.layout.is_empty() {
            let hint = vec![
                Line::raw(""),
                Line::from(vec![
                    Span::raw("Nothing planned. Press "),
                    Span::styled("a", ctx.theme.key),
                    Span::raw(" to plan a follow-up."),
                ]),
            ];
            crate::tui::widgets::wrap::render_hint(hint, area, buf);
            return;
        }
        let selected = self.window.selected();
        let width = area.width as usize;
        let lines: Vec<Line> = self
            .window
            .visible()
            .map(|flat| match self.layout.line(flat) {
                Some(LineRef::Header { section, count }) => Self::header(section, count, ctx),
                Some(LineRef::Row { .. }) => {
                    match flat.checked_sub(self.cache_start).and_then(|i| self.cache.get(i as usize)) {
                        Some(Some(f)) => Self::row(f, width, ctx, selected == Some(flat)),
                        _ => Line::styled("  …", ctx.theme.dim),
                    }
                }
                None => Line::raw(""),
            })
            .collect();
        Paragraph::new(lines).render(area, buf);
    }
}
