//! Finds every amount in English news text and normalizes it, following
//! the project's annotation conventions (`spec/annotation.md`, Quantities):
//! cardinals, ordinals, money with ISO 4217 codes, percentages, ranges,
//! hedged amounts (`about 30`, `more than $5 billion`, `200 or more`,
//! `>= 30`), ranges closed by two opposite bounds (`more than 10 but less
//! than 40` → 10..40) and vague amounts (`several hundred` → 300..900,
//! `thousands` → 2000..9999).
//!
//! Years, days of the month, clock times and digits that belong to a name
//! (`Digital Commerce 360`, `Top 1000`, `F-35`) are left alone. The work is
//! one linear pass over tokens that only looks closer at digits, currency
//! symbols and the words of a small static lexicon.
//!
//! ```
//! use newsie_core::QuantityKind;
//! use newsie_numbers::Normalizer;
//!
//! let text = "Revenue grew 13% to $24.2 billion, and several hundred roles, \
//!             about 5% of staff, will go by Dec. 31, 2026.";
//! let found = Normalizer::new().find(text);
//! let texts: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
//! assert_eq!(texts, ["13%", "$24.2 billion", "several hundred", "about 5%"]);
//! assert_eq!(found[1].kind, QuantityKind::Money);
//! assert_eq!(found[1].value, Some(24.2e9));
//! assert_eq!(found[1].unit.as_deref(), Some("USD"));
//! assert_eq!((found[2].low, found[2].high), (Some(300.0), Some(900.0)));
//! assert!(found[3].approximate);
//! ```

mod change;
mod grammar;
mod lexicon;
mod scan;
mod units;

use grammar::{Parser, QKind, Step};
use newsie_core::{Quantity, QuantityKind, Span};

/// Finds quantities in text. Holds only settings: cheap to clone and to
/// share across threads.
#[derive(Debug, Clone)]
pub struct Normalizer {
    bare_vague: bool,
}

impl Default for Normalizer {
    fn default() -> Normalizer {
        NormalizerBuilder::new().build()
    }
}

/// Settings of a [`Normalizer`].
///
/// ```
/// use newsie_numbers::NormalizerBuilder;
/// let normalizer = NormalizerBuilder::new().bare_vague_determiners(false).build();
/// let found = normalizer.find("It cut several hundred roles in several offices.");
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].text, "several hundred");
/// assert_eq!((found[0].low, found[0].high), (Some(300.0), Some(900.0)));
/// ```
#[derive(Debug, Clone)]
pub struct NormalizerBuilder {
    bare_vague: bool,
}

impl Default for NormalizerBuilder {
    fn default() -> NormalizerBuilder {
        NormalizerBuilder { bare_vague: true }
    }
}

impl NormalizerBuilder {
    /// The default settings.
    pub fn new() -> NormalizerBuilder {
        NormalizerBuilder::default()
    }

    /// Whether `several`, `a few` and `a couple (of)` count as vague amounts
    /// on their own, without a multiplier word (`a few targeted areas`,
    /// `several suppliers`: 2..5 and 3..9). On by default, as the annotation
    /// spec counts them; turn it off to keep only the scaled forms
    /// (`a few hundred`), for a suite that annotates only those.
    pub fn bare_vague_determiners(mut self, yes: bool) -> NormalizerBuilder {
        self.bare_vague = yes;
        self
    }

    /// The normalizer.
    pub fn build(self) -> Normalizer {
        Normalizer {
            bare_vague: self.bare_vague,
        }
    }
}

impl Normalizer {
    /// A normalizer with the default settings.
    pub fn new() -> Normalizer {
        Normalizer::default()
    }

    /// A builder for non-default settings.
    pub fn builder() -> NormalizerBuilder {
        NormalizerBuilder::new()
    }

    /// Every quantity in `text`, sorted by start, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Quantity> {
        self.find_excluding(text, &[])
    }

    /// Every quantity in `text` that does not overlap a span of `protected`
    /// (entity names such as `Digital Commerce 360`), sorted by start.
    /// Protected spans may come in any order; spans out of bounds are
    /// harmless.
    pub fn find_excluding(&self, text: &str, protected: &[Span]) -> Vec<Quantity> {
        let protected = Protected::new(protected);
        let mut tokens = Vec::with_capacity(256);
        let mut out = Vec::new();
        let mut last_end = 0;
        // Paragraph by paragraph, so that the token buffer stays small and
        // warm in cache: no amount spans a line break after a sentence end.
        for (from, to) in scan::chunks(text) {
            scan::tokens(text, from, to, &mut tokens);
            self.find_in(text, &tokens, &protected, &mut last_end, &mut out);
        }
        out
    }

    /// Every quantity in `text`, as [`Normalizer::find`] gives them, kept
    /// with where each paragraph's quantities lie, so that
    /// [`Normalizer::rescan_excluding`] can later drop the numbers of names
    /// without reading the whole text again.
    ///
    /// This serves a caller that needs the quantities twice: once before it
    /// knows the names (to tell a name that is only an amount, `No. 1`, from
    /// a real one) and once after (`Digital Commerce 360`).
    ///
    /// ```
    /// use newsie_core::Span;
    /// use newsie_numbers::Normalizer;
    ///
    /// let normalizer = Normalizer::new();
    /// let text = "The S&P 500 rose 2%.\nRevenue grew 13% to $4.1 billion.";
    /// let scan = normalizer.scan(text);
    /// assert_eq!(scan.quantities().len(), 4);
    /// let names = [Span::new(4, 11)]; // `S&P 500`
    /// let kept = normalizer.rescan_excluding(text, &scan, &names);
    /// assert_eq!(kept, normalizer.find_excluding(text, &names));
    /// assert_eq!(kept.len(), 3);
    /// ```
    pub fn scan(&self, text: &str) -> Scan {
        let nothing = Protected::new(&[]);
        let mut tokens = Vec::with_capacity(256);
        let mut quantities = Vec::new();
        let mut paragraphs = Vec::new();
        let mut last_end = 0;
        for (from, to) in scan::chunks(text) {
            let first = quantities.len();
            scan::tokens(text, from, to, &mut tokens);
            self.find_in(text, &tokens, &nothing, &mut last_end, &mut quantities);
            if quantities.len() > first {
                paragraphs.push(Paragraph {
                    span: Span::new(from, to),
                    quantities: first..quantities.len(),
                });
            }
        }
        Scan {
            quantities,
            paragraphs,
        }
    }

    /// The quantities of `text` that do not overlap a `protected` span, as
    /// [`Normalizer::find_excluding`] gives them, from an earlier
    /// [`Normalizer::scan`] of the same text with the same settings. Only a
    /// paragraph where a scanned quantity overlaps a protected span is read
    /// again: elsewhere protection changes nothing.
    pub fn rescan_excluding(&self, text: &str, scan: &Scan, protected: &[Span]) -> Vec<Quantity> {
        let protected = Protected::new(protected);
        let mut tokens = Vec::new();
        let mut out = Vec::with_capacity(scan.quantities.len());
        for paragraph in &scan.paragraphs {
            let found = &scan.quantities[paragraph.quantities.clone()];
            if !found
                .iter()
                .any(|q| protected.overlaps(Span::new(q.start, q.end)))
            {
                out.extend_from_slice(found);
                continue;
            }
            // No quantity reaches across a paragraph, so the one read
            // before this paragraph never limits it.
            let mut last_end = paragraph.span.start;
            scan::tokens(text, paragraph.span.start, paragraph.span.end, &mut tokens);
            self.find_in(text, &tokens, &protected, &mut last_end, &mut out);
        }
        out
    }

    fn find_in(
        &self,
        text: &str,
        tokens: &[scan::Tok],
        protected: &Protected,
        last_end: &mut usize,
        out: &mut Vec<Quantity>,
    ) {
        let parser = Parser {
            text,
            t: tokens,
            bare_vague: self.bare_vague,
        };
        let mut i = 0;
        // The first token not taken by a quantity of this piece.
        let mut floor = 0;
        while i < tokens.len() {
            if !parser.candidate(i) {
                i += 1;
                continue;
            }
            match parser.step(i, floor) {
                Step::Found(f) => {
                    let e = f.e.min(tokens.len());
                    if e == 0 || f.s >= e {
                        i += 1;
                        continue;
                    }
                    let span = Span::new(tokens[f.s].start, tokens[e - 1].end);
                    let clean = span.start >= *last_end && !protected.holds_number(tokens, f.s, e);
                    if clean {
                        let mut q = Quantity::new(text, span, kind_of(f.kind));
                        q.value = f.value.map(tidy);
                        q.low = f.low.map(tidy);
                        q.high = f.high.map(tidy);
                        q.approximate = f.approximate;
                        q.unit = f.unit.filter(|u| !u.is_empty()).map(str::to_owned);
                        q.bound = f.bound;
                        if let Some(measure) = f.measure {
                            q.unit = Some(measure.symbol.to_owned());
                            q.dimension = Some(measure.dimension);
                        }
                        if f.kind != QKind::Ordinal {
                            q.change = change::change_of(text, tokens, f.kind, f.s, e);
                        }
                        *last_end = span.end;
                        floor = e;
                        out.push(q);
                    }
                    i = e.max(i + 1);
                }
                Step::Skip(next) => i = next.max(i + 1),
                Step::Nothing => i += 1,
            }
        }
    }
}

/// The quantities of a text, read with nothing protected, by paragraph
/// ([`Normalizer::scan`]).
#[derive(Debug, Clone, Default)]
pub struct Scan {
    quantities: Vec<Quantity>,
    /// The paragraphs that hold at least one quantity, in order.
    paragraphs: Vec<Paragraph>,
}

#[derive(Debug, Clone)]
struct Paragraph {
    span: Span,
    /// Its quantities' indices in [`Scan::quantities`].
    quantities: std::ops::Range<usize>,
}

impl Scan {
    /// Every quantity found, sorted by start, as [`Normalizer::find`] gives
    /// them.
    pub fn quantities(&self) -> &[Quantity] {
        &self.quantities
    }

    /// The quantities, as a vector.
    pub fn into_quantities(self) -> Vec<Quantity> {
        self.quantities
    }
}

/// Protected spans, sorted and merged into disjoint runs, so that checking
/// a quantity against them is a binary search however many there are (a
/// long document has thousands of entity names).
struct Protected(Vec<Span>);

impl Protected {
    fn new(spans: &[Span]) -> Protected {
        let mut sorted: Vec<Span> = spans.iter().copied().filter(|p| !p.is_empty()).collect();
        sorted.sort_unstable();
        let mut merged: Vec<Span> = Vec::with_capacity(sorted.len());
        for span in sorted {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        Protected(merged)
    }

    /// Whether a protected name holds the number of the quantity over
    /// `tokens[s..e]` (`Digital Commerce 360`, `S&P 500`): one of its
    /// digit tokens, or any of it when it has none. A name inside the
    /// unit (`4.2 million Australian dollars`, `12 degrees Celsius`) is no
    /// reason to drop the quantity.
    fn holds_number(&self, tokens: &[scan::Tok], s: usize, e: usize) -> bool {
        let digits = || tokens[s..e].iter().filter(|t| t.is_num());
        if digits().next().is_none() {
            return self.overlaps(Span::new(tokens[s].start, tokens[e - 1].end));
        }
        digits().any(|t| self.overlaps(Span::new(t.start, t.end)))
    }

    /// Whether `span` shares a byte with a protected span.
    fn overlaps(&self, span: Span) -> bool {
        // The runs are disjoint and sorted, so their ends rise too: only the
        // last run starting before `span` ends can reach into it.
        let before = self.0.partition_point(|p| p.start < span.end);
        before > 0 && self.0[before - 1].overlaps(span)
    }
}

fn kind_of(k: QKind) -> QuantityKind {
    match k {
        QKind::Cardinal => QuantityKind::Cardinal,
        QKind::Ordinal => QuantityKind::Ordinal,
        QKind::Money => QuantityKind::Money,
        QKind::Percent => QuantityKind::Percent,
        QKind::Range => QuantityKind::Range,
    }
}

/// Rounds away binary noise (`24.2 * 1e9` → `24200000000`) so that values
/// print the way they are written.
fn tidy(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let magnitude = v.abs().log10().floor() as i32;
    let digits = 12 - magnitude;
    if !(0..=300).contains(&digits) {
        return v;
    }
    let f = 10f64.powi(digits);
    let r = (v * f).round() / f;
    if r.is_finite() {
        r
    } else {
        v
    }
}

#[cfg(test)]
mod tests;
