//! `salescoach goal add|list|show|edit|archive|log`

use super::{Env, print_json};
use crate::domain::date_input::{parse_date, parse_happened};
use crate::domain::figures::permille_as_fraction;
use crate::domain::goal::{Goal, Metric, NewGoal, WorkingDays, parse_metric_amount};
use crate::domain::pace::{self, Pace};
use crate::domain::pace_text::{explain_pace, explain_pipeline, pace_summary};
use crate::domain::text::{one_line, pad};
use crate::store::Store;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum GoalCommand {
    /// Add a goal: salescoach goal add --title "Q4" --metric revenue --target 30000 --start 2026-12-01 --deadline 2026-12-31
    Add(GoalFields),
    /// List active goals with their pace (--all includes archived).
    List {
        /// Include archived goals.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every pace figure of one goal, with how it was computed.
    Show {
        /// The goal's id, as shown by `goal list`.
        id: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change a goal's title, target, dates, working days or unit.
    Edit {
        /// The goal's id, as shown by `goal list`.
        id: i64,
        #[command(flatten)]
        fields: GoalEdit,
    },
    /// Move a goal to history (it keeps its numbers).
    Archive {
        /// The goal's id, as shown by `goal list`.
        id: i64,
    },
    /// Add a manual entry to a custom goal (negative to correct).
    Log {
        /// The custom goal's id, as shown by `goal list`.
        id: i64,
        /// A whole number; negative corrects an earlier entry.
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// The day it happened: a date, today, yesterday, mon (the most recent Monday) ...
        #[arg(long, allow_hyphen_values = true, default_value = "today")]
        date: String,
        /// A note kept with the entry.
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Args)]
pub struct GoalFields {
    /// What the goal is called, e.g. "December revenue".
    #[arg(long)]
    pub title: String,
    /// revenue, units, deals, new_customers, contacts or custom
    #[arg(long)]
    pub metric: String,
    /// Money for revenue (30000 or 30,000.00), a whole number otherwise.
    #[arg(long, allow_hyphen_values = true)]
    pub target: String,
    /// The first day counted: a date, today, +3d, mon (the next Monday) ...
    #[arg(long, allow_hyphen_values = true, default_value = "today")]
    pub start: String,
    /// The last day counted (included): a date, +30d, +1m, fri ...
    #[arg(long, allow_hyphen_values = true)]
    pub deadline: String,
    /// mon-fri, mon-sat, mon,wed,fri or all [default: from config]
    #[arg(long)]
    pub working_days: Option<String>,
    /// What a custom goal counts, e.g. "demos".
    #[arg(long, default_value = "")]
    pub unit: String,
    /// Print the new goal and its pace as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct GoalEdit {
    /// A new title.
    #[arg(long)]
    pub title: Option<String>,
    /// A new target: money for revenue, a whole number otherwise.
    #[arg(long, allow_hyphen_values = true)]
    pub target: Option<String>,
    /// A new first day.
    #[arg(long, allow_hyphen_values = true)]
    pub start: Option<String>,
    /// A new last day (included).
    #[arg(long, allow_hyphen_values = true)]
    pub deadline: Option<String>,
    /// New working days: mon-fri, mon-sat, mon,wed,fri or all.
    #[arg(long)]
    pub working_days: Option<String>,
    /// A new unit for a custom goal, e.g. "demos".
    #[arg(long)]
    pub unit: Option<String>,
}

#[derive(serde::Serialize)]
struct GoalJson<'a> {
    #[serde(flatten)]
    goal: &'a Goal,
    pace: PaceJson<'a>,
    /// Done plus the open deals' weighted value closing by the deadline, and coverage;
    /// absent for metrics the pipeline does not forecast (contacts, custom).
    #[serde(skip_serializing_if = "Option::is_none")]
    pipeline: Option<crate::domain::forecast::PipelineForecast>,
}

/// The pace with its shares also as fractions (0.3 for 300 per mille), beside the integers.
#[derive(serde::Serialize)]
struct PaceJson<'a> {
    #[serde(flatten)]
    pace: &'a Pace,
    done_fraction: f64,
    time_elapsed_fraction: f64,
}

impl<'a> GoalJson<'a> {
    fn new(goal: &'a Goal, pace: &'a Pace) -> Self {
        let fraction = |permille| permille_as_fraction(Some(permille)).unwrap_or_default();
        let pace = PaceJson {
            pace,
            done_fraction: fraction(pace.done_permille),
            time_elapsed_fraction: fraction(pace.time_permille),
        };
        Self { goal, pace, pipeline: None }
    }
}

pub fn run(command: &GoalCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        GoalCommand::Add(fields) => add(&mut store, fields, env),
        GoalCommand::List { all, json } => list(&store, *all, *json, env),
        GoalCommand::Show { id, json } => show(&store, *id, *json, env),
        GoalCommand::Edit { id, fields } => edit(&mut store, *id, fields, env),
        GoalCommand::Archive { id } => {
            store.set_goal_archived(*id, true)?;
            outln!("Goal #{id} archived");
            Ok(())
        }
        GoalCommand::Log { id, amount, date, note } => {
            let goal = store.goal(*id)?;
            let value = parse_metric_amount(goal.metric, amount, "amount", env.config.currency.separators)?;
            let on = parse_happened(date, env.today, "date")?;
            store.add_goal_entry(*id, on, value, note)?;
            outln!(
                "Logged {} on {} to goal #{id}",
                goal.format_amount(value, &env.config.currency),
                env.config.format_date(on)
            );
            Ok(())
        }
    }
}

fn add(store: &mut Store, f: &GoalFields, env: &Env) -> Result<()> {
    let metric = Metric::parse(&f.metric).map_err(|e| crate::domain::FieldError::new("metric", e))?;
    let goal = NewGoal {
        title: f.title.clone(),
        metric,
        unit: f.unit.clone(),
        target: parse_metric_amount(metric, &f.target, "target", env.config.currency.separators)?,
        start_on: parse_date(&f.start, env.today).context("start")?,
        deadline_on: parse_date(&f.deadline, env.today).context("deadline")?,
        working_days: match &f.working_days {
            Some(text) => WorkingDays::parse(text)?,
            None => env.config.working_days,
        },
    };
    let id = store.add_goal(&goal)?;
    if f.json {
        let goal = store.goal(id)?;
        let pace = pace::compute(&goal.window(), &store.goal_daily(&goal)?, env.today);
        return print_json(&GoalJson::new(&goal, &pace));
    }
    outln!("Added goal #{id}: {}", one_line(&goal.title));
    Ok(())
}

fn edit(store: &mut Store, id: i64, f: &GoalEdit, env: &Env) -> Result<()> {
    let goal = store.goal(id)?;
    let updated = NewGoal {
        title: f.title.clone().unwrap_or(goal.title.clone()),
        metric: goal.metric,
        unit: f.unit.clone().unwrap_or(goal.unit.clone()),
        target: match &f.target {
            Some(t) => parse_metric_amount(goal.metric, t, "target", env.config.currency.separators)?,
            None => goal.target,
        },
        start_on: match &f.start {
            Some(t) => parse_date(t, env.today).context("start")?,
            None => goal.start_on,
        },
        deadline_on: match &f.deadline {
            Some(t) => parse_date(t, env.today).context("deadline")?,
            None => goal.deadline_on,
        },
        working_days: match &f.working_days {
            Some(t) => WorkingDays::parse(t)?,
            None => goal.working_days,
        },
    };
    store.update_goal(id, &updated)?;
    outln!("Goal #{id} updated");
    Ok(())
}

fn list(store: &Store, all: bool, json: bool, env: &Env) -> Result<()> {
    let goals = store.goals(all)?;
    let paces: Vec<Pace> = goals
        .iter()
        .map(|g| Ok(pace::compute(&g.window(), &store.goal_daily(g)?, env.today)))
        .collect::<Result<_>>()?;
    if json {
        let items: Vec<GoalJson> = goals.iter().zip(&paces).map(|(goal, pace)| GoalJson::new(goal, pace)).collect();
        return print_json(&items);
    }
    if goals.is_empty() {
        outln!(
            "No goals yet. Add one: salescoach goal add --title \"Q4 revenue\" --metric revenue --target 30000 --deadline +30d"
        );
    }
    for (goal, pace) in goals.iter().zip(&paces) {
        outln!(
            "#{:<4} {} {:>4}%  {:<11} {}",
            goal.id,
            pad(&one_line(&goal.title), 32),
            pace.done_permille / 10,
            pace.status.label(),
            pace_summary(goal, pace, &env.config.currency)
        );
    }
    Ok(())
}

fn show(store: &Store, id: i64, json: bool, env: &Env) -> Result<()> {
    let goal = store.goal(id)?;
    let pace = pace::compute(&goal.window(), &store.goal_daily(&goal)?, env.today);
    let pipeline = store.goal_pipeline(&goal, pace.done, env.today)?;
    if json {
        return print_json(&GoalJson { pipeline, ..GoalJson::new(&goal, &pace) });
    }
    outln!("#{} {} ({})", goal.id, one_line(&goal.title), goal.metric.label());
    let (currency, date_format) = (&env.config.currency, &env.config.date_format);
    let mut lines = explain_pace(&goal, &pace, currency, date_format);
    if let Some(p) = &pipeline {
        lines.extend(explain_pipeline(&goal, p, currency, date_format));
    }
    for line in lines {
        outln!("  {}: {}", line.label, line.value);
        outln!("      {}", line.how);
    }
    Ok(())
}
