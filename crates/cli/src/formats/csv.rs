//! CSV tables: one row per annotation of a list, the document id, offsets
//! and every field; one table to the output, or one file per list.

use super::name;
use crate::args::Stage;
use newsie_core::{ErrorRecord, Record};

/// The lists asked for, in a fixed order (sentences, entities, quotes,
/// quantities): a small set that stays `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lists(u8);

/// Every list, in the order tables and keys are written.
const ORDER: [Stage; 4] = [
    Stage::Sentences,
    Stage::Entities,
    Stage::Quotes,
    Stage::Quantities,
];

fn bit(stage: Stage) -> u8 {
    1 << ORDER.iter().position(|&s| s == stage).unwrap_or(0)
}

impl Lists {
    /// All four lists.
    pub const ALL: Lists = Lists(0b1111);

    /// The lists `--only` names; all four when it names none.
    pub fn of(only: &[Stage]) -> Lists {
        if only.is_empty() {
            return Lists::ALL;
        }
        Lists(only.iter().fold(0, |bits, &stage| bits | bit(stage)))
    }

    pub fn contains(self, stage: Stage) -> bool {
        self.0 & bit(stage) != 0
    }

    /// The lists, in the fixed order.
    pub fn iter(self) -> impl Iterator<Item = Stage> {
        ORDER.into_iter().filter(move |&s| self.contains(s))
    }

    /// The list, when there is exactly one.
    pub fn single(self) -> Option<Stage> {
        let mut lists = self.iter();
        match (lists.next(), lists.next()) {
            (Some(list), None) => Some(list),
            _ => None,
        }
    }
}

/// The file a list's table is written to under `-o DIR`.
pub fn file_name(list: Stage) -> &'static str {
    match list {
        Stage::Sentences => "sentences.csv",
        Stage::Entities => "entities.csv",
        Stage::Quotes => "quotes.csv",
        Stage::Quantities => "quantities.csv",
    }
}

/// The header line of a list's table.
pub fn header(list: Stage) -> String {
    line(columns(list).iter().copied().chain(["error"]))
}

/// The columns of a list's CSV table, the document id first.
fn columns(list: Stage) -> &'static [&'static str] {
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

/// A failed document's row in a list's table: its id, blank fields, and
/// the error's kind and message in the last column.
pub fn error_row(list: Stage, error: &ErrorRecord) -> String {
    let blanks = columns(list).len() - 1;
    let message = format!("{}: {}", error.error.kind, error.error.message);
    line(
        std::iter::once(error.id.as_str())
            .chain(std::iter::repeat("").take(blanks))
            .chain([message.as_str()]),
    )
}

/// One CSV line (RFC 4180 quoting: fields holding a comma, a quote or a
/// line break are quoted, quotes doubled).
pub fn line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
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

/// The rows of one list of `record` (no final line break; none at all for
/// an empty list, so the output has no blank line).
pub fn rows(record: &Record, list: Stage) -> String {
    let id = record.id.as_str();
    let rows: Vec<String> = match list {
        Stage::Sentences => record
            .sentences
            .iter()
            .map(|s| line([id, &s.start.to_string(), &s.end.to_string(), &s.text, ""]))
            .collect(),
        Stage::Entities => record
            .entities
            .iter()
            .map(|e| {
                line([
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
                line([
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
                line([
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(
            line(["a", "b,c", "say \"hi\"", "x\ny"]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\""
        );
        let text = "Zoë joined Acme Corp.";
        let rows = rows(&super::super::tests::record(text), Stage::Entities);
        assert_eq!(rows, "\"doc,1\",12,21,Acme Corp,ORG,0.900,");
    }

    #[test]
    fn lists_keep_their_order_and_know_a_single_one() {
        let lists = Lists::of(&[Stage::Quantities, Stage::Sentences]);
        assert_eq!(
            lists.iter().collect::<Vec<_>>(),
            [Stage::Sentences, Stage::Quantities]
        );
        assert_eq!(lists.single(), None);
        assert_eq!(Lists::of(&[Stage::Quotes]).single(), Some(Stage::Quotes));
        assert_eq!(Lists::of(&[]), Lists::ALL);
        assert_eq!(Lists::ALL.iter().count(), 4);
    }
}
