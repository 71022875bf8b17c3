//! The tagger never panics and its spans are valid on any input.

use newsie_core::Span;
use newsie_ner::Tagger;
use proptest::prelude::*;

fn check(text: &str, sentences: &[Span]) {
    let tagger = Tagger::embedded().unwrap();
    let entities = tagger.tag(text, sentences).unwrap();
    let mut last_end = 0;
    for e in &entities {
        assert!(e.start < e.end && e.end <= text.len());
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert!(e.start >= last_end, "entities overlap or are unsorted");
        assert_eq!(e.text, &text[e.start..e.end]);
        assert!((0.0..=1.0).contains(&e.score));
        last_end = e.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn never_panics(text in "\\PC{0,200}", cuts in proptest::collection::vec((0usize..300, 0usize..300), 0..5)) {
        let sentences: Vec<Span> = cuts.into_iter().map(|(a, b)| Span::new(a.min(b), a.max(b))).collect();
        check(&text, &sentences);
    }

    #[test]
    fn news_like_text(words in proptest::collection::vec("[A-Z][a-z]{0,8}|[a-z]{1,8}|’s|“|”|[0-9]{1,4}|U\\.S\\.|\\.", 0..60)) {
        let text = words.join(" ");
        check(&text, &[]);
    }
}

#[test]
fn titles_and_possessives_stay_out() {
    let tagger = Tagger::embedded().unwrap();
    let text = "Amazon CEO Andy Jassy said on Monday that Digital Commerce 360’s report was wrong.";
    let entities = tagger.tag(text, &[]).unwrap();
    let texts: Vec<&str> = entities.iter().map(|e| e.text.as_str()).collect();
    assert!(texts.contains(&"Andy Jassy"), "{texts:?}");
    assert!(texts.iter().all(|t| !t.ends_with("’s")), "{texts:?}");
}

#[test]
fn tag_tokens_matches_conll_style_input() {
    let tagger = Tagger::embedded().unwrap();
    let doc = vec![vec!["Peter", "Blackburn", "visited", "Germany", "."]];
    let entities = tagger.tag_tokens(&doc).unwrap();
    assert!(
        entities.iter().any(|e| (e.start, e.end) == (0, 2)),
        "{entities:?}"
    );
    assert!(
        entities.iter().any(|e| (e.start, e.end) == (3, 4)),
        "{entities:?}"
    );
}
