//! `salescoach techniques --by segment`: a technique that wins with one segment and loses
//! with another looks average over everyone; judged within each segment it does not.

mod common;

use common::{json, ok, refused_in_one_line as refused, salescoach};

fn log(db: &std::path::Path, customer: &str, technique: Option<&str>, outcome: &str, times: usize) {
    for _ in 0..times {
        let mut cmd = salescoach(db);
        cmd.args(["log", "call", "--customer", customer, "--outcome", outcome, "--date", "2026-11-20"]);
        if let Some(t) = technique {
            cmd.args(["--technique", t]);
        }
        ok(&mut cmd);
    }
}

#[test]
fn a_technique_is_judged_within_each_segment_and_the_coach_names_the_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("groups.db");
    ok(salescoach(&db).args(["customer", "add", "--name", "Ada Lovelace", "--segment", "Café"]));
    ok(salescoach(&db).args(["customer", "add", "--name", "Bo Berg", "--segment", "Office"]));
    ok(salescoach(&db).args(["customer", "add", "--name", "Cy Dahl"]));
    ok(salescoach(&db).args(["technique", "add", "--name", "Consultative"]));
    // Café: Consultative 9 won 1 lost, untagged 2 won 8 lost: the café rate is 11/20 = 55%.
    log(&db, "Ada", Some("Consultative"), "won", 9);
    log(&db, "Ada", Some("Consultative"), "lost", 1);
    log(&db, "Ada", None, "won", 2);
    log(&db, "Ada", None, "lost", 8);
    // Office: Consultative 1 won 9 lost, untagged 8 won 2 lost: 9/20 = 45%.
    log(&db, "Bo", Some("Consultative"), "won", 1);
    log(&db, "Bo", Some("Consultative"), "lost", 9);
    log(&db, "Bo", None, "won", 8);
    log(&db, "Bo", None, "lost", 2);
    log(&db, "Cy", Some("Consultative"), "won", 1);

    // Over everyone Consultative is 11 of 21 against 21 of 41: no clear difference.
    let all = json(salescoach(&db).args(["techniques", "--json"]));
    let consultative = all["techniques"].as_array().unwrap().iter().find(|t| t["name"] == "Consultative").unwrap();
    assert_eq!(consultative["verdict"], "no_difference");

    let by = json(salescoach(&db).args(["techniques", "--by", "segment", "--json"]));
    let groups = by["groups"].as_array().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["group"].as_str().unwrap()).collect();
    assert_eq!(names, ["Café", "Office", "(none)"]);
    let within = |g: usize| groups[g]["techniques"].as_array().unwrap()[0].clone();
    assert!((groups[0]["overall_win_rate"].as_f64().unwrap() - 0.55).abs() < 1e-9);
    // 9/10: Wilson 59.6%-98.2%, above 55%.
    let cafe = within(0);
    assert_eq!(cafe["verdict"], "works_best");
    let low = cafe["interval"][0].as_f64().unwrap();
    assert!((low - 0.5958).abs() < 0.0005, "{low}");
    // 1/10: Wilson 1.8%-40.4%, below 45%.
    assert!((groups[1]["overall_win_rate"].as_f64().unwrap() - 0.45).abs() < 1e-9);
    assert_eq!(within(1)["verdict"], "holding_you_back");
    assert_eq!(within(2)["verdict"], "too_few_cases");
    assert_eq!(by["strongest"]["group"], "Café");

    let text = ok(salescoach(&db).args(["techniques", "--by", "segment"]));
    assert!(text.contains("Café: win rate 55% over 20 decided"), "{text}");
    assert!(text.contains("Strongest: Consultative wins 90% with Café vs 55% there (10 cases)"), "{text}");

    // The coach puts it to work on Ada's call due this week (and not on Bo's).
    ok(salescoach(&db).args(["followup", "add", "--customer", "Ada", "--due", "2026-11-30", "--reason", "Call"]));
    ok(salescoach(&db).args(["followup", "add", "--customer", "Bo", "--due", "2026-11-30", "--reason", "Call"]));
    let insights = json(salescoach(&db).args(["insights", "--json"]));
    let line = insights.as_array().unwrap().iter().find(|i| i["rule"] == "technique_in_segment").unwrap();
    assert_eq!(line["message"], "Consultative wins 90% with Café customers vs your 55% there (10 cases)");
    assert_eq!(line["action"], "Use it on the 1 follow-up with Café customers due this week: Ada Lovelace.");

    let refusal = refused(salescoach(&db).args(["techniques", "--by", "region"]));
    assert!(refusal.contains("--by") && refusal.contains("segment, industry"), "{refusal}");
}
