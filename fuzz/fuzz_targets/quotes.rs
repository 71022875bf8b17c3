#![no_main]
//! The quote attributor alone (its own paragraphs and rough sentences): no
//! quote longer than the documented bound.

use libfuzzer_sys::fuzz_target;
use newsie_core::Record;
use newsie_quotes::{Attributor, MAX_QUOTE_BYTES};

fuzz_target!(|data: &[u8]| {
    let Some(text) = newsie_fuzz::text_of(data) else {
        return;
    };
    let quotes = Attributor::new().attribute(text, &[], &[]);
    for quote in &quotes {
        assert!(
            quote.text.len() <= MAX_QUOTE_BYTES,
            "a quote over the bound"
        );
    }
    let mut record = Record::new("fuzz");
    record.quotes = quotes;
    newsie_fuzz::assert_contract(text, &record);
});
