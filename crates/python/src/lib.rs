//! The compiled half of the `newsie` Python package (`newsie._newsie`): the
//! pipeline, the lazy parallel `pipe` iterator, and the record classes.
//!
//! Every offset a Python user sees is a code-point index into the `str` they
//! passed in (`text[e.start:e.end] == e.text`), because that is how Python
//! slices strings; the byte offsets of the output contract stay available as
//! `byte_start`/`byte_end`. Python objects are built only while attached to
//! the interpreter; the pipeline itself always runs detached, so other
//! Python threads go on while a document (or a batch on the rayon pool) is
//! annotated.

use newsie_core::{Document, ErrorRecord, Record as RustRecord};
use newsie_pipeline::Stages;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString, PyTuple};
use rayon::prelude::*;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// The stage names `only` accepts, in the contract's order.
const STAGE_NAMES: [&str; 4] = ["sentences", "entities", "quotes", "quantities"];

const MB: f64 = 1024.0 * 1024.0;

// ---------------------------------------------------------------------------
// Annotating, detached from the interpreter.

/// What became of one document: its record twice (byte offsets as the
/// pipeline made it, and the same record converted to code points), or an
/// error record.
enum Outcome {
    Done {
        bytes: RustRecord,
        chars: RustRecord,
    },
    Failed(ErrorRecord),
}

/// Annotates one document. Never panics: a bug in a stage becomes an
/// `internal` error record, as in the CLI, so that `pipe` never stops on one
/// document.
fn annotate(pipeline: &newsie_pipeline::Pipeline, doc: &Document) -> Outcome {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(doc)));
    match outcome {
        Ok(Ok(bytes)) => {
            let mut chars = bytes.clone();
            chars.convert_to_char_offsets(doc.text());
            Outcome::Done { bytes, chars }
        }
        Ok(Err(e)) => Outcome::Failed(ErrorRecord::new(doc.id(), "pipeline", e.to_string())),
        Err(_) => Outcome::Failed(ErrorRecord::new(
            doc.id(),
            "internal",
            "newsie crashed on this document (a bug; please report it)",
        )),
    }
}

// ---------------------------------------------------------------------------
// Reading Python input.

/// Why a Python object is not a document's text.
enum TextError {
    /// Not a `str` at all: names its type.
    NotStr(String),
    /// A `str` holding a lone surrogate, which UTF-8 cannot encode.
    NotUnicode(String),
    /// Longer than the pipeline's limit: its size in bytes (or a lower
    /// bound of it).
    TooLarge(usize),
}

impl TextError {
    fn kind(&self) -> &'static str {
        match self {
            TextError::NotStr(_) => "invalid_input",
            TextError::NotUnicode(_) => "invalid_utf8",
            TextError::TooLarge(_) => "too_large",
        }
    }

    fn message(&self, what: &str, max_doc_mb: f64) -> String {
        match self {
            TextError::NotStr(type_name) => {
                format!("{what} is of type {type_name}, not str")
            }
            TextError::NotUnicode(why) => {
                format!("{what} cannot be encoded as UTF-8 ({why})")
            }
            TextError::TooLarge(bytes) => format!(
                "{what} is larger than max_doc_mb={max_doc_mb} ({bytes} bytes of UTF-8 or more)"
            ),
        }
    }

    /// The exception `Pipeline.__call__` raises.
    fn into_err(self, max_doc_mb: f64) -> PyErr {
        let message = self.message("text", max_doc_mb);
        match self {
            TextError::NotStr(_) => PyTypeError::new_err(message),
            TextError::NotUnicode(_) | TextError::TooLarge(_) => PyValueError::new_err(message),
        }
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// The UTF-8 text of `obj`, which must be a `str` of at most `max_bytes`
/// bytes once encoded.
fn text_of(obj: &Bound<'_, PyAny>, max_bytes: usize) -> Result<String, TextError> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| TextError::NotStr(type_name(obj)))?;
    // A code point takes at least one byte: a string with more code points
    // than the limit is refused before it is copied.
    let code_points = s.len().unwrap_or(0);
    if code_points > max_bytes {
        return Err(TextError::TooLarge(code_points));
    }
    let text = s
        .to_cow()
        .map_err(|e| TextError::NotUnicode(e.to_string()))?;
    if text.len() > max_bytes {
        return Err(TextError::TooLarge(text.len()));
    }
    Ok(text.into_owned())
}

/// A document id given by the user: a `str`, or an `int` written out.
fn id_of(obj: &Bound<'_, PyAny>) -> Option<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow().ok().map(|s| s.into_owned());
    }
    if obj.is_instance_of::<pyo3::types::PyInt>() {
        return obj.str().ok().map(|s| s.to_string());
    }
    None
}

// ---------------------------------------------------------------------------
// The pipeline.

/// The newsie pipeline: sentences, named entities, quotes with speakers and
/// normalized quantities of English news text.
///
/// Build it once and reuse it: it is immutable and thread-safe, and it
/// releases the GIL while it works, so several Python threads may call
/// one pipeline at once.
///
/// Args:
///     only: the lists to fill, an iterable of ``"sentences"``,
///         ``"entities"``, ``"quotes"``, ``"quantities"`` (a single name
///         also works); ``None`` fills all four. The others stay empty.
///     ner: the entity tagger: ``"linear"``, the embedded model (the only
///         one a wheel carries; the transformer backend needs libtorch and
///         is built into the ``newsie`` binary with the ``transformer``
///         feature).
///     quotes: which quotes count: ``"speech"`` (the default), what someone
///         said or wrote, as newsie's annotation spec scopes them; or
///         ``"wide"``, also beliefs, findings and other attributions without
///         a speech verb, as the PolNeAR corpus annotates them (the CLI's
///         ``--quotes``).
///     max_doc_mb: the largest text accepted, in MiB of UTF-8 (default 16).
///         A longer one raises ``ValueError`` when called, and gives an
///         error record in ``pipe``.
#[pyclass(frozen, module = "newsie")]
struct Pipeline {
    inner: Arc<newsie_pipeline::Pipeline>,
    only: Vec<&'static str>,
    quotes: &'static str,
    max_doc_mb: f64,
    max_doc_bytes: usize,
    /// Worker pools by thread count, made on first use by `pipe` and kept:
    /// starting threads per call would cost more than a small batch.
    pools: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>>,
}

fn stages_of(only: Option<&Bound<'_, PyAny>>) -> PyResult<(Stages, Vec<&'static str>)> {
    let Some(only) = only else {
        return Ok((Stages::ALL, STAGE_NAMES.to_vec()));
    };
    // A bare name is one stage, not the iterable of its letters.
    let names: Vec<Bound<'_, PyAny>> = if only.is_instance_of::<PyString>() {
        vec![only.clone()]
    } else {
        only.try_iter()
            .map_err(|_| {
                PyTypeError::new_err(format!(
                    "only must be an iterable of stage names, not of type {}",
                    type_name(only)
                ))
            })?
            .collect::<PyResult<_>>()?
    };
    let mut stages = Stages::NONE;
    for name in &names {
        let name = name.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "a stage name is a str, not of type {}",
                type_name(name)
            ))
        })?;
        match name.to_cow()?.as_ref() {
            "sentences" => stages.sentences = true,
            "entities" => stages.entities = true,
            "quotes" => stages.quotes = true,
            "quantities" => stages.quantities = true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown stage {other:?}: expected one of {}",
                    STAGE_NAMES.join(", ")
                )))
            }
        }
    }
    if stages == Stages::NONE {
        return Err(PyValueError::new_err(
            "only names no stage: pass None for all of them",
        ));
    }
    let on = [
        stages.sentences,
        stages.entities,
        stages.quotes,
        stages.quantities,
    ];
    let names = STAGE_NAMES
        .iter()
        .zip(on)
        .filter_map(|(name, on)| on.then_some(*name))
        .collect();
    Ok((stages, names))
}

impl Pipeline {
    fn pool(&self, threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
        let mut pools = self
            .pools
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, pool)) = pools.iter().find(|(n, _)| *n == threads) {
            return Ok(Arc::clone(pool));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|k| format!("newsie-{k}"))
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start worker threads: {e}")))?;
        let pool = Arc::new(pool);
        pools.push((threads, Arc::clone(&pool)));
        Ok(pool)
    }
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (only = None, *, ner = "linear", quotes = "speech", max_doc_mb = 16.0))]
    fn new(
        py: Python<'_>,
        only: Option<&Bound<'_, PyAny>>,
        ner: &str,
        quotes: &str,
        max_doc_mb: f64,
    ) -> PyResult<Self> {
        let (stages, only) = stages_of(only)?;
        match ner {
            "linear" => {}
            "transformer" => {
                return Err(PyValueError::new_err(
                    "ner=\"transformer\" needs libtorch, which this wheel does not carry: \
                     use the newsie binary built with `--features transformer` \
                     (`newsie extract --ner transformer`), or ner=\"linear\"",
                ))
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown entity tagger {other:?}: expected \"linear\""
                )))
            }
        }
        let (quotes, wide) = match quotes {
            "speech" => ("speech", false),
            "wide" => ("wide", true),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown quote scope {other:?}: expected \"speech\" or \"wide\""
                )))
            }
        };
        let attributor = newsie_quotes::Attributor::builder()
            .wide_attribution(wide)
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot build the attributor: {e}")))?;
        if !(max_doc_mb.is_finite() && max_doc_mb > 0.0) {
            return Err(PyValueError::new_err(format!(
                "max_doc_mb must be a positive number, not {max_doc_mb}"
            )));
        }
        // Loading the embedded model takes a moment: let other threads run.
        let inner = py
            .detach(|| {
                newsie_pipeline::Pipeline::builder()
                    .stages(stages)
                    .attributor(attributor)
                    .build()
            })
            .map_err(|e| PyRuntimeError::new_err(format!("cannot build the pipeline: {e}")))?;
        Ok(Pipeline {
            inner: Arc::new(inner),
            only,
            quotes,
            max_doc_mb,
            // `as` saturates: a limit beyond the address space is no limit.
            max_doc_bytes: (max_doc_mb * MB).round() as usize,
            pools: Mutex::new(Vec::new()),
        })
    }

    /// The lists this pipeline fills, in the contract's order.
    #[getter]
    fn only(&self) -> Vec<&'static str> {
        self.only.clone()
    }

    /// Which quotes count: ``"speech"`` or ``"wide"``.
    #[getter]
    fn quotes(&self) -> &'static str {
        self.quotes
    }

    /// The largest text accepted, in MiB of UTF-8.
    #[getter]
    fn max_doc_mb(&self) -> f64 {
        self.max_doc_mb
    }

    /// Annotates one text and returns its Record.
    ///
    /// Offsets are code-point indices into ``text``: for every span ``s``,
    /// ``text[s.start:s.end] == s.text``.
    ///
    /// Raises:
    ///     TypeError: ``text`` is not a ``str``.
    ///     ValueError: ``text`` is larger than ``max_doc_mb``, or holds a
    ///         lone surrogate (which UTF-8 cannot encode).
    ///     RuntimeError: the pipeline failed on this text.
    #[pyo3(signature = (text, id = None))]
    fn __call__(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Record> {
        let text = text_of(text, self.max_doc_bytes).map_err(|e| e.into_err(self.max_doc_mb))?;
        let id = match id {
            None => String::new(),
            Some(id) => id_of(id).ok_or_else(|| {
                PyTypeError::new_err(format!(
                    "id must be a str or an int, not of type {}",
                    type_name(id)
                ))
            })?,
        };
        let doc = Document::new(id, text);
        let pipeline = Arc::clone(&self.inner);
        match py.detach(move || annotate(&pipeline, &doc)) {
            Outcome::Done { bytes, chars } => Record::from_rust(py, bytes, chars),
            Outcome::Failed(error) => Err(PyRuntimeError::new_err(format!(
                "{}: {}",
                error.error.kind, error.error.message
            ))),
        }
    }

    /// Annotates many texts on a pool of worker threads, lazily.
    ///
    /// Pulls ``batch_size`` items from ``texts`` at a time, annotates them
    /// in parallel with the GIL released, and yields one Record per item in
    /// input order. An item is a ``str`` (its id is then its position,
    /// ``"0"``, ``"1"``, ...) or a ``(text, id)`` tuple. A bad item (not a
    /// str, too large, not encodable) yields a Record whose ``error`` says
    /// why; the iteration goes on. An exception raised by ``texts`` itself
    /// is raised once the items before it are yielded.
    ///
    /// Args:
    ///     texts: an iterable of ``str`` or ``(text, id)`` tuples.
    ///     threads: worker threads (default: one per CPU).
    ///     batch_size: items pulled and annotated at once (default 64).
    #[pyo3(signature = (texts, threads = None, batch_size = 64))]
    fn pipe(
        slf: &Bound<'_, Self>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        batch_size: usize,
    ) -> PyResult<PipeIterator> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "pipe takes an iterable of texts, not one str: call the pipeline for one text",
            ));
        }
        if batch_size == 0 {
            return Err(PyValueError::new_err("batch_size must be at least 1"));
        }
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let this = slf.get();
        Ok(PipeIterator {
            pipeline: Arc::clone(&this.inner),
            pool: this.pool(threads)?,
            max_doc_bytes: this.max_doc_bytes,
            max_doc_mb: this.max_doc_mb,
            texts: Some(texts.try_iter()?.unbind()),
            batch_size,
            position: 0,
            ready: VecDeque::new(),
            pending_error: None,
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Pipeline(only=[{}], max_doc_mb={})",
            self.only
                .iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", "),
            self.max_doc_mb
        )
    }
}

/// The iterator ``Pipeline.pipe`` returns: yields one Record per input
/// item, in input order.
#[pyclass(module = "newsie")]
struct PipeIterator {
    pipeline: Arc<newsie_pipeline::Pipeline>,
    pool: Arc<rayon::ThreadPool>,
    max_doc_bytes: usize,
    max_doc_mb: f64,
    /// The input; `None` once exhausted (some iterators misbehave when
    /// asked again).
    texts: Option<Py<PyIterator>>,
    batch_size: usize,
    /// How many items have been pulled: the id of an item without one.
    position: usize,
    /// Annotated, not yet yielded.
    ready: VecDeque<Outcome>,
    /// An exception the input raised, held until the items before it have
    /// been yielded.
    pending_error: Option<PyErr>,
}

impl PipeIterator {
    /// The document of one input item, or the error record that stands for
    /// it.
    fn document_of(
        &self,
        item: &Bound<'_, PyAny>,
        position: usize,
    ) -> Result<Document, ErrorRecord> {
        let fallback_id = position.to_string();
        let fail = |id: String, error: TextError| {
            let what = format!("item {position}");
            ErrorRecord::new(id, error.kind(), error.message(&what, self.max_doc_mb))
        };
        if let Ok(pair) = item.cast::<PyTuple>() {
            // Indexing checks the length: anything but a pair fails here.
            let (Ok(text), Ok(id), 2) = (pair.get_item(0), pair.get_item(1), pair.len()) else {
                return Err(ErrorRecord::new(
                    fallback_id,
                    "invalid_input",
                    format!(
                        "item {position} is a tuple of {} items, not (text, id)",
                        pair.len()
                    ),
                ));
            };
            let Some(id) = id_of(&id) else {
                return Err(ErrorRecord::new(
                    fallback_id,
                    "invalid_input",
                    format!("the id of item {position} is not a str or an int"),
                ));
            };
            return match text_of(&text, self.max_doc_bytes) {
                Ok(text) => Ok(Document::new(id, text)),
                Err(e) => Err(fail(id, e)),
            };
        }
        match text_of(item, self.max_doc_bytes) {
            Ok(text) => Ok(Document::new(fallback_id, text)),
            Err(TextError::NotStr(type_name)) => Err(ErrorRecord::new(
                fallback_id,
                "invalid_input",
                format!("item {position} is of type {type_name}, not str or a (text, id) tuple"),
            )),
            Err(e) => Err(fail(fallback_id, e)),
        }
    }

    /// Pulls the next batch from the input and annotates it.
    fn fill(&mut self, py: Python<'_>) {
        let Some(texts) = &self.texts else {
            return;
        };
        let mut texts = texts.bind(py).clone();
        let mut batch = Vec::with_capacity(self.batch_size);
        while batch.len() < self.batch_size {
            match texts.next() {
                None => {
                    self.texts = None;
                    break;
                }
                Some(Err(e)) => {
                    self.pending_error = Some(e);
                    break;
                }
                Some(Ok(item)) => {
                    batch.push(self.document_of(&item, self.position));
                    self.position += 1;
                }
            }
        }
        if batch.is_empty() {
            return;
        }
        let (pipeline, pool) = (Arc::clone(&self.pipeline), Arc::clone(&self.pool));
        // Rust only from here: the workers never touch a Python object, so
        // the GIL can go (and other Python threads run meanwhile).
        let outcomes: Vec<Outcome> = py.detach(move || {
            pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|doc| match doc {
                        Ok(doc) => annotate(&pipeline, &doc),
                        Err(error) => Outcome::Failed(error),
                    })
                    .collect()
            })
        });
        self.ready.extend(outcomes);
    }
}

#[pymethods]
impl PipeIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Record>> {
        if self.ready.is_empty() && self.pending_error.is_none() {
            self.fill(py);
        }
        match self.ready.pop_front() {
            Some(Outcome::Done { bytes, chars }) => Record::from_rust(py, bytes, chars).map(Some),
            Some(Outcome::Failed(error)) => Record::from_error(py, error).map(Some),
            None => match self.pending_error.take() {
                Some(e) => Err(e),
                None => Ok(None),
            },
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "PipeIterator(threads={}, batch_size={}, items_read={}, exhausted={})",
            self.pool.current_num_threads(),
            self.batch_size,
            self.position,
            if self.texts.is_none() {
                "True"
            } else {
                "False"
            }
        )
    }
}

// ---------------------------------------------------------------------------
// The record classes.

/// `repr()` of a text, cut to a readable length.
fn short_repr(py: Python<'_>, text: &str) -> String {
    const MAX: usize = 60;
    let shown: String = if text.chars().count() > MAX {
        text.chars().take(MAX - 1).chain(['…']).collect()
    } else {
        text.to_owned()
    };
    PyString::new(py, &shown)
        .repr()
        .map_or_else(|_| format!("{shown:?}"), |r| r.to_string())
}

fn repr_of<T>(py: Python<'_>, value: &Option<T>) -> String
where
    T: AsRef<str>,
{
    value
        .as_ref()
        .map_or_else(|| "None".to_owned(), |s| short_repr(py, s.as_ref()))
}

/// A float as written in the JSON output: an `f32` score by its shortest
/// decimal form (0.98, not 0.9800000190734863), so that `Entity.score`
/// equals the CLI's number.
fn f32_as_written(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// The `serde` name of a contract enum (`"direct"`, `"at_least"`).
fn name_of<T: serde_name::Named>(value: T) -> &'static str {
    value.name()
}

/// The contract's names of its enums, as `serde` writes them.
mod serde_name {
    use newsie_core::{Bound, Change, Dimension, QuantityKind, QuoteKind, SpeakerKind};

    pub trait Named {
        fn name(self) -> &'static str;
    }

    impl Named for QuoteKind {
        fn name(self) -> &'static str {
            match self {
                QuoteKind::Direct => "direct",
                QuoteKind::Indirect => "indirect",
            }
        }
    }

    impl Named for SpeakerKind {
        fn name(self) -> &'static str {
            match self {
                SpeakerKind::Person => "person",
                SpeakerKind::Anonymous => "anonymous",
                SpeakerKind::Organization => "organization",
            }
        }
    }

    impl Named for QuantityKind {
        fn name(self) -> &'static str {
            match self {
                QuantityKind::Cardinal => "cardinal",
                QuantityKind::Ordinal => "ordinal",
                QuantityKind::Money => "money",
                QuantityKind::Percent => "percent",
                QuantityKind::Range => "range",
            }
        }
    }

    impl Named for Dimension {
        fn name(self) -> &'static str {
            self.as_str()
        }
    }

    impl Named for Change {
        fn name(self) -> &'static str {
            match self {
                Change::Up => "up",
                Change::Down => "down",
            }
        }
    }

    impl Named for Bound {
        fn name(self) -> &'static str {
            match self {
                Bound::AtLeast => "at_least",
                Bound::AtMost => "at_most",
            }
        }
    }
}

/// Sets `start`, `end`, `text` in a new dict, the keys every span starts
/// with in the contract.
fn span_dict<'py>(
    py: Python<'py>,
    start: usize,
    end: usize,
    text: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("start", start)?;
    dict.set_item("end", end)?;
    dict.set_item("text", text)?;
    Ok(dict)
}

/// A sentence: ``text[start:end] == text``.
#[pyclass(frozen, module = "newsie", get_all)]
struct Sentence {
    /// First code point of the sentence.
    start: usize,
    /// One past its last code point.
    end: usize,
    /// First byte of the sentence in the UTF-8 text.
    byte_start: usize,
    /// One past its last byte.
    byte_end: usize,
    /// The sentence, exactly as written.
    text: String,
}

#[pymethods]
impl Sentence {
    /// The contract's JSON object of this sentence (code-point offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        span_dict(py, self.start, self.end, &self.text)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Sentence(start={}, end={}, text={})",
            self.start,
            self.end,
            short_repr(py, &self.text)
        )
    }
}

/// A named entity mention: ``text[start:end] == text``.
#[pyclass(frozen, module = "newsie", get_all)]
struct Entity {
    /// First code point of the mention.
    start: usize,
    /// One past its last code point.
    end: usize,
    /// First byte in the UTF-8 text.
    byte_start: usize,
    /// One past the last byte.
    byte_end: usize,
    /// The mention, exactly as written.
    text: String,
    /// ``PER``, ``ORG``, ``LOC`` or ``MISC``.
    label: &'static str,
    /// The model's confidence in [0, 1].
    score: f64,
}

#[pymethods]
impl Entity {
    /// The contract's JSON object of this entity (code-point offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = span_dict(py, self.start, self.end, &self.text)?;
        dict.set_item("label", self.label)?;
        dict.set_item("score", self.score)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Entity(start={}, end={}, text={}, label='{}', score={})",
            self.start,
            self.end,
            short_repr(py, &self.text),
            self.label,
            self.score
        )
    }
}

/// Who said a quote, as written: ``text[start:end] == text``.
#[pyclass(frozen, module = "newsie", get_all)]
struct Speaker {
    /// First code point of the mention.
    start: usize,
    /// One past its last code point.
    end: usize,
    /// First byte in the UTF-8 text.
    byte_start: usize,
    /// One past the last byte.
    byte_end: usize,
    /// The mention as written, without title or honorific.
    text: String,
    /// The person's full name, or the organization an anonymous speaker
    /// speaks for; None when it cannot be told.
    resolved: Option<String>,
    /// ``person``, ``anonymous`` or ``organization``.
    kind: &'static str,
}

#[pymethods]
impl Speaker {
    /// The contract's JSON object of this speaker (code-point offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = span_dict(py, self.start, self.end, &self.text)?;
        dict.set_item("resolved", &self.resolved)?;
        dict.set_item("kind", self.kind)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Speaker(start={}, end={}, text={}, resolved={}, kind='{}')",
            self.start,
            self.end,
            short_repr(py, &self.text),
            repr_of(py, &self.resolved),
            self.kind
        )
    }
}

/// The speech verb (or ``according to``) that introduces a quote:
/// ``text[start:end] == text``.
#[pyclass(frozen, module = "newsie", get_all)]
struct Cue {
    /// First code point of the cue.
    start: usize,
    /// One past its last code point.
    end: usize,
    /// First byte in the UTF-8 text.
    byte_start: usize,
    /// One past the last byte.
    byte_end: usize,
    /// The cue as written (``said``, ``told``).
    text: String,
    /// Its lemma (``say``, ``tell``).
    lemma: String,
}

#[pymethods]
impl Cue {
    /// The contract's JSON object of this cue (code-point offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = span_dict(py, self.start, self.end, &self.text)?;
        dict.set_item("lemma", &self.lemma)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Cue(start={}, end={}, text={}, lemma={})",
            self.start,
            self.end,
            short_repr(py, &self.text),
            short_repr(py, &self.lemma)
        )
    }
}

/// A quote and its attribution: ``text[start:end] == text``.
#[pyclass(frozen, module = "newsie", get_all)]
struct Quote {
    /// First code point of the quoted words.
    start: usize,
    /// One past their last code point.
    end: usize,
    /// First byte in the UTF-8 text.
    byte_start: usize,
    /// One past the last byte.
    byte_end: usize,
    /// The quoted words (of a direct quote, what lies between the marks).
    text: String,
    /// ``direct`` or ``indirect``.
    kind: &'static str,
    /// Who said it; None when not found.
    speaker: Option<Py<Speaker>>,
    /// The speech verb; None when not found.
    cue: Option<Py<Cue>>,
}

#[pymethods]
impl Quote {
    /// The contract's JSON object of this quote (code-point offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = span_dict(py, self.start, self.end, &self.text)?;
        dict.set_item("kind", self.kind)?;
        match &self.speaker {
            Some(s) => dict.set_item("speaker", s.get().to_dict(py)?)?,
            None => dict.set_item("speaker", py.None())?,
        }
        match &self.cue {
            Some(c) => dict.set_item("cue", c.get().to_dict(py)?)?,
            None => dict.set_item("cue", py.None())?,
        }
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let speaker = self
            .speaker
            .as_ref()
            .map_or_else(|| "None".to_owned(), |s| s.get().__repr__(py));
        let cue = self
            .cue
            .as_ref()
            .map_or_else(|| "None".to_owned(), |c| c.get().__repr__(py));
        format!(
            "Quote(start={}, end={}, text={}, kind='{}', speaker={speaker}, cue={cue})",
            self.start,
            self.end,
            short_repr(py, &self.text),
            self.kind
        )
    }
}

/// A normalized number: ``text[start:end] == text``.
#[pyclass(frozen, module = "newsie", get_all)]
struct Quantity {
    /// First code point (a hedge word such as ``about`` included).
    start: usize,
    /// One past the last code point.
    end: usize,
    /// First byte in the UTF-8 text.
    byte_start: usize,
    /// One past the last byte.
    byte_end: usize,
    /// The quantity as written.
    text: String,
    /// ``cardinal``, ``ordinal``, ``money``, ``percent`` or ``range``.
    kind: &'static str,
    /// The exact value; None for ranges and vague amounts.
    value: Option<f64>,
    /// The low end of a range or vague amount.
    low: Option<f64>,
    /// The high end of a range or vague amount.
    high: Option<f64>,
    /// Whether the text hedges (``about``) or is vague (``several hundred``).
    approximate: bool,
    /// An ISO 4217 code for money, ``percent``, or a unit's symbol.
    unit: Option<String>,
    /// What it measures (``currency``, ``length``, ``count``, ...); None for
    /// a rank.
    dimension: Option<&'static str>,
    /// ``up`` or ``down`` when the quantity is the size of a change.
    change: Option<&'static str>,
    /// ``at_least`` or ``at_most`` when the text bounds the value.
    bound: Option<&'static str>,
}

#[pymethods]
impl Quantity {
    /// The contract's JSON object of this quantity (code-point offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = span_dict(py, self.start, self.end, &self.text)?;
        dict.set_item("kind", self.kind)?;
        dict.set_item("value", self.value)?;
        dict.set_item("low", self.low)?;
        dict.set_item("high", self.high)?;
        dict.set_item("approximate", self.approximate)?;
        dict.set_item("unit", &self.unit)?;
        dict.set_item("dimension", self.dimension)?;
        dict.set_item("change", self.change)?;
        dict.set_item("bound", self.bound)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let number = |x: Option<f64>| x.map_or_else(|| "None".to_owned(), |x| format!("{x:?}"));
        format!(
            "Quantity(start={}, end={}, text={}, kind='{}', value={}, low={}, high={}, \
             approximate={}, unit={}, dimension={}, change={}, bound={})",
            self.start,
            self.end,
            short_repr(py, &self.text),
            self.kind,
            number(self.value),
            number(self.low),
            number(self.high),
            if self.approximate { "True" } else { "False" },
            repr_of(py, &self.unit),
            repr_of(py, &self.dimension),
            repr_of(py, &self.change),
            repr_of(py, &self.bound),
        )
    }
}

/// Why a document has no annotations (``Record.error``).
#[pyclass(frozen, module = "newsie", get_all)]
struct ErrorDetail {
    /// A stable machine-readable kind: ``invalid_input`` (not a str),
    /// ``too_large``, ``invalid_utf8``, ``pipeline``, ``internal``.
    kind: String,
    /// A message for people.
    message: String,
}

#[pymethods]
impl ErrorDetail {
    /// The contract's ``error`` object.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("kind", &self.kind)?;
        dict.set_item("message", &self.message)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "ErrorDetail(kind={}, message={})",
            short_repr(py, &self.kind),
            short_repr(py, &self.message)
        )
    }
}

/// Everything newsie found in one document.
///
/// Offsets are code-point indices into the document's ``str`` (Python
/// string indices); ``byte_start``/``byte_end`` are the UTF-8 byte offsets
/// of the output contract. Each list attribute is a new list at each
/// access: the record itself is immutable. A document that could not be
/// processed has empty lists and an ``error``.
#[pyclass(frozen, module = "newsie", get_all)]
struct Record {
    /// The document's id.
    id: String,
    /// The output contract's version.
    schema: u32,
    /// Sentences, sorted by start.
    sentences: Vec<Py<Sentence>>,
    /// Named entities, sorted by start.
    entities: Vec<Py<Entity>>,
    /// Quotes, sorted by start.
    quotes: Vec<Py<Quote>>,
    /// Quantities, sorted by start.
    quantities: Vec<Py<Quantity>>,
    /// None, or why the document could not be processed.
    error: Option<Py<ErrorDetail>>,
}

impl Record {
    /// The Python record of `chars`, the pipeline's record `bytes` with
    /// its offsets converted to code points: the two hold the same
    /// annotations in the same order.
    fn from_rust(py: Python<'_>, bytes: RustRecord, chars: RustRecord) -> PyResult<Record> {
        let sentences = chars
            .sentences
            .into_iter()
            .zip(&bytes.sentences)
            .map(|(c, b)| {
                Py::new(
                    py,
                    Sentence {
                        start: c.start,
                        end: c.end,
                        byte_start: b.start,
                        byte_end: b.end,
                        text: c.text,
                    },
                )
            })
            .collect::<PyResult<_>>()?;
        let entities = chars
            .entities
            .into_iter()
            .zip(&bytes.entities)
            .map(|(c, b)| {
                Py::new(
                    py,
                    Entity {
                        start: c.start,
                        end: c.end,
                        byte_start: b.start,
                        byte_end: b.end,
                        text: c.text,
                        label: c.label.as_str(),
                        score: f32_as_written(c.score),
                    },
                )
            })
            .collect::<PyResult<_>>()?;
        let quotes = chars
            .quotes
            .into_iter()
            .zip(&bytes.quotes)
            .map(|(c, b)| {
                let speaker = match (c.speaker, &b.speaker) {
                    (Some(c), Some(b)) => Some(Py::new(
                        py,
                        Speaker {
                            start: c.start,
                            end: c.end,
                            byte_start: b.start,
                            byte_end: b.end,
                            text: c.text,
                            resolved: c.resolved,
                            kind: name_of(c.kind),
                        },
                    )?),
                    _ => None,
                };
                let cue = match (c.cue, &b.cue) {
                    (Some(c), Some(b)) => Some(Py::new(
                        py,
                        Cue {
                            start: c.start,
                            end: c.end,
                            byte_start: b.start,
                            byte_end: b.end,
                            text: c.text,
                            lemma: c.lemma,
                        },
                    )?),
                    _ => None,
                };
                Py::new(
                    py,
                    Quote {
                        start: c.start,
                        end: c.end,
                        byte_start: b.start,
                        byte_end: b.end,
                        text: c.text,
                        kind: name_of(c.kind),
                        speaker,
                        cue,
                    },
                )
            })
            .collect::<PyResult<_>>()?;
        let quantities = chars
            .quantities
            .into_iter()
            .zip(&bytes.quantities)
            .map(|(c, b)| {
                Py::new(
                    py,
                    Quantity {
                        start: c.start,
                        end: c.end,
                        byte_start: b.start,
                        byte_end: b.end,
                        text: c.text,
                        kind: name_of(c.kind),
                        value: c.value,
                        low: c.low,
                        high: c.high,
                        approximate: c.approximate,
                        unit: c.unit,
                        dimension: c.dimension.map(name_of),
                        change: c.change.map(name_of),
                        bound: c.bound.map(name_of),
                    },
                )
            })
            .collect::<PyResult<_>>()?;
        Ok(Record {
            id: chars.id,
            schema: chars.schema,
            sentences,
            entities,
            quotes,
            quantities,
            error: None,
        })
    }

    fn from_error(py: Python<'_>, error: ErrorRecord) -> PyResult<Record> {
        Ok(Record {
            id: error.id,
            schema: newsie_core::SCHEMA_VERSION,
            sentences: Vec::new(),
            entities: Vec::new(),
            quotes: Vec::new(),
            quantities: Vec::new(),
            error: Some(Py::new(
                py,
                ErrorDetail {
                    kind: error.error.kind,
                    message: error.error.message,
                },
            )?),
        })
    }
}

/// The dicts of a list's items.
fn dicts<'py, T, F>(py: Python<'py>, items: &[Py<T>], f: F) -> PyResult<Vec<Bound<'py, PyDict>>>
where
    T: pyo3::PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync,
    F: Fn(&T, Python<'py>) -> PyResult<Bound<'py, PyDict>>,
{
    items.iter().map(|item| f(item.get(), py)).collect()
}

#[pymethods]
impl Record {
    /// The record as the output contract's JSON object, with offsets in
    /// code points (Python string indices) rather than the contract's
    /// bytes: what ``newsie extract --offsets chars`` writes, parsed. A
    /// record with an ``error`` gives ``{"id": ..., "error": {"kind": ...,
    /// "message": ...}}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("id", &self.id)?;
        if let Some(error) = &self.error {
            dict.set_item("error", error.get().to_dict(py)?)?;
            return Ok(dict);
        }
        dict.set_item("schema", self.schema)?;
        dict.set_item("sentences", dicts(py, &self.sentences, Sentence::to_dict)?)?;
        dict.set_item("entities", dicts(py, &self.entities, Entity::to_dict)?)?;
        dict.set_item("quotes", dicts(py, &self.quotes, Quote::to_dict)?)?;
        dict.set_item(
            "quantities",
            dicts(py, &self.quantities, Quantity::to_dict)?,
        )?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        match &self.error {
            Some(error) => format!(
                "Record(id={}, error={})",
                short_repr(py, &self.id),
                error.get().__repr__(py)
            ),
            None => format!(
                "Record(id={}, sentences={}, entities={}, quotes={}, quantities={})",
                short_repr(py, &self.id),
                self.sentences.len(),
                self.entities.len(),
                self.quotes.len(),
                self.quantities.len()
            ),
        }
    }
}

/// newsie: sentences, named entities, quotes with speakers and normalized
/// numbers of English news articles (the compiled module; import
/// ``newsie``).
#[pymodule]
mod _newsie {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{
        Cue, Entity, ErrorDetail, PipeIterator, Pipeline, Quantity, Quote, Record, Sentence,
        Speaker,
    };

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("SCHEMA_VERSION", newsie_core::SCHEMA_VERSION)?;
        Ok(())
    }
}
