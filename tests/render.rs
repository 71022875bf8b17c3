//! `newsie-render` pages checked as a browser sees them: the seed article
//! drawn through the whole pipeline and opened in headless Chromium, whose
//! DOM must hold one mark per entity, quote and quantity of the record
//! (counted against the record, never against fixed numbers) with every
//! quote linked to its speaker; and a page of hostile text on which no
//! injected script may run.
//!
//! Without Chromium the browser tests print SKIPPED, unless
//! `NEWSIE_REQUIRE_BROWSER=1` makes its absence a failure.

use newsie_core::{
    Document, Entity, EntityLabel, Quantity, QuantityKind, Quote, QuoteKind, Record, Span, Speaker,
    SpeakerKind,
};
use newsie_pipeline::Pipeline;
use newsie_render::Page;

#[path = "browser.rs"]
mod browser;
use browser::{chromium, dump_dom};
use std::collections::BTreeMap;
/// Undoes the character references a DOM serializer writes.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// One annotation as found in the DOM: its pieces joined.
#[derive(Debug, Default)]
struct Found {
    /// The classes of its first piece.
    class: String,
    /// Its other attributes (of the first piece), unescaped.
    attrs: BTreeMap<String, String>,
    /// Its text: the text of all its pieces, in order.
    text: String,
    /// How many elements it was split into.
    pieces: usize,
}

/// What the text box of one document holds.
#[derive(Debug, Default)]
struct TextBox {
    /// Its whole text.
    text: String,
    /// Annotations by `data-key` (`e0`, `q3`, `s1`, `c1`, `n7`).
    keyed: BTreeMap<String, Found>,
    /// Sentence numbers seen.
    sentences: BTreeMap<String, String>,
}

/// The attributes of an opening tag such as `<span class="a" data-key="q1">`.
fn attributes(tag: &str) -> BTreeMap<String, String> {
    let mut attrs = BTreeMap::new();
    let mut rest = tag.trim_start_matches('<').trim_end_matches('>');
    rest = rest.split_once(' ').map_or("", |(_, r)| r);
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_owned();
        let value_end = eq + 2 + rest[eq + 2..].find('"').expect("attribute closed");
        attrs.insert(name, unescape(&rest[eq + 2..value_end]));
        rest = &rest[value_end + 1..];
    }
    attrs
}

/// Reads the text box of document `n` out of a serialized DOM: walks its
/// `<span>` elements, gathering each keyed annotation's text.
fn text_box(dom: &str, n: usize) -> TextBox {
    let section = dom
        .find(&format!("id=\"doc-{n}\""))
        .unwrap_or_else(|| panic!("no section doc-{n}"));
    let open = section
        + dom[section..]
            .find("<div class=\"text\">")
            .expect("a text box");
    let body = &dom[open + "<div class=\"text\">".len()..];
    let mut found = TextBox::default();
    // Open elements: their data-key and data-sent.
    let mut stack: Vec<(Option<String>, Option<String>)> = Vec::new();
    let mut rest = body;
    loop {
        let lt = rest.find('<').expect("the text box is closed");
        let piece = unescape(&rest[..lt]);
        found.text.push_str(&piece);
        for (key, sentence) in &stack {
            if let Some(key) = key {
                found.keyed.get_mut(key).unwrap().text.push_str(&piece);
            }
            if let Some(sentence) = sentence {
                found.sentences.get_mut(sentence).unwrap().push_str(&piece);
            }
        }
        let gt = lt + rest[lt..].find('>').expect("tag closed");
        let tag = &rest[lt..=gt];
        rest = &rest[gt + 1..];
        if tag == "</div>" {
            assert!(
                stack.is_empty(),
                "the text box closes with every span closed"
            );
            return found;
        }
        if tag == "</span>" {
            stack.pop().expect("balanced spans");
            continue;
        }
        assert!(
            tag.starts_with("<span "),
            "only spans in the text box, found {tag}"
        );
        let mut attrs = attributes(tag);
        let key = attrs.remove("data-key");
        let sentence = attrs.get("data-sent").cloned();
        if let Some(key) = &key {
            let entry = found.keyed.entry(key.clone()).or_default();
            if entry.pieces == 0 {
                entry.class = attrs.remove("class").unwrap_or_default();
                entry.attrs = attrs;
            }
            entry.pieces += 1;
        }
        if let Some(sentence) = &sentence {
            found.sentences.entry(sentence.clone()).or_default();
        }
        stack.push((key, sentence));
    }
}

/// The annotations of one kind (`e`, `q`, `s`, `c`, `n`).
fn of_kind(found: &TextBox, prefix: char) -> Vec<(&String, &Found)> {
    found
        .keyed
        .iter()
        .filter(|(k, _)| k.starts_with(prefix) && k[1..].bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

fn links(found: &Found) -> Vec<&str> {
    found
        .attrs
        .get("data-link")
        .map_or(Vec::new(), |l| l.split(' ').collect())
}

fn kind_name(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Anonymous => "anonymous",
        SpeakerKind::Organization => "organization",
    }
}

/// Checks that the text box of document `n` in `dom` draws `record` of
/// `text` completely: one mark per entity, quote and quantity with the
/// right text, every sentence, and every quote linked to its speaker.
fn check_marks(dom: &str, n: usize, text: &str, record: &Record) {
    let found = text_box(dom, n);
    assert_eq!(found.text, text, "the text box shows the article exactly");
    assert_eq!(
        found.sentences.len(),
        record.sentences.len(),
        "one mark per sentence"
    );
    assert_eq!(
        of_kind(&found, 'e').len(),
        record.entities.len(),
        "one mark per entity"
    );
    assert_eq!(
        of_kind(&found, 'q').len(),
        record.quotes.len(),
        "one mark per quote"
    );
    assert_eq!(
        of_kind(&found, 'n').len(),
        record.quantities.len(),
        "one mark per quantity"
    );
    for (i, e) in record.entities.iter().enumerate() {
        let mark = &found.keyed[&format!("e{i}")];
        assert_eq!(mark.text, e.text, "entity {i}");
        assert!(
            mark.class.contains(&format!("ent-{}", e.label)),
            "entity {i} label: {}",
            mark.class
        );
    }
    for (i, q) in record.quantities.iter().enumerate() {
        let mark = &found.keyed[&format!("n{i}")];
        assert_eq!(mark.text, q.text, "quantity {i}");
        assert!(
            mark.attrs.get("title").is_some_and(|t| !t.is_empty()),
            "quantity {i} has a hover text"
        );
        if let Some(unit) = &q.unit {
            assert!(
                mark.attrs["title"].contains(unit.as_str()),
                "quantity {i} names its unit"
            );
        }
    }
    let mut linked_quotes = 0;
    for (i, quote) in record.quotes.iter().enumerate() {
        let key = format!("q{i}");
        let mark = &found.keyed[&key];
        assert_eq!(mark.text, quote.text, "quote {i}");
        let Some(speaker) = &quote.speaker else {
            assert!(
                mark.class.contains("by-none"),
                "quote {i} shows it has no speaker"
            );
            continue;
        };
        linked_quotes += 1;
        let kind = kind_name(speaker.kind);
        assert!(
            mark.class.contains(&format!("by-{kind}")),
            "quote {i} coloured by kind: {}",
            mark.class
        );
        let speaker_key = links(mark)
            .into_iter()
            .find(|k| k.starts_with('s'))
            .unwrap_or_else(|| panic!("quote {i} links no speaker"));
        let speaker_mark = found
            .keyed
            .get(speaker_key)
            .unwrap_or_else(|| panic!("quote {i} links {speaker_key}, which is not in the page"));
        assert_eq!(speaker_mark.text, speaker.text, "speaker of quote {i}");
        assert!(
            speaker_mark.class.contains(&format!("spk-{kind}")),
            "speaker kind of quote {i}"
        );
        assert!(
            links(speaker_mark).contains(&key.as_str()),
            "speaker of quote {i} links back"
        );
        if let Some(resolved) = speaker.resolved.as_deref().filter(|r| *r != speaker.text) {
            assert!(
                speaker_mark.attrs["data-badge"].contains(resolved),
                "resolved name of quote {i} shown"
            );
        }
        if let Some(cue) = &quote.cue {
            let cue_key = links(mark)
                .into_iter()
                .find(|k| k.starts_with('c'))
                .expect("cue linked");
            assert_eq!(found.keyed[cue_key].text, cue.text, "cue of quote {i}");
        }
    }
    let speaker_links = of_kind(&found, 'q')
        .iter()
        .filter(|(_, f)| links(f).iter().any(|k| k.starts_with('s')))
        .count();
    assert_eq!(
        speaker_links, linked_quotes,
        "every attributed quote, and only those, links a speaker"
    );
}

/// The seed article and its record, or `None` when the shared data is absent.
fn seed(skipping: &str) -> Option<(String, Record)> {
    let path = newsie_eval::shared_file("seed/aws-layoffs.txt", skipping)?;
    let text = std::fs::read_to_string(path).unwrap();
    let pipeline = Pipeline::builder().build().unwrap();
    let record = pipeline
        .process(&Document::new("aws-layoffs.txt", text.clone()))
        .unwrap();
    Some((text, record))
}

#[test]
fn seed_page_draws_every_annotation() {
    let Some((text, record)) = seed("seed page markup") else {
        return;
    };
    let mut page = Page::new();
    page.add_document("aws-layoffs.txt", text.clone(), &record)
        .unwrap();
    // The page as written already satisfies the DOM checks.
    check_marks(&page.to_html(), 0, &text, &record);
}

#[test]
fn seed_page_in_chromium() {
    let Some(browser) = chromium("seed page in Chromium") else {
        return;
    };
    let Some((text, record)) = seed("seed page in Chromium") else {
        return;
    };
    assert!(
        !record.quotes.is_empty() && !record.entities.is_empty() && !record.quantities.is_empty()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.html");
    let mut page = Page::new();
    page.add_document("aws-layoffs.txt", text.clone(), &record)
        .unwrap();
    std::fs::write(&path, page.to_html()).unwrap();

    let dom = dump_dom(&browser, &path, "");
    assert!(
        dom.contains("data-newsie-ready=\"1\""),
        "the page's script ran to its end"
    );
    check_marks(&dom, 0, &text, &record);

    // A link to a quote pins it together with its speaker: the script's
    // linking, run by the browser.
    let (q, quote) = record
        .quotes
        .iter()
        .enumerate()
        .find(|(_, q)| q.speaker.is_some())
        .expect("the seed has an attributed quote");
    let dom = dump_dom(&browser, &path, &format!("#doc-0-q{q}"));
    let found = text_box(&dom, 0);
    let quote_mark = &found.keyed[&format!("q{q}")];
    assert!(
        quote_mark.class.split(' ').any(|c| c == "pin"),
        "quote {q} pinned: {}",
        quote_mark.class
    );
    let speaker_key = links(quote_mark)
        .into_iter()
        .find(|k| k.starts_with('s'))
        .unwrap();
    let speaker_mark = &found.keyed[speaker_key];
    assert!(
        speaker_mark.class.split(' ').any(|c| c == "pin"),
        "its speaker pinned: {}",
        speaker_mark.class
    );
    assert_eq!(speaker_mark.text, quote.speaker.as_ref().unwrap().text);
    let pinned = found
        .keyed
        .values()
        .filter(|f| f.class.split(' ').any(|c| c == "pin"))
        .count();
    // The quote and what it links (its own key is in its links).
    assert_eq!(
        pinned,
        links(quote_mark).len(),
        "only the quote, its speaker and its cue are pinned"
    );
}

/// Each payload, if it ever ran, marks the body with `data-pwned`.
const CANARY: &str = "document.body.setAttribute('data-pwned','1')";

fn payloads() -> Vec<String> {
    vec![
        format!("<script>{CANARY}</script>"),
        format!("\"><img src=x onerror=\"{CANARY}\">"),
        format!("'><img src=x onerror={CANARY}>"),
        format!("</style><script>{CANARY}</script>"),
        format!("</title><svg onload=\"{CANARY}\"></svg>"),
        "<script>alert(1)</script>".to_owned(),
        "\"><img src=x onerror=alert(1)>".to_owned(),
    ]
}

/// A page of hostile documents: one through the pipeline, one with a
/// hand-made record putting payloads in every field drawn (id, entity,
/// quote, speaker and resolved name, unit), and an error entry.
///
/// Payloads calling `alert` are left out of pages opened in the browser:
/// if one ever ran, its dialog would hang headless Chromium instead of
/// failing fast; the canary payloads cover the same injection points.
fn hostile_page(with_alerts: bool) -> (String, Vec<(String, Record)>) {
    let payloads: Vec<String> = payloads()
        .into_iter()
        .filter(|p| with_alerts || p.contains(CANARY))
        .collect();
    let mut docs = Vec::new();
    let pipeline = Pipeline::builder().build().unwrap();
    let article = format!(
        "Acme Corp. said on Monday that revenue rose 12% to $4.5 billion. {} \
         “We will not stop,” chief executive Jane Doe said. {}",
        payloads[..3].join(" "),
        payloads[3..].join(" ")
    );
    let record = pipeline
        .process(&Document::new("hostile.txt", article.clone()))
        .unwrap();
    docs.push((article, record));

    let payload = payloads.join(" ");
    let text = format!("“{payload},” {payload} said, adding {payload} 3 {payload}.");
    let find_nth = |s: &str, nth: usize| {
        let at = text.match_indices(s).nth(nth).unwrap().0;
        Span::new(at, at + s.len())
    };
    let mut record = Record::new(payload.clone());
    let quoted = find_nth(&payload, 0);
    let speaker = find_nth(&payload, 1);
    record
        .entities
        .push(Entity::new(&text, speaker, EntityLabel::Per, 0.9));
    let mut quote = Quote::new(&text, quoted, QuoteKind::Direct);
    quote.speaker = Some(Speaker::new(
        &text,
        speaker,
        SpeakerKind::Person,
        Some(payload.clone()),
    ));
    record.quotes.push(quote);
    let mut indirect = Quote::new(&text, find_nth(&payload, 2), QuoteKind::Indirect);
    indirect.speaker = Some(Speaker::new(
        &text,
        speaker,
        SpeakerKind::Person,
        Some(payload.clone()),
    ));
    record.quotes.push(indirect);
    let figure_at = text.find(" 3 ").unwrap() + 1;
    let mut figure = Quantity::new(
        &text,
        Span::new(figure_at, figure_at + 1),
        QuantityKind::Money,
    );
    figure.value = Some(3.0);
    figure.unit = Some(payload.clone());
    record.quantities.push(figure);
    record.validate(&text).unwrap();
    docs.push((text, record));

    let mut page = Page::new().title(payload.clone());
    for (text, record) in &docs {
        page.add_document(record.id.clone(), text.clone(), record)
            .unwrap();
    }
    page.add_error(payload.clone(), payload.clone(), payload);
    (page.to_html(), docs)
}

#[test]
fn hostile_text_is_escaped_in_the_html() {
    let (html, docs) = hostile_page(true);
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert_eq!(
        html.matches("<style").count(),
        1,
        "only the page's own style sheet"
    );
    assert_eq!(html.matches("</style>").count(), 1);
    for raw in ["<img", "<svg", "<script>alert", "</title><"] {
        assert!(!html.contains(raw), "raw {raw:?} in the page");
    }
    for (n, (text, record)) in docs.iter().enumerate() {
        check_marks(&html, n, text, record);
    }
}

#[test]
fn hostile_text_runs_no_script_in_chromium() {
    let Some(browser) = chromium("hostile page in Chromium") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();

    // The canary works: the same payloads, written raw, do fire. (Those
    // calling `alert` are left out: a dialog would hang the browser.)
    let control = dir.path().join("control.html");
    let canaries: Vec<String> = payloads()
        .into_iter()
        .filter(|p| p.contains(CANARY))
        .collect();
    std::fs::write(
        &control,
        format!(
            "<!DOCTYPE html><html><body><p>{}</p></body></html>",
            canaries.join(" ")
        ),
    )
    .unwrap();
    let dom = dump_dom(&browser, &control, "");
    let body_at = dom.find("<body").unwrap();
    let body_tag = &dom[body_at..body_at + dom[body_at..].find('>').unwrap()];
    assert!(
        body_tag.contains("data-pwned=\"1\""),
        "the canary must fire on a raw page: {body_tag}"
    );

    let (html, docs) = hostile_page(false);
    let path = dir.path().join("hostile.html");
    std::fs::write(&path, html).unwrap();
    let dom = dump_dom(&browser, &path, "");
    assert!(
        dom.contains("data-newsie-ready=\"1\""),
        "the page's own script ran"
    );
    // The payloads' text mentions `data-pwned`; the attribute must not be set.
    let body_at = dom.find("<body").unwrap();
    let body_tag = &dom[body_at..body_at + dom[body_at..].find('>').unwrap()];
    assert!(
        !body_tag.contains("data-pwned"),
        "an injected script ran: {body_tag}"
    );
    assert!(!dom.contains("data-pwned=\"1\""), "an injected script ran");
    for (n, (text, record)) in docs.iter().enumerate() {
        // The payloads are in the DOM as text, exactly as written.
        check_marks(&dom, n, text, record);
    }
}
