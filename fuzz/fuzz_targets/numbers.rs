#![no_main]
//! The number normalizer alone: quantities never overlap, and their values
//! are finite numbers JSON can carry.

use libfuzzer_sys::fuzz_target;
use newsie_core::Record;
use newsie_numbers::Normalizer;

fuzz_target!(|data: &[u8]| {
    let Some(text) = newsie_fuzz::text_of(data) else {
        return;
    };
    let quantities = Normalizer::new().find(text);
    for pair in quantities.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlapping quantities");
    }
    let mut record = Record::new("fuzz");
    record.quantities = quantities;
    newsie_fuzz::assert_contract(text, &record);
});
