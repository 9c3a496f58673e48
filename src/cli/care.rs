//! `salescoach rate`, `salescoach complaint open|respond|resolve|list`, `salescoach stats`

use super::{Env, print_json};
use crate::domain::FieldError;
use crate::domain::care::{NewComplaint, NewScore, Severity, bucket};
use crate::domain::date_input::parse_happened;
use crate::domain::figures::{permille_as_fraction, show_permille, tenths_as_decimal};
use crate::domain::text::{one_line, pad};
use crate::store::{Named, Stats};
use anyhow::Result;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct RateArgs {
    /// Name (or part of it), company, or #id.
    pub customer: String,
    /// 0-10; 0-6 opens a concern to handle within 48 hours.
    #[arg(allow_negative_numbers = true)]
    pub score: String,
    /// What they said, kept with the score.
    #[arg(long, default_value = "")]
    pub comment: String,
    /// The sale the score is about, by id (`sale list`).
    #[arg(long)]
    pub sale: Option<i64>,
    /// The day they gave it: a date, today, yesterday, mon (the most recent Monday) ...
    #[arg(long, default_value = "today", allow_hyphen_values = true)]
    pub date: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub key: super::retry::IdKey,
}

#[derive(Debug, Subcommand)]
pub enum ComplaintCommand {
    /// Open a complaint: it tops the checklist until resolved.
    Open {
        /// Name (or part of it), company, or #id.
        #[arg(long)]
        customer: String,
        /// low, medium, high or critical
        #[arg(long, default_value = "medium")]
        severity: String,
        /// What went wrong, in a line.
        #[arg(long)]
        summary: String,
        /// The sale it is about, by id (`sale list`).
        #[arg(long)]
        sale: Option<i64>,
        /// The day it was raised: a date, today, yesterday, mon (the most recent Monday) ...
        #[arg(long, default_value = "today", allow_hyphen_values = true)]
        date: String,
        #[command(flatten)]
        key: super::retry::IdKey,
    },
    /// Record the first response.
    Respond {
        /// The complaint's id, as `today` and `complaint list` show it.
        id: i64,
        /// The day you responded: a date, today, yesterday, mon (the most recent Monday) ...
        #[arg(long, default_value = "today", allow_hyphen_values = true)]
        date: String,
    },
    /// Close a complaint with what was done about it.
    Resolve {
        /// The complaint's id, as `today` and `complaint list` show it.
        id: i64,
        /// How it was put right, in a line.
        #[arg(long)]
        resolution: String,
        /// The day it was resolved: a date, today, yesterday, mon ...
        #[arg(long, default_value = "today", allow_hyphen_values = true)]
        date: String,
    },
    /// Change a complaint's severity, summary, or (once resolved) its resolution.
    Edit {
        /// The complaint's id, as `today` and `complaint list` show it.
        id: i64,
        /// low, medium, high or critical
        #[arg(long)]
        severity: Option<String>,
        /// What went wrong, in a line.
        #[arg(long)]
        summary: Option<String>,
        /// How it was put right (a resolved complaint only).
        #[arg(long)]
        resolution: Option<String>,
    },
    /// Open complaints (--all for every one).
    List {
        /// Include resolved complaints.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum ScoreCommand {
    /// Change a score's number or comment: salescoach score edit 4 --score 8 (ids in customer show)
    Edit {
        /// The score's id, as `customer show` lists it.
        id: i64,
        /// 0 to 10
        #[arg(long)]
        score: Option<u8>,
        /// What they said.
        #[arg(long)]
        comment: Option<String>,
    },
}

pub fn score(command: &ScoreCommand, env: &Env) -> Result<()> {
    let ScoreCommand::Edit { id, score, comment } = command;
    let mut store = env.open_store()?;
    let old = store.score(*id)?;
    store.update_score(*id, score.unwrap_or(old.score), comment.as_deref().unwrap_or(&old.comment))?;
    outln!("Score #{id} updated");
    Ok(())
}

pub fn rate(args: &RateArgs, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    if args.key.already_recorded(&mut store, "rate", args.json)? {
        return Ok(());
    }
    let score = match args.score.trim().parse::<u8>() {
        Ok(n) if n <= 10 => n,
        _ => {
            return Err(FieldError::new("score", format!("'{}' is not a whole number from 0 to 10", args.score)).into());
        }
    };
    let rated = store.rate(&NewScore {
        customer_id: store.resolve(Named::Customer, &args.customer)?,
        sale_id: args.sale,
        score,
        comment: args.comment.clone(),
        rated_on: parse_happened(&args.date, env.today, "date")?,
    })?;
    if args.json {
        return print_json(&rated);
    }
    outln!("Score {score} ({}) saved", bucket(score));
    if let Some(id) = rated.concern_id {
        outln!("Concern #{id} opened: handle it within 48 hours");
    }
    Ok(())
}

pub fn complaint(command: &ComplaintCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        ComplaintCommand::Open { customer, severity, summary, sale, date, key } => {
            if key.already_recorded(&mut store, "complaint open", false)? {
                return Ok(());
            }
            let id = store.open_complaint(&NewComplaint {
                customer_id: store.resolve(Named::Customer, customer)?,
                sale_id: *sale,
                severity: Severity::parse(severity).map_err(|e| FieldError::new("severity", e))?,
                summary: summary.clone(),
                opened_on: parse_happened(date, env.today, "date")?,
            })?;
            outln!("Complaint #{id} opened");
        }
        ComplaintCommand::Respond { id, date } => {
            store.respond_to_complaint(*id, parse_happened(date, env.today, "date")?)?;
            outln!("Complaint #{id}: response recorded");
        }
        ComplaintCommand::Resolve { id, resolution, date } => {
            store.resolve_complaint(*id, parse_happened(date, env.today, "date")?, resolution)?;
            outln!("Complaint #{id} resolved");
        }
        ComplaintCommand::Edit { id, severity, summary, resolution } => {
            let old = store.complaint(*id)?;
            let severity = match severity {
                Some(s) => Severity::parse(s).map_err(|e| FieldError::new("severity", e))?,
                None => old.severity,
            };
            store.update_complaint(*id, severity, summary.as_deref().unwrap_or(&old.summary), resolution.as_deref())?;
            outln!("Complaint #{id} updated");
        }
        ComplaintCommand::List { all, json } => {
            let list = if *all { store.complaints(None)? } else { store.open_complaints()? };
            if *json {
                return print_json(&list);
            }
            for k in list {
                let state =
                    k.resolved_on.map_or("open".to_string(), |d| format!("resolved {}", env.config.format_date(d)));
                outln!(
                    "#{:<5} {} {} [{}] {} ({state})",
                    k.id,
                    env.config.format_date(k.opened_on),
                    pad(&one_line(&k.customer), 22),
                    k.severity.label(),
                    one_line(&k.summary)
                );
            }
        }
    }
    Ok(())
}

/// `stats --json`: the stored figures (per mille, tenths) and, beside them, the readings a
/// script would guess: rates as fractions (0.885) and the average score with one decimal.
#[derive(serde::Serialize)]
struct StatsJson<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    repeat_business_rate: Option<f64>,
    average_satisfaction: Option<f64>,
    complainants_bought_again_rate: Option<f64>,
    followups_on_time_this_week_rate: Option<f64>,
}

impl<'a> StatsJson<'a> {
    fn new(stats: &'a Stats) -> Self {
        Self {
            stats,
            repeat_business_rate: permille_as_fraction(stats.repeat_business_permille),
            average_satisfaction: tenths_as_decimal(stats.average_score_tenths),
            complainants_bought_again_rate: permille_as_fraction(stats.complainants_bought_again_permille),
            followups_on_time_this_week_rate: permille_as_fraction(stats.followups_on_time_this_week_permille),
        }
    }
}

pub fn stats(json: bool, env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let s = store.stats(env.today, env.config.week_starts_monday)?;
    if json {
        return print_json(&StatsJson::new(&s));
    }
    let days = |v: Option<i64>| v.map_or("n/a".to_string(), |d| crate::domain::text::counted(d, "day", "days"));
    outln!("Quality figures, {} to {}", s.from, s.to);
    outln!("  Repeat-business rate          {}", show_permille(s.repeat_business_permille));
    outln!("  Median days to reorder        {}", days(s.median_days_to_reorder));
    outln!(
        "  NPS                           {}",
        s.nps.map_or("n/a".into(), |n| format!(
            "{} ({} promoters, {} passives, {} detractors)",
            n.score, n.promoters, n.passives, n.detractors
        ))
    );
    outln!(
        "  Average satisfaction          {}",
        s.average_score_tenths.map_or("n/a".into(), |t| format!("{}.{} / 10", t / 10, t % 10))
    );
    outln!("  Median time to first response {}", days(s.median_days_to_first_response));
    outln!("  Median time to resolution     {}", days(s.median_days_to_resolve));
    outln!("  Complainants who bought again {}", show_permille(s.complainants_bought_again_permille));
    outln!("  Follow-ups on time this week  {}", show_permille(s.followups_on_time_this_week_permille));
    outln!("  Median days overdue           {}", days(s.median_days_overdue));
    Ok(())
}
