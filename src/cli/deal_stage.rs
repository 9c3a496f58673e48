//! `salescoach deal stages` and `deal stage add|edit|delete`: the seller's own pipeline.

use super::print_json;
use crate::domain::FieldError;
use crate::domain::deal::{StageFields, parse_probability};
use crate::domain::text::one_line;
use crate::store::Store;
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum StageCommand {
    /// Add a stage: salescoach deal stage add "Demo booked" --probability 40 --idle 7 --before proposal
    Add {
        /// Its name, as the pipeline shows it.
        name: String,
        /// The chance a deal there is won, in percent.
        #[arg(long)]
        probability: String,
        /// Days without activity after which a deal there is going cold.
        #[arg(long)]
        idle: String,
        /// The stage it goes before: a name (or its start) or #id [default: last]
        #[arg(long)]
        before: Option<String>,
    },
    /// Rename a stage, change its chance or idle limit, or move it.
    Edit {
        /// The stage: a name (or its start) or #id.
        stage: String,
        /// Its new name.
        #[arg(long)]
        name: Option<String>,
        /// Its chance in percent.
        #[arg(long)]
        probability: Option<String>,
        /// Its idle limit in days.
        #[arg(long)]
        idle: Option<String>,
        /// Move it before this stage.
        #[arg(long, conflicts_with = "last")]
        before: Option<String>,
        /// Move it to the end.
        #[arg(long)]
        last: bool,
    },
    /// Delete a stage no deal has been at (rename one that has history instead).
    Delete {
        /// The stage: a name (or its start) or #id.
        stage: String,
    },
}

fn idle_days(text: &str) -> Result<u32, FieldError> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| FieldError::new("idle", format!("'{}' is not a whole number of days from 1 to 3650", text.trim())))
}

pub fn run(command: &StageCommand, store: &mut Store) -> Result<()> {
    match command {
        StageCommand::Add { name, probability, idle, before } => {
            let fields = StageFields {
                name: name.clone(),
                probability_permille: parse_probability(probability)?,
                idle_days: idle_days(idle)?,
            };
            let before = before.as_deref().map(|b| store.resolve_stage(b)).transpose()?;
            let id = store.add_stage(&fields, before.as_ref())?;
            outln!("Added stage #{id} {}", one_line(name.trim()));
        }
        StageCommand::Edit { stage, name, probability, idle, before, last } => {
            let old = store.resolve_stage(stage)?;
            let fields = StageFields {
                name: name.clone().unwrap_or_else(|| old.name.clone()),
                probability_permille: probability
                    .as_deref()
                    .map(parse_probability)
                    .transpose()?
                    .unwrap_or(old.probability_permille),
                idle_days: idle.as_deref().map(idle_days).transpose()?.unwrap_or(old.idle_days),
            };
            let before = before.as_deref().map(|b| store.resolve_stage(b)).transpose()?;
            let moved = match (&before, last) {
                (Some(b), _) => Some(Some(b)),
                (None, true) => Some(None),
                (None, false) => None,
            };
            store.update_stage(old.id, &fields, moved)?;
            outln!("Stage #{} saved", old.id);
        }
        StageCommand::Delete { stage } => {
            let old = store.resolve_stage(stage)?;
            store.delete_stage(old.id)?;
            outln!("Deleted stage {}", one_line(&old.name));
        }
    }
    print_stages(store, false)
}

/// The stages in order with their chance and idle limit.
pub fn print_stages(store: &Store, json: bool) -> Result<()> {
    let stages = store.stages()?;
    if json {
        return print_json(&stages);
    }
    for s in stages {
        outln!(
            "{:<2} {:<14} {:>3}%  cold after {} days idle",
            s.position,
            one_line(&s.name),
            (s.probability_permille + 5) / 10,
            s.idle_days
        );
    }
    Ok(())
}
