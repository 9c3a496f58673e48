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
//! the line of the first thing that does not fit.

use super::text::escape_json_controls;
use std::fmt::Write as _;

#[path = "dump_read.rs"]
mod read;
pub use read::{DumpError, parse_dump};

pub const FORMAT: &str = "salescoach-export";
/// The layout of the file itself; the database schema version is recorded beside it.
pub const VERSION: i64 = 1;

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
    /// In the file's order; the same set as the schema's.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dump {
    pub schema: i64,
    pub tables: Vec<TableRows>,
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

#[cfg(test)]
#[path = "dump_tests.rs"]
mod tests;
