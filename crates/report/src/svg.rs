//! Charts as inline SVG: a stacked bar of sourcing shares and ranked
//! horizontal bars. No script and no external asset; every label is
//! escaped.

use crate::html::push_escaped;
use std::fmt::Write;

/// One part of a stacked bar.
pub(crate) struct Part<'a> {
    pub label: &'a str,
    pub value: u64,
    pub color: &'a str,
}

/// A bar split into `parts`, each as wide as its share of the total; a
/// grey bar when the total is zero.
pub(crate) fn push_stacked_bar(out: &mut String, parts: &[Part], aria_label: &str) {
    let total: u64 = parts.iter().map(|p| p.value).sum();
    out.push_str(
        "<svg class=\"stack\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"",
    );
    push_escaped(out, aria_label);
    out.push_str("\">");
    if total == 0 {
        out.push_str("<rect width=\"1000\" height=\"16\" fill=\"#e2e8f0\"/></svg>");
        return;
    }
    let mut x = 0.0;
    for part in parts.iter().filter(|p| p.value > 0) {
        let width = part.value as f64 * 1000.0 / total as f64;
        let _ = write!(
            out,
            "<rect x=\"{x:.2}\" width=\"{width:.2}\" height=\"16\" fill=\"{}\"><title>",
            part.color
        );
        push_escaped(out, part.label);
        let _ = write!(
            out,
            ": {} ({:.1}%)</title></rect>",
            part.value,
            part.value as f64 * 100.0 / total as f64
        );
        x += width;
    }
    out.push_str("</svg>");
}

/// One bar of a ranked chart.
pub(crate) struct Bar<'a> {
    pub label: &'a str,
    pub value: u64,
    /// Where the label links to (`#sp-s1`), if anywhere.
    pub link: Option<String>,
}

/// Height of one bar's row, in SVG units.
const ROW: usize = 22;
/// Width kept for the labels.
const LABEL_WIDTH: f64 = 230.0;
/// Width of the longest bar.
const BAR_WIDTH: f64 = 240.0;
/// The most characters of a label drawn.
const LABEL_CHARS: usize = 34;

/// `label`, cut to [`LABEL_CHARS`] with an ellipsis.
fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// A horizontal bar chart, longest bar for the largest value; each label
/// (linked when the bar has a link) with its full text as a tooltip.
pub(crate) fn push_bar_chart(out: &mut String, bars: &[Bar], color: &str, aria_label: &str) {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW * bars.len().max(1);
    let _ = write!(
        out,
        "<svg class=\"bars\" width=\"520\" height=\"{height}\" viewBox=\"0 0 520 {height}\" role=\"img\" aria-label=\""
    );
    push_escaped(out, aria_label);
    out.push_str("\">");
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW;
        let width = (bar.value as f64 * BAR_WIDTH / max as f64).max(1.0);
        if let Some(link) = &bar.link {
            out.push_str("<a href=\"");
            push_escaped(out, link);
            out.push_str("\">");
        }
        let _ = write!(out, "<text x=\"0\" y=\"{}\"><title>", y + 15);
        push_escaped(out, bar.label);
        out.push_str("</title>");
        push_escaped(out, &short(bar.label));
        out.push_str("</text>");
        if bar.link.is_some() {
            out.push_str("</a>");
        }
        let _ = write!(
            out,
            "<rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{width:.1}\" height=\"15\" fill=\"{color}\"/>\
             <text x=\"{:.1}\" y=\"{}\" class=\"n\">{}</text>",
            y + 3,
            LABEL_WIDTH + width + 6.0,
            y + 15,
            bar.value
        );
    }
    out.push_str("</svg>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stacked_bar_splits_its_width_by_share() {
        let mut out = String::new();
        let parts = [
            Part {
                label: "person",
                value: 3,
                color: "#111",
            },
            Part {
                label: "anonymous",
                value: 0,
                color: "#222",
            },
            Part {
                label: "organization",
                value: 1,
                color: "#333",
            },
        ];
        push_stacked_bar(&mut out, &parts, "all");
        assert!(out.contains("width=\"750.00\""), "{out}");
        assert!(out.contains("x=\"750.00\" width=\"250.00\""), "{out}");
        assert!(!out.contains("#222"), "an empty part draws nothing");
    }

    #[test]
    fn bar_labels_are_escaped_and_linked() {
        let mut out = String::new();
        let bars = [Bar {
            label: "<b>Evil</b> & Co",
            value: 2,
            link: Some("#sp-s1".into()),
        }];
        push_bar_chart(&mut out, &bars, "#123", "chart");
        assert!(out.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"));
        assert!(!out.contains("<b>"));
        assert!(out.contains("<a href=\"#sp-s1\">"));
    }
}
