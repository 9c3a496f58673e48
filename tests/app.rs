//! The update logic driven by actions and keys over an in-memory store, no terminal.

mod common;

use common::{app, demo_store, draw, key, press, type_text};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use salescoach::store::Store;
use salescoach::tui::{Action, Mode, Tab};

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
    assert!(draw(&app, 80, 24).contains("Overdue (6)"));
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
    assert!(draw(&app, 80, 24).contains("Help"));
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
    // Open complaints come first.
    assert!(selected_line(&first).unwrap().contains("Ben Okafor"));
    app.update(Action::Down);
    app.update(Action::Down);
    // Over the "Overdue" header to its oldest row.
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Pedro Alves"));
    for _ in 0..6 {
        app.update(Action::Down);
    }
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Umar Farouk"));
    app.update(Action::Up);
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Marta Novak"));
    app.update(Action::Bottom);
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Flashcards"));
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 0,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    // Three rows up, over the "Training" header.
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Tereza Dvořáková"));
    for _ in 0..4 {
        app.update(Action::Up);
    }
    // Over the "Stay in touch" header to the last deal going cold.
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Latte art evening"));
    for _ in 0..4 {
        app.update(Action::Up);
    }
    // Over the "Deals going cold" header to the last follow-up due today.
    assert!(selected_line(&draw(&app, 80, 24)).unwrap().contains("Bianca Ferreira"));
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
    assert!(screen.contains("Sat 28 Nov"), "{screen}");
    assert!(screen.contains("Overdue (9)"), "yesterday's three joined the overdue: {screen}");
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
        |_| unreachable!("no note is edited"),
    )
    .unwrap();
    assert!(app.should_quit());
    assert_eq!(app.tab(), Tab::Goals);
    assert_eq!(ticks, 4, "the clock is asked after every event and tick");
    assert!(terminal.backend().to_string().contains("2 Goals"));
}

#[test]
fn logging_a_sale_through_the_form_moves_the_revenue_goal() {
    let mut app = app(demo_store());
    // Friday's sale: the +2 days check-in lands on Sunday and moves to Monday.
    let check_day = common::today() + chrono::Days::new(3);
    let due_before = app
        .store()
        .checklist(check_day, &salescoach::config::Config::default().cadence_defaults(), 10)
        .unwrap()
        .due_today;
    app.handle_event(&key('2'));
    let before = draw(&app, 80, 24);
    assert!(before.contains("52% at risk"), "{before}");
    app.handle_event(&key('S'));
    assert!(app.form().is_some());
    type_text(&mut app, "Marta");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "house blend");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "5,000");
    press(&mut app, KeyCode::Enter);
    // Marta's weekly bean order is due: the sale offers to mark it done; Esc keeps it open.
    assert!(app.form().unwrap().title.contains("reorder check"), "{:?}", app.form().map(|f| &f.title));
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_none(), "saved and closed");
    assert!(app.status().unwrap().text.starts_with("Logged sale #"), "{:?}", app.status());
    let after = draw(&app, 80, 24);
    // $23,400 + $5,000 of $45,000 = 63.1%.
    assert!(after.contains("63% "), "{after}");
    // The post-sale check-in was scheduled two days out.
    let due_after = app
        .store()
        .checklist(check_day, &salescoach::config::Config::default().cadence_defaults(), 10)
        .unwrap()
        .due_today;
    assert_eq!(due_after, due_before + 1);
}

#[test]
fn an_invalid_form_saves_nothing_and_says_which_field() {
    let mut app = app(demo_store());
    let before = app.store().counts().unwrap();
    app.handle_event(&key('2')); // no customer in view: the form starts empty
    app.handle_event(&key('S'));
    type_text(&mut app, "Corner"); // matches two customers
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "12.345");
    press(&mut app, KeyCode::Enter);
    let form = app.form().expect("still open");
    assert_eq!(form.fields[form.focus].label, "Customer", "focus jumps to the first bad field");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("'Corner' matches"), "{screen}");
    assert!(screen.contains("more than two decimals"), "{screen}");
    assert!(screen.contains("nothing was saved"), "{screen}");
    // Typed into: the first Esc asks, the second drops it.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_none());
    assert_eq!(app.store().counts().unwrap(), before);
}

#[test]
fn logging_an_interaction_and_adding_a_goal() {
    let mut app = app(demo_store());
    let before = app.store().counts().unwrap();
    app.handle_event(&key('7'));
    app.handle_event(&key('L'));
    type_text(&mut app, "Marta"); // the preset kind is passed over
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Right); // call -> email
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Left); // none -> pending (wraps)
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.status().unwrap().text, format!("Logged email #{} (pending)", before.interactions + 1));
    assert_eq!(app.store().counts().unwrap().interactions, before.interactions + 1);

    app.handle_event(&key('2'));
    app.handle_event(&key('a'));
    type_text(&mut app, "Demos in December");
    press(&mut app, KeyCode::Tab);
    for _ in 0..5 {
        press(&mut app, KeyCode::Right); // revenue -> custom
    }
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "12");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "+30d");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.status().unwrap().text, "Added goal #4: Demos in December");
    let goal = app.store().goal(4).unwrap();
    assert_eq!((goal.metric.as_str(), goal.target), ("custom", 12));
    assert_eq!(goal.deadline_on, common::today() + chrono::Days::new(30));
}

#[test]
fn the_goal_chart_opens_closes_and_explains_itself() {
    let mut app = app(demo_store());
    app.handle_event(&key('2'));
    app.handle_event(&key('j'));
    press(&mut app, KeyCode::Enter);
    assert!(draw(&app, 80, 24).contains("Due by"));
    app.handle_event(&key('?'));
    let help = draw(&app, 120, 40);
    assert!(help.contains("How each number is computed"), "{help}");
    assert!(help.contains("target $45,000.00 x 43 / 66 working days"), "{help}");
    app.handle_event(&key('?'));
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit(), "Esc leaves the chart first");
    assert!(draw(&app, 80, 24).contains("[█"), "back on the list");
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit(), "Esc never quits from a tab");
    assert_eq!(app.status().unwrap().text, "q quits");
    app.handle_event(&key('q'));
    assert!(app.should_quit());
}

#[test]
fn search_finds_a_note_and_opens_it() {
    let mut app = app(demo_store());
    app.handle_event(&key('/'));
    type_text(&mut app, "dial");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Grinder dial-in checklist"), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab(), Tab::Knowledge);
    assert!(draw(&app, 80, 24).contains("Start at 18 g in"));
    // Customers open on the Customers tab.
    app.handle_event(&key('/'));
    type_text(&mut app, "cesky");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab(), Tab::Customers);
    assert!(draw(&app, 80, 24).contains("Tereza Dvořáková"));
}

#[test]
fn training_from_today_grades_cards_and_the_count_drops() {
    let mut app = app(demo_store());
    assert!(draw(&app, 100, 40).contains("7 cards due"));
    app.update(Action::Bottom);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab(), Tab::Knowledge);
    assert!(draw(&app, 80, 24).contains("card 1 of 7"));
    app.handle_event(&key('3'));
    assert_eq!(app.tab(), Tab::Knowledge, "a grade before the answer is shown does not switch tabs");
    assert!(app.status().unwrap().text.contains("Space shows the answer first"));
    app.handle_event(&key(' '));
    assert!(draw(&app, 80, 24).contains("PID control"));
    app.handle_event(&key('3'));
    assert!(draw(&app, 80, 24).contains("card 2 of 7"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab(), Tab::Today, "leaving the review goes back to where it started");
    assert!(draw(&app, 100, 40).contains("6 cards due"));
    app.handle_event(&key('5'));
    app.handle_event(&key('t'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab(), Tab::Knowledge, "a review started here ends here");

    // Leaving a Today review for a search hit forgets the way back.
    app.handle_event(&key('1'));
    app.update(Action::Bottom);
    press(&mut app, KeyCode::Enter);
    app.handle_event(&key('/'));
    type_text(&mut app, "dial");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    app.handle_event(&key('t'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab(), Tab::Knowledge);
}

/// Knowledge, down past the ten products to the first note, E, then quit; popped from the end.
fn edit_first_note_script() -> Vec<Option<Event>> {
    let mut script: Vec<Option<Event>> = vec![Some(key('5'))];
    script.extend((0..10).map(|_| Some(key('j'))));
    script.push(Some(key('E')));
    script.push(Some(key('q')));
    script.reverse();
    script
}

#[test]
fn editing_a_note_in_the_editor_updates_its_cards() {
    let mut app = app(demo_store());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let mut script = edit_first_note_script();
    let mut edited_text = String::new();
    salescoach::tui::run_loop(
        &mut terminal,
        &mut app,
        || Ok(script.pop().flatten()),
        || None,
        |text| {
            edited_text = text.to_string();
            Ok(format!("{text}\nQ: Who roasts our beans?\nA: A partner roastery, weekly."))
        },
    )
    .unwrap();
    assert!(edited_text.starts_with("The Lever Pro pays for itself"), "{edited_text}");
    assert!(app.status().unwrap().text.starts_with("Saved; cards 1 added"), "{:?}", app.status());
    assert_eq!(app.store().cards_for_note(1).unwrap().len(), 4);
}

#[test]
fn a_failed_editor_leaves_the_note_alone() {
    let mut app = app(demo_store());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let mut script = edit_first_note_script();
    salescoach::tui::run_loop(
        &mut terminal,
        &mut app,
        || Ok(script.pop().flatten()),
        || None,
        |_| Err(anyhow::anyhow!("cannot start the editor 'nope': not found; set $EDITOR")),
    )
    .unwrap();
    let status = app.status().unwrap();
    assert!(status.is_error && status.text.contains("set $EDITOR"), "{status:?}");
    assert!(app.store().note(1).unwrap().body.starts_with("The Lever Pro pays"));
}

#[test]
fn motivation_favourite_hide_edit_and_resource_status() {
    let mut app = app(demo_store());
    app.handle_event(&key('6'));
    let first = app.store().items(None, false).unwrap()[0].clone();
    app.handle_event(&key('f'));
    assert!(app.store().item(first.id).unwrap().favourite);
    app.handle_event(&key('e'));
    for _ in 0..first.body.chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Call before noon.");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.store().item(first.id).unwrap().body, "Call before noon.");
    app.handle_event(&key('h'));
    assert!(app.store().item(first.id).unwrap().hidden);
    assert!(!draw(&app, 100, 30).contains("Call before noon."), "hidden items leave the list");
    app.handle_event(&key('G'));
    let last = app.store().items(None, false).unwrap().last().cloned().unwrap();
    app.handle_event(&key('x'));
    assert_eq!(app.store().item(last.id).unwrap().status.map(|s| s.as_str()), Some("in_progress"));
}

#[test]
fn deleting_and_cancelling_ask_for_a_second_press() {
    let mut app = app(demo_store());
    app.handle_event(&key('6'));
    let first = app.store().items(None, false).unwrap()[0].clone();
    app.handle_event(&key('D'));
    assert!(app.status().unwrap().text.starts_with("Press D again"));
    assert!(app.store().item(first.id).is_ok(), "nothing deleted yet");
    app.handle_event(&key('j'));
    app.handle_event(&key('k'));
    app.handle_event(&key('D'));
    assert!(app.store().item(first.id).is_ok(), "moving away disarmed the first press");
    app.handle_event(&key('D'));
    assert!(app.store().item(first.id).is_err(), "deleted on the second press");

    app.handle_event(&key('4'));
    let open_before = app.store().open_followups_until(common::today() + chrono::Days::new(400)).unwrap().len();
    app.handle_event(&key('C'));
    assert_eq!(app.store().open_followups_until(common::today() + chrono::Days::new(400)).unwrap().len(), open_before);
    app.handle_event(&key('C'));
    assert_eq!(
        app.store().open_followups_until(common::today() + chrono::Days::new(400)).unwrap().len(),
        open_before - 1
    );
}

#[test]
fn progress_on_a_custom_goal_is_logged_by_hand() {
    let mut store = demo_store();
    let today = common::today();
    let id = store
        .add_goal(&salescoach::domain::goal::NewGoal {
            title: "Demos booked".into(),
            metric: salescoach::domain::goal::Metric::Custom,
            unit: "demos".into(),
            target: 10,
            start_on: today - chrono::Days::new(10),
            deadline_on: today + chrono::Days::new(20),
            working_days: salescoach::domain::goal::WorkingDays::default(),
        })
        .unwrap();
    let mut app = app(store);
    app.handle_event(&key('2'));
    app.handle_event(&key('g'));
    app.handle_event(&key('l'));
    assert!(app.form().is_none(), "the revenue goal counts from the log");
    assert!(app.status().unwrap().text.contains("log a sale (S)"), "{:?}", app.status());
    while app.form().is_none() {
        app.handle_event(&key('j'));
        app.handle_event(&key('l'));
    }
    assert!(app.form().unwrap().title.contains("Demos booked (demos)"));
    type_text(&mut app, "0");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_some(), "zero is refused");
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.status());
    let goal = app.store().goal(id).unwrap();
    assert_eq!(app.store().goal_daily(&goal).unwrap(), vec![(today, 3)]);
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("30% at risk") && screen.contains("need 7 demos more"), "{screen}");
}

#[test]
fn products_are_added_and_edited_from_knowledge() {
    let mut app = app(demo_store());
    let before = app.store().products(true).unwrap().len();
    app.handle_event(&key('5'));
    app.handle_event(&key('P'));
    type_text(&mut app, "Grinder service");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Service");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "12.345");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_some(), "a bad price keeps the form open");
    assert_eq!(app.store().products(true).unwrap().len(), before);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.status());
    let added = app.store().products(true).unwrap().into_iter().find(|p| p.name == "Grinder service").unwrap();
    assert_eq!(added.price_minor, 1234);

    app.handle_event(&key('P'));
    type_text(&mut app, "grinder SERVICE");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_some(), "names are unique whatever the case");
    // Typed into: the first Esc asks, the second drops it.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.store().products(true).unwrap().len(), before + 1);

    app.handle_event(&key('g'));
    for _ in 0..20 {
        if draw(&app, 100, 30).contains("▸ Grinder service") {
            break;
        }
        app.handle_event(&key('j'));
    }
    app.handle_event(&key('e'));
    let form = app.form().expect("e on a product edits it");
    assert_eq!((form.value("Name"), form.value("Price")), ("Grinder service", "12.34"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "45");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.status());
    assert_eq!(app.store().product(added.id).unwrap().price_minor, 4500);
    assert_eq!(app.store().products(true).unwrap().len(), before + 1, "edited in place");
}

#[test]
fn a_narrow_customer_page_scrolls_and_stops_at_its_end() {
    let mut app = app(demo_store());
    app.handle_event(&key('3'));
    app.handle_event(&key('j'));
    press(&mut app, KeyCode::Enter);
    let top = draw(&app, 40, 12);
    for _ in 0..200 {
        app.handle_event(&key('j'));
        draw(&app, 40, 12);
    }
    let end = draw(&app, 40, 12);
    assert_ne!(end, top, "scrolled down");
    // Anders Lund's page ends with his one contact, wrapped: its last line is at the bottom.
    assert!(
        end.lines().rev().nth(1).unwrap().trim_matches('"').trim().ends_with("day)"),
        "the last line ends the page: {end}"
    );
    app.handle_event(&key('k'));
    let one_up = draw(&app, 40, 12);
    assert_ne!(one_up, end, "one press back moves at once, however long j was held");
    app.handle_event(&key('g'));
    assert_eq!(draw(&app, 40, 12), top);
}

#[test]
fn help_lists_each_key_once_and_scrolls_to_its_end() {
    let mut app = app(demo_store());
    app.handle_event(&key('5'));
    app.handle_event(&key('t'));
    app.handle_event(&key('?'));
    let help = draw(&app, 100, 50);
    assert!(help.contains("Knowledge"), "{help}");
    let rows_for = |k: &str| help.lines().filter(|l| l.contains(&format!("│ {k}  "))).count();
    assert_eq!((rows_for("1"), rows_for("4"), rows_for("5")), (1, 1, 1), "each key listed once: {help}");
    assert!(help.contains("again: forgotten") && !help.contains("Follow-ups  "), "1-4 grade, not switch tabs: {help}");
    app.handle_event(&key('?'));
    press(&mut app, KeyCode::Esc);

    app.handle_event(&key('1'));
    app.handle_event(&key('?'));
    let top = draw(&app, 60, 12);
    for _ in 0..100 {
        press(&mut app, KeyCode::PageDown);
        draw(&app, 60, 12);
    }
    let end = draw(&app, 60, 12);
    assert!(end.contains("search notes, products"), "the last binding is on screen: {end}");
    app.handle_event(&key('k'));
    assert_ne!(draw(&app, 60, 12), end, "one press back moves at once");
    app.handle_event(&key('g'));
    assert_eq!(draw(&app, 60, 12), top);
}

#[test]
fn wide_glyph_names_keep_the_columns_aligned() {
    use salescoach::domain::customer::NewCustomer;
    use salescoach::domain::followup::{FollowupKind, NewFollowup};
    let mut store = demo_store();
    let today = common::today();
    let id = store
        .add_customer(&NewCustomer {
            name: "山田商店 Yamada Shōten".into(), created_on: today, ..Default::default()
        })
        .unwrap();
    store
        .add_followup(&NewFollowup {
            customer_id: id,
            kind: FollowupKind::Quote,
            reason: "見積もり for the grinder".into(),
            due_on: today,
            due_time: None,
            recurrence: None,
            sale_id: None,
            complaint_id: None,
            created_on: today,
        })
        .unwrap();
    let app = app(store);
    let screen = draw(&app, 100, 40);
    // TestBackend prints each row quoted, wide glyphs once (the cell after one is hidden).
    let rows: Vec<&str> = screen.lines().filter_map(|l| l.split('"').nth(1)).collect();
    let due: Vec<&str> = rows.iter().copied().filter(|r| r.trim_end().ends_with("today")).collect();
    let wide = due.iter().find(|r| r.contains("山田")).unwrap_or_else(|| panic!("{screen}"));
    let latin = due.iter().find(|r| !r.contains("山田")).unwrap();
    let columns = salescoach::domain::text::columns;
    assert_eq!((columns(wide), columns(latin)), (100, 100), "rows fill the width exactly:\n{wide}\n{latin}");
    // Marker 2 + name 22 + space 1 + tag 14 and two spaces: the reason starts at column 41.
    assert_eq!(columns(&wide[..wide.find("見").unwrap()]), 41, "{wide}");
    assert!(latin[..41].ends_with("  ") && !latin[41..].starts_with(' '), "a Latin row's also starts at 41: {latin}");
    assert!(wide.contains("山田商店 Yamada"), "{wide}");
}

#[test]
fn sale_and_call_forms_start_with_the_customer_in_view() {
    let mut app = app(demo_store());
    app.handle_event(&key('3'));
    app.handle_event(&key('j'));
    let customer = draw(&app, 120, 40);
    app.handle_event(&key('S'));
    let form = app.form().unwrap();
    assert_eq!(form.fields[form.focus].label, "Product", "the cursor skips the filled-in customer");
    let id = form.value("Customer").trim_start_matches('#').parse::<i64>().unwrap();
    let name = app.store().customer(id).unwrap().name;
    assert!(customer.contains(&format!("▸ {name}")), "the selected row's customer: {name}");
    assert!(draw(&app, 100, 30).contains(&name), "the form shows who it understood");
    press(&mut app, KeyCode::Esc);

    app.handle_event(&key('1'));
    app.handle_event(&key('j'));
    app.handle_event(&key('L'));
    assert!(app.form().unwrap().value("Customer").starts_with('#'));
    press(&mut app, KeyCode::Esc);
    app.handle_event(&key('2'));
    app.handle_event(&key('L'));
    assert_eq!(app.form().unwrap().value("Customer"), "", "no customer on the Goals tab");
}

#[test]
fn on_a_friday_snooze_and_plan_default_to_monday() {
    // common::today() is Friday 27 November 2026; the default week is Monday to Friday.
    let mut app = app(demo_store());
    app.handle_event(&key('4'));
    app.handle_event(&key('s'));
    assert_eq!(app.form().unwrap().value("Until"), "mon");
    assert!(draw(&app, 100, 30).contains("Mon 30 Nov"), "{}", draw(&app, 100, 30));
    press(&mut app, KeyCode::Esc);
    app.handle_event(&key('a'));
    assert_eq!(app.form().unwrap().value("Due"), "mon");
}

#[test]
fn a_namesake_is_noted_but_allowed() {
    let mut app = app(demo_store());
    let before = app.store().counts().unwrap().customers;
    app.handle_event(&key('3'));
    app.handle_event(&key('a'));
    type_text(&mut app, "marta NOVAK");
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("same name as #1 Marta Novak (Corner Grind Café)"), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.status());
    assert_eq!(app.store().counts().unwrap().customers, before + 1);
}

#[test]
fn a_filled_in_field_is_never_the_first_focus_and_typing_replaces_a_preset() {
    let mut app = app(demo_store());
    app.handle_event(&key('3'));
    app.handle_event(&key('j'));
    app.handle_event(&key('R'));
    let customer = app.form().unwrap().value("Customer").to_string();
    assert!(customer.starts_with('#'), "{customer}");
    type_text(&mut app, "3");
    let form = app.form().unwrap();
    assert_eq!((form.value("Customer"), form.value("Score")), (customer.as_str(), "3"), "the 3 is the score");
    // Typed into: the first Esc asks, the second drops it.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    app.handle_event(&key('c'));
    let form = app.form().unwrap();
    assert_eq!(form.fields[form.focus].label, "Summary", "past the customer and the preset severity");
    press(&mut app, KeyCode::Esc);

    // Snooze: → steps to a preset, then `fri` is typed over it.
    app.handle_event(&key('4'));
    app.handle_event(&key('s'));
    press(&mut app, KeyCode::Right);
    type_text(&mut app, "fri");
    assert_eq!(app.form().unwrap().value("Until"), "fri");
}

/// The selected row of the list (a detail pane beside it is cut off).
fn selected_row(app: &salescoach::tui::App) -> String {
    let screen = draw(app, 100, 30);
    let line = screen.lines().find(|l| l.contains('▸')).unwrap_or_else(|| panic!("nothing selected:\n{screen}"));
    line.split('│').next().unwrap_or(line).to_string()
}

#[test]
fn after_an_edit_the_cursor_follows_the_note_to_the_top() {
    let mut app = app(demo_store());
    app.handle_event(&key('5'));
    app.handle_event(&key('G'));
    app.handle_event(&key('E'));
    let request = app.take_edit_request().expect("E asks for the editor");
    app.finish_edit(request.clone(), Ok(format!("{}\nOne more line.", request.text)));
    let title = app.store().note(request.note_id).unwrap().title;
    assert!(selected_row(&app).contains(&title), "{title}: {}", selected_row(&app));
    app.handle_event(&key('e'));
    assert_eq!(app.form().unwrap().title, format!("Edit note #{}", request.note_id), "e opens the same note");
}

#[test]
fn an_added_item_is_selected_on_every_tab() {
    let mut app = app(demo_store());
    app.handle_event(&key('5'));
    app.handle_event(&key('a'));
    type_text(&mut app, "Espresso ratios");
    press(&mut app, KeyCode::Enter);
    assert!(selected_row(&app).contains("Espresso ratios"), "{}", selected_row(&app));
    app.handle_event(&key('P'));
    type_text(&mut app, "Aeropress");
    press(&mut app, KeyCode::Enter);
    assert!(selected_row(&app).contains("Aeropress"), "{}", selected_row(&app));

    app.handle_event(&key('2'));
    app.handle_event(&key('a'));
    type_text(&mut app, "Tastings booked");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "900");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "+5d");
    press(&mut app, KeyCode::Enter);
    assert!(selected_row(&app).contains("Tastings booked"), "{}", selected_row(&app));

    app.handle_event(&key('4'));
    app.handle_event(&key('a'));
    type_text(&mut app, "Marta");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "+200d");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Anniversary call");
    press(&mut app, KeyCode::Enter);
    assert!(selected_row(&app).contains("Anniversary call"), "{}", selected_row(&app));
    // Snoozed to another day, it moves down the list and the cursor with it.
    app.handle_event(&key('g'));
    let first = selected_row(&app);
    app.handle_event(&key('s'));
    type_text(&mut app, "+3w");
    press(&mut app, KeyCode::Enter);
    assert!(app.status().unwrap().text.starts_with("Snoozed to"), "{:?}", app.status());
    assert_eq!(selected_row(&app), first, "still on the snoozed follow-up");
    app.handle_event(&key('g'));
    assert_ne!(selected_row(&app), first, "which is no longer the first row");

    app.handle_event(&key('6'));
    app.handle_event(&key('a'));
    type_text(&mut app, "Smile when you dial.");
    press(&mut app, KeyCode::Enter);
    assert!(selected_row(&app).contains("Smile when you dial."), "{}", selected_row(&app));
    // A favourite moves to the top: the cursor goes along.
    app.handle_event(&key('f'));
    assert!(selected_row(&app).contains("★ tip      Smile when you dial."), "{}", selected_row(&app));
}

#[test]
fn a_customer_added_under_a_filter_that_hides_it_is_shown() {
    let mut app = app(demo_store());
    app.handle_event(&key('3'));
    app.handle_event(&key('f'));
    type_text(&mut app, "Corner");
    press(&mut app, KeyCode::Enter);
    assert!(draw(&app, 100, 30).contains("matching 'Corner'"));
    app.handle_event(&key('a'));
    type_text(&mut app, "Zoe Quill");
    press(&mut app, KeyCode::Enter);
    let status = app.status().unwrap().text.clone();
    assert!(status.contains("filter cleared to show Zoe Quill"), "{status}");
    assert!(selected_row(&app).contains("Zoe Quill"), "{}", selected_row(&app));
    // Renamed, the customer sorts elsewhere: the cursor goes along.
    app.handle_event(&key('e'));
    type_text(&mut app, "Aaron Quill");
    press(&mut app, KeyCode::Enter);
    assert!(selected_row(&app).contains("Aaron Quill"), "{}", selected_row(&app));
}

#[test]
fn an_edited_text_refused_on_saving_is_kept_and_the_status_line_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("notes.db")).unwrap();
    store.load_plan(&salescoach::demo::demo_plan(common::today()).unwrap()).unwrap();
    let mut app = app(store);
    app.handle_event(&key('5'));
    for _ in 0..10 {
        app.handle_event(&key('j'));
    }
    app.handle_event(&key('E'));
    let request = app.take_edit_request().expect("E on a note");
    let too_long = "x".repeat(200_001);
    app.finish_edit(request, Ok(too_long.clone()));
    let status = app.status().unwrap().clone();
    assert!(status.is_error && status.text.contains("your edited text is kept in"), "{status:?}");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("salescoach-unsaved-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), too_long);
    assert!(status.text.contains(&kept[0].display().to_string()), "{status:?}");
    // The whole message is on screen, however long the path: the status line wraps.
    let screen: String = draw(&app, 80, 24).lines().map(|l| l.trim_matches('"').trim_end()).collect();
    let name = kept[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(screen.contains(&name), "{screen}");
}

#[test]
fn a_snooze_keeps_to_working_days_and_never_moves_earlier() {
    let mut app = app(demo_store());
    app.handle_event(&key('4'));
    // Friday +1d is Saturday, a day off: Monday, and the form says so before saving.
    app.handle_event(&key('s'));
    type_text(&mut app, "+1d");
    let text = form_text(&app);
    assert!(text.contains("Sat 28 Nov is a day off (working days mon-fri); moved to Mon 30 Nov"), "{text}");
    press(&mut app, KeyCode::Enter);
    let status = app.status().unwrap().text.clone();
    assert!(status.starts_with("Snoozed to Mon 30 Nov (Sat 28 Nov is a day off"), "{status}");
    // Now due Monday: Saturday would be earlier, which a snooze never is.
    app.handle_event(&key('s'));
    type_text(&mut app, "sat");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_some(), "refused");
    let text = form_text(&app);
    assert!(text.contains("2026-11-28 is before its due date 2026-11-30; snooze only moves later"), "{text}");
    // A day off named outright is kept, with a note.
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-12-05");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{}", draw(&app, 120, 30));
    let status = app.status().unwrap().text.clone();
    assert!(status.starts_with("Snoozed to Sat 5 Dec (Sat 5 Dec is a day off"), "{status}");

    // Done's next touch is a plan too: not in the past.
    app.handle_event(&key('x'));
    while app.form().unwrap().fields[app.form().unwrap().focus].label != "Next" {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "yesterday");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_some(), "refused");
    assert!(draw(&app, 120, 30).contains("is in the past"), "{}", draw(&app, 120, 30));
}

/// The form popup's rows (between its corners), as text.
fn popup_rows(screen: &str) -> Vec<String> {
    // TestBackend quotes each row (and notes the cells hidden behind wide glyphs after it).
    let rows: Vec<String> = screen.lines().filter_map(|l| l.split('"').nth(1)).map(str::to_string).collect();
    let top = rows.iter().position(|r| r.contains('┌')).unwrap_or_else(|| panic!("no form:\n{screen}"));
    let bottom = rows.iter().rposition(|r| r.contains('└')).unwrap();
    rows[top..=bottom].to_vec()
}

/// What a form shows at 80x24, its rows joined by spaces (wrapped notes read as one).
fn form_text(app: &salescoach::tui::App) -> String {
    let rows = popup_rows(&draw(app, 80, 24));
    let inside: Vec<&str> = rows.iter().filter_map(|r| r.split('│').nth(1)).map(str::trim).collect();
    inside.join(" ")
}

#[test]
fn form_notes_wrap_inside_the_form_and_choices_show_labels() {
    let mut app = app(demo_store());
    app.handle_event(&key('4'));
    app.handle_event(&key('a'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "someday");
    let text = form_text(&app);
    assert!(text.contains("a weekday (fri), next fri or last fri"), "the whole message: {text}");
    // Choice fields show labels, never the stored names.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // other -> check-in (wraps)
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Kind check-in") && !screen.contains("checkin"), "{screen}");
    for _ in 0..3 {
        press(&mut app, KeyCode::Right);
    }
    assert!(draw(&app, 80, 24).contains("Kind stay in touch"), "{}", draw(&app, 80, 24));
    // Typed into: the first Esc asks, the second drops it.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    // A goal's metric, fixed once the goal exists, reads as words too.
    app.handle_event(&key('2'));
    app.handle_event(&key('G'));
    app.handle_event(&key('e'));
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("new customers") && !screen.contains("new_customers"), "{screen}");
}

#[test]
fn a_wide_glyph_at_a_forms_edge_leaves_its_border_alone() {
    use salescoach::domain::followup::{FollowupKind, NewFollowup};
    let mut store = demo_store();
    for (n, name) in ["山田商店", "鈴木珈琲店", "佐藤カフェ 東京", "高橋焙煎所"].iter().enumerate()
    {
        let customer = salescoach::domain::customer::NewCustomer {
            name: name.repeat(3),
            created_on: common::today(),
            ..Default::default()
        };
        let customer_id = store.add_customer(&customer).unwrap();
        let followup = NewFollowup {
            customer_id,
            kind: FollowupKind::Quote,
            reason: "見積もり".repeat(n + 5),
            due_on: common::today(),
            due_time: None,
            recurrence: None,
            sale_id: None,
            complaint_id: None,
            created_on: common::today(),
        };
        store.add_followup(&followup).unwrap();
    }
    let mut app = app(store);
    app.handle_event(&key('3'));
    app.handle_event(&key('a'));
    type_text(&mut app, &"山田商店".repeat(8));
    // From its start the value runs to the form's edge, whatever its parity.
    press(&mut app, KeyCode::Home);
    assert_borders_whole(&app);
    // Saved, the name is the edit form's title too.
    press(&mut app, KeyCode::Enter);
    app.handle_event(&key('e'));
    assert!(app.form().unwrap().title.starts_with("Edit 山田"));
    assert_borders_whole(&app);
    press(&mut app, KeyCode::Esc);
    // Under the form, a wide glyph straddling its left edge: its second half is the border.
    app.handle_event(&key('1'));
    for _ in 0..5 {
        app.handle_event(&key('S'));
        assert_borders_whole(&app);
        press(&mut app, KeyCode::Esc);
        app.handle_event(&key('j'));
    }
}

fn assert_borders_whole(app: &salescoach::tui::App) {
    for width in 40..=120 {
        let rows = popup_rows(&draw(app, width, 24));
        // TestBackend prints a wide glyph once for its two cells: count columns, not chars.
        let columns = salescoach::domain::text::columns;
        let left = columns(&rows[0][..rows[0].find('┌').unwrap()]);
        let right = columns(&rows[0][..rows[0].find('┐').unwrap_or_else(|| panic!("{}", rows[0]))]);
        for row in &rows[1..rows.len() - 1] {
            let borders = (row.find('│').map(|at| columns(&row[..at])), row.rfind('│').map(|at| columns(&row[..at])));
            assert_eq!(borders, (Some(left), Some(right)), "width {width}: {row}\n{}", rows.join("\n"));
        }
        let bottom = rows.last().unwrap();
        assert_eq!(bottom.rfind('┘').map(|at| columns(&bottom[..at])), Some(right), "{bottom}");
    }
}

#[test]
fn a_quote_marked_won_offers_its_sale_and_a_sale_offers_the_reorder_check() {
    let mut app = app(demo_store());
    app.handle_event(&key('4'));
    while !selected_row(&app).contains("Quote for two compact machines") {
        app.handle_event(&key('j'));
    }
    app.handle_event(&key('x'));
    let compact = app.store().resolve(salescoach::store::Named::Product, "Compact espresso").unwrap();
    let form = app.form().unwrap();
    assert_eq!(form.value("Product"), format!("#{compact}"), "the product the quote names");
    assert_eq!(form.fields[form.focus].label, "Note");
    type_text(&mut app, "They said yes");
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Left); // none -> pending
    press(&mut app, KeyCode::Left); // pending -> lost
    press(&mut app, KeyCode::Left); // lost -> won
    assert!(form_text(&app).contains("won: the sale form follows"), "{}", form_text(&app));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Live demo");
    press(&mut app, KeyCode::Enter);
    // The Done is saved (with the technique, so the win counts for it); the sale is offered.
    let form = app.form().expect("the sale form follows");
    assert!(form.title.starts_with("Log the sale the quote won"), "{}", form.title);
    let customer = form.value("Customer").trim_start_matches('#').parse::<i64>().unwrap();
    let price = app.store().product(compact).unwrap().price_minor;
    assert_eq!(form.value("Product"), format!("#{compact}"));
    assert_eq!(salescoach::domain::money::parse_money(form.value("Amount")).unwrap(), price);
    let demo = app.store().resolve(salescoach::store::Named::Technique, "Live demo").unwrap();
    assert_eq!(form.value("Technique"), format!("#{demo}"));
    let won: i64 = app
        .store()
        .recent_contacts(customer, 1)
        .unwrap()
        .iter()
        .filter(|c| c.technique.as_deref() == Some("Live demo") && c.outcome.as_str() == "won")
        .count() as i64;
    assert_eq!(won, 1, "the win is logged with its technique");
    let sales_before = app.store().counts().unwrap().sales;
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.status());
    assert_eq!(app.store().counts().unwrap().sales, sales_before + 1);

    // Jonas Berg's reorder check is due today: his sale offers to mark it done.
    let jonas = app.store().resolve(salescoach::store::Named::Customer, "Jonas Berg").unwrap();
    let until = common::today() + chrono::Days::new(7);
    let reorder = salescoach::domain::followup::FollowupKind::Reorder;
    assert_eq!(app.store().open_followups_of(jonas, reorder, until).unwrap().len(), 1);
    app.handle_event(&key('2')); // no customer in view
    app.handle_event(&key('S'));
    type_text(&mut app, "Jonas Berg");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "house blend");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "300");
    press(&mut app, KeyCode::Enter);
    let form = app.form().expect("the reorder check is offered");
    assert!(form.title.starts_with("Done: Jonas Berg's reorder check"), "{}", form.title);
    assert!(app.status().unwrap().text.contains("answers the open reorder check"), "{:?}", app.status());
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.status());
    assert!(app.store().open_followups_of(jonas, reorder, until).unwrap().is_empty(), "done, and the new one is +30d");
    assert!(app.status().unwrap().text.starts_with("Done: Jonas Berg"), "{:?}", app.status());
}

#[test]
fn a_complaint_row_names_its_age_and_its_reply_due_and_f_records_the_response() {
    let mut app = app(demo_store());
    let screen = draw(&app, 100, 30);
    // Ben Okafor's complaint, opened three days ago: the coach and the row count alike;
    // answered already, so its reply is not late (the 48 hours ran out yesterday).
    assert!(screen.contains("Complaint from Ben Okafor open for 3 days"), "{screen}");
    let row = selected_row(&app);
    assert!(row.contains("Ben Okafor") && row.contains("open 3d · ") && row.contains("replied"), "{row}");
    app.handle_event(&key('F'));
    assert!(app.status().unwrap().text.starts_with("Already answered on"), "{:?}", app.status());
    // Narrow, the reply's state alone: answered is not "1d late".
    let narrow = draw(&app, 40, 12);
    assert!(narrow.contains("replied") && !narrow.contains("10d la…"), "{narrow}");
    // Olivia Brown's, opened yesterday, waits for its first reply.
    app.handle_event(&key('j'));
    let row = selected_row(&app);
    assert!(row.contains("Olivia Brown") && row.contains("open 1d · ") && row.contains("reply in 1d"), "{row}");
    app.handle_event(&key('F'));
    let status = app.status().unwrap().text.clone();
    assert!(status.starts_with("First response to Olivia Brown's complaint recorded (open 1 day)"), "{status}");
    let complaint = app.store().open_complaints().unwrap().into_iter().find(|c| c.customer == "Olivia Brown").unwrap();
    assert_eq!(complaint.first_response_on, Some(common::today()));
    let row = selected_row(&app);
    assert!(row.contains("Olivia Brown") && row.contains("replied"), "the cursor stays on it: {row}");
    // Not a complaint: F says what it is for.
    app.handle_event(&key('j'));
    app.handle_event(&key('F'));
    assert!(app.status().unwrap().text.contains("select one"), "{:?}", app.status());
}

#[test]
fn each_grade_shows_its_interval_and_a_card_graded_again_comes_back_in_the_session() {
    use salescoach::domain::srs::{Grade, Scheduler};
    let mut app = app(demo_store());
    let today = common::today();
    let queue = app.store().review_queue(today, salescoach::config::Config::default().new_cards_per_day).unwrap();
    let first = app.store().card(queue[0]).unwrap();
    app.handle_event(&key('5'));
    app.handle_event(&key('t'));
    app.handle_event(&key(' '));
    let screen = draw(&app, 100, 30);
    for grade in Grade::ALL.iter().copied() {
        let days = (Scheduler::default().review(&first.memory, grade, today).due_on - today).num_days();
        let shown = if days == 0 { "today".to_string() } else { format!("{days}d") };
        let label = format!("{} {} {shown}", grade.number(), grade.label());
        assert!(screen.contains(&label), "{label}: {screen}");
    }
    app.handle_event(&key('1'));
    assert!(app.status().unwrap().text.contains("back later in this session"), "{:?}", app.status());
    let total = queue.len();
    assert!(draw(&app, 100, 30).contains(&format!("card 2 of {}", total + 1)), "the queue grew by the card");
    // Through the rest: the card forgotten is the last one shown.
    for _ in 1..total {
        app.handle_event(&key(' '));
        app.handle_event(&key('3'));
    }
    let screen = draw(&app, 100, 30);
    assert!(screen.contains(&format!("card {0} of {0}", total + 1)), "{screen}");
    assert!(screen.contains(first.front.as_str()), "{}: {screen}", first.front);
    app.handle_event(&key(' '));
    app.handle_event(&key('3'));
    assert!(draw(&app, 100, 30).contains("Done for today."));
}

#[test]
fn the_goal_chart_keeps_apart_from_its_numbers() {
    let mut app = app(demo_store());
    app.handle_event(&key('2'));
    app.handle_event(&key('j'));
    press(&mut app, KeyCode::Enter);
    for (width, height) in [(80, 24), (100, 30), (120, 40)] {
        let screen = draw(&app, width, height);
        let rows: Vec<&str> = screen.lines().filter_map(|l| l.split('"').nth(1)).collect();
        let target = rows.iter().find(|r| r.contains("Target")).unwrap();
        let side = target[..target.find("Target").unwrap()].chars().count();
        let axis = rows.iter().position(|r| r.contains('└')).unwrap();
        let top = rows.iter().position(|r| r.contains("Target")).unwrap();
        for row in &rows[top..axis] {
            let gap: String = row.chars().skip(side - 2).take(2).collect();
            assert_eq!(gap, "  ", "{width}x{height}: the chart runs into the numbers: {row}");
        }
    }
}

/// The screen's rows, trimmed and joined by spaces: wrapped text reads as one.
fn screen_text(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().filter_map(|l| l.split('"').nth(1)).map(str::trim).collect();
    rows.join(" ")
}

#[test]
fn long_text_opens_in_full_on_motivation_and_insights() {
    use salescoach::domain::knowledge::NewTechnique;
    use salescoach::domain::sale::{InteractionKind, NewInteraction, Outcome};
    let mut store = demo_store();
    let long = "Consultative questions, then a written summary of what they need";
    let technique = store.add_technique(&NewTechnique { name: long.into(), description: String::new() }).unwrap();
    let contact = NewInteraction {
        customer_id: 1,
        technique_id: Some(technique),
        product_id: None,
        kind: InteractionKind::Call,
        outcome: Outcome::Won,
        lost_reason: String::new(),
        happened_on: common::today(),
        note: String::new(),
        objections: Vec::new(),
        response: String::new(),
    };
    store.log_interaction(&contact).unwrap();
    let mut app = app(store);
    // A technique's name is not cut where the table has room (160 columns).
    app.handle_event(&key('7'));
    assert!(draw(&app, 160, 50).contains(long), "{}", draw(&app, 160, 50));
    // Enter on a coach line reads it, and what to do, whole.
    app.handle_event(&key('j'));
    press(&mut app, KeyCode::Enter);
    let page = screen_text(&draw(&app, 40, 12));
    assert!(page.contains("What to do") && page.contains("Esc back"), "{page}");
    press(&mut app, KeyCode::Esc);
    assert!(draw(&app, 160, 50).contains("Techniques, last 12 months"), "back on the list");

    // Motivation: an item longer than the screen, read in full.
    app.handle_event(&key('6'));
    app.handle_event(&key('a'));
    let tip = "Before a call, write down the one thing you want the customer to do next, and ask for it plainly";
    type_text(&mut app, tip);
    press(&mut app, KeyCode::Enter);
    assert!(!draw(&app, 60, 20).contains("ask for it plainly"), "cut in the list");
    press(&mut app, KeyCode::Enter);
    let page = screen_text(&draw(&app, 60, 20));
    assert!(page.contains(tip), "{page}");
    app.handle_event(&key('f'));
    assert!(screen_text(&draw(&app, 60, 20)).contains("★ favourite"), "keys act on the open item");
    press(&mut app, KeyCode::Esc);
    assert!(draw(&app, 60, 20).contains("▸ ★ tip"), "{}", draw(&app, 60, 20));
}

#[test]
fn the_product_page_lists_its_notes_and_cards_and_the_customer_page_its_contacts() {
    use salescoach::domain::sale::{InteractionKind, NewInteraction, Outcome};
    let mut store = demo_store();
    let marta = store.resolve(salescoach::store::Named::Customer, "Marta Novak").unwrap();
    let note = "Wants a second grinder for decaf before the holidays; call back once the budget is signed off";
    let contact = NewInteraction {
        customer_id: marta,
        technique_id: None,
        product_id: None,
        kind: InteractionKind::Visit,
        outcome: Outcome::Pending,
        lost_reason: String::new(),
        happened_on: common::today(),
        note: note.into(),
        objections: Vec::new(),
        response: String::new(),
    };
    store.log_interaction(&contact).unwrap();
    let plan = store.resolve(salescoach::store::Named::Product, "Maintenance plan").unwrap();
    let cards = store.product_cards(plan).unwrap();
    assert!(!cards.is_empty());
    let mut app = app(store);
    app.handle_event(&key('5'));
    while !selected_row(&app).contains("Maintenance plan (annual)") {
        app.handle_event(&key('j'));
    }
    press(&mut app, KeyCode::Enter);
    let page = screen_text(&draw(&app, 100, 40));
    assert!(page.contains("1 note") && page.contains("Maintenance plan: what is covered"), "{page}");
    assert!(page.contains(&format!("{} flashcards", cards.len())), "{page}");
    for card in &cards {
        assert!(page.contains(&card.front), "{}: {page}", card.front);
    }

    app.handle_event(&key('/'));
    type_text(&mut app, "marta");
    press(&mut app, KeyCode::Enter);
    let page = screen_text(&draw(&app, 80, 40));
    assert!(page.contains("Latest contacts") && page.contains("visit · pending"), "{page}");
    assert!(page.contains(note), "the note, wrapped under its contact: {page}");
}

#[test]
fn small_screens_read_whole_and_counts_read_right() {
    // An empty database: every tab's hint is read whole at 40x12.
    let mut app = app(Store::open_in_memory().unwrap());
    app.handle_event(&key('n'));
    let hints = [
        ('1', "A good day to call a customer you have not heard from."),
        ('2', "Press a to set one, e.g. revenue by a deadline."),
        ('3', "No customers yet. Press a to add one."),
        ('4', "Nothing planned. Press a to plan a follow-up."),
        ('5', "No products or notes yet. P adds a product, a a note."),
    ];
    for (tab, hint) in hints {
        app.handle_event(&key(tab));
        let text = screen_text(&draw(&app, 40, 12));
        assert!(text.contains(hint), "{hint}: {text}");
    }
    // One card due is "1 card", on Today and beside its product.
    let mut store = Store::open_in_memory().unwrap();
    let product = store
        .add_product(&salescoach::domain::knowledge::NewProduct {
            name: "Tamper".into(),
            category: String::new(),
            price_minor: 100,
            description: String::new(),
        })
        .unwrap();
    store.add_card("How heavy?", "58 mm, 400 g", Some(product), common::today()).unwrap();
    let mut app = common::app(store);
    let today = draw(&app, 40, 12);
    assert!(today.contains("1 card") && !today.contains("1 cards"), "{today}");
    app.handle_event(&key('5'));
    let knowledge = draw(&app, 40, 12);
    assert!(knowledge.contains("1 card ·") && !knowledge.contains("1 cards"), "{knowledge}");
}

#[test]
fn a_single_goal_line_names_the_goals_left_out() {
    let app = app(demo_store());
    let screen = draw(&app, 40, 12);
    let rows: Vec<&str> = screen.lines().filter_map(|l| l.split('"').nth(1)).collect();
    let goals: Vec<&&str> = rows.iter().filter(|r| r.starts_with('●') || r.contains("more goals")).collect();
    assert_eq!(goals.len(), 1, "one line for the goals: {screen}");
    assert!(goals[0].starts_with('●') && goals[0].contains("+2 more (2)"), "a goal, and how many more: {screen}");
}

#[test]
fn help_descriptions_wrap_under_themselves_and_amounts_line_up() {
    let mut app = app(demo_store());
    app.handle_event(&key('?'));
    let screen = draw(&app, 40, 12);
    let rows: Vec<&str> = screen.lines().filter_map(|l| l.split('"').nth(1)).collect();
    let first = rows.iter().position(|r| r.contains("complaint: record")).unwrap_or_else(|| panic!("{screen}"));
    let desc = rows[first].find("complaint").unwrap();
    assert_eq!(
        rows[first + 1].find("today's").map(|at| rows[first + 1][..at].chars().count()),
        Some(rows[first][..desc].chars().count()),
        "{screen}"
    );
    press(&mut app, KeyCode::Esc);
    // The due-by table's amounts end in one column.
    app.handle_event(&key('2'));
    app.handle_event(&key('j'));
    press(&mut app, KeyCode::Enter);
    let screen = draw(&app, 80, 24);
    let rows: Vec<&str> = screen.lines().filter_map(|l| l.split('"').nth(1)).collect();
    let header = rows.iter().position(|r| r.contains("Due by")).unwrap();
    let ends: std::collections::HashSet<usize> =
        rows[header + 1..].iter().filter(|r| r.contains(" $")).map(|r| r.trim_end().chars().count()).collect();
    assert_eq!(ends.len(), 1, "{screen}");
}

fn click(app: &mut salescoach::tui::App, column: u16, row: u16) {
    use ratatui::crossterm::event::MouseButton;
    let kind = MouseEventKind::Down(MouseButton::Left);
    app.handle_event(&Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }));
}

/// Where `text` is drawn at `width`x`height`: (column, row).
fn spot(app: &salescoach::tui::App, text: &str, width: u16, height: u16) -> (u16, u16) {
    let screen = draw(app, width, height);
    let rows: Vec<&str> = screen.lines().filter_map(|l| l.split('"').nth(1)).collect();
    let row = rows.iter().position(|r| r.contains(text)).unwrap_or_else(|| panic!("no '{text}':\n{screen}"));
    let column = salescoach::domain::text::columns(&rows[row][..rows[row].find(text).unwrap()]);
    (column as u16, row as u16)
}

#[test]
fn a_click_on_a_tab_switches_a_click_on_a_row_selects_and_a_double_click_opens() {
    let mut app = app(demo_store());
    let (column, row) = spot(&app, "4 Follow-ups", 80, 24);
    click(&mut app, column + 3, row);
    assert_eq!(app.tab(), Tab::Followups);
    // Narrow, the tab bar shows numbers: each still switches.
    let (column, row) = spot(&app, "5", 40, 12);
    click(&mut app, column, row);
    assert_eq!(app.tab(), Tab::Knowledge);

    app.handle_event(&key('3'));
    let (column, row) = spot(&app, "Ben Okafor", 80, 24);
    click(&mut app, column, row);
    assert!(selected_row(&app).contains("Ben Okafor"), "{}", selected_row(&app));
    assert!(!draw(&app, 80, 24).contains("Company "), "one click selects, it does not open");
    click(&mut app, column, row);
    assert!(draw(&app, 80, 24).contains("Harbour View Hotel"), "a double click opens the customer");

    // The goals take two rows each: a click on either picks the goal.
    app.handle_event(&key('2'));
    let (column, row) = spot(&app, "Five new accounts", 80, 24);
    click(&mut app, column, row + 1);
    assert!(selected_row(&app).contains("Five new accounts"), "{}", selected_row(&app));
    // Insights: a coach line, then a technique, opened with a double click.
    app.handle_event(&key('7'));
    let (column, row) = spot(&app, "Live demo  ", 120, 50);
    click(&mut app, column, row);
    click(&mut app, column, row);
    let page = draw(&app, 120, 50);
    assert!(page.contains("Live demo") && page.contains("Verdict") && page.contains("works best"), "{page}");
}

#[test]
fn esc_retraces_a_jump_to_where_it_came_from_with_its_selection() {
    let mut app = app(demo_store());
    // Today: move to the third row, open its customer, come back to the same row.
    app.update(Action::Down);
    app.update(Action::Down);
    let before = draw(&app, 80, 24);
    let row = before.lines().find(|l| l.contains('▸')).unwrap().to_string();
    app.update(Action::Open);
    assert_eq!(app.tab(), Tab::Customers);
    app.update(Action::Leave);
    assert_eq!(app.tab(), Tab::Today, "Esc goes back to Today");
    let after = draw(&app, 80, 24);
    assert!(after.contains(&row), "the same row is selected:\n{after}");
    assert!(after.contains("Back to Today"), "{after}");
    // Search from Customers to a note, then q: back on Customers, and q again leaves the page.
    app.update(Action::GoTo(Tab::Customers));
    app.handle_event(&key('/'));
    type_text(&mut app, "dial");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab(), Tab::Knowledge);
    app.handle_event(&key('q'));
    assert_eq!(app.tab(), Tab::Customers);
    assert!(!app.should_quit());
    // Choosing a tab by hand ends the trail: q then quits as before.
    app.update(Action::Open);
    app.update(Action::GoTo(Tab::Goals));
    app.update(Action::GoTo(Tab::Today));
    app.handle_event(&key('q'));
    assert!(app.should_quit());
}

#[test]
fn esc_on_a_form_with_typed_changes_asks_once_before_dropping_them() {
    let mut app = app(demo_store());
    app.update(Action::LogSale);
    // Untouched: one Esc closes it.
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_none());
    app.update(Action::LogSale);
    type_text(&mut app, "Mar");
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_some(), "typed text is not dropped on the first Esc");
    assert!(app.status().unwrap().text.contains("Esc again drops what you typed"));
    // Any other key in between makes the next Esc ask again.
    type_text(&mut app, "t");
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_some());
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_none());
    assert!(app.status().unwrap().text.contains("nothing was saved"));
}

#[test]
fn the_sales_log_edits_refunds_and_deletes_and_the_goals_follow() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Goals));
    let revenue = |app: &salescoach::tui::App| {
        let goal = app
            .store()
            .goals(false)
            .unwrap()
            .into_iter()
            .find(|g| g.metric == salescoach::domain::goal::Metric::Revenue)
            .unwrap();
        app.store().goal_daily(&goal).unwrap().iter().map(|(_, v)| v).sum::<i64>()
    };
    // A sale today, then the log for today: it is the first row.
    app.update(Action::LogSale);
    type_text(&mut app, "Marta");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    while app.form().is_some() {
        press(&mut app, KeyCode::Esc);
    }
    let before = revenue(&app);
    app.handle_event(&key('s'));
    // this week -> month -> year -> all time -> today
    for _ in 0..4 {
        app.handle_event(&key('p'));
    }
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Sales log · today") && screen.contains("$100.00 net · 1 deal"), "{screen}");
    assert!(screen.contains("▸") && screen.contains("Marta Novak"), "{screen}");
    // e: the amount, 100 -> 150; the goal follows at once.
    app.handle_event(&key('e'));
    assert!(app.form().unwrap().title.starts_with("Edit sale #"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for _ in 0..6 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "150");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    assert_eq!(revenue(&app), before + 5_000);
    assert!(draw(&app, 80, 24).contains("$150.00 net"));
    // R: a refund of 40; the net drops, the refund shows as a row.
    app.handle_event(&key('R'));
    for _ in 0..8 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "40");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("$110.00 net") && screen.contains("-$40.00"), "{screen}");
    assert_eq!(revenue(&app), before + 1_000);
    // The cursor stayed on the sale (the refund row came in above it). D on the sale is
    // refused while refunded; D twice on the refund deletes it.
    assert!(screen.lines().any(|l| l.contains("▸") && l.contains("$150.00")), "{screen}");
    app.handle_event(&key('D'));
    app.handle_event(&key('D'));
    assert!(app.status().unwrap().text.contains("delete the refund first"), "{:?}", app.status());
    app.update(Action::Up);
    app.handle_event(&key('D'));
    assert!(app.status().unwrap().text.contains("Press D again to delete refund #"));
    app.handle_event(&key('D'));
    assert!(app.status().unwrap().text.starts_with("Deleted refund #"));
    assert_eq!(revenue(&app), before + 5_000);
    // Enter shows it whole; Esc back to the log, Esc again to the goals.
    press(&mut app, KeyCode::Enter);
    assert!(draw(&app, 80, 24).contains("e edit · D delete"));
    press(&mut app, KeyCode::Esc);
    assert!(draw(&app, 80, 24).contains("Sales log"));
    press(&mut app, KeyCode::Esc);
    assert!(!draw(&app, 80, 24).contains("Sales log"));
}

#[test]
fn e_edits_a_follow_up_in_place() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Followups));
    app.update(Action::Down);
    app.handle_event(&key('e'));
    let form = app.form().expect("e opens the follow-up's plan");
    assert!(form.title.starts_with("Edit follow-up #"), "{}", form.title);
    let id: i64 = form.title["Edit follow-up #".len()..].split(':').next().unwrap().parse().unwrap();
    // Due: a week from the demo's day; Time: 16:15; Reason: replaced.
    for _ in 0..12 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-12-04");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "16:15");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for _ in 0..80 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Bring the samples");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let f = app.store().followup(id).unwrap();
    assert_eq!(
        (f.due_on.to_string().as_str(), f.due_time.as_deref(), f.reason.as_str()),
        ("2026-12-04", Some("16:15"), "Bring the samples")
    );
    let screen = draw(&app, 80, 24);
    let selected = screen.lines().find(|l| l.contains('▸')).unwrap();
    assert!(selected.contains("Bring the samples") && selected.contains("16:15"), "the cursor follows it:\n{screen}");
}

#[test]
fn e_on_a_complaint_edits_its_severity_and_summary() {
    let mut app = app(demo_store());
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("2 compl."), "the demo opens with complaints on top:\n{screen}");
    app.handle_event(&key('e'));
    let form = app.form().expect("e on a complaint edits it");
    assert!(form.title.starts_with("Edit complaint #"), "{}", form.title);
    let id: i64 = form.title["Edit complaint #".len()..].split(':').next().unwrap().parse().unwrap();
    let before = app.store().complaint(id).unwrap();
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    // A filled-in field is replaced by typing, like selected text; End keeps it to add to.
    press(&mut app, KeyCode::End);
    type_text(&mut app, " (again)");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let after = app.store().complaint(id).unwrap();
    assert_ne!(after.severity, before.severity);
    assert_eq!(after.summary, format!("{} (again)", before.summary));
}

#[test]
fn e_in_a_review_edits_a_hand_made_card_and_points_a_notes_card_to_its_note() {
    let mut store = Store::open_in_memory().unwrap();
    let today = common::today();
    store.add_card("Grind for espresso?", "Fnie", None, today).unwrap();
    let mut app = app(store);
    app.update(Action::StartEmpty);
    app.update(Action::GoTo(Tab::Knowledge));
    app.handle_event(&key('t'));
    app.handle_event(&key('e'));
    assert!(app.form().unwrap().title.starts_with("Edit card #"));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Fine, like table salt");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    app.handle_event(&key(' '));
    assert!(draw(&app, 80, 24).contains("Fine, like table salt"), "the review shows the card as saved");

    let mut app = common::app(demo_store());
    app.update(Action::GoTo(Tab::Knowledge));
    app.handle_event(&key('t'));
    app.handle_event(&key('e'));
    assert!(app.form().is_none());
    assert!(app.status().unwrap().text.contains("comes from note #"), "{:?}", app.status());
}

#[test]
fn u_undoes_the_latest_change_and_u_shifted_redoes_it() {
    let mut app = app(demo_store());
    let before = app.store().counts().unwrap();
    app.handle_event(&key('u'));
    assert!(app.status().unwrap().text.starts_with("Undone: Loaded the demo"), "{:?}", app.status());
    assert_eq!(app.mode(), Mode::Welcome, "the demo undone leaves an empty database");
    app.handle_event(&key('U'));
    assert_eq!(app.mode(), Mode::Tabs);
    assert_eq!(app.store().counts().unwrap(), before);
    // A sale with its follow-ups, undone in one step from the Goals tab.
    app.update(Action::GoTo(Tab::Goals));
    app.update(Action::LogSale);
    type_text(&mut app, "Marta");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "20");
    press(&mut app, KeyCode::Enter);
    while app.form().is_some() {
        press(&mut app, KeyCode::Esc);
    }
    assert_ne!(app.store().counts().unwrap(), before);
    app.handle_event(&key('u'));
    let said = &app.status().unwrap().text;
    assert!(said.starts_with("Undone: Logged sale #") && said.contains("U redoes it"), "{said}");
    assert_eq!(app.store().counts().unwrap(), before);
    assert_eq!(app.tab(), Tab::Goals, "undo stays where it was pressed");
    app.handle_event(&key('U'));
    assert!(app.status().unwrap().text.starts_with("Redone: Logged sale #"));
    app.handle_event(&key('U'));
    assert_eq!(app.status().unwrap().text, "Nothing to redo");
}

#[test]
fn x_on_a_deal_going_cold_logs_a_touch_and_it_leaves_the_list() {
    let mut app = app(demo_store());
    let cold = |app: &salescoach::tui::App| {
        app.store()
            .checklist(common::today(), &salescoach::config::Config::default().cadence_defaults(), 10)
            .unwrap()
            .cold_deals
    };
    let first = cold(&app)[0].clone();
    // Down to the first deal going cold: past the complaints, overdue and today rows.
    for _ in 0..40 {
        if draw(&app, 100, 40).lines().any(|l| l.contains('▸') && l.contains("Deal: ") && l.contains(&first.customer))
        {
            break;
        }
        app.update(Action::Down);
    }
    app.handle_event(&key('x'));
    let form = app.form().expect("x on a cold deal logs a touch");
    assert!(form.title.starts_with(&format!("Log a touch on deal #{}", first.deal_id)), "{}", form.title);
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    assert!(cold(&app).iter().all(|d| d.deal_id != first.deal_id), "touched today, warm again");
    assert_eq!(app.store().deal(first.deal_id).unwrap().last_activity_on, common::today());
}

#[test]
fn the_pipeline_moves_wins_and_loses_deals() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Goals));
    app.handle_event(&key('d'));
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Pipeline · 12 open") && screen.contains("Lead (3)"), "{screen}");
    let first = app.store().open_deals().unwrap();
    let selected = |app: &salescoach::tui::App| {
        let stages = app.store().stages().unwrap();
        let deals = app.store().open_deals().unwrap();
        // The first Lead deal by expected close, the one the cursor starts on.
        let lead = stages[0].id;
        deals.into_iter().find(|d| d.stage_id == lead).unwrap()
    };
    let deal = selected(&app);
    app.handle_event(&key('>'));
    assert_eq!(app.store().deal(deal.id).unwrap().stage, "Qualified");
    assert!(app.status().unwrap().text.starts_with("Moved "));
    app.handle_event(&key('<'));
    assert_eq!(app.store().deal(deal.id).unwrap().stage, "Lead", "the cursor stayed on the moved deal");
    let sales_before = app.store().counts().unwrap().sales;
    app.handle_event(&key('W'));
    let form = app.form().expect("W asks what the sale was");
    assert!(form.title.starts_with(&format!("Won deal #{}", deal.id)), "{}", form.title);
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    assert_eq!(app.store().counts().unwrap().sales, sales_before + 1);
    assert_eq!(app.store().deal(deal.id).unwrap().status.as_str(), "won");
    app.handle_event(&key('X'));
    type_text(&mut app, "timing");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    assert_eq!(app.store().open_deals().unwrap().len(), first.len() - 2);
    press(&mut app, KeyCode::Esc);
    assert!(!draw(&app, 80, 24).contains("Pipeline ·"), "Esc returns to the goals");
}

/// Keys typed ahead of the loop; with `seen`, they show as waiting input until read.
struct TypedAhead {
    keys: std::collections::VecDeque<ratatui::crossterm::event::Event>,
    seen: bool,
}

impl salescoach::tui::Outside for TypedAhead {
    fn next_event(&mut self) -> anyhow::Result<Option<ratatui::crossterm::event::Event>> {
        Ok(self.keys.pop_front())
    }
    fn today(&mut self) -> Option<chrono::NaiveDate> {
        None
    }
    fn edit(&mut self, _text: &str) -> anyhow::Result<String> {
        unreachable!("no note is edited")
    }
    fn input_waiting(&mut self) -> bool {
        self.seen && !self.keys.is_empty()
    }
}

#[test]
fn a_key_already_waiting_goes_before_the_rest_of_today_and_its_coach() {
    let ctx = || salescoach::tui::Ctx {
        today: common::today(),
        config: salescoach::config::Config::default(),
        theme: salescoach::tui::Theme::mono(),
    };
    let quit_at_once = |seen: bool| {
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        let mut app = salescoach::tui::App::new_drawing_first(demo_store(), ctx()).unwrap();
        let mut typed = TypedAhead { keys: [key('q')].into(), seen };
        salescoach::tui::drive(&mut terminal, &mut app, &mut typed).unwrap();
        assert!(app.should_quit());
        app
    };
    // The q was waiting: it was taken before any settle step, which are all still to do.
    let mut app = quit_at_once(true);
    assert!(app.settle(), "the rest of Today was left");
    assert!(app.settle(), "and its coach");
    assert!(!app.settle());
    // Not seen as waiting, the loop settles Today completely before it reads the q.
    let mut app = quit_at_once(false);
    assert!(!app.settle(), "nothing left");
}

#[test]
fn in_a_real_terminal_today_draws_before_the_coach_and_the_coach_follows() {
    let store = demo_store();
    let ctx = salescoach::tui::Ctx {
        today: common::today(),
        config: salescoach::config::Config::default(),
        theme: salescoach::tui::Theme::mono(),
    };
    let mut app = salescoach::tui::App::new_drawing_first(store, ctx).unwrap();
    let first = draw(&app, 120, 40);
    assert!(first.contains("Overdue (6)"), "the due follow-ups are there at once: {first}");
    assert!(!first.contains("Stay in touch ("), "the lapsed customers come next: {first}");
    assert!(!first.contains("Revenue this quarter"), "and so do the goals: {first}");
    assert!(!first.contains("Complaint from Ben Okafor open"), "the coach comes last: {first}");
    assert!(app.settle(), "the rest of the checklist was left to do");
    let second = draw(&app, 120, 40);
    assert!(second.contains("Overdue (6)") && second.contains("Stay in touch ("), "{second}");
    assert!(second.contains("Revenue this quarter"), "{second}");
    assert!(!second.contains("Complaint from Ben Okafor open"), "{second}");
    assert!(app.settle(), "the coach was left to do");
    assert!(draw(&app, 120, 40).contains("Complaint from Ben Okafor open"));
    assert!(!app.settle(), "nothing left");
    // A change refreshes the whole checklist at once and leaves the coach to the next settle.
    app.handle_event(&key('r'));
    assert!(draw(&app, 120, 40).contains("Stay in touch ("));
    assert!(app.settle());
    assert!(!app.settle());
}
