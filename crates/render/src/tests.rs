use super::*;
use newsie_core::{Cue, Entity, Quote, Span, Speaker};
use proptest::prelude::*;

const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Page>();
    send_sync::<Error>();
};

/// The inner HTML of the first `<div class="text">`.
fn text_div(html: &str) -> &str {
    let start =
        html.find("<div class=\"text\">").expect("a text div") + "<div class=\"text\">".len();
    let end = start + html[start..].find("</div>").expect("closed");
    &html[start..end]
}

/// Undoes this crate's escaping.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Checks the `<span>` elements of `markup` are balanced and returns the
/// text between the tags, unescaped.
fn balanced_text(markup: &str) -> String {
    let mut depth = 0usize;
    let mut text = String::new();
    let mut rest = markup;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let gt = lt + rest[lt..].find('>').expect("tag closed");
        let tag = &rest[lt..=gt];
        if tag == "</span>" {
            depth = depth.checked_sub(1).expect("no close without an open");
        } else {
            assert!(tag.starts_with("<span class=\""), "only spans: {tag}");
            depth += 1;
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(rest);
    assert_eq!(depth, 0, "every span closed");
    unescape(&text)
}

/// A small record with every kind of annotation, overlapping.
fn sample() -> (String, Record) {
    let text = "“We <b>hire</b> 5% more,” Andy Jassy said. Amazon said revenue grew.".to_owned();
    let t = text.as_str();
    let find = |s: &str| {
        let at = t.find(s).unwrap();
        Span::new(at, at + s.len())
    };
    let mut record = Record::new("x");
    let first = find("“We <b>hire</b> 5% more,” Andy Jassy said.");
    record.sentences.push(Sentence::new(t, first));
    record
        .sentences
        .push(Sentence::new(t, Span::new(first.end + 1, t.len())));
    record
        .entities
        .push(Entity::new(t, find("Andy Jassy"), EntityLabel::Per, 0.9));
    record
        .entities
        .push(Entity::new(t, find("Amazon"), EntityLabel::Org, 0.8));
    let mut quote = Quote::new(t, find("We <b>hire</b> 5% more,"), QuoteKind::Direct);
    quote.speaker = Some(Speaker::new(
        t,
        find("Andy Jassy"),
        SpeakerKind::Person,
        Some("Andy Jassy".into()),
    ));
    quote.cue = Some(Cue::new(t, find("said."), "say"));
    record.quotes.push(quote);
    let mut indirect = Quote::new(t, find("revenue grew"), QuoteKind::Indirect);
    indirect.speaker = Some(Speaker::new(
        t,
        find("Amazon"),
        SpeakerKind::Organization,
        None,
    ));
    record.quotes.push(indirect);
    let mut pct = Quantity::new(t, find("5%"), QuantityKind::Percent);
    pct.value = Some(5.0);
    pct.unit = Some("percent".into());
    record.quantities.push(pct);
    record.validate(t).unwrap();
    (text, record)
}

use newsie_core::Sentence;

#[test]
fn text_survives_markup_exactly() {
    let (text, record) = sample();
    let mut page = Page::new();
    page.add_document("x", text.clone(), &record).unwrap();
    let html = page.to_html();
    assert_eq!(balanced_text(text_div(&html)), text);
    // Escaped article markup, never raw.
    assert!(html.contains("&lt;b&gt;hire&lt;/b&gt;"));
    assert!(!html.contains("<b>hire"));
}

#[test]
fn quotes_and_speakers_link_both_ways() {
    let (text, record) = sample();
    let mut page = Page::new();
    page.add_document("x", text, &record).unwrap();
    let html = page.to_html();
    assert!(
        html.contains(r#"data-key="q0" data-link="q0 s0 c0""#),
        "{html}"
    );
    assert!(html.contains(r#"data-key="s0" data-link="s0 q0 c0" data-badge="person""#));
    assert!(html.contains(r#"data-key="q1" data-link="q1 s1""#));
    assert!(html.contains(r#"class="spk spk-organization"#));
    assert!(html.contains(r#"class="quote quote-indirect by-organization"#));
    // The summary: one person, one organization, by name.
    assert!(html.contains("<td>Andy Jassy</td>"));
    assert!(html.contains("<td>Amazon</td>"));
    assert!(html.contains("percent: 5 percent"));
}

#[test]
fn a_speaker_shared_by_quotes_is_drawn_once() {
    let text = "“A,” she said, “B.”";
    let mut record = Record::new("x");
    let at = |s: &str| Span::new(text.find(s).unwrap(), text.find(s).unwrap() + s.len());
    let speaker = Speaker::new(text, at("she"), SpeakerKind::Person, Some("Ann Lee".into()));
    for span in [at("A,"), at("B.")] {
        let mut quote = Quote::new(text, span, QuoteKind::Direct);
        quote.speaker = Some(speaker.clone());
        record.quotes.push(quote);
    }
    record.validate(text).unwrap();
    let mut page = Page::new();
    page.add_document("x", text, &record).unwrap();
    let html = page.to_html();
    assert_eq!(html.matches(r#"data-key="s0""#).count(), 1);
    assert!(!html.contains(r#"data-key="s1""#));
    assert!(html.contains(r#"data-key="s0" data-link="s0 q0 q1" data-badge="person · Ann Lee""#));
    assert!(html.contains("<td>Ann Lee</td><td><span class=\"chip k-person\">person</span></td><td class=\"num\">2</td>"));
}

#[test]
fn every_text_from_outside_is_escaped() {
    let payload = r#"<script>alert(1)</script>"><img src=x onerror=alert(1)></style>'"#;
    let text = format!("Hello {payload} world.");
    let mut record = Record::new(payload);
    let span = Span::new(6, 6 + payload.len());
    record
        .entities
        .push(Entity::new(&text, span, EntityLabel::Misc, 0.5));
    let mut quote = Quote::new(&text, span, QuoteKind::Indirect);
    quote.speaker = Some(Speaker::new(
        &text,
        span,
        SpeakerKind::Anonymous,
        Some(payload.into()),
    ));
    quote.cue = Some(Cue::new(&text, span, payload));
    record.quotes.push(quote);
    let mut money = Quantity::new(&text, span, QuantityKind::Money);
    money.value = Some(1.0);
    money.unit = Some(payload.into());
    record.quantities.push(money);
    let mut page = Page::new().title(payload);
    page.add_document(payload, text.clone(), &record).unwrap();
    page.add_error(payload, payload, payload);
    let html = page.to_html();
    for raw in ["<script>alert", "<img", "onerror=alert(1)>", "</style>'"] {
        assert!(!html.contains(raw), "raw {raw:?} in the page");
    }
    // Only this crate's own style and script elements.
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("</script>").count(), 1);
    assert_eq!(html.matches("<style").count(), 1);
    assert_eq!(html.matches("</style>").count(), 1);
    assert_eq!(balanced_text(text_div(&html)), text);
}

#[test]
fn records_that_do_not_fit_are_refused() {
    let mut record = Record::new("x");
    record.entities.push(Entity {
        start: 0,
        end: 40,
        text: "too long".into(),
        label: EntityLabel::Org,
        score: 1.0,
    });
    let mut page = Page::new();
    let err = page.add_document("x", "short", &record).unwrap_err();
    assert!(matches!(err, Error::RecordMismatch { .. }));
    assert!(err.to_string().contains("does not fit"));
    assert!(page.is_empty());
}

#[test]
fn several_documents_get_a_list() {
    let (text, record) = sample();
    let mut page = Page::new();
    page.add_document("a.txt", text.clone(), &record).unwrap();
    page.add_error_record(&ErrorRecord::new("b.txt", "invalid_utf8", "bad byte"));
    assert_eq!((page.len(), page.error_count()), (2, 1));
    let html = page.to_html();
    assert!(html.contains("<nav class=\"docs\"><b>2 documents</b> (1 failed)"));
    assert!(html.contains("<section class=\"doc error\" id=\"doc-1\">"));
    let mut single = Page::new();
    single.add_document("a.txt", text, &record).unwrap();
    assert!(!single.to_html().contains("<nav"));
    assert!(Page::new().to_html().contains("No documents."));
}

/// Text with multi-byte characters and markup-like characters.
fn arbitrary_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a"),
            Just(" "),
            Just("é"),
            Just("“"),
            Just("<"),
            Just("&"),
            Just("\""),
            Just("\n"),
            Just("😀"),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// A span of `text` from two raw numbers, snapped onto char boundaries.
fn span_in(text: &str, a: usize, b: usize) -> Span {
    let snap = |x: usize| {
        let mut x = x % (text.len() + 1);
        while !text.is_char_boundary(x) {
            x -= 1;
        }
        x
    };
    let (a, b) = (snap(a), snap(b));
    Span::new(a.min(b), a.max(b))
}

proptest! {
    #[test]
    fn any_valid_record_renders_well_nested(
        text in arbitrary_text(),
        raw in proptest::collection::vec((0usize..200, 0usize..200, 0usize..5, 0usize..200, 0usize..200), 0..12),
    ) {
        let mut record = Record::new("p");
        for (a, b, kind, c, d) in raw {
            let span = span_in(&text, a, b);
            match kind {
                0 => record.sentences.push(Sentence::new(&text, span)),
                1 => record.entities.push(Entity::new(&text, span, EntityLabel::Loc, 0.5)),
                2 => {
                    let mut quote = Quote::new(&text, span, QuoteKind::Direct);
                    let other = span_in(&text, c, d);
                    quote.speaker = Some(Speaker::new(&text, other, SpeakerKind::Anonymous, None));
                    quote.cue = Some(Cue::new(&text, span_in(&text, d, c / 2), "say"));
                    record.quotes.push(quote);
                }
                3 => {
                    let mut q = Quantity::new(&text, span, QuantityKind::Range);
                    q.low = Some(c as f64);
                    q.high = Some(d as f64 * 1e7);
                    record.quantities.push(q);
                }
                _ => {
                    let mut quote = Quote::new(&text, span, QuoteKind::Indirect);
                    quote.speaker = Some(Speaker::new(&text, span_in(&text, c, d), SpeakerKind::Person, Some("<x>".into())));
                    record.quotes.push(quote);
                }
            }
        }
        record.sort();
        let mut page = Page::new();
        page.add_document("p", text.clone(), &record).unwrap();
        let html = page.to_html();
        prop_assert_eq!(balanced_text(text_div(&html)), text);
        for (i, _) in record.quotes.iter().enumerate() {
            let key = format!("data-key=\"q{i}\"");
            prop_assert!(html.contains(&key));
        }
    }

    #[test]
    fn broken_records_are_refused_without_panic(
        text in arbitrary_text(),
        start in 0usize..100,
        len in 0usize..100,
    ) {
        let mut record = Record::new("p");
        record.entities.push(Entity {
            start,
            end: start + len,
            text: "?".into(),
            label: EntityLabel::Org,
            score: 0.1,
        });
        let mut page = Page::new();
        // Either refused, or (when the slice really is "?") drawn.
        if page.add_document("p", text.clone(), &record).is_ok() {
            prop_assert_eq!(balanced_text(text_div(&page.to_html())), text);
        }
    }
}
