//! `EXPLAIN QUERY PLAN` for every hot query, so a test can prove each one uses an index.

use super::{Store, followups, goals};
use crate::domain::goal::Metric;
use anyhow::Result;

impl Store {
    /// (query name, plan lines) for each hot query, with placeholder parameters bound.
    pub fn query_plans(&self) -> Result<Vec<(String, Vec<String>)>> {
        let mut plans = Vec::new();
        let mut queries = followups::hot_queries();
        for metric in Metric::ALL {
            let params = if *metric == Metric::Custom { 3 } else { 2 };
            queries.push((format!("{} progress", metric.as_str()), goals::progress_sql(*metric).to_string(), params));
        }
        for (name, sql, params) in queries {
            let explain = format!("EXPLAIN QUERY PLAN {sql}");
            let mut stmt = self.conn().prepare(&explain)?;
            let values: Vec<i64> = vec![0; params];
            let lines = stmt
                .query_map(rusqlite::params_from_iter(values), |r| r.get::<_, String>(3))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            plans.push((name, lines));
        }
        Ok(plans)
    }
}
