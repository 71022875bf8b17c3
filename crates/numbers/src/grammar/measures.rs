//! Units of measure and ages after a number (the unit words themselves
//! are in `crate::units`): glued, spaced, hyphened, and the ages of `a
//! 54-year-old`, `aged 54`, `Ann Lee, 54,`.

use super::*;

/// A person's age: `year`, dimension age.
pub(super) fn age() -> Measure {
    Measure {
        symbol: "year",
        dimension: Dimension::Age,
    }
}

impl Parser<'_> {
    /// A unit glued to the digits at token `j` (`512GB`, `35°C`, `70km/h`):
    /// its measure and the token after it.
    pub(super) fn glued_unit(&self, j: usize) -> Option<(Measure, usize)> {
        // A code, not a measure: digits glued to letters before them
        // (`scp173m`) or to more after the unit (`24703m212`).
        let number = j.checked_sub(1)?;
        if self.glued(number) && number > 0 && self.tok(number - 1).is_some_and(|t| t.is_word()) {
            return None;
        }
        // The longest run of glued unit characters: `km/h`, `°C`, `m²`,
        // `m2` (a power written as a digit).
        let mut end = j;
        while end == j
            || self.tok(end).is_some_and(|t| {
                t.glued
                    && (t.is_word()
                        || matches!(t.kind, Kind::Sym('/' | '°' | 'º' | '²' | '³'))
                        || (t.is_num() && matches!(self.str_of(end), "2" | "3")))
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
    pub(super) fn temperature_letter_fits(&self, j: usize, end: usize) -> bool {
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
    pub(super) fn measure(&self, f: &mut Found) {
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
        // `20 (kg)`, `4.5 [m]`: a unit symbol in brackets, as tables and
        // data notes write it.
        if let Some((m, end)) = self.bracketed_unit(k) {
            f.measure = Some(m);
            f.e = end;
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
            // A spaced `m` after a bare number is metres (`a 2 m wall`, `1 m
            // x 1 m`): money already took `$5 m` and `5 m euros`. Before a
            // plural noun it is an informal million (`5 m people`).
            // Digits or letters glued after it make a code (`24703 m212`).
            let code_after = self
                .tok(k + 1)
                .is_some_and(|t| t.glued && (t.is_num() || t.is_word()));
            if self.str_of(k) == "m" && !self.glued(k) && !code_after && !self.plural_noun_at(k + 1)
            {
                f.measure = Some(units::word_unit("m", true).expect("m is a unit glued"));
                f.e = k + 1;
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

    /// A unit symbol in matching brackets at `k` (`(kg)`, `[m]`, `{cm}`,
    /// `<kg>`): its measure and the token after the closing bracket.
    fn bracketed_unit(&self, k: usize) -> Option<(Measure, usize)> {
        let close = match self.tok(k)?.kind {
            Kind::Sym('(') => ')',
            Kind::Sym('[') => ']',
            Kind::Sym('{') => '}',
            Kind::Sym('<') => '>',
            _ => return None,
        };
        self.tok(k + 1).filter(|t| t.is_word() && t.glued)?;
        if !self.is_sym(k + 2, close) || !self.glued(k + 2) {
            return None;
        }
        let written = self.str_of(k + 1);
        // Inside brackets a lone letter is a symbol, not a word (`(m)`,
        // `(g)`), but `(in)`, `(C)` and `(F)` stay too ambiguous.
        let glued_ok = matches!(written, "m" | "g" | "t" | "W" | "h");
        let m = units::word_unit(written, glued_ok)?;
        Some((m, k + 3))
    }

    /// Whether a lower-case plural word sits at `k` (`people`, `users`):
    /// what a count would count.
    fn plural_noun_at(&self, k: usize) -> bool {
        let Some(t) = self.tok(k).filter(|t| t.is_word() && !t.cap) else {
            return false;
        };
        let w = &self.text[t.start..t.end];
        (w.ends_with('s') && !w.ends_with("ss"))
            || matches!(w, "people" | "children" | "men" | "women")
    }

    /// `five years old`, `ten months old`, `3 years of age`: a duration
    /// that is an age, its unit kept (`year`, `month`, `week`, `d`).
    pub(super) fn age_after_duration(&self, f: &mut Found) {
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
    pub(super) fn age_around(&self, f: &mut Found) {
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
}
