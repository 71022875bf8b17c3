//! The shared vocabulary of newsie: byte [`Span`]s, [`Document`]s, and the
//! annotation types of the output contract ([`Sentence`], [`Entity`],
//! [`Quote`], [`Quantity`]) gathered in a [`Record`].
//!
//! Every offset in newsie is a byte offset into the document's UTF-8 text,
//! half-open, and every annotation carries the exact slice it covers, so a
//! consumer can always check `&text[start..end] == annotation.text`.
//!
//! ```
//! use newsie_core::{Document, Entity, EntityLabel, Record, Span};
//!
//! let doc = Document::new("a.txt", "Andy Jassy runs Amazon.");
//! let span = Span::new(16, 22);
//! assert_eq!(&doc.text()[span], "Amazon");
//!
//! let mut record = Record::new(doc.id());
//! record.entities.push(Entity::new(doc.text(), span, EntityLabel::Org, 0.9));
//! assert!(record.validate(doc.text()).is_ok());
//! ```

pub mod input;
mod layout;
mod record;
mod span;
mod tokens;

pub use layout::LineLayout;
pub use record::{
    Bound, Change, Cue, Dimension, Entity, EntityLabel, ErrorDetail, ErrorRecord, Quantity,
    QuantityKind, Quote, QuoteKind, Record, Sentence, Speaker, SpeakerKind, ValidationError,
    SCHEMA_VERSION,
};
pub use span::Span;
pub use tokens::{is_word_char, word_tokens, Token, TokenIter, TokenStream};

/// A document: an identifier and its text. The text is never modified by
/// any stage; every annotation points into it by byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    id: String,
    text: String,
}

impl Document {
    /// Creates a document from an identifier and its full text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
        }
    }

    /// The document's identifier (a path, or the `id` of a JSON Lines record).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The document's text, exactly as it was read.
    pub fn text(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Span>();
        assert_send_sync::<Document>();
        assert_send_sync::<Record>();
        assert_send_sync::<ValidationError>();
    }
}
