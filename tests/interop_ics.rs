//! The iCalendar export parsed back with the `icalendar` crate (an independent reader)
//! and compared field by field with the open follow-ups it came from.

mod common;

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
use salescoach::cli::calendar::export_ics;
use salescoach::domain::customer::NewCustomer;
use salescoach::domain::followup::{Followup, FollowupKind, NewFollowup};
use salescoach::domain::recurrence::{RecurFrom, RecurUnit, Recurrence};
use salescoach::store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The demo business plus follow-ups that test the edges: a time, each recurrence, text
/// that must be escaped and folded, names in several scripts.
fn store() -> Store {
    let mut store = common::demo_store();
    let customer = store
        .add_customer(&NewCustomer {
            name: "Jiří Dvořák 日本 🎉".into(),
            company: "Kavárna; U Zlatého, s.r.o.".into(),
            created_on: common::today(),
            ..Default::default()
        })
        .unwrap();
    let every = |every, unit, from| Some(Recurrence { every, unit, from });
    for (reason, due, time, recurrence) in [
        ("Call back, about the; grinder\\ and\nthe beans", "2026-12-01", Some((9, 30)), None),
        ("Weekly tasting", "2026-12-02", None, every(2, RecurUnit::Week, RecurFrom::Due)),
        ("Month-end stock count", "2027-01-31", Some((17, 0)), every(1, RecurUnit::Month, RecurFrom::Due)),
        ("Every 3 days", "2026-11-28", None, every(3, RecurUnit::Day, RecurFrom::Due)),
        ("Thirty days after we last spoke", "2026-12-20", None, every(30, RecurUnit::Day, RecurFrom::Completion)),
        (&"Ein sehr langer Grund mit Umlauten äöü und Emoji 🎉 ".repeat(6), "2026-11-20", None, None),
    ] {
        store
            .add_followup(&NewFollowup {
                customer_id: customer,
                kind: FollowupKind::StayInTouch,
                reason: reason.to_string(),
                due_on: d(due),
                due_time: time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
                recurrence,
                sale_id: None,
                complaint_id: None,
                created_on: common::today(),
            })
            .unwrap();
    }
    store
}

fn open_followups(store: &Store) -> Vec<Followup> {
    store.open_followups_until(d("9999-12-31")).unwrap()
}

fn expected_when(f: &Followup) -> DatePerhapsTime {
    match f.due_time.as_deref().map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap()) {
        Some(time) => DatePerhapsTime::DateTime(CalendarDateTime::Floating(f.due_on.and_time(time))),
        None => DatePerhapsTime::Date(f.due_on),
    }
}

fn expected_rrule(f: &Followup) -> Option<String> {
    let r = f.recurrence?;
    if r.from == RecurFrom::Completion {
        return None;
    }
    let freq = match r.unit {
        RecurUnit::Day => "DAILY",
        RecurUnit::Week => "WEEKLY",
        RecurUnit::Month => "MONTHLY",
    };
    let mut rule = format!("FREQ={freq};INTERVAL={}", r.every);
    if r.unit == RecurUnit::Month && f.due_on.format("%d").to_string() == "31" {
        rule.push_str(";BYMONTHDAY=28,29,30,31;BYSETPOS=-1");
    }
    Some(rule)
}

fn check_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
}

#[test]
fn todos_parse_back_field_by_field() {
    let store = store();
    let followups = open_followups(&store);
    assert!(followups.len() > 6, "the demo has open follow-ups too");
    let text = export_ics(&store, false, common::today()).unwrap();
    check_lines(&text);
    let calendar: Calendar = text.parse().unwrap();
    let todos: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Todo(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(todos.len(), followups.len());
    for (todo, f) in todos.iter().zip(&followups) {
        assert_eq!(todo.get_uid(), Some(format!("followup-{}@salescoach", f.id).as_str()));
        let label = f.kind.label();
        let summary = format!("{}{}: {}", label[..1].to_uppercase(), &label[1..], f.customer);
        assert_eq!(todo.get_summary(), Some(summary.as_str()), "#{}", f.id);
        let description = todo.get_description().unwrap_or_default().to_string();
        if f.recurrence.is_some_and(|r| r.from == RecurFrom::Completion) {
            assert!(description.starts_with(&f.reason), "{description}");
            assert!(description.contains("Repeats every 30 days from completion"), "{description}");
        } else {
            assert_eq!(description, f.reason, "#{}", f.id);
        }
        assert_eq!(todo.get_due(), Some(expected_when(f)), "#{}", f.id);
        assert_eq!(todo.property_value("RRULE").map(str::to_string), expected_rrule(f), "#{}", f.id);
        if expected_rrule(f).is_some() {
            assert_eq!(todo.get_start(), Some(expected_when(f)), "a recurring task starts on its due date");
        }
        assert_eq!(todo.property_value("STATUS"), Some("NEEDS-ACTION"));
    }
}

#[test]
fn events_parse_back_with_their_start() {
    let store = store();
    let followups = open_followups(&store);
    let text = export_ics(&store, true, common::today()).unwrap();
    check_lines(&text);
    let calendar: Calendar = text.parse().unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), followups.len());
    for (event, f) in events.iter().zip(&followups) {
        assert_eq!(event.get_uid(), Some(format!("followup-{}@salescoach", f.id).as_str()));
        assert_eq!(event.get_start(), Some(expected_when(f)), "#{}", f.id);
        if f.due_time.is_none() {
            let next = f.due_on.succ_opt().unwrap();
            assert_eq!(event.get_end(), Some(DatePerhapsTime::Date(next)), "an all-day event lasts the day");
        }
        assert_eq!(event.property_value("RRULE").map(str::to_string), expected_rrule(f), "#{}", f.id);
        assert!(event.get_summary().unwrap().ends_with(&f.customer));
    }
}

#[test]
fn the_same_data_the_same_day_is_the_same_file() {
    let store = store();
    let first = export_ics(&store, false, common::today()).unwrap();
    assert_eq!(first, export_ics(&store, false, common::today()).unwrap());
    assert!(first.contains("\r\nDTSTAMP:20261127T000000Z\r\n"));
}

#[test]
fn done_and_archived_follow_ups_are_left_out() {
    let mut store = Store::open_in_memory().unwrap();
    let text = export_ics(&store, false, common::today()).unwrap();
    assert_eq!(text.matches("BEGIN:").count(), 1, "an empty calendar is still a calendar: {text}");
    let customer = store
        .add_customer(&NewCustomer { name: "Ada".into(), created_on: common::today(), ..Default::default() })
        .unwrap();
    let new = NewFollowup {
        customer_id: customer,
        kind: FollowupKind::Quote,
        reason: "Send the quote".into(),
        due_on: d("2026-12-01"),
        due_time: None,
        recurrence: None,
        sale_id: None,
        complaint_id: None,
        created_on: common::today(),
    };
    store.add_followup(&new).unwrap();
    assert!(export_ics(&store, false, common::today()).unwrap().contains("SUMMARY:Quote: Ada"));
    store.set_customer_archived(customer, true).unwrap();
    assert!(!export_ics(&store, false, common::today()).unwrap().contains("VTODO"));
}
