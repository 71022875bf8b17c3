//! Scores one pipeline [`Record`] against one [`GoldDoc`]: sentences by
//! exact span; entities by exact span and label (optional gold entities
//! neither rewarded nor penalised); quotes matched by overlap, then speaker,
//! resolution, kind and cue; quantities matched by exact span, then every
//! normalized field.

use crate::gold::{GoldDoc, GoldQuantity};
use crate::score::{Counts, Scores};
use newsie_core::{Quantity, Record, Span};
use serde::Serialize;

/// The scores of one or more documents, per stage and category.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StageScores {
    /// Sentences, exact span.
    pub sentences: Counts,
    /// Entities by label, exact span and label.
    pub entities: Scores,
    /// Quotes: `found` (overlap), `span` (exact), and the attribution fields.
    pub quotes: Scores,
    /// Quantities: `found` (exact span), each normalized field, and `all` fields.
    pub quantities: Scores,
    /// One line per miss, for `-v`.
    pub misses: Vec<String>,
}

impl StageScores {
    /// The same scores without the list of misses (for sub-totals whose
    /// misses the grand total already lists).
    pub fn without_misses(&self) -> StageScores {
        StageScores {
            sentences: self.sentences,
            entities: self.entities.clone(),
            quotes: self.quotes.clone(),
            quantities: self.quantities.clone(),
            misses: Vec::new(),
        }
    }

    /// Adds the scores of another document.
    pub fn merge(&mut self, other: StageScores) {
        self.sentences.merge(other.sentences);
        for (dst, src) in [
            (&mut self.entities, other.entities),
            (&mut self.quotes, other.quotes),
            (&mut self.quantities, other.quantities),
        ] {
            for (name, counts) in src.by_name {
                dst.entry(&name).merge(counts);
            }
        }
        self.misses.extend(other.misses);
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

/// The fields of a quantity that must agree with the gold, by name.
fn quantity_fields(gold: &GoldQuantity, predicted: &Quantity) -> [(&'static str, bool); 6] {
    [
        ("kind", gold.kind == predicted.kind),
        ("value", close(gold.value, predicted.value)),
        ("low", close(gold.low, predicted.low)),
        ("high", close(gold.high, predicted.high)),
        ("approximate", gold.approximate == predicted.approximate),
        ("unit", gold.unit == predicted.unit),
    ]
}

/// Scores `record` against `gold`.
pub fn score_document(gold: &GoldDoc, record: &Record) -> StageScores {
    let text = gold.text.as_str();
    let id = &gold.id;
    let mut out = StageScores::default();

    // Sentences: exact spans.
    let predicted: Vec<Span> = record.sentences.iter().map(|s| s.span()).collect();
    let correct = predicted
        .iter()
        .filter(|s| gold.sentences.contains(s))
        .count();
    out.sentences
        .add(correct, predicted.len(), gold.sentences.len());
    for s in gold.sentences.iter().filter(|s| !predicted.contains(s)) {
        out.misses
            .push(format!("{id}: sentence missed: {:?}", &text[*s]));
    }
    for s in predicted.iter().filter(|s| !gold.sentences.contains(s)) {
        out.misses
            .push(format!("{id}: sentence spurious: {:?}", &text[*s]));
    }

    // Entities: exact span and label; predictions on an optional gold span
    // are ignored.
    for label in newsie_core::EntityLabel::ALL {
        out.entities.entry(label.as_str());
    }
    for e in &record.entities {
        let span = e.span();
        if gold.entities.iter().any(|g| g.optional && g.span == span) {
            continue;
        }
        let right = gold
            .entities
            .iter()
            .any(|g| !g.optional && g.span == span && g.label == e.label);
        out.entities
            .entry(e.label.as_str())
            .add(usize::from(right), 1, 0);
        if !right {
            out.misses
                .push(format!("{id}: entity spurious: {:?} {}", e.text, e.label));
        }
    }
    for g in gold.entities.iter().filter(|g| !g.optional) {
        out.entities.entry(g.label.as_str()).add(0, 0, 1);
        let found = record
            .entities
            .iter()
            .any(|e| e.span() == g.span && e.label == g.label);
        if !found {
            out.misses.push(format!(
                "{id}: entity missed: {:?} {}",
                &text[g.span], g.label
            ));
        }
    }

    // Quotes: each gold quote takes the unused prediction it overlaps most.
    let mut used = vec![false; record.quotes.len()];
    let n_pred = record.quotes.len();
    let n_gold = gold.quotes.len();
    for name in [
        "found",
        "span",
        "kind",
        "speaker",
        "speaker_resolved",
        "speaker_kind",
        "cue",
    ] {
        out.quotes.entry(name).add(0, n_pred, n_gold);
    }
    for g in &gold.quotes {
        let best = record
            .quotes
            .iter()
            .enumerate()
            .filter(|(i, q)| !used[*i] && q.span().overlaps(g.span))
            .max_by_key(|(_, q)| q.span().overlap_len(g.span));
        let Some((i, q)) = best else {
            out.misses
                .push(format!("{id}: quote missed: {:?}", &text[g.span]));
            continue;
        };
        used[i] = true;
        let speaker = q.speaker.as_ref();
        let checks = [
            ("found", true),
            ("span", q.span() == g.span),
            ("kind", q.kind == g.kind),
            (
                "speaker",
                speaker.map(|s| s.text.as_str()) == g.speaker.as_deref(),
            ),
            (
                "speaker_resolved",
                speaker.and_then(|s| s.resolved.as_deref()) == g.speaker_resolved.as_deref(),
            ),
            ("speaker_kind", speaker.map(|s| s.kind) == g.speaker_kind),
            (
                "cue",
                q.cue.as_ref().map(|c| c.lemma.as_str()) == g.cue.as_deref(),
            ),
        ];
        for (name, ok) in checks {
            out.quotes.entry(name).add(usize::from(ok), 0, 0);
            if !ok {
                out.misses.push(format!(
                    "{id}: quote {name} wrong: {:?} -> speaker {:?} ({:?}, {:?}), cue {:?}; gold speaker {:?} ({:?}, {:?}), cue {:?}",
                    &text[g.span],
                    speaker.map(|s| &s.text),
                    speaker.and_then(|s| s.resolved.as_ref()),
                    speaker.map(|s| s.kind),
                    q.cue.as_ref().map(|c| &c.lemma),
                    g.speaker,
                    g.speaker_resolved,
                    g.speaker_kind,
                    g.cue,
                ));
            }
        }
    }
    for (q, _) in record.quotes.iter().zip(&used).filter(|(_, u)| !**u) {
        out.misses
            .push(format!("{id}: quote spurious: {:?}", q.text));
    }

    // Quantities: exact span, then each field.
    let n_pred = record.quantities.len();
    let n_gold = gold.quantities.len();
    for name in [
        "found",
        "kind",
        "value",
        "low",
        "high",
        "approximate",
        "unit",
        "all",
    ] {
        out.quantities.entry(name).add(0, n_pred, n_gold);
    }
    for g in &gold.quantities {
        let Some(p) = record.quantities.iter().find(|q| q.span() == g.span) else {
            out.misses
                .push(format!("{id}: quantity missed: {:?}", &text[g.span]));
            continue;
        };
        out.quantities.entry("found").add(1, 0, 0);
        let fields = quantity_fields(g, p);
        for (name, ok) in fields {
            out.quantities.entry(name).add(usize::from(ok), 0, 0);
        }
        let all = fields.iter().all(|(_, ok)| *ok);
        out.quantities.entry("all").add(usize::from(all), 0, 0);
        // The fields added within schema 1, where the gold gives them: an
        // accuracy over the quantities found (each counts once as gold and
        // once as predicted).
        if let Some(m) = g.measure {
            for (name, ok) in [
                ("dimension", m.dimension == p.dimension),
                ("change", m.change == p.change),
                ("bound", m.bound == p.bound),
            ] {
                out.quantities.entry(name).add(usize::from(ok), 1, 1);
                if !ok {
                    out.misses.push(format!(
                        "{id}: quantity {name} wrong: {:?} -> {:?} / {:?} / {:?}; gold {:?} / {:?} / {:?}",
                        p.text, p.dimension, p.change, p.bound, m.dimension, m.change, m.bound
                    ));
                }
            }
        }
        if !all {
            out.misses.push(format!(
                "{id}: quantity fields wrong: {:?} -> {:?} value {:?} low {:?} high {:?} approx {} unit {:?}; gold {:?} value {:?} low {:?} high {:?} approx {} unit {:?}",
                p.text, p.kind, p.value, p.low, p.high, p.approximate, p.unit,
                g.kind, g.value, g.low, g.high, g.approximate, g.unit
            ));
        }
    }
    for q in &record.quantities {
        if !gold.quantities.iter().any(|g| g.span == q.span()) {
            out.misses
                .push(format!("{id}: quantity spurious: {:?}", q.text));
        }
    }
    out
}
