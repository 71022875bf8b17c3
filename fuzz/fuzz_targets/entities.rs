#![no_main]
//! The embedded entity tagger alone, on the splitter's sentences.

use libfuzzer_sys::fuzz_target;
use newsie_core::Record;
use newsie_ner::Tagger;
use newsie_sentences::Splitter;
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| Tagger::embedded().expect("the embedded model loads"))
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = newsie_fuzz::text_of(data) else {
        return;
    };
    let sentences = Splitter::default().split(text);
    let entities = tagger()
        .tag(text, &sentences)
        .expect("the tagger takes any text");
    for pair in entities.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlapping entities");
    }
    let mut record = Record::new("fuzz");
    record.entities = entities;
    newsie_fuzz::assert_contract(text, &record);
});
