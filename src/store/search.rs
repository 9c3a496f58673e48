//! One full-text search over notes, products and customers (FTS5, diacritics folded,
//! ranked by bm25 with titles weighted above bodies). A query SQLite cannot parse is
//! retried as plain quoted terms, so searching never fails on what the seller typed.

use super::Store;
use crate::domain::search::attempts;
use anyhow::Result;

/// Marks around matched words in titles and snippets. They are control characters: a
/// stored text containing one can at worst shift a highlight, and every piece is
/// neutralised after splitting, so nothing reaches the terminal raw.
pub const MATCH_START: char = '\u{1}';
pub const MATCH_END: char = '\u{2}';

crate::text_enum! {
    pub enum HitKind {
        Note => ("note", "note"),
        Product => ("product", "product"),
        Customer => ("customer", "customer"),
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: i64,
    pub title: String,
    pub snippet: String,
    pub rank: f64,
}

const SEARCH_SQL: &str = "SELECT rowid, highlight(search_index, 0, char(1), char(2)),
        snippet(search_index, -1, char(1), char(2), '…', 12),
        bm25(search_index, 10.0, 1.0, 4.0) AS rank
    FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2";

impl Store {
    pub fn search(&self, query: &str, limit: u64) -> Result<Vec<SearchHit>> {
        for attempt in attempts(query) {
            match self.run_search(&attempt, limit) {
                Ok(hits) => return Ok(hits),
                // FTS5 reports a query it cannot parse as a plain SQL error: try the next,
                // plainer form. Anything else (busy, I/O, corruption) is a real error.
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::Unknown => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Ok(Vec::new())
    }

    fn run_search(&self, fts_query: &str, limit: u64) -> rusqlite::Result<Vec<SearchHit>> {
        let mut stmt = self.conn().prepare_cached(SEARCH_SQL)?;
        let rows = stmt.query_map(rusqlite::params![fts_query, limit as i64], |r| {
            let rowid: i64 = r.get(0)?;
            Ok((rowid, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, f64>(3)?))
        })?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(rowid, title, snippet, rank)| {
                let kind = match rowid % 4 {
                    1 => HitKind::Note,
                    2 => HitKind::Product,
                    3 => HitKind::Customer,
                    _ => return None,
                };
                Some(SearchHit { kind, id: rowid / 4, title, snippet, rank })
            })
            .collect())
    }
}
