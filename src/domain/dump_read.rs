//! Reading a dump: serde seeds that check every table, column and value against the
//! database's schema while parsing and hand each row to a [`DumpSink`] as soon as it is
//! read, so memory does not grow with the file. A refusal names the line of the first thing
//! that does not fit (serde_json attaches the position to each custom error).

use super::{
    Affinity, Cell, ColumnSchema, Dump, DumpSink, DumpSource, FORMAT, ReadError, Row, TableRows, TableSchema, VERSION,
    from_hex,
};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell as Counter;
use std::convert::Infallible;
use std::fmt;
use std::io::{BufRead, Seek};
use std::rc::Rc;

/// Why a file was refused: the line (and column, 0 when unknown) where reading stopped,
/// and what was wrong; `table` is the table being read, when it is known (a folder of CSV
/// files names the file by it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpError {
    pub table: Option<String>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for DumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            0 => write!(f, "line {}: {}", self.line, self.message),
            column => write!(f, "line {}, column {column}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for DumpError {}

/// Reads a whole dump from `bytes` into memory (for tests and small files; a restore
/// streams through [`read_dump`] instead).
pub fn parse_dump(bytes: &[u8], tables: &[TableSchema], schema: i64) -> Result<Dump, DumpError> {
    let mut collect = Collect(Vec::new());
    read_dump(bytes, tables, schema, &mut collect).map_err(|e| match e {
        ReadError::File(e) => e,
        ReadError::Sink(never) => match never {},
    })?;
    Ok(Dump { schema, tables: collect.0 })
}

struct Collect(Vec<TableRows>);

impl DumpSink for Collect {
    type Error = Infallible;
    fn begin_table(&mut self, table: &TableSchema) -> Result<(), Infallible> {
        let columns = table.columns.iter().map(|c| c.name.clone()).collect();
        self.0.push(TableRows { name: table.name.clone(), columns, rows: Vec::new() });
        Ok(())
    }
    fn row(&mut self, line: u64, cells: &[Cell]) -> Result<(), Infallible> {
        if let Some(table) = self.0.last_mut() {
            table.rows.push(Row { line, cells: cells.to_vec() });
        }
        Ok(())
    }
    fn end_table(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
}

/// Reads a dump from `reader`, checking it against `tables` (the database's schema) and
/// `schema` (its version), and hands each row to `sink` as it is read. Every table must be
/// present, with exactly its columns; a table refused at its end (one missing, a trailing
/// character) has already been handed over, so the caller keeps it all in one transaction.
pub fn read_dump<R: BufRead, S: DumpSink>(
    reader: R,
    tables: &[TableSchema],
    schema: i64,
    sink: &mut S,
) -> Result<(), ReadError<S::Error>> {
    let line = Rc::new(Counter::new(1u64));
    let mut de = serde_json::Deserializer::from_reader(LineCounting { inner: reader, line: Rc::clone(&line) });
    let mut state = State { sink, line: Rc::clone(&line), failed: None, cells: Vec::new() };
    let result = DumpSeed { tables, schema, state: &mut state }.deserialize(&mut de).and_then(|()| de.end());
    let Err(e) = result else { return Ok(()) };
    if let Some(failed) = state.failed.take() {
        return Err(ReadError::Sink(failed));
    }
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    // An I/O error has no position of its own; the line counted so far is where it struck.
    let at = if e.is_io() { usize::try_from(line.get()).unwrap_or(usize::MAX) } else { e.line().max(1) };
    Err(ReadError::File(DumpError { table: None, line: at, column: e.column(), message }))
}

/// A JSON export in a seekable reader (a buffered file): read from its start on every call.
pub struct JsonDump<R>(pub R);

impl<R: BufRead + Seek> DumpSource for JsonDump<R> {
    fn read_into<S: DumpSink>(
        &mut self,
        tables: &[TableSchema],
        schema: i64,
        sink: &mut S,
    ) -> Result<(), ReadError<S::Error>> {
        self.0.rewind().map_err(|e| {
            ReadError::File(DumpError {
                table: None,
                line: 1,
                column: 0,
                message: format!("cannot read it again: {e}"),
            })
        })?;
        read_dump(&mut self.0, tables, schema, sink)
    }
}

/// Hands serde_json one byte at a time (it asks for no more), counting lines, so a row
/// knows where it starts; the bytes come from a buffered reader.
struct LineCounting<R> {
    inner: R,
    line: Rc<Counter<u64>>,
}

impl<R: BufRead> std::io::Read for LineCounting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(slot) = buf.first_mut() else { return Ok(0) };
        let Some(&b) = self.inner.fill_buf()?.first() else { return Ok(0) };
        self.inner.consume(1);
        *slot = b;
        if b == b'\n' {
            self.line.set(self.line.get() + 1);
        }
        Ok(1)
    }
}

/// What the seeds share while reading: the sink, the line counter, the sink's error (kept
/// whole while serde unwinds with a placeholder) and one row's cells, reused.
struct State<'s, S: DumpSink> {
    sink: &'s mut S,
    line: Rc<Counter<u64>>,
    failed: Option<S::Error>,
    cells: Vec<Cell>,
}

impl<S: DumpSink> State<'_, S> {
    fn stop<E: de::Error>(&mut self, result: Result<(), S::Error>) -> Result<(), E> {
        result.map_err(|e| {
            self.failed = Some(e);
            E::custom("the restore stopped")
        })
    }
}

struct DumpSeed<'a, 's, S: DumpSink> {
    tables: &'a [TableSchema],
    schema: i64,
    state: &'a mut State<'s, S>,
}

impl<'de, S: DumpSink> DeserializeSeed<'de> for DumpSeed<'_, '_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: DumpSink> Visitor<'de> for DumpSeed<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a salescoach export (a JSON object with format, version, schema and tables)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (mut format, mut version, mut schema, mut tables) = (false, false, false, false);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let found: String = map.next_value()?;
                    if found != FORMAT {
                        return Err(de::Error::custom(format!(
                            "not a salescoach export (format is '{}')",
                            shown(&found)
                        )));
                    }
                    format = true;
                }
                "version" => {
                    let found: i64 = map.next_value()?;
                    if found != VERSION {
                        return Err(de::Error::custom(format!(
                            "export format version {found}; this salescoach reads version {VERSION}"
                        )));
                    }
                    version = true;
                }
                "schema" => {
                    let found: i64 = map.next_value()?;
                    if !super::restores_into(found, self.schema) {
                        return Err(de::Error::custom(format!(
                            "made with database schema {found}; this salescoach restores schema {}{} (export it again with the matching version)",
                            super::oldest_restored(self.schema).map(|o| format!("{o} to ")).unwrap_or_default(),
                            self.schema
                        )));
                    }
                    schema = true;
                }
                "tables" if !tables => {
                    map.next_value_seed(TablesSeed { tables: self.tables, state: &mut *self.state })?;
                    tables = true;
                }
                other => return Err(de::Error::custom(format!("unexpected key '{}'", shown(other)))),
            }
        }
        for (present, name) in [(format, "format"), (version, "version"), (schema, "schema"), (tables, "tables")] {
            if !present {
                return Err(de::Error::custom(format!("missing \"{name}\"; this is not a complete salescoach export")));
            }
        }
        Ok(())
    }
}

struct TablesSeed<'a, 's, S: DumpSink> {
    tables: &'a [TableSchema],
    state: &'a mut State<'s, S>,
}

impl<'de, S: DumpSink> DeserializeSeed<'de> for TablesSeed<'_, '_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: DumpSink> Visitor<'de> for TablesSeed<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<&str> = Vec::with_capacity(self.tables.len());
        while let Some(name) = map.next_key::<String>()? {
            let Some(table) = self.tables.iter().find(|t| t.name == name) else {
                return Err(de::Error::custom(format!("unknown table '{}'", shown(&name))));
            };
            if seen.contains(&table.name.as_str()) {
                return Err(de::Error::custom(format!("table '{name}' appears twice")));
            }
            seen.push(&table.name);
            map.next_value_seed(TableSeed { table, state: &mut *self.state })?;
        }
        if let Some(missing) = self.tables.iter().find(|t| !seen.contains(&t.name.as_str())) {
            return Err(de::Error::custom(format!("table '{}' is missing; the export is incomplete", missing.name)));
        }
        Ok(())
    }
}

struct TableSeed<'a, 's, S: DumpSink> {
    table: &'a TableSchema,
    state: &'a mut State<'s, S>,
}

impl<'de, S: DumpSink> DeserializeSeed<'de> for TableSeed<'_, '_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: DumpSink> Visitor<'de> for TableSeed<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with \"columns\" and \"rows\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let name = &self.table.name;
        // Where each of the file's columns sits in the schema.
        let mut order: Option<Vec<usize>> = None;
        let mut rows = false;
        while let Some(key) = map.next_key::<String>()? {
            match (key.as_str(), &order) {
                ("columns", None) => {
                    let names: Vec<String> = map.next_value()?;
                    order = Some(check_columns(self.table, &names).map_err(de::Error::custom)?);
                }
                ("rows", Some(order)) if !rows => {
                    let begun = self.state.sink.begin_table(self.table);
                    self.state.stop(begun)?;
                    map.next_value_seed(RowsSeed { table: self.table, order, state: &mut *self.state })?;
                    let ended = self.state.sink.end_table();
                    self.state.stop(ended)?;
                    rows = true;
                }
                ("rows", None) => {
                    return Err(de::Error::custom(format!("{name}: \"columns\" must come before \"rows\"")));
                }
                (other, _) => return Err(de::Error::custom(format!("{name}: unexpected key '{}'", shown(other)))),
            }
        }
        if order.is_none() || !rows {
            return Err(de::Error::custom(format!("{name}: needs both \"columns\" and \"rows\"")));
        }
        Ok(())
    }
}

/// The file's column list, which must be the table's columns (in any order): for each, its
/// place in the schema.
pub(super) fn check_columns(table: &TableSchema, names: &[String]) -> Result<Vec<usize>, String> {
    let mut found: Vec<usize> = Vec::with_capacity(names.len());
    for name in names {
        let Some(at) = table.columns.iter().position(|c| &c.name == name) else {
            return Err(format!("{}: unknown column '{}'", table.name, shown(name)));
        };
        if found.contains(&at) {
            return Err(format!("{}: column '{name}' appears twice", table.name));
        }
        found.push(at);
    }
    if let Some(missing) = table.columns.iter().find(|c| !names.contains(&c.name)) {
        return Err(format!("{}: column '{}' is missing", table.name, missing.name));
    }
    Ok(found)
}

struct RowsSeed<'a, 's, S: DumpSink> {
    table: &'a TableSchema,
    order: &'a [usize],
    state: &'a mut State<'s, S>,
}

impl<'de, S: DumpSink> DeserializeSeed<'de> for RowsSeed<'_, '_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: DumpSink> Visitor<'de> for RowsSeed<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(RowSeed { table: self.table, order: self.order, state: &mut *self.state })?
            .is_some()
        {}
        Ok(())
    }
}

struct RowSeed<'a, 's, S: DumpSink> {
    table: &'a TableSchema,
    order: &'a [usize],
    state: &'a mut State<'s, S>,
}

impl<'de, S: DumpSink> DeserializeSeed<'de> for RowSeed<'_, '_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: DumpSink> Visitor<'de> for RowSeed<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a row: a list of {} values", self.order.len())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let line = self.state.line.get();
        let (table, count) = (&self.table.name, self.order.len());
        let cells = &mut self.state.cells;
        cells.clear();
        cells.resize(self.table.columns.len(), Cell::Null);
        for (read, &at) in self.order.iter().enumerate() {
            let seed = CellSeed { table, column: &self.table.columns[at] };
            match seq.next_element_seed(seed)? {
                Some(cell) => cells[at] = cell,
                None => {
                    return Err(de::Error::custom(format!(
                        "{table}: the row has {read} values; the table has {count} columns"
                    )));
                }
            }
        }
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(format!("{table}: the row has more than {count} values, one per column")));
        }
        let State { sink, cells, .. } = &mut *self.state;
        let written = sink.row(line, cells);
        self.state.stop(written)
    }
}

struct CellSeed<'a> {
    table: &'a str,
    column: &'a ColumnSchema,
}

impl CellSeed<'_> {
    fn refuse<E: de::Error>(&self, what: &str) -> E {
        let wanted = match self.column.affinity {
            Affinity::Integer => "a whole number",
            Affinity::Real => "a number",
            Affinity::Text => "text",
            Affinity::Blob => "{\"hex\": ...}",
            Affinity::Any => "a value",
        };
        let null = if self.column.not_null { "" } else { " or null" };
        E::custom(format!("{}.{}: {what} where {wanted}{null} belongs", self.table, self.column.name))
    }
}

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = Cell;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cell, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed<'_> {
    type Value = Cell;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a value for {}.{}", self.table, self.column.name)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
        if self.column.not_null { Err(self.refuse("null")) } else { Ok(Cell::Null) }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Cell, E> {
        Err(self.refuse("true/false"))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Cell, E> {
        match self.column.affinity {
            Affinity::Integer | Affinity::Any => Ok(Cell::Integer(n)),
            Affinity::Real => Ok(Cell::Real(n as f64)),
            _ => Err(self.refuse("a number")),
        }
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Cell, E> {
        match i64::try_from(n) {
            Ok(n) => self.visit_i64(n),
            Err(_) => Err(self.refuse("a number too large for SQLite")),
        }
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Cell, E> {
        match self.column.affinity {
            Affinity::Real | Affinity::Any => Ok(Cell::Real(x)),
            _ => Err(self.refuse("a fraction")),
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Cell, E> {
        self.visit_string(text.to_string())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Cell, E> {
        match self.column.affinity {
            Affinity::Text | Affinity::Any => Ok(Cell::Text(text)),
            _ => Err(self.refuse("text")),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cell, A::Error> {
        if !matches!(self.column.affinity, Affinity::Blob | Affinity::Any) {
            return Err(self.refuse("an object"));
        }
        let Some(key) = map.next_key::<String>()? else {
            return Err(self.refuse("an empty object"));
        };
        if key != "hex" {
            return Err(self.refuse("an object without \"hex\""));
        }
        let hex: String = map.next_value()?;
        if map.next_key::<String>()?.is_some() {
            return Err(self.refuse("an object with more than \"hex\""));
        }
        from_hex(&hex).map(Cell::Blob).ok_or_else(|| self.refuse("malformed hex"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Cell, A::Error> {
        Err(self.refuse("a list"))
    }
}

/// Text from the file quoted in an error: at most 40 characters.
fn shown(text: &str) -> String {
    crate::domain::text::truncate(text, 40).into_owned()
}
