//! Dates on the command line: which way a weekday points, the accepted years, snoozes that
//! respect working days and never move a follow-up earlier. The day is Friday 2026-11-27.

mod common;

use common::{json, salescoach};
use predicates::prelude::*;

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dates.db");
    salescoach(&db).arg("demo").assert().success();
    (dir, db)
}

/// A follow-up for Marta due on `due`, by id.
fn followup_due(db: &std::path::Path, due: &str) -> i64 {
    let added = json(salescoach(db).args(["followup", "add", "--customer", "Marta", "--due", due, "--json"]));
    added["id"].as_i64().unwrap()
}

fn due_on(db: &std::path::Path, id: i64) -> String {
    let list = json(salescoach(db).args(["followup", "list", "--days", "400", "--json"]));
    let found = list.as_array().unwrap().iter().find(|f| f["id"] == id).unwrap().clone();
    found["due_on"].as_str().unwrap().to_string()
}

fn one_line_error(stderr: &str) -> bool {
    stderr.trim_end().lines().count() == 1
}

#[test]
fn a_weekday_in_a_past_range_is_the_most_recent_one() {
    let (_dir, db) = demo();
    salescoach(&db).args(["sale", "add", "--customer", "Marta", "--amount", "40", "--date", "mon"]).assert().success();
    // Monday of this week, not the Monday after today.
    let sales = json(salescoach(&db).args(["sale", "list", "--from", "mon", "--json"]));
    let days: Vec<&str> = sales.as_array().unwrap().iter().map(|s| s["sold_on"].as_str().unwrap()).collect();
    assert_eq!(days, ["2026-11-23"], "the sale logged for Monday, and nothing earlier");
    // On a Friday, `fri` is today: this week's report.
    salescoach(&db)
        .args(["report", "--date", "fri"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Covers 2026-11-23 to 2026-11-27;"));
    salescoach(&db)
        .args(["report", "--date", "last fri"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Covers 2026-11-16 to 2026-11-20;"));
    // A range given backwards is refused instead of listing nothing.
    salescoach(&db)
        .args(["sale", "list", "--from", "fri", "--to", "mon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("to: 2026-11-23 is before --from 2026-11-27"))
        .stderr(predicate::function(one_line_error));
}

#[test]
fn dates_before_1900_or_over_100_years_ahead_are_refused() {
    let (_dir, db) = demo();
    salescoach(&db)
        .args(["followup", "add", "--customer", "Marta", "--due", "1899-12-31"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("due: '1899-12-31' is before 1900-01-01"));
    salescoach(&db)
        .args(["goal", "add", "--title", "Far", "--metric", "units", "--target", "5", "--deadline", "2127-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("deadline: '2127-01-01' is more than 100 years ahead (after 2126-11-27)"));
    salescoach(&db)
        .args(["sale", "list", "--from", "1850-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("from: '1850-01-01' is before 1900-01-01"));
}

#[test]
fn done_with_a_next_touch_in_the_past_is_refused() {
    let (_dir, db) = demo();
    let id = followup_due(&db, "today");
    salescoach(&db)
        .args(["followup", "done", &id.to_string(), "--next", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("next: 2026-11-26 is in the past; choose today or later"))
        .stderr(predicate::function(one_line_error));
    assert_eq!(due_on(&db, id), "2026-11-27", "still open, nothing scheduled");
    salescoach(&db).args(["followup", "done", &id.to_string(), "--next", "mon"]).assert().success();
}

#[test]
fn a_snooze_lands_on_a_working_day_unless_the_day_is_named() {
    let (_dir, db) = demo();
    let id = followup_due(&db, "today");
    salescoach(&db)
        .args(["followup", "snooze", &id.to_string(), "+1d"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Follow-up #{id} snoozed to 2026-11-30")))
        .stdout(predicate::str::contains("Sat 28 Nov is a day off (working days mon-fri); moved to Mon 30 Nov"));
    assert_eq!(due_on(&db, id), "2026-11-30");

    let saturday = followup_due(&db, "today");
    salescoach(&db)
        .args(["followup", "snooze", &saturday.to_string(), "sat"])
        .assert()
        .success()
        .stdout(predicate::str::contains("snoozed to 2026-11-28"))
        .stdout(predicate::str::contains("note: Sat 28 Nov is a day off (working days mon-fri)"));
    assert_eq!(due_on(&db, saturday), "2026-11-28");
}

#[test]
fn a_snooze_never_moves_a_follow_up_earlier() {
    let (_dir, db) = demo();
    let id = followup_due(&db, "2026-12-09");
    salescoach(&db)
        .args(["followup", "snooze", &id.to_string(), "mon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("until: 2026-11-30 is before its due date 2026-12-09"))
        .stderr(predicate::str::contains("use reschedule"))
        .stderr(predicate::function(one_line_error));
    assert_eq!(due_on(&db, id), "2026-12-09");
    salescoach(&db).args(["followup", "reschedule", &id.to_string(), "mon"]).assert().success();
    assert_eq!(due_on(&db, id), "2026-11-30");
}

#[test]
fn post_sale_follow_ups_skip_the_configured_days_off() {
    let (_dir, db) = demo();
    let config = db.parent().unwrap().join("mwf.toml");
    std::fs::write(&config, "working_days = \"mon,wed,fri\"\nsatisfaction_check_days = 4\n").unwrap();
    // Friday + 4 days is Tuesday, not a working day here: Wednesday 2 December.
    let sale = json(salescoach(&db).arg("--config").arg(&config).args([
        "sale",
        "add",
        "--customer",
        "Marta",
        "--amount",
        "40",
        "--json",
    ]));
    let id = sale["id"].as_i64().unwrap();
    let list = json(salescoach(&db).args(["followup", "list", "--days", "60", "--json"]));
    let check_in = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "checkin" && f["customer"] == "Marta Novak" && f["due_on"] == "2026-12-02");
    assert!(check_in.is_some(), "sale #{id}: {list:#}");
}

#[test]
fn a_follow_up_planned_on_a_day_off_says_so() {
    let (_dir, db) = demo();
    salescoach(&db)
        .args(["followup", "add", "--customer", "Marta", "--due", "sun"])
        .assert()
        .success()
        .stdout(predicate::str::contains("on 2026-11-29\n  note: Sun 29 Nov is a day off (working days mon-fri)"));
    salescoach(&db)
        .args(["followup", "add", "--customer", "Marta", "--due", "mon"])
        .assert()
        .success()
        .stdout(predicate::str::contains("note").not());
    let id = followup_due(&db, "today");
    salescoach(&db)
        .args(["followup", "done", &id.to_string(), "--next", "sat"])
        .assert()
        .success()
        .stdout(predicate::str::contains("next on 2026-11-28"))
        .stdout(predicate::str::contains("note: Sat 28 Nov is a day off"));
}
