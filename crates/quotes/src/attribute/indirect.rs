//! Indirect speech: the clause each cue reports (`Amazon said it is still
//! hiring` → `it is still hiring`), before or after the attribution, or
//! in two pieces around it (`The museum, Mr. Obama said, would ...`);
//! reported clauses nest at most [`MAX_NESTING`] deep.

use super::cues::CueHit;
use super::marks::Direct;
use super::speakers::{is_time_word, np_after};
use super::{first_word, Doc, Found};
use crate::lexicon::{self, CueClass};
use crate::text::Tok;
use newsie_core::{QuoteKind, Span};

/// The clauses reported by the cues no direct quote took (`used`): one
/// record per cue, two when the attribution interrupts its clause, and no
/// clause nested deeper than [`MAX_NESTING`].
pub(super) fn report_clauses(
    doc: &Doc,
    cues: &[CueHit],
    used: &[bool],
    directs: &[Direct],
    wide: bool,
) -> Vec<Found> {
    let mut found = Vec::new();
    let mut nesting = Nesting::default();
    for (ci, cue) in cues.iter().enumerate() {
        if used[ci] {
            continue;
        }
        if cue.class == CueClass::DirectOnly {
            // The wide scope reports what a name-calling verb says of its
            // object too (`Trump has called climate change a hoax`).
            let complement = wide
                .then(|| called_complement(doc, cue, directs))
                .flatten()
                .filter(|&span| nesting.admit(span));
            if let Some(span) = complement {
                found.push(Found {
                    span,
                    kind: QuoteKind::Indirect,
                    mention: cue.mention.clone(),
                    cue: Some((cue.span, cue.lemma)),
                });
            }
            continue;
        }
        if nesting.is_full_at(cue.sent, doc.toks[cue.first].span.start) {
            continue;
        }
        if let Some((head, tail)) = interrupted_content(doc, cue, directs) {
            if !nesting.admit(Span::new(head.start, tail.end)) {
                continue;
            }
            for span in [head, tail] {
                found.push(Found {
                    span,
                    kind: QuoteKind::Indirect,
                    mention: cue.mention.clone(),
                    cue: Some((cue.span, cue.lemma)),
                });
            }
        } else if let Some(span) =
            indirect_content(doc, cue, directs).filter(|&span| nesting.admit(span))
        {
            found.push(Found {
                span,
                kind: QuoteKind::Indirect,
                mention: cue.mention.clone(),
                cue: Some((cue.span, cue.lemma)),
            });
        }
    }
    found
}

/// How deep reported clauses may nest: a report inside a report (`X said
/// Y had told him that ...`, which attribution corpora annotate) is kept, a
/// third level is not. Without a limit, text without sentence punctuation
/// (`said said said ...`) gives every cue a clause running to the end of
/// its piece, and output quadratic in the piece's length; with it, each
/// byte lies in at most this many reported clauses.
const MAX_NESTING: usize = 2;

/// The reported clauses accepted so far in the current sentence: a clause
/// never leaves its sentence (a piece of at most
/// [`MAX_QUOTE_BYTES`](super::MAX_QUOTE_BYTES)), so only these can overlap
/// the next one.
#[derive(Default)]
struct Nesting {
    sentence: usize,
    open: Vec<Span>,
}

impl Nesting {
    /// Starts looking at a cue of sentence `sentence`; whether that cue, at
    /// `at`, already sits inside as many clauses as may nest.
    fn is_full_at(&mut self, sentence: usize, at: usize) -> bool {
        if sentence != self.sentence {
            self.sentence = sentence;
            self.open.clear();
        }
        self.open
            .iter()
            .filter(|s| s.start <= at && at < s.end)
            .take(MAX_NESTING)
            .count()
            >= MAX_NESTING
    }

    /// Accepts `span` unless it overlaps [`MAX_NESTING`] clauses already.
    fn admit(&mut self, span: Span) -> bool {
        let overlapping = self
            .open
            .iter()
            .filter(|s| s.start < span.end && span.start < s.end)
            .take(MAX_NESTING)
            .count();
        if overlapping >= MAX_NESTING {
            return false;
        }
        self.open.push(span);
        true
    }
}

fn is_final_punct(doc: &Doc, t: &Tok) -> bool {
    !t.is_word
        && (matches!(
            t.lower.as_str(),
            "." | "!" | "?" | ";" | ":" | "," | "'" | "`"
        ) || doc.is_mark(t))
}

/// The most words an adjunct after a trailing attribution has (`, he said
/// in a statement on Tuesday.`).
const ADJUNCT_WORDS: usize = 8;

/// How many words an adjunct after a trailing attribution may have (`CLAUSE,
/// X said ADJUNCT.`), where nothing after it can be the clause reported.
const TRAILING_ADJUNCT_WORDS: usize = 14;

/// The reported clause of an indirect cue, or `None` when the cue reports
/// no clause (`announced a new integration`, `he said.`).
fn indirect_content(doc: &Doc, cue: &CueHit, directs: &[Direct]) -> Option<Span> {
    let (lo, hi) = doc.sent_toks[cue.sent];
    if hi <= lo {
        return None;
    }
    // Where the attribution phrase starts and ends, in tokens.
    let (phrase_start, phrase_end) = match (cue.speaker_np, cue.inverted) {
        (Some((a, _)), false) => (a, cue.end),
        (Some((_, b)), true) => (cue.first, b),
        (None, _) => (cue.first, cue.end),
    };
    // Trailing: `CLAUSE, X said (adjunct).`
    let before_comma = phrase_start > lo && doc.toks[phrase_start - 1].is_punct(',');
    // After a comma the clause it reports came first, so a longer adjunct
    // (`, it said in a filing with the U.S. Securities and Exchange
    // Commission.`) is still only an adjunct.
    let rest_is_adjunct = rest_is_adjunct(doc, cue, phrase_end, hi, TRAILING_ADJUNCT_WORDS);
    // `CLAUSE, according to X, and ...`: X reports the clause before.
    let according_after = before_comma && cue.lemma == "according to";
    if before_comma && (rest_is_adjunct || according_after) && cue.speaker_np.is_some() {
        return clause_before(doc, lo, phrase_start, directs);
    }
    // `According to X, CLAUSE.`
    if cue.lemma == "according to" {
        return clause_after_according_to(doc, cue, lo, hi, directs);
    }
    if cue.inverted {
        return None;
    }
    clause_after_cue(doc, cue, hi, directs)
}

/// Whether what follows the attribution phrase (ending at token
/// `phrase_end`) up to the sentence end is nothing or an adjunct of the
/// attribution (`, he said in a statement on Tuesday.`), read only as far
/// as an adjunct can reach ([`ADJUNCT_WORDS`] words): past that the answer
/// is known, and a bounded look keeps each cue's work constant on
/// sentences of any length.
fn rest_is_adjunct(doc: &Doc, cue: &CueHit, phrase_end: usize, hi: usize, limit: usize) -> bool {
    let mut rest_words: Vec<usize> = Vec::with_capacity(limit + 1);
    let mut rest_has_comma = false;
    for k in phrase_end..hi {
        let tok = &doc.toks[k];
        if tok.is_word {
            rest_words.push(k);
            if rest_words.len() > limit {
                break;
            }
        } else if tok.is_punct(',') && !rest_words.is_empty() && closing_apposition(doc, k + 1, hi)
        {
            // `announced on Wednesday at DevHarbor, its annual developer
            // conference.`: an apposition to the adjunct's last noun.
            break;
        } else if tok.is_punct(',') || tok.is_punct(';') {
            rest_has_comma = true;
            break;
        }
    }
    // Past the usual length only a place or medium is an adjunct (`in a
    // filing with ...`); `to`, `for`, `when` may open a clause of their own.
    let long_fits = rest_words.len() <= ADJUNCT_WORDS
        || rest_words.first().is_some_and(|&k| {
            matches!(
                doc.word(k),
                "in" | "on" | "at" | "during" | "via" | "through"
            ) && !matches!(doc.word(k + 1), "least" | "most" | "all" | "one")
        });
    rest_words.is_empty()
        || (!rest_has_comma
            && long_fits
            && rest_words.len() <= limit
            && !rest_words
                .iter()
                .any(|&k| lexicon::is_auxiliary(doc.word(k)) || doc.word(k) == "that")
            && (is_adjunct_opener(doc.word(rest_words[0]))
                || (cue.class == CueClass::Tell && !cue.inverted)))
}

/// The most words of an apposition that closes a sentence after an
/// attribution's adjunct.
const CLOSING_APPOSITION_WORDS: usize = 8;

/// Whether the tokens from `from` to the sentence end at `hi` are a short
/// noun phrase opened by a determiner (`its annual developer conference.`),
/// with no verb of a clause and no further comma.
fn closing_apposition(doc: &Doc, from: usize, hi: usize) -> bool {
    let opens = from < hi
        && doc.toks[from].is_word
        && matches!(
            doc.word(from),
            "its" | "their" | "his" | "her" | "a" | "an" | "the"
        );
    if !opens {
        return false;
    }
    let mut words = 0;
    for k in from..hi {
        let tok = &doc.toks[k];
        if tok.is_word {
            words += 1;
            let w = doc.word(k);
            if words > CLOSING_APPOSITION_WORDS
                || lexicon::is_auxiliary(w)
                || matches!(w, "that" | "which" | "who")
            {
                return false;
            }
        } else if !is_final_punct(doc, tok) || tok.is_punct(',') || tok.is_punct(';') {
            return false;
        }
    }
    true
}

/// Words that open an adjunct of time, place or manner (`in a statement`,
/// `on Tuesday`, `when asked`).
fn is_adjunct_opener(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "last"
            | "this"
            | "after"
            | "before"
            | "via"
            | "through"
            | "from"
            | "with"
            | "to"
            | "for"
            | "earlier"
            | "late"
            | "early"
            | "when"
            | "while"
            | "recently"
            | "later"
            | "yesterday"
            | "today"
            | "tuesday"
            | "monday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// `CLAUSE, X said.`: the clause before the attribution phrase, which
/// starts at token `phrase_start` after a comma.
fn clause_before(doc: &Doc, lo: usize, phrase_start: usize, directs: &[Direct]) -> Option<Span> {
    let mut start = lo;
    while start < phrase_start - 1 && !doc.toks[start].is_word {
        start += 1;
    }
    // Mid-sentence `, according to X,` or `..., X said, ...`: take the
    // clause from the last sentence-internal boundary before.
    let end_tok = phrase_start - 1;
    if end_tok <= start {
        return None;
    }
    let span = trim_content(doc, start, end_tok)?;
    accept(doc, span, directs)
}

/// `According to X, CLAUSE.`: the clause after the source, when the
/// sentence opens with the cue.
fn clause_after_according_to(
    doc: &Doc,
    cue: &CueHit,
    lo: usize,
    hi: usize,
    directs: &[Direct],
) -> Option<Span> {
    let (_, mut b) = cue.speaker_np?;
    if b + 1 < hi && doc.toks[b].is_punct('.') {
        b += 1;
    }
    if b < hi && doc.toks[b].is_punct(',') && cue.first == first_word(doc, lo, hi)? {
        let span = trim_content(doc, b + 1, hi)?;
        return accept(doc, span, directs);
    }
    None
}

/// `X said (that) CLAUSE`, `X told reporters CLAUSE`: the clause after the
/// cue (and a `that`, a time word or the addressee) up to the sentence
/// end at token `hi`.
fn clause_after_cue(doc: &Doc, cue: &CueHit, hi: usize, directs: &[Direct]) -> Option<Span> {
    // Subject first: `X said (that) CLAUSE`.
    let mut start = cue.end;
    // `said Tuesday that`, `told reporters that`, `said in a statement that`.
    let that_at = (start..hi.min(start + 10)).find(|&k| doc.word(k) == "that");
    let mut had_that = false;
    if let Some(t) = that_at {
        // Only a time, place or manner (`said Tuesday that`, `said in a
        // statement that`, `acknowledged privately that`) or, after `tell`,
        // the addressee stands between the cue and its `that`: not an
        // object (`recalled 240,000 phones after reports that`).
        let first = doc.word(start);
        let adjunct_first = t == start
            || cue.class == CueClass::Tell
            || is_adjunct_opener(first)
            || is_time_word(first)
            || first.ends_with("ly")
            || matches!(first, "also" | "again" | "separately" | "over" | "afterward" | "afterwards" | "back")
            // `two days earlier that`, `a few days ago that`.
            || (start..t).any(|k| matches!(doc.word(k), "ago" | "earlier" | "later"));
        let clean = adjunct_first
            && (start..t).all(|k| doc.toks[k].is_word && !lexicon::is_auxiliary(doc.word(k)));
        if clean {
            start = t + 1;
            had_that = true;
            // `said that, if elected, he would ...`: the clause starts after
            // the comma.
            while start < hi && doc.toks[start].is_punct(',') {
                start += 1;
            }
        }
    }
    if !had_that {
        while start < hi && doc.toks[start].is_word && is_time_word(doc.word(start)) {
            start += 1;
        }
        if start < hi && doc.toks[start].is_punct(':') {
            start += 1;
        }
        start = clause_after_adjunct(doc, start, hi).unwrap_or(start);
        if cue.class == CueClass::Tell {
            // Skip the addressee.
            if start < hi
                && (lexicon::is_addressee_word(doc.word(start)) || doc.toks[start].capitalized)
            {
                let (_, b) = np_after(doc, start, hi)?;
                start = clause_after_adjunct(doc, b, hi).unwrap_or(b);
            } else {
                return None;
            }
        }
    }
    if start >= hi || !doc.toks[start].is_word {
        return None;
    }
    // `“Why act now?” Monaco said at a summit on Thursday.`: a place or
    // time after the cue is no clause it reports.
    if !had_that
        && is_adjunct_opener(doc.word(start))
        && rest_is_adjunct(doc, cue, start, hi, ADJUNCT_WORDS)
    {
        return None;
    }
    let first = doc.word(start);
    if matches!(
        first,
        "so" | "nothing" | "yes" | "no" | "goodbye" | "hello" | "thanks" | "sorry"
    ) && !had_that
    {
        return None;
    }
    if matches!(cue.class, CueClass::Announce | CueClass::Tell) && !had_that {
        let clause = lexicon::opens_clause(first)
            || (start..hi.min(start + 10))
                .take_while(|&k| !doc.toks[k].is_punct(','))
                .any(|k| lexicon::is_auxiliary(doc.word(k)));
        if !clause {
            return None;
        }
    }
    let span = trim_content(doc, start, hi)?;
    accept(doc, span, directs)
}

/// The most words of an adjunct between a cue and the clause it reports
/// without `that` (`said in a statement on Monday it would ...`).
const ADJUNCT_BEFORE_CLAUSE_WORDS: usize = 6;

/// Where the reported clause starts when a short adjunct of time, place or
/// manner stands between the cue (or its addressee) and the clause, with
/// no `that` to mark the seam: `said on Monday it would buy`, `said
/// separately it would hire`, `told customers in a letter they may`. The
/// clause is found by its subject pronoun and the auxiliary or past-tense
/// verb right after it; without both, nothing is skipped.
fn clause_after_adjunct(doc: &Doc, start: usize, hi: usize) -> Option<usize> {
    if start >= hi {
        return None;
    }
    let opener = doc.word(start);
    // Adverbs of manner and time, not of degree (`nearly every
    // conversation` is a subject).
    let adverb = matches!(
        opener,
        "separately"
            | "publicly"
            | "privately"
            | "repeatedly"
            | "previously"
            | "recently"
            | "subsequently"
            | "initially"
            | "originally"
            | "later"
            | "also"
            | "again"
    );
    // Openers of time, place or medium only: `to`, `for`, `after`, `when`
    // may open a clause or a verb's object of their own (`refused to pay an
    // architect who said he was ...`).
    let opens_adjunct = matches!(
        opener,
        "on" | "in" | "at" | "during" | "last" | "this" | "earlier" | "via" | "through"
    );
    if !doc.toks[start].is_word || !(opens_adjunct || adverb) {
        return None;
    }
    for k in start + 1..hi.min(start + 1 + ADJUNCT_BEFORE_CLAUSE_WORDS) {
        let word = doc.word(k);
        if !doc.toks[k].is_word
            || lexicon::is_auxiliary(word)
            || matches!(
                word,
                "who"
                    | "which"
                    | "that"
                    | "whom"
                    | "whose"
                    | "where"
                    | "when"
                    | "while"
                    | "how"
                    | "what"
                    | "why"
                    | "whether"
                    | "if"
                    | "because"
                    | "as"
            )
        {
            return None;
        }
        let verb_next = k + 1 < hi && {
            let next = doc.word(k + 1);
            lexicon::is_auxiliary(next) || (next.len() > 3 && next.ends_with("ed"))
        };
        if is_subject_pronoun(doc.word(k)) && verb_next {
            return Some(k);
        }
    }
    None
}

/// Pronouns that open a clause as its subject.
fn is_subject_pronoun(word: &str) -> bool {
    matches!(word, "it" | "he" | "she" | "they" | "we" | "i" | "there")
}

/// An attribution inside its clause, between commas (`The museum, Mr.
/// Obama said, would make visitors face ...`): the clause's two pieces.
fn interrupted_content(doc: &Doc, cue: &CueHit, directs: &[Direct]) -> Option<(Span, Span)> {
    let (lo, hi) = doc.sent_toks[cue.sent];
    let (a, b) = cue.speaker_np?;
    let (phrase_start, phrase_end) = if cue.inverted {
        (cue.first, b)
    } else {
        (a, cue.end)
    };
    let enclosed = phrase_start > lo
        && doc.toks[phrase_start - 1].is_punct(',')
        && phrase_end < hi
        && doc.toks[phrase_end].is_punct(',');
    if !enclosed || cue.lemma == "according to" {
        return None;
    }
    let head = trim_content(doc, lo, phrase_start - 1)?;
    let tail = trim_content(doc, phrase_end + 1, hi)?;
    let head_text = &doc.text[head.start..head.end];
    let tail_words = doc.text[tail.start..tail.end].split_whitespace().count();
    // The head is the clause's subject (no verb of its own, no comma); the
    // tail goes on with the verb.
    let head_words: Vec<&str> = head_text.split_whitespace().collect();
    let head_is_subject = !head_text.contains(',')
        && head_words.len() <= 8
        && !head_words
            .iter()
            .any(|w| lexicon::is_auxiliary(&w.to_lowercase()));
    let tail_first = first_word(doc, phrase_end + 1, hi).map(|k| doc.word(k));
    let tail_is_predicate = tail_first.is_some_and(|w| {
        lexicon::is_auxiliary(w) || w.ends_with("ed") || w.ends_with('s') || w == "not"
    });
    if !head_is_subject || !tail_is_predicate || tail_words < 2 {
        return None;
    }
    let from = directs.partition_point(|d| d.outer.end <= head.start);
    let clear = directs
        .get(from)
        .map_or(true, |d| d.outer.start >= tail.end);
    clear.then_some((head, tail))
}

/// The span of tokens `[a, b)` without punctuation at either end.
pub(super) fn trim_content(doc: &Doc, mut a: usize, mut b: usize) -> Option<Span> {
    while a < b && is_final_punct(doc, &doc.toks[a]) {
        a += 1;
    }
    while b > a
        && (is_final_punct(doc, &doc.toks[b - 1])
            || doc.toks[b - 1].is_punct(')') && !doc.text[doc.span_of(a, b)].contains('('))
    {
        b -= 1;
    }
    (b > a).then(|| doc.span_of(a, b))
}

/// What `called` says of its object, with no quotation marks (`Trump has
/// called climate change a hoax perpetrated by ...`): the words after the
/// cue to the sentence's end. Only a cue whose subject opens the sentence,
/// is a pronoun, or comes before an auxiliary (`has called`): after a
/// noun, `called` names (`a group called Americans for Prosperity`).
fn called_complement(doc: &Doc, cue: &CueHit, directs: &[Direct]) -> Option<Span> {
    let (lo, hi) = doc.sent_toks[cue.sent];
    let (a, _) = cue
        .speaker_np
        .filter(|_| !cue.inverted && cue.lemma == "call")?;
    let auxiliary = cue.first > lo && lexicon::is_auxiliary(doc.word(cue.first - 1));
    let subject = a == lo || lexicon::is_subject_pronoun(doc.word(a)) || auxiliary;
    let start = cue.end;
    if !subject || start >= hi || !doc.toks[start].is_word {
        return None;
    }
    let span = trim_content(doc, start, hi)?;
    accept(doc, span, directs)
}

/// Indirect content must be a clause of a few words that holds no quote.
fn accept(doc: &Doc, span: Span, directs: &[Direct]) -> Option<Span> {
    let words = doc.text[span.start..span.end].split_whitespace().count();
    let from = directs.partition_point(|d| d.outer.end <= span.start);
    let overlaps_quote = directs
        .get(from)
        .is_some_and(|d| d.outer.start < span.end && span.start < d.outer.end);
    (words >= 3 && !overlaps_quote).then_some(span)
}
