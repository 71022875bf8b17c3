//! The quantity grammar: one left-to-right pass over the tokens that only
//! does work at digits, currency symbols and lexicon words.

use crate::lexicon::{currency_symbol, dollar_prefix, iso_code, vulgar_fraction, Lex};
use crate::scan::{Kind, Tok};
use crate::units::{self, Measure};
use newsie_core::{Bound, Dimension};

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

/// What a hedge says of the number it comes with.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    /// An estimate: `about`, `nearly`.
    Around,
    /// The number is a lower bound: `more than`, `at least`, `or more`.
    Lower,
    /// The number is an upper bound: `less than`, `up to`, `no more than`.
    Upper,
}

impl Dir {
    /// The bound the output contract names for this direction; an estimate
    /// (`about`) bounds nothing.
    fn bound(self) -> Option<Bound> {
        match self {
            Dir::Around => None,
            Dir::Lower => Some(Bound::AtLeast),
            Dir::Upper => Some(Bound::AtMost),
        }
    }
}

/// A person's age: `year`, dimension age.
fn age() -> Measure {
    Measure {
        symbol: "year",
        dimension: Dimension::Age,
    }
}

/// A hedge phrase before a number.
#[derive(Debug, Clone, Copy)]
struct Lead {
    dir: Dir,
    /// The token after the phrase, where the number starts.
    end: usize,
    /// Whether the phrase hedges a number on its own; `above`, `below`,
    /// `over`, `under` only bound one side of a pair (`above 40` is 40).
    strong: bool,
}

impl Lead {
    /// `no more than 50` bounds from above.
    fn negated(self) -> Lead {
        let dir = match self.dir {
            Dir::Lower => Dir::Upper,
            Dir::Upper => Dir::Lower,
            Dir::Around => Dir::Around,
        };
        Lead { dir, ..self }
    }
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

    // ----- words and digits composed into one number -----

    fn compose(&self, i: usize, denom: bool) -> Option<Composed> {
        let mut total = 0f64;
        let mut cur = 0f64;
        let mut last = Last::None;
        let mut atoms = 0;
        let mut j = i;
        let mut end = i;
        let mut max_scale = 1f64;
        let mut ordinal = false;
        let mut plural = false;
        let mut digits_only = false;
        let mut hyphen_ok = false;
        while let Some(t) = self.tok(j) {
            let lex = t.lex;
            match (t.kind, lex) {
                (Kind::Num, _) => {
                    let s = &self.text[t.start..t.end];
                    let first = atoms == 0;
                    let after_and_or_scale = matches!(last, Last::Scale | Last::Hundred)
                        && j > i
                        && (self.lex(j - 1) == Lex::And
                            || matches!(self.lex(j + 1), Lex::Hundred | Lex::Scale(_)));
                    if !(first || after_and_or_scale) {
                        break;
                    }
                    if !first && !plain_int(s) {
                        break;
                    }
                    let v = digits_value(s)?;
                    // `3 hundred and 0`, `3 hundred and 2 hundred`: the
                    // digits after `and` start a new number.
                    if !first
                        && self.lex(j - 1) == Lex::And
                        && (v == 0.0 || matches!(self.lex(j + 1), Lex::Hundred | Lex::Scale(_)))
                    {
                        break;
                    }
                    if !first
                        && v >= (if last == Last::Hundred {
                            100.0
                        } else {
                            max_scale.min(1e3)
                        })
                    {
                        break;
                    }
                    cur += v;
                    last = Last::Digit;
                    digits_only = first;
                }
                (Kind::Word, Lex::Unit(u)) => {
                    // `$1 billion seven years ago`: digits take no number
                    // words, but for `3 hundred and one`.
                    // `6 crore and two hundred`: a whole hundreds group
                    // after the scale and `and` is part of the number.
                    let scale_and_hundreds = last == Last::Scale
                        && self.lex(j - 1) == Lex::And
                        && atoms == 2
                        && self.lex(j + 1) == Lex::Hundred;
                    if atoms > 0
                        && self.t[i].is_num()
                        && !(last == Last::Hundred && self.lex(j - 1) == Lex::And && atoms == 2)
                        && !scale_and_hundreds
                    {
                        break;
                    }
                    let ok = match last {
                        Last::None | Last::Hundred | Last::Scale => true,
                        Last::Tens => u > 0 && u < 10,
                        _ => false,
                    };
                    if !ok || (last == Last::Tens && j > i && self.is_hyphen(j - 1) && !hyphen_ok) {
                        break;
                    }
                    cur += f64::from(u);
                    last = Last::Unit;
                    digits_only = false;
                }
                (Kind::Word, Lex::Tens(n)) => {
                    if atoms > 0 && self.t[i].is_num() {
                        break;
                    }
                    if !matches!(last, Last::None | Last::Hundred | Last::Scale) {
                        break;
                    }
                    // `one hundred thirty-fifths`: the hyphened ordinal is
                    // the denominator, not part of the numerator.
                    if atoms > 0
                        && self.is_hyphen(j + 1)
                        && self.glued(j + 1)
                        && matches!(self.lex(j + 2), Lex::Ord(_, true))
                    {
                        break;
                    }
                    cur += f64::from(n);
                    last = Last::Tens;
                    digits_only = false;
                }
                (Kind::Word, Lex::Hundred) => {
                    if !matches!(last, Last::None | Last::Unit | Last::Tens | Last::Digit)
                        || cur >= 1000.0
                    {
                        break;
                    }
                    if last == Last::None && !(j > i && self.lex(j - 1) == Lex::A) && atoms == 0 {
                        // A bare `hundred` counts as 100.
                    }
                    cur = cur.max(1.0) * 100.0;
                    last = Last::Hundred;
                    digits_only = false;
                }
                (Kind::Word, Lex::Scale(s)) => {
                    if last == Last::Scale && s <= max_scale {
                        break;
                    }
                    if s > max_scale {
                        total = (total + cur.max(if atoms == 0 { 1.0 } else { cur })) * s;
                        if atoms > 0 && cur == 0.0 && total == 0.0 {
                            break;
                        }
                    } else {
                        total += cur.max(1.0) * s;
                    }
                    if atoms == 0 {
                        total = s;
                    }
                    cur = 0.0;
                    max_scale = max_scale.max(s);
                    last = Last::Scale;
                    digits_only = false;
                }
                (Kind::Word, Lex::Dozen) | (Kind::Word, Lex::VaguePlural(..)) if atoms > 0 => {
                    let m = match (lex, self.str_of(j).to_ascii_lowercase().as_str()) {
                        (Lex::Dozen, _) | (_, "dozens") => 12.0,
                        (_, "hundreds") => 100.0,
                        (_, "thousands") => 1e3,
                        (_, "millions") => 1e6,
                        _ => break,
                    };
                    if m < max_scale
                        || !matches!(last, Last::Unit | Last::Tens | Last::Digit | Last::Hundred)
                    {
                        break;
                    }
                    // `three hundred and two dozens`: the dozens scale
                    // only the part after `and` (300 + 2 × 12).
                    let hundreds = (cur / 100.0).floor() * 100.0;
                    let and_split = m == 12.0
                        && hundreds > 0.0
                        && cur > hundreds
                        && (i..j).any(|k| self.lex(k) == Lex::And);
                    if and_split {
                        total += hundreds + (cur - hundreds) * m;
                    } else {
                        total = (total + cur) * m;
                    }
                    cur = 0.0;
                    atoms += 1;
                    end = j + 1;
                    digits_only = false;
                    max_scale = max_scale.max(m);
                    break;
                }
                (Kind::Word, Lex::Ord(k, pl)) => {
                    let ok = match last {
                        Last::None => true,
                        Last::Tens => k < 10 && (!pl || denom || self.is_hyphen(j - 1)),
                        Last::Hundred | Last::Scale => k < 100 && !self.t[i].is_num(),
                        _ => false,
                    };
                    if !ok {
                        break;
                    }
                    cur += f64::from(k);
                    ordinal = true;
                    plural = pl;
                    atoms += 1;
                    end = j + 1;
                    break;
                }
                (Kind::Word, Lex::OrdScale(s, pl)) => {
                    if !matches!(
                        last,
                        Last::None | Last::Unit | Last::Tens | Last::Digit | Last::Hundred
                    ) {
                        break;
                    }
                    let base = total + if atoms == 0 { 1.0 } else { cur };
                    total = base * s;
                    cur = 0.0;
                    ordinal = true;
                    plural = pl;
                    atoms += 1;
                    end = j + 1;
                    break;
                }
                (Kind::Word, Lex::And) if matches!(last, Last::Hundred | Last::Scale) => {
                    // `one hundred and three quarters`: the part after `and`
                    // is a fraction, left to the caller.
                    if denom && matches!(self.lex(j + 1), Lex::Ord(..)) {
                        // `one hundred and fifth` as a denominator.
                        j += 1;
                        continue;
                    }
                    if denom || self.any_fraction(j + 1, true).is_some() {
                        break;
                    }
                    let next = self.lex(j + 1);
                    let num_next = self.tok(j + 1).is_some_and(|n| n.is_num());
                    if !(matches!(next, Lex::Unit(_) | Lex::Tens(_)) || num_next) {
                        break;
                    }
                    j += 1;
                    continue;
                }
                (Kind::Sym('-' | '‐'), _) if last == Last::Tens && t.glued => {
                    // `twenty-five`, `twenty-first`.
                    if matches!(self.lex(j + 1), Lex::Unit(1..=9) | Lex::Ord(1..=9, _))
                        && self.glued(j + 1)
                    {
                        hyphen_ok = true;
                        j += 1;
                        continue;
                    }
                    break;
                }
                (Kind::Sym('-'), _) if last == Last::Tens && !t.glued => {
                    // `fifty - two` (spaced, as in tokenized text).
                    if matches!(self.lex(j + 1), Lex::Unit(1..=9)) {
                        hyphen_ok = true;
                        j += 1;
                        continue;
                    }
                    break;
                }
                _ => break,
            }
            hyphen_ok = false;
            atoms += 1;
            j += 1;
            end = j;
            if last == Last::Digit && atoms == 1 {
                // Digits take words only as scales (`3 million`, `322
                // hundred`, `3 hundred and 21`), never `5 six`.
                match self.lex(j) {
                    Lex::Hundred | Lex::Scale(_) | Lex::Dozen | Lex::VaguePlural(..) => {}
                    _ => break,
                }
                let s = self.str_of(i);
                if !plain_int(s) && self.lex(j) == Lex::Hundred {
                    // `2.12 hundred` is fine, but rare; allow.
                }
            }
        }
        if atoms == 0 {
            return None;
        }
        Some(Composed {
            value: total + cur,
            end,
            atoms,
            ordinal,
            plural,
            scale: max_scale,
            digits_only,
        })
    }

    /// A fraction at `i`: `two thirds`, `a half`, `one-eighth`,
    /// `three twenty-firsts`. With `after_and`, only what may follow the
    /// `and` of a mixed number.
    fn fraction(&self, i: usize, after_and: bool) -> Option<(f64, usize)> {
        let t = self.tok(i)?;
        let (num, single, j) = if t.lex == Lex::A {
            (1.0, true, i + 1)
        } else {
            let c = self.compose(i, true)?;
            if c.ordinal || c.digits_only || c.scale > 1.0 {
                return None;
            }
            (c.value, c.atoms == 1 && c.value == 1.0, c.end)
        };
        let mut k = j;
        if self.is_hyphen(k) && k > i {
            k += 1;
        }
        let d = self.tok(k)?;
        let (den, plural, end) = match d.lex {
            Lex::Half => (2.0, false, k + 1),
            Lex::Quarter(pl) => (4.0, pl, k + 1),
            _ => {
                let c = self.compose(k, true)?;
                if !c.ordinal || c.value < 3.0 {
                    return None;
                }
                (c.value, c.plural, c.end)
            }
        };
        // `a hundred trillionth` is a rank, not one over it.
        if t.lex == Lex::A && matches!(d.lex, Lex::Hundred | Lex::Scale(_)) {
            return None;
        }
        // `a third of`, `one fifth` — but `a third straight year` is a rank.
        if single && plural && num == 1.0 {
            return None;
        }
        if !plural && !single {
            return None;
        }
        if t.lex == Lex::A && !after_and {
            let next = self.lex(end);
            let ok = self.phrase_end(end)
                || matches!(next, Lex::Of | Lex::Scale(_) | Lex::Dozen)
                || (d.lex == Lex::Half && next != Lex::Other);
            if !ok {
                return None;
            }
        }
        if num == 0.0 && t.lex != Lex::A {
            return None;
        }
        Some((num / den, end))
    }

    /// A fraction whose numerator or denominator takes several words:
    /// `twenty fifths`, `one hundred thirty-fifths` (100/35), `one hundred
    /// and thirty fifths` (130/5), `a hundred trillionths`, `fifty-four
    /// hundredths`. The denominator is the longest ordinal of at most three
    /// number words that leaves a whole numerator; an `and` binds the words
    /// after it to the numerator. `None` when a proper fraction follows the
    /// `and` (`two hundred and fifty-four hundredths` is a mixed number).
    fn long_fraction(&self, i: usize) -> Option<(f64, usize)> {
        let num_start = if self.lex(i) == Lex::A {
            if !matches!(self.lex(i + 1), Lex::Hundred | Lex::Scale(_)) {
                return None;
            }
            i + 1
        } else {
            i
        };
        // The run of number words up to the ordinal that ends it.
        let mut o = num_start;
        loop {
            let t = self.tok(o)?;
            if t.kind != Kind::Word && !self.is_hyphen(o) {
                return None;
            }
            match t.lex {
                Lex::Ord(..) | Lex::OrdScale(..) => break,
                Lex::Unit(_) | Lex::Tens(_) | Lex::Hundred | Lex::Scale(_) | Lex::And => {}
                _ if self.is_hyphen(o) => {}
                _ => return None,
            }
            o += 1;
            if o > num_start + 12 {
                return None;
            }
        }
        if o == num_start {
            return None;
        }
        for k in num_start + 1..=o {
            if matches!(self.lex(k), Lex::Hundred | Lex::Scale(_) | Lex::And)
                || self.is_hyphen(k)
                || self.lex(k - 1) == Lex::And
                || self.is_hyphen(k - 1)
            {
                continue;
            }
            let Some(den) = self.compose(k, true) else {
                continue;
            };
            if !den.ordinal || den.end != o + 1 || den.atoms > 3 || den.value < 3.0 {
                continue;
            }
            let head = Parser {
                text: self.text,
                t: &self.t[..k],
                bare_vague: self.bare_vague,
            };
            let Some(num) = head.compose(num_start, false) else {
                continue;
            };
            if num.end != k || num.ordinal || num.value <= 0.0 {
                continue;
            }
            if !den.plural && num.value != 1.0 {
                return None;
            }
            // `two hundred and fifty-four hundredths`: a proper fraction
            // after the `and` makes a mixed number, read by the caller.
            if let Some(p) = (num_start..k).rev().find(|&p| self.lex(p) == Lex::And) {
                let tail = head.compose(p + 1, false).map_or(0.0, |c| c.value);
                if tail < den.value {
                    return None;
                }
            }
            return Some((num.value / den.value, o + 1));
        }
        None
    }

    /// A fraction of either form: [`Self::fraction`] or [`Self::long_fraction`].
    fn any_fraction(&self, i: usize, after_and: bool) -> Option<(f64, usize)> {
        self.fraction(i, after_and)
            .or_else(|| self.long_fraction(i))
    }

    /// Decimal digits spoken after `point`: `zero three`, `seventy-one`.
    fn spoken_decimals(&self, mut j: usize) -> Option<(f64, usize)> {
        let mut digits = 0f64;
        let mut places = 0i32;
        let mut any = false;
        while let Some(t) = self.tok(j) {
            let (v, n, next) = match t.lex {
                Lex::Unit(u) if u < 10 => (f64::from(u), 1, j + 1),
                Lex::Unit(u) => (f64::from(u), 2, j + 1),
                Lex::Tens(n) => {
                    if (self.is_hyphen(j + 1) || self.lex(j + 1) != Lex::Other)
                        && matches!(
                            self.lex(j + 1 + usize::from(self.is_hyphen(j + 1))),
                            Lex::Unit(1..=9)
                        )
                    {
                        let k = j + 1 + usize::from(self.is_hyphen(j + 1));
                        let Lex::Unit(u) = self.lex(k) else { break };
                        (f64::from(n + u), 2, k + 1)
                    } else {
                        (f64::from(n), 2, j + 1)
                    }
                }
                _ if t.is_num() && plain_int(self.str_of(j)) && !any => {
                    let s = self.str_of(j);
                    (digits_value(s)?, s.len() as i32, j + 1)
                }
                _ => break,
            };
            digits = digits * 10f64.powi(n) + v;
            places += n;
            any = true;
            j = next;
        }
        any.then(|| (digits / 10f64.powi(places), j))
    }

    // ----- one amount -----

    /// Reads a money prefix at `i`: returns (code, first token after it).
    fn money_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Sym(c) => {
                let code = currency_symbol(c)?;
                Some((code, i + 1))
            }
            Kind::Word => {
                let w = self.str_of(i);
                // `US$`, `C$`, `HK$`, `c $` (tokenized), `U.S.$`.
                let mut k = i + 1;
                let mut prefix_ok = dollar_prefix(w);
                if w.len() == 1 && self.is_sym(k, '.') && self.glued(k) {
                    // `u.s $`, `U.S.$`
                    let k2 = k + 1;
                    if self.str_of(k2).eq_ignore_ascii_case("s") && self.glued(k2) {
                        k = k2 + 1;
                        if self.is_sym(k, '.') && self.glued(k) {
                            k += 1;
                        }
                        prefix_ok = Some("USD");
                    }
                }
                if let Some(code) = prefix_ok {
                    // Spaced only for two letters or `c` (`US $`, `c $`):
                    // `a $5 fee`, `Amazon's $8 billion` have no prefix.
                    let spaced_ok = w.len() == 2 || w.eq_ignore_ascii_case("c");
                    if self.is_sym(k, '$') && (self.glued(k) || spaced_ok) {
                        return Some((code, k + 1));
                    }
                }
                // A currency word before the number: `dlrs 220 million`,
                // `ringgit 42`, `malaysian ringgit 42`, `rmb 10`.
                let (word_code, after) = match (t.lex, self.lex(i + 1)) {
                    (Lex::Currency(code, 1), _) => (Some(code), i + 1),
                    (Lex::Qualifier(q), Lex::Currency(_, 1)) => (Some(q), i + 2),
                    _ => (None, i + 1),
                };
                if let Some(code) = word_code {
                    if self.tok(after).is_some_and(|n| n.is_num()) {
                        return Some((code, after));
                    }
                    return None;
                }
                // `MAUD 60`: millions of a currency written before the number.
                if w.len() == 4 && w.starts_with('M') && self.tok(i + 1).is_some_and(|n| n.is_num())
                {
                    if let Some(code) =
                        iso_code(&w[1..]).filter(|_| w[1..].bytes().all(|b| b.is_ascii_uppercase()))
                    {
                        return Some((code, i + 1));
                    }
                }
                // ISO code before the number: `USD 200`, `USD115`, `usd$ 15`.
                if let Some(code) = iso_code(w) {
                    if self.is_sym(i + 1, '$') && self.glued(i + 1) {
                        return Some((code, i + 2));
                    }
                    if self.tok(i + 1).is_some_and(|n| n.is_num()) {
                        return Some((code, i + 1));
                    }
                }
                if w.eq_ignore_ascii_case("mex") && self.is_sym(i + 1, '$') {
                    return Some(("MXN", i + 2));
                }
                if w == "RM" && self.tok(i + 1).is_some_and(|n| n.is_num()) {
                    return Some(("MYR", i + 1));
                }
                if (w == "Rs" || w == "rs")
                    && self
                        .tok(i + 1 + usize::from(self.is_sym(i + 1, '.')))
                        .is_some_and(|n| n.is_num())
                {
                    return Some(("INR", i + 1 + usize::from(self.is_sym(i + 1, '.'))));
                }
                None
            }
            Kind::Num => None,
        }
    }

    /// A glued scale suffix after digits (`10k`, `$2bn`, `£95m`).
    fn scale_suffix(&self, w: &str, money: bool) -> Option<f64> {
        Some(match w {
            "k" | "K" => 1e3,
            "m" if money => 1e6,
            // `mm` glued to a bare number is millimetres (`7.62mm`).
            "mm" if money => 1e6,
            "M" | "mn" | "Mn" | "MN" | "mln" | "mil" | "MM" => 1e6,
            "b" | "B" | "bn" | "Bn" | "BN" | "bln" => 1e9,
            "t" | "T" if money => 1e12,
            "tn" | "tln" | "trn" | "Tn" => 1e12,
            _ => return None,
        })
    }

    fn spaced_scale(&self, w: &str, money: bool) -> Option<f64> {
        Some(match w {
            "k" | "K" => 1e3,
            "m" if money => 1e6,
            "mm" if money => 1e6,
            "M" | "mn" | "mln" | "MM" => 1e6,
            "bn" | "bln" | "B" => 1e9,
            "tn" | "tln" | "trn" => 1e12,
            _ => return None,
        })
    }

    /// The number core at `i` (digits or words), with glued and spaced
    /// scales. Returns the amount without currency or percent.
    /// `x10^6` or `×10^-4` glued at `j`: the exponent and the end.
    fn times_ten_power(&self, j: usize) -> Option<(f64, usize)> {
        let times = self.tok(j).filter(|t| t.glued)?;
        let is_times = match times.kind {
            Kind::Word => matches!(self.str_of(j), "x" | "X"),
            Kind::Sym(c) => matches!(c, '×' | '*'),
            Kind::Num => false,
        };
        if !is_times
            || self.str_of(j + 1) != "10"
            || !self.glued(j + 1)
            || !self.is_sym(j + 2, '^')
            || !self.glued(j + 2)
        {
            return None;
        }
        let mut k = j + 3;
        let mut neg = false;
        if matches!(
            self.tok(k).map(|x| x.kind),
            Some(Kind::Sym('+' | '-' | '−'))
        ) && self.glued(k)
        {
            neg = matches!(self.tok(k).map(|x| x.kind), Some(Kind::Sym('-' | '−')));
            k += 1;
        }
        self.tok(k).filter(|x| x.is_num() && x.glued)?;
        let s = self.str_of(k);
        if !plain_int(s) || s.len() > 3 {
            return None;
        }
        let exp = digits_value(s)?;
        Some((if neg { -exp } else { exp }, k + 1))
    }

    fn core(&self, i: usize, money: bool) -> Option<Amt> {
        let t = self.tok(i)?;
        let mut a = Amt {
            s: i,
            e: i,
            kind: QKind::Cardinal,
            value: 0.0,
            unit: None,
            scale: 1.0,
            bare: false,
            vague: None,
            unit_after: false,
            measure: None,
        };
        if let Kind::Sym(c) = t.kind {
            // `½`, `¾ million`.
            a.value = vulgar_fraction(c)?;
            a.e = i + 1;
            self.fraction_scale(&mut a);
            return Some(a);
        }
        if t.is_num() {
            let s = self.str_of(i);
            let mut value = digits_value(s)?;
            let mut j = i + 1;
            a.bare = plain_int(s);
            // `1½`, `2¾ million`.
            if let Some(f) = self
                .tok(j)
                .filter(|n| n.glued)
                .and_then(|n| match n.kind {
                    Kind::Sym(c) => vulgar_fraction(c),
                    _ => None,
                })
                .filter(|_| a.bare)
            {
                a.value = value + f;
                a.e = j + 1;
                a.bare = false;
                self.fraction_scale(&mut a);
                return Some(a);
            }
            // Glued suffixes: ordinal, scale, exponent, pence, cents.
            if let Some(n) = self.tok(j).filter(|n| n.glued && n.is_word()) {
                let w = self.str_of(j);
                let lw = w.to_ascii_lowercase();
                if matches!(lw.as_str(), "st" | "nd" | "rd" | "th") && a.bare {
                    a.kind = QKind::Ordinal;
                    a.value = value;
                    a.e = j + 1;
                    return Some(a);
                }
                if (w == "e" || w == "E")
                    && (self.tok(j + 1).is_some_and(|x| x.is_num() && x.glued)
                        || (matches!(self.tok(j + 1).map(|x| x.kind), Some(Kind::Sym('+' | '-')))
                            && self.tok(j + 2).is_some_and(|x| x.is_num() && x.glued)))
                {
                    let neg = self.is_sym(j + 1, '-');
                    let k = if self.tok(j + 1).is_some_and(|x| x.is_num()) {
                        j + 1
                    } else {
                        j + 2
                    };
                    let exp = digits_value(self.str_of(k))?;
                    let exp = if neg { -exp } else { exp };
                    a.value = value * 10f64.powf(exp);
                    a.e = k + 1;
                    a.bare = false;
                    return Some(a);
                }
                // `1.3x10^6`, `6.23x10^-4`: scientific notation.
                if let Some((exp, end)) = self.times_ten_power(j) {
                    a.value = value * 10f64.powf(exp);
                    a.e = end;
                    a.bare = false;
                    return Some(a);
                }
                if let Some(m) = self.scale_suffix(w, money) {
                    value *= m;
                    a.scale = m;
                    a.bare = false;
                    j += 1;
                } else if w == "p" && !money {
                    a.kind = QKind::Money;
                    a.unit = Some("GBP");
                    a.value = value / 100.0;
                    a.e = j + 1;
                    a.bare = false;
                    return Some(a);
                } else if (w == "c") && !money {
                    a.kind = QKind::Money;
                    a.unit = Some("USD");
                    a.value = value / 100.0;
                    a.e = j + 1;
                    a.bare = false;
                    return Some(a);
                } else if iso_code(w).is_some()
                    || n.lex != Lex::Other && matches!(n.lex, Lex::Currency(..))
                {
                    // `115USD`, `20euros`: the caller reads the unit.
                } else if w == "G" && giga_digits(self.str_of(i)) {
                    // `1,674.5G`, `.0012G`: giga, see `giga_digits`.
                    value *= 1e9;
                    a.scale = 1e9;
                    a.bare = false;
                    j += 1;
                } else if w == "Rs" || lw == "rm" {
                    // `20Rs`, `42RM`: the caller reads the unit.
                } else if let Some((measure, end)) = self.glued_unit(j) {
                    // `180ml`, `29km`, `512GB`: a measure.
                    a.measure = Some(measure);
                    a.value = value;
                    a.e = end;
                    a.bare = false;
                    return Some(a);
                } else {
                    // `4G`, `1990s`: a code or a decade.
                    return None;
                }
            }
            // `1.3×10^6`.
            if let Some((exp, end)) = self.times_ten_power(j) {
                a.value = value * 10f64.powf(exp);
                a.e = end;
                a.bare = false;
                return Some(a);
            }
            // Power: `1.1^23`.
            if self.is_sym(j, '^') && self.glued(j) {
                let mut k = j + 1;
                let mut neg = false;
                while matches!(self.tok(k).map(|x| x.kind), Some(Kind::Sym('+' | '-'))) {
                    neg ^= self.is_sym(k, '-');
                    k += 1;
                }
                if self.tok(k).is_some_and(|x| x.is_num()) {
                    let exp = digits_value(self.str_of(k))?;
                    a.value = value.powf(if neg { -exp } else { exp });
                    a.e = k + 1;
                    a.bare = false;
                    return Some(a);
                }
            }
            // Fraction in digits: `3/4`, `2 1/4`; dates `5/17/2018` are not.
            if self.is_sym(j, '/')
                && self.glued(j)
                && self.tok(j + 1).is_some_and(|x| x.is_num() && x.glued)
            {
                if self.is_sym(j + 2, '/') && self.glued(j + 2) {
                    return None;
                }
                let den = digits_value(self.str_of(j + 1))?;
                if den == 0.0 || !a.bare || !plain_int(self.str_of(j + 1)) {
                    return None;
                }
                a.value = value / den;
                a.e = j + 2;
                a.bare = false;
                return Some(a);
            }
            if a.bare
                && self.tok(j).is_some_and(|x| x.is_num() && !x.glued)
                && self.is_sym(j + 1, '/')
                && self.glued(j + 1)
                && self.tok(j + 2).is_some_and(|x| x.is_num() && x.glued)
                && !self.is_sym(j + 3, '/')
            {
                let n = digits_value(self.str_of(j))?;
                let d = digits_value(self.str_of(j + 2))?;
                if d > 0.0 && n < d && plain_int(self.str_of(j)) {
                    a.value = value + n / d;
                    a.e = j + 3;
                    a.bare = false;
                    return Some(a);
                }
            }
            // Spaced abbreviations: `2.33 k`, `10 bln`, `1,674,200.5 M`.
            if a.scale == 1.0 {
                if let Some(n) = self.tok(j).filter(|n| n.is_word() && !n.glued) {
                    let giga = self.str_of(j) == "G" && giga_digits(self.str_of(i));
                    if let Some(m) = self
                        .spaced_scale(self.str_of(j), money)
                        .or(giga.then_some(1e9))
                    {
                        if self.phrase_end(j + 1)
                            || !self.tok(j + 1).is_some_and(|x| x.is_word() && x.glued)
                        {
                            let _ = n;
                            value *= m;
                            a.scale = m;
                            a.bare = false;
                            j += 1;
                        }
                    }
                }
            }
            if a.scale > 1.0 {
                a.value = value;
                a.e = j;
                // `$2bn`, `10k`: a scale word may still follow (`10 k`
                // cannot), nothing else to compose.
                return Some(a);
            }
            // Words after digits: `3 million`, `3 hundred and 21`, `3 dozens`.
            let c = self.compose(i, false)?;
            a.value = c.value;
            a.e = c.end;
            a.scale = c.scale;
            if c.atoms > 1 {
                a.bare = false;
            }
            if !c.ordinal {
                self.mixed(&mut a, c.scale);
                if a.e != c.end {
                    a.bare = false;
                    return Some(a);
                }
                if let Some(v) = self.ratio(&a) {
                    return Some(v);
                }
            }
            if c.ordinal {
                // `2 hundredth` is rare; treat as ordinal.
                a.kind = QKind::Ordinal;
            }
            return Some(a);
        }
        if t.lex == Lex::A {
            // `a dozen`, `a hundred`, `a million`, `a third`, `a half`.
            if let Some((v, end)) = self.any_fraction(i, false) {
                a.value = v;
                a.e = end;
                self.fraction_scale(&mut a);
                return Some(a);
            }
            if self.lex(i + 1) == Lex::Quarter(false) {
                if let Lex::Scale(s) = self.lex(i + 2) {
                    a.value = 0.25 * s;
                    a.e = i + 3;
                    return Some(a);
                }
            }
            if let Some((lo, hi, end)) = self.vague_det(i) {
                a.vague = Some((lo, hi));
                a.e = end;
                return Some(a);
            }
            match self.lex(i + 1) {
                Lex::Dozen => {
                    a.value = 12.0;
                    a.e = i + 2;
                    return Some(a);
                }
                Lex::Hundred | Lex::Scale(_) => {
                    let c = self.compose(i + 1, false)?;
                    if c.ordinal {
                        // `a hundred trillionth` is a rank; plural is no number.
                        if c.plural {
                            return None;
                        }
                        a.kind = QKind::Ordinal;
                    }
                    a.value = c.value;
                    a.e = c.end;
                    a.scale = c.scale;
                    return Some(a);
                }
                Lex::Currency(_, 1) if money => {}
                _ => {}
            }
            return None;
        }
        match t.lex {
            Lex::Few | Lex::Several | Lex::Couple => {
                let (lo, hi, end) = self.vague_det(i)?;
                a.vague = Some((lo, hi));
                a.e = end;
                return Some(a);
            }
            Lex::VaguePlural(..) | Lex::TensVague => {
                let (lo, hi, end) = self.vague_plural(i)?;
                a.vague = Some((lo, hi));
                a.e = end;
                return Some(a);
            }
            Lex::Half => {
                // `half a dozen`, `half of`, `more than half`; not `the
                // first half`, `half-year`.
                if i > 0 && matches!(self.lex(i - 1), Lex::Det | Lex::Ord(..)) {
                    return None;
                }
                // `half a million`, `half-a-million`.
                let mut k = i + 1;
                if self.is_hyphen(k) && self.glued(k) && self.lex(k + 1) == Lex::A {
                    k += 1;
                }
                if self.lex(k) == Lex::A {
                    if let Lex::Scale(s) = self.lex(k + 1 + usize::from(self.is_hyphen(k + 1))) {
                        a.value = 0.5 * s;
                        a.scale = s;
                        a.e = k + 2 + usize::from(self.is_hyphen(k + 1));
                        return Some(a);
                    }
                }
                if self.is_hyphen(i + 1) && self.glued(i + 1) {
                    return None;
                }
                if self.lex(i + 1) == Lex::A && self.lex(i + 2) == Lex::Dozen {
                    a.value = 6.0;
                    a.e = i + 3;
                    return Some(a);
                }
                a.value = 0.5;
                a.e = i + 1;
                self.fraction_scale(&mut a);
                return Some(a);
            }
            _ => {}
        }
        // Words: fraction first (`two thirds`), then the composed number.
        if let Some((v, end)) = self.any_fraction(i, false) {
            a.value = v;
            a.e = end;
            self.fraction_scale(&mut a);
            return Some(a);
        }
        if let Lex::Quarter(false) = t.lex {
            if let Lex::Scale(s) = self.lex(i + 1) {
                a.value = 0.25 * s;
                a.e = i + 2;
                return Some(a);
            }
            return None;
        }
        let c = self.compose(i, false)?;
        a.value = c.value;
        a.e = c.end;
        a.scale = c.scale;
        if c.ordinal {
            if c.plural {
                return None;
            }
            a.kind = QKind::Ordinal;
            return Some(a);
        }
        self.mixed(&mut a, c.scale);
        if a.e != c.end {
            return Some(a);
        }
        if let Some(v) = self.ratio(&a) {
            return Some(v);
        }
        // Spoken decimals: `five point five`.
        if self.lex(a.e) == Lex::Point && c.scale == 1.0 {
            if let Some((f, end)) = self.spoken_decimals(a.e + 1) {
                a.value += f;
                a.e = end;
            }
        }
        Some(a)
    }

    /// `half million`, `two thirds of a million`.
    fn fraction_scale(&self, a: &mut Amt) {
        let mut k = a.e;
        // `one-tenth of 1 percent`, `one-hundredth of a percentage point`.
        if self.lex(k) == Lex::Of {
            let mut p = k + 1;
            if self.lex(p) == Lex::A
                && matches!(self.lex(p + 1), Lex::Percent | Lex::Percentage | Lex::Per)
            {
                let mut one = *a;
                one.value = 1.0;
                one.e = p + 1;
                self.suffix(&mut one);
                if one.kind == QKind::Percent {
                    a.kind = QKind::Percent;
                    a.unit = one.unit;
                    a.e = one.e;
                    return;
                }
                p = k;
            }
            if p == k + 1 && self.tok(p).is_some_and(|t| t.is_num()) {
                if let Some(b) = self.core(p, false).map(|mut b| {
                    self.suffix(&mut b);
                    b
                }) {
                    if b.kind == QKind::Percent {
                        a.kind = QKind::Percent;
                        a.unit = b.unit;
                        a.value *= b.value;
                        a.e = b.e;
                        return;
                    }
                }
            }
        }
        if self.lex(k) == Lex::Of && self.lex(k + 1) == Lex::A {
            k += 2;
        }
        if let Lex::Scale(s) = self.lex(k) {
            a.value *= s;
            a.scale = s;
            a.e = k + 1;
        }
    }

    /// Mixed numbers: `one and a half`, `twenty and three fifths`,
    /// `3 million and a half`, `five and a half million`.
    fn mixed(&self, a: &mut Amt, scale: f64) {
        if self.lex(a.e) != Lex::And {
            return;
        }
        if let Some((f, end)) = self.any_fraction(a.e + 1, true) {
            let ends_on_scale = scale > 1.0 && matches!(self.lex(a.e - 1), Lex::Scale(_));
            // `one billion and a half million`: the fraction of a smaller scale.
            if let Lex::Scale(s) = self.lex(end) {
                if ends_on_scale && s < scale {
                    a.value += f * s;
                    a.e = end + 1;
                    return;
                }
            }
            a.value += if ends_on_scale { f * scale } else { f };
            a.e = end;
            if !ends_on_scale {
                if let Lex::Scale(s) = self.lex(end) {
                    a.value *= s;
                    a.scale = s;
                    a.e = end + 1;
                }
            }
        }
    }

    /// `one over three`, `1 out of 3`: only when the phrase ends there
    /// (`$2000 over 3 years` is two amounts).
    fn ratio(&self, a: &Amt) -> Option<Amt> {
        // `one in five`: a share, like `out of`.
        let in_word = self.str_of(a.e).eq_ignore_ascii_case("in") && a.scale == 1.0;
        let k = match (self.lex(a.e), self.lex(a.e + 1)) {
            (Lex::Over, _) => a.e + 1,
            (Lex::Out, Lex::Of) => a.e + 2,
            _ if in_word => a.e + 1,
            _ => return None,
        };
        let d = self.compose(k, false)?;
        // `3 in 2020` is a year, not a share.
        if in_word && (d.scale > 1.0 || d.value >= 1000.0 || a.value >= d.value || d.plural) {
            return None;
        }
        // `12 out of 10` is no share: two numbers.
        let out_of = self.lex(a.e) == Lex::Out || in_word;
        if d.ordinal
            || d.value == 0.0
            || (out_of && a.value > d.value)
            || !(self.phrase_end(d.end)
                || self.trail_hedge(d.end).is_some()
                || self.lex(d.end) == Lex::Other && self.lex(a.e) == Lex::Out)
        {
            return None;
        }
        let mut r = *a;
        r.value = a.value / d.value;
        r.e = d.end;
        r.bare = false;
        Some(r)
    }

    /// `several hundred`, `a few hundred`, `a couple of thousand`; bare
    /// `several` only when configured.
    fn vague_det(&self, i: usize) -> Option<(f64, f64, usize)> {
        let mut j = i;
        if self.lex(j) == Lex::A {
            j += 1;
        }
        let (lo, hi) = match self.lex(j) {
            Lex::Few if j > i => (2.0, 5.0),
            Lex::Couple if j > i => (2.0, 3.0),
            Lex::Several if j == i => (3.0, 9.0),
            _ => return None,
        };
        j += 1;
        let mut k = j;
        if self.lex(k) == Lex::Of && self.lex(i + 1) == Lex::Couple {
            k += 1;
        }
        let m = match self.lex(k) {
            Lex::Hundred => Some(100.0),
            Lex::Scale(s) => Some(s),
            Lex::Dozen => Some(12.0),
            _ => None,
        };
        match m {
            Some(m) => {
                let mut end = k + 1;
                let mut m = m;
                // `several hundred thousand`
                if let Lex::Scale(s) = self.lex(end) {
                    if s > m {
                        m *= s;
                        end += 1;
                    }
                }
                Some((lo * m, hi * m, end))
            }
            None if self.bare_vague => Some((lo, hi, j)),
            None => None,
        }
    }

    /// `hundreds`, `thousands of`, `tens of thousands`, `hundreds of millions`.
    fn vague_plural(&self, i: usize) -> Option<(f64, f64, usize)> {
        let base = |j: usize| -> Option<f64> {
            match self.str_of(j).to_ascii_lowercase().as_str() {
                "dozens" => Some(12.0),
                "hundreds" => Some(100.0),
                "thousands" => Some(1e3),
                "millions" => Some(1e6),
                "billions" => Some(1e9),
                _ => None,
            }
        };
        // `five hundreds` is a number, read by the composer.
        if i > 0 && matches!(self.lex(i - 1), Lex::Unit(_) | Lex::Tens(_)) {
            return None;
        }
        if i > 0 && self.tok(i - 1).is_some_and(|t| t.is_num()) {
            return None;
        }
        let (mut lo, mut hi) = match self.lex(i) {
            Lex::VaguePlural(lo, hi) => (lo, hi),
            Lex::TensVague => {
                // Only `tens of thousands` and the like.
                if self.lex(i + 1) != Lex::Of {
                    return None;
                }
                let m = base(i + 2).filter(|m| *m >= 1e3)?;
                let mut end = i + 3;
                let (mut lo, mut hi) = (20.0 * m, 100.0 * m - 1.0);
                while self.lex(end) == Lex::Of {
                    match base(end + 1).filter(|b| *b >= 1e3) {
                        Some(b) => {
                            lo *= b;
                            hi *= b;
                            end += 2;
                        }
                        None => break,
                    }
                }
                return Some((lo, hi, end));
            }
            _ => return None,
        };
        let mut end = i + 1;
        let mut prev = base(i)?;
        while self.lex(end) == Lex::Of {
            match base(end + 1).filter(|b| *b > prev && *b >= 1e3) {
                Some(b) => {
                    lo *= b;
                    hi *= b;
                    prev = b;
                    end += 2;
                }
                None => break,
            }
        }
        Some((lo, hi, end))
    }

    /// A full amount at `i`: optional sign and money prefix, the core,
    /// then a percent or money suffix.
    /// `percent of 10`, `per cent of twenty-two` (a sign written first):
    /// the first token after `of`, when no number comes before the sign.
    fn percent_of(&self, i: usize) -> Option<usize> {
        let mut k = i + 1;
        if self.lex(i) == Lex::Per {
            if self.lex(k) != Lex::Cent {
                return None;
            }
            k += 1;
        }
        if self.lex(k) != Lex::Of {
            return None;
        }
        if i > 0 {
            let prev = &self.t[i - 1];
            if prev.is_num() || matches!(prev.lex, Lex::Unit(_) | Lex::Tens(_) | Lex::A) {
                return None;
            }
        }
        let n = self.tok(k + 1)?;
        (n.is_num() || matches!(n.lex, Lex::Unit(_) | Lex::Tens(_))).then_some(k + 1)
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

    /// A currency word, maybe qualified (`dollars`, `Malaysian ringgit`),
    /// at `k`: its code and end. Sub-units do not count.
    fn currency_word(&self, k: usize) -> Option<(&'static str, usize)> {
        match (self.lex(k), self.lex(k + 1)) {
            (Lex::Currency(code, 1), _) => Some((code, k + 1)),
            (Lex::Qualifier(q), Lex::Currency(_, 1)) => Some((q, k + 2)),
            _ => None,
        }
    }

    /// The end of a currency word at `e` that names the currency of the
    /// prefix before the number again (`$ 10 dollars`).
    fn redundant_currency_word(&self, e: usize, code: &str, dollar_sign: bool) -> Option<usize> {
        match self.lex(e) {
            Lex::Currency(word, 1) if word == code => Some(e + 1),
            Lex::Currency("USD", 1) if dollar_sign && self.str_of(e).len() > 3 => {
                // `C$ 10 dollars`: any dollar, but not `bucks` or `dlrs`.
                self.str_of(e)
                    .to_ascii_lowercase()
                    .starts_with("dollar")
                    .then_some(e + 1)
            }
            _ => None,
        }
    }

    /// `3 dollars 50 cents`, `thirteen dollars and forty-five cents`.
    fn cents_tail(&self, a: &mut Amt) {
        let mut k = a.e;
        if self.lex(k) == Lex::And {
            k += 1;
        }
        if self.tok(k).is_none() || a.scale > 1.0 {
            return;
        }
        if let Some(c) = self.compose(k, false) {
            if c.ordinal || c.scale > 1.0 {
                return;
            }
            let mut e = c.end;
            // How many of the tail's unit make the main one. Cents and
            // pence follow any main unit (`Canadian dollars and 50 cents`);
            // another sub-unit only its own (`1 bitcoin and 50 satoshis`).
            let sub_units = match self.lex(e) {
                Lex::Cent => Some(100),
                Lex::Currency(code, n @ 2..) if n == 100 || a.unit == Some(code) => Some(n),
                _ if self.str_of(e) == "c" && self.glued(e) => Some(100),
                _ => None,
            };
            let per_main = f64::from(sub_units.unwrap_or(100));
            if c.value >= per_main {
                return;
            }
            if sub_units.is_some() {
                e += 1;
                a.value += c.value / per_main;
                a.e = e;
            } else if self.phrase_end(e) && c.value.fract() == 0.0 && a.unit_after {
                a.value += c.value / 100.0;
                a.e = e;
            } else if k > a.e
                && self.tok(k).is_some_and(|t| t.is_word())
                && (self.phrase_end(e) || self.lex(e) == Lex::And)
                && c.value.fract() == 0.0
            {
                // `one dollar and one`, `c $ 100 and fifty`: spoken cents.
                a.value += c.value / 100.0;
                a.e = e;
            }
        }
    }

    /// Whether the spaced currency symbol at `e` belongs to the number after
    /// it: that number is followed by a word for the same currency (`1 $ 10
    /// dollars` is one dollar and ten dollars).
    fn names_next_amount(&self, e: usize, code: &str) -> bool {
        if !self.tok(e + 1).is_some_and(|n| n.is_num()) {
            return false;
        }
        let Some(next) = self.core(e + 1, true) else {
            return false;
        };
        matches!(self.lex(next.e), Lex::Currency(word, 1) if word == code)
    }

    /// Percent and money words after the core.
    fn suffix(&self, a: &mut Amt) {
        let e = a.e;
        let Some(t) = self.tok(e) else { return };
        match t.kind {
            Kind::Sym('%') => {
                a.kind = QKind::Percent;
                a.unit = Some("percent");
                a.e = e + 1;
                a.bare = false;
                a.unit_after = true;
                return;
            }
            Kind::Sym('¢') => {
                a.kind = QKind::Money;
                a.unit = Some("USD");
                a.value /= 100.0;
                a.e = e + 1;
                a.bare = false;
                a.unit_after = true;
                return;
            }
            Kind::Sym(c) => {
                // `10 €`, `20€`, `10$`, `100元`.
                if let Some(code) = currency_symbol(c) {
                    // Not when the symbol starts the next amount (`10 $ 30`
                    // is rare; `5 $10` would mislead).
                    let starts_next = self.tok(e + 1).is_some_and(|n| n.is_num() && n.glued)
                        || (!t.glued && self.names_next_amount(e, code));
                    if !starts_next || t.glued {
                        a.kind = QKind::Money;
                        a.unit = Some(code);
                        a.e = e + 1;
                        a.bare = false;
                        a.unit_after = true;
                        // `10 $ 30 cent`
                        self.cents_tail(a);
                        return;
                    }
                }
                // `12-cent-a-share`, `one-yen bid`: a hyphened adjective,
                // read by the money words.
                if self.is_hyphen(e) {
                    self.money_suffix(a);
                }
                return;
            }
            _ => {}
        }
        match t.lex {
            Lex::Percent => {
                a.kind = QKind::Percent;
                a.unit = Some("percent");
                a.e = e + 1;
            }
            Lex::Per if self.lex(e + 1) == Lex::Cent => {
                a.kind = QKind::Percent;
                a.unit = Some("percent");
                a.e = e + 2;
            }
            // `3 basis points`: hundredths of a percentage point.
            Lex::Basis if matches!(self.lex(e + 1), Lex::Points | Lex::Point) => {
                a.kind = QKind::Percent;
                a.unit = Some("percent");
                a.value /= 100.0;
                a.e = e + 2;
            }
            Lex::Percentage => {
                a.kind = QKind::Percent;
                a.unit = Some("percent");
                a.e = e + 1;
                if matches!(self.lex(e + 1), Lex::Points | Lex::Point) {
                    a.e = e + 2;
                }
            }
            _ => {
                self.money_suffix(a);
                return;
            }
        }
        a.bare = false;
        a.unit_after = true;
    }

    fn money_suffix(&self, a: &mut Amt) {
        let mut e = a.e;
        // `10 grand`, `ten dimes`.
        if let Lex::Coin(worth) = self.lex(e) {
            a.kind = QKind::Money;
            a.unit = Some("USD");
            a.value *= worth;
            a.e = e + 1;
            a.bare = false;
            a.unit_after = true;
            return;
        }
        // `12-cent`, `one-yen`: an adjective with a hyphen.
        if self.is_hyphen(e)
            && self.glued(e)
            && self.glued(e + 1)
            && matches!(self.lex(e + 1), Lex::Currency(..) | Lex::Cent)
        {
            e += 1;
        }
        let w = self.str_of(e);
        // Written codes: `500 USD`, `115USD`, `20Rs`.
        if let Some(code) = iso_code(w) {
            let starts_next = self.tok(e + 1).is_some_and(|n| n.is_num() && n.glued);
            if !starts_next
                && self
                    .tok(e)
                    .is_some_and(|t| t.cap || t.glued || w.bytes().all(|b| b.is_ascii_lowercase()))
            {
                a.kind = QKind::Money;
                a.unit = Some(code);
                a.e = e + 1;
                a.bare = false;
                a.unit_after = true;
                // `75 USD million`
                if let Lex::Scale(s) = self.lex(a.e) {
                    if a.scale == 1.0 {
                        a.value *= s;
                        a.scale = s;
                        a.e += 1;
                    }
                }
                self.cents_tail(a);
                return;
            }
        }
        if w.len() == 4 && w.starts_with('M') {
            if let Some(code) =
                iso_code(&w[1..]).filter(|_| w[1..].bytes().all(|b| b.is_ascii_uppercase()))
            {
                a.kind = QKind::Money;
                a.unit = Some(code);
                a.value *= 1e6;
                a.scale = 1e6;
                a.e = e + 1;
                a.bare = false;
                return;
            }
        }
        if w == "Rs" || w == "RM" || w == "ரூ" {
            a.kind = QKind::Money;
            a.unit = Some(if w == "RM" { "MYR" } else { "INR" });
            a.e = e + 1;
            a.bare = false;
            return;
        }
        // `australian dollars`, `hong kong dollars`, `us dollar`.
        let mut qual = None;
        let mut k = e;
        for _ in 0..2 {
            match self.lex(k) {
                Lex::Qualifier(code) => {
                    qual = Some(code);
                    k += 1;
                }
                Lex::Other
                    if matches!(self.lex(k + 1), Lex::Qualifier(_))
                        && self.tok(k).is_some_and(|t| t.is_word()) =>
                {
                    k += 1;
                }
                _ => break,
            }
        }
        let (code, sub) = match self.lex(k) {
            Lex::Currency(code, sub) => (code, sub),
            Lex::Cent => ("USD", 100),
            _ => return,
        };
        // `In 2016 Rand Paul`, `in 2008 Satoshi Nakamoto`: a capitalised
        // currency word before another capitalised word begins a name.
        let capitalised = |i: usize| self.tok(i).is_some_and(|t| t.is_word() && t.cap);
        if capitalised(k)
            && capitalised(k + 1)
            && !matches!(self.lex(k + 1), Lex::Currency(..) | Lex::Qualifier(_))
        {
            return;
        }
        // `20 pounds of meat` is a weight.
        if code == "GBP" && sub == 1 && self.lex(k + 1) == Lex::Of && qual.is_none() {
            return;
        }
        let unit = qual.unwrap_or(code);
        a.kind = QKind::Money;
        a.unit = Some(unit);
        a.e = k + 1;
        a.bare = false;
        a.unit_after = true;
        if sub > 1 {
            a.value /= f64::from(sub);
        } else {
            self.cents_tail(a);
        }
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
        // Names and codes: `Top 1000`, `SCP-173`.
        if a.bare && t.is_num() {
            if self.prev_is_name_word(i) {
                return Step::Skip(self.skip_chain(a.e));
            }
            let v = a.value;
            let s = self.str_of(i);
            let year = s.len() == 4 && (1900.0..=2100.0).contains(&v);
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
        // `the second to last`, `third-to-last`: a place counted from the
        // end, whose number is no rank.
        if a.kind == QKind::Ordinal {
            if let Some(end) = self.to_last_tail(a.e) {
                return Step::Skip(end);
            }
        }
        // `one` as a pronoun: `the one`, `which one`, `one of`.
        if t.is_word()
            && a.e == i + 1
            && t.lex == Lex::Unit(1)
            && ((i > 0 && self.lex(i - 1) == Lex::Det) || self.lex(i + 1) == Lex::Of)
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
                && (matches!(self.lex(i - 1), Lex::A | Lex::Per | Lex::Unit(_))
                    || self.t[i - 1].is_num())
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

    /// A unit glued to the digits at token `j` (`512GB`, `35°C`, `70km/h`):
    /// its measure and the token after it.
    fn glued_unit(&self, j: usize) -> Option<(Measure, usize)> {
        // A code, not a measure: digits glued to letters before them
        // (`scp173m`) or to more after the unit (`24703m212`).
        let number = j.checked_sub(1)?;
        if self.glued(number) && number > 0 && self.tok(number - 1).is_some_and(|t| t.is_word()) {
            return None;
        }
        // The longest run of glued unit characters: `km/h`, `°C`, `m²`.
        let mut end = j;
        while end == j
            || self.tok(end).is_some_and(|t| {
                t.glued && (t.is_word() || matches!(t.kind, Kind::Sym('/' | '°' | 'º' | '²' | '³')))
            })
        {
            end += 1;
            if end - j > 3 {
                break;
            }
        }
        let first = self.tok(j)?;
        let (measure, end) = (j + 1..=end).rev().find_map(|e| {
            let last = self.tok(e - 1)?;
            let written = &self.text[first.start..last.end];
            units::word_unit(written, true).map(|m| (m, e))
        })?;
        if self
            .tok(end)
            .is_some_and(|t| t.glued && (t.is_num() || t.is_word()))
        {
            return None;
        }
        if measure.dimension == Dimension::Temperature && !self.temperature_letter_fits(j, end) {
            return None;
        }
        Some((measure, end))
    }

    /// A bare `C` or `F` glued to digits (`35C`, `95F`) is a temperature
    /// only where nothing says code: a plausible reading (up to 60 C or
    /// 130 F), no name before it (`Boeing 777F`), and after it no word
    /// but a small one (`13F filing`) nor a slash (`14.7C/`).
    fn temperature_letter_fits(&self, j: usize, end: usize) -> bool {
        let letter = self.str_of(j);
        if end != j + 1 || !matches!(letter, "C" | "F") {
            return true;
        }
        let value = digits_value(self.str_of(j - 1)).unwrap_or(f64::MAX);
        let limit = if letter == "C" { 60.0 } else { 130.0 };
        let named = j >= 2 && self.tok(j - 2).is_some_and(|t| t.is_word() && t.cap);
        let next_ok = match self.tok(end) {
            None => true,
            Some(t) if t.is_word() => matches!(
                self.str_of(end).to_ascii_lowercase().as_str(),
                "in" | "on" | "at" | "and" | "or" | "to" | "by" | "for" | "with" | "as"
            ),
            Some(t) => !t.is_sym('/'),
        };
        value <= limit && !named && next_ok
    }

    /// Reads a unit of measure after a count or a range (`120 miles`, `a
    /// 300-mile trip`, `miles per hour`) and an age (`a 54-year-old`, `aged
    /// 54`, `Ann Lee, 54, said`) into `f`.
    fn measure(&self, f: &mut Found) {
        if !matches!(f.kind, QKind::Cardinal | QKind::Range) || f.measure.is_some() {
            return;
        }
        let vague = f.value.is_none() && f.low.is_some() && f.approximate;
        if vague {
            return;
        }
        let k = f.e;
        // `35°C`, and a glued unit after a range (`3-5W`).
        if self.glued(k) {
            if let Some((m, end)) = self.glued_unit(k) {
                f.measure = Some(m);
                f.e = end;
                return;
            }
        }
        // `a 54-year-old`: an age.
        if self.is_hyphen(k)
            && self.glued(k)
            && self.glued(k + 1)
            && self.str_of(k + 1).eq_ignore_ascii_case("year")
            && self.is_hyphen(k + 2)
            && self.str_of(k + 3).eq_ignore_ascii_case("old")
        {
            f.measure = Some(age());
            f.e = k + 4;
            return;
        }
        // `a 300-mile trip`, `a 6.8-inch screen`, `a 30-minute drive`.
        if self.is_hyphen(k) && self.glued(k) && self.glued(k + 1) {
            if let Some(m) = units::word_unit(self.str_of(k + 1), false) {
                f.measure = Some(m);
                f.e = k + 2;
            }
            return;
        }
        let words: Vec<String> = (k..k + 3)
            .map_while(|i| self.tok(i).filter(|t| t.is_word()))
            .map(|t| self.text[t.start..t.end].to_ascii_lowercase())
            .collect();
        let views: Vec<&str> = words.iter().map(String::as_str).collect();
        if let Some((m, n)) = units::phrase_unit(&views) {
            f.measure = Some(m);
            f.e = k + n;
            return;
        }
        if self.tok(k).is_some_and(|t| t.is_word()) {
            if let Some(m) = units::word_unit(self.str_of(k), false) {
                f.measure = Some(m);
                f.e = k + 1;
                self.age_after_duration(f);
                return;
            }
            // `87 yo`, `a 45-yo`: an age in years.
            if matches!(views.first(), Some(&"yo")) {
                f.measure = Some(age());
                f.e = k + 1;
                return;
            }
        }
        self.age_around(f);
    }

    /// `five years old`, `ten months old`, `3 years of age`: a duration
    /// that is an age, its unit kept (`year`, `month`, `week`, `d`).
    fn age_after_duration(&self, f: &mut Found) {
        let Some(m) = f.measure.filter(|m| m.dimension == Dimension::Duration) else {
            return;
        };
        let old = self.str_of(f.e).eq_ignore_ascii_case("old");
        let of_age = self.str_of(f.e).eq_ignore_ascii_case("of")
            && self.str_of(f.e + 1).eq_ignore_ascii_case("age");
        if old || of_age {
            f.measure = Some(Measure {
                dimension: Dimension::Age,
                ..m
            });
            f.e += if old { 1 } else { 2 };
        }
    }

    /// `aged 54` (the word joins the text) and `Ann Lee, 54, said`: ages.
    fn age_around(&self, f: &mut Found) {
        let Some(value) = f
            .value
            .filter(|v| v.fract() == 0.0 && (1.0..=120.0).contains(v))
        else {
            return;
        };
        let _ = value;
        if f.s > 0
            && matches!(
                self.str_of(f.s - 1).to_ascii_lowercase().as_str(),
                "aged" | "age"
            )
        {
            f.s -= 1;
            f.measure = Some(age());
            return;
        }
        let between_commas = f.s >= 2
            && self.is_sym(f.s - 1, ',')
            && self.is_sym(f.e, ',')
            && f.e == f.s + 1
            && self.tok(f.s - 2).is_some_and(|t| t.is_word() && t.cap);
        if between_commas {
            f.measure = Some(age());
        }
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

    fn range(&self, a: &mut Amt) -> Option<Found> {
        if a.vague.is_some() || a.kind == QKind::Ordinal {
            return None;
        }
        let k = a.e;
        let sep = self.tok(k)?;
        let between = a.s > 0 && self.lex(a.s - 1) == Lex::Between;
        let ok_sep = match (sep.kind, sep.lex) {
            (Kind::Sym('-' | '–' | '—' | '~'), _) => true,
            (Kind::Word, Lex::To | Lex::Through) => !between,
            (Kind::Word, Lex::And) => between,
            _ => false,
        };
        if !ok_sep {
            return None;
        }
        let word_sep = sep.is_word();
        let mut from_start = None;
        if word_sep && sep.lex != Lex::And {
            // `from 3.6% to 4.3%`, `rose 5% to 7%`: two values.
            let mut p = a.s;
            while p > 0 && matches!(self.lex(p - 1), Lex::Hedge | Lex::Than | Lex::Comparative) {
                p -= 1;
            }
            // `from X to Y` is one range only after a word that announces
            // one (`ranging from`, `is from`) or at a clause start.
            if p > 0 && self.lex(p - 1) == Lex::Change {
                return None;
            }
            // `raised its dividend by 4 cents to 62 cents`: the size of a
            // change, then the level it reached.
            if p > 0 && self.str_of(p - 1).eq_ignore_ascii_case("by") {
                return None;
            }
            if p > 0 && self.lex(p - 1) == Lex::From {
                // `down from $8.6 billion to $9 billion`: a range compared
                // with a range.
                let compared = p >= 2
                    && (self.lex(p - 2) == Lex::Up
                        || self.str_of(p - 2).eq_ignore_ascii_case("down"));
                let lead = p < 2
                    || compared
                    || self.lex(p - 2) == Lex::RangeLead
                    || matches!(self.t[p - 2].kind, Kind::Sym(c) if c != '$');
                if !lead {
                    return None;
                }
                // The `from` of `down from` compares; it is no part of the
                // range.
                if !compared {
                    p -= 1;
                    from_start = Some(p);
                }
            }
            if p > 0 && self.t[p - 1].is_sym('%') {
                return None;
            }
        }
        let mut b = self.amount(k + 1)?;
        if b.vague.is_some() || b.kind == QKind::Ordinal {
            return None;
        }
        if !word_sep {
            // Hyphens between bare integers: years, phone numbers, scores.
            let four = |x: &Amt, from: f64| {
                x.bare && self.str_of(x.s).len() == 4 && (from..=2100.0).contains(&x.value)
            };
            if four(a, 1900.0) || four(&b, 1900.0) || (four(a, 1000.0) && four(&b, 1000.0)) {
                return None;
            }
            if self.is_hyphen(b.e) && self.tok(b.e + 1).is_some_and(|t| t.is_num()) {
                return None;
            }
            if a.s > 0 && self.t[a.s].glued && self.is_hyphen(a.s - 1) {
                return None;
            }
        }
        // Units must agree; a unitless left side takes the right's unit
        // and scale (`10-15%`, `$1-2 billion`).
        let kind = match (a.kind, b.kind) {
            (x, y) if x == y => x,
            (QKind::Cardinal, y) if b.unit_after || word_sep => y,
            (QKind::Money, QKind::Cardinal) => QKind::Money,
            _ => return None,
        };
        if a.kind == QKind::Money && b.kind == QKind::Money && a.unit != b.unit {
            return None;
        }
        // `3-5W`: a unit on either side is the range's; two must agree.
        if a.measure.is_some() && b.measure.is_some() && a.measure != b.measure {
            return None;
        }
        let unit = a.unit.or(b.unit);
        let mut lo = a.value;
        let hi_scale = b.scale;
        if a.scale == 1.0 && hi_scale > 1.0 && lo * hi_scale <= b.value {
            lo *= hi_scale;
        }
        if a.kind == QKind::Money && b.kind == QKind::Cardinal && b.scale == 1.0 && a.scale > 1.0 {
            b.value *= a.scale;
        }
        let hi = b.value;
        if lo >= hi || lo.is_nan() || hi.is_nan() {
            return None;
        }
        let kind = match kind {
            QKind::Cardinal => QKind::Range,
            k => k,
        };
        let s = if between {
            a.s - 1
        } else {
            from_start.unwrap_or(a.s)
        };
        Some(Found {
            s,
            e: b.e,
            kind,
            value: None,
            low: Some(lo),
            high: Some(hi),
            approximate: false,
            unit,
            bound: None,
            measure: a.measure.or(b.measure),
        })
    }

    /// A hedge phrase that starts at token `k`: what it says of the number
    /// after it and where that number starts. `about`, `more than`, `no
    /// more than`, `less than or equal to`, `at least`, `up to`, `as much
    /// as`, `exceeding`, `>`, `<=`, and (weak: only as one side of a pair)
    /// `above`, `below`, `over`, `under`.
    fn lead_hedge(&self, k: usize) -> Option<Lead> {
        let t = self.tok(k)?;
        let strong = |dir, end| {
            Some(Lead {
                dir,
                end,
                strong: true,
            })
        };
        match t.kind {
            Kind::Sym(c @ ('<' | '>' | '≤' | '≥')) => {
                let dir = if matches!(c, '>' | '≥') {
                    Dir::Lower
                } else {
                    Dir::Upper
                };
                let mut end = k + 1;
                if matches!(c, '<' | '>') && self.is_sym(end, '=') {
                    end += 1;
                }
                // `<<`, `->`, `=>`, `<>`: arrows and markup, no bound.
                let arrow = k > 0
                    && t.glued
                    && (self.is_hyphen(k - 1)
                        || matches!(self.t[k - 1].kind, Kind::Sym('=' | '<' | '>')));
                if arrow
                    || self
                        .tok(end)
                        .is_some_and(|n| matches!(n.kind, Kind::Sym('<' | '>')))
                {
                    return None;
                }
                return strong(dir, end);
            }
            Kind::Word => {}
            _ => return None,
        }
        let w = self.str_of(k);
        let is = |x: &str| w.eq_ignore_ascii_case(x);
        match t.lex {
            Lex::Hedge => strong(Dir::Around, k + 1),
            Lex::Comparative => {
                // `more or less 20` is an estimate, not a bound.
                if is("more")
                    && self.str_of(k + 1).eq_ignore_ascii_case("or")
                    && self.str_of(k + 2).eq_ignore_ascii_case("less")
                {
                    return strong(Dir::Around, k + 3);
                }
                self.comparative_lead(k)
            }
            Lex::Det if is("no") => self.comparative_lead(k + 1).map(Lead::negated),
            Lex::Other if is("not") => self.comparative_lead(k + 1).map(Lead::negated),
            Lex::At => {
                let dir = match self.str_of(k + 1).to_ascii_lowercase().as_str() {
                    "least" => Dir::Lower,
                    "most" => Dir::Upper,
                    _ => return None,
                };
                strong(dir, self.or_equal(k + 2))
            }
            Lex::Up if self.lex(k + 1) == Lex::To => strong(Dir::Upper, k + 2),
            Lex::As if self.lex(k + 1) == Lex::MuchMany && self.lex(k + 2) == Lex::As => {
                strong(Dir::Upper, k + 3)
            }
            Lex::Over => Some(Lead {
                dir: Dir::Lower,
                end: k + 1,
                strong: false,
            }),
            Lex::Other if w.len() <= 10 => {
                let l = w.to_ascii_lowercase();
                let verb = |stem: &str| {
                    l.strip_prefix(stem)
                        .is_some_and(|rest| matches!(rest, "" | "s" | "es" | "ed" | "ing"))
                };
                // `exceeding 150`, `surpassed $1 billion`: more than.
                if verb("exceed") || verb("surpass") {
                    return strong(Dir::Lower, k + 1);
                }
                let dir = match l.as_str() {
                    "above" => Dir::Lower,
                    "below" | "under" => Dir::Upper,
                    _ => return None,
                };
                Some(Lead {
                    dir,
                    end: k + 1,
                    strong: false,
                })
            }
            _ => None,
        }
    }

    /// `more than`, `less than or equal to`, `bigger or equal than` at `k`.
    fn comparative_lead(&self, k: usize) -> Option<Lead> {
        if self.lex(k) != Lex::Comparative {
            return None;
        }
        let dir = match self.str_of(k).to_ascii_lowercase().as_str() {
            "more" | "greater" | "larger" | "bigger" | "higher" => Dir::Lower,
            _ => Dir::Upper,
        };
        let end = if self.lex(k + 1) == Lex::Than {
            self.or_equal(k + 2)
        } else {
            let e = self.or_equal(k + 1);
            if e == k + 1 {
                return None;
            }
            e
        };
        Some(Lead {
            dir,
            end,
            strong: true,
        })
    }

    /// Skips `or equal to`, `or equal than` at `k`.
    fn or_equal(&self, k: usize) -> usize {
        if self.str_of(k).eq_ignore_ascii_case("or")
            && matches!(
                self.str_of(k + 1).to_ascii_lowercase().as_str(),
                "equal" | "equals"
            )
        {
            return k + 2 + usize::from(matches!(self.lex(k + 2), Lex::To | Lex::Than));
        }
        k
    }

    /// A bound written after the number at `k`: `or more`, `or fewer`,
    /// `or greater than` (at a phrase end), `and up`, `and over`.
    fn trail_hedge(&self, k: usize) -> Option<(Dir, usize)> {
        let or = self.str_of(k).eq_ignore_ascii_case("or");
        if !or && self.lex(k) != Lex::And {
            return None;
        }
        let w = self.str_of(k + 1).to_ascii_lowercase();
        let dir = match (or, w.as_str()) {
            (true, "more" | "greater" | "larger" | "bigger" | "higher" | "above" | "over") => {
                Dir::Lower
            }
            (true, "less" | "fewer" | "lower" | "smaller" | "below" | "under") => Dir::Upper,
            (false, "up" | "above" | "over") => Dir::Lower,
            (false, "below" | "under") => Dir::Upper,
            _ => return None,
        };
        let mut end = k + 2;
        // `200 or greater than` at a phrase end; `or more than 300` leads
        // a second amount.
        if self.lex(end) == Lex::Than && self.phrase_end(end + 1) {
            end += 1;
        }
        // `5 and up to 10`, `3 or more than 4`: the word leads the next amount.
        let leads_next = self.tok(end).is_some_and(|n| {
            n.is_num()
                || matches!(
                    n.lex,
                    Lex::Unit(_)
                        | Lex::Tens(_)
                        | Lex::A
                        | Lex::Half
                        | Lex::Quarter(_)
                        | Lex::Hundred
                        | Lex::To
                        | Lex::Than
                )
                || matches!(n.kind, Kind::Sym(c) if currency_symbol(c).is_some())
        });
        if leads_next {
            return None;
        }
        Some((dir, end))
    }

    /// Takes hedges into the quantity: a hedge phrase before it, a bound
    /// after it (`200 or more`), and two opposite bounds joined into one
    /// range (`more than 10 but less than 40`). `floor` is the first token
    /// not yet taken by an earlier quantity.
    fn hedge(&self, f: &mut Found, floor: usize) {
        // A rank is exact: `moved up to fourth` reaches a place.
        if f.kind == QKind::Ordinal {
            return;
        }
        let mut lead: Option<(usize, Lead)> = None;
        for p in f.s.saturating_sub(6).max(floor)..f.s {
            if let Some(l) = self.lead_hedge(p).filter(|l| l.end == f.s) {
                lead = Some((p, l));
                break;
            }
        }
        let single = f.value.is_some() && f.low.is_none() && f.kind != QKind::Ordinal;
        if let Some((p, l)) = lead {
            if l.strong {
                f.s = p;
                f.approximate = true;
                f.bound = l.dir.bound();
            }
        }
        if !single {
            return;
        }
        // Two opposite bounds: `more than 10 and less than 40`, `at most
        // 100 and at least 20`, `above 1000 and below 1500`.
        if let Some((p, first)) = lead.filter(|(_, l)| l.dir != Dir::Around) {
            if let Some(r) = self.bound_pair(f, p, first.dir) {
                *f = r;
                return;
            }
        }
        let strong_lead = lead.is_some_and(|(_, l)| l.strong);
        if !strong_lead || lead.is_some_and(|(_, l)| l.dir == Dir::Around) {
            if let Some((dir, end)) = self.trail_hedge(f.e) {
                f.e = end;
                f.approximate = true;
                f.bound = dir.bound().or(f.bound);
            }
        }
    }

    /// The range closed by a second, opposite bound after `f`.
    fn bound_pair(&self, f: &Found, start: usize, dir: Dir) -> Option<Found> {
        let mut k = f.e;
        let mut joined = false;
        if self.is_sym(k, ',') {
            k += 1;
            joined = true;
        }
        if self.lex(k) == Lex::And || self.str_of(k).eq_ignore_ascii_case("but") {
            k += 1;
            joined = true;
        }
        if !joined {
            return None;
        }
        let second = self.lead_hedge(k)?;
        if second.dir == Dir::Around || second.dir == dir {
            return None;
        }
        let b = self.amount(second.end)?;
        if b.vague.is_some() || b.kind == QKind::Ordinal || b.e <= second.end {
            return None;
        }
        let (kind, unit) = match (f.kind, b.kind) {
            (QKind::Money, QKind::Money) if f.unit != b.unit => return None,
            (x, y) if x == y => (x, f.unit),
            (QKind::Cardinal, y) => (y, b.unit),
            (x, QKind::Cardinal) => (x, f.unit),
            _ => return None,
        };
        let v = f.value?;
        let (lo, hi) = if dir == Dir::Lower {
            (v, b.value)
        } else {
            (b.value, v)
        };
        if lo.is_nan() || hi.is_nan() || lo >= hi {
            return None;
        }
        Some(Found {
            s: start,
            e: b.e,
            kind: if kind == QKind::Cardinal {
                QKind::Range
            } else {
                kind
            },
            value: None,
            low: Some(lo),
            high: Some(hi),
            approximate: false,
            unit,
            bound: None,
            measure: None,
        })
    }
}
