//! CoNLL-2003 named-entity suites: the original test set (`test.iob2.txt`,
//! or `eng.testb` in IOB1), the dev set, and CoNLL++ (`conllpp_test.conll`),
//! scored conlleval-style: entity-level micro precision/recall/F1 with exact
//! span and type, plus the same per type.
//!
//! The files are pre-tokenized, so the tagger runs on their tokens
//! ([`newsie_ner::Tagger::tag_tokens`]) one document at a time; files without
//! `-DOCSTART-` lines are split into documents at Reuters datelines
//! ([`newsie_ner::train::document_ranges`]).
//!
//! The *text path* ([`score_text`]) scores what `newsie extract` gives on the
//! same documents written out as plain text (tokens joined by spaces,
//! sentences by line breaks): the whole pipeline, its own sentence splitter
//! and word tokenizer included, with an entity right only when its byte
//! span and type are those of a gold entity.

use crate::{Error, Scores};
use newsie_core::{Document, EntityLabel, Span};
use newsie_ner::Tagger;
use newsie_pipeline::Pipeline;
use std::collections::HashSet;
use std::path::Path;

/// One sentence: its tokens and gold entities (token ranges, end exclusive).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConllSentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// Gold entities: first token, one past the last, type.
    pub entities: Vec<(usize, usize, EntityLabel)>,
}

/// A document: its sentences.
pub type ConllDocument = Vec<ConllSentence>;

fn label_of(name: &str) -> Option<EntityLabel> {
    match name {
        "PER" => Some(EntityLabel::Per),
        "ORG" => Some(EntityLabel::Org),
        "LOC" => Some(EntityLabel::Loc),
        "MISC" => Some(EntityLabel::Misc),
        _ => None,
    }
}

/// Entities of IOB1 or IOB2 labels: an entity starts at a `B-` label, or at
/// an `I-` label whose type differs from the token before. Generic over the
/// type so that a suite with finer labels (CrossNER) finds its entities on
/// those before mapping them.
pub(crate) fn entities_of<K: Copy + PartialEq>(
    labels: &[Option<(bool, K)>],
) -> Vec<(usize, usize, K)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, K)> = None;
    for (i, label) in labels.iter().enumerate() {
        match *label {
            Some((begins, kind)) => {
                let continues = !begins && open.is_some_and(|(_, k)| k == kind);
                if !continues {
                    if let Some((start, k)) = open.take() {
                        out.push((start, i, k));
                    }
                    open = Some((i, kind));
                }
            }
            None => {
                if let Some((start, k)) = open.take() {
                    out.push((start, i, k));
                }
            }
        }
    }
    if let Some((start, k)) = open {
        out.push((start, labels.len(), k));
    }
    out
}

/// Reads a CoNLL file: whitespace-separated columns, the token first and the
/// IOB1/IOB2 NER label last; blank lines end sentences.
pub fn read(path: &Path) -> Result<Vec<ConllDocument>, Error> {
    let text = crate::read_to_string(path)?;
    let mut docs: Vec<ConllDocument> = vec![Vec::new()];
    let mut had_docstart = false;
    let mut tokens: Vec<String> = Vec::new();
    let mut labels: Vec<Option<(bool, EntityLabel)>> = Vec::new();
    let flush = |tokens: &mut Vec<String>, labels: &mut Vec<_>, docs: &mut Vec<ConllDocument>| {
        if !tokens.is_empty() {
            let entities = entities_of(labels);
            labels.clear();
            if let Some(doc) = docs.last_mut() {
                doc.push(ConllSentence {
                    tokens: std::mem::take(tokens),
                    entities,
                });
            }
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut tokens, &mut labels, &mut docs);
            continue;
        }
        let mut cols = line.split_whitespace();
        let (Some(token), Some(label)) = (cols.next(), cols.next_back()) else {
            return Err(Error::Format {
                path: path.to_owned(),
                line: n + 1,
                message: "expected a token and a label".into(),
            });
        };
        if token == "-DOCSTART-" {
            flush(&mut tokens, &mut labels, &mut docs);
            had_docstart = true;
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        let parsed = match label.split_once('-') {
            None if label == "O" => None,
            Some((prefix @ ("B" | "I"), kind)) => match label_of(kind) {
                Some(kind) => Some((prefix == "B", kind)),
                None => {
                    return Err(Error::Format {
                        path: path.to_owned(),
                        line: n + 1,
                        message: format!("unknown entity type in {label:?}"),
                    })
                }
            },
            _ => {
                return Err(Error::Format {
                    path: path.to_owned(),
                    line: n + 1,
                    message: format!("unknown label {label:?}"),
                })
            }
        };
        tokens.push(token.to_owned());
        labels.push(parsed);
    }
    flush(&mut tokens, &mut labels, &mut docs);
    docs.retain(|d| !d.is_empty());
    if had_docstart {
        return Ok(docs);
    }
    let sentences: Vec<ConllSentence> = docs.into_iter().flatten().collect();
    let views: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let ranges = newsie_ner::train::document_ranges(&views);
    let mut rest = sentences.into_iter();
    Ok(ranges
        .into_iter()
        .map(|r| rest.by_ref().take(r.len()).collect())
        .collect())
}

/// Tags every document and scores the entities per type (exact token span
/// and type); [`Scores::micro`] gives the overall figure.
pub fn score(tagger: &Tagger, docs: &[ConllDocument], path: &Path) -> Result<Scores, Error> {
    let mut scores = Scores::default();
    for label in EntityLabel::ALL {
        scores.entry(label.as_str());
    }
    for doc in docs {
        let sentences: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let predicted = tagger.tag_tokens(&sentences).map_err(|e| Error::Format {
            path: path.to_owned(),
            line: 0,
            message: format!("the tagger failed: {e}"),
        })?;
        let gold: HashSet<(usize, usize, usize, EntityLabel)> = doc
            .iter()
            .enumerate()
            .flat_map(|(s, sent)| sent.entities.iter().map(move |&(a, b, k)| (s, a, b, k)))
            .collect();
        for &(_, _, _, k) in &gold {
            scores.entry(k.as_str()).add(0, 0, 1);
        }
        let mut seen = HashSet::new();
        for e in predicted {
            let key = (e.sentence, e.start, e.end, e.label);
            if !seen.insert(key) {
                continue;
            }
            let correct = usize::from(gold.contains(&key));
            scores.entry(e.label.as_str()).add(correct, 1, 0);
        }
    }
    Ok(scores)
}

/// A CoNLL document as plain text: tokens joined by spaces, sentences by
/// line breaks; and its gold entities as byte spans of that text.
pub fn as_text(doc: &ConllDocument) -> (String, Vec<(Span, EntityLabel)>) {
    let mut text = String::new();
    let mut gold = Vec::new();
    for sentence in doc {
        if !text.is_empty() {
            text.push('\n');
        }
        let mut starts = Vec::with_capacity(sentence.tokens.len());
        let mut ends = Vec::with_capacity(sentence.tokens.len());
        for (i, token) in sentence.tokens.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            starts.push(text.len());
            text.push_str(token);
            ends.push(text.len());
        }
        for &(a, b, label) in &sentence.entities {
            gold.push((Span::new(starts[a], ends[b - 1]), label));
        }
    }
    (text, gold)
}

/// Scores the whole pipeline's entities on each document written as plain
/// text ([`as_text`]): exact byte span and type, per type.
pub fn score_text(
    pipeline: &Pipeline,
    docs: &[ConllDocument],
    path: &Path,
) -> Result<Scores, Error> {
    let mut scores = Scores::default();
    for label in EntityLabel::ALL {
        scores.entry(label.as_str());
    }
    for (n, doc) in docs.iter().enumerate() {
        let (text, gold) = as_text(doc);
        let record = pipeline
            .process(&Document::new(format!("{n}"), text))
            .map_err(|e| Error::Format {
                path: path.to_owned(),
                line: 0,
                message: format!("the pipeline failed: {e}"),
            })?;
        let gold: HashSet<(Span, EntityLabel)> = gold.into_iter().collect();
        for &(_, label) in &gold {
            scores.entry(label.as_str()).add(0, 0, 1);
        }
        for entity in &record.entities {
            let correct = usize::from(gold.contains(&(entity.span(), entity.label)));
            scores.entry(entity.label.as_str()).add(correct, 1, 0);
        }
    }
    Ok(scores)
}

/// Reads `path` and scores `tagger` on it.
pub fn evaluate_file(tagger: &Tagger, path: &Path) -> Result<Scores, Error> {
    let docs = read(path)?;
    score(tagger, &docs, path)
}

/// `newsie eval conll2003`: the embedded tagger on CoNLL-2003 test and on
/// CoNLL++ under `dir`, per type and micro-averaged.
pub fn report(dir: &Path) -> Result<crate::report::SuiteReport, Error> {
    let tagger = Tagger::embedded().map_err(|e| Error::Format {
        path: dir.to_owned(),
        line: 0,
        message: format!("cannot load the NER model: {e}"),
    })?;
    report_with(&tagger, dir)
}

/// The same as [`report`] for any tagger (the transformer backend, say).
pub fn report_with(tagger: &Tagger, dir: &Path) -> Result<crate::report::SuiteReport, Error> {
    let mut rows = Vec::new();
    for (name, file) in [("test", "test.iob2.txt"), ("conll++", "conllpp_test.conll")] {
        push_rows(
            &mut rows,
            &format!("entities {name}"),
            &evaluate_file(tagger, &dir.join(file))?,
        );
    }
    Ok(suite_report(rows))
}

/// [`report_with`] the pipeline's tagger, plus the text path on the test
/// set (`entities test (text)`): what `newsie extract` gives on it.
pub fn report_pipeline(
    pipeline: &Pipeline,
    dir: &Path,
) -> Result<crate::report::SuiteReport, Error> {
    let mut report = match pipeline.tagger() {
        Some(tagger) => report_with(tagger, dir)?,
        None => report(dir)?,
    };
    let path = dir.join("test.iob2.txt");
    let scores = score_text(pipeline, &read(&path)?, &path)?;
    push_rows(&mut report.rows, "entities test (text)", &scores);
    Ok(report)
}

fn push_rows(rows: &mut Vec<crate::report::Row>, component: &str, scores: &Scores) {
    use crate::report::Row;
    for (label, counts) in &scores.by_name {
        rows.push(Row::new(component, label, *counts));
    }
    rows.push(Row::new(component, "micro", scores.micro()));
}

fn suite_report(rows: Vec<crate::report::Row>) -> crate::report::SuiteReport {
    crate::report::SuiteReport {
        suite: "conll2003 (entity-level, exact span and type)".to_owned(),
        rows,
        misses: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_spans_cover_the_gold_tokens() {
        let doc = vec![
            ConllSentence {
                tokens: vec!["J.".into(), "Smith".into(), "won".into()],
                entities: vec![(0, 2, EntityLabel::Per)],
            },
            ConllSentence {
                tokens: vec!["In".into(), "Paris".into()],
                entities: vec![(1, 2, EntityLabel::Loc)],
            },
        ];
        let (text, gold) = as_text(&doc);
        assert_eq!(text, "J. Smith won\nIn Paris");
        let written: Vec<&str> = gold.iter().map(|(span, _)| &text[*span]).collect();
        assert_eq!(written, ["J. Smith", "Paris"]);
    }

    #[test]
    fn iob1_and_iob2_give_the_same_entities() {
        let per = Some((false, EntityLabel::Per));
        let b_per = Some((true, EntityLabel::Per));
        let loc = Some((false, EntityLabel::Loc));
        // IOB1: `I-PER I-PER B-PER O I-LOC`.
        assert_eq!(
            entities_of(&[per, per, b_per, None, loc]),
            vec![
                (0, 2, EntityLabel::Per),
                (2, 3, EntityLabel::Per),
                (4, 5, EntityLabel::Loc)
            ]
        );
        // IOB2: `B-PER I-PER B-PER O B-LOC`.
        assert_eq!(
            entities_of(&[b_per, per, b_per, None, Some((true, EntityLabel::Loc))]),
            vec![
                (0, 2, EntityLabel::Per),
                (2, 3, EntityLabel::Per),
                (4, 5, EntityLabel::Loc)
            ]
        );
    }
}
