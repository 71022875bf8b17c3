//! Escaping for HTML text and attribute values, and number formatting for
//! people.

use std::fmt::Write;

/// Appends `text` to `out` with every character that HTML gives a meaning
/// (`& < > " '`) written as a character reference. The same escaping is
/// safe in element content and in double- or single-quoted attribute
/// values, so callers never have to think about which context they are in.
pub fn push_escaped(out: &mut String, text: &str) {
    // Copy runs of harmless characters in one go: most article text has
    // no special characters at all.
    let mut run_start = 0;
    for (at, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            // NUL is replaced by the parser anyway; say so explicitly.
            '\0' => "\u{FFFD}",
            _ => continue,
        };
        out.push_str(&text[run_start..at]);
        out.push_str(replacement);
        run_start = at + c.len_utf8();
    }
    out.push_str(&text[run_start..]);
}

/// `text`, HTML-escaped.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

/// Inserts thousands separators into a run of ASCII digits.
fn group_digits(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// A number as people write it: `24,200,000,000`, `13`, `0.05`,
/// `1,234.5`. Very large or very small magnitudes use scientific notation
/// rather than a wall of digits.
pub(crate) fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN".to_owned()
        } else if value > 0.0 {
            "∞".to_owned()
        } else {
            "−∞".to_owned()
        };
    }
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-6..1e18).contains(&magnitude) {
        return format!("{value:e}");
    }
    // Display for f64 gives the shortest text that reads back exactly.
    let plain = format!("{}", magnitude);
    let (whole, fraction) = match plain.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (plain.as_str(), None),
    };
    let mut out = String::new();
    if value < 0.0 {
        out.push('−');
    }
    out.push_str(&group_digits(whole));
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A short form of large numbers (`24.2 billion`), or `None` below a
/// million where the plain form is short already.
pub(crate) fn compact_number(value: f64) -> Option<String> {
    const SCALES: [(f64, &str); 4] = [
        (1e12, "trillion"),
        (1e9, "billion"),
        (1e6, "million"),
        (1e3, "thousand"),
    ];
    let magnitude = value.abs();
    if !value.is_finite() || !(1e6..1e18).contains(&magnitude) {
        return None;
    }
    let (scale, word) = SCALES.iter().find(|(scale, _)| magnitude >= *scale)?;
    let scaled = value / scale;
    // Three decimals at most, trailing zeros dropped.
    let mut text = format!("{scaled:.3}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    let mut out = String::new();
    let _ = write!(out, "{text} {word}");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escaped(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(escaped("café “ok”"), "café “ok”");
        assert_eq!(escaped("a\0b"), "a\u{FFFD}b");
    }

    #[test]
    fn numbers_read_like_prose() {
        assert_eq!(format_number(24_200_000_000.0), "24,200,000,000");
        assert_eq!(format_number(13.0), "13");
        assert_eq!(format_number(0.05), "0.05");
        assert_eq!(format_number(1234.5), "1,234.5");
        assert_eq!(format_number(-1500.0), "−1,500");
        assert_eq!(format_number(100.0), "100");
        assert_eq!(format_number(f64::NAN), "NaN");
        assert_eq!(format_number(1e30), "1e30");
        assert_eq!(
            compact_number(24_200_000_000.0).as_deref(),
            Some("24.2 billion")
        );
        assert_eq!(compact_number(7_250_000.0).as_deref(), Some("7.25 million"));
        assert_eq!(compact_number(999_999.0), None);
    }
}
