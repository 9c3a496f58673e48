//! `salescoach import customers|products|sales|interactions|followups FILE`, `import json
//! FILE`, `import csv-folder DIR` (both in import_dump.rs) and `import vcard FILE`. Every
//! refusal names the file and the line; a file with several problems lists each on its own
//! line, then says that nothing was imported.

use super::{Env, UsageError, print_json};
use crate::domain::import::{Columns, ImportKind};
use crate::domain::import_rows::Conventions;
use crate::domain::import_text::{decode, detect_delimiter, unclosed_quote};
use crate::domain::text::one_line;
use crate::store::import::{CsvRow, ImportFailed, ImportOptions, ImportReport, RowError};
use anyhow::Result;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

/// Larger than any spreadsheet a seller keeps; refused before it is read.
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// Skipped and merged rows listed in the text summary (--json lists all).
const SHOWN_ROWS: usize = 20;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Customers from CSV: import customers contacts.csv [--map Mobile=phone] [--dry-run] [--merge]
    Customers(CsvArgs),
    /// Products from CSV (name, category, price, description).
    Products(CsvArgs),
    /// Sales and refunds from CSV (customer, product, amount, date …).
    Sales(CsvArgs),
    /// Interactions from CSV (customer, kind, outcome, date …).
    Interactions(CsvArgs),
    /// Follow-ups from CSV (customer, due, time, kind, reason …).
    Followups(CsvArgs),
    /// Restore a JSON export into an empty database, ids kept: import json backup.json
    Json {
        /// The file `export --format json` wrote.
        file: PathBuf,
    },
    /// Restore a CSV export folder (every table) into an empty database, ids kept, like
    /// `import json`: import csv-folder backup-csv/
    CsvFolder {
        /// The folder `export --format csv --out DIR` wrote: one TABLE.csv for every table.
        dir: PathBuf,
    },
    /// Customers from a vCard file (.vcf), with the same duplicate rules as CSV.
    Vcard {
        /// A .vcf file of one or many cards.
        file: PathBuf,
        /// Update customers already there from the cards' non-empty fields.
        #[arg(long)]
        merge: bool,
        /// Check and report everything, save nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    /// The CSV file (UTF-8; `,`, `;` or tab between cells).
    pub file: PathBuf,
    /// Read a column as a field, or `ignore` it: --map 'Mobile=phone' (repeatable).
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Check and report everything, save nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Update customers and products already there from the file's non-empty cells.
    #[arg(long)]
    pub merge: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(command: &ImportCommand, env: &Env) -> Result<()> {
    match command {
        ImportCommand::Customers(args) => csv(ImportKind::Customers, args, env),
        ImportCommand::Products(args) => csv(ImportKind::Products, args, env),
        ImportCommand::Sales(args) => csv(ImportKind::Sales, args, env),
        ImportCommand::Interactions(args) => csv(ImportKind::Interactions, args, env),
        ImportCommand::Followups(args) => csv(ImportKind::Followups, args, env),
        ImportCommand::Json { file } => super::import_dump::json(file, env),
        ImportCommand::CsvFolder { dir } => super::import_dump::csv_folder(dir, env),
        ImportCommand::Vcard { file, merge, dry_run, json } => {
            super::vcard::import_vcard(file, *merge, *dry_run, *json, env)
        }
    }
}

/// The file's bytes, or a one-line refusal naming it.
fn read(file: &Path) -> Result<Vec<u8>> {
    check_file(file)?;
    Ok(std::fs::read(file).map_err(|e| cannot_read(file, &e))?)
}

/// The file opened for reading through a buffer, or a one-line refusal naming it.
pub(super) fn open(file: &Path) -> Result<std::io::BufReader<std::fs::File>> {
    check_file(file)?;
    let opened = std::fs::File::open(file).map_err(|e| cannot_read(file, &e))?;
    Ok(std::io::BufReader::with_capacity(64 * 1024, opened))
}

/// Refuses a missing file, a folder and a file larger than any a seller keeps.
fn check_file(file: &Path) -> Result<()> {
    let refuse = |why: String| UsageError(format!("{}: {why}", file.display()));
    let meta = std::fs::metadata(file).map_err(|e| cannot_read(file, &e))?;
    if meta.is_dir() {
        return Err(refuse("is a folder; name a file".into()).into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(refuse(format!("is {} MB; at most {} MB are read", meta.len() >> 20, MAX_FILE_BYTES >> 20)).into());
    }
    Ok(())
}

fn cannot_read(file: &Path, err: &std::io::Error) -> UsageError {
    UsageError(format!("{}: cannot read it: {}", file.display(), io_reason(err)))
}

pub(super) fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

/// Every problem on its own stderr line (each naming the file), then one error that says
/// nothing was imported; a single problem is that one line.
fn refuse_all(file: &Path, problems: &[String]) -> anyhow::Error {
    let shown = file.display();
    if let [only] = problems {
        return UsageError(format!("{shown}: {only}; nothing was imported")).into();
    }
    for problem in problems {
        eprintln!("salescoach: {shown}: {}", one_line(problem));
    }
    UsageError(format!("{shown}: {} problems; nothing was imported", problems.len())).into()
}

fn csv(kind: ImportKind, args: &CsvArgs, env: &Env) -> Result<()> {
    if args.merge && !matches!(kind, ImportKind::Customers | ImportKind::Products) {
        return Err(UsageError(format!(
            "--merge: applies to customers and products; {} match only when every field is the same, so there is nothing to update",
            kind.label()
        ))
        .into());
    }
    let file = args.file.as_path();
    let bytes = read(file)?;
    let text = decode(&bytes).map_err(|e| refuse_all(file, &[format!("line {}: {}", e.line, e.message)]))?;
    let delimiter = detect_delimiter(text);
    if let Some(line) = unclosed_quote(text, delimiter) {
        let why = format!("line {line}: a quoted cell opened here is never closed; the file may be cut short");
        return Err(refuse_all(file, &[why]));
    }
    let mut reader = ::csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|e| refuse_all(file, &[format!("line 1: {e}")]))?.iter().map(str::to_string).collect();
    let columns = Columns::map(kind, &headers, &args.map).map_err(|errors| {
        let problems: Vec<String> = errors
            .iter()
            .map(|e| match e.column {
                Some(c) => format!("line 1, column {}: {}", shown_header(&headers, c), e.message),
                None => format!("line 1: {}", e.message),
            })
            .collect();
        refuse_all(file, &problems)
    })?;
    let mut lines = Lines { text: text.as_bytes(), at: 0, line: 1 };
    let mut rows = reader.into_records().map(|record| -> CsvRow {
        match record {
            Ok(record) => Ok((lines.of(record.position().map_or(0, |p| p.byte())), record)),
            Err(e) => Err(RowError {
                line: lines.of(e.position().map_or(0, |p| p.byte())),
                column: None,
                message: one_line(&e.to_string()).into_owned(),
            }),
        }
    });
    let mut store = env.open_store()?;
    let conventions = Conventions {
        today: env.today,
        separators: env.config.currency.separators,
        date_format: &env.config.date_format,
    };
    let options = ImportOptions { merge: args.merge, dry_run: args.dry_run, conventions };
    let report = match store.import_csv(&columns, &mut rows, options) {
        Ok(report) => report,
        Err(err) => {
            return Err(match err.downcast::<ImportFailed>() {
                Ok(ImportFailed(errors)) => {
                    let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    refuse_all(file, &problems)
                }
                Err(other) => other,
            });
        }
    };
    print_report(file, kind, &columns, &report, args.json)
}

/// The line a record starts on. The CSV reader's own line count goes wrong around CRLF and
/// blank lines, and its byte offset points into the terminator before the record, so the
/// line is counted here from the offset, past any line breaks.
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl Lines<'_> {
    fn of(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start >= self.at {
            self.line += self.text[self.at..start].iter().filter(|&&b| b == b'\n').count() as u64;
            self.at = start;
        }
        self.line
    }
}

fn shown_header(headers: &[String], column: usize) -> String {
    match headers.get(column).map(|h| h.trim()).filter(|h| !h.is_empty()) {
        Some(h) => crate::domain::import::shown(h),
        None => format!("{}", column + 1),
    }
}

fn print_report(file: &Path, kind: ImportKind, columns: &Columns, report: &ImportReport, json: bool) -> Result<()> {
    if json {
        let mapping: Vec<serde_json::Value> =
            columns.mapping().into_iter().map(|(h, f)| serde_json::json!({ "column": h, "field": f })).collect();
        return print_json(&serde_json::json!({
            "file": file.display().to_string(),
            "kind": kind.as_str(),
            "created": report.created,
            "updated": report.updated,
            "skipped": report.skipped,
            "dry_run": report.dry_run,
            "columns": mapping,
            "rows": report.rows,
        }));
    }
    let dry = if report.dry_run { " (dry run: nothing was saved)" } else { "" };
    outln!(
        "{}: {}: {} created, {} updated, {} skipped{dry}",
        one_line(&file.display().to_string()),
        kind.label(),
        report.created,
        report.updated,
        report.skipped
    );
    if report.dry_run {
        let mapping: Vec<String> =
            columns.mapping().into_iter().map(|(h, f)| format!("{} → {f}", crate::domain::import::shown(&h))).collect();
        outln!("  columns: {}", mapping.join(", "));
    }
    for row in report.rows.iter().take(SHOWN_ROWS) {
        outln!("  line {}: {}, {}", row.line, row.action, one_line(&row.why));
    }
    if report.rows.len() > SHOWN_ROWS {
        outln!("  … and {} more (--json lists them all)", report.rows.len() - SHOWN_ROWS);
    }
    Ok(())
}
