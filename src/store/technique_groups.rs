//! Technique counts per customer group (segment or industry) over a period: one grouped
//! query over the interactions and one over the sales, each walking its date index.

use super::Store;
use super::plans::HotQuery;
use crate::domain::technique::TechniqueCounts;
use crate::domain::technique_groups::GroupBy;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;
use std::collections::BTreeMap;

fn column(by: GroupBy) -> &'static str {
    match by {
        GroupBy::Segment => "segment",
        GroupBy::Industry => "industry",
    }
}

/// Archived techniques are left out, as in the report over everyone. Both queries count per
/// customer and technique from the date index alone first, then look each customer up once
/// for its group: one look-up per interaction or sale was most of their time.
fn interactions_sql(by: GroupBy) -> String {
    format!(
        "SELECT c.{0}, per.technique_id, coalesce(t.name, '(no technique)'), sum(per.n),
                sum(per.won), sum(per.lost)
         FROM (SELECT customer_id, technique_id, count(*) AS n, sum(outcome = 'won') AS won,
                      sum(outcome = 'lost') AS lost
               FROM interactions WHERE happened_on BETWEEN ?1 AND ?2
               GROUP BY customer_id, technique_id) per
         JOIN customers c ON c.id = per.customer_id
         LEFT JOIN techniques t ON t.id = per.technique_id
         WHERE per.technique_id IS NULL OR t.archived = 0
         GROUP BY c.{0}, per.technique_id",
        column(by)
    )
}

fn sales_sql(by: GroupBy) -> String {
    format!(
        "SELECT c.{0}, per.technique_id, coalesce(t.name, '(no technique)'), sum(per.n), sum(per.amount)
         FROM (SELECT customer_id, technique_id, sum(kind = 'sale') AS n,
                      sum(CASE kind WHEN 'refund' THEN -amount_minor ELSE amount_minor END) AS amount
               FROM sales WHERE sold_on BETWEEN ?1 AND ?2
               GROUP BY customer_id, technique_id) per
         JOIN customers c ON c.id = per.customer_id
         LEFT JOIN techniques t ON t.id = per.technique_id
         WHERE per.technique_id IS NULL OR t.archived = 0
         GROUP BY c.{0}, per.technique_id",
        column(by)
    )
}

/// Open follow-ups due in a span for the customers of one group: walked in due order from
/// the open follow-ups' index (CROSS JOIN keeps SQLite from starting at the customers).
fn due_sql(by: GroupBy) -> String {
    format!(
        "SELECT c.name FROM followups f CROSS JOIN customers c ON c.id = f.customer_id
         WHERE f.status = 'open' AND f.due_on BETWEEN ?1 AND ?2 AND c.{} = ?3 AND c.archived = 0
         ORDER BY f.due_on, f.due_time, f.id",
        column(by)
    )
}

pub(super) fn hot_queries() -> Vec<HotQuery> {
    let mut queries = Vec::new();
    for by in GroupBy::ALL {
        queries.push(HotQuery::new(format!("techniques by {} (interactions)", by.as_str()), interactions_sql(*by), 2));
        queries.push(HotQuery::new(format!("techniques by {} (sales)", by.as_str()), sales_sql(*by), 2));
        queries.push(HotQuery::new(format!("follow-ups due by {}", by.as_str()), due_sql(*by), 3));
    }
    queries
}

impl Store {
    /// (group value, counts) for every technique used with each group in `from..=to`;
    /// the value is "" for customers without the field.
    pub fn technique_counts_by(
        &self,
        by: GroupBy,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, TechniqueCounts)>> {
        let mut merged: BTreeMap<(String, Option<i64>), TechniqueCounts> = BTreeMap::new();
        let count = |v: i64| v.unsigned_abs();
        let mut stmt = self.conn().prepare_cached(&interactions_sql(by))?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let (group, id, name): (String, Option<i64>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let c = merged.entry((group, id)).or_insert_with(|| TechniqueCounts {
                technique_id: id,
                name,
                ..Default::default()
            });
            c.interactions = count(r.get(3)?);
            c.wins = count(r.get(4)?);
            c.losses = count(r.get(5)?);
        }
        let mut stmt = self.conn().prepare_cached(&sales_sql(by))?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let (group, id, name): (String, Option<i64>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let c = merged.entry((group, id)).or_insert_with(|| TechniqueCounts {
                technique_id: id,
                name,
                ..Default::default()
            });
            c.sales = count(r.get(3)?);
            c.revenue = r.get(4)?;
        }
        let mut out: Vec<(String, TechniqueCounts)> = merged.into_iter().map(|((g, _), c)| (g, c)).collect();
        out.sort_by(|a, b| {
            (a.1.technique_id.is_none(), a.1.name.to_lowercase())
                .cmp(&(b.1.technique_id.is_none(), b.1.name.to_lowercase()))
        });
        Ok(out)
    }

    /// The customers with an open follow-up due in `from..=to` in one group, soonest first
    /// (a customer with two is named twice: two calls to make).
    pub fn followups_due_in_group(
        &self,
        by: GroupBy,
        group: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(&due_sql(by))?;
        let names = stmt.query_map(params![from, to, group], |r| r.get(0))?;
        Ok(names.collect::<rusqlite::Result<_>>()?)
    }
}
