//! `EXPLAIN QUERY PLAN` for every hot query, so a test can prove each one uses an index.

use super::{Store, followups, goals};
use crate::domain::goal::Metric;
use anyhow::Result;

/// A query the app runs on every screen refresh.
pub struct HotQuery {
    pub name: String,
    pub sql: String,
    pub params: usize,
    /// It sorts in memory, but only a small set (say, the open complaints).
    pub sorts_a_few: bool,
}

impl HotQuery {
    pub fn new(name: impl Into<String>, sql: impl Into<String>, params: usize) -> Self {
        Self { name: name.into(), sql: sql.into(), params, sorts_a_few: false }
    }

    pub fn sorting_a_few(self) -> Self {
        Self { sorts_a_few: true, ..self }
    }
}

/// A hot query's plan, one line per step.
pub struct Plan {
    pub name: String,
    pub lines: Vec<String>,
    pub sorts_a_few: bool,
}

impl Store {
    /// Every registered hot query, from the store modules that own them.
    fn hot_queries() -> Vec<HotQuery> {
        let mut queries = followups::hot_queries();
        for metric in Metric::ALL {
            let params = if *metric == Metric::Custom { 3 } else { 2 };
            queries.push(HotQuery::new(format!("{} progress", metric.as_str()), goals::progress_sql(*metric), params));
        }
        queries.push(HotQuery::new("id-key lookup", super::request_keys::LOOKUP_SQL, 1));
        queries.extend(super::interaction_log::hot_queries());
        queries.extend(super::pages::hot_queries());
        queries.extend(super::agenda::hot_queries());
        queries.extend(super::sales_log::hot_queries());
        queries.extend(super::deals::hot_queries());
        queries.extend(super::deal_stages::hot_queries());
        queries.extend(super::undo::hot_queries());
        queries.extend(super::technique_groups::hot_queries());
        queries.extend(super::objections::hot_queries());
        queries.extend(super::playbooks::hot_queries());
        queries.extend(super::figures::hot_queries());
        queries.extend(super::segments::hot_queries());
        queries.extend(super::edits::hot_queries());
        queries.extend(super::report::hot_queries());
        queries.extend(super::customers::hot_queries());
        queries.extend(super::coach::hot_queries());
        queries
    }

    pub fn query_plans(&self) -> Result<Vec<Plan>> {
        let queries = Self::hot_queries();
        let mut plans = Vec::new();
        for query in queries {
            let lines = explain(self.conn(), &query.sql, query.params)?;
            plans.push(Plan { name: query.name, lines, sorts_a_few: query.sorts_a_few });
        }
        Ok(plans)
    }

    /// The plan of any statement text, each parameter 0 as for the hot queries: for the test
    /// that explains every statement the store was seen to run.
    #[doc(hidden)]
    pub fn explain_query_plan(&self, sql: &str) -> Result<Vec<String>> {
        let params = self.conn().prepare(sql)?.parameter_count();
        explain(self.conn(), sql, params)
    }

    /// The SQL of every hot query, so the traced test can tell which statements the
    /// registered list already vouches for as sorting only a few rows.
    #[doc(hidden)]
    pub fn hot_queries_sorting_a_few() -> Vec<String> {
        Self::hot_queries().into_iter().filter(|q| q.sorts_a_few).map(|q| q.sql).collect()
    }
}

fn explain(conn: &rusqlite::Connection, sql: &str, params: usize) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let values: Vec<i64> = vec![0; params];
    let lines = stmt
        .query_map(rusqlite::params_from_iter(values), |r| r.get::<_, String>(3))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines)
}
