//! Open follow-ups per day, for the agenda and the Follow-ups tab's groups: grouped reads of
//! the open follow-ups' partial index, never the history.

use super::Store;
use super::followups::section_count_sql;
use super::plans::HotQuery;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

/// Open follow-ups per due day where `condition` holds, less those of archived customers
/// (few, found through `customers_by_contact`), days left with none dropped. A join would
/// look up the customer of every open follow-up: at a million follow-ups, 200,000 random
/// reads (230 ms, against 19 ms for this).
fn day_counts_sql(condition: &str) -> String {
    format!(
        "SELECT due_on, sum(n) FROM (
             SELECT f.due_on, count(*) AS n FROM followups f
              WHERE f.status = 'open' AND {condition} GROUP BY f.due_on
             UNION ALL
             SELECT f.due_on, -count(*) FROM customers c JOIN followups f ON f.customer_id = c.id
              WHERE c.archived = 1 AND f.status = 'open' AND {condition} GROUP BY f.due_on)
         GROUP BY due_on HAVING sum(n) > 0 ORDER BY due_on"
    )
}

const SPAN: &str = "f.due_on BETWEEN ?1 AND ?2";
const BEFORE: &str = "f.due_on < ?1";
const ANY_DAY: &str = "1";

pub(super) fn hot_queries() -> Vec<HotQuery> {
    vec![
        HotQuery::new("agenda day counts", day_counts_sql(SPAN), 2),
        HotQuery::new("open follow-up days", day_counts_sql(ANY_DAY), 0),
    ]
}

impl Store {
    /// Open follow-ups due before `from`, and per day from `from` to `to` (days without
    /// any left out), customers archived aside as everywhere else.
    pub fn agenda_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<(u64, Vec<(NaiveDate, u64)>)> {
        let overdue: i64 =
            self.conn().prepare_cached(&section_count_sql(BEFORE))?.query_row(params![from], |r| r.get(0))?;
        Ok((overdue.unsigned_abs(), self.day_counts(&day_counts_sql(SPAN), params![from, to])?))
    }

    /// Open follow-ups per due day, oldest first: the Follow-ups tab's groups.
    pub fn open_followup_days(&self) -> Result<Vec<(NaiveDate, u64)>> {
        self.day_counts(&day_counts_sql(ANY_DAY), params![])
    }

    fn day_counts(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<(NaiveDate, u64)>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let days = stmt.query_map(params, |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.unsigned_abs())))?;
        Ok(days.collect::<rusqlite::Result<_>>()?)
    }
}
