//! CPU time of the whole pipeline on 8 MB of each hostile pattern of
//! `tests/adversarial_patterns.rs`, one thread, one document each (issue
//! 26's target: under 10 CPU-s each on the project's 2-core machine).
//!
//! ```sh
//! cargo bench -p newsie-pipeline --bench adversarial            # 8 MB
//! ADVERSARIAL_MB=2 cargo bench -p newsie-pipeline --bench adversarial
//! ```
//!
//! Each line gives the pattern, the seconds of one `Pipeline::process`
//! (single-threaded, so wall time is its CPU time on an idle machine), the
//! throughput and the output's size as a multiple of the input.

use newsie_core::Document;
use newsie_pipeline::Pipeline;
use std::time::Instant;

#[path = "../../../tests/adversarial_patterns.rs"]
mod adversarial_patterns;

fn main() {
    // `cargo bench` passes `--bench`; a filter word picks patterns.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let megabytes: usize = std::env::var("ADVERSARIAL_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let size = megabytes << 20;
    let pipeline = Pipeline::builder().build().expect("the pipeline builds");
    println!(
        "{:<26} {:>8} {:>9} {:>8}",
        "pattern", "seconds", "MB/s", "out/in"
    );
    for (label, make) in adversarial_patterns::patterns() {
        if !filter.is_empty() && !filter.iter().any(|f| label.contains(f.as_str())) {
            continue;
        }
        let text = make(size);
        let doc = Document::new(label, text);
        let started = Instant::now();
        let record = pipeline.process(&doc).expect("annotated");
        let seconds = started.elapsed().as_secs_f64();
        let out = serde_json::to_string(&record).expect("serializes").len();
        println!(
            "{label:<26} {seconds:>8.2} {:>9.2} {:>7.1}x",
            doc.text().len() as f64 / 1e6 / seconds,
            out as f64 / doc.text().len() as f64,
        );
    }
}
