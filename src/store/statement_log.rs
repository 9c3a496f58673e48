//! Test support: every distinct SQL statement any store connection runs, so a test can
//! `EXPLAIN QUERY PLAN` each one instead of only the queries someone remembered to list.
//! Off unless a test calls [`start`]; then every `Store` opened afterwards records.

use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

static LOG: OnceLock<Mutex<BTreeSet<String>>> = OnceLock::new();

/// From now on, every store this process opens records the statements it runs.
pub fn start() {
    LOG.get_or_init(|| Mutex::new(BTreeSet::new()));
}

/// The distinct statement texts recorded so far, as prepared (parameters unexpanded).
pub fn statements() -> Vec<String> {
    LOG.get().map(|log| log.lock().map(|set| set.iter().cloned().collect()).unwrap_or_default()).unwrap_or_default()
}

/// Called on every connection a `Store` owns; a no-op unless [`start`] was called.
pub(super) fn attach(conn: &mut Connection) -> rusqlite::Result<()> {
    let Some(log) = LOG.get() else { return Ok(()) };
    conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_STMT,
        Some(move |event: TraceEvent<'_>| {
            if let TraceEvent::Stmt(stmt, _) = event
                && let Ok(mut set) = log.lock()
            {
                set.insert(stmt.sql().into_owned());
            }
        }),
    )
}
