//! A common noun beside a name says what the name is, in any newsroom's
//! writing, where the tagger reads only the name's own words:
//!
//! - a body's kind right before it makes it an organization: `the campaign
//!   group Rising Tide Coalition`, `the journal Nature Astronomy`, `the
//!   union Unite`;
//! - a noun of land after it makes it a place: `the Lincolnshire coast`,
//!   `the Texas border`;
//! - a spokesperson after a place makes it the body that speaks: `a Defra
//!   spokesperson`, and so do its staff before `at`: `employees at Prime
//!   Video`; shops after a MISC name of two words or more make it
//!   the chain: `Amazon Go stores`, and a name the tagger cut short before
//!   its shops runs on over the capitals between: `its Amazon Fresh grocery
//!   stores`;
//! - a journalist's role after a name and a comma is no name: `By Helen
//!   Strachan, Industry Correspondent`.
//!
//! The type then holds at the name's other mentions in the document, as
//! the tagger's document consistency would have it. People are left as
//! tagged (`the firm’s founder`, `the Smith campaign`). Every rule runs in
//! time linear in the document's words.

use crate::capitalized;
use crate::products::Mention;
use newsie_core::EntityLabel;
use std::collections::HashMap;

/// Nouns of a body that name the body right after them (`the charity
/// Shelter`, `the newspaper The Times`, `the streaming platform Twitch`). Nouns of a trade a person also
/// has (`the developer`, `the publisher`) are left out.
const BODIES_BEFORE: &[&str] = &[
    "agency",
    "airline",
    "bank",
    "broadcaster",
    "carmaker",
    "charity",
    "coalition",
    "company",
    "consultancy",
    "firm",
    "group",
    "insurer",
    "journal",
    "lender",
    "magazine",
    "network",
    "newspaper",
    "nonprofit",
    "outlet",
    "platform",
    "regulator",
    "retailer",
    "startup",
    "tabloid",
    "union",
    "watchdog",
    "website",
];

/// Nouns of land that the name of a place modifies (`the Lincolnshire
/// coast`, `the Texas border`).
const LAND_AFTER: &[&str] = &[
    "border",
    "borders",
    "coast",
    "coastline",
    "countryside",
    "county",
    "hills",
    "peninsula",
    "shore",
    "shoreline",
    "valley",
];

/// Places of a chain, after its name (`Amazon Go stores`, `Amazon Fresh
/// grocery stores`): the name is the chain, an organization.
const CHAIN_AFTER: &[&str] = &[
    "branches",
    "cafes",
    "outlets",
    "restaurants",
    "shops",
    "stores",
    "supermarkets",
];

/// Whether a chain's shops are named at word `at` of `sentence`, after at
/// most one lower-case modifier (`stores`, `grocery stores`).
fn shops_at(sentence: &[&str], at: usize) -> bool {
    (at..sentence.len().min(at + 2))
        .take_while(|&k| sentence[k].chars().all(|c| c.is_ascii_lowercase()))
        .any(|k| CHAIN_AFTER.contains(&sentence[k]))
}

/// Those who work for a body, before `at` and its name (`employees at
/// Prime Video`).
const STAFF: &[&str] = &[
    "employees",
    "engineers",
    "executives",
    "staff",
    "staffers",
    "workers",
];

/// Those who speak for a body (`a Defra spokesperson`).
const SPEAKERS_AFTER: &[&str] = &["spokesman", "spokesperson", "spokeswoman"];

/// A journalist's role, which a byline writes after the name in title case
/// (`By Helen Strachan, Industry Correspondent`).
const BYLINE_ROLES: &[&str] = &["Columnist", "Correspondent", "Editor", "Reporter", "Writer"];

/// Whether `word` is a journalist's role in title case ([`BYLINE_ROLES`]).
pub(crate) fn is_byline_role(word: &str) -> bool {
    BYLINE_ROLES.contains(&word)
}

/// The end of the capitalized run at `start` (`Rising Tide Coalition`),
/// `of`, `for` and `and` joining two capitalized words (`Judgment and
/// Decision Making`).
fn run_end(sentence: &[&str], start: usize) -> usize {
    let mut end = start;
    while end < sentence.len() && end - start < crate::RULE_NAME_WORDS {
        let word = sentence[end];
        let joins = end > start
            && matches!(word, "of" | "for" | "and")
            && sentence.get(end + 1).is_some_and(|w| capitalized(w));
        if !(capitalized(word) || joins) {
            break;
        }
        end += 1;
    }
    end
}

/// The type a noun beside the mention `sentence[start..end]` gives it, if
/// any (see the module's doc).
fn typed_by_neighbour(
    sentence: &[&str],
    start: usize,
    label: EntityLabel,
    mut end: usize,
) -> Option<EntityLabel> {
    if label == EntityLabel::Per {
        return None;
    }
    // The tagger's run-on into common words (`Amazon Go stores`) is cut
    // later; the noun after the name is the first of them.
    while end - start > 1 && crate::is_common_word(sentence[end - 1]) {
        end -= 1;
    }
    let after = sentence.get(end).copied();
    // `the Lincolnshire coast`, but not `a Smith County official`: a land
    // noun in lower case, after a name of one word that an article opens.
    // Only an organization is retyped: a nationality modifies land too (`the
    // Mexican border`).
    let article = start > 0 && matches!(sentence[start - 1], "the" | "a");
    let one_word = end - start == 1;
    if label == EntityLabel::Org
        && article
        && one_word
        && after.is_some_and(|w| LAND_AFTER.contains(&w))
    {
        return Some(EntityLabel::Loc);
    }
    if label == EntityLabel::Loc && after.is_some_and(|w| SPEAKERS_AFTER.contains(&w)) {
        return Some(EntityLabel::Org);
    }
    // People work at a body, and live in a place: `hundreds of employees at
    // Prime Video`. After an article the name may open a longer one (`staff
    // at the U.S. embassy`).
    let employs = start >= 2 && sentence[start - 1] == "at" && STAFF.contains(&sentence[start - 2]);
    if label == EntityLabel::Loc && employs {
        return Some(EntityLabel::Org);
    }
    // A product's name does not have shops; a chain's does. Only a MISC
    // name is retyped: a place has shops too (`Texas stores`). One
    // modifier may stand between (`grocery stores`).
    let chain = shops_at(sentence, end);
    // A single word is more often a nationality (`American grocery
    // stores`) than a chain the tagger has not read as one already.
    if label == EntityLabel::Misc && end - start >= 2 && chain {
        return Some(EntityLabel::Org);
    }
    None
}

/// Types the mentions a noun beside them describes (see the module's doc),
/// and adds a body's name after its kind noun where the tagger found none
/// (`the campaign group Rising Tide Coalition`). `mentions` stay in
/// document order.
pub(crate) fn typed_by_kind_nouns(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    mentions.sort_by_key(|m| (m.0, m.1));
    drop_byline_roles(words, mentions);
    chain_names(words, mentions);
    let mut typed: HashMap<&[&str], EntityLabel> = HashMap::new();
    for &(s, start, end, label, _) in mentions.iter() {
        if let Some(new) = typed_by_neighbour(&words[s], start, label, end) {
            typed.insert(&words[s][start..end], new);
        }
    }
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); words.len()];
    for (m, mention) in mentions.iter().enumerate() {
        by_sentence[mention.0].push(m);
    }
    let mut replaced = vec![false; mentions.len()];
    let mut added = Vec::new();
    for (s, sentence) in words.iter().enumerate() {
        for (i, word) in sentence.iter().enumerate().skip(1) {
            // `a network Russia has financed`: after an indefinite article
            // the name opens a relative clause; `network TV` is no name.
            let indefinite = i >= 2 && matches!(sentence[i - 2], "a" | "an");
            if !BODIES_BEFORE.contains(&sentence[i - 1])
                || !capitalized(word)
                || crate::is_day_month_or_i(word)
                || *word == "TV"
                || indefinite
            {
                continue;
            }
            let end = run_end(sentence, i);
            // A name that runs on over an article (`the group Campaign for
            // an Independent ...`) is not all here.
            // So is one that a possessive joins to more capitals (`the group
            // America’s Voice`).
            let possessive_joins = sentence.get(end).is_some_and(|w| crate::is_possessive(w))
                && sentence.get(end + 1).is_some_and(|w| capitalized(w));
            let article_joins = matches!(sentence.get(end), Some(&("of" | "for" | "and")))
                && matches!(sentence.get(end + 1), Some(&("the" | "a" | "an")))
                && sentence.get(end + 2).is_some_and(|w| capitalized(w));
            let cut_short = possessive_joins || article_joins;
            // The tagger's mentions inside the run give way to it (`the
            // group Americans for Prosperity`, tagged `Americans`), unless
            // one reaches outside it or is a person's. A sentence's
            // mentions are few; a run after a kind noun is rare.
            let inside = crate::overlapping(mentions, &by_sentence[s], i, end);
            // A place after a body's noun is more often a modifier or a
            // relative clause's subject than the body's name.
            let fits = inside.iter().all(|&m| {
                mentions[m].1 >= i
                    && mentions[m].2 <= end
                    && !matches!(mentions[m].3, EntityLabel::Per | EntityLabel::Loc)
            });
            if cut_short || !fits {
                continue;
            }
            let score = inside.iter().map(|&m| mentions[m].4).fold(0.5, f32::max);
            inside.iter().for_each(|&m| replaced[m] = true);
            added.push((s, i, end, EntityLabel::Org, score));
            typed.insert(&sentence[i..end], EntityLabel::Org);
        }
    }
    if typed.is_empty() {
        return;
    }
    for (s, start, end, label, _) in mentions.iter_mut() {
        if *label == EntityLabel::Per {
            continue;
        }
        if let Some(&new) = typed.get(&words[*s][*start..*end]) {
            *label = new;
        }
    }
    if !added.is_empty() {
        let mut kept = replaced.iter().map(|r| !r);
        mentions.retain(|_| kept.next().unwrap_or(true));
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.0, m.1));
    }
}

/// The most capitalized words a chain's name adds to its owner's
/// (`Amazon` + `Fresh`, `Tesco` + `Express`).
const CHAIN_WORDS: usize = 2;

/// Extends a company's or a product's name over the capitalized words the
/// tagger left after it when shops follow (`its Amazon Fresh grocery
/// stores`, tagged `Amazon`): the chain is named by all of them, an
/// organization. One lower-case modifier may stand before the shops.
fn chain_names(words: &[Vec<&str>], mentions: &mut [Mention]) {
    for m in 0..mentions.len() {
        let (s, _, end, label, _) = mentions[m];
        if !matches!(label, EntityLabel::Org | EntityLabel::Misc) {
            continue;
        }
        let sentence = &words[s];
        // Mentions are in document order: the next one bounds the run.
        let next_start = mentions
            .get(m + 1)
            .filter(|n| n.0 == s)
            .map_or(sentence.len(), |n| n.1);
        let mut k = end;
        while k < next_start.min(end + CHAIN_WORDS)
            && capitalized(sentence[k])
            && !crate::is_day_month_or_i(sentence[k])
        {
            k += 1;
        }
        if k > end && k <= next_start && shops_at(sentence, k) {
            mentions[m].2 = k;
            mentions[m].3 = EntityLabel::Org;
        }
    }
}

/// A person's role after their name and a comma, in title case and ending
/// in a journalist's role (`Helen Strachan, Industry Correspondent`), is
/// no name, whatever the tagger made of it.
fn drop_byline_roles(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    let mut previous: Option<(usize, usize, EntityLabel)> = None;
    mentions.retain(|&(s, start, end, label, _)| {
        let sentence = &words[s];
        let after_person = previous == Some((s, start.wrapping_sub(1), EntityLabel::Per))
            && sentence.get(start.wrapping_sub(1)) == Some(&",");
        previous = Some((s, end, label));
        // `Jo Reyes, The Hollywood Reporter` names the paper.
        let role = label != EntityLabel::Per
            && sentence[start] != "The"
            && BYLINE_ROLES.contains(&sentence[end - 1]);
        !(after_person && role)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_tests::{apply, labels};
    use EntityLabel::{Loc, Misc, Org, Per};

    fn run(
        sentences: &[&str],
        tagged: &[(usize, usize, usize, EntityLabel)],
    ) -> Vec<(String, EntityLabel)> {
        apply(typed_by_kind_nouns, sentences, tagged)
    }

    #[test]
    fn a_chains_name_runs_on_over_the_words_before_its_shops() {
        let found = run(
            &[
                "It closed its Corvane Fresh grocery stores and Lumo cafes .",
                "Corvane Fresh opened in Texas ; Corvane Daily sells apps .",
            ],
            &[
                (0, 3, 4, Org),
                (0, 8, 9, Org),
                (1, 0, 1, Org),
                (1, 4, 5, Loc),
                (1, 6, 7, Org),
            ],
        );
        assert_eq!(
            found,
            labels(&[
                ("Corvane Fresh", Org),
                ("Lumo", Org),
                ("Corvane", Org),
                ("Texas", Loc),
                ("Corvane", Org)
            ])
        );
    }

    #[test]
    fn people_work_at_a_body() {
        let found = run(
            &[
                "It cut staff at Lumo Video and workers in Texas .",
                "Lumo Video grew ; employees at the U.S. embassy left .",
            ],
            &[
                (0, 4, 6, Loc),
                (0, 9, 10, Loc),
                (1, 0, 2, Loc),
                (1, 7, 8, Loc),
            ],
        );
        assert_eq!(
            found,
            labels(&[
                ("Lumo Video", Org),
                ("Texas", Loc),
                ("Lumo Video", Org),
                ("U.S.", Loc)
            ])
        );
    }

    #[test]
    fn a_bodys_kind_before_a_name_makes_it_an_organization() {
        let found = run(
            &[
                "The campaign group Falling Water Alliance called it weak .",
                "It was published in the journal Field Ecology .",
                "Falling Water Alliance said so .",
            ],
            &[(1, 6, 8, Misc), (2, 0, 3, Loc)],
        );
        assert_eq!(
            found,
            labels(&[
                ("Falling Water Alliance", Org),
                ("Field Ecology", Org),
                ("Falling Water Alliance", Org)
            ])
        );
    }

    #[test]
    fn a_relative_clause_after_a_bodys_noun_names_no_body() {
        let found = run(
            &[
                "they joined a network Ruritania has financed .",
                "the network Ruritania funds .",
            ],
            &[(0, 4, 5, Loc), (1, 2, 3, Loc)],
        );
        assert_eq!(found, labels(&[("Ruritania", Loc), ("Ruritania", Loc)]));
    }

    #[test]
    fn a_land_noun_after_a_name_makes_it_a_place() {
        let found = run(
            &[
                "a wind farm off the Norfolk coast .",
                "a Smith County official said .",
            ],
            &[(0, 5, 6, Org), (1, 1, 3, Loc)],
        );
        assert_eq!(found, labels(&[("Norfolk", Loc), ("Smith County", Loc)]));
    }

    #[test]
    fn a_spokesperson_after_a_place_makes_it_a_body() {
        let found = run(
            &[
                "A Fenwick spokesperson said .",
                "A Clinton spokesman said .",
            ],
            &[(0, 1, 2, Loc), (1, 1, 2, Per)],
        );
        assert_eq!(found, labels(&[("Fenwick", Org), ("Clinton", Per)]));
    }

    #[test]
    fn shops_after_a_misc_name_make_it_a_chain() {
        let found = run(
            &["its Corner Fresh grocery stores , Texas stores and American stores ."],
            &[(0, 1, 3, Misc), (0, 6, 7, Loc), (0, 9, 10, Misc)],
        );
        assert_eq!(
            found,
            labels(&[("Corner Fresh", Org), ("Texas", Loc), ("American", Misc)])
        );
    }

    #[test]
    fn a_bylines_role_is_no_name() {
        let found = run(
            &[
                "By Ann Lee , Energy Correspondent",
                "Ann Lee , Acme Reporter .",
            ],
            &[
                (0, 1, 3, Per),
                (0, 4, 6, Org),
                (1, 0, 2, Per),
                (1, 3, 5, Org),
            ],
        );
        assert_eq!(found, labels(&[("Ann Lee", Per), ("Ann Lee", Per)]));
    }

    #[test]
    fn days_and_people_are_left_alone() {
        let found = run(
            &[
                "He told the company Monday .",
                "the firm Jo Reyes founded .",
            ],
            &[(1, 2, 4, Per)],
        );
        assert_eq!(found, labels(&[("Jo Reyes", Per)]));
    }
}
