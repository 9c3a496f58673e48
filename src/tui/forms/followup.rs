//! Working a follow-up: snooze (`s`), add (`a`); completing it is `done.rs`.

use super::{Saved, Subject, date_status, labels, lookup_status, short, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::date_input::parse_date;
use crate::domain::date_input::{Towards, read_date};
use crate::domain::followup::{
    Followup, FollowupKind, NewFollowup, RecurFrom, RecurUnit, Recurrence, Snooze, next_working_day, plan_snooze,
};
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::{Context, Result};

const SNOOZE: &[&str] = &["tomorrow", "+3d", "next mon", "+1w", "+2w", "+1m"];

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
        vec![Field::choice("Until", SNOOZE.to_vec(), &next_working_day_input(ctx))],
    )
}

/// `a` on Follow-ups, or `s` on a stay-in-touch row (customer filled in).
pub fn followup_form_for(customer_id: Option<i64>, ctx: &Ctx) -> Form {
    let customer = customer_id.map(|id| format!("#{id}")).unwrap_or_default();
    let (kind, reason) =
        if customer_id.is_some() { (FollowupKind::StayInTouch, "Catch up") } else { (FollowupKind::Other, "") };
    Form::new(
        "Plan a follow-up",
        Purpose::AddFollowup,
        vec![
            Field::text("Customer", &customer),
            Field::text("Due", &next_working_day_input(ctx)),
            Field::text("Time", ""),
            Field::choice("Kind", labels(FollowupKind::ALL, FollowupKind::label), kind.label()),
            Field::text("Reason", reason),
            Field::text("Repeat every", ""),
            Field::choice("Unit", labels(RecurUnit::ALL, RecurUnit::label), RecurUnit::Week.label()),
            Field::choice("From", labels(RecurFrom::ALL, RecurFrom::label), RecurFrom::Due.label()),
        ],
    )
}

/// `e` on a follow-up: its plan, every field the add form has; the customer stays.
pub fn edit_followup_form(f: &Followup) -> Form {
    let rule = f.recurrence;
    Form::edit(
        format!("Edit follow-up #{}: {}", f.id, f.customer),
        Purpose::EditFollowup(f.id),
        vec![
            Field::locked("Customer", &format!("#{}", f.customer_id)),
            Field::text("Due", &f.due_on.to_string()),
            Field::text("Time", f.due_time.as_deref().unwrap_or_default()),
            Field::choice("Kind", labels(FollowupKind::ALL, FollowupKind::label), f.kind.label()),
            Field::text("Reason", &f.reason),
            Field::text("Repeat every", &rule.map(|r| r.every.to_string()).unwrap_or_default()),
            Field::choice(
                "Unit",
                labels(RecurUnit::ALL, RecurUnit::label),
                rule.map_or(RecurUnit::Week, |r| r.unit).label(),
            ),
            Field::choice(
                "From",
                labels(RecurFrom::ALL, RecurFrom::label),
                rule.map_or(RecurFrom::Due, |r| r.from).label(),
            ),
        ],
    )
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

/// The snooze rule applied to what was typed: today or later, never before the due date;
/// an offset landing on a day off moves to the next working day, a named day is kept.
fn plan(value: &str, id: i64, store: &Store, ctx: &Ctx) -> Result<Snooze> {
    let to = read_date(value, ctx.today, Towards::Ahead).map_err(|e| FieldError::new("until", e.to_string()))?;
    Ok(plan_snooze(to, store.followup(id)?.due_on, ctx.today, ctx.config.working_days)?)
}

pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    match form.purpose {
        Purpose::SnoozeFollowup(id) => {
            let until = status_of(
                form.value("Until"),
                true,
                |v| plan(v, id, store, ctx).map_err(|e| short(&e)),
                |s| match s.note {
                    Some(note) => note,
                    None => s.day.format("%a %-d %b %Y").to_string(),
                },
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
        Purpose::SnoozeFollowup(id) => {
            let snooze = plan(form.value("Until"), id, store, ctx)?;
            // The store reads the due date again: a change meanwhile cannot move it earlier.
            store.snooze_followup(id, snooze.day).map_err(|e| anyhow::anyhow!(short(&e)))?;
            let note = snooze.note.map(|n| format!(" ({n})")).unwrap_or_default();
            Ok(Saved::about(Subject::Followup(id), format!("Snoozed to {}{note}", snooze.day.format("%a %-d %b"))))
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
            let due_time = match form.value("Time") {
                "" => None,
                v => Some(time(v).map_err(|e| FieldError::new("time", e))?),
            };
            if let Purpose::EditFollowup(id) = form.purpose {
                let plan = crate::store::FollowupPlan {
                    kind: FollowupKind::parse(form.value("Kind")).map_err(|e| FieldError::new("kind", e))?,
                    reason: form.value("Reason").to_string(),
                    due_on: parse_date(form.value("Due"), ctx.today).context("due")?,
                    due_time,
                    recurrence,
                };
                store.update_followup(id, &plan).map_err(|e| anyhow::anyhow!(short(&e)))?;
                let message = format!("Saved follow-up #{id}, due {}", plan.due_on.format("%a %-d %b"));
                return Ok(Saved::about(Subject::Followup(id), message));
            }
            let followup = NewFollowup {
                customer_id: store.resolve(Named::Customer, form.value("Customer"))?,
                kind: FollowupKind::parse(form.value("Kind")).map_err(|e| FieldError::new("kind", e))?,
                reason: form.value("Reason").to_string(),
                due_on: parse_date(form.value("Due"), ctx.today).context("due")?,
                due_time,
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
