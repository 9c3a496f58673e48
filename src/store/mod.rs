//! The only place that speaks SQL. `Store` owns one connection to the seller's database file.

mod agenda;
pub mod backup;
mod cards;
mod care;
mod coach;
mod columns;
mod contacts;
mod customers;
mod data_version;
mod deal_stages;
mod deals;
mod demo;
mod dump_restore;
mod edits;
pub mod errors;
mod export;
mod figures;
mod followup_actions;
mod followups;
mod goals;
mod health;
pub mod import;
mod import_apply;
mod import_log;
pub mod interaction_log;
mod knowledge;
mod lookup;
mod migrations;
mod motivation;
pub mod objections;
mod open;
pub mod pages;
pub mod plans;
mod playbooks;
mod record_edits;
pub mod records;
mod report;
mod request_keys;
mod restore;
mod sales;
mod sales_log;
pub mod search;
mod segments;
#[doc(hidden)]
pub mod statement_log;
mod stats;
mod technique_groups;
mod techniques;
pub mod undo;
mod undo_refusal;
mod undo_scope;
pub mod undo_triggers;

pub use backup::{BackupInfo, BackupKind};
pub use cards::ProductTraining;
pub use care::Rated;
pub use coach::TechniqueReport;
pub use customers::{CustomerFigures, CustomerFilter};
pub use demo::{DemoSummary, NotEmpty, ScaleSummary};
pub use edits::{FollowupPlan, SaleDeleted};
pub use errors::WriteRefused;
pub use figures::Stats;
pub use followup_actions::Completed;
pub use followups::{CHECKLIST_SECTIONS, Checklist, ChecklistItem, ChecklistRow, DueFollowup, StayInTouch};
pub use health::Health;
pub use knowledge::CardSync;
pub use lookup::Named;
pub use migrations::{MIGRATIONS, latest_version, migrate, user_version};
pub use motivation::NewItem;
pub use open::Access;
pub use request_keys::{RequestKey, validate_key};
pub use restore::{Restored, restore};
pub use sales::{SaleFilter, SaleRow};
pub use stats::Counts;
pub use techniques::Technique;
pub use undo::{Step, UndoRefused};

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// Set by every committed write, so the command line knows to take the day's backup.
static WROTE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this process committed a write.
pub fn wrote_in_this_process() -> bool {
    WROTE.load(std::sync::atomic::Ordering::Relaxed)
}

/// What `salescoach check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub integrity: Health,
    pub foreign_keys: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == Health::Intact && self.foreign_keys.is_empty()
    }
}

/// `PRAGMA application_id` of a salescoach database ('SALC'), so a foreign SQLite file is
/// recognised and refused instead of being migrated into.
pub const APPLICATION_ID: i64 = 0x5341_4C43;

pub struct Store {
    // Field order matters: the connection closes (and checkpoints the WAL into the file)
    // before `watch` records the file it leaves behind.
    conn: Connection,
    path: Option<PathBuf>,
    access: Access,
    health: Health,
    /// `--id-key` to record with the next write.
    pending_key: Option<(String, &'static str)>,
    /// The tables with undo triggers on this connection.
    undo_scope: undo_scope::UndoScope,
    watch: health::Watch,
}

impl Drop for Store {
    fn drop(&mut self) {
        // Runs before the fields drop: a change by another process since our last write
        // must not be vouched for.
        self.watch.before_change();
    }
}

impl Store {
    /// Opens or creates the database at `path`, refusing anything that is not a salescoach
    /// database of this or an older version. A refused file is left byte-for-byte unchanged.
    /// Writes only when the file is new or needs an upgrade (taking a backup first); a file
    /// that may have changed behind our back is checked with `PRAGMA quick_check`, and a
    /// damaged one opens for reading only.
    pub fn open(path: &Path) -> Result<Self> {
        // Wall-clock time only names the file; no rule depends on it.
        let upgrade_backup = |conn: &Connection| {
            let now = chrono::Local::now().naive_local();
            backup::copy_database(conn, &backup::new_backup_path(path, now, BackupKind::Upgrade), false)
        };
        let mut opened = open::open_file(path, upgrade_backup)?;
        statement_log::attach(&mut opened.conn)?;
        let on_disk = health::recorded(path);
        let now = health::Fingerprint::of(path);
        let health = if opened.found_version == 0 || (now.is_some() && on_disk == now) {
            Health::Intact
        } else {
            health::quick_check(&opened.conn)
        };
        let watch = health::Watch::new(path, health == Health::Intact, on_disk);
        open::configure(&opened.conn)?;
        let mut store = Self {
            conn: opened.conn,
            path: Some(path.to_path_buf()),
            access: opened.access,
            health,
            pending_key: None,
            undo_scope: Default::default(),
            watch,
        };
        if store.refusal().is_none() {
            store.seed_builtins()?;
        }
        Ok(store)
    }

    /// A second, read-only connection to a file this process already opened with
    /// [`Store::open`] (which upgraded and checked it), for work done on another thread
    /// while the app goes on: no migration, no check, and it can never write. WAL lets it
    /// read beside the app's own connection, also while that one writes.
    pub fn open_reader(path: &Path) -> Result<Self> {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| errors::describe(&e, path))?;
        statement_log::attach(&mut conn)?;
        open::configure(&conn)?;
        Ok(Self {
            conn,
            path: Some(path.to_path_buf()),
            access: Access::ReadOnly("this connection only reads, beside the app's own".into()),
            health: Health::Intact,
            pending_key: None,
            undo_scope: Default::default(),
            watch: health::Watch::none(),
        })
    }

    /// Makes every statement on this connection, from now on, stop with an "interrupted"
    /// error soon after `stop` is set: work on a thread beside the app ends when the app does,
    /// so the app's own connection is the last to close and takes the WAL with it.
    pub fn stop_when(&mut self, stop: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Result<()> {
        // Looked at every thousand virtual-machine steps: microseconds apart.
        self.conn.progress_handler(1000, Some(move || stop.load(std::sync::atomic::Ordering::Relaxed)))?;
        Ok(())
    }

    /// A fresh, migrated database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        statement_log::attach(&mut conn)?;
        open::configure(&conn)?;
        migrate(&mut conn, MIGRATIONS)?;
        let mut store = Self {
            conn,
            path: None,
            access: Access::ReadWrite,
            health: Health::Intact,
            pending_key: None,
            undo_scope: Default::default(),
            watch: health::Watch::none(),
        };
        store.seed_builtins()?;
        Ok(store)
    }

    /// The shipped motivational items and starter techniques, added once; later versions
    /// add only what is new.
    fn seed_builtins(&mut self) -> Result<()> {
        // Skip the write lock (and reading the files) when this version's set was seeded.
        let version = format!("fnv1a:{:016x}", crate::assets::BUILTINS_DIGEST);
        let seeded: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'motivation_assets'", [], |r| r.get(0))
            .optional()?;
        if seeded.as_deref() == Some(version.as_str()) {
            return Ok(());
        }
        let items = crate::assets::motivation_items()?;
        self.write_unrecorded(|tx| {
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

    /// Runs `f` in one read transaction: every query it makes sees the same snapshot, even
    /// while another process writes (a list read twice: for its widths, then its lines).
    pub fn in_snapshot<T>(&self, f: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let value = f(self)?;
        tx.commit()?;
        Ok(value)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a
    /// second process waits (busy_timeout) instead of failing half-way; any error rolls back.
    /// Refused with [`WriteRefused`] when the file is damaged or read-only.
    ///
    /// Not an undo step: a user action goes through [`Store::change`], which calls this. Only
    /// writes the seller did not make as such use it directly (the shipped items seeded on
    /// open, the day's motivational pick, loading a whole export or a synthetic data set).
    pub fn write_unrecorded<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let pending_key = self.pending_key.take();
        self.write_keyed(pending_key.as_ref(), f)
    }

    /// [`Store::write_unrecorded`], recording `pending_key` (`--id-key`) with the write.
    fn write_keyed<T>(
        &mut self,
        pending_key: Option<&(String, &'static str)>,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.check_writable()?;
        self.watch.before_change();
        let result = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            if let Some((key, command)) = pending_key {
                request_keys::record(&tx, key, command)?;
            }
            tx.commit()?;
            Ok(value)
        })();
        match &result {
            Ok(_) => {
                self.watch.after_change();
                WROTE.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            Err(err) if errors::is_damage(err) => self.watch.distrust(),
            Err(_) => {}
        }
        result
    }

    /// Refused with [`WriteRefused`] when writes are (see [`Store::refusal`]).
    fn check_writable(&self) -> Result<()> {
        match self.refusal() {
            Some(why) => Err(WriteRefused(why).into()),
            None => Ok(()),
        }
    }

    /// Why writes are refused, if they are: one line naming the cause and the way out.
    pub fn refusal(&self) -> Option<String> {
        let shown = self.path.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
        match (&self.health, &self.access) {
            (Health::Damaged(problem), _) => Some(format!(
                "refusing to write: {shown} is damaged ({problem}); {}",
                self.path.as_deref().map(backup::recovery_hint).unwrap_or_default()
            )),
            (Health::Intact, Access::ReadOnly(why)) => {
                Some(format!("cannot write: {why}; it is open for reading only"))
            }
            (Health::Intact, Access::ReadWrite) => None,
        }
    }

    pub fn health(&self) -> &Health {
        &self.health
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    /// Runs the full `PRAGMA integrity_check` and `foreign_key_check`; an intact file is
    /// remembered as verified (and writable again if only a quick check had failed).
    pub fn check(&mut self) -> Result<CheckReport> {
        let integrity = health::integrity_check(&self.conn);
        let foreign_keys = match health::foreign_key_check(&self.conn) {
            Ok(problems) => problems,
            // A damaged file often cannot even be asked; the integrity verdict says why.
            Err(_) if integrity != Health::Intact => Vec::new(),
            Err(err) => vec![format!("the reference check could not run: {err}")],
        };
        if integrity == Health::Intact && foreign_keys.is_empty() {
            if let Some(path) = &self.path {
                self.watch = health::Watch::new(path, true, None);
            }
            self.health = Health::Intact;
        } else {
            self.watch.distrust();
            if let Health::Damaged(problem) = &integrity {
                self.health = Health::Damaged(problem.clone());
            }
        }
        Ok(CheckReport { integrity, foreign_keys })
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
