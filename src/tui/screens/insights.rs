//! Insights: what the coach sees (every rule that fired, most urgent first), which
//! techniques win (a table with win-rate bars and 95% intervals), and the quality figures,
//! each "n/a" when there is nothing yet to measure. j/k select a coach line or a technique,
//! Enter reads it in full (`insight_page.rs`); `d` shows the results by demographic
//! (`segment_table.rs`), `o` the objections (`objection_page.rs`), `t` the techniques
//! within each segment (`technique_groups_page.rs`).

use super::insights_job::{Figures, InsightsDone, InsightsJob, read_figures};
use super::insights_panes::{Pane, PaneDone, PaneJob, PaneRead, read_pane};
use super::{Effect, Screen};
use crate::domain::insight::Insight;
use crate::domain::technique::{TechniqueStats, Verdict};
use crate::domain::text::{columns, fit, one_line, truncate};
use crate::store::{Stats, Store, TechniqueReport};
use crate::tui::action::Action;
use crate::tui::beside::Work;
use crate::tui::context::Ctx;
use crate::tui::keymap::{self, Binding};
use crate::tui::widgets::scroll::Scroll;
use anyhow::Result;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;
use std::cell::Cell;

#[derive(Default)]
pub struct InsightsScreen {
    stats: Option<Stats>,
    insights: Vec<Insight>,
    techniques: Option<TechniqueReport>,
    scroll: Scroll,
    /// The selected row: the coach's lines first, then the techniques.
    selected: usize,
    /// Whether the selected row is open in full.
    open: bool,
    /// The page's height at the last draw, to keep the selection in view.
    height: Cell<u16>,
    /// How far the open row's page is scrolled.
    page: Scroll,
    /// The screen row the page starts on at the last draw, to find the row clicked.
    top: Cell<u16>,
    /// A page open in place of the tab's own: the results by demographic (`d`), the
    /// objections (`o`), the techniques within each segment (`t`).
    pane: Option<Pane>,
    /// Counts the reads asked of the pane, so an answer for an older one is known.
    pane_ticket: u64,
    /// What the pane wants figures of, and for which day.
    pane_wanted: Option<(PaneRead, NaiveDate)>,
    /// What the figures the pane holds are of: until they are what it wants, the tab says
    /// it is working them out.
    pane_shown: Option<(PaneRead, NaiveDate)>,
    /// The latest read asked of the pane has not come yet.
    pane_stale: bool,
    /// A job for the pane is out.
    pane_out: bool,
    /// The figures are read beside the loop (`job`, `accept`), not in `refresh`.
    beside: bool,
    /// Counts the refreshes, so an answer for an older one is known.
    ticket: u64,
    /// A refresh asked for figures that have not come yet.
    stale: bool,
    /// A job for them is out.
    out: bool,
}

/// A row that opens: one of the coach's lines or one technique.
pub enum Row<'a> {
    Insight(&'a Insight),
    Technique(&'a TechniqueStats, Option<f64>),
}

const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::key(keymap::KeyCode::Enter)], Action::Open, "read the coach line or technique in full"),
    keymap::bind(
        &[keymap::ch('d')],
        Action::Demographics,
        "results by demographic: segment, industry, region, tag, product",
    ),
    keymap::bind(
        &[keymap::ch('o')],
        Action::Objections,
        "objections: how often, with whom, your win rate then, what converts them",
    ),
    keymap::bind(
        &[keymap::ch('t')],
        Action::TechniquesBy,
        "techniques judged within each segment (or industry) against its own win rate",
    ),
];

/// A text bar for a share in 0..=1.
fn bar(share: f64, width: usize) -> String {
    let filled = ((share.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

impl InsightsScreen {
    /// From now on the figures are read beside the loop, on a connection of their own.
    pub fn work_beside(&mut self) {
        self.beside = true;
    }

    /// The figures (the tab's own first, then its pane's) as a job for another thread, when
    /// a refresh asked for them and no job of their kind is out; the tab shows what it had
    /// until the answer comes (`accept`, `accept_pane`).
    pub fn job(&mut self, ctx: &Ctx, store: &Store) -> Option<Work> {
        let path = store.path()?.to_path_buf();
        if self.stale && !self.out {
            self.out = true;
            let (ticket, today, config) = (self.ticket, ctx.today, ctx.config.clone());
            return Some(Work::Insights(InsightsJob { path, ticket, today, config }));
        }
        let (read, today) = self.pane_wanted.filter(|_| self.pane_stale && !self.pane_out)?;
        self.pane_out = true;
        Some(Work::Pane(PaneJob { path, ticket: self.pane_ticket, read, today, config: ctx.config.clone() }))
    }

    /// Takes a pane job's answer: true when it is shown. As for the tab's own figures, an
    /// answer overtaken by a newer read of the same figures is shown and asked for again;
    /// one for figures the pane no longer wants (grouped otherwise, closed) is dropped.
    pub fn accept_pane(&mut self, done: PaneDone, ctx: &Ctx) -> Result<bool> {
        self.pane_out = false;
        let latest = done.ticket == self.pane_ticket;
        if latest {
            self.pane_stale = false;
        }
        let answer = match done.read {
            Ok(answer) => answer,
            Err(why) if latest && self.pane.is_some() => anyhow::bail!(why),
            Err(_) => return Ok(false),
        };
        let Some(pane) = self.pane.as_mut().filter(|_| Some(answer.what) == self.pane_wanted) else {
            return Ok(false);
        };
        pane.show(&answer.data, ctx);
        self.pane_shown = Some(answer.what);
        Ok(true)
    }

    /// Reads the pane's figures here, or asks for them beside the loop.
    fn read_pane_figures(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        let Some(pane) = self.pane.as_mut() else { return Ok(()) };
        let wanted = (pane.read(), ctx.today);
        self.pane_ticket += 1;
        self.pane_wanted = Some(wanted);
        if self.beside {
            self.pane_stale = true;
            return Ok(());
        }
        pane.show(&read_pane(store, wanted.0, wanted.1, &ctx.config)?, ctx);
        self.pane_shown = Some(wanted);
        Ok(())
    }

    fn close_pane(&mut self) {
        self.pane = None;
        self.pane_wanted = None;
        self.pane_shown = None;
        self.pane_stale = false;
    }

    /// Takes a job's answer: true when it is shown. An answer for an older refresh is
    /// shown too, still marked updating, and asked for again: newer than what the tab had,
    /// and while another process writes every second at a million rows (each write a
    /// refresh, each answer seconds away) no answer would ever fit. A failure of the latest
    /// is given up on until the next refresh (and returned to be said).
    pub fn accept(&mut self, done: InsightsDone) -> Result<bool> {
        self.out = false;
        if done.ticket != self.ticket {
            let Ok(figures) = done.read else { return Ok(false) };
            self.show(*figures);
            return Ok(true);
        }
        self.stale = false;
        self.show(*done.read.map_err(anyhow::Error::msg)?);
        Ok(true)
    }

    fn show(&mut self, figures: Figures) {
        self.stats = Some(figures.stats);
        self.insights = figures.insights;
        self.techniques = Some(figures.techniques);
        self.selected = self.selected.min(self.rows().saturating_sub(1));
    }

    fn rows(&self) -> usize {
        self.insights.len() + self.techniques.as_ref().map_or(0, |t| t.techniques.len())
    }

    fn row(&self, index: usize) -> Option<Row<'_>> {
        if let Some(insight) = self.insights.get(index) {
            return Some(Row::Insight(insight));
        }
        let report = self.techniques.as_ref()?;
        Some(Row::Technique(report.techniques.get(index - self.insights.len())?, report.overall_win_rate))
    }

    /// The page line a row is drawn on: after the coach's title, two lines per insight;
    /// then a gap, the table's title and header, one line per technique.
    fn line_of(&self, index: usize) -> usize {
        let coach = 1 + (2 * self.insights.len()).max(1) + 1;
        match index.checked_sub(self.insights.len()) {
            None => 1 + 2 * index,
            Some(technique) => coach + 2 + technique,
        }
    }

    /// Moves the selection and scrolls so it stays on screen.
    fn select(&mut self, delta: i64) {
        let last = self.rows().saturating_sub(1) as i64;
        self.selected = (self.selected as i64 + delta).clamp(0, last.max(0)) as usize;
        let line = self.line_of(self.selected) as i32;
        let height = i32::from(self.height.get().max(1));
        let offset = i32::from(self.scroll.offset());
        if line < offset {
            self.scroll.by(line - offset);
        } else if line + 1 >= offset + height {
            // The insight's second line (what to do) comes into view with it.
            self.scroll.by(line + 2 - offset - height);
        }
    }

    /// The two columns before each row that opens: the selection's marker.
    fn mark(&self, index: usize) -> &'static str {
        if index == self.selected { "▸ " } else { "  " }
    }

    fn coach_lines(&self, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        if self.stale && self.stats.is_none() {
            return vec![
                Line::styled("Coach", ctx.theme.header),
                Line::styled("  Working out a year of figures…", ctx.theme.dim),
            ];
        }
        let title = if self.stale { "Coach · updating…" } else { "Coach" };
        let mut lines = vec![Line::styled(title, ctx.theme.header)];
        if self.insights.is_empty() {
            lines.push(Line::styled("  Nothing needs attention. Keep going.", ctx.theme.good));
        }
        for (index, insight) in self.insights.iter().enumerate() {
            let style = if insight.urgency >= 80 {
                ctx.theme.danger
            } else if insight.urgency >= 50 {
                ctx.theme.warning
            } else {
                ctx.theme.notice
            };
            let mark = self.mark(index);
            let message = truncate(&one_line(&insight.message), width.saturating_sub(4)).into_owned();
            let mut line = Line::from(vec![Span::raw(mark), Span::styled("● ", style), Span::raw(message)]);
            if index == self.selected {
                line = line.style(ctx.theme.selected);
            }
            lines.push(line);
            let action = truncate(&one_line(&insight.action), width.saturating_sub(6)).into_owned();
            lines.push(Line::styled(format!("      {action}"), ctx.theme.dim));
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
        // Counts, rate, range and the longest verdict always fit; then the name, whole unless
        // the row has no room left; the bar takes what remains (none when under 5 columns).
        const FIXED: usize = 2 + 12 + 2 + 1 + 5 + 1 + 9 + 2 + 19;
        let longest = report.techniques.iter().map(|t| columns(&one_line(&t.counts.name))).max().unwrap_or(8);
        let name_width = longest.min(width.saturating_sub(FIXED + 1)).max(8);
        let bar_width = match width.saturating_sub(FIXED + name_width + 1 + 1) {
            w if w >= 5 => w.min(20),
            _ => 0,
        };
        let gap = if bar_width > 0 { " " } else { "" };
        lines.push(Line::styled(
            format!(
                "  {} {:>12}  {:<bar_width$}{gap}{:>5} {:>9}  {}",
                " ".repeat(name_width),
                "won/decided",
                "",
                "win%",
                "95% range",
                "verdict"
            ),
            ctx.theme.dim,
        ));
        for (index, t) in report.techniques.iter().enumerate() {
            let row = self.insights.len() + index;
            let style = match t.verdict {
                Verdict::WorksBest => ctx.theme.good,
                Verdict::HoldingYouBack => ctx.theme.danger,
                _ => ctx.theme.dim,
            };
            let range = t.interval.map_or("n/a".to_string(), |(l, h)| format!("{:.0}-{:.0}%", l * 100.0, h * 100.0));
            let mut line = Line::from(vec![
                Span::raw(self.mark(row)),
                Span::raw(format!("{} ", fit(&one_line(&t.counts.name), name_width))),
                Span::raw(format!("{:>12}  ", format!("{}/{}", t.counts.wins, t.decided))),
                Span::styled(
                    if bar_width > 0 { bar(t.win_rate.unwrap_or(0.0), bar_width) } else { String::new() },
                    style,
                ),
                Span::raw(format!("{gap}{:>5} {:>9}  ", percent(t.win_rate), range)),
                Span::styled(t.verdict.label(), style),
            ]);
            if row == self.selected {
                line = line.style(ctx.theme.selected);
            }
            lines.push(line);
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
}

impl Screen for InsightsScreen {
    fn keys(&self) -> &'static [Binding] {
        self.pane.as_ref().map_or(KEYS, Pane::keys)
    }

    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        if self.beside {
            self.ticket += 1;
            self.stale = true;
        } else {
            self.show(read_figures(store, ctx.today, &ctx.config)?);
        }
        self.read_pane_figures(ctx, store)
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        if let Some(pane) = self.pane.as_mut() {
            if pane.closed_by(action) {
                self.close_pane();
                return Ok(Effect::Done);
            }
            let before = pane.read();
            let effect = pane.update(action);
            if pane.read() != before {
                self.read_pane_figures(ctx, store)?;
            }
            return Ok(effect);
        }
        if !self.open
            && let Some(pane) = Pane::opened_by(action, ctx.today)
        {
            self.pane = Some(pane);
            if let Err(err) = self.read_pane_figures(ctx, store) {
                self.close_pane();
                return Err(err);
            }
            return Ok(Effect::Done);
        }
        if self.open {
            match action {
                Action::Back => {
                    self.open = false;
                    self.page.top();
                }
                Action::Down | Action::WheelDown => self.page.by(1),
                Action::Up | Action::WheelUp => self.page.by(-1),
                _ => return Ok(Effect::Ignored),
            }
            return Ok(Effect::Done);
        }
        match action {
            Action::Down => self.select(1),
            Action::Up => self.select(-1),
            Action::WheelDown => self.scroll.by(3),
            Action::WheelUp => self.scroll.by(-3),
            Action::PageDown => self.scroll.by(10),
            Action::PageUp => self.scroll.by(-10),
            Action::Top => {
                self.selected = 0;
                self.scroll.top();
            }
            // The last row, and the page to its end (the quality figures below it).
            Action::Bottom => {
                self.select(i64::MAX / 2);
                self.scroll.bottom();
            }
            Action::Open => self.open = self.row(self.selected).is_some(),
            Action::Click { row, .. } => {
                // The page line clicked, and the row (a coach line takes two) drawn on it.
                let line = usize::from(row.saturating_sub(self.top.get())) + usize::from(self.scroll.offset());
                let hit = (0..self.rows()).find(|&k| {
                    let first = self.line_of(k);
                    line == first || (k < self.insights.len() && line == first + 1)
                });
                match hit {
                    Some(k) if row >= self.top.get() => self.selected = k,
                    _ => return Ok(Effect::Ignored),
                }
            }
            _ => return Ok(Effect::Ignored),
        }
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if let Some(pane) = &self.pane {
            if self.pane_shown != self.pane_wanted {
                let lines = vec![
                    Line::styled("Working out a year of figures…", ctx.theme.header),
                    Line::styled("The same key again, or Esc, goes back.", ctx.theme.dim),
                ];
                return Paragraph::new(lines).render(area, buf);
            }
            return pane.render(ctx, area, buf);
        }
        if let (true, Some(row)) = (self.open, self.row(self.selected)) {
            return super::insight_page::render(&row, ctx, area, buf, &self.page);
        }
        self.height.set(area.height);
        self.top.set(area.y);
        let width = usize::from(area.width);
        let mut lines = self.coach_lines(ctx, width);
        lines.extend(self.technique_lines(ctx, width));
        lines.extend(self.stats.as_ref().map(|s| super::quality::lines(s, ctx)).unwrap_or_default());
        self.scroll.render(Paragraph::new(lines), area, buf);
    }
}
