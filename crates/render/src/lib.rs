//! Draws what newsie found in articles as one self-contained HTML page,
//! like displaCy but for all four tasks: sentences, named entities, quotes
//! tied to their speakers, and normalized numbers.
//!
//! The page has inline CSS and a little vanilla JavaScript, no external
//! assets, and works when opened from `file://`. In the text, entities are
//! highlighted by label; each quote is underlined in the colour of its
//! speaker's kind (named person, anonymous spokesperson, organization) and
//! hovering or clicking a quote highlights its speaker mention and speech
//! verb, and the other way round; quantities show their normalized value
//! on hover; sentence starts are marked with a thin rule. Beside the text,
//! a summary lists who was quoted how often and the figures found.
//!
//! Every piece of text that comes from a document or a record (article
//! text, ids, resolved names, units, error messages) is HTML-escaped, so
//! an article containing `<script>` renders as text.
//!
//! ```
//! use newsie_core::{Entity, EntityLabel, Quote, QuoteKind, Record, Span, Speaker, SpeakerKind};
//! use newsie_render::Page;
//!
//! let text = "“We are hiring,” Andy Jassy said.";
//! let mut record = Record::new("a.txt");
//! record.entities.push(Entity::new(text, Span::new(20, 30), EntityLabel::Per, 0.99));
//! let mut quote = Quote::new(text, Span::new(3, 16), QuoteKind::Direct);
//! quote.speaker = Some(Speaker::new(text, Span::new(20, 30), SpeakerKind::Person, Some("Andy Jassy".into())));
//! record.quotes.push(quote);
//!
//! let mut page = Page::new().title("Today's news");
//! page.add_document("a.txt", text, &record)?;
//! page.add_error("b.txt", "invalid_utf8", "not valid UTF-8 (first bad byte at offset 3)");
//! let html = page.to_html();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"data-key="q0""#));
//! assert!(html.contains("not valid UTF-8"));
//! # Ok::<(), newsie_render::Error>(())
//! ```

mod assets;
mod escape;
mod markup;

/// HTML escaping of text and attribute values (`& < > " '`), shared with
/// other pages built from article text (`newsie report`).
pub use escape::{escaped, push_escaped};

use escape::{compact_number, format_number};
use markup::{push_marked, Mark};
use newsie_core::{
    EntityLabel, ErrorRecord, Quantity, QuantityKind, QuoteKind, Record, SpeakerKind,
    ValidationError,
};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Why a document could not be added to a page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The record's spans do not fit the text (out of bounds, off a
    /// character boundary, or a `text` field differing from its slice):
    /// drawing it would put marks in the wrong places.
    #[error("the record of {id} does not fit its text: {source}")]
    RecordMismatch {
        /// The document's id.
        id: String,
        /// What is wrong with the record.
        #[source]
        source: ValidationError,
    },
}

/// One document to draw.
#[derive(Debug, Clone)]
struct DocumentEntry {
    id: String,
    text: String,
    record: Record,
}

/// One entry of the page: a drawn document, or a document that failed.
#[derive(Debug, Clone)]
enum Entry {
    Document(Box<DocumentEntry>),
    Error {
        id: String,
        kind: String,
        message: String,
    },
}

/// An HTML page of annotated documents: add documents (and documents that
/// failed), then call [`Page::to_html`].
#[derive(Debug, Clone, Default)]
pub struct Page {
    title: Option<String>,
    entries: Vec<Entry>,
}

impl Page {
    /// An empty page titled `newsie`.
    pub fn new() -> Self {
        Page::default()
    }

    /// Sets the page's title (shown in the browser's tab and the header).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Adds a document: its id, its full text and the record newsie made of
    /// it. Fails, adding nothing, when the record's spans do not fit the
    /// text (the caller may then [`add_error`](Page::add_error) instead).
    pub fn add_document(
        &mut self,
        id: impl Into<String>,
        text: impl Into<String>,
        record: &Record,
    ) -> Result<&mut Self, Error> {
        let id = id.into();
        let text = text.into();
        if let Err(source) = record.validate(&text) {
            return Err(Error::RecordMismatch { id, source });
        }
        self.entries.push(Entry::Document(Box::new(DocumentEntry {
            id,
            text,
            record: record.clone(),
        })));
        Ok(self)
    }

    /// Adds a document that could not be processed, listed with its error.
    pub fn add_error(
        &mut self,
        id: impl Into<String>,
        kind: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Self {
        self.entries.push(Entry::Error {
            id: id.into(),
            kind: kind.into(),
            message: message.into(),
        });
        self
    }

    /// Adds an error record of the output contract.
    pub fn add_error_record(&mut self, error: &ErrorRecord) -> &mut Self {
        self.add_error(
            error.id.clone(),
            error.error.kind.clone(),
            error.error.message.clone(),
        )
    }

    /// How many entries (documents and errors) the page lists.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was added yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many of the entries are errors.
    pub fn error_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e, Entry::Error { .. }))
            .count()
    }

    /// The whole page: one self-contained HTML document.
    pub fn to_html(&self) -> String {
        let title = match (&self.title, self.entries.as_slice()) {
            (Some(title), _) => title.clone(),
            (None, [Entry::Document(doc)]) => format!("newsie: {}", doc.id),
            (None, _) => "newsie".to_owned(),
        };
        let text_bytes: usize = self
            .entries
            .iter()
            .map(|e| match e {
                Entry::Document(d) => d.text.len(),
                Entry::Error { message, .. } => message.len(),
            })
            .sum();
        let mut out = String::with_capacity(16_384 + text_bytes * 4);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<meta name=\"generator\" content=\"newsie\">\n<title>");
        push_escaped(&mut out, &title);
        out.push_str("</title>\n<style>");
        out.push_str(assets::STYLE);
        out.push_str("</style>\n</head>\n<body>\n<header class=\"top\"><h1>");
        push_escaped(&mut out, &title);
        out.push_str("</h1>");
        push_legend(&mut out);
        out.push_str("</header>\n");
        if self.entries.len() > 1 {
            self.push_document_list(&mut out);
        }
        out.push_str("<main>\n");
        if self.entries.is_empty() {
            out.push_str("<p class=\"none\">No documents.</p>\n");
        }
        for (n, entry) in self.entries.iter().enumerate() {
            match entry {
                Entry::Document(doc) => push_document(&mut out, n, doc),
                Entry::Error { id, kind, message } => push_error(&mut out, n, id, kind, message),
            }
        }
        out.push_str("</main>\n<script>");
        out.push_str(assets::SCRIPT);
        out.push_str("</script>\n</body>\n</html>\n");
        out
    }

    fn push_document_list(&self, out: &mut String) {
        let _ = write!(
            out,
            "<nav class=\"docs\"><b>{} documents</b>",
            self.entries.len()
        );
        if self.error_count() > 0 {
            let _ = write!(out, " ({} failed)", self.error_count());
        }
        out.push_str("<ol>");
        for (n, entry) in self.entries.iter().enumerate() {
            match entry {
                Entry::Document(doc) => {
                    let _ = write!(out, "<li><a href=\"#doc-{n}\">");
                    push_escaped(out, &doc.id);
                    let r = &doc.record;
                    let _ = write!(
                        out,
                        "</a> <small>{} entities, {} quotes, {} figures</small></li>",
                        r.entities.len(),
                        r.quotes.len(),
                        r.quantities.len()
                    );
                }
                Entry::Error { id, kind, .. } => {
                    let _ = write!(out, "<li class=\"error\"><a href=\"#doc-{n}\">");
                    push_escaped(out, id);
                    out.push_str("</a> <span class=\"err-kind\">");
                    push_escaped(out, kind);
                    out.push_str("</span></li>");
                }
            }
        }
        out.push_str("</ol></nav>\n");
    }
}

/// Speaker kinds in the order they are listed.
const SPEAKER_KINDS: [SpeakerKind; 3] = [
    SpeakerKind::Person,
    SpeakerKind::Anonymous,
    SpeakerKind::Organization,
];

fn speaker_kind_name(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Anonymous => "anonymous",
        SpeakerKind::Organization => "organization",
    }
}

fn quantity_kind_name(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Cardinal => "cardinal",
        QuantityKind::Ordinal => "ordinal",
        QuantityKind::Money => "money",
        QuantityKind::Percent => "percent",
        QuantityKind::Range => "range",
    }
}

fn push_legend(out: &mut String) {
    out.push_str("<div class=\"legend\"><span class=\"group\"><b>Entities</b>");
    for label in EntityLabel::ALL {
        let _ = write!(out, "<span class=\"chip ent-{label}\">{label}</span>");
    }
    out.push_str("</span><span class=\"group\"><b>Speakers</b>");
    for kind in SPEAKER_KINDS {
        let name = speaker_kind_name(kind);
        let _ = write!(out, "<span class=\"chip k-{name}\">{name}</span>");
    }
    out.push_str("<span class=\"chip k-none\">unattributed</span></span>");
    out.push_str(
        "<span class=\"group\"><b>Other</b><span class=\"chip qty\">figure</span>\
         <span class=\"chip sentence\">sentence</span></span>\
         <span class=\"group\">quotes: solid = direct, dashed = indirect; hover or click a quote or speaker</span></div>",
    );
}

/// How a quantity reads once normalized: `≈ 24,200,000,000 USD`.
fn normalized_value(q: &Quantity) -> String {
    let mut value = match (q.value, q.low, q.high) {
        (Some(v), _, _) => format_number(v),
        (None, Some(low), Some(high)) => {
            format!("{} – {}", format_number(low), format_number(high))
        }
        (None, Some(low), None) => format!("≥ {}", format_number(low)),
        (None, None, Some(high)) => format!("≤ {}", format_number(high)),
        (None, None, None) => "—".to_owned(),
    };
    if q.approximate {
        value.insert_str(0, "≈ ");
    }
    value
}

/// The hover text of a quantity: kind, normalized value, unit, and a short
/// form of large amounts.
fn quantity_title(q: &Quantity) -> String {
    let mut title = format!("{}: {}", quantity_kind_name(q.kind), normalized_value(q));
    if let Some(unit) = &q.unit {
        title.push(' ');
        title.push_str(unit);
    }
    if let Some(short) = q.value.and_then(compact_number) {
        let _ = write!(title, " ({short})");
    }
    title
}

/// Speaker mentions (and cues) shared by several quotes are drawn once:
/// the distinct spans, each with the quotes it belongs to.
struct Linked {
    /// Per quote: its speaker's index in `speakers`.
    speaker_of: Vec<Option<usize>>,
    /// Per quote: its cue's index in `cues`.
    cue_of: Vec<Option<usize>>,
    /// Distinct speaker mentions: (first quote naming it, quotes naming it).
    speakers: Vec<(usize, Vec<usize>)>,
    /// Distinct cues: (first quote, quotes).
    cues: Vec<(usize, Vec<usize>)>,
}

fn link(record: &Record) -> Linked {
    let mut linked = Linked {
        speaker_of: Vec::new(),
        cue_of: Vec::new(),
        speakers: Vec::new(),
        cues: Vec::new(),
    };
    let mut speaker_at: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut cue_at: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (q, quote) in record.quotes.iter().enumerate() {
        let speaker = quote.speaker.as_ref().map(|s| {
            let next = linked.speakers.len();
            let index = *speaker_at.entry((s.start, s.end)).or_insert(next);
            if index == next {
                linked.speakers.push((q, Vec::new()));
            }
            linked.speakers[index].1.push(q);
            index
        });
        linked.speaker_of.push(speaker);
        let cue = quote.cue.as_ref().map(|c| {
            let next = linked.cues.len();
            let index = *cue_at.entry((c.start, c.end)).or_insert(next);
            if index == next {
                linked.cues.push((q, Vec::new()));
            }
            linked.cues[index].1.push(q);
            index
        });
        linked.cue_of.push(cue);
    }
    linked
}

/// ` data-link="q1 s0 c0"`: the keys an element lights up.
fn link_attr(keys: impl IntoIterator<Item = String>) -> String {
    let keys: Vec<String> = keys.into_iter().collect();
    format!(" data-link=\"{}\"", keys.join(" "))
}

/// Who a speaker is, for people: the resolved name, else the mention.
fn speaker_name(record: &Record, quote: usize) -> Option<(SpeakerKind, String)> {
    let speaker = record.quotes[quote].speaker.as_ref()?;
    let name = speaker
        .resolved
        .clone()
        .unwrap_or_else(|| speaker.text.clone());
    Some((speaker.kind, name))
}

fn marks_of(record: &Record, linked: &Linked) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (i, s) in record.sentences.iter().enumerate() {
        marks.push(Mark {
            start: s.start,
            end: s.end,
            layer: 0,
            class: "sent".to_owned(),
            attrs: format!(" data-sent=\"{i}\""),
        });
    }
    for (i, quote) in record.quotes.iter().enumerate() {
        let mut keys = vec![format!("q{i}")];
        keys.extend(linked.speaker_of[i].map(|s| format!("s{s}")));
        keys.extend(linked.cue_of[i].map(|c| format!("c{c}")));
        let (kind_class, said_by) = match speaker_name(record, i) {
            Some((kind, name)) => {
                let kind = speaker_kind_name(kind);
                (kind, format!("said by {name} ({kind})"))
            }
            None => ("none", "no speaker found".to_owned()),
        };
        let kind = match quote.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        };
        let title = format!("{kind} quote, {said_by}");
        marks.push(Mark {
            start: quote.start,
            end: quote.end,
            layer: 1,
            class: format!("quote quote-{kind} by-{kind_class}"),
            attrs: format!(
                " data-key=\"q{i}\"{} title=\"{}\"",
                link_attr(keys),
                escaped(&title)
            ),
        });
    }
    for (s, (first, quotes)) in linked.speakers.iter().enumerate() {
        let Some(speaker) = record.quotes[*first].speaker.as_ref() else {
            continue;
        };
        let kind = speaker_kind_name(speaker.kind);
        let mut badge = kind.to_owned();
        if let Some(resolved) = speaker.resolved.as_deref().filter(|r| *r != speaker.text) {
            badge.push_str(" · ");
            badge.push_str(resolved);
        }
        let mut keys = vec![format!("s{s}")];
        keys.extend(quotes.iter().map(|q| format!("q{q}")));
        keys.extend(
            quotes
                .iter()
                .filter_map(|&q| linked.cue_of[q])
                .map(|c| format!("c{c}")),
        );
        let count = quotes.len();
        let title = format!(
            "{kind} speaker{}, {count} quote{}",
            speaker
                .resolved
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default(),
            if count == 1 { "" } else { "s" }
        );
        marks.push(Mark {
            start: speaker.start,
            end: speaker.end,
            layer: 2,
            class: format!("spk spk-{kind}"),
            attrs: format!(
                " data-key=\"s{s}\"{} data-badge=\"{}\" title=\"{}\"",
                link_attr(keys),
                escaped(&badge),
                escaped(&title)
            ),
        });
    }
    for (c, (first, quotes)) in linked.cues.iter().enumerate() {
        let Some(cue) = record.quotes[*first].cue.as_ref() else {
            continue;
        };
        let mut keys = vec![format!("c{c}")];
        keys.extend(quotes.iter().map(|q| format!("q{q}")));
        keys.extend(
            quotes
                .iter()
                .filter_map(|&q| linked.speaker_of[q])
                .map(|s| format!("s{s}")),
        );
        marks.push(Mark {
            start: cue.start,
            end: cue.end,
            layer: 2,
            class: "cue".to_owned(),
            attrs: format!(
                " data-key=\"c{c}\"{} title=\"speech verb: {}\"",
                link_attr(keys),
                escaped(&cue.lemma)
            ),
        });
    }
    for (i, e) in record.entities.iter().enumerate() {
        marks.push(Mark {
            start: e.start,
            end: e.end,
            layer: 3,
            class: format!("ent ent-{}", e.label),
            attrs: format!(
                " data-key=\"e{i}\" data-label=\"{}\" title=\"{} (score {:.2})\"",
                e.label, e.label, e.score
            ),
        });
    }
    for (i, q) in record.quantities.iter().enumerate() {
        marks.push(Mark {
            start: q.start,
            end: q.end,
            layer: 4,
            class: format!("qty qty-{}", quantity_kind_name(q.kind)),
            attrs: format!(
                " data-key=\"n{i}\" data-link=\"n{i}\" title=\"{}\"",
                escaped(&quantity_title(q))
            ),
        });
    }
    marks
}

fn push_document(out: &mut String, n: usize, doc: &DocumentEntry) {
    let record = &doc.record;
    let linked = link(record);
    let _ = write!(out, "<section class=\"doc\" id=\"doc-{n}\"><h2>");
    push_escaped(out, &doc.id);
    let _ = write!(
        out,
        "<small>{} sentences · {} entities · {} quotes · {} figures</small></h2>\n<div class=\"text\">",
        record.sentences.len(),
        record.entities.len(),
        record.quotes.len(),
        record.quantities.len()
    );
    push_marked(out, &doc.text, &marks_of(record, &linked));
    out.push_str("</div>\n<aside class=\"summary\">");
    push_speaker_summary(out, record, &linked);
    push_figures(out, record);
    push_entity_counts(out, record);
    out.push_str("</aside></section>\n");
}

/// Who was quoted and how often, grouped by kind.
fn push_speaker_summary(out: &mut String, record: &Record, linked: &Linked) {
    out.push_str("<h3>Quoted</h3>");
    if record.quotes.is_empty() {
        out.push_str("<p class=\"none\">No quotes found.</p>");
        return;
    }
    // (kind order, name) -> (speaker keys, quote keys)
    let mut who: BTreeMap<(usize, String), (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    let mut unattributed = Vec::new();
    for q in 0..record.quotes.len() {
        match (speaker_name(record, q), linked.speaker_of[q]) {
            (Some((kind, name)), Some(s)) => {
                let order = SPEAKER_KINDS.iter().position(|k| *k == kind).unwrap_or(0);
                let row = who.entry((order, name)).or_default();
                if !row.0.contains(&s) {
                    row.0.push(s);
                }
                row.1.push(q);
            }
            _ => unattributed.push(q),
        }
    }
    out.push_str("<div class=\"bykind\">");
    for (order, kind) in SPEAKER_KINDS.iter().enumerate() {
        let quotes: usize = who
            .iter()
            .filter(|((o, _), _)| *o == order)
            .map(|(_, (_, qs))| qs.len())
            .sum();
        if quotes > 0 {
            let name = speaker_kind_name(*kind);
            let _ = write!(out, "<span class=\"chip k-{name}\">{name} {quotes}</span>");
        }
    }
    if !unattributed.is_empty() {
        let _ = write!(
            out,
            "<span class=\"chip k-none\">unattributed {}</span>",
            unattributed.len()
        );
    }
    out.push_str("</div><table class=\"speakers\"><tr><th>Speaker</th><th>Kind</th><th class=\"num\">Quotes</th></tr>");
    let mut rows: Vec<_> = who.into_iter().collect();
    // Most quoted first within each kind.
    rows.sort_by(|((ka, na), (_, qa)), ((kb, nb), (_, qb))| {
        ka.cmp(kb).then(qb.len().cmp(&qa.len())).then(na.cmp(nb))
    });
    for ((order, name), (speakers, quotes)) in rows {
        let kind = speaker_kind_name(SPEAKER_KINDS[order]);
        let keys = speakers
            .iter()
            .map(|s| format!("s{s}"))
            .chain(quotes.iter().map(|q| format!("q{q}")));
        let _ = write!(out, "<tr{}><td>", link_attr(keys));
        push_escaped(out, &name);
        let _ = write!(
            out,
            "</td><td><span class=\"chip k-{kind}\">{kind}</span></td><td class=\"num\">{}</td></tr>",
            quotes.len()
        );
    }
    if !unattributed.is_empty() {
        let keys = unattributed.iter().map(|q| format!("q{q}"));
        let _ = write!(
            out,
            "<tr{}><td class=\"none\">no speaker found</td><td><span class=\"chip k-none\">none</span></td><td class=\"num\">{}</td></tr>",
            link_attr(keys),
            unattributed.len()
        );
    }
    out.push_str("</table>");
}

/// The figures found, normalized.
fn push_figures(out: &mut String, record: &Record) {
    out.push_str("<h3>Figures</h3>");
    if record.quantities.is_empty() {
        out.push_str("<p class=\"none\">No figures found.</p>");
        return;
    }
    out.push_str(
        "<table class=\"figures\"><tr><th>As written</th><th>Kind</th><th class=\"num\">Value</th><th>Unit</th></tr>",
    );
    for (i, q) in record.quantities.iter().enumerate() {
        let _ = write!(out, "<tr data-link=\"n{i}\"><td>");
        push_escaped(out, &q.text);
        let _ = write!(
            out,
            "</td><td>{}</td><td class=\"num\"",
            quantity_kind_name(q.kind)
        );
        if let Some(short) = q.value.and_then(compact_number) {
            out.push_str(" title=\"");
            push_escaped(out, &short);
            out.push('"');
        }
        out.push('>');
        push_escaped(out, &normalized_value(q));
        out.push_str("</td><td>");
        push_escaped(out, q.unit.as_deref().unwrap_or(""));
        out.push_str("</td></tr>");
    }
    out.push_str("</table>");
}

/// Entity mentions per label.
fn push_entity_counts(out: &mut String, record: &Record) {
    out.push_str("<h3>Entities</h3><div class=\"counts\">");
    for label in EntityLabel::ALL {
        let count = record.entities.iter().filter(|e| e.label == label).count();
        let _ = write!(
            out,
            "<span><span class=\"chip ent-{label}\">{label}</span> <b>{count}</b></span>"
        );
    }
    out.push_str("</div>");
}

fn push_error(out: &mut String, n: usize, id: &str, kind: &str, message: &str) {
    let _ = write!(out, "<section class=\"doc error\" id=\"doc-{n}\"><h2>");
    push_escaped(out, id);
    out.push_str("</h2><p><span class=\"err-kind\">");
    push_escaped(out, kind);
    out.push_str("</span> ");
    push_escaped(out, message);
    out.push_str("</p></section>\n");
}

#[cfg(test)]
mod tests;
