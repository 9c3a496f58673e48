//! Where things live and the seller's settings (`config.toml`). A missing file means the
//! defaults; a malformed one is an error naming the line, the key and what is accepted,
//! never silently ignored. `keys` lists every key with its default (for `config init` and
//! `config show`); `file` reads and checks the file.

mod file;
pub mod keys;

use crate::domain::cadence::{Cadence, CadenceDefaults};
use crate::domain::goal::WorkingDays;
use crate::domain::money::Currency;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use directories::ProjectDirs;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use file::Sources;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub currency: Currency,
    /// ISO 4217 code (`EUR`), for exports and anywhere a symbol alone is ambiguous.
    pub currency_code: String,
    /// How dates are shown (chrono strftime), checked to read back to the same date.
    pub date_format: String,
    pub working_days: WorkingDays,
    pub week_starts_monday: bool,
    /// Days after a sale for the satisfaction check and the reorder/referral check.
    pub satisfaction_check_days: u32,
    pub reorder_check_days: u32,
    /// Stay-in-touch gaps for customers with neither their own nor a segment cadence.
    pub cadence_ideal_days: u32,
    pub cadence_max_days: u32,
    /// Default gaps per segment (`[segments.cafe]`), for segments without a cadence
    /// stored in the database; the key is the segment as written in the file.
    pub segment_cadences: BTreeMap<String, Cadence>,
    pub new_cards_per_day: u32,
    pub no_color: bool,
    /// Automatic (daily and pre-upgrade) backups kept; 0 turns the daily one off.
    pub backups_kept: u32,
    /// The objections a customer may raise, as typed in the log (anything else is kept as
    /// the seller's own words).
    pub objections: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            currency: Currency::default(),
            currency_code: "USD".into(),
            date_format: "%Y-%m-%d".into(),
            working_days: WorkingDays::default(),
            week_starts_monday: true,
            satisfaction_check_days: 2,
            reorder_check_days: 30,
            cadence_ideal_days: 30,
            cadence_max_days: 60,
            segment_cadences: BTreeMap::new(),
            new_cards_per_day: 10,
            no_color: false,
            backups_kept: 7,
            objections: crate::domain::objections::DEFAULT_OBJECTIONS.iter().map(|o| o.to_string()).collect(),
        }
    }
}

impl Config {
    pub fn load(path: &Path) -> Result<Self> {
        Ok(Self::load_with_sources(path)?.0)
    }

    /// The settings and, for each key the file sets, the line it is on. A missing file is
    /// the defaults with no sources.
    pub fn load_with_sources(path: &Path) -> Result<(Self, Sources)> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| {
                    let line = e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
                    anyhow::anyhow!("in {}: line {line}: the file is not valid UTF-8", path.display())
                })?;
                file::parse(&text).with_context(|| format!("in {}", path.display()))
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok((Self::default(), Sources::default())),
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        Ok(file::parse(text)?.0)
    }

    /// The stay-in-touch cadence for customers with neither their own nor a segment's.
    pub fn default_cadence(&self) -> Cadence {
        Cadence { ideal_days: self.cadence_ideal_days, max_days: self.cadence_max_days }
    }

    /// The stay-in-touch defaults the store resolves each customer's gaps against.
    pub fn cadence_defaults(&self) -> CadenceDefaults {
        CadenceDefaults::new(self.default_cadence(), self.segment_cadences.iter().map(|(n, c)| (n.clone(), *c)))
    }

    /// A date in the configured display format.
    pub fn format_date(&self, date: NaiveDate) -> String {
        crate::domain::date_input::show_date(date, &self.date_format)
    }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "salescoach")
}

/// The database path when neither `--db` nor `SALESCOACH_DB` is given.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = project_dirs().context("cannot find a home folder for the database; pass --db PATH")?;
    Ok(dirs.data_dir().join("salescoach.db"))
}

pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

#[cfg(test)]
mod tests;
