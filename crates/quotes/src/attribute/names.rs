//! Names: the people and organizations the document writes out
//! (capitalized runs, classified by their words and the entity tagger),
//! indexed so that a short reference finds its full form in a lookup: a
//! surname its person (`Jassy` → `Andy Jassy`), a short or abbreviated
//! name its organization (`FDA` → `U.S. Food and Drug Administration`),
//! a description its body (`the bank`), and the organization in focus at
//! any point.

use super::cues::CueHit;
use super::marks::{inside_direct, Direct};
use super::resolve::Genders;
use super::{line_break_after, Doc};
use crate::lexicon;
use newsie_core::{EntityLabel, Span};
use std::collections::{HashMap, HashSet};

/// The most tokens a capitalized name runs over (`U.S. Food and Drug
/// Administration` has 6).
const MAX_NAME_TOKENS: usize = 12;

/// Names seen in the document.
pub(super) struct Names {
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
    /// One-word names that an apposition somewhere in the document
    /// describes as a body (`Ofgem, the energy regulator,`): a body at
    /// every mention, the later ones without the apposition too.
    bodies: HashSet<String>,
    /// The last letter of an acronym's name, lower case (`l` of `NFL`) ->
    /// indices into `orgs` of its mentions, in order: an acronym ends with
    /// its head noun's initial (National Football *League*), so `the
    /// league` may stand for it.
    acronym_ends: HashMap<char, Vec<usize>>,
}

/// Runs of capitalized words (`of` and `&` allowed inside), with their
/// token ranges; sentence openers and months are left out.
fn capitalized_runs(doc: &Doc) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let n = doc.toks.len();
    // A name never runs into the next sentence (`... from Northpine
    // Software Corp. Northpine cut the price`).
    let mut sentence_start = vec![false; n + 1];
    for &(lo, _) in &doc.sent_toks {
        sentence_start[lo.min(n)] = true;
    }
    let mut i = 0;
    while i < n {
        let t = &doc.toks[i];
        if !(t.is_word && t.capitalized) || opens_no_name(doc.raw(i)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            // A name never runs over a line break (a headline into the
            // body), nor past a person the tagger closed (`Jane Roe` of
            // `Jane Roe of Acme Securities`).
            if line_break_after(doc, j - 1) || doc.person_ends_at(j - 1) || sentence_start[j] {
                break;
            }
            // A word that seldom names (`Now`, `Today`) still closes a
            // name the tagger found whole (`Fair Fares Now`, `USA Today`).
            if j < n
                && doc.toks[j].is_word
                && doc.toks[j].capitalized
                && (!lexicon::is_capitalized_non_name(doc.raw(j)) || doc.in_one_name(i, j))
            {
                j += 1;
            } else if j + 1 < n
                && (doc.word(j) == "of" || doc.word(j) == "and" || doc.toks[j].is_punct('&'))
                && doc.toks[j + 1].capitalized
                && doc.toks[j + 1].span.start - doc.toks[j].span.end <= 1
                && !tagged_apart(doc, j)
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

/// Whether a capitalized word cannot open a name: a function word
/// (`The`), or a verb that a title-case headline capitalizes (`Is Donald
/// Trump Ready`, `Says Donald Trump`). (`Will` and `May` are first names
/// too.)
fn opens_no_name(word: &str) -> bool {
    if lexicon::is_capitalized_non_name(word) {
        return true;
    }
    if matches!(word, "Will" | "May") {
        return false;
    }
    let lower = word.to_lowercase();
    lexicon::is_auxiliary(&lower) || lexicon::cue(&lower).is_some()
}

/// Whether the tagger closed a name right before the joining word at
/// token `j` and no tagged name spans it (`Banque Aubert` and `Van Houten
/// & Co.` in `Banque Aubert and Van Houten & Co.`): two names, not one.
fn tagged_apart(doc: &Doc, j: usize) -> bool {
    doc.word(j) == "and" && doc.entity_ends_at(j - 1, None) && !doc.in_one_name(j - 1, j + 1)
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
pub(super) fn classify_name(
    doc: &Doc,
    a: usize,
    b: usize,
    single_orgs: &SingleOrgs,
) -> Option<EntityLabel> {
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
        // A work, product or event (`Nature Astronomy`, `Tally Plus`) is
        // neither a person a pronoun stands for nor a body that speaks.
        Some(EntityLabel::Misc) => return None,
        None => {}
    }
    (words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().skip(1).any(char::is_lowercase)))
    .then_some(EntityLabel::Per)
}

/// Single words that speak as organizations, from [`speaker_org_words`].
pub(super) type SingleOrgs = HashSet<String>;

/// Single capitalized words that speak as organizations (`Amazon said`):
/// unknown single names before a cue, that no multi-word name ends with.
pub(super) fn speaker_org_words(doc: &Doc, cues: &[CueHit]) -> SingleOrgs {
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

/// The names of the document, indexed for [`resolve`](super::resolve).
pub(super) fn collect_names(doc: &Doc, single_orgs: &SingleOrgs, directs: &[Direct]) -> Names {
    let mut persons = Vec::new();
    let mut orgs = Vec::new();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    // Single-word runs outside quotes, to link to persons afterwards.
    let mut singles: Vec<(usize, String)> = Vec::new();
    let mut bodies = HashSet::new();
    let headline_end = headline_end(doc);
    for (a, b) in capitalized_runs(doc) {
        let in_headline = doc.toks[a].span.start < headline_end;
        let s = name_start(doc, a, b);
        let name_span = doc.with_abbrev_dot(doc.span_of(s, b), b - 1);
        let name = one_line(&doc.text[name_span.start..name_span.end]);
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
        if b - s == 1 && described_as_body(doc, b) {
            bodies.insert(name.clone());
        }
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
    let by_part = index_name_parts(&persons);
    let person_mentions = person_mentions(&persons, &by_part, &singles, directs);
    let bracketed = bracketed_words(doc);
    let (distinct_orgs, org_keys) = index_org_names(&orgs);
    let mut names = Names {
        persons,
        focus,
        by_part,
        orgs,
        distinct_orgs,
        org_keys,
        org_words: HashMap::new(),
        acronym_ends: HashMap::new(),
        first_seen,
        person_mentions,
        bracketed,
        bodies,
    };
    // A short mention counts with the words of its full name (`Rhein-Mosel`
    // is a bank when `Rhein-Mosel Bank AG` came first), so that `the bank`
    // finds the bank mentioned last under any of its names.
    let org_words = index_org_words(&names.orgs, |index| {
        let (start, name) = &names.orgs[index];
        names.fullest_org(name, *start).map(str::to_owned)
    });
    names.org_words = org_words;
    for (index, (_, name)) in names.orgs.iter().enumerate() {
        let last = name.chars().rev().find(|c| c.is_alphabetic());
        if let (true, Some(last)) = (is_acronym(name), last) {
            names
                .acronym_ends
                .entry(last.to_ascii_lowercase())
                .or_default()
                .push(index);
        }
    }
    names
}

/// Where the headline ends (0 when there is none): a first paragraph
/// without closing punctuation is a headline, which uses short names
/// before the body introduces the full ones.
fn headline_end(doc: &Doc) -> usize {
    doc.paras
        .first()
        .filter(|p| {
            let line = &doc.text[p.start..p.end];
            !line.ends_with(['.', '!', '?', '"', '”', ':', ')'])
                && line.split_whitespace().count() <= 25
        })
        .map_or(0, |p| p.end)
}

/// Each name part (first or last word) to the persons it may stand for,
/// in document order, so that a reference finds its name in one lookup.
fn index_name_parts(persons: &[(usize, String)]) -> HashMap<String, Vec<usize>> {
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
    by_part
}

/// (start, index into `persons`) of every mention of a known person
/// outside quotation marks, in order: the full names, and the single words
/// (`singles`) that are a part of one.
fn person_mentions(
    persons: &[(usize, String)],
    by_part: &HashMap<String, Vec<usize>>,
    singles: &[(usize, String)],
    directs: &[Direct],
) -> Vec<(usize, usize)> {
    let mut person_mentions: Vec<(usize, usize)> = persons
        .iter()
        .enumerate()
        .filter(|(_, (start, _))| !inside_direct(directs, Span::new(*start, *start + 1)))
        .map(|(pi, (start, _))| (*start, pi))
        .collect();
    for (start, word) in singles {
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
    person_mentions
}

/// Words written alone in brackets (`(AWS)`).
fn bracketed_words(doc: &Doc) -> HashSet<String> {
    doc.toks
        .windows(3)
        .filter(|w| w[0].is_punct('(') && w[1].is_word && w[2].is_punct(')'))
        .map(|w| doc.text[w[1].span.start..w[1].span.end].to_owned())
        .collect()
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
fn index_org_words(
    orgs: &[(usize, String)],
    full_name: impl Fn(usize) -> Option<String>,
) -> HashMap<String, Vec<usize>> {
    let mut words: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, (_, name)) in orgs.iter().enumerate() {
        let full = full_name(index).filter(|full| full != name);
        let all = name.split(|c: char| c.is_whitespace() || c == '-').chain(
            full.as_deref()
                .into_iter()
                .flat_map(|f| f.split(|c: char| c.is_whitespace() || c == '-')),
        );
        for word in all {
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
pub(super) fn name_start(doc: &Doc, a: usize, b: usize) -> usize {
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

/// Whether the name ending at token `b` is followed by an apposition that
/// describes a body (`Ofgem, the energy regulator, said`; `Tally, a
/// Paris-based startup,`): what the name is, whatever the tagger called it.
fn described_as_body(doc: &Doc, b: usize) -> bool {
    if !doc.toks.get(b).is_some_and(|t| t.is_punct(',')) {
        return false;
    }
    let Some(first) = doc.toks.get(b + 1) else {
        return false;
    };
    if !first.is_word || !lexicon::is_determiner(doc.word(b + 1)) {
        return false;
    }
    // The apposition's head: its last word before the closing comma,
    // within a few words, with no preposition or role before it (`a
    // spokesman for the campaign` describes a person).
    let close = (b + 2..(b + 8).min(doc.toks.len())).find(|&k| doc.toks[k].is_punct(','));
    close.is_some_and(|c| {
        c > b + 2
            && lexicon::is_org_noun(doc.word(c - 1))
            && (b + 2..c - 1).all(|k| {
                let w = doc.word(k);
                !lexicon::is_role_noun(w) && !matches!(w, "of" | "for" | "at" | "with" | "from")
            })
    })
}

/// Head nouns that end the names acronyms stand for (National Football
/// League, Grand Old Party, Federal Bureau of Investigation).
const ACRONYM_HEADS: &[&str] = &[
    "league",
    "party",
    "association",
    "agency",
    "commission",
    "committee",
    "union",
    "bureau",
    "administration",
    "organization",
    "authority",
    "federation",
    "council",
    "service",
    "board",
    "corporation",
    "department",
];

impl Names {
    /// The organization the passage is about at `at`: the leader of the
    /// running scores over the organizations mentioned before it.
    pub(super) fn focus(&self, at: usize) -> Option<String> {
        let i = self.focus.partition_point(|(s, _)| *s < at);
        i.checked_sub(1)
            .map(|i| self.org_name(&self.focus[i].1, at))
    }

    /// The full name for a single-word reference (`Jassy` → `Andy Jassy`):
    /// the first such name before `at`, else the first in the document.
    pub(super) fn full_name(&self, word: &str, at: usize) -> Option<&str> {
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
    pub(super) fn fullest_org(&self, name: &str, at: usize) -> Option<&str> {
        let first = self.first_seen.get(name).map_or(at, |&f| f.min(at));
        // `Corvane Therapeutics Inc.`, `Van Houten & Co.`: only corporate
        // words added, the same body whenever it was written.
        let suffixed = |long: &str| {
            long.starts_with(name)
                && long[name.len()..].starts_with(' ')
                && long[name.len()..]
                    .split_whitespace()
                    .all(|w| w == "&" || lexicon::is_org_keyword(w))
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

    /// Whether an apposition in the document describes the one-word name
    /// as a body (see [`described_as_body`]).
    pub(super) fn is_body(&self, name: &str) -> bool {
        self.bodies.contains(name)
    }

    /// The article defines `acronym` in brackets (`Amazon Web Services
    /// (AWS)`) and so uses it as a name of its own.
    fn defined_acronym(&self, acronym: &str) -> bool {
        self.bracketed.contains(acronym)
    }

    /// `name`, or its fullest form.
    pub(super) fn org_name(&self, name: &str, at: usize) -> String {
        self.fullest_org(name, at).unwrap_or(name).to_owned()
    }

    /// The organization a definite description (`the bank`, `the
    /// Commission`, `the utility`) stands for: the latest organization
    /// before `at` whose name holds the head noun or a word of its kind,
    /// in its fullest form.
    pub(super) fn described_org(&self, head: &str, at: usize) -> Option<String> {
        let kinds = body_kind_words(head).unwrap_or(&[]);
        let end = self.orgs.partition_point(|(start, _)| *start < at);
        let latest = |list: &Vec<usize>| {
            let before = list.partition_point(|&index| index < end);
            before.checked_sub(1).map(|k| list[k])
        };
        // The latest mention before `at` of any of the words; failing
        // that, of an acronym ending with one's initial (`NFL` for `the
        // league`).
        // The noun or its plural (`the studio` of `Emberfall Studios`).
        let plural = format!("{head}s");
        let words = || {
            std::iter::once(head)
                .chain(std::iter::once(plural.as_str()))
                .chain(kinds.iter().copied())
        };
        words()
            .filter_map(|word| self.org_words.get(word))
            .filter_map(latest)
            .max()
            .or_else(|| {
                // Only nouns that head names an acronym is made of (`the
                // league` for NFL, `the party` for GOP; not `the paper`).
                words()
                    .filter(|word| ACRONYM_HEADS.contains(word))
                    .filter_map(|word| word.chars().next())
                    .filter_map(|initial| self.acronym_ends.get(&initial))
                    .filter_map(latest)
                    .max()
            })
            .map(|index| {
                let (start, name) = &self.orgs[index];
                self.org_name(name, *start)
            })
    }

    /// The latest known person mentioned before `at` whose gender (when
    /// known) is not the other one, with where they were mentioned.
    pub(super) fn person_before(
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

    pub(super) fn last_person_before(&self, at: usize) -> Option<&str> {
        let i = self.persons.partition_point(|p| p.0 < at);
        i.checked_sub(1).map(|i| self.persons[i].1.as_str())
    }
}

/// The words that name a body of the kind `noun` describes (`the union`:
/// `Union`, `Association`, `Federation` ...), when it describes a kind of
/// body: a spokesman of that kind speaks for such a body, not for whatever
/// company the article is about.
pub(super) fn body_kind_words(noun: &str) -> Option<&'static [&'static str]> {
    Some(match noun {
        "bank" | "lender" => &["bank", "banque", "bancorp", "banco"],
        "utility" => &["power", "energy", "electric", "gas", "water", "utilities"],
        "carmaker" | "automaker" => &["motor", "motors", "auto", "automotive"],
        "airline" | "carrier" => &["air", "airlines", "airways"],
        "insurer" => &["insurance", "assurance"],
        "university" | "school" => &["university", "college", "school"],
        "government" | "ministry" | "department" => &["ministry", "department", "government"],
        "union" => &[
            "union",
            "association",
            "federation",
            "guild",
            "brotherhood",
            "workers",
            "teamsters",
        ],
        "league" => &["league", "association", "federation"],
        "agency" | "regulator" | "watchdog" => &[
            "agency",
            "authority",
            "commission",
            "administration",
            "office",
            "bureau",
            "board",
        ],
        "authority" => &["authority", "agency", "commission", "board"],
        "police" => &["police", "constabulary", "sheriff"],
        "court" => &["court", "tribunal"],
        "council" => &["council", "board"],
        "hospital" => &["hospital", "clinic", "health"],
        _ => return None,
    })
}

/// A name as one line: in text wrapped at a fixed width a name may run over
/// a line break (`Rafael\nMendoza`), which stands for a space.
pub(super) fn one_line(name: &str) -> String {
    if name.contains(|c: char| c.is_whitespace() && c != ' ') {
        name.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        name.to_owned()
    }
}
