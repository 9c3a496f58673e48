//! Where things live and the seller's settings (`config.toml`). A missing file means the
//! defaults; a malformed one is an error naming the key, never silently ignored.

use crate::domain::goal::WorkingDays;
use crate::domain::money::Currency;
use anyhow::{Context, Result};
use directories::ProjectDirs;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub currency: Currency,
    pub working_days: WorkingDays,
    pub week_starts_monday: bool,
    /// Days after a sale for the satisfaction check and the reorder/referral check.
    pub satisfaction_check_days: u32,
    pub reorder_check_days: u32,
    /// Stay-in-touch gaps for customers with neither their own nor a segment cadence.
    pub cadence_ideal_days: u32,
    pub cadence_max_days: u32,
    pub new_cards_per_day: u32,
    pub no_color: bool,
    /// Automatic (daily and pre-upgrade) backups kept; 0 turns the daily one off.
    pub backups_kept: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            currency: Currency::default(),
            working_days: WorkingDays::default(),
            week_starts_monday: true,
            satisfaction_check_days: 2,
            reorder_check_days: 30,
            cadence_ideal_days: 30,
            cadence_max_days: 60,
            new_cards_per_day: 10,
            no_color: false,
            backups_kept: 7,
        }
    }
}

/// The file as written; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    currency_symbol: Option<String>,
    currency_after: Option<bool>,
    working_days: Option<String>,
    week_start: Option<String>,
    satisfaction_check_days: Option<u32>,
    reorder_check_days: Option<u32>,
    cadence_ideal_days: Option<u32>,
    cadence_max_days: Option<u32>,
    new_cards_per_day: Option<u32>,
    theme: Option<String>,
    backups_kept: Option<u32>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text).with_context(|| format!("in {}", path.display())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        // The full TOML error names the key and the line; keep it to one line.
        let file: ConfigFile = toml::from_str(text)
            .map_err(|e| anyhow::anyhow!("{}", e.to_string().split_whitespace().collect::<Vec<_>>().join(" ")))?;
        let mut config = Self::default();
        if let Some(symbol) = file.currency_symbol {
            let length = symbol.chars().count();
            if !(1..=4).contains(&length) || symbol.chars().any(|c| c.is_control()) {
                anyhow::bail!(
                    "currency_symbol: '{}' is not 1 to 4 printable characters",
                    crate::domain::text::one_line(&symbol)
                );
            }
            config.currency.symbol = symbol;
        }
        if let Some(after) = file.currency_after {
            config.currency.symbol_after = after;
        }
        if let Some(days) = file.working_days {
            config.working_days = WorkingDays::parse(&days)?;
        }
        if let Some(start) = file.week_start {
            config.week_starts_monday = match start.to_ascii_lowercase().as_str() {
                "mon" | "monday" => true,
                "sun" | "sunday" => false,
                other => anyhow::bail!("week_start: '{other}' is not mon or sun"),
            };
        }
        // Day counts a seller could mean: a day to ten years.
        let positive = |key: &str, value: Option<u32>, default: u32| -> Result<u32> {
            match value {
                Some(v @ 1..=3650) => Ok(v),
                Some(_) => anyhow::bail!("{key}: must be from 1 to 3650 days"),
                None => Ok(default),
            }
        };
        config.satisfaction_check_days = positive("satisfaction_check_days", file.satisfaction_check_days, 2)?;
        config.reorder_check_days = positive("reorder_check_days", file.reorder_check_days, 30)?;
        config.cadence_ideal_days = positive("cadence_ideal_days", file.cadence_ideal_days, 30)?;
        config.cadence_max_days = positive("cadence_max_days", file.cadence_max_days, 60)?;
        if config.cadence_max_days < config.cadence_ideal_days {
            anyhow::bail!("cadence_max_days: must not be shorter than cadence_ideal_days");
        }
        config.new_cards_per_day = match file.new_cards_per_day {
            Some(n @ 0..=1000) => n,
            Some(_) => anyhow::bail!("new_cards_per_day: must be from 0 to 1000"),
            None => 10,
        };
        config.backups_kept = match file.backups_kept {
            Some(n @ 0..=1000) => n,
            Some(_) => anyhow::bail!("backups_kept: must be from 0 (no daily backup) to 1000"),
            None => 7,
        };
        config.no_color = match file.theme.as_deref() {
            None | Some("default") => false,
            Some("mono") => true,
            Some(other) => anyhow::bail!("theme: '{other}' is not default or mono"),
        };
        Ok(config)
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

impl Config {
    /// The stay-in-touch cadence for customers with neither their own nor a segment's.
    pub fn default_cadence(&self) -> crate::domain::cadence::Cadence {
        crate::domain::cadence::Cadence { ideal_days: self.cadence_ideal_days, max_days: self.cadence_max_days }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_is_the_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn every_key() {
        let config = Config::parse(
            "currency_symbol = \"€\"\ncurrency_after = true\nworking_days = \"mon-sat\"\nweek_start = \"sun\"\n\
             satisfaction_check_days = 3\nreorder_check_days = 45\ncadence_ideal_days = 10\ncadence_max_days = 20\n\
             new_cards_per_day = 5\ntheme = \"mono\"\nbackups_kept = 3\n",
        )
        .unwrap();
        assert_eq!(config.currency.format(150), "1.50 €");
        assert_eq!(config.working_days, WorkingDays(63));
        assert!(!config.week_starts_monday);
        assert_eq!((config.satisfaction_check_days, config.reorder_check_days), (3, 45));
        assert_eq!((config.cadence_ideal_days, config.cadence_max_days), (10, 20));
        assert_eq!(config.new_cards_per_day, 5);
        assert!(config.no_color);
        assert_eq!(config.backups_kept, 3);
    }

    #[test]
    fn mistakes_name_the_key() {
        for (text, key) in [
            ("curency_symbol = \"$\"", "curency_symbol"),
            ("working_days = \"fri-mon\"", "working days"),
            ("week_start = \"wed\"", "week_start"),
            ("reorder_check_days = 0", "reorder_check_days"),
            ("reorder_check_days = 4000000000", "reorder_check_days"),
            ("satisfaction_check_days = -1", "satisfaction_check_days"),
            ("currency_symbol = \"\\u001b[31m$\"", "currency_symbol"),
            ("new_cards_per_day = 5000", "new_cards_per_day"),
            ("cadence_ideal_days = 70", "cadence_max_days"),
            ("theme = \"neon\"", "theme"),
            ("backups_kept = 5000", "backups_kept"),
        ] {
            let err = format!("{:#}", Config::parse(text).unwrap_err());
            assert!(err.contains(key), "{text}: {err}");
        }
    }
}
