//! Reading documents: raw bytes decoded as text, and JSON Lines (`{"id",
//! "text"}` per line) read with a bound on each line, every problem named
//! in an [`ErrorRecord`] so that a corpus run can report it and go on.
//!
//! ```
//! use newsie_core::input::{decode_document, parse_json_line};
//!
//! let doc = decode_document("a.txt".into(), b"Acme said so.".to_vec()).unwrap();
//! assert_eq!(doc.text(), "Acme said so.");
//! let bad = decode_document("b.bin".into(), b"\x00\x01".to_vec()).unwrap_err();
//! assert_eq!(bad.error.kind, "binary");
//! let doc = parse_json_line("in.jsonl", 1, br#"{"id": "x", "text": "Hi."}"#).unwrap();
//! assert_eq!((doc.id(), doc.text()), ("x", "Hi."));
//! ```

use crate::{Document, ErrorRecord};
use std::io::{self, BufRead};

/// Decodes raw bytes as a document: UTF-8 (a leading byte-order mark is
/// kept, as the text is never modified), not empty, not binary.
pub fn decode_document(id: String, bytes: Vec<u8>) -> Result<Document, ErrorRecord> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ErrorRecord::new(id, "empty", "the document has no text"));
    }
    // NUL bytes never occur in text; they mark a binary file.
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(ErrorRecord::new(
            id,
            "binary",
            format!("not a text file (NUL byte at offset {at})"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Document::new(id, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(ErrorRecord::new(
                id,
                "invalid_utf8",
                format!("not valid UTF-8 (first bad byte at offset {at})"),
            ))
        }
    }
}

/// Reads one line into `line` (newline included), keeping at most `limit`
/// bytes of it: the rest of an overlong line is read and dropped, so one
/// huge line (or a stream without newlines) never fills memory. Returns the
/// full length of the line, 0 at the end of the input.
pub fn read_bounded_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<usize> {
    let mut total = 0;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(total);
        }
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (&buffer[..=i], true),
            None => (buffer, false),
        };
        let room = limit.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = chunk.len();
        total += used;
        reader.consume(used);
        if done {
            return Ok(total);
        }
    }
}

/// One line of JSON Lines input as a document: an object with a string
/// `text` and an optional `id` (a string, or any JSON value written out;
/// `SOURCE:NUMBER` when absent). An error record names the line and what
/// is wrong with it, under the line's own id where it has one.
pub fn parse_json_line(source: &str, number: usize, line: &[u8]) -> Result<Document, ErrorRecord> {
    let fallback_id = format!("{source}:{number}");
    let fail = |id: String, kind: &str, what: String| {
        Err(ErrorRecord::new(id, kind, format!("line {number}: {what}")))
    };
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            return fail(
                fallback_id,
                "invalid_utf8",
                format!("not valid UTF-8 at byte {}", e.valid_up_to()),
            )
        }
    };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return fail(
                fallback_id,
                "invalid_json",
                format!("not a JSON object: {e}"),
            )
        }
    };
    let id = match value.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => fallback_id,
        Some(other) => other.to_string(),
    };
    match value.get("text") {
        Some(serde_json::Value::String(t)) => Ok(Document::new(id, t.clone())),
        Some(_) => fail(id, "invalid_json", "`text` is not a string".into()),
        None => fail(id, "invalid_json", "no `text` field".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_names_each_problem() {
        let kind = |bytes: &[u8]| {
            decode_document("x".into(), bytes.to_vec())
                .unwrap_err()
                .error
                .kind
        };
        assert_eq!(kind(b""), "empty");
        assert_eq!(kind(b" \n"), "empty");
        assert_eq!(kind(b"a\x00b"), "binary");
        assert_eq!(kind(b"caf\xe9"), "invalid_utf8");
        assert!(decode_document("x".into(), "café".into()).is_ok());
    }

    #[test]
    fn overlong_lines_are_dropped_without_being_held() {
        let input = format!("{}\nshort\n", "x".repeat(10_000));
        let mut reader = io::BufReader::with_capacity(64, input.as_bytes());
        let mut line = Vec::new();
        assert_eq!(
            read_bounded_line(&mut reader, &mut line, 100).unwrap(),
            10_001
        );
        assert_eq!(line.len(), 100);
        line.clear();
        assert_eq!(read_bounded_line(&mut reader, &mut line, 100).unwrap(), 6);
        assert_eq!(line, b"short\n");
        line.clear();
        assert_eq!(read_bounded_line(&mut reader, &mut line, 100).unwrap(), 0);
    }

    #[test]
    fn jsonl_lines_keep_ids_and_name_their_line() {
        let doc = parse_json_line("-", 1, br#"{"id": 7, "text": "Hi."}"#).unwrap();
        assert_eq!(doc.id(), "7");
        let err = parse_json_line("in.jsonl", 3, b"{oops").unwrap_err();
        assert_eq!(err.id, "in.jsonl:3");
        assert!(err.error.message.starts_with("line 3:"));
        let err = parse_json_line("-", 4, br#"{"id": "a"}"#).unwrap_err();
        assert_eq!(
            (err.id.as_str(), err.error.kind.as_str()),
            ("a", "invalid_json")
        );
    }
}
