//! A dump as a folder of CSV files, one per table (`export --format csv`): how a cell is
//! written, and reading a folder back through the same [`DumpSink`] as a JSON export.
//!
//! A file has a header of the table's columns, money columns (`…_minor`, whole numbers)
//! under their plain name as amounts (`price`: `4890.00`), then one record per row. CSV has
//! no types, so a cell is read by its column's: whole numbers, reals (every digit, as Rust
//! prints them), amounts, hex bytes, text with the formula escape undone. It has no null
//! either: an empty cell is null where the column allows it, else empty text (or bytes);
//! so empty text in a column that allows null comes back as null (the JSON export keeps it).
//! A column of a table that is not STRICT (`request_keys`) is read as text, which SQLite
//! converts by the column's declared type as it would any insert.

use super::{Affinity, Cell, ColumnSchema, DumpError, DumpSink, DumpSource, ReadError, TableSchema, from_hex};
use crate::domain::import_text::{escape_formula, unescape_formula};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// The column's name in a CSV header: a money column without its `_minor`.
pub fn csv_header(column: &ColumnSchema) -> &str {
    money_name(column).unwrap_or(&column.name)
}

fn money_name(column: &ColumnSchema) -> Option<&str> {
    column.name.strip_suffix("_minor").filter(|_| column.affinity == Affinity::Integer)
}

/// A cell as the CSV export writes it (see the module comment).
pub fn to_csv_cell(cell: &Cell, column: &ColumnSchema) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Integer(n) if money_name(column).is_some() => {
            let sign = if *n < 0 { "-" } else { "" };
            format!("{sign}{}.{:02}", n.unsigned_abs() / 100, n.unsigned_abs() % 100)
        }
        Cell::Integer(n) => n.to_string(),
        Cell::Real(x) => x.to_string(),
        Cell::Text(text) => escape_formula(text).into_owned(),
        Cell::Blob(bytes) => bytes.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// A cell read back by its column: the inverse of [`to_csv_cell`], or what is wrong.
pub fn from_csv_cell(text: &str, column: &ColumnSchema) -> Result<Cell, String> {
    let wanted = match column.affinity {
        Affinity::Integer if money_name(column).is_some() => "an amount such as 12.34",
        Affinity::Integer => "a whole number",
        Affinity::Real => "a number",
        Affinity::Blob => "hex bytes",
        Affinity::Text | Affinity::Any => "text",
    };
    let refuse = |what: String| format!("{what} where {wanted} belongs");
    if text.is_empty() {
        return match (column.not_null, column.affinity) {
            (false, _) => Ok(Cell::Null),
            (true, Affinity::Text | Affinity::Any) => Ok(Cell::Text(String::new())),
            (true, Affinity::Blob) => Ok(Cell::Blob(Vec::new())),
            (true, _) => Err(refuse("an empty cell".into()) + " (the column cannot be empty)"),
        };
    }
    let wrong = || refuse(format!("'{}'", shown(text)));
    match column.affinity {
        Affinity::Integer if money_name(column).is_some() => parse_amount(text).map(Cell::Integer).ok_or_else(wrong),
        Affinity::Integer => text.parse().map(Cell::Integer).map_err(|_| wrong()),
        Affinity::Real => text.parse::<f64>().ok().filter(|x| !x.is_nan()).map(Cell::Real).ok_or_else(wrong),
        Affinity::Blob => from_hex(text).map(Cell::Blob).ok_or_else(wrong),
        Affinity::Text | Affinity::Any => Ok(Cell::Text(unescape_formula(text).to_string())),
    }
}

/// `-12.34` (or `12`, `12.3`) in minor units; nothing else.
fn parse_amount(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || cents.len() > 2 || !all_digits(cents) || digits.ends_with('.') {
        return None;
    }
    let cents: i128 = format!("{cents:0<2}").parse().ok()?;
    let minor = whole.parse::<i128>().ok()?.checked_mul(100)?.checked_add(cents)?;
    i64::try_from(if negative { -minor } else { minor }).ok()
}

/// Reads one table's CSV file: the header must name the table's columns (in any order),
/// every record must have one cell per column; each row goes to `sink` as it is read.
pub fn read_csv_table<R: Read, S: DumpSink>(
    reader: R,
    table: &TableSchema,
    sink: &mut S,
) -> Result<(), ReadError<S::Error>> {
    let breaks = Rc::new(RefCell::new(Breaks::default()));
    let logged = Logged { inner: reader, at: 0, breaks: Rc::clone(&breaks) };
    let mut csv = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(logged);
    let refuse = |line: u64, column: usize, message: String| {
        ReadError::File(DumpError {
            table: Some(table.name.clone()),
            line: usize::try_from(line).unwrap_or(usize::MAX),
            column,
            message,
        })
    };
    let mut record = ::csv::ByteRecord::new();
    let mut line = 1;
    let unreadable = |e: ::csv::Error, line| refuse(line, 0, format!("cannot read it: {e}"));
    if !csv.read_byte_record(&mut record).map_err(|e| unreadable(e, line))? {
        return Err(refuse(1, 0, format!("{}: the file is empty; its first line is the header", table.name)));
    }
    let first = breaks.borrow_mut().line_of(record.position().map_or(0, ::csv::Position::byte));
    let order = check_header(table, &record).map_err(|(column, message)| refuse(first, column, message))?;
    sink.begin_table(table).map_err(ReadError::Sink)?;
    let mut cells = vec![Cell::Null; table.columns.len()];
    loop {
        if !csv.read_byte_record(&mut record).map_err(|e| unreadable(e, line))? {
            break;
        }
        line = breaks.borrow_mut().line_of(record.position().map_or(0, ::csv::Position::byte));
        if record.len() != order.len() {
            let (found, wanted) = (record.len(), order.len());
            return Err(refuse(
                line,
                0,
                format!("{}: the row has {found} cells; the table has {wanted} columns", table.name),
            ));
        }
        for (i, (field, &at)) in record.iter().zip(&order).enumerate() {
            let column = &table.columns[at];
            let text = std::str::from_utf8(field).map_err(|_| {
                refuse(line, i + 1, format!("{}.{}: the cell is not UTF-8 text", table.name, csv_header(column)))
            })?;
            cells[at] = from_csv_cell(text, column)
                .map_err(|why| refuse(line, i + 1, format!("{}.{}: {why}", table.name, csv_header(column))))?;
        }
        sink.row(line, &cells).map_err(ReadError::Sink)?;
    }
    sink.end_table().map_err(ReadError::Sink)
}

/// For each header cell, its column's place in the schema; or the header cell (1-based,
/// 0 for none) and what is wrong.
fn check_header(table: &TableSchema, header: &::csv::ByteRecord) -> Result<Vec<usize>, (usize, String)> {
    let name = &table.name;
    let mut order: Vec<usize> = Vec::with_capacity(header.len());
    for (i, cell) in header.iter().enumerate() {
        let text = String::from_utf8_lossy(cell);
        // A BOM an editor added is not part of the first name.
        let text = if i == 0 { text.trim_start_matches('\u{feff}') } else { &text };
        let Some(at) = table.columns.iter().position(|c| csv_header(c) == text) else {
            let expected: Vec<&str> = table.columns.iter().map(csv_header).collect();
            return Err((
                i + 1,
                format!("{name}: unknown column '{}'; the header is {}", shown(text), expected.join(",")),
            ));
        };
        if order.contains(&at) {
            return Err((i + 1, format!("{name}: column '{}' appears twice", shown(text))));
        }
        order.push(at);
    }
    if let Some(missing) = table.columns.iter().enumerate().find(|(at, _)| !order.contains(at)) {
        return Err((0, format!("{name}: column '{}' is missing", csv_header(missing.1))));
    }
    Ok(order)
}

/// A folder of CSV files, one per table, opened through `open` (the table's name in, its
/// file out): the caller does the file system, this the reading.
pub struct CsvFolder<F>(pub F);

impl<F, R> DumpSource for CsvFolder<F>
where
    F: FnMut(&str) -> std::io::Result<R>,
    R: Read,
{
    fn read_into<S: DumpSink>(
        &mut self,
        tables: &[TableSchema],
        _schema: i64,
        sink: &mut S,
    ) -> Result<(), ReadError<S::Error>> {
        for table in tables {
            let file = (self.0)(&table.name).map_err(|e| {
                let message = match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        "there is no such file; a CSV export has one file for every table".to_string()
                    }
                    _ => format!("cannot read it: {e}"),
                };
                ReadError::File(DumpError { table: Some(table.name.clone()), line: 0, column: 0, message })
            })?;
            read_csv_table(file, table, sink)?;
        }
        Ok(())
    }
}

/// Where the line breaks are in the bytes handed to the CSV reader but not yet placed.
#[derive(Default)]
struct Breaks {
    /// Offset of each `\r` or `\n`, and whether it is `\n`.
    at: VecDeque<(u64, bool)>,
    /// The `\n`s already passed.
    lines: u64,
}

impl Breaks {
    /// The line a record starts on. The CSV reader's own line count is off around CRLF and
    /// blank lines, and its byte offset points into the terminator before the record, so
    /// the line is counted here from the offset, past any line breaks. Offsets must not go
    /// back; breaks before one are forgotten, so only the reader's buffer is remembered.
    fn line_of(&mut self, byte: u64) -> u64 {
        let mut start = byte;
        while let Some(&(at, newline)) = self.at.front() {
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            self.lines += u64::from(newline);
            self.at.pop_front();
        }
        self.lines + 1
    }
}

/// Passes bytes through, noting the line breaks in [`Breaks`].
struct Logged<R> {
    inner: R,
    at: u64,
    breaks: Rc<RefCell<Breaks>>,
}

impl<R: Read> Read for Logged<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.borrow_mut();
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                breaks.at.push_back((self.at + i as u64, b == b'\n'));
            }
        }
        self.at += n as u64;
        Ok(n)
    }
}

fn shown(text: &str) -> String {
    crate::domain::import::shown(text)
}

#[cfg(test)]
#[path = "dump_csv_tests.rs"]
mod tests;
