//! Today's coach lines: the year's figures behind them take seconds at a million rows, so
//! in a real terminal they are worked out on a thread of their own, over a connection of
//! their own, while the seller goes on using the screen.

use crate::config::Config;
use crate::domain::goal::Goal;
use crate::domain::insight::{Insight, Rule};
use crate::domain::pace::Pace;
use crate::store::{Checklist, Store};
use crate::tui::beside::{Answer, read_beside};
use anyhow::Result;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// The coach lines Today shows: the top three of what the goal pace lines do not say.
pub(super) fn coach_lines(
    store: &Store,
    today: NaiveDate,
    config: &Config,
    paces: &[(Goal, Pace)],
    checklist: &Checklist,
) -> Result<Vec<Insight>> {
    let year = store.technique_report(today - chrono::Days::new(364), today)?;
    Ok(store
        .insights_from(today, config, paces, checklist, &year)?
        .into_iter()
        .filter(|i| !matches!(i.rule, Rule::BehindPace | Rule::NoBuffer))
        .take(3)
        .collect())
}

/// Everything the coach lines of one refresh of Today need, owned, to send to a thread.
pub struct CoachJob {
    pub(super) path: PathBuf,
    /// Which refresh asked; an answer for an older one is dropped.
    pub(super) ticket: u64,
    pub(super) today: NaiveDate,
    pub(super) config: Config,
    pub(super) paces: Vec<(Goal, Pace)>,
    pub(super) checklist: Checklist,
}

/// A finished [`CoachJob`]: the coach lines, or why there are none.
pub type CoachDone = Answer<Vec<Insight>>;

impl CoachJob {
    /// Reads the figures in one snapshot over a read-only connection of its own, given up
    /// (an "interrupted" failure) soon after `stop` is set.
    pub fn run_until(self, stop: Arc<AtomicBool>) -> CoachDone {
        read_beside(&self.path, self.ticket, stop, |s| {
            coach_lines(s, self.today, &self.config, &self.paces, &self.checklist)
        })
    }

    pub fn ticket(&self) -> u64 {
        self.ticket
    }
}
