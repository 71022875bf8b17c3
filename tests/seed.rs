//! The seed article's gold loads and aligns with its text. (Its scores
//! through the whole pipeline are pinned in `tests/fixtures.rs`.)

#[test]
fn seed_gold_loads_and_aligns() {
    let Some(gold) = newsie_eval::seed_gold("seed gold alignment") else {
        return;
    };
    let gold = gold.expect("seed gold parses and every string is found in order");
    assert_eq!(gold.sentences.len(), 33);
    assert_eq!(gold.quotes.len(), 14);
    assert_eq!(gold.quantities.len(), 19);
}
