#![no_main]
//! The sentence splitter alone: sentences in bounds, in order, never
//! overlapping.

use libfuzzer_sys::fuzz_target;
use newsie_core::{Record, Sentence};
use newsie_sentences::Splitter;

fuzz_target!(|data: &[u8]| {
    let Some(text) = newsie_fuzz::text_of(data) else {
        return;
    };
    let spans = Splitter::default().split(text);
    for pair in spans.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "overlapping sentences {pair:?}"
        );
    }
    let mut record = Record::new("fuzz");
    record.sentences = spans.iter().map(|&s| Sentence::new(text, s)).collect();
    newsie_fuzz::assert_contract(text, &record);
});
