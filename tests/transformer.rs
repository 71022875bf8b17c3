//! Parity of newsie's transformer backend with PyTorch (feature
//! `transformer`): a tiny random BERT checkpoint is written by
//! `scripts/transformer/tiny_checkpoint.py` with the torch 2.4.0 wheel that
//! libtorch comes from; newsie must split the same pieces, compute the same
//! logits (within 1e-4) and decode the same entities.
//!
//! Needs `NEWSIE_TORCH_PYTHON` (set by `scripts/transformer/setup.sh`'s
//! env.sh). Without it the test skips, saying so, unless
//! `NEWSIE_REQUIRE_TORCH=1` (as in CI) makes that a failure.
#![cfg(feature = "transformer")]

use newsie_ner::transformer::{
    BertClassifier, BertOptions, CaseType, ClassifierBackend, TokenClassifier, Window,
};
use newsie_ner::Backend;
use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> Option<PathBuf> {
    match std::env::var_os("NEWSIE_TORCH_PYTHON") {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            assert!(
                std::env::var_os("NEWSIE_REQUIRE_TORCH").is_none(),
                "NEWSIE_REQUIRE_TORCH is set but NEWSIE_TORCH_PYTHON is not: source the env.sh that scripts/transformer/setup.sh writes"
            );
            eprintln!("SKIPPED transformer parity: NEWSIE_TORCH_PYTHON is not set (run scripts/transformer/setup.sh and source its env.sh)");
            None
        }
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes the tiny checkpoint and PyTorch's reference into a fresh folder.
fn tiny_checkpoint(
    python: &Path,
    window: usize,
    case_types: bool,
) -> (tempfile::TempDir, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(python)
        .arg(repo_root().join("scripts/transformer/tiny_checkpoint.py"))
        .arg(dir.path())
        .arg(window.to_string())
        .args(case_types.then_some("--case-types"))
        .status()
        .expect("run tiny_checkpoint.py");
    assert!(status.success(), "tiny_checkpoint.py failed");
    let reference = std::fs::read_to_string(dir.path().join("reference.json")).unwrap();
    (dir, serde_json::from_str(&reference).unwrap())
}

fn sentences(reference: &serde_json::Value) -> Vec<Vec<String>> {
    serde_json::from_value(reference["sentences"].clone()).unwrap()
}

fn case_of_id(id: u8) -> CaseType {
    [
        CaseType::Lower,
        CaseType::Title,
        CaseType::Upper,
        CaseType::Mixed,
    ][usize::from(id)]
}

fn check(model_dir: &Path, reference: &serde_json::Value, window: usize) {
    let classifier = BertClassifier::load(model_dir, &BertOptions::new().window(window)).unwrap();
    let sentences = sentences(reference);

    // Pieces: the same subwords for every word, non-ASCII ones included.
    let expected_pieces: Vec<Vec<Vec<u32>>> =
        serde_json::from_value(reference["pieces"].clone()).unwrap();
    for (words, expected) in sentences.iter().zip(&expected_pieces) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(&classifier.pieces(&words).unwrap(), expected, "{words:?}");
    }

    // Case classes: the same as the Python mirror's, odd letters included.
    let case_words: Vec<(String, u8)> =
        serde_json::from_value(reference["case_words"].clone()).unwrap();
    for (word, case) in &case_words {
        assert_eq!(CaseType::of(word), case_of_id(*case), "{word:?}");
    }

    // Logits: every window, run together as one padded batch.
    let windows: Vec<Window> = reference["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let pieces: Vec<u32> = serde_json::from_value(w["ids"].clone()).unwrap();
            let cases: Vec<u8> = serde_json::from_value(w["cases"].clone()).unwrap();
            let cases = cases.into_iter().map(case_of_id).collect();
            Window { pieces, cases }
        })
        .collect();
    assert!(windows.len() > 2, "the reference must need several windows");
    let logits = classifier.logits(&windows).unwrap();
    let mut worst = 0f32;
    for (w, ours) in reference["windows"].as_array().unwrap().iter().zip(&logits) {
        let theirs: Vec<Vec<f32>> = serde_json::from_value(w["logits"].clone()).unwrap();
        let theirs: Vec<f32> = theirs.into_iter().flatten().collect();
        assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(&theirs) {
            worst = worst.max((a - b).abs());
        }
    }
    eprintln!("largest logit difference from PyTorch: {worst:e}");
    assert!(worst < 1e-4, "largest logit difference {worst}");

    // Entities: the whole backend (windows, first pieces, BIO decoding).
    let backend = ClassifierBackend::new(classifier).unwrap().batch_size(4);
    let doc: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let mut ours: Vec<(usize, usize, usize, String)> = backend
        .tag_tokens(&doc)
        .unwrap()
        .into_iter()
        .map(|e| (e.sentence, e.start, e.end, e.label.as_str().to_uppercase()))
        .collect();
    ours.sort();
    let theirs: Vec<(usize, usize, usize, String)> =
        serde_json::from_value(reference["entities"].clone()).unwrap();
    assert!(!theirs.is_empty());
    assert_eq!(ours, theirs);
}

#[test]
fn a_tiny_random_checkpoint_matches_pytorch() {
    let Some(python) = python() else { return };
    let window = 16;
    let (dir, reference) = tiny_checkpoint(&python, window, false);
    check(dir.path(), &reference, window);

    // The same checkpoint without tokenizer.json: vocab.txt alone must
    // give the same pieces (BERT's normalizer, lower case as configured).
    let bare = tempfile::tempdir().unwrap();
    for file in [
        "config.json",
        "model.safetensors",
        "vocab.txt",
        "tokenizer_config.json",
    ] {
        std::fs::copy(dir.path().join(file), bare.path().join(file)).unwrap();
    }
    check(bare.path(), &reference, window);
}

#[test]
fn a_checkpoint_with_case_types_matches_pytorch() {
    let Some(python) = python() else { return };
    let window = 16;
    let (dir, reference) = tiny_checkpoint(&python, window, true);
    // The reference must hold words of several cases, or the test would
    // not see a wrong token type.
    let cases: std::collections::BTreeSet<u64> = reference["windows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["cases"].as_array().unwrap().clone())
        .filter_map(|c| c.as_u64())
        .collect();
    assert!(cases.len() >= 3, "{cases:?}");
    check(dir.path(), &reference, window);
}

#[test]
fn text_in_gives_byte_spans_out() {
    let Some(python) = python() else { return };
    let (dir, _) = tiny_checkpoint(&python, 16, false);
    let classifier = BertClassifier::load(dir.path(), &BertOptions::new()).unwrap();
    let backend = ClassifierBackend::new(classifier).unwrap();
    let text = "Andy Jassy said Amazon’s shares rose in Zürich — naïve or not — on Monday.";
    let entities = backend.tag(text, &[]).unwrap();
    for e in &entities {
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert_eq!(e.text, &text[e.start..e.end]);
        assert!(!e.text.ends_with("’s"));
    }
}

#[test]
fn bad_checkpoints_get_clear_errors() {
    let empty = tempfile::tempdir().unwrap();
    let err = BertClassifier::load(empty.path(), &BertOptions::new()).unwrap_err();
    assert!(err.to_string().contains("config.json"), "{err}");
    let missing = BertClassifier::load("/no/such/checkpoint", &BertOptions::new()).unwrap_err();
    assert!(missing.to_string().contains("not a folder"), "{missing}");
    std::fs::write(
        empty.path().join("config.json"),
        r#"{"model_type": "roberta"}"#,
    )
    .unwrap();
    let err = BertClassifier::load(empty.path(), &BertOptions::new()).unwrap_err();
    assert!(err.to_string().contains("roberta"), "{err}");
}
