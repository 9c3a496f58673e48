//! The pages the Insights tab opens in its place (`d`, `o`, `t`): each a grouped query over a
//! year of interactions, a second or so at a million rows, so in a real terminal they are read
//! on a thread beside the loop like the tab's own figures. A pane says what it wants read
//! ([`PaneRead`]); the tab reads it in place or hands it out as a [`PaneJob`].

use super::objection_page::ObjectionPage;
use super::segment_table::SegmentTable;
use super::technique_groups_page::TechniqueGroupsPage;
use super::{Effect, objection_page, segment_table, technique_groups_page};
use crate::config::Config;
use crate::domain::segments::{Dimension, GroupFigures, default_period};
use crate::domain::technique::TechniqueCounts;
use crate::domain::technique_groups::GroupBy;
use crate::store::Store;
use crate::store::objections::ObjectionInputs;
use crate::tui::action::Action;
use crate::tui::beside::{Answer, read_beside};
use crate::tui::context::Ctx;
use crate::tui::keymap::Binding;
use anyhow::Result;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// What a pane shows figures of; with the day they end on, all its query needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneRead {
    Segments(Dimension),
    Objections,
    Groups(GroupBy),
}

/// What the store gave for a [`PaneRead`].
pub enum PaneData {
    Segments(Vec<GroupFigures>),
    Objections(ObjectionInputs),
    Groups(Vec<(String, TechniqueCounts)>),
}

/// The 12 months to `today`, as the matching command reads them.
pub(super) fn read_pane(store: &Store, read: PaneRead, today: NaiveDate, config: &Config) -> Result<PaneData> {
    let (from, to) = default_period(today);
    Ok(match read {
        PaneRead::Segments(dimension) => {
            PaneData::Segments(store.segment_figures(dimension, from, to, today, &config.cadence_defaults())?)
        }
        PaneRead::Objections => PaneData::Objections(store.objection_inputs(from, to)?),
        PaneRead::Groups(by) => PaneData::Groups(store.technique_counts_by(by, from, to)?),
    })
}

/// The page open in place of the Insights tab.
pub(super) enum Pane {
    Segments(SegmentTable),
    Objections(ObjectionPage),
    Groups(TechniqueGroupsPage),
}

impl Pane {
    /// The pane an action opens, its figures still to be read.
    pub(super) fn opened_by(action: Action, today: NaiveDate) -> Option<Self> {
        match action {
            Action::Demographics => Some(Self::Segments(SegmentTable::new(today))),
            Action::Objections => Some(Self::Objections(ObjectionPage::new(today))),
            Action::TechniquesBy => Some(Self::Groups(TechniqueGroupsPage::new(today))),
            _ => None,
        }
    }

    /// Whether `action` closes it: Back, or the key that opened it.
    pub(super) fn closed_by(&self, action: Action) -> bool {
        let own = match self {
            Self::Segments(_) => Action::Demographics,
            Self::Objections(_) => Action::Objections,
            Self::Groups(_) => Action::TechniquesBy,
        };
        action == own || action == Action::Back
    }

    pub(super) fn keys(&self) -> &'static [Binding] {
        match self {
            Self::Segments(_) => segment_table::KEYS,
            Self::Objections(_) => objection_page::KEYS,
            Self::Groups(_) => technique_groups_page::KEYS,
        }
    }

    pub(super) fn read(&self) -> PaneRead {
        match self {
            Self::Segments(table) => PaneRead::Segments(table.dimension()),
            Self::Objections(_) => PaneRead::Objections,
            Self::Groups(page) => PaneRead::Groups(page.by()),
        }
    }

    /// Data of another pane's kind is ignored (the tab checks the read before it shows).
    pub(super) fn show(&mut self, data: &PaneData, ctx: &Ctx) {
        match (self, data) {
            (Self::Segments(table), PaneData::Segments(groups)) => table.show(groups, ctx),
            (Self::Objections(page), PaneData::Objections(inputs)) => page.show(inputs, ctx),
            (Self::Groups(page), PaneData::Groups(counts)) => page.show(counts, ctx),
            _ => {}
        }
    }

    pub(super) fn update(&mut self, action: Action) -> Effect {
        match self {
            Self::Segments(table) => table.update(action),
            Self::Objections(page) => page.update(action),
            Self::Groups(page) => page.update(action),
        }
    }

    pub(super) fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        match self {
            Self::Segments(table) => table.render(ctx, area, buf),
            Self::Objections(page) => page.render(ctx, area, buf),
            Self::Groups(page) => page.render(ctx, area, buf),
        }
    }
}

/// One read of a pane's figures, owned, to send to a thread.
pub struct PaneJob {
    pub(super) path: PathBuf,
    /// Which read of the pane asked; an answer for another is dropped.
    pub(super) ticket: u64,
    pub(super) read: PaneRead,
    pub(super) today: NaiveDate,
    pub(super) config: Config,
}

/// What a [`PaneJob`] read: for which figures and day, and the figures.
pub struct PaneAnswer {
    pub(super) what: (PaneRead, NaiveDate),
    pub(super) data: PaneData,
}

/// A finished [`PaneJob`]: what it read, or why nothing.
pub type PaneDone = Answer<PaneAnswer>;

impl PaneJob {
    /// Reads the figures in one snapshot over a read-only connection of its own, given up
    /// (an "interrupted" failure) soon after `stop` is set.
    pub fn run_until(self, stop: Arc<AtomicBool>) -> PaneDone {
        let what = (self.read, self.today);
        read_beside(&self.path, self.ticket, stop, |s| {
            Ok(PaneAnswer { what, data: read_pane(s, self.read, self.today, &self.config)? })
        })
    }

    pub fn ticket(&self) -> u64 {
        self.ticket
    }
}
