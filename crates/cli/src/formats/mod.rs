//! How `newsie extract` writes a document's record: JSON (a line or
//! indented), CSV tables, CoNLL's token-per-line BIO tags, spaCy's
//! `Doc.to_json` shape, or brat standoff files; with byte or code-point
//! offsets.

pub mod brat;
pub mod conll;
pub mod csv;
pub mod spacy;

use crate::args::{Offsets, OutputFormat, Stage};
use newsie_core::{Document, ErrorRecord, Record};

pub use csv::Lists;

/// Everything that decides how one record is written.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    pub output: OutputFormat,
    pub offsets: Offsets,
    pub include_text: bool,
    /// Indented JSON (`--format json`, or `--pretty` with `spacy`).
    pub pretty: bool,
    /// The lists asked for (`--only`, or all four): a CSV table each, and
    /// the keys a spaCy document carries.
    pub lists: Lists,
}

/// One document's output, in the shape its destination takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// Text for the one output, without its final line break; empty for
    /// nothing at all (a CSV table of a document with nothing in its list).
    Text(String),
    /// The rows of each CSV table, in the order of [`Lists::iter`], each
    /// as [`Written::Text`].
    Tables(Vec<String>),
    /// A brat document: its `.txt` and `.ann` files.
    Brat(Box<brat::BratDoc>),
    /// A document that failed, in a format with no place for an error
    /// record (brat): the line to print on standard error.
    Failed(String),
}

impl Format {
    /// Whether each list goes to a file of its own (`--format csv` with
    /// several lists).
    pub fn writes_tables(&self) -> bool {
        self.output == OutputFormat::Csv && self.lists.single().is_none()
    }

    /// The line written before any record of the one output: a CSV header
    /// (for one table), or nothing.
    pub fn header(&self) -> Option<String> {
        let list = self
            .lists
            .single()
            .filter(|_| self.output == OutputFormat::Csv)?;
        Some(csv::header(list))
    }

    /// A processed document's record, written out.
    pub fn record(&self, doc: &Document, mut record: Record) -> Written {
        let text = doc.text();
        match self.output {
            // Offsets that the format counts its own way: CoNLL writes
            // none (it slices the text by bytes), spaCy and brat count
            // code points whatever `--offsets` says.
            OutputFormat::Conll => return Written::Text(conll::conll(text, &record)),
            OutputFormat::Spacy => {
                return Written::Text(spacy::spacy_json(text, &record, self.lists, self.pretty))
            }
            OutputFormat::Brat => return Written::Brat(Box::new(brat::brat(text, &record))),
            OutputFormat::Jsonl | OutputFormat::Json | OutputFormat::Csv => {}
        }
        if self.offsets == Offsets::Chars {
            record.convert_to_char_offsets(text);
        }
        match self.output {
            OutputFormat::Csv if self.writes_tables() => Written::Tables(
                self.lists
                    .iter()
                    .map(|list| csv::rows(&record, list))
                    .collect(),
            ),
            OutputFormat::Csv => Written::Text(csv::rows(
                &record,
                self.lists.single().unwrap_or(Stage::Entities),
            )),
            _ if self.include_text => {
                let with_text = RecordWithText {
                    record: &record,
                    document_text: text,
                };
                Written::Text(to_json(&with_text, self.pretty))
            }
            _ => Written::Text(to_json(&record, self.pretty)),
        }
    }

    /// Whether records are newsie's JSON (what [`Format::write_json`]
    /// writes).
    pub fn is_json(&self) -> bool {
        matches!(self.output, OutputFormat::Jsonl | OutputFormat::Json)
    }

    /// Serializes a JSON record straight into `out` (no line break), as
    /// [`Format::record`] would write it, without building the string.
    pub fn write_json(
        &self,
        out: &mut dyn std::io::Write,
        doc: &Document,
        mut record: Record,
    ) -> std::io::Result<()> {
        if self.offsets == Offsets::Chars {
            record.convert_to_char_offsets(doc.text());
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        let written = match (self.include_text, self.pretty) {
            (true, pretty) => {
                let with_text = RecordWithText {
                    record: &record,
                    document_text: doc.text(),
                };
                if pretty {
                    serde_json::to_writer_pretty(&mut out, &with_text)
                } else {
                    serde_json::to_writer(&mut out, &with_text)
                }
            }
            (false, true) => serde_json::to_writer_pretty(&mut out, &record),
            (false, false) => serde_json::to_writer(&mut out, &record),
        };
        written.map_err(std::io::Error::from)?;
        std::io::Write::flush(&mut out)
    }

    /// A document that failed, written out.
    pub fn error(&self, error: &ErrorRecord) -> Written {
        match self.output {
            OutputFormat::Jsonl | OutputFormat::Json | OutputFormat::Spacy => {
                Written::Text(to_json(error, self.pretty))
            }
            OutputFormat::Csv if self.writes_tables() => Written::Tables(
                self.lists
                    .iter()
                    .map(|list| csv::error_row(list, error))
                    .collect(),
            ),
            OutputFormat::Csv => Written::Text(csv::error_row(
                self.lists.single().unwrap_or(Stage::Entities),
                error,
            )),
            OutputFormat::Conll => Written::Text(format!(
                "-DOCSTART- -X- O\n# error {}: {}: {}\n",
                one_line(&error.id),
                error.error.kind,
                one_line(&error.error.message)
            )),
            OutputFormat::Brat => Written::Failed(format!(
                "newsie: {}: {}: {} (no brat files written for it)",
                one_line(&error.id),
                error.error.kind,
                one_line(&error.error.message)
            )),
        }
    }
}

/// A record with the document's text added (`--include-text`).
#[derive(serde::Serialize)]
struct RecordWithText<'a> {
    #[serde(flatten)]
    record: &'a Record,
    document_text: &'a str,
}

pub fn to_json<T: serde::Serialize>(value: &T, pretty: bool) -> String {
    let json = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    json.expect("records hold only strings, numbers and lists")
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// Lower-case name of a serializable enum (`"person"`, `"at_least"`).
fn name<T: serde::Serialize>(value: &T) -> String {
    to_json(value, false).trim_matches('"').to_owned()
}

/// Byte offsets into a text turned into code-point offsets (what Python's
/// `str`, spaCy and brat count): the offsets are gathered first, then
/// counted in one walk over the text.
pub struct CharOffsets {
    /// Sorted, distinct byte offsets, each with its code-point offset.
    table: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// The table for `offsets` (any order, repeats allowed; each on a
    /// character boundary of `text`, or its end).
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> CharOffsets {
        let mut bytes: Vec<usize> = offsets.into_iter().collect();
        bytes.sort_unstable();
        bytes.dedup();
        let mut table = Vec::with_capacity(bytes.len());
        let (mut at, mut chars) = (0, 0);
        for byte in bytes {
            chars += text[at..byte].chars().count();
            at = byte;
            table.push((byte, chars));
        }
        CharOffsets { table }
    }

    /// The code-point offset of `byte`, one of the offsets the table was
    /// made with.
    pub fn get(&self, byte: usize) -> usize {
        let at = self.table.partition_point(|&(b, _)| b < byte);
        match self.table.get(at) {
            Some(&(b, chars)) if b == byte => chars,
            _ => panic!("byte offset {byte} was not gathered"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsie_core::{Entity, EntityLabel, Sentence, Span};

    pub(super) fn record(text: &str) -> Record {
        let mut record = Record::new("doc,1");
        record
            .sentences
            .push(Sentence::new(text, Span::new(0, text.len())));
        let at = text.find("Acme Corp").unwrap();
        record.entities.push(Entity::new(
            text,
            Span::new(at, at + 9),
            EntityLabel::Org,
            0.9,
        ));
        record
    }

    fn format(output: OutputFormat, offsets: Offsets) -> Format {
        Format {
            output,
            offsets,
            include_text: false,
            pretty: output == OutputFormat::Json,
            lists: Lists::ALL,
        }
    }

    fn text_of(written: Written) -> String {
        match written {
            Written::Text(text) => text,
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn streamed_json_is_the_same_bytes_as_the_string() {
        let text = "😀 Zoë joined Acme Corp.";
        let doc = Document::new("d", text);
        for output in [OutputFormat::Jsonl, OutputFormat::Json] {
            for offsets in [Offsets::Bytes, Offsets::Chars] {
                for include_text in [false, true] {
                    let format = Format {
                        include_text,
                        ..format(output, offsets)
                    };
                    let mut streamed = Vec::new();
                    format
                        .write_json(&mut streamed, &doc, record(text))
                        .unwrap();
                    assert_eq!(
                        String::from_utf8(streamed).unwrap(),
                        text_of(format.record(&doc, record(text)))
                    );
                }
            }
        }
    }

    #[test]
    fn chars_offsets_apply_to_csv_but_not_to_conll_slicing() {
        let text = "😀 Acme Corp.";
        let doc = Document::new("d", text);
        let csv = Format {
            lists: Lists::of(&[Stage::Entities]),
            ..format(OutputFormat::Csv, Offsets::Chars)
        };
        assert!(text_of(csv.record(&doc, record(text))).contains(",2,11,Acme Corp,"));
        // CoNLL slices the text by the record's byte offsets, whatever
        // --offsets says.
        let conll = format(OutputFormat::Conll, Offsets::Chars);
        assert!(text_of(conll.record(&doc, record(text))).contains("Acme B-ORG\nCorp. I-ORG\n"));
    }

    #[test]
    fn several_csv_lists_give_one_table_each() {
        let text = "Zoë joined Acme Corp.";
        let doc = Document::new("d", text);
        let format = Format {
            lists: Lists::of(&[Stage::Sentences, Stage::Entities]),
            ..format(OutputFormat::Csv, Offsets::Bytes)
        };
        assert!(format.writes_tables());
        assert_eq!(format.header(), None);
        let Written::Tables(tables) = format.record(&doc, record(text)) else {
            panic!("tables");
        };
        assert_eq!(tables.len(), 2);
        assert!(tables[0].starts_with("\"doc,1\",0,22,"));
        assert!(tables[1].contains("Acme Corp,ORG"));
        let error = ErrorRecord::new("bad", "io", "cannot open");
        let Written::Tables(rows) = format.error(&error) else {
            panic!("tables");
        };
        assert_eq!(rows, ["bad,,,,io: cannot open", "bad,,,,,,io: cannot open"]);
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "a😀é東x";
        let offsets = CharOffsets::new(text, [text.len(), 0, 1, 5, 5, 7]);
        assert_eq!(offsets.get(0), 0);
        assert_eq!(offsets.get(1), 1);
        assert_eq!(offsets.get(5), 2);
        assert_eq!(offsets.get(7), 3);
        assert_eq!(offsets.get(text.len()), 5);
    }
}
