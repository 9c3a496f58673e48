//! The update logic driven by actions and keys over an in-memory store, no terminal.

mod common;

use common::{app, demo_store, draw};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use salescoach::store::Store;
use salescoach::tui::{Action, Mode, Tab};

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn empty_database_welcomes_and_d_loads_the_demo() {
    let mut app = app(Store::open_in_memory().unwrap());
    assert_eq!(app.mode(), Mode::Welcome);
    // Tab keys do nothing on the welcome screen.
    app.handle_event(&key('3'));
    assert_eq!(app.tab(), Tab::Today);
    app.handle_event(&key('d'));
    assert_eq!(app.mode(), Mode::Tabs);
    assert!(app.status().unwrap().text.starts_with("Demo loaded"));
    assert!(app.store().counts().unwrap().customers == 30);
    assert!(draw(&app, 80, 24).contains("Overdue (7)"));
}

#[test]
fn n_starts_empty_and_today_says_so() {
    let mut app = app(Store::open_in_memory().unwrap());
    app.handle_event(&key('n'));
    assert_eq!(app.mode(), Mode::Tabs);
    assert!(app.store().counts().unwrap().is_empty());
    assert!(draw(&app, 80, 24).contains("Nothing overdue, nothing due today."));
}

#[test]
fn number_keys_and_tab_cycle_through_tabs() {
    let mut app = app(demo_store());
    for (c, tab) in ('1'..='7').zip(Tab::ALL) {
        app.handle_event(&key(c));
        assert_eq!(app.tab(), tab);
    }
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    assert_eq!(app.tab(), Tab::Today);
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)));
    assert_eq!(app.tab(), Tab::Insights);
}

#[test]
fn help_opens_closes_and_q_then_quits() {
    let mut app = app(demo_store());
    app.handle_event(&key('?'));
    assert!(draw(&app, 80, 24).contains("Keys"));
    app.handle_event(&key('q'));
    assert!(!app.should_quit(), "q closes the overlay first");
    assert!(!draw(&app, 80, 24).contains("show or hide this help"));
    app.handle_event(&key('q'));
    assert!(app.should_quit());
}

#[test]
fn moving_through_the_checklist_skips_headers() {
    let mut app = app(demo_store());
    let first = draw(&app, 80, 24);
    let selected_line = |screen: &str| screen.lines().find(|l| l.contains('▸')).map(str::to_string);
    assert!(selected_line(&first).unwrap().contains("Liam Walsh"));
    for _ in 0..7 {
        app.update(Action::Down);
    }
    // Past the seven overdue rows and over the "Due today" header.
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Umar Farouk"));
    app.update(Action::Up);
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Marta Novak"));
    app.update(Action::Bottom);
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Bianca Ferreira"));
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 0,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Marta Novak"));
}

#[test]
fn a_small_window_scrolls_to_keep_the_selection_visible() {
    let mut app = app(demo_store());
    draw(&app, 40, 12);
    for _ in 0..9 {
        app.update(Action::Down);
    }
    let screen = draw(&app, 40, 12);
    assert!(screen.contains("▸"), "{screen}");
}

#[test]
fn midnight_moves_the_checklist_on() {
    let mut app = app(demo_store());
    app.set_today(common::today().succ_opt().unwrap());
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Saturday 28 November"), "{screen}");
    assert!(screen.contains("Overdue (10)"), "yesterday's three joined the overdue: {screen}");
}

#[test]
fn the_loop_runs_on_a_test_backend_until_quit() {
    let mut app = app(Store::open_in_memory().unwrap());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let mut script = vec![Some(key('q')), None, Some(key('2')), Some(key('d'))];
    let mut ticks = 0;
    salescoach::tui::run_loop(
        &mut terminal,
        &mut app,
        || Ok(script.pop().flatten()),
        || {
            ticks += 1;
            None
        },
    )
    .unwrap();
    assert!(app.should_quit());
    assert_eq!(app.tab(), Tab::Goals);
    assert_eq!(ticks, 1, "the quiet tick asked the clock once");
    assert!(terminal.backend().to_string().contains("2 Goals"));
}
