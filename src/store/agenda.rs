//! Open follow-ups per day over a span, for the agenda: one grouped read of the open
//! follow-ups' partial index, never the history.

use super::Store;
use super::plans::HotQuery;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

const DAY_COUNTS_SQL: &str = "SELECT f.due_on, count(*) FROM followups f JOIN customers c ON c.id = f.customer_id
     WHERE f.status = 'open' AND f.due_on BETWEEN ?1 AND ?2 AND +c.archived = 0
     GROUP BY f.due_on ORDER BY f.due_on";

const OVERDUE_SQL: &str = "SELECT count(*) FROM followups f JOIN customers c ON c.id = f.customer_id
     WHERE f.status = 'open' AND f.due_on < ?1 AND +c.archived = 0";

pub(super) fn hot_queries() -> Vec<HotQuery> {
    vec![HotQuery::new("agenda day counts", DAY_COUNTS_SQL, 2), HotQuery::new("agenda overdue", OVERDUE_SQL, 1)]
}

impl Store {
    /// Open follow-ups due before `from`, and per day from `from` to `to` (days without
    /// any left out), customers archived aside as everywhere else.
    pub fn agenda_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<(u64, Vec<(NaiveDate, u64)>)> {
        let overdue: i64 = self.conn().prepare_cached(OVERDUE_SQL)?.query_row(params![from], |r| r.get(0))?;
        let mut stmt = self.conn().prepare_cached(DAY_COUNTS_SQL)?;
        let days = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.unsigned_abs())))?;
        Ok((overdue.unsigned_abs(), days.collect::<rusqlite::Result<_>>()?))
    }
}
