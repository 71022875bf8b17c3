#![no_main]
//! The whole pipeline, as `newsie extract` runs it.

use libfuzzer_sys::fuzz_target;
use newsie_core::Document;
use newsie_pipeline::Pipeline;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::builder().build().expect("the pipeline builds"))
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = newsie_fuzz::text_of(data) else {
        return;
    };
    let doc = Document::new("fuzz", text);
    let record = pipeline()
        .process(&doc)
        .expect("the pipeline annotates any text");
    newsie_fuzz::assert_contract(text, &record);
});
