//! Column readers for the long lists, quicker than rusqlite's own for the same values.

use chrono::NaiveDate;
use rusqlite::Row;

/// A `YYYY-MM-DD` column read by hand (`domain::iso_date`); any other value goes through
/// rusqlite's chrono reader, which accepts and refuses what it always has.
pub(super) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    match row.get_ref(idx)?.as_str().map(crate::domain::iso_date::parse) {
        Ok(Some(date)) => Ok(date),
        _ => row.get(idx),
    }
}
