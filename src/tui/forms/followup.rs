//! Working a follow-up: complete (`x`), snooze (`s`), add (`a`).

use super::{Saved, Subject, date_status, lookup_status, short, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::date_input::parse_date;
use crate::domain::followup::Followup;
use crate::domain::followup::{
    FollowupKind, NewFollowup, RecurFrom, RecurUnit, Recurrence, check_snooze, next_working_day,
};
use crate::domain::sale::{InteractionKind, NewInteraction, Outcome};
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::{Context, Result};
use chrono::NaiveDate;

const LOG_AS: &[&str] = &["call", "email", "meeting", "demo", "visit", "message", "none"];
const OUTCOMES: &[&str] = &["none", "won", "lost", "pending"];
const SNOOZE: &[&str] = &["tomorrow", "+3d", "next mon", "+1w", "+2w", "+1m"];
const KINDS: &[&str] = &["checkin", "quote", "complaint", "stay_in_touch", "reorder", "other"];
const UNITS: &[&str] = &["day", "week", "month"];
const FROM: &[&str] = &["due", "completion"];

/// `x` on a follow-up: done, what happened, and when to touch base next.
pub fn complete_followup_form(f: &Followup, anchor: NaiveDate, today: NaiveDate) -> Form {
    let next =
        f.recurrence.and_then(|r| r.next_due(anchor, f.due_on, today)).map(|d| d.to_string()).unwrap_or_default();
    Form::new(
        format!("Done: {}", f.customer),
        Purpose::CompleteFollowup(f.id),
        vec![
            Field::choice("Log as", LOG_AS, "call"),
            Field::choice("Outcome", OUTCOMES, "none"),
            Field::text("Lost reason", ""),
            Field::text("Score", ""),
            Field::text("Note", ""),
            Field::text("Next", &next),
        ],
    )
}

/// The default for "when next": tomorrow, unless that is a day off (Friday's snooze
/// should land on Monday, not on Saturday).
fn next_working_day_input(ctx: &Ctx) -> String {
    let tomorrow = ctx.today + chrono::Days::new(1);
    let day = next_working_day(tomorrow, ctx.config.working_days);
    if day == tomorrow { "tomorrow".into() } else { day.format("%a").to_string().to_lowercase() }
}

pub fn snooze_form(f: &Followup, ctx: &Ctx) -> Form {
    Form::new(
        format!("Snooze: {}", f.customer),
        Purpose::SnoozeFollowup(f.id),
        vec![Field::choice("Until", SNOOZE, &next_working_day_input(ctx))],
    )
}

/// `a` on Follow-ups, or `s` on a stay-in-touch row (customer filled in).
pub fn followup_form_for(customer_id: Option<i64>, ctx: &Ctx) -> Form {
    let customer = customer_id.map(|id| format!("#{id}")).unwrap_or_default();
    let (kind, reason) = if customer_id.is_some() { ("stay_in_touch", "Catch up") } else { ("other", "") };
    Form::new(
        "Plan a follow-up",
        Purpose::AddFollowup,
        vec![
            Field::text("Customer", &customer),
            Field::text("Due", &next_working_day_input(ctx)),
            Field::text("Time", ""),
            Field::choice("Kind", KINDS, kind),
            Field::text("Reason", reason),
            Field::text("Repeat every", ""),
            Field::choice("Unit", UNITS, "week"),
            Field::choice("From", FROM, "due"),
        ],
    )
}

fn score(value: &str) -> Result<u8, String> {
    match value.parse::<u8>() {
        Ok(n @ 0..=10) => Ok(n),
        _ => Err("a whole number from 0 to 10, or empty".into()),
    }
}

fn log_kind(value: &str) -> Result<Option<InteractionKind>, String> {
    if value == "none" { Ok(None) } else { InteractionKind::parse(value).map(Some) }
}

fn repeat(value: &str) -> Result<Option<u32>, String> {
    match value {
        "" => Ok(None),
        v => match v.parse::<u32>() {
            Ok(n @ 1..=1000) => Ok(Some(n)),
            _ => Err("a whole number from 1 to 1000, or empty for once".into()),
        },
    }
}

fn time(value: &str) -> Result<chrono::NaiveTime, String> {
    crate::domain::date_input::parse_time(value)
}

pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    match form.purpose {
        Purpose::CompleteFollowup(_) => {
            let next = status_of(
                form.value("Next"),
                false,
                |v| parse_date(v, ctx.today).map_err(|e| e.to_string()),
                |d| d.format("next touch %a %-d %b").to_string(),
            );
            form.set_status(
                "Log as",
                status_of(form.value("Log as"), true, log_kind, |k| {
                    k.map_or("nothing logged".into(), |k| {
                        format!("log {}", crate::domain::text::with_article(k.label()))
                    })
                }),
            );
            form.set_status("Outcome", status_of(form.value("Outcome"), true, Outcome::parse, |o| o.label().into()));
            let lost = Outcome::parse(form.value("Outcome")) == Ok(Outcome::Lost);
            form.set_status(
                "Lost reason",
                match (lost, form.value("Lost reason")) {
                    (_, "") => Status::Empty,
                    (true, _) => Status::Valid("counted under lost reasons".into()),
                    (false, _) => Status::Invalid("only when the outcome is lost".into()),
                },
            );
            form.set_status(
                "Score",
                status_of(form.value("Score"), false, score, |s| {
                    let concern = if s <= 6 { "; opens a concern" } else { "" };
                    format!("satisfaction {s}/10 ({}){concern}", crate::domain::care::bucket(s))
                }),
            );
            form.set_status("Note", text_status(form.value("Note"), false));
            form.set_status("Next", next);
        }
        Purpose::SnoozeFollowup(_) => {
            let until = status_of(
                form.value("Until"),
                true,
                |v| {
                    let day = parse_date(v, ctx.today).map_err(|e| e.to_string())?;
                    check_snooze(day, ctx.today).map_err(|e| e.message)?;
                    Ok(day)
                },
                |d| d.format("%a %-d %b %Y").to_string(),
            );
            form.set_status("Until", until);
        }
        _ => {
            let repeats = repeat(form.value("Repeat every"));
            form.set_status("Customer", lookup_status(form.value("Customer"), true, Named::Customer, store));
            form.set_status("Due", date_status(form.value("Due"), ctx));
            form.set_status("Time", status_of(form.value("Time"), false, time, |t| t.format("%H:%M").to_string()));
            form.set_status("Kind", status_of(form.value("Kind"), true, FollowupKind::parse, |k| k.label().into()));
            form.set_status("Reason", text_status(form.value("Reason"), false));
            form.set_status("Repeat every", status_of(form.value("Repeat every"), false, repeat, |_| String::new()));
            let (unit, from) = if matches!(repeats, Ok(Some(_))) {
                (
                    status_of(form.value("Unit"), true, RecurUnit::parse, |u| u.label().into()),
                    status_of(form.value("From"), true, RecurFrom::parse, |f| format!("from the {}", f.label())),
                )
            } else {
                (Status::Empty, Status::Empty)
            };
            form.set_status("Unit", unit);
            form.set_status("From", from);
        }
    }
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Saved> {
    match form.purpose {
        Purpose::CompleteFollowup(id) => {
            let followup = store.followup(id)?;
            let log = log_kind(form.value("Log as")).map_err(|e| FieldError::new("log as", e))?.map(|kind| {
                Ok::<_, anyhow::Error>(NewInteraction {
                    customer_id: followup.customer_id,
                    technique_id: None,
                    product_id: None,
                    kind,
                    outcome: Outcome::parse(form.value("Outcome")).map_err(|e| FieldError::new("outcome", e))?,
                    lost_reason: form.value("Lost reason").to_string(),
                    happened_on: ctx.today,
                    note: form.value("Note").to_string(),
                })
            });
            let log = log.transpose()?;
            let next = match form.value("Next") {
                "" => None,
                v => Some(parse_date(v, ctx.today).context("next")?),
            };
            let rating = match form.value("Score") {
                "" => None,
                v => Some(crate::domain::care::NewScore {
                    customer_id: followup.customer_id,
                    sale_id: None,
                    score: score(v).map_err(|e| FieldError::new("score", e))?,
                    comment: form.value("Note").to_string(),
                    rated_on: ctx.today,
                }),
            };
            let done = store
                .complete_followup_scored(id, ctx.today, log.as_ref(), next, rating.as_ref())
                .map_err(|e| anyhow::anyhow!(short(&e)))?;
            let next = done.next_due.map_or(String::new(), |d| format!("; next on {}", d.format("%a %-d %b")));
            Ok(Saved::from(format!("Done: {}{next}", followup.customer)))
        }
        Purpose::SnoozeFollowup(id) => {
            let day = parse_date(form.value("Until"), ctx.today).context("until")?;
            check_snooze(day, ctx.today)?;
            store.move_followup(id, day)?;
            Ok(Saved::about(Subject::Followup(id), format!("Snoozed to {}", day.format("%a %-d %b"))))
        }
        _ => {
            let every = repeat(form.value("Repeat every")).map_err(|e| FieldError::new("repeat every", e))?;
            let recurrence = every
                .map(|every| {
                    Ok::<_, FieldError>(Recurrence {
                        every,
                        unit: RecurUnit::parse(form.value("Unit")).map_err(|e| FieldError::new("unit", e))?,
                        from: RecurFrom::parse(form.value("From")).map_err(|e| FieldError::new("from", e))?,
                    })
                })
                .transpose()?;
            let followup = NewFollowup {
                customer_id: store.resolve(Named::Customer, form.value("Customer"))?,
                kind: FollowupKind::parse(form.value("Kind")).map_err(|e| FieldError::new("kind", e))?,
                reason: form.value("Reason").to_string(),
                due_on: parse_date(form.value("Due"), ctx.today).context("due")?,
                due_time: match form.value("Time") {
                    "" => None,
                    v => Some(time(v).map_err(|e| FieldError::new("time", e))?),
                },
                recurrence,
                sale_id: None,
                complaint_id: None,
                created_on: ctx.today,
            };
            let id = store.add_followup(&followup)?;
            let message = format!("Planned follow-up #{id} for {}", followup.due_on.format("%a %-d %b"));
            Ok(Saved::about(Subject::Followup(id), message))
        }
    }
}
