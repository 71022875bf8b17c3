//! Cues: the speech verbs of the lexicon (and `according to`, and under
//! the wider notion the non-speech verbs and phrases such as `called for`)
//! outside quotation marks, less the uses that attribute nothing
//! (infinitives, passives, modals, nouns). Each cue's speaker phrase is
//! located as it is found ([`locate_speaker`]).

use super::marks::{inside_direct, Direct};
use super::resolve::Mention;
use super::speakers::locate_speaker;
use super::Doc;
use crate::lexicon::{self, CueClass};
use crate::Settings;
use newsie_core::Span;

/// A speech verb (or `according to`) outside quotation marks.
#[derive(Debug, Clone)]
pub(super) struct CueHit {
    pub(super) span: Span,
    pub(super) lemma: &'static str,
    pub(super) class: CueClass,
    /// Token range of the cue.
    pub(super) first: usize,
    pub(super) end: usize,
    pub(super) sent: usize,
    /// Where the speaker phrase was found, as a token range.
    pub(super) speaker_np: Option<(usize, usize)>,
    /// The speaker follows the cue (`said the company`, `according to X`).
    pub(super) inverted: bool,
    /// The subject is shared with an earlier verb (`..., adding`, `and said`).
    pub(super) shares_subject: bool,
    pub(super) mention: Option<Mention>,
}

/// Two-word cues of the wider notion (`called for`, `pointed to`).
fn wide_phrase(word: &str, next: &str) -> Option<&'static str> {
    match (word, next) {
        ("called" | "calls" | "calling", "for") => Some("call for"),
        ("called" | "calls" | "calling", "on") => Some("call on"),
        ("pointed" | "points" | "pointing", "to") => Some("point to"),
        ("pointed" | "points" | "pointing", "out") => Some("point out"),
        ("referring" | "referred", "to") => Some("refer to"),
        _ => None,
    }
}

pub(super) fn find_cues(doc: &Doc, directs: &[Direct], settings: &Settings) -> Vec<CueHit> {
    let mut out = Vec::new();
    for (si, &(lo, hi)) in doc.sent_toks.iter().enumerate() {
        let mut i = lo;
        while i < hi {
            let tok = &doc.toks[i];
            if !tok.is_word || inside_direct(directs, tok.span) {
                i += 1;
                continue;
            }
            let w = doc.word(i);
            let next = (i + 1 < hi).then(|| doc.word(i + 1));
            let hit = if w == "according" && next == Some("to") {
                Some(("according to", CueClass::Say, i + 2))
            } else if let Some(lemma) = settings
                .wide
                .then(|| wide_phrase(w, next.unwrap_or("")))
                .flatten()
            {
                Some((lemma, CueClass::Wide, i + 2))
            } else if let Some(lemma) = settings
                .wide
                .then(|| lexicon::wide_cue(w))
                .flatten()
                .filter(|_| lexicon::cue(w).map_or(true, |(_, c)| c == CueClass::DirectOnly))
            {
                Some((lemma, CueClass::Wide, i + 1))
            } else if let Some((lemma, class)) = lexicon::cue(w) {
                // `pointed out`-like particles are not in the lexicon; the
                // verb alone is the cue.
                Some((lemma, class, i + 1))
            } else {
                None
            };
            let Some((lemma, class, end)) = hit else {
                i += 1;
                continue;
            };
            // A noun after a possessive (`his show`, `their wants`).
            let noun_use = class == CueClass::Wide
                && i > lo
                && matches!(
                    doc.word(i - 1),
                    "his" | "her" | "its" | "their" | "my" | "our" | "your" | "this" | "whose"
                );
            if noun_use || is_excluded_cue(doc, i, lo) {
                i = end;
                continue;
            }
            out.push(CueHit {
                span: doc.span_of(i, end),
                lemma,
                class,
                first: i,
                end,
                sent: si,
                speaker_np: None,
                inverted: false,
                shares_subject: false,
                mention: None,
            });
            i = end;
        }
    }
    for cue in &mut out {
        locate_speaker(doc, cue, settings.wide);
    }
    out
}

/// Infinitives (`declined to comment`, `is expected to announce`), passives
/// (`was told`, `it is said`) and noun uses after a determiner (`the
/// said`) are no attributions.
fn is_excluded_cue(doc: &Doc, i: usize, lo: usize) -> bool {
    if i == lo {
        return false;
    }
    let prev = doc.word(i - 1);
    // A modal makes it a forecast or a hypothesis (`the yen would add
    // ¥210 billion`, `it will say more later`), not a report.
    if matches!(
        prev,
        "would" | "will" | "could" | "can" | "may" | "might" | "should" | "must" | "shall"
    ) {
        return true;
    }
    if matches!(
        prev,
        "to" | "the" | "a" | "an" | "was" | "were" | "been" | "being" | "be" | "is" | "are"
    ) {
        // `has been saying` is active; the rest are not.
        return !(doc.word(i).ends_with("ing")
            && matches!(prev, "been" | "is" | "are" | "was" | "were" | "be"));
    }
    // `after reports that`, `amid claims that`, `his warnings`: after a
    // preposition or a possessive the form is a noun (a gerund, `after
    // saying`, still reports).
    // (`From said`: Al From, a name, not the preposition.)
    if !doc.word(i).ends_with("ing")
        && !doc.toks[i - 1].capitalized
        && matches!(
            prev,
            "after"
                | "amid"
                | "following"
                | "despite"
                | "of"
                | "about"
                | "over"
                | "with"
                | "without"
                | "by"
                | "from"
                | "among"
                | "against"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "these"
                | "those"
        )
    {
        return true;
    }
    // `It is widely reported that`: adverb between a copula and a participle.
    if i >= lo + 2
        && matches!(doc.word(i - 2), "was" | "were" | "is" | "are" | "been")
        && doc.word(i - 1).ends_with("ly")
    {
        return true;
    }
    false
}
