//! The real world for the loop: terminal events, the local clock, $EDITOR, signals, and the
//! work done beside the app (the day's backup, the figures of `beside.rs`).
//!
//! Events are read on a thread of their own, one read per ask, and everything that can wake
//! the loop comes down one channel. A hung-up terminal makes crossterm's read spin for good
//! (it takes the end of input for "nothing yet"); only that thread is caught in it, so the
//! loop still sees the HUP, ends, and closes the database as a quit does.

use super::signals::{self, Request, SignalWatch};
use super::{Done, Ending, Job, Outside, Receipt};
use crate::store::backup::DailyBackup;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use ratatui::crossterm::event::{self, Event};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long one read waits for input before the loop gets a quiet tick (the clock, writes
/// by other processes). Signals and work done beside wake the loop at once.
const SLICE: Duration = Duration::from_millis(250);

/// How often the loop looks for writes made by other processes.
const STORE_CHECK: Duration = Duration::from_secs(1);

/// What can wake the loop.
enum Wake {
    /// The answer to one ask of the input thread.
    Input(std::io::Result<Option<Event>>),
    Signal(Request),
    Job(Done),
    Backup(Result<usize, String>),
}

/// What came and is not yet taken by the loop.
#[derive(Default)]
struct Inbox {
    input: Option<std::io::Result<Option<Event>>>,
    signal: Option<Request>,
    jobs: Vec<Done>,
    backup: Option<Result<usize, String>>,
}

impl Inbox {
    /// Something the loop should see before it waits again.
    fn wakes_the_loop(&self) -> bool {
        self.signal.is_some() || !self.jobs.is_empty() || self.backup.is_some()
    }

    fn ending_signal(&self) -> bool {
        matches!(self.signal, Some(Request::End(_)))
    }
}

/// A thread working beside the app over a connection of its own, and how to stop it.
struct Beside {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Beside {
    fn spawn(name: &str, work: impl FnOnce(Arc<AtomicBool>) + Send + 'static) -> Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || work(seen))
            .with_context(|| format!("cannot start the {name} thread"))?;
        Ok(Self { stop, thread })
    }

    fn stop(&self) {
        self.stop.store(true, Relaxed);
    }

    /// Waits for the thread, which has closed its connection once it ends.
    fn join(self) {
        let _ = self.thread.join();
    }
}

pub(super) struct RealTerminal {
    signals: SignalWatch,
    wakes: Receiver<Wake>,
    /// Handed to each thread that wakes the loop.
    waker: Sender<Wake>,
    /// Asks the input thread for one read, waiting at most the given time.
    reads: Sender<Duration>,
    /// A read was asked for and its answer has not come yet.
    asked: bool,
    inbox: Inbox,
    follow_clock: bool,
    editor: String,
    last_store_check: Instant,
    /// Started on the first wait for input, so it never delays the first frame.
    daily_backup: Option<DailyBackup>,
    backup: Option<Beside>,
    /// The jobs out on their threads (one of each kind), by receipt.
    jobs: Vec<(Receipt, Beside)>,
    /// Threads whose work came back (or was given up), joined before the app's store closes.
    done: Vec<Beside>,
}

impl RealTerminal {
    /// Installs the signal watch, so call it before the terminal is taken: from then on a
    /// TERM must not end the app unrestored.
    pub(super) fn new(follow_clock: bool, daily_backup: Option<DailyBackup>) -> Result<Self> {
        let (waker, wakes) = mpsc::channel();
        let told = waker.clone();
        let signals = SignalWatch::install(move |request| {
            let _ = told.send(Wake::Signal(request));
        })?;
        let reads = spawn_input_thread(waker.clone())?;
        Ok(Self {
            signals,
            wakes,
            waker,
            reads,
            asked: false,
            inbox: Inbox::default(),
            follow_clock,
            // $VISUAL, then $EDITOR, then vi, as git chooses.
            editor: crate::editor::editor_from_env(),
            last_store_check: Instant::now(),
            daily_backup,
            backup: None,
            jobs: Vec::new(),
            done: Vec::new(),
        })
    }

    /// After the loop, with the terminal given back: work beside the app is stopped, or on a
    /// quit the day's backup is let finish (a TERM, HUP or INT meanwhile stops it), and every
    /// thread is waited for, so the app's own connection closes last and takes the WAL.
    pub(super) fn wind_down(mut self, ending: &Result<Ending>) {
        for (_, job) in self.jobs.drain(..) {
            job.stop();
            self.done.push(job);
        }
        if let Some(backup) = self.backup.take() {
            if matches!(ending, Ok(Ending::Quit)) && !backup.thread.is_finished() {
                let _ = writeln!(std::io::stderr(), "salescoach: finishing the day's backup (Ctrl-c stops it)");
                while !backup.thread.is_finished() && !self.inbox.ending_signal() {
                    if let Ok(wake) = self.wakes.recv_timeout(Duration::from_millis(50)) {
                        self.take_in(wake);
                    }
                }
            }
            backup.stop();
            self.done.push(backup);
        }
        // Drop joins the rest.
    }

    fn take_in(&mut self, wake: Wake) {
        match wake {
            Wake::Input(read) => {
                self.asked = false;
                self.inbox.input = Some(read);
            }
            Wake::Signal(request) => self.inbox.signal = self.inbox.signal.max(Some(request)),
            Wake::Job(done) => self.inbox.jobs.push(done),
            Wake::Backup(result) => self.inbox.backup = Some(result),
        }
    }

    /// Takes in whatever has come; never blocks.
    fn look(&mut self) {
        while let Ok(wake) = self.wakes.try_recv() {
            self.take_in(wake);
        }
    }

    fn ask_read(&mut self, wait: Duration) -> Result<()> {
        if !self.asked {
            self.reads.send(wait).ok().context("cannot read the terminal: its reader stopped")?;
            self.asked = true;
        }
        Ok(())
    }

    /// Waits until no read is out, so nobody but the editor reads its keys; false when a
    /// signal ending the app came first.
    fn no_read_out(&mut self) -> bool {
        while self.asked && !self.inbox.ending_signal() {
            match self.wakes.recv() {
                Ok(wake) => self.take_in(wake),
                Err(_) => return false,
            }
        }
        !self.asked
    }

    /// Keeps a thread whose work came back until it ends; those that have ended are joined,
    /// so a long session does not pile up one per refresh.
    fn retire(&mut self, thread: Beside) {
        self.done.push(thread);
        let (ended, running): (Vec<Beside>, Vec<Beside>) =
            self.done.drain(..).partition(|beside| beside.thread.is_finished());
        self.done = running;
        ended.into_iter().for_each(Beside::join);
    }

    fn start_daily_backup(&mut self) {
        let Some(job) = self.daily_backup.take() else { return };
        let waker = self.waker.clone();
        match Beside::spawn("backup", move |stop| {
            let _ = waker.send(Wake::Backup(job.run_until(stop).map_err(|e| format!("{e:#}"))));
        }) {
            Ok(backup) => self.backup = Some(backup),
            Err(err) => self.inbox.backup = Some(Err(format!("{err:#}"))),
        }
    }
}

impl Drop for RealTerminal {
    /// Also on an error or a panic: the threads beside stop and end before the app's store.
    fn drop(&mut self) {
        let jobs = self.jobs.drain(..).map(|(_, job)| job);
        let all: Vec<Beside> = self.done.drain(..).chain(jobs).chain(self.backup.take()).collect();
        for beside in &all {
            beside.stop();
        }
        for beside in all {
            beside.join();
        }
    }
}

/// The thread that reads the terminal: one `poll` (and `read`, when input is there) per ask.
fn spawn_input_thread(waker: Sender<Wake>) -> Result<Sender<Duration>> {
    let (reads, asked) = mpsc::channel::<Duration>();
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            for wait in asked {
                let read = event::poll(wait).and_then(|ready| if ready { event::read().map(Some) } else { Ok(None) });
                if waker.send(Wake::Input(read)).is_err() {
                    break;
                }
            }
        })
        .context("cannot start the thread that reads the terminal")?;
    Ok(reads)
}

impl Outside for RealTerminal {
    fn next_event(&mut self) -> Result<Option<Event>> {
        self.start_daily_backup();
        loop {
            if let Some(read) = self.inbox.input.take() {
                return Ok(read?);
            }
            if self.inbox.wakes_the_loop() {
                return Ok(None);
            }
            self.ask_read(SLICE)?;
            // The waker held here keeps the channel open: `recv` fails only if it is dropped.
            let wake = self.wakes.recv().context("the loop's wake-up channel closed")?;
            self.take_in(wake);
        }
    }

    fn today(&mut self) -> Option<NaiveDate> {
        self.follow_clock.then(|| chrono::Local::now().date_naive())
    }

    fn input_waiting(&mut self) -> bool {
        self.look();
        if self.inbox.input.is_none() && !self.asked && self.ask_read(Duration::ZERO).is_ok() {
            // A look with no wait: answered in microseconds, unless the terminal hung up.
            let deadline = Instant::now() + Duration::from_millis(50);
            while self.asked {
                match self.wakes.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(wake) => self.take_in(wake),
                    Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
                }
            }
        }
        // "Nothing yet" is no input; kept, it would make the next wait return at once.
        if matches!(self.inbox.input, Some(Ok(None))) {
            self.inbox.input = None;
        }
        self.inbox.input.is_some()
    }

    fn edit(&mut self, text: &str) -> Result<String> {
        if !self.no_read_out() {
            bail!("the app is ending");
        }
        signals::leave_terminal();
        let result = self.signals.lending(|| crate::editor::edit_text(text, Some(&self.editor)));
        signals::enter_terminal()?;
        result
    }

    fn signal(&mut self) -> Option<Request> {
        self.look();
        self.inbox.signal.take()
    }

    fn suspend(&mut self) -> Result<()> {
        signals::suspend()
    }

    fn resume(&mut self) -> Result<()> {
        signals::enter_terminal()
    }

    fn message(&mut self) -> Option<(String, bool)> {
        self.look();
        let result = match self.inbox.backup.take() {
            Some(result) => result,
            None if self.backup.as_ref().is_some_and(|b| b.thread.is_finished()) => {
                // Finished without a word: look once more, its answer may have just come.
                self.look();
                self.inbox.backup.take().unwrap_or_else(|| Err("its thread stopped".into()))
            }
            None => return None,
        };
        if let Some(backup) = self.backup.take() {
            self.retire(backup);
        }
        match result {
            Ok(_) => None,
            Err(err) => Some((format!("The day's backup failed: {err}"), true)),
        }
    }

    fn beside(&mut self, job: Job) -> Option<Done> {
        let receipt = job.receipt();
        // The app hands out one job of a kind at a time; one still out here only has its
        // answer to send.
        if let Some(at) = self.jobs.iter().position(|(out, _)| out.kind == receipt.kind) {
            let (_, old) = self.jobs.swap_remove(at);
            self.retire(old);
        }
        let waker = self.waker.clone();
        match Beside::spawn("beside", move |stop| {
            let _ = waker.send(Wake::Job(job.run_until(stop)));
        }) {
            Ok(thread) => {
                self.jobs.push((receipt, thread));
                None
            }
            Err(err) => Some(receipt.failed(&format!("{err:#}"))),
        }
    }

    fn done(&mut self) -> Option<Done> {
        self.look();
        let done = match self.inbox.jobs.pop() {
            Some(done) => done,
            None => {
                // A thread that ended without a word: look once more, its answer may have
                // just come.
                let &(receipt, _) = self.jobs.iter().find(|(_, job)| job.thread.is_finished())?;
                self.look();
                self.inbox.jobs.pop().unwrap_or_else(|| receipt.failed("its thread stopped"))
            }
        };
        if let Some(at) = self.jobs.iter().position(|(out, _)| *out == done.receipt()) {
            let (_, thread) = self.jobs.swap_remove(at);
            self.retire(thread);
        }
        Some(done)
    }

    fn store_check_due(&mut self) -> bool {
        let due = self.last_store_check.elapsed() >= STORE_CHECK;
        if due {
            self.last_store_check = Instant::now();
        }
        due
    }
}
