//! The quantity grammar: one left-to-right pass over the tokens that only
//! does work at digits, currency symbols and lexicon words.
//!
//! This module holds the pass itself ([`Parser::step`]: a number's core,
//! then its unit, range and hedges), the token helpers and the checks that
//! set years, days, clock times and codes aside. The grammar's parts are
//! modules of their own: [`numerals`] (digits, number words, scales,
//! fractions), [`vague`] (`several hundred`), [`money`] (currencies and
//! percentages), [`measures`] (units of measure and ages), [`ranges`]
//! (ranges, and changes that are none) and [`hedges`] (`about`, `more
//! than`, `or more`). Changes (`rose 12%`) are read after the pass, in
//! `crate::change`.

use crate::lexicon::{currency_symbol, dollar_prefix, iso_code, vulgar_fraction, Lex};
use crate::scan::{Kind, Tok};
use crate::units::{self, Measure};
use newsie_core::{Bound, Dimension};

mod hedges;
mod measures;
mod money;
mod numerals;
mod ranges;
mod vague;

use hedges::Dir;

/// What a found quantity is, before it becomes a [`newsie_core::Quantity`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum QKind {
    Cardinal,
    Ordinal,
    Money,
    Percent,
    Range,
}

/// A quantity over tokens `[s, e)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub s: usize,
    pub e: usize,
    pub kind: QKind,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approximate: bool,
    pub unit: Option<&'static str>,
    /// The side a hedge bounds the value from (`more than 40`).
    pub bound: Option<Bound>,
    /// A unit of measure (`120 miles`, `512GB`, an age).
    pub measure: Option<Measure>,
}

/// The outcome of trying to read a quantity at one token.
pub(crate) enum Step {
    /// A quantity; scanning goes on at its end.
    Found(Found),
    /// Not a quantity (a year, a date, a name); scanning goes on at the index.
    Skip(usize),
    /// Nothing here; scanning goes on at the next token.
    Nothing,
}

/// One amount: a number with its scale, currency or percent sign.
#[derive(Debug, Clone, Copy)]
struct Amt {
    s: usize,
    e: usize,
    kind: QKind,
    value: f64,
    unit: Option<&'static str>,
    /// The multiplier a scale word or suffix applied (1 when none).
    scale: f64,
    /// A lone integer written in digits with no separator, sign or unit.
    bare: bool,
    /// `(low, high)` of a vague amount.
    vague: Option<(f64, f64)>,
    /// The unit came from a suffix (`10-15%`): it may be shared leftwards.
    unit_after: bool,
    /// A unit of measure glued to the digits (`512GB`).
    measure: Option<Measure>,
}

/// A number composed from words and digits.
#[derive(Debug, Clone, Copy)]
struct Composed {
    value: f64,
    end: usize,
    atoms: usize,
    ordinal: bool,
    plural: bool,
    /// The largest scale word used (1 when none).
    scale: f64,
    /// The number is one digit token (possibly with glued suffix handled by the caller).
    digits_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    None,
    Unit,
    Tens,
    Digit,
    Hundred,
    Scale,
}

pub(crate) struct Parser<'a> {
    pub text: &'a str,
    pub t: &'a [Tok],
    pub bare_vague: bool,
}

/// Parses the digits of a number token (`1,250.5`, `.08`, `1 234`).
/// `None` for dotted versions and addresses (`192.168.1.2`).
fn digits_value(s: &str) -> Option<f64> {
    // A decimal comma (`5,00`, `1.111,11`): the scanner only joins one when
    // one or two digits end the number after the last comma, a form no
    // thousands grouping (western or Indian) has.
    let point = match s.rfind(',') {
        Some(c) if (2..=3).contains(&(s.len() - c)) && !s[c + 1..].contains('.') => b',',
        _ => b'.',
    };
    let mut int: u64 = 0;
    let mut big = 0f64;
    let mut overflow = false;
    let mut frac = 0f64;
    let mut frac_scale = 1f64;
    let mut dots = 0;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                let d = u64::from(b - b'0');
                if dots == 0 {
                    if !overflow {
                        match int.checked_mul(10).and_then(|v| v.checked_add(d)) {
                            Some(v) => int = v,
                            None => {
                                overflow = true;
                                big = int as f64 * 10.0 + d as f64;
                            }
                        }
                    } else {
                        big = big * 10.0 + d as f64;
                    }
                } else {
                    frac_scale /= 10.0;
                    frac += d as f64 * frac_scale;
                }
            }
            _ if b == point => {
                dots += 1;
                if dots > 1 {
                    return None;
                }
            }
            // Group separators and spaces carry no value.
            _ => {}
        }
    }
    let whole = if overflow { big } else { int as f64 };
    Some(whole + frac)
}

/// Whether a `G` after these digits is the SI giga prefix. `4G`, `5G`,
/// `2.5G` name network generations and `9G` a g-force, so only digits
/// that fit neither take it: grouped thousands or a bare decimal point.
fn giga_digits(s: &str) -> bool {
    s.starts_with('.') || s.contains(',')
}

fn plain_int(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

impl<'a> Parser<'a> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }
    fn lex(&self, i: usize) -> Lex {
        self.t.get(i).map_or(Lex::Other, |t| t.lex)
    }
    fn str_of(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| &self.text[t.start..t.end])
    }
    fn is_sym(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is_sym(c))
    }
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.glued)
    }
    fn is_hyphen(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| matches!(t.kind, Kind::Sym('-' | '–' | '—' | '‐')))
    }
    /// Whether token `i` ends a phrase: end of text or punctuation.
    fn phrase_end(&self, i: usize) -> bool {
        match self.t.get(i) {
            None => true,
            Some(t) => matches!(t.kind, Kind::Sym(c) if !matches!(c, '-' | '$' | '%')),
        }
    }

    /// Whether the scan should try a quantity at token `i`.
    pub fn candidate(&self, i: usize) -> bool {
        let t = &self.t[i];
        match t.kind {
            Kind::Num => true,
            Kind::Sym(c) => {
                currency_symbol(c).is_some()
                    || (c > '\u{7f}' && vulgar_fraction(c).is_some())
                    || (matches!(c, '-' | '−')
                        && (!t.glued
                            || (i > 0
                                && matches!(
                                    self.t[i - 1].kind,
                                    Kind::Sym('<' | '>' | '=' | '≤' | '≥')
                                )))
                        && self.tok(i + 1).is_some_and(|n| n.is_num() && n.glued))
            }
            Kind::Word => {
                !matches!(
                    t.lex,
                    Lex::Other
                        | Lex::And
                        | Lex::Of
                        | Lex::To
                        | Lex::Than
                        | Lex::At
                        | Lex::As
                        | Lex::Up
                        | Lex::Det
                        | Lex::Change
                        | Lex::Month
                        | Lex::Clock
                        | Lex::SetPhrase
                        | Lex::Hedge
                        | Lex::Comparative
                        | Lex::LeastMost
                        | Lex::MuchMany
                        | Lex::Through
                        | Lex::Between
                        | Lex::From
                        | Lex::Over
                        | Lex::Out
                        | Lex::Point
                        | Lex::Per
                        | Lex::Cent
                        | Lex::Percent
                        | Lex::Percentage
                        | Lex::Points
                        | Lex::Qualifier(_)
                        | Lex::Currency(..)
                        | Lex::Coin(_)
                        | Lex::Basis
                        | Lex::RangeLead
                ) || t.start + 2 == t.end && &self.text[t.start..t.end] == "No"
                    || (matches!(t.lex, Lex::Percent | Lex::Per) && self.percent_of(i).is_some())
                    || (matches!(t.lex, Lex::Currency(..) | Lex::Qualifier(_))
                        && self.money_prefix(i).is_some())
                    || (t.end - t.start <= 4
                        && t.lex == Lex::Other
                        && self
                            .tok(i + 1)
                            .is_some_and(|n| matches!(n.kind, Kind::Num | Kind::Sym('$' | '.')))
                        && self.money_prefix(i).is_some())
            }
        }
    }

    fn amount(&self, i: usize) -> Option<Amt> {
        if matches!(self.lex(i), Lex::Percent | Lex::Per) {
            let k = self.percent_of(i)?;
            let mut a = self.core(k, false)?;
            if a.kind != QKind::Cardinal || a.vague.is_some() {
                return None;
            }
            a.s = i;
            a.kind = QKind::Percent;
            a.unit = Some("percent");
            a.bare = false;
            return Some(a);
        }
        let mut j = i;
        let mut neg = false;
        if matches!(self.tok(j).map(|t| t.kind), Some(Kind::Sym('-' | '−')))
            || self.lex(j) == Lex::Minus
        {
            neg = true;
            j += 1;
        }
        let mut prefix = None;
        let mut prefix_word = false;
        let mut prefix_millions = false;
        if let Some((code, k)) = self.money_prefix(j) {
            prefix_word = matches!(self.lex(j), Lex::Currency(..) | Lex::Qualifier(_));
            let w = self.str_of(j);
            prefix_millions = w.len() == 4 && w.starts_with('M') && k == j + 1;
            // The number must follow the symbol (a space is allowed).
            let next = self.tok(k)?;
            if !(next.is_num()
                || matches!(
                    next.lex,
                    Lex::Unit(_) | Lex::Tens(_) | Lex::A | Lex::Hundred
                ))
            {
                return None;
            }
            prefix = Some(code);
            j = k;
            if !neg && matches!(self.tok(j).map(|t| t.kind), Some(Kind::Sym('-' | '−'))) {
                neg = true;
                j += 1;
            }
        }
        let mut a = self.core(j, prefix.is_some())?;
        a.s = i;
        if a.vague.is_some() {
            if neg || prefix.is_some() {
                return None;
            }
            // `hundreds of millions of dollars`, `several thousand dollars`.
            let k = a.e + usize::from(self.lex(a.e) == Lex::Of);
            if let Some((code, end)) = self.currency_word(k) {
                a.kind = QKind::Money;
                a.unit = Some(code);
                a.e = end;
            }
            return Some(a);
        }
        if neg {
            a.value = -a.value;
            a.bare = false;
        }
        if let Some(code) = prefix {
            if a.kind == QKind::Ordinal {
                return None;
            }
            // `the dollar 2% higher`: the currency is the subject.
            if prefix_word
                && (self.is_sym(a.e, '%') || matches!(self.lex(a.e), Lex::Percent | Lex::Per))
            {
                return None;
            }
            if prefix_millions && a.scale == 1.0 {
                a.value *= 1e6;
                a.scale = 1e6;
            }
            a.kind = QKind::Money;
            a.unit = Some(code);
            a.bare = false;
            // `$ 10 dollars`, `€5 euros`: the word repeats the symbol.
            let dollar_sign = (j.saturating_sub(2)..j).any(|x| self.is_sym(x, '$'));
            if let Some(e) = self.redundant_currency_word(a.e, code, dollar_sign) {
                a.e = e;
            }
            self.cents_tail(&mut a);
            return Some(a);
        }
        if a.kind == QKind::Ordinal {
            return Some(a);
        }
        if matches!(a.kind, QKind::Money | QKind::Percent) {
            return Some(a);
        }
        self.suffix(&mut a);
        Some(a)
    }

    // ----- the step at one token -----

    fn prev_is_name_word(&self, i: usize) -> bool {
        // A capitalised word that does not start a sentence, directly
        // before the number: `Digital Commerce 360`, `Top 1000`.
        if i == 0 {
            return false;
        }
        let w = &self.t[i - 1];
        if !w.is_word() || !w.cap || w.glued {
            return false;
        }
        if !matches!(w.lex, Lex::Other | Lex::Qualifier(_)) {
            return false;
        }
        if i < 2 {
            return false;
        }
        let before = &self.t[i - 2];
        let gap = &self.text[before.end..w.start];
        if gap.contains('\n') {
            return false;
        }
        !matches!(
            before.kind,
            Kind::Sym('.' | '!' | '?' | '"' | '“' | ':' | '(' | '\'' | '‘' | '—')
        )
    }

    /// Whether the four digits at `i` (before 1900) are a year by their
    /// words: after `in`, `since`, `from`, `until`, `before`, `after`, and
    /// before no noun they count (`since records began in 1884`, not `in
    /// 1500 cases`).
    fn reads_as_early_year(&self, i: usize, next: usize) -> bool {
        let before = i
            .checked_sub(1)
            .filter(|&p| self.t[p].is_word())
            .map(|p| self.str_of(p).to_ascii_lowercase());
        let after_year_word = before.as_deref().is_some_and(|w| {
            matches!(
                w,
                "in" | "since" | "from" | "until" | "till" | "before" | "after" | "circa"
            )
        });
        let noun_follows = self.tok(next).is_some_and(|t| {
            t.is_word()
                && !t.cap
                && !matches!(
                    self.str_of(next),
                    "and"
                        | "to"
                        | "when"
                        | "as"
                        | "the"
                        | "with"
                        | "for"
                        | "until"
                        | "after"
                        | "before"
                        | "but"
                        | "or"
                        | "that"
                        | "by"
                        | "in"
                        | "on"
                        | "at"
                )
        });
        after_year_word && !noun_follows
    }

    /// Whether `a second` before token `next` is a moment of time (`for a
    /// second`, `a second later`, `a second or two`), not a rank (`a second
    /// plant`, `a second-half goal`): nothing follows, or punctuation, or a
    /// word that goes with a span of time.
    fn second_is_time(&self, next: usize) -> bool {
        let Some(t) = self.tok(next) else {
            return true;
        };
        if !t.is_word() {
            return !(self.is_hyphen(next) && t.glued);
        }
        matches!(
            self.str_of(next).to_ascii_lowercase().as_str(),
            "later"
                | "earlier"
                | "ago"
                | "or"
                | "and"
                | "before"
                | "after"
                | "longer"
                | "more"
                | "of"
                | "to"
                | "in"
                | "too"
                | "faster"
                | "slower"
                | "late"
                | "early"
        )
    }

    /// Whether the capitalized word at `i` belongs to a name: it does not
    /// start its sentence or line, a capitalized word (no number word
    /// itself) comes right after it or right before it, and the line is no
    /// title-case headline, where every word has a capital.
    fn in_name(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).map(|p| &self.t[p]) else {
            return false;
        };
        let after_break = self.text[prev.end..self.t[i].start].contains('\n');
        let mid_sentence = matches!(prev.kind, Kind::Word | Kind::Num | Kind::Sym(',' | '&'));
        let name_follows = self.tok(i + 1).is_some_and(|next| {
            next.is_word() && next.cap && !next.glued && next.lex == Lex::Other
        });
        mid_sentence
            && !after_break
            && (name_follows || self.prev_is_name_word(i))
            && !self.in_title_case_line(i)
    }

    /// Whether the line of token `i` reads as a title-case headline: at
    /// most 40 tokens, at least three words of four letters or more, every
    /// one capitalized. (The bound keeps the look linear on text without
    /// line breaks.)
    fn in_title_case_line(&self, i: usize) -> bool {
        const HEADLINE_TOKENS: usize = 40;
        let breaks = |k: usize| self.text[self.t[k - 1].end..self.t[k].start].contains('\n');
        let mut first = i;
        while first > 0 && !breaks(first) {
            first -= 1;
            if i - first > HEADLINE_TOKENS {
                return false;
            }
        }
        let mut last = i;
        while last + 1 < self.t.len() && !breaks(last + 1) {
            last += 1;
            if last - first > HEADLINE_TOKENS {
                return false;
            }
        }
        let long_words = self.t[first..=last]
            .iter()
            .filter(|w| w.is_word() && w.end - w.start >= 4);
        let (mut capitalized, mut lower) = (0, 0);
        for word in long_words {
            if word.cap {
                capitalized += 1;
            } else {
                lower += 1;
            }
        }
        lower == 0 && capitalized >= 3
    }

    /// Whether the number at `i` is a day of the month.
    fn is_day(&self, i: usize, value: f64, end: usize) -> bool {
        if !(1.0..=31.0).contains(&value) {
            return false;
        }
        let mut p = i;
        if p > 0 && self.is_sym(p - 1, '.') {
            p -= 1;
        }
        if p > 0 && self.lex(p - 1) == Lex::Month && self.t[p - 1].cap {
            return true;
        }
        let mut n = end;
        if self.lex(n) == Lex::Of {
            n += 1;
        }
        self.lex(n) == Lex::Month && self.tok(n).is_some_and(|t| t.cap)
    }

    fn is_clock(&self, end: usize) -> bool {
        if self.lex(end) == Lex::Clock && !self.str_of(end).eq_ignore_ascii_case("hours") {
            return true;
        }
        // `5 p.m.`, `10 a.m.`
        let w = self.str_of(end).to_ascii_lowercase();
        (w == "a" || w == "p")
            && self.is_sym(end + 1, '.')
            && self.str_of(end + 2).eq_ignore_ascii_case("m")
            || self.str_of(end).eq_ignore_ascii_case("o") && self.is_sym(end + 1, '\'')
    }

    /// Skips a glued chain after a code-like number (`737-800`, `24/7`).
    fn skip_chain(&self, mut e: usize) -> usize {
        while matches!(
            self.tok(e).map(|t| t.kind),
            Some(Kind::Sym('-' | '/' | ':' | '.'))
        ) && self.glued(e)
            && self.tok(e + 1).is_some_and(|t| t.is_num() && t.glued)
        {
            e += 2;
        }
        e
    }

    /// Reads the quantity at token `i`; tokens before `floor` belong to an
    /// earlier quantity and lend it no hedge.
    pub fn step(&self, i: usize, floor: usize) -> Step {
        let t = &self.t[i];
        // Clock times and scores written with a colon: `10:30`, `3:2`.
        if t.is_num()
            && self.is_sym(i + 1, ':')
            && self.glued(i + 1)
            && self.tok(i + 2).is_some_and(|n| n.is_num() && n.glued)
        {
            return Step::Skip(self.skip_chain(i + 1));
        }
        if t.is_num()
            && i > 0
            && matches!(self.t[i - 1].kind, Kind::Sym('-' | '/' | ':'))
            && t.glued
        {
            // Tail of a code such as `F-35`, `COVID-19`: handled where it starts.
            if i > 1 && self.t[i - 1].glued && self.t[i - 2].is_word() {
                return Step::Skip(self.skip_chain(i + 1));
            }
            // The middle of a date such as `5/17/2018`, whose first number
            // declined to read it as a fraction.
            if i > 1 && self.t[i - 1].is_sym('/') && self.t[i - 1].glued && self.t[i - 2].is_num() {
                return Step::Skip(self.skip_chain(i + 1));
            }
        }
        // Versions and addresses: `192.168.1.2`.
        if t.is_num() && digits_value(self.str_of(i)).is_none() {
            return Step::Skip(i + 1);
        }
        // Digits glued to the letters of a word before them are a model or
        // a code (`A350`, `Q3`, `H1`), not a number of their own.
        if t.is_num() && t.glued && i > 0 && self.t[i - 1].is_word() {
            return Step::Skip(self.skip_chain(i + 1));
        }
        // Years of an era: `A.D. 800`, `300 BC`.
        if t.is_num() && self.era_around(i) {
            return Step::Skip(self.skip_chain(i + 1));
        }
        // `No. 1`: a rank.
        if t.is_word() && self.str_of(i) == "No" {
            let mut k = i + 1;
            if self.is_sym(k, '.') {
                k += 1;
            }
            if let Some(n) = self
                .tok(k)
                .filter(|n| n.is_num() && plain_int(self.str_of(k)))
            {
                let _ = n;
                if self.tok(k + 1).is_some_and(|x| x.glued && x.is_word()) {
                    return Step::Nothing;
                }
                let v = digits_value(self.str_of(k)).unwrap_or(0.0);
                return Step::Found(Found {
                    s: i,
                    e: k + 1,
                    kind: QKind::Ordinal,
                    value: Some(v),
                    low: None,
                    high: None,
                    approximate: false,
                    unit: None,
                    bound: None,
                    measure: None,
                });
            }
            return Step::Nothing;
        }
        let Some(mut a) = self.amount(i) else {
            return Step::Nothing;
        };
        if a.e <= i {
            return Step::Nothing;
        }
        // A number word with a capital inside a sentence, next to another
        // capitalized word, is part of a name: `the First Amendment`,
        // `Three Mile Island`, `Marine One`, `World War Three`.
        if a.e == i + 1 && t.is_word() && t.cap && self.in_name(i) {
            return Step::Skip(a.e);
        }
        // Names and codes: `Top 1000`, `SCP-173`; in a title-case headline
        // every word has a capital (`Marlow to Close 38 Shops`).
        if a.bare && t.is_num() {
            if self.prev_is_name_word(i) && !self.in_title_case_line(i) {
                return Step::Skip(self.skip_chain(a.e));
            }
            let v = a.value;
            let s = self.str_of(i);
            let year = s.len() == 4
                && ((1900.0..=2100.0).contains(&v)
                    || ((1000.0..1900.0).contains(&v) && self.reads_as_early_year(i, a.e)));
            if year && !matches!(self.lex(a.e), Lex::Hundred | Lex::Scale(_)) {
                return Step::Skip(self.skip_chain(a.e));
            }
            if self.is_day(i, v, a.e) || self.is_clock(a.e) {
                return Step::Skip(a.e);
            }
        }
        if a.kind == QKind::Ordinal && t.is_num() && self.is_day(i, a.value, a.e) {
            return Step::Skip(a.e);
        }
        // `9.47 p.m.`: a clock time written with a point, as British news
        // writes it.
        if t.is_num() && a.e == i + 1 && self.is_clock(a.e) {
            let written = self.str_of(i);
            let clock = written.split_once('.').is_some_and(|(h, m)| {
                m.len() == 2
                    && h.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h))
                    && m.parse::<u32>().is_ok_and(|m| m < 60)
            });
            if clock {
                return Step::Skip(a.e);
            }
        }
        // `the second to last`, `third-to-last`: a place counted from the
        // end, whose number is no rank.
        if a.kind == QKind::Ordinal {
            if let Some(end) = self.to_last_tail(a.e) {
                return Step::Skip(end);
            }
        }
        // `scrum-half`, `second-half`: a position or a period of play, no
        // fraction (the ordinal of `second-half` counts on its own).
        if t.is_word()
            && matches!(t.lex, Lex::Half)
            && i >= 2
            && self.is_hyphen(i - 1)
            && self.glued(i - 1)
            && self.glued(i)
            && self.t[i - 2].is_word()
        {
            return Step::Nothing;
        }
        // `one` as a pronoun: `the one`, `which one`, `one of`, `one that`; but `that
        // one mile` counts the unit after it. Not a time unit: `like that
        // one day` is some day, `this one day at a time` an idiom.
        let unit_next = self.tok(i + 1).is_some_and(|n| n.is_word())
            && units::word_unit(self.str_of(i + 1), false)
                .is_some_and(|m| m.dimension != Dimension::Duration);
        // `they need one that lasts`: a relative clause after it.
        let relative_next = matches!(
            self.str_of(i + 1).to_ascii_lowercase().as_str(),
            "that" | "who" | "which" | "whose"
        );
        if t.is_word()
            && a.e == i + 1
            && t.lex == Lex::Unit(1)
            && ((i > 0 && self.lex(i - 1) == Lex::Det && !unit_next)
                || self.lex(i + 1) == Lex::Of
                || relative_next)
        {
            return Step::Nothing;
        }
        if a.kind == QKind::Ordinal && t.is_word() {
            // `third-party`, `first-hand`; `a second` is time.
            if self.is_hyphen(a.e) && self.glued(a.e) && self.lex(a.e + 1) == Lex::SetPhrase {
                return Step::Skip(a.e + 2);
            }
            if t.lex == Lex::Ord(2, false)
                && i > 0
                && (matches!(self.lex(i - 1), Lex::Per | Lex::Unit(_))
                    || self.t[i - 1].is_num()
                    || (self.lex(i - 1) == Lex::A && self.second_is_time(a.e)))
            {
                return Step::Nothing;
            }
        }
        // Ranges.
        let mut found = if let Some(r) = self.range(&mut a) {
            r
        } else {
            self.single(&a)
        };
        self.measure(&mut found);
        self.hedge(&mut found, floor);
        Step::Found(found)
    }

    /// The end of `to last`, `-to-last` at `k`: `second to last` is the set
    /// phrase for a place counted from the end (the fixtures count `second
    /// from bottom` as a rank, so only the `to last` idiom is left out).
    fn to_last_tail(&self, mut k: usize) -> Option<usize> {
        if self.is_hyphen(k) && self.glued(k) {
            k += 1;
        }
        if self.lex(k) != Lex::To {
            return None;
        }
        k += 1;
        if self.is_hyphen(k) && self.glued(k) {
            k += 1;
        }
        self.str_of(k).eq_ignore_ascii_case("last").then_some(k + 1)
    }

    /// Whether the digits at `i` are a year of an era: `A.D.` or `AD`
    /// before them, or `BC`, `B.C.`, `BCE`, `AD`, `CE` after.
    fn era_around(&self, i: usize) -> bool {
        let era = |k: usize| {
            let w: String = self.str_of(k).chars().filter(|c| *c != '.').collect();
            matches!(w.as_str(), "AD" | "BC" | "BCE" | "CE")
        };
        // `A.D.` is several tokens (`A`, `.`, `D`, `.`): read back over them.
        let mut before = String::new();
        let mut k = i;
        while k > 0 && before.len() < 4 {
            k -= 1;
            let w = self.str_of(k);
            if w != "." && !w.chars().all(|c| c.is_ascii_uppercase()) {
                break;
            }
            before.insert_str(0, w);
        }
        let before: String = before.chars().filter(|c| *c != '.').collect();
        before.ends_with("AD") || era(i + 1)
    }

    fn single(&self, a: &Amt) -> Found {
        if let Some((lo, hi)) = a.vague {
            return Found {
                s: a.s,
                e: a.e,
                kind: a.kind,
                value: None,
                low: Some(lo),
                high: Some(hi),
                approximate: true,
                unit: a.unit,
                bound: None,
                measure: a.measure,
            };
        }
        Found {
            s: a.s,
            e: a.e,
            kind: a.kind,
            value: Some(a.value),
            low: None,
            high: None,
            approximate: false,
            unit: a.unit,
            bound: None,
            measure: a.measure,
        }
    }
}
