//! Money and percentages: currency symbols, codes and words before or
//! after the number (`$24.2 billion`, `GBP 27 million`, `4.2 million
//! Australian dollars`), sub-units (`89 cents`, `96.4p`), and `%`,
//! `percent`, `per cent`, `percentage points`.

use super::*;

impl Parser<'_> {
    // ----- one amount -----

    /// Reads a money prefix at `i`: returns (code, first token after it).
    pub(super) fn money_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
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

    /// A full amount at `i`: optional sign and money prefix, the core,
    /// then a percent or money suffix.
    /// `percent of 10`, `per cent of twenty-two` (a sign written first):
    /// the first token after `of`, when no number comes before the sign.
    pub(super) fn percent_of(&self, i: usize) -> Option<usize> {
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

    /// A currency word, maybe qualified (`dollars`, `Malaysian ringgit`),
    /// at `k`: its code and end. Sub-units do not count.
    pub(super) fn currency_word(&self, k: usize) -> Option<(&'static str, usize)> {
        match (self.lex(k), self.lex(k + 1)) {
            (Lex::Currency(code, 1), _) => Some((code, k + 1)),
            (Lex::Qualifier(q), Lex::Currency(_, 1)) => Some((q, k + 2)),
            _ => None,
        }
    }

    /// The end of a currency word at `e` that names the currency of the
    /// prefix before the number again (`$ 10 dollars`).
    pub(super) fn redundant_currency_word(
        &self,
        e: usize,
        code: &str,
        dollar_sign: bool,
    ) -> Option<usize> {
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
    pub(super) fn cents_tail(&self, a: &mut Amt) {
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
    pub(super) fn names_next_amount(&self, e: usize, code: &str) -> bool {
        if !self.tok(e + 1).is_some_and(|n| n.is_num()) {
            return false;
        }
        let Some(next) = self.core(e + 1, true) else {
            return false;
        };
        matches!(self.lex(next.e), Lex::Currency(word, 1) if word == code)
    }

    /// Percent and money words after the core.
    pub(super) fn suffix(&self, a: &mut Amt) {
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

    /// Whether `pound(s)` at `k`, after the number starting at `s`, is a
    /// weight: `pounds of` something (`20 pounds of meat`), ounces after it
    /// (`seven pounds, four ounces`), or a word of weighing just before the
    /// number (`weighs two pounds`, `lost 25 pounds`, `a weight of 300
    /// pounds`). Without such a word, pounds are money.
    fn pounds_weigh(&self, s: usize, k: usize, scaled: bool) -> bool {
        if self.lex(k + 1) == Lex::Of {
            return true;
        }
        // A scale says money whatever the verb: a firm `lost 25 million
        // pounds`, a club `gained 2.5m pounds`; bodies and parcels are
        // weighed in units, not millions.
        if scaled {
            return false;
        }
        let mut n = k + 1;
        if self.is_sym(n, ',') || self.lex(n) == Lex::And {
            n += 1;
        }
        let number_next = self.tok(n).is_some_and(|t| t.is_num())
            || matches!(self.lex(n), Lex::Unit(_) | Lex::Tens(_));
        if number_next
            && matches!(
                self.str_of(n + 1).to_ascii_lowercase().as_str(),
                "ounce" | "ounces" | "oz"
            )
        {
            return true;
        }
        const WEIGHING: &[&str] = &[
            "drop", "dropped", "dropping", "drops", "gain", "gained", "gaining", "gains",
            "heavier", "heavy", "lighter", "lose", "loses", "losing", "lost", "shed", "sheds",
            "shedding", "weigh", "weighed", "weighing", "weighs", "weight",
        ];
        (s.saturating_sub(4)..s).any(|i| {
            self.tok(i).is_some_and(|t| t.is_word())
                && WEIGHING
                    .binary_search(&self.str_of(i).to_ascii_lowercase().as_str())
                    .is_ok()
        })
    }

    pub(super) fn money_suffix(&self, a: &mut Amt) {
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
        // `20 pounds of meat`, `lost 25 pounds` are weights.
        if code == "GBP" && sub == 1 && qual.is_none() && self.pounds_weigh(a.s, k, a.scale > 1.0) {
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
}
