//! Tokens with punctuation, paragraphs, and a rough sentence splitter for
//! when the caller gives no sentences.

use newsie_core::{word_tokens, LineLayout, Span, Token};

/// A lower-cased word, held inline when it is short (nearly every word),
/// so that tokenizing an article allocates once for its token vector, not
/// once per token.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Lower {
    Inline { len: u8, bytes: [u8; INLINE_LOWER] },
    Heap(Box<str>),
}

/// The longest lower-cased word kept inline, in bytes.
const INLINE_LOWER: usize = 22;

impl Lower {
    /// `word` lower-cased.
    fn of(word: &str) -> Lower {
        if word.len() <= INLINE_LOWER && word.is_ascii() {
            let mut bytes = [0; INLINE_LOWER];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            bytes[..word.len()].make_ascii_lowercase();
            return Lower::Inline {
                len: word.len() as u8,
                bytes,
            };
        }
        Lower::verbatim(&word.to_lowercase())
    }

    /// `text` as it is (already lower case, or punctuation).
    fn verbatim(text: &str) -> Lower {
        if text.len() <= INLINE_LOWER {
            let mut bytes = [0; INLINE_LOWER];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Lower::Inline {
                len: text.len() as u8,
                bytes,
            }
        } else {
            Lower::Heap(text.into())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // Copied whole from a `&str` (or ASCII lower-cased, which
            // keeps UTF-8 valid), so the bytes are UTF-8; `unwrap_or`
            // only satisfies the type.
            Lower::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            Lower::Heap(text) => text,
        }
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// A word or a single punctuation character.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub span: Span,
    /// Lower-cased word, or the punctuation character as a string.
    pub lower: Lower,
    pub is_word: bool,
    /// Starts with an upper-case letter.
    pub capitalized: bool,
}

impl Tok {
    pub fn is_punct(&self, c: char) -> bool {
        !self.is_word && self.lower.starts_with(c)
    }
    pub fn is_possessive(&self) -> bool {
        self.is_word && (self.lower == "'s" || self.lower == "’s")
    }
}

/// How an article marks its quotations: in double marks (`“...”`, US and
/// wire style) or in single ones (`‘...’`, as the BBC and the Guardian
/// write), the other kind then marking quotes inside quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkStyle {
    Double,
    Single,
}

impl MarkStyle {
    /// The style of `text`: single when more quotations open with a single
    /// mark than with a double one. A single opening mark stands before a
    /// letter, after a space, a line start or an opening bracket; so does
    /// a double one.
    pub(crate) fn of(text: &str) -> MarkStyle {
        let (mut single, mut double) = (0usize, 0usize);
        let mut before = ' ';
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let mut next = chars.peek().copied().unwrap_or(' ');
            let opening_place = before.is_whitespace() || matches!(before, '(' | '[' | '—' | '–');
            // The typewriter doubles of wire copy (`''` and ``` `` ```) are
            // double marks, not two single ones.
            if matches!(c, '\'' | '`') && next == c {
                chars.next();
                next = chars.peek().copied().unwrap_or(' ');
                double += usize::from(opening_place && next.is_alphabetic());
                before = c;
                continue;
            }
            let opens = opening_place && next.is_alphabetic();
            if opens {
                match c {
                    // ASCII copy writes British quotes with straight marks.
                    '‘' | '\'' => single += 1,
                    '“' | '"' => double += 1,
                    _ => {}
                }
            }
            before = c;
        }
        if single > double {
            MarkStyle::Single
        } else {
            MarkStyle::Double
        }
    }

    /// Whether `c` is a quotation mark, of either level, in this style. A
    /// right single mark is also the apostrophe, so only the single style
    /// counts it (as a token of its own, never inside a word).
    pub(crate) fn is_mark(self, c: char) -> bool {
        match self {
            MarkStyle::Double => matches!(c, '"' | '“' | '”'),
            MarkStyle::Single => matches!(c, '"' | '“' | '”' | '‘' | '’' | '\''),
        }
    }
}

/// A quotation mark of the outer level, in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Byte offset in the paragraph.
    pub at: usize,
    /// Its length in bytes (2 for the typewriter doubles `''` and ``` `` ```).
    pub len: usize,
    /// An opening mark; else a closing one.
    pub opens: bool,
}

/// The outer quotation marks of `paragraph` in order. In double style:
/// `“` opens, `”` closes, a straight `"` does either (it opens only before
/// a word: `no."` at a paragraph's end opens nothing), and the typewriter
/// doubles of wire copy count too (`''` either way, ``` `` ``` opening).
/// In single style: `‘` opens and `’` closes where it is no apostrophe: not
/// between letters (`don’t`, `Smith’s`), and not a plural possessive
/// (`the players’ union`) when a later mark in the paragraph can close.
pub(crate) fn outer_marks(paragraph: &str, style: MarkStyle) -> Vec<Mark> {
    let mut out = Vec::new();
    // Most paragraphs hold no mark at all: every mark but the ASCII ones
    // is a three-byte character led by 0xE2.
    if !paragraph
        .bytes()
        .any(|b| matches!(b, b'"' | b'\'' | b'`' | 0xE2))
    {
        return out;
    }
    let mut open = false;
    // The chars, and in the same pass the last `’` (or straight `'`, which
    // ASCII copy writes for both single marks): whether a later one can
    // still close, in constant time; likewise the last straight `"` and the
    // last `”`.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(paragraph.len());
    let (mut last_right, mut last_straight, mut last_curly_close) = (None, None, None);
    for (at, c) in paragraph.char_indices() {
        match c {
            '’' | '\'' => last_right = Some(chars.len()),
            '"' => last_straight = Some(chars.len()),
            '”' => last_curly_close = Some(chars.len()),
            _ => {}
        }
        chars.push((at, c));
    }
    // Whether the open quotation began with a straight mark, and where; the
    // closing mark of a pair of the other kind nested in it, while one is
    // open.
    let (mut opened_straight, mut opened_at) = (false, 0);
    let mut nested: Option<char> = None;
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let after = chars.get(k + 1).map(|&(_, a)| a);
        let mut push = |len: usize, opens: bool| out.push(Mark { at, len, opens });
        match style {
            MarkStyle::Double => {
                if c == '\'' && after == Some('\'') {
                    push(2, !open);
                    open = !open;
                    k += 2;
                    continue;
                }
                if c == '`' && after == Some('`') {
                    push(2, true);
                    open = true;
                    k += 2;
                    continue;
                }
                // Inside a pair nested in the open quotation, only the
                // pair's closing mark counts; the outer quotation's
                // closing mark (a badly nested text) closes both.
                if let Some(closer) = nested {
                    if c == closer {
                        nested = None;
                    } else if open && matches!(c, '”' | '"') {
                        push(c.len_utf8(), false);
                        open = false;
                        nested = None;
                    }
                    k += 1;
                    continue;
                }
                let before_word = after.is_some_and(|a| !a.is_whitespace());
                match c {
                    // A quotation in one kind of double marks may quote
                    // inside it in the other (`"... read you the question:
                    // “As you know ...” ..."`, `“It was titled "Wall Street
                    // Is Losing ...," but ...”`): while a later mark of the
                    // outer kind can close the quotation, the inner pair is
                    // nested in it. A curly mark right after the straight
                    // one (`"“You don’t ...,” he said ..."`) opens the
                    // quotation itself, the straight one being a wrapper.
                    '“' if open
                        && opened_straight
                        && k > opened_at + 1
                        && last_straight.is_some_and(|l| l > k) =>
                    {
                        nested = Some('”');
                    }
                    '"' if open
                        && !opened_straight
                        && before_word
                        && last_curly_close.is_some_and(|l| l > k) =>
                    {
                        nested = Some('"');
                    }
                    '“' => {
                        push(c.len_utf8(), true);
                        open = true;
                        (opened_straight, opened_at) = (false, k);
                    }
                    '”' | '"' if open => {
                        push(c.len_utf8(), false);
                        open = false;
                    }
                    // A straight mark opens only before a word: one
                    // before a space or the paragraph's end closes a
                    // quotation this paragraph never opened (a stray,
                    // or one opened in an earlier paragraph), and opening
                    // there would run a quote into the next paragraph.
                    '"' if before_word => {
                        push(1, true);
                        open = true;
                        (opened_straight, opened_at) = (true, k);
                    }
                    _ => {}
                }
            }
            MarkStyle::Single => {
                // A straight `'` opens where a `‘` would stand: at a line's
                // start or after a space, a bracket or a dash, before a
                // word (not `'90s`, which a digit follows).
                let before = k.checked_sub(1).map(|b| chars[b].1);
                let straight_opens = c == '\''
                    && before.map_or(true, |b| {
                        b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–')
                    })
                    && after.is_some_and(char::is_alphabetic);
                match c {
                    '‘' => {
                        push(c.len_utf8(), true);
                        open = true;
                    }
                    '\'' if straight_opens => {
                        push(1, true);
                        open = true;
                    }
                    '’' | '\'' if open && !is_apostrophe_at(&chars, k, last_right) => {
                        push(c.len_utf8(), false);
                        open = false;
                    }
                    _ => {}
                }
            }
        }
        k += 1;
    }
    out
}

/// Whether the `’` at `chars[k]`, inside an open single quotation, is an
/// apostrophe: between letters or digits (`don’t`, `Smith’s`), or after an
/// `s` and before a lower-case word (`the players’ union`) when a later `’`
/// of the paragraph could close the quotation instead.
fn is_apostrophe_at(chars: &[(usize, char)], k: usize, last_right: Option<usize>) -> bool {
    let before = k.checked_sub(1).map(|b| chars[b].1);
    let after = chars.get(k + 1).map(|&(_, a)| a);
    if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
        return true;
    }
    let plural_possessive = matches!(before, Some('s' | 'S'))
        && after == Some(' ')
        && chars.get(k + 2).is_some_and(|&(_, w)| w.is_lowercase());
    plural_possessive && last_right.is_some_and(|last| last > k)
}

/// Words and punctuation of `text`, in order. A possessive `’s` is one
/// token so that noun phrases can run across it.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    tokenize_from(text, word_tokens(text))
}

/// [`tokenize`], from the word tokens of the whole of `text` (newsie's
/// shared tokenizer), computed elsewhere.
pub(crate) fn tokenize_from(text: &str, words: impl Iterator<Item = Token>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut pos = 0;
    let push_punct = |out: &mut Vec<Tok>, from: usize, to: usize| {
        for (i, c) in text[from..to].char_indices() {
            if !c.is_whitespace() {
                let at = from + i;
                out.push(Tok {
                    span: Span::new(at, at + c.len_utf8()),
                    lower: Lower::verbatim(c.encode_utf8(&mut [0; 4])),
                    is_word: false,
                    capitalized: false,
                });
            }
        }
    };
    for token in words {
        let span = token.span;
        // A possessive: an apostrophe glued between the previous word and `s`.
        let gap = &text[pos..span.start];
        let word = &text[span.start..span.end];
        if (gap == "'" || gap == "’") && word.eq_ignore_ascii_case("s") && pos > 0 {
            out.push(Tok {
                span: Span::new(pos, span.end),
                lower: Lower::of(&text[pos..span.end]),
                is_word: true,
                capitalized: false,
            });
            pos = span.end;
            continue;
        }
        // The shared tokenizer may yield the clitic whole (`’s`).
        let glued = span.start == pos && pos > 0 && out.last().is_some_and(|t| t.is_word);
        if glued && gap.is_empty() && matches!(word, "'s" | "’s" | "'S" | "’S") {
            out.push(Tok {
                span,
                lower: Lower::of(word),
                is_word: true,
                capitalized: false,
            });
            pos = span.end;
            continue;
        }
        push_punct(&mut out, pos, span.start);
        let is_word = word.chars().next().is_some_and(newsie_core::is_word_char);
        if !is_word {
            // The shared tokenizer yields punctuation too; one char each.
            push_punct(&mut out, span.start, span.end);
            pos = span.end;
            continue;
        }
        out.push(Tok {
            span,
            lower: Lower::of(word),
            is_word: true,
            capitalized: word.chars().next().is_some_and(char::is_uppercase),
        });
        pos = span.end;
    }
    push_punct(&mut out, pos, text.len());
    out
}

/// Non-empty paragraphs: the text between line breaks, trimmed. In text
/// wrapped at a fixed width, only the breaks that end a paragraph count
/// ([`LineLayout`]): a quotation runs on over the others.
pub(crate) fn paragraphs(text: &str, layout: LineLayout) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' && layout.ends_paragraph(text, i) {
            push_trimmed(text, start, i, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// `span` cut into consecutive pieces of at most `max` bytes (`max` > 4),
/// each ending after the last whitespace that fits, or at the last
/// character boundary that fits when no whitespace does.
pub(crate) fn pieces_within(text: &str, span: Span, max: usize) -> impl Iterator<Item = Span> + '_ {
    let mut start = span.start;
    std::iter::from_fn(move || {
        if start >= span.end {
            return None;
        }
        let mut end = span.end;
        if end - start > max {
            end = start + max;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if let Some(space) = text[start..end].rfind(char::is_whitespace) {
                if space > 0 {
                    end = start + space + 1;
                }
            }
        }
        let piece = Span::new(start, end);
        start = end;
        Some(piece)
    })
}

/// A rough sentence split inside each paragraph: after `.`, `!` or `?`
/// (and any closing quotes or brackets) followed by a space and an
/// upper-case letter, a digit or an opening quote. Short words before a
/// period (`Mr.`, `U.S.`) do not end a sentence.
pub(crate) fn rough_sentences(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for para in paragraphs {
        let body = &text[para.start..para.end];
        let mut start = 0;
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if matches!(c, '.' | '!' | '?') {
                let mut end_k = k + 1;
                while end_k < chars.len() && matches!(chars[end_k].1, '"' | '”' | '’' | '\'' | ')')
                {
                    end_k += 1;
                }
                let next_is_space = end_k < chars.len() && chars[end_k].1.is_whitespace();
                let after = chars[end_k..]
                    .iter()
                    .find(|(_, ch)| !ch.is_whitespace())
                    .map(|x| x.1);
                let opener = after.is_some_and(|a| {
                    a.is_uppercase() || a.is_ascii_digit() || matches!(a, '"' | '“' | '‘')
                });
                let word_before: String = body[start..i]
                    .chars()
                    .rev()
                    .take_while(|ch| ch.is_alphanumeric() || *ch == '.')
                    // Only a short word can be an abbreviation; looking no
                    // further keeps a long run of dots linear.
                    .take(4)
                    .collect();
                let abbreviation = c == '.'
                    && word_before.len() <= 3
                    && word_before.chars().any(char::is_uppercase);
                if next_is_space && opener && !abbreviation {
                    let end = if end_k < chars.len() {
                        chars[end_k].0
                    } else {
                        body.len()
                    };
                    out.push(Span::new(para.start + start, para.start + end));
                    let rest = &body[end..];
                    start = end + (rest.len() - rest.trim_start().len());
                    k = end_k;
                    let _ = i;
                    continue;
                }
            }
            k += 1;
        }
        if start < body.len() {
            out.push(Span::new(para.start + start, para.end));
        }
    }
    out
}

#[cfg(test)]
mod pieces_tests {
    use super::*;

    #[test]
    fn pieces_cover_the_span_within_the_bound() {
        let text = "alpha beta gamma délta epsilon";
        let span = Span::new(0, text.len());
        let pieces: Vec<Span> = pieces_within(text, span, 12).collect();
        assert_eq!(pieces.first().unwrap().start, 0);
        assert_eq!(pieces.last().unwrap().end, text.len());
        for w in pieces.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        for p in &pieces {
            assert!(p.len() <= 12 && p.start < p.end);
            assert!(text.get(p.start..p.end).is_some());
        }
        assert_eq!(&text[pieces[0].start..pieces[0].end], "alpha beta ");
        // No whitespace: cut at a character boundary.
        let word = "ééééééééé";
        let cut: Vec<Span> = pieces_within(word, Span::new(0, word.len()), 5).collect();
        let lens: Vec<usize> = cut.iter().map(|p| p.len()).collect();
        assert_eq!(lens, [4, 4, 4, 4, 2]);
    }
}
