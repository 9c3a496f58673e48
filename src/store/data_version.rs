//! Whether another connection wrote: the TUI polls this to show outside changes.

use super::Store;
use anyhow::Result;

impl Store {
    /// SQLite's `data_version`: it changes when another connection commits, never for this
    /// one's own writes, and reading it touches no table.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn().query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }
}
