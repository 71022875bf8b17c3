//! Scores a linear NER model file without installing it: the figures that
//! `newsie eval conll2003 crossner fixtures seed` gives with that model in
//! place of the embedded one, one line each, so that candidate models can be
//! compared while `models/ner/newsie-ner.bin` stays as it is.
//!
//! ```sh
//! cargo run --release -p newsie-eval --example score_model -- MODEL.bin [--shared DIR]
//! ```
//!
//! Of the fixtures' test half it prints the entity micro figure alone: that
//! half is reported, never looked into (see `fixtures/splits.tsv`).

use newsie_eval::report::SuiteReport;
use newsie_eval::suites::{conll, crossner, gold_docs};
use newsie_ner::{LinearBackend, Model, Tagger};
use newsie_pipeline::Pipeline;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model = args
        .first()
        .ok_or("usage: score_model MODEL.bin [--shared DIR]")?;
    let shared = args
        .iter()
        .position(|a| a == "--shared")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .or_else(newsie_eval::shared_dir)
        .ok_or("no shared data: pass --shared DIR")?;
    let tagger = || -> Result<Tagger, Box<dyn std::error::Error>> {
        let bytes = std::fs::read(model)?;
        let backend = LinearBackend::new(Model::from_bytes(bytes)?);
        Ok(Tagger::with_backend(Box::new(backend)))
    };
    let pipeline = Pipeline::builder().tagger(tagger()?).build()?;
    let bench = shared.join("benchmarks");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    println!("model {model}");

    let report = conll::report_pipeline(&pipeline, &bench.join("conll2003"))?;
    print_rows(&report, |c, _| c.starts_with("entities"));

    let report = crossner::report_pipeline(&pipeline, &bench.join("crossner"))?;
    print_rows(&report, |_, _| true);

    let seed = gold_docs::single(
        &pipeline,
        "seed",
        &shared.join("seed/aws-layoffs.gold.json"),
    )?;
    print_rows(&seed, |c, l| c == "entities" && l == "micro");

    let fixtures = gold_docs::fixtures(&pipeline, &root.join("fixtures"))?;
    print_rows(&fixtures, |c, l| {
        c == "entities" || c == "entities dev" || (c == "entities test" && l == "micro")
    });
    Ok(())
}

/// Prints the rows `keep` accepts, tagged with the suite's first word.
fn print_rows(report: &SuiteReport, keep: impl Fn(&str, &str) -> bool) {
    let suite = report.suite.split_whitespace().next().unwrap_or_default();
    for row in &report.rows {
        if keep(&row.component, &row.label) {
            println!(
                "{suite}\t{}\t{}\tP {:.4}\tR {:.4}\tF1 {:.4}\t{}/{}/{}",
                row.component,
                row.label,
                row.precision,
                row.recall,
                row.f1,
                row.counts.correct,
                row.counts.predicted,
                row.counts.gold
            );
        }
    }
}
