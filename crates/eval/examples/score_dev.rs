//! Scores the embedded tagger on the development data only: CoNLL-2003 dev
//! (`dev.iob2.txt`) through gold tokens and through the text path, and the
//! fixtures' dev half. Post-decoding rules are tuned on these figures; the
//! test sets are reported, never tuned on.
//!
//! ```sh
//! cargo run --release -p newsie-eval --example score_dev -- [--shared DIR] [--dump FILE]
//! ```
//!
//! `--dump FILE` writes the token path's entities on CoNLL dev, one per line
//! (document, sentence, tokens, gold and predicted labels with scores), for
//! reading what a rule would fix and what it would break.

use newsie_core::EntityLabel;
use newsie_eval::suites::{conll, gold_docs};
use newsie_ner::Tagger;
use newsie_pipeline::Pipeline;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let shared = value("--shared")
        .map(PathBuf::from)
        .or_else(newsie_eval::shared_dir)
        .ok_or("no shared data: pass --shared DIR")?;
    let dev = shared.join("benchmarks/conll2003/dev.iob2.txt");
    let docs = conll::read(&dev)?;
    let tagger = Tagger::embedded()?;

    let scores = conll::score(&tagger, &docs, &dev)?;
    for (label, c) in &scores.by_name {
        print_counts("conll dev", label, c);
    }
    print_counts("conll dev", "micro", &scores.micro());

    let pipeline = Pipeline::builder().build()?;
    let text = conll::score_text(&pipeline, &docs, &dev)?;
    print_counts("conll dev (text)", "micro", &text.micro());

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let fixtures = gold_docs::fixtures(&pipeline, &root.join("fixtures"))?;
    for row in &fixtures.rows {
        if row.component == "entities dev" {
            print_counts("fixtures dev", &row.label, &row.counts);
        }
    }

    if let Some(path) = value("--dump") {
        std::fs::write(path, errors(&tagger, &docs)?)?;
    }
    Ok(())
}

fn print_counts(what: &str, label: &str, c: &newsie_eval::Counts) {
    println!(
        "{what:<18} {label:<6} P {:.4} R {:.4} F1 {:.4}  {}/{}/{}",
        c.precision(),
        c.recall(),
        c.f1(),
        c.correct,
        c.predicted,
        c.gold
    );
}

/// The token path's entities on `docs`, right and wrong: each gold entity
/// with what the tagger gave it (`ok` where it is right), and each
/// predicted entity that is no gold one.
fn errors(
    tagger: &Tagger,
    docs: &[conll::ConllDocument],
) -> Result<String, Box<dyn std::error::Error>> {
    let mut out = String::new();
    for (d, doc) in docs.iter().enumerate() {
        let sentences: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let predicted: BTreeMap<(usize, usize, usize), (EntityLabel, f32)> = tagger
            .tag_tokens(&sentences)?
            .into_iter()
            .map(|e| ((e.sentence, e.start, e.end), (e.label, e.score)))
            .collect();
        let gold: BTreeMap<(usize, usize, usize), EntityLabel> = doc
            .iter()
            .enumerate()
            .flat_map(|(s, sent)| sent.entities.iter().map(move |&(a, b, k)| ((s, a, b), k)))
            .collect();
        let words = |&(s, a, b): &(usize, usize, usize)| sentences[s][a..b].join(" ");
        let mut line = |key: &(usize, usize, usize), gold: &str, pred: String, right: bool| {
            writeln!(
                out,
                "{d}\t{}\t{}\tgold {gold}\tpred {pred}\t{}\t{}",
                key.0,
                words(key),
                if right { "ok" } else { "error" },
                sentences[key.0].join(" ")
            )
        };
        for (key, label) in &gold {
            match predicted.get(key) {
                Some((p, score)) => line(
                    key,
                    label.as_str(),
                    format!("{} {score:.3}", p.as_str()),
                    p == label,
                )?,
                None => line(key, label.as_str(), "-".into(), false)?,
            }
        }
        for (key, (p, score)) in &predicted {
            if !gold.contains_key(key) {
                line(key, "-", format!("{} {score:.3}", p.as_str()), false)?;
            }
        }
    }
    Ok(out)
}
