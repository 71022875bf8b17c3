//! The newsie pipeline: sentence splitting, entity tagging, quote
//! attribution and number normalization composed into one [`Record`] per
//! [`Document`].
//!
//! Each stage is its own crate and can be used alone; this crate only wires
//! their outputs together (quotes read sentences and entities; numbers leave
//! entity names such as `Digital Commerce 360` alone).
//!
//! ```
//! use newsie_core::Document;
//! use newsie_pipeline::Pipeline;
//!
//! let pipeline = Pipeline::builder().build().unwrap();
//! let doc = Document::new("a", "“We are hiring,” Andy Jassy said. Revenue grew 13%.");
//! let record = pipeline.process(&doc).unwrap();
//! assert_eq!(record.sentences.len(), 2);
//! assert!(record.validate(doc.text()).is_ok());
//! ```

use newsie_core::{Document, Entity, EntityLabel, Record, Sentence, Span};
use newsie_ner::Tagger;
use newsie_numbers::Normalizer;
use newsie_quotes::Attributor;
use newsie_sentences::Splitter;

/// Why a document could not be processed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The entity tagger failed.
    #[error(transparent)]
    Ner(#[from] newsie_ner::Error),
}

/// Which annotation lists a record carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stages {
    /// Sentence spans.
    pub sentences: bool,
    /// Named entities.
    pub entities: bool,
    /// Quotes and speakers.
    pub quotes: bool,
    /// Normalized quantities.
    pub quantities: bool,
}

impl Stages {
    /// Every stage.
    pub const ALL: Stages = Stages {
        sentences: true,
        entities: true,
        quotes: true,
        quantities: true,
    };

    /// No stage at all (add them one by one).
    pub const NONE: Stages = Stages {
        sentences: false,
        entities: false,
        quotes: false,
        quantities: false,
    };
}

impl Default for Stages {
    fn default() -> Self {
        Stages::ALL
    }
}

/// Builds a [`Pipeline`].
pub struct PipelineBuilder {
    stages: Stages,
    splitter: Option<Splitter>,
    tagger: Option<Tagger>,
}

impl PipelineBuilder {
    /// Which lists to fill (default: all). Stages that others depend on still
    /// run when needed; their lists are left empty.
    pub fn stages(mut self, stages: Stages) -> Self {
        self.stages = stages;
        self
    }

    /// Uses this sentence splitter instead of the default one.
    pub fn splitter(mut self, splitter: Splitter) -> Self {
        self.splitter = Some(splitter);
        self
    }

    /// Uses this entity tagger (for example a transformer backend) instead
    /// of the embedded model.
    pub fn tagger(mut self, tagger: Tagger) -> Self {
        self.tagger = Some(tagger);
        self
    }

    /// Builds the pipeline, loading the embedded NER model when entities or
    /// quotes are wanted and no tagger was given.
    pub fn build(self) -> Result<Pipeline, Error> {
        let needs_tagger = self.stages.entities || self.stages.quotes || self.stages.quantities;
        let tagger = match self.tagger {
            Some(t) => Some(t),
            None if needs_tagger => Some(Tagger::embedded()?),
            None => None,
        };
        Ok(Pipeline {
            stages: self.stages,
            splitter: self.splitter.unwrap_or_default(),
            tagger,
            attributor: Attributor::new(),
            normalizer: Normalizer::new(),
        })
    }
}

/// The composed pipeline. Build it once and share it across threads.
pub struct Pipeline {
    stages: Stages,
    splitter: Splitter,
    tagger: Option<Tagger>,
    attributor: Attributor,
    normalizer: Normalizer,
}

impl Pipeline {
    /// A builder with every stage on and the embedded models.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            stages: Stages::ALL,
            splitter: None,
            tagger: None,
        }
    }

    /// The entity tagger, when a stage that needs one is on.
    pub fn tagger(&self) -> Option<&Tagger> {
        self.tagger.as_ref()
    }

    /// Annotates one document.
    pub fn process(&self, doc: &Document) -> Result<Record, Error> {
        let text = doc.text();
        let mut record = Record::new(doc.id());
        let sentence_spans = self.splitter.split(text);
        let entities: Vec<Entity> = match &self.tagger {
            Some(tagger) => tagger.tag(text, &sentence_spans)?,
            None => Vec::new(),
        };
        if self.stages.quotes {
            record.quotes = self.attributor.attribute(text, &sentence_spans, &entities);
        }
        if self.stages.quantities {
            // Digits inside names (`Digital Commerce 360`, `S&P 500`) are part
            // of the entity, not quantities.
            let names: Vec<Span> = entities
                .iter()
                .filter(|e| e.label != EntityLabel::Per)
                .map(Entity::span)
                .collect();
            record.quantities = self.normalizer.find_excluding(text, &names);
        }
        if self.stages.sentences {
            record.sentences = sentence_spans
                .iter()
                .map(|&span| Sentence::new(text, span))
                .collect();
        }
        if self.stages.entities {
            record.entities = entities;
        }
        record.sort();
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn pipeline_is_send_and_sync() {
        assert_send_sync::<Pipeline>();
    }

    #[test]
    fn subset_of_stages_leaves_other_lists_empty() {
        let pipeline = Pipeline::builder()
            .stages(Stages {
                sentences: true,
                ..Stages::NONE
            })
            .build()
            .unwrap();
        let record = pipeline
            .process(&Document::new("x", "One. Two 3%."))
            .unwrap();
        assert_eq!(record.sentences.len(), 2);
        assert!(record.entities.is_empty() && record.quantities.is_empty());
    }
}
