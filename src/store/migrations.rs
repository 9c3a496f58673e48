//! Append-only migrations on `PRAGMA user_version`, applied in one `BEGIN IMMEDIATE`
//! transaction: either every pending step lands or none does.

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, TransactionBehavior};

/// Every schema step, oldest first. Never edit or reorder a released entry; append a new one.
pub const MIGRATIONS: &[&str] = &[include_str!("schema_v1.sql"), include_str!("schema_v2.sql")];

/// The schema version this binary writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Refuses a database written by a newer salescoach before anything touches the file.
pub fn check_not_newer(conn: &Connection, migrations: &[&str]) -> Result<()> {
    let found = user_version(conn)?;
    let known = migrations.len() as i64;
    if found > known {
        bail!(
            "database schema version {found} is newer than this salescoach understands ({known}); upgrade salescoach"
        );
    }
    Ok(())
}

/// Applies the pending steps of `migrations`; a no-op on an up-to-date database.
pub fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    check_not_newer(conn, migrations)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have migrated meanwhile.
    let current = user_version(&tx)?;
    for (index, sql) in migrations.iter().enumerate().skip(current.max(0) as usize) {
        let version = index + 1;
        tx.execute_batch(sql).with_context(|| format!("applying schema migration {version}"))?;
        tx.pragma_update(None, "user_version", version as i64)?;
    }
    tx.commit()?;
    Ok(())
}
