//! The seller's own stages: added anywhere in the order, renamed, given another chance or
//! idle limit, moved, or deleted while nothing refers to them. Positions are unique, so a
//! reorder passes through negative positions; undo replays the same steps backwards. Also
//! each stage's conversion over the last 12 months, read from the stage history.

use super::Store;
use super::plans::HotQuery;
use crate::domain::FieldError;
use crate::domain::deal::{DealStatus, Stage, StageFields};
use crate::domain::forecast::{DealClose, StageConversion, StageMove, conversion};
use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, Transaction, params};

/// How the deals moved since a day ended: only those with a move since then are read.
const CLOSES_SINCE_SQL: &str = "SELECT id, status, closed_on FROM deals
    WHERE id IN (SELECT deal_id FROM deal_moves WHERE moved_on >= ?1)";

pub(super) fn hot_queries() -> Vec<HotQuery> {
    vec![HotQuery::new("deal closes since", CLOSES_SINCE_SQL, 1)]
}

/// Gives the stages `order` (ids, first to last) positions 1, 2, 3 ...
fn renumber(tx: &Transaction<'_>, order: &[i64]) -> Result<()> {
    tx.execute("UPDATE deal_stages SET position = -id", [])?;
    for (i, id) in order.iter().enumerate() {
        tx.execute("UPDATE deal_stages SET position = ?2 WHERE id = ?1", params![id, i as i64 + 1])?;
    }
    Ok(())
}

fn order_in(tx: &Transaction<'_>) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare("SELECT id FROM deal_stages ORDER BY position")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// `order` with `id` taken out and put back before `before` (at the end for `None`).
fn placed(mut order: Vec<i64>, id: i64, before: Option<i64>) -> Vec<i64> {
    order.retain(|s| *s != id);
    let at = before.and_then(|b| order.iter().position(|s| *s == b)).unwrap_or(order.len());
    order.insert(at, id);
    order
}

fn name_taken(tx: &Transaction<'_>, name: &str, except: Option<i64>) -> Result<()> {
    let other: Option<i64> = tx
        .query_row(
            "SELECT id FROM deal_stages WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![name.trim(), except],
            |r| r.get(0),
        )
        .optional()?;
    if other.is_some() {
        bail!(FieldError::new("name", format!("there is a stage called {} already", name.trim())));
    }
    Ok(())
}

impl Store {
    /// Per stage, the deals that entered it in the 12 months to `today`, the share that
    /// moved on (or was won) and the median days spent there.
    pub fn stage_conversion(&self, today: chrono::NaiveDate) -> Result<Vec<StageConversion>> {
        let since = today.checked_sub_months(chrono::Months::new(12)).unwrap_or(today);
        let moves: Vec<StageMove> = self
            .deal_moves(since)?
            .into_iter()
            .map(|(deal_id, stage_id, entered_on)| StageMove { deal_id, stage_id, entered_on })
            .collect();
        let mut stmt = self.conn().prepare_cached(CLOSES_SINCE_SQL)?;
        let closes = stmt.query_map(params![since], |r| {
            let status: String = r.get(1)?;
            let status = DealStatus::parse(&status)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, e.into()))?;
            Ok(DealClose { deal_id: r.get(0)?, status, closed_on: r.get(2)? })
        })?;
        let closes = closes.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(conversion(&self.stages()?, &moves, &closes, since, today))
    }

    /// Adds a stage before `before` (at the end for `None`); returns its id.
    pub fn add_stage(&mut self, stage: &StageFields, before: Option<&Stage>) -> Result<i64> {
        stage.validate()?;
        self.change(|tx| {
            name_taken(tx, &stage.name, None)?;
            let last: i64 = tx.query_row("SELECT coalesce(max(position), 0) FROM deal_stages", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO deal_stages (name, position, probability_permille, idle_days) VALUES (?1, ?2, ?3, ?4)",
                params![stage.name.trim(), last + 1, stage.probability_permille, stage.idle_days],
            )?;
            let id = tx.last_insert_rowid();
            if before.is_some() {
                renumber(tx, &placed(order_in(tx)?, id, before.map(|b| b.id)))?;
            }
            Ok((id, format!("Added stage {}", stage.name.trim())))
        })
    }

    /// Renames a stage and sets its chance and idle limit; `before` also moves it
    /// (`Some(None)`: to the end).
    pub fn update_stage(&mut self, id: i64, stage: &StageFields, before: Option<Option<&Stage>>) -> Result<()> {
        stage.validate()?;
        self.change(|tx| {
            let old: String = tx
                .query_row("SELECT name FROM deal_stages WHERE id = ?1", params![id], |r| r.get(0))
                .map_err(|_| FieldError::new("stage", format!("there is no stage #{id}")))?;
            name_taken(tx, &stage.name, Some(id))?;
            tx.execute(
                "UPDATE deal_stages SET name = ?2, probability_permille = ?3, idle_days = ?4 WHERE id = ?1",
                params![id, stage.name.trim(), stage.probability_permille, stage.idle_days],
            )?;
            if let Some(before) = before {
                if before.is_some_and(|b| b.id == id) {
                    bail!(FieldError::new("before", "a stage cannot go before itself"));
                }
                renumber(tx, &placed(order_in(tx)?, id, before.map(|b| b.id)))?;
            }
            Ok(((), format!("Edited stage {old}")))
        })
    }

    /// Deletes a stage no deal has ever been at; the last one stays.
    pub fn delete_stage(&mut self, id: i64) -> Result<()> {
        self.change(|tx| {
            let (name, count): (String, i64) = tx
                .query_row(
                    "SELECT name, (SELECT count(*) FROM deal_stages) FROM deal_stages WHERE id = ?1",
                    params![id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(|_| FieldError::new("stage", format!("there is no stage #{id}")))?;
            if count == 1 {
                bail!(FieldError::new("stage", format!("{name} is the only stage; add another first")));
            }
            let deals: i64 = tx.query_row(
                "SELECT count(*) FROM (SELECT id FROM deals WHERE stage_id = ?1
                                       UNION SELECT deal_id FROM deal_moves WHERE stage_id = ?1)",
                params![id],
                |r| r.get(0),
            )?;
            if deals > 0 {
                let held = crate::domain::text::counted(deals, "deal", "deals");
                bail!(FieldError::new("stage", format!("{name} is in the history of {held}; rename it instead")));
            }
            tx.execute("DELETE FROM deal_stages WHERE id = ?1", params![id])?;
            let rest = order_in(tx)?;
            renumber(tx, &rest)?;
            Ok(((), format!("Deleted stage {name}")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::placed;

    #[test]
    fn a_stage_is_placed_before_another_or_last() {
        assert_eq!(placed(vec![1, 2, 3, 4], 5, Some(3)), vec![1, 2, 5, 3, 4]);
        assert_eq!(placed(vec![1, 2, 3, 4], 4, Some(1)), vec![4, 1, 2, 3]);
        assert_eq!(placed(vec![1, 2, 3, 4], 1, None), vec![2, 3, 4, 1]);
        assert_eq!(placed(vec![1, 2, 3, 4], 2, Some(3)), vec![1, 2, 3, 4], "already there");
    }
}
