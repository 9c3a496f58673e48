//! A tab whose full screen is still to come: it says so, and shows what is already on file.

use super::{Effect, Screen};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::Binding;
use crate::tui::tab::Tab;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct Placeholder {
    tab: Tab,
    coming: &'static str,
    on_file: String,
}

impl Placeholder {
    pub fn new(tab: Tab, coming: &'static str) -> Self {
        Self { tab, coming, on_file: String::new() }
    }
}

impl Screen for Placeholder {
    fn keys(&self) -> &'static [Binding] {
        &[]
    }

    fn has_list(&self) -> bool {
        false
    }

    fn refresh(&mut self, _ctx: &Ctx, store: &Store) -> Result<()> {
        let c = store.counts()?;
        self.on_file = match self.tab {
            Tab::Goals => format!("{} goals on file.", c.goals),
            Tab::Customers => format!("{} customers, {} sales on file.", c.customers, c.sales),
            Tab::Followups => format!("{} follow-ups on file.", c.followups),
            Tab::Knowledge => format!("{} products, {} notes on file.", c.products, c.notes),
            Tab::Insights => format!("{} interactions on file.", c.interactions),
            _ => String::new(),
        };
        Ok(())
    }

    fn update(&mut self, _action: Action, _ctx: &Ctx, _store: &mut Store) -> Result<Effect> {
        Ok(Effect::Ignored)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let lines = vec![
            Line::styled(self.tab.title(), ctx.theme.header),
            Line::raw(""),
            Line::raw(self.coming),
            Line::raw(""),
            Line::styled(self.on_file.clone(), ctx.theme.dim),
        ];
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
    }
}
