//! A damaged database in the TUI: marked on every screen, the way out on the status line,
//! and a write refused as a message, never a crash or a half-write.

mod common;

use common::{app, draw, today};
use salescoach::store::Store;
use salescoach::tui::Action;

fn damaged_demo(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("shop.db");
    let mut store = Store::open(&db).unwrap();
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    let now = today().and_hms_opt(8, 0, 0).unwrap();
    store.backup(now, salescoach::store::BackupKind::Manual).unwrap();
    drop(store);
    // A page no screen reads (the undo history's first): the schema, whose triggers span
    // many pages in the middle of the file, must stay readable for the file to open.
    let root: u32 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT rootpage FROM sqlite_master WHERE name = 'undo_log'", [], |r| r.get(0))
        .unwrap();
    let page = root as usize - 1;
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[page * 4096..(page + 1) * 4096].fill(0x5a);
    std::fs::write(&db, bytes).unwrap();
    db
}

#[test]
fn a_damaged_file_is_marked_and_names_the_backup_to_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = damaged_demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    let mut app = app(Store::open(&db).unwrap());
    let screen = draw(&app, 100, 24);
    let first = screen.lines().next().unwrap();
    assert!(first.contains("DAMAGED · read only"), "{first}");
    let status = app.status().unwrap();
    assert!(status.is_error && status.text.contains("restore"), "{}", status.text);
    assert!(status.text.contains("-manual.db"), "{}", status.text);
    // Reload, move around: still marked, and nothing was written.
    app.update(Action::Refresh);
    assert!(draw(&app, 100, 24).lines().next().unwrap().contains("DAMAGED"));
    drop(app);
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_sound_file_has_no_mark() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ok.db");
    let mut store = Store::open(&db).unwrap();
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    let app = app(store);
    assert!(!draw(&app, 100, 24).contains("read only"));
    assert!(app.status().is_none());
}
