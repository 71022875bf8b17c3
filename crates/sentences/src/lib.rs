//! Sentence splitting for English news text (first version: to be replaced
//! by the full rule set of issue 3).
//!
//! ```
//! use newsie_sentences::Splitter;
//! let text = "Shares fell. Mr. Smith left.";
//! let splitter = Splitter::new();
//! let sentences: Vec<&str> = splitter.split(text).into_iter().map(|s| &text[s]).collect();
//! assert_eq!(sentences, ["Shares fell.", "Mr. Smith left."]);
//! ```

use newsie_core::Span;

/// Builds a [`Splitter`].
#[derive(Debug, Clone, Default)]
pub struct SplitterBuilder {
    extra_abbreviations: Vec<String>,
}

impl SplitterBuilder {
    /// Adds abbreviations (without their final dot) that never end a sentence
    /// when the sentence goes on.
    pub fn abbreviations<I, S>(&mut self, words: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extra_abbreviations.extend(words.into_iter().map(Into::into));
        self
    }

    /// Builds the splitter.
    pub fn build(&self) -> Splitter {
        let mut abbreviations: Vec<String> =
            ["mr", "mrs", "ms", "dr", "no", "inc", "corp", "dec", "jan", "st"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        abbreviations.extend(self.extra_abbreviations.iter().map(|a| a.to_lowercase()));
        Splitter { abbreviations }
    }
}

/// A sentence splitter. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Splitter {
    abbreviations: Vec<String>,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter::new()
    }
}

impl Splitter {
    /// A splitter with the default settings.
    pub fn new() -> Splitter {
        SplitterBuilder::default().build()
    }

    /// A builder to configure a splitter.
    pub fn builder() -> SplitterBuilder {
        SplitterBuilder::default()
    }

    /// Splits `text` into sentence spans, in order.
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let end_here = match b {
                b'\n' => true,
                b'.' | b'?' | b'!' => {
                    let next_space = bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
                    let word = text[..i]
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("")
                        .to_lowercase();
                    next_space && !self.abbreviations.contains(&word)
                }
                _ => false,
            };
            if end_here {
                let end = if b == b'\n' { i } else { i + 1 };
                let span = Span::new(start, end).trim(text);
                if !span.is_empty() {
                    spans.push(span);
                }
                start = end;
            }
        }
        let span = Span::new(start, text.len()).trim(text);
        if !span.is_empty() {
            spans.push(span);
        }
        spans
    }
}
