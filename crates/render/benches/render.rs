//! How fast a page is drawn: the project's fixture articles through the
//! pipeline once, then `Page::to_html` timed.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsie_core::Document;
use newsie_pipeline::Pipeline;
use newsie_render::Page;
use std::path::Path;

fn fixture_page() -> (Page, u64) {
    let pipeline = Pipeline::builder()
        .build()
        .expect("the embedded models load");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut page = Page::new();
    let mut bytes = 0;
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a UTF-8 fixture");
        let id = path.file_name().unwrap().to_string_lossy().into_owned();
        let record = pipeline
            .process(&Document::new(id.clone(), text.clone()))
            .unwrap();
        bytes += text.len() as u64;
        page.add_document(id, text, &record).unwrap();
    }
    (page, bytes)
}

fn bench(c: &mut Criterion) {
    let (page, bytes) = fixture_page();
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("fixtures_to_html", |b| b.iter(|| page.to_html()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
