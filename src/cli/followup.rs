//! `salescoach followup add|list|done|reopen|snooze|reschedule|cancel`

use super::{Env, print_json};
use crate::domain::FieldError;
use crate::domain::date_input::{Towards, not_in_past, parse_date, parse_happened, read_date};
use crate::domain::followup::{FollowupKind, NewFollowup, RecurFrom, RecurUnit, Recurrence, describe_due, plan_snooze};
use crate::domain::sale::{InteractionKind, NewInteraction, Outcome};
use crate::domain::text::{Column, lay_out, one_line};
use crate::store::Named;
use anyhow::{Context, Result};
use chrono::Days;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum FollowupCommand {
    /// Plan a follow-up: salescoach followup add --customer Marta --due fri --reason "Send quote"
    Add(FollowupFields),
    /// Open follow-ups due within --days (default 14; overdue always included).
    List {
        /// How many days ahead to look (0 to 36500).
        #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u64).range(0..=36500), allow_negative_numbers = true)]
        days: u64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Mark done; --log records the interaction, --next schedules the next touch.
    Done {
        /// The follow-up's id, as `today` and `followup list` show it.
        id: i64,
        /// Log what you did: call, email, meeting, demo, visit or message
        #[arg(long)]
        log: Option<String>,
        /// The logged interaction's outcome: won, lost, pending or none (with --log).
        #[arg(long, default_value = "none", requires = "log")]
        outcome: String,
        /// A note on the logged interaction (with --log).
        #[arg(long, default_value = "", requires = "log")]
        note: String,
        /// Plan the next touch on this day (today or later): fri, +2w, 2026-12-01 ...
        #[arg(long, allow_hyphen_values = true)]
        next: Option<String>,
        /// The day it was done: a date, today, yesterday, mon (the most recent Monday) ...
        #[arg(long, default_value = "today", allow_hyphen_values = true)]
        date: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        key: super::retry::IdKey,
    },
    /// Undo a completion or cancellation (a next follow-up already scheduled stays).
    Reopen {
        /// The follow-up's id.
        id: i64,
    },
    /// Move to a later day (never earlier: that is reschedule). An offset landing on a day
    /// off moves to the next working day; a day you name is kept, with a note.
    Snooze {
        /// The follow-up's id, as `today` and `followup list` show it.
        id: i64,
        /// The new day: +1d, +3d, mon, next mon, 2026-12-01 …
        until: String,
    },
    /// Move to any day, earlier ones included.
    Reschedule {
        /// The follow-up's id, as `today` and `followup list` show it.
        id: i64,
        /// The new day, earlier or later: a date, +3d, -1d, mon …
        #[arg(allow_hyphen_values = true)]
        to: String,
    },
    /// Change an open follow-up's plan: salescoach followup edit 31 --due fri --time 10:00 --reason "Call back"
    Edit(super::edits::FollowupEdit),
    /// Cancel a follow-up: it leaves the checklist and no next one is planned.
    Cancel {
        /// The follow-up's id.
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct FollowupFields {
    /// Name (or part of it), company, or #id.
    #[arg(long)]
    pub customer: String,
    /// The day it is due: fri, +3d, tomorrow, 2026-12-01 …
    #[arg(long, allow_hyphen_values = true)]
    pub due: String,
    /// A time of day, 24-hour HH:MM
    #[arg(long, allow_hyphen_values = true)]
    pub time: Option<String>,
    /// checkin, quote, complaint, stay_in_touch, reorder or other
    #[arg(long, default_value = "other")]
    pub kind: String,
    /// What it is about, e.g. "Send the quote".
    #[arg(long, default_value = "")]
    pub reason: String,
    /// Repeat every N units.
    #[arg(long, allow_negative_numbers = true)]
    pub every: Option<u32>,
    /// day, week or month
    #[arg(long, default_value = "week")]
    pub unit: String,
    /// Recur from the due date (due) or from completion (completion).
    #[arg(long, default_value = "due")]
    pub from: String,
    /// The open deal it is about, by id (`deal list`).
    #[arg(long)]
    pub deal: Option<i64>,
    /// Print the new follow-up as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub key: super::retry::IdKey,
}

pub fn run(command: &FollowupCommand, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    match command {
        FollowupCommand::Add(f) => {
            if f.key.already_recorded(&mut store, "followup add", f.json)? {
                return Ok(());
            }
            let recurrence = f
                .every
                .map(|every| {
                    Ok::<_, FieldError>(Recurrence {
                        every,
                        unit: RecurUnit::parse(&f.unit).map_err(|e| FieldError::new("unit", e))?,
                        from: RecurFrom::parse(&f.from).map_err(|e| FieldError::new("from", e))?,
                    })
                })
                .transpose()?;
            let followup = NewFollowup {
                customer_id: store.resolve(Named::Customer, &f.customer)?,
                kind: FollowupKind::parse(&f.kind).map_err(|e| FieldError::new("kind", e))?,
                reason: f.reason.clone(),
                due_on: parse_date(&f.due, env.today).context("due")?,
                due_time: f
                    .time
                    .as_deref()
                    .map(|t| crate::domain::date_input::parse_time(t).map_err(|e| FieldError::new("time", e)))
                    .transpose()?,
                recurrence,
                sale_id: None,
                complaint_id: None,
                created_on: env.today,
            };
            let id = match f.deal {
                Some(deal) => store.add_deal_followup(deal, &followup)?,
                None => store.add_followup(&followup)?,
            };
            if f.json {
                return print_json(&store.followup(id)?);
            }
            outln!("Planned follow-up #{id} on {}", env.config.format_date(followup.due_on));
            day_off_note(followup.due_on, env)?;
        }
        FollowupCommand::List { days, json } => {
            let until = env.today + Days::new(*days);
            let list = store.open_followups_until(until)?;
            if *json {
                return print_json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|f| {
                    let repeat = f.recurrence.map(|r| format!(" ({})", r.describe())).unwrap_or_default();
                    vec![
                        format!("#{}", f.id),
                        env.config.format_date(f.due_on),
                        f.due_time.as_deref().map(one_line).unwrap_or_default().into_owned(),
                        one_line(&f.customer).into_owned(),
                        f.kind.label().to_string(),
                        format!("{}{repeat}  ({})", one_line(&f.reason), describe_due(f.due_on, env.today)),
                    ]
                })
                .collect();
            let layout = [
                Column::Left { max: 8 },
                Column::Left { max: 10 },
                Column::Left { max: 5 },
                Column::Left { max: 24 },
                Column::Left { max: 14 },
                Column::Left { max: usize::MAX },
            ];
            for line in lay_out(&rows, &layout) {
                outln!("{line}");
            }
        }
        FollowupCommand::Done { id, log, outcome, note, next, date, json, key } => {
            if key.already_recorded(&mut store, "followup done", *json)? {
                return Ok(());
            }
            let followup = store.followup(*id)?;
            let on = parse_happened(date, env.today, "date")?;
            let interaction = log
                .as_deref()
                .map(|kind| {
                    Ok::<_, anyhow::Error>(NewInteraction {
                        customer_id: followup.customer_id,
                        technique_id: None,
                        product_id: None,
                        kind: InteractionKind::parse(kind).map_err(|e| FieldError::new("log", e))?,
                        outcome: Outcome::parse(outcome).map_err(|e| FieldError::new("outcome", e))?,
                        lost_reason: String::new(),
                        happened_on: on,
                        note: note.clone(),
                        objections: Vec::new(),
                        response: String::new(),
                    })
                })
                .transpose()?;
            // The next touch is a plan: today or later, like a snooze.
            let next = next
                .as_deref()
                .map(|n| {
                    Ok::<_, anyhow::Error>(not_in_past(parse_date(n, env.today).context("next")?, env.today, "next")?)
                })
                .transpose()?;
            let done = store.complete_followup(*id, on, interaction.as_ref(), next)?;
            if *json {
                return print_json(&done);
            }
            match done.next_due {
                Some(day) => {
                    outln!(
                        "Follow-up #{id} done; next on {} (#{})",
                        env.config.format_date(day),
                        done.next_id.unwrap_or_default()
                    );
                    day_off_note(day, env)?;
                }
                None => outln!("Follow-up #{id} done"),
            }
        }
        FollowupCommand::Reopen { id } => {
            store.reopen_followup(*id)?;
            outln!("Follow-up #{id} is open again");
        }
        FollowupCommand::Snooze { id, until } => {
            let to = read_date(until, env.today, Towards::Ahead).context("until")?;
            let due = store.followup(*id)?.due_on;
            let snooze = plan_snooze(to, due, env.today, env.config.working_days)?;
            store.snooze_followup(*id, snooze.day)?;
            outln!("Follow-up #{id} snoozed to {}", snooze.day);
            if let Some(note) = snooze.note {
                outln!("  note: {note}");
            }
        }
        FollowupCommand::Reschedule { id, to } => {
            let day = parse_date(to, env.today).context("to")?;
            store.move_followup(*id, day)?;
            outln!("Follow-up #{id} moved to {day}");
        }
        FollowupCommand::Edit(e) => super::edits::followup_edit(e, &mut store, env)?,
        FollowupCommand::Cancel { id } => {
            store.cancel_followup(*id, env.today)?;
            outln!("Follow-up #{id} cancelled");
        }
    }
    Ok(())
}

/// A plan on a day off is kept as given (the seller chose it) but said to be one.
fn day_off_note(day: chrono::NaiveDate, env: &Env) -> Result<()> {
    let named = crate::domain::date_input::ReadDate { date: day, named: true };
    if let (_, Some(note)) = crate::domain::followup::on_working_day(named, env.config.working_days) {
        outln!("  note: {note}");
    }
    Ok(())
}
