//! Quote detection and speaker attribution for English news.
//!
//! [`Attributor::attribute`] finds
//! - **direct** quotes: the words between a pair of double quotation marks
//!   (straight or curly), one record per pair; an interrupted quote gives
//!   two records with the same speaker, and a paragraph that leaves a quote
//!   open ends that record at the paragraph's end;
//! - **partial** quotes inside reported speech (`called the price “full but
//!   defensible”`), recorded as direct quotes of the quoted words only;
//! - **indirect** speech: the clause reported by a speech verb or by
//!   `according to` (`Amazon said it is still hiring` → `it is still hiring`),
//!   before or after the attribution.
//!
//! Each quote gets the speaker mention nearest to it (titles dropped), its
//! kind (person, anonymous, organization), the name it resolves to (a full
//! name, or the organization an unnamed spokesperson or `the company`
//! speaks for), and the cue with its lemma. The rules are lexical and
//! general; sentence and entity spans from other stages help but are
//! optional: with none given, paragraphs are split at line breaks and
//! sentences roughly, and capitalized names are classified by heuristics.
//!
//! The output is bounded on any input: a quote never runs past its
//! paragraph nor past [`MAX_QUOTE_BYTES`], reported clauses never overlap
//! (a cue inside a clause already reported gives no record of its own), and
//! a cue gives at most one quote (two pieces when the attribution
//! interrupts its clause). So the quotes' text adds up to at most twice the
//! document (direct quotes and the clauses reporting around them), and the
//! work per cue is bounded.
//!
//! ```
//! use newsie_core::{QuoteKind, SpeakerKind};
//! use newsie_quotes::Attributor;
//!
//! let text = "Acme Corp. said it will cut 200 jobs.\n\
//!             “We are still hiring,” CEO Jane Smith said.";
//! let quotes = Attributor::new().attribute(text, &[], &[]);
//! assert_eq!(quotes.len(), 2);
//! assert_eq!(quotes[0].kind, QuoteKind::Indirect);
//! assert_eq!(quotes[0].text, "it will cut 200 jobs");
//! let speaker = quotes[1].speaker.as_ref().unwrap();
//! assert_eq!(speaker.text, "Jane Smith");
//! assert_eq!(speaker.kind, SpeakerKind::Person);
//! assert_eq!(quotes[1].cue.as_ref().unwrap().lemma, "say");
//! ```

mod attribute;
mod lexicon;
mod text;

use newsie_core::{Entity, Quote, Span, TokenStream};
use std::sync::Arc;

pub use attribute::learned::{ContentCandidates, CueCandidate, CueModel, ModelError};
pub use attribute::MAX_QUOTE_BYTES;

/// Whether the wide scope uses the embedded cue model ([`CueModel`]) when
/// the builder is not told otherwise: on, because it measured better than
/// the rules alone on PolNeAR's dev split (`models/quotes/MANIFEST.md`).
const LEARNED_CUES_BY_DEFAULT: bool = true;

/// Why an [`AttributorBuilder`] refused its settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A partial-quote word limit of zero would drop every partial quote;
    /// use [`AttributorBuilder::partial_quotes`] to turn them off instead.
    #[error("the partial-quote word limit must be at least 1")]
    ZeroPartialLimit,
}

/// Settings of an [`Attributor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Settings {
    pub indirect: bool,
    pub partial: bool,
    pub partial_max_words: usize,
    pub wide: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            indirect: true,
            partial: true,
            partial_max_words: 12,
            wide: false,
        }
    }
}

/// Configures an [`Attributor`].
///
/// ```
/// let attributor = newsie_quotes::Attributor::builder()
///     .indirect(false)
///     .build()
///     .unwrap();
/// let quotes = attributor.attribute("Acme said it is hiring.", &[], &[]);
/// assert!(quotes.is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct AttributorBuilder {
    settings: Settings,
    /// `None`: the default (the embedded model under the wide scope).
    model: Option<Option<Arc<CueModel>>>,
}

impl AttributorBuilder {
    /// Whether to report indirect speech (default: yes).
    pub fn indirect(mut self, on: bool) -> Self {
        self.settings.indirect = on;
        self
    }

    /// Whether to report partial quotes inside a sentence (default: yes).
    pub fn partial_quotes(mut self, on: bool) -> Self {
        self.settings.partial = on;
        self
    }

    /// Quoted words of at most this many words that sit inside a sentence
    /// count as partial quotes and need a speech cue nearby; longer ones
    /// are full quotes (default: 12).
    pub fn partial_max_words(mut self, words: usize) -> Self {
        self.settings.partial_max_words = words;
        self
    }

    /// Whether to report attribution in the wider sense of attribution
    /// corpora such as PolNeAR and PARC (default: no): beliefs, findings
    /// and other non-speech cues (`believes`, `found`, `shows`, `wants`,
    /// `called for`), which `annotation.md` does not count as quotes.
    pub fn wide_attribution(mut self, on: bool) -> Self {
        self.settings.wide = on;
        self
    }

    /// The cue model of the wide scope: `None` for the rules alone,
    /// `Some(model)` for another model than the embedded one (default: the
    /// embedded [`CueModel::embedded`]). Ignored by the speech scope.
    pub fn cue_model(mut self, model: Option<Arc<CueModel>>) -> Self {
        self.model = Some(model);
        self
    }

    /// The attributor, or why the settings are invalid.
    pub fn build(self) -> Result<Attributor, Error> {
        if self.settings.partial_max_words == 0 {
            return Err(Error::ZeroPartialLimit);
        }
        // The embedded model is parsed only when the wide scope needs it.
        let model = match self.model {
            Some(model) => model,
            None if self.settings.wide && LEARNED_CUES_BY_DEFAULT => CueModel::embedded(),
            None => None,
        };
        Ok(Attributor {
            settings: self.settings,
            model,
        })
    }
}

/// Finds quotes and attributes them. Cheap to clone and share across threads.
#[derive(Debug, Clone, Default)]
pub struct Attributor {
    settings: Settings,
    /// The wide scope's cue model, if any.
    model: Option<Arc<CueModel>>,
}

impl Attributor {
    /// An attributor with the default settings.
    pub fn new() -> Attributor {
        Attributor::default()
    }

    /// A builder for non-default settings.
    pub fn builder() -> AttributorBuilder {
        AttributorBuilder::default()
    }

    /// Finds the quotes in `text`, sorted by start. `sentences` (byte spans)
    /// and `entities` come from other stages and may be empty; spans that
    /// are out of bounds or off character boundaries are ignored.
    pub fn attribute(&self, text: &str, sentences: &[Span], entities: &[Entity]) -> Vec<Quote> {
        attribute::run(
            text,
            sentences,
            entities,
            None,
            &self.settings,
            self.model.as_deref(),
        )
    }

    /// [`Attributor::attribute`], reading the words of `text` from
    /// `stream` (built once from the whole of `text` by the caller and
    /// shared with other stages) instead of tokenizing it again.
    pub fn attribute_stream(
        &self,
        text: &str,
        sentences: &[Span],
        entities: &[Entity],
        stream: &TokenStream,
    ) -> Vec<Quote> {
        attribute::run(
            text,
            sentences,
            entities,
            Some(stream),
            &self.settings,
            self.model.as_deref(),
        )
    }

    /// Every candidate cue of `text` under the wide scope, with the
    /// features the cue model reads, whether the model would keep it or
    /// not: the training data of `newsie-train-quotes`. Uses this
    /// attributor's model for the learned lexicon, or a model with none.
    #[doc(hidden)]
    pub fn cue_candidates(
        &self,
        text: &str,
        sentences: &[Span],
        entities: &[Entity],
    ) -> Vec<CueCandidate> {
        let empty;
        let model = match self.model.as_deref() {
            Some(model) => model,
            None => {
                empty = CueModel::new([], [], 0.0, 1.0, 0.0);
                &empty
            }
        };
        let settings = Settings {
            wide: true,
            ..self.settings
        };
        attribute::cue_candidates(text, sentences, entities, &settings, model)
    }

    /// The candidate boundaries of every indirect quote this attributor's
    /// cue model gives `text` under the wide scope, before the model's own
    /// boundaries move them: the training data of the boundary scorer of
    /// `newsie-train-quotes`. Empty without a cue model.
    #[doc(hidden)]
    pub fn content_candidates(
        &self,
        text: &str,
        sentences: &[Span],
        entities: &[Entity],
    ) -> Vec<ContentCandidates> {
        let Some(model) = self.model.as_deref() else {
            return Vec::new();
        };
        let settings = Settings {
            wide: true,
            ..self.settings
        };
        attribute::content_candidates(text, sentences, entities, &settings, model)
    }
}

/// The whole noun phrase around a speaker mention: `span` widened leftwards
/// over titles, modifiers and determiners of the same phrase (`Andy Jassy`
/// in `CEO Andy Jassy said` → `CEO Andy Jassy`). For benchmarks whose
/// source spans are full phrases; returns `span` when it cannot widen it.
pub fn mention_phrase(text: &str, span: Span) -> Span {
    attribute::widen_mention(text, span)
}

#[cfg(test)]
mod tests;
