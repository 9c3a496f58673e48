//! The hostile vCard corpus (tests/fixtures/bad/vcard.jsonl): empty, binary, truncated,
//! invalid UTF-8 and UTF-16 files, broken structure and encodings, control characters,
//! 10 MB fields, 2 MB lines, a bad card after a thousand good ones. Every case must be
//! refused with exit 2 and one line naming the file and the line, no control character,
//! and the database logically unchanged (modelled on tests/hostile_inputs.rs).
//!
//! A case has `text` (or `hex` for bytes that are not UTF-8), optionally `pad`: `@@` in
//! the text is replaced by `with` repeated `times` times. The import runs through
//! `salescoach import vcard FILE` once that command exists in the binary, and through the
//! function it calls (`cli::vcard::import_vcard`, reported as `main` reports) until then.

mod common;

use common::dump;

use clap::Parser;
use salescoach::cli::{Cli, Env, exit_code_for};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-11-27";

#[derive(serde::Deserialize)]
struct Pad {
    with: String,
    times: usize,
}

#[derive(serde::Deserialize)]
struct Case {
    names: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    hex: Option<String>,
    #[serde(default)]
    pad: Option<Pad>,
    #[serde(default)]
    merge: bool,
    #[serde(default)]
    why: String,
}

impl Case {
    fn bytes(&self) -> Vec<u8> {
        if let Some(hex) = &self.hex {
            return (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
        }
        let text = self.text.clone().unwrap_or_default();
        match &self.pad {
            Some(pad) => text.replace("@@", &pad.with.repeat(pad.times)).into_bytes(),
            None => text.into_bytes(),
        }
    }
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/vcard.jsonl");
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn salescoach(db: &Path, config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_salescoach"));
    cmd.arg("--db").arg(db).arg("--config").arg(config);
    cmd.env("SALESCOACH_TODAY", TODAY).env_remove("SALESCOACH_CONFIG");
    cmd
}

/// Whether the binary has `import vcard` yet (it belongs to the import command family).
fn binary_imports_vcard(db: &Path, config: &Path) -> bool {
    salescoach(db, config).args(["import", "vcard", "--help"]).output().is_ok_and(|o| o.status.success())
}

/// Exit code and stderr of one import.
fn import(db: &Path, config: &Path, file: &Path, merge: bool, binary: bool) -> (Option<i32>, String) {
    if binary {
        let mut cmd = salescoach(db, config);
        cmd.args(["import", "vcard"]).arg(file);
        if merge {
            cmd.arg("--merge");
        }
        let out = cmd.output().unwrap();
        return (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let args = ["salescoach".as_ref(), "--db".as_ref(), db.as_os_str(), "--config".as_ref(), config.as_os_str()];
    let cli = Cli::parse_from(args.iter().copied().chain(["--today".as_ref(), TODAY.as_ref()]));
    let env = Env::from_cli(&cli, chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()).unwrap();
    match salescoach::cli::vcard::import_vcard(file, merge, false, false, &env) {
        Ok(()) => (Some(0), String::new()),
        // As `main` reports a failure.
        Err(err) => (
            Some(i32::from(exit_code_for(&err))),
            format!("salescoach: {}\n", salescoach::domain::text::one_line(&format!("{err:#}"))),
        ),
    }
}

fn judge(code: Option<i32>, err: &str, file: &Path, names: &str) -> Option<String> {
    let body = err.strip_suffix('\n').unwrap_or(err);
    if code != Some(2) {
        return Some(format!("exit {code:?}, not 2: {err}"));
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
    if !body.contains(&format!("{}: {names}:", file.display())) {
        return Some(format!("does not say '{}: {names}:': {body}", file.display()));
    }
    if body.len() > 600 {
        return Some(format!("{} bytes is not one readable line", body.len()));
    }
    None
}

#[test]
fn hostile_vcards_are_refused_in_one_line_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let config = dir.path().join("config.toml");
    fs::write(&config, "").unwrap();
    assert!(salescoach(&db, &config).arg("demo").output().unwrap().status.success());
    assert!(salescoach(&db, &config).arg("today").output().unwrap().status.success());
    let binary = binary_imports_vcard(&db, &config);
    let before = dump(&db);
    let all = cases();
    let mut failures = Vec::new();
    for (i, case) in all.iter().enumerate() {
        let file = dir.path().join(format!("case{i}.vcf"));
        fs::write(&file, case.bytes()).unwrap();
        let (code, err) = import(&db, &config, &file, case.merge, binary);
        if let Some(problem) = judge(code, &err, &file, &case.names) {
            failures.push(format!("#{i} {}: {problem}", case.why));
        }
        assert_eq!(dump(&db), before, "#{i} {} changed the database", case.why);
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn a_missing_file_or_a_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let config = dir.path().join("config.toml");
    fs::write(&config, "").unwrap();
    let binary = binary_imports_vcard(&db, &config);
    for (file, words) in [(dir.path().join("nowhere.vcf"), "no such file"), (PathBuf::from(dir.path()), "cannot read")]
    {
        let (code, err) = import(&db, &config, &file, false, binary);
        assert_eq!(code, Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&file.display().to_string()) && err.contains(words), "{err}");
    }
}

#[test]
fn the_corpus_holds_at_least_30_cases() {
    assert!(cases().len() >= 30, "{}", cases().len());
}
