//! Goals: every active goal with a progress bar and its pace; Enter opens the chart.

use super::goal_detail;
use super::goals_job::{GoalsDone, GoalsJob};
use super::{Effect, Screen};
use crate::domain::goal::Goal;
use crate::domain::pace::{self, Pace};
use crate::domain::pace_text::pace_summary;
use crate::domain::text::{fit, one_line, truncate};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::forms;
use crate::tui::keymap::{self, Binding};
use crate::tui::widgets::list_window::ListWindow;
use anyhow::Result;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct GoalRow {
    pub goal: Goal,
    pub pace: Pace,
    pub daily: Vec<(NaiveDate, i64)>,
    /// Done plus the open deals' weighted value closing by the deadline, for the metrics
    /// the pipeline forecasts.
    pub pipeline: Option<crate::domain::forecast::PipelineForecast>,
}

/// Loads every active goal with its pace (one grouped query per goal) and its forecast
/// (the open deals, read once for all).
pub fn load_goals(store: &Store, today: NaiveDate) -> Result<Vec<GoalRow>> {
    load(store, today, true)
}

/// [`load_goals`] without the forecasts, for Today, which shows only the paces: reading
/// the open deals is most of the cost at a large pipeline.
pub fn load_paces(store: &Store, today: NaiveDate) -> Result<Vec<GoalRow>> {
    load(store, today, false)
}

fn load(store: &Store, today: NaiveDate, forecasts: bool) -> Result<Vec<GoalRow>> {
    let goals = store.goals(false)?;
    let deals = if forecasts && !goals.is_empty() { store.pipeline_deals()? } else { Vec::new() };
    goals
        .into_iter()
        .map(|goal| {
            let daily = store.goal_daily(&goal)?;
            let pace = pace::compute(&goal.window(), &daily, today);
            let pipeline =
                if forecasts { crate::domain::forecast::forecast_for(&goal, pace.done, today, &deals) } else { None };
            Ok(GoalRow { goal, pace, daily, pipeline })
        })
        .collect()
}

#[derive(Default)]
pub struct GoalsScreen {
    rows: Vec<GoalRow>,
    window: ListWindow,
    /// The goal whose chart is open, by id (the list re-sorts when a goal changes).
    detail: Option<i64>,
    /// The sales log in place of the goals (`s`).
    pub log: Option<super::sales_log::SalesLog>,
    /// The pipeline in place of the goals (`d`).
    pipeline: Option<super::pipeline::Pipeline>,
    /// The deal the pipeline's cursor was on when it was left: `d` returns to it.
    last_deal: Option<i64>,
    /// Counts the refreshes, so an answer read beside for an older one is known.
    ticket: u64,
    /// The rows shown are older than the latest refresh, whose are read beside (`job`).
    stale: bool,
    /// A job for them is out.
    out: bool,
    /// They were asked for ahead of a first visit (`read_ahead_job`), which is done once.
    read_ahead: bool,
    /// The refresh whose rows are on screen (`ticket` then), 0 before any: an answer from
    /// beside is shown only when newer.
    shown_ticket: u64,
}

impl GoalsScreen {
    fn selected(&self) -> Option<&GoalRow> {
        match self.detail {
            Some(id) => self.open_row(id),
            None => self.rows.get(self.window.selected()? as usize),
        }
    }

    /// Puts the cursor on this goal (just added or edited), wherever the order put it.
    pub fn select_goal(&mut self, id: i64) {
        let rows = self.rows.iter().enumerate().map(|(i, row)| (i as u64, row.goal.id));
        self.window.keep_on(Some(id), rows, |_| true);
    }

    /// In the pipeline, when it is open: the cursor on deal `id`.
    pub fn select_deal(&mut self, id: i64) {
        if let Some(pipeline) = self.pipeline.as_mut() {
            pipeline.select(id);
        }
    }

    /// A return to the tab, or another process's write, in a real terminal: the open sales
    /// log or pipeline refreshed in place, the goals' rows read beside (`job`) while the tab
    /// shows those it had, which keys typed ahead act on. The first time there are none to
    /// show: read in place.
    pub fn refresh_beside(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        if !self.loaded() {
            return self.refresh(ctx, store);
        }
        self.refresh_pages(ctx, store)?;
        self.ticket += 1;
        self.stale = true;
        Ok(())
    }

    /// The rows read ahead of the first visit, once, while the seller is on another tab:
    /// the visit then shows them at once and reads them again beside, where it would
    /// otherwise wait for them (half a second at a million rows).
    pub fn read_ahead_job(&mut self, ctx: &Ctx, store: &Store) -> Option<GoalsJob> {
        if self.loaded() || std::mem::replace(&mut self.read_ahead, true) {
            return None;
        }
        self.ticket += 1;
        self.stale = true;
        self.job(ctx, store)
    }

    /// The rows as a job for another thread, when a refresh asked for them and none is out.
    pub fn job(&mut self, ctx: &Ctx, store: &Store) -> Option<GoalsJob> {
        if !self.stale || self.out {
            return None;
        }
        let path = store.path()?.to_path_buf();
        self.out = true;
        Some(GoalsJob { path, ticket: self.ticket, today: ctx.today })
    }

    /// Takes a job's answer: true when shown. The latest refresh's ends the wait; one
    /// overtaken by another return or write is shown too when newer than the rows on screen,
    /// and the rows asked for again, so they come even while another process writes faster
    /// than they are read. One older than a read in place is dropped. The latest's failure
    /// is returned to be said.
    pub fn accept(&mut self, done: GoalsDone) -> Result<bool> {
        self.out = false;
        if !self.stale || done.ticket <= self.shown_ticket {
            return Ok(false);
        }
        let latest = done.ticket == self.ticket;
        match done.read {
            Ok(rows) => {
                self.stale = !latest;
                self.shown_ticket = done.ticket;
                self.show(*rows);
                Ok(true)
            }
            Err(why) if latest => {
                self.stale = false;
                anyhow::bail!(why)
            }
            Err(_) => Ok(false),
        }
    }

    /// Rows were read once: a switch can show them while fresh ones are read beside.
    fn loaded(&self) -> bool {
        self.shown_ticket > 0
    }

    fn refresh_pages(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        if let Some(log) = self.log.as_mut() {
            log.refresh(ctx, store)?;
        }
        if let Some(pipeline) = self.pipeline.as_mut() {
            pipeline.refresh(store, ctx.today)?;
        }
        Ok(())
    }

    /// Puts a read's rows on screen, keeping the cursor on its goal.
    fn show(&mut self, rows: Vec<GoalRow>) {
        let kept = self.window.selected().and_then(|i| self.rows.get(i as usize)).map(|row| row.goal.id);
        self.rows = rows;
        self.window.set_total(self.rows.len() as u64, |_| true);
        self.window.keep_on(kept, self.rows.iter().enumerate().map(|(i, row)| (i as u64, row.goal.id)), |_| true);
        if self.detail.is_some_and(|id| self.open_row(id).is_none()) {
            self.detail = None;
        }
    }

    fn open_row(&self, id: i64) -> Option<&GoalRow> {
        self.rows.iter().find(|row| row.goal.id == id)
    }

    fn render_list(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if self.rows.is_empty() {
            let lines = vec![
                Line::raw(""),
                Line::raw("No goals yet."),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled("a", ctx.theme.key),
                    Span::raw(" to set one, e.g. revenue by a deadline."),
                ]),
            ];
            crate::tui::widgets::wrap::render_hint(lines, area, buf);
            return;
        }
        // Two lines a goal: title with bar, then the pace in words.
        self.window.set_area(area, 2);
        let selected = self.window.selected().map(|i| i as usize);
        let width = area.width as usize;
        let mut lines = Vec::new();
        for index in self.window.visible() {
            let row = &self.rows[index as usize];
            let is_selected = selected == Some(index as usize);
            let style = ctx.theme.pace(row.pace.colour);
            let percent = format!("{:>4}% ", row.pace.done_permille / 10);
            let status = row.pace.status.label();
            let bar_width = if width >= 60 { 20 } else { 8 };
            let title_width = width.saturating_sub(2 + bar_width + 2 + percent.len() + status.len() + 1);
            let title = fit(&one_line(&row.goal.title), title_width);
            let mut first = Line::from(vec![
                Span::raw(if is_selected { "▸ " } else { "  " }),
                Span::raw(format!("{title} ")),
                Span::styled(bar(row.pace.done_permille, bar_width), style),
                Span::raw(" "),
                Span::raw(percent),
                Span::styled(status.to_string(), style),
            ]);
            if is_selected {
                first = first.style(ctx.theme.selected);
            }
            lines.push(first);
            let summary = pace_summary(&row.goal, &row.pace, &ctx.config.currency);
            lines.push(Line::styled(format!("    {}", truncate(&summary, width.saturating_sub(4))), ctx.theme.dim));
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// `[██████░░░░]`: done as a share of the target, full at 100% and beyond.
pub fn bar(permille: i64, width: usize) -> String {
    let inner = width.saturating_sub(2);
    let filled = (permille.clamp(0, 1000) as usize * inner) / 1000;
    format!("[{}{}]", "█".repeat(filled), "░".repeat(inner - filled))
}

const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::key(keymap::KeyCode::Enter)], Action::Open, "open the goal's chart"),
    keymap::bind(&[keymap::ch('a')], Action::Add, "add a goal"),
    keymap::bind(&[keymap::ch('e')], Action::Edit, "edit the selected goal"),
    keymap::bind(&[keymap::ch('l')], Action::LogProgress, "log progress on a custom goal"),
    keymap::bind(&[keymap::ch('s')], Action::SalesLog, "sales log: sales and interactions, with totals"),
    keymap::bind(&[keymap::ch('d')], Action::Pipeline, "pipeline: open deals by stage"),
];

impl Screen for GoalsScreen {
    fn keys(&self) -> &'static [Binding] {
        match (&self.log, &self.pipeline) {
            (Some(_), _) => super::sales_log::KEYS,
            (None, Some(_)) => super::pipeline::KEYS,
            (None, None) => KEYS,
        }
    }

    fn customer_in_view(&self) -> Option<i64> {
        match (&self.log, &self.pipeline) {
            (Some(log), _) => log.customer_in_view(),
            (None, Some(pipeline)) => pipeline.customer_in_view(),
            (None, None) => None,
        }
    }

    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        self.refresh_pages(ctx, store)?;
        // An answer still out for an older refresh is dropped when it comes.
        self.ticket += 1;
        self.stale = false;
        let rows = load_goals(store, ctx.today)?;
        self.show(rows);
        self.shown_ticket = self.ticket;
        Ok(())
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        if let Some(log) = self.log.as_mut() {
            let closing = matches!(action, Action::SalesLog) || (action == Action::Back && !log.is_open());
            if closing {
                self.log = None;
                return Ok(Effect::Done);
            }
            return log.update(action, ctx, store);
        }
        if let Some(pipeline) = self.pipeline.as_mut() {
            if matches!(action, Action::Pipeline | Action::Back) {
                self.last_deal = pipeline.selected_id();
                self.pipeline = None;
                // Moves in the pipeline change the goals' "with pipeline" figures.
                self.refresh(ctx, store)?;
                return Ok(Effect::Done);
            }
            return pipeline.update(action, ctx, store);
        }
        if action == Action::Pipeline && self.detail.is_none() {
            let mut pipeline = super::pipeline::Pipeline::default();
            pipeline.refresh(store, ctx.today)?;
            if let Some(id) = self.last_deal {
                pipeline.select(id);
            }
            self.pipeline = Some(pipeline);
            return Ok(Effect::Done);
        }
        if action == Action::SalesLog && self.detail.is_none() {
            let mut log = super::sales_log::SalesLog::default();
            log.refresh(ctx, store)?;
            self.log = Some(log);
            return Ok(Effect::Done);
        }
        let all = |_| true;
        match action {
            click @ Action::Click { .. } if self.detail.is_none() => {
                self.window.navigate(click, all);
            }
            Action::Up | Action::WheelUp if self.detail.is_none() => self.window.move_by(-1, all),
            Action::Down | Action::WheelDown if self.detail.is_none() => self.window.move_by(1, all),
            Action::Top => self.window.home(all),
            Action::Bottom => self.window.end(all),
            Action::PageUp => self.window.page(-1, all),
            Action::PageDown => self.window.page(1, all),
            Action::Open => {
                self.detail = self.window.selected().and_then(|i| self.rows.get(i as usize)).map(|r| r.goal.id)
            }
            Action::Back if self.detail.is_some() => self.detail = None,
            Action::Add => return Ok(Effect::OpenForm(forms::add_goal_form(ctx))),
            Action::LogProgress => {
                return Ok(match self.selected() {
                    Some(row) if row.goal.metric == crate::domain::goal::Metric::Custom => {
                        Effect::OpenForm(forms::goal_entry_form(&row.goal))
                    }
                    Some(row) => Effect::Status(format!(
                        "{} counts {} from the log: log a sale (S) or a call (L) instead",
                        row.goal.title,
                        row.goal.metric.label()
                    )),
                    None => Effect::Status("No goal selected".into()),
                });
            }
            Action::Edit => {
                return Ok(match self.selected() {
                    Some(row) => Effect::OpenForm(forms::edit_goal_form(&row.goal, &ctx.config.currency)),
                    None => Effect::Status("No goal selected".into()),
                });
            }
            _ => return Ok(Effect::Ignored),
        }
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if let Some(log) = &self.log {
            return log.render(ctx, area, buf);
        }
        if let Some(pipeline) = &self.pipeline {
            return pipeline.render(ctx, area, buf);
        }
        match self.detail.and_then(|id| self.open_row(id)) {
            Some(row) => goal_detail::render(row, ctx, area, buf),
            None => self.render_list(ctx, area, buf),
        }
    }

    fn help_extra(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        match self.detail.and_then(|id| self.open_row(id)) {
            Some(row) => goal_detail::explanation(row, ctx),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars() {
        assert_eq!(super::bar(0, 7), "[░░░░░]");
        assert_eq!(super::bar(500, 12), "[█████░░░░░]");
        assert_eq!(super::bar(1500, 7), "[█████]");
        assert_eq!(super::bar(-20, 4), "[░░]");
    }
}
