use super::keys::{KEYS, init_template};
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
         new_cards_per_day = 5\ntheme = \"mono\"\nbackups_kept = 3\ncurrency_code = \"EUR\"\n\
 decimal_separator = \",\"\nthousands_separator = \" \"\ndate_format = \"%d.%m.%Y\"\n\
         objections = [\"price\", \"Too far away\"]\n\
         [segments.cafe]\nideal_days = 14\nmax_days = 30\n[segments.\"Coffee shops\"]\nideal_days = 7\nmax_days = 7\n",
    )
    .unwrap();
    assert_eq!(config.currency.format(150), "1,50 €");
    assert_eq!(config.working_days, WorkingDays(63));
    assert!(!config.week_starts_monday);
    assert_eq!((config.satisfaction_check_days, config.reorder_check_days), (3, 45));
    assert_eq!((config.cadence_ideal_days, config.cadence_max_days), (10, 20));
    assert_eq!(config.new_cards_per_day, 5);
    assert!(config.no_color);
    assert_eq!(config.backups_kept, 3);
    assert_eq!(config.currency_code, "EUR");
    assert_eq!((config.currency.separators.decimal, config.currency.separators.thousands), (',', Some(' ')));
    assert_eq!(config.currency.format(123_456_789), "1 234 567,89 €");
    assert_eq!(config.format_date(NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()), "04.03.2026");
    assert_eq!(config.cadence_defaults().configured("Café"), Some(Cadence { ideal_days: 14, max_days: 30 }));
    assert_eq!(config.cadence_defaults().configured("coffee SHOPS"), Some(Cadence { ideal_days: 7, max_days: 7 }));
    assert_eq!(config.cadence_defaults().configured("Office"), None);
    assert_eq!(config.objections, ["price", "Too far away"]);
}

#[test]
fn segment_defaults_yield_to_the_database() {
    let config = Config::parse("[segments.cafe]\nideal_days = 14\nmax_days = 30\n").unwrap();
    let rules = config.cadence_defaults();
    let stored = Cadence { ideal_days: 3, max_days: 9 };
    assert_eq!(rules.for_segment("cafe", Some(stored)), stored);
    assert_eq!(rules.for_segment("cafe", None), Cadence { ideal_days: 14, max_days: 30 });
    assert_eq!(rules.for_segment("Office", None), config.default_cadence());
}

#[test]
fn separators_format_and_parse_alike() {
    let german = Config::parse("decimal_separator = \",\"\ncurrency_symbol = \"€\"\ncurrency_after = true").unwrap();
    assert_eq!(german.currency.separators.thousands, Some('.'), "the group separator steps aside");
    assert_eq!(german.currency.format(123_450), "1.234,50 €");
    assert_eq!(german.currency.format_whole(123_450), "1.235 €");
    assert_eq!(german.currency.format(-5), "-0,05 €");
    for (text, minor) in [("1.234,50", 123_450), ("1234,5", 123_450), ("EUR 12,00", 1_200), ("0,05 €", 5)] {
        assert_eq!(german.currency.parse(text), Ok(minor), "{text}");
    }
    assert_eq!(german.currency.parse("1.234"), Ok(123_400), "a group, not three decimals");
    let swiss = Config::parse("thousands_separator = \"'\"").unwrap();
    assert_eq!(swiss.currency.format(100_000_000), "$1'000'000.00");
    assert_eq!(swiss.currency.parse("1'000'000.00"), Ok(100_000_000));
    let none = Config::parse("thousands_separator = \"\"").unwrap();
    assert_eq!(none.currency.format(100_000_000), "$1000000.00");
    let usual = Config::default();
    for minor in [0, 5, 99, 123_450, 100_000_000] {
        for config in [&german, &swiss, &none, &usual] {
            assert_eq!(config.currency.parse(&config.currency.format(minor)), Ok(minor), "{minor} {config:?}");
        }
    }
}

#[test]
fn mistakes_name_the_line_the_key_and_what_is_accepted() {
    for (text, wanted) in [
        ("curency_symbol = \"$\"", &["line 1", "curency_symbol", "currency_symbol"][..]),
        ("\nworking_days = \"fri-mon\"", &["line 2", "working_days", "mon-fri"]),
        ("week_start = \"wed\"", &["line 1", "week_start", "\"sun\""]),
        ("reorder_check_days = 0", &["line 1", "reorder_check_days", "1 to 3650"]),
        ("reorder_check_days = 4000000000", &["line 1", "reorder_check_days"]),
        ("satisfaction_check_days = -1", &["line 1", "satisfaction_check_days", "1 to 3650"]),
        ("reorder_check_days = 1.5", &["line 1", "reorder_check_days", "1 to 3650"]),
        ("currency_symbol = \"\\u001b[31m$\"", &["line 1", "currency_symbol"]),
        ("new_cards_per_day = 5000", &["new_cards_per_day", "0 to 1000"]),
        ("cadence_ideal_days = 70", &["line 1", "cadence_max_days", "not below"]),
        ("theme = \"neon\"", &["line 1", "theme", "\"mono\""]),
        ("theme = 3", &["line 1", "theme", "\"mono\""]),
        ("backups_kept = 5000", &["backups_kept"]),
        ("currency_code = \"eur\"", &["line 1", "currency_code", "ISO 4217"]),
        ("currency_code = \"EURO\"", &["currency_code", "ISO 4217"]),
        ("currency_code = 978", &["currency_code", "ISO 4217"]),
        ("decimal_separator = \";\"", &["line 1", "decimal_separator", "\",\""]),
        ("decimal_separator = \",\"\nthousands_separator = \",\"", &["line 2", "thousands_separator", "decimal"]),
        ("thousands_separator = \"x\"", &["thousands_separator", "none"]),
        ("date_format = \"%Q\"", &["line 1", "date_format", "strftime"]),
        ("date_format = \"%Y\"", &["date_format", "whole date"]),
        ("date_format = \"%H:%M\"", &["date_format", "whole date"]),
        ("date_format = \"\"", &["date_format"]),
        ("[segments.cafe]\nideal_days = 14", &["line 1", "segments.cafe", "max_days"]),
        ("[segments.cafe]\nideal_days = 30\nmax_days = 14", &["line 3", "segments.cafe.max_days", "not below"]),
        ("[segments.cafe]\nideal_days = 0\nmax_days = 14", &["line 2", "segments.cafe.ideal_days", "1 to 3650"]),
        ("[segments.cafe]\nidea_days = 3", &["line 2", "idea_days", "ideal_days"]),
        (
            "[segments.cafe]\nideal_days = 3\nmax_days = 4\n[segments.\"CAFÉ\"]\nideal_days = 3\nmax_days = 4",
            &["CAFÉ", "same segment"],
        ),
        ("segments = 3", &["line 1", "segments"]),
        ("[currency_symbol]\nx = 1", &["line 1", "currency_symbol", "printable"]),
        ("currency_symbol = \"$", &["line 1"]),
        ("objections = []", &["line 1", "objections", "0 names given", "1 to 30"]),
        ("\nobjections = [\"price\", \"Price\"]", &["line 2", "objections", "'Price' is listed twice"]),
        ("objections = [\"price, timing\"]", &["objections", "comma"]),
        ("objections = [\"  \"]", &["objections", "is empty"]),
        ("objections = [\"bad\\u001b[2J\"]", &["objections", "control characters"]),
        ("objections = \"price\"", &["line 1", "objections"]),
    ] {
        let err = format!("{:#}", Config::parse(text).unwrap_err());
        for part in wanted {
            assert!(err.contains(part), "{text:?}: {err} lacks {part:?}");
        }
        assert!(!err.contains('\n'), "{text:?}: {err:?}");
    }
}

#[test]
fn sources_give_the_line_of_each_key_set() {
    let (_, sources) =
        file::parse("# comment\ntheme = \"mono\"\n\n[segments.cafe]\nideal_days = 1\nmax_days = 2\n").unwrap();
    assert_eq!(sources.line_of("theme"), Some(2));
    assert_eq!(sources.line_of("segments.cafe"), Some(4));
    assert_eq!(sources.line_of("backups_kept"), None);
}

#[test]
fn the_key_table_matches_the_entries() {
    let names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
    let entries = Config::default().entries();
    assert_eq!(names, entries.iter().map(|(k, _)| *k).collect::<Vec<_>>());
    for (key, (_, value)) in KEYS.iter().zip(&entries) {
        assert_eq!(key.default, value, "{}", key.name);
    }
}

#[test]
fn the_init_template_reads_back_as_the_defaults() {
    let text = init_template();
    assert_eq!(Config::parse(&text).unwrap(), Config::default());
    let uncommented = text
        .replace("# [segments.cafe]", "[segments.cafe]")
        .replace("# ideal_days", "ideal_days")
        .replace("# max_days", "max_days");
    assert_eq!(
        Config::parse(&uncommented).unwrap().cadence_defaults().configured("cafe"),
        Some(Cadence { ideal_days: 14, max_days: 30 })
    );
    for key in KEYS {
        assert!(text.contains(&format!("\n{} = ", key.name)), "{}", key.name);
    }
}

#[test]
fn entries_read_back() {
    let config =
        Config::parse("working_days = \"mon,wed,fri\"\ndecimal_separator = \",\"\nthousands_separator = \"\"").unwrap();
    let text: String = config.entries().iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
    assert_eq!(Config::parse(&text).unwrap(), config);
}
