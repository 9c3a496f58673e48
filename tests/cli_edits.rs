//! `sale edit|delete`, `interaction edit|delete`, `followup edit`: only the options given
//! change, bad values change nothing, and the goal follows an edited sale at once.

mod common;

use common::{dump, json, ok, refused_in_one_line as refused, salescoach};

fn shop() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    ok(salescoach(&db).args(["customer", "add", "--name", "Ada Lovelace"]));
    ok(salescoach(&db).args(["customer", "add", "--name", "Bo Berg"]));
    ok(salescoach(&db).args(["product", "add", "--name", "Grinder", "--price", "300"]));
    (dir, db)
}

#[test]
fn a_sale_edit_changes_only_what_is_given_and_moves_the_goal() {
    let (_dir, db) = shop();
    ok(salescoach(&db).args([
        "goal",
        "add",
        "--title",
        "Dec",
        "--metric",
        "revenue",
        "--target",
        "1000",
        "--start",
        "2026-11-01",
        "--deadline",
        "2026-12-31",
    ]));
    let sale = json(salescoach(&db).args([
        "sale",
        "add",
        "--customer",
        "Ada",
        "--product",
        "Grinder",
        "--amount",
        "300",
        "--date",
        "2026-11-25",
        "--json",
    ]));
    let id = sale["id"].as_i64().unwrap().to_string();
    let done = |db| json(salescoach(db).args(["goal", "show", "1", "--json"]))["pace"]["done"].as_i64().unwrap();
    assert_eq!(done(&db), 30_000);
    let said = ok(salescoach(&db).args(["sale", "edit", &id, "--amount", "450.50", "--note", "two"]));
    assert_eq!(said, format!("Sale #{id} updated: $450.50 on 2026-11-25\n"));
    assert_eq!(done(&db), 45_050, "the goal follows at once");
    let row = &json(salescoach(&db).args(["sale", "list", "--json"]))[0];
    assert_eq!(
        (row["product"].as_str(), row["note"].as_str(), row["customer"].as_str()),
        (Some("Grinder"), Some("two"), Some("Ada Lovelace"))
    );
    ok(salescoach(&db).args(["sale", "edit", &id, "--product", "", "--customer", "Bo"]));
    let row = &json(salescoach(&db).args(["sale", "list", "--json"]))[0];
    assert_eq!((row["product"].is_null(), row["customer"].as_str()), (true, Some("Bo Berg")));
    // Bad values: one line naming the field, the file unchanged.
    let before = dump(&db);
    for (args, field) in [
        (vec!["--amount", "abc"], "amount"),
        (vec!["--date", "2026-12-25"], "date"),
        (vec!["--customer", "Nobody"], "customer"),
        (vec!["--quantity", "0"], "quantity"),
    ] {
        let err = refused(salescoach(&db).args(["sale", "edit", &id]).args(&args));
        assert!(err.contains(field), "{args:?}: {err}");
    }
    assert!(refused(salescoach(&db).args(["sale", "edit", "999", "--amount", "1"])).contains("there is no sale #999"));
    assert_eq!(dump(&db), before);
}

#[test]
fn a_sale_delete_names_what_went_and_refuses_while_refunded() {
    let (_dir, db) = shop();
    let sale = json(salescoach(&db).args(["sale", "add", "--customer", "Ada", "--amount", "120", "--json"]));
    let id = sale["id"].as_i64().unwrap().to_string();
    ok(salescoach(&db).args(["sale", "refund", &id, "--amount", "20"]));
    let err = refused(salescoach(&db).args(["sale", "delete", &id]));
    assert!(err.contains("has refund #2; delete the refund first"), "{err}");
    assert_eq!(ok(salescoach(&db).args(["sale", "delete", "2"])), "Deleted #2 ($20.00 to Ada Lovelace)\n");
    let said = ok(salescoach(&db).args(["sale", "delete", &id]));
    assert_eq!(said, format!("Deleted #{id} ($120.00 to Ada Lovelace) and its 2 open follow-ups\n"));
    assert_eq!(
        json(salescoach(&db).args(["followup", "list", "--days", "365", "--json"])).as_array().unwrap().len(),
        0
    );
}

#[test]
fn interactions_and_follow_ups_are_edited_in_place() {
    let (_dir, db) = shop();
    let call = json(salescoach(&db).args([
        "log",
        "call",
        "--customer",
        "Ada",
        "--outcome",
        "lost",
        "--lost-reason",
        "price",
        "--date",
        "2026-11-26",
        "--json",
    ]));
    let id = call["id"].as_i64().unwrap().to_string();
    ok(salescoach(&db).args(["interaction", "edit", &id, "--kind", "visit", "--outcome", "won"]));
    let row = &json(salescoach(&db).args(["interaction", "list", "--json"]))[0];
    assert_eq!(
        (row["kind"].as_str(), row["outcome"].as_str(), row["lost_reason"].as_str()),
        (Some("visit"), Some("won"), Some("")),
        "{row}"
    );
    let err = refused(salescoach(&db).args(["interaction", "edit", &id, "--lost-reason", "timing"]));
    assert!(err.contains("lost reason"), "{err}");
    ok(salescoach(&db).args(["interaction", "delete", &id]));
    assert_eq!(json(salescoach(&db).args(["interaction", "list", "--json"])).as_array().unwrap().len(), 0);

    let f = json(salescoach(&db).args([
        "followup",
        "add",
        "--customer",
        "Bo",
        "--due",
        "2026-11-30",
        "--reason",
        "Call",
        "--json",
    ]));
    let fid = f["id"].as_i64().unwrap().to_string();
    let said = ok(salescoach(&db)
        .args(["followup", "edit", &fid, "--due", "fri", "--time", "10:00", "--kind", "quote", "--every", "2"]));
    assert_eq!(said, format!("Follow-up #{fid} updated: quote on 2026-12-04\n"));
    let f = json(salescoach(&db).args(["followup", "edit", &fid, "--reason", "Send the quote", "--json"]));
    assert_eq!(
        (
            f["reason"].as_str(),
            f["due_time"].as_str(),
            f["recurrence"]["every"].as_i64(),
            f["recurrence"]["unit"].as_str()
        ),
        (Some("Send the quote"), Some("10:00"), Some(2), Some("week")),
        "{f}"
    );
    let f = json(salescoach(&db).args(["followup", "edit", &fid, "--once", "--time", "", "--json"]));
    assert!(f["recurrence"].is_null() && f["due_time"].is_null(), "{f}");
    let err = refused(salescoach(&db).args(["followup", "edit", &fid, "--time", "25:00"]));
    assert!(err.contains("time"), "{err}");
    ok(salescoach(&db).args(["followup", "cancel", &fid]));
    assert!(refused(salescoach(&db).args(["followup", "edit", &fid, "--due", "mon"])).contains("reopen it"));
}

#[test]
fn complaints_scores_and_hand_made_cards_are_edited() {
    let (_dir, db) = shop();
    ok(salescoach(&db).args(["complaint", "open", "--customer", "Ada", "--summary", "Late delivry"]));
    ok(salescoach(&db).args(["complaint", "edit", "1", "--summary", "Late delivery", "--severity", "high"]));
    let list = json(salescoach(&db).args(["complaint", "list", "--json"]));
    assert_eq!(
        (list[0]["summary"].as_str(), list[0]["severity"].as_str()),
        (Some("Late delivery"), Some("high")),
        "{list}"
    );
    assert!(
        refused(salescoach(&db).args(["complaint", "edit", "1", "--resolution", "Refunded"])).contains("resolve it")
    );
    assert!(refused(salescoach(&db).args(["complaint", "edit", "1", "--severity", "meh"])).contains("severity"));
    assert!(refused(salescoach(&db).args(["complaint", "edit", "1", "--summary", " "])).contains("summary"));

    ok(salescoach(&db).args(["rate", "Bo", "7", "--comment", "ok"]));
    let shown = ok(salescoach(&db).args(["customer", "show", "Bo"]));
    assert!(shown.contains("score #1 7 on"), "{shown}");
    ok(salescoach(&db).args(["score", "edit", "1", "--score", "9"]));
    let shown = ok(salescoach(&db).args(["customer", "show", "Bo"]));
    assert!(shown.contains("score #1 9 on") && shown.contains(" ok"), "{shown}");
    assert!(!refused(salescoach(&db).args(["score", "edit", "1", "--score", "11"])).is_empty());
    assert!(refused(salescoach(&db).args(["score", "edit", "9", "--score", "1"])).contains("there is no score #9"));

    ok(salescoach(&db).args(["cards", "add", "--front", "Grind for espresso?", "--back", "Fine"]));
    ok(salescoach(&db).args(["cards", "edit", "1", "--back", "Fine, like table salt"]));
    let due = json(salescoach(&db).args(["cards", "due", "--json"]));
    assert_eq!(due["cards"][0]["back"], "Fine, like table salt", "{due}");
    ok(salescoach(&db).args(["note", "add", "--title", "Milk", "--body", "Q: Milk temperature?\nA: 60-65 C"]));
    let err = refused(salescoach(&db).args(["cards", "edit", "2", "--back", "hot"]));
    assert!(err.contains("comes from note #1") && err.contains("note edit 1"), "{err}");
}
