//! The binary: parse the command line, then run one command or the TUI.
#![forbid(unsafe_code)]

use clap::Parser;
use salescoach::cli::{self, Cli, Env};
use salescoach::domain::text::one_line;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_failure(&err),
    };
    let env = match Env::from_cli(&cli, chrono::Local::now().date_naive()) {
        Ok(env) => env,
        Err(err) => return failure(&err, None),
    };
    let result = match &cli.command {
        Some(command) => cli::run(command, &env),
        None => salescoach::tui::run(&env),
    };
    match result {
        Ok(()) => {
            cli::after_command(&env);
            ExitCode::SUCCESS
        }
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        // TERM, HUP or INT ended the TUI, the terminal restored: the shell's 128 + n, quietly.
        Err(err) if salescoach::tui::signal_exit_status(&err).is_some() => {
            ExitCode::from(salescoach::tui::signal_exit_status(&err).unwrap_or(1))
        }
        Err(err) => failure(&err, Some(&env.db_path)),
    }
}

/// One line, with the context chain ("cannot open x.db: permission denied"); SQLite's
/// own failures are put in words naming the cause and what to do.
fn failure(err: &anyhow::Error, db: Option<&std::path::Path>) -> ExitCode {
    let text = db.and_then(|db| salescoach::store::errors::explain(err, db)).unwrap_or_else(|| format!("{err:#}"));
    eprintln!("salescoach: {}", one_line(&text));
    ExitCode::from(cli::exit_code_for(err))
}

/// clap's own errors in one line naming the argument (its tips and usage block dropped,
/// control characters from the arguments neutralised); help and version print as usual.
fn usage_failure(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::from(if err.use_stderr() { 2 } else { 0 })
        }
        _ => {
            // The message is the paragraph before the usage block; required arguments
            // follow its first line, indented.
            let rendered = err.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .skip_while(|l| l.trim().is_empty())
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            let message = message.join(" ");
            let message = message.trim_start_matches("error: ");
            eprintln!("salescoach: {}; see salescoach --help", one_line(message));
            ExitCode::from(2)
        }
    }
}
