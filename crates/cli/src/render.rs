//! `newsie render` (issue 10): draw articles, or earlier `newsie extract`
//! output, as one self-contained HTML page.

use crate::args::RenderArgs;
use crate::input::{spawn_reader, ReadOptions};
use crate::output::Sink;
use anyhow::{Context, Result};
use newsie_core::{ErrorRecord, Record};
use newsie_pipeline::Pipeline;
use newsie_render::Page;
use std::io::{BufRead, BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Documents larger than this are listed as errors rather than drawn: a
/// page of hundreds of megabytes would not open in a browser anyway.
const MAX_DOC_BYTES: u64 = 64 * 1024 * 1024;

/// Refuses to print a page to a terminal: without `-o` the HTML goes to
/// standard output, and a screenful of markup helps no one (a forgotten
/// `-o` used to overwrite newsie.html silently instead).
fn check_destination(output: Option<&Path>, stdout_is_terminal: bool) -> Result<()> {
    if output.is_none() && stdout_is_terminal {
        anyhow::bail!(
            "newsie render writes an HTML page: name the file with -o FILE \
             (newsie render ... -o page.html), or redirect standard output (> page.html)"
        );
    }
    Ok(())
}

pub fn run(args: RenderArgs) -> Result<ExitCode> {
    check_destination(args.output.as_deref(), std::io::stdout().is_terminal())?;
    let destination = match &args.output {
        Some(path) => path.display().to_string(),
        None => "the page to standard output".to_owned(),
    };
    // Before any article is read: a page that cannot be written fails at
    // once, not after the work.
    let mut sink = Sink::open(args.output.as_deref())?;
    let mut page = Page::new();
    match &args.from {
        Some(from) => add_from_jsonl(&mut page, from)?,
        None => add_annotated(&mut page, args.paths)?,
    }
    let html = page.to_html();
    if let Err(e) = sink.writer().write_all(html.as_bytes()) {
        sink.abandon();
        return Err(e).with_context(|| format!("cannot write {destination}"));
    }
    sink.finish()?;
    let errors = page.error_count();
    eprintln!(
        "newsie: wrote {destination} ({} documents, {errors} errors)",
        page.len()
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Adds `record` of `text`, or an error entry when it does not fit.
fn add_record(page: &mut Page, text: String, record: &Record) {
    let id = record.id.clone();
    if let Err(e) = page.add_document(id.clone(), text, record) {
        page.add_error(id, "mismatch", e.to_string());
    }
}

/// Runs the pipeline on files and folders (`*.txt`, recursively, sorted),
/// or standard input when no path is given.
fn add_annotated(page: &mut Page, paths: Vec<PathBuf>) -> Result<()> {
    let pipeline = Pipeline::builder()
        .build()
        .context("cannot build the pipeline")?;
    let options = ReadOptions {
        jsonl: false,
        max_doc_bytes: MAX_DOC_BYTES,
    };
    for input in spawn_reader(paths, options, 4) {
        let doc = match input.doc {
            Ok(doc) => doc,
            Err(error) => {
                page.add_error_record(&error);
                continue;
            }
        };
        // One bad document must not lose the whole page, not even through a bug.
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(&doc)));
        match outcome {
            Ok(Ok(record)) => add_record(page, doc.text().to_owned(), &record),
            Ok(Err(e)) => {
                page.add_error(doc.id(), "pipeline", e.to_string());
            }
            Err(_) => {
                page.add_error(
                    doc.id(),
                    "internal",
                    "newsie crashed on this document (a bug; please report it)",
                );
            }
        }
    }
    Ok(())
}

/// Draws earlier `newsie extract` output: one record per line, its text
/// from `document_text` or from the file its id names (as given, or
/// relative to the folder of the JSON Lines file).
fn add_from_jsonl(page: &mut Page, from: &Path) -> Result<()> {
    let reader: Box<dyn BufRead> = if from.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file =
            std::fs::File::open(from).with_context(|| format!("cannot open {}", from.display()))?;
        Box::new(BufReader::new(file))
    };
    let base = from.parent().map(Path::to_owned).unwrap_or_default();
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", from.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let fallback_id = format!("{}:{}", from.display(), number + 1);
        match parse_line(&line, &fallback_id, &base) {
            Ok((text, record)) => add_record(page, text, &record),
            Err(error) => {
                page.add_error_record(&error);
            }
        }
    }
    Ok(())
}

/// One line of `newsie extract` output: the record and its text, or the
/// error to list in its place.
fn parse_line(line: &str, fallback_id: &str, base: &Path) -> Result<(String, Record), ErrorRecord> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        ErrorRecord::new(
            fallback_id,
            "invalid_json",
            format!("not a JSON object: {e}"),
        )
    })?;
    let id = match value.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => fallback_id.to_owned(),
    };
    // An error record of `newsie extract` is listed as it was.
    if let Some(error) = value.get("error") {
        let field = |name: &str| {
            error
                .get(name)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        };
        return Err(ErrorRecord::new(id, field("kind"), field("message")));
    }
    let text = match value.get("document_text") {
        Some(serde_json::Value::String(text)) => text.clone(),
        _ => read_named_file(&id, base)?,
    };
    let record: Record = serde_json::from_value(value)
        .map_err(|e| ErrorRecord::new(id.clone(), "invalid_record", e.to_string()))?;
    Ok((text, record))
}

/// The text of the file a record's id names.
fn read_named_file(id: &str, base: &Path) -> Result<String, ErrorRecord> {
    let as_given = PathBuf::from(id);
    let candidates = [as_given.clone(), base.join(&as_given)];
    let Some(path) = candidates.iter().find(|p| p.is_file()) else {
        return Err(ErrorRecord::new(
            id,
            "no_text",
            "the record has no `document_text` (extract --include-text) and its id names no readable file",
        ));
    };
    let bytes = std::fs::read(path)
        .map_err(|e| ErrorRecord::new(id, "io", format!("cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ErrorRecord::new(
            id,
            "invalid_utf8",
            format!(
                "{} is not valid UTF-8 (first bad byte at offset {at})",
                path.display()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_not_printed_to_a_terminal() {
        let page = Path::new("page.html");
        assert!(check_destination(None, true).is_err());
        assert!(check_destination(None, false).is_ok(), "a pipe or a file");
        assert!(check_destination(Some(page), true).is_ok());
        assert!(check_destination(Some(page), false).is_ok());
    }

    #[test]
    fn lines_of_extract_output_parse() {
        let base = Path::new(".");
        let (text, record) = parse_line(
            r#"{"id":"a","schema":1,"sentences":[{"start":0,"end":3,"text":"Hi."}],"entities":[],"quotes":[],"quantities":[],"document_text":"Hi."}"#,
            "x:1",
            base,
        )
        .unwrap();
        assert_eq!((text.as_str(), record.sentences.len()), ("Hi.", 1));
        let err = parse_line(
            r#"{"id":"b","error":{"kind":"binary","message":"NUL"}}"#,
            "x:2",
            base,
        )
        .unwrap_err();
        assert_eq!((err.id.as_str(), err.error.kind.as_str()), ("b", "binary"));
        let err = parse_line("{oops", "x:3", base).unwrap_err();
        assert_eq!(
            (err.id.as_str(), err.error.kind.as_str()),
            ("x:3", "invalid_json")
        );
        let err = parse_line(r#"{"id":"/no/such/file.txt","schema":1}"#, "x:4", base).unwrap_err();
        assert_eq!(err.error.kind, "no_text");
    }
}
