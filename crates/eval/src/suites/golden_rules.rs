//! The English sentence-boundary suites under
//! `../shared/benchmarks/sbd-golden-rules`: the 52 Golden Rules of
//! Pragmatic Segmenter (48 of them in the pySBD paper) and the longer
//! regression cases of both projects, plus the seed article's sentences.
//!
//! A case passes, as published, when the splitter's sentences, each with
//! surrounding whitespace removed, equal the expected list exactly.
//!
//! ```no_run
//! use newsie_eval::suites::golden_rules;
//! use newsie_sentences::Splitter;
//!
//! let cases = golden_rules::load_cases("golden_rules_en.jsonl")?;
//! let report = golden_rules::score_golden_rules(&Splitter::new(), &cases);
//! println!("{}/{} on pySBD's 48", report.pysbd_48.passed, report.pysbd_48.total);
//! # Ok::<(), newsie_eval::Error>(())
//! ```

use crate::score::PassRate;
use crate::{read_to_string, Error};
use newsie_sentences::Splitter;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The Golden Rules file, relative to the shared data folder.
pub const GOLDEN_RULES_FILE: &str = "benchmarks/sbd-golden-rules/golden_rules_en.jsonl";
/// Pragmatic Segmenter's longer `#segment` cases.
pub const PRAGMATIC_CASES_FILE: &str =
    "benchmarks/sbd-golden-rules/pragmatic_segmenter_en_spec_cases.jsonl";
/// pySBD's extra test cases.
pub const PYSBD_CASES_FILE: &str = "benchmarks/sbd-golden-rules/pysbd_en_extra_cases.jsonl";
/// The seed article's gold annotation.
pub const SEED_GOLD_FILE: &str = "seed/aws-layoffs.gold.json";

/// One case of a suite: a text and the sentences expected from it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Case {
    /// The case identifier (`GR-EN-001`, `PS-EN-SEG-001`, ...).
    pub id: String,
    /// The rule's name (Golden Rules only).
    #[serde(default)]
    pub name: Option<String>,
    /// The rule's number in Pragmatic Segmenter, 1 to 52 (Golden Rules only).
    #[serde(default)]
    pub ps_rule: Option<u32>,
    /// Whether the rule is one of the 48 of the pySBD paper.
    #[serde(default)]
    pub in_pysbd_48: bool,
    /// The input text.
    pub text: String,
    /// The expected sentences, in order.
    pub expected: Vec<String>,
}

/// A case the splitter got wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The case identifier.
    pub id: String,
    /// The rule's name, when it has one.
    pub name: Option<String>,
    /// The expected sentences.
    pub expected: Vec<String>,
    /// The splitter's sentences, trimmed.
    pub got: Vec<String>,
}

/// The score on a suite.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CaseReport {
    /// All cases.
    pub all: PassRate,
    /// The failed cases, in file order.
    pub failures: Vec<Failure>,
}

/// The score on the Golden Rules.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GoldenRulesReport {
    /// All 52 rules.
    pub all: PassRate,
    /// The 48 rules of the pySBD paper.
    pub pysbd_48: PassRate,
    /// The failed rules, in file order.
    pub failures: Vec<Failure>,
}

/// Reads a JSON Lines file of cases.
pub fn load_cases(path: impl AsRef<Path>) -> Result<Vec<Case>, Error> {
    crate::json_lines(path.as_ref())
}

/// The splitter's sentences of `text`, trimmed, as owned strings.
pub fn split_to_strings(splitter: &Splitter, text: &str) -> Vec<String> {
    splitter
        .split(text)
        .into_iter()
        .map(|span| text[span].trim().to_string())
        .collect()
}

/// Runs one case: `None` when it passes, else what went wrong.
pub fn check_case(splitter: &Splitter, case: &Case) -> Option<Failure> {
    let got = split_to_strings(splitter, &case.text);
    let expected: Vec<&str> = case.expected.iter().map(|s| s.trim()).collect();
    (got != expected).then(|| Failure {
        id: case.id.clone(),
        name: case.name.clone(),
        expected: case.expected.clone(),
        got,
    })
}

/// Scores any suite of cases.
pub fn score_cases(splitter: &Splitter, cases: &[Case]) -> CaseReport {
    let mut report = CaseReport::default();
    for case in cases {
        let failure = check_case(splitter, case);
        report.all.record(failure.is_none());
        report.failures.extend(failure);
    }
    report
}

/// Scores the Golden Rules, overall and on pySBD's 48.
pub fn score_golden_rules(splitter: &Splitter, cases: &[Case]) -> GoldenRulesReport {
    let mut report = GoldenRulesReport::default();
    for case in cases {
        let failure = check_case(splitter, case);
        report.all.record(failure.is_none());
        if case.in_pysbd_48 {
            report.pysbd_48.record(failure.is_none());
        }
        report.failures.extend(failure);
    }
    report
}

/// The `sentences` field of a gold JSON file (such as the seed article's),
/// in document order.
pub fn load_gold_sentences(path: impl AsRef<Path>) -> Result<Vec<String>, Error> {
    #[derive(Deserialize)]
    struct Gold {
        sentences: Vec<String>,
    }
    let path = path.as_ref();
    let gold: Gold =
        serde_json::from_str(&read_to_string(path)?).map_err(|error| Error::Format {
            path: path.to_path_buf(),
            line: 0,
            message: error.to_string(),
        })?;
    Ok(gold.sentences)
}

/// Counts the gold sentences the splitter reproduces exactly and in order
/// (a longest common subsequence, so one error costs only the sentences it
/// touches), and lists the missed ones.
pub fn score_sentences(got: &[String], gold: &[String]) -> (PassRate, Vec<String>) {
    let mut table = vec![vec![0usize; got.len() + 1]; gold.len() + 1];
    for (g, gold_sentence) in gold.iter().enumerate() {
        for (p, predicted) in got.iter().enumerate() {
            table[g + 1][p + 1] = if gold_sentence == predicted {
                table[g][p] + 1
            } else {
                table[g][p + 1].max(table[g + 1][p])
            };
        }
    }
    // Walk back to find which gold sentences were matched.
    let mut matched = vec![false; gold.len()];
    let (mut g, mut p) = (gold.len(), got.len());
    while g > 0 && p > 0 {
        if gold[g - 1] == got[p - 1] && table[g][p] == table[g - 1][p - 1] + 1 {
            matched[g - 1] = true;
            g -= 1;
            p -= 1;
        } else if table[g - 1][p] >= table[g][p - 1] {
            g -= 1;
        } else {
            p -= 1;
        }
    }
    let missed = gold
        .iter()
        .zip(&matched)
        .filter(|(_, &hit)| !hit)
        .map(|(sentence, _)| sentence.clone())
        .collect();
    let tally = PassRate {
        passed: table[gold.len()][got.len()],
        total: gold.len(),
    };
    (tally, missed)
}

/// Every sentence suite in the folder `dir` (`../shared/benchmarks/sbd-golden-rules`)
/// as one report: pass counts on pySBD's 48 Golden Rules, on all 52, and on
/// the two sets of regression cases (a pass rate shows as P = R = F1).
pub fn report(dir: &Path) -> Result<crate::report::SuiteReport, Error> {
    use crate::report::{Row, SuiteReport};
    let splitter = Splitter::new();
    let file = |constant: &str| dir.join(Path::new(constant).file_name().unwrap_or_default());
    let rules = score_golden_rules(&splitter, &load_cases(file(GOLDEN_RULES_FILE))?);
    let pragmatic = score_cases(&splitter, &load_cases(file(PRAGMATIC_CASES_FILE))?);
    let pysbd = score_cases(&splitter, &load_cases(file(PYSBD_CASES_FILE))?);
    let misses = rules
        .failures
        .iter()
        .chain(&pragmatic.failures)
        .chain(&pysbd.failures)
        .map(|f| format!("{}: expected {:?}, got {:?}", f.id, f.expected, f.got))
        .collect();
    Ok(SuiteReport {
        suite: "golden-rules (sentence cases passed)".to_owned(),
        rows: vec![
            Row::new("sentences", "pySBD 48 rules", rules.pysbd_48.as_counts()),
            Row::new("sentences", "all 52 rules", rules.all.as_counts()),
            Row::new("sentences", "pragmatic cases", pragmatic.all.as_counts()),
            Row::new("sentences", "pysbd cases", pysbd.all.as_counts()),
        ],
        misses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_passes_on_exact_trimmed_sentences() {
        let case: Case = serde_json::from_str(
            r#"{"id":"X","text":"Hello World. My name is Jonas.","expected":["Hello World.","My name is Jonas. "]}"#,
        )
        .unwrap();
        let splitter = Splitter::new();
        assert_eq!(check_case(&splitter, &case), None);
        let report = score_golden_rules(&splitter, &[case]);
        assert_eq!(
            report.all,
            PassRate {
                passed: 1,
                total: 1
            }
        );
        assert_eq!(report.pysbd_48.total, 0);
    }

    #[test]
    fn sentence_matching_counts_in_order() {
        let gold: Vec<String> = ["A.", "B.", "C."].map(String::from).to_vec();
        let got: Vec<String> = ["A.", "B. C."].map(String::from).to_vec();
        let (tally, missed) = score_sentences(&got, &gold);
        assert_eq!(
            tally,
            PassRate {
                passed: 1,
                total: 3
            }
        );
        assert_eq!(missed, ["B.", "C."]);
    }
}
