//! What the operating system refuses, named for what it is: a read-only file or folder
//! (as an unprivileged user, since root may write anything) and a full disk (a small
//! tmpfs in a private mount namespace). Needs util-linux's `setpriv` and `unshare`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_salescoach");
const NOBODY: &str = "65534";

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// Runs salescoach as an unprivileged user: `nobody` when we are root, else ourselves.
fn unprivileged(db: &Path, args: &[&str]) -> Output {
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid", NOBODY, "--regid", NOBODY, "--clear-groups", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    cmd.arg("--db").arg(db).args(args);
    cmd.env("SALESCOACH_TODAY", "2026-11-27").env("XDG_CONFIG_HOME", "/nonexistent-config").env_remove("SALESCOACH_DB");
    cmd.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn chown_to_nobody(path: &Path) {
    if is_root() {
        assert!(Command::new("chown").arg(format!("{NOBODY}:{NOBODY}")).arg(path).status().unwrap().success());
    }
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A demo database in a folder the unprivileged user owns.
fn demo_in_shared_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let folder = dir.path().join("data");
    fs::create_dir(&folder).unwrap();
    let db = folder.join("shop.db");
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .env("SALESCOACH_TODAY", "2026-11-27")
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let _ = fs::remove_dir_all(folder.join("backups"));
    for path in [&folder, &db] {
        chown_to_nobody(path);
    }
    let _ = fs::remove_file(folder.join("shop.db-verified"));
    (dir, db)
}

#[test]
fn a_read_only_file_opens_for_reading_and_says_so_on_writes() {
    let (_dir, db) = demo_in_shared_folder();
    chmod(&db, 0o400);
    let before = fs::read(&db).unwrap();
    let list = unprivileged(&db, &["customer", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(String::from_utf8_lossy(&list.stdout).contains("Marta Novak"));
    let add = unprivileged(&db, &["customer", "add", "--name", "New Person"]);
    let err = stderr(&add);
    assert_eq!(add.status.code(), Some(1), "{err}");
    assert!(err.contains("is not writable") && err.contains("reading only"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("not a readable"), "{err}");
    assert_eq!(fs::read(&db).unwrap(), before);
}

#[test]
fn a_read_only_folder_opens_for_reading_and_names_the_folder() {
    let (_dir, db) = demo_in_shared_folder();
    let folder = db.parent().unwrap().to_path_buf();
    chmod(&folder, 0o555);
    let list = unprivileged(&db, &["customer", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let add = unprivileged(&db, &["sale", "add", "--customer", "Marta", "--amount", "5"]);
    let err = stderr(&add);
    assert_eq!(add.status.code(), Some(1), "{err}");
    assert!(err.contains("folder") && err.contains("not writable"), "{err}");
    assert!(!err.contains("not a readable"), "{err}");
    chmod(&folder, 0o755);
}

#[test]
fn an_unreadable_file_names_the_permission() {
    let (_dir, db) = demo_in_shared_folder();
    chmod(&db, 0o000);
    let out = unprivileged(&db, &["today"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("permission denied"), "{err}");
    assert!(!err.contains("not a readable"), "{err}");
}

#[test]
fn a_full_disk_is_named_and_nothing_is_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("shop.db");
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&source)
        .arg("demo")
        .env("SALESCOACH_TODAY", "2026-11-27")
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .output()
        .unwrap();
    assert!(out.status.success());
    let mount = dir.path().join("small");
    fs::create_dir(&mount).unwrap();
    // In a private mount namespace: a 2 MiB tmpfs holding the database, then filled up.
    let script = r#"
        set -e
        mount -t tmpfs -o size=2m none "$MNT"
        cp "$SRC" "$MNT/shop.db"
        cp "$SRC" "$MNT/before.db"
        dd if=/dev/zero of="$MNT/fill" bs=4096 2>/dev/null || true
        set +e
        "$BIN" --db "$MNT/shop.db" sale add --customer Marta --amount 5 --note "should not land"
        echo "__EXIT $?"
        rm -f "$MNT/fill"
        cmp -s "$MNT/shop.db" "$MNT/before.db" && echo "__UNCHANGED"
    "#;
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", script])
        .env("MNT", &mount)
        .env("SRC", &source)
        .env("BIN", BIN)
        .env("SALESCOACH_TODAY", "2026-11-27")
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    let err = stderr(&out);
    assert!(printed.contains("__EXIT 1"), "{printed} {err}");
    assert!(err.contains("disk is full"), "{err}");
    assert!(!err.contains("not a readable"), "{err}");
    assert!(printed.contains("__UNCHANGED"), "the database file changed: {printed}");
}
