//! Products, notes, search and cards from the command line.

mod common;

use common::{json, salescoach};

use predicates::prelude::*;

#[test]
fn products_notes_search_and_cards() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    salescoach(&db)
        .args(["product", "add", "--name", "Lever Pro", "--price", "4,890", "--category", "Machines"])
        .assert()
        .success();
    salescoach(&db)
        .args(["product", "add", "--name", "Cheap", "--price", "1.999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("price:"));
    let added = json(salescoach(&db).args([
        "note",
        "add",
        "--title",
        "Lever Pro pitch",
        "--body",
        "Q: Groups?\nA: Two\nQ: dangling",
        "--tag",
        "pitch",
        "--tag",
        "machines",
        "--product",
        "lever",
        "--json",
    ]));
    assert_eq!(added["cards"]["added"], 1);
    assert_eq!(added["cards"]["problems"][0], "line 3: question without an answer");
    let hits = json(salescoach(&db).args(["search", "lev", "--json"]));
    let kinds: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["product", "note"], "title matches, product name first");
    salescoach(&db).args(["search", "AND", "OR", "\""]).assert().success();
    salescoach(&db).args(["cards", "due"]).assert().success().stdout(predicate::str::contains("1 card due today"));
    salescoach(&db)
        .args(["cards", "review"])
        .write_stdin("\n5\n3\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Type 1, 2, 3 or 4"))
        .stdout(predicate::str::contains("good -> next on 2026-11-30"))
        .stdout(predicate::str::contains("0 cards still due today"));
    let products = json(salescoach(&db).args(["product", "list", "--json"]));
    assert_eq!(products["training"][0]["retention_permille"], 1000);
    salescoach(&db)
        .args(["note", "edit", "1", "--body", "Q: Groups?\nA: Two groups\nQ: Boiler?\nA: 5 l"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 added, 1 updated, 0 removed"));
    salescoach(&db).args(["note", "delete", "1"]).assert().success();
    assert_eq!(json(salescoach(&db).args(["search", "pitch", "--json"])).as_array().unwrap().len(), 0);

    salescoach(&db).args(["product", "archive", "Lever Pro"]).assert().success();
    salescoach(&db).args(["product", "list"]).assert().success().stdout(predicate::str::contains("Lever Pro").not());
    salescoach(&db)
        .args(["product", "list", "--all"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Lever Pro").and(predicate::str::contains("(archived)")));
    salescoach(&db).args(["product", "restore", "1"]).assert().success();
    salescoach(&db).args(["product", "list"]).assert().success().stdout(predicate::str::contains("Lever Pro"));
    salescoach(&db).args(["product", "restore", "42"]).assert().code(2).stderr(predicate::str::contains("product:"));
}

#[cfg(unix)]
#[test]
fn note_bodies_can_come_from_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let script = dir.path().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf 'Q: Warranty?\\nA: Two years\\n' > \"$1\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    salescoach(&db)
        .env("EDITOR", &script)
        .args(["note", "add", "--title", "Warranty", "--edit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 added"));
    salescoach(&db)
        .env("EDITOR", "no-such-editor-xyz")
        .args(["note", "add", "--title", "Nope", "--edit"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("set $EDITOR"));
    assert_eq!(
        json(salescoach(&db).args(["note", "list", "--json"])).as_array().unwrap().len(),
        1,
        "nothing saved on failure"
    );
}
