//! The project's gold format (the seed article's and the fixtures'): a JSON
//! object with the document `text` and, per stage, the annotated strings in
//! document order. Offsets are not stored; [`GoldDoc::load`] finds each
//! string by searching forward from the previous match of the same list, so
//! gold files stay easy to write by hand and cannot disagree with the text.

use crate::Error;
use newsie_core::{
    Bound, Change, Dimension, EntityLabel, QuantityKind, QuoteKind, Span, SpeakerKind,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A gold entity.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldEntity {
    /// Where it lies.
    pub span: Span,
    /// Its label.
    pub label: EntityLabel,
    /// Neither rewarded nor penalised when two readings are defensible.
    pub optional: bool,
}

/// A gold quote.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldQuote {
    /// Where the quoted words lie.
    pub span: Span,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker mention as written.
    pub speaker: Option<String>,
    /// The resolved speaker.
    pub speaker_resolved: Option<String>,
    /// The speaker's kind.
    pub speaker_kind: Option<SpeakerKind>,
    /// The cue's lemma.
    pub cue: Option<String>,
}

/// A gold quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldQuantity {
    /// Where it lies.
    pub span: Span,
    /// Its kind.
    pub kind: QuantityKind,
    /// Exact value.
    pub value: Option<f64>,
    /// Low end.
    pub low: Option<f64>,
    /// High end.
    pub high: Option<f64>,
    /// Hedged or vague.
    pub approximate: bool,
    /// Unit.
    pub unit: Option<String>,
    /// `dimension`, `change` and `bound`, where the gold file gives them
    /// (the seed and the fixtures written since they were added).
    pub measure: Option<GoldMeasure>,
}

/// The quantity fields added within schema 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoldMeasure {
    /// What it measures (`None` for a rank).
    pub dimension: Option<Dimension>,
    /// The change it is the size of.
    pub change: Option<Change>,
    /// The side a hedge bounds it from.
    pub bound: Option<Bound>,
}

/// One annotated document.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// Its identifier.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Sentence spans in order.
    pub sentences: Vec<Span>,
    /// Entities in order.
    pub entities: Vec<GoldEntity>,
    /// Quotes in order.
    pub quotes: Vec<GoldQuote>,
    /// Quantities in order.
    pub quantities: Vec<GoldQuantity>,
    /// Other names of organizations (`AWS` -> `Amazon Web Services`).
    pub aliases: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct RawDoc {
    id: String,
    text: String,
    #[serde(default)]
    sentences: Vec<String>,
    #[serde(default)]
    entities: Vec<RawEntity>,
    #[serde(default)]
    quotes: Vec<RawQuote>,
    #[serde(default)]
    quantities: Vec<RawQuantity>,
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct RawEntity {
    text: String,
    label: String,
    #[serde(default)]
    optional: bool,
}

#[derive(Deserialize)]
struct RawQuote {
    text: String,
    kind: QuoteKind,
    speaker: Option<String>,
    speaker_resolved: Option<String>,
    speaker_kind: Option<SpeakerKind>,
    cue: Option<String>,
}

#[derive(Deserialize)]
struct RawQuantity {
    text: String,
    kind: QuantityKind,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    #[serde(default)]
    approximate: bool,
    unit: Option<String>,
    #[serde(default, deserialize_with = "present")]
    dimension: Option<Option<Dimension>>,
    #[serde(default)]
    change: Option<Change>,
    #[serde(default)]
    bound: Option<Bound>,
}

/// A field that may be absent (`None`) or present and null (`Some(None)`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Whether the items of a gold list may lie inside one another.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nesting {
    /// Each item is searched from the start of the previous match, so nested
    /// or touching items still align.
    Allowed,
    /// Items never overlap (entities are flat), so each is searched after
    /// the previous one ends: `Mendoza` after `Rafael Mendoza` is the next
    /// mention, not the surname inside the full name.
    Flat,
}

/// Finds the strings of one gold list in order (see [`Nesting`]).
fn align<'a>(
    text: &str,
    list: &'static str,
    nesting: Nesting,
    items: impl Iterator<Item = &'a str>,
) -> Result<Vec<Span>, String> {
    let mut from = 0;
    let mut spans: Vec<Span> = Vec::new();
    for (i, item) in items.enumerate() {
        // Flat lists search after the previous item's end. Otherwise prefer
        // a match after the previous item's start; an item equal to the
        // previous one must come after it.
        let search_from = match spans.last() {
            Some(prev) if nesting == Nesting::Flat || &text[*prev] == item => prev.end,
            Some(_) | None => from,
        };
        let found = text[search_from..]
            .find(item)
            .ok_or_else(|| format!("{list}[{i}] {item:?} not found after byte {search_from}"))?;
        let start = search_from + found;
        let span = Span::new(start, start + item.len());
        // The next item may start inside this one, but not at the same place.
        from = span.start + item.chars().next().map_or(0, char::len_utf8);
        spans.push(span);
    }
    Ok(spans)
}

impl GoldDoc {
    /// Parses a gold document from JSON.
    pub fn parse(json: &str, path: &Path) -> Result<GoldDoc, Error> {
        let format = |message: String| Error::Format {
            path: path.to_owned(),
            line: 0,
            message,
        };
        let raw: RawDoc = serde_json::from_str(json).map_err(|e| format(e.to_string()))?;
        let text = raw.text;
        let sentences = align(
            &text,
            "sentences",
            Nesting::Allowed,
            raw.sentences.iter().map(String::as_str),
        )
        .map_err(format)?;
        let entity_spans = align(
            &text,
            "entities",
            Nesting::Flat,
            raw.entities.iter().map(|e| e.text.as_str()),
        )
        .map_err(format)?;
        let mut entities = Vec::new();
        for (raw_entity, span) in raw.entities.iter().zip(entity_spans) {
            let label = EntityLabel::parse(&raw_entity.label)
                .ok_or_else(|| format(format!("unknown entity label {:?}", raw_entity.label)))?;
            entities.push(GoldEntity {
                span,
                label,
                optional: raw_entity.optional,
            });
        }
        let quote_spans = align(
            &text,
            "quotes",
            Nesting::Allowed,
            raw.quotes.iter().map(|q| q.text.as_str()),
        )
        .map_err(format)?;
        let quotes = raw
            .quotes
            .into_iter()
            .zip(quote_spans)
            .map(|(q, span)| GoldQuote {
                span,
                kind: q.kind,
                speaker: q.speaker,
                speaker_resolved: q.speaker_resolved,
                speaker_kind: q.speaker_kind,
                cue: q.cue,
            })
            .collect();
        let quantity_spans = align(
            &text,
            "quantities",
            Nesting::Allowed,
            raw.quantities.iter().map(|q| q.text.as_str()),
        )
        .map_err(format)?;
        let quantities = raw
            .quantities
            .into_iter()
            .zip(quantity_spans)
            .map(|(q, span)| GoldQuantity {
                span,
                kind: q.kind,
                value: q.value,
                low: q.low,
                high: q.high,
                approximate: q.approximate,
                unit: q.unit,
                measure: q.dimension.map(|dimension| GoldMeasure {
                    dimension,
                    change: q.change,
                    bound: q.bound,
                }),
            })
            .collect();
        Ok(GoldDoc {
            id: raw.id,
            text,
            sentences,
            entities,
            quotes,
            quantities,
            aliases: raw.aliases,
        })
    }

    /// Reads and parses a gold file.
    pub fn load(path: impl AsRef<Path>) -> Result<GoldDoc, Error> {
        let path = path.as_ref();
        GoldDoc::parse(&crate::read_to_string(path)?, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_repeated_and_nested_strings_in_order() {
        let json = r#"{"id":"x","text":"Amazon and Amazon Web Services. Amazon.",
            "sentences":["Amazon and Amazon Web Services.","Amazon."],
            "entities":[{"text":"Amazon","label":"ORG"},{"text":"Amazon Web Services","label":"ORG"},
                        {"text":"Amazon","label":"ORG"}]}"#;
        let doc = GoldDoc::parse(json, Path::new("x")).unwrap();
        let starts: Vec<usize> = doc.entities.iter().map(|e| e.span.start).collect();
        assert_eq!(starts, [0, 11, 32]);
        assert_eq!(doc.sentences[1], Span::new(32, 39));
    }

    #[test]
    fn an_entity_is_found_after_the_one_before_it_ends() {
        // A surname listed after the full name is its next mention, not the
        // surname inside the full name (entities are flat).
        let json = r#"{"id":"x","text":"CEO Rafael Mendoza spoke. Mendoza left.",
            "entities":[{"text":"Rafael Mendoza","label":"PER"},{"text":"Mendoza","label":"PER"}]}"#;
        let doc = GoldDoc::parse(json, Path::new("x")).unwrap();
        let starts: Vec<usize> = doc.entities.iter().map(|e| e.span.start).collect();
        assert_eq!(starts, [4, 26]);
    }

    #[test]
    fn missing_string_is_a_format_error() {
        let json = r#"{"id":"x","text":"abc","sentences":["abd"]}"#;
        assert!(matches!(
            GoldDoc::parse(json, Path::new("x")),
            Err(Error::Format { .. })
        ));
    }
}
