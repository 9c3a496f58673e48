//! SQLite's failures in words that name the real cause and what to do, so a healthy file
//! is never described as unreadable (which invites deleting it).

use rusqlite::ErrorCode;
use std::path::Path;
use std::time::{Duration, Instant};

/// The store refuses writes: the file is damaged or opened for reading only.
#[derive(Debug)]
pub struct WriteRefused(pub String);

impl std::fmt::Display for WriteRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteRefused {}

/// The file is not one salescoach may open (a folder, a pipe, another program's file, a
/// newer schema): bad input, exit code 2, and the file is left untouched.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// `return Err(Refused(...))` with `format!` arguments.
macro_rules! refuse {
    ($($arg:tt)*) => {
        return Err(super::errors::Refused(format!($($arg)*)).into())
    };
}
pub(super) use refuse;

/// One line for a failure touching the database at `path`.
pub fn describe(err: &rusqlite::Error, path: &Path) -> anyhow::Error {
    let shown = path.display();
    let Some(code) = err.sqlite_error_code() else {
        return anyhow::anyhow!("{shown}: {err}");
    };
    let text = match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => format!(
            "{shown} is busy: another process has held its write lock for over 5 seconds; try again when it finishes"
        ),
        ErrorCode::DiskFull => format!("cannot write {shown}: the disk is full; free some space and try again"),
        ErrorCode::ReadOnly => format!(
            "cannot write {shown}: it is read-only (check the mode of the file, its -wal and -shm files and its folder)"
        ),
        ErrorCode::PermissionDenied | ErrorCode::AuthorizationForStatementDenied => {
            format!("cannot open {shown}: permission denied; check the owner and mode of the file and its folder")
        }
        ErrorCode::CannotOpen => format!(
            "cannot open {shown}: SQLite cannot open it or create its -wal/-shm files beside it; check the folder's permissions"
        ),
        ErrorCode::NotADatabase => format!(
            "{shown} is not a readable SQLite database: its first page is damaged or it is another kind of file; \
             run `salescoach check` and restore a backup (`salescoach backup list`)"
        ),
        ErrorCode::DatabaseCorrupt => format!(
            "{shown} is damaged (database disk image is malformed); run `salescoach check`, \
             then restore a backup (`salescoach backup list`)"
        ),
        ErrorCode::SystemIoFailure if disk_is_full(path) => {
            format!("cannot write {shown}: the disk is full; free some space and try again")
        }
        ErrorCode::SystemIoFailure if extended_code(err) == Some(SHORT_READ) => format!(
            "cannot read {shown}: part of it is missing (its -wal file may have been removed while another \
             program had it open); close other salescoach windows, then run `salescoach check`"
        ),
        ErrorCode::SystemIoFailure => format!(
            "input/output error on {shown} (SQLite code {}): the disk may be failing; run `salescoach check`",
            extended_code(err).unwrap_or(10)
        ),
        _ => format!("{shown}: {err}"),
    };
    anyhow::anyhow!(text)
}

/// SQLITE_IOERR_SHORT_READ: fewer bytes than the file should hold.
const SHORT_READ: i32 = 522;

fn extended_code(err: &rusqlite::Error) -> Option<i32> {
    match err {
        rusqlite::Error::SqliteFailure(e, _) => Some(e.extended_code),
        _ => None,
    }
}

/// Only asked after an I/O failure: SQLite reports a full disk while growing its -shm
/// file as a plain I/O error, so try to write a little beside the database.
fn disk_is_full(path: &Path) -> bool {
    use std::io::Write;
    let Ok((_temp, mut file)) = crate::files::PrivateTemp::beside(path) else {
        return false;
    };
    let written = file.write_all(&[0u8; 64 * 1024]).and_then(|()| file.sync_all());
    matches!(written, Err(e) if matches!(e.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded))
}

/// Whether a failure was only another process holding the lock.
pub fn is_busy(err: &(dyn std::error::Error + 'static)) -> bool {
    err.downcast_ref::<rusqlite::Error>()
        .is_some_and(|e| matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)))
}

/// Retries `f` while SQLite answers busy without waiting itself (it does not call the busy
/// handler while another connection creates the file or switches it to WAL), for a few
/// seconds at most.
pub fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = Instant::now() + Duration::from_secs(6);
    let mut pause = Duration::from_millis(2);
    loop {
        match f() {
            Err(err) if is_busy(&err) && Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Whether a failure says the file itself is damaged.
pub fn is_damage(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
            matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase))
        })
    })
}

/// For an error that surfaced mid-command: SQLite's own text replaced by [`describe`]'s,
/// when the chain ends in an SQLite failure worth explaining.
pub fn explain(err: &anyhow::Error, db: &Path) -> Option<String> {
    let sqlite = err.chain().find_map(|cause| cause.downcast_ref::<rusqlite::Error>())?;
    let code = sqlite.sqlite_error_code()?;
    let worth = matches!(
        code,
        ErrorCode::DatabaseBusy
            | ErrorCode::DatabaseLocked
            | ErrorCode::DiskFull
            | ErrorCode::ReadOnly
            | ErrorCode::PermissionDenied
            | ErrorCode::CannotOpen
            | ErrorCode::NotADatabase
            | ErrorCode::DatabaseCorrupt
            | ErrorCode::SystemIoFailure
    );
    worth.then(|| format!("{:#}", describe(sqlite, db)))
}
