//! Throughput of `Normalizer::find`, single-threaded, on news text: the
//! seed article repeated to ~1 MB when `../shared` is present, else an
//! embedded paragraph of the same kind.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsie_numbers::Normalizer;
use std::path::PathBuf;

const FALLBACK: &str = "The carmaker said on Tuesday it would cut about 1,200 jobs, \
or nearly 4% of its workforce, after third-quarter profit fell 18 percent to $2.3 billion. \
Shares rose 3.5% in early trading in New York. The company, which ranks No. 2 in Europe, \
expects sales of between 9 million and 9.5 million vehicles this year, down from 10.1 million \
in 2025, and will spend €500m on a plant that employs several hundred people. \
Thousands of workers protested on Dec. 12, the union said, while analysts at the bank \
put the cost of the plan at up to £1.4bn, or roughly 96.4p a share.\n";

fn corpus() -> String {
    let candidates = [
        std::env::var_os("NEWSIE_SHARED").map(PathBuf::from),
        Some(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared"
        ))),
    ];
    let seed = candidates
        .into_iter()
        .flatten()
        .map(|d| d.join("seed/aws-layoffs.txt"))
        .find_map(|p| std::fs::read_to_string(p).ok());
    let unit = seed.unwrap_or_else(|| FALLBACK.to_owned());
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&unit);
        text.push('\n');
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let normalizer = Normalizer::new();
    let mut group = c.benchmark_group("numbers");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("find", |b| {
        b.iter(|| normalizer.find(std::hint::black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
