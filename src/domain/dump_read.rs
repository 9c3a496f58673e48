//! Reading a dump: serde seeds that check every table, column and value against the
//! database's schema while parsing, so a refusal names the line of the first thing that
//! does not fit (serde_json attaches the position to each custom error).

use super::{Affinity, Cell, ColumnSchema, Dump, FORMAT, Row, TableRows, TableSchema, VERSION};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell as Counter;
use std::fmt;
use std::rc::Rc;

/// Why a file was refused: the line (and column, 0 when unknown) where reading stopped,
/// and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpError {
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

/// Reads a dump, checking it against `tables` (the database's schema) and `schema` (its
/// version). Every table must be present, with exactly its columns.
pub fn parse_dump(bytes: &[u8], tables: &[TableSchema], schema: i64) -> Result<Dump, DumpError> {
    let line = Rc::new(Counter::new(1u64));
    let reader = LineCounting { bytes, at: 0, line: Rc::clone(&line) };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let seed = DumpSeed { tables, schema, line: &line };
    let dump = seed.deserialize(&mut de).and_then(|dump| de.end().map(|()| dump)).map_err(|e| {
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        DumpError { line: e.line().max(1), column: e.column(), message }
    })?;
    Ok(dump)
}

/// Hands serde_json one byte at a time, counting lines, so a row knows where it starts.
struct LineCounting<'a> {
    bytes: &'a [u8],
    at: usize,
    line: Rc<Counter<u64>>,
}

impl std::io::Read for LineCounting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.bytes.get(self.at), buf.first_mut()) {
            (Some(&b), Some(slot)) => {
                *slot = b;
                self.at += 1;
                if b == b'\n' {
                    self.line.set(self.line.get() + 1);
                }
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

struct DumpSeed<'a> {
    tables: &'a [TableSchema],
    schema: i64,
    line: &'a Rc<Counter<u64>>,
}

impl<'de> DeserializeSeed<'de> for DumpSeed<'_> {
    type Value = Dump;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Dump, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DumpSeed<'_> {
    type Value = Dump;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a salescoach export (a JSON object with format, version, schema and tables)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dump, A::Error> {
        let (mut format, mut version, mut schema, mut tables) = (false, false, false, None);
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
                    if found != self.schema {
                        return Err(de::Error::custom(format!(
                            "made with database schema {found}; this salescoach restores schema {} (export it again with the matching version)",
                            self.schema
                        )));
                    }
                    schema = true;
                }
                "tables" if tables.is_none() => {
                    tables = Some(map.next_value_seed(TablesSeed { tables: self.tables, line: self.line })?)
                }
                other => return Err(de::Error::custom(format!("unexpected key '{}'", shown(other)))),
            }
        }
        for (present, name) in
            [(format, "format"), (version, "version"), (schema, "schema"), (tables.is_some(), "tables")]
        {
            if !present {
                return Err(de::Error::custom(format!("missing \"{name}\"; this is not a complete salescoach export")));
            }
        }
        Ok(Dump { schema: self.schema, tables: tables.unwrap_or_default() })
    }
}

struct TablesSeed<'a> {
    tables: &'a [TableSchema],
    line: &'a Rc<Counter<u64>>,
}

impl<'de> DeserializeSeed<'de> for TablesSeed<'_> {
    type Value = Vec<TableRows>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TablesSeed<'_> {
    type Value = Vec<TableRows>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<TableRows> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let Some(table) = self.tables.iter().find(|t| t.name == name) else {
                return Err(de::Error::custom(format!("unknown table '{}'", shown(&name))));
            };
            if out.iter().any(|t| t.name == name) {
                return Err(de::Error::custom(format!("table '{name}' appears twice")));
            }
            out.push(map.next_value_seed(TableSeed { table, line: self.line })?);
        }
        if let Some(missing) = self.tables.iter().find(|t| !out.iter().any(|o| o.name == t.name)) {
            return Err(de::Error::custom(format!("table '{}' is missing; the export is incomplete", missing.name)));
        }
        Ok(out)
    }
}

struct TableSeed<'a> {
    table: &'a TableSchema,
    line: &'a Rc<Counter<u64>>,
}

impl<'de> DeserializeSeed<'de> for TableSeed<'_> {
    type Value = TableRows;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<TableRows, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TableSeed<'_> {
    type Value = TableRows;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with \"columns\" and \"rows\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TableRows, A::Error> {
        let name = &self.table.name;
        let mut columns: Option<Vec<&ColumnSchema>> = None;
        let mut rows = None;
        while let Some(key) = map.next_key::<String>()? {
            match (key.as_str(), &columns) {
                ("columns", None) => {
                    let names: Vec<String> = map.next_value()?;
                    columns = Some(check_columns(self.table, &names).map_err(de::Error::custom)?);
                }
                ("rows", Some(cols)) if rows.is_none() => {
                    rows = Some(map.next_value_seed(RowsSeed { table: name, columns: cols, line: self.line })?);
                }
                ("rows", None) => {
                    return Err(de::Error::custom(format!("{name}: \"columns\" must come before \"rows\"")));
                }
                (other, _) => return Err(de::Error::custom(format!("{name}: unexpected key '{}'", shown(other)))),
            }
        }
        let (Some(columns), Some(rows)) = (columns, rows) else {
            return Err(de::Error::custom(format!("{name}: needs both \"columns\" and \"rows\"")));
        };
        Ok(TableRows { name: name.clone(), columns: columns.iter().map(|c| c.name.clone()).collect(), rows })
    }
}

/// The file's column list, which must be the table's columns (in any order).
fn check_columns<'a>(table: &'a TableSchema, names: &[String]) -> Result<Vec<&'a ColumnSchema>, String> {
    let mut found = Vec::with_capacity(names.len());
    for name in names {
        let Some(column) = table.columns.iter().find(|c| &c.name == name) else {
            return Err(format!("{}: unknown column '{}'", table.name, shown(name)));
        };
        if found.iter().any(|c: &&ColumnSchema| &c.name == name) {
            return Err(format!("{}: column '{name}' appears twice", table.name));
        }
        found.push(column);
    }
    if let Some(missing) = table.columns.iter().find(|c| !names.contains(&c.name)) {
        return Err(format!("{}: column '{}' is missing", table.name, missing.name));
    }
    Ok(found)
}

struct RowsSeed<'a> {
    table: &'a str,
    columns: &'a [&'a ColumnSchema],
    line: &'a Rc<Counter<u64>>,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = Vec<Row>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Row>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = Vec<Row>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Row>, A::Error> {
        let mut rows = Vec::new();
        while let Some(row) =
            seq.next_element_seed(RowSeed { table: self.table, columns: self.columns, line: self.line })?
        {
            rows.push(row);
        }
        Ok(rows)
    }
}

struct RowSeed<'a> {
    table: &'a str,
    columns: &'a [&'a ColumnSchema],
    line: &'a Rc<Counter<u64>>,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = Row;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Row, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = Row;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a row: a list of {} values", self.columns.len())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Row, A::Error> {
        let line = self.line.get();
        let mut cells = Vec::with_capacity(self.columns.len());
        for column in self.columns {
            let seed = CellSeed { table: self.table, column };
            match seq.next_element_seed(seed)? {
                Some(cell) => cells.push(cell),
                None => {
                    return Err(de::Error::custom(format!(
                        "{}: the row has {} values; the table has {} columns",
                        self.table,
                        cells.len(),
                        self.columns.len()
                    )));
                }
            }
        }
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(format!(
                "{}: the row has more than {} values, one per column",
                self.table,
                self.columns.len()
            )));
        }
        Ok(Row { line, cells })
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

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect()
}

/// Text from the file quoted in an error: at most 40 characters.
fn shown(text: &str) -> String {
    crate::domain::text::truncate(text, 40).into_owned()
}
