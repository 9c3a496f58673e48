//! Opening the database file: private creation, refusals that leave the file untouched,
//! pragmas, then migrations.

use super::{APPLICATION_ID, MIGRATIONS, migrations};
use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::Duration;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub(super) fn open_file(path: &Path) -> Result<Connection> {
    let shown = path.display();
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => bail!("{shown} is a directory, not a database file"),
        Ok(_) => check_existing(path)?,
        Err(err) if err.kind() == ErrorKind::NotFound => create_private(path)?,
        Err(err) => bail!("cannot read {shown}: {err}"),
    }
    // The file exists now; never let SQLite create one (it would not be private).
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).with_context(|| format!("cannot open {shown}"))?;
    check_identity(&conn).with_context(|| format!("refusing {shown}"))?;
    configure(&conn)?;
    migrations::migrate(&mut conn, MIGRATIONS).with_context(|| format!("cannot upgrade {shown}"))?;
    Ok(conn)
}

/// Reads only: the file must be readable, writable, and empty or an SQLite database.
fn check_existing(path: &Path) -> Result<()> {
    let shown = path.display();
    let mut file = File::open(path).map_err(|err| anyhow::anyhow!("cannot read {shown}: {err}"))?;
    let mut header = Vec::with_capacity(16);
    (&mut file).take(16).read_to_end(&mut header).map_err(|err| anyhow::anyhow!("cannot read {shown}: {err}"))?;
    if !header.is_empty() && header.as_slice() != SQLITE_HEADER {
        bail!("{shown} is not a salescoach database (it is not an SQLite file)");
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|err| anyhow::anyhow!("cannot write {shown}: {err}"))?;
    Ok(())
}

/// Creates the file (and its folder) readable by the owner only, before SQLite sees it;
/// SQLite's -wal and -shm files copy the main file's mode.
fn create_private(path: &Path) -> Result<()> {
    let shown = path.display();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it between our check and now: treat it as existing.
        Err(err) if err.kind() == ErrorKind::AlreadyExists => check_existing(path),
        Err(err) => bail!("cannot create {shown}: {err}"),
    }
}

/// Refuses another application's SQLite file and a schema newer than this binary.
fn check_identity(conn: &Connection) -> Result<()> {
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .context("it is not a readable SQLite database")?;
    if app_id != 0 && app_id != APPLICATION_ID {
        bail!("it is an SQLite database of another application (application_id {app_id})");
    }
    migrations::check_not_newer(conn, MIGRATIONS)?;
    if app_id == 0 {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .context("it is not a readable SQLite database")?;
        if tables > 0 {
            bail!("it is an SQLite database, but not a salescoach one ({tables} foreign objects)");
        }
    }
    Ok(())
}

pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    // An in-memory database answers "memory"; a file must really be in WAL mode.
    if mode != "wal" && mode != "memory" {
        bail!("could not switch the database to WAL mode (got {mode})");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
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
