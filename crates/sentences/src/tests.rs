//! Unit tests: behaviour on news patterns, the builder, and properties that
//! must hold on any input.

use super::*;
use proptest::prelude::*;

fn sentences<'t>(splitter: &Splitter, text: &'t str) -> Vec<&'t str> {
    splitter
        .split(text)
        .into_iter()
        .map(|span| &text[span])
        .collect()
}

fn split(text: &str) -> Vec<&str> {
    sentences(&Splitter::new(), text)
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Splitter>();
    assert_send_sync::<SplitterBuilder>();
    assert_send_sync::<Error>();
}

#[test]
fn abbreviations_go_on_or_end_by_the_next_word() {
    assert_eq!(
        split("Amazon ranks No. 1 in the Top 1000."),
        ["Amazon ranks No. 1 in the Top 1000."]
    );
    assert_eq!(
        split("The quarter ended Dec. 31. It grew."),
        ["The quarter ended Dec. 31.", "It grew."]
    );
    assert_eq!(
        split("Mr. Smith met U.S. officials."),
        ["Mr. Smith met U.S. officials."]
    );
    assert_eq!(
        split("Acme Inc. said it would."),
        ["Acme Inc. said it would."]
    );
    assert_eq!(
        split("It has operations in the U.S. Shares fell."),
        ["It has operations in the U.S.", "Shares fell."]
    );
    assert_eq!(
        split("Stores in the U.K., and more."),
        ["Stores in the U.K., and more."]
    );
    assert_eq!(
        split("The answer was no. Smith left."),
        ["The answer was no.", "Smith left."]
    );
}

#[test]
fn initials_decimals_and_links_do_not_end_sentences() {
    assert_eq!(
        split("J. R. R. Tolkien wrote it."),
        ["J. R. R. Tolkien wrote it."]
    );
    // Initials that are also the lexicon's `p.` (page) and `v.` (versus).
    assert_eq!(
        split("Rovers: A. Cole, T. Byrne, P. Hale, V. Singh. Subs: K. Lee."),
        [
            "Rovers: A. Cole, T. Byrne, P. Hale, V. Singh.",
            "Subs: K. Lee."
        ]
    );
    assert_eq!(
        split("It reached $90.8 billion. Sales rose."),
        ["It reached $90.8 billion.", "Sales rose."]
    );
    assert_eq!(
        split("Write to jane.Doe@example.com. Or visit www.Example.com today."),
        [
            "Write to jane.Doe@example.com.",
            "Or visit www.Example.com today."
        ]
    );
}

#[test]
fn clock_times_end_sentences_unless_they_open_them() {
    assert_eq!(
        split("At 5 a.m. Mr. Smith went out. He came back at 6 P.M. Mr. Smith then slept."),
        [
            "At 5 a.m. Mr. Smith went out.",
            "He came back at 6 P.M.",
            "Mr. Smith then slept."
        ]
    );
    assert_eq!(
        split("The vote closes at 5 p.m. Friday in Ohio."),
        ["The vote closes at 5 p.m. Friday in Ohio."]
    );
}

#[test]
fn quotations_keep_their_closing_marks() {
    assert_eq!(
        split("“We didn’t make it lightly. These are hard decisions.” Amazon said so."),
        [
            "“We didn’t make it lightly.",
            "These are hard decisions.”",
            "Amazon said so."
        ]
    );
    assert_eq!(
        split("\"Why now?\" she asked."),
        ["\"Why now?\" she asked."]
    );
    assert_eq!(
        split("\"Why now?\" Jassy asked."),
        ["\"Why now?\" Jassy asked."]
    );
    assert_eq!(
        split("\"Why now?\" That was the question."),
        ["\"Why now?\"", "That was the question."]
    );
}

#[test]
fn line_breaks_and_headlines() {
    assert_eq!(
        split("AWS results\nAWS revenue grew.\r\n\r\nOther cuts\n"),
        ["AWS results", "AWS revenue grew.", "Other cuts"]
    );
    let paragraphs = Splitter::builder().line_break_ends_sentence(false).build();
    assert_eq!(
        sentences(
            &paragraphs,
            "It was a cold\nnight. It rained.\n\nNew paragraph"
        ),
        ["It was a cold\nnight.", "It rained.", "New paragraph"]
    );
}

#[test]
fn lists_are_split_into_items() {
    assert_eq!(
        split("1) The first item 2) The second item"),
        ["1) The first item", "2) The second item"]
    );
    assert_eq!(
        split("a. One b. Two c. Three"),
        ["a. One", "b. Two", "c. Three"]
    );
    assert_eq!(
        split("• 9. First • 10. Second"),
        ["• 9. First", "• 10. Second"]
    );
    // Not a list: the numbers do not follow on.
    assert_eq!(split("1) Buy 3) apples"), ["1) Buy 3) apples"]);
}

#[test]
fn ellipses() {
    assert_eq!(
        split("I never meant that.... She left."),
        ["I never meant that....", "She left."]
    );
    assert_eq!(
        split("He talks slowly… And then stops."),
        ["He talks slowly…", "And then stops."]
    );
    assert_eq!(
        split("It is . . . I don’t know."),
        ["It is . . . I don’t know."]
    );
}

#[test]
fn extra_abbreviations() {
    let splitter = Splitter::builder()
        .abbreviations(["Ald.", "approx"])
        .build();
    assert_eq!(
        sentences(&splitter, "Ald. Smith spoke."),
        ["Ald. Smith spoke."]
    );
    assert_eq!(split("Ald. Smith spoke."), ["Ald.", "Smith spoke."]);
    let error = Splitter::builder()
        .abbreviations(["two words"])
        .try_build()
        .unwrap_err();
    assert!(matches!(error, Error::InvalidAbbreviation { .. }));
    assert!(Splitter::builder()
        .abbreviations([" ."])
        .try_build()
        .is_err());
    assert!(Splitter::builder()
        .abbreviations(["x".repeat(40)])
        .try_build()
        .is_err());
    // `build` skips the invalid ones.
    let splitter = Splitter::builder().abbreviations(["", "Ald"]).build();
    assert_eq!(
        sentences(&splitter, "Ald. Smith spoke."),
        ["Ald. Smith spoke."]
    );
}

#[test]
fn degenerate_inputs() {
    assert!(split("").is_empty());
    assert!(split(" \n\t ").is_empty());
    assert_eq!(split("...."), ["...."]);
    assert_eq!(split("\"\"\""), ["\"\"\""]);
    assert_eq!(split("no punctuation at all"), ["no punctuation at all"]);
}

/// Checks the span contract on `text`.
fn check_spans(text: &str, spans: &[Span]) -> Result<(), TestCaseError> {
    let mut previous_end = 0;
    for span in spans {
        prop_assert!(span.start < span.end, "empty span {span:?}");
        prop_assert!(
            span.start >= previous_end,
            "unsorted or overlapping {span:?}"
        );
        prop_assert!(span.end <= text.len());
        let slice = span.get(text);
        prop_assert!(slice.is_some(), "span {span:?} off a char boundary");
        let slice = slice.unwrap_or_default();
        prop_assert_eq!(slice.trim(), slice, "span {:?} not trimmed", span);
        // Every character between two sentences is whitespace.
        prop_assert!(text[previous_end..span.start].trim().is_empty());
        previous_end = span.end;
    }
    prop_assert!(
        text[previous_end..].trim().is_empty(),
        "uncovered text at the end"
    );
    Ok(())
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        ".", ".", "?", "!", " ", " ", "\n", "\r\n", "\"", "'", "“", "”", "’", "(", ")", "[", "]",
        "…", "•", "⁃", "a", "b", "I", "S", "U", "The", "Mr", "No", "Inc", "a.m", "e.g", "1", "2",
        "10", "@", "://", "www", "é", "É", "\u{a0}", "\u{2028}", "°", "Ab", ",",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn spans_are_valid_on_news_like_noise(text in arbitrary_text()) {
        let spans = Splitter::new().split(&text);
        check_spans(&text, &spans)?;
        let paragraphs = Splitter::builder().line_break_ends_sentence(false).build();
        check_spans(&text, &paragraphs.split(&text))?;
    }

    #[test]
    fn spans_are_valid_on_any_string(text in any::<String>()) {
        check_spans(&text, &Splitter::new().split(&text))?;
    }
}

#[test]
fn a_company_suffix_ends_a_sentence_before_a_new_subject_and_verb() {
    assert_eq!(
        split("It competes with Ledger, a service from Northpine Software Corp. Northpine cut the price in May."),
        [
            "It competes with Ledger, a service from Northpine Software Corp.",
            "Northpine cut the price in May."
        ]
    );
    // The name or its clause goes on: a title, a name, capitals, a day, a
    // capitalized phrase.
    for text in [
        "Shares of Acme Corp. Chief Executive Jane Roe bought rose.",
        "He spoke to Apple Inc. CEO Tim Cook on Monday.",
        "The deal values Acme Inc. Tuesday at $5 billion.",
        "The unit of Acme Ltd. Board of Directors met.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn a_question_goes_on_into_its_attribution_over_an_apposition() {
    for text in [
        "“Why now?” Lisa Monaco, an adviser to the president, said at a summit.",
        "“Why now?” Smith, a critic, asked.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
    assert_eq!(
        split("“Why now?” Smith, Jones and Brown left early."),
        ["“Why now?”", "Smith, Jones and Brown left early."]
    );
}

#[test]
fn wrapped_lines_are_read_as_their_paragraphs() {
    let text = "\tLate on Monday the president and the governors of New\n\
                York, California and Virginia took a stance in favor\n\
                of the bill. The industry has fought it for years, and\n\
                the senators from both parties are likely to agree on\n\
                the final version of the measure this week, said some\n\
                officials in the three states on Tuesday morning.\n\
                \tThe bill now goes to the House.\n";
    let found = split(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0]
        .ends_with("New\nYork, California and Virginia took a stance in favor\nof the bill."));
    assert_eq!(found[2], "The bill now goes to the House.");
    // Read line by line when asked.
    let by_line = Splitter::builder().read_wrapped_lines(false).build();
    assert_eq!(sentences(&by_line, text).len(), 8);
}
