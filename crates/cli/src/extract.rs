//! `newsie extract`: read documents, annotate them in parallel, write one
//! record per document in input order.

use crate::args::{ExtractArgs, OutputFormat, Stage};
use crate::formats::{Format, Lists, Written};
use crate::input::{spawn_reader, Input, ReadOptions};
use crate::output::{input_folder_holding, Destination};
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsie_core::{Document, ErrorRecord, Record};
use newsie_pipeline::{Pipeline, Stages};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

/// Documents handed to the workers at once, per thread. Small enough that a
/// streaming mapper answers quickly, large enough to keep threads busy.
const BATCH_PER_THREAD: usize = 4;

/// Documents per batch for a tagger that tags batches in one call.
const BATCHED_DOCUMENTS: usize = 32;

fn stages_from(only: &[Stage]) -> Stages {
    if only.is_empty() {
        return Stages::ALL;
    }
    Stages {
        sentences: only.contains(&Stage::Sentences),
        entities: only.contains(&Stage::Entities),
        quotes: only.contains(&Stage::Quotes),
        quantities: only.contains(&Stage::Quantities),
    }
}

/// Documents longer than this (one annotation window) have their JSON
/// record written straight to the output by the writer, never held as one
/// string beside the record: the string is about six times the document
/// (for a 100 MB document some 450 MB), and its growth by doubling made it
/// the largest allocation of a 1 MB document. Shorter ones, nearly every
/// article, are serialized on the worker threads, in parallel.
const STREAMED_DOC_BYTES: usize = 256 << 10;

/// One input's output: written out already, or (a long document in JSON)
/// the record to serialize straight into the output.
enum Rendered {
    Done(Written),
    Record(Box<(Document, Record)>),
}

impl Rendered {
    /// Writes the output to its destination.
    fn write_to(self, destination: &mut Destination, format: Format) -> Result<()> {
        match self {
            Rendered::Done(written) => destination.write(written),
            Rendered::Record(parts) => {
                let (doc, record) = *parts;
                let out = destination
                    .one()
                    .context("internal error: a JSON record without its one output")?;
                format.write_json(out, &doc, record)?;
                out.write_all(b"\n")?;
                Ok(())
            }
        }
    }
}

/// The output of one input: its record, or an error record; and whether it
/// succeeded.
fn annotate(pipeline: &Pipeline, input: Input, format: Format) -> (Rendered, bool) {
    let doc = match input.doc {
        Ok(doc) => doc,
        Err(error) => return (Rendered::Done(format.error(&error)), false),
    };
    // One bad document must never stop a corpus run, not even through a bug.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(&doc)));
    match outcome {
        Ok(Ok(record)) if doc.text().len() > STREAMED_DOC_BYTES && format.is_json() => {
            (Rendered::Record(Box::new((doc, record))), true)
        }
        outcome => {
            let (written, ok) = render(&doc, outcome.ok(), format);
            (Rendered::Done(written), ok)
        }
    }
}

/// The JSON lines of a batch of inputs, in order, their entities tagged in
/// one call (`Pipeline::process_batch`, for taggers that run faster on
/// batches). If the batch panics, each document runs again alone, so that
/// a crash costs only its own document.
fn annotate_batch(
    pipeline: &Pipeline,
    inputs: Vec<Input>,
    format: Format,
) -> Vec<(Rendered, bool)> {
    let docs: Vec<&Document> = inputs.iter().filter_map(|i| i.doc.as_ref().ok()).collect();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pipeline.process_batch(&docs)
    }));
    let Ok(results) = outcome else {
        return inputs
            .into_iter()
            .map(|input| annotate(pipeline, input, format))
            .collect();
    };
    // One result per document, in order.
    let mut results = results.into_iter();
    inputs
        .iter()
        .map(|input| match &input.doc {
            Ok(doc) => {
                let (written, ok) = render(doc, results.next(), format);
                (Rendered::Done(written), ok)
            }
            Err(error) => (Rendered::Done(format.error(error)), false),
        })
        .collect()
}

/// One document's outcome, written out; `None` means the pipeline
/// panicked.
fn render(
    doc: &Document,
    outcome: Option<Result<Record, newsie_pipeline::Error>>,
    format: Format,
) -> (Written, bool) {
    match outcome {
        Some(Ok(record)) => (format.record(doc, record), true),
        Some(Err(e)) => {
            let error = ErrorRecord::new(doc.id(), "pipeline", e.to_string());
            (format.error(&error), false)
        }
        None => {
            let error = ErrorRecord::new(
                doc.id(),
                "internal",
                "newsie crashed on this document (a bug; please report it)",
            );
            (format.error(&error), false)
        }
    }
}

/// The format the arguments ask for, and the stages it needs; or why the
/// arguments do not fit together. (Whether a format that writes a folder
/// has one is checked when the destination opens.)
fn format_of(args: &ExtractArgs) -> Result<(Format, Stages)> {
    let (output, pretty) = match (args.pretty, args.format) {
        (false, format) => (format, format == OutputFormat::Json),
        (true, OutputFormat::Jsonl | OutputFormat::Json) => (OutputFormat::Json, true),
        (true, OutputFormat::Spacy) => (OutputFormat::Spacy, true),
        (true, format) => bail!(
            "--pretty indents JSON, and --format {} is not JSON \
             (use it with --format json or spacy, or leave it out)",
            format.name()
        ),
    };
    let mut stages = stages_from(&args.only);
    if output == OutputFormat::Conll {
        // CoNLL lines are the sentences' tokens with their entity tags.
        stages.sentences = true;
        stages.entities = true;
    }
    let format = Format {
        output,
        offsets: args.offsets,
        include_text: args.include_text,
        pretty,
        lists: Lists::of(&args.only),
    };
    Ok((format, stages))
}

/// Warns when the output lands inside an input folder, where a later run
/// over that folder would find it.
fn warn_if_inside_inputs(args: &ExtractArgs, format: &Format) {
    let Some(output) = args.output.as_deref() else {
        return;
    };
    let Some(folder) = input_folder_holding(output, &args.paths) else {
        return;
    };
    let consequence = if format.output == OutputFormat::Brat {
        "a later run over that folder will read its .txt files as articles; write it elsewhere"
    } else if !format.writes_tables() && output.extension().is_some_and(|e| e == "txt") {
        "a later run over that folder will read it as an article; write it elsewhere"
    } else {
        "a later run will not read it (only *.txt files are articles), \
         but other tools may take it for part of the corpus"
    };
    eprintln!(
        "newsie: warning: the output {} is inside the input folder {}: {consequence}",
        output.display(),
        folder.display()
    );
}

fn progress_bar(quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents, {msg} [{elapsed}]")
            .expect("valid template"),
    );
    Some(bar)
}

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let threads = match args.threads {
        Some(0) => anyhow::bail!("--threads must be at least 1"),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    // Before the model loads and any document is read: an output that
    // cannot be written fails at once, not after the whole run.
    let (format, stages) = format_of(&args)?;
    let mut destination = Destination::open(&format, args.output.as_deref())?;
    warn_if_inside_inputs(&args, &format);
    let pipeline = crate::ner::build_pipeline(
        &args.ner,
        Pipeline::builder()
            .stages(stages)
            .attributor(args.quotes.attributor()),
    )?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    // A tagger that runs faster on batches (the transformer) gets larger
    // ones: its windows of many documents then share forward passes.
    let batch_size = if pipeline.prefers_batches() {
        BATCHED_DOCUMENTS
    } else {
        threads * BATCH_PER_THREAD
    };
    let options = ReadOptions {
        jsonl: args.jsonl,
        max_doc_bytes: args.max_doc_bytes(),
    };
    let inputs = spawn_reader(args.paths, options, batch_size);
    let bar = progress_bar(args.quiet);
    let started = Instant::now();
    let (mut documents, mut errors, mut bytes) = (0usize, 0usize, 0usize);

    let result = (|| -> Result<()> {
        // Block for the first document of a batch, then take whatever else
        // is ready: a streaming mapper never waits for a full batch.
        while let Ok(first) = inputs.recv() {
            let mut batch = vec![first];
            while batch.len() < batch_size {
                match inputs.try_recv() {
                    Ok(input) => batch.push(input),
                    Err(_) => break,
                }
            }
            bytes += batch.iter().map(|i| i.bytes).sum::<usize>();
            let lines: Vec<(Rendered, bool)> = if pipeline.prefers_batches() {
                annotate_batch(&pipeline, batch, format)
            } else {
                pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|input| annotate(&pipeline, input, format))
                        .collect()
                })
            };
            for (rendered, ok) in lines {
                rendered.write_to(&mut destination, format)?;
                documents += 1;
                errors += usize::from(!ok);
            }
            destination.flush()?;
            if let Some(bar) = &bar {
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                bar.set_position(documents as u64);
                bar.set_message(format!(
                    "{:.1} MB, {:.0} docs/s, {errors} errors",
                    bytes as f64 / 1e6,
                    documents as f64 / secs
                ));
            }
        }
        Ok(())
    })();
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if let Err(e) = result {
        destination.abandon();
        return Err(e).context("cannot write the output");
    }
    destination.finish()?;
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "newsie: {documents} documents, {errors} errors, {:.1} MB in {secs:.2} s ({:.1} MB/s)",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_selects_stages() {
        let s = stages_from(&[Stage::Quotes]);
        assert!(s.quotes && !s.sentences && !s.entities && !s.quantities);
        assert_eq!(stages_from(&[]), Stages::ALL);
    }

    #[test]
    fn compact_json_is_one_line() {
        use crate::formats::to_json;
        let record = newsie_core::Record::new("a\nb");
        assert!(!to_json(&record, false).contains('\n'));
        assert!(to_json(&record, true).contains('\n'));
    }
}
