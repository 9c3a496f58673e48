//! `salescoach sale add|refund|list` and `salescoach log KIND`

use super::retry::IdKey;
use super::{Env, past_date, print_json};
use crate::domain::FieldError;
use crate::domain::date_input::parse_past_date;
use crate::domain::followup::post_sale_followups;
use crate::domain::money::parse_money;
use crate::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use crate::domain::text::{one_line, pad};
use crate::store::{Named, SaleFilter};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum SaleCommand {
    /// Log a sale: salescoach sale add --customer "Marta" --product "beans" --amount 115.00
    Add(SaleFields),
    /// Record a refund or return against an earlier sale (the full amount unless --amount).
    Refund {
        /// The sale's id, as shown by `sale list`.
        sale: i64,
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        quantity: Option<u32>,
        #[arg(long, allow_hyphen_values = true, default_value = "today")]
        date: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        key: IdKey,
    },
    /// Sales and refunds, newest first.
    List {
        #[arg(long, allow_hyphen_values = true)]
        from: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        to: Option<String>,
        #[arg(long)]
        customer: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SaleFields {
    /// Name (or part of it), company, or #id.
    #[arg(long)]
    pub customer: String,
    #[arg(long)]
    pub product: Option<String>,
    /// Total for the sale, e.g. 1234.50
    #[arg(long, allow_hyphen_values = true)]
    pub amount: String,
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub quantity: u32,
    #[arg(long, allow_hyphen_values = true, default_value = "today")]
    pub date: String,
    #[arg(long)]
    pub technique: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
    /// Skip the post-sale satisfaction and reorder follow-ups.
    #[arg(long)]
    pub no_followup: bool,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub key: IdKey,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// call, email, meeting, demo, visit or message
    pub kind: String,
    #[arg(long)]
    pub customer: String,
    /// won, lost, pending or none
    #[arg(long, default_value = "none")]
    pub outcome: String,
    #[arg(long, default_value = "")]
    pub lost_reason: String,
    #[arg(long)]
    pub technique: Option<String>,
    #[arg(long)]
    pub product: Option<String>,
    #[arg(long, allow_hyphen_values = true, default_value = "today")]
    pub date: String,
    #[arg(long, default_value = "")]
    pub note: String,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub key: IdKey,
}

pub fn run(command: &SaleCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        SaleCommand::Add(f) => {
            if f.key.already_recorded(&mut store, "sale add", f.json)? {
                return Ok(());
            }
            let sale = NewSale {
                customer_id: store.resolve(Named::Customer, &f.customer)?,
                product_id: store.resolve_optional(Named::Product, f.product.as_deref())?,
                technique_id: store.resolve_optional(Named::Technique, f.technique.as_deref())?,
                kind: SaleKind::Sale,
                quantity: f.quantity,
                amount_minor: parse_money(&f.amount).map_err(|e| FieldError::new("amount", e.to_string()))?,
                sold_on: past_date(&f.date, env, "date")?,
                note: f.note.clone(),
                refund_of: None,
            };
            let followups = if f.no_followup {
                Vec::new()
            } else {
                let offsets = (env.config.satisfaction_check_days, env.config.reorder_check_days);
                post_sale_followups(sale.customer_id, sale.sold_on, offsets, env.config.working_days, env.today)
            };
            let id = store.log_sale(&sale, &followups)?;
            if f.json {
                return print_json(&serde_json::json!({ "id": id, "sale": sale, "followups": followups.len() }));
            }
            outln!("Logged sale #{id}: {} on {}", env.config.currency.format(sale.amount_minor), sale.sold_on);
            for followup in &followups {
                outln!("  follow-up {} on {}", followup.kind.label(), followup.due_on);
            }
            Ok(())
        }
        SaleCommand::Refund { sale, amount, quantity, date, note, key } => {
            if key.already_recorded(&mut store, "sale refund", false)? {
                return Ok(());
            }
            let amount = amount
                .as_deref()
                .map(|a| parse_money(a).map_err(|e| FieldError::new("amount", e.to_string())))
                .transpose()?;
            let on = past_date(date, env, "date")?;
            let id = store.refund(*sale, amount, *quantity, on, note)?;
            outln!("Recorded refund #{id} against sale #{sale}");
            Ok(())
        }
        SaleCommand::List { from, to, customer, json } => {
            // A sales list looks back: `--from mon` is the most recent Monday, today included.
            let from = from.as_deref().map(|d| parse_past_date(d, env.today).context("from")).transpose()?;
            let to = to.as_deref().map(|d| parse_past_date(d, env.today).context("to")).transpose()?;
            if let (Some(from), Some(to)) = (from, to) {
                if to < from {
                    let message = format!("{to} is before --from {from}; give the earlier day as --from");
                    return Err(FieldError::new("to", message).into());
                }
            }
            let filter = SaleFilter {
                from,
                to,
                customer_id: store.resolve_optional(Named::Customer, customer.as_deref())?,
                limit: None,
            };
            let rows = store.sales(&filter)?;
            if *json {
                return print_json(&rows);
            }
            for row in rows {
                let sign = if row.kind == SaleKind::Refund { "-" } else { " " };
                outln!(
                    "#{:<6} {} {} {} {:>3} x {sign}{}",
                    row.id,
                    row.sold_on,
                    pad(&one_line(&row.customer), 22),
                    pad(&one_line(row.product.as_deref().unwrap_or("-")), 28),
                    row.quantity,
                    env.config.currency.format(row.amount_minor)
                );
            }
            Ok(())
        }
    }
}

pub fn log(args: &LogArgs, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    if args.key.already_recorded(&mut store, "log", args.json)? {
        return Ok(());
    }
    let interaction = NewInteraction {
        customer_id: store.resolve(Named::Customer, &args.customer)?,
        technique_id: store.resolve_optional(Named::Technique, args.technique.as_deref())?,
        product_id: store.resolve_optional(Named::Product, args.product.as_deref())?,
        kind: InteractionKind::parse(&args.kind).map_err(|e| FieldError::new("kind", e))?,
        outcome: Outcome::parse(&args.outcome).map_err(|e| FieldError::new("outcome", e))?,
        lost_reason: args.lost_reason.clone(),
        happened_on: past_date(&args.date, env, "date")?,
        note: args.note.clone(),
    };
    let id = store.log_interaction(&interaction)?;
    if args.json {
        return print_json(&serde_json::json!({ "id": id, "interaction": interaction }));
    }
    outln!(
        "Logged {} #{id} ({}) on {}",
        interaction.kind.label(),
        interaction.outcome.label(),
        interaction.happened_on
    );
    Ok(())
}
