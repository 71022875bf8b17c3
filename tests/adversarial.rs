//! Text written to break the pipeline (issue 26): every pattern at two
//! sizes, asserting that the record is valid, that the output stays within
//! [`OUTPUT_MULTIPLE`] of the input, that the heap's peak stays within
//! [`HEAP_MULTIPLE`] of it, and that the work grows linearly. Work is
//! counted, never timed: heap allocations, through a counting allocator,
//! which is deterministic. (The machines this runs on expose no hardware
//! instruction counter.) CPU-time figures for 8 MB of each pattern come
//! from `scripts/bench-adversarial.sh`.

use newsie_core::Document;
use newsie_pipeline::{Pipeline, WINDOW_BYTES};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

#[path = "adversarial_patterns.rs"]
mod adversarial_patterns;
use adversarial_patterns::{patterns, NEWS};

/// The bound on a record's compact JSON, as a multiple of the document's
/// size (plus 4 KiB). The densest text is a run of one-digit numbers, each
/// a quantity record of about 125 bytes for 2 bytes of text (64x); news
/// text gives about 4.5x.
const OUTPUT_MULTIPLE: usize = 100;

/// The bound on the heap's peak while a document is annotated: this
/// multiple of its size (the records, about as large as their JSON) plus
/// one window's working set ([`HEAP_WINDOW`]).
const HEAP_MULTIPLE: u64 = 100;

/// What annotating one window of the densest text may hold at once: the
/// stages' tokens and features, about 200 bytes per token of one byte.
const HEAP_WINDOW: u64 = 64 << 20;

/// Doubling the input may at most multiply the work by this: linear, with
/// room for the windows' fixed costs; quadratic work gives 4.
const MAX_GROWTH: f64 = 2.5;

struct CountingAllocator;

/// Allocations made, bytes live now, and the most bytes live at once since
/// the last reset.
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static LIVE: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);

fn grow(bytes: usize) {
    let live = LIVE.fetch_add(bytes as u64, Ordering::Relaxed) + bytes as u64;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        grow(layout.size());
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as u64, Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size() as u64, Ordering::Relaxed);
        grow(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

struct Work {
    output_bytes: usize,
    /// The heap's peak during annotation, over what was live before.
    heap_bytes: u64,
    allocations: u64,
}

fn run(pipeline: &Pipeline, text: &str) -> Work {
    let doc = Document::new("adversarial", text);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let live_before = LIVE.load(Ordering::Relaxed);
    PEAK.store(live_before, Ordering::Relaxed);
    let record = pipeline
        .process(&doc)
        .expect("the pipeline annotates any text");
    let heap_bytes = PEAK.load(Ordering::Relaxed) - live_before;
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    if let Err(e) = record.validate(text) {
        panic!("invalid record: {e:?}");
    }
    Work {
        output_bytes: serde_json::to_string(&record).unwrap().len(),
        heap_bytes,
        allocations,
    }
}

/// The counters are global, so the tests of this file take turns: one
/// test's allocations must not count in another's.
fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::builder().build().unwrap())
}

/// Both sizes lie past one window, so the windows' joining is exercised.
const SMALL: usize = WINDOW_BYTES + WINDOW_BYTES / 2;

#[test]
fn every_pattern_is_bounded_and_linear() {
    let _turn = one_at_a_time();
    let pipeline = pipeline();
    // Load the model and warm every lazy table once.
    run(pipeline, NEWS);
    let mut failures = Vec::new();
    for (label, make) in patterns() {
        let small = make(SMALL);
        let large = make(2 * SMALL);
        let a = run(pipeline, &small);
        let b = run(pipeline, &large);
        for (text, work) in [(&small, &a), (&large, &b)] {
            let bound = OUTPUT_MULTIPLE * text.len() + 4096;
            if work.output_bytes > bound {
                failures.push(format!(
                    "{label}: {} bytes out for {} in (bound {bound})",
                    work.output_bytes,
                    text.len()
                ));
            }
            let heap_bound = HEAP_MULTIPLE * text.len() as u64 + HEAP_WINDOW;
            if work.heap_bytes > heap_bound {
                failures.push(format!(
                    "{label}: heap peak {} bytes for {} in (bound {heap_bound})",
                    work.heap_bytes,
                    text.len()
                ));
            }
        }
        let growth = b.allocations as f64 / a.allocations.max(1) as f64;
        eprintln!(
            "{label:26} out {:5.1}x  heap peak {:6.1} MB  allocations x{growth:.2} for x2 input",
            b.output_bytes as f64 / large.len() as f64,
            b.heap_bytes as f64 / 1e6,
        );
        if growth > MAX_GROWTH {
            failures.push(format!(
                "{label}: allocations grew x{growth:.2} for x2 input"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture article, one after the other, repeated to about `n` bytes:
/// news of many styles and names, as one document.
fn fixture_news(n: usize) -> String {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("the fixtures folder")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let articles: Vec<String> = paths
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    let mut text = String::with_capacity(n + 64 * 1024);
    while text.len() < n {
        for article in &articles {
            text.push_str(article);
            text.push_str("\n\n");
        }
    }
    text
}

/// The speed issue's (25) check of linear work on big documents: 8 MB and
/// 16 MB of news as single documents. Doubling the text may at most
/// multiply the work (allocations) by 2.2, and the heap's peak stays within
/// 8 times the document plus one window's working set.
#[test]
fn big_news_documents_cost_linear_work() {
    let _turn = one_at_a_time();
    let pipeline = pipeline();
    run(pipeline, NEWS);
    let small = fixture_news(8 << 20);
    let large = small.repeat(2);
    let a = run(pipeline, &small);
    let b = run(pipeline, &large);
    let growth = b.allocations as f64 / a.allocations as f64;
    eprintln!(
        "news {} MB: heap peak {:.1} MB, allocations {}; x2: heap peak {:.1} MB, allocations x{growth:.3}",
        small.len() >> 20,
        a.heap_bytes as f64 / 1e6,
        a.allocations,
        b.heap_bytes as f64 / 1e6,
    );
    assert!(growth <= 2.2, "allocations grew x{growth:.3} for x2 input");
    for (text, work) in [(&small, &a), (&large, &b)] {
        let bound = 8 * text.len() as u64 + HEAP_WINDOW;
        assert!(
            work.heap_bytes <= bound,
            "heap peak {} bytes for {} in (bound {bound})",
            work.heap_bytes,
            text.len()
        );
    }
}

/// The memory issue's (26) check on one news document of about 1 MB (four
/// windows): the heap's peak while it is annotated stays within
/// [`NEWS_MULTIPLE`] times the document plus [`NEWS_WINDOW`], the working
/// set of one window of news (the entity tagger keeps a few bytes per token
/// and a summary per distinct word, not a summary per token).
#[test]
fn a_megabyte_of_news_stays_bounded() {
    let _turn = one_at_a_time();
    let pipeline = pipeline();
    run(pipeline, NEWS);
    let text = fixture_news(1 << 20);
    let work = run(pipeline, &text);
    eprintln!(
        "news {:.2} MB: heap peak {:.1} MB ({:.1}x)",
        text.len() as f64 / 1e6,
        work.heap_bytes as f64 / 1e6,
        work.heap_bytes as f64 / text.len() as f64
    );
    let bound = NEWS_MULTIPLE * text.len() as u64 + NEWS_WINDOW;
    assert!(
        work.heap_bytes <= bound,
        "heap peak {} bytes for {} in (bound {bound})",
        work.heap_bytes,
        text.len()
    );
}

/// The records of news text, as a multiple of its size (about 5 today).
const NEWS_MULTIPLE: u64 = 6;

/// One window of news text at once, beyond its records.
const NEWS_WINDOW: u64 = 8 << 20;
