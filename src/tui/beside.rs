//! Work done beside the loop, on a thread and a read-only connection of its own, for the
//! figures that take seconds at a million rows: the rest of Today's first frame, its coach
//! lines, the Goals tab's rows, the Insights tab and the pages it opens.
//! The app hands out a [`Job`] (one of each kind out at a time) and takes the [`Done`] back;
//! each carries the ticket of the refresh that asked, so an answer that no longer fits the
//! screen is dropped and asked for again.

pub use super::screens::goals_job::{GoalsDone, GoalsJob};
pub use super::screens::insights_job::{InsightsDone, InsightsJob};
pub use super::screens::insights_panes::{PaneDone, PaneJob};
pub use super::screens::today_coach::{CoachDone, CoachJob};
pub use super::screens::today_rest::{RestDone, RestJob};
use crate::store::Store;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// A finished job: the ticket of the refresh that asked, and what it read or why nothing.
pub struct Answer<T> {
    pub(super) ticket: u64,
    /// Boxed: what a job reads is hundreds of bytes or more, sent down a channel of small
    /// messages.
    pub(super) read: Result<Box<T>, String>,
}

impl<T> Answer<T> {
    pub fn ticket(&self) -> u64 {
        self.ticket
    }

    /// The answer for a job that could not be run to its end.
    pub fn failed(ticket: u64, why: &str) -> Self {
        Self { ticket, read: Err(why.to_string()) }
    }
}

/// What every job does: `read` in one snapshot over a read-only connection of its own, given
/// up (an "interrupted" failure) soon after `stop` is set; a failure in words.
pub(super) fn read_beside<T>(
    path: &Path,
    ticket: u64,
    stop: Arc<AtomicBool>,
    read: impl FnOnce(&Store) -> anyhow::Result<T>,
) -> Answer<T> {
    let read = Store::open_reader(path)
        .and_then(|mut store| {
            store.stop_when(stop)?;
            store.in_snapshot(read)
        })
        .map(Box::new)
        .map_err(|err| format!("{err:#}"));
    Answer { ticket, read }
}

pub enum Job {
    Rest(RestJob),
    Coach(CoachJob),
    Goals(GoalsJob),
    Insights(InsightsJob),
    Pane(PaneJob),
}

pub enum Done {
    Rest(RestDone),
    Coach(CoachDone),
    Goals(GoalsDone),
    Insights(InsightsDone),
    Pane(PaneDone),
}

/// Which screen a job works for: one of each may be out at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rest,
    Coach,
    Goals,
    Insights,
    Pane,
}

impl Job {
    /// Here and now, as the loop does when nothing runs beside it (tests, benchmarks).
    pub fn run(self) -> Done {
        self.run_until(Arc::default())
    }

    /// Given up (an "interrupted" failure) soon after `stop` is set.
    pub fn run_until(self, stop: Arc<AtomicBool>) -> Done {
        match self {
            Self::Rest(job) => Done::Rest(job.run_until(stop)),
            Self::Coach(job) => Done::Coach(job.run_until(stop)),
            Self::Goals(job) => Done::Goals(job.run_until(stop)),
            Self::Insights(job) => Done::Insights(job.run_until(stop)),
            Self::Pane(job) => Done::Pane(job.run_until(stop)),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Self::Rest(_) => Kind::Rest,
            Self::Coach(_) => Kind::Coach,
            Self::Goals(_) => Kind::Goals,
            Self::Insights(_) => Kind::Insights,
            Self::Pane(_) => Kind::Pane,
        }
    }

    pub fn ticket(&self) -> u64 {
        match self {
            Self::Rest(job) => job.ticket(),
            Self::Coach(job) => job.ticket(),
            Self::Goals(job) => job.ticket(),
            Self::Insights(job) => job.ticket(),
            Self::Pane(job) => job.ticket(),
        }
    }
}

impl Done {
    /// The answer for a job whose thread could not start or stopped without one.
    pub fn failed(kind: Kind, ticket: u64, why: &str) -> Self {
        match kind {
            Kind::Rest => Self::Rest(RestDone::failed(ticket, why)),
            Kind::Coach => Self::Coach(CoachDone::failed(ticket, why)),
            Kind::Goals => Self::Goals(GoalsDone::failed(ticket, why)),
            Kind::Insights => Self::Insights(InsightsDone::failed(ticket, why)),
            Kind::Pane => Self::Pane(PaneDone::failed(ticket, why)),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Self::Rest(_) => Kind::Rest,
            Self::Coach(_) => Kind::Coach,
            Self::Goals(_) => Kind::Goals,
            Self::Insights(_) => Kind::Insights,
            Self::Pane(_) => Kind::Pane,
        }
    }

    pub fn ticket(&self) -> u64 {
        match self {
            Self::Rest(done) => done.ticket(),
            Self::Coach(done) => done.ticket(),
            Self::Goals(done) => done.ticket(),
            Self::Insights(done) => done.ticket(),
            Self::Pane(done) => done.ticket(),
        }
    }
}
