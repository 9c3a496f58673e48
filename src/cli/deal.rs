//! `salescoach deal add|list|show|move|won|lost|edit|stages`: the pipeline from the shell.

use super::{Env, print_json};
use crate::domain::FieldError;
use crate::domain::date_input::{parse_date, parse_happened};
use crate::domain::deal::{Deal, NewDeal, Stage, cold, parse_probability};
use crate::domain::followup::post_sale_followups;
use crate::domain::text::{Column, lay_out, one_line};
use crate::store::{Named, Store};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum DealCommand {
    /// Add a deal: salescoach deal add --customer Marta --title "Two grinders" --value 2400 --close +3w
    Add(DealFields),
    /// Open deals, the nearest expected close first (--all: won and lost too).
    List {
        /// Only this stage: a name (or its start) or #id.
        #[arg(long)]
        stage: Option<String>,
        /// Include won and lost deals.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// One deal with its stage history.
    Show {
        /// The deal's id, as `deal list` shows it.
        id: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Move a deal to another stage: salescoach deal move 4 proposal
    Move {
        /// The deal's id.
        id: i64,
        /// The stage: a name (or its start) or #id.
        stage: String,
        /// The day of the move: a date, today, yesterday ...
        #[arg(long, default_value = "today", allow_hyphen_values = true)]
        date: String,
    },
    /// Win a deal and log its sale (amount = the deal's value unless --amount).
    Won {
        /// The deal's id.
        id: i64,
        /// The sale's amount, e.g. 2350.00 [default: the deal's value]
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// Win it without logging a sale (it was logged another way).
        #[arg(long, conflicts_with = "amount")]
        no_sale: bool,
        /// Skip the sale's post-sale satisfaction and reorder follow-ups.
        #[arg(long)]
        no_followup: bool,
        /// The day it was won: a date, today, yesterday ...
        #[arg(long, default_value = "today", allow_hyphen_values = true)]
        date: String,
    },
    /// Lose a deal, saying why: salescoach deal lost 4 --reason price
    Lost {
        /// The deal's id.
        id: i64,
        /// Why: price, timing, need, trust, competitor, authority, or your words.
        #[arg(long)]
        reason: String,
        /// The day it was lost.
        #[arg(long, default_value = "today", allow_hyphen_values = true)]
        date: String,
    },
    /// Change a deal's customer, title, product, value, expected close or probability.
    Edit {
        /// The deal's id.
        id: i64,
        /// Who it is with: name (or part of it), company, or #id.
        #[arg(long)]
        customer: Option<String>,
        /// What it is, in a few words.
        #[arg(long)]
        title: Option<String>,
        /// The product or service: name, #id, or "" for none.
        #[arg(long)]
        product: Option<String>,
        /// Its value, e.g. 2400.
        #[arg(long, allow_hyphen_values = true)]
        value: Option<String>,
        /// The expected close: fri, +3w, 2026-12-31 ..., or "" for none.
        #[arg(long, allow_hyphen_values = true)]
        close: Option<String>,
        /// Its own chance in percent (e.g. 35), or "" for the stage's.
        #[arg(long)]
        probability: Option<String>,
    },
    /// The pipeline's stages with their default probability and idle limit.
    Stages {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add, rename, re-weigh, move or delete a stage.
    Stage {
        #[command(subcommand)]
        command: super::deal_stage::StageCommand,
    },
}

#[derive(Debug, Args)]
pub struct DealFields {
    /// Who it is with: name (or part of it), company, or #id.
    #[arg(long)]
    pub customer: String,
    /// What it is, in a few words.
    #[arg(long)]
    pub title: String,
    /// Its value, e.g. 2400 (0 when not known yet).
    #[arg(long, allow_hyphen_values = true)]
    pub value: String,
    /// The stage it starts at: a name (or its start) or #id [default: the first stage]
    #[arg(long)]
    pub stage: Option<String>,
    /// The expected close: fri, +3w, 2026-12-31 ...
    #[arg(long, allow_hyphen_values = true)]
    pub close: Option<String>,
    /// Its own chance in percent (e.g. 35) [default: the stage's]
    #[arg(long)]
    pub probability: Option<String>,
    /// The product or service: name (or part of it) or #id.
    #[arg(long)]
    pub product: Option<String>,
    /// Print the new deal as JSON.
    #[arg(long)]
    pub json: bool,
}

fn stage_of<'a>(stages: &'a [Stage], deal: &Deal) -> Option<&'a Stage> {
    stages.iter().find(|s| s.id == deal.stage_id)
}

pub fn run(command: &DealCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    let money = |v: i64| env.config.currency.format(v);
    match command {
        DealCommand::Add(f) => {
            let stage = match &f.stage {
                Some(s) => store.resolve_stage(s)?,
                None => store.stages()?.into_iter().next().context("there are no stages")?,
            };
            let deal = NewDeal {
                customer_id: store.resolve(Named::Customer, &f.customer)?,
                title: f.title.clone(),
                product_id: store.resolve_optional(Named::Product, f.product.as_deref())?,
                value_minor: env.config.currency.amount(&f.value, "value")?,
                stage_id: stage.id,
                close_on: f.close.as_deref().map(|c| parse_date(c, env.today).context("close")).transpose()?,
                probability_permille: f.probability.as_deref().map(parse_probability).transpose()?,
                created_on: env.today,
            };
            let id = store.add_deal(&deal)?;
            if f.json {
                return print_json(&store.deal(id)?);
            }
            outln!("Added deal #{id} at {}: {} ({})", stage.name, one_line(&deal.title), money(deal.value_minor));
        }
        DealCommand::List { stage, all, json } => {
            let stage = stage.as_deref().map(|s| store.resolve_stage(s)).transpose()?;
            let deals: Vec<Deal> = if *all { store.all_deals()? } else { store.open_deals()? };
            let deals: Vec<Deal> =
                deals.into_iter().filter(|d| stage.as_ref().is_none_or(|s| s.id == d.stage_id)).collect();
            if *json {
                return print_json(&deals);
            }
            if deals.is_empty() {
                outln!("No deals. Add one: salescoach deal add --customer C --title T --value 2400 --close +3w");
                return Ok(());
            }
            let stages = store.stages()?;
            let rows: Vec<Vec<String>> = deals
                .iter()
                .map(|d| {
                    let chance = stage_of(&stages, d).map_or(0, |s| d.probability(s));
                    let note = match stage_of(&stages, d).and_then(|s| cold(d, s, env.today)) {
                        Some(crate::domain::deal::Cold::PastClose(n)) => format!("past close by {n}d"),
                        Some(crate::domain::deal::Cold::Idle(n)) => format!("idle {n}d"),
                        None if d.status != crate::domain::deal::DealStatus::Open => d.status.label().to_string(),
                        None => String::new(),
                    };
                    vec![
                        format!("#{}", d.id),
                        one_line(&d.stage).into_owned(),
                        one_line(&d.customer).into_owned(),
                        one_line(&d.title).into_owned(),
                        d.close_on.map(|c| env.config.format_date(c)).unwrap_or_else(|| "-".into()),
                        format!("{}%", (chance + 5) / 10),
                        money(d.value_minor),
                        note,
                    ]
                })
                .collect();
            let layout = [
                Column::Left { max: 6 },
                Column::Left { max: 12 },
                Column::Left { max: 22 },
                Column::Left { max: 30 },
                Column::Left { max: 12 },
                Column::Right,
                Column::Right,
                Column::Left { max: 20 },
            ];
            for line in lay_out(&rows, &layout) {
                outln!("{}", line.trim_end());
            }
        }
        DealCommand::Show { id, json } => {
            let deal = store.deal(*id)?;
            let moves: Vec<(i64, i64, chrono::NaiveDate)> =
                store.deal_moves(crate::domain::date_input::EARLIEST)?.into_iter().filter(|m| m.0 == *id).collect();
            let stages = store.stages()?;
            let name = |stage: i64| stages.iter().find(|s| s.id == stage).map_or("?".to_string(), |s| s.name.clone());
            if *json {
                let history: Vec<serde_json::Value> = moves
                    .iter()
                    .map(|(_, stage, on)| serde_json::json!({ "stage": name(*stage), "moved_on": on }))
                    .collect();
                return print_json(&serde_json::json!({ "deal": deal, "history": history }));
            }
            let chance = stage_of(&stages, &deal).map_or(0, |s| deal.probability(s));
            outln!("Deal #{}: {} ({})", deal.id, one_line(&deal.title), deal.status.label());
            outln!("  customer   {}", one_line(&deal.customer));
            outln!(
                "  value      {} at {}% ({} weighted)",
                money(deal.value_minor),
                (chance + 5) / 10,
                money(crate::domain::forecast::weighted_minor(deal.value_minor, chance))
            );
            outln!("  stage      {}", one_line(&deal.stage));
            if let Some(close) = deal.close_on {
                outln!("  closes     {}", env.config.format_date(close));
            }
            outln!("  last touch {}", env.config.format_date(deal.last_activity_on));
            if !deal.lost_reason.is_empty() {
                outln!("  lost       {}", one_line(&deal.lost_reason));
            }
            for (_, stage, on) in &moves {
                outln!("  {} -> {}", env.config.format_date(*on), name(*stage));
            }
        }
        DealCommand::Move { id, stage, date } => {
            let stage = store.resolve_stage(stage)?;
            store.move_deal(*id, &stage, parse_happened(date, env.today, "date")?)?;
            outln!("Deal #{id} moved to {}", stage.name);
        }
        DealCommand::Won { id, amount, no_sale, no_followup, date } => {
            won(&mut store, env, *id, amount, *no_sale, *no_followup, date)?
        }
        DealCommand::Lost { id, reason, date } => {
            store.lose_deal(*id, reason, parse_happened(date, env.today, "date")?)?;
            outln!("Deal #{id} lost ({})", one_line(reason));
        }
        DealCommand::Edit { id, customer, title, product, value, close, probability } => {
            let old = store.deal(*id)?;
            let deal = NewDeal {
                customer_id: match customer {
                    Some(c) => store.resolve(Named::Customer, c)?,
                    None => old.customer_id,
                },
                title: title.clone().unwrap_or(old.title),
                product_id: match product.as_deref().map(str::trim) {
                    None => old.product_id,
                    Some("") => None,
                    Some(p) => Some(store.resolve(Named::Product, p)?),
                },
                value_minor: match value {
                    Some(v) => env.config.currency.amount(v, "value")?,
                    None => old.value_minor,
                },
                stage_id: old.stage_id,
                close_on: match close.as_deref().map(str::trim) {
                    None => old.close_on,
                    Some("") => None,
                    Some(c) => Some(parse_date(c, env.today).context("close")?),
                },
                probability_permille: match probability.as_deref().map(str::trim) {
                    None => old.probability_permille,
                    Some("") => None,
                    Some(p) => Some(parse_probability(p)?),
                },
                created_on: old.created_on,
            };
            store.update_deal(*id, &deal)?;
            outln!("Deal #{id} updated");
        }
        DealCommand::Stages { json } => super::deal_stage::print_stages(&store, *json)?,
        DealCommand::Stage { command } => super::deal_stage::run(command, &mut store)?,
    }
    Ok(())
}

fn won(
    store: &mut Store,
    env: &Env,
    id: i64,
    amount: &Option<String>,
    no_sale: bool,
    no_followup: bool,
    date: &str,
) -> Result<()> {
    let deal = store.deal(id)?;
    let on = parse_happened(date, env.today, "date")?;
    if no_sale {
        store.win_deal(id, on, None)?;
        outln!("Deal #{id} won (no sale logged)");
        return Ok(());
    }
    let amount_minor = match amount {
        Some(a) => env.config.currency.amount(a, "amount")?,
        None => deal.value_minor,
    };
    if amount_minor <= 0 {
        return Err(FieldError::new(
            "amount",
            "the deal has no value: give --amount, or --no-sale when its sale was logged another way",
        )
        .into());
    }
    let sale = crate::domain::deal::won_sale(&deal, amount_minor, on);
    let followups = if no_followup {
        Vec::new()
    } else {
        let offsets = (env.config.satisfaction_check_days, env.config.reorder_check_days);
        post_sale_followups(deal.customer_id, on, offsets, env.config.working_days, env.today)
    };
    let sale_id = store.win_deal(id, on, Some((&sale, &followups)))?.unwrap_or_default();
    outln!("Deal #{id} won: sale #{sale_id} of {} logged", env.config.currency.format(amount_minor));
    Ok(())
}
