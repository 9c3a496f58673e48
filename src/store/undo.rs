//! Undo and redo of whole user actions, stored in the database (see `schema_v4.sql`).
//!
//! Every user action runs through [`Store::change`]: one transaction that opens a step, lets
//! the generated triggers (`undo_triggers`, made as needed by `undo_scope`) record the
//! reverse of each row change, and names the step. The steps form one stack shared by every
//! window and command on the file: [`Store::undo`] reverses the latest step, [`Store::redo`]
//! the latest undone one, and a new change drops what could be redone, as in an editor.
//! Replaying the latest step's log newest first walks the database back through the states
//! the action went through, so every foreign key and trigger holds on the way; a statement
//! that still fails (a row changed by something that bypassed the history) refuses the
//! whole undo, naming the row at fault.

use super::{Store, undo_refusal};
use crate::domain::undo::{Direction, short_label};
use anyhow::Result;
use chrono::NaiveDateTime;
use rusqlite::hooks::{AuthContext, Authorization};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

/// How many steps are kept; older ones are forgotten as new ones come.
pub const KEPT_STEPS: i64 = 200;

/// One user action in the history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    pub id: i64,
    /// What the action did, as the status line says it ("Logged sale #12: 48.90 to Ada").
    pub label: String,
    /// Local time it was made (bookkeeping: no rule depends on it).
    pub made_at: NaiveDateTime,
    pub undone: bool,
    /// Rows the step changes.
    pub changes: u64,
}

/// An undo or redo that could not be done, in one line; nothing was changed.
#[derive(Debug)]
pub struct UndoRefused(pub String);

impl std::fmt::Display for UndoRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UndoRefused {}

const STEP_SQL: &str = "SELECT s.id, s.label, s.made_at, s.undone,
        (SELECT count(*) FROM undo_log l WHERE l.step_id = s.id) FROM undo_steps s";
pub(super) const LATEST_DONE_SQL: &str = "SELECT id FROM undo_steps WHERE undone = 0 ORDER BY id DESC LIMIT 1";
pub(super) const OLDEST_UNDONE_SQL: &str = "SELECT id FROM undo_steps WHERE undone = 1 ORDER BY id LIMIT 1";
pub(super) const STEP_LOG_SQL: &str = "SELECT tbl, row_key, sql FROM undo_log WHERE step_id = ?1 ORDER BY id DESC";
pub(super) const LIST_SQL: &str = "SELECT id FROM undo_steps ORDER BY id DESC LIMIT ?1";

fn step_row(row: &Row<'_>) -> rusqlite::Result<Step> {
    Ok(Step {
        id: row.get(0)?,
        label: row.get(1)?,
        made_at: row.get(2)?,
        undone: row.get(3)?,
        changes: row.get::<_, i64>(4)?.unsigned_abs(),
    })
}

fn step(conn: &Connection, id: i64) -> Result<Step> {
    Ok(conn.query_row(&format!("{STEP_SQL} WHERE s.id = ?1"), params![id], step_row)?)
}

fn step_at(conn: &Connection, sql: &str) -> Result<Option<Step>> {
    let id: Option<i64> = conn.query_row(sql, [], |r| r.get(0)).optional()?;
    id.map(|id| step(conn, id)).transpose()
}

/// Opens a step: from here on the triggers record into it.
pub(super) fn begin(tx: &Connection) -> Result<i64> {
    tx.execute(
        "INSERT INTO undo_steps (label, made_at) VALUES ('', strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))",
        [],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute("INSERT INTO undo_recording (step_id) VALUES (?1)", params![id])?;
    Ok(id)
}

/// Closes the step and names it. A step that changed nothing is no step (a read, an edit
/// that saved what was there); otherwise the redo stack goes and only the latest
/// [`KEPT_STEPS`] stay.
pub(super) fn finish(tx: &Connection, id: i64, label: &str) -> Result<()> {
    tx.execute("DELETE FROM undo_recording", [])?;
    let recorded: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM undo_log WHERE step_id = ?1)", params![id], |r| r.get(0))?;
    if !recorded {
        tx.execute("DELETE FROM undo_steps WHERE id = ?1", params![id])?;
        return Ok(());
    }
    tx.execute("UPDATE undo_steps SET label = ?2 WHERE id = ?1", params![id, short_label(label)])?;
    tx.execute("DELETE FROM undo_steps WHERE undone = 1", [])?;
    tx.execute(
        "DELETE FROM undo_steps WHERE id < (SELECT id FROM undo_steps ORDER BY id DESC LIMIT 1 OFFSET ?1)",
        params![KEPT_STEPS - 1],
    )?;
    Ok(())
}

/// Runs `f` as one step: opened, recorded into, named.
fn in_step<T>(tx: &Transaction<'_>, f: impl FnOnce(&Transaction<'_>) -> Result<(T, String)>) -> Result<T> {
    let id = begin(tx)?;
    let (value, label) = f(tx)?;
    finish(tx, id, &label)?;
    Ok(value)
}

/// Forgets the whole history (after a bulk load that steps cannot describe).
pub(super) fn forget(tx: &Connection) -> Result<()> {
    tx.execute("DELETE FROM undo_steps", [])?;
    Ok(())
}

/// One recorded statement.
pub(super) struct Entry {
    pub table: String,
    pub key: String,
    pub sql: String,
}

/// Replays `step`'s log newest first, recording the statements that reverse the replay in
/// its place, and flips the step between done and undone.
fn replay(tx: &Transaction<'_>, step: &Step, direction: Direction) -> Result<()> {
    let entries: Vec<Entry> = tx
        .prepare(STEP_LOG_SQL)?
        .query_map(params![step.id], |r| Ok(Entry { table: r.get(0)?, key: r.get(1)?, sql: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute("DELETE FROM undo_log WHERE step_id = ?1", params![step.id])?;
    tx.execute("INSERT INTO undo_recording (step_id) VALUES (?1)", params![step.id])?;
    for entry in &entries {
        let problem = match tx.execute(&entry.sql, []) {
            Ok(1) => continue,
            Ok(_) => undo_refusal::gone(entry),
            Err(err) => undo_refusal::explain(tx, entry, &err)?,
        };
        return Err(UndoRefused(format!(
            "cannot {} \"{}\": {problem}; nothing was changed",
            direction.verb(),
            step.label
        ))
        .into());
    }
    tx.execute("DELETE FROM undo_recording", [])?;
    tx.execute("UPDATE undo_steps SET undone = 1 - undone WHERE id = ?1", params![step.id])?;
    Ok(())
}

impl Store {
    /// Runs `f` as one user action: one transaction, recorded as one undo step named by the
    /// label `f` returns with its value ("Logged sale #12: 48.90 to Ada Lovelace"). A step
    /// that changes nothing is not kept. See [`Store::write_unrecorded`] for writes that
    /// are not user actions.
    ///
    /// `f` may run more than once: a try that writes a table whose undo triggers this
    /// connection has not made yet is rolled back and made again once they are there. So `f`
    /// is `Fn`, changing nothing but the database ([`Store::change_once`] for a stream).
    pub fn change<T>(&mut self, f: impl Fn(&Transaction<'_>) -> Result<(T, String)>) -> Result<T> {
        self.recorded(|tx| in_step(tx, &f))
    }

    /// [`Store::change`] for an `f` that can run only once (it consumes a stream of rows):
    /// the undo triggers of every table are made first, so it is never tried again.
    pub fn change_once<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<(T, String)>) -> Result<T> {
        self.check_writable()?;
        self.undo_scope.install_all(&self.conn)?;
        let mut f = Some(f);
        self.recorded(|tx| {
            let f = f.take().ok_or_else(|| anyhow::anyhow!("a change that runs once was tried again"))?;
            in_step(tx, f)
        })
    }

    /// Runs `f` in a write transaction with the undo triggers of every table it writes in
    /// place (see `undo_scope`), trying again after making any that were missing.
    fn recorded<T>(&mut self, mut f: impl FnMut(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // Before anything reads the schema: a damaged file gets its one-line refusal.
        self.check_writable()?;
        let pending_key = self.pending_key.take();
        self.undo_scope.read_recorded(&self.conn)?;
        loop {
            self.conn.authorizer(Some(self.undo_scope.guard()))?;
            let result = self.write_keyed(pending_key.as_ref(), &mut f);
            self.conn.authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
            if !self.undo_scope.install_wanted(&self.conn)? {
                return result;
            }
        }
    }

    /// Reverses the latest change (made in this window or any other, in this session or an
    /// earlier one). `None` when there is nothing to undo; refused with [`UndoRefused`],
    /// changing nothing, when the database no longer fits it.
    pub fn undo(&mut self) -> Result<Option<Step>> {
        self.recorded(|tx| {
            let Some(step) = step_at(tx, LATEST_DONE_SQL)? else { return Ok(None) };
            replay(tx, &step, Direction::Undo)?;
            Ok(Some(self::step(tx, step.id)?))
        })
    }

    /// Reverses step `id`, which must still be the latest change: the check is made under
    /// the write lock, so a change another window made meanwhile is named, not undone.
    pub fn undo_step(&mut self, id: i64) -> Result<Step> {
        self.recorded(|tx| {
            let step = step(tx, id).map_err(|_| UndoRefused(format!("there is no change #{id} to undo")))?;
            if step.undone {
                return Err(UndoRefused(format!("\"{}\" is already undone", step.label)).into());
            }
            let later: Vec<String> = tx
                .prepare("SELECT label FROM undo_steps WHERE undone = 0 AND id > ?1 ORDER BY id DESC")?
                .query_map(params![id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if !later.is_empty() {
                let quoted: Vec<String> = later.iter().take(3).map(|l| format!("\"{l}\"")).collect();
                let more = if later.len() > 3 { format!(" and {} more", later.len() - 3) } else { String::new() };
                return Err(UndoRefused(format!(
                    "cannot undo \"{}\": later changes came after it: {}{more}; undo those first",
                    step.label,
                    quoted.join(", ")
                ))
                .into());
            }
            replay(tx, &step, Direction::Undo)?;
            self::step(tx, id)
        })
    }

    /// Makes the latest undone change again. `None` when there is nothing to redo (a change
    /// made after an undo drops what could be redone).
    pub fn redo(&mut self) -> Result<Option<Step>> {
        self.recorded(|tx| {
            let Some(step) = step_at(tx, OLDEST_UNDONE_SQL)? else { return Ok(None) };
            replay(tx, &step, Direction::Redo)?;
            Ok(Some(self::step(tx, step.id)?))
        })
    }

    /// The latest `limit` steps, newest first, undone ones included (they can be redone).
    pub fn undo_steps(&self, limit: u64) -> Result<Vec<Step>> {
        let ids: Vec<i64> = self
            .conn()
            .prepare_cached(LIST_SQL)?
            .query_map(params![i64::try_from(limit).unwrap_or(i64::MAX)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| step(self.conn(), id)).collect()
    }

    /// What [`Store::undo`] would reverse now.
    pub fn next_undo(&self) -> Result<Option<Step>> {
        step_at(self.conn(), LATEST_DONE_SQL)
    }

    /// What [`Store::redo`] would make again now.
    pub fn next_redo(&self) -> Result<Option<Step>> {
        step_at(self.conn(), OLDEST_UNDONE_SQL)
    }
}

/// The hot queries of the history, for the query-plan test: what the status line asks on
/// each refresh and what an undo reads. (The list, `undo --list`, reads the table's newest
/// rows backwards by rowid and stops at its limit: a SCAN by the test's words, but no more
/// than the rows it shows.)
pub(super) fn hot_queries() -> Vec<super::plans::HotQuery> {
    use super::plans::HotQuery;
    vec![
        HotQuery::new("latest change to undo", LATEST_DONE_SQL, 0),
        HotQuery::new("latest change to redo", OLDEST_UNDONE_SQL, 0),
        HotQuery::new("a change's statements", STEP_LOG_SQL, 1),
        HotQuery::new("a change's size", "SELECT count(*) FROM undo_log WHERE step_id = ?1", 1),
    ]
}
