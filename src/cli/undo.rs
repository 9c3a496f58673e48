//! `salescoach undo [--list] [--json]` and `salescoach redo [--json]`

use super::{Env, print_json};
use crate::domain::text::one_line;
use crate::store::Step;
use anyhow::{Result, bail};
use clap::Args;

/// How many steps `undo --list` shows.
const LISTED: u64 = 20;

pub const UNDO_EXAMPLES: &str = "\
Examples:
  salescoach undo                 take back the latest change and say which it was
  salescoach undo --list          the latest 20 changes, newest first, and which are undone
  salescoach undo --list --json   the same, as JSON for scripts
  salescoach redo                 make the latest undone change again

Every change made in the app or here is one step, kept in the database (the latest 200),
so an undo works across windows and after a restart. A new change drops what could be
redone. Exit code 1 when there is nothing to undo or the undo is refused.";

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// List the latest 20 changes, newest first, with when they were made and whether they are undone; changes nothing.
    #[arg(long)]
    pub list: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RedoArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn undo(args: &UndoArgs, env: &Env) -> Result<()> {
    if args.list {
        return list(args.json, env);
    }
    let Some(step) = env.open_store()?.undo()? else { bail!("nothing to undo") };
    said("Undone", &step, args.json)
}

pub fn redo(args: &RedoArgs, env: &Env) -> Result<()> {
    let Some(step) = env.open_store()?.redo()? else { bail!("nothing to redo") };
    said("Redone", &step, args.json)
}

fn said(what: &str, step: &Step, json: bool) -> Result<()> {
    if json {
        return print_json(step);
    }
    outln!("{what}: {}", one_line(&step.label));
    Ok(())
}

fn list(json: bool, env: &Env) -> Result<()> {
    let steps = env.open_store()?.undo_steps(LISTED)?;
    if json {
        return print_json(&steps);
    }
    if steps.is_empty() {
        outln!("No changes yet.");
    }
    for step in steps {
        outln!(
            "#{:<5} {}  {:<6}  {}",
            step.id,
            step.made_at.format("%Y-%m-%d %H:%M"),
            if step.undone { "undone" } else { "" },
            one_line(&step.label)
        );
    }
    Ok(())
}
