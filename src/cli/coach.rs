//! `salescoach motivation …`, `techniques`, `insights`, `report`

use super::{Env, UsageError, print_json};
use crate::domain::FieldError;
use crate::domain::date_input::parse_past_date;
use crate::domain::motivation::{ItemKind, ResourceKind, ResourceStatus};
use crate::domain::report::{Period, render};
use crate::domain::text::{one_line, pad};
use crate::store::NewItem;
use anyhow::{Context, Result};
use chrono::Days;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum MotivationCommand {
    /// Today's quote, tip or resource (the same all day).
    Today {
        #[arg(long)]
        json: bool,
    },
    /// Items, favourites first (--kind quote|tip|resource, --hidden to include hidden ones).
    List {
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        hidden: bool,
        #[arg(long)]
        json: bool,
    },
    /// Add your own: salescoach motivation add --kind quote --text "..." --author "..."
    Add {
        #[arg(long, default_value = "tip")]
        kind: String,
        #[arg(long)]
        text: String,
        #[arg(long, default_value = "")]
        author: String,
        /// For resources: book, video, seminar, podcast, course or article.
        #[arg(long)]
        resource: Option<String>,
        #[arg(long, default_value = "")]
        why: String,
    },
    /// Change an item's text (and author or why).
    Edit {
        id: i64,
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        why: Option<String>,
    },
    /// Set a resource's status: todo, in_progress or done (default done).
    Done {
        id: i64,
        #[arg(long, default_value = "done")]
        status: String,
    },
    Favourite {
        id: i64,
        #[arg(long)]
        off: bool,
    },
    Hide {
        id: i64,
        #[arg(long)]
        off: bool,
    },
    /// Delete an item (a built-in one never comes back with an upgrade).
    Delete { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum TechniqueCommand {
    /// Your techniques (--all includes retired ones).
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Add one: salescoach technique add --name "Site visit" --description "…"
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    Rename {
        technique: String,
        #[arg(long)]
        to: String,
    },
    /// Retire a technique (its history stays in the figures).
    Archive {
        technique: String,
    },
    Restore {
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
            for t in list {
                let retired = if t.archived { " (retired)" } else { "" };
                outln!("#{:<4} {}{retired}  {}", t.id, one_line(&t.name), one_line(&t.description));
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
    let rate = |r: Option<f64>| r.map_or("n/a".to_string(), |v| format!("{:.0}%", v * 100.0));
    outln!("Techniques, {} to {}; your win rate {}", report.from, report.to, rate(report.overall_win_rate));
    outln!(
        "{:<26} {:>5} {:>4} {:>4} {:>6} {:>11} {:>5} {:>12}  verdict",
        "technique",
        "used",
        "won",
        "lost",
        "rate",
        "95% range",
        "sales",
        "avg deal"
    );
    for t in &report.techniques {
        let range = t.interval.map_or("n/a".to_string(), |(l, h)| format!("{:.0}-{:.0}%", l * 100.0, h * 100.0));
        let deal = t.average_deal.map_or("n/a".to_string(), |v| env.config.currency.format(v));
        outln!(
            "{} {:>5} {:>4} {:>4} {:>6} {:>11} {:>5} {:>12}  {}",
            pad(&one_line(&t.counts.name), 26),
            t.counts.interactions,
            t.counts.wins,
            t.counts.losses,
            rate(t.win_rate),
            range,
            t.counts.sales,
            deal,
            t.verdict.label()
        );
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
