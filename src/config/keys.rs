//! Every config key as data: its default as TOML, what it accepts and what it does.
//! `config init` writes the file from this table and `config show` walks it, so neither
//! can forget a key (a test checks the table against `Config::entries`).

use super::Config;
use crate::domain::goal::WorkingDays;

pub struct Key {
    pub name: &'static str,
    /// The default, written as TOML.
    pub default: &'static str,
    /// What the key accepts, as said in errors.
    pub accepted: &'static str,
    /// One line on what it does, for the commented file.
    pub about: &'static str,
}

pub const KEYS: &[Key] = &[
    Key {
        name: "currency_symbol",
        default: "\"$\"",
        accepted: "1 to 4 printable characters, e.g. \"$\", \"€\", \"kr\"",
        about: "The sign shown with amounts.",
    },
    Key {
        name: "currency_after",
        default: "false",
        accepted: "true or false",
        about: "true shows the sign after the number (12.00 €).",
    },
    Key {
        name: "currency_code",
        default: "\"USD\"",
        accepted: "a 3-letter ISO 4217 code in capitals, e.g. \"EUR\"",
        about: "The currency's ISO 4217 code, for exports and where a sign alone is ambiguous.",
    },
    Key {
        name: "decimal_separator",
        default: "\".\"",
        accepted: "\".\" or \",\"",
        about: "Between whole units and cents when amounts are shown and typed.",
    },
    Key {
        name: "thousands_separator",
        default: "\",\"",
        accepted: "\",\", \".\", \" \", \"'\", a no-break space, or \"\" for none (not the decimal separator)",
        about: "Between groups of three digits (defaults to \".\" when decimal_separator is \",\").",
    },
    Key {
        name: "date_format",
        default: "\"%Y-%m-%d\"",
        accepted: "a chrono strftime format showing day, month and year, e.g. \"%d.%m.%Y\" or \"%m/%d/%Y\"",
        about: "How dates are shown (typing still accepts 2026-12-01, today, +3d, fri ...).",
    },
    Key {
        name: "working_days",
        default: "\"mon-fri\"",
        accepted: "a day list like \"mon-fri\", \"mon-sat\", \"mon,wed,fri\" or \"all\"",
        about: "Days that count for \"per day\" rates and buffer days.",
    },
    Key {
        name: "week_start",
        default: "\"mon\"",
        accepted: "\"mon\" or \"sun\"",
        about: "First day of the week in reports.",
    },
    Key {
        name: "satisfaction_check_days",
        default: "2",
        accepted: "a whole number of days from 1 to 3650",
        about: "A sale schedules a satisfaction check this many days later.",
    },
    Key {
        name: "reorder_check_days",
        default: "30",
        accepted: "a whole number of days from 1 to 3650",
        about: "... and a reorder/referral check this many days later.",
    },
    Key {
        name: "cadence_ideal_days",
        default: "30",
        accepted: "a whole number of days from 1 to 3650",
        about: "Stay in touch: the ideal gap between contacts (amber after it).",
    },
    Key {
        name: "cadence_max_days",
        default: "60",
        accepted: "a whole number of days from 1 to 3650, not below cadence_ideal_days",
        about: "Stay in touch: the longest gap (red after it).",
    },
    Key {
        name: "new_cards_per_day",
        default: "10",
        accepted: "a whole number from 0 to 1000",
        about: "New flashcards introduced per day.",
    },
    Key {
        name: "theme",
        default: "\"default\"",
        accepted: "\"default\" or \"mono\"",
        about: "\"mono\" draws without colour (as NO_COLOR does).",
    },
    Key {
        name: "backups_kept",
        default: "7",
        accepted: "a whole number from 0 (no daily backup) to 1000",
        about: "Automatic backups kept beside the database.",
    },
    Key {
        name: "objections",
        default: "[\"price\", \"timing\", \"need\", \"trust\", \"competitor\", \"authority\"]",
        accepted: "a list of 1 to 30 distinct names, each up to 60 characters without commas",
        about: "Objections the log offers (anything else typed is kept as your own words).",
    },
];

const SEGMENTS_ACCEPTED: &str =
    "[segments.NAME] with ideal_days and max_days, whole days from 1 to 3650, max_days not below ideal_days";

/// What `key` accepts, for an error message.
pub fn accepted(key: &str) -> &'static str {
    if key == "segments" || key.starts_with("segments.") {
        return SEGMENTS_ACCEPTED;
    }
    KEYS.iter().find(|k| k.name == key).map_or("see salescoach config init", |k| k.accepted)
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A segment name as a TOML key: bare when it can be, quoted otherwise.
pub fn segment_key(name: &str) -> String {
    let bare = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { name.to_string() } else { quoted(name) }
}

impl Config {
    /// Every top-level key with its value as TOML, in the order of [`KEYS`].
    pub fn entries(&self) -> Vec<(&'static str, String)> {
        let days = |n: u32| n.to_string();
        let thousands = self.currency.separators.thousands.map(String::from).unwrap_or_default();
        vec![
            ("currency_symbol", quoted(&self.currency.symbol)),
            ("currency_after", self.currency.symbol_after.to_string()),
            ("currency_code", quoted(&self.currency_code)),
            ("decimal_separator", quoted(&self.currency.separators.decimal.to_string())),
            ("thousands_separator", quoted(&thousands)),
            ("date_format", quoted(&self.date_format)),
            ("working_days", quoted(&working_days_text(self.working_days))),
            ("week_start", quoted(if self.week_starts_monday { "mon" } else { "sun" })),
            ("satisfaction_check_days", days(self.satisfaction_check_days)),
            ("reorder_check_days", days(self.reorder_check_days)),
            ("cadence_ideal_days", days(self.cadence_ideal_days)),
            ("cadence_max_days", days(self.cadence_max_days)),
            ("new_cards_per_day", days(self.new_cards_per_day)),
            ("theme", quoted(if self.no_color { "mono" } else { "default" })),
            ("backups_kept", days(self.backups_kept)),
            (
                "objections",
                toml::Value::Array(self.objections.iter().cloned().map(toml::Value::String).collect()).to_string(),
            ),
        ]
    }
}

/// `mon-fri`, `mon,wed,fri` or `all`, as the file accepts it.
fn working_days_text(days: WorkingDays) -> String {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    if days.0 & 0b111_1111 == 0b111_1111 {
        return "all".into();
    }
    let on: Vec<usize> = (0..7).filter(|i| days.0 & (1 << i) != 0).collect();
    let contiguous = on.windows(2).all(|w| w[1] == w[0] + 1);
    match (on.first(), on.last()) {
        (Some(&first), Some(&last)) if contiguous && on.len() > 2 => format!("{}-{}", NAMES[first], NAMES[last]),
        _ => on.iter().map(|&i| NAMES[i]).collect::<Vec<_>>().join(","),
    }
}

/// The commented file `config init` writes: every key at its default.
pub fn init_template() -> String {
    let mut out = String::from(
        "# salescoach settings. Every key is shown at its default; change a value or delete the\n\
         # line to keep the default. `salescoach config show` prints what is in force.\n\n",
    );
    for key in KEYS {
        out.push_str(&format!("# {}\n# Accepts {}.\n{} = {}\n\n", key.about, key.accepted, key.name, key.default));
    }
    out.push_str(
        "# Default stay-in-touch gaps per customer segment, used when the segment has none set\n\
         # with `salescoach customer cadence`. Segment names match accents and case aside;\n\
         # quote names with spaces: [segments.\"Coffee shops\"].\n\
         # [segments.cafe]\n\
         # ideal_days = 14\n\
         # max_days = 30\n",
    );
    out
}
