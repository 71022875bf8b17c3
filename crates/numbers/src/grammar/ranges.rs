//! Ranges: `between 200 and 300`, `10-15%`, `$1 billion to $1.5 billion`,
//! told apart from changes (`rose from 3.6% to 4.3%`, `by 4 cents to 62
//! cents`: two values).

use super::*;

impl Parser<'_> {
    pub(super) fn range(&self, a: &mut Amt) -> Option<Found> {
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

    /// The range closed by a second, opposite bound after `f`.
    pub(super) fn bound_pair(&self, f: &Found, start: usize, dir: Dir) -> Option<Found> {
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
