//! Selling techniques: the seller's own list (a starter set ships).

use super::Store;
use super::records::insert_technique;
use crate::domain::FieldError;
use crate::domain::knowledge::NewTechnique;
use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Technique {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub archived: bool,
}

fn check_name_free(conn: &rusqlite::Connection, name: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM techniques WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![name.trim(), except],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = taken {
        bail!(FieldError::new("name", format!("technique #{id} is already called '{}'", name.trim())));
    }
    Ok(())
}

impl Store {
    pub fn techniques(&self, include_archived: bool) -> Result<Vec<Technique>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, description, archived FROM techniques WHERE archived = 0 OR ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map(params![include_archived], |r| {
            Ok(Technique { id: r.get(0)?, name: r.get(1)?, description: r.get(2)?, archived: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_technique(&mut self, technique: &NewTechnique) -> Result<i64> {
        technique.validate()?;
        self.change(|tx| {
            check_name_free(tx, &technique.name, None)?;
            let id = insert_technique(tx, technique)?;
            Ok((id, format!("Added technique #{id} {}", technique.name.trim())))
        })
    }

    /// Renames a technique; its history keeps counting under the new name.
    pub fn rename_technique(&mut self, id: i64, name: &str) -> Result<()> {
        NewTechnique { name: name.into(), description: String::new() }.validate()?;
        self.change(|tx| {
            check_name_free(tx, name, Some(id))?;
            let old: Option<String> =
                tx.query_row("SELECT name FROM techniques WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
            let Some(old) = old else {
                bail!(FieldError::new("technique", format!("there is no technique #{id}")));
            };
            tx.execute("UPDATE techniques SET name = ?2 WHERE id = ?1", params![id, name.trim()])?;
            Ok(((), format!("Renamed technique #{id} {old} to {}", name.trim())))
        })
    }

    /// Retires a technique from the forms and tables; logged interactions keep it.
    pub fn set_technique_archived(&mut self, id: i64, archived: bool) -> Result<()> {
        self.change(|tx| {
            let name: Option<String> =
                tx.query_row("SELECT name FROM techniques WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
            let Some(name) = name else {
                bail!(FieldError::new("technique", format!("there is no technique #{id}")));
            };
            tx.execute("UPDATE techniques SET archived = ?2 WHERE id = ?1", params![id, archived])?;
            Ok(((), format!("{} technique #{id} {name}", if archived { "Archived" } else { "Restored" })))
        })
    }
}
