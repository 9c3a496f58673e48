//! `x` on a follow-up: done, what happened (with the technique used, so a win counts for
//! it), and when to touch base next, in one step. A quote marked won offers the sale next.

use super::{Saved, labels, log_choices, log_kind, log_shown, lookup_status, short, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::date_input::{not_in_past, parse_date};
use crate::domain::followup::{Followup, FollowupKind};
use crate::domain::sale::{InteractionKind, NewInteraction, Outcome};
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::Result;
use chrono::NaiveDate;

/// `x` on a follow-up: done, what happened, and when to touch base next.
pub fn complete_followup_form(f: &Followup, store: &Store, today: NaiveDate) -> Result<Form> {
    let anchor = store.series_anchor(f.id)?;
    let next =
        f.recurrence.and_then(|r| r.next_due(anchor, f.due_on, today)).map(|d| d.to_string()).unwrap_or_default();
    // A quote names what it is for ("Quote for two compact machines"): that product.
    let product = if f.kind == FollowupKind::Quote { product_named_in(&f.reason, store)? } else { None };
    Ok(Form::new(
        format!("Done: {}", f.customer),
        Purpose::CompleteFollowup(f.id),
        vec![
            Field::choice("Log as", log_choices(&[]), InteractionKind::Call.label()),
            Field::choice("Outcome", labels(Outcome::ALL, Outcome::label), Outcome::None.label()),
            Field::text("Note", ""),
            Field::text("Technique", ""),
            Field::text("Objections", ""),
            Field::text("Response", ""),
            Field::text("Product", &product.map(|id| format!("#{id}")).unwrap_or_default()),
            Field::text("Lost reason", ""),
            Field::text("Score", ""),
            Field::text("Next", &next),
        ],
    ))
}

/// `x` offered after a sale: the customer's reorder check, answered by that sale. Nothing
/// is logged by default (the sale itself was the contact).
pub fn reorder_answered_form(f: &Followup, store: &Store, today: NaiveDate) -> Result<Form> {
    let mut form = complete_followup_form(f, store, today)?;
    form.title = format!("Done: {}'s reorder check, due {}? Esc keeps it", f.customer, f.due_on.format("%a %-d %b"));
    form.fields[0] = Field::choice("Log as", log_choices(&[]), super::NO_LOG);
    Ok(form)
}

/// The one product whose name shares the most words with `text` (plurals folded), if one
/// stands out: a guess the seller sees beside the field and types over.
fn product_named_in(text: &str, store: &Store) -> Result<Option<i64>> {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(|w| w.to_lowercase().trim_end_matches('s').to_string())
            .collect()
    };
    let said = words(text);
    let mut scored: Vec<(usize, i64)> = store
        .products(false)?
        .iter()
        .map(|p| (words(&p.name).iter().filter(|w| said.contains(w)).count(), p.id))
        .filter(|(score, _)| *score > 0)
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    Ok(match scored.as_slice() {
        [(best, id), rest @ ..] if rest.first().is_none_or(|(next, _)| next < best) => Some(*id),
        _ => None,
    })
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

pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    let next = status_of(
        form.value("Next"),
        false,
        |v| next_touch(v, ctx.today),
        |d| d.format("next touch %a %-d %b").to_string(),
    );
    let logged = log_kind(form.value("Log as"));
    form.set_status("Log as", status_of(form.value("Log as"), true, log_kind, log_shown));
    let outcome = Outcome::parse(form.value("Outcome"));
    let won_quote = outcome == Ok(Outcome::Won) && is_quote(form, store);
    form.set_status(
        "Outcome",
        status_of(form.value("Outcome"), true, Outcome::parse, |o| match won_quote {
            true => "won: the sale form follows, filled in".into(),
            false => o.label().into(),
        }),
    );
    let lost = outcome == Ok(Outcome::Lost);
    form.set_status(
        "Lost reason",
        match (lost, form.value("Lost reason")) {
            (_, "") => Status::Empty,
            (true, _) => Status::Valid("counted under lost reasons".into()),
            (false, _) => Status::Invalid("only when the outcome is lost".into()),
        },
    );
    // Technique and product go with the logged interaction: nothing to attach them to else.
    for (label, what) in [("Technique", Named::Technique), ("Product", Named::Product)] {
        let status = match (lookup_status(form.value(label), false, what, store), &logged) {
            (Status::Valid(_), Ok(None)) if !won_quote => Status::Invalid("only when a contact is logged".into()),
            (status, _) => status,
        };
        form.set_status(label, status);
    }
    form.set_status(
        "Score",
        status_of(form.value("Score"), false, score, |s| {
            let concern = if s <= 6 { "; opens a concern" } else { "" };
            format!("satisfaction {s}/10 ({}){concern}", crate::domain::care::bucket(s))
        }),
    );
    form.set_status("Note", text_status(form.value("Note"), false));
    form.set_status("Objections", super::interaction::objections_status(form.value("Objections"), ctx));
    form.set_status("Response", text_status(form.value("Response"), false));
    form.set_status("Next", next);
}

fn is_quote(form: &Form, store: &Store) -> bool {
    let Purpose::CompleteFollowup(id) = form.purpose else { return false };
    store.followup(id).is_ok_and(|f| f.kind == FollowupKind::Quote)
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx, id: i64) -> Result<Saved> {
    let followup = store.followup(id)?;
    let optional = |what, value: &str| store.resolve_optional(what, Some(value).filter(|v| !v.is_empty()));
    let technique_id = optional(Named::Technique, form.value("Technique"))?;
    let product_id = optional(Named::Product, form.value("Product"))?;
    let outcome = Outcome::parse(form.value("Outcome")).map_err(|e| FieldError::new("outcome", e))?;
    let objections = super::interaction::objections_value(form, ctx)?;
    let log = log_kind(form.value("Log as")).map_err(|e| FieldError::new("log as", e))?.map(|kind| NewInteraction {
        customer_id: followup.customer_id,
        technique_id,
        product_id,
        kind,
        outcome,
        lost_reason: form.value("Lost reason").to_string(),
        happened_on: ctx.today,
        note: form.value("Note").to_string(),
        objections: objections.clone(),
        response: form.value("Response").to_string(),
    });
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
    let mut saved = Saved::from(format!("Done: {}{next}", followup.customer));
    if followup.kind == FollowupKind::Quote && outcome == Outcome::Won {
        // The win is the sale: its form comes next, filled in from the quote.
        let won = super::sale::Won { customer_id: followup.customer_id, product_id, technique_id };
        let mut offer = super::sale::won_sale_form(&won, store, &ctx.config.currency)?;
        offer.declined = Some(format!("{}; the sale was not logged (S logs it)", saved.message));
        saved.then = Some(offer);
        saved.message.push_str("; log the sale it won (Esc: not now)");
    }
    Ok(saved)
}
