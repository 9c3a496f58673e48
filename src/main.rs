//! The binary: parse the command line, then run one command or the TUI.
#![forbid(unsafe_code)]

use clap::Parser;
use salescoach::cli::{self, Cli, Env};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = Env::from_cli(&cli, chrono::Local::now().date_naive()).and_then(|env| match &cli.command {
        Some(command) => cli::run(command, &env),
        None => salescoach::tui::run(&env),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // One line, with the context chain: "cannot open x.db: permission denied".
            eprintln!("salescoach: {}", salescoach::domain::text::one_line(&format!("{err:#}")));
            ExitCode::from(cli::exit_code_for(&err))
        }
    }
}
