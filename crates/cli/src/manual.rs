//! `newsie completions` and `newsie man`: shell completion scripts and the
//! manual page, both built from the clap definitions in `args.rs`, so they
//! never fall behind the options.

use crate::args::Cli;
use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> Result<ExitCode> {
    let mut command = Cli::command();
    let name = command.get_name().to_owned();
    // Into memory first: clap_complete panics on a write error, and a
    // closed pipe (`| head`) must end quietly, as everywhere else.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    print(&script)
}

/// Prints the manual page, in roff.
pub fn man() -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .context("cannot build the manual page")?;
    print(&page)
}

fn print(bytes: &[u8]) -> Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
