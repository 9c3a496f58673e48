//! `u` and `U`: the store's undo and redo, from any tab. The status line names what was
//! undone; every screen shows the result (the current one at once, the others when
//! switched to), and undoing the demo load leads back to the welcome screen.

use super::app::{App, Mode};
use anyhow::Result;

impl App {
    pub(super) fn undo_or_redo(&mut self, redo: bool) -> Result<()> {
        let step = if redo { self.store.redo()? } else { self.store.undo()? };
        let Some(step) = step else {
            self.set_status(if redo { "Nothing to redo" } else { "Nothing to undo" });
            return Ok(());
        };
        self.fresh_screens();
        self.way_back.clear();
        self.review_from = None;
        if !self.store.has_user_data()? {
            self.mode = Mode::Welcome;
        } else {
            self.mode = Mode::Tabs;
            self.refresh_current()?;
        }
        let verb = if redo { "Redone" } else { "Undone" };
        let other = if redo { "u undoes it again" } else { "U redoes it" };
        self.set_status(format!("{verb}: {} ({other})", step.label));
        Ok(())
    }
}
