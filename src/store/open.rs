//! Opening the database file: private creation, refusals that leave the file untouched,
//! pragmas, then migrations. An up-to-date database is opened without taking the write
//! lock, so reading never waits for (or fails behind) another process's long write.

use super::errors::{Refused, describe, is_busy, refuse, retry_busy};
use super::{MIGRATIONS, migrations};
use crate::files::describe_io;
use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::Duration;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How the file was opened: writable, or for reading only and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly(String),
}

pub(super) struct Opened {
    pub conn: Connection,
    pub access: Access,
    /// The schema version found before any migration (0 for a new file).
    pub found_version: i64,
}

/// What one read transaction saw of the file's identity.
struct Identity {
    app_id: i64,
    version: i64,
    objects: i64,
    journal_mode: String,
}

pub(super) fn open_file(path: &Path, before_migration: impl FnOnce(&Connection) -> Result<()>) -> Result<Opened> {
    let shown = path.display();
    let mut writable = match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => refuse!("{shown} is a directory, not a database file"),
        Ok(meta) if !meta.is_file() => refuse!("{shown} is {}, not a database file", kind_of(&meta)),
        Ok(_) => check_existing(path)?,
        Err(err) if err.kind() == ErrorKind::NotFound => create_private(path)?,
        Err(err) => bail!("cannot read {shown}: {:#}", describe_io(err, path)),
    };
    let mut access = if writable { Access::ReadWrite } else { Access::ReadOnly(format!("{shown} is not writable")) };
    let (conn, identity) = match connect(path, writable, false) {
        Ok(opened) => opened,
        // Writable file, but SQLite cannot make its -wal/-shm files: the folder is read-only.
        Err(err) if writable && folder_refuses_writes(path) && is_cannot_open(&err) => {
            writable = false;
            access = Access::ReadOnly(format!("the folder of {shown} is not writable"));
            connect(path, false, true).map_err(|e| describe(&e, path))?
        }
        Err(err) if !writable && is_cannot_open(&err) => connect(path, false, true).map_err(|e| describe(&e, path))?,
        // Not even its first page reads as a database: bad input, like a text file.
        Err(err) if is_unreadable(&err) => return Err(Refused(format!("{:#}", describe(&err, path))).into()),
        Err(err) => return Err(describe(&err, path)),
    };
    check_identity(&identity).map_err(|e| Refused(format!("refusing {shown}: {e:#}")))?;
    let latest = MIGRATIONS.len() as i64;
    if let (Access::ReadOnly(why), true) = (&access, identity.version < latest) {
        bail!("{shown} needs an upgrade to schema {latest}, but {why}; open it once with write access");
    }
    if writable && identity.journal_mode != "wal" {
        retry_busy(|| conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)))
            .map_err(|e| describe(&e, path))
            .and_then(|mode| {
                // A file must really be in WAL mode: readers never block the writer.
                if mode == "wal" { Ok(()) } else { bail!("could not switch {shown} to WAL mode (got {mode})") }
            })?;
    }
    if writable && identity.version < latest {
        if identity.version > 0 {
            before_migration(&conn).context("taking the backup before the upgrade")?;
        }
        let mut conn = conn;
        migrate_retrying(&mut conn).with_context(|| format!("cannot upgrade {shown}"))?;
        return Ok(Opened { conn, access, found_version: identity.version });
    }
    Ok(Opened { conn, access, found_version: identity.version })
}

/// Opens a connection and reads the identity in one read transaction (retrying while a
/// first creator holds the file), so a concurrent creation cannot fall between the reads.
fn connect(path: &Path, writable: bool, immutable: bool) -> rusqlite::Result<(Connection, Identity)> {
    let (target, mut flags) = if immutable {
        // Neither -wal nor -shm can be made: read the main file as it is.
        (
            format!("file:{}?immutable=1", uri_escape(path)),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        )
    } else if writable {
        (path.to_string_lossy().into_owned(), OpenFlags::SQLITE_OPEN_READ_WRITE)
    } else {
        (path.to_string_lossy().into_owned(), OpenFlags::SQLITE_OPEN_READ_ONLY)
    };
    // The file exists now; never let SQLite create one (it would not be private).
    flags |= OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(target, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let identity = retry_busy(|| {
        let tx = conn.unchecked_transaction()?;
        let app_id = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let objects = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let journal_mode = tx.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        tx.commit()?;
        Ok(Identity { app_id, version, objects, journal_mode })
    })?;
    Ok((conn, identity))
}

fn migrate_retrying(conn: &mut Connection) -> Result<()> {
    let mut attempts = 0;
    loop {
        match migrations::migrate(conn, MIGRATIONS) {
            Err(err) if attempts < 3 && err.chain().any(is_busy) => attempts += 1,
            other => return other,
        }
    }
}

fn is_unreadable(err: &rusqlite::Error) -> bool {
    matches!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
}

fn is_cannot_open(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied)
    )
}

/// Only asked after a failure: can a file be created in the database's folder?
fn folder_refuses_writes(path: &Path) -> bool {
    crate::files::PrivateTemp::beside(path).is_err()
}

/// Reads only: the file must be readable, and empty or an SQLite database. Returns
/// whether it is writable too.
fn check_existing(path: &Path) -> Result<bool> {
    let shown = path.display();
    let mut file =
        File::open(path).map_err(|err| anyhow::anyhow!("cannot read {shown}: {:#}", describe_io(err, path)))?;
    let mut header = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut header)
        .map_err(|err| anyhow::anyhow!("cannot read {shown}: {:#}", describe_io(err, path)))?;
    if !header.is_empty() && header.as_slice() != SQLITE_HEADER {
        refuse!("{shown} is not a salescoach database (it is not an SQLite file)");
    }
    match OpenOptions::new().read(true).write(true).open(path) {
        Ok(_) => Ok(true),
        Err(err) if matches!(err.kind(), ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem) => Ok(false),
        Err(err) => bail!("cannot write {shown}: {:#}", describe_io(err, path)),
    }
}

/// Creates the file (and its folder) readable by the owner only, before SQLite sees it;
/// SQLite's -wal and -shm files copy the main file's mode.
fn create_private(path: &Path) -> Result<bool> {
    let shown = path.display();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::create_private_folder(dir)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(true),
        // Another process created it between our check and now: treat it as existing.
        Err(err) if err.kind() == ErrorKind::AlreadyExists => check_existing(path),
        Err(err) => bail!("cannot create {shown}: {:#}", describe_io(err, path)),
    }
}

fn check_identity(identity: &Identity) -> Result<()> {
    migrations::check_identity(identity.app_id, identity.version, identity.objects, MIGRATIONS)
}

fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// A path as a `file:` URI: everything but unreserved characters and `/` percent-encoded.
fn uri_escape(path: &Path) -> String {
    let mut out = String::new();
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // A statement that fires triggers keeps a journal of the pages it touches, to undo
    // itself alone; in a file that was a write call per page, most of a bulk load's time.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    register_functions(conn)
}

/// `fold(text)`: accent- and case-insensitive matching for names (see `domain::text::fold`).
pub(super) fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("fold", 1, flags, |ctx| {
        let text = ctx.get_raw(0).as_str_or_null().map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        Ok(text.map(crate::domain::text::fold))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_what_sqlite_would_read_as_syntax() {
        assert_eq!(uri_escape(Path::new("/tmp/a b?c#d%e.db")), "/tmp/a%20b%3Fc%23d%25e.db");
    }
}
