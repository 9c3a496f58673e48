//! Which column fills which field: `--map` first, then each header by name or synonym;
//! every problem with the header line is listed.

use super::{Field, ImportKind, normalize, shown};
use Field::*;
use std::collections::HashMap;

/// A problem with the header line or `--map`: the column (0-based) when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError {
    pub column: Option<usize>,
    pub message: String,
}

/// Which field each column fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub kind: ImportKind,
    headers: Vec<String>,
    fields: Vec<Option<Field>>,
    index: HashMap<Field, usize>,
}

impl Columns {
    /// Maps `headers` for `kind`, `maps` (`column=field`) first. Every problem is listed.
    pub fn map(kind: ImportKind, headers: &[String], maps: &[String]) -> Result<Self, Vec<HeaderError>> {
        let mut errors = Vec::new();
        let mut chosen: Vec<Option<Option<Field>>> = vec![None; headers.len()];
        for map in maps {
            match apply_map(kind, headers, map) {
                Ok((column, field)) => chosen[column] = Some(field),
                Err(message) => errors.push(HeaderError { column: None, message }),
            }
        }
        // A bad --map is an argument to fix first; the columns it meant would only repeat it.
        if !errors.is_empty() {
            return Err(errors);
        }
        let names = kind.names();
        let mut unknown = Vec::new();
        let mut fields = Vec::with_capacity(headers.len());
        let mut index: HashMap<Field, usize> = HashMap::new();
        for (column, header) in headers.iter().enumerate() {
            let field = match chosen[column] {
                Some(choice) => choice,
                None if header.trim().is_empty() => {
                    errors.push(HeaderError {
                        column: Some(column),
                        message: "has no name; name it, remove it, or --map its header".into(),
                    });
                    None
                }
                None => {
                    let field = names.get(&normalize(header)).copied();
                    if field.is_none() {
                        unknown.push(column);
                    }
                    field
                }
            };
            if let Some(field) = field.filter(|f| *f != Ignore) {
                if let Some(&earlier) = index.get(&field) {
                    errors.push(HeaderError {
                        column: Some(column),
                        message: format!(
                            "means {} like column {} ({}); --map one of them to ignore",
                            field.name(),
                            earlier + 1,
                            shown(&headers[earlier])
                        ),
                    });
                } else {
                    index.insert(field, column);
                }
            }
            fields.push(field);
        }
        // Unknown columns first: mapping them often supplies what is missing.
        let unknown_error = unknown_columns(kind, headers, &unknown);
        let required = if unknown_error.is_some() { &[][..] } else { kind.required() };
        errors.extend(unknown_error);
        for (group, what) in required {
            if !group.iter().any(|f| index.contains_key(f)) {
                let found: Vec<String> = headers.iter().map(|h| shown(h)).collect();
                errors.push(HeaderError {
                    column: None,
                    message: format!("no column for {what}; the columns are: {}", found.join(", ")),
                });
            }
        }
        for (a, b) in [
            (Customer, CustomerId),
            (Product, ProductId),
            (Technique, TechniqueId),
            (Amount, AmountMinor),
            (Price, PriceMinor),
        ] {
            if let (Some(_), Some(&second)) = (index.get(&a), index.get(&b)) {
                errors.push(HeaderError {
                    column: Some(second),
                    message: format!("{} and {} both given; --map one of them to ignore", a.name(), b.name()),
                });
            }
        }
        if errors.is_empty() { Ok(Self { kind, headers: headers.to_vec(), fields, index }) } else { Err(errors) }
    }

    pub fn has(&self, field: Field) -> bool {
        self.index.contains_key(&field)
    }

    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.index.get(&field).copied()
    }

    pub fn len(&self) -> usize {
        self.headers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.headers.is_empty()
    }

    /// How a column is named in messages: its header, or its number when it has none.
    pub fn describe(&self, column: usize) -> String {
        match self.headers.get(column).map(|h| h.trim()).filter(|h| !h.is_empty()) {
            Some(header) => shown(header),
            None => format!("{}", column + 1),
        }
    }

    /// The columns read as which field, for `--dry-run`.
    pub fn mapping(&self) -> Vec<(String, &'static str)> {
        self.headers.iter().zip(&self.fields).map(|(h, f)| (h.clone(), f.map_or("ignore", Field::name))).collect()
    }
}

/// One error for every column no field claims (a file with thousands of them gets one line).
fn unknown_columns(kind: ImportKind, headers: &[String], unknown: &[usize]) -> Option<HeaderError> {
    let first = *unknown.first()?;
    let what = kind.label().trim_end_matches('s');
    let accepted = kind.field_names().join(", ");
    let fix = "or --map 'COLUMN=FIELD' (FIELD may be ignore)";
    if let [only] = unknown {
        return Some(HeaderError {
            column: Some(*only),
            message: format!("is not a {what} field; accepted: {accepted}; {fix}"),
        });
    }
    let mut names: Vec<String> = unknown.iter().take(5).map(|&c| format!("'{}'", shown(&headers[c]))).collect();
    if unknown.len() > 5 {
        names.push("…".into());
    }
    Some(HeaderError {
        column: None,
        message: format!(
            "columns {} ({} in all, from column {}) are not {what} fields; accepted: {accepted}; {fix}",
            names.join(", "),
            unknown.len(),
            first + 1
        ),
    })
}

fn apply_map(kind: ImportKind, headers: &[String], map: &str) -> Result<(usize, Option<Field>), String> {
    let Some((column, field)) = map.rsplit_once('=') else {
        return Err(format!("--map '{}': write COLUMN=FIELD, e.g. --map 'Mobile=phone'", shown(map)));
    };
    let wanted = normalize(column);
    let matches: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| normalize(h) == wanted && (!wanted.is_empty() || h.trim() == column.trim()))
        .map(|(i, _)| i)
        .collect();
    let column_index = match matches.as_slice() {
        [one] => *one,
        [] => {
            let found: Vec<String> = headers.iter().map(|h| shown(h)).collect();
            return Err(format!(
                "--map '{}': there is no column '{}'; the columns are: {}",
                shown(map),
                shown(column),
                found.join(", ")
            ));
        }
        _ => return Err(format!("--map '{}': more than one column is called '{}'", shown(map), shown(column))),
    };
    if matches!(normalize(field).as_str(), "ignore" | "skip" | "none") {
        return Ok((column_index, Some(Ignore)));
    }
    match kind.field_for(field) {
        Some(f) => Ok((column_index, Some(f))),
        None => Err(format!(
            "--map '{}': '{}' is not a {} field; accepted: {}, ignore",
            shown(map),
            shown(field),
            kind.label().trim_end_matches('s'),
            kind.field_names().join(", ")
        )),
    }
}
