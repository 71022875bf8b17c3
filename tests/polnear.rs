//! Quote attribution: the seed article's 14 quotes (kind, speaker,
//! resolution, speaker kind, cue) and the PolNeAR test split, through the
//! whole pipeline. Floors are measured figures (2025 first version: source
//! 0.478, cue 0.487, content 0.489 exact; 0.498 / 0.521 / 0.577 lenient),
//! set a hair below.

use newsie_core::Document;
use newsie_eval::compare::score_document;
use newsie_eval::suites::polnear;
use newsie_pipeline::Pipeline;

#[test]
fn seed_quotes_are_all_right() {
    let Some(gold) = newsie_eval::seed_gold("seed quote attribution") else {
        return;
    };
    let gold = gold.expect("seed gold loads");
    let pipeline = Pipeline::builder().build().expect("pipeline builds");
    let record = pipeline
        .process(&Document::new("seed", gold.text.clone()))
        .expect("pipeline runs");
    record.validate(&gold.text).expect("valid record");
    let scores = score_document(&gold, &record);
    for miss in scores.misses.iter().filter(|m| m.contains("quote")) {
        eprintln!("{miss}");
    }
    assert_eq!(gold.quotes.len(), 14);
    for field in [
        "found",
        "span",
        "kind",
        "speaker",
        "speaker_resolved",
        "speaker_kind",
        "cue",
    ] {
        let counts = scores.quotes.by_name[field];
        eprintln!(
            "seed quotes {field}: {}/{} (predicted {})",
            counts.correct, counts.gold, counts.predicted
        );
        assert_eq!(counts.correct, 14, "seed quotes: {field}");
        assert_eq!(
            counts.predicted, 14,
            "seed quotes: no spurious quote ({field})"
        );
    }
}

#[test]
fn polnear_test_floors() {
    let Some(path) = newsie_eval::shared_file(
        "benchmarks/polnear/polnear_test.jsonl",
        "PolNeAR test floors",
    ) else {
        return;
    };
    let docs = polnear::load(&path).expect("PolNeAR test loads");
    assert_eq!(docs.len(), 84, "one annotator per article");
    let pipeline = Pipeline::builder().build().expect("pipeline builds");
    let scores = polnear::evaluate(&pipeline, &docs).expect("pipeline runs");
    let report = |name: &str, c: newsie_eval::Counts| {
        eprintln!(
            "PolNeAR test {name}: P {:.3} R {:.3} F1 {:.3} ({} right, {} predicted, {} gold)",
            c.precision(),
            c.recall(),
            c.f1(),
            c.correct,
            c.predicted,
            c.gold
        );
        c.f1()
    };
    let source = report("source exact", scores.source);
    let cue = report("cue exact", scores.cue);
    let content = report("content exact", scores.content);
    let source_lenient = report("source lenient", scores.source_lenient);
    let cue_lenient = report("cue lenient", scores.cue_lenient);
    let content_lenient = report("content lenient", scores.content_lenient);
    assert!(source >= 0.47, "source exact F1 {source:.3}");
    assert!(cue >= 0.48, "cue exact F1 {cue:.3}");
    assert!(content >= 0.48, "content exact F1 {content:.3}");
    assert!(
        source_lenient >= 0.49,
        "source lenient F1 {source_lenient:.3}"
    );
    assert!(cue_lenient >= 0.51, "cue lenient F1 {cue_lenient:.3}");
    assert!(
        content_lenient >= 0.57,
        "content lenient F1 {content_lenient:.3}"
    );
}
