//! The annotation types of the output contract (`spec/output.md`): one
//! [`Record`] per document, every list sorted by `start`, every `text` the
//! exact byte slice `[start, end)` of the document.

use crate::Span;
use serde::{Deserialize, Serialize};

/// The version of the output contract written in every record's `schema`.
pub const SCHEMA_VERSION: u32 = 1;

/// A sentence of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// First byte of the sentence (its first non-space character).
    pub start: usize,
    /// One past its last byte (closing quote or bracket included).
    pub end: usize,
    /// The sentence, exactly as written.
    pub text: String,
}

impl Sentence {
    /// The sentence at `span` of `text`.
    pub fn new(text: &str, span: Span) -> Self {
        Sentence {
            start: span.start,
            end: span.end,
            text: text[span].to_owned(),
        }
    }

    /// Where the sentence lies.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The CoNLL-2003 entity labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityLabel {
    /// People.
    #[serde(rename = "PER")]
    Per,
    /// Companies, agencies, teams, media outlets, exchanges, unions.
    #[serde(rename = "ORG")]
    Org,
    /// Countries, cities, regions, streets, ports.
    #[serde(rename = "LOC")]
    Loc,
    /// Nationalities, products, events, indices and other proper names.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityLabel {
    /// All labels, in a fixed order.
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Per,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Misc,
    ];

    /// The label as written in the output and in CoNLL files.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    /// Parses `PER`, `ORG`, `LOC` or `MISC` (also OntoNotes' `PERSON`,
    /// `GPE`, `NORP`, ... mapped onto the CoNLL labels).
    pub fn parse(label: &str) -> Option<EntityLabel> {
        Some(match label {
            "PER" | "PERSON" => EntityLabel::Per,
            "ORG" | "ORGANIZATION" => EntityLabel::Org,
            "LOC" | "LOCATION" | "GPE" | "FAC" => EntityLabel::Loc,
            "MISC" | "NORP" | "PRODUCT" | "EVENT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" => {
                EntityLabel::Misc
            }
            _ => return None,
        })
    }
}

impl std::fmt::Display for EntityLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// First byte of the mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The mention, exactly as written.
    pub text: String,
    /// Its type.
    pub label: EntityLabel,
    /// The model's confidence in `[0, 1]`.
    pub score: f32,
}

impl Entity {
    /// The entity at `span` of `text`.
    pub fn new(text: &str, span: Span, label: EntityLabel, score: f32) -> Self {
        Entity {
            start: span.start,
            end: span.end,
            text: text[span].to_owned(),
            label,
            score,
        }
    }

    /// Where the mention lies.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Direct (inside quotation marks) or indirect (reported) speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The words between a pair of double quotation marks.
    Direct,
    /// A reported clause introduced by a speech verb or `according to`.
    Indirect,
}

/// Who a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named person, or a surname or pronoun referring back to one.
    Person,
    /// An unnamed spokesperson, representative or official.
    Anonymous,
    /// An organization speaking as such (`Amazon said`, `the company said`).
    Organization,
}

/// The speaker mention of a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// First byte of the mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The mention as written, without title or honorific.
    pub text: String,
    /// The full name of the person, or the organization an anonymous
    /// speaker speaks for; `None` when it cannot be told.
    pub resolved: Option<String>,
    /// What kind of speaker this is.
    pub kind: SpeakerKind,
}

impl Speaker {
    /// The speaker mention at `span` of `text`.
    pub fn new(text: &str, span: Span, kind: SpeakerKind, resolved: Option<String>) -> Self {
        Speaker {
            start: span.start,
            end: span.end,
            text: text[span].to_owned(),
            resolved,
            kind,
        }
    }

    /// Where the mention lies.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The speech verb (or `according to`) that introduces a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// First byte of the cue.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The cue as written (`said`, `told`, `according to`).
    pub text: String,
    /// Its lemma (`say`, `tell`, `according to`).
    pub lemma: String,
}

impl Cue {
    /// The cue at `span` of `text`.
    pub fn new(text: &str, span: Span, lemma: impl Into<String>) -> Self {
        Cue {
            start: span.start,
            end: span.end,
            text: text[span].to_owned(),
            lemma: lemma.into(),
        }
    }

    /// Where the cue lies.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A quote and its attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// First byte of the quoted words.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// The quoted words (for direct quotes, exactly what lies between the marks).
    pub text: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
    /// The speech verb, when found.
    pub cue: Option<Cue>,
}

impl Quote {
    /// A quote at `span` of `text`, not yet attributed.
    pub fn new(text: &str, span: Span, kind: QuoteKind) -> Self {
        Quote {
            start: span.start,
            end: span.end,
            text: text[span].to_owned(),
            kind,
            speaker: None,
            cue: None,
        }
    }

    /// Where the quoted words lie.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    /// A plain count or amount (`1,250`, `a dozen`, `several hundred`).
    Cardinal,
    /// A rank (`first`, `4th`, `No. 1`).
    Ordinal,
    /// An amount of money, with an ISO 4217 `unit`.
    Money,
    /// A percentage (`unit` is `percent`).
    Percent,
    /// A range whose unit is not clear.
    Range,
}

/// What a quantity measures (`dimension` in the output contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Money; `unit` is an ISO 4217 code.
    Currency,
    /// A percentage or percentage points.
    Percent,
    /// `km`, `mi`, `in`, ...
    Length,
    /// `km2`, `ha`, `acre`, ...
    Area,
    /// `l`, `gal`, `bbl`, ...
    Volume,
    /// `kg`, `lb`, `t`, ...
    Mass,
    /// `mph`, `km/h`, ...
    Speed,
    /// `°C`, `°F`, `K`.
    Temperature,
    /// `GB`, `Mbps`, ...
    Data,
    /// `W`, `MW`, `hp`, ...
    Power,
    /// `kWh`, `J`, `kcal`, ...
    Energy,
    /// `Hz`, `GHz`, `rpm`.
    Frequency,
    /// `s`, `min`, `h`, `d`, `week`, `month`, `year`, `decade`.
    Duration,
    /// A person's age; `unit` is `year`.
    Age,
    /// A number with no unit.
    Count,
}

impl Dimension {
    /// The name the output contract uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Currency => "currency",
            Dimension::Percent => "percent",
            Dimension::Length => "length",
            Dimension::Area => "area",
            Dimension::Volume => "volume",
            Dimension::Mass => "mass",
            Dimension::Speed => "speed",
            Dimension::Temperature => "temperature",
            Dimension::Data => "data",
            Dimension::Power => "power",
            Dimension::Energy => "energy",
            Dimension::Frequency => "frequency",
            Dimension::Duration => "duration",
            Dimension::Age => "age",
            Dimension::Count => "count",
        }
    }

    /// What a quantity of `kind` measures when nothing else says: money
    /// is currency, a percentage percent, a rank nothing, anything else a
    /// count.
    pub fn of_kind(kind: QuantityKind) -> Option<Dimension> {
        match kind {
            QuantityKind::Money => Some(Dimension::Currency),
            QuantityKind::Percent => Some(Dimension::Percent),
            QuantityKind::Ordinal => None,
            QuantityKind::Cardinal | QuantityKind::Range => Some(Dimension::Count),
        }
    }
}

/// The direction of a change whose size a quantity is (`rose 12%`: up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// `rose`, `raised`, `a 12% increase`, `up 8%`.
    Up,
    /// `fell`, `cut`, `narrowed`, `a 5% drop`, `down 3%`.
    Down,
}

/// Which side a hedge bounds the value from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// `more than`, `at least`, `or more`.
    AtLeast,
    /// `up to`, `fewer than`, `or less`.
    AtMost,
}

/// A normalized number found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// First byte (a hedge word such as `about` included).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The quantity as written.
    pub text: String,
    /// What it counts.
    pub kind: QuantityKind,
    /// The exact value; `None` for ranges and vague amounts.
    pub value: Option<f64>,
    /// The low end of a range or vague amount.
    pub low: Option<f64>,
    /// The high end of a range or vague amount.
    pub high: Option<f64>,
    /// Whether the text hedges (`about`, `more than`) or is vague (`several hundred`).
    pub approximate: bool,
    /// `USD`, `EUR`, ... for money, `percent` for percentages, a unit's
    /// symbol for a measure (`km`, `GB`, `°C`, `year`).
    pub unit: Option<String>,
    /// What it measures; `None` for a rank.
    #[serde(default)]
    pub dimension: Option<Dimension>,
    /// Whether it is the size of a change, and which way.
    #[serde(default)]
    pub change: Option<Change>,
    /// Which side a hedge bounds it from.
    #[serde(default)]
    pub bound: Option<Bound>,
}

impl Quantity {
    /// A quantity at `span` of `text` with the given kind and no value yet.
    pub fn new(text: &str, span: Span, kind: QuantityKind) -> Self {
        Quantity {
            start: span.start,
            end: span.end,
            text: text[span].to_owned(),
            kind,
            value: None,
            low: None,
            high: None,
            approximate: false,
            unit: None,
            dimension: Dimension::of_kind(kind),
            change: None,
            bound: None,
        }
    }

    /// Where the quantity lies.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Everything newsie found in one document: one line of JSON Lines output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The document's identifier.
    pub id: String,
    /// The output contract's version, [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Sentences, sorted by `start`.
    pub sentences: Vec<Sentence>,
    /// Named entities, sorted by `start`.
    pub entities: Vec<Entity>,
    /// Quotes, sorted by `start`.
    pub quotes: Vec<Quote>,
    /// Quantities, sorted by `start`.
    pub quantities: Vec<Quantity>,
}

impl Record {
    /// An empty record for the document `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Record {
            id: id.into(),
            schema: SCHEMA_VERSION,
            sentences: Vec::new(),
            entities: Vec::new(),
            quotes: Vec::new(),
            quantities: Vec::new(),
        }
    }

    /// Checks the contract against the document's `text`: every span in
    /// bounds and on character boundaries, every `text` field equal to its
    /// slice, every list sorted by `start`.
    pub fn validate(&self, text: &str) -> Result<(), ValidationError> {
        fn check(
            list: &'static str,
            index: usize,
            doc: &str,
            start: usize,
            end: usize,
            claimed: &str,
        ) -> Result<(), ValidationError> {
            let err = |problem| ValidationError {
                list,
                index,
                start,
                end,
                problem,
            };
            if start > end || end > doc.len() {
                return Err(err("out of bounds"));
            }
            let Some(slice) = doc.get(start..end) else {
                return Err(err("not on a character boundary"));
            };
            if slice != claimed {
                return Err(err("text differs from the slice [start, end)"));
            }
            Ok(())
        }
        fn sorted(list: &'static str, starts: &[usize]) -> Result<(), ValidationError> {
            match starts.windows(2).position(|w| w[0] > w[1]) {
                None => Ok(()),
                Some(i) => Err(ValidationError {
                    list,
                    index: i + 1,
                    start: starts[i + 1],
                    end: starts[i + 1],
                    problem: "list not sorted by start",
                }),
            }
        }
        for (i, s) in self.sentences.iter().enumerate() {
            check("sentences", i, text, s.start, s.end, &s.text)?;
        }
        for (i, e) in self.entities.iter().enumerate() {
            check("entities", i, text, e.start, e.end, &e.text)?;
        }
        for (i, q) in self.quotes.iter().enumerate() {
            check("quotes", i, text, q.start, q.end, &q.text)?;
            if let Some(s) = &q.speaker {
                check("quotes.speaker", i, text, s.start, s.end, &s.text)?;
            }
            if let Some(c) = &q.cue {
                check("quotes.cue", i, text, c.start, c.end, &c.text)?;
            }
        }
        for (i, q) in self.quantities.iter().enumerate() {
            check("quantities", i, text, q.start, q.end, &q.text)?;
        }
        sorted(
            "sentences",
            &self.sentences.iter().map(|s| s.start).collect::<Vec<_>>(),
        )?;
        sorted(
            "entities",
            &self.entities.iter().map(|s| s.start).collect::<Vec<_>>(),
        )?;
        sorted(
            "quotes",
            &self.quotes.iter().map(|s| s.start).collect::<Vec<_>>(),
        )?;
        sorted(
            "quantities",
            &self.quantities.iter().map(|s| s.start).collect::<Vec<_>>(),
        )?;
        Ok(())
    }

    /// Sorts every list by `start` (then `end`), as the contract requires.
    pub fn sort(&mut self) {
        self.sentences.sort_by_key(|s| (s.start, s.end));
        self.entities.sort_by_key(|s| (s.start, s.end));
        self.quotes.sort_by_key(|s| (s.start, s.end));
        self.quantities.sort_by_key(|s| (s.start, s.end));
    }

    /// Rewrites every offset (annotations, speakers, cues) from bytes to
    /// Unicode code points of `text`, the document the record was made
    /// from, as Python's `str`, JavaScript's `Array.from` and brat count
    /// them. Runs in one pass over the text plus a sort of the offsets. The
    /// `text` fields stay as they are; `validate` checks byte offsets, so
    /// run it before.
    pub fn convert_to_char_offsets(&mut self, text: &str) {
        let mut offsets: Vec<usize> = Vec::new();
        self.for_each_offset(|o| offsets.push(*o));
        offsets.sort_unstable();
        offsets.dedup();
        // Each needed byte offset's code-point index, in one walk.
        let mut chars_at = Vec::with_capacity(offsets.len());
        let mut next = offsets.iter().peekable();
        let mut count = 0;
        for (byte, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            while next.peek().is_some_and(|&&o| o <= byte) {
                next.next();
                chars_at.push(count);
            }
            count += 1;
        }
        while next.next().is_some() {
            chars_at.push(count);
        }
        self.for_each_offset(|o| {
            let at = offsets.partition_point(|&x| x < *o);
            *o = chars_at[at];
        });
    }

    /// Calls `f` on every offset of the record.
    fn for_each_offset(&mut self, mut f: impl FnMut(&mut usize)) {
        for s in &mut self.sentences {
            f(&mut s.start);
            f(&mut s.end);
        }
        for e in &mut self.entities {
            f(&mut e.start);
            f(&mut e.end);
        }
        for q in &mut self.quotes {
            f(&mut q.start);
            f(&mut q.end);
            if let Some(speaker) = &mut q.speaker {
                f(&mut speaker.start);
                f(&mut speaker.end);
            }
            if let Some(cue) = &mut q.cue {
                f(&mut cue.start);
                f(&mut cue.end);
            }
        }
        for q in &mut self.quantities {
            f(&mut q.start);
            f(&mut q.end);
        }
    }

    /// Appends the annotations of `part`, a record of the text that starts
    /// at byte `offset` of this record's document, with every span moved by
    /// `offset`. A long document annotated piece by piece is put together
    /// this way; the lists stay sorted when the pieces come in order.
    pub fn append_shifted(&mut self, part: Record, offset: usize) {
        let shift = |start: &mut usize, end: &mut usize| {
            *start += offset;
            *end += offset;
        };
        for mut s in part.sentences {
            shift(&mut s.start, &mut s.end);
            self.sentences.push(s);
        }
        for mut e in part.entities {
            shift(&mut e.start, &mut e.end);
            self.entities.push(e);
        }
        for mut q in part.quotes {
            shift(&mut q.start, &mut q.end);
            if let Some(speaker) = &mut q.speaker {
                shift(&mut speaker.start, &mut speaker.end);
            }
            if let Some(cue) = &mut q.cue {
                shift(&mut cue.start, &mut cue.end);
            }
            self.quotes.push(q);
        }
        for mut q in part.quantities {
            shift(&mut q.start, &mut q.end);
            self.quantities.push(q);
        }
    }
}

/// The record of a document that could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The document's identifier.
    pub id: String,
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong with a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// A stable machine-readable kind: `invalid_utf8`, `io`, `binary`, `invalid_json`, ...
    pub kind: String,
    /// A message for people.
    pub message: String,
}

impl ErrorRecord {
    /// An error record for document `id`.
    pub fn new(id: impl Into<String>, kind: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorRecord {
            id: id.into(),
            error: ErrorDetail {
                kind: kind.into(),
                message: message.into(),
            },
        }
    }
}

/// A record that breaks the output contract.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{list}[{index}] ({start}..{end}): {problem}")]
#[non_exhaustive]
pub struct ValidationError {
    /// Which list holds the bad annotation.
    pub list: &'static str,
    /// Its index in that list.
    pub index: usize,
    /// Its claimed start.
    pub start: usize,
    /// Its claimed end.
    pub end: usize,
    /// What is wrong with it.
    pub problem: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_the_contract_shape() {
        let text = "“Yes,” an AWS spokesperson said.";
        let mut record = Record::new("a.txt");
        let mut quote = Quote::new(text, Span::new(3, 7), QuoteKind::Direct);
        quote.speaker = Some(Speaker::new(
            text,
            Span::new(11, 30),
            SpeakerKind::Anonymous,
            Some("AWS".into()),
        ));
        quote.cue = Some(Cue::new(text, Span::new(31, 35), "say"));
        record.quotes.push(quote);
        record.validate(text).unwrap();
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["schema"], 1);
        assert_eq!(json["quotes"][0]["text"], "Yes,");
        assert_eq!(json["quotes"][0]["kind"], "direct");
        assert_eq!(json["quotes"][0]["speaker"]["kind"], "anonymous");
        assert_eq!(json["quotes"][0]["speaker"]["text"], "an AWS spokesperson");
        assert_eq!(json["quotes"][0]["cue"]["lemma"], "say");
        let back: Record = serde_json::from_value(json).unwrap();
        assert_eq!(back, record);
    }

    #[test]
    fn validation_catches_broken_spans() {
        let text = "é a";
        let mut record = Record::new("x");
        record.sentences.push(Sentence {
            start: 1,
            end: 3,
            text: String::new(),
        });
        let err = record.validate(text).unwrap_err();
        assert_eq!(err.problem, "not on a character boundary");
        record.sentences[0] = Sentence::new(text, Span::new(3, 4));
        record.sentences.push(Sentence::new(text, Span::new(0, 2)));
        assert_eq!(
            record.validate(text).unwrap_err().problem,
            "list not sorted by start"
        );
    }

    #[test]
    fn char_offsets_count_code_points() {
        // An emoji (4 bytes, 1 code point), a combining accent (2 bytes, a
        // code point of its own) and CJK (3 bytes each).
        let text = "😀 Zoe\u{301} met 東京 Acme.";
        let mut record = Record::new("d");
        for word in ["Zoe\u{301}", "東京", "Acme"] {
            let at = text.find(word).unwrap();
            record.entities.push(Entity::new(
                text,
                Span::new(at, at + word.len()),
                EntityLabel::Misc,
                1.0,
            ));
        }
        record.convert_to_char_offsets(text);
        let chars: Vec<char> = text.chars().collect();
        for e in &record.entities {
            let slice: String = chars[e.start..e.end].iter().collect();
            assert_eq!(slice, e.text);
        }
        assert_eq!((record.entities[0].start, record.entities[0].end), (2, 6));
    }

    #[test]
    fn appended_parts_keep_their_text_under_moved_spans() {
        let text = "Acme rose 5%.\nAcme said it grew.";
        let second = "Acme said it grew.";
        let offset = text.find(second).unwrap();
        let mut part = Record::new("d");
        part.entities
            .push(Entity::new(second, Span::new(0, 4), EntityLabel::Org, 1.0));
        let mut quote = Quote::new(second, Span::new(10, 17), QuoteKind::Indirect);
        quote.speaker = Some(Speaker::new(
            second,
            Span::new(0, 4),
            SpeakerKind::Organization,
            None,
        ));
        quote.cue = Some(Cue::new(second, Span::new(5, 9), "say"));
        part.quotes.push(quote);
        let mut record = Record::new("d");
        record.quantities.push(Quantity::new(
            text,
            Span::new(10, 12),
            QuantityKind::Percent,
        ));
        record.append_shifted(part, offset);
        assert!(record.validate(text).is_ok(), "{:?}", record.validate(text));
        assert_eq!(record.quotes[0].cue.as_ref().unwrap().start, offset + 5);
    }
}
