//! CSV import, the SQL half: every row resolved, checked for a duplicate and inserted in one
//! transaction; any bad row rolls the whole file back with every problem listed.
//!
//! Duplicates (so a file imported twice creates nothing the second time):
//! - a customer with the same email (case aside), or else the same name and company
//!   (accents and case aside); a product with the same name (accents and case aside). Both are
//!   skipped, or updated from the row's non-empty cells with `--merge`.
//! - a sale, interaction or follow-up equal in every field the file gives (customer, date,
//!   kind, amount …): the n-th such row of the file matches the n-th one already stored, so
//!   two identical calls on one day are both kept the first time and neither is added again.
//! - with an `id` column (a CSV export), the id: free, the row is created with it; holding the
//!   same record (same email or name for a customer, same customer for the log), skipped; held
//!   by another, an error, since the file's references would land on the wrong record.

use super::Store;
use super::import_apply::Importer;
use crate::domain::import::Columns;
use crate::domain::import_rows::{Conventions, is_blank, parse_line};
use crate::domain::undo::counts;
use anyhow::{Result, bail};

/// What an import did, row by row for what it did not create.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    pub dry_run: bool,
    pub rows: Vec<RowNote>,
}

/// A row that was skipped as a duplicate or merged into an existing record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowNote {
    pub line: u64,
    pub action: &'static str,
    pub id: Option<i64>,
    pub why: std::borrow::Cow<'static, str>,
}

/// One problem, at its line and column (the header as the file names it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// The file was refused: every problem found, and nothing was written.
#[derive(Debug)]
pub struct ImportFailed(pub Vec<RowError>);

impl std::fmt::Display for ImportFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&shown.join("; "))
    }
}

impl std::error::Error for ImportFailed {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions<'a> {
    pub merge: bool,
    pub dry_run: bool,
    /// Today and how the seller writes amounts and dates.
    pub conventions: Conventions<'a>,
}

/// A dry run's report travels out of the transaction as an error, so it rolls back.
#[derive(Debug)]
struct DryRun(ImportReport);

impl std::fmt::Display for DryRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("dry run")
    }
}

impl std::error::Error for DryRun {}

/// A row of the file: its first line and its cells, or a problem that ends reading.
pub type CsvRow = std::result::Result<(u64, csv::StringRecord), RowError>;

impl Store {
    /// Imports `rows` as `columns.kind` in one transaction; refused with [`ImportFailed`]
    /// (nothing written) when any row is bad. A dry run does all the work and rolls back.
    pub fn import_csv(
        &mut self,
        columns: &Columns,
        rows: &mut dyn Iterator<Item = CsvRow>,
        options: ImportOptions<'_>,
    ) -> Result<ImportReport> {
        // One undo step for the whole file, named by what it did.
        let result = self.change_once(|tx| {
            // Room for a large file's pages, so the transaction need not spill to the WAL
            // half-way (the default is 2 MiB); set back when the import ends.
            let cache: i64 = tx.pragma_query_value(None, "cache_size", |r| r.get(0))?;
            tx.pragma_update(None, "cache_size", -16_384)?;
            let imported = import_rows(tx, columns, rows, options);
            tx.pragma_update(None, "cache_size", cache)?;
            let report = imported?;
            let what = counts(&[(report.created as i64, "new", "new"), (report.updated as i64, "updated", "updated")]);
            let label = format!("Imported {} from CSV: {what}", columns.kind.label());
            Ok((report, label))
        });
        match result {
            Err(err) if err.is::<DryRun>() => match err.downcast::<DryRun>() {
                Ok(DryRun(report)) => Ok(report),
                Err(err) => Err(err),
            },
            other => other,
        }
    }
}

fn import_rows(
    tx: &rusqlite::Connection,
    columns: &Columns,
    rows: &mut dyn Iterator<Item = CsvRow>,
    options: ImportOptions<'_>,
) -> Result<ImportReport> {
    let mut importer = Importer::new(tx, columns.kind, options.merge)?;
    let mut errors = Vec::new();
    for row in rows {
        let (line, record) = match row {
            Ok(row) => row,
            Err(err) => {
                errors.push(err);
                break;
            }
        };
        let cells: Vec<&str> = record.iter().collect();
        if is_blank(&cells) {
            continue;
        }
        let at = |column: Option<usize>, message: String| RowError {
            line,
            column: column.map(|c| columns.describe(c)),
            message,
        };
        match parse_line(columns, &cells, options.conventions) {
            Err(problems) => errors.extend(problems.into_iter().map(|p| at(p.column, p.message))),
            Ok(parsed) => {
                if let Err(refusal) = importer.apply(line, parsed)? {
                    errors.push(at(refusal.field.and_then(|f| columns.column_of(f)), refusal.message));
                }
            }
        }
    }
    if !errors.is_empty() {
        bail!(ImportFailed(errors));
    }
    let report = importer.into_report();
    if options.dry_run {
        bail!(DryRun(ImportReport { dry_run: true, ..report }));
    }
    Ok(report)
}
