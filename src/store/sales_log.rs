//! The sales and interaction log as one list, newest first: a merge of the two date
//! indexes, read a window at a time, with the period's totals from the same indexes.

use super::Store;
use super::plans::HotQuery;
use crate::domain::sale::InteractionKind;
use crate::domain::sales_log::{EntryKind, LogEntry, LogFilter, LogTotals};
use anyhow::Result;
use rusqlite::{OptionalExtension, Row, params};

/// `?1..?2` the period, `?3` customer, `?4` product, `?5` technique (NULL for any).
const WHERE_SALES: &str = "s.sold_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR s.customer_id = ?3)
     AND (?4 IS NULL OR s.product_id = ?4) AND (?5 IS NULL OR s.technique_id = ?5)";
const WHERE_INTERACTIONS: &str = "i.happened_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR i.customer_id = ?3)
     AND (?4 IS NULL OR i.product_id = ?4) AND (?5 IS NULL OR i.technique_id = ?5)";

fn rows_sql() -> String {
    entries_sql(WHERE_SALES, WHERE_INTERACTIONS, "ORDER BY day DESC, src, id DESC LIMIT ?6 OFFSET ?7")
}

/// One entry by its source (`?1`: 0 a sale or refund, 1 an interaction) and id (`?2`).
fn entry_sql() -> String {
    entries_sql("?1 = 0 AND s.id = ?2", "?1 = 1 AND i.id = ?2", "")
}

fn entries_sql(where_sales: &str, where_interactions: &str, tail: &str) -> String {
    format!(
        "SELECT 0 AS src, s.id AS id, s.sold_on AS day, s.kind, s.customer_id, c.name, p.name, t.name,
                s.amount_minor, s.quantity, NULL, s.note, NULL, ''
         FROM sales s JOIN customers c ON c.id = s.customer_id
         LEFT JOIN products p ON p.id = s.product_id LEFT JOIN techniques t ON t.id = s.technique_id
         WHERE {where_sales}
         UNION ALL
         SELECT 1, i.id, i.happened_on, i.kind, i.customer_id, c.name, p.name, t.name, NULL, NULL, i.outcome, i.note,
                (SELECT group_concat(o.objection, ', ') FROM interaction_objections o WHERE o.interaction_id = i.id),
                i.response
         FROM interactions i JOIN customers c ON c.id = i.customer_id
         LEFT JOIN products p ON p.id = i.product_id LEFT JOIN techniques t ON t.id = i.technique_id
         WHERE {where_interactions}
         {tail}"
    )
}

/// How many entries of the log (filtered by `?1..?5`) come before one (`?6` its source,
/// `?7` its id), in its order: newest day first, sales before interactions, newest id
/// first. No row when there is no such entry.
fn position_sql() -> String {
    format!(
        "WITH e (src, id, day) AS (
             SELECT 0, id, sold_on FROM sales WHERE ?6 = 0 AND id = ?7
             UNION ALL SELECT 1, id, happened_on FROM interactions WHERE ?6 = 1 AND id = ?7)
         SELECT (SELECT count(*) FROM sales s WHERE {WHERE_SALES} AND s.sold_on >= e.day
                   AND (s.sold_on > e.day OR e.src = 1 OR s.id > e.id))
              + (SELECT count(*) FROM interactions i WHERE {WHERE_INTERACTIONS} AND i.happened_on >= e.day
                   AND (i.happened_on > e.day OR (e.src = 1 AND i.id > e.id)))
         FROM e"
    )
}

fn sales_totals_sql() -> String {
    format!(
        "SELECT coalesce(sum(CASE s.kind WHEN 'refund' THEN -s.amount_minor ELSE s.amount_minor END), 0),
                count(*) FILTER (WHERE s.kind = 'sale'),
                coalesce(sum(CASE s.kind WHEN 'refund' THEN -s.quantity ELSE s.quantity END), 0),
                count(*) FILTER (WHERE s.kind = 'refund')
         FROM sales s WHERE {WHERE_SALES}"
    )
}

fn interactions_count_sql() -> String {
    format!("SELECT count(*) FROM interactions i WHERE {WHERE_INTERACTIONS}")
}

pub(super) fn hot_queries() -> Vec<HotQuery> {
    vec![
        HotQuery::new("sales log rows", rows_sql(), 7),
        HotQuery::new("a sales log entry", entry_sql(), 2),
        HotQuery::new("a sales log entry's place", position_sql(), 7),
        HotQuery::new("sales log totals", sales_totals_sql(), 5),
        HotQuery::new("sales log interactions", interactions_count_sql(), 5),
    ]
}

fn entry(r: &Row<'_>) -> rusqlite::Result<LogEntry> {
    let source: i64 = r.get(0)?;
    let kind: String = r.get(3)?;
    let kind = match (source, kind.as_str()) {
        (0, "refund") => EntryKind::Refund,
        (0, _) => EntryKind::Sale,
        (_, k) => EntryKind::Interaction(
            InteractionKind::parse(k)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, e.into()))?,
        ),
    };
    Ok(LogEntry {
        kind,
        id: r.get(1)?,
        on: r.get(2)?,
        customer_id: r.get(4)?,
        customer: r.get(5)?,
        product: r.get(6)?,
        technique: r.get(7)?,
        amount_minor: r.get(8)?,
        quantity: r.get(9)?,
        outcome: r.get(10)?,
        note: r.get(11)?,
        objections: r.get::<_, Option<String>>(12)?.unwrap_or_default(),
        response: r.get(13)?,
    })
}

impl Store {
    /// A window of the log, newest first (sales before interactions on a day).
    pub fn log_entries(&self, f: &LogFilter, offset: u64, limit: u64) -> Result<Vec<LogEntry>> {
        let mut stmt = self.conn().prepare_cached(&rows_sql())?;
        let rows = stmt.query_map(
            params![f.from, f.to, f.customer_id, f.product_id, f.technique_id, limit as i64, offset as i64],
            entry,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One entry of the log as it is now (`None`: deleted), whatever the period or filter.
    pub fn log_entry(&self, kind: EntryKind, id: i64) -> Result<Option<LogEntry>> {
        let source = i64::from(matches!(kind, EntryKind::Interaction(_)));
        let mut stmt = self.conn().prepare_cached(&entry_sql())?;
        let mut rows = stmt.query_map(params![source, id], entry)?;
        Ok(rows.next().transpose()?)
    }

    /// Where an entry is in the log as filtered, if it is there.
    pub fn log_position(&self, f: &LogFilter, kind: EntryKind, id: i64) -> Result<Option<u64>> {
        let source = i64::from(matches!(kind, EntryKind::Interaction(_)));
        let mut stmt = self.conn().prepare_cached(&position_sql())?;
        let filter = (f.from, f.to, f.customer_id, f.product_id, f.technique_id);
        let before: Option<i64> = stmt
            .query_row(params![filter.0, filter.1, filter.2, filter.3, filter.4, source, id], |r| r.get(0))
            .optional()?;
        let Some(place) = before.map(i64::unsigned_abs) else { return Ok(None) };
        let at = self.log_entries(f, place, 1)?;
        Ok(at.first().filter(|e| (e.kind, e.id) == (kind, id)).map(|_| place))
    }

    /// The period's totals, and so how many entries the log has.
    pub fn log_totals(&self, f: &LogFilter) -> Result<LogTotals> {
        let filter = params![f.from, f.to, f.customer_id, f.product_id, f.technique_id];
        let (revenue_minor, deals, units, refunds): (i64, i64, i64, i64) = self
            .conn()
            .prepare_cached(&sales_totals_sql())?
            .query_row(filter, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        let interactions: i64 =
            self.conn().prepare_cached(&interactions_count_sql())?.query_row(filter, |r| r.get(0))?;
        Ok(LogTotals {
            revenue_minor,
            deals: deals.unsigned_abs(),
            units,
            refunds: refunds.unsigned_abs(),
            interactions: interactions.unsigned_abs(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::sales_log::LogFilter;
    use crate::store::Store;
    use chrono::NaiveDate;

    /// Each entry's place, counted in the log's order (newest day first, sales before
    /// interactions on a day, newest id first), is the row it is read at, under a filter
    /// too; an entry the filter leaves out, or one that does not exist, has none.
    #[test]
    fn an_entrys_place_is_its_row() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("log.db")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        store.load_plan(&crate::demo::demo_plan(today).unwrap()).unwrap();
        let all =
            LogFilter { from: NaiveDate::MIN, to: today, customer_id: None, product_id: None, technique_id: None };
        let entries = store.log_entries(&all, 0, 10_000).unwrap();
        assert!(entries.len() > 100, "{}", entries.len());
        for (i, e) in entries.iter().enumerate() {
            assert_eq!(store.log_position(&all, e.kind, e.id).unwrap(), Some(i as u64), "{:?} #{}", e.kind, e.id);
        }
        let one = LogFilter { customer_id: Some(entries[0].customer_id), ..all };
        let theirs = store.log_entries(&one, 0, 10_000).unwrap();
        for (i, e) in theirs.iter().enumerate() {
            assert_eq!(store.log_position(&one, e.kind, e.id).unwrap(), Some(i as u64));
        }
        let other = entries.iter().find(|e| e.customer_id != entries[0].customer_id).unwrap();
        assert_eq!(store.log_position(&one, other.kind, other.id).unwrap(), None, "left out by the filter");
        assert_eq!(store.log_position(&all, entries[0].kind, 1_000_000).unwrap(), None, "no such entry");
    }
}
