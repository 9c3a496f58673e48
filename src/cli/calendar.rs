//! `export --format ics`: open follow-ups as an iCalendar file. The formatting lives in
//! `domain::ical`; this reads the follow-ups and names each one.

use crate::domain::followup::Followup;
use crate::domain::ical::{self, CalendarItem, Component};
use crate::store::Store;
use anyhow::Result;
use chrono::{NaiveDate, NaiveTime};

/// Every open follow-up of a customer not archived, as RFC 5545 text: VTODO, or VEVENT
/// when `events`. UIDs are `followup-<id>@salescoach`, so a calendar that imports the file
/// again updates its items instead of doubling them.
pub fn export_ics(store: &Store, events: bool, today: NaiveDate) -> Result<String> {
    let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let items: Vec<CalendarItem> = store.open_followups_until(last_day)?.iter().map(calendar_item).collect();
    let component = if events { Component::Event } else { Component::Todo };
    Ok(ical::calendar(&items, component, today))
}

fn calendar_item(f: &Followup) -> CalendarItem {
    let label = f.kind.label();
    let mut kind = label.chars();
    let capitalised: String = kind.next().map(|c| c.to_uppercase().chain(kind).collect()).unwrap_or_default();
    CalendarItem {
        uid: format!("followup-{}@salescoach", f.id),
        summary: format!("{capitalised}: {}", f.customer),
        description: f.reason.clone(),
        category: label.to_string(),
        date: f.due_on,
        time: f.due_time.as_deref().and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok()),
        recurrence: f.recurrence,
    }
}
