//! The word lists the splitter consults: abbreviations (with how each one
//! behaves before the next word), words that typically open a sentence, and
//! words that continue a clock time (`5 p.m. Friday`).
//!
//! Every list is held in a [`WordSet`]: one sorted array of short lowercase
//! keys searched by binary search on a stack buffer, so a lookup never
//! allocates.

/// How an abbreviation decides whether it ends the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// A title written before a name (`Mr.`, `Gov.`): never last in a sentence.
    Title,
    /// Written before a number (`No. 1`, `p. 55`): not an abbreviation at all
    /// when no number follows (`the answer was no.`).
    NumberPrefix,
    /// A clock time (`a.m.`, `p.m.`): usually last when a capitalized word
    /// follows, unless the time opens the sentence (`At 5 a.m. Mr. Smith ...`).
    Time,
    /// Any other abbreviation (`Inc.`, `U.S.`, `Dec.`, initials): last only
    /// when the next word opens a new sentence.
    General,
}

/// The longest key a [`WordSet`] holds, in bytes; longer words are never in it.
pub(crate) const MAX_KEY_LEN: usize = 16;

/// A compact set of short lowercase keys with a value each. Each key is
/// packed, zero-padded, into a `u128` next to its length, so a lookup is a
/// binary search over integers.
#[derive(Debug, Clone)]
pub(crate) struct WordSet<V: Copy> {
    /// Sorted by packed key, unique keys.
    entries: Vec<(PackedKey, V)>,
}

/// A key of at most [`MAX_KEY_LEN`] bytes: its bytes, big-endian and
/// zero-padded, and its length (so keys holding NUL bytes stay distinct).
type PackedKey = (u128, u8);

/// Packs `word`, ASCII-lowercased; `None` when it is empty or too long.
#[inline]
fn pack(word: &[u8]) -> Option<PackedKey> {
    if word.is_empty() || word.len() > MAX_KEY_LEN {
        return None;
    }
    let mut buffer = [0u8; MAX_KEY_LEN];
    buffer[..word.len()].copy_from_slice(word);
    buffer.make_ascii_lowercase();
    // The length fits in a byte: it is at most MAX_KEY_LEN.
    Some((u128::from_be_bytes(buffer), word.len() as u8))
}

impl<V: Copy> WordSet<V> {
    /// Builds the set; later duplicates replace earlier ones, and keys that
    /// are empty or longer than [`MAX_KEY_LEN`] are dropped.
    pub(crate) fn new(items: impl IntoIterator<Item = (Box<[u8]>, V)>) -> Self {
        let mut entries: Vec<(PackedKey, V)> = items
            .into_iter()
            .filter_map(|(key, value)| pack(&key).map(|packed| (packed, value)))
            .collect();
        // Stable sort keeps insertion order among equal keys, so keeping the
        // last of each run lets later entries override earlier ones.
        entries.sort_by_key(|entry| entry.0);
        let mut unique: Vec<(PackedKey, V)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match unique.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => unique.push(entry),
            }
        }
        WordSet { entries: unique }
    }

    /// The value of `word`, compared ASCII-case-insensitively.
    #[inline]
    pub(crate) fn get(&self, word: &[u8]) -> Option<V> {
        let key = pack(word)?;
        self.entries
            .binary_search_by_key(&key, |entry| entry.0)
            .ok()
            .map(|index| self.entries[index].1)
    }
}

fn keys<V: Copy + 'static>(
    words: &'static [&'static str],
    value: V,
) -> impl Iterator<Item = (Box<[u8]>, V)> {
    words.iter().map(move |w| (Box::from(w.as_bytes()), value))
}

/// Titles written before names; they never end a sentence.
const TITLES: &[&str] = &[
    "adm", "amb", "asst", "atty", "brig", "capt", "cdr", "cmdr", "col", "cpl", "cpt", "dr", "gen",
    "gens", "gov", "hon", "insp", "lieut", "lt", "maj", "messrs", "mlle", "mme", "mmes", "mr",
    "mrs", "ms", "msgr", "mt", "pres", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt",
    "supt",
];

/// Abbreviations that stand before a number.
const NUMBER_PREFIXES: &[&str] = &[
    "art", "ch", "chap", "fig", "figs", "n°", "nº", "no", "nos", "op", "p", "para", "pp", "ref",
    "rs", "sec", "vol", "vols",
];

/// Clock-time abbreviations (without their final dot).
const TIMES: &[&str] = &["a.m", "p.m"];

/// Other abbreviations common in news text: company forms, name suffixes,
/// months, AP-style US state names, units and Latin forms. Words that are
/// far more often ordinary English words at the end of a sentence (`ill`,
/// `wash`, `sat`, `sun`) are left out on purpose.
const GENERAL: &[&str] = &[
    // companies and organisations
    "assn", "assoc", "bros", "cie", "co", "corp", "cos", "dept", "div", "govt", "inc", "intl",
    "ltd", "mfg", "natl", "univ", // name suffixes and degrees
    "esq", "jr", "sr", "ph.d", "m.d", "b.a", "m.a", "b.s", "m.s", // months
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    // US states (AP style)
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ind", "kan", "kans", "ky",
    "la", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "va", "vt", "wis", "wyo", // places and addresses
    "ave", "blvd", "ft", "hwy", "rd", "st", "ste", // units and quantities
    "approx", "est", "gal", "hr", "hrs", "lb", "lbs", "mi", "mo", "mos", "oz", "pct", "sq", "wk",
    "yr", "yrs", // Latin and reference forms
    "al", "ca", "cf", "e.g", "etc", "i.e", "v", "viz", "vs",
];

/// Capitalized words that open sentences far more often than they continue
/// a name or a title (`... in the U.S. The company ...`). Words that often
/// follow an abbreviation inside a name (`U.S. Under Secretary`,
/// `USA Today`) are left out.
const STARTERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "again",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "for",
    "from",
    "further",
    "furthermore",
    "given",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "if",
    "in",
    "instead",
    "is",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "much",
    "my",
    "neither",
    "nevertheless",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "only",
    "or",
    "our",
    "overall",
    "rather",
    "separately",
    "shares",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "unlike",
    "until",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
];

/// Capitalized words that continue a clock time (`5 p.m. Friday`,
/// `9 a.m. ET`).
const TIME_CONTINUATIONS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "eastern",
    "pacific",
    "central",
    "mountain",
    "local",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "gmt",
    "utc",
    "bst",
    "cet",
];

/// Verbs that attribute a quotation (`"Why now?" Jassy asked.`).
const REPORTING_VERBS: &[&str] = &[
    "added",
    "adds",
    "answered",
    "argued",
    "asked",
    "asks",
    "continued",
    "cried",
    "exclaimed",
    "explained",
    "insisted",
    "joked",
    "noted",
    "quipped",
    "recalled",
    "replied",
    "replies",
    "responded",
    "said",
    "says",
    "screamed",
    "shouted",
    "told",
    "tells",
    "warned",
    "wondered",
    "writes",
    "wrote",
    "yelled",
];

/// The built-in abbreviations, each with its kind.
pub(crate) fn default_abbreviations() -> impl Iterator<Item = (Box<[u8]>, AbbrevKind)> {
    keys(GENERAL, AbbrevKind::General)
        .chain(keys(TITLES, AbbrevKind::Title))
        .chain(keys(NUMBER_PREFIXES, AbbrevKind::NumberPrefix))
        .chain(keys(TIMES, AbbrevKind::Time))
}

/// Sentence-opening words.
pub(crate) fn starters() -> WordSet<()> {
    WordSet::new(keys(STARTERS, ()))
}

/// Reporting verbs.
pub(crate) fn reporting_verbs() -> WordSet<()> {
    WordSet::new(keys(REPORTING_VERBS, ()))
}

/// Words continuing a clock time.
pub(crate) fn time_continuations() -> WordSet<()> {
    WordSet::new(keys(TIME_CONTINUATIONS, ()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_ascii_case_and_later_entries_win() {
        let set = WordSet::new(
            keys(&["co", "inc"], AbbrevKind::General).chain(keys(&["co"], AbbrevKind::Title)),
        );
        assert_eq!(set.get(b"Co"), Some(AbbrevKind::Title));
        assert_eq!(set.get(b"INC"), Some(AbbrevKind::General));
        assert_eq!(set.get(b"corp"), None);
        assert_eq!(set.get(b""), None);
        assert_eq!(set.get(&[b'a'; MAX_KEY_LEN + 1]), None);
    }

    #[test]
    fn builtin_keys_are_lowercase_and_short() {
        for (key, _) in default_abbreviations() {
            assert!(key.len() <= MAX_KEY_LEN);
            assert_eq!(key.to_ascii_lowercase(), key.to_vec());
        }
    }
}
