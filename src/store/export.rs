//! Export: every table, read generically from the schema, so a table added by a later
//! migration is exported (and restored) without anyone remembering to list it. Only
//! SQLite's own tables and the full-text index (virtual, rebuilt on import) are left out.

use super::Store;
use crate::domain::dump::{Affinity, Cell, ColumnSchema, DumpWriter, TableSchema, csv_header, to_csv_cell};
use anyhow::{Context, Result, bail};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

/// Every ordinary table, by name, with its columns as declared.
pub(super) fn table_schemas(conn: &Connection) -> Result<Vec<TableSchema>> {
    let mut stmt = conn.prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let tables: Vec<(String, bool)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(tables.len());
    for (name, strict) in tables {
        let mut info = conn.prepare("SELECT name, type, \"notnull\" FROM pragma_table_info(?1) ORDER BY cid")?;
        let columns = info
            .query_map([&name], |r| {
                let declared: String = r.get(1)?;
                let affinity = match declared.to_ascii_uppercase().as_str() {
                    _ if !strict => Affinity::Any,
                    "INTEGER" | "INT" => Affinity::Integer,
                    "REAL" => Affinity::Real,
                    "TEXT" => Affinity::Text,
                    "BLOB" => Affinity::Blob,
                    _ => Affinity::Any,
                };
                Ok(ColumnSchema { name: r.get(0)?, affinity, not_null: r.get(2)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.push(TableSchema { name, columns });
    }
    Ok(out)
}

pub(super) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `SELECT` of every column in declared order, rows by primary key (so the order never
/// depends on how the rows were inserted).
fn select_all(conn: &Connection, table: &TableSchema) -> Result<String> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
    let keys: Vec<String> = stmt.query_map([&table.name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
    let order = if keys.is_empty() { columns.clone() } else { keys.iter().map(|k| quote(k)).collect() };
    Ok(format!("SELECT {} FROM {} ORDER BY {}", columns.join(", "), quote(&table.name), order.join(", ")))
}

/// Calls `each` with every row of `table`, in primary-key order.
pub(super) fn for_each_row(
    conn: &Connection,
    table: &TableSchema,
    mut each: impl FnMut(&[Cell]) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&select_all(conn, table)?)?;
    let mut rows = stmt.query([])?;
    let mut cells = Vec::with_capacity(table.columns.len());
    while let Some(row) = rows.next()? {
        cells.clear();
        for (i, column) in table.columns.iter().enumerate() {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(n) => Cell::Integer(n),
                ValueRef::Real(x) => Cell::Real(x),
                ValueRef::Text(bytes) => Cell::Text(
                    String::from_utf8(bytes.to_vec())
                        .with_context(|| format!("{}.{} holds text that is not UTF-8", table.name, column.name))?,
                ),
                ValueRef::Blob(bytes) => Cell::Blob(bytes.to_vec()),
            });
        }
        each(&cells)?;
    }
    Ok(())
}

impl Store {
    /// The tables an export holds, by name.
    pub fn exported_tables(&self) -> Result<Vec<String>> {
        Ok(table_schemas(self.conn())?.into_iter().map(|t| t.name).collect())
    }

    /// The whole database as versioned JSON, read in one snapshot.
    pub fn export_json(&self) -> Result<String> {
        let tx = self.conn().unchecked_transaction()?;
        let mut writer = DumpWriter::new(super::user_version(&tx)?);
        for table in table_schemas(&tx)? {
            let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
            writer.begin_table(&table.name, &names);
            for_each_row(&tx, &table, |cells| writer.row(cells).map_err(|e| anyhow::anyhow!("{}: {e}", table.name)))?;
            writer.end_table();
        }
        Ok(writer.finish())
    }

    /// One CSV file per table (`customers.csv` …), headers the CSV import reads: money as
    /// amounts (`price`, not `price_minor`), empty cells for nulls, formulas escaped (see
    /// `domain::dump::to_csv_cell`; `import csv-folder` reads them all back).
    pub fn export_csv(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let tx = self.conn().unchecked_transaction()?;
        let mut files = Vec::new();
        for table in table_schemas(&tx)? {
            let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
            let header: Vec<&str> = table.columns.iter().map(csv_header).collect();
            out.write_record(&header)?;
            let mut record: Vec<String> = Vec::with_capacity(table.columns.len());
            for_each_row(&tx, &table, |cells| {
                record.clear();
                for (cell, column) in cells.iter().zip(&table.columns) {
                    record.push(to_csv_cell(cell, column));
                }
                out.write_record(&record)?;
                Ok(())
            })?;
            let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{}: {e}", table.name))?;
            files.push((format!("{}.csv", table.name), bytes));
        }
        if files.is_empty() {
            bail!("the database has no tables to export");
        }
        Ok(files)
    }
}
