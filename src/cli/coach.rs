//! `salescoach motivation …`, `techniques`, `insights`, `report`

use super::{Env, UsageError, print_json};
use crate::domain::FieldError;
use crate::domain::date_input::parse_past_date;
use crate::domain::motivation::{ItemKind, ResourceKind, ResourceStatus};
use crate::domain::report::{Period, render};
use crate::domain::text::{Column, lay_out, one_line};
use crate::store::NewItem;
use anyhow::{Context, Result};
use chrono::Days;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum MotivationCommand {
    /// Today's quote, tip or resource (the same all day).
    Today {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Items, favourites first (--kind quote|tip|resource, --hidden to include hidden ones).
    List {
        /// Only quotes, tips or resources: quote, tip or resource.
        #[arg(long)]
        kind: Option<String>,
        /// Include hidden items.
        #[arg(long)]
        hidden: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add your own: salescoach motivation add --kind quote --text "..." --author "..."
    Add {
        /// quote, tip or resource
        #[arg(long, default_value = "tip")]
        kind: String,
        /// The quote, the tip, or the resource's title.
        #[arg(long)]
        text: String,
        /// Who said or wrote it.
        #[arg(long, default_value = "")]
        author: String,
        /// For resources: book, video, seminar, podcast, course or article.
        #[arg(long)]
        resource: Option<String>,
        /// Why it is worth your time, in a line.
        #[arg(long, default_value = "")]
        why: String,
    },
    /// Change an item's text (and author or why).
    Edit {
        /// The item's id, as `motivation list` shows it.
        id: i64,
        /// A new text.
        #[arg(long)]
        text: Option<String>,
        /// A new author.
        #[arg(long)]
        author: Option<String>,
        /// A new reason it is worth your time.
        #[arg(long)]
        why: Option<String>,
    },
    /// Set a resource's status: todo, in_progress or done (default done).
    Done {
        /// The resource's id, as `motivation list` shows it.
        id: i64,
        /// todo, in_progress or done
        #[arg(long, default_value = "done")]
        status: String,
    },
    /// Mark an item a favourite: favourites are listed first.
    Favourite {
        /// The item's id, as `motivation list` shows it.
        id: i64,
        /// Take the mark off instead.
        #[arg(long)]
        off: bool,
    },
    /// Hide an item: it is no longer the item of the day or listed.
    Hide {
        /// The item's id, as `motivation list` shows it.
        id: i64,
        /// Show it again instead.
        #[arg(long)]
        off: bool,
    },
    /// Delete an item (a built-in one never comes back with an upgrade).
    Delete {
        /// The item's id, as `motivation list` shows it.
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum TechniqueCommand {
    /// Your techniques (--all includes retired ones).
    List {
        /// Include retired techniques.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add one: salescoach technique add --name "Site visit" --description "…"
    Add {
        /// The technique's name.
        #[arg(long)]
        name: String,
        /// What you do, in a line.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Give a technique a new name (its history follows).
    Rename {
        /// Name (or part of it) or #id.
        technique: String,
        /// The new name.
        #[arg(long)]
        to: String,
    },
    /// Retire a technique (its history stays in the figures).
    Archive {
        /// Name (or part of it) or #id.
        technique: String,
    },
    /// Bring a retired technique back (by #id).
    Restore {
        /// The retired technique's id, as `technique list --all` shows it.
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// week or month
    #[arg(long, default_value = "week")]
    pub period: String,
    /// Any day in the period; the report runs up to it.
    #[arg(long, default_value = "today", allow_hyphen_values = true)]
    pub date: String,
    /// Write to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn motivation(command: &MotivationCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        MotivationCommand::Today { json } => {
            let item = store.item_of_the_day(env.today)?;
            if *json {
                return print_json(&item);
            }
            match item {
                Some(item) => outln!("{}", one_line(&item.summary())),
                None => outln!("No items to show: add one with `salescoach motivation add`."),
            }
        }
        MotivationCommand::List { kind, hidden, json } => {
            let kind = kind.as_deref().map(ItemKind::parse).transpose().map_err(|e| FieldError::new("kind", e))?;
            let items = store.items(kind, *hidden)?;
            if *json {
                return print_json(&items);
            }
            for item in items {
                let mut marks = String::new();
                if item.favourite {
                    marks.push('★');
                }
                if item.hidden {
                    marks.push_str(" (hidden)");
                }
                let status = item.status.map(|s| format!(" [{}]", s.label())).unwrap_or_default();
                outln!("#{:<4} {:<8} {marks}{}{status}", item.id, item.kind.label(), one_line(&item.summary()));
            }
        }
        MotivationCommand::Add { kind, text, author, resource, why } => {
            let kind = ItemKind::parse(kind).map_err(|e| FieldError::new("kind", e))?;
            let resource_kind =
                resource.as_deref().map(ResourceKind::parse).transpose().map_err(|e| FieldError::new("resource", e))?;
            let id = store.add_item(&NewItem {
                kind,
                resource_kind,
                body: text.clone(),
                author: author.clone(),
                why: why.clone(),
            })?;
            outln!("Added item #{id}");
        }
        MotivationCommand::Edit { id, text, author, why } => {
            let item = store.item(*id)?;
            store.edit_item(
                *id,
                text.as_deref().unwrap_or(&item.body),
                author.as_deref().unwrap_or(&item.author),
                why.as_deref().unwrap_or(&item.why),
            )?;
            outln!("Item #{id} saved");
        }
        MotivationCommand::Done { id, status } => {
            let status = ResourceStatus::parse(status).map_err(|e| FieldError::new("status", e))?;
            store.set_resource_status(*id, status)?;
            outln!("Item #{id}: {}", status.label());
        }
        MotivationCommand::Favourite { id, off } => {
            store.set_item_favourite(*id, !off)?;
            outln!("Item #{id} {}", if *off { "is no longer a favourite" } else { "is a favourite" });
        }
        MotivationCommand::Hide { id, off } => {
            store.set_item_hidden(*id, !off)?;
            outln!("Item #{id} {}", if *off { "is shown again" } else { "is hidden" });
        }
        MotivationCommand::Delete { id } => {
            store.delete_item(*id)?;
            outln!("Item #{id} deleted");
        }
    }
    Ok(())
}

pub fn technique(command: &TechniqueCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        TechniqueCommand::List { all, json } => {
            let list = store.techniques(*all)?;
            if *json {
                return print_json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|t| {
                    let retired = if t.archived { " (retired)" } else { "" };
                    vec![
                        format!("#{}", t.id),
                        format!("{}{retired}", one_line(&t.name)),
                        one_line(&t.description).into(),
                    ]
                })
                .collect();
            let layout = [Column::Left { max: 8 }, Column::Left { max: 40 }, Column::Left { max: usize::MAX }];
            for line in lay_out(&rows, &layout) {
                outln!("{line}");
            }
        }
        TechniqueCommand::Add { name, description } => {
            let id = store.add_technique(&crate::domain::knowledge::NewTechnique {
                name: name.clone(),
                description: description.clone(),
            })?;
            outln!("Added technique #{id}: {}", one_line(name));
        }
        TechniqueCommand::Rename { technique, to } => {
            let id = store.resolve(crate::store::Named::Technique, technique)?;
            store.rename_technique(id, to)?;
            outln!("Technique #{id} is now {}", one_line(to));
        }
        TechniqueCommand::Archive { technique } => {
            let id = store.resolve(crate::store::Named::Technique, technique)?;
            store.set_technique_archived(id, true)?;
            outln!("Technique #{id} retired");
        }
        TechniqueCommand::Restore { id } => {
            store.set_technique_archived(*id, false)?;
            outln!("Technique #{id} restored");
        }
    }
    Ok(())
}

pub fn techniques(json: bool, env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let report = store.technique_report(env.today - Days::new(364), env.today)?;
    if json {
        return print_json(&report);
    }
    outln!(
        "Techniques, {} to {}; your win rate {}",
        report.from,
        report.to,
        super::technique_table::rate(report.overall_win_rate)
    );
    for line in super::technique_table::technique_table("technique", &report.techniques, Some(&env.config.currency)) {
        outln!("{line}");
    }
    if !report.lost_reasons.is_empty() {
        let reasons: Vec<String> = report.lost_reasons.iter().map(|(r, n)| format!("{} ({n})", one_line(r))).collect();
        outln!("Lost because: {}", reasons.join(", "));
    }
    Ok(())
}

pub fn insights(json: bool, env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let list = store.insights(env.today, &env.config)?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("Nothing needs attention today.");
    }
    for insight in list {
        outln!("- {}\n  {}", one_line(&insight.message), one_line(&insight.action));
    }
    Ok(())
}

pub fn report(args: &ReportArgs, env: &Env) -> Result<()> {
    let period = Period::parse(&args.period).map_err(|e| UsageError(format!("--period: {e}")))?;
    // A report looks back: `--date fri` is the most recent Friday (today, on a Friday).
    let date = parse_past_date(&args.date, env.today).context("date")?;
    let store = env.open_store()?;
    let text = render(&store.report_data(period, date, &env.config)?, &env.config.currency);
    match &args.out {
        Some(path) => {
            crate::files::write_private(path, text.as_bytes())?;
            outln!("Wrote {}", path.display());
        }
        None => out!("{text}"),
    }
    Ok(())
}
