//! `salescoach agenda`: open follow-ups per day from today, the overdue ones apart, heavy
//! days marked, archived customers left out, and `--days` checked.

mod common;

use common::{json, salescoach};

#[test]
fn counts_per_day_from_today_with_the_heavy_day_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    for name in ["Ada", "Bo", "Cy"] {
        salescoach(&db).args(["customer", "add", "--name", name]).assert().success();
    }
    // Today is Friday 27 November 2026 (pinned by the helper).
    let plan = |who: &str, due: &str| {
        salescoach(&db)
            .args(["followup", "add", "--customer", who, "--due", due, "--reason", "call"])
            .assert()
            .success();
    };
    plan("Ada", "2026-11-20");
    for who in ["Ada", "Bo", "Cy", "Ada", "Bo"] {
        plan(who, "2026-12-01");
    }
    plan("Cy", "2026-11-27");
    plan("Bo", "2026-12-11");
    salescoach(&db).args(["customer", "archive", "Cy"]).assert().success();
    let agenda = json(salescoach(&db).args(["agenda", "--days", "7", "--json"]));
    assert_eq!(agenda["overdue"], 1);
    assert_eq!(agenda["total"], 4, "Cy is archived; 11 Dec is past the 7 days: {agenda}");
    let days = agenda["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(days[0]["date"], "2026-11-27");
    assert_eq!(days[0]["count"], 0, "Cy's follow-up today is on an archived customer");
    assert_eq!(
        (days[4]["date"].as_str(), days[4]["count"].as_i64(), days[4]["heavy"].as_bool()),
        (Some("2026-12-01"), Some(4), Some(true))
    );
    assert_eq!(days[1]["working"], false, "Saturday");
    let text = salescoach(&db).args(["agenda", "--days", "7"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("Next 7 days: 4 follow-ups open, and 1 overdue to clear first\n"), "{text}");
    assert!(text.contains("\nTue 1 Dec              4 ██████████████████████████████ heavy\n"), "{text}");
    assert!(text.contains("Busiest: Tuesday 1 December with 4 follow-ups"), "{text}");
}

#[test]
fn days_out_of_range_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    for bad in ["0", "93", "two"] {
        let out = salescoach(&db).args(["agenda", "--days", bad]).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("--days"), "{err}");
    }
    assert!(!db.exists(), "a refused command creates no database");
}
