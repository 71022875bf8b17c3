//! Trains newsie's default NER model.
//!
//! ```text
//! newsie-train-ner --train TRAIN --dev DEV [--test TEST] [--clusters FILE]
//!                  [--epochs N] [--seed N] [--max-features N]
//!                  [--silver IOB2 [--silver-weight W] [--silver-gazetteer]]
//!                  [--extra IOB2 [--extra-weight W]]... [--extra-gazetteer]
//!                  [--identity-dropout P] [--second-pass] [--ensemble N]
//!                  [--update passive-aggressive|perceptron]
//!                  --out MODEL
//!                  [--dump FILE]
//! newsie-train-ner --speed MODEL [--runs N] TEXT...
//! newsie-train-ner --predict MODEL FILE...
//! ```
//!
//! `--extra` adds a further training file (IOB2, `-DOCSTART-` before each
//! document), its updates weighted by the `--extra-weight` that follows it
//! (default 1); it may be given several times, and `--extra-gazetteer` puts
//! their entities in the gazetteer too. `--second-pass` also trains a second pass over the first pass's tags
//! (see `models/ner/MANIFEST.md`); `--ensemble N` averages the weights of
//! `N` learners trained with seeds `seed..seed+N`; `--update` picks how a
//! training token moves the weights (passive-aggressive steps by default, or
//! the perceptron's); `--dump` writes the test file's tokens
//! with gold and predicted tags for error analysis; `--speed` times
//! single-threaded tagging of text files with a model file; `--predict`
//! prints every entity (with its exact score) a model finds in text files
//! and CoNLL files (`*.iob2.txt`), to check that a change to tagging keeps
//! its output identical.

use newsie_ner::train::{train, TrainConfig, Update};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--speed") {
        return speed(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("--predict") {
        return predict(&args[1..]);
    }
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (Some(train_path), Some(dev), Some(out)) =
        (value("--train"), value("--dev"), value("--out"))
    else {
        eprintln!("usage: newsie-train-ner --train TRAIN --dev DEV [--test TEST] [--clusters FILE] [--epochs N] [--seed N] [--max-features N] [--silver IOB2 [--silver-weight W] [--silver-gazetteer]] [--extra IOB2 [--extra-weight W]]... [--extra-gazetteer] [--identity-dropout P] [--second-pass] [--ensemble N] [--update passive-aggressive|perceptron] --out MODEL");
        return ExitCode::from(2);
    };
    let mut config = TrainConfig::new(train_path, dev);
    if let Some(t) = value("--test") {
        config = config.test(t);
    }
    if let Some(c) = value("--clusters") {
        config = config.clusters(c);
    }
    let number = |name: &str| value(name).and_then(|v| v.parse::<usize>().ok());
    if let Some(n) = number("--epochs") {
        config = config.epochs(n);
    }
    if let Some(n) = number("--seed") {
        config = config.seed(n as u64);
    }
    if let Some(n) = number("--ensemble") {
        config = config.ensemble(n);
    }
    if let Some(n) = number("--max-features") {
        config = config.max_features(n);
    }
    let float = |name: &str| value(name).and_then(|v| v.parse::<f64>().ok());
    if let Some(path) = value("--silver") {
        config = config.silver(path, float("--silver-weight").unwrap_or(1.0) as f32);
    }
    if args.iter().any(|a| a == "--silver-gazetteer") {
        config = config.silver_gazetteer(true);
    }
    match extra_files(&args) {
        Ok(extra) => {
            for (path, weight) in extra {
                config = config.extra(path, weight);
            }
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    if args.iter().any(|a| a == "--extra-gazetteer") {
        config = config.extra_gazetteer(true);
    }
    if args.iter().any(|a| a == "--second-pass") {
        config = config.second_pass(true);
    }
    if let Some(p) = float("--identity-dropout") {
        config = config.identity_dropout(p);
    }
    match value("--update").as_deref() {
        None | Some("passive-aggressive") => {}
        Some("perceptron") => config = config.update(Update::Perceptron),
        Some(other) => {
            eprintln!(
                "--update is `passive-aggressive` (the default) or `perceptron`, not `{other}`"
            );
            return ExitCode::from(2);
        }
    }
    let started = std::time::Instant::now();
    let trained = match train(&config, |line| {
        eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64())
    }) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&out, &trained.bytes) {
        eprintln!("error: cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    if let (Some(dump), Some(t)) = (value("--dump"), value("--test")) {
        let model = newsie_ner::Model::from_bytes(trained.bytes.clone()).expect("model");
        let docs = newsie_ner::train::read_conll(std::path::Path::new(&t)).expect("test");
        let _ = std::fs::write(dump, newsie_ner::train::dump_predictions(&model, &docs));
    }
    eprintln!(
        "[{:>6.1}s] wrote {out}: {} bytes, epoch {}, {} features; dev (unpruned) {}; dev {}{}",
        started.elapsed().as_secs_f64(),
        trained.bytes.len(),
        trained.epoch,
        trained.features,
        trained.dev_unpruned.summary(),
        trained.dev.summary(),
        trained
            .test
            .map(|t| format!("; test {}", t.summary()))
            .unwrap_or_default()
    );
    ExitCode::SUCCESS
}

/// The `--extra FILE` arguments in order, each with the `--extra-weight W`
/// that follows it before the next `--extra` (1 when none does).
fn extra_files(args: &[String]) -> Result<Vec<(String, f32)>, String> {
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut weighted = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--extra" => {
                let path = args.get(i + 1).ok_or("--extra needs a file")?;
                out.push((path.clone(), 1.0));
                weighted = false;
                i += 1;
            }
            "--extra-weight" => {
                let w = args
                    .get(i + 1)
                    .and_then(|w| w.parse::<f32>().ok())
                    .ok_or("--extra-weight needs a number")?;
                match out.last_mut() {
                    Some(last) if !weighted => last.1 = w,
                    _ => return Err("each --extra-weight follows its own --extra FILE".into()),
                }
                weighted = true;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(out)
}

/// `--speed MODEL [--runs N] TEXT...`: single-threaded tagging throughput
/// of a model file over text files, best of `N` runs (default 40; a quick
/// check, `cargo bench` is the measure; `--runs 1` suits instruction
/// counting under callgrind).
fn speed(args: &[String]) -> ExitCode {
    use newsie_ner::Backend;
    let Some((model, mut files)) = args.split_first() else {
        return ExitCode::from(2);
    };
    let mut runs = 40;
    if files.first().map(String::as_str) == Some("--runs") {
        let Some(n) = files.get(1).and_then(|n| n.parse::<usize>().ok()) else {
            eprintln!("--runs needs a number");
            return ExitCode::from(2);
        };
        runs = n.max(1);
        files = &files[2..];
    }
    let bytes = std::fs::read(model).expect("model file");
    let backend =
        newsie_ner::LinearBackend::new(newsie_ner::Model::from_bytes(bytes).expect("model"));
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let tokens: usize = texts
        .iter()
        .map(|t| newsie_core::word_tokens(t).count())
        .sum();
    let mut best = f64::MAX;
    for _ in 0..runs {
        let started = std::time::Instant::now();
        for t in &texts {
            let _ = backend.tag(t, &[]);
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!("{tokens} tokens, {:.0} tokens/s", tokens as f64 / best);
    ExitCode::SUCCESS
}

/// `--predict MODEL FILE...`: every entity the model finds, with its score,
/// one per line (CoNLL files by token index, text files by byte offset).
fn predict(args: &[String]) -> ExitCode {
    use newsie_ner::Backend;
    use std::fmt::Write;
    let Some((model, files)) = args.split_first() else {
        return ExitCode::from(2);
    };
    let bytes = std::fs::read(model).expect("model file");
    let backend =
        newsie_ner::LinearBackend::new(newsie_ner::Model::from_bytes(bytes).expect("model"));
    let mut out = String::new();
    for file in files {
        let _ = writeln!(out, "# {file}");
        if file.ends_with(".iob2.txt") {
            let docs = newsie_ner::train::read_conll(std::path::Path::new(file)).expect("conll");
            for (d, doc) in docs.iter().enumerate() {
                let words: Vec<Vec<&str>> = doc
                    .iter()
                    .map(|s| s.words.iter().map(String::as_str).collect())
                    .collect();
                for e in backend.tag_tokens(&words).expect("tagging") {
                    let _ = writeln!(out, "{d} {e:?}");
                }
            }
        } else {
            let text = std::fs::read_to_string(file).expect("text file");
            for e in backend.tag(&text, &[]).expect("tagging") {
                let _ = writeln!(out, "{e:?}");
            }
        }
    }
    print!("{out}");
    ExitCode::SUCCESS
}
