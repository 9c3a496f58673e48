//! Motivation, techniques, insights and reports from the command line.

mod common;

use common::{json, salescoach};
use predicates::prelude::*;

#[test]
fn motivation_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let today = json(salescoach(&db).args(["motivation", "today", "--json"]));
    let again = json(salescoach(&db).args(["motivation", "today", "--json"]));
    assert_eq!(today["id"], again["id"], "the same item all day");
    let items = json(salescoach(&db).args(["motivation", "list", "--json"]));
    assert!(items.as_array().unwrap().len() >= 80);
    salescoach(&db)
        .args(["motivation", "add", "--kind", "quote", "--text", "Be the call they are glad to get.", "--author", "Me"])
        .assert()
        .success();
    salescoach(&db)
        .args(["motivation", "add", "--kind", "resource", "--text", "A book"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kind:"));
    let resources = json(salescoach(&db).args(["motivation", "list", "--kind", "resource", "--json"]));
    let id = resources[0]["id"].as_i64().unwrap().to_string();
    salescoach(&db).args(["motivation", "done", &id]).assert().success().stdout(predicate::str::contains("done"));
    salescoach(&db).args(["motivation", "done", &id, "--status", "maybe"]).assert().code(2);
    salescoach(&db).args(["motivation", "edit", &id, "--why", "Because I asked for it"]).assert().success();
    let edited = json(salescoach(&db).args(["motivation", "list", "--kind", "resource", "--json"]));
    assert_eq!(edited[0]["why"], "Because I asked for it");
    salescoach(&db)
        .args(["motivation", "edit", &id, "--text", " "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("text:"));
    salescoach(&db).args(["motivation", "favourite", &id]).assert().success();
    salescoach(&db).args(["motivation", "hide", &id]).assert().success();
    let visible = json(salescoach(&db).args(["motivation", "list", "--kind", "resource", "--json"]));
    assert!(visible.as_array().unwrap().iter().all(|i| i["id"].as_i64().unwrap().to_string() != id));
}

#[test]
fn techniques_insights_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    salescoach(&db).arg("demo").assert().success();
    let techniques = json(salescoach(&db).args(["techniques", "--json"]));
    let verdicts: Vec<(&str, &str)> = techniques["techniques"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t["verdict"].as_str().unwrap()))
        .collect();
    assert!(verdicts.contains(&("Live demo", "works_best")), "{verdicts:?}");
    assert!(verdicts.contains(&("Bundle offer", "holding_you_back")), "{verdicts:?}");
    assert!(techniques["lost_reasons"][0][1].as_u64().unwrap() > 0);
    let insights = json(salescoach(&db).args(["insights", "--json"]));
    assert_eq!(insights[0]["rule"], "complaint_open");
    salescoach(&db).args(["report", "--period", "year"]).assert().code(2).stderr(predicate::str::contains("--period"));
    let out = dir.path().join("review.md");
    salescoach(&db).args(["report", "--period", "month", "--out", out.to_str().unwrap()]).assert().success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# Sales review: November 2026"));
    let printed = salescoach(&db).args(["report", "--period", "month"]).output().unwrap();
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), text, "stdout and file agree, and runs are deterministic");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pipe.db");
    salescoach(&db).args(["demo", "--scale", "2000"]).assert().success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("salescoach"))
        .args(["followup", "list", "--days", "400", "--json"])
        .env("SALESCOACH_DB", &db)
        .env("XDG_CONFIG_HOME", common::config_home(&db))
        .env_remove("SALESCOACH_CONFIG")
        .env("SALESCOACH_TODAY", "2026-11-27")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then hang up, like `| head -1`.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn techniques_are_the_sellers_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    salescoach(&db)
        .args(["technique", "add", "--name", "Site visit", "--description", "Walk the floor with them"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added technique #"));
    salescoach(&db)
        .args(["technique", "add", "--name", "site VISIT"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name:").and(predicate::str::contains("already called")));
    let list = json(salescoach(&db).args(["technique", "list", "--json"]));
    let visit = list.as_array().unwrap().iter().find(|t| t["name"] == "Site visit").unwrap().clone();
    let id = visit["id"].as_i64().unwrap().to_string();
    salescoach(&db).args(["technique", "rename", "Site visit", "--to", "Floor walk"]).assert().success();
    salescoach(&db).args(["technique", "archive", "Floor walk"]).assert().success();
    let active = json(salescoach(&db).args(["technique", "list", "--json"]));
    assert!(active.as_array().unwrap().iter().all(|t| t["id"].as_i64().unwrap().to_string() != id));
    let all = json(salescoach(&db).args(["technique", "list", "--all", "--json"]));
    let retired = all.as_array().unwrap().iter().find(|t| t["id"].as_i64().unwrap().to_string() == id).unwrap();
    assert_eq!((retired["name"].as_str(), retired["archived"].as_bool()), (Some("Floor walk"), Some(true)));
    salescoach(&db).args(["technique", "restore", &id]).assert().success();
    salescoach(&db)
        .args(["technique", "restore", "9999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("technique: there is no technique #9999"));
    let back = json(salescoach(&db).args(["technique", "list", "--json"]));
    assert!(back.as_array().unwrap().iter().any(|t| t["name"] == "Floor walk"));
}
