//! Backups and restore. A backup is a consistent copy taken with `VACUUM INTO` (a read
//! transaction: the app may stay open and other processes may keep writing), written to a
//! private temp file, verified, then renamed into `backups/` beside the database.

use super::Store;
use super::errors::{Refused, describe, refuse};
use super::health::{self, Health};
use crate::files::describe_io;
use crate::files::{PrivateTemp, create_private_folder};
use anyhow::{Context, Result, bail};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Asked for with `salescoach backup`; never deleted by salescoach.
    Manual,
    /// The first open of a day.
    Daily,
    /// Just before a schema upgrade.
    Upgrade,
    /// The database a restore replaced; never deleted by salescoach.
    BeforeRestore,
}

impl BackupKind {
    pub const ALL: [Self; 4] = [Self::Manual, Self::Daily, Self::Upgrade, Self::BeforeRestore];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::Daily => "daily",
            Self::Upgrade => "upgrade",
            Self::BeforeRestore => "before-restore",
        }
    }

    /// Automatic backups rotate (the newest `backups_kept` stay); the seller's own do not.
    pub fn rotates(self) -> bool {
        matches!(self, Self::Daily | Self::Upgrade)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken: NaiveDateTime,
    pub kind: BackupKind,
    pub bytes: u64,
}

/// `backups/` beside the database file.
pub fn backup_folder(db: &Path) -> PathBuf {
    match db.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

fn stem_of(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "salescoach".into())
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// `<stem>-YYYYMMDD-HHMMSS-<kind>[-N].db`, so names sort by time and say why they exist.
fn parse_name(stem: &str, name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".db")?;
    let taken = NaiveDateTime::parse_from_str(rest.get(..15)?, STAMP).ok()?;
    let tail = rest.get(15..)?.strip_prefix('-')?;
    let kind = BackupKind::ALL.into_iter().find(|k| {
        tail.strip_prefix(k.as_str()).is_some_and(|n| n.is_empty() || n.strip_prefix('-').is_some_and(is_digits))
    })?;
    Some((taken, kind))
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Every backup of `db`, newest first. A missing folder means none.
pub fn list_backups(db: &Path) -> Result<Vec<BackupInfo>> {
    let folder = backup_folder(db);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err).with_context(|| format!("cannot list {}", folder.display())),
    };
    let stem = stem_of(db);
    let mut found: Vec<BackupInfo> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let (taken, kind) = parse_name(&stem, &name)?;
            let meta = entry.metadata().ok().filter(|m| m.is_file())?;
            Some(BackupInfo { path: entry.path(), taken, kind, bytes: meta.len() })
        })
        .collect();
    found.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    Ok(found)
}

/// Whether today's automatic backup is still to be taken.
pub fn daily_due(db: &Path, today: chrono::NaiveDate) -> bool {
    list_backups(db).is_ok_and(|all| !all.iter().any(|b| b.kind == BackupKind::Daily && b.taken.date() == today))
}

/// Deletes rotating backups beyond the newest `kept`; returns how many went.
pub fn prune(db: &Path, kept: usize) -> Result<usize> {
    let mut removed = 0;
    for old in list_backups(db)?.into_iter().filter(|b| b.kind.rotates()).skip(kept) {
        std::fs::remove_file(&old.path).with_context(|| format!("cannot remove {}", old.path.display()))?;
        removed += 1;
    }
    Ok(removed)
}

pub(super) fn new_backup_path(db: &Path, now: NaiveDateTime, kind: BackupKind) -> PathBuf {
    let folder = backup_folder(db);
    let base = format!("{}-{}-{}", stem_of(db), now.format(STAMP), kind.as_str());
    let mut path = folder.join(format!("{base}.db"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{base}-{n}.db"));
        n += 1;
    }
    path
}

/// A consistent copy of `conn`'s database at `target`, checked before it is renamed into place.
pub(super) fn copy_database(conn: &Connection, target: &Path, thorough: bool) -> Result<()> {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_folder(dir)?;
    }
    let (temp, file) = PrivateTemp::beside(target)?;
    drop(file);
    let temp_name = temp.path().to_str().context("the backup folder's path is not valid UTF-8")?.to_string();
    conn.execute("VACUUM INTO ?1", [&temp_name]).map_err(|e| describe(&e, target)).context("copying the database")?;
    let verified = verify_file(temp.path(), thorough).context("the copy failed its check; nothing was kept")?;
    let expected: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if verified.version != expected {
        bail!("the copy has schema {} instead of {expected}", verified.version);
    }
    temp.persist(target)
}

/// What a database file holds, once it passed its check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedFile {
    pub version: i64,
}

/// Opens `path` for reading only and checks it: intact, a salescoach database, a schema
/// this binary understands. `thorough` runs integrity_check, else quick_check.
pub fn verify_file(path: &Path, thorough: bool) -> Result<VerifiedFile> {
    let shown = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| Refused(format!("cannot read {shown}: {:#}", describe_io(e, path))))?;
    if !meta.is_file() {
        refuse!("{shown} is not a regular file");
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut header));
    if !matches!(read, Ok(16)) || &header != b"SQLite format 3\0" {
        refuse!("{shown} is not an SQLite database file");
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| describe(&e, path))?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| describe(&e, path))?;
    if app_id != super::APPLICATION_ID {
        refuse!("{shown} is not a salescoach database");
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    super::migrations::check_version(version, super::MIGRATIONS).map_err(|e| Refused(format!("{shown}: {e:#}")))?;
    let health = if thorough { health::integrity_check(&conn) } else { health::quick_check(&conn) };
    if let Health::Damaged(problem) = health {
        refuse!("{shown} is damaged: {problem}");
    }
    Ok(VerifiedFile { version })
}

impl Store {
    /// Takes a backup into `backups/` beside the database. Manual backups get the full
    /// integrity check; automatic ones the quick check (the copy's indexes are rebuilt by
    /// VACUUM INTO, so the index comparison adds little).
    pub fn backup(&self, now: NaiveDateTime, kind: BackupKind) -> Result<BackupInfo> {
        let db = self.path().context("an in-memory database has no backups")?;
        let path = new_backup_path(db, now, kind);
        copy_database(self.conn(), &path, kind == BackupKind::Manual)?;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok(BackupInfo { path, taken: now, kind, bytes })
    }

    /// A verified backup at a path of the seller's choosing.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.is_dir() {
            bail!("{} is a folder; name the backup file", target.display());
        }
        copy_database(self.conn(), target, true)
    }
}

/// The day's automatic backup as owned data, so the TUI can take it on a thread of its
/// own (with its own connection) while the seller works.
pub struct DailyBackup {
    db: PathBuf,
    now: NaiveDateTime,
    kept: usize,
}

impl DailyBackup {
    /// `None` when today's is already taken.
    pub fn due(db: &Path, today: chrono::NaiveDate, now: NaiveDateTime, kept: usize) -> Option<Self> {
        daily_due(db, today).then(|| Self { db: db.to_path_buf(), now, kept })
    }

    /// Takes the backup, then rotates the old ones; returns how many were removed.
    pub fn run(self) -> Result<usize> {
        self.run_until(Arc::default())
    }

    /// As `run`, given up soon after `stop` is set: nothing is kept of a copy under way.
    pub fn run_until(self, stop: Arc<AtomicBool>) -> Result<usize> {
        let mut store = Store::open(&self.db)?;
        store.stop_when(stop)?;
        store.backup(self.now, BackupKind::Daily)?;
        prune(&self.db, self.kept)
    }
}

/// The newest backup, for messages that tell the seller how to recover.
pub fn latest_backup(db: &Path) -> Option<BackupInfo> {
    list_backups(db).ok()?.into_iter().next()
}

/// "restore it with `salescoach restore PATH`", or what to do when there is none.
pub fn recovery_hint(db: &Path) -> String {
    match latest_backup(db) {
        Some(b) => format!(
            "the latest backup is {} ({}); restore it with: salescoach --db {} restore {}",
            b.path.display(),
            b.taken.format("%Y-%m-%d %H:%M"),
            db.display(),
            b.path.display()
        ),
        None => "no backup was found in the backups folder beside it; copy the file somewhere safe before trying to repair it".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_ignore_strangers() {
        let at = NaiveDateTime::parse_from_str("20261202-083005", STAMP).unwrap();
        assert_eq!(parse_name("sales", "sales-20261202-083005-daily.db"), Some((at, BackupKind::Daily)));
        assert_eq!(
            parse_name("sales", "sales-20261202-083005-before-restore-3.db"),
            Some((at, BackupKind::BeforeRestore))
        );
        for stranger in [
            "sales-20261202-083005-daily.db-wal",
            "other-20261202-083005-daily.db",
            "sales-20261302-083005-daily.db",
            "sales-20261202-083005-weekly.db",
            "sales-20261202-083005-daily-x.db",
            ".sales-20261202-083005-daily.db.1.0.tmp",
        ] {
            assert_eq!(parse_name("sales", stranger), None, "{stranger}");
        }
    }

    /// The app ending stops its daily backup: nothing is kept, not even the temp copy, and
    /// the day's backup is still due next time.
    #[test]
    fn a_stopped_daily_backup_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("sales.db");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut store = Store::open(&db).unwrap();
        store.load_plan(&crate::demo::demo_plan(today).unwrap()).unwrap();
        drop(store);
        let now = today.and_hms_opt(9, 0, 0).unwrap();
        let job = DailyBackup::due(&db, today, now, 3).unwrap();
        let err = job.run_until(Arc::new(AtomicBool::new(true))).unwrap_err();
        assert!(format!("{err:#}").contains("interrupted"), "{err:#}");
        let left: Vec<_> = std::fs::read_dir(backup_folder(&db)).map(|d| d.flatten().collect()).unwrap_or_default();
        assert!(left.is_empty(), "{:?}", left.iter().map(|e| e.file_name()).collect::<Vec<_>>());
        let job = DailyBackup::due(&db, today, now, 3).expect("still due");
        job.run_until(Arc::new(AtomicBool::new(false))).unwrap();
        assert!(!daily_due(&db, today));
    }
}
