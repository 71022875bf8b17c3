//! Named-entity tagging (PER, ORG, LOC, MISC) with byte spans.
//!
//! The default backend is a linear model the project trains itself (see
//! [`train`] and `models/ner/MANIFEST.md`): a greedy left-to-right linear
//! model over BILOU tags with word, affix, shape, word-class (k-means
//! clusters of spaCy's and GloVe's word vectors, and the entity types of a
//! word's nearest GloVe neighbours in the training text), gazetteer,
//! tag-history, name-chain (the last word of a run of capitalized
//! words such as `Office for National Statistics`), line-shape (a short
//! line's runs of names and numbers, as in results tables) and
//! document-level features (among them the words that follow each mention
//! of a name in the document). Its weights are averaged passive-aggressive
//! weights, the mean of several learners trained with different seeds, and
//! an entity never runs on
//! into a score or a date (`9-1`, `19/11/96`). A headline in US title case
//! is tagged in the case its words take in the article's body. On text,
//! every backend's mentions then follow the annotation conventions that a
//! CoNLL-trained model does not know: no titles or possessives, a name runs
//! on over a number that a possessive follows (`Digital Commerce 360's`),
//! a product over its model number (`Boeing 777X`, `Nikkei 225`: one MISC,
//! see the `products` module),
//! `Milan-based` is the place `Milan`, `Rep. Luis Ortega` a person,
//! `Hoshino Foods` a company and `Van Houten & Co.` a firm (and `Van
//! Houten` too, elsewhere in the article). With the linear model, a name
//! tagged with confidence also corrects the unsure mentions that glue it
//! to another name or shorten it, in the same article (the `consistency`
//! module), on text and on gold tokens alike. The model file is
//! embedded in the crate, so [`Tagger::embedded`] needs no setup. Other
//! backends plug in through the [`Backend`] trait: the [`transformer`]
//! module runs any BERT token-classification checkpoint (libtorch through
//! rust-bert, behind the cargo feature `transformer`; its post-processing
//! compiles and is tested without it).
//!
//! ```
//! use newsie_core::EntityLabel;
//! use newsie_ner::Tagger;
//!
//! let tagger = Tagger::embedded().unwrap();
//! let text = "Amazon CEO Andy Jassy spoke in London on Tuesday.";
//! let entities = tagger.tag(text, &[]).unwrap();
//! let found: Vec<(&str, EntityLabel)> = entities.iter().map(|e| (e.text.as_str(), e.label)).collect();
//! assert!(found.contains(&("Andy Jassy", EntityLabel::Per)));
//! assert!(found.contains(&("London", EntityLabel::Loc)));
//! ```

mod consistency;
mod features;
mod hash;
mod joins;
mod kind_nouns;
mod model;
mod products;
pub mod train;
pub mod transformer;

pub use model::Model;

use features::{split_tag, Position};
use newsie_core::{word_tokens, Entity, EntityLabel, Span, TokenStream};

/// Why tagging, loading or training failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model could not be loaded.
    #[error("cannot load the NER model: {0}")]
    Model(String),
    /// Training or evaluation data could not be read.
    #[error("bad NER data: {0}")]
    Data(String),
}

/// An entity over pre-tokenized text: sentence index, token range, label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenEntity {
    /// The sentence, an index into the document's sentences.
    pub sentence: usize,
    /// First token of the mention.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// Its type.
    pub label: EntityLabel,
    /// The model's confidence in `[0, 1]`.
    pub score: f32,
}

/// A tagging backend: turns text (with its sentence spans) into entities.
pub trait Backend: Send + Sync {
    /// Tags `text`; `sentences` are the sentence spans (may be empty, in
    /// which case the whole text is one sentence).
    fn tag(&self, text: &str, sentences: &[Span]) -> Result<Vec<Entity>, Error>;

    /// Tags several documents, each a text with its sentence spans: one
    /// result per document, in order, so that one bad document fails alone.
    /// The default tags them one at a time; a backend that runs faster on
    /// batches (the transformer) overrides it.
    fn tag_many(&self, documents: &[(&str, &[Span])]) -> Vec<Result<Vec<Entity>, Error>> {
        documents
            .iter()
            .map(|(text, sentences)| self.tag(text, sentences))
            .collect()
    }

    /// Tags `text` as [`Backend::tag`] does, given its word tokens computed
    /// once by the caller and shared with other stages. The default ignores
    /// them; a backend that reads newsie's own tokens (the linear model)
    /// takes them instead of tokenizing again.
    fn tag_stream(
        &self,
        text: &str,
        sentences: &[Span],
        stream: &TokenStream,
    ) -> Result<Vec<Entity>, Error> {
        let _ = stream;
        self.tag(text, sentences)
    }

    /// Whether [`Backend::tag_many`] is faster than tagging the documents
    /// one by one on parallel threads (default `false`).
    fn prefers_batches(&self) -> bool {
        false
    }

    /// Tags one pre-tokenized document (sentences of tokens), as benchmark
    /// suites such as CoNLL-2003 give it. The default joins the tokens with
    /// spaces, calls [`Backend::tag`] and maps the spans back to tokens.
    fn tag_tokens(&self, document: &[Vec<&str>]) -> Result<Vec<TokenEntity>, Error> {
        let mut text = String::new();
        let mut sentence_spans = Vec::new();
        // (sentence, token span) for every token, in text order.
        let mut token_spans: Vec<(usize, Span)> = Vec::new();
        for (s, tokens) in document.iter().enumerate() {
            let start = text.len();
            for (i, token) in tokens.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                let at = text.len();
                text.push_str(token);
                token_spans.push((s, Span::new(at, text.len())));
            }
            sentence_spans.push(Span::new(start, text.len()));
            text.push('\n');
        }
        let entities = self.tag(&text, &sentence_spans)?;
        let mut out = Vec::new();
        for e in entities {
            // Tokens the entity overlaps, within its first sentence.
            let mut covered = token_spans
                .iter()
                .enumerate()
                .filter(|(_, (_, span))| span.start < e.end && e.start < span.end);
            let Some((first, &(sentence, _))) = covered.next() else {
                continue;
            };
            let last = covered
                .rfind(|(_, (s, _))| *s == sentence)
                .map_or(first, |(i, _)| i);
            let sentence_start = token_spans
                .iter()
                .position(|(s, _)| *s == sentence)
                .unwrap_or(0);
            out.push(TokenEntity {
                sentence,
                start: first - sentence_start,
                end: last + 1 - sentence_start,
                label: e.label,
                score: e.score,
            });
        }
        Ok(out)
    }
}

/// The model embedded in the crate (see `models/ner/MANIFEST.md`).
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/ner/newsie-ner.bin");

const LABELS: [EntityLabel; 4] = [
    EntityLabel::Per,
    EntityLabel::Org,
    EntityLabel::Loc,
    EntityLabel::Misc,
];

/// Words that title a person and are not part of the name (`CEO Andy Jassy`).
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "cio",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "vice",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "mayor",
    "judge",
    "justice",
    "minister",
    "secretary",
    "general",
    "gen",
    "col",
    "capt",
    "captain",
    "sgt",
    "lt",
    "officer",
    "chief",
    "executive",
    "director",
    "founder",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "saint",
    "st",
    "coach",
    "manager",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "economist",
    "head",
    "premier",
    "chancellor",
    "ambassador",
    "commissioner",
    "prosecutor",
    "attorney",
];

/// Corporate suffixes whose abbreviating dot belongs to the organization.
const CORPORATE_SUFFIXES: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "llc", "bhd", "ag", "sa", "nv", "bv",
];

fn is_possessive(token: &str) -> bool {
    let mut chars = token.chars();
    matches!(chars.next(), Some('\'' | '\u{2019}'))
        && matches!(chars.next(), Some('s' | 'S'))
        && chars.next().is_none()
}

/// Whether a word opens with a capital letter.
pub(crate) fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The most words of a name the rules after decoding read off the words
/// around it (a run of capitals, a body's `of` tail), so that text in
/// capitals costs them linear time.
pub(crate) const RULE_NAME_WORDS: usize = 12;

/// The mentions of one sentence that overlap its words `start..end`:
/// `in_sentence` indexes the sentence's mentions, sorted by start and not
/// overlapping one another, so the search is a binary search and a walk
/// over the overlapping ones only.
pub(crate) fn overlapping(
    mentions: &[products::Mention],
    in_sentence: &[usize],
    start: usize,
    end: usize,
) -> Vec<usize> {
    let before_end = in_sentence.partition_point(|&m| mentions[m].1 < end);
    let mut found: Vec<usize> = in_sentence[..before_end]
        .iter()
        .rev()
        .copied()
        .take_while(|&m| mentions[m].2 > start)
        .collect();
    found.reverse();
    found
}

/// Capitalized words that never open a name a rule after decoding reads
/// off the words around it: a pronoun, days and months (`told the company
/// Monday`).
pub(crate) fn is_day_month_or_i(word: &str) -> bool {
    matches!(
        word,
        "I" | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

/// Words that name an organization's kind or industry and never end a
/// person's name (`Hoshino Foods`, `Kessler Research Group`, `Greaves
/// Analytics`, `Harlow Energy`): a person's name ending in one is an
/// organization. (`Power` is left out: `Samantha Power`.)
const ORGANIZATION_HEADS: &[&str] = &[
    "aero",
    "aerospace",
    "airlines",
    "airways",
    "analytics",
    "apparel",
    "association",
    "automotive",
    "aviation",
    "bancorp",
    "bank",
    "biosciences",
    "biotech",
    "brands",
    "brewing",
    "capital",
    "chemicals",
    "college",
    "commission",
    "committee",
    "communications",
    "consulting",
    "corp",
    "corporation",
    "council",
    "department",
    "digital",
    "dynamics",
    "electric",
    "energy",
    "entertainment",
    "financial",
    "foods",
    "foundation",
    "games",
    "group",
    "holdings",
    "hotels",
    "inc",
    "industries",
    "institute",
    "insurance",
    "interactive",
    "investments",
    "labs",
    "logistics",
    "ltd",
    "media",
    "mining",
    "ministry",
    "motors",
    "networks",
    "partners",
    "petroleum",
    "pharma",
    "pharmaceuticals",
    "pictures",
    "plc",
    "railways",
    "realty",
    "resorts",
    "robotics",
    "securities",
    "semiconductor",
    "services",
    "shipping",
    "software",
    "solutions",
    "studios",
    "systems",
    "technologies",
    "telecom",
    "therapeutics",
    "university",
    "ventures",
];

/// Head nouns of bodies that are never places nor products (`St. Louis
/// Sports Commission`, `Boston Children's Hospital`, `Max Planck
/// Institute`), newspapers' among them (`Santa Rosa Ledger`, `Financial
/// Times`): a place or MISC name ending in one is an organization.
/// (`Bank` is left out, for `West Bank`.)
const BODY_HEADS: &[&str] = &[
    "agency",
    "association",
    "chronicle",
    "college",
    "commission",
    "committee",
    "council",
    "courier",
    "department",
    "examiner",
    "foundation",
    "gazette",
    "herald",
    "hospital",
    "inquirer",
    "institute",
    "journal",
    "ledger",
    "ministry",
    "news",
    "observer",
    "post",
    "register",
    "telegraph",
    "times",
    "tribune",
    "university",
];

/// Abbreviated titles that only ever precede a person's name (`Rep. Luis
/// Ortega`, `Sen.`, `Dr.`; not `St.`, which also opens places).
const PERSON_ABBREVIATIONS: &[&str] = &[
    "rep", "sen", "gov", "gen", "col", "capt", "sgt", "lt", "dr", "mr", "mrs", "ms",
];

/// The news conventions of annotation.md that a CoNLL-trained model does not
/// know, for any backend: a possessive `'s` is not part of the name, nor is
/// a person's title (or its abbreviating dot); a mention that opens with an
/// abbreviated person's title (`Rep. Luis Ortega`) is that person, whatever
/// type the model gave it, and a person whose last word names an
/// organization's kind (`Hoshino Foods`) is that organization. `None` when
/// nothing is left.
fn news_trim(
    words: &[&str],
    mut start: usize,
    mut end: usize,
    mut label: EntityLabel,
) -> Option<(usize, usize, EntityLabel)> {
    while end > start && is_possessive(words[end - 1]) {
        end -= 1;
    }
    // A name ends in a name's word, never in a lower-case common word that
    // the greedy tagger ran on over (`Amazon Go stores`): the noun after a
    // name is what it names.
    while end - start > 1 && is_common_word(words[end - 1]) {
        end -= 1;
    }
    if label != EntityLabel::Per
        && end - start > 2
        && PERSON_ABBREVIATIONS.contains(&words[start].to_lowercase().as_str())
        && words[start + 1] == "."
        && words[start + 2]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        label = EntityLabel::Per;
    }
    let head = words[end - 1].to_lowercase();
    if label == EntityLabel::Per && end - start > 1 && ORGANIZATION_HEADS.contains(&head.as_str()) {
        label = EntityLabel::Org;
    }
    if matches!(label, EntityLabel::Loc | EntityLabel::Misc)
        && end - start > 1
        && BODY_HEADS.contains(&head.as_str())
    {
        label = EntityLabel::Org;
    }
    if label == EntityLabel::Per {
        while end - start > 1
            && (TITLES.contains(&words[start].to_lowercase().as_str()) || words[start] == ".")
        {
            start += 1;
        }
    }
    (end > start).then_some((start, end, label))
}

/// A word all in lower-case letters (`stores`, `technology`), which no
/// name ends with in news (names end capitalized, or in a code or number:
/// `iPhone 15`, `A321neo`).
fn is_common_word(word: &str) -> bool {
    word.len() > 2 && word.chars().all(|c| c.is_ascii_lowercase())
}

/// Compound adjectives whose first part names where something is.
const PLACE_COMPOUNDS: &[&str] = &["-based", "-headquartered"];

/// `Milan-based` as an entity is the place `Milan`: the annotation marks
/// the place inside the compound (`Milan-based Credito Ligure`), while
/// CoNLL-2003 tags the whole word MISC, as the model learned. Returns the
/// span and label to keep.
fn place_in_compound(text: &str, span: Span, label: EntityLabel) -> (Span, EntityLabel) {
    let mention = &text[span.start..span.end];
    for suffix in PLACE_COMPOUNDS {
        // The suffixes are ASCII, compared in any case (`Milan-Based` in a
        // title-case headline); a cut off a char boundary is no match.
        let Some(cut) = mention.len().checked_sub(suffix.len()) else {
            continue;
        };
        if !mention.is_char_boundary(cut) || !mention[cut..].eq_ignore_ascii_case(suffix) {
            continue;
        }
        if mention[..cut]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        {
            return (Span::new(span.start, span.start + cut), EntityLabel::Loc);
        }
    }
    (span, label)
}

/// A bare number of up to four digits (`360`, `1`, `500`).
fn is_bare_number(token: &str) -> bool {
    (1..=4).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit())
}

/// The words that, after `&`, make a name a firm's (`Van Houten & Co.`,
/// `Dombey & Sons`).
const FIRM_TAILS: &[&str] = &["co", "company", "sons", "partners", "associates"];

/// Whether `word` is a firm's tail, with or without its abbreviation dot
/// (the shared tokenizer keeps `Co.` whole; gold tokens split `Co` `.`).
fn is_firm_tail(word: &str) -> bool {
    let bare = word.strip_suffix('.').unwrap_or(word);
    FIRM_TAILS.iter().any(|t| bare.eq_ignore_ascii_case(t))
}

/// A name followed by `& Co.` (or `& Sons`, `& Partners`, ...) names a
/// firm: the mention runs on over the tail and is an organization, whatever
/// type the model gave it (a surname reads as a person), and a mention the
/// model made of the tail alone goes. The firm's name without the tail is
/// the firm at its other mentions in the document too (`Van Houten said`).
/// Mentions are (sentence, start token, end token, label, score), in
/// document order.
fn firm_names(words: &[Vec<&str>], mentions: &mut Vec<(usize, usize, usize, EntityLabel, f32)>) {
    let mut covered: Option<(usize, usize)> = None;
    let mut firms: Vec<&[&str]> = Vec::new();
    mentions.retain_mut(|(s, start, end, label, _)| {
        if covered.is_some_and(|(cs, cend)| cs == *s && *start < cend) {
            return false;
        }
        let sentence = &words[*s];
        if sentence.get(*end) == Some(&"&")
            && sentence.get(*end + 1).is_some_and(|w| is_firm_tail(w))
        {
            firms.push(&sentence[*start..*end]);
            *end += 2;
            *label = EntityLabel::Org;
            covered = Some((*s, *end));
        } else if let Some(amp) = (*start + 1..end.saturating_sub(1))
            .find(|&k| sentence[k] == "&" && is_firm_tail(sentence[k + 1]))
        {
            // The model took the tail in (`Van Houten & Co. of the
            // Netherlands`): the name before it is still the firm's, and
            // the firm's name ends with its tail.
            firms.push(&sentence[*start..amp]);
            *label = EntityLabel::Org;
            if sentence[amp + 2..*end].first() == Some(&"of") {
                *end = amp + 2;
            }
        }
        true
    });
    for (s, start, end, label, _) in mentions.iter_mut() {
        if firms.contains(&&words[*s][*start..*end]) {
            *label = EntityLabel::Org;
        }
    }
}

/// Whether a word is written in capitals (`BARCELONA`, `RBI`): it has
/// letters and none in lower case.
fn in_capitals(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// A name in capitals that opens a sentence before a dash, perhaps with a
/// state or country between (`BARCELONA —`, `SAN JOSE, Calif. —`, `LE
/// BOURGET, France —`), is a dateline: the place the story was filed
/// from.
fn datelines(words: &[Vec<&str>], mentions: &mut [(usize, usize, usize, EntityLabel, f32)]) {
    const DATELINE_TAIL: usize = 4;
    for (s, start, end, label, _) in mentions.iter_mut() {
        let sentence = &words[*s];
        if *start != 0 || !sentence[*start..*end].iter().all(|w| in_capitals(w)) {
            continue;
        }
        // A dash, or the two hyphens that stand for one in ASCII copy. Right
        // after a single word those also open a paid death notice
        // (`SIEGEL--Jerome Arthur, 98, of ...`), so there they count only
        // after a place of two words or more (`LE BOURGET --`).
        let double_hyphen = |k: usize| sentence[k] == "-" && sentence.get(k + 1) == Some(&"-");
        let is_dash = |k: usize| matches!(sentence[k], "—" | "–" | "--") || double_hyphen(k);
        let dash_next = *end < sentence.len()
            && (matches!(sentence[*end], "—" | "–" | "--")
                || (double_hyphen(*end) && *end - *start >= 2));
        let dash_after_place = sentence.get(*end) == Some(&",")
            && (*end + 1..sentence.len()).take(DATELINE_TAIL).any(is_dash);
        if dash_next || dash_after_place {
            *label = EntityLabel::Loc;
        }
    }
}

/// Nouns that, heading an apposition, say a name is a body (`Marlow
/// Bakeries, the high-street chain,`; `Ofgem, the energy regulator,`).
/// Nouns that also name people's trades (`a broker`, `a developer`, `the
/// publisher`, `a minority group`) are left out.
const BODY_NOUNS: &[&str] = &[
    "agency",
    "airline",
    "association",
    "automaker",
    "bank",
    "band",
    "broadcaster",
    "carmaker",
    "chain",
    "charity",
    "club",
    "company",
    "consultancy",
    "exchange",
    "firm",
    "insurer",
    "lender",
    "manufacturer",
    "network",
    "newspaper",
    "nonprofit",
    "organisation",
    "organization",
    "party",
    "regulator",
    "retailer",
    "startup",
    "studio",
    "supplier",
    "team",
    "union",
    "watchdog",
];

/// Whether the token after a noun leaves it the head of its phrase (`the
/// chain,`, `the chain known for`), not a modifier (`the club captain`,
/// `the team's`).
fn ends_a_head(next: Option<&str>) -> bool {
    next.map_or(true, |w| {
        matches!(
            w,
            "," | "."
                | ";"
                | "—"
                | "known"
                | "based"
                | "that"
                | "which"
                | "whose"
                | "founded"
                | "headquartered"
                | "owned"
                | "listed"
                | "run"
                | "led"
                | "behind"
                | "in"
                | "of"
                | "with"
                | "and"
        )
    })
}

/// The most words between an apposition's determiner and its head noun.
const APPOSITION_HEAD_WORDS: usize = 4;

/// A name the tagger read as a person that an apposition describes as a
/// body (`Marlow Bakeries, the high-street chain known for ...`) is an
/// organization, at that mention and wherever else the same words are
/// tagged as a person. The apposition opens with an article and reaches its
/// head noun ([`BODY_NOUNS`]) within a few lower-case words; a role or a
/// preposition before it (`Smith, a partner at the firm,`) describes a
/// person.
fn described_bodies(words: &[Vec<&str>], mentions: &mut [(usize, usize, usize, EntityLabel, f32)]) {
    let mut bodies: Vec<&[&str]> = Vec::new();
    for (s, start, end, label, _) in mentions.iter_mut() {
        let sentence = &words[*s];
        if *label != EntityLabel::Per
            || sentence.get(*end) != Some(&",")
            || !sentence
                .get(*end + 1)
                .is_some_and(|w| matches!(*w, "the" | "a" | "an"))
        {
            continue;
        }
        let after = &sentence[*end + 2..];
        let head = (0..after.len().min(APPOSITION_HEAD_WORDS))
            .take_while(|&k| after[k].chars().next().is_some_and(char::is_lowercase))
            .take_while(|&k| !matches!(after[k], "of" | "for" | "at" | "with" | "from" | "in"))
            .any(|k| BODY_NOUNS.contains(&after[k]) && ends_a_head(after.get(k + 1).copied()));
        if head {
            *label = EntityLabel::Org;
            bodies.push(&sentence[*start..*end]);
        }
    }
    if bodies.is_empty() {
        return;
    }
    for (s, start, end, label, _) in mentions.iter_mut() {
        if *label == EntityLabel::Per && bodies.contains(&&words[*s][*start..*end]) {
            *label = EntityLabel::Org;
        }
    }
}

/// Heads of a body's name that a plural possessive may open (`Farmers’
/// Union`, `Teachers' Association`, `Workers’ Party`).
const POSSESSIVE_BODY_HEADS: &[&str] = &[
    "union",
    "unions",
    "association",
    "federation",
    "alliance",
    "league",
    "party",
    "council",
    "fund",
    "guild",
    "club",
    "coalition",
    "confederation",
];

/// A body's name opened by a capitalized plural possessive (`Farmers’ Union
/// of Britain`) starts at the possessive, which the tagger leaves out: the
/// mention runs back over it and is an organization. The possessive is
/// either one token (`Farmers’`) or the plural and its apostrophe.
fn possessive_openers(
    words: &[Vec<&str>],
    mentions: &mut [(usize, usize, usize, EntityLabel, f32)],
) {
    let plural_capitalized = |w: &str| {
        w.len() > 2 && w.ends_with('s') && w.chars().next().is_some_and(char::is_uppercase)
    };
    let mut previous_end: Option<(usize, usize)> = None;
    for (s, start, end, label, _) in mentions.iter_mut() {
        let sentence = &words[*s];
        let head = sentence[*start].to_lowercase();
        let free_from = match previous_end {
            Some((ps, pe)) if ps == *s => pe,
            _ => 0,
        };
        if POSSESSIVE_BODY_HEADS.contains(&head.as_str()) {
            let split = *start >= 2 + free_from
                && matches!(sentence[*start - 1], "’" | "'")
                && plural_capitalized(sentence[*start - 2]);
            let whole = *start > free_from
                && sentence[*start - 1]
                    .strip_suffix(['’', '\''])
                    .is_some_and(plural_capitalized);
            if split || whole {
                *start -= if split { 2 } else { 1 };
                *label = EntityLabel::Org;
            }
        }
        previous_end = Some((*s, *end));
    }
}

/// The abbreviations that end a sports club's name (`Ravensmoor RFC`,
/// `Arsenal FC`).
const CLUB_SUFFIXES: &[&str] = &[
    "FC", "AFC", "RFC", "CF", "SC", "AC", "CFC", "FK", "SK", "SV", "BK",
];

/// A place written right before an organization's name is part of it
/// (`Pennsylvania Senate`, `Ohio Department of Health`), as the annotation
/// spec has it: one ORG. The tagger, trained on wire text where such pairs
/// are mostly split, often tags the place apart. Where the organization is
/// an acronym (`India RBI`, `London LIFFE`: the gold pairs of CoNLL-2003
/// train) or the place is written in capitals, the two stay apart. A club's
/// suffix tagged on its own joins the name before it (`Ravensmoor RFC`).
fn place_and_body(
    words: &[Vec<&str>],
    mentions: &mut Vec<(usize, usize, usize, EntityLabel, f32)>,
) {
    let mut out: Vec<(usize, usize, usize, EntityLabel, f32)> = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        if let Some(prev) = out.last_mut() {
            let sentence = &words[m.0];
            let adjacent = prev.0 == m.0 && prev.2 == m.1;
            let place_then_body = adjacent
                && prev.3 == EntityLabel::Loc
                && m.3 == EntityLabel::Org
                && !in_capitals(sentence[m.1])
                && !sentence[prev.1..prev.2].iter().any(|w| in_capitals(w));
            // `Ravensmoor RFC` tagged as two names: a club's suffix ends the
            // name before it.
            let club_suffix = m.2 - m.1 == 1 && CLUB_SUFFIXES.contains(&sentence[m.1]);
            let joins = adjacent && (place_then_body || club_suffix);
            if joins {
                prev.2 = m.2;
                prev.3 = EntityLabel::Org;
                prev.4 = prev.4.min(m.4);
                continue;
            }
        }
        out.push(m);
    }
    *mentions = out;
}

/// Head nouns that make a name an event, award or law (`Paris Air Show`,
/// `Valencia Marathon`, `Davis Cup`, `Clean Air Act`): in CoNLL-2003 train
/// every multi-word name ending in one of them is MISC (226 of 226 for
/// these words; `summit`, added for `Global Mobile Summit`, has one LOC
/// there, a mountain's).
const EVENT_HEADS: &[&str] = &[
    "cup",
    "open",
    "championship",
    "championships",
    "classic",
    "marathon",
    "show",
    "festival",
    "expo",
    "olympics",
    "tournament",
    "trophy",
    "prize",
    "awards",
    "war",
    "act",
    "summit",
];

/// A name of two or more words whose last word is an event's head noun
/// ([`EVENT_HEADS`]) is MISC, whatever type the model gave it: a tagger
/// reads `Paris Air Show` as the place or the organizer it names.
fn event_names(words: &[Vec<&str>], mentions: &mut [products::Mention]) {
    for (s, start, end, label, _) in mentions.iter_mut() {
        let sentence = &words[*s];
        if *end - *start < 2 || *label == EntityLabel::Misc || *label == EntityLabel::Per {
            continue;
        }
        let last = sentence[*end - 1];
        let title_case = last.chars().next().is_some_and(char::is_uppercase);
        if title_case && EVENT_HEADS.iter().any(|h| last.eq_ignore_ascii_case(h)) {
            *label = EntityLabel::Misc;
        }
    }
}

/// Words that make a region of a continent or a country out of its name
/// (`North America`, `East Asia`), and an adjective of its demonym.
const COMPASS_WORDS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Latin",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "Middle",
    "Sub-Saharan",
];

/// A region's adjective before a common noun (`the largest North American
/// online retailers`, `Eastern European members`) is MISC, as a nationality
/// is, whatever type the model gave it: next to words of trade a tagger
/// may read it as a company. The adjective is told by a demonym's ending
/// (`American`, `Asian`, `European`, `Korean`, `Sudanese`), which the
/// regions' own names lack (`South Sudan`, `North Carolina`).
fn regional_adjectives(words: &[Vec<&str>], mentions: &mut [products::Mention]) {
    for (s, start, end, label, _) in mentions.iter_mut() {
        let sentence = &words[*s];
        if *end - *start != 2 || *label == EntityLabel::Misc || *label == EntityLabel::Per {
            continue;
        }
        let adjective = sentence[*start + 1];
        let demonym = adjective.chars().next().is_some_and(char::is_uppercase)
            && ["ian", "ean", "can", "ern", "ese", "ish"]
                .iter()
                .any(|e| adjective.ends_with(e));
        let before_noun = sentence
            .get(*end)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase);
        if COMPASS_WORDS.contains(&sentence[*start]) && demonym && before_noun {
            *label = EntityLabel::Misc;
        }
    }
}

/// Extends names over a number that is part of them (`Digital Commerce
/// 360`, `Formula 1`), which a model trained on 1996 wire text leaves out:
/// there, a number after a name is almost always a score or a count. Two
/// signs tell such a number apart, for any backend:
///
/// - a possessive right after it: `'s` attaches to a whole noun phrase, so
///   in `Digital Commerce 360's database` the number ends the name;
/// - the document itself: once one mention is known to run on over the
///   number, the same name followed by the same number does too (`told
///   Digital Commerce 360.`).
///
/// `mentions` are (sentence, start token, end token), extended in place;
/// people are left alone (`Jassy 2's` is no name).
fn extend_over_numbers(words: &[Vec<&str>], mentions: &mut [(usize, usize, usize, EntityLabel)]) {
    let starts: std::collections::HashSet<(usize, usize)> = mentions
        .iter()
        .map(|&(s, start, _, _)| (s, start))
        .collect();
    let number_after = |s: usize, end: usize| {
        words[s]
            .get(end)
            .filter(|w| is_bare_number(w) && !starts.contains(&(s, end)))
            .copied()
    };
    let mut numbered: std::collections::HashSet<(Vec<&str>, &str)> = Default::default();
    for &(s, start, end, label) in mentions.iter() {
        if label == EntityLabel::Per {
            continue;
        }
        if let Some(number) = number_after(s, end) {
            if words[s].get(end + 1).is_some_and(|w| is_possessive(w)) {
                numbered.insert((words[s][start..end].to_vec(), number));
            }
        }
    }
    if numbered.is_empty() {
        return;
    }
    for (s, start, end, label) in mentions.iter_mut() {
        if *label == EntityLabel::Per {
            continue;
        }
        if let Some(number) = number_after(*s, *end) {
            if numbered.contains(&(words[*s][*start..*end].to_vec(), number)) {
                *end += 1;
            }
        }
    }
}

/// Byte-span entities of a document's word mentions (sentence, start word,
/// end word, label, score), with the news conventions every backend follows
/// on text ([`news_mentions`]) and their spans ([`entity_spans`]).
fn news_entities(
    text: &str,
    token_spans: &[Vec<Span>],
    words: &[Vec<&str>],
    mentions: Vec<(usize, usize, usize, EntityLabel, f32)>,
    suffix_dot: bool,
) -> Vec<Entity> {
    let mentions = news_mentions(words, mentions);
    entity_spans(text, token_spans, words, mentions, suffix_dot)
}

/// The news conventions every backend follows on text, over word mentions:
/// a name with `& Co.` after it is the firm ([`firm_names`]), names run on
/// over a number a possessive follows ([`extend_over_numbers`]), products
/// over their model numbers ([`products::product_names`]), and
/// [`news_trim`]. Mentions stay in document order.
fn news_mentions(
    words: &[Vec<&str>],
    mut mentions: Vec<(usize, usize, usize, EntityLabel, f32)>,
) -> Vec<products::Mention> {
    firm_names(words, &mut mentions);
    datelines(words, &mut mentions);
    described_bodies(words, &mut mentions);
    place_and_body(words, &mut mentions);
    possessive_openers(words, &mut mentions);
    joins::join_names(words, &mut mentions);
    let (mut ranges, scores): (Vec<_>, Vec<_>) = mentions
        .into_iter()
        .map(|(s, start, end, label, score)| ((s, start, end, label), score))
        .unzip();
    extend_over_numbers(words, &mut ranges);
    // Products with their model numbers, after the numbers a possessive
    // makes part of a name (`Digital Commerce 360's`), which keep their type.
    let mut mentions: Vec<products::Mention> = ranges
        .into_iter()
        .zip(scores)
        .map(|((s, start, end, label), score)| (s, start, end, label, score))
        .collect();
    products::product_names(words, &mut mentions);
    event_names(words, &mut mentions);
    regional_adjectives(words, &mut mentions);
    products::named_products(words, &mut mentions);
    kind_nouns::typed_by_kind_nouns(words, &mut mentions);
    mentions
        .into_iter()
        .filter_map(|(s, start, end, label, score)| {
            let (start, end, label) = news_trim(&words[s], start, end, label)?;
            Some((s, start, end, label, score))
        })
        .collect()
}

/// The byte-span entities of word mentions, `Milan-based` read as the
/// place ([`place_in_compound`]). With `suffix_dot`, an organization ending
/// in a corporate suffix also takes the abbreviating dot after it (`Inc.`).
fn entity_spans(
    text: &str,
    token_spans: &[Vec<Span>],
    words: &[Vec<&str>],
    mentions: Vec<products::Mention>,
    suffix_dot: bool,
) -> Vec<Entity> {
    let mut out = Vec::with_capacity(mentions.len());
    for (s, mut start, end, label, score) in mentions {
        let (spans, words) = (&token_spans[s], &words[s]);
        // `Milan-based Credito Ligure` as one name: the place, then the
        // name the compound describes.
        if end - start >= 2 {
            let first = spans[start];
            let (place, place_label) = place_in_compound(text, first, label);
            if place_label == EntityLabel::Loc && place != first {
                out.push(Entity::new(text, place, place_label, score.clamp(0.0, 1.0)));
                start += 1;
            }
        }
        let mut span = Span::new(spans[start].start, spans[end - 1].end);
        if suffix_dot
            && label == EntityLabel::Org
            && CORPORATE_SUFFIXES.contains(&words[end - 1].to_lowercase().as_str())
            && text[span.end..].starts_with('.')
        {
            span = Span::new(span.start, span.end + 1);
        }
        let (span, label) = place_in_compound(text, span, label);
        out.push(Entity::new(text, span, label, score.clamp(0.0, 1.0)));
    }
    out
}

/// The default backend: the trained linear model.
#[derive(Debug)]
pub struct LinearBackend {
    model: Model,
}

impl LinearBackend {
    /// The backend over the embedded model.
    pub fn embedded() -> Result<LinearBackend, Error> {
        Ok(LinearBackend {
            model: Model::from_bytes(EMBEDDED_MODEL)?,
        })
    }

    /// The backend over a model read with [`Model::from_bytes`].
    pub fn new(model: Model) -> LinearBackend {
        LinearBackend { model }
    }

    /// The model this backend runs.
    pub fn model(&self) -> &Model {
        &self.model
    }
}

/// Entities of BILOU tags: (start token, end token, type, mean confidence).
fn token_entities(tags: &[(u8, f32)]) -> Vec<(usize, usize, u8, f32)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8, f32)> = None;
    for (i, &(t, conf)) in tags.iter().enumerate() {
        match split_tag(t) {
            None => open = None,
            Some((kind, Position::Unit)) => {
                open = None;
                out.push((i, i + 1, kind, conf));
            }
            Some((kind, Position::Begin)) => open = Some((i, kind, conf)),
            Some((kind, Position::Inside)) => match open.as_mut() {
                Some(o) if o.1 == kind => o.2 += conf,
                _ => open = None,
            },
            Some((kind, Position::Last)) => {
                if let Some((start, k, sum)) = open.take() {
                    if k == kind {
                        out.push((start, i + 1, kind, (sum + conf) / (i + 1 - start) as f32));
                    }
                }
            }
        }
    }
    out
}

/// Splits mentions that run over a title into what precedes it and the
/// name it introduces (`Amazon CEO Andy Jassy` -> `Amazon` keeps its type,
/// `Andy Jassy` becomes PER): a title word inside a mention, followed by a
/// capitalized word, ends one entity and opens a person's name.
fn split_at_titles(
    words: &[&str],
    entities: Vec<(usize, usize, u8, f32)>,
) -> Vec<(usize, usize, u8, f32)> {
    const PER: u8 = 0;
    let mut out = Vec::with_capacity(entities.len());
    for (start, end, kind, score) in entities {
        let inner_title = (start + 1..end.saturating_sub(1)).rev().find(|&j| {
            TITLES.contains(&words[j].to_lowercase().as_str())
                && words[j + 1].chars().next().is_some_and(char::is_uppercase)
        });
        match inner_title {
            Some(j) => {
                if kind != PER {
                    out.push((start, j, kind, score));
                }
                out.push((j + 1, end, PER, score));
            }
            None => out.push((start, end, kind, score)),
        }
    }
    out
}

/// Clips and orders sentence spans so that each lies on char boundaries
/// inside `text` and none overlaps the one before.
fn clean_sentences(text: &str, sentences: &[Span]) -> Vec<Span> {
    if sentences.is_empty() {
        return vec![Span::new(0, text.len())];
    }
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut spans: Vec<Span> = sentences
        .iter()
        .map(|s| Span::new(floor(s.start), floor(s.end.max(s.start))))
        .collect();
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        let start = out.last().map_or(s.start, |p| s.start.max(p.end));
        if s.end > start {
            out.push(Span::new(start, s.end));
        }
    }
    out
}

/// The words of each sentence of `text` (newsie's shared word tokenizer),
/// with their byte spans in `text`; `sentences` are cleaned first. A
/// sentence's words come from `stream` where it can vouch for them
/// ([`TokenStream::within`]), else from tokenizing the sentence alone: the
/// same words either way.
fn sentence_words<'t>(
    text: &'t str,
    sentences: &[Span],
    stream: Option<&TokenStream>,
) -> (Vec<Vec<Span>>, Vec<Vec<&'t str>>) {
    let token_spans: Vec<Vec<Span>> = clean_sentences(text, sentences)
        .iter()
        .map(
            |s| match stream.and_then(|stream| stream.within(text, *s)) {
                Some(tokens) => tokens.iter().map(|t| t.span).collect(),
                None => word_tokens(&text[*s])
                    .map(|t| Span::new(s.start + t.span.start, s.start + t.span.end))
                    .collect(),
            },
        )
        .collect();
    let words = token_spans
        .iter()
        .map(|spans| spans.iter().map(|&sp| &text[sp]).collect())
        .collect();
    (token_spans, words)
}

/// One label per name per document: every mention of the same string takes
/// the label whose mentions carry the most confidence in total. A model
/// that reads each sentence alone wavers on an ambiguous name (`Amazon`:
/// the company or the river) from sentence to sentence; an article means
/// one thing by it throughout.
fn harmonize_labels<K: std::hash::Hash + Eq>(mentions: &mut [(K, EntityLabel, f32)]) {
    use std::collections::HashMap;
    let mut totals: HashMap<&K, [f32; 4]> = HashMap::new();
    for (key, label, score) in mentions.iter() {
        totals.entry(key).or_default()[label_index(*label)] += score.max(1e-3);
    }
    // Only a clear majority relabels: where a string is used two ways in
    // earnest (`Japan` the country and `Japan` the team), both stay.
    let winners: HashMap<&K, EntityLabel> = totals
        .into_iter()
        .filter_map(|(key, sums)| {
            let best = (0..4).fold(0, |best, i| if sums[i] > sums[best] { i } else { best });
            let rest: f32 = sums.iter().sum::<f32>() - sums[best];
            (sums[best] >= MAJORITY * rest).then_some((key, EntityLabel::ALL[best]))
        })
        .collect();
    let relabel: Vec<Option<EntityLabel>> = mentions
        .iter()
        .map(|(key, _, _)| winners.get(key).copied())
        .collect();
    for (mention, label) in mentions.iter_mut().zip(relabel) {
        if let Some(label) = label {
            mention.1 = label;
        }
    }
}

/// How many times the other labels' total confidence the winning label
/// needs before it relabels the other mentions.
const MAJORITY: f32 = 2.0;

fn label_index(label: EntityLabel) -> usize {
    EntityLabel::ALL
        .iter()
        .position(|&l| l == label)
        .unwrap_or(0)
}

impl LinearBackend {
    fn tag_words(
        &self,
        text: &str,
        sentences: &[Span],
        stream: Option<&TokenStream>,
    ) -> Result<Vec<Entity>, Error> {
        let (token_spans, words) = sentence_words(text, sentences, stream);
        let tagged = self.model.tag_document(&words);
        let mut mentions = Vec::new();
        for (s, (sentence, tags)) in words.iter().zip(&tagged).enumerate() {
            for (start, end, kind, score) in split_at_titles(sentence, token_entities(tags)) {
                mentions.push((s, start, end, LABELS[kind as usize], score));
            }
        }
        // Consistency reads the mentions once the news conventions have
        // typed them (`Hoshino Foods` the firm, not a person), so that a
        // short form follows the long form as the reader sees it.
        let mut mentions = news_mentions(&words, mentions);
        consistency::consistent_mentions(&words, &mut mentions);
        let mut out = entity_spans(text, &token_spans, &words, mentions, true);
        let mut by_text: Vec<(&str, EntityLabel, f32)> = out
            .iter()
            .map(|e| (&text[e.span()], e.label, e.score))
            .collect();
        harmonize_labels(&mut by_text);
        for (entity, (_, label, _)) in out.iter_mut().zip(by_text) {
            entity.label = label;
        }
        Ok(out)
    }
}

impl Backend for LinearBackend {
    fn tag(&self, text: &str, sentences: &[Span]) -> Result<Vec<Entity>, Error> {
        self.tag_words(text, sentences, None)
    }

    fn tag_stream(
        &self,
        text: &str,
        sentences: &[Span],
        stream: &TokenStream,
    ) -> Result<Vec<Entity>, Error> {
        self.tag_words(text, sentences, Some(stream))
    }

    fn tag_tokens(&self, document: &[Vec<&str>]) -> Result<Vec<TokenEntity>, Error> {
        let tagged = self.model.tag_document(document);
        let mut mentions = Vec::new();
        for (s, tags) in tagged.iter().enumerate() {
            for (start, end, kind, score) in token_entities(tags) {
                mentions.push((s, start, end, LABELS[kind as usize], score));
            }
        }
        // The same document-level rules as on text, so that CoNLL's gold
        // tokens measure them.
        consistency::consistent_mentions(document, &mut mentions);
        let mut out: Vec<TokenEntity> = mentions
            .into_iter()
            .map(|(sentence, start, end, label, score)| TokenEntity {
                sentence,
                start,
                end,
                label,
                score,
            })
            .collect();
        let mut mentions: Vec<(Vec<&str>, EntityLabel, f32)> = out
            .iter()
            .map(|e| {
                (
                    document[e.sentence][e.start..e.end].to_vec(),
                    e.label,
                    e.score,
                )
            })
            .collect();
        harmonize_labels(&mut mentions);
        for (entity, (_, label, _)) in out.iter_mut().zip(mentions) {
            entity.label = label;
        }
        Ok(out)
    }
}

/// An entity tagger over a [`Backend`].
pub struct Tagger {
    backend: Box<dyn Backend>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger").finish_non_exhaustive()
    }
}

impl Tagger {
    /// The tagger with the model embedded in the crate.
    pub fn embedded() -> Result<Tagger, Error> {
        Ok(Tagger {
            backend: Box::new(LinearBackend::embedded()?),
        })
    }

    /// A tagger over any backend.
    pub fn with_backend(backend: Box<dyn Backend>) -> Tagger {
        Tagger { backend }
    }

    /// Tags `text`, whose sentence spans are `sentences` (may be empty).
    /// Entities come in text order, with byte spans into `text`.
    pub fn tag(&self, text: &str, sentences: &[Span]) -> Result<Vec<Entity>, Error> {
        self.backend.tag(text, sentences)
    }

    /// Tags `text` as [`Tagger::tag`] does, reading its word tokens from
    /// `stream` (built once from `text` by the caller and shared with
    /// other stages) where the backend can.
    pub fn tag_stream(
        &self,
        text: &str,
        sentences: &[Span],
        stream: &TokenStream,
    ) -> Result<Vec<Entity>, Error> {
        self.backend.tag_stream(text, sentences, stream)
    }

    /// Tags one pre-tokenized document (sentences of tokens).
    pub fn tag_tokens(&self, document: &[Vec<&str>]) -> Result<Vec<TokenEntity>, Error> {
        self.backend.tag_tokens(document)
    }

    /// Tags several documents (text and sentence spans each): one result
    /// per document, in order. See [`Backend::tag_many`].
    pub fn tag_many(&self, documents: &[(&str, &[Span])]) -> Vec<Result<Vec<Entity>, Error>> {
        self.backend.tag_many(documents)
    }

    /// Whether [`Tagger::tag_many`] beats tagging documents on parallel
    /// threads, as it does for the transformer backend.
    pub fn prefers_batches(&self) -> bool {
        self.backend.prefers_batches()
    }
}

/// Helpers for the unit tests of the rules after decoding, which read
/// space-separated sentences and mentions given by their word ranges.
#[cfg(test)]
pub(crate) mod rule_tests {
    use crate::products::Mention;
    use newsie_core::EntityLabel;

    /// Runs `rule` on the sentences and the tagged mentions (sentence,
    /// first word, one past the last word, label), and shows the result as
    /// (words, label).
    pub(crate) fn apply(
        rule: fn(&[Vec<&str>], &mut Vec<Mention>),
        sentences: &[&str],
        tagged: &[(usize, usize, usize, EntityLabel)],
    ) -> Vec<(String, EntityLabel)> {
        let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
        let mut mentions: Vec<Mention> = tagged
            .iter()
            .map(|&(s, a, b, l)| (s, a, b, l, 0.9))
            .collect();
        rule(&words, &mut mentions);
        mentions
            .iter()
            .map(|&(s, a, b, label, _)| (words[s][a..b].join(" "), label))
            .collect()
    }

    /// Expected (words, label) pairs.
    pub(crate) fn labels(list: &[(&str, EntityLabel)]) -> Vec<(String, EntityLabel)> {
        list.iter().map(|&(t, l)| (t.to_string(), l)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn an_abbreviated_title_opens_a_person() {
        use EntityLabel::{Loc, Misc, Per};
        let words = ["Rep", ".", "Luis", "Ortega", "’s"];
        assert_eq!(news_trim(&words, 0, 5, Misc), Some((2, 4, Per)));
        assert_eq!(news_trim(&words, 0, 4, Per), Some((2, 4, Per)));
        // `St.` opens places as often as saints.
        assert_eq!(
            news_trim(&["St", ".", "Louis"], 0, 3, Loc),
            Some((0, 3, Loc))
        );
        // A title with no name after it is no person.
        assert_eq!(news_trim(&["Rep", "."], 0, 2, Misc), Some((0, 2, Misc)));
    }

    #[test]
    fn a_person_named_like_a_company_is_one() {
        use EntityLabel::{Org, Per};
        assert_eq!(
            news_trim(&["Hoshino", "Foods"], 0, 2, Per),
            Some((0, 2, Org))
        );
        assert_eq!(news_trim(&["Hoshino"], 0, 1, Per), Some((0, 1, Per)));
        assert_eq!(
            news_trim(&["Kessler", "Group"], 0, 2, Per),
            Some((0, 2, Org))
        );
    }

    #[test]
    fn a_name_and_co_is_a_firm() {
        use EntityLabel::{Loc, Org, Per};
        let words: Vec<Vec<&str>> = [
            "Van Houten & Co . said , and Smith & Jones did",
            "Van Houten paid .",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        let mut mentions = vec![
            (0, 0, 2, Per, 0.9),
            (0, 3, 4, Loc, 0.5),
            (0, 7, 8, Per, 0.9),
            (0, 9, 10, Per, 0.9),
            (1, 0, 2, Per, 0.8),
        ];
        firm_names(&words, &mut mentions);
        // The tail joins the firm and its own mention goes, and the name
        // alone is the firm elsewhere; `Smith & Jones` (two people, or a
        // firm: no tail says which) is left alone.
        assert_eq!(
            mentions,
            vec![
                (0, 0, 4, Org, 0.9),
                (0, 7, 8, Per, 0.9),
                (0, 9, 10, Per, 0.9),
                (1, 0, 2, Org, 0.8)
            ]
        );
    }

    #[test]
    fn a_firm_tail_may_keep_its_dot() {
        // The shared tokenizer writes `Co.` as one token.
        use EntityLabel::{Org, Per};
        let words: Vec<Vec<&str>> = [
            ["Van", "Houten", "&", "Co.", "fell"],
            ["Van", "Houten", "said", "so", "."],
        ]
        .iter()
        .map(|s| s.to_vec())
        .collect();
        let mut mentions = vec![(0, 0, 2, Per, 0.9), (1, 0, 2, Per, 0.8)];
        firm_names(&words, &mut mentions);
        assert_eq!(mentions, vec![(0, 0, 4, Org, 0.9), (1, 0, 2, Org, 0.8)]);
        // A mention that already runs over the tail names the firm too,
        // and ends with the tail before an `of`.
        let words: Vec<Vec<&str>> = [
            vec![
                "Van",
                "Houten",
                "&",
                "Co.",
                "of",
                "the",
                "Netherlands",
                "fell",
            ],
            vec!["Van", "Houten", "said", "so", "."],
        ]
        .to_vec();
        let mut mentions = vec![(0, 0, 7, Per, 0.9), (1, 0, 2, Per, 0.8)];
        firm_names(&words, &mut mentions);
        assert_eq!(mentions, vec![(0, 0, 4, Org, 0.9), (1, 0, 2, Org, 0.8)]);
    }

    #[test]
    fn a_place_before_a_body_is_part_of_its_name() {
        use EntityLabel::{Loc, Org};
        let words: Vec<Vec<&str>> = vec![
            vec!["The", "Pennsylvania", "Senate", "voted", "."],
            vec!["India", "RBI", "and", "New", "York", "Acme", "Corp", "."],
        ];
        let mut mentions = vec![
            (0, 1, 2, Loc, 0.9),
            (0, 2, 3, Org, 0.7),
            (1, 0, 1, Loc, 0.9),
            (1, 1, 2, Org, 0.9),
            (1, 3, 5, Loc, 0.8),
            (1, 5, 7, Org, 0.6),
        ];
        place_and_body(&words, &mut mentions);
        // An acronym after the place stays apart (`India RBI`).
        assert_eq!(
            mentions,
            vec![
                (0, 1, 3, Org, 0.7),
                (1, 0, 1, Loc, 0.9),
                (1, 1, 2, Org, 0.9),
                (1, 3, 7, Org, 0.6)
            ]
        );
    }

    #[test]
    fn a_plural_possessive_opens_a_bodys_name() {
        use EntityLabel::{Loc, Org};
        let words: Vec<Vec<&str>> = vec![
            vec!["The", "Farmers", "’", "Union", "of", "Britain", "said"],
            vec![
                "Teachers'",
                "Association",
                "and",
                "Smith",
                "’",
                "Union",
                "Square",
            ],
        ];
        let mut mentions = vec![
            (0, 3, 6, Org, 0.8),
            (1, 1, 2, Org, 0.6),
            (1, 5, 7, Loc, 0.7),
        ];
        possessive_openers(&words, &mut mentions);
        // `Smith’` is no plural.
        assert_eq!(
            mentions,
            vec![
                (0, 1, 6, Org, 0.8),
                (1, 0, 2, Org, 0.6),
                (1, 5, 7, Loc, 0.7)
            ]
        );
    }

    #[test]
    fn an_apposition_that_describes_a_body_makes_a_name_one() {
        use EntityLabel::{Org, Per};
        let words: Vec<Vec<&str>> = vec![
            "Marlow Bakeries , the high-street chain known for pies , fell"
                .split(' ')
                .collect(),
            "Ann Lee , the club captain , and Ann Lee , a partner at the firm , met Marlow Bakeries"
                .split(' ')
                .collect(),
        ];
        let mut mentions = vec![
            (0, 0, 2, Per, 0.6),
            (1, 0, 2, Per, 0.9),
            (1, 8, 10, Per, 0.9),
            (1, 18, 20, Per, 0.5),
        ];
        described_bodies(&words, &mut mentions);
        // A role before the body noun, or after it, describes a person.
        assert_eq!(
            mentions,
            vec![
                (0, 0, 2, Org, 0.6),
                (1, 0, 2, Per, 0.9),
                (1, 8, 10, Per, 0.9),
                (1, 18, 20, Org, 0.5)
            ]
        );
    }

    #[test]
    fn a_dateline_is_a_place() {
        use EntityLabel::{Loc, Org, Per};
        let words: Vec<Vec<&str>> = vec![
            vec!["BARCELONA", "—", "Vantor", "unveiled", "a", "phone"],
            vec!["LE", "BOURGET", ",", "France", "—", "Kestrel", "said"],
            vec!["NASA", "said", "—", "again", "—", "no"],
            // ASCII copy writes the dash as two hyphens.
            vec!["SAN", "JOSE", ",", "Calif.", "-", "-", "Kelvra", "said"],
            vec!["SIEGEL", "-", "-", "Jerome", "Arthur", ",", "98"],
        ];
        let mut mentions = vec![
            (0, 0, 1, Org, 0.5),
            (1, 0, 2, Org, 0.5),
            (2, 0, 1, Org, 0.9),
            (3, 0, 2, Org, 0.5),
            (4, 0, 1, Per, 0.5),
        ];
        datelines(&words, &mut mentions);
        assert_eq!(
            mentions,
            vec![
                (0, 0, 1, Loc, 0.5),
                (1, 0, 2, Loc, 0.5),
                (2, 0, 1, Org, 0.9),
                (3, 0, 2, Loc, 0.5),
                (4, 0, 1, Per, 0.5)
            ]
        );
    }

    #[test]
    fn a_clubs_suffix_joins_its_name() {
        use EntityLabel::{Loc, Org};
        let words: Vec<Vec<&str>> = vec![vec!["Ravensmoor", "RFC", "beat", "Castlegate", "RFC"]];
        let mut mentions = vec![
            (0, 0, 1, Loc, 0.6),
            (0, 1, 2, Org, 0.9),
            (0, 3, 4, Org, 0.7),
            (0, 4, 5, Org, 0.8),
        ];
        place_and_body(&words, &mut mentions);
        assert_eq!(mentions, vec![(0, 0, 2, Org, 0.6), (0, 3, 5, Org, 0.7)]);
    }

    #[test]
    fn a_name_ending_in_an_event_head_is_misc() {
        use EntityLabel::{Loc, Misc, Org, Per};
        let words: Vec<Vec<&str>> = vec![vec![
            "Paris", "Air", "Show", "and", "Davis", "Cup", "Air", "Show", "Jane", "Open",
        ]];
        let mut mentions = vec![
            (0, 0, 3, Loc, 0.5),
            (0, 4, 6, Org, 0.5),
            (0, 7, 8, Org, 0.5),
            (0, 8, 10, Per, 0.5),
        ];
        event_names(&words, &mut mentions);
        // One word alone, or a person, keeps its type.
        assert_eq!(
            mentions,
            vec![
                (0, 0, 3, Misc, 0.5),
                (0, 4, 6, Misc, 0.5),
                (0, 7, 8, Org, 0.5),
                (0, 8, 10, Per, 0.5)
            ]
        );
    }

    #[test]
    fn a_regions_adjective_before_a_noun_is_misc() {
        use EntityLabel::{Loc, Misc, Org};
        let words: Vec<Vec<&str>> = vec![vec![
            "North",
            "American",
            "retailers",
            "in",
            "South",
            "Sudan",
            "and",
            "East",
            "Asian",
            ".",
            "West",
            "African",
            "cities",
        ]];
        let mut mentions = vec![
            (0, 0, 2, Org, 0.5),
            (0, 4, 6, Loc, 0.5),
            (0, 7, 9, Org, 0.5),
            (0, 10, 12, Loc, 0.5),
        ];
        regional_adjectives(&words, &mut mentions);
        // A region's own name, and an adjective before no noun, keep theirs.
        assert_eq!(
            mentions,
            vec![
                (0, 0, 2, Misc, 0.5),
                (0, 4, 6, Loc, 0.5),
                (0, 7, 9, Org, 0.5),
                (0, 10, 12, Misc, 0.5)
            ]
        );
    }

    #[test]
    fn a_place_named_like_a_body_is_one() {
        use EntityLabel::{Loc, Misc, Org};
        assert_eq!(
            news_trim(&["Duke", "University"], 0, 2, Loc),
            Some((0, 2, Org))
        );
        assert_eq!(
            news_trim(&["Max", "Planck", "Institute"], 0, 3, Misc),
            Some((0, 3, Org))
        );
        assert_eq!(news_trim(&["West", "Bank"], 0, 2, Loc), Some((0, 2, Loc)));
    }

    #[test]
    fn a_based_compound_opening_a_name_is_its_own_place() {
        let text = "Milan-based Credito Ligure fell";
        let words = vec![vec!["Milan-based", "Credito", "Ligure", "fell"]];
        let spans = vec![vec![
            Span::new(0, 11),
            Span::new(12, 19),
            Span::new(20, 26),
            Span::new(27, 31),
        ]];
        let out = entity_spans(
            text,
            &spans,
            &words,
            vec![(0, 0, 3, EntityLabel::Org, 0.7)],
            true,
        );
        let got: Vec<(&str, EntityLabel)> =
            out.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            got,
            vec![
                ("Milan", EntityLabel::Loc),
                ("Credito Ligure", EntityLabel::Org)
            ]
        );
    }

    #[test]
    fn a_based_compound_is_its_place() {
        let text = "Milan-based Credito Ligure and a well-based plan";
        let milan = Span::new(0, 11);
        assert_eq!(
            place_in_compound(text, milan, EntityLabel::Misc),
            (Span::new(0, 5), EntityLabel::Loc)
        );
        let credito = Span::new(12, 26);
        assert_eq!(
            place_in_compound(text, credito, EntityLabel::Org),
            (credito, EntityLabel::Org)
        );
        let plan = Span::new(33, 43);
        assert_eq!(
            place_in_compound(text, plan, EntityLabel::Misc),
            (plan, EntityLabel::Misc)
        );
        // A title-case headline writes the suffix capitalized.
        let headline = "Zürich-Based Lender";
        assert_eq!(
            place_in_compound(headline, Span::new(0, 13), EntityLabel::Misc),
            (Span::new(0, 7), EntityLabel::Loc)
        );
    }

    #[test]
    fn a_name_never_ends_in_a_common_word() {
        use EntityLabel::{Misc, Org};
        let words = [
            "in", "Amazon", "Go", "stores", "and", "iPhone", "Bank", "of", "America",
        ];
        // `stores` after the name goes; a name's own words stay, and a
        // connector inside a name is no end.
        assert_eq!(news_trim(&words, 1, 4, Misc), Some((1, 3, Misc)));
        assert_eq!(news_trim(&words, 5, 6, Misc), Some((5, 6, Misc)));
        assert_eq!(news_trim(&words, 6, 9, Org), Some((6, 9, Org)));
        // A mention of one word stays whatever its case.
        assert_eq!(news_trim(&words, 3, 4, Misc), Some((3, 4, Misc)));
    }

    #[test]
    fn a_number_before_a_possessive_ends_the_name() {
        use EntityLabel::{Org, Per};
        let sentences = [
            "The retailer told Digital Commerce 360 .",
            "Amazon ranks first in Digital Commerce 360 ’s database .",
            "Real Madrid 2 Barcelona 1",
            "Jassy 2 's",
        ];
        let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
        let mut mentions = vec![
            (0, 3, 5, Org),
            (1, 0, 1, Org),
            (1, 4, 6, Org),
            (2, 0, 2, Org),
            (2, 3, 4, Org),
            (3, 0, 1, Per),
        ];
        // The possessive extends the second sentence's mention over `360`,
        // and the document then extends the first; scores and people stay
        // as they are.
        let mut expected = mentions.clone();
        expected[2].2 = 7;
        expected[0].2 = 6;
        extend_over_numbers(&words, &mut mentions);
        assert_eq!(mentions, expected);
    }

    #[test]
    fn a_clear_majority_relabels_the_other_mentions() {
        use EntityLabel::{Loc, Org, Per};
        let mut mentions = vec![
            ("Amazon", Org, 0.9),
            ("Amazon", Loc, 0.6),
            ("Amazon", Org, 0.8),
            ("Japan", Loc, 0.9),
            ("Japan", Org, 0.8),
            ("Jassy", Per, 0.7),
        ];
        harmonize_labels(&mut mentions);
        let labels: Vec<EntityLabel> = mentions.iter().map(|m| m.1).collect();
        // Amazon: 1.7 for ORG against 0.6; Japan: no clear majority.
        assert_eq!(labels, [Org, Org, Org, Loc, Org, Per]);
    }

    #[test]
    fn overlapping_mentions_are_found_by_search() {
        let mentions: Vec<products::Mention> = [(0, 0, 2), (0, 3, 4), (0, 5, 8), (1, 0, 1)]
            .iter()
            .map(|&(s, a, b)| (s, a, b, EntityLabel::Org, 0.9))
            .collect();
        let in_first = [0, 1, 2];
        assert_eq!(overlapping(&mentions, &in_first, 1, 4), vec![0, 1]);
        assert_eq!(overlapping(&mentions, &in_first, 2, 3), Vec::<usize>::new());
        assert_eq!(overlapping(&mentions, &in_first, 6, 7), vec![2]);
    }

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Tagger>();
        assert_send_sync::<LinearBackend>();
        assert_send_sync::<Model>();
        assert_send_sync::<Error>();
        assert_send_sync::<TokenEntity>();
    }

    #[test]
    fn sentences_are_cleaned() {
        let text = "héllo world";
        let spans = clean_sentences(text, &[Span::new(6, 100), Span::new(2, 8)]);
        for s in &spans {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
}
