//! Shared fixtures for integration tests: a fixed day and a demo store.
#![allow(dead_code)]

use chrono::NaiveDate;
use salescoach::config::Config;
use salescoach::demo::demo_plan;
use salescoach::store::Store;
use salescoach::tui::{App, Ctx, Theme};

/// Every test runs on this Friday, whatever the clock says.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

pub fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.load_plan(&demo_plan(today()).unwrap()).unwrap();
    store
}

pub fn app(store: Store) -> App {
    App::new(store, Ctx { today: today(), config: Config::default(), theme: Theme::mono() }).unwrap()
}

/// The app drawn on a `TestBackend` of the given size, as text.
pub fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    terminal.backend().to_string()
}

/// A character key as the terminal sends it.
pub fn key(c: char) -> ratatui::crossterm::event::Event {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Types `text` into the app, one key at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_event(&key(c));
    }
}

pub fn press(app: &mut App, code: ratatui::crossterm::event::KeyCode) {
    use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Where the binary looks for its default config in tests: beside the database, never the
/// developer's own (`directories` follows XDG_CONFIG_HOME on Linux).
pub fn config_home(db: &std::path::Path) -> std::path::PathBuf {
    db.parent().unwrap().join("config-home")
}

/// The binary with its database, config and day pinned (tests may override the day).
pub fn salescoach(db: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("salescoach").unwrap();
    cmd.env("SALESCOACH_DB", db)
        .env("XDG_CONFIG_HOME", config_home(db))
        .env_remove("SALESCOACH_CONFIG")
        .env("SALESCOACH_TODAY", "2026-11-27")
        .env_remove("NO_COLOR");
    cmd
}

/// Runs a command that must succeed and parses its JSON output.
pub fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every row of every table, in order: equal dumps mean logically unchanged.
pub fn dump(db: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            out.push_str(&table);
            for i in 0..columns {
                out.push_str(&format!("|{:?}", row.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

/// What undoing a change must put back exactly: `dump` without the undo history itself
/// and without the full-text index's storage (whose pages differ after a delete and
/// re-insert), with the index's rows instead, by rowid.
pub fn content(db: &std::path::Path) -> String {
    let mut out: String = dump(db)
        .lines()
        .filter(|l| !l.starts_with("undo_") && !l.starts_with("search_index"))
        .map(|l| format!("{l}\n"))
        .collect();
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT rowid, title, body, tags FROM search_index ORDER BY rowid").unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok(format!(
                "search_index|{}|{:?}|{:?}|{:?}\n",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?
            ))
        })
        .unwrap();
    for row in rows {
        out.push_str(&row.unwrap());
    }
    out
}

/// Runs a command that must succeed and returns its output.
pub fn ok(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail with a one-line error, and returns that line.
pub fn refused_in_one_line(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

/// What the open form's field `label` says beside it (its status, as Debug text).
pub fn field_status(app: &App, label: &str) -> String {
    let form = app.form().expect("a form is open");
    let field = form.fields.iter().find(|f| f.label == label).expect(label);
    format!("{:?}", field.status)
}

/// Moves the focus of the open form to `label`.
pub fn focus(app: &mut App, label: &str) {
    for _ in 0..30 {
        let form = app.form().expect("a form is open");
        if form.fields[form.focus].label == label {
            return;
        }
        press(app, ratatui::crossterm::event::KeyCode::Tab);
    }
    panic!("no field {label}");
}

/// Whether a line of a query plan reads a whole table. `SCAN (subquery-N)`, or `SCAN per`
/// after `MATERIALIZE per` or `CO-ROUTINE per`, reads the rows a subquery above made (one
/// per day or per customer, say), not a table.
pub fn scans_a_table(line: &str, plan: &[String]) -> bool {
    let Some(what) = line.strip_prefix("SCAN ") else { return false };
    let made_above = |l: &String| ["MATERIALIZE ", "CO-ROUTINE "].iter().any(|p| l.strip_prefix(p) == Some(what));
    let materialized = plan.iter().any(made_above);
    !line.contains("USING") && !what.starts_with("(subquery-") && !materialized
}

/// The open deal under the cursor on the pipeline: the one whose customer the line with ▸
/// names.
pub fn selected_deal_id(app: &App) -> i64 {
    let screen = draw(app, 80, 24);
    let line = screen.lines().find(|l| l.contains('▸')).expect("a deal is selected");
    let deals = app.store().open_deals().unwrap();
    deals.iter().find(|d| line.contains(d.customer.as_str())).expect(line).id
}
