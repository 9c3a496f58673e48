//! Results by demographic, `d` on Insights: one row per segment (or industry, region,
//! tag, product: `b` steps through them) over the last 12 months, the same cells as
//! `salescoach segments`. Columns are dropped, least telling first, when the terminal is
//! narrow; only the rows in view are drawn; j/k scroll.

use super::Effect;
use crate::domain::segments::{Dimension, GroupFigures, MIN_CASES, MIN_DECIDED, default_period, footnotes};
use crate::domain::segments_text::{HEADERS, cells};
use crate::domain::text::{columns, fit, pad_left, truncate};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::{self, Binding};
use crate::tui::widgets::wrap::hanging;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use std::cell::Cell;

pub const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::ch('b')], Action::GroupBy, "group by: segment → industry → region → tag → product"),
    keymap::bind(&[keymap::ch('d')], Action::Demographics, "back to the insights"),
];

/// Which columns stay as the width shrinks: the group, revenue and its share, the
/// customers, the win rate, NPS, the past-gap share, complaints ... (indexes into
/// [`HEADERS`]).
const PRIORITY: [usize; HEADERS.len()] = [0, 3, 4, 1, 7, 10, 12, 11, 8, 9, 2, 6, 5];
/// The group's column at its widest; longer names end in `…`.
const GROUP_WIDTH: usize = 24;

pub struct SegmentTable {
    dimension: Dimension,
    period: (NaiveDate, NaiveDate),
    /// Each group's cells, as the CLI prints them.
    rows: Vec<Vec<String>>,
    /// The first row in view.
    offset: usize,
    /// Rows in view at the last draw, for paging and the end.
    height: Cell<usize>,
}

impl SegmentTable {
    /// Grouped by segment, its figures to come (`show`).
    pub fn new(today: NaiveDate) -> Self {
        Self {
            dimension: Dimension::Segment,
            period: default_period(today),
            rows: Vec::new(),
            offset: 0,
            height: Cell::new(1),
        }
    }

    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// The groups of `dimension` over the 12 months to `ctx.today`, as the store read them.
    pub fn show(&mut self, groups: &[GroupFigures], ctx: &Ctx) {
        self.period = default_period(ctx.today);
        self.rows = groups.iter().map(|g| cells(g, &ctx.config.currency)).collect();
        self.offset = self.offset.min(self.rows.len().saturating_sub(1));
    }

    /// `b` asks for other figures: the Insights tab sees `dimension` change and reads them.
    pub fn update(&mut self, action: Action) -> Effect {
        let page = self.height.get().max(1) as i64;
        let delta = match action {
            Action::GroupBy => {
                self.dimension = self.dimension.next();
                self.offset = 0;
                return Effect::Status(format!("Grouped by {}", self.dimension.as_str()));
            }
            Action::Down | Action::WheelDown => 1,
            Action::Up | Action::WheelUp => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => i64::MIN / 2,
            Action::Bottom => i64::MAX / 2,
            _ => return Effect::Ignored,
        };
        let last = self.rows.len().saturating_sub(self.height.get().max(1)) as i64;
        self.offset = (self.offset as i64).saturating_add(delta).clamp(0, last.max(0)) as usize;
        Effect::Done
    }

    /// Each column's width, or `None` where it does not fit in `width`.
    fn widths(&self, width: usize) -> Vec<Option<usize>> {
        let widest = |i: usize| {
            let cells = self.rows.iter().map(|r| columns(&r[i]));
            let w = cells.chain([columns(HEADERS[i])]).max().unwrap_or(0);
            if i == 0 { w.min(GROUP_WIDTH) } else { w }
        };
        let mut chosen = vec![None; HEADERS.len()];
        let mut used = 0;
        for i in PRIORITY {
            let (w, gap) = (widest(i), if used == 0 { 0 } else { 2 });
            if used + gap + w <= width {
                chosen[i] = Some(w);
                used += gap + w;
            } else if i == 0 {
                chosen[i] = Some(width);
                used = width;
            }
        }
        chosen
    }

    fn line(cells: &[String], widths: &[Option<usize>]) -> String {
        let shown: Vec<String> = cells
            .iter()
            .zip(widths)
            .enumerate()
            .filter_map(|(i, (cell, w))| {
                let w = (*w)?;
                Some(if i == 0 { fit(cell, w) } else { pad_left(cell, w) })
            })
            .collect();
        shown.join("  ")
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let widths = self.widths(width);
        let hidden = widths.iter().filter(|w| w.is_none()).count();
        let (from, to) = self.period;
        let mut title = format!("By {} (b: next) · {from} to {to}", self.dimension.as_str());
        if hidden > 0 {
            title.push_str(&format!(" · {hidden} more columns in a wider window"));
        }
        let mut texts = footnotes(self.dimension);
        texts.push(format!(
            "Win rate with its 95% range from {MIN_DECIDED} won or lost; other figures from {MIN_CASES} cases."
        ));
        let height = usize::from(area.height);
        // The rows come first; the notes take what is left, one line each when wrapped
        // they do not fit, and at least the first one.
        let room = height.saturating_sub(2 + self.rows.len().max(1)).max(1);
        let mut notes: Vec<Line<'static>> =
            texts.iter().flat_map(|t| hanging(Span::raw(""), t, ctx.theme.dim, width)).collect();
        if notes.len() > room {
            notes = texts.iter().map(|t| Line::styled(truncate(t, width).into_owned(), ctx.theme.dim)).collect();
        }
        notes.truncate(room.min(height.saturating_sub(3)));
        let visible = height.saturating_sub(2 + notes.len());
        self.height.set(visible);
        let mut lines = vec![
            Line::styled(truncate(&title, width).into_owned(), ctx.theme.header),
            Line::styled(Self::line(&HEADERS.map(String::from), &widths), ctx.theme.dim),
        ];
        if self.rows.is_empty() {
            lines.push(Line::styled("No customers, sales or interactions to group yet.", ctx.theme.dim));
        }
        // After the window grew, the rows scrolled past come back into view.
        let start = self.offset.min(self.rows.len().saturating_sub(visible));
        let end = (start + visible).min(self.rows.len());
        for row in &self.rows[start..end] {
            let style = if row[0] == crate::domain::technique_groups::NONE { ctx.theme.dim } else { Style::new() };
            lines.push(Line::styled(Self::line(row, &widths), style));
        }
        while lines.len() < height.saturating_sub(notes.len()) {
            lines.push(Line::raw(""));
        }
        lines.extend(notes);
        Paragraph::new(lines).render(area, buf);
    }
}
