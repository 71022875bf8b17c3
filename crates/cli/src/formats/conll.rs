//! CoNLL: one token per line with its BIO entity tag, as NER tools read it.

use newsie_core::{word_tokens, Record, Span};

/// CoNLL lines of one document: `-DOCSTART- -X- O`, a blank line, then for
/// each sentence its word tokens, one per line with a BIO tag (`B-ORG`,
/// `I-ORG`, `O`), and a blank line. A token that shares a byte with an
/// entity is inside it. Needs the record's sentences and entities in byte
/// offsets.
pub fn conll(text: &str, record: &Record) -> String {
    let mut out = String::from("-DOCSTART- -X- O\n\n");
    let entities: Vec<(Span, &str)> = record
        .entities
        .iter()
        .map(|e| (e.span(), e.label.as_str()))
        .collect();
    let mut next_entity = 0;
    for sentence in &record.sentences {
        let base = sentence.start;
        let mut wrote = false;
        for token in word_tokens(&text[sentence.span()]) {
            let span = Span::new(base + token.span.start, base + token.span.end);
            while next_entity < entities.len() && entities[next_entity].0.end <= span.start {
                next_entity += 1;
            }
            let tag = match entities.get(next_entity) {
                Some((e, label)) if e.start < span.end => {
                    let begins = span.start <= e.start;
                    format!("{}-{label}", if begins { "B" } else { "I" })
                }
                _ => "O".to_owned(),
            };
            out.push_str(&text[span]);
            out.push(' ');
            out.push_str(&tag);
            out.push('\n');
            wrote = true;
        }
        if wrote {
            out.push('\n');
        }
    }
    // The caller adds the last line break.
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_tags_tokens_bio() {
        let text = "Zoë joined Acme Corp today.";
        assert_eq!(
            conll(text, &super::super::tests::record(text)),
            "-DOCSTART- -X- O\n\nZoë O\njoined O\nAcme B-ORG\nCorp I-ORG\ntoday O\n. O\n"
        );
    }
}
