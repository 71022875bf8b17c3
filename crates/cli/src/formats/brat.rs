//! brat standoff: for each document a `.txt` file (the text, exactly) and
//! an `.ann` file beside it, offsets in code points (what brat counts).
//!
//! What the `.ann` file holds:
//!
//! ```text
//! T1  PER 0 10  Andy Jassy                       an entity: PER, ORG, LOC or MISC
//! T2  Quantity 1786 1799  $24.2 billion          a quantity
//! A1  QuantityKind T2 money                      cardinal, ordinal, money, percent, range
//! A2  Approximate T2                             when hedged or vague
//! #1  AnnotatorNotes T2  value=24200000000 unit=USD dimension=currency
//! T3  Quote 1105 1300  We’ve identified ...      a quote
//! A3  QuoteKind T3 direct                        direct or indirect
//! T4  Speaker 1304 1323  an AWS spokesperson     who said it
//! A4  SpeakerKind T4 anonymous                   person, anonymous, organization
//! #2  AnnotatorNotes T4  resolved=AWS
//! T5  Cue 1324 1328  said                        the speech verb
//! #3  AnnotatorNotes T5  lemma=say
//! R1  SaidBy Arg1:T3 Arg2:T4                     the quote and its speaker
//! R2  CuedBy Arg1:T3 Arg2:T5                     the quote and its cue
//! ```
//!
//! (Fields are separated by tabs.) A speaker or cue shared by several
//! quotes is one annotation with several relations. A span across a line
//! break or a tab is written as fragments (`0 5;6 12`), as brat requires,
//! its text the fragments joined by a space. Sentences are not written.
//! [`ANNOTATION_CONF`] declares these types for brat's editor.

use super::{name, one_line, CharOffsets};
use newsie_core::{Record, Span};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// One document in brat's files.
#[derive(Debug, Clone, PartialEq)]
pub struct BratDoc {
    /// The document's id, from which its file names are made.
    pub id: String,
    /// The `.txt` file: the document's text.
    pub text: String,
    /// The `.ann` file: the standoff annotations.
    pub ann: String,
}

/// brat's `annotation.conf` for the types, relations and attributes the
/// `.ann` files use, written beside them.
pub const ANNOTATION_CONF: &str = "\
# The annotation types of `newsie extract --format brat`.

[entities]

PER
ORG
LOC
MISC
Quantity
Quote
Speaker
Cue

[relations]

SaidBy\tArg1:Quote, Arg2:Speaker
CuedBy\tArg1:Quote, Arg2:Cue
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]

QuantityKind\tArg:Quantity, Value:cardinal|ordinal|money|percent|range
Approximate\tArg:Quantity
QuoteKind\tArg:Quote, Value:direct|indirect
SpeakerKind\tArg:Speaker, Value:person|anonymous|organization
";

/// The `.ann` lines of one document, numbered as they are added.
struct Ann<'t> {
    text: &'t str,
    chars: CharOffsets,
    out: String,
    text_bounds: usize,
    attributes: usize,
    notes: usize,
    relations: usize,
    /// Text-bound annotations written so far, by type and byte span: a
    /// speaker or cue of several quotes is written once.
    written: HashMap<(&'static str, usize, usize), usize>,
}

impl Ann<'_> {
    /// A text-bound annotation of `kind` over `span`; its number, or `None`
    /// when the span holds only whitespace.
    fn text_bound(&mut self, kind: &'static str, span: Span) -> Option<usize> {
        if let Some(&id) = self.written.get(&(kind, span.start, span.end)) {
            return Some(id);
        }
        let fragments = fragments(self.text, span);
        if fragments.is_empty() {
            return None;
        }
        self.text_bounds += 1;
        let id = self.text_bounds;
        let offsets: Vec<String> = fragments
            .iter()
            .map(|f| format!("{} {}", self.chars.get(f.start), self.chars.get(f.end)))
            .collect();
        let words: Vec<&str> = fragments.iter().map(|&f| &self.text[f]).collect();
        let _ = writeln!(
            self.out,
            "T{id}\t{kind} {}\t{}",
            offsets.join(";"),
            words.join(" ")
        );
        self.written.insert((kind, span.start, span.end), id);
        Some(id)
    }

    /// An attribute of text-bound `target`; a binary one without `value`.
    fn attribute(&mut self, name: &str, target: usize, value: Option<&str>) {
        self.attributes += 1;
        let _ = write!(self.out, "A{}\t{name} T{target}", self.attributes);
        if let Some(value) = value {
            let _ = write!(self.out, " {value}");
        }
        self.out.push('\n');
    }

    /// A note on text-bound `target` (one line).
    fn note(&mut self, target: usize, note: &str) {
        if note.is_empty() {
            return;
        }
        self.notes += 1;
        let _ = writeln!(
            self.out,
            "#{}\tAnnotatorNotes T{target}\t{}",
            self.notes,
            one_line(note).replace('\t', " ")
        );
    }

    fn relation(&mut self, name: &str, from: usize, to: usize) {
        self.relations += 1;
        let _ = writeln!(
            self.out,
            "R{}\t{name} Arg1:T{from} Arg2:T{to}",
            self.relations
        );
    }
}

/// The pieces of `span` between line breaks and tabs (which a brat
/// annotation's text may not hold), trimmed of whitespace, empty ones left
/// out.
fn fragments(text: &str, span: Span) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut start = span.start;
    let inner = &text[span];
    let breaks = inner
        .char_indices()
        .filter(|&(_, c)| matches!(c, '\n' | '\r' | '\t' | '\u{85}' | '\u{2028}' | '\u{2029}'))
        .map(|(at, c)| (span.start + at, span.start + at + c.len_utf8()));
    for (cut, next) in breaks.chain([(span.end, span.end)]) {
        let piece = &text[start..cut];
        let head = piece.len() - piece.trim_start().len();
        let tail = piece.trim_end().len();
        if tail > head {
            pieces.push(Span::new(start + head, start + tail));
        }
        start = next;
    }
    pieces
}

/// `key=value` pairs of the values that are there, space-separated.
fn pairs<'a>(items: impl IntoIterator<Item = (&'a str, Option<String>)>) -> String {
    items
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| format!("{key}={v}")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The brat files of a document; `record` in byte offsets.
pub fn brat(text: &str, record: &Record) -> BratDoc {
    let spans = record
        .entities
        .iter()
        .map(|e| e.span())
        .chain(record.quantities.iter().map(|q| q.span()))
        .chain(record.quotes.iter().flat_map(|q| {
            [
                Some(q.span()),
                q.speaker.as_ref().map(|s| s.span()),
                q.cue.as_ref().map(|c| c.span()),
            ]
            .into_iter()
            .flatten()
        }));
    let offsets: Vec<usize> = spans
        .flat_map(|span| fragments(text, span))
        .flat_map(|f| [f.start, f.end])
        .collect();
    let mut ann = Ann {
        text,
        chars: CharOffsets::new(text, offsets),
        out: String::new(),
        text_bounds: 0,
        attributes: 0,
        notes: 0,
        relations: 0,
        written: HashMap::new(),
    };
    for e in &record.entities {
        ann.text_bound(e.label.as_str(), e.span());
    }
    for q in &record.quantities {
        let Some(id) = ann.text_bound("Quantity", q.span()) else {
            continue;
        };
        ann.attribute("QuantityKind", id, Some(&name(&q.kind)));
        if q.approximate {
            ann.attribute("Approximate", id, None);
        }
        let note = pairs([
            ("value", q.value.map(|v| v.to_string())),
            ("low", q.low.map(|v| v.to_string())),
            ("high", q.high.map(|v| v.to_string())),
            ("unit", q.unit.clone()),
            ("dimension", q.dimension.map(|d| d.as_str().to_owned())),
            ("change", q.change.map(|c| name(&c))),
            ("bound", q.bound.map(|b| name(&b))),
        ]);
        ann.note(id, &note);
    }
    for q in &record.quotes {
        let Some(quote) = ann.text_bound("Quote", q.span()) else {
            continue;
        };
        ann.attribute("QuoteKind", quote, Some(&name(&q.kind)));
        if let Some(s) = &q.speaker {
            let known = ann.written.contains_key(&("Speaker", s.start, s.end));
            if let Some(speaker) = ann.text_bound("Speaker", s.span()) {
                if !known {
                    ann.attribute("SpeakerKind", speaker, Some(&name(&s.kind)));
                    ann.note(speaker, &pairs([("resolved", s.resolved.clone())]));
                }
                ann.relation("SaidBy", quote, speaker);
            }
        }
        if let Some(c) = &q.cue {
            let known = ann.written.contains_key(&("Cue", c.start, c.end));
            if let Some(cue) = ann.text_bound("Cue", c.span()) {
                if !known {
                    ann.note(cue, &pairs([("lemma", Some(c.lemma.clone()))]));
                }
                ann.relation("CuedBy", quote, cue);
            }
        }
    }
    BratDoc {
        id: record.id.clone(),
        text: text.to_owned(),
        ann: ann.out,
    }
}

/// Longest file stem made from an id, in characters (file systems allow
/// 255 bytes; the `.ann` and a `-NN` suffix must fit).
const MAX_STEM_CHARS: usize = 100;

/// A file stem for document `id`, safe on any file system and unique
/// among `used` (compared without case, for case-insensitive file
/// systems), which it joins: the id's last path part without `.txt`,
/// characters other than letters, digits, `-`, `_` and `.` made `_`, no
/// leading dot; `-2`, `-3`, ... added when taken (`corpus/a/x.txt` and
/// `corpus/b/x.txt` give `x` and `x-2`). Standard input is `stdin`.
pub fn stem(id: &str, used: &mut HashSet<String>) -> String {
    let last = id
        .rsplit(['/', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or("");
    let last = match last.len().checked_sub(4) {
        Some(at) if last.is_char_boundary(at) && last[at..].eq_ignore_ascii_case(".txt") => {
            &last[..at]
        }
        _ => last,
    };
    let mut base: String = last
        .chars()
        .take(MAX_STEM_CHARS)
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if base.starts_with('.') {
        base.replace_range(..1, "_");
    }
    if id == "-" {
        base = "stdin".to_owned();
    } else if base.is_empty() {
        base = "doc".to_owned();
    }
    let mut candidate = base.clone();
    let mut n = 1;
    while !used.insert(candidate.to_lowercase()) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsie_core::{
        Cue, Entity, EntityLabel, Quantity, QuantityKind, Quote, QuoteKind, Speaker, SpeakerKind,
    };

    #[test]
    fn stems_are_safe_and_unique() {
        let mut used = HashSet::new();
        let mut stem = |id: &str| stem(id, &mut used);
        assert_eq!(stem("corpus/a/Story One.txt"), "Story_One");
        assert_eq!(stem("corpus/b/story one.TXT"), "story_one-2");
        assert_eq!(stem("docs.jsonl:3"), "docs.jsonl_3");
        assert_eq!(stem("-"), "stdin");
        assert_eq!(stem("../.hidden"), "_hidden");
        assert_eq!(stem("/"), "doc");
        assert_eq!(stem("Zürich.txt"), "Zürich");
        assert_eq!(stem("a-2"), "a-2");
        assert_eq!(stem("a"), "a");
        assert_eq!(stem("a"), "a-3");
        assert_eq!(stem(&"x".repeat(300)).len(), MAX_STEM_CHARS);
    }

    #[test]
    fn spans_across_line_breaks_are_fragments() {
        let text = "one two\n  three\tfour";
        assert_eq!(
            fragments(text, Span::new(0, text.len())),
            [Span::new(0, 7), Span::new(10, 15), Span::new(16, 20)]
        );
        assert!(fragments(text, Span::new(7, 10)).is_empty());
    }

    #[test]
    fn a_record_becomes_standoff_lines_in_code_points() {
        let text = "“We grow,” said Zoë Lee. “Fast,” said Zoë Lee, about 5%.";
        let span = |needle: &str, from: usize| {
            let at = from + text[from..].find(needle).unwrap();
            Span::new(at, at + needle.len())
        };
        let mut record = Record::new("d");
        record
            .entities
            .push(Entity::new(text, span("Zoë Lee", 0), EntityLabel::Per, 0.9));
        for (words, from) in [("We grow,", 0), ("Fast,", 20)] {
            let mut quote = Quote::new(text, span(words, from), QuoteKind::Direct);
            let said = span("said", from);
            quote.cue = Some(Cue::new(text, said, "say"));
            // Both quotes name the second mention, as one speaker.
            quote.speaker = Some(Speaker::new(
                text,
                span("Zoë Lee", 30),
                SpeakerKind::Person,
                Some("Zoë Lee".into()),
            ));
            record.quotes.push(quote);
        }
        let mut q = Quantity::new(text, span("about 5%", 0), QuantityKind::Percent);
        q.value = Some(5.0);
        q.approximate = true;
        q.unit = Some("percent".into());
        record.quantities.push(q);
        let ann = brat(text, &record).ann;
        let lines: Vec<&str> = ann.lines().collect();
        assert_eq!(lines[0], "T1\tPER 16 23\tZoë Lee");
        assert_eq!(lines[1], "T2\tQuantity 47 55\tabout 5%");
        assert!(lines.contains(&"A1\tQuantityKind T2 percent"));
        assert!(lines.contains(&"A2\tApproximate T2"));
        assert!(lines.contains(&"#1\tAnnotatorNotes T2\tvalue=5 unit=percent dimension=percent"));
        assert!(lines.contains(&"T3\tQuote 1 9\tWe grow,"));
        assert!(lines.contains(&"T4\tSpeaker 38 45\tZoë Lee"));
        assert!(lines.contains(&"R1\tSaidBy Arg1:T3 Arg2:T4"));
        // The second quote reuses the speaker (and gets its own cue).
        assert_eq!(ann.matches("\tSpeaker ").count(), 1);
        assert_eq!(ann.matches("\tCue ").count(), 2);
        assert_eq!(ann.matches("SaidBy Arg1:").count(), 2);
        assert_eq!(ann.matches("SpeakerKind").count(), 1);
    }
}
