//! Number normalization suites: the Recognizers-Text English specs, the
//! Duckling English corpus (numerals, ordinals, money) and the IE-ER
//! newswire sample (span recall on MONEY, PERCENT, CARDINAL).
//!
//! Conventions that differ from newsie's are bridged here, never in the
//! normalizer: Recognizers-Text and Duckling leave hedge words out of their
//! spans (ours keep them), so Recognizers-Text is scored on value with span
//! overlap; their `Cent`/`Pence`/`Satoshi` units count in sub-units, ours in
//! the main unit, so their values are divided by 100 (or 10^8).

use crate::score::PassRate;
use crate::{read_to_string, Error};
use newsie_core::{Dimension, Quantity, QuantityKind};
use newsie_numbers::Normalizer;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Pass rates per group and the failing cases.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SuiteReport {
    /// Pass rate per model (Recognizers-Text) or dimension (Duckling).
    pub by_group: BTreeMap<String, PassRate>,
    /// One line per failing case: id, input, expected, found.
    pub failures: Vec<String>,
}

impl SuiteReport {
    /// The pooled pass rate of the named groups.
    pub fn pooled(&self, groups: &[&str]) -> PassRate {
        let mut total = PassRate::default();
        for g in groups {
            if let Some(r) = self.by_group.get(*g) {
                total.merge(*r);
            }
        }
        total
    }
}

/// Which Recognizers-Text expectations are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RtScope {
    /// Every expected result.
    All,
    /// Results outside the annotation spec are dropped from the expected
    /// list: relative ordinals (`next`, `last`, `the second to last`) and
    /// results with no value (`a small percent`, a bare `dollar`).
    Spec,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

/// Character offsets of a quantity (the suites count characters, not bytes).
fn char_span(text: &str, q: &Quantity) -> (usize, usize) {
    let start = text[..q.start].chars().count();
    (start, start + q.text.chars().count())
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// An expected Recognizers-Text result reduced to what is scored.
enum Expect {
    Value(f64),
    /// Interval bounds of NumberRange (`None` = open).
    Interval(Option<f64>, Option<f64>),
}

fn parse_interval(v: &str) -> Option<(Option<f64>, Option<f64>)> {
    let inner = v.get(1..v.len().checked_sub(1)?)?;
    let (lo, hi) = inner.split_once(',')?;
    let num = |s: &str| -> Option<Option<f64>> {
        if s.trim().is_empty() {
            Some(None)
        } else {
            s.trim().parse().ok().map(Some)
        }
    };
    Some((num(lo)?, num(hi)?))
}

fn expectation(model: &str, result: &Value) -> Option<Expect> {
    let res = &result["resolution"];
    let value = res["value"].as_str()?;
    if model == "NumberRangeModel" {
        let (lo, hi) = parse_interval(value)?;
        return Some(Expect::Interval(lo, hi));
    }
    let v: f64 = value.trim_end_matches('%').parse().ok()?;
    let unit = res["unit"].as_str().unwrap_or("");
    Some(Expect::Value(v / sub_units_per_main_unit(unit)))
}

/// How many of a Recognizers-Text sub-unit make the main unit newsie
/// reports the amount in.
fn sub_units_per_main_unit(unit: &str) -> f64 {
    match unit {
        "Cent" | "Pence" | "Penny" => 100.0,
        "Satoshi" => 1e8,
        _ => 1.0,
    }
}

fn quantity_matches(e: &Expect, q: &Quantity) -> bool {
    match *e {
        Expect::Value(v) => q.value.is_some_and(|x| close(x, v)),
        Expect::Interval(lo, hi) => match (lo, hi) {
            (Some(lo), Some(hi)) if close(lo, hi) => q.value.is_some_and(|x| close(x, lo)),
            (Some(lo), Some(hi)) => {
                q.low.is_some_and(|x| close(x, lo)) && q.high.is_some_and(|x| close(x, hi))
            }
            (Some(b), None) | (None, Some(b)) => {
                q.value.is_some_and(|x| close(x, b))
                    || q.low.is_some_and(|x| close(x, b)) && q.high.is_none()
                    || q.high.is_some_and(|x| close(x, b)) && q.low.is_none()
            }
            (None, None) => false,
        },
    }
}

/// Whether `q` is a measure with a unit (`120 miles`, an age), not a
/// count, an amount of money or a percentage.
fn is_measure(q: &Quantity) -> bool {
    !matches!(
        q.dimension,
        None | Some(Dimension::Count | Dimension::Currency | Dimension::Percent)
    )
}

/// Whether a Recognizers-Text case passes: as many quantities found as
/// expected, each expected one matched by its own found quantity that
/// overlaps its span (characters) with the expected value.
fn case_passes(input: &str, expected: &[((usize, usize), Expect)], found: &[Quantity]) -> bool {
    let mut used = vec![false; found.len()];
    found.len() == expected.len()
        && expected.iter().all(|(span, e)| {
            let hit = found.iter().enumerate().find(|(k, q)| {
                !used[*k] && overlaps(char_span(input, q), *span) && quantity_matches(e, q)
            });
            hit.map(|(k, _)| used[k] = true).is_some()
        })
}

/// Which of our quantities a Recognizers-Text model would report.
fn model_keeps(model: &str, q: &Quantity) -> bool {
    match model {
        // Its numbers leave out a number glued to its unit (`180ml`, `29km`:
        // `want []`) but keep one written apart (`3` of `in 3 years`).
        "NumberModel" => {
            q.kind != QuantityKind::Ordinal
                && q.value.is_some()
                && (!is_measure(q) || q.text.contains([' ', '-']))
        }
        "OrdinalModel" => q.kind == QuantityKind::Ordinal,
        "PercentModel" => q.kind == QuantityKind::Percent,
        "CurrencyModel" => q.kind == QuantityKind::Money,
        "NumberRangeModel" => q.approximate || q.low.is_some(),
        _ => false,
    }
}

/// The models scored, by the names used in reports.
pub const RT_MODELS: [&str; 5] = [
    "NumberModel",
    "OrdinalModel",
    "PercentModel",
    "CurrencyModel",
    "NumberRangeModel",
];

/// Scores `normalizer` on `recognizers_en_number_cases.jsonl`: a case
/// passes when we report as many quantities (of the model's kind) as
/// expected, each overlapping its expected span with the expected value.
pub fn recognizers(
    path: &Path,
    normalizer: &Normalizer,
    scope: RtScope,
) -> Result<SuiteReport, Error> {
    let mut report = SuiteReport::default();
    for case in crate::json_lines::<Value>(path)? {
        let model = case["model"].as_str().unwrap_or("");
        if !RT_MODELS.contains(&model) {
            continue;
        }
        let input = case["input"].as_str().unwrap_or("");
        let mut expected = Vec::new();
        for r in case["results"].as_array().into_iter().flatten() {
            let span = (
                r["start"].as_u64().unwrap_or(0) as usize,
                r["end_exclusive"].as_u64().unwrap_or(0) as usize,
            );
            let relative = r["type"].as_str() == Some("ordinal.relative");
            match expectation(model, r) {
                Some(e) if !(relative && scope == RtScope::Spec) => expected.push((span, e)),
                Some(_) => {}
                None if scope == RtScope::All => expected.push((span, Expect::Value(f64::NAN))),
                None => {}
            }
        }
        let found: Vec<Quantity> = normalizer
            .find(input)
            .into_iter()
            .filter(|q| model_keeps(model, q))
            .collect();
        let ok = case_passes(input, &expected, &found);
        report
            .by_group
            .entry(model.to_owned())
            .or_default()
            .record(ok);
        if !ok {
            let want: Vec<String> = case["results"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| format!("{}={}", r["text"], r["resolution"]["value"]))
                .collect();
            let got: Vec<String> = found
                .iter()
                .map(|q| format!("{:?}={:?}/{:?}..{:?}", q.text, q.value, q.low, q.high))
                .collect();
            report.failures.push(format!(
                "{} {:?}: want [{}] got [{}]",
                case["id"].as_str().unwrap_or(""),
                input,
                want.join(", "),
                got.join(", ")
            ));
        }
    }
    Ok(report)
}

/// Scores `normalizer` on Duckling's English corpus for `Numeral`,
/// `Ordinal` and `AmountOfMoney` (corpus and negative sets; latent cases
/// need an option newsie does not have). A corpus case passes when the whole
/// input is exactly one quantity of the dimension with the expected value
/// (bounds for `between`, the bound for `under`/`above`); a negative case
/// when nothing of the dimension is found. Units are not compared (the
/// corpus names them `Dollar`, `Unnamed`, ...).
pub fn duckling(path: &Path, normalizer: &Normalizer) -> Result<SuiteReport, Error> {
    let mut report = SuiteReport::default();
    for case in crate::json_lines::<Value>(path)? {
        let dim = case["dimension"].as_str().unwrap_or("");
        let set = case["set"].as_str().unwrap_or("");
        if !matches!(dim, "Numeral" | "Ordinal" | "AmountOfMoney") || set == "latent" {
            continue;
        }
        let input = case["input"].as_str().unwrap_or("");
        let keeps = |q: &Quantity| match dim {
            "Numeral" => matches!(q.kind, QuantityKind::Cardinal) && q.value.is_some(),
            "Ordinal" => q.kind == QuantityKind::Ordinal,
            _ => q.kind == QuantityKind::Money,
        };
        let found: Vec<Quantity> = normalizer.find(input).into_iter().filter(keeps).collect();
        let ok = if set == "negative" {
            found.is_empty()
        } else {
            let exp = &case["expected"];
            let div = if exp["unit"].as_str() == Some("Cent") {
                100.0
            } else {
                1.0
            };
            let num = |k: &str| exp[k].as_f64().map(|v| v / div);
            let trimmed = input.trim();
            let lead = input.len() - input.trim_start().len();
            match found.as_slice() {
                [q] if q.start == lead && q.end == lead + trimmed.len() => {
                    match exp["kind"].as_str() {
                        Some("between") => {
                            q.low.zip(num("from")).is_some_and(|(a, b)| close(a, b))
                                && q.high.zip(num("to")).is_some_and(|(a, b)| close(a, b))
                        }
                        Some("under") => q.value.zip(num("to")).is_some_and(|(a, b)| close(a, b)),
                        Some("above") => q.value.zip(num("from")).is_some_and(|(a, b)| close(a, b)),
                        _ => q.value.zip(num("value")).is_some_and(|(a, b)| close(a, b)),
                    }
                }
                _ => false,
            }
        };
        report
            .by_group
            .entry(dim.to_owned())
            .or_default()
            .record(ok);
        if !ok {
            let got: Vec<String> = found
                .iter()
                .map(|q| format!("{:?}={:?}/{:?}..{:?}", q.text, q.value, q.low, q.high))
                .collect();
            report.failures.push(format!(
                "{} {:?}: want {} got [{}]",
                case["id"].as_str().unwrap_or(""),
                input,
                case["expected"],
                got.join(", ")
            ));
        }
    }
    Ok(report)
}

/// Span recall of one IE-ER type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SpanRecall {
    /// Gold spans found exactly.
    pub exact: usize,
    /// Gold spans overlapped by a quantity.
    pub overlap: usize,
    /// Gold spans (optional ones left out).
    pub gold: usize,
}

impl SpanRecall {
    /// Exact-span recall.
    pub fn exact_recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.exact as f64 / self.gold as f64
        }
    }
    /// Overlap recall.
    pub fn overlap_recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.overlap as f64 / self.gold as f64
        }
    }
}

/// IE-ER figures: recall per NUMEX type and how many of our quantities
/// overlap no NUMEX or TIMEX gold span at all.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IeerReport {
    /// Recall per type (`MONEY`, `PERCENT`, `CARDINAL`).
    pub by_type: BTreeMap<String, SpanRecall>,
    /// Quantities found in the bodies.
    pub predicted: usize,
    /// Quantities overlapping no NUMEX/TIMEX gold span.
    pub unmatched: usize,
    /// Gold spans missed (not even overlapped), for inspection.
    pub misses: Vec<String>,
    /// Gold spans overlapped but not matched exactly, with what overlapped.
    pub inexact: Vec<String>,
}

/// Scores `normalizer` on `ieer_newswire.jsonl` (document bodies).
pub fn ieer(path: &Path, normalizer: &Normalizer) -> Result<IeerReport, Error> {
    const TYPES: [&str; 3] = ["MONEY", "PERCENT", "CARDINAL"];
    let mut report = IeerReport::default();
    for doc in crate::json_lines::<Value>(path)? {
        let text = doc["text"].as_str().unwrap_or("");
        let found = normalizer.find(text);
        // A measure's span holds its unit (`30 minutes`), where IE-ER marks
        // the number: the number's span is the one to compare, as far as
        // the gold's own end when the rest is the unit.
        let spans: Vec<(usize, usize)> = found.iter().map(|q| char_span(text, q)).collect();
        let number_ends = |span: (usize, usize)| -> bool {
            found.iter().zip(&spans).any(|(q, s)| {
                is_measure(q) && s.0 == span.0 && s.1 > span.1 && unit_rest(text, span.1, s.1)
            })
        };
        let mut gold_any = Vec::new();
        for e in doc["entities"].as_array().into_iter().flatten() {
            let span = (
                e["start"].as_u64().unwrap_or(0) as usize,
                e["end"].as_u64().unwrap_or(0) as usize,
            );
            let kind = e["kind"].as_str().unwrap_or("");
            if matches!(kind, "NUMEX" | "TIMEX") {
                gold_any.push(span);
            }
            let ty = e["type"].as_str().unwrap_or("");
            if !TYPES.contains(&ty) || e["status"].as_str() == Some("opt") {
                continue;
            }
            let r = report.by_type.entry(ty.to_owned()).or_default();
            r.gold += 1;
            if spans.contains(&span) || number_ends(span) {
                r.exact += 1;
            }
            if spans.iter().any(|s| overlaps(*s, span)) {
                r.overlap += 1;
                if !spans.contains(&span) && !number_ends(span) {
                    let ours: Vec<&str> = found
                        .iter()
                        .zip(&spans)
                        .filter(|(_, s)| overlaps(**s, span))
                        .map(|(q, _)| q.text.as_str())
                        .collect();
                    report.inexact.push(format!(
                        "{ty} {:?} got {:?}",
                        e["text"].as_str().unwrap_or(""),
                        ours
                    ));
                }
            } else {
                report
                    .misses
                    .push(format!("{ty} {:?}", e["text"].as_str().unwrap_or("")));
            }
        }
        report.predicted += spans.len();
        report.unmatched += spans
            .iter()
            .filter(|s| !gold_any.iter().any(|g| overlaps(**s, *g)))
            .count();
    }
    Ok(report)
}
/// Whether characters `[from, to)` of `text` are a unit after a number: a
/// space or hyphen, then letters (`minutes`, `-mile`).
fn unit_rest(text: &str, from: usize, to: usize) -> bool {
    let rest: String = text.chars().skip(from).take(to - from).collect();
    let word = rest.trim_start_matches([' ', '-']);
    word.len() < rest.len()
        && !word.is_empty()
        && word.chars().all(|c| c.is_alphabetic() || c == ' ')
}

/// A pass-rate table as report rows (a pass rate shows as P = R = F1).
fn pass_rate_rows(suite: &str, report: SuiteReport) -> crate::report::SuiteReport {
    use crate::report::Row;
    let rows = report
        .by_group
        .iter()
        .map(|(group, rate)| Row::new("quantities", group, rate.as_counts()))
        .collect();
    crate::report::SuiteReport {
        suite: suite.to_owned(),
        rows,
        misses: report.failures,
    }
}

/// Recognizers-Text NumberWithUnit models scored, with the file each reads.
pub const RT_UNIT_MODELS: [&str; 3] = ["DimensionModel", "TemperatureModel", "AgeModel"];

/// The NumberWithUnit units the annotation spec's table covers, by
/// Recognizers-Text's name. Left out: angles (`Degree`, `Radian`, `Turn`),
/// cooking measures (`Cup`, `Tablespoon`), units the table lacks
/// (`Decimeter`, `Picometer`, `Microgram`, `Dram`, `Bit`, per-millisecond
/// speeds) and a bare `Degree` of temperature (`98 degrees`), which the spec
/// gives no unit.
fn rt_unit_in_spec(unit: &str) -> bool {
    matches!(
        unit,
        "Foot"
            | "Meter"
            | "Mile"
            | "Inch"
            | "Kilometer"
            | "Millimeter"
            | "Pound"
            | "Gallon"
            | "Ton"
            | "Metric ton"
            | "Kilogram"
            | "Gram"
            | "Ounce"
            | "Square meter"
            | "Square kilometer"
            | "Acre"
            | "Milliliter"
            | "Barrel"
            | "Cubic foot"
            | "Kilometer per hour"
            | "Mile per hour"
            | "Megabyte"
            | "C"
            | "F"
            | "Year"
            | "Month"
            | "Week"
            | "Day"
    )
}

/// Which of our quantities a NumberWithUnit model reports.
fn unit_model_keeps(model: &str, q: &Quantity) -> bool {
    match (model, q.dimension) {
        ("TemperatureModel", Some(d)) => d == Dimension::Temperature,
        ("AgeModel", Some(d)) => d == Dimension::Age,
        ("DimensionModel", Some(d)) => {
            is_measure(q)
                && !matches!(
                    d,
                    Dimension::Temperature | Dimension::Age | Dimension::Duration
                )
        }
        _ => false,
    }
}

/// Scores `normalizer` on Recognizers-Text's NumberWithUnit specs in `dir`
/// (`DimensionModel.json`, ...), in the spec's scope: a case is scored when
/// every expected result has a value and a unit of `rt_unit_in_spec`
/// (cases expecting nothing are scored too), and passes as a Number model
/// case does.
pub fn recognizers_units(dir: &Path, normalizer: &Normalizer) -> Result<SuiteReport, Error> {
    let mut report = SuiteReport::default();
    for model in RT_UNIT_MODELS {
        let path = dir.join(format!("{model}.json"));
        let cases: Value =
            serde_json::from_str(&read_to_string(&path)?).map_err(|e| Error::Format {
                path: path.clone(),
                line: 0,
                message: e.to_string(),
            })?;
        for (n, case) in cases.as_array().into_iter().flatten().enumerate() {
            let results = case["Results"].as_array().cloned().unwrap_or_default();
            let in_scope = results.iter().all(|r| {
                r["Resolution"]["value"].is_string()
                    && r["Resolution"]["unit"]
                        .as_str()
                        .is_some_and(rt_unit_in_spec)
            });
            if !in_scope {
                continue;
            }
            let input = case["Input"].as_str().unwrap_or("");
            let expected: Vec<((usize, usize), Expect)> = results
                .iter()
                .filter_map(|r| {
                    let value = r["Resolution"]["value"].as_str()?.parse().ok()?;
                    let start = r["Start"].as_u64()? as usize;
                    let end = r["End"].as_u64()? as usize + 1;
                    Some(((start, end), Expect::Value(value)))
                })
                .collect();
            let found: Vec<Quantity> = normalizer
                .find(input)
                .into_iter()
                .filter(|q| unit_model_keeps(model, q))
                .collect();
            let ok = case_passes(input, &expected, &found);
            report
                .by_group
                .entry(model.to_owned())
                .or_default()
                .record(ok);
            if !ok {
                let want: Vec<String> = results
                    .iter()
                    .map(|r| format!("{}={}", r["Text"], r["Resolution"]["value"]))
                    .collect();
                let got: Vec<String> = found
                    .iter()
                    .map(|q| format!("{:?}={:?} {:?}", q.text, q.value, q.unit))
                    .collect();
                report.failures.push(format!(
                    "{model}#{n:03} {input:?}: want [{}] got [{}]",
                    want.join(", "),
                    got.join(", ")
                ));
            }
        }
    }
    Ok(report)
}

/// `newsie eval recognizers`: pass rate per Recognizers-Text model, on the
/// expectations the annotation spec covers, under the benchmarks folder:
/// the Number models and the NumberWithUnit models of [`RT_UNIT_MODELS`].
pub fn recognizers_report(benchmarks: &Path) -> Result<crate::report::SuiteReport, Error> {
    let path = benchmarks.join("numbers/recognizers-text/recognizers_en_number_cases.jsonl");
    let mut report = recognizers(&path, &Normalizer::new(), RtScope::Spec)?;
    let units = recognizers_units(
        &benchmarks.join("numbers/recognizers-text/NumberWithUnit"),
        &Normalizer::new(),
    )?;
    report.by_group.extend(units.by_group);
    report.failures.extend(units.failures);
    Ok(pass_rate_rows(
        "recognizers (cases passed, spec scope)",
        report,
    ))
}

/// `newsie eval duckling`: pass rate per Duckling dimension.
pub fn duckling_report(benchmarks: &Path) -> Result<crate::report::SuiteReport, Error> {
    let path = benchmarks.join("numbers/duckling/duckling_en_examples.jsonl");
    let report = duckling(&path, &Normalizer::new())?;
    Ok(pass_rate_rows("duckling (cases passed)", report))
}

/// `newsie eval ieer`: span recall on IE-ER's MONEY, PERCENT and CARDINAL
/// (the recall column; exact span first, then any overlap).
pub fn ieer_report(benchmarks: &Path) -> Result<crate::report::SuiteReport, Error> {
    use crate::report::Row;
    let report = ieer(
        &benchmarks.join("ieer-news/ieer_newswire.jsonl"),
        &Normalizer::new(),
    )?;
    let mut rows = Vec::new();
    for (kind, recall) in &report.by_type {
        for (how, found) in [("exact", recall.exact), ("overlap", recall.overlap)] {
            let counts = crate::Counts {
                correct: found,
                predicted: found,
                gold: recall.gold,
            };
            rows.push(Row::new("quantities", &format!("{kind} {how}"), counts));
        }
    }
    Ok(crate::report::SuiteReport {
        suite: "ieer (span recall; precision not scored)".to_owned(),
        rows,
        misses: report.misses,
    })
}
