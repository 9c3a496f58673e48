//! `salescoach deal ...`: a deal added at a stage, moved with its history kept, touched by
//! a logged call, won with its sale in the same step (and undone in one), lost with a
//! reason; bad input refused in one line with nothing changed.

mod common;

use common::{content, dump, json, ok, refused_in_one_line as refused, salescoach};

#[test]
fn a_deal_moves_through_the_stages_and_its_win_logs_the_sale() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    ok(salescoach(&db).args(["customer", "add", "--name", "Ada Lovelace"]));
    ok(salescoach(&db).args(["customer", "add", "--name", "Bo Berg"]));
    let stages = ok(salescoach(&db).args(["deal", "stages"]));
    assert!(stages.contains("Lead") && stages.contains(" 75%  cold after 5 days idle"), "{stages}");
    let said = ok(salescoach(&db).args([
        "deal",
        "add",
        "--customer",
        "Ada",
        "--title",
        "Two grinders",
        "--value",
        "2400",
        "--close",
        "2026-12-18",
    ]));
    assert_eq!(said, "Added deal #1 at Lead: Two grinders ($2,400.00)\n");
    ok(salescoach(&db).args(["deal", "move", "1", "prop", "--date", "2026-11-27"]));
    assert!(refused(salescoach(&db).args(["deal", "move", "1", "proposal"])).contains("at Proposal already"));
    assert!(
        refused(salescoach(&db).args(["deal", "move", "1", "xyz"]))
            .contains("the stages are Lead, Qualified, Proposal, Negotiation")
    );
    ok(salescoach(&db).args(["deal", "edit", "1", "--probability", "60"]));
    let shown = json(salescoach(&db).args(["deal", "show", "1", "--json"]));
    assert_eq!(shown["deal"]["stage"], "Proposal");
    assert_eq!(shown["deal"]["probability_permille"], 600);
    let history: Vec<&str> =
        shown["history"].as_array().unwrap().iter().map(|h| h["stage"].as_str().unwrap()).collect();
    assert_eq!(history, ["Lead", "Proposal"]);
    // A call about it is its latest activity; a call with someone else about it is refused.
    ok(salescoach(&db).args(["log", "call", "--customer", "Ada", "--deal", "1", "--date", "2026-11-27"]));
    ok(salescoach(&db).args([
        "followup",
        "add",
        "--customer",
        "Ada",
        "--due",
        "fri",
        "--reason",
        "Send the proposal",
        "--deal",
        "1",
    ]));
    assert!(
        refused(salescoach(&db).args(["followup", "add", "--customer", "Bo", "--due", "fri", "--deal", "1"]))
            .contains("is with Ada Lovelace")
    );
    assert!(
        refused(salescoach(&db).args(["log", "call", "--customer", "Bo", "--deal", "1"]))
            .contains("is with Ada Lovelace")
    );
    let list = ok(salescoach(&db).args(["deal", "list"]));
    assert!(
        list.contains("#1") && list.contains("Proposal") && list.contains("60%") && list.contains("$2,400.00"),
        "{list}"
    );
    // Won: the sale is logged with it, one undo step takes both back.
    let before = content(&db);
    let said = ok(salescoach(&db).args(["deal", "won", "1", "--amount", "2350"]));
    assert!(said.starts_with("Deal #1 won: sale #1 of $2,350.00 logged"), "{said}");
    let sales = json(salescoach(&db).args(["sale", "list", "--json"]));
    assert_eq!(
        (sales[0]["amount_minor"].as_i64(), sales[0]["customer"].as_str()),
        (Some(235_000), Some("Ada Lovelace"))
    );
    assert!(refused(salescoach(&db).args(["deal", "won", "1"])).contains("deal #1 is won already"));
    ok(salescoach(&db).args(["undo"]));
    assert!(content(&db) == before, "the win and its sale are one step");
    // Lost needs a reason; then it leaves the open list.
    assert!(!refused(salescoach(&db).args(["deal", "lost", "1", "--reason", " "])).is_empty());
    ok(salescoach(&db).args(["deal", "lost", "1", "--reason", "price"]));
    assert!(ok(salescoach(&db).args(["deal", "list"])).starts_with("No deals."));
    let all = json(salescoach(&db).args(["deal", "list", "--all", "--json"]));
    assert_eq!((all[0]["status"].as_str(), all[0]["lost_reason"].as_str()), (Some("lost"), Some("price")));
}

#[test]
fn bad_deals_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    ok(salescoach(&db).args(["customer", "add", "--name", "Ada"]));
    let before = dump(&db);
    for (args, field) in [
        (vec!["--title", "X", "--value", "abc"], "value"),
        (vec!["--title", " ", "--value", "10"], "title"),
        (vec!["--title", "X", "--value", "10", "--probability", "120"], "probability"),
        (vec!["--title", "X", "--value", "10", "--close", "someday"], "close"),
        (vec!["--title", "X", "--value", "10", "--stage", "won"], "stage"),
    ] {
        let err = refused(salescoach(&db).args(["deal", "add", "--customer", "Ada"]).args(&args));
        assert!(err.contains(field), "{args:?}: {err}");
    }
    assert!(refused(salescoach(&db).args(["deal", "won", "9"])).contains("there is no deal #9"));
    assert_eq!(dump(&db), before);
}

/// A revenue goal of 10,000 by 2026-12-31 with 2,000 sold: deal A (4,000 at Proposal,
/// 50%) and B (6,000 at Lead, its own 35%) close in time, C (10,000) after the deadline,
/// and D is won: its 1,500 sale counts once, as done. With pipeline: 3,500 done + 2,000 +
/// 2,100 = 7,600; open value in the window 10,000 against 6,500 remaining: 1.538x.
#[test]
fn the_forecast_adds_weighted_deals_closing_by_the_deadline_and_their_coverage() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    ok(salescoach(&db).args(["customer", "add", "--name", "Ada"]));
    ok(salescoach(&db).args([
        "goal",
        "add",
        "--title",
        "Q4",
        "--metric",
        "revenue",
        "--target",
        "10000",
        "--start",
        "2026-11-01",
        "--deadline",
        "2026-12-31",
    ]));
    ok(salescoach(&db).args([
        "sale",
        "add",
        "--customer",
        "Ada",
        "--amount",
        "2000",
        "--date",
        "2026-11-20",
        "--no-followup",
    ]));
    ok(salescoach(&db).args([
        "deal",
        "add",
        "--customer",
        "Ada",
        "--title",
        "A",
        "--value",
        "4000",
        "--stage",
        "proposal",
        "--close",
        "2026-12-15",
    ]));
    ok(salescoach(&db).args([
        "deal",
        "add",
        "--customer",
        "Ada",
        "--title",
        "B",
        "--value",
        "6000",
        "--probability",
        "35",
        "--close",
        "2026-12-31",
    ]));
    ok(salescoach(&db).args([
        "deal",
        "add",
        "--customer",
        "Ada",
        "--title",
        "C",
        "--value",
        "10000",
        "--stage",
        "negotiation",
        "--close",
        "2027-01-05",
    ]));
    ok(salescoach(&db).args([
        "deal",
        "add",
        "--customer",
        "Ada",
        "--title",
        "D",
        "--value",
        "1500",
        "--close",
        "2026-12-01",
    ]));
    ok(salescoach(&db).args(["deal", "won", "4", "--no-followup", "--date", "2026-11-27"]));
    let goal = json(salescoach(&db).args(["goal", "show", "1", "--json"]));
    let p = &goal["pipeline"];
    assert_eq!(p["done"], 350_000, "{goal}");
    assert_eq!(p["weighted_pipeline"], 410_000);
    assert_eq!(p["with_pipeline"], 760_000);
    assert_eq!(p["open_value"], 1_000_000);
    assert_eq!(p["remaining"], 650_000);
    assert_eq!(p["coverage_permille"], 1_538);
    assert_eq!(p["deals_counted"], 2);
    let text = ok(salescoach(&db).arg("forecast"));
    assert!(text.contains("Q4: $3,500.00 done + $4,100.00 weighted pipeline = $7,600.00 with pipeline"), "{text}");
    assert!(text.contains("1.5x coverage of $10,000.00 open / $6,500.00 remaining"), "{text}");
    let all = json(salescoach(&db).args(["forecast", "--json"]));
    assert_eq!(all["pipeline"]["overall"]["count"], 3, "three open deals: {all}");
    assert_eq!(all["pipeline"]["overall"]["weighted_minor"], 410_000 + 750_000);
}

#[test]
fn the_seller_adds_renames_moves_and_deletes_stages_and_history_protects_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stages.db");
    ok(salescoach(&db).args(["customer", "add", "--name", "Ada Lovelace"]));
    let names = |db: &std::path::Path| -> Vec<String> {
        let stages = json(salescoach(db).args(["deal", "stages", "--json"]));
        let stages = stages.as_array().unwrap();
        let positions: Vec<i64> = stages.iter().map(|s| s["position"].as_i64().unwrap()).collect();
        assert_eq!(positions, (1..=stages.len() as i64).collect::<Vec<_>>(), "positions stay 1, 2, 3 ...");
        stages.iter().map(|s| s["name"].as_str().unwrap().to_string()).collect()
    };
    let said = ok(salescoach(&db).args([
        "deal",
        "stage",
        "add",
        "Demo booked",
        "--probability",
        "40",
        "--idle",
        "6",
        "--before",
        "prop",
    ]));
    assert!(said.starts_with("Added stage #5 Demo booked\n"), "{said}");
    assert!(said.contains("3  Demo booked     40%  cold after 6 days idle"), "{said}");
    assert_eq!(names(&db), ["Lead", "Qualified", "Demo booked", "Proposal", "Negotiation"]);

    // A deal passes through it, and a stage with history cannot be deleted.
    ok(salescoach(&db).args(["deal", "add", "--customer", "Ada", "--title", "Grinder", "--value", "900"]));
    ok(salescoach(&db).args(["deal", "move", "1", "demo"]));
    let before = content(&db);
    let refusal = refused(salescoach(&db).args(["deal", "stage", "delete", "demo"]));
    assert!(refusal.contains("Demo booked is in the history of 1 deal; rename it instead"), "{refusal}");
    for bad in [
        vec!["deal", "stage", "add", "Trial", "--probability", "140", "--idle", "5"],
        vec!["deal", "stage", "add", "Trial", "--probability", "20", "--idle", "0"],
        vec!["deal", "stage", "add", "lead", "--probability", "20", "--idle", "5"],
        vec!["deal", "stage", "edit", "demo", "--before", "demo"],
    ] {
        let refusal = refused(salescoach(&db).args(&bad));
        let field = ["probability", "idle", "there is a stage called lead already", "before itself"];
        assert!(field.iter().any(|f| refusal.contains(f)), "{bad:?}: {refusal}");
    }
    assert_eq!(content(&db), before, "refusals change nothing");

    // Renamed and re-weighed, the deal's stage and forecast follow; --last moves it.
    ok(salescoach(&db).args(["deal", "stage", "edit", "demo", "--name", "Demo", "--probability", "45", "--last"]));
    assert_eq!(names(&db), ["Lead", "Qualified", "Proposal", "Negotiation", "Demo"]);
    let deal = json(salescoach(&db).args(["deal", "show", "1", "--json"]));
    assert_eq!(deal["deal"]["stage"], "Demo");
    let history: Vec<&str> = deal["history"].as_array().unwrap().iter().map(|h| h["stage"].as_str().unwrap()).collect();
    assert_eq!(history, ["Lead", "Demo"]);

    // A stage nothing refers to goes, and one undo brings it back in its place.
    ok(salescoach(&db).args(["deal", "stage", "delete", "qual"]));
    assert_eq!(names(&db), ["Lead", "Proposal", "Negotiation", "Demo"]);
    ok(salescoach(&db).args(["undo"]));
    assert_eq!(names(&db), ["Lead", "Qualified", "Proposal", "Negotiation", "Demo"]);
}
