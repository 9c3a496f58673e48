//! Opening, creating and refusing database files, on real files in a temp dir.

use salescoach::domain::customer::NewCustomer;
use salescoach::store::{MIGRATIONS, Store, latest_version, migrate, user_version};
use std::fs;
use std::path::Path;

fn digest(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

fn error_of(path: &Path) -> String {
    match Store::open(path) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(err) => format!("{err:#}"),
    }
}

#[test]
fn fresh_database_is_created_private_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/sales.db");
    let store = Store::open(&path).unwrap();
    assert!(store.counts().unwrap().is_empty());
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(user_version(&conn).unwrap(), latest_version());
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let folder = path.parent().unwrap();
        assert_eq!(fs::metadata(folder).unwrap().permissions().mode() & 0o777, 0o700);
    }
}

#[test]
fn wal_and_shm_files_are_private_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sales.db");
    let store = Store::open(&path).unwrap();
    // While the store is open the -wal and -shm files exist.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["-wal", "-shm"] {
            let side = dir.path().join(format!("sales.db{suffix}"));
            let meta = fs::metadata(&side).expect("exists while the store is open");
            assert_eq!(meta.permissions().mode() & 0o077, 0, "{suffix} readable by others");
        }
    }
    drop(store);
}

#[test]
fn pragmas_are_set_on_every_connection() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("p.db")).unwrap();
    let (fk, timeout, sync) = store.pragmas().unwrap();
    assert_eq!(fk, 1);
    assert!(timeout >= 5_000, "busy_timeout {timeout}");
    assert_eq!(sync, 2, "synchronous=FULL");
}

#[test]
fn opening_twice_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let schema_before: Vec<String> = schema(&conn);
    drop(conn);
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(schema(&conn), schema_before);
    assert_eq!(user_version(&conn).unwrap(), latest_version());
}

fn schema(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn migrating_twice_in_memory_is_a_no_op() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    migrate(&mut conn, MIGRATIONS).unwrap();
    let before = schema(&conn);
    migrate(&mut conn, MIGRATIONS).unwrap();
    assert_eq!(schema(&conn), before);
}

#[test]
fn a_failing_migration_leaves_nothing_behind() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    let broken: &[&str] = &["CREATE TABLE a (x INTEGER);", "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;"];
    let err = migrate(&mut conn, broken).unwrap_err();
    assert!(format!("{err:#}").contains("migration 2"), "{err:#}");
    assert_eq!(user_version(&conn).unwrap(), 0);
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 0, "the first step rolled back with the second");
}

#[test]
fn newer_database_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = digest(&path);
    let err = error_of(&path);
    assert!(err.contains("newer than this salescoach"), "{err}");
    assert!(!err.contains('\n'));
    assert_eq!(digest(&path), before);
}

#[test]
fn not_a_database_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    fs::write(&path, "Shopping list: beans, milk, cups\n".repeat(200)).unwrap();
    let before = digest(&path);
    let err = error_of(&path);
    assert!(err.contains("not an SQLite file"), "{err}");
    assert_eq!(digest(&path), before);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn another_applications_sqlite_file_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');").unwrap();
    }
    let before = digest(&path);
    let err = error_of(&path);
    assert!(err.contains("not a salescoach one"), "{err}");
    assert_eq!(digest(&path), before);

    let tagged = dir.path().join("tagged.db");
    {
        let conn = rusqlite::Connection::open(&tagged).unwrap();
        conn.pragma_update(None, "application_id", 42).unwrap();
    }
    let before = digest(&tagged);
    assert!(error_of(&tagged).contains("another application"));
    assert_eq!(digest(&tagged), before);
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = error_of(dir.path());
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn an_unreadable_file_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.db");
    drop(Store::open(&path).unwrap());
    let before = digest(&path);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads anything regardless of mode; there, a symlink loop is the unreadable path.
        let target = if fs::File::open(&path).is_ok() {
            let looped = dir.path().join("loop.db");
            std::os::unix::fs::symlink(&looped, &looped).unwrap();
            looped
        } else {
            path.clone()
        };
        let err = error_of(&target);
        assert!(err.contains("cannot read"), "{err}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    }
    assert_eq!(digest(&path), before);
}

#[test]
fn an_empty_file_is_adopted_as_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.counts().unwrap().is_empty());
}

#[test]
fn a_version_1_file_upgrades_in_place_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let mut store = Store::open(&path).unwrap();
    store
        .load_plan(&salescoach::demo::demo_plan(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()).unwrap())
        .unwrap();
    let counts = store.counts().unwrap();
    drop(store);
    {
        // Put the file back as version 1 wrote it: no deals, no undo history (its triggers and tables),
        // no request keys, the old index, the old version number.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let triggers: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'undo_%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for trigger in triggers {
            conn.execute_batch(&format!("DROP TRIGGER {trigger}")).unwrap();
        }
        conn.execute_batch(
            "DROP INDEX sales_by_refund; DROP INDEX followups_by_sale; DROP INDEX satisfaction_by_sale;
         DROP INDEX complaints_by_sale; DROP INDEX followups_by_complaint; DROP INDEX complaints_by_resolved;
         DROP TABLE interaction_objections; DROP INDEX notes_by_technique; DROP INDEX notes_by_objection;
         DROP INDEX followups_by_due; DROP INDEX complaints_by_opened; DROP INDEX interactions_lost_by_date;
         ALTER TABLE interactions DROP COLUMN response; ALTER TABLE notes DROP COLUMN kind;
         ALTER TABLE notes DROP COLUMN technique_id; ALTER TABLE notes DROP COLUMN objection;
         DROP TABLE undo_recording; DROP TABLE undo_log; DROP TABLE undo_steps;
             DROP TRIGGER interactions_touch_deal;
             DROP INDEX interactions_by_deal; DROP INDEX followups_by_deal;
             ALTER TABLE interactions DROP COLUMN deal_id; ALTER TABLE followups DROP COLUMN deal_id;
             DROP TABLE deal_moves; DROP TABLE deals; DROP TABLE deal_stages;
             DROP TABLE request_keys;
             DROP INDEX followups_open_by_due;
             CREATE INDEX followups_open_by_due ON followups (due_on, due_time, id) WHERE status = 'open';
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap(), counts, "nothing lost");
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(user_version(&conn).unwrap(), latest_version());
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_index_info('followups_open_by_due')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(columns, ["due_on", "due_time", "id", "customer_id", "kind", "reason", "recur_every", "status"]);
    assert_eq!(salescoach::store::undo_triggers::stored_count(&conn).unwrap(), 0, "undo triggers are TEMP now");
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    let before = store.counts().unwrap();
    store
        .add_customer(&NewCustomer {
            name: "After the upgrade".into(),
            created_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            ..Default::default()
        })
        .unwrap();
    store.undo().unwrap().expect("the upgraded file records changes for undo");
    assert_eq!(store.counts().unwrap(), before);
}

#[test]
fn a_scaled_load_builds_again_the_indexes_it_drops_and_a_failed_one_keeps_them() {
    use salescoach::demo::{scale_base, scale_chunks};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scaled.db");
    let mut store = Store::open(&path).unwrap();
    let fresh = schema(&rusqlite::Connection::open(&path).unwrap());
    let base = scale_base(3_000, today);
    let summary = store.load_scale(&base, scale_chunks(3_000, today, &base)).unwrap();
    assert_eq!(summary.followups, 3_000);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(schema(&conn), fresh, "every index is back, as it was defined");
    let entries: i64 = conn.query_row("SELECT count(*) FROM pragma_index_list('followups')", [], |r| r.get(0)).unwrap();
    assert!(entries >= 8, "{entries} follow-up indexes");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "the rebuilt indexes hold every row");
    drop(conn);
    drop(store);

    // A load that fails half-way (a follow-up's reason is over the limit in the second
    // chunk) rolls back with the dropped indexes in place and nothing loaded.
    let path = dir.path().join("failed.db");
    let mut store = Store::open(&path).unwrap();
    let base = scale_base(45_000, today);
    let chunks = scale_chunks(45_000, today, &base).enumerate().map(|(k, mut chunk)| {
        if k == 1 {
            chunk.followups[0].followup.reason = "x".repeat(2_001);
        }
        chunk
    });
    let err = store.load_scale(&base, chunks).unwrap_err();
    assert!(format!("{err:#}").contains("reason"), "{err:#}");
    assert_eq!(store.counts().unwrap(), Store::open_in_memory().unwrap().counts().unwrap(), "nothing loaded");
    drop(store);
    assert_eq!(schema(&rusqlite::Connection::open(&path).unwrap()), fresh);
}
