//! The compact model: flat open-addressing tables read in place from the
//! model bytes (so loading is a header check, not a parse), and greedy
//! left-to-right BILOU decoding over them.
//!
//! Layout (little-endian): magic `NEWSNER4`; `u32` tag count, `u32` log2
//! capacities of the feature, cluster and gazetteer tables, `u32` count of
//! distinct cluster tuples, `f32` weight scale, `u32` log2 capacity of the
//! second-pass feature table (0: no second pass), `f32` its weight scale;
//! then the feature table (`u32`
//! fingerprints, then an `i16` weight per tag for each slot), the cluster
//! table (fingerprints, then `u16` tuple indices), the cluster tuples (`u16`
//! per level), the gazetteer (fingerprints, then `u8` type masks), the
//! second-pass feature table (laid out like the first). Each
//! table keeps its fingerprints together so that probing, which mostly
//! meets absent keys, walks a dense array and touches the values only on a
//! hit.
//!
//! Decoding runs twice when the model has a second pass: the first pass
//! tags the document, the second tags it again reading the first pass's
//! tags (the next tokens' too) and its labels for the same words elsewhere
//! in the document.

use crate::features::{
    allowed, prepare_sentence, run_pass, DocMemory, Resources, Stack, TokenInfo, N_CLUSTER_LEVELS,
    N_TAGS, O,
};
use crate::Error;
use std::borrow::Cow;
use std::collections::HashMap;

const MAGIC: &[u8; 8] = b"NEWSNER4";
const HEADER_LEN: usize = 8 + 4 * 5 + 4 + 4 + 4;
const TAG_WEIGHT_BYTES: usize = N_TAGS * 2;

/// Where one open-addressing table lies in the model bytes: `mask + 1`
/// `u32` fingerprints from `base`, then as many values of `value_len` bytes.
#[derive(Debug, Clone, Copy)]
struct Table {
    base: usize,
    mask: usize,
    value_len: usize,
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
    /// The byte offset of `key`'s value, if present.
    #[inline]
    fn find(&self, bytes: &[u8], key: u64) -> Option<usize> {
        let fp = fingerprint(key);
        let mut slot = key as usize & self.mask;
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

impl Model {
    /// Reads a model from its bytes, checking the header and sizes (the
    /// tables themselves are used in place).
    pub fn from_bytes(bytes: impl Into<Cow<'static, [u8]>>) -> Result<Model, Error> {
        let bytes = bytes.into();
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(Error::Model("not a newsie NER model (bad magic)".into()));
        }
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
        let mut table = |mask: usize, value_len: usize| {
            let t = Table {
                base: at,
                mask,
                value_len,
            };
            at += t.len_bytes();
            t
        };
        let features = table(feature_mask, TAG_WEIGHT_BYTES);
        let clusters = table(cluster_mask, 2);
        let cluster_tuples = at;
        at += n_tuples * N_CLUSTER_LEVELS * 2;
        let gazetteer = Table {
            base: at,
            mask: gaz_mask,
            value_len: 1,
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
    /// Most of tagging's time goes to cache misses in the tables, so the
    /// lookups run in phases that do not branch on loaded data: first every
    /// feature's home fingerprint is loaded (the misses overlap), then the
    /// hits are found, then their weight rows are summed (again
    /// independent loads).
    #[inline]
    fn score(&self, table: &Table, scale: f32, feats: &[u64], scores: &mut [f32; N_TAGS]) {
        const CHUNK: usize = 64;
        let bytes: &[u8] = &self.bytes;
        let values = table.base + (table.mask + 1) * 4;
        let mut sums = [0i32; N_TAGS];
        let mut homes = [0u32; CHUNK];
        let mut rows = [0usize; CHUNK];
        for chunk in feats.chunks(CHUNK) {
            for (home, &f) in homes.iter_mut().zip(chunk) {
                *home = read_u32(bytes, table.base + (f as usize & table.mask) * 4);
            }
            let mut n_rows = 0;
            for (&home, &f) in homes.iter().zip(chunk) {
                let at = if home == fingerprint(f) {
                    Some(values + (f as usize & table.mask) * table.value_len)
                } else if home == 0 {
                    None
                } else {
                    table.find(bytes, f)
                };
                if let Some(at) = at {
                    rows[n_rows] = at;
                    n_rows += 1;
                }
            }
            for &at in &rows[..n_rows] {
                if let Some(row) = bytes.get(at..at + TAG_WEIGHT_BYTES) {
                    for (sum, w) in sums.iter_mut().zip(row.chunks_exact(2)) {
                        *sum += i32::from(i16::from_le_bytes([w[0], w[1]]));
                    }
                }
            }
        }
        for (s, v) in scores.iter_mut().zip(sums) {
            *s = v as f32 * scale;
        }
    }

    /// Tags one document given as sentences of tokens. Returns, per
    /// sentence, each token's tag and the model's confidence in it.
    pub(crate) fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<(u8, f32)>> {
        let mut prepared: Vec<(Vec<TokenInfo>, bool)> = Vec::with_capacity(sentences.len());
        let mut memory = DocMemory::default();
        for words in sentences {
            let mut infos = Vec::with_capacity(words.len());
            let headline = prepare_sentence(words, self, &mut infos);
            memory.observe_case(&infos, headline);
            prepared.push((infos, headline));
        }
        let mut feats = Vec::with_capacity(96);
        let mut confidences: Vec<Vec<(u8, f32)>> = prepared
            .iter()
            .map(|(i, _)| Vec::with_capacity(i.len()))
            .collect();
        let first_memory = self.second.is_some().then(|| memory.clone());
        let first = run_pass(
            &prepared,
            &mut memory,
            None,
            &mut feats,
            || false,
            |f, s, _, prev, last| {
                let mut scores = [0f32; N_TAGS];
                self.score(&self.features, self.scale, f, &mut scores);
                let (best, confidence) = best_allowed(&scores, prev, last);
                confidences[s].push((best, confidence));
                best
            },
        );
        let (Some((table, scale)), Some(mut memory)) = (self.second, first_memory) else {
            return confidences;
        };
        let stack = Stack::new(&prepared, first);
        // Tokens the second pass skips stay `O`, fully confident.
        for c in confidences.iter_mut() {
            c.iter_mut().for_each(|slot| *slot = (O, 1.0));
        }
        run_pass(
            &prepared,
            &mut memory,
            Some(&stack),
            &mut feats,
            || false,
            |f, s, i, prev, last| {
                let mut scores = [0f32; N_TAGS];
                self.score(&table, scale, f, &mut scores);
                let (best, confidence) = best_allowed(&scores, prev, last);
                if let Some(slot) = confidences.get_mut(s).and_then(|c| c.get_mut(i)) {
                    *slot = (best, confidence);
                }
                best
            },
        );
        confidences
    }
}

/// The best tag allowed after `prev` and its softmax probability among the
/// allowed tags.
pub(crate) fn best_allowed(scores: &[f32; N_TAGS], prev: u8, last: bool) -> (u8, f32) {
    let mut best = O;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        if s > best_score && allowed(prev, t as u8, last) {
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
        .filter(|&(t, _)| allowed(prev, t as u8, last))
        .map(|(_, &s)| (s - best_score).exp())
        .sum();
    (best, if total > 0.0 { 1.0 / total } else { 1.0 })
}

impl Resources for Model {
    fn clusters(&self, key: u64) -> Option<[u16; N_CLUSTER_LEVELS]> {
        let at = self.clusters.find(&self.bytes, key)?;
        let tuple = read_u16(&self.bytes, at) as usize;
        if tuple >= self.n_tuples {
            return None;
        }
        let base = self.cluster_tuples + tuple * N_CLUSTER_LEVELS * 2;
        let mut out = [0u16; N_CLUSTER_LEVELS];
        for (k, c) in out.iter_mut().enumerate() {
            *c = read_u16(&self.bytes, base + k * 2);
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
        let mut slot = *key as usize & mask;
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
    let mut tuple_index: HashMap<[u16; N_CLUSTER_LEVELS], u16> = HashMap::new();
    let mut tuples: Vec<[u16; N_CLUSTER_LEVELS]> = Vec::new();
    let mut sorted_clusters: Vec<(u64, [u16; N_CLUSTER_LEVELS])> = clusters.to_vec();
    sorted_clusters.sort_by_key(|e| e.0);
    let indexed: Vec<(u64, u16)> = sorted_clusters
        .iter()
        .filter_map(|(k, c)| {
            let next = tuples.len();
            let idx = *tuple_index.entry(*c).or_insert_with(|| {
                tuples.push(*c);
                next as u16
            });
            (tuples.len() <= usize::from(u16::MAX)).then_some((*k, idx))
        })
        .collect();
    let mut body = Vec::new();
    // The feature table is probed ~60 times per token, mostly for absent
    // keys, so it gets a low load; the others a denser 3/4.
    let feature_log2 = write_table(&mut body, features, TAG_WEIGHT_BYTES, 3, quantize(scale));
    let cluster_log2 = write_table(&mut body, &indexed, 2, 6, |v, out| {
        out.copy_from_slice(&v.to_le_bytes());
    });
    for t in &tuples {
        body.extend(t.iter().flat_map(|c| c.to_le_bytes()));
    }
    let gaz_log2 = write_table(&mut body, gazetteer, 1, 6, |v, out| out[0] = *v);
    let (second_log2, second_scale) = match second {
        Some(features) => {
            let scale = scale_of(features);
            let log2 = write_table(&mut body, features, TAG_WEIGHT_BYTES, 3, quantize(scale));
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
        tuples.len() as u32,
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

    #[test]
    fn round_trips_tables() {
        let mut w = [0f32; N_TAGS];
        w[3] = 2.5;
        let bytes = write_model(
            &[(42, w), (7, [0.0; N_TAGS])],
            &[(99, [1, 2, 3, 4])],
            &[(5, 3)],
            None,
        );
        let model = Model::from_bytes(bytes).unwrap();
        assert!(model.second.is_none());
        let mut scores = [0f32; N_TAGS];
        model.score(&model.features, model.scale, &[42, 1234], &mut scores);
        assert!((scores[3] - 2.5).abs() < 1e-3);
        assert_eq!(model.clusters(99), Some([1, 2, 3, 4]));
        assert_eq!(model.clusters(98), None);
        assert_eq!(model.gazetteer(5), 3);
        assert!(Model::from_bytes(vec![1u8, 2, 3]).is_err());
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
        model.score(&table, scale, &[42, 43], &mut scores);
        assert!((scores[5] + 4.0).abs() < 1e-3 && scores[1] == 0.0);
        let keys: Vec<u64> = many.iter().map(|m| m.0).collect();
        model.score(&table, scale, &keys, &mut scores);
        assert!((scores[5] + 4.0 * keys.len() as f32).abs() < 0.5);
        model.score(&model.features, model.scale, &[42], &mut scores);
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
}
