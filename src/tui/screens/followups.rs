//! Follow-ups: every open follow-up grouped by day, overdue days first; `w` switches to
//! the agenda of the next 14 days (counts and a bar per day, heavy days marked).

use super::{Effect, Screen};
use crate::domain::agenda::{Agenda, DEFAULT_DAYS, bar};
use crate::domain::followup::{Followup, FollowupStatus};
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
    keymap::bind(&[keymap::ch('e')], Action::Edit, "edit: reason, due, time, kind, repeat"),
    keymap::bind(&[keymap::key(KeyCode::Enter)], Action::Open, "open the customer (agenda: list that day)"),
    keymap::bind(&[keymap::ch('w')], Action::Agenda, "agenda: follow-ups per day, the next 14 days"),
];

/// The agenda in place of the list, with the day the cursor is on.
struct AgendaView {
    agenda: Agenda,
    selected: usize,
}

#[derive(Default)]
pub struct FollowupsScreen {
    layout: SectionLayout<NaiveDate>,
    window: ListWindow,
    cache_start: u64,
    cache: Vec<Option<Followup>>,
    /// The follow-up a first `C` asked about; a second `C` on it cancels.
    armed: Option<i64>,
    agenda: Option<AgendaView>,
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

    fn load_agenda(ctx: &Ctx, store: &Store, selected: usize) -> Result<AgendaView> {
        let last = ctx.today.checked_add_days(chrono::Days::new(u64::from(DEFAULT_DAYS - 1))).unwrap_or(ctx.today);
        let (overdue, counts) = store.agenda_counts(ctx.today, last)?;
        let agenda = Agenda::build(ctx.today, DEFAULT_DAYS, overdue, &counts, ctx.config.working_days);
        let selected = selected.min(agenda.days.len().saturating_sub(1));
        Ok(AgendaView { agenda, selected })
    }

    /// From the agenda, the list at `day`: its header, or the next day with follow-ups.
    fn show_day(&mut self, day: NaiveDate, store: &Store) -> Result<Effect> {
        self.agenda = None;
        let Some(&(found, _)) = self.layout.sections().iter().find(|(d, _)| *d >= day) else {
            return Ok(Effect::Status(format!("Nothing planned from {} on", day.format("%a %-d %b"))));
        };
        let layout = &self.layout;
        self.window.select(layout.first_line_of(found) + 1, |i| layout.is_selectable(i));
        self.fill(store, false)?;
        Ok(if found == day {
            Effect::Done
        } else {
            Effect::Status(format!("Nothing on {}; the next day with follow-ups", day.format("%a %-d %b")))
        })
    }

    fn update_agenda(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let Some(view) = self.agenda.as_mut() else { return Ok(Effect::Ignored) };
        let last = view.agenda.days.len().saturating_sub(1);
        match action {
            Action::Up | Action::WheelUp => view.selected = view.selected.saturating_sub(1),
            Action::Down | Action::WheelDown => view.selected = (view.selected + 1).min(last),
            Action::Top | Action::PageUp => view.selected = 0,
            Action::Bottom | Action::PageDown => view.selected = last,
            Action::Agenda => self.agenda = None,
            Action::Open => {
                let Some(day) = view.agenda.days.get(view.selected).map(|d| d.date) else { return Ok(Effect::Done) };
                return self.show_day(day, store);
            }
            Action::Add => return Ok(Effect::OpenForm(forms::followup_form_for(None, ctx))),
            Action::Refresh => *view = Self::load_agenda(ctx, store, view.selected)?,
            _ => return Ok(Effect::Ignored),
        }
        Ok(Effect::Done)
    }

    fn render_agenda(view: &AgendaView, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let a = &view.agenda;
        let width = area.width as usize;
        let overdue = if a.overdue > 0 { format!(" · {} overdue", a.overdue) } else { String::new() };
        let mut lines = vec![Line::styled(
            fit(&format!("Next {} days: {} open{overdue}", a.days.len(), a.total), width),
            ctx.theme.header,
        )];
        let max = a.days.iter().map(|d| d.count).max().unwrap_or(0);
        // "▸ Wed 2 Dec   today      3 " is 27 cells; the bar takes what is left, up to 30.
        let (label_width, fixed) = if width >= 50 { (9, 27) } else { (0, 18) };
        let bar_width = width.saturating_sub(fixed + 7).min(30);
        let rows = (area.height as usize).saturating_sub(1);
        let first = view.selected.saturating_sub(rows.saturating_sub(1));
        for (i, day) in a.days.iter().enumerate().skip(first).take(rows) {
            let selected = i == view.selected;
            let label = match (day.date - ctx.today).num_days() {
                0 => "today",
                1 => "tomorrow",
                _ if !day.working => "day off",
                _ => "",
            };
            let mut spans = vec![
                Span::raw(if selected { "▸ " } else { "  " }),
                Span::raw(format!("{:<12}", day.date.format("%a %-d %b").to_string())),
            ];
            if label_width > 0 {
                spans.push(Span::styled(format!("{label:<label_width$}"), ctx.theme.dim));
            }
            spans.push(Span::raw(format!("{:>3} ", day.count)));
            let style = if day.heavy { ctx.theme.warning } else { ctx.theme.good };
            spans.push(Span::styled(bar(day.count, max, bar_width), style));
            if day.heavy {
                spans.push(Span::styled(" heavy", ctx.theme.warning));
            }
            let line = Line::from(spans);
            lines.push(if selected {
                line.style(ctx.theme.selected)
            } else if day.working {
                line
            } else {
                line.style(ctx.theme.dim)
            });
        }
        Paragraph::new(lines).render(area, buf);
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

    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        if let Some(selected) = self.agenda.as_ref().map(|v| v.selected) {
            self.agenda = Some(Self::load_agenda(ctx, store, selected)?);
        }
        let kept = self.selected().map(|f| f.id);
        self.layout = SectionLayout::new(&store.open_followup_days()?);
        self.window.set_total(self.layout.len(), |i| self.layout.is_selectable(i));
        self.fill(store, true)?;
        let start = self.cache_start;
        let lines = self.cache.iter().enumerate().filter_map(|(i, f)| Some((start + i as u64, f.as_ref()?.id)));
        let layout = &self.layout;
        self.window.keep_on(kept, lines, |i| layout.is_selectable(i));
        self.fill(store, false)?;
        match kept.filter(|id| self.selected().map(|f| f.id) != Some(*id)) {
            // Further than the rows at hand (a day of imports above it): found by its day.
            // One done or gone leaves the cursor where the next one moved up.
            Some(id) if store.followup_if_any(id)?.is_some_and(|f| f.status == FollowupStatus::Open) => {
                self.select_followup(id, store)
            }
            _ => Ok(()),
        }
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        if action != Action::Cancel {
            self.armed = None;
        }
        if self.agenda.is_some() {
            return self.update_agenda(action, ctx, store);
        }
        if action == Action::Agenda {
            self.agenda = Some(Self::load_agenda(ctx, store, 0)?);
            return Ok(Effect::Done);
        }
        let layout = &self.layout;
        let selectable = |i| layout.is_selectable(i);
        match action {
            action if self.window.navigate(action, selectable) => {}
            Action::Add => return Ok(Effect::OpenForm(forms::followup_form_for(None, ctx))),
            Action::Complete | Action::Snooze | Action::Cancel | Action::Open | Action::Edit => {
                let Some(f) = self.selected().cloned() else { return Ok(Effect::Status("Nothing selected".into())) };
                return Ok(match action {
                    Action::Complete => Effect::OpenForm(forms::complete_followup_form(&f, store, ctx.today)?),
                    Action::Snooze => Effect::OpenForm(forms::snooze_form(&f, ctx)),
                    Action::Edit => Effect::OpenForm(forms::edit_followup_form(&f)),
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
        if let Some(view) = &self.agenda {
            Self::render_agenda(view, ctx, area, buf);
            return;
        }
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
