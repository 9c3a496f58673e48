//! The hostile-import corpus in tests/fixtures/bad/import.jsonl: CSV files for every import
//! kind (into the demo database) and JSON exports (into an empty one), written out per case
//! or generated here when large or binary. Every case must exit 2 with exactly one line on
//! stderr naming the file and the line, no panic, no terminal control character echoed
//! back, and leave the database logically unchanged.

mod common;

use common::dump;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-27";

#[derive(serde::Deserialize)]
struct Case {
    kind: String,
    names: String,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    generate: Option<String>,
    #[serde(default)]
    args: Vec<String>,
    /// JSON cases: text replacements in a valid export of an empty database.
    #[serde(default)]
    replace: Vec<(String, String)>,
    /// JSON cases: rows for one table of that export.
    #[serde(default)]
    table: Option<String>,
    #[serde(default)]
    rows: Vec<String>,
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/import.jsonl");
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("import.jsonl: {e}: {l}")))
        .collect()
}

fn salescoach(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_salescoach"));
    cmd.arg("--db").arg(db);
    cmd.env("SALESCOACH_TODAY", TODAY).env("XDG_CONFIG_HOME", "/nonexistent-config").env_remove("SALESCOACH_CONFIG");
    cmd
}

/// What every refusal must look like; returns what is wrong, if anything.
fn judge(out: &Output, file: &str, names: &str) -> Option<String> {
    let err = String::from_utf8_lossy(&out.stderr);
    let body = err.strip_suffix('\n').unwrap_or(&err);
    if out.status.code() != Some(2) {
        return Some(format!("exit {:?}, not 2: {}", out.status.code(), cut(&err)));
    }
    if body.is_empty() || body.contains('\n') {
        return Some(format!("not exactly one line: {:?}", cut(&err)));
    }
    if body.contains("panicked") {
        return Some(format!("panicked: {err}"));
    }
    if body.chars().any(|c| c.is_control()) {
        return Some(format!("a control character reached the terminal: {:?}", cut(&err)));
    }
    if !body.contains(file) || !body.contains(names) {
        return Some(format!("does not name '{file}' and '{names}': {}", cut(&err)));
    }
    if body.len() > 2_000 {
        return Some(format!("{} bytes of message", body.len()));
    }
    None
}

fn cut(text: &str) -> String {
    text.chars().take(400).collect()
}

/// A deterministic byte stream (xorshift), so the binary cases are the same every run.
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

const TEN_MB: usize = 10 * 1024 * 1024;

fn generated(name: &str, template: &str) -> Vec<u8> {
    let big = "x".repeat(TEN_MB);
    match name {
        "utf16" => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend("Name,Email\nAda,a@b.co\n".encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
        "invalid_utf8_line_3" => b"Name,Email\nAda,a@b.co\nB\xffb,b@b.co\n".to_vec(),
        "latin1" => b"Name,Company\nAda,Caf\xe9\n".to_vec(),
        "png" => [&b"\x89PNG\r\n\x1a\n"[..], &noise(4096, 7)].concat(),
        "gzip" => [&b"\x1f\x8b\x08\x00"[..], &noise(4096, 11)].concat(),
        "random_binary" => noise(65_536, 42),
        "hundred_thousand_columns" => {
            let header: Vec<String> = (0..100_000).map(|i| format!("column{i}")).collect();
            format!("{}\n", header.join(",")).into_bytes()
        }
        "million_cells" => format!("Name,Email\nAda{}\n", ",x".repeat(1_000_000)).into_bytes(),
        "long_name" => format!("Name\n{}\n", "n".repeat(201)).into_bytes(),
        "ten_mb_name" => format!("Name\n{big}\n").into_bytes(),
        "ten_mb_notes" => format!("Name,Notes\nAda,\"{big}\"\n").into_bytes(),
        "ten_mb_email" => format!("Name,Email\nAda,{big}@\n").into_bytes(),
        "ten_mb_product_description" => format!("Name,Description\nWidget,{big}\n").into_bytes(),
        "ten_mb_customer_reference" => format!("Customer,Total,Date\n{big},5,2026-11-01\n").into_bytes(),
        "deep_nesting" => "[".repeat(100_000).into_bytes(),
        "deep_nesting_in_a_cell" => {
            let nested = format!("{}1{}", "[".repeat(50_000), "]".repeat(50_000));
            with_rows(template, "customers", &[format!("[{nested}]")]).into_bytes()
        }
        "truncated_export" => template.as_bytes()[..template.len() / 2].to_vec(),
        "invalid_utf8_in_export" => {
            let mut bytes = template.as_bytes().to_vec();
            let at = template.find("motivation_assets").unwrap();
            bytes[at] = 0xC3;
            bytes[at + 1] = 0x28;
            bytes
        }
        other => panic!("no generator {other}"),
    }
}

/// The export with `rows` in place of `table`'s (empty) rows.
fn with_rows(template: &str, table: &str, rows: &[String]) -> String {
    let start = template.find(&format!("\"{table}\": {{")).unwrap_or_else(|| panic!("no table {table}"));
    let at = start + template[start..].find("\"rows\": [").unwrap();
    let end = at + template[at..].find(']').unwrap() + 1;
    let body: Vec<String> = rows.iter().map(|r| format!("\n        {r}")).collect();
    format!("{}\"rows\": [{}\n      ]{}", &template[..at], body.join(","), &template[end..])
}

fn content(case: &Case, template: &str) -> Vec<u8> {
    if let Some(name) = &case.generate {
        return generated(name, template);
    }
    if let Some(text) = &case.content {
        return text.clone().into_bytes();
    }
    let mut text = template.to_string();
    for (from, to) in &case.replace {
        assert!(text.contains(from.as_str()), "the export has no {from:?}");
        text = text.replacen(from.as_str(), to, 1);
    }
    if let Some(table) = &case.table {
        text = with_rows(&text, table, &case.rows);
    }
    text.into_bytes()
}

#[test]
fn hostile_import_files_are_refused_in_one_line_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    assert!(salescoach(&demo).arg("demo").output().unwrap().status.success());
    assert!(salescoach(&demo).arg("today").output().unwrap().status.success());
    let empty = dir.path().join("empty.db");
    assert!(salescoach(&empty).arg("today").output().unwrap().status.success());
    let template =
        String::from_utf8(salescoach(&empty).args(["export", "--format", "json"]).output().unwrap().stdout).unwrap();
    assert!(template.contains("\"rows\": []"));
    let (demo_before, empty_before) = (dump(&demo), dump(&empty));

    let all = cases();
    let mut failures = Vec::new();
    for (n, case) in all.iter().enumerate() {
        let name = format!("case-{n:03}.{}", if case.kind == "json" { "json" } else { "csv" });
        let file: PathBuf = dir.path().join(&name);
        fs::write(&file, content(case, &template)).unwrap();
        let (db, before) = if case.kind == "json" { (&empty, &empty_before) } else { (&demo, &demo_before) };
        let out = salescoach(db).args(["import", &case.kind]).args(&case.args).arg(&file).output().unwrap();
        if let Some(problem) = judge(&out, &name, &case.names) {
            failures.push(format!("{name} ({} {:?}): {problem}", case.kind, case.generate.as_deref().unwrap_or("")));
        }
        assert!(dump(db) == *before, "{name} changed the database");
        fs::remove_file(&file).unwrap();
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn the_import_corpus_holds_at_least_fifty_cases_of_every_kind() {
    let all = cases();
    assert!(all.len() >= 50, "{}", all.len());
    for kind in ["customers", "products", "sales", "interactions", "followups", "json"] {
        assert!(all.iter().filter(|c| c.kind == kind).count() >= 5, "{kind}");
    }
}
