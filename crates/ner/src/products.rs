//! Products named with their model numbers (`Boeing 777X`, `Airbus
//! A350-1000`, `iPhone 15 Pro`, `FTSE 250`, `S&P 500`): one MISC entity
//! over the whole, as the annotation spec marks them. (The pipeline then
//! reads no quantity inside them: it rescans numbers outside the spans of
//! non-person entities.)
//!
//! A model trained on 1996 wire text cuts such names short (`Boeing` ORG
//! and a bare `777`) or splits them (`Airbus` ORG + `A350-1000` MISC): in
//! Reuters, a number after a name is almost always a score, a count or a
//! year. The rules here run after decoding, on any backend's mentions, and
//! read only the words around them:
//!
//! 1. an organization or MISC name directly followed by a *model code*
//!    (a word mixing letters and digits: `A350`, `777X`, `A321neo`, `GE9X`,
//!    [`is_model_code`]; not a period, network, age group, filing, measure
//!    or disease such as `Q3`, `5G`, `U21`, `10-K`, `500CC`, `COVID-19`)
//!    runs on over it, over a mention the model made of the code alone
//!    too, and becomes MISC; not on a line of a table ([`is_table_line`]);
//! 2. the same over a *bare number* (`Boeing 757`, `Nikkei 225`), but only
//!    where the number cannot be a score, a count or a year
//!    ([`number_names_a_model`]), never on a line of results
//!    ([`is_results_line`]), and never after a plural name (`Democrats
//!    10`) or an organization's name of several words (`Teamsters Local
//!    294`);
//! 3. a variant word after the number (`Pro`, `Max`, `Ultra`) belongs to
//!    the name, and with one even a single digit is a model number
//!    (`iPhone 15 Pro`, `Pixel 9 Pro`);
//! 4. a name that operates rather than makes (`Kestrel Airways`, `Acme
//!    Corp.`) or a nationality (`Russian T-72`) stays as it is, and the
//!    code after it is a product of its own;
//! 5. after a possessive, a model code is a product (`GE Aerospace's
//!    GE9X`), and so is a "person" ending in an all-caps designation
//!    (`Rolls-Royce's Trent XWB`);
//! 6. a catalogue designation takes the planet letter after it (`TOI-2291
//!    b`, `Kepler-22 b`);
//! 7. document memory: a model code standing alone is a product where a
//!    product of the same family was named in the same document (`777X`
//!    and `777-9` after `Boeing 777X`), and so is a known model number
//!    after a determiner (`the 757` after `Boeing 757`); a name and number
//!    accepted once are accepted at every other mention of the document.
//!
//! Every rule runs in time linear in the document's words.

use newsie_core::EntityLabel;
use std::collections::{HashMap, HashSet};

/// A mention: sentence, first word, one past the last word, type, score.
pub(crate) type Mention = (usize, usize, usize, EntityLabel, f32);

/// A model code (`A350`, `X5`, `S24`, `777X`, `GE9X`, `A321neo`,
/// `777-300ER`): one word of two to ten characters mixing ASCII letters and
/// digits, an upper-case letter among them, hyphens allowed inside. No
/// year, ordinal (`4th`: no capital), decade (`1990s`) or amount has that
/// shape; the generic designations that do are left out
/// ([`is_generic_code`]).
pub(crate) fn is_model_code(token: &str) -> bool {
    let len = token.chars().count();
    (2..=10).contains(&len)
        && token.bytes().any(|b| b.is_ascii_digit())
        && token.bytes().any(|b| b.is_ascii_uppercase())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !token.starts_with('-')
        && !token.ends_with('-')
        && !token.contains("--")
        && !is_generic_code(token)
}

/// Letter-and-digit words that news writes after a company's name and that
/// name no product, so that `Apple Q3 results`, `Vodafone 5G network`, `EU
/// G7 summit` or `Pfizer COVID-19 vaccine` stay as the model tagged them:
///
/// - periods: `Q3`, `H1`, `3Q`, `1H`, `FY2024`, `FY24`, `CY2025`;
/// - technology generations and formats: `5G`, `3D`, `4K`, `10K` (a race);
/// - groupings and age groups: `G7`, `G20`, `U21`, `U-23`, `Under-21`;
/// - racing series: `F1`, `F2`;
/// - filings: `10-K`, `10-Q`, `8-K`, `20-F` (digits, hyphen, one letter);
/// - measures: `500CC`, `100MW`, `5GB`;
/// - diseases and chemicals: `COVID-19`, `SARS-CoV-2`, `H1N1`, `CO2`.
fn is_generic_code(token: &str) -> bool {
    let upper = token.to_ascii_uppercase();
    let (letters, rest) = split_letters(&upper);
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // A letter prefix and digits only: `Q3`, `G20`, `U-21`, `FY2024`.
    if all_digits(rest) && matches!(letters, "Q" | "H" | "G" | "U" | "UNDER" | "FY" | "CY") {
        return true;
    }
    // Racing series: `F1`, `F2` (not `F-35`, a fighter).
    if letters == "F" && upper.len() == 2 {
        return true;
    }
    // Digits and one letter: `5G`, `3D`, `4K`, `3Q`, `1H`, `10-K`, `8-K`.
    let digits_end = upper.bytes().take_while(u8::is_ascii_digit).count();
    if digits_end > 0 {
        let tail = upper[digits_end..]
            .strip_prefix('-')
            .unwrap_or(&upper[digits_end..]);
        let short = digits_end <= 2;
        if tail.len() == 1 && (short || upper[digits_end..].starts_with('-')) {
            return true;
        }
    }
    // Measures: `500CC`, `100MW`, `5GB`, `40MM`.
    const UNITS: &[&str] = &[
        "CC", "MM", "CM", "KM", "KG", "KW", "MW", "GW", "KWH", "MWH", "GWH", "MB", "GB", "TB",
        "HP", "MPH", "KPH", "BHP",
    ];
    if digits_end > 0 && UNITS.contains(&&upper[digits_end..]) {
        return true;
    }
    // Diseases, viruses and chemicals.
    const STEMS: &[&str] = &["COVID", "SARS", "MERS", "CO", "NO", "SO", "PM", "CH", "MP"];
    if STEMS.contains(&letters) {
        return true;
    }
    // Influenza subtypes: `H1N1`, `H5N1`.
    let b = upper.as_bytes();
    b.len() == 4 && b[0] == b'H' && b[2] == b'N' && b[1].is_ascii_digit() && b[3].is_ascii_digit()
}

/// The leading ASCII letters of `token` and what follows them.
fn split_letters(token: &str) -> (&str, &str) {
    let cut = token.bytes().take_while(u8::is_ascii_alphabetic).count();
    token.split_at(cut)
}

/// The family a model code belongs to: its leading letters and first run of
/// digits, hyphen dropped (`777X`, `777-9` and `777-300ER` are all `777`;
/// `A350-1000` is `A350`; `TOI-2291` is `TOI2291`). A family of digits
/// alone needs three of them, so that no score or range (`2-1`) joins one.
fn family(token: &str) -> Option<String> {
    let (letters, rest) = split_letters(token);
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || (letters.is_empty() && digits.len() < 3) {
        return None;
    }
    Some(format!("{}{}", letters.to_ascii_uppercase(), digits))
}

/// A variant of a model, as the three digits of `777-9` or `737-800` are
/// (digits, a hyphen, digits): read as a product only where its family is
/// known from the document, never alone (it is also a score or a range).
fn is_numbered_variant(token: &str) -> bool {
    let Some((head, tail)) = token.split_once('-') else {
        return false;
    };
    head.len() >= 3
        && !tail.is_empty()
        && head.bytes().all(|b| b.is_ascii_digit())
        && tail.bytes().all(|b| b.is_ascii_digit())
}

/// Words that name a variant of a product after its model number (`iPhone
/// 15 Pro`, `Boeing 737 Max`, `Galaxy S24 Ultra`, `Pixel 9 XL`).
const VARIANTS: &[&str] = &[
    "Pro", "Max", "Plus", "Ultra", "Mini", "Lite", "Air", "Neo", "Fold", "Flip", "Edge", "XL", "SE",
];

fn is_variant(word: &str) -> bool {
    VARIANTS.contains(&word)
}

/// A bare number of up to four digits (`757`, `15`, `500`).
fn is_bare_number(token: &str) -> bool {
    (1..=4).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit())
}

/// A four-digit number in the range of years (`Apple 2023 revenue`).
fn is_year(token: &str) -> bool {
    token.len() == 4
        && token
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2099).contains(&y))
}

/// Lower-case words after a number that make it an amount, a score, a
/// statistic or a part of a results line, never a model number (`Apple 10
/// percent`, `Somerset 83 for 2`, `Surrey 250 all out`, `Essex 25 v Kent`,
/// `McLaren 171 laps`): scales, connectives of results, and the units
/// news counts in (time, distance, play, votes, people). Words that follow
/// a product's name as often (`the S&P 500 in 2024`, `the Boeing 787 is`)
/// are not among them.
const NOT_AFTER_A_MODEL: &[&str] = &[
    "a",
    "all",
    "an",
    "bn",
    "billion",
    "customers",
    "days",
    "employees",
    "for",
    "games",
    "goals",
    "holes",
    "hours",
    "innings",
    "jobs",
    "k",
    "km",
    "laps",
    "m",
    "matches",
    "members",
    "metres",
    "meters",
    "miles",
    "million",
    "minutes",
    "mln",
    "mn",
    "months",
    "not",
    "of",
    "overs",
    "pc",
    "pct",
    "people",
    "per",
    "percent",
    "points",
    "pts",
    "runs",
    "seats",
    "seconds",
    "shares",
    "strokes",
    "the",
    "trillion",
    "users",
    "v",
    "votes",
    "vs",
    "weeks",
    "wickets",
    "workers",
    "yards",
    "years",
];

/// Words that join two numbers into a score or a range (`350 and 126-3`,
/// `110 to 95`): after a name's number, and followed by another number,
/// they make the first one no model number.
const BETWEEN_NUMBERS: &[&str] = &["and", "or", "to", "-", "–", "/"];

fn starts_with_digit(word: Option<&&str>) -> bool {
    word.is_some_and(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()))
}

/// Whether a lower-case word looks like a plural noun (`jets`, `points`).
fn is_plural(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
}

/// Whether the bare number at `sentence[at]`, right after an organization
/// or MISC name, is that name's model number (`Boeing 757 jets`, `the FTSE
/// 250 company`, `the Nikkei 225 index`, `the S&P 500.`). It is not when it
/// can be something news writes more often after a name:
///
/// - a year (`Apple 2023`);
/// - a score or a count, which is what a single digit is unless a variant
///   word follows (`Arsenal 2`, but `Pixel 9 Pro`), and what any number is
///   before a capitalized word (`Leeds 2 Arsenal 1`), another number or an
///   opening bracket (`Surrey 250 (Stewart 60)`), a unit or a word of a
///   results line ([`NOT_AFTER_A_MODEL`]), or a word that joins it to
///   another number (`Lancashire 350 and 126-3`, [`BETWEEN_NUMBERS`]);
/// - a count of the plural noun after it (`Boeing 50 jets`), unless it has
///   three digits and is no round number (`Boeing 757 jets`), as counts
///   that follow a name seldom are.
fn number_names_a_model(sentence: &[&str], at: usize) -> bool {
    let number = sentence[at];
    if !is_bare_number(number) || is_year(number) {
        return false;
    }
    let digits = number.len();
    let Some(&next) = sentence.get(at + 1) else {
        return digits >= 2;
    };
    if is_variant(next) {
        return true;
    }
    if digits < 2 {
        return false;
    }
    let first = next.chars().next().unwrap_or(' ');
    if first.is_alphabetic() {
        if !next.chars().all(|c| c.is_lowercase() || c == '-') {
            return false;
        }
        if NOT_AFTER_A_MODEL.contains(&next) {
            return false;
        }
        if BETWEEN_NUMBERS.contains(&next) && starts_with_digit(sentence.get(at + 2)) {
            return false;
        }
        if is_plural(next) {
            return digits >= 3 && !number.ends_with('0');
        }
        return true;
    }
    if BETWEEN_NUMBERS.contains(&next) {
        return !starts_with_digit(sentence.get(at + 2));
    }
    matches!(
        next,
        "." | "," | ";" | ":" | "!" | "?" | ")" | "'s" | "’s" | "\"" | "”" | "’"
    )
}

/// A line of results or a table (`Leeds 2 Arsenal 1`, `Chicago 103 Boston
/// 96`, `Essex 10 5 3 2 15`): fewer than three lower-case words, or a
/// score's shape anywhere in it, a capitalized word and a number twice in a
/// row (`Bath 28, Leicester 20`; a date such as `Dec. 31` alone is no such
/// shape). On such lines a number after a name is a score or a statistic,
/// never a model number.
fn is_results_line(sentence: &[&str]) -> bool {
    let lower = sentence
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    if lower < 3 {
        return true;
    }
    let capitalized = |k: usize| {
        sentence
            .get(k)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let number = |k: usize| {
        sentence
            .get(k)
            .is_some_and(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()))
    };
    (0..sentence.len()).any(|i| {
        if !(capitalized(i) && number(i + 1)) {
            return false;
        }
        let j = match sentence.get(i + 2) {
            Some(&("," | "-" | "–" | "v" | "vs" | ";")) => i + 3,
            _ => i + 2,
        };
        // `737 Max 8` is a model and its variant, not a second score.
        capitalized(j) && number(j + 1) && !is_variant(sentence[j])
    })
}

/// A line of a table, where codes are column values (`Hemina 33 05/09
/// Eleusis / UKCM W155 CNR`): a score's shape ([`is_results_line`]), or
/// fewer than three lower-case words and two numbers. A title-case
/// headline (`Kestrel Orders Boeing 777X Jets`) is no table.
fn is_table_line(sentence: &[&str]) -> bool {
    let lower = sentence
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    let numbers = sentence
        .iter()
        .filter(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        .count();
    (lower < 3 && numbers >= 2) || (lower >= 3 && is_results_line(sentence))
}

/// A nationality or an origin (`Russian`, `Chinese`, `Swedish`, `French`,
/// `Israeli`, `Russian-made`), told by the endings English demonyms take.
/// A product line with such an ending (`Titan`) is mistaken for one, and
/// then keeps its code as a product of its own: a small loss.
fn is_demonym(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ["-made", "-built", "-designed", "-owned", "-based"]
        .iter()
        .any(|s| lower.ends_with(s))
    {
        return true;
    }
    let consonant_i = lower.ends_with('i')
        && lower
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_alphabetic() && !"aeiou".contains(c));
    lower.len() >= 4
        && (["an", "ese", "ish", "ch"]
            .iter()
            .any(|s| lower.ends_with(s))
            || consonant_i
            || matches!(
                lower.as_str(),
                "thai" | "swiss" | "greek" | "welsh" | "scots"
            ))
}

/// A catalogue designation, as stars and planets are named (`TOI-2291`,
/// `Kepler-22`, `TRAPPIST-1`, `K2-18`): a word opening with a letter and
/// ending in a hyphen and digits.
fn is_catalogue_name(token: &str) -> bool {
    let Some((head, tail)) = token.rsplit_once('-') else {
        return false;
    };
    head.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && head.bytes().all(|b| b.is_ascii_alphanumeric())
        && !tail.is_empty()
        && tail.bytes().all(|b| b.is_ascii_digit())
}

/// A catalogue designation that is no generic code (`TRAPPIST-1`, but not
/// `COVID-19`), as the document memory reads them.
fn is_star_name(token: &str) -> bool {
    is_catalogue_name(token) && !is_generic_code(token)
}

/// The letter that names a planet after its star's designation (`b` to
/// `h`; `a` is the star, and an English word).
fn is_planet_letter(token: &str) -> bool {
    token.len() == 1 && token.bytes().all(|b| (b'b'..=b'h').contains(&b))
}

fn is_possessive(token: &str) -> bool {
    matches!(token, "'s" | "’s" | "'S" | "’S")
}

/// A word in capitals that designates a model (`XWB` of `Trent XWB`): two
/// to five capital letters, or a model code; not a roman numeral (`John
/// Paul II`), a generational suffix or a company form.
fn is_designation(token: &str) -> bool {
    if is_model_code(token) {
        return true;
    }
    const NOT: &[&str] = &[
        "JR", "SR", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "PLC", "LLC", "LTD",
        "INC", "AG", "SA", "NV", "BV", "SE", "CO", "CORP", "MP", "QC", "KC", "MBE", "OBE", "CBE",
        "KBE", "DBE", "MEP", "MD", "PHD",
    ];
    (2..=5).contains(&token.len())
        && token.bytes().all(|b| b.is_ascii_uppercase())
        && !NOT.contains(&token)
}

/// Past the variant words from `at` on (`Pro Max`), and a short number
/// right after one (`737 Max 8`, `Fold 5`), that no mention of sentence `s`
/// claims.
fn variants_end(
    sentence: &[&str],
    mut at: usize,
    starts: &HashMap<(usize, usize), usize>,
    s: usize,
) -> usize {
    while !starts.contains_key(&(s, at))
        && (sentence.get(at).is_some_and(|w| is_variant(w)) || numbers_a_variant(sentence, at))
    {
        at += 1;
    }
    at
}

/// Whether `sentence[at]` is a short number that numbers the variant word
/// before it (`Max 8`, `Fold 5`), not a count of what follows (`Pro 2
/// years`) or the first of a score.
fn numbers_a_variant(sentence: &[&str], at: usize) -> bool {
    let Some(&number) = sentence.get(at) else {
        return false;
    };
    at > 0
        && is_variant(sentence[at - 1])
        && number.len() <= 2
        && is_bare_number(number)
        && !sentence.get(at + 1).is_some_and(|next| {
            starts_with_digit(Some(next))
                || NOT_AFTER_A_MODEL.contains(next)
                || (next.chars().all(char::is_lowercase) && is_plural(next))
        })
}

/// Words that are only a variant (`Max`, `Pro Max`, `Max 8`), as the model
/// may tag them apart (`Max` read as a first name).
fn is_variant_run(words: &[&str]) -> bool {
    words.first().is_some_and(|w| is_variant(w))
        && (1..words.len()).all(|k| is_variant(words[k]) || numbers_a_variant(words, k))
}

/// Words that end the name of an organization that operates, sells or
/// finances products rather than naming one (`Kestrel Airways`, `Acme
/// Corp`): the organization heads and corporate suffixes the crate knows.
fn is_organization_head(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    crate::ORGANIZATION_HEADS.contains(&lower) || crate::CORPORATE_SUFFIXES.contains(&lower)
}

/// Words that open a noun phrase before a model number standing alone (`the
/// 787`, `its first 787`, `Halvard's 787`).
fn is_determiner(word: &str) -> bool {
    is_possessive(word)
        || matches!(
            word.to_lowercase().as_str(),
            "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "this"
                | "that"
                | "each"
                | "every"
                | "first"
                | "last"
                | "new"
        )
}

fn is_name_like(label: EntityLabel) -> bool {
    matches!(label, EntityLabel::Org | EntityLabel::Misc)
}

/// Applies the product rules of this module to a document's mentions
/// (`words` are its sentences' words). Mentions come and go in document
/// order; they never overlap.
pub(crate) fn product_names(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    mentions.sort_by_key(|m| (m.0, m.1));
    // Where each mention starts, to merge a name with a mention the model
    // made of its model code alone.
    let mut starts: HashMap<(usize, usize), usize> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| ((m.0, m.1), i))
        .collect();
    let mut gone = vec![false; mentions.len()];
    let mut added: Vec<Mention> = Vec::new();
    let mut accepted: HashSet<(Vec<&str>, &str)> = HashSet::new();
    // Which sentences are lines of results, each read once.
    let results: Vec<bool> = words.iter().map(|s| is_results_line(s)).collect();
    let tables: Vec<bool> = words.iter().map(|s| is_table_line(s)).collect();
    // Rules 1 to 4, and the memory of names with numbers.
    for pass in 0..2 {
        for i in 0..mentions.len() {
            if gone[i] {
                continue;
            }
            let (s, start, end, label, _) = mentions[i];
            if !is_name_like(label) {
                continue;
            }
            let sentence = &words[s];
            let Some(&next) = sentence.get(end) else {
                continue;
            };
            let name = &sentence[start..end];
            let last = name.last().copied().unwrap_or("");
            // A name ending in a word for a kind of organization (`Kestrel
            // Airways`, `Acme Corp`) flies or sells the model after it
            // rather than makes it: the code is a product of its own and
            // the name stays as it is (`Kestrel Airways` + `A350`).
            // So does a nationality (`Russian T-72`, `Taleban MiG-19`): it
            // tells who flies the model, not whose model it is.
            let operator = is_organization_head(last)
                || (label == EntityLabel::Misc && name.len() == 1 && is_demonym(last));
            // A bare number after a plural name is a count or a score
            // (`Republicans have 24 seats, Democrats 10`; `Leeds 2`), and
            // so is one on a line of results. After an organization's name
            // of several words, a number is part of that organization's
            // name (`Teamsters Local 294`, `Intermediate School 285`), not
            // a model's.
            let several_word_org = label == EntityLabel::Org && end - start >= 2;
            let number_may_follow =
                !operator && !several_word_org && !is_plural(last) && !results[s];
            let mut new_end = None;
            match starts.get(&(s, end)).copied() {
                // A mention of the code or number alone (and its variant
                // words), as the model may make of `A350-1000` or `757`.
                Some(j) if pass == 0 && !gone[j] => {
                    let (_, js, je, jl, _) = mentions[j];
                    let alone = jl != EntityLabel::Per
                        && sentence[js + 1..je].iter().all(|w| is_variant(w));
                    if alone && !tables[s] && operator && is_model_code(next) {
                        mentions[j].3 = EntityLabel::Misc;
                    } else if alone
                        && ((!tables[s] && is_model_code(next))
                            || (is_bare_number(next)
                                && number_may_follow
                                && number_names_a_model(sentence, end)))
                    {
                        gone[j] = true;
                        new_end = Some(je);
                    }
                }
                Some(_) => {}
                None if pass == 0 && !tables[s] && is_model_code(next) => {
                    if operator {
                        let e = variants_end(sentence, end + 1, &starts, s);
                        added.push((s, end, e, EntityLabel::Misc, mentions[i].4));
                    } else {
                        new_end = Some(end + 1);
                    }
                }
                None if is_bare_number(next) && number_may_follow => {
                    let known = accepted.contains(&(name.to_vec(), next));
                    if known || (pass == 0 && number_names_a_model(sentence, end)) {
                        accepted.insert((name.to_vec(), next));
                        new_end = Some(end + 1);
                    }
                }
                None => {}
            }
            let Some(mut new_end) = new_end else {
                // A name that already holds its model code is a product.
                if pass == 0 && end - start >= 2 && label == EntityLabel::Org {
                    let last = sentence[start + 1..end]
                        .iter()
                        .rposition(|w| !is_variant(w))
                        .map(|k| sentence[start + 1 + k]);
                    if last.is_some_and(is_model_code) {
                        mentions[i].3 = EntityLabel::Misc;
                    }
                }
                continue;
            };
            // Variant words run on into the name, over a mention the model
            // made of them alone too.
            loop {
                new_end = variants_end(sentence, new_end, &starts, s);
                match starts.get(&(s, new_end)).copied() {
                    Some(j)
                        if j != i
                            && !gone[j]
                            && is_variant_run(&sentence[mentions[j].1..mentions[j].2]) =>
                    {
                        gone[j] = true;
                        new_end = mentions[j].2;
                    }
                    _ => break,
                }
            }
            mentions[i].2 = new_end;
            mentions[i].3 = EntityLabel::Misc;
        }
    }
    let mut kept: Vec<Mention> = mentions
        .iter()
        .zip(&gone)
        .filter(|(_, g)| !**g)
        .map(|(m, _)| *m)
        .chain(added.drain(..))
        .collect();
    kept.sort_by_key(|m| (m.0, m.1));
    starts = kept
        .iter()
        .enumerate()
        .map(|(i, m)| ((m.0, m.1), i))
        .collect();
    // Every word some mention covers.
    let covered: HashSet<(usize, usize)> = kept
        .iter()
        .flat_map(|&(s, start, end, _, _)| (start..end).map(move |k| (s, k)))
        .collect();
    // Rules 5 and 6: after a possessive, and planet letters.
    for m in kept.iter_mut() {
        let (s, start, end, label, score) = *m;
        let sentence = &words[s];
        // A "person" after any name's possessive whose last word is a
        // designation in capitals (`Rolls-Royce's Trent XWB`, even where
        // the model missed the maker): people's names end in no such word,
        // save the suffixes and post-nominals [`is_designation`] leaves out.
        if label == EntityLabel::Per
            && end - start >= 2
            && start >= 2
            && is_possessive(sentence[start - 1])
            && sentence[start - 2]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && sentence[start].chars().any(char::is_lowercase)
            && is_designation(sentence[end - 1])
        {
            m.3 = EntityLabel::Misc;
        }
        // A model code after an organization's possessive, which the model
        // left untagged (`GE Aerospace's GE9X`).
        if is_name_like(label)
            && sentence.get(end).is_some_and(|w| is_possessive(w))
            && sentence.get(end + 1).is_some_and(|w| is_model_code(w))
            && !covered.contains(&(s, end + 1))
        {
            let e = variants_end(sentence, end + 2, &starts, s);
            added.push((s, end + 1, e, EntityLabel::Misc, score));
        }
        if label != EntityLabel::Per
            && end > start
            && is_catalogue_name(sentence[end - 1])
            && sentence.get(end).is_some_and(|w| is_planet_letter(w))
            && !covered.contains(&(s, end))
        {
            m.2 = end + 1;
        }
    }
    kept.extend(added);
    kept.sort_by_key(|m| (m.0, m.1));
    remember_families(words, &results, &mut kept);
    *mentions = kept;
}

/// Rule 7: model codes standing alone. Every MISC mention that holds a
/// model code makes its family known ([`family`]); then a word of a known
/// family that no mention covers (`777X`, `777-9` after `Boeing 777X`), or
/// a mention of that word alone under another type, is MISC. A code whose
/// family the document never named as a product is left alone: on its own
/// it may be a road (`M25`), a form or a grade.
fn remember_families(words: &[Vec<&str>], results: &[bool], mentions: &mut Vec<Mention>) {
    let mut families: HashSet<String> = HashSet::new();
    for &(s, start, end, label, _) in mentions.iter() {
        if label == EntityLabel::Misc {
            for (k, w) in words[s][start..end].iter().enumerate() {
                if is_model_code(w) || is_star_name(w) {
                    families.extend(family(w));
                }
                // The model number of `Boeing 787` makes `787-9` known too;
                // not a round one (`FTSE 100`), lest a range (`100-120`)
                // pass for a model.
                if k > 0 && w.len() >= 3 && is_bare_number(w) && !w.ends_with('0') {
                    families.insert(w.to_string());
                }
            }
        }
    }
    if families.is_empty() {
        return;
    }
    let known = |w: &str| {
        (is_model_code(w) || is_numbered_variant(w) || is_star_name(w))
            && family(w).is_some_and(|f| families.contains(&f))
    };
    let mut added: Vec<Mention> = Vec::new();
    let mut next = 0;
    for (s, sentence) in words.iter().enumerate() {
        let mut k = 0;
        while k < sentence.len() {
            // Skip over the mentions of this sentence, relabelling a lone code.
            while next < mentions.len() && mentions[next].0 < s {
                next += 1;
            }
            if let Some(m) = mentions.get_mut(next) {
                if m.0 == s && m.1 <= k {
                    if m.2 == m.1 + 1 && m.3 != EntityLabel::Misc && known(sentence[m.1]) {
                        m.3 = EntityLabel::Misc;
                    }
                    k = k.max(m.2);
                    next += 1;
                    continue;
                }
            }
            let mention_start = mentions
                .get(next)
                .filter(|m| m.0 == s)
                .map_or(sentence.len(), |m| m.1);
            if known(sentence[k]) {
                let mut e = k + 1;
                while e < mention_start && sentence.get(e).is_some_and(|w| is_variant(w)) {
                    e += 1;
                }
                if is_catalogue_name(sentence[k])
                    && e < mention_start
                    && sentence.get(e).is_some_and(|w| is_planet_letter(w))
                {
                    e += 1;
                }
                added.push((s, k, e, EntityLabel::Misc, 0.5));
                k = e;
            } else if families.contains(sentence[k])
                && k > 0
                && is_determiner(sentence[k - 1])
                && !results[s]
                && number_names_a_model(sentence, k)
            {
                // A known model number alone, as a noun phrase's head
                // (`the 787`, `Halvard's 787`), read as the model number
                // after a name is: no count or year (`the 787 passengers`
                // is a count only of a round or short number).
                let e = (k + 1..mention_start)
                    .find(|&e| !is_variant(sentence[e]))
                    .unwrap_or(mention_start);
                added.push((s, k, e, EntityLabel::Misc, 0.5));
                k = e;
            } else {
                k += 1;
            }
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.0, m.1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::{Loc, Misc, Org, Per};

    fn words(sentences: &[&'static str]) -> Vec<Vec<&'static str>> {
        sentences.iter().map(|s| s.split(' ').collect()).collect()
    }

    /// The mentions' words and labels, for readable assertions.
    fn shown(words: &[Vec<&str>], mentions: &[Mention]) -> Vec<(String, EntityLabel)> {
        mentions
            .iter()
            .map(|&(s, a, b, l, _)| (words[s][a..b].join(" "), l))
            .collect()
    }

    fn run(
        sentences: &[&'static str],
        mentions: &[(usize, usize, usize, EntityLabel)],
    ) -> Vec<(String, EntityLabel)> {
        let w = words(sentences);
        let mut m: Vec<Mention> = mentions
            .iter()
            .map(|&(s, a, b, l)| (s, a, b, l, 0.9))
            .collect();
        product_names(&w, &mut m);
        shown(&w, &m)
    }

    fn pairs(list: &[(&str, EntityLabel)]) -> Vec<(String, EntityLabel)> {
        list.iter().map(|(t, l)| (t.to_string(), *l)).collect()
    }

    #[test]
    fn model_codes_and_generic_codes() {
        for code in [
            "A350",
            "777X",
            "A321neo",
            "GE9X",
            "A350-1000",
            "777-300ER",
            "S24",
            "X5",
        ] {
            assert!(is_model_code(code), "{code}");
        }
        for not in [
            "2024",
            "4th",
            "1990s",
            "COVID",
            "Q3",
            "H1",
            "G7",
            "G20",
            "U21",
            "U-23",
            "Under-21",
            "FY2024",
            "FY24",
            "5G",
            "3D",
            "4K",
            "10K",
            "3Q",
            "10-K",
            "8-K",
            "COVID-19",
            "Covid-19",
            "SARS-CoV-2",
            "500CC",
            "100MW",
            "H1N1",
            "CO2",
            "2-1",
            "-A1",
            "A1-",
            "MP3",
        ] {
            assert!(!is_model_code(not), "{not}");
        }
    }

    #[test]
    fn families_of_codes() {
        assert_eq!(family("777X").as_deref(), Some("777"));
        assert_eq!(family("777-9").as_deref(), Some("777"));
        assert_eq!(family("A350-1000").as_deref(), Some("A350"));
        assert_eq!(family("TOI-2291").as_deref(), Some("TOI2291"));
        assert_eq!(family("2-1"), None);
        assert!(is_numbered_variant("777-9") && !is_numbered_variant("2-1"));
    }

    #[test]
    fn a_name_runs_on_over_its_model_code() {
        let got = run(
            &["Kestrel will buy Boeing 777X jets and Airbus A321neo Pro aircraft ."],
            &[(0, 0, 1, Org), (0, 3, 4, Org), (0, 7, 8, Misc)],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Kestrel", Org),
                ("Boeing 777X", Misc),
                ("Airbus A321neo Pro", Misc)
            ])
        );
        // People and places keep what follows them: `Jassy A1`, `London SW1`.
        let got = run(
            &["Jassy A1 met in London SW1 ."],
            &[(0, 0, 1, Per), (0, 4, 5, Loc)],
        );
        assert_eq!(got, pairs(&[("Jassy", Per), ("London", Loc)]));
        // Periods, generations and diseases are no model codes.
        let got = run(
            &["Apple Q3 sales and Vodafone 5G masts and Pfizer COVID-19 shots rose ."],
            &[(0, 0, 1, Org), (0, 4, 5, Org), (0, 8, 9, Org)],
        );
        assert_eq!(
            got,
            pairs(&[("Apple", Org), ("Vodafone", Org), ("Pfizer", Org)])
        );
    }

    #[test]
    fn an_operator_keeps_its_name_beside_the_product() {
        let got = run(
            &["Kestrel Airways A350 jets and Acme Corp. X5 Pro phones and Zeta Group 757 jets ."],
            &[(0, 0, 2, Org), (0, 5, 7, Org), (0, 11, 13, Org)],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Kestrel Airways", Org),
                ("A350", Misc),
                ("Acme Corp.", Org),
                ("X5 Pro", Misc),
                ("Zeta Group", Org),
            ])
        );
        // A code the model tagged on its own is the product all the same.
        let got = run(
            &["Kestrel Airways A350 jets ."],
            &[(0, 0, 2, Org), (0, 2, 3, Org)],
        );
        assert_eq!(got, pairs(&[("Kestrel Airways", Org), ("A350", Misc)]));
    }

    #[test]
    fn an_organization_of_several_words_keeps_its_number() {
        let got = run(
            &["The head of Teamsters Local 294 and Intermediate School 285 spoke ."],
            &[(0, 3, 5, Org), (0, 7, 9, Org)],
        );
        assert_eq!(
            got,
            pairs(&[("Teamsters Local", Org), ("Intermediate School", Org)])
        );
        // A product of several words does take one (`Super Bowl 50`).
        let got = run(
            &["He watched Super Bowl 50 on the sofa at home ."],
            &[(0, 2, 4, Misc)],
        );
        assert_eq!(got, pairs(&[("Super Bowl 50", Misc)]));
    }

    #[test]
    fn a_nationality_keeps_its_name_beside_the_product() {
        let got = run(
            &["A captured Russian T-72 tank and a Taleban MiG-19 jet and the iPhone X7 ."],
            &[(0, 2, 3, Misc), (0, 7, 8, Misc), (0, 12, 13, Misc)],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Russian", Misc),
                ("T-72", Misc),
                ("Taleban", Misc),
                ("MiG-19", Misc),
                ("iPhone X7", Misc),
            ])
        );
        assert!(is_demonym("Chinese") && is_demonym("Israeli") && is_demonym("Russian-made"));
        assert!(!is_demonym("Nikkei") && !is_demonym("iPhone") && !is_demonym("Pixel"));
    }

    #[test]
    fn a_table_takes_no_codes() {
        let got = run(
            &["Hemina 33 05/09 Eleusis / UKCM W155 CNR ."],
            &[(0, 5, 6, Org)],
        );
        assert_eq!(got, pairs(&[("UKCM", Org)]));
        assert!(!is_table_line(&[
            "Kestrel", "Orders", "Boeing", "777X", "Jets"
        ]));
    }

    #[test]
    fn a_plural_name_takes_no_number() {
        let got = run(
            &["Republicans have 24 seats up in November , Democrats 10 ."],
            &[(0, 0, 1, Misc), (0, 8, 9, Misc)],
        );
        assert_eq!(got, pairs(&[("Republicans", Misc), ("Democrats", Misc)]));
        // `Airbus` is no plural.
        let got = run(&["It flew the Airbus 320 until 2010 ."], &[(0, 3, 4, Org)]);
        assert_eq!(got, pairs(&[("Airbus 320", Misc)]));
    }

    #[test]
    fn a_name_and_its_separate_code_merge() {
        let got = run(
            &["It bought 16 Airbus A350-1000 aircraft ."],
            &[(0, 3, 4, Org), (0, 4, 5, Misc)],
        );
        assert_eq!(got, pairs(&[("Airbus A350-1000", Misc)]));
        // Two names side by side stay two when the second is no code.
        let got = run(
            &["Airbus Boeing rivalry grew ."],
            &[(0, 0, 1, Org), (0, 1, 2, Org)],
        );
        assert_eq!(got, pairs(&[("Airbus", Org), ("Boeing", Org)]));
        // An organization that already holds its code is the product.
        let got = run(&["The Boeing 777X flew ."], &[(0, 1, 3, Org)]);
        assert_eq!(got, pairs(&[("Boeing 777X", Misc)]));
    }

    #[test]
    fn a_name_runs_on_over_a_model_number() {
        let got = run(
            &[
                "It will retire its last Boeing 757 jets by the end of the year .",
                "The Nikkei 225 index rose , and so did the S&P 500 to a record .",
                "The iPhone 15 Pro beat the Pixel 9 in a test .",
            ],
            &[
                (0, 5, 6, Misc),
                (1, 1, 2, Misc),
                (1, 10, 11, Org),
                (2, 1, 2, Misc),
                (2, 6, 7, Misc),
            ],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Boeing 757", Misc),
                ("Nikkei 225", Misc),
                ("S&P 500", Misc),
                ("iPhone 15 Pro", Misc),
                // A single digit with no variant word may be a score.
                ("Pixel", Misc),
            ])
        );
        // A variant the model read as a name, and its number, run on too;
        // a count after a variant stays out.
        let got = run(
            &[
                "The airline flies the Boeing 737 Max 8 and the FTSE 250 company too .",
                "The Pixel 9 Pro 2 years ago was its best phone .",
            ],
            &[
                (0, 4, 5, Org),
                (0, 6, 7, Per),
                (0, 10, 11, Misc),
                (1, 1, 2, Misc),
            ],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Boeing 737 Max 8", Misc),
                ("FTSE 250", Misc),
                ("Pixel 9 Pro", Misc),
            ])
        );
    }

    #[test]
    fn scores_counts_and_years_are_no_model_numbers() {
        let got = run(
            &[
                "Apple 2023 revenue rose , analysts said on the day .",
                "The deal gave Boeing 50 jets worth of work , it said .",
                "The deal gave Boeing 10 percent of the market , it said .",
                "Leeds 2 Arsenal 1",
                "Chicago 103 Boston 96",
                "Lancashire 350 and 126-3 ( Smith 60 ) .",
                "The index closed at Acme 25 Zeta 12 in late trade .",
                "Surrey 250 ( Stewart 60 ) , rain stopped play at tea .",
                "Later that day the Lakers 110 to 95 win was over , he said .",
                "( Finland ) McLaren 171 laps - 6 hours 18 minutes",
            ],
            &[
                (0, 0, 1, Org),
                (1, 3, 4, Org),
                (2, 3, 4, Org),
                (3, 0, 1, Org),
                (3, 2, 3, Org),
                (4, 0, 1, Org),
                (4, 2, 3, Org),
                (5, 0, 1, Org),
                (6, 4, 5, Org),
                (7, 0, 1, Org),
                (8, 4, 5, Org),
                (9, 3, 4, Org),
            ],
        );
        let expected: Vec<(String, EntityLabel)> = [
            "Apple",
            "Boeing",
            "Boeing",
            "Leeds",
            "Arsenal",
            "Chicago",
            "Boston",
            "Lancashire",
            "Acme",
            "Surrey",
            "Lakers",
            "McLaren",
        ]
        .iter()
        .map(|t| (t.to_string(), Org))
        .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_results_line_is_told_apart() {
        assert!(is_results_line(&["Leeds", "2", "Arsenal", "1"]));
        assert!(is_results_line(&["Essex", "10", "5", "3", "2", "15"]));
        assert!(is_results_line(&[
            "Results",
            "were",
            "mixed",
            ":",
            "Bath",
            "28",
            ",",
            "Leicester",
            "20",
            "."
        ]));
        assert!(!is_results_line(&[
            "The", "FTSE", "250", "fell", "in", "early", "trade", "."
        ]));
        // A date after a name is no second score.
        assert!(!is_results_line(&[
            "It", "will", "retire", "its", "Boeing", "757", "jets", "by", "Dec.", "31", "."
        ]));
    }

    #[test]
    fn a_number_accepted_once_is_accepted_again() {
        // `Boeing 720 ,` is a model number; the memory carries it to
        // `Boeing 720 planes`, which alone reads as a count (a round number
        // before a plural), but not to another number.
        let got = run(
            &[
                "Rivals still fly the Boeing 720 , an old jet .",
                "It flew Boeing 720 planes for years after that .",
                "It flew Boeing 72 planes for years after that .",
            ],
            &[(0, 4, 5, Misc), (1, 2, 3, Misc), (2, 2, 3, Misc)],
        );
        assert_eq!(
            got,
            pairs(&[("Boeing 720", Misc), ("Boeing 720", Misc), ("Boeing", Misc)])
        );
    }

    #[test]
    fn an_organizations_possessive_introduces_its_product() {
        let got = run(
            &["It uses Rolls-Royce 's Trent XWB engine and GE Aerospace 's GE9X ."],
            &[(0, 2, 3, Org), (0, 4, 6, Per), (0, 8, 10, Org)],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Rolls-Royce", Org),
                ("Trent XWB", Misc),
                ("GE Aerospace", Org),
                ("GE9X", Misc),
            ])
        );
        // A person's post-nominals, and a period after a possessive, stay.
        let got = run(
            &["Acme 's John Smith MBE said Acme 's Q3 rose ."],
            &[(0, 0, 1, Org), (0, 2, 5, Per), (0, 6, 7, Org)],
        );
        assert_eq!(
            got,
            pairs(&[("Acme", Org), ("John Smith MBE", Per), ("Acme", Org)])
        );
    }

    #[test]
    fn a_planet_keeps_its_letter() {
        let got = run(
            &["The planet TOI-2291 b is small , unlike ( b ) Acme-2 ."],
            &[(0, 2, 3, Misc)],
        );
        assert_eq!(got, pairs(&[("TOI-2291 b", Misc)]));
        assert!(is_catalogue_name("TRAPPIST-1") && is_catalogue_name("K2-18"));
        assert!(!is_catalogue_name("2-1") && !is_catalogue_name("well-being"));
        // A disease's name is no star's, for the document memory.
        assert!(is_star_name("TRAPPIST-1") && !is_star_name("COVID-19"));
        let got = run(
            &[
                "The COVID-19 vaccine , Acme said .",
                "COVID-19 cases rose .",
            ],
            &[(0, 1, 2, Misc), (0, 4, 5, Org)],
        );
        assert_eq!(got, pairs(&[("COVID-19", Misc), ("Acme", Org)]));
    }

    #[test]
    fn a_document_remembers_its_product_families() {
        let got = run(
            &[
                "Kestrel will buy Boeing 777X jets .",
                "The 777-9 , one of two 777X models , is larger than the A350 .",
                "It scored 2-1 , 777 people flew , and 300-400 jets and M25 too .",
            ],
            &[(0, 0, 1, Org), (0, 3, 4, Org), (1, 6, 7, Org)],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Kestrel", Org),
                ("Boeing 777X", Misc),
                ("777-9", Misc),
                ("777X", Misc),
            ])
        );
        // A product's model number makes its variants known; a round one
        // does not make a range a product.
        let got = run(
            &[
                "It flies the Boeing 787 and the FTSE 100 fell .",
                "The 787-9 is longer , and 100-120 seats .",
                "Its first 787 arrived , the 100 index fell and 787 people flew .",
                "The 787 flew on , and prices rose 787 points .",
            ],
            &[(0, 3, 4, Org), (0, 7, 8, Misc)],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Boeing 787", Misc),
                ("FTSE 100", Misc),
                ("787-9", Misc),
                ("787", Misc),
                ("787", Misc),
            ])
        );
        // With no product named, codes standing alone are left alone.
        let got = run(&["The 777X and the 777-9 flew ."], &[]);
        assert!(got.is_empty());
    }
}
