//! One line of `newsie extract` output, read in a single pass: the record,
//! or the error record of a document that failed; the document's text
//! (`--include-text`); and the field the report groups by.

use newsie_core::{Entity, Quantity, Quote, Record, Sentence, SCHEMA_VERSION};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::Value;
use std::fmt;

/// What a report's groups are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    /// The value of this field of each input line (`source`, `outlet`); a
    /// line without it falls in the group `(none)`.
    Field(String),
    /// The line's `folder` field when it has one, else the folder of the
    /// document's id (`corpus/bbc/a.txt` -> `corpus/bbc`), as `newsie
    /// extract` names documents read from folders.
    Folder,
}

impl GroupBy {
    /// `folder` means [`GroupBy::Folder`]; any other name a field.
    pub fn parse(name: &str) -> GroupBy {
        if name == "folder" {
            GroupBy::Folder
        } else {
            GroupBy::Field(name.to_owned())
        }
    }

    fn field(&self) -> &str {
        match self {
            GroupBy::Field(name) => name,
            GroupBy::Folder => "folder",
        }
    }
}

/// The group of a document without the field.
pub const NO_GROUP: &str = "(none)";

/// The folder of a document id (`.` for a bare file name).
pub fn folder_of(id: &str) -> String {
    match std::path::Path::new(id).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.display().to_string(),
        _ => ".".to_owned(),
    }
}

/// What a line held.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// A record, its text when the line carries it, and its group.
    Record(Box<Record>, Option<String>, Option<String>),
    /// An error record: the document failed; its group.
    Failed(Option<String>),
}

/// The fields of a line, as read.
#[derive(Default)]
struct Fields {
    id: Option<Value>,
    schema: Option<u32>,
    sentences: Vec<Sentence>,
    entities: Vec<Entity>,
    quotes: Vec<Quote>,
    quantities: Vec<Quantity>,
    error: bool,
    document_text: Option<String>,
    group: Option<Value>,
}

/// Reads the fields of one line; the group field by its name.
struct LineSeed<'a> {
    group_field: Option<&'a str>,
}

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = Fields;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fields, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object: one record of `newsie extract`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<String>()? {
            if Some(key.as_str()) == self.group_field {
                let value: Value = map.next_value()?;
                fields.group = Some(value.clone());
                // The group may also be a field the record needs.
                assign(&mut fields, &key, value).map_err(serde::de::Error::custom)?;
                continue;
            }
            match key.as_str() {
                "id" => fields.id = Some(map.next_value()?),
                "schema" => fields.schema = Some(map.next_value()?),
                "sentences" => fields.sentences = map.next_value()?,
                "entities" => fields.entities = map.next_value()?,
                "quotes" => fields.quotes = map.next_value()?,
                "quantities" => fields.quantities = map.next_value()?,
                "error" => fields.error = !map.next_value::<Value>()?.is_null(),
                "document_text" => fields.document_text = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }
}

/// Sets a known field from an already-read value (when the group field is
/// one of them).
fn assign(fields: &mut Fields, key: &str, value: Value) -> Result<(), serde_json::Error> {
    match key {
        "id" => fields.id = Some(value),
        "schema" => fields.schema = serde_json::from_value(value)?,
        "sentences" => fields.sentences = serde_json::from_value(value)?,
        "entities" => fields.entities = serde_json::from_value(value)?,
        "quotes" => fields.quotes = serde_json::from_value(value)?,
        "quantities" => fields.quantities = serde_json::from_value(value)?,
        "error" => fields.error = !value.is_null(),
        "document_text" => fields.document_text = serde_json::from_value(value)?,
        _ => {}
    }
    Ok(())
}

/// A JSON value as a group name: a string as it is, `null` as none,
/// anything else as JSON.
fn group_name(value: Option<Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Parses one line. `fallback_id` names a record without an id.
pub(crate) fn parse(
    line: &[u8],
    group_by: Option<&GroupBy>,
    fallback_id: impl FnOnce() -> String,
) -> Result<Parsed, serde_json::Error> {
    let seed = LineSeed {
        group_field: group_by.map(GroupBy::field),
    };
    let mut deserializer = serde_json::Deserializer::from_slice(line);
    let fields = seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    let id = group_name(fields.id).unwrap_or_else(fallback_id);
    let group = match group_by {
        None => None,
        Some(GroupBy::Folder) => Some(group_name(fields.group).unwrap_or_else(|| folder_of(&id))),
        Some(GroupBy::Field(_)) => {
            Some(group_name(fields.group).unwrap_or_else(|| NO_GROUP.to_owned()))
        }
    };
    if fields.error {
        return Ok(Parsed::Failed(group));
    }
    let record = Record {
        id,
        schema: fields.schema.unwrap_or(SCHEMA_VERSION),
        sentences: fields.sentences,
        entities: fields.entities,
        quotes: fields.quotes,
        quantities: fields.quantities,
    };
    Ok(Parsed::Record(
        Box::new(record),
        fields.document_text,
        group,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(line: &str, group_by: Option<&GroupBy>) -> Parsed {
        parse(line.as_bytes(), group_by, || "x:1".to_owned()).unwrap()
    }

    #[test]
    fn a_record_line_gives_its_record_text_and_group() {
        let line = r#"{"id":"a","schema":1,"source":"BBC","sentences":[{"start":0,"end":3,"text":"Hi."}],"entities":[],"quotes":[],"quantities":[],"document_text":"Hi.","extra":{"k":[1,2]}}"#;
        let source = GroupBy::parse("source");
        let Parsed::Record(record, text, group) = parsed(line, Some(&source)) else {
            panic!("a record");
        };
        assert_eq!((record.id.as_str(), record.sentences.len()), ("a", 1));
        assert_eq!(text.as_deref(), Some("Hi."));
        assert_eq!(group.as_deref(), Some("BBC"));
    }

    #[test]
    fn groups_fall_back_to_none_or_the_folder_of_the_id() {
        let line = r#"{"id":"corpus/bbc/a.txt","quotes":[]}"#;
        let Parsed::Record(_, _, group) = parsed(line, Some(&GroupBy::parse("outlet"))) else {
            panic!("a record");
        };
        assert_eq!(group.as_deref(), Some(NO_GROUP));
        let Parsed::Record(_, _, group) = parsed(line, Some(&GroupBy::Folder)) else {
            panic!("a record");
        };
        assert_eq!(group.as_deref(), Some("corpus/bbc"));
        assert_eq!(folder_of("a.txt"), ".");
    }

    #[test]
    fn a_group_field_may_be_a_record_field_or_a_number() {
        let line = r#"{"id":"a","year":2016}"#;
        let Parsed::Record(_, _, group) = parsed(line, Some(&GroupBy::parse("year"))) else {
            panic!("a record");
        };
        assert_eq!(group.as_deref(), Some("2016"));
        let Parsed::Record(record, _, group) = parsed(line, Some(&GroupBy::parse("id"))) else {
            panic!("a record");
        };
        assert_eq!((record.id.as_str(), group.as_deref()), ("a", Some("a")));
    }

    #[test]
    fn error_records_and_bad_lines_are_told_apart() {
        let failed = parsed(
            r#"{"id":"b","error":{"kind":"binary","message":"NUL"}}"#,
            None,
        );
        assert!(matches!(failed, Parsed::Failed(None)));
        for bad in [
            "{oops",
            "[1,2]",
            r#"{"id":"a"} trailing"#,
            r#"{"quotes":7}"#,
        ] {
            assert!(parse(bad.as_bytes(), None, String::new).is_err(), "{bad}");
        }
        let Parsed::Record(record, ..) = parsed(r#"{"quotes":[]}"#, None) else {
            panic!("a record");
        };
        assert_eq!(
            record.id, "x:1",
            "a record without an id is named by its line"
        );
    }
}
