//! The pipeline, `d` on the Goals tab: open deals grouped by stage (each stage's count,
//! value and weighted value in its header), the nearest expected close first. `>`/`<`
//! move the selected deal a stage on or back, `W` wins it with its sale (pressed twice),
//! `X` loses it with a reason, Enter opens its customer.

use super::Effect;
use crate::domain::deal::{Cold, Deal, Stage, cold};
use crate::domain::followup::post_sale_followups;
use crate::domain::forecast::{pipeline_by_stage, resolved_probability};
use crate::domain::sale::{NewSale, SaleKind};
use crate::domain::text::{fit, one_line};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::{self, Binding, KeyCode};
use crate::tui::widgets::list_window::ListWindow;
use crate::tui::widgets::sections::{LineRef, SectionLayout};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::ch('>')], Action::NextStage, "move the deal to the next stage"),
    keymap::bind(&[keymap::ch('<')], Action::PrevStage, "move the deal back a stage"),
    keymap::bind(&[keymap::ch('W')], Action::WinDeal, "won: log its sale at its value (press twice)"),
    keymap::bind(&[keymap::ch('X')], Action::LoseDeal, "lost: say why"),
    keymap::bind(&[keymap::key(KeyCode::Enter)], Action::Open, "open the customer"),
    keymap::bind(&[keymap::ch('d')], Action::Pipeline, "back to the goals"),
];

#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Stage>,
    /// Open deals in stage order, each stage's by expected close.
    deals: Vec<Deal>,
    layout: SectionLayout<i64>,
    window: ListWindow,
    /// The deal a first `W` asked about.
    armed: Option<i64>,
}

impl Pipeline {
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let kept = self.selected().map(|d| d.id);
        self.stages = store.stages()?;
        let open = store.open_deals()?;
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

    fn deal_at(&self, line: u64) -> Option<&Deal> {
        let LineRef::Row { section, index } = self.layout.line(line)? else { return None };
        self.deals.iter().filter(|d| d.stage_id == section).nth(index as usize)
    }

    fn selected(&self) -> Option<&Deal> {
        self.deal_at(self.window.selected()?)
    }

    pub fn customer_in_view(&self) -> Option<i64> {
        self.selected().map(|d| d.customer_id)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        if action != Action::WinDeal {
            self.armed = None;
        }
        let layout = &self.layout;
        if self.window.navigate(action, |i| layout.is_selectable(i)) {
            return Ok(Effect::Done);
        }
        let Some(deal) = self.selected().cloned() else {
            return Ok(match action {
                Action::NextStage | Action::PrevStage | Action::WinDeal | Action::LoseDeal | Action::Open => {
                    Effect::Status("No deal selected; salescoach deal add adds one".into())
                }
                _ => Effect::Ignored,
            });
        };
        let effect = match action {
            Action::Open => return Ok(Effect::OpenCustomer(deal.customer_id)),
            Action::NextStage | Action::PrevStage => {
                let at = self.stages.iter().position(|s| s.id == deal.stage_id).unwrap_or(0);
                let to = if action == Action::NextStage { at.checked_add(1) } else { at.checked_sub(1) };
                match to.and_then(|i| self.stages.get(i)).cloned() {
                    Some(stage) => {
                        store.move_deal(deal.id, &stage, ctx.today)?;
                        Effect::Status(format!("Moved {} to {}", one_line(&deal.title), stage.name))
                    }
                    None if action == Action::NextStage => {
                        Effect::Status("At the last stage: W wins it, X loses it".into())
                    }
                    None => Effect::Status("At the first stage already".into()),
                }
            }
            Action::WinDeal if self.armed != Some(deal.id) => {
                self.armed = Some(deal.id);
                let value = ctx.config.currency.format(deal.value_minor);
                return Ok(Effect::Status(format!(
                    "Press W again: {} won, a sale of {value} logged",
                    one_line(&deal.title)
                )));
            }
            Action::WinDeal => {
                self.armed = None;
                if deal.value_minor <= 0 {
                    return Ok(Effect::Status(
                        "The deal has no value: set one (deal edit) or win it with deal won --amount".into(),
                    ));
                }
                let sale = NewSale {
                    customer_id: deal.customer_id,
                    product_id: deal.product_id,
                    technique_id: None,
                    kind: SaleKind::Sale,
                    quantity: 1,
                    amount_minor: deal.value_minor,
                    sold_on: ctx.today,
                    note: format!("Deal #{}: {}", deal.id, deal.title),
                    refund_of: None,
                };
                let offsets = (ctx.config.satisfaction_check_days, ctx.config.reorder_check_days);
                let followups =
                    post_sale_followups(deal.customer_id, ctx.today, offsets, ctx.config.working_days, ctx.today);
                let sale_id = store.win_deal(deal.id, ctx.today, Some((&sale, &followups)))?.unwrap_or_default();
                Effect::Status(format!(
                    "Won: sale #{sale_id} of {} logged (u undoes)",
                    ctx.config.currency.format(sale.amount_minor)
                ))
            }
            Action::LoseDeal => return Ok(Effect::OpenForm(crate::tui::forms::lose_deal_form(deal.id, &deal.title))),
            _ => return Ok(Effect::Ignored),
        };
        self.refresh(store)?;
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
            let hint = "No open deals. Add one: salescoach deal add --customer C --title T --value 2400 --close +3w";
            Paragraph::new(Line::styled(fit(hint, width), ctx.theme.dim)).render(body, buf);
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
                    Line::styled(fit(&text, width), ctx.theme.header)
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

    fn row(&self, d: &Deal, width: usize, ctx: &Ctx, selected: bool) -> Line<'static> {
        let stage = self.stages.iter().find(|s| s.id == d.stage_id);
        let chance = resolved_probability(d, &self.stages);
        let state = match stage.and_then(|s| cold(d, s, ctx.today)) {
            Some(Cold::PastClose(n)) => format!("{n}d past"),
            Some(Cold::Idle(n)) => format!("idle {n}d"),
            None => d.close_on.map(|c| c.format("%-d %b").to_string()).unwrap_or_default(),
        };
        let value = ctx.config.currency.format_whole(d.value_minor);
        let wide = width >= 70;
        let name_width = if wide { 20 } else { (width / 3).max(6) };
        let tail = format!(" {value:>9} {:>3}% {state:>9}", (chance + 5) / 10);
        let tail = if wide { tail } else { format!(" {value:>8} {state:>8}") };
        let title_width = width.saturating_sub(2 + name_width + 1 + tail.chars().count());
        let cold_style =
            if stage.and_then(|s| cold(d, s, ctx.today)).is_some() { ctx.theme.warning } else { ctx.theme.dim };
        let line = Line::from(vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::raw(format!("{} ", fit(&one_line(&d.customer), name_width))),
            Span::raw(fit(&one_line(&d.title), title_width)),
            Span::styled(tail, cold_style),
        ]);
        if selected { line.style(ctx.theme.selected) } else { line }
    }
}
