//! The attribution rules, one stage to a module, in the order [`run`]
//! calls them:
//!
//! 1. [`marks`]: direct quotes by their quotation marks (pairs, partial
//!    quotes, quotes that run on into the next paragraph);
//! 2. [`cues`]: speech verbs (and `according to`) outside the marks, and
//!    the uses of them that attribute nothing;
//! 3. [`speakers`]: the noun phrase next to each cue that names its
//!    speaker (before it, after it, an apposition's head), and
//!    [`widen_mention`], the whole phrase around a speaker mention;
//! 4. [`names`]: the people and organizations the document names, and the
//!    lookups that give a short or partial name its full form;
//! 5. [`resolve`]: each speaker phrase classified (person, anonymous,
//!    organization) and resolved against those names and the speakers
//!    before it;
//! 6. [`directs`]: each direct quote given the cue of its frame, or a
//!    speaker inherited from the quotes around it (and, under the wider
//!    notion, transcript lines and quotes signed with a dash);
//! 7. [`indirect`]: the clause each remaining cue reports.
//!
//! Under the wide scope with a cue model, step 2 is [`learned`]: the
//! rules' cues and further candidates, each kept or dropped by a model
//! trained on PolNeAR.
//!
//! This module holds the document view every stage reads ([`Doc`]) and
//! the orchestration.

mod cues;
mod directs;
mod indirect;
pub(crate) mod learned;
mod marks;
mod names;
mod resolve;
mod speakers;

pub(crate) use speakers::widen_mention;

use crate::text::{self, MarkStyle, Tok};
use crate::Settings;
use cues::find_cues;
use directs::{attribute_directs, colon_speakers, dash_speakers};
use indirect::report_clauses;
use learned::{ContentCandidates, CueCandidate, CueModel};
use marks::find_directs;
use names::{collect_names, speaker_org_words};
use newsie_core::{
    Cue, Entity, EntityLabel, LineLayout, Quote, QuoteKind, Span, Speaker, TokenStream,
};
use resolve::{classify_cues, Mention};
use speakers::is_company_abbrev;
use std::collections::HashSet;

/// A speaker (if known) and a cue span with its lemma (if any).
type Attribution = (Option<Mention>, Option<(Span, &'static str)>);

/// A quote under construction.
struct Found {
    span: Span,
    kind: QuoteKind,
    mention: Option<Mention>,
    cue: Option<(Span, &'static str)>,
}

/// The longest quote, in bytes: a longer pair of marks, or a reported clause
/// in a longer sentence, is cut to this bound at a word's end. Quotes in
/// news run to a few hundred bytes (the longest of PolNeAR's 2,231 test
/// attributions is 1,007), so only text that is no prose reaches it.
pub const MAX_QUOTE_BYTES: usize = 4096;

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
    /// How its single line breaks read (one paragraph per line, or
    /// wrapped at a fixed width).
    layout: LineLayout,
}

impl<'a> Doc<'a> {
    fn new(
        text: &'a str,
        sentences: &[Span],
        entities: &[Entity],
        stream: Option<&TokenStream>,
    ) -> Doc<'a> {
        let layout = LineLayout::of(text);
        let paras = text::paragraphs(text, layout);
        let sents = clean_sentences(text, sentences, &paras);
        let toks = match stream {
            Some(stream) => text::tokenize_from(text, stream.tokens().iter().copied()),
            None => text::tokenize(text),
        };
        let sent_toks = sentence_tokens(&toks, &sents);
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
            layout,
        }
    }

    /// Whether the entity tagger found a person whose name ends with token
    /// `i`.
    fn person_ends_at(&self, i: usize) -> bool {
        self.entity_ends_at(i, Some(EntityLabel::Per))
    }

    /// Whether a tagged name (of type `label`, or of any type) ends with
    /// token `i`.
    fn entity_ends_at(&self, i: usize, label: Option<EntityLabel>) -> bool {
        let end = self.toks[i].span.end;
        let at = self.entities.partition_point(|(s, _)| s.start < end);
        self.entities[..at]
            .iter()
            .rev()
            .take(4)
            .any(|(s, l)| s.end == end && label.map_or(true, |label| *l == label))
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

    /// Whether tokens `i` and `j` (`i < j`) lie in one organization, place
    /// or other non-person name the entity tagger found (`Office for National
    /// Statistics`, `Food and Drug Administration`).
    fn in_one_name(&self, i: usize, j: usize) -> bool {
        let (first, last) = (self.toks[i].span, self.toks[j].span);
        let from = self.entities.partition_point(|(s, _)| s.end <= first.start);
        self.entities.get(from).is_some_and(|(s, label)| {
            *label != EntityLabel::Per && s.start <= first.start && last.end <= s.end
        })
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

/// The sentences the frames are read in: the given spans that lie in
/// `text`, sorted, without overlaps, cut at paragraph ends, else rough
/// sentences; none longer than [`MAX_QUOTE_BYTES`].
fn clean_sentences(text: &str, sentences: &[Span], paras: &[Span]) -> Vec<Span> {
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
        sents = text::rough_sentences(text, paras);
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
    sents
}

/// The token range `[first, end)` of each of `sents` (in order).
fn sentence_tokens(toks: &[Tok], sents: &[Span]) -> Vec<(usize, usize)> {
    let mut sent_toks = Vec::with_capacity(sents.len());
    let mut t = 0;
    for s in sents {
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
    sent_toks
}

/// The quotes of `text`, sorted by start: the stages in order, then the
/// records of [`Found`] quotes.
pub(crate) fn run(
    text: &str,
    sentences: &[Span],
    entities: &[Entity],
    stream: Option<&TokenStream>,
    settings: &Settings,
    model: Option<&CueModel>,
) -> Vec<Quote> {
    if text.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, sentences, entities, stream);
    let mut found = find(&doc, settings, model);
    // The model's content boundaries, where it has learned them.
    if let Some(model) = model.filter(|m| settings.wide && m.has_boundaries()) {
        // A clause moved onto another quote's span keeps its own: two
        // records of one span would lose one of them.
        let mut taken: HashSet<Span> = found.iter().map(|f| f.span).collect();
        for f in &mut found {
            if let (QuoteKind::Indirect, Some((_, lemma))) = (f.kind, f.cue) {
                let refined = learned::refine_content(&doc, f.span, lemma, model);
                if refined != f.span && taken.insert(refined) {
                    f.span = refined;
                }
            }
        }
        found.sort_by_key(|f| (f.span.start, f.span.end));
    }
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

/// The stages in order: the quotes found, sorted by start, one per span.
fn find(doc: &Doc, settings: &Settings, model: Option<&CueModel>) -> Vec<Found> {
    let directs = find_directs(doc, settings);
    // The model only ever widens the wide scope: the speech scope of the
    // annotation spec is the rules' alone.
    let mut cues = match model.filter(|_| settings.wide) {
        Some(model) => learned::select(learned::candidates(doc, &directs, settings, model), model),
        None => find_cues(doc, &directs, settings),
    };
    let single_orgs = speaker_org_words(doc, &cues);
    let names = collect_names(doc, &single_orgs, &directs);
    classify_cues(doc, &names, &mut cues);

    let mut found: Vec<Found> = Vec::new();
    if settings.wide {
        // First, so that they win over the same quotes found unattributed.
        found.extend(dash_speakers(doc, &names, &directs));
    }
    let mut used = vec![false; cues.len()];
    let direct_found = attribute_directs(doc, &directs, &cues, &mut used, settings);
    found.extend(direct_found);
    if settings.indirect {
        found.extend(report_clauses(doc, &cues, &used, &directs, settings.wide));
    }
    if settings.wide {
        found.extend(colon_speakers(doc, &names));
    }
    found.sort_by_key(|f| (f.span.start, f.span.end));
    found.dedup_by_key(|f| f.span);
    found
}

/// The candidate boundaries of each indirect quote that `model`'s cues
/// give `text` (before the model's own boundaries move them), with their
/// features (for training).
pub(crate) fn content_candidates(
    text: &str,
    sentences: &[Span],
    entities: &[Entity],
    settings: &Settings,
    model: &CueModel,
) -> Vec<ContentCandidates> {
    if text.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, sentences, entities, None);
    find(&doc, settings, Some(model))
        .into_iter()
        .filter_map(|f| match (f.kind, f.cue) {
            (QuoteKind::Indirect, Some((_, lemma))) => {
                Some(learned::content_candidates(&doc, f.span, lemma))
            }
            _ => None,
        })
        .collect()
}

/// Every candidate cue of `text` under the wide scope with `model`'s
/// lexicon, with its features, kept or not (for training).
pub(crate) fn cue_candidates(
    text: &str,
    sentences: &[Span],
    entities: &[Entity],
    settings: &Settings,
    model: &CueModel,
) -> Vec<CueCandidate> {
    if text.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, sentences, entities, None);
    let directs = find_directs(&doc, settings);
    learned::candidates(&doc, &directs, settings, model)
        .into_iter()
        .map(|c| CueCandidate {
            span: c.cue.span,
            by_rules: c.origin == learned::Origin::Rule,
            features: c.features,
        })
        .collect()
}

/// A line break that ends a paragraph lies between tokens `i` and `i + 1`
/// (in wrapped text, a break inside a paragraph is a space).
fn line_break_after(doc: &Doc, i: usize) -> bool {
    doc.toks.get(i + 1).is_some_and(|n| {
        let gap = Span::new(doc.toks[i].span.end, n.span.start);
        doc.text[gap.start..gap.end]
            .match_indices('\n')
            .any(|(k, _)| doc.layout.ends_paragraph(doc.text, gap.start + k))
    })
}

/// The first word among the tokens `[lo, hi)`.
fn first_word(doc: &Doc, lo: usize, hi: usize) -> Option<usize> {
    (lo..hi).find(|&k| doc.toks[k].is_word)
}
