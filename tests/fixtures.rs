//! The whole pipeline on the project's own gold fixtures (`fixtures/`),
//! with a floor per component so that no change lowers accuracy silently.
//! The floors are measured figures, set a hair below what was measured
//! (see the README for the figures and the command).

use newsie_core::Span;
use newsie_eval::report::SuiteReport;
use newsie_eval::suites::gold_docs;
use newsie_pipeline::Pipeline;
use std::path::Path;

fn report() -> SuiteReport {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let pipeline = Pipeline::builder().build().unwrap();
    gold_docs::fixtures(&pipeline, &dir).expect("every fixture's gold aligns with its text")
}

/// (component, label, minimum F1), over all fixtures and over the test
/// half (`fixtures/splits.tsv`), which nothing is tuned on. Measured on
/// 2026-12-06 with `newsie eval fixtures`, once the fifteen fixtures in the
/// missing styles were added (30 articles: dev 20, test 10). All: sentences
/// 0.995, entities 0.810, quotes found 0.988, speaker 0.945, resolved 0.881,
/// kind 0.941, cue 0.978, quantities found 0.879, every field 0.872. Test
/// half: entities 0.768, quotes found 0.995, resolved 0.870, kind 0.933,
/// quantities found 0.763, every field 0.742 (the new fixtures follow the
/// spec's units of measure, which the numbers stage does not read yet). The
/// entity figures move by up to 2.5 points between NER models trained alike
/// but for their seed (`models/ner/MANIFEST.md`). Then units of measure
/// were read and the first fifteen fixtures' measures moved to the spec's
/// rule (`41 seconds`, not `41`): quantities found 0.975 over all, 0.964 on
/// the test half, every field 0.975 / 0.964. Products run on over their
/// model numbers (`Airbus A350`): entities 0.814, test half 0.771. A
/// quote that runs on into the next paragraph is one record (the three in
/// the fixtures merged): speaker resolved 0.8799 over all. The NER model
/// trained with CrossNER's text (`models/ner/MANIFEST.md`, 2026-12-06):
/// entities 0.8215 over all, 0.8452 on the dev half, 0.7797 on the test half.
/// Products run on over their model numbers (`crates/ner/src/products.rs`,
/// 11th session): entities 0.8413 over all, 0.7980 on the test half. Quote
/// resolution rules of the same session: speaker resolved 0.924 over all,
/// 0.881 on the test half; speaker 0.958, speaker kind 0.948.
/// Later in the 11th session (document consistency of entity labels;
/// quote rules for appositions, shared subjects, coordinated cues):
/// entities 0.851 over all, 0.812 on the test half; quotes found 0.997,
/// speaker 0.980, resolved 0.953, kind 0.973, cue 0.990; test half found
/// 1.000, resolved 0.907, kind 0.959; quantities every field 0.994.
/// Last, a name with a party tag or age after a quote (`“...,” Mitch
/// McConnell, R-Ky., said`), found on PolNeAR text: speaker 0.987, resolved
/// 0.960, kind 0.983; test half resolved 0.928, kind 0.979.
/// The new fields over matched gold quantities (11th session): dimension
/// 1.000, bound 1.000, change 0.974 (a change verb may now reach `by` over a
/// longer object: `cut fuel burn per seat by about 20%`).
/// Twelfth session: six new dev articles in the weakest styles (product,
/// entertainment, health, British business; 36 in all), and rules found on
/// them and on the dev half: entities 0.869 over all (dev 0.889, test
/// 0.825); quotes found 0.999, speaker 0.993, resolved 0.976, kind 0.996,
/// cue 0.999; test half resolved 0.938, kind 0.990; quantities 0.996 (test
/// 0.987), change 0.978.
/// Thirteenth session: products and works named by a word of their own,
/// typed MISC from the words around one mention (`its Tally budgeting app`,
/// `Ashen Crown, the ... game`), a kind noun beside a name (`the campaign
/// group X`), joined names (`Board of Elections`, `James Webb Space
/// Telescope`, `X2 Pro`): entities 0.928 over all (dev 0.950, test 0.876;
/// MISC 0.876).
const FLOORS: &[(&str, &str, f64)] = &[
    ("sentences", "exact span", 0.99),
    ("entities", "micro", 0.92),
    ("entities dev", "micro", 0.94),
    ("entities", "MISC", 0.865),
    ("quotes", "found", 0.99),
    ("quotes", "speaker", 0.985),
    ("quotes", "speaker_resolved", 0.97),
    ("quotes", "speaker_kind", 0.99),
    ("quotes", "cue", 0.99),
    ("quantities", "found", 0.99),
    ("quantities", "all", 0.99),
    ("quantities", "dimension", 0.995),
    ("quantities", "change", 0.975),
    ("quantities", "bound", 0.995),
    ("entities test", "micro", 0.865),
    ("quotes test", "found", 0.99),
    ("quotes test", "speaker_resolved", 0.93),
    ("quotes test", "speaker_kind", 0.98),
    ("quantities test", "found", 0.975),
    ("quantities test", "all", 0.975),
];

#[test]
fn fixtures_meet_their_floors() {
    let report = report();
    eprint!("{}", report.table());
    assert!(
        report.row("sentences", "exact span").unwrap().counts.gold >= 500,
        "the fixtures are all there"
    );
    let mut below = Vec::new();
    for &(component, label, floor) in FLOORS {
        let row = report
            .row(component, label)
            .unwrap_or_else(|| panic!("no row {component}/{label}"));
        if row.f1 < floor {
            below.push(format!(
                "{component}/{label}: F1 {:.4} < floor {floor}",
                row.f1
            ));
        }
    }
    assert!(below.is_empty(), "below the floors:\n{}", below.join("\n"));
}

#[test]
fn seed_article_comes_out_right() {
    let Some(path) = newsie_eval::shared_file("seed/aws-layoffs.gold.json", "seed article scores")
    else {
        return;
    };
    let pipeline = Pipeline::builder().build().unwrap();
    let report = gold_docs::single(&pipeline, "seed", &path).unwrap();
    eprint!("{}", report.table());
    // The motivating article must come out perfectly on sentences, quotes
    // and quantities.
    for (component, label) in [
        ("sentences", "exact span"),
        ("quotes", "found"),
        ("quotes", "span"),
        ("quotes", "kind"),
        ("quotes", "speaker"),
        ("quotes", "speaker_resolved"),
        ("quotes", "speaker_kind"),
        ("quotes", "cue"),
        ("quantities", "all"),
    ] {
        let row = report.row(component, label).unwrap();
        assert_eq!(
            row.f1,
            1.0,
            "seed {component}/{label}: {:?}\n{}",
            row.counts,
            report.misses.join("\n")
        );
    }
    // Entities were the weak stage: 0.727, then 0.868 in the thirteenth
    // session; all 53 right since the fourteenth.
    let entities = report.row("entities", "micro").unwrap();
    assert!(
        entities.f1 >= 1.0,
        "seed entities {:.3}: {:?}\n{}",
        entities.f1,
        entities.counts,
        report.misses.join("\n")
    );
}

/// Small words a title-case headline leaves in lower case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "for", "in", "on", "at", "to", "by", "as", "with",
    "from", "over", "after", "per", "into", "nor", "up",
];

/// Rewrites the first line of `text` in US title case (`Foxes Take
/// Quarterback Malik Durant with No. 1 Pick`), in place: only ASCII
/// lower-case initials change, so every byte offset stays valid. Bytes
/// inside `keep` (the gold's own strings) are left alone, so the gold still
/// matches the text.
fn title_case_first_line(text: &mut String, keep: &[Span]) {
    let headline = text.split('\n').next().unwrap_or_default();
    // Where each word starts, and whether title case capitalizes it.
    let mut at = 0;
    let mut initials = Vec::new();
    for (k, word) in headline.split(' ').enumerate() {
        let capitalize = word.starts_with(|c: char| c.is_ascii_lowercase())
            && (k == 0 || !TITLE_SMALL_WORDS.contains(&word))
            && !keep.iter().any(|span| span.start <= at && at < span.end);
        if capitalize {
            initials.push(at);
        }
        at += word.len() + 1;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for at in initials {
        bytes[at] = bytes[at].to_ascii_uppercase();
    }
    *text = String::from_utf8(bytes).expect("ASCII case changes keep UTF-8 valid");
}

/// The fixtures again, each headline rewritten in US title case: such a
/// headline must not read as one long name. Measured on 2026-11-27 with
/// the installed model: entities 0.841 (0.855 as written); 0.806 before
/// headlines were recased from the body's evidence (`prepare_document` in
/// `newsie-ner`). On the thirty fixtures of 2026-12-06: 0.8038 (0.8103 as
/// written).
#[test]
fn title_case_headlines_cost_little() {
    const FLOOR_TITLE_CASE_ENTITIES: f64 = 0.80;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut docs = gold_docs::load_dir(&dir).unwrap();
    for doc in &mut docs {
        let keep: Vec<Span> = (doc.entities.iter().map(|e| e.span))
            .chain(doc.quantities.iter().map(|q| q.span))
            .chain(doc.quotes.iter().map(|q| q.span))
            .collect();
        title_case_first_line(&mut doc.text, &keep);
    }
    let mut sample = String::from("foxes take a pick\nbody");
    title_case_first_line(&mut sample, &[]);
    assert_eq!(sample, "Foxes Take a Pick\nbody");
    let pipeline = Pipeline::builder().build().unwrap();
    let report = SuiteReport::from_stage_scores(
        "fixtures, title-case headlines",
        gold_docs::score(&pipeline, &docs).unwrap(),
    );
    eprint!("{}", report.table());
    let f1 = report.row("entities", "micro").unwrap().f1;
    assert!(
        f1 >= FLOOR_TITLE_CASE_ENTITIES,
        "entities with title-case headlines: F1 {f1:.4} < {FLOOR_TITLE_CASE_ENTITIES}"
    );
}
