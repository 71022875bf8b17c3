//! How `newsie extract` writes a document's record: JSON (a line or
//! indented), a CSV table of one list, or CoNLL's token-per-line BIO tags;
//! with byte or code-point offsets.

use crate::args::{Offsets, OutputFormat, Stage};
use newsie_core::{word_tokens, Document, ErrorRecord, Record, Span};

/// Everything that decides how one record is written.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    pub output: OutputFormat,
    pub offsets: Offsets,
    pub include_text: bool,
    /// The list a CSV table holds.
    pub csv_list: Option<Stage>,
}

impl Format {
    /// The line written before any record: a CSV header, or nothing.
    pub fn header(&self) -> Option<String> {
        let list = self.csv_list.filter(|_| self.output == OutputFormat::Csv)?;
        Some(csv_line(csv_columns(list).iter().copied().chain(["error"])))
    }

    /// A processed document's record, written out (without the final line
    /// break).
    pub fn record(&self, doc: &Document, mut record: Record) -> String {
        if self.offsets == Offsets::Chars {
            record.convert_to_char_offsets(doc.text());
        }
        match self.output {
            OutputFormat::Jsonl | OutputFormat::Json if self.include_text => {
                let with_text = RecordWithText {
                    record: &record,
                    document_text: doc.text(),
                };
                to_json(&with_text, self.output == OutputFormat::Json)
            }
            OutputFormat::Jsonl | OutputFormat::Json => {
                to_json(&record, self.output == OutputFormat::Json)
            }
            OutputFormat::Csv => csv_rows(&record, self.csv_list.unwrap_or(Stage::Entities)),
            OutputFormat::Conll => conll(doc.text(), &record),
        }
    }

    /// Whether records are JSON (what [`Format::write_json`] writes).
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
        let pretty = self.output == OutputFormat::Json;
        let written = match (self.include_text, pretty) {
            (true, p) => {
                let with_text = RecordWithText {
                    record: &record,
                    document_text: doc.text(),
                };
                if p {
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
    pub fn error(&self, error: &ErrorRecord) -> String {
        match self.output {
            OutputFormat::Jsonl | OutputFormat::Json => {
                to_json(error, self.output == OutputFormat::Json)
            }
            OutputFormat::Csv => {
                let list = self.csv_list.unwrap_or(Stage::Entities);
                let blanks = csv_columns(list).len() - 1;
                let message = format!("{}: {}", error.error.kind, error.error.message);
                csv_line(
                    std::iter::once(error.id.as_str())
                        .chain(std::iter::repeat("").take(blanks))
                        .chain([message.as_str()]),
                )
            }
            OutputFormat::Conll => format!(
                "-DOCSTART- -X- O\n# error {}: {}: {}\n",
                one_line(&error.id),
                error.error.kind,
                one_line(&error.error.message)
            ),
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

/// The columns of a list's CSV table, the document id first.
fn csv_columns(list: Stage) -> &'static [&'static str] {
    match list {
        Stage::Sentences => &["id", "start", "end", "text"],
        Stage::Entities => &["id", "start", "end", "text", "label", "score"],
        Stage::Quotes => &[
            "id",
            "start",
            "end",
            "text",
            "kind",
            "speaker",
            "speaker_start",
            "speaker_end",
            "speaker_resolved",
            "speaker_kind",
            "cue",
            "cue_lemma",
        ],
        Stage::Quantities => &[
            "id",
            "start",
            "end",
            "text",
            "kind",
            "value",
            "low",
            "high",
            "approximate",
            "unit",
            "dimension",
            "change",
            "bound",
        ],
    }
}

/// One CSV line (RFC 4180 quoting: fields holding a comma, a quote or a
/// line break are quoted, quotes doubled).
fn csv_line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = String::new();
    for (k, field) in fields.into_iter().enumerate() {
        if k > 0 {
            line.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(field);
        }
    }
    line
}

fn number(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// Lower-case name of a serializable enum (`"person"`, `"at_least"`).
fn name<T: serde::Serialize>(value: &T) -> String {
    to_json(value, false).trim_matches('"').to_owned()
}

/// The rows of one list of `record` (no final line break; none at all for
/// an empty list, so the output has no blank line).
fn csv_rows(record: &Record, list: Stage) -> String {
    let id = record.id.as_str();
    let rows: Vec<String> = match list {
        Stage::Sentences => record
            .sentences
            .iter()
            .map(|s| csv_line([id, &s.start.to_string(), &s.end.to_string(), &s.text, ""]))
            .collect(),
        Stage::Entities => record
            .entities
            .iter()
            .map(|e| {
                csv_line([
                    id,
                    &e.start.to_string(),
                    &e.end.to_string(),
                    &e.text,
                    e.label.as_str(),
                    &format!("{:.3}", e.score),
                    "",
                ])
            })
            .collect(),
        Stage::Quotes => record
            .quotes
            .iter()
            .map(|q| {
                let speaker = q.speaker.as_ref();
                let cue = q.cue.as_ref();
                csv_line([
                    id,
                    &q.start.to_string(),
                    &q.end.to_string(),
                    &q.text,
                    &name(&q.kind),
                    speaker.map_or("", |s| s.text.as_str()),
                    &speaker.map_or(String::new(), |s| s.start.to_string()),
                    &speaker.map_or(String::new(), |s| s.end.to_string()),
                    speaker.and_then(|s| s.resolved.as_deref()).unwrap_or(""),
                    &speaker.map_or(String::new(), |s| name(&s.kind)),
                    cue.map_or("", |c| c.text.as_str()),
                    cue.map_or("", |c| c.lemma.as_str()),
                    "",
                ])
            })
            .collect(),
        Stage::Quantities => record
            .quantities
            .iter()
            .map(|q| {
                csv_line([
                    id,
                    &q.start.to_string(),
                    &q.end.to_string(),
                    &q.text,
                    &name(&q.kind),
                    &number(q.value),
                    &number(q.low),
                    &number(q.high),
                    if q.approximate { "true" } else { "false" },
                    q.unit.as_deref().unwrap_or(""),
                    &q.dimension.map_or(String::new(), |d| d.as_str().to_owned()),
                    &q.change.map_or(String::new(), |c| name(&c)),
                    &q.bound.map_or(String::new(), |b| name(&b)),
                    "",
                ])
            })
            .collect(),
    };
    rows.join("\n")
}

/// CoNLL lines of one document: `-DOCSTART- -X- O`, a blank line, then for
/// each sentence its word tokens, one per line with a BIO tag (`B-ORG`,
/// `I-ORG`, `O`), and a blank line. A token that shares a byte with an
/// entity is inside it. Needs the record's sentences and entities in byte
/// offsets.
fn conll(text: &str, record: &Record) -> String {
    let mut out = String::from("-DOCSTART- -X- O\n\n");
    let entities: Vec<(Span, &str)> = record
        .entities
        .iter()
        .map(|e| (e.span(), e.label.as_str()))
        .collect();
    let mut next_entity = 0;
    for sentence in &record.sentences {
        let base = sentence.start;
        let mut wrote = false;
        for token in word_tokens(&text[sentence.span()]) {
            let span = Span::new(base + token.span.start, base + token.span.end);
            while next_entity < entities.len() && entities[next_entity].0.end <= span.start {
                next_entity += 1;
            }
            let tag = match entities.get(next_entity) {
                Some((e, label)) if e.start < span.end => {
                    let begins = span.start <= e.start;
                    format!("{}-{label}", if begins { "B" } else { "I" })
                }
                _ => "O".to_owned(),
            };
            out.push_str(&text[span]);
            out.push(' ');
            out.push_str(&tag);
            out.push('\n');
            wrote = true;
        }
        if wrote {
            out.push('\n');
        }
    }
    // The caller adds the last line break.
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsie_core::{Entity, EntityLabel, Sentence};

    fn record(text: &str) -> Record {
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

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(
            csv_line(["a", "b,c", "say \"hi\"", "x\ny"]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\""
        );
        let text = "Zoë joined Acme Corp.";
        let rows = csv_rows(&record(text), Stage::Entities);
        assert_eq!(rows, "\"doc,1\",12,21,Acme Corp,ORG,0.900,");
    }

    #[test]
    fn conll_tags_tokens_bio() {
        let text = "Zoë joined Acme Corp today.";
        assert_eq!(
            conll(text, &record(text)),
            "-DOCSTART- -X- O\n\nZoë O\njoined O\nAcme B-ORG\nCorp I-ORG\ntoday O\n. O\n"
        );
    }

    #[test]
    fn streamed_json_is_the_same_bytes_as_the_string() {
        let text = "😀 Zoë joined Acme Corp.";
        let doc = Document::new("d", text);
        for output in [OutputFormat::Jsonl, OutputFormat::Json] {
            for offsets in [Offsets::Bytes, Offsets::Chars] {
                for include_text in [false, true] {
                    let format = Format {
                        output,
                        offsets,
                        include_text,
                        csv_list: None,
                    };
                    let mut streamed = Vec::new();
                    format
                        .write_json(&mut streamed, &doc, record(text))
                        .unwrap();
                    assert_eq!(
                        String::from_utf8(streamed).unwrap(),
                        format.record(&doc, record(text))
                    );
                }
            }
        }
    }

    #[test]
    fn chars_offsets_apply_to_every_format() {
        let text = "😀 Acme Corp.";
        let format = Format {
            output: OutputFormat::Csv,
            offsets: Offsets::Chars,
            include_text: false,
            csv_list: Some(Stage::Entities),
        };
        let doc = Document::new("d", text);
        assert!(format
            .record(&doc, record(text))
            .contains(",2,11,Acme Corp,"));
    }
}
