//! Working a follow-up: add, complete (logging the interaction and scheduling the next in
//! the same step), reopen, snooze, reschedule, cancel.

use super::Store;
use super::records::{insert_followup, insert_interaction};
use crate::domain::FieldError;
use crate::domain::followup::{
    Followup, FollowupKind, FollowupStatus, NewFollowup, RecurFrom, RecurUnit, Recurrence, check_not_earlier,
};
use crate::domain::sale::NewInteraction;
use crate::domain::undo::and_list;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str = "f.id, f.customer_id, c.name, f.kind, f.reason, f.due_on, f.due_time, f.status, f.completed_on,
                       f.recur_every, f.recur_unit, f.recur_from, f.previous_id";

fn parse<T>(index: usize, value: String, parse: fn(&str) -> Result<T, String>) -> rusqlite::Result<T> {
    parse(&value).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into()))
}

pub(super) fn followup_row(row: &Row<'_>) -> rusqlite::Result<Followup> {
    let every: Option<u32> = row.get(9)?;
    let unit: Option<String> = row.get(10)?;
    let from: Option<String> = row.get(11)?;
    let recurrence = match (every, unit, from) {
        (Some(every), Some(unit), Some(from)) => Some(Recurrence {
            every,
            unit: parse(10, unit, RecurUnit::parse)?,
            from: parse(11, from, RecurFrom::parse)?,
        }),
        _ => None,
    };
    Ok(Followup {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        customer: row.get(2)?,
        kind: parse(3, row.get(3)?, FollowupKind::parse)?,
        reason: row.get(4)?,
        due_on: row.get(5)?,
        due_time: row.get(6)?,
        status: parse(7, row.get(7)?, FollowupStatus::parse)?,
        completed_on: row.get(8)?,
        recurrence,
        previous_id: row.get(12)?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<Followup> {
    let found = load_if_any(conn, id)?;
    found.ok_or_else(|| FieldError::new("follow-up", format!("there is no follow-up #{id}")).into())
}

fn load_if_any(conn: &Connection, id: i64) -> Result<Option<Followup>> {
    let sql = format!("SELECT {COLUMNS} FROM followups f JOIN customers c ON c.id = f.customer_id WHERE f.id = ?1");
    Ok(conn.query_row(&sql, params![id], followup_row).optional()?)
}

fn require_open(f: &Followup) -> Result<()> {
    match (f.status, f.completed_on) {
        (FollowupStatus::Open, _) => Ok(()),
        (FollowupStatus::Done, Some(day)) => {
            bail!(FieldError::new("follow-up", format!("#{} was already done on {day}", f.id)))
        }
        (status, _) => bail!(FieldError::new("follow-up", format!("#{} is {}", f.id, status.label()))),
    }
}

/// The due date of the first follow-up in `id`'s series (following `previous_id` back):
/// monthly follow-ups count from it, so they keep their day of the month.
fn series_anchor(conn: &Connection, id: i64) -> Result<NaiveDate> {
    Ok(conn.query_row(
        "WITH RECURSIVE chain (id, previous_id, due_on) AS (
             SELECT id, previous_id, due_on FROM followups WHERE id = ?1
             UNION ALL
             SELECT f.id, f.previous_id, f.due_on FROM followups f JOIN chain c ON f.id = c.previous_id)
         SELECT due_on FROM chain WHERE previous_id IS NULL",
        params![id],
        |r| r.get(0),
    )?)
}

/// What completing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Completed {
    pub interaction_id: Option<i64>,
    /// The next follow-up: newly scheduled, or the one an earlier completion already made.
    pub next_id: Option<i64>,
    pub next_due: Option<NaiveDate>,
}

impl Store {
    pub fn add_followup(&mut self, followup: &NewFollowup) -> Result<i64> {
        self.change(|tx| {
            let id = insert_followup(tx, followup)?;
            let customer = super::customers::customer_name(tx, followup.customer_id)?;
            Ok((id, format!("Added follow-up #{id} for {customer} on {}", followup.due_on)))
        })
    }

    pub fn followup(&self, id: i64) -> Result<Followup> {
        load(self.conn(), id)
    }

    /// The follow-up, or `None` when there is none by that id (deleted with its customer).
    pub fn followup_if_any(&self, id: i64) -> Result<Option<Followup>> {
        load_if_any(self.conn(), id)
    }

    /// See `series_anchor`.
    pub fn series_anchor(&self, id: i64) -> Result<NaiveDate> {
        series_anchor(self.conn(), id)
    }

    /// Marks a follow-up done on `on`; optionally logs what happened and schedules the next
    /// touch (`next`, or the recurrence's next date). One transaction; a follow-up has at
    /// most one successor, so completing again after a reopen schedules nothing new.
    pub fn complete_followup(
        &mut self,
        id: i64,
        on: NaiveDate,
        log: Option<&NewInteraction>,
        next: Option<NaiveDate>,
    ) -> Result<Completed> {
        self.complete_followup_scored(id, on, log, next, None)
    }

    /// `complete_followup` that also records the satisfaction score the call brought back
    /// (a check-in's whole point), all in the same transaction.
    pub fn complete_followup_scored(
        &mut self,
        id: i64,
        on: NaiveDate,
        log: Option<&NewInteraction>,
        next: Option<NaiveDate>,
        score: Option<&crate::domain::care::NewScore>,
    ) -> Result<Completed> {
        self.change(|tx| {
            let followup = load(tx, id)?;
            require_open(&followup)?;
            if let Some(interaction) = log {
                if interaction.customer_id != followup.customer_id {
                    bail!(FieldError::new("log", "the interaction must be with the follow-up's customer"));
                }
            }
            tx.execute("UPDATE followups SET status = 'done', completed_on = ?2 WHERE id = ?1", params![id, on])?;
            let interaction_id = log.map(|i| insert_interaction(tx, i)).transpose()?;
            let existing: Option<(i64, NaiveDate)> = tx
                .query_row("SELECT id, due_on FROM followups WHERE previous_id = ?1", params![id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let anchor = series_anchor(tx, id)?;
            let mut with = Vec::new();
            if let Some(interaction) = log {
                with.push(format!("the logged {}", interaction.kind.label()));
            }
            let (next_id, next_due) = match (existing, followup.successor(anchor, on, next)) {
                // Completed again after a reopen: the successor exists; a chosen date moves it.
                (Some((id, _)), _) if next.is_some() => {
                    let moved = tx.execute(
                        "UPDATE followups SET due_on = ?2 WHERE id = ?1 AND status = 'open' AND due_on IS NOT ?2",
                        params![id, next],
                    )?;
                    if let (1, Some(day)) = (moved, next) {
                        with.push(format!("the next one moved to {day}"));
                    }
                    (Some(id), next)
                }
                (Some((id, due)), _) => (Some(id), Some(due)),
                (None, Some(successor)) => {
                    let new_id = insert_followup(tx, &successor)?;
                    tx.execute("UPDATE followups SET previous_id = ?2 WHERE id = ?1", params![new_id, id])?;
                    with.push(format!("the next one on {}", successor.due_on));
                    (Some(new_id), Some(successor.due_on))
                }
                (None, None) => (None, None),
            };
            if let Some(score) = score {
                if score.customer_id != followup.customer_id {
                    bail!(FieldError::new("score", "the score must be the follow-up's customer's"));
                }
                let rated = super::care::rate_in(tx, score)?;
                with.push(format!("a score of {}", score.score));
                if let Some(concern) = rated.concern_id {
                    with.push(format!("concern #{concern}"));
                }
            }
            let with = if with.is_empty() { String::new() } else { format!(" (with {})", and_list(&with)) };
            let label = format!("Done: {}'s follow-up #{id}{with}", followup.customer);
            Ok((Completed { interaction_id, next_id, next_due }, label))
        })
    }

    /// Undoes a completion or cancellation. The successor that completion scheduled goes
    /// too while it is still open (a done or cancelled one is history and stays): an undo
    /// leaves one open occurrence, and completing again schedules exactly one next.
    pub fn reopen_followup(&mut self, id: i64) -> Result<()> {
        self.change(|tx| {
            let followup = load(tx, id)?;
            if followup.status == FollowupStatus::Open {
                bail!(FieldError::new("follow-up", format!("#{id} is already open")));
            }
            tx.execute("UPDATE followups SET status = 'open', completed_on = NULL WHERE id = ?1", params![id])?;
            let dropped =
                tx.execute("DELETE FROM followups WHERE previous_id = ?1 AND status = 'open'", params![id])?;
            let and = if dropped > 0 { " and dropped the next one" } else { "" };
            Ok(((), format!("Reopened {}'s follow-up #{id}{and}", followup.customer)))
        })
    }

    /// Moves an open follow-up to another day (snooze checks the day is not in the past).
    pub fn move_followup(&mut self, id: i64, to: NaiveDate) -> Result<()> {
        self.change(|tx| {
            let followup = load(tx, id)?;
            require_open(&followup)?;
            tx.execute("UPDATE followups SET due_on = ?2 WHERE id = ?1", params![id, to])?;
            Ok(((), format!("Moved {}'s follow-up #{id} to {to}", followup.customer)))
        })
    }

    /// Snoozes an open follow-up to `to`, refusing a day before its due date (the caller
    /// has applied the snooze rule, `domain::followup::plan_snooze`; the due date is read
    /// again here so a change made meanwhile cannot turn the snooze into a move earlier).
    pub fn snooze_followup(&mut self, id: i64, to: NaiveDate) -> Result<()> {
        self.change(|tx| {
            let followup = load(tx, id)?;
            require_open(&followup)?;
            check_not_earlier(to, followup.due_on)?;
            tx.execute("UPDATE followups SET due_on = ?2 WHERE id = ?1", params![id, to])?;
            Ok(((), format!("Snoozed {}'s follow-up #{id} to {to}", followup.customer)))
        })
    }

    pub fn cancel_followup(&mut self, id: i64, on: NaiveDate) -> Result<()> {
        self.change(|tx| {
            let followup = load(tx, id)?;
            require_open(&followup)?;
            tx.execute("UPDATE followups SET status = 'cancelled', completed_on = ?2 WHERE id = ?1", params![id, on])?;
            Ok(((), format!("Cancelled {}'s follow-up #{id}", followup.customer)))
        })
    }

    /// A window of the open follow-ups due on one day.
    pub fn open_followups_on(&self, day: NaiveDate, offset: u64, limit: u64) -> Result<Vec<Followup>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM followups f JOIN customers c ON c.id = f.customer_id
             WHERE f.status = 'open' AND f.due_on = ?1 AND +c.archived = 0
             ORDER BY f.due_on, f.due_time, f.id LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![day, limit as i64, offset as i64], followup_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open follow-ups due up to `until`, oldest first (for `followup list`).
    pub fn open_followups_until(&self, until: NaiveDate) -> Result<Vec<Followup>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM followups f JOIN customers c ON c.id = f.customer_id
             WHERE f.status = 'open' AND f.due_on <= ?1 AND +c.archived = 0
             ORDER BY f.due_on, f.due_time, f.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![until], followup_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
