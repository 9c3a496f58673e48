//! `--id-key KEY` on the commands that add something: run again with the same key (after a
//! timeout or a kill whose outcome is unknown) and nothing is written twice.

use super::print_json;
use crate::domain::text::one_line;
use crate::store::{Store, validate_key};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args, Default)]
pub struct IdKey {
    /// Safe retries: a run with a key already recorded writes nothing and says so.
    #[arg(long, value_name = "KEY")]
    pub id_key: Option<String>,
}

impl IdKey {
    /// True when an earlier run already recorded this key (the caller stops there);
    /// otherwise the store records it with the command's write.
    pub fn already_recorded(&self, store: &mut Store, command: &'static str, json: bool) -> Result<bool> {
        let Some(key) = self.id_key.as_deref() else {
            return Ok(false);
        };
        validate_key(key)?;
        match store.request_key(key)? {
            Some(earlier) if earlier.command == command => {
                if json {
                    print_json(&serde_json::json!({ "already_recorded": true, "request": earlier }))?;
                } else {
                    outln!(
                        "Already recorded by an earlier `{command}` at {} (id-key {}); nothing was written again",
                        earlier.recorded_at,
                        one_line(key)
                    );
                }
                Ok(true)
            }
            Some(earlier) => Err(crate::domain::FieldError::new(
                "id-key",
                format!("'{}' was already used by `{}`; use a new key for each change", one_line(key), earlier.command),
            )
            .into()),
            None => {
                store.bind_request_key(key, command);
                Ok(false)
            }
        }
    }
}
