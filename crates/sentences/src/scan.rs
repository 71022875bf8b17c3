//! The single-pass byte scanner behind [`crate::Splitter::split`].
//!
//! The scanner jumps from one candidate byte to the next (`.`, `?`, `!`, a
//! line break, `)` and the lead byte of `…` and of bullets) with a lookup
//! table, and decides at each candidate whether a sentence ends there by
//! looking a bounded distance around it. It only ever records cut points
//! that partition the text; each sentence is the trimmed piece between two
//! cuts, so the spans are sorted, disjoint and cover every non-space
//! character by construction.
//!
//! Linear time: every lookaround is bounded or cached. The only unbounded
//! ones are the run of terminators at a candidate (consumed once and jumped
//! over), the whitespace after it (skipped once, before the next candidate),
//! and the whitespace-delimited token around a period, which is computed once
//! per token and cached.

use crate::lexicon::AbbrevKind;
use crate::Splitter;
use newsie_core::{LineLayout, Span};

/// Bytes the scanner stops at.
static CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'?' as usize] = true;
    table[b'!' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table[b')' as usize] = true;
    // Lead byte of U+2000..U+2FFF: the ellipsis `…` and the bullets.
    table[0xE2] = true;
    table
};

/// How far back the scanner looks to count the words before a clock time.
const WORD_COUNT_WINDOW: usize = 128;

/// Words a time abbreviation needs before it in its sentence to be read as
/// the sentence's last word (`He left the bank at 6 P.M.` has 6); a time that
/// opens the sentence (`At 5 a.m. Mr. Smith went ...`) has fewer.
const WORDS_BEFORE_FINAL_TIME: usize = 4;

/// How far after a name's comma an apposition may run before the comma
/// and reporting verb that close it (`, an adviser to the president,
/// said`).
const APPOSITION_WINDOW: usize = 80;

/// Company suffixes after which a sentence may end (see
/// `Scanner::company_ends_sentence`).
const COMPANY_SUFFIXES: &[&str] = &["co", "corp", "cos", "inc", "ltd", "plc", "llc"];

/// Capitalized words that go on with a company's name or its clause
/// (`Acme Inc. Chairman ...`, `Acme Inc. Tuesday reported ...`).
const GOES_ON_AFTER_A_COMPANY: &[&str] = &[
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "chief",
    "founder",
    "director",
    "boss",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
];

/// How far from a sentence's start an abbreviation is still checked for
/// being its first word.
const OPENING_WINDOW: usize = 64;

/// How far ahead the scanner looks for a reporting verb after a quotation.
const REPORTING_WINDOW: usize = 64;

/// The punctuation that follows a list item number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerStyle {
    /// `1.`
    Dot,
    /// `1.)`
    DotParen,
    /// `1)`
    Paren,
}

/// The list the current sentence is an item of: the next item's marker
/// starts a new sentence even without a period before it.
#[derive(Debug, Clone, Copy)]
struct ListState {
    /// The next item's number, or its letter as a byte.
    next: u32,
    /// Whether items are lettered (`a.`, `b.`) rather than numbered.
    lettered: bool,
    /// The punctuation after the item's number.
    style: MarkerStyle,
}

/// A run of sentence-final punctuation, such as `.`, `?!` or `. . . .`.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// One past its last byte.
    end: usize,
    /// Periods in it, counting `…` as three.
    dots: usize,
    /// Whether it holds `?` or `!`.
    question_or_exclamation: bool,
    /// Whether its periods are separated by spaces (`. . .`).
    spaced: bool,
}

/// A whitespace-delimited token of the text.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// Whether it looks like an e-mail address or a web address, whose inner
    /// periods never end a sentence.
    is_link: bool,
}

/// What follows a run of terminators and its closing quotes or brackets.
#[derive(Debug, Clone, Copy)]
enum Next {
    /// The end of the text, possibly after whitespace.
    End,
    /// A character with no whitespace before it.
    Attached,
    /// A word after whitespace, starting at this offset.
    Word(usize),
}

/// The first character of the next word, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Initial {
    Lower,
    Upper,
    Digit,
    QuoteOpen,
    Other,
}

/// What the scanner needs to know about the next word.
#[derive(Debug, Clone, Copy)]
struct NextWord {
    initial: Initial,
    /// Whether its first letter (after any opening quote) is uppercase.
    capitalized: bool,
    /// Whether it is a capitalized word that usually opens a sentence.
    starter: bool,
    /// Whether it is the pronoun `I`, which opens sentences after an
    /// abbreviation (`I live in the U.S.A. I went ...`) but goes on after an
    /// ellipsis (`the thing is . . . I didn't mean it`).
    pronoun_i: bool,
    /// Whether it usually continues a clock time (`Friday`, `ET`).
    time_continuation: bool,
}

/// The kind of the word before a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Ordinary,
    Abbreviation(AbbrevKind),
}

/// The scanner's state over one text.
pub(crate) struct Scanner<'a> {
    splitter: &'a Splitter,
    text: &'a str,
    bytes: &'a [u8],
    spans: Vec<Span>,
    /// Where the current sentence's piece starts (the last cut).
    segment_start: usize,
    list: Option<ListState>,
    /// The last token computed, reused while the scan stays inside it.
    token: Option<Token>,
    /// How the text's single line breaks read.
    layout: LineLayout,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(splitter: &'a Splitter, text: &'a str) -> Self {
        Scanner {
            splitter,
            text,
            bytes: text.as_bytes(),
            spans: Vec::new(),
            segment_start: 0,
            list: None,
            token: None,
            layout: if splitter.read_wrapped_lines && splitter.line_break_ends_sentence {
                LineLayout::of(text)
            } else {
                LineLayout::OneParagraphPerLine
            },
        }
    }

    /// Scans the whole text and returns the sentence spans.
    pub(crate) fn run(mut self) -> Vec<Span> {
        let bytes = self.bytes;
        let mut position = self.begin_segment(0);
        while position < bytes.len() {
            match bytes[position..]
                .iter()
                .position(|&b| CANDIDATE[b as usize])
            {
                None => break,
                Some(offset) => position += offset,
            }
            let next = match bytes[position] {
                b'\n' | b'\r' => self.on_line_break(position),
                b'.' | b'?' | b'!' => self.on_terminator(position),
                b')' => self.on_closing_paren(position),
                _ => self.on_e2(position),
            };
            // Always make progress, whatever a handler returned.
            position = next.max(position + 1);
        }
        self.cut(bytes.len());
        self.spans
    }

    /// Ends the current piece at `at` and starts the next one there.
    fn cut(&mut self, at: usize) {
        let at = at.clamp(self.segment_start, self.bytes.len());
        let span = Span::new(self.segment_start, at).trim(self.text);
        if !span.is_empty() {
            self.spans.push(span);
        }
        self.segment_start = at;
        self.list = None;
    }

    /// Cuts at `at` and returns where scanning resumes: past a list marker
    /// that opens the new sentence, and never before `at_least`.
    fn cut_and_begin(&mut self, at: usize, at_least: usize) -> usize {
        self.cut(at);
        self.begin_segment(at).max(at_least).max(at)
    }

    /// Reads a list marker (`1.`, `2.)`, `3)`, `a.`, optionally after a
    /// bullet) at the start of a sentence: its period must not end the
    /// sentence, and the next item's marker will start the next one. Returns
    /// where scanning resumes.
    fn begin_segment(&mut self, at: usize) -> usize {
        let bytes = self.bytes;
        let mut p = at;
        while p < bytes.len() && bytes[p].is_ascii_whitespace() {
            p += 1;
        }
        if let Some(len) = bullet_len(bytes, p) {
            p += len;
            while p < bytes.len() && (bytes[p] == b' ' || bytes[p] == b'\t') {
                p += 1;
            }
        }
        let number_start = p;
        let (value, lettered) = match bytes.get(p) {
            Some(&c) if c.is_ascii_lowercase() => {
                p += 1;
                (u32::from(c), true)
            }
            Some(c) if c.is_ascii_digit() => {
                let mut value = 0u32;
                while p < bytes.len() && bytes[p].is_ascii_digit() && p - number_start < 3 {
                    value = value * 10 + u32::from(bytes[p] - b'0');
                    p += 1;
                }
                (value, false)
            }
            _ => return at,
        };
        if bytes.get(p).is_some_and(u8::is_ascii_alphanumeric) {
            return at;
        }
        let style = match (bytes.get(p), bytes.get(p + 1)) {
            (Some(b'.'), Some(b')')) => MarkerStyle::DotParen,
            (Some(b'.'), _) => MarkerStyle::Dot,
            (Some(b')'), _) => MarkerStyle::Paren,
            _ => return at,
        };
        let marker_end = p + if style == MarkerStyle::DotParen { 2 } else { 1 };
        if !matches!(bytes.get(marker_end), Some(b' ' | b'\t')) {
            return at;
        }
        self.list = Some(ListState {
            next: value + 1,
            lettered,
            style,
        });
        marker_end
    }

    /// Where the next item of the current list starts, when the marker whose
    /// punctuation is at `mark` (`.` or `)`) is that item's: at its number,
    /// or at the bullet before it.
    fn list_item_start(&self, mark: usize, style: MarkerStyle) -> Option<usize> {
        let list = self.list?;
        if list.style != style {
            return None;
        }
        let bytes = self.bytes;
        let number_start = if list.lettered {
            let start = mark.checked_sub(1)?;
            (u32::from(bytes[start]) == list.next).then_some(start)?
        } else {
            let mut start = mark;
            while start > 0 && bytes[start - 1].is_ascii_digit() && mark - start < 4 {
                start -= 1;
            }
            if start == mark || mark - start > 3 {
                return None;
            }
            let value = bytes[start..mark]
                .iter()
                .fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
            (value == list.next).then_some(start)?
        };
        if number_start <= self.segment_start {
            return None;
        }
        let marker_end = mark + if style == MarkerStyle::DotParen { 2 } else { 1 };
        if !matches!(bytes.get(marker_end), Some(b' ' | b'\t')) {
            return None;
        }
        if let Some(bullet) = bullet_ending_at(bytes, number_start) {
            return Some(bullet);
        }
        if !bytes[number_start - 1].is_ascii_whitespace() {
            return None;
        }
        let mut before = number_start;
        while before > self.segment_start && matches!(bytes[before - 1], b' ' | b'\t') {
            before -= 1;
        }
        Some(bullet_ending_at(bytes, before).unwrap_or(number_start))
    }

    fn on_closing_paren(&mut self, at: usize) -> usize {
        match self.list_item_start(at, MarkerStyle::Paren) {
            Some(start) => self.cut_and_begin(start, at + 1),
            None => at + 1,
        }
    }

    /// A byte 0xE2: an ellipsis `…`, a bullet, or some other character.
    fn on_e2(&mut self, at: usize) -> usize {
        let bytes = self.bytes;
        if is_ellipsis_at(bytes, at) {
            return self.on_terminator(at);
        }
        if bullet_len(bytes, at).is_some() && (at == 0 || bytes[at - 1].is_ascii_whitespace()) {
            // A bullet after a space opens a new list item.
            return self.cut_and_begin(at, at + 3);
        }
        at + 1
    }

    fn on_line_break(&mut self, at: usize) -> usize {
        let bytes = self.bytes;
        let after = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        if self.splitter.line_break_ends_sentence {
            // In wrapped text a break inside a paragraph is a space.
            if !self.layout.ends_paragraph(self.text, at) {
                return after;
            }
            return self.cut_and_begin(at, after);
        }
        // Only a blank line ends a sentence.
        let mut p = after;
        while p < bytes.len() && matches!(bytes[p], b' ' | b'\t') {
            p += 1;
        }
        if matches!(bytes.get(p), Some(b'\n' | b'\r')) {
            return self.cut_and_begin(at, p);
        }
        after
    }

    /// A `.`, `?`, `!` or `…`: decides whether the sentence ends after the
    /// run of punctuation it starts.
    fn on_terminator(&mut self, at: usize) -> usize {
        let bytes = self.bytes;
        if bytes[at] == b'.' && self.list.is_some() {
            let style = if bytes.get(at + 1) == Some(&b')') {
                MarkerStyle::DotParen
            } else {
                MarkerStyle::Dot
            };
            if let Some(start) = self.list_item_start(at, style) {
                return self.cut_and_begin(start, at + 1);
            }
        }
        let run = self.collect_run(at);
        if run.dots >= 2
            && !run.question_or_exclamation
            && at > 0
            && bytes[at - 1] == b'['
            && bytes.get(run.end) == Some(&b']')
        {
            // `[...]` marks an omission inside a sentence.
            return run.end;
        }
        let (after, closed_quote) = self.skip_closers(run.end);
        let cut = match self.next_after(after) {
            Next::End => Some(after),
            Next::Attached => {
                let glued = run.dots == 1
                    && !run.question_or_exclamation
                    && after == run.end
                    && self.starts_glued_sentence(at);
                glued.then_some(at + 1)
            }
            Next::Word(word_at) => {
                let next = self.next_word(word_at);
                if run.question_or_exclamation {
                    self.ends_after_exclamation(next, word_at, closed_quote)
                        .then_some(after)
                } else if run.dots >= 4 {
                    // A period and an ellipsis. The period ends the sentence
                    // unless the next word goes on in lowercase; a spaced
                    // ellipsis glued to the word (`compounds. . . . The`)
                    // opens the next sentence instead.
                    if next.initial == Initial::Lower {
                        None
                    } else if run.spaced
                        && after == run.end
                        && at > 0
                        && !is_space_before(bytes, at)
                    {
                        Some(at + 1)
                    } else {
                        Some(after)
                    }
                } else if run.dots >= 2 {
                    // A bare ellipsis ends the sentence only when a word
                    // that opens sentences follows (`slowly... And this`).
                    next.starter.then_some(after)
                } else {
                    (self.ends_after_period(at, next)
                        || self.company_ends_sentence(at, next, word_at))
                    .then_some(after)
                }
            }
        };
        match cut {
            Some(cut_at) => self.cut_and_begin(cut_at, run.end),
            None => run.end,
        }
    }

    /// `?` or `!`: the sentence goes on when the next word is lowercase
    /// (`Yahoo! in`, `"Why?" she asked`) or when a quotation closes and a
    /// name with a reporting verb follows (`"Why now?" Jassy asked.`).
    fn ends_after_exclamation(&self, next: NextWord, word_at: usize, closed_quote: bool) -> bool {
        if next.initial == Initial::Lower {
            return false;
        }
        !(closed_quote && next.capitalized && self.reporting_verb_follows(word_at))
    }

    /// A single period after a word.
    fn ends_after_period(&mut self, at: usize, next: NextWord) -> bool {
        let (class, word_start) = self.word_before(at);
        if matches!(class, WordClass::Abbreviation(_)) && self.opens_segment(word_start) {
            // A sentence is never an abbreviation alone (`Q. What is it?`).
            return false;
        }
        match class {
            WordClass::Ordinary => next.initial != Initial::Lower,
            WordClass::Abbreviation(AbbrevKind::Title) => false,
            WordClass::Abbreviation(AbbrevKind::NumberPrefix) => {
                !matches!(next.initial, Initial::Lower | Initial::Digit)
            }
            WordClass::Abbreviation(AbbrevKind::Time) => {
                next.starter
                    || next.initial == Initial::QuoteOpen
                    || (next.capitalized
                        && !next.time_continuation
                        && self.words_before(word_start) >= WORDS_BEFORE_FINAL_TIME)
            }
            WordClass::Abbreviation(AbbrevKind::General) => {
                next.starter || next.pronoun_i || next.initial == Initial::QuoteOpen
            }
        }
    }

    /// A company's suffix (`Corp.`, `Inc.`, `Ltd.`, `Co.`) at the end of a
    /// sentence: the period ends it when the next word is a capitalized
    /// word (not a title like `Chairman`, not all capitals like `CEO`)
    /// that a lower-case word follows, as a new sentence's subject and verb
    /// do (`... from Northpine Software Corp. Northpine cut the price`).
    /// Before a title, a name or a capitalized phrase, the name goes on
    /// (`Acme Corp. Chief Executive Jane Roe`, `Apple Inc. CEO Tim Cook`).
    fn company_ends_sentence(&mut self, at: usize, next: NextWord, word_at: usize) -> bool {
        let (class, word_start) = self.word_before(at);
        if class != WordClass::Abbreviation(AbbrevKind::General) || !next.capitalized {
            return false;
        }
        let suffix = self.text[word_start..at].to_ascii_lowercase();
        if !COMPANY_SUFFIXES.contains(&suffix.as_str())
            || self.words_before(word_start) < WORDS_BEFORE_FINAL_TIME
        {
            return false;
        }
        let rest = &self.text[word_at..];
        let next_word: &str = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let title_case = next_word.chars().nth(1).is_some_and(char::is_lowercase);
        if !title_case || GOES_ON_AFTER_A_COMPANY.contains(&next_word.to_ascii_lowercase().as_str())
        {
            return false;
        }
        let after = rest[next_word.len()..].trim_start_matches(' ');
        let following: &str = after
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        following.chars().next().is_some_and(char::is_lowercase)
            && !matches!(
                following,
                "of" | "and" | "for" | "de" | "du" | "la" | "von" | "van"
            )
    }

    /// Whether, within [`APPOSITION_WINDOW`] bytes after `from` and before
    /// any sentence punctuation, a comma is followed by a reporting verb.
    fn verb_after_apposition(&self, from: usize) -> bool {
        let bytes = self.bytes;
        let limit = (from + APPOSITION_WINDOW).min(bytes.len());
        let mut p = from;
        while p < limit {
            match bytes[p] {
                b'.' | b'?' | b'!' | b'"' | b';' | b'\n' => return false,
                b',' => {
                    let mut start = p + 1;
                    while start < limit && bytes[start] == b' ' {
                        start += 1;
                    }
                    let mut end = start;
                    while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                        end += 1;
                    }
                    return end > start
                        && self
                            .splitter
                            .reporting_verbs
                            .get(&bytes[start..end])
                            .is_some();
                }
                _ => p += 1,
            }
        }
        false
    }

    /// A period directly followed by a capitalized word, as in
    /// `world.Today` or `1,000.That`: a sentence boundary with the space
    /// missing, unless the period is inside a link or ends an abbreviation.
    fn starts_glued_sentence(&mut self, at: usize) -> bool {
        let bytes = self.bytes;
        let next_is_word = bytes.get(at + 1).is_some_and(u8::is_ascii_uppercase)
            && bytes.get(at + 2).is_some_and(u8::is_ascii_lowercase);
        let previous_fits =
            at > 0 && (bytes[at - 1].is_ascii_lowercase() || bytes[at - 1].is_ascii_digit());
        if !next_is_word || !previous_fits || self.token_at(at).is_link {
            return false;
        }
        let (class, word_start) = self.word_before(at);
        let word = &bytes[word_start..at];
        let last_part = word.rsplit(|&b| b == b'.').next().unwrap_or(word);
        class == WordClass::Ordinary && last_part.len() >= 2
    }

    /// Whether only whitespace and opening quotes or brackets come between
    /// the current piece's start and `at` (looked at within a short window).
    fn opens_segment(&self, at: usize) -> bool {
        at >= self.segment_start
            && at - self.segment_start <= OPENING_WINDOW
            && self.text[self.segment_start..at]
                .chars()
                .all(|c| c.is_whitespace() || is_opener(c))
    }

    /// The run of terminators starting at `at`.
    fn collect_run(&self, at: usize) -> Run {
        let bytes = self.bytes;
        let mut run = Run {
            end: at,
            dots: 0,
            question_or_exclamation: false,
            spaced: false,
        };
        let mut p = at;
        while p < bytes.len() {
            match bytes[p] {
                b'.' => {
                    run.dots += 1;
                    p += 1;
                }
                b'?' | b'!' => {
                    run.question_or_exclamation = true;
                    p += 1;
                }
                0xE2 if is_ellipsis_at(bytes, p) => {
                    run.dots += 3;
                    p += 3;
                }
                // `. . .`: a space between two periods, the second not the
                // start of a number or a word (`.5`, `.com`).
                b' ' if p > at
                    && bytes[p - 1] == b'.'
                    && bytes.get(p + 1) == Some(&b'.')
                    && !bytes.get(p + 2).is_some_and(u8::is_ascii_alphanumeric) =>
                {
                    run.spaced = true;
                    p += 1;
                }
                _ => break,
            }
        }
        run.end = p;
        run
    }

    /// Skips closing quotes and brackets from `at`; says whether a quote
    /// was among them.
    fn skip_closers(&self, at: usize) -> (usize, bool) {
        let mut p = at;
        let mut quote = false;
        while let Some(c) = self.text.get(p..).and_then(|rest| rest.chars().next()) {
            match c {
                '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}' => quote = true,
                ')' | ']' | '}' => {}
                '[' => match citation_len(&self.bytes[p..]) {
                    // A reference mark after the period (`martyr.[1]`).
                    Some(len) => {
                        p += len;
                        continue;
                    }
                    None => break,
                },
                _ => break,
            }
            p += c.len_utf8();
        }
        (p, quote)
    }

    /// What follows the offset `at`.
    fn next_after(&self, at: usize) -> Next {
        let rest = &self.text[at..];
        match rest.chars().next() {
            None => Next::End,
            Some(c) if !c.is_whitespace() => Next::Attached,
            Some(_) => {
                let trimmed = rest.trim_start();
                if trimmed.is_empty() {
                    Next::End
                } else {
                    Next::Word(at + (rest.len() - trimmed.len()))
                }
            }
        }
    }

    /// Facts about the word starting at `at` (a non-space character).
    fn next_word(&self, at: usize) -> NextWord {
        let text = self.text;
        let bytes = self.bytes;
        // A dash opens an aside that goes on with the sentence
        // (`voila! -- you have cake`): judge by the word after it, within a
        // few characters.
        let mut at = at;
        let mut chars = text[at..].char_indices().peekable();
        let mut dashes = 0;
        while let Some(&(_, c)) = chars.peek() {
            if !is_dash(c) || dashes == 3 {
                break;
            }
            dashes += 1;
            chars.next();
        }
        if dashes > 0 {
            let mut spaces = 0;
            while chars.peek().is_some_and(|&(_, c)| c == ' ') && spaces < 2 {
                spaces += 1;
                chars.next();
            }
            if let Some(&(offset, c)) = chars.peek() {
                if c.is_alphanumeric() {
                    at += offset;
                }
            }
        }
        let first = text[at..].chars().next().unwrap_or(' ');
        let initial = match first {
            c if c.is_lowercase() => Initial::Lower,
            c if c.is_uppercase() => Initial::Upper,
            c if c.is_ascii_digit() => Initial::Digit,
            '"' | '\'' | '\u{201C}' | '\u{2018}' | '\u{00AB}' | '\u{201E}' => Initial::QuoteOpen,
            _ => Initial::Other,
        };
        // The word itself, after any opening quotes or brackets.
        let mut p = at;
        while let Some(c) = text[p..].chars().next() {
            if !is_opener(c) {
                break;
            }
            p += c.len_utf8();
        }
        let capitalized = text[p..].chars().next().is_some_and(char::is_uppercase);
        let mut end = p;
        while end < bytes.len()
            && bytes[end].is_ascii_alphabetic()
            && end - p <= crate::lexicon::MAX_KEY_LEN
        {
            end += 1;
        }
        let word = &bytes[p..end];
        let (starter, time_continuation) = if word.is_empty() || !capitalized {
            (false, false)
        } else {
            // `THE` (a headline) and `A.` (an initial) are not starters.
            let shape_fits = if word.len() == 1 {
                bytes.get(end) != Some(&b'.')
            } else {
                word[1].is_ascii_lowercase()
            };
            (
                shape_fits && self.splitter.starters.get(word).is_some(),
                self.splitter.time_continuations.get(word).is_some(),
            )
        };
        let pronoun_i = word == b"I" && bytes.get(end) != Some(&b'.');
        NextWord {
            initial,
            capitalized,
            starter,
            pronoun_i,
            time_continuation,
        }
    }

    /// Whether one of the two words after the word at `at` is a reporting
    /// verb (`Jassy asked`, `Andy Jassy said`).
    fn reporting_verb_follows(&self, at: usize) -> bool {
        let bytes = self.bytes;
        let limit = (at + REPORTING_WINDOW).min(bytes.len());
        let mut p = at;
        for _ in 0..2 {
            while p < limit && !bytes[p].is_ascii_whitespace() {
                p += 1;
            }
            // A one-word name closed by a comma (`"Why?" Smith, a critic,
            // asked`).
            if p == limit || (p > at && bytes[p - 1] == b',') {
                return p > at && bytes[p - 1] == b',' && self.verb_after_apposition(p);
            }
            while p < limit && bytes[p].is_ascii_whitespace() {
                p += 1;
            }
            let start = p;
            while p < limit && bytes[p].is_ascii_alphabetic() {
                p += 1;
            }
            if start == p {
                return false;
            }
            if self
                .splitter
                .reporting_verbs
                .get(&bytes[start..p])
                .is_some()
            {
                return true;
            }
            // `"Why now?" Lisa Monaco, an adviser to the president, said`:
            // a name closed by a comma, an apposition, and the verb after
            // its closing comma.
            if bytes.get(p) == Some(&b',') {
                return self.verb_after_apposition(p + 1);
            }
        }
        false
    }

    /// The whitespace-delimited token holding the byte at `at`.
    fn token_at(&mut self, at: usize) -> Token {
        if let Some(token) = self.token {
            if token.start <= at && at < token.end {
                return token;
            }
        }
        let bytes = self.bytes;
        let mut start = at;
        while start > 0 && !is_delimiter_before(bytes, start) {
            start -= 1;
        }
        let mut end = at;
        while end < bytes.len() && !is_delimiter_at(bytes, end) {
            end += 1;
        }
        let slice = &bytes[start..end];
        let is_link = slice.contains(&b'@')
            || slice
                .iter()
                .enumerate()
                .any(|(i, &b)| b == b':' && slice.get(i + 1..i + 3) == Some(b"//"))
            || slice.len() >= 4 && slice[..4].eq_ignore_ascii_case(b"www.");
        let token = Token {
            start,
            end,
            is_link,
        };
        self.token = Some(token);
        token
    }

    /// The word before the period at `at` (from its token's start, or the
    /// current sentence's, past opening quotes and brackets) and its class.
    fn word_before(&mut self, at: usize) -> (WordClass, usize) {
        if at == 0 || self.bytes[at - 1].is_ascii_whitespace() {
            return (WordClass::Ordinary, at);
        }
        let token = self.token_at(at - 1);
        let mut start = token.start.max(self.segment_start);
        while let Some(c) = self.text.get(start..at).and_then(|w| w.chars().next()) {
            if !is_opener(c) {
                break;
            }
            start += c.len_utf8();
        }
        let word = &self.bytes[start..at];
        let class = if is_capital_initial(&self.text[start..at]) {
            // `P. Hale`, `V. Singh`: a capital letter alone is a person's
            // initial before it is the page or versus of the lexicon.
            WordClass::Abbreviation(AbbrevKind::General)
        } else if let Some(kind) = self.splitter.abbreviations.get(word) {
            WordClass::Abbreviation(kind)
        } else if is_initials(&self.text[start..at]) {
            WordClass::Abbreviation(AbbrevKind::General)
        } else {
            WordClass::Ordinary
        };
        (class, start)
    }

    /// Words in the current sentence before `at`, counted up to
    /// [`WORDS_BEFORE_FINAL_TIME`] within a bounded window (a longer stretch
    /// counts as many words).
    fn words_before(&self, at: usize) -> usize {
        let bytes = self.bytes;
        let floor = self.segment_start.max(at.saturating_sub(WORD_COUNT_WINDOW));
        let mut words = 0;
        let mut p = at;
        loop {
            while p > floor && bytes[p - 1].is_ascii_whitespace() {
                p -= 1;
            }
            if p == floor {
                break;
            }
            while p > floor && !bytes[p - 1].is_ascii_whitespace() {
                p -= 1;
            }
            words += 1;
            if words >= WORDS_BEFORE_FINAL_TIME {
                return words;
            }
            if p == floor {
                break;
            }
        }
        if floor > self.segment_start {
            // The window ran out before the sentence's start.
            WORDS_BEFORE_FINAL_TIME
        } else {
            words
        }
    }
}

/// Whether a space or tab comes right before `at`.
fn is_space_before(bytes: &[u8], at: usize) -> bool {
    at > 0 && bytes[at - 1].is_ascii_whitespace()
}

/// Whether a token delimiter (ASCII whitespace or a no-break space) starts at `at`.
fn is_delimiter_at(bytes: &[u8], at: usize) -> bool {
    bytes[at].is_ascii_whitespace() || (bytes[at] == 0xC2 && bytes.get(at + 1) == Some(&0xA0))
}

/// Whether a token delimiter ends right before `at`.
fn is_delimiter_before(bytes: &[u8], at: usize) -> bool {
    bytes[at - 1].is_ascii_whitespace()
        || (at >= 2 && bytes[at - 2] == 0xC2 && bytes[at - 1] == 0xA0)
}

/// The length of a reference mark such as `[12]` at the start of `bytes`.
fn citation_len(bytes: &[u8]) -> Option<usize> {
    let digits = bytes
        .iter()
        .skip(1)
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    (bytes.first() == Some(&b'[')
        && (1..=3).contains(&digits)
        && bytes.get(digits + 1) == Some(&b']'))
    .then_some(digits + 2)
}

/// Whether `c` is a dash that may stand between a clause's parts.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}')
}

/// Opening quotes and brackets.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{00AB}'
            | '\u{2039}'
            | '\u{201E}'
    )
}

/// Whether `word` is one capital letter (`P` of `P. Hale`).
fn is_capital_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Whether `word` is one or more single letters joined by periods: an
/// initial (`E`, `É`) or an initialism (`U.S`, `e.g`, `U.S.A`).
fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
        })
}

/// The UTF-8 bullets that open list items.
const BULLETS: [[u8; 3]; 6] = [
    [0xE2, 0x80, 0xA2], // • bullet
    [0xE2, 0x80, 0xA3], // ‣ triangular bullet
    [0xE2, 0x81, 0x83], // ⁃ hyphen bullet
    [0xE2, 0x97, 0xA6], // ◦ white bullet
    [0xE2, 0x97, 0x8F], // ● black circle
    [0xE2, 0x96, 0xAA], // ▪ small black square
];

/// The length of the bullet starting at `at`, if one does.
#[inline]
fn bullet_len(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..at + 3)? {
        &[a, b, c] => BULLETS.contains(&[a, b, c]).then_some(3),
        _ => None,
    }
}

/// Whether `…` (U+2026) starts at `at`.
#[inline]
fn is_ellipsis_at(bytes: &[u8], at: usize) -> bool {
    matches!(bytes.get(at..at + 3), Some(&[0xE2, 0x80, 0xA6]))
}

/// The start of the bullet ending right before `at`, if one does.
fn bullet_ending_at(bytes: &[u8], at: usize) -> Option<usize> {
    let start = at.checked_sub(3)?;
    bullet_len(bytes, start).map(|_| start)
}
