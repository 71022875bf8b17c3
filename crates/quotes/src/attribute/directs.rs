//! Direct quotes attributed: each quote takes the cue of its frame (the
//! sentences it touches), else a speaker from the quotes and paragraphs
//! around it; under the wider notion, also transcript lines (`PENCE:
//! ...`) and quotes signed with a dash.

use super::cues::CueHit;
use super::indirect::trim_content;
use super::marks::Direct;
use super::names::Names;
use super::resolve::{classify_mention, Memory};
use super::{line_break_after, Attribution, Doc, Found};
use crate::lexicon::{self, CueClass};
use crate::Settings;
use newsie_core::QuoteKind;

/// Gives each direct quote the cue in its frame (the sentences it touches),
/// else the previous quote's speaker in the paragraph, the cue of a
/// neighbouring sentence (partial quotes), or the previous paragraph's
/// speaker (quote-only paragraphs). Partial quotes with no cue near are
/// scare quotes and dropped.
pub(super) fn attribute_directs(
    doc: &Doc,
    directs: &[Direct],
    cues: &[CueHit],
    used: &mut [bool],
    settings: &Settings,
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(directs.len());
    // Each direct quote's attribution, for inheritance.
    let mut result: Vec<Option<Attribution>> = vec![None; directs.len()];
    let cue_paras = cue_paragraphs(doc, cues);
    for (di, d) in directs.iter().enumerate() {
        let first_sent = doc.sent_of(d.outer.start);
        let last_sent = doc.sent_of(d.outer.end.saturating_sub(1)).or(first_sent);
        let mut best = frame_cue(doc, directs, d, cues, first_sent, last_sent);
        if settings.wide {
            best = outermost_cue(doc, d, cues, best);
        }
        let mut attribution: Option<Attribution> = None;
        if let Some((_, ci)) = best {
            used[ci] = true;
            attribution = Some(attribution_of(&cues[ci]));
        }
        if attribution.is_none() && !d.partial {
            // The previous quote of the same paragraph.
            attribution = (0..di)
                .rev()
                .take_while(|&k| directs[k].para == d.para)
                .find_map(|k| result[k].clone().filter(|r| r.0.is_some()));
        }
        if attribution.is_none() {
            if let Some(ci) = neighbouring_cue(doc, d, cues, first_sent, last_sent) {
                attribution = Some(attribution_of(&cues[ci]));
            }
        }
        if attribution.is_none() && !d.partial {
            if let Some((ci, only_a_tag)) = tag_opening_next_paragraph(doc, d, cues) {
                // A tag with a clause of its own (`He said the plan
                // would fail.`) still reports that clause.
                used[ci] |= only_a_tag;
                attribution = Some(attribution_of(&cues[ci]));
            }
        }
        if attribution.is_none() && !d.partial {
            attribution = previous_paragraph_speaker(doc, directs, di, cues, &cue_paras, &result);
        }
        if d.partial && attribution.is_none() {
            continue;
        }
        result[di] = Some(attribution.clone().unwrap_or((None, None)));
    }
    inherit_from_continuations(directs, &mut result);
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

/// The speaker and the cue (with its lemma) that `cue` gives a quote.
fn attribution_of(cue: &CueHit) -> Attribution {
    (cue.mention.clone(), Some((cue.span, cue.lemma)))
}

/// Per paragraph: whether it holds a cue, and its last cue with a speaker.
fn cue_paragraphs(doc: &Doc, cues: &[CueHit]) -> Vec<(bool, Option<usize>)> {
    let mut cue_paras: Vec<(bool, Option<usize>)> = vec![(false, None); doc.paras.len().max(1)];
    for (ci, c) in cues.iter().enumerate() {
        let p = doc.para_of(c.span.start);
        cue_paras[p].0 = true;
        if c.mention.is_some() {
            cue_paras[p].1 = Some(ci);
        }
    }
    cue_paras
}

/// The cue nearest to the quote `d` in its frame (the sentences
/// `first_sent..=last_sent`, in its paragraph), one with a speaker first,
/// as (distance, cue index). A cue another full quote sits between is that
/// quote's, unless `d` is partial.
fn frame_cue(
    doc: &Doc,
    directs: &[Direct],
    d: &Direct,
    cues: &[CueHit],
    first_sent: Option<usize>,
    last_sent: Option<usize>,
) -> Option<(usize, usize)> {
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
            let mut penalty = if cue.mention.is_some() { 0 } else { 10_000 };
            // `X called the deal “a win” but said ...`: a cue after the quote
            // that opens a coordinated predicate reports what follows it; a
            // cue before the quote in the same clause comes first.
            if cue.span.start >= d.outer.end {
                let gap = doc.text[d.outer.end..cue.span.start].trim_start();
                let coordinated = ["and ", "but ", "while ", "yet "]
                    .iter()
                    .any(|c| gap.starts_with(c));
                if coordinated {
                    penalty += 1_000;
                }
            }
            if best.map_or(true, |(bd, _)| dist + penalty < bd) {
                best = Some((dist + penalty, ci));
            }
        }
    }
    best
}

/// A neighbouring sentence's cue with a speaker in the same paragraph, for
/// a partial quote: the next one first (`“several hundred” roles. ..., the
/// retailer told`), else the one before.
fn neighbouring_cue(
    doc: &Doc,
    d: &Direct,
    cues: &[CueHit],
    first_sent: Option<usize>,
    last_sent: Option<usize>,
) -> Option<usize> {
    let s = first_sent?;
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
    if d.partial {
        next.or(prev)
    } else {
        None
    }
}

/// A quote-only paragraph (no cue, opened by the quote `directs[di]`):
/// the speaker of the quotes just before it, else of the paragraph before.
fn previous_paragraph_speaker(
    doc: &Doc,
    directs: &[Direct],
    di: usize,
    cues: &[CueHit],
    cue_paras: &[(bool, Option<usize>)],
    result: &[Option<Attribution>],
) -> Option<Attribution> {
    let d = &directs[di];
    let para_has_cue = cue_paras[d.para].0;
    let opens_para = doc
        .paras
        .get(d.para)
        .is_some_and(|p| p.start == d.outer.start);
    if para_has_cue || !opens_para || d.para == 0 {
        return None;
    }
    (0..di)
        .rev()
        .take_while(|&k| directs[k].para + 1 >= d.para)
        .find_map(|k| result[k].clone().filter(|r| r.0.is_some()))
        .or_else(|| cue_paras[d.para - 1].1.map(|ci| attribution_of(&cues[ci])))
}

/// An open quote continues into the next paragraph: when it has no
/// speaker of its own it takes the continuation's.
fn inherit_from_continuations(directs: &[Direct], result: &mut [Option<Attribution>]) {
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
/// in its sentence, the first one with a speaker. A cue that shares its
/// subject with an earlier one (`he said, adding that “...”`) is not inside
/// its clause and keeps the quote.
fn outermost_cue(
    doc: &Doc,
    d: &Direct,
    cues: &[CueHit],
    best: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let (dist, ci) = best?;
    let cue = &cues[ci];
    // A cue that shares the subject of the one before it (`he said,
    // adding that “...”`) makes a report of its own, not one inside the
    // first's clause.
    if cue.span.end > d.outer.start || cue.mention.is_none() || cue.shares_subject {
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

/// Transcript lines and headline attributions of the wider notion: a
/// paragraph that opens with a short name and a colon (`PENCE: Well, ...`,
/// `Poll: Clinton and Trump in dead heat`); the rest of the paragraph is
/// what the name said.
pub(super) fn colon_speakers(doc: &Doc, names: &Names) -> Vec<Found> {
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
pub(super) fn dash_speakers(doc: &Doc, names: &Names, directs: &[Direct]) -> Vec<Found> {
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
