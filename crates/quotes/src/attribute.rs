//! The attribution rules: direct quotes by their marks, cues by the verb
//! lexicon, speakers by the noun phrase next to the cue, indirect content
//! by the clause the cue reports, and resolution against the names seen
//! so far in the document.

use crate::lexicon::{self, CueClass};
use crate::text::{self, MarkStyle, Tok};
use crate::Settings;
use newsie_core::{
    Cue, Entity, EntityLabel, Quote, QuoteKind, Span, Speaker, SpeakerKind, TokenStream,
};
use std::collections::{HashMap, HashSet};

/// A pair of quotation marks and what lies between them.
#[derive(Debug, Clone)]
struct Direct {
    inner: Span,
    outer: Span,
    para: usize,
    closed: bool,
    partial: bool,
}

/// A speech verb (or `according to`) outside quotation marks.
#[derive(Debug, Clone)]
struct CueHit {
    span: Span,
    lemma: &'static str,
    class: CueClass,
    /// Token range of the cue.
    first: usize,
    end: usize,
    sent: usize,
    /// Where the speaker phrase was found, as a token range.
    speaker_np: Option<(usize, usize)>,
    /// The speaker follows the cue (`said the company`, `according to X`).
    inverted: bool,
    /// The subject is shared with an earlier verb (`..., adding`, `and said`).
    shares_subject: bool,
    mention: Option<Mention>,
}

/// A classified speaker mention.
#[derive(Debug, Clone)]
struct Mention {
    span: Span,
    kind: SpeakerKind,
    resolved: Option<String>,
}

/// A speaker (if known) and a cue span with its lemma (if any).
type Attribution = (Option<Mention>, Option<(Span, &'static str)>);

/// A quote under construction.
struct Found {
    span: Span,
    kind: QuoteKind,
    mention: Option<Mention>,
    cue: Option<(Span, &'static str)>,
}

/// Names seen in the document.
struct Names {
    /// (start, name) of multi-word person names, titles dropped.
    persons: Vec<(usize, String)>,
    /// (start of an organization mention, the organization in focus from
    /// there on), in document order.
    focus: Vec<(usize, String)>,
    /// A first or last name word -> indices into `persons`, in order.
    by_part: HashMap<String, Vec<usize>>,
    /// (start, name) of every organization mention that is no place, in
    /// document order.
    orgs: Vec<(usize, String)>,
    /// Each organization name once, where first written, in that order.
    distinct_orgs: Vec<(usize, String)>,
    /// A name's first word, last word or initials -> indices into
    /// `distinct_orgs`, in order: the longer names a short one may stand
    /// for, found without reading every name.
    org_keys: OrgKeys,
    /// A word of an organization's name, lower case (`bank` of `Rhein-Mosel
    /// Bank AG`) -> indices into `orgs` of the mentions whose name has it.
    org_words: HashMap<String, Vec<usize>>,
    /// Where each capitalized name (titles dropped) is first written.
    first_seen: HashMap<String, usize>,
    /// (start, index into `persons`) of every mention of a known person
    /// outside quotation marks, full or by one name part, in order.
    person_mentions: Vec<(usize, usize)>,
    /// Words written alone in brackets (`(AWS)`): acronyms the article
    /// defines.
    bracketed: HashSet<String>,
}

/// The document's tokens and structure.
struct Doc<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    sents: Vec<Span>,
    /// Token range of each sentence.
    sent_toks: Vec<(usize, usize)>,
    paras: Vec<Span>,
    entities: Vec<(Span, EntityLabel)>,
    /// Whether the article quotes in double or in single marks.
    marks: MarkStyle,
}

impl<'a> Doc<'a> {
    fn new(
        text: &'a str,
        sentences: &[Span],
        entities: &[Entity],
        stream: Option<&TokenStream>,
    ) -> Doc<'a> {
        let paras = text::paragraphs(text);
        let mut sents: Vec<Span> = sentences
            .iter()
            .copied()
            .filter(|s| s.start < s.end && text.get(s.start..s.end).is_some())
            .collect();
        sents.sort_by_key(|s| (s.start, s.end));
        // Overlapping sentences would confuse the frames; keep the first.
        let mut last_end = 0;
        sents.retain(|s| {
            let keep = s.start >= last_end;
            if keep {
                last_end = s.end;
            }
            keep
        });
        // A sentence never runs across a line break: cut at paragraphs.
        let mut cut = Vec::with_capacity(sents.len());
        for s in &sents {
            let first = paras.partition_point(|p| p.end <= s.start);
            for p in paras[first..]
                .iter()
                .take_while(|p| p.start < s.end)
                .filter(|p| p.start < s.end && s.start < p.end)
            {
                cut.push(Span::new(s.start.max(p.start), s.end.min(p.end)));
            }
        }
        sents = cut;
        if sents.is_empty() {
            sents = text::rough_sentences(text, &paras);
        }
        // Text without sentence punctuation is one long "sentence"; cut it
        // into pieces no longer than a quote may be, so that no reported
        // clause and no cue's work outgrows that bound.
        if sents.iter().any(|s| s.len() > MAX_QUOTE_BYTES) {
            sents = sents
                .into_iter()
                .flat_map(|s| text::pieces_within(text, s, MAX_QUOTE_BYTES))
                .collect();
        }
        let toks = match stream {
            Some(stream) => text::tokenize_from(text, stream.tokens().iter().copied()),
            None => text::tokenize(text),
        };
        let mut sent_toks = Vec::with_capacity(sents.len());
        let mut t = 0;
        for s in &sents {
            while t < toks.len() && toks[t].span.start < s.start {
                t += 1;
            }
            let first = t;
            let mut e = t;
            while e < toks.len() && toks[e].span.end <= s.end {
                e += 1;
            }
            sent_toks.push((first, e));
            t = e;
        }
        let mut entities: Vec<(Span, EntityLabel)> = entities
            .iter()
            .filter(|e| e.start < e.end && text.get(e.start..e.end).is_some())
            .map(|e| (e.span(), e.label))
            .collect();
        entities.sort_by_key(|(s, _)| (s.start, s.end));
        Doc {
            text,
            toks,
            sents,
            sent_toks,
            paras,
            entities,
            marks: MarkStyle::of(text),
        }
    }

    /// Whether the entity tagger found a person whose name ends with token
    /// `i`.
    fn person_ends_at(&self, i: usize) -> bool {
        let end = self.toks[i].span.end;
        let at = self.entities.partition_point(|(s, _)| s.start < end);
        self.entities[..at]
            .iter()
            .rev()
            .take(4)
            .any(|(s, label)| s.end == end && *label == EntityLabel::Per)
    }

    /// Whether `t` is a quotation mark of either level in this article's
    /// style (an apostrophe never is).
    fn is_mark(&self, t: &Tok) -> bool {
        !t.is_word
            && t.lower
                .chars()
                .next()
                .is_some_and(|c| self.marks.is_mark(c))
    }

    fn word(&self, i: usize) -> &str {
        &self.toks[i].lower
    }

    fn raw(&self, i: usize) -> &str {
        &self.text[self.toks[i].span.start..self.toks[i].span.end]
    }

    fn para_of(&self, at: usize) -> usize {
        self.paras
            .partition_point(|p| p.end <= at)
            .min(self.paras.len().saturating_sub(1))
    }

    fn sent_of(&self, at: usize) -> Option<usize> {
        let i = self.sents.partition_point(|s| s.end <= at);
        (i < self.sents.len() && self.sents[i].start <= at).then_some(i)
    }

    fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }

    /// `span` widened over the period of a closing abbreviation
    /// (`Acme Corp.`, `John Smith Jr.`).
    fn with_abbrev_dot(&self, span: Span, last_tok: usize) -> Span {
        let abbrev = is_company_abbrev(self.raw(last_tok));
        match self.toks.get(last_tok + 1) {
            Some(t) if abbrev && t.is_punct('.') && t.span.start == span.end => {
                Span::new(span.start, t.span.end)
            }
            _ => span,
        }
    }

    fn entity_label(&self, span: Span) -> Option<EntityLabel> {
        // Entities are sorted by start; skip those that end before `span`.
        let from = self.entities.partition_point(|(s, _)| s.end <= span.start);
        self.entities[from..]
            .iter()
            .take_while(|(s, _)| s.start < span.end)
            .filter(|(s, _)| s.start < span.end && span.start < s.end)
            .max_by_key(|(s, _)| s.end.min(span.end) - s.start.max(span.start))
            .map(|(_, l)| *l)
    }
}

pub(crate) fn run(
    text: &str,
    sentences: &[Span],
    entities: &[Entity],
    stream: Option<&TokenStream>,
    settings: &Settings,
) -> Vec<Quote> {
    if text.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, sentences, entities, stream);
    let directs = find_directs(&doc, settings);
    let mut cues = find_cues(&doc, &directs, settings);
    let single_orgs = speaker_org_words(&doc, &cues);
    let names = collect_names(&doc, &single_orgs, &directs);
    classify_cues(&doc, &names, &mut cues);

    let mut found: Vec<Found> = Vec::new();
    if settings.wide {
        // First, so that they win over the same quotes found unattributed.
        found.extend(dash_speakers(&doc, &names, &directs));
    }
    let mut used = vec![false; cues.len()];
    let direct_found = attribute_directs(&doc, &directs, &cues, &mut used, settings);
    found.extend(direct_found);
    if settings.indirect {
        let mut nesting = Nesting::default();
        for (ci, cue) in cues.iter().enumerate() {
            if used[ci] || cue.class == CueClass::DirectOnly {
                continue;
            }
            if nesting.is_full_at(cue.sent, doc.toks[cue.first].span.start) {
                continue;
            }
            if let Some((head, tail)) = interrupted_content(&doc, cue, &directs) {
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
                indirect_content(&doc, cue, &directs).filter(|&span| nesting.admit(span))
            {
                found.push(Found {
                    span,
                    kind: QuoteKind::Indirect,
                    mention: cue.mention.clone(),
                    cue: Some((cue.span, cue.lemma)),
                });
            }
        }
    }
    if settings.wide {
        found.extend(colon_speakers(&doc, &names));
    }
    found.sort_by_key(|f| (f.span.start, f.span.end));
    found.dedup_by_key(|f| f.span);
    found
        .into_iter()
        .map(|f| {
            let mut quote = Quote::new(text, f.span, f.kind);
            quote.speaker = f
                .mention
                .map(|m| Speaker::new(text, m.span, m.kind, m.resolved));
            quote.cue = f.cue.map(|(span, lemma)| Cue::new(text, span, lemma));
            quote
        })
        .collect()
}

/// How deep reported clauses may nest: a report inside a report (`X said
/// Y had told him that ...`, which attribution corpora annotate) is kept, a
/// third level is not. Without a limit, text without sentence punctuation
/// (`said said said ...`) gives every cue a clause running to the end of
/// its piece, and output quadratic in the piece's length; with it, each
/// byte lies in at most this many reported clauses.
const MAX_NESTING: usize = 2;

/// The reported clauses accepted so far in the current sentence: a clause
/// never leaves its sentence (a piece of at most [`MAX_QUOTE_BYTES`]), so
/// only these can overlap the next one.
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

// ---------------------------------------------------------------- direct

fn find_directs(doc: &Doc, settings: &Settings) -> Vec<Direct> {
    let text = doc.text;
    let mut out = Vec::new();
    // A quotation open at the end of the paragraph before: (its opening
    // mark, the mark's length, its paragraph).
    let mut carried: Option<(usize, usize, usize)> = None;
    let mut previous_end = 0;
    for (pi, para) in doc.paras.iter().enumerate() {
        let body = &text[para.start..para.end];
        let marks = text::outer_marks(body, doc.marks);
        let mut open: Option<(usize, usize, usize)> = None;
        let mut marks = &marks[..];
        if let Some((o, olen, opi)) = carried.take() {
            match marks.first() {
                // It runs on: the paragraph opens with a fresh mark, which
                // joins the text of the one quotation.
                Some(m) if m.opens && m.at == 0 => {
                    open = Some((o, olen, opi));
                    marks = &marks[1..];
                }
                _ => push_direct(
                    doc,
                    Span::new(o + olen, previous_end),
                    Span::new(o, previous_end),
                    opi,
                    false,
                    settings,
                    &mut out,
                ),
            }
        }
        for mark in marks {
            let at = para.start + mark.at;
            match (mark.opens, open) {
                (true, _) => open = Some((at, mark.len, pi)),
                (false, Some((o, olen, opi))) => {
                    push_direct(
                        doc,
                        Span::new(o + olen, at),
                        Span::new(o, at + mark.len),
                        opi,
                        true,
                        settings,
                        &mut out,
                    );
                    open = None;
                }
                (false, None) => {}
            }
        }
        carried = open;
        previous_end = para.end;
    }
    if let Some((o, olen, opi)) = carried {
        push_direct(
            doc,
            Span::new(o + olen, previous_end),
            Span::new(o, previous_end),
            opi,
            false,
            settings,
            &mut out,
        );
    }
    out
}

fn push_direct(
    doc: &Doc,
    inner: Span,
    outer: Span,
    para: usize,
    closed: bool,
    settings: &Settings,
    out: &mut Vec<Direct>,
) {
    let text = doc.text;
    // A pair of marks further apart than any quote (a stray mark in a long
    // paragraph) gives a record cut to the bound, at a word's end.
    let (inner, outer, closed) = if inner.len() > MAX_QUOTE_BYTES {
        let cut = text::pieces_within(text, inner, MAX_QUOTE_BYTES)
            .next()
            .map_or(inner.end, |piece| piece.end);
        let cut = Span::new(inner.start, cut);
        (cut, Span::new(outer.start, cut.end), false)
    } else {
        (inner, outer, closed)
    };
    let body = &text[inner.start..inner.end];
    let trimmed_end = inner.start + body.trim_end().len();
    let lead = body.len() - body.trim_start().len();
    let inner = Span::new(inner.start + lead, trimmed_end.max(inner.start + lead));
    if inner.start >= inner.end {
        return;
    }
    let body = &text[inner.start..inner.end];
    let words = body.split_whitespace().count();
    let first_alpha = body.chars().find(|c| c.is_alphanumeric());
    let lower_start = first_alpha.is_some_and(|c| c.is_lowercase());
    let before = text[..outer.start].trim_end().chars().next_back();
    let mid_sentence = before.is_some_and(|c| c.is_alphanumeric());
    let has_sentence_end = body
        .trim_end_matches(['.', '!', '?', ',', ' '])
        .contains(['.', '!', '?']);
    let partial =
        words <= settings.partial_max_words && (lower_start || (mid_sentence && !has_sentence_end));
    if partial && !settings.partial {
        return;
    }
    out.push(Direct {
        inner,
        outer,
        para,
        closed,
        partial,
    });
}

/// `directs` are in text order and do not overlap, so a binary search finds
/// the only candidate.
fn inside_direct(directs: &[Direct], span: Span) -> bool {
    let i = directs.partition_point(|d| d.outer.end < span.end);
    directs
        .get(i)
        .is_some_and(|d| d.outer.start <= span.start && span.end <= d.outer.end)
}

// ------------------------------------------------------------------ cues

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

fn find_cues(doc: &Doc, directs: &[Direct], settings: &Settings) -> Vec<CueHit> {
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
    // `It is widely reported that`: adverb between a copula and a participle.
    if i >= lo + 2
        && matches!(doc.word(i - 2), "was" | "were" | "is" | "are" | "been")
        && doc.word(i - 1).ends_with("ly")
    {
        return true;
    }
    false
}

fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "recently"
            | "earlier"
            | "later"
            | "week"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "last"
    )
}

/// Finds the speaker phrase of a cue: the noun phrase before it, an
/// apposition's head, the phrase after it (inverted or `according to`), or
/// a subject shared with an earlier verb.
fn locate_speaker(doc: &Doc, cue: &mut CueHit, wide: bool) {
    let (lo, hi) = doc.sent_toks[cue.sent];
    if cue.lemma == "according to" {
        // The phrase may be long and odd (`a New York Times/CBS News poll
        // released last week`): failing a noun phrase, up to the next comma.
        cue.speaker_np = np_after(doc, cue.end, hi).or_else(|| {
            let b = (cue.end..hi)
                .find(|&k| {
                    !doc.toks[k].is_word
                        && matches!(doc.toks[k].lower.as_str(), "," | ";" | "." | ":")
                })
                .unwrap_or(hi);
            let words = (cue.end..b).filter(|&k| doc.toks[k].is_word).count();
            (cue.end < b && (1..=12).contains(&words) && doc.toks[cue.end].is_word)
                .then_some((cue.end, b))
        });
        cue.inverted = true;
        return;
    }
    // Skip auxiliaries, adverbs and time words between subject and verb.
    let mut j = cue.first;
    while j > lo {
        let w = doc.word(j - 1);
        if doc.toks[j - 1].is_word && (lexicon::is_pre_cue_filler(w) || is_time_word(w)) {
            j -= 1;
            if j > lo && doc.word(j - 1) == "on" && is_time_word(w) {
                j -= 1;
            }
            continue;
        }
        break;
    }
    j = skip_parenthetical(doc, j, lo);
    let prev_word = (j > lo).then(|| doc.word(j - 1).to_owned());
    if matches!(prev_word.as_deref(), Some("and" | "but")) {
        cue.shares_subject = true;
        return;
    }
    // Attribution corpora take the relative pronoun itself as the source
    // (`an architect who said he was stiffed`).
    if wide && j > lo && doc.word(j - 1) == "who" {
        cue.speaker_np = Some((j - 1, j));
        return;
    }
    // `Joyce Wanjiru, who said ...`: the relative pronoun's antecedent.
    if j >= lo + 2 && matches!(doc.word(j - 1), "who") && doc.toks[j - 2].is_punct(',') {
        if let Some(np) = np_before(doc, skip_parenthetical(doc, j - 2, lo), lo) {
            cue.speaker_np = Some(np);
            return;
        }
    }
    if let Some(np) = np_before(doc, j, lo) {
        cue.speaker_np = Some(widen_group(doc, np, lo));
        return;
    }
    let prev_punct = (j > lo)
        .then(|| doc.toks[j - 1].clone())
        .filter(|t| !t.is_word);
    if doc.word(cue.first).ends_with("ing") && prev_punct.as_ref().is_some_and(|t| t.is_punct(','))
    {
        cue.shares_subject = true;
        return;
    }
    if let Some(t) = &prev_punct {
        if t.is_punct(',') {
            if let Some(np) =
                subject_with_apposition(doc, j - 1, lo).or_else(|| enclosed_name(doc, j - 1, lo))
            {
                cue.speaker_np = Some(np);
                return;
            }
            if let Some(np) = apposition_head(doc, j - 1, lo) {
                cue.speaker_np = Some(np);
                return;
            }
        }
    }
    // Inverted: `..., said the company` or `“...,” said Jassy`.
    let after_boundary = j == lo
        || prev_punct.as_ref().is_some_and(|t| {
            t.is_punct(',') || doc.is_mark(t) || t.is_punct(':') || t.is_punct('\'')
        });
    if after_boundary {
        if let Some((a, b)) = np_after(doc, cue.end, hi) {
            let w = doc.word(a);
            // `called the rise “a kick in the teeth”`: an object before
            // quoted words, not a speaker.
            let before_quote = doc
                .toks
                .get(b)
                .is_some_and(|t| t.is_punct('“') || t.is_punct('"'));
            // `said council member Tom Byrne`: a descriptor before a name.
            let names_someone = (a..b).any(|k| doc.toks[k].is_word && doc.toks[k].capitalized);
            if !before_quote
                && (names_someone || lexicon::is_determiner(w) || matches!(w, "he" | "she"))
            {
                cue.speaker_np = Some((a, b));
                cue.inverted = true;
            }
        }
    }
}

/// `Analysts at Kessler Research`: a group of people named by their
/// organization; the phrase widens over the group noun and its preposition.
fn widen_group(doc: &Doc, np: (usize, usize), lo: usize) -> (usize, usize) {
    let (a, b) = np;
    if a >= lo + 2
        && matches!(doc.word(a - 1), "at" | "of" | "from" | "with" | "for")
        && lexicon::is_role_noun(doc.word(a - 2))
    {
        if let Some((a2, _)) = np_before(doc, a - 1, lo) {
            return (a2, b);
        }
    }
    (a, b)
}

/// `Dr. Jane Roe, an astronomer at ..., Germany, who was not involved,
/// said`: the sentence's subject, followed by an apposition that runs up to
/// the comma at `comma` (which may hold commas of its own).
fn subject_with_apposition(doc: &Doc, comma: usize, lo: usize) -> Option<(usize, usize)> {
    let start = first_word(doc, lo, comma)?;
    let (a, b) = np_after(doc, start, comma)?;
    let b = skip_parenthetical_after(doc, b, comma);
    if b + 1 >= comma || !doc.toks[b].is_punct(',') {
        return None;
    }
    let opener = doc.word(b + 1);
    let apposition = matches!(
        opener,
        "a" | "an" | "the" | "who" | "which" | "whose" | "its" | "his" | "her"
    ) || lexicon::is_title(opener)
        || is_short_apposition(doc, b + 1, comma);
    if !apposition {
        return None;
    }
    // No quote inside: that would be a different frame.
    if (b..comma).any(|k| doc.is_mark(&doc.toks[k])) {
        return None;
    }
    let last = b - 1;
    let w = doc.word(last);
    (doc.toks[last].capitalized
        || lexicon::is_subject_pronoun(w)
        || lexicon::is_role_noun(w)
        || lexicon::is_org_noun(w))
    .then_some((a, b))
}

/// The tokens `[from, to)` between two commas after a name are an age
/// (`Ann Lee, 54, said`) or an AP party and state tag (`Sen. Elizabeth
/// Warren, D-Mass., said`; `R-Texas`), with at most a closing dot.
fn is_short_apposition(doc: &Doc, from: usize, to: usize) -> bool {
    let to = if to > from + 1 && doc.toks[to - 1].is_punct('.') {
        to - 1
    } else {
        to
    };
    if to != from + 1 {
        return false;
    }
    let word = doc.raw(from);
    let age = (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    let party_tag = word.split_once('-').is_some_and(|(party, place)| {
        party.len() == 1
            && party.chars().all(|c| c.is_ascii_uppercase())
            && place.starts_with(|c: char| c.is_uppercase())
    });
    age || party_tag
}

/// `(R-S.C.)` after a name ending at `b`: the token after it; else `b`.
fn skip_parenthetical_after(doc: &Doc, b: usize, hi: usize) -> usize {
    if b < hi && doc.toks[b].is_punct('(') {
        if let Some(close) = (b + 1..hi.min(b + 10)).find(|&k| doc.toks[k].is_punct(')')) {
            return close + 1;
        }
    }
    b
}

/// `Labour’s transport spokesman, Owen Pritchard, called`: a name between
/// commas, after the phrase it names, is the speaker.
fn enclosed_name(doc: &Doc, comma: usize, lo: usize) -> Option<(usize, usize)> {
    let mut k = comma;
    while k > lo && doc.toks[k - 1].is_word && doc.toks[k - 1].capitalized && comma - k < 4 {
        k -= 1;
    }
    if k == comma || k <= lo + 1 || !doc.toks[k - 1].is_punct(',') {
        return None;
    }
    let words = comma - k;
    let name_like = (k..comma).all(|i| !lexicon::is_capitalized_non_name(doc.raw(i)))
        && (words >= 2 || doc.toks[k - 2].is_word);
    // The phrase before must be a noun phrase ending in a common noun (a
    // role), not a clause or a place list.
    let role_before = doc.toks[k - 2].is_word && !doc.toks[k - 2].capitalized;
    (name_like && role_before && words >= 2).then_some((k, comma))
}

/// `Sen. Lindsey Graham (R-S.C.) told`: when a short parenthetical after
/// a name ends at token `end`, where the name ends; else `end`.
fn skip_parenthetical(doc: &Doc, end: usize, lo: usize) -> usize {
    if end <= lo + 1 || !doc.toks[end - 1].is_punct(')') {
        return end;
    }
    let from = end.saturating_sub(10).max(lo);
    match (from..end - 1).rev().find(|&k| doc.toks[k].is_punct('(')) {
        Some(open) if open > lo && doc.toks[open - 1].capitalized => open,
        _ => end,
    }
}

fn is_np_word(doc: &Doc, i: usize) -> bool {
    let t = &doc.toks[i];
    if t.is_punct('.') && i > 0 && doc.toks[i - 1].span.end == t.span.start {
        // The period of an initial or a title (`John D. Podesta`, `Mr. Clarke`).
        let prev = doc.raw(i - 1);
        return (prev.len() == 1 && prev.chars().all(char::is_uppercase))
            || is_abbreviated_title(prev)
            || is_company_abbrev(prev);
    }
    t.is_word
        && (t.is_possessive()
            || (!lexicon::is_np_stop(&t.lower) && lexicon::cue(&t.lower).is_none()))
}

/// Abbreviations that close a company or personal name (`Acme Corp.`).
fn is_company_abbrev(word: &str) -> bool {
    matches!(
        word,
        "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Sr" | "Bros" | "Cos"
    )
}

fn is_abbreviated_title(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Rev"
            | "St"
            | "Lt"
            | "Gen"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Prof"
            | "Jr"
            | "Sr"
            | "Del"
    )
}

/// A line break lies between tokens `i` and `i + 1`.
fn line_break_after(doc: &Doc, i: usize) -> bool {
    doc.toks
        .get(i + 1)
        .is_some_and(|n| doc.text[doc.toks[i].span.end..n.span.start].contains('\n'))
}

/// The noun phrase that ends at token `end` (exclusive), not before `lo`.
fn np_before(doc: &Doc, end: usize, lo: usize) -> Option<(usize, usize)> {
    let mut j = end;
    while j > lo && is_np_word(doc, j - 1) && !(j < end && line_break_after(doc, j - 1)) {
        j -= 1;
    }
    while j < end
        && (matches!(doc.word(j), "of" | "for" | "at" | "with" | "from")
            || doc.toks[j].is_possessive())
    {
        j += 1;
    }
    if j >= end {
        return None;
    }
    if end - j > 8 {
        // Too long to be one phrase: keep its tail from a determiner or a
        // capitalized word on.
        let from = end - 8;
        j = (from..end)
            .find(|&k| lexicon::is_determiner(doc.word(k)) || doc.toks[k].capitalized)
            .unwrap_or(end - 1);
    }
    Some((j, end))
}

/// The noun phrase that starts at token `start`, before `hi`.
fn np_after(doc: &Doc, start: usize, hi: usize) -> Option<(usize, usize)> {
    let mut a = start;
    // `said Tuesday the company`: skip time words.
    while a < hi && doc.toks[a].is_word && is_time_word(doc.word(a)) {
        a += 1;
    }
    let mut b = a;
    while b < hi && b - a < 8 && is_np_word(doc, b) && !(b > a && line_break_after(doc, b - 1)) {
        b += 1;
    }
    while b > a && matches!(doc.word(b - 1), "of" | "for" | "at" | "with" | "from") {
        b -= 1;
    }
    (b > a).then_some((a, b))
}

/// `X, a spokesperson for Y, said`: the comma at `comma` closes an
/// apposition or relative clause; its head is the phrase before it.
fn apposition_head(doc: &Doc, comma: usize, lo: usize) -> Option<(usize, usize)> {
    let mut k = comma;
    while k > lo {
        k -= 1;
        if doc.toks[k].is_punct(',') {
            break;
        }
        let t = &doc.toks[k];
        if !t.is_word && (doc.is_mark(t) || t.is_punct(';') || t.is_punct(':')) {
            return None;
        }
    }
    if k == lo || !doc.toks[k].is_punct(',') || k + 1 >= comma {
        return None;
    }
    let opener = doc.word(k + 1);
    let apposition = matches!(
        opener,
        "a" | "an" | "the" | "who" | "which" | "whose" | "its" | "his" | "her"
    ) || lexicon::is_title(opener);
    if !apposition {
        return None;
    }
    let head = np_before(doc, skip_parenthetical(doc, k, lo), lo)?;
    // The head should be a name or a pronoun, not a clause's object.
    let last = head.1 - 1;
    (doc.toks[last].capitalized || lexicon::is_subject_pronoun(doc.word(last))).then_some(head)
}

// ---------------------------------------------------------------- names

/// Runs of capitalized words (`of` and `&` allowed inside), with their
/// token ranges; sentence openers and months are left out.
/// The longest quote, in bytes: a longer pair of marks, or a reported clause
/// in a longer sentence, is cut to this bound at a word's end. Quotes in
/// news run to a few hundred bytes (the longest of PolNeAR's 2,231 test
/// attributions is 1,007), so only text that is no prose reaches it.
pub const MAX_QUOTE_BYTES: usize = 4096;

/// The most tokens a capitalized name runs over (`U.S. Food and Drug
/// Administration` has 6).
const MAX_NAME_TOKENS: usize = 12;

fn capitalized_runs(doc: &Doc) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let n = doc.toks.len();
    let mut i = 0;
    while i < n {
        let t = &doc.toks[i];
        if !(t.is_word && t.capitalized) || lexicon::is_capitalized_non_name(doc.raw(i)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            // A name never runs over a line break (a headline into the
            // body), nor past a person the tagger closed (`Jane Roe` of
            // `Jane Roe of Acme Securities`).
            if line_break_after(doc, j - 1) || doc.person_ends_at(j - 1) {
                break;
            }
            if j < n
                && doc.toks[j].is_word
                && doc.toks[j].capitalized
                && !lexicon::is_capitalized_non_name(doc.raw(j))
            {
                j += 1;
            } else if j + 1 < n
                && (doc.word(j) == "of" || doc.word(j) == "and" || doc.toks[j].is_punct('&'))
                && doc.toks[j + 1].capitalized
                && doc.toks[j + 1].span.start - doc.toks[j].span.end <= 1
            {
                j += 2;
            } else if j + 1 < n
                && (doc.toks[j].is_possessive()
                    || doc.toks[j].is_punct('’')
                    || doc.toks[j].is_punct('\''))
                && doc.toks[j].span.start == doc.toks[j - 1].span.end
                && doc.toks[j + 1].capitalized
                && lexicon::is_org_keyword(doc.raw(j + 1))
            {
                // `Farmers’ Union`, `Sheriff’s Office`: a body's name.
                j += 2;
            } else {
                break;
            }
        }
        // A run longer than any name (a line in capitals, a title-case
        // list) names nobody; skipping it also keeps every name, and so
        // every lookup keyed by one, short on any input.
        if j - i > MAX_NAME_TOKENS {
            i = j;
            continue;
        }
        // `and` joins the words of one name only when the whole names a
        // body (`Food and Drug Administration`); else the parts are names.
        let has_and = (i..j).any(|k| doc.word(k) == "and");
        if has_and && !lexicon::is_org_keyword(doc.raw(j - 1)) {
            // An `AND` in capitals can open or close the run (`‘WONDER
            // WOMAN’ AND ‘JUSTICE LEAGUE’`): no empty piece is a name.
            let mut from = i;
            for k in i..j {
                if doc.word(k) == "and" {
                    if from < k {
                        runs.push((from, k));
                    }
                    from = k + 1;
                }
            }
            if from < j {
                runs.push((from, j));
            }
        } else {
            runs.push((i, j));
        }
        i = j;
    }
    runs
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Person or organization, from the words themselves, then the entity
/// tagger; `None` when neither tells.
fn classify_name(doc: &Doc, a: usize, b: usize, single_orgs: &SingleOrgs) -> Option<EntityLabel> {
    let words: Vec<&str> = (a..b)
        .filter(|&k| doc.toks[k].is_word)
        .map(|k| doc.raw(k))
        .collect();
    let last = *words.last()?;
    if lexicon::is_org_keyword(last)
        || (a..b).any(|k| doc.toks[k].is_punct('&'))
        || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        || is_acronym(words[0])
        || single_orgs.contains(words[0])
    {
        return Some(EntityLabel::Org);
    }
    let span = doc.span_of(a, b);
    match doc.entity_label(span) {
        Some(EntityLabel::Per) => return Some(EntityLabel::Per),
        Some(EntityLabel::Org | EntityLabel::Loc) => return Some(EntityLabel::Org),
        _ => {}
    }
    (words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().skip(1).any(char::is_lowercase)))
    .then_some(EntityLabel::Per)
}

/// Single words that speak as organizations, from [`speaker_org_words`].
type SingleOrgs = HashSet<String>;

/// Single capitalized words that speak as organizations (`Amazon said`):
/// unknown single names before a cue, that no multi-word name ends with.
fn speaker_org_words(doc: &Doc, cues: &[CueHit]) -> SingleOrgs {
    let mut out = SingleOrgs::new();
    // First and last words of multi-word person names: surnames, not
    // organizations.
    let mut name_parts: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (x, y) in capitalized_runs(doc) {
        if y - x >= 2 && classify_name(doc, x, y, &SingleOrgs::new()) == Some(EntityLabel::Per) {
            name_parts.insert(doc.raw(y - 1));
            if !lexicon::is_org_keyword(doc.raw(y - 1)) {
                name_parts.insert(doc.raw(x));
            }
        }
    }
    for cue in cues {
        let Some((a, b)) = cue.speaker_np else {
            continue;
        };
        if b - a != 1 || !doc.toks[a].capitalized || lexicon::is_capitalized_non_name(doc.raw(a)) {
            continue;
        }
        let word = doc.raw(a).to_owned();
        if doc.entity_label(doc.toks[a].span) == Some(EntityLabel::Per) {
            continue;
        }
        let is_surname = !is_acronym(&word) && name_parts.contains(word.as_str());
        if !is_surname {
            out.insert(word);
        }
    }
    out
}

fn collect_names(doc: &Doc, single_orgs: &SingleOrgs, directs: &[Direct]) -> Names {
    let mut persons = Vec::new();
    let mut orgs = Vec::new();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    // Single-word runs outside quotes, to link to persons afterwards.
    let mut singles: Vec<(usize, String)> = Vec::new();
    // A first paragraph without closing punctuation is a headline, which
    // uses short names before the body introduces the full ones.
    let headline_end = doc
        .paras
        .first()
        .filter(|p| {
            let line = &doc.text[p.start..p.end];
            !line.ends_with(['.', '!', '?', '"', '”', ':', ')'])
                && line.split_whitespace().count() <= 25
        })
        .map_or(0, |p| p.end);
    for (a, b) in capitalized_runs(doc) {
        let in_headline = doc.toks[a].span.start < headline_end;
        let s = name_start(doc, a, b);
        let name_span = doc.with_abbrev_dot(doc.span_of(s, b), b - 1);
        let name = doc.text[name_span.start..name_span.end].to_owned();
        let start = doc.toks[s].span.start;
        if !in_headline {
            first_seen.entry(name.clone()).or_insert(start);
        }
        let label = classify_name(doc, s, b, single_orgs);
        // Places speak (`Germany said`) but are not what a passage is about.
        // The tagger's place label is trusted only for names that never
        // speak (`Amazon said` makes Amazon a body whatever the tag).
        let place =
            doc.entity_label(name_span) == Some(EntityLabel::Loc) && !single_orgs.contains(&name);
        let quoted = inside_direct(directs, name_span);
        match label {
            Some(EntityLabel::Per) if b - s >= 2 && !(a..b).any(|k| doc.word(k) == "of") => {
                persons.push((start, name))
            }
            Some(EntityLabel::Org) if !place => orgs.push((start, name)),
            None if b - s == 1 && single_orgs.contains(&name) => orgs.push((start, name)),
            _ if b - s == 1 && !quoted => singles.push((start, name)),
            _ => {}
        }
    }
    let focus = running_focus(&orgs);
    // Each name part (first or last word) to the persons it may stand for,
    // in document order, so that a reference finds its name in one lookup.
    let mut by_part: HashMap<String, Vec<usize>> = HashMap::new();
    for (pi, (_, name)) in persons.iter().enumerate() {
        let mut parts = name.split_whitespace();
        let first = parts.next();
        let last = parts.next_back();
        for part in [first, last].into_iter().flatten() {
            let list = by_part.entry(part.to_owned()).or_default();
            if list.last() != Some(&pi) {
                list.push(pi);
            }
        }
    }
    let mut person_mentions: Vec<(usize, usize)> = persons
        .iter()
        .enumerate()
        .filter(|(_, (start, _))| !inside_direct(directs, Span::new(*start, *start + 1)))
        .map(|(pi, (start, _))| (*start, pi))
        .collect();
    for (start, word) in &singles {
        if let Some(list) = by_part.get(word) {
            // The latest person with that name part before the mention
            // (`list` is in document order).
            let before = list.partition_point(|&pi| persons[pi].0 < *start);
            let pi = before
                .checked_sub(1)
                .map(|k| &list[k])
                .or_else(|| list.first());
            if let Some(&pi) = pi {
                person_mentions.push((*start, pi));
            }
        }
    }
    person_mentions.sort_unstable();
    let bracketed: HashSet<String> = doc
        .toks
        .windows(3)
        .filter(|w| w[0].is_punct('(') && w[1].is_word && w[2].is_punct(')'))
        .map(|w| doc.text[w[1].span.start..w[1].span.end].to_owned())
        .collect();
    let (distinct_orgs, org_keys) = index_org_names(&orgs);
    let org_words = index_org_words(&orgs);
    Names {
        persons,
        focus,
        by_part,
        orgs,
        distinct_orgs,
        org_keys,
        org_words,
        first_seen,
        person_mentions,
        bracketed,
    }
}

/// How many longer names sharing a key [`Names::fullest_org`] reads at most.
/// An article has a handful; the bound keeps a crafted text of thousands of
/// names that share a first word linear.
const MAX_NAMES_PER_KEY: usize = 64;

/// The initials of a name's capitalized words (`Amazon Web Services` ->
/// `AWS`), as [`is_acronym_of`] compares them.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !w.contains('.') && w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// A key of an organization name -> indices of the names that have it.
type OrgKeys = HashMap<String, Vec<usize>>;

/// Each organization name once, in order of first mention, and its keys:
/// first word, last word and initials.
fn index_org_names(orgs: &[(usize, String)]) -> (Vec<(usize, String)>, OrgKeys) {
    let mut seen = HashSet::new();
    let mut distinct = Vec::new();
    let mut keys = OrgKeys::new();
    for (start, name) in orgs {
        if !seen.insert(name.as_str()) {
            continue;
        }
        let index = distinct.len();
        distinct.push((*start, name.clone()));
        let first = name.split(' ').next().unwrap_or_default();
        let last = name.rsplit(' ').next().unwrap_or_default();
        let acronym = initials(name);
        let mut add = |key: &str| {
            let list = keys.entry(key.to_owned()).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        };
        add(first);
        add(last);
        if acronym.chars().count() >= 2 {
            add(&acronym);
        }
    }
    (distinct, keys)
}

/// The words of each organization mention's name, lower case, without
/// trailing dots, commas or possessives, to the mentions that have them.
fn index_org_words(orgs: &[(usize, String)]) -> HashMap<String, Vec<usize>> {
    let mut words: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, (_, name)) in orgs.iter().enumerate() {
        for word in name.split(|c: char| c.is_whitespace() || c == '-') {
            let word = word
                .trim_end_matches(['.', ','])
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_lowercase();
            let list = words.entry(word).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
    }
    words
}

/// Where the name in the capitalized run `[a, b)` starts: after the titles
/// and role nouns in front of it (`Chief Financial Officer Laura Benning`
/// → `Laura Benning`). A title inside the run counts only when at least
/// two words remain, so that `Prime Video` stays whole.
fn name_start(doc: &Doc, a: usize, b: usize) -> usize {
    let mut s = a;
    while s + 1 < b && lexicon::is_title(doc.raw(s)) {
        s += 1;
    }
    if let Some(last_title) = (s..b.saturating_sub(2))
        .rev()
        .find(|&k| lexicon::is_title(doc.raw(k)))
    {
        let rest = last_title + 1;
        let whole_is_org = classify_name(doc, a, b, &SingleOrgs::new()) == Some(EntityLabel::Org);
        let names_only = (rest..b).all(|k| doc.toks[k].is_word && doc.word(k) != "of");
        if !whole_is_org && names_only {
            s = rest;
        }
    }
    s
}

/// `acronym` (`FDA`) spells the initials of the capitalized words of
/// `name` (`U.S. Food and Drug Administration`), abbreviations left out.
fn is_acronym_of(acronym: &str, name: &str) -> bool {
    if !is_acronym(acronym) || acronym.contains('.') {
        return false;
    }
    let initials = initials(name);
    initials.len() >= 2 && initials == acronym
}

/// The organization in focus after each organization mention, computed in
/// one pass with running scores: each mention counts 1, the document's
/// first organization 1.5 extra, and a longer name that starts with a
/// shorter one (at a word boundary) counts half for the shorter one.
/// Scores only grow, so the leader changes only when a score passes it.
fn running_focus(orgs: &[(usize, String)]) -> Vec<(usize, String)> {
    // name -> (score, first start)
    let mut score: HashMap<&str, (f64, usize)> = HashMap::new();
    // Word-boundary prefix -> how many mentions so far start with it.
    let mut prefix_count: HashMap<&str, usize> = HashMap::new();
    let mut best: Option<(&str, f64, usize)> = None;
    let mut out = Vec::with_capacity(orgs.len());
    for (mi, (start, name)) in orgs.iter().enumerate() {
        let mut touched: Vec<&str> = Vec::new();
        let is_new = !score.contains_key(name.as_str());
        let entry = score.entry(name.as_str()).or_insert((0.0, *start));
        entry.0 += 1.0;
        if mi == 0 {
            entry.0 += 1.5;
        }
        if is_new {
            // Longer names seen before that start with this one.
            let earlier = prefix_count.get(name.as_str()).copied().unwrap_or(0);
            entry.0 += 0.5 * earlier as f64;
        }
        touched.push(name.as_str());
        // Shorter names seen before that this one starts with.
        for (i, _) in name.match_indices(' ') {
            let prefix = &name[..i];
            *prefix_count.entry(prefix).or_insert(0) += 1;
            if let Some(e) = score.get_mut(prefix) {
                e.0 += 0.5;
                touched.push(prefix);
            }
        }
        for key in touched {
            let (value, first) = score[key];
            let leads = match best {
                None => true,
                Some((_, bv, bf)) => value > bv || (value == bv && first < bf),
            };
            if leads {
                best = Some((key, value, first));
            } else if let Some((bk, _, _)) = best {
                if bk == key {
                    best = Some((key, value, first));
                }
            }
        }
        if let Some((key, _, _)) = best {
            out.push((*start, key.to_owned()));
        }
    }
    out
}

impl Names {
    /// The organization the passage is about at `at`: the leader of the
    /// running scores over the organizations mentioned before it.
    fn focus(&self, at: usize) -> Option<String> {
        let i = self.focus.partition_point(|(s, _)| *s < at);
        i.checked_sub(1)
            .map(|i| self.org_name(&self.focus[i].1, at))
    }

    /// The full name for a single-word reference (`Jassy` → `Andy Jassy`):
    /// the first such name before `at`, else the first in the document.
    fn full_name(&self, word: &str, at: usize) -> Option<&str> {
        let list = self.by_part.get(word)?;
        let before = list.iter().find(|&&pi| self.persons[pi].0 < at);
        before
            .or_else(|| list.first())
            .map(|&pi| self.persons[pi].1.as_str())
    }

    /// The fullest form of an organization name (`Rhein-Mosel` →
    /// `Rhein-Mosel Bank AG`, `Rovers` → `Ashdown Rovers`, `FDA` → `U.S.
    /// Food and Drug Administration`): the first longer organization name
    /// that starts or ends with it, or that it abbreviates, written before
    /// the short name first appears on its own. A longer name first written
    /// later is another body (`Amazon` then `Amazon Web Services`).
    fn fullest_org(&self, name: &str, at: usize) -> Option<&str> {
        let first = self.first_seen.get(name).map_or(at, |&f| f.min(at));
        // `Corvane Therapeutics Inc.`: only corporate words added, the same
        // body whenever it was written.
        let suffixed = |long: &str| {
            long.starts_with(name)
                && long[name.len()..].starts_with(' ')
                && long[name.len()..]
                    .split_whitespace()
                    .all(lexicon::is_org_keyword)
        };
        let fits = |start: usize, long: &str| {
            long.len() > name.len()
                && (suffixed(long) || start < first)
                && ((long.starts_with(name) && long[name.len()..].starts_with(' '))
                    || (long.ends_with(name) && long[..long.len() - name.len()].ends_with(' '))
                    || (is_acronym_of(name, long) && !self.defined_acronym(name)))
        };
        // Only names sharing the first word, the last word or the initials
        // can fit; of those, the first written. (The first mention of a
        // name fits whenever a later one does, so distinct names suffice.)
        let first_word = name.split(' ').next().unwrap_or_default();
        let last_word = name.rsplit(' ').next().unwrap_or_default();
        [first_word, last_word, name]
            .into_iter()
            .filter_map(|key| self.org_keys.get(key))
            .filter_map(|list| {
                list.iter()
                    .take(MAX_NAMES_PER_KEY)
                    .map(|&index| &self.distinct_orgs[index])
                    .take_while(|(start, _)| *start < at)
                    .find(|(start, long)| fits(*start, long))
            })
            .min_by_key(|(start, _)| *start)
            .map(|(_, long)| long.as_str())
    }

    /// The article defines `acronym` in brackets (`Amazon Web Services
    /// (AWS)`) and so uses it as a name of its own.
    fn defined_acronym(&self, acronym: &str) -> bool {
        self.bracketed.contains(acronym)
    }

    /// `name`, or its fullest form.
    fn org_name(&self, name: &str, at: usize) -> String {
        self.fullest_org(name, at).unwrap_or(name).to_owned()
    }

    /// The organization a definite description (`the bank`, `the
    /// Commission`, `the utility`) stands for: the latest organization
    /// before `at` whose name holds the head noun or a word of its kind,
    /// in its fullest form.
    fn described_org(&self, head: &str, at: usize) -> Option<String> {
        let kinds: &[&str] = match head {
            "bank" | "lender" => &["bank", "banque", "bancorp", "banco"],
            "utility" => &["power", "energy", "electric", "gas", "water", "utilities"],
            "carmaker" | "automaker" => &["motor", "motors", "auto", "automotive"],
            "airline" | "carrier" => &["air", "airlines", "airways"],
            "insurer" => &["insurance", "assurance"],
            "university" | "school" => &["university", "college", "school"],
            "government" | "ministry" | "department" => &["ministry", "department", "government"],
            _ => &[],
        };
        let end = self.orgs.partition_point(|(start, _)| *start < at);
        // The latest mention before `at` of any of the words.
        std::iter::once(head)
            .chain(kinds.iter().copied())
            .filter_map(|word| self.org_words.get(word))
            .filter_map(|list| {
                let before = list.partition_point(|&index| index < end);
                before.checked_sub(1).map(|k| list[k])
            })
            .max()
            .map(|index| {
                let (start, name) = &self.orgs[index];
                self.org_name(name, *start)
            })
    }

    /// The latest known person mentioned before `at` whose gender (when
    /// known) is not the other one, with where they were mentioned.
    fn person_before(
        &self,
        at: usize,
        female: Option<bool>,
        genders: &Genders,
    ) -> Option<(usize, &str)> {
        let end = self.person_mentions.partition_point(|(s, _)| *s < at);
        self.person_mentions[..end]
            .iter()
            .rev()
            .map(|&(start, pi)| (start, self.persons[pi].1.as_str()))
            .find(|(_, name)| match (female, genders.get(*name)) {
                (Some(want), Some(&has)) => want == has,
                _ => true,
            })
    }

    fn last_person_before(&self, at: usize) -> Option<&str> {
        let i = self.persons.partition_point(|p| p.0 < at);
        i.checked_sub(1).map(|i| self.persons[i].1.as_str())
    }
}

// ------------------------------------------------------- classification

/// A person's gender as the article shows it (`she` → female), by name.
type Genders = HashMap<String, bool>;

/// What the speakers so far tell about the next pronoun.
#[derive(Default)]
struct Memory {
    /// The last human speaker (named or anonymous), for `he`/`she`.
    last_human: Option<Mention>,
    /// The last speaker of any kind, for `they`.
    last_any: Option<Mention>,
    genders: Genders,
}

fn classify_cues(doc: &Doc, names: &Names, cues: &mut [CueHit]) {
    let mut memory = Memory::default();
    for ci in 0..cues.len() {
        let mention = if cues[ci].shares_subject {
            let sent = cues[ci].sent;
            let earlier = cues[..ci]
                .iter()
                .rev()
                .take_while(|c| c.sent == sent)
                .find(|c| c.mention.is_some());
            match earlier {
                Some(c) => c.mention.clone(),
                None => {
                    let (lo, hi) = doc.sent_toks[sent];
                    let mut start = lo;
                    while start < hi && !doc.toks[start].is_word {
                        start += 1;
                    }
                    np_after(doc, start, hi)
                        .filter(|&(a, _)| doc.toks[a].capitalized)
                        .map(|(a, b)| classify_mention(doc, names, a, b, &memory))
                }
            }
        } else {
            cues[ci]
                .speaker_np
                .map(|(a, b)| classify_mention(doc, names, a, b, &memory))
        };
        if let Some(m) = &mention {
            let text = &doc.text[m.span.start..m.span.end];
            let female = match text.to_lowercase().as_str() {
                "she" | "her" => Some(true),
                "he" | "him" => Some(false),
                _ => None,
            };
            if let (Some(f), Some(name), SpeakerKind::Person) = (female, &m.resolved, m.kind) {
                memory.genders.insert(name.clone(), f);
            }
            if m.kind != SpeakerKind::Organization {
                memory.last_human = Some(m.clone());
            }
            memory.last_any = Some(m.clone());
        }
        cues[ci].mention = mention;
    }
}

fn classify_mention(doc: &Doc, names: &Names, a: usize, b: usize, memory: &Memory) -> Mention {
    // `Jane Roe of Acme Securities said`: the speaker is the person the
    // tagger found; `of ...` names her firm.
    let b = (a + 1..b)
        .find(|&k| doc.word(k) == "of" && doc.person_ends_at(k - 1))
        .unwrap_or(b);
    // A closing abbreviation's period belongs to the name (`Acme Corp.`).
    let b = if b > a + 1 && doc.toks[b - 1].is_punct('.') {
        b - 1
    } else {
        b
    };
    let span = doc.span_of(a, b);
    let span = doc.with_abbrev_dot(span, b - 1);
    let at = span.start;
    if b - a == 1 {
        let w = doc.word(a);
        match w {
            "he" | "she" | "him" | "her" => {
                let female = Some(matches!(w, "she" | "her"));
                // The person named most recently, unless the last speaker
                // (an unnamed spokeswoman, say) came after that name.
                let named = names.person_before(at, female, &memory.genders);
                let speaker = memory.last_human.as_ref().filter(|h| {
                    named.map_or(true, |(pos, _)| h.span.start > pos)
                        && h.resolved.as_ref().map_or(true, |r| {
                            h.kind != SpeakerKind::Person
                                || memory.genders.get(r).map_or(true, |g| Some(*g) == female)
                        })
                });
                return match (speaker, named) {
                    (Some(h), _) => Mention {
                        span,
                        kind: h.kind,
                        resolved: h.resolved.clone(),
                    },
                    (None, Some((_, name))) => Mention {
                        span,
                        kind: SpeakerKind::Person,
                        resolved: Some(name.to_owned()),
                    },
                    (None, None) => Mention {
                        span,
                        kind: SpeakerKind::Person,
                        resolved: names.last_person_before(at).map(str::to_owned),
                    },
                };
            }
            "it" => {
                return Mention {
                    span,
                    kind: SpeakerKind::Organization,
                    resolved: names.focus(at),
                };
            }
            "they" => {
                return match &memory.last_any {
                    Some(m) => Mention {
                        span,
                        kind: m.kind,
                        resolved: m.resolved.clone(),
                    },
                    None => Mention {
                        span,
                        kind: SpeakerKind::Organization,
                        resolved: names.focus(at),
                    },
                };
            }
            "we" | "i" | "you" | "who" => {
                return Mention {
                    span,
                    kind: SpeakerKind::Person,
                    resolved: None,
                };
            }
            _ => {}
        }
    }
    // A name at the end of the phrase (`CEO Andy Jassy`, `the Post`).
    let mut r = b;
    while r > a
        && (doc.toks[r - 1].capitalized
            || (r - 1 > a && doc.word(r - 1) == "of" && doc.toks[r - 2].capitalized))
    {
        r -= 1;
    }
    // `Analysts at Kessler Research`: people of the organization.
    let group_of_org = r > a + 1
        && matches!(doc.word(r - 1), "at" | "of" | "from" | "with" | "for")
        && lexicon::is_role_noun(doc.word(r - 2));
    if r < b && !group_of_org && !(b - r == 1 && lexicon::is_capitalized_non_name(doc.raw(r))) {
        let s = name_start(doc, r, b);
        let all_titles = (s..b).all(|k| lexicon::is_title(doc.raw(k)));
        if !all_titles {
            let name_span = doc.with_abbrev_dot(doc.span_of(s, b), b - 1);
            let name = &doc.text[name_span.start..name_span.end];
            let label = classify_name(doc, s, b, &SingleOrgs::new());
            let single = b - s == 1;
            let surname = if single {
                names.full_name(name, at)
            } else {
                None
            };
            let fuller_org = names.fullest_org(name, at);
            let is_org = match label {
                Some(EntityLabel::Org) => true,
                Some(_) => surname.is_none() && fuller_org.is_some(),
                None => surname.is_none(),
            };
            if is_org {
                // `the Commission`: a generic organization noun stands
                // for a body named before.
                let with_the = single && s == r && r > a && r - 1 == a && doc.word(a) == "the";
                let described = with_the
                    .then(|| names.described_org(doc.word(s), at))
                    .flatten()
                    .filter(|_| lexicon::is_org_noun(doc.word(s)));
                let span = if with_the {
                    doc.span_of(a, b)
                } else {
                    name_span
                };
                return Mention {
                    span,
                    kind: SpeakerKind::Organization,
                    resolved: Some(described.unwrap_or_else(|| names.org_name(name, at))),
                };
            }
            let resolved = surname.map(str::to_owned).or_else(|| Some(name.to_owned()));
            return Mention {
                span: name_span,
                kind: SpeakerKind::Person,
                resolved,
            };
        }
    }
    // A common noun phrase.
    let words: Vec<&str> = (a..b).map(|k| doc.word(k)).collect();
    let head = *words.last().unwrap_or(&"");
    let org_inside = || {
        (a..b)
            .find(|&k| {
                doc.toks[k].capitalized
                    && !lexicon::is_title(doc.raw(k))
                    && !lexicon::is_role_noun(doc.word(k))
                    && !lexicon::is_capitalized_non_name(doc.raw(k))
            })
            .map(|k| {
                let mut e = k + 1;
                while e < b && doc.toks[e].capitalized {
                    e += 1;
                }
                names.org_name(&doc.text[doc.span_of(k, e)], at)
            })
    };
    // `a sheriff’s spokeswoman`: a modifier that names the kind of body.
    let described_by_modifier = || {
        (a..b)
            .filter(|&k| doc.toks[k].is_word && !doc.toks[k].is_possessive())
            .map(|k| doc.word(k))
            .filter(|w| !lexicon::is_determiner(w) && !lexicon::is_role_noun(w))
            .find_map(|w| names.described_org(w, at))
    };
    if words.iter().any(|w| lexicon::is_role_noun(w)) {
        let resolved = org_inside()
            .or_else(described_by_modifier)
            .or_else(|| names.focus(at));
        return Mention {
            span,
            kind: SpeakerKind::Anonymous,
            resolved,
        };
    }
    if lexicon::is_org_noun(head) {
        let resolved = org_inside()
            .or_else(|| names.described_org(head, at))
            .or_else(|| names.focus(at));
        return Mention {
            span,
            kind: SpeakerKind::Organization,
            resolved,
        };
    }
    if lexicon::is_title(head) && words.first().is_some_and(|w| *w == "the") {
        return Mention {
            span,
            kind: SpeakerKind::Person,
            resolved: names.last_person_before(at).map(str::to_owned),
        };
    }
    Mention {
        span,
        kind: SpeakerKind::Anonymous,
        resolved: org_inside(),
    }
}

// ------------------------------------------------------- direct quotes

/// Gives each direct quote the cue in its frame (the sentences it touches),
/// else the previous quote's speaker in the paragraph, the cue of a
/// neighbouring sentence (partial quotes), or the previous paragraph's
/// speaker (quote-only paragraphs). Partial quotes with no cue near are
/// scare quotes and dropped.
fn attribute_directs(
    doc: &Doc,
    directs: &[Direct],
    cues: &[CueHit],
    used: &mut [bool],
    settings: &Settings,
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(directs.len());
    // Each direct quote's attribution, for inheritance.
    let mut result: Vec<Option<Attribution>> = vec![None; directs.len()];
    // Per paragraph: whether it holds a cue, and its last cue with a speaker.
    let mut cue_paras: Vec<(bool, Option<usize>)> = vec![(false, None); doc.paras.len().max(1)];
    for (ci, c) in cues.iter().enumerate() {
        let p = doc.para_of(c.span.start);
        cue_paras[p].0 = true;
        if c.mention.is_some() {
            cue_paras[p].1 = Some(ci);
        }
    }
    for (di, d) in directs.iter().enumerate() {
        let first_sent = doc.sent_of(d.outer.start);
        let last_sent = doc.sent_of(d.outer.end.saturating_sub(1)).or(first_sent);
        let mut best: Option<(usize, usize)> = None; // (distance, cue index)
        if let (Some(fs), Some(ls)) = (first_sent, last_sent) {
            // Cues are in sentence order: only those of the frame.
            let from = cues.partition_point(|c| c.sent < fs);
            let to = cues.partition_point(|c| c.sent <= ls.max(fs));
            for (ci, cue) in cues.iter().enumerate().take(to).skip(from) {
                if doc.para_of(cue.span.start) != d.para {
                    continue;
                }
                let dist = if cue.span.start >= d.outer.end {
                    cue.span.start - d.outer.end
                } else {
                    d.outer.start.saturating_sub(cue.span.end)
                };
                // A quote between the cue and this quote claims the cue first.
                let (lo_at, hi_at) = if cue.span.start >= d.outer.end {
                    (d.outer.end, cue.span.start)
                } else {
                    (cue.span.end, d.outer.start)
                };
                let first_between = directs.partition_point(|o| o.outer.start < lo_at);
                let blocked = directs[first_between..]
                    .iter()
                    .take_while(|o| o.outer.start < hi_at)
                    .any(|o| {
                        o.outer != d.outer
                            && ((o.outer.start >= cue.span.end && o.outer.end <= d.outer.start)
                                || (o.outer.start >= d.outer.end && o.outer.end <= cue.span.start))
                            && !o.partial
                    });
                if blocked && !d.partial {
                    continue;
                }
                let penalty = if cue.mention.is_some() { 0 } else { 10_000 };
                if best.map_or(true, |(bd, _)| dist + penalty < bd) {
                    best = Some((dist + penalty, ci));
                }
            }
        }
        if settings.wide {
            best = outermost_cue(doc, d, cues, best);
        }
        let mut attribution: Option<Attribution> = None;
        if let Some((_, ci)) = best {
            used[ci] = true;
            attribution = Some((
                cues[ci].mention.clone(),
                Some((cues[ci].span, cues[ci].lemma)),
            ));
        }
        if attribution.is_none() && !d.partial {
            // The previous quote of the same paragraph.
            attribution = (0..di)
                .rev()
                .take_while(|&k| directs[k].para == d.para)
                .find_map(|k| result[k].clone().filter(|r| r.0.is_some()));
        }
        if attribution.is_none() {
            // A neighbouring sentence's cue in the same paragraph: the next
            // one first (`“several hundred” roles. ..., the retailer told`).
            if let Some(s) = first_sent {
                let ls = last_sent.unwrap_or(s);
                let pick = |target: usize| {
                    let from = cues.partition_point(|c| c.sent < target);
                    cues[from..]
                        .iter()
                        .take_while(|c| c.sent == target)
                        .position(|c| c.mention.is_some() && doc.para_of(c.span.start) == d.para)
                        .map(|k| from + k)
                };
                let next = pick(ls + 1);
                let prev = if s > 0 { pick(s - 1) } else { None };
                let chosen = if d.partial { next.or(prev) } else { None };
                if let Some(ci) = chosen {
                    attribution = Some((
                        cues[ci].mention.clone(),
                        Some((cues[ci].span, cues[ci].lemma)),
                    ));
                }
            }
        }
        if attribution.is_none() && !d.partial {
            if let Some((ci, only_a_tag)) = tag_opening_next_paragraph(doc, d, cues) {
                // A tag with a clause of its own (`He said the plan
                // would fail.`) still reports that clause.
                used[ci] |= only_a_tag;
                attribution = Some((
                    cues[ci].mention.clone(),
                    Some((cues[ci].span, cues[ci].lemma)),
                ));
            }
        }
        if attribution.is_none() && !d.partial {
            // A quote-only paragraph: the speaker of the paragraph before.
            let para_has_cue = cue_paras[d.para].0;
            let opens_para = doc
                .paras
                .get(d.para)
                .is_some_and(|p| p.start == d.outer.start);
            if !para_has_cue && opens_para && d.para > 0 {
                attribution = (0..di)
                    .rev()
                    .take_while(|&k| directs[k].para + 1 >= d.para)
                    .find_map(|k| result[k].clone().filter(|r| r.0.is_some()));
                if attribution.is_none() {
                    attribution = cue_paras[d.para - 1]
                        .1
                        .map(|ci| &cues[ci])
                        .map(|c| (c.mention.clone(), Some((c.span, c.lemma))));
                }
            }
        }
        if d.partial && attribution.is_none() {
            continue;
        }
        result[di] = Some(attribution.clone().unwrap_or((None, None)));
    }
    // An open quote continues into the next paragraph: when it has no
    // speaker of its own it takes the continuation's.
    for di in (0..directs.len()).rev() {
        if !directs[di].closed
            && di + 1 < directs.len()
            && directs[di + 1].para == directs[di].para + 1
        {
            let missing = result[di].as_ref().is_some_and(|r| r.0.is_none());
            if missing {
                if let Some(next) = result[di + 1].clone() {
                    result[di] = Some(next);
                }
            }
        }
    }
    for (d, r) in directs.iter().zip(result) {
        if let Some((mention, cue)) = r {
            out.push(Found {
                span: d.inner,
                kind: QuoteKind::Direct,
                mention,
                cue,
            });
        }
    }
    out
}

/// The most tokens before the cue of a tag that opens a paragraph (`Mayor
/// Jane Roe said`).
const TAG_TOKENS_BEFORE: usize = 5;
/// The most tokens after the cue of a sentence that is only a tag (`said
/// Roe on Monday.`), not a report of its own.
const TAG_TOKENS_AFTER: usize = 6;

/// `“We will rebuild the bridge,”` at the end of a paragraph and `she
/// said.` opening the next, as some newsrooms break their lines: a quote
/// that closes its paragraph on a comma (or `?`, `!`, a dash), which
/// announces a tag, takes the cue that opens the next paragraph (within
/// [`TAG_TOKENS_BEFORE`] tokens). The cue's index, and whether its sentence
/// is only that tag.
fn tag_opening_next_paragraph(doc: &Doc, d: &Direct, cues: &[CueHit]) -> Option<(usize, bool)> {
    let para = doc.paras.get(d.para)?;
    if !d.closed || para.end != d.outer.end {
        return None;
    }
    let last = doc.text[d.inner].trim_end().chars().next_back()?;
    if !matches!(last, ',' | '?' | '!' | '—' | '–') {
        return None;
    }
    let next = doc.paras.get(d.para + 1)?;
    let ci = cues.partition_point(|c| c.span.start < next.start);
    let cue = cues
        .get(ci)
        .filter(|c| c.span.start < next.end && c.mention.is_some())?;
    let token_at = |at: usize| doc.toks.partition_point(|t| t.span.start < at);
    let (first, cue_start, cue_end) = (
        token_at(next.start),
        token_at(cue.span.start),
        token_at(cue.span.end),
    );
    let sentence_end = doc
        .sent_of(cue.span.start)
        .and_then(|s| doc.sent_toks.get(s))
        .map_or(cue_end, |&(_, end)| end);
    let opens_paragraph = cue_start - first <= TAG_TOKENS_BEFORE;
    let only_a_tag = sentence_end.saturating_sub(cue_end) <= TAG_TOKENS_AFTER;
    let opens_with_mark = doc.toks.get(first).is_some_and(|t| doc.is_mark(t));
    (opens_paragraph && !opens_with_mark).then_some((ci, only_a_tag))
}

/// Under the wider notion, a quote reported inside a reported clause
/// belongs to the outer report (`Ditto said she expects the campaign “to
/// continue ...”`: `said`, not `expects`): among the cues before the quote
/// in its sentence, the first one with a speaker.
fn outermost_cue(
    doc: &Doc,
    d: &Direct,
    cues: &[CueHit],
    best: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let (dist, ci) = best?;
    let cue = &cues[ci];
    if cue.span.end > d.outer.start || cue.mention.is_none() {
        return best;
    }
    let outer = cues[..ci]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, c)| c.sent == cue.sent)
        .filter(|(_, c)| c.mention.is_some() && c.class != CueClass::DirectOnly)
        .filter(|(_, c)| doc.para_of(c.span.start) == d.para)
        .map(|(k, _)| k)
        .last();
    Some((dist, outer.unwrap_or(ci)))
}

// ------------------------------------------------------ indirect content

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
    // What follows the attribution up to the sentence end, read only as far
    // as an adjunct can reach (8 words): past that the answer is known, and
    // a bounded look keeps each cue's work constant on sentences of any
    // length.
    let mut rest_words: Vec<usize> = Vec::with_capacity(ADJUNCT_WORDS + 1);
    let mut rest_has_comma = false;
    for k in phrase_end..hi {
        let tok = &doc.toks[k];
        if tok.is_word {
            rest_words.push(k);
            if rest_words.len() > ADJUNCT_WORDS {
                break;
            }
        } else if tok.is_punct(',') || tok.is_punct(';') {
            rest_has_comma = true;
            break;
        }
    }
    let rest_is_adjunct = rest_words.is_empty()
        || (!rest_has_comma
            && rest_words.len() <= ADJUNCT_WORDS
            && !rest_words
                .iter()
                .any(|&k| lexicon::is_auxiliary(doc.word(k)) || doc.word(k) == "that")
            && {
                let w = doc.word(rest_words[0]);
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
                ) || (cue.class == CueClass::Tell && !cue.inverted)
            });
    // `CLAUSE, according to X, and ...`: X reports the clause before.
    let according_after = before_comma && cue.lemma == "according to";
    if before_comma && (rest_is_adjunct || according_after) && cue.speaker_np.is_some() {
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
        return accept(doc, span, directs);
    }
    // `According to X, CLAUSE.`
    if cue.lemma == "according to" {
        let (_, mut b) = cue.speaker_np?;
        if b + 1 < hi && doc.toks[b].is_punct('.') {
            b += 1;
        }
        if b < hi && doc.toks[b].is_punct(',') && cue.first == first_word(doc, lo, hi)? {
            let span = trim_content(doc, b + 1, hi)?;
            return accept(doc, span, directs);
        }
        return None;
    }
    if cue.inverted {
        return None;
    }
    // Subject first: `X said (that) CLAUSE`.
    let mut start = cue.end;
    // `said Tuesday that`, `told reporters that`, `said in a statement that`.
    let that_at = (start..hi.min(start + 10)).find(|&k| doc.word(k) == "that");
    let mut had_that = false;
    if let Some(t) = that_at {
        let clean = (start..t).all(|k| doc.toks[k].is_word && !lexicon::is_auxiliary(doc.word(k)));
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
        if cue.class == CueClass::Tell {
            // Skip the addressee.
            if start < hi
                && (lexicon::is_addressee_word(doc.word(start)) || doc.toks[start].capitalized)
            {
                let (_, b) = np_after(doc, start, hi)?;
                start = b;
            } else {
                return None;
            }
        }
    }
    if start >= hi || !doc.toks[start].is_word {
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

/// Transcript lines and headline attributions of the wider notion: a
/// paragraph that opens with a short name and a colon (`PENCE: Well, ...`,
/// `Poll: Clinton and Trump in dead heat`); the rest of the paragraph is
/// what the name said.
fn colon_speakers(doc: &Doc, names: &Names) -> Vec<Found> {
    let mut out = Vec::new();
    for para in &doc.paras {
        let first = doc.toks.partition_point(|t| t.span.start < para.start);
        let last = doc.toks.partition_point(|t| t.span.start < para.end);
        // A transcript line may open with a quotation mark (`"WALLACE: ...`).
        let mut first = first;
        while first < last && doc.is_mark(&doc.toks[first]) {
            first += 1;
        }
        let colon = (first..last.min(first + 6)).find(|&k| doc.toks[k].is_punct(':'));
        let Some(colon) = colon else {
            continue;
        };
        let name_ok = colon > first
            && (first..colon).all(|k| {
                let t = &doc.toks[k];
                (t.is_word && t.capitalized && !lexicon::is_capitalized_non_name(doc.raw(k)))
                    || (t.is_punct('.') && k > first)
            });
        if !name_ok || colon + 1 >= last {
            continue;
        }
        let Some(span) = trim_content(doc, colon + 1, last) else {
            continue;
        };
        if doc.text[span.start..span.end].split_whitespace().count() < 3 {
            continue;
        }
        let mention = classify_mention(doc, names, first, colon, &Memory::default());
        out.push(Found {
            span,
            kind: QuoteKind::Direct,
            mention: Some(mention),
            cue: Some((doc.toks[colon].span, "say")),
        });
    }
    out
}

/// A quote signed with a dash after it (`“...” ― Sonya Herridge`), as in
/// lists of readers' reactions: the name up to the line's end.
fn dash_speakers(doc: &Doc, names: &Names, directs: &[Direct]) -> Vec<Found> {
    let mut out = Vec::new();
    for d in directs {
        let k = doc.toks.partition_point(|t| t.span.start < d.outer.end);
        let is_dash = doc
            .toks
            .get(k)
            .is_some_and(|t| t.is_punct('―') || t.is_punct('—'));
        if !is_dash || doc.text[d.outer.end..doc.toks[k].span.start].contains('\n') {
            continue;
        }
        let a = k + 1;
        let mut b = a;
        while b < doc.toks.len() && b - a < 8 {
            let t = &doc.toks[b];
            let initial_dot = t.is_punct('.')
                && b > a
                && doc.toks[b - 1].span.len() == 1
                && !line_break_after(doc, b);
            if !(t.is_word && t.capitalized || initial_dot) {
                break;
            }
            b += 1;
            if line_break_after(doc, b - 1) {
                break;
            }
        }
        let words = (a..b).filter(|&j| doc.toks[j].is_word).count();
        let ends_line = b >= doc.toks.len()
            || line_break_after(doc, b - 1)
            || (doc.toks[b].is_punct('.') && (b + 1 >= doc.toks.len() || line_break_after(doc, b)));
        if words == 0 || words > 5 || !ends_line {
            continue;
        }
        out.push(Found {
            span: d.inner,
            kind: QuoteKind::Direct,
            mention: Some(classify_mention(doc, names, a, b, &Memory::default())),
            cue: Some((doc.toks[k].span, "say")),
        });
    }
    out
}

fn first_word(doc: &Doc, lo: usize, hi: usize) -> Option<usize> {
    (lo..hi).find(|&k| doc.toks[k].is_word)
}

/// The span of tokens `[a, b)` without punctuation at either end.
fn trim_content(doc: &Doc, mut a: usize, mut b: usize) -> Option<Span> {
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

/// Indirect content must be a clause of a few words that holds no quote.
fn accept(doc: &Doc, span: Span, directs: &[Direct]) -> Option<Span> {
    let words = doc.text[span.start..span.end].split_whitespace().count();
    let from = directs.partition_point(|d| d.outer.end <= span.start);
    let overlaps_quote = directs
        .get(from)
        .is_some_and(|d| d.outer.start < span.end && span.start < d.outer.end);
    (words >= 3 && !overlaps_quote).then_some(span)
}

// --------------------------------------------------------- mention phrase

pub(crate) fn widen_mention(text: &str, span: Span) -> Span {
    if span.start > span.end || text.get(span.start..span.end).is_none() {
        return span;
    }
    // A relative pronoun is a phrase of its own.
    if matches!(&text[span.start..span.end], "who" | "which" | "that") {
        return span;
    }
    // A phrase is a few words: a window before the span is enough (and
    // keeps this linear in the phrase, not the document).
    let mut from = span.start.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let toks: Vec<Tok> = text::tokenize(&text[from..span.start])
        .into_iter()
        .map(|mut t| {
            t.span = Span::new(t.span.start + from, t.span.end + from);
            t
        })
        .collect();
    let mut j = toks.len();
    while j > 0 {
        let t = &toks[j - 1];
        let title_dot = t.is_punct('.')
            && j >= 2
            && is_abbreviated_title(&text[toks[j - 2].span.start..toks[j - 2].span.end]);
        // A middle initial (`Leonard E. Burman`).
        let initial_dot = t.is_punct('.')
            && j >= 2
            && toks[j - 2].is_word
            && text[toks[j - 2].span.start..toks[j - 2].span.end]
                .chars()
                .all(|c| c.is_ascii_uppercase())
            && toks[j - 2].span.len() == 1;
        // Coordinated subjects (`Mr. Grassley and Mr. Leahy`, `Federal and
        // state officials`): one source phrase.
        let coordination = t.is_word
            && t.lower == "and"
            && j >= 2
            && toks[j - 2].is_word
            && !lexicon::is_np_stop(&toks[j - 2].lower)
            && lexicon::cue(&toks[j - 2].lower).is_none();
        let ok = title_dot
            || initial_dot
            || coordination
            || (t.is_word
                && (t.is_possessive()
                    || (!lexicon::is_np_stop(&t.lower) && lexicon::cue(&t.lower).is_none())));
        let next_start = toks.get(j).map_or(span.start, |n| n.span.start);
        if !ok
            || toks[j - 1].span.end + 2 < next_start
            || text[toks[j - 1].span.end..next_start].contains('\n')
        {
            break;
        }
        j -= 1;
    }
    // Only determiners, titles and modifiers: stop after a leading preposition.
    while j < toks.len()
        && matches!(
            toks[j].lower.as_str(),
            "of" | "for" | "at" | "with" | "from"
        )
    {
        j += 1;
    }
    if j < toks.len() && toks.len() - j <= 6 {
        Span::new(toks[j].span.start, span.end)
    } else {
        span
    }
}
