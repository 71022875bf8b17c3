use super::*;
use newsie_core::{EntityLabel, QuoteKind, SpeakerKind};

fn quotes(text: &str) -> Vec<Quote> {
    Attributor::new().attribute(text, &[], &[])
}

fn speaker(q: &Quote) -> (&str, SpeakerKind, Option<&str>) {
    let s = q.speaker.as_ref().expect("a speaker");
    (s.text.as_str(), s.kind, s.resolved.as_deref())
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Attributor>();
    assert_send_sync::<AttributorBuilder>();
    assert_send_sync::<Error>();
}

#[test]
fn interrupted_quote_gives_two_records_with_one_speaker() {
    let q = quotes("Maria Lopez runs the bakery.\n\"We sell bread,\" she said, \"and cakes.\"");
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].text, "We sell bread,");
    assert_eq!(q[1].text, "and cakes.");
    for quote in &q {
        assert_eq!(
            speaker(quote),
            ("she", SpeakerKind::Person, Some("Maria Lopez"))
        );
        assert_eq!(quote.cue.as_ref().unwrap().lemma, "say");
    }
}

#[test]
fn trailing_indirect_takes_the_clause_before_the_comma() {
    let q = quotes("Globex Inc. makes widgets. About 1,400 jobs are at risk, the company said.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(q[0].text, "About 1,400 jobs are at risk");
    assert_eq!(
        speaker(&q[0]),
        (
            "the company",
            SpeakerKind::Organization,
            Some("Globex Inc.")
        )
    );
}

#[test]
fn inverted_attribution_and_title() {
    let q = quotes("“Prices will fall,” said Senator John Smith.\n“I agree,” said Smith.");
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        speaker(&q[0]),
        ("John Smith", SpeakerKind::Person, Some("John Smith"))
    );
    assert_eq!(
        speaker(&q[1]),
        ("Smith", SpeakerKind::Person, Some("John Smith"))
    );
}

#[test]
fn apposition_names_the_person() {
    let q = quotes("Jane Doe, a spokesperson for Acme Corp., said the plant will close in May.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "the plant will close in May");
    assert_eq!(speaker(&q[0]).0, "Jane Doe");
}

#[test]
fn anonymous_spokesperson_resolves_to_the_organization() {
    let q = quotes("Initech Corp. cut 50 jobs. The cuts are final, an Initech spokesperson said.");
    assert_eq!(
        speaker(&q[0]),
        (
            "an Initech spokesperson",
            SpeakerKind::Anonymous,
            // The fullest name the article gives for the organization.
            Some("Initech Corp.")
        )
    );
    let q = quotes("Initech Corp. cut 50 jobs.\n\"It was hard,\" a spokesperson said.");
    assert_eq!(
        speaker(&q[0]),
        (
            "a spokesperson",
            SpeakerKind::Anonymous,
            Some("Initech Corp.")
        )
    );
}

#[test]
fn partial_quote_is_direct_only() {
    let q = quotes("The analyst called the price “full but defensible” in a note.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(q[0].text, "full but defensible");
    assert_eq!(q[0].cue.as_ref().unwrap().lemma, "call");
}

#[test]
fn scare_quotes_without_a_cue_are_dropped() {
    assert!(quotes("The so-called “smart” carts are popular.").is_empty());
}

#[test]
fn not_quotes() {
    assert!(quotes("Acme declined to comment on the layoffs.").is_empty());
    assert!(quotes("Acme urged investors to stay calm.").is_empty());
    assert!(quotes("Acme expects revenue to grow 5% next year.").is_empty());
}

#[test]
fn according_to() {
    let q = quotes("According to Acme Corp., sales rose 5% in May.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "sales rose 5% in May");
    assert_eq!(q[0].cue.as_ref().unwrap().lemma, "according to");
    let q = quotes("Sales rose 5% in May, according to Acme Corp.");
    assert_eq!(q[0].text, "Sales rose 5% in May");
}

#[test]
fn open_quote_continues_into_the_next_paragraph() {
    let text = "Mayor Ann Lee spoke on Monday. She wrote: “We will build. We will grow.\n“And we will not stop,” she said.";
    let q = quotes(text);
    // One record from the first opening mark to the final closing one, the
    // paragraph break and the repeated opening mark included (annotation.md).
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "We will build. We will grow.\n“And we will not stop,"
    );
    assert_eq!(speaker(&q[0]).2, Some("Ann Lee"));
    // A paragraph that leaves a quotation open and a next one that does
    // not reopen it: the record ends with its paragraph.
    let q = quotes("Ann Lee wrote: “We will build.\nThe council said it would vote.");
    assert_eq!(q[0].text, "We will build.");
}

#[test]
fn quote_only_paragraph_takes_the_previous_speaker() {
    let text = "“It works,” Tom Baker told reporters.\n“We tested it for a year and it never failed once.”";
    let q = quotes(text);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(speaker(&q[1]).0, "Tom Baker");
    assert_eq!(q[1].cue.as_ref().unwrap().lemma, "tell");
}

#[test]
fn builder_rejects_zero_limit() {
    assert_eq!(
        Attributor::builder()
            .partial_max_words(0)
            .build()
            .unwrap_err(),
        Error::ZeroPartialLimit
    );
}

#[test]
fn mention_phrase_widens_over_titles() {
    let text = "“Yes,” CEO Andy Jassy said.";
    let start = text.find("Andy").unwrap();
    let span = mention_phrase(text, Span::new(start, start + "Andy Jassy".len()));
    assert_eq!(&text[span.start..span.end], "CEO Andy Jassy");
}

#[test]
fn wide_attribution_is_an_option() {
    let text = "A Gallup poll found that most voters distrust both parties.";
    assert!(quotes(text).is_empty());
    let wide = Attributor::builder()
        .wide_attribution(true)
        .build()
        .unwrap();
    let q = wide.attribute(text, &[], &[]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "most voters distrust both parties");
    assert_eq!(q[0].cue.as_ref().unwrap().lemma, "find");
    let q = wide.attribute("Mr. Kaine called for a review of the rules.", &[], &[]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].cue.as_ref().unwrap().text, "called for");
    let q = wide.attribute("PENCE: Well, look, the question is timing.", &[], &[]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(&q[0]).0, "PENCE");
    // What a name-calling verb says of its object, without marks; not
    // `called` naming a thing.
    let q = wide.attribute("Ann Ray has called the plan a costly mistake.", &[], &[]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "the plan a costly mistake");
    let q = wide.attribute(
        "She joined a group called Parents for Safer Roads.",
        &[],
        &[],
    );
    assert!(q.is_empty(), "{q:?}");
    // A participle sharing the subject reports on its own, in both scopes.
    let text = "“It is worse every day,” he said, adding that “the rules are absurd.”";
    for q in [wide.attribute(text, &[], &[]), quotes(text)] {
        let cues: Vec<&str> = q
            .iter()
            .map(|q| q.cue.as_ref().unwrap().text.as_str())
            .collect();
        assert_eq!(cues, ["said", "adding"], "{q:?}");
    }
}

#[test]
fn attribution_inside_the_clause_gives_both_pieces() {
    let q = quotes("The museum, Mr. Obama said, would make visitors face hard truths.");
    let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        ["The museum", "would make visitors face hard truths"]
    );
    assert_eq!(speaker(&q[1]).0, "Obama");
}

#[test]
fn party_tag_after_a_name_is_skipped() {
    let q = quotes("Sen. Lindsey Graham (R-S.C.) told reporters that the deal is dead.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(&q[0]).0, "Lindsey Graham");
    assert_eq!(q[0].text, "the deal is dead");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn no_panic_and_valid_spans(text in "[A-Za-z ,.\"“”‘’'\n:é0-9]{0,200}", cut in 0usize..50) {
            // Arbitrary (even nonsensical) sentence spans must not hurt.
            let sentences = [Span::new(0, cut.min(text.len())), Span::new(cut, cut + 3)];
            let wide = Attributor::builder().wide_attribution(true).build().unwrap();
            for (sents, attributor) in [
                (&sentences[..], Attributor::new()),
                (&[][..], Attributor::new()),
                (&[][..], wide),
            ] {
                let text = text.replace("fou", "found (R) ").replace("cal", "called for ");
                let quotes = attributor.attribute(&text, sents, &[]);
                let mut last = 0;
                for q in &quotes {
                    prop_assert!(q.start >= last);
                    last = q.start;
                    prop_assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
                    prop_assert!(q.start < q.end);
                    if let Some(s) = &q.speaker {
                        prop_assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
                    }
                    if let Some(c) = &q.cue {
                        prop_assert_eq!(text.get(c.start..c.end), Some(c.text.as_str()));
                    }
                }
            }
        }
    }
}

#[test]
fn a_chain_of_titles_is_not_part_of_the_name() {
    let q = quotes("Chief Financial Officer Laura Benning said costs rose 12% last year.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        speaker(&q[0]),
        ("Laura Benning", SpeakerKind::Person, Some("Laura Benning"))
    );
}

#[test]
fn a_short_company_name_resolves_to_its_full_form() {
    let text = "Brandt Kessel Bank AG was fined on Tuesday.\n\
                Brandt Kessel said it would appeal the decision in court.\n\
                Acme Corp. said it will cut 200 jobs next year.";
    let q = quotes(text);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        speaker(&q[0]),
        (
            "Brandt Kessel",
            SpeakerKind::Organization,
            Some("Brandt Kessel Bank AG")
        )
    );
    assert_eq!(
        speaker(&q[1]),
        ("Acme Corp.", SpeakerKind::Organization, Some("Acme Corp."))
    );
}

#[test]
fn a_pronoun_takes_the_person_named_last() {
    let text = "A Globex spokeswoman said the plant would close in May.\n\
                Tom Reyes, who worked there for 20 years, lifted the sign. \
                “This is sad,” he said.";
    let q = quotes(text);
    let last = q.last().expect("a quote");
    assert_eq!(
        speaker(last),
        ("he", SpeakerKind::Person, Some("Tom Reyes"))
    );
    assert_eq!(speaker(&q[0]).1, SpeakerKind::Anonymous);
}

#[test]
fn a_forecast_with_a_modal_is_no_quote() {
    let q = quotes("The weaker yen would add about ¥210 billion to profit this year.");
    assert!(q.is_empty(), "{q:?}");
}

fn wide(text: &str) -> Vec<newsie_core::Quote> {
    Attributor::builder()
        .wide_attribution(true)
        .build()
        .expect("valid settings")
        .attribute(text, &[], &[])
}

fn phrase(text: &str, q: &newsie_core::Quote) -> String {
    let span = mention_phrase(text, q.speaker.as_ref().expect("a speaker").span());
    text[span.start..span.end].to_owned()
}

#[test]
fn a_dash_signature_names_the_speaker() {
    let text = "“Maybe we can build a wall around him.” ― Steve Quinlan.\n“He is a bully.” ― Veronica Cruz";
    let q = wide(text);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].speaker.as_ref().unwrap().text, "Steve Quinlan");
    assert_eq!(q[1].speaker.as_ref().unwrap().text, "Veronica Cruz");
    // Not under the default notion's rules for unsigned dashes.
    assert!(
        wide("“A plain quote with no name.” ― and more words follow here").is_empty()
            || wide("“A plain quote with no name.” ― and more words follow here")[0]
                .speaker
                .is_none()
    );
}

#[test]
fn a_transcript_line_may_open_with_a_quotation_mark() {
    let text = "\"WALLACE: If I may, sir, because we have got limited time.";
    let q = wide(text);
    let named = q
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| s.text.as_str());
    assert_eq!(named.collect::<Vec<_>>(), ["WALLACE"], "{q:?}");
}

#[test]
fn a_quote_inside_a_reported_clause_belongs_to_the_outer_report() {
    let text = "Ditto said she expects the campaign “to continue calling out examples of bias.”";
    let q = wide(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].cue.as_ref().unwrap().text, "said");
    assert_eq!(phrase(text, &q[0]), "Ditto");
}

#[test]
fn phrases_keep_possessives_initials_and_coordination() {
    let text = "It is unlikely; Clinton’s team says she will continue her march.\n\
                Leonard E. Burman said the plan was fine for most people.\n\
                Mr. Grassley and Mr. Leahy said developers had defined these areas.";
    let q = wide(text);
    let phrases: Vec<String> = q.iter().map(|q| phrase(text, q)).collect();
    assert_eq!(
        phrases,
        [
            "Clinton’s team",
            "Leonard E. Burman",
            "Mr. Grassley and Mr. Leahy"
        ]
    );
}

#[test]
fn according_to_a_long_phrase_reports_the_clause_before() {
    let text = "The top 1 percent paid a quarter of all taxes, according to the \
                nonpartisan Congressional Budget Office, and the rest paid less.";
    let q = wide(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "The top 1 percent paid a quarter of all taxes");
    assert_eq!(
        phrase(text, &q[0]),
        "the nonpartisan Congressional Budget Office"
    );
}

#[test]
fn a_relative_pronoun_is_the_wide_source() {
    let text = "Trump refused to pay an architect who said he was stiffed after the job.";
    let q = wide(text);
    let said = q
        .iter()
        .find(|q| q.cue.as_ref().is_some_and(|c| c.text == "said"));
    assert_eq!(phrase(text, said.expect("a said quote")), "who");
}

#[test]
fn said_that_with_a_comma_starts_after_the_comma() {
    let q = quotes("He said that, if elected, he would leave such decisions to generals.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "if elected, he would leave such decisions to generals"
    );
}

#[test]
fn a_capitalized_and_between_quoted_titles_is_no_empty_name() {
    // A headline in capitals: `AND` opens the run after `WONDER WOMAN’`,
    // which once split it into an empty name (and a panic).
    let text = "WE’RE GEEKING OUT OVER THE ‘WONDER WOMAN’ AND ‘JUSTICE LEAGUE’ TRAILERS\u{a0}Enjoy them\u{a0}both here.\n";
    let found = quotes(text);
    assert!(found.iter().all(|q| q.span().start < q.span().end));
}

#[test]
fn british_single_marks_are_quotes_and_their_nested_doubles_are_not() {
    let text = "Jane Hale runs Harrow Foods.\n\
                ‘We will not be closing,’ she said. ‘He told me “never again”, \
                and I believed him.’\n\
                ‘The players’ union won’t budge on the 1990s’ deal,’ Ms Hale added.";
    let want = [
        "We will not be closing,",
        "He told me “never again”, and I believed him.",
        "The players’ union won’t budge on the 1990s’ deal,",
    ];
    // The same in ASCII copy's straight marks, apostrophes included.
    let ascii = |s: &str| s.replace(['‘', '’'], "'").replace(['“', '”'], "\"");
    for (text, want) in [
        (text.to_owned(), want.map(str::to_owned)),
        (ascii(text), want.map(ascii)),
    ] {
        let q = quotes(&text);
        let direct: Vec<&str> = q
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(direct, want, "{q:?}");
        assert_eq!(
            speaker(&q[0]),
            ("she", SpeakerKind::Person, Some("Jane Hale"))
        );
        assert_eq!(speaker(&q[2]).0, "Hale");
    }
}

#[test]
fn typewriter_doubles_keep_an_article_in_double_marks() {
    // Wire copy's typewriter doubles are double marks: a headline's single
    // quotes do not make the article British.
    let wire = "Obama Sees 'Personal Insult' in Vote\n\
                Mr. King told me, ''We're a content provider.''\n\
                As for the network, he said, ''What outlet isn't taking sides?''";
    let q = quotes(wire);
    let direct: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        direct,
        [
            "We're a content provider.",
            "What outlet isn't taking sides?"
        ],
        "{q:?}"
    );
}

#[test]
fn a_quotation_in_one_kind_of_double_marks_nests_the_other() {
    let direct = |text: &str| -> Vec<String> {
        quotes(text)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .map(|q| q.text)
            .collect()
    };
    // Curly marks inside straight ones, and straight inside curly.
    assert_eq!(
        direct("Dale Moss went on:\n\"I read them the question: “Do you agree?” They did.\""),
        ["I read them the question: “Do you agree?” They did."]
    );
    assert_eq!(
        direct("“It was titled \"Bread Is Back,\" and it sold,” Ann Ray said."),
        ["It was titled \"Bread Is Back,\" and it sold,"]
    );
    // A straight mark wrapping a curly quotation is no quotation of its own.
    assert_eq!(
        direct("\"“We will win,” Ann Ray said before adding that it was close.\""),
        ["We will win,"]
    );
}

#[test]
fn a_straight_mark_before_a_space_or_a_paragraphs_end_opens_nothing() {
    // An inch mark and a stray closing mark: the next paragraph's quotation
    // is its own, not the run-on of one opened here.
    let text = "Ann Ray is 6'3\" tall, the team said: forty-six, no.\"\n\
                “This is in their heads,” said Dale Moss.";
    let q = quotes(text);
    let direct: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 1, "{q:?}");
    assert_eq!(direct[0].text, "This is in their heads,");
    assert_eq!(speaker(direct[0]).0, "Dale Moss");
}

#[test]
fn a_parenthetical_phrase_between_subject_and_cue_keeps_the_subject() {
    let text = "Ann Ray, speaking to a veterans group in Ohio, said she would order a review.\n\
                The mayor, in a statement, said the budget was fine.\n\
                Mr. Dale, however, said he was the right man.\n\
                The minister of trade, Mr. Tom Vale, argues there is little point.";
    let q = quotes(text);
    let speakers: Vec<&str> = q.iter().map(|q| speaker(q).0).collect();
    assert_eq!(
        speakers,
        ["Ann Ray", "The mayor", "Dale", "Tom Vale"],
        "{q:?}"
    );
    // A list's next item is no parenthetical.
    let listed = quotes("Acme, Globex and Initech, the three bidders, said the sale was fair.");
    assert!(listed.iter().all(|q| speaker(q).0 != "Acme"), "{listed:?}");
}

#[test]
fn a_quotation_runs_over_the_breaks_of_wrapped_lines() {
    let text = "\tThe union leader, Kivutha Kibwana, spoke to a crowd of about\n\
                five thousand people in the capital on Saturday afternoon.\n\
                \t\"If the government does not respond to the demands, workers\n\
                should go on strike in April,\" Kibwana said. The crowd cheered\n\
                loudly, and the police watched from the side of the square\n\
                as the rally broke up peacefully before the evening rain.\n";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "If the government does not respond to the demands, workers\nshould go on strike in April,"
    );
    assert_eq!(
        speaker(&q[0]),
        ("Kibwana", SpeakerKind::Person, Some("Kivutha Kibwana"))
    );
}

#[test]
fn a_british_partial_quote_is_the_quoted_words() {
    let text = "‘It is over,’ Mr Lee said.\nThe regulator called the plan ‘a disaster for savers’ on Monday.";
    let q = quotes(text);
    assert!(
        q.iter()
            .any(|q| q.kind == QuoteKind::Direct && q.text == "a disaster for savers"),
        "{q:?}"
    );
}

#[test]
fn apostrophes_in_double_style_text_open_no_quote() {
    let text = "“We’re hiring in the players’ union’s towns,” he said. It’s Smith’s plan.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "We’re hiring in the players’ union’s towns,");
}

#[test]
fn an_age_or_a_party_tag_between_commas_keeps_the_subject() {
    for (text, who) in [
        (
            "Sen. Elizabeth Warren, D-Mass., said the bill would fail.",
            "Elizabeth Warren",
        ),
        (
            "Rep. Tom Hale, R-Texas, said the vote was close.",
            "Tom Hale",
        ),
        ("Ann Lee, 54, said the shop would stay open.", "Ann Lee"),
    ] {
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        assert_eq!(q[0].kind, QuoteKind::Indirect);
        assert_eq!(speaker(&q[0]).0, who, "{text}");
    }
}

#[test]
fn verbs_with_a_noun_phrase_object_report_nothing() {
    for text in [
        "Smith conceded the race on Tuesday.",
        "He joked about the weather.",
        "The firm added 500 jobs in March.",
    ] {
        assert!(quotes(text).is_empty(), "{text}: {:?}", quotes(text));
    }
    // With a clause they still report.
    let q = quotes("Smith conceded that the race was lost.");
    assert_eq!(q[0].text, "the race was lost");
}

#[test]
fn a_person_of_a_firm_is_the_person_and_names_stop_at_line_breaks() {
    let text = "Acme Hits Record\nJohn Carter, the chief executive, spoke on Monday.\n\
                He said the company would hire 200 people.\n\
                Jane Roe of Acme Securities said the shares were cheap.";
    let entities = [
        Entity::new(text, span_of(text, "John Carter"), EntityLabel::Per, 0.9),
        Entity::new(text, span_of(text, "Jane Roe"), EntityLabel::Per, 0.9),
        Entity::new(
            text,
            span_of(text, "Acme Securities"),
            EntityLabel::Org,
            0.9,
        ),
    ];
    let q = Attributor::new().attribute(text, &[], &entities);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        speaker(&q[0]),
        ("He", SpeakerKind::Person, Some("John Carter"))
    );
    assert_eq!(
        speaker(&q[1]),
        ("Jane Roe", SpeakerKind::Person, Some("Jane Roe"))
    );
}

fn span_of(text: &str, part: &str) -> Span {
    let at = text.find(part).unwrap();
    Span::new(at, at + part.len())
}

#[test]
fn a_tag_opening_the_next_paragraph_attributes_the_quote_before() {
    let text = "Mayor Jane Roe spoke on Monday.\n\n“We will rebuild the bridge by spring,”\nshe said.\n\n\
                “Will it hold?”\nasked council member Tom Byrne.\n\n“We are done.”\nThe council then voted.\n\n\
                “It is late,”\nRoe said the repairs would cost $4 million.";
    let q = quotes(text);
    let direct: Vec<(&str, Option<&str>)> = q
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .map(|q| {
            let resolved = q.speaker.as_ref().and_then(|s| s.resolved.as_deref());
            (q.text.as_str(), resolved)
        })
        .collect();
    assert_eq!(
        direct,
        [
            ("We will rebuild the bridge by spring,", Some("Jane Roe")),
            ("Will it hold?", Some("Tom Byrne")),
            // Closed on a full stop, before a sentence that is no tag: a
            // quote-only paragraph, the previous speaker's.
            ("We are done.", Some("Tom Byrne")),
            ("It is late,", Some("Jane Roe")),
        ]
    );
    // A tag with a clause of its own still reports the clause.
    assert!(q
        .iter()
        .any(|q| q.kind == QuoteKind::Indirect && q.text == "the repairs would cost $4 million"));
}

#[test]
fn an_inverted_speaker_may_carry_a_descriptor_before_the_name() {
    for (text, name) in [
        (
            "“Can we?” asked council member Tom Byrne, who opposed it.",
            "Tom Byrne",
        ),
        ("“It will pass,” said former mayor Ann Lee.", "Ann Lee"),
    ] {
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        let resolved = q[0].speaker.as_ref().and_then(|s| s.resolved.as_deref());
        assert_eq!(resolved, Some(name), "{text}");
    }
}

#[test]
fn a_spokesman_of_another_kind_of_body_is_not_the_company() {
    let resolved = |text: &str| -> Vec<Option<String>> {
        quotes(text)
            .iter()
            .map(|q| q.speaker.as_ref().and_then(|s| s.resolved.clone()))
            .collect()
    };
    // A union named earlier: the union's spokesman.
    let text = "Meridian Air Group Inc. said profit rose. The Air Line Pilots Association \
                called a vote. A union spokesman said the pilots wanted raises.";
    assert_eq!(
        resolved(text).last().cloned().flatten().as_deref(),
        Some("Air Line Pilots Association")
    );
    // No union named: no one, rather than the company.
    let text = "Meridian Air Group Inc. said profit rose. A union spokesman said the \
                pilots wanted raises.";
    assert_eq!(resolved(text).last().cloned(), Some(None));
    // A person familiar with the plans speaks for no body.
    let text = "Kestrel Airways said it would buy jets. The first arrives in 2028, \
                according to a person familiar with the negotiations.";
    assert_eq!(resolved(text).last().cloned(), Some(None));
    // A spokeswoman with no kind named speaks for the article's company.
    let text = "Kestrel Airways said it would buy jets. A spokeswoman said the deal was final.";
    assert_eq!(
        resolved(text).last().cloned().flatten().as_deref(),
        Some("Kestrel Airways")
    );
}

#[test]
fn a_party_label_before_a_name_is_no_part_of_it() {
    let q = quotes("Democrat Paula Brandt said every ballot would be counted again.");
    let resolved = q[0].speaker.as_ref().and_then(|s| s.resolved.as_deref());
    assert_eq!(resolved, Some("Paula Brandt"));
}

#[test]
fn a_tagged_name_keeps_its_inner_words_as_speaker() {
    let text = "The drug works, the U.S. Food and Drug Administration said. Earnings rose \
                5.9 per cent in the year to November, according to the Office for National \
                Statistics. More than 250,000 fans attended, according to the St. Louis Sports \
                Commission.";
    let org = |name: &str| {
        let at = text.find(name).unwrap();
        Entity::new(text, Span::new(at, at + name.len()), EntityLabel::Org, 0.9)
    };
    let entities = [
        org("U.S. Food and Drug Administration"),
        org("Office for National Statistics"),
        org("St. Louis Sports Commission"),
    ];
    let q = Attributor::new().attribute(text, &[], &entities);
    let speakers: Vec<&str> = q
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| s.text.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            "U.S. Food and Drug Administration",
            "Office for National Statistics",
            "St. Louis Sports Commission"
        ]
    );
}

#[test]
fn a_pronoun_never_stands_for_a_work_or_product() {
    let text = "Dr. Ann Vale, who was not involved, said the signal was weak. The results \
                appeared in the journal Solar Letters on Monday. “Why now?” he asked.";
    let at = text.find("Solar Letters").unwrap();
    let entities = [
        Entity::new(text, span_of(text, "Ann Vale"), EntityLabel::Per, 0.9),
        Entity::new(text, Span::new(at, at + 13), EntityLabel::Misc, 0.9),
    ];
    let q = Attributor::new().attribute(text, &[], &entities);
    let last = q.last().expect("a quote");
    let resolved = last.speaker.as_ref().and_then(|s| s.resolved.as_deref());
    assert_ne!(resolved, Some("Solar Letters"));
    assert_eq!(resolved, Some("Ann Vale"));
}

#[test]
fn a_reported_subject_is_not_the_next_pronoun() {
    let text = "The coach, Gwen Rowlands, said her side had conceded 14 penalties. \
                She called the defeat “a lesson we keep failing to learn”.";
    let q = quotes(text);
    let last = q.last().expect("a quote");
    assert_eq!(
        speaker(last),
        ("She", SpeakerKind::Person, Some("Gwen Rowlands"))
    );
}

#[test]
fn a_description_finds_the_body_under_its_short_name() {
    let text = "Regulators fined Nordhafen Bank AG and Banque Lumiere on Monday.\n\
                Nordhafen said it would appeal. “We reject the findings,” the bank said.";
    let q = quotes(text);
    let last = q.last().expect("a quote");
    assert_eq!(
        speaker(last),
        (
            "the bank",
            SpeakerKind::Organization,
            Some("Nordhafen Bank AG")
        )
    );
}

#[test]
fn the_spokesperson_is_the_one_introduced_before() {
    let text = "Last year was the warmest on record, the Met Office said. A Defra \
                spokesperson said the UK would spend more on flood defences. “We are not \
                complacent,” the spokesperson added.";
    let q = quotes(text);
    let last = q.last().expect("a quote");
    assert_eq!(
        speaker(last),
        ("the spokesperson", SpeakerKind::Anonymous, Some("Defra"))
    );
}

#[test]
fn according_to_a_tagged_name_with_and_inside() {
    let text = "The fire was 8% contained on Tuesday, according to the California Department \
                of Forestry and Fire Protection.";
    let name = "California Department of Forestry and Fire Protection";
    let entities = [Entity::new(
        text,
        span_of(text, name),
        EntityLabel::Org,
        0.9,
    )];
    let q = Attributor::new().attribute(text, &[], &entities);
    let s = q[0].speaker.as_ref().expect("a speaker");
    assert!(s.text.ends_with("Fire Protection"), "{s:?}");
}

#[test]
fn appositions_with_capitalized_roles_and_possessives() {
    let cases = [
        (
            "The Transport Secretary, Priya Malhotra, announced on Wednesday that fares \
             will rise by 4.6 per cent.",
            "Priya Malhotra",
        ),
        (
            "“We will act,” Lisa Monaco, Obama's adviser on security, said at a summit on \
             Thursday.",
            "Lisa Monaco",
        ),
    ];
    for (text, name) in cases {
        let q = quotes(text);
        let s = q[0].speaker.as_ref().expect("a speaker");
        assert_eq!(s.resolved.as_deref(), Some(name), "{text}");
    }
    // A possessive apposition after a description; its place modifier
    // names no body.
    let q = quotes(
        "The Nagoya-based carmaker, Japan’s third-largest by sales, said the yen would \
         add about ¥210 billion to profit.",
    );
    let s = q[0].speaker.as_ref().expect("a speaker");
    assert_eq!(s.text, "The Nagoya-based carmaker");
    assert_ne!(s.resolved.as_deref(), Some("Nagoya-based"));
}

#[test]
fn a_place_or_time_after_the_cue_is_no_reported_clause() {
    let q = quotes("“We will act,” Lisa Monaco said at a summit on Thursday.");
    assert_eq!(q.len(), 1, "{q:#?}");
    // A long adjunct after a trailing attribution leaves the clause before.
    let q = quotes(
        "Paywell plans to sell 48 million shares, it said in a filing with the U.S. \
         Securities and Exchange Commission.",
    );
    assert_eq!(q.len(), 1, "{q:#?}");
    assert!(q[0].text.starts_with("Paywell plans"), "{:?}", q[0].text);
}

#[test]
fn a_cue_of_a_coordinated_predicate_reports_what_follows_it() {
    let q = quotes(
        "Dana Whitcomb called the deal “a win for taxpayers” but said the transit money was \
         “more than we would have liked.”",
    );
    let cues: Vec<(&str, &str)> = q
        .iter()
        .map(|q| {
            (
                q.text.as_str(),
                q.cue.as_ref().map_or("", |c| c.text.as_str()),
            )
        })
        .collect();
    assert_eq!(cues[0], ("a win for taxpayers", "called"));
    assert!(cues.iter().skip(1).all(|(_, c)| *c == "said"), "{cues:?}");
}

#[test]
fn an_inverted_role_then_its_name_gives_the_name() {
    let q = quotes("“We will win,” said the team’s head coach, Mark Ellery, on Sunday.");
    assert_eq!(
        speaker(&q[0]),
        ("Mark Ellery", SpeakerKind::Person, Some("Mark Ellery"))
    );
    // A relative clause after the role names no one.
    let q = quotes("“We will win,” said the coach, who was happy.");
    assert_eq!(speaker(&q[0]).0, "the coach");
}

#[test]
fn an_age_before_a_relative_clause_belongs_to_the_name() {
    let q = quotes(
        "Dan Whitlock, 38, who commutes from Reading to London, said he would pay £5,412 \
         for his season ticket.",
    );
    assert_eq!(
        speaker(&q[0]),
        ("Dan Whitlock", SpeakerKind::Person, Some("Dan Whitlock"))
    );
}

#[test]
fn a_shared_subject_is_the_name_not_its_predicate() {
    let cases = [
        (
            "Northpine cut the price of its app in January and said last month that it has \
             9 million users.",
            "Northpine",
        ),
        (
            "Trump blasted the California instructor, calling her “a horrible witness.”",
            "Trump",
        ),
        (
            "Democratic presidential nominee Hillary Clinton chimed in, saying the plan was \
             “dangerous.”",
            "Hillary Clinton",
        ),
    ];
    for (text, subject) in cases {
        let q = quotes(text);
        assert_eq!(speaker(&q[0]).0, subject, "{text}");
    }
    // An adverbial that opens the sentence is no subject.
    let q = quotes("At a rally on Monday, the crowd cheered, saying “we want more.”");
    assert!(q
        .iter()
        .all(|q| q.speaker.as_ref().map_or(true, |s| s.text != "At")));
}

#[test]
fn a_description_may_stand_for_an_acronym_ending_with_its_initial() {
    let text = "The Columbus Foxes picked first in the NFL draft on Thursday.\n\
                The draft drew 11.9 million viewers, up 6 percent, the league said.";
    let q = quotes(text);
    let last = q.last().expect("a quote");
    assert_eq!(speaker(last).2, Some("NFL"));
}

#[test]
fn an_apposition_that_describes_a_body_makes_the_speaker_one() {
    let text = "Ofgem, the energy regulator, said the cap would rise by 6 per cent.";
    let entities = [Entity::new(
        text,
        span_of(text, "Ofgem"),
        EntityLabel::Per,
        0.6,
    )];
    let q = Attributor::new().attribute(text, &[], &entities);
    assert_eq!(
        q[0].speaker.as_ref().map(|s| s.kind),
        Some(SpeakerKind::Organization)
    );
    // A role with a preposition describes a person.
    let text = "Fallon, a spokesman for the campaign, said the claim was false.";
    let entities = [Entity::new(
        text,
        span_of(text, "Fallon"),
        EntityLabel::Per,
        0.6,
    )];
    let q = Attributor::new().attribute(text, &[], &entities);
    assert_eq!(
        q[0].speaker.as_ref().map(|s| s.kind),
        Some(SpeakerKind::Person)
    );
}

#[test]
fn a_quote_then_a_name_with_a_party_tag_or_age() {
    for text in [
        "“The veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.",
        "“The veto will be overridden,” Mitch McConnell, 74, said Tuesday.",
    ] {
        let q = quotes(text);
        assert_eq!(
            speaker(&q[0]),
            ("Mitch McConnell", SpeakerKind::Person, Some("Mitch McConnell")),
            "{text}"
        );
    }
}

#[test]
fn an_adjunct_between_cue_and_clause_is_not_reported() {
    for (text, content) in [
        (
            "Harbor Freight Co. said on Tuesday it would close two depots.",
            "it would close two depots",
        ),
        (
            "The mayor's office said separately it had hired 40 drivers.",
            "it had hired 40 drivers",
        ),
        (
            "Dana Whitfield told staff in a memo they would keep their jobs.",
            "they would keep their jobs",
        ),
    ] {
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        assert_eq!(q[0].text, content, "{text}");
    }
    // Without a subject and its verb after it, the words stay in the clause.
    let q = quotes("Officials said in most cases the buses ran late.");
    assert!(q.iter().all(|q| q.text != "the buses ran late"), "{q:?}");
}

#[test]
fn a_name_described_as_a_body_once_is_a_body_at_every_mention() {
    let text = "Ofgem, the energy regulator, said the cap would rise by 6 per cent.\n\n\
                Bills have risen for two years.\n\n\
                Ofgem said the cap would be reviewed again in July.";
    let entities: Vec<Entity> = text
        .match_indices("Ofgem")
        .map(|(at, _)| Entity::new(text, Span::new(at, at + 5), EntityLabel::Per, 0.4))
        .collect();
    let q = Attributor::new().attribute(text, &[], &entities);
    assert_eq!(q.len(), 2, "{q:?}");
    for quote in &q {
        assert_eq!(
            speaker(quote),
            ("Ofgem", SpeakerKind::Organization, Some("Ofgem"))
        );
    }
}

#[test]
fn a_name_never_runs_into_the_next_sentence() {
    let text = "Tally competes with a service from Northpine Software Corp. \
                Northpine said last month that its app has about 9 million users.";
    let sentences = [
        Span::new(0, text.find("Northpine said").unwrap() - 1),
        Span::new(text.find("Northpine said").unwrap(), text.len()),
    ];
    let q = Attributor::new().attribute(text, &sentences, &[]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(&q[0]).2, Some("Northpine Software Corp."));
}

#[test]
fn a_trailing_attributions_adjunct_may_end_in_an_apposition() {
    let text = "Harlan Labs will close its oldest plant in Ohio, the Denver company announced \
                on Monday at FieldDay, its annual investor meeting.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "Harlan Labs will close its oldest plant in Ohio");
}

#[test]
fn a_headline_verb_opens_no_name() {
    let text = "Is Donald Trump Ready for the Debate\n\
                Trump said the debate would be rigged.";
    let entities = [
        Entity::new(text, span_of(text, "Donald Trump"), EntityLabel::Per, 0.6),
        Entity::new(
            text,
            Span::new(
                text.rfind("Trump").unwrap(),
                text.rfind("Trump").unwrap() + 5,
            ),
            EntityLabel::Per,
            0.6,
        ),
    ];
    let q = Attributor::new().attribute(text, &[], &entities);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(&q[0]).2, Some("Donald Trump"));
}

#[test]
fn a_capitalized_role_noun_names_nobody() {
    let text =
        "Harlan Labs is closing a plant.\nAides said the mayor will visit the site on Monday.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(&q[0]).1, SpeakerKind::Anonymous);
}

#[test]
fn a_dateline_is_no_shared_subject() {
    let text = "SAN JOSE, Calif. — Kelvra Inc. on Tuesday introduced a laptop, and said \
                the machine runs for up to 22 hours on a single charge.";
    // The same in ASCII copy, the dash written as two hyphens.
    for text in [text.to_owned(), text.replace('—', "--")] {
        let q = quotes(&text);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(speaker(&q[0]).0, "Kelvra Inc.");
    }
}

#[test]
fn a_place_before_a_bodys_noun_is_not_the_body() {
    let text = "Emberfall Studios won game of the year for Ashen Crown.\n\
                The Montreal studio said the game had sold 8.5 million copies.\n\
                Canalyte Research tracks the market. Shipments fell 18%, the research firm said.";
    let entities = [
        Entity::new(
            text,
            span_of(text, "Emberfall Studios"),
            EntityLabel::Org,
            0.6,
        ),
        Entity::new(text, span_of(text, "Montreal"), EntityLabel::Loc, 0.9),
        Entity::new(
            text,
            span_of(text, "Canalyte Research"),
            EntityLabel::Org,
            0.6,
        ),
    ];
    let q = Attributor::new().attribute(text, &[], &entities);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        speaker(&q[0]),
        (
            "The Montreal studio",
            SpeakerKind::Organization,
            Some("Emberfall Studios")
        )
    );
    assert_eq!(speaker(&q[1]).2, Some("Canalyte Research"));
}

#[test]
fn a_reporting_noun_after_a_preposition_is_no_cue() {
    let q = quotes("Shares fell 4% after reports that the batteries overheated.");
    assert!(q.is_empty(), "{q:?}");
    // A gerund after a preposition still reports, and so does a name.
    let q = quotes("Lee quit on Monday after saying that the plan had failed.");
    assert_eq!(q.len(), 1, "{q:?}");
    let q = quotes("“The circumstances are changed,” From said.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].cue.as_ref().map(|c| c.lemma.as_str()), Some("say"));
}

#[test]
fn a_participle_after_an_introduction_shares_the_subject_after_it() {
    let q = quotes("Meanwhile, the union attacked Globex, saying it had broken its word.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].speaker.as_ref().map(|s| s.text.as_str()),
        Some("the union")
    );
    let q = quotes(
        "At a rally in Ames, Iowa, on Sunday, Maria Lopez criticized the plan, saying it would fail.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(&q[0]).0, "Maria Lopez");
}
