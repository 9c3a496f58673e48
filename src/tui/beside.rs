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

/// What a screen hands out: its work, with the ticket of the refresh that asked.
pub enum Work {
    Rest(RestJob),
    Coach(CoachJob),
    Goals(GoalsJob),
    Insights(InsightsJob),
    Pane(PaneJob),
}

/// A screen's work as the app hands it out, stamped with the screens it is for: undo and
/// redo rebuild every screen, whose tickets then start again, so an answer for the screens
/// before is dropped whatever its ticket says.
pub struct Job {
    pub(super) screens: u64,
    pub(super) work: Work,
}

/// What a job read, for the screen that asked.
pub enum Answered {
    Rest(RestDone),
    Coach(CoachDone),
    Goals(GoalsDone),
    Insights(InsightsDone),
    Pane(PaneDone),
}

/// A finished job: what it read, for the screens it was handed out for.
pub struct Done {
    pub(super) screens: u64,
    pub(super) answer: Answered,
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

/// What tells one job, and its answer, from every other: its kind, its ticket and the
/// screens it was handed out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    pub kind: Kind,
    pub ticket: u64,
    screens: u64,
}

impl Receipt {
    /// The answer for a job whose thread could not start or stopped without one.
    pub fn failed(self, why: &str) -> Done {
        let ticket = self.ticket;
        let answer = match self.kind {
            Kind::Rest => Answered::Rest(RestDone::failed(ticket, why)),
            Kind::Coach => Answered::Coach(CoachDone::failed(ticket, why)),
            Kind::Goals => Answered::Goals(GoalsDone::failed(ticket, why)),
            Kind::Insights => Answered::Insights(InsightsDone::failed(ticket, why)),
            Kind::Pane => Answered::Pane(PaneDone::failed(ticket, why)),
        };
        Done { screens: self.screens, answer }
    }
}

impl Job {
    /// Here and now, as the loop does when nothing runs beside it (tests, benchmarks).
    pub fn run(self) -> Done {
        self.run_until(Arc::default())
    }

    /// Given up (an "interrupted" failure) soon after `stop` is set.
    pub fn run_until(self, stop: Arc<AtomicBool>) -> Done {
        let answer = match self.work {
            Work::Rest(job) => Answered::Rest(job.run_until(stop)),
            Work::Coach(job) => Answered::Coach(job.run_until(stop)),
            Work::Goals(job) => Answered::Goals(job.run_until(stop)),
            Work::Insights(job) => Answered::Insights(job.run_until(stop)),
            Work::Pane(job) => Answered::Pane(job.run_until(stop)),
        };
        Done { screens: self.screens, answer }
    }

    pub fn receipt(&self) -> Receipt {
        let (kind, ticket) = match &self.work {
            Work::Rest(job) => (Kind::Rest, job.ticket()),
            Work::Coach(job) => (Kind::Coach, job.ticket()),
            Work::Goals(job) => (Kind::Goals, job.ticket()),
            Work::Insights(job) => (Kind::Insights, job.ticket()),
            Work::Pane(job) => (Kind::Pane, job.ticket()),
        };
        Receipt { kind, ticket, screens: self.screens }
    }

    pub fn kind(&self) -> Kind {
        self.receipt().kind
    }

    pub fn ticket(&self) -> u64 {
        self.receipt().ticket
    }

    /// The answer for this job when its thread stops, or cannot start, without one.
    pub fn failed(&self, why: &str) -> Done {
        self.receipt().failed(why)
    }
}

impl Done {
    pub fn receipt(&self) -> Receipt {
        let (kind, ticket) = match &self.answer {
            Answered::Rest(done) => (Kind::Rest, done.ticket()),
            Answered::Coach(done) => (Kind::Coach, done.ticket()),
            Answered::Goals(done) => (Kind::Goals, done.ticket()),
            Answered::Insights(done) => (Kind::Insights, done.ticket()),
            Answered::Pane(done) => (Kind::Pane, done.ticket()),
        };
        Receipt { kind, ticket, screens: self.screens }
    }

    pub fn kind(&self) -> Kind {
        self.receipt().kind
    }

    pub fn ticket(&self) -> u64 {
        self.receipt().ticket
    }
}
