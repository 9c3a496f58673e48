//! Objections, `o` on Insights: each objection of the last 12 months with how often it
//! comes up and with whom, the win rate when it does, and what converts it, in the words of
//! `salescoach objections`; j/k scroll.

use super::Effect;
use crate::domain::objection_figures::{ObjectionFigures, objection_figures};
use crate::domain::objection_text;
use crate::domain::technique::{TechniqueStats, rate_text};
use crate::domain::text::{one_line, truncate};
use crate::store::objections::ObjectionInputs;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::{self, Binding};
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::hanging;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub const KEYS: &[Binding] = &[keymap::bind(&[keymap::ch('o')], Action::Objections, "back to the insights")];

pub struct ObjectionPage {
    period: (NaiveDate, NaiveDate),
    overall: Option<f64>,
    decided: u64,
    figures: Vec<ObjectionFigures>,
    scroll: Scroll,
}

impl ObjectionPage {
    /// Its figures to come (`show`).
    pub fn new(today: NaiveDate) -> Self {
        Self {
            period: crate::domain::segments::default_period(today),
            overall: None,
            decided: 0,
            figures: Vec::new(),
            scroll: Scroll::default(),
        }
    }

    /// The 12 months to `ctx.today`, from what the store read for them.
    pub fn show(&mut self, inputs: &ObjectionInputs, ctx: &Ctx) {
        self.period = crate::domain::segments::default_period(ctx.today);
        self.figures = objection_figures(
            &inputs.counts,
            inputs.overall_win_rate,
            &inputs.segment_interactions,
            &ctx.config.objections,
        );
        self.overall = inputs.overall_win_rate;
        self.decided = inputs.decided;
    }

    pub fn update(&mut self, action: Action) -> Effect {
        if self.scroll.follow(action) { Effect::Done } else { Effect::Ignored }
    }

    fn lines(&self, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let (from, to) = self.period;
        let title = format!(
            "Objections (o: back) · {from} to {to} · your win rate {} over {} decided",
            rate_text(self.overall),
            self.decided
        );
        let mut lines = vec![Line::styled(truncate(&title, width).into_owned(), ctx.theme.header)];
        if self.figures.is_empty() {
            lines.push(Line::raw(""));
            lines.extend(hanging(
                Span::raw(""),
                "No objections logged in the last 12 months: the log form's Objections field takes them (price, timing ...).",
                ctx.theme.dim,
                width,
            ));
        }
        let indent = || Span::raw("  ");
        for f in &self.figures {
            lines.push(Line::raw(""));
            lines.extend(hanging(Span::raw(""), &objection_text::summary(f), ctx.theme.header, width));
            lines.extend(hanging(indent(), &objection_text::by_segment(f), ctx.theme.dim, width));
            lines.extend(hanging(indent(), &objection_text::converts_best(f), ratatui::style::Style::new(), width));
            for (title, rows) in [("techniques", &f.techniques), ("responses", &f.responses)] {
                if let Some(text) = briefly(title, rows) {
                    lines.extend(hanging(indent(), &text, ctx.theme.dim, width));
                }
            }
        }
        lines
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(ctx, usize::from(area.width));
        self.scroll.render(Paragraph::new(lines), area, buf);
    }
}

/// "techniques: Live demo 10/10 works best · Cold call 1/7 too few cases"; None when only
/// the row without one is there.
fn briefly(title: &str, rows: &[TechniqueStats]) -> Option<String> {
    if rows.iter().all(|t| t.counts.technique_id.is_none()) {
        return None;
    }
    let each: Vec<String> = rows
        .iter()
        .map(|t| format!("{} {}/{} {}", one_line(&t.counts.name), t.counts.wins, t.decided, t.verdict.label()))
        .collect();
    Some(format!("{title}: {}", each.join(" · ")))
}
