//! The terminal user interface: the loop draws, waits for an event, and updates.

mod action;
mod app;
pub mod beside;
mod context;
mod forms;
mod input;
mod keymap;
mod overlays;
mod playbook;
mod real_terminal;
mod render;
mod routing;
mod screens;
mod signals;
mod tab;
mod theme;
mod undo;
mod widgets;

pub use action::Action;
pub use app::{App, EditRequest, Mode};
pub use context::Ctx;
pub use keymap::{Binding, GLOBAL, LIST};
pub use tab::Tab;
pub use theme::Theme;

use crate::cli::Env;
use anyhow::{Context, Result};
pub use beside::{Done, Job, Kind, Receipt};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use real_terminal::RealTerminal;
pub use signals::{EndedBySignal, Request, signal_exit_status};
use std::time::{Duration, Instant};

/// Opens the store, takes over the terminal, runs until the seller quits or a signal ends
/// it, and gives the terminal back in its normal state, also on error and on panic.
pub fn run(env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let theme = Theme::pick(std::env::var("NO_COLOR").ok().as_deref(), env.config.no_color);
    let ctx = Ctx { today: env.today, config: env.config.clone(), theme };
    let mut app = App::new_drawing_first(store, ctx)?;
    app.work_beside();
    // Before the terminal is taken: it watches for signals.
    let mut outside = RealTerminal::new(!env.today_overridden, daily_backup_due(env))?;
    let mut terminal = ratatui::try_init()
        .context("the app needs an interactive terminal; in scripts use a subcommand such as `salescoach today`")?;
    install_mouse_release_on_panic();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let ending = drive(&mut terminal, &mut app, &mut outside);
    signals::leave_terminal();
    outside.wind_down(&ending);
    // From here signals do what they would without the app.
    if terminal.show_cursor().is_err() {
        // The terminal is gone (a hangup): the Terminal's drop would try again and panic
        // printing its failure to that same terminal.
        std::mem::forget(terminal);
    }
    match ending? {
        Ending::Quit => Ok(()),
        Ending::Signal(signal) => Err(EndedBySignal(signal).into()),
    }
}

/// The day's backup, named by the day the app runs for (`--today` moves it too).
fn daily_backup_due(env: &Env) -> Option<crate::store::backup::DailyBackup> {
    let kept = env.config.backups_kept as usize;
    let now = env.today.and_time(chrono::Local::now().time());
    (kept > 0).then(|| crate::store::backup::DailyBackup::due(&env.db_path, env.today, now, kept)).flatten()
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The seller quit.
    Quit,
    /// TERM, HUP or INT arrived (its number).
    Signal(i32),
}

/// What the loop needs from outside the app. `run` answers with the real terminal, clock,
/// editor and signals; tests script them.
pub trait Outside {
    /// The next terminal event, or `None` when a quiet slice of time passed.
    fn next_event(&mut self) -> Result<Option<Event>>;
    /// The current day, if the app follows the clock.
    fn today(&mut self) -> Option<NaiveDate>;
    /// A note's text after the seller edited it in $EDITOR.
    fn edit(&mut self, text: &str) -> Result<String>;
    /// What the signals since the last call ask for; never blocks.
    fn signal(&mut self) -> Option<Request> {
        None
    }
    /// Whether input is already waiting; never blocks. The loop takes it before any
    /// settle step, so what the seller typed is not held up behind the coach.
    fn input_waiting(&mut self) -> bool {
        false
    }
    /// Gives the terminal back, stops until continued, then takes the terminal again.
    fn suspend(&mut self) -> Result<()> {
        Ok(())
    }
    /// Takes the terminal again after a stop the app did not make (`kill -STOP`, then CONT).
    fn resume(&mut self) -> Result<()> {
        Ok(())
    }
    /// Whether it is time to look for writes by other processes.
    fn store_check_due(&mut self) -> bool {
        false
    }
    /// A message for the status line from work done beside the app (the day's backup).
    fn message(&mut self) -> Option<(String, bool)> {
        None
    }
    /// Starts a job beside the loop (the slow figures of `beside.rs`); the answer comes from
    /// `done`, or at once from here. By default it is worked out here and now.
    fn beside(&mut self, job: Job) -> Option<Done> {
        Some(job.run())
    }
    /// A job started by `beside` that has finished; never blocks.
    fn done(&mut self) -> Option<Done> {
        None
    }
}

/// The loop, generic over the backend so tests drive it with `TestBackend` and scripted
/// events. `next_event` returns `None` on a quiet tick; `clock` gives the current day, if
/// the app follows the clock. No signals, no suspending: `drive` has those.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    next_event: impl FnMut() -> Result<Option<Event>>,
    clock: impl FnMut() -> Option<NaiveDate>,
    edit: impl FnMut(&str) -> Result<String>,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    drive(terminal, app, &mut Scripted { next_event, clock, edit }).map(|_| ())
}

/// The loop: draw, take one event, then whatever the world outside asks for, until the
/// seller quits or a signal ends it.
pub fn drive<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, outside: &mut impl Outside) -> Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    // A hangup makes drawing and reading fail; the HUP that came with it says how to end.
    // The kernel sends it as the terminal goes, so the failure may be seen first: wait a
    // moment for it before calling the failure an error.
    passes(terminal, app, outside).or_else(|err| signal_soon(outside).map(Ending::Signal).ok_or(err))
}

/// An ending signal already waiting or arriving within half a second.
fn signal_soon(outside: &mut impl Outside) -> Option<i32> {
    let deadline = Instant::now() + Duration::from_millis(500);
    loop {
        if let Some(signal) = ending_signal(outside) {
            return Some(signal);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn passes<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, outside: &mut impl Outside) -> Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    while !app.should_quit() {
        terminal.draw(|frame| app.render(frame))?;
        // What the frame left out (the rest of Today, then its coach lines), a frame after
        // each step, before waiting for a key; a key already waiting goes first.
        if !outside.input_waiting() && app.settle() {
            continue;
        }
        if let Some(job) = app.take_job()
            && let Some(done) = outside.beside(job)
            && app.accept(done)
        {
            continue;
        }
        if let Some(event) = outside.next_event()? {
            app.handle_event(&event);
        }
        // Every pass, not only on quiet ticks: a key pressed just after midnight already
        // works on the new day.
        if let Some(today) = outside.today() {
            app.set_today(today);
        }
        if let Some(request) = app.take_edit_request() {
            let edited = outside.edit(&request.text);
            app.finish_edit(request, edited);
            // What came while the editor had the terminal (the CONT of an `fg` after its
            // Ctrl-z) is over by now; only a signal that ends the app still counts.
            if let Some(signal) = ending_signal(outside) {
                return Ok(Ending::Signal(signal));
            }
            repaint_all(terminal)?;
        }
        let asked = outside.signal().max(app.take_suspend_request().then_some(Request::Suspend));
        match asked {
            Some(Request::End(signal)) => return Ok(Ending::Signal(signal)),
            Some(Request::Suspend) => {
                outside.suspend()?;
                // Being continued sent a CONT, already answered.
                if let Some(signal) = ending_signal(outside) {
                    return Ok(Ending::Signal(signal));
                }
                repaint_all(terminal)?;
            }
            Some(Request::Resume) => {
                outside.resume()?;
                repaint_all(terminal)?;
            }
            None => {}
        }
        if outside.store_check_due() {
            app.notice_outside_writes();
        }
        if let Some((text, is_error)) = outside.message() {
            app.report(text, is_error);
        }
        while let Some(done) = outside.done() {
            app.accept(done);
        }
    }
    Ok(Ending::Quit)
}

/// Takes the signals waiting, keeping only one that ends the app.
fn ending_signal(outside: &mut impl Outside) -> Option<i32> {
    match outside.signal() {
        Some(Request::End(signal)) => Some(signal),
        _ => None,
    }
}

/// Makes the next draw paint every cell, over a screen another program drew on. Not
/// `Terminal::clear`: it first asks the terminal for the cursor position and fails after
/// 2 s when no answer comes; a full-screen app has no cursor to keep.
fn repaint_all<B: Backend>(terminal: &mut Terminal<B>) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    terminal.backend_mut().clear()?;
    // Each swap blanks the buffer it leaves behind: after two the next frame is drawn whole.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}

/// `run_loop`'s closures as an `Outside` without signals.
struct Scripted<E, C, D> {
    next_event: E,
    clock: C,
    edit: D,
}

impl<E, C, D> Outside for Scripted<E, C, D>
where
    E: FnMut() -> Result<Option<Event>>,
    C: FnMut() -> Option<NaiveDate>,
    D: FnMut(&str) -> Result<String>,
{
    fn next_event(&mut self) -> Result<Option<Event>> {
        (self.next_event)()
    }

    fn today(&mut self) -> Option<NaiveDate> {
        (self.clock)()
    }

    fn edit(&mut self, text: &str) -> Result<String> {
        (self.edit)(text)
    }
}

/// ratatui's hook restores raw mode and the alternate screen; mouse capture is ours to undo.
fn install_mouse_release_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}
