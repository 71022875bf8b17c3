//! Tests of the whole report on hand-made records: merging across
//! documents, exact counts, groups, figures and limits.

use crate::{GroupBy, Kind, LineKind, Report, Table, Tables};
use newsie_core::{
    Cue, Entity, EntityLabel, Quantity, QuantityKind, Quote, QuoteKind, Record, Sentence, Span,
    Speaker, SpeakerKind,
};

/// A document made of one sentence per quote (`“Q,” S said.`), plus
/// sentences of plain text; records its spans as it writes.
struct Doc {
    text: String,
    record: Record,
}

impl Doc {
    fn new(id: &str) -> Doc {
        Doc {
            text: String::new(),
            record: Record::new(id),
        }
    }

    /// Appends `“words,” speaker said. ` with the speaker of `kind`.
    fn quote(
        mut self,
        words: &str,
        speaker: &str,
        kind: SpeakerKind,
        resolved: Option<&str>,
    ) -> Doc {
        let start = self.text.len();
        self.text.push('“');
        let q = self.text.len();
        self.text.push_str(words);
        let q_end = self.text.len();
        self.text.push_str(",” ");
        let s = self.text.len();
        self.text.push_str(speaker);
        let s_end = self.text.len();
        self.text.push_str(" said.");
        let end = self.text.len();
        self.text.push(' ');
        let text = self.text.clone();
        let mut quote = Quote::new(&text, Span::new(q, q_end), QuoteKind::Direct);
        if !speaker.is_empty() {
            let span = Span::new(s, s_end);
            quote.speaker = Some(Speaker::new(&text, span, kind, resolved.map(String::from)));
            quote.cue = Some(Cue::new(&text, Span::new(s_end + 1, s_end + 5), "say"));
        }
        self.record.quotes.push(quote);
        self.record
            .sentences
            .push(Sentence::new(&text, Span::new(start, end)));
        self
    }

    fn person(self, words: &str, name: &str) -> Doc {
        let resolved = name.contains(' ').then_some(name);
        self.quote(words, name, SpeakerKind::Person, resolved)
    }

    /// Appends a sentence; each `[Name]` in it becomes an entity of
    /// `label`, each `{$5 billion|5e9}` a money figure.
    fn sentence(mut self, marked: &str, label: EntityLabel) -> Doc {
        let start = self.text.len();
        let mut rest = marked;
        while let Some(open) = rest.find(['[', '{']) {
            self.text.push_str(&rest[..open]);
            let close = rest[open..].find([']', '}']).unwrap() + open;
            let inner = &rest[open + 1..close];
            let at = self.text.len();
            if rest[open..].starts_with('[') {
                self.text.push_str(inner);
                let text = self.text.clone();
                let span = Span::new(at, at + inner.len());
                self.record
                    .entities
                    .push(Entity::new(&text, span, label, 0.9));
            } else {
                let (written, value) = inner.split_once('|').unwrap();
                self.text.push_str(written);
                let text = self.text.clone();
                let span = Span::new(at, at + written.len());
                let mut q = Quantity::new(&text, span, QuantityKind::Money);
                q.value = value.parse().ok();
                q.unit = Some("USD".into());
                self.record.quantities.push(q);
            }
            rest = &rest[close + 1..];
        }
        self.text.push_str(rest);
        let end = self.text.len();
        self.text.push(' ');
        let text = self.text.clone();
        self.record
            .sentences
            .push(Sentence::new(&text, Span::new(start, end)));
        self
    }

    fn done(mut self) -> Record {
        self.record.sort();
        self.record.validate(&self.text).expect("a valid record");
        self.record
    }
}

fn report_of(records: &[Record]) -> Tables {
    let mut report = Report::default();
    for record in records {
        report.add(record, None);
    }
    report.finish()
}

#[test]
fn a_surname_in_one_document_merges_with_the_full_name_in_a_later_one() {
    let tables = report_of(&[
        Doc::new("1").person("A", "Jassy").done(),
        Doc::new("2")
            .person("B", "Andy Jassy")
            .person("C", "Lisa Su")
            .done(),
        Doc::new("3").person("D", "Jassy").done(),
    ]);
    let jassy = tables.speaker_named(Kind::Person, "Jassy").unwrap();
    assert_eq!(jassy.name, "Andy Jassy");
    assert_eq!((jassy.quotes, jassy.direct, jassy.documents), (3, 3, 3));
    assert_eq!(
        (jassy.first.document.as_str(), jassy.last.document.as_str()),
        ("1", "3")
    );
    assert_eq!(jassy.id, "s1", "the most quoted first");
    let texts: Vec<&str> = jassy.examples.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["A", "B", "D"], "examples in input order");
    assert_eq!(tables.speakers.len(), 2);
}

#[test]
fn two_people_with_one_surname_stay_two_and_the_bare_surname_its_own() {
    let tables = report_of(&[
        Doc::new("1").person("A", "Tom Smith").done(),
        Doc::new("2").person("B", "Jane Smith").done(),
        Doc::new("3").person("C", "Smith").done(),
    ]);
    let names: Vec<&str> = tables.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(tables.speakers.len(), 3, "{names:?}");
    for name in ["Tom Smith", "Jane Smith", "Smith"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
}

#[test]
fn a_document_naming_both_forms_counts_once_for_the_identity() {
    let tables = report_of(&[
        Doc::new("1")
            .person("A", "Jassy")
            .person("B", "Andy Jassy")
            .done(),
        Doc::new("2").person("C", "Jassy").done(),
    ]);
    let jassy = tables.speaker_named(Kind::Person, "Andy Jassy").unwrap();
    assert_eq!((jassy.quotes, jassy.documents), (3, 2));
    assert_eq!(jassy.forms.len(), 2);
}

#[test]
fn an_acronym_defined_in_an_article_is_an_alias_of_the_organization() {
    let org = SpeakerKind::Organization;
    let tables = report_of(&[
        Doc::new("1")
            .sentence("[Amazon Web Services] (AWS) cut jobs.", EntityLabel::Org)
            .quote("A", "Amazon Web Services", org, Some("Amazon Web Services"))
            .done(),
        Doc::new("2").quote("B", "AWS", org, Some("AWS")).done(),
        Doc::new("3").quote("C", "IBM", org, Some("IBM")).done(),
    ]);
    let aws = tables.speaker_named(Kind::Organization, "AWS").unwrap();
    assert_eq!(
        (aws.name.as_str(), aws.quotes, aws.documents),
        ("Amazon Web Services", 2, 2)
    );
    assert_eq!(tables.aliases.len(), 1);
    assert!(tables.aliases[0].merged);
    assert_eq!(
        tables.corpus.top_organizations[0].name,
        "Amazon Web Services"
    );
}

#[test]
fn an_acronym_defined_two_ways_merges_into_neither() {
    let org = SpeakerKind::Organization;
    let tables = report_of(&[
        Doc::new("1")
            .sentence(
                "[American Broadcasting Company] (ABC) said so.",
                EntityLabel::Org,
            )
            .done(),
        Doc::new("2")
            .sentence(
                "[Australian Broadcasting Corporation] (ABC) said so.",
                EntityLabel::Org,
            )
            .quote("B", "ABC", org, Some("ABC"))
            .done(),
    ]);
    let abc = tables.speaker_named(Kind::Organization, "ABC").unwrap();
    assert_eq!(abc.name, "ABC");
    assert!(tables.aliases.iter().all(|a| !a.merged));
}

#[test]
fn anonymous_sources_group_by_organization_then_description() {
    let anon = SpeakerKind::Anonymous;
    let tables = report_of(&[
        Doc::new("1")
            .quote("A", "an AWS spokesperson", anon, Some("AWS"))
            .quote("B", "a spokesperson", anon, None)
            .done(),
        Doc::new("2")
            .quote("C", "a company representative", anon, Some("AWS"))
            .quote("D", "the spokesperson", anon, None)
            .quote("E", "officials", anon, None)
            .done(),
    ]);
    let aws = tables.speaker_named(Kind::Anonymous, "AWS").unwrap();
    assert_eq!((aws.quotes, aws.documents), (2, 2));
    assert_eq!(
        aws.mentions.len(),
        2,
        "both descriptions kept: {:?}",
        aws.mentions
    );
    let spokesperson = tables
        .speaker_named(Kind::Anonymous, "spokesperson")
        .unwrap();
    assert_eq!(spokesperson.quotes, 2);
    assert_eq!(tables.speakers.len(), 3);
    assert_eq!(tables.corpus.anonymous, 5);
}

#[test]
fn shares_and_groups_count_every_quote() {
    let mut report = Report::default();
    let a = Doc::new("1")
        .person("A", "Andy Jassy")
        .quote("B", "", SpeakerKind::Person, None)
        .done();
    let b = Doc::new("2")
        .quote("C", "Amazon", SpeakerKind::Organization, Some("Amazon"))
        .quote("D", "a spokesperson", SpeakerKind::Anonymous, None)
        .done();
    report.add(&a, Some("one"));
    report.add(&b, Some("two"));
    report.add_failed(Some("two"));
    let tables = report.finish();
    let c = &tables.corpus;
    assert_eq!((c.documents, c.quotes), (3, 4));
    assert_eq!(
        (c.person, c.anonymous, c.organization, c.unattributed),
        (1, 1, 1, 1)
    );
    assert_eq!(c.share_person, 0.25);
    let groups: Vec<(&str, u64, u64)> = tables
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.documents, g.quotes))
        .collect();
    assert_eq!(groups, [("one", 1, 2), ("two", 2, 2)]);
    assert_eq!(tables.groups[0].top_people[0].name, "Andy Jassy");
    assert_eq!(tables.groups[1].top_organizations[0].name, "Amazon");
    assert_eq!(tables.summary.failed_documents, 1);
}

#[test]
fn figures_pair_money_with_the_organizations_of_their_sentence() {
    let tables = report_of(&[Doc::new("1")
        .sentence(
            "[Amazon Web Services] (AWS) earned {$5 billion|5e9}.",
            EntityLabel::Org,
        )
        .sentence(
            "[AWS] spent {$2 billion|2e9} with [Intel].",
            EntityLabel::Org,
        )
        .sentence("Nothing here cost {$1|1}.", EntityLabel::Org)
        .done()]);
    let rows: Vec<(&str, &str)> = tables
        .figures
        .iter()
        .map(|f| (f.organization.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Amazon Web Services", "$5 billion"),
            ("Amazon Web Services", "$2 billion"),
            ("Intel", "$2 billion"),
        ]
    );
    assert_eq!(tables.figures[0].value, Some(5e9));
    let entities: Vec<(&str, u64)> = tables
        .entities
        .iter()
        .map(|e| (e.text.as_str(), e.mentions))
        .collect();
    assert_eq!(entities[0], ("AWS", 1));
}

#[test]
fn limits_cap_what_is_kept_but_not_the_counts() {
    let mut report = Report::builder()
        .examples_per_speaker(2)
        .figures_per_organization(1)
        .top(1)
        .build();
    for n in 0..5 {
        let doc = Doc::new(&n.to_string())
            .person("words", "Andy Jassy")
            .person("more", "Lisa Su")
            .sentence("[Acme] made {$3|3} and {$4|4}.", EntityLabel::Org)
            .sentence("[Bolt] said so.", EntityLabel::Org)
            .done();
        report.add(&doc, None);
    }
    let tables = report.finish();
    assert_eq!(tables.speakers[0].quotes, 5);
    assert_eq!(tables.speakers[0].examples.len(), 2);
    assert_eq!(
        (tables.summary.figures_found, tables.summary.figures_listed),
        (10, 1)
    );
    assert_eq!(tables.corpus.top_people.len(), 1);
    assert_eq!(tables.entities.len(), 1, "one entity per label");
    assert_eq!(tables.summary.distinct_entities, 2);
}

#[test]
fn json_lines_are_added_and_bad_ones_counted() {
    let record = Doc::new("corpus/bbc/a.txt")
        .person("A", "Andy Jassy")
        .done();
    let line = serde_json::to_string(&record).unwrap();
    let mut report = Report::default();
    let folder = GroupBy::Folder;
    let add = |report: &mut Report, line: &str| {
        report.add_json_line(line.as_bytes(), Some(&folder), || "in:1".into())
    };
    assert_eq!(add(&mut report, &line).unwrap(), LineKind::Record);
    assert_eq!(add(&mut report, "  ").unwrap(), LineKind::Blank);
    let failed = r#"{"id":"x/b.txt","error":{"kind":"io","message":"gone"}}"#;
    assert_eq!(add(&mut report, failed).unwrap(), LineKind::Failed);
    assert!(add(&mut report, "{not json").is_err());
    let tables = report.finish();
    assert_eq!((tables.summary.documents, tables.summary.bad_lines), (2, 1));
    let groups: Vec<&str> = tables.groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(groups, ["corpus/bbc", "x"]);
}

#[test]
fn every_output_holds_every_speaker() {
    let tables = report_of(&[Doc::new("1")
        .person("<script>alert(1)</script>", "Andy Jassy")
        .person("B", "Lisa Su")
        .done()]);
    let html = tables.to_html();
    for s in &tables.speakers {
        assert!(html.contains(&format!("id=\"sp-{}\"", s.id)));
        assert!(html.contains(&format!("href=\"#quotes-{}\"", s.id)));
        assert!(html.contains(&format!("id=\"quotes-{}\"", s.id)));
    }
    assert!(!html.contains("<script>alert"));
    let json: serde_json::Value = serde_json::from_str(&tables.to_json(false)).unwrap();
    assert_eq!(json["speakers"].as_array().unwrap().len(), 2);
    assert_eq!(tables.to_csv(Table::Speakers).lines().count(), 3);
    assert_eq!(tables.to_csv(Table::Quotes).lines().count(), 3);
    assert_eq!(
        tables.to_csv(Table::Groups).lines().count(),
        2,
        "the corpus row"
    );
}
