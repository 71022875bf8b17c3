//! Finds and normalizes quantities (first version: digits and percentages;
//! the full grammar comes with issue 4).
//!
//! ```
//! use newsie_numbers::Normalizer;
//! let found = Normalizer::new().find("Revenue grew 13% to 24,200.");
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[1].value, Some(24200.0));
//! ```

use newsie_core::{Quantity, QuantityKind, Span};

/// Finds quantities in text. Cheap to share across threads.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {}

impl Normalizer {
    /// A normalizer with the default settings.
    pub fn new() -> Normalizer {
        Normalizer {}
    }

    /// Every quantity in `text`, sorted by start.
    pub fn find(&self, text: &str) -> Vec<Quantity> {
        self.find_excluding(text, &[])
    }

    /// Every quantity in `text` that does not overlap a span of `protected`
    /// (entity names such as `Digital Commerce 360`), sorted by start.
    pub fn find_excluding(&self, text: &str, protected: &[Span]) -> Vec<Quantity> {
        let mut found = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
                let mut end = i;
                while end < bytes.len()
                    && (bytes[end].is_ascii_digit()
                        || (matches!(bytes[end], b',' | b'.')
                            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
                {
                    end += 1;
                }
                let digits: String = text[i..end].chars().filter(|c| *c != ',').collect();
                let span = if bytes.get(end) == Some(&b'%') {
                    Span::new(i, end + 1)
                } else {
                    Span::new(i, end)
                };
                if !protected.iter().any(|p| p.overlaps(span)) {
                    if let Ok(value) = digits.parse::<f64>() {
                        let percent = span.end > end;
                        let mut q = Quantity::new(
                            text,
                            span,
                            if percent { QuantityKind::Percent } else { QuantityKind::Cardinal },
                        );
                        q.value = Some(value);
                        q.unit = percent.then(|| "percent".to_string());
                        found.push(q);
                    }
                }
                i = span.end;
            } else {
                i += 1;
            }
        }
        found
    }
}
