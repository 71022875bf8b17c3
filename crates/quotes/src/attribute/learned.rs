//! The learned cue model of the wider notion of attribution: a logistic
//! regression, trained on PolNeAR's training articles by
//! `newsie-train-quotes`, that decides for each candidate cue whether it
//! attributes.
//!
//! Why a model here and not more rules: PolNeAR's cues are a long tail
//! (7,460 distinct forms among 19,833 cues in its training split), and
//! whether a word attributes depends on its neighbours more than on the
//! word (`said` in `the said law`, `shows` in `polls show` and in `TV
//! shows`). The rules keep their lexicon and their speaker and content
//! machinery; the model only
//! - **adds** candidates: words of a lexicon learned from the training
//!   split's gold cues, and the rules' own excluded uses (PolNeAR counts
//!   passives such as `is expected` as cues), accepted when the model's
//!   probability reaches [`CueModel::accept`];
//! - **vetoes** the rules' cues whose probability falls under
//!   [`CueModel::veto`].
//!
//! The features are what the rules compute anyway: the word, its
//! neighbours, the speaker phrase the rules located (before, after, none;
//! a name or a pronoun), quotation marks nearby, a `that` after it. The
//! model is a readable text file (`models/quotes/newsie-quotes-wide.txt`),
//! embedded by `include_str!`, so the run time stays pure Rust and needs
//! no file; it is used only under the wide scope
//! ([`crate::AttributorBuilder::wide_attribution`]), never by the speech
//! scope of the annotation spec.

use super::cues::{find_cues, CueHit};
use super::marks::{inside_direct, Direct};
use super::speakers::locate_speaker;
use super::Doc;
use crate::lexicon::{self, CueClass};
use crate::Settings;
use newsie_core::Span;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The model file embedded in the crate (format in [`CueModel::parse`]).
const EMBEDDED: &str = include_str!("../../../../models/quotes/newsie-quotes-wide.txt");

/// The first line of a model file.
const HEADER: &str = "newsie-quotes-wide 1";

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file does not start with the format's header line.
    #[error("not a newsie quotes model: the first line must be `{HEADER}`")]
    Header,
    /// A line that is none of the format's records.
    #[error("model line {line}: {message}")]
    Line {
        /// One-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// `lemma` as a `&'static str`, the type of a cue's lemma throughout the
/// crate: each distinct lemma is kept once for the life of the program, so
/// building many models (a trainer's threshold search) keeps no more than
/// the distinct words of their lexicons.
fn intern(lemma: String) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Mutex::default);
    // A poisoned lock still holds a valid set: every insert is complete.
    let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&known) = seen.get(lemma.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(lemma.into_boxed_str());
    seen.insert(leaked);
    leaked
}

/// Where a candidate cue came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A cue the rules keep.
    Rule,
    /// A lexicon word the rules drop (a passive, an infinitive, a modal, a
    /// noun after a possessive).
    RuleExcluded,
    /// A word of the learned lexicon that the rules do not know.
    Lexicon,
}

impl Origin {
    fn name(self) -> &'static str {
        match self {
            Origin::Rule => "rule",
            Origin::RuleExcluded => "excluded",
            Origin::Lexicon => "lexicon",
        }
    }
}

/// A candidate cue inside the crate: the cue as the rules' later stages
/// read it, where it came from, and its features.
pub(super) struct Candidate {
    pub(super) cue: CueHit,
    pub(super) origin: Origin,
    pub(super) features: Vec<String>,
}

/// A candidate cue with its features, for training (see
/// [`crate::Attributor::cue_candidates`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CueCandidate {
    /// The cue's words.
    pub span: Span,
    /// Whether the rules alone would keep it.
    pub by_rules: bool,
    /// Its features, as the model reads them.
    pub features: Vec<String>,
}

/// A logistic regression over string features that scores candidate cues,
/// with the learned lexicon that proposes them and the two thresholds that
/// turn its probability into a decision.
#[derive(Clone, PartialEq)]
pub struct CueModel {
    /// Learned cue words (lower case) and their lemmas.
    lexicon: HashMap<Box<str>, &'static str>,
    weights: HashMap<Box<str>, f32>,
    bias: f32,
    accept: f32,
    veto: f32,
    /// Whether any weight is of a content boundary.
    boundaries: bool,
}

/// A summary, not the 17,000 weights: an [`crate::Attributor`] (and a
/// pipeline holding one) is printed with `{:?}` in logs.
impl std::fmt::Debug for CueModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CueModel")
            .field("lexicon", &self.lexicon.len())
            .field("weights", &self.weights.len())
            .field("accept", &self.accept)
            .field("veto", &self.veto)
            .field("boundaries", &self.boundaries)
            .finish()
    }
}

impl CueModel {
    /// A model from its parts: `lexicon` as (form, lemma) pairs, feature
    /// weights, the bias, and the thresholds ([`CueModel::accept`],
    /// [`CueModel::veto`]).
    pub fn new(
        lexicon: impl IntoIterator<Item = (String, String)>,
        weights: impl IntoIterator<Item = (String, f32)>,
        bias: f32,
        accept: f32,
        veto: f32,
    ) -> CueModel {
        let lexicon = lexicon
            .into_iter()
            .map(|(form, lemma)| (form.into_boxed_str(), intern(lemma)))
            .collect();
        let weights: HashMap<Box<str>, f32> = weights
            .into_iter()
            .map(|(f, w)| (f.into_boxed_str(), w))
            .collect();
        let boundaries = weights
            .keys()
            .any(|f| f.starts_with("S|") || f.starts_with("E|"));
        CueModel {
            lexicon,
            weights,
            bias,
            accept,
            veto,
            boundaries,
        }
    }

    /// The model embedded in the crate, parsed once; `None` only if the
    /// embedded file were broken (a unit test rules that out).
    pub fn embedded() -> Option<Arc<CueModel>> {
        static MODEL: OnceLock<Option<Arc<CueModel>>> = OnceLock::new();
        MODEL
            .get_or_init(|| CueModel::parse(EMBEDDED).ok().map(Arc::new))
            .clone()
    }

    /// Reads a model file: the header line, then one record a line, fields
    /// separated by tabs: `bias W`, `accept P`, `veto P`, `lex FORM LEMMA`,
    /// `w WEIGHT FEATURE`. Blank lines and lines starting with `#` are
    /// comments.
    pub fn parse(text: &str) -> Result<CueModel, ModelError> {
        let mut lines = text.lines().enumerate();
        if lines.next().map(|(_, l)| l.trim()) != Some(HEADER) {
            return Err(ModelError::Header);
        }
        let (mut bias, mut accept, mut veto) = (0.0, 1.0, 0.0);
        let mut lexicon = Vec::new();
        let mut weights = Vec::new();
        for (n, line) in lines {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: &str| ModelError::Line {
                line: n + 1,
                message: message.to_owned(),
            };
            let number = |s: Option<&str>| -> Result<f32, ModelError> {
                s.and_then(|s| s.parse::<f32>().ok())
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| bad("expected a finite number"))
            };
            let mut fields = line.split('\t');
            match fields.next() {
                Some("bias") => bias = number(fields.next())?,
                Some("accept") => accept = number(fields.next())?,
                Some("veto") => veto = number(fields.next())?,
                Some("lex") => match (fields.next(), fields.next()) {
                    (Some(form), Some(lemma)) if !form.is_empty() && !lemma.is_empty() => {
                        lexicon.push((form.to_owned(), lemma.to_owned()));
                    }
                    _ => return Err(bad("`lex` needs a form and a lemma")),
                },
                Some("w") => {
                    let weight = number(fields.next())?;
                    let feature = fields
                        .next()
                        .filter(|f| !f.is_empty())
                        .ok_or_else(|| bad("`w` needs a feature"))?;
                    weights.push((feature.to_owned(), weight));
                }
                _ => return Err(bad("unknown record")),
            }
            if fields.next().is_some() {
                return Err(bad("too many fields"));
            }
        }
        Ok(CueModel::new(lexicon, weights, bias, accept, veto))
    }

    /// The model as a file [`CueModel::parse`] reads back, lines sorted so
    /// that the same model always gives the same bytes.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{HEADER}\nbias\t{}\naccept\t{}\nveto\t{}\n",
            self.bias, self.accept, self.veto
        );
        let mut lex: Vec<_> = self.lexicon.iter().collect();
        lex.sort();
        for (form, lemma) in lex {
            out.push_str(&format!("lex\t{form}\t{lemma}\n"));
        }
        let mut weights: Vec<_> = self.weights.iter().collect();
        weights.sort_by(|a, b| a.0.cmp(b.0));
        for (feature, weight) in weights {
            out.push_str(&format!("w\t{weight}\t{feature}\n"));
        }
        out
    }

    /// The feature weights, sorted by feature.
    pub fn weights(&self) -> Vec<(String, f32)> {
        let mut out: Vec<(String, f32)> = self
            .weights
            .iter()
            .map(|(f, w)| (f.to_string(), *w))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// The same model with other feature weights.
    pub fn with_weights(self, weights: impl IntoIterator<Item = (String, f32)>) -> CueModel {
        let lexicon = self
            .lexicon
            .into_iter()
            .map(|(form, lemma)| (form.into_string(), lemma.to_owned()));
        CueModel::new(lexicon, weights, self.bias, self.accept, self.veto)
    }

    /// The same model with other thresholds.
    pub fn with_thresholds(mut self, accept: f32, veto: f32) -> CueModel {
        self.accept = accept;
        self.veto = veto;
        self
    }

    /// The probability at or above which a candidate the rules do not keep
    /// becomes a cue.
    pub fn accept(&self) -> f32 {
        self.accept
    }

    /// The probability under which a cue the rules keep is dropped.
    pub fn veto(&self) -> f32 {
        self.veto
    }

    /// The number of learned cue words.
    pub fn lexicon_len(&self) -> usize {
        self.lexicon.len()
    }

    /// The number of weighted features.
    pub fn weights_len(&self) -> usize {
        self.weights.len()
    }

    /// The lemma of a learned cue word (lower case).
    pub(crate) fn lexicon_lemma(&self, form: &str) -> Option<&'static str> {
        self.lexicon.get(form).copied()
    }

    /// The probability that a candidate with these features is a cue.
    pub fn probability<S: AsRef<str>>(&self, features: &[S]) -> f32 {
        1.0 / (1.0 + (-(self.linear(features) + self.bias)).exp())
    }

    /// The sum of the weights of `features`.
    fn linear<S: AsRef<str>>(&self, features: &[S]) -> f32 {
        features
            .iter()
            .filter_map(|f| self.weights.get(f.as_ref()))
            .sum::<f32>()
    }

    /// Whether the model has learned content boundaries (features `S|`
    /// and `E|`).
    pub fn has_boundaries(&self) -> bool {
        self.boundaries
    }

    /// Whether a candidate of this origin with this probability is a cue.
    pub(crate) fn keeps(&self, origin: Origin, p: f32) -> bool {
        match origin {
            Origin::Rule => p >= self.veto,
            Origin::RuleExcluded | Origin::Lexicon => p >= self.accept,
        }
    }
}

/// The word at token `k` for a feature: its lower case, or a boundary
/// marker outside the sentence `[lo, hi)`.
fn word_at(doc: &Doc, k: Option<usize>, lo: usize, hi: usize) -> String {
    match k {
        Some(k) if (lo..hi).contains(&k) => doc.word(k).to_owned(),
        Some(k) if k >= hi => "</s>".to_owned(),
        _ => "<s>".to_owned(),
    }
}

/// A crude suffix class of a word (`ed`, `ing`, `s`, other), so that
/// unseen forms of a verb share weights with seen ones.
fn suffix(w: &str) -> &'static str {
    if w.ends_with("ed") {
        "ed"
    } else if w.ends_with("ing") {
        "ing"
    } else if w.ends_with('s') {
        "s"
    } else {
        "-"
    }
}

/// The features of candidate `cue` (origin `origin`), from what the rules
/// computed: the words around it, the speaker phrase they located, marks
/// and `that` nearby, its place in the sentence. Constant work per
/// candidate (a window of a few tokens).
fn features(doc: &Doc, cue: &CueHit, origin: Origin, sentence_has_mark: bool) -> Vec<String> {
    let (lo, hi) = doc.sent_toks[cue.sent];
    let i = cue.first;
    let w = doc.word(i).to_owned();
    let p1 = word_at(doc, i.checked_sub(1), lo, hi);
    let p2 = word_at(doc, i.checked_sub(2), lo, hi);
    let n1 = word_at(doc, Some(cue.end), lo, hi);
    let n2 = word_at(doc, Some(cue.end + 1), lo, hi);
    let speaker = match (cue.speaker_np, cue.inverted, cue.shares_subject) {
        (Some(_), true, _) => "after",
        (Some(_), false, _) => "before",
        (None, _, true) => "shared",
        (None, _, false) => "none",
    };
    let mut f = vec![
        format!("w={w}"),
        format!("lemma={}", cue.lemma),
        format!("o={}", origin.name()),
        format!("class={:?}", cue.class),
        format!("p1={p1}"),
        format!("p2={p2}"),
        format!("n1={n1}"),
        format!("n2={n2}"),
        format!("p1w={p1}|{w}"),
        format!("wn1={w}|{n1}"),
        format!("sfx={}", suffix(&w)),
        format!("sfx_n1={}|{n1}", suffix(&w)),
        format!("p1_sfx={p1}|{}", suffix(&w)),
        format!("sp={speaker}"),
        format!("sp_w={speaker}|{w}"),
        format!("sp_o={speaker}|{}", origin.name()),
        format!("o_w={}|{w}", origin.name()),
    ];
    if let Some((a, b)) = cue.speaker_np {
        let head = b.saturating_sub(1).max(a);
        let kind = if lexicon::is_subject_pronoun(doc.word(head)) || doc.word(head) == "who" {
            "pron"
        } else if doc.toks[head].capitalized {
            "name"
        } else {
            "noun"
        };
        f.push(format!("sp_kind={kind}"));
        f.push(format!("sp_head={}", doc.word(head)));
        let gap = if cue.inverted {
            a.saturating_sub(cue.end)
        } else {
            i.saturating_sub(b)
        };
        f.push(format!("sp_gap={}", gap.min(4)));
        f.push(format!("sp_len={}", b.saturating_sub(a).min(6)));
    }
    if doc.toks[i].capitalized && i > lo {
        f.push("cap".to_owned());
    }
    // The first word of the sentence (read past leading punctuation only).
    let first = super::first_word(doc, lo, hi) == Some(i);
    f.push(format!("first={first}"));
    let pos = if hi > lo { 4 * (i - lo) / (hi - lo) } else { 0 };
    f.push(format!("pos={pos}"));
    if (cue.end..hi.min(cue.end + 4)).any(|k| doc.word(k) == "that") {
        f.push("that_after".to_owned());
    }
    let near = |k: usize| doc.toks.get(k).is_some_and(|t| doc.is_mark(t));
    if (i.saturating_sub(3)..i).any(near) {
        f.push("mark_before".to_owned());
    }
    if (cue.end..cue.end + 3).any(near) {
        f.push("mark_after".to_owned());
    }
    if sentence_has_mark {
        f.push("mark_sent".to_owned());
    }
    if lexicon::is_auxiliary(&p1) {
        f.push(format!("aux_before|{}", suffix(&w)));
    }
    if lexicon::cue(&w).is_some() || lexicon::wide_cue(&w).is_some() {
        f.push("in_rules_lexicon".to_owned());
    }
    f
}

/// The candidate cues of the document, in order: the rules' cues
/// ([`find_cues`], speakers located), then every other word outside the
/// quotation marks that is a cue of the rules' lexicon (a use the rules
/// exclude) or of the model's, with its speaker located as the rules
/// locate one, each with its features. Linear: one pass over the tokens,
/// constant work per candidate besides the rules' own.
pub(super) fn candidates(
    doc: &Doc,
    directs: &[Direct],
    settings: &Settings,
    model: &CueModel,
) -> Vec<Candidate> {
    let rules = find_cues(doc, directs, settings);
    let mut covered = vec![false; doc.toks.len()];
    for c in &rules {
        for k in c.first..c.end.min(covered.len()) {
            covered[k] = true;
        }
    }
    let mut out: Vec<(CueHit, Origin)> = rules.into_iter().map(|c| (c, Origin::Rule)).collect();
    for (sent, &(lo, hi)) in doc.sent_toks.iter().enumerate() {
        for (i, tok) in doc.toks.iter().enumerate().take(hi).skip(lo) {
            if covered[i] || !tok.is_word || inside_direct(directs, tok.span) {
                continue;
            }
            let w = doc.word(i);
            let (lemma, class, origin) = if let Some((lemma, class)) = lexicon::cue(w) {
                (lemma, class, Origin::RuleExcluded)
            } else if let Some(lemma) = lexicon::wide_cue(w) {
                (lemma, CueClass::Wide, Origin::RuleExcluded)
            } else if let Some(lemma) = model.lexicon_lemma(w) {
                (lemma, CueClass::Wide, Origin::Lexicon)
            } else {
                continue;
            };
            let mut hit = CueHit {
                span: tok.span,
                lemma,
                class,
                first: i,
                end: i + 1,
                sent,
                speaker_np: None,
                inverted: false,
                shares_subject: false,
                mention: None,
            };
            locate_speaker(doc, &mut hit, true);
            out.push((hit, origin));
        }
    }
    out.sort_by_key(|(c, _)| c.first);
    // Whether each sentence holds a quotation mark, read once: a feature
    // of every candidate in it.
    let marked: Vec<bool> = doc
        .sent_toks
        .iter()
        .map(|&(lo, hi)| doc.toks[lo..hi].iter().any(|t| doc.is_mark(t)))
        .collect();
    out.into_iter()
        .map(|(cue, origin)| {
            let has_mark = marked.get(cue.sent).copied().unwrap_or(false);
            Candidate {
                features: features(doc, &cue, origin, has_mark),
                cue,
                origin,
            }
        })
        .collect()
}

/// The candidates the model keeps ([`CueModel::keeps`]).
pub(super) fn select(candidates: Vec<Candidate>, model: &CueModel) -> Vec<CueHit> {
    candidates
        .into_iter()
        .filter(|c| model.keeps(c.origin, model.probability(&c.features)))
        .map(|c| c.cue)
        .collect()
}

/// The candidate starts and ends of one reported clause, each as the
/// clause's span with that boundary moved, with its features; the rules'
/// own span is the first of each list (for training, see
/// [`crate::Attributor::content_candidates`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ContentCandidates {
    /// The clause as the rules report it.
    pub span: Span,
    /// Candidate starts: the span with its start moved.
    pub starts: Vec<(Span, Vec<String>)>,
    /// Candidate ends: the span with its end moved.
    pub ends: Vec<(Span, Vec<String>)>,
}

/// The most candidate boundaries read on either side of a clause: the
/// work per clause stays linear in its length.
const MAX_BOUNDARIES: usize = 12;

/// A count in a few buckets, so that lengths share weights.
fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1..=2 => "1-2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        _ => "21+",
    }
}

/// Token `k` (before `hi`) for a boundary feature: the function words that
/// open or close a clause as themselves, other words by their shape only,
/// so that the scorer learns syntax, not the training split's vocabulary.
fn boundary_word(doc: &Doc, k: usize, hi: usize) -> String {
    if k >= hi {
        return "</s>".to_owned();
    }
    let t = &doc.toks[k];
    let w = doc.word(k);
    let closed = matches!(
        w,
        "but"
            | "and"
            | "or"
            | "so"
            | "which"
            | "who"
            | "whose"
            | "where"
            | "when"
            | "while"
            | "though"
            | "although"
            | "because"
            | "as"
            | "after"
            | "before"
            | "including"
            | "according"
            | "if"
            | "that"
            | "not"
            | "even"
            | "with"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "of"
            | "the"
            | "a"
            | "an"
            | "he"
            | "she"
            | "they"
            | "it"
            | "we"
            | "i"
            | "you"
            | "this"
            | "there"
            | "said"
            | "says"
            | "saying"
            | "adding"
            | "told"
            | "since"
            | "until"
            | "than"
            | "by"
            | "from"
            | "about"
    );
    if !t.is_word || closed {
        w.to_owned()
    } else if t.capitalized {
        "Cap".to_owned()
    } else if is_cue_word(doc, k) {
        "cue".to_owned()
    } else if w.ends_with("ing") {
        "ing".to_owned()
    } else {
        "low".to_owned()
    }
}

/// Whether a token is a word of the rules' cue lexicons.
fn is_cue_word(doc: &Doc, k: usize) -> bool {
    let w = doc.word(k);
    lexicon::cue(w).is_some() || lexicon::wide_cue(w).is_some() || w == "according"
}

/// The candidate boundaries of the reported clause `span` (cue lemma
/// `lemma`): ends before each comma, semicolon, dash, bracket or colon
/// inside it, and starts after a `that` or before a `to` near its start,
/// where PolNeAR's annotators tend to put them (`in the early morning hours
/// that X` → `that X`; `X, but still lost` → `X`).
pub(super) fn content_candidates(doc: &Doc, span: Span, lemma: &str) -> ContentCandidates {
    let a = doc.toks.partition_point(|t| t.span.start < span.start);
    let b = doc.toks.partition_point(|t| t.span.end <= span.end).max(a);
    let words = |from: usize, to: usize| (from..to).filter(|&k| doc.toks[k].is_word).count();
    let total = words(a, b);
    let common = |f: &mut Vec<String>, side: &str| {
        f.push(format!("{side}|total={}", bucket(total)));
    };
    let _ = lemma;
    let mut ends = Vec::new();
    let mut f = vec!["E|rules".to_owned()];
    common(&mut f, "E");
    ends.push((span, f));
    for k in (a + 1..b)
        .filter(|&k| {
            !doc.toks[k].is_word && matches!(doc.word(k), "," | ";" | "—" | "–" | "(" | ":" | "-")
        })
        .take(MAX_BOUNDARIES)
    {
        let cut = doc.toks[k - 1].span.end;
        if cut <= span.start {
            continue;
        }
        let next = boundary_word(doc, k + 1, b);
        let punct = doc.word(k);
        let rest_cue = (k + 1..b).take(12).any(|j| is_cue_word(doc, j));
        let rest_mark = (k + 1..b).any(|j| doc.is_mark(&doc.toks[j]));
        let mut f = vec![
            "E|cut".to_owned(),
            format!("E|p={punct}"),
            format!("E|pn={punct}|{next}"),
            format!("E|n={next}"),
            format!("E|before={}", bucket(words(a, k))),
            format!("E|after={}", bucket(words(k + 1, b))),
            format!("E|rest_cue={rest_cue}"),
            format!("E|rest_mark={rest_mark}"),
        ];
        common(&mut f, "E");
        ends.push((Span::new(span.start, cut), f));
    }
    let mut starts = Vec::new();
    let mut f = vec!["S|rules".to_owned()];
    common(&mut f, "S");
    f.push(format!("S|first={}", boundary_word(doc, a, b)));
    starts.push((span, f));
    for k in (a..b.min(a + MAX_BOUNDARIES)).filter(|&k| doc.toks[k].is_word) {
        let w = doc.word(k);
        let from = match w {
            "that" if k + 1 < b => doc.toks[k + 1].span.start,
            "to" if k > a => doc.toks[k].span.start,
            _ => continue,
        };
        let skipped = words(a, k);
        let mut f = vec![
            "S|cut".to_owned(),
            format!("S|w={w}"),
            format!("S|first={}", boundary_word(doc, a, b)),
            format!("S|skipped={}", bucket(skipped)),
            format!("S|w_skipped={w}|{}", bucket(skipped)),
            format!("S|prev={}", boundary_word(doc, k.saturating_sub(1), b)),
        ];
        if (a..k).any(|j| is_cue_word(doc, j)) {
            f.push("S|skips_cue".to_owned());
        }
        common(&mut f, "S");
        starts.push((Span::new(from, span.end), f));
    }
    ContentCandidates { span, starts, ends }
}

/// The reported clause `span` with the start and the end the model scores
/// highest among [`content_candidates`] (the rules' own on a tie).
pub(super) fn refine_content(doc: &Doc, span: Span, lemma: &str, model: &CueModel) -> Span {
    let candidates = content_candidates(doc, span, lemma);
    let best = |list: &[(Span, Vec<String>)]| {
        let mut best: Option<(f32, Span)> = None;
        for (s, f) in list {
            let score = model.linear(f);
            if best.map_or(true, |(b, _)| score > b) {
                best = Some((score, *s));
            }
        }
        best.map_or(span, |(_, s)| s)
    };
    let start = best(&candidates.starts).start;
    let end = best(&candidates.ends).end;
    if start < end && doc.text.get(start..end).is_some() {
        Span::new(start, end)
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Attributor;

    fn tiny() -> CueModel {
        CueModel::new(
            [("believes".to_owned(), "believe".to_owned())],
            [
                ("w=believes".to_owned(), 2.0),
                ("sp=none".to_owned(), -4.0),
                ("o=rule".to_owned(), 3.0),
            ],
            -0.5,
            0.5,
            0.1,
        )
    }

    #[test]
    fn the_embedded_model_loads() {
        let model = CueModel::embedded().expect("embedded model parses");
        assert!(model.lexicon_len() > 0);
        assert!(model.weights_len() > 0);
        assert!((0.0..=1.0).contains(&model.accept()));
    }

    #[test]
    fn debug_output_is_a_summary() {
        let shown = format!("{:?}", tiny());
        assert!(shown.contains("weights: 3"), "{shown}");
        assert!(!shown.contains("believes"), "{shown}");
    }

    #[test]
    fn text_round_trips() {
        let model = tiny();
        let back = CueModel::parse(&model.to_text()).expect("parses");
        assert_eq!(back, model);
        assert_eq!(back.to_text(), model.to_text());
    }

    #[test]
    fn broken_files_are_errors() {
        assert_eq!(CueModel::parse("hello"), Err(ModelError::Header));
        let bad = format!("{HEADER}\nw\tnot-a-number\tw=x\n");
        assert!(matches!(
            CueModel::parse(&bad),
            Err(ModelError::Line { line: 2, .. })
        ));
        let nan = format!("{HEADER}\nbias\tNaN\n");
        assert!(CueModel::parse(&nan).is_err());
        let extra = format!("{HEADER}\nlex\ta\tb\tc\n");
        assert!(CueModel::parse(&extra).is_err());
    }

    #[test]
    fn features_read_the_speaker_and_the_neighbours() {
        let model = Arc::new(tiny());
        let attributor = Attributor::builder()
            .wide_attribution(true)
            .cue_model(Some(model))
            .build()
            .expect("valid");
        let text = "The senator believes that the bill will pass.";
        let found = attributor.cue_candidates(text, &[], &[]);
        let cue = found
            .iter()
            .find(|c| &text[c.span.start..c.span.end] == "believes")
            .expect("a candidate");
        for f in [
            "w=believes",
            "p1=senator",
            "n1=that",
            "sp=before",
            "that_after",
        ] {
            assert!(
                cue.features.iter().any(|x| x == f),
                "{f}: {:?}",
                cue.features
            );
        }
    }

    #[test]
    fn the_model_decides_on_invented_sentences() {
        let model = Arc::new(tiny());
        let attributor = Attributor::builder()
            .wide_attribution(true)
            .cue_model(Some(model))
            .build()
            .expect("valid");
        // A lexicon word with a speaker before it: 2.0 - 0.5 > 0 → kept.
        let quotes = attributor.attribute("The senator believes the bill will pass.", &[], &[]);
        assert!(quotes
            .iter()
            .any(|q| q.cue.as_ref().is_some_and(|c| c.text == "believes")));
        // No speaker: 2.0 - 4.0 - 0.5 < 0 → dropped.
        let quotes = attributor.attribute("Believes the bill will pass, too.", &[], &[]);
        assert!(quotes.iter().all(|q| q.cue.is_none()));
    }

    #[test]
    fn odd_input_stays_bounded_under_the_embedded_model() {
        let attributor = Attributor::builder()
            .wide_attribution(true)
            .build()
            .expect("valid");
        // Cue words without punctuation, stray marks, and commas in one
        // long reported clause: no panic, and quotes within the bounds.
        for text in [
            "said believes told ".repeat(20_000),
            "“ said, ".repeat(20_000),
            format!("He said that {}", "a, b; c — d, ".repeat(20_000)),
        ] {
            let started = std::time::Instant::now();
            let quotes = attributor.attribute(&text, &[], &[]);
            let bytes: usize = quotes.iter().map(|q| q.end - q.start).sum();
            assert!(bytes <= 2 * text.len() + crate::MAX_QUOTE_BYTES);
            assert!(started.elapsed().as_secs() < 20, "too slow");
        }
    }

    #[test]
    fn content_boundaries_move_the_clause() {
        let model = tiny().with_weights([
            ("o=rule".to_owned(), 3.0),
            ("E|pn=,|but".to_owned(), 2.0),
            ("S|w=that".to_owned(), 1.0),
        ]);
        assert!(model.has_boundaries());
        let attributor = Attributor::builder()
            .wide_attribution(true)
            .cue_model(Some(Arc::new(model)))
            .build()
            .expect("valid");
        let text =
            "The senator said on Monday in a speech that the bill will pass, but nobody agrees.";
        let quotes = attributor.attribute(text, &[], &[]);
        let said = quotes
            .iter()
            .find(|q| q.cue.as_ref().is_some_and(|c| c.text == "said"))
            .expect("the clause of `said`");
        assert_eq!(said.text, "the bill will pass");
        // Bounded on a clause with many commas too.
        let long = format!("He said that {}", "a, but b; c — d, ".repeat(20_000));
        let quotes = attributor.attribute(&long, &[], &[]);
        assert!(quotes
            .iter()
            .all(|q| q.end - q.start <= crate::MAX_QUOTE_BYTES));
    }

    #[test]
    fn the_speech_scope_ignores_the_model() {
        let model = Arc::new(tiny().with_thresholds(0.0, 2.0));
        let with = Attributor::builder()
            .cue_model(Some(model))
            .build()
            .expect("valid");
        let text = "Acme said it is hiring. The senator believes it.";
        assert_eq!(
            with.attribute(text, &[], &[]),
            Attributor::new().attribute(text, &[], &[])
        );
    }
}
