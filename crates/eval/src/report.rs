//! A uniform report for every suite: rows of precision/recall/F1 (or pass
//! rates), printed as a table or as JSON.

use crate::compare::StageScores;
use crate::score::Counts;
use serde::Serialize;
use std::fmt::Write as _;

/// One row of a suite's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The stage (`sentences`, `entities`, ...).
    pub component: String,
    /// The label, field or case set within the stage (`PER`, `speaker`, `all`).
    pub label: String,
    /// The counts behind the figures.
    pub counts: Counts,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Row {
    /// A row from counts.
    pub fn new(component: &str, label: &str, counts: Counts) -> Row {
        Row {
            component: component.to_owned(),
            label: label.to_owned(),
            counts,
            precision: counts.precision(),
            recall: counts.recall(),
            f1: counts.f1(),
        }
    }
}

/// What one suite measured.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SuiteReport {
    /// The suite's name.
    pub suite: String,
    /// The figures.
    pub rows: Vec<Row>,
    /// Each miss, one line each (printed with `-v`).
    pub misses: Vec<String>,
}

impl SuiteReport {
    /// The rows of per-document stage scores: per label for entities, per
    /// field for quotes and quantities, and a micro average.
    pub fn from_stage_scores(suite: &str, scores: StageScores) -> SuiteReport {
        let mut rows = vec![Row::new("sentences", "exact span", scores.sentences)];
        for (name, counts) in &scores.entities.by_name {
            rows.push(Row::new("entities", name, *counts));
        }
        rows.push(Row::new("entities", "micro", scores.entities.micro()));
        let quote_order = [
            "found",
            "span",
            "kind",
            "speaker",
            "speaker_resolved",
            "speaker_kind",
            "cue",
        ];
        for name in quote_order {
            if let Some(counts) = scores.quotes.by_name.get(name) {
                rows.push(Row::new("quotes", name, *counts));
            }
        }
        let quantity_order = [
            "found",
            "kind",
            "value",
            "low",
            "high",
            "approximate",
            "unit",
            "all",
            "dimension",
            "change",
            "bound",
        ];
        for name in quantity_order {
            if let Some(counts) = scores.quantities.by_name.get(name) {
                rows.push(Row::new("quantities", name, *counts));
            }
        }
        SuiteReport {
            suite: suite.to_owned(),
            rows,
            misses: scores.misses,
        }
    }

    /// The headline rows of one half of a suite, their components suffixed
    /// with the half (`entities test`): entity micro and per label, quotes
    /// found and attributed, quantities found and right in every field.
    pub fn push_half_rows(&mut self, half: &str, scores: &StageScores) {
        let entities = format!("entities {half}");
        for (label, counts) in &scores.entities.by_name {
            self.rows.push(Row::new(&entities, label, *counts));
        }
        self.rows
            .push(Row::new(&entities, "micro", scores.entities.micro()));
        for (stage, names, field_scores) in [
            (
                "quotes",
                &["found", "speaker_resolved", "speaker_kind"][..],
                &scores.quotes,
            ),
            ("quantities", &["found", "all"][..], &scores.quantities),
        ] {
            for name in names {
                if let Some(counts) = field_scores.by_name.get(*name) {
                    self.rows
                        .push(Row::new(&format!("{stage} {half}"), name, *counts));
                }
            }
        }
    }

    /// The row for `component` and `label`.
    pub fn row(&self, component: &str, label: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.component == component && r.label == label)
    }

    /// The report as an aligned text table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.suite);
        let _ = writeln!(
            out,
            "  {:<18} {:<20} {:>7} {:>7} {:>7} {:>8} {:>8} {:>8}",
            "component", "label", "P", "R", "F1", "correct", "pred", "gold"
        );
        for r in &self.rows {
            let _ = writeln!(
                out,
                "  {:<18} {:<20} {:>7.3} {:>7.3} {:>7.3} {:>8} {:>8} {:>8}",
                r.component,
                r.label,
                r.precision,
                r.recall,
                r.f1,
                r.counts.correct,
                r.counts.predicted,
                r.counts.gold
            );
        }
        out
    }
}
