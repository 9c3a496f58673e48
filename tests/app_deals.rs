//! Deals worked in the app: added, edited, won and lost in the pipeline, named in the log
//! form, and moved or closed from Today when they go cold.

mod common;

use common::{app, demo_store, draw, field_status, focus, key, press, type_text};
use ratatui::crossterm::event::KeyCode;
use salescoach::domain::deal::Deal;
use salescoach::tui::{Action, App, Tab};

fn pipeline() -> App {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Goals));
    app.handle_event(&key('d'));
    app
}

fn deal_titled(app: &App, title: &str) -> Deal {
    app.store().open_deals().unwrap().into_iter().find(|d| d.title == title).expect(title)
}

#[test]
fn a_adds_a_deal_refusing_a_bad_value_and_the_cursor_lands_on_it() {
    let mut app = pipeline();
    let before = app.store().open_deals().unwrap().len();
    app.handle_event(&key('a'));
    assert_eq!(app.form().unwrap().title, "Add a deal");
    type_text(&mut app, "Marta");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Two grinders");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "24x0");
    press(&mut app, KeyCode::Enter);
    let form = app.form().expect("a bad value keeps the form open");
    assert_eq!(form.fields[form.focus].label, "Value", "the cursor goes to the bad field");
    assert_eq!(app.store().open_deals().unwrap().len(), before, "nothing was written");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "00");
    assert!(field_status(&app, "Value").contains("$2,400.00"), "{}", field_status(&app, "Value"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // Lead -> Qualified
    assert!(field_status(&app, "Stage").contains("25%, cold after 10 days idle"), "{}", field_status(&app, "Stage"));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-12-18");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "40");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let deal = deal_titled(&app, "Two grinders");
    assert_eq!(
        (deal.value_minor, deal.stage.as_str(), deal.probability_permille, deal.created_on),
        (240_000, "Qualified", Some(400), common::today())
    );
    assert_eq!(deal.close_on, chrono::NaiveDate::from_ymd_opt(2026, 12, 18));
    let said = &app.status().unwrap().text;
    assert!(said.starts_with(&format!("Added deal #{} at Qualified: Two grinders", deal.id)), "{said}");
    let screen = draw(&app, 80, 24);
    let cursor = screen.lines().find(|l| l.contains('▸')).unwrap();
    assert!(cursor.contains("Two grinders"), "the cursor is on the new deal: {screen}");
    // One undo step takes it back.
    app.handle_event(&key('u'));
    assert_eq!(app.store().open_deals().unwrap().len(), before);
}

#[test]
fn e_edits_a_deal_and_its_stage_stays_with_the_moves() {
    let mut app = pipeline();
    let deal = app.store().deal(common::selected_deal_id(&app)).unwrap();
    app.handle_event(&key('e'));
    let form = app.form().expect("e edits the deal");
    assert!(form.title.starts_with(&format!("Edit deal #{}", deal.id)), "{}", form.title);
    assert!(form.fields.iter().any(|f| f.label == "Stage" && f.locked), "the stage moves with > and <");
    focus(&mut app, "Close");
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2026-12-30");
    focus(&mut app, "Value");
    type_text(&mut app, "5100");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let edited = app.store().deal(deal.id).unwrap();
    assert_eq!((edited.value_minor, edited.stage_id), (510_000, deal.stage_id));
    assert_eq!(edited.close_on, chrono::NaiveDate::from_ymd_opt(2026, 12, 30));
    assert_eq!(edited.title, deal.title, "untouched fields keep their values");
}

#[test]
fn w_wins_with_the_amount_typed_or_with_no_sale() {
    let mut app = pipeline();
    let id = common::selected_deal_id(&app);
    let value = app.store().deal(id).unwrap().value_minor;
    let sales = app.store().counts().unwrap().sales;
    app.handle_event(&key('W'));
    let form = app.form().expect("W asks about the sale");
    assert_eq!(form.value("Amount"), salescoach::domain::money::format_plain(value as u64), "its value, filled in");
    type_text(&mut app, "3450");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    let won = app.store().deal(id).unwrap();
    assert_eq!(won.status.as_str(), "won");
    let sale = app.store().sale_record(won.sale_id.expect("the sale is linked")).unwrap();
    assert_eq!((sale.amount_minor, sale.customer_id, sale.sold_on), (345_000, won.customer_id, common::today()));
    assert_eq!(app.store().counts().unwrap().sales, sales + 1);
    assert!(app.status().unwrap().text.contains("of $3,450.00 logged"), "{}", app.status().unwrap().text);

    // The next deal, won with its sale logged another way.
    let next = common::selected_deal_id(&app);
    app.handle_event(&key('W'));
    focus(&mut app, "Sale");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    assert_eq!(app.store().deal(next).unwrap().sale_id, None);
    assert_eq!(app.store().counts().unwrap().sales, sales + 1, "no second sale");
}

#[test]
fn a_zero_amount_win_is_refused_and_nothing_changes() {
    let mut app = pipeline();
    let id = common::selected_deal_id(&app);
    app.handle_event(&key('W'));
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "0");
    press(&mut app, KeyCode::Enter);
    assert!(field_status(&app, "Amount").contains("more than 0"), "{}", field_status(&app, "Amount"));
    assert_eq!(app.store().deal(id).unwrap().status.as_str(), "open");
}

#[test]
fn wide_screens_show_a_column_per_stage_and_arrows_cross_them() {
    let mut app = pipeline();
    let wide = draw(&app, 120, 40);
    let header = wide.lines().find(|l| l.contains("Lead (")).unwrap();
    assert!(header.contains("Qualified (") && header.contains("Negotiation ("), "one row of stages: {wide}");
    let narrow = draw(&app, 80, 24);
    assert!(!narrow.lines().any(|l| l.contains("Lead (") && l.contains("Qualified (")), "a list: {narrow}");
    let stage_of_cursor = |app: &App| app.store().deal(common::selected_deal_id(app)).unwrap().stage;
    assert_eq!(stage_of_cursor(&app), "Lead");
    press(&mut app, KeyCode::Right);
    assert_eq!(stage_of_cursor(&app), "Qualified");
    app.handle_event(&key('l'));
    app.handle_event(&key('l'));
    assert_eq!(stage_of_cursor(&app), "Negotiation");
    app.handle_event(&key('l'));
    assert_eq!(stage_of_cursor(&app), "Negotiation", "the last column stays");
    press(&mut app, KeyCode::Left);
    assert_eq!(stage_of_cursor(&app), "Proposal");
    let wide = draw(&app, 120, 40);
    let cursor = wide.lines().find(|l| l.contains('▸')).unwrap();
    assert!(cursor.find('▸').unwrap() > 60, "the cursor is in the third column: {wide}");
}

#[test]
fn the_log_form_names_a_deal_of_the_customer_and_warms_it() {
    let mut app = app(demo_store());
    let deal = app.store().open_deals().unwrap().into_iter().find(|d| d.last_activity_on < common::today()).unwrap();
    let other = app.store().open_deals().unwrap().into_iter().find(|d| d.customer_id != deal.customer_id).unwrap();
    app.handle_event(&key('L'));
    // Filled in with the customer of Today's selected row: typing replaces it.
    focus(&mut app, "Customer");
    type_text(&mut app, &format!("#{}", deal.customer_id));
    focus(&mut app, "Deal");
    type_text(&mut app, &format!("#{}", other.id));
    press(&mut app, KeyCode::Enter);
    assert!(field_status(&app, "Deal").contains("is with"), "another customer's deal: {}", field_status(&app, "Deal"));
    for _ in 0..other.id.to_string().len() + 1 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, &format!("#{}", deal.id));
    assert!(field_status(&app, "Deal").contains(&deal.title), "{}", field_status(&app, "Deal"));
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    assert!(app.status().unwrap().text.ends_with(&format!("on deal #{}", deal.id)), "{}", app.status().unwrap().text);
    assert_eq!(app.store().deal(deal.id).unwrap().last_activity_on, common::today());
}

/// Today with the cursor on the first deal going cold.
fn today_on_a_cold_deal() -> (App, i64) {
    let mut app = app(demo_store());
    let cold = app
        .store()
        .checklist(common::today(), &salescoach::config::Config::default().cadence_defaults(), 10)
        .unwrap()
        .cold_deals;
    let first = cold[0].clone();
    for _ in 0..60 {
        let screen = draw(&app, 100, 40);
        if screen.lines().any(|l| l.contains('▸') && l.contains("Deal: ") && l.contains(&first.customer)) {
            return (app, first.deal_id);
        }
        app.update(Action::Down);
    }
    panic!("no cold deal reached");
}

#[test]
fn on_today_a_cold_deal_moves_on_is_edited_won_or_lost_with_one_key() {
    let (mut app, id) = today_on_a_cold_deal();
    let stage = app.store().deal(id).unwrap().stage_id;
    app.handle_event(&key('>'));
    assert_ne!(app.store().deal(id).unwrap().stage_id, stage, "{}", app.status().unwrap().text);
    assert!(app.status().unwrap().text.starts_with("Moved "));
    app.handle_event(&key('u'));
    assert_eq!(app.store().deal(id).unwrap().stage_id, stage);

    let (mut app, id) = today_on_a_cold_deal();
    app.handle_event(&key('e'));
    assert!(app.form().unwrap().title.starts_with(&format!("Edit deal #{id}")));
    press(&mut app, KeyCode::Esc);
    app.handle_event(&key('W'));
    assert!(app.form().unwrap().title.starts_with(&format!("Won deal #{id}")));
    press(&mut app, KeyCode::Esc);
    app.handle_event(&key('X'));
    assert!(app.form().unwrap().title.starts_with(&format!("Lost deal #{id}")));
    type_text(&mut app, "competitor");
    press(&mut app, KeyCode::Enter);
    let lost = app.store().deal(id).unwrap();
    assert_eq!((lost.status.as_str(), lost.lost_reason.as_str()), ("lost", "competitor"));

    // On any other row the deal keys say what they are for.
    let mut fresh = common::app(demo_store());
    fresh.handle_event(&key('W'));
    assert!(fresh.form().is_none());
    assert_eq!(fresh.status().unwrap().text, ">, W and X work on a deal going cold");
}
