//! Feature extraction shared by training and tagging.
//!
//! Each token is first summarized once ([`TokenInfo`]: hashes of its forms,
//! affixes, shape, word clusters and gazetteer matches); features are then
//! hashed combinations of the summaries of the token and its neighbours, the
//! tags already chosen to its left, and what the document says elsewhere
//! (the case a word takes, the words after each of its mentions, the labels
//! its earlier mentions got).
//! Nothing here allocates per feature.

use crate::hash::{
    combine, feature, lower_char, lower_hash, normalize_char, title_hash, word_hash, CharHasher,
};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The number of tags: `O` plus B/I/L/U for each of the four types.
pub(crate) const N_TAGS: usize = 17;
/// The tag `O`.
pub(crate) const O: u8 = 0;
/// No cluster known for a word.
pub(crate) const NO_CLUSTER: u16 = u16::MAX;
/// Word classes kept per word ("cluster levels"): spaCy's md vectors at 64,
/// 256 and 1024 clusters and the word's distinct vector; GloVe 6B's at 128,
/// 512, 2048 and 8192 clusters; and the entity types of the word's nearest
/// GloVe neighbours among the training words, voted
/// (`scripts/ner/build_clusters.py`, `add_glove_clusters.py`).
pub(crate) const N_CLUSTER_LEVELS: usize = 9;
/// The first of the GloVe levels.
pub(crate) const GLOVE_LEVEL: usize = 4;
/// The neighbours' type vote, the last GloVe level.
const VOTE_LEVEL: usize = 8;
/// The longest gazetteer phrase, in tokens.
pub(crate) const MAX_GAZ_LEN: usize = 6;

/// The position part of a BILOU tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    Begin = 0,
    Inside = 1,
    Last = 2,
    Unit = 3,
}

/// The tag for `position` of entity type `kind` (0..4).
#[inline]
pub(crate) fn tag(position: Position, kind: u8) -> u8 {
    1 + kind * 4 + position as u8
}

/// The entity type (0..4) and position of a tag, `None` for `O`.
#[inline]
pub(crate) fn split_tag(tag: u8) -> Option<(u8, Position)> {
    if tag == O || tag as usize >= N_TAGS {
        return None;
    }
    let kind = (tag - 1) / 4;
    let position = match (tag - 1) % 4 {
        0 => Position::Begin,
        1 => Position::Inside,
        2 => Position::Last,
        _ => Position::Unit,
    };
    Some((kind, position))
}

/// Whether `next` may follow `prev` (BILOU), where `must_close` says an
/// entity must end at `next` (it ends the sentence, or the token after it
/// cannot continue a name: [`closes_after`]): a lookup in a table built at
/// compile time.
#[inline]
pub(crate) fn allowed(prev: u8, next: u8, must_close: bool) -> bool {
    let (p, n) = (prev as usize, next as usize);
    p < N_TAGS && n < N_TAGS && ALLOWED[usize::from(must_close)][p] & (1 << n) != 0
}

/// [`allowed`] as bit masks: `ALLOWED[must_close][prev]` has bit `next` set.
const ALLOWED: [[u32; N_TAGS]; 2] = {
    let mut table = [[0u32; N_TAGS]; 2];
    let mut last = 0;
    while last < 2 {
        let mut prev = 0;
        while prev < N_TAGS {
            let mut next = 0;
            while next < N_TAGS {
                if allowed_slow(prev as u8, next as u8, last == 1) {
                    table[last][prev] |= 1 << next;
                }
                next += 1;
            }
            prev += 1;
        }
        last += 1;
    }
    table
};

/// The BILOU rule itself, spelled out (evaluated at compile time).
const fn allowed_slow(prev: u8, next: u8, must_close: bool) -> bool {
    // Tags are 1 + kind * 4 + position (B, I, L, U); 0 is O.
    let prev_open = prev != O && matches!((prev - 1) % 4, 0 | 1);
    if next == O {
        return !prev_open;
    }
    let kind = (next - 1) / 4;
    let same_kind = prev != O && (prev - 1) / 4 == kind;
    match (next - 1) % 4 {
        0 => !prev_open && !must_close,
        3 => !prev_open,
        1 => prev_open && same_kind && !must_close,
        _ => prev_open && same_kind,
    }
}

#[cfg(test)]
fn allowed_reference(prev: u8, next: u8, must_close: bool) -> bool {
    let open = matches!(
        split_tag(prev),
        Some((_, Position::Begin | Position::Inside))
    );
    match split_tag(next) {
        None => !open,
        Some((kind, position)) => match position {
            Position::Begin => !open && !must_close,
            Position::Unit => !open,
            Position::Inside => open && split_tag(prev).map(|p| p.0) == Some(kind) && !must_close,
            Position::Last => open && split_tag(prev).map(|p| p.0) == Some(kind),
        },
    }
}

/// A `Hasher` for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A hash map keyed by pre-hashed `u64`s.
pub(crate) type U64Map<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;
/// A hash set of pre-hashed `u64`s.
pub(crate) type U64Set = HashSet<u64, BuildHasherDefault<PassThrough>>;

/// The lexical resources features consult: word clusters and a gazetteer.
pub(crate) trait Resources {
    /// The clusters of the word whose [`word_hash`] is `key`.
    fn clusters(&self, key: u64) -> Option<[u16; N_CLUSTER_LEVELS]>;
    /// The entity types (bit `k` for type `k`) of the phrase `key`.
    fn gazetteer(&self, key: u64) -> u8;
}

/// Flags of a token.
pub(crate) mod flag {
    pub const INIT_CAP: u8 = 1;
    pub const ALL_CAPS: u8 = 2;
    pub const HAS_DIGIT: u8 = 4;
    pub const ALL_LOWER: u8 = 8;
    pub const NO_ALNUM: u8 = 16;
}

/// What features need to know about one token, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenInfo {
    pub word: u64,
    pub lower: u64,
    pub title: u64,
    pub shape: u64,
    pub short_shape: u64,
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
    pub clusters: [u16; N_CLUSTER_LEVELS],
    /// Gazetteer matches: bit `position * 4 + type`.
    pub gaz: u16,
    pub flags: u8,
    pub length: u8,
    /// The token is a number joined by `-`, `–`, `/`, `,` or `:` (`9-1`,
    /// `19/11/96`, `3,800`, `10:30`): a score, date, amount or time, which
    /// almost never continues a name (8 of 3,897 such tokens in CoNLL-2003
    /// train do, none of 894 in dev), so an entity must close before it.
    /// Without this, a greedy tagger that wrongly left an entity open ran it
    /// on over a results line (`Fernando Redondo 9-1 Giovanni`).
    pub breaks_name: bool,
    /// A lower-case word that joins the parts of a long name (`of`, `for`,
    /// `and`: `Office for National Statistics`).
    pub connector: bool,
    /// Where the token sits in its name chain (see [`mark_chains`]): 0
    /// outside one, else a [`ChainPlace`].
    pub chain_place: u8,
    /// The lower-case hash of the chain's last word, its head
    /// (`statistics`), when the token is in a chain.
    pub chain_head: u64,
    /// The head's word cluster (the middle level).
    pub chain_head_cluster: u16,
    /// For a capitalized token of a short line (see [`mark_line_shape`]):
    /// the line's shape with the token's run in it; else 0.
    pub line_shape: u64,
}

impl TokenInfo {
    /// Capitalized but not all in capitals (`Amazon`, not `AWS`).
    #[inline]
    pub fn is_title_case(&self) -> bool {
        self.flags & flag::INIT_CAP != 0 && self.flags & flag::ALL_CAPS == 0
    }
}

/// A token's place in a name chain: a run of capitalized words, possibly
/// joined by connectors, such as `Nippon Telegraph and Telephone Corp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChainPlace {
    First = 1,
    Inside = 2,
    Connector = 3,
    Head = 4,
}

/// Lower-case words that may join the capitalized parts of one name.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "&", "the", "on", "de", "du", "des", "del", "della", "di", "da", "la",
    "le", "van", "von", "der", "den", "y", "a",
];

/// The longest run of connectors a chain crosses (`of the`).
const MAX_CONNECTOR_RUN: usize = 2;

/// Marks the name chains of a sentence: maximal runs of capitalized tokens,
/// where up to [`MAX_CONNECTOR_RUN`] connectors may join two capitalized
/// tokens. Each token of a chain of two or more capitalized words learns
/// its place and the chain's last word, which tells the whole phrase's kind
/// from its first word on (`Ministry`, `Corp`, `Board`, `Statistics`): a
/// left-to-right tagger otherwise decides `Office` before it has seen that
/// `for National Statistics` follows.
fn mark_chains(out: &mut [TokenInfo]) {
    let capitalized = |t: &TokenInfo| t.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0;
    let mut start = 0;
    while start < out.len() {
        if !capitalized(&out[start]) {
            start += 1;
            continue;
        }
        // Extend over capitalized tokens and connector runs that lead to one.
        let mut end = start;
        let mut capitals = 1;
        loop {
            let next = end + 1;
            if next < out.len() && capitalized(&out[next]) {
                end = next;
                capitals += 1;
                continue;
            }
            let run = out[next.min(out.len())..]
                .iter()
                .take(MAX_CONNECTOR_RUN + 1)
                .take_while(|t| t.connector)
                .count();
            let after = next + run;
            if run > 0 && run <= MAX_CONNECTOR_RUN && after < out.len() && capitalized(&out[after])
            {
                end = after;
                capitals += 1;
                continue;
            }
            break;
        }
        if capitals >= 2 {
            let (head, head_cluster) = (out[end].lower, out[end].clusters[1]);
            for (j, t) in out[start..=end].iter_mut().enumerate() {
                let place = if j == 0 {
                    ChainPlace::First
                } else if start + j == end {
                    ChainPlace::Head
                } else if t.connector && !capitalized(t) {
                    ChainPlace::Connector
                } else {
                    ChainPlace::Inside
                };
                t.chain_place = place as u8;
                t.chain_head = head;
                t.chain_head_cluster = head_cluster;
            }
        }
        start = end + 1;
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// Summarizes one token.
pub(crate) fn token_info(word: &str, resources: &dyn Resources) -> TokenInfo {
    let mut shape = CharHasher::new();
    let mut short_shape = CharHasher::new();
    let mut prev_class = '\0';
    let mut shape_len = 0;
    let mut flags = flag::ALL_CAPS | flag::ALL_LOWER | flag::NO_ALNUM;
    let mut has_alpha = false;
    let mut prefix = [0u64; 4];
    let mut prefix_hasher = CharHasher::new();
    let mut last_chars = ['\0'; 4];
    let mut n_chars = 0usize;
    // For `breaks_name`: joiners seen, and whether every character could
    // belong to a number.
    let mut joiners = 0usize;
    let mut number_chars_only = true;
    // The word's exact, lower-case and title-case hashes, gathered in the
    // same walk over its characters (the same values as `word_hash`,
    // `lower_hash` and `title_hash`).
    let (mut word_hasher, mut lower_hasher, mut title_hasher) =
        (CharHasher::new(), CharHasher::new(), CharHasher::new());
    for c in word.chars().map(normalize_char) {
        word_hasher.push(c);
        let class = shape_class(c);
        if shape_len < 12 {
            shape.push(class);
            shape_len += 1;
        }
        if class != prev_class {
            short_shape.push(class);
            prev_class = class;
        }
        if c.is_alphanumeric() {
            flags &= !flag::NO_ALNUM;
        }
        if c.is_numeric() {
            flags |= flag::HAS_DIGIT;
        }
        if matches!(c, '-' | '–' | '/' | ',' | ':') {
            joiners += 1;
        } else if !c.is_numeric() && c != '.' {
            number_chars_only = false;
        }
        if c.is_alphabetic() {
            has_alpha = true;
            if c.is_uppercase() {
                flags &= !flag::ALL_LOWER;
                if n_chars == 0 {
                    flags |= flag::INIT_CAP;
                }
            } else {
                flags &= !flag::ALL_CAPS;
            }
        }
        let lc = lower_char(c);
        lower_hasher.push(lc);
        if n_chars == 0 {
            title_hasher.push(c.to_uppercase().next().unwrap_or(c));
        } else {
            title_hasher.push(lc);
        }
        if n_chars < 4 {
            prefix_hasher.push(lc);
            prefix[n_chars] = prefix_hasher.finish();
        }
        last_chars = [last_chars[1], last_chars[2], last_chars[3], lc];
        n_chars += 1;
    }
    if !has_alpha {
        flags &= !(flag::ALL_CAPS | flag::ALL_LOWER);
    }
    let mut suffix = [0u64; 4];
    for (k, slot) in suffix.iter_mut().enumerate() {
        // Suffix of k + 1 characters; shorter words repeat their whole form.
        let take = (k + 1).min(n_chars);
        let mut h = CharHasher::new();
        last_chars[4 - take..].iter().for_each(|&c| h.push(c));
        *slot = h.finish();
    }
    for k in n_chars.min(4)..4 {
        prefix[k] = prefix[n_chars.saturating_sub(1).min(3)];
    }
    let (word_h, lower, title) = (
        word_hasher.finish(),
        lower_hasher.finish(),
        title_hasher.finish(),
    );
    debug_assert_eq!(
        (word_h, lower, title),
        (word_hash(word), lower_hash(word), title_hash(word))
    );
    // Clusters: the exact form first, then the lower-case and title-case
    // forms (all-caps headlines and sentence-initial words).
    let clusters = resources
        .clusters(word_h)
        .or_else(|| resources.clusters(title))
        .or_else(|| resources.clusters(lower))
        .unwrap_or([NO_CLUSTER; N_CLUSTER_LEVELS]);
    TokenInfo {
        word: word_h,
        lower,
        title,
        shape: shape.finish(),
        short_shape: short_shape.finish(),
        prefix,
        suffix,
        clusters,
        gaz: 0,
        flags,
        length: n_chars.min(255) as u8,
        breaks_name: number_chars_only && joiners > 0 && flags & flag::HAS_DIGIT != 0,
        connector: word.len() <= 5 && CONNECTORS.contains(&word),
        chain_place: 0,
        chain_head: 0,
        chain_head_cluster: NO_CLUSTER,
        line_shape: 0,
    }
}

/// The gazetteer key of a phrase given its tokens' lower-case hashes.
pub(crate) fn phrase_key(lowers: impl IntoIterator<Item = u64>) -> u64 {
    lowers.into_iter().fold(0x2545_f491_4f6c_dd1d, combine)
}

/// Summarizes a sentence into `out` (cleared first) and marks gazetteer
/// matches. Returns whether the sentence is a headline (mostly all caps).
pub(crate) fn prepare_sentence(
    words: &[&str],
    resources: &dyn Resources,
    out: &mut Vec<TokenInfo>,
) -> bool {
    out.clear();
    out.extend(words.iter().map(|w| token_info(w, resources)));
    finish_sentence(out, resources)
}

/// Adds to a sentence's token summaries (`out`, as [`token_info`] gives
/// them) what depends on their places: gazetteer matches, name chains and
/// the line's shape. Returns whether the sentence is a headline.
fn finish_sentence(out: &mut [TokenInfo], resources: &dyn Resources) -> bool {
    for start in 0..out.len() {
        if out[start].flags & (flag::INIT_CAP | flag::HAS_DIGIT) == 0 {
            continue;
        }
        let mut key = 0x2545_f491_4f6c_dd1d;
        for end in start + 1..=(start + MAX_GAZ_LEN).min(out.len()) {
            key = combine(key, out[end - 1].lower);
            let kinds = resources.gazetteer(key);
            if kinds == 0 {
                continue;
            }
            for kind in 0..4u16 {
                if kinds & (1 << kind) == 0 {
                    continue;
                }
                if end - start == 1 {
                    out[start].gaz |= 1 << (Position::Unit as u16 * 4 + kind);
                    continue;
                }
                for (j, t) in out[start..end].iter_mut().enumerate() {
                    let position = if j == 0 {
                        Position::Begin
                    } else if start + j + 1 == end {
                        Position::Last
                    } else {
                        Position::Inside
                    };
                    t.gaz |= 1 << (position as u16 * 4 + kind);
                }
            }
        }
    }
    let headline = is_headline(out.iter());
    // A headline found here is mostly in capitals, so chains would run over
    // all of it and say nothing. (A title-case headline, `Amazon Cuts Jobs in
    // Cloud Unit`, is no headline here: `prepare_document` recases it first
    // when the body shows how.)
    if !headline {
        mark_chains(out);
    }
    mark_line_shape(out);
    headline
}

/// The most runs a line may have for its shape to be a feature.
const MAX_LINE_RUNS: usize = 8;

/// Gives each capitalized token of a short line the line's shape: its runs
/// of capitalized words, numbers, lower-case words and punctuation
/// (`Stefanel Milan 89 Maccabi Tel Aviv 70` is `C N C N`), with the
/// token's own run marked. Results tables and line-ups repeat a few such
/// shapes, and the shape says what a line's names are (teams in `C N C N`)
/// where the words alone do not (`Maccabi Tel Aviv` could be a person).
fn mark_line_shape(out: &mut [TokenInfo]) {
    let class = |t: &TokenInfo| -> u64 {
        if t.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
            1
        } else if t.flags & flag::HAS_DIGIT != 0 {
            2
        } else if t.flags & flag::ALL_LOWER != 0 {
            3
        } else {
            4
        }
    };
    let mut runs = 0;
    let mut shape = 0x51_7cc1_b727_220a;
    let mut last = 0;
    for t in out.iter() {
        let c = class(t);
        if c != last {
            runs += 1;
            shape = combine(shape, c);
            last = c;
        }
    }
    if runs > MAX_LINE_RUNS {
        return;
    }
    let mut run = 0u64;
    let mut last = 0;
    for t in out.iter_mut() {
        let c = class(t);
        if c != last {
            run += 1;
            last = c;
        }
        if c == 1 {
            t.line_shape = combine(shape, run);
        }
    }
}

/// How many of a title-case headline's capitalized words the body must
/// write in lower case before the headline is recased.
const MIN_TITLE_CASE_EVIDENCE: usize = 2;

/// Whether a document's first sentence looks like a title-case headline (`Amazon
/// Cuts Hundreds of Jobs in Cloud Unit`): of its words of four letters or
/// more, at least three and four in five are capitalized. A sentence leaves
/// most of its verbs and nouns in lower case. (The body's evidence decides;
/// see [`prepare_document`].)
fn title_case_headline(infos: &[TokenInfo]) -> bool {
    let (mut long, mut capitalized) = (0, 0);
    for t in infos {
        if t.length >= 4 && t.flags & (flag::INIT_CAP | flag::ALL_LOWER | flag::ALL_CAPS) != 0 {
            long += 1;
            if t.flags & flag::INIT_CAP != 0 {
                capitalized += 1;
            }
        }
    }
    long >= 3 && capitalized * 5 >= long * 4
}

/// Each sentence of a document summarized as written (see
/// [`prepare_sentence`]), with whether it is a headline.
pub(crate) fn prepare_sentences(
    sentences: &[Vec<&str>],
    resources: &dyn Resources,
) -> Vec<(Vec<TokenInfo>, bool)> {
    sentences
        .iter()
        .map(|words| {
            let mut infos = Vec::with_capacity(words.len());
            let headline = prepare_sentence(words, resources, &mut infos);
            (infos, headline)
        })
        .collect()
}

/// Summarizes a document's sentences (see [`prepare_sentences`]), with one
/// repair: a title-case headline is rewritten in the case its words take in
/// the rest of the document. Capitalized as a title capitalizes them, `Take`,
/// `Swings` and `Profit` read as one long name. A headline word keeps its
/// capital only where the body gives it one: away from a sentence start, or
/// at one while never writing the word in lower case; acronyms keep theirs.
/// The rest go to lower case (`Foxes Take Quarterback Malik Durant` ->
/// `Foxes take quarterback Malik Durant`): news names what its headline
/// names. Only the features change: tokens keep their places. It takes a
/// body that writes at least [`MIN_TITLE_CASE_EVIDENCE`] of the headline's
/// capitalized words in lower case.
// Tagging unpacks a [`PreparedDoc`] sentence by sentence instead, so that
// a long document never holds every token's summary at once.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn prepare_document(
    sentences: &[Vec<&str>],
    resources: &dyn Resources,
) -> Vec<(Vec<TokenInfo>, bool)> {
    let doc = PreparedDoc::new(sentences, resources);
    (0..doc.len())
        .map(|s| {
            let mut infos = Vec::with_capacity(doc.sentence_len(s));
            let headline = doc.fill(s, resources, &mut infos);
            (infos, headline)
        })
        .collect()
}

/// A document summarized as [`prepare_document`] summarizes it, but
/// compactly: each distinct word's [`TokenInfo`] is computed and kept once,
/// and a token is only its word's number. What depends on a token's place
/// (gazetteer matches, name chains, the line's shape) is added when a
/// sentence is unpacked ([`PreparedDoc::fill`]), just before it is tagged:
/// so a long text needs a few bytes per token, not a `TokenInfo`, and
/// recurring words are summarized once.
pub(crate) struct PreparedDoc {
    /// Each distinct word's summary, by its number (without what depends
    /// on its place).
    pub words: Vec<TokenInfo>,
    /// Each token's word number, sentence after sentence.
    pub ids: Vec<u32>,
    /// Where each sentence's tokens start in `ids`, and the end.
    bounds: Vec<u32>,
    /// Whether each sentence is a headline (mostly all caps).
    pub headlines: Vec<bool>,
}

impl PreparedDoc {
    /// Summarizes `sentences`, recasing a title-case headline as
    /// [`prepare_document`] says.
    pub fn new(sentences: &[Vec<&str>], resources: &dyn Resources) -> PreparedDoc {
        let n_tokens: usize = sentences.iter().map(Vec::len).sum();
        // Room for an article's words (growing costs short documents
        // more than the room), and past that, growth as needed.
        let reserved = n_tokens.min(WORDS_RESERVED);
        let mut doc = PreparedDoc {
            words: Vec::with_capacity(reserved),
            ids: Vec::with_capacity(n_tokens),
            bounds: Vec::with_capacity(sentences.len() + 1),
            headlines: Vec::with_capacity(sentences.len()),
        };
        doc.bounds.push(0);
        let mut numbers: HashMap<&str, u32, BuildHasherDefault<StrHasher>> =
            HashMap::with_capacity_and_hasher(reserved, Default::default());
        for words in sentences {
            for &word in words {
                let id = *numbers.entry(word).or_insert_with(|| {
                    doc.words.push(token_info(word, resources));
                    (doc.words.len() - 1) as u32
                });
                doc.ids.push(id);
            }
            doc.bounds.push(doc.ids.len() as u32);
            let headline = is_headline(doc.sentence(doc.headlines.len()));
            doc.headlines.push(headline);
        }
        drop(numbers);
        doc.recase_headline(sentences, resources);
        doc
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.headlines.len()
    }

    /// The number of tokens of sentence `s`.
    pub fn sentence_len(&self, s: usize) -> usize {
        (self.bounds[s + 1] - self.bounds[s]) as usize
    }

    /// The word numbers of sentence `s`'s tokens.
    pub fn sentence_ids(&self, s: usize) -> &[u32] {
        &self.ids[self.bounds[s] as usize..self.bounds[s + 1] as usize]
    }

    /// The word summaries of sentence `s`'s tokens (without what depends
    /// on their places).
    fn sentence(&self, s: usize) -> impl ExactSizeIterator<Item = &TokenInfo> + Clone + '_ {
        self.sentence_ids(s)
            .iter()
            .map(|&id| &self.words[id as usize])
    }

    /// Sentence `s` summarized into `out` (cleared first) as
    /// [`prepare_sentence`] summarizes it; returns whether it is a
    /// headline.
    pub fn fill(&self, s: usize, resources: &dyn Resources, out: &mut Vec<TokenInfo>) -> bool {
        out.clear();
        out.extend(self.sentence(s).copied());
        let headline = finish_sentence(out, resources);
        debug_assert_eq!(headline, self.headlines[s]);
        headline
    }

    /// Rewrites a title-case headline in the case its words take in the
    /// rest of the document (see [`prepare_document`]).
    fn recase_headline(&mut self, sentences: &[Vec<&str>], resources: &dyn Resources) {
        if self.headlines.first() != Some(&false) {
            return;
        }
        let first: Vec<TokenInfo> = self.sentence(0).copied().collect();
        if !title_case_headline(&first) {
            return;
        }
        // The body's case evidence (as [`DocMemory::observe_case`] gathers
        // it), and the words that open its sentences.
        let mut seen_lower = U64Set::default();
        let mut seen_title = U64Set::default();
        let mut sentence_initial = U64Set::default();
        for s in 1..self.len() {
            if self.headlines[s] {
                continue;
            }
            let mut tokens = self.sentence(s);
            if let Some(t) = tokens.next() {
                sentence_initial.insert(t.word);
            }
            for t in tokens {
                if t.flags & flag::ALL_LOWER != 0 {
                    seen_lower.insert(t.lower);
                } else if t.is_title_case() {
                    seen_title.insert(t.word);
                }
            }
        }
        // Title case shows in capitalized words that the body writes in
        // lower case (`Take`, `Quarterback`); a lede crowded with names
        // (`Amazon CEO Andy Jassy spoke in London`) has none, nor has a
        // document without a body, and is left alone.
        let capitalized_common = first
            .iter()
            .filter(|t| t.is_title_case() && seen_lower.contains(&t.lower))
            .count();
        if capitalized_common < MIN_TITLE_CASE_EVIDENCE {
            return;
        }
        let mut recased = Vec::with_capacity(first.len());
        for (k, (&word, t)) in sentences[0].iter().zip(&first).enumerate() {
            let capital_in_body = seen_title.contains(&t.word)
                || (sentence_initial.contains(&t.word) && !seen_lower.contains(&t.lower));
            if t.is_title_case() && !capital_in_body {
                let info = token_info(&word.to_lowercase(), resources);
                self.words.push(info);
                self.ids[k] = (self.words.len() - 1) as u32;
            }
            recased.push(self.words[self.ids[k] as usize]);
        }
        self.headlines[0] = is_headline(recased.iter());
    }
}

/// The most distinct words [`PreparedDoc::new`] makes room for up front.
const WORDS_RESERVED: usize = 4096;

/// Whether a sentence is a headline: mostly in capitals.
fn is_headline<'a>(infos: impl Iterator<Item = &'a TokenInfo>) -> bool {
    let (mut caps, mut alpha) = (0, 0);
    for t in infos {
        if t.flags & flag::ALL_CAPS != 0 {
            caps += 1;
        }
        if t.flags & (flag::ALL_CAPS | flag::ALL_LOWER | flag::INIT_CAP) != 0 {
            alpha += 1;
        }
    }
    alpha >= 3 && caps * 10 >= alpha * 7
}

/// A fast hasher for the words of one document (FxHash's mixing, eight
/// bytes at a time).
#[derive(Default, Clone, Copy)]
struct StrHasher(u64);

impl Hasher for StrHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// What the document says, for document-level features: case evidence and
/// word contexts gathered over the whole document before tagging, and the
/// labels given so far.
#[derive(Default, Clone)]
pub(crate) struct DocMemory {
    /// The entity type (plus one) a token's lower-case form last received.
    pub kind_of: U64Map<u8>,
    /// Lower-case forms seen in lower case away from a sentence start.
    pub seen_lower: U64Set,
    /// Exact title-case forms seen away from a sentence start, outside
    /// headlines (`Japan` for a headline's `JAPAN`).
    pub seen_title: U64Set,
    /// Per capitalized word (its lower-case form), the lower-case words
    /// that follow its mentions anywhere in the document, each with its
    /// distance (at most [`MAX_CONTEXTS`] per word).
    pub contexts: U64Map<Vec<u64>>,
}

/// How far after a capitalized word [`DocMemory::contexts`] looks.
const CONTEXT_REACH: usize = 3;
/// The most context words [`DocMemory::contexts`] keeps per word (a name
/// mentioned throughout a long article says enough in its first ones).
const MAX_CONTEXTS: usize = 32;

impl DocMemory {
    /// The case evidence and word contexts of a whole prepared document,
    /// gathered before any of it is tagged.
    pub fn of_document(prepared: &[(Vec<TokenInfo>, bool)]) -> DocMemory {
        let mut memory = DocMemory::default();
        for (infos, headline) in prepared {
            memory.observe_case(infos, *headline);
        }
        memory
    }

    /// Records the case evidence of a sentence, and the words after its
    /// capitalized words (before it is tagged, so the whole document's
    /// evidence can also be gathered up front).
    pub fn observe_case(&mut self, infos: &[TokenInfo], headline: bool) {
        self.observe_case_by(infos.len(), |i| &infos[i], headline);
    }

    /// The case evidence and word contexts of a whole compact document
    /// (the same as [`DocMemory::of_document`] over it unpacked).
    pub fn of_prepared(doc: &PreparedDoc) -> DocMemory {
        let mut memory = DocMemory::default();
        for s in 0..doc.len() {
            let ids = doc.sentence_ids(s);
            memory.observe_case_by(ids.len(), |i| &doc.words[ids[i] as usize], doc.headlines[s]);
        }
        memory
    }

    /// [`DocMemory::observe_case`] over a sentence of `len` tokens, token
    /// `i` being `at(i)` (only the word summary is read, nothing that
    /// depends on the token's place).
    #[inline]
    fn observe_case_by<'a>(
        &mut self,
        len: usize,
        at: impl Fn(usize) -> &'a TokenInfo,
        headline: bool,
    ) {
        for i in 0..len {
            let t = at(i);
            if t.flags & (flag::INIT_CAP | flag::ALL_CAPS) == 0 {
                continue;
            }
            // Only lower-case words, and only after the name: what a name
            // does (`said`, `shares`, `will`) tells a company from a place
            // or a person. The words before it are mostly prepositions
            // (`in`, `at`, `on`), which news also puts before companies
            // (`jobs at Amazon`), and pooled over a document they turned a
            // company into a place.
            for j in i + 1..len.min(i + 1 + CONTEXT_REACH) {
                let next = at(j);
                if next.flags & flag::ALL_LOWER == 0 {
                    continue;
                }
                let distance = j - i - 1;
                let seen = self.contexts.entry(t.lower).or_default();
                let key = combine(distance as u64, next.lower);
                if seen.len() < MAX_CONTEXTS && !seen.contains(&key) {
                    seen.push(key);
                }
            }
        }
        if headline {
            return;
        }
        for i in 1..len {
            let t = at(i);
            if t.flags & flag::ALL_LOWER != 0 {
                self.seen_lower.insert(t.lower);
            } else if t.is_title_case() {
                self.seen_title.insert(t.word);
            }
        }
    }

    /// Records the tag given to a token.
    pub fn observe_tag(&mut self, info: &TokenInfo, tag: u8) {
        if let Some((kind, _)) = split_tag(tag) {
            self.kind_of.insert(info.lower, kind + 1);
        }
    }
}

/// The first pass's decisions over a document, read by the second pass:
/// each token's tag, and per capitalized word form how often the first pass
/// gave it each entity type anywhere in the document (so a later, clearer
/// mention informs an earlier one, which left-to-right memory cannot do).
#[derive(Default)]
pub(crate) struct Stack {
    /// First-pass tags per sentence.
    pub tags: Vec<Vec<u8>>,
    /// Per lower-case form of capitalized tokens: counts of PER, ORG, LOC,
    /// MISC and `O`.
    pub by_form: U64Map<[u16; 5]>,
    /// The document's mix of first-pass entity types, as a small code.
    pub mix: u64,
}

/// Counts the first pass's `tag` for a capitalized token's form.
#[inline]
fn count_form(by_form: &mut U64Map<[u16; 5]>, info: &TokenInfo, tag: u8) {
    if info.flags & (flag::INIT_CAP | flag::ALL_CAPS) == 0 {
        return;
    }
    let slot = split_tag(tag).map_or(4, |(kind, _)| kind as usize);
    let counts = by_form.entry(info.lower).or_default();
    counts[slot] = counts[slot].saturating_add(1);
}

impl Stack {
    /// Whether the second pass should decide token `i` of sentence `s`
    /// (after `prev`): it or a neighbour is capitalized or was tagged as
    /// part of an entity by the first pass, or an entity is open.
    #[inline]
    pub fn worth_retagging(&self, infos: &[TokenInfo], s: usize, i: usize, prev: u8) -> bool {
        let open = matches!(
            split_tag(prev),
            Some((_, Position::Begin | Position::Inside))
        );
        let tags = self.tags.get(s).map_or(&[][..], Vec::as_slice);
        open || (i.saturating_sub(1)..(i + 2).min(infos.len())).any(|j| {
            infos[j].flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0
                || tags.get(j).is_some_and(|&t| t != O)
        })
    }

    /// Gathers the first pass's `tags` over the `prepared` document.
    pub fn new(prepared: &[(Vec<TokenInfo>, bool)], tags: Vec<Vec<u8>>) -> Stack {
        let mut by_form: U64Map<[u16; 5]> = U64Map::default();
        for ((infos, _), sentence_tags) in prepared.iter().zip(&tags) {
            for (info, &tag) in infos.iter().zip(sentence_tags) {
                count_form(&mut by_form, info, tag);
            }
        }
        Stack::with_forms(by_form, tags)
    }

    /// [`Stack::new`] over a compact document.
    pub fn of_prepared(doc: &PreparedDoc, tags: Vec<Vec<u8>>) -> Stack {
        let mut by_form: U64Map<[u16; 5]> = U64Map::default();
        for (s, sentence_tags) in tags.iter().enumerate().take(doc.len()) {
            for (&id, &tag) in doc.sentence_ids(s).iter().zip(sentence_tags) {
                count_form(&mut by_form, &doc.words[id as usize], tag);
            }
        }
        Stack::with_forms(by_form, tags)
    }

    fn with_forms(by_form: U64Map<[u16; 5]>, tags: Vec<Vec<u8>>) -> Stack {
        let mut kinds = [0u32; 4];
        for sentence_tags in &tags {
            for &tag in sentence_tags {
                if let Some((kind, Position::Begin | Position::Unit)) = split_tag(tag) {
                    kinds[kind as usize] += 1;
                }
            }
        }
        let total: u32 = kinds.iter().sum();
        // Each type's share of the entities, in thirds.
        let mix = kinds.iter().fold(0u64, |code, &k| {
            code << 2 | u64::from((k * 3 / total.max(1)).min(2))
        });
        Stack { tags, by_form, mix }
    }
}

/// Feature templates; the numbers are part of the model format.
mod t {
    pub const BIAS: u32 = 0;
    pub const WORD: u32 = 1;
    pub const LOWER: u32 = 2;
    pub const SHAPE: u32 = 3;
    pub const SHORT_SHAPE: u32 = 4;
    pub const PREFIX: u32 = 5; // +0..4
    pub const SUFFIX: u32 = 9; // +0..4
    pub const LOWER_AT: u32 = 13; // +0..5 for offsets -2..=2 except 0
    pub const SHAPE_AT: u32 = 18; // +0..5
    pub const SHAPES_3: u32 = 23;
    pub const BIGRAM_LEFT: u32 = 24;
    pub const BIGRAM_RIGHT: u32 = 25;
    pub const FIRST_TOKEN_SHAPE: u32 = 26;
    pub const HEADLINE_SHAPE: u32 = 27;
    pub const HEADLINE_LOWER: u32 = 28;
    pub const CLUSTER: u32 = 29; // +0..4 levels
    pub const CLUSTER_LEFT: u32 = 33; // +0..4
    pub const CLUSTER_RIGHT: u32 = 37; // +0..4
    pub const GAZ: u32 = 41;
    pub const GAZ_LEFT: u32 = 42;
    pub const GAZ_RIGHT: u32 = 43;
    pub const PREV_TAG: u32 = 44;
    pub const PREV_TAGS: u32 = 45;
    pub const PREV_TAG_LOWER: u32 = 46;
    pub const PREV_TAG_SHAPE: u32 = 47;
    pub const MEMORY: u32 = 48;
    pub const MEMORY_SHAPE: u32 = 49;
    pub const SEEN_LOWER: u32 = 50;
    pub const SEEN_TITLE: u32 = 51;
    pub const LENGTH: u32 = 52;
    pub const FLAGS: u32 = 53;
    pub const CLUSTER_PAIR: u32 = 54;
    pub const PREV_TAG_CLUSTER: u32 = 55;
    pub const WORD_RIGHT_SHAPE: u32 = 56;
    pub const GAZ_SHAPE: u32 = 57;
    pub const MEMORY_PREV: u32 = 58;
    // Second pass only: what the first pass decided.
    pub const FIRST_TAG: u32 = 59;
    pub const FIRST_NEXT: u32 = 60;
    pub const FIRST_NEXT2: u32 = 61;
    pub const FIRST_PAIR: u32 = 62;
    pub const FIRST_SHAPE: u32 = 63;
    pub const AGG_TYPE: u32 = 64;
    pub const AGG_MAJOR: u32 = 65;
    pub const AGG_MAJOR_TAG: u32 = 66;
    pub const FIRST_PREV_NEXT: u32 = 67;
    pub const DOC_MIX: u32 = 76;
    pub const DOC_MIX_GAZ: u32 = 77;
    // Both passes: the words after the same word elsewhere in the document.
    pub const DOC_CONTEXT: u32 = 78;
    // Both passes: the name chain the token is part of.
    pub const CHAIN_HEAD: u32 = 79;
    pub const CHAIN_HEAD_CLUSTER: u32 = 80;
    /// A short line's shape with the token's run in it.
    pub const LINE_SHAPE: u32 = 81;
    /// GloVe cluster levels: the token's, the previous token's, the next's
    /// (the news-trained vectors know names the CoNLL training text lacks).
    pub const GLOVE: u32 = 82; // +0..4
    pub const GLOVE_LEFT: u32 = 86; // +0..4
    pub const GLOVE_RIGHT: u32 = 90; // +0..4
    /// The entity types of the word's GloVe neighbours in the training
    /// text, for the token and its two neighbours.
    pub const VOTE: u32 = 100;
    pub const VOTE_LEFT: u32 = 101;
    pub const VOTE_RIGHT: u32 = 102;
}

const EDGE: u64 = 0x0bad_5eed_0bad_5eed;

/// Runs one left-to-right pass over a prepared document: `decide` gets each
/// token's features, its sentence and position, the previous tag and
/// whether an entity must close at the token ([`closes_after`]: the
/// sentence ends, or the next token cannot continue a name), and returns
/// the tag chosen.
/// `drop_identity` is asked once per token whether to leave out the
/// features that name the word itself (training regularization: the model
/// must then also learn from shape, clusters and context, which carry over
/// to words it never saw); tagging passes `|| false`.
pub(crate) fn run_pass(
    prepared: &[(Vec<TokenInfo>, bool)],
    memory: &mut DocMemory,
    stack: Option<&Stack>,
    feats: &mut Vec<u64>,
    mut drop_identity: impl FnMut() -> bool,
    mut decide: impl FnMut(&[u64], usize, usize, u8, bool) -> u8,
) -> Vec<Vec<u8>> {
    let mut out = Vec::with_capacity(prepared.len());
    for (s, (infos, headline)) in prepared.iter().enumerate() {
        let mut tags = Vec::with_capacity(infos.len());
        let (mut prev, mut prev2) = (O, O);
        for i in 0..infos.len() {
            let context = Context {
                headline: *headline,
                prev,
                prev2,
                drop_identity: drop_identity(),
            };
            let chosen = match stack {
                // The second pass leaves alone what the first pass tagged
                // `O` away from any capitalized word or entity: it would
                // not change it, and skipping it keeps tagging fast.
                Some(stack) if !stack.worth_retagging(infos, s, i, prev) => O,
                _ => {
                    extract(infos, i, context, memory, feats);
                    if let Some(stack) = stack {
                        extract_stacked(infos, i, prev, stack, s, feats);
                    }
                    decide(feats, s, i, prev, closes_after(infos, i))
                }
            };
            memory.observe_tag(&infos[i], chosen);
            tags.push(chosen);
            prev2 = prev;
            prev = chosen;
        }
        out.push(tags);
    }
    out
}

/// Whether an entity must close at token `i`: it ends the sentence, or the
/// next token cannot continue a name ([`TokenInfo::breaks_name`]).
#[inline]
pub(crate) fn closes_after(infos: &[TokenInfo], i: usize) -> bool {
    infos.get(i + 1).map_or(true, |next| next.breaks_name)
}

/// What feature extraction needs to know beyond the sentence itself.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context {
    /// The sentence is a headline.
    pub headline: bool,
    /// The tag chosen for the token before.
    pub prev: u8,
    /// The tag chosen for the token two before.
    pub prev2: u8,
    /// Leave out the features that name the word itself.
    pub drop_identity: bool,
}

/// Appends the features of token `i` of `infos` to `feats` (cleared first).
///
/// The features fall into those fixed by the document ([`extract_static`]:
/// the same in both passes) and those that depend on the tags chosen so far
/// ([`extract_dynamic`]); this keeps training's order of them (the
/// perceptron's float sums depend on it), while tagging, whose integer sums
/// do not, computes the fixed ones once for both passes.
pub(crate) fn extract(
    infos: &[TokenInfo],
    i: usize,
    context: Context,
    memory: &DocMemory,
    feats: &mut Vec<u64>,
) {
    feats.clear();
    let Context {
        headline,
        prev,
        prev2,
        drop_identity,
    } = context;
    let me = &infos[i];
    static_head(infos, i, drop_identity, Part::All, feats);
    if !drop_identity {
        feats.push(feature(
            t::PREV_TAG_LOWER,
            combine(u64::from(prev), me.lower),
        ));
    }
    static_body(infos, i, headline, drop_identity, Part::All, feats);
    tag_history(me, prev, prev2, memory, feats);
    static_tail(me, i, headline, memory, feats);
}

/// Appends the features of token `i` that do not depend on the tags chosen
/// so far (nor on what earlier tags put in `memory`: only its case evidence
/// and word contexts, gathered before tagging, are read): all of them, or
/// the [`Part`] of them that its word fixes, or the rest. The lexical and
/// context parts together are the whole.
pub(crate) fn extract_static(
    infos: &[TokenInfo],
    i: usize,
    headline: bool,
    memory: &DocMemory,
    part: Part,
    feats: &mut Vec<u64>,
) {
    static_head(infos, i, false, part, feats);
    static_body(infos, i, headline, false, part, feats);
    if part.context() {
        static_tail(&infos[i], i, headline, memory, feats);
    }
}

/// Appends the features of token `i` that depend on the previous tags and
/// on the entity types `memory` recorded for earlier mentions: with
/// [`extract_static`], the same features as [`extract`] (in another order).
pub(crate) fn extract_dynamic(
    infos: &[TokenInfo],
    i: usize,
    prev: u8,
    prev2: u8,
    memory: &DocMemory,
    feats: &mut Vec<u64>,
) {
    let me = &infos[i];
    feats.push(feature(
        t::PREV_TAG_LOWER,
        combine(u64::from(prev), me.lower),
    ));
    tag_history(me, prev, prev2, memory, feats);
}

/// A field of the token `offset` places from `i`, or an edge marker
/// (distinct per offset) past either end of the sentence.
#[inline]
fn field_at(infos: &[TokenInfo], i: usize, offset: isize, field: fn(&TokenInfo) -> u64) -> u64 {
    token_at(infos, i, offset).map_or(EDGE ^ offset as u64, field)
}

/// The token `offset` places from `i`, `None` past either end of the
/// sentence.
#[inline]
pub(crate) fn token_at(infos: &[TokenInfo], i: usize, offset: isize) -> Option<&TokenInfo> {
    infos.get(usize::try_from(i as isize + offset).ok()?)
}

#[inline]
fn lower_at(infos: &[TokenInfo], i: usize, offset: isize) -> u64 {
    field_at(infos, i, offset, |t| t.lower)
}

#[inline]
fn shape_at(infos: &[TokenInfo], i: usize, offset: isize) -> u64 {
    field_at(infos, i, offset, |t| t.short_shape)
}

/// Which of a token's fixed features to extract: all of them (training's
/// path), those of its word alone, or the rest but those that read one
/// neighbour alone (which [`extract_neighbour`] gives, neighbour by
/// neighbour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    All,
    /// The features fixed by the word itself, whether it opens its sentence
    /// and whether that sentence is a headline: the same wherever the word
    /// recurs in a document in the same place, so tagging sums their
    /// weights once per word and document.
    Lexical,
    /// All but the lexical ones and the neighbours' own: those that read two
    /// tokens together, gazetteer matches, chains, the line and the
    /// document.
    Context,
}

impl Part {
    fn lexical(self) -> bool {
        self != Part::Context
    }
    fn context(self) -> bool {
        self != Part::Lexical
    }
    fn neighbours(self) -> bool {
        self == Part::All
    }
}

/// The offsets of the neighbours whose words a token reads.
pub(crate) const NEIGHBOUR_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// Appends the features that a token reads from the token `offset` places
/// away (one of [`NEIGHBOUR_OFFSETS`]) and from nothing else, given that
/// neighbour (`None` past the sentence): its lower-case form and short
/// shape, and, next to the token, its word classes. They depend on that
/// word and the offset alone, so tagging sums their weights once per word
/// and document. With [`Part::Lexical`] and [`Part::Context`], they make up
/// [`Part::All`].
pub(crate) fn extract_neighbour(
    neighbour: Option<&TokenInfo>,
    offset: isize,
    feats: &mut Vec<u64>,
) {
    let Some(slot) = NEIGHBOUR_OFFSETS.iter().position(|&o| o == offset) else {
        return;
    };
    feats.extend(neighbour_word_features(neighbour, slot, offset));
    if offset.abs() == 1 {
        for level in (0..N_CLUSTER_LEVELS).filter(|&l| l != DISTINCT_VECTOR_LEVEL) {
            let (_, left, right) = cluster_templates(level);
            let template = if offset < 0 { left } else { right };
            feats.push(feature(template, cluster_value(neighbour, level)));
        }
    }
}

/// The features of the neighbour at `offset` (the `slot`-th of
/// [`NEIGHBOUR_OFFSETS`]): its lower-case form and short shape, or the
/// edge marker of that offset.
#[inline]
fn neighbour_word_features(neighbour: Option<&TokenInfo>, slot: usize, offset: isize) -> [u64; 2] {
    let edge = EDGE ^ offset as u64;
    [
        feature(
            t::LOWER_AT + slot as u32,
            neighbour.map_or(edge, |n| n.lower),
        ),
        feature(
            t::SHAPE_AT + slot as u32,
            neighbour.map_or(edge, |n| n.short_shape),
        ),
    ]
}

/// The cluster level of spaCy's distinct vectors: too fine to read at the
/// neighbours.
const DISTINCT_VECTOR_LEVEL: usize = 3;

/// The templates of cluster level `level`: the token's own, its left
/// neighbour's and its right neighbour's.
#[inline]
fn cluster_templates(level: usize) -> (u32, u32, u32) {
    match level {
        VOTE_LEVEL => (t::VOTE, t::VOTE_LEFT, t::VOTE_RIGHT),
        GLOVE_LEVEL.. => {
            let g = (level - GLOVE_LEVEL) as u32;
            (t::GLOVE + g, t::GLOVE_LEFT + g, t::GLOVE_RIGHT + g)
        }
        _ => {
            let l = level as u32;
            (t::CLUSTER + l, t::CLUSTER_LEFT + l, t::CLUSTER_RIGHT + l)
        }
    }
}

/// A token's class at cluster level `level`, or a marker past the sentence.
#[inline]
fn cluster_value(token: Option<&TokenInfo>, level: usize) -> u64 {
    token.map_or(u64::from(u16::MAX) + 1, |t| u64::from(t.clusters[level]))
}

/// The bias and the word-identity features of the token itself.
#[inline]
fn static_head(
    infos: &[TokenInfo],
    i: usize,
    drop_identity: bool,
    part: Part,
    feats: &mut Vec<u64>,
) {
    let me = &infos[i];
    if part.lexical() {
        feats.push(feature(t::BIAS, 0));
    }
    if !drop_identity && part.lexical() {
        feats.push(feature(t::WORD, me.word));
        feats.push(feature(t::LOWER, me.lower));
    }
    if !drop_identity && part.context() {
        feats.push(feature(
            t::BIGRAM_LEFT,
            combine(lower_at(infos, i, -1), me.lower),
        ));
        feats.push(feature(
            t::BIGRAM_RIGHT,
            combine(me.lower, lower_at(infos, i, 1)),
        ));
        feats.push(feature(
            t::WORD_RIGHT_SHAPE,
            combine(me.word, shape_at(infos, i, 1)),
        ));
    }
}

/// The token's form, its neighbours, clusters and gazetteer matches.
#[inline]
fn static_body(
    infos: &[TokenInfo],
    i: usize,
    headline: bool,
    drop_identity: bool,
    part: Part,
    feats: &mut Vec<u64>,
) {
    let me = &infos[i];
    let (lexical, context) = (part.lexical(), part.context());
    let at = |offset: isize| token_at(infos, i, offset);
    let shape_at = |offset: isize| shape_at(infos, i, offset);
    if lexical {
        if !drop_identity && headline {
            feats.push(feature(t::HEADLINE_LOWER, me.lower));
        }
        feats.push(feature(t::SHAPE, me.shape));
        feats.push(feature(t::SHORT_SHAPE, me.short_shape));
        for k in 0..4 {
            feats.push(feature(t::PREFIX + k as u32, me.prefix[k]));
            feats.push(feature(t::SUFFIX + k as u32, me.suffix[k]));
        }
    }
    if part.neighbours() {
        for (slot, offset) in NEIGHBOUR_OFFSETS.into_iter().enumerate() {
            feats.extend(neighbour_word_features(at(offset), slot, offset));
        }
    }
    if context {
        feats.push(feature(
            t::SHAPES_3,
            combine(combine(shape_at(-1), me.short_shape), shape_at(1)),
        ));
    }
    if lexical {
        if i == 0 {
            feats.push(feature(t::FIRST_TOKEN_SHAPE, me.short_shape));
        }
        if headline {
            feats.push(feature(t::HEADLINE_SHAPE, me.short_shape));
        }
        feats.push(feature(t::LENGTH, u64::from(me.length.min(12))));
        feats.push(feature(
            t::FLAGS,
            u64::from(me.flags) | (u64::from(i == 0) << 8) | (u64::from(headline) << 9),
        ));
    }
    for level in 0..N_CLUSTER_LEVELS {
        let (own, left, right) = cluster_templates(level);
        if lexical {
            feats.push(feature(own, cluster_value(Some(me), level)));
        }
        if part.neighbours() && level != DISTINCT_VECTOR_LEVEL {
            feats.push(feature(left, cluster_value(at(-1), level)));
            feats.push(feature(right, cluster_value(at(1), level)));
        }
    }
    if !context {
        return;
    }
    feats.push(feature(
        t::CLUSTER_PAIR,
        combine(cluster_value(Some(me), 1), cluster_value(at(1), 1)),
    ));
    if me.gaz != 0 {
        feats.push(feature(t::GAZ, u64::from(me.gaz)));
        feats.push(feature(
            t::GAZ_SHAPE,
            combine(u64::from(me.gaz), me.short_shape),
        ));
        for bit in 0..16 {
            if me.gaz & (1 << bit) != 0 {
                feats.push(feature(t::GAZ, 0x10000 + bit));
            }
        }
    }
    if let Some(left) = at(-1).filter(|t| t.gaz != 0) {
        feats.push(feature(t::GAZ_LEFT, u64::from(left.gaz)));
    }
    if let Some(right) = at(1).filter(|t| t.gaz != 0) {
        feats.push(feature(t::GAZ_RIGHT, u64::from(right.gaz)));
    }
    if me.chain_place != 0 {
        let place = u64::from(me.chain_place);
        feats.push(feature(t::CHAIN_HEAD, combine(place, me.chain_head)));
        feats.push(feature(
            t::CHAIN_HEAD_CLUSTER,
            combine(place, u64::from(me.chain_head_cluster)),
        ));
    }
    if me.line_shape != 0 {
        feats.push(feature(t::LINE_SHAPE, me.line_shape));
    }
}

/// The tags chosen before the token, and the entity type an earlier
/// mention of the same (capitalized) word received.
#[inline]
fn tag_history(me: &TokenInfo, prev: u8, prev2: u8, memory: &DocMemory, feats: &mut Vec<u64>) {
    feats.push(feature(t::PREV_TAG, u64::from(prev)));
    feats.push(feature(
        t::PREV_TAGS,
        u64::from(prev) << 8 | u64::from(prev2),
    ));
    feats.push(feature(
        t::PREV_TAG_SHAPE,
        combine(u64::from(prev), me.short_shape),
    ));
    feats.push(feature(
        t::PREV_TAG_CLUSTER,
        combine(u64::from(prev), u64::from(me.clusters[1])),
    ));
    // Document level: what an earlier mention of the same word was tagged.
    if me.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
        if let Some(&kind) = memory.kind_of.get(&me.lower) {
            feats.push(feature(t::MEMORY, u64::from(kind)));
            feats.push(feature(
                t::MEMORY_SHAPE,
                combine(u64::from(kind), me.short_shape),
            ));
            feats.push(feature(
                t::MEMORY_PREV,
                combine(u64::from(kind), u64::from(prev)),
            ));
        }
    }
}

/// The case the (capitalized) word takes elsewhere in the document, and the
/// words that follow it there.
#[inline]
fn static_tail(me: &TokenInfo, i: usize, headline: bool, memory: &DocMemory, feats: &mut Vec<u64>) {
    if me.flags & (flag::INIT_CAP | flag::ALL_CAPS) == 0 {
        return;
    }
    // What follows the same word elsewhere in the document: a name's
    // clearest mention informs its others.
    if let Some(contexts) = memory.contexts.get(&me.lower) {
        for &context in contexts {
            feats.push(feature(t::DOC_CONTEXT, context));
        }
    }
    if memory.seen_lower.contains(&me.lower) {
        feats.push(feature(
            t::SEEN_LOWER,
            u64::from(i == 0) | u64::from(headline) << 1,
        ));
    }
    if me.flags & flag::ALL_CAPS != 0 && memory.seen_title.contains(&me.title) {
        feats.push(feature(t::SEEN_TITLE, u64::from(headline)));
    }
}

/// Appends the second pass's features of token `i` of sentence `s`: the
/// first pass's tags around it and what it made of the same word elsewhere
/// in the document.
pub(crate) fn extract_stacked(
    infos: &[TokenInfo],
    i: usize,
    prev: u8,
    stack: &Stack,
    s: usize,
    feats: &mut Vec<u64>,
) {
    let Some(first) = stack.tags.get(s) else {
        return;
    };
    let tag_at = |j: usize| first.get(j).copied().map_or(0xff, u64::from);
    let me = &infos[i];
    let here = tag_at(i);
    let next = tag_at(i + 1);
    // Its own first-pass tag and the ones after it: a left-to-right pass
    // cannot see what follows a token, the second pass can.
    feats.push(feature(t::FIRST_TAG, here));
    feats.push(feature(t::FIRST_PAIR, combine(here, next)));
    feats.push(feature(t::FIRST_SHAPE, combine(here, me.short_shape)));
    feats.push(feature(t::FIRST_NEXT, next));
    feats.push(feature(t::FIRST_NEXT2, combine(next, tag_at(i + 2))));
    feats.push(feature(t::FIRST_PREV_NEXT, combine(u64::from(prev), next)));
    // The kind of document (a sports table of team names, a political
    // story of people): city names are teams in one, places in the other.
    feats.push(feature(t::DOC_MIX, combine(stack.mix, here)));
    if me.gaz != 0 {
        feats.push(feature(
            t::DOC_MIX_GAZ,
            combine(stack.mix, u64::from(me.gaz)),
        ));
    }
    if me.flags & (flag::INIT_CAP | flag::ALL_CAPS) == 0 {
        return;
    }
    let Some(&counts) = stack.by_form.get(&me.lower) else {
        return;
    };
    // The other mentions: leave out this token's own first-pass vote.
    let mut others = counts;
    let own = split_tag(tag_at(i) as u8).map_or(4, |(kind, _)| kind as usize);
    others[own] = others[own].saturating_sub(1);
    let total: u32 = others.iter().map(|&c| u32::from(c)).sum();
    if total == 0 {
        return;
    }
    let mut major = 4;
    for (kind, &c) in others.iter().enumerate() {
        if c > 0 {
            // Share of the other mentions, in quarters.
            let quarter = (u32::from(c) * 4 / total).min(3);
            feats.push(feature(
                t::AGG_TYPE,
                (kind as u64) << 4 | u64::from(quarter),
            ));
        }
        if c > others[major] {
            major = kind;
        }
    }
    feats.push(feature(t::AGG_MAJOR, major as u64));
    feats.push(feature(t::AGG_MAJOR_TAG, combine(major as u64, here)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_transitions() {
        let b_per = tag(Position::Begin, 0);
        let l_per = tag(Position::Last, 0);
        let l_org = tag(Position::Last, 1);
        assert!(allowed(O, b_per, false));
        assert!(!allowed(O, b_per, true));
        assert!(allowed(b_per, l_per, true));
        assert!(!allowed(b_per, l_org, false));
        assert!(!allowed(b_per, O, false));
        assert_eq!(split_tag(l_org), Some((1, Position::Last)));
        for a in 0..N_TAGS as u8 {
            for b in 0..N_TAGS as u8 {
                for must_close in [false, true] {
                    assert_eq!(
                        allowed(a, b, must_close),
                        allowed_reference(a, b, must_close)
                    );
                }
            }
        }
        assert!(!allowed(O, 200, false));
    }

    struct NoResources;

    impl Resources for NoResources {
        fn clusters(&self, _key: u64) -> Option<[u16; N_CLUSTER_LEVELS]> {
            None
        }
        fn gazetteer(&self, _key: u64) -> u8 {
            0
        }
    }

    #[test]
    fn lexical_neighbour_and_context_features_split_the_fixed_ones() {
        let doc = [
            vec!["AMAZON", "CUTS", "JOBS"],
            vec![
                "Amazon", "said", "Amazon", "cut", "jobs", "in", "Seattle", ".",
            ],
        ];
        let prepared = prepare_document(&doc, &NoResources);
        let memory = DocMemory::of_document(&prepared);
        for (infos, headline) in &prepared {
            for i in 0..infos.len() {
                let mut whole = Vec::new();
                extract_static(infos, i, *headline, &memory, Part::All, &mut whole);
                let mut parts = Vec::new();
                extract_static(infos, i, *headline, &memory, Part::Lexical, &mut parts);
                let n_lexical = parts.len();
                for offset in NEIGHBOUR_OFFSETS {
                    extract_neighbour(token_at(infos, i, offset), offset, &mut parts);
                }
                let n_neighbours = parts.len() - n_lexical;
                extract_static(infos, i, *headline, &memory, Part::Context, &mut parts);
                assert!(n_lexical > 20 && n_neighbours == 2 * 4 + 2 * 8);
                assert!(parts.len() > n_lexical + n_neighbours);
                whole.sort_unstable();
                parts.sort_unstable();
                assert_eq!(whole, parts);
            }
        }
    }

    #[test]
    fn a_name_reads_the_lower_case_words_after_its_other_mentions() {
        let doc = [
            vec!["Amazon", "said", "on", "Monday", "."],
            vec!["Jobs", "at", "Amazon", "will", "go", "."],
        ];
        let prepared = prepare_sentences(&doc, &NoResources);
        let memory = DocMemory::of_document(&prepared);
        let (first, second) = (&prepared[0].0, &prepared[1].0);
        let context = |distance: u64, t: &TokenInfo| combine(distance, t.lower);
        // Capitalized words and punctuation after a name are left out;
        // so is anything before it (`at`).
        assert_eq!(
            memory.contexts[&first[0].lower],
            [
                context(0, &first[1]),
                context(1, &first[2]),
                context(0, &second[3]),
                context(1, &second[4]),
            ]
        );
        assert_eq!(
            memory.contexts[&second[0].lower],
            [context(0, &second[1]), context(2, &second[3])]
        );
        assert!(!memory.contexts.contains_key(&first[1].lower));
        // The second mention reads what followed the first.
        let mut feats = Vec::new();
        extract_static(second, 2, false, &memory, Part::All, &mut feats);
        assert!(feats.contains(&feature(t::DOC_CONTEXT, context(0, &first[1]))));
    }

    #[test]
    fn a_title_case_headline_takes_the_case_of_the_body() {
        let doc: Vec<Vec<&str>> = vec![
            vec![
                "Foxes",
                "Take",
                "Quarterback",
                "Malik",
                "Durant",
                "with",
                "Top",
                "Pick",
            ],
            vec![
                "The",
                "Columbus",
                "Foxes",
                "will",
                "take",
                "a",
                "quarterback",
                ".",
            ],
            vec!["Durant", "said", "the", "pick", "was", "a", "surprise", "."],
        ];
        let prepared = prepare_document(&doc, &NoResources);
        let flags: Vec<bool> = prepared[0]
            .0
            .iter()
            .map(|t| t.flags & flag::INIT_CAP != 0)
            .collect();
        // `Foxes` (capitalized in the body) and `Durant` (at a sentence
        // start, never in lower case) keep their capitals; `Malik` and
        // `Top`, never seen in the body, lose theirs with `Take`,
        // `Quarterback` and `Pick`.
        assert_eq!(
            flags,
            [true, false, false, false, true, false, false, false]
        );
        // A lede crowded with names, or a document of one sentence, stays.
        let lede: Vec<Vec<&str>> = vec![
            vec![
                "Amazon", "CEO", "Andy", "Jassy", "spoke", "in", "London", "on", "Tuesday", ".",
            ],
            vec!["Jassy", "said", "Amazon", "would", "grow", "."],
        ];
        let prepared = prepare_document(&lede, &NoResources);
        assert!(prepared[0].0[2].flags & flag::INIT_CAP != 0);
        let prepared = prepare_document(&doc[..1], &NoResources);
        assert!(prepared[0].0[1].flags & flag::INIT_CAP != 0);
    }

    #[test]
    fn scores_dates_and_amounts_close_a_name_before_them() {
        let breaks = |w: &str| token_info(w, &NoResources).breaks_name;
        for w in ["9-1", "19/11/96", "3,800", "10:30", "84.00-86.00"] {
            assert!(breaks(w), "{w} should close a name before it");
        }
        // Bare numbers and versions do continue names (`Digital Commerce
        // 360`, `Windows NT 4.0`), and so do words with digits (`A321neo`).
        for w in ["360", "4.0", "A321neo", "COVID-19", "-", ","] {
            assert!(!breaks(w), "{w} should not close a name");
        }
        let mut infos = Vec::new();
        prepare_sentence(
            &["Fernando", "Redondo", "9-1", "Giovanni"],
            &NoResources,
            &mut infos,
        );
        assert!(!closes_after(&infos, 0));
        assert!(closes_after(&infos, 1));
        assert!(!closes_after(&infos, 2));
        assert!(closes_after(&infos, 3));
    }

    #[test]
    fn a_short_line_gives_its_names_its_shape() {
        let shape_of = |words: &[&str]| {
            let mut infos = Vec::new();
            prepare_sentence(words, &NoResources, &mut infos);
            infos.iter().map(|t| t.line_shape).collect::<Vec<_>>()
        };
        // A results line: both runs of names get a shape, each its own;
        // the words of one run share theirs; numbers get none.
        let line = shape_of(&["Stefanel", "Milan", "89", "Maccabi", "Tel", "Aviv", "70"]);
        assert!(line[0] != 0 && line[0] == line[1]);
        assert!(line[3] != 0 && line[3] == line[5] && line[3] != line[0]);
        assert_eq!((line[2], line[6]), (0, 0));
        // The same shape with other names is the same feature.
        let other = shape_of(&["Real", "Madrid", "2", "Barcelona", "1"]);
        assert_eq!((other[0], other[3]), (line[0], line[3]));
        // Another shape is another feature.
        let standing = shape_of(&["Limoges", "(", "France", ")", "9", "3", "6", "12"]);
        assert!(standing[0] != 0 && standing[0] != line[0]);
        // A sentence of more than MAX_LINE_RUNS runs has no line shape.
        let prose = shape_of(&[
            "Amazon", "said", "on", "Tuesday", "that", "AWS", "will", "cut", "jobs", "in",
            "Seattle", ",", "Jassy", "said", ".",
        ]);
        assert!(prose.iter().all(|&s| s == 0));
    }

    #[test]
    fn a_long_name_tells_each_of_its_words_its_last_word() {
        let words = [
            "The",
            "Office",
            "for",
            "National",
            "Statistics",
            "said",
            "Bank",
            "of",
            "the",
            "West",
            "and",
            "Amazon",
            "rose",
            ".",
        ];
        let mut infos = Vec::new();
        prepare_sentence(&words, &NoResources, &mut infos);
        let place = |i: usize| infos[i].chain_place;
        let statistics = infos[4].lower;
        // `The Office for National Statistics` is one chain headed by
        // `Statistics`, connector included.
        assert_eq!(place(0), ChainPlace::First as u8);
        assert_eq!(place(1), ChainPlace::Inside as u8);
        assert_eq!(place(2), ChainPlace::Connector as u8);
        assert_eq!(place(4), ChainPlace::Head as u8);
        assert!(infos[..5].iter().all(|t| t.chain_head == statistics));
        // `of the` joins `Bank` to `West`; `and` leads to `Amazon`.
        assert_eq!(place(6), ChainPlace::First as u8);
        assert_eq!(place(8), ChainPlace::Connector as u8);
        assert_eq!(place(11), ChainPlace::Head as u8);
        assert!(infos[6..12].iter().all(|t| t.chain_head == infos[11].lower));
        assert_eq!(place(5), 0);
        assert_eq!(place(12), 0);
        // A lone capitalized word is no chain; nor is a headline.
        prepare_sentence(&["Amazon", "said", "so"], &NoResources, &mut infos);
        assert!(infos.iter().all(|t| t.chain_place == 0));
        prepare_sentence(
            &["AMAZON", "CUTS", "JOBS", "IN", "CLOUD"],
            &NoResources,
            &mut infos,
        );
        assert!(infos.iter().all(|t| t.chain_place == 0));
    }

    /// `prepare_document` as it was before [`PreparedDoc`]: every sentence
    /// summarized word by word.
    fn prepare_document_reference(
        sentences: &[Vec<&str>],
        resources: &dyn Resources,
    ) -> Vec<(Vec<TokenInfo>, bool)> {
        let mut prepared = prepare_sentences(sentences, resources);
        let Some((first, false)) = prepared.first() else {
            return prepared;
        };
        if !title_case_headline(first) {
            return prepared;
        }
        let body = DocMemory::of_document(&prepared[1..]);
        let sentence_initial: U64Set = prepared[1..]
            .iter()
            .filter(|(_, headline)| !headline)
            .filter_map(|(infos, _)| infos.first().map(|t| t.word))
            .collect();
        // Title case shows in capitalized words that the body writes in lower
        // case (`Take`, `Quarterback`); a lede crowded with names (`Amazon CEO
        // Andy Jassy spoke in London`) has none, nor has a document without a
        // body, and is left alone.
        let capitalized_common = first
            .iter()
            .filter(|t| t.is_title_case() && body.seen_lower.contains(&t.lower))
            .count();
        if capitalized_common < MIN_TITLE_CASE_EVIDENCE {
            return prepared;
        }
        let recased: Vec<std::borrow::Cow<'_, str>> = sentences[0]
            .iter()
            .zip(first)
            .map(|(&word, t)| {
                let capital_in_body = body.seen_title.contains(&t.word)
                    || (sentence_initial.contains(&t.word) && !body.seen_lower.contains(&t.lower));
                let lower = t.is_title_case() && !capital_in_body;
                if lower {
                    std::borrow::Cow::Owned(word.to_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(word)
                }
            })
            .collect();
        let words: Vec<&str> = recased.iter().map(|w| w.as_ref()).collect();
        let mut infos = Vec::with_capacity(words.len());
        let headline = prepare_sentence(&words, resources, &mut infos);
        prepared[0] = (infos, headline);
        prepared
    }

    #[test]
    fn compact_documents_unpack_as_prepared_ones() {
        let backend = crate::LinearBackend::embedded().unwrap();
        let model = backend.model();
        let mut docs: Vec<String> = vec![
            "Foxes Take Quarterback Malik Durant with Top Pick\n\
             The Columbus Foxes will take a quarterback .\n\
             Durant said the pick was a surprise ."
                .to_owned(),
            "JAPAN BEAT SYRIA IN ASIAN CUP\nJapan beat Syria 2-1 in the Asian Cup on Friday , \
             the Football Association of Japan said .\nThe United Nations and New York \
             Stock Exchange officials met in New York ."
                .to_owned(),
            String::new(),
        ];
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");
        let mut paths: Vec<_> = std::fs::read_dir(fixtures)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        docs.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
        for text in &docs {
            // Lines as sentences, whitespace as token boundaries: crude, but
            // the same words either way.
            let doc: Vec<Vec<&str>> = text
                .lines()
                .map(|line| line.split_whitespace().collect())
                .collect();
            let expected = prepare_document_reference(&doc, model);
            let compact = PreparedDoc::new(&doc, model);
            let unpacked = prepare_document(&doc, model);
            assert_eq!(format!("{expected:?}"), format!("{unpacked:?}"));
            assert_eq!(compact.len(), expected.len());
            let memory = DocMemory::of_document(&expected);
            let from_compact = DocMemory::of_prepared(&compact);
            assert_eq!(memory.seen_lower, from_compact.seen_lower);
            assert_eq!(memory.seen_title, from_compact.seen_title);
            assert_eq!(memory.contexts, from_compact.contexts);
            let tags: Vec<Vec<u8>> = expected
                .iter()
                .map(|(infos, _)| (0..infos.len()).map(|i| (i % N_TAGS) as u8).collect())
                .collect();
            let stack = Stack::new(&expected, tags.clone());
            let from_compact = Stack::of_prepared(&compact, tags);
            assert_eq!(stack.by_form, from_compact.by_form);
            assert_eq!(stack.mix, from_compact.mix);
        }
    }
}
