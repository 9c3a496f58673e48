//! Reading `config.toml`: every value keeps its place in the file, so a refusal says
//! `line N: key: what is wrong; accepted: ...`.

use super::Config;
use super::keys::accepted;
use crate::domain::cadence::Cadence;
use crate::domain::goal::WorkingDays;
use crate::domain::text::{fold, one_line};
use anyhow::{Result, anyhow, bail};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Where each key the file sets was found: key (`segments.cafe` for a segment) -> line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources(pub BTreeMap<String, usize>);

impl Sources {
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied()
    }
}

type Value<T> = Option<Spanned<T>>;

/// The file as written; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    currency_symbol: Value<String>,
    currency_after: Value<bool>,
    currency_code: Value<String>,
    decimal_separator: Value<String>,
    thousands_separator: Value<String>,
    date_format: Value<String>,
    working_days: Value<String>,
    week_start: Value<String>,
    satisfaction_check_days: Value<u32>,
    reorder_check_days: Value<u32>,
    cadence_ideal_days: Value<u32>,
    cadence_max_days: Value<u32>,
    segments: Value<BTreeMap<String, Spanned<SegmentFile>>>,
    new_cards_per_day: Value<u32>,
    theme: Value<String>,
    backups_kept: Value<u32>,
    objections: Value<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentFile {
    ideal_days: Value<u32>,
    max_days: Value<u32>,
}

/// 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// A refusal of `key`'s value at `span`: the line, the key, why, and what is accepted.
struct Checker<'a> {
    text: &'a str,
    sources: Sources,
}

impl Checker<'_> {
    fn refuse(&self, key: &str, span: std::ops::Range<usize>, why: &str) -> anyhow::Error {
        let line = line_at(self.text, span.start);
        anyhow!("line {line}: {key}: {why}; accepted: {}", accepted(key))
    }

    /// Unwraps a value, noting where it came from.
    fn take<T>(&mut self, key: &str, value: Value<T>) -> Option<(T, std::ops::Range<usize>)> {
        value.map(|v| {
            let span = v.span();
            self.sources.0.insert(key.to_string(), line_at(self.text, span.start));
            (v.into_inner(), span)
        })
    }

    /// A day count from `low` to `high`.
    fn days(&mut self, key: &str, value: Value<u32>, low: u32, high: u32, default: u32) -> Result<u32> {
        match self.take(key, value) {
            Some((v, _)) if (low..=high).contains(&v) => Ok(v),
            Some((v, span)) => Err(self.refuse(key, span, &format!("{v} is out of range"))),
            None => Ok(default),
        }
    }
}

/// toml's own refusal (syntax, a wrong type, an unknown key) in one line with its line
/// number and, where the line names one, the key and what it accepts.
fn syntax_error(text: &str, err: &toml::de::Error) -> anyhow::Error {
    let message = err.message().split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(span) = err.span() else { return anyhow!("{message}") };
    let line = line_at(text, span.start);
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    let trimmed = line_text.trim();
    let key = match trimmed.strip_prefix('[') {
        // A table header: `[currency_symbol]` where a value belongs.
        Some(header) => header.trim_start_matches('[').split(']').next().unwrap_or("").trim(),
        None => trimmed.split_once('=').map(|(k, _)| k.trim().trim_matches('"')).unwrap_or(""),
    };
    let known = super::keys::KEYS.iter().any(|k| k.name == key);
    if key.is_empty() || message.contains(key) {
        anyhow!("line {line}: {message}")
    } else if known {
        anyhow!("line {line}: {key}: {message}; accepted: {}", accepted(key))
    } else {
        anyhow!("line {line}: {}: {message}", one_line(key))
    }
}

pub(super) fn parse(text: &str) -> Result<(Config, Sources)> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| syntax_error(text, &e))?;
    let mut check = Checker { text, sources: Sources::default() };
    let mut config = Config::default();
    separators(&mut check, &file, &mut config)?;
    if let Some((symbol, span)) = check.take("currency_symbol", file.currency_symbol) {
        let length = symbol.chars().count();
        if !(1..=4).contains(&length) || symbol.chars().any(|c| c.is_control()) {
            let why = format!("'{}' is not 1 to 4 printable characters", one_line(&symbol));
            return Err(check.refuse("currency_symbol", span, &why));
        }
        config.currency.symbol = symbol;
    }
    if let Some((after, _)) = check.take("currency_after", file.currency_after) {
        config.currency.symbol_after = after;
    }
    if let Some((code, span)) = check.take("currency_code", file.currency_code) {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            let why = format!("'{}' is not a 3-letter ISO 4217 code", one_line(&code));
            return Err(check.refuse("currency_code", span, &why));
        }
        config.currency_code = code;
    }
    if let Some((format, span)) = check.take("date_format", file.date_format.clone()) {
        if let Err(why) = check_date_format(&format) {
            return Err(check.refuse("date_format", span, &why));
        }
        config.date_format = format;
    }
    if let Some((days, span)) = check.take("working_days", file.working_days) {
        config.working_days =
            WorkingDays::parse(&days).map_err(|e| check.refuse("working_days", span, &e.to_string()))?;
    }
    if let Some((start, span)) = check.take("week_start", file.week_start) {
        config.week_starts_monday = match start.to_ascii_lowercase().as_str() {
            "mon" | "monday" => true,
            "sun" | "sunday" => false,
            _ => return Err(check.refuse("week_start", span, &format!("'{}' is not a week start", one_line(&start)))),
        };
    }
    config.satisfaction_check_days = check.days("satisfaction_check_days", file.satisfaction_check_days, 1, 3650, 2)?;
    config.reorder_check_days = check.days("reorder_check_days", file.reorder_check_days, 1, 3650, 30)?;
    let ideal_span = file.cadence_ideal_days.as_ref().map(Spanned::span);
    config.cadence_ideal_days = check.days("cadence_ideal_days", file.cadence_ideal_days, 1, 3650, 30)?;
    let max_span = file.cadence_max_days.as_ref().map(Spanned::span).or(ideal_span);
    config.cadence_max_days = check.days("cadence_max_days", file.cadence_max_days, 1, 3650, 60)?;
    if config.cadence_max_days < config.cadence_ideal_days {
        let why = format!(
            "{} days is shorter than cadence_ideal_days ({} days)",
            config.cadence_max_days, config.cadence_ideal_days
        );
        return Err(check.refuse("cadence_max_days", max_span.unwrap_or(0..0), &why));
    }
    if let Some((segments, _)) = check.take("segments", file.segments) {
        config.segment_cadences = segment_cadences(&mut check, segments)?;
    }
    config.new_cards_per_day = check.days("new_cards_per_day", file.new_cards_per_day, 0, 1000, 10)?;
    config.backups_kept = check.days("backups_kept", file.backups_kept, 0, 1000, 7)?;
    config.no_color = match check.take("theme", file.theme) {
        None => false,
        Some((theme, _)) if theme == "default" => false,
        Some((theme, _)) if theme == "mono" => true,
        Some((theme, span)) => {
            return Err(check.refuse("theme", span, &format!("'{}' is not a theme", one_line(&theme))));
        }
    };
    if let Some((list, span)) = check.take("objections", file.objections) {
        config.objections = objection_list(list).map_err(|why| check.refuse("objections", span, &why))?;
    }
    check.sources.0.remove("segments");
    Ok((config, check.sources))
}

/// The seller's objection list: 1 to 30 distinct names (case aside), each one a storable objection.
fn objection_list(list: Vec<String>) -> Result<Vec<String>, String> {
    if list.is_empty() || list.len() > 30 {
        return Err(format!("{} names given", list.len()));
    }
    let mut out: Vec<String> = Vec::new();
    for name in list {
        let name = name.trim().to_string();
        crate::domain::objections::check_stored(&name).map_err(|e| format!("'{}' {e}", one_line(&name)))?;
        if name.contains(',') {
            return Err(format!("'{}' has a comma, which separates objections", one_line(&name)));
        }
        if out.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
            return Err(format!("'{}' is listed twice", one_line(&name)));
        }
        out.push(name);
    }
    Ok(out)
}

fn separators(check: &mut Checker<'_>, file: &ConfigFile, config: &mut Config) -> Result<()> {
    let decimal_span = file.decimal_separator.as_ref().map(Spanned::span);
    if let Some((decimal, span)) = check.take("decimal_separator", file.decimal_separator.clone()) {
        config.currency.separators.decimal = match decimal.as_str() {
            "." => '.',
            "," => ',',
            _ => {
                return Err(check.refuse(
                    "decimal_separator",
                    span,
                    &format!("'{}' is not . or ,", one_line(&decimal)),
                ));
            }
        };
    }
    let thousands_span = file.thousands_separator.as_ref().map(Spanned::span);
    if let Some((thousands, span)) = check.take("thousands_separator", file.thousands_separator.clone()) {
        config.currency.separators.thousands = match thousands.as_str() {
            "" => None,
            "," | "." | " " | "'" | "\u{a0}" | "\u{202f}" => thousands.chars().next(),
            _ => {
                let why = format!("'{}' is not a thousands separator", one_line(&thousands));
                return Err(check.refuse("thousands_separator", span, &why));
            }
        };
    } else if config.currency.separators.decimal == ',' {
        // `decimal_separator = ","` alone: the group separator steps aside.
        config.currency.separators.thousands = Some('.');
    }
    if config.currency.separators.thousands == Some(config.currency.separators.decimal) {
        let (key, span) = match thousands_span {
            Some(span) => ("thousands_separator", span),
            None => ("decimal_separator", decimal_span.unwrap_or(0..0)),
        };
        let why = format!("'{}' is also the decimal separator", config.currency.separators.decimal);
        return Err(check.refuse(key, span, &why));
    }
    Ok(())
}

/// A date format must be strftime that writes a whole date and reads back to it.
fn check_date_format(format: &str) -> Result<(), String> {
    if format.is_empty() || format.chars().count() > 40 || format.chars().any(char::is_control) {
        return Err(format!("'{}' is not 1 to 40 printable characters", one_line(format)));
    }
    let items = chrono::format::StrftimeItems::new(format)
        .parse()
        .map_err(|_| format!("'{}' has an unknown % code", one_line(format)))?;
    for sample in [(2026, 11, 27), (2027, 3, 4)] {
        let Some(date) = chrono::NaiveDate::from_ymd_opt(sample.0, sample.1, sample.2) else { continue };
        // A time code (%H) cannot show a date: formatting fails instead of panicking here.
        let mut shown = String::new();
        let written =
            std::fmt::Write::write_fmt(&mut shown, format_args!("{}", date.format_with_items(items.iter().cloned())));
        if written.is_err() || chrono::NaiveDate::parse_from_str(&shown, format).ok() != Some(date) {
            return Err(format!("'{}' does not show a whole date (day, month and year)", one_line(format)));
        }
    }
    Ok(())
}

fn segment_cadences(
    check: &mut Checker<'_>,
    segments: BTreeMap<String, Spanned<SegmentFile>>,
) -> Result<BTreeMap<String, Cadence>> {
    let mut out: BTreeMap<String, Cadence> = BTreeMap::new();
    for (name, table) in segments {
        let span = table.span();
        let key = format!("segments.{name}");
        check.sources.0.insert(key.clone(), line_at(check.text, span.start));
        if name.trim().is_empty() || name.chars().any(char::is_control) || name.chars().count() > 200 {
            bail!(check.refuse(&key, span, "a segment needs a printable name"));
        }
        if let Some(other) = out.keys().find(|k| fold(k) == fold(&name)) {
            let why = format!("names the same segment as segments.{other} (accents and case aside)");
            bail!(check.refuse(&key, span, &why));
        }
        let table = table.into_inner();
        let (Some(ideal), Some(max)) = (table.ideal_days, table.max_days) else {
            bail!(check.refuse(&key, span, "needs both ideal_days and max_days"));
        };
        let (ideal_span, max_span) = (ideal.span(), max.span());
        let (ideal, max) = (ideal.into_inner(), max.into_inner());
        if !(1..=3650).contains(&ideal) {
            bail!(check.refuse(&format!("{key}.ideal_days"), ideal_span, &format!("{ideal} is out of range")));
        }
        if !(1..=3650).contains(&max) {
            bail!(check.refuse(&format!("{key}.max_days"), max_span, &format!("{max} is out of range")));
        }
        if max < ideal {
            let why = format!("{max} days is shorter than ideal_days ({ideal} days)");
            bail!(check.refuse(&format!("{key}.max_days"), max_span, &why));
        }
        out.insert(name, Cadence { ideal_days: ideal, max_days: max });
    }
    Ok(out)
}
