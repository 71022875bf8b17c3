//! Who said what across a corpus: newsie records (the output of `newsie
//! extract`) aggregated one at a time into a report of speakers, sourcing
//! shares, entities and figures, written as JSON, CSV tables or one
//! self-contained HTML page.
//!
//! - **Speakers** are merged across documents into identities: the same
//!   resolved name; a person's shorter form that keeps the surname
//!   (`Jassy`) into the one full name it fits (`Andy Jassy`), never when
//!   two people share it; an acronym the articles define (`Amazon Web
//!   Services (AWS)`) into the organization's name. Each identity has its
//!   kind, quote counts (direct and indirect), documents, first and last
//!   appearance and its first quotes.
//! - **Sourcing**: the share of quotes from named people, anonymous
//!   sources, organizations and no one, over the corpus and per group
//!   (an outlet, a folder), with the most-quoted people and organizations.
//! - **Entities**: the most-mentioned of each label, with mentions and
//!   documents. **Figures**: the money and percentages stated in sentences
//!   naming an organization.
//!
//! Memory grows with the number of distinct names, entities,
//! organizations and groups, not with the number of documents: each
//! speaker keeps at most `examples_per_speaker` quotes and each
//! organization at most `figures_per_organization` figures, while every
//! count stays exact. Merging happens in [`Report::finish`], since a full
//! name may first appear after its surname.
//!
//! ```
//! use newsie_core::{Quote, QuoteKind, Record, Span, Speaker, SpeakerKind};
//! use newsie_report::{Kind, Report};
//!
//! // Two documents: the first names Andy Jassy, the second only "Jassy".
//! let mut report = Report::builder().examples_per_speaker(10).build();
//! for (id, text, name, resolved) in [
//!     ("a.txt", "“We are hiring,” Andy Jassy said.", "Andy Jassy", Some("Andy Jassy")),
//!     ("b.txt", "“Not yet,” Jassy said.", "Jassy", None),
//! ] {
//!     let mut record = Record::new(id);
//!     let at = text.find(name).unwrap();
//!     let mut quote = Quote::new(text, Span::new(3, text.find('”').unwrap()), QuoteKind::Direct);
//!     let span = Span::new(at, at + name.len());
//!     quote.speaker = Some(Speaker::new(text, span, SpeakerKind::Person, resolved.map(String::from)));
//!     record.quotes.push(quote);
//!     report.add(&record, Some("outlet A"));
//! }
//! let tables = report.finish();
//! let jassy = tables.speaker_named(Kind::Person, "Jassy").unwrap();
//! assert_eq!((jassy.name.as_str(), jassy.quotes, jassy.documents), ("Andy Jassy", 2, 2));
//! assert_eq!(tables.corpus.share_person, 1.0);
//! assert!(tables.to_html().contains("href=\"#quotes-s1\""));
//! assert!(tables.to_csv(newsie_report::Table::Speakers).starts_with("id,name,kind"));
//! ```

mod csv;
mod finish;
mod html;
mod identity;
mod line;
mod svg;
mod tables;
mod tally;

pub use csv::Table;
pub use identity::{Kind, UNNAMED_SOURCE, UNRESOLVED_ORGANIZATION, UNRESOLVED_PERSON};
pub use line::{folder_of, GroupBy, NO_GROUP};
pub use tables::{
    AliasRow, Appearance, EntityRow, FigureRow, Form, GroupRow, QuoteExample, Ranked, SpeakerRow,
    Summary, Tables,
};

use newsie_core::Record;
use tally::{Limits, Tally};

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input line is no JSON object of `newsie extract` output.
    #[error("not a record of newsie extract: {0}")]
    BadLine(#[from] serde_json::Error),
    /// Writing failed.
    #[error("cannot write the report: {0}")]
    Io(#[from] std::io::Error),
    /// No table has this name.
    #[error("no table named `{0}` (speakers, groups, entities, figures or quotes)")]
    UnknownTable(String),
}

/// What one line of input was.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LineKind {
    /// A document's record, added.
    Record,
    /// An error record of a document that failed, counted.
    Failed,
    /// A blank line, passed over.
    Blank,
}

/// Builds a [`Report`].
#[derive(Debug, Clone)]
pub struct ReportBuilder {
    examples: usize,
    figures: usize,
    top: usize,
}

impl ReportBuilder {
    /// The most quotes kept per speaker name as examples (default 50).
    pub fn examples_per_speaker(mut self, n: usize) -> Self {
        self.examples = n;
        self
    }

    /// The most figures listed per organization (default 100); every one
    /// is still counted.
    pub fn figures_per_organization(mut self, n: usize) -> Self {
        self.figures = n;
        self
    }

    /// The length of the ranked lists: most-quoted people and
    /// organizations, most-mentioned entities per label (default 20; 0
    /// for no limit).
    pub fn top(mut self, n: usize) -> Self {
        self.top = n;
        self
    }

    /// The empty report.
    pub fn build(self) -> Report {
        Report {
            tally: Tally::new(Limits {
                examples: self.examples,
                figures: self.figures,
            }),
            settings: self,
            bad_lines: 0,
        }
    }
}

/// A report being gathered, one record at a time.
#[derive(Debug)]
pub struct Report {
    tally: Tally,
    settings: ReportBuilder,
    bad_lines: u64,
}

impl Default for Report {
    fn default() -> Self {
        Report::builder().build()
    }
}

impl Report {
    /// A builder with the defaults: 50 examples per speaker, 100 figures
    /// per organization, top 20.
    pub fn builder() -> ReportBuilder {
        ReportBuilder {
            examples: 50,
            figures: 100,
            top: 20,
        }
    }

    /// Adds one document's record, in `group` if given.
    pub fn add(&mut self, record: &Record, group: Option<&str>) {
        self.tally.add(record, None, group);
    }

    /// Adds one document's record with its text, from which acronyms the
    /// document defines (`Amazon Web Services (AWS)`) are read even where
    /// the record's sentences do not show them.
    pub fn add_with_text(&mut self, record: &Record, text: Option<&str>, group: Option<&str>) {
        self.tally.add(record, text, group);
    }

    /// Counts a document that could not be processed.
    pub fn add_failed(&mut self, group: Option<&str>) {
        self.tally.add_failed(group);
    }

    /// Adds one line of `newsie extract` output (JSON Lines): a record
    /// (with its `document_text` when there), or an error record, counted
    /// as a failed document. `group_by` says where its group comes from;
    /// `fallback_id` names a record without an `id`. A line that is no
    /// record is counted in [`Summary::bad_lines`] and its error returned.
    pub fn add_json_line(
        &mut self,
        line: &[u8],
        group_by: Option<&GroupBy>,
        fallback_id: impl FnOnce() -> String,
    ) -> Result<LineKind, Error> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(LineKind::Blank);
        }
        match line::parse(line, group_by, fallback_id) {
            Ok(line::Parsed::Record(record, text, group)) => {
                self.tally.add(&record, text.as_deref(), group.as_deref());
                Ok(LineKind::Record)
            }
            Ok(line::Parsed::Failed(group)) => {
                self.tally.add_failed(group.as_deref());
                Ok(LineKind::Failed)
            }
            Err(e) => {
                self.bad_lines += 1;
                Err(Error::BadLine(e))
            }
        }
    }

    /// Counts an input line that could not be read as a record (too long,
    /// say) without offering it to [`Report::add_json_line`].
    pub fn count_bad_line(&mut self) {
        self.bad_lines += 1;
    }

    /// Documents added so far (failed ones included).
    pub fn documents(&self) -> u64 {
        self.tally.documents
    }

    /// Merges names into identities and builds every table.
    pub fn finish(self) -> Tables {
        let settings = finish::Settings {
            examples: self.settings.examples,
            figures: self.settings.figures,
            top: self.settings.top,
            bad_lines: self.bad_lines,
        };
        finish::finish(self.tally, settings)
    }
}

#[cfg(test)]
mod tests;
