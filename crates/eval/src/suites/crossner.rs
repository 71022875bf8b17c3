//! CrossNER (Liu et al., AAAI 2021): English Wikipedia sentences of five
//! domains (politics, natural science, music, literature, AI), tagged with
//! fine labels (`politicalparty`, `election`, `album`, ...), one token and
//! its BIO tag per line. The suite maps the fine labels onto newsie's four
//! with [`MAPPING`], the table of `../shared/benchmarks/crossner/SOURCE.md`,
//! and scores the tagger on the gold tokens as the CoNLL-2003 suite does
//! ([`conll::score`]): entity-level micro precision/recall/F1, exact span and
//! type, per type, per domain and over all five.
//!
//! Entities are found on the fine labels first and mapped afterwards, so
//! `B-song I-song B-album` stays two entities (both MISC) and a span whose
//! label maps to nothing (`algorithm`, `musicgenre`) is simply not an entity.
//! The sentences come from unrelated articles, so each sentence is scored as
//! a document of its own: nothing one sentence says reaches another through
//! the tagger's document-level features.

use super::conll::{self, ConllDocument, ConllSentence};
use crate::report::{Row, SuiteReport};
use crate::{Error, Scores};
use newsie_core::EntityLabel;
use newsie_ner::Tagger;
use newsie_pipeline::Pipeline;
use std::path::Path;

/// The five domains, each a folder of `train.txt`, `dev.txt` and `test.txt`.
pub const DOMAINS: [&str; 5] = ["politics", "science", "music", "literature", "ai"];

/// CrossNER's fine labels and the type each one is in newsie's scheme
/// (`None`: not a name in the CoNLL sense, scored as outside any entity).
/// Products, events, works, awards and elections are MISC, as the
/// annotation spec has them; publications are organizations, as in
/// CoNLL-2003.
pub const MAPPING: &[(&str, Option<EntityLabel>)] = &[
    ("person", Some(EntityLabel::Per)),
    ("politician", Some(EntityLabel::Per)),
    ("researcher", Some(EntityLabel::Per)),
    ("scientist", Some(EntityLabel::Per)),
    ("writer", Some(EntityLabel::Per)),
    ("musicalartist", Some(EntityLabel::Per)),
    ("organisation", Some(EntityLabel::Org)),
    ("politicalparty", Some(EntityLabel::Org)),
    ("university", Some(EntityLabel::Org)),
    ("band", Some(EntityLabel::Org)),
    ("magazine", Some(EntityLabel::Org)),
    ("academicjournal", Some(EntityLabel::Org)),
    ("country", Some(EntityLabel::Loc)),
    ("location", Some(EntityLabel::Loc)),
    ("misc", Some(EntityLabel::Misc)),
    ("event", Some(EntityLabel::Misc)),
    ("election", Some(EntityLabel::Misc)),
    ("product", Some(EntityLabel::Misc)),
    ("award", Some(EntityLabel::Misc)),
    ("book", Some(EntityLabel::Misc)),
    ("poem", Some(EntityLabel::Misc)),
    ("song", Some(EntityLabel::Misc)),
    ("album", Some(EntityLabel::Misc)),
    ("conference", Some(EntityLabel::Misc)),
    ("programlang", Some(EntityLabel::Misc)),
    ("algorithm", None),
    ("field", None),
    ("task", None),
    ("metrics", None),
    ("musicgenre", None),
    ("literarygenre", None),
    ("theory", None),
    ("discipline", None),
    ("chemicalcompound", None),
    ("chemicalelement", None),
    ("enzyme", None),
    ("protein", None),
    ("astronomicalobject", None),
    ("musicalinstrument", None),
];

/// The index of a fine label in [`MAPPING`], or `None` for a label the
/// table does not know.
fn fine_index(label: &str) -> Option<usize> {
    MAPPING.iter().position(|&(name, _)| name == label)
}

/// Reads a CrossNER file (`token<TAB>tag`, IOB2 over the fine labels, a
/// blank line between sentences) into one document per sentence, the
/// entities mapped onto newsie's types. An unknown label is an error, so a
/// new label cannot silently become `O`.
pub fn read(path: &Path) -> Result<Vec<ConllDocument>, Error> {
    parse(&crate::read_to_string(path)?, path)
}

/// [`read`] on the file's text (`path` names it in errors).
fn parse(text: &str, path: &Path) -> Result<Vec<ConllDocument>, Error> {
    let mut docs = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut labels: Vec<Option<(bool, usize)>> = Vec::new();
    let flush = |tokens: &mut Vec<String>,
                 labels: &mut Vec<Option<(bool, usize)>>,
                 docs: &mut Vec<ConllDocument>| {
        if tokens.is_empty() {
            return;
        }
        let entities = conll::entities_of(labels)
            .into_iter()
            .filter_map(|(a, b, fine)| MAPPING[fine].1.map(|kind| (a, b, kind)))
            .collect();
        labels.clear();
        docs.push(vec![ConllSentence {
            tokens: std::mem::take(tokens),
            entities,
        }]);
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut tokens, &mut labels, &mut docs);
            continue;
        }
        let format = |message: String| Error::Format {
            path: path.to_owned(),
            line: n + 1,
            message,
        };
        let mut cols = line.split_whitespace();
        let (Some(token), Some(tag)) = (cols.next(), cols.next_back()) else {
            return Err(format("expected a token and a tag".into()));
        };
        let parsed = match tag.split_once('-') {
            None if tag == "O" => None,
            Some((prefix @ ("B" | "I"), fine)) => match fine_index(fine) {
                Some(index) => Some((prefix == "B", index)),
                None => return Err(format(format!("label {fine:?} is not in the mapping"))),
            },
            _ => return Err(format(format!("unknown tag {tag:?}"))),
        };
        tokens.push(token.to_owned());
        labels.push(parsed);
    }
    flush(&mut tokens, &mut labels, &mut docs);
    Ok(docs)
}

/// Reads `path` and scores `tagger` on it (per type; [`Scores::micro`] for
/// the overall figure).
pub fn evaluate_file(tagger: &Tagger, path: &Path) -> Result<Scores, Error> {
    let docs = read(path)?;
    conll::score(tagger, &docs, path)
}

/// Each domain's name and scores, in [`DOMAINS`] order.
pub type DomainScores = Vec<(&'static str, Scores)>;

/// The scores of each domain's `split` file (`dev` or `test`) under `dir`,
/// in [`DOMAINS`] order, and their sum over all five domains.
pub fn score_split(
    tagger: &Tagger,
    dir: &Path,
    split: &str,
) -> Result<(DomainScores, Scores), Error> {
    let mut per_domain = Vec::new();
    let mut all = Scores::default();
    for domain in DOMAINS {
        let scores = evaluate_file(tagger, &dir.join(domain).join(format!("{split}.txt")))?;
        for (label, counts) in &scores.by_name {
            all.entry(label).merge(*counts);
        }
        per_domain.push((domain, scores));
    }
    Ok((per_domain, all))
}

/// `newsie eval crossner` with any tagger: rows `entities DOMAIN SPLIT` per
/// type and micro, for each domain and for `all` five, on dev and test.
pub fn report_with(tagger: &Tagger, dir: &Path) -> Result<SuiteReport, Error> {
    let mut rows = Vec::new();
    for split in ["dev", "test"] {
        let (per_domain, all) = score_split(tagger, dir, split)?;
        for (domain, scores) in per_domain
            .iter()
            .map(|(d, s)| (*d, s))
            .chain([("all", &all)])
        {
            let component = format!("entities {domain} {split}");
            for (label, counts) in &scores.by_name {
                rows.push(Row::new(&component, label, *counts));
            }
            rows.push(Row::new(&component, "micro", scores.micro()));
        }
    }
    Ok(SuiteReport {
        suite: "crossner (gold tokens, labels mapped to PER/ORG/LOC/MISC; exact span and type)"
            .to_owned(),
        rows,
        misses: Vec::new(),
    })
}

/// [`report_with`] the pipeline's tagger, or the embedded model when the
/// pipeline runs the default one.
pub fn report_pipeline(pipeline: &Pipeline, dir: &Path) -> Result<SuiteReport, Error> {
    match pipeline.tagger() {
        Some(tagger) => report_with(tagger, dir),
        None => {
            let tagger = Tagger::embedded().map_err(|e| Error::Format {
                path: dir.to_owned(),
                line: 0,
                message: format!("cannot load the NER model: {e}"),
            })?;
            report_with(&tagger, dir)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Vec<ConllDocument>, Error> {
        parse(text, Path::new("inline.txt"))
    }

    #[test]
    fn fine_labels_are_mapped_after_the_entities_are_found() {
        let text = "The\tO\nClash\tB-band\nsang\tO\nGuns\tB-song\nof\tI-song\nBrixton\tI-song\n\
                    London\tB-album\nCalling\tI-album\nin\tO\npunk\tB-musicgenre\n\n\
                    Obama\tB-politician\nwon\tO\n";
        let docs = read_str(text).unwrap();
        assert_eq!(docs.len(), 2, "one document per sentence");
        assert_eq!(
            docs[0][0].entities,
            vec![
                (1, 2, EntityLabel::Org),
                (3, 6, EntityLabel::Misc),
                (6, 8, EntityLabel::Misc),
            ],
            "the song and the album stay two entities; the genre is none"
        );
        assert_eq!(docs[1][0].entities, vec![(0, 1, EntityLabel::Per)]);
    }

    #[test]
    fn an_unknown_label_is_an_error() {
        assert!(read_str("Foo\tB-spaceship\n").is_err());
        assert!(read_str("Foo\tX-person\n").is_err());
    }

    #[test]
    fn every_label_is_mapped_once() {
        let mut names: Vec<&str> = MAPPING.iter().map(|&(n, _)| n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), MAPPING.len());
        assert_eq!(MAPPING.len(), 39);
    }
}
