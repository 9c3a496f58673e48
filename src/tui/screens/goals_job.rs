//! The Goals tab's rows: every goal's pace reads its period's sales, and the forecasts every
//! open deal, half a second at a million rows. In a real terminal a switch back to the tab
//! reads them on a thread and a connection of their own, while the tab shows the rows it had.

use super::goals::{GoalRow, load_goals};
use crate::tui::beside::{Answer, read_beside};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// One read of the tab's rows, owned, to send to a thread.
pub struct GoalsJob {
    pub(super) path: PathBuf,
    /// Which refresh asked; an answer for another is dropped.
    pub(super) ticket: u64,
    pub(super) today: NaiveDate,
}

/// A finished [`GoalsJob`]: the rows, or why there are none.
pub type GoalsDone = Answer<Vec<GoalRow>>;

impl GoalsJob {
    /// Reads the rows in one snapshot over a read-only connection of its own, given up (an
    /// "interrupted" failure) soon after `stop` is set.
    pub fn run_until(self, stop: Arc<AtomicBool>) -> GoalsDone {
        read_beside(&self.path, self.ticket, stop, |s| load_goals(s, self.today))
    }

    pub fn ticket(&self) -> u64 {
        self.ticket
    }
}
