//! A byte scanner that cuts text into the tokens the grammar reads: words
//! (letters only, so `10k` is `10` + `k`), numbers (digits with their
//! thousands separators and decimal point) and single symbols.

use crate::lexicon::{lookup, Lex};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// A run of letters.
    Word,
    /// Digits with separators (`1,250`, `24.2`, `.08`, `1 234 567`).
    Num,
    /// Any other single character.
    Sym(char),
}

/// One token with its byte span and what the grammar needs to know of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub lex: Lex,
    /// No whitespace between the previous token and this one.
    pub glued: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

impl Tok {
    pub fn is_sym(&self, c: char) -> bool {
        self.kind == Kind::Sym(c)
    }
    pub fn is_num(&self) -> bool {
        self.kind == Kind::Num
    }
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

fn is_group_space(c: char) -> bool {
    c == ' ' || c == '\u{202f}' || c == '\u{a0}'
}

/// Scans a number starting at `start` (a digit, or a `.` before a digit)
/// and returns its end.
fn scan_number(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = start;
    if b[i] == b'.' {
        i += 1;
    }
    while digit_at(i) {
        i += 1;
    }
    let first_group = i - start;
    // Comma groups: western (3 digits each) or Indian (2s then a final 3).
    let mut j = i;
    let mut groups: [usize; 2] = [0, 0]; // counts of 2- and 3-digit groups
    let mut last_len = 0;
    let mut any_comma = false;
    if b[start] != b'.' {
        while b.get(j) == Some(&b',') && digit_at(j + 1) {
            let mut k = j + 1;
            while digit_at(k) {
                k += 1;
            }
            let len = k - j - 1;
            match len {
                2 => groups[0] += 1,
                3 => groups[1] += 1,
                _ => {
                    groups = [usize::MAX, 0];
                    break;
                }
            }
            last_len = len;
            any_comma = true;
            j = k;
        }
    }
    if any_comma {
        let western = groups[0] == 0 && groups[1] > 0;
        let indian = groups[0] != usize::MAX && groups[0] > 0 && groups[1] == 1 && last_len == 3;
        if western || indian {
            i = j;
        }
    }
    if i == start + first_group && b[start] != b'.' {
        // `5,00`, `1,3`: one comma and one or two digits is no thousands
        // group in any convention, so it is a decimal comma.
        if let Some(end) = decimal_comma(text, start, i) {
            return end;
        }
    }
    if !any_comma && first_group <= 3 && b[start] != b'.' {
        // Groups split by (narrow) spaces: `1 234 567`, `40 000`.
        while let Some(c) = text[i..].chars().next() {
            if !is_group_space(c) {
                break;
            }
            let k = i + c.len_utf8();
            if digit_at(k) && digit_at(k + 1) && digit_at(k + 2) && !digit_at(k + 3) {
                let after = b.get(k + 3).copied();
                let clean_end = match after {
                    None => true,
                    Some(x) => {
                        !(x.is_ascii_alphanumeric()
                            || x == b'-'
                            || x == b'/'
                            || x == b':'
                            || (x == b',' && digit_at(k + 4)))
                    }
                };
                if clean_end {
                    i = k + 3;
                    continue;
                }
            }
            break;
        }
    }
    // Decimal part.
    if b.get(i) == Some(&b'.') && digit_at(i + 1) && b[start] != b'.' {
        i += 1;
        while digit_at(i) {
            i += 1;
        }
        // `192.168.1.2`, `2.1.3`: keep every dotted part, the grammar
        // rejects the whole as a version or address.
        while b.get(i) == Some(&b'.') && digit_at(i + 1) {
            i += 1;
            while digit_at(i) {
                i += 1;
            }
        }
        // `1.111,11`, `2.500.000,50`: dots that group thousands before a
        // decimal comma (continental style). Only when every dotted group
        // has three digits, which no version number or address needs.
        let dotted = &text[start..i];
        let mut parts = dotted.split('.');
        let head_ok = parts.next().is_some_and(|h| (1..=3).contains(&h.len()));
        if head_ok && parts.all(|p| p.len() == 3) {
            if let Some(end) = decimal_comma(text, start, i) {
                return end;
            }
        }
    }
    i
}

/// The end of a decimal comma part at `at` (`,3`, `,00`) when the number
/// that ends there is read with a decimal comma: one or two digits after
/// the comma and nothing that makes the commas a list (`22,24,26`), a
/// chemical name (`2,5-dimethyl`) or a longer code.
fn decimal_comma(text: &str, start: usize, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if b.get(at) != Some(&b',') || !digit_at(at + 1) {
        return None;
    }
    // A list item (`22,24`) when a comma glues the number to the one before.
    if start > 0 && (b[start - 1] == b',' || b[start - 1] == b'.') {
        return None;
    }
    let mut k = at + 1;
    while digit_at(k) {
        k += 1;
    }
    if k - at - 1 > 2 {
        return None;
    }
    match b.get(k) {
        None => Some(k),
        Some(&c) if c.is_ascii_alphanumeric() || c == b'-' || c == b'/' => None,
        Some(&c) if (c == b',' || c == b'.' || c == b':') && digit_at(k + 1) => None,
        Some(_) => Some(k),
    }
}

/// Cuts `text` into pieces no amount crosses: a piece ends at a line
/// break that follows a sentence end (`.`, `!`, `?`, a closing quote) and
/// precedes a capital, a quote or a blank line, so wrapped lines
/// (`between 200\nand 300`, `Dec.\n31`) stay together.
pub(crate) fn chunks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut search = from;
        while let Some(off) = b[search..].iter().position(|&c| c == b'\n') {
            let nl = search + off;
            search = nl + 1;
            if nl - from < 512 {
                continue;
            }
            let before = b[from..nl]
                .iter()
                .rposition(|c| !c.is_ascii_whitespace())
                .map(|k| b[from + k]);
            let ends_sentence = matches!(before, Some(b'.' | b'!' | b'?' | b'"' | 0x9d));
            let after = b[nl + 1..]
                .iter()
                .find(|c| !matches!(c, b' ' | b'\t' | b'\r'))
                .copied();
            let starts_sentence = match after {
                None => true,
                Some(c) => c.is_ascii_uppercase() || matches!(c, b'\n' | b'"' | 0xe2),
            };
            if ends_sentence && starts_sentence {
                let piece = (from, nl + 1);
                from = nl + 1;
                return Some(piece);
            }
        }
        done = true;
        Some((from, b.len()))
    })
}

/// Cuts `text[from..to]` into tokens (offsets into `text`); `from` and
/// `to` lie on character boundaries.
pub(crate) fn tokens(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    out.clear();
    let text = &text[..to];
    let b = text.as_bytes();
    let mut i = from;
    let mut prev_end = usize::MAX;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let glued = prev_end == start;
        let (end, kind) = if c.is_ascii_digit()
            || (c == b'.'
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric()))
        {
            (scan_number(text, i), Kind::Num)
        } else if (c == b'h' || c == b'w') && is_url_start(&b[i..]) {
            // Web addresses hold digits that are no amounts: skip to the
            // next space.
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            prev_end = usize::MAX;
            continue;
        } else if c.is_ascii_alphabetic() {
            let mut k = i + 1;
            while k < b.len() && b[k].is_ascii_alphabetic() {
                k += 1;
            }
            // A word running on into non-ASCII letters (`Pokémon`) is one
            // word, never in the lexicon.
            if k < b.len() && b[k] >= 0x80 {
                k = scan_unicode_word(text, k);
            }
            (k, Kind::Word)
        } else if c < 0x80 {
            (i + 1, Kind::Sym(c as char))
        } else {
            let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
            if ch.is_whitespace() {
                i += ch.len_utf8();
                continue;
            }
            if ch.is_alphabetic() && crate::lexicon::currency_symbol(ch).is_none() {
                (scan_unicode_word(text, i), Kind::Word)
            } else {
                (i + ch.len_utf8(), Kind::Sym(ch))
            }
        };
        let lex = if kind == Kind::Word {
            lookup(&text[start..end])
        } else {
            Lex::Other
        };
        out.push(Tok {
            start,
            end,
            kind,
            lex,
            glued,
            cap: c.is_ascii_uppercase(),
        });
        prev_end = end;
        i = end;
    }
}

fn is_url_start(b: &[u8]) -> bool {
    b.starts_with(b"http://") || b.starts_with(b"https://") || b.starts_with(b"www.")
}

fn scan_unicode_word(text: &str, from: usize) -> usize {
    let mut end = from;
    for (off, ch) in text[from..].char_indices() {
        if ch.is_alphabetic() && crate::lexicon::currency_symbol(ch).is_none() {
            end = from + off + ch.len_utf8();
        } else {
            break;
        }
    }
    end.max(from)
}
