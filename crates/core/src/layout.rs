//! How a document's single line breaks read.
//!
//! News sites and feeds write one paragraph per line, so a line break ends
//! a paragraph (and a headline, which has no final period). Wire archives,
//! e-mail and plain-text corpora wrap their lines at a fixed width instead
//! (`... the governors of New\nYork, California and ...`): there a line
//! break inside a paragraph is a space, and paragraphs are set apart by a
//! blank line or an indented first line. [`LineLayout::of`] tells the two
//! apart by the lines' own shape, and [`LineLayout::ends_paragraph`] says
//! which breaks end a paragraph, so that every stage reads the document
//! the same way.
//!
//! ```
//! use newsie_core::LineLayout;
//!
//! let wrapped = "Late on Monday the president and the governors of New\n\
//!                York, California and Virginia took a stance in favor\n\
//!                of the bill, which the industry has fought for years,\n\
//!                and the senators from both parties are likely to agree\n\
//!                on the final version of the measure this week, said\n\
//!                officials in the three states on Tuesday morning.\n\
//! \t   The bill now goes to the House.\n";
//! let layout = LineLayout::of(wrapped);
//! assert_eq!(layout, LineLayout::Wrapped { width: 54 });
//! let new_york = wrapped.find('\n').unwrap();
//! assert!(!layout.ends_paragraph(wrapped, new_york));
//!
//! let one_per_line = "Amazon cuts jobs\nAmazon said on Tuesday it would cut jobs.\n";
//! assert_eq!(LineLayout::of(one_per_line), LineLayout::OneParagraphPerLine);
//! ```

/// How the single line breaks of a document read (see the module's doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineLayout {
    /// Each line is a paragraph, a headline or a line of a table.
    OneParagraphPerLine,
    /// Lines are wrapped at about `width` bytes (the 90th percentile of
    /// the lines' lengths): a break after a full line continues the
    /// paragraph.
    Wrapped {
        /// The width the lines are wrapped at, in bytes (characters, in ASCII
        /// text; a line of accented text counts a little longer).
        width: usize,
    },
}

/// The fewest lines a document needs to be read as wrapped: a short text
/// says too little about its lines.
const MIN_LINES: usize = 6;

/// The range of wrapping widths, in bytes: narrower lines are a
/// table's or a list's, wider ones a paragraph's.
const WIDTHS: std::ops::RangeInclusive<usize> = 40..=100;

/// Lines longer than this count as this long in the lengths' histogram
/// (any of them rules out a wrapped reading anyway).
const LONGEST_COUNTED: usize = 200;

impl LineLayout {
    /// Reads the layout of `text`: wrapped when it has at least a few lines,
    /// nine in ten of them at most 40 to 100 bytes long, most of them
    /// nearly that long ("full"), and a fair share of the lines after a
    /// full one opening in lower case, as a sentence cut at any word does
    /// (a table's or a list's lines open in capitals or digits, and a
    /// paragraph per line opens with a sentence). Linear in the text, in
    /// constant memory.
    pub fn of(text: &str) -> LineLayout {
        let mut lengths = [0usize; LONGEST_COUNTED + 1];
        let mut lines = 0;
        for line in text.lines() {
            let line = line.trim_end();
            if line.trim_start().is_empty() {
                continue;
            }
            lines += 1;
            lengths[line.len().min(LONGEST_COUNTED)] += 1;
        }
        if lines < MIN_LINES {
            return LineLayout::OneParagraphPerLine;
        }
        // The 90th percentile of the lines' lengths.
        let mut seen = 0;
        let width = (0..=LONGEST_COUNTED)
            .find(|&len| {
                seen += lengths[len];
                seen * 10 >= lines * 9
            })
            .unwrap_or(LONGEST_COUNTED);
        if !WIDTHS.contains(&width) {
            return LineLayout::OneParagraphPerLine;
        }
        let layout = LineLayout::Wrapped { width };
        let full_from = layout.full_length();
        let full: usize = lengths[full_from..].iter().sum();
        // After each full line: the next line opens in lower case.
        let (mut continued, mut lower) = (0, 0);
        let mut previous_full = false;
        for line in text.lines() {
            let trimmed = line.trim_end();
            if trimmed.trim_start().is_empty() {
                previous_full = false;
                continue;
            }
            if previous_full && !line.starts_with([' ', '\t']) {
                continued += 1;
                lower += usize::from(trimmed.chars().next().is_some_and(char::is_lowercase));
            }
            previous_full = trimmed.len() >= full_from;
        }
        let mostly_full = full * 2 >= lines;
        let cut_mid_sentence = continued > 0 && lower * 5 >= continued;
        if mostly_full && cut_mid_sentence {
            layout
        } else {
            LineLayout::OneParagraphPerLine
        }
    }

    /// The shortest line that counts as full: wrapping leaves a line short
    /// of the width by at most the next word's length.
    fn full_length(self) -> usize {
        match self {
            LineLayout::OneParagraphPerLine => usize::MAX,
            LineLayout::Wrapped { width } => width * 3 / 4,
        }
    }

    /// Whether the line break at byte `at` of `text` (a `\n`, or the `\r`
    /// of `\r\n`) ends a paragraph. One paragraph per line: always. Wrapped:
    /// unless the line before is full and the next line goes on at once (no
    /// blank line, no indentation).
    pub fn ends_paragraph(self, text: &str, at: usize) -> bool {
        let LineLayout::Wrapped { .. } = self else {
            return true;
        };
        let bytes = text.as_bytes();
        let mut next = at + 1;
        if bytes.get(at) == Some(&b'\r') && bytes.get(next) == Some(&b'\n') {
            next += 1;
        }
        let opens_indented_or_blank = match bytes.get(next) {
            None => true,
            Some(b) => matches!(b, b' ' | b'\t' | b'\n' | b'\r'),
        };
        if opens_indented_or_blank {
            return true;
        }
        // Whether the line before is full: no line break among its last
        // `full_length` bytes (a long line counts as full). Only that
        // many are read, so each break costs at most the width.
        let line = text[..at].trim_end_matches([' ', '\t', '\r']).as_bytes();
        let full = line.len() >= self.full_length()
            && !line[line.len() - self.full_length()..].contains(&b'\n');
        !full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(words: &str, width: usize, indent: &str) -> String {
        let mut out = String::new();
        let mut line = String::from(indent);
        for word in words.split(' ') {
            if line.trim().len() + word.len() + 1 > width && !line.trim().is_empty() {
                out.push_str(line.trim_end());
                out.push('\n');
                line.clear();
            }
            line.push_str(word);
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push('\n');
        out
    }

    const PROSE: &str = "the committee said on Tuesday that it would review the rules for \
        the new port after a year in which traffic rose by a third and the city asked for \
        help with the cost of the roads that lead to it from the north and the east of the \
        county where most of the trucks come from every morning";

    #[test]
    fn wrapped_prose_is_read_as_wrapped() {
        let text = format!("{}{}", wrap(PROSE, 70, "\t   "), wrap(PROSE, 70, "\t   "));
        let layout = LineLayout::of(&text);
        assert!(matches!(layout, LineLayout::Wrapped { width } if (60..=75).contains(&width)));
        // Inside a paragraph a break is a space; before an indented line
        // it ends the paragraph.
        let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        assert!(!layout.ends_paragraph(&text, breaks[0]));
        let last_of_first = text[..text.len() - 1].find("\n\t").unwrap();
        assert!(layout.ends_paragraph(&text, last_of_first));
    }

    #[test]
    fn lines_of_news_tables_and_headlines_are_not_wrapped() {
        let news = "Amazon cuts jobs in its cloud unit\nBy Jane Roe\n".to_owned()
            + &format!("{}.\n", PROSE).repeat(6);
        assert_eq!(LineLayout::of(&news), LineLayout::OneParagraphPerLine);
        let table = "Stefanel Milan 89 Maccabi Tel Aviv 70 (halftime 45-38)\n".repeat(8);
        assert_eq!(LineLayout::of(&table), LineLayout::OneParagraphPerLine);
        let short = wrap(PROSE, 70, "");
        assert_eq!(
            LineLayout::of(
                short
                    .lines()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join("\n")
                    .as_str()
            ),
            LineLayout::OneParagraphPerLine
        );
        assert!(LineLayout::OneParagraphPerLine.ends_paragraph("a\nb", 1));
    }
}
