//! Suites in the project's own gold format: the fixtures and the seed.
//!
//! The fixtures are split in two halves by `fixtures/splits.tsv` (one line
//! per fixture: name, `dev` or `test`, style): the dev half is there to look
//! at errors, the test half to report, never to tune on. The report gives
//! every figure over all fixtures, then the main ones per half and the
//! entity F1 per style and half.

use crate::compare::{score_document, StageScores};
use crate::gold::GoldDoc;
use crate::report::SuiteReport;
use crate::Error;
use newsie_core::Document;
use newsie_pipeline::Pipeline;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every `*.gold.json` file in `dir`, loaded, in name order.
pub fn load_dir(dir: &Path) -> Result<Vec<GoldDoc>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    paths.iter().map(GoldDoc::load).collect()
}

/// Runs the pipeline on each gold document and adds up the scores.
pub fn score(pipeline: &Pipeline, docs: &[GoldDoc]) -> Result<StageScores, Error> {
    let mut total = StageScores::default();
    for gold in docs {
        let record = pipeline.process(&Document::new(gold.id.clone(), gold.text.clone()))?;
        total.merge(score_document(gold, &record));
    }
    Ok(total)
}

/// Which half of the fixtures a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Half {
    /// Look at its errors freely.
    Dev,
    /// Report it; never tune on it.
    Test,
}

impl Half {
    fn as_str(self) -> &'static str {
        match self {
            Half::Dev => "dev",
            Half::Test => "test",
        }
    }
}

/// A fixture's half and style, from `splits.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Dev or test.
    pub half: Half,
    /// The newsroom style it stands for (`sport`, `uk-business`, ...).
    pub style: String,
}

/// Reads `splits.tsv` in `dir`: fixture name -> its split. Blank lines and
/// lines starting with `#` are skipped.
pub fn load_splits(dir: &Path) -> Result<BTreeMap<String, Split>, Error> {
    let path = dir.join("splits.tsv");
    let text = crate::read_to_string(&path)?;
    let mut splits = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let format = |message: String| Error::Format {
            path: path.clone(),
            line: n + 1,
            message,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [name, half, style] = fields[..] else {
            return Err(format(format!("want name, half, style; got {line:?}")));
        };
        let half = match half {
            "dev" => Half::Dev,
            "test" => Half::Test,
            other => return Err(format(format!("half {other:?} is neither dev nor test"))),
        };
        let style = style.to_owned();
        if splits
            .insert(name.to_owned(), Split { half, style })
            .is_some()
        {
            return Err(format(format!("{name} listed twice")));
        }
    }
    Ok(splits)
}

/// The report of the gold documents in `dir` (the fixtures): every figure
/// over all of them, then the main figures per half and the entity F1 per
/// style and half. Every fixture must be listed in `splits.tsv`.
pub fn fixtures(pipeline: &Pipeline, dir: &Path) -> Result<SuiteReport, Error> {
    let docs = load_dir(dir)?;
    let splits = load_splits(dir)?;
    let mut total = StageScores::default();
    let mut by_half: BTreeMap<Half, StageScores> = BTreeMap::new();
    let mut by_style: BTreeMap<(Half, String), StageScores> = BTreeMap::new();
    let mut counts: BTreeMap<Half, usize> = BTreeMap::new();
    for gold in &docs {
        let split = splits.get(&gold.id).ok_or_else(|| Error::Format {
            path: dir.join("splits.tsv"),
            line: 0,
            message: format!("fixture {} has no half: add it", gold.id),
        })?;
        let record = pipeline.process(&Document::new(gold.id.clone(), gold.text.clone()))?;
        let scores = score_document(gold, &record);
        *counts.entry(split.half).or_default() += 1;
        by_half
            .entry(split.half)
            .or_default()
            .merge(scores.without_misses());
        by_style
            .entry((split.half, split.style.clone()))
            .or_default()
            .merge(scores.without_misses());
        total.merge(scores);
    }
    let halves: Vec<String> = counts
        .iter()
        .map(|(half, n)| format!("{} {n}", half.as_str()))
        .collect();
    let mut report = SuiteReport::from_stage_scores(
        &format!("fixtures ({} articles: {})", docs.len(), halves.join(", ")),
        total,
    );
    for (half, scores) in &by_half {
        report.push_half_rows(half.as_str(), scores);
    }
    for ((half, style), scores) in &by_style {
        report.rows.push(crate::report::Row::new(
            &format!("entities {}", half.as_str()),
            &format!("style {style}"),
            scores.entities.micro(),
        ));
    }
    Ok(report)
}

/// The report of one gold file (the seed article).
pub fn single(pipeline: &Pipeline, name: &str, path: &Path) -> Result<SuiteReport, Error> {
    let doc = GoldDoc::load(path)?;
    Ok(SuiteReport::from_stage_scores(
        name,
        score(pipeline, std::slice::from_ref(&doc))?,
    ))
}
