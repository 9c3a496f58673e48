//! `sale edit|delete`, `interaction edit|delete` and `followup edit`: change what was
//! logged or planned. Only the options given change; `--product ""` (or technique)
//! clears a link. Every value is checked as the add command checks it.

use super::{Env, print_json};
use crate::domain::FieldError;
use crate::domain::date_input::{parse_date, parse_happened, parse_time};
use crate::domain::followup::{FollowupKind, RecurFrom, RecurUnit, Recurrence};
use crate::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use crate::store::{FollowupPlan, Named, Store};
use anyhow::{Context, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct SaleEdit {
    /// The sale's (or refund's) id, as `sale list` shows it.
    pub id: i64,
    /// Who bought: name (or part of it), company, or #id (a refund stays with its sale).
    #[arg(long)]
    pub customer: Option<String>,
    /// The product or service: name, #id, or "" for none.
    #[arg(long)]
    pub product: Option<String>,
    /// The selling technique: name, #id, or "" for none.
    #[arg(long)]
    pub technique: Option<String>,
    /// The total, e.g. 1234.50 (a sale never below what was refunded of it).
    #[arg(long, allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// Units sold (or returned, for a refund).
    #[arg(long, allow_negative_numbers = true)]
    pub quantity: Option<u32>,
    /// The day: a date, yesterday, mon (the most recent Monday) ... not after today.
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// The note kept with it.
    #[arg(long)]
    pub note: Option<String>,
    /// Print the sale as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InteractionEdit {
    /// The interaction's id, as `interaction list` shows it.
    pub id: i64,
    /// Who it was with: name (or part of it), company, or #id.
    #[arg(long)]
    pub customer: Option<String>,
    /// call, email, meeting, demo, visit or message
    #[arg(long)]
    pub kind: Option<String>,
    /// won, lost, pending or none (leaving lost clears the lost reason).
    #[arg(long)]
    pub outcome: Option<String>,
    /// Why it was lost (only with the outcome lost).
    #[arg(long)]
    pub lost_reason: Option<String>,
    /// The selling technique: name, #id, or "" for none.
    #[arg(long)]
    pub technique: Option<String>,
    /// The product it was about: name, #id, or "" for none.
    #[arg(long)]
    pub product: Option<String>,
    /// The day it happened, not after today.
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// The note kept with it.
    #[arg(long)]
    pub note: Option<String>,
    /// The objections raised, all of them: "price, timing" replaces the list, "" clears it.
    #[arg(long)]
    pub objections: Option<String>,
    /// How you answered the objections.
    #[arg(long)]
    pub response: Option<String>,
    /// Print the interaction as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FollowupEdit {
    /// The open follow-up's id, as `today` and `followup list` show it.
    pub id: i64,
    /// What it is about.
    #[arg(long)]
    pub reason: Option<String>,
    /// The day it is due: fri, +3d, 2026-12-01 … (any day: this is a plan).
    #[arg(long, allow_hyphen_values = true)]
    pub due: Option<String>,
    /// A time of day, 24-hour HH:MM, or "" for none.
    #[arg(long, allow_hyphen_values = true)]
    pub time: Option<String>,
    /// checkin, quote, complaint, stay_in_touch, reorder or other
    #[arg(long)]
    pub kind: Option<String>,
    /// Repeat every N units (with --unit and --from; their defaults are week and due).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "once")]
    pub every: Option<u32>,
    /// day, week or month
    #[arg(long, requires = "every")]
    pub unit: Option<String>,
    /// Recur from the due date (due) or from completion (completion).
    #[arg(long, requires = "every")]
    pub from: Option<String>,
    /// Stop repeating.
    #[arg(long)]
    pub once: bool,
    /// Print the follow-up as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `Some("")` clears the link, `Some(name)` resolves it, `None` keeps `current`.
fn link(store: &Store, what: Named, given: Option<&str>, current: Option<i64>) -> Result<Option<i64>> {
    match given.map(str::trim) {
        None => Ok(current),
        Some("") => Ok(None),
        Some(text) => store.resolve(what, text).map(Some),
    }
}

pub fn sale_edit(e: &SaleEdit, store: &mut Store, env: &Env) -> Result<()> {
    let old = store.sale_record(e.id)?;
    let customer_id = match &e.customer {
        Some(c) => store.resolve(Named::Customer, c)?,
        None => old.customer_id,
    };
    let sale = NewSale {
        customer_id,
        product_id: link(store, Named::Product, e.product.as_deref(), old.product_id)?,
        technique_id: link(store, Named::Technique, e.technique.as_deref(), old.technique_id)?,
        quantity: e.quantity.unwrap_or(old.quantity),
        amount_minor: match &e.amount {
            Some(a) => env.config.currency.amount(a, "amount")?,
            None => old.amount_minor,
        },
        sold_on: match &e.date {
            Some(d) => parse_happened(d, env.today, "date")?,
            None => old.sold_on,
        },
        note: e.note.clone().unwrap_or_else(|| old.note.clone()),
        ..old
    };
    store.update_sale(e.id, &sale)?;
    if e.json {
        return print_json(&serde_json::json!({ "id": e.id, "sale": sale }));
    }
    let what = if sale.kind == SaleKind::Refund { "Refund" } else { "Sale" };
    outln!(
        "{what} #{} updated: {} on {}",
        e.id,
        env.config.currency.format(sale.amount_minor),
        env.config.format_date(sale.sold_on)
    );
    Ok(())
}

pub fn sale_delete(id: i64, json: bool, store: &mut Store, env: &Env) -> Result<()> {
    let deleted = store.delete_sale(id)?;
    if json {
        return print_json(&deleted);
    }
    let followups = match deleted.open_followups_removed {
        0 => String::new(),
        n => format!(" and its {}", crate::domain::text::counted(n as i64, "open follow-up", "open follow-ups")),
    };
    outln!(
        "Deleted #{id} ({} to {}){followups}",
        env.config.currency.format(deleted.amount_minor),
        crate::domain::text::one_line(&deleted.customer)
    );
    Ok(())
}

pub fn interaction_edit(e: &InteractionEdit, store: &mut Store, env: &Env) -> Result<()> {
    let old = store.interaction_record(e.id)?;
    let outcome = match &e.outcome {
        Some(o) => Outcome::parse(o).map_err(|err| FieldError::new("outcome", err))?,
        None => old.outcome,
    };
    let lost_reason = match (&e.lost_reason, outcome) {
        (Some(reason), _) => reason.clone(),
        (None, Outcome::Lost) => old.lost_reason.clone(),
        (None, _) => String::new(),
    };
    let interaction = NewInteraction {
        customer_id: match &e.customer {
            Some(c) => store.resolve(Named::Customer, c)?,
            None => old.customer_id,
        },
        technique_id: link(store, Named::Technique, e.technique.as_deref(), old.technique_id)?,
        product_id: link(store, Named::Product, e.product.as_deref(), old.product_id)?,
        kind: match &e.kind {
            Some(k) => InteractionKind::parse(k).map_err(|err| FieldError::new("kind", err))?,
            None => old.kind,
        },
        outcome,
        lost_reason,
        happened_on: match &e.date {
            Some(d) => parse_happened(d, env.today, "date")?,
            None => old.happened_on,
        },
        note: e.note.clone().unwrap_or(old.note),
        objections: match &e.objections {
            Some(text) => super::sale::objections_arg(std::slice::from_ref(text), env)?,
            None => old.objections,
        },
        response: e.response.clone().unwrap_or(old.response),
    };
    store.update_interaction(e.id, &interaction)?;
    if e.json {
        return print_json(&serde_json::json!({ "id": e.id, "interaction": interaction }));
    }
    outln!(
        "Interaction #{} updated: {} ({}) on {}",
        e.id,
        interaction.kind.label(),
        interaction.outcome.label(),
        env.config.format_date(interaction.happened_on)
    );
    Ok(())
}

pub fn interaction_delete(id: i64, store: &mut Store) -> Result<()> {
    store.delete_interaction(id)?;
    outln!("Deleted interaction #{id}");
    Ok(())
}

pub fn followup_edit(e: &FollowupEdit, store: &mut Store, env: &Env) -> Result<()> {
    let old = store.followup(e.id)?;
    let recurrence = match (e.once, e.every) {
        (true, _) => None,
        (false, None) => old.recurrence,
        (false, Some(every)) => Some(Recurrence {
            every,
            unit: match &e.unit {
                Some(u) => RecurUnit::parse(u).map_err(|err| FieldError::new("unit", err))?,
                None => old.recurrence.map_or(RecurUnit::Week, |r| r.unit),
            },
            from: match &e.from {
                Some(f) => RecurFrom::parse(f).map_err(|err| FieldError::new("from", err))?,
                None => old.recurrence.map_or(RecurFrom::Due, |r| r.from),
            },
        }),
    };
    let due_time = match e.time.as_deref().map(str::trim) {
        Some("") => None,
        Some(t) => Some(parse_time(t).map_err(|err| FieldError::new("time", err))?),
        None => {
            old.due_time.as_deref().map(|t| parse_time(t).map_err(|err| FieldError::new("time", err))).transpose()?
        }
    };
    let plan = FollowupPlan {
        kind: match &e.kind {
            Some(k) => FollowupKind::parse(k).map_err(|err| FieldError::new("kind", err))?,
            None => old.kind,
        },
        reason: e.reason.clone().unwrap_or(old.reason),
        due_on: match &e.due {
            Some(d) => parse_date(d, env.today).context("due")?,
            None => old.due_on,
        },
        due_time,
        recurrence,
    };
    store.update_followup(e.id, &plan)?;
    if e.json {
        return print_json(&store.followup(e.id)?);
    }
    outln!("Follow-up #{} updated: {} on {}", e.id, plan.kind.label(), env.config.format_date(plan.due_on));
    Ok(())
}
