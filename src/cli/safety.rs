//! `backup`, `restore` and `check`: the way back from a bad disk or a bad day, and the
//! day's automatic backup taken after the first write.

use super::{Env, print_json};
use crate::domain::text::one_line;
use crate::store::backup::{self, BackupInfo, BackupKind, DailyBackup, recovery_hint};
use crate::store::{Health, Store};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    pub command: Option<BackupCommand>,
    /// Write the backup to this file instead of the backups folder beside the database.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// The backups beside the database, newest first.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file to put in place of the database.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The wall clock names backup files; `--today` moves their date so a pinned day is one day.
fn now(env: &Env) -> chrono::NaiveDateTime {
    env.today.and_time(chrono::Local::now().time())
}

pub fn backup(args: &BackupArgs, env: &Env) -> Result<()> {
    if let Some(BackupCommand::List { json }) = &args.command {
        return list(*json, env);
    }
    let store = env.open_store()?;
    let info = match &args.path {
        Some(path) => {
            store.backup_to(path)?;
            BackupInfo {
                path: path.clone(),
                taken: now(env),
                kind: BackupKind::Manual,
                bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            }
        }
        None => store.backup(now(env), BackupKind::Manual)?,
    };
    if args.json {
        return print_json(&info);
    }
    outln!("Backed up to {} ({}, integrity checked)", info.path.display(), size(info.bytes));
    Ok(())
}

fn list(json: bool, env: &Env) -> Result<()> {
    let all = backup::list_backups(&env.db_path)?;
    if json {
        return print_json(&all);
    }
    if all.is_empty() {
        outln!("No backups yet in {}. Take one with: salescoach backup", backup::backup_folder(&env.db_path).display());
        return Ok(());
    }
    for b in &all {
        outln!(
            "{}  {:<14} {:>9}  {}",
            b.taken.format("%Y-%m-%d %H:%M:%S"),
            b.kind.as_str(),
            size(b.bytes),
            b.path.display()
        );
    }
    Ok(())
}

pub fn restore(args: &RestoreArgs, env: &Env) -> Result<()> {
    let restored = crate::store::restore(&env.db_path, &args.path, now(env))
        .with_context(|| format!("cannot restore into {}", env.db_path.display()))?;
    match &restored.previous {
        Some(previous) => outln!(
            "Restored {} (schema {}). The database it replaced is kept as {}",
            args.path.display(),
            restored.version,
            previous.display()
        ),
        None => outln!("Restored {} (schema {}).", args.path.display(), restored.version),
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct CheckJson {
    ok: bool,
    path: PathBuf,
    integrity: String,
    foreign_key_problems: Vec<String>,
    latest_backup: Option<BackupInfo>,
}

/// Exit 0 when intact; 1 with the problem and the way back otherwise.
pub fn check(args: &CheckArgs, env: &Env) -> Result<()> {
    let shown = env.db_path.display();
    let report = match Store::open(&env.db_path) {
        Ok(mut store) => store.check()?,
        // Not a salescoach database at all: said as it is, exit 2.
        Err(err) if err.chain().any(|c| c.is::<crate::store::errors::Refused>()) => return Err(err),
        Err(err) => anyhow::bail!("DAMAGED: {:#}; {}", err, recovery_hint(&env.db_path)),
    };
    let integrity = match &report.integrity {
        Health::Intact => "ok".to_string(),
        Health::Damaged(problem) => problem.clone(),
    };
    if args.json {
        print_json(&CheckJson {
            ok: report.is_ok(),
            path: env.db_path.clone(),
            integrity: integrity.clone(),
            foreign_key_problems: report.foreign_keys.clone(),
            latest_backup: backup::latest_backup(&env.db_path),
        })?;
    } else if report.is_ok() {
        outln!("OK: {shown} is intact (integrity check ok, every reference resolves)");
    }
    if report.is_ok() {
        return Ok(());
    }
    let mut problems = Vec::new();
    if report.integrity != Health::Intact {
        problems.push(format!("integrity check: {}", one_line(&integrity)));
    }
    if !report.foreign_keys.is_empty() {
        problems.push(format!(
            "{} broken references (first: {})",
            report.foreign_keys.len(),
            one_line(&report.foreign_keys[0])
        ));
    }
    anyhow::bail!("DAMAGED: {shown}: {}; {}", problems.join("; "), recovery_hint(&env.db_path))
}

/// After a command that wrote: the day's first backup, then rotation. A failure is a
/// warning, never the command's failure: its write already landed.
pub fn daily_backup(env: &Env) {
    if !crate::store::wrote_in_this_process() {
        return;
    }
    if let Some(job) = daily_backup_due(env)
        && let Err(err) = job.run()
    {
        eprintln!("salescoach: warning: the daily backup failed: {}", one_line(&format!("{err:#}")));
    }
}

/// The day's automatic backup, if one is due and backups are on.
fn daily_backup_due(env: &Env) -> Option<DailyBackup> {
    (env.config.backups_kept > 0)
        .then(|| DailyBackup::due(&env.db_path, env.today, now(env), env.config.backups_kept as usize))
        .flatten()
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.0} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}
