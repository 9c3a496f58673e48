//! `salescoach completions SHELL` and `salescoach man`: generated from the clap definitions,
//! so they cannot drift from the commands.

use super::Cli;
use anyhow::Result;
use clap::{Args, CommandFactory};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(args: &CompletionsArgs) -> Result<()> {
    let mut command = <Cli as CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "salescoach", &mut script);
    super::output::write_all(&script)?;
    Ok(())
}

pub fn man() -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(<Cli as CommandFactory>::command()).render(&mut page)?;
    super::output::write_all(&page)?;
    Ok(())
}
