//! A selection is an item, not a row: after a reload (the app's own change, another
//! process's write) every list and page still shows, and acts on, the item it had.

mod common;

use common::{draw, focus, key, press, today, type_text};
use ratatui::crossterm::event::KeyCode;
use salescoach::domain::customer::NewCustomer;
use salescoach::domain::sale::{NewSale, SaleKind};
use salescoach::store::Store;
use salescoach::tui::{Action, App, Ctx, Tab, Theme};

fn ctx() -> Ctx {
    Ctx { today: today(), config: salescoach::config::Config::default(), theme: Theme::mono() }
}

fn app_and_outsider(dir: &tempfile::TempDir) -> (App, Store) {
    let path = dir.path().join("shared.db");
    let mut store = Store::open(&path).unwrap();
    store.load_plan(&salescoach::demo::demo_plan(today()).unwrap()).unwrap();
    (App::new(store, ctx()).unwrap(), Store::open(&path).unwrap())
}

/// Another process logs `n` sales today: newest first, they come in on top of the log.
fn log_sales_today(outsider: &mut Store, n: usize) {
    for _ in 0..n {
        let sale = NewSale {
            customer_id: 1,
            product_id: None,
            technique_id: None,
            kind: SaleKind::Sale,
            quantity: 1,
            amount_minor: 777,
            sold_on: today(),
            note: String::new(),
            refund_of: None,
        };
        outsider.log_sale(&sale, &[]).unwrap();
    }
}

/// Another process imports `n` follow-ups due early in the year: overdue, above the rest.
fn import_overdue(outsider: &mut Store, n: usize) {
    use salescoach::domain::followup::{FollowupKind, NewFollowup};
    for i in 0..n {
        let followup = NewFollowup {
            customer_id: 1,
            kind: FollowupKind::CheckIn,
            reason: format!("Imported {i}"),
            due_on: "2026-01-05".parse().unwrap(),
            due_time: None,
            recurrence: None,
            sale_id: None,
            complaint_id: None,
            created_on: "2026-01-01".parse().unwrap(),
        };
        outsider.add_followup(&followup).unwrap();
    }
}

/// The Sales log over all time (plenty of entries), drawn once.
fn all_time_sales_log(app: &mut App) {
    app.update(Action::GoTo(Tab::Goals));
    app.handle_event(&key('s'));
    for _ in 0..3 {
        app.handle_event(&key('p'));
    }
    draw(app, 100, 30);
}

/// The whole-entry page's heading: "sale #12 ($48.90, Ada Lovelace)".
fn open_entry_heading(app: &App) -> String {
    let screen = draw(app, 100, 30);
    assert!(screen.contains("e edit · D delete"), "not on the entry page:\n{screen}");
    screen
        .lines()
        .find(|l| {
            l.contains(" #")
                && (l.contains("sale") || l.contains("call") || l.contains("refund") || l.contains(" with "))
        })
        .unwrap_or_else(|| panic!("no heading:\n{screen}"))
        .trim()
        .to_string()
}

fn selected_line(app: &App, width: u16) -> String {
    let screen = draw(app, width, 30);
    let line = screen.lines().find(|l| l.contains('▸')).unwrap_or_else(|| panic!("nothing selected:\n{screen}"));
    line.split('│').next().unwrap_or(line).trim().to_string()
}

/// Enter on the Sales log shows the third entry whole; another process logs a sale today
/// (newest first: it comes in on top). The page must still show the entry opened.
#[test]
fn sales_log_entry_page_stays_on_its_entry_after_an_outside_sale() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    app.update(Action::GoTo(Tab::Goals));
    app.handle_event(&key('s'));
    // All time: plenty of entries.
    for _ in 0..3 {
        app.handle_event(&key('p'));
    }
    draw(&app, 100, 30);
    app.update(Action::Down);
    app.update(Action::Down);
    press(&mut app, KeyCode::Enter);
    let before = open_entry_heading(&app);
    log_sales_today(&mut outsider, 1);
    assert!(app.notice_outside_writes());
    assert_eq!(open_entry_heading(&app), before, "the open page now shows another entry");
}

/// The same without another process: R on the open sale refunds it; the refund (today, on
/// top) pushes every entry down one, and the page, kept by position, shows the one above.
#[test]
fn sales_log_entry_page_stays_on_its_sale_after_refunding_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _outsider) = app_and_outsider(&dir);
    all_time_sales_log(&mut app);
    // Down to the first sale that is not the top entry.
    let mut found = false;
    for _ in 0..30 {
        app.update(Action::Down);
        if selected_line(&app, 100).contains("sale ") {
            found = true;
            break;
        }
    }
    assert!(found, "no sale in the log");
    press(&mut app, KeyCode::Enter);
    let before = open_entry_heading(&app);
    app.handle_event(&key('R'));
    assert!(app.form().is_some(), "{:?}", app.status());
    // A small refund, not all of it.
    for _ in 0..12 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| f.error.clone()));
    assert_eq!(open_entry_heading(&app), before, "after the refund the page shows another entry");
}

/// The entry shown whole is deleted by another process: the page closes, rather than
/// showing (and letting `e` or `D D` act on) the entry now on its old line.
#[test]
fn sales_log_entry_page_closes_when_its_entry_is_deleted_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    all_time_sales_log(&mut app);
    app.update(Action::Down);
    press(&mut app, KeyCode::Enter);
    let heading = open_entry_heading(&app);
    let (what, rest) = heading.split_once(" #").unwrap();
    let id: i64 = rest.split(' ').next().unwrap().parse().unwrap();
    match what {
        "sale" | "refund" => drop(outsider.delete_sale(id).unwrap()),
        _ => outsider.delete_interaction(id).unwrap(),
    }
    assert!(app.notice_outside_writes());
    let screen = draw(&app, 100, 30);
    assert!(!screen.contains("e edit · D delete"), "the page of a deleted entry stays open:\n{screen}");
    assert!(!screen.contains(&heading), "{screen}");
}

/// Customers: the cursor on a customer whose name sorts late; another process imports 300
/// customers sorting before it. The cursor must stay on that customer, not on its old line.
#[test]
fn customers_keep_the_selected_customer_when_many_arrive_above() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    app.update(Action::GoTo(Tab::Customers));
    draw(&app, 100, 30);
    for _ in 0..4 {
        app.update(Action::Down);
    }
    let before = selected_line(&app, 100);
    for i in 0..300 {
        let customer =
            NewCustomer { name: format!("Aaa import {i:03}"), created_on: today(), ..NewCustomer::default() };
        outsider.add_customer(&customer).unwrap();
    }
    assert!(app.notice_outside_writes());
    assert_eq!(selected_line(&app, 100), before, "the cursor stayed on its line, now another customer");
    // A: archives at once whichever customer is selected.
}

/// Follow-ups: the cursor on a follow-up; another process adds 150 overdue ones (an
/// `import followups`), all above it. The cursor must stay on it.
#[test]
fn followups_keep_the_selected_followup_when_many_arrive_above() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    app.update(Action::GoTo(Tab::Followups));
    draw(&app, 100, 30);
    for _ in 0..3 {
        app.update(Action::Down);
    }
    let before = selected_line(&app, 100);
    import_overdue(&mut outsider, 150);
    assert!(app.notice_outside_writes());
    assert_eq!(selected_line(&app, 100), before, "the cursor stayed on its line, now another follow-up");
}

/// Customers on a narrow screen: Enter opens a customer's page. Another process archives
/// that customer. The page should close (as Goals, Knowledge and Motivation pages do when
/// their item goes), not turn into the page of the next customer in the list.
#[test]
fn a_customer_page_does_not_become_another_customers_when_archived_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    app.update(Action::GoTo(Tab::Customers));
    draw(&app, 80, 30);
    for _ in 0..2 {
        app.update(Action::Down);
    }
    let chosen = selected_line(&app, 80);
    press(&mut app, KeyCode::Enter);
    let page = draw(&app, 80, 30);
    let name = page.lines().nth(2).unwrap().trim_matches(|c: char| c == '"' || c == ' ').to_string();
    assert!(chosen.contains(&name), "page of {name}, chosen {chosen}\n{page}");
    let id = outsider.customers_page(&Default::default(), 2, 1).unwrap()[0].id;
    outsider.set_customer_archived(id, true).unwrap();
    assert!(app.notice_outside_writes());
    let page = draw(&app, 80, 30);
    let now = page.lines().nth(2).unwrap().trim_matches(|c: char| c == '"' || c == ' ').to_string();
    // 'e' now edits, 'A' archives, 'R' rates whoever this is.
    assert!(now == name || !page.contains("Last contact"), "{name}'s page is now {now}'s:\n{page}");
}

/// A review: another window deletes the note that holds the next card in the queue. The
/// grade of the card on screen is saved and the deleted card passed over: the next grade
/// falls on the next card there is, not a second time on the card just graded.
#[test]
fn a_card_deleted_ahead_in_the_queue_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    let queue = outsider.review_queue(today(), ctx().config.new_cards_per_day).unwrap();
    let notes: Vec<Option<i64>> = queue.iter().map(|id| outsider.card(*id).unwrap().note_id).collect();
    let i =
        (1..queue.len()).find(|&i| notes[i].is_some() && notes[i] != notes[i - 1] && !notes[..i].contains(&notes[i]));
    let i = i.expect("a queue with cards from two notes");
    app.update(Action::GoTo(Tab::Knowledge));
    app.handle_event(&key('t'));
    for _ in 0..i - 1 {
        app.handle_event(&key(' '));
        app.handle_event(&key('3'));
    }
    let on_screen = queue[i - 1];
    outsider.delete_note(notes[i].unwrap()).unwrap();
    app.notice_outside_writes();
    app.handle_event(&key(' '));
    app.handle_event(&key('3'));
    assert!(app.status().is_some_and(|s| !s.is_error), "{:?}", app.status());
    app.handle_event(&key(' '));
    app.handle_event(&key('3'));
    let conn = rusqlite::Connection::open(dir.path().join("shared.db")).unwrap();
    let reviews: i64 = conn
        .query_row(
            "SELECT count(*) FROM card_reviews WHERE card_id = ?1 AND reviewed_on = ?2",
            rusqlite::params![on_screen, today()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        reviews, 1,
        "card #{on_screen} was graded {reviews} times in one session by two keypresses meant for two cards"
    );
}

/// Today: the cursor on a follow-up due today; another process adds 150 overdue ones
/// (above the "Due today" section). The cursor must stay on it.
#[test]
fn today_keeps_a_due_followup_when_many_overdue_arrive_above() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    draw(&app, 100, 30);
    let mut found = false;
    for _ in 0..40 {
        app.update(Action::Down);
        let screen = draw(&app, 100, 30);
        let selected = screen.lines().position(|l| l.contains('▸')).unwrap();
        let header = screen.lines().take(selected).filter(|l| l.contains(" (")).last().unwrap_or("").to_string();
        if header.contains("Due today") {
            found = true;
            break;
        }
    }
    assert!(found, "no follow-up due today:\n{}", draw(&app, 100, 30));
    let before = selected_line(&app, 100);
    import_overdue(&mut outsider, 150);
    assert!(app.notice_outside_writes());
    assert_eq!(selected_line(&app, 100), before, "the cursor stayed on its line, now an overdue follow-up");
}

/// The Sales log's list (not the page): the cursor on an entry; another process logs 200
/// sales today (an `import sales`), all above it. The cursor must stay on its entry.
#[test]
fn sales_log_keeps_its_entry_when_many_arrive_above() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    all_time_sales_log(&mut app);
    for _ in 0..3 {
        app.update(Action::Down);
    }
    let before = selected_line(&app, 100);
    log_sales_today(&mut outsider, 200);
    assert!(app.notice_outside_writes());
    assert_eq!(selected_line(&app, 100), before, "the cursor stayed on its line, now another entry");
}

/// Back from an entry's page while more rows came in above it than the list holds at hand:
/// the list's cursor is on the entry that was shown.
#[test]
fn back_from_an_entrys_page_the_cursor_is_on_that_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    all_time_sales_log(&mut app);
    for _ in 0..3 {
        app.update(Action::Down);
    }
    let on_list = selected_line(&app, 100);
    press(&mut app, KeyCode::Enter);
    let heading = open_entry_heading(&app);
    log_sales_today(&mut outsider, 200);
    assert!(app.notice_outside_writes());
    assert_eq!(open_entry_heading(&app), heading);
    press(&mut app, KeyCode::Esc);
    assert_eq!(selected_line(&app, 100), on_list);
}

/// `e` on a deal, the seller changes its close date; meanwhile another process moves the
/// deal a stage on (`salescoach deal move`). Saving should keep the close date (the stage
/// is locked in the form, the seller did not touch it) and the move.
#[test]
fn edit_deal_form_saves_after_the_deal_was_moved_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    app.update(Action::GoTo(Tab::Goals));
    app.handle_event(&key('d'));
    let id = common::selected_deal_id(&app);
    app.handle_event(&key('e'));
    focus(&mut app, "Close");
    for _ in 0..12 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-12-30");
    let deal = outsider.deal(id).unwrap();
    let stages = outsider.stages().unwrap();
    let at = stages.iter().position(|s| s.id == deal.stage_id).unwrap();
    let next = stages.get(at + 1).or(stages.get(at.wrapping_sub(1))).unwrap().clone();
    outsider.move_deal(id, &next, today()).unwrap();
    app.notice_outside_writes();
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none(), "not saved: {:?}", app.form().and_then(|f| f.error.clone()));
    let after = app.store().deal(id).unwrap();
    assert_eq!(after.close_on, chrono::NaiveDate::from_ymd_opt(2026, 12, 30));
    assert_eq!(after.stage_id, next.id, "the move made elsewhere is kept");
}

/// Another process moves the selected deal two stages on; the seller presses `>` before
/// the once-a-second look for outside writes. The deal should go on from where it is (or
/// be refused), never back a stage.
#[test]
fn next_stage_steps_from_where_the_deal_is_not_where_it_was_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut outsider) = app_and_outsider(&dir);
    app.update(Action::GoTo(Tab::Goals));
    app.handle_event(&key('d'));
    let id = common::selected_deal_id(&app);
    let stages = outsider.stages().unwrap();
    let at = stages.iter().position(|s| s.id == outsider.deal(id).unwrap().stage_id).unwrap();
    assert!(at + 2 < stages.len(), "the first deal shown is early enough in the pipeline");
    outsider.move_deal(id, &stages[at + 2], today()).unwrap();
    // No notice_outside_writes yet: the key came within the second.
    app.handle_event(&key('>'));
    let now = app.store().deal(id).unwrap();
    let now_at = stages.iter().position(|s| s.id == now.stage_id).unwrap();
    assert!(now_at >= at + 2, "moved back from {} to {}", stages[at + 2].name, now.stage);
}
