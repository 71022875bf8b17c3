//! The output formats of `newsie extract` that other tools read (spaCy's
//! `Doc.to_json`, brat standoff, CSV tables per list), each checked against
//! the JSON output of the same run: every list read back from the format
//! must be the JSON's, offsets included (in code points, as these formats
//! count). Run on two fixtures, a text of emoji, combining marks and CJK,
//! and the seed article (SKIPPED when `../shared` is absent, a failure
//! under `NEWSIE_REQUIRE_SHARED`).
//!
//! The spaCy test loads the output with spaCy's own `Doc.from_json`: it
//! needs a Python with spaCy (`NEWSIE_SPACY_PYTHON`, else the virtualenv
//! .ci/install-spacy.sh makes, else that of crates/python/run-tests.sh,
//! else `python3`), and prints SKIPPED without one, unless
//! `NEWSIE_REQUIRE_SPACY=1` (as .ci/run sets it).

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn newsie() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsie"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A text whose byte and code-point offsets differ in every way: emoji,
/// a combining mark, CJK, curly quotes.
const UNICODE_TEXT: &str =
    "😀 Zoë Lee, the chief executive of Acme Corp. in 東京, said sales rose 5%.\n\n\
“We grew faster than anyone expected,” said Jose\u{301} Ruiz, who runs Acme’s office in Osaka. \
The company hired 1,200 people  in 2024.\n";

/// The articles the tests run on, in a temporary folder's keeping: two
/// fixtures, the Unicode text, and the seed when the shared data is there.
fn articles(dir: &Path, test: &str) -> Vec<PathBuf> {
    let unicode = dir.join("unicode.txt");
    std::fs::write(&unicode, UNICODE_TEXT).unwrap();
    let mut paths = vec![
        repo().join("fixtures/veridian-earnings.txt"),
        repo().join("fixtures/takumi-weak-yen.txt"),
        unicode,
    ];
    if let Some(seed) = newsie_eval::shared_file("seed/aws-layoffs.txt", test) {
        paths.push(seed);
    }
    paths
}

/// Runs `newsie extract` quietly on `paths` with `extra` arguments.
fn extract(paths: &[PathBuf], extra: &[&str]) -> Output {
    newsie()
        .arg("extract")
        .args(paths)
        .arg("--quiet")
        .args(extra)
        .output()
        .unwrap()
}

fn succeeded(output: Output, what: &str) -> Output {
    assert!(
        output.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// The JSON records of `paths`, offsets in code points.
fn json_records(paths: &[PathBuf]) -> Vec<Value> {
    let output = succeeded(extract(paths, &["--offsets", "chars"]), "jsonl");
    let records = json_lines(&output);
    assert_eq!(records.len(), paths.len());
    records
}

fn offset(v: &Value, key: &str) -> usize {
    v[key].as_u64().unwrap_or_else(|| panic!("{key} in {v}")) as usize
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// `(start, end, label)` of each item of a JSON list.
fn spans(list: &Value, label: &str) -> Vec<(usize, usize, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let label = if label.is_empty() {
                String::new()
            } else {
                str_of(v, label).to_owned()
            };
            (offset(v, "start"), offset(v, "end"), label)
        })
        .collect()
}

/// The speakers (or cues) of a record's quotes, each with the label the
/// formats give it.
fn quote_parts(record: &Value, part: &str, label: &str) -> Vec<(usize, usize, String)> {
    record["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| !q[part].is_null())
        .map(|q| {
            let p = &q[part];
            (
                offset(p, "start"),
                offset(p, "end"),
                str_of(p, label).to_owned(),
            )
        })
        .collect()
}

#[test]
fn spacy_documents_hold_the_json_lists_on_whole_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let paths = articles(dir.path(), "the seed in the spaCy format test");
    let records = json_records(&paths);
    let docs = json_lines(&succeeded(extract(&paths, &["--format", "spacy"]), "spacy"));
    assert_eq!(docs.len(), records.len());
    for ((doc, record), path) in docs.iter().zip(&records).zip(&paths) {
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(str_of(doc, "text"), text);
        assert_eq!(doc["newsie"]["id"], record["id"]);
        let chars: Vec<char> = text.chars().collect();

        // Tokens: in order, apart only by whitespace, spaCy's way (one
        // space after a token is its own; any other whitespace a token).
        let tokens = doc["tokens"].as_array().unwrap();
        let mut at = 0;
        for (i, token) in tokens.iter().enumerate() {
            assert_eq!(offset(token, "id"), i);
            let (start, end) = (offset(token, "start"), offset(token, "end"));
            assert!(start < end, "{token}");
            let gap: String = chars[at..start].iter().collect();
            assert!(
                gap.is_empty() || (gap == " " && i > 0),
                "gap {gap:?} before {token}"
            );
            at = end;
        }
        assert!(chars[at..].iter().collect::<String>().len() <= 1);
        let starts: Vec<usize> = tokens.iter().map(|t| offset(t, "start")).collect();
        let ends: Vec<usize> = tokens.iter().map(|t| offset(t, "end")).collect();

        let groups = &doc["spans"];
        let checks = [
            ("ents", &doc["ents"], spans(&record["entities"], "label")),
            ("sents", &doc["sents"], spans(&record["sentences"], "")),
            (
                "quotes",
                &groups["newsie_quotes"],
                spans(&record["quotes"], "kind"),
            ),
            (
                "speakers",
                &groups["newsie_speakers"],
                quote_parts(record, "speaker", "kind"),
            ),
            (
                "cues",
                &groups["newsie_cues"],
                quote_parts(record, "cue", "lemma"),
            ),
            (
                "quantities",
                &groups["newsie_quantities"],
                spans(&record["quantities"], "kind"),
            ),
        ];
        for (name, list, expected) in checks {
            let label = if name == "sents" { "" } else { "label" };
            let got = spans(list, label);
            assert_eq!(got, expected, "{name} of {}", path.display());
            for (start, end, _) in got {
                assert!(
                    starts.contains(&start) && ends.contains(&end),
                    "{name} {start}..{end} of {} is not whole tokens",
                    path.display()
                );
            }
        }
        assert_eq!(
            doc["newsie"]["quantities"].as_array().unwrap().len(),
            record["quantities"].as_array().unwrap().len()
        );
        for (q, values) in record["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .zip(doc["newsie"]["quantities"].as_array().unwrap())
        {
            for key in ["value", "low", "high", "unit", "dimension", "approximate"] {
                assert_eq!(q[key], values[key], "{key} of {q}");
            }
        }
    }
    assert!(docs
        .iter()
        .any(|d| !d["ents"].as_array().unwrap().is_empty()));
    assert!(docs
        .iter()
        .any(|d| !d["spans"]["newsie_quotes"].as_array().unwrap().is_empty()));
}

/// The Python to load spaCy output with, or `None` after printing SKIPPED:
/// `NEWSIE_SPACY_PYTHON`, else the virtualenv of .ci/install-spacy.sh, else
/// the Python package's (crates/python/run-tests.sh), else `python3`; the
/// first that imports spaCy.
fn spacy_python(test: &str) -> Option<PathBuf> {
    let cache = |variable: &str, folder: &str| {
        std::env::var_os(variable)
            .map(PathBuf::from)
            .or_else(|| {
                let home = std::env::var_os("HOME")?;
                Some(Path::new(&home).join(".cache").join(folder))
            })
            .map(|c| c.join("venv/bin/python"))
    };
    let candidates = [
        std::env::var_os("NEWSIE_SPACY_PYTHON").map(PathBuf::from),
        cache("NEWSIE_SPACY_CACHE", "newsie-spacy"),
        cache("NEWSIE_PY_CACHE", "newsie-python"),
        Some(PathBuf::from("python3")),
    ];
    let found = candidates.into_iter().flatten().find(|python| {
        Command::new(python)
            .args(["-c", "import spacy"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        let why = "no Python with spaCy (run .ci/install-spacy.sh, or set NEWSIE_SPACY_PYTHON)";
        if std::env::var("NEWSIE_REQUIRE_SPACY").is_ok_and(|v| v == "1") {
            panic!("NEWSIE_REQUIRE_SPACY=1 but {why}");
        }
        eprintln!("SKIPPED {test}: {why}");
    }
    found
}

/// Loads each line with `Doc(Vocab()).from_json(..., validate=True)` and
/// prints what spaCy made of it, one JSON object per document.
const LOAD_IN_SPACY: &str = r#"
import json, sys
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab
print(spacy.__version__, file=sys.stderr)
for line in open(sys.argv[1], encoding="utf-8"):
    data = json.loads(line)
    doc = Doc(Vocab()).from_json(data, validate=True)
    assert doc.text == data["text"]
    print(json.dumps({
        "tokens": len(doc),
        "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
        "sent_starts": [s.start_char for s in doc.sents],
        "spans": {name: [[s.start_char, s.end_char, s.label_, s.kb_id_] for s in group]
                  for name, group in doc.spans.items()},
    }))
"#;

#[test]
fn spacy_output_loads_with_spacys_own_reader() {
    let test = "the spaCy round trip";
    let Some(python) = spacy_python(test) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let paths = articles(dir.path(), test);
    let records = json_records(&paths);
    let output = succeeded(extract(&paths, &["--format", "spacy"]), "spacy");
    let docs = json_lines(&output);
    let file = dir.path().join("docs.jsonl");
    std::fs::write(&file, &output.stdout).unwrap();
    let loaded = Command::new(&python)
        .args(["-c", LOAD_IN_SPACY])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        loaded.status.success(),
        "spaCy could not load the output: {}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    let loaded = json_lines(&loaded);
    assert_eq!(loaded.len(), records.len());
    let triples = |v: &Value| -> Vec<(usize, usize, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t[0].as_u64().unwrap() as usize,
                    t[1].as_u64().unwrap() as usize,
                    t[2].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    for ((spacy, record), doc) in loaded.iter().zip(&records).zip(&docs) {
        assert_eq!(
            spacy["tokens"].as_u64().unwrap() as usize,
            doc["tokens"].as_array().unwrap().len(),
            "spaCy rebuilt the same tokens"
        );
        assert_eq!(triples(&spacy["ents"]), spans(&record["entities"], "label"));
        assert_eq!(
            triples(&spacy["spans"]["newsie_quotes"]),
            spans(&record["quotes"], "kind")
        );
        assert_eq!(
            triples(&spacy["spans"]["newsie_quantities"]),
            spans(&record["quantities"], "kind")
        );
        assert_eq!(
            triples(&spacy["spans"]["newsie_speakers"]),
            quote_parts(record, "speaker", "kind")
        );
        // A speaker's resolved name is its knowledge-base id.
        let resolved: Vec<&str> = record["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| !q["speaker"].is_null())
            .map(|q| q["speaker"]["resolved"].as_str().unwrap_or(""))
            .collect();
        let kb_ids: Vec<&str> = spacy["spans"]["newsie_speakers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s[3].as_str().unwrap())
            .collect();
        assert_eq!(kb_ids, resolved);
        // Every sentence starts one of spaCy's (whitespace between
        // sentences joins the one before).
        let starts: Vec<u64> = spacy["sent_starts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_u64().unwrap())
            .collect();
        for sentence in record["sentences"].as_array().unwrap() {
            assert!(starts.contains(&sentence["start"].as_u64().unwrap()));
        }
    }
}

/// One text-bound annotation read back from an `.ann` file.
#[derive(Debug, Clone)]
struct TextBound {
    kind: String,
    /// `(start, end)` of each fragment.
    fragments: Vec<(usize, usize)>,
    text: String,
}

/// What an `.ann` file says: text-bounds, attributes and notes by their
/// target, relations.
#[derive(Debug, Default)]
struct Ann {
    text_bounds: HashMap<String, TextBound>,
    /// The text-bound ids in file order.
    order: Vec<String>,
    attributes: HashMap<String, Vec<(String, Option<String>)>>,
    notes: HashMap<String, String>,
    relations: Vec<(String, String, String)>,
}

/// A small reader of brat standoff, strict about the lines newsie writes.
fn read_ann(ann: &str) -> Ann {
    let mut read = Ann::default();
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let id = fields[0];
        match id.chars().next() {
            Some('T') => {
                assert_eq!(fields.len(), 3, "{line}");
                let (kind, offsets) = fields[1].split_once(' ').unwrap();
                let fragments = offsets
                    .split(';')
                    .map(|f| {
                        let (a, b) = f.split_once(' ').unwrap();
                        (a.parse().unwrap(), b.parse().unwrap())
                    })
                    .collect();
                read.order.push(id.to_owned());
                let tb = TextBound {
                    kind: kind.to_owned(),
                    fragments,
                    text: fields[2].to_owned(),
                };
                assert!(read.text_bounds.insert(id.to_owned(), tb).is_none());
            }
            Some('A') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                let value = parts.get(2).map(|v| v.to_string());
                read.attributes
                    .entry(parts[1].to_owned())
                    .or_default()
                    .push((parts[0].to_owned(), value));
            }
            Some('#') => {
                let target = fields[1].strip_prefix("AnnotatorNotes ").unwrap();
                read.notes.insert(target.to_owned(), fields[2].to_owned());
            }
            Some('R') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                let arg = |p: &str, key: &str| p.strip_prefix(key).unwrap().to_owned();
                read.relations.push((
                    parts[0].to_owned(),
                    arg(parts[1], "Arg1:"),
                    arg(parts[2], "Arg2:"),
                ));
            }
            _ => panic!("unexpected line {line:?}"),
        }
    }
    read
}

impl Ann {
    fn span(&self, id: &str) -> (usize, usize) {
        let f = &self.text_bounds[id].fragments;
        (f[0].0, f.last().unwrap().1)
    }

    fn attribute(&self, id: &str, name: &str) -> Option<Option<String>> {
        self.attributes
            .get(id)?
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// `(start, end, label)` of the text-bounds of these kinds, in order;
    /// the label is the kind, or the attribute `label_from` when given.
    fn list(&self, kinds: &[&str], label_from: Option<&str>) -> Vec<(usize, usize, String)> {
        self.order
            .iter()
            .filter(|id| kinds.contains(&self.text_bounds[*id].kind.as_str()))
            .map(|id| {
                let (start, end) = self.span(id);
                let label = match label_from {
                    Some(attribute) => self.attribute(id, attribute).unwrap().unwrap(),
                    None => self.text_bounds[id].kind.clone(),
                };
                (start, end, label)
            })
            .collect()
    }

    /// The text-bound the relation `name` from `from` points at.
    fn related(&self, name: &str, from: &str) -> Option<&str> {
        self.relations
            .iter()
            .find(|(n, a, _)| n == name && a == from)
            .map(|(_, _, b)| b.as_str())
    }
}

#[test]
fn brat_files_read_back_as_the_json_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = articles(dir.path(), "the seed in the brat format test");
    // The same name in another folder: a stem of its own.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("unicode.txt"), UNICODE_TEXT).unwrap();
    paths.push(other.join("unicode.txt"));
    let records = json_records(&paths);
    let out = dir.path().join("brat");
    succeeded(
        extract(&paths, &["--format", "brat", "-o", out.to_str().unwrap()]),
        "brat",
    );
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    assert!(conf.contains("[entities]") && conf.contains("SaidBy"));
    let mut stems: Vec<String> = paths
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    *stems.last_mut().unwrap() = "unicode-2".to_owned();
    for ((stem, record), path) in stems.iter().zip(&records).zip(&paths) {
        let text = std::fs::read_to_string(out.join(format!("{stem}.txt"))).unwrap();
        assert_eq!(text, std::fs::read_to_string(path).unwrap(), "{stem}.txt");
        let chars: Vec<char> = text.chars().collect();
        let ann = read_ann(&std::fs::read_to_string(out.join(format!("{stem}.ann"))).unwrap());
        // Each text-bound's text is its fragments', joined by a space.
        for tb in ann.text_bounds.values() {
            let words: Vec<String> = tb
                .fragments
                .iter()
                .map(|&(a, b)| chars[a..b].iter().collect())
                .collect();
            assert_eq!(tb.text, words.join(" "), "{stem}");
        }
        assert_eq!(
            ann.list(&["PER", "ORG", "LOC", "MISC"], None),
            spans(&record["entities"], "label"),
            "{stem}"
        );
        assert_eq!(
            ann.list(&["Quantity"], Some("QuantityKind")),
            spans(&record["quantities"], "kind"),
            "{stem}"
        );
        // Quantities' values in their notes.
        let quantity_ids: Vec<&String> = ann
            .order
            .iter()
            .filter(|id| ann.text_bounds[*id].kind == "Quantity")
            .collect();
        for (id, q) in quantity_ids
            .iter()
            .zip(record["quantities"].as_array().unwrap())
        {
            let approximate = ann.attribute(id, "Approximate").is_some();
            assert_eq!(Some(approximate), q["approximate"].as_bool());
            if let Some(value) = q["value"].as_f64() {
                assert!(ann.notes[*id].contains(&format!("value={value}")), "{id}");
            }
        }
        assert_eq!(
            ann.list(&["Quote"], Some("QuoteKind")),
            spans(&record["quotes"], "kind"),
            "{stem}"
        );
        // Each quote's speaker and cue through its relations.
        let quote_ids: Vec<&String> = ann
            .order
            .iter()
            .filter(|id| ann.text_bounds[*id].kind == "Quote")
            .collect();
        for (id, q) in quote_ids.iter().zip(record["quotes"].as_array().unwrap()) {
            for (relation, part) in [("SaidBy", "speaker"), ("CuedBy", "cue")] {
                let got = ann.related(relation, id).map(|t| ann.span(t));
                let expected = (!q[part].is_null())
                    .then(|| (offset(&q[part], "start"), offset(&q[part], "end")));
                assert_eq!(got, expected, "{stem}: {relation} of {id}");
            }
            if let Some(speaker) = ann.related("SaidBy", id) {
                let kind = ann.attribute(speaker, "SpeakerKind").unwrap();
                assert_eq!(kind.as_deref(), q["speaker"]["kind"].as_str());
                if let Some(resolved) = q["speaker"]["resolved"].as_str() {
                    assert_eq!(ann.notes[speaker], format!("resolved={resolved}"));
                }
            }
        }
    }
}

#[test]
fn brat_and_several_csv_tables_need_a_folder() {
    let article = repo().join("fixtures/veridian-earnings.txt");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let cases: [&[&str]; 4] = [
        &["--format", "brat"],
        &["--format", "csv"],
        &["--format", "csv", "--only", "entities,quotes"],
        &["--format", "brat", "-o", file.to_str().unwrap()],
    ];
    for args in cases {
        let output = extract(std::slice::from_ref(&article), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("-o DIR"), "{args:?}: {stderr}");
    }
    let output = extract(&[article], &["--format", "csv"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("--only"));
}

/// The records of one CSV table (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = vec![String::new()];
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(String::new()),
            ('\n', false) => rows.push(std::mem::replace(&mut row, vec![String::new()])),
            (c, _) => row.last_mut().unwrap().push(c),
        }
    }
    assert_eq!(row, [""], "the table ends with a line break");
    rows
}

#[test]
fn csv_tables_read_back_as_the_json_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = articles(dir.path(), "the seed in the CSV tables test");
    let missing = dir.path().join("missing.txt");
    paths.push(missing.clone());
    let output = extract(&paths, &["--offsets", "chars"]);
    assert_eq!(output.status.code(), Some(1), "one input is missing");
    let records = json_lines(&output);
    let out = dir.path().join("tables");
    let output = extract(
        &paths,
        &[
            "--format",
            "csv",
            "--offsets",
            "chars",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    for (list, file, label) in [
        ("sentences", "sentences.csv", ""),
        ("entities", "entities.csv", "label"),
        ("quotes", "quotes.csv", "kind"),
        ("quantities", "quantities.csv", "kind"),
    ] {
        let rows = read_csv(&std::fs::read_to_string(out.join(file)).unwrap());
        let header = &rows[0];
        assert_eq!(header[..4], ["id", "start", "end", "text"], "{file}");
        assert_eq!(header.last().unwrap(), "error");
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let mut expected = Vec::new();
        for record in &records {
            let id = str_of(record, "id").to_owned();
            match record.get(list) {
                Some(items) => {
                    for item in items.as_array().unwrap() {
                        let label = if label.is_empty() {
                            String::new()
                        } else {
                            str_of(item, label).to_owned()
                        };
                        expected.push((
                            id.clone(),
                            offset(item, "start").to_string(),
                            offset(item, "end").to_string(),
                            str_of(item, "text").to_owned(),
                            label,
                        ));
                    }
                }
                // A failed document: one error row in every table.
                None => {
                    let error = &record["error"];
                    let message =
                        format!("{}: {}", str_of(error, "kind"), str_of(error, "message"));
                    expected.push((id, String::new(), String::new(), String::new(), message));
                }
            }
        }
        let got: Vec<_> = rows[1..]
            .iter()
            .map(|row| {
                assert_eq!(row.len(), header.len(), "{file}: {row:?}");
                let error = row.last().unwrap().clone();
                let label = if !error.is_empty() {
                    error
                } else if label.is_empty() {
                    String::new()
                } else {
                    row[column(label)].clone()
                };
                (
                    row[0].clone(),
                    row[1].clone(),
                    row[2].clone(),
                    row[3].clone(),
                    label,
                )
            })
            .collect();
        assert_eq!(got, expected, "{file}");
        assert!(got.len() > 1, "{file} has rows");
    }
    // Two lists: two tables, and nothing else.
    let two = dir.path().join("two");
    succeeded(
        extract(
            &paths[..1],
            &[
                "--format",
                "csv",
                "--only",
                "quotes,entities",
                "-o",
                two.to_str().unwrap(),
            ],
        ),
        "two tables",
    );
    let mut names: Vec<String> = std::fs::read_dir(&two)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["entities.csv", "quotes.csv"]);
}

#[test]
fn an_output_inside_an_input_folder_is_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), UNICODE_TEXT).unwrap();
    let run = |extra: &[&str]| -> String {
        let output = newsie()
            .arg("extract")
            .arg(&corpus)
            .arg("--quiet")
            .args(extra)
            .output()
            .unwrap();
        assert!(output.status.success(), "{extra:?}: {output:?}");
        String::from_utf8(output.stderr).unwrap()
    };
    let inside_txt = corpus.join("out.txt");
    let stderr = run(&["-o", inside_txt.to_str().unwrap()]);
    assert!(
        stderr.contains("inside the input folder") && stderr.contains("read it as an article"),
        "{stderr}"
    );
    let inside_jsonl = corpus.join("sub/../out.jsonl");
    std::fs::create_dir(corpus.join("sub")).unwrap();
    assert!(run(&["-o", inside_jsonl.to_str().unwrap()]).contains("inside the input folder"));
    let brat = corpus.join("brat");
    let stderr = run(&["--format", "brat", "-o", brat.to_str().unwrap()]);
    assert!(stderr.contains(".txt files as articles"), "{stderr}");
    let outside = dir.path().join("out.txt");
    assert_eq!(run(&["-o", outside.to_str().unwrap()]), "");
}

#[test]
fn pretty_indents_the_json_formats_only() {
    let article = repo().join("fixtures/veridian-earnings.txt");
    let output = succeeded(
        extract(
            std::slice::from_ref(&article),
            &["--format", "spacy", "--pretty"],
        ),
        "pretty spacy",
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.lines().count() > 10);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert!(doc["tokens"].is_array());
    let output = extract(&[article], &["--format", "conll", "--pretty"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--pretty"));
}
