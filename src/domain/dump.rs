//! The JSON export format: a versioned dump of every table, one row per line, so two exports
//! of the same data are byte-identical and a diff shows what changed.
//!
//! ```text
//! {
//!   "format": "salescoach-export",
//!   "version": 1,
//!   "schema": 3,
//!   "tables": {
//!     "customers": {
//!       "columns": ["id", "name", ...],
//!       "rows": [
//!         [1, "Marta Nowak", ...]
//!       ]
//!     }
//!   }
//! }
//! ```
//! Values keep SQLite's types: integers, reals, text, null, and `{"hex": "..."}` for bytes.
//! Reading checks every table, column and value against the database's own schema and names
//! the line of the first thing that does not fit. A reader hands each row to a [`DumpSink`]
//! as soon as it is read, so a restore holds one row at a time, never the whole file.

use super::text::escape_json_controls;
use std::fmt::Write as _;

#[path = "dump_read.rs"]
mod read;
pub use read::{DumpError, JsonDump, parse_dump, read_dump};
#[path = "dump_csv.rs"]
mod table_csv;
pub use table_csv::{CsvFolder, csv_header, from_csv_cell, read_csv_table, to_csv_cell};

pub const FORMAT: &str = "salescoach-export";
/// The layout of the file itself; the database schema version is recorded beside it.
pub const VERSION: i64 = 1;

/// From this schema version on no migration changed a table or a column (7 and 8 added
/// indexes, 9 took the undo triggers out of the file), so an export made by any of them
/// restores into any later one. A migration that changes a table moves it up; a store test
/// compares the tables of this version with the latest.
pub const SAME_TABLES_SINCE: i64 = 6;

/// Whether an export made at schema `found` restores into a database at schema `schema`.
pub fn restores_into(found: i64, schema: i64) -> bool {
    found == schema || (SAME_TABLES_SINCE..=schema).contains(&found)
}

/// The oldest schema whose exports restore into `schema`, when that is not `schema` alone.
pub fn oldest_restored(schema: i64) -> Option<i64> {
    (schema > SAME_TABLES_SINCE).then_some(SAME_TABLES_SINCE)
}

/// What a column accepts, from its declared type (STRICT tables) or anything (others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Real,
    Text,
    Blob,
    Any,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSchema {
    pub name: String,
    pub affinity: Affinity,
    pub not_null: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSchema {
    pub name: String,
    pub columns: Vec<ColumnSchema>,
}

/// One stored value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A row read from a file, with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRows {
    pub name: String,
    /// In the schema's order (the file's may differ); each row's cells follow it.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dump {
    pub schema: i64,
    pub tables: Vec<TableRows>,
}

/// Where a reader puts what it has checked: each table's rows, one at a time, in the order
/// the file has them. An error from the sink stops the reading and is handed back whole
/// ([`ReadError::Sink`]).
pub trait DumpSink {
    type Error;
    /// `table`'s rows follow (each table is begun once, in the file's order).
    fn begin_table(&mut self, table: &TableSchema) -> Result<(), Self::Error>;
    /// One row of the table begun last: its cells in the schema's column order, and the
    /// line of the file it starts on.
    fn row(&mut self, line: u64, cells: &[Cell]) -> Result<(), Self::Error>;
    /// The table's last row has been read.
    fn end_table(&mut self) -> Result<(), Self::Error>;
}

/// Why reading stopped: the file is refused, or the sink refused a row.
#[derive(Debug)]
pub enum ReadError<E> {
    File(DumpError),
    Sink(E),
}

/// A whole export that can be read more than once (a restore may take a second look at
/// a table): each call reads it from the start, checked against `tables` (the database's
/// schema) and `schema` (its version), and hands every row to `sink`.
pub trait DumpSource {
    fn read_into<S: DumpSink>(
        &mut self,
        tables: &[TableSchema],
        schema: i64,
        sink: &mut S,
    ) -> Result<(), ReadError<S::Error>>;
}

/// Writes a dump table by table, row by row.
pub struct DumpWriter {
    out: String,
    tables: usize,
    rows: usize,
}

impl DumpWriter {
    pub fn new(schema: i64) -> Self {
        let out = format!(
            "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION},\n  \"schema\": {schema},\n  \"tables\": {{"
        );
        Self { out, tables: 0, rows: 0 }
    }

    pub fn begin_table(&mut self, name: &str, columns: &[String]) {
        let sep = if self.tables == 0 { "" } else { "," };
        let names: Vec<String> = columns.iter().map(|c| json_string(c)).collect();
        let _ = write!(
            self.out,
            "{sep}\n    {}: {{\n      \"columns\": [{}],\n      \"rows\": [",
            json_string(name),
            names.join(", ")
        );
        self.tables += 1;
        self.rows = 0;
    }

    /// Appends one row; a real that JSON cannot carry (infinite) is refused.
    pub fn row(&mut self, cells: &[Cell]) -> Result<(), String> {
        let sep = if self.rows == 0 { "" } else { "," };
        let _ = write!(self.out, "{sep}\n        [");
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            write_cell(&mut self.out, cell)?;
        }
        self.out.push(']');
        self.rows += 1;
        Ok(())
    }

    pub fn end_table(&mut self) {
        self.out.push_str(if self.rows == 0 { "]\n    }" } else { "\n      ]\n    }" });
    }

    pub fn finish(mut self) -> String {
        self.out.push_str(if self.tables == 0 { "}\n}\n" } else { "\n  }\n}\n" });
        self.out
    }
}

fn json_string(text: &str) -> String {
    let quoted = serde_json::Value::String(text.to_string()).to_string();
    escape_json_controls(&quoted).into_owned()
}

fn write_cell(out: &mut String, cell: &Cell) -> Result<(), String> {
    match cell {
        Cell::Null => out.push_str("null"),
        Cell::Integer(n) => {
            let _ = write!(out, "{n}");
        }
        Cell::Real(x) if x.is_finite() => out.push_str(&serde_json::Value::from(*x).to_string()),
        Cell::Real(x) => return Err(format!("{x} cannot be written as JSON")),
        Cell::Text(text) => out.push_str(&json_string(text)),
        Cell::Blob(bytes) => {
            out.push_str("{\"hex\": \"");
            for b in bytes {
                let _ = write!(out, "{b:02x}");
            }
            out.push_str("\"}");
        }
    }
    Ok(())
}

/// Bytes from hex digits (either case), two per byte; nothing else.
fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect()
}

#[cfg(test)]
#[path = "dump_tests.rs"]
mod tests;
