//! Tokens with punctuation, paragraphs, and a rough sentence splitter for
//! when the caller gives no sentences.

use newsie_core::{word_tokens, Span};

/// A word or a single punctuation character.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub span: Span,
    /// Lower-cased word, or the punctuation character as a string.
    pub lower: String,
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

pub(crate) fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// Words and punctuation of `text`, in order. A possessive `’s` is one
/// token so that noun phrases can run across it.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut pos = 0;
    let push_punct = |out: &mut Vec<Tok>, from: usize, to: usize| {
        for (i, c) in text[from..to].char_indices() {
            if !c.is_whitespace() {
                let at = from + i;
                out.push(Tok {
                    span: Span::new(at, at + c.len_utf8()),
                    lower: c.to_string(),
                    is_word: false,
                    capitalized: false,
                });
            }
        }
    };
    for token in word_tokens(text) {
        let span = token.span;
        // A possessive: an apostrophe glued between the previous word and `s`.
        let gap = &text[pos..span.start];
        let word = &text[span.start..span.end];
        if (gap == "'" || gap == "’") && word.eq_ignore_ascii_case("s") && pos > 0 {
            out.push(Tok {
                span: Span::new(pos, span.end),
                lower: format!("{gap}s"),
                is_word: true,
                capitalized: false,
            });
            pos = span.end;
            continue;
        }
        // The shared tokenizer may yield the clitic whole (`’s`).
        let glued = span.start == pos && pos > 0 && out.last().is_some_and(|t| t.is_word);
        if glued && gap.is_empty() && matches!(word.to_lowercase().as_str(), "'s" | "’s") {
            out.push(Tok {
                span,
                lower: word.to_lowercase(),
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
            lower: word.to_lowercase(),
            is_word: true,
            capitalized: word.chars().next().is_some_and(char::is_uppercase),
        });
        pos = span.end;
    }
    push_punct(&mut out, pos, text.len());
    out
}

/// Non-empty paragraphs: the text between line breaks, trimmed.
pub(crate) fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
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
