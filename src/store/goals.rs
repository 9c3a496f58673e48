//! Goals and their progress. Progress is derived from the log with one grouped, indexed
//! query per goal: the database sums, the app never loads the raw rows.

use super::Store;
use super::records::insert_goal;
use crate::domain::FieldError;
use crate::domain::goal::{Goal, Metric, NewGoal, WorkingDays};
use crate::domain::pace::{self, Pace};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

const GOAL_COLUMNS: &str = "id, title, metric, unit, target, start_on, deadline_on, working_days, archived";

fn goal_row(row: &Row<'_>) -> rusqlite::Result<Goal> {
    let metric: String = row.get(2)?;
    Ok(Goal {
        id: row.get(0)?,
        title: row.get(1)?,
        metric: Metric::parse(&metric)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into()))?,
        unit: row.get(3)?,
        target: row.get(4)?,
        start_on: row.get(5)?,
        deadline_on: row.get(6)?,
        working_days: WorkingDays(row.get(7)?),
        archived: row.get(8)?,
    })
}

/// Daily progress for each metric, `?1..=?2` the window (and `?3` the goal for custom).
pub(super) fn progress_sql(metric: Metric) -> &'static str {
    match metric {
        Metric::Revenue => {
            "SELECT sold_on, sum(CASE kind WHEN 'refund' THEN -amount_minor ELSE amount_minor END)
             FROM sales WHERE sold_on BETWEEN ?1 AND ?2 GROUP BY sold_on"
        }
        Metric::Units => {
            "SELECT sold_on, sum(CASE kind WHEN 'refund' THEN -quantity ELSE quantity END)
             FROM sales WHERE sold_on BETWEEN ?1 AND ?2 GROUP BY sold_on"
        }
        Metric::Deals => {
            "SELECT sold_on, count(*) FROM sales WHERE sold_on BETWEEN ?1 AND ?2 AND kind = 'sale' GROUP BY sold_on"
        }
        Metric::NewCustomers => {
            // A customer's first sale ever falls in the window; one row per customer even when
            // they bought twice that day (the lowest id wins).
            "SELECT s.sold_on, count(*) FROM sales s
             WHERE s.sold_on BETWEEN ?1 AND ?2 AND s.kind = 'sale'
               AND NOT EXISTS (SELECT 1 FROM sales e
                               WHERE e.customer_id = s.customer_id AND e.kind = 'sale' AND e.sold_on < s.sold_on)
               AND s.id = (SELECT min(f.id) FROM sales f
                           WHERE f.customer_id = s.customer_id AND f.kind = 'sale' AND f.sold_on = s.sold_on)
             GROUP BY s.sold_on"
        }
        Metric::Contacts => {
            "SELECT happened_on, count(*) FROM interactions WHERE happened_on BETWEEN ?1 AND ?2 GROUP BY happened_on"
        }
        Metric::Custom => {
            "SELECT entry_on, sum(amount) FROM goal_entries
             WHERE goal_id = ?3 AND entry_on BETWEEN ?1 AND ?2 GROUP BY entry_on"
        }
    }
}

impl Store {
    /// Every active goal with its pace as of `today`.
    pub fn goal_paces(&self, today: NaiveDate) -> Result<Vec<(Goal, Pace)>> {
        self.goals(false)?
            .into_iter()
            .map(|goal| {
                let pace = pace::compute(&goal.window(), &self.goal_daily(&goal)?, today);
                Ok((goal, pace))
            })
            .collect()
    }

    pub fn add_goal(&mut self, goal: &NewGoal) -> Result<i64> {
        self.change(|tx| {
            let id = insert_goal(tx, goal)?;
            Ok((id, format!("Added goal #{id} {}", goal.title.trim())))
        })
    }

    pub fn goals(&self, include_archived: bool) -> Result<Vec<Goal>> {
        let sql =
            format!("SELECT {GOAL_COLUMNS} FROM goals WHERE archived = 0 OR ?1 ORDER BY archived, deadline_on, id");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![include_archived], goal_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn goal(&self, id: i64) -> Result<Goal> {
        let sql = format!("SELECT {GOAL_COLUMNS} FROM goals WHERE id = ?1");
        let goal = self.conn().query_row(&sql, params![id], goal_row).optional()?;
        goal.ok_or_else(|| FieldError::new("goal", format!("there is no goal #{id}")).into())
    }

    /// Replaces a goal's editable fields, after validating them as a new goal would be.
    pub fn update_goal(&mut self, id: i64, goal: &NewGoal) -> Result<()> {
        goal.validate()?;
        let existing = self.goal(id)?;
        if existing.metric != goal.metric {
            bail!(FieldError::new("metric", "cannot change once a goal exists; add a new goal instead"));
        }
        self.change(|tx| {
            tx.execute(
                "UPDATE goals SET title = ?2, unit = ?3, target = ?4, start_on = ?5, deadline_on = ?6, working_days = ?7
                 WHERE id = ?1",
                params![
                    id,
                    goal.title.trim(),
                    goal.unit.trim(),
                    goal.target,
                    goal.start_on,
                    goal.deadline_on,
                    goal.working_days.0
                ],
            )?;
            Ok(((), format!("Edited goal #{id} {}", goal.title.trim())))
        })
    }

    pub fn set_goal_archived(&mut self, id: i64, archived: bool) -> Result<()> {
        let title = self.goal(id)?.title;
        self.change(|tx| {
            tx.execute("UPDATE goals SET archived = ?2 WHERE id = ?1", params![id, archived])?;
            Ok(((), format!("{} goal #{id} {title}", if archived { "Archived" } else { "Restored" })))
        })
    }

    /// A manual entry; only custom goals take them (derived goals come from the log).
    pub fn add_goal_entry(&mut self, goal_id: i64, on: NaiveDate, amount: i64, note: &str) -> Result<i64> {
        let goal = self.goal(goal_id)?;
        if goal.metric != Metric::Custom {
            bail!(FieldError::new(
                "goal",
                format!(
                    "#{goal_id} counts {} from the sales and interaction log; manual entries are for custom goals",
                    goal.metric.label()
                )
            ));
        }
        if amount == 0 {
            bail!(FieldError::new("amount", "must not be zero"));
        }
        if amount.abs() > crate::domain::goal::MAX_COUNT {
            bail!(FieldError::new("amount", "is too large"));
        }
        self.change(|tx| {
            tx.execute(
                "INSERT INTO goal_entries (goal_id, entry_on, amount, note) VALUES (?1, ?2, ?3, ?4)",
                params![goal_id, on, amount, note],
            )?;
            let label = format!("Logged {amount} on goal #{goal_id} {} for {on}", goal.title);
            Ok((tx.last_insert_rowid(), label))
        })
    }

    /// Progress per day inside the goal's window (refunds already netted).
    pub fn goal_daily(&self, goal: &Goal) -> Result<Vec<(NaiveDate, i64)>> {
        let mut stmt = self.conn().prepare_cached(progress_sql(goal.metric))?;
        let rows = if goal.metric == Metric::Custom {
            stmt.query_map(params![goal.start_on, goal.deadline_on, goal.id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        } else {
            stmt.query_map(params![goal.start_on, goal.deadline_on], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok(rows)
    }
}
