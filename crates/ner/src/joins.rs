//! Names that a tagger reading word by word cuts in two, joined again:
//!
//! - a body's head, `of` or `for`, and what it is the body of: `Board of
//!   Elections`, `Max Planck Institute for Astronomy`, `Bank of England`
//!   (one organization); a port and its town, `Port of Marbury` (a place,
//!   as the annotation spec counts ports, and so is the town alone);
//! - a person's name that names a thing, and the thing: `James Webb Space
//!   Telescope` (MISC), `John F. Kennedy International Airport` (a place),
//!   `Bill Gates Foundation` (an organization). A telescope or an
//!   observatory goes by the surname alone (`Webb`), which then means the
//!   thing at its other mentions too, unless the article also names the
//!   person on their own; a foundation or an airport does not (`Clinton`
//!   stays the person beside the `Clinton Foundation`).
//!
//! Every rule runs in time linear in the document's words.

use crate::capitalized;
use crate::products::Mention;
use newsie_core::EntityLabel;
use std::collections::HashMap;

/// Words that head a body's name and take `of` or `for` and the name of
/// what the body serves (`Board of Elections`, `Institute for Astronomy`).
const HEADS_BEFORE_OF: &[&str] = &[
    "Academy",
    "Agency",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Bureau",
    "Center",
    "Centre",
    "College",
    "Commission",
    "Committee",
    "Council",
    "Court",
    "Department",
    "Federation",
    "Foundation",
    "Institute",
    "Ministry",
    "Office",
    "School",
    "Society",
    "University",
];

/// Last words of a thing named after a person, the thing's type, and
/// whether the thing goes by the person's surname alone (`Webb` for the
/// telescope; but `Kennedy` stays the person, not the airport).
const NAMED_AFTER: &[(&str, EntityLabel, bool)] = &[
    ("Telescope", EntityLabel::Misc, true),
    ("Observatory", EntityLabel::Org, true),
    ("Prize", EntityLabel::Misc, false),
    ("Award", EntityLabel::Misc, false),
    ("Airport", EntityLabel::Loc, false),
    ("Bridge", EntityLabel::Loc, false),
    ("Stadium", EntityLabel::Loc, false),
    ("Street", EntityLabel::Loc, false),
    ("Avenue", EntityLabel::Loc, false),
    ("Foundation", EntityLabel::Org, false),
    ("Institute", EntityLabel::Org, false),
    ("University", EntityLabel::Org, false),
    ("School", EntityLabel::Org, false),
    ("Hospital", EntityLabel::Org, false),
    ("Library", EntityLabel::Org, false),
];

/// The most capitalized words between a person's name and the head of
/// what is named after them (`Space` of `James Webb Space Telescope`,
/// `International` of `Kennedy International Airport`).
const WORDS_BEFORE_HEAD: usize = 2;

/// Joins what the module's doc describes. `mentions` stay in document
/// order.
pub(crate) fn join_names(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    mentions.sort_by_key(|m| (m.0, m.1));
    let mut joined: Vec<Mention> = Vec::with_capacity(mentions.len());
    // Person names that came to name a thing, and that thing's type.
    let mut things: HashMap<Vec<&str>, EntityLabel> = HashMap::new();
    let mut next = 0;
    while next < mentions.len() {
        let (s, start, mut end, mut label, score) = mentions[next];
        next += 1;
        let sentence = &words[s];
        let (mut joined_end, mut joined_label, mut surname_thing) = (end, label, None);
        if label == EntityLabel::Per {
            if let Some((head_end, thing, by_surname)) = named_after(sentence, end) {
                (joined_end, joined_label, surname_thing) = (head_end, thing, Some(by_surname));
            }
        }
        // After a person's name too: `Peter G. Peterson Institute for
        // International Economics`.
        if joined_label != EntityLabel::Per {
            if let Some(body_end) = body_of(sentence, start, joined_end) {
                // A port is a place, and its authority a body (`the Port of
                // Tyne Authority`).
                let port =
                    sentence[start] == "Port" && !HEADS_BEFORE_OF.contains(&sentence[body_end - 1]);
                joined_end = body_end;
                joined_label = if port {
                    EntityLabel::Loc
                } else {
                    EntityLabel::Org
                };
            }
        }
        // The mentions the joined one covers give way to it; one that
        // reaches past it (`International Economics in Washington`) leaves
        // the names as they were.
        let covered = mentions[next..]
            .iter()
            .take_while(|m| m.0 == s && m.1 < joined_end)
            .collect::<Vec<_>>();
        if joined_end > end && covered.iter().all(|m| m.2 <= joined_end) {
            next += covered.len();
            if let Some(by_surname) = surname_thing {
                things.insert(sentence[start..end].to_vec(), joined_label);
                if let (true, Some(&last)) = (by_surname, sentence[start..end].last()) {
                    things.insert(vec![last], joined_label);
                }
            }
            (end, label) = (joined_end, joined_label);
        }
        joined.push((s, start, end, label, score));
    }
    if !things.is_empty() {
        let named_alone = joined.iter().any(|&(s, a, b, l, _)| {
            l == EntityLabel::Per && things.contains_key(&words[s][a..b]) && b - a > 1
        });
        if !named_alone {
            for (s, a, b, label, _) in joined.iter_mut() {
                if *label == EntityLabel::Per {
                    if let Some(&thing) = things.get(&words[*s][*a..*b]) {
                        *label = thing;
                    }
                }
            }
        }
    }
    ports(words, &mut joined);
    *mentions = joined;
}

/// A port's name (`Port of Marbury`, however the tagger typed it) is a
/// place, and so is its town at the town's other mentions (`Marbury
/// handled 1.9 million containers`), unless the name goes on to a body's
/// head (`Port of Tyne Authority`).
fn ports(words: &[Vec<&str>], mentions: &mut [Mention]) {
    let mut towns: Vec<&[&str]> = Vec::new();
    for (s, start, end, label, _) in mentions.iter_mut() {
        let name = &words[*s][*start..*end];
        if name.len() >= 3
            && name[0] == "Port"
            && name[1] == "of"
            && !HEADS_BEFORE_OF.contains(&name[name.len() - 1])
        {
            *label = EntityLabel::Loc;
            towns.push(&name[2..]);
        }
    }
    if towns.is_empty() {
        return;
    }
    for (s, start, end, label, _) in mentions.iter_mut() {
        if towns.contains(&&words[*s][*start..*end]) {
            *label = EntityLabel::Loc;
        }
    }
}

/// The end of what a person's name ending at `end` names, when
/// capitalized words after it close with a head of [`NAMED_AFTER`], and
/// that thing's type, and whether it goes by the surname.
fn named_after(sentence: &[&str], end: usize) -> Option<(usize, EntityLabel, bool)> {
    (end..sentence.len())
        .take(WORDS_BEFORE_HEAD + 1)
        .take_while(|&k| capitalized(sentence[k]))
        .find_map(|k| {
            NAMED_AFTER
                .iter()
                .find(|(head, _, _)| *head == sentence[k])
                .map(|&(_, label, by_surname)| (k + 1, label, by_surname))
        })
}

/// The end of a body's name when the mention `sentence[start..end]` ends
/// in a head of [`HEADS_BEFORE_OF`] (`Ulster County Board`) or a port, and
/// `of` or `for` and capitalized words follow (`of Elections`).
fn body_of(sentence: &[&str], start: usize, end: usize) -> Option<usize> {
    let last = sentence[end - 1];
    let port = end - start == 1 && last == "Port";
    if !(HEADS_BEFORE_OF.contains(&last) || port) {
        return None;
    }
    if !matches!(sentence.get(end), Some(&("of" | "for"))) {
        return None;
    }
    let name_end = (end + 1..sentence.len())
        .take(crate::RULE_NAME_WORDS)
        .take_while(|&k| capitalized(sentence[k]))
        .last()?
        + 1;
    Some(name_end)
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
        apply(join_names, sentences, tagged)
    }

    #[test]
    fn a_bodys_head_takes_what_it_is_of() {
        let found = run(
            &["the Essex County Board of Elections and the Institute for Ocean Studies met at the Port of Dunmore ."],
            &[(0, 1, 4, Org), (0, 5, 6, Org), (0, 8, 9, Org), (0, 10, 12, Misc), (0, 15, 16, Org), (0, 17, 18, Loc)],
        );
        assert_eq!(
            found,
            labels(&[
                ("Essex County Board of Elections", Org),
                ("Institute for Ocean Studies", Org),
                ("Port of Dunmore", Loc)
            ])
        );
    }

    #[test]
    fn a_thing_named_after_a_person_is_the_thing_throughout() {
        let found = run(
            &[
                "using the Ada Reyes Space Telescope , astronomers found it .",
                "Reyes has seen more .",
            ],
            &[(0, 2, 4, Per), (1, 0, 1, Per)],
        );
        assert_eq!(
            found,
            labels(&[("Ada Reyes Space Telescope", Misc), ("Reyes", Misc)])
        );
        // A prize does not go by the surname.
        let prize = run(
            &["the Ada Reyes Prize went to her .", "Reyes said so ."],
            &[(0, 1, 3, Per), (1, 0, 1, Per)],
        );
        assert_eq!(prize, labels(&[("Ada Reyes Prize", Misc), ("Reyes", Per)]));
        // Where the article names the person on their own, they stay.
        let person = run(
            &[
                "the Ada Reyes Telescope saw Ada Reyes herself .",
                "Reyes said so .",
            ],
            &[(0, 1, 3, Per), (0, 5, 7, Per), (1, 0, 1, Per)],
        );
        assert_eq!(
            person,
            labels(&[
                ("Ada Reyes Telescope", Misc),
                ("Ada Reyes", Per),
                ("Reyes", Per)
            ])
        );
    }

    #[test]
    fn a_ports_town_is_a_place() {
        let found = run(
            &["the Port of Dunmore is busy .", "Dunmore dockers voted ."],
            &[(0, 1, 4, Org), (1, 0, 1, Org)],
        );
        assert_eq!(found, labels(&[("Port of Dunmore", Loc), ("Dunmore", Loc)]));
    }

    #[test]
    fn other_names_before_of_are_left_alone() {
        let found = run(
            &["Banque Aubert of France was fined ."],
            &[(0, 0, 2, Org), (0, 3, 4, Loc)],
        );
        assert_eq!(found, labels(&[("Banque Aubert", Org), ("France", Loc)]));
    }
}
