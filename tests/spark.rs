//! The Spark example (`examples/spark/newsie_spark.py`) run in Spark local
//! mode (`local[2]`): every input line yields exactly one output record, with
//! the same id and the same annotations as a direct `newsie extract --jsonl -`
//! run on the same input.
//!
//! Needs pyspark and Java. `.ci/install-pyspark.sh` installs pyspark into a
//! virtualenv; point `NEWSIE_SPARK_PYTHON` at its python (by default the test
//! looks for `~/.cache/newsie-spark/venv/bin/python`, then `python3`). When
//! pyspark or Java is missing the test prints SKIPPED and passes, unless
//! `NEWSIE_REQUIRE_SPARK=1`, when it fails.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Spark local mode starts a JVM and Python workers: generous, but bounded so
/// a stuck job fails the test instead of hanging CI.
const SPARK_TIMEOUT: Duration = Duration::from_secs(600);

/// The (1-based) number of the corpus line that is not JSON.
const BAD_LINE: usize = 25;
/// The (1-based) number of the corpus line of a document without an id.
const UNNAMED_LINE: usize = 28;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The python that should have pyspark: `NEWSIE_SPARK_PYTHON`, else the
/// virtualenv of `.ci/install-pyspark.sh` when present, else `python3`.
fn spark_python() -> PathBuf {
    if let Some(python) = std::env::var_os("NEWSIE_SPARK_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let cache = std::env::var_os("NEWSIE_SPARK_CACHE")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache/newsie-spark"))
        });
    if let Some(venv_python) = cache.map(|c| c.join("venv/bin/python")) {
        if venv_python.is_file() {
            return venv_python;
        }
    }
    PathBuf::from("python3")
}

fn succeeds(command: &mut Command) -> bool {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Why Spark cannot run here, if it cannot.
fn missing_prerequisite(python: &Path) -> Option<String> {
    if !succeeds(Command::new(python).args(["-c", "import pyspark"])) {
        return Some(format!(
            "pyspark is not importable by {} (run .ci/install-pyspark.sh and set NEWSIE_SPARK_PYTHON)",
            python.display()
        ));
    }
    let java = std::env::var_os("JAVA_HOME")
        .map(|home| Path::new(&home).join("bin/java"))
        .unwrap_or_else(|| PathBuf::from("java"));
    if !succeeds(Command::new(&java).arg("-version")) {
        return Some(format!(
            "no Java found ({} -version failed)",
            java.display()
        ));
    }
    None
}

/// Returns the python to run Spark with, or None after printing SKIPPED.
fn spark_or_skip(test: &str) -> Option<PathBuf> {
    let python = spark_python();
    let Some(why) = missing_prerequisite(&python) else {
        return Some(python);
    };
    if std::env::var("NEWSIE_REQUIRE_SPARK").is_ok_and(|v| v == "1") {
        panic!("NEWSIE_REQUIRE_SPARK=1 but {why}");
    }
    eprintln!("SKIPPED {test}: {why}");
    None
}

/// A JSON Lines corpus from the fixture articles (each twice, under two
/// ids, and once more without an id), with a line that is not JSON and a
/// line without `text` among them.
fn write_corpus(path: &Path) -> usize {
    let mut articles: Vec<PathBuf> = std::fs::read_dir(repo_root().join("fixtures"))
        .expect("fixtures/ exists")
        .map(|e| e.expect("readable fixtures/").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    assert!(articles.len() >= 5, "fixtures/ holds the articles");
    let mut lines = Vec::new();
    for round in 0..2 {
        for article in &articles {
            let stem = article.file_stem().unwrap().to_string_lossy();
            let text = std::fs::read_to_string(article).expect("fixtures are UTF-8");
            lines.push(
                serde_json::json!({"id": format!("{stem}-{round}"), "text": text}).to_string(),
            );
        }
    }
    // The lines without an id sit past the first partition, where their
    // number within a partition differs from their number in the input.
    lines.insert(
        3,
        r#"{"id": "no-text", "title": "no text field"}"#.to_string(),
    );
    lines.insert(BAD_LINE - 1, "{\"text\": \"an unterminated".to_string());
    let text = std::fs::read_to_string(&articles[0]).expect("fixtures are UTF-8");
    lines.insert(
        UNNAMED_LINE - 1,
        serde_json::json!({ "text": text }).to_string(),
    );
    std::fs::write(path, lines.join("\n") + "\n").expect("writable temp folder");
    lines.len()
}

fn parse_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("not one JSON record ({e}): {l}"))
        })
        .collect()
}

fn direct_run(corpus: &Path) -> Vec<Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_newsie"))
        .args(["extract", "--jsonl", "-", "--quiet", "--threads", "2"])
        .stdin(File::open(corpus).unwrap())
        .output()
        .expect("newsie runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "the bad lines fail the direct run"
    );
    parse_lines(&String::from_utf8(output.stdout).expect("UTF-8 output"))
}

/// Runs the example job in local mode; returns its records in part-file order.
fn spark_run(python: &Path, input: &Path, output: &Path, extra: &[&str]) -> Vec<Value> {
    let work = output.parent().unwrap();
    let log = work.join("spark.log");
    let mut child = Command::new(python)
        .arg(repo_root().join("examples/spark/newsie_spark.py"))
        .arg(input)
        .arg(output)
        .args([
            "--newsie",
            env!("CARGO_BIN_EXE_newsie"),
            "--master",
            "local[2]",
            "--partitions",
            "3",
        ])
        .args(extra)
        // The workers must run the python that has pyspark.
        .env("PYSPARK_PYTHON", python)
        .env("PYSPARK_DRIVER_PYTHON", python)
        // No network set-up needed: a loopback driver.
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env("SPARK_LOCAL_DIRS", work)
        .stdin(Stdio::null())
        .stdout(File::create(&log).unwrap())
        .stderr(File::create(work.join("spark.err")).unwrap())
        .spawn()
        .expect("python runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > SPARK_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the Spark job ran over {SPARK_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let stderr = std::fs::read_to_string(work.join("spark.err")).unwrap_or_default();
    assert!(
        status.success(),
        "the Spark job failed ({status}):\n{stderr}"
    );
    let mut parts: Vec<PathBuf> = std::fs::read_dir(output)
        .expect("the job wrote its output folder")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    assert!(
        parts.len() >= 2,
        "the input was split into partitions: {parts:?}"
    );
    parts
        .iter()
        .flat_map(|p| parse_lines(&std::fs::read_to_string(p).unwrap()))
        .collect()
}

fn id_of(record: &Value) -> &str {
    record["id"].as_str().expect("every record has a string id")
}

fn by_id(records: &[Value]) -> HashMap<&str, &Value> {
    let map: HashMap<&str, &Value> = records.iter().map(|r| (id_of(r), r)).collect();
    assert_eq!(map.len(), records.len(), "ids are unique");
    map
}

#[test]
fn spark_job_matches_a_direct_run_record_for_record() {
    let Some(python) = spark_or_skip("spark_job_matches_a_direct_run_record_for_record") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let lines = write_corpus(&input.join("corpus.jsonl"));

    let direct = direct_run(&input.join("corpus.jsonl"));
    assert_eq!(
        direct.len(),
        lines,
        "the direct run writes one record per line"
    );
    let errors: Vec<&Value> = direct.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(errors.len(), 2, "two bad lines: {errors:?}");
    assert_eq!(
        id_of(errors[1]),
        format!("-:{BAD_LINE}"),
        "a line without an id is named by its number"
    );
    assert_eq!(
        id_of(&direct[UNNAMED_LINE - 1]),
        format!("-:{UNNAMED_LINE}")
    );
    assert!(direct[UNNAMED_LINE - 1].get("error").is_none());

    let spark = spark_run(&python, &input, &dir.path().join("out"), &[]);
    assert_eq!(spark.len(), lines, "one output record per input line");
    let spark_ids: Vec<&str> = spark.iter().map(id_of).collect();
    let direct_ids: Vec<&str> = direct.iter().map(id_of).collect();
    assert_eq!(spark_ids, direct_ids, "the same ids, in input order");
    let spark_by_id = by_id(&spark);
    for (id, expected) in by_id(&direct) {
        assert_eq!(
            spark_by_id[id], expected,
            "record {id} differs from the direct run"
        );
    }
}

#[test]
fn plain_rdd_pipe_keeps_one_record_per_document() {
    let Some(python) = spark_or_skip("plain_rdd_pipe_keeps_one_record_per_document") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let lines = write_corpus(&input.join("corpus.jsonl"));
    let direct = direct_run(&input.join("corpus.jsonl"));

    let spark = spark_run(&python, &input, &dir.path().join("out"), &["--plain-pipe"]);
    assert_eq!(spark.len(), lines, "one output record per input line");
    // RDD.pipe numbers a line without an id within its partition, so only
    // the lines with ids can be matched to the direct run.
    let spark_by_id = by_id(&spark);
    let mut matched = HashSet::new();
    for record in direct.iter().filter(|r| !id_of(r).starts_with("-:")) {
        let id = id_of(record);
        assert_eq!(
            spark_by_id.get(id),
            Some(&record),
            "record {id} differs from the direct run"
        );
        matched.insert(id);
    }
    assert_eq!(matched.len(), lines - 2);
    let unnamed: Vec<&Value> = spark
        .iter()
        .filter(|r| id_of(r).starts_with("-:"))
        .collect();
    assert_eq!(unnamed.len(), 2, "two lines without an id: {unnamed:?}");
    assert_eq!(
        unnamed[0]["error"]["kind"], "invalid_json",
        "the line that is not JSON"
    );
    let unnamed_direct = &direct[UNNAMED_LINE - 1];
    for key in ["sentences", "entities", "quotes", "quantities"] {
        assert_eq!(
            unnamed[1][key], unnamed_direct[key],
            "{key} of the document without an id"
        );
    }
}
