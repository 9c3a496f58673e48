//! `salescoach export --format json|csv|ics|vcard [--out FILE|DIR|-] [--events]`

use super::{Env, UsageError};
use crate::files::{create_private_folder, write_private};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Everything, every table, versioned (restore with `import json`)
    Json,
    /// One CSV file per table in the --out folder (restore with `import csv-folder`)
    Csv,
    /// Open follow-ups as iCalendar to-dos (or events with --events)
    Ics,
    /// Customers as vCard 3.0 contacts
    Vcard,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (every table), csv (one file per table), ics (open follow-ups) or vcard (customers).
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// With --format ics: calendar events (VEVENT) instead of to-dos (VTODO).
    #[arg(long)]
    pub events: bool,
    /// The file to write (json, ics, vcard; `-` or none for stdout) or the folder (csv).
    #[arg(long, value_name = "FILE|DIR|-")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &ExportArgs, env: &Env) -> Result<()> {
    if args.events && args.format != ExportFormat::Ics {
        return Err(UsageError("--events: only with --format ics".into()).into());
    }
    let store = env.open_store()?;
    let text = match args.format {
        ExportFormat::Json => store.export_json()?,
        ExportFormat::Ics => super::calendar::export_ics(&store, args.events, env.today)?,
        ExportFormat::Vcard => super::vcard::export_vcard(&store)?,
        ExportFormat::Csv => return write_csv(&store, args.out.as_deref()),
    };
    match args.out.as_deref().filter(|p| *p != Path::new("-")) {
        None => super::output::write_all(text.as_bytes())?,
        Some(path) => {
            write_private(path, text.as_bytes())?;
            outln!("Wrote {} ({} bytes)", path.display(), text.len());
        }
    }
    Ok(())
}

fn write_csv(store: &crate::store::Store, out: Option<&Path>) -> Result<()> {
    let Some(dir) = out.filter(|p| *p != Path::new("-")) else {
        return Err(UsageError("--format csv writes one file per table: give --out FOLDER".into()).into());
    };
    if dir.exists() && !dir.is_dir() {
        return Err(UsageError(format!("--out {}: is a file; --format csv needs a folder", dir.display())).into());
    }
    let files = store.export_csv()?;
    create_private_folder(dir)?;
    for (name, bytes) in &files {
        write_private(&dir.join(name), bytes)?;
    }
    outln!("Wrote {} CSV files to {}", files.len(), dir.display());
    Ok(())
}
