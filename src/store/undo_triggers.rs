//! The triggers that record undo statements, generated from the schema itself: each user
//! table gets one AFTER INSERT, UPDATE and DELETE trigger, so a table or column added later
//! is recorded without anyone remembering to list it. They are TEMP triggers, each made on
//! a connection the first time a change there makes its kind of change to its table
//! (`undo_scope`): SQLite parses every trigger in the file each time it opens it, and 76
//! stored ones were most of what any command cost before its first query.
//!
//! Each trigger appends to `undo_log`, for the step named in `undo_recording` (no row there,
//! nothing recorded), the statement that reverses its row change: a DELETE for an insert, an
//! UPDATE of the changed columns back to their old values, an INSERT of the whole old row
//! for a delete. Values are spelled with `quote()`, which round-trips every SQLite value
//! (reals with all their digits, blobs as `X'..'`).

use anyhow::Result;
use rusqlite::Connection;

/// Tables whose changes are never recorded: the undo tables themselves and the `--id-key`
/// records (a retried command must still find its key after an undo). SQLite's own tables
/// and the full-text index (virtual, with shadow tables kept by its own triggers on the
/// base tables) are not ordinary tables and never get triggers either.
pub const NOT_RECORDED: &[&str] = &["request_keys", "undo_log", "undo_recording", "undo_steps"];

/// Tables salescoach also writes outside any step (the day's motivational pick, recorded
/// when `today` first runs): restoring one of their rows replaces the row there, so an undo
/// is never refused over a pick the app made by itself.
const REPLACED_ON_RESTORE: &[&str] = &["motivation_shown"];

/// Every trigger this module makes is called `undo_<table>_<event>`.
const PREFIX: &str = "undo_";

/// The tables that get undo triggers, by name.
pub fn recorded_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names.into_iter().filter(|n| !NOT_RECORDED.contains(&n.as_str())).collect())
}

/// Drops the undo triggers stored in the file (schemas 4 to 8 kept them there; a migration
/// clears them out of its way).
pub fn drop_all(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{PREFIX}%' ESCAPE '\\'",
    ))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER {}", ident(&name)))?;
    }
    Ok(())
}

/// Makes `table`'s undo triggers on this connection (TEMP: they last as long as it does).
pub fn install_temp(conn: &Connection, table: &str) -> Result<()> {
    let shape = Shape::of(conn, table)?;
    for event in Event::ALL {
        conn.execute_batch(&shape.trigger_for(event))?;
    }
    Ok(())
}

/// Makes `table`'s undo trigger for `event` alone on this connection: an add makes only
/// the insert trigger, the smallest (the update trigger spells every column).
pub fn install_temp_event(conn: &Connection, table: &str, event: Event) -> Result<()> {
    conn.execute_batch(&Shape::of(conn, table)?.trigger_for(event))?;
    Ok(())
}

/// A kind of row change, each recorded by its own trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Event {
    Insert,
    Update,
    Delete,
}

impl Event {
    pub const ALL: [Event; 3] = [Event::Insert, Event::Update, Event::Delete];
}

/// The names of the undo triggers `table` has on this connection.
pub fn triggers_of(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND tbl_name = ?1 AND name LIKE '{PREFIX}%' ESCAPE '\\'
         ORDER BY name",
    ))?;
    Ok(stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// How many undo triggers are stored in the file itself (none since schema 9).
pub fn stored_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{PREFIX}%' ESCAPE '\\'"),
        [],
        |r| r.get(0),
    )?)
}

/// The columns a row of `table` is found by: its primary key, or `rowid` without one.
pub(super) fn key_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE pk > 0 ORDER BY pk")?;
    let keys: Vec<String> = stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(if keys.is_empty() { vec!["rowid".to_string()] } else { keys })
}

/// A table's columns and the key its rows are found by.
struct Shape {
    table: String,
    columns: Vec<String>,
    /// The primary key's columns, or `rowid` for a table without one.
    keys: Vec<String>,
    /// `rowid` is the key but not a declared column: it is restored explicitly.
    implicit_rowid: bool,
}

impl Shape {
    fn of(conn: &Connection, table: &str) -> Result<Self> {
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY cid")?;
        let columns: Vec<String> = stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let keys = key_columns(conn, table)?;
        let implicit_rowid = keys == ["rowid"] && !columns.iter().any(|c| c == "rowid");
        Ok(Self { table: table.to_string(), columns, keys, implicit_rowid })
    }

    fn trigger_for(&self, event: Event) -> String {
        match event {
            Event::Insert => self.on_insert(),
            Event::Update => self.on_update(),
            Event::Delete => self.on_delete(),
        }
    }

    /// `rows` follows `FROM undo_recording`: more tables and a WHERE to record only some changes.
    fn trigger(&self, event: &str, row: &str, sql: &str, rows: &str) -> String {
        let name = ident(&format!("{PREFIX}{}_{}", self.table, event.to_lowercase()));
        format!(
            "CREATE TEMP TRIGGER {name} AFTER {event} ON main.{table} BEGIN
    INSERT INTO undo_log (step_id, tbl, row_key, sql)
    SELECT step_id, {tbl}, {key}, {sql} FROM undo_recording{rows};
END;",
            table = ident(&self.table),
            tbl = literal(&self.table),
            key = self.key_value(row),
        )
    }

    /// The key of `row` (NEW or OLD) as SQL literals, comma-separated.
    fn key_value(&self, row: &str) -> String {
        let parts: Vec<String> = self.keys.iter().map(|k| format!("quote({row}.{})", ident(k))).collect();
        parts.join(" || ', ' || ")
    }

    /// `' WHERE "id" = ' || quote(NEW."id")`, for every key column.
    fn where_key(&self, row: &str) -> String {
        let parts: Vec<String> = self
            .keys
            .iter()
            .map(|k| format!("{} || quote({row}.{})", literal(&format!("{} = ", ident(k))), ident(k)))
            .collect();
        format!("{} || {}", literal(" WHERE "), parts.join(&format!(" || {} || ", literal(" AND "))))
    }

    fn on_insert(&self) -> String {
        let sql = format!("{} || {}", literal(&format!("DELETE FROM {}", ident(&self.table))), self.where_key("NEW"));
        self.trigger("INSERT", "NEW", &sql, "")
    }

    /// Only a real change is recorded (an UPDATE that sets what was there is none), and only
    /// the columns that changed are set back. Compared as bytes: a column's NOCASE collation
    /// must not hide a change of case. Each column is compared once, in the subquery that
    /// spells the SET list, rather than again in a WHEN clause: every command parses every
    /// trigger when it opens the file, and the update triggers were most of that work.
    fn on_update(&self) -> String {
        let sets: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                format!(
                    "iif(OLD.{c} IS NOT NEW.{c} COLLATE BINARY, {} || quote(OLD.{c}), '')",
                    literal(&format!(", {} = ", ident(c))),
                    c = ident(c)
                )
            })
            .collect();
        let sql = format!(
            "{} || substr(s, 3) || {}",
            literal(&format!("UPDATE {} SET ", ident(&self.table))),
            self.where_key("NEW")
        );
        self.trigger("UPDATE", "NEW", &sql, &format!(", (SELECT {} AS s) WHERE s <> ''", sets.join(" || ")))
    }

    fn on_delete(&self) -> String {
        let mut columns: Vec<String> = self.columns.iter().map(|c| ident(c)).collect();
        if self.implicit_rowid {
            columns.insert(0, "rowid".to_string());
        }
        let values: Vec<String> = columns.iter().map(|c| format!("quote(OLD.{c})")).collect();
        let verb = if REPLACED_ON_RESTORE.contains(&self.table.as_str()) { "INSERT OR REPLACE" } else { "INSERT" };
        let sql = format!(
            "{} || {} || ')'",
            literal(&format!("{verb} INTO {} ({}) VALUES (", ident(&self.table), columns.join(", "))),
            values.join(" || ', ' || ")
        );
        self.trigger("DELETE", "OLD", &sql, "")
    }
}

/// An identifier, double-quoted.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A string literal, single-quoted.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(conn: &Connection) -> Vec<(i64, String, String, String)> {
        let mut stmt = conn.prepare("SELECT step_id, tbl, row_key, sql FROM undo_log ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
    }

    fn with_undo_tables(schema: &str) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("schema_v4.sql")).unwrap();
        conn.execute_batch(schema).unwrap();
        for table in recorded_tables(&conn).unwrap() {
            install_temp(&conn, &table).unwrap();
        }
        conn
    }

    #[test]
    fn each_change_records_its_reverse_only_while_a_step_records() {
        let conn = with_undo_tables(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE, x REAL, b BLOB) STRICT;",
        );
        conn.execute_batch("INSERT INTO t VALUES (1, 'it''s', 0.1, X'00ff')").unwrap();
        assert!(recorded(&conn).is_empty(), "no step, nothing recorded");
        conn.execute_batch(
            "INSERT INTO undo_steps (id, label, made_at) VALUES (7, 'x', '');
             INSERT INTO undo_recording VALUES (7);
             INSERT INTO t VALUES (2, 'b', NULL, NULL);
             UPDATE t SET name = 'IT''S' WHERE id = 1;
             UPDATE t SET name = name WHERE id = 2;
             DELETE FROM t WHERE id = 1;",
        )
        .unwrap();
        let sql: Vec<String> = recorded(&conn).into_iter().map(|(step, _, _, sql)| format!("{step}: {sql}")).collect();
        assert_eq!(
            sql,
            [
                "7: DELETE FROM \"t\" WHERE \"id\" = 2",
                "7: UPDATE \"t\" SET \"name\" = 'it''s' WHERE \"id\" = 1",
                "7: INSERT INTO \"t\" (\"id\", \"name\", \"x\", \"b\") VALUES (1, 'IT''S', 0.1, X'00FF')",
            ],
            "a change of case counts; setting the same value does not"
        );
    }

    #[test]
    fn reals_come_back_with_every_digit_and_text_keys_are_quoted() {
        let conn = with_undo_tables("CREATE TABLE k (code TEXT PRIMARY KEY, x REAL NOT NULL) STRICT;");
        let x = 0.1_f64 + 0.2;
        conn.execute("INSERT INTO k VALUES ('a''b', ?1)", [x]).unwrap();
        conn.execute_batch(
            "INSERT INTO undo_steps (id, label, made_at) VALUES (1, 'x', '');
             INSERT INTO undo_recording VALUES (1);
             DELETE FROM k;",
        )
        .unwrap();
        let (_, _, key, sql) = recorded(&conn).remove(0);
        assert_eq!(key, "'a''b'");
        conn.execute_batch(&format!("DELETE FROM undo_recording; {sql}")).unwrap();
        let back: f64 = conn.query_row("SELECT x FROM k", [], |r| r.get(0)).unwrap();
        assert_eq!(back.to_bits(), x.to_bits());
    }

    #[test]
    fn a_table_without_a_declared_key_is_restored_by_rowid() {
        let conn = with_undo_tables("CREATE TABLE loose (a TEXT, b INTEGER);");
        conn.execute_batch(
            "INSERT INTO loose (rowid, a, b) VALUES (5, 'x', 1);
             INSERT INTO undo_steps (id, label, made_at) VALUES (1, 'x', '');
             INSERT INTO undo_recording VALUES (1);
             DELETE FROM loose;",
        )
        .unwrap();
        let (_, _, key, sql) = recorded(&conn).remove(0);
        assert_eq!(
            (key.as_str(), sql.as_str()),
            ("5", "INSERT INTO \"loose\" (rowid, \"a\", \"b\") VALUES (5, 'x', 1)")
        );
    }

    #[test]
    fn the_triggers_are_temp_and_the_undo_tables_are_not_recorded() {
        let conn = with_undo_tables("CREATE TABLE t (id INTEGER PRIMARY KEY) STRICT;");
        assert_eq!(recorded_tables(&conn).unwrap(), ["t"]);
        assert_eq!(triggers_of(&conn, "t").unwrap(), ["undo_t_delete", "undo_t_insert", "undo_t_update"]);
        assert_eq!(stored_count(&conn).unwrap(), 0);
        conn.execute_batch(
            "CREATE TRIGGER undo_t_legacy AFTER INSERT ON t BEGIN SELECT 1; END;
             CREATE TRIGGER t_own AFTER INSERT ON t BEGIN SELECT 1; END;",
        )
        .unwrap();
        assert_eq!(stored_count(&conn).unwrap(), 1);
        drop_all(&conn).unwrap();
        assert_eq!(stored_count(&conn).unwrap(), 0, "a stored undo trigger goes");
        let kept: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 't_own'", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, 1, "the schema's own triggers stay");
        assert_eq!(triggers_of(&conn, "t").unwrap().len(), 3, "the TEMP ones are not the file's");
    }
}
