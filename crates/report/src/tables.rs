//! The finished report: every table, as plain data (serialized as one
//! JSON object, written as CSV tables or drawn as an HTML page).

use crate::identity::Kind;
use newsie_core::{Change, EntityLabel, QuantityKind, QuoteKind};
use serde::Serialize;

/// Everything a report holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tables {
    /// Totals and the limits the report was made with.
    pub summary: Summary,
    /// Sourcing over the whole corpus.
    pub corpus: GroupRow,
    /// Sourcing per group (`--group-by`), sorted by group name; empty when
    /// no document had a group.
    pub groups: Vec<GroupRow>,
    /// Every speaker identity, most quoted first.
    pub speakers: Vec<SpeakerRow>,
    /// The most-mentioned entities of each label (PER, ORG, LOC, MISC in
    /// turn), most mentioned first.
    pub entities: Vec<EntityRow>,
    /// Money and percentages stated in sentences that name an organization,
    /// by organization, then in input order.
    pub figures: Vec<FigureRow>,
    /// The acronyms the articles define for organizations.
    pub aliases: Vec<AliasRow>,
}

/// Totals over the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Records read (failed ones included).
    pub documents: u64,
    /// Error records of `newsie extract` among them.
    pub failed_documents: u64,
    /// Input lines that were no record at all (bad JSON), skipped.
    pub bad_lines: u64,
    /// Quotes found.
    pub quotes: u64,
    /// Speaker identities after merging.
    pub speakers: u64,
    /// Distinct entities (label and text) mentioned.
    pub distinct_entities: u64,
    /// Money and percentage figures stated with an organization: every
    /// (organization as written, figure) pair, those beyond
    /// `figures_per_organization` included.
    pub figures_found: u64,
    /// Figures listed in `figures`.
    pub figures_listed: u64,
    /// The most quotes kept per speaker as examples.
    pub examples_per_speaker: usize,
    /// The most figures listed per organization.
    pub figures_per_organization: usize,
    /// The length of each ranked list (0: no limit).
    pub top: usize,
}

/// Who is quoted in a group of documents (or the whole corpus).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    /// The group's name (`all` for the corpus).
    pub group: String,
    /// Documents in the group.
    pub documents: u64,
    /// Quotes in the group.
    pub quotes: u64,
    /// Quotes from named people.
    pub person: u64,
    /// Quotes from unnamed sources.
    pub anonymous: u64,
    /// Quotes from organizations.
    pub organization: u64,
    /// Quotes without a speaker.
    pub unattributed: u64,
    /// The share of the group's quotes from named people (0 without quotes).
    pub share_person: f64,
    /// The share from unnamed sources.
    pub share_anonymous: f64,
    /// The share from organizations.
    pub share_organization: f64,
    /// The share without a speaker.
    pub share_unattributed: f64,
    /// The most-quoted people of the group.
    pub top_people: Vec<Ranked>,
    /// The most-quoted organizations of the group.
    pub top_organizations: Vec<Ranked>,
}

/// A speaker in a ranked list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranked {
    /// The speaker's `id` in the speakers table.
    pub id: String,
    /// The speaker's name.
    pub name: String,
    /// Quotes in the group.
    pub quotes: u64,
}

/// Where an identity appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appearance {
    /// The document's id.
    pub document: String,
    /// Its position in the input (0 for the first record).
    pub index: u64,
}

/// One speaker identity, merged across documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerRow {
    /// A stable key within the report (`s1` is the most quoted).
    pub id: String,
    /// The identity's name: a person's fullest name, an organization's
    /// full name, the organization or description of unnamed sources.
    pub name: String,
    /// What kind of speaker.
    pub kind: Kind,
    /// Quotes attributed to it.
    pub quotes: u64,
    /// Of them, direct quotes.
    pub direct: u64,
    /// Of them, indirect quotes.
    pub indirect: u64,
    /// Documents quoting it.
    pub documents: u64,
    /// The first document quoting it, in input order.
    pub first: Appearance,
    /// The last one.
    pub last: Appearance,
    /// The names merged into this identity, with their quote counts, most
    /// quoted first (its own name among them).
    pub forms: Vec<Form>,
    /// How the articles referred to it (`an AWS spokesperson`), up to 20.
    pub mentions: Vec<String>,
    /// Its first quotes in input order, up to `examples_per_speaker`.
    pub examples: Vec<QuoteExample>,
}

/// A name merged into an identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Form {
    /// The name as tallied.
    pub name: String,
    /// Quotes under it.
    pub quotes: u64,
}

/// A quote kept as an example of its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteExample {
    /// The quoted words.
    pub text: String,
    /// The document's id.
    pub document: String,
    /// Its position in the input.
    pub index: u64,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speech verb as written (`said`), when found.
    pub cue: Option<String>,
    /// The speaker mention as written.
    pub speaker: String,
    /// The quote's start in its document.
    pub start: usize,
    /// Its end.
    pub end: usize,
}

/// An entity and how often it is mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRow {
    /// Its label.
    pub label: EntityLabel,
    /// The mention's text (white space made single spaces).
    pub text: String,
    /// Mentions in the corpus.
    pub mentions: u64,
    /// Documents mentioning it.
    pub documents: u64,
    /// Its rank within its label (1 is the most mentioned).
    pub rank: usize,
}

/// A money or percentage figure stated in a sentence naming an
/// organization.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRow {
    /// The organization (an acronym written as the name it stands for).
    pub organization: String,
    /// The document's id.
    pub document: String,
    /// Its position in the input.
    pub index: u64,
    /// The quantity as written (`$24.2 billion`).
    pub text: String,
    /// `money` or `percent` (or a `range` of either).
    pub kind: QuantityKind,
    /// The exact value, when there is one.
    pub value: Option<f64>,
    /// The low end of a range or vague amount.
    pub low: Option<f64>,
    /// The high end.
    pub high: Option<f64>,
    /// `USD`, `EUR`, ..., or `percent`.
    pub unit: Option<String>,
    /// Whether the text hedges.
    pub approximate: bool,
    /// Whether it is the size of a change, and which way.
    pub change: Option<Change>,
    /// The quantity's start in its document.
    pub start: usize,
    /// Its end.
    pub end: usize,
    /// The sentence's start.
    pub sentence_start: usize,
    /// The sentence's end.
    pub sentence_end: usize,
}

/// An acronym and the organization it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasRow {
    /// The acronym (`AWS`).
    pub alias: String,
    /// The name (`Amazon Web Services`).
    pub name: String,
    /// Times an article defined it so.
    pub definitions: u64,
    /// Whether the acronym was merged into the name: only when the
    /// articles define it one way.
    pub merged: bool,
}

impl Tables {
    /// The row of speaker `id` (`s1`, ...).
    pub fn speaker(&self, id: &str) -> Option<&SpeakerRow> {
        self.speakers.iter().find(|s| s.id == id)
    }

    /// The speaker identity a name was merged into.
    pub fn speaker_named(&self, kind: Kind, name: &str) -> Option<&SpeakerRow> {
        self.speakers
            .iter()
            .find(|s| s.kind == kind && s.forms.iter().any(|f| f.name == name))
    }

    /// The report as one JSON object.
    pub fn to_json(&self, pretty: bool) -> String {
        let json = if pretty {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        // Strings, numbers and lists only; a NaN share is never made.
        json.expect("the tables serialize")
    }
}
