//! CSV import from the outside: the fixtures in tests/fixtures/import (clean files in several
//! dialects and scripts, and one file per malformation), duplicates on re-run, --merge,
//! --dry-run, --map, and all-or-nothing on a generated 10,000-row file.

mod common;

use common::{json, salescoach};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn import(db: &Path, kind: &str, file: &Path, extra: &[&str]) -> serde_json::Value {
    json(salescoach(db).args(["import", kind, "--json"]).args(extra).arg(file))
}

fn query<T: rusqlite::types::FromSql>(db: &Path, sql: &str) -> Vec<T> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn count(db: &Path, table: &str) -> i64 {
    query::<i64>(db, &format!("SELECT count(*) FROM {table}"))[0]
}

/// The refusal: exit 2, stderr lines without the `salescoach: ` prefix.
fn refused(cmd: &mut assert_cmd::Command) -> Vec<String> {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    err.lines().map(|l| l.strip_prefix("salescoach: ").unwrap_or(l).to_string()).collect()
}

/// Customers, products, the log and follow-ups from the clean fixtures, in order.
fn clean_business(dir: &Path) -> PathBuf {
    let db = dir.join("shop.db");
    let report = import(&db, "customers", &fixture("customers.csv"), &[]);
    assert_eq!((report["created"].as_i64(), report["skipped"].as_i64()), (Some(5), Some(0)), "{report}");
    assert_eq!(import(&db, "products", &fixture("products.csv"), &[])["created"], 3);
    assert_eq!(import(&db, "sales", &fixture("sales.csv"), &[])["created"], 4);
    assert_eq!(import(&db, "interactions", &fixture("interactions.csv"), &[])["created"], 5);
    assert_eq!(import(&db, "followups", &fixture("followups.csv"), &[])["created"], 3);
    db
}

#[test]
fn clean_files_import_with_synonyms_and_every_script() {
    let dir = tempfile::tempdir().unwrap();
    let db = clean_business(dir.path());
    let names: Vec<String> = query(&db, "SELECT name FROM customers ORDER BY id");
    assert_eq!(names, ["Jiří Dvořák", "Jörg Müller", "山田 太郎", "Zoë 🎉 Party", "Ana Lima"]);
    let notes: Vec<String> = query(&db, "SELECT notes FROM customers WHERE id = 2");
    assert_eq!(notes[0], "Orders on Mondays, \"always\" by phone\nSecond line of the note");
    let since: Vec<String> = query(&db, "SELECT created_on FROM customers ORDER BY id");
    assert_eq!(since, ["2026-01-12", "2025-11-03", "2026-03-01", "2026-06-30", "2026-11-27"]);
    let tags: Vec<String> = query(&db, "SELECT tags FROM customers WHERE id = 1");
    assert_eq!(tags[0], "espresso, wholesale");
    let prices: Vec<i64> = query(&db, "SELECT price_minor FROM products ORDER BY id");
    assert_eq!(prices, [489_000, 1250, 123_400]);
    // Sales name customers by name, #id and company, and move the last contact on.
    let sales: Vec<String> = query(
        &db,
        "SELECT customer_id || ' ' || product_id || ' ' || quantity || ' ' || amount_minor || ' ' || sold_on FROM sales WHERE product_id IS NOT NULL ORDER BY id",
    );
    assert_eq!(sales, ["1 1 1 489000 2026-11-02", "2 2 10 12500 2026-11-10", "3 3 2 246800 2026-11-20"]);
    assert_eq!(
        query::<String>(&db, "SELECT sold_on FROM sales WHERE customer_id = 5"),
        ["2026-11-26"],
        "yesterday, as the CLI reads it"
    );
    assert_eq!(query::<String>(&db, "SELECT last_contact_on FROM customers WHERE id = 1"), ["2026-11-21"]);
    let lost: Vec<String> = query(&db, "SELECT lost_reason FROM interactions WHERE outcome = 'lost'");
    assert_eq!(lost, ["Price too high"]);
    let technique: Vec<String> =
        query(&db, "SELECT t.name FROM interactions i JOIN techniques t ON t.id = i.technique_id");
    assert_eq!(technique, ["Live demo"]);
    let followups: Vec<String> = query(
        &db,
        "SELECT kind || ' ' || due_on || ' ' || coalesce(due_time, '-') || ' ' || coalesce(recur_every || recur_unit, '-') FROM followups ORDER BY id",
    );
    assert_eq!(followups, ["quote 2026-12-01 09:30 -", "stay_in_touch 2026-12-07 - 1month", "other 2026-11-28 - -"]);
    // The log reads them back.
    let log = json(salescoach(&db).args(["interaction", "list", "--customer", "Jiří", "--json"]));
    assert_eq!(log.as_array().unwrap().len(), 3);
}

#[test]
fn a_bom_semicolons_crlf_and_tabs_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    assert_eq!(import(&db, "customers", &fixture("customers_bom_semicolon.csv"), &[])["created"], 2);
    assert_eq!(import(&db, "customers", &fixture("customers_tab.tsv"), &[])["created"], 2);
    let rows: Vec<String> =
        query(&db, "SELECT name || '|' || company || '|' || region || '|' || industry FROM customers ORDER BY id");
    assert_eq!(
        rows,
        [
            "Eva Nováková|Pekárna; Brno|Morava|",
            "Klaus Weiß|Weiß & Söhne|Bayern|",
            "Priya Shah|||Textiles",
            "Lars Øberg|||Fishing"
        ]
    );
}

#[test]
fn formula_cells_are_stored_as_text_and_escaped_on_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    import(&db, "customers", &fixture("customers_formulas.csv"), &[]);
    let rows: Vec<String> =
        query(&db, "SELECT name || '|' || company || '|' || phone || '|' || notes FROM customers ORDER BY id");
    assert_eq!(
        rows,
        [
            "=HYPERLINK(\"http://evil.example\")|@SUM(A1:A9)|+420 601 000 111|-5% discount agreed",
            "Plain Person|=1+1|+1 555 0100|=cmd|' /C calc'!A0",
        ]
    );
    let out = dir.path().join("csv");
    salescoach(&db).args(["export", "--format", "csv", "--out"]).arg(&out).assert().success();
    let text = fs::read_to_string(out.join("customers.csv")).unwrap();
    for escaped in [
        "\"'=HYPERLINK(\"\"http://evil.example\"\")\"",
        "'@SUM(A1:A9)",
        "'+420 601 000 111",
        "'-5% discount agreed",
        "'=1+1",
        "'=cmd|' /C calc'!A0",
    ] {
        assert!(text.contains(escaped), "{escaped} in {text}");
    }
    // and they come back as the same text
    let again = dir.path().join("again.db");
    import(&again, "customers", &out.join("customers.csv"), &[]);
    assert_eq!(
        query::<String>(
            &again,
            "SELECT name || '|' || company || '|' || phone || '|' || notes FROM customers ORDER BY id"
        ),
        rows
    );
}

#[test]
fn importing_the_same_files_again_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = clean_business(dir.path());
    let before: Vec<i64> =
        ["customers", "products", "sales", "interactions", "followups"].iter().map(|t| count(&db, t)).collect();
    for (kind, file, rows) in [
        ("customers", "customers.csv", 5),
        ("products", "products.csv", 3),
        ("sales", "sales.csv", 4),
        ("interactions", "interactions.csv", 5),
        ("followups", "followups.csv", 3),
    ] {
        let report = import(&db, kind, &fixture(file), &[]);
        assert_eq!((report["created"].as_i64(), report["skipped"].as_i64()), (Some(0), Some(rows)), "{kind}: {report}");
    }
    let after: Vec<i64> =
        ["customers", "products", "sales", "interactions", "followups"].iter().map(|t| count(&db, t)).collect();
    assert_eq!(before, after);
    // Why each was skipped, by line.
    let report = import(&db, "customers", &fixture("customers.csv"), &[]);
    assert_eq!(report["rows"][0]["line"], 2);
    assert_eq!(report["rows"][0]["why"], "same email as #1 Jiří Dvořák");
    assert_eq!(report["rows"][1]["line"], 3, "a quoted line break does not shift the count");
    assert_eq!(report["rows"][2]["line"], 5);
    assert_eq!(report["rows"][3]["why"], "same name and company as #4 Zoë 🎉 Party");
    // Accents and case aside: "JIRI DVORAK" of "kavarna u zlateho jelena" is the same customer.
    let file = dir.path().join("shouting.csv");
    fs::write(&file, "Name,Company\nJIRI DVORAK,kavarna u zlateho jelena\n").unwrap();
    assert_eq!(import(&db, "customers", &file, &[])["skipped"], 1);
}

#[test]
fn merge_updates_from_non_empty_cells_and_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = clean_business(dir.path());
    let file = dir.path().join("update.csv");
    fs::write(
        &file,
        "Email,Name,Phone,Segment\nJIRI@kavarna.example.cz,Jiří Dvořák,+420 999,\nnew@example.com,New Person,,\n",
    )
    .unwrap();
    let plain = import(&db, "customers", &file, &[]);
    assert_eq!(
        (plain["created"].as_i64(), plain["skipped"].as_i64(), plain["updated"].as_i64()),
        (Some(1), Some(1), Some(0))
    );
    assert_eq!(query::<String>(&db, "SELECT phone FROM customers WHERE id = 1"), ["+420 777 123 456"]);
    let merged = import(&db, "customers", &file, &["--merge"]);
    assert_eq!(
        (merged["created"].as_i64(), merged["updated"].as_i64(), merged["skipped"].as_i64()),
        (Some(0), Some(1), Some(1)),
        "{merged}"
    );
    assert_eq!(
        query::<String>(&db, "SELECT phone || '|' || segment FROM customers WHERE id = 1"),
        ["+420 999|Café"],
        "the empty segment cell keeps the stored one"
    );
    let again = import(&db, "customers", &file, &["--merge"]);
    assert_eq!(again["updated"], 0, "nothing left to change: {again}");
    // Products merge by name; the log kinds have nothing to merge.
    let prices = dir.path().join("prices.csv");
    fs::write(&prices, "name,price\nlever pro,4990\n").unwrap();
    assert_eq!(import(&db, "products", &prices, &["--merge"])["updated"], 1);
    assert_eq!(query::<i64>(&db, "SELECT price_minor FROM products WHERE id = 1"), [499_000]);
    let err = refused(salescoach(&db).args(["import", "sales", "--merge"]).arg(fixture("sales.csv")));
    assert!(err[0].starts_with("--merge: applies to customers and products"), "{err:?}");
}

#[test]
fn dry_run_reports_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    salescoach(&db).arg("today").assert().success();
    let report = import(&db, "customers", &fixture("customers.csv"), &["--dry-run"]);
    assert_eq!((report["created"].as_i64(), report["dry_run"].as_bool()), (Some(5), Some(true)));
    assert_eq!(report["columns"][1], serde_json::json!({"column": "E-mail", "field": "email"}));
    assert_eq!(count(&db, "customers"), 0);
    let out =
        salescoach(&db).args(["import", "customers", "--dry-run"]).arg(fixture("customers.csv")).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("customers: 5 created, 0 updated, 0 skipped (dry run: nothing was saved)"), "{text}");
    assert!(text.contains("Full name → name, E-mail → email"), "{text}");
}

#[test]
fn map_names_a_column_the_synonyms_do_not_know() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let file = dir.path().join("odd.csv");
    fs::write(&file, "Kontakt,Handy,Created by\nUte Berg,+49 170 1,admin\n").unwrap();
    let err = refused(salescoach(&db).args(["import", "customers"]).arg(&file));
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].contains("odd.csv: line 1: columns 'Kontakt', 'Handy', 'Created by' (3 in all, from column 1) are not customer fields"), "{err:?}");
    let report = import(
        &db,
        "customers",
        &file,
        &["--map", "Kontakt=name", "--map", "handy=phone", "--map", "Created by=ignore"],
    );
    assert_eq!(report["created"], 1);
    assert_eq!(query::<String>(&db, "SELECT name || '|' || phone FROM customers"), ["Ute Berg|+49 170 1"]);
}

fn dump(db: &Path) -> Vec<u8> {
    let out = salescoach(db).args(["export", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn each_malformation_is_refused_with_its_line_and_column_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = clean_business(dir.path());
    let before = dump(&db);
    let cases: &[(&str, &str, &str)] = &[
        (
            "customers",
            "bad_email.csv",
            "line 3, column Email: 'bad@' is not an address like name@example.com; nothing was imported",
        ),
        ("customers", "bad_date.csv", "line 3, column Customer since: '01/02/2026' is not a date; use YYYY-MM-DD"),
        (
            "sales",
            "bad_money.csv",
            "line 2, column Total: has more than two decimals; use digits with an optional . and two decimals",
        ),
        ("sales", "future_sale.csv", "line 2, column Date: 2027-01-01 is in the future"),
        ("sales", "unknown_customer.csv", "line 2, column Customer: no customer matches 'Nobody At All'"),
        (
            "customers",
            "unknown_column.csv",
            "line 1, column Shoe size: is not a customer field; accepted: id, name, first_name",
        ),
        (
            "customers",
            "missing_name.csv",
            "line 1: no column for a name (Name, Full name, or First name and Last name); the columns are: Email, Phone",
        ),
        (
            "customers",
            "duplicate_column.csv",
            "line 1, column E-mail: means email like column 2 (Email); --map one of them to ignore",
        ),
        ("customers", "wrong_cell_count.csv", "line 2: has 3 cells but the header names 2 columns"),
        (
            "customers",
            "unclosed_quote.csv",
            "line 2: a quoted cell opened here is never closed; the file may be cut short",
        ),
        ("customers", "invalid_utf8.csv", "line 2: byte 0xE9 is not UTF-8 text; save the file as UTF-8"),
        ("customers", "utf16.csv", "line 1: is UTF-16 text; save it as UTF-8"),
    ];
    for (kind, file, wanted) in cases {
        let err = refused(salescoach(&db).args(["import", kind]).arg(fixture(file)));
        assert_eq!(err.len(), 1, "{file}: {err:?}");
        assert!(err[0].starts_with(&format!("{}: ", fixture(file).display())), "{file}: {err:?}");
        assert!(err[0].contains(wanted), "{file}: wanted {wanted:?} in {err:?}");
        assert_eq!(dump(&db), before, "{file} changed the database");
    }
}

#[test]
fn every_problem_of_every_row_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let err = refused(salescoach(&db).args(["import", "customers"]).arg(fixture("many_errors.csv")));
    let file = fixture("many_errors.csv").display().to_string();
    let expected = [
        format!("{file}: line 3, column Name: is required"),
        format!("{file}: line 3, column Email: 'no-at-sign' is not an address like name@example.com"),
        format!(
            "{file}: line 3, column Customer since: '2026-13-01' is not a date; use YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w, +1m, a weekday (fri), next fri or last fri"
        ),
        format!("{file}: line 3, column Ideal days: '0' is not a whole number from 1 to 36500"),
        format!(
            "{file}: line 4, column Customer since: 2026-11-29 is in the future; log things on or after the day they happen"
        ),
        format!("{file}: line 5, column Email: 'cy@@example.com' is not an address like name@example.com"),
        format!("{file}: line 5, column Ideal days: 'x' is not a whole number from 1 to 36500"),
        format!("{file}: 7 problems; nothing was imported"),
    ];
    let mut got = err.clone();
    got[..7].sort();
    let mut wanted: Vec<String> = expected.to_vec();
    wanted[..7].sort();
    assert_eq!(got, wanted);
    assert_eq!(count(&db, "customers"), 0);
}

/// 10,000 customers whose last row is bad: nothing lands; fixed, all land; again, none.
#[test]
fn ten_thousand_rows_are_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    salescoach(&db).args(["customer", "add", "--name", "Already Here"]).assert().success();
    let mut text = String::from("Name,Email,Company,Segment,Customer since\n");
    for i in 0..9_999 {
        text.push_str(&format!(
            "Customer {i},c{i}@example.com,Company {},Segment {},2026-01-{:02}\n",
            i % 97,
            i % 7,
            i % 28 + 1
        ));
    }
    let good_last = "Customer 9999,c9999@example.com,Company 1,Segment 1,2026-01-01\n";
    let bad = dir.path().join("bad.csv");
    fs::write(&bad, format!("{text}Customer 9999,c9999@example,Company 1,Segment 1,2026-01-01\n")).unwrap();
    let err = refused(salescoach(&db).args(["import", "customers"]).arg(&bad));
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].contains("line 10001, column Email: 'c9999@example' is not an address"), "{err:?}");
    assert_eq!(count(&db, "customers"), 1, "the 9,999 good rows were rolled back with the bad one");
    let good = dir.path().join("good.csv");
    fs::write(&good, format!("{text}{good_last}")).unwrap();
    assert_eq!(import(&db, "customers", &good, &[])["created"], 10_000);
    assert_eq!(count(&db, "customers"), 10_001);
    let again = import(&db, "customers", &good, &[]);
    assert_eq!((again["created"].as_i64(), again["skipped"].as_i64()), (Some(0), Some(10_000)));
    let text_out = salescoach(&db).args(["import", "customers"]).arg(&good).output().unwrap();
    let text_out = String::from_utf8(text_out.stdout).unwrap();
    assert!(text_out.contains("… and 9980 more (--json lists them all)"), "{text_out}");
}
