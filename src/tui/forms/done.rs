//! `x` on a follow-up: done, what happened, and when to touch base next, in one step.

use super::{Saved, labels, log_choices, log_kind, log_shown, short, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::date_input::{not_in_past, parse_date};
use crate::domain::followup::Followup;
use crate::domain::sale::{InteractionKind, NewInteraction, Outcome};
use crate::store::Store;
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::Result;
use chrono::NaiveDate;

/// `x` on a follow-up: done, what happened, and when to touch base next.
pub fn complete_followup_form(f: &Followup, anchor: NaiveDate, today: NaiveDate) -> Form {
    let next =
        f.recurrence.and_then(|r| r.next_due(anchor, f.due_on, today)).map(|d| d.to_string()).unwrap_or_default();
    Form::new(
        format!("Done: {}", f.customer),
        Purpose::CompleteFollowup(f.id),
        vec![
            Field::choice("Log as", log_choices(&[]), InteractionKind::Call.label()),
            Field::choice("Outcome", labels(Outcome::ALL, Outcome::label), Outcome::None.label()),
            Field::text("Lost reason", ""),
            Field::text("Score", ""),
            Field::text("Note", ""),
            Field::text("Next", &next),
        ],
    )
}

fn score(value: &str) -> Result<u8, String> {
    match value.parse::<u8>() {
        Ok(n @ 0..=10) => Ok(n),
        _ => Err("a whole number from 0 to 10, or empty".into()),
    }
}

/// The next touch is a plan: today or later, like a snooze.
fn next_touch(value: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let day = parse_date(value, today).map_err(|e| e.to_string())?;
    not_in_past(day, today, "next").map_err(|e| e.message)
}

pub fn validate(form: &mut Form, ctx: &Ctx) {
    let next = status_of(
        form.value("Next"),
        false,
        |v| next_touch(v, ctx.today),
        |d| d.format("next touch %a %-d %b").to_string(),
    );
    form.set_status("Log as", status_of(form.value("Log as"), true, log_kind, log_shown));
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

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx, id: i64) -> Result<Saved> {
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
        v => Some(next_touch(v, ctx.today).map_err(|e| FieldError::new("next", e))?),
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
