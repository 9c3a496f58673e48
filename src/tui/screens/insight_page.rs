//! An Insights row read in full: a coach line with what to do about it, or a technique
//! with every figure behind its verdict, wrapped to the width (nothing cut).

use super::insights::Row;
use crate::domain::technique::Verdict;
use crate::domain::text::one_line;
use crate::tui::context::Ctx;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::hanging;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const LABEL: usize = 14;

pub fn render(row: &Row<'_>, ctx: &Ctx, area: Rect, buf: &mut Buffer, scroll: &Scroll) {
    let width = usize::from(area.width);
    let field = |lines: &mut Vec<Line<'static>>, label: &str, value: &str, style: Style| {
        lines.extend(hanging(Span::styled(format!("{label:<LABEL$}"), ctx.theme.dim), value, style, width));
    };
    let percent = |r: Option<f64>| r.map_or("n/a".to_string(), |v| format!("{:.0}%", v * 100.0));
    let mut lines = Vec::new();
    match row {
        Row::Insight(insight) => {
            lines.push(Line::styled("Coach", ctx.theme.header));
            lines.extend(hanging(Span::raw(""), &one_line(&insight.message), Style::new(), width));
            lines.push(Line::raw(""));
            field(&mut lines, "What to do", &one_line(&insight.action), Style::new());
        }
        Row::Technique(t, overall) => {
            lines.extend(hanging(Span::raw(""), &one_line(&t.counts.name), ctx.theme.header, width));
            lines.push(Line::raw(""));
            let range = t.interval.map_or("n/a".into(), |(l, h)| format!("{:.0}-{:.0}%", l * 100.0, h * 100.0));
            let money = |v: i64| ctx.config.currency.format(v);
            let rows = [
                ("Used", format!("{} interactions in the last 12 months", t.counts.interactions)),
                ("Decided", format!("{} won, {} lost", t.counts.wins, t.counts.losses)),
                (
                    "Win rate",
                    format!("{} (95% range {range}) · yours overall {}", percent(t.win_rate), percent(*overall)),
                ),
                ("Sales", format!("{} worth {}", t.counts.sales, money(t.counts.revenue))),
                ("Average deal", t.average_deal.map_or("n/a".into(), money)),
                ("Verdict", format!("{}: {}", t.verdict.label(), why(t.verdict))),
            ];
            for (label, value) in rows {
                field(&mut lines, label, &value, Style::new());
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Esc back", ctx.theme.dim));
    scroll.render(Paragraph::new(lines), area, buf);
}

/// What each verdict means, in the coach's words.
fn why(verdict: Verdict) -> String {
    match verdict {
        Verdict::WorksBest => "even the low end of its range beats your overall win rate".into(),
        Verdict::HoldingYouBack => "even the high end of its range falls short of your overall win rate".into(),
        Verdict::NoDifference => "its range takes in your overall win rate".into(),
        Verdict::TooFewCases => {
            format!("fewer than {} decided cases: too early to say", crate::domain::technique::MIN_DECIDED)
        }
        Verdict::NotJudged => "the cases logged without a technique: counted, not judged".into(),
    }
}
