//! The rest of Today after its first frame: the goals' paces and the whole checklist (stay in
//! touch and the deals going cold weigh tens of thousands of customers and deals at a million
//! rows, half a second). In a real terminal the rest of the first refresh, of a return to the
//! tab and of a reload for another process's write is read on a thread of its own, so no key
//! waits for it; after a change made in the app it is read in place, so the row acted on is
//! gone before the next key.

use super::goals::{GoalRow, load_paces};
use crate::config::Config;
use crate::store::{Checklist, Store};
use crate::tui::beside::{Answer, read_beside};
use anyhow::Result;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// The goals (those that need attention first) and the whole checklist.
pub struct Rest {
    pub(super) goals: Vec<GoalRow>,
    pub(super) checklist: Checklist,
}

pub(super) fn read_rest(store: &Store, today: NaiveDate, config: &Config) -> Result<Rest> {
    let mut goals = load_paces(store, today)?;
    // The goals that need attention come first; finished ones last.
    goals.sort_by_key(|row| crate::domain::pace::attention_key(&row.pace, row.goal.deadline_on));
    let checklist = store.checklist(today, &config.cadence_defaults(), config.new_cards_per_day)?;
    Ok(Rest { goals, checklist })
}

/// The rest of one refresh of Today, owned, to send to a thread.
pub struct RestJob {
    pub(super) path: PathBuf,
    /// Which refresh asked; an answer for another is dropped.
    pub(super) ticket: u64,
    pub(super) today: NaiveDate,
    pub(super) config: Config,
}

/// A finished [`RestJob`]: the rest, or why there is none.
pub type RestDone = Answer<Rest>;

impl RestJob {
    /// Reads the rest in one snapshot over a read-only connection of its own, given up (an
    /// "interrupted" failure) soon after `stop` is set.
    pub fn run_until(self, stop: Arc<AtomicBool>) -> RestDone {
        read_beside(&self.path, self.ticket, stop, |s| read_rest(s, self.today, &self.config))
    }

    pub fn ticket(&self) -> u64 {
        self.ticket
    }
}
