//! Unit tests of the grammar, one phrase at a time.

use super::*;

fn one(text: &str) -> Quantity {
    let found = Normalizer::new().find(text);
    assert_eq!(found.len(), 1, "{text:?} -> {found:#?}");
    found.into_iter().next().unwrap()
}

fn texts(text: &str) -> Vec<String> {
    Normalizer::new()
        .find(text)
        .into_iter()
        .map(|q| q.text)
        .collect()
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Normalizer>();
    assert_send_sync::<NormalizerBuilder>();
}

#[test]
fn digits_words_and_scales() {
    for (text, value) in [
        ("1,250", 1250.0),
        ("24.2", 24.2),
        ("twenty-five", 25.0),
        ("one hundred and five", 105.0),
        ("a dozen", 12.0),
        ("3.5 million", 3.5e6),
        ("two-thirds", 2.0 / 3.0),
        ("a third of", 1.0 / 3.0),
        ("10k", 1e4),
        ("1.2 trillion", 1.2e12),
    ] {
        let q = one(text);
        assert!(
            (q.value.unwrap() - value).abs() < 1e-6 * value.max(1.0),
            "{text}: {q:?}"
        );
    }
}

#[test]
fn sub_units_count_in_their_own_main_unit() {
    let q = one("1 bitcoin and 50 satoshis");
    assert_eq!(q.unit.as_deref(), Some("XBT"));
    assert!((q.value.unwrap() - 1.000_000_5).abs() < 1e-12, "{q:?}");
    let q = one("3 dollars and 5 cents");
    assert!((q.value.unwrap() - 3.05).abs() < 1e-12, "{q:?}");
}

#[test]
fn money_forms() {
    for (text, value, unit) in [
        ("$2bn", 2e9, "USD"),
        ("£95m", 95e6, "GBP"),
        ("US$4.7 billion", 4.7e9, "USD"),
        ("€3 million", 3e6, "EUR"),
        ("£450,000", 450000.0, "GBP"),
        ("89 cents", 0.89, "USD"),
        ("96.4p", 0.964, "GBP"),
        ("C$300 million", 3e8, "CAD"),
        ("A$5", 5.0, "AUD"),
        ("¥100", 100.0, "JPY"),
        ("EUR 125", 125.0, "EUR"),
        ("420 million yen", 4.2e8, "JPY"),
        ("125 million Australian dollars", 1.25e8, "AUD"),
        ("5 pounds", 5.0, "GBP"),
        ("250,000 satoshis", 0.0025, "XBT"),
    ] {
        let q = one(text);
        assert_eq!(q.kind, QuantityKind::Money, "{text}");
        assert!(
            (q.value.unwrap() - value).abs() < 1e-6 * value.max(1.0),
            "{text}: {q:?}"
        );
        assert_eq!(q.unit.as_deref(), Some(unit), "{text}");
    }
}

#[test]
fn percent_forms() {
    for text in ["13%", "13 percent", "13 per cent", "13 percentage points"] {
        let q = one(text);
        assert_eq!(q.kind, QuantityKind::Percent, "{text}");
        assert_eq!(q.value, Some(13.0));
        assert_eq!(q.text, text);
        assert_eq!(q.unit.as_deref(), Some("percent"));
    }
}

#[test]
fn ordinals() {
    for (text, v) in [
        ("1st", 1.0),
        ("first", 1.0),
        ("twenty-first", 21.0),
        ("No. 1", 1.0),
        ("4th", 4.0),
    ] {
        let q = one(text);
        assert_eq!(q.kind, QuantityKind::Ordinal, "{text}");
        assert_eq!(q.value, Some(v), "{text}");
    }
    assert_eq!(texts("its fourth-quarter results"), ["fourth"]);
    assert!(texts("third-party sellers and first-hand and second-hand accounts").is_empty());
}

#[test]
fn ranges_and_two_values() {
    let q = one("between 200 and 300");
    assert_eq!(
        (q.kind, q.low, q.high, q.value),
        (QuantityKind::Range, Some(200.0), Some(300.0), None)
    );
    let q = one("10-15%");
    assert_eq!(
        (q.kind, q.low, q.high),
        (QuantityKind::Percent, Some(10.0), Some(15.0))
    );
    let q = one("$1 billion to $1.5 billion");
    assert_eq!(
        (q.kind, q.low, q.high),
        (QuantityKind::Money, Some(1e9), Some(1.5e9))
    );
    assert_eq!(
        texts("unemployment rose from 3.6% to 4.3%"),
        ["3.6%", "4.3%"]
    );
}

#[test]
fn hedges() {
    for text in [
        "about 30",
        "around 30",
        "roughly 30",
        "nearly 30",
        "almost 30",
        "more than 30",
        "at least 30",
        "as much as 30",
        "up to 30",
    ] {
        let q = one(text);
        assert_eq!(q.text, text);
        assert!(q.approximate, "{text}");
        assert_eq!(q.value, Some(30.0));
    }
}

#[test]
fn bounds_before_and_after_the_number() {
    for text in [
        "no more than 30",
        "no fewer than 30",
        "not more than 30",
        "less than or equal to 30",
        "greater than or equal to 30",
        "bigger or equal than 30",
        "at least or equal to 30",
        "more or less 30",
        "exceeding 30",
        "exceeded 30",
        "surpass 30",
        ">30",
        ">= 30",
        "< = 30",
        "≤30",
        "30 or more",
        "30 or fewer",
        "30 or greater than",
        "30 and over",
        "30 and up",
    ] {
        let q = one(text);
        assert_eq!(q.text, text);
        assert!(q.approximate, "{text}");
        assert_eq!(q.value, Some(30.0), "{text}");
    }
    assert_eq!(one("<-30").value, Some(-30.0));
    assert_eq!(one("$100,000 or more").unit.as_deref(), Some("USD"));
    // `above`, `below`, `over`, `under` alone leave the number exact (the
    // annotation keeps `above 40` as 40).
    for text in ["above 40", "below 40", "over 40", "under 40"] {
        let q = one(text);
        assert_eq!(q.text, "40", "{text}");
        assert!(!q.approximate, "{text}");
    }
    // Arrows and a bound that leads the next amount are no bounds.
    assert_eq!(texts("=>30"), ["30"]);
    assert_eq!(texts("<>30"), ["30"]);
    assert_eq!(texts("5 and up to 10"), ["5", "up to 10"]);
}

#[test]
fn opposite_bounds_make_one_range() {
    for (text, lo, hi) in [
        ("more than 10 and less than 40", 10.0, 40.0),
        (
            "larger than twenty and less or equal than thirty five",
            20.0,
            35.0,
        ),
        ("at most 100 and at least 20", 20.0, 100.0),
        ("no more than 50 and no less than 20", 20.0, 50.0),
        ("above 1000 and below 1500", 1000.0, 1500.0),
        ("more than 10, but under 40", 10.0, 40.0),
    ] {
        let q = one(text);
        assert_eq!(q.text, text);
        assert_eq!(q.kind, QuantityKind::Range, "{text}");
        assert_eq!(
            (q.low, q.high, q.value),
            (Some(lo), Some(hi), None),
            "{text}"
        );
    }
    let q = one("more than $1 billion but less than $2 billion");
    assert_eq!(q.kind, QuantityKind::Money);
    assert_eq!((q.low, q.high), (Some(1e9), Some(2e9)));
    // Bounds that cross stay two hedged values.
    assert_eq!(
        texts("more than 40 and less than 10"),
        ["more than 40", "less than 10"]
    );
    // The same direction twice is two values.
    assert_eq!(
        texts("more than 10 and more than 40"),
        ["more than 10", "more than 40"]
    );
}

#[test]
fn decimal_commas() {
    for (text, value) in [
        ("5,00", 5.0),
        ("1,3", 1.3),
        ("1.111,11", 1111.11),
        ("2.500.000,5", 2_500_000.5),
    ] {
        let q = one(text);
        assert_eq!(q.text, text);
        assert!((q.value.unwrap() - value).abs() < 1e-9, "{text}: {q:?}");
    }
    // Lists, chemical names and thousands are not decimals.
    assert_eq!(texts("nrs. 22,24,26,31."), ["22", "24", "26", "31"]);
    assert_eq!(one("1,250").value, Some(1250.0));
    assert_eq!(one("12,34,567.89").value, Some(1_234_567.89));
    assert!(texts("2,5-dimethylfuran").iter().all(|t| t != "2,5"));
}

#[test]
fn dates_ranks_from_the_end_and_repeated_currency() {
    // No fraction out of the middle of a date.
    assert!(texts("meet on 5/17/2018?").is_empty());
    // A place counted from the end is no rank; `second from bottom` is.
    assert!(texts("Show me the second to last.").is_empty());
    assert!(texts("the third-to-last game").is_empty());
    assert_eq!(texts("second from bottom"), ["second"]);
    // The symbol goes with the number whose currency word repeats it.
    let found = Normalizer::new().find("1 $ 10 dollars bill");
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].text, "$ 10 dollars");
    assert_eq!(found[1].value, Some(10.0));
    assert_eq!(one("€5 euros").value, Some(5.0));
    assert_eq!(one("100,000 ரூ").unit.as_deref(), Some("INR"));
    // Giga only where `G` cannot be a network generation or a g-force.
    assert_eq!(one("1,674.5 G").value, Some(1.6745e12));
    assert_eq!(one(".0012G").value, Some(1.2e6));
    assert!(texts("5G").is_empty());
    assert!(texts("2.5G").is_empty());
}

#[test]
fn vague_amounts() {
    for (text, span, lo, hi) in [
        ("several hundred", "several hundred", 300.0, 900.0),
        ("a few hundred roles", "a few hundred", 200.0, 500.0),
        ("thousands of jobs", "thousands", 2000.0, 9999.0),
        ("hundreds of jobs", "hundreds", 200.0, 999.0),
        ("dozens of people", "dozens", 24.0, 99.0),
        (
            "tens of thousands of people",
            "tens of thousands",
            20000.0,
            99999.0,
        ),
        ("a couple of people", "a couple", 2.0, 3.0),
        ("for a few months", "a few", 2.0, 5.0),
        ("from several suppliers", "several", 3.0, 9.0),
        ("A few investors sold", "A few", 2.0, 5.0),
        ("in a couple of years", "a couple", 2.0, 3.0),
        // No count: `few` without `a` says "not many", and `couple` alone
        // is a pair of people.
        ("few investors sold", "", 0.0, 0.0),
        ("the couple sold", "", 0.0, 0.0),
    ] {
        let found = Normalizer::new().find(text);
        if span.is_empty() {
            assert!(found.is_empty(), "{text}: {found:?}");
            continue;
        }
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let q = &found[0];
        assert_eq!(q.text, span);
        assert_eq!(
            (q.low, q.high, q.value, q.approximate),
            (Some(lo), Some(hi), None, true),
            "{text}"
        );
    }
}

#[test]
fn vague_determiners_can_be_left_to_a_multiplier() {
    let normalizer = Normalizer::builder().bare_vague_determiners(false).build();
    let found = normalizer.find("a few months, several suppliers and a few hundred roles");
    let texts: Vec<_> = found.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["a few hundred"]);
}

#[test]
fn leaves_years_days_times_and_names() {
    assert!(texts("In 2026, on Dec. 31 and January 5 at 10:30 a.m. and 5 pm").is_empty());
    // A currency word that begins a name is not a unit.
    assert!(texts("In 2008 Satoshi Nakamoto wrote it; in 2016 Rand Paul ran.").is_empty());
    assert!(texts("the retailer told Digital Commerce 360 it ranks in the Top 1000.").is_empty());
    assert!(texts("The F-35 and COVID-19 and the 1990s.").is_empty());
    assert_eq!(texts("In 2026 it made 500 cars."), ["500"]);
    assert_eq!(texts("It earned $2026 on May 4th."), ["$2026"]);
}

#[test]
fn protected_spans_drop_overlapping_quantities() {
    let text = "Amazon ranks No. 1 in Fortune 500 lists.";
    let at = text.find("No. 1").unwrap();
    let found = Normalizer::new().find_excluding(text, &[Span::new(at, at + 5)]);
    assert!(found.iter().all(|q| q.text != "No. 1"));
}

#[test]
fn merged_protected_spans_answer_as_the_spans_themselves() {
    // Unsorted, overlapping, nested, touching and empty spans.
    let spans = [
        Span::new(40, 50),
        Span::new(3, 9),
        Span::new(5, 7),
        Span::new(8, 12),
        Span::new(12, 15),
        Span::new(30, 30),
        Span::new(45, 60),
    ];
    let protected = Protected::new(&spans);
    for start in 0..70 {
        for end in start + 1..72 {
            let span = Span::new(start, end);
            let expected = spans.iter().any(|p| p.start < p.end && p.overlaps(span));
            assert_eq!(protected.overlaps(span), expected, "{span:?}");
        }
    }
}

#[test]
fn second_pass_forms() {
    let approx = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    for (text, kind, value, unit) in [
        ("½", QuantityKind::Cardinal, 0.5, None),
        ("2¾ million", QuantityKind::Cardinal, 2.75e6, None),
        ("half a million", QuantityKind::Cardinal, 5e5, None),
        (
            "one billion and a half million",
            QuantityKind::Cardinal,
            1.0005e9,
            None,
        ),
        ("dlrs 220 million", QuantityKind::Money, 2.2e8, Some("USD")),
        ("RM50,000", QuantityKind::Money, 5e4, Some("MYR")),
        ("rmb 10", QuantityKind::Money, 10.0, Some("CNY")),
        ("MAUD 60", QuantityKind::Money, 6e7, Some("AUD")),
        ("17 USD 25", QuantityKind::Money, 17.25, Some("USD")),
        ("10 grand", QuantityKind::Money, 1e4, Some("USD")),
        ("42 kuwaiti dinars", QuantityKind::Money, 42.0, Some("KWD")),
        ("10 riyals", QuantityKind::Money, 10.0, None),
        (
            "350 basis points",
            QuantityKind::Percent,
            3.5,
            Some("percent"),
        ),
        (
            "one-tenth of 1 percent",
            QuantityKind::Percent,
            0.1,
            Some("percent"),
        ),
        (
            "one-hundredth of a percentage point",
            QuantityKind::Percent,
            0.01,
            Some("percent"),
        ),
    ] {
        let q = one(text);
        assert_eq!(q.text, text);
        assert_eq!(q.kind, kind, "{text}");
        assert!(approx(q.value.unwrap(), value), "{text}: {q:?}");
        assert_eq!(q.unit.as_deref(), unit, "{text}");
    }
    // A spaced `a`/`s` is an article or a possessive, never `A$`/`S$`.
    let q = one("a $250,000 fee");
    assert_eq!(
        (q.text.as_str(), q.unit.as_deref()),
        ("$250,000", Some("USD"))
    );
    assert_eq!(texts("Amazon's $8-billion deal"), ["$8-billion"]);
    // Digits take no number words: `seven` starts the next phrase.
    assert_eq!(
        texts("almost $1 billion seven years ago")[0],
        "almost $1 billion"
    );
    assert_eq!(texts("the dollar 2% higher"), ["2%"]);
    assert_eq!(texts("3 USD50 cards"), ["3", "USD50"]);
    assert_eq!(texts("there are 12 out of 10"), ["12", "10"]);
    assert!(texts("see http://x.com/?q=30%25%2020% now").is_empty());
}

#[test]
fn long_fractions_and_spoken_cents() {
    for (text, value) in [
        ("twenty fifths", 4.0),
        ("one hundred thirty fifths", 100.0 / 35.0),
        ("one hundred and thirty fifths", 26.0),
        ("one hundred and thirty-two fifths", 26.4),
        ("a hundred trillionths", 1e-10),
        ("two and fifty-four hundredths", 2.54),
        ("two hundred and fifty-four hundredths", 200.54),
        ("one hundred and three quarters", 100.75),
        ("3 hundred and one", 301.0),
        ("percent of 10", 10.0),
        ("one dollar and one", 1.01),
    ] {
        let q = one(text);
        assert_eq!(q.text, text);
        let v = q.value.unwrap();
        assert!((v - value).abs() < 1e-9, "{text:?} -> {v}");
    }
    assert_eq!(one("a hundred trillionth").kind, QuantityKind::Ordinal);
    // `thirty seconds` is a duration, not thirty halves.
    assert_eq!(texts("in thirty seconds"), ["thirty seconds"]);
    assert_eq!(texts("3 hundred and 2 hundred"), ["3 hundred", "2 hundred"]);
    assert_eq!(
        texts("4 thousand 3 hundred and 0"),
        ["4 thousand 3 hundred", "0"]
    );
    // A sign after a number is not a sign before the next.
    assert_eq!(texts("10 percent of 20 people"), ["10 percent", "20"]);
    assert_eq!(texts("one dollar and two others"), ["one dollar", "two"]);
}

#[test]
fn vague_money_and_ranges() {
    let q = one("hundreds of millions of dollars");
    assert_eq!(
        (q.kind, q.low, q.high, q.unit.as_deref()),
        (QuantityKind::Money, Some(2e8), Some(999e6), Some("USD"))
    );
    let q = one("several thousand dollars");
    assert_eq!(
        (q.kind, q.low, q.high),
        (QuantityKind::Money, Some(3e3), Some(9e3))
    );
    let q = one("The number range is 1000 - 5000");
    assert_eq!((q.low, q.high), (Some(1000.0), Some(5000.0)));
    assert!(texts("from 1990-1995").len() <= 1);
    let q = one("prices ranging from $10 to $20");
    assert_eq!(q.text, "from $10 to $20");
    assert_eq!((q.low, q.high), (Some(10.0), Some(20.0)));
    assert_eq!(
        texts("It cut its forecast from 5% to 3%."),
        ["5%", "3%"],
        "a change between two values"
    );
    let q = one("greater than 4,565");
    assert!(q.approximate);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str) {
        let found = Normalizer::new().find(text);
        let mut last = 0;
        for q in &found {
            assert!(
                q.start >= last && q.start < q.end && q.end <= text.len(),
                "{q:?}"
            );
            assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
            assert_eq!(&text[q.start..q.end], q.text);
            last = q.end;
        }
    }

    /// A text of news-like paragraphs (amounts, names with digits, line
    /// breaks) and byte spans to protect, anywhere, any length.
    fn paragraphs_and_spans() -> impl Strategy<Value = (String, Vec<(usize, usize)>)> {
        let pieces = prop::sample::select(vec![
            "The S&P 500 rose 2%.",
            "Revenue grew 13% to $4.1 billion.",
            "\n",
            "Digital Commerce 360 said",
            "about 30 of the 1,200 staff",
            "No. 1",
            "\n\n",
            "between 200\nand 300",
            "Formula 1 cars",
            "Boeing 777",
            "several hundred",
            "It fell by 4 cents to 62 cents.",
            "Jane Roe, 54, said.",
            "A",
            ".",
        ]);
        prop::collection::vec(pieces, 0..30).prop_flat_map(|parts| {
            let text = parts.join(" ");
            let len = text.len() + 1;
            let spans = prop::collection::vec((0..len, 0..12usize), 0..8);
            (Just(text), spans)
        })
    }

    proptest! {
        /// Scanning once and rescanning around names gives what one
        /// protected pass gives.
        #[test]
        fn rescan_matches_one_protected_pass((text, raw) in paragraphs_and_spans()) {
            let normalizer = Normalizer::new();
            let spans: Vec<Span> = raw
                .iter()
                .map(|&(start, len)| Span::new(start, (start + len).min(text.len())))
                .collect();
            let scan = normalizer.scan(&text);
            let found = normalizer.find(&text);
            prop_assert_eq!(scan.quantities(), found.as_slice());
            prop_assert_eq!(
                normalizer.rescan_excluding(&text, &scan, &spans),
                normalizer.find_excluding(&text, &spans)
            );
        }

        #[test]
        fn never_panics_and_spans_are_valid(text in "\\PC{0,200}") {
            check(&text);
        }

        #[test]
        fn never_panics_on_number_soup(words in prop::collection::vec(prop::sample::select(vec![
            "1", "2,500", "3.5", ".08", "$", "£", "€", "%", "-", "–", "/", ":", "^", "e", "k", "m", "bn",
            "a", "an", "and", "one", "twenty", "five", "hundred", "thousand", "million", "third",
            "thirds", "half", "quarter", "point", "dozen", "several", "few", "hundreds", "of", "tens",
            "between", "to", "from", "about", "more", "than", "up", "No", ".", "percent", "per", "cent",
            "dollars", "cents", "p", "US", "C", "USD", "Dec", "2026", "st", "th", "-", "first",
            "Top", "é", "日本", "’", " ", "minus", "over", "out", "<", ">", "=", "≥", "or", "less",
            "no", "at", "least", "most", "but", ",", "above", "below", "exceeding", "equal", "last",
            "G", "ரூ", "1,3", "1.111,11",
        ]), 0..40), glue in prop::collection::vec(any::<bool>(), 40)) {
            let mut text = String::new();
            for (w, g) in words.iter().zip(glue.iter().cycle()) {
                if !*g { text.push(' '); }
                text.push_str(w);
            }
            check(&text);
        }
    }
}

#[test]
fn scientific_shares_hyphened_money_and_dozens() {
    let q = one("1.3x10^6");
    assert_eq!(q.value, Some(1_300_000.0));
    let q = one("6.23x10^-4");
    assert!((q.value.unwrap_or(0.0) - 0.000623).abs() < 1e-12);
    let q = one("one in five");
    assert_eq!(q.value, Some(0.2));
    assert_eq!(texts("won 3 in 2020"), vec!["3".to_string()]);
    let q = one("a 12-cent-a-share dividend");
    assert_eq!(q.kind, QuantityKind::Money);
    assert_eq!(q.value, Some(0.12));
    let q = one("its one-yen bid");
    assert_eq!(q.unit.as_deref(), Some("JPY"));
    assert_eq!(q.value, Some(1.0));
    assert_eq!(one("three hundred and two dozens").value, Some(324.0));
}

#[test]
fn scale_and_hundreds_after_digits() {
    assert_eq!(one("6 crore and two hundred").value, Some(60_000_200.0));
    assert_eq!(one("3 lakh").value, Some(300_000.0));
}

#[test]
fn hedges_give_their_bound() {
    use newsie_core::Bound;
    for (text, bound) in [
        ("more than 40 homes", Some(Bound::AtLeast)),
        ("at least 37 homes", Some(Bound::AtLeast)),
        ("200 or more homes", Some(Bound::AtLeast)),
        ("up to 60 mph winds", Some(Bound::AtMost)),
        ("fewer than 30 homes", Some(Bound::AtMost)),
        ("about 30 homes", None),
        ("30 homes", None),
    ] {
        let q = one(text);
        assert_eq!(q.bound, bound, "{text}: {q:?}");
    }
}

#[test]
fn changes_are_read_from_the_words_around() {
    use newsie_core::Change;
    let changes = |text: &str| -> Vec<(String, Option<Change>)> {
        Normalizer::new()
            .find(text)
            .into_iter()
            .map(|q| (q.text, q.change))
            .collect()
    };
    assert_eq!(
        changes("Revenue grew 13% to $24.2 billion."),
        [
            ("13%".to_owned(), Some(Change::Up)),
            ("$24.2 billion".to_owned(), None)
        ]
    );
    assert_eq!(
        changes("It raised its dividend by 4 cents to 62 cents."),
        [
            ("4 cents".to_owned(), Some(Change::Up)),
            ("62 cents".to_owned(), None)
        ]
    );
    assert_eq!(
        changes("Shares fell $2, a 5% drop, and sales were down 3%."),
        [
            ("$2".to_owned(), Some(Change::Down)),
            ("5%".to_owned(), Some(Change::Down)),
            ("3%".to_owned(), Some(Change::Down))
        ]
    );
    // A longer object between the verb and `by`.
    assert_eq!(
        changes("Rivals cut the price of Ledger Premium by $2 in May."),
        [("$2".to_owned(), Some(Change::Down))]
    );
    assert_eq!(
        changes("The jets cut fuel burn per seat by about 20%."),
        [("about 20%".to_owned(), Some(Change::Down))]
    );
    // What was cut, raised or counted is no change; nor a margin whose
    // verb of change belongs to another clause.
    for text in [
        "Amazon will cut hundreds of jobs.",
        "It raised $5 million from investors.",
        "It cut 5% of its staff.",
        "Sales rose from 3.6% to 4.3%.",
        "Her ratings have been rising and now outweigh her positives by 24 points.",
        "Prices rose in May, led by gains of 5% in fuel.",
    ] {
        assert!(
            changes(text).iter().all(|(_, c)| c.is_none()),
            "{text}: {:?}",
            changes(text)
        );
    }
}

#[test]
fn a_range_compared_with_a_range_is_two_ranges() {
    let found = Normalizer::new().find(
        "It expects revenue of $8.2 billion to $8.5 billion, down from $8.6 billion to $9 billion.",
    );
    let ranges: Vec<(&str, Option<f64>, Option<f64>)> = found
        .iter()
        .map(|q| (q.text.as_str(), q.low, q.high))
        .collect();
    assert_eq!(
        ranges,
        [
            ("$8.2 billion to $8.5 billion", Some(8.2e9), Some(8.5e9)),
            ("$8.6 billion to $9 billion", Some(8.6e9), Some(9e9)),
        ]
    );
}

#[test]
fn every_quantity_has_the_dimension_of_its_kind() {
    use newsie_core::Dimension;
    let found =
        Normalizer::new().find("It sold 500 units for $3 million, 5% more, and ranked fourth.");
    let dims: Vec<Option<Dimension>> = found.iter().map(|q| q.dimension).collect();
    assert_eq!(
        dims,
        [
            Some(Dimension::Count),
            Some(Dimension::Currency),
            Some(Dimension::Percent),
            None
        ]
    );
}

#[test]
fn units_of_measure_join_their_number() {
    for (text, quantity, value, unit, dimension) in [
        ("It has 512GB of storage.", "512GB", 512.0, "GB", "data"),
        ("a 6.8-inch screen", "6.8-inch", 6.8, "in", "length"),
        ("It hit 70mph on the road.", "70mph", 70.0, "mph", "speed"),
        ("a 300-mile trip", "300-mile", 300.0, "mi", "length"),
        ("It drove 120 miles.", "120 miles", 120.0, "mi", "length"),
        (
            "winds of 40 miles per hour",
            "40 miles per hour",
            40.0,
            "mph",
            "speed",
        ),
        (
            "It was 12 degrees Celsius.",
            "12 degrees Celsius",
            12.0,
            "°C",
            "temperature",
        ),
        ("35°C heat", "35°C", 35.0, "°C", "temperature"),
        ("a 20kHz tone", "20kHz", 20.0, "kHz", "frequency"),
        ("a 500 bhp engine", "500 bhp", 500.0, "bhp", "power"),
        ("It weighs 2.5 kg.", "2.5 kg", 2.5, "kg", "mass"),
        (
            "1,200 square feet",
            "1,200 square feet",
            1200.0,
            "sq ft",
            "area",
        ),
        (
            "It lasted 30 minutes.",
            "30 minutes",
            30.0,
            "min",
            "duration",
        ),
        ("A 54-year-old man", "54-year-old", 54.0, "year", "age"),
        ("He retired, aged 54.", "aged 54", 54.0, "year", "age"),
        ("Ann Lee, 54, said so.", "54", 54.0, "year", "age"),
    ] {
        let found = Normalizer::new().find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let q = &found[0];
        assert_eq!(q.text, quantity, "{text}");
        assert_eq!(q.value, Some(value), "{text}");
        assert_eq!(q.unit.as_deref(), Some(unit), "{text}");
        assert_eq!(q.dimension.map(|d| d.as_str()), Some(dimension), "{text}");
    }
    let range = one("a 3-5W laser");
    assert_eq!(
        (range.low, range.high, range.unit.as_deref()),
        (Some(3.0), Some(5.0), Some("W"))
    );
    // Not a unit: a code, a decade, a word that is also a unit symbol.
    assert_eq!(texts("the 4G network in the 1990s"), Vec::<String>::new());
    for code in [
        "The 13F filing was late.",
        "a Boeing 777F freighter",
        "scp173m",
        "24703m212",
    ] {
        assert!(
            Normalizer::new()
                .find(code)
                .iter()
                .all(|q| q.unit.is_none()),
            "{code}: {:?}",
            Normalizer::new().find(code)
        );
    }
    assert_eq!(
        one("Temperatures hit 35C on Monday.").unit.as_deref(),
        Some("°C")
    );
    assert_eq!(one("a 7.62mm barrel").unit.as_deref(), Some("mm"));
    assert_eq!(texts("5 in 10 voters"), ["5", "10"]);
}

#[test]
fn currencies_written_as_words_are_money() {
    for (text, value, unit) in [
        ("4.2 million Australian dollars", 4.2e6, "AUD"),
        ("6,999 Chinese yuan", 6999.0, "CNY"),
        ("GBP 27 million", 27e6, "GBP"),
        ("USD34.6 million", 34.6e6, "USD"),
    ] {
        let q = one(text);
        assert_eq!(
            (q.value, q.unit.as_deref()),
            (Some(value), Some(unit)),
            "{text}"
        );
    }
}

#[test]
fn ranks_codes_and_eras_are_no_hedged_counts() {
    // `up to` before a rank reaches a place; it bounds nothing.
    let q = one("The team moved up to fourth in the table.");
    assert_eq!(
        (q.text.as_str(), q.approximate, q.bound),
        ("fourth", false, None)
    );
    // Digits glued to letters before them name a model or a period.
    for text in [
        "It ordered the A350.",
        "Q3 was slow.",
        "Built in A.D. 800.",
        "It fell in 300 BC.",
    ] {
        assert!(texts(text).is_empty(), "{text}: {:?}", texts(text));
    }
    assert_eq!(texts("It costs US$5."), ["US$5"]);
}

#[test]
fn a_capitalized_number_word_inside_a_name_is_no_number() {
    for text in [
        "the First Amendment protects it",
        "near Three Mile Island today",
        "the Sixth Circuit ruled",
        "Reports say One Direction split",
        "he flew on Marine One daily",
        "a threat of World War Three, he said",
    ] {
        assert!(texts(text).is_empty(), "{text}: {:?}", texts(text));
    }
    // At a sentence's or line's start, before a lower-case word, or in a
    // title-case headline, the word is a number.
    assert_eq!(texts("Three Republicans voted no."), ["Three"]);
    assert_eq!(texts("It said.\nFive Democrats left."), ["Five"]);
    assert_eq!(texts("Storm Leaves Three Towns Without Power"), ["Three"]);
}

#[test]
fn pounds_are_a_weight_where_the_words_say_so() {
    let weight = |text: &str| {
        let q = one(text);
        (q.kind, q.unit.clone(), q.value)
    };
    for text in [
        "He lost 25 pounds last year.",
        "The fish weighed two pounds.",
        "They seized 20 pounds of cocaine.",
        "a weight of 300 pounds",
        "She hopes to drop 15 pounds.",
    ] {
        let (kind, unit, _) = weight(text);
        assert_eq!(
            (kind, unit.as_deref()),
            (QuantityKind::Cardinal, Some("lb")),
            "{text}"
        );
    }
    let baby = Normalizer::new().find("The baby weighed seven pounds, four ounces.");
    let units: Vec<Option<&str>> = baby.iter().map(|q| q.unit.as_deref()).collect();
    assert_eq!(units, [Some("lb"), Some("oz")]);
    // Without a word of weighing, pounds are money.
    for text in [
        "a fine of 25 pounds",
        "It sold for 5 million pounds.",
        "paid 5 pounds sterling",
        // A scale says money even after a word of weighing.
        "The firm lost 25 million pounds last year.",
        "The club gained 2.5m pounds from the sale.",
    ] {
        let (kind, unit, _) = weight(text);
        assert_eq!(
            (kind, unit.as_deref()),
            (QuantityKind::Money, Some("GBP")),
            "{text}"
        );
    }
}

#[test]
fn a_power_written_as_a_digit_makes_an_area_or_a_volume() {
    assert_eq!(one("a 24703m2 site").unit.as_deref(), Some("m2"));
    assert_eq!(one("a 500km2 park").unit.as_deref(), Some("km2"));
    assert_eq!(one("a 5m3 tank").unit.as_deref(), Some("m3"));
    assert!(texts("code 24703m212").is_empty());
}

#[test]
fn years_clocks_periods_of_play_and_a_second() {
    // Years before 1900 where the words say year.
    assert!(texts("Records began in 1884, and it rained.").is_empty());
    assert!(texts("its wettest winter since 1836.").is_empty());
    assert_eq!(texts("in 1500 cases"), ["1500"]);
    // A clock time written with a point.
    assert!(texts("He lifted the trophy at 9.47 p.m. on Sunday.").is_empty());
    // A position or a period of play is no fraction; its ordinal counts.
    assert!(texts("the scrum-half Liam Fenwick crossed").is_empty());
    assert_eq!(texts("equalised with a second-half volley"), ["second"]);
    // `a second` is time only where time words follow.
    assert_eq!(texts("a second plant in Arizona"), ["second"]);
    assert!(texts("a second later it fell").is_empty());
}

#[test]
fn a_change_verb_makes_two_values_of_x_to_y() {
    let found = Normalizer::new().find("gross margin narrowed 1.8 percentage points to 62.4%");
    let texts: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["1.8 percentage points", "62.4%"]);
}

#[test]
fn a_scale_letter_before_a_currency_word_is_a_million() {
    for (text, unit) in [
        ("It cost 5m euros.", "EUR"),
        ("It cost 5 m euros.", "EUR"),
        ("a 4.2m Australian dollars deal", "AUD"),
        ("sold for 5m Hong Kong dollars", "HKD"),
    ] {
        let q = one(text);
        assert_eq!(
            (q.kind, q.value, q.unit.as_deref()),
            (
                QuantityKind::Money,
                Some(if text.contains("4.2") { 4.2e6 } else { 5e6 }),
                Some(unit)
            ),
            "{text}"
        );
    }
    // Without a currency word the glued letter stays metres.
    assert_eq!(one("a 5m wall").unit.as_deref(), Some("m"));
}

#[test]
fn spaced_and_bracketed_unit_symbols() {
    // A spaced `m` after a bare number is metres, twice in `1 m x 1 m`.
    let found = Normalizer::new().find("The tiles are 1 m x 1 m.");
    let units: Vec<Option<&str>> = found.iter().map(|q| q.unit.as_deref()).collect();
    assert_eq!(units, [Some("m"), Some("m")]);
    assert_eq!(one("the 100 m final").text, "100 m");
    // Not before what a count counts, nor before a code's glued digits.
    assert_eq!(one("About 5 m people watched.").unit, None);
    assert_eq!(one("code 24703 m212").unit, None);
    // A unit symbol in brackets, as tables write it.
    for text in [
        "The weight is 20 (kg)",
        "The weight is 20 [kg]",
        "a depth of 4 (m)",
    ] {
        let q = one(text);
        assert!(
            q.text.ends_with(')') || q.text.ends_with(']'),
            "{text}: {q:?}"
        );
        assert!(q.unit.is_some(), "{text}");
    }
    // Ambiguous letters in brackets are left alone: `(in)`, `(C)`.
    assert_eq!(one("rose 20 (in) total").unit, None);
}

#[test]
fn that_one_counts_a_unit_but_not_a_day() {
    assert_eq!(one("that one mile can provide").unit.as_deref(), Some("mi"));
    assert!(texts("I hope I can be like that one day.").is_empty());
    assert!(texts("Which one did you pick?").is_empty());
}

#[test]
fn a_number_in_a_title_case_headline_is_a_quantity() {
    let n = Normalizer::new();
    let q = n.find("Marlow Bakeries to Close 38 Shops as Energy and Wage Costs Bite\n");
    assert_eq!(
        q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(),
        ["38"]
    );
    // In a sentence, a capitalized word before a number still names it.
    assert!(n.find("Its rank in the Top 1000 list rose.").is_empty());
}

#[test]
fn a_fraction_after_by_measures_a_change() {
    let n = Normalizer::new();
    let q = n.find("The pill cuts hospital admissions by a third in a late-stage trial.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "a third");
    assert!((q[0].value.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    // A rank stays a rank.
    let q = n.find("It won a third title in a row.");
    assert_eq!(q[0].text, "third");
}

#[test]
fn one_before_a_relative_clause_is_a_pronoun() {
    let n = Normalizer::new();
    assert!(n.find("They need one that lasts the whole day.").is_empty());
    assert_eq!(n.find("They hired one engineer who left.").len(), 1);
}

#[test]
fn about_after_a_noun_of_telling_is_the_topic() {
    let n = Normalizer::new();
    let q = n.find("The festival opens with a drama about three sisters.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "three");
    assert!(!q[0].approximate);
    let q = n.find("The film lasts about three hours.");
    assert!(q[0].approximate, "{q:?}");
}
