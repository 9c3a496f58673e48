//! Objections typed in the app's forms, and the playbook cards one key (Ctrl-p) away.

mod common;

use common::{app, demo_store, draw, field_status, focus, key, press, type_text};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use salescoach::store::interaction_log::InteractionFilter;
use salescoach::tui::{App, Tab};

fn ctrl_p(app: &mut App) {
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)));
}

#[test]
fn the_log_form_takes_objections_and_ctrl_p_shows_their_cards_then_the_form_as_typed() {
    let mut app = app(demo_store());
    app.handle_event(&key('L'));
    focus(&mut app, "Customer");
    type_text(&mut app, "Marta Novak");
    focus(&mut app, "Technique");
    type_text(&mut app, "Live demo");
    focus(&mut app, "Objections");
    type_text(&mut app, "Price, too far");
    let understood = field_status(&app, "Objections");
    assert!(understood.contains("price + your words: 'too far' (Ctrl-p: playbook)"), "{understood}");

    ctrl_p(&mut app);
    let screen = draw(&app, 100, 32);
    assert!(screen.contains("Playbook"), "{screen}");
    // The technique's card, then price's (typed, and what cafés usually raise).
    assert!(screen.contains("Running a live demo · steps for Live demo"), "{screen}");
    assert!(screen.contains("When they say it costs too much · answers to objections for 'price'"), "{screen}");
    assert!(screen.contains("Café customers usually raise price"), "{screen}");
    assert!(!screen.contains("Who decides"), "offices' card is not for a café: {screen}");
    insta::assert_snapshot!("playbook_over_the_log_form_80x24", draw(&app, 80, 24));

    press(&mut app, KeyCode::Esc);
    let form = app.form().expect("the form is still open");
    assert_eq!(form.value("Objections"), "Price, too far");
    assert!(!draw(&app, 100, 32).contains("Running a live demo"), "the cards closed");

    focus(&mut app, "Response");
    type_text(&mut app, "Showed the cost per cup");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let logged = app.store().interactions(&InteractionFilter::default()).unwrap()[0].clone();
    assert_eq!(logged.customer, "Marta Novak");
    assert_eq!(logged.objections, ["price", "too far"]);
    assert_eq!(logged.response, "Showed the cost per cup");
    // The sales log's entry shows them whole.
    let day = common::today();
    let filter = salescoach::domain::sales_log::LogFilter {
        from: day,
        to: day,
        customer_id: Some(logged.customer_id),
        product_id: None,
        technique_id: None,
    };
    let entry = app
        .store()
        .log_entries(&filter, 0, 50)
        .unwrap()
        .into_iter()
        .find(|e| e.id == logged.id && matches!(e.kind, salescoach::domain::sales_log::EntryKind::Interaction(_)))
        .unwrap();
    assert_eq!((entry.objections.as_str(), entry.response.as_str()), ("price, too far", "Showed the cost per cup"));
}

#[test]
fn a_bad_objection_is_flagged_beside_the_field_and_nothing_is_saved() {
    let mut app = app(demo_store());
    let before = app.store().interactions(&InteractionFilter::default()).unwrap().len();
    app.handle_event(&key('L'));
    focus(&mut app, "Customer");
    type_text(&mut app, "Marta Novak");
    focus(&mut app, "Objections");
    type_text(&mut app, &"x".repeat(61));
    assert!(field_status(&app, "Objections").contains("at most 60 characters"), "{}", field_status(&app, "Objections"));
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_some(), "refused");
    assert_eq!(app.store().interactions(&InteractionFilter::default()).unwrap().len(), before);
}

#[test]
fn closing_a_follow_up_the_customers_segment_cards_are_one_key_away() {
    let mut app = app(demo_store());
    app.update(salescoach::tui::Action::GoTo(Tab::Followups));
    app.handle_event(&key('x'));
    let title = app.form().expect("the done form").title.clone();
    assert!(title.starts_with("Done: "), "{title}");
    let customer = title.trim_start_matches("Done: ");
    let id = app.store().resolve(salescoach::store::Named::Customer, customer).unwrap();
    let segment = app.store().customer(id).unwrap().segment;
    ctrl_p(&mut app);
    let screen = draw(&app, 120, 40);
    assert!(screen.contains(&format!("{segment} customers usually raise")), "{segment}: {screen}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.form().map(|f| f.title.clone()), Some(title), "back to the done form");
    focus(&mut app, "Objections");
    type_text(&mut app, "timing");
    assert!(field_status(&app, "Objections").contains("timing"), "{}", field_status(&app, "Objections"));
}

#[test]
fn a_playbook_card_is_written_on_knowledge_and_found_from_the_log_form() {
    let mut app = app(demo_store());
    app.update(salescoach::tui::Action::GoTo(Tab::Knowledge));
    app.handle_event(&key('a'));
    type_text(&mut app, "Not now");
    focus(&mut app, "Kind");
    for _ in 0..3 {
        press(&mut app, KeyCode::Right);
    }
    assert_eq!(app.form().unwrap().value("Kind"), "answers to objections");
    assert!(
        field_status(&app, "Kind").contains("a card is for a technique or an objection"),
        "{}",
        field_status(&app, "Kind")
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_some(), "a card for nothing is refused");
    focus(&mut app, "Objection");
    type_text(&mut app, "TIMING");
    assert!(
        field_status(&app, "Kind").contains("a playbook card: answers to objections"),
        "{}",
        field_status(&app, "Kind")
    );
    focus(&mut app, "Text");
    type_text(&mut app, "Ask what changes next month.");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let card = app.store().notes(None).unwrap().into_iter().find(|n| n.title == "Not now").unwrap();
    assert_eq!((card.kind.as_str(), card.objection.as_str()), ("answers", "timing"));

    app.handle_event(&key('L'));
    focus(&mut app, "Objections");
    type_text(&mut app, "timing");
    ctrl_p(&mut app);
    let screen = draw(&app, 100, 40);
    assert!(screen.contains("Not now · answers to objections for 'timing'"), "{screen}");
    assert!(screen.contains("Ask what changes next month."), "{screen}");
}

#[test]
fn o_on_insights_shows_each_objection_and_o_goes_back() {
    let mut app = app(demo_store());
    app.update(salescoach::tui::Action::GoTo(Tab::Insights));
    app.handle_event(&key('o'));
    let wide = draw(&app, 120, 40);
    assert!(wide.contains("Objections (o: back)"), "{wide}");
    // The demo's cafés raise price most; a live demo converts it.
    assert!(wide.contains("price: raised"), "{wide}");
    assert!(wide.contains("converts best: Live demo (technique)"), "{wide}");
    insta::assert_snapshot!("objections_120x40", wide);
    insta::assert_snapshot!("objections_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("objections_40x12", draw(&app, 40, 12));
    app.handle_event(&key('G'));
    assert!(draw(&app, 80, 24).contains("responses:"), "scrolled to the end");
    app.handle_event(&key('o'));
    assert!(!draw(&app, 120, 40).contains("Objections (o: back)"), "back to the insights");
}

#[test]
fn t_on_insights_judges_techniques_within_each_segment_and_b_switches_to_industries() {
    let mut app = app(demo_store());
    app.update(salescoach::tui::Action::GoTo(Tab::Insights));
    app.handle_event(&key('t'));
    let wide = draw(&app, 120, 40);
    assert!(wide.contains("Techniques by segment (b: switch, t: back)"), "{wide}");
    // The demo's offices win every live demo (13 cases) against 68% there.
    assert!(wide.contains("Strongest: Live demo wins 100% with Office customers vs 68% there (13 cases)"), "{wide}");
    assert!(wide.contains("Office: win rate 68%"), "{wide}");
    insta::assert_snapshot!("techniques_by_segment_120x40", wide);
    insta::assert_snapshot!("techniques_by_segment_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("techniques_by_segment_40x12", draw(&app, 40, 12));
    app.handle_event(&key('b'));
    assert!(draw(&app, 120, 40).contains("Techniques by industry"), "{}", draw(&app, 120, 40));
    app.handle_event(&key('t'));
    assert!(!draw(&app, 120, 40).contains("Techniques by"), "back to the insights");
}
