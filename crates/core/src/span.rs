use serde::{Deserialize, Serialize};
use std::ops::{Index, Range};

/// A half-open range of byte offsets `[start, end)` into a UTF-8 text.
///
/// The invariant `start <= end` is checked on construction. A span indexes a
/// `str` directly (`&text[span]`), which panics like any slice when the span
/// is out of bounds or off a character boundary; use [`Span::get`] for a
/// checked slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span. Panics when `start > end`, which is always a bug in
    /// the caller.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "invalid span: start {start} > end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether the two spans share at least one byte.
    #[inline]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely inside this span.
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The number of bytes the two spans share.
    #[inline]
    pub fn overlap_len(&self, other: Span) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }

    /// The slice of `text` this span covers, or `None` when the span is out
    /// of bounds or does not fall on character boundaries.
    #[inline]
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }

    /// The span with leading and trailing whitespace of `text` removed.
    pub fn trim(self, text: &str) -> Span {
        let slice = &text[self];
        let start = self.start + (slice.len() - slice.trim_start().len());
        let end = self.end - (slice.len() - slice.trim_end().len());
        if start >= end {
            Span::new(self.start, self.start)
        } else {
            Span::new(start, end)
        }
    }

    /// The span as a `Range<usize>`.
    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl Index<Span> for str {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

impl Index<Span> for String {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self.as_str()[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_and_trims_non_ascii_text() {
        let text = "  “Hé” ";
        let span = Span::new(0, text.len()).trim(text);
        assert_eq!(&text[span], "“Hé”");
        assert_eq!(span, Span::new(2, 11));
        assert_eq!(Span::new(3, 4).get(text), None, "inside a curly quote");
    }

    #[test]
    fn overlap_arithmetic() {
        let a = Span::new(0, 10);
        assert!(a.overlaps(Span::new(9, 12)));
        assert!(!a.overlaps(Span::new(10, 12)));
        assert_eq!(a.overlap_len(Span::new(5, 20)), 5);
        assert!(a.contains(Span::new(2, 3)));
    }

    #[test]
    #[should_panic(expected = "invalid span")]
    fn rejects_reversed_span() {
        Span::new(3, 2);
    }
}
