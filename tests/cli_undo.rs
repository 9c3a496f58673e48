//! `salescoach undo [--list] [--json]` and `salescoach redo`: each command's change is one
//! step, undone and redone from the shell, across runs of the binary. Day: 2026-11-27.

mod common;

use common::{content, json, salescoach};
use std::path::{Path, PathBuf};

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    salescoach(&db).arg("demo").assert().success();
    (dir, db)
}

fn fixture(dir: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir).join(name)
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A command that must fail with exit code 1 and one line on stderr.
fn fails(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
    err
}

#[test]
fn nothing_to_undo_or_redo_is_an_error_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    assert_eq!(fails(salescoach(&db).arg("undo")), "salescoach: nothing to undo\n");
    assert_eq!(fails(salescoach(&db).args(["redo", "--json"])), "salescoach: nothing to redo\n");
    assert_eq!(stdout(salescoach(&db).args(["undo", "--list"])), "No changes yet.\n");
    assert_eq!(json(salescoach(&db).args(["undo", "--list", "--json"])), serde_json::json!([]));
}

#[test]
fn a_sale_is_undone_and_redone_from_the_shell_with_its_follow_ups() {
    let (_dir, db) = demo();
    let before = content(&db);
    salescoach(&db).args(["sale", "add", "--customer", "Marta", "--amount", "48.90"]).assert().success();
    let after = content(&db);
    let undone = stdout(salescoach(&db).arg("undo"));
    assert_eq!(undone, "Undone: Logged sale #189: 48.90 to Marta Novak with 2 follow-ups\n");
    assert_eq!(content(&db), before);
    let redone = json(salescoach(&db).args(["redo", "--json"]));
    assert_eq!(redone["label"], "Logged sale #189: 48.90 to Marta Novak with 2 follow-ups");
    assert_eq!(redone["undone"], false);
    assert_eq!(content(&db), after);
}

#[test]
fn the_list_shows_the_latest_twenty_newest_first_with_their_state() {
    let (_dir, db) = demo();
    for n in 0..22 {
        salescoach(&db).args(["customer", "add", "--name", &format!("Walk-in {n}")]).assert().success();
    }
    salescoach(&db).arg("undo").assert().success();
    let list = json(salescoach(&db).args(["undo", "--list", "--json"]));
    let steps = list.as_array().unwrap();
    assert_eq!(steps.len(), 20);
    assert_eq!(steps[0]["label"], "Added customer #52 Walk-in 21");
    assert_eq!(steps[0]["undone"], true);
    assert_eq!(steps[0]["changes"], 1);
    assert_eq!(steps[1]["label"], "Added customer #51 Walk-in 20");
    assert_eq!(steps[1]["undone"], false);
    assert!(steps[0]["id"].as_i64() > steps[1]["id"].as_i64());
    assert!(steps[0]["made_at"].as_str().unwrap().len() >= 19);
    let text = stdout(salescoach(&db).args(["undo", "--list"]));
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with('#') && first.contains(" undone ") && first.ends_with("Added customer #52 Walk-in 21"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 20);
}

#[test]
fn a_csv_import_and_a_vcard_import_are_one_step_each() {
    let (_dir, db) = demo();
    let before = content(&db);
    for kind in ["customers", "products", "sales"] {
        salescoach(&db).args(["import", kind]).arg(fixture("import", &format!("{kind}.csv"))).assert().success();
    }
    let imported = content(&db);
    salescoach(&db).args(["import", "vcard"]).arg(fixture("vcard", "android.vcf")).assert().success();
    let undone = stdout(salescoach(&db).arg("undo"));
    assert_eq!(undone, "Undone: Imported vCards: 3 new customers\n");
    assert_eq!(content(&db), imported);
    for kind in ["sales", "products", "customers"] {
        let undone = stdout(salescoach(&db).arg("undo"));
        assert!(
            undone.starts_with(&format!("Undone: Imported {kind} from CSV: ")) && undone.ends_with(" new\n"),
            "{undone}"
        );
    }
    assert_eq!(content(&db), before);
    // A dry run changes nothing, so it is no step and the redo stack stays.
    salescoach(&db)
        .args(["import", "customers", "--dry-run"])
        .arg(fixture("import", "customers.csv"))
        .assert()
        .success();
    let redone = stdout(salescoach(&db).arg("redo"));
    assert!(redone.starts_with("Redone: Imported customers from CSV: "), "{redone}");
}

#[test]
fn commands_that_only_read_leave_no_step() {
    let (_dir, db) = demo();
    let list = stdout(salescoach(&db).args(["undo", "--list"]));
    for args in [
        &["today"][..],
        &["today", "--json"],
        &["stats"],
        &["customer", "list"],
        &["goal", "list"],
        &["search", "lever"],
        &["insights"],
        &["motivation", "today"],
        &["export", "--format", "json"],
        &["undo", "--list"],
    ] {
        salescoach(&db).args(args).assert().success();
    }
    assert_eq!(stdout(salescoach(&db).args(["undo", "--list"])), list);
}

#[test]
fn a_restored_export_brings_its_history_and_undoes_the_same() {
    let (dir, db) = demo();
    salescoach(&db).args(["rate", "Marta", "4", "--comment", "late"]).assert().success();
    let file = dir.path().join("all.json");
    salescoach(&db).args(["export", "--format", "json", "--out"]).arg(&file).assert().success();
    let copy = dir.path().join("copy.db");
    salescoach(&copy).args(["import", "json"]).arg(&file).assert().success();
    let undone = stdout(salescoach(&copy).arg("undo"));
    assert!(undone.starts_with("Undone: Scored Marta Novak 4/10 (and opened concern #"), "{undone}");
    salescoach(&db).arg("undo").assert().success();
    assert_eq!(content(&copy), content(&db));
}

#[test]
fn a_refused_undo_names_what_stands_in_its_way_and_exits_1() {
    let (_dir, db) = demo();
    salescoach(&db).args(["customer", "add", "--name", "Ada Lovelace"]).assert().success();
    let id: i64 =
        rusqlite::Connection::open(&db).unwrap().query_row("SELECT max(id) FROM customers", [], |r| r.get(0)).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("INSERT INTO followups (customer_id, kind, due_on, created_on) VALUES (?1, 'other', '2026-12-01', '2026-11-27')", [id])
        .unwrap();
    let err = fails(salescoach(&db).arg("undo"));
    assert!(
        err.starts_with(&format!("salescoach: cannot undo \"Added customer #{id} Ada Lovelace\": follow-up #")),
        "{err}"
    );
    assert!(err.contains(&format!("depends on customer #{id}; nothing was changed")), "{err}");
}
