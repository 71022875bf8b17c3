//! IE-ER's names as a held-out test of entity tagging on news that no rule
//! or model here was tuned on: 94 newswire stories of 1998 (AP and the New
//! York Times) with MUC-7 `ENAMEX` gold, run through the whole pipeline as
//! plain text.
//!
//! MUC types map onto newsie's: `PERSON` to PER, `ORGANIZATION` to ORG,
//! `LOCATION` to LOC. MUC has no MISC, so predicted MISC mentions are left
//! out of the scores (a MISC mention where the gold has a name counts as
//! that name missed). MUC's conventions differ from the annotation spec in
//! places (a building is an organization, `Wagram dance hall`; a party's
//! adjective too, `Nazi`), so the figure has a ceiling under 1; it is
//! measured to see how the tagger holds on another newsroom's text, never
//! tuned on. A gold name marked optional is neither rewarded nor
//! penalised; an alternative extent the gold gives (`Solidarity` for
//! `Polish Solidarity union movement`) counts as right.

use crate::report::{Row, SuiteReport};
use crate::score::Scores;
use crate::Error;
use newsie_core::{Document, EntityLabel};
use newsie_pipeline::Pipeline;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The newsie label of a MUC `ENAMEX` type.
fn label_of(muc: &str) -> Option<EntityLabel> {
    match muc {
        "PERSON" => Some(EntityLabel::Per),
        "ORGANIZATION" => Some(EntityLabel::Org),
        "LOCATION" => Some(EntityLabel::Loc),
        _ => None,
    }
}

/// A gold name: its span in chars and label, with an alternative extent.
struct GoldName {
    span: (usize, usize),
    alt: Option<(usize, usize)>,
    label: EntityLabel,
    optional: bool,
}

/// The gold names of one IE-ER record's body.
fn gold_names(doc: &Value) -> Vec<GoldName> {
    let text = doc["text"].as_str().unwrap_or("");
    let mut names = Vec::new();
    for e in doc["entities"].as_array().into_iter().flatten() {
        if e["kind"].as_str() != Some("ENAMEX") {
            continue;
        }
        let Some(label) = e["type"].as_str().and_then(label_of) else {
            continue;
        };
        let span = (
            e["start"].as_u64().unwrap_or(0) as usize,
            e["end"].as_u64().unwrap_or(0) as usize,
        );
        // The alternative extent is given as text inside the name.
        let alt = e["alt"].as_str().and_then(|alt| {
            let name: String = text.chars().skip(span.0).take(span.1 - span.0).collect();
            let offset = name.find(alt)?;
            let start = span.0 + name[..offset].chars().count();
            Some((start, start + alt.chars().count()))
        });
        names.push(GoldName {
            span,
            alt,
            label,
            optional: e["status"].as_str() == Some("opt"),
        });
    }
    names
}

/// Scores `pipeline`'s entities on the bodies of `ieer_newswire.jsonl` at
/// `path`: exact span and label, per label, with a line per miss and per
/// spurious mention for inspection.
pub fn score(pipeline: &Pipeline, path: &Path) -> Result<(Scores, Vec<String>), Error> {
    let mut scores = Scores::default();
    for label in [EntityLabel::Per, EntityLabel::Org, EntityLabel::Loc] {
        scores.entry(label.as_str());
    }
    let mut misses = Vec::new();
    for (n, doc) in crate::json_lines::<Value>(path)?.into_iter().enumerate() {
        let id = doc["id"].as_str().unwrap_or("?").to_owned();
        let text = doc["text"].as_str().unwrap_or("");
        let record = pipeline
            .process(&Document::new(id.clone(), text))
            .map_err(|e| Error::Format {
                path: path.to_owned(),
                line: n + 1,
                message: format!("the pipeline failed on record {}: {e}", n + 1),
            })?;
        // Byte offsets to the gold's char offsets.
        let char_at: HashMap<usize, usize> = text
            .char_indices()
            .enumerate()
            .map(|(c, (b, _))| (b, c))
            .chain(std::iter::once((text.len(), text.chars().count())))
            .collect();
        let gold = gold_names(&doc);
        let mut matched = vec![false; gold.len()];
        let ignored: HashSet<(usize, usize)> =
            gold.iter().filter(|g| g.optional).map(|g| g.span).collect();
        for entity in record
            .entities
            .iter()
            .filter(|e| e.label != EntityLabel::Misc)
        {
            let span = (char_at[&entity.start], char_at[&entity.end]);
            if ignored.contains(&span) {
                continue;
            }
            let hit = gold.iter().position(|g| {
                !g.optional && g.label == entity.label && (g.span == span || g.alt == Some(span))
            });
            match hit {
                Some(g) if !matched[g] => {
                    matched[g] = true;
                    scores.entry(entity.label.as_str()).add(1, 1, 0);
                }
                _ => {
                    scores.entry(entity.label.as_str()).add(0, 1, 0);
                    misses.push(format!("{id}: spurious {:?} {}", entity.text, entity.label));
                }
            }
        }
        for g in gold.iter().filter(|g| !g.optional) {
            scores.entry(g.label.as_str()).add(0, 0, 1);
        }
        for (g, _) in gold
            .iter()
            .zip(&matched)
            .filter(|(g, m)| !g.optional && !**m)
        {
            let name: String = text
                .chars()
                .skip(g.span.0)
                .take(g.span.1 - g.span.0)
                .collect();
            misses.push(format!("{id}: missed {name:?} {}", g.label));
        }
    }
    Ok((scores, misses))
}

/// `newsie eval ieer-entities`: [`score`] as a report, per label and
/// micro-averaged.
pub fn report_pipeline(pipeline: &Pipeline, benchmarks: &Path) -> Result<SuiteReport, Error> {
    let (scores, misses) = score(pipeline, &benchmarks.join("ieer-news/ieer_newswire.jsonl"))?;
    let mut rows: Vec<Row> = scores
        .by_name
        .iter()
        .map(|(label, counts)| Row::new("entities", label, *counts))
        .collect();
    rows.push(Row::new("entities", "micro", scores.micro()));
    Ok(SuiteReport {
        suite: "ieer-entities (MUC names: PER, ORG, LOC; exact span and type; MISC not scored)"
            .to_owned(),
        rows,
        misses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alternative_extent_lies_inside_the_name() {
        let doc: Value = serde_json::json!({
            "text": "The Somali Red Crescent helped.",
            "entities": [
                {"kind": "ENAMEX", "type": "ORGANIZATION", "start": 4, "end": 23,
                 "text": "Somali Red Crescent", "alt": "Red Crescent"},
                {"kind": "TIMEX", "type": "DATE", "start": 0, "end": 3, "text": "The"}
            ]
        });
        let names = gold_names(&doc);
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].span, (4, 23));
        assert_eq!(names[0].alt, Some((11, 23)));
        assert_eq!(names[0].label, EntityLabel::Org);
    }
}
