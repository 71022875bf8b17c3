//! Allocation-free 64-bit hashing of token strings and feature keys.
//!
//! The model never stores strings: every word, shape, affix and feature is a
//! 64-bit hash, so extraction allocates nothing and the model table is a
//! flat array. The functions are fixed (FNV-1a over normalized characters,
//! then a murmur3 finalizer) so a model file means the same on every
//! platform.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The murmur3 64-bit finalizer: spreads every input bit over the output.
#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// Folds `value` into the running hash `acc` (order-sensitive).
#[inline]
pub(crate) fn combine(acc: u64, value: u64) -> u64 {
    mix(acc.rotate_left(23) ^ value.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A feature key: template `template` with value `value`. Never zero.
#[inline]
pub(crate) fn feature(template: u32, value: u64) -> u64 {
    combine(
        u64::from(template).wrapping_add(0x5851_f42d_4c95_7f2d),
        value,
    ) | 1
}

/// An incremental string hash over characters.
#[derive(Clone, Copy)]
pub(crate) struct CharHasher(u64);

impl CharHasher {
    #[inline]
    pub(crate) fn new() -> Self {
        CharHasher(FNV_OFFSET)
    }

    #[inline]
    pub(crate) fn push(&mut self, c: char) {
        let mut v = c as u32;
        // One round per UTF-8-independent code point, byte by byte.
        for _ in 0..3 {
            self.0 ^= u64::from(v & 0xff);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
            v >>= 8;
            if v == 0 {
                break;
            }
        }
    }

    #[inline]
    pub(crate) fn finish(self) -> u64 {
        mix(self.0)
    }
}

/// Maps typographic variants onto the plain ASCII forms the CoNLL training
/// text uses, so curly quotes and dashes in news read like the training data.
#[inline]
pub(crate) fn normalize_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
        | '\u{00bb}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00a0}' => ' ',
        c => c,
    }
}

/// The lower-case form of `c` as one character (the first when a character
/// lower-cases to several).
#[inline]
pub(crate) fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The hash of `word` after [`normalize_char`].
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h = CharHasher::new();
    word.chars().for_each(|c| h.push(normalize_char(c)));
    h.finish()
}

/// The hash of `word` normalized and lower-cased.
pub(crate) fn lower_hash(word: &str) -> u64 {
    let mut h = CharHasher::new();
    word.chars()
        .for_each(|c| h.push(lower_char(normalize_char(c))));
    h.finish()
}

/// The hash of `word` normalized with its first character upper-cased and
/// the rest lower-cased (`JAPAN` -> `Japan`).
pub(crate) fn title_hash(word: &str) -> u64 {
    let mut h = CharHasher::new();
    for (i, c) in word.chars().enumerate() {
        let c = normalize_char(c);
        if i == 0 {
            h.push(c.to_uppercase().next().unwrap_or(c));
        } else {
            h.push(lower_char(c));
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_and_straight_forms_hash_alike() {
        assert_eq!(word_hash("’s"), word_hash("'s"));
        assert_eq!(lower_hash("JAPAN"), lower_hash("japan"));
        assert_eq!(title_hash("JAPAN"), word_hash("Japan"));
        assert_ne!(word_hash("Japan"), word_hash("japan"));
        assert_ne!(feature(1, 5), feature(2, 5));
        assert_ne!(feature(1, 0), 0);
    }
}
