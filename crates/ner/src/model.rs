//! The compact model: flat open-addressing tables read in place from the
//! model bytes (so loading is a header check, not a parse), and greedy
//! left-to-right BILOU decoding over them.
//!
//! Layout (little-endian): magic `NEWSNER6`; `u32` tag count, `u32` log2
//! capacities of the feature, cluster and gazetteer tables, `u32` count of
//! distinct cluster tuples, `f32` weight scale, `u32` log2 capacity of the
//! second-pass feature table (0: no second pass), `f32` its weight scale;
//! then the feature table (`u32`
//! fingerprints, then an `i16` weight per tag for each slot), the cluster
//! table (fingerprints, then per word a `u16` index of its spaCy cluster
//! tuple, `u16::MAX` for none, and its GloVe clusters, a `u16` per level),
//! spaCy's cluster tuples (four `u16` levels each), the gazetteer (fingerprints, then `u8` type masks), the
//! second-pass feature table (laid out like the first). Each
//! table keeps its fingerprints together so that probing walks a dense
//! array and touches the values only on a hit. A key's home slot is its low
//! bits, except that feature keys (always odd) drop their lowest bit first.
//! GloVe's levels are stored per word, not as shared tuples: its four
//! k-means partitions are independent (and the fifth level, the neighbours'
//! type vote, is another view again), so a word's combination is nearly its
//! own. Older formats are still read: `NEWSNER5` had no GloVe levels (they
//! read as unknown), and `NEWSNER4` besides used only odd home slots for its
//! feature keys.
//!
//! Without a second pass, tagging sums the weights of the features a word
//! fixes by itself (in a given place: first in its sentence or not, in a
//! headline or not) once per document, and reuses the integer sums where the
//! word recurs; likewise the features a word gives the tokens one and two
//! places from it (its form, shape and word classes as a neighbour).
//!
//! Decoding closes an open entity before a token that never continues a
//! name (a number joined by `-`, `/`, `,` or `:`), as at a sentence's end.
//!
//! Decoding runs twice when the model has a second pass: the first pass
//! tags the document, the second tags it again reading the first pass's
//! tags (the next tokens' too) and its labels for the same words elsewhere
//! in the document.

use crate::features::{
    allowed, closes_after, extract_dynamic, extract_neighbour, extract_stacked, extract_static,
    flag, DocMemory, Part, PreparedDoc, Resources, Stack, TokenInfo, U64Map, GLOVE_LEVEL,
    NEIGHBOUR_OFFSETS, NO_CLUSTER, N_CLUSTER_LEVELS, N_TAGS, O,
};
use crate::Error;
use std::borrow::Cow;
use std::collections::HashMap;

const MAGIC: &[u8; 8] = b"NEWSNER6";
/// The previous format: the same layout, but feature keys find their home
/// slot from their lowest bits, which are always 1 (feature keys are odd),
/// so only odd slots were homes and probing walked twice as far.
const MAGIC_V4: &[u8; 8] = b"NEWSNER4";
/// The format before the GloVe cluster levels.
const MAGIC_V5: &[u8; 8] = b"NEWSNER5";
/// A word's entry in the cluster table: its spaCy tuple index and its GloVe
/// levels.
const CLUSTER_VALUE_LEN: usize = 2 + (N_CLUSTER_LEVELS - GLOVE_LEVEL) * 2;
/// A tuple index that names no tuple.
const NO_TUPLE: u16 = u16::MAX;
/// How far feature keys are shifted before masking their home slot (past
/// the always-set lowest bit); other tables' keys use all their bits.
const FEATURE_SHIFT: u32 = 1;
const HEADER_LEN: usize = 8 + 4 * 5 + 4 + 4 + 4;
const TAG_WEIGHT_BYTES: usize = N_TAGS * 2;

/// Where one open-addressing table lies in the model bytes: `mask + 1`
/// `u32` fingerprints from `base`, then as many values of `value_len` bytes.
#[derive(Debug, Clone, Copy)]
struct Table {
    base: usize,
    mask: usize,
    value_len: usize,
    /// Keys are shifted right by this many bits before masking their home
    /// slot.
    shift: u32,
}

#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

#[inline]
fn read_u32(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[inline]
fn read_u16(bytes: &[u8], at: usize) -> u16 {
    bytes
        .get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

impl Table {
    /// The home slot of `key`.
    #[inline]
    fn home(&self, key: u64) -> usize {
        (key >> self.shift) as usize & self.mask
    }

    /// The byte offset of `key`'s value, if present.
    #[inline]
    fn find(&self, bytes: &[u8], key: u64) -> Option<usize> {
        let fp = fingerprint(key);
        let mut slot = self.home(key);
        // The writer keeps the load at most 3/4, so an empty slot is near.
        for _ in 0..=self.mask {
            let stored = read_u32(bytes, self.base + slot * 4);
            if stored == fp {
                return Some(self.base + (self.mask + 1) * 4 + slot * self.value_len);
            }
            if stored == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
        None
    }

    /// The slot of `key` given the table's `fingerprints` alone, if present.
    #[inline]
    fn find_slot(&self, fingerprints: &[u8], key: u64) -> Option<usize> {
        let fp = fingerprint(key);
        let mut slot = self.home(key);
        for _ in 0..=self.mask {
            let stored = read_u32(fingerprints, slot * 4);
            if stored == fp {
                return Some(slot);
            }
            if stored == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
        None
    }

    fn len_bytes(&self) -> usize {
        (self.mask + 1) * (4 + self.value_len)
    }
}

/// A trained linear model over hashed features, with its word clusters and
/// gazetteer, read in place from its bytes.
pub struct Model {
    bytes: Cow<'static, [u8]>,
    features: Table,
    clusters: Table,
    /// Where spaCy's cluster tuples start, and how many there are.
    cluster_tuples: usize,
    n_tuples: usize,
    gazetteer: Table,
    scale: f32,
    /// The second pass's features and weight scale, when it has one.
    second: Option<(Table, f32)>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("bytes", &self.bytes.len())
            .field("feature_slots", &(self.features.mask + 1))
            .field("cluster_slots", &(self.clusters.mask + 1))
            .field("gazetteer_slots", &(self.gazetteer.mask + 1))
            .finish()
    }
}

/// The most distinct words [`Model::tag_document`] makes room for up front:
/// more than a long article has.
const DISTINCT_WORDS_RESERVED: usize = 8192;

impl Model {
    /// Reads a model from its bytes, checking the header and sizes (the
    /// tables themselves are used in place).
    pub fn from_bytes(bytes: impl Into<Cow<'static, [u8]>>) -> Result<Model, Error> {
        let bytes = bytes.into();
        // (feature home-slot shift, whether words have GloVe clusters)
        let (feature_shift, has_glove) = match bytes.get(..8) {
            Some(magic) if bytes.len() >= HEADER_LEN && magic == MAGIC => (FEATURE_SHIFT, true),
            Some(magic) if bytes.len() >= HEADER_LEN && magic == MAGIC_V5 => (FEATURE_SHIFT, false),
            Some(magic) if bytes.len() >= HEADER_LEN && magic == MAGIC_V4 => (0, false),
            _ => return Err(Error::Model("not a newsie NER model (bad magic)".into())),
        };
        let n_tags = read_u32(&bytes, 8) as usize;
        if n_tags != N_TAGS {
            return Err(Error::Model(format!(
                "model has {n_tags} tags, expected {N_TAGS}"
            )));
        }
        let log2 = |at: usize| -> Result<usize, Error> {
            let v = read_u32(&bytes, at);
            if v > 30 {
                return Err(Error::Model(format!("table size 2^{v} is implausible")));
            }
            Ok((1usize << v) - 1)
        };
        let (feature_mask, cluster_mask, gaz_mask) = (log2(12)?, log2(16)?, log2(20)?);
        let n_tuples = read_u32(&bytes, 24) as usize;
        let scale = f32::from_le_bytes([bytes[28], bytes[29], bytes[30], bytes[31]]);
        let mut at = HEADER_LEN;
        let mut table = |mask: usize, value_len: usize, shift: u32| {
            let t = Table {
                base: at,
                mask,
                value_len,
                shift,
            };
            at += t.len_bytes();
            t
        };
        let features = table(feature_mask, TAG_WEIGHT_BYTES, feature_shift);
        let word_len = if has_glove { CLUSTER_VALUE_LEN } else { 2 };
        let clusters = table(cluster_mask, word_len, 0);
        let cluster_tuples = at;
        at += n_tuples * GLOVE_LEVEL * 2;
        let gazetteer = Table {
            base: at,
            mask: gaz_mask,
            value_len: 1,
            shift: 0,
        };
        at += gazetteer.len_bytes();
        let second_log2 = read_u32(&bytes, 32);
        let second_scale = f32::from_le_bytes([bytes[36], bytes[37], bytes[38], bytes[39]]);
        let second = if second_log2 == 0 {
            None
        } else {
            let t = Table {
                base: at,
                mask: log2(32)?,
                value_len: TAG_WEIGHT_BYTES,
                shift: feature_shift,
            };
            at += t.len_bytes();
            Some((t, second_scale))
        };
        if at != bytes.len() || !scale.is_finite() || !second_scale.is_finite() {
            return Err(Error::Model(format!(
                "model is {} bytes, its header describes {at}",
                bytes.len()
            )));
        }
        Ok(Model {
            bytes,
            features,
            clusters,
            cluster_tuples,
            n_tuples,
            gazetteer,
            scale,
            second,
        })
    }

    /// The model's size in bytes.
    pub fn size_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Sets `scores` to the summed weights of `feats` in `table`.
    ///
    /// Most of tagging's time goes to these lookups, so they avoid
    /// branching on loaded data: the features whose home slot holds them
    /// (most of those present) are picked out without branches and their
    /// home fingerprints' loads overlap; only the others walk on; then the
    /// weight rows found are summed (again independent loads, in vector
    /// registers). The sums are integers, so the order of `feats` does not
    /// matter.
    #[inline]
    fn score(
        &self,
        table: &Table,
        scale: f32,
        feats: &[u64],
        scores: &mut [f32; N_TAGS],
        scratch: &mut Scratch,
    ) {
        let mut sums = [0i32; N_TAGS];
        self.add_weights(table, feats, &mut sums, scratch);
        *scores = scaled(sums, scale);
    }

    /// Adds the quantized weights of `feats` to `sums`, tag by tag.
    #[inline]
    fn add_weights(
        &self,
        table: &Table,
        feats: &[u64],
        sums: &mut [i32; N_TAGS],
        scratch: &mut Scratch,
    ) {
        let bytes: &[u8] = &self.bytes;
        let slots = table.mask + 1;
        let fingerprints = bytes.get(table.base..table.base + slots * 4).unwrap_or(&[]);
        let values = bytes
            .get(table.base + slots * 4..table.base + slots * (4 + TAG_WEIGHT_BYTES))
            .unwrap_or(&[]);
        let Scratch { rows, walks } = scratch;
        for chunk in feats.chunks(CHUNK) {
            // Whether a key sits in its home slot is as good as random, so
            // this sorting is branch-free (and so its loads, which do not
            // wait on each other, overlap): keys at home go to `rows`, keys
            // whose home holds another key go to `walks` (probed below),
            // keys whose home is empty are absent.
            let (mut n_rows, mut n_walks) = (0, 0);
            for &f in chunk {
                let slot = table.home(f);
                let home = read_u32(fingerprints, slot * 4);
                let fp = fingerprint(f);
                rows[n_rows] = slot as u32;
                n_rows += usize::from(home == fp);
                walks[n_walks] = f;
                n_walks += usize::from(home != fp && home != 0);
            }
            for &f in &walks[..n_walks] {
                if let Some(slot) = table.find_slot(fingerprints, f) {
                    rows[n_rows] = slot as u32;
                    n_rows += 1;
                }
            }
            for &slot in &rows[..n_rows] {
                let at = slot as usize * TAG_WEIGHT_BYTES;
                // A fixed-size row lets the compiler sum it in vector
                // registers.
                let Some(row) = values
                    .get(at..at + TAG_WEIGHT_BYTES)
                    .and_then(|r| <&[u8; TAG_WEIGHT_BYTES]>::try_from(r).ok())
                else {
                    continue;
                };
                for (k, sum) in sums.iter_mut().enumerate() {
                    *sum += i32::from(i16::from_le_bytes([row[2 * k], row[2 * k + 1]]));
                }
            }
        }
    }

    /// The weight sums of the features that `neighbour` (`None`: the edge
    /// past a sentence) gives the token at each offset from it
    /// ([`extract_neighbour`]). `feats` is left empty.
    fn neighbour_sums(
        &self,
        neighbour: Option<&TokenInfo>,
        feats: &mut Vec<u64>,
        scratch: &mut Scratch,
    ) -> NeighbourSums {
        let mut out = [[0i32; N_TAGS]; NEIGHBOUR_OFFSETS.len()];
        for (sums, offset) in out.iter_mut().zip(NEIGHBOUR_OFFSETS) {
            feats.clear();
            extract_neighbour(neighbour, offset, feats);
            self.add_weights(&self.features, feats, sums, scratch);
        }
        feats.clear();
        out
    }

    /// Tags one document given as sentences of tokens. Returns, per
    /// sentence, each token's tag and the model's confidence in it.
    ///
    /// The same decisions as [`run_pass`](crate::features::run_pass) over the document (once, or twice
    /// with the second pass reading the first's tags: training's path), but
    /// the features fixed by the document are hashed once per token and
    /// kept for the second pass (for the tokens it is likely to re-decide),
    /// which then only adds the ones that depend on the tags.
    pub(crate) fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<(u8, f32)>> {
        let doc = PreparedDoc::new(sentences, self);
        let mut memory = DocMemory::of_prepared(&doc);
        // One sentence unpacked at a time, just before it is tagged.
        let mut infos: Vec<TokenInfo> = Vec::new();
        let mut feats = Vec::with_capacity(128);
        let mut scratch = Scratch::default();
        let mut confidences: Vec<Vec<(u8, f32)>> = (0..doc.len())
            .map(|s| Vec::with_capacity(doc.sentence_len(s)))
            .collect();
        // For a second pass: the fixed features of the tokens it will
        // probably re-decide, end to end, and each token's range of them
        // (empty where not kept: every token has at least the bias). Only
        // those tokens, and only up to a bound, so that the buffer stays
        // small in the cache.
        let keep = self.second.is_some();
        let mut fixed: Vec<u64> = Vec::new();
        let n_tokens = doc.ids.len();
        let mut fixed_ranges: Vec<(u32, u32)> = Vec::with_capacity(if keep { n_tokens } else { 0 });
        let mut first: Vec<Vec<u8>> = Vec::with_capacity(if keep { doc.len() } else { 0 });
        // Without a second pass, the weights of a word's lexical features
        // (`Part::Lexical`) are summed once per document and reused where
        // the word recurs in the same place, and so are those a word gives
        // the tokens one and two places away (`extract_neighbour`): together
        // two thirds of each token's features, and most words of an article
        // recur. The sums are integers, so the scores are exactly those of
        // summing every feature each time.
        // The tables are sized for the document up front: grown word by
        // word, they cost short articles more than the sums saved
        // (measured on the fixtures). The distinct words are known (a word
        // has its lexical sums in at most its places: inside a sentence,
        // first in one, in a headline), up to a bound past which they grow
        // as needed.
        let (words_bound, lexical_bound) = if keep {
            (0, 0)
        } else {
            let headline_tokens: usize = (0..doc.len())
                .filter(|&s| doc.headlines[s])
                .map(|s| doc.sentence_len(s))
                .sum();
            let distinct = doc.words.len().min(n_tokens);
            let places = (distinct + doc.len() + headline_tokens).min(n_tokens);
            (
                distinct.min(DISTINCT_WORDS_RESERVED) + 1,
                places.min(DISTINCT_WORDS_RESERVED) + 1,
            )
        };
        let mut lexical_sums: U64Map<[i32; N_TAGS]> =
            U64Map::with_capacity_and_hasher(lexical_bound, Default::default());
        // Each distinct word's sums as a neighbour, by the word's number in
        // the document (0: the edge past a sentence), and the numbers of
        // the current sentence's tokens.
        let mut word_numbers: U64Map<u32> =
            U64Map::with_capacity_and_hasher(words_bound, Default::default());
        let mut neighbour_sums: Vec<NeighbourSums> = Vec::with_capacity(words_bound);
        // The same numbers by the words' numbers in `doc` (`u32::MAX`: not
        // looked up yet), which spares a hash lookup per recurring token.
        let mut number_of: Vec<u32> = vec![u32::MAX; if keep { 0 } else { doc.words.len() }];
        let mut numbers: Vec<u32> = Vec::new();
        if !keep {
            neighbour_sums.push(self.neighbour_sums(None, &mut feats, &mut scratch));
        }
        for (s, sentence_confidences) in confidences.iter_mut().enumerate() {
            let headline = &doc.fill(s, self, &mut infos);
            let infos = infos.as_slice();
            let mut tags = Vec::with_capacity(if keep { infos.len() } else { 0 });
            if !keep {
                numbers.clear();
                for (token, &id) in infos.iter().zip(doc.sentence_ids(s)) {
                    let slot = &mut number_of[id as usize];
                    if *slot == u32::MAX {
                        *slot = *word_numbers.entry(token.word).or_insert_with(|| {
                            neighbour_sums.push(self.neighbour_sums(
                                Some(token),
                                &mut feats,
                                &mut scratch,
                            ));
                            (neighbour_sums.len() - 1) as u32
                        });
                    }
                    numbers.push(*slot);
                }
            }
            let (mut prev, mut prev2) = (O, O);
            for i in 0..infos.len() {
                feats.clear();
                let mut sums = [0i32; N_TAGS];
                let n_fixed = if keep {
                    extract_static(infos, i, *headline, &memory, Part::All, &mut feats);
                    feats.len()
                } else {
                    let place = u64::from(i == 0) | u64::from(*headline) << 1;
                    let key = infos[i].word.rotate_left(2) ^ place;
                    sums = *lexical_sums.entry(key).or_insert_with(|| {
                        let mut word_sums = [0i32; N_TAGS];
                        extract_static(infos, i, *headline, &memory, Part::Lexical, &mut feats);
                        self.add_weights(&self.features, &feats, &mut word_sums, &mut scratch);
                        feats.clear();
                        word_sums
                    });
                    for (slot, offset) in NEIGHBOUR_OFFSETS.into_iter().enumerate() {
                        let j = i as isize + offset;
                        let number = usize::try_from(j)
                            .ok()
                            .and_then(|j| numbers.get(j))
                            .map_or(0, |&n| n as usize);
                        let from_neighbour = &neighbour_sums[number][slot];
                        sums.iter_mut()
                            .zip(from_neighbour)
                            .for_each(|(s, v)| *s += v);
                    }
                    extract_static(infos, i, *headline, &memory, Part::Context, &mut feats);
                    0
                };
                extract_dynamic(infos, i, prev, prev2, &memory, &mut feats);
                self.add_weights(&self.features, &feats, &mut sums, &mut scratch);
                let scores = scaled(sums, self.scale);
                let (best, confidence) = best_allowed(&scores, prev, closes_after(infos, i));
                if keep {
                    // What `Stack::worth_retagging` looks at, as far as
                    // the first pass knows it yet.
                    let near_capital = infos[i.saturating_sub(1)..(i + 2).min(infos.len())]
                        .iter()
                        .any(|t| t.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0);
                    let range = if (near_capital || prev != O || best != O)
                        && fixed.len() < MAX_KEPT_FEATURES
                    {
                        let begin = fixed.len() as u32;
                        fixed.extend_from_slice(&feats[..n_fixed]);
                        (begin, fixed.len() as u32)
                    } else {
                        (0, 0)
                    };
                    fixed_ranges.push(range);
                }
                sentence_confidences.push((best, confidence));
                memory.observe_tag(&infos[i], best);
                if keep {
                    tags.push(best);
                }
                prev2 = prev;
                prev = best;
            }
            if keep {
                first.push(tags);
            }
        }
        let Some((table, scale)) = self.second else {
            return confidences;
        };
        // The second pass starts from the document's case evidence alone,
        // as the first did.
        memory.kind_of.clear();
        let stack = Stack::of_prepared(&doc, first);
        let mut token = 0usize;
        for (s, sentence_confidences) in confidences.iter_mut().enumerate() {
            let headline = &doc.fill(s, self, &mut infos);
            let infos = infos.as_slice();
            let (mut prev, mut prev2) = (O, O);
            for (i, slot) in sentence_confidences.iter_mut().enumerate() {
                let (begin, end) = fixed_ranges.get(token).copied().unwrap_or((0, 0));
                token += 1;
                // Tokens the second pass skips (tagged `O` away from any
                // capitalized word or entity) stay `O`, fully confident.
                let chosen = if stack.worth_retagging(infos, s, i, prev) {
                    feats.clear();
                    match fixed.get(begin as usize..end as usize) {
                        Some(kept) if begin < end => feats.extend_from_slice(kept),
                        _ => extract_static(infos, i, *headline, &memory, Part::All, &mut feats),
                    }
                    extract_dynamic(infos, i, prev, prev2, &memory, &mut feats);
                    extract_stacked(infos, i, prev, &stack, s, &mut feats);
                    let mut scores = [0f32; N_TAGS];
                    self.score(&table, scale, &feats, &mut scores, &mut scratch);
                    let (best, confidence) = best_allowed(&scores, prev, closes_after(infos, i));
                    *slot = (best, confidence);
                    memory.observe_tag(&infos[i], best);
                    best
                } else {
                    *slot = (O, 1.0);
                    O
                };
                prev2 = prev;
                prev = chosen;
            }
        }
        confidences
    }
}

/// The weight sums of the features a word gives the tokens at each of
/// [`NEIGHBOUR_OFFSETS`] from it.
type NeighbourSums = [[i32; N_TAGS]; NEIGHBOUR_OFFSETS.len()];

/// Scores from integer weight sums.
#[inline]
fn scaled(sums: [i32; N_TAGS], scale: f32) -> [f32; N_TAGS] {
    sums.map(|v| v as f32 * scale)
}

/// Buffers [`Model::score`] reuses from call to call: the slots of the
/// features found, the keys to probe past their home slot.
struct Scratch {
    rows: [u32; CHUNK],
    walks: [u64; CHUNK],
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            rows: [0; CHUNK],
            walks: [0; CHUNK],
        }
    }
}

/// The most fixed features a document keeps for its second pass (64 KiB):
/// past that, in a long document, they would crowd the model's tables out
/// of the cache, and recomputing them is cheaper (measured).
const MAX_KEPT_FEATURES: usize = 1 << 13;

/// How many features [`Model::score`] probes at once.
const CHUNK: usize = 64;

/// The best tag allowed after `prev` and its softmax probability among the
/// allowed tags.
pub(crate) fn best_allowed(scores: &[f32; N_TAGS], prev: u8, must_close: bool) -> (u8, f32) {
    let mut best = O;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        if s > best_score && allowed(prev, t as u8, must_close) {
            best = t as u8;
            best_score = s;
        }
    }
    // The confidence only matters for entity tags (it becomes the entity's
    // score); most tokens are `O`, so skip the exponentials for them.
    if best == O {
        return (best, 1.0);
    }
    let total: f32 = scores
        .iter()
        .enumerate()
        .filter(|&(t, _)| allowed(prev, t as u8, must_close))
        .map(|(_, &s)| (s - best_score).exp())
        .sum();
    (best, if total > 0.0 { 1.0 / total } else { 1.0 })
}

impl Resources for Model {
    fn clusters(&self, key: u64) -> Option<[u16; N_CLUSTER_LEVELS]> {
        let at = self.clusters.find(&self.bytes, key)?;
        let mut out = [NO_CLUSTER; N_CLUSTER_LEVELS];
        let (spacy, glove) = out.split_at_mut(GLOVE_LEVEL);
        let tuple = usize::from(read_u16(&self.bytes, at));
        if tuple < self.n_tuples {
            let base = self.cluster_tuples + tuple * GLOVE_LEVEL * 2;
            for (k, c) in spacy.iter_mut().enumerate() {
                *c = read_u16(&self.bytes, base + k * 2);
            }
        }
        if self.clusters.value_len == CLUSTER_VALUE_LEN {
            for (k, c) in glove.iter_mut().enumerate() {
                *c = read_u16(&self.bytes, at + 2 + k * 2);
            }
        }
        Some(out)
    }

    fn gazetteer(&self, key: u64) -> u8 {
        self.gazetteer
            .find(&self.bytes, key)
            .and_then(|at| self.bytes.get(at).copied())
            .unwrap_or(0)
    }
}

/// Lays out `entries` as an open-addressing table: all fingerprints, then
/// all values. The table is sized for a load of at most `max_load_eighths`
/// eighths: with linear probing a lookup of an absent key (most feature
/// lookups) costs about `(1 + 1 / (1 - load)^2) / 2` probes.
fn write_table<V>(
    out: &mut Vec<u8>,
    entries: &[(u64, V)],
    value_len: usize,
    max_load_eighths: usize,
    shift: u32,
    write_value: impl Fn(&V, &mut [u8]),
) -> u32 {
    let mut log2 = 4u32;
    while (1usize << log2) * max_load_eighths < entries.len() * 8 + 8 {
        log2 += 1;
    }
    let cap = 1usize << log2;
    let mask = cap - 1;
    let mut keys = vec![0u32; cap];
    let mut values = vec![0u8; cap * value_len];
    let mut sorted: Vec<&(u64, V)> = entries.iter().collect();
    // Deterministic layout whatever order the entries came in.
    sorted.sort_by_key(|e| e.0);
    for (key, value) in sorted {
        let fp = fingerprint(*key);
        let mut slot = (*key >> shift) as usize & mask;
        while keys[slot] != 0 && keys[slot] != fp {
            slot = (slot + 1) & mask;
        }
        keys[slot] = fp;
        write_value(value, &mut values[slot * value_len..(slot + 1) * value_len]);
    }
    for key in &keys {
        out.extend(key.to_le_bytes());
    }
    out.extend_from_slice(&values);
    log2
}

/// Distinct cluster tuples, each numbered by its first appearance.
#[derive(Default)]
struct TupleSet {
    index_of: HashMap<[u16; GLOVE_LEVEL], u16>,
    tuples: Vec<[u16; GLOVE_LEVEL]>,
}

impl TupleSet {
    /// The tuple's number; [`NO_TUPLE`] for one of unknown clusters only, or
    /// past the `u16` range (never reached: spaCy has 20,000 distinct
    /// vectors).
    fn index(&mut self, tuple: [u16; GLOVE_LEVEL]) -> u16 {
        if tuple.iter().all(|&c| c == NO_CLUSTER) {
            return NO_TUPLE;
        }
        if let Some(&i) = self.index_of.get(&tuple) {
            return i;
        }
        if self.tuples.len() >= usize::from(NO_TUPLE) {
            return NO_TUPLE;
        }
        let i = self.tuples.len() as u16;
        self.index_of.insert(tuple, i);
        self.tuples.push(tuple);
        i
    }
}

/// Serializes a model. `features` are `(key, weights)`; `clusters` map word
/// hashes to cluster tuples; `gazetteer` maps phrase keys to type masks.
pub(crate) fn write_model(
    features: &[(u64, [f32; N_TAGS])],
    clusters: &[(u64, [u16; N_CLUSTER_LEVELS])],
    gazetteer: &[(u64, u8)],
    second: Option<&[(u64, [f32; N_TAGS])]>,
) -> Vec<u8> {
    let scale_of = |features: &[(u64, [f32; N_TAGS])]| {
        let max = features
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        if max > 0.0 {
            max / 32767.0
        } else {
            1.0
        }
    };
    let scale = scale_of(features);
    let quantize = |scale: f32| {
        move |w: &[f32; N_TAGS], out: &mut [u8]| {
            for (chunk, &v) in out.chunks_exact_mut(2).zip(w.iter()) {
                let q = (v / scale).round().clamp(-32767.0, 32767.0) as i16;
                chunk.copy_from_slice(&q.to_le_bytes());
            }
        }
    };
    let mut sorted_clusters: Vec<(u64, [u16; N_CLUSTER_LEVELS])> = clusters.to_vec();
    sorted_clusters.sort_by_key(|e| e.0);
    // Words share few distinct spaCy tuples (one per distinct vector).
    let mut spacy = TupleSet::default();
    let indexed: Vec<(u64, [u16; N_CLUSTER_LEVELS])> = sorted_clusters
        .iter()
        .map(|(k, c)| {
            let mut value = *c;
            let mut tuple = [NO_CLUSTER; GLOVE_LEVEL];
            tuple.copy_from_slice(&c[..GLOVE_LEVEL]);
            value[0] = spacy.index(tuple);
            (*k, value)
        })
        .collect();
    let mut body = Vec::new();
    // The feature table is probed ~60 times per token, mostly for absent
    // keys, so it gets a low load; the others a denser 3/4.
    let feature_log2 = write_table(
        &mut body,
        features,
        TAG_WEIGHT_BYTES,
        3,
        FEATURE_SHIFT,
        quantize(scale),
    );
    // A denser 7/8 load keeps the ~890k words in 2^20 slots; a word's
    // clusters are looked up once per token, not once per feature.
    // value: the spaCy tuple's index, then the GloVe levels.
    let cluster_log2 = write_table(&mut body, &indexed, CLUSTER_VALUE_LEN, 7, 0, |v, out| {
        let kept = std::iter::once(v[0]).chain(v[GLOVE_LEVEL..].iter().copied());
        for (chunk, c) in out.chunks_exact_mut(2).zip(kept) {
            chunk.copy_from_slice(&c.to_le_bytes());
        }
    });
    for t in &spacy.tuples {
        body.extend(t.iter().flat_map(|c| c.to_le_bytes()));
    }
    let gaz_log2 = write_table(&mut body, gazetteer, 1, 6, 0, |v, out| out[0] = *v);
    let (second_log2, second_scale) = match second {
        Some(features) => {
            let scale = scale_of(features);
            let log2 = write_table(
                &mut body,
                features,
                TAG_WEIGHT_BYTES,
                3,
                FEATURE_SHIFT,
                quantize(scale),
            );
            (log2, scale)
        }
        None => (0, 1.0),
    };
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(MAGIC);
    for v in [
        N_TAGS as u32,
        feature_log2,
        cluster_log2,
        gaz_log2,
        spacy.tuples.len() as u32,
    ] {
        out.extend(v.to_le_bytes());
    }
    out.extend(scale.to_le_bytes());
    out.extend(second_log2.to_le_bytes());
    out.extend(second_scale.to_le_bytes());
    out.extend(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{prepare_document, TokenInfo};

    #[test]
    fn round_trips_tables() {
        let mut w = [0f32; N_TAGS];
        w[3] = 2.5;
        let bytes = write_model(
            &[(42, w), (7, [0.0; N_TAGS])],
            &[
                (99, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
                // A word GloVe knows and spaCy does not.
                (
                    100,
                    [
                        NO_CLUSTER, NO_CLUSTER, NO_CLUSTER, NO_CLUSTER, 5, 6, 0, 9, 4,
                    ],
                ),
            ],
            &[(5, 3)],
            None,
        );
        let model = Model::from_bytes(bytes).unwrap();
        assert!(model.second.is_none());
        let mut scores = [0f32; N_TAGS];
        model.score(
            &model.features,
            model.scale,
            &[42, 1234],
            &mut scores,
            &mut Scratch::default(),
        );
        assert!((scores[3] - 2.5).abs() < 1e-3);
        assert_eq!(model.clusters(99), Some([1, 2, 3, 4, 5, 6, 7, 8, 9]));
        assert_eq!(
            model.clusters(100),
            Some([NO_CLUSTER, NO_CLUSTER, NO_CLUSTER, NO_CLUSTER, 5, 6, 0, 9, 4])
        );
        assert_eq!(model.clusters(98), None);
        assert_eq!(model.gazetteer(5), 3);
        assert!(Model::from_bytes(vec![1u8, 2, 3]).is_err());
    }

    #[test]
    fn reads_the_format_before_glove_levels() {
        // A `NEWSNER5` file laid out by hand: one feature, one word whose
        // `u16` value indexes a four-level spaCy tuple, an empty gazetteer.
        let mut w = [0f32; N_TAGS];
        w[2] = 1.0;
        let mut body = Vec::new();
        let feature_log2 = write_table(
            &mut body,
            &[(43u64, w)],
            TAG_WEIGHT_BYTES,
            3,
            1,
            |w, out| {
                for (chunk, &v) in out.chunks_exact_mut(2).zip(w.iter()) {
                    chunk.copy_from_slice(&((v * 100.0) as i16).to_le_bytes());
                }
            },
        );
        let cluster_log2 = write_table(&mut body, &[(99u64, 0u16)], 2, 6, 0, |v, out| {
            out.copy_from_slice(&v.to_le_bytes());
        });
        body.extend([9u16, 8, 7, 6].iter().flat_map(|c| c.to_le_bytes()));
        let gaz_log2 = write_table(&mut body, &[] as &[(u64, u8)], 1, 6, 0, |v, out| {
            out[0] = *v
        });
        let mut bytes = MAGIC_V5.to_vec();
        for v in [N_TAGS as u32, feature_log2, cluster_log2, gaz_log2, 1] {
            bytes.extend(v.to_le_bytes());
        }
        bytes.extend(0.01f32.to_le_bytes());
        bytes.extend(0u32.to_le_bytes());
        bytes.extend(1f32.to_le_bytes());
        bytes.extend(body);
        let model = Model::from_bytes(bytes).unwrap();
        let mut expected = [NO_CLUSTER; N_CLUSTER_LEVELS];
        expected[..GLOVE_LEVEL].copy_from_slice(&[9, 8, 7, 6]);
        assert_eq!(model.clusters(99), Some(expected));
        assert_eq!(model.clusters(98), None);
        let mut scores = [0f32; N_TAGS];
        model.score(
            &model.features,
            model.scale,
            &[43],
            &mut scores,
            &mut Scratch::default(),
        );
        assert!((scores[2] - 1.0).abs() < 1e-3);
    }

    #[test]
    fn round_trips_a_second_pass() {
        let mut first = [0f32; N_TAGS];
        first[1] = 1.0;
        let mut second = [0f32; N_TAGS];
        second[5] = -4.0;
        // Enough keys that the tables need probing past home slots.
        let many: Vec<(u64, [f32; N_TAGS])> = (0..300u64)
            .map(|k| (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1, second))
            .chain([(42, second)])
            .collect();
        let bytes = write_model(&[(42, first)], &[], &[], Some(&many));
        let model = Model::from_bytes(bytes.clone()).unwrap();
        let (table, scale) = model.second.unwrap();
        let mut scores = [0f32; N_TAGS];
        // (An absent key: feature keys differ in more than their lowest bit,
        // which the home slot of a feature key leaves out.)
        let absent = 0xdead_beef_0000_0043;
        model.score(
            &table,
            scale,
            &[42, absent],
            &mut scores,
            &mut Scratch::default(),
        );
        assert!((scores[5] + 4.0).abs() < 1e-3 && scores[1] == 0.0);
        let keys: Vec<u64> = many.iter().map(|m| m.0).collect();
        model.score(&table, scale, &keys, &mut scores, &mut Scratch::default());
        assert!((scores[5] + 4.0 * keys.len() as f32).abs() < 0.5);
        model.score(
            &model.features,
            model.scale,
            &[42],
            &mut scores,
            &mut Scratch::default(),
        );
        assert!((scores[1] - 1.0).abs() < 1e-3);
        // A truncated file is refused, not misread.
        assert!(Model::from_bytes(bytes[..bytes.len() - 1].to_vec()).is_err());
    }

    #[test]
    fn two_passes_tag_a_document() {
        // A tiny two-pass model: the second pass runs over the first's tags.
        let mut w = [0f32; N_TAGS];
        w[usize::from(O)] = 1.0;
        let bias = crate::hash::feature(0, 0);
        let bytes = write_model(&[(bias, w)], &[], &[], Some(&[(bias, w)]));
        let model = Model::from_bytes(bytes).unwrap();
        assert!(model.second.is_some());
        let doc = vec![
            vec!["Coste", "won", "in", "Paris", "."],
            vec!["Laurent", "Coste", "of", "France", "beat", "him", "."],
        ];
        let tagged = model.tag_document(&doc);
        assert_eq!(tagged.len(), 2);
        assert_eq!(tagged[0].len(), 5);
        assert_eq!(tagged[1].len(), 7);
        for (tag, confidence) in tagged.iter().flatten() {
            assert!((*tag as usize) < N_TAGS);
            assert!((0.0..=1.0).contains(confidence));
        }
    }

    /// A deterministic pseudo-random sequence for the tests below.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        /// A tag allowed after `prev`.
        fn tag(&mut self, prev: u8, must_close: bool) -> u8 {
            let start = self.next() as u8 % N_TAGS as u8;
            (0..N_TAGS as u8)
                .map(|k| (start + k) % N_TAGS as u8)
                .find(|&t| allowed(prev, t, must_close))
                .unwrap_or(O)
        }
    }

    fn prepare(model: &Model, doc: &[Vec<&str>]) -> (Vec<(Vec<TokenInfo>, bool)>, DocMemory) {
        let prepared = prepare_document(doc, model);
        let memory = DocMemory::of_document(&prepared);
        (prepared, memory)
    }

    /// Tagging exactly as training runs its passes (`run_pass`, every
    /// feature of a token recomputed in each pass): what `tag_document`
    /// must reproduce.
    fn tag_by_run_pass(model: &Model, doc: &[Vec<&str>]) -> Vec<Vec<(u8, f32)>> {
        use crate::features::run_pass;
        let (prepared, mut memory) = prepare(model, doc);
        let mut out: Vec<Vec<(u8, f32)>> = prepared
            .iter()
            .map(|(i, _)| vec![(O, 1.0); i.len()])
            .collect();
        let first_memory = memory.clone();
        let mut scratch = Scratch::default();
        let mut feats = Vec::new();
        let first = run_pass(
            &prepared,
            &mut memory,
            None,
            &mut feats,
            || false,
            |f, s, i, prev, must_close| {
                let mut scores = [0f32; N_TAGS];
                model.score(&model.features, model.scale, f, &mut scores, &mut scratch);
                let (best, confidence) = best_allowed(&scores, prev, must_close);
                out[s][i] = (best, confidence);
                best
            },
        );
        let Some((table, scale)) = model.second else {
            return out;
        };
        let stack = Stack::new(&prepared, first);
        out.iter_mut()
            .for_each(|c| c.iter_mut().for_each(|slot| *slot = (O, 1.0)));
        let mut memory = first_memory;
        run_pass(
            &prepared,
            &mut memory,
            Some(&stack),
            &mut feats,
            || false,
            |f, s, i, prev, must_close| {
                let mut scores = [0f32; N_TAGS];
                model.score(&table, scale, f, &mut scores, &mut scratch);
                let (best, confidence) = best_allowed(&scores, prev, must_close);
                out[s][i] = (best, confidence);
                best
            },
        );
        out
    }

    #[test]
    fn tagging_matches_the_training_passes() {
        use crate::features::{phrase_key, run_pass};
        use crate::hash::{lower_hash, word_hash};
        let doc: Vec<Vec<&str>> = [
            "AMAZON CUTS JOBS IN SEATTLE AS JASSY REVIEWS CLOUD UNIT",
            "Amazon will cut hundreds of jobs , Chief Executive Andy Jassy told staff in Seattle .",
            "“ We are making hard choices , ” Jassy said on Tuesday .",
            "The company ’s shares rose 2 % on the Nasdaq , while Microsoft and Alphabet fell .",
            "Regulators in Brussels said they would review the deal with Deutsche Telekom AG .",
            "seattle and amazon , in lower case , then Andy and Jassy apart .",
            "Fernando Redondo 9-1 Giovanni , Office for National Statistics 19/11/96 .",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        let clusters: Vec<(u64, [u16; N_CLUSTER_LEVELS])> = ["Amazon", "Seattle", "Jassy", "the"]
            .iter()
            .enumerate()
            .map(|(k, w)| {
                (
                    word_hash(w),
                    [k as u16, 7, 9, k as u16 * 3, 2, k as u16, 11, 5, 1],
                )
            })
            .collect();
        let gazetteer = [
            (phrase_key([lower_hash("seattle")]), 0b0100u8),
            (
                phrase_key([lower_hash("andy"), lower_hash("jassy")]),
                0b0001,
            ),
            (
                phrase_key([lower_hash("deutsche"), lower_hash("telekom")]),
                0b0010,
            ),
        ];
        // The features both passes can meet, whatever they decide: passes
        // over the document with random decisions.
        let bare = Model::from_bytes(write_model(&[], &clusters, &gazetteer, None)).unwrap();
        let (prepared, memory) = prepare(&bare, &doc);
        let mut rng = Lcg(7);
        let (mut first_keys, mut second_keys) = (Vec::new(), Vec::new());
        let mut feats = Vec::new();
        for _ in 0..20 {
            let tags = run_pass(
                &prepared,
                &mut memory.clone(),
                None,
                &mut feats,
                || false,
                |f, _, _, prev, must_close| {
                    first_keys.extend_from_slice(f);
                    rng.tag(prev, must_close)
                },
            );
            let stack = Stack::new(&prepared, tags);
            run_pass(
                &prepared,
                &mut memory.clone(),
                Some(&stack),
                &mut feats,
                || false,
                |f, _, _, prev, must_close| {
                    second_keys.extend_from_slice(f);
                    rng.tag(prev, must_close)
                },
            );
        }
        // Random weights, with some features left out (absent keys).
        let mut weigh = |keys: &mut Vec<u64>| -> Vec<(u64, [f32; N_TAGS])> {
            keys.sort_unstable();
            keys.dedup();
            let mut weighted = Vec::new();
            for &k in keys.iter() {
                if rng.next() % 5 == 0 {
                    continue;
                }
                let mut w = [0f32; N_TAGS];
                w.iter_mut()
                    .for_each(|x| *x = (rng.next() % 2001) as f32 / 100.0 - 10.0);
                weighted.push((k, w));
            }
            weighted
        };
        let first = weigh(&mut first_keys);
        let second = weigh(&mut second_keys);
        assert!(first.len() > 500 && second.len() > 500);
        for two_pass in [false, true] {
            let bytes = write_model(
                &first,
                &clusters,
                &gazetteer,
                two_pass.then_some(&second[..]),
            );
            let model = Model::from_bytes(bytes).unwrap();
            let tagged = model.tag_document(&doc);
            assert_eq!(tagged, tag_by_run_pass(&model, &doc));
            assert!(tagged.iter().flatten().any(|&(t, _)| t != O));
            // The lookups agree with plain one-key-at-a-time probing.
            let mut scores = [0f32; N_TAGS];
            let (table, scale) = model.second.unwrap_or((model.features, model.scale));
            model.score(
                &table,
                scale,
                &second_keys,
                &mut scores,
                &mut Scratch::default(),
            );
            let mut plain = [0i32; N_TAGS];
            for &k in &second_keys {
                if let Some(at) = table.find(&model.bytes, k) {
                    for (t, sum) in plain.iter_mut().enumerate() {
                        *sum += i32::from(read_u16(&model.bytes, at + 2 * t) as i16);
                    }
                }
            }
            let plain = plain.map(|v| v as f32 * scale);
            assert_eq!(scores, plain);
        }
    }
}
