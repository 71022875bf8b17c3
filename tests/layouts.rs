//! The same article in another layout gives the same facts. Wire archives,
//! e-mail and plain-text corpora wrap their lines at a fixed width and set
//! paragraphs apart by a blank line or an indented first line; news sites
//! write a paragraph per line. Each dev-half fixture (`fixtures/splits.tsv`)
//! is rewritten both ways, wrapped at 72 characters at spaces, and in
//! ASCII (straight marks, a dash as two hyphens), and the pipeline must
//! find the same entities, quotes (with their resolved speakers) and
//! quantities as in the original, compared by text with whitespace runs
//! read as one space. The test half is left out: this
//! compares output with output, and its text stays unread.

use newsie_core::{Document, Record};
use newsie_pipeline::Pipeline;
use std::collections::BTreeMap;
use std::path::Path;

/// `paragraph` wrapped at `width` characters at spaces, its first line
/// opened by `indent`.
fn wrap(paragraph: &str, width: usize, indent: &str) -> String {
    let mut out = String::from(indent);
    let mut line_len = indent.chars().count();
    for (k, word) in paragraph.split_whitespace().enumerate() {
        let len = word.chars().count();
        if k > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if k > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

/// `text` as ASCII copy writes it: straight quotation marks and
/// apostrophes, a dash as two hyphens.
fn ascii(text: &str) -> String {
    text.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace('—', "--")
        .replace('–', "-")
}

/// What a record says, by text with whitespace runs read as one space, in
/// ASCII marks (so that the ASCII layout compares with the original).
fn facts(record: &Record) -> BTreeMap<String, usize> {
    let one_line = |s: &str| ascii(&s.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut facts = BTreeMap::new();
    let mut add = |fact: String| *facts.entry(fact).or_insert(0) += 1;
    for e in &record.entities {
        add(format!("entity {} {}", one_line(&e.text), e.label));
    }
    for q in &record.quotes {
        let resolved = q
            .speaker
            .as_ref()
            .and_then(|s| s.resolved.as_deref())
            .map(one_line);
        add(format!("quote {} <- {resolved:?}", one_line(&q.text)));
    }
    for q in &record.quantities {
        add(format!("quantity {} {:?}", one_line(&q.text), q.kind));
    }
    facts
}

#[test]
fn wrapped_and_indented_layouts_give_the_same_facts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let splits = std::fs::read_to_string(dir.join("splits.tsv")).expect("splits.tsv reads");
    let dev: Vec<&str> = splits
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?;
            (cols.next()? == "dev").then_some(name)
        })
        .collect();
    assert!(dev.len() >= 20, "the dev half lists {} fixtures", dev.len());
    let pipeline = Pipeline::builder().build().unwrap();
    let run = |id: &str, text: String| facts(&pipeline.process(&Document::new(id, text)).unwrap());
    let mut differences = Vec::new();
    for name in dev {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        let paragraphs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let original = run(name, text.clone());
        let blank_lines: Vec<String> = paragraphs.iter().map(|p| wrap(p, 72, "")).collect();
        let indented: Vec<String> = paragraphs.iter().map(|p| wrap(p, 72, "\t")).collect();
        for (layout, text) in [
            ("wrapped, blank lines", blank_lines.join("\n\n") + "\n"),
            ("wrapped, indented", indented.join("\n") + "\n"),
            ("ASCII", ascii(&text)),
        ] {
            let other = run(name, text);
            // In ASCII a one-word dateline's two hyphens (`BARCELONA --`)
            // also open a paid death notice (`SIEGEL--Jerome`), so the
            // tagger keeps its own type there: entities are compared in the
            // Unicode layouts only.
            let compared = |fact: &&String| layout != "ASCII" || !fact.starts_with("entity ");
            for fact in original.keys().chain(other.keys()).filter(compared) {
                if original.get(fact) != other.get(fact) {
                    differences.push(format!(
                        "{name} ({layout}): {fact}: {:?} in the original, {:?} here",
                        original.get(fact),
                        other.get(fact)
                    ));
                }
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
