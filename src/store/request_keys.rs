//! `--id-key`: a key recorded in the same transaction as the write it names, so a retry of
//! a command whose first run was killed after its commit writes nothing twice.

use super::Store;
use crate::domain::FieldError;
use anyhow::Result;
use rusqlite::{OptionalExtension, Transaction, params};

pub(super) const LOOKUP_SQL: &str = "SELECT key, command, recorded_at FROM request_keys WHERE key = ?1";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RequestKey {
    pub key: String,
    pub command: String,
    pub recorded_at: String,
}

/// A key a script can pass: 1 to 200 printable characters.
pub fn validate_key(key: &str) -> Result<(), FieldError> {
    let length = key.chars().count();
    if !(1..=200).contains(&length) || key.chars().any(char::is_control) {
        return Err(FieldError::new("id-key", "must be 1 to 200 printable characters, e.g. a UUID"));
    }
    Ok(())
}

impl Store {
    /// The earlier run that recorded `key`, if any.
    pub fn request_key(&self, key: &str) -> Result<Option<RequestKey>> {
        Ok(self
            .conn()
            .query_row(LOOKUP_SQL, [key], |r| {
                Ok(RequestKey { key: r.get(0)?, command: r.get(1)?, recorded_at: r.get(2)? })
            })
            .optional()?)
    }

    /// The next write records `key` for `command` in its own transaction.
    pub fn bind_request_key(&mut self, key: &str, command: &'static str) {
        self.pending_key = Some((key.to_string(), command));
    }
}

/// Inside the write's transaction. A concurrent run with the same key loses here and its
/// whole transaction rolls back.
pub(super) fn record(tx: &Transaction<'_>, key: &str, command: &str) -> Result<()> {
    let inserted = tx.execute(
        "INSERT INTO request_keys (key, command, recorded_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
         ON CONFLICT (key) DO NOTHING",
        params![key, command],
    )?;
    if inserted == 0 {
        return Err(FieldError::new(
            "id-key",
            format!("'{key}' was recorded by another run at the same time; nothing was written again"),
        )
        .into());
    }
    Ok(())
}
