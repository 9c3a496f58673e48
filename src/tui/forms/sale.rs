//! `S`: log a sale from any tab, with the post-sale follow-ups.

use super::{Saved, lookup_status, past_date_status, short, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::date_input::parse_date;
use crate::domain::followup::{FollowupKind, post_sale_followups};
use crate::domain::money::Currency;
use crate::domain::sale::{NewSale, SaleKind};
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::{Context, Result};

/// A sale logged now is the reorder a customer's reorder check waits for if that check is
/// due within this many days (or overdue): completing it is offered next.
pub const REORDER_WITHIN_DAYS: u64 = 7;

/// The sale form with the customer in view filled in (the cursor starts on Product).
pub fn sale_form_for(customer_id: Option<i64>) -> Form {
    let id = |id: Option<i64>| id.map(|id| format!("#{id}")).unwrap_or_default();
    sale_form("Log a sale", [&id(customer_id), "", ""], "")
}

/// What a quote marked won says about its sale.
pub struct Won {
    pub customer_id: i64,
    pub product_id: Option<i64>,
    pub technique_id: Option<i64>,
}

/// The sale a won quote brings, filled in: customer, product, its list price, technique.
pub fn won_sale_form(won: &Won, store: &Store, currency: &Currency) -> Result<Form> {
    let id = |id: Option<i64>| id.map(|id| format!("#{id}")).unwrap_or_default();
    let price = won.product_id.map(|p| store.product_price(p)).transpose()?.filter(|p| *p > 0);
    let amount = price.map(|p| currency.separators.plain(p.unsigned_abs())).unwrap_or_default();
    let (customer, product, technique) = (id(Some(won.customer_id)), id(won.product_id), id(won.technique_id));
    Ok(sale_form("Log the sale the quote won (Esc: not now)", [&customer, &product, &technique], &amount))
}

fn sale_form(title: &str, [customer, product, technique]: [&str; 3], amount: &str) -> Form {
    Form::new(
        title,
        Purpose::LogSale,
        vec![
            Field::text("Customer", customer),
            Field::text("Product", product),
            Field::text("Quantity", "1"),
            Field::text("Amount", amount),
            Field::text("Date", "today"),
            Field::text("Technique", technique),
            Field::text("Note", ""),
            Field::choice("Follow-ups", vec!["yes", "no"], "yes"),
        ],
    )
}

fn quantity(value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(0) | Err(_) => Err("a whole number of at least 1".into()),
        Ok(n) => Ok(n),
    }
}

pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    let customer = lookup_status(form.value("Customer"), true, Named::Customer, store);
    let product = lookup_status(form.value("Product"), false, Named::Product, store);
    let quantity_status = status_of(form.value("Quantity"), true, quantity, |n| format!("{n} x"));
    // With a product and no amount yet, suggest the list price times the quantity.
    let list_price = store
        .resolve(Named::Product, form.value("Product"))
        .ok()
        .and_then(|id| store.product_price(id).ok())
        .and_then(|price| price.checked_mul(i64::from(quantity(form.value("Quantity")).unwrap_or(1))));
    let amount = match (form.value("Amount"), list_price) {
        ("", Some(price)) => Status::Invalid(format!("required (list price {})", ctx.config.currency.format(price))),
        (value, _) => status_of(
            value,
            true,
            |v| ctx.config.currency.amount(v, "amount").map_err(|e| e.message),
            |m| ctx.config.currency.format(m),
        ),
    };
    let offsets = (ctx.config.satisfaction_check_days, ctx.config.reorder_check_days);
    let followups = match form.value("Follow-ups") {
        "yes" => Status::Valid(format!("check-in +{}d, reorder +{}d", offsets.0, offsets.1)),
        "no" => Status::Valid("none".into()),
        _ => Status::Invalid("yes or no".into()),
    };
    let statuses = [
        ("Customer", customer),
        ("Product", product),
        ("Quantity", quantity_status),
        ("Amount", amount),
        ("Date", past_date_status(form.value("Date"), ctx)),
        ("Technique", lookup_status(form.value("Technique"), false, Named::Technique, store)),
        ("Note", text_status(form.value("Note"), false)),
        ("Follow-ups", followups),
    ];
    for (label, status) in statuses {
        form.set_status(label, status);
    }
}

/// The sale the form's fields describe (a new sale; an edit keeps its kind and refund).
pub(super) fn sale_from(form: &Form, store: &Store, ctx: &Ctx) -> Result<NewSale> {
    let optional = |what, value: &str| store.resolve_optional(what, Some(value).filter(|v| !v.is_empty()));
    Ok(NewSale {
        customer_id: store.resolve(Named::Customer, form.value("Customer"))?,
        product_id: optional(Named::Product, form.value("Product"))?,
        technique_id: optional(Named::Technique, form.value("Technique"))?,
        kind: SaleKind::Sale,
        quantity: quantity(form.value("Quantity")).map_err(|m| FieldError::new("quantity", m))?,
        amount_minor: ctx.config.currency.amount(form.value("Amount"), "amount")?,
        sold_on: crate::domain::date_input::not_in_future(
            parse_date(form.value("Date"), ctx.today).context("date")?,
            ctx.today,
            "date",
        )?,
        note: form.value("Note").to_string(),
        refund_of: None,
    })
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Saved> {
    let sale = sale_from(form, store, ctx)?;
    let followups = if form.value("Follow-ups") == "no" {
        Vec::new()
    } else {
        post_sale_followups(
            sale.customer_id,
            sale.sold_on,
            (ctx.config.satisfaction_check_days, ctx.config.reorder_check_days),
            ctx.config.working_days,
            ctx.today,
        )
    };
    // Looked for before the sale, whose own reorder check is not the one it answers.
    let until = ctx.today + chrono::Days::new(REORDER_WITHIN_DAYS);
    let reorder = store.open_followups_of(sale.customer_id, FollowupKind::Reorder, until)?.into_iter().next();
    let id = store.log_sale(&sale, &followups).map_err(|e| anyhow::anyhow!(short(&e)))?;
    let mut saved = Saved::from(format!(
        "Logged sale #{id}: {} on {}",
        ctx.config.currency.format(sale.amount_minor),
        sale.sold_on.format("%-d %b")
    ));
    if let Some(check) = reorder {
        let mut offer = super::done::reorder_answered_form(&check, store, ctx.today)?;
        offer.declined = Some(format!("{}; the reorder check stays open", saved.message));
        saved.then = Some(offer);
        saved.message.push_str("; it answers the open reorder check: Enter marks it done");
    }
    Ok(saved)
}
