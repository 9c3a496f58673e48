//! `salescoach segments`: results by demographic on a small business built through the
//! CLI, every figure hand-computed, the JSON shape and the refusals.

mod common;

use common::{json, ok, refused_in_one_line as refused, salescoach};

fn call(db: &std::path::Path, customer: &str, outcome: &str, times: usize) {
    for _ in 0..times {
        ok(salescoach(db).args(["log", "call", "--customer", customer, "--outcome", outcome, "--date", "2026-11-20"]));
    }
}

fn sale(db: &std::path::Path, customer: &str, amount: &str, date: &str) {
    ok(salescoach(db).args([
        "sale",
        "add",
        "--customer",
        customer,
        "--amount",
        amount,
        "--date",
        date,
        "--no-followup",
    ]));
}

fn business() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("segments.db");
    let add = |name: &str, segment: &str, tags: &str| {
        ok(salescoach(&db).args(["customer", "add", "--name", name, "--segment", segment, "--tags", tags]));
    };
    add("Ada Berg", "Café", "wholesale,flagship");
    add("Bo Dahl", "Café", "wholesale");
    add("Cy Eck", "Office", "");
    ok(salescoach(&db).args(["customer", "add", "--name", "Di Fox"]));
    sale(&db, "Ada", "100", "2026-10-01");
    sale(&db, "Ada", "50", "2026-11-01");
    ok(salescoach(&db).args(["sale", "refund", "2", "--amount", "20", "--date", "2026-11-05"]));
    sale(&db, "Bo", "30", "2026-11-10");
    sale(&db, "Cy", "200", "2026-06-01");
    call(&db, "Ada", "won", 5);
    call(&db, "Ada", "lost", 1);
    call(&db, "Bo", "won", 3);
    call(&db, "Bo", "lost", 1);
    ok(salescoach(&db).args(["rate", "Ada", "9", "--date", "2026-11-21"]));
    ok(salescoach(&db).args(["complaint", "open", "--customer", "Bo", "--summary", "Late", "--date", "2026-11-22"]));
    (dir, db)
}

#[test]
fn each_segment_gets_its_figures_and_thin_ones_say_too_few() {
    let (_dir, db) = business();
    let out = json(salescoach(&db).args(["segments", "--json"]));
    assert_eq!(
        (out["by"].as_str(), out["from"].as_str(), out["to"].as_str()),
        (Some("segment"), Some("2025-11-28"), Some("2026-11-27"))
    );
    assert_eq!((out["min_decided"].as_u64(), out["min_cases"].as_u64()), (Some(10), Some(5)));
    let groups = out["groups"].as_array().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["group"].as_str().unwrap()).collect();
    assert_eq!(names, ["Office", "Café", "(none)"]);
    // Café: 100 + 50 - 20 + 30 = 160.00 over 3 sales (53.33 each), 160 of 360 = 44.4%;
    // 8 of 10 calls won: Wilson 49.0%-94.3%.
    let cafe = &groups[1];
    assert_eq!(cafe["customers"], 2);
    assert_eq!(cafe["active_customers"], 2);
    assert_eq!(cafe["revenue_minor"], 16_000);
    assert_eq!(cafe["revenue_share"], 444);
    assert_eq!(cafe["sales"], 3);
    assert_eq!(cafe["average_deal_minor"], 5_333);
    assert_eq!((cafe["decided"].as_u64(), cafe["won"].as_u64()), (Some(10), Some(8)));
    let low = cafe["win_rate"]["value"]["low"].as_f64().unwrap();
    assert!((low - 0.4902).abs() < 0.00005, "{low}");
    assert_eq!(cafe["nps"], serde_json::json!({ "value": null, "cases": 1, "needed": 5 }));
    assert_eq!(cafe["open_complaints"], 1);
    assert_eq!(groups[0]["revenue_share"], 556);
    assert_eq!(groups[2]["customers"], 1);
    assert!(out["notes"][0].as_str().unwrap().contains("current segment"));

    let text = ok(salescoach(&db).args(["segments"]));
    assert!(text.starts_with("Results by segment, 2025-11-28 to 2026-11-27"), "{text}");
    let cafe_line = text.lines().find(|l| l.trim_start().starts_with("Café")).unwrap();
    for cell in ["$160.00", "44.4%", "$53.33", "80% (49-94%)", "too few (2)", "too few (1)"] {
        assert!(cafe_line.contains(cell), "{cell} in {cafe_line}");
    }
    assert!(text.contains("Figures use each customer's current segment"), "{text}");
}

#[test]
fn tags_count_a_customer_in_each_and_the_period_can_be_narrowed() {
    let (_dir, db) = business();
    let tags = json(salescoach(&db).args(["segments", "--by", "tag", "--json"]));
    let groups = tags["groups"].as_array().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["group"].as_str().unwrap()).collect();
    assert_eq!(names, ["wholesale", "flagship", "(none)"]);
    assert_eq!((groups[0]["customers"].as_u64(), groups[0]["revenue_minor"].as_i64()), (Some(2), Some(16_000)));
    assert_eq!(groups[1]["revenue_minor"], 13_000);
    let text = ok(salescoach(&db).args(["segments", "--by", "tag"]));
    assert!(text.contains("counts in both groups"), "{text}");

    // From July Cy's June sale is out: Office has no revenue and Café has it all.
    let narrow = json(salescoach(&db).args(["segments", "--from", "2026-07-01", "--to", "2026-11-27", "--json"]));
    let cafe = narrow["groups"].as_array().unwrap().iter().find(|g| g["group"] == "Café").unwrap().clone();
    assert_eq!(cafe["revenue_share"], 1000);
}

#[test]
fn a_bad_field_or_date_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    let by = refused(salescoach(&db).args(["segments", "--by", "city"]));
    assert!(by.contains("--by") && by.contains("segment, industry, region, tag, product"), "{by}");
    let from = refused(salescoach(&db).args(["segments", "--from", "2026-13-45"]));
    assert!(from.contains("from"), "{from}");
    let order = refused(salescoach(&db).args(["segments", "--from", "2026-11-20", "--to", "2026-11-01"]));
    assert!(order.contains("to") && order.contains("before --from"), "{order}");
    let empty = ok(salescoach(&db).args(["segments"]));
    assert!(empty.contains("No customers, sales or interactions to group."), "{empty}");
}

#[test]
fn a_customer_moved_to_another_segment_takes_their_history_along() {
    let (_dir, db) = business();
    ok(salescoach(&db).args(["customer", "edit", "Cy", "--segment", "Café"]));
    let out = json(salescoach(&db).args(["segments", "--json"]));
    let groups = out["groups"].as_array().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["group"].as_str().unwrap()).collect();
    // Office had only Cy: it is gone, and his June sale of 200.00 counts for cafés now.
    assert_eq!(names, ["Café", "(none)"]);
    assert_eq!((groups[0]["customers"].as_u64(), groups[0]["revenue_minor"].as_i64()), (Some(3), Some(36_000)));
    assert_eq!(groups[0]["revenue_share"], 1000);
    assert_eq!(groups[0]["sales"], 4);
}

#[test]
fn the_monthly_report_says_who_bought_against_the_month_before() {
    let (_dir, db) = business();
    let md = ok(salescoach(&db).args(["report", "--period", "month", "--date", "2026-11-27"]));
    // November to the 27th: Ada's 50.00 less her 20.00 refund, and Bo's 30.00: cafés 60.00,
    // all of the month; 1-27 October: Ada's 100.00. Cy's office bought in June: not shown.
    assert!(md.contains("## Who bought"), "{md}");
    assert!(md.contains("| Café | $60.00 | 100.0% | 2 | $100.00 | -40% |"), "{md}");
    assert!(!md.contains("| Office |"), "{md}");
    assert!(md.contains("No technique stands out within a segment yet"), "{md}");
    assert!(md.contains("each customer's current segment"), "{md}");
}
