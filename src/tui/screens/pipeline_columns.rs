//! The pipeline side by side: one column per stage (its count, value, weighted value and
//! conversion on top), each deal a two-line card, the nearest expected close first. A column taller than
//! the screen scrolls to keep the selected deal in view and says how many are below.

use crate::domain::deal::{Deal, Stage};
use crate::domain::forecast::{PipelineTotals, StageConversion};
use crate::domain::text::{columns, fit, one_line};
use crate::tui::context::Ctx;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Below this many columns a stage, the grouped list reads better.
const MIN_COLUMN: u16 = 24;
/// The header's four lines: name and count, value and weighted value, the last 12 months'
/// conversion, a rule.
const HEADER: u16 = 4;
/// A card's two lines and the blank after it.
const CARD: u16 = 3;

/// Whether `area` holds one readable column per stage.
pub fn fit_columns(area: Rect, stages: usize) -> bool {
    stages > 0 && area.width / stages as u16 >= MIN_COLUMN && area.height > HEADER + CARD
}

/// What a card shows of a deal beside its customer, title and value.
pub struct CardState {
    pub chance_percent: i64,
    /// The close date, or how late or idle it is.
    pub when: String,
    pub cold: bool,
}

/// The open deals to lay out, and the one the cursor is on.
pub struct Board<'a> {
    pub stages: &'a [Stage],
    pub deals: &'a [Deal],
    pub totals: &'a PipelineTotals,
    pub flow: &'a [StageConversion],
    pub selected: Option<i64>,
}

pub fn render(board: Board<'_>, state: impl Fn(&Deal) -> CardState, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let Board { stages, deals, totals, flow, selected } = board;
    let n = stages.len() as u16;
    let money = |v: i64| ctx.config.currency.format_whole(v);
    for (i, stage) in stages.iter().enumerate() {
        let i = i as u16;
        let x = area.x + area.width * i / n;
        let next = area.x + area.width * (i + 1) / n;
        // One column of space between stages.
        let column = Rect { x, width: (next - x).saturating_sub(1), ..area };
        let width = usize::from(column.width);
        let cards: Vec<&Deal> = deals.iter().filter(|d| d.stage_id == stage.id).collect();
        let sums = totals.by_stage.iter().find(|t| t.stage_id == stage.id).map(|t| t.totals);
        let (value, weighted) = sums.map_or((0, 0), |t| (t.value_minor, t.weighted_minor));
        let mut lines = vec![
            Line::styled(fit(&format!("{} ({})", one_line(&stage.name), cards.len()), width), ctx.theme.header),
            Line::styled(fit(&sums_text(money(value), money(weighted), width), width), ctx.theme.dim),
            Line::styled(fit(&super::pipeline::flow_text(flow, stage.id, i + 1 == n), width), ctx.theme.dim),
            Line::styled("─".repeat(width), ctx.theme.border),
        ];
        let room = usize::from((column.height.saturating_sub(HEADER) + 1) / CARD);
        let at = selected.and_then(|id| cards.iter().position(|d| d.id == id));
        let first = at.map_or(0, |at| (at + 1).saturating_sub(room));
        let below = cards.len().saturating_sub(first + room);
        // The last slot says how many are below rather than show a card cut short.
        let shown = if below > 0 { room.saturating_sub(1) } else { room };
        let visible: Vec<&&Deal> = cards.iter().skip(first).take(shown).collect();
        for deal in &visible {
            lines.extend(card(deal, &state(deal), width, selected == Some(deal.id), ctx));
            lines.push(Line::raw(""));
        }
        let hidden = cards.len() - first - visible.len();
        if hidden > 0 {
            lines.push(Line::styled(fit(&format!("  … {hidden} more below"), width), ctx.theme.dim));
        }
        if cards.is_empty() {
            lines.push(Line::styled(fit("  (none)", width), ctx.theme.dim));
        }
        Paragraph::new(lines).render(column, buf);
    }
}

/// "$10,300 · $1,030 weighted", or "$10,300 · $1,030 wtd" where that does not fit.
fn sums_text(value: String, weighted: String, width: usize) -> String {
    let long = format!("{value} · {weighted} weighted");
    if columns(&long) <= width { long } else { format!("{value} · {weighted} wtd") }
}

fn card(deal: &Deal, state: &CardState, width: usize, selected: bool, ctx: &Ctx) -> [Line<'static>; 2] {
    let value = ctx.config.currency.format_whole(deal.value_minor);
    let top_tail = format!(" {value}");
    let when = if state.cold { state.when.clone() } else { format!("{}% {}", state.chance_percent, state.when) };
    let bottom_tail = format!(" {}", when.trim_end());
    let room = |tail: &str| width.saturating_sub(2 + columns(tail));
    let style = if state.cold { ctx.theme.warning } else { ctx.theme.dim };
    let top = Line::from(vec![
        Span::raw(if selected { "▸ " } else { "  " }),
        Span::raw(fit(&one_line(&deal.customer), room(&top_tail))),
        Span::raw(top_tail),
    ]);
    let bottom = Line::from(vec![
        Span::raw("  "),
        Span::raw(fit(&one_line(&deal.title), room(&bottom_tail))),
        Span::styled(bottom_tail, style),
    ]);
    if selected { [top.style(ctx.theme.selected), bottom.style(ctx.theme.selected)] } else { [top, bottom] }
}
