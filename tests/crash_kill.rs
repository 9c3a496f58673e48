//! A seeded SIGKILL harness against the real binary: writes are killed at pseudo-random
//! moments and the database must stay whole.
//!
//! One demo database takes at least 300 trials (more until 200 were killed, at most 900),
//! rotating over `sale add` (the sale and its post-sale follow-ups in one transaction),
//! `followup done --log call --next +7d` (done, the interaction and the successor in one
//! transaction), `customer add` and `import customers` of a 200-row CSV file (all rows or
//! none). Each trial spawns the command, sleeps a delay drawn from
//! a seeded PRNG over 0 to 1.25 x the command's measured run time, sends SIGKILL and waits.
//! A trial that exited 0 before the kill is acknowledged. Every 40 trials, and at the end:
//! `PRAGMA integrity_check` and `foreign_key_check` are clean, every acknowledged write is
//! present, and no transaction is partial: a harness sale has exactly its post-sale
//! follow-ups, a follow-up is done if and only if its interaction and its successor
//! exist, and an import landed whole or not at all. Each round starts by running every command to completion, so a lock left by a
//! killed process would fail it, and those run times rescale the delays to the machine's load.
//!
//! Measured on 2 busy cores (debug build): 304-390 trials, 203-232 killed before they exited
//! (20-82 of those after their commit landed, 0-3 inside the commit: WAL frames written,
//! no commit frame), 72-162 acknowledged, 3-11 s; with imports added, 312 trials, 256
//! killed (66 of them during an import), 16 s. The counts are printed on every run.
//! A second test damages a copy of a good database by hand (follow-ups of a sale deleted, an
//! interaction or successor missing, a write lost, a page of garbage) and expects each caught.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OpenFlags, params};
use salescoach::config::Config;
use salescoach::domain::followup::post_sale_followups;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-27";
const SEED: u64 = 0x5341_4C43_4B49_4C4C;
const MIN_TRIALS: usize = 300;
const MIN_KILLED: usize = 200;
const MAX_TRIALS: usize = 900;
const CHECK_EVERY: usize = 40;
const SIGKILL: i32 = 9;

/// splitmix64: small, seeded, the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sale,
    Done,
    Customer,
    /// `import customers` of a CSV file of IMPORT_ROWS rows: all of them or none.
    Import,
}

const KINDS: [Kind; 4] = [Kind::Sale, Kind::Done, Kind::Customer, Kind::Import];

/// Rows in each imported file: enough that a kill can land mid-import.
const IMPORT_ROWS: usize = 200;

#[derive(Debug)]
struct Trial {
    kind: Kind,
    marker: String,
    /// The customer of a sale, or the follow-up being completed.
    target: i64,
    acknowledged: bool,
    killed: bool,
    /// The `-wal` file grew past its header while it ran: it got as far as its commit.
    wrote_wal: bool,
}

struct Harness {
    _dir: tempfile::TempDir,
    db: PathBuf,
    config_home: PathBuf,
    customers: Vec<i64>,
    /// Open follow-ups without a successor, not yet tried.
    open_followups: Vec<i64>,
    tried_followups: std::collections::HashSet<i64>,
    trials: Vec<Trial>,
    /// Recent run times per kind, microseconds; the kill delays scale with their median.
    run_times: [Vec<u64>; 4],
}

impl Harness {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let db = dir.path().join("crash.db");
        let config_home = dir.path().join("config-home");
        let mut harness = Self {
            db,
            config_home,
            _dir: dir,
            customers: Vec::new(),
            open_followups: Vec::new(),
            tried_followups: Default::default(),
            trials: Vec::new(),
            run_times: Default::default(),
        };
        harness.run_ok(&["demo"]);
        let conn = harness.connect();
        let mut stmt = conn.prepare("SELECT id FROM customers WHERE archived = 0 ORDER BY id").expect("customers");
        harness.customers = stmt.query_map([], |r| r.get(0)).expect("rows").map(|r| r.expect("an id")).collect();
        assert!(!harness.customers.is_empty(), "the demo has customers");
        harness
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_salescoach"));
        cmd.arg("--db")
            .arg(&self.db)
            .arg("--today")
            .arg(TODAY)
            .args(args)
            .env("XDG_CONFIG_HOME", &self.config_home)
            .env_remove("SALESCOACH_DB")
            .env_remove("SALESCOACH_CONFIG")
            .env_remove("SALESCOACH_TODAY")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs a command to completion; it must succeed (a stale lock would fail it).
    fn run_ok(&self, args: &[&str]) -> Output {
        let output = self.command(args).output().expect("the binary runs");
        assert!(
            output.status.success(),
            "salescoach {args:?} failed after earlier kills: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Bytes in the `-wal` file (0 when absent). Opening creates it empty and the first
    /// write adds a 32-byte header; frames after that are a commit being written.
    fn wal_len(&self) -> u64 {
        let mut wal = self.db.clone().into_os_string();
        wal.push("-wal");
        std::fs::metadata(wal).map_or(0, |m| m.len())
    }

    fn connect(&self) -> Connection {
        Connection::open_with_flags(&self.db, OpenFlags::SQLITE_OPEN_READ_WRITE).expect("the database opens")
    }

    /// Refills the pool from `followup list --json`, keeping follow-ups with no successor yet.
    fn refill_followups(&mut self) {
        let output = self.run_ok(&["followup", "list", "--json", "--days", "36500"]);
        let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let conn = self.connect();
        let has_successor = |id: i64| -> bool {
            conn.query_row("SELECT count(*) FROM followups WHERE previous_id = ?1", params![id], |r| r.get::<_, i64>(0))
                .expect("a count")
                > 0
        };
        self.open_followups = list
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|f| f["id"].as_i64())
            .filter(|id| !self.tried_followups.contains(id) && !has_successor(*id))
            .collect();
    }

    /// The arguments of trial `index` of `kind`, its marker and target.
    fn next_trial(&mut self, kind: Kind, index: usize, rng: &mut Rng) -> (Vec<String>, String, i64) {
        let marker = format!("crash-{kind:?}-{index}").to_lowercase();
        match kind {
            Kind::Sale => {
                let customer = self.customers[rng.below(self.customers.len() as u64) as usize];
                let amount = format!("{}.{:02}", 1 + rng.below(5_000), rng.below(100));
                let args =
                    ["sale", "add", "--customer", &format!("#{customer}"), "--amount", &amount, "--note", &marker];
                (args.map(String::from).to_vec(), marker, customer)
            }
            Kind::Done => {
                if self.open_followups.is_empty() {
                    self.refill_followups();
                }
                assert!(!self.open_followups.is_empty(), "open follow-ups left to complete");
                let id = self.open_followups.swap_remove(rng.below(self.open_followups.len() as u64) as usize);
                self.tried_followups.insert(id);
                let args = ["followup", "done", &id.to_string(), "--log", "call", "--note", &marker, "--next", "+7d"];
                (args.map(String::from).to_vec(), marker, id)
            }
            Kind::Customer => {
                let args = ["customer", "add", "--name", &marker, "--notes", &marker];
                (args.map(String::from).to_vec(), marker, 0)
            }
            Kind::Import => {
                let file = self.db.with_file_name(format!("{marker}.csv"));
                let mut csv = String::from("Full name,E-mail,Notes\n");
                for row in 0..IMPORT_ROWS {
                    csv.push_str(&format!("{marker} {row},{marker}.{row}@example.com,{marker}\n"));
                }
                std::fs::write(&file, csv).expect("the CSV is written");
                let args = ["import", "customers", file.to_str().expect("a UTF-8 path")];
                (args.map(String::from).to_vec(), marker, 0)
            }
        }
    }

    fn median_run_time(&self, kind: Kind) -> u64 {
        let mut times = self.run_times[kind as usize].clone();
        times.sort_unstable();
        times.get(times.len() / 2).copied().unwrap_or(10_000)
    }

    /// One trial: killed after a seeded delay, or (`kill` false) run to completion and timed.
    fn trial(&mut self, kind: Kind, rng: &mut Rng, kill: bool) {
        let index = self.trials.len();
        let (args, marker, target) = self.next_trial(kind, index, rng);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let wal_before = self.wal_len();
        let started = Instant::now();
        let mut child = self.command(&args).spawn().expect("the binary starts");
        if kill {
            let window = self.median_run_time(kind) * 5 / 4;
            std::thread::sleep(Duration::from_micros(rng.below(window.max(1))));
            child.kill().expect("SIGKILL is delivered");
        }
        let output = child.wait_with_output().expect("the child is reaped");
        let acknowledged = output.status.success();
        let killed = output.status.signal() == Some(SIGKILL);
        let wrote_wal = self.wal_len() > wal_before.max(32);
        assert!(
            acknowledged || killed,
            "salescoach {args:?} failed on its own ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        if !kill {
            let times = &mut self.run_times[kind as usize];
            times.push(started.elapsed().as_micros() as u64);
            if times.len() > 5 {
                times.remove(0);
            }
        }
        self.trials.push(Trial { kind, marker, target, acknowledged, killed, wrote_wal });
    }

    fn killed(&self) -> usize {
        self.trials.iter().filter(|t| t.killed).count()
    }
}

/// `Err(message)` unless `condition`: the checks report damage instead of panicking, so the
/// self-test below can expect it.
macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err(format!($($message)+));
        }
    };
}

type Checked<T> = Result<T, String>;

fn rows<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str, value: &dyn rusqlite::ToSql) -> Vec<T> {
    let mut stmt = conn.prepare(sql).expect("the query prepares");
    stmt.query_map([value], |r| r.get(0)).expect("the query runs").map(|r| r.expect("a value")).collect()
}

fn count(conn: &Connection, sql: &str, value: &dyn rusqlite::ToSql) -> i64 {
    conn.query_row(sql, [value], |r| r.get(0)).expect("a count")
}

/// A harness sale is there at most once, with exactly the post-sale follow-ups `sale add`
/// schedules in the same transaction.
fn sale_landed(conn: &Connection, trial: &Trial, today: NaiveDate, config: &Config) -> Checked<bool> {
    let ids: Vec<i64> = rows(conn, "SELECT id FROM sales WHERE note = ?1", &trial.marker);
    ensure!(ids.len() <= 1, "{} written {} times", trial.marker, ids.len());
    let Some(sale) = ids.first() else { return Ok(false) };
    let customer = count(conn, "SELECT customer_id FROM sales WHERE id = ?1", sale);
    ensure!(customer == trial.target, "sale #{sale} ({}) is for customer #{customer}", trial.marker);
    let offsets = (config.satisfaction_check_days, config.reorder_check_days);
    let expected: Vec<String> = post_sale_followups(customer, today, offsets, config.working_days, today)
        .iter()
        .map(|f| format!("{} {} #{customer}", f.kind.as_str(), f.due_on))
        .collect();
    let found: Vec<String> = rows(
        conn,
        "SELECT kind || ' ' || due_on || ' #' || customer_id FROM followups WHERE sale_id = ?1 ORDER BY id",
        sale,
    );
    ensure!(found == expected, "sale #{sale} ({}) has follow-ups {found:?}, not {expected:?}", trial.marker);
    Ok(true)
}

/// A follow-up is done exactly when the interaction and the successor that `followup done`
/// writes in the same transaction are there.
fn completion_landed(conn: &Connection, trial: &Trial, today: NaiveDate) -> Checked<bool> {
    let id = trial.target;
    let (status, completed): (String, Option<NaiveDate>) = conn
        .query_row("SELECT status, completed_on FROM followups WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("the follow-up");
    let done = status == "done";
    let interactions =
        count(conn, "SELECT count(*) FROM interactions WHERE note = ?1 AND kind = 'call'", &trial.marker);
    let successors: Vec<NaiveDate> = rows(conn, "SELECT due_on FROM followups WHERE previous_id = ?1", &id);
    let expect = usize::from(done);
    ensure!(
        (interactions as usize, successors.len()) == (expect, expect),
        "follow-up #{id} is {status}, with {interactions} interaction(s) and {} successor(s) ({})",
        successors.len(),
        trial.marker
    );
    if done {
        ensure!(completed == Some(today), "#{id} completed on {completed:?}");
        ensure!(successors == [today + Days::new(7)], "the successor of #{id} is due {successors:?}");
    } else {
        ensure!(status == "open" && completed.is_none(), "#{id} is {status} on {completed:?}");
    }
    Ok(done)
}

/// Whether a trial's write landed, checked for atomicity; an acknowledged one must have.
fn landed(conn: &Connection, trial: &Trial, today: NaiveDate, config: &Config) -> Checked<bool> {
    let present = match trial.kind {
        Kind::Customer => {
            let n = count(conn, "SELECT count(*) FROM customers WHERE name = ?1 AND notes = ?1", &trial.marker);
            ensure!(n <= 1, "{} written {n} times", trial.marker);
            n == 1
        }
        Kind::Import => {
            let n = count(conn, "SELECT count(*) FROM customers WHERE notes = ?1", &trial.marker);
            ensure!(n == 0 || n == IMPORT_ROWS as i64, "{}: {n} of {IMPORT_ROWS} rows imported", trial.marker);
            n > 0
        }
        Kind::Sale => sale_landed(conn, trial, today, config)?,
        Kind::Done => completion_landed(conn, trial, today)?,
    };
    ensure!(present || !trial.acknowledged, "acknowledged write lost: {trial:?}");
    Ok(present)
}

/// How the killed trials ended, as found in the database.
#[derive(Debug, Default)]
struct Kills {
    /// The write is there: killed between the commit and the exit.
    after_commit: usize,
    /// WAL frames were written but the write is not there: killed inside its commit.
    inside_commit: usize,
}

/// Integrity, then every trial so far.
fn verify(harness: &Harness) -> Checked<Kills> {
    let conn = harness.connect();
    let after = harness.trials.len();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| format!("integrity_check after {after} trials: {e}"))?;
    ensure!(integrity == ["ok"], "integrity_check after {after} trials: {integrity:?}");
    let foreign: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .map_err(|e| format!("foreign_key_check after {after} trials: {e}"))?;
    ensure!(foreign == 0, "{foreign} broken foreign keys after {after} trials");
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("a date");
    let config = Config::default();
    let mut kills = Kills::default();
    for trial in &harness.trials {
        match (landed(&conn, trial, today, &config)?, trial.killed) {
            (true, true) => kills.after_commit += 1,
            (false, true) if trial.wrote_wal => kills.inside_commit += 1,
            _ => {}
        }
    }
    Ok(kills)
}

#[test]
fn sigkill_during_writes_loses_nothing_acknowledged_and_leaves_no_partial_transaction() {
    let started = Instant::now();
    let mut harness = Harness::new();
    let mut rng = Rng(SEED);
    harness.refill_followups();
    while harness.trials.len() < MAX_TRIALS && (harness.trials.len() < MIN_TRIALS || harness.killed() < MIN_KILLED) {
        // Each round begins with a complete run of each kind: the kills before it left no
        // stale lock, and its time scales the delays.
        for kind in KINDS {
            harness.trial(kind, &mut rng, false);
        }
        for i in 0..CHECK_EVERY {
            harness.trial(KINDS[i % KINDS.len()], &mut rng, true);
        }
        verify(&harness).unwrap_or_else(|damage| panic!("{damage}"));
        harness.refill_followups();
    }
    for kind in KINDS {
        harness.trial(kind, &mut rng, false);
    }
    let kills = verify(&harness).unwrap_or_else(|damage| panic!("{damage}"));
    let trials = harness.trials.len();
    let killed = harness.killed();
    let acknowledged = harness.trials.iter().filter(|t| t.acknowledged).count();
    for kind in KINDS {
        let of_kind: Vec<&Trial> = harness.trials.iter().filter(|t| t.kind == kind).collect();
        eprintln!(
            "crash_kill: {kind:?}: {} trials, {} killed, {} acknowledged; median run {} us",
            of_kind.len(),
            of_kind.iter().filter(|t| t.killed).count(),
            of_kind.iter().filter(|t| t.acknowledged).count(),
            harness.median_run_time(kind)
        );
    }
    eprintln!(
        "crash_kill: {trials} trials, {killed} killed before they exited ({} after their commit, {} inside it), \
         {acknowledged} acknowledged, in {:.1} s",
        kills.after_commit,
        kills.inside_commit,
        started.elapsed().as_secs_f64()
    );
    assert!(killed >= MIN_KILLED, "only {killed} of {trials} trials were killed before they exited");
    assert!(acknowledged >= KINDS.len(), "some writes completed");
}

/// The checks are not vacuous: each kind of damage the harness looks for, done by hand to a
/// copy of a good database, fails `verify`.
#[test]
fn the_checks_catch_partial_transactions_and_lost_writes() {
    let mut harness = Harness::new();
    let mut rng = Rng(SEED);
    harness.refill_followups();
    for kind in KINDS {
        harness.trial(kind, &mut rng, false);
    }
    verify(&harness).unwrap_or_else(|damage| panic!("{damage}"));
    let [sale, done, customer, import] = [0, 1, 2, 3].map(|i| &harness.trials[i]);
    let good = harness.db.with_extension("good");
    std::fs::copy(&harness.db, &good).expect("a copy");
    let damages = [
        format!("DELETE FROM followups WHERE sale_id = (SELECT id FROM sales WHERE note = '{}')", sale.marker),
        format!("DELETE FROM interactions WHERE note = '{}'", done.marker),
        format!("DELETE FROM followups WHERE previous_id = {}", done.target),
        format!("DELETE FROM customers WHERE name = '{}'", customer.marker),
        format!("DELETE FROM customers WHERE name = '{} 7'", import.marker),
        format!("UPDATE followups SET status = 'open', completed_on = NULL WHERE id = {}", done.target),
    ];
    for damage in &damages {
        std::fs::copy(&good, &harness.db).expect("the copy back");
        harness.connect().execute_batch(damage).expect("the damage applies");
        assert!(verify(&harness).is_err(), "verify missed: {damage}");
    }
    // A page of garbage in the middle of the file.
    let mut bytes = std::fs::read(&good).expect("the copy reads");
    let middle = bytes.len() / 4096 / 2 * 4096;
    bytes[middle..middle + 4096].fill(0xA5);
    std::fs::write(&harness.db, bytes).expect("the damage writes");
    assert!(verify(&harness).is_err(), "verify missed a page of garbage at {middle}");
}
