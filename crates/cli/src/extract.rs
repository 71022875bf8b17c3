//! `newsie extract`: read documents, annotate them in parallel, write one
//! record per document in input order.

use crate::args::{ExtractArgs, OutputFormat, Stage};
use crate::formats::Format;
use crate::input::{spawn_reader, Input, ReadOptions};
use crate::output::Sink;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsie_core::{Document, ErrorRecord, Record};
use newsie_pipeline::{Pipeline, Stages};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
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

/// Documents longer than this have their JSON record written straight to
/// the output by the writer, never held as one string beside the record:
/// for a 100 MB document the string alone would be some 450 MB.
const STREAMED_DOC_BYTES: usize = 1 << 20;

/// One input's output: written out already, or (a long document in JSON)
/// the record to serialize straight into the output.
enum Rendered {
    Line(String),
    Record(Box<(Document, Record)>),
}

impl Rendered {
    /// Writes the output and its line break (none for an empty line: a
    /// CSV table of a document with nothing in its list has no row).
    fn write_to(self, out: &mut dyn Write, format: Format) -> std::io::Result<()> {
        match self {
            Rendered::Line(line) if line.is_empty() => Ok(()),
            Rendered::Line(line) => {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")
            }
            Rendered::Record(parts) => {
                let (doc, record) = *parts;
                format.write_json(out, &doc, record)?;
                out.write_all(b"\n")
            }
        }
    }
}

/// The output of one input: its record, or an error record; and whether it
/// succeeded.
fn annotate(pipeline: &Pipeline, input: Input, format: Format) -> (Rendered, bool) {
    let doc = match input.doc {
        Ok(doc) => doc,
        Err(error) => return (Rendered::Line(format.error(&error)), false),
    };
    // One bad document must never stop a corpus run, not even through a bug.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(&doc)));
    match outcome {
        Ok(Ok(record)) if doc.text().len() > STREAMED_DOC_BYTES && format.is_json() => {
            (Rendered::Record(Box::new((doc, record))), true)
        }
        outcome => {
            let (line, ok) = render(&doc, outcome.ok(), format);
            (Rendered::Line(line), ok)
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
                let (line, ok) = render(doc, results.next(), format);
                (Rendered::Line(line), ok)
            }
            Err(error) => (Rendered::Line(format.error(error)), false),
        })
        .collect()
}

/// One document's outcome, written out; `None` means the pipeline
/// panicked.
fn render(
    doc: &Document,
    outcome: Option<Result<Record, newsie_pipeline::Error>>,
    format: Format,
) -> (String, bool) {
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
/// arguments do not fit together.
fn format_of(args: &ExtractArgs) -> Result<(Format, Stages)> {
    let output = if args.pretty {
        OutputFormat::Json
    } else {
        args.format
    };
    let mut stages = stages_from(&args.only);
    let csv_list = match (output, args.only.as_slice()) {
        (OutputFormat::Csv, [list]) => Some(*list),
        (OutputFormat::Csv, _) => anyhow::bail!(
            "--format csv writes one table: name its list with --only \
             (sentences, entities, quotes or quantities)"
        ),
        _ => None,
    };
    if output == OutputFormat::Conll {
        // CoNLL lines are the sentences' tokens with their entity tags.
        stages.sentences = true;
        stages.entities = true;
    }
    let format = Format {
        output,
        offsets: args.offsets,
        include_text: args.include_text,
        csv_list,
    };
    Ok((format, stages))
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
    let mut sink = Sink::open(args.output.as_deref())?;
    let pipeline = crate::ner::build_pipeline(&args.ner, Pipeline::builder().stages(stages))?;
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
        if let Some(header) = format.header() {
            let out = sink.writer();
            out.write_all(header.as_bytes())?;
            out.write_all(b"\n")?;
        }
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
            let out = sink.writer();
            for (rendered, ok) in lines {
                rendered.write_to(out, format)?;
                documents += 1;
                errors += usize::from(!ok);
            }
            out.flush()?;
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
        sink.abandon();
        return Err(e).context("cannot write the output");
    }
    sink.finish()?;
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
