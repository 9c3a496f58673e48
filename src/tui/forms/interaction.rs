//! `L`: log a call, email, meeting, demo, visit or message from any tab, about a deal
//! if one is named.

use super::{labels, lookup_status, past_date_status, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::date_input::parse_date;
use crate::domain::deal::Deal;
use crate::domain::objections::{describe, parse_objections, stored_objections};
use crate::domain::sale::{InteractionKind, NewInteraction, Outcome};
use crate::domain::text::{fold, one_line};
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::{Context, Result};

pub fn interaction_form() -> Form {
    interaction_form_with("")
}

/// `x` on a stay-in-touch row: log the contact that resets the clock.
pub fn interaction_form_for(customer_id: i64) -> Form {
    interaction_form_with(&format!("#{customer_id}"))
}

/// `x` on a deal going cold: log the touch that warms it (its latest activity).
pub fn deal_touch_form(deal_id: i64, title: &str, customer_id: i64) -> Form {
    let mut form = interaction_form_with(&format!("#{customer_id}"));
    form.title = format!("Log a touch on deal #{deal_id}: {}", crate::domain::text::one_line(title));
    if let Some(field) = form.fields.iter_mut().find(|f| f.label == "Deal") {
        *field = Field::text("Deal", &format!("#{deal_id}"));
    }
    form
}

fn interaction_form_with(customer: &str) -> Form {
    Form::new(
        "Log an interaction",
        Purpose::LogInteraction,
        vec![
            Field::choice("Kind", labels(InteractionKind::ALL, InteractionKind::label), InteractionKind::Call.label()),
            Field::text("Customer", customer),
            Field::choice("Outcome", labels(Outcome::ALL, Outcome::label), Outcome::None.label()),
            Field::text("Lost reason", ""),
            Field::text("Technique", ""),
            Field::text("Objections", ""),
            Field::text("Response", ""),
            Field::text("Product", ""),
            Field::text("Deal", ""),
            Field::text("Date", "today"),
            Field::text("Note", ""),
        ],
    )
}

pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    let outcome = Outcome::parse(form.value("Outcome"));
    let lost_reason = match (outcome, form.value("Lost reason")) {
        (Ok(Outcome::Lost), "") => Status::Empty,
        (Ok(Outcome::Lost), _) => Status::Valid(String::new()),
        (_, "") => Status::Empty,
        _ => Status::Invalid("only when the outcome is lost".into()),
    };
    let statuses = [
        ("Kind", status_of(form.value("Kind"), true, InteractionKind::parse, |k| k.label().to_string())),
        ("Customer", lookup_status(form.value("Customer"), true, Named::Customer, store)),
        ("Deal", deal_status(form, store)),
        ("Outcome", status_of(form.value("Outcome"), true, Outcome::parse, |o| o.label().to_string())),
        ("Lost reason", lost_reason),
        ("Technique", lookup_status(form.value("Technique"), false, Named::Technique, store)),
        ("Objections", objections_status(form.value("Objections"), ctx)),
        ("Response", text_status(form.value("Response"), false)),
        ("Product", lookup_status(form.value("Product"), false, Named::Product, store)),
        ("Date", past_date_status(form.value("Date"), ctx)),
        ("Note", text_status(form.value("Note"), false)),
    ];
    for (label, status) in statuses {
        form.set_status(label, status);
    }
}

/// The open deal the "Deal" field names (`#12`, `12`, or part of its title), with the
/// customer's own deals only once the customer is known.
fn open_deal(form: &Form, store: &Store) -> Result<Option<Deal>, String> {
    let wanted = form.value("Deal");
    if wanted.is_empty() {
        return Ok(None);
    }
    let customer = store.resolve(Named::Customer, form.value("Customer")).ok();
    let open = store.open_deals().map_err(|e| format!("{e:#}"))?;
    let id = wanted.trim_start_matches('#').parse::<i64>().ok();
    let folded = fold(wanted);
    let found: Vec<&Deal> = open
        .iter()
        .filter(|d| match id {
            Some(id) => d.id == id,
            None => customer.is_none_or(|c| c == d.customer_id) && fold(&d.title).contains(&folded),
        })
        .collect();
    match found.as_slice() {
        [deal] if customer.is_some_and(|c| c != deal.customer_id) => {
            Err(format!("deal #{} is with {}", deal.id, one_line(&deal.customer)))
        }
        [deal] => Ok(Some((*deal).clone())),
        [] => Err("no open deal by that #id or title".into()),
        _ => Err("more than one open deal: type its #id".into()),
    }
}

fn deal_status(form: &Form, store: &Store) -> Status {
    match open_deal(form, store) {
        Ok(None) => Status::Empty,
        Ok(Some(d)) => Status::Valid(format!("#{} {} ({})", d.id, one_line(&d.title), one_line(&d.stage))),
        Err(message) => Status::Invalid(message),
    }
}

/// The interaction the form's fields describe.
pub(super) fn interaction_from(form: &Form, store: &Store, ctx: &Ctx) -> Result<NewInteraction> {
    let optional = |what, value: &str| store.resolve_optional(what, Some(value).filter(|v| !v.is_empty()));
    Ok(NewInteraction {
        customer_id: store.resolve(Named::Customer, form.value("Customer"))?,
        technique_id: optional(Named::Technique, form.value("Technique"))?,
        product_id: optional(Named::Product, form.value("Product"))?,
        kind: InteractionKind::parse(form.value("Kind")).map_err(|e| FieldError::new("kind", e))?,
        outcome: Outcome::parse(form.value("Outcome")).map_err(|e| FieldError::new("outcome", e))?,
        lost_reason: form.value("Lost reason").to_string(),
        happened_on: crate::domain::date_input::not_in_future(
            parse_date(form.value("Date"), ctx.today).context("date")?,
            ctx.today,
            "date",
        )?,
        note: form.value("Note").to_string(),
        objections: objections_value(form, ctx)?,
        response: form.value("Response").to_string(),
    })
}

/// What the Objections field understood: "price, timing + your words: 'too far'"; Ctrl-p
/// opens their playbook cards.
pub(super) fn objections_status(value: &str, ctx: &Ctx) -> Status {
    if value.trim().is_empty() {
        return Status::Empty;
    }
    match parse_objections(value, &ctx.config.objections) {
        Ok(found) => Status::Valid(format!("{} (Ctrl-p: playbook)", describe(&found))),
        Err(e) => Status::Invalid(e.trim_start_matches("objection: ").to_string()),
    }
}

pub(super) fn objections_value(form: &Form, ctx: &Ctx) -> Result<Vec<String>> {
    stored_objections(form.value("Objections"), &ctx.config.objections)
        .map_err(|e| FieldError::new("objections", e.trim_start_matches("objection: ").to_string()).into())
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<String> {
    let interaction = interaction_from(form, store, ctx)?;
    let deal = open_deal(form, store).map_err(|e| FieldError::new("deal", e))?;
    let (id, on) = match &deal {
        Some(deal) => (store.log_deal_interaction(deal.id, &interaction)?, format!(" on deal #{}", deal.id)),
        None => (store.log_interaction(&interaction)?, String::new()),
    };
    Ok(format!("Logged {} #{id} ({}){on}", interaction.kind.label(), interaction.outcome.label()))
}
