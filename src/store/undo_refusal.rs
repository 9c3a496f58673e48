//! Why a recorded statement could not be replayed, in words naming the rows involved: the
//! row is gone, exists again, has lost what it refers to, or is what other rows refer to.

use super::undo::Entry;
use super::undo_triggers::key_columns;
use crate::domain::undo::{and_list, noun, row_name};
use anyhow::Result;
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

pub(super) fn gone(entry: &Entry) -> String {
    format!("{} is no longer there", row_name(&entry.table, &entry.key))
}

/// Why a recorded statement failed, in words naming the rows involved.
pub(super) fn explain(tx: &Connection, entry: &Entry, err: &rusqlite::Error) -> Result<String> {
    let row = row_name(&entry.table, &entry.key);
    let (code, message) = match err {
        rusqlite::Error::SqliteFailure(e, message) => (e, message.clone().unwrap_or_default()),
        other => return Ok(format!("{row}: {other}")),
    };
    if code.code != ErrorCode::ConstraintViolation {
        return Ok(format!("{row}: {message}"));
    }
    // The extended code is not always the constraint's own (a check made at the end of a
    // statement with triggers reports SQLITE_CONSTRAINT_TRIGGER), so the message decides.
    let is_delete = entry.sql.starts_with("DELETE");
    if let Some(columns) = message.strip_prefix("UNIQUE constraint failed: ") {
        let columns: Vec<&str> = columns.split(", ").map(|c| c.rsplit('.').next().unwrap_or(c)).collect();
        if columns == key_columns(tx, &entry.table)?
            || code.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
        {
            return Ok(format!("{row} exists again"));
        }
        let noun = noun(&entry.table).unwrap_or("row");
        return Ok(format!("{row} cannot come back: another {noun} now has its {}", columns.join(" and ")));
    }
    if !message.starts_with("FOREIGN KEY constraint failed") {
        return Ok(format!("{row}: {message}"));
    }
    if is_delete {
        let children = referring_rows(tx, &entry.table, &entry.key)?;
        return Ok(match children.len() {
            0 => format!("other rows refer to {row}"),
            1 => format!("{} depends on {row}", children[0]),
            _ => format!("{} depend on {row}", and_list(&children)),
        });
    }
    Ok(match missing_parent(tx, entry)? {
        Some(parent) => format!("{row} refers to {parent}, which is no longer there"),
        None => format!("{row} refers to a row that is no longer there"),
    })
}

/// Rows of other tables whose foreign key points at `table`'s row `key` (a few, named).
fn referring_rows(tx: &Connection, table: &str, key: &str) -> Result<Vec<String>> {
    let parent_keys = key_columns(tx, table)?;
    let [parent_key] = parent_keys.as_slice() else { return Ok(Vec::new()) };
    let mut found = Vec::new();
    let tables: Vec<String> = tx
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for child in tables {
        let refs: Vec<(String, Option<String>)> = tx
            .prepare("SELECT \"from\", \"to\" FROM pragma_foreign_key_list(?1) WHERE \"table\" = ?2")?
            .query_map(params![child, table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let child_keys = key_columns(tx, &child)?;
        let child_key =
            child_keys.iter().map(|k| format!("quote({})", ident(k))).collect::<Vec<_>>().join(" || ', ' || ");
        for (from, to) in refs {
            if to.as_deref().is_some_and(|to| to != parent_key) {
                continue;
            }
            // `key` came from quote(): a literal, safe to splice.
            let sql = format!("SELECT {child_key} FROM {} WHERE {} = {key} LIMIT 3", ident(&child), ident(&from));
            let keys: Vec<String> = tx.prepare(&sql)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            found.extend(keys.iter().map(|k| row_name(&child, k)));
        }
    }
    Ok(found)
}

/// The row a failed INSERT or UPDATE refers to that is missing: the statement is tried
/// again with foreign keys deferred, and SQLite's own check names the reference.
fn missing_parent(tx: &Connection, entry: &Entry) -> Result<Option<String>> {
    tx.execute_batch("SAVEPOINT undo_probe; PRAGMA defer_foreign_keys = ON;")?;
    let found = (|| -> Result<Option<String>> {
        tx.execute(&entry.sql, [])?;
        let violation: Option<(i64, String, i64)> = tx
            .query_row(
                "SELECT rowid, parent, fkid FROM pragma_foreign_key_check(?1) LIMIT 1",
                params![entry.table],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((rowid, parent, fkid)) = violation else { return Ok(None) };
        let from: String = tx.query_row(
            "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE id = ?2",
            params![entry.table, fkid],
            |r| r.get(0),
        )?;
        let value: String = tx.query_row(
            &format!("SELECT quote({}) FROM {} WHERE rowid = ?1", ident(&from), ident(&entry.table)),
            params![rowid],
            |r| r.get(0),
        )?;
        Ok(Some(row_name(&parent, &value)))
    })();
    tx.execute_batch("ROLLBACK TO undo_probe; RELEASE undo_probe; PRAGMA defer_foreign_keys = OFF;")?;
    Ok(found.unwrap_or(None))
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
