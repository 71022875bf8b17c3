//! Trains the cue model of the wide quote scope (`newsie-quotes`'
//! `CueModel`) on PolNeAR's training split, chooses its settings on the dev
//! split, and writes the model file.
//!
//! ```text
//! newsie-train-quotes [--polnear DIR] [--out FILE] [--epochs N] [--seed N]
//!                     [--min-count K] [--min-rate R] [--no-boundaries]
//!                     [--diagnose]
//! ```
//!
//! Steps, all deterministic:
//! 1. each article of train and dev goes through the default pipeline once
//!    for its sentences and entities (what the attributor sees at run time);
//! 2. the **lexicon**: every word inside a gold cue of train (less function
//!    words such as `has`, `to`, `in`) that is a cue at least `K` times and
//!    in at least a share `R` of its occurrences in train's text;
//! 3. the **candidates** of train (the rules' cues, the uses the rules
//!    exclude, the lexicon's words) with their features, each labelled by
//!    whether it overlaps a gold cue;
//! 4. a **logistic regression** over the features seen at least twice, by
//!    stochastic gradient descent in a fixed shuffled order (`--seed`);
//! 5. the **thresholds** (accept a new cue, veto a rule's cue) chosen on
//!    dev by the mean of the exact source, cue and content F1, with the
//!    rules alone measured the same way for comparison;
//! 6. a **content boundary scorer** (unless `--no-boundaries`): an
//!    averaged ranking perceptron that picks each reported clause's start
//!    and end among a few candidates (the rules' own, a `that` or `to`
//!    near its start, a comma, dash or semicolon inside it), kept only if
//!    it raises the dev objective by at least `BOUNDARY_MARGIN`.
//!
//! `--diagnose` prints where dev's gold cues are lost (no candidate, a
//! candidate dropped, a cue kept that gives no quote) and how the
//! predicted contents miss.
//!
//! PolNeAR test is never read: its figures come from `newsie eval polnear`.

use newsie_core::{Record, Sentence, Span};
use newsie_eval::suites::polnear::{self, PolnearDoc, PolnearScores};
use newsie_pipeline::Pipeline;
use newsie_quotes::{Attributor, CueCandidate, CueModel};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// How much the content boundaries must raise the dev objective (the mean
/// of three F1) to join the model.
const BOUNDARY_MARGIN: f64 = 0.002;

/// An article with what the other stages found in it.
struct Prepared {
    doc: PolnearDoc,
    sentences: Vec<Sentence>,
    entities: Vec<newsie_core::Entity>,
}

/// Words that sit inside PolNeAR cues (`has said`, `according to`, `said
/// in a statement`) without being the cue's word.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "do"
            | "does"
            | "did"
            | "not"
            | "also"
            | "to"
            | "for"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "with"
            | "that"
            | "this"
            | "it"
            | "and"
            | "or"
            | "as"
            | "from"
            | "about"
            | "his"
            | "her"
            | "their"
            | "its"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
    )
}

/// Lower-cased words of `text` with their byte spans: runs of letters (and
/// inner apostrophes or hyphens), as the attributor's tokens read them.
fn words(text: &str) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((Span::new(s, i), text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((Span::new(s, text.len()), text[s..].to_lowercase()));
    }
    out
}

/// The learned lexicon: (form, lemma) pairs, the lemma being the form.
fn learn_lexicon(train: &[Prepared], min_count: usize, min_rate: f64) -> Vec<(String, String)> {
    let mut as_cue: HashMap<String, usize> = HashMap::new();
    let mut total: HashMap<String, usize> = HashMap::new();
    for p in train {
        for (span, w) in words(&p.doc.text) {
            *total.entry(w.clone()).or_default() += 1;
            let in_cue = p
                .doc
                .cues
                .iter()
                .any(|c| c.start <= span.start && span.end <= c.end);
            if in_cue && !is_function_word(&w) && w.chars().all(char::is_alphabetic) {
                *as_cue.entry(w).or_default() += 1;
            }
        }
    }
    let mut lexicon: Vec<(String, String)> = as_cue
        .into_iter()
        .filter(|(w, n)| {
            *n >= min_count && *n as f64 >= min_rate * total.get(w).copied().unwrap_or(1) as f64
        })
        .map(|(w, _)| (w.clone(), w))
        .collect();
    lexicon.sort();
    lexicon
}

/// A small deterministic generator for the shuffle (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Logistic regression by SGD with a decaying step and L2 shrinkage of
/// the weights an example touches.
fn train_logistic(
    examples: &[(Vec<usize>, bool)],
    features: usize,
    epochs: usize,
    seed: u64,
) -> (Vec<f64>, f64) {
    let mut w = vec![0.0f64; features];
    let mut bias = 0.0f64;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(seed.max(1));
    let l2 = 1e-4;
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let rate = 0.2 / (1.0 + epoch as f64);
        for &e in &order {
            let (x, y) = &examples[e];
            let z: f64 = bias + x.iter().map(|&f| w[f]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - if *y { 1.0 } else { 0.0 };
            bias -= rate * g;
            for &f in x {
                w[f] -= rate * (g + l2 * w[f]);
            }
        }
    }
    (w, bias)
}

/// An averaged ranking perceptron: for each group of candidates (the
/// first is the rules' own), when the highest-scoring candidate (the first
/// on a tie) is not a right one, the first right one's features gain and
/// the chosen one's lose. Averaged weights, so that the last updates do
/// not dominate.
fn train_ranking(
    groups: &[Vec<(Vec<usize>, bool)>],
    features: usize,
    epochs: usize,
    seed: u64,
) -> Vec<f64> {
    let mut w = vec![0.0f64; features];
    // Sum of the weights over all steps, kept lazily.
    let mut total = vec![0.0f64; features];
    let mut stamp = vec![0u64; features];
    let mut step = 0u64;
    let mut order: Vec<usize> = (0..groups.len()).collect();
    let mut rng = Rng(seed.max(1) ^ 0x9E37_79B9);
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &g in &order {
            step += 1;
            let group = &groups[g];
            let score = |x: &Vec<usize>| x.iter().map(|&f| w[f]).sum::<f64>();
            let mut best = 0;
            for (i, (x, _)) in group.iter().enumerate() {
                if score(x) > score(&group[best].0) {
                    best = i;
                }
            }
            if group[best].1 {
                continue;
            }
            let Some(right) = group.iter().position(|(_, y)| *y) else {
                continue;
            };
            for (list, delta) in [(&group[right].0, 1.0), (&group[best].0, -1.0)] {
                for &f in list {
                    total[f] += w[f] * (step - stamp[f]) as f64;
                    stamp[f] = step;
                    w[f] += delta;
                }
            }
        }
    }
    (0..features)
        .map(|f| (total[f] + w[f] * (step - stamp[f]) as f64) / step.max(1) as f64)
        .collect()
}

/// Scores `attributor` on prepared articles, as the pipeline would.
fn score(attributor: &Attributor, docs: &[Prepared]) -> PolnearScores {
    let mut total = PolnearScores::default();
    for p in docs {
        let spans: Vec<Span> = p.sentences.iter().map(Sentence::span).collect();
        let mut record = Record::new(p.doc.id.clone());
        record.sentences = p.sentences.clone();
        record.quotes = attributor.attribute(&p.doc.text, &spans, &p.entities);
        total.merge(&polnear::score_document(&p.doc, &record));
    }
    total
}

fn objective(s: &PolnearScores) -> f64 {
    (s.source.f1() + s.cue.f1() + s.content.f1()) / 3.0
}

fn line(name: &str, s: &PolnearScores) -> String {
    let f = |c: newsie_eval::Counts| {
        format!(
            "P {:.3} R {:.3} F1 {:.3}",
            c.precision(),
            c.recall(),
            c.f1()
        )
    };
    format!(
        "{name}: source {} | cue {} | content {} | mean F1 {:.4}",
        f(s.source),
        f(s.cue),
        f(s.content),
        objective(s)
    )
}

fn wide(model: Option<Arc<CueModel>>) -> Attributor {
    Attributor::builder()
        .wide_attribution(true)
        .cue_model(model)
        .build()
        .unwrap_or_default()
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("newsie-train-quotes: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The command line's settings (see the module's usage line).
struct Options {
    /// The folder with `polnear_train.jsonl` and `polnear_dev.jsonl`.
    dir: PathBuf,
    /// Where the model file goes.
    out: PathBuf,
    /// Passes over the examples, for both regressions.
    epochs: usize,
    /// Seed of the example order.
    seed: u64,
    /// The least times a word must be a cue to join the lexicon.
    min_count: usize,
    /// The least share of a word's uses that must be cues.
    min_rate: f64,
    /// Whether to try the content boundary scorer (no `--no-boundaries`).
    boundaries: bool,
    /// Whether to print where dev's cues and contents are lost.
    diagnose: bool,
}

impl Options {
    /// Reads `args` (without the program's name): a flag's value is the
    /// argument right after it. PolNeAR's folder is the first thing
    /// checked, so that a checkout without the shared data says so before
    /// any other mistake.
    fn parse(args: &[String]) -> Result<Options, String> {
        let value = |name: &str| {
            args.iter()
                .position(|a| a == name)
                .and_then(|i| args.get(i + 1))
                .cloned()
        };
        let number = |name: &str, default: f64| -> Result<f64, String> {
            value(name).map_or(Ok(default), |v| {
                v.parse::<f64>()
                    .map_err(|_| format!("{name}: not a number: {v}"))
            })
        };
        let dir = value("--polnear")
            .map(PathBuf::from)
            .or_else(|| newsie_eval::shared_dir().map(|d| d.join("benchmarks/polnear")));
        let Some(dir) = dir else {
            return Err("PolNeAR not found: pass --polnear DIR".into());
        };
        let out =
            PathBuf::from(value("--out").unwrap_or("models/quotes/newsie-quotes-wide.txt".into()));
        Ok(Options {
            dir,
            out,
            epochs: number("--epochs", 6.0)? as usize,
            seed: number("--seed", 17.0)? as u64,
            min_count: number("--min-count", 3.0)? as usize,
            min_rate: number("--min-rate", 0.3)?,
            boundaries: !args.iter().any(|a| a == "--no-boundaries"),
            diagnose: args.iter().any(|a| a == "--diagnose"),
        })
    }
}

/// The steps of the module's documentation, in order: each prints its
/// figures as it ends, so that a long run shows where it is.
fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = Options::parse(&args)?;
    let started = Instant::now();

    let (train, dev) = prepare_splits(&options.dir)?;
    eprintln!(
        "{} train and {} dev articles prepared in {:.1}s",
        train.len(),
        dev.len(),
        started.elapsed().as_secs_f64()
    );
    let rules = score(&wide(None), &dev);
    println!("{}", line("dev, rules alone", &rules));

    let (min_count, min_rate) = (options.min_count, options.min_rate);
    let lexicon = learn_lexicon(&train, min_count, min_rate);
    eprintln!(
        "lexicon: {} words (a cue at least {min_count} times and in {min_rate} of uses)",
        lexicon.len()
    );
    let base = train_cue_model(lexicon, &train, options.epochs, options.seed);
    let (accept, veto, scores) = choose_thresholds(&base, &dev)?;
    println!(
        "{}",
        line(
            &format!("dev, model (accept {accept}, veto {veto})"),
            &scores
        )
    );
    let cue_model = base.with_thresholds(accept, veto);
    let model = if options.boundaries {
        with_boundaries(cue_model, &scores, &train, &dev, &options)
    } else {
        cue_model
    };
    if options.diagnose {
        diagnose(&model, &dev);
    }
    write_model(&model, &options.out, started)
}

/// Runs the default pipeline once over train and dev: the attributor
/// reads these sentences and entities at run time, and every later step
/// (the lexicon, the candidates, each pair of thresholds tried) reuses
/// them rather than running the pipeline again.
fn prepare_splits(dir: &Path) -> Result<(Vec<Prepared>, Vec<Prepared>), String> {
    let pipeline = Pipeline::builder()
        .build()
        .map_err(|e| format!("pipeline: {e}"))?;
    let train = prepare(&pipeline, dir, "train")?;
    let dev = prepare(&pipeline, dir, "dev")?;
    Ok((train, dev))
}

/// The articles of split `split` under `dir`, each with what `pipeline`
/// finds in it.
fn prepare(pipeline: &Pipeline, dir: &Path, split: &str) -> Result<Vec<Prepared>, String> {
    let docs = polnear::load(&polnear::split_path(dir, split)).map_err(|e| e.to_string())?;
    docs.into_iter()
        .map(|doc| {
            let record = polnear::predict(pipeline, &doc).map_err(|e| e.to_string())?;
            Ok(Prepared {
                doc,
                sentences: record.sentences,
                entities: record.entities,
            })
        })
        .collect()
}

/// Train's cue candidates as feature ids, each labelled by whether it
/// overlaps a gold cue.
struct CueExamples {
    /// Feature names and their ids, numbered in order of first sight.
    ids: HashMap<String, usize>,
    /// How often each feature id occurs among the candidates.
    counts: Vec<usize>,
    /// Each candidate's features seen at least twice, and its label.
    examples: Vec<(Vec<usize>, bool)>,
    /// Candidates that overlap a gold cue.
    positives: usize,
}

/// The candidates `gather` proposes in `train` (step 3). A feature seen
/// once cannot be told from noise, so each example keeps only the
/// features seen at least twice; `ids` still numbers them all.
fn cue_examples(gather: &Attributor, train: &[Prepared]) -> CueExamples {
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut raw: Vec<(Vec<usize>, bool)> = Vec::new();
    let mut positives = 0;
    for p in train {
        let spans: Vec<Span> = p.sentences.iter().map(Sentence::span).collect();
        for c in gather.cue_candidates(&p.doc.text, &spans, &p.entities) {
            let gold = p.doc.cues.iter().any(|g| g.overlaps(c.span));
            positives += usize::from(gold);
            let x: Vec<usize> = c
                .features
                .into_iter()
                .map(|f| {
                    let next = ids.len();
                    let id = *ids.entry(f).or_insert(next);
                    if id == counts.len() {
                        counts.push(0);
                    }
                    counts[id] += 1;
                    id
                })
                .collect();
            raw.push((x, gold));
        }
    }
    let examples = raw
        .into_iter()
        .map(|(x, y)| (x.into_iter().filter(|&f| counts[f] >= 2).collect(), y))
        .collect();
    CueExamples {
        ids,
        counts,
        examples,
        positives,
    }
}

/// The cue model before its thresholds are chosen (steps 3 and 4): the
/// candidates come from the rules plus `lexicon`, so that the regression
/// learns on the same candidates the model will see. Weights are rounded
/// to four places and the near-zero ones dropped, to keep the model file
/// small and readable.
fn train_cue_model(
    lexicon: Vec<(String, String)>,
    train: &[Prepared],
    epochs: usize,
    seed: u64,
) -> CueModel {
    let lexicon_only = Arc::new(CueModel::new(lexicon.clone(), [], 0.0, 1.0, 0.0));
    let table = cue_examples(&wide(Some(lexicon_only)), train);
    eprintln!(
        "{} train candidates ({} overlap a gold cue), {} features",
        table.examples.len(),
        table.positives,
        table.counts.iter().filter(|&&n| n >= 2).count()
    );
    let (w, bias) = train_logistic(&table.examples, table.ids.len(), epochs, seed);
    let counts = table.counts;
    let mut names: Vec<(String, usize)> = table.ids.into_iter().collect();
    names.sort();
    let weights: Vec<(String, f32)> = names
        .into_iter()
        .filter(|(_, id)| counts[*id] >= 2 && w[*id].abs() >= 1e-3)
        .map(|(name, id)| (name, (w[id] * 1e4).round() as f32 / 1e4))
        .collect();
    CueModel::new(
        lexicon,
        weights,
        (bias * 1e4).round() as f32 / 1e4,
        1.0,
        0.0,
    )
}

/// The thresholds (accept a new cue, veto a rule's cue) with the best dev
/// objective (step 5), and the dev scores they give. Each pair is printed,
/// so that a run shows how flat the choice is; on a tie the first pair
/// tried wins, which keeps the choice stable from run to run.
fn choose_thresholds(
    base: &CueModel,
    dev: &[Prepared],
) -> Result<(f32, f32, PolnearScores), String> {
    let mut best: Option<(f64, f32, f32, PolnearScores)> = None;
    let mut tried = HashSet::new();
    for accept in [0.5f32, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01] {
        for veto in [0.0f32, 0.1, 0.2, 0.3, 0.4, 0.5] {
            if !tried.insert((accept.to_bits(), veto.to_bits())) {
                continue;
            }
            let model = Arc::new(base.clone().with_thresholds(accept, veto));
            let s = score(&wide(Some(model)), dev);
            eprintln!("{}", line(&format!("dev accept {accept} veto {veto}"), &s));
            if best.as_ref().map_or(true, |b| objective(&s) > b.0) {
                best = Some((objective(&s), accept, veto, s));
            }
        }
    }
    let Some((_, accept, veto, scores)) = best else {
        return Err("no thresholds tried".into());
    };
    Ok((accept, veto, scores))
}

/// `cue_model` with the content boundary scorer's weights (step 6) when
/// they raise the dev objective over `scores` (the cue model's own) by at
/// least `BOUNDARY_MARGIN`; `cue_model` unchanged otherwise.
fn with_boundaries(
    cue_model: CueModel,
    scores: &PolnearScores,
    train: &[Prepared],
    dev: &[Prepared],
    options: &Options,
) -> CueModel {
    let boundaries = train_boundaries(&cue_model, train, dev, options.epochs, options.seed);
    let mut weights = cue_model.weights();
    weights.extend(boundaries);
    let with = cue_model.clone().with_weights(weights);
    let s = score(&wide(Some(Arc::new(with.clone()))), dev);
    println!("{}", line("dev, model with content boundaries", &s));
    // A gain under the margin is within what moving one article's
    // attributions changes: not worth the model's size.
    if objective(&s) >= objective(scores) + BOUNDARY_MARGIN {
        with
    } else {
        println!("content boundaries left out: under {BOUNDARY_MARGIN} better on dev");
        cue_model
    }
}

/// Writes `model` to `out` and says what it holds and how long the whole
/// run took since `started`.
fn write_model(model: &CueModel, out: &Path, started: Instant) -> Result<(), String> {
    let text = model.to_text();
    std::fs::write(out, &text).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "wrote {} ({} bytes, {} lexicon words, {} weights) in {:.1}s",
        out.display(),
        text.len(),
        model.lexicon_len(),
        model.weights_len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Where a clause starting at `start` starts in PolNeAR's convention: with
/// a `that` right before it (as the scorer's `with_that`).
fn that_start(text: &str, start: usize) -> usize {
    let before = text[..start].trim_end();
    let n = before.len();
    if n >= 4 && before.is_char_boundary(n - 4) && before[n - 4..].eq_ignore_ascii_case("that") {
        let word_start = before[..n - 4]
            .chars()
            .next_back()
            .map_or(true, |c| !c.is_alphanumeric());
        if word_start {
            return n - 4;
        }
    }
    start
}

/// The content boundary scorer: a logistic regression over the candidate
/// starts and ends of the clauses `cue_model` reports on train, each
/// labelled by whether it is the boundary of the gold content that
/// overlaps the clause most; clauses whose gold boundary is no candidate
/// teach nothing. Its weights (features `S|` and `E|`) join the model's.
fn train_boundaries(
    cue_model: &CueModel,
    train: &[Prepared],
    dev: &[Prepared],
    epochs: usize,
    seed: u64,
) -> Vec<(String, f32)> {
    let attributor = wide(Some(Arc::new(cue_model.clone())));
    let train_groups = boundary_groups(&attributor, train);
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut counts: Vec<usize> = Vec::new();
    for g in &train_groups {
        for (f, _) in g {
            for name in f {
                let next = ids.len();
                let id = *ids.entry(name.as_str()).or_insert(next);
                if id == counts.len() {
                    counts.push(0);
                }
                counts[id] += 1;
            }
        }
    }
    let examples: Vec<Vec<(Vec<usize>, bool)>> = train_groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|(f, y)| {
                    let x = f
                        .iter()
                        .filter_map(|n| ids.get(n.as_str()).copied())
                        .filter(|&id| counts[id] >= 2)
                        .collect();
                    (x, *y)
                })
                .collect()
        })
        .collect();
    let w = train_ranking(&examples, ids.len(), epochs, seed);
    let mut names: Vec<(&str, usize)> = ids.into_iter().collect();
    names.sort();
    let weights: Vec<(String, f32)> = names
        .into_iter()
        .filter(|(_, id)| counts[*id] >= 2 && w[*id].abs() >= 1e-4)
        .map(|(name, id)| (name.to_owned(), (w[id] * 1e4).round() as f32 / 1e4))
        .collect();
    let lookup: HashMap<&str, f32> = weights.iter().map(|(n, w)| (n.as_str(), *w)).collect();
    for (name, groups) in [
        ("train", &train_groups),
        ("dev", &boundary_groups(&attributor, dev)),
    ] {
        let (mut right, mut rules) = (0, 0);
        for g in groups.iter() {
            let score =
                |f: &Vec<String>| f.iter().filter_map(|n| lookup.get(n.as_str())).sum::<f32>();
            let mut best = 0;
            for (i, (f, _)) in g.iter().enumerate() {
                if score(f) > score(&g[best].0) {
                    best = i;
                }
            }
            right += usize::from(g[best].1);
            rules += usize::from(g[0].1);
        }
        eprintln!(
            "boundaries on {name}: {} clause sides with the gold boundary among the candidates; the model picks it {right} times, the rules {rules}",
            groups.len()
        );
    }
    weights
}

/// The candidate boundaries of the clauses `attributor` reports in
/// `docs`, one group a clause side (start or end), each candidate
/// labelled by whether it is the boundary of the gold content that
/// overlaps the clause most; sides whose gold boundary is no candidate are
/// left out.
fn boundary_groups(attributor: &Attributor, docs: &[Prepared]) -> Vec<Vec<(Vec<String>, bool)>> {
    let mut out = Vec::new();
    for p in docs {
        let spans: Vec<Span> = p.sentences.iter().map(Sentence::span).collect();
        let text = &p.doc.text;
        for c in attributor.content_candidates(text, &spans, &p.entities) {
            let Some(gold) = p
                .doc
                .contents
                .iter()
                .filter(|g| g.overlaps(c.span))
                .max_by_key(|g| g.overlap_len(c.span))
            else {
                continue;
            };
            let starts: Vec<_> = c
                .starts
                .into_iter()
                .map(|(s, f)| (f, that_start(text, s.start) == gold.start))
                .collect();
            let ends: Vec<_> = c
                .ends
                .into_iter()
                .map(|(s, f)| (f, s.end == gold.end))
                .collect();
            for list in [starts, ends] {
                if list.iter().any(|(_, y)| *y) {
                    out.push(list);
                }
            }
        }
    }
    out
}

/// Where dev's gold cues are lost: no candidate, a candidate the model
/// drops, or a kept candidate that gives no quote; with the commonest
/// words of each, and how the predicted contents miss.
fn diagnose(model: &CueModel, dev: &[Prepared]) {
    let attributor = wide(Some(Arc::new(model.clone())));
    let mut cues = CueLosses::default();
    let mut contents = ContentMisses::default();
    for p in dev {
        let spans: Vec<Span> = p.sentences.iter().map(Sentence::span).collect();
        let candidates = attributor.cue_candidates(&p.doc.text, &spans, &p.entities);
        let mut record = Record::new(p.doc.id.clone());
        record.sentences = p.sentences.clone();
        record.quotes = attributor.attribute(&p.doc.text, &spans, &p.entities);
        let (_, predicted_cues, predicted_contents) =
            polnear::predicted_spans(&p.doc.text, &record);
        contents.add(&p.doc, &predicted_contents);
        cues.add(model, &p.doc, &predicted_cues, &candidates);
    }
    eprintln!(
        "dev gold cues {}, overlapped by a predicted cue {}",
        cues.total, cues.found
    );
    contents.print();
    cues.print();
}

/// The entries of `map`, commonest first and alphabetical among equals,
/// so that a listing is the same from run to run.
fn by_count(map: &HashMap<String, usize>) -> Vec<(&String, &usize)> {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v
}

/// How dev's predicted contents miss the gold ones (`--diagnose`): the
/// boundary the content scorer would have to learn shows in the text
/// between the two.
#[derive(Default)]
struct ContentMisses {
    /// Predicted contents that are: a gold one, overlap none, or overlap
    /// one with (index 2 +) 1 a different start, 2 a different end, 3 both.
    kinds: [usize; 6],
    /// Same start, and the gold one ends one character later: that
    /// character.
    one_more: HashMap<String, usize>,
    /// Same start, the gold one ends later still: what it adds.
    longer: HashMap<String, usize>,
    /// Same start, the gold one ends earlier: what it leaves out.
    shorter: HashMap<String, usize>,
    /// Same end, another start: `+` and what the gold one adds, or `-` and
    /// what it leaves out.
    starts: HashMap<String, usize>,
}

impl ContentMisses {
    /// Counts the `predicted` contents of article `doc`; a miss is set
    /// against the first gold content it overlaps.
    fn add(&mut self, doc: &PolnearDoc, predicted: &[Span]) {
        for c in predicted {
            if doc.contents.contains(c) {
                self.kinds[0] += 1;
                continue;
            }
            let Some(g) = doc.contents.iter().find(|g| g.overlaps(*c)) else {
                self.kinds[1] += 1;
                continue;
            };
            let k = 2 + usize::from(g.start != c.start) + 2 * usize::from(g.end != c.end);
            self.kinds[k] += 1;
            self.add_difference(&doc.text, *g, *c);
        }
    }

    /// Notes the text between gold content `g` and predicted content `c`
    /// where they share one boundary, cut short so that alike misses count
    /// together.
    fn add_difference(&mut self, text: &str, g: Span, c: Span) {
        if g.start == c.start && g.end == c.end + 1 {
            *self
                .one_more
                .entry(text[c.end..g.end].to_owned())
                .or_default() += 1;
        }
        if g.start == c.start && g.end > c.end + 1 {
            let added: String = text[c.end..g.end].chars().take(12).collect();
            *self.longer.entry(added).or_default() += 1;
        }
        if g.start == c.start && g.end < c.end {
            let left_out: String = text[g.end..c.end].chars().take(12).collect();
            *self.shorter.entry(left_out).or_default() += 1;
        }
        if g.end == c.end && g.start != c.start {
            let (a, b) = (g.start.min(c.start), g.start.max(c.start));
            let sign = if g.start < c.start { "+" } else { "-" };
            let between: String = text[a..b].chars().take(15).collect();
            *self.starts.entry(format!("{sign}{between}")).or_default() += 1;
        }
    }

    fn print(&self) {
        let k = &self.kinds;
        eprintln!(
            "predicted contents: exact {}, no overlap {}, start differs {}, end differs {}, both {}",
            k[0], k[1], k[3], k[4], k[5]
        );
        for (name, map) in [
            ("gold one char longer", &self.one_more),
            ("gold longer", &self.longer),
            ("gold shorter", &self.shorter),
            ("start differs", &self.starts),
        ] {
            let v = by_count(map);
            let n: usize = map.values().sum();
            eprintln!("{name} ({n}): {:?}", v.iter().take(25).collect::<Vec<_>>());
        }
    }
}

/// Where dev's gold cues are lost (`--diagnose`), by the words of the
/// lost cues: a lexicon or a feature to add shows among them.
#[derive(Default)]
struct CueLosses {
    /// Gold cues seen.
    total: usize,
    /// Gold cues overlapped by a predicted cue.
    found: usize,
    /// The words of the other gold cues, by [`loss_class`].
    lost: [HashMap<String, usize>; 3],
    /// A few cues kept that gave no quote, in their context.
    kept_examples: Vec<String>,
}

/// How many cues kept without a quote `--diagnose` shows in context.
const KEPT_EXAMPLES: usize = 40;

impl CueLosses {
    /// Counts the gold cues of article `doc` against its `predicted` cues
    /// and its cue `candidates`.
    fn add(
        &mut self,
        model: &CueModel,
        doc: &PolnearDoc,
        predicted: &[Span],
        candidates: &[CueCandidate],
    ) {
        for g in &doc.cues {
            self.total += 1;
            let word = doc.text[g.start..g.end].to_lowercase();
            if predicted.iter().any(|c| c.overlaps(*g)) {
                self.found += 1;
                continue;
            }
            let class = loss_class(model, candidates, *g);
            if class == 2 && self.kept_examples.len() < KEPT_EXAMPLES {
                let text = &doc.text;
                let mut from = g.start.saturating_sub(100);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (g.end + 100).min(text.len());
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                self.kept_examples.push(format!(
                    "{}[[{}]]{}",
                    &text[from..g.start],
                    &text[g.start..g.end],
                    &text[g.end..to]
                ));
            }
            *self.lost[class].entry(word).or_default() += 1;
        }
    }

    fn print(&self) {
        for (name, map) in ["no candidate", "dropped by the model", "kept, no quote"]
            .iter()
            .zip(&self.lost)
        {
            let v = by_count(map);
            let n: usize = map.values().sum();
            let top: Vec<String> = v.iter().take(40).map(|(w, k)| format!("{w}:{k}")).collect();
            eprintln!("{name} ({n}): {}", top.join(", "));
        }
        eprintln!("kept, no quote, in context:");
        for example in &self.kept_examples {
            eprintln!("  {}", example.replace('\n', " / "));
        }
    }
}

/// Why gold cue `gold`, which no predicted cue overlaps, is lost: 0 when
/// no candidate overlaps it, 1 when the model drops every one that does
/// (a new cue under `accept`, a rule's under `veto`), 2 when one is kept
/// but gives no quote. The first asks for candidates, the second for
/// features, the third for the attributor's other steps.
fn loss_class(model: &CueModel, candidates: &[CueCandidate], gold: Span) -> usize {
    let hit: Vec<_> = candidates
        .iter()
        .filter(|c| c.span.overlaps(gold))
        .collect();
    if hit.is_empty() {
        0
    } else if hit.iter().all(|c| {
        let pr = model.probability(&c.features);
        if c.by_rules {
            pr < model.veto()
        } else {
            pr < model.accept()
        }
    }) {
        1
    } else {
        2
    }
}
