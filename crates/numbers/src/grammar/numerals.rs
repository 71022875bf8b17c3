//! Numerals and scales: digits with their separators, scale words and
//! suffixes (`24.2 billion`, `10k`), number words (`two hundred and
//! five`), fractions (`two-thirds`, `1½`) and scientific notation.

use super::*;

impl Parser<'_> {
    // ----- words and digits composed into one number -----

    pub(super) fn compose(&self, i: usize, denom: bool) -> Option<Composed> {
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
    pub(super) fn fraction(&self, i: usize, after_and: bool) -> Option<(f64, usize)> {
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
            // `cut admissions by a third in a trial`: the measure of a
            // change, whatever follows.
            let by_before = i > 0 && self.str_of(i - 1).eq_ignore_ascii_case("by");
            let ok = self.phrase_end(end)
                || by_before
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
    pub(super) fn long_fraction(&self, i: usize) -> Option<(f64, usize)> {
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
    pub(super) fn any_fraction(&self, i: usize, after_and: bool) -> Option<(f64, usize)> {
        self.fraction(i, after_and)
            .or_else(|| self.long_fraction(i))
    }

    /// Decimal digits spoken after `point`: `zero three`, `seventy-one`.
    pub(super) fn spoken_decimals(&self, mut j: usize) -> Option<(f64, usize)> {
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

    /// A glued scale suffix after digits (`10k`, `$2bn`, `£95m`).
    pub(super) fn scale_suffix(&self, w: &str, money: bool) -> Option<f64> {
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

    /// Whether a currency written as a word starts at `k` (`euros`,
    /// `Australian dollars`, `pounds`): after it, a scale letter that would
    /// otherwise be a unit (`5m euros`, `2.5 m pounds`) is the million of
    /// money, as it is after a currency symbol.
    pub(super) fn currency_word_at(&self, k: usize) -> bool {
        // Up to two words of qualifier first, as `money_suffix` reads them
        // (`Australian dollars`, `Hong Kong dollars`).
        let mut k = k;
        for _ in 0..2 {
            let qualifier_next = matches!(self.lex(k + 1), Lex::Qualifier(_));
            match self.lex(k) {
                Lex::Qualifier(_) => k += 1,
                Lex::Other if qualifier_next && self.tok(k).is_some_and(|t| t.is_word()) => k += 1,
                _ => break,
            }
        }
        matches!(self.lex(k), Lex::Currency(..))
    }

    pub(super) fn spaced_scale(&self, w: &str, money: bool) -> Option<f64> {
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
    pub(super) fn times_ten_power(&self, j: usize) -> Option<(f64, usize)> {
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

    pub(super) fn core(&self, i: usize, money: bool) -> Option<Amt> {
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
                if let Some(m) = self.scale_suffix(w, money || self.currency_word_at(j + 1)) {
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
                        .spaced_scale(self.str_of(j), money || self.currency_word_at(j + 1))
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
    pub(super) fn fraction_scale(&self, a: &mut Amt) {
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
    pub(super) fn mixed(&self, a: &mut Amt, scale: f64) {
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
    pub(super) fn ratio(&self, a: &Amt) -> Option<Amt> {
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
}
