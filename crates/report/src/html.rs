//! The report as one self-contained HTML page: inline CSS, charts as
//! inline SVG, no script, nothing fetched. Every speaker row links to its
//! quotes (`#quotes-s1`) and every quote back to its row (`#sp-s1`). All
//! text from the articles and records is escaped.

use crate::svg::{push_bar_chart, push_stacked_bar, Bar, Part};
use crate::tables::{GroupRow, Ranked, SpeakerRow, Tables};
use newsie_core::{EntityLabel, QuoteKind};
pub(crate) use newsie_render::{escaped, push_escaped};
use std::fmt::Write;

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1a202c;background:#f7fafc}
header,main{max-width:1100px;margin:0 auto;padding:0 20px}
header{padding-top:18px}
h1{margin:0 0 4px;font-size:26px}h2{margin:30px 0 10px;border-bottom:2px solid #cbd5e0}
nav a{margin-right:14px}
table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 14px}
th,td{border-bottom:1px solid #e2e8f0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#edf2f7;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
svg.stack{width:100%;height:16px;display:block}
svg.bars text{font-size:13px;fill:#1a202c}svg.bars text.n{fill:#4a5568}
svg.bars a text{fill:#2b6cb0;text-decoration:underline}
.kind{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;color:#fff}
.kind.person{background:#2b6cb0}.kind.anonymous{background:#b7791f}.kind.organization{background:#2f855a}
.legend span{margin-right:14px}.swatch{display:inline-block;width:11px;height:11px;margin-right:4px}
tr:target,section:target,li:target{background:#fefcbf}
.speaker-quotes{background:#fff;padding:6px 14px;margin:10px 0;border-left:4px solid #cbd5e0}
.speaker-quotes h3{margin:6px 0}
blockquote{margin:4px 0;white-space:pre-wrap}
.meta{margin:0 0 8px;color:#4a5568;font-size:13px}
.charts{display:flex;flex-wrap:wrap;gap:20px}
.muted{color:#718096}
";

/// The colours of the sourcing classes.
const PERSON: &str = "#2b6cb0";
const ANONYMOUS: &str = "#b7791f";
const ORGANIZATION: &str = "#2f855a";
const UNATTRIBUTED: &str = "#a0aec0";

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

impl Tables {
    /// The report as one self-contained HTML page titled `newsie report`.
    pub fn to_html(&self) -> String {
        self.to_html_titled("newsie report")
    }

    /// The report as one self-contained HTML page with its own title.
    pub fn to_html_titled(&self, title: &str) -> String {
        let mut out = String::with_capacity(64 * 1024);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // Nothing may be fetched: no network, no CDN, no script.
        out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        let _ = write!(
            out,
            "<title>{}</title><style>{STYLE}</style></head><body>",
            escaped(title)
        );
        self.push_header(&mut out, title);
        out.push_str("<main>");
        self.push_sourcing(&mut out);
        self.push_most_quoted(&mut out);
        self.push_speakers(&mut out);
        self.push_quotes(&mut out);
        self.push_entities(&mut out);
        self.push_figures(&mut out);
        self.push_aliases(&mut out);
        out.push_str("</main></body></html>\n");
        out
    }

    fn push_header(&self, out: &mut String, title: &str) {
        let s = &self.summary;
        let _ = write!(
            out,
            "<header><h1>{}</h1><p class=\"totals\">{} documents ({} failed) · {} quotes · {} speakers · {} distinct entities · {} figures</p>",
            escaped(title),
            s.documents,
            s.failed_documents,
            s.quotes,
            s.speakers,
            s.distinct_entities,
            s.figures_found
        );
        if s.bad_lines > 0 {
            let _ = write!(
                out,
                "<p class=\"muted\">{} input lines were not records and were skipped.</p>",
                s.bad_lines
            );
        }
        out.push_str("<nav><a href=\"#sourcing\">Sourcing</a><a href=\"#most-quoted\">Most quoted</a><a href=\"#speakers\">Speakers</a><a href=\"#quotes\">Quotes</a><a href=\"#entities\">Entities</a><a href=\"#figures\">Figures</a><a href=\"#aliases\">Aliases</a></nav></header>");
    }

    fn push_sourcing(&self, out: &mut String) {
        out.push_str("<section id=\"sourcing\"><h2>Who is quoted</h2><p class=\"legend\">");
        for (label, color) in [
            ("named people", PERSON),
            ("anonymous sources", ANONYMOUS),
            ("organizations", ORGANIZATION),
            ("unattributed", UNATTRIBUTED),
        ] {
            let _ = write!(
                out,
                "<span><i class=\"swatch\" style=\"background:{color}\"></i>{label}</span>"
            );
        }
        out.push_str("</p><table><thead><tr><th>group</th><th class=\"n\">documents</th><th class=\"n\">quotes</th><th class=\"n\">people</th><th class=\"n\">anonymous</th><th class=\"n\">organizations</th><th class=\"n\">unattributed</th><th style=\"width:32%\">shares</th></tr></thead><tbody>");
        for group in std::iter::once(&self.corpus).chain(&self.groups) {
            push_group_row(out, group);
        }
        out.push_str("</tbody></table></section>");
    }

    fn push_most_quoted(&self, out: &mut String) {
        out.push_str("<section id=\"most-quoted\"><h2>Most quoted</h2><div class=\"charts\">");
        push_ranked_chart(out, "People", &self.corpus.top_people, PERSON);
        push_ranked_chart(
            out,
            "Organizations",
            &self.corpus.top_organizations,
            ORGANIZATION,
        );
        out.push_str("</div>");
        for group in &self.groups {
            out.push_str("<h3>");
            push_escaped(out, &group.group);
            out.push_str("</h3><div class=\"charts\">");
            push_ranked_chart(out, "People", &group.top_people, PERSON);
            push_ranked_chart(out, "Organizations", &group.top_organizations, ORGANIZATION);
            out.push_str("</div>");
        }
        out.push_str("</section>");
    }

    fn push_speakers(&self, out: &mut String) {
        out.push_str("<section id=\"speakers\"><h2>Speakers</h2><table><thead><tr><th>speaker</th><th>kind</th><th class=\"n\">quotes</th><th class=\"n\">direct</th><th class=\"n\">indirect</th><th class=\"n\">documents</th><th>first seen</th><th>last seen</th><th>merged names</th></tr></thead><tbody>");
        for speaker in &self.speakers {
            push_speaker_row(out, speaker);
        }
        out.push_str("</tbody></table></section>");
    }

    fn push_quotes(&self, out: &mut String) {
        let _ = write!(
            out,
            "<section id=\"quotes\"><h2>Quotes</h2><p class=\"muted\">The first {} quotes of each speaker, in input order.</p>",
            self.summary.examples_per_speaker
        );
        for speaker in &self.speakers {
            push_speaker_quotes(out, speaker);
        }
        out.push_str("</section>");
    }

    fn push_entities(&self, out: &mut String) {
        out.push_str("<section id=\"entities\"><h2>Most-mentioned entities</h2>");
        for label in EntityLabel::ALL {
            let rows: Vec<_> = self.entities.iter().filter(|e| e.label == label).collect();
            let _ = write!(out, "<h3>{label}</h3>");
            if rows.is_empty() {
                out.push_str("<p class=\"muted\">none</p>");
                continue;
            }
            let bars: Vec<Bar> = rows
                .iter()
                .map(|e| Bar {
                    label: &e.text,
                    value: e.mentions,
                    link: None,
                })
                .collect();
            push_bar_chart(
                out,
                &bars,
                "#4a5568",
                &format!("{label} entities by mentions"),
            );
            out.push_str("<table><thead><tr><th class=\"n\">rank</th><th>entity</th><th class=\"n\">mentions</th><th class=\"n\">documents</th></tr></thead><tbody>");
            for e in rows {
                let _ = write!(out, "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>", e.rank, escaped(&e.text), e.mentions, e.documents);
            }
            out.push_str("</tbody></table>");
        }
        out.push_str("</section>");
    }

    fn push_figures(&self, out: &mut String) {
        let s = &self.summary;
        let _ = write!(
            out,
            "<section id=\"figures\"><h2>Figures stated with organizations</h2><p class=\"muted\">{} listed of {} found (at most {} per organization); the CSV table (<code>--format csv</code>) sorts in any spreadsheet.</p>",
            s.figures_listed, s.figures_found, s.figures_per_organization
        );
        out.push_str("<table><thead><tr><th>organization</th><th>document</th><th>figure</th><th>kind</th><th class=\"n\">value</th><th>unit</th><th>change</th><th class=\"n\">sentence</th></tr></thead><tbody>");
        for f in &self.figures {
            let value = match (f.value, f.low, f.high) {
                (Some(v), ..) => format!("{v}"),
                (None, Some(low), Some(high)) => format!("{low}–{high}"),
                _ => String::new(),
            };
            let kind = serde_json::to_value(f.kind).ok();
            let change = f.change.and_then(|c| serde_json::to_value(c).ok());
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}–{}</td></tr>",
                escaped(&f.organization),
                escaped(&f.document),
                escaped(&f.text),
                escaped(kind.as_ref().and_then(|k| k.as_str()).unwrap_or("")),
                escaped(&value),
                escaped(f.unit.as_deref().unwrap_or("")),
                escaped(change.as_ref().and_then(|c| c.as_str()).unwrap_or("")),
                f.sentence_start,
                f.sentence_end
            );
        }
        out.push_str("</tbody></table></section>");
    }

    fn push_aliases(&self, out: &mut String) {
        out.push_str("<section id=\"aliases\"><h2>Acronyms defined in the articles</h2><table><thead><tr><th>acronym</th><th>stands for</th><th class=\"n\">definitions</th><th>merged</th></tr></thead><tbody>");
        for a in &self.aliases {
            let merged = if a.merged {
                "yes"
            } else {
                "no: defined in more than one way"
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{merged}</td></tr>",
                escaped(&a.alias),
                escaped(&a.name),
                a.definitions
            );
        }
        out.push_str("</tbody></table></section>");
    }
}

fn push_group_row(out: &mut String, g: &GroupRow) {
    let _ = write!(
        out,
        "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{} ({})</td><td class=\"n\">{} ({})</td><td class=\"n\">{} ({})</td><td class=\"n\">{} ({})</td><td>",
        escaped(&g.group),
        g.documents,
        g.quotes,
        g.person,
        percent(g.share_person),
        g.anonymous,
        percent(g.share_anonymous),
        g.organization,
        percent(g.share_organization),
        g.unattributed,
        percent(g.share_unattributed)
    );
    let parts = [
        Part {
            label: "named people",
            value: g.person,
            color: PERSON,
        },
        Part {
            label: "anonymous sources",
            value: g.anonymous,
            color: ANONYMOUS,
        },
        Part {
            label: "organizations",
            value: g.organization,
            color: ORGANIZATION,
        },
        Part {
            label: "unattributed",
            value: g.unattributed,
            color: UNATTRIBUTED,
        },
    ];
    push_stacked_bar(out, &parts, &format!("sourcing of {}", g.group));
    out.push_str("</td></tr>");
}

fn push_ranked_chart(out: &mut String, title: &str, list: &[Ranked], color: &str) {
    let _ = write!(out, "<div><h4>{title}</h4>");
    if list.is_empty() {
        out.push_str("<p class=\"muted\">none</p></div>");
        return;
    }
    let bars: Vec<Bar> = list
        .iter()
        .map(|r| Bar {
            label: &r.name,
            value: r.quotes,
            link: Some(format!("#sp-{}", r.id)),
        })
        .collect();
    push_bar_chart(out, &bars, color, &format!("most-quoted {title}"));
    out.push_str("</div>");
}

fn push_speaker_row(out: &mut String, s: &SpeakerRow) {
    let kind = s.kind.as_str();
    let _ = write!(
        out,
        "<tr id=\"sp-{id}\" class=\"speaker\"><td><a class=\"to-quotes\" href=\"#quotes-{id}\">{name}</a></td><td><span class=\"kind {kind}\">{kind}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>",
        s.quotes,
        s.direct,
        s.indirect,
        s.documents,
        escaped(&s.first.document),
        escaped(&s.last.document),
        id = s.id,
        name = escaped(&s.name),
    );
    let others: Vec<String> = s
        .forms
        .iter()
        .filter(|f| f.name != s.name)
        .map(|f| format!("{} ({})", escaped(&f.name), f.quotes))
        .collect();
    out.push_str(&others.join(", "));
    out.push_str("</td></tr>");
}

fn push_speaker_quotes(out: &mut String, s: &SpeakerRow) {
    let _ = write!(
        out,
        "<section class=\"speaker-quotes\" id=\"quotes-{id}\"><h3><a class=\"to-speaker\" href=\"#sp-{id}\">{name}</a> <span class=\"kind {kind}\">{kind}</span> <span class=\"muted\">{shown} of {quotes} quotes</span></h3>",
        id = s.id,
        name = escaped(&s.name),
        kind = s.kind.as_str(),
        shown = s.examples.len(),
        quotes = s.quotes,
    );
    if !s.mentions.is_empty() {
        out.push_str("<p class=\"meta\">referred to as: ");
        let mentions: Vec<String> = s.mentions.iter().map(|m| escaped(m)).collect();
        out.push_str(&mentions.join(", "));
        out.push_str("</p>");
    }
    out.push_str("<ol>");
    for (k, q) in s.examples.iter().enumerate() {
        let kind = match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        };
        let _ = write!(
            out,
            "<li id=\"q-{id}-{n}\" class=\"quote\"><blockquote>{}</blockquote><p class=\"meta\">{} · {kind} · {} “{}” · <a class=\"back\" href=\"#sp-{id}\">↑ {}</a></p></li>",
            escaped(&q.text),
            escaped(&q.document),
            escaped(q.cue.as_deref().unwrap_or("no cue")),
            escaped(&q.speaker),
            escaped(&s.name),
            id = s.id,
            n = k + 1,
        );
    }
    out.push_str("</ol></section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_every_special_character() {
        assert_eq!(
            escaped("<img src=x onerror='a()'> & \"b\""),
            "&lt;img src=x onerror=&#39;a()&#39;&gt; &amp; &quot;b&quot;"
        );
        assert_eq!(escaped("plain text, é"), "plain text, é");
    }
}
