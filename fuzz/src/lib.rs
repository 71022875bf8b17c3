//! The contract every fuzz target asserts: a record valid against its text
//! (byte spans in bounds and on character boundaries, each `text` the exact
//! slice, every list sorted by start) and output bounded by the input.

use newsie_core::Record;

/// The most bytes of compact JSON a record may take per byte of its text,
/// as `tests/adversarial.rs` states it (plus [`OUTPUT_SLACK`]).
pub const OUTPUT_MULTIPLE: usize = 100;

/// Fixed room in the output bound: the record's own fields.
pub const OUTPUT_SLACK: usize = 4096;

/// Panics, naming the problem, unless `record` keeps the contract on `text`.
pub fn assert_contract(text: &str, record: &Record) {
    if let Err(problem) = record.validate(text) {
        panic!("contract broken: {problem:?}");
    }
    let json = serde_json::to_string(record).expect("a record serializes");
    let bound = OUTPUT_MULTIPLE * text.len() + OUTPUT_SLACK;
    assert!(
        json.len() <= bound,
        "{} bytes of output for {} bytes of text",
        json.len(),
        text.len()
    );
}

/// The fuzzer's bytes as text, when they are UTF-8 (the only input the
/// library crates take; the JSON Lines target covers the rest).
pub fn text_of(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}
