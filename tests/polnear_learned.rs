//! The learned cue model of the wide quote scope (`models/quotes/`,
//! trained by `newsie-train-quotes`) on PolNeAR: it must keep beating the
//! rules alone on the dev split its settings were chosen on, and its test
//! figures, reported and never tuned on, must not fall under floors set a
//! hair below what `newsie eval polnear` measured when the model was
//! installed (source 0.636, cue 0.602, content 0.522 exact, against 0.614,
//! 0.592 and 0.520 for the rules alone: see `models/quotes/MANIFEST.md`);
//! about a point under, since the rules under the model keep changing. The tests skip, saying so, where
//! `../shared` is absent, and fail there instead when
//! `NEWSIE_REQUIRE_SHARED` is set.

use newsie_eval::suites::polnear::{self, PolnearScores};
use newsie_eval::Counts;
use newsie_pipeline::Pipeline;
use newsie_quotes::Attributor;

/// The pipeline of `newsie eval polnear`, with or without the cue model.
fn pipeline(learned: bool) -> Pipeline {
    let mut builder = Attributor::builder().wide_attribution(true);
    if !learned {
        builder = builder.cue_model(None);
    }
    Pipeline::builder()
        .attributor(builder.build().expect("valid settings"))
        .build()
        .expect("pipeline builds")
}

fn mean_f1(s: &PolnearScores) -> f64 {
    (s.source.f1() + s.cue.f1() + s.content.f1()) / 3.0
}

fn show(name: &str, c: Counts) -> f64 {
    eprintln!(
        "{name}: P {:.3} R {:.3} F1 {:.3} ({} right, {} predicted, {} gold)",
        c.precision(),
        c.recall(),
        c.f1(),
        c.correct,
        c.predicted,
        c.gold
    );
    c.f1()
}

#[test]
fn the_model_beats_the_rules_on_dev() {
    let Some(path) = newsie_eval::shared_file(
        "benchmarks/polnear/polnear_dev.jsonl",
        "PolNeAR dev, learned cues",
    ) else {
        return;
    };
    let docs = polnear::load(&path).expect("PolNeAR dev loads");
    let rules = polnear::evaluate(&pipeline(false), &docs).expect("pipeline runs");
    let learned = polnear::evaluate(&pipeline(true), &docs).expect("pipeline runs");
    for (name, s) in [("rules", &rules), ("learned", &learned)] {
        show(&format!("dev {name} source"), s.source);
        show(&format!("dev {name} cue"), s.cue);
        show(&format!("dev {name} content"), s.content);
    }
    assert!(
        mean_f1(&learned) > mean_f1(&rules) + 0.005,
        "learned {:.4} vs rules {:.4}",
        mean_f1(&learned),
        mean_f1(&rules)
    );
    assert!(learned.source.f1() > rules.source.f1());
    assert!(learned.cue.f1() > rules.cue.f1());
}

#[test]
fn polnear_test_floors_with_the_model() {
    let Some(path) = newsie_eval::shared_file(
        "benchmarks/polnear/polnear_test.jsonl",
        "PolNeAR test floors, learned cues",
    ) else {
        return;
    };
    let docs = polnear::load(&path).expect("PolNeAR test loads");
    let scores = polnear::evaluate(&pipeline(true), &docs).expect("pipeline runs");
    let source = show("test source exact", scores.source);
    let cue = show("test cue exact", scores.cue);
    let content = show("test content exact", scores.content);
    assert!(source >= SOURCE_FLOOR, "source exact F1 {source:.3}");
    assert!(cue >= CUE_FLOOR, "cue exact F1 {cue:.3}");
    assert!(content >= CONTENT_FLOOR, "content exact F1 {content:.3}");
}

/// Measured at installation (2026-12-06): source 0.636, cue 0.602,
/// content 0.522 exact (rules alone: 0.614, 0.592, 0.520); retrained the
/// same day on the later rules: 0.637, 0.602, 0.523.
const SOURCE_FLOOR: f64 = 0.632;
const CUE_FLOOR: f64 = 0.597;
const CONTENT_FLOOR: f64 = 0.518;
