//! Quote detection and attribution (first version: direct quotes between
//! curly or straight double marks; attribution comes with issue 6).
//!
//! ```
//! use newsie_quotes::Attributor;
//! let text = "“We are hiring,” she said.";
//! let quotes = Attributor::new().attribute(text, &[], &[]);
//! assert_eq!(quotes[0].text, "We are hiring,");
//! ```

use newsie_core::{Entity, Quote, QuoteKind, Span};

/// Finds quotes and attributes them. Cheap to share across threads.
#[derive(Debug, Clone, Default)]
pub struct Attributor {}

impl Attributor {
    /// An attributor with the default settings.
    pub fn new() -> Attributor {
        Attributor {}
    }

    /// Finds the quotes in `text` given its sentence and entity spans.
    pub fn attribute(&self, text: &str, _sentences: &[Span], _entities: &[Entity]) -> Vec<Quote> {
        let mut out = Vec::new();
        let mut open: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match (c, open) {
                ('“', _) | ('"', None) => open = Some(i + c.len_utf8()),
                ('”' | '"', Some(start)) => {
                    out.push(Quote::new(text, Span::new(start, i), QuoteKind::Direct));
                    open = None;
                }
                ('\n', _) => open = None,
                _ => {}
            }
        }
        out
    }
}
