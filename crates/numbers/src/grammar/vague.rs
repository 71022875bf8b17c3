//! Vague amounts: `several hundred`, `a few`, `dozens`, `tens of
//! thousands`, with the bounds of annotation.md's table.

use super::*;

impl Parser<'_> {
    /// `several hundred`, `a few hundred`, `a couple of thousand`; bare
    /// `several` only when configured.
    pub(super) fn vague_det(&self, i: usize) -> Option<(f64, f64, usize)> {
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
    pub(super) fn vague_plural(&self, i: usize) -> Option<(f64, f64, usize)> {
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
}
