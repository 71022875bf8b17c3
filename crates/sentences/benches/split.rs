//! Throughput of `Splitter::split` on news text, and linear time on
//! degenerate inputs (no punctuation, a run of periods, a run of quotes).
//!
//! The news corpus repeats the seed article (`../shared/seed/aws-layoffs.txt`,
//! or `$NEWSIE_SHARED/seed/aws-layoffs.txt`) when it is present, else an
//! embedded paragraph, up to about 4 MB.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use newsie_sentences::Splitter;
use std::path::PathBuf;

/// A stand-in news paragraph, written for this bench.
const FALLBACK_PARAGRAPH: &str =
    "Acme Corp. said on Tuesday it would cut about 1,200 jobs, or 4.5% of \
its staff, as demand for its U.S. products slowed. The company, based in Springfield, Ill., \
reported a net loss of $31.7 million for the quarter ended Dec. 31, compared with a profit of \
$12.4 million a year earlier. “We didn’t make these decisions lightly,” Chief Executive Jane \
R. Doe said in a statement. “Our customers come first.” Shares fell 6% to $18.25 in early \
trading. Analysts at J.P. Morgan Chase & Co. had expected a smaller loss. Is the worst over? \
Not yet, said Mr. Smith, who covers the sector.\nAcme results\n";

const CORPUS_BYTES: usize = 4 << 20;

fn seed_text() -> Option<String> {
    let candidates = [
        std::env::var_os("NEWSIE_SHARED").map(PathBuf::from),
        Some(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared"
        ))),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|dir| std::fs::read_to_string(dir.join("seed/aws-layoffs.txt")).ok())
}

fn news_corpus() -> String {
    let paragraph = match seed_text() {
        Some(text) => text + "\n",
        None => {
            eprintln!("seed article absent: benchmarking the embedded paragraph");
            FALLBACK_PARAGRAPH.to_string()
        }
    };
    paragraph.repeat(CORPUS_BYTES / paragraph.len() + 1)
}

fn bench_split(c: &mut Criterion) {
    let splitter = Splitter::new();
    let inputs = [
        ("news", news_corpus()),
        (
            "no_punctuation_10MB",
            "lorem ipsum dolor sit amet ".repeat((10 << 20) / 27),
        ),
        ("periods_1MB", ".".repeat(1 << 20)),
        ("quotes_1MB", "\"".repeat(1 << 20)),
        ("spaced_periods_1MB", ". ".repeat(1 << 19)),
        ("initials_1MB", "A. b.C.d. ".repeat((1 << 20) / 10)),
    ];
    let mut group = c.benchmark_group("split");
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| b.iter(|| splitter.split(black_box(text))));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_split
}
criterion_main!(benches);
