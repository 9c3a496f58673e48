//! `salescoach interaction list [--customer C] [--from D] [--to D] [--json]`

use super::{Env, print_json};
use crate::domain::FieldError;
use crate::domain::date_input::parse_past_date;
use crate::domain::text::{one_line, pad};
use crate::store::Named;
use crate::store::interaction_log::InteractionFilter;
use anyhow::{Context, Result};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum InteractionCommand {
    /// The interaction log, newest first: salescoach interaction list --customer Marta --from 2026-11-01
    List {
        /// Name (or part of it), company, or #id.
        #[arg(long)]
        customer: Option<String>,
        /// The first day to show (a weekday is the latest one).
        #[arg(long, allow_hyphen_values = true)]
        from: Option<String>,
        /// The last day to show.
        #[arg(long, allow_hyphen_values = true)]
        to: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change a logged interaction: salescoach interaction edit 7 --outcome lost --lost-reason price
    Edit(super::edits::InteractionEdit),
    /// Delete a logged interaction (the customer's last contact falls back to the one before).
    Delete {
        /// The interaction's id, as `interaction list` shows it.
        id: i64,
    },
}

pub fn run(command: &InteractionCommand, env: &Env) -> Result<()> {
    let (customer, from, to, json) = match command {
        InteractionCommand::List { customer, from, to, json } => (customer, from, to, json),
        InteractionCommand::Edit(e) => return super::edits::interaction_edit(e, &mut env.open_store()?, env),
        InteractionCommand::Delete { id } => return super::edits::interaction_delete(*id, &mut env.open_store()?),
    };
    let store = env.open_store()?;
    // A log looks back: `--from mon` is the most recent Monday, as in `sale list`.
    let from = from.as_deref().map(|d| parse_past_date(d, env.today).context("from")).transpose()?;
    let to = to.as_deref().map(|d| parse_past_date(d, env.today).context("to")).transpose()?;
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            return Err(
                FieldError::new("to", format!("{to} is before --from {from}; give the earlier day as --from")).into()
            );
        }
    }
    let filter =
        InteractionFilter { customer_id: store.resolve_optional(Named::Customer, customer.as_deref())?, from, to };
    if *json {
        return print_json(&super::output::streamed(|f| store.each_interaction(&filter, f)));
    }
    store.each_interaction(&filter, |row| {
        let outcome = match row.outcome {
            crate::domain::sale::Outcome::Lost if !row.lost_reason.is_empty() => format!("lost ({})", row.lost_reason),
            other => other.label().to_string(),
        };
        let objections = (!row.objections.is_empty()).then(|| format!("objections: {}", row.objections.join(", ")));
        let extra: Vec<&str> =
            [row.technique.as_deref(), row.product.as_deref(), objections.as_deref()].into_iter().flatten().collect();
        outln!(
            "#{:<6} {} {} {} {} {}{}",
            row.id,
            env.config.format_date(row.happened_on),
            pad(row.kind.label(), 7),
            pad(&one_line(&outcome), 10),
            pad(&one_line(&row.customer), 22),
            one_line(&extra.join(" · ")),
            if row.note.is_empty() { String::new() } else { format!("  {}", one_line(&row.note)) }
        );
        Ok(())
    })
}
