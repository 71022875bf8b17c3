//! Products, services and works named by a word of their own (`Tally`,
//! `Cardavex`, `The Glass Orchard`, `Just Walk Out`): MISC, as the
//! annotation spec marks them.
//!
//! Nothing in such a name says what it names, and a model trained on 1996
//! wire text reads an unknown capitalized word as a company. The words
//! around one mention do say it, and an article means one thing by a name
//! throughout, so the rules here look for one mention that the sentence
//! describes as a product or a work, and then type every mention of that
//! name in the document:
//!
//! 1. a *kind noun* right before it: `the thriller Night Ferry to Mokpo`,
//!    `the drug Cardavex`, `a tier called Tally Plus`;
//! 2. an apposition whose head is a kind noun: `Ashen Crown, the fantasy
//!    role-playing game from ...`, `Dash Carts, Amazon’s smart shopping
//!    carts`; after an owner (`its`, `Amazon’s`) any kind noun, after an
//!    article only those a company is seldom called (`the streaming
//!    service` describes Netflix the company as often as a product);
//! 3. an owner before and a kind noun after: `its Tally budgeting app`,
//!    `its own K3 chip`, `its Just Walk Out checkout technology` (a place
//!    there modifies: `its London office`);
//! 4. a list after a plural kind noun: `features like Bedrock, Q and
//!    Trainium`;
//! 5. what is sold: `will sell as Cardavex`.
//!
//! A name the same document also gives an organization's signs (`Tally
//! said`, `a Tally spokesperson`, `at Tally`) stays as the tagger read it,
//! and so do people. A name no mention covered is added where a rule
//! found it, and at its other mentions in the document. Every rule runs in
//! time linear in the document's words.

use super::{words::is_variant, Mention};
use crate::capitalized;
use newsie_core::EntityLabel;
use std::collections::{HashMap, HashSet};

/// Nouns for what a name may stand for that is sold, shown or played:
/// products, services, drugs, works and events. An apposition opened by an
/// article reads only [`PLAIN_KINDS`] of them.
const KINDS: &[&str] = &[
    "album",
    "app",
    "brand",
    "cart",
    "carts",
    "chatbot",
    "chip",
    "comedy",
    "conference",
    "console",
    "device",
    "documentary",
    "drama",
    "drug",
    "feature",
    "film",
    "franchise",
    "game",
    "handset",
    "headset",
    "laptop",
    "medicine",
    "movie",
    "musical",
    "novel",
    "phone",
    "pill",
    "platform",
    "podcast",
    "processor",
    "scheme",
    "sequel",
    "smartphone",
    "software",
    "subscription",
    "tablet",
    "technology",
    "thriller",
    "tier",
    "tool",
    "treatment",
    "vaccine",
];

/// Kind nouns that describe a product or a work and seldom the company
/// that makes one: what an apposition opened by an article may be headed by
/// (`Ashen Crown, the fantasy role-playing game`, but not `Netflix, the
/// streaming service`).
const PLAIN_KINDS: &[&str] = &[
    "album",
    "comedy",
    "documentary",
    "drama",
    "drug",
    "film",
    "game",
    "laptop",
    "medicine",
    "movie",
    "musical",
    "novel",
    "pill",
    "sequel",
    "smartphone",
    "thriller",
    "vaccine",
];

/// Kind nouns that name what comes right after them (`the drug Cardavex`,
/// `the thriller Night Ferry to Mokpo`). Nouns that also name a time
/// (`after the game Arsenal ...`, `during the show`) or a company's line of
/// business are left out.
const KINDS_BEFORE: &[&str] = &[
    "album",
    "app",
    "chatbot",
    "comedy",
    "documentary",
    "drama",
    "drug",
    "film",
    "laptop",
    "medicine",
    "movie",
    "musical",
    "novel",
    "pill",
    "podcast",
    "sequel",
    "smartphone",
    "thriller",
    "vaccine",
];

/// Plural kind nouns that open a list of products (`features like Bedrock,
/// Q and Trainium`). Plurals of services and apps are left out: `services
/// like Netflix` lists companies.
const LIST_KINDS: &[&str] = &[
    "capabilities",
    "chatbots",
    "drugs",
    "features",
    "films",
    "games",
    "medicines",
    "models",
    "movies",
    "phones",
    "treatments",
];

/// Words after a name that make it an organization's, wherever in the
/// document they follow it: a speaker (`Tally said`) or its people (`a
/// Tally spokesperson`, `Tally’s chief executive`).
const ORGANIZATION_SIGNS: &[&str] = &[
    "announced",
    "board",
    "boss",
    "ceo",
    "chairman",
    "chief",
    "employees",
    "executive",
    "executives",
    "founder",
    "said",
    "says",
    "shareholders",
    "shares",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staff",
    "told",
    "workers",
];

/// People who work for or speak for an organization: before `at`, `for` or
/// `of` and a name, they make it an organization's (`a spokesperson for
/// Tally`, `the head of Tally`).
const ORGANIZATION_PEOPLE: &[&str] = &[
    "boss",
    "chief",
    "employees",
    "executive",
    "executives",
    "founder",
    "head",
    "officials",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staff",
    "workers",
];

/// Verbs before `as` that say what a product is sold as (`will sell as
/// Cardavex`).
const SOLD_AS: &[&str] = &[
    "market", "marketed", "markets", "sell", "sells", "selling", "sold",
];

/// Words that open an apposition or a name by saying whose it is.
const OWNERS: &[&str] = &["its", "their", "his", "her", "our"];

/// Words that may open a name of a work inside it (`Night Ferry to Mokpo`,
/// `Buy with Prime`, `The Lord of the Rings`).
const JOINERS: &[&str] = &["of", "to", "with"];

/// Capitalized words that are never a product's or a work's name on their
/// own: days, months, a pronoun ([`crate::is_day_month_or_i`]), common
/// nouns written in capitals (`his TV show`).
fn never_names(word: &str) -> bool {
    matches!(word, "TV" | "PC") || crate::is_day_month_or_i(word)
}

/// The most lower-case words between a name and its kind noun (`its Tally
/// budgeting app`, `its Just Walk Out checkout technology`).
const MODIFIERS_BEFORE_KIND: usize = 2;

/// The most words between an apposition's opening and its head noun.
const APPOSITION_WORDS: usize = 6;

fn lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S")
}

/// Whether the words before `at` say whose the next thing is: `its`,
/// `their`, or a capitalized name and its possessive (`Amazon’s`),
/// optionally with `own` or `new` after (`its own K3 chip`).
fn owned_before(sentence: &[&str], mut at: usize) -> bool {
    if at > 0 && matches!(sentence[at - 1], "own" | "new" | "latest") {
        at -= 1;
    }
    match at.checked_sub(1).map(|i| sentence[i]) {
        Some(w) if OWNERS.contains(&w) => true,
        Some(w) if is_possessive(w) => at >= 2 && capitalized(sentence[at - 2]),
        _ => false,
    }
}

/// The end of the capitalized run that opens at `start` (`Night Ferry to
/// Mokpo`, `Buy with Prime`): capitalized words, codes (`K3`) and, between
/// two of them, the small words of a title.
fn run_end(sentence: &[&str], start: usize) -> usize {
    let mut end = start;
    while end < sentence.len() && end - start < crate::RULE_NAME_WORDS {
        let word = sentence[end];
        let name_word = capitalized(word) && !never_names(word);
        let joiner = end > start
            && JOINERS.contains(&word)
            && sentence.get(end + 1).is_some_and(|w| capitalized(w));
        if !(name_word || joiner) {
            break;
        }
        end += 1;
    }
    end
}

/// The head of an apposition that opens after `at`, when its determiner is
/// an owner or an article and a kind noun closes it within a few words:
/// `the fantasy role-playing game from`, `Amazon’s smart shopping carts.`
fn apposition_kind(sentence: &[&str], at: usize) -> bool {
    let Some(&first) = sentence.get(at) else {
        return false;
    };
    let (owned, mut k) = if OWNERS.contains(&first) {
        (true, at + 1)
    } else if matches!(first, "a" | "an" | "the") {
        (false, at + 1)
    } else if capitalized(first) && sentence.get(at + 1).is_some_and(|w| is_possessive(w)) {
        (true, at + 2)
    } else {
        return false;
    };
    let limit = (k + APPOSITION_WORDS).min(sentence.len());
    while k < limit && lower(sentence[k]) {
        let word = sentence[k];
        let closes = sentence.get(k + 1).map_or(true, |w| {
            (!lower(w) && !is_possessive(w)) || is_apposition_stop(w)
        });
        if closes {
            let kinds = if owned { KINDS } else { PLAIN_KINDS };
            return kinds.contains(&word);
        }
        k += 1;
    }
    false
}

/// Prepositions, which end a noun phrase (`ABC’s George Stephanopoulos by
/// phone`) and open an introductory phrase (`In London, ...`).
fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "at"
            | "on"
            | "from"
            | "for"
            | "by"
            | "with"
            | "after"
            | "before"
            | "during"
            | "to"
            | "of"
    )
}

/// Lower-case words after which an apposition's head has been said (`the
/// game from Emberfall`, `a drama about three sisters`).
fn is_apposition_stop(word: &str) -> bool {
    matches!(
        word,
        "about"
            | "by"
            | "from"
            | "that"
            | "which"
            | "with"
            | "for"
            | "in"
            | "of"
            | "on"
            | "starring"
            | "made"
            | "developed"
            | "published"
            | "released"
            | "set"
            | "and"
            | "to"
    )
}

/// A name a rule found: sentence, first word, one past the last word.
type Found = (usize, usize, usize);

/// The names of products and works the document's sentences describe as
/// such (rules 1 to 5 of the module's doc), read at mentions and at
/// uncovered capitalized runs.
fn described(words: &[Vec<&str>], mentions: &[Mention]) -> Vec<Found> {
    let mut found = Vec::new();
    let (mut is_person, mut is_place) = (HashSet::new(), HashSet::new());
    let mut is_tagged = HashSet::new();
    for &(s, start, end, label, _) in mentions {
        is_tagged.extend((start..end).map(|w| (s, w)));
        match label {
            EntityLabel::Per => is_person.extend((start..end).map(|w| (s, w))),
            EntityLabel::Loc => is_place.extend((start..end).map(|w| (s, w))),
            _ => {}
        }
    }
    for (s, sentence) in words.iter().enumerate() {
        let headline = is_title_case(sentence);
        let mut i = 0;
        while i < sentence.len() {
            let word = sentence[i];
            if !capitalized(word) || never_names(word) {
                i += 1;
                continue;
            }
            let end = run_end(sentence, i);
            let person = (i..end).any(|w| is_person.contains(&(s, w)));
            let place = (i..end).any(|w| is_place.contains(&(s, w)));
            // A sentence's first word is capitalized whatever it is: only
            // a name the tagger found may stand there (`Instead, the drug
            // ...` names nothing).
            let opening = i == 0 && !(i..end).any(|w| is_tagged.contains(&(s, w)));
            let titled =
                !headline && i > 0 && with_title(sentence, i, end, |w| is_tagged.contains(&(s, w)));
            if titled || (!opening && describes_product(sentence, i, end, person, place)) {
                found.push((s, i, end));
            }
            i = end.max(i + 1);
        }
    }
    found
}

/// Whether the capitalized run `sentence[start..end]` is a title with a
/// `with` inside (`Buy with Prime`, `Sign in with Apple`, `The Late Show
/// with ...`), whose words before the `with` are no name the tagger found:
/// a name there (`Toyota with Panasonic`, `Ohio with Trump`) is two names
/// side by side, and a sentence's first word (`Along with Apple`) is
/// capitalized whatever it is, so the caller passes runs after it only.
fn with_title(sentence: &[&str], start: usize, end: usize, tagged: impl Fn(usize) -> bool) -> bool {
    let Some(with) = (start + 1..end.saturating_sub(1)).find(|&k| sentence[k] == "with") else {
        return false;
    };
    !(start..with).any(tagged) && !is_role(sentence[with - 1])
}

/// Titles of a post or a job, which a `with` follows in a byline's
/// apposition (`a Fellow with The OpEd Project`): a journalist's roles
/// ([`crate::kind_nouns::is_byline_role`]) and a few more.
fn is_role(word: &str) -> bool {
    crate::kind_nouns::is_byline_role(word)
        || matches!(
            word,
            "Fellow" | "Contributor" | "Analyst" | "Director" | "Member" | "Partner"
        )
}

/// Whether a sentence is a title-case headline (`Clinton Meets with Donors
/// in Ohio`), whose runs say nothing: every lower-case word is one of the
/// small words a title leaves in lower case.
fn is_title_case(sentence: &[&str]) -> bool {
    let mut words = sentence
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            !lower(w)
                || matches!(*w, "a" | "an" | "the" | "and" | "or" | "but" | "as" | "vs")
                || is_preposition(w)
        })
}

/// Whether the words around the capitalized run `sentence[start..end]`
/// describe it as a product or a work.
/// A place is never read as owned (`its London office`, `its Texas
/// technology centre`), nor as an apposition's subject after a preposition
/// (`In London, the film ...`); a person never as named by the kind noun
/// before it (`in the film Tom Hanks plays`) or as a list's item.
fn describes_product(
    sentence: &[&str],
    start: usize,
    end: usize,
    person: bool,
    place: bool,
) -> bool {
    // An introductory phrase's name is no apposition's subject (`In
    // London, the film ...`).
    let introduced = start > 0 && is_preposition(sentence[start - 1]);
    let apposition = !(place && introduced)
        && sentence.get(end) == Some(&",")
        && apposition_kind(sentence, end + 1);
    let full_name = person && end - start > 1;
    let made = !(place || full_name) && made_by(sentence, end);
    if start == 0 {
        return apposition || made;
    }
    let before = sentence[start - 1];
    let kind_before = (!person && KINDS_BEFORE.contains(&before))
        || (matches!(before, "called" | "named" | "dubbed")
            && start >= 2
            && KINDS.contains(&sentence[start - 2]));
    let sold_as = before == "as" && start >= 2 && SOLD_AS.contains(&sentence[start - 2]);
    let listed = !person && listed_after_kind(sentence, start);
    let owned_kind = !place
        && !person
        && owned_before(sentence, start)
        && (end..sentence.len())
            .take(MODIFIERS_BEFORE_KIND + 1)
            .take_while(|&k| lower(sentence[k]) && !is_preposition(sentence[k]))
            .any(|k| KINDS.contains(&sentence[k]));
    kind_before || sold_as || listed || apposition || owned_kind || made
}

/// Participles that say who made a thing (`made by`, `developed by`).
const MADE: &[&str] = &[
    "made",
    "developed",
    "manufactured",
    "marketed",
    "sold",
    "built",
];

/// The most words of an apposition between a name and `made by`.
const APPOSITION_BEFORE_MADE: usize = 10;

/// Whether the name ending at `end` is said to be made by someone: `made
/// by` right after it, or after an apposition (`Neurava, the No. 1
/// migraine preventive by sales, made by Solvik`).
fn made_by(sentence: &[&str], end: usize) -> bool {
    let mut at = end;
    if sentence.get(at) == Some(&",") {
        at += 1;
        let closing =
            (at..sentence.len().min(at + APPOSITION_BEFORE_MADE)).find(|&k| sentence[k] == ",");
        // `X, made by Y` or `X, an apposition, made by Y`.
        if !sentence.get(at).is_some_and(|w| MADE.contains(w)) {
            match closing {
                Some(k) => at = k + 1,
                None => return false,
            }
        }
    }
    sentence.get(at).is_some_and(|w| MADE.contains(w)) && sentence.get(at + 1) == Some(&"by")
}

/// The most words of a list's items before one of them.
const LIST_WORDS: usize = 24;

/// Whether the name at `start` is an item of a list that a plural kind
/// noun and `like` or `such as` open (`features like Bedrock, Q, and
/// Trainium`).
fn listed_after_kind(sentence: &[&str], start: usize) -> bool {
    let mut k = start;
    // Walk back over the list's earlier items and commas (a few of them:
    // a list's later items would walk back over the same words).
    while k > 0 && start - k < LIST_WORDS {
        let word = sentence[k - 1];
        if word == "," || word == "and" || word == "or" || capitalized(word) {
            k -= 1;
        } else {
            break;
        }
    }
    let opened = |k: usize| match k {
        k if k >= 2 && sentence[k - 1] == "like" => LIST_KINDS.contains(&sentence[k - 2]),
        k if k >= 3 && sentence[k - 2] == "such" && sentence[k - 1] == "as" => {
            LIST_KINDS.contains(&sentence[k - 3])
        }
        _ => false,
    };
    opened(k)
}

/// The names in `names` that the document also gives an organization's
/// signs ([`ORGANIZATION_SIGNS`], [`ORGANIZATION_PEOPLE`]) at some mention.
/// The names are indexed by their first word, so each word of the
/// document is compared with the few names it may open.
fn organization_names<'w>(
    words: &[Vec<&'w str>],
    names: &HashSet<&[&'w str]>,
) -> HashSet<Vec<&'w str>> {
    let mut by_first: HashMap<&str, Vec<&[&str]>> = HashMap::new();
    for name in names {
        by_first.entry(name[0]).or_default().push(name);
    }
    let mut organizations = HashSet::new();
    for sentence in words {
        for (start, word) in sentence.iter().enumerate() {
            let Some(opened) = by_first.get(word) else {
                continue;
            };
            for name in opened.iter().filter(|n| sentence[start..].starts_with(n)) {
                let mut after = start + name.len();
                if sentence.get(after).is_some_and(|w| is_possessive(w)) {
                    after += 1;
                }
                let sign_after = sentence
                    .get(after)
                    .is_some_and(|w| ORGANIZATION_SIGNS.contains(&w.to_lowercase().as_str()));
                let sign_before = start >= 2
                    && matches!(sentence[start - 1], "at" | "for" | "of")
                    && ORGANIZATION_PEOPLE.contains(&sentence[start - 2]);
                if sign_after || sign_before {
                    organizations.insert(name.to_vec());
                }
            }
        }
    }
    organizations
}

/// Types as MISC every mention of a name the document describes as a
/// product or a work (see the module's doc), and adds the mentions the
/// tagger missed. `mentions` stay in document order.
pub(crate) fn named_products(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    let found = described(words, mentions);
    if found.is_empty() {
        return;
    }
    let names: HashSet<&[&str]> = found.iter().map(|&(s, a, b)| &words[s][a..b]).collect();
    let organizations = organization_names(words, &names);
    let products: HashSet<&[&str]> = names
        .into_iter()
        .filter(|n| !organizations.contains(*n))
        .collect();
    if products.is_empty() {
        return;
    }
    let longest = products.iter().map(|n| n.len()).max().unwrap_or(0);
    // A mention is the product's when its words are the name, or the name
    // and variant words (`Tally Plus` after `Tally`).
    let is_product = |name: &[&str]| {
        (1..=name.len().min(longest)).any(|n| {
            products.contains(&name[..n])
                && name[n..].iter().all(|w| is_variant(w) || is_numeral(w))
        })
    };
    for (s, start, end, label, _) in mentions.iter_mut() {
        if is_product(&words[*s][*start..*end]) {
            *label = EntityLabel::Misc;
        }
    }
    // Wherever the name stands whole (a capitalized run, or the run after a
    // title's `The`), it is one mention: the tagger's mentions inside it
    // (`Mokpo` in `Night Ferry to Mokpo`, `Glass Orchard` in `The Glass
    // Orchard`) give way to it, unless one of them reaches outside it.
    mentions.sort_by_key(|m| (m.0, m.1));
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); words.len()];
    for (m, mention) in mentions.iter().enumerate() {
        by_sentence[mention.0].push(m);
    }
    let mut replaced = vec![false; mentions.len()];
    let mut added = Vec::new();
    for (s, sentence) in words.iter().enumerate() {
        let mut i = 0;
        while i < sentence.len() {
            if !capitalized(sentence[i]) {
                i += 1;
                continue;
            }
            let end = run_end(sentence, i);
            let start = if is_product(&sentence[i..end]) {
                Some(i)
            } else if sentence[i] == "The" && end > i + 1 && is_product(&sentence[i + 1..end]) {
                Some(i + 1)
            } else {
                None
            };
            if let Some(start) = start {
                let inside = crate::overlapping(mentions, &by_sentence[s], start, end);
                let within = inside
                    .iter()
                    .all(|&m| mentions[m].1 >= start && mentions[m].2 <= end);
                let exact = inside.len() == 1 && {
                    let m = &mentions[inside[0]];
                    (m.1, m.2) == (start, end)
                };
                if within && !exact {
                    let score = inside.iter().map(|&m| mentions[m].4).fold(0.5, f32::max);
                    inside.iter().for_each(|&m| replaced[m] = true);
                    added.push((s, start, end, EntityLabel::Misc, score));
                }
            }
            i = end.max(i + 1);
        }
    }
    if !added.is_empty() {
        let mut kept = replaced.iter().map(|r| !r);
        mentions.retain(|_| kept.next().unwrap_or(true));
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.0, m.1));
    }
}

/// A roman or arabic numeral that names a sequel or a version (`II`, `2`).
fn is_numeral(word: &str) -> bool {
    matches!(word, "II" | "III" | "IV" | "V")
        || (word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_tests::labels;
    use EntityLabel::{Loc, Misc, Org, Per};

    /// Runs the rules on space-separated sentences and mentions given by
    /// their words, and shows the result as (words, label).
    fn run(sentences: &[&str], tagged: &[(&str, EntityLabel)]) -> Vec<(String, EntityLabel)> {
        let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
        let mut mentions = Vec::new();
        for (s, sentence) in words.iter().enumerate() {
            for &(name, label) in tagged {
                let name: Vec<&str> = name.split(' ').collect();
                for start in 0..sentence.len() {
                    if sentence[start..].starts_with(&name) {
                        mentions.push((s, start, start + name.len(), label, 0.9));
                    }
                }
            }
        }
        mentions.sort_by_key(|m| (m.0, m.1));
        named_products(&words, &mut mentions);
        mentions
            .iter()
            .map(|&(s, a, b, label, _)| (words[s][a..b].join(" "), label))
            .collect()
    }

    #[test]
    fn an_owned_name_before_a_kind_noun_is_a_product_throughout() {
        let found = run(
            &[
                "Corvane will add features to its Pennant budgeting app .",
                "Pennant has 3 million users and Pennant Plus costs $ 5 .",
            ],
            &[("Corvane", Org), ("Pennant", Org), ("Pennant Plus", Org)],
        );
        assert_eq!(
            found,
            labels(&[
                ("Corvane", Org),
                ("Pennant", Misc),
                ("Pennant", Misc),
                ("Pennant Plus", Misc)
            ])
        );
    }

    #[test]
    fn an_apposition_headed_by_a_kind_noun_describes_a_work() {
        let found = run(
            &[
                "MADRID — Hollow Tide , the studio’s debut game from last year , won .",
                "Hollow Tide II is due .",
            ],
            &[
                ("MADRID", Loc),
                ("Hollow Tide", Org),
                ("Hollow Tide II", Org),
            ],
        );
        assert_eq!(
            found,
            labels(&[
                ("MADRID", Loc),
                ("Hollow Tide", Misc),
                ("Hollow Tide II", Misc)
            ])
        );
        // A company is called its service as often as its product is.
        let company = run(
            &["Streamly , the streaming service , said ."],
            &[("Streamly", Org)],
        );
        assert_eq!(company, labels(&[("Streamly", Org)]));
    }

    #[test]
    fn a_title_with_an_inner_with_is_one_name_throughout() {
        let found = run(
            &[
                "Corvane cut jobs in its Pay with Lumo unit .",
                "Pay with Lumo lets shops take payments , and Lumo grew .",
                "She hosts The Morning Hour with Ann Dale on Fridays .",
            ],
            &[("Corvane", Org), ("Lumo", Org), ("Ann Dale", Per)],
        );
        assert_eq!(
            found,
            labels(&[
                ("Corvane", Org),
                ("Pay with Lumo", Misc),
                ("Pay with Lumo", Misc),
                ("Lumo", Org),
                ("The Morning Hour with Ann Dale", Misc)
            ])
        );
    }

    #[test]
    fn names_side_by_side_around_with_stay_apart() {
        let tagged = [("Toyota", Org), ("Denso", Org), ("Ohio", Loc), ("Lee", Per)];
        let found = run(
            &[
                "It paired Toyota with Denso and met in Ohio with Lee .",
                "Along with Denso , the firm grew .",
                "Toyota Teams Up with Denso in Ohio Deal",
            ],
            &tagged,
        );
        assert!(found.iter().all(|(_, label)| *label != Misc), "{found:?}");
    }

    #[test]
    fn a_kind_noun_before_a_name_types_the_whole_title() {
        let found = run(
            &["the Korean thriller Last Train to Busan won , and The Quiet Pier , a drama , lost ."],
            &[("Busan", Loc), ("Quiet Pier", Org)],
        );
        assert_eq!(
            found,
            labels(&[("Last Train to Busan", Misc), ("The Quiet Pier", Misc)])
        );
    }

    #[test]
    fn a_name_with_an_organizations_signs_stays_as_tagged() {
        let found = run(
            &[
                "its Pennant app is popular .",
                "a Pennant spokesperson declined to comment .",
            ],
            &[("Pennant", Org)],
        );
        assert_eq!(found, labels(&[("Pennant", Org), ("Pennant", Org)]));
    }

    #[test]
    fn places_people_and_channels_are_not_products() {
        let found = run(
            &[
                "its London technology centre opened .",
                "in the film Maria Lund plays a nurse .",
                "she told ABC ’s Tom Reyes by phone .",
                "he spoke on Blitzer ’s CNN show .",
            ],
            &[
                ("London", Loc),
                ("Maria Lund", Per),
                ("ABC", Org),
                ("Tom Reyes", Per),
                ("CNN", Org),
            ],
        );
        assert_eq!(
            found,
            labels(&[
                ("London", Loc),
                ("Maria Lund", Per),
                ("ABC", Org),
                ("Tom Reyes", Per),
                ("CNN", Org)
            ])
        );
    }

    #[test]
    fn a_list_after_a_plural_kind_noun_and_what_is_sold() {
        let found = run(
            &[
                "new features like Lumen , Q , and Kestrel drew users .",
                "The pill , which Varo will sell as Nodira , works .",
            ],
            &[("Varo", Org)],
        );
        assert_eq!(
            found,
            labels(&[
                ("Lumen", Misc),
                ("Q", Misc),
                ("Kestrel", Misc),
                ("Varo", Org),
                ("Nodira", Misc)
            ])
        );
    }

    #[test]
    fn a_thing_made_by_someone_is_a_product() {
        let found = run(
            &[
                "It will rival Lumira , the top seller , made by Varo .",
                "Its rival Osprey , built by Hale , flew .",
            ],
            &[("Lumira", Per), ("Varo", Org), ("Hale", Per)],
        );
        assert_eq!(
            found,
            labels(&[
                ("Lumira", Misc),
                ("Varo", Org),
                ("Osprey", Misc),
                ("Hale", Per)
            ])
        );
    }

    #[test]
    fn a_run_of_capitals_is_read_a_name_at_a_time() {
        // Text in capitals costs linear time: no run is longer than a name.
        let capitals = vec!["Word"; 10_000];
        assert_eq!(run_end(&capitals, 0), crate::RULE_NAME_WORDS);
        let list: Vec<&str> = std::iter::once("features")
            .chain(std::iter::once("like"))
            .chain(std::iter::repeat(["Lumen", ","]).take(5_000).flatten())
            .collect();
        assert!(listed_after_kind(&list, 2));
        assert!(!listed_after_kind(&list, 2 + 2 * 100));
    }

    #[test]
    fn an_opening_word_needs_a_tagger_mention() {
        let found = run(&["Instead , the drug , which failed , was dropped ."], &[]);
        assert!(found.is_empty());
    }
}
