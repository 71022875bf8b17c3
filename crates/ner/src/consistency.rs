//! Document-level label consistency, after decoding: a name the tagger
//! was sure of at one mention corrects the unsure mentions that reuse its
//! words elsewhere in the article.
//!
//! The linear model already reads the document: its features remember the
//! type a word last took (`DocMemory` in the features module), and its
//! second pass sees how the first pass typed each capitalized word
//! anywhere in the document. Those are votes per word inside a greedy
//! decoder; they do not stop it from gluing two names into one (`the OSCE
//! Chechnya mission`), or from reading a firm's or a person's short name
//! as what the word alone suggests (`Roosevelt` of `Roosevelt Financial`
//! as a person, `Holland` of `Tom Holland` as the country). The rules here
//! read whole mentions instead:
//!
//! 1. *known names*: a surface form (the exact words of a mention) tagged
//!    with confidence [`KNOWN`] or more, under a clear majority of one
//!    type, is known with that type ([`known_names`]);
//! 2. *glued names*: an unsure mention that is exactly two or three known
//!    names side by side, and no known name itself, is cut into them, each
//!    with its own type (`OSCE` ORG + `Chechnya` LOC; [`split_glued_names`]);
//! 3. *short forms*: an unsure one-word mention that the model typed as a
//!    person but that opens a known organization's name, or that it typed
//!    as a place or an organization but that ends a known person's full
//!    name, takes the long form's type ([`relabel_short_forms`]).
//!
//! Mentions of the very same words are made to agree by
//! `harmonize_labels`, which runs after these rules on both paths. Untagged
//! repeats of a known name are left as they are: the model's document
//! memory already tags them (a rule tagging them changed at most one
//! entity on CoNLL-2003 dev, and none on the fixtures' dev half).
//!
//! Every rule keys names by surface form in hash maps, in time linear in
//! the document's words and mentions (a mention is looked up in at most
//! fifteen cuts, as [`MAX_NAME_WORDS`] bounds them).

use crate::products::Mention;
use newsie_core::EntityLabel;
use std::collections::HashMap;

/// The confidence from which a mention makes its name known. The tagger's
/// mentions at or above it were right 97% of the time on CoNLL-2003 dev,
/// against 84% under it. (0.4 and 0.6 both scored lower on dev.)
const KNOWN: f32 = 0.5;

/// The confidence under which a mention may be cut or relabelled by what
/// the document knows: the mentions the model was not sure of. Up to 0.5
/// every rise helped on CoNLL-2003 dev; above it nothing changed.
const UNSURE: f32 = 0.5;

/// How many times the confidence of every other type a name's own type
/// must carry for the name to be known: a name the document uses two ways
/// in earnest (`Japan` the country and `Japan` the team) is not known.
const CLEAR: f32 = 2.0;

/// The longest mention, in words, the rules read: longer mentions are left
/// as they are, and no known name longer than it is kept.
const MAX_NAME_WORDS: usize = 6;

/// Applies the consistency rules to a document's mentions (`words` are its
/// sentences' words). Mentions come and go in document order and never
/// overlap.
pub(crate) fn consistent_mentions(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    mentions.sort_by_key(|m| (m.0, m.1));
    let known = known_names(words, mentions);
    if known.is_empty() {
        return;
    }
    split_glued_names(words, &known, mentions);
    relabel_short_forms(words, &known, mentions);
}

/// The names a document knows, by surface form, with their types.
type Known<'w> = HashMap<Vec<&'w str>, EntityLabel>;

/// Rule 1: each surface form tagged with confidence [`KNOWN`] or more,
/// with the type whose confident mentions outweigh all others [`CLEAR`]
/// times over.
fn known_names<'w>(words: &[Vec<&'w str>], mentions: &[Mention]) -> Known<'w> {
    let mut votes: HashMap<&[&str], [f32; 4]> = HashMap::new();
    for &(s, start, end, label, score) in mentions {
        let Some(name) = words.get(s).and_then(|w| w.get(start..end)) else {
            continue;
        };
        if score >= KNOWN && !name.is_empty() && name.len() <= MAX_NAME_WORDS {
            votes.entry(name).or_default()[index(label)] += score;
        }
    }
    votes
        .into_iter()
        .filter_map(|(name, sums)| {
            let best = (0..4).fold(0, |b, i| if sums[i] > sums[b] { i } else { b });
            let rest = sums.iter().sum::<f32>() - sums[best];
            (sums[best] >= CLEAR * rest).then(|| (name.to_vec(), EntityLabel::ALL[best]))
        })
        .collect()
}

fn index(label: EntityLabel) -> usize {
    EntityLabel::ALL
        .iter()
        .position(|&l| l == label)
        .unwrap_or(0)
}

/// Rule 2: an unsure mention that is two or three known names in a row is
/// cut into them. A greedy tagger glues neighbouring names when nothing
/// stands between them (`the OSCE Chechnya mission`, `the U.S. Labor Day
/// weekend`); where the document tagged each part alone, and with
/// confidence, the glued mention is the mistake. A mention that is itself
/// a known name stays whole (`Bosnia Herzegovina` beside `Bosnia`), and so
/// does a confident one.
fn split_glued_names(words: &[Vec<&str>], known: &Known<'_>, mentions: &mut Vec<Mention>) {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for &(s, start, end, label, score) in mentions.iter() {
        let name = words.get(s).and_then(|w| w.get(start..end)).unwrap_or(&[]);
        let parts = if score < UNSURE
            && (2..=MAX_NAME_WORDS).contains(&name.len())
            && !known.contains_key(name)
        {
            known_parts(name, known)
        } else {
            None
        };
        match parts {
            Some(parts) => out.extend(
                parts
                    .into_iter()
                    .map(|(a, b, l)| (s, start + a, start + b, l, score)),
            ),
            None => out.push((s, start, end, label, score)),
        }
    }
    *mentions = out;
}

/// `name` as two or three known names side by side (word ranges within it
/// and their types), if it is such a sequence; the first cut found, from
/// the shortest first part on.
fn known_parts(name: &[&str], known: &Known<'_>) -> Option<Vec<(usize, usize, EntityLabel)>> {
    let n = name.len();
    let part = |a: usize, b: usize| known.get(&name[a..b]).copied();
    for first in 1..n {
        let Some(l1) = part(0, first) else {
            continue;
        };
        if let Some(l2) = part(first, n) {
            return Some(vec![(0, first, l1), (first, n, l2)]);
        }
        for second in first + 1..n {
            if let (Some(l2), Some(l3)) = (part(first, second), part(second, n)) {
                return Some(vec![(0, first, l1), (first, second, l2), (second, n, l3)]);
            }
        }
    }
    None
}

/// Rule 3: an unsure one-word mention takes the type of the long form it
/// shortens, where the long form corrects what the word alone suggests
/// ([`may_shorten`]). News names a firm in full once and then by its first
/// word (`Roosevelt Financial` ... `Roosevelt`), and a person by the
/// surname (`Tom Holland` ... `Holland`); the model, reading the short form
/// alone, types it as a person, a country or a company. A word that
/// shortens known names of two types is left alone.
fn relabel_short_forms(words: &[Vec<&str>], known: &Known<'_>, mentions: &mut [Mention]) {
    let mut short: HashMap<&str, Option<EntityLabel>> = HashMap::new();
    for (name, &label) in known {
        let word = match (label, name.as_slice()) {
            (EntityLabel::Org, [first, _, ..]) => *first,
            (EntityLabel::Per, [.., _, last]) => *last,
            _ => continue,
        };
        short
            .entry(word)
            .and_modify(|l| {
                if *l != Some(label) {
                    *l = None;
                }
            })
            .or_insert(Some(label));
    }
    for m in mentions.iter_mut() {
        let (s, start, end, label, score) = *m;
        if end != start + 1 || score >= UNSURE {
            continue;
        }
        let Some(word) = words.get(s).and_then(|w| w.get(start)) else {
            continue;
        };
        if let Some(&Some(long)) = short.get(word) {
            if may_shorten(long, label) {
                m.3 = long;
            }
        }
    }
}

/// Whether a short form the model typed `label` takes the type `long` of
/// the known name it shortens. A firm named after a person is read as that
/// person at its short form, and a person's surname as a place or a firm:
/// those the long form corrects. A place or a nationality that opens an
/// organization's name is no short form of it (`London` of `London Stock
/// Exchange`, `Scottish` of `Scottish Power`), nor, for all the words tell,
/// is a city of its team (`Cleveland` of `Cleveland Indians`): relabelled
/// so on CoNLL-2003 dev, they were wrong more often than right.
fn may_shorten(long: EntityLabel, label: EntityLabel) -> bool {
    match long {
        EntityLabel::Org => label == EntityLabel::Per,
        EntityLabel::Per => matches!(label, EntityLabel::Loc | EntityLabel::Org),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::{Loc, Misc, Org, Per};

    fn words(sentences: &[&'static str]) -> Vec<Vec<&'static str>> {
        sentences.iter().map(|s| s.split(' ').collect()).collect()
    }

    /// Runs the rules over `mentions` (sentence, start, end, label, score)
    /// and shows the result as words and labels.
    fn run(
        sentences: &[&'static str],
        mentions: &[(usize, usize, usize, EntityLabel, f32)],
    ) -> Vec<(String, EntityLabel)> {
        let w = words(sentences);
        let mut m = mentions.to_vec();
        consistent_mentions(&w, &mut m);
        m.iter()
            .map(|&(s, a, b, l, _)| (w[s][a..b].join(" "), l))
            .collect()
    }

    fn pairs(list: &[(&str, EntityLabel)]) -> Vec<(String, EntityLabel)> {
        list.iter().map(|(t, l)| (t.to_string(), *l)).collect()
    }

    #[test]
    fn a_name_is_known_under_a_clear_and_confident_majority() {
        let w = words(&["Orvel met Tarsk in Orvel and Tarsk ."]);
        let known = known_names(
            &w,
            &[
                (0, 0, 1, Org, 0.8),
                (0, 2, 3, Per, 0.6),
                (0, 4, 5, Org, 0.7),
                (0, 6, 7, Loc, 0.55),
            ],
        );
        assert_eq!(known.get(&["Orvel"][..]), Some(&Org));
        // Used two ways with like confidence: not known.
        assert_eq!(known.get(&["Tarsk"][..]), None);
        // An unsure mention makes nothing known.
        let known = known_names(&w, &[(0, 2, 3, Per, 0.3)]);
        assert!(known.is_empty());
    }

    #[test]
    fn an_unsure_glued_mention_is_cut_into_known_names() {
        let sentences = [
            "The Zemba League met in Kovaria .",
            "The Zemba League Kovaria mission said so .",
        ];
        let got = run(
            &sentences,
            &[
                (0, 1, 3, Org, 0.8),
                (0, 5, 6, Loc, 0.7),
                (1, 1, 4, Org, 0.45),
            ],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Zemba League", Org),
                ("Kovaria", Loc),
                ("Zemba League", Org),
                ("Kovaria", Loc),
            ])
        );
    }

    #[test]
    fn three_known_names_in_a_row_are_cut_too() {
        let sentences = [
            "Orvel , Tarsk and Kovaria .",
            "the Orvel Tarsk Kovaria pact",
        ];
        let got = run(
            &sentences,
            &[
                (0, 0, 1, Loc, 0.8),
                (0, 2, 3, Loc, 0.8),
                (0, 4, 5, Misc, 0.8),
                (1, 1, 4, Misc, 0.3),
            ],
        );
        assert_eq!(
            &got[3..],
            &pairs(&[("Orvel", Loc), ("Tarsk", Loc), ("Kovaria", Misc)])[..]
        );
    }

    #[test]
    fn a_confident_or_known_or_partly_unknown_mention_stays_whole() {
        let sentences = [
            "Zemba and Kovaria met .",
            "Zemba Kovaria said so .",
            "Zemba Kovaria said so again .",
            "Zemba Lund said so .",
        ];
        let base = [(0, 0, 1, Org, 0.8), (0, 2, 3, Loc, 0.8)];
        // Confident: the model meant one name.
        let got = run(&sentences, &[base[0], base[1], (1, 0, 2, Org, 0.7)]);
        assert_eq!(got[2], ("Zemba Kovaria".to_string(), Org));
        // Known itself, from a confident mention elsewhere.
        let got = run(
            &sentences,
            &[base[0], base[1], (1, 0, 2, Org, 0.3), (2, 0, 2, Org, 0.9)],
        );
        assert_eq!(got[2], ("Zemba Kovaria".to_string(), Org));
        // `Lund` is known nowhere: no cut.
        let got = run(&sentences, &[base[0], base[1], (3, 0, 2, Org, 0.3)]);
        assert_eq!(got[2], ("Zemba Lund".to_string(), Org));
    }

    #[test]
    fn a_short_form_takes_the_type_its_long_form_corrects() {
        let sentences = [
            "Brannock Financial hired Edda Voss .",
            "Brannock said Voss would stay .",
        ];
        let got = run(
            &sentences,
            &[
                (0, 0, 2, Org, 0.8),
                (0, 3, 5, Per, 0.8),
                (1, 0, 1, Per, 0.3),
                (1, 2, 3, Loc, 0.35),
            ],
        );
        assert_eq!(&got[2..], &pairs(&[("Brannock", Org), ("Voss", Per)])[..]);
    }

    #[test]
    fn a_place_opening_an_organization_keeps_its_type() {
        let sentences = [
            "The Kovaria Stock Exchange fell .",
            "Traders in Kovaria said so .",
        ];
        let got = run(&sentences, &[(0, 1, 4, Org, 0.8), (1, 2, 3, Loc, 0.3)]);
        assert_eq!(got[1], ("Kovaria".to_string(), Loc));
    }

    #[test]
    fn a_confident_or_ambiguous_short_form_keeps_its_type() {
        let sentences = [
            "Brannock Financial hired Tom Brannock .",
            "Brannock said so .",
            "Lund Capital hired Ann Voss .",
            "Lund said so .",
        ];
        // `Brannock` opens a firm and ends a person: left alone.
        let got = run(
            &sentences,
            &[
                (0, 0, 2, Org, 0.8),
                (0, 3, 5, Per, 0.8),
                (1, 0, 1, Loc, 0.3),
            ],
        );
        assert_eq!(got[2], ("Brannock".to_string(), Loc));
        // A confident person stays a person.
        let got = run(&sentences, &[(2, 0, 2, Org, 0.8), (3, 0, 1, Per, 0.7)]);
        assert_eq!(got[1], ("Lund".to_string(), Per));
    }

    #[test]
    fn out_of_range_mentions_do_not_panic() {
        let w = words(&["Orvel said ."]);
        let mut m = vec![
            (0, 0, 1, Org, 0.9),
            (3, 0, 2, Org, 0.2),
            (0, 2, 9, Per, 0.2),
        ];
        consistent_mentions(&w, &mut m);
        assert_eq!(m.len(), 3);
    }
}
