//! Export and restore: the JSON dump holds every table and restores byte for byte; the CSV
//! export reads back through the CSV import; every file is private; the interaction log.

mod common;

use common::{json, salescoach};
use std::fs;
use std::path::Path;

fn demo_db(dir: &Path, name: &str) -> std::path::PathBuf {
    let db = dir.join(name);
    salescoach(&db).arg("demo").assert().success();
    salescoach(&db).arg("today").assert().success();
    db
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn stdout(cmd: &mut assert_cmd::Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn json_export_restores_into_an_empty_database_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    // Reviewed cards carry FSRS reals with every digit; a refund and a goal entry join in.
    salescoach(&db).args(["cards", "review"]).write_stdin("\n3\n\n4\n\n1\n\n2\n\n3\nq\n").assert().success();
    salescoach(&db).args(["sale", "refund", "1", "--amount", "10"]).assert().success();
    let first = dir.path().join("first.json");
    salescoach(&db).args(["export", "--format", "json", "--out"]).arg(&first).assert().success();
    assert_eq!(mode(&first), 0o600);
    let text = fs::read_to_string(&first).unwrap();
    assert!(text.contains("\"format\": \"salescoach-export\""));
    let dump: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(!dump["tables"]["card_reviews"]["rows"].as_array().unwrap().is_empty(), "reviews are in the export");
    let stability =
        dump["tables"]["flashcards"]["columns"].as_array().unwrap().iter().position(|c| c == "stability").unwrap();
    let reals: Vec<f64> = dump["tables"]["flashcards"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[stability].as_f64().unwrap())
        .collect();
    assert!(reals.iter().any(|x| x.fract() != 0.0), "{reals:?}");

    let fresh = dir.path().join("fresh.db");
    salescoach(&fresh).args(["import", "json"]).arg(&first).assert().success();
    let second = stdout(salescoach(&fresh).args(["export", "--format", "json"]));
    assert!(second == text.as_bytes(), "the second export differs from the first");
    // `--out -` is stdout too.
    assert_eq!(stdout(salescoach(&fresh).args(["export", "--format", "json", "--out", "-"])), text.as_bytes());

    // The full-text index was rebuilt: customers, products and notes are found again.
    let hits = json(salescoach(&fresh).args(["search", "lever", "--json"]));
    assert!(!hits.as_array().unwrap().is_empty(), "{hits}");
    let hits = json(salescoach(&fresh).args(["search", "marta", "--json"]));
    assert!(!hits.as_array().unwrap().is_empty(), "{hits}");
    // A restored file is whole: the check finds nothing wrong.
    salescoach(&fresh).arg("check").assert().success();
}

#[test]
fn json_restore_inserts_goal_entries_after_their_goal_and_keeps_what_a_trigger_would_move() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    // goal_entries comes before goals in the file, and a trigger refuses an entry whose
    // goal is not (yet) a custom one.
    salescoach(&db)
        .args(["goal", "add", "--title", "Demos", "--metric", "custom", "--target", "10"])
        .args(["--start", "2026-11-01", "--deadline", "2026-12-31", "--unit", "demos"])
        .assert()
        .success();
    salescoach(&db).args(["goal", "log", "4", "3"]).assert().success();
    // A last contact older than the customer's sales: restoring a sale would move it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE customers SET last_contact_on = created_on WHERE id = 1", []).unwrap();
    drop(conn);
    let file = dir.path().join("x.json");
    salescoach(&db).args(["export", "--format", "json", "--out"]).arg(&file).assert().success();
    let text = fs::read(&file).unwrap();
    assert!(String::from_utf8_lossy(&text).contains("[1, 4, \"2026-11-27\", 3, \"\"]"));
    let fresh = dir.path().join("fresh.db");
    salescoach(&fresh).args(["import", "json"]).arg(&file).assert().success();
    assert!(stdout(salescoach(&fresh).args(["export", "--format", "json"])) == text, "the exports differ");
    salescoach(&fresh).arg("check").assert().success();
}

#[test]
fn a_json_restore_refused_late_in_the_file_leaves_an_empty_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    let text = String::from_utf8(stdout(salescoach(&db).args(["export", "--format", "json"]))).unwrap();
    // The last table's first row breaks a CHECK (a blank name) after every other table was
    // inserted.
    let at = text.rfind("\"techniques\"").unwrap();
    let row = at + text[at..].find("\n        [1, \"").unwrap() + 1;
    let name_end = row + 13 + text[row + 13..].find('"').unwrap();
    let bad = format!("{}[1, \" {}", &text[..row], &text[name_end..]);
    let line = bad[..row].lines().count() + 1;
    let file = dir.path().join("late.json");
    fs::write(&file, &bad).unwrap();
    let fresh = dir.path().join("fresh.db");
    salescoach(&fresh).arg("today").assert().success();
    let before = common::dump(&fresh);
    let out = salescoach(&fresh).args(["import", "json"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("late.json: line {line}: techniques: CHECK constraint failed")), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(common::dump(&fresh) == before, "the refused restore changed the database");
}

#[test]
fn an_export_of_an_older_schema_with_the_same_tables_restores_and_a_newer_one_is_refused() {
    use salescoach::domain::dump::SAME_TABLES_SINCE;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    let text = String::from_utf8(stdout(salescoach(&db).args(["export", "--format", "json"]))).unwrap();
    let latest = format!("\"schema\": {}", salescoach::store::latest_version());
    assert!(text.contains(&latest), "{}", &text[..200]);
    let older = dir.path().join("older.json");
    fs::write(&older, text.replacen(&latest, &format!("\"schema\": {SAME_TABLES_SINCE}"), 1)).unwrap();
    let fresh = dir.path().join("fresh.db");
    salescoach(&fresh).args(["import", "json"]).arg(&older).assert().success();
    assert_eq!(stdout(salescoach(&fresh).args(["export", "--format", "json"])), text.as_bytes());

    let newer = dir.path().join("newer.json");
    let next = salescoach::store::latest_version() + 1;
    fs::write(&newer, text.replacen(&latest, &format!("\"schema\": {next}"), 1)).unwrap();
    let other = dir.path().join("other.db");
    let out = salescoach(&other).args(["import", "json"]).arg(&newer).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("made with database schema {next}")), "{err}");
}

#[test]
fn the_export_holds_every_table_of_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    let dump: serde_json::Value =
        serde_json::from_slice(&stdout(salescoach(&db).args(["export", "--format", "json"]))).unwrap();
    let exported: Vec<String> = dump["tables"].as_object().unwrap().keys().cloned().collect();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name <> 'search_index' AND name NOT LIKE 'search_index_%' ORDER BY name",
        )
        .unwrap();
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(exported, tables, "a table is missing from the export (or one too many)");
    for must in [
        "customers",
        "sales",
        "flashcards",
        "card_reviews",
        "motivation_shown",
        "settings",
        "request_keys",
        "goal_entries",
        "undo_steps",
        "undo_log",
        "deals",
        "deal_moves",
        "deal_stages",
        "interaction_objections",
    ] {
        assert!(exported.iter().any(|t| t == must), "{must}");
    }
    assert_eq!(dump["schema"], salescoach::store::latest_version());
    assert_eq!(dump["version"], 1);
    let customers = &dump["tables"]["customers"];
    assert_eq!(customers["rows"].as_array().unwrap().len(), 30);
    assert_eq!(customers["columns"][0], "id");
}

#[test]
fn a_json_import_refuses_a_database_with_data_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    let file = dir.path().join("x.json");
    salescoach(&db).args(["export", "--format", "json", "--out"]).arg(&file).assert().success();
    let before = stdout(salescoach(&db).args(["export", "--format", "json"]));
    let out = salescoach(&db).args(["import", "json"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("x.json") && err.contains("already holds data") && err.lines().count() == 1, "{err}");
    assert_eq!(stdout(salescoach(&db).args(["export", "--format", "json"])), before);
}

#[test]
fn csv_export_reads_back_through_the_csv_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    // A formula-looking name and note must come back as the same text.
    salescoach(&db)
        .args(["customer", "add", "--name", "=HYPERLINK(\"http://x\")", "--notes=-5 off, \"quoted\"\nsecond line"])
        .assert()
        .success();
    let out = dir.path().join("csv");
    salescoach(&db).args(["export", "--format", "csv", "--out"]).arg(&out).assert().success();
    assert_eq!(mode(&out), 0o700);
    let files: Vec<String> =
        fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(files.len(), 25, "{files:?}");
    for file in &files {
        assert_eq!(mode(&out.join(file)), 0o600, "{file}");
    }
    let customers = fs::read_to_string(out.join("customers.csv")).unwrap();
    assert!(customers.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "formula escaped: {customers}");
    assert!(customers.contains("'+1 555 0101"), "a phone starting with + is escaped too");
    assert!(
        fs::read_to_string(out.join("products.csv"))
            .unwrap()
            .starts_with("id,name,category,price,description,archived\r\n")
    );
    assert!(fs::read_to_string(out.join("sales.csv")).unwrap().contains(",4890.00,"), "money as amounts");

    let fresh = dir.path().join("fresh.db");
    for kind in ["customers", "products", "sales", "interactions"] {
        salescoach(&fresh).args(["import", kind]).arg(out.join(format!("{kind}.csv"))).assert().success();
    }
    // Complaints are not a CSV kind: their links are left out, by name.
    salescoach(&fresh)
        .args(["import", "followups", "--map", "complaint_id=ignore"])
        .arg(out.join("followups.csv"))
        .assert()
        .success();
    let again = dir.path().join("again");
    salescoach(&fresh).args(["export", "--format", "csv", "--out"]).arg(&again).assert().success();
    for kind in ["customers", "products", "sales", "interactions"] {
        let a = fs::read_to_string(out.join(format!("{kind}.csv"))).unwrap();
        let b = fs::read_to_string(again.join(format!("{kind}.csv"))).unwrap();
        assert!(a == b, "{kind}.csv differs after the round trip");
    }
    let without_complaint = |text: String| -> Vec<String> {
        text.lines()
            .map(|l| l.split(',').enumerate().filter(|(i, _)| *i != 13).map(|(_, c)| c).collect::<Vec<_>>().join(","))
            .collect()
    };
    assert_eq!(
        without_complaint(fs::read_to_string(out.join("followups.csv")).unwrap()),
        without_complaint(fs::read_to_string(again.join("followups.csv")).unwrap())
    );
    // The same files again create nothing.
    for kind in ["customers", "products", "sales", "interactions"] {
        let report = json(salescoach(&fresh).args(["import", kind, "--json"]).arg(out.join(format!("{kind}.csv"))));
        assert_eq!(report["created"], 0, "{kind}: {report}");
    }
}

/// The demo business with every kind of row a CSV cell can get wrong: reals with every
/// digit (reviewed cards), a refund, a custom goal's entry (restored after its goal),
/// formula-looking text, quotes and line breaks.
fn varied_db(dir: &Path) -> std::path::PathBuf {
    let db = demo_db(dir, "shop.db");
    salescoach(&db).args(["cards", "review"]).write_stdin("\n3\n\n4\n\n1\n\n2\n\n3\nq\n").assert().success();
    salescoach(&db).args(["sale", "refund", "1", "--amount", "10"]).assert().success();
    salescoach(&db)
        .args(["goal", "add", "--title", "Demos", "--metric", "custom", "--target", "10"])
        .args(["--start", "2026-11-01", "--deadline", "2026-12-31", "--unit", "demos"])
        .assert()
        .success();
    salescoach(&db).args(["goal", "log", "4", "3"]).assert().success();
    salescoach(&db)
        .args(["customer", "add", "--name", "=HYPERLINK(\"http://x\")", "--notes='=1+1, \"quoted\"\r\nsecond line"])
        .assert()
        .success();
    salescoach(&db).args(["customer", "add", "--name", "'quoted'", "--company=-5 off"]).assert().success();
    db
}

#[test]
fn a_csv_export_folder_restores_every_table_as_the_json_export_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = varied_db(dir.path());
    let folder = dir.path().join("csv");
    salescoach(&db).args(["export", "--format", "csv", "--out"]).arg(&folder).assert().success();
    let fresh = dir.path().join("fresh.db");
    let out = stdout(salescoach(&fresh).args(["import", "csv-folder"]).arg(&folder));
    let tables = fs::read_dir(&folder).unwrap().count();
    assert!(String::from_utf8_lossy(&out).contains(&format!(" rows in {tables} tables from ")), "{out:?}");
    let first = stdout(salescoach(&db).args(["export", "--format", "json"]));
    let second = stdout(salescoach(&fresh).args(["export", "--format", "json"]));
    assert!(first == second, "the JSON exports of the two databases differ");
    for must in ["card_reviews", "goal_entries", "complaints", "notes"] {
        let dump: serde_json::Value = serde_json::from_slice(&second).unwrap();
        assert!(!dump["tables"][must]["rows"].as_array().unwrap().is_empty(), "{must} is restored");
    }
    salescoach(&fresh).arg("check").assert().success();
    let hits = json(salescoach(&fresh).args(["search", "marta", "--json"]));
    assert!(!hits.as_array().unwrap().is_empty(), "{hits}");
    // A database with data is refused, as for JSON.
    let out = salescoach(&fresh).args(["import", "csv-folder"]).arg(&folder).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds data"));
}

#[test]
fn a_csv_export_folder_that_does_not_fit_is_refused_in_one_line_and_nothing_is_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = varied_db(dir.path());
    let folder = dir.path().join("csv");
    salescoach(&db).args(["export", "--format", "csv", "--out"]).arg(&folder).assert().success();
    let fresh = dir.path().join("fresh.db");
    salescoach(&fresh).arg("today").assert().success();
    let before = common::dump(&fresh);
    let sales = fs::read_to_string(folder.join("sales.csv")).unwrap();
    let late = sales.lines().count() - 1;
    let lines: Vec<&str> = sales.split("\r\n").collect();
    let mut bad_value = lines.clone();
    let broken = bad_value[late - 1].replacen(".00,", ".0x,", 1);
    bad_value[late - 1] = &broken;
    let techniques = fs::read_to_string(folder.join("techniques.csv")).unwrap();
    let cases: Vec<(&str, Option<String>, String)> = vec![
        ("goals.csv", None, "goals.csv: there is no such file".into()),
        (
            "products.csv",
            Some("id,name,category,cost,description,archived\r\n".into()),
            "products.csv: line 1, column 4: products: unknown column 'cost'".into(),
        ),
        ("sales.csv", Some(bad_value.join("\r\n")), format!("sales.csv: line {late}, column 7: sales.amount: '")),
        // The last file read: every other table was inserted, then refused.
        (
            "techniques.csv",
            Some(techniques.replacen("\r\n1,", "\r\n1,  ,", 1)),
            "techniques.csv: line 2: techniques: ".into(),
        ),
    ];
    for (file, content, wanted) in cases {
        let case = dir.path().join(format!("case-{file}"));
        let _ = fs::remove_dir_all(&case);
        fs::create_dir(&case).unwrap();
        for entry in fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), case.join(entry.file_name())).unwrap();
        }
        match &content {
            None => fs::remove_file(case.join(file)).unwrap(),
            Some(text) => fs::write(case.join(file), text).unwrap(),
        }
        let out = salescoach(&fresh).args(["import", "csv-folder"]).arg(&case).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&wanted) && err.contains("nothing was restored"), "{file}: {err}");
        assert!(common::dump(&fresh) == before, "{file}: the refused restore changed the database");
    }
    // A file that is no table is refused too, and a file given for the folder.
    fs::write(folder.join("extra.csv"), "a\r\n").unwrap();
    let out = salescoach(&fresh).args(["import", "csv-folder"]).arg(&folder).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("extra.csv: is not a table of this database"));
    let out = salescoach(&fresh).args(["import", "csv-folder"]).arg(folder.join("sales.csv")).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a folder"));
    assert!(common::dump(&fresh) == before);
}

#[test]
fn export_needs_a_folder_for_csv_and_ics_for_events() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    let out = salescoach(&db).args(["export", "--format", "csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out FOLDER"));
    let out = salescoach(&db).args(["export", "--format", "json", "--events"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let file = dir.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let out = salescoach(&db).args(["export", "--format", "csv", "--out"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let ics = dir.path().join("f.ics");
    salescoach(&db).args(["export", "--format", "ics", "--out"]).arg(&ics).assert().success();
    assert_eq!(mode(&ics), 0o600);
    assert!(fs::read_to_string(&ics).unwrap().starts_with("BEGIN:VCALENDAR"));
    let vcf = stdout(salescoach(&db).args(["export", "--format", "vcard"]));
    assert!(String::from_utf8(vcf).unwrap().starts_with("BEGIN:VCARD"));
}

#[test]
fn interaction_list_newest_first_with_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), "shop.db");
    let all = json(salescoach(&db).args(["interaction", "list", "--json"]));
    let rows = all.as_array().unwrap();
    assert_eq!(rows.len(), 298);
    let keys: Vec<(String, i64)> =
        rows.iter().map(|r| (r["happened_on"].as_str().unwrap().to_string(), r["id"].as_i64().unwrap())).collect();
    assert!(keys.windows(2).all(|w| w[0] > w[1]), "newest first, later ids first within a day");
    let marta = json(salescoach(&db).args(["interaction", "list", "--customer", "Marta", "--json"]));
    let marta = marta.as_array().unwrap();
    assert!(!marta.is_empty() && marta.iter().all(|r| r["customer"] == "Marta Novak"), "{marta:?}");
    let november =
        json(salescoach(&db).args(["interaction", "list", "--from", "2026-11-01", "--to", "2026-11-15", "--json"]));
    let november = november.as_array().unwrap();
    assert!(!november.is_empty());
    assert!(november.iter().all(|r| ("2026-11-01".."2026-11-16").contains(&r["happened_on"].as_str().unwrap())));
    let text = String::from_utf8(stdout(salescoach(&db).args(["interaction", "list", "--customer", "Marta"]))).unwrap();
    assert_eq!(text.lines().count(), marta.len());
    assert!(text.lines().next().unwrap().contains("Marta Novak"), "{text}");
    let out =
        salescoach(&db).args(["interaction", "list", "--from", "2026-11-15", "--to", "2026-11-01"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
