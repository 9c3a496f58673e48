//! The Sales log's forms: `e` on a sale, refund or interaction edits it with the add
//! form's fields and checks; `R` refunds a sale; `f` and `P` narrow the log (nothing is
//! written by those two).

use super::{Saved, interaction, labels, lookup_status, past_date_status, sale, short, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::date_input::{not_in_future, parse_date};
use crate::domain::money::Currency;
use crate::domain::sale::{InteractionKind, Outcome, SaleKind};
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose};
use anyhow::{Context, Result};

fn id_text(id: Option<i64>) -> String {
    id.map(|id| format!("#{id}")).unwrap_or_default()
}

/// `e` on a sale or refund: every field the sale form has, filled in. A refund stays
/// with its sale's customer.
pub fn edit_sale_form(id: i64, store: &Store, currency: &Currency) -> Result<Form> {
    let s = store.sale_record(id)?;
    let refund = s.kind == SaleKind::Refund;
    let customer = id_text(Some(s.customer_id));
    let what = if refund { "refund" } else { "sale" };
    Ok(Form::edit(
        format!("Edit {what} #{id}"),
        Purpose::EditSale(id),
        vec![
            if refund { Field::locked("Customer", &customer) } else { Field::text("Customer", &customer) },
            Field::text("Product", &id_text(s.product_id)),
            Field::text("Quantity", &s.quantity.to_string()),
            Field::text("Amount", &currency.separators.plain(s.amount_minor.unsigned_abs())),
            Field::text("Date", &s.sold_on.to_string()),
            Field::text("Technique", &id_text(s.technique_id)),
            Field::text("Note", &s.note),
        ],
    ))
}

fn units(value: &str, at_least: u32) -> Result<u32, String> {
    match value.trim().parse::<u32>() {
        Ok(n) if n >= at_least => Ok(n),
        _ => Err(format!("a whole number of at least {at_least}")),
    }
}

pub fn validate_sale(form: &mut Form, store: &Store, ctx: &Ctx, id: i64) {
    sale::validate(form, store, ctx);
    // A refund may return no units.
    if store.sale_record(id).is_ok_and(|s| s.kind == SaleKind::Refund) {
        let status = status_of(form.value("Quantity"), true, |v| units(v, 0), |n| format!("{n} returned"));
        form.set_status("Quantity", status);
    }
}

pub fn submit_sale(form: &Form, store: &mut Store, ctx: &Ctx, id: i64) -> Result<Saved> {
    let old = store.sale_record(id)?;
    let quantity = units(form.value("Quantity"), if old.kind == SaleKind::Refund { 0 } else { 1 })
        .map_err(|m| FieldError::new("quantity", m))?;
    let edited = crate::domain::sale::NewSale {
        kind: old.kind,
        refund_of: old.refund_of,
        quantity,
        ..sale::sale_from(form, store, ctx)?
    };
    store.update_sale(id, &edited).map_err(|e| anyhow::anyhow!(short(&e)))?;
    let what = if old.kind == SaleKind::Refund { "refund" } else { "sale" };
    Ok(Saved::from(format!(
        "Saved {what} #{id}: {} on {}",
        ctx.config.currency.format(edited.amount_minor),
        edited.sold_on.format("%-d %b")
    )))
}

/// `e` on an interaction: the log form's fields, filled in.
pub fn edit_interaction_form(id: i64, store: &Store) -> Result<Form> {
    let i = store.interaction_record(id)?;
    Ok(Form::edit(
        format!("Edit {} #{id}", i.kind.label()),
        Purpose::EditInteraction(id),
        vec![
            Field::choice("Kind", labels(InteractionKind::ALL, InteractionKind::label), i.kind.label()),
            Field::text("Customer", &id_text(Some(i.customer_id))),
            Field::choice("Outcome", labels(Outcome::ALL, Outcome::label), i.outcome.label()),
            Field::text("Lost reason", &i.lost_reason),
            Field::text("Technique", &id_text(i.technique_id)),
            Field::text("Objections", &i.objections.join(", ")),
            Field::text("Response", &i.response),
            Field::text("Product", &id_text(i.product_id)),
            Field::text("Date", &i.happened_on.to_string()),
            Field::text("Note", &i.note),
        ],
    ))
}

pub fn validate_interaction(form: &mut Form, store: &Store, ctx: &Ctx) {
    interaction::validate(form, store, ctx);
}

pub fn submit_interaction(form: &Form, store: &mut Store, ctx: &Ctx, id: i64) -> Result<Saved> {
    let edited = interaction::interaction_from(form, store, ctx)?;
    store.update_interaction(id, &edited).map_err(|e| anyhow::anyhow!(short(&e)))?;
    Ok(Saved::from(format!(
        "Saved {} #{id} ({}) on {}",
        edited.kind.label(),
        edited.outcome.label(),
        edited.happened_on.format("%-d %b")
    )))
}

/// `R` on a sale: what is refunded (all that is left, unless changed), units returned, when.
pub fn refund_form(sale_id: i64, left_minor: i64, currency: &Currency) -> Form {
    // The cursor starts on the amount, filled in with all that is left.
    Form::edit(
        format!("Refund sale #{sale_id}"),
        Purpose::RefundSale(sale_id),
        vec![
            Field::text("Amount", &currency.separators.plain(left_minor.unsigned_abs())),
            Field::text("Units back", "0"),
            Field::text("Date", "today"),
            Field::text("Note", ""),
        ],
    )
}

pub fn validate_refund(form: &mut Form, ctx: &Ctx) {
    let currency = &ctx.config.currency;
    let amount = status_of(
        form.value("Amount"),
        true,
        |v| currency.amount(v, "amount").map_err(|e| e.message),
        |m| currency.format(m),
    );
    let statuses = [
        ("Amount", amount),
        ("Units back", status_of(form.value("Units back"), true, |v| units(v, 0), |n| format!("{n} returned"))),
        ("Date", past_date_status(form.value("Date"), ctx)),
        ("Note", text_status(form.value("Note"), false)),
    ];
    for (label, status) in statuses {
        form.set_status(label, status);
    }
}

pub fn submit_refund(form: &Form, store: &mut Store, ctx: &Ctx, sale_id: i64) -> Result<Saved> {
    let amount = ctx.config.currency.amount(form.value("Amount"), "amount")?;
    let back = units(form.value("Units back"), 0).map_err(|m| FieldError::new("units back", m))?;
    let on = not_in_future(parse_date(form.value("Date"), ctx.today).context("date")?, ctx.today, "date")?;
    let id = store
        .refund(sale_id, Some(amount), Some(back).filter(|n| *n > 0), on, form.value("Note"))
        .map_err(|e| anyhow::anyhow!(short(&e)))?;
    Ok(Saved::from(format!("Refund #{id}: {} of sale #{sale_id}", ctx.config.currency.format(amount))))
}

/// `f` on the Sales log: narrow it to a customer, a product and/or a technique.
pub fn log_filter_form(customer: &str, product: &str, technique: &str) -> Form {
    Form::new(
        "Filter the sales log (empty: any)",
        Purpose::FilterLog,
        vec![Field::text("Customer", customer), Field::text("Product", product), Field::text("Technique", technique)],
    )
}

pub fn validate_log_filter(form: &mut Form, store: &Store) {
    let statuses = [
        ("Customer", lookup_status(form.value("Customer"), false, Named::Customer, store)),
        ("Product", lookup_status(form.value("Product"), false, Named::Product, store)),
        ("Technique", lookup_status(form.value("Technique"), false, Named::Technique, store)),
    ];
    for (label, status) in statuses {
        form.set_status(label, status);
    }
}

/// `P` on the Sales log: any span of days.
pub fn log_period_form(from: &str, to: &str) -> Form {
    Form::new("Show the log for these days", Purpose::LogPeriod, vec![Field::text("From", from), Field::text("To", to)])
}

pub fn validate_log_period(form: &mut Form, ctx: &Ctx) {
    let from = past_date_status(form.value("From"), ctx);
    let to = match (parse_date(form.value("From"), ctx.today), parse_date(form.value("To"), ctx.today)) {
        (Ok(from), Ok(to)) if to < from => crate::tui::widgets::form::Status::Invalid("before From".into()),
        _ => past_date_status(form.value("To"), ctx),
    };
    form.set_status("From", from);
    form.set_status("To", to);
}
