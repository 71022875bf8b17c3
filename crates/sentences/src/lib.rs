//! Sentence splitting for English news text, with byte spans into the
//! untouched input.
//!
//! A [`Splitter`] scans the text once, stopping only at candidate bytes
//! (`.`, `?`, `!`, line breaks, `)`, `…` and bullets), and decides at each
//! one from a bounded look around it:
//!
//! - abbreviations (`Dec. 31`, `No. 1`, `Mr. Smith`, `U.S. officials`,
//!   `Inc. said`) do not end a sentence when it goes on, but do when the next
//!   word opens a new one (`... in the U.S. Shares fell`);
//! - initials (`J. R. R. Tolkien`), decimals and prices (`$24.2 billion`),
//!   e-mail and web addresses never end one;
//! - closing quotes and brackets after the final mark belong to the
//!   sentence (`... our customers.”`), and `?`/`!` inside a quotation do not
//!   end it when it goes on (`"Why now?" she asked.`);
//! - ellipses end a sentence only before a new one (`that.... She left`),
//!   numbered, lettered and bulleted list items are sentences of their own,
//!   and a line break ends a sentence (configurable), so headlines without
//!   final punctuation stand alone;
//! - except in text wrapped at a fixed width (wire archives, e-mail), read
//!   as such ([`newsie_core::LineLayout`]): there a line break inside a
//!   paragraph is a space (`the governors of New\nYork`).
//!
//! Each span runs from the sentence's first non-space character to its last
//! character; the spans are sorted, disjoint, and cover every non-space
//! character of the input. Splitting never panics and takes linear time.
//!
//! ```
//! use newsie_sentences::Splitter;
//!
//! let text = "AWS revenue grew 13% to $24.2 billion in the quarter ended Dec. 31. \
//!             Mr. Jassy said so.\nAWS results\n“We didn’t decide lightly,” he said.";
//! let splitter = Splitter::new();
//! let sentences: Vec<&str> = splitter.split(text).into_iter().map(|s| &text[s]).collect();
//! assert_eq!(
//!     sentences,
//!     [
//!         "AWS revenue grew 13% to $24.2 billion in the quarter ended Dec. 31.",
//!         "Mr. Jassy said so.",
//!         "AWS results",
//!         "“We didn’t decide lightly,” he said.",
//!     ]
//! );
//!
//! // Extra abbreviations, and paragraphs separated by blank lines only:
//! let splitter = Splitter::builder()
//!     .abbreviations(["Ald"])
//!     .line_break_ends_sentence(false)
//!     .build();
//! let text = "Ald. Smith spoke\nat length.\n\nIt rained.";
//! let sentences: Vec<&str> = splitter.split(text).into_iter().map(|s| &text[s]).collect();
//! assert_eq!(sentences, ["Ald. Smith spoke\nat length.", "It rained."]);
//! ```

mod lexicon;
mod scan;

use lexicon::{AbbrevKind, WordSet, MAX_KEY_LEN};
use newsie_core::Span;

/// Why a [`SplitterBuilder`] could not build a splitter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An extra abbreviation is empty, holds whitespace, or is longer than
    /// the longest abbreviation the splitter can hold.
    #[error("invalid abbreviation {abbreviation:?}: {reason}")]
    InvalidAbbreviation {
        /// The abbreviation as given.
        abbreviation: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Configures and builds a [`Splitter`].
#[derive(Debug, Clone)]
pub struct SplitterBuilder {
    extra_abbreviations: Vec<String>,
    line_break_ends_sentence: bool,
    read_wrapped_lines: bool,
}

impl Default for SplitterBuilder {
    fn default() -> Self {
        SplitterBuilder {
            extra_abbreviations: Vec::new(),
            line_break_ends_sentence: true,
            read_wrapped_lines: true,
        }
    }
}

impl SplitterBuilder {
    /// Adds abbreviations (with or without their final period, in any case,
    /// such as `"Ald"` or `"approx."`). Like the built-in ones, each one does
    /// not end a sentence that goes on, and ends it when the next word opens
    /// a new sentence.
    pub fn abbreviations<I, S>(&mut self, words: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extra_abbreviations
            .extend(words.into_iter().map(Into::into));
        self
    }

    /// Whether a single line break ends a sentence (the default, `true`:
    /// news paragraphs come one per line, and headlines have no final
    /// punctuation). With `false`, only a blank line does, and a single line
    /// break inside a sentence is read as a space.
    pub fn line_break_ends_sentence(&mut self, yes: bool) -> &mut Self {
        self.line_break_ends_sentence = yes;
        self
    }

    /// Whether to read a text whose lines are wrapped at a fixed width (wire
    /// archives, e-mail, plain-text corpora) as such (the default, `true`):
    /// a line break inside its paragraphs is then a space, and only a
    /// blank line, an indented line or a short line ends a paragraph (see
    /// [`newsie_core::LineLayout`]). Other texts keep the rule of
    /// [`SplitterBuilder::line_break_ends_sentence`].
    pub fn read_wrapped_lines(&mut self, yes: bool) -> &mut Self {
        self.read_wrapped_lines = yes;
        self
    }

    /// Builds the splitter, or says which extra abbreviation is invalid.
    pub fn try_build(&self) -> Result<Splitter, Error> {
        let extra = self
            .extra_abbreviations
            .iter()
            .map(|word| normalize_abbreviation(word))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.build_with(extra))
    }

    /// Builds the splitter, skipping any invalid extra abbreviation (see
    /// [`SplitterBuilder::try_build`] to be told about them).
    pub fn build(&self) -> Splitter {
        let extra = self
            .extra_abbreviations
            .iter()
            .filter_map(|word| normalize_abbreviation(word).ok())
            .collect();
        self.build_with(extra)
    }

    fn build_with(&self, extra: Vec<Box<[u8]>>) -> Splitter {
        let abbreviations = WordSet::new(
            lexicon::default_abbreviations()
                // A built-in kind wins over the generic one of an extra word.
                .chain(extra.into_iter().map(|word| (word, AbbrevKind::General)))
                .collect::<Vec<_>>()
                .into_iter()
                .rev(),
        );
        Splitter {
            abbreviations,
            starters: lexicon::starters(),
            time_continuations: lexicon::time_continuations(),
            reporting_verbs: lexicon::reporting_verbs(),
            line_break_ends_sentence: self.line_break_ends_sentence,
            read_wrapped_lines: self.read_wrapped_lines,
        }
    }
}

/// Lowercases an extra abbreviation and drops its final period.
fn normalize_abbreviation(word: &str) -> Result<Box<[u8]>, Error> {
    let invalid = |reason| Error::InvalidAbbreviation {
        abbreviation: word.to_string(),
        reason,
    };
    let trimmed = word.trim();
    let bare = trimmed.strip_suffix('.').unwrap_or(trimmed);
    if bare.is_empty() {
        return Err(invalid("it is empty"));
    }
    if bare.chars().any(char::is_whitespace) {
        return Err(invalid("it holds whitespace"));
    }
    if bare.len() > MAX_KEY_LEN {
        return Err(invalid("it is longer than 16 bytes"));
    }
    Ok(bare.to_ascii_lowercase().into_bytes().into_boxed_slice())
}

/// A sentence splitter for English news text. Build it once and share it:
/// it is immutable, `Send` and `Sync`, and splitting allocates nothing but
/// the returned vector.
#[derive(Debug, Clone)]
pub struct Splitter {
    abbreviations: WordSet<AbbrevKind>,
    starters: WordSet<()>,
    time_continuations: WordSet<()>,
    reporting_verbs: WordSet<()>,
    line_break_ends_sentence: bool,
    read_wrapped_lines: bool,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter::new()
    }
}

impl Splitter {
    /// A splitter with the built-in abbreviations, where a line break
    /// always ends a sentence.
    pub fn new() -> Splitter {
        SplitterBuilder::default().build()
    }

    /// A builder to add abbreviations or change how line breaks count.
    pub fn builder() -> SplitterBuilder {
        SplitterBuilder::default()
    }

    /// Splits `text` into sentence spans, in order: each from the sentence's
    /// first non-space character to its last character (closing quotes and
    /// brackets included), disjoint, and together covering every non-space
    /// character of `text`.
    pub fn split(&self, text: &str) -> Vec<Span> {
        scan::Scanner::new(self, text).run()
    }
}

#[cfg(test)]
mod tests;
