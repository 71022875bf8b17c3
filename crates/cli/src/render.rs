//! `newsie render` (issue 10).

use crate::args::RenderArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(_args: RenderArgs) -> Result<ExitCode> {
    anyhow::bail!("newsie render is not built yet")
}
