//! Direct quotes, by their quotation marks: each pair of marks in the
//! article's style gives the words between them, a quote left open at a
//! paragraph's end runs on when the next paragraph opens with a fresh mark
//! (else it ends there), and a few words quoted inside a sentence make a
//! partial quote.

use super::{Doc, MAX_QUOTE_BYTES};
use crate::text;
use crate::Settings;
use newsie_core::Span;

/// A pair of quotation marks and what lies between them.
#[derive(Debug, Clone)]
pub(super) struct Direct {
    pub(super) inner: Span,
    pub(super) outer: Span,
    pub(super) para: usize,
    pub(super) closed: bool,
    pub(super) partial: bool,
}

pub(super) fn find_directs(doc: &Doc, settings: &Settings) -> Vec<Direct> {
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
pub(super) fn inside_direct(directs: &[Direct], span: Span) -> bool {
    let i = directs.partition_point(|d| d.outer.end < span.end);
    directs
        .get(i)
        .is_some_and(|d| d.outer.start <= span.start && span.end <= d.outer.end)
}
