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
use words::*;

mod named;
mod words;

pub(crate) use named::named_products;

/// A mention: sentence, first word, one past the last word, type, score.
pub(crate) type Mention = (usize, usize, usize, EntityLabel, f32);

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

fn is_name_like(label: EntityLabel) -> bool {
    matches!(label, EntityLabel::Org | EntityLabel::Misc)
}

/// Applies the product rules of this module to a document's mentions
/// (`words` are its sentences' words). Mentions come and go in document
/// order; they never overlap.
///
/// The rules run in three steps, each over what the one before settled:
/// names run on over the codes and numbers after them (rules 1 to 4,
/// [`NameRun`]); the possessives and planet letters around the names so
/// merged are read next (rules 5 and 6, [`possessives_and_planets`]), as
/// they look for words no mention covers; the document's product families
/// come last (rule 7, [`remember_families`]), as they are learnt from the
/// products the first two steps found.
pub(crate) fn product_names(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    mentions.sort_by_key(|m| (m.0, m.1));
    cut_variant_run_ons(words, mentions);
    join_cut_variants(words, mentions);
    // Which sentences are lines of results or tables, each read once.
    let results: Vec<bool> = words.iter().map(|s| is_results_line(s)).collect();
    let tables: Vec<bool> = words.iter().map(|s| is_table_line(s)).collect();
    let mut kept = NameRun::new(words, &results, &tables, std::mem::take(mentions)).run();
    possessives_and_planets(words, &mut kept);
    remember_families(words, &results, &mut kept);
    // Once more: the families' codes are new mentions.
    join_cut_variants(words, &mut kept);
    *mentions = kept;
}

/// A mention of variant words alone right after a mention that ends in a
/// model code (`X2` and `Pro`, as the tagger and [`cut_variant_run_ons`]
/// leave `X2 Pro phone`) joins it: one product.
fn join_cut_variants(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    let mut joined: Vec<Mention> = Vec::with_capacity(mentions.len());
    for &mention in mentions.iter() {
        let (s, start, end, _, _) = mention;
        let variants_only = words[s][start..end].iter().all(|w| is_variant(w));
        match joined.last_mut() {
            Some(last)
                if variants_only
                    && last.0 == s
                    && last.2 == start
                    && last.3 != EntityLabel::Per
                    && is_model_code(words[s][start - 1]) =>
            {
                last.2 = end;
                last.3 = EntityLabel::Misc;
            }
            _ => joined.push(mention),
        }
    }
    *mentions = joined;
}

/// A mention that opens with a variant word and runs on into lower-case
/// words (`Pro smartphone on Sunday`, `Pro phones in`: the tagger's
/// run-on after `Vantor X2`) is cut to its variant words, left for the
/// rules that join a variant to its model.
fn cut_variant_run_ons(words: &[Vec<&str>], mentions: &mut [Mention]) {
    for (s, start, end, _, _) in mentions.iter_mut() {
        let sentence = &words[*s];
        if !is_variant(sentence[*start]) {
            continue;
        }
        let variants = variants_end(sentence, *start, &HashMap::new(), *s);
        let runs_on = sentence
            .get(variants)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
        if variants < *end && runs_on {
            *end = variants;
        }
    }
}

/// What a name's own words tell about the code or number after it.
#[derive(Clone, Copy)]
struct NameShape {
    /// The name operates, sells or flies the model rather than makes it,
    /// so the code after it is a product of its own.
    operator: bool,
    /// A bare number after the name may be its model number.
    number_may_follow: bool,
}

/// The [`NameShape`] of a `label` mention over `name`, in a sentence that
/// is a line of results or not.
fn name_shape(name: &[&str], label: EntityLabel, results_line: bool) -> NameShape {
    let last = name.last().copied().unwrap_or("");
    // A name ending in a word for a kind of organization (`Kestrel
    // Airways`, `Acme Corp`) flies or sells the model after it rather than
    // makes it: the code is a product of its own and the name stays as it
    // is (`Kestrel Airways` + `A350`). So does a nationality (`Russian
    // T-72`, `Taleban MiG-19`): it tells who flies the model, not whose
    // model it is.
    let operator = is_organization_head(last)
        || (label == EntityLabel::Misc && name.len() == 1 && is_demonym(last));
    // A bare number after a plural name is a count or a score (`Republicans
    // have 24 seats, Democrats 10`; `Leeds 2`), and so is one on a line of
    // results. After an organization's name of several words, a number is
    // part of that organization's name (`Teamsters Local 294`,
    // `Intermediate School 285`), not a model's.
    let several_word_org = label == EntityLabel::Org && name.len() >= 2;
    NameShape {
        operator,
        number_may_follow: !operator && !several_word_org && !is_plural(last) && !results_line,
    }
}

/// Rules 1 to 4: names that run on over the model code or number after
/// them. The state lives in one place because one mention's merge removes
/// another (the code the model tagged alone), and a name and number read
/// as a product at one mention are read so at every other.
struct NameRun<'a, 'w> {
    words: &'a [Vec<&'w str>],
    results: &'a [bool],
    tables: &'a [bool],
    mentions: Vec<Mention>,
    /// Where each mention starts, to merge a name with a mention the model
    /// made of its model code alone.
    starts: HashMap<(usize, usize), usize>,
    /// Mentions merged into the name before them.
    gone: Vec<bool>,
    /// Products of their own, after an operator's name.
    added: Vec<Mention>,
    /// The names and numbers read as products.
    accepted: HashSet<(Vec<&'w str>, &'w str)>,
}

impl<'a, 'w> NameRun<'a, 'w> {
    /// The state over `mentions`, sorted in document order.
    fn new(
        words: &'a [Vec<&'w str>],
        results: &'a [bool],
        tables: &'a [bool],
        mentions: Vec<Mention>,
    ) -> Self {
        let starts = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| ((m.0, m.1), i))
            .collect();
        let gone = vec![false; mentions.len()];
        NameRun {
            words,
            results,
            tables,
            mentions,
            starts,
            gone,
            added: Vec::new(),
            accepted: HashSet::new(),
        }
    }

    /// Two passes over the names: the first reads each on its own words;
    /// the second accepts a name and number the first accepted at a later
    /// mention at the earlier ones too. Returns the mentions left, with
    /// the operators' products, in document order.
    fn run(mut self) -> Vec<Mention> {
        for pass in 0..2 {
            for i in 0..self.mentions.len() {
                if !self.gone[i] && is_name_like(self.mentions[i].3) {
                    self.visit(pass, i);
                }
            }
        }
        let mut kept: Vec<Mention> = self
            .mentions
            .iter()
            .zip(&self.gone)
            .filter(|(_, g)| !**g)
            .map(|(m, _)| *m)
            .chain(self.added)
            .collect();
        kept.sort_by_key(|m| (m.0, m.1));
        kept
    }

    /// One organization or MISC name, `mentions[i]`, on `pass`.
    fn visit(&mut self, pass: usize, i: usize) {
        let words = self.words;
        let (s, start, end, label, _) = self.mentions[i];
        if end >= words[s].len() {
            return;
        }
        let shape = name_shape(&words[s][start..end], label, self.results[s]);
        match self.end_over_model(pass, i, shape) {
            Some(new_end) => self.run_over_variants(i, new_end),
            None if pass == 0 => self.relabel_if_holding_code(i),
            None => {}
        }
    }

    /// Where the name `mentions[i]` ends once it runs on over the code or
    /// number after it, or `None` where it does not. An operator's code
    /// becomes a product of its own here instead (rule 4).
    fn end_over_model(&mut self, pass: usize, i: usize, shape: NameShape) -> Option<usize> {
        let words = self.words;
        let (s, start, end, _, score) = self.mentions[i];
        let sentence = &words[s];
        let next = *sentence.get(end)?;
        let table = self.tables[s];
        match self.starts.get(&(s, end)).copied() {
            // A mention of the code or number alone (and its variant
            // words), as the model may make of `A350-1000` or `757`.
            Some(j) if pass == 0 && !self.gone[j] => {
                let (_, js, je, jl, _) = self.mentions[j];
                let alone =
                    jl != EntityLabel::Per && sentence[js + 1..je].iter().all(|w| is_variant(w));
                if alone && !table && shape.operator && is_model_code(next) {
                    self.mentions[j].3 = EntityLabel::Misc;
                } else if alone
                    && ((!table && is_model_code(next))
                        || (is_bare_number(next)
                            && shape.number_may_follow
                            && number_names_a_model(sentence, end)))
                {
                    self.gone[j] = true;
                    return Some(je);
                }
                None
            }
            Some(_) => None,
            None if pass == 0 && !table && is_model_code(next) => {
                if !shape.operator {
                    return Some(end + 1);
                }
                let e = variants_end(sentence, end + 1, &self.starts, s);
                self.added.push((s, end, e, EntityLabel::Misc, score));
                None
            }
            None if is_bare_number(next) && shape.number_may_follow => {
                let key = (sentence[start..end].to_vec(), next);
                let known = self.accepted.contains(&key);
                if !(known || (pass == 0 && number_names_a_model(sentence, end))) {
                    return None;
                }
                self.accepted.insert(key);
                Some(end + 1)
            }
            None => None,
        }
    }

    /// An organization's name of several words that already holds its
    /// model code (`Boeing 777X` tagged whole as ORG) is a product.
    fn relabel_if_holding_code(&mut self, i: usize) {
        let words = self.words;
        let (s, start, end, label, _) = self.mentions[i];
        if end - start < 2 || label != EntityLabel::Org {
            return;
        }
        let sentence = &words[s];
        let last = sentence[start + 1..end]
            .iter()
            .rposition(|w| !is_variant(w))
            .map(|k| sentence[start + 1 + k]);
        if last.is_some_and(is_model_code) {
            self.mentions[i].3 = EntityLabel::Misc;
        }
    }

    /// The name `mentions[i]`, run on to `new_end`, takes the variant words
    /// after it too (`Boeing 737 Max 8`), over a mention the model made of
    /// them alone as well (`Max` read as a first name), and is a product.
    fn run_over_variants(&mut self, i: usize, mut new_end: usize) {
        let words = self.words;
        let s = self.mentions[i].0;
        let sentence = &words[s];
        loop {
            new_end = variants_end(sentence, new_end, &self.starts, s);
            match self.starts.get(&(s, new_end)).copied() {
                Some(j)
                    if j != i
                        && !self.gone[j]
                        && is_variant_run(&sentence[self.mentions[j].1..self.mentions[j].2]) =>
                {
                    self.gone[j] = true;
                    new_end = self.mentions[j].2;
                }
                _ => break,
            }
        }
        self.mentions[i].2 = new_end;
        self.mentions[i].3 = EntityLabel::Misc;
    }
}

/// Rules 5 and 6, on the mentions once names have run on over their model
/// codes (so that a code already merged is not read again): a "person"
/// after a possessive that ends in a designation is a product, a model
/// code after an organization's possessive is one, and a catalogue
/// designation takes the planet letter after it.
fn possessives_and_planets(words: &[Vec<&str>], mentions: &mut Vec<Mention>) {
    let starts: HashMap<(usize, usize), usize> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| ((m.0, m.1), i))
        .collect();
    // Every word some mention covers.
    let covered: HashSet<(usize, usize)> = mentions
        .iter()
        .flat_map(|&(s, start, end, _, _)| (start..end).map(move |k| (s, k)))
        .collect();
    let mut added: Vec<Mention> = Vec::new();
    for m in mentions.iter_mut() {
        let (s, start, end, label, score) = *m;
        let sentence = &words[s];
        if label == EntityLabel::Per && is_product_after_possessive(sentence, start, end) {
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
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.0, m.1));
}

/// Whether a "person" over `sentence[start..end]` is a product: after any
/// name's possessive, and ending in a designation in capitals
/// (`Rolls-Royce's Trent XWB`, even where the model missed the maker).
/// People's names end in no such word, save the suffixes and
/// post-nominals [`is_designation`] leaves out.
fn is_product_after_possessive(sentence: &[&str], start: usize, end: usize) -> bool {
    end - start >= 2
        && start >= 2
        && is_possessive(sentence[start - 1])
        && sentence[start - 2]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && sentence[start].chars().any(char::is_lowercase)
        && is_designation(sentence[end - 1])
}

/// Rule 7: model codes standing alone. Every MISC mention that holds a
/// model code makes its family known ([`family`]); then a word of a known
/// family that no mention covers (`777X`, `777-9` after `Boeing 777X`), or
/// a mention of that word alone under another type, is MISC. A code whose
/// family the document never named as a product is left alone: on its own
/// it may be a road (`M25`), a form or a grade.
fn remember_families(words: &[Vec<&str>], results: &[bool], mentions: &mut Vec<Mention>) {
    let families = product_families(words, mentions);
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

/// The product families a document names ([`family`]): those of the
/// model codes and catalogue designations inside its MISC mentions, and
/// the model numbers after a name (`787` of `Boeing 787`), which rule 7
/// then reads where they stand alone.
fn product_families(words: &[Vec<&str>], mentions: &[Mention]) -> HashSet<String> {
    let mut families: HashSet<String> = HashSet::new();
    for &(s, start, end, label, _) in mentions {
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
    families
}

#[cfg(test)]
mod tests;
