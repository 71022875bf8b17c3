//! The motivating article, `../shared/seed/aws-layoffs.txt`, through the
//! whole pipeline, scored against its gold.

use newsie_core::Document;
use newsie_eval::compare::score_document;
use newsie_pipeline::Pipeline;

#[test]
fn seed_gold_loads_and_aligns() {
    let Some(gold) = newsie_eval::seed_gold("seed gold alignment") else {
        return;
    };
    let gold = gold.expect("seed gold parses and every string is found in order");
    assert_eq!(gold.sentences.len(), 33);
    assert_eq!(gold.quotes.len(), 14);
    assert_eq!(gold.quantities.len(), 18);
}

#[test]
fn seed_pipeline_scores() {
    let Some(gold) = newsie_eval::seed_gold("seed pipeline scores") else {
        return;
    };
    let gold = gold.unwrap();
    let pipeline = Pipeline::builder().build().unwrap();
    let record = pipeline
        .process(&Document::new("seed", gold.text.clone()))
        .unwrap();
    record.validate(&gold.text).unwrap();
    let scores = score_document(&gold, &record);
    for miss in &scores.misses {
        eprintln!("{miss}");
    }
    eprintln!("sentences F1 {:.3}", scores.sentences.f1());
    eprintln!("entities F1 {:.3}", scores.entities.micro().f1());
}
