//! CoNLL-2003 floors of the project's fine-tuned checkpoint
//! (`models/ner-transformer`) run through newsie's transformer backend
//! (feature `transformer`). The floors are a hair under the figures in
//! `models/ner-transformer/MANIFEST.md`, which PyTorch gives too. Skips,
//! saying so, where `../shared` is absent.
#![cfg(feature = "transformer")]

use newsie_eval::shared_file;
use newsie_eval::suites::conll;
use newsie_ner::transformer::{BertClassifier, BertOptions, ClassifierBackend};
use newsie_ner::Tagger;
use std::path::Path;

const CONLL_TEST_FLOOR: f64 = 0.887;
const CONLLPP_FLOOR: f64 = 0.894;

fn tagger() -> Tagger {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/ner-transformer");
    let model = BertClassifier::load(&dir, &BertOptions::new()).expect("the checkpoint loads");
    Tagger::with_backend(Box::new(ClassifierBackend::new(model).unwrap()))
}

#[test]
fn the_checkpoint_keeps_its_conll_scores() {
    let Some(test) = shared_file(
        "benchmarks/conll2003/test.iob2.txt",
        "transformer CoNLL-2003 floors",
    ) else {
        return;
    };
    let tagger = tagger();
    for (path, floor, name) in [
        (test.clone(), CONLL_TEST_FLOOR, "CoNLL-2003 test"),
        (
            test.with_file_name("conllpp_test.conll"),
            CONLLPP_FLOOR,
            "CoNLL++",
        ),
    ] {
        let scores = conll::evaluate_file(&tagger, &path).expect("the suite is readable");
        let f1 = scores.micro().f1();
        eprintln!("transformer {name}: F1 {f1:.4}");
        assert!(f1 >= floor, "{name} F1 {f1:.4} fell under {floor}");
    }
}
