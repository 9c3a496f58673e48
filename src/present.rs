//! Checklist items in words, shared by the Today tab and `salescoach today`, so both say
//! the same thing in the same order.

use crate::domain::cadence::CadenceState;
use crate::domain::text::{counted, number_then, one_line};
use crate::store::ChecklistItem;
use chrono::NaiveDate;
use std::borrow::Cow;

/// How urgent an item looks: drives the colour on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Late,
    Due,
    Soon,
}

/// Borrowed from the item where it reads as stored: a long list copies nothing it need not.
pub struct ItemText<'a> {
    pub who: Cow<'a, str>,
    pub tag: Cow<'a, str>,
    pub what: Cow<'a, str>,
    /// Short ("3d late") and long ("3 days overdue") forms of when.
    pub when_short: String,
    pub when_long: String,
    pub urgency: Urgency,
}

fn late_or_due(due: NaiveDate, today: NaiveDate) -> (String, String, Urgency) {
    let days = (today - due).num_days();
    match days {
        d if d > 0 => (number_then(d, &["d late"]), crate::domain::followup::describe_due(due, today), Urgency::Late),
        0 => ("today".into(), "due today".into(), Urgency::Due),
        d => (format!("in {}d", -d), crate::domain::followup::describe_due(due, today), Urgency::Soon),
    }
}

pub fn item_text(item: &ChecklistItem, today: NaiveDate) -> ItemText<'_> {
    match item {
        ChecklistItem::Complaint(c) => {
            let (when_short, when_long, urgency) = late_or_due(c.due_on(), today);
            let opened = (today - c.opened_on).num_days();
            let responded = if c.first_response_on.is_some() { ", responded" } else { "" };
            ItemText {
                who: one_line(&c.customer),
                tag: c.severity.label().into(),
                what: one_line(&c.summary),
                when_short,
                when_long: format!(
                    "open {opened} {}{responded}; {when_long}",
                    if opened == 1 { "day" } else { "days" }
                ),
                urgency,
            }
        }
        ChecklistItem::Followup { customer, kind, reason, due_on, due_time, recurring, .. } => {
            let (short, long, urgency) = late_or_due(*due_on, today);
            let when_short = match (urgency, due_time) {
                (Urgency::Due, Some(time)) => format!("today {time}"),
                _ => short,
            };
            let tag = if *recurring { format!("{} ↻", kind.label()).into() } else { kind.label().into() };
            ItemText { who: one_line(customer), tag, what: one_line(reason), when_short, when_long: long, urgency }
        }
        ChecklistItem::StayInTouch(s) => ItemText {
            who: one_line(&s.customer),
            tag: s.state.label().into(),
            what: format!("ideally every {} days, at most {}", s.cadence.ideal_days, s.cadence.max_days).into(),
            when_short: format!("{}d", s.days_since),
            when_long: format!("silent {} days", s.days_since),
            urgency: if s.state == CadenceState::Red { Urgency::Late } else { Urgency::Due },
        },
        ChecklistItem::ColdDeal(d) => {
            let (when_short, when_long) = match d.cold {
                crate::domain::deal::Cold::PastClose(n) => {
                    (format!("{n}d past"), format!("{} past its expected close", counted(n, "day", "days")))
                }
                crate::domain::deal::Cold::Idle(n) => {
                    (format!("idle {n}d"), format!("no activity for {}", counted(n, "day", "days")))
                }
            };
            ItemText {
                who: one_line(&d.customer),
                tag: one_line(&d.stage),
                what: format!("Deal: {}", one_line(&d.title)).into(),
                when_short,
                when_long,
                urgency: Urgency::Late,
            }
        }
        ChecklistItem::Cards { due } => ItemText {
            who: "Flashcards".into(),
            tag: "training".into(),
            what: format!("{} due: keep your product knowledge sharp", counted(*due as i64, "card", "cards")).into(),
            when_short: "today".into(),
            when_long: format!("{due} due today"),
            urgency: Urgency::Due,
        },
    }
}
