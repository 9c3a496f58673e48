//! Whole-database counts: what the welcome screen and `demo` need to know.

use super::Store;
use anyhow::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    pub customers: u64,
    pub products: u64,
    pub sales: u64,
    pub interactions: u64,
    pub goals: u64,
    pub followups: u64,
    pub notes: u64,
}

impl Counts {
    /// Nothing the seller entered: the first-run welcome applies.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl Store {
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            let count: i64 = self.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(count.unsigned_abs())
        };
        Ok(Counts {
            customers: count("customers")?,
            products: count("products")?,
            sales: count("sales")?,
            interactions: count("interactions")?,
            goals: count("goals")?,
            followups: count("followups")?,
            notes: count("notes")?,
        })
    }
}

impl Store {
    /// (foreign_keys, busy_timeout in ms, synchronous) as the connection reports them.
    pub fn pragmas(&self) -> Result<(i64, i64, i64)> {
        let get = |name: &str| -> Result<i64> { Ok(self.conn().pragma_query_value(None, name, |r| r.get(0))?) };
        Ok((get("foreign_keys")?, get("busy_timeout")?, get("synchronous")?))
    }
}
