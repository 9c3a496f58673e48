//! Restoring a JSON export into an empty database: every row of every table with its id, in
//! one transaction, checked afterwards against the file so the next export is
//! byte-identical. The full-text index is rebuilt by the schema's own triggers.

use super::Store;
use super::demo::{NotEmpty, has_user_data};
use super::export::{for_each_row, quote, table_schemas};
use crate::domain::dump::{Cell, Dump, DumpError, TableSchema, parse_dump};
use anyhow::{Result, bail};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};
use std::collections::BTreeMap;

struct Bind<'a>(&'a Cell);

impl ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self.0 {
            Cell::Null => ValueRef::Null,
            Cell::Integer(n) => ValueRef::Integer(*n),
            Cell::Real(x) => ValueRef::Real(*x),
            Cell::Text(t) => ValueRef::Text(t.as_bytes()),
            Cell::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl Store {
    /// Reads `bytes` as an export (refusing any other shape with the line at fault) and
    /// restores it; refused with [`NotEmpty`] when the database holds the seller's data.
    pub fn import_json(&mut self, bytes: &[u8]) -> Result<Vec<(String, usize)>> {
        let schemas = table_schemas(self.conn())?;
        let dump = parse_dump(bytes, &schemas, super::user_version(self.conn())?)?;
        // Not an undo step: the file brings its own history with its rows.
        self.write_unrecorded(|tx| {
            if has_user_data(tx)? {
                bail!(NotEmpty);
            }
            restore(tx, &schemas, &dump)
        })
    }
}

fn restore(tx: &Connection, schemas: &[TableSchema], dump: &Dump) -> Result<Vec<(String, usize)>> {
    // Rows may refer to later rows of their own table; references are checked at commit.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    let order = insert_order(tx, schemas)?;
    for name in order.iter().rev() {
        tx.execute(&format!("DELETE FROM {}", quote(name)), [])?;
    }
    let by_name: BTreeMap<&str, &crate::domain::dump::TableRows> =
        dump.tables.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut restored = Vec::with_capacity(order.len());
    for name in &order {
        let Some(table) = by_name.get(name.as_str()) else { continue };
        let columns: Vec<String> = table.columns.iter().map(|c| quote(c)).collect();
        let marks = vec!["?"; columns.len()].join(", ");
        let mut stmt = tx.prepare(&format!("INSERT INTO {} ({}) VALUES ({marks})", quote(name), columns.join(", ")))?;
        for row in &table.rows {
            let values: Vec<Bind<'_>> = row.cells.iter().map(Bind).collect();
            stmt.execute(rusqlite::params_from_iter(values)).map_err(|e| DumpError {
                line: usize::try_from(row.line).unwrap_or(usize::MAX),
                column: 0,
                message: format!("{name}: {}", sqlite_message(&e)),
            })?;
        }
        restored.push((name.clone(), table.rows.len()));
    }
    check_references(tx, &by_name)?;
    for name in tables_updated_by_triggers(tx, &order)? {
        if let Some(table) = by_name.get(name.as_str()) {
            reapply(tx, table)?;
        }
    }
    rebuild_search_index(tx)?;
    for schema in schemas {
        if let Some(table) = by_name.get(schema.name.as_str()) {
            verify(tx, schema, table)?;
        }
    }
    Ok(restored)
}

/// A row pointing at one that is not in the file, named by its line before the commit
/// would refuse it without one.
fn check_references(tx: &Connection, tables: &BTreeMap<&str, &crate::domain::dump::TableRows>) -> Result<()> {
    let mut stmt = tx.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1")?;
    let found: Option<(String, Option<i64>, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.next().transpose()?;
    let Some((table, rowid, parent)) = found else { return Ok(()) };
    let line = tables
        .get(table.as_str())
        .and_then(|t| {
            let id_at = t.columns.iter().position(|c| c == "id");
            match (id_at, rowid) {
                (Some(at), Some(rowid)) => t.rows.iter().find(|r| r.cells.get(at) == Some(&Cell::Integer(rowid))),
                (None, Some(rowid)) => usize::try_from(rowid - 1).ok().and_then(|i| t.rows.get(i)),
                _ => None,
            }
        })
        .map_or(0, |r| usize::try_from(r.line).unwrap_or(usize::MAX));
    Err(DumpError { line, column: 0, message: format!("{table}: refers to a {parent} row that is not in the file") }
        .into())
}

fn sqlite_message(err: &rusqlite::Error) -> String {
    match err {
        rusqlite::Error::SqliteFailure(_, Some(text)) => text.clone(),
        other => other.to_string(),
    }
}

/// Parents before children, by foreign key (a table's references to itself aside).
fn insert_order(conn: &Connection, schemas: &[TableSchema]) -> Result<Vec<String>> {
    let mut parents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for table in schemas {
        let mut stmt = conn.prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")?;
        let refs: Vec<String> = stmt.query_map([&table.name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        parents.insert(table.name.clone(), refs.into_iter().filter(|r| r != &table.name).collect());
    }
    let mut order: Vec<String> = Vec::with_capacity(parents.len());
    while order.len() < parents.len() {
        let ready = parents.iter().find(|(name, refs)| {
            !order.contains(name) && refs.iter().all(|r| order.contains(r) || !parents.contains_key(r))
        });
        match ready {
            Some((name, _)) => order.push(name.clone()),
            None => bail!("the tables' references form a cycle; the export cannot be ordered"),
        }
    }
    Ok(order)
}

/// Tables a trigger changes when rows elsewhere are inserted (the customers' last contact,
/// moved by each sale and interaction): their rows are put back as the file has them.
fn tables_updated_by_triggers(conn: &Connection, tables: &[String]) -> Result<Vec<String>> {
    // The undo triggers only spell UPDATE statements into the undo log.
    let mut stmt = conn.prepare(
        "SELECT lower(sql) FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'undo\\_%' ESCAPE '\\'",
    )?;
    let bodies: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(tables
        .iter()
        .filter(|t| {
            let bare = format!("update {} set", t.to_lowercase());
            let quoted = format!("update {} set", quote(&t.to_lowercase()));
            bodies.iter().any(|b| b.contains(&bare) || b.contains(&quoted))
        })
        .cloned()
        .collect())
}

fn reapply(tx: &Connection, table: &crate::domain::dump::TableRows) -> Result<()> {
    let mut stmt = tx.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
    let keys: Vec<String> = stmt.query_map([&table.name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if keys.is_empty() {
        return Ok(());
    }
    let key_at: Vec<usize> = keys.iter().filter_map(|k| table.columns.iter().position(|c| c == k)).collect();
    let columns: Vec<String> = table.columns.iter().map(|c| quote(c)).collect();
    let values: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let condition: Vec<String> =
        keys.iter().enumerate().map(|(i, k)| format!("{} = ?{}", quote(k), columns.len() + i + 1)).collect();
    let sql = format!(
        "UPDATE {} SET ({cols}) = ({vals}) WHERE {} AND ({cols}) IS NOT ({vals})",
        quote(&table.name),
        condition.join(" AND "),
        cols = columns.join(", "),
        vals = values.join(", "),
    );
    let mut update = tx.prepare(&sql)?;
    for row in &table.rows {
        let mut params: Vec<Bind<'_>> = row.cells.iter().map(Bind).collect();
        params.extend(key_at.iter().map(|&i| Bind(&row.cells[i])));
        update.execute(rusqlite::params_from_iter(params))?;
    }
    Ok(())
}

/// Empties the full-text index and lets each table's update trigger put its rows back.
fn rebuild_search_index(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM search_index;
         UPDATE notes SET title = title;
         UPDATE products SET name = name;
         UPDATE customers SET name = name;",
    )?;
    Ok(())
}

/// The table holds exactly the file's rows; anything else (a trigger, a default) is an error
/// rather than an export that silently differs. Rows are compared as a multiset of hashes,
/// so the check needs no second copy of the data.
fn verify(tx: &Connection, schema: &TableSchema, table: &crate::domain::dump::TableRows) -> Result<()> {
    let at: Vec<usize> =
        schema.columns.iter().filter_map(|c| table.columns.iter().position(|name| name == &c.name)).collect();
    let mut expected = Digest::default();
    for row in &table.rows {
        expected.add(at.iter().map(|&i| &row.cells[i]));
    }
    let mut found = Digest::default();
    for_each_row(tx, schema, |cells| {
        found.add(cells.iter());
        Ok(())
    })?;
    if expected != found {
        bail!("{}: the restored rows differ from the file's (a trigger or default changed them)", schema.name);
    }
    Ok(())
}

/// An order-independent digest of rows: their count and the sum and xor of their hashes.
#[derive(Debug, Default, PartialEq, Eq)]
struct Digest {
    rows: u64,
    sum: u64,
    xor: u64,
}

impl Digest {
    fn add<'a>(&mut self, cells: impl Iterator<Item = &'a Cell>) {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        for cell in cells {
            match cell {
                Cell::Null => 0u8.hash(&mut hasher),
                Cell::Integer(n) => (1u8, n).hash(&mut hasher),
                Cell::Real(x) => (2u8, x.to_bits()).hash(&mut hasher),
                Cell::Text(t) => (3u8, t).hash(&mut hasher),
                Cell::Blob(b) => (4u8, b).hash(&mut hasher),
            }
        }
        let h = hasher.finish();
        self.rows += 1;
        self.sum = self.sum.wrapping_add(h);
        self.xor ^= h;
    }
}
