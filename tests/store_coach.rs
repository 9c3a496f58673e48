//! Motivation seeding and the item of the day, and the review report, on real files.

mod common;

use chrono::{Days, NaiveDate};
use salescoach::assets::{motivation_items, parse_items};
use salescoach::config::Config;
use salescoach::domain::motivation::{ItemKind, ResourceStatus};
use salescoach::domain::report::{Period, render};
use salescoach::store::{NewItem, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn built_ins_are_seeded_once_and_deletions_stick() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let shipped = motivation_items().unwrap().len();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.items(None, true).unwrap().len(), shipped);
    let first = store.items(Some(ItemKind::Quote), false).unwrap()[0].clone();
    store.delete_item(first.id).unwrap();
    drop(store);
    // Reopening (and seeding the same set again) adds nothing and does not bring it back.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.seed_motivation(&motivation_items().unwrap()).unwrap(), 0);
    assert_eq!(store.items(None, true).unwrap().len(), shipped - 1);
    assert!(store.item(first.id).is_err());
    // A newer asset set adds only its new item.
    let mut newer = motivation_items().unwrap();
    newer.extend(parse_items("[[item]]\nkey = \"tip-new-in-v2\"\nkind = \"tip\"\nbody = \"A new tip.\"\n").unwrap());
    assert_eq!(store.seed_motivation(&newer).unwrap(), 1);
    assert_eq!(store.seed_motivation(&newer).unwrap(), 0);
    assert_eq!(store.items(None, true).unwrap().len(), shipped);
}

#[test]
fn the_item_of_the_day_is_stable_fresh_and_prefers_favourites() {
    let mut store = Store::open_in_memory().unwrap();
    let today = d("2026-11-27");
    let first = store.item_of_the_day(today).unwrap().unwrap();
    assert_eq!(store.item_of_the_day(today).unwrap().unwrap().id, first.id, "stable all day");
    // Thirty days in a row: no repeats (the pool has 86 items).
    let mut seen = vec![first.id];
    for offset in 1..30 {
        let id = store.item_of_the_day(today + Days::new(offset)).unwrap().unwrap().id;
        assert!(!seen.contains(&id), "item {id} repeated within 30 days");
        seen.push(id);
    }
    // A favourite not shown recently wins the next day.
    let favourite =
        store.items(Some(ItemKind::Tip), false).unwrap().into_iter().find(|i| !seen.contains(&i.id)).unwrap();
    store.set_item_favourite(favourite.id, true).unwrap();
    assert_eq!(store.item_of_the_day(today + Days::new(30)).unwrap().unwrap().id, favourite.id);
    // Hidden items are never shown, even as favourites; hiding today's item replaces it.
    store.set_item_hidden(favourite.id, true).unwrap();
    let replaced = store.item_of_the_day(today + Days::new(30)).unwrap().unwrap();
    assert_ne!(replaced.id, favourite.id);
    assert!(!replaced.hidden);
}

#[test]
fn own_items_and_resource_status() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(
        store
            .add_item(&NewItem {
                kind: ItemKind::Tip,
                resource_kind: None,
                body: "  ".into(),
                author: String::new(),
                why: String::new()
            })
            .is_err()
    );
    let id = store
        .add_item(&NewItem {
            kind: ItemKind::Quote,
            resource_kind: None,
            body: "Ship it.".into(),
            author: "Me".into(),
            why: String::new(),
        })
        .unwrap();
    assert!(store.set_resource_status(id, ResourceStatus::Done).is_err(), "a quote has no status");
    let book = store.items(Some(ItemKind::Resource), false).unwrap()[0].clone();
    assert_eq!(book.status, Some(ResourceStatus::Todo));
    store.set_resource_status(book.id, ResourceStatus::InProgress).unwrap();
    assert_eq!(store.item(book.id).unwrap().status, Some(ResourceStatus::InProgress));
    store.delete_item(id).unwrap();
    assert!(store.item(id).is_err());
}

#[test]
fn the_weekly_and_monthly_reports_for_the_demo() {
    let store = common::demo_store();
    let config = Config::default();
    for (period, name) in [(Period::Week, "report_week"), (Period::Month, "report_month")] {
        let text = render(&store.report_data(period, common::today(), &config).unwrap(), &config.currency);
        insta::assert_snapshot!(name, text);
    }
}

/// One rule for "past the maximum gap": the customer page's state and the coach's count
/// agree for every customer, also for one with a call planned within the week.
#[test]
fn the_customer_page_and_the_coach_agree_on_who_is_past_the_maximum_gap() {
    use salescoach::domain::cadence::{CadenceState, days_since};
    use salescoach::domain::followup::{FollowupKind, NewFollowup};
    let today = d("2026-11-27");
    let config = Config::default();
    let mut store = Store::open_in_memory().unwrap();
    store.load_plan(&salescoach::demo::demo_plan(today).unwrap()).unwrap();
    let page_red = |store: &Store| -> Vec<String> {
        let all = store.customers_page(&Default::default(), 0, 1000).unwrap();
        let mut red: Vec<String> = all
            .iter()
            .filter(|c| {
                let figures = store.customer_figures(c, &config.cadence_defaults()).unwrap();
                figures.cadence.state(days_since(c.last_contact_on, today)) == CadenceState::Red
            })
            .map(|c| c.name.clone())
            .collect();
        red.sort();
        red
    };
    let coach_red = |store: &Store| -> Vec<String> {
        let checklist = store.checklist(today, &config.cadence_defaults(), 10).unwrap();
        let mut red: Vec<String> = checklist.past_max_gap.iter().map(|s| s.customer.clone()).collect();
        red.sort();
        red
    };
    let red = page_red(&store);
    assert!(!red.is_empty(), "the demo has customers past their maximum gap");
    assert_eq!(coach_red(&store), red);
    // Plan a call tomorrow for one of them: still past the gap on both, off the stay-in-touch rows.
    let all = store.customers_page(&Default::default(), 0, 1000).unwrap();
    let planned = all.iter().find(|c| c.name == red[0]).unwrap();
    store
        .add_followup(&NewFollowup {
            customer_id: planned.id,
            kind: FollowupKind::StayInTouch,
            reason: "Call".into(),
            due_on: today + Days::new(1),
            due_time: None,
            recurrence: None,
            sale_id: None,
            complaint_id: None,
            created_on: today,
        })
        .unwrap();
    assert_eq!(coach_red(&store), red);
    assert_eq!(page_red(&store), red);
    let checklist = store.checklist(today, &config.cadence_defaults(), 10).unwrap();
    assert!(!checklist.stay_in_touch.iter().any(|s| s.customer_id == planned.id));
    let insights = store.insights(today, &config).unwrap();
    let line = insights.iter().find(|i| i.message.contains("past their maximum gap")).unwrap();
    assert!(line.message.starts_with(&format!("{} ", red.len())), "{}", line.message);
}
