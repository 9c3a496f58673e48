//! Customers, follow-ups, scores, complaints and figures from the command line.

mod common;

use common::{json, salescoach};

use predicates::prelude::*;

#[test]
fn customers_from_add_to_delete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let ada = json(salescoach(&db).args([
        "customer",
        "add",
        "--name",
        "Ada Lovelace",
        "--company",
        "Engines Ltd",
        "--email",
        "ada@engines.example",
        "--segment",
        "Office",
        "--ideal-days",
        "10",
        "--max-days",
        "20",
        "--json",
    ]));
    assert_eq!(ada["id"], 1);
    assert_eq!(ada["cadence_ideal_days"], 10);
    salescoach(&db)
        .args(["customer", "add", "--name", "Bad", "--email", "not-an-email"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("email:"));
    salescoach(&db)
        .args(["customer", "add", "--name", "Bad", "--ideal-days", "30", "--max-days", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cadence max"));
    salescoach(&db).args(["customer", "edit", "ada", "--phone", "+1 555 1234"]).assert().success();
    let shown = json(salescoach(&db).args(["customer", "show", "Engines", "--json"]));
    assert_eq!(shown["customer"]["phone"], "+1 555 1234");
    assert_eq!(shown["figures"]["cadence"]["ideal_days"], 10);
    assert_eq!(shown["days_since_contact"], 0);
    salescoach(&db).args(["sale", "add", "--customer", "ada", "--amount", "99", "--no-followup"]).assert().success();
    salescoach(&db)
        .args(["customer", "delete", "ada"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("archive instead"));
    salescoach(&db).args(["customer", "archive", "ada"]).assert().success();
    assert_eq!(json(salescoach(&db).args(["customer", "list", "--json"])).as_array().unwrap().len(), 0);
    assert_eq!(json(salescoach(&db).args(["customer", "list", "--all", "--json"])).as_array().unwrap().len(), 1);
    salescoach(&db).args(["customer", "restore", "#1"]).assert().success();
    salescoach(&db)
        .args(["customer", "delete", "ada", "--with-history"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 history records"));
    assert_eq!(json(salescoach(&db).args(["sale", "list", "--json"])).as_array().unwrap().len(), 0);
}

#[test]
fn follow_ups_done_recur_snooze_and_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    salescoach(&db).args(["customer", "add", "--name", "Ada"]).assert().success();
    let f = json(salescoach(&db).args([
        "followup",
        "add",
        "--customer",
        "Ada",
        "--due",
        "-3d",
        "--kind",
        "reorder",
        "--reason",
        "Bean order",
        "--every",
        "1",
        "--unit",
        "week",
        "--json",
    ]));
    assert_eq!(f["due_on"], "2026-11-24");
    assert_eq!(f["recurrence"]["unit"], "week");
    let today = json(salescoach(&db).args(["today", "--json"]));
    assert_eq!(today["sections"][1]["count"], 1);
    let done = json(salescoach(&db).args(["followup", "done", "1", "--log", "call", "--outcome", "won", "--json"]));
    assert_eq!(done["next_due"], "2026-12-01");
    salescoach(&db)
        .args(["followup", "done", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already done on 2026-11-27"));
    salescoach(&db).args(["followup", "reopen", "1"]).assert().success();
    salescoach(&db)
        .args(["followup", "done", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("next on 2026-12-01 (#2)"));
    let open = json(salescoach(&db).args(["followup", "list", "--json"]));
    assert_eq!(open.as_array().unwrap().len(), 1, "one successor only");
    salescoach(&db)
        .args(["followup", "snooze", "2", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("until:"));
    salescoach(&db)
        .args(["followup", "snooze", "2", "next fri"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-12-04"));
    salescoach(&db).args(["followup", "reschedule", "2", "-1d"]).assert().success();
    salescoach(&db).args(["followup", "cancel", "2"]).assert().success();
    assert_eq!(json(salescoach(&db).args(["followup", "list", "--json"])).as_array().unwrap().len(), 0);
    let interactions: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(interactions, 1);
}

#[test]
fn scores_complaints_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let empty = json(salescoach(&db).args(["stats", "--json"]));
    assert!(empty["nps"].is_null() && empty["repeat_business_permille"].is_null(), "n/a on an empty database");
    salescoach(&db)
        .args(["stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("NPS                           n/a"));
    salescoach(&db).args(["customer", "add", "--name", "Ada"]).assert().success();
    salescoach(&db).args(["rate", "Ada", "11"]).assert().code(2).stderr(predicate::str::contains("score:"));
    salescoach(&db).args(["rate", "Ada", "10", "--comment", "Lovely"]).assert().success();
    salescoach(&db)
        .args(["rate", "Ada", "4", "--comment", "Late again", "--date", "2026-11-24"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Concern #1 opened"));
    let today = json(salescoach(&db).args(["today", "--json"]));
    assert_eq!(today["sections"][0]["items"][0]["summary"], "Low satisfaction score 4: Late again");
    salescoach(&db)
        .args(["complaint", "open", "--customer", "Ada", "--severity", "urgent", "--summary", "x"])
        .assert()
        .code(2);
    salescoach(&db)
        .args(["complaint", "respond", "1", "--date", "2026-11-28"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("date: 2026-11-28 is in the future"));
    salescoach(&db).args(["complaint", "respond", "1", "--date", "2026-11-25"]).assert().success();
    salescoach(&db)
        .args(["complaint", "resolve", "1", "--resolution", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("resolution"));
    salescoach(&db).args(["complaint", "resolve", "1", "--resolution", "Free delivery next time"]).assert().success();
    assert_eq!(json(salescoach(&db).args(["complaint", "list", "--json"])).as_array().unwrap().len(), 0);
    let stats = json(salescoach(&db).args(["stats", "--json"]));
    assert_eq!(stats["nps"]["score"], 0); // one promoter, one detractor
    assert_eq!(stats["average_score_tenths"], 70);
    assert_eq!(stats["median_days_to_first_response"], 1);
    assert_eq!(stats["median_days_to_resolve"], 3);
}

#[test]
fn a_namesake_is_added_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    salescoach(&db).args(["customer", "add", "--name", "Zoë Park", "--company", "Park Bakery"]).assert().success();
    salescoach(&db)
        .args(["customer", "add", "--name", "zoe park"])
        .assert()
        .success()
        .stderr(predicate::str::contains("note: same name as #1 Zoë Park (Park Bakery)"));
    salescoach(&db)
        .args(["customer", "add", "--name", "Zoe Parker"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    assert_eq!(json(salescoach(&db).args(["customer", "list", "--json"])).as_array().unwrap().len(), 3);
}
