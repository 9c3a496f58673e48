//! The pipeline, `d` on the Goals tab: open deals by stage (each stage's count, value and
//! weighted value in its header), the nearest expected close first. Side by side in
//! columns where the screen is wide enough, else grouped in one list. `a` adds a deal, `e`
//! edits it, `>`/`<` move it a stage on or back, `W` wins it with its sale, `X` loses it
//! with a reason, Enter opens its customer.

use super::Effect;
use super::pipeline_columns::CardState;
use crate::domain::deal::{Cold, Deal, Stage, cold};
use crate::domain::forecast::{StageConversion, pipeline_by_stage, resolved_probability};
use crate::domain::text::{fit, one_line};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::forms;
use crate::tui::keymap::{self, Binding, KeyCode};
use crate::tui::widgets::list_window::ListWindow;
use crate::tui::widgets::sections::{LineRef, SectionLayout};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::ch('a')], Action::Add, "add a deal"),
    keymap::bind(&[keymap::ch('e')], Action::Edit, "edit the deal: value, close date, chance ..."),
    keymap::bind(&[keymap::ch('>')], Action::NextStage, "move the deal to the next stage"),
    keymap::bind(&[keymap::ch('<')], Action::PrevStage, "move the deal back a stage"),
    keymap::bind(&[keymap::ch('W')], Action::WinDeal, "won: log its sale (its value, or what you type)"),
    keymap::bind(&[keymap::ch('X')], Action::LoseDeal, "lost: say why"),
    keymap::bind(&[keymap::ch('l'), keymap::key(KeyCode::Right)], Action::NextChoice, "to the next stage's deals"),
    keymap::bind(&[keymap::ch('h'), keymap::key(KeyCode::Left)], Action::PrevChoice, "to the stage before's deals"),
    keymap::bind(&[keymap::key(KeyCode::Enter)], Action::Open, "open the customer"),
    keymap::bind(&[keymap::ch('d')], Action::Pipeline, "back to the goals"),
];

#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Stage>,
    /// Open deals in stage order, each stage's by expected close.
    deals: Vec<Deal>,
    /// Each stage's last 12 months: the share that moved on and the median days there.
    flow: Vec<StageConversion>,
    layout: SectionLayout<i64>,
    window: ListWindow,
}

/// "67% moved on · 9d median" (the last stage's moving on is a win); "no history yet".
pub fn flow_text(flow: &[StageConversion], stage_id: i64, last: bool) -> String {
    let Some(f) = flow.iter().find(|f| f.stage_id == stage_id) else { return String::new() };
    match (f.share_permille, f.median_days) {
        (Some(share), Some(days)) => {
            let on = if last { "won" } else { "moved on" };
            format!("{}% {on} · {days}d median", (share + 5) / 10)
        }
        _ => "no history yet".into(),
    }
}

/// The deal keys, here and on a deal going cold on Today: `e` edits it, `W` wins it, `X`
/// loses it (each a form), `>`/`<` move it at once. `None` for any other action.
pub fn act_on_deal(action: Action, deal: &Deal, ctx: &Ctx, store: &mut Store) -> Result<Option<Effect>> {
    Ok(Some(match action {
        Action::Edit => Effect::OpenForm(forms::edit_deal_form(deal, &ctx.config.currency)),
        Action::WinDeal => Effect::OpenForm(forms::win_deal_form(deal, &ctx.config.currency)),
        Action::LoseDeal => Effect::OpenForm(forms::lose_deal_form(deal.id, &deal.title)),
        Action::NextStage | Action::PrevStage => {
            Effect::Status(step_stage(store, deal, action == Action::NextStage, ctx.today)?)
        }
        _ => return Ok(None),
    }))
}

/// Moves an open deal a stage on (`forward`) or back; what happened, for the status line.
fn step_stage(store: &mut Store, deal: &Deal, forward: bool, today: chrono::NaiveDate) -> Result<String> {
    // From the stage it is at now: another process may have moved it since it was drawn.
    let deal = &store.deal(deal.id)?;
    let stages = store.stages()?;
    let at = stages.iter().position(|s| s.id == deal.stage_id).unwrap_or(0);
    let to = if forward { at.checked_add(1) } else { at.checked_sub(1) };
    Ok(match to.and_then(|i| stages.get(i)) {
        Some(stage) => {
            store.move_deal(deal.id, stage, today)?;
            format!("Moved {} to {}", one_line(&deal.title), stage.name)
        }
        None if forward => "At the last stage: W wins it, X loses it".into(),
        None => "At the first stage already".into(),
    })
}

impl Pipeline {
    pub fn refresh(&mut self, store: &Store, today: chrono::NaiveDate) -> Result<()> {
        let kept = self.selected().map(|d| d.id);
        self.stages = store.stages()?;
        self.flow = store.stage_conversion(today)?;
        let mut open = store.open_deals()?;
        // By expected close, the deals without one last.
        open.sort_by_key(|d| (d.close_on.is_none(), d.close_on, d.id));
        self.deals = self.stages.iter().flat_map(|s| open.iter().filter(|d| d.stage_id == s.id).cloned()).collect();
        let counts: Vec<(i64, u64)> = self
            .stages
            .iter()
            .map(|s| (s.id, self.deals.iter().filter(|d| d.stage_id == s.id).count() as u64))
            .collect();
        self.layout = SectionLayout::new(&counts);
        let layout = &self.layout;
        self.window.set_total(layout.len(), |i| layout.is_selectable(i));
        let lines: Vec<(u64, i64)> = (0..layout.len()).filter_map(|i| Some((i, self.deal_at(i)?.id))).collect();
        self.window.keep_on(kept, lines, |i| layout.is_selectable(i));
        Ok(())
    }

    /// The deal on a list line: `deals` holds the stages in the layout's order, so a row's
    /// place is the rows of the stages before it plus its index.
    fn deal_at(&self, line: u64) -> Option<&Deal> {
        let LineRef::Row { section, index } = self.layout.line(line)? else { return None };
        let before: u64 = self.layout.sections().iter().take_while(|(s, _)| *s != section).map(|(_, n)| n).sum();
        self.deals.get(usize::try_from(before + index).ok()?)
    }

    fn selected(&self) -> Option<&Deal> {
        self.deal_at(self.window.selected()?)
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.selected().map(|d| d.id)
    }

    pub fn customer_in_view(&self) -> Option<i64> {
        self.selected().map(|d| d.customer_id)
    }

    /// Puts the cursor on a deal (one just added or edited), if it is open.
    pub fn select(&mut self, id: i64) {
        let lines: Vec<(u64, i64)> = (0..self.layout.len()).filter_map(|i| Some((i, self.deal_at(i)?.id))).collect();
        let layout = &self.layout;
        self.window.keep_on(Some(id), lines, |i| layout.is_selectable(i));
    }

    /// `←`/`→`: the same place in the stage before or after that holds deals.
    fn jump_stage(&mut self, forward: bool) {
        let Some(LineRef::Row { section, index }) = self.window.selected().and_then(|i| self.layout.line(i)) else {
            return;
        };
        let sections = self.layout.sections();
        let Some(at) = sections.iter().position(|(s, _)| *s == section) else { return };
        let to = if forward { at.checked_add(1) } else { at.checked_sub(1) };
        if let Some(&(stage, count)) = to.and_then(|i| sections.get(i)) {
            let line = self.layout.first_line_of(stage) + 1 + index.min(count.saturating_sub(1));
            let layout = &self.layout;
            self.window.select(line, |i| layout.is_selectable(i));
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let layout = &self.layout;
        if self.window.navigate(action, |i| layout.is_selectable(i)) {
            return Ok(Effect::Done);
        }
        if matches!(action, Action::NextChoice | Action::PrevChoice) {
            self.jump_stage(action == Action::NextChoice);
            return Ok(Effect::Done);
        }
        if action == Action::Add {
            let stage = self.selected().and_then(|d| self.stages.iter().find(|s| s.id == d.stage_id));
            return Ok(Effect::OpenForm(forms::add_deal_form(&self.stages, stage, None)));
        }
        let Some(deal) = self.selected().cloned() else {
            return Ok(match action {
                Action::NextStage
                | Action::PrevStage
                | Action::WinDeal
                | Action::LoseDeal
                | Action::Open
                | Action::Edit => Effect::Status("No deal selected; a adds one".into()),
                _ => Effect::Ignored,
            });
        };
        if action == Action::Open {
            return Ok(Effect::OpenCustomer(deal.customer_id));
        }
        let Some(effect) = act_on_deal(action, &deal, ctx, store)? else { return Ok(Effect::Ignored) };
        self.refresh(store, ctx.today)?;
        Ok(effect)
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let width = area.width as usize;
        let money = |v: i64| ctx.config.currency.format_whole(v);
        let totals = pipeline_by_stage(&self.stages, &self.deals, None);
        let title = format!(
            "Pipeline · {} open · {} · {} weighted",
            totals.overall.count,
            money(totals.overall.value_minor),
            money(totals.overall.weighted_minor)
        );
        Paragraph::new(Line::styled(fit(&title, width), ctx.theme.header)).render(area, buf);
        let body = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
        if self.deals.is_empty() {
            let hint = "No open deals: a adds one";
            Paragraph::new(Line::styled(fit(hint, width), ctx.theme.dim)).render(body, buf);
            return;
        }
        if super::pipeline_columns::fit_columns(body, self.stages.len()) {
            // Clicks map to list lines; the columns take none.
            self.window.set_area(Rect { width: 0, ..body }, 1);
            let board = super::pipeline_columns::Board {
                stages: &self.stages,
                deals: &self.deals,
                totals: &totals,
                flow: &self.flow,
                selected: self.selected().map(|d| d.id),
            };
            super::pipeline_columns::render(board, |d| self.card_state(d, ctx), ctx, body, buf);
            return;
        }
        self.window.set_area(body, 1);
        let selected = self.window.selected();
        let lines: Vec<Line> = self
            .window
            .visible()
            .map(|i| match self.layout.line(i) {
                Some(LineRef::Header { section, count }) => {
                    let t = totals.by_stage.iter().find(|s| s.stage_id == section);
                    let (name, value, weighted) = t.map_or((String::new(), 0, 0), |t| {
                        (t.stage.clone(), t.totals.value_minor, t.totals.weighted_minor)
                    });
                    let text =
                        format!("{} ({count}) · {} · {} weighted", one_line(&name), money(value), money(weighted));
                    let last = self.stages.last().is_some_and(|s| s.id == section);
                    let flow = format!(" · {}", flow_text(&self.flow, section, last));
                    let room = width.saturating_sub(crate::domain::text::columns(&text));
                    Line::from(vec![
                        Span::styled(text, ctx.theme.header),
                        Span::styled(
                            if crate::domain::text::columns(&flow) <= room { flow } else { String::new() },
                            ctx.theme.dim,
                        ),
                    ])
                }
                Some(LineRef::Row { .. }) => match self.deal_at(i) {
                    Some(deal) => self.row(deal, width, ctx, selected == Some(i)),
                    None => Line::raw(""),
                },
                None => Line::raw(""),
            })
            .collect();
        Paragraph::new(lines).render(body, buf);
    }

    fn card_state(&self, d: &Deal, ctx: &Ctx) -> CardState {
        let stage = self.stages.iter().find(|s| s.id == d.stage_id);
        let cold = stage.and_then(|s| cold(d, s, ctx.today));
        let when = match cold {
            Some(Cold::PastClose(n)) => format!("{n}d past"),
            Some(Cold::Idle(n)) => format!("idle {n}d"),
            None => d.close_on.map(|c| c.format("%-d %b").to_string()).unwrap_or_default(),
        };
        let chance_percent = (resolved_probability(d, &self.stages) + 5) / 10;
        CardState { chance_percent, when, cold: cold.is_some() }
    }

    fn row(&self, d: &Deal, width: usize, ctx: &Ctx, selected: bool) -> Line<'static> {
        let CardState { chance_percent, when: state, cold } = self.card_state(d, ctx);
        let value = ctx.config.currency.format_whole(d.value_minor);
        let wide = width >= 70;
        let name_width = if wide { 20 } else { (width / 3).max(6) };
        let tail = format!(" {value:>9} {chance_percent:>3}% {state:>9}");
        let tail = if wide { tail } else { format!(" {value:>8} {state:>8}") };
        let title_width = width.saturating_sub(2 + name_width + 1 + tail.chars().count());
        let cold_style = if cold { ctx.theme.warning } else { ctx.theme.dim };
        let line = Line::from(vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::raw(format!("{} ", fit(&one_line(&d.customer), name_width))),
            Span::raw(fit(&one_line(&d.title), title_width)),
            Span::styled(tail, cold_style),
        ]);
        if selected { line.style(ctx.theme.selected) } else { line }
    }
}
