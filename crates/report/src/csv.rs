//! The report's tables as CSV, one table per file: a header line, then
//! one row per item; fields quoted when they hold a comma, a quote or a
//! line break (RFC 4180).

use crate::tables::{EntityRow, FigureRow, GroupRow, Ranked, SpeakerRow, Tables};
use crate::Error;
use std::io::Write;
use std::str::FromStr;

/// One table of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per speaker identity.
    Speakers,
    /// Sourcing per group, the corpus first (group `all`).
    Groups,
    /// The most-mentioned entities of each label.
    Entities,
    /// Money and percentages stated with each organization.
    Figures,
    /// The example quotes of every speaker.
    Quotes,
}

impl Table {
    /// Every table, in the order `-o DIR` writes them.
    pub const ALL: [Table; 5] = [
        Table::Speakers,
        Table::Groups,
        Table::Entities,
        Table::Figures,
        Table::Quotes,
    ];

    /// The table's name (`speakers`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Table::Speakers => "speakers",
            Table::Groups => "groups",
            Table::Entities => "entities",
            Table::Figures => "figures",
            Table::Quotes => "quotes",
        }
    }

    /// The file it is written to in a folder (`speakers.csv`).
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }
}

impl FromStr for Table {
    type Err = Error;

    fn from_str(name: &str) -> Result<Table, Error> {
        Table::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .ok_or_else(|| Error::UnknownTable(name.to_owned()))
    }
}

/// Appends one CSV line (with its line break).
fn push_line<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (k, field) in fields.into_iter().enumerate() {
        let field = field.as_ref();
        if k > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}

fn ranked(list: &[Ranked]) -> String {
    let names: Vec<String> = list
        .iter()
        .map(|r| format!("{} ({})", r.name, r.quotes))
        .collect();
    names.join("; ")
}

fn speaker_line(out: &mut String, s: &SpeakerRow) {
    let forms: Vec<&str> = s.forms.iter().map(|f| f.name.as_str()).collect();
    push_line(
        out,
        [
            s.id.clone(),
            s.name.clone(),
            s.kind.as_str().to_owned(),
            s.quotes.to_string(),
            s.direct.to_string(),
            s.indirect.to_string(),
            s.documents.to_string(),
            s.first.document.clone(),
            s.last.document.clone(),
            forms.join("; "),
        ],
    );
}

fn group_line(out: &mut String, g: &GroupRow) {
    push_line(
        out,
        [
            g.group.clone(),
            g.documents.to_string(),
            g.quotes.to_string(),
            g.person.to_string(),
            g.anonymous.to_string(),
            g.organization.to_string(),
            g.unattributed.to_string(),
            format!("{:.4}", g.share_person),
            format!("{:.4}", g.share_anonymous),
            format!("{:.4}", g.share_organization),
            format!("{:.4}", g.share_unattributed),
            ranked(&g.top_people),
            ranked(&g.top_organizations),
        ],
    );
}

fn entity_line(out: &mut String, e: &EntityRow) {
    push_line(
        out,
        [
            e.label.as_str().to_owned(),
            e.text.clone(),
            e.mentions.to_string(),
            e.documents.to_string(),
            e.rank.to_string(),
        ],
    );
}

fn figure_line(out: &mut String, f: &FigureRow) {
    let kind = serde_json::to_value(f.kind).map_or(String::new(), |v| opt(v.as_str()));
    let change = f
        .change
        .and_then(|c| serde_json::to_value(c).ok())
        .map_or(String::new(), |v| opt(v.as_str()));
    push_line(
        out,
        [
            f.organization.clone(),
            f.document.clone(),
            f.text.clone(),
            kind,
            opt(f.value),
            opt(f.low),
            opt(f.high),
            opt(f.unit.as_deref()),
            f.approximate.to_string(),
            change,
            f.start.to_string(),
            f.end.to_string(),
            f.sentence_start.to_string(),
            f.sentence_end.to_string(),
        ],
    );
}

fn quote_lines(out: &mut String, s: &SpeakerRow) {
    for q in &s.examples {
        let kind = match q.kind {
            newsie_core::QuoteKind::Direct => "direct",
            newsie_core::QuoteKind::Indirect => "indirect",
        };
        push_line(
            out,
            [
                s.id.as_str(),
                s.name.as_str(),
                q.document.as_str(),
                &q.start.to_string(),
                &q.end.to_string(),
                kind,
                q.cue.as_deref().unwrap_or(""),
                q.speaker.as_str(),
                q.text.as_str(),
            ],
        );
    }
}

/// The header of a table.
fn header(table: Table) -> &'static [&'static str] {
    match table {
        Table::Speakers => &[
            "id",
            "name",
            "kind",
            "quotes",
            "direct",
            "indirect",
            "documents",
            "first_document",
            "last_document",
            "forms",
        ],
        Table::Groups => &[
            "group",
            "documents",
            "quotes",
            "person",
            "anonymous",
            "organization",
            "unattributed",
            "share_person",
            "share_anonymous",
            "share_organization",
            "share_unattributed",
            "top_people",
            "top_organizations",
        ],
        Table::Entities => &["label", "text", "mentions", "documents", "rank"],
        Table::Figures => &[
            "organization",
            "document",
            "text",
            "kind",
            "value",
            "low",
            "high",
            "unit",
            "approximate",
            "change",
            "start",
            "end",
            "sentence_start",
            "sentence_end",
        ],
        Table::Quotes => &[
            "speaker_id",
            "speaker",
            "document",
            "start",
            "end",
            "kind",
            "cue",
            "mention",
            "text",
        ],
    }
}

impl Tables {
    /// One table as CSV text.
    pub fn to_csv(&self, table: Table) -> String {
        let mut out = String::new();
        push_line(&mut out, header(table).iter());
        match table {
            Table::Speakers => self.speakers.iter().for_each(|s| speaker_line(&mut out, s)),
            Table::Groups => std::iter::once(&self.corpus)
                .chain(&self.groups)
                .for_each(|g| group_line(&mut out, g)),
            Table::Entities => self.entities.iter().for_each(|e| entity_line(&mut out, e)),
            Table::Figures => self.figures.iter().for_each(|f| figure_line(&mut out, f)),
            Table::Quotes => self.speakers.iter().for_each(|s| quote_lines(&mut out, s)),
        }
        out
    }

    /// Writes one table as CSV.
    pub fn write_csv(&self, table: Table, out: &mut dyn Write) -> Result<(), Error> {
        out.write_all(self.to_csv(table).as_bytes())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_they_must_be() {
        let mut out = String::new();
        push_line(&mut out, ["plain", "a,b", "say \"hi\"", "two\nlines"]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
    }

    #[test]
    fn tables_are_named_and_parsed() {
        for table in Table::ALL {
            assert_eq!(table.name().parse::<Table>().unwrap(), table);
        }
        assert!(matches!(
            "people".parse::<Table>(),
            Err(Error::UnknownTable(_))
        ));
        assert_eq!(Table::Figures.file_name(), "figures.csv");
    }
}
