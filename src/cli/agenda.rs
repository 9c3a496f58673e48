//! `salescoach agenda [--days N] [--json]`: open follow-ups per day from today, with a bar
//! per day and the heavy days marked, so a crowded day is seen coming.

use super::{Env, print_json};
use crate::domain::agenda::{Agenda, DEFAULT_DAYS, MAX_DAYS, bar};
use crate::domain::text::counted;
use anyhow::Result;
use chrono::Days;
use clap::Args;

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// How many days from today, 1 to 92.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_DAYS)))]
    pub days: u32,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The widest bar, in cells.
const BAR: usize = 30;

pub fn run(args: &AgendaArgs, env: &Env) -> Result<()> {
    let store = env.open_store()?;
    let last = env.today.checked_add_days(Days::new(u64::from(args.days - 1))).unwrap_or(env.today);
    let (overdue, counts) = store.agenda_counts(env.today, last)?;
    let agenda = Agenda::build(env.today, args.days, overdue, &counts, env.config.working_days);
    if args.json {
        return print_json(&agenda);
    }
    outln!(
        "Next {}: {} open{}",
        counted(i64::from(args.days), "day", "days"),
        counted(agenda.total as i64, "follow-up", "follow-ups"),
        if overdue > 0 { format!(", and {overdue} overdue to clear first") } else { String::new() }
    );
    let max = agenda.days.iter().map(|d| d.count).max().unwrap_or(0);
    for day in &agenda.days {
        let label = match (day.date - env.today).num_days() {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            _ => String::new(),
        };
        let day_name = day.date.format("%a %-d %b").to_string();
        let mut line = format!("{day_name:<10} {label:<8} {:>4}", day.count);
        let notes = [
            bar(day.count, max, BAR),
            (if day.heavy { "heavy" } else { "" }).into(),
            (if day.working { "" } else { "day off" }).into(),
        ];
        for note in notes.iter().filter(|n| !n.is_empty()) {
            line.push(' ');
            line.push_str(note);
        }
        outln!("{line}");
    }
    if let Some(busiest) = agenda.busiest().filter(|d| d.heavy) {
        outln!(
            "\nBusiest: {} with {}; move a few to a quieter day (salescoach followup snooze ID DATE).",
            busiest.date.format("%A %-d %B"),
            counted(busiest.count as i64, "follow-up", "follow-ups")
        );
    }
    Ok(())
}
