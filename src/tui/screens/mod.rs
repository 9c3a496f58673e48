//! One file per tab. Each screen declares its own keys, refreshes itself from the store and
//! renders from borrowed state.

pub mod customer_detail;
pub mod customers;
pub mod followups;
pub mod goal_detail;
pub mod goals;
pub mod insights;
pub mod knowledge;
pub mod motivation;
pub mod today;

use super::action::Action;
use super::context::Ctx;
use super::keymap::Binding;
use super::widgets::form::Form;
use crate::store::Store;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// What a screen's update asks the app to do next.
pub enum Effect {
    /// The action means nothing here; the app may apply its default (Back quits).
    Ignored,
    Done,
    Status(String),
    OpenForm(Form),
    /// Switch to the Customers tab with this customer open.
    OpenCustomer(i64),
    /// Switch to the Knowledge tab and start today's flashcard review.
    StartReview,
    /// The review was left; the app returns to where it was started from.
    ReviewEnded,
    /// Suspend the screen and edit this note's text in $EDITOR.
    EditNoteBody(i64),
}

pub trait Screen {
    /// Keys specific to this screen, searched before the list and global keys.
    fn keys(&self) -> &'static [Binding];

    /// Whether the list movement keys apply.
    fn has_list(&self) -> bool {
        true
    }

    /// Reloads what the screen shows.
    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()>;

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect>;

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer);

    /// Applies a filter typed in the filter form (the Customers tab overrides it).
    fn apply_filter(&mut self, _text: &str, _ctx: &Ctx, _store: &Store) -> Result<()> {
        Ok(())
    }

    /// Start today's review (the Knowledge tab overrides it).
    fn start_review(&mut self, _ctx: &Ctx, _store: &Store) -> Result<()> {
        Ok(())
    }

    /// Show a note or product found by search (the Knowledge tab overrides it).
    fn show_found(&mut self, _kind: crate::store::search::HitKind, _id: i64, _store: &Store) -> Result<()> {
        Ok(())
    }

    /// The customer the selection is about, so `S` and `L` can start with it filled in.
    fn customer_in_view(&self) -> Option<i64> {
        None
    }

    /// Show this customer (the Customers tab overrides it).
    fn open_customer(&mut self, _id: i64, _ctx: &Ctx, _store: &Store) -> Result<()> {
        Ok(())
    }

    /// Footer hints for a special mode (a review); `None` keeps the usual ones.
    fn footer_hints(&self) -> Option<&'static [(&'static str, &'static str)]> {
        None
    }

    /// Extra lines for the `?` overlay, above the keys (a goal explains its numbers).
    fn help_extra(&self, _ctx: &Ctx) -> Vec<Line<'static>> {
        Vec::new()
    }
}
