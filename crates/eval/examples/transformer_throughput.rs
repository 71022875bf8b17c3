//! Times newsie's transformer backend on CoNLL files, as
//! `scripts/transformer/evaluate.py` times PyTorch on the same ones (see
//! `scripts/transformer/bench.sh`). Documents are read as `newsie eval`
//! reads them. Two timings: one document at a time (`tag_tokens`, as the
//! pipeline tags), and documents 64 at a time
//! (`ClassifierBackend::tag_documents`, whose windows share batches).
//!
//! ```sh
//! cargo run --release -p newsie-eval --features transformer --example transformer_throughput -- \
//!     models/ner-transformer ../shared/benchmarks/conll2003/test.iob2.txt ../shared/benchmarks/conll2003/conllpp_test.conll
//! ```

use newsie_eval::suites::conll;
use newsie_ner::transformer::{BertClassifier, BertOptions, ClassifierBackend, Precision};
use newsie_ner::Backend;
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let model = args
        .next()
        .ok_or("usage: transformer_throughput MODEL_DIR CONLL_FILE...")?;
    let started = Instant::now();
    // TORCH_THREADS=N sets libtorch's intra-op threads (default: all cores).
    let mut options = BertOptions::new();
    if let Some(n) = std::env::var("TORCH_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        options = options.threads(n);
    }
    // PRECISION=bf16 runs the model in bfloat16.
    if std::env::var("PRECISION").is_ok_and(|p| p == "bf16") {
        options = options.precision(Precision::Bf16);
    }
    let mut backend = ClassifierBackend::new(BertClassifier::load(&model, &options)?)?;
    // BATCH=N sets the windows per forward pass (default 8).
    if let Some(n) = std::env::var("BATCH").ok().and_then(|v| v.parse().ok()) {
        backend = backend.batch_size(n);
    }
    let load = started.elapsed().as_secs_f64();
    // One untimed pass first, so that neither timing pays libtorch's
    // first-call costs.
    backend.tag_words(&[vec!["Warm", "up", "in", "Paris", "."]])?;
    let (mut tokens, mut seconds, mut entities) = (0usize, 0f64, 0usize);
    let (mut together_seconds, mut together_entities) = (0f64, 0usize);
    for file in args {
        let documents = conll::read(Path::new(&file))?;
        let documents: Vec<Vec<Vec<&str>>> = documents
            .iter()
            .map(|doc| {
                doc.iter()
                    .map(|s| s.tokens.iter().map(String::as_str).collect())
                    .collect()
            })
            .collect();
        tokens += documents.iter().flatten().map(Vec::len).sum::<usize>();
        let t0 = Instant::now();
        for document in &documents {
            entities += backend.tag_tokens(document)?.len();
        }
        seconds += t0.elapsed().as_secs_f64();
        let t0 = Instant::now();
        for group in documents.chunks(64) {
            let tagged = backend.tag_documents(group)?;
            together_entities += tagged.iter().flatten().map(Vec::len).sum::<usize>();
        }
        together_seconds += t0.elapsed().as_secs_f64();
    }
    println!(
        "{{\"load_s\": {load:.3}, \"tokens\": {tokens}, \"tag_s\": {seconds:.3}, \"tokens_per_s\": {:.0}, \"entities\": {entities}, \
         \"together_tag_s\": {together_seconds:.3}, \"together_tokens_per_s\": {:.0}, \"together_entities\": {together_entities}}}",
        tokens as f64 / seconds,
        tokens as f64 / together_seconds,
    );
    Ok(())
}
