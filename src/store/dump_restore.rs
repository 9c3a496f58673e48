//! Restoring an export (a JSON file or a folder of CSV files) into an empty database: every
//! row of every table with its id, in one transaction. Rows are inserted as they are read,
//! so memory does not grow with the file; afterwards the tables are checked against the
//! file so the next export is byte-identical. The full-text index is rebuilt by the
//! schema's own triggers.
//!
//! The file is read in its own order (tables by name). References are checked once all rows
//! are in, so that order only matters to a trigger that reads another table when a row is
//! inserted (`goal_entries_only_custom` reads the goal): such a table waits, and the file is
//! read again for it once the tables it reads are in. A table that a trigger changes (the
//! customers' last contact) is put back as the file has it, again by reading the file.

use super::Store;
use super::demo::{NotEmpty, has_user_data};
use super::export::{quote, table_schemas};
use crate::domain::dump::{Cell, DumpError, DumpSink, DumpSource, ReadError, TableSchema};
use anyhow::{Result, bail};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, Statement, ToSql};
use std::collections::{BTreeMap, BTreeSet};

#[path = "dump_restore_check.rs"]
mod check;
#[path = "dump_restore_order.rs"]
mod order;
use check::{Digest, check_references, digest_of};
use order::{parents_first, tables_updated_by_triggers, waits_for};

/// The page cache while restoring (2 MiB otherwise): room for the tables' index pages, so
/// the transaction seldom spills to the WAL half-way. Set back when the restore ends.
const RESTORE_CACHE_KIB: i64 = 16_384;

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
    /// Restores `source` (refusing any other shape with the line at fault), table by table as
    /// it is read; refused with [`NotEmpty`], before a row is written, when the database holds
    /// the seller's data. Any refusal rolls everything back. Returns each table's row count.
    pub fn restore_dump(&mut self, source: &mut impl DumpSource) -> Result<Vec<(String, usize)>> {
        let schemas = table_schemas(self.conn())?;
        let version = super::user_version(self.conn())?;
        // Children come before their parents in the file (tables by name). With foreign
        // keys enforced, even deferred, each parent inserted while a child waits for it
        // would search the child table for it (a scan where no index covers the column:
        // minutes for 100,000 follow-ups). The pragma cannot change inside a transaction,
        // so it is off around it, and every reference is checked before the commit instead.
        self.conn().pragma_update(None, "foreign_keys", "OFF")?;
        // Not an undo step: the file brings its own history with its rows.
        let restored = self.write_unrecorded(|tx| {
            if has_user_data(tx)? {
                bail!(NotEmpty);
            }
            let cache: i64 = tx.pragma_query_value(None, "cache_size", |r| r.get(0))?;
            tx.pragma_update(None, "cache_size", -RESTORE_CACHE_KIB)?;
            let restored = restore(tx, &schemas, version, source);
            tx.pragma_update(None, "cache_size", cache)?;
            restored
        });
        self.conn().pragma_update(None, "foreign_keys", "ON")?;
        restored
    }
}

fn restore(
    tx: &Connection,
    schemas: &[TableSchema],
    version: i64,
    source: &mut impl DumpSource,
) -> Result<Vec<(String, usize)>> {
    for name in parents_first(tx, schemas)?.iter().rev() {
        tx.execute(&format!("DELETE FROM {}", quote(name)), [])?;
    }
    let waits = waits_for(tx, schemas)?;
    let mut inserter = Inserter { tx, waits: &waits, done: BTreeSet::new(), expected: BTreeMap::new(), table: None };
    loop {
        let before = inserter.done.len();
        read(source, schemas, version, &mut inserter)?;
        if inserter.done.len() == schemas.len() {
            break;
        }
        if inserter.done.len() == before {
            bail!("the tables' triggers wait for each other in a cycle; the export cannot be ordered");
        }
    }
    let expected = inserter.expected;
    let expected_of = |name: &str| match expected.get(name) {
        Some(seen) => Ok(seen),
        None => Err(anyhow::anyhow!("{name}: the table was not read")),
    };
    check_references(tx, schemas, version, source)?;
    let mut changed = Vec::new();
    for schema in tables_updated_by_triggers(tx, schemas)? {
        if digest_of(tx, schema)? != expected_of(&schema.name)?.digest {
            changed.push(schema.name.clone());
        }
    }
    if !changed.is_empty() {
        read(source, schemas, version, &mut Reapply { tx, tables: &changed, update: None })?;
    }
    rebuild_search_index(tx)?;
    let mut restored = Vec::with_capacity(schemas.len());
    for schema in schemas {
        let seen = expected_of(&schema.name)?;
        if digest_of(tx, schema)? != seen.digest {
            bail!("{}: the restored rows differ from the file's (a trigger or default changed them)", schema.name);
        }
        restored.push((schema.name.clone(), seen.rows));
    }
    Ok(restored)
}

/// One reading of the whole source into `sink`.
fn read<S: DumpSink<Error = anyhow::Error>>(
    source: &mut impl DumpSource,
    schemas: &[TableSchema],
    version: i64,
    sink: &mut S,
) -> Result<()> {
    source.read_into(schemas, version, sink).map_err(|e| match e {
        ReadError::File(e) => e.into(),
        ReadError::Sink(e) => e,
    })
}

/// What the first reading saw of a table, for the check at the end.
struct Expected {
    digest: Digest,
    rows: usize,
}

/// Inserts each table whose waits are over; the others are read past, and inserted by a
/// later reading. The first reading also takes every table's digest and row count.
struct Inserter<'t> {
    tx: &'t Connection,
    waits: &'t BTreeMap<String, BTreeSet<String>>,
    /// Tables whose rows are all in.
    done: BTreeSet<String>,
    expected: BTreeMap<String, Expected>,
    table: Option<Reading<'t>>,
}

struct Reading<'t> {
    name: String,
    insert: Option<Statement<'t>>,
    first: bool,
    digest: Digest,
    rows: usize,
}

impl DumpSink for Inserter<'_> {
    type Error = anyhow::Error;

    fn begin_table(&mut self, table: &TableSchema) -> Result<()> {
        let waits = self.waits.get(&table.name).is_some_and(|w| !w.is_subset(&self.done));
        let insert = if self.done.contains(&table.name) || waits {
            None
        } else {
            let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
            let marks = vec!["?"; columns.len()].join(", ");
            let sql = format!("INSERT INTO {} ({}) VALUES ({marks})", quote(&table.name), columns.join(", "));
            Some(self.tx.prepare(&sql)?)
        };
        let first = !self.expected.contains_key(&table.name);
        self.table = Some(Reading { name: table.name.clone(), insert, first, digest: Digest::default(), rows: 0 });
        Ok(())
    }

    fn row(&mut self, line: u64, cells: &[Cell]) -> Result<()> {
        let Some(table) = &mut self.table else { return Ok(()) };
        if table.first {
            table.digest.add(cells.iter());
            table.rows += 1;
        }
        if let Some(insert) = &mut table.insert {
            insert
                .execute(rusqlite::params_from_iter(cells.iter().map(Bind)))
                .map_err(|e| refused(&table.name, line, &e))?;
        }
        Ok(())
    }

    fn end_table(&mut self) -> Result<()> {
        let Some(table) = self.table.take() else { return Ok(()) };
        if table.insert.is_some() {
            self.done.insert(table.name.clone());
        }
        if table.first {
            self.expected.insert(table.name, Expected { digest: table.digest, rows: table.rows });
        }
        Ok(())
    }
}

/// A row SQLite refused, named by its line.
fn refused(table: &str, line: u64, err: &rusqlite::Error) -> DumpError {
    let message = match err {
        rusqlite::Error::SqliteFailure(_, Some(text)) => text.clone(),
        other => other.to_string(),
    };
    DumpError {
        table: Some(table.to_string()),
        line: usize::try_from(line).unwrap_or(usize::MAX),
        column: 0,
        message: format!("{table}: {message}"),
    }
}

/// Puts the rows of `tables` back as the file has them, where a trigger changed them.
struct Reapply<'t, 'a> {
    tx: &'t Connection,
    tables: &'a [String],
    update: Option<(String, Statement<'t>, Vec<usize>)>,
}

impl DumpSink for Reapply<'_, '_> {
    type Error = anyhow::Error;

    fn begin_table(&mut self, table: &TableSchema) -> Result<()> {
        self.update = None;
        if !self.tables.contains(&table.name) {
            return Ok(());
        }
        let mut stmt = self.tx.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
        let keys: Vec<String> = stmt.query_map([&table.name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let key_at: Vec<usize> = keys.iter().filter_map(|k| table.columns.iter().position(|c| &c.name == k)).collect();
        if key_at.is_empty() {
            return Ok(());
        }
        let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
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
        self.update = Some((table.name.clone(), self.tx.prepare(&sql)?, key_at));
        Ok(())
    }

    fn row(&mut self, line: u64, cells: &[Cell]) -> Result<()> {
        let Some((name, update, key_at)) = &mut self.update else { return Ok(()) };
        let params = cells.iter().chain(key_at.iter().map(|&i| &cells[i])).map(Bind);
        update.execute(rusqlite::params_from_iter(params)).map_err(|e| refused(name, line, &e))?;
        Ok(())
    }

    fn end_table(&mut self) -> Result<()> {
        self.update = None;
        Ok(())
    }
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
