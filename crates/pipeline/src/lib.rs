//! The newsie pipeline: sentence splitting, entity tagging, quote
//! attribution and number normalization composed into one [`Record`] per
//! [`Document`].
//!
//! Each stage is its own crate and can be used alone; this crate only wires
//! their outputs together (quotes read sentences and entities; numbers leave
//! entity names such as `Digital Commerce 360` alone, and an "entity" that
//! is nothing but a rank or an amount, such as `No. 1`, is a number).
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

use newsie_core::{
    Document, Entity, EntityLabel, QuantityKind, Record, Sentence, Span, TokenStream,
};
use newsie_ner::Tagger;
use newsie_numbers::{Normalizer, Scan};
use newsie_quotes::Attributor;
use newsie_sentences::Splitter;

/// The longest text annotated in one piece, in bytes (256 KiB). A longer
/// document (no news article: a transcript, a dump, a whole book) is cut
/// into windows of at most this size, each ending at a line break where
/// one falls in its second half, else after a sentence's final punctuation
/// and a space, else after a space, and the windows are annotated one
/// after the other. So the working memory of every stage is bounded by the
/// window, whatever the document's size, and the time is linear. What is
/// lost: a quote's speaker resolves only to names of its window, the entity
/// tagger remembers names within a window, and an annotation never
/// crosses a window's edge.
pub const WINDOW_BYTES: usize = 256 * 1024;

/// `text` cut into consecutive windows of at most `max` bytes (`max` ≥ 8),
/// as [`WINDOW_BYTES`] describes.
fn windows(text: &str, max: usize) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / max + 1);
    let mut start = 0;
    while start < text.len() {
        let mut end = text.len();
        if end - start > max {
            let mut limit = start + max;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let mut half = start + max / 2;
            while !text.is_char_boundary(half) {
                half += 1;
            }
            let slice = &text[half..limit];
            end = slice
                .rfind('\n')
                .or_else(|| {
                    ["。", ". ", "? ", "! "]
                        .iter()
                        .filter_map(|end| slice.rfind(end).map(|at| at + end.len() - 1))
                        .max()
                })
                .or_else(|| slice.rfind(char::is_whitespace))
                .map_or(limit, |at| {
                    let at = half + at;
                    at + text[at..].chars().next().map_or(1, char::len_utf8)
                });
        }
        out.push(Span::new(start, end));
        start = end;
    }
    out
}

/// Makes room in `list` for `additional` more items, growing it by at
/// least a quarter (amortized, as doubling is, with less to spare).
fn grow_for<T>(list: &mut Vec<T>, additional: usize) {
    if list.capacity() - list.len() < additional {
        list.reserve_exact(additional.max(list.len() / 4));
    }
}

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
    attributor: Option<Attributor>,
}

impl PipelineBuilder {
    /// Which lists to fill (default: all). Only the stages the chosen lists
    /// need run: sentences always (every stage reads them); the entity
    /// tagger for entities or quotes (speakers are names); the number
    /// scanner for quantities or entities (a "name" that is only an amount,
    /// `No. 1`, is dropped). A stage that runs for another's sake leaves
    /// its own list empty.
    ///
    /// Quantities alone skip the entity tagger: digits and number words in
    /// names are then left alone by the number scanner's own rules
    /// (`Digital Commerce 360`, `the First Amendment`), not by the names
    /// the tagger finds, so a few more come out as numbers (7 of 3,119 on
    /// PolNeAR and IE-ER news).
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

    /// Uses this quote attributor instead of the default one: for example
    /// one with [wide attribution](newsie_quotes::AttributorBuilder::wide_attribution)
    /// on, which also reports beliefs and findings as PolNeAR annotates
    /// them.
    pub fn attributor(mut self, attributor: Attributor) -> Self {
        self.attributor = Some(attributor);
        self
    }

    /// Builds the pipeline, loading the embedded NER model when entities or
    /// quotes are wanted and no tagger was given.
    pub fn build(self) -> Result<Pipeline, Error> {
        let needs_tagger = self.stages.entities || self.stages.quotes;
        let tagger = match self.tagger {
            Some(t) => Some(t),
            None if needs_tagger => Some(Tagger::embedded()?),
            None => None,
        };
        Ok(Pipeline {
            stages: self.stages,
            splitter: self.splitter.unwrap_or_default(),
            tagger,
            attributor: self.attributor.unwrap_or_default(),
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
            attributor: None,
        }
    }

    /// The entity tagger, when a stage that needs one is on.
    pub fn tagger(&self) -> Option<&Tagger> {
        self.tagger.as_ref()
    }

    /// Annotates one document. One longer than [`WINDOW_BYTES`] is
    /// annotated window by window (see there).
    pub fn process(&self, doc: &Document) -> Result<Record, Error> {
        let text = doc.text();
        if text.len() <= WINDOW_BYTES {
            return self.annotate(doc.id(), text);
        }
        let mut record = Record::new(doc.id());
        for window in windows(text, WINDOW_BYTES) {
            let part = self.annotate(doc.id(), &text[window])?;
            // The lists grow by a quarter at a time, not by doubling: they
            // are most of what a long document keeps.
            grow_for(&mut record.sentences, part.sentences.len());
            grow_for(&mut record.entities, part.entities.len());
            grow_for(&mut record.quotes, part.quotes.len());
            grow_for(&mut record.quantities, part.quantities.len());
            record.append_shifted(part, window.start);
        }
        record.sentences.shrink_to_fit();
        record.entities.shrink_to_fit();
        record.quotes.shrink_to_fit();
        record.quantities.shrink_to_fit();
        Ok(record)
    }

    /// Annotates `text` in one piece.
    fn annotate(&self, id: &str, text: &str) -> Result<Record, Error> {
        let sentence_spans = self.splitter.split(text);
        // One word tokenization, read by the entity tagger and the quote
        // attributor alike.
        let stream = if self.tagger.is_some() || self.stages.quotes {
            TokenStream::new(text)
        } else {
            TokenStream::default()
        };
        let entities: Vec<Entity> = match &self.tagger {
            Some(tagger) => tagger.tag_stream(text, &sentence_spans, &stream)?,
            None => Vec::new(),
        };
        Ok(self.finish(id, text, sentence_spans, entities, Some(&stream)))
    }

    /// Annotates several documents, their entities tagged in one call
    /// ([`Tagger::tag_many`]): one result per document, in order, each as
    /// [`Pipeline::process`] would give it. Faster than `process` per
    /// document when [`Pipeline::prefers_batches`] says so.
    pub fn process_batch(&self, docs: &[&Document]) -> Vec<Result<Record, Error>> {
        if docs.iter().any(|doc| doc.text().len() > WINDOW_BYTES) {
            // Rare (no article is that long): each alone, window by window.
            return docs.iter().map(|doc| self.process(doc)).collect();
        }
        let sentence_spans: Vec<Vec<Span>> = docs
            .iter()
            .map(|doc| self.splitter.split(doc.text()))
            .collect();
        let entities: Vec<Result<Vec<Entity>, newsie_ner::Error>> = match &self.tagger {
            Some(tagger) => {
                let inputs: Vec<(&str, &[Span])> = docs
                    .iter()
                    .zip(&sentence_spans)
                    .map(|(doc, spans)| (doc.text(), spans.as_slice()))
                    .collect();
                tagger.tag_many(&inputs)
            }
            None => docs.iter().map(|_| Ok(Vec::new())).collect(),
        };
        docs.iter()
            .zip(sentence_spans)
            .zip(entities)
            .map(|((doc, spans), entities)| {
                Ok(self.finish(doc.id(), doc.text(), spans, entities?, None))
            })
            .collect()
    }

    /// Whether [`Pipeline::process_batch`] beats [`Pipeline::process`] on
    /// parallel threads: true when the entity tagger runs faster on
    /// batches (the transformer backend).
    pub fn prefers_batches(&self) -> bool {
        self.tagger.as_ref().is_some_and(Tagger::prefers_batches)
    }

    /// `entities` without the numbers the tagger took for names; the
    /// annotation spec makes these quantities, never names:
    /// - an amount of money or a percentage written from its symbol or
    ///   digits, in full (`$24.2 billion`, `5%`); an event such as `Euro
    ///   2024`, which the normalizer would read as money, stays a name;
    /// - a rank in digits tagged MISC, in full (`No. 1`); a place or an
    ///   organization (`No 10`, Downing Street) stays;
    /// - anything inside a rank (the `No` of `No. 3`), and a currency's
    ///   prefix inside an amount (`US` of `US$5 billion`, `Rs` of `Rs 500
    ///   crore`).
    ///
    /// Names that contain a number (`Digital Commerce 360`, `Formula 1`) and
    /// bare counts, which can be names (`3M`), stay entities.
    fn without_numbers(&self, text: &str, scan: &Scan, mut entities: Vec<Entity>) -> Vec<Entity> {
        if entities.is_empty() {
            return entities;
        }
        // Sorted by start and never overlapping, so each entity needs only
        // the last quantity starting at or before it: a binary search.
        let numbers: Vec<(Span, QuantityKind)> = scan
            .quantities()
            .iter()
            .filter(|q| {
                matches!(
                    q.kind,
                    QuantityKind::Ordinal | QuantityKind::Money | QuantityKind::Percent
                )
            })
            .map(|q| (Span::new(q.start, q.end), q.kind))
            .collect();
        entities.retain(|e| {
            let span = e.span();
            let at = numbers.partition_point(|(n, _)| n.start <= span.start);
            let Some(&(number, kind)) = at.checked_sub(1).and_then(|k| numbers.get(k)) else {
                return true;
            };
            if !number.contains(span) {
                return true;
            }
            let written = &text[span];
            let is_number = if span == number {
                match kind {
                    QuantityKind::Money | QuantityKind::Percent => {
                        !written.starts_with(char::is_alphabetic)
                    }
                    _ => {
                        e.label == EntityLabel::Misc && written.bytes().any(|b| b.is_ascii_digit())
                    }
                }
            } else {
                kind == QuantityKind::Ordinal
                    || (kind == QuantityKind::Money && span.start == number.start)
            };
            !is_number
        });
        entities
    }

    /// The stages after entity tagging, and the record.
    fn finish(
        &self,
        id: &str,
        text: &str,
        sentence_spans: Vec<Span>,
        entities: Vec<Entity>,
        stream: Option<&TokenStream>,
    ) -> Record {
        let mut record = Record::new(id);
        // The number scanner runs once: its quantities tell the names that
        // are only amounts, then lose the digits of the names that remain.
        let scan = if self.stages.quantities || !entities.is_empty() {
            self.normalizer.scan(text)
        } else {
            Scan::default()
        };
        let entities = self.without_numbers(text, &scan, entities);
        if self.stages.quotes {
            record.quotes = match stream {
                Some(stream) => {
                    self.attributor
                        .attribute_stream(text, &sentence_spans, &entities, stream)
                }
                None => self.attributor.attribute(text, &sentence_spans, &entities),
            };
        }
        if self.stages.quantities {
            // Digits inside names (`Digital Commerce 360`, `S&P 500`) are part
            // of the entity, not quantities.
            let names: Vec<Span> = entities
                .iter()
                .filter(|e| e.label != EntityLabel::Per)
                .map(Entity::span)
                .collect();
            record.quantities = if names.is_empty() {
                scan.into_quantities()
            } else {
                self.normalizer.rescan_excluding(text, &scan, &names)
            };
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
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn windows_cover_the_text_and_end_at_breaks() {
        let text = "One line here.\nAnother line, longer. And more text here\nTail é";
        let spans = windows(text, 20);
        assert_eq!(spans.first().unwrap().start, 0);
        assert_eq!(spans.last().unwrap().end, text.len());
        for pair in spans.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for span in &spans {
            assert!(span.len() <= 20 && text.get(span.start..span.end).is_some());
        }
        assert_eq!(&text[spans[0]], "One line here.\n");
        // No break at all: cut at a character boundary.
        // Multi-byte characters at the window's middle and end.
        let mixed = "a日本語".repeat(20);
        assert!(windows(&mixed, 11)
            .iter()
            .all(|w| mixed.get(w.start..w.end).is_some()));
        let word = "é".repeat(30);
        let lens: Vec<usize> = windows(&word, 9).iter().map(|w| w.len()).collect();
        assert_eq!(lens, [8, 8, 8, 8, 8, 8, 8, 4]);
    }

    #[test]
    fn a_long_document_is_annotated_window_by_window() {
        let pipeline = Pipeline::builder().build().unwrap();
        let article = "Acme Corp. said revenue rose 13% to $4.1 billion. \
                       “We are hiring,” Jane Roe said.\n";
        let text = article.repeat(WINDOW_BYTES / article.len() + 10);
        let record = pipeline
            .process(&Document::new("long", text.clone()))
            .unwrap();
        assert!(record.validate(&text).is_ok());
        let copies = text.matches("Jane Roe said").count();
        assert_eq!(
            record
                .quotes
                .iter()
                .filter(|q| q.kind == newsie_core::QuoteKind::Direct)
                .count(),
            copies
        );
        assert_eq!(record.quantities.len(), 2 * copies);
    }

    #[test]
    fn pipeline_is_send_and_sync() {
        assert_send_sync::<Pipeline>();
    }

    #[test]
    fn a_batch_gives_what_each_document_gives_alone() {
        let pipeline = Pipeline::builder().build().unwrap();
        let docs = [
            Document::new(
                "a",
                "Andy Jassy said Amazon cut several hundred jobs. \"We act,\" he said.",
            ),
            Document::new("b", ""),
            Document::new("c", "Revenue rose 13% to $24.2 billion in Seattle."),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        let batch = pipeline.process_batch(&refs);
        assert_eq!(batch.len(), docs.len());
        for (doc, record) in docs.iter().zip(batch) {
            let alone = pipeline.process(doc).unwrap();
            assert_eq!(
                serde_json::to_string(&record.unwrap()).unwrap(),
                serde_json::to_string(&alone).unwrap()
            );
        }
        assert!(
            !pipeline.prefers_batches(),
            "the linear tagger runs per document"
        );
    }

    /// Tags every occurrence of the given phrases with the given labels.
    struct PhraseTagger(Vec<(&'static str, EntityLabel)>);

    impl newsie_ner::Backend for PhraseTagger {
        fn tag(&self, text: &str, _: &[Span]) -> Result<Vec<Entity>, newsie_ner::Error> {
            let mut out = Vec::new();
            for &(phrase, label) in &self.0 {
                for (at, _) in text.match_indices(phrase) {
                    out.push(Entity::new(
                        text,
                        Span::new(at, at + phrase.len()),
                        label,
                        1.0,
                    ));
                }
            }
            Ok(out)
        }
    }

    #[test]
    fn a_name_that_is_only_a_rank_or_an_amount_is_a_quantity() {
        let tagger = Tagger::with_backend(Box::new(PhraseTagger(vec![
            ("No. 1", EntityLabel::Misc),
            ("No", EntityLabel::Misc),
            ("$24.2 billion", EntityLabel::Misc),
            ("Digital Commerce 360", EntityLabel::Org),
            ("3M", EntityLabel::Org),
            ("Euro 2024", EntityLabel::Misc),
            ("US", EntityLabel::Loc),
        ])));
        let pipeline = Pipeline::builder().tagger(tagger).build().unwrap();
        let text = "Amazon ranks No. 1 with $24.2 billion, Digital Commerce 360 said; 3M is No. 3 \
                    and sponsors Euro 2024 for US$5 million.";
        let record = pipeline.process(&Document::new("x", text)).unwrap();
        let entities: Vec<&str> = record.entities.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(entities, ["Digital Commerce 360", "3M", "Euro 2024"]);
        let quantities: Vec<(&str, QuantityKind)> = record
            .quantities
            .iter()
            .map(|q| (q.text.as_str(), q.kind))
            .collect();
        assert_eq!(
            quantities,
            [
                ("No. 1", QuantityKind::Ordinal),
                ("$24.2 billion", QuantityKind::Money),
                ("No. 3", QuantityKind::Ordinal),
                ("US$5 million", QuantityKind::Money)
            ]
        );
    }

    #[test]
    fn only_the_stages_a_list_needs_are_built() {
        let only = |stages: Stages| Pipeline::builder().stages(stages).build().unwrap();
        let quantities = only(Stages {
            quantities: true,
            ..Stages::NONE
        });
        assert!(quantities.tagger().is_none());
        let record = quantities
            .process(&Document::new("x", "Acme Corp. cut 300 jobs, about 5%."))
            .unwrap();
        assert_eq!(record.quantities.len(), 2);
        assert!(record.entities.is_empty() && record.sentences.is_empty());
        for needs_names in [
            Stages {
                quotes: true,
                ..Stages::NONE
            },
            Stages {
                entities: true,
                ..Stages::NONE
            },
        ] {
            assert!(only(needs_names).tagger().is_some());
        }
        assert!(only(Stages {
            sentences: true,
            ..Stages::NONE
        })
        .tagger()
        .is_none());
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
