//! `newsie report` (issue 24): who said what across a corpus. Reads
//! `newsie extract` output (JSON Lines, streamed line by line) or
//! annotates articles itself, and writes the report of `newsie-report` as
//! an HTML page, JSON or CSV tables.

use crate::input::{spawn_reader, ReadOptions};
use crate::output::Sink;
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use newsie_core::input::read_bounded_line;
use newsie_core::{Document, Record};
use newsie_pipeline::Pipeline;
use newsie_report::{folder_of, GroupBy, Report, Table, Tables};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Lines of extract output longer than this are skipped as bad lines (a
/// record with `document_text` of a very long article may reach it).
const MAX_LINE_BYTES: usize = 256 * 1024 * 1024;

/// Articles larger than this yield a failed document (`--from-articles`).
const MAX_DOC_BYTES: u64 = 16 * 1024 * 1024;

/// Bad lines reported one by one; the rest are only counted.
const WARNINGS_SHOWN: u64 = 10;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// JSON Lines files of `newsie extract` output, or `-` for standard
    /// input (the default). With --from-articles, or when every path is a
    /// folder or a .txt file: articles, annotated first.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Annotate the paths (files, folders searched for *.txt) with the
    /// pipeline instead of reading extract output.
    #[arg(long)]
    pub from_articles: bool,

    /// `html`: one self-contained page (charts, every speaker linked to
    /// its quotes); `json`: one object with every table; `csv`: one table
    /// per file (speakers, groups, entities, figures, quotes).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "html")]
    pub format: ReportFormat,

    /// Where to write: a file for html and json (atomically; without it,
    /// standard output, which html refuses when it is a terminal); for csv
    /// a folder that gets speakers.csv, groups.csv, entities.csv,
    /// figures.csv and quotes.csv (made when missing).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// With --format csv: write only this table, to -o FILE or standard
    /// output.
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<TableArg>,

    /// Compare groups of documents: the value of this field of each input
    /// line (`source`, `outlet`, `year`), or `folder`: the folder of each
    /// document's id (the folder an article was read from).
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,

    /// The length of the ranked lists: most-quoted people and
    /// organizations, most-mentioned entities per label (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,

    /// Quotes kept per speaker as examples (every quote is counted).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub examples: usize,

    /// Figures listed per organization (every figure is counted).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub figures: usize,

    /// Worker threads for --from-articles (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Indent the JSON.
    #[arg(long)]
    pub pretty: bool,

    /// No summary line or warnings on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// One JSON object holding every table.
    Json,
    /// CSV tables.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    /// One row per speaker identity.
    Speakers,
    /// Sourcing shares per group, the corpus first.
    Groups,
    /// The most-mentioned entities per label.
    Entities,
    /// Money and percentages stated with organizations.
    Figures,
    /// The example quotes of every speaker.
    Quotes,
}

impl TableArg {
    fn table(self) -> Table {
        match self {
            TableArg::Speakers => Table::Speakers,
            TableArg::Groups => Table::Groups,
            TableArg::Entities => Table::Entities,
            TableArg::Figures => Table::Figures,
            TableArg::Quotes => Table::Quotes,
        }
    }
}

/// Where the report goes, opened before any input is read.
enum Destination {
    /// One file or standard output.
    One(Sink),
    /// A folder of CSV tables.
    Folder(PathBuf),
}

/// Checks the arguments against each other and opens the destination, so
/// that a report that cannot be written fails before the work.
fn open_destination(args: &ReportArgs, stdout_is_terminal: bool) -> Result<Destination> {
    match (args.format, &args.output, args.table) {
        (ReportFormat::Csv, Some(dir), None) => {
            if dir.exists() && !dir.is_dir() {
                bail!(
                    "--format csv -o names a folder for the tables, and {} is a file \
                     (write one table there with --table NAME)",
                    dir.display()
                );
            }
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot make the folder {}", dir.display()))?;
            Ok(Destination::Folder(dir.clone()))
        }
        (ReportFormat::Csv, None, None) => bail!(
            "--format csv writes several tables: name a folder with -o DIR, \
             or print one with --table speakers|groups|entities|figures|quotes"
        ),
        (ReportFormat::Html | ReportFormat::Json, _, Some(_)) => {
            bail!("--table picks one CSV table: add --format csv")
        }
        (ReportFormat::Html, None, _) if stdout_is_terminal => bail!(
            "newsie report writes an HTML page: name the file with -o FILE \
             (newsie report ... -o report.html), or redirect standard output (> report.html)"
        ),
        (_, output, _) => Ok(Destination::One(Sink::open(output.as_deref())?)),
    }
}

/// Whether the paths are articles to annotate rather than extract output.
fn reads_articles(args: &ReportArgs) -> bool {
    args.from_articles
        || (!args.paths.is_empty()
            && args
                .paths
                .iter()
                .all(|p| p.is_dir() || p.extension().is_some_and(|e| e == "txt")))
}

/// What went wrong along the way, for the warnings and the exit status.
#[derive(Default)]
struct Trouble {
    bad_lines: u64,
    unreadable_inputs: u64,
    failed_articles: u64,
    quiet: bool,
}

impl Trouble {
    fn bad_line(&mut self, place: &str, why: &dyn std::fmt::Display) {
        self.bad_lines += 1;
        if !self.quiet && self.bad_lines <= WARNINGS_SHOWN {
            eprintln!("newsie: warning: {place}: skipped: {why}");
        }
    }
}

pub fn run(args: ReportArgs) -> Result<ExitCode> {
    let group_by = args.group_by.as_deref().map(GroupBy::parse);
    let articles = reads_articles(&args);
    if articles && matches!(&group_by, Some(GroupBy::Field(_))) {
        bail!("articles have no fields to group by: use --group-by folder");
    }
    let destination = open_destination(&args, std::io::stdout().is_terminal())?;
    let mut report = Report::builder()
        .top(args.top)
        .examples_per_speaker(args.examples)
        .figures_per_organization(args.figures)
        .build();
    let mut trouble = Trouble {
        quiet: args.quiet,
        ..Trouble::default()
    };
    let started = Instant::now();
    if articles {
        let threads = match args.threads {
            Some(0) => bail!("--threads must be at least 1"),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        add_articles(
            &mut report,
            &args.paths,
            group_by.is_some(),
            threads,
            &mut trouble,
        )?;
    } else {
        add_extract_output(&mut report, &args.paths, group_by.as_ref(), &mut trouble)?;
    }
    let tables = report.finish();
    let written = write_report(&tables, &args, destination)?;
    if !args.quiet {
        summarize(&tables, &trouble, &written, started);
    }
    let troubled = trouble.bad_lines + trouble.unreadable_inputs + trouble.failed_articles > 0;
    Ok(if troubled {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn summarize(tables: &Tables, trouble: &Trouble, written: &str, started: Instant) {
    let s = &tables.summary;
    if trouble.bad_lines > WARNINGS_SHOWN {
        eprintln!(
            "newsie: warning: {} bad lines skipped in all",
            trouble.bad_lines
        );
    }
    eprintln!(
        "newsie: wrote {written}: {} documents ({} failed, {} bad lines), {} quotes, {} speakers in {:.2} s",
        s.documents,
        s.failed_documents,
        s.bad_lines,
        s.quotes,
        s.speakers,
        started.elapsed().as_secs_f64()
    );
}

/// Streams JSON Lines of extract output, one line at a time.
fn add_extract_output(
    report: &mut Report,
    paths: &[PathBuf],
    group_by: Option<&GroupBy>,
    trouble: &mut Trouble,
) -> Result<()> {
    let stdin = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin[..] } else { paths };
    if paths == stdin && std::io::stdin().is_terminal() && !trouble.quiet {
        eprintln!("newsie: reading extract output from standard input (pass a file, or - to silence this)");
    }
    for path in paths {
        if path.as_os_str() == "-" {
            add_lines(report, "-", std::io::stdin().lock(), group_by, trouble)?;
            continue;
        }
        match std::fs::File::open(path) {
            Ok(file) => {
                let source = path.display().to_string();
                add_lines(report, &source, BufReader::new(file), group_by, trouble)?;
            }
            Err(e) => {
                trouble.unreadable_inputs += 1;
                eprintln!("newsie: warning: cannot open {}: {e}", path.display());
            }
        }
    }
    Ok(())
}

fn add_lines(
    report: &mut Report,
    source: &str,
    mut reader: impl BufRead,
    group_by: Option<&GroupBy>,
    trouble: &mut Trouble,
) -> Result<()> {
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let length = read_bounded_line(&mut reader, &mut line, MAX_LINE_BYTES + 1)
            .with_context(|| format!("cannot read {source}"))?;
        if length == 0 {
            return Ok(());
        }
        number += 1;
        let place = format!("{source}:{number}");
        if length > MAX_LINE_BYTES {
            report.count_bad_line();
            trouble.bad_line(&place, &"longer than 256 MiB");
            continue;
        }
        if let Err(e) = report.add_json_line(&line, group_by, || place.clone()) {
            trouble.bad_line(&place, &e);
        }
    }
}

/// Annotates articles (in parallel batches, added in input order).
fn add_articles(
    report: &mut Report,
    paths: &[PathBuf],
    by_folder: bool,
    threads: usize,
    trouble: &mut Trouble,
) -> Result<()> {
    let pipeline = Pipeline::builder()
        .build()
        .context("cannot build the pipeline")?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let options = ReadOptions {
        jsonl: false,
        max_doc_bytes: MAX_DOC_BYTES,
    };
    let batch_size = threads * 4;
    let inputs = spawn_reader(paths.to_vec(), options, batch_size);
    let group_of = |id: &str| by_folder.then(|| folder_of(id));
    while let Ok(first) = inputs.recv() {
        let mut batch = vec![first];
        batch.extend(inputs.try_iter().take(batch_size - 1));
        let done: Vec<(String, Option<(Document, Record)>)> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|input| match input.doc {
                    Ok(doc) => (doc.id().to_owned(), annotate(&pipeline, doc)),
                    Err(error) => (error.id, None),
                })
                .collect()
        });
        for (id, outcome) in done {
            let group = group_of(&id);
            match outcome {
                Some((doc, record)) => {
                    report.add_with_text(&record, Some(doc.text()), group.as_deref());
                }
                None => {
                    trouble.failed_articles += 1;
                    report.add_failed(group.as_deref());
                }
            }
        }
    }
    Ok(())
}

/// One article's record; `None` when the pipeline fails or panics (one
/// bad article must not stop a corpus).
fn annotate(pipeline: &Pipeline, doc: Document) -> Option<(Document, Record)> {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(&doc)));
    match outcome {
        Ok(Ok(record)) => Some((doc, record)),
        _ => None,
    }
}

/// Writes the report; what was written, for the summary line.
fn write_report(tables: &Tables, args: &ReportArgs, destination: Destination) -> Result<String> {
    match destination {
        Destination::One(mut sink) => {
            let text = match (args.format, args.table) {
                (ReportFormat::Html, _) => tables.to_html(),
                (ReportFormat::Json, _) => tables.to_json(args.pretty) + "\n",
                (ReportFormat::Csv, table) => {
                    tables.to_csv(table.map_or(Table::Speakers, TableArg::table))
                }
            };
            let name = args
                .output
                .as_ref()
                .map_or("standard output".to_owned(), |p| p.display().to_string());
            write_all(sink.writer(), &text).with_context(|| format!("cannot write {name}"))?;
            sink.finish()?;
            Ok(name)
        }
        Destination::Folder(dir) => {
            for table in Table::ALL {
                let path = dir.join(table.file_name());
                let mut sink = Sink::open(Some(&path))?;
                write_all(sink.writer(), &tables.to_csv(table))
                    .with_context(|| format!("cannot write {}", path.display()))?;
                sink.finish()?;
            }
            Ok(format!("{} tables in {}", Table::ALL.len(), dir.display()))
        }
    }
}

fn write_all(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    out.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::path::Path;

    fn args(line: &[&str]) -> ReportArgs {
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            args: ReportArgs,
        }
        Wrapper::parse_from(std::iter::once("report").chain(line.iter().copied())).args
    }

    #[test]
    fn destinations_are_checked_before_the_work() {
        let refused = |line: &[&str], terminal| open_destination(&args(line), terminal).is_err();
        assert!(refused(&[], true), "an HTML page on a terminal");
        assert!(
            refused(&["--format", "csv"], false),
            "csv needs -o or --table"
        );
        assert!(
            refused(&["--table", "speakers"], false),
            "--table is for csv"
        );
        assert!(
            !refused(&["--format", "json"], true),
            "json may go to a terminal"
        );
        assert!(!refused(&["--format", "csv", "--table", "groups"], true));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.csv");
        std::fs::write(&file, "").unwrap();
        let file = file.to_str().unwrap();
        assert!(
            refused(&["--format", "csv", "-o", file], false),
            "a file is no folder"
        );
        let sub = dir.path().join("tables");
        let sub = sub.to_str().unwrap();
        assert!(!refused(&["--format", "csv", "-o", sub], false));
        assert!(Path::new(sub).is_dir(), "the folder is made");
    }

    #[test]
    fn folders_and_text_files_are_articles() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_str().unwrap();
        assert!(reads_articles(&args(&[folder])));
        assert!(reads_articles(&args(&["a.txt", "b.txt"])));
        assert!(!reads_articles(&args(&["out.jsonl"])));
        assert!(!reads_articles(&args(&[])));
        assert!(reads_articles(&args(&["--from-articles", "x.md"])));
    }
}
