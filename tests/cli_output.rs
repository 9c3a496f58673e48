//! What the command line prints: every option explained in --help, ids on today's rows,
//! aligned columns with money flush right, totals, and JSON names a script would guess.
//! The day is Friday 2026-11-27.

mod common;

use clap::CommandFactory;
use common::{json, salescoach};
use predicates::prelude::*;

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("out.db");
    salescoach(&db).arg("demo").assert().success();
    (dir, db)
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_option_and_argument_has_a_help_line() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let id = arg.get_id().as_str();
            if id != "help" && id != "version" && arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&salescoach::cli::Cli::command(), "salescoach", &mut missing);
    assert!(missing.is_empty(), "{} without a help line:\n{}", missing.len(), missing.join("\n"));
}

#[test]
fn today_shows_the_id_each_row_takes_and_json_gives_complaints_their_due_date() {
    let (_dir, db) = demo();
    let today = json(salescoach(&db).args(["today", "--json"]));
    let section =
        |name: &str| today["sections"].as_array().unwrap().iter().find(|s| s["section"] == name).unwrap().clone();
    let complaint = section("complaints")["items"][0].clone();
    let opened = chrono::NaiveDate::parse_from_str(complaint["opened_on"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    assert_eq!(complaint["due_on"], (opened + chrono::Days::new(2)).to_string(), "48 hours to respond");
    let overdue = section("overdue")["items"][0].clone();
    let text = stdout(salescoach(&db).arg("today"));
    let line = |id: &serde_json::Value, who: &serde_json::Value| {
        format!("  {:<6} {}", format!("#{id}"), who.as_str().unwrap())
    };
    assert!(text.contains(&line(&complaint["id"], &complaint["customer"])), "{text}");
    assert!(text.contains(&line(&overdue["followup_id"], &overdue["customer"])), "{text}");
    // The id is the one `followup done` takes.
    salescoach(&db).args(["followup", "done", &overdue["followup_id"].to_string()]).assert().success();
}

#[test]
fn sale_list_aligns_its_columns_puts_money_flush_right_and_ends_with_a_total() {
    let (_dir, db) = demo();
    salescoach(&db)
        .args(["sale", "add", "--customer", "Marta", "--amount", "12345.67", "--no-followup"])
        .assert()
        .success();
    salescoach(&db).args(["customer", "add", "--name", "山田商店"]).assert().success();
    salescoach(&db).args(["sale", "add", "--customer", "山田", "--amount", "5", "--no-followup"]).assert().success();
    let sales = json(salescoach(&db).args(["sale", "list", "--from", "2026-11-27", "--json"]));
    let marta = sales.as_array().unwrap().iter().find(|s| s["customer"] == "Marta Novak").unwrap()["id"].clone();
    salescoach(&db).args(["sale", "refund", &marta.to_string(), "--amount", "45.67"]).assert().success();
    let text = stdout(salescoach(&db).args(["sale", "list", "--from", "today"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    // Every amount ends in the same column, measured in display width (山田商店 is 8 wide).
    let width = |l: &str| unicode_width::UnicodeWidthStr::width(l);
    assert!(lines.iter().all(|l| width(l) == width(lines[0])), "{text}");
    assert!(lines[0].ends_with("-$45.67") && lines[1].ends_with("$5.00") && lines[2].ends_with("$12,345.67"), "{text}");
    let total = lines[3];
    assert!(total.contains("Total") && total.contains("2 sales, 1 refund"), "{total}");
    assert!(total.ends_with("  $12,305.00"), "12,345.67 + 5 - 45.67: {total}");
    salescoach(&db)
        .args(["sale", "list", "--from", "2026-01-01", "--to", "2026-01-02"])
        .assert()
        .success()
        .stdout("No sales or refunds in this range.\n");
    // The whole list (streamed twice: widths, then lines) holds what the JSON holds, in
    // its order, and the total is their sum.
    let all = json(salescoach(&db).args(["sale", "list", "--json"]));
    let all = all.as_array().unwrap();
    assert!(all.len() > 20, "{} sales in the demo", all.len());
    let text = stdout(salescoach(&db).args(["sale", "list"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), all.len() + 1, "a line each and the total");
    for (line, sale) in lines.iter().zip(all) {
        assert!(line.starts_with(&format!("#{}", sale["id"])), "{line} / {sale}");
    }
    assert!(lines.iter().all(|l| width(l) == width(lines[0])), "{text}");
    let sum: i64 =
        all.iter().map(|s| s["amount_minor"].as_i64().unwrap() * if s["kind"] == "refund" { -1 } else { 1 }).sum();
    let money = format!("${},{:03}.{:02}", sum / 100_000, sum / 100 % 1000, sum % 100);
    assert!(sum >= 100_000 && lines[all.len()].ends_with(&money), "{money}: {}", lines[all.len()]);
}

#[test]
fn technique_lists_align_and_techniques_show_revenue() {
    let (_dir, db) = demo();
    salescoach(&db)
        .args(["technique", "add", "--name", "Démo sur place 山田", "--description", "On site"])
        .assert()
        .success();
    let text = stdout(salescoach(&db).args(["technique", "list"]));
    let start = |l: &str| {
        let name_end = l.find("  ").unwrap();
        let rest = &l[name_end..];
        unicode_width::UnicodeWidthStr::width(&l[..name_end + rest.len() - rest.trim_start().len()])
    };
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.iter().all(|l| start(l) == start(lines[0])), "descriptions start in one column:\n{text}");
    let report = stdout(salescoach(&db).arg("techniques"));
    let header = report.lines().nth(1).unwrap();
    assert!(header.contains("sales") && header.contains("revenue") && header.contains("avg deal"), "{report}");
    let techniques = json(salescoach(&db).args(["techniques", "--json"]));
    let live = techniques["techniques"].as_array().unwrap().iter().find(|t| t["name"] == "Live demo").unwrap().clone();
    let revenue = format!("${}", format_thousands(live["revenue"].as_i64().unwrap()));
    let row = report.lines().find(|l| l.starts_with("Live demo")).unwrap();
    assert!(row.contains(&revenue), "{revenue} in {row}");
}

/// 6372700 -> "63,727.00"
fn format_thousands(minor: i64) -> String {
    salescoach::domain::money::format_plain(minor.unsigned_abs())
}

#[test]
fn followup_list_shows_the_time() {
    let (_dir, db) = demo();
    salescoach(&db)
        .args(["followup", "add", "--customer", "Marta", "--due", "today", "--time", "9:30"])
        .assert()
        .success();
    let text = stdout(salescoach(&db).args(["followup", "list", "--days", "0"]));
    let line = text.lines().find(|l| l.contains("Marta Novak") && l.contains("2026-11-27")).unwrap();
    assert!(line.contains("2026-11-27  09:30  Marta Novak"), "{line}");
}

#[test]
fn refusals_and_honest_answers() {
    let (_dir, db) = demo();
    let one_line = |s: &str| s.trim_end().lines().count() == 1;
    salescoach(&db)
        .args(["search", "lever", "--limit", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--limit"))
        .stderr(predicate::function(one_line));
    salescoach(&db)
        .args(["sale", "add", "--customer", "Marta", "--amount", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("amount: must be more than zero"))
        .stderr(predicate::function(one_line));
    salescoach(&db)
        .args(["customer", "restore", "#1"])
        .assert()
        .success()
        .stdout("Customer #1 was not archived; nothing changed\n");
    salescoach(&db)
        .args(["customer", "archive", "#1"])
        .assert()
        .success()
        .stdout("Customer #1 archived; history kept\n");
    salescoach(&db)
        .args(["customer", "archive", "#1"])
        .assert()
        .success()
        .stdout("Customer #1 was already archived; nothing changed\n");
    salescoach(&db).args(["customer", "restore", "#1"]).assert().success().stdout("Customer #1 restored\n");
}

#[test]
fn json_gives_rates_as_fractions_and_the_average_score_beside_the_integers() {
    let (_dir, db) = demo();
    let stats = json(salescoach(&db).args(["stats", "--json"]));
    let tenths = stats["average_score_tenths"].as_i64().unwrap();
    assert_eq!(stats["average_satisfaction"].as_f64().unwrap(), tenths as f64 / 10.0);
    for (permille, rate) in [
        ("repeat_business_permille", "repeat_business_rate"),
        ("complainants_bought_again_permille", "complainants_bought_again_rate"),
        ("followups_on_time_this_week_permille", "followups_on_time_this_week_rate"),
    ] {
        match stats[permille].as_i64() {
            Some(p) => assert_eq!(stats[rate].as_f64(), Some(p as f64 / 1000.0), "{rate}"),
            None => assert!(stats[rate].is_null(), "{rate}"),
        }
    }
    let products = json(salescoach(&db).args(["product", "list", "--json"]));
    let training = products["training"].as_array().unwrap();
    assert!(training.iter().any(|t| !t["win_rate_permille"].is_null()), "{products:#}");
    for row in training {
        for (permille, rate) in [("retention_permille", "retention"), ("win_rate_permille", "win_rate")] {
            let expected = row[permille].as_i64().map(|p| p as f64 / 1000.0);
            assert_eq!(row[rate].as_f64(), expected, "{rate} in {row}");
        }
    }
    let goals = json(salescoach(&db).args(["goal", "list", "--json"]));
    let pace = &goals[0]["pace"];
    assert_eq!(pace["done_fraction"].as_f64().unwrap(), pace["done_permille"].as_i64().unwrap() as f64 / 1000.0);
    assert_eq!(
        pace["time_elapsed_fraction"].as_f64().unwrap(),
        pace["time_permille"].as_i64().unwrap() as f64 / 1000.0
    );
}

#[test]
fn the_readme_states_the_money_maximum_the_code_enforces() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let rules = readme.split("## Input rules").nth(1).unwrap().split("\n## ").next().unwrap();
    let maximum = salescoach::domain::money::format_plain(salescoach::domain::money::MAX_MINOR as u64);
    assert_eq!(maximum, "1,000,000,000,000.00");
    assert!(rules.contains(&format!("amounts over {maximum}")), "README Input rules must name {maximum}");
    assert!(!rules.contains("90 trillion"), "the old, wrong figure is gone");
    let err = salescoach::domain::money::parse_money("1,000,000,000,000.01").unwrap_err().to_string();
    assert!(err.contains(&maximum), "{err}");
}

#[test]
fn today_json_streams_every_due_row_in_order_with_controls_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("many.db");
    let customers = dir.path().join("customers.csv");
    let followups = dir.path().join("followups.csv");
    std::fs::write(&customers, "Name\nAda\nBo\n").unwrap();
    // 3,000 overdue over 30 days, then 7 due today: more rows than one output buffer holds.
    let mut csv = String::from("Customer,Due,Reason\n");
    for i in 0..3000 {
        csv += &format!("{},2026-10-{:02},Call {i}\n", ["Ada", "Bo"][i % 2], 28 - i % 28);
    }
    for i in 0..7 {
        csv += &format!("Ada,2026-11-27,Today {i}\n");
    }
    std::fs::write(&followups, csv).unwrap();
    salescoach(&db).args(["import", "customers"]).arg(&customers).assert().success();
    salescoach(&db).args(["import", "followups"]).arg(&followups).assert().success();
    let nasty = "Bo\u{9b}31m\u{202e}x\u{7f}";
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE customers SET name = ?1 WHERE name = 'Bo'", [nasty]).unwrap();
    drop(conn);

    let out = salescoach(&db).args(["today", "--json"]).output().unwrap();
    assert!(out.status.success());
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(!raw.chars().any(|c| c.is_control() && c != '\n'), "a control character passed through");
    assert!(raw.contains("Bo\\u009b31m\\u202ex\\u007f"), "escaped as \\u escapes");
    let today: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let section = |name: &str| today["sections"].as_array().unwrap().iter().find(|s| s["section"] == name).unwrap();
    let overdue = section("overdue");
    let items = overdue["items"].as_array().unwrap();
    assert_eq!((overdue["count"].as_u64(), items.len()), (Some(3000), 3000));
    let dues: Vec<&str> = items.iter().map(|i| i["due_on"].as_str().unwrap()).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    assert_eq!((dues[0], dues[2999]), ("2026-10-01", "2026-10-28"));
    assert_eq!(items.iter().filter(|i| i["customer"] == nasty).count(), 1500);
    assert_eq!(section("today")["items"].as_array().unwrap().len(), 7);
    // The text list holds the same rows, one line each.
    let text = stdout(salescoach(&db).arg("today"));
    assert_eq!(text.lines().filter(|l| l.contains(" Call ")).count(), 3000);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn interaction_list_streams_the_same_rows_as_text_and_json_newest_first() {
    let (_dir, db) = demo();
    let all = json(salescoach(&db).args(["interaction", "list", "--json"]));
    let all = all.as_array().unwrap();
    assert!(all.len() > 20, "{} interactions in the demo", all.len());
    let days: Vec<&str> = all.iter().map(|i| i["happened_on"].as_str().unwrap()).collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let text = stdout(salescoach(&db).args(["interaction", "list"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), all.len());
    for (line, row) in lines.iter().zip(all) {
        assert!(line.starts_with(&format!("#{:<6}", row["id"])), "{line} / {row}");
    }
}
