//! Signals while the app holds the terminal. A handler may not touch the terminal, so a
//! thread receives them and wakes the loop: TERM, HUP and INT end the app with the terminal
//! given back, TSTP (and Ctrl-z, a key in raw mode) suspends it.

use anyhow::{Context, Result};
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};

/// What the signals that arrived ask the loop to do, least pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Request {
    /// CONT after a stop the app did not make itself (`kill -STOP`): take the terminal again.
    Resume,
    /// TSTP from outside: give the terminal back and stop until continued.
    Suspend,
    /// TERM, HUP or INT: give the terminal back and end with status 128 + this signal.
    End(i32),
}

impl Request {
    fn for_signal(signal: i32) -> Option<Self> {
        match signal {
            SIGCONT => Some(Self::Resume),
            SIGTSTP => Some(Self::Suspend),
            SIGTERM | SIGHUP | SIGINT => Some(Self::End(signal)),
            _ => None,
        }
    }
}

/// What the loop and the signal thread both see.
#[derive(Default)]
struct Shared {
    /// Another program (the editor) has the terminal; the loop waits for it to end.
    lent: AtomicBool,
    /// The app gave the terminal back for good: signals do what they would without it.
    over: AtomicBool,
}

/// The signals the app answers, passed to the loop as they come.
pub struct SignalWatch {
    shared: Arc<Shared>,
}

impl SignalWatch {
    /// Replaces the default actions: from here on TERM, HUP, INT and TSTP wait for the loop,
    /// which `tell` wakes with what each asks for.
    pub fn install(tell: impl Fn(Request) + Send + 'static) -> Result<Self> {
        let mut signals =
            Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT]).context("cannot watch for signals")?;
        let shared = Arc::new(Shared::default());
        let seen = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    answer(signal, &tell, &seen);
                }
            })
            .context("cannot watch for signals")?;
        Ok(Self { shared })
    }

    /// Runs `program` (the editor) with the terminal lent to it.
    pub fn lending<T>(&self, program: impl FnOnce() -> T) -> T {
        self.shared.lent.store(true, SeqCst);
        let result = program();
        self.shared.lent.store(false, SeqCst);
        result
    }
}

impl Drop for SignalWatch {
    fn drop(&mut self) {
        self.shared.over.store(true, SeqCst);
    }
}

/// On the signal thread: pass the signal to the loop, or act on it when the loop cannot.
fn answer(signal: i32, tell: &impl Fn(Request), shared: &Shared) {
    if shared.over.load(SeqCst) {
        // After the TUI (a backup, say) TERM still ends the program and TSTP still stops it.
        let _ = signal_hook::low_level::emulate_default_handler(signal);
        return;
    }
    if signal == SIGTSTP && shared.lent.load(SeqCst) {
        // The editor's Ctrl-z stops its process group, the app included; the app stops too,
        // so the shell sees the whole job stopped and `fg` continues both.
        let _ = signal_hook::low_level::raise(SIGSTOP);
        return;
    }
    if let Some(request) = Request::for_signal(signal) {
        tell(request);
    }
}

/// How `run` reports that a signal ended it; `main` exits with `exit_status` quietly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndedBySignal(pub i32);

impl EndedBySignal {
    /// The status a shell reports for a program a signal ended: 128 + its number.
    pub fn exit_status(self) -> u8 {
        u8::try_from(128 + self.0).unwrap_or(u8::MAX)
    }
}

impl std::fmt::Display for EndedBySignal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ended by signal {}", self.0)
    }
}

impl std::error::Error for EndedBySignal {}

/// The exit status for an error that is a signal ending the app, if it is one.
pub fn signal_exit_status(err: &anyhow::Error) -> Option<u8> {
    err.downcast_ref::<EndedBySignal>().map(|ended| ended.exit_status())
}

/// Gives the terminal back as the shell expects it: mouse reporting off, raw mode off, the
/// main screen, the cursor shown. Errors are ignored: after a hangup there is no terminal
/// left to tell, and the rest should still be tried.
pub fn leave_terminal() {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = ratatui::try_restore();
    let _ = execute!(out, Show);
}

/// Takes the terminal again after `leave_terminal`; the caller repaints.
pub fn enter_terminal() -> Result<()> {
    enable_raw_mode()?;
    execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Ok(())
}

/// Suspends like any terminal program: terminal back to the shell, then stop. STOP, not
/// TSTP: TSTP is caught here, and the kernel drops it for a process without job control.
/// Returns once continued (`fg`, `kill -CONT`), with the terminal taken again.
pub fn suspend() -> Result<()> {
    leave_terminal();
    signal_hook::low_level::raise(SIGSTOP).context("cannot stop")?;
    enter_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::tui::{App, Ctx, Ending, Outside, Theme, drive};
    use ratatui::backend::Backend;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use std::collections::VecDeque;

    /// The world outside, scripted: one event and one signal per ask, then Ctrl-c.
    #[derive(Default)]
    struct Script {
        events: VecDeque<Event>,
        signals: VecDeque<Option<Request>>,
        suspended: usize,
        resumed: usize,
        /// Reading fails, as on a terminal that hung up.
        hung_up: bool,
    }

    impl Outside for Script {
        fn next_event(&mut self) -> anyhow::Result<Option<Event>> {
            anyhow::ensure!(!self.hung_up, "the terminal is gone");
            Ok(Some(self.events.pop_front().unwrap_or_else(|| ctrl('c'))))
        }
        fn today(&mut self) -> Option<chrono::NaiveDate> {
            None
        }
        fn edit(&mut self, text: &str) -> anyhow::Result<String> {
            Ok(text.to_string())
        }
        fn signal(&mut self) -> Option<Request> {
            self.signals.pop_front().flatten()
        }
        fn suspend(&mut self) -> anyhow::Result<()> {
            self.suspended += 1;
            Ok(())
        }
        fn resume(&mut self) -> anyhow::Result<()> {
            self.resumed += 1;
            Ok(())
        }
    }

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    fn demo_app() -> App {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store.load_plan(&crate::demo::demo_plan(today).unwrap()).unwrap();
        App::new(store, Ctx { today, config: crate::config::Config::default(), theme: Theme::mono() }).unwrap()
    }

    fn run(script: &mut Script) -> (Ending, String) {
        let mut app = demo_app();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        let ending = drive(&mut terminal, &mut app, script).unwrap();
        (ending, terminal.backend().to_string())
    }

    #[test]
    fn ctrl_z_suspends_once_and_the_app_carries_on() {
        let mut script = Script { events: [ctrl('z'), ctrl('c')].into(), ..Script::default() };
        let (ending, screen) = run(&mut script);
        assert_eq!((ending, script.suspended, script.resumed), (Ending::Quit, 1, 0));
        assert!(screen.contains("Overdue ("), "{screen}");
    }

    #[test]
    fn tstp_suspends_and_the_cont_of_fg_is_not_answered_twice() {
        let signals = [Some(Request::Suspend), Some(Request::Resume)].into();
        let mut script = Script { events: [Event::FocusGained, ctrl('c')].into(), signals, ..Script::default() };
        let (ending, _) = run(&mut script);
        assert_eq!((ending, script.suspended, script.resumed), (Ending::Quit, 1, 0));
    }

    #[test]
    fn cont_after_an_outside_stop_takes_the_terminal_again() {
        let mut script = Script { signals: [Some(Request::Resume)].into(), ..Script::default() };
        run(&mut script);
        assert_eq!((script.suspended, script.resumed), (0, 1));
    }

    #[test]
    fn term_ends_the_loop_with_its_number_before_any_other_key() {
        let signals = [Some(Request::End(SIGTERM))].into();
        let mut script = Script { events: [ctrl('z'), ctrl('z')].into(), signals, ..Script::default() };
        let (ending, _) = run(&mut script);
        assert_eq!((ending, script.suspended), (Ending::Signal(SIGTERM), 0));
    }

    #[test]
    fn a_hangup_ends_with_its_hup_not_with_the_read_error() {
        let mut script = Script { hung_up: true, signals: [Some(Request::End(SIGHUP))].into(), ..Script::default() };
        let mut app = demo_app();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        assert_eq!(drive(&mut terminal, &mut app, &mut script).unwrap(), Ending::Signal(SIGHUP));
        let mut script = Script { hung_up: true, ..Script::default() };
        let err = drive(&mut terminal, &mut app, &mut script).unwrap_err();
        assert_eq!(err.to_string(), "the terminal is gone");
    }

    #[test]
    fn a_repaint_redraws_every_cell_over_what_another_program_drew() {
        let app = demo_app();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        terminal.draw(|frame| app.render(frame)).unwrap();
        let drawn = terminal.backend().to_string();
        // The shell (or an editor) wrote over the screen meanwhile.
        terminal.backend_mut().clear().unwrap();
        super::super::repaint_all(&mut terminal).unwrap();
        terminal.draw(|frame| app.render(frame)).unwrap();
        assert_eq!(terminal.backend().to_string(), drawn, "only the changed cells were drawn");
    }

    #[test]
    fn the_most_pressing_request_wins() {
        let mut requests: Vec<Request> =
            [SIGCONT, SIGTERM, SIGTSTP, 10].into_iter().filter_map(Request::for_signal).collect();
        requests.sort();
        assert_eq!(requests, [Request::Resume, Request::Suspend, Request::End(SIGTERM)]);
    }

    #[test]
    fn a_signal_ending_the_app_exits_with_128_plus_its_number() {
        let err = anyhow::Error::new(EndedBySignal(SIGHUP)).context("salescoach");
        assert_eq!(signal_exit_status(&err), Some(129));
        assert_eq!(signal_exit_status(&anyhow::anyhow!("other")), None);
    }
}
