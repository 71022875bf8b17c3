//! SIGINT and SIGTERM: a run that is stopped removes its temporary output
//! file and exits with the status a shell reports for the signal (128 plus
//! its number: 130 and 143), rather than leaving a stray file behind.

use anyhow::Result;

/// Starts a thread that waits for SIGINT or SIGTERM, then removes the
/// temporary output file, if any, and exits.
#[cfg(unix)]
pub fn install() -> Result<()> {
    use anyhow::Context;
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    let mut signals =
        Signals::new([SIGINT, SIGTERM]).context("cannot install the signal handlers")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                crate::output::exit_removing_temp_output(128 + signal);
            }
        })
        .context("cannot start the signal thread")?;
    Ok(())
}

/// Elsewhere the default handling stays: signal-hook's iterator needs Unix.
#[cfg(not(unix))]
pub fn install() -> Result<()> {
    Ok(())
}
