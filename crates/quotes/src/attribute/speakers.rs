//! Speaker phrases: for each cue, the noun phrase that names who speaks:
//! the subject before the verb (over auxiliaries, time words and a party
//! tag in brackets), an apposition's head (`X, a spokesperson for Y,
//! said`), the phrase after the verb (`said the company`, `according to
//! X`), or no phrase when the subject is shared with an earlier verb. Also
//! [`widen_mention`], the whole phrase around a mention, for benchmarks.

use super::cues::CueHit;
use super::{first_word, line_break_after, Doc};
use crate::lexicon;
use crate::text::{self, Tok};
use newsie_core::Span;

pub(super) fn is_time_word(w: &str) -> bool {
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
pub(super) fn locate_speaker(doc: &Doc, cue: &mut CueHit, wide: bool) {
    let (lo, hi) = doc.sent_toks[cue.sent];
    if cue.lemma == "according to" {
        cue.speaker_np = according_to_source(doc, cue.end, hi);
        cue.inverted = true;
        return;
    }
    let j = subject_end(doc, cue.first, lo);
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
            if let Some(np) = subject_with_apposition(doc, j - 1, lo)
                .or_else(|| enclosed_name(doc, j - 1, lo))
                .or_else(|| tagged_name_after_quote(doc, j - 1, lo))
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
        if let Some(np) = inverted_speaker(doc, cue.end, hi) {
            cue.speaker_np = Some(np);
            cue.inverted = true;
        }
    }
}

/// The source after `according to` (whose last token is `end - 1`): a
/// noun phrase, else the words up to the next comma or stop. The phrase
/// may be long and odd (`a New York Times/CBS News poll released last
/// week`).
fn according_to_source(doc: &Doc, end: usize, hi: usize) -> Option<(usize, usize)> {
    np_after(doc, end, hi).or_else(|| {
        let b = (end..hi)
            .find(|&k| {
                !doc.toks[k].is_word && matches!(doc.toks[k].lower.as_str(), "," | ";" | "." | ":")
            })
            .unwrap_or(hi);
        let words = (end..b).filter(|&k| doc.toks[k].is_word).count();
        (end < b && (1..=12).contains(&words) && doc.toks[end].is_word).then_some((end, b))
    })
}

/// Where the subject of the cue at token `first` ends: before it, over the
/// auxiliaries, adverbs and time words between subject and verb, and over
/// a party tag in brackets after a name.
fn subject_end(doc: &Doc, first: usize, lo: usize) -> usize {
    let mut j = first;
    while j > lo {
        let w = doc.word(j - 1);
        if doc.toks[j - 1].is_word && (lexicon::is_pre_cue_filler(w) || is_time_word(w)) {
            j -= 1;
            // `on Tuesday`, `in January`: the preposition of a time word.
            if j > lo && matches!(doc.word(j - 1), "on" | "in") && is_time_word(w) {
                j -= 1;
            }
            continue;
        }
        break;
    }
    skip_parenthetical(doc, j, lo)
}

/// The speaker after a cue that ends at token `end` (`..., said the
/// company`, `“...,” said Jassy`): a phrase that names someone, opens
/// with a determiner or is `he`/`she`, and is no object before quoted
/// words.
fn inverted_speaker(doc: &Doc, end: usize, hi: usize) -> Option<(usize, usize)> {
    let (a, b) = np_after(doc, end, hi)?;
    let w = doc.word(a);
    // `called the rise “a kick in the teeth”`: an object before
    // quoted words, not a speaker.
    let before_quote = doc
        .toks
        .get(b)
        .is_some_and(|t| t.is_punct('“') || t.is_punct('"'));
    // `said council member Tom Byrne`: a descriptor before a name.
    let names_someone = (a..b).any(|k| doc.toks[k].is_word && doc.toks[k].capitalized);
    if before_quote || !(names_someone || lexicon::is_determiner(w) || matches!(w, "he" | "she")) {
        return None;
    }
    // `said Ravensmoor’s head coach, Mark Ellery.`: a role, then the name
    // it describes; the name is the speaker.
    let role_last = lexicon::is_role_noun(doc.word(b - 1)) || lexicon::is_title(doc.raw(b - 1));
    if role_last && b + 2 < hi && doc.toks[b].is_punct(',') && doc.toks[b + 1].capitalized {
        if let Some((na, nb)) = np_after(doc, b + 1, hi) {
            let all_capitalized = (na..nb).all(|k| doc.toks[k].capitalized || !doc.toks[k].is_word);
            let closes = nb == hi
                || doc.toks[nb].is_punct(',')
                || doc.toks[nb].is_punct('.')
                || doc.is_mark(&doc.toks[nb]);
            if nb - na >= 2 && all_capitalized && closes {
                return Some((na, nb));
            }
        }
    }
    Some((a, b))
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
    let parenthetical = opens_parenthetical(doc, b + 1, comma);
    let apposition =
        parenthetical || opens_apposition(doc, b + 1) || is_short_apposition(doc, b + 1, comma);
    if !apposition {
        return None;
    }
    // No quote inside: that would be a different frame.
    if (b..comma).any(|k| doc.is_mark(&doc.toks[k])) {
        return None;
    }
    let last = b - 1;
    let w = doc.word(last);
    // Before a parenthetical phrase, a noun phrase that an article opens
    // is the subject whatever its noun (`The mayor, in a statement,
    // said`); before an apposition it may be a description that the
    // apposition names (`The minister of the economy, Mr. Guajardo,
    // argues`: see `enclosed_name`).
    let determined = parenthetical && matches!(doc.word(a), "the" | "a" | "an") && b > a + 1;
    (doc.toks[last].capitalized
        || determined
        || lexicon::is_subject_pronoun(w)
        || lexicon::is_role_noun(w)
        || lexicon::is_org_noun(w))
    .then_some((a, b))
}

/// Whether the word at `i`, right after a comma, opens an apposition or a
/// relative clause: an article or possessive determiner (`a spokesperson
/// for`, `its chief`), a relative pronoun, a title (`CEO of`), or a name's
/// possessive (`Japan’s third-largest carmaker`).
fn opens_apposition(doc: &Doc, i: usize) -> bool {
    let opener = doc.word(i);
    matches!(
        opener,
        "a" | "an" | "the" | "who" | "which" | "whose" | "its" | "his" | "her" | "their"
    ) || lexicon::is_title(opener)
        || (doc.toks[i].capitalized && doc.toks.get(i + 1).is_some_and(|t| t.is_possessive()))
}

/// The most tokens of a parenthetical phrase between a subject and its
/// cue (`Trump, speaking to a veterans group in Virginia, said`).
const PARENTHETICAL_TOKENS: usize = 12;

/// Whether the tokens from `i` up to the comma at `comma`, right after the
/// sentence's subject and its comma, are a parenthetical phrase rather
/// than a list's next item: a prepositional phrase (`in a statement`, `on
/// Tuesday`), a participle's (`speaking to reporters`, `asked about it`)
/// or a sentence adverb (`however`), short and without a comma.
fn opens_parenthetical(doc: &Doc, i: usize, comma: usize) -> bool {
    if comma <= i
        || comma - i > PARENTHETICAL_TOKENS
        || (i..comma).any(|k| !doc.toks[k].is_word && !doc.toks[k].is_punct('.'))
    {
        return false;
    }
    let opener = doc.word(i);
    let participle = !doc.toks[i].capitalized
        && opener.len() > 4
        && (opener.ends_with("ing") || opener == "asked" || opener == "pressed");
    participle
        || matches!(
            opener,
            "in" | "on"
                | "at"
                | "during"
                | "after"
                | "before"
                | "from"
                | "like"
                | "unlike"
                | "despite"
                | "however"
                | "meanwhile"
                | "though"
                | "too"
                | "also"
                | "instead"
                | "nevertheless"
                | "separately"
                | "earlier"
                | "later"
        )
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
    // role), not a clause or a place list; a role may be written
    // capitalized (`The Transport Secretary, Priya Malhotra, announced`).
    let before = doc.raw(k - 2);
    let role_before = doc.toks[k - 2].is_word
        && (!doc.toks[k - 2].capitalized
            || lexicon::is_title(before)
            || lexicon::is_role_noun(&before.to_lowercase()));
    (name_like && role_before && words >= 2).then_some((k, comma))
}

/// `“...,” Senate Majority Leader Mitch McConnell, R-Ky., said`, `“...,”
/// Ann Lee, 54, said`: a name right after a closing quotation mark (or
/// opening the sentence), then an age or party tag between commas before
/// the cue (the second comma at `comma`).
fn tagged_name_after_quote(doc: &Doc, comma: usize, lo: usize) -> Option<(usize, usize)> {
    let p = (lo..comma)
        .rev()
        .take(6)
        .find(|&p| doc.toks[p].is_punct(','))?;
    if p <= lo || !is_short_apposition(doc, p + 1, comma) {
        return None;
    }
    let mut a = p;
    while a > lo
        && doc.toks[a - 1].is_word
        && (doc.toks[a - 1].capitalized || is_np_word(doc, a - 1))
    {
        a -= 1;
    }
    let opens = a == lo || doc.is_mark(&doc.toks[a - 1]);
    (opens && a < p && doc.toks[p - 1].capitalized).then_some((a, p))
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
pub(super) fn is_company_abbrev(word: &str) -> bool {
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

/// The noun phrase that ends at token `end` (exclusive), not before `lo`.
fn np_before(doc: &Doc, end: usize, lo: usize) -> Option<(usize, usize)> {
    let mut j = end;
    // Back over noun-phrase words, and over any word inside a tagged name
    // (the `and` of `Food and Drug Administration`).
    while j > lo
        && (is_np_word(doc, j - 1) || (j < end && doc.in_one_name(j - 1, j)))
        && !(j < end && line_break_after(doc, j - 1))
    {
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
pub(super) fn np_after(doc: &Doc, start: usize, hi: usize) -> Option<(usize, usize)> {
    let mut a = start;
    // `said Tuesday the company`: skip time words.
    while a < hi && doc.toks[a].is_word && is_time_word(doc.word(a)) {
        a += 1;
    }
    let mut b = a;
    // Over noun-phrase words, and over any word inside a tagged name (the
    // `and` of `Department of Forestry and Fire Protection`), which may
    // also run past the usual eight words.
    while b < hi && !(b > a && line_break_after(doc, b - 1)) {
        let inside_name = b > a && doc.in_one_name(b - 1, b);
        if !(inside_name || (b - a < 8 && is_np_word(doc, b))) {
            break;
        }
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
    if !opens_apposition(doc, k + 1) {
        return None;
    }
    // `Dan Whitlock, 38, who commutes ..., said`: an age or a party tag
    // between commas before the apposition belongs to the name before it.
    if let Some(p) = (lo..k).rev().take(6).find(|&p| doc.toks[p].is_punct(',')) {
        if p > lo && is_short_apposition(doc, p + 1, k) {
            k = p;
        }
    }
    let head = np_before(doc, skip_parenthetical(doc, k, lo), lo)?;
    // The head should be a name or a pronoun, not a clause's object.
    let last = head.1 - 1;
    (doc.toks[last].capitalized || lexicon::is_subject_pronoun(doc.word(last))).then_some(head)
}

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
