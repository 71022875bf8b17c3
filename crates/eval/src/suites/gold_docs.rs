//! Suites in the project's own gold format: the fixtures and the seed.

use crate::compare::{score_document, StageScores};
use crate::gold::GoldDoc;
use crate::report::SuiteReport;
use crate::Error;
use newsie_core::Document;
use newsie_pipeline::Pipeline;
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

/// The report of the gold documents in `dir` (the fixtures).
pub fn fixtures(pipeline: &Pipeline, dir: &Path) -> Result<SuiteReport, Error> {
    let docs = load_dir(dir)?;
    Ok(SuiteReport::from_stage_scores(
        &format!("fixtures ({} articles)", docs.len()),
        score(pipeline, &docs)?,
    ))
}

/// The report of one gold file (the seed article).
pub fn single(pipeline: &Pipeline, name: &str, path: &Path) -> Result<SuiteReport, Error> {
    let doc = GoldDoc::load(path)?;
    Ok(SuiteReport::from_stage_scores(
        name,
        score(pipeline, std::slice::from_ref(&doc))?,
    ))
}
