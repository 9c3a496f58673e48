//! Which tables have their undo triggers on this connection, and how a change gets the ones
//! it needs before it writes anything.
//!
//! The triggers are TEMP (see `undo_triggers`), each made the first time a change inserts,
//! updates or deletes rows of its table. What a change writes is learnt from SQLite itself:
//! while a change runs, an authorizer refuses any statement that would write a recorded
//! table without its trigger for that kind of change, and notes it. The change is rolled
//! back, the trigger is made, and the change runs again from the start. Statements in
//! triggers and foreign-key actions are authorized as the statement that fires them is
//! compiled, so the rows they change are found the same way. Setting the authorizer and
//! making a TEMP trigger each expire every prepared statement, so nothing compiled before
//! runs unguarded or without the triggers.

use super::undo_triggers::{self, Event};
use anyhow::Result;
use rusqlite::Connection;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Default)]
struct Tables {
    /// The tables whose changes are recorded, read once from the schema.
    recorded: Option<HashSet<String>>,
    /// The triggers made on this connection, by table and kind of change.
    installed: HashSet<(String, Event)>,
    /// What the change under way wrote without its trigger.
    wanted: BTreeSet<(String, Event)>,
}

/// One connection's undo triggers, shared with the authorizer that guards a change.
#[derive(Default, Clone)]
pub(super) struct UndoScope(Arc<Mutex<Tables>>);

impl UndoScope {
    fn tables(&self) -> std::sync::MutexGuard<'_, Tables> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Before a change: learns the recorded tables once. (A statement cached outside a
    /// change was never shown to the authorizer, but setting an authorizer expires every
    /// prepared statement, so it is compiled again, under the guard, when the change runs it.)
    pub(super) fn read_recorded(&self, conn: &Connection) -> Result<()> {
        let mut tables = self.tables();
        if tables.recorded.is_none() {
            tables.recorded = Some(undo_triggers::recorded_tables(conn)?.into_iter().collect());
        }
        Ok(())
    }

    /// Makes the triggers of every recorded table still without them, for a change that
    /// cannot be tried twice.
    pub(super) fn install_all(&self, conn: &Connection) -> Result<()> {
        self.read_recorded(conn)?;
        let missing: Vec<(String, Event)> = {
            let tables = self.tables();
            let recorded = tables.recorded.iter().flatten();
            let all = recorded.flat_map(|t| Event::ALL.map(|e| (t.clone(), e)));
            all.filter(|wanted| !tables.installed.contains(wanted)).collect()
        };
        for (table, event) in missing {
            self.install(conn, table, event)?;
        }
        Ok(())
    }

    /// The authorizer for a change: an insert, update or delete of a recorded table without
    /// its trigger for that kind of change is refused and noted; everything else is allowed.
    pub(super) fn guard(&self) -> impl for<'r> FnMut(AuthContext<'r>) -> Authorization + Send + 'static {
        let scope = self.clone();
        move |context| {
            let (table, event) = match context.action {
                AuthAction::Insert { table_name } => (table_name, Event::Insert),
                AuthAction::Update { table_name, .. } => (table_name, Event::Update),
                AuthAction::Delete { table_name } => (table_name, Event::Delete),
                _ => return Authorization::Allow,
            };
            if context.database_name != Some("main") {
                return Authorization::Allow;
            }
            let mut tables = scope.tables();
            let recorded = tables.recorded.as_ref().is_some_and(|r| r.contains(table));
            let wanted = (table.to_string(), event);
            if recorded && !tables.installed.contains(&wanted) {
                tables.wanted.insert(wanted);
                return Authorization::Deny;
            }
            Authorization::Allow
        }
    }

    /// After a try at a change: makes the triggers it was refused for. `false` when it
    /// wanted none (the try stands, whatever its result).
    pub(super) fn install_wanted(&self, conn: &Connection) -> Result<bool> {
        let wanted = std::mem::take(&mut self.tables().wanted);
        let any = !wanted.is_empty();
        for (table, event) in wanted {
            self.install(conn, table, event)?;
        }
        Ok(any)
    }

    /// Makes one trigger and notes it made.
    fn install(&self, conn: &Connection, table: String, event: Event) -> Result<()> {
        undo_triggers::install_temp_event(conn, &table, event)?;
        self.tables().installed.insert((table, event));
        Ok(())
    }
}
