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
// The version names the commit and the embedded model (build.rs), so that
// a report of odd output says which code and which model gave it.
#[command(
    name = "newsie",
    version = env!("NEWSIE_LONG_VERSION"),
    propagate_version = true
)]
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
    ///
    ///   newsie render article.txt > page.html
    Render(RenderArgs),
    /// Who said what across a corpus: speakers merged across documents,
    /// sourcing shares per group, most-mentioned entities and the figures
    /// stated with each organization, as an HTML page, JSON or CSV.
    ///
    /// Reads `newsie extract` output (JSON Lines, streamed with bounded
    /// memory; a bad line is skipped with a warning), or annotates articles
    /// itself. Exit status: 0, or 1 when lines were skipped or articles
    /// failed, 2 on a usage or output error.
    ///
    /// Examples:
    ///
    ///   newsie extract corpus/ -o out.jsonl && newsie report out.jsonl -o report.html
    ///
    ///   newsie report corpus/ --group-by folder -o report.html   (articles, one group per folder)
    ///
    ///   newsie report out.jsonl --group-by source --format json > report.json
    ///
    ///   newsie report out.jsonl --format csv -o tables/   (speakers.csv, groups.csv, entities.csv, figures.csv, quotes.csv)
    ///
    ///   newsie report out.jsonl --format csv --table figures --top 0 > figures.csv
    Report(crate::report::ReportArgs),
    /// Print a shell completion script to standard output.
    ///
    /// Load it from your shell's start-up or completion folder. Examples:
    ///
    ///   newsie completions bash > ~/.local/share/bash-completion/completions/newsie
    ///
    ///   newsie completions zsh > ~/.zfunc/_newsie   (with fpath+=~/.zfunc
    /// before compinit in ~/.zshrc)
    ///
    ///   newsie completions fish > ~/.config/fish/completions/newsie.fish
    ///
    ///   newsie completions powershell | Out-String | Invoke-Expression   (in
    /// $PROFILE)
    Completions(CompletionsArgs),
    /// Print newsie's manual page (roff) to standard output.
    ///
    /// Examples:
    ///
    ///   newsie man | man -l -
    ///
    ///   newsie man > ~/.local/share/man/man1/newsie.1
    Man,
}

/// `--quotes`: the scope of quote attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuoteScope {
    /// Speech and writing (the annotation spec's scope).
    Speech,
    /// Speech, beliefs, findings and other attributions (PolNeAR's scope).
    Wide,
}

impl QuoteScope {
    /// The quote attributor for this scope.
    pub fn attributor(self) -> newsie_quotes::Attributor {
        newsie_quotes::Attributor::builder()
            .wide_attribution(self == QuoteScope::Wide)
            .build()
            .expect("the default attributor settings are valid")
    }
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
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

    /// The HTML file to write (atomically, as `extract -o`). Without it,
    /// the page goes to standard output, which must then be redirected or
    /// piped: newsie will not print a page to a terminal.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    /// instead of standard output. With `--format brat`, or `--format csv`
    /// and several lists, a folder (made when missing) for their files. A
    /// warning says when it lies inside an input folder.
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,

    /// Worker threads (default: all cores). The output is byte-identical
    /// for any number.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Indent the JSON (one record spans several lines): the same as
    /// `--format json`; with `--format spacy`, indented spaCy documents.
    /// Refused with the formats that are not JSON.
    #[arg(long)]
    pub pretty: bool,

    /// The output format: `jsonl`, one JSON record per line (the default);
    /// `json`, the same indented; `csv`, one row per annotation (a
    /// document's id, offsets and every field; a header line first): with
    /// `--only` one list, one table to standard output or -o FILE, else one
    /// file per list (sentences.csv, entities.csv, quotes.csv,
    /// quantities.csv) in -o DIR; `conll`, one token per line with its BIO
    /// entity tag, a blank line between sentences and `-DOCSTART- -X- O`
    /// before each document, as NER tools read it; `spacy`, one JSON object
    /// per line in spaCy's `Doc.to_json` shape (text, tokens, ents, sents,
    /// span groups newsie_quotes, newsie_speakers, newsie_cues and
    /// newsie_quantities; the id and values under `newsie`), for
    /// `Doc(Vocab()).from_json(json.loads(line))`; `brat`, a
    /// `.txt` and an `.ann` standoff file per document, and annotation.conf,
    /// in -o DIR (file names from the ids, made safe and unique). spacy and
    /// brat count offsets in code points whatever `--offsets` says. A
    /// document that fails gives an error record in JSON and spaCy, an
    /// error row in CSV, a `# error` line in CoNLL, a line on standard
    /// error in brat.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "jsonl")]
    pub format: OutputFormat,

    /// Offsets in bytes of the UTF-8 text (the default), or in `chars`:
    /// Unicode code points, as Python's `str`, JavaScript and brat count
    /// them (`text[start:end]` then holds in Python).
    #[arg(long, value_enum, value_name = "UNIT", default_value = "bytes")]
    pub offsets: Offsets,

    /// Fill only these lists (comma-separated), and run only the stages
    /// they need: `sentences` is the cheapest; `quantities` adds the
    /// number scanner (about 30 MB/s); `entities` adds the entity tagger,
    /// most of the time of a full run, and the number scanner; `quotes`
    /// adds the entity tagger (speakers are names). Quantities without
    /// entities keep digits of names out by the scanner's own rules, so a
    /// rare number inside a name the tagger would have found comes out.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STAGES")]
    pub only: Vec<Stage>,

    /// Which quotes count: `speech`, what someone said or wrote, as the
    /// annotation spec scopes them (the default); `wide`, also beliefs,
    /// findings and other attributions without a speech verb (`X believes`,
    /// `a study found`), as PolNeAR annotates them.
    #[arg(long, value_enum, value_name = "SCOPE", default_value = "speech")]
    pub quotes: QuoteScope,

    /// Documents larger than this many megabytes yield an error record
    /// instead of being processed. The default keeps two threads within
    /// about 5 GB on the densest text (a run of numbers needs about 160
    /// times the document; news text about 14 times).
    /// A fraction is allowed (`--max-doc-mb 0.5`).
    // Negative numbers reach the parser, which says why they are refused,
    // rather than clap's "unexpected argument '-1'".
    #[arg(
        long,
        value_name = "MB",
        default_value_t = 16.0,
        value_parser = parse_megabytes,
        allow_negative_numbers = true
    )]
    pub max_doc_mb: f64,

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

impl ExtractArgs {
    /// `--max-doc-mb` in bytes, rounded to the nearest byte (and capped at
    /// `u64::MAX`, which no input reaches).
    pub fn max_doc_bytes(&self) -> u64 {
        // `as` saturates a float too large for u64; the parser has ruled
        // out negative and non-finite values.
        (self.max_doc_mb * 1024.0 * 1024.0).round() as u64
    }
}

/// Parses `--max-doc-mb`: a decimal number of megabytes, zero or more.
fn parse_megabytes(text: &str) -> Result<f64, String> {
    let mb: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of megabytes (such as 16 or 0.5)"))?;
    if !mb.is_finite() || mb < 0.0 {
        return Err(format!(
            "`{text}` is not a size: give zero or more megabytes (such as 16 or 0.5)"
        ));
    }
    Ok(mb)
}

/// How `newsie extract` writes its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON record per line.
    Jsonl,
    /// One indented JSON record per document.
    Json,
    /// One CSV row per annotation: one table (`--only` one list), or one
    /// file per list in -o DIR.
    Csv,
    /// CoNLL: a token per line with its BIO entity tag.
    Conll,
    /// spaCy's `Doc.to_json` shape, one document per line.
    Spacy,
    /// brat standoff: a .txt and an .ann file per document in -o DIR.
    Brat,
}

impl OutputFormat {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Json => "json",
            OutputFormat::Csv => "csv",
            OutputFormat::Conll => "conll",
            OutputFormat::Spacy => "spacy",
            OutputFormat::Brat => "brat",
        }
    }
}

/// What offsets count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Offsets {
    /// Bytes of the UTF-8 text.
    Bytes,
    /// Unicode code points.
    Chars,
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

    /// The PolNeAR split the `polnear` suite scores: `dev` for tuning,
    /// `test` for the figures reported.
    #[arg(long, value_enum, value_name = "SPLIT", default_value = "test")]
    pub polnear_split: PolnearSplit,

    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,

    /// List every miss.
    #[arg(short, long)]
    pub verbose: bool,

    #[command(flatten)]
    pub ner: NerArgs,
}

/// A split of PolNeAR (`newsie eval polnear --polnear-split dev`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PolnearSplit {
    /// The development split: every choice is made on it.
    Dev,
    /// The test split: reported, never tuned on.
    Test,
}

impl PolnearSplit {
    /// The split's name in its file name (`polnear_dev.jsonl`).
    pub fn name(self) -> &'static str {
        match self {
            PolnearSplit::Dev => "dev",
            PolnearSplit::Test => "test",
        }
    }
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
    /// Named entities: CrossNER's five Wikipedia domains (dev and test, gold
    /// tokens, labels mapped onto PER/ORG/LOC/MISC), per domain and overall.
    Crossner,
    /// Quote attribution: PolNeAR test.
    Polnear,
    /// Number normalization: Microsoft Recognizers-Text specs.
    Recognizers,
    /// Number normalization: Duckling's numeral and money examples.
    Duckling,
    /// Number spans: IE-ER newswire MONEY, PERCENT and CARDINAL recall.
    Ieer,
    /// Named entities on news no rule was tuned on: IE-ER's 94 newswire
    /// stories of 1998, MUC names (PER, ORG, LOC; MISC not scored).
    IeerEntities,
}
