//! Word tokenization with byte offsets, shared by every stage that needs
//! words (entity tagging, quote cues, evaluation alignment).
//!
//! The rules follow the CoNLL-2003 / Penn Treebank habits that newsie's
//! models are trained on: hyphenated words, decimals (`24.2`, `1,250`),
//! initialisms (`U.S.`) and `AT&T` stay whole; so do a person's initial
//! with its dot (`J. Smith`, as CoNLL writes `J.`) and the abbreviations of
//! [`ABBREVIATIONS`] with theirs (`St.`, `Sen.`, `Inc.`); a possessive
//! `'s`/`’s` and `n't` are split off; every other punctuation character is
//! a token of its own. Tokens are never normalized: each is a [`Span`] into
//! the input.

use crate::Span;

/// One word token: its byte span. The text is `&input[token.span]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token lies in the input.
    pub span: Span,
}

/// Whether `c` can be part of a word (letters, digits, marks).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Capitalized abbreviations that keep their dot as part of the token
/// (`St. John's`, `Ft. Bragg`, `Sen. Ann Lee`, `Acme Inc.`): titles, ranks,
/// place words, company forms and months, as news writes them. Each is an
/// abbreviation whatever follows it, so a sentence that ends with one
/// (`... of Acme Corp.`) gives it the dot, as CoNLL does. Words that are
/// also ordinary capitalized words at a sentence's end (`Mass.`, `Miss.`,
/// `Wash.`) are left out.
pub const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Apr", "Ariz", "Ark", "Aug", "Ave", "Blvd", "Bros", "Calif", "Capt", "Cmdr",
    "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del", "Dr", "Feb", "Fla", "Fr", "Ft", "Ga",
    "Gen", "Gov", "Ill", "Inc", "Jan", "Jr", "Kan", "Ky", "Lt", "Ltd", "Maj", "Md", "Messrs",
    "Mich", "Minn", "Mr", "Mrs", "Ms", "Mt", "Neb", "Nev", "No", "Nov", "Oct", "Okla", "Pa", "Pfc",
    "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sept", "Sgt", "Sr", "St", "Supt", "Tenn", "Va",
    "Vt", "Wis", "Wyo",
];

/// The most letters an initialism has (`U.S.A.` has 3).
const MAX_INITIALISM_LETTERS: usize = 8;

/// Whether `word` (without its dot) is one of [`ABBREVIATIONS`].
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.binary_search(&word).is_ok()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into word tokens. Runs in linear time and never panics.
///
/// ```
/// use newsie_core::word_tokens;
/// let text = "Amazon’s U.S. unit earned $24.2 billion.";
/// let words: Vec<&str> = word_tokens(text).map(|t| &text[t.span]).collect();
/// assert_eq!(words, ["Amazon", "’s", "U.S.", "unit", "earned", "$", "24.2", "billion", "."]);
/// ```
pub fn word_tokens(text: &str) -> TokenIter<'_> {
    TokenIter { text, pos: 0 }
}

/// The word tokens of a whole text ([`word_tokens`]), computed once and
/// read by every stage that needs words: a pipeline hands one stream to the
/// entity tagger and the quote attributor instead of letting each tokenize
/// the text again.
///
/// ```
/// use newsie_core::{word_tokens, Span, TokenStream};
/// let text = "Jane Roe said so. Acme Corp. agreed.";
/// let stream = TokenStream::new(text);
/// assert_eq!(stream.tokens().len(), 9);
/// // A sentence's tokens, as tokenizing the sentence alone gives them.
/// let second = Span::new(18, text.len());
/// let alone: Vec<Span> = word_tokens(&text[second])
///     .map(|t| Span::new(second.start + t.span.start, second.start + t.span.end))
///     .collect();
/// let shared: Vec<Span> = stream.within(text, second).unwrap().iter().map(|t| t.span).collect();
/// assert_eq!(shared, alone);
/// ```
#[derive(Debug, Clone, Default)]
pub struct TokenStream {
    tokens: Vec<Token>,
}

impl TokenStream {
    /// Tokenizes `text`.
    pub fn new(text: &str) -> TokenStream {
        TokenStream {
            tokens: word_tokens(text).collect(),
        }
    }

    /// Every token, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The tokens of `text[span]` (`text` being the streamed text), exactly
    /// as tokenizing that slice alone would give them, when the stream can
    /// vouch for it: `span` is bounded by whitespace or the text's edges on
    /// both sides. (The tokenizer reads one character past a token's edge,
    /// so at a whitespace boundary the slice and the whole text split
    /// alike.) `None` otherwise, or when `span` is not within `text`.
    pub fn within(&self, text: &str, span: Span) -> Option<&[Token]> {
        text.get(span.start..span.end)?;
        let open = text[..span.start]
            .chars()
            .next_back()
            .map_or(true, char::is_whitespace);
        let close = text[span.end..]
            .chars()
            .next()
            .map_or(true, char::is_whitespace);
        if !(open && close) {
            return None;
        }
        let first = self.tokens.partition_point(|t| t.span.start < span.start);
        let end = self.tokens.partition_point(|t| t.span.start < span.end);
        let tokens = &self.tokens[first..end];
        // A token starting inside the span ends inside it at a whitespace
        // boundary; this guards a stream built from another text.
        tokens
            .last()
            .map_or(true, |t| t.span.end <= span.end)
            .then_some(tokens)
    }
}

/// The iterator returned by [`word_tokens`].
#[derive(Debug, Clone)]
pub struct TokenIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> TokenIter<'a> {
    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    /// An initialism such as `U.S.`, `U.K.` or `a.m.` starting at `start`:
    /// two or more single letters each followed by a dot. Returns its end.
    fn initialism(&self, start: usize) -> Option<usize> {
        let mut chars = self.text[start..].char_indices();
        let mut letters = 0;
        let mut end = start;
        // No initialism has more letters; the bound keeps a long run of
        // `a.a.a.` linear, as every word start would read it again.
        while letters <= MAX_INITIALISM_LETTERS {
            match (chars.next(), chars.next()) {
                (Some((_, c)), Some((offset, '.'))) if c.is_alphabetic() => {
                    letters += 1;
                    end = start + offset + 1;
                }
                _ => break,
            }
        }
        if letters > MAX_INITIALISM_LETTERS {
            return None;
        }
        let followed_by_word = self.char_at(end).is_some_and(is_word_char);
        (letters >= 2 && !followed_by_word).then_some(end)
    }

    /// A person's initial with its dot (`J.` of `J. Smith`): one upper-case
    /// letter, not glued to a word or a dot before it, then a dot that no
    /// word character follows. Returns its end.
    fn initial(&self, start: usize) -> Option<usize> {
        let mut chars = self.text[start..].chars();
        let letter = chars.next()?;
        if !letter.is_uppercase() || chars.next() != Some('.') {
            return None;
        }
        let before = self.text[..start].chars().next_back();
        if before.is_some_and(|b| is_word_char(b) || b == '.') {
            return None;
        }
        let end = start + letter.len_utf8() + 1;
        (!self.char_at(end).is_some_and(is_word_char)).then_some(end)
    }

    /// Scans a word starting at `start` (which holds a word char) and returns
    /// its end.
    fn scan_word(&self, start: usize) -> usize {
        if let Some(end) = self.initialism(start).or_else(|| self.initial(start)) {
            return end;
        }
        let end = self.scan_plain_word(start);
        // `St.`, `Sen.`, `Inc.`: the dot belongs to the abbreviation.
        let glued_before = self.text[..start]
            .chars()
            .next_back()
            .is_some_and(|b| is_word_char(b) || b == '.');
        if !glued_before
            && self.text[end..].starts_with('.')
            && !self.char_at(end + 1).is_some_and(is_word_char)
            && is_abbreviation(&self.text[start..end])
        {
            return end + 1;
        }
        end
    }

    /// A word without the dot rules above: letters and digits, joined by
    /// the characters that may sit inside a word.
    fn scan_plain_word(&self, start: usize) -> usize {
        let mut end = start;
        let mut iter = self.text[start..].char_indices().peekable();
        while let Some((offset, c)) = iter.next() {
            let at = start + offset;
            if is_word_char(c) {
                end = at + c.len_utf8();
                continue;
            }
            let next = iter.peek().map(|&(_, n)| n);
            let prev = self.text[..at].chars().next_back();
            let between_digits = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            let between_words = prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
            match c {
                '.' | ',' if between_digits => end = at + 1,
                '-' | '&' | '_' if between_words => end = at + 1,
                c if is_apostrophe(c) && between_words => {
                    // `Amazon’s` -> `Amazon` + `’s`; `don't` -> `do` + `n't`;
                    // `O'Neill` stays whole.
                    let after = at + c.len_utf8();
                    let clitic_end = self.text[after..]
                        .find(|ch: char| !is_word_char(ch))
                        .map_or(self.text.len(), |i| after + i);
                    let clitic = self.text[after..clitic_end].to_lowercase();
                    if matches!(clitic.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
                        break;
                    }
                    if clitic == "t" && matches!(prev, Some('n' | 'N')) {
                        // `do|n't`: the `n` belongs to the clitic, unless the
                        // word is the clitic itself.
                        return if at - 1 == start { clitic_end } else { at - 1 };
                    }
                    end = after;
                }
                _ => break,
            }
        }
        end
    }
}

impl Iterator for TokenIter<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let rest = self.text.get(self.pos..)?;
        let skip = rest.len() - rest.trim_start().len();
        let start = self.pos + skip;
        let c = self.char_at(start)?;
        let end = if is_word_char(c) {
            self.scan_word(start)
        } else if is_apostrophe(c)
            && start > 0
            && self.text[..start]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
        {
            // A clitic split off the word before: `’s`, `'re`.
            let after = start + c.len_utf8();
            let word_end = self.text[after..]
                .find(|ch: char| !is_word_char(ch))
                .map_or(self.text.len(), |i| after + i);
            if word_end > after {
                word_end
            } else {
                after
            }
        } else {
            start + c.len_utf8()
        };
        let end = end.max(start + c.len_utf8());
        self.pos = end;
        Some(Token {
            span: Span::new(start, end),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Wherever the stream vouches for a slice, its tokens are the
        /// slice's own; and it vouches for every slice between spaces.
        #[test]
        fn a_stream_slice_is_the_slice_tokenized(
            parts in prop::collection::vec(prop::sample::select(vec![
                "J.", "Smith", "U.S.", "St.", "John's", "Acme", "Corp.", "don't", "’s", "24.2",
                "1,250", "AT&T", "O'Neill", ".", "\"", "“", "”", "—", "a.m.", "é", "日本",
                " ", "  ", "\n", "\n\n", "x", "-", "'", "s",
            ]), 0..40),
            cuts in prop::collection::vec(0usize..400, 0..6),
        ) {
            let text: String = parts.concat();
            let stream = TokenStream::new(&text);
            let mut bounds: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(text.len()))
                .filter(|&c| text.is_char_boundary(c))
                .chain([0, text.len()])
                // Every place after a space, as sentence spans start.
                .chain(text.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8()))
                .collect();
            bounds.sort_unstable();
            bounds.dedup();
            for pair in bounds.windows(2) {
                let span = Span::new(pair[0], pair[1]);
                let alone: Vec<Span> = word_tokens(&text[span])
                    .map(|t| Span::new(span.start + t.span.start, span.start + t.span.end))
                    .collect();
                let spaced = |c: Option<char>| c.map_or(true, char::is_whitespace);
                let between_spaces = spaced(text[..span.start].chars().next_back())
                    && spaced(text[span.end..].chars().next());
                match stream.within(&text, span) {
                    Some(tokens) => {
                        let shared: Vec<Span> = tokens.iter().map(|t| t.span).collect();
                        prop_assert_eq!(shared, alone);
                    }
                    None => prop_assert!(!between_spaces),
                }
            }
        }
    }

    fn words(text: &str) -> Vec<&str> {
        word_tokens(text).map(|t| &text[t.span]).collect()
    }

    #[test]
    fn keeps_compounds_and_numbers_whole() {
        assert_eq!(
            words("AT&T's third-party sales rose 1,250.5 in the U.S. today."),
            [
                "AT&T",
                "'s",
                "third-party",
                "sales",
                "rose",
                "1,250.5",
                "in",
                "the",
                "U.S.",
                "today",
                "."
            ]
        );
    }

    #[test]
    fn splits_clitics_and_quotes() {
        assert_eq!(
            words("“We don’t,” she said."),
            ["“", "We", "do", "n’t", ",", "”", "she", "said", "."]
        );
        assert_eq!(words("O'Neill's"), ["O'Neill", "'s"]);
    }

    #[test]
    fn sentence_final_initialism_keeps_its_dot() {
        assert_eq!(words("in the U.K."), ["in", "the", "U.K."]);
        assert_eq!(words("a.m. on"), ["a.m.", "on"]);
        assert_eq!(words("Mr. Smith"), ["Mr.", "Smith"]);
    }

    #[test]
    fn initials_and_abbreviations_keep_their_dots() {
        assert_eq!(
            words("A. Cole, T. Byrne, P. Hale; J.R. Smith"),
            ["A.", "Cole", ",", "T.", "Byrne", ",", "P.", "Hale", ";", "J.R.", "Smith"]
        );
        assert_eq!(
            words("St. John's Hospital near Ft. Bragg and Mt. Everest"),
            ["St.", "John", "'s", "Hospital", "near", "Ft.", "Bragg", "and", "Mt.", "Everest"]
        );
        assert_eq!(
            words("Sen. Ann Lee, D-Ohio, said Acme Inc. won."),
            ["Sen.", "Ann", "Lee", ",", "D-Ohio", ",", "said", "Acme", "Inc.", "won", "."]
        );
        // Not an initial or an abbreviation: a lower-case letter, a letter
        // glued to a word, an unknown word, a dot a word follows.
        assert_eq!(words("plan b. x.Y"), ["plan", "b", ".", "x", ".", "Y"]);
        assert_eq!(words("Vitamin-C. Boat."), ["Vitamin-C", ".", "Boat", "."]);
        assert_eq!(words("St.Louis"), ["St", ".", "Louis"]);
    }

    #[test]
    fn a_long_run_of_letters_and_dots_is_no_initialism() {
        let text = "a.".repeat(20) + "b";
        let tokens = words(&text);
        assert_eq!(tokens.first(), Some(&"a"));
        assert_eq!(tokens.concat(), text);
    }

    #[test]
    fn tokens_cover_every_non_space_char() {
        let text = "é—x “q” 3.5% \u{0}\t日本 ’s ' -";
        let mut covered = vec![false; text.len()];
        let mut last_end = 0;
        for t in word_tokens(text) {
            assert!(t.span.start >= last_end);
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            covered[t.span.range()].iter_mut().for_each(|c| *c = true);
            last_end = t.span.end;
        }
        for (i, c) in text.char_indices() {
            assert!(
                c.is_whitespace() || covered[i],
                "char {c:?} at {i} not covered"
            );
        }
    }
}
