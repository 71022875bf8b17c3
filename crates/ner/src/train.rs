//! Training the default model: a greedy left-to-right linear model over
//! BILOU tags, learned online with averaged passive-aggressive updates (or
//! the plain perceptron's, [`Update`]) on CoNLL-2003 `train`, with the epoch
//! chosen on `dev`, then pruned and quantized into the compact [`Model`]
//! format.
//!
//! Deterministic for a given seed: documents are shuffled by a seeded
//! xorshift generator and every table is written in key order.

use crate::features::{
    allowed, phrase_key, prepare_sentences, run_pass, split_tag, tag, DocMemory, Position,
    Resources, Stack, TokenInfo, U64Map, NO_CLUSTER, N_CLUSTER_LEVELS, N_TAGS, O,
};
use crate::hash::{lower_hash, word_hash};
use crate::model::{best_allowed, write_model, Model};
use crate::Error;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One sentence of a CoNLL file: tokens and their BILOU tags.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The tokens.
    pub words: Vec<String>,
    /// One tag per token (internal BILOU numbering).
    pub tags: Vec<u8>,
}

/// The entity type index (PER, ORG, LOC, MISC) of a CoNLL label suffix.
fn kind_index(label: &str) -> Option<u8> {
    match label {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// Reads a CoNLL file (IOB1 or IOB2 in the last column; `-DOCSTART-` lines
/// separate documents when present) into documents of sentences. Without
/// `-DOCSTART-` lines, documents are found by [`document_ranges`].
pub fn read_conll(path: &Path) -> Result<Vec<Vec<Sentence>>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Data(format!("cannot read {}: {e}", path.display())))?;
    let mut docs: Vec<Vec<Sentence>> = vec![Vec::new()];
    let mut had_docstart = false;
    let mut words: Vec<String> = Vec::new();
    let mut labels: Vec<(char, Option<u8>)> = Vec::new();
    let flush = |words: &mut Vec<String>,
                 labels: &mut Vec<(char, Option<u8>)>,
                 docs: &mut Vec<Vec<Sentence>>| {
        if !words.is_empty() {
            let tags = bilou(labels);
            if let Some(doc) = docs.last_mut() {
                doc.push(Sentence {
                    words: std::mem::take(words),
                    tags,
                });
            }
            labels.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut words, &mut labels, &mut docs);
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        let label = cols.next_back().unwrap_or("O");
        if word == "-DOCSTART-" {
            flush(&mut words, &mut labels, &mut docs);
            had_docstart = true;
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        let (prefix, kind) = match label.split_once('-') {
            Some((p, k)) => (p.chars().next().unwrap_or('O'), kind_index(k)),
            None => ('O', None),
        };
        words.push(word.to_owned());
        labels.push((prefix, kind));
    }
    flush(&mut words, &mut labels, &mut docs);
    docs.retain(|d| !d.is_empty());
    if had_docstart {
        return Ok(docs);
    }
    let sentences: Vec<Sentence> = docs.into_iter().flatten().collect();
    let views: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let ranges = document_ranges(&views);
    let mut sentences = sentences.into_iter();
    Ok(ranges
        .into_iter()
        .map(|r| sentences.by_ref().take(r.len()).collect())
        .collect())
}

/// Converts silver annotations written by `scripts/ner/make_silver.py` into
/// CoNLL IOB2 text, tokenized by newsie's own [`newsie_core::word_tokens`]
/// so the training tokens match the ones seen at tagging time.
///
/// Input: one sentence per line, the sentence text then tab-separated
/// `start:end:TYPE` fields (byte offsets into the line, TYPE one of PER,
/// ORG, LOC, MISC); an empty line between documents. Output: a
/// `-DOCSTART-` line before each document, one `token TAG` line per token,
/// an empty line after each sentence. An entity takes the tokens lying
/// wholly inside its span, less a leading `the` and trailing possessives
/// and punctuation other than `.` and `&` (the CoNLL convention; the dot
/// of `Co.` stays); malformed fields are skipped.
pub fn silver_to_iob2(input: &str) -> String {
    let mut out = String::new();
    let mut open_doc = false;
    for line in input.lines() {
        if line.trim().is_empty() {
            open_doc = false;
            continue;
        }
        let mut fields = line.split('\t');
        let sentence = fields.next().unwrap_or_default();
        let tokens: Vec<newsie_core::Span> =
            newsie_core::word_tokens(sentence).map(|t| t.span).collect();
        if tokens.is_empty() {
            continue;
        }
        let mut labels: Vec<Option<(bool, &str)>> = vec![None; tokens.len()];
        for field in fields {
            let mut parts = field.splitn(3, ':');
            let (Some(Ok(start)), Some(Ok(end)), Some(kind)) = (
                parts.next().map(str::parse::<usize>),
                parts.next().map(str::parse::<usize>),
                parts.next(),
            ) else {
                continue;
            };
            if kind_index(kind).is_none() {
                continue;
            }
            let inside: Vec<usize> = (0..tokens.len())
                .filter(|&i| tokens[i].start >= start && tokens[i].end <= end)
                .collect();
            let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
                continue;
            };
            let (mut first, mut last) = (first, last + 1);
            let word = |i: usize| &sentence[tokens[i]];
            while last > first
                && (is_possessive_token(word(last - 1))
                    || !word(last - 1).chars().any(char::is_alphanumeric)
                        && word(last - 1) != "."
                        && word(last - 1) != "&")
            {
                last -= 1;
            }
            while last > first && word(first).eq_ignore_ascii_case("the") {
                first += 1;
            }
            if last <= first || labels[first..last].iter().any(Option::is_some) {
                continue;
            }
            for (k, slot) in labels[first..last].iter_mut().enumerate() {
                *slot = Some((k == 0, kind));
            }
        }
        if !open_doc {
            out.push_str("-DOCSTART- O\n\n");
            open_doc = true;
        }
        for (span, label) in tokens.iter().zip(&labels) {
            out.push_str(&sentence[*span]);
            match label {
                Some((true, kind)) => {
                    out.push_str(" B-");
                    out.push_str(kind);
                }
                Some((false, kind)) => {
                    out.push_str(" I-");
                    out.push_str(kind);
                }
                None => out.push_str(" O"),
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn is_possessive_token(token: &str) -> bool {
    let mut chars = token.chars();
    matches!(chars.next(), Some('\'' | '\u{2019}'))
        && matches!(chars.next(), Some('s' | 'S'))
        && chars.next().is_none()
}

/// Converts IOB1/IOB2 labels (prefix, type) to BILOU tags.
fn bilou(labels: &[(char, Option<u8>)]) -> Vec<u8> {
    let mut out = vec![O; labels.len()];
    let mut i = 0;
    while i < labels.len() {
        let Some(kind) = labels[i].1 else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        // An entity continues over I- tokens of the same type.
        while end < labels.len() && labels[end].1 == Some(kind) && labels[end].0 == 'I' {
            end += 1;
        }
        if end - i == 1 {
            out[i] = tag(Position::Unit, kind);
        } else {
            out[i] = tag(Position::Begin, kind);
            out[i + 1..end - 1].fill(tag(Position::Inside, kind));
            out[end - 1] = tag(Position::Last, kind);
        }
        i = end;
    }
    out
}

fn is_date(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Splits CoNLL sentences that lack `-DOCSTART-` lines into documents: a
/// Reuters story opens with a headline followed by a dateline (`LONDON
/// 1996-08-30`), so a new document starts at the sentence before each
/// dateline.
pub fn document_ranges(sentences: &[Vec<&str>]) -> Vec<Range<usize>> {
    let dateline = |s: &Vec<&str>| s.len() <= 12 && s.last().is_some_and(|w| is_date(w));
    let mut starts = vec![0];
    for i in 1..sentences.len() {
        let opens = if dateline(&sentences[i]) {
            !dateline(&sentences[i - 1]) && i >= 1 && i - 1 > *starts.last().unwrap_or(&0)
        } else {
            false
        };
        if opens {
            starts.push(i - 1);
        }
    }
    let mut ranges: Vec<Range<usize>> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    if let Some(&last) = starts.last() {
        if last < sentences.len() {
            ranges.push(last..sentences.len());
        }
    }
    ranges
}

/// Entities of a BILOU tag sequence: (start token, end token, type).
pub(crate) fn entities_of(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split_tag(t) {
            None => open = None,
            Some((kind, Position::Unit)) => {
                open = None;
                out.push((i, i + 1, kind));
            }
            Some((kind, Position::Begin)) => open = Some((i, kind)),
            Some((kind, Position::Inside)) => {
                if open.map(|o| o.1) != Some(kind) {
                    open = None;
                }
            }
            Some((kind, Position::Last)) => {
                if let Some((start, k)) = open.take() {
                    if k == kind {
                        out.push((start, i + 1, kind));
                    }
                }
            }
        }
    }
    out
}

/// Entity-level micro counts (correct, predicted, gold) per type.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Per type (PER, ORG, LOC, MISC): correct, predicted, gold.
    pub by_type: [[usize; 3]; 4],
}

impl Counts {
    fn add(&mut self, gold: &[u8], predicted: &[u8]) {
        let g = entities_of(gold);
        let p = entities_of(predicted);
        for e in &p {
            self.by_type[e.2 as usize][1] += 1;
            if g.contains(e) {
                self.by_type[e.2 as usize][0] += 1;
            }
        }
        for e in &g {
            self.by_type[e.2 as usize][2] += 1;
        }
    }

    /// Micro F1 over all types.
    pub fn f1(&self) -> f64 {
        let sum = |k: usize| self.by_type.iter().map(|c| c[k]).sum::<usize>() as f64;
        f1(sum(0), sum(1), sum(2))
    }

    /// A one-line summary: overall and per-type F1.
    pub fn summary(&self) -> String {
        let mut s = format!("F1 {:.4}", self.f1());
        for (name, c) in ["PER", "ORG", "LOC", "MISC"].iter().zip(self.by_type) {
            s += &format!(" {name} {:.4}", f1(c[0] as f64, c[1] as f64, c[2] as f64));
        }
        s
    }
}

fn f1(correct: f64, predicted: f64, gold: f64) -> f64 {
    if correct == 0.0 {
        return 0.0;
    }
    let (p, r) = (correct / predicted, correct / gold);
    2.0 * p * r / (p + r)
}

/// Lexical resources held in hash maps while training.
#[derive(Default, Clone)]
struct MapResources {
    clusters: U64Map<[u16; N_CLUSTER_LEVELS]>,
    gazetteer: U64Map<u8>,
}

impl Resources for MapResources {
    fn clusters(&self, key: u64) -> Option<[u16; N_CLUSTER_LEVELS]> {
        self.clusters.get(&key).copied()
    }
    fn gazetteer(&self, key: u64) -> u8 {
        self.gazetteer.get(&key).copied().unwrap_or(0)
    }
}

/// Reads the word classes written by `scripts/ner/build_clusters.py` (four
/// columns) and extended by `add_glove_clusters.py` (five more).
fn read_clusters(path: &Path) -> Result<U64Map<[u16; N_CLUSTER_LEVELS]>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Data(format!("cannot read {}: {e}", path.display())))?;
    let mut out = U64Map::default();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let Some(word) = cols.next() else { continue };
        // spaCy's four levels are required; the GloVe levels are optional
        // (files written before them have none).
        let mut ids = [NO_CLUSTER; N_CLUSTER_LEVELS];
        let mut ok = true;
        for (level, id) in ids.iter_mut().enumerate() {
            match cols.next().map(|c| c.parse::<u16>()) {
                Some(Ok(v)) => *id = v,
                None if level >= 4 => break,
                _ => ok = false,
            }
        }
        if ok {
            // The first listing of a normalized form wins.
            out.entry(word_hash(word)).or_insert(ids);
        }
    }
    Ok(out)
}

/// Adds the entity phrases of `docs` to a gazetteer.
fn add_to_gazetteer(gazetteer: &mut U64Map<u8>, docs: &[&Vec<Sentence>]) {
    for doc in docs {
        for s in doc.iter() {
            for (start, end, kind) in entities_of(&s.tags) {
                if end - start > crate::features::MAX_GAZ_LEN {
                    continue;
                }
                let key = phrase_key(s.words[start..end].iter().map(|w| lower_hash(w)));
                *gazetteer.entry(key).or_insert(0) |= 1 << kind;
            }
        }
    }
}

/// Training settings, with a builder-style API.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// CoNLL training file.
    pub train: PathBuf,
    /// CoNLL development file (epoch choice).
    pub dev: PathBuf,
    /// Optional CoNLL test file, scored with the final model for the manifest.
    pub test: Option<PathBuf>,
    /// Optional word-class file from `scripts/ner/build_clusters.py`, or
    /// `add_glove_clusters.py` (which adds the GloVe levels).
    pub clusters: Option<PathBuf>,
    /// Maximum number of epochs.
    pub epochs: usize,
    /// Stop after this many epochs without a dev improvement.
    pub patience: usize,
    /// Seed of the document shuffle.
    pub seed: u64,
    /// Features kept in the compact model (the largest weights).
    pub max_features: usize,
    /// Optional silver training data in IOB2 with `-DOCSTART-` lines (see
    /// [`silver_to_iob2`]), added to the training documents.
    pub silver: Option<PathBuf>,
    /// How much a silver token's update counts against a gold one's (0..=1).
    pub silver_weight: f32,
    /// Whether silver entities also join the gazetteer.
    pub silver_gazetteer: bool,
    /// Further training files (IOB2 with `-DOCSTART-` lines), each with the
    /// weight of its updates against a gold one's (0..=1): annotated text
    /// of other kinds than CoNLL's (CrossNER's Wikipedia domains, mapped
    /// with `scripts/ner/crossner_to_iob2.py`).
    pub extra: Vec<(PathBuf, f32)>,
    /// Whether the further files' entities also join the gazetteer.
    pub extra_gazetteer: bool,
    /// The probability, per training token, of leaving out the features
    /// that name the word itself (0 disables it).
    pub identity_dropout: f64,
    /// Whether to train a second pass that reads the first pass's tags.
    pub second_pass: bool,
    /// How many learners, each with its own seed (`seed`, `seed + 1`,
    /// ...), are trained and averaged into the one model (1: no averaging).
    pub ensemble: usize,
    /// How a training token moves the weights.
    pub update: Update,
}

/// How a training token moves the weights. Either way the weights kept are
/// the average over every step, and history follows the model's guesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// The perceptron's: when the guess is wrong, the gold tag's weights of
    /// the token's features go up by one and the guess's down by one.
    Perceptron,
    /// Passive-aggressive (Crammer et al., 2006, without a cap on the step):
    /// whenever the gold tag does not beat the best other allowed tag by a
    /// margin of 1, the smallest change to those two tags' weights that makes
    /// it do so. Unlike the perceptron it also learns from right guesses won
    /// by a hair, and it steps less where the mistake was small.
    PassiveAggressive,
}

impl TrainConfig {
    /// Settings for the given train and dev files, with defaults elsewhere.
    pub fn new(train: impl Into<PathBuf>, dev: impl Into<PathBuf>) -> Self {
        TrainConfig {
            train: train.into(),
            dev: dev.into(),
            test: None,
            clusters: None,
            epochs: 12,
            patience: 3,
            seed: 1,
            max_features: 400_000,
            silver: None,
            silver_weight: 1.0,
            silver_gazetteer: false,
            extra: Vec::new(),
            extra_gazetteer: false,
            identity_dropout: 0.0,
            second_pass: false,
            ensemble: 1,
            update: Update::PassiveAggressive,
        }
    }

    /// Sets the update rule.
    pub fn update(mut self, update: Update) -> Self {
        self.update = update;
        self
    }

    /// Sets the test file scored at the end.
    pub fn test(mut self, path: impl Into<PathBuf>) -> Self {
        self.test = Some(path.into());
        self
    }

    /// Sets the word-cluster file.
    pub fn clusters(mut self, path: impl Into<PathBuf>) -> Self {
        self.clusters = Some(path.into());
        self
    }

    /// Sets the maximum number of epochs.
    pub fn epochs(mut self, epochs: usize) -> Self {
        self.epochs = epochs;
        self
    }

    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Adds silver training data (IOB2 with `-DOCSTART-` lines), whose
    /// updates count `weight` times a gold update.
    pub fn silver(mut self, path: impl Into<PathBuf>, weight: f32) -> Self {
        self.silver = Some(path.into());
        self.silver_weight = weight.clamp(0.0, 1.0);
        self
    }

    /// Sets whether silver entities join the gazetteer.
    pub fn silver_gazetteer(mut self, yes: bool) -> Self {
        self.silver_gazetteer = yes;
        self
    }

    /// Adds a further training file (IOB2 with `-DOCSTART-` lines), whose
    /// updates count `weight` times a gold update; may be called again for
    /// more files.
    pub fn extra(mut self, path: impl Into<PathBuf>, weight: f32) -> Self {
        self.extra.push((path.into(), weight.clamp(0.0, 1.0)));
        self
    }

    /// Sets whether the further files' entities join the gazetteer.
    pub fn extra_gazetteer(mut self, yes: bool) -> Self {
        self.extra_gazetteer = yes;
        self
    }

    /// Sets the per-token probability of dropping word-identity features
    /// while training.
    pub fn identity_dropout(mut self, p: f64) -> Self {
        self.identity_dropout = p.clamp(0.0, 1.0);
        self
    }

    /// Sets whether a second pass is trained over the first pass's tags.
    pub fn second_pass(mut self, yes: bool) -> Self {
        self.second_pass = yes;
        self
    }

    /// Sets how many learners with consecutive seeds are averaged into
    /// the model. Their weights are averaged, so the model tags as fast as
    /// one learner; training takes `n` times as long.
    pub fn ensemble(mut self, n: usize) -> Self {
        self.ensemble = n.max(1);
        self
    }

    /// Sets how many features the compact model keeps.
    pub fn max_features(mut self, n: usize) -> Self {
        self.max_features = n;
        self
    }
}

/// The outcome of training.
#[derive(Debug)]
pub struct Trained {
    /// The compact model bytes.
    pub bytes: Vec<u8>,
    /// The chosen epoch (1-based; with an ensemble, the first member's).
    pub epoch: usize,
    /// Dev scores of the averaged weights at the chosen epoch (before pruning).
    pub dev_unpruned: Counts,
    /// Dev scores of the compact model.
    pub dev: Counts,
    /// Test scores of the compact model, when a test file was given.
    pub test: Option<Counts>,
    /// Features kept.
    pub features: usize,
}

/// Averaged online weights: current, running totals and the step at
/// which each feature row was last brought up to date.
struct Weights {
    index: U64Map<u32>,
    current: Vec<f32>,
    totals: Vec<f32>,
    stamp: Vec<u32>,
}

impl Weights {
    fn row(&mut self, key: u64) -> usize {
        let next = self.stamp.len() as u32;
        let row = *self.index.entry(key).or_insert(next) as usize;
        if row == self.stamp.len() {
            self.current.extend([0.0; N_TAGS]);
            self.totals.extend([0.0; N_TAGS]);
            self.stamp.push(0);
        }
        row
    }

    fn score(&self, feats: &[u64], weights: &[f32], scores: &mut [f32; N_TAGS]) {
        *scores = [0.0; N_TAGS];
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let w = &weights[row as usize * N_TAGS..(row as usize + 1) * N_TAGS];
                scores.iter_mut().zip(w).for_each(|(s, w)| *s += w);
            }
        }
    }

    fn update(&mut self, feats: &[u64], good: u8, bad: u8, step: u32, amount: f32) {
        for &f in feats {
            let row = self.row(f);
            let base = row * N_TAGS;
            let elapsed = (step - self.stamp[row]) as f32;
            for t in 0..N_TAGS {
                self.totals[base + t] += elapsed * self.current[base + t];
            }
            self.stamp[row] = step;
            self.current[base + good as usize] += amount;
            self.current[base + bad as usize] -= amount;
        }
    }

    fn averaged(&self, step: u32) -> Vec<f32> {
        let mut out = vec![0.0; self.current.len()];
        for (row, &stamp) in self.stamp.iter().enumerate() {
            let elapsed = (step - stamp) as f32;
            for t in 0..N_TAGS {
                let i = row * N_TAGS + t;
                out[i] = (self.totals[i] + elapsed * self.current[i]) / step.max(1) as f32;
            }
        }
        out
    }
}

type Prepared = Vec<(Vec<TokenInfo>, bool)>;

/// A training document's sentences as written: unlike tagging
/// ([`prepare_document`](crate::features::prepare_document)), training does
/// not recase title-case headlines. The repair is for text the model meets;
/// applied to the few training documents that open with a run of names, it
/// only reshuffled the weights (measured: trainer test F1 0.8711 as written,
/// 0.8724 and 0.8727 with two versions of the repair, the seed article and
/// the fixtures a few entities either way).
fn prepare_doc(doc: &[Sentence], resources: &dyn Resources) -> Prepared {
    prepare_sentences(&doc_words(doc), resources)
}

/// Tags prepared documents with a scoring function (and, for the second
/// pass, the first pass's tags of each document). Returns the tags.
fn predict(
    prepared: &[Prepared],
    stacks: Option<&[Stack]>,
    score: impl Fn(&[u64], &mut [f32; N_TAGS]),
) -> Vec<Vec<Vec<u8>>> {
    let mut feats = Vec::new();
    let decide = |f: &[u64], _: usize, _: usize, prev: u8, must_close: bool| {
        let mut scores = [0.0; N_TAGS];
        score(f, &mut scores);
        best_allowed(&scores, prev, must_close).0
    };
    prepared
        .iter()
        .enumerate()
        .map(|(d, prep)| {
            let mut memory = DocMemory::of_document(prep);
            let stack = stacks.and_then(|s| s.get(d));
            run_pass(prep, &mut memory, stack, &mut feats, || false, decide)
        })
        .collect()
}

/// Counts predicted tags against the gold documents.
fn count(docs: &[Vec<Sentence>], predicted: &[Vec<Vec<u8>>]) -> Counts {
    let mut counts = Counts::default();
    for (doc, tags) in docs.iter().zip(predicted) {
        for (s, t) in doc.iter().zip(tags) {
            counts.add(&s.tags, t);
        }
    }
    counts
}

/// A document's sentences as word slices, as the model takes them.
fn doc_words(doc: &[Sentence]) -> Vec<Vec<&str>> {
    doc.iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect()
}

/// Scores the compact model on CoNLL documents through its own decoding.
pub fn evaluate_model(model: &Model, docs: &[Vec<Sentence>]) -> Counts {
    let mut counts = Counts::default();
    for doc in docs {
        let tagged = model.tag_document(&doc_words(doc));
        for (s, t) in doc.iter().zip(tagged) {
            let predicted: Vec<u8> = t.into_iter().map(|(tag, _)| tag).collect();
            counts.add(&s.tags, &predicted);
        }
    }
    counts
}

/// Writes `word gold predicted` lines (BILOU tag numbers) of `docs` tagged by `model`: error analysis.
pub fn dump_predictions(model: &Model, docs: &[Vec<Sentence>]) -> String {
    let mut out = String::new();
    for doc in docs {
        let tagged = model.tag_document(&doc_words(doc));
        out.push_str("-DOCSTART-\n\n");
        for (s, t) in doc.iter().zip(tagged) {
            for ((w, g), (p, _)) in s.words.iter().zip(&s.tags).zip(t) {
                out.push_str(&format!("{w} {g} {p}\n"));
            }
            out.push('\n');
        }
    }
    out
}

/// What one learner's fit needs: the training documents and their
/// prepared tokens, which of them to learn from, the first pass's tags
/// where this fit is a second pass, and the dev set.
struct FitData<'a> {
    docs: &'a [Vec<Sentence>],
    prepared: &'a [Prepared],
    stacks: Option<&'a [Stack]>,
    /// Indices of the documents to learn from.
    use_docs: Vec<usize>,
    /// How much each training document's updates count (1 for gold).
    doc_weights: &'a [f32],
    dev_docs: &'a [Vec<Sentence>],
    dev_prepared: &'a [Prepared],
    dev_stacks: Option<&'a [Stack]>,
}

/// A fitted pass: the chosen epoch, its averaged weights (largest kept),
/// and its dev scores.
struct Fitted {
    epoch: usize,
    features: Vec<(u64, [f32; N_TAGS])>,
    dev: Counts,
}

impl Fitted {
    fn scorer(&self) -> impl Fn(&[u64], &mut [f32; N_TAGS]) + '_ {
        let index: U64Map<usize> = self
            .features
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (*k, i))
            .collect();
        move |feats: &[u64], scores: &mut [f32; N_TAGS]| {
            *scores = [0.0; N_TAGS];
            for f in feats {
                if let Some(&i) = index.get(f) {
                    scores
                        .iter_mut()
                        .zip(&self.features[i].1)
                        .for_each(|(s, w)| *s += w);
                }
            }
        }
    }
}

/// Fits `config.ensemble` learners (see [`fit_member`]) with
/// consecutive seeds and averages their weights, then keeps the
/// `max_features` strongest features. Averaging models that saw the data in
/// different orders (and dropped different words) evens out what one seed
/// happened to learn, at no cost in tagging speed. The fit's epoch is the
/// first member's: the second pass's jackknife halves run every member for
/// that many epochs.
fn fit(
    config: &TrainConfig,
    data: &FitData<'_>,
    epochs: usize,
    fixed_epochs: bool,
    log: &mut dyn FnMut(&str),
) -> Result<Fitted, Error> {
    let members = config.ensemble.max(1);
    let mut summed: U64Map<[f32; N_TAGS]> = U64Map::default();
    let mut first_epoch = None;
    let mut last_dev = Counts::default();
    for member in 0..members {
        let seed = config.seed.wrapping_add(member as u64);
        if members > 1 {
            log(&format!(
                "ensemble member {} of {members} (seed {seed})",
                member + 1
            ));
        }
        let (epoch, rows, dev) = fit_member(config, data, epochs, fixed_epochs, seed, log)?;
        first_epoch.get_or_insert(epoch);
        last_dev = dev;
        for (key, w) in rows {
            let sum = summed.entry(key).or_insert([0.0; N_TAGS]);
            sum.iter_mut()
                .zip(w)
                .for_each(|(s, w)| *s += w / members as f32);
        }
    }
    let mut fitted = Fitted {
        epoch: first_epoch.unwrap_or(0),
        features: summed.into_iter().collect(),
        dev: last_dev,
    };
    if members > 1 && !fixed_epochs {
        let tags = predict(data.dev_prepared, data.dev_stacks, fitted.scorer());
        fitted.dev = count(data.dev_docs, &tags);
        log(&format!(
            "ensemble of {members}: dev {}",
            fitted.dev.summary()
        ));
    }
    // Keep the features with the largest weights.
    let mut rows: Vec<(u64, [f32; N_TAGS], f32)> = fitted
        .features
        .into_iter()
        .map(|(key, w)| (key, w, w.iter().fold(0f32, |m, v| m.max(v.abs()))))
        .filter(|r| r.2 > 0.0)
        .collect();
    rows.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    rows.truncate(config.max_features);
    fitted.features = rows.into_iter().map(|(k, w, _)| (k, w)).collect();
    Ok(fitted)
}

/// The tag to move weight away from, and how far, for a training token with
/// the given scores, gold tag and guess; `None` leaves the weights as they
/// are. `n_features` is the number of the token's features, each worth 1.
fn update_step(
    rule: Update,
    scores: &[f32; N_TAGS],
    gold: u8,
    guess: u8,
    prev: u8,
    must_close: bool,
    n_features: usize,
) -> Option<(u8, f32)> {
    match rule {
        Update::Perceptron => (guess != gold).then_some((guess, 1.0)),
        Update::PassiveAggressive => {
            // The best-scoring other tag allowed here (the first of equals);
            // none allowed, nothing to separate.
            let mut rival: Option<u8> = None;
            for t in (0..N_TAGS as u8).filter(|&t| t != gold && allowed(prev, t, must_close)) {
                if rival.map_or(true, |r| scores[t as usize] > scores[r as usize]) {
                    rival = Some(t);
                }
            }
            let rival = rival?;
            let loss = 1.0 + scores[rival as usize] - scores[gold as usize];
            // Moving `tau` to the gold tag and from the rival on every
            // feature changes their difference by `2 * n_features * tau`.
            (loss > 0.0).then(|| (rival, loss / (2 * n_features.max(1)) as f32))
        }
    }
}

/// One learner's fit: its chosen epoch, every feature's averaged weights
/// at that epoch, and its dev scores.
type MemberFit = (usize, Vec<(u64, [f32; N_TAGS])>, Counts);

/// Runs one averaged online learner over `data` with the given seed: at most
/// `epochs` epochs, the best on dev kept (unless `fixed_epochs`, which runs
/// exactly `epochs` and skips dev).
fn fit_member(
    config: &TrainConfig,
    data: &FitData<'_>,
    epochs: usize,
    fixed_epochs: bool,
    seed: u64,
    log: &mut dyn FnMut(&str),
) -> Result<MemberFit, Error> {
    let mut weights = Weights {
        index: U64Map::default(),
        current: Vec::new(),
        totals: Vec::new(),
        stamp: Vec::new(),
    };
    let mut order = data.use_docs.clone();
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    // A second, independent stream for dropout, so that turning dropout on
    // leaves the document order unchanged.
    let mut drop_rng = seed.wrapping_mul(0xd1b5_4a32_d192_ed03) | 1;
    let drop_threshold = (config.identity_dropout * u64::MAX as f64) as u64;
    let mut step: u32 = 1;
    let mut feats = Vec::new();
    let mut best: Option<(usize, f64, Vec<f32>, Counts)> = None;
    for epoch in 1..=epochs {
        // Fisher-Yates with xorshift64.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for &d in &order {
            let prep = &data.prepared[d];
            let mut memory = DocMemory::of_document(prep);
            let doc = &data.docs[d];
            let amount = data.doc_weights[d];
            let drop = || {
                if drop_threshold == 0 {
                    return false;
                }
                drop_rng ^= drop_rng << 13;
                drop_rng ^= drop_rng >> 7;
                drop_rng ^= drop_rng << 17;
                drop_rng < drop_threshold
            };
            let stack = data.stacks.and_then(|s| s.get(d));
            run_pass(
                prep,
                &mut memory,
                stack,
                &mut feats,
                drop,
                |f, s, i, prev, _must_close| {
                    // Training closes entities only at the sentence's end,
                    // not before a token that breaks names as tagging does
                    // (`closes_after`): the updates from the run-ons that
                    // rule prevents teach the model to close its entities
                    // in time elsewhere too. Measured: with the rule here
                    // as well, CoNLL test fell 0.873 -> 0.868.
                    let sentence_ends = i + 1 == doc[s].tags.len();
                    let mut scores = [0.0; N_TAGS];
                    weights.score(f, &weights.current, &mut scores);
                    let (guess, _) = best_allowed(&scores, prev, sentence_ends);
                    let gold = doc[s].tags[i];
                    if guess != gold {
                        errors += 1;
                    }
                    if let Some((bad, step_size)) = update_step(
                        config.update,
                        &scores,
                        gold,
                        guess,
                        prev,
                        sentence_ends,
                        f.len(),
                    ) {
                        weights.update(f, gold, bad, step, amount * step_size);
                    }
                    step += 1;
                    tokens += 1;
                    // History follows the model's own guesses, as at tagging time.
                    guess
                },
            );
        }
        if fixed_epochs && epoch < epochs {
            continue;
        }
        let averaged = weights.averaged(step);
        let dev = if fixed_epochs {
            Counts::default()
        } else {
            let tags = predict(data.dev_prepared, data.dev_stacks, |f, s| {
                weights.score(f, &averaged, s)
            });
            count(data.dev_docs, &tags)
        };
        log(&format!(
            "epoch {epoch}: train token errors {:.4}, features {}, dev {}",
            errors as f64 / tokens.max(1) as f64,
            weights.stamp.len(),
            dev.summary()
        ));
        let f = dev.f1();
        if fixed_epochs || best.as_ref().map_or(true, |b| f > b.1) {
            best = Some((epoch, f, averaged, dev));
        } else if best
            .as_ref()
            .is_some_and(|b| epoch - b.0 >= config.patience)
        {
            break;
        }
    }
    let (epoch, _, averaged, dev) =
        best.ok_or_else(|| Error::Data("no training epochs were run".into()))?;
    let rows = weights
        .index
        .iter()
        .filter_map(|(&key, &row)| {
            // Rows created after the chosen epoch are absent from its weights.
            let slice = averaged.get(row as usize * N_TAGS..(row as usize + 1) * N_TAGS)?;
            let mut w = [0.0; N_TAGS];
            w.copy_from_slice(slice);
            Some((key, w))
        })
        .collect();
    Ok((epoch, rows, dev))
}

/// Trains a model; `log` receives one line per epoch.
pub fn train(config: &TrainConfig, mut log: impl FnMut(&str)) -> Result<Trained, Error> {
    let mut train_docs = read_conll(&config.train)?;
    // Each document's update weight, and whether its entities join the
    // gazetteer: gold always; silver entities only when asked, since
    // spaCy's mistakes would otherwise become trusted dictionary entries.
    let mut doc_weights = vec![1.0; train_docs.len()];
    let mut in_gazetteer = vec![true; train_docs.len()];
    if let Some(path) = &config.silver {
        let silver = read_conll(path)?;
        log(&format!(
            "silver: {} documents, {} sentences, weight {}",
            silver.len(),
            silver.iter().map(Vec::len).sum::<usize>(),
            config.silver_weight
        ));
        doc_weights.extend(silver.iter().map(|_| config.silver_weight));
        in_gazetteer.extend(silver.iter().map(|_| config.silver_gazetteer));
        train_docs.extend(silver);
    }
    for (path, weight) in &config.extra {
        let extra = read_conll(path)?;
        log(&format!(
            "extra {}: {} documents, {} sentences, weight {weight}",
            path.display(),
            extra.len(),
            extra.iter().map(Vec::len).sum::<usize>(),
        ));
        doc_weights.extend(extra.iter().map(|_| *weight));
        in_gazetteer.extend(extra.iter().map(|_| config.extra_gazetteer));
        train_docs.extend(extra);
    }
    let dev_docs = read_conll(&config.dev)?;
    log(&format!(
        "train: {} documents, {} sentences; dev: {} documents",
        train_docs.len(),
        train_docs.iter().map(Vec::len).sum::<usize>(),
        dev_docs.len()
    ));
    let clusters = match &config.clusters {
        Some(p) => read_clusters(p)?,
        None => U64Map::default(),
    };
    log(&format!("clusters: {} words", clusters.len()));
    // Gazetteers: the final one from all training documents; while training,
    // each half of the documents sees only the other half's entities, so the
    // model learns how far a gazetteer match is to be trusted on unseen text.
    let mut full = MapResources {
        clusters,
        gazetteer: U64Map::default(),
    };
    let all: Vec<&Vec<Sentence>> = train_docs
        .iter()
        .zip(&in_gazetteer)
        .filter(|(_, &yes)| yes)
        .map(|(d, _)| d)
        .collect();
    add_to_gazetteer(&mut full.gazetteer, &all);
    let mut folds = [full.clone(), full.clone()];
    for (k, fold) in folds.iter_mut().enumerate() {
        fold.gazetteer.clear();
        let others: Vec<&Vec<Sentence>> = train_docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 != k && in_gazetteer[*i])
            .map(|(_, d)| d)
            .collect();
        add_to_gazetteer(&mut fold.gazetteer, &others);
    }
    let train_prepared: Vec<Prepared> = train_docs
        .iter()
        .enumerate()
        .map(|(i, d)| prepare_doc(d, &folds[i % 2]))
        .collect();
    let dev_prepared: Vec<Prepared> = dev_docs.iter().map(|d| prepare_doc(d, &full)).collect();

    let mut data = FitData {
        docs: &train_docs,
        prepared: &train_prepared,
        stacks: None,
        use_docs: (0..train_docs.len()).collect(),
        doc_weights: &doc_weights,
        dev_docs: &dev_docs,
        dev_prepared: &dev_prepared,
        dev_stacks: None,
    };
    log("first pass");
    let first = fit(config, &data, config.epochs, false, &mut log)?;
    let mut second = None;
    if config.second_pass {
        // The second pass must learn from first-pass tags as good as those
        // it will read on unseen text, so each half of the training
        // documents is tagged by a first pass trained on the other half.
        let mut train_first: Vec<Vec<Vec<u8>>> = vec![Vec::new(); train_docs.len()];
        for k in 0..2 {
            data.use_docs = (0..train_docs.len()).filter(|i| i % 2 != k).collect();
            log(&format!(
                "first pass on fold {k} ({} documents)",
                data.use_docs.len()
            ));
            let half = fit(config, &data, first.epoch, true, &mut log)?;
            let held_out: Vec<usize> = (0..train_docs.len()).filter(|i| i % 2 == k).collect();
            let held_prepared: Vec<Prepared> = held_out
                .iter()
                .map(|&i| train_prepared[i].clone())
                .collect();
            let tags = predict(&held_prepared, None, half.scorer());
            for (i, t) in held_out.into_iter().zip(tags) {
                train_first[i] = t;
            }
        }
        let train_stacks: Vec<Stack> = train_prepared
            .iter()
            .zip(train_first)
            .map(|(p, t)| Stack::new(p, t))
            .collect();
        let dev_first = predict(&dev_prepared, None, first.scorer());
        let dev_stacks: Vec<Stack> = dev_prepared
            .iter()
            .zip(dev_first)
            .map(|(p, t)| Stack::new(p, t))
            .collect();
        data.use_docs = (0..train_docs.len()).collect();
        data.stacks = Some(&train_stacks);
        data.dev_stacks = Some(&dev_stacks);
        log("second pass");
        second = Some(fit(config, &data, config.epochs, false, &mut log)?);
    }

    let clusters: Vec<(u64, [u16; N_CLUSTER_LEVELS])> =
        full.clusters.iter().map(|(&k, &v)| (k, v)).collect();
    let gazetteer: Vec<(u64, u8)> = full.gazetteer.iter().map(|(&k, &v)| (k, v)).collect();
    let bytes = write_model(
        &first.features,
        &clusters,
        &gazetteer,
        second.as_ref().map(|s| s.features.as_slice()),
    );
    let model = Model::from_bytes(bytes.clone())?;
    let dev = evaluate_model(&model, &dev_docs);
    let last = second.as_ref().unwrap_or(&first);
    log(&format!(
        "compact model: {} bytes, {} + {} features, dev {}",
        bytes.len(),
        first.features.len(),
        second.as_ref().map_or(0, |s| s.features.len()),
        dev.summary()
    ));
    let test = match &config.test {
        Some(p) => {
            let docs = read_conll(p)?;
            let c = evaluate_model(&model, &docs);
            log(&format!("test {}", c.summary()));
            Some(c)
        }
        None => None,
    };
    Ok(Trained {
        bytes,
        epoch: last.epoch,
        dev_unpruned: last.dev,
        dev,
        test,
        features: first.features.len() + second.as_ref().map_or(0, |s| s.features.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob_to_bilou_and_back() {
        let labels = [
            ('B', Some(0)),
            ('I', Some(0)),
            ('O', None),
            ('I', Some(2)),
            ('B', Some(2)),
        ];
        let tags = bilou(&labels);
        assert_eq!(entities_of(&tags), vec![(0, 2, 0), (3, 4, 2), (4, 5, 2)]);
    }

    #[test]
    fn silver_spans_become_iob2() {
        let input =
            "Jimmy Carter\u{2019}s aide met the Senate.\t0:17:PER\t30:36:ORG\n\nNext doc.\n";
        let out = silver_to_iob2(input);
        assert!(out.starts_with("-DOCSTART- O\n\nJimmy B-PER\nCarter I-PER\n\u{2019}s O\n"));
        assert!(out.contains("the O\nSenate B-ORG\n. O\n"));
        assert_eq!(out.matches("-DOCSTART-").count(), 2);
        // Malformed fields are skipped, not fatal.
        assert!(silver_to_iob2("A b\tx:y:PER\t0:1:FOO\t5:99:PER\n").contains("A O\n"));
    }

    #[test]
    fn perceptron_steps_only_on_mistakes() {
        let per = tag(Position::Unit, 0);
        let mut scores = [0.0; N_TAGS];
        scores[per as usize] = 0.5;
        let step = |guess| update_step(Update::Perceptron, &scores, O, guess, O, false, 10);
        assert_eq!(step(per), Some((per, 1.0)));
        assert_eq!(step(O), None);
    }

    #[test]
    fn passive_aggressive_steps_to_a_margin_of_one() {
        let (per, org) = (tag(Position::Unit, 0), tag(Position::Unit, 1));
        let pa = |scores: &[f32; N_TAGS], gold, guess| {
            update_step(Update::PassiveAggressive, scores, gold, guess, O, false, 4)
        };
        let mut scores = [0.0; N_TAGS];
        scores[per as usize] = 2.0;
        scores[org as usize] = 1.5;
        // Right by 0.5, short of the margin: a step of 0.5 / (2 * 4).
        assert_eq!(pa(&scores, per, per), Some((org, 0.0625)));
        // Wrong by 2.0: the loss is 3 against the guess.
        assert_eq!(pa(&scores, O, per), Some((per, 0.375)));
        scores[org as usize] = 0.5;
        // Right by the margin: no step.
        assert_eq!(pa(&scores, per, per), None);
        // Inside an entity that must close here only its last tag is allowed.
        let (b_per, l_per) = (tag(Position::Begin, 0), tag(Position::Last, 0));
        let rule = Update::PassiveAggressive;
        assert_eq!(
            update_step(rule, &scores, l_per, l_per, b_per, true, 4),
            None
        );
    }

    #[test]
    fn datelines_open_documents() {
        let s = |w: &[&'static str]| w.to_vec();
        let sents = vec![
            s(&["HEAD", "ONE"]),
            s(&["LONDON", "1996-08-30"]),
            s(&["Body", "."]),
            s(&["HEAD", "TWO"]),
            s(&["PARIS", "1996-08-31"]),
            s(&["Body", "."]),
        ];
        assert_eq!(document_ranges(&sents), vec![0..3, 3..6]);
    }
}
