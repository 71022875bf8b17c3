//! Resolution: each cue's speaker phrase classified (a person, an
//! anonymous source, an organization) and resolved to the canonical name
//! it stands for: a pronoun to the speaker or person before it, a surname
//! to the full name, a description (`the company`, `a spokeswoman`) to the
//! organization it speaks for.

use super::cues::CueHit;
use super::names::{self, classify_name, name_start, one_line, Names, SingleOrgs};
use super::speakers::{is_time_word, np_after};
use super::Doc;
use crate::lexicon;
use newsie_core::{EntityLabel, Span, SpeakerKind};
use std::collections::HashMap;

/// A classified speaker mention.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) span: Span,
    pub(super) kind: SpeakerKind,
    pub(super) resolved: Option<String>,
}

/// A person's gender as the article shows it (`she` → female), by name.
pub(super) type Genders = HashMap<String, bool>;

/// What the speakers so far tell about the next pronoun.
#[derive(Default)]
pub(super) struct Memory {
    /// The last human speaker (named or anonymous), for `he`/`she`.
    last_human: Option<Mention>,
    /// The last speaker of any kind, for `they`.
    last_any: Option<Mention>,
    /// The last unnamed speaker described by a role (`a Defra
    /// spokesperson`), with that role noun, for `the spokesperson` after it.
    last_role: Option<(String, Mention)>,
    genders: Genders,
}

/// Gives each cue its speaker mention, classified and resolved, in
/// document order, remembering the speakers so far for the pronouns after
/// them; a cue that shares its subject takes the mention of the
/// sentence's earlier cue, else of the sentence's opening name.
pub(super) fn classify_cues(doc: &Doc, names: &Names, cues: &mut [CueHit]) {
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
                    let mut start = after_dateline(doc, lo, hi);
                    while start < hi && !doc.toks[start].is_word {
                        start += 1;
                    }
                    let opening = start;
                    start = after_introduction(doc, start, hi);
                    // The subject is the name that opens the sentence
                    // (`Northpine cut the price ... and said`), not the
                    // words of its predicate after it; after an
                    // introduction (`Meanwhile, the campaign attacked
                    // Trump, saying`) it is in lower case.
                    np_after(doc, start, hi)
                        .filter(|&(a, _)| doc.toks[a].capitalized || start > opening)
                        .filter(|&(a, _)| !OPENS_NO_SUBJECT.contains(&doc.word(a)))
                        .map(|(a, b)| shared_subject(doc, a, b))
                        .map(|(a, b)| classify_mention(doc, names, a, b, &memory))
                }
            }
        } else {
            cues[ci]
                .speaker_np
                .map(|(a, b)| classify_mention(doc, names, a, b, &memory))
        };
        // `Rowlands said her side had conceded 14 penalties`: a cue inside
        // the clause an earlier cue of the sentence reports has a subject
        // that is reported, not a speaker; unless it names a person, it
        // must not become the `she` of the next sentence.
        let nested = !cues[ci].shares_subject
            && cues[..ci]
                .iter()
                .rev()
                .take_while(|c| c.sent == cues[ci].sent)
                .any(|c| !c.inverted && c.mention.is_some() && c.end <= cues[ci].first);
        let named_person = mention
            .as_ref()
            .is_some_and(|m| m.kind == SpeakerKind::Person && m.resolved.is_some());
        if nested && !named_person {
            cues[ci].mention = mention;
            continue;
        }
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
            if m.kind == SpeakerKind::Anonymous {
                let role = text
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .find(|w| lexicon::is_role_noun(w));
                if let Some(role) = role {
                    memory.last_role = Some((role, m.clone()));
                }
            }
            memory.last_any = Some(m.clone());
        }
        cues[ci].mention = mention;
    }
}

/// Sentence openers that begin an adverbial, not the subject a later cue
/// shares (`At a rally on Monday, ...`, `Speaking in Ohio, ...`).
const OPENS_NO_SUBJECT: &[&str] = &[
    "at", "for", "with", "in", "inside", "beyond", "after", "before", "during", "speaking",
    "hours", "eight", "on", "from", "as", "while", "when",
];

/// Words that open a sentence's introduction, before its subject and a
/// comma (`Meanwhile,`, `Earlier in the day,`, `At the forum,`), besides
/// prepositions and adverbs in `-ly`.
const OPENS_INTRODUCTION: &[&str] = &[
    "meanwhile",
    "however",
    "earlier",
    "later",
    "still",
    "instead",
    "yesterday",
    "today",
    "then",
    "also",
    "indeed",
    "afterward",
    "afterwards",
    "last",
    "this",
    "since",
    "after",
    "before",
    "at",
    "in",
    "on",
    "during",
    "for",
    "with",
    "from",
    "by",
];

/// The most tokens of a sentence's introduction, its comma included.
const INTRODUCTION_TOKENS: usize = 9;

/// Where the subject starts after a short introduction that opens the
/// sentence at `start` and ends in a comma (`Meanwhile,`, `Earlier in the
/// day,`); `start` when there is none.
fn after_introduction(doc: &Doc, start: usize, hi: usize) -> usize {
    if start >= hi || !doc.toks[start].is_word {
        return start;
    }
    let first = doc.word(start);
    let introduces =
        OPENS_INTRODUCTION.contains(&first) || (first.len() > 4 && first.ends_with("ly"));
    if !introduces {
        return start;
    }
    let Some(mut comma) =
        (start + 1..hi.min(start + INTRODUCTION_TOKENS)).find(|&k| doc.toks[k].is_punct(','))
    else {
        return start;
    };
    // The introduction goes on over a place's state and a day between
    // commas (`At a rally in Ames, Iowa, on Sunday,`).
    loop {
        let next =
            (comma + 1..hi.min(comma + 1 + INTRODUCTION_TAIL)).find(|&k| doc.toks[k].is_punct(','));
        let Some(next) = next else { break };
        let segment = comma + 1..next;
        // A state after its town (`Ames, Iowa,`), never a person
        // (`election, Senator Chuck Schumer,`).
        let place = doc.toks[comma - 1].capitalized
            && segment
                .clone()
                .all(|k| doc.toks[k].capitalized || doc.toks[k].is_punct('.'))
            && doc.entity_label(doc.span_of(comma + 1, next)) != Some(EntityLabel::Per);
        let day = matches!(doc.word(comma + 1), "on" | "in" | "at")
            && segment.clone().skip(1).all(|k| is_time_word(doc.word(k)));
        if segment.is_empty() || !(place || day) {
            break;
        }
        comma = next;
    }
    comma + 1
}

/// The most tokens of a place's state or a day after an introduction's
/// comma, its own comma included (`N.H.,`, `on Tuesday,`).
const INTRODUCTION_TAIL: usize = 5;

/// The subject that opens a sentence whose later cue shares it, within
/// the phrase `[a, b)` found from the sentence start: up to its last
/// capitalized word, over at most two lower-case words between capitalized
/// ones (`Democratic presidential nominee Hillary Clinton`), and a role noun
/// after it (`Republican lawmakers`); the verb and object after the name
/// (`Northpine cut the price of ...`) are left out. A phrase opened by a
/// determiner (`The company`) is kept whole.
fn shared_subject(doc: &Doc, a: usize, b: usize) -> (usize, usize) {
    if lexicon::is_determiner(doc.word(a)) {
        // Up to a past-tense verb in lower case (`the campaign attacked
        // Trump`), which opens the predicate.
        let verb = (a + 2..b).find(|&k| {
            let t = &doc.toks[k];
            t.is_word && !t.capitalized && doc.word(k).ends_with("ed")
        });
        return (a, verb.unwrap_or(b));
    }
    let mut end = a + 1;
    let mut lower_run = 0;
    for k in a + 1..b {
        let t = &doc.toks[k];
        if t.capitalized || !t.is_word || doc.in_one_name(k - 1, k) {
            if t.capitalized && lower_run <= 2 {
                end = k + 1;
            }
            if t.capitalized {
                lower_run = 0;
            }
        } else {
            // A determiner, preposition or past-tense verb opens the
            // predicate (`Trump blasted the California ...`), no title.
            let w = doc.word(k);
            lower_run += 1;
            let of_between_names = w == "of" && doc.toks.get(k + 1).is_some_and(|n| n.capitalized);
            if lower_run > 2
                || lexicon::is_determiner(w)
                || w.ends_with("ed")
                || (is_preposition(w) && !of_between_names)
            {
                break;
            }
        }
    }
    // `Republican lawmakers`, `Central European leaders`: a group of people
    // named by an adjective of party or place.
    let last = doc.raw(end - 1);
    let adjective = ["an", "ic", "ese", "ish"].iter().any(|s| last.ends_with(s));
    if end < b
        && (lexicon::is_role_noun(doc.word(end))
            || (adjective && doc.toks[end].is_word && doc.word(end).ends_with('s')))
    {
        end += 1;
    }
    (a, end)
}

/// The most tokens of a dateline (`SAN JOSE, Calif. —`).
const DATELINE_TOKENS: usize = 8;

/// Where a sentence starts after its dateline (`SAN JOSE, Calif. —
/// Kelvra Inc. said`): a place in capitals, a few tokens and a dash; else
/// `lo`. A dateline is no subject.
fn after_dateline(doc: &Doc, lo: usize, hi: usize) -> usize {
    let Some(first) = (lo..hi).find(|&k| doc.toks[k].is_word) else {
        return lo;
    };
    let raw = doc.raw(first);
    let in_capitals = raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !raw.chars().any(char::is_lowercase);
    if !in_capitals {
        return lo;
    }
    // A dash, or the two hyphens that stand for one in ASCII copy (`SAN
    // JOSE, Calif. -- Kelvra said`), each hyphen a token of its own.
    let double_hyphen = |k: usize| {
        doc.raw(k) == "-"
            && doc
                .toks
                .get(k + 1)
                .is_some_and(|t| t.span.start == doc.toks[k].span.end && doc.raw(k + 1) == "-")
    };
    (first + 1..hi.min(first + DATELINE_TOKENS))
        .find(|&k| {
            !doc.toks[k].is_word && (matches!(doc.raw(k), "—" | "–" | "--") || double_hyphen(k))
        })
        .map_or(lo, |dash| {
            if double_hyphen(dash) {
                dash + 2
            } else {
                dash + 1
            }
        })
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "in" | "on" | "at" | "to" | "for" | "with" | "from" | "by" | "about" | "after"
    )
}

/// The speaker mention of the phrase `[a, b)`, classified and resolved: a
/// pronoun, a name at the phrase's end, or a common noun phrase.
pub(super) fn classify_mention(
    doc: &Doc,
    names: &Names,
    a: usize,
    b: usize,
    memory: &Memory,
) -> Mention {
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
        if let Some(mention) = pronoun_mention(names, doc.word(a), span, memory) {
            return mention;
        }
    }
    if let Some(mention) = named_mention(doc, names, a, b, at) {
        return mention;
    }
    common_noun_mention(doc, names, a, b, span, memory)
}

/// A pronoun `w` at `span`: `he`/`she` the last human speaker or the
/// person named before, `it` the organization in focus, `they` the last
/// speaker; `None` when `w` is no pronoun.
fn pronoun_mention(names: &Names, w: &str, span: Span, memory: &Memory) -> Option<Mention> {
    let at = span.start;
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
            Some(match (speaker, named) {
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
            })
        }
        "it" => Some(Mention {
            span,
            kind: SpeakerKind::Organization,
            resolved: names.focus(at),
        }),
        "they" => Some(match &memory.last_any {
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
        }),
        "we" | "i" | "you" | "who" => Some(Mention {
            span,
            kind: SpeakerKind::Person,
            resolved: None,
        }),
        _ => None,
    }
}

/// A name at the end of the phrase `[a, b)` (`CEO Andy Jassy`, `the
/// Post`), as a person (a surname resolved to the full name) or an
/// organization (in its fullest form, or the body a generic `the
/// Commission` stands for); `None` when the phrase ends in no name.
fn named_mention(doc: &Doc, names: &Names, a: usize, b: usize, at: usize) -> Option<Mention> {
    let mut r = b;
    // Back over capitalized words, `of` between two of them, and any word
    // inside the same tagged name (`Office for National Statistics`).
    while r > a
        && (doc.toks[r - 1].capitalized
            || (r - 1 > a && doc.word(r - 1) == "of" && doc.toks[r - 2].capitalized)
            || (r < b && r - 1 > a && doc.toks[r - 2].capitalized && doc.in_one_name(r - 2, r)))
    {
        r -= 1;
    }
    // `Analysts at Kessler Research`: people of the organization.
    let group_of_org = r > a + 1
        && matches!(doc.word(r - 1), "at" | "of" | "from" | "with" | "for")
        && lexicon::is_role_noun(doc.word(r - 2));
    // `Aides said`, `Officials said`: a role noun capitalized at a
    // sentence's start names nobody.
    let one_common_word = b - r == 1
        && (lexicon::is_capitalized_non_name(doc.raw(r)) || lexicon::is_role_noun(doc.word(r)));
    if r >= b || group_of_org || one_common_word {
        return None;
    }
    let s = name_start(doc, r, b);
    let all_titles = (s..b).all(|k| lexicon::is_title(doc.raw(k)));
    if all_titles {
        return None;
    }
    let name_span = doc.with_abbrev_dot(doc.span_of(s, b), b - 1);
    let name = &one_line(&doc.text[name_span.start..name_span.end]);
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
        Some(_) => surname.is_none() && (fuller_org.is_some() || (single && names.is_body(name))),
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
        return Some(Mention {
            span,
            kind: SpeakerKind::Organization,
            resolved: Some(described.unwrap_or_else(|| names.org_name(name, at))),
        });
    }
    let resolved = surname.map(str::to_owned).or_else(|| Some(name.to_owned()));
    Some(Mention {
        span: name_span,
        kind: SpeakerKind::Person,
        resolved,
    })
}

/// A common noun phrase `[a, b)` at `span`: a role (`a spokeswoman`) is
/// anonymous and speaks for the organization it names or the one in
/// focus, an organization noun (`the company`) for the body it describes,
/// `the` and a title (`the senator`) for the person named last.
fn common_noun_mention(
    doc: &Doc,
    names: &Names,
    a: usize,
    b: usize,
    span: Span,
    memory: &Memory,
) -> Mention {
    let at = span.start;
    // A common noun phrase.
    let words: Vec<&str> = (a..b).map(|k| doc.word(k)).collect();
    let head = *words.last().unwrap_or(&"");
    // `the spokesperson added`: the one a role introduced before (`a Defra
    // spokesperson said`), not whichever body the article is about.
    if let (["the", role], Some((last_role, last))) = (words.as_slice(), &memory.last_role) {
        if role == last_role {
            return Mention {
                span,
                kind: SpeakerKind::Anonymous,
                resolved: last.resolved.clone(),
            };
        }
    }
    // `Nagoya-based`, `London-listed`: a place that modifies, no body.
    let place_modifier = |k: usize| {
        doc.raw(k)
            .rsplit_once('-')
            .is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase))
    };
    // A capitalized word of the phrase that may name a body: no place
    // modifier, title, role or function word.
    let name_word = |k: usize| {
        doc.toks[k].capitalized
            && !place_modifier(k)
            && !lexicon::is_title(doc.raw(k))
            && !lexicon::is_role_noun(doc.word(k))
            && !lexicon::is_capitalized_non_name(doc.raw(k))
    };
    let org_inside = || {
        (a..b).find(|&k| name_word(k)).map(|k| {
            let mut e = k + 1;
            while e < b && doc.toks[e].capitalized {
                e += 1;
            }
            names.org_name(&doc.text[doc.span_of(k, e)], at)
        })
    };
    // `a sheriff’s spokeswoman`: a modifier that names the kind of body.
    let modifiers = || {
        (a..b)
            .filter(|&k| doc.toks[k].is_word && !doc.toks[k].is_possessive())
            .map(|k| doc.word(k))
            .filter(|w| !lexicon::is_determiner(w) && !lexicon::is_role_noun(w))
    };
    let described_by_modifier = || modifiers().find_map(|w| names.described_org(w, at));
    if let Some(role) = words.iter().find(|w| lexicon::is_role_noun(w)) {
        // Whom the speaker stands for, failing a name: the article's company,
        // unless the phrase says another kind of body (`a union spokesman`
        // with no union named) or no body at all (`a person familiar with
        // the plans`, `sources`).
        let for_no_named_body = modifiers().any(|w| names::body_kind_words(w).is_some())
            || lexicon::speaks_for_no_body(role);
        let resolved = org_inside().or_else(described_by_modifier).or_else(|| {
            if for_no_named_body {
                None
            } else {
                names.focus(at)
            }
        });
        return Mention {
            span,
            kind: SpeakerKind::Anonymous,
            resolved,
        };
    }
    if lexicon::is_org_noun(head) {
        // `The Montreal studio`: a place that modifies the noun is where
        // the body is, not the body; `the research firm`: a modifier that
        // a body's name has (`Canalyte Research`) names it.
        let place_only = |k: usize| doc.entity_label(doc.toks[k].span) == Some(EntityLabel::Loc);
        let named_inside = (a..b).any(|k| name_word(k) && !place_only(k));
        let resolved = if named_inside {
            org_inside()
        } else {
            // Only a place inside (or no name): a body of the noun's kind
            // named before, else the place's own (`Cleveland police`).
            // A body of a place's own (`Cleveland police`) is that place's;
            // a company is rather the one the article is about (`the San
            // Francisco company`).
            let of_the_place = matches!(
                head,
                "police"
                    | "government"
                    | "council"
                    | "court"
                    | "administration"
                    | "department"
                    | "ministry"
                    | "legislature"
            );
            names
                .described_org(head, at)
                .or_else(described_by_modifier)
                .or_else(|| {
                    if of_the_place {
                        org_inside()
                    } else {
                        names.focus(at).or_else(org_inside)
                    }
                })
        }
        .or_else(|| names.described_org(head, at))
        .or_else(described_by_modifier)
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
