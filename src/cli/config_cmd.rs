//! `salescoach config path|show|init`: where the settings live, what is in force, and a
//! commented file to start from.

use super::{Env, UsageError, print_json};
use crate::config::keys::{KEYS, init_template, segment_key};
use crate::config::{Config, Sources};
use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file in use (--config, SALESCOACH_CONFIG or the default).
    Path,
    /// Every key with the value in force and where it comes from (a line of the file, or the default).
    Show {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a commented file with every key at its default (0600); never over an existing file.
    Init,
}

impl ConfigCommand {
    /// `path` and `init` run even when the file in use does not parse.
    pub fn tolerates_a_broken_file(&self) -> bool {
        matches!(self, Self::Path | Self::Init)
    }
}

pub fn run(command: &ConfigCommand, env: &Env) -> Result<()> {
    let path = env
        .config_path
        .as_deref()
        .ok_or_else(|| UsageError("config: no home folder to keep a config file in; pass --config PATH".into()))?;
    match command {
        ConfigCommand::Path => {
            outln!("{}", path.display());
            Ok(())
        }
        ConfigCommand::Show { json } => show(path, *json),
        ConfigCommand::Init => init(path),
    }
}

fn init(path: &Path) -> Result<()> {
    if path.exists() {
        return Err(UsageError(format!(
            "config init: {} already exists; edit it, or move it away to write a fresh one",
            path.display()
        ))
        .into());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    crate::files::write_private(path, init_template().as_bytes())?;
    outln!("wrote {} (every key at its default; `salescoach config show` prints what is in force)", path.display());
    Ok(())
}

fn show(path: &Path, json: bool) -> Result<()> {
    let exists = path.exists();
    let (config, sources) = Config::load_with_sources(path).map_err(|e| UsageError(format!("config: {e:#}")))?;
    if json {
        return print_json(&as_json(path, exists, &config, &sources));
    }
    let state = if exists { "" } else { " (not found: every key at its default)" };
    outln!("# {}{state}", path.display());
    let width = KEYS.iter().map(|k| k.name.len()).max().unwrap_or(0);
    for (key, value) in config.entries() {
        let line = format!("{key:width$} = {value}");
        outln!("{line:44} # {}", source_label(&sources, key));
    }
    if config.segment_cadences.is_empty() {
        outln!(
            "# no [segments.NAME] defaults: segments without a cadence of their own use cadence_ideal_days/max_days"
        );
    }
    for (name, cadence) in &config.segment_cadences {
        let header = format!("[segments.{}]", segment_key(name));
        outln!("{header:44} # {}", source_label(&sources, &format!("segments.{name}")));
        outln!("ideal_days = {}", cadence.ideal_days);
        outln!("max_days = {}", cadence.max_days);
    }
    Ok(())
}

fn source_label(sources: &Sources, key: &str) -> String {
    match sources.line_of(key) {
        Some(line) => format!("file, line {line}"),
        None => "default".into(),
    }
}

fn as_json(path: &Path, exists: bool, config: &Config, sources: &Sources) -> serde_json::Value {
    let keys: Vec<serde_json::Value> = config
        .entries()
        .into_iter()
        .map(|(key, value)| {
            let value: toml::Value = toml::from_str::<toml::Table>(&format!("v = {value}"))
                .ok()
                .and_then(|mut t| t.remove("v"))
                .unwrap_or(toml::Value::String(value));
            serde_json::json!({
                "key": key,
                "value": value,
                "source": if sources.line_of(key).is_some() { "file" } else { "default" },
                "line": sources.line_of(key),
            })
        })
        .collect();
    let segments: Vec<serde_json::Value> = config
        .segment_cadences
        .iter()
        .map(|(name, c)| {
            serde_json::json!({
                "segment": name,
                "ideal_days": c.ideal_days,
                "max_days": c.max_days,
                "line": sources.line_of(&format!("segments.{name}")),
            })
        })
        .collect();
    serde_json::json!({ "path": path, "exists": exists, "keys": keys, "segments": segments })
}
