//! The real binary in a real pseudo-terminal: keys in, screen out (read through a VT100
//! emulator), and the terminal settings checked after it quits.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Term {
    /// Runs salescoach under `sh`, which prints the terminal settings once it exits.
    fn spawn(db: &std::path::Path, cols: u16, rows: u16) -> Self {
        Self::spawn_with(db, cols, rows, &[])
    }

    /// `spawn` with extra environment variables (an editor, say).
    fn spawn_with(db: &std::path::Path, cols: u16, rows: u16, vars: &[(&str, &std::ffi::OsStr)]) -> Self {
        let pty = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", "\"$0\" --today 2026-11-27; status=$?; stty -a; echo \"__EXIT $status\"; sleep 5"]);
        cmd.arg(env!("CARGO_BIN_EXE_salescoach"));
        cmd.env("SALESCOACH_DB", db);
        cmd.env("XDG_CONFIG_HOME", db.parent().unwrap().join("config-home"));
        cmd.env_remove("SALESCOACH_CONFIG");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (name, value) in vars {
            cmd.env(name, value);
        }
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

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "'{needle}' never appeared; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for_gone(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if !screen.contains(needle) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "'{needle}' never went; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for_output(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned();
            if text.contains(needle) {
                return text;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "'{needle}' never printed; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn welcome_demo_tabs_help_quit_and_the_terminal_is_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pty.db");
    let mut term = Term::spawn(&db, 80, 24);

    term.wait_for("Welcome to salescoach");
    term.send("d");
    let today = term.wait_for("Overdue (");
    assert!(today.contains("Due today"), "{today}");

    term.send("2");
    term.wait_for("2 Goals");
    term.send("?");
    let help = term.wait_for("Help");
    assert!(help.contains("next tab"), "{help}");
    term.send("q"); // closes help
    term.send("q"); // quits

    let printed = term.wait_for_output("__EXIT");
    assert!(printed.contains("__EXIT 0"), "exit status: {printed}");
    let parser = term.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor still hidden");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture left on");
    drop(parser);
    // stty -a after exit: canonical mode and echo are back on (raw mode off).
    let settings = printed.rsplit("__EXIT").nth(1).unwrap_or(&printed).to_string();
    let words: Vec<&str> = settings.split_whitespace().collect();
    assert!(words.contains(&"icanon") && words.contains(&"echo"), "terminal left raw: {settings}");
}

#[test]
fn logging_a_sale_in_the_form_moves_the_goal_bar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sale.db");
    let mut term = Term::spawn(&db, 100, 30);
    term.wait_for("Welcome to salescoach");
    term.send("d");
    term.wait_for("Overdue (");
    term.send("2");
    // The Goals list (not Today's pace line) shows the bar with the status word.
    let before = term.wait_for("52% at risk");
    assert!(before.contains("[██"), "{before}");
    term.send("S");
    term.wait_for("Log a sale");
    term.send("Marta\thouse blend\t\t5000");
    term.wait_for("$5,000.00");
    term.send("\r");
    term.wait_for("Logged sale #");
    // Marta's weekly bean order is due: marking it done is offered; Esc keeps it open.
    term.wait_for("reorder check");
    term.send("\x1b");
    term.wait_for("the reorder check stays open");
    let after = term.wait_for("63% ");
    assert!(!after.contains("52% at risk"), "{after}");
    term.send("q");
    let printed = term.wait_for_output("__EXIT");
    assert!(printed.contains("__EXIT 0"));
}

#[test]
fn a_sale_edited_in_the_sales_log_moves_the_goal_and_u_moves_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut term = Term::spawn(&db, 100, 30);
    term.wait_for("Overdue (");
    term.send("2");
    term.wait_for("52% at risk");
    term.send("S");
    term.wait_for("Log a sale");
    term.send("Marta\thouse blend\t\t5000\r");
    term.wait_for("reorder check");
    // Esc alone: sent with the next key it would read as Alt-s.
    term.send("\x1b");
    term.wait_for("the reorder check stays open");
    term.wait_for("63% ");
    // The sales log for today: the sale is the first row; e, then the amount (typing
    // replaces the filled-in value), Enter.
    term.send("spppp");
    term.wait_for("Sales log · today");
    term.wait_for("$5,000.00 net");
    term.send("e");
    term.wait_for("Edit sale #");
    term.send("\t\t\t100\r");
    term.wait_for("Saved sale #");
    term.wait_for("$100.00 net");
    term.send("s");
    let moved = term.wait_for("52% at risk");
    assert!(!moved.contains("63% "), "{moved}");
    term.send("u");
    term.wait_for("Undone: Edited sale #");
    term.wait_for("63% ");
    term.send("q");
    let printed = term.wait_for_output("__EXIT");
    assert!(printed.contains("__EXIT 0"));
}

#[test]
fn a_deal_added_moved_to_proposal_and_won_moves_the_goal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut term = Term::spawn(&db, 100, 30);
    term.wait_for("Overdue (");
    // The revenue goal (second on Goals): $23,400 done, $15,847.50 weighted in open deals.
    term.send("2j\r");
    term.wait_for("With pipeline $39,247.50");
    // Esc alone: sent with the next key it would read as Alt-d.
    term.send("\x1b");
    term.wait_for("Five new accounts");
    term.send("d");
    term.wait_for("Pipeline · 12 open");
    term.send("a");
    term.wait_for("Add a deal");
    term.send("Marta\tBig espresso order\t10000\t\t2026-12-20\r");
    term.wait_for("Added deal #");
    term.wait_for("Pipeline · 13 open");
    term.send(">");
    term.wait_for("Moved Big espresso order to Qualified");
    term.send(">");
    term.wait_for("Moved Big espresso order to Proposal");
    // At Proposal the $10,000 deal counts 50%: $5,000 on top of the figure before.
    term.send("d\r");
    term.wait_for("With pipeline $44,247.50");
    term.send("\x1b");
    term.wait_for("Five new accounts");
    // Back in the pipeline the cursor is on the deal it left.
    term.send("d");
    term.wait_for("▸ Marta Novak    $10,000");
    term.send("W");
    term.wait_for("Won deal #");
    term.wait_for("a sale of $10,000.00");
    term.send("\r");
    term.wait_for("of $10,000.00 logged");
    term.send("d");
    term.wait_for("74% on pace");
    term.send("\r");
    let detail = term.wait_for("$33,400.00 (74%)");
    assert!(detail.contains("With pipeline $49,247.50"), "the won deal left the pipeline for done: {detail}");
    term.send("q");
    term.wait_for("Five new accounts");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (status, amount): (String, i64) = conn
        .query_row(
            "SELECT d.status, s.amount_minor FROM deals d JOIN sales s ON s.id = d.sale_id
             WHERE d.title = 'Big espresso order'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), amount), ("won", 1_000_000));
}

#[test]
fn checking_off_an_overdue_follow_up_from_today() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("done.db");
    let mut term = Term::spawn(&db, 100, 30);
    term.wait_for("Welcome to salescoach");
    term.send("d");
    let before = term.wait_for("Overdue (6)");
    assert!(before.contains("Check on bean stock"), "{before}");
    // Two complaints sit above; then the oldest overdue follow-up, then Liam's.
    term.send("jjj");
    term.wait_for("▸ Liam Walsh");
    term.send("x");
    term.wait_for("Done: Liam Walsh");
    term.send("\r");
    let after = term.wait_for("Overdue (5)");
    assert!(!after.contains("Check on bean stock"), "{after}");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (status, completed, logged): (String, String, i64) = conn
        .query_row(
            "SELECT status, completed_on, (SELECT count(*) FROM interactions i WHERE i.customer_id = f.customer_id AND i.happened_on = '2026-11-27')
             FROM followups f WHERE reason = 'Check on bean stock before month end'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), completed.as_str()), ("done", "2026-11-27"));
    assert_eq!(logged, 1, "the call was logged in the same step");
}

#[test]
fn search_opens_a_note_and_training_lowers_the_cards_due() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("know.db");
    let mut term = Term::spawn(&db, 100, 40);
    term.wait_for("Welcome to salescoach");
    term.send("d");
    term.wait_for("7 cards due");
    term.send("/");
    term.wait_for("Search notes, products, customers");
    term.send("dial");
    term.wait_for("Grinder dial-in checklist");
    term.send("\r");
    term.wait_for("Start at 18 g in");
    term.send("t");
    term.wait_for("card 1 of 7");
    term.send(" ");
    term.wait_for("PID control");
    term.send("3");
    term.wait_for("card 2 of 7");
    // Esc alone (a pause after it, so it is not read as Alt plus the next key).
    term.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    term.send("1");
    term.wait_for("6 cards due");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
}

#[test]
fn the_days_backup_is_taken_beside_the_running_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("daily.db");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_salescoach"))
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .env("SALESCOACH_TODAY", "2026-11-26")
        .env("XDG_CONFIG_HOME", dir.path().join("config-home"))
        .output()
        .unwrap();
    assert!(made.status.success());
    let backups = dir.path().join("backups");
    let daily_on = |day: &str| {
        std::fs::read_dir(&backups)
            .map(|entries| {
                entries.filter_map(Result::ok).any(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.starts_with(&format!("daily-{day}")) && name.ends_with("-daily.db")
                })
            })
            .unwrap_or(false)
    };
    assert!(daily_on("20261126") && !daily_on("20261127"));
    // The app runs on the 27th: its first frame comes first, the backup beside it.
    let mut term = Term::spawn(&db, 100, 30);
    term.wait_for("Overdue (");
    let start = Instant::now();
    while !daily_on("20261127") {
        assert!(start.elapsed() < Duration::from_secs(20), "no daily backup while the app ran");
        std::thread::sleep(Duration::from_millis(50));
    }
    term.wait_for("Overdue (");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
}

/// In a real terminal the Insights figures and the pages it opens come from threads beside
/// the loop: each shows up without a key, and the app still quits with its store closed.
#[test]
fn insights_and_its_pages_arrive_from_beside_the_loop() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut term = Term::spawn(&db, 120, 40);
    term.wait_for("Overdue (");
    term.send("7");
    term.wait_for("Techniques, last 12 months");
    for (key, title) in
        [("d", "By segment"), ("b", "By industry"), ("d", "Techniques, last 12 months"), ("o", "Objections (o: back)")]
    {
        term.send(key);
        term.wait_for(title);
    }
    term.send("o");
    term.wait_for("Techniques, last 12 months");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
    for suffix in ["-wal", "-shm"] {
        let mut beside = db.clone().into_os_string();
        beside.push(suffix);
        assert!(!std::path::Path::new(&beside).exists(), "{suffix} left beside the database");
    }
}

/// A quit while the day's backup is being copied waits for it (saying so), so the backup is
/// whole and nothing is left half-made beside it; the app's own connection closes last.
#[test]
fn a_quit_during_the_days_backup_lets_it_finish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    // Big enough that the copy is still going when the q comes.
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_salescoach"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--scale", "20000"])
        .env("SALESCOACH_TODAY", "2026-11-26")
        .env("XDG_CONFIG_HOME", dir.path().join("config-home"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let mut term = Term::spawn(&db, 100, 30);
    term.wait_for("Overdue (");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
    let names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("big-20261127-") && n.ends_with("-daily.db")), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "a half-made copy was left: {names:?}");
    for suffix in ["-wal", "-shm"] {
        let mut beside = db.clone().into_os_string();
        beside.push(suffix);
        assert!(!std::path::Path::new(&beside).exists(), "{suffix} left beside the database");
    }
}

#[test]
fn closing_a_follow_up_with_an_objection_its_playbook_is_ctrl_p_away() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut term = Term::spawn(&db, 100, 40);
    term.wait_for("Overdue (6)");
    term.send("jjj");
    term.wait_for("▸ Liam Walsh");
    term.send("x");
    term.wait_for("Done: Liam Walsh");
    // The form opens on Note, the first field to type in; then Technique, then Objections.
    term.send("\t\tprice");
    term.wait_for("(Ctrl-p: playbook)");
    term.send("\x10");
    let cards = term.wait_for("When they say it costs too much");
    assert!(cards.contains("Playbook") && cards.contains("cost per cup"), "{cards}");
    // Esc alone closes the cards; the form is there as typed.
    term.send("\x1b");
    term.wait_for_gone("When they say it costs too much");
    term.send("\r");
    term.wait_for("Overdue (5)");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let objection: String = conn
        .query_row(
            "SELECT o.objection FROM interaction_objections o JOIN interactions i ON i.id = o.interaction_id
             JOIN customers c ON c.id = i.customer_id WHERE c.name = 'Liam Walsh' AND i.happened_on = '2026-11-27'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(objection, "price");
}

/// A demo database made by the binary itself, so the app opens on its tabs.
fn demo_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_salescoach"))
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .env("SALESCOACH_TODAY", "2026-11-27")
        .env("XDG_CONFIG_HOME", dir.join("config-home"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    db
}

#[test]
fn the_app_edits_in_visual_before_editor_run_through_the_shell() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // In a folder with a space, called with a quoted argument: as git runs editors.
    let folder = dir.path().join("my editors");
    std::fs::create_dir(&folder).unwrap();
    let script = folder.join("add card.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\n[ \"$1\" = \"two words\" ] || exit 3\nprintf '\\nQ: Who edits?\\nA: VISUAL.\\n' >> \"$2\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let visual = format!("'{}' \"two words\"", script.display());
    let vars = [("VISUAL", std::ffi::OsStr::new(&visual)), ("EDITOR", std::ffi::OsStr::new("false"))];
    let mut term = Term::spawn_with(&db, 100, 30, &vars);
    term.wait_for("Overdue (");
    // Knowledge, down past the ten products to the first note, then E.
    term.send("5");
    term.wait_for("Notes (");
    term.send("jjjjjjjjjj");
    term.wait_for("▸ Lever Pro: selling points");
    term.send("E");
    term.wait_for("Saved; cards 1 added");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
}

/// A left click at a 0-based screen cell, as an xterm reports it (SGR 1006: press, release).
fn click_sequence(column: usize, row: usize) -> String {
    format!("\x1b[<0;{c};{r}M\x1b[<0;{c};{r}m", c = column + 1, r = row + 1)
}

/// Where `text` is on the screen (0-based column, row).
fn find(screen: &str, text: &str) -> (usize, usize) {
    let (row, line) = screen.lines().enumerate().find(|(_, l)| l.contains(text)).unwrap_or_else(|| panic!("{screen}"));
    (line[..line.find(text).unwrap()].chars().count(), row)
}

#[test]
fn the_mouse_switches_tabs_selects_rows_and_opens_on_a_double_click() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut term = Term::spawn(&db, 100, 30);
    let screen = term.wait_for("Overdue (");
    let (column, row) = find(&screen, "4 Follow-ups");
    term.send(&click_sequence(column + 2, row));
    let screen = term.wait_for("Overdue ·");
    let (column, row) = find(&screen, "Liam Walsh");
    term.send(&click_sequence(column, row));
    term.wait_for("▸ Liam Walsh");
    // Past the double-click time: the next two clicks are a pair of their own.
    std::thread::sleep(Duration::from_millis(600));
    term.send(&click_sequence(column, row));
    term.send(&click_sequence(column, row));
    // The Customers tab, with Liam open beside the list.
    let page = term.wait_for("▸ Liam Walsh · Walsh Accounting");
    assert!(page.contains("Last contact"), "{page}");
    term.send("q");
    term.send("q");
    assert!(term.wait_for_output("__EXIT").contains("__EXIT 0"));
}
