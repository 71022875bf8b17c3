//! Unit tests of the product rules, on invented sentences.

use super::*;
use EntityLabel::{Loc, Misc, Org, Per};

fn words(sentences: &[&'static str]) -> Vec<Vec<&'static str>> {
    sentences.iter().map(|s| s.split(' ').collect()).collect()
}

/// The mentions' words and labels, for readable assertions.
fn shown(words: &[Vec<&str>], mentions: &[Mention]) -> Vec<(String, EntityLabel)> {
    mentions
        .iter()
        .map(|&(s, a, b, l, _)| (words[s][a..b].join(" "), l))
        .collect()
}

fn run(
    sentences: &[&'static str],
    mentions: &[(usize, usize, usize, EntityLabel)],
) -> Vec<(String, EntityLabel)> {
    let w = words(sentences);
    let mut m: Vec<Mention> = mentions
        .iter()
        .map(|&(s, a, b, l)| (s, a, b, l, 0.9))
        .collect();
    product_names(&w, &mut m);
    shown(&w, &m)
}

fn pairs(list: &[(&str, EntityLabel)]) -> Vec<(String, EntityLabel)> {
    list.iter().map(|(t, l)| (t.to_string(), *l)).collect()
}

#[test]
fn model_codes_and_generic_codes() {
    for code in [
        "A350",
        "777X",
        "A321neo",
        "GE9X",
        "A350-1000",
        "777-300ER",
        "S24",
        "X5",
    ] {
        assert!(is_model_code(code), "{code}");
    }
    for not in [
        "2024",
        "4th",
        "1990s",
        "COVID",
        "Q3",
        "H1",
        "G7",
        "G20",
        "U21",
        "U-23",
        "Under-21",
        "FY2024",
        "FY24",
        "5G",
        "3D",
        "4K",
        "10K",
        "3Q",
        "10-K",
        "8-K",
        "COVID-19",
        "Covid-19",
        "SARS-CoV-2",
        "500CC",
        "100MW",
        "H1N1",
        "CO2",
        "2-1",
        "-A1",
        "A1-",
        "MP3",
    ] {
        assert!(!is_model_code(not), "{not}");
    }
}

#[test]
fn families_of_codes() {
    assert_eq!(family("777X").as_deref(), Some("777"));
    assert_eq!(family("777-9").as_deref(), Some("777"));
    assert_eq!(family("A350-1000").as_deref(), Some("A350"));
    assert_eq!(family("TOI-2291").as_deref(), Some("TOI2291"));
    assert_eq!(family("2-1"), None);
    assert!(is_numbered_variant("777-9") && !is_numbered_variant("2-1"));
}

#[test]
fn a_name_runs_on_over_its_model_code() {
    let got = run(
        &["Kestrel will buy Boeing 777X jets and Airbus A321neo Pro aircraft ."],
        &[(0, 0, 1, Org), (0, 3, 4, Org), (0, 7, 8, Misc)],
    );
    assert_eq!(
        got,
        pairs(&[
            ("Kestrel", Org),
            ("Boeing 777X", Misc),
            ("Airbus A321neo Pro", Misc)
        ])
    );
    // People and places keep what follows them: `Jassy A1`, `London SW1`.
    let got = run(
        &["Jassy A1 met in London SW1 ."],
        &[(0, 0, 1, Per), (0, 4, 5, Loc)],
    );
    assert_eq!(got, pairs(&[("Jassy", Per), ("London", Loc)]));
    // Periods, generations and diseases are no model codes.
    let got = run(
        &["Apple Q3 sales and Vodafone 5G masts and Pfizer COVID-19 shots rose ."],
        &[(0, 0, 1, Org), (0, 4, 5, Org), (0, 8, 9, Org)],
    );
    assert_eq!(
        got,
        pairs(&[("Apple", Org), ("Vodafone", Org), ("Pfizer", Org)])
    );
}

#[test]
fn an_operator_keeps_its_name_beside_the_product() {
    let got = run(
        &["Kestrel Airways A350 jets and Acme Corp. X5 Pro phones and Zeta Group 757 jets ."],
        &[(0, 0, 2, Org), (0, 5, 7, Org), (0, 11, 13, Org)],
    );
    assert_eq!(
        got,
        pairs(&[
            ("Kestrel Airways", Org),
            ("A350", Misc),
            ("Acme Corp.", Org),
            ("X5 Pro", Misc),
            ("Zeta Group", Org),
        ])
    );
    // A code the model tagged on its own is the product all the same.
    let got = run(
        &["Kestrel Airways A350 jets ."],
        &[(0, 0, 2, Org), (0, 2, 3, Org)],
    );
    assert_eq!(got, pairs(&[("Kestrel Airways", Org), ("A350", Misc)]));
}

#[test]
fn an_organization_of_several_words_keeps_its_number() {
    let got = run(
        &["The head of Teamsters Local 294 and Intermediate School 285 spoke ."],
        &[(0, 3, 5, Org), (0, 7, 9, Org)],
    );
    assert_eq!(
        got,
        pairs(&[("Teamsters Local", Org), ("Intermediate School", Org)])
    );
    // A product of several words does take one (`Super Bowl 50`).
    let got = run(
        &["He watched Super Bowl 50 on the sofa at home ."],
        &[(0, 2, 4, Misc)],
    );
    assert_eq!(got, pairs(&[("Super Bowl 50", Misc)]));
}

#[test]
fn a_nationality_keeps_its_name_beside_the_product() {
    let got = run(
        &["A captured Russian T-72 tank and a Taleban MiG-19 jet and the iPhone X7 ."],
        &[(0, 2, 3, Misc), (0, 7, 8, Misc), (0, 12, 13, Misc)],
    );
    assert_eq!(
        got,
        pairs(&[
            ("Russian", Misc),
            ("T-72", Misc),
            ("Taleban", Misc),
            ("MiG-19", Misc),
            ("iPhone X7", Misc),
        ])
    );
    assert!(is_demonym("Chinese") && is_demonym("Israeli") && is_demonym("Russian-made"));
    assert!(!is_demonym("Nikkei") && !is_demonym("iPhone") && !is_demonym("Pixel"));
}

#[test]
fn a_table_takes_no_codes() {
    let got = run(
        &["Hemina 33 05/09 Eleusis / UKCM W155 CNR ."],
        &[(0, 5, 6, Org)],
    );
    assert_eq!(got, pairs(&[("UKCM", Org)]));
    assert!(!is_table_line(&[
        "Kestrel", "Orders", "Boeing", "777X", "Jets"
    ]));
}

#[test]
fn a_plural_name_takes_no_number() {
    let got = run(
        &["Republicans have 24 seats up in November , Democrats 10 ."],
        &[(0, 0, 1, Misc), (0, 8, 9, Misc)],
    );
    assert_eq!(got, pairs(&[("Republicans", Misc), ("Democrats", Misc)]));
    // `Airbus` is no plural.
    let got = run(&["It flew the Airbus 320 until 2010 ."], &[(0, 3, 4, Org)]);
    assert_eq!(got, pairs(&[("Airbus 320", Misc)]));
}

#[test]
fn a_name_and_its_separate_code_merge() {
    let got = run(
        &["It bought 16 Airbus A350-1000 aircraft ."],
        &[(0, 3, 4, Org), (0, 4, 5, Misc)],
    );
    assert_eq!(got, pairs(&[("Airbus A350-1000", Misc)]));
    // Two names side by side stay two when the second is no code.
    let got = run(
        &["Airbus Boeing rivalry grew ."],
        &[(0, 0, 1, Org), (0, 1, 2, Org)],
    );
    assert_eq!(got, pairs(&[("Airbus", Org), ("Boeing", Org)]));
    // An organization that already holds its code is the product.
    let got = run(&["The Boeing 777X flew ."], &[(0, 1, 3, Org)]);
    assert_eq!(got, pairs(&[("Boeing 777X", Misc)]));
}

#[test]
fn a_name_runs_on_over_a_model_number() {
    let got = run(
        &[
            "It will retire its last Boeing 757 jets by the end of the year .",
            "The Nikkei 225 index rose , and so did the S&P 500 to a record .",
            "The iPhone 15 Pro beat the Pixel 9 in a test .",
        ],
        &[
            (0, 5, 6, Misc),
            (1, 1, 2, Misc),
            (1, 10, 11, Org),
            (2, 1, 2, Misc),
            (2, 6, 7, Misc),
        ],
    );
    assert_eq!(
        got,
        pairs(&[
            ("Boeing 757", Misc),
            ("Nikkei 225", Misc),
            ("S&P 500", Misc),
            ("iPhone 15 Pro", Misc),
            // A single digit with no variant word may be a score.
            ("Pixel", Misc),
        ])
    );
    // A variant the model read as a name, and its number, run on too;
    // a count after a variant stays out.
    let got = run(
        &[
            "The airline flies the Boeing 737 Max 8 and the FTSE 250 company too .",
            "The Pixel 9 Pro 2 years ago was its best phone .",
        ],
        &[
            (0, 4, 5, Org),
            (0, 6, 7, Per),
            (0, 10, 11, Misc),
            (1, 1, 2, Misc),
        ],
    );
    assert_eq!(
        got,
        pairs(&[
            ("Boeing 737 Max 8", Misc),
            ("FTSE 250", Misc),
            ("Pixel 9 Pro", Misc),
        ])
    );
}

#[test]
fn scores_counts_and_years_are_no_model_numbers() {
    let got = run(
        &[
            "Apple 2023 revenue rose , analysts said on the day .",
            "The deal gave Boeing 50 jets worth of work , it said .",
            "The deal gave Boeing 10 percent of the market , it said .",
            "Leeds 2 Arsenal 1",
            "Chicago 103 Boston 96",
            "Lancashire 350 and 126-3 ( Smith 60 ) .",
            "The index closed at Acme 25 Zeta 12 in late trade .",
            "Surrey 250 ( Stewart 60 ) , rain stopped play at tea .",
            "Later that day the Lakers 110 to 95 win was over , he said .",
            "( Finland ) McLaren 171 laps - 6 hours 18 minutes",
        ],
        &[
            (0, 0, 1, Org),
            (1, 3, 4, Org),
            (2, 3, 4, Org),
            (3, 0, 1, Org),
            (3, 2, 3, Org),
            (4, 0, 1, Org),
            (4, 2, 3, Org),
            (5, 0, 1, Org),
            (6, 4, 5, Org),
            (7, 0, 1, Org),
            (8, 4, 5, Org),
            (9, 3, 4, Org),
        ],
    );
    let expected: Vec<(String, EntityLabel)> = [
        "Apple",
        "Boeing",
        "Boeing",
        "Leeds",
        "Arsenal",
        "Chicago",
        "Boston",
        "Lancashire",
        "Acme",
        "Surrey",
        "Lakers",
        "McLaren",
    ]
    .iter()
    .map(|t| (t.to_string(), Org))
    .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_results_line_is_told_apart() {
    assert!(is_results_line(&["Leeds", "2", "Arsenal", "1"]));
    assert!(is_results_line(&["Essex", "10", "5", "3", "2", "15"]));
    assert!(is_results_line(&[
        "Results",
        "were",
        "mixed",
        ":",
        "Bath",
        "28",
        ",",
        "Leicester",
        "20",
        "."
    ]));
    assert!(!is_results_line(&[
        "The", "FTSE", "250", "fell", "in", "early", "trade", "."
    ]));
    // A date after a name is no second score.
    assert!(!is_results_line(&[
        "It", "will", "retire", "its", "Boeing", "757", "jets", "by", "Dec.", "31", "."
    ]));
}

#[test]
fn a_number_accepted_once_is_accepted_again() {
    // `Boeing 720 ,` is a model number; the memory carries it to
    // `Boeing 720 planes`, which alone reads as a count (a round number
    // before a plural), but not to another number.
    let got = run(
        &[
            "Rivals still fly the Boeing 720 , an old jet .",
            "It flew Boeing 720 planes for years after that .",
            "It flew Boeing 72 planes for years after that .",
        ],
        &[(0, 4, 5, Misc), (1, 2, 3, Misc), (2, 2, 3, Misc)],
    );
    assert_eq!(
        got,
        pairs(&[("Boeing 720", Misc), ("Boeing 720", Misc), ("Boeing", Misc)])
    );
}

#[test]
fn an_organizations_possessive_introduces_its_product() {
    let got = run(
        &["It uses Rolls-Royce 's Trent XWB engine and GE Aerospace 's GE9X ."],
        &[(0, 2, 3, Org), (0, 4, 6, Per), (0, 8, 10, Org)],
    );
    assert_eq!(
        got,
        pairs(&[
            ("Rolls-Royce", Org),
            ("Trent XWB", Misc),
            ("GE Aerospace", Org),
            ("GE9X", Misc),
        ])
    );
    // A person's post-nominals, and a period after a possessive, stay.
    let got = run(
        &["Acme 's John Smith MBE said Acme 's Q3 rose ."],
        &[(0, 0, 1, Org), (0, 2, 5, Per), (0, 6, 7, Org)],
    );
    assert_eq!(
        got,
        pairs(&[("Acme", Org), ("John Smith MBE", Per), ("Acme", Org)])
    );
}

#[test]
fn a_planet_keeps_its_letter() {
    let got = run(
        &["The planet TOI-2291 b is small , unlike ( b ) Acme-2 ."],
        &[(0, 2, 3, Misc)],
    );
    assert_eq!(got, pairs(&[("TOI-2291 b", Misc)]));
    assert!(is_catalogue_name("TRAPPIST-1") && is_catalogue_name("K2-18"));
    assert!(!is_catalogue_name("2-1") && !is_catalogue_name("well-being"));
    // A disease's name is no star's, for the document memory.
    assert!(is_star_name("TRAPPIST-1") && !is_star_name("COVID-19"));
    let got = run(
        &[
            "The COVID-19 vaccine , Acme said .",
            "COVID-19 cases rose .",
        ],
        &[(0, 1, 2, Misc), (0, 4, 5, Org)],
    );
    assert_eq!(got, pairs(&[("COVID-19", Misc), ("Acme", Org)]));
}

#[test]
fn a_document_remembers_its_product_families() {
    let got = run(
        &[
            "Kestrel will buy Boeing 777X jets .",
            "The 777-9 , one of two 777X models , is larger than the A350 .",
            "It scored 2-1 , 777 people flew , and 300-400 jets and M25 too .",
        ],
        &[(0, 0, 1, Org), (0, 3, 4, Org), (1, 6, 7, Org)],
    );
    assert_eq!(
        got,
        pairs(&[
            ("Kestrel", Org),
            ("Boeing 777X", Misc),
            ("777-9", Misc),
            ("777X", Misc),
        ])
    );
    // A product's model number makes its variants known; a round one
    // does not make a range a product.
    let got = run(
        &[
            "It flies the Boeing 787 and the FTSE 100 fell .",
            "The 787-9 is longer , and 100-120 seats .",
            "Its first 787 arrived , the 100 index fell and 787 people flew .",
            "The 787 flew on , and prices rose 787 points .",
        ],
        &[(0, 3, 4, Org), (0, 7, 8, Misc)],
    );
    assert_eq!(
        got,
        pairs(&[
            ("Boeing 787", Misc),
            ("FTSE 100", Misc),
            ("787-9", Misc),
            ("787", Misc),
            ("787", Misc),
        ])
    );
    // With no product named, codes standing alone are left alone.
    let got = run(&["The 777X and the 777-9 flew ."], &[]);
    assert!(got.is_empty());
}

#[test]
fn a_variant_that_runs_on_into_lower_case_words_is_cut() {
    let words: Vec<Vec<&str>> = vec!["its Vantor X2 Pro smartphone on Sunday"
        .split(' ')
        .collect()];
    let mut mentions = vec![
        (0, 1, 3, EntityLabel::Misc, 0.6),
        (0, 3, 7, EntityLabel::Misc, 0.4),
    ];
    product_names(&words, &mut mentions);
    let spans: Vec<(usize, usize)> = mentions.iter().map(|m| (m.1, m.2)).collect();
    // The run-on goes; the variant joins its model: one product.
    assert_eq!(spans, vec![(1, 4)], "{mentions:?}");
}

#[test]
fn a_variant_cut_from_its_model_code_joins_it_again() {
    let found = run(
        &["Corvane unveils X7 Pro phone ."],
        &[(0, 0, 1, Org), (0, 2, 3, Misc), (0, 3, 4, Misc)],
    );
    assert_eq!(found, pairs(&[("Corvane", Org), ("X7 Pro", Misc)]));
}
