//! PolNeAR (`../shared/benchmarks/polnear/polnear_*.jsonl`): political news
//! with attribution relations (source, cue, content) annotated in brat and
//! converted to JSON lines with code-point offsets.
//!
//! Scoring follows the BIO-style span evaluation behind the published
//! figures: every contiguous piece of a source, cue or content is one span
//! (a discontinuous content is several), each role's gold spans form a set
//! per article (a source shared by several attributions counts once), and
//! a predicted span is right when it equals a gold span of the same role
//! (`exact`) or shares at least half of the longer of the two (`lenient`,
//! one-to-one). One annotator per article: where an article was annotated
//! by several, the first record in the file is used.
//!
//! Predictions map newsie's quotes onto PolNeAR's conventions: the content
//! of a direct quote includes its quotation marks, and the source is the
//! speaker's whole noun phrase ([`newsie_quotes::mention_phrase`]).

use crate::score::Counts;
use crate::Error;
use newsie_core::{Document, QuoteKind, Record, Span};
use newsie_pipeline::Pipeline;
use newsie_quotes::Attributor;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// One article with its gold spans, as byte offsets into `text`.
#[derive(Debug, Clone)]
pub struct PolnearDoc {
    /// `<article>_<annotator>`.
    pub id: String,
    /// The article text.
    pub text: String,
    /// Gold source pieces.
    pub sources: Vec<Span>,
    /// Gold cue pieces.
    pub cues: Vec<Span>,
    /// Gold content pieces.
    pub contents: Vec<Span>,
    /// Number of attribution relations.
    pub attributions: usize,
}

#[derive(Deserialize)]
struct RawRecord {
    id: String,
    article: String,
    text: String,
    attributions: Vec<RawAttribution>,
}

#[derive(Deserialize)]
struct RawAttribution {
    source: Option<Vec<[usize; 2]>>,
    cue: Option<Vec<[usize; 2]>>,
    content: Option<Vec<[usize; 2]>>,
}

/// Exact and lenient counts per role.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PolnearScores {
    /// Source spans, exact.
    pub source: Counts,
    /// Cue spans, exact.
    pub cue: Counts,
    /// Content spans, exact.
    pub content: Counts,
    /// Source spans, at least half overlap.
    pub source_lenient: Counts,
    /// Cue spans, at least half overlap.
    pub cue_lenient: Counts,
    /// Content spans, at least half overlap.
    pub content_lenient: Counts,
    /// Articles scored.
    pub documents: usize,
}

/// Loads a PolNeAR split, one annotator per article.
pub fn load(path: &Path) -> Result<Vec<PolnearDoc>, Error> {
    let body = crate::read_to_string(path)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (n, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let raw: RawRecord = serde_json::from_str(line).map_err(|e| Error::Format {
            path: path.to_owned(),
            line: n + 1,
            message: e.to_string(),
        })?;
        if !seen.insert(raw.article.clone()) {
            continue;
        }
        // Code-point offsets to byte offsets.
        let mut bytes: Vec<usize> = raw.text.char_indices().map(|(b, _)| b).collect();
        bytes.push(raw.text.len());
        let convert =
            |pieces: &Option<Vec<[usize; 2]>>, into: &mut Vec<Span>| -> Result<(), Error> {
                for [s, e] in pieces.iter().flatten() {
                    let (Some(&bs), Some(&be)) = (bytes.get(*s), bytes.get(*e)) else {
                        return Err(Error::Format {
                            path: path.to_owned(),
                            line: n + 1,
                            message: format!("offset {s}..{e} beyond the text"),
                        });
                    };
                    let span = Span::new(bs, be);
                    if bs < be && !into.contains(&span) {
                        into.push(span);
                    }
                }
                Ok(())
            };
        let mut doc = PolnearDoc {
            id: raw.id,
            sources: Vec::new(),
            cues: Vec::new(),
            contents: Vec::new(),
            attributions: raw.attributions.len(),
            text: String::new(),
        };
        for a in &raw.attributions {
            convert(&a.source, &mut doc.sources)?;
            convert(&a.cue, &mut doc.cues)?;
            convert(&a.content, &mut doc.contents)?;
        }
        doc.text = raw.text;
        out.push(doc);
    }
    Ok(out)
}

/// The predicted (source, cue, content) pieces of a record, in PolNeAR's
/// conventions.
pub fn predicted_spans(text: &str, record: &Record) -> (Vec<Span>, Vec<Span>, Vec<Span>) {
    let mut sources = Vec::new();
    let mut cues = Vec::new();
    let mut contents = Vec::new();
    let push = |list: &mut Vec<Span>, span: Span| {
        if !list.contains(&span) {
            list.push(span);
        }
    };
    for q in &record.quotes {
        let mut content = q.span();
        if q.kind == QuoteKind::Direct {
            content = with_marks(text, content);
            let sentence = record
                .sentences
                .iter()
                .find(|s| s.start <= content.start && content.end <= s.end);
            if let (Some(sentence), Some(cue)) = (sentence, &q.cue) {
                content = mixed_clause(text, content, sentence.span(), cue.span());
            }
        } else {
            content = with_that(text, content);
        }
        push(&mut contents, content);
        let cue = q.cue.as_ref().map(|c| cue_phrase(text, c.span()));
        if let Some(s) = &q.speaker {
            let sentence = record
                .sentences
                .iter()
                .find(|x| x.start <= s.start && s.end <= x.end)
                .map_or(Span::new(0, text.len()), |x| x.span());
            push(&mut sources, source_phrase(text, s.span(), cue, sentence));
        }
        if let Some(c) = cue {
            push(&mut cues, c);
        }
    }
    (sources, cues, contents)
}

/// PolNeAR's cue keeps the auxiliaries and adverbs before the verb (`has
/// said`, `also said`, `is demanding`) and a colon right after it
/// (`said:`).
fn cue_phrase(text: &str, cue: Span) -> Span {
    let mut start = cue.start;
    loop {
        let before = text[..start].trim_end_matches(' ');
        let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &before[word_start..];
        let aux = matches!(
            word.to_ascii_lowercase().as_str(),
            "has" | "have" | "had" | "also" | "is" | "are" | "was" | "were" | "will" | "would"
        );
        if !aux || before.len() == start {
            break;
        }
        start = word_start;
    }
    let mut end = cue.end;
    // `said in a statement`, `said in an interview` are one cue.
    for setting in [" in a statement", " in an interview"] {
        if text[end..].starts_with(setting) {
            end += setting.len();
        }
    }
    if text[end..].starts_with(':') {
        end += 1;
    }
    Span::new(start, end)
}

/// PolNeAR's source is the speaker's whole phrase: with its titles and
/// modifiers ([`newsie_quotes::mention_phrase`]), a party tag in
/// parentheses (`Gov. Pat McCrory (R)`), and an apposition set off by
/// commas (`Richard Revesz, director of the institute,` before the cue;
/// `said Ryan Ellis, a Republican tax consultant` after it, to the end of
/// the sentence).
fn source_phrase(text: &str, speaker: Span, cue: Option<Span>, sentence: Span) -> Span {
    let mut phrase = without_adverbs(text, newsie_quotes::mention_phrase(text, speaker));
    if let Some(cue) = cue {
        phrase = with_leading_role(text, phrase, cue, sentence);
    }
    let end = phrase.end + party_tag_len(&text[phrase.end..]);
    let Some(cue) = cue else {
        return Span::new(phrase.start, end);
    };
    let end = if text[cue.start..cue.end].eq_ignore_ascii_case("according to")
        && cue.end <= phrase.start
    {
        end + according_to_len(&text[end..sentence.end.max(end)])
    } else if end <= cue.start {
        end + apposition_before_cue_len(&text[end..cue.start])
    } else if cue.end <= phrase.start && end < sentence.end {
        end + apposition_after_cue_len(&text[end..sentence.end])
    } else {
        end
    };
    Span::new(phrase.start, end)
}

/// `phrase` without the adverbs that close it: the mention's phrase can
/// catch one between subject and verb (`Mr. Schultz generally`), which
/// PolNeAR leaves out of the source.
fn without_adverbs(text: &str, mut phrase: Span) -> Span {
    while let Some((head, last)) = text[phrase.start..phrase.end].rsplit_once(' ') {
        let adverb =
            last.len() > 4 && last.ends_with("ly") && last.chars().all(|c| c.is_ascii_lowercase());
        if !adverb {
            break;
        }
        phrase = Span::new(phrase.start, phrase.start + head.trim_end().len());
    }
    phrase
}

/// `phrase` with a role phrase that opens its clause and names it (`The
/// state’s campaign chairman, Phil Lovas, said`): PolNeAR's source
/// takes in both. Only when the name sits between commas right before
/// the cue, and the role is a few words that start the sentence or follow
/// a comma, quotation mark or semicolon.
fn with_leading_role(text: &str, phrase: Span, cue: Span, sentence: Span) -> Span {
    let before = &text[sentence.start.min(phrase.start)..phrase.start];
    let after = text[phrase.end..cue.start.max(phrase.end)].trim();
    if !(phrase.end <= cue.start && after == "," && before.trim_end().ends_with(',')) {
        return phrase;
    }
    let lead = before.trim_end().trim_end_matches(',');
    let from = lead
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ',' | '\n' | '"' | '“' | '”' | ';'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let role = lead[from..].trim_start();
    let words = role.split_whitespace().count();
    let lowercase_start = role.chars().next().is_some_and(char::is_lowercase);
    if (1..=8).contains(&words) && (from > 0 || !lowercase_start) && !role.is_empty() {
        Span::new(
            phrase.start - before.len() + from + (lead[from..].len() - role.len()),
            phrase.end,
        )
    } else {
        phrase
    }
}

/// The length of a party tag in parentheses at the start of `rest`, the
/// text after the source (`(R)`, `(D-Mass.)`), with the spaces before it;
/// 0 when there is none. A longer parenthesis, or one across lines, is an
/// aside rather than a tag.
fn party_tag_len(rest: &str) -> usize {
    let lead = rest.len() - rest.trim_start_matches(' ').len();
    if rest[lead..].starts_with('(') {
        if let Some(close) = rest[lead..].find(')').filter(|&c| c <= 24) {
            if !rest[lead..lead + close].contains('\n') {
                return lead + close + 1;
            }
        }
    }
    0
}

/// After `according to X`, how much of `tail` (the sentence after the
/// speaker's phrase) PolNeAR's source keeps: X is everything up to the
/// next comma or the sentence end (`a 52-count civil complaint filed by
/// the SEC`), unless that runs past 20 words.
fn according_to_len(tail: &str) -> usize {
    let stop = tail
        .find([',', ';', '\n', '"', '“', '”', ':'])
        .unwrap_or(tail.len());
    let piece = tail[..stop].trim_end().trim_end_matches(['.', ' ']);
    if piece.split_whitespace().count() <= 20 {
        piece.len()
    } else {
        0
    }
}

/// Whether `gap` can be part of a source: on one line, outside any
/// quotation, without a semicolon, and short.
fn is_clean(gap: &str) -> bool {
    !gap.contains(['\n', '"', '“', '”', ';']) && gap.split_whitespace().count() <= 30
}

/// How much of `gap`, the text between the speaker's phrase and a cue
/// after it, is an apposition of the speaker (`Richard Revesz, director of
/// the institute, said`); 0 when none.
fn apposition_before_cue_len(gap: &str) -> usize {
    let trimmed = gap.trim();
    // Not a participle clause (`Trump, appearing after Clinton, cited`).
    let participle = trimmed
        .strip_prefix(',')
        .and_then(|t| t.split_whitespace().next())
        .is_some_and(|w| w.ends_with("ing"));
    // Only the first apposition (`Scott Pruitt, the attorney general of
    // Oklahoma, one of the states suing,`), without a relative clause
    // after it (`, which represents ...`).
    let first_apposition = trimmed
        .get(1..)
        .and_then(|t| t.find(','))
        .map_or(trimmed.len(), |i| i + 2);
    if trimmed.len() > 1
        && trimmed.starts_with(',')
        && trimmed.ends_with(',')
        && is_clean(gap)
        && !participle
    {
        let lead = gap.len() - gap.trim_start().len();
        lead + first_apposition
    } else {
        0
    }
}

/// How much of `tail`, the rest of the sentence after a speaker who
/// follows the cue, is an apposition of the speaker (`said Ryan Ellis, a
/// Republican tax consultant`); 0 when none.
fn apposition_after_cue_len(tail: &str) -> usize {
    if !tail.starts_with(',') {
        return 0;
    }
    let stop = tail.find(['\n', '"', '“', '”', ';']).unwrap_or(tail.len());
    let mut piece = &tail[..stop];
    // Not a second comma's adjunct, relative or participle clause
    // (`, in a statement`, `, which ...`, `, summing up ...`).
    if let Some(i) = piece[1..].find(',') {
        piece = &piece[..i + 1];
    }
    let first_word = piece[1..].split_whitespace().next().unwrap_or("");
    let adjunct = first_word.ends_with("ing")
        || matches!(
            first_word,
            "in" | "on" | "at" | "during" | "which" | "who" | "whose" | "when" | "after"
        );
    let piece = piece.trim_end().trim_end_matches(['.', ',', ' ']);
    if piece.len() > 1 && is_clean(piece) && !adjunct {
        piece.len()
    } else {
        0
    }
}

/// PolNeAR's content of an indirect quote keeps a leading `that`.
fn with_that(text: &str, span: Span) -> Span {
    let before = text[..span.start].trim_end();
    if before.len() >= 4 && before[before.len() - 4..].eq_ignore_ascii_case("that") {
        let start = before.len() - 4;
        let boundary = text[..start]
            .chars()
            .next_back()
            .map_or(true, |c| !c.is_alphanumeric());
        if boundary {
            return Span::new(start, span.end);
        }
    }
    span
}

/// PolNeAR's content of a partial quote is the whole reported clause around
/// it (`that the deals were handed out “like candy.”`): from after the cue
/// (or the sentence start when the cue follows) to the sentence end (or the
/// quote's end when the cue follows).
fn mixed_clause(text: &str, quoted: Span, sentence: Span, cue: Span) -> Span {
    let mid_sentence = text[..quoted.start]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric());
    if !(mid_sentence && sentence.start <= cue.start && cue.end <= sentence.end) {
        return quoted;
    }
    if cue.end <= quoted.start {
        let start = cue.end + (text[cue.end..].len() - text[cue.end..].trim_start().len());
        let body = text[quoted.end..sentence.end].trim_end();
        let mut end = quoted.end + body.len();
        if body.ends_with('.') && !body.ends_with(['"', '”']) {
            end -= 1;
        }
        Span::new(start, end.max(quoted.end))
    } else if quoted.end <= cue.start {
        Span::new(sentence.start, quoted.end)
    } else {
        quoted
    }
}

/// A direct quote's span with its quotation marks.
fn with_marks(text: &str, span: Span) -> Span {
    let is_mark = |c: char| matches!(c, '"' | '“' | '”');
    if text[..span.start].ends_with("''") || text[..span.start].ends_with("``") {
        let end = if text[span.end..].starts_with("''") {
            span.end + 2
        } else {
            span.end
        };
        return Span::new(span.start - 2, end);
    }
    let mut start = span.start;
    if let Some(c) = text[..start].chars().next_back().filter(|&c| is_mark(c)) {
        start -= c.len_utf8();
    }
    let mut end = span.end;
    if let Some(c) = text[end..].chars().next().filter(|&c| is_mark(c)) {
        end += c.len_utf8();
    }
    Span::new(start, end)
}

/// Exact and lenient counts of `predicted` against `gold`.
fn count(gold: &[Span], predicted: &[Span], exact: &mut Counts, lenient: &mut Counts) {
    let right = predicted.iter().filter(|p| gold.contains(p)).count();
    exact.add(right, predicted.len(), gold.len());
    let mut used = vec![false; gold.len()];
    let mut matched = 0;
    for p in predicted {
        let hit = gold.iter().enumerate().position(|(i, g)| {
            let overlap = g.overlap_len(*p);
            !used[i] && overlap > 0 && 2 * overlap >= g.len().max(p.len())
        });
        if let Some(i) = hit {
            used[i] = true;
            matched += 1;
        }
    }
    lenient.add(matched, predicted.len(), gold.len());
}

/// Scores one record against one article.
pub fn score_document(doc: &PolnearDoc, record: &Record) -> PolnearScores {
    let (sources, cues, contents) = predicted_spans(&doc.text, record);
    let mut out = PolnearScores {
        documents: 1,
        ..PolnearScores::default()
    };
    count(
        &doc.sources,
        &sources,
        &mut out.source,
        &mut out.source_lenient,
    );
    count(&doc.cues, &cues, &mut out.cue, &mut out.cue_lenient);
    count(
        &doc.contents,
        &contents,
        &mut out.content,
        &mut out.content_lenient,
    );
    out
}

impl PolnearScores {
    /// Adds another document's counts.
    pub fn merge(&mut self, other: &PolnearScores) {
        self.source.merge(other.source);
        self.cue.merge(other.cue);
        self.content.merge(other.content);
        self.source_lenient.merge(other.source_lenient);
        self.cue_lenient.merge(other.cue_lenient);
        self.content_lenient.merge(other.content_lenient);
        self.documents += other.documents;
    }
}

/// The attributor for PolNeAR: the default one widened to PolNeAR's notion
/// of attribution (beliefs, findings and other non-speech cues).
pub fn attributor() -> Attributor {
    Attributor::builder()
        .wide_attribution(true)
        .build()
        .unwrap_or_default()
}

/// The record of one article, as `pipeline` gives it. Build the pipeline
/// with [`attributor`] (`newsie extract --quotes wide`) for PolNeAR's wider
/// notion of attribution: its default scope, speech, misses the beliefs and
/// findings PolNeAR annotates.
pub fn predict(pipeline: &Pipeline, doc: &PolnearDoc) -> Result<Record, Error> {
    Ok(pipeline.process(&Document::new(doc.id.clone(), doc.text.clone()))?)
}

/// Runs `pipeline` on every article and sums the scores (see [`predict`]
/// for the pipeline to build).
pub fn evaluate(pipeline: &Pipeline, docs: &[PolnearDoc]) -> Result<PolnearScores, Error> {
    let mut total = PolnearScores::default();
    for doc in docs {
        let record = predict(pipeline, doc)?;
        total.merge(&score_document(doc, &record));
    }
    Ok(total)
}

/// The file of PolNeAR split `split` (`train`, `dev` or `test`) under
/// `dir`.
pub fn split_path(dir: &Path, split: &str) -> std::path::PathBuf {
    dir.join(format!("polnear_{split}.jsonl"))
}

/// Loads split `split` under `dir` and scores `pipeline` on it: `dev` is
/// the split every choice is made on, so that `test` stays unseen.
pub fn evaluate_split(
    pipeline: &Pipeline,
    dir: &Path,
    split: &str,
) -> Result<PolnearScores, Error> {
    evaluate(pipeline, &load(&split_path(dir, split))?)
}

/// `newsie eval polnear`: source, cue and content F1 on the PolNeAR test
/// split under `dir`, exact and lenient (at least half overlap).
pub fn report(pipeline: &Pipeline, dir: &Path) -> Result<crate::report::SuiteReport, Error> {
    report_split(pipeline, dir, "test")
}

/// [`report`] on split `split` (`dev` for tuning, `test` for the figures
/// reported).
pub fn report_split(
    pipeline: &Pipeline,
    dir: &Path,
    split: &str,
) -> Result<crate::report::SuiteReport, Error> {
    use crate::report::{Row, SuiteReport};
    let scores = evaluate_split(pipeline, dir, split)?;
    let rows = vec![
        Row::new("quotes exact", "source", scores.source),
        Row::new("quotes exact", "cue", scores.cue),
        Row::new("quotes exact", "content", scores.content),
        Row::new("quotes lenient", "source", scores.source_lenient),
        Row::new("quotes lenient", "cue", scores.cue_lenient),
        Row::new("quotes lenient", "content", scores.content_lenient),
    ];
    Ok(SuiteReport {
        suite: format!("polnear {split} ({} articles)", scores.documents),
        rows,
        misses: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_needs_half_of_the_longer_span() {
        let gold = [Span::new(0, 10)];
        let (mut exact, mut lenient) = (Counts::default(), Counts::default());
        count(
            &gold,
            &[Span::new(0, 5), Span::new(20, 30)],
            &mut exact,
            &mut lenient,
        );
        assert_eq!(
            (exact.correct, lenient.correct, lenient.predicted),
            (0, 1, 2)
        );
        let (mut exact, mut lenient) = (Counts::default(), Counts::default());
        count(&gold, &[Span::new(0, 4)], &mut exact, &mut lenient);
        assert_eq!(lenient.correct, 0);
    }

    #[test]
    fn marks_are_added_to_direct_content() {
        let text = "He said “yes,” twice.";
        let start = text.find("yes").unwrap();
        let span = with_marks(text, Span::new(start, start + 4));
        assert_eq!(&text[span.start..span.end], "“yes,”");
    }
}
