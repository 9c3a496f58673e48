//! The terminal user interface: the loop draws, waits for an event, and updates.

mod action;
mod app;
mod context;
mod forms;
mod keymap;
mod overlays;
mod render;
mod screens;
mod tab;
mod theme;
mod widgets;

pub use action::Action;
pub use app::{App, EditRequest, Mode};
pub use context::Ctx;
pub use keymap::{Binding, GLOBAL, LIST};
pub use tab::Tab;
pub use theme::Theme;

use crate::cli::Env;
use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use std::time::Duration;

/// How often the loop wakes without input, to notice midnight.
const TICK: Duration = Duration::from_secs(30);

/// Opens the store, takes over the terminal, runs until the seller quits, and gives the
/// terminal back in its normal state, also on error and on panic.
pub fn run(env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let theme = Theme::pick(std::env::var("NO_COLOR").ok().as_deref(), env.config.no_color);
    let ctx = Ctx { today: env.today, config: env.config.clone(), theme };
    let mut app = App::new(store, ctx)?;
    let follow_clock = !env.today_overridden;
    let editor = std::env::var("EDITOR").ok();

    let mut terminal = ratatui::try_init()
        .context("the app needs an interactive terminal; in scripts use a subcommand such as `salescoach today`")?;
    install_mouse_release_on_panic();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = run_loop(
        &mut terminal,
        &mut app,
        || {
            if event::poll(TICK)? { Ok(Some(event::read()?)) } else { Ok(None) }
        },
        || follow_clock.then(|| chrono::Local::now().date_naive()),
        |text| suspended(|| crate::editor::edit_text(text, editor.as_deref())),
    );
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// The loop, generic over the backend so tests drive it with `TestBackend` and scripted
/// events. `next_event` returns `None` on a quiet tick; `clock` gives the current day, if
/// the app follows the clock.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut() -> Result<Option<Event>>,
    mut clock: impl FnMut() -> Option<chrono::NaiveDate>,
    mut edit: impl FnMut(&str) -> Result<String>,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    while !app.should_quit() {
        terminal.draw(|frame| app.render(frame))?;
        if let Some(event) = next_event()? {
            app.handle_event(&event);
        }
        // Every pass, not only on quiet ticks: a key pressed just after midnight already
        // works on the new day.
        if let Some(today) = clock() {
            app.set_today(today);
        }
        if let Some(request) = app.take_edit_request() {
            let edited = edit(&request.text);
            app.finish_edit(request, edited);
            // The editor drew over the screen: repaint everything.
            terminal.clear()?;
        }
    }
    Ok(())
}

/// Hands the terminal to another program (the editor) and takes it back afterwards.
fn suspended<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let result = f();
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(std::io::stdout(), ratatui::crossterm::terminal::EnterAlternateScreen, EnableMouseCapture)?;
    result
}

/// ratatui's hook restores raw mode and the alternate screen; mouse capture is ours to undo.
fn install_mouse_release_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}
