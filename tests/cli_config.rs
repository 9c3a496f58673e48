//! `salescoach config path|show|init` and the refusals of every new key: the line, the
//! key and what is accepted, in one line, exit 2.

mod common;

use common::{config_home, salescoach};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn refused(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn path_names_the_file_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let default = config_home(&db).join("salescoach/config.toml");
    assert_eq!(stdout(salescoach(&db).args(["config", "path"])).trim(), default.display().to_string());
    let mine = dir.path().join("mine.toml");
    std::fs::write(&mine, "").unwrap();
    assert_eq!(
        stdout(salescoach(&db).arg("--config").arg(&mine).args(["config", "path"])).trim(),
        mine.display().to_string()
    );
    assert_eq!(
        stdout(salescoach(&db).env("SALESCOACH_CONFIG", &mine).args(["config", "path"])).trim(),
        mine.display().to_string()
    );
}

#[test]
fn init_writes_every_key_privately_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let path = config_home(&db).join("salescoach/config.toml");
    let said = stdout(salescoach(&db).args(["config", "init"]));
    assert!(said.contains(&path.display().to_string()), "{said}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    for key in salescoach::config::keys::KEYS {
        assert!(text.contains(&format!("\n{} = {}\n", key.name, key.default)), "{}", key.name);
    }
    assert!(text.contains("# [segments.cafe]"));
    assert_eq!(salescoach::config::Config::parse(&text).unwrap(), salescoach::config::Config::default());

    std::fs::write(&path, "theme = \"mono\"\n").unwrap();
    let err = refused(salescoach(&db).args(["config", "init"]));
    assert!(err.contains("already exists") && err.contains(&path.display().to_string()), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "theme = \"mono\"\n", "never over an existing file");

    // A --config path that does not exist yet is what init is for.
    let named = dir.path().join("named.toml");
    stdout(salescoach(&db).arg("--config").arg(&named).args(["config", "init"]));
    assert!(named.exists());
    assert!(!db.exists(), "config commands leave the database alone");
}

#[test]
fn show_gives_each_value_and_where_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let text = stdout(salescoach(&db).args(["config", "show"]));
    assert!(text.contains("not found"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("currency_code") && l.contains("\"USD\"") && l.ends_with("# default")),
        "{text}"
    );
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        "# mine\ncurrency_code = \"EUR\"\ndecimal_separator = \",\"\ndate_format = \"%d.%m.%Y\"\n\n[segments.\"Coffee shops\"]\nideal_days = 7\nmax_days = 21\n",
    )
    .unwrap();
    let text = stdout(salescoach(&db).arg("--config").arg(&config).args(["config", "show"]));
    let line =
        |key: &str| text.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{key}: {text}")).to_string();
    assert!(line("currency_code").contains("\"EUR\"") && line("currency_code").ends_with("# file, line 2"), "{text}");
    assert!(line("decimal_separator").ends_with("# file, line 3"));
    assert!(
        line("thousands_separator").contains("\".\"") && line("thousands_separator").ends_with("# default"),
        "{text}"
    );
    assert!(line("date_format").contains("%d.%m.%Y"));
    assert!(line("[segments.\"Coffee shops\"]").ends_with("# file, line 6"), "{text}");
    // What show prints is itself a config file meaning the same.
    let shown =
        salescoach::config::Config::parse(text.lines().skip(1).collect::<Vec<_>>().join("\n").as_str()).unwrap();
    assert_eq!(shown, salescoach::config::Config::parse(&std::fs::read_to_string(&config).unwrap()).unwrap());

    let json = common::json(salescoach(&db).arg("--config").arg(&config).args(["config", "show", "--json"]));
    let keys = json["keys"].as_array().unwrap();
    let code = keys.iter().find(|k| k["key"] == "currency_code").unwrap();
    assert_eq!(
        (code["value"].as_str(), code["source"].as_str(), code["line"].as_u64()),
        (Some("EUR"), Some("file"), Some(2))
    );
    let cards = keys.iter().find(|k| k["key"] == "new_cards_per_day").unwrap();
    assert_eq!((cards["value"].as_u64(), cards["source"].as_str()), (Some(10), Some("default")));
    assert_eq!(json["segments"][0]["segment"], "Coffee shops");
    assert_eq!(json["segments"][0]["max_days"], 21);
}

fn refusal_for(dir: &Path, text: &str) -> String {
    let config = dir.join("bad.toml");
    std::fs::write(&config, text).unwrap();
    let db = dir.join("shop.db");
    refused(salescoach(&db).arg("--config").arg(&config).arg("today"))
}

#[test]
fn every_new_key_is_refused_with_line_key_and_accepted_values() {
    let dir = tempfile::tempdir().unwrap();
    for (text, wanted) in [
        ("currency_code = \"euro\"", &["line 1", "currency_code", "ISO 4217"][..]),
        ("\n\ncurrency_code = 978", &["line 3", "currency_code", "ISO 4217"]),
        ("decimal_separator = \"·\"", &["line 1", "decimal_separator", "\".\" or \",\""]),
        ("decimal_separator = \",\"\nthousands_separator = \",\"", &["line 2", "thousands_separator", "decimal"]),
        ("thousands_separator = \"_\"", &["line 1", "thousands_separator", "for none"]),
        ("date_format = \"%d/%m\"", &["line 1", "date_format", "whole date", "%d.%m.%Y"]),
        ("date_format = \"%Q\"", &["line 1", "date_format", "strftime"]),
        ("date_format = \"\\u001b[31m%Y\"", &["line 1", "date_format"]),
        ("[segments.cafe]\nideal_days = 14", &["line 1", "segments.cafe", "max_days"]),
        (
            "[segments.cafe]\nideal_days = 40\nmax_days = 30",
            &["line 3", "segments.cafe.max_days", "not below ideal_days"],
        ),
        ("[segments.cafe]\nideal_days = 4000\nmax_days = 5000", &["line 2", "segments.cafe.ideal_days", "1 to 3650"]),
        ("[segments.cafe]\nideal = 4", &["line 2", "ideal", "ideal_days"]),
        ("[segments]\ncafe = 14", &["line 2", "cafe"]),
        ("backups_kept = -1", &["line 1", "backups_kept", "0 (no daily backup) to 1000"]),
        ("theme = \"neon\"", &["line 1", "theme", "\"mono\""]),
    ] {
        let err = refusal_for(dir.path(), text);
        for part in wanted {
            assert!(err.contains(part), "{text:?}: {err} lacks {part:?}");
        }
        assert!(err.contains("bad.toml"), "{err}");
        assert!(!err.trim_end().chars().any(char::is_control), "{err:?}");
    }
}

/// A German seller's file: amounts typed and shown as `1.234,50 €`, dates shown as
/// `04.03.2026`, a spreadsheet's `;` file read the same way, and scripts' `12.50` still read.
#[test]
fn separators_and_date_format_reach_typing_output_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let home = config_home(&db).join("salescoach");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        home.join("config.toml"),
        "currency_symbol = \"€\"\ncurrency_after = true\ndecimal_separator = \",\"\ndate_format = \"%d.%m.%Y\"\n\
         [segments.\"Café\"]\nideal_days = 3\nmax_days = 5\n",
    )
    .unwrap();
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "Name;Segment;Kunde seit\nAnna Berger;cafe;20.11.2026\n").unwrap();
    stdout(salescoach(&db).args(["import", "customers", "--map", "Kunde seit=created_on"]).arg(&people));
    let said = stdout(salescoach(&db).args([
        "sale",
        "add",
        "--customer",
        "Anna",
        "--amount",
        "1.234,50",
        "--date",
        "2026-11-20",
        "--no-followup",
    ]));
    assert!(said.contains("1.234,50 € on 20.11.2026"), "{said}");
    stdout(salescoach(&db).args([
        "sale",
        "add",
        "--customer",
        "Anna",
        "--amount",
        "12.50",
        "--date",
        "2026-11-21",
        "--no-followup",
    ]));
    let list = stdout(salescoach(&db).args(["sale", "list"]));
    assert!(list.contains("21.11.2026") && list.contains("12,50 €") && list.contains("1.247,00 €"), "{list}");
    let out = salescoach(&db).args(["sale", "add", "--customer", "Anna", "--amount", "1,500"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("amount") && err.contains("e.g. 1234,50 or 1.234,50"), "{err}");
    // Last sale 6 days ago: past the file's 5-day maximum for cafés, not the 60-day default.
    let today = stdout(salescoach(&db).arg("today"));
    assert!(today.contains("Anna Berger"), "{today}");
    let sheet = dir.path().join("sales.csv");
    std::fs::write(&sheet, "Kunde;Betrag;Datum\nAnna Berger;2.000,00;22.11.2026\n").unwrap();
    stdout(
        salescoach(&db)
            .args(["import", "sales", "--map", "Kunde=customer", "--map", "Betrag=amount", "--map", "Datum=date"])
            .arg(&sheet),
    );
    let sales = common::json(salescoach(&db).args(["sale", "list", "--json"]));
    let amounts: Vec<i64> = sales.as_array().unwrap().iter().map(|s| s["amount_minor"].as_i64().unwrap()).collect();
    assert!(amounts.contains(&200_000), "{sales}");
    let row = sales.as_array().unwrap().iter().find(|s| s["amount_minor"] == 200_000).unwrap();
    assert_eq!(row["sold_on"], "2026-11-22", "JSON keeps ISO dates");
}
