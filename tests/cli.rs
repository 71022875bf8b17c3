//! End-to-end tests of the `newsie` binary: one record per input, error
//! records for bad inputs, exit statuses, identical output for any thread
//! count, JSON Lines streaming, atomic output files, symbolic links in
//! folders, runs stopped by a signal.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

/// Long enough for any run of these tests; a run still going after it is
/// stuck (a symlink loop followed forever, an input read before failing).
#[cfg(unix)]
const STUCK_AFTER: Duration = Duration::from_secs(60);

fn newsie() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsie"))
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A fixture article, or the first one found.
fn an_article() -> PathBuf {
    let mut articles: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    articles
        .into_iter()
        .next()
        .expect("fixtures/ holds an article")
}

fn records(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON record"))
        .collect()
}

/// The files in `dir`, by name.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Waits for `child` to end and collects its output, or kills it and fails
/// once it has run for `limit`: a stuck run fails its test, never hangs it.
#[cfg(unix)]
fn output_within(child: Child, limit: Duration) -> Output {
    let pid = child.id();
    let (done, ended) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    match ended.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            signal(pid, libc::SIGKILL);
            panic!("newsie still running after {limit:?}");
        }
    }
}

#[cfg(unix)]
fn signal(pid: u32, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(pid).unwrap();
    // SAFETY: kill(2) takes plain integers; at worst it fails (the process
    // has ended already).
    unsafe { libc::kill(pid, signal) };
}

/// A folder with one good article and every kind of bad input.
fn messy_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(an_article(), dir.path().join("a_good.txt")).unwrap();
    std::fs::write(dir.path().join("b_empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("c_latin1.txt"), b"Caf\xe9 prices rose 5%.").unwrap();
    std::fs::write(
        dir.path().join("d_binary.txt"),
        b"\x7fELF\x00\x01\x02\x00\xff",
    )
    .unwrap();
    std::fs::write(dir.path().join("e_ignored.pdf"), b"not a text file").unwrap();
    dir
}

#[test]
fn every_input_yields_one_record_and_bad_ones_are_errors() {
    let good = one_record_per_input(&[]);
    assert!(good["error"].is_null());
}

/// With the transformer, documents are annotated in batches
/// (`Pipeline::process_batch`): the same one record per input, in order.
#[cfg(feature = "transformer")]
#[test]
fn the_transformer_batches_keep_one_record_per_input() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/ner-transformer");
    let model = model.to_str().unwrap();
    let args = ["--ner", "transformer", "--model", model];
    let in_batch = one_record_per_input(&args);
    // The article alone finds the same entities as in a batch of four.
    let alone = newsie()
        .arg("extract")
        .arg(an_article())
        .args(["--quiet"])
        .args(args)
        .output()
        .unwrap();
    assert!(alone.status.success());
    let spans = |record: &Value| -> Vec<(u64, u64, String)> {
        record["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let label = e["label"].as_str().unwrap().to_string();
                (
                    e["start"].as_u64().unwrap(),
                    e["end"].as_u64().unwrap(),
                    label,
                )
            })
            .collect()
    };
    assert_eq!(spans(&records(&alone)[0]), spans(&in_batch));
}

/// Runs `extract` on the messy folder and a missing path, checks the
/// records, and returns the good article's.
fn one_record_per_input(extra: &[&str]) -> Value {
    let dir = messy_folder();
    let missing = dir.path().join("no_such_file.txt");
    let output = newsie()
        .arg("extract")
        .arg(dir.path())
        .arg(&missing)
        .args(["--threads", "2", "--quiet"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "some documents failed");
    let records = records(&output);
    assert_eq!(
        records.len(),
        5,
        "four files in the folder plus the missing path"
    );
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap_or("ok"))
        .collect();
    assert_eq!(kinds, ["ok", "empty", "invalid_utf8", "binary", "io"]);
    assert!(records[4]["id"]
        .as_str()
        .unwrap()
        .ends_with("no_such_file.txt"));

    // The good record keeps the contract: every text is its byte slice.
    let text = std::fs::read_to_string(an_article()).unwrap();
    let good = &records[0];
    for list in ["sentences", "entities", "quotes", "quantities"] {
        let items = good[list].as_array().unwrap();
        assert!(!items.is_empty(), "{list} is empty");
        let mut last = 0;
        for item in items {
            let (start, end) = (
                item["start"].as_u64().unwrap() as usize,
                item["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &text[start..end],
                item["text"].as_str().unwrap(),
                "{list} text is its slice"
            );
            assert!(start >= last, "{list} sorted");
            last = start;
        }
    }
    good.clone()
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let run = |threads: &str| {
        newsie()
            .arg("extract")
            .arg(fixtures_dir())
            .args(["--quiet", "--threads", threads])
            .output()
            .unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert!(records(&one).len() >= 12);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn jsonl_from_stdin_streams_one_line_per_line() {
    let mut child = newsie()
        .args(["extract", "--jsonl", "-", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        writeln!(
            stdin,
            r#"{{"id": "first", "text": "Shares rose 5% on Monday."}}"#
        )
        .unwrap();
        writeln!(stdin, "{{not json").unwrap();
        writeln!(stdin, r#"{{"id": "third"}}"#).unwrap();
        writeln!(stdin, r#"{{"id": 4, "text": "“Yes,” she said."}}"#).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["first", "-:2", "third", "4"]);
    assert_eq!(records[1]["error"]["kind"], "invalid_json");
    assert!(records[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("line 2"));
    assert_eq!(records[0]["quantities"][0]["text"], "5%");
}

#[test]
fn output_file_is_written_whole_and_only_selected_stages_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let status = newsie()
        .arg("extract")
        .arg(an_article())
        .args(["--quiet", "--only", "sentences,quantities", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(&out).unwrap();
    let record: Value = serde_json::from_str(written.trim_end()).unwrap();
    assert!(!record["sentences"].as_array().unwrap().is_empty());
    assert!(record["entities"].as_array().unwrap().is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

/// A loop (`loop -> .`) is skipped with one warning, and a second name of
/// the article (a link to it) does not read it twice.
#[cfg(unix)]
#[test]
fn folder_links_read_each_file_once_and_skip_loops() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(an_article(), dir.path().join("article.txt")).unwrap();
    symlink(".", dir.path().join("loop")).unwrap();
    symlink("article.txt", dir.path().join("same_article.txt")).unwrap();
    let extract = || {
        let child = newsie()
            .arg("extract")
            .arg(dir.path())
            .arg("--quiet")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        output_within(child, STUCK_AFTER)
    };
    let output = extract();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let found = records(&output);
    assert_eq!(found.len(), 1, "one real file");
    let id = found[0]["id"].as_str().unwrap();
    assert!(
        id.ends_with("/article.txt"),
        "read under its first name: {id}"
    );
    assert_eq!(stderr.matches("symlink loop").count(), 1, "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");

    // A second loop, from a subfolder back up: each is warned about once,
    // and the run ends.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    symlink("..", dir.path().join("sub/up")).unwrap();
    let output = extract();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(records(&output).len(), 1);
    assert_eq!(stderr.matches("symlink loop").count(), 2, "{stderr}");
}

/// `-o` naming a folder or a file in a missing folder fails before any
/// input is read: standard input stays open and unread, and the run still
/// ends at once, with status 2 and nothing written.
#[cfg(unix)]
#[test]
fn unwritable_output_fails_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let in_missing_folder = dir.path().join("no_such_folder/out.jsonl");
    for (target, says) in [
        (dir.path(), "is a folder"),
        (in_missing_folder.as_path(), "does not exist"),
    ] {
        let mut child = newsie()
            .args(["extract", "--jsonl", "-", "--quiet", "-o"])
            .arg(target)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let held_stdin = child.stdin.take();
        let output = output_within(child, STUCK_AFTER);
        drop(held_stdin);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(output.stdout.is_empty());
        assert!(names_in(dir.path()).is_empty(), "nothing written");
    }
}

/// `-o` onto a symbolic link writes the file it points at, and keeps the
/// link.
#[cfg(unix)]
#[test]
fn output_through_a_link_writes_the_linked_file() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("latest.jsonl");
    std::os::unix::fs::symlink("run1.jsonl", &link).unwrap();
    let status = newsie()
        .arg("extract")
        .arg(an_article())
        .args(["--quiet", "-o"])
        .arg(&link)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let written = std::fs::read_to_string(dir.path().join("run1.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 1);
    assert_eq!(names_in(dir.path()), ["latest.jsonl", "run1.jsonl"]);
}

/// SIGTERM or SIGINT mid-run (standard input held open, so the run waits
/// for more) removes the temporary output file and exits with 143 or 130.
#[cfg(unix)]
#[test]
fn a_signal_removes_the_temporary_output() {
    for (signal_number, status) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let dir = tempfile::tempdir().unwrap();
        let mut child = newsie()
            .args(["extract", "--jsonl", "-", "--quiet", "-o"])
            .arg(dir.path().join("out.jsonl"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut held_stdin = child.stdin.take().unwrap();
        writeln!(
            held_stdin,
            r#"{{"id": "a", "text": "Shares rose 5% on Monday."}}"#
        )
        .unwrap();
        // The temporary file appears once the run has started.
        let started = std::time::Instant::now();
        while names_in(dir.path()).is_empty() {
            assert!(started.elapsed() < STUCK_AFTER, "no temporary file");
            std::thread::sleep(Duration::from_millis(10));
        }
        signal(child.id(), signal_number);
        let output = output_within(child, STUCK_AFTER);
        drop(held_stdin);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(status), "{stderr}");
        assert!(
            names_in(dir.path()).is_empty(),
            "no temporary file and no output left: {:?}",
            names_in(dir.path())
        );
    }
}

#[test]
fn usage_errors_exit_with_two() {
    let output = newsie()
        .args(["extract", "--threads", "zero"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = newsie()
        .args(["extract", "--threads", "0", "x.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--threads"));
}

#[test]
fn the_transformer_backend_explains_what_it_needs() {
    let checkpoint = tempfile::tempdir().unwrap();
    let article = an_article();
    let output = newsie()
        .args(["extract", "--ner", "transformer", "--model"])
        .arg(checkpoint.path())
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    if cfg!(feature = "transformer") {
        // Built with the feature: an empty folder is not a checkpoint.
        assert!(stderr.contains("config.json"), "{stderr}");
    } else {
        assert!(stderr.contains("`transformer` feature"), "{stderr}");
    }
    // A missing folder is named as such, but only where a checkpoint could
    // run: without the feature, the missing feature is what to fix.
    let output = newsie()
        .args(["extract", "--ner", "transformer", "--model", "/no/such/dir"])
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    if cfg!(feature = "transformer") {
        assert!(stderr.contains("/no/such/dir"), "{stderr}");
    } else {
        assert!(
            stderr.contains("`transformer` feature") && stderr.contains("--features transformer"),
            "{stderr}"
        );
        assert!(!stderr.contains("checkpoint"), "{stderr}");
    }
    // Transformer options without `--ner transformer` (the linear model
    // has no checkpoint folder and one number format).
    for stray in [["--model", "/no/such/dir"], ["--precision", "bf16"]] {
        let output = newsie()
            .arg("extract")
            .args(stray)
            .arg(&article)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(stray[0]) && stderr.contains("--ner transformer"),
            "{stderr}"
        );
    }
}

#[test]
fn broken_pipe_ends_quietly() {
    let mut child = newsie()
        .arg("extract")
        .arg(fixtures_dir())
        .args(["--quiet", "--threads", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then hang up, like `| head -c 1`.
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut byte).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn writing_to_a_device_keeps_the_device() {
    let status = newsie()
        .arg("extract")
        .arg(an_article())
        .args(["--quiet", "-o", "/dev/null"])
        .status()
        .unwrap();
    assert!(status.success());
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(!meta.is_file(), "/dev/null must stay a device");
}

#[test]
fn render_draws_articles_and_earlier_output() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let status = newsie()
        .arg("render")
        .arg(an_article())
        .arg("-o")
        .arg(&page)
        .status()
        .unwrap();
    assert!(status.success());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));

    // extract --include-text, then render --from that output.
    let records = dir.path().join("out.jsonl");
    let status = newsie()
        .arg("extract")
        .arg(an_article())
        .args(["--quiet", "--include-text", "-o"])
        .arg(&records)
        .status()
        .unwrap();
    assert!(status.success());
    let from_page = dir.path().join("from.html");
    let status = newsie()
        .args(["render", "--from"])
        .arg(&records)
        .arg("-o")
        .arg(&from_page)
        .status()
        .unwrap();
    assert!(status.success());
    let from_html = std::fs::read_to_string(&from_page).unwrap();
    // The same record drawn both ways: the same marks.
    let marks = |page: &str| page.matches("data-key=\"").count();
    assert!(marks(&html) > 0);
    assert_eq!(marks(&from_html), marks(&html));
}

/// Runs `newsie extract` on `path` with `extra` arguments, quietly.
fn extract_with(path: &Path, extra: &[&str]) -> Output {
    let output = newsie()
        .arg("extract")
        .arg(path)
        .args(["--quiet"])
        .args(extra)
        .output()
        .unwrap();
    assert!(output.status.success(), "{extra:?}: {output:?}");
    output
}

/// The fields of one CSV line (RFC 4180: quoted fields, doubled quotes).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn csv_rows_read_back_as_the_json_quantities() {
    let article = an_article();
    let json = records(&extract_with(&article, &[]));
    let csv = extract_with(&article, &["--format", "csv", "--only", "quantities"]);
    let text = String::from_utf8(csv.stdout).unwrap();
    let mut lines = text.lines();
    let header = csv_fields(lines.next().unwrap());
    assert_eq!(header[..4], ["id", "start", "end", "text"]);
    assert_eq!(header.last().unwrap(), "error");
    let rows: Vec<Vec<String>> = lines.map(csv_fields).collect();
    let quantities = json[0]["quantities"].as_array().unwrap();
    assert!(!quantities.is_empty());
    assert_eq!(rows.len(), quantities.len());
    for (row, q) in rows.iter().zip(quantities) {
        assert_eq!(row.len(), header.len());
        assert_eq!(row[1], q["start"].to_string());
        assert_eq!(row[3], q["text"].as_str().unwrap());
        assert_eq!(row[4], q["kind"].as_str().unwrap());
    }
    // One table needs one list.
    let output = newsie()
        .args(["extract", "--format", "csv", "--quiet"])
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--only"));
}

#[test]
fn conll_output_reads_back_as_the_json_entities() {
    let article = an_article();
    let json = records(&extract_with(&article, &[]));
    let conll = extract_with(&article, &["--format", "conll"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.conll");
    std::fs::write(&path, &conll.stdout).unwrap();
    let docs =
        newsie_eval::suites::conll::read(&path).expect("the project's CoNLL reader reads it");
    assert_eq!(docs.len(), 1);
    let read_back: Vec<String> = docs[0]
        .iter()
        .flat_map(|s| {
            s.entities
                .iter()
                .map(|&(a, b, label)| format!("{} {}", s.tokens[a..b].join(" "), label.as_str()))
                .collect::<Vec<_>>()
        })
        .collect();
    let expected: Vec<String> = json[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let words: Vec<String> = newsie_core::word_tokens(e["text"].as_str().unwrap())
                .map(|t| e["text"].as_str().unwrap()[t.span].to_owned())
                .collect();
            format!("{} {}", words.join(" "), e["label"].as_str().unwrap())
        })
        .collect();
    assert_eq!(read_back, expected);
}

#[test]
fn char_offsets_index_python_strings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emoji.txt");
    let text = "😀 Zoë Lee, the chief executive of Acme Corp. in 東京, said sales rose 5%.\n";
    std::fs::write(&path, text).unwrap();
    let bytes = records(&extract_with(&path, &[]));
    let chars = records(&extract_with(&path, &["--offsets", "chars"]));
    let code_points: Vec<char> = text.chars().collect();
    for list in ["sentences", "entities", "quantities", "quotes"] {
        let (b, c) = (
            bytes[0][list].as_array().unwrap(),
            chars[0][list].as_array().unwrap(),
        );
        assert_eq!(b.len(), c.len(), "{list}");
        for item in c {
            let (start, end) = (
                item["start"].as_u64().unwrap() as usize,
                item["end"].as_u64().unwrap() as usize,
            );
            let slice: String = code_points[start..end].iter().collect();
            assert_eq!(slice, item["text"].as_str().unwrap(), "{list}");
        }
    }
    assert!(!chars[0]["entities"].as_array().unwrap().is_empty());
}

#[test]
fn completions_and_the_manual_come_from_the_options() {
    let run = |args: &[&str]| {
        let output = newsie().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    assert!(run(&["completions", "bash"]).contains("extract"));
    for shell in ["zsh", "fish", "powershell"] {
        let script = run(&["completions", shell]);
        assert!(script.contains("--max-doc-mb"), "{shell}: {script}");
    }
    let page = run(&["man"]);
    assert!(page.contains(".TH"), "{page}");
    assert!(page.contains("render"), "subcommands listed: {page}");
    let output = newsie().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// `--version` names the commit (or "unknown" outside a checkout) and the
/// embedded model by the sha256 that models/ner/MANIFEST.md lists for it.
#[test]
fn the_version_names_the_commit_and_the_model() {
    let output = newsie().arg("--version").output().unwrap();
    assert!(output.status.success());
    let version = String::from_utf8(output.stdout).unwrap();
    let rest = version
        .trim_end()
        .strip_prefix(concat!("newsie ", env!("CARGO_PKG_VERSION"), " (commit "))
        .unwrap_or_else(|| panic!("{version}"));
    let (commit, model) = rest
        .strip_suffix(')')
        .and_then(|r| r.split_once(", model sha256 "))
        .unwrap_or_else(|| panic!("{version}"));
    let hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    assert!(
        commit == "unknown" || (commit.len() >= 7 && hex(commit)),
        "{version}"
    );
    assert!(model.len() == 12 && hex(model), "{version}");
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/ner/MANIFEST.md"),
    )
    .unwrap();
    assert!(
        manifest.contains(&format!("| sha256 | `{model}")),
        "the model in the binary is the one MANIFEST.md describes: {version}"
    );
    // -V says the same.
    let short = newsie().arg("-V").output().unwrap();
    assert_eq!(short.stdout, version.as_bytes());
}

/// Outside the repository the fixtures are not found: the message points
/// at --fixtures (not at the shared data, which this suite never reads),
/// and names the system's reason once.
#[test]
fn eval_outside_the_repository_says_where_the_fixtures_are_looked_for() {
    let elsewhere = tempfile::tempdir().unwrap();
    let output = newsie()
        .arg("eval")
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--fixtures DIR"), "{stderr}");
    assert!(!stderr.contains("shared"), "{stderr}");
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
}

/// Without `-o` the page goes to standard output (here a pipe), and no
/// newsie.html appears.
#[test]
fn render_without_an_output_file_writes_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let output = newsie()
        .arg("render")
        .arg(an_article())
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(output.stdout.starts_with(b"<!DOCTYPE html>"));
    assert!(stderr.contains("standard output"), "{stderr}");
    assert!(names_in(dir.path()).is_empty(), "no file written");
}

/// A JSON Lines document over `--max-doc-mb` (a fraction of a megabyte
/// here) keeps its own id when the start of its line shows it.
#[test]
fn an_overlong_jsonl_line_keeps_its_id() {
    let mut child = newsie()
        .args([
            "extract",
            "--jsonl",
            "-",
            "--quiet",
            "--max-doc-mb",
            "0.001",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        let long = "Shares rose. ".repeat(200);
        writeln!(stdin, r#"{{"id": "big", "text": "{long}"}}"#).unwrap();
        writeln!(stdin, r#"{{"text": "{long}", "id": "after the text"}}"#).unwrap();
        writeln!(stdin, r#"{{"id": "small", "text": "Shares rose."}}"#).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["big", "-:2", "small"]);
    assert_eq!(records[0]["error"]["kind"], "too_large");
    assert_eq!(records[1]["error"]["kind"], "too_large");

    for bad in ["-1", "nan", "lots"] {
        let output = newsie()
            .args(["extract", "--max-doc-mb", bad])
            .arg(an_article())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("--max-doc-mb"));
    }
}
