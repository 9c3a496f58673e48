//! The Insights tab's figures: a year of sales, interactions and reviews, seconds at a million
//! rows, so in a real terminal they are read on a thread of their own, over a connection of
//! their own, while the tab shows the figures it had (or says it is working them out).

use crate::config::Config;
use crate::domain::insight::Insight;
use crate::store::{Stats, Store, TechniqueReport};
use crate::tui::beside::{Answer, read_beside};
use anyhow::Result;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Everything the tab shows above its pages: the quality figures, every coach line, and the
/// techniques of the last 12 months.
pub struct Figures {
    pub(super) stats: Stats,
    pub(super) insights: Vec<Insight>,
    pub(super) techniques: TechniqueReport,
}

pub(super) fn read_figures(store: &Store, today: NaiveDate, config: &Config) -> Result<Figures> {
    let stats = store.stats(today, config.week_starts_monday)?;
    let techniques = store.technique_report(today - chrono::Days::new(364), today)?;
    let insights = store.insights_with(today, config, &techniques)?;
    Ok(Figures { stats, insights, techniques })
}

/// One refresh of the tab's figures, owned, to send to a thread.
pub struct InsightsJob {
    pub(super) path: PathBuf,
    /// Which refresh asked; an answer for an older one is dropped.
    pub(super) ticket: u64,
    pub(super) today: NaiveDate,
    pub(super) config: Config,
}

/// A finished [`InsightsJob`]: the figures, or why there are none.
pub type InsightsDone = Answer<Figures>;

impl InsightsJob {
    /// Reads the figures in one snapshot over a read-only connection of its own, given up
    /// (an "interrupted" failure) soon after `stop` is set.
    pub fn run_until(self, stop: Arc<AtomicBool>) -> InsightsDone {
        read_beside(&self.path, self.ticket, stop, |s| read_figures(s, self.today, &self.config))
    }

    pub fn ticket(&self) -> u64 {
        self.ticket
    }
}
