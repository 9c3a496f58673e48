//! Techniques within each segment (or industry), `t` on Insights: each group's win rate,
//! then its techniques judged against it, the strongest finding first, as
//! `salescoach techniques --by` prints them; `b` switches segment and industry, j/k scroll.

use super::Effect;
use crate::domain::technique::TechniqueCounts;
use crate::domain::technique::{range_text, rate_text};
use crate::domain::technique_groups::{GroupBy, GroupTechniques, judge_by_group, strongest_finding};
use crate::domain::text::{fit, one_line, pad_left, truncate};
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

pub const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::ch('b')], Action::GroupBy, "within segments ↔ within industries"),
    keymap::bind(&[keymap::ch('t')], Action::TechniquesBy, "back to the insights"),
];

pub struct TechniqueGroupsPage {
    by: GroupBy,
    period: (NaiveDate, NaiveDate),
    groups: Vec<GroupTechniques>,
    scroll: Scroll,
}

impl TechniqueGroupsPage {
    /// Within segments, its figures to come (`show`).
    pub fn new(today: NaiveDate) -> Self {
        Self {
            by: GroupBy::Segment,
            period: crate::domain::segments::default_period(today),
            groups: Vec::new(),
            scroll: Scroll::default(),
        }
    }

    pub fn by(&self) -> GroupBy {
        self.by
    }

    /// The 12 months to `ctx.today`, from the counts the store read for them.
    pub fn show(&mut self, counts: &[(String, TechniqueCounts)], ctx: &Ctx) {
        self.period = crate::domain::segments::default_period(ctx.today);
        self.groups = judge_by_group(counts);
    }

    /// `b` asks for other figures: the Insights tab sees `by` change and reads them.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::GroupBy => {
                self.by = if self.by == GroupBy::Segment { GroupBy::Industry } else { GroupBy::Segment };
                self.scroll.top();
                Effect::Status(format!("Techniques within each {}", self.by.as_str()))
            }
            _ if self.scroll.follow(action) => Effect::Done,
            _ => Effect::Ignored,
        }
    }

    fn lines(&self, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let (from, to) = self.period;
        let title = format!("Techniques by {} (b: switch, t: back) · {from} to {to}", self.by.as_str());
        let mut lines = vec![Line::styled(truncate(&title, width).into_owned(), ctx.theme.header)];
        let note = match strongest_finding(&self.groups) {
            Some(f) => format!(
                "Strongest: {} wins {} with {} customers vs {} there ({} cases)",
                one_line(&f.technique),
                rate_text(Some(f.win_rate)),
                one_line(&f.group),
                rate_text(Some(f.group_rate)),
                f.decided
            ),
            None => "No technique stands out within a group yet (10 decided cases needed).".to_string(),
        };
        lines.extend(hanging(Span::raw(""), &note, ctx.theme.good, width));
        if self.groups.is_empty() {
            lines.push(Line::styled("No interactions or sales in the last 12 months.", ctx.theme.dim));
        }
        // Name, won/decided, rate, range, verdict; the name takes what the rest leave, and a
        // narrow window drops the range.
        let narrow = width < 60;
        let name_width =
            width.saturating_sub(if narrow { 2 + 8 + 6 + 2 + 12 } else { 2 + 8 + 6 + 10 + 20 }).clamp(8, 30);
        for g in &self.groups {
            lines.push(Line::raw(""));
            let head = format!(
                "{}: win rate {} over {} decided",
                one_line(&g.group),
                rate_text(g.overall_win_rate),
                g.decided
            );
            lines.push(Line::styled(truncate(&head, width).into_owned(), ctx.theme.header));
            for t in &g.techniques {
                let style = match t.verdict {
                    crate::domain::technique::Verdict::WorksBest => ctx.theme.good,
                    crate::domain::technique::Verdict::HoldingYouBack => ctx.theme.danger,
                    _ => ctx.theme.dim,
                };
                let range = if narrow { String::new() } else { format!(" {}", pad_left(&range_text(t.interval), 9)) };
                let row = format!(
                    "  {} {} {}{range}  {}",
                    fit(&one_line(&t.counts.name), name_width),
                    pad_left(&format!("{}/{}", t.counts.wins, t.decided), 7),
                    pad_left(&rate_text(t.win_rate), 5),
                    t.verdict.label()
                );
                lines.push(Line::styled(truncate(&row, width).into_owned(), style));
            }
        }
        lines
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(ctx, usize::from(area.width));
        self.scroll.render(Paragraph::new(lines), area, buf);
    }
}
