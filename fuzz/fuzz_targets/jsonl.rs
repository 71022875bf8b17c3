#![no_main]
//! The JSON Lines reader on any bytes: every line yields exactly one
//! document or error record, no line is held past the bound, and a
//! document's text is what the line's JSON says.

use libfuzzer_sys::fuzz_target;
use newsie_core::input::{parse_json_line, read_bounded_line};
use std::io::BufReader;

/// A small bound, so that the fuzzer meets overlong lines.
const LINE_LIMIT: usize = 256;

fuzz_target!(|data: &[u8]| {
    let mut reader = BufReader::with_capacity(16, data);
    let mut line = Vec::new();
    let mut records = 0;
    let mut consumed = 0;
    loop {
        line.clear();
        let length =
            read_bounded_line(&mut reader, &mut line, LINE_LIMIT).expect("reading a slice");
        if length == 0 {
            break;
        }
        assert!(line.len() <= LINE_LIMIT && line.len() <= length);
        assert_eq!(&data[consumed..consumed + line.len()], &line[..]);
        consumed += length;
        records += 1;
        if length > LINE_LIMIT {
            continue;
        }
        if let Ok(doc) = parse_json_line("fuzz", records, &line) {
            let value: serde_json::Value =
                serde_json::from_slice(&line).expect("a parsed line is JSON");
            assert_eq!(value["text"].as_str(), Some(doc.text()));
        }
    }
    assert_eq!(consumed, data.len(), "every byte belongs to a line");
    let lines = data.split_inclusive(|&b| b == b'\n').count();
    assert_eq!(records, lines, "one record per line");
});
