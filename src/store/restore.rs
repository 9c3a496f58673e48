//! Restore: put a verified backup in place of the database, keeping the database it
//! replaces as a backup first. Nothing changes unless every check passes.

use super::Store;
use super::backup::{BackupKind, new_backup_path, verify_file};
use super::errors::{describe, is_busy};
use crate::files::{PrivateTemp, create_private_folder};
use anyhow::{Context, Result, bail};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the replaced database was kept (none when there was no database yet).
    pub previous: Option<PathBuf>,
    /// The restored file's schema version before any upgrade.
    pub version: i64,
}

/// Replaces the database at `db` with the backup at `source`.
pub fn restore(db: &Path, source: &Path, now: NaiveDateTime) -> Result<Restored> {
    let verified = verify_file(source, true).context("refusing to restore; nothing was changed")?;
    if same_file(db, source) {
        bail!("{} is the database itself; name a backup file", source.display());
    }
    // Copy the source first: if that fails, the current database is untouched.
    let (prepared, mut file) = PrivateTemp::beside(db)?;
    let mut reader = std::fs::File::open(source).with_context(|| format!("cannot read {}", source.display()))?;
    std::io::copy(&mut reader, &mut file).with_context(|| format!("cannot copy {}", source.display()))?;
    drop(file);
    verify_file(prepared.path(), false).context("the copied file failed its check; nothing was changed")?;

    let previous = if db.exists() { Some(keep_current(db, now)?) } else { None };
    for side in ["-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(side);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    super::health::forget(db);
    prepared.persist(db)?;
    // Open once: sets WAL, upgrades an older schema, and records the file as verified.
    drop(Store::open(db).context("the restored database could not be opened")?);
    Ok(Restored { previous, version: verified.version })
}

/// Takes the lock no other connection may hold, proving no window is using the file, and
/// copies the database aside; a damaged one is copied byte for byte instead.
fn keep_current(db: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| describe(&e, db))?;
    conn.busy_timeout(Duration::from_millis(300))?;
    let exclusive = conn
        .pragma_update(None, "locking_mode", "EXCLUSIVE")
        .and_then(|()| conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;"));
    match exclusive {
        Err(err) if is_busy(&err) => {
            bail!("{} is in use by another salescoach window or command; close it and try again", db.display())
        }
        _ => {}
    }
    let target = new_backup_path(db, now, BackupKind::BeforeRestore);
    let copied = exclusive.is_ok()
        && super::backup::copy_database(&conn, &target, false).is_ok()
        && conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").is_ok();
    drop(conn);
    if !copied {
        raw_copy(db, &target)?;
    }
    Ok(target)
}

/// The bytes as they are (and the -wal beside them), for a file SQLite cannot copy.
fn raw_copy(db: &Path, target: &Path) -> Result<()> {
    if let Some(dir) = target.parent() {
        create_private_folder(dir)?;
    }
    for suffix in ["", "-wal"] {
        let mut from = db.as_os_str().to_owned();
        from.push(suffix);
        let from = PathBuf::from(from);
        if !from.exists() {
            continue;
        }
        let mut to = target.as_os_str().to_owned();
        to.push(suffix);
        let to = PathBuf::from(to);
        let (temp, mut file) = PrivateTemp::beside(&to)?;
        let mut reader = std::fs::File::open(&from).with_context(|| format!("cannot read {}", from.display()))?;
        std::io::copy(&mut reader, &mut file).with_context(|| format!("cannot copy {}", from.display()))?;
        drop(file);
        temp.persist(&to)?;
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
