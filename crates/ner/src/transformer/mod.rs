//! A backend over subword token classifiers (BERT and its kin).
//!
//! A transformer checkpoint labels subword pieces, not words, and knows
//! nothing of byte offsets, sentences or windows. This module holds what
//! turns such a model into a [`Backend`] independently of
//! how the model runs:
//!
//! - [`LabelMap`] reads the checkpoint's own `id2label` (CoNLL's `B-PER`,
//!   OntoNotes' `B-PERSON`, `B-GPE`, BILOU or BIOES prefixes) into newsie's
//!   four entity types;
//! - [`plan_windows`] packs whole sentences into windows the model can take,
//!   splitting only a sentence that is longer than a window;
//! - [`length_batches`] groups windows of close length, so that little
//!   work goes to padding;
//! - [`CaseType`] gives each word's case class to checkpoints that were
//!   fine-tuned to read it (an uncased encoder cannot see capitals);
//! - [`word_predictions`] reads each word's label off its first subword piece;
//! - [`decode_words`] turns word labels into entities (BIO, IOB1 or BIOES);
//! - [`ClassifierBackend`] runs all of it over any [`TokenClassifier`].
//!
//! The model itself comes from the `transformer` cargo feature
//! (`BertClassifier`, through rust-bert and libtorch). Without the feature
//! the module still compiles, so the post-processing is tested in the
//! default build with a fake classifier. With the feature on:
//!
//! ```ignore
//! use newsie_ner::transformer::{BertClassifier, BertOptions, ClassifierBackend};
//! use newsie_ner::Tagger;
//!
//! let model = BertClassifier::load("models/ner-transformer", &BertOptions::new())?;
//! let tagger = Tagger::with_backend(Box::new(ClassifierBackend::new(model)?));
//! let entities = tagger.tag("Andy Jassy runs Amazon.", &[])?;
//! ```
//!
//! One model is shared by every thread that tags: its forward passes take
//! turns, and libtorch's own intra-op threads (`BertOptions::threads`)
//! parallelize each batch, while tokenizing and decoding run on the
//! callers' threads (newsie's rayon workers).
//!
//! ```
//! use newsie_core::EntityLabel;
//! use newsie_ner::transformer::{decode_words, LabelMap};
//!
//! let labels = LabelMap::new(["O", "B-PER", "I-PER", "B-GPE", "I-GPE"]).unwrap();
//! // Word labels for "Andy Jassy visited New York": ids with probabilities.
//! let words = [Some((1, 0.9)), Some((2, 0.8)), Some((0, 0.99)), Some((3, 0.7)), Some((4, 0.9))];
//! let entities = decode_words(&labels, &words);
//! assert_eq!(entities.len(), 2);
//! assert_eq!((entities[0].start, entities[0].end, entities[0].label), (0, 2, EntityLabel::Per));
//! // OntoNotes' GPE is a location in newsie's (CoNLL's) types.
//! assert_eq!((entities[1].start, entities[1].end, entities[1].label), (3, 5, EntityLabel::Loc));
//! ```

#[cfg(feature = "transformer")]
mod bert;
#[cfg(feature = "transformer")]
pub use bert::{BertClassifier, BertOptions, Precision};

use std::ops::Range;

use newsie_core::{Entity, EntityLabel, Span};

use crate::{Backend, Error, TokenEntity};

/// Where a subword label puts its word inside an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagPosition {
    /// Outside any entity (`O`, or a type newsie does not report).
    Outside,
    /// First word of an entity (`B-`).
    Begin,
    /// A word inside or continuing an entity (`I-`, or a bare type).
    Inside,
    /// Last word of an entity (`E-`, `L-`).
    Last,
    /// A one-word entity (`S-`, `U-`).
    Single,
}

/// One label of a checkpoint, read into newsie's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagLabel {
    /// Its place in an entity.
    pub position: TagPosition,
    /// The entity type, `None` for `O` and for types newsie does not tag
    /// (OntoNotes' `DATE`, `MONEY`, `CARDINAL` ...).
    pub entity: Option<EntityLabel>,
}

/// A checkpoint's label ids mapped to [`TagLabel`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelMap {
    labels: Vec<TagLabel>,
    names: Vec<String>,
}

impl LabelMap {
    /// Reads labels in id order (`id2label[0]`, `id2label[1]`, ...).
    ///
    /// Types are matched without regard to case: `PER`/`PERSON`, `ORG`/
    /// `ORGANIZATION`, `LOC`/`LOCATION`/`GPE`/`FAC`, and `MISC` with the
    /// OntoNotes types CoNLL counts as miscellaneous (`NORP`, `EVENT`,
    /// `WORK_OF_ART`, `LAW`, `PRODUCT`, `LANGUAGE`). Any other type is read
    /// as outside. Fails on an empty list or a map with no entity type.
    pub fn new<I, S>(id2label: I) -> Result<LabelMap, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let names: Vec<String> = id2label
            .into_iter()
            .map(|s| s.as_ref().to_string())
            .collect();
        if names.is_empty() {
            return Err(Error::Model("the checkpoint's id2label is empty".into()));
        }
        let labels: Vec<TagLabel> = names.iter().map(|n| read_label(n)).collect();
        if labels.iter().all(|l| l.entity.is_none()) {
            return Err(Error::Model(format!(
                "none of the checkpoint's labels is an entity type newsie knows ({})",
                names.join(", ")
            )));
        }
        Ok(LabelMap { labels, names })
    }

    /// How many labels the checkpoint has.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always false: a map holds at least one label.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The label with id `id`, outside if the id is unknown.
    pub fn get(&self, id: usize) -> TagLabel {
        self.labels.get(id).copied().unwrap_or(TagLabel {
            position: TagPosition::Outside,
            entity: None,
        })
    }

    /// The checkpoint's own name of label `id`.
    pub fn name(&self, id: usize) -> Option<&str> {
        self.names.get(id).map(String::as_str)
    }
}

fn read_label(name: &str) -> TagLabel {
    let outside = TagLabel {
        position: TagPosition::Outside,
        entity: None,
    };
    let trimmed = name.trim();
    if trimmed.eq_ignore_ascii_case("o") || trimmed.is_empty() {
        return outside;
    }
    let (position, kind) = match trimmed.split_once(['-', '_']) {
        Some((prefix, kind)) if prefix.len() == 1 => {
            let position = match prefix.to_ascii_uppercase().as_str() {
                "B" => TagPosition::Begin,
                "I" | "M" => TagPosition::Inside,
                "E" | "L" => TagPosition::Last,
                "S" | "U" => TagPosition::Single,
                _ => return outside,
            };
            (position, kind)
        }
        _ => (TagPosition::Inside, trimmed),
    };
    let entity = match kind.to_ascii_uppercase().as_str() {
        "PER" | "PERSON" => Some(EntityLabel::Per),
        "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityLabel::Org),
        "LOC" | "LOCATION" | "GPE" | "FAC" => Some(EntityLabel::Loc),
        "MISC" | "NORP" | "EVENT" | "WORK_OF_ART" | "LAW" | "PRODUCT" | "LANGUAGE" => {
            Some(EntityLabel::Misc)
        }
        _ => None,
    };
    match entity {
        Some(_) => TagLabel { position, entity },
        None => outside,
    }
}

/// An entity over word indices, as [`decode_words`] finds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordEntity {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Its type.
    pub label: EntityLabel,
    /// Mean probability of its words' labels.
    pub score: f32,
}

/// Turns per-word labels (`(label id, probability)`, `None` for a word the
/// model did not see) into entities.
///
/// Lenient in the way conlleval is: an `I-` after `O` or after another type
/// opens an entity (IOB1 and sloppy BIO both decode), `B-` always opens one,
/// `E-`/`L-` closes one after its word, `S-`/`U-` is a one-word entity.
pub fn decode_words(labels: &LabelMap, words: &[Option<(usize, f32)>]) -> Vec<WordEntity> {
    let mut out = Vec::new();
    // The entity being read: (start, type, summed probability).
    let mut open: Option<(usize, EntityLabel, f32)> = None;
    let close = |open: &mut Option<(usize, EntityLabel, f32)>, end: usize, out: &mut Vec<_>| {
        if let Some((start, label, sum)) = open.take() {
            out.push(WordEntity {
                start,
                end,
                label,
                score: sum / (end - start) as f32,
            });
        }
    };
    for (i, word) in words.iter().enumerate() {
        let (tag, prob) = match word {
            Some((id, prob)) => (labels.get(*id), *prob),
            None => (labels.get(usize::MAX), 0.0),
        };
        let Some(kind) = tag.entity else {
            close(&mut open, i, &mut out);
            continue;
        };
        let continues = matches!(open, Some((_, k, _)) if k == kind);
        match tag.position {
            TagPosition::Outside => close(&mut open, i, &mut out),
            TagPosition::Begin | TagPosition::Single => {
                close(&mut open, i, &mut out);
                open = Some((i, kind, prob));
                if tag.position == TagPosition::Single {
                    close(&mut open, i + 1, &mut out);
                }
            }
            TagPosition::Inside | TagPosition::Last => {
                if continues {
                    if let Some(o) = open.as_mut() {
                        o.2 += prob;
                    }
                } else {
                    close(&mut open, i, &mut out);
                    open = Some((i, kind, prob));
                }
                if tag.position == TagPosition::Last {
                    close(&mut open, i + 1, &mut out);
                }
            }
        }
    }
    close(&mut open, words.len(), &mut out);
    out
}

/// Each word's label: the most probable label of its first subword piece,
/// with that probability (softmax over the piece's logits). `first_piece[w]`
/// is the index of word `w`'s first piece in `logits` (rows of `num_labels`
/// values), `None` for a word with no piece.
pub fn word_predictions(
    first_piece: &[Option<usize>],
    logits: &[f32],
    num_labels: usize,
) -> Vec<Option<(usize, f32)>> {
    first_piece
        .iter()
        .map(|piece| {
            let row = logits
                .get(piece.as_ref()? * num_labels..)?
                .get(..num_labels)?;
            Some(softmax_argmax(row))
        })
        .collect()
}

/// The index of the largest value and its softmax probability.
fn softmax_argmax(row: &[f32]) -> (usize, f32) {
    let (best, max) =
        row.iter()
            .copied()
            .enumerate()
            .fold((0, f32::NEG_INFINITY), |(bi, bv), (i, v)| {
                if v > bv {
                    (i, v)
                } else {
                    (bi, bv)
                }
            });
    let total: f32 = row.iter().map(|v| (v - max).exp()).sum();
    let prob = if total.is_finite() && total > 0.0 {
        1.0 / total
    } else {
        0.0
    };
    (best, prob)
}

/// Packs words into windows of at most `max_pieces` subword pieces.
///
/// `words` gives, for each word in document order, its sentence index and its
/// piece count. Whole sentences are packed greedily, so that the model sees
/// neighbouring sentences as context and a sentence is cut only when it is
/// longer than a window on its own; then it is cut between words. A single
/// word longer than a window gets a window of its own (its pieces are cut
/// by the model). Returns word ranges that cover every word once, in order.
pub fn plan_windows(words: &[(usize, usize)], max_pieces: usize) -> Vec<Range<usize>> {
    let max_pieces = max_pieces.max(1);
    // Sentences as word ranges with their piece totals.
    let mut sentences: Vec<(Range<usize>, usize)> = Vec::new();
    for (i, &(sentence, pieces)) in words.iter().enumerate() {
        match sentences.last_mut() {
            Some((range, total)) if words[range.start].0 == sentence => {
                range.end = i + 1;
                *total += pieces;
            }
            _ => sentences.push((i..i + 1, pieces)),
        }
    }
    let mut windows: Vec<Range<usize>> = Vec::new();
    let mut current: Option<(Range<usize>, usize)> = None;
    for (range, total) in sentences {
        if total > max_pieces {
            // Too long for any window: flush, then cut it between words.
            if let Some((w, _)) = current.take() {
                windows.push(w);
            }
            let mut start = range.start;
            let mut filled = 0;
            for i in range.clone() {
                let pieces = words[i].1;
                if filled > 0 && filled + pieces > max_pieces {
                    windows.push(start..i);
                    start = i;
                    filled = 0;
                }
                filled += pieces;
            }
            windows.push(start..range.end);
            continue;
        }
        match current.as_mut() {
            Some((w, filled)) if *filled + total <= max_pieces => {
                w.end = range.end;
                *filled += total;
            }
            _ => {
                if let Some((w, _)) = current.take() {
                    windows.push(w);
                }
                current = Some((range, total));
            }
        }
    }
    if let Some((w, _)) = current {
        windows.push(w);
    }
    windows
}

/// Groups windows into batches of at most `size` whose lengths are close,
/// as window indices.
///
/// A batch is padded to its longest window, and padding costs as much as
/// real pieces. Windows are taken longest first, and a window joins the
/// open batch only while that batch would waste under one piece in
/// sixteen on padding; a document's full windows thus run together and
/// its short last window runs alone. Each window is in exactly one batch.
pub fn length_batches(windows: &[Window], size: usize) -> Vec<Vec<usize>> {
    let size = size.max(1);
    let mut order: Vec<usize> = (0..windows.len()).collect();
    order.sort_by_key(|&w| std::cmp::Reverse(windows[w].pieces.len()));
    let mut batches: Vec<Vec<usize>> = Vec::new();
    let mut real = 0usize;
    for w in order {
        let len = windows[w].pieces.len();
        if let Some(open) = batches.last_mut() {
            // +2: [CLS] and [SEP] are real work in every row.
            let longest = windows[open[0]].pieces.len() + 2;
            let rows = open.len() + 1;
            let padded = longest * rows;
            if rows <= size && (padded - (real + len + 2)) * 16 < padded {
                open.push(w);
                real += len + 2;
                continue;
            }
        }
        batches.push(vec![w]);
        real = len + 2;
    }
    batches
}

/// The case class of a word, for checkpoints that read it as BERT's token
/// type.
///
/// An uncased encoder lower-cases its input, so it cannot tell `Apple` the
/// company from `apple` the fruit, nor a headline in capitals from a
/// sentence. A checkpoint fine-tuned with `scripts/transformer/finetune.py
/// --case-types` gets each piece's word class through the token-type
/// embedding instead (its `config.json` says `"newsie_case_types": true`).
/// `Lower` is 0, BERT's usual token type, so a checkpoint without case
/// types reads every word as it always did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum CaseType {
    /// No capital letter (`said`, `42`, `.`).
    Lower = 0,
    /// A capital first letter and not all capitals (`Amazon`, `McDonald`, `I`).
    Title = 1,
    /// Two or more letters, all capitals (`AWS`, `SOCCER`).
    Upper = 2,
    /// Capitals elsewhere (`iPhone`, `eBay`).
    Mixed = 3,
}

impl CaseType {
    /// How many case types there are: the token-type rows a checkpoint
    /// with case types has.
    pub const COUNT: usize = 4;

    /// The case class of `word`, read from its letters that have a case
    /// only (`3M` is `Title`, `U.S.` is `Upper`, `中文` is `Lower`).
    pub fn of(word: &str) -> CaseType {
        let mut letters = 0usize;
        let mut capitals = 0usize;
        let mut first_is_capital = false;
        for c in word
            .chars()
            .filter(|c| c.is_uppercase() || c.is_lowercase())
        {
            if c.is_uppercase() {
                capitals += 1;
                first_is_capital |= letters == 0;
            }
            letters += 1;
        }
        if capitals == 0 {
            CaseType::Lower
        } else if capitals == letters && letters >= 2 {
            CaseType::Upper
        } else if first_is_capital {
            CaseType::Title
        } else {
            CaseType::Mixed
        }
    }
}

/// One window as a [`TokenClassifier`] takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    /// Subword piece ids, special tokens not included.
    pub pieces: Vec<u32>,
    /// The case class of each piece's word, one per piece. A model that was
    /// not trained with case types ignores them.
    pub cases: Vec<CaseType>,
}

/// A subword token classifier: what [`ClassifierBackend`] needs of a model.
pub trait TokenClassifier: Send + Sync {
    /// The checkpoint's labels, in id order.
    fn id2label(&self) -> Vec<String>;

    /// The most pieces one window may hold, special tokens not counted.
    fn max_pieces(&self) -> usize;

    /// The subword piece ids of each word of one sentence (a word may get
    /// none, if the tokenizer drops it).
    fn pieces(&self, words: &[&str]) -> Result<Vec<Vec<u32>>, Error>;

    /// Logits for a batch of windows: for each window, `pieces x
    /// num_labels` values, row-major.
    fn logits(&self, windows: &[Window]) -> Result<Vec<Vec<f32>>, Error>;
}

/// How many windows go through the model at once.
const DEFAULT_BATCH: usize = 8;

/// A [`Backend`] over any [`TokenClassifier`].
#[derive(Debug)]
pub struct ClassifierBackend<M> {
    model: M,
    labels: LabelMap,
    batch: usize,
}

impl<M: TokenClassifier> ClassifierBackend<M> {
    /// A backend over `model`, its labels read with [`LabelMap::new`].
    pub fn new(model: M) -> Result<ClassifierBackend<M>, Error> {
        let labels = LabelMap::new(model.id2label())?;
        Ok(ClassifierBackend {
            model,
            labels,
            batch: DEFAULT_BATCH,
        })
    }

    /// Sets how many windows run through the model at once (default 8).
    pub fn batch_size(mut self, windows: usize) -> ClassifierBackend<M> {
        self.batch = windows.max(1);
        self
    }

    /// The model.
    pub fn model(&self) -> &M {
        &self.model
    }

    /// The checkpoint's labels as newsie reads them.
    pub fn labels(&self) -> &LabelMap {
        &self.labels
    }

    /// Entities of one document given as sentences of words: for each
    /// sentence, its entities over word indices.
    pub fn tag_words(&self, sentences: &[Vec<&str>]) -> Result<Vec<Vec<WordEntity>>, Error> {
        let mut tagged = self.tag_documents(std::slice::from_ref(&sentences))?;
        Ok(tagged.pop().unwrap_or_default())
    }

    /// Entities of several documents at once, each given as sentences of
    /// words: for each document, for each sentence, its entities over word
    /// indices.
    ///
    /// Windows never span two documents, but the windows of all of them
    /// share batches, grouped by length: full windows run up to the batch
    /// size (default 8) at a time and documents' short last windows run
    /// together instead of each alone or padded. Tagging a corpus this way is faster than one
    /// document at a time and gives the same entities (up to float
    /// rounding in the model).
    pub fn tag_documents<'w, D>(&self, documents: &[D]) -> Result<Vec<Vec<Vec<WordEntity>>>, Error>
    where
        D: AsRef<[Vec<&'w str>]>,
    {
        let max_pieces = self.model.max_pieces().max(1);
        let num_labels = self.labels.len();
        // Every window of every document, with where its words lie.
        let mut inputs: Vec<Window> = Vec::new();
        let mut firsts: Vec<Vec<Option<usize>>> = Vec::new();
        let mut placed: Vec<(usize, Range<usize>)> = Vec::new();
        let mut predictions: Vec<Vec<Option<(usize, f32)>>> = Vec::with_capacity(documents.len());
        for (d, sentences) in documents.iter().enumerate() {
            let sentences = sentences.as_ref();
            // Every word of the document, flattened: (sentence, pieces, case).
            let mut word_pieces: Vec<Vec<u32>> = Vec::new();
            let mut word_sentence: Vec<usize> = Vec::new();
            let mut word_cases: Vec<CaseType> = Vec::new();
            for (s, words) in sentences.iter().enumerate() {
                let pieces = self.model.pieces(words)?;
                if pieces.len() != words.len() {
                    return Err(Error::Model(format!(
                        "the tokenizer returned pieces for {} words of {}",
                        pieces.len(),
                        words.len()
                    )));
                }
                word_sentence.extend(std::iter::repeat(s).take(words.len()));
                word_pieces.extend(pieces);
                word_cases.extend(words.iter().map(|w| CaseType::of(w)));
            }
            let counts: Vec<(usize, usize)> = word_sentence
                .iter()
                .zip(&word_pieces)
                .map(|(&s, p)| (s, p.len()))
                .collect();
            for range in plan_windows(&counts, max_pieces) {
                let mut window = Window::default();
                let mut first = Vec::with_capacity(range.len());
                for (pieces, &case) in word_pieces[range.clone()]
                    .iter()
                    .zip(&word_cases[range.clone()])
                {
                    let filled = window.pieces.len();
                    if pieces.is_empty() || filled >= max_pieces {
                        first.push(None);
                        continue;
                    }
                    first.push(Some(filled));
                    let taken = pieces.len().min(max_pieces - filled);
                    window.pieces.extend(&pieces[..taken]);
                    window.cases.extend(std::iter::repeat(case).take(taken));
                }
                inputs.push(window);
                firsts.push(first);
                placed.push((d, range));
            }
            predictions.push(vec![None; word_pieces.len()]);
        }
        // Each window is in exactly one batch, so it moves there.
        for batch in length_batches(&inputs, self.batch) {
            let chunk: Vec<Window> = batch
                .iter()
                .map(|&w| std::mem::take(&mut inputs[w]))
                .collect();
            let logits = self.model.logits(&chunk)?;
            if logits.len() != chunk.len() {
                return Err(Error::Model(
                    "the model returned the wrong batch size".into(),
                ));
            }
            for ((&w, window), rows) in batch.iter().zip(&chunk).zip(&logits) {
                if rows.len() != window.pieces.len() * num_labels {
                    return Err(Error::Model(format!(
                        "the model returned {} logits for {} pieces of {} labels",
                        rows.len(),
                        window.pieces.len(),
                        num_labels
                    )));
                }
                let words = word_predictions(&firsts[w], rows, num_labels);
                let (d, range) = &placed[w];
                predictions[*d][range.clone()].copy_from_slice(&words);
            }
        }
        Ok(documents
            .iter()
            .zip(&predictions)
            .map(|(sentences, predicted)| {
                let mut at = 0;
                sentences
                    .as_ref()
                    .iter()
                    .map(|words| {
                        let entities = decode_words(&self.labels, &predicted[at..at + words.len()]);
                        at += words.len();
                        entities
                    })
                    .collect()
            })
            .collect())
    }
}

/// Word entities of one document as byte-span entities of its text, with
/// the news conventions every backend follows on text
/// ([`crate::news_entities`]).
fn text_entities(
    text: &str,
    token_spans: &[Vec<Span>],
    words: &[Vec<&str>],
    tagged: Vec<Vec<WordEntity>>,
) -> Vec<Entity> {
    let mentions = tagged
        .into_iter()
        .enumerate()
        .flat_map(|(s, entities)| {
            entities
                .into_iter()
                .map(move |e| (s, e.start, e.end, e.label, e.score))
        })
        .collect();
    crate::news_entities(text, token_spans, words, mentions, false)
}

impl<M: TokenClassifier> Backend for ClassifierBackend<M> {
    fn tag(&self, text: &str, sentences: &[Span]) -> Result<Vec<Entity>, Error> {
        let (token_spans, words) = crate::sentence_words(text, sentences, None);
        let tagged = self.tag_words(&words)?;
        Ok(text_entities(text, &token_spans, &words, tagged))
    }

    fn tag_many(&self, documents: &[(&str, &[Span])]) -> Vec<Result<Vec<Entity>, Error>> {
        // Per document: token spans and words, sentence by sentence.
        let prepared: Vec<_> = documents
            .iter()
            .map(|(text, sentences)| crate::sentence_words(text, sentences, None))
            .collect();
        let words: Vec<&Vec<Vec<&str>>> = prepared.iter().map(|(_, words)| words).collect();
        match self.tag_documents(&words) {
            Ok(tagged) => documents
                .iter()
                .zip(&prepared)
                .zip(tagged)
                .map(|(((text, _), (spans, words)), tagged)| {
                    Ok(text_entities(text, spans, words, tagged))
                })
                .collect(),
            // One document's failure must not fail the others: tag each
            // alone, so that the error lands on its own document.
            Err(_) => documents
                .iter()
                .map(|(text, sentences)| self.tag(text, sentences))
                .collect(),
        }
    }

    fn prefers_batches(&self) -> bool {
        true
    }

    fn tag_tokens(&self, document: &[Vec<&str>]) -> Result<Vec<TokenEntity>, Error> {
        // Benchmark tokens are taken as they are: no news trimming, so that
        // the score equals the checkpoint's own evaluation.
        let tagged = self.tag_words(document)?;
        Ok(tagged
            .into_iter()
            .enumerate()
            .flat_map(|(sentence, entities)| {
                entities.into_iter().map(move |e| TokenEntity {
                    sentence,
                    start: e.start,
                    end: e.end,
                    label: e.label,
                    score: e.score,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for a transformer: words are cut into pieces of at most
    /// three characters; a piece id is the word's index in a tiny
    /// vocabulary times 8 plus the piece's position. The logits label a
    /// capitalized word as a person (B- if the word before was not
    /// capitalized), `Paris`/`Zürich` as a location, and the rest O.
    struct FakeModel {
        max: usize,
        calls: std::sync::Mutex<Vec<usize>>,
    }

    const NAMES: [&str; 5] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];

    impl FakeModel {
        fn new(max: usize) -> FakeModel {
            FakeModel {
                max,
                calls: std::sync::Mutex::new(Vec::new()),
            }
        }
    }

    fn piece_count(word: &str) -> usize {
        word.chars().count().div_ceil(3)
    }

    // Piece ids encode (capitalized, location, first piece).
    fn piece_id(word: &str, first: bool) -> u32 {
        let cap = word.chars().next().is_some_and(char::is_uppercase) as u32;
        let loc = matches!(word, "Paris" | "Zürich") as u32;
        cap | loc << 1 | (first as u32) << 2
    }

    impl TokenClassifier for FakeModel {
        fn id2label(&self) -> Vec<String> {
            NAMES.iter().map(|s| s.to_string()).collect()
        }
        fn max_pieces(&self) -> usize {
            self.max
        }
        fn pieces(&self, words: &[&str]) -> Result<Vec<Vec<u32>>, Error> {
            Ok(words
                .iter()
                .map(|w| {
                    if w.chars().all(|c| c == '\u{200b}') {
                        return Vec::new();
                    }
                    (0..piece_count(w)).map(|i| piece_id(w, i == 0)).collect()
                })
                .collect())
        }
        fn logits(&self, windows: &[Window]) -> Result<Vec<Vec<f32>>, Error> {
            self.calls.lock().unwrap().push(windows.len());
            Ok(windows
                .iter()
                .map(|window| {
                    assert_eq!(window.cases.len(), window.pieces.len());
                    let mut out = Vec::new();
                    let mut prev_cap = false;
                    for (&id, &case) in window.pieces.iter().zip(&window.cases) {
                        // The case a word's pieces carry is the word's.
                        assert_eq!(id & 1 == 1, case != CaseType::Lower);
                        let (cap, loc, first) = (id & 1 == 1, id & 2 == 2, id & 4 == 4);
                        let label = match (cap, loc) {
                            (_, true) => 3,
                            (true, false) if prev_cap => 2,
                            (true, false) => 1,
                            _ => 0,
                        };
                        if first {
                            prev_cap = cap && !loc;
                        }
                        // Non-first pieces vote for O: aggregation must
                        // read the first piece only.
                        let label = if first { label } else { 0 };
                        out.extend((0..5).map(|l| if l == label { 4.0 } else { 0.0 }));
                    }
                    out
                })
                .collect())
        }
    }

    #[test]
    fn case_types_read_letters_only() {
        use CaseType::*;
        for (word, case) in [
            ("said", Lower),
            ("42", Lower),
            ("’s", Lower),
            ("", Lower),
            ("Amazon", Title),
            ("McDonald", Title),
            ("I", Title),
            ("3M", Title),
            ("Émile", Title),
            ("AWS", Upper),
            ("U.S.", Upper),
            ("ÅNGSTRÖM", Upper),
            ("中文", Lower),
            ("Ⅻ", Title),
            ("iPhone", Mixed),
            ("eBay", Mixed),
            ("x-Ray", Mixed),
        ] {
            assert_eq!(CaseType::of(word), case, "{word}");
        }
        assert_eq!(CaseType::Lower as u8, 0, "0 is BERT's usual token type");
        assert_eq!(CaseType::Mixed as usize + 1, CaseType::COUNT);
    }

    #[test]
    fn labels_of_both_schemes_are_read() {
        let map = LabelMap::new([
            "O", "B-PERSON", "I-ORG", "E-GPE", "S-NORP", "B-DATE", "U-LOC",
        ])
        .unwrap();
        assert_eq!(map.get(0).entity, None);
        assert_eq!(map.get(1).entity, Some(EntityLabel::Per));
        assert_eq!(map.get(2).position, TagPosition::Inside);
        assert_eq!(map.get(3).entity, Some(EntityLabel::Loc));
        assert_eq!(map.get(3).position, TagPosition::Last);
        assert_eq!(map.get(4).entity, Some(EntityLabel::Misc));
        assert_eq!(map.get(5).entity, None, "dates are not entities here");
        assert_eq!(map.get(6).position, TagPosition::Single);
        assert_eq!(map.get(99).entity, None);
        assert!(LabelMap::new(["O", "B-DATE"]).is_err());
        assert!(LabelMap::new(Vec::<String>::new()).is_err());
    }

    #[test]
    fn bio_iob1_and_bioes_decode() {
        let map = LabelMap::new(["O", "B-PER", "I-PER", "I-ORG", "E-ORG", "S-LOC"]).unwrap();
        let w = |ids: &[usize]| -> Vec<Option<(usize, f32)>> {
            ids.iter().map(|&i| Some((i, 1.0))).collect()
        };
        let spans = |ids: &[usize]| -> Vec<(usize, usize, EntityLabel)> {
            decode_words(&map, &w(ids))
                .iter()
                .map(|e| (e.start, e.end, e.label))
                .collect()
        };
        use EntityLabel::*;
        assert_eq!(
            spans(&[1, 2, 0, 1, 1]),
            [(0, 2, Per), (3, 4, Per), (4, 5, Per)]
        );
        // IOB1: I- after O or another type opens an entity.
        assert_eq!(spans(&[2, 2, 3, 3]), [(0, 2, Per), (2, 4, Org)]);
        // BIOES: E- closes, S- stands alone.
        assert_eq!(
            spans(&[3, 4, 3, 5, 5]),
            [(0, 2, Org), (2, 3, Org), (3, 4, Loc), (4, 5, Loc)]
        );
        // An unseen word breaks an entity.
        let mut words = w(&[1, 2, 2]);
        words[1] = None;
        let e = decode_words(&map, &words);
        assert_eq!(
            e.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(),
            [(0, 1), (2, 3)]
        );
    }

    #[test]
    fn the_first_piece_decides_and_probabilities_are_softmax() {
        let logits = [0.0, 2.0, 0.0, 5.0, 0.0, 0.0];
        let words = word_predictions(&[Some(0), None, Some(1), Some(7)], &logits, 3);
        assert_eq!(words[0].unwrap().0, 1);
        let p = words[0].unwrap().1;
        let expected = 2f32.exp() / (2f32.exp() + 2.0);
        assert!((p - expected).abs() < 1e-6);
        assert_eq!(words[1], None);
        assert_eq!(words[2].unwrap().0, 0);
        assert_eq!(words[3], None, "out of range is unseen, not a panic");
    }

    #[test]
    fn windows_pack_sentences_and_cut_only_long_ones() {
        // Sentences of 3, 3, 5 and 12 pieces (one piece per word), window 7.
        let mut words = Vec::new();
        for (s, n) in [3, 3, 5, 12].iter().enumerate() {
            words.extend(std::iter::repeat((s, 1)).take(*n));
        }
        let w = plan_windows(&words, 7);
        assert_eq!(w, [0..6, 6..11, 11..18, 18..23]);
        // Every word once, in order.
        let covered: Vec<usize> = w.iter().flat_map(|r| r.clone()).collect();
        assert_eq!(covered, (0..words.len()).collect::<Vec<_>>());
        // A word longer than a window gets its own.
        assert_eq!(
            plan_windows(&[(0, 2), (0, 9), (0, 1)], 4),
            [0..1, 1..2, 2..3]
        );
        assert!(plan_windows(&[], 4).is_empty());
    }

    #[test]
    fn batches_hold_windows_of_close_length() {
        let window = |n: usize| Window {
            pieces: vec![7; n],
            cases: vec![CaseType::Lower; n],
        };
        let lengths = [126, 40, 125, 126, 3, 124, 126, 126, 126, 41, 0];
        let windows: Vec<Window> = lengths.iter().map(|&n| window(n)).collect();
        let batches = length_batches(&windows, 4);
        let mut seen: Vec<usize> = batches.iter().flatten().copied().collect();
        seen.sort();
        assert_eq!(seen, (0..windows.len()).collect::<Vec<_>>());
        for batch in &batches {
            assert!(!batch.is_empty() && batch.len() <= 4, "{batches:?}");
            let longest = batch.iter().map(|&w| lengths[w] + 2).max().unwrap();
            let real: usize = batch.iter().map(|&w| lengths[w] + 2).sum();
            assert!((longest * batch.len() - real) * 16 < longest * batch.len());
        }
        // The seven near-full windows fill a batch of 4 and one of 3; the
        // short ones are not padded to 128.
        assert_eq!(batches[0].len(), 4);
        assert_eq!(batches[1].len(), 3);
        let batch_of = |w: usize| batches.iter().position(|b| b.contains(&w)).unwrap();
        assert_ne!(batch_of(1), batch_of(0));
        assert_eq!(batch_of(1), batch_of(9), "40 and 41 pieces run together");
        assert!(length_batches(&[], 4).is_empty());
    }

    #[test]
    fn entities_come_back_as_byte_spans_on_non_ascii_text() {
        let backend = ClassifierBackend::new(FakeModel::new(512)).unwrap();
        let text = "Yesterday Zoë Ångström-Brontë’s team flew to Zürich. \
                    Then the mayor of Paris met Émile Zola.";
        let first_end = text.find(". ").unwrap() + 1;
        let sentences = [
            Span::new(0, first_end),
            Span::new(first_end + 1, text.len()),
        ];
        let entities = backend.tag(text, &sentences).unwrap();
        let found: Vec<(&str, EntityLabel)> = entities
            .iter()
            .map(|e| (&text[e.start..e.end], e.label))
            .collect();
        // "Yesterday" and "Then" are capitalized, so the fake calls them
        // persons: the point is the offsets, not the fake's judgement.
        assert_eq!(
            found,
            [
                ("Yesterday Zoë Ångström-Brontë", EntityLabel::Per),
                ("Zürich", EntityLabel::Loc),
                ("Then", EntityLabel::Per),
                ("Paris", EntityLabel::Loc),
                ("Émile Zola", EntityLabel::Per),
            ]
        );
        for e in &entities {
            assert_eq!(e.text, &text[e.start..e.end]);
        }
    }

    #[test]
    fn long_documents_run_in_batches_of_windows() {
        let backend = ClassifierBackend::new(FakeModel::new(8))
            .unwrap()
            .batch_size(3);
        let sentence = "Ann Lee met Bob in Paris today.";
        let text = [sentence; 10].join(" ");
        let spans: Vec<Span> = (0..10)
            .map(|i| {
                let start = i * (sentence.len() + 1);
                Span::new(start, start + sentence.len())
            })
            .collect();
        let entities = backend.tag(&text, &spans).unwrap();
        assert_eq!(entities.len(), 30);
        let calls = backend.model().calls.lock().unwrap().clone();
        assert!(calls.iter().all(|&n| n <= 3), "{calls:?}");
        assert!(calls.len() > 1);
    }

    #[test]
    fn documents_tagged_together_equal_documents_tagged_alone() {
        let docs: Vec<Vec<Vec<&str>>> = vec![
            vec![vec!["Ann", "Lee", "met", "Bob"], vec!["in", "Paris", "."]],
            vec![],
            vec![vec!["EU", "rejects", "German", "call"]],
            vec![
                vec!["Zürich", "and", "Paris"],
                vec![],
                vec!["Émile", "Zola"],
            ],
        ];
        let backend = ClassifierBackend::new(FakeModel::new(6))
            .unwrap()
            .batch_size(16);
        let alone: Vec<_> = docs.iter().map(|d| backend.tag_words(d).unwrap()).collect();
        let calls_alone = backend.model().calls.lock().unwrap().len();
        backend.model().calls.lock().unwrap().clear();
        let together = backend.tag_documents(&docs).unwrap();
        assert_eq!(together, alone);
        assert_eq!(together[1], Vec::<Vec<WordEntity>>::new());
        assert_eq!(together[3].len(), 3);
        let calls_together = backend.model().calls.lock().unwrap().len();
        assert!(
            calls_together < calls_alone,
            "{calls_together} batches together, {calls_alone} alone"
        );
    }

    #[test]
    fn texts_tagged_together_equal_texts_tagged_alone() {
        let backend = ClassifierBackend::new(FakeModel::new(8)).unwrap();
        let texts = [
            "Ann Lee met Bob in Paris.",
            "",
            "The mayor of Zürich met Émile Zola.",
        ];
        let documents: Vec<(&str, &[Span])> = texts.iter().map(|t| (*t, &[][..])).collect();
        let together = backend.tag_many(&documents);
        assert!(backend.prefers_batches());
        assert_eq!(together.len(), texts.len());
        for (text, entities) in texts.iter().zip(together) {
            assert_eq!(entities.unwrap(), backend.tag(text, &[]).unwrap(), "{text}");
        }
    }

    #[test]
    fn words_without_pieces_and_titles_are_handled() {
        let backend = ClassifierBackend::new(FakeModel::new(64)).unwrap();
        let text = "the CEO Andy Jassy’s \u{200b} plan";
        let entities = backend.tag(text, &[]).unwrap();
        let found: Vec<&str> = entities.iter().map(|e| &text[e.start..e.end]).collect();
        assert_eq!(found, ["Andy Jassy"]);
    }

    #[test]
    fn tokens_are_tagged_as_given() {
        let backend = ClassifierBackend::new(FakeModel::new(64)).unwrap();
        let doc = vec![
            vec!["EU", "rejects", "German", "call"],
            vec!["Peter", "Blackburn"],
        ];
        let entities = backend.tag_tokens(&doc).unwrap();
        let found: Vec<(usize, usize, usize)> = entities
            .iter()
            .map(|e| (e.sentence, e.start, e.end))
            .collect();
        assert_eq!(found, [(0, 0, 1), (0, 2, 3), (1, 0, 2)]);
    }
}
