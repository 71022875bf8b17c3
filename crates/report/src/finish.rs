//! The finish step: names merged into identities (surnames into the one
//! full name they fit, acronyms into the organization they stand for),
//! then every table built from the tallies.

use crate::identity::{self, Kind};
use crate::tables::{
    AliasRow, EntityRow, FigureRow, Form, GroupRow, Ranked, SpeakerRow, Summary, Tables,
};
use crate::tally::{GroupTally, Tally};
use newsie_core::EntityLabel;
use std::collections::HashMap;

/// The settings the tables are built with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    pub examples: usize,
    pub figures: usize,
    pub top: usize,
    pub bad_lines: u64,
}

/// An identity being put together from its forms.
struct Identity {
    row: SpeakerRow,
    /// Counts of its mentions as written.
    mentions: Vec<(String, u64)>,
}

/// The acronyms defined one way only, with the name each stands for.
fn settled_aliases(tally: &Tally) -> HashMap<&str, &str> {
    tally
        .aliases
        .iter()
        .filter(|(_, names)| names.len() == 1)
        .map(|(acronym, names)| (acronym.as_str(), names[0].0.as_str()))
        .collect()
}

/// For each form, the (kind, name) of the identity it belongs to.
fn identity_keys(tally: &Tally, aliases: &HashMap<&str, &str>) -> Vec<(Kind, String)> {
    let people: Vec<usize> = (0..tally.forms.len())
        .filter(|&i| tally.forms[i].kind == Kind::Person)
        .collect();
    let names: Vec<&str> = people
        .iter()
        .map(|&i| tally.forms[i].name.as_str())
        .collect();
    let mut person_root: HashMap<usize, &str> = HashMap::new();
    for (k, root) in identity::person_roots(&names).into_iter().enumerate() {
        person_root.insert(people[k], names[root]);
    }
    tally
        .forms
        .iter()
        .enumerate()
        .map(|(i, form)| {
            let name = match form.kind {
                Kind::Person => person_root[&i],
                Kind::Anonymous | Kind::Organization => aliases
                    .get(form.name.as_str())
                    .copied()
                    .unwrap_or(form.name.as_str()),
            };
            (form.kind, name.to_owned())
        })
        .collect()
}

/// The identities (unsorted) and, for each form, the identity it joined.
fn merge(tally: &Tally, keys: Vec<(Kind, String)>, examples: usize) -> (Vec<Identity>, Vec<usize>) {
    let mut index: HashMap<(Kind, String), usize> = HashMap::new();
    let mut identities: Vec<Identity> = Vec::new();
    let mut of_form = Vec::with_capacity(keys.len());
    for (form, key) in tally.forms.iter().zip(keys) {
        let at = *index.entry(key.clone()).or_insert_with(|| {
            identities.push(Identity {
                row: SpeakerRow {
                    id: String::new(),
                    name: key.1.clone(),
                    kind: key.0,
                    quotes: 0,
                    direct: 0,
                    indirect: 0,
                    documents: 0,
                    first: form.first.clone(),
                    last: form.last.clone(),
                    forms: Vec::new(),
                    mentions: Vec::new(),
                    examples: Vec::new(),
                },
                mentions: Vec::new(),
            });
            identities.len() - 1
        });
        of_form.push(at);
        let identity = &mut identities[at];
        let row = &mut identity.row;
        row.quotes += form.quotes;
        row.direct += form.direct;
        row.indirect += form.indirect;
        row.documents += form.documents;
        if form.first.index < row.first.index {
            row.first = form.first.clone();
        }
        if form.last.index > row.last.index {
            row.last = form.last.clone();
        }
        row.forms.push(Form {
            name: form.name.clone(),
            quotes: form.quotes,
        });
        // Each form kept its first examples: the identity's first are
        // among them.
        row.examples.extend(form.examples.iter().cloned());
        row.examples.sort_by_key(|e| (e.index, e.start));
        row.examples.truncate(examples);
        for (mention, count) in &form.mentions {
            match identity.mentions.iter_mut().find(|(m, _)| m == mention) {
                Some((_, c)) => *c += count,
                None => identity.mentions.push((mention.clone(), *count)),
            }
        }
    }
    (identities, of_form)
}

/// Takes off the documents counted twice: those naming several forms
/// that merged into one identity.
fn correct_documents(tally: &Tally, identities: &mut [Identity], of_form: &[usize]) {
    for (set, &count) in &tally.clusters {
        let mut per_identity: HashMap<usize, u64> = HashMap::new();
        for &form in set {
            *per_identity.entry(of_form[form as usize]).or_default() += 1;
        }
        for (identity, forms) in per_identity {
            let row = &mut identities[identity].row;
            debug_assert!(row.documents >= count * (forms - 1), "{}", row.name);
            row.documents = row.documents.saturating_sub(count * (forms - 1));
        }
    }
}

/// Builds every table.
pub(crate) fn finish(tally: Tally, settings: Settings) -> Tables {
    let aliases = settled_aliases(&tally);
    let keys = identity_keys(&tally, &aliases);
    let (mut identities, of_form) = merge(&tally, keys, settings.examples);
    correct_documents(&tally, &mut identities, &of_form);
    // Most quoted first; ties by kind, then name, for a stable order.
    let mut order: Vec<usize> = (0..identities.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&identities[a].row, &identities[b].row);
        (b.quotes, a.kind, &a.name).cmp(&(a.quotes, b.kind, &b.name))
    });
    let mut rank_of = vec![0; identities.len()];
    for (rank, &i) in order.iter().enumerate() {
        rank_of[i] = rank;
    }
    let speakers = ranked_rows(identities, &order);
    let ranking = Ranking {
        speakers: &speakers,
        rank_of: &rank_of,
        of_form: &of_form,
        top: settings.top,
    };
    let corpus = group_row("all", &tally.corpus, None, &ranking);
    let mut groups: Vec<GroupRow> = tally
        .groups
        .iter()
        .map(|(name, group)| group_row(name, group, Some(group), &ranking))
        .collect();
    groups.sort_by(|a, b| a.group.cmp(&b.group));
    let (figures, figures_found) = figure_rows(&tally, &aliases);
    let entities = entity_rows(&tally, settings.top);
    let summary = Summary {
        documents: tally.documents,
        failed_documents: tally.failed,
        bad_lines: settings.bad_lines,
        quotes: tally.corpus.quotes(),
        speakers: speakers.len() as u64,
        distinct_entities: tally.entities.iter().map(|t| t.len() as u64).sum(),
        figures_found,
        figures_listed: figures.len() as u64,
        examples_per_speaker: settings.examples,
        figures_per_organization: settings.figures,
        top: settings.top,
    };
    Tables {
        summary,
        corpus,
        groups,
        speakers,
        entities,
        figures,
        aliases: alias_rows(&tally),
    }
}

/// The speaker rows in rank order, with their ids and mentions.
fn ranked_rows(identities: Vec<Identity>, order: &[usize]) -> Vec<SpeakerRow> {
    let mut slots: Vec<Option<Identity>> = identities.into_iter().map(Some).collect();
    order
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let Identity {
                mut row,
                mut mentions,
            } = slots[i].take().expect("each once");
            row.id = format!("s{}", rank + 1);
            row.forms
                .sort_by(|a, b| (b.quotes, &a.name).cmp(&(a.quotes, &b.name)));
            mentions.sort_by(|a, b| (b.1, &a.0).cmp(&(a.1, &b.0)));
            mentions.truncate(crate::tally::MAX_MENTIONS);
            row.mentions = mentions.into_iter().map(|(m, _)| m).collect();
            row
        })
        .collect()
}

/// What ranked lists are made from.
struct Ranking<'a> {
    speakers: &'a [SpeakerRow],
    rank_of: &'a [usize],
    of_form: &'a [usize],
    top: usize,
}

impl Ranking<'_> {
    /// The most-quoted identities of `kind`, from quote counts per
    /// identity rank.
    fn top(&self, counts: &HashMap<usize, u64>, kind: Kind) -> Vec<Ranked> {
        let mut list: Vec<(usize, u64)> = counts
            .iter()
            .filter(|(&rank, _)| self.speakers[rank].kind == kind)
            .map(|(&rank, &quotes)| (rank, quotes))
            .collect();
        list.sort_by(|a, b| (b.1, a.0).cmp(&(a.1, b.0)));
        if self.top > 0 {
            list.truncate(self.top);
        }
        list.into_iter()
            .map(|(rank, quotes)| Ranked {
                id: self.speakers[rank].id.clone(),
                name: self.speakers[rank].name.clone(),
                quotes,
            })
            .collect()
    }
}

/// The sourcing row of a group; `per_form` counts from `forms` (a group),
/// or from the identities' totals (the corpus).
fn group_row(
    name: &str,
    tally: &GroupTally,
    forms: Option<&GroupTally>,
    ranking: &Ranking,
) -> GroupRow {
    let mut counts: HashMap<usize, u64> = HashMap::new();
    match forms {
        Some(group) => {
            for (&form, &quotes) in &group.per_form {
                let rank = ranking.rank_of[ranking.of_form[form as usize]];
                *counts.entry(rank).or_default() += quotes;
            }
        }
        None => {
            for (rank, row) in ranking.speakers.iter().enumerate() {
                counts.insert(rank, row.quotes);
            }
        }
    }
    let quotes = tally.quotes();
    let share = |n: u64| {
        if quotes == 0 {
            0.0
        } else {
            n as f64 / quotes as f64
        }
    };
    let [person, anonymous, organization, unattributed] = tally.sources;
    GroupRow {
        group: name.to_owned(),
        documents: tally.documents,
        quotes,
        person,
        anonymous,
        organization,
        unattributed,
        share_person: share(person),
        share_anonymous: share(anonymous),
        share_organization: share(organization),
        share_unattributed: share(unattributed),
        top_people: ranking.top(&counts, Kind::Person),
        top_organizations: ranking.top(&counts, Kind::Organization),
    }
}

/// The most-mentioned entities of each label.
fn entity_rows(tally: &Tally, top: usize) -> Vec<EntityRow> {
    let mut rows = Vec::new();
    for (k, &label) in EntityLabel::ALL.iter().enumerate() {
        let mut list: Vec<(&String, u64, u64)> = tally.entities[k]
            .iter()
            .map(|(text, t)| (text, t.mentions, t.documents))
            .collect();
        list.sort_by(|a, b| (b.1, b.2, a.0).cmp(&(a.1, a.2, b.0)));
        if top > 0 {
            list.truncate(top);
        }
        rows.extend(
            list.into_iter()
                .enumerate()
                .map(|(rank, (text, mentions, documents))| EntityRow {
                    label,
                    text: text.clone(),
                    mentions,
                    documents,
                    rank: rank + 1,
                }),
        );
    }
    rows
}

/// The figures kept, organizations' acronyms written as their names,
/// sorted by organization then input order; and how many were found.
fn figure_rows(tally: &Tally, aliases: &HashMap<&str, &str>) -> (Vec<FigureRow>, u64) {
    let mut rows: Vec<FigureRow> = Vec::new();
    let mut found = 0;
    for (org, figures) in &tally.figures {
        found += figures.found;
        let name = aliases.get(org.as_str()).copied().unwrap_or(org);
        rows.extend(figures.rows.iter().map(|row| FigureRow {
            organization: name.to_owned(),
            ..row.clone()
        }));
    }
    rows.sort_by(|a, b| {
        (&a.organization, a.index, a.start, a.end).cmp(&(&b.organization, b.index, b.start, b.end))
    });
    // A sentence naming an organization and its acronym lists a figure once.
    rows.dedup_by(|a, b| {
        (&a.organization, a.index, a.start, a.end) == (&b.organization, b.index, b.start, b.end)
    });
    (rows, found)
}

/// Every acronym definition, most defined first.
fn alias_rows(tally: &Tally) -> Vec<AliasRow> {
    let mut rows: Vec<AliasRow> = tally
        .aliases
        .iter()
        .flat_map(|(alias, names)| {
            names.iter().map(move |(name, count)| AliasRow {
                alias: alias.clone(),
                name: name.clone(),
                definitions: *count,
                merged: names.len() == 1,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.definitions, &a.alias, &a.name).cmp(&(a.definitions, &b.alias, &b.name))
    });
    rows
}
