//! Motivational items: built-ins seeded from the assets (idempotently, deletions kept as
//! tombstones so they never come back), the seller's own, and the item of the day.

use super::Store;
use crate::assets::AssetItem;
use crate::domain::FieldError;
use crate::domain::motivation::{Candidate, Item, ItemKind, ResourceKind, ResourceStatus, pick};
use crate::domain::undo::quoted;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

const ITEM_SQL: &str =
    "SELECT id, kind, resource_kind, body, author, why, topic, status, favourite, hidden, asset_key IS NOT NULL
    FROM motivation_items";

fn item_row(r: &Row<'_>) -> rusqlite::Result<Item> {
    let conv =
        |i: usize, e: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into());
    let kind: String = r.get(1)?;
    let resource: Option<String> = r.get(2)?;
    let status: Option<String> = r.get(7)?;
    Ok(Item {
        id: r.get(0)?,
        kind: ItemKind::parse(&kind).map_err(|e| conv(1, e))?,
        resource_kind: resource.map(|k| ResourceKind::parse(&k).map_err(|e| conv(2, e))).transpose()?,
        body: r.get(3)?,
        author: r.get(4)?,
        why: r.get(5)?,
        topic: r.get(6)?,
        status: status.map(|s| ResourceStatus::parse(&s).map_err(|e| conv(7, e))).transpose()?,
        favourite: r.get(8)?,
        hidden: r.get(9)?,
        built_in: r.get(10)?,
    })
}

/// Adds the built-in items a database does not have yet; returns how many were added.
pub(super) fn seed_items(conn: &Connection, items: &[AssetItem]) -> Result<usize> {
    let mut added = 0;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO motivation_items (kind, resource_kind, body, author, why, topic, status, asset_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?1 = 'resource' THEN 'todo' END, ?7)
         ON CONFLICT (asset_key) DO NOTHING",
    )?;
    for item in items {
        added += stmt.execute(params![
            item.kind,
            item.resource_kind,
            item.body,
            item.author,
            item.why,
            item.topic,
            item.key
        ])?;
    }
    Ok(added)
}

/// Adds the starter techniques once, on a database that has none.
pub(super) fn seed_techniques(conn: &Connection) -> Result<()> {
    let seeded: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = 'techniques_seeded'", [], |r| r.get(0)).optional()?;
    if seeded.is_some() {
        return Ok(());
    }
    for t in crate::assets::starter_techniques()? {
        conn.execute(
            "INSERT INTO techniques (name, description) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![t.name, t.description],
        )?;
    }
    conn.execute("INSERT INTO settings (key, value) VALUES ('techniques_seeded', '1')", [])?;
    Ok(())
}

/// A new item of the seller's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItem {
    pub kind: ItemKind,
    pub resource_kind: Option<ResourceKind>,
    pub body: String,
    pub author: String,
    pub why: String,
}

/// The item already chosen for `today`, if it is still visible.
fn chosen_on(conn: &rusqlite::Connection, today: NaiveDate) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT s.item_id FROM motivation_shown s JOIN motivation_items m ON m.id = s.item_id
             WHERE s.shown_on = ?1 AND m.hidden = 0 AND m.deleted = 0",
            params![today],
            |r| r.get(0),
        )
        .optional()?)
}

impl Store {
    /// Adds built-in items missing from this database (used on open and by tests).
    pub fn seed_motivation(&mut self, items: &[AssetItem]) -> Result<usize> {
        self.write_unrecorded(|tx| seed_items(tx, items))
    }

    pub fn item(&self, id: i64) -> Result<Item> {
        let found = self
            .conn()
            .query_row(&format!("{ITEM_SQL} WHERE id = ?1 AND deleted = 0"), params![id], item_row)
            .optional()?;
        found.ok_or_else(|| FieldError::new("item", format!("there is no item #{id}")).into())
    }

    /// Items of one kind (or all), favourites first; hidden ones only when asked.
    pub fn items(&self, kind: Option<ItemKind>, include_hidden: bool) -> Result<Vec<Item>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{ITEM_SQL} WHERE deleted = 0 AND (?1 IS NULL OR kind = ?1) AND (hidden = 0 OR ?2)
             ORDER BY favourite DESC, CASE kind WHEN 'quote' THEN 0 WHEN 'tip' THEN 1 ELSE 2 END, id"
        ))?;
        let rows = stmt.query_map(params![kind.map(|k| k.as_str()), include_hidden], item_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_item(&mut self, item: &NewItem) -> Result<i64> {
        if item.body.trim().is_empty() {
            bail!(FieldError::new("text", "is required"));
        }
        if item.kind != ItemKind::Quote && !item.author.trim().is_empty() {
            bail!(FieldError::new("author", "only quotes have an author"));
        }
        if (item.kind == ItemKind::Resource) != item.resource_kind.is_some() {
            bail!(FieldError::new(
                "kind",
                "a resource needs its kind (book, video, seminar, podcast, course, article), other items none"
            ));
        }
        self.change(|tx| {
            tx.execute(
                "INSERT INTO motivation_items (kind, resource_kind, body, author, why, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?1 = 'resource' THEN 'todo' END)",
                params![
                    item.kind.as_str(),
                    item.resource_kind.map(|k| k.as_str()),
                    item.body.trim(),
                    item.author.trim(),
                    item.why.trim()
                ],
            )?;
            let id = tx.last_insert_rowid();
            Ok((id, format!("Added {} #{id} {}", item.kind.label(), quoted(&item.body))))
        })
    }

    /// Sets one column; `label` says what that did to the item it is given named.
    fn set_item(
        &mut self,
        id: i64,
        column: &str,
        value: &dyn rusqlite::ToSql,
        label: impl FnOnce(&str) -> String,
    ) -> Result<()> {
        let label = label(&item_name(&self.item(id)?));
        let sql = format!("UPDATE motivation_items SET {column} = ?2 WHERE id = ?1");
        self.change(|tx| {
            tx.execute(&sql, params![id, value])?;
            Ok(((), label.clone()))
        })
    }

    pub fn set_item_favourite(&mut self, id: i64, favourite: bool) -> Result<()> {
        self.set_item(id, "favourite", &favourite, |item| match favourite {
            true => format!("Made {item} a favourite"),
            false => format!("Took {item} off the favourites"),
        })
    }

    pub fn set_item_hidden(&mut self, id: i64, hidden: bool) -> Result<()> {
        self.set_item(id, "hidden", &hidden, |item| match hidden {
            true => format!("Hid {item}"),
            false => format!("Showed {item} again"),
        })
    }

    /// Rewrites an item's text, author and why (built-in ones too: it is the seller's copy).
    pub fn edit_item(&mut self, id: i64, body: &str, author: &str, why: &str) -> Result<()> {
        if body.trim().is_empty() {
            bail!(FieldError::new("text", "is required"));
        }
        let kind = self.item(id)?.kind;
        self.change(|tx| {
            tx.execute(
                "UPDATE motivation_items SET body = ?2, author = ?3, why = ?4 WHERE id = ?1",
                params![id, body.trim(), author.trim(), why.trim()],
            )?;
            Ok(((), format!("Edited {} #{id} {}", kind.label(), quoted(body))))
        })
    }

    pub fn set_resource_status(&mut self, id: i64, status: ResourceStatus) -> Result<()> {
        if self.item(id)?.kind != ItemKind::Resource {
            bail!(FieldError::new("item", format!("#{id} is not a resource; only resources have a status")));
        }
        self.set_item(id, "status", &status.as_str(), |item| format!("Marked {item} {}", status.label()))
    }

    /// Deletes an item; a built-in one stays as a tombstone so an upgrade never restores it.
    pub fn delete_item(&mut self, id: i64) -> Result<()> {
        let label = format!("Deleted {}", item_name(&self.item(id)?));
        self.change(|tx| {
            tx.execute("UPDATE motivation_items SET deleted = 1 WHERE id = ?1 AND asset_key IS NOT NULL", params![id])?;
            tx.execute("DELETE FROM motivation_items WHERE id = ?1 AND asset_key IS NULL", params![id])?;
            Ok(((), label.clone()))
        })
    }

    /// Today's item: the one already chosen today, or a new pick recorded for the day.
    /// Recording it is a courtesy: when another process holds the write lock, or the file
    /// is read-only, the same pick is shown without waiting or failing.
    pub fn item_of_the_day(&mut self, today: NaiveDate) -> Result<Option<Item>> {
        // Usually already chosen: read it without taking the write lock.
        if let Some(id) = chosen_on(self.conn(), today)? {
            return self.item(id).map(Some);
        }
        if self.refusal().is_some() {
            return pick_today(self.conn(), today)?.map(|id| self.item(id)).transpose();
        }
        self.conn().busy_timeout(std::time::Duration::from_millis(100))?;
        // Not an undo step: the pick is the app's, not the seller's (`today` only reads).
        let recorded = self.write_unrecorded(|tx| {
            // Again under the lock: another window may have chosen meanwhile.
            let chosen = chosen_on(tx, today)?;
            if chosen.is_some() {
                return Ok(chosen);
            }
            let picked = pick_today(tx, today)?;
            if let Some(id) = picked {
                tx.execute(
                    "INSERT INTO motivation_shown (shown_on, item_id) VALUES (?1, ?2)
                     ON CONFLICT (shown_on) DO UPDATE SET item_id = excluded.item_id",
                    params![today, id],
                )?;
            }
            Ok(picked)
        });
        self.conn().busy_timeout(std::time::Duration::from_secs(5))?;
        let id = match recorded {
            Ok(id) => id,
            Err(err) if err.chain().any(super::errors::is_busy) => pick_today(self.conn(), today)?,
            Err(err) => return Err(err),
        };
        id.map(|id| self.item(id)).transpose()
    }
}

/// "quote #3 \"Selling is serving\"".
fn item_name(item: &Item) -> String {
    format!("{} #{} {}", item.kind.label(), item.id, quoted(&item.body))
}

fn pick_today(conn: &Connection, today: NaiveDate) -> Result<Option<i64>> {
    let candidates: Vec<Candidate> = conn
        .prepare_cached(
            "SELECT m.id, m.favourite, (SELECT max(shown_on) FROM motivation_shown s WHERE s.item_id = m.id AND s.shown_on < ?1)
             FROM motivation_items m WHERE m.hidden = 0 AND m.deleted = 0",
        )?
        .query_map(params![today], |r| Ok(Candidate { id: r.get(0)?, favourite: r.get(1)?, last_shown: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(pick(&candidates, today))
}
