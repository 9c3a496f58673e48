//! Finding a customer, product or technique by id or by an unambiguous piece of its name.
//! Ambiguity is an error that lists the candidates, never a guess.

use super::Store;
use crate::domain::FieldError;
use crate::domain::text::fold;
use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// A table the seller refers to by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Customer,
    Product,
    Technique,
}

impl Named {
    fn table(self) -> &'static str {
        match self {
            Self::Customer => "customers",
            Self::Product => "products",
            Self::Technique => "techniques",
        }
    }

    fn field(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Product => "product",
            Self::Technique => "technique",
        }
    }

    /// Extra text a customer can be found by.
    fn also_matches(self) -> &'static str {
        match self {
            Self::Customer => " OR fold(company) LIKE ?1 ESCAPE '\\'",
            _ => "",
        }
    }
}

/// Candidates shown in an ambiguity error.
const SHOWN: usize = 5;

pub fn resolve(conn: &Connection, what: Named, text: &str) -> Result<i64> {
    let field = what.field();
    let wanted = text.trim();
    if wanted.is_empty() {
        return Err(FieldError::new(field, "is empty; give a name or #id").into());
    }
    let table = what.table();
    let by_id = |id: i64| -> Result<Option<i64>> {
        Ok(conn.query_row(&format!("SELECT id FROM {table} WHERE id = ?1"), params![id], |r| r.get(0)).optional()?)
    };
    // `#12` is always an id.
    if let Some(id) = wanted.strip_prefix('#').and_then(|d| d.parse::<i64>().ok()) {
        return by_id(id)?.ok_or_else(|| FieldError::new(field, format!("there is no {field} #{id}")).into());
    }
    // The name as typed (case aside) wins; accents are forgiven only when nothing matches
    // exactly, so "Cafe" still finds "Cafe" when "Café" exists too.
    let mut exact = candidates(
        conn,
        &format!("SELECT id, name FROM {table} WHERE name = ?1 COLLATE NOCASE AND archived = 0 ORDER BY id LIMIT 6"),
        wanted,
    )?;
    if exact.is_empty() {
        exact = candidates(
            conn,
            &format!("SELECT id, name FROM {table} WHERE fold(name) = ?1 AND archived = 0 ORDER BY id LIMIT 6"),
            &fold(wanted),
        )?;
        // SQLite's NOCASE folds ASCII only: "JOSÉ RUIZ" is still exactly "José Ruiz".
        let lower = wanted.to_lowercase();
        let same: Vec<_> = exact.iter().filter(|(_, name)| name.to_lowercase() == lower).cloned().collect();
        if same.len() == 1 {
            exact = same;
        }
    }
    // A bare number is an id unless something is called exactly that (a model number).
    if let Some(id) = wanted.parse::<i64>().ok().filter(|_| wanted.bytes().all(|b| b.is_ascii_digit())) {
        return match (exact.as_slice(), by_id(id)?) {
            ([], Some(id)) => Ok(id),
            ([], None) => Err(FieldError::new(field, format!("there is no {field} #{id}")).into()),
            ([(named, _)], found) if found.is_none() || found == Some(*named) => Ok(*named),
            _ => {
                Err(FieldError::new(field, format!("'{wanted}' is both a name and an id; write #{id} for the id"))
                    .into())
            }
        };
    }
    if exact.len() == 1 {
        return Ok(exact[0].0);
    }
    let pattern = format!("%{}%", escape_like(&fold(wanted)));
    let fuzzy = if exact.is_empty() {
        let sql = format!(
            "SELECT id, name FROM {table} WHERE (fold(name) LIKE ?1 ESCAPE '\\'{}) AND archived = 0 ORDER BY name LIMIT 6",
            what.also_matches()
        );
        candidates(conn, &sql, &pattern)?
    } else {
        exact
    };
    match fuzzy.len() {
        0 => Err(FieldError::new(field, format!("no {field} matches '{wanted}'")).into()),
        1 => Ok(fuzzy[0].0),
        n => {
            let shown: Vec<String> = fuzzy.iter().take(SHOWN).map(|(id, name)| format!("{name} (#{id})")).collect();
            let more = if n > SHOWN { ", …" } else { "" };
            Err(FieldError::new(
                field,
                format!("'{wanted}' matches {}{more}; use more of the name or the #id", shown.join(", ")),
            )
            .into())
        }
    }
}

fn candidates(conn: &Connection, sql: &str, param: &str) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![param], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

impl Store {
    pub fn resolve(&self, what: Named, text: &str) -> Result<i64> {
        resolve(self.conn(), what, text)
    }

    pub fn resolve_optional(&self, what: Named, text: Option<&str>) -> Result<Option<i64>> {
        text.map(|t| self.resolve(what, t)).transpose()
    }
}

impl Store {
    /// The display name of a row found by `resolve`, with a customer's company.
    pub fn display_name(&self, what: Named, id: i64) -> Result<String> {
        let sql = match what {
            Named::Customer => {
                "SELECT name || CASE WHEN company <> '' THEN ' (' || company || ')' ELSE '' END FROM customers WHERE id = ?1"
            }
            Named::Product => {
                "SELECT name || ' · ' || printf('%d.%02d', price_minor / 100, price_minor % 100) FROM products WHERE id = ?1"
            }
            Named::Technique => "SELECT name FROM techniques WHERE id = ?1",
        };
        Ok(self.conn().query_row(sql, params![id], |r| r.get(0))?)
    }

    /// Other customers called `name` (accents and case aside), as "#id Name (Company)".
    pub fn namesakes(&self, name: &str, except: Option<i64>) -> Result<Vec<String>> {
        let wanted = fold(name.trim());
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT '#' || id || ' ' || name || CASE WHEN company <> '' THEN ' (' || company || ')' ELSE '' END
             FROM customers WHERE fold(name) = ?1 AND id IS NOT ?2 ORDER BY id LIMIT 3",
        )?;
        let rows = stmt.query_map(params![wanted, except], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A product's list price in minor units.
    pub fn product_price(&self, id: i64) -> Result<i64> {
        Ok(self.conn().query_row("SELECT price_minor FROM products WHERE id = ?1", params![id], |r| r.get(0))?)
    }
}
