//! Gold loading and scoring for newsie: precision, recall and F1 per stage
//! and label, on the project's fixtures and on the public suites under
//! `../shared/benchmarks`.
//!
//! This crate is the one place where each suite's file format is adapted;
//! the stage crates know nothing of benchmarks.
//!
//! ```
//! use newsie_eval::Counts;
//! let mut counts = Counts::default();
//! counts.add(8, 10, 9); // 8 right of 10 predicted, 9 in the gold
//! assert!((counts.f1() - 0.842).abs() < 1e-3);
//! ```

pub mod compare;
pub mod gold;
pub mod report;
pub mod score;
pub mod suites;

pub use gold::GoldDoc;
pub use score::{Counts, PassRate, Scores};

use std::path::PathBuf;

/// Why a suite could not be loaded or scored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A gold file could not be read. The cause is left out of the message
    /// because it is the error's `source()`: a report that prints the chain
    /// (anyhow's `{:#}`) would otherwise name it twice.
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A gold file is not in the expected format.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// The line (1-based; 0 when not line-oriented).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The pipeline failed on a document.
    #[error(transparent)]
    Pipeline(#[from] newsie_pipeline::Error),
}

/// Reads a file, naming it in the error.
pub fn read_to_string(path: impl Into<PathBuf>) -> Result<String, Error> {
    let path = path.into();
    std::fs::read_to_string(&path).map_err(|source| Error::Io { path, source })
}

/// The records of a JSON Lines file, one per non-empty line; a line that
/// does not parse is an error naming the file and the line.
pub(crate) fn json_lines<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
) -> Result<Vec<T>, Error> {
    read_to_string(path)?
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|e| Error::Format {
                path: path.to_owned(),
                line: n + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// Where the shared data lives: `$NEWSIE_SHARED` when set, else `../shared`
/// beside the workspace root. `None` when the folder does not exist, so
/// callers can skip with a message.
pub fn shared_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("NEWSIE_SHARED").map(PathBuf::from),
        Some(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared"
        ))),
        Some(PathBuf::from("../shared")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("benchmarks").is_dir() || p.join("seed").is_dir())
}

/// The path of `relative` inside the shared data, or `None` (with a message
/// on stderr saying what is skipped) when the shared data is absent. With
/// `NEWSIE_REQUIRE_SHARED` set (as `.ci/run` sets it when `../shared` is
/// there), a missing file panics instead: a test that would skip fails.
pub fn shared_file(relative: &str, skipping: &str) -> Option<PathBuf> {
    match shared_dir() {
        Some(dir) if dir.join(relative).exists() => Some(dir.join(relative)),
        _ if std::env::var_os("NEWSIE_REQUIRE_SHARED").is_some() => {
            panic!("{skipping}: ../shared/{relative} is absent, and NEWSIE_REQUIRE_SHARED forbids skipping")
        }
        _ => {
            eprintln!("SKIPPED {skipping}: ../shared/{relative} is absent (set NEWSIE_SHARED to its folder)");
            None
        }
    }
}

/// The seed article's gold, `../shared/seed/aws-layoffs.gold.json`, or
/// `None` (with a SKIPPED message naming `skipping`) when absent.
pub fn seed_gold(skipping: &str) -> Option<Result<GoldDoc, Error>> {
    shared_file("seed/aws-layoffs.gold.json", skipping).map(GoldDoc::load)
}
