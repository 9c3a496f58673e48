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
        .env_remove("VISUAL")
        .env("EDITOR", &script)
        .args(["note", "add", "--title", "Warranty", "--edit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 added"));
    // The shell says "not found" first, in its own words; the last line is ours.
    salescoach(&db)
        .env_remove("VISUAL")
        .env("EDITOR", "no-such-editor-xyz")
        .args(["note", "add", "--title", "Nope", "--edit"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "salescoach: cannot start the editor 'no-such-editor-xyz': not found; set $VISUAL or $EDITOR",
        ));
    assert_eq!(
        json(salescoach(&db).args(["note", "list", "--json"])).as_array().unwrap().len(),
        1,
        "nothing saved on failure"
    );
}

/// An executable shell script at `path` (folders and spaces as given).
fn script(path: &std::path::Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_editor_is_visual_then_editor_run_through_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ed.db");
    // A path with a space and a quoted argument: split on spaces, neither would work.
    let editor = dir.path().join("my tools").join("write card.sh");
    script(&editor, "printf '%s\\nQ: Groups?\\nA: Two\\n' \"$1\" > \"$2\"");
    let visual = format!("'{}' \"from visual\"", editor.display());
    salescoach(&db)
        .env("VISUAL", &visual)
        .env("EDITOR", "false")
        .args(["note", "add", "--title", "Lever Pro", "--edit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cards: 1 added"));
    let note = json(salescoach(&db).args(["note", "show", "1", "--json"]));
    assert_eq!(note["note"]["body"], "from visual\nQ: Groups?\nA: Two\n");
    // Without $VISUAL, $EDITOR is used.
    salescoach(&db)
        .env_remove("VISUAL")
        .env("EDITOR", "false")
        .args(["note", "edit", "1", "--edit"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the editor 'false' exited with exit status: 1; nothing was changed"));
}

#[cfg(unix)]
#[test]
fn an_edited_text_that_is_refused_is_kept_in_a_private_file_the_error_names() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("long.db");
    let editor = dir.path().join("long.sh");
    script(&editor, "head -c 200001 /dev/zero | tr '\\0' x > \"$1\"");
    let out = salescoach(&db)
        .env_remove("VISUAL")
        .env("EDITOR", &editor)
        .args(["note", "add", "--title", "Too long", "--edit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("body: is 200001 characters; at most 200000 are accepted"), "{err}");
    let kept: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("salescoach-unsaved-"))
        .collect();
    assert_eq!(kept.len(), 1, "{err}");
    assert!(err.contains(&format!("your edited text is kept in {}", kept[0].display())), "{err}");
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap().len(), 200_001);
    assert_eq!(std::fs::metadata(&kept[0]).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(json(salescoach(&db).args(["note", "list", "--json"])), serde_json::json!([]));
}
