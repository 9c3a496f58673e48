//! One file per tab. Each screen declares its own keys, refreshes itself from the store and
//! renders from borrowed state.

pub mod placeholder;
pub mod today;

use super::action::Action;
use super::context::Ctx;
use super::keymap::Binding;
use crate::store::Store;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub trait Screen {
    /// Keys specific to this screen, searched before the list and global keys.
    fn keys(&self) -> &'static [Binding];

    /// Whether the list movement keys apply.
    fn has_list(&self) -> bool {
        true
    }

    /// Reloads what the screen shows.
    fn refresh(&mut self, ctx: &Ctx, store: &Store) -> Result<()>;

    /// Applies an action; returns a message for the status line, if any.
    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Option<String>>;

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer);
}
