//! Named-entity tagging (first version: capitalized runs; the trained model
//! comes with issue 5).
//!
//! ```
//! use newsie_ner::Tagger;
//! let tagger = Tagger::embedded().unwrap();
//! let text = "Andy Jassy runs Amazon.";
//! let entities = tagger.tag(text, &[]).unwrap();
//! assert!(!entities.is_empty());
//! ```

use newsie_core::{word_tokens, Entity, EntityLabel, Span};

/// Why tagging failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model could not be loaded.
    #[error("cannot load the NER model: {0}")]
    Model(String),
}

/// A tagging backend: turns text (with its sentence spans) into entities.
pub trait Backend: Send + Sync {
    /// Tags `text`; `sentences` are the sentence spans (may be empty).
    fn tag(&self, text: &str, sentences: &[Span]) -> Result<Vec<Entity>, Error>;
}

struct CapitalizedRuns;

impl Backend for CapitalizedRuns {
    fn tag(&self, text: &str, _sentences: &[Span]) -> Result<Vec<Entity>, Error> {
        let mut out = Vec::new();
        let mut run: Option<Span> = None;
        for token in word_tokens(text) {
            let word = &text[token.span];
            if word.chars().next().is_some_and(char::is_uppercase) {
                run = Some(match run {
                    Some(r) => Span::new(r.start, token.span.end),
                    None => token.span,
                });
            } else if let Some(r) = run.take() {
                out.push(Entity::new(text, r, EntityLabel::Org, 0.5));
            }
        }
        if let Some(r) = run {
            out.push(Entity::new(text, r, EntityLabel::Org, 0.5));
        }
        Ok(out)
    }
}

/// An entity tagger over a [`Backend`].
pub struct Tagger {
    backend: Box<dyn Backend>,
}

impl Tagger {
    /// The tagger with the model embedded in the crate.
    pub fn embedded() -> Result<Tagger, Error> {
        Ok(Tagger {
            backend: Box::new(CapitalizedRuns),
        })
    }

    /// A tagger over any backend.
    pub fn with_backend(backend: Box<dyn Backend>) -> Tagger {
        Tagger { backend }
    }

    /// Tags `text`, whose sentence spans are `sentences` (may be empty).
    pub fn tag(&self, text: &str, sentences: &[Span]) -> Result<Vec<Entity>, Error> {
        self.backend.tag(text, sentences)
    }
}
