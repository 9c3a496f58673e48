//! The binary from the outside: arguments, output, exit codes.

mod common;

use common::salescoach;

use predicates::prelude::*;

#[test]
fn demo_then_today_json_lists_the_overdue_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    salescoach(&db).arg("demo").assert().success().stdout(predicate::str::contains("Loaded 30 customers"));
    let output = salescoach(&db).args(["today", "--json"]).output().unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["date"], "2026-11-27");
    let sections = json["sections"].as_array().unwrap();
    let overdue = sections.iter().find(|s| s["section"] == "overdue").unwrap();
    assert_eq!(overdue["count"], 6);
    let items = overdue["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(sections[0]["section"], "complaints", "open complaints come first");
    assert_eq!(sections[0]["count"], 2);
    let dues: Vec<&str> = items.iter().map(|i| i["due_on"].as_str().unwrap()).collect();
    assert!(dues.iter().all(|d| *d < "2026-11-27"), "{dues:?}");
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "oldest first: {dues:?}");
    assert!(items.iter().any(|i| i["customer"] == "Will Turner" && i["kind"] == "quote" && i["type"] == "followup"));
    let today = sections.iter().find(|s| s["section"] == "today").unwrap();
    assert_eq!(today["count"], 3);
    let order: Vec<&str> = sections.iter().map(|s| s["section"].as_str().unwrap()).collect();
    assert_eq!(order, ["complaints", "overdue", "today", "cold_deals", "stay_in_touch", "cards"]);
}

#[test]
fn today_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("text.db");
    salescoach(&db).arg("demo").assert().success();
    salescoach(&db)
        .arg("today")
        .assert()
        .success()
        .stdout(predicate::str::contains("Today, Friday 27 November 2026\n“"))
        .stdout(predicate::str::contains("Goals (3)\n  Calls and visits this month        46% at risk"))
        // 4 of 5 done with the line at 3.4: the line reads 4 (rounded up, as the due-by table
        // and the buffer read it), so not a whole account ahead yet.
        .stdout(predicate::str::contains(
            "  Five new accounts                  80% on pace      on the line · 10 days buffer",
        ))
        .stdout(predicate::str::contains("Open complaints (2)"))
        .stdout(predicate::str::contains("Overdue (6)"))
        .stdout(predicate::str::contains("Due today (3)"))
        .stdout(predicate::str::contains("Stay in touch (5)"));
}

#[test]
fn today_on_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    salescoach(&db).arg("today").assert().success().stdout(predicate::str::contains("Nothing due"));
}

#[test]
fn demo_refuses_a_database_with_data_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("twice.db");
    salescoach(&db).arg("demo").assert().success();
    salescoach(&db)
        .arg("demo")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already holds data"))
        .stderr(predicate::function(|s: &str| s.trim_end().lines().count() == 1));
    let json = salescoach(&db).args(["today", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["sections"][1]["count"], 6, "no second copy of the demo");
}

#[test]
fn demo_scale_generates_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("scale.db");
    let out = salescoach(&db).args(["demo", "--scale", "2000", "--json"]).output().unwrap();
    assert!(out.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["followups"], 2000);
    assert_eq!(summary["customers"], 100);
    assert_eq!(summary["sales"], 1000);
    salescoach(&dir.path().join("zero.db")).args(["demo", "--scale", "0"]).assert().code(2);
}

#[test]
fn usage_errors_and_refused_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    salescoach(&db).arg("no-such-command").assert().code(2);
    salescoach(&db)
        .args(["--today", "someday", "today"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    std::fs::write(dir.path().join("junk.db"), "not a database at all, just text").unwrap();
    salescoach(&dir.path().join("junk.db"))
        .arg("today")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an SQLite file"));
    salescoach(dir.path()).arg("today").assert().code(2).stderr(predicate::str::contains("is a directory"));
}

#[test]
fn a_bad_config_file_is_named_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let default = common::config_home(&db).join("salescoach").join("config.toml");
    std::fs::create_dir_all(default.parent().unwrap()).unwrap();
    std::fs::write(&default, "reorder_check_days = 0\n").unwrap();
    salescoach(&db).arg("today").assert().code(2).stderr(predicate::str::contains("reorder_check_days"));
    std::fs::write(&default, "reorder_check_days = 30\n").unwrap();
    salescoach(&db).arg("today").assert().success();
}

#[test]
fn paths_the_user_names_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let missing = dir.path().join("typo.toml");
    salescoach(&db)
        .args(["--config", missing.to_str().unwrap(), "today"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--config:").and(predicate::str::contains("does not exist")));
    let nested = dir.path().join("no-such-folder").join("x.db");
    salescoach(&db)
        .args(["--db", nested.to_str().unwrap(), "today"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--db: folder").and(predicate::str::contains("create it first")));
    assert!(!nested.parent().unwrap().exists(), "nothing was created");
    assert!(!db.exists(), "the other database was not touched either");
}

#[test]
fn version_and_help_with_examples() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    salescoach(&db).arg("--version").assert().success().stdout(predicate::str::contains("salescoach 0.1.0"));
    salescoach(&db)
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("Exit codes"));
}

#[test]
fn the_tui_without_a_terminal_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tty.db");
    // stdin and stdout are pipes here: no terminal to take over.
    let out = salescoach(&db).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("salescoach: "), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}
