//! `salescoach sale add|refund|list` and `salescoach log KIND`

use super::retry::IdKey;
use super::{Env, print_json};
use crate::domain::FieldError;
use crate::domain::date_input::{parse_happened, parse_past_date};
use crate::domain::followup::post_sale_followups;
use crate::domain::objections::stored_objections;
use crate::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use crate::domain::text::{Column, Table, counted, one_line};
use crate::store::{Named, SaleFilter, SaleRow, Store};
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
        /// How much is refunded, e.g. 40.00 [default: the whole sale]
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// Units returned [default: none]
        #[arg(long, allow_negative_numbers = true)]
        quantity: Option<u32>,
        /// The day of the refund: a date, today, yesterday, mon (the most recent Monday) ...
        #[arg(long, allow_hyphen_values = true, default_value = "today")]
        date: String,
        /// Why, kept with the refund.
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        key: IdKey,
    },
    /// Change a sale or refund: salescoach sale edit 12 --amount 140.00 --date yesterday
    Edit(super::edits::SaleEdit),
    /// Delete a sale with its open post-sale follow-ups (refused while it has refunds), or a refund.
    Delete {
        /// The sale's (or refund's) id, as `sale list` shows it.
        id: i64,
        /// Print what was deleted as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sales and refunds, newest first, with their total.
    List {
        /// From this day (a weekday is the most recent one: --from mon is this week's Monday).
        #[arg(long, allow_hyphen_values = true)]
        from: Option<String>,
        /// Up to this day, included (read back like --from).
        #[arg(long, allow_hyphen_values = true)]
        to: Option<String>,
        /// Only this customer: name (or part of it), company, or #id.
        #[arg(long)]
        customer: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SaleFields {
    /// Name (or part of it), company, or #id.
    #[arg(long)]
    pub customer: String,
    /// The product or service sold: name (or part of it) or #id.
    #[arg(long)]
    pub product: Option<String>,
    /// Total for the sale, more than zero, e.g. 1234.50
    #[arg(long, allow_hyphen_values = true)]
    pub amount: String,
    /// Units sold.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub quantity: u32,
    /// The day of the sale: a date, today, yesterday, mon (the most recent Monday) ...
    #[arg(long, allow_hyphen_values = true, default_value = "today")]
    pub date: String,
    /// The selling technique used: name (or part of it) or #id.
    #[arg(long)]
    pub technique: Option<String>,
    /// A note kept with the sale.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Skip the post-sale satisfaction and reorder follow-ups.
    #[arg(long)]
    pub no_followup: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub key: IdKey,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// call, email, meeting, demo, visit or message
    pub kind: String,
    /// Name (or part of it), company, or #id.
    #[arg(long)]
    pub customer: String,
    /// won, lost, pending or none
    #[arg(long, default_value = "none")]
    pub outcome: String,
    /// Why it was lost (only with --outcome lost), e.g. price.
    #[arg(long, default_value = "")]
    pub lost_reason: String,
    /// The selling technique used: name (or part of it) or #id.
    #[arg(long)]
    pub technique: Option<String>,
    /// The product it was about: name (or part of it) or #id.
    #[arg(long)]
    pub product: Option<String>,
    /// The day it happened: a date, today, yesterday, mon (the most recent Monday) ...
    #[arg(long, allow_hyphen_values = true, default_value = "today")]
    pub date: String,
    /// A note kept with the interaction.
    #[arg(long, default_value = "")]
    pub note: String,
    /// The open deal it was about, by id: it counts as the deal's latest activity.
    #[arg(long)]
    pub deal: Option<i64>,
    /// An objection the customer raised: one of the config's `objections` (price, timing,
    /// need, trust, competitor, authority by default) or your own words; repeat it or
    /// separate with commas.
    #[arg(long = "objection")]
    pub objections: Vec<String>,
    /// How you answered the objections.
    #[arg(long, default_value = "")]
    pub response: String,
    /// Print JSON instead of text.
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
                amount_minor: env.config.currency.amount(&f.amount, "amount")?,
                sold_on: parse_happened(&f.date, env.today, "date")?,
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
            outln!(
                "Logged sale #{id}: {} on {}",
                env.config.currency.format(sale.amount_minor),
                env.config.format_date(sale.sold_on)
            );
            for followup in &followups {
                outln!("  follow-up {} on {}", followup.kind.label(), env.config.format_date(followup.due_on));
            }
            Ok(())
        }
        SaleCommand::Edit(e) => super::edits::sale_edit(e, &mut store, env),
        SaleCommand::Delete { id, json } => super::edits::sale_delete(*id, *json, &mut store, env),
        SaleCommand::Refund { sale, amount, quantity, date, note, key } => {
            if key.already_recorded(&mut store, "sale refund", false)? {
                return Ok(());
            }
            let amount = amount.as_deref().map(|a| env.config.currency.amount(a, "amount")).transpose()?;
            let on = parse_happened(date, env.today, "date")?;
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
            if *json {
                return print_json(&super::output::streamed(|f| store.each_sale(&filter, f)));
            }
            store.in_snapshot(|store| print_sale_table(store, &filter, &env.config))
        }
    }
}

const SALE_COLUMNS: [Column; 6] = [
    Column::Left { max: 8 },
    Column::Left { max: 10 },
    Column::Left { max: 24 },
    Column::Left { max: 30 },
    Column::Right,
    Column::Right,
];

/// The sales list as aligned lines: money flush right (refunds negative), then a total
/// line under the amounts. Two passes over the rows (widths and totals, then the lines),
/// so a list of every sale holds one row at a time; the caller makes them one snapshot.
fn print_sale_table(store: &Store, filter: &SaleFilter, config: &crate::config::Config) -> Result<()> {
    let mut table = Table::new(&SALE_COLUMNS);
    let (mut sales, mut refunds, mut total) = (0i64, 0i64, 0i64);
    store.each_sale(filter, |row| {
        table.measure(&sale_cells(&row, config));
        match row.kind {
            SaleKind::Refund => refunds += 1,
            SaleKind::Sale => sales += 1,
        }
        total = total.saturating_add(signed(&row));
        Ok(())
    })?;
    if sales + refunds == 0 {
        outln!("No sales or refunds in this range.");
        return Ok(());
    }
    let sales = counted(sales, "sale", "sales");
    let what = if refunds == 0 { sales } else { format!("{sales}, {}", counted(refunds, "refund", "refunds")) };
    let total_cells =
        [String::new(), "Total".into(), what, String::new(), String::new(), config.currency.format(total)];
    table.measure(&total_cells);
    store.each_sale(filter, |row| {
        outln!("{}", table.line(&sale_cells(&row, config)));
        Ok(())
    })?;
    outln!("{}", table.line(&total_cells));
    Ok(())
}

/// A refund counts against the total.
fn signed(row: &SaleRow) -> i64 {
    if row.kind == SaleKind::Refund { -row.amount_minor } else { row.amount_minor }
}

fn sale_cells(row: &SaleRow, config: &crate::config::Config) -> [String; 6] {
    [
        format!("#{}", row.id),
        config.format_date(row.sold_on),
        one_line(&row.customer).into_owned(),
        one_line(row.product.as_deref().unwrap_or("-")).into_owned(),
        format!("{} x", row.quantity),
        config.currency.format(signed(row)),
    ]
}

/// `--objection price --objection "too far, timing"` as the objections to store.
pub(super) fn objections_arg(given: &[String], env: &Env) -> Result<Vec<String>> {
    let mut all: Vec<String> = Vec::new();
    for text in given {
        for objection in stored_objections(text, &env.config.objections)
            .map_err(|e| FieldError::new("objection", e.trim_start_matches("objection: ").to_string()))?
        {
            if !all.iter().any(|o| o.to_lowercase() == objection.to_lowercase()) {
                all.push(objection);
            }
        }
    }
    Ok(all)
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
        happened_on: parse_happened(&args.date, env.today, "date")?,
        note: args.note.clone(),
        objections: objections_arg(&args.objections, env)?,
        response: args.response.clone(),
    };
    let id = match args.deal {
        Some(deal) => store.log_deal_interaction(deal, &interaction)?,
        None => store.log_interaction(&interaction)?,
    };
    if args.json {
        return print_json(&serde_json::json!({ "id": id, "interaction": interaction }));
    }
    outln!(
        "Logged {} #{id} ({}) on {}",
        interaction.kind.label(),
        interaction.outcome.label(),
        env.config.format_date(interaction.happened_on)
    );
    Ok(())
}
