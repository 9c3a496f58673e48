//! Which tables have their undo triggers on this connection, and how a change gets the ones
//! it needs before it writes anything.
//!
//! The triggers are TEMP (see `undo_triggers`), made for a table the first time a change
//! writes it. Which tables a change writes is learnt from SQLite itself: while a change
//! runs, an authorizer refuses any statement that would write a recorded table still
//! without its triggers, and notes the table. The change is rolled back, the triggers are
//! made, and the change runs again from the start. Statements in triggers and foreign-key
//! actions are authorized as the statement that fires them is compiled, so the rows they
//! change are found the same way. Making a TEMP trigger expires every prepared statement,
//! so nothing compiled before the triggers existed runs without them.

use super::undo_triggers;
use anyhow::Result;
use rusqlite::Connection;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Default)]
struct Tables {
    /// The tables whose changes are recorded, read once from the schema.
    recorded: Option<HashSet<String>>,
    /// Those with their triggers on this connection.
    installed: HashSet<String>,
    /// Written by the change under way without their triggers.
    wanted: BTreeSet<String>,
}

/// One connection's undo triggers, shared with the authorizer that guards a change.
#[derive(Default, Clone)]
pub(super) struct UndoScope(Arc<Mutex<Tables>>);

impl UndoScope {
    fn tables(&self) -> std::sync::MutexGuard<'_, Tables> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Before a change: learns the recorded tables once, and, while some still lack their
    /// triggers, drops the cached statements (one compiled outside a change was never shown
    /// to the authorizer, so it could write such a table unrecorded).
    pub(super) fn prepare(&self, conn: &Connection) -> Result<()> {
        let mut tables = self.tables();
        if tables.recorded.is_none() {
            tables.recorded = Some(undo_triggers::recorded_tables(conn)?.into_iter().collect());
        }
        if tables.recorded.as_ref().is_some_and(|r| r.len() > tables.installed.len()) {
            conn.flush_prepared_statement_cache();
        }
        Ok(())
    }

    /// Makes the triggers of every recorded table still without them, for a change that
    /// cannot be tried twice.
    pub(super) fn install_all(&self, conn: &Connection) -> Result<()> {
        self.prepare(conn)?;
        let missing: Vec<String> = {
            let tables = self.tables();
            let recorded = tables.recorded.iter().flatten();
            recorded.filter(|t| !tables.installed.contains(*t)).cloned().collect()
        };
        for table in missing {
            undo_triggers::install_temp(conn, &table)?;
            self.tables().installed.insert(table);
        }
        Ok(())
    }

    /// The authorizer for a change: writes to a recorded table without its triggers are
    /// refused and noted; everything else is allowed.
    pub(super) fn guard(&self) -> impl for<'r> FnMut(AuthContext<'r>) -> Authorization + Send + 'static {
        let scope = self.clone();
        move |context| {
            let table = match context.action {
                AuthAction::Insert { table_name }
                | AuthAction::Update { table_name, .. }
                | AuthAction::Delete { table_name } => table_name,
                _ => return Authorization::Allow,
            };
            if context.database_name != Some("main") {
                return Authorization::Allow;
            }
            let mut tables = scope.tables();
            let recorded = tables.recorded.as_ref().is_some_and(|r| r.contains(table));
            if recorded && !tables.installed.contains(table) {
                tables.wanted.insert(table.to_string());
                return Authorization::Deny;
            }
            Authorization::Allow
        }
    }

    /// After a try at a change: makes the triggers it was refused for. `false` when it
    /// wanted none (the try stands, whatever its result).
    pub(super) fn install_wanted(&self, conn: &Connection) -> Result<bool> {
        let wanted = std::mem::take(&mut self.tables().wanted);
        for table in &wanted {
            undo_triggers::install_temp(conn, table)?;
            self.tables().installed.insert(table.clone());
        }
        Ok(!wanted.is_empty())
    }
}
