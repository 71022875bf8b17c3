//! Streaming aggregation: each record is folded into counters as it
//! comes, and then dropped. What is kept grows with the number of distinct
//! speaker names, entities, organizations and groups, never with the
//! number of documents or quotes: examples and figures are capped, counts
//! are exact.

use crate::identity::{self, Kind};
use crate::tables::{Appearance, FigureRow, QuoteExample};
use newsie_core::{
    Dimension, Entity, EntityLabel, QuantityKind, Quote, QuoteKind, Record, Sentence,
};
use std::collections::HashMap;

/// The most distinct mentions (`an AWS spokesperson`) kept per name.
pub(crate) const MAX_MENTIONS: usize = 20;

/// Where a quote's speaker falls in the sourcing shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Person = 0,
    Anonymous = 1,
    Organization = 2,
    Unattributed = 3,
}

impl Source {
    fn of(kind: Option<Kind>) -> Source {
        match kind {
            Some(Kind::Person) => Source::Person,
            Some(Kind::Anonymous) => Source::Anonymous,
            Some(Kind::Organization) => Source::Organization,
            None => Source::Unattributed,
        }
    }
}

/// Limits on what is kept.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub examples: usize,
    pub figures: usize,
}

/// Everything tallied under one speaker name (a form, before merging).
#[derive(Debug)]
pub(crate) struct FormTally {
    pub kind: Kind,
    pub name: String,
    pub quotes: u64,
    pub direct: u64,
    pub indirect: u64,
    pub documents: u64,
    pub first: Appearance,
    pub last: Appearance,
    pub examples: Vec<QuoteExample>,
    /// Distinct mentions as written, with their counts.
    pub mentions: Vec<(String, u64)>,
}

/// Counts for a group of documents (or the whole corpus).
#[derive(Debug, Default)]
pub(crate) struct GroupTally {
    pub documents: u64,
    /// Quotes by [`Source`].
    pub sources: [u64; 4],
    /// Quotes per form (index into the forms).
    pub per_form: HashMap<u32, u64>,
}

impl GroupTally {
    fn count(&mut self, source: Source, form: Option<u32>) {
        self.sources[source as usize] += 1;
        if let Some(form) = form {
            *self.per_form.entry(form).or_default() += 1;
        }
    }

    pub fn quotes(&self) -> u64 {
        self.sources.iter().sum()
    }
}

/// Mentions of one entity.
#[derive(Debug, Default)]
pub(crate) struct EntityTally {
    pub mentions: u64,
    pub documents: u64,
    last_document: Option<u64>,
}

/// Figures stated with one organization.
#[derive(Debug, Default)]
pub(crate) struct OrgFigures {
    pub found: u64,
    pub rows: Vec<FigureRow>,
}

/// The running totals of a report.
#[derive(Debug)]
pub(crate) struct Tally {
    limits: Limits,
    pub documents: u64,
    pub failed: u64,
    pub forms: Vec<FormTally>,
    form_index: HashMap<(Kind, String), u32>,
    /// Documents naming several related forms (which may merge), counted
    /// by the set of forms: what makes merged document counts exact.
    pub clusters: HashMap<Vec<u32>, u64>,
    pub corpus: GroupTally,
    pub groups: Vec<(String, GroupTally)>,
    group_index: HashMap<String, usize>,
    /// Entities by label (in [`EntityLabel::ALL`] order), then text.
    pub entities: [HashMap<String, EntityTally>; 4],
    pub figures: HashMap<String, OrgFigures>,
    /// Acronym -> the names articles defined it as, with counts.
    pub aliases: HashMap<String, Vec<(String, u64)>>,
}

fn label_index(label: EntityLabel) -> usize {
    EntityLabel::ALL
        .iter()
        .position(|&l| l == label)
        .expect("every label is listed")
}

impl Tally {
    pub fn new(limits: Limits) -> Tally {
        Tally {
            limits,
            documents: 0,
            failed: 0,
            forms: Vec::new(),
            form_index: HashMap::new(),
            clusters: HashMap::new(),
            corpus: GroupTally::default(),
            groups: Vec::new(),
            group_index: HashMap::new(),
            entities: Default::default(),
            figures: HashMap::new(),
            aliases: HashMap::new(),
        }
    }

    /// The index of group `name`, made on first sight.
    fn group(&mut self, name: &str) -> usize {
        if let Some(&at) = self.group_index.get(name) {
            return at;
        }
        self.groups.push((name.to_owned(), GroupTally::default()));
        self.group_index
            .insert(name.to_owned(), self.groups.len() - 1);
        self.groups.len() - 1
    }

    /// Counts a document that could not be processed (an error record).
    pub fn add_failed(&mut self, group: Option<&str>) {
        self.documents += 1;
        self.failed += 1;
        self.corpus.documents += 1;
        if let Some(group) = group {
            let at = self.group(group);
            self.groups[at].1.documents += 1;
        }
    }

    /// Folds one document's record in. `text` is the document's text when
    /// known (for acronyms defined in it); `group` its group.
    pub fn add(&mut self, record: &Record, text: Option<&str>, group: Option<&str>) {
        let doc = self.documents;
        self.documents += 1;
        self.corpus.documents += 1;
        let group = group.map(|g| self.group(g));
        if let Some(at) = group {
            self.groups[at].1.documents += 1;
        }
        let mut doc_forms = Vec::new();
        for quote in &record.quotes {
            let form = self.add_quote(doc, &record.id, quote);
            let source = Source::of(form.map(|f| self.forms[f as usize].kind));
            self.corpus.count(source, None);
            if let Some(at) = group {
                self.groups[at].1.count(source, form);
            }
            doc_forms.extend(form);
        }
        self.note_clusters(doc_forms);
        self.add_entities(doc, &record.entities);
        self.add_figures(doc, record);
        self.add_aliases(record, text);
    }

    /// Tallies one quote under its speaker's form; the form, or `None`
    /// for a quote without a speaker.
    fn add_quote(&mut self, doc: u64, id: &str, quote: &Quote) -> Option<u32> {
        let speaker = quote.speaker.as_ref()?;
        let (kind, name) = identity::form_of(speaker);
        let at = self.form(kind, name, doc, id);
        let limit = self.limits.examples;
        let form = &mut self.forms[at as usize];
        form.quotes += 1;
        match quote.kind {
            QuoteKind::Direct => form.direct += 1,
            QuoteKind::Indirect => form.indirect += 1,
        }
        if form.last.index != doc {
            form.documents += 1;
            form.last = Appearance {
                document: id.to_owned(),
                index: doc,
            };
        }
        if form.examples.len() < limit {
            form.examples.push(QuoteExample {
                text: quote.text.clone(),
                document: id.to_owned(),
                index: doc,
                kind: quote.kind,
                cue: quote.cue.as_ref().map(|c| c.text.clone()),
                speaker: speaker.text.clone(),
                start: quote.start,
                end: quote.end,
            });
        }
        let mention = identity::normalize(&speaker.text);
        if let Some((_, count)) = form.mentions.iter_mut().find(|(m, _)| *m == mention) {
            *count += 1;
        } else if form.mentions.len() < MAX_MENTIONS {
            form.mentions.push((mention, 1));
        }
        Some(at)
    }

    /// The index of the form `(kind, name)`, made on first sight in
    /// document `doc`.
    fn form(&mut self, kind: Kind, name: String, doc: u64, id: &str) -> u32 {
        let key = (kind, name);
        if let Some(&at) = self.form_index.get(&key) {
            return at;
        }
        let at = u32::try_from(self.forms.len()).expect("fewer than 2^32 speaker names");
        let here = Appearance {
            document: id.to_owned(),
            index: doc,
        };
        self.forms.push(FormTally {
            kind,
            name: key.1.clone(),
            quotes: 0,
            direct: 0,
            indirect: 0,
            documents: 1,
            first: here.clone(),
            last: here,
            examples: Vec::new(),
            mentions: Vec::new(),
        });
        self.form_index.insert(key, at);
        at
    }

    /// Counts the sets of related forms one document names (see
    /// [`identity::related`]), so that merging them later counts the
    /// document once.
    fn note_clusters(&mut self, mut forms: Vec<u32>) {
        forms.sort_unstable();
        forms.dedup();
        if forms.len() < 2 {
            return;
        }
        let mut parent: Vec<usize> = (0..forms.len()).collect();
        fn find(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for i in 0..forms.len() {
            for j in i + 1..forms.len() {
                let (a, b) = (
                    &self.forms[forms[i] as usize],
                    &self.forms[forms[j] as usize],
                );
                if a.kind == b.kind && identity::related(a.kind, &a.name, &b.name) {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    parent[ri.max(rj)] = ri.min(rj);
                }
            }
        }
        let mut sets: HashMap<usize, Vec<u32>> = HashMap::new();
        for (i, &form) in forms.iter().enumerate() {
            sets.entry(find(&mut parent, i)).or_default().push(form);
        }
        for set in sets.into_values().filter(|s| s.len() > 1) {
            *self.clusters.entry(set).or_default() += 1;
        }
    }

    fn add_entities(&mut self, doc: u64, entities: &[Entity]) {
        for entity in entities {
            let table = &mut self.entities[label_index(entity.label)];
            let tally = match table.get_mut(entity.text.as_str()) {
                Some(tally) => tally,
                None => table.entry(identity::normalize(&entity.text)).or_default(),
            };
            tally.mentions += 1;
            if tally.last_document != Some(doc) {
                tally.last_document = Some(doc);
                tally.documents += 1;
            }
        }
    }

    /// For each sentence, every money or percentage figure in it paired
    /// with every organization it names.
    fn add_figures(&mut self, doc: u64, record: &Record) {
        let (mut e, mut q) = (0, 0);
        for sentence in &record.sentences {
            let orgs = within(&record.entities, &mut e, sentence, |x| (x.start, x.end));
            let figures = within(&record.quantities, &mut q, sentence, |x| (x.start, x.end));
            let mut names: Vec<String> = orgs
                .iter()
                .filter(|x| x.label == EntityLabel::Org)
                .map(|x| identity::normalize(&x.text))
                .collect();
            names.sort();
            names.dedup();
            let figures = figures.iter().filter(|x| is_figure(x));
            for figure in figures {
                for name in &names {
                    let row = FigureRow {
                        organization: name.clone(),
                        document: record.id.clone(),
                        index: doc,
                        text: figure.text.clone(),
                        kind: figure.kind,
                        value: figure.value,
                        low: figure.low,
                        high: figure.high,
                        unit: figure.unit.clone(),
                        approximate: figure.approximate,
                        change: figure.change,
                        start: figure.start,
                        end: figure.end,
                        sentence_start: sentence.start,
                        sentence_end: sentence.end,
                    };
                    self.add_figure(row);
                }
            }
        }
    }

    fn add_figure(&mut self, row: FigureRow) {
        let limit = self.limits.figures;
        let org = match self.figures.get_mut(&row.organization) {
            Some(org) => org,
            None => self.figures.entry(row.organization.clone()).or_default(),
        };
        org.found += 1;
        if org.rows.len() < limit {
            org.rows.push(row);
        }
    }

    /// Notes the acronyms the document defines: `Name (ACRONYM)` right
    /// after an organization, read from the text, else from the sentence
    /// holding the name, else from an entity two bytes after it.
    fn add_aliases(&mut self, record: &Record, text: Option<&str>) {
        let entities = &record.entities;
        let mut s = 0;
        for (i, entity) in entities.iter().enumerate() {
            if entity.label != EntityLabel::Org {
                continue;
            }
            let following = text_after(text, &record.sentences, &mut s, entity);
            let acronym = match following {
                Some(following) => identity::acronym_defined(following),
                None => entities
                    .get(i + 1)
                    .filter(|next| next.start == entity.end + 2)
                    .map(|next| next.text.as_str()),
            };
            let name = identity::normalize(&entity.text);
            if let Some(acronym) = acronym.filter(|a| identity::could_abbreviate(a, &name)) {
                self.note_alias(acronym, name);
            }
        }
    }

    fn note_alias(&mut self, acronym: &str, name: String) {
        let names = match self.aliases.get_mut(acronym) {
            Some(names) => names,
            None => self.aliases.entry(acronym.to_owned()).or_default(),
        };
        match names.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => names.push((name, 1)),
        }
    }
}

/// Whether a quantity is a money or percentage figure.
fn is_figure(quantity: &newsie_core::Quantity) -> bool {
    matches!(quantity.kind, QuantityKind::Money | QuantityKind::Percent)
        || matches!(
            quantity.dimension,
            Some(Dimension::Currency | Dimension::Percent)
        )
}

/// The items of `items` (sorted by start) that lie within `sentence`,
/// moving `next` past those before it.
fn within<'a, T>(
    items: &'a [T],
    next: &mut usize,
    sentence: &Sentence,
    span: impl Fn(&T) -> (usize, usize),
) -> Vec<&'a T> {
    while *next < items.len() && span(&items[*next]).0 < sentence.start {
        *next += 1;
    }
    items[*next..]
        .iter()
        .take_while(|x| span(x).0 < sentence.end)
        .filter(|x| span(x).1 <= sentence.end)
        .collect()
}

/// The text right after `entity`: from the document's text when given and
/// the entity's offsets fit it, else from the sentence that holds it
/// (`sentence` moves forward through the sorted sentences). `None` when
/// neither shows it (offsets in code points, say).
fn text_after<'a>(
    text: Option<&'a str>,
    sentences: &'a [Sentence],
    sentence: &mut usize,
    entity: &Entity,
) -> Option<&'a str> {
    if let Some(text) = text {
        if text.get(entity.start..entity.end) == Some(entity.text.as_str()) {
            return text.get(entity.end..);
        }
    }
    while *sentence < sentences.len() && sentences[*sentence].end <= entity.start {
        *sentence += 1;
    }
    let holder = sentences.get(*sentence)?;
    if holder.start > entity.start || entity.end > holder.end {
        return None;
    }
    let (from, to) = (entity.start - holder.start, entity.end - holder.start);
    if holder.text.get(from..to) != Some(entity.text.as_str()) {
        return None;
    }
    holder.text.get(to..)
}
