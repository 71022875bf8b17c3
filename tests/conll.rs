//! Accuracy floors of the embedded NER model on CoNLL-2003 test, CoNLL++,
//! the seed article and the project's fixtures. Each floor is a hair under the figure measured when the
//! model was trained (see `models/ner/MANIFEST.md`); the tests skip, saying
//! so, where `../shared` is absent.

use newsie_eval::shared_file;
use newsie_eval::suites::conll;
use newsie_ner::Tagger;
use std::path::Path;

fn report(name: &str, scores: &newsie_eval::Scores) -> f64 {
    let micro = scores.micro();
    eprintln!(
        "{name}: P {:.4} R {:.4} F1 {:.4}",
        micro.precision(),
        micro.recall(),
        micro.f1()
    );
    for (label, c) in &scores.by_name {
        eprintln!(
            "  {label}: P {:.4} R {:.4} F1 {:.4}",
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    micro.f1()
}

fn f1_on(path: &Path, name: &str) -> f64 {
    let tagger = Tagger::embedded().expect("the embedded model loads");
    let scores = conll::evaluate_file(&tagger, path).expect("the suite is readable");
    report(name, &scores)
}

#[test]
fn conll2003_test_f1_floor() {
    let Some(path) = shared_file(
        "benchmarks/conll2003/test.iob2.txt",
        "CoNLL-2003 test F1 floor",
    ) else {
        return;
    };
    let f1 = f1_on(&path, "CoNLL-2003 test");
    assert!(
        f1 >= CONLL_TEST_FLOOR,
        "CoNLL-2003 test F1 {f1:.4} fell under {CONLL_TEST_FLOOR}"
    );
}

/// The test set written as plain text (tokens joined by spaces, sentences
/// by line breaks) through the whole pipeline, as `newsie extract` sees it.
#[test]
fn conll2003_test_text_path_f1_floor() {
    let Some(path) = shared_file(
        "benchmarks/conll2003/test.iob2.txt",
        "CoNLL-2003 test through the text path",
    ) else {
        return;
    };
    let pipeline = newsie_pipeline::Pipeline::builder().build().unwrap();
    let docs = conll::read(&path).expect("the suite is readable");
    let scores = conll::score_text(&pipeline, &docs, &path).expect("the pipeline runs");
    let f1 = report("CoNLL-2003 test, text path", &scores);
    assert!(
        f1 >= CONLL_TEXT_FLOOR,
        "CoNLL-2003 test F1 through the text path {f1:.4} fell under {CONLL_TEXT_FLOOR}"
    );
}

#[test]
fn conllpp_test_f1_floor() {
    let Some(path) = shared_file(
        "benchmarks/conll2003/conllpp_test.conll",
        "CoNLL++ F1 floor",
    ) else {
        return;
    };
    let f1 = f1_on(&path, "CoNLL++ test");
    assert!(
        f1 >= CONLLPP_FLOOR,
        "CoNLL++ F1 {f1:.4} fell under {CONLLPP_FLOOR}"
    );
}

#[test]
fn original_iob1_file_scores_like_the_iob2_one() {
    let (Some(iob1), Some(iob2)) = (
        shared_file(
            "benchmarks/conll2003/eng.testb.iob1.conll",
            "IOB1/IOB2 agreement",
        ),
        shared_file("benchmarks/conll2003/test.iob2.txt", "IOB1/IOB2 agreement"),
    ) else {
        return;
    };
    let gold = |p: &Path| -> usize {
        conll::read(p)
            .unwrap()
            .iter()
            .flatten()
            .map(|s| s.entities.len())
            .sum()
    };
    assert_eq!(gold(&iob1), 5648);
    assert_eq!(gold(&iob2), 5648);
}

/// Seed article: predicted (text, label) pairs against the gold list, in
/// multiset fashion; gold entities marked optional neither count nor
/// penalise.
#[test]
fn seed_entity_f1_floor() {
    // Scored as `newsie eval seed` scores it: the whole pipeline, exact
    // span and label, optional gold entities ignored.
    let Some(path) = shared_file("seed/aws-layoffs.gold.json", "seed entity F1") else {
        return;
    };
    let pipeline = newsie_pipeline::Pipeline::builder().build().unwrap();
    let report = newsie_eval::suites::gold_docs::single(&pipeline, "seed", &path).unwrap();
    let f1 = report.row("entities", "micro").unwrap().f1;
    eprintln!("seed entity F1 {f1:.4}");
    assert!(
        f1 >= SEED_FLOOR,
        "seed entity F1 {f1:.4} fell under {SEED_FLOOR}"
    );
}

/// The project's own gold articles (`fixtures/*.gold.json`, modern news):
/// entity-level micro F1 of the whole default pipeline (so the sentence
/// splitter's spans take part, as they do in `newsie extract`).
#[test]
fn fixtures_entity_f1_floor() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let docs = newsie_eval::suites::gold_docs::load_dir(&dir).expect("the fixtures load");
    assert!(!docs.is_empty(), "no fixtures under {}", dir.display());
    let pipeline = newsie_pipeline::Pipeline::builder()
        .build()
        .expect("the default pipeline builds");
    let scores = newsie_eval::suites::gold_docs::score(&pipeline, &docs).expect("fixtures score");
    let micro = scores.entities.micro();
    eprintln!(
        "fixtures entities: P {:.4} R {:.4} F1 {:.4}",
        micro.precision(),
        micro.recall(),
        micro.f1()
    );
    assert!(
        micro.f1() >= FIXTURES_FLOOR,
        "fixtures entity F1 {:.4} fell under {FIXTURES_FLOOR}",
        micro.f1()
    );
}

// The installed model is the single-pass one with document contexts,
// agreement silver data, name chains, line shapes and GloVe word classes
// (four k-means clusterings and the neighbours' entity-type vote), six
// passive-aggressive learners averaged, tagged with names closed before
// scores and dates and title-case headlines recased, names extended over a
// number that a possessive follows, `X-based` read as the place X, `Rep. X`
// as the person X and a person named like a company (`Hoshino Foods`) as
// the company (models/ner/MANIFEST.md), and a name with `& Co.` after it
// read as the firm: CoNLL-2003 test 0.8961, CoNLL++ 0.8986, seed 0.7273,
// fixtures 0.8550 (over five seed sets the trainer's CoNLL test figure is
// 0.8959-0.8985, mean 0.8971). Since 2026-12-06 it is also trained on
// CrossNER's train files at weight 0.3 (`aa0c8a04…`): CoNLL-2003 test
// 0.8986, text path 0.8936, CoNLL++ 0.9012, seed 0.7273, all thirty
// fixtures 0.8215 (trainer's CoNLL test 0.8995-0.9005 over four seed sets);
// the floors below follow it. The fixtures move by up to 2.5 points and
// the seed article by up to 6 between training seeds (over the same five
// seed sets: fixtures 0.849-0.861, seed 0.727), so their floors follow the
// installed model, not the best seed seen. The two-pass model described
// there is not installed: it tags under the 1M tokens/s floor and, trained
// the same way, scored no higher. The document consistency pass of the
// 11th session (crates/ner/src/consistency.rs, tuned on CoNLL dev): CoNLL
// test 0.9018, CoNLL++ 0.9046, text path 0.8971, all thirty fixtures 0.851.
const CONLL_TEST_FLOOR: f64 = 0.9;
/// Measured on 2026-12-06 (`newsie eval conll2003`, row `entities test
/// (text)`): 0.8921 once the tokenizer kept initials and abbreviations with
/// their dots (0.885 before). The rest of the gap to the token path is the
/// reconstructed text's CoNLL tokens (`U.S` without its dot, `MOODY 'S`,
/// `C$` read as a currency) and newsie's own conventions (`Milan-based` is
/// the place Milan).
const CONLL_TEXT_FLOOR: f64 = 0.896;
const CONLLPP_FLOOR: f64 = 0.903;
const SEED_FLOOR: f64 = 0.727;
/// All thirty fixtures since 2026-12-06 (0.8103; the first fifteen give
/// 0.857; 0.8215 with the model trained with CrossNER): see
/// `tests/fixtures.rs` for the halves.
const FIXTURES_FLOOR: f64 = 0.845;
