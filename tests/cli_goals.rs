//! Goals, sales and the log from the command line.

mod common;

use common::json;

fn salescoach(db: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = common::salescoach(db);
    cmd.env("SALESCOACH_TODAY", "2026-12-11");
    cmd
}

use predicates::prelude::*;

#[test]
fn the_december_revenue_goal_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    salescoach(&db).args(["demo", "--scale", "1"]).assert().success();
    let goal = json(salescoach(&db).args([
        "goal",
        "add",
        "--title",
        "December revenue",
        "--metric",
        "revenue",
        "--target",
        "30,000",
        "--start",
        "2026-12-01",
        "--deadline",
        "2026-12-31",
        "--json",
    ]));
    let id = goal["id"].as_i64().unwrap();
    assert_eq!(goal["target"], 3_000_000);
    // $1,000 on each working day Dec 1-11 (9 days), to the first synthetic customer.
    for day in ["01", "02", "03", "04", "07", "08", "09", "10", "11"] {
        salescoach(&db)
            .args([
                "sale",
                "add",
                "--customer",
                "#1",
                "--amount",
                "1000",
                "--no-followup",
                "--date",
                &format!("2026-12-{day}"),
            ])
            .assert()
            .success();
    }
    let shown = json(salescoach(&db).args(["goal", "show", &id.to_string(), "--json"]));
    let pace = &shown["pace"];
    assert_eq!(pace["done"], 900_000);
    assert_eq!(pace["expected"], 1_173_914); // 1,173,913.04 rounded up
    assert_eq!(pace["required_per_day"], 140_000);
    assert_eq!(pace["buffer_days"], 0);
    assert_eq!(pace["status"], "at_risk");
    assert_eq!(pace["finish"], "2027-01-11");
    salescoach(&db)
        .args(["goal", "show", &id.to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Expected by today: $11,739.14"))
        .stdout(predicate::str::contains("target $30,000.00 x 9 / 23 working days"));
    salescoach(&db)
        .args(["goal", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("$2,739.14 behind · need $1,400.00/day for 15 days"));
}

#[test]
fn invalid_goals_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bad.db");
    for (args, message) in [
        (vec!["--metric", "revenue", "--target", "0"], "target: must be greater than zero"),
        (vec!["--metric", "revenue", "--target", "-5"], "target: must not be negative"),
        (vec!["--metric", "profit", "--target", "10"], "metric: 'profit' is not one of"),
        (vec!["--metric", "units", "--target", "2.5"], "target: '2.5' is not a whole number"),
    ] {
        let mut cmd = salescoach(&db);
        cmd.args(["goal", "add", "--title", "T", "--start", "2026-12-01", "--deadline", "2026-12-31"]).args(&args);
        cmd.assert().code(2).stderr(predicate::str::contains(message));
    }
    salescoach(&db)
        .args([
            "goal",
            "add",
            "--title",
            "T",
            "--metric",
            "units",
            "--target",
            "5",
            "--start",
            "2026-12-10",
            "--deadline",
            "2026-12-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("deadline: 2026-12-01 is before the start 2026-12-10"));
    let list = json(salescoach(&db).args(["goal", "list", "--all", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 0);
}

#[test]
fn custom_goal_entries_and_their_refusal_on_derived_goals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("custom.db");
    salescoach(&db)
        .args([
            "goal",
            "add",
            "--title",
            "Demos",
            "--metric",
            "custom",
            "--unit",
            "demos",
            "--target",
            "10",
            "--start",
            "2026-12-01",
            "--deadline",
            "2026-12-31",
        ])
        .assert()
        .success();
    salescoach(&db)
        .args(["goal", "log", "1", "3", "--date", "2026-12-02"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 demos"));
    salescoach(&db).args(["goal", "log", "1", "-1"]).assert().success();
    let shown = json(salescoach(&db).args(["goal", "show", "1", "--json"]));
    assert_eq!(shown["pace"]["done"], 2);
    salescoach(&db)
        .args(["goal", "add", "--title", "Rev", "--metric", "revenue", "--target", "100", "--deadline", "+10d"])
        .assert()
        .success();
    salescoach(&db).args(["goal", "log", "2", "5"]).assert().code(2).stderr(predicate::str::contains("custom goals"));
}

#[test]
fn names_resolve_or_list_the_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("names.db");
    salescoach(&db).env("SALESCOACH_TODAY", "2026-11-27").arg("demo").assert().success();
    salescoach(&db)
        .args(["sale", "add", "--customer", "Corner", "--amount", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("customer: 'Corner' matches"))
        .stderr(predicate::str::contains("Marta Novak (#1)"));
    salescoach(&db).args(["sale", "add", "--customer", "nobody at all", "--amount", "10"]).assert().code(2);
    salescoach(&db)
        .args([
            "sale",
            "add",
            "--customer",
            "corner grind",
            "--product",
            "house blend",
            "--amount",
            "$115.00",
            "--technique",
            "Bundle",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("follow-up check-in on 2026-12-14")); // Sunday the 13th moves to Monday
    let rows = json(salescoach(&db).args(["sale", "list", "--customer", "Marta", "--from", "2026-12-11", "--json"]));
    assert_eq!(rows[0]["customer"], "Marta Novak");
    assert_eq!(rows[0]["amount_minor"], 11_500);
    salescoach(&db)
        .args(["log", "call", "--customer", "Marta", "--outcome", "lost", "--lost-reason", "price"])
        .assert()
        .success();
    salescoach(&db)
        .args(["log", "call", "--customer", "Marta", "--outcome", "won", "--lost-reason", "price"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lost reason: only applies"));
    salescoach(&db)
        .args(["log", "lunch", "--customer", "Marta"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kind:"));
}

#[test]
fn a_goal_whose_window_holds_no_working_day_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("weekend.db");
    // Mon 30 Nov - Fri 4 Dec counting Saturdays only: the goal could never be on pace.
    let add = ["goal", "add", "--title", "Sat only", "--metric", "units", "--target", "5"];
    salescoach(&db)
        .args(add)
        .args(["--start", "2026-11-30", "--deadline", "2026-12-04", "--working-days", "sat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("working days: sat has no working day from Mon 30 Nov 2026 to Fri 4 Dec 2026"))
        .stderr(predicate::function(|s: &str| s.trim_end().lines().count() == 1));
    assert_eq!(json(salescoach(&db).args(["goal", "list", "--all", "--json"])), serde_json::json!([]));
    // Over a weekend it is fine; moving it back onto weekdays only is refused on edit.
    salescoach(&db)
        .args(add)
        .args(["--start", "2026-11-28", "--deadline", "2026-12-04", "--working-days", "sat"])
        .assert()
        .success();
    salescoach(&db)
        .args(["goal", "edit", "1", "--start", "2026-11-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("working days: sat has no working day"));
    let goals = json(salescoach(&db).args(["goal", "list", "--json"]));
    assert_eq!(goals[0]["start_on"], "2026-11-28", "unchanged");
}
