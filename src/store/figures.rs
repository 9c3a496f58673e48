//! The rows behind the quality figures, each read with one indexed range query; the
//! arithmetic lives in `domain::figures`.

use super::Store;
use super::plans::HotQuery;
use crate::domain::figures::{self, ComplaintDates, FollowupDates, Nps, Permille};
use anyhow::Result;
use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub repeat_business_permille: Option<Permille>,
    pub median_days_to_reorder: Option<i64>,
    pub nps: Option<Nps>,
    pub average_score_tenths: Option<i64>,
    pub median_days_to_first_response: Option<i64>,
    pub median_days_to_resolve: Option<i64>,
    pub complainants_bought_again_permille: Option<Permille>,
    pub followups_on_time_this_week_permille: Option<Permille>,
    pub median_days_overdue: Option<i64>,
}

const PURCHASES_SQL: &str = "SELECT customer_id, sold_on FROM sales WHERE sold_on BETWEEN ?1 AND ?2 AND kind = 'sale'";
const SCORES_SQL: &str = "SELECT score FROM satisfaction WHERE rated_on BETWEEN ?1 AND ?2";
const COMPLAINTS_SQL: &str =
    "SELECT customer_id, opened_on, first_response_on, resolved_on FROM complaints WHERE opened_on BETWEEN ?1 AND ?2";
const FOLLOWUP_DATES_SQL: &str = "SELECT due_on, CASE status WHEN 'done' THEN completed_on END FROM followups
     WHERE due_on BETWEEN ?1 AND ?2 AND status <> 'cancelled'";
const OPEN_DUE_SQL: &str = "SELECT due_on FROM followups WHERE status = 'open' AND due_on < ?1";

pub(super) fn hot_queries() -> Vec<HotQuery> {
    vec![
        HotQuery::new("stats purchases", PURCHASES_SQL, 2),
        HotQuery::new("stats scores", SCORES_SQL, 2),
        HotQuery::new("stats complaints", COMPLAINTS_SQL, 2),
        HotQuery::new("stats follow-ups due in a range", FOLLOWUP_DATES_SQL, 2),
        HotQuery::new("stats open follow-ups overdue", OPEN_DUE_SQL, 1),
    ]
}

impl Store {
    /// Sales (not refunds) as (customer, day) from `from` through `to`.
    pub fn purchases_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(i64, NaiveDate)>> {
        let mut stmt = self.conn().prepare_cached(PURCHASES_SQL)?;
        let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn scores_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<u8>> {
        let mut stmt = self.conn().prepare_cached(SCORES_SQL)?;
        let rows = stmt.query_map(params![from, to], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn complaint_dates(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ComplaintDates>> {
        let mut stmt = self.conn().prepare_cached(COMPLAINTS_SQL)?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(ComplaintDates {
                customer_id: r.get(0)?,
                opened: r.get(1)?,
                first_response: r.get(2)?,
                resolved: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Follow-ups due in the range that were not cancelled.
    pub fn followup_dates(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<FollowupDates>> {
        let mut stmt = self.conn().prepare_cached(FOLLOWUP_DATES_SQL)?;
        let rows = stmt.query_map(params![from, to], |r| Ok(FollowupDates { due: r.get(0)?, completed: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn open_due_dates_before(&self, today: NaiveDate) -> Result<Vec<NaiveDate>> {
        let mut stmt = self.conn().prepare_cached(OPEN_DUE_SQL)?;
        let rows = stmt.query_map(params![today], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every quality figure for the 12 months ending `today` (follow-ups: this week).
    pub fn stats(&self, today: NaiveDate, week_starts_monday: bool) -> Result<Stats> {
        let from = today.checked_sub_months(Months::new(12)).unwrap_or(today) + Days::new(1);
        let purchases = self.purchases_between(from, today)?;
        let scores = self.scores_between(from, today)?;
        let complaints = self.complaint_dates(from, today)?;
        let offset = if week_starts_monday {
            today.weekday().num_days_from_monday()
        } else {
            today.weekday().num_days_from_sunday()
        };
        let week_start = today - Days::new(u64::from(offset));
        let week = self.followup_dates(week_start, today)?;
        let open = self.open_due_dates_before(today)?;
        Ok(Stats {
            from,
            to: today,
            repeat_business_permille: figures::repeat_business_rate(&purchases),
            median_days_to_reorder: figures::median_days_to_reorder(&purchases),
            nps: figures::nps(&scores),
            average_score_tenths: figures::average_score_tenths(&scores),
            median_days_to_first_response: figures::median_days_to_first_response(&complaints),
            median_days_to_resolve: figures::median_days_to_resolve(&complaints),
            complainants_bought_again_permille: figures::complainants_who_bought_again(&complaints, &purchases, today),
            followups_on_time_this_week_permille: figures::done_on_time(&week, week_start, today),
            median_days_overdue: figures::median_days_overdue(&open, today),
        })
    }
}
