//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns English news articles into structured facts: sentences, named
/// entities, quotes with who said them, and normalized numbers.
///
/// Every annotation carries byte offsets into the input text; each input
/// document yields exactly one JSON record (or an error record), in input
/// order.
#[derive(Debug, Parser)]
#[command(name = "newsie", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Annotate articles and write one JSON record per document.
    ///
    /// Examples:
    ///
    ///   newsie extract article.txt --pretty
    ///
    ///   newsie extract corpus/ -o out.jsonl --threads 8
    ///
    ///   cat docs.jsonl | newsie extract --jsonl - > out.jsonl
    ///
    /// Exit status: 0 when every document was processed, 1 when some
    /// documents yielded error records, 2 on a usage or output error, 130
    /// or 143 when stopped by SIGINT or SIGTERM (the output file is then
    /// left as it was).
    Extract(ExtractArgs),
    /// Score the pipeline against gold annotations.
    ///
    /// Prints precision, recall and F1 per stage and label. Suites other
    /// than `fixtures` read third-party data from the shared folder
    /// (default ../shared/benchmarks).
    ///
    /// Examples:
    ///
    ///   newsie eval
    ///
    ///   newsie eval seed golden-rules conll2003 -v
    ///
    ///   newsie eval --json polnear
    Eval(EvalArgs),
    /// Draw articles and everything found in them as one self-contained
    /// HTML page.
    ///
    /// Examples:
    ///
    ///   newsie render article.txt -o page.html
    ///
    ///   newsie render --from results.jsonl -o page.html
    Render(RenderArgs),
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Articles to annotate and draw (files or folders of *.txt).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Draw earlier `newsie extract` output instead of running the
    /// pipeline. Each record's text is taken from its `document_text` field
    /// (`extract --include-text`) or read from the file its id names.
    #[arg(long, value_name = "JSONL", conflicts_with = "paths")]
    pub from: Option<PathBuf>,

    /// The HTML file to write.
    #[arg(short, long, value_name = "FILE", default_value = "newsie.html")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, directories (searched recursively for *.txt, following
    /// symbolic links; a file reached by several names is read once) or `-`
    /// for standard input. Without any, reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Inputs are JSON Lines, one `{"id": ..., "text": ...}` object per
    /// line, streamed: one output line per input line, in order, flushed as
    /// it goes (for Spark or Hadoop streaming).
    #[arg(long)]
    pub jsonl: bool,

    /// Write the records to FILE (atomically: a temporary file, then a
    /// rename; a symbolic link is written through, to the file it names)
    /// instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Worker threads (default: all cores). The output is byte-identical
    /// for any number.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Indent the JSON (one record spans several lines).
    #[arg(long)]
    pub pretty: bool,

    /// Fill only these lists (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STAGES")]
    pub only: Vec<Stage>,

    /// Documents larger than this many megabytes yield an error record
    /// instead of being processed. The default keeps two threads within
    /// about 5 GB on the densest text (a run of numbers needs about 160
    /// times the document; news text about 14 times).
    #[arg(long, value_name = "MB", default_value_t = 16)]
    pub max_doc_mb: u64,

    /// Add each document's text to its record as `document_text` (so that
    /// `newsie render --from` can draw it later).
    #[arg(long)]
    pub include_text: bool,

    /// No progress bar and no summary line on standard error.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub ner: NerArgs,
}

/// Which entity tagger runs.
#[derive(Debug, Clone, Args)]
pub struct NerArgs {
    /// The entity tagger: `linear` is the model embedded in newsie (no
    /// setup, about a million words a second); `transformer` runs a BERT
    /// token-classification checkpoint (more accurate, far slower; needs a
    /// build with `--features transformer`, see scripts/transformer/setup.sh).
    #[arg(long, value_enum, value_name = "BACKEND", default_value = "linear")]
    pub ner: NerBackend,

    /// The transformer checkpoint folder: config.json with id2label,
    /// model.safetensors, and tokenizer.json or vocab.txt (any Hugging Face
    /// BERT token-classification model). Default: models/ner-transformer.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,

    /// The transformer's number format: `f32` gives PyTorch's own results;
    /// `bf16` is faster on CPUs with bf16 matrix units (1.8 times with
    /// Intel AMX) and may change a close label.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "f32")]
    pub precision: PrecisionArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrecisionArg {
    /// 32-bit floats.
    F32,
    /// bfloat16.
    Bf16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NerBackend {
    /// The embedded linear model (averaged passive-aggressive learners).
    Linear,
    /// A BERT-family checkpoint run by libtorch.
    Transformer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Stage {
    Sentences,
    Entities,
    Quotes,
    Quantities,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Suites to run (default: fixtures).
    #[arg(value_enum, value_name = "SUITE")]
    pub suites: Vec<Suite>,

    /// The folder of gold fixtures.
    #[arg(long, value_name = "DIR", default_value = "fixtures")]
    pub fixtures: PathBuf,

    /// The folder of shared third-party benchmarks.
    #[arg(long, value_name = "DIR", default_value = "../shared/benchmarks")]
    pub benchmarks: PathBuf,

    /// The seed article's gold file.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "../shared/seed/aws-layoffs.gold.json"
    )]
    pub seed: PathBuf,

    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,

    /// List every miss.
    #[arg(short, long)]
    pub verbose: bool,

    #[command(flatten)]
    pub ner: NerArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Suite {
    /// The project's own annotated articles (fixtures/*.gold.json).
    Fixtures,
    /// The motivating article, ../shared/seed.
    Seed,
    /// Sentence splitting: the English Golden Rules.
    GoldenRules,
    /// Named entities: CoNLL-2003 test and CoNLL++ on gold tokens, and
    /// the test set again as plain text through the whole pipeline.
    Conll2003,
    /// Quote attribution: PolNeAR test.
    Polnear,
    /// Number normalization: Microsoft Recognizers-Text specs.
    Recognizers,
    /// Number normalization: Duckling's numeral and money examples.
    Duckling,
    /// Number spans: IE-ER newswire MONEY, PERCENT and CARDINAL recall.
    Ieer,
}
