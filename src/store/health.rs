//! Catching a damaged file before anything writes into it.
//!
//! `PRAGMA quick_check` reads every page (about half a second at 100,000 follow-ups), too
//! slow for every command. So it runs only when the file may have changed behind our back:
//! after a salescoach process closes the database it records the file's fingerprint (device,
//! inode, size, change and modification times) in `<db>-verified`; an open whose file still
//! has that fingerprint skips the check, any other open (a copied, restored or overwritten
//! file, a missing or unreadable record) runs it. The fingerprint is recorded only when
//! every change to the file in between was this process's own.

use rusqlite::Connection;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fingerprint {
    dev: u64,
    ino: u64,
    len: u64,
    ctime_ns: i128,
    mtime_ns: i128,
}

impl Fingerprint {
    pub(super) fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Self {
                dev: meta.dev(),
                ino: meta.ino(),
                len: meta.len(),
                ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
            Some(Self { dev: 0, ino: 0, len: meta.len(), ctime_ns: 0, mtime_ns: mtime.as_nanos() as i128 })
        }
    }

    fn to_line(self) -> String {
        format!("salescoach-verified 1 {} {} {} {} {}\n", self.dev, self.ino, self.len, self.ctime_ns, self.mtime_ns)
    }

    fn parse(text: &str) -> Option<Self> {
        let mut words = text.split_whitespace();
        if words.next()? != "salescoach-verified" || words.next()? != "1" {
            return None;
        }
        let mut next = || words.next()?.parse::<i128>().ok();
        let (dev, ino, len) = (next()?, next()?, next()?);
        Some(Self {
            dev: u64::try_from(dev).ok()?,
            ino: u64::try_from(ino).ok()?,
            len: u64::try_from(len).ok()?,
            ctime_ns: next()?,
            mtime_ns: next()?,
        })
    }
}

/// Whether the file was found intact, and what was wrong if not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    Intact,
    Damaged(String),
}

pub(super) fn record_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-verified");
    PathBuf::from(name)
}

pub(super) fn recorded(db: &Path) -> Option<Fingerprint> {
    std::fs::read_to_string(record_path(db)).ok().as_deref().and_then(Fingerprint::parse)
}

/// The record is a cache: a lost or torn one only costs one more check, so it is not
/// flushed to disk (that would add milliseconds to every command).
pub(super) fn record(db: &Path, fingerprint: Fingerprint) {
    let _ = crate::files::write_private_unsynced(&record_path(db), fingerprint.to_line().as_bytes());
}

pub(super) fn forget(db: &Path) {
    let _ = std::fs::remove_file(record_path(db));
}

/// `PRAGMA quick_check`: `None` when intact, else the first problem it names.
pub(super) fn quick_check(conn: &Connection) -> Health {
    run_check(conn, "quick_check")
}

/// `PRAGMA integrity_check`, which also compares every index with its table.
pub(super) fn integrity_check(conn: &Connection) -> Health {
    run_check(conn, "integrity_check")
}

/// `PRAGMA foreign_key_check`: every row that names a missing parent, as "table row N -> parent".
pub(super) fn foreign_key_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        let (table, row, parent): (String, Option<i64>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok(format!("{table} row {} -> {parent}", row.unwrap_or(0)))
    })?;
    rows.collect()
}

fn run_check(conn: &Connection, pragma: &str) -> Health {
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare(&format!("PRAGMA {pragma}(20)"))
        .and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect());
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Health::Intact,
        Ok(rows) => Health::Damaged(summarise(&rows)),
        Err(err) => Health::Damaged(err.to_string()),
    }
}

fn summarise(rows: &[String]) -> String {
    let first = rows.first().map(|r| crate::domain::text::one_line(r)).unwrap_or_default();
    let first: String = first.chars().take(120).collect();
    match rows.len() {
        0 => "the check returned nothing".to_string(),
        1 => first,
        n => format!("{first} (and {} more problems)", n - 1),
    }
}

/// Tracks whether every change to the file since it was last verified is this process's
/// own, so the fingerprint left at close can be trusted by the next open.
#[derive(Debug)]
pub(super) struct Watch {
    path: Option<PathBuf>,
    known: Option<Fingerprint>,
    on_disk: Option<Fingerprint>,
}

impl Watch {
    pub(super) fn none() -> Self {
        Self { path: None, known: None, on_disk: None }
    }

    /// `verified`: the file as it is now was found intact (by fingerprint or by a check).
    pub(super) fn new(path: &Path, verified: bool, on_disk: Option<Fingerprint>) -> Self {
        let known = if verified { Fingerprint::of(path) } else { None };
        Self { path: Some(path.to_path_buf()), known, on_disk }
    }

    /// Before our own write: if the file changed since we last looked, someone else changed it.
    pub(super) fn before_change(&mut self) {
        if let Some(path) = &self.path
            && self.known.is_some()
            && Fingerprint::of(path) != self.known
        {
            self.known = None;
        }
    }

    /// After our own commit (which may have checkpointed the WAL into the file).
    pub(super) fn after_change(&mut self) {
        if let (Some(path), Some(_)) = (&self.path, self.known) {
            self.known = Fingerprint::of(path);
        }
    }

    /// Forget the file: it may be damaged, so the next open checks it again.
    pub(super) fn distrust(&mut self) {
        self.known = None;
        if let Some(path) = &self.path {
            forget(path);
        }
    }
}

impl Drop for Watch {
    /// Runs after the connection closed (the field order in `Store` guarantees it), when
    /// the last connection's checkpoint has written the file.
    fn drop(&mut self) {
        if let (Some(path), Some(_)) = (&self.path, self.known)
            && let Some(now) = Fingerprint::of(path)
            && self.on_disk != Some(now)
        {
            record(path, now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_round_trips_through_its_record() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"content").unwrap();
        let print = Fingerprint::of(&db).unwrap();
        record(&db, print);
        assert_eq!(recorded(&db), Some(print));
        std::fs::write(record_path(&db), "salescoach-verified 1 garbage").unwrap();
        assert_eq!(recorded(&db), None);
    }

    #[test]
    fn rewriting_the_file_changes_its_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"content").unwrap();
        let before = Fingerprint::of(&db).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        std::fs::write(&db, b"CONTENT").unwrap();
        assert_ne!(Fingerprint::of(&db).unwrap(), before, "same size, new bytes");
    }
}
