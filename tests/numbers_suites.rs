//! Number normalization floors: the seed article's 18 quantities in every
//! field, the Recognizers-Text English specs, Duckling's corpus and the
//! IE-ER newswire sample. Each floor sits a hair under the measured figure
//! (the normalizer is deterministic), so any regression fails. Every test
//! skips with a message when `../shared` is absent.

use newsie_core::{Document, Record};
use newsie_eval::compare::score_document;
use newsie_eval::suites::numbers::{self as suite, RtScope};
use newsie_numbers::Normalizer;

#[test]
fn seed_quantities_all_right_in_every_field() {
    let Some(gold) = newsie_eval::seed_gold("seed quantities") else {
        return;
    };
    let gold = gold.expect("seed gold parses");
    let doc = Document::new("seed", gold.text.clone());
    let mut record = Record::new(doc.id());
    record.quantities = Normalizer::new().find(doc.text());
    record.validate(doc.text()).expect("valid quantities");
    let scores = score_document(&gold, &record);
    for miss in scores.misses.iter().filter(|m| m.contains("quantity")) {
        eprintln!("{miss}");
    }
    let all = scores.quantities.by_name["all"];
    eprintln!(
        "seed quantities: {} right of {} gold, {} predicted",
        all.correct, all.gold, all.predicted
    );
    assert_eq!(all.gold, 19);
    assert_eq!(all.correct, 19, "every gold quantity right in every field");
    assert_eq!(record.quantities.len(), 19, "no spurious quantity");
}

fn rt(scope: RtScope) -> Option<suite::SuiteReport> {
    let path = newsie_eval::shared_file(
        "benchmarks/numbers/recognizers-text/recognizers_en_number_cases.jsonl",
        "Recognizers-Text number specs",
    )?;
    Some(suite::recognizers(&path, &Normalizer::new(), scope).expect("specs load"))
}

fn print(report: &suite::SuiteReport, label: &str) {
    for (group, rate) in &report.by_group {
        eprintln!(
            "{label} {group}: {}/{} = {:.1}%",
            rate.passed,
            rate.total,
            100.0 * rate.rate()
        );
    }
    if std::env::var_os("NEWSIE_VERBOSE").is_some() {
        for f in &report.failures {
            eprintln!("  FAIL {f}");
        }
    }
}

const CORE: [&str; 4] = [
    "NumberModel",
    "OrdinalModel",
    "PercentModel",
    "CurrencyModel",
];

#[test]
fn recognizers_text_spec_scope_floors() {
    let Some(report) = rt(RtScope::Spec) else {
        return;
    };
    print(&report, "RT(spec scope)");
    let core = report.pooled(&CORE);
    eprintln!(
        "RT(spec scope) Number+Ordinal+Percent+Currency: {}/{} = {:.1}%",
        core.passed,
        core.total,
        100.0 * core.rate()
    );
    let floor = |model: &str| report.by_group[model].rate();
    // The target is 97%; measured 475/489 = 97.1% (was 467/489;
    // see the issue 4 report for the failing cases). The floor pins what
    // is measured.
    assert!(
        core.rate() >= FLOOR_RT_CORE,
        "Number+Ordinal+Percent+Currency regressed"
    );
    assert!(floor("NumberModel") >= FLOOR_NUMBER);
    assert!(floor("OrdinalModel") >= FLOOR_ORDINAL);
    assert!(floor("PercentModel") >= FLOOR_PERCENT);
    assert!(floor("CurrencyModel") >= FLOOR_CURRENCY);
    assert!(floor("NumberRangeModel") >= FLOOR_RANGE);
}

const FLOOR_NUMBER: f64 = 0.961;
const FLOOR_ORDINAL: f64 = 0.962;
const FLOOR_PERCENT: f64 = 0.999;
const FLOOR_CURRENCY: f64 = 0.983;
// 71/87. Left out by design: `above`/`below`/`over`/`under` alone (the
// annotation keeps `above 40` as 40), `equal to X` (exact, not a range),
// ranks as bounds (`between the tenth and the fifteenth`), `from 200 to
// 300` (a range for us), `more than 2 in 5` (one share, > 0.4).
const FLOOR_RANGE: f64 = 0.815;
const FLOOR_RT_CORE: f64 = 0.971;
const FLOOR_RT_ALL: f64 = 0.891;

#[test]
fn recognizers_text_all_expectations_floor() {
    let Some(report) = rt(RtScope::All) else {
        return;
    };
    print(&report, "RT(all)");
    let core = report.pooled(&CORE);
    eprintln!(
        "RT(all) Number+Ordinal+Percent+Currency: {}/{} = {:.1}%",
        core.passed,
        core.total,
        100.0 * core.rate()
    );
    assert!(core.rate() >= FLOOR_RT_ALL);
}

#[test]
fn duckling_floors() {
    let Some(path) = newsie_eval::shared_file(
        "benchmarks/numbers/duckling/duckling_en_examples.jsonl",
        "Duckling corpus",
    ) else {
        return;
    };
    let report = suite::duckling(&path, &Normalizer::new()).expect("corpus loads");
    print(&report, "Duckling");
    let all = report.pooled(&["Numeral", "Ordinal", "AmountOfMoney"]);
    eprintln!(
        "Duckling all: {}/{} = {:.1}%",
        all.passed,
        all.total,
        100.0 * all.rate()
    );
    assert!(report.by_group["Numeral"].rate() >= FLOOR_DUCK_NUMERAL);
    assert!(report.by_group["AmountOfMoney"].rate() >= FLOOR_DUCK_MONEY);
    assert!(report.by_group["Ordinal"].rate() >= FLOOR_DUCK_ORDINAL);
}

const FLOOR_DUCK_NUMERAL: f64 = 0.752;
const FLOOR_DUCK_MONEY: f64 = 0.626;
const FLOOR_DUCK_ORDINAL: f64 = 0.749;

#[test]
fn ieer_span_recall_floors() {
    let Some(path) =
        newsie_eval::shared_file("benchmarks/ieer-news/ieer_newswire.jsonl", "IE-ER news")
    else {
        return;
    };
    let report = suite::ieer(&path, &Normalizer::new()).expect("IE-ER loads");
    for (ty, r) in &report.by_type {
        eprintln!(
            "IE-ER {ty}: exact {}/{} = {:.1}%, overlap {}/{} = {:.1}%",
            r.exact,
            r.gold,
            100.0 * r.exact_recall(),
            r.overlap,
            r.gold,
            100.0 * r.overlap_recall()
        );
    }
    eprintln!(
        "IE-ER: {} quantities, {} overlap no NUMEX/TIMEX gold",
        report.predicted, report.unmatched
    );
    if std::env::var_os("NEWSIE_VERBOSE").is_some() {
        for m in &report.misses {
            eprintln!("  MISS {m}");
        }
        for m in &report.inexact {
            eprintln!("  INEXACT {m}");
        }
    }
    let exact = |t: &str| report.by_type[t].exact_recall();
    let overlap = |t: &str| report.by_type[t].overlap_recall();
    assert!(exact("MONEY") >= FLOOR_IEER[0] && overlap("MONEY") >= FLOOR_IEER[1]);
    assert!(exact("PERCENT") >= FLOOR_IEER[2] && overlap("PERCENT") >= FLOOR_IEER[3]);
    assert!(exact("CARDINAL") >= FLOOR_IEER[4] && overlap("CARDINAL") >= FLOOR_IEER[5]);
}

// MONEY exact/overlap, PERCENT exact/overlap, CARDINAL exact/overlap.
// IE-ER's MUC convention counts the pronoun `one` (`one that`, `the one`,
// `one of them`) as a CARDINAL, the spec does not: the CARDINAL floors were
// lowered from 0.771 / 0.87 when `one` before a relative clause stopped
// being a quantity (2026-12-06, 351 and 396 of 456).
const FLOOR_IEER: [f64; 6] = [0.809, 0.958, 0.881, 0.973, 0.769, 0.866];

/// Recognizers-Text NumberWithUnit, in the spec's scope (`newsie eval
/// recognizers`; what is left out and why: `rt_unit_in_spec`). Measured on
/// 2026-12-06: AgeModel 17/18 (the miss: RT reads `about 40 - 50 years old`
/// as `50 years old`, newsie as the range), TemperatureModel 28/28,
/// DimensionModel 73/81 = 0.901 (the eight misses: feet plus inches as one
/// value, where the spec keeps the two numbers as written; RT's `10 feet`
/// of `eight to 10 feet` and `300mm` of `75 -300mm`, ranges to newsie;
/// `over two pounds` with no word of weighing, money to newsie; `10 \"` for
/// inches, too close to a quotation mark to read).
#[test]
fn recognizers_text_units_floors() {
    let Some(dir) = newsie_eval::shared_file(
        "benchmarks/numbers/recognizers-text/NumberWithUnit",
        "Recognizers-Text NumberWithUnit specs",
    ) else {
        return;
    };
    let report = suite::recognizers_units(&dir, &Normalizer::new()).expect("specs load");
    print(&report, "RT units");
    let rate = |model: &str| report.by_group[model].rate();
    assert!(rate("AgeModel") >= 0.94, "AgeModel {}", rate("AgeModel"));
    assert!(
        rate("TemperatureModel") >= 0.99,
        "TemperatureModel {}",
        rate("TemperatureModel")
    );
    assert!(
        rate("DimensionModel") >= 0.90,
        "DimensionModel {}",
        rate("DimensionModel")
    );
}
