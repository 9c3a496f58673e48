//! The pipeline's forms: `a` adds a deal, `e` edits one, `W` wins it with its sale (the
//! amount filled in with its value), `X` loses it with a reason.

use super::{Saved, Subject, lookup_status, past_date_status, short, status_of};
use crate::domain::FieldError;
use crate::domain::date_input::{parse_date, parse_happened};
use crate::domain::deal::{Deal, NewDeal, Stage, parse_probability, validate_lost_reason, won_sale};
use crate::domain::followup::post_sale_followups;
use crate::domain::money::Currency;
use crate::domain::text::one_line;
use crate::store::{Named, Store};
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::{Context, Result};

fn stage_field(stages: &[Stage], value: &str) -> Field {
    Field::named_choice("Stage", stages.iter().map(|s| s.name.clone().into()).collect(), value)
}

/// `a` in the pipeline: a new deal at the first stage (or the one in view), for the
/// customer in view if there is one.
pub fn add_deal_form(stages: &[Stage], stage: Option<&Stage>, customer: Option<i64>) -> Form {
    let stage = stage.or(stages.first()).map(|s| s.name.as_str()).unwrap_or_default();
    Form::new(
        "Add a deal",
        Purpose::AddDeal,
        vec![
            Field::text("Customer", &customer.map(|id| format!("#{id}")).unwrap_or_default()),
            Field::text("Title", ""),
            Field::text("Value", ""),
            stage_field(stages, stage),
            Field::text("Close", ""),
            Field::text("Probability", ""),
            Field::text("Product", ""),
        ],
    )
}

/// `e` on a deal: every field of the add form filled in; the stage moves with `>`/`<`
/// only, so its history stays true.
pub fn edit_deal_form(deal: &Deal, currency: &Currency) -> Form {
    let percent = deal.probability_permille.map(|p| format!("{}", (p + 5) / 10)).unwrap_or_default();
    Form::edit(
        format!("Edit deal #{}: {}", deal.id, one_line(&deal.title)),
        Purpose::EditDeal(deal.id),
        vec![
            Field::text("Customer", &format!("#{}", deal.customer_id)),
            Field::text("Title", &deal.title),
            Field::text("Value", &currency.separators.plain(deal.value_minor.unsigned_abs())),
            Field::locked("Stage", &deal.stage),
            Field::text("Close", &deal.close_on.map(|d| d.to_string()).unwrap_or_default()),
            Field::text("Probability", &percent),
            Field::text("Product", &deal.product_id.map(|id| format!("#{id}")).unwrap_or_default()),
        ],
    )
}

pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    let currency = &ctx.config.currency;
    let stage = status_of(
        form.value("Stage"),
        true,
        |v| store.resolve_stage(v).map_err(|e| short(&e)),
        |s| format!("{}%, cold after {} days idle", (s.probability_permille + 5) / 10, s.idle_days),
    );
    let statuses = [
        ("Customer", lookup_status(form.value("Customer"), true, Named::Customer, store)),
        (
            "Title",
            status_of(
                form.value("Title"),
                true,
                |v| crate::domain::field_error::required_text("title", v, 200).map_err(|e| e.message),
                |()| String::new(),
            ),
        ),
        (
            "Value",
            status_of(
                form.value("Value"),
                true,
                |v| match currency.amount(v, "value") {
                    Ok(m) if m < 0 => Err("must not be negative".to_string()),
                    other => other.map_err(|e| e.message),
                },
                |m| currency.format(m),
            ),
        ),
        ("Stage", stage),
        (
            "Close",
            status_of(
                form.value("Close"),
                false,
                |v| parse_date(v, ctx.today).map_err(|e| e.to_string()),
                |d| d.format("%a %-d %b %Y").to_string(),
            ),
        ),
        (
            "Probability",
            status_of(
                form.value("Probability"),
                false,
                |v| parse_probability(v).map_err(|e| e.message),
                |p| format!("{}% instead of the stage's", p / 10),
            ),
        ),
        ("Product", lookup_status(form.value("Product"), false, Named::Product, store)),
    ];
    for (label, status) in statuses {
        form.set_status(label, status);
    }
}

fn optional(value: &str) -> Option<&str> {
    Some(value).filter(|v| !v.is_empty())
}

/// The deal the form's fields describe (created today when new).
fn deal_from(form: &Form, store: &Store, ctx: &Ctx) -> Result<NewDeal> {
    Ok(NewDeal {
        customer_id: store.resolve(Named::Customer, form.value("Customer"))?,
        title: form.value("Title").to_string(),
        product_id: store.resolve_optional(Named::Product, optional(form.value("Product")))?,
        value_minor: ctx.config.currency.amount(form.value("Value"), "value")?,
        stage_id: store.resolve_stage(form.value("Stage"))?.id,
        close_on: optional(form.value("Close")).map(|c| parse_date(c, ctx.today).context("close")).transpose()?,
        probability_permille: optional(form.value("Probability")).map(parse_probability).transpose()?,
        created_on: ctx.today,
    })
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Saved> {
    let mut deal = deal_from(form, store, ctx)?;
    let value = ctx.config.currency.format(deal.value_minor);
    if let Purpose::EditDeal(id) = form.purpose {
        // The stage is locked here: a move made elsewhere since the form opened is kept.
        deal.stage_id = store.deal(id)?.stage_id;
        store.update_deal(id, &deal).map_err(|e| anyhow::anyhow!(short(&e)))?;
        return Ok(Saved::about(Subject::Deal(id), format!("Saved deal #{id}: {} ({value})", one_line(&deal.title))));
    }
    let id = store.add_deal(&deal).map_err(|e| anyhow::anyhow!(short(&e)))?;
    let stage = store.deal(id)?.stage;
    Ok(Saved::about(Subject::Deal(id), format!("Added deal #{id} at {stage}: {} ({value})", one_line(&deal.title))))
}

const LOG_SALE: &str = "log the sale";
const NO_SALE: &str = "no sale (logged another way)";

/// `W` on a deal: won, with its sale at its value unless changed.
pub fn win_deal_form(deal: &Deal, currency: &Currency) -> Form {
    Form::edit(
        format!("Won deal #{}: {}", deal.id, one_line(&deal.title)),
        Purpose::WinDeal(deal.id),
        vec![
            Field::text("Amount", &currency.separators.plain(deal.value_minor.unsigned_abs())),
            Field::text("Date", "today"),
            Field::choice("Sale", vec![LOG_SALE, NO_SALE], LOG_SALE),
        ],
    )
}

fn logs_sale(value: &str) -> Result<bool, String> {
    match value {
        v if v.eq_ignore_ascii_case(LOG_SALE) => Ok(true),
        v if v.eq_ignore_ascii_case(NO_SALE) || v.eq_ignore_ascii_case("no sale") => Ok(false),
        _ => Err(format!("'{LOG_SALE}' or '{NO_SALE}'")),
    }
}

pub fn validate_win(form: &mut Form, ctx: &Ctx) {
    let currency = &ctx.config.currency;
    let sale = logs_sale(form.value("Sale"));
    let amount = match sale {
        Ok(false) => Status::Empty,
        _ => status_of(
            form.value("Amount"),
            true,
            |v| match currency.amount(v, "amount") {
                Ok(m) if m <= 0 => Err(format!("more than 0, or '{NO_SALE}'")),
                other => other.map_err(|e| e.message),
            },
            |m| format!("a sale of {}", currency.format(m)),
        ),
    };
    form.set_status("Amount", amount);
    form.set_status("Date", past_date_status(form.value("Date"), ctx));
    form.set_status("Sale", status_of(form.value("Sale"), true, logs_sale, |_| String::new()));
}

pub fn submit_win(form: &Form, store: &mut Store, ctx: &Ctx, id: i64) -> Result<Saved> {
    let deal = store.deal(id)?;
    let on = parse_happened(form.value("Date"), ctx.today, "date")?;
    if !logs_sale(form.value("Sale")).map_err(|e| FieldError::new("sale", e))? {
        store.win_deal(id, on, None).map_err(|e| anyhow::anyhow!(short(&e)))?;
        return Ok(Saved::from(format!("Won deal #{id}: {} (no sale logged)", one_line(&deal.title))));
    }
    let amount = ctx.config.currency.amount(form.value("Amount"), "amount")?;
    if amount <= 0 {
        return Err(FieldError::new("amount", format!("more than 0, or '{NO_SALE}'")).into());
    }
    let sale = won_sale(&deal, amount, on);
    let offsets = (ctx.config.satisfaction_check_days, ctx.config.reorder_check_days);
    let followups = post_sale_followups(deal.customer_id, on, offsets, ctx.config.working_days, ctx.today);
    let sale_id = store.win_deal(id, on, Some((&sale, &followups))).map_err(|e| anyhow::anyhow!(short(&e)))?;
    Ok(Saved::from(format!(
        "Won deal #{id}: sale #{} of {} logged (u undoes)",
        sale_id.unwrap_or_default(),
        ctx.config.currency.format(amount)
    )))
}

/// `X` on a deal: why it was lost.
pub fn lose_deal_form(deal_id: i64, title: &str) -> Form {
    Form::new(
        format!("Lost deal #{deal_id}: {}", one_line(title)),
        Purpose::LoseDeal(deal_id),
        vec![Field::text("Reason", "")],
    )
}

pub fn validate_lose(form: &mut Form) {
    let reason = status_of(
        form.value("Reason"),
        true,
        |v| validate_lost_reason(v).map_err(|e| e.message),
        |()| "price, timing, need, trust, competitor, authority, or your words".into(),
    );
    form.set_status("Reason", reason);
}

pub fn submit_lose(form: &Form, store: &mut Store, ctx: &Ctx, id: i64) -> Result<Saved> {
    store.lose_deal(id, form.value("Reason"), ctx.today).map_err(|e| anyhow::anyhow!(short(&e)))?;
    Ok(Saved::from(format!("Lost deal #{id} ({})", one_line(form.value("Reason")))))
}
