//! The hostile-input corpus in tests/fixtures/bad/: command-line arguments (args.jsonl),
//! config files (config/, config.jsonl) and database files (db/, db.jsonl). Every case must
//! exit 2 with exactly one line on stderr naming the input, no panic, no terminal control
//! character echoed back, and leave the database logically (or, for a database file
//! itself, byte-for-byte) unchanged.

mod common;

use common::dump;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-27";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

#[derive(serde::Deserialize)]
struct Case {
    names: String,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    file: String,
}

fn cases(name: &str) -> Vec<Case> {
    fs::read_to_string(fixtures().join(name))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}: {e}: {l}")))
        .collect()
}

fn salescoach(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_salescoach"));
    cmd.arg("--db").arg(db);
    cmd.env("SALESCOACH_TODAY", TODAY).env("XDG_CONFIG_HOME", "/nonexistent-config").env_remove("SALESCOACH_CONFIG");
    cmd
}

/// What every refusal must look like; returns a description of what is wrong, if anything.
fn judge(out: &Output, names: &str) -> Option<String> {
    let err = String::from_utf8_lossy(&out.stderr);
    let body = err.strip_suffix('\n').unwrap_or(&err);
    if out.status.code() != Some(2) {
        return Some(format!("exit {:?}, not 2: {err}", out.status.code()));
    }
    if body.is_empty() || body.contains('\n') {
        return Some(format!("not exactly one line: {err:?}"));
    }
    if body.contains("panicked") {
        return Some(format!("panicked: {err}"));
    }
    if body.chars().any(|c| c.is_control()) {
        return Some(format!("a control character reached the terminal: {err:?}"));
    }
    let shown = names.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect::<String>();
    if !body.to_lowercase().contains(&shown.to_lowercase()) {
        return Some(format!("does not name '{shown}': {err}"));
    }
    None
}

fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("shop.db");
    assert!(salescoach(&db).arg("demo").output().unwrap().status.success());
    // Today's item of the day is recorded, so later reads have nothing left to write.
    assert!(salescoach(&db).arg("today").output().unwrap().status.success());
    db
}

#[test]
fn bad_arguments_are_refused_in_one_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = dump(&db);
    let all = cases("args.jsonl");
    let mut failures = Vec::new();
    for case in &all {
        let out = salescoach(&db).args(&case.args).output().unwrap();
        if let Some(problem) = judge(&out, &case.names) {
            failures.push(format!("{:?}: {problem}", case.args));
        }
        if dump(&db) != before {
            panic!("{:?} changed the database", case.args);
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn invalid_utf8_in_an_argument_is_refused_in_one_line() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = dump(&db);
    let bad = std::ffi::OsStr::from_bytes(b"Mar\xffta");
    let out = salescoach(&db).args(["sale", "add", "--amount", "5", "--customer"]).arg(bad).output().unwrap();
    assert_eq!(judge(&out, "UTF-8"), None);
    assert_eq!(dump(&db), before);
}

#[test]
fn bad_config_files_are_refused_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = dump(&db);
    let all = cases("config.jsonl");
    let mut failures = Vec::new();
    for case in &all {
        let config = fixtures().join("config").join(&case.file);
        for args in [&["today"][..], &["sale", "add", "--customer", "Marta", "--amount", "5"]] {
            let out = salescoach(&db).arg("--config").arg(&config).args(args).output().unwrap();
            if let Some(problem) = judge(&out, &case.names) {
                failures.push(format!("{} {args:?}: {problem}", case.file));
            }
        }
        assert_eq!(dump(&db), before, "{} changed the database", case.file);
    }
    assert!(failures.is_empty(), "{} of {} files:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn bad_database_files_are_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let all = cases("db.jsonl");
    let mut failures = Vec::new();
    for case in &all {
        let copy = dir.path().join(&case.file);
        fs::copy(fixtures().join("db").join(&case.file), &copy).unwrap();
        let before = fs::read(&copy).unwrap();
        for args in [&["today"][..], &["customer", "add", "--name", "X"], &["check"]] {
            let out = salescoach(&copy).args(args).output().unwrap();
            if let Some(problem) = judge(&out, &case.names) {
                failures.push(format!("{} {args:?}: {problem}", case.file));
            }
            assert_eq!(fs::read(&copy).unwrap(), before, "{} was changed by {args:?}", case.file);
        }
        for side in ["-wal", "-shm", "-journal"] {
            let mut name = copy.as_os_str().to_owned();
            name.push(side);
            assert!(!PathBuf::from(name).exists(), "{}: SQLite left {side} behind", case.file);
        }
    }
    assert!(failures.is_empty(), "{} of {} files:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn the_corpus_holds_at_least_150_cases() {
    let total = cases("args.jsonl").len() + cases("config.jsonl").len() + cases("db.jsonl").len() + 1;
    assert!(total >= 150, "{total}");
}
