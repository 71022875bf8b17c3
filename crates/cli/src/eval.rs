//! `newsie eval` (filled in with issue 7).

use crate::args::EvalArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(_args: EvalArgs) -> Result<ExitCode> {
    anyhow::bail!("not yet")
}
