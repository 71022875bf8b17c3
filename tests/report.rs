//! `newsie-report` on real records: the fixtures and the seed article run
//! through the pipeline, the report's counts checked against counts made
//! here from the records by hand (never against fixed numbers); and the
//! HTML page opened in headless Chromium, where every speaker row must
//! link to its quotes and back, and text from the articles must stay text
//! (an XSS canary).
//!
//! Without `../shared` the seed is left out with a SKIPPED message (a
//! failure under `NEWSIE_REQUIRE_SHARED`); without Chromium the browser
//! test prints SKIPPED, unless `NEWSIE_REQUIRE_BROWSER=1`.

use newsie_core::{
    Document, EntityLabel, QuantityKind, Quote, QuoteKind, Record, Span, Speaker, SpeakerKind,
};
use newsie_pipeline::Pipeline;
use newsie_report::{Kind, Report, Tables};

#[path = "browser.rs"]
mod browser;
use browser::{chromium, dump_dom};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// A document's record, its text and its group (`fixtures` or `seed`).
struct Annotated {
    text: String,
    record: Record,
    group: &'static str,
}

/// The fixtures, and the seed when `../shared` has it, through the pipeline.
fn corpus(skipping: &str) -> Vec<Annotated> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut paths: Vec<(PathBuf, &'static str)> = std::fs::read_dir(&fixtures)
        .expect("fixtures/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p, "fixtures"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "fixtures/ holds the articles");
    if let Some(seed) = newsie_eval::shared_file("seed/aws-layoffs.txt", skipping) {
        paths.push((seed, "seed"));
    }
    let pipeline = Pipeline::builder().build().unwrap();
    paths
        .into_iter()
        .map(|(path, group)| {
            let text = std::fs::read_to_string(&path).unwrap();
            let id = path.file_name().unwrap().to_string_lossy().into_owned();
            let record = pipeline.process(&Document::new(id, text.clone())).unwrap();
            Annotated {
                text,
                record,
                group,
            }
        })
        .collect()
}

fn report_of(docs: &[Annotated], top: usize) -> Tables {
    let mut report = Report::builder()
        .top(top)
        .figures_per_organization(100_000)
        .examples_per_speaker(100_000)
        .build();
    for doc in docs {
        report.add_with_text(&doc.record, Some(&doc.text), Some(doc.group));
    }
    report.finish()
}

fn kind_of(kind: SpeakerKind) -> Kind {
    match kind {
        SpeakerKind::Person => Kind::Person,
        SpeakerKind::Anonymous => Kind::Anonymous,
        SpeakerKind::Organization => Kind::Organization,
    }
}

/// Quote counts by speaker kind (`None`: no speaker) over `docs`.
fn sources<'a>(docs: impl Iterator<Item = &'a Annotated>) -> BTreeMap<Option<Kind>, u64> {
    let mut counts = BTreeMap::new();
    for quote in docs.flat_map(|d| &d.record.quotes) {
        let kind = quote.speaker.as_ref().map(|s| kind_of(s.kind));
        *counts.entry(kind).or_default() += 1;
    }
    counts
}

#[test]
fn sourcing_counts_equal_the_records() {
    let docs = corpus("the seed in the report corpus test");
    let tables = report_of(&docs, 0);
    let check = |row: &newsie_report::GroupRow, docs: Vec<&Annotated>| {
        let n = docs.len() as u64;
        let counts = sources(docs.into_iter());
        let get = |k| counts.get(&k).copied().unwrap_or(0);
        assert_eq!(row.documents, n, "{}", row.group);
        assert_eq!(row.person, get(Some(Kind::Person)), "{}", row.group);
        assert_eq!(row.anonymous, get(Some(Kind::Anonymous)), "{}", row.group);
        assert_eq!(
            row.organization,
            get(Some(Kind::Organization)),
            "{}",
            row.group
        );
        assert_eq!(row.unattributed, get(None), "{}", row.group);
        assert_eq!(row.quotes, counts.values().sum::<u64>(), "{}", row.group);
        let shares = row.share_person
            + row.share_anonymous
            + row.share_organization
            + row.share_unattributed;
        assert!(row.quotes == 0 || (shares - 1.0).abs() < 1e-9);
    };
    check(&tables.corpus, docs.iter().collect());
    for row in &tables.groups {
        check(row, docs.iter().filter(|d| d.group == row.group).collect());
    }
    assert!(tables.corpus.quotes > 100, "the fixtures are quoted a lot");
    let attributed: u64 = tables.speakers.iter().map(|s| s.quotes).sum();
    assert_eq!(
        attributed,
        tables.corpus.quotes - tables.corpus.unattributed
    );
    let direct: u64 = tables.speakers.iter().map(|s| s.direct).sum();
    let by_hand = docs
        .iter()
        .flat_map(|d| &d.record.quotes)
        .filter(|q| q.speaker.is_some() && q.kind == QuoteKind::Direct)
        .count() as u64;
    assert_eq!(direct, by_hand);
}

/// The name a quote's speaker is tallied under when it has a resolved
/// name (the case checked exactly).
fn resolved(quote: &Quote) -> Option<(Kind, String)> {
    let speaker = quote.speaker.as_ref()?;
    let name = speaker.resolved.as_deref()?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((kind_of(speaker.kind), name))
}

#[test]
fn each_speaker_identity_counts_its_quotes_and_documents() {
    let docs = corpus("the seed in the report speaker test");
    let tables = report_of(&docs, 0);
    let aliases: HashMap<&str, &str> = tables
        .aliases
        .iter()
        .filter(|a| a.merged)
        .map(|a| (a.alias.as_str(), a.name.as_str()))
        .collect();
    // Names that come from a resolved name, and texts of mentions without
    // one (a form may be tallied from those too: such rows are skipped).
    let mut resolved_names: BTreeSet<(Kind, String)> = BTreeSet::new();
    let mut unresolved_texts: BTreeSet<String> = BTreeSet::new();
    for quote in docs.iter().flat_map(|d| &d.record.quotes) {
        match (resolved(quote), &quote.speaker) {
            (Some(key), _) => {
                resolved_names.insert(key);
            }
            (None, Some(speaker)) => {
                let text = speaker
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                unresolved_texts.insert(text.to_lowercase());
            }
            (None, None) => {}
        }
    }
    let mut checked = 0;
    for row in &tables.speakers {
        let checkable = row.forms.iter().all(|f| {
            resolved_names.contains(&(row.kind, f.name.clone()))
                && !unresolved_texts.contains(&f.name.to_lowercase())
        });
        if !checkable {
            continue;
        }
        checked += 1;
        let names: BTreeSet<&str> = row.forms.iter().map(|f| f.name.as_str()).collect();
        let mut quotes = 0;
        let mut direct = 0;
        let mut in_docs = BTreeSet::new();
        for (index, doc) in docs.iter().enumerate() {
            for quote in &doc.record.quotes {
                match resolved(quote) {
                    Some((kind, name)) if kind == row.kind && names.contains(name.as_str()) => {
                        quotes += 1;
                        direct += u64::from(quote.kind == QuoteKind::Direct);
                        in_docs.insert(index as u64);
                    }
                    _ => {}
                }
            }
        }
        assert_eq!((row.quotes, row.direct), (quotes, direct), "{}", row.name);
        assert_eq!(row.documents, in_docs.len() as u64, "{}", row.name);
        assert_eq!(row.first.index, *in_docs.first().unwrap(), "{}", row.name);
        assert_eq!(row.last.index, *in_docs.last().unwrap(), "{}", row.name);
        assert_eq!(row.first.document, docs[row.first.index as usize].record.id);
        assert_eq!(row.examples.len() as u64, row.quotes, "every quote kept");
        if row.kind != Kind::Person {
            for form in &row.forms {
                let canonical = aliases
                    .get(form.name.as_str())
                    .copied()
                    .unwrap_or(&form.name);
                assert_eq!(
                    canonical, row.name,
                    "an organization's forms are its aliases"
                );
            }
        }
    }
    assert!(
        checked * 4 >= tables.speakers.len() * 3,
        "most identities have resolved names: {checked} of {}",
        tables.speakers.len()
    );
    let ids: BTreeSet<&str> = tables.speakers.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), tables.speakers.len(), "ids are unique");
    assert!(tables
        .speakers
        .windows(2)
        .all(|w| w[0].quotes >= w[1].quotes));
}

#[test]
fn the_seed_defines_aws_and_its_spokesperson_joins_amazon_web_services() {
    let skipping = "the seed's alias in the report test";
    if newsie_eval::shared_file("seed/aws-layoffs.txt", skipping).is_none() {
        return;
    }
    let docs = corpus(skipping);
    let tables = report_of(&docs, 0);
    assert!(
        tables
            .aliases
            .iter()
            .any(|a| a.alias == "AWS" && a.name == "Amazon Web Services" && a.merged),
        "{:?}",
        tables.aliases
    );
    let seed = &docs.last().unwrap().record;
    let aws_quotes = seed
        .quotes
        .iter()
        .filter(|q| resolved(q) == Some((Kind::Anonymous, "AWS".into())))
        .count() as u64;
    if aws_quotes > 0 {
        let row = tables.speaker_named(Kind::Anonymous, "AWS").unwrap();
        assert_eq!(row.name, "Amazon Web Services");
        assert!(row.quotes >= aws_quotes);
    }
}

#[test]
fn entity_and_figure_counts_equal_the_records() {
    let docs = corpus("the seed in the report entity test");
    let tables = report_of(&docs, 0);
    let mut mentions: HashMap<(EntityLabel, &str), (u64, BTreeSet<usize>)> = HashMap::new();
    for (index, doc) in docs.iter().enumerate() {
        for e in &doc.record.entities {
            let entry = mentions.entry((e.label, e.text.as_str())).or_default();
            entry.0 += 1;
            entry.1.insert(index);
        }
    }
    assert_eq!(tables.entities.len(), mentions.len(), "--top 0 lists all");
    for row in &tables.entities {
        let (count, in_docs) = &mentions[&(row.label, row.text.as_str())];
        assert_eq!(
            (row.mentions, row.documents),
            (*count, in_docs.len() as u64),
            "{}",
            row.text
        );
    }
    // Figures: each money or percentage quantity with each distinct
    // organization named in its sentence.
    let mut found = 0;
    for doc in &docs {
        let r = &doc.record;
        for s in &r.sentences {
            let inside = |start: usize, end: usize| start >= s.start && end <= s.end;
            let orgs: BTreeSet<&str> = r
                .entities
                .iter()
                .filter(|e| e.label == EntityLabel::Org && inside(e.start, e.end))
                .map(|e| e.text.as_str())
                .collect();
            let figures = r
                .quantities
                .iter()
                .filter(|q| inside(q.start, q.end))
                .filter(|q| matches!(q.kind, QuantityKind::Money | QuantityKind::Percent))
                .count();
            found += (orgs.len() * figures) as u64;
        }
    }
    assert_eq!(tables.summary.figures_found, found);
    assert!(tables.summary.figures_listed <= found && found > 0);
}

#[test]
fn ranked_lists_keep_the_top_n() {
    let docs = corpus("the seed in the report top-n test");
    let tables = report_of(&docs, 3);
    for label in EntityLabel::ALL {
        let rows: Vec<_> = tables
            .entities
            .iter()
            .filter(|e| e.label == label)
            .collect();
        assert!(rows.len() <= 3);
        assert!(rows.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    }
    assert!(tables.corpus.top_people.len() <= 3);
    let best_person = tables
        .speakers
        .iter()
        .find(|s| s.kind == Kind::Person)
        .unwrap();
    assert_eq!(tables.corpus.top_people[0].quotes, best_person.quotes);
}

// ---- The page in a browser ----

/// A document whose quote and speaker carry an XSS canary.
fn hostile() -> Annotated {
    let words = "<script>document.title='pwned'</script><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
    let name = "Eve <b>Bold</b> Smith";
    let text = format!("“{words}” {name} said.");
    let mut record = Record::new("evil<script>.txt");
    let q = "“".len();
    let mut quote = Quote::new(&text, Span::new(q, q + words.len()), QuoteKind::Direct);
    let at = text.find(name).unwrap();
    let span = Span::new(at, at + name.len());
    quote.speaker = Some(Speaker::new(
        &text,
        span,
        SpeakerKind::Person,
        Some(name.into()),
    ));
    record.quotes.push(quote);
    Annotated {
        text,
        record,
        group: "evil<img src=x onerror=alert(1)>",
    }
}

/// The part of `dom` from the element with `id` to the end of its section
/// or row.
fn element<'a>(dom: &'a str, id: &str, closing: &str) -> &'a str {
    let start = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element {id} in the page"));
    let end = start + dom[start..].find(closing).expect("the element is closed");
    &dom[start..end]
}

#[test]
fn in_a_browser_every_speaker_links_to_its_quotes_and_back_and_text_stays_text() {
    let skipping = "the report page in Chromium";
    let Some(browser) = chromium(skipping) else {
        return;
    };
    let mut docs = corpus(skipping);
    docs.push(hostile());
    let mut report = Report::builder().examples_per_speaker(3).build();
    for doc in &docs {
        report.add_with_text(&doc.record, Some(&doc.text), Some(doc.group));
    }
    let tables = report.finish();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, tables.to_html()).unwrap();
    let dom = dump_dom(&browser, &page, "");

    // The canary never ran, and it is shown as text.
    let body = &dom[dom.find("<body").unwrap()..];
    let body_tag = &body[..body.find('>').unwrap()];
    assert!(
        !body_tag.contains("data-pwned"),
        "an injected handler ran: {body_tag}"
    );
    assert!(!dom.contains("data-pwned=\"1\""), "an injected handler ran");
    assert!(
        dom.contains("<title>newsie report</title>"),
        "an injected script ran"
    );
    assert!(
        dom.contains("&lt;script&gt;document.title="),
        "the quote is shown as text"
    );
    assert!(!dom.contains("<img src=\"x\""), "no injected element");
    assert!(!dom.contains("<b>Bold</b>"), "no injected markup in names");
    assert!(dom.contains("Eve &lt;b&gt;Bold&lt;/b&gt; Smith"));

    for s in &tables.speakers {
        let row = element(&dom, &format!("sp-{}", s.id), "</tr>");
        assert!(row.starts_with(&format!("id=\"sp-{}\"", s.id)));
        assert!(
            row.contains(&format!("href=\"#quotes-{}\"", s.id)),
            "row {} links to its quotes",
            s.id
        );
        let section = element(&dom, &format!("quotes-{}", s.id), "</section>");
        let back = format!("href=\"#sp-{}\"", s.id);
        assert_eq!(
            section.matches("<li ").count(),
            s.examples.len(),
            "{}: one item per kept quote",
            s.id
        );
        assert_eq!(
            section.matches(back.as_str()).count(),
            s.examples.len() + 1,
            "{}: the heading and each quote link back to the row",
            s.id
        );
        assert!(s.examples.len() as u64 == s.quotes.min(3));
    }
    let rows = dom.matches("class=\"speaker\"").count();
    assert_eq!(rows, tables.speakers.len(), "one row per speaker");
}
