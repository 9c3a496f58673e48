//! The real binary in a pseudo-terminal, sent signals from outside: TERM, HUP and INT end it
//! with the terminal given back; Ctrl-z and an outside TSTP suspend it, CONT brings it back.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Long enough for a slow, busy machine; every wait below is bounded by it.
const PATIENCE: Duration = Duration::from_secs(20);

struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Term {
    /// Runs salescoach under `sh`, which prints the terminal settings and the exit status
    /// once it ends.
    fn spawn(db: &Path) -> Self {
        Self::spawn_with_editor(db, "true")
    }

    fn spawn_with_editor(db: &Path, editor: &str) -> Self {
        let (cols, rows) = (100, 30);
        let pty = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", "\"$0\" --today 2026-11-27; status=$?; stty -a; echo \"__EXIT $status\"; sleep 5"]);
        cmd.arg(env!("CARGO_BIN_EXE_salescoach"));
        cmd.env("SALESCOACH_DB", db);
        cmd.env("XDG_CONFIG_HOME", db.parent().unwrap().join("config-home"));
        cmd.env_remove("SALESCOACH_CONFIG");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env("EDITOR", editor);
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
            0,
        )));
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (p, o) = (parser.clone(), output.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                o.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        // Keep the master alive for the child's lifetime.
        std::mem::forget(pty.master);
        Self { parser, output, writer, child }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until the emulated screen satisfies `ok`; `what` names it in the failure.
    fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            {
                let parser = self.parser.lock().unwrap();
                if ok(parser.screen()) {
                    return;
                }
                assert!(start.elapsed() < PATIENCE, "never {what}; screen:\n{}", parser.screen().contents());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("showed '{needle}'"), |screen| screen.contents().contains(needle));
    }

    fn wait_for_output(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned();
            if text.contains(needle) {
                return text;
            }
            let screen = self.parser.lock().unwrap().screen().contents();
            assert!(start.elapsed() < PATIENCE, "'{needle}' never printed; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The app's pid: the child of the `sh` wrapper (this kernel may lack
    /// `/proc/<pid>/task/<pid>/children`, so the parent field of every process is read).
    fn app_pid(&self) -> u32 {
        let sh = self.child.process_id().unwrap();
        let start = Instant::now();
        loop {
            let found = std::fs::read_dir("/proc").unwrap().flatten().find_map(|entry| {
                let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
                let (_, ppid) = stat(pid)?;
                (ppid == sh).then_some(pid)
            });
            if let Some(pid) = found {
                return pid;
            }
            assert!(start.elapsed() < PATIENCE, "sh {sh} never started the app");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A process's state letter (R, S, T ...) and its parent, from `/proc/<pid>/stat`.
fn stat(pid: u32) -> Option<(char, u32)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name in parentheses may hold spaces; the fields after its last ')' do not.
    let mut fields = text.get(text.rfind(')')? + 1..)?.split_whitespace();
    let state = fields.next()?.chars().next()?;
    Some((state, fields.next()?.parse().ok()?))
}

fn wait_for_state(pid: u32, wanted: char) {
    let start = Instant::now();
    while stat(pid).map(|(state, _)| state) != Some(wanted) {
        assert!(start.elapsed() < PATIENCE, "pid {pid} never reached state {wanted}: {:?}", stat(pid));
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn kill(signal: &str, pid: u32) {
    let status = std::process::Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

/// A demo database made by the CLI, so the app opens straight on the Today tab.
fn demo_db(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("signals.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_salescoach"))
        .args(["--today", "2026-11-27", "--db"])
        .arg(&db)
        .arg("demo")
        .env("XDG_CONFIG_HOME", dir.path().join("config-home"))
        .env_remove("SALESCOACH_CONFIG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

fn assert_restored(term: &Term, printed: &str) {
    let parser = term.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor still hidden");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture left on");
    drop(parser);
    // stty -a after exit: canonical mode and echo are back on (raw mode off).
    let settings = printed.rsplit("__EXIT").nth(1).unwrap_or(printed);
    let words: Vec<&str> = settings.split_whitespace().collect();
    assert!(words.contains(&"icanon") && words.contains(&"echo"), "terminal left raw: {settings}");
}

/// The file beside the database named `suffix` (`-wal`, `-verified` ...).
fn beside(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    std::path::PathBuf::from(name)
}

/// The app closed its database: the last connection checkpointed the WAL and removed it.
fn assert_closed(db: &Path) {
    for suffix in ["-wal", "-shm"] {
        assert!(!beside(db, suffix).exists(), "{suffix} left beside the database");
    }
}

fn ends_on_signal_with_the_terminal_restored(signal: &str, number: i32) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(&dir);
    let term = Term::spawn(&db);
    term.wait_for("Overdue (");
    kill(signal, term.app_pid());
    let printed = term.wait_for_output("__EXIT");
    let status = printed.rsplit("__EXIT ").next().unwrap_or_default();
    assert!(status.starts_with(&format!("{}", 128 + number)), "exit status after {signal}: {status}");
    assert_restored(&term, &printed);
    assert_closed(&db);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    ends_on_signal_with_the_terminal_restored("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    ends_on_signal_with_the_terminal_restored("HUP", 1);
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    ends_on_signal_with_the_terminal_restored("INT", 2);
}

/// Suspended (by `stop`), the shell's screen is back; continued, the app redraws and still
/// takes keys, and quits normally.
fn suspends_and_continues(stop: impl FnOnce(&mut Term, u32)) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(&dir);
    let mut term = Term::spawn(&db);
    term.wait_for("Overdue (");
    let pid = term.app_pid();
    stop(&mut term, pid);
    wait_for_state(pid, 'T');
    term.wait_until("left the alternate screen, mouse off and the cursor shown", |screen| {
        !screen.alternate_screen()
            && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            && !screen.hide_cursor()
    });
    kill("CONT", pid);
    term.wait_until("redrew Today on the alternate screen with the mouse on", |screen| {
        screen.alternate_screen()
            && screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
            && screen.contents().contains("Overdue (")
    });
    // Still working: a tab switch draws, q quits.
    term.send("2");
    term.wait_for("at risk");
    term.send("q");
    let printed = term.wait_for_output("__EXIT");
    assert!(printed.contains("__EXIT 0"), "exit status: {printed}");
    assert_restored(&term, &printed);
    assert_closed(&db);
}

#[test]
fn ctrl_z_suspends_and_cont_redraws() {
    suspends_and_continues(|term, _| term.send("\x1a"));
}

#[test]
fn outside_sigtstp_suspends_and_cont_redraws() {
    suspends_and_continues(|_, pid| kill("TSTP", pid));
}

/// An editor's Ctrl-z (vi sends TSTP to its whole process group) stops the app with it, so a
/// shell sees the whole job stopped; continued, the app takes the edited text and redraws.
#[test]
fn ctrl_z_in_the_editor_stops_the_app_too() {
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nkill -TSTP 0\nsleep 1\necho 'Q: Who stopped?' >> \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let mut term = Term::spawn_with_editor(&demo_db(&dir), editor.to_str().unwrap());
    term.wait_for("Overdue (");
    let pid = term.app_pid();
    // The last row of Knowledge is a note: E edits its text.
    term.send("5");
    term.wait_for("Products (");
    term.send("GE");
    wait_for_state(pid, 'T');
    kill("CONT", pid);
    term.wait_for("Saved;");
    term.send("q");
    let printed = term.wait_for_output("__EXIT");
    assert!(printed.contains("__EXIT 0"), "exit status: {printed}");
}

/// Runs the app on `db` straight in a pseudo-terminal (no `sh`), and once Today is drawn and
/// the app waits for keys, closes every end of the master: that is the hangup. Returns the
/// exit code once the app ended.
fn hang_up(db: &Path, config_home: &Path) -> u32 {
    let pty = native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_salescoach"));
    cmd.args(["--today", "2026-11-27"]);
    cmd.env("SALESCOACH_DB", db);
    cmd.env("XDG_CONFIG_HOME", config_home);
    cmd.env_remove("SALESCOACH_CONFIG");
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let writer = pty.master.take_writer().unwrap();
    let master = pty.master;
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains("Overdue (") {
            match reader.read(&mut buf) {
                Ok(n) if n > 0 => seen.extend_from_slice(&buf[..n]),
                _ => break,
            }
        }
        std::thread::sleep(Duration::from_secs(1));
        drop((reader, writer, master));
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("still running {PATIENCE:?} after the hangup");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    status.exit_code()
}

/// Closing the terminal window: the app, leading its session as under a terminal emulator,
/// gets HUP from the kernel while its input reads as ended. It must end (status 129), not
/// spin on the dead terminal.
#[test]
fn a_hangup_of_the_terminal_ends_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(&dir);
    assert_eq!(hang_up(&db, &dir.path().join("config-home")), 129);
}

/// A hung-up app still closes the database as a quit does: its log is checkpointed into the
/// file and removed, and the file's fingerprint is recorded, so the next open needs no
/// integrity check (seconds at a million rows).
#[test]
fn a_hangup_closes_the_database_as_a_quit_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(&dir);
    // Without its record the open checks the file, and the close must record it again.
    std::fs::remove_file(beside(&db, "-verified")).unwrap();
    assert_eq!(hang_up(&db, &dir.path().join("config-home")), 129);
    assert_closed(&db);
    let record = std::fs::read_to_string(beside(&db, "-verified")).expect("no -verified record after the hangup");
    let meta = std::fs::metadata(&db).unwrap();
    let words: Vec<&str> = record.split_whitespace().collect();
    assert_eq!(words.get(3..5), Some(&[meta_ino(&meta).as_str(), meta.len().to_string().as_str()][..]), "{record}");
}

fn meta_ino(meta: &std::fs::Metadata) -> String {
    std::os::unix::fs::MetadataExt::ino(meta).to_string()
}
