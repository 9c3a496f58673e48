//! Data safety through the real binary: damage caught, reads that never take the write lock,
//! safe first creation, errors that name the real cause, private files, backup and restore.

mod common;

use common::dump;

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-27";

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("salescoach").unwrap();
    cmd.env_remove("SALESCOACH_DB").env_remove("SALESCOACH_CONFIG").env("XDG_CONFIG_HOME", "/nonexistent-config");
    cmd.env("SALESCOACH_TODAY", TODAY);
    cmd
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    bin().arg("--db").arg(db).args(args).output().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("shop.db");
    let out = run(&db, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn first_open_followup(db: &Path) -> i64 {
    let out = run(db, &["followup", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    list[0]["id"].as_i64().unwrap()
}

/// Overwrites one 4 KiB page, as a bad disk would: the first page of the undo history, a
/// table no command here reads, so reads still work and only the checks find the damage.
/// (Any page in the middle could be the schema's, whose triggers span many pages, and a
/// file whose schema cannot be read does not open at all.)
fn damage(db: &Path) {
    let root: u32 = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT rootpage FROM sqlite_master WHERE name = 'undo_log'", [], |r| r.get(0))
        .unwrap();
    let mut bytes = fs::read(db).unwrap();
    let page = root as usize - 1;
    for (i, b) in bytes[page * 4096..(page + 1) * 4096].iter_mut().enumerate() {
        *b = (i * 7 + 13) as u8;
    }
    fs::write(db, bytes).unwrap();
}

#[test]
fn a_damaged_file_refuses_every_write_and_says_how_to_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let backup = run(&db, &["backup"]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    let followup = first_open_followup(&db);
    damage(&db);
    let before = fs::read(&db).unwrap();

    let id = followup.to_string();
    let writes: [&[&str]; 3] = [
        &["sale", "add", "--customer", "Marta", "--amount", "5"],
        &["log", "call", "--customer", "Marta"],
        &["followup", "done", &id],
    ];
    for args in writes {
        let out = run(&db, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?} must fail: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.contains("is damaged"), "{args:?}: {err}");
        assert!(err.contains("-manual.db") && err.contains("restore"), "names the backup and the command: {err}");
        assert_eq!(fs::read(&db).unwrap(), before, "{args:?} wrote into a damaged file");
    }

    // Reading still works, marked on stderr after the output.
    let stats = run(&db, &["stats"]);
    assert!(stats.status.success(), "{}", stderr(&stats));
    assert!(stderr(&stats).contains("warning") && stderr(&stats).contains("is damaged"), "{}", stderr(&stats));

    let check = run(&db, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).starts_with("salescoach: DAMAGED"), "{}", stderr(&check));
}

#[test]
fn a_clean_open_skips_the_check_and_a_changed_file_is_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let record = dir.path().join("shop.db-verified");
    assert!(record.exists(), "the demo's close recorded the file as verified");
    // A write by salescoach keeps the record valid.
    assert!(run(&db, &["customer", "add", "--name", "Zed"]).status.success());
    assert!(run(&db, &["check"]).status.success());
    // The file changed behind salescoach's back (same size, new bytes): damage is caught.
    damage(&db);
    let out = run(&db, &["customer", "add", "--name", "Yves"]);
    assert!(stderr(&out).contains("is damaged"), "{}", stderr(&out));
}

#[test]
fn reads_do_not_wait_for_another_process_holding_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Record today's item first, so `today` has nothing it must write.
    assert!(run(&db, &["customer", "list"]).status.success());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('held', '1');").unwrap();
    for args in [&["customer", "list"][..], &["today"], &["today", "--json"], &["stats"], &["goal", "list"]] {
        let out = run(&db, args);
        assert!(out.status.success(), "{args:?} failed behind a held write lock: {}", stderr(&out));
    }
    // A new day: `today` would record the item of the day, but shows it without waiting.
    let out = bin().arg("--db").arg(&db).env("SALESCOACH_TODAY", "2026-11-30").arg("today").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Today, Monday 30 November"));
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn first_creation_from_many_processes_at_once_is_safe() {
    let dir = tempfile::tempdir().unwrap();
    for trial in 0..10 {
        let db = dir.path().join(format!("race{trial}.db"));
        let children: Vec<_> = (0..8)
            .map(|i| {
                let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_salescoach"));
                cmd.arg("--db").arg(&db).env("SALESCOACH_TODAY", TODAY).env("XDG_CONFIG_HOME", "/nonexistent-config");
                if i % 2 == 0 {
                    cmd.arg("today");
                } else {
                    cmd.args(["customer", "add", "--name", &format!("C{i}")]);
                }
                cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "trial {trial}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        let customers: i64 = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).unwrap();
        assert_eq!(customers, 4, "trial {trial}");
    }
}

#[test]
fn a_fifo_or_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.db");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let start = Instant::now();
    let out = run(&fifo, &["today"]);
    assert!(start.elapsed() < Duration::from_secs(10), "blocked on the FIFO");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("named pipe"), "{}", stderr(&out));
    let out = run(Path::new("/dev/null"), &["today"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a device"), "{}", stderr(&out));
}

#[test]
fn a_removed_wal_file_is_named_not_called_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Another program keeps the file open with commits still in the -wal file.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    holder.execute_batch("INSERT INTO settings (key, value) VALUES ('a', '1')").unwrap();
    fs::remove_file(dir.path().join("shop.db-wal")).unwrap();
    let out = run(&db, &["customer", "list"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(!err.contains("not a readable"), "{err}");
    assert!(err.contains("-wal"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    drop(holder);
}

#[test]
fn report_out_is_private_and_replaces_the_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let target = dir.path().join("review.md");
    fs::write(&target, "an older, longer review ".repeat(1000)).unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" --db \"$1\" report --out \"$2\"")
        .arg(env!("CARGO_BIN_EXE_salescoach"))
        .arg(&db)
        .arg(&target)
        .env("SALESCOACH_TODAY", TODAY)
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
    let text = fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("# ") && !text.contains("older"), "{text}");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn backup_is_private_verified_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = run(&db, &["backup", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let path = PathBuf::from(info["path"].as_str().unwrap());
    assert_eq!(path.parent().unwrap(), dir.path().join("backups"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(dump(&path), dump(&db), "the backup holds exactly the database");

    let chosen = dir.path().join("copy.db");
    assert!(run(&db, &["backup", chosen.to_str().unwrap()]).status.success());
    assert_eq!(dump(&chosen), dump(&db));

    let list = run(&db, &["backup", "list", "--json"]);
    let all: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let kinds: Vec<&str> = all.as_array().unwrap().iter().map(|b| b["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"manual") && kinds.contains(&"daily"), "{kinds:?}");
}

#[test]
fn a_backup_taken_while_another_process_writes_holds_every_committed_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let writer_db = db.clone();
    let writer = std::thread::spawn(move || {
        let mut acknowledged = Vec::new();
        for i in 0..60 {
            let name = format!("Writer {i}");
            let out = run(&writer_db, &["customer", "add", "--name", &name]);
            assert!(out.status.success(), "{}", stderr(&out));
            acknowledged.push((Instant::now(), name));
        }
        acknowledged
    });
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let target = dir.path().join("during.db");
    let out = run(&db, &["backup", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let acknowledged = writer.join().unwrap();
    let before: Vec<&String> = acknowledged.iter().filter(|(at, _)| *at < started).map(|(_, n)| n).collect();
    assert!(!before.is_empty(), "the backup started after some writes");
    let conn = rusqlite::Connection::open(&target).unwrap();
    for name in before {
        let found: i64 =
            conn.query_row("SELECT count(*) FROM customers WHERE name = ?1", [name], |r| r.get(0)).unwrap();
        assert_eq!(found, 1, "{name} was committed before the backup began");
    }
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn restore_replaces_the_database_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let saved = dir.path().join("saved.db");
    assert!(run(&db, &["backup", saved.to_str().unwrap()]).status.success());
    let at_backup = dump(&db);
    assert!(run(&db, &["customer", "add", "--name", "After The Backup"]).status.success());
    let after = dump(&db);

    let out = run(&db, &["restore", saved.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(dump(&db), at_backup);
    let kept = String::from_utf8_lossy(&out.stdout).rsplit(' ').next().unwrap().trim().to_string();
    assert!(kept.contains("before-restore"), "{kept}");
    assert_eq!(dump(Path::new(&kept)), after, "the replaced database was kept whole");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&db).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(run(&db, &["check"]).status.success());
}

#[test]
fn restore_refuses_a_bad_file_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let damaged = dir.path().join("damaged.db");
    assert!(run(&db, &["backup", damaged.to_str().unwrap()]).status.success());
    damage(&damaged);
    let newer = dir.path().join("newer.db");
    assert!(run(&db, &["backup", newer.to_str().unwrap()]).status.success());
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let text = dir.path().join("notes.txt");
    fs::write(&text, "not a database").unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();

    let before = dump(&db);
    let backups_before = fs::read_dir(dir.path().join("backups")).unwrap().count();
    for (file, why) in
        [(&damaged, "damaged"), (&newer, "newer"), (&text, "not an SQLite"), (&foreign, "not a salescoach")]
    {
        let out = run(&db, &["restore", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(why), "{why}: {}", stderr(&out));
        assert!(stderr(&out).contains("nothing was changed"), "{}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1);
    }
    assert_eq!(dump(&db), before);
    assert_eq!(fs::read_dir(dir.path().join("backups")).unwrap().count(), backups_before);
}

#[test]
fn restore_refuses_while_another_connection_has_the_database_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let saved = dir.path().join("saved.db");
    assert!(run(&db, &["backup", saved.to_str().unwrap()]).status.success());
    let window = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = window.query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).unwrap();
    let out = run(&db, &["restore", saved.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("in use"), "{}", stderr(&out));
    drop(window);
}

#[test]
fn a_daily_backup_is_taken_on_the_first_write_of_a_day_and_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "backups_kept = 2\n").unwrap();
    let db = dir.path().join("daily.db");
    let with_day = |day: &str, args: &[&str]| {
        bin()
            .arg("--db")
            .arg(&db)
            .arg("--config")
            .arg(&config)
            .env("SALESCOACH_TODAY", day)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(with_day("2026-11-23", &["customer", "add", "--name", "A"]).status.success());
    assert!(with_day("2026-11-23", &["customer", "add", "--name", "B"]).status.success());
    assert!(with_day("2026-11-23", &["backup"]).status.success());
    // Reading takes no backup.
    assert!(with_day("2026-11-24", &["customer", "list"]).status.success());
    for day in ["2026-11-25", "2026-11-26", "2026-11-27"] {
        assert!(with_day(day, &["customer", "add", "--name", day]).status.success());
    }
    let list = with_day("2026-11-27", &["backup", "list", "--json"]);
    let all: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let days: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|b| format!("{} {}", b["kind"].as_str().unwrap(), &b["taken"].as_str().unwrap()[..10]))
        .collect();
    assert_eq!(days, ["daily 2026-11-27", "daily 2026-11-26", "manual 2026-11-23"]);
}

#[test]
fn an_upgrade_takes_a_backup_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for b in fs::read_dir(dir.path().join("backups")).unwrap() {
        fs::remove_file(b.unwrap().path()).unwrap();
    }
    // Put the file back as schema 2 left it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'undo_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
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
         DROP TABLE request_keys; PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(conn);
    assert!(run(&db, &["customer", "list"]).status.success());
    let names: Vec<String> = fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with("-upgrade.db")), "{names:?}");
}

#[test]
fn check_says_ok_with_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = run(&db, &["check", "--json"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["integrity"], "ok");
}

#[test]
fn a_retried_command_with_the_same_id_key_writes_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let sales = |db: &Path| -> i64 {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.query_row("SELECT count(*) FROM sales", [], |r| r.get(0)).unwrap()
    };
    let before = sales(&db);
    let add = ["sale", "add", "--customer", "Marta", "--amount", "12", "--id-key", "order-7781"];
    assert!(run(&db, &add).status.success());
    let after_first = dump(&db);
    assert_eq!(sales(&db), before + 1);
    // The retry (as after a kill whose outcome was unknown) says so and changes nothing.
    let again = run(&db, &add);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(String::from_utf8_lossy(&again.stdout).contains("Already recorded"));
    assert_eq!(dump(&db), after_first);
    // The same key on another command is a mistake, named.
    let other = run(&db, &["customer", "add", "--name", "Key Reuser", "--id-key", "order-7781"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(stderr(&other).contains("id-key") && stderr(&other).contains("sale add"), "{}", stderr(&other));
    assert_eq!(dump(&db), after_first);
    for (args, key) in [(&["log", "call", "--customer", "Marta"][..], "call-1"), (&["rate", "Marta", "9"], "rate-1")] {
        let mut with_key: Vec<&str> = args.to_vec();
        with_key.extend(["--id-key", key]);
        assert!(run(&db, &with_key).status.success());
        let once = dump(&db);
        assert!(run(&db, &with_key).status.success());
        assert_eq!(dump(&db), once, "{args:?}");
    }
    let bad = run(&db, &["sale", "add", "--customer", "Marta", "--amount", "1", "--id-key", ""]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("id-key"));
}
