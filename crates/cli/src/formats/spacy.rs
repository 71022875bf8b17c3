//! spaCy's `Doc.to_json` shape, which `Doc.from_json` reads back (spaCy
//! 3.8): the text, its tokens, entities, sentences, and span groups for
//! quotes, their speakers and cues, and quantities (keyed `newsie_quotes`,
//! `newsie_speakers`, `newsie_cues`, `newsie_quantities`, as the Python
//! package's spaCy component keys them). Offsets count code points, as
//! spaCy does.
//!
//! ```json
//! {"text": "...",
//!  "ents": [{"start": 0, "end": 6, "label": "ORG"}],
//!  "sents": [{"start": 0, "end": 75}],
//!  "tokens": [{"id": 0, "start": 0, "end": 6}],
//!  "spans": {"newsie_quotes": [{"start": .., "end": .., "label": "direct", "kb_id": ""}],
//!            "newsie_speakers": [{.., "label": "anonymous", "kb_id": "AWS"}],
//!            "newsie_cues": [{.., "label": "say", "kb_id": ""}],
//!            "newsie_quantities": [{.., "label": "money", "kb_id": ""}]},
//!  "newsie": {"id": "...", "schema": 1,
//!             "quotes": [{"speaker": 0, "cue": 0}],
//!             "quantities": [{"value": 24200000000.0, "unit": "USD", ...}]}}
//! ```
//!
//! `from_json` ignores the `newsie` key: it holds what spaCy has no place
//! for: the document id, which speaker and cue (indices into their span
//! groups) go with each quote, and each quantity's normalized value, both
//! lists in the order of their span groups. A speaker's `kb_id` is its
//! resolved name (empty when unresolved).
//!
//! Tokens are newsie's word tokens ([`word_tokens`]), the ones the entity
//! tagger reads, so entities fall on token boundaries; a token that another
//! annotation starts or ends inside (a quantity within `54-year-old`) is
//! cut there, since spaCy spans are whole tokens. Whitespace follows
//! spaCy's rule: one space after a token is its trailing whitespace, any
//! other run of whitespace is a token of its own.

use super::{name, CharOffsets, Lists};
use crate::args::Stage;
use newsie_core::{word_tokens, Bound, Change, Dimension, Record, Span};
use serde::Serialize;

#[derive(Serialize)]
struct SpacyDoc<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ents: Option<Vec<Ent<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sents: Option<Vec<Sent>>,
    tokens: Vec<Tok>,
    #[serde(skip_serializing_if = "Groups::is_empty")]
    spans: Groups<'a>,
    newsie: Extras<'a>,
}

#[derive(Serialize)]
struct Ent<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct Sent {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Tok {
    id: usize,
    start: usize,
    end: usize,
}

/// One span of a span group (`Doc.spans`); `from_json` requires `kb_id`.
#[derive(Serialize)]
struct GroupSpan<'a> {
    start: usize,
    end: usize,
    label: String,
    kb_id: &'a str,
}

/// The span groups, keyed as the `newsie` spaCy component of the Python
/// package (crates/python) keys them.
#[derive(Serialize, Default)]
struct Groups<'a> {
    #[serde(rename = "newsie_quotes", skip_serializing_if = "Option::is_none")]
    quotes: Option<Vec<GroupSpan<'a>>>,
    #[serde(rename = "newsie_speakers", skip_serializing_if = "Option::is_none")]
    speakers: Option<Vec<GroupSpan<'a>>>,
    #[serde(rename = "newsie_cues", skip_serializing_if = "Option::is_none")]
    cues: Option<Vec<GroupSpan<'a>>>,
    #[serde(rename = "newsie_quantities", skip_serializing_if = "Option::is_none")]
    quantities: Option<Vec<GroupSpan<'a>>>,
}

impl Groups<'_> {
    fn is_empty(&self) -> bool {
        self.quotes.is_none() && self.quantities.is_none()
    }
}

/// What spaCy has no place for; `Doc.from_json` ignores it.
#[derive(Serialize)]
struct Extras<'a> {
    id: &'a str,
    schema: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<Vec<QuoteLinks>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantities: Option<Vec<QuantityValue<'a>>>,
}

/// A quote's speaker and cue: indices into the `speakers` and `cues` span
/// groups.
#[derive(Serialize)]
struct QuoteLinks {
    speaker: Option<usize>,
    cue: Option<usize>,
}

#[derive(Serialize)]
struct QuantityValue<'a> {
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    approximate: bool,
    unit: Option<&'a str>,
    dimension: Option<Dimension>,
    change: Option<Change>,
    bound: Option<Bound>,
}

/// Whitespace as Python's `str.isspace` and `str.split` see it, which
/// spaCy's token alignment uses: Unicode's, and the four ASCII separators
/// (`\x1c`..`\x1f`) besides.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `span` of `text` without whitespace at either end; `None` when nothing
/// else is left. (spaCy's spans are whole tokens, and whitespace is no
/// token a span may start or end with.)
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let inner = text.get(start..end)?;
    let head = inner.len() - inner.trim_start_matches(is_py_space).len();
    let tail = inner.trim_end_matches(is_py_space).len();
    (tail > head).then(|| Span::new(start + head, start + tail))
}

/// The document as spaCy's `Doc.to_json` writes one (code-point offsets),
/// with the keys of the lists asked for; `record` in byte offsets.
pub fn spacy_json(text: &str, record: &Record, lists: Lists, pretty: bool) -> String {
    // Every annotation, in bytes, trimmed.
    let mut ents: Vec<(Span, &str)> = Vec::new();
    for e in &record.entities {
        let Some(span) = trimmed(text, e.start, e.end) else {
            continue;
        };
        // `doc.ents` may not overlap; newsie's do not, but a bad one must
        // not make the whole document unreadable.
        if ents.last().is_some_and(|(last, _)| span.start < last.end) {
            continue;
        }
        ents.push((span, e.label.as_str()));
    }
    let sents: Vec<Span> = record
        .sentences
        .iter()
        .filter_map(|s| trimmed(text, s.start, s.end))
        .collect();
    let mut quotes = Vec::new();
    let mut speakers = Vec::new();
    let mut cues = Vec::new();
    let mut links = Vec::new();
    for q in &record.quotes {
        let Some(span) = trimmed(text, q.start, q.end) else {
            continue;
        };
        quotes.push((span, name(&q.kind), ""));
        let speaker = q.speaker.as_ref().and_then(|s| {
            let span = trimmed(text, s.start, s.end)?;
            let resolved = s.resolved.as_deref().unwrap_or("");
            speakers.push((span, name(&s.kind), resolved));
            Some(speakers.len() - 1)
        });
        let cue = q.cue.as_ref().and_then(|c| {
            let span = trimmed(text, c.start, c.end)?;
            cues.push((span, c.lemma.clone(), ""));
            Some(cues.len() - 1)
        });
        links.push(QuoteLinks { speaker, cue });
    }
    let mut quantities = Vec::new();
    let mut values = Vec::new();
    for q in &record.quantities {
        let Some(span) = trimmed(text, q.start, q.end) else {
            continue;
        };
        quantities.push((span, name(&q.kind), ""));
        values.push(QuantityValue {
            value: q.value,
            low: q.low,
            high: q.high,
            approximate: q.approximate,
            unit: q.unit.as_deref(),
            dimension: q.dimension,
            change: q.change,
            bound: q.bound,
        });
    }

    let all_spans = ents
        .iter()
        .map(|(s, _)| *s)
        .chain(sents.iter().copied())
        .chain(
            [&quotes, &speakers, &cues, &quantities]
                .into_iter()
                .flatten()
                .map(|(s, ..)| *s),
        );
    let mut cuts: Vec<usize> = all_spans.flat_map(|s| [s.start, s.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let tokens = spacy_tokens(text, &cuts);
    let chars = CharOffsets::new(
        text,
        tokens
            .iter()
            .flat_map(|t| [t.start, t.end])
            .chain(cuts.iter().copied()),
    );
    let with_quotes = lists.contains(Stage::Quotes);
    let with_quantities = lists.contains(Stage::Quantities);
    let doc = SpacyDoc {
        text,
        ents: lists.contains(Stage::Entities).then(|| {
            ents.iter()
                .map(|&(span, label)| Ent {
                    start: chars.get(span.start),
                    end: chars.get(span.end),
                    label,
                })
                .collect()
        }),
        sents: lists.contains(Stage::Sentences).then(|| {
            sents
                .iter()
                .map(|span| Sent {
                    start: chars.get(span.start),
                    end: chars.get(span.end),
                })
                .collect()
        }),
        tokens: tokens
            .iter()
            .enumerate()
            .map(|(id, t)| Tok {
                id,
                start: chars.get(t.start),
                end: chars.get(t.end),
            })
            .collect(),
        spans: Groups {
            quotes: with_quotes.then(|| group(quotes, &chars)),
            speakers: with_quotes.then(|| group(speakers, &chars)),
            cues: with_quotes.then(|| group(cues, &chars)),
            quantities: with_quantities.then(|| group(quantities, &chars)),
        },
        newsie: Extras {
            id: &record.id,
            schema: record.schema,
            quotes: with_quotes.then_some(links),
            quantities: with_quantities.then_some(values),
        },
    };
    super::to_json(&doc, pretty)
}

/// A span group in code points: each span with its label and
/// knowledge-base id (a speaker's resolved name; else empty).
fn group<'k>(spans: Vec<(Span, String, &'k str)>, chars: &CharOffsets) -> Vec<GroupSpan<'k>> {
    spans
        .into_iter()
        .map(|(span, label, kb_id)| GroupSpan {
            start: chars.get(span.start),
            end: chars.get(span.end),
            label,
            kb_id,
        })
        .collect()
}

/// spaCy's tokens of `text`, in bytes: newsie's word tokens, each cut at
/// the offsets of `cuts` (sorted) that fall inside it, and the whitespace
/// between them as spaCy keeps it. `Doc.from_json` rebuilds its words and
/// spaces from the text and the non-space tokens, and requires the same
/// tokens back: one space after a token is that token's trailing space;
/// the rest of a gap (more spaces, a line break, a tab), and any
/// whitespace before the first token, is a token itself.
fn spacy_tokens(text: &str, cuts: &[usize]) -> Vec<Span> {
    let mut tokens = Vec::new();
    let mut at = 0;
    let mut next_cut = 0;
    for word in word_tokens(text) {
        let Span { mut start, end } = word.span;
        // A token of Python whitespace only (`\x1c`) is whitespace to
        // spaCy: part of the gap.
        if text[start..end].chars().all(is_py_space) {
            continue;
        }
        push_gap(text, &mut tokens, at, start);
        while next_cut < cuts.len() && cuts[next_cut] <= start {
            next_cut += 1;
        }
        while next_cut < cuts.len() && cuts[next_cut] < end {
            tokens.push(Span::new(start, cuts[next_cut]));
            start = cuts[next_cut];
            next_cut += 1;
        }
        tokens.push(Span::new(start, end));
        at = end;
    }
    push_gap(text, &mut tokens, at, text.len());
    tokens
}

/// The whitespace `text[from..to]` after the last token of `tokens` (or at
/// the start), as spaCy keeps it: a first plain space after a token
/// belongs to that token, the rest is one token.
fn push_gap(text: &str, tokens: &mut Vec<Span>, mut from: usize, to: usize) {
    if !tokens.is_empty() && text[from..to].starts_with(' ') {
        from += 1;
    }
    if from < to {
        tokens.push(Span::new(from, to));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsie_core::{
        Cue, Entity, EntityLabel, Quantity, QuantityKind, Quote, QuoteKind, Sentence, Speaker,
        SpeakerKind,
    };
    use serde_json::Value;

    fn words(text: &str, tokens: &[Span]) -> Vec<String> {
        tokens.iter().map(|&t| text[t].to_owned()).collect()
    }

    #[test]
    fn whitespace_is_kept_as_spacy_keeps_it() {
        let text = "  Hi  there.\n\nOk \x1c go ";
        let tokens = spacy_tokens(text, &[]);
        assert_eq!(
            words(text, &tokens),
            ["  ", "Hi", " ", "there", ".", "\n\n", "Ok", "\x1c ", "go"]
        );
        // The tokens and the spaces after them give the text back.
        assert!(tokens.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn tokens_are_cut_where_an_annotation_starts_or_ends_inside() {
        let text = "a 54-year-old man";
        let at = text.find("54").unwrap();
        let tokens = spacy_tokens(text, &[at, at + 2]);
        assert_eq!(words(text, &tokens), ["a", "54", "-year-old", "man"]);
    }

    #[test]
    fn a_record_becomes_a_spacy_document_in_code_points() {
        let text = "😀 “We grow,” said Zoë Lee of Acme Corp. Sales rose 5%.";
        let mut record = Record::new("d");
        let first_end = text.find(" Sales").unwrap();
        record
            .sentences
            .push(Sentence::new(text, Span::new(0, first_end)));
        record
            .sentences
            .push(Sentence::new(text, Span::new(first_end + 1, text.len())));
        let span = |needle: &str| {
            let at = text.find(needle).unwrap();
            Span::new(at, at + needle.len())
        };
        record
            .entities
            .push(Entity::new(text, span("Zoë Lee"), EntityLabel::Per, 0.9));
        record
            .entities
            .push(Entity::new(text, span("Acme Corp."), EntityLabel::Org, 0.9));
        let mut quote = Quote::new(text, span("We grow,"), QuoteKind::Direct);
        quote.speaker = Some(Speaker::new(
            text,
            span("Zoë Lee"),
            SpeakerKind::Person,
            Some("Zoë Lee".into()),
        ));
        quote.cue = Some(Cue::new(text, span("said"), "say"));
        record.quotes.push(quote);
        let mut percent = Quantity::new(text, span("5%"), QuantityKind::Percent);
        percent.value = Some(5.0);
        record.quantities.push(percent);

        let json: Value =
            serde_json::from_str(&spacy_json(text, &record, Lists::ALL, false)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let slice = |v: &Value| -> String {
            let (s, e) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
            chars[s as usize..e as usize].iter().collect()
        };
        assert_eq!(json["text"], text);
        let ents: Vec<String> = json["ents"].as_array().unwrap().iter().map(slice).collect();
        assert_eq!(ents, ["Zoë Lee", "Acme Corp."]);
        assert_eq!(json["ents"][1]["label"], "ORG");
        assert_eq!(slice(&json["sents"][1]), "Sales rose 5%.");
        assert_eq!(slice(&json["spans"]["newsie_quotes"][0]), "We grow,");
        assert_eq!(json["spans"]["newsie_quotes"][0]["label"], "direct");
        assert_eq!(json["spans"]["newsie_speakers"][0]["kb_id"], "Zoë Lee");
        assert_eq!(json["spans"]["newsie_cues"][0]["label"], "say");
        assert_eq!(slice(&json["spans"]["newsie_quantities"][0]), "5%");
        assert_eq!(json["newsie"]["quotes"][0]["speaker"], 0);
        assert_eq!(json["newsie"]["quantities"][0]["value"], 5.0);
        // Every annotation starts and ends on token boundaries.
        let tokens = json["tokens"].as_array().unwrap();
        let starts: Vec<u64> = tokens
            .iter()
            .map(|t| t["start"].as_u64().unwrap())
            .collect();
        let ends: Vec<u64> = tokens.iter().map(|t| t["end"].as_u64().unwrap()).collect();
        for e in json["ents"].as_array().unwrap() {
            assert!(starts.contains(&e["start"].as_u64().unwrap()));
            assert!(ends.contains(&e["end"].as_u64().unwrap()));
        }
        // Only the lists asked for.
        let only = spacy_json(text, &record, Lists::of(&[Stage::Entities]), false);
        let only: Value = serde_json::from_str(&only).unwrap();
        assert!(only.get("sents").is_none() && only.get("spans").is_none());
        assert!(only["ents"].is_array());
    }
}
