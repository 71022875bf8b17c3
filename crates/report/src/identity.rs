//! Who a speaker is: the name each speaker mention is tallied under, and
//! the rules that merge names across documents.
//!
//! - A mention is tallied under its resolved name (`speaker.resolved`),
//!   else its own text when that is a proper name; an unnamed source under
//!   the organization it speaks for, else its description without the
//!   article (`a spokesperson` -> `spokesperson`).
//! - A person's shorter form that keeps the surname (`Jassy`, `Andy
//!   Jassy` of `Andy R. Jassy`) merges into the one longer name it fits;
//!   when it fits two people (`Smith`: `Tom Smith`, `Jane Smith`) it stays
//!   an identity of its own.
//! - An acronym an article defines (`Amazon Web Services (AWS)`) is an
//!   alias of the organization it follows, when its letters are initials
//!   of the name's words and no article defines it otherwise.

use newsie_core::{Speaker, SpeakerKind};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::HashMap;

/// What kind of speaker an identity is (the contract's speaker kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A named person.
    Person,
    /// An unnamed spokesperson, official or source.
    Anonymous,
    /// An organization speaking as such.
    Organization,
}

impl Kind {
    /// The name the output contract uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Anonymous => "anonymous",
            Kind::Organization => "organization",
        }
    }

    pub(crate) fn of(kind: SpeakerKind) -> Kind {
        match kind {
            SpeakerKind::Person => Kind::Person,
            SpeakerKind::Anonymous => Kind::Anonymous,
            SpeakerKind::Organization => Kind::Organization,
        }
    }
}

/// The name of a person mention that names no one (`he`, unresolved).
pub const UNRESOLVED_PERSON: &str = "(unresolved person)";
/// The name of an organization mention that names none (`the company`,
/// unresolved).
pub const UNRESOLVED_ORGANIZATION: &str = "(unresolved organization)";
/// The name of an unnamed source with neither organization nor description.
pub const UNNAMED_SOURCE: &str = "(unnamed source)";

/// Words that make a capitalized mention no name (`He said`, `The company
/// said`).
const NOT_NAMES: &[&str] = &[
    "i", "he", "she", "it", "we", "they", "you", "him", "her", "them", "us", "me", "this", "that",
    "these", "those", "its", "his", "their", "our", "a", "an",
];

/// Articles dropped from the front of an unnamed source's description.
const ARTICLES: &[&str] = &["a", "an", "the"];

/// `text` with runs of white space made one space, and trimmed.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a mention is a proper name rather than a pronoun or a
/// description: capitalized, not a pronoun, and `The` only before another
/// capital (`The Guardian`, not `The company`).
pub(crate) fn is_proper_name(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if !first.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower = first.to_lowercase();
    if NOT_NAMES.contains(&lower.as_str()) {
        return false;
    }
    if lower == "the" {
        return words
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    }
    true
}

/// An unnamed source's description: lower case, without a leading article.
fn description(text: &str) -> String {
    let lower = normalize(&text.to_lowercase());
    let trimmed = match lower.split_once(' ') {
        Some((first, rest)) if ARTICLES.contains(&first) => rest.to_owned(),
        _ => lower,
    };
    if trimmed.is_empty() {
        UNNAMED_SOURCE.to_owned()
    } else {
        trimmed
    }
}

/// The kind and name a speaker mention is tallied under.
pub(crate) fn form_of(speaker: &Speaker) -> (Kind, String) {
    let kind = Kind::of(speaker.kind);
    let resolved = speaker
        .resolved
        .as_deref()
        .map(normalize)
        .filter(|r| !r.is_empty());
    let name = match (kind, resolved) {
        (_, Some(name)) => name,
        (Kind::Anonymous, None) => description(&speaker.text),
        (Kind::Person, None) if is_proper_name(&speaker.text) => normalize(&speaker.text),
        (Kind::Organization, None) if is_proper_name(&speaker.text) => normalize(&speaker.text),
        (Kind::Person, None) => UNRESOLVED_PERSON.to_owned(),
        (Kind::Organization, None) => UNRESOLVED_ORGANIZATION.to_owned(),
    };
    (kind, name)
}

/// Whether a name may take part in merging (placeholders may not).
fn mergeable(name: &str) -> bool {
    !name.starts_with('(') && is_proper_name(name)
}

/// Whether `short` is `long` with words left out (in order).
fn is_subsequence<T: PartialEq>(short: &[T], long: &[T]) -> bool {
    let mut rest = long.iter();
    short.iter().all(|s| rest.any(|l| l == s))
}

/// Whether person name `short` is a shorter form of `long`: fewer words,
/// the same last word (the surname), and its words found in `long` in
/// order (`Jassy`, `Andy Jassy` of `Andy R. Jassy`).
fn is_shorter_form(short: &[&str], long: &[&str]) -> bool {
    short.len() < long.len() && short.last() == long.last() && is_subsequence(short, long)
}

/// For each person name, the index of the name it merges into (its own
/// when none): a shorter form joins the one identity it fits, longest
/// names first, and stays apart when it fits two.
pub(crate) fn person_roots(names: &[&str]) -> Vec<usize> {
    let words: Vec<Vec<&str>> = names
        .iter()
        .map(|n| n.split_whitespace().collect())
        .collect();
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        if let (true, Some(last)) = (mergeable(names[i]), w.last()) {
            by_surname.entry(last).or_default().push(i);
        }
    }
    let mut roots: Vec<usize> = (0..names.len()).collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    // Longer names first: the names a form may merge into are settled.
    order.sort_by_key(|&i| Reverse(words[i].len()));
    for i in order {
        let Some(candidates) = words[i].last().and_then(|last| by_surname.get(last)) else {
            continue;
        };
        if !mergeable(names[i]) {
            continue;
        }
        let mut found = None;
        let mut ambiguous = false;
        for &j in candidates {
            if !is_shorter_form(&words[i], &words[j]) {
                continue;
            }
            match found {
                None => found = Some(roots[j]),
                Some(root) if root != roots[j] => ambiguous = true,
                Some(_) => {}
            }
        }
        if let (Some(root), false) = (found, ambiguous) {
            roots[i] = root;
        }
    }
    roots
}

/// Whether `text` looks like an acronym: 2 to 12 letters, digits, `&`,
/// `.` or `-`, starting with a capital and holding at least two.
pub(crate) fn is_acronym(text: &str) -> bool {
    let count = text.chars().count();
    (2..=12).contains(&count)
        && text.chars().next().is_some_and(char::is_uppercase)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '&' | '.' | '-'))
        && text.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Whether `acronym` can abbreviate `name`: its letters, in order, are
/// initials of the name's words, the first letter the first word's
/// (`AWS`: Amazon Web Services; `FBI`: Federal Bureau of Investigation).
pub(crate) fn could_abbreviate(acronym: &str, name: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    let initials: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .collect();
    initials.len() >= 2
        && !letters.is_empty()
        && letters.first() == initials.first()
        && is_acronym(acronym)
        && is_subsequence(&letters, &initials)
}

/// The acronym a text defines right after an organization's name: `
/// (AWS)` at the start of `following`.
pub(crate) fn acronym_defined(following: &str) -> Option<&str> {
    let rest = following.trim_start_matches([' ', '\u{a0}']);
    let inner = rest.strip_prefix('(')?;
    // An acronym is short: look no further than its longest.
    let close = inner.char_indices().take(14).find(|&(_, c)| c == ')')?.0;
    let acronym = inner[..close].trim();
    is_acronym(acronym).then_some(acronym)
}

/// Whether two names of one kind may end up as one identity, so that a
/// document naming both counts once for it: persons sharing a surname;
/// organizations (or the organizations of unnamed sources) one of which
/// could abbreviate the other, or two acronyms with the same first letter
/// (both could abbreviate one name).
pub(crate) fn related(kind: Kind, a: &str, b: &str) -> bool {
    match kind {
        Kind::Person => {
            mergeable(a)
                && mergeable(b)
                && a.split_whitespace().last() == b.split_whitespace().last()
        }
        Kind::Anonymous | Kind::Organization => {
            let first = |s: &str| s.chars().next().map(|c| c.to_uppercase().to_string());
            could_abbreviate(a, b)
                || could_abbreviate(b, a)
                || (is_acronym(a) && is_acronym(b) && first(a) == first(b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsie_core::Span;

    fn roots_of<'a>(names: &[&'a str]) -> Vec<&'a str> {
        person_roots(names).iter().map(|&r| names[r]).collect()
    }

    #[test]
    fn a_surname_merges_into_the_one_full_name_it_fits() {
        let names = ["Jassy", "Andy Jassy", "Lisa Su"];
        assert_eq!(roots_of(&names), ["Andy Jassy", "Andy Jassy", "Lisa Su"]);
    }

    #[test]
    fn a_middle_initial_form_collects_the_shorter_ones() {
        let names = ["Jassy", "Andy Jassy", "Andy R. Jassy"];
        assert_eq!(roots_of(&names), ["Andy R. Jassy"; 3]);
    }

    #[test]
    fn two_people_sharing_a_surname_stay_two_and_the_surname_stays_apart() {
        let names = ["Tom Smith", "Smith", "Jane Smith"];
        assert_eq!(roots_of(&names), ["Tom Smith", "Smith", "Jane Smith"]);
    }

    #[test]
    fn a_first_name_or_a_placeholder_does_not_merge() {
        let names = ["Andy", "Andy Jassy", UNRESOLVED_PERSON, "he"];
        assert_eq!(
            roots_of(&names),
            ["Andy", "Andy Jassy", UNRESOLVED_PERSON, "he"]
        );
    }

    #[test]
    fn acronyms_abbreviate_the_names_whose_initials_they_take() {
        assert!(could_abbreviate("AWS", "Amazon Web Services"));
        assert!(could_abbreviate("FBI", "Federal Bureau of Investigation"));
        assert!(could_abbreviate("DC360", "Digital Commerce 360"));
        assert!(!could_abbreviate("AWS", "Amazon"));
        assert!(!could_abbreviate("IBM", "Amazon Web Services"));
        assert!(
            !could_abbreviate("Aws", "Amazon Web Services"),
            "not an acronym"
        );
    }

    #[test]
    fn an_acronym_in_brackets_after_a_name_is_found() {
        assert_eq!(acronym_defined(" (AWS) division"), Some("AWS"));
        assert_eq!(acronym_defined("(FBI)"), Some("FBI"));
        assert_eq!(acronym_defined(" (which it owns)"), None);
        assert_eq!(acronym_defined(" (AWS"), None);
        assert_eq!(acronym_defined(" said"), None);
    }

    fn speaker(text: &str, kind: SpeakerKind, resolved: Option<&str>) -> Speaker {
        Speaker::new(
            text,
            Span::new(0, text.len()),
            kind,
            resolved.map(str::to_owned),
        )
    }

    #[test]
    fn forms_use_the_resolved_name_then_a_proper_text_then_a_placeholder() {
        let form = |text, kind, resolved| form_of(&speaker(text, kind, resolved));
        use SpeakerKind::*;
        assert_eq!(
            form("Jassy", Person, Some("Andy  Jassy")),
            (Kind::Person, "Andy Jassy".into())
        );
        assert_eq!(form("Jassy", Person, None), (Kind::Person, "Jassy".into()));
        assert_eq!(
            form("He", Person, None),
            (Kind::Person, UNRESOLVED_PERSON.into())
        );
        assert_eq!(
            form("The company", Organization, None),
            (Kind::Organization, UNRESOLVED_ORGANIZATION.into())
        );
        assert_eq!(
            form("The Guardian", Organization, None),
            (Kind::Organization, "The Guardian".into())
        );
    }

    #[test]
    fn unnamed_sources_group_by_organization_else_description() {
        let form = |text, resolved| form_of(&speaker(text, SpeakerKind::Anonymous, resolved));
        assert_eq!(
            form("an AWS spokesperson", Some("AWS")),
            (Kind::Anonymous, "AWS".into())
        );
        assert_eq!(
            form("a spokesperson", None),
            form("the  Spokesperson", None),
            "one description, however written"
        );
        assert_ne!(form("a spokesperson", None), form("officials", None));
    }

    #[test]
    fn related_names_are_those_that_may_merge() {
        assert!(related(Kind::Person, "Jassy", "Andy Jassy"));
        assert!(!related(Kind::Person, "Andy", "Andy Jassy"));
        assert!(related(Kind::Organization, "AWS", "Amazon Web Services"));
        assert!(related(Kind::Organization, "AWS", "A.W.S."));
        assert!(!related(
            Kind::Organization,
            "Amazon",
            "Amazon Web Services"
        ));
    }
}
