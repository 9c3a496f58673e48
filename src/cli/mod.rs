//! The command line: clap definitions and one small file per command family.

/// `println!` into the output buffer (`output.rs`) that returns an error instead of
/// panicking when stdout is closed (`salescoach today | head`); `main` turns a broken pipe
/// into a quiet exit.
macro_rules! outln {
    ($($arg:tt)*) => {{
        $crate::cli::output::write_fmt(format_args!("{}\n", format_args!($($arg)*)))?
    }};
}

/// `print!` with the same buffer and broken-pipe handling as `outln!`.
macro_rules! out {
    ($($arg:tt)*) => {{
        $crate::cli::output::write_fmt(format_args!($($arg)*))?
    }};
}

mod agenda;
pub mod calendar;
mod care;
mod coach;
mod config_cmd;
mod customer;
mod deal;
mod deal_stage;
mod demo;
mod edits;
mod export;
mod followup;
mod forecast;
mod goal;
mod import;
mod import_dump;
mod interaction;
mod knowledge;
mod objections;
pub mod output;
mod period;
mod playbook;
mod retry;
mod safety;
mod sale;
mod segments;
mod shell;
mod technique_groups;
mod technique_table;
mod today;
mod today_json;
mod undo;
pub mod vcard;

use crate::config::{self, Config};
use crate::domain::date_input::parse_date;
use crate::store::Store;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  salescoach                      open the app (offers demo data on an empty database)
  salescoach demo                 load the demo business into an empty database
  salescoach today                print today's checklist
  salescoach today --json         the same, as JSON for scripts
  salescoach sale add --customer Marta --product beans --amount 115
  salescoach log call --customer \"Corner Grind\" --outcome won --technique \"Live demo\"
  salescoach goal add --title \"December revenue\" --metric revenue --target 30000 \\
                      --start 2026-12-01 --deadline 2026-12-31
  salescoach goal list            every active goal with its pace
  salescoach undo                 take back the latest change (salescoach redo makes it again)
  salescoach --db ~/test.db demo --scale 100000
                                  a large synthetic data set for trying and benchmarking

Exit codes: 0 ok, 1 runtime error, 2 bad usage or input.";

#[derive(Debug, Parser)]
#[command(name = "salescoach", version, about = "An offline terminal sales coach", after_help = EXAMPLES)]
pub struct Cli {
    /// Database file [default: the platform data folder]
    #[arg(long, global = true, env = "SALESCOACH_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Config file [default: config.toml in the platform config folder]
    #[arg(long, global = true, env = "SALESCOACH_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Pretend today is this date (for demos and tests).
    #[arg(long, global = true, env = "SALESCOACH_TODAY", value_name = "DATE", hide = true)]
    pub today: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the demo business (or a synthetic data set with --scale) into an empty database.
    Demo(demo::DemoArgs),
    /// Print today's checklist: overdue follow-ups first, then today's.
    Today(today::TodayArgs),
    /// Open follow-ups per day for the next 14 days (--days N), heavy days marked.
    Agenda(agenda::AgendaArgs),
    /// Goals with deadlines and their pace.
    #[command(subcommand)]
    Goal(goal::GoalCommand),
    /// The sales log: add, refund, list.
    #[command(subcommand)]
    Sale(sale::SaleCommand),
    /// Log an interaction: salescoach log call --customer Marta --outcome won --technique "Live demo"
    Log(sale::LogArgs),
    /// Take back the latest change, a whole action at a time: salescoach undo [--list]
    #[command(after_help = undo::UNDO_EXAMPLES)]
    Undo(undo::UndoArgs),
    /// Make the latest undone change again: salescoach redo
    Redo(undo::RedoArgs),
    /// Customers: add, list, show, edit, archive, restore, delete, segment cadence.
    #[command(subcommand)]
    Customer(customer::CustomerCommand),
    /// Follow-ups: add, list, done, reopen, snooze, reschedule, cancel.
    #[command(subcommand)]
    Followup(followup::FollowupCommand),
    /// Record a satisfaction score 0-10: salescoach rate Marta 9 --comment "Great service"
    Rate(care::RateArgs),
    /// Satisfaction scores: edit (record one with `rate`).
    #[command(subcommand)]
    Score(care::ScoreCommand),
    /// The pipeline: deals with stages; add, list, show, move, won, lost, edit, stages.
    #[command(subcommand)]
    Deal(deal::DealCommand),
    /// What open deals should bring each goal by its deadline, and the pipeline's coverage.
    Forecast(forecast::ForecastArgs),
    /// Complaints: open, respond, resolve, edit, list.
    #[command(subcommand)]
    Complaint(care::ComplaintCommand),
    /// Products and services: add, list (with card retention and win rate), show, edit, archive.
    #[command(subcommand)]
    Product(knowledge::ProductCommand),
    /// Product notes: add (Q:/A: lines become flashcards), list, show, edit, delete.
    #[command(subcommand)]
    Note(knowledge::NoteCommand),
    /// Search notes, products and customers: salescoach search lever pro
    Search(knowledge::SearchArgs),
    /// Flashcards: due, review, add, edit.
    #[command(subcommand)]
    Cards(knowledge::CardsCommand),
    /// Quotes, tips and resources: today, list, add, done, favourite, hide, delete.
    #[command(subcommand)]
    Motivation(coach::MotivationCommand),
    /// Your selling techniques: list, add, rename, archive, restore.
    #[command(subcommand)]
    Technique(coach::TechniqueCommand),
    /// Win rate per technique with its 95% interval, and why deals were lost (12 months).
    Techniques {
        /// Judge the techniques within each customer group instead: segment or industry.
        #[arg(long)]
        by: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Objections: how often each comes up (by segment), your win rate when it does, and the
    /// technique or response that converts it best: salescoach objections --from 2026-01-01
    Objections(objections::ObjectionsArgs),
    /// Playbook cards for a technique, objections, or a customer's segment's usual objections:
    /// salescoach playbook --technique "Live demo" --customer Marta
    Playbook(playbook::PlaybookArgs),
    /// Results by demographic: segments [--by segment|industry|region|tag|product] [--from D --to D]
    Segments(segments::SegmentsArgs),
    /// What the coach sees: rules that fired, with their numbers and one action each.
    Insights {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The week's or month's review in Markdown: salescoach report --period month --out review.md
    Report(coach::ReportArgs),
    /// Loyalty, satisfaction, complaint and follow-up figures.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// A verified copy of the database (safe while the app is open): backup [PATH] | backup list
    Backup(safety::BackupArgs),
    /// Put a backup in place of the database, keeping the current one as a backup first.
    Restore(safety::RestoreArgs),
    /// Check the database for damage (integrity and references); exit 1 when damaged.
    Check(safety::CheckArgs),
    /// Export: everything as JSON, each table as CSV, follow-ups as iCalendar, customers as vCard.
    Export(export::ExportArgs),
    /// Import CSV (customers, products, sales, interactions, followups), vCards, or restore a
    /// JSON export or CSV export folder.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// The interaction log: list.
    #[command(subcommand)]
    Interaction(interaction::InteractionCommand),
    /// The config file: path (where it is), show (every key in force), init (write a commented one).
    #[command(subcommand)]
    Config(config_cmd::ConfigCommand),
    /// Print a completion script: salescoach completions bash > ~/.local/share/bash-completion/completions/salescoach
    Completions(shell::CompletionsArgs),
    /// Print the man page (roff): salescoach man > ~/.local/share/man/man1/salescoach.1
    Man,
}

/// Bad input from the person at the keyboard: exits with code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Exit code for an error: 2 when the input was at fault, 1 otherwise.
pub fn exit_code_for(err: &anyhow::Error) -> u8 {
    let is_input = err.chain().any(|cause| {
        cause.is::<UsageError>()
            || cause.is::<crate::domain::FieldError>()
            || cause.is::<crate::domain::money::MoneyError>()
            || cause.is::<crate::domain::date_input::DateError>()
            || cause.is::<clap::Error>()
            || cause.is::<crate::store::errors::Refused>()
    });
    if is_input { 2 } else { 1 }
}

/// Everything a command needs: the settings, the day it runs for, and how to open the store.
pub struct Env {
    pub config: Config,
    pub today: NaiveDate,
    /// `--today` was given: the app keeps that date instead of following the clock.
    pub today_overridden: bool,
    pub db_path: PathBuf,
    /// The config file in use (it may not exist); `None` without a home folder.
    pub config_path: Option<PathBuf>,
    /// Said on stderr once the command is done: the file it read was damaged.
    damage_note: std::cell::RefCell<Option<String>>,
}

impl Env {
    pub fn from_cli(cli: &Cli, clock_today: NaiveDate) -> Result<Self> {
        // A path the user names must exist: a typo would otherwise run on defaults or start
        // an empty business in a new folder. The default locations are created as needed.
        // `config init` is how a named config file comes to exist.
        let creating = matches!(cli.command, Some(Command::Config(config_cmd::ConfigCommand::Init)));
        if let Some(path) = cli.config.as_ref().filter(|p| !p.exists() && !creating) {
            return Err(UsageError(format!("--config: {} does not exist", path.display())).into());
        }
        if let Some(dir) = cli.db.as_ref().and_then(|p| p.parent()).filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
        {
            return Err(UsageError(format!("--db: folder {} does not exist; create it first", dir.display())).into());
        }
        let config_path = cli.config.clone().or_else(config::default_config_path);
        let config = match &config_path {
            // `config path` and `config init` work beside a broken file: they help fix it.
            Some(path) if matches!(&cli.command, Some(Command::Config(c)) if c.tolerates_a_broken_file()) => {
                Config::load(path).unwrap_or_default()
            }
            Some(path) => Config::load(path).map_err(|e| UsageError(format!("config: {e:#}")))?,
            None => Config::default(),
        };
        let today = match &cli.today {
            Some(text) => parse_date(text, clock_today).context("--today")?,
            None => clock_today,
        };
        let db_path = match &cli.db {
            Some(path) => path.clone(),
            None => config::default_db_path()?,
        };
        Ok(Self {
            config,
            today,
            today_overridden: cli.today.is_some(),
            db_path,
            config_path,
            damage_note: Default::default(),
        })
    }

    /// Opens the store. Reading a damaged file still works, but once the command is done
    /// stderr says so, so nobody mistakes its figures for sound ones.
    pub fn open_store(&self) -> Result<Store> {
        let store = Store::open(&self.db_path)?;
        if let crate::store::Health::Damaged(problem) = store.health() {
            *self.damage_note.borrow_mut() = Some(format!(
                "warning: {} is damaged ({problem}): what was shown may be wrong or incomplete, and writes are refused; {}",
                self.db_path.display(),
                crate::store::backup::recovery_hint(&self.db_path)
            ));
        }
        Ok(store)
    }
}

/// Runs a subcommand. `None` (no subcommand) is the TUI, handled by the caller.
/// Runs one command; what it printed is flushed whether it succeeded or not.
pub fn run(command: &Command, env: &Env) -> Result<()> {
    let result = dispatch(command, env);
    let flushed = output::flush();
    result?;
    Ok(flushed?)
}

fn dispatch(command: &Command, env: &Env) -> Result<()> {
    match command {
        Command::Demo(args) => demo::run(args, env),
        Command::Today(args) => today::run(args, env),
        Command::Agenda(args) => agenda::run(args, env),
        Command::Goal(command) => goal::run(command, env),
        Command::Sale(command) => sale::run(command, env),
        Command::Log(args) => sale::log(args, env),
        Command::Undo(args) => undo::undo(args, env),
        Command::Redo(args) => undo::redo(args, env),
        Command::Customer(command) => customer::run(command, env),
        Command::Followup(command) => followup::run(command, env),
        Command::Rate(args) => care::rate(args, env),
        Command::Score(command) => care::score(command, env),
        Command::Deal(command) => deal::run(command, env),
        Command::Forecast(args) => forecast::run(args, env),
        Command::Complaint(command) => care::complaint(command, env),
        Command::Stats { json } => care::stats(*json, env),
        Command::Product(command) => knowledge::product(command, env),
        Command::Note(command) => knowledge::note(command, env),
        Command::Search(args) => knowledge::search(args, env),
        Command::Cards(command) => knowledge::cards(command, env),
        Command::Motivation(command) => coach::motivation(command, env),
        Command::Techniques { by: Some(by), json } => technique_groups::run(by, *json, env),
        Command::Techniques { by: None, json } => coach::techniques(*json, env),
        Command::Technique(command) => coach::technique(command, env),
        Command::Objections(args) => objections::run(args, env),
        Command::Playbook(args) => playbook::run(args, env),
        Command::Segments(args) => segments::run(args, env),
        Command::Insights { json } => coach::insights(*json, env),
        Command::Report(args) => coach::report(args, env),
        Command::Backup(args) => safety::backup(args, env),
        Command::Restore(args) => safety::restore(args, env),
        Command::Check(args) => safety::check(args, env),
        Command::Export(args) => export::run(args, env),
        Command::Import(command) => import::run(command, env),
        Command::Interaction(command) => interaction::run(command, env),
        Command::Config(command) => config_cmd::run(command, env),
        Command::Completions(args) => shell::completions(args),
        Command::Man => shell::man(),
    }
}

/// After a command succeeded: the day's automatic backup, if it wrote.
pub fn after_command(env: &Env) {
    if let Some(note) = env.damage_note.borrow_mut().take() {
        eprintln!("salescoach: {}", crate::domain::text::one_line(&note));
    }
    safety::daily_backup(env);
}

/// A date for something that happened (see `domain::date_input::parse_happened`).
pub fn past_date(text: &str, env: &Env, field: &'static str) -> Result<NaiveDate> {
    Ok(crate::domain::date_input::parse_happened(text, env.today, field)?)
}

/// Prints `value` as pretty JSON on stdout.
pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
    crate::domain::safe_json::write_pretty(output::Out, value)?;
    output::write_all(b"\n")?;
    Ok(())
}

/// The reader went away (`| head`): not an error worth a message.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}
