//! The only place that speaks SQL. `Store` owns one connection to the seller's database file.

mod cards;
mod care;
mod coach;
mod customers;
mod demo;
mod figures;
mod followup_actions;
mod followups;
mod goals;
mod knowledge;
mod lookup;
mod migrations;
mod motivation;
mod open;
pub mod plans;
pub mod records;
mod report;
mod sales;
pub mod search;
mod stats;
mod techniques;

pub use cards::ProductTraining;
pub use care::Rated;
pub use coach::TechniqueReport;
pub use customers::{CustomerFigures, CustomerFilter};
pub use demo::{DemoSummary, NotEmpty, ScaleSummary};
pub use figures::Stats;
pub use followup_actions::Completed;
pub use followups::{CHECKLIST_SECTIONS, Checklist, ChecklistItem, ChecklistRow, StayInTouch};
pub use knowledge::CardSync;
pub use lookup::Named;
pub use migrations::{MIGRATIONS, latest_version, migrate, user_version};
pub use motivation::NewItem;
pub use sales::{SaleFilter, SaleRow};
pub use stats::Counts;
pub use techniques::Technique;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a salescoach database ('SALC'), so a foreign SQLite file is
/// recognised and refused instead of being migrated into.
pub const APPLICATION_ID: i64 = 0x5341_4C43;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens or creates the database at `path`, refusing anything that is not a salescoach
    /// database of this or an older version. A refused file is left byte-for-byte unchanged.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = open::open_file(path)?;
        let mut store = Self { conn, path: Some(path.to_path_buf()) };
        store.seed_builtins()?;
        Ok(store)
    }

    /// A fresh, migrated database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        migrate(&mut conn, MIGRATIONS)?;
        let mut store = Self { conn, path: None };
        store.seed_builtins()?;
        Ok(store)
    }

    /// The shipped motivational items and starter techniques, added once; later versions
    /// add only what is new.
    fn seed_builtins(&mut self) -> Result<()> {
        let items = crate::assets::motivation_items()?;
        // Skip the write lock when this version's set was already seeded.
        let version = format!("{}:{}", items.len(), items.last().map_or("", |i| i.key.as_str()));
        let seeded: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'motivation_assets'", [], |r| r.get(0))
            .optional()?;
        if seeded.as_deref() == Some(version.as_str()) {
            return Ok(());
        }
        self.write(|tx| {
            motivation::seed_items(tx, &items)?;
            motivation::seed_techniques(tx)?;
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('motivation_assets', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [&version],
            )?;
            Ok(())
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a
    /// second process waits (busy_timeout) instead of failing half-way; any error rolls back.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
