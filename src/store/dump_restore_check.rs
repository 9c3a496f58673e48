//! The checks once every row is in: each reference (named by the line of the first row
//! pointing at nothing) and each table against the file's rows, by digest.

use super::{DumpSource, read};
use crate::domain::dump::{Cell, DumpError, DumpSink, TableSchema};
use crate::store::export::for_each_row;
use anyhow::Result;
use rusqlite::Connection;

/// Every reference checked at once (foreign keys are not enforced while restoring): the
/// first row pointing at one that is not in the file, named by its line (the file is read
/// again to find it).
pub(super) fn check_references(
    tx: &Connection,
    schemas: &[TableSchema],
    version: i64,
    source: &mut impl DumpSource,
) -> Result<()> {
    let mut stmt = tx.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1")?;
    let found: Option<(String, Option<i64>, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.next().transpose()?;
    let Some((table, rowid, parent)) = found else { return Ok(()) };
    let mut finder = FindLine { table: &table, rowid, id_at: None, reading: false, rows: 0, line: None };
    if rowid.is_some() {
        read(source, schemas, version, &mut finder)?;
    }
    let line = finder.line.map_or(0, |l| usize::try_from(l).unwrap_or(usize::MAX));
    let message = format!("{table}: refers to a {parent} row that is not in the file");
    Err(DumpError { table: Some(table), line, column: 0, message }.into())
}

/// The line of `table`'s row `rowid`: the row with that `id`, or (a table without one) the
/// row inserted `rowid`-th.
struct FindLine<'a> {
    table: &'a str,
    rowid: Option<i64>,
    id_at: Option<usize>,
    reading: bool,
    rows: i64,
    line: Option<u64>,
}

impl DumpSink for FindLine<'_> {
    type Error = anyhow::Error;

    fn begin_table(&mut self, table: &TableSchema) -> Result<()> {
        self.reading = table.name == self.table;
        self.id_at = table.columns.iter().position(|c| c.name == "id");
        Ok(())
    }

    fn row(&mut self, line: u64, cells: &[Cell]) -> Result<()> {
        if !self.reading || self.line.is_some() {
            return Ok(());
        }
        self.rows += 1;
        let hit = match self.id_at {
            Some(at) => self.rowid.is_some_and(|rowid| cells.get(at) == Some(&Cell::Integer(rowid))),
            None => self.rowid == Some(self.rows),
        };
        if hit {
            self.line = Some(line);
        }
        Ok(())
    }

    fn end_table(&mut self) -> Result<()> {
        self.reading = false;
        Ok(())
    }
}

/// The digest of a table's rows as stored.
pub(super) fn digest_of(tx: &Connection, schema: &TableSchema) -> Result<Digest> {
    let mut found = Digest::default();
    for_each_row(tx, schema, |cells| {
        found.add(cells.iter());
        Ok(())
    })?;
    Ok(found)
}

/// An order-independent digest of rows: their count and the sum and xor of their hashes,
/// so the check that a table holds exactly the file's rows needs no copy of either.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Digest {
    rows: u64,
    sum: u64,
    xor: u64,
}

impl Digest {
    pub(super) fn add<'a>(&mut self, cells: impl Iterator<Item = &'a Cell>) {
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
