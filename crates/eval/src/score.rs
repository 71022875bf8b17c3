//! Counting and precision/recall/F1.

use serde::Serialize;
use std::collections::BTreeMap;

/// True positives, predictions and gold items of one scored category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Predictions that match a gold item.
    pub correct: usize,
    /// All predictions.
    pub predicted: usize,
    /// All gold items.
    pub gold: usize,
}

impl Counts {
    /// Adds `correct` matches out of `predicted` predictions and `gold` gold items.
    pub fn add(&mut self, correct: usize, predicted: usize, gold: usize) {
        self.correct += correct;
        self.predicted += predicted;
        self.gold += gold;
    }

    /// Adds another count.
    pub fn merge(&mut self, other: Counts) {
        self.add(other.correct, other.predicted, other.gold);
    }

    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }

    /// Recall (1 when the gold is empty).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Cases passed out of cases scored: the figure of suites that judge a
/// whole case at once (Golden Rules, Recognizers-Text, Duckling).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PassRate {
    /// Cases passed.
    pub passed: usize,
    /// Cases scored.
    pub total: usize,
}

impl PassRate {
    /// The share of cases passed (1 when there are none).
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }

    /// Counts one more case.
    pub fn record(&mut self, passed: bool) {
        self.total += 1;
        self.passed += usize::from(passed);
    }

    /// Adds another tally's cases.
    pub fn merge(&mut self, other: PassRate) {
        self.passed += other.passed;
        self.total += other.total;
    }

    /// As counts whose precision, recall and F1 all equal the pass rate,
    /// for report rows.
    pub fn as_counts(&self) -> Counts {
        Counts {
            correct: self.passed,
            predicted: self.total,
            gold: self.total,
        }
    }
}

/// Counts per named category (a label, a field, a rule set), in name order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Each category's counts.
    pub by_name: BTreeMap<String, Counts>,
}

impl Scores {
    /// The counts of `name`, created empty when new.
    pub fn entry(&mut self, name: &str) -> &mut Counts {
        self.by_name.entry(name.to_owned()).or_default()
    }

    /// All categories summed (micro average).
    pub fn micro(&self) -> Counts {
        let mut total = Counts::default();
        for c in self.by_name.values() {
            total.merge(*c);
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_of_edge_cases() {
        assert_eq!(Counts::default().f1(), 1.0);
        let c = Counts {
            correct: 0,
            predicted: 3,
            gold: 2,
        };
        assert_eq!(c.f1(), 0.0);
    }
}
