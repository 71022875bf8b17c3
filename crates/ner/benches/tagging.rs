//! Tagging throughput of the embedded model, single-threaded, in tokens
//! per second (criterion's element throughput).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsie_core::{word_tokens, Span};
use newsie_ner::Tagger;

/// News-like text: mixed case, names, places, organizations, quotes.
const TEXT: &str = "Amazon will cut hundreds of jobs in its cloud unit, Chief Executive Andy Jassy told \
staff in Seattle on Tuesday. “We are making hard choices,” he said. The company’s shares rose 2% on \
the Nasdaq, while Microsoft and Alphabet fell. European Union regulators in Brussels said they would \
review the deal with Deutsche Telekom AG, according to a statement from the European Commission. \
Former U.S. President Barack Obama visited Nairobi, Kenya, before the World Cup final in Qatar.";

fn document() -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut sentences = Vec::new();
    for _ in 0..50 {
        let start = text.len();
        text.push_str(TEXT);
        sentences.push(Span::new(start, text.len()));
        text.push('\n');
    }
    (text, sentences)
}

/// The project's own gold articles (`fixtures/*.gold.json`): varied modern
/// news, so the throughput does not flatter per-word caches by repetition.
fn fixtures() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p: &std::path::PathBuf| p.to_string_lossy().ends_with(".gold.json"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect()
}

/// Tags the repeated paragraph and the fixtures with `tagger`, in a
/// criterion group of that name.
fn bench_workloads(c: &mut Criterion, name: &str, tagger: &Tagger) {
    let (text, sentences) = document();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(word_tokens(&text).count() as u64));
    group.bench_function("tag_text", |b| {
        b.iter(|| tagger.tag(&text, &sentences).unwrap())
    });
    let articles = fixtures();
    if !articles.is_empty() {
        let tokens: u64 = articles.iter().map(|a| word_tokens(a).count() as u64).sum();
        group.throughput(Throughput::Elements(tokens));
        group.bench_function("tag_fixtures", |b| {
            b.iter(|| {
                for a in &articles {
                    tagger.tag(a, &[]).unwrap();
                }
            })
        });
    }
    group.finish();
}

fn bench_tagging(c: &mut Criterion) {
    let tagger = Tagger::embedded().expect("embedded model");
    bench_workloads(c, "ner", &tagger);
    c.bench_function("load_embedded_model", |b| {
        b.iter(|| Tagger::embedded().unwrap())
    });
}

/// The same workloads with a model read from the file named by the
/// `NEWSIE_NER_MODEL` environment variable (skipped when unset): compares a
/// candidate model, such as a two-pass one, with the embedded model under
/// the same conditions without rebuilding the crate around it.
fn bench_model_file(c: &mut Criterion) {
    let Some(path) = std::env::var_os("NEWSIE_NER_MODEL") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("NEWSIE_NER_MODEL names a readable file");
    let model = newsie_ner::Model::from_bytes(bytes).expect("a newsie NER model");
    let tagger = Tagger::with_backend(Box::new(newsie_ner::LinearBackend::new(model)));
    bench_workloads(c, "ner_model_file", &tagger);
}

criterion_group!(benches, bench_tagging, bench_model_file);
criterion_main!(benches);
