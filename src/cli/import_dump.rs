//! `salescoach import json FILE` and `import csv-folder DIR`: an export restored into an empty
//! database, every table, ids kept, streamed in one transaction. A refusal is one line naming
//! the file (for a folder, the table's file) and the line, and nothing is restored.

use super::import::{io_reason, open};
use super::{Env, UsageError};
use crate::domain::dump::{CsvFolder, DumpError, DumpSource, JsonDump};
use crate::store::Store;
use anyhow::Result;
use std::path::{Path, PathBuf};

pub fn json(file: &Path, env: &Env) -> Result<()> {
    let mut source = JsonDump(open(file)?);
    let shown = file.display().to_string();
    restore(&mut env.open_store()?, &mut source, env, &shown, |e| format!("{shown}: {e}"))
}

pub fn csv_folder(dir: &Path, env: &Env) -> Result<()> {
    let shown = dir.display().to_string();
    let meta = std::fs::metadata(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => UsageError(format!("{shown}: there is no such folder")),
        _ => UsageError(format!("{shown}: cannot read it: {}", io_reason(&e))),
    })?;
    if !meta.is_dir() {
        return Err(UsageError(format!(
            "{shown}: is not a folder; name the folder `export --format csv --out DIR` wrote"
        ))
        .into());
    }
    let mut store = env.open_store()?;
    refuse_strangers(dir, &store.exported_tables()?)?;
    let mut source = CsvFolder(|table: &str| std::fs::File::open(table_file(dir, table)));
    restore(&mut store, &mut source, env, &shown, |e| {
        let file = e.table.as_deref().map_or_else(|| dir.to_path_buf(), |t| table_file(dir, t));
        match e.line {
            0 => format!("{}: {}", file.display(), e.message),
            _ => format!("{}: {e}", file.display()),
        }
    })
}

fn table_file(dir: &Path, table: &str) -> PathBuf {
    dir.join(format!("{table}.csv"))
}

/// A `.csv` file that is no table of this database (from another version, or put there by
/// hand) would be left out silently: refused, as an unknown table in a JSON export is.
fn refuse_strangers(dir: &Path, tables: &[String]) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| UsageError(format!("{}: cannot read it: {}", dir.display(), io_reason(&e))))?;
    let mut strangers: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.strip_suffix(".csv").is_some_and(|stem| !tables.iter().any(|t| t == stem)))
        .collect();
    strangers.sort();
    match strangers.first() {
        None => Ok(()),
        Some(name) => Err(UsageError(format!(
            "{}: is not a table of this database; a CSV export folder holds only its tables' files ({} …); nothing was restored",
            dir.join(name).display(),
            tables.iter().take(3).map(|t| format!("{t}.csv")).collect::<Vec<_>>().join(", ")
        ))
        .into()),
    }
}

/// Restores `source`, turning a refusal into one line: `where_(error)` names the place.
fn restore(
    store: &mut Store,
    source: &mut impl DumpSource,
    env: &Env,
    shown: &str,
    where_: impl Fn(&DumpError) -> String,
) -> Result<()> {
    let restored = store.restore_dump(source).map_err(|err| {
        if let Some(e) = err.downcast_ref::<DumpError>() {
            return UsageError(format!("{}; nothing was restored", where_(e))).into();
        }
        if err.is::<crate::store::NotEmpty>() {
            return UsageError(format!(
                "{shown}: {} already holds data; an export restores only into an empty database (give a new file with --db)",
                env.db_path.display()
            ))
            .into();
        }
        err.context(format!("{shown}: nothing was restored"))
    })?;
    let rows: usize = restored.iter().map(|(_, n)| n).sum();
    outln!("Restored {rows} rows in {} tables from {shown} into {}", restored.len(), env.db_path.display());
    Ok(())
}
