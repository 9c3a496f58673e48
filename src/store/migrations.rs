//! Append-only migrations on `PRAGMA user_version`, applied in one `BEGIN IMMEDIATE`
//! transaction: either every pending step lands or none does.

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, TransactionBehavior};

/// Every schema step, oldest first. Never edit or reorder a released entry; append a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
    include_str!("schema_v6.sql"),
    include_str!("schema_v7.sql"),
    include_str!("schema_v8.sql"),
    include_str!("schema_v9.sql"),
    include_str!("schema_v10.sql"),
];

/// The schema version this binary writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Refuses a database written by a newer salescoach before anything touches the file.
pub fn check_not_newer(conn: &Connection, migrations: &[&str]) -> Result<()> {
    check_version(user_version(conn)?, migrations)
}

pub(super) fn check_version(found: i64, migrations: &[&str]) -> Result<()> {
    let known = migrations.len() as i64;
    if found > known {
        bail!(
            "database schema version {found} is newer than this salescoach understands ({known}); upgrade salescoach"
        );
    }
    Ok(())
}

/// Refuses another application's SQLite file and a schema newer than this binary.
pub(super) fn check_identity(app_id: i64, version: i64, objects: i64, migrations: &[&str]) -> Result<()> {
    if app_id != 0 && app_id != super::APPLICATION_ID {
        bail!("it is an SQLite database of another application (application_id {app_id})");
    }
    check_version(version, migrations)?;
    if app_id == 0 && objects > 0 {
        bail!("it is an SQLite database, but not a salescoach one ({objects} foreign objects)");
    }
    Ok(())
}

/// Applies the pending steps of `migrations`; a no-op on an up-to-date database.
pub fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    check_not_newer(conn, migrations)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have created or migrated the
    // file since the first look, so its identity is judged again here.
    let current = user_version(&tx)?;
    let app_id: i64 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let objects: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if current == 0 {
        check_identity(app_id, current, objects, migrations)?;
    } else {
        check_version(current, migrations)?;
    }
    if current == migrations.len() as i64 {
        return Ok(());
    }
    // Schemas 4 to 8 stored the undo triggers in the file; they go (they are TEMP now, made
    // per connection), and never stand in the way of changing a table.
    super::undo_triggers::drop_all(&tx)?;
    for (index, sql) in migrations.iter().enumerate().skip(current.max(0) as usize) {
        let version = index + 1;
        tx.execute_batch(sql).with_context(|| format!("applying schema migration {version}"))?;
        tx.pragma_update(None, "user_version", version as i64)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dump::SAME_TABLES_SINCE;

    fn tables_at(version: usize) -> Vec<crate::domain::dump::TableSchema> {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &MIGRATIONS[..version]).unwrap();
        super::super::export::table_schemas(&conn).unwrap()
    }

    #[test]
    fn the_tables_are_the_same_from_the_version_exports_restore_from() {
        let since = usize::try_from(SAME_TABLES_SINCE).unwrap();
        assert_eq!(
            tables_at(since),
            tables_at(MIGRATIONS.len()),
            "a migration changed a table: move SAME_TABLES_SINCE"
        );
        assert_ne!(
            tables_at(since - 1),
            tables_at(since),
            "SAME_TABLES_SINCE is the version that last changed a table"
        );
    }
}
