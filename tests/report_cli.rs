//! End-to-end tests of `newsie report`: extract output in, totals that
//! match the records out (JSON, CSV tables, HTML); bad lines counted and
//! skipped; articles annotated in the same run giving the same report.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newsie() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsie"))
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A folder with a few fixture articles (a small corpus keeps this fast).
fn small_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut articles: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    for (n, article) in articles.iter().take(6).enumerate() {
        let outlet = if n % 2 == 0 { "north" } else { "south" };
        std::fs::create_dir_all(dir.path().join(outlet)).unwrap();
        let name = article.file_name().unwrap();
        std::fs::copy(article, dir.path().join(outlet).join(name)).unwrap();
    }
    dir
}

/// The extract output of `corpus`, one record per line.
fn extract(corpus: &Path) -> Vec<Value> {
    let out = newsie()
        .args(["extract", "--quiet", "--include-text"])
        .arg(corpus)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn report(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = newsie()
        .arg("report")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Quotes of `records` by speaker kind (`unattributed` without one).
fn by_kind(records: &[&Value]) -> std::collections::BTreeMap<String, u64> {
    let mut counts = std::collections::BTreeMap::new();
    for quote in records.iter().flat_map(|r| r["quotes"].as_array().unwrap()) {
        let kind = quote["speaker"]["kind"].as_str().unwrap_or("unattributed");
        *counts.entry(kind.to_owned()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn report_totals_match_the_extract_output() {
    let corpus = small_corpus();
    let mut records = extract(corpus.path());
    for (n, record) in records.iter_mut().enumerate() {
        record["source"] = Value::from(if n < 2 { "Daily A" } else { "Daily B" });
    }
    let mut input = String::new();
    for record in &records {
        input.push_str(&record.to_string());
        input.push('\n');
    }
    input.push_str("{this is not json\n\n");
    input.push_str(r#"{"id":"gone.txt","source":"Daily B","error":{"kind":"io","message":"x"}}"#);
    input.push('\n');

    let out = report(
        &["--format", "json", "--group-by", "source", "-"],
        input.as_bytes(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line is a warning: {stderr}"
    );
    assert!(
        stderr.contains("-:7: skipped"),
        "the bad line is named: {stderr}"
    );
    let tables: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let summary = &tables["summary"];
    assert_eq!(summary["documents"], records.len() as u64 + 1);
    assert_eq!(summary["failed_documents"], 1);
    assert_eq!(summary["bad_lines"], 1);

    let all: Vec<&Value> = records.iter().collect();
    let counts = by_kind(&all);
    let quotes: u64 = counts.values().sum();
    assert_eq!(tables["corpus"]["quotes"], quotes);
    for kind in ["person", "anonymous", "organization", "unattributed"] {
        assert_eq!(
            tables["corpus"][kind],
            counts.get(kind).copied().unwrap_or(0),
            "{kind}"
        );
    }
    let speakers = tables["speakers"].as_array().unwrap();
    let attributed: u64 = speakers.iter().map(|s| s["quotes"].as_u64().unwrap()).sum();
    assert_eq!(
        attributed,
        quotes - counts.get("unattributed").copied().unwrap_or(0)
    );
    let groups = tables["groups"].as_array().unwrap();
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Daily A", "Daily B"]);
    let in_a: Vec<&Value> = records.iter().take(2).collect();
    assert_eq!(groups[0]["quotes"], by_kind(&in_a).values().sum::<u64>());
    assert_eq!(groups[1]["documents"], records.len() as u64 - 2 + 1);
}

#[test]
fn csv_tables_html_and_articles_agree() {
    let corpus = small_corpus();
    let records = extract(corpus.path());
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("out.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let jsonl = jsonl.to_str().unwrap();

    let json = report(&[jsonl, "--format", "json", "--group-by", "folder"], b"");
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let tables: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        tables["groups"].as_array().unwrap().len(),
        2,
        "north and south"
    );

    let tables_dir = dir.path().join("tables");
    let csv = report(
        &[jsonl, "--format", "csv", "-o", tables_dir.to_str().unwrap()],
        b"",
    );
    assert!(
        csv.status.success(),
        "{}",
        String::from_utf8_lossy(&csv.stderr)
    );
    for name in ["speakers", "groups", "entities", "figures", "quotes"] {
        assert!(
            tables_dir.join(format!("{name}.csv")).is_file(),
            "{name}.csv"
        );
    }
    let speakers_csv = std::fs::read_to_string(tables_dir.join("speakers.csv")).unwrap();
    assert!(speakers_csv.starts_with("id,name,kind,quotes"));
    let speakers = tables["speakers"].as_array().unwrap();
    let one_table = report(&[jsonl, "--format", "csv", "--table", "speakers"], b"");
    assert_eq!(String::from_utf8(one_table.stdout).unwrap(), speakers_csv);
    // Names hold no line breaks: one line per speaker and the header.
    assert_eq!(speakers_csv.lines().count(), speakers.len() + 1);

    let page = dir.path().join("report.html");
    let html = report(&[jsonl, "-o", page.to_str().unwrap()], b"");
    assert!(html.status.success());
    let page = std::fs::read_to_string(page).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<tr id=\"sp-").count(), speakers.len());

    // The articles annotated by the report itself: the same report.
    let direct = report(
        &[
            corpus.path().to_str().unwrap(),
            "--format",
            "json",
            "--group-by",
            "folder",
        ],
        b"",
    );
    assert!(
        direct.status.success(),
        "{}",
        String::from_utf8_lossy(&direct.stderr)
    );
    let direct: Value = serde_json::from_slice(&direct.stdout).unwrap();
    assert_eq!(direct["corpus"], tables["corpus"]);
    assert_eq!(direct["speakers"], tables["speakers"]);
    assert_eq!(direct["groups"], tables["groups"]);
}

#[test]
fn usage_errors_exit_2_before_any_work() {
    let refused = |args: &[&str]| report(args, b"").status.code();
    assert_eq!(
        refused(&["--format", "csv", "-"]),
        Some(2),
        "csv needs -o or --table"
    );
    assert_eq!(
        refused(&["--table", "figures", "-"]),
        Some(2),
        "--table is for csv"
    );
    let corpus = small_corpus();
    let path = corpus.path().to_str().unwrap();
    assert_eq!(
        refused(&[path, "--group-by", "source", "--format", "json"]),
        Some(2),
        "articles have no source field"
    );
    let missing = corpus.path().join("no/such/folder/report.html");
    assert_eq!(refused(&["-o", missing.to_str().unwrap(), "-"]), Some(2));
}
