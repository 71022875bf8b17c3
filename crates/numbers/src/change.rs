//! Whether a quantity is the size of a change (`rose 12%`, `cut the
//! dividend by 5 cents`, `a 12% increase`, `up 8%`), and which way.
//!
//! A change is read from the words around the quantity: a noun of change
//! right after it (`a 12% increase`); a verb of rising or falling a few
//! words before a `by` that introduces it (`raised its dividend by 4
//! cents`); or such a verb right before it, for a percentage (`rose 12%`)
//! or for money after a verb that takes no object (`shares fell $2`; not
//! `raised $5 million`, `cut 200 jobs`, which count what was raised or
//! cut). The level a change ends at (`to $4.1 billion`) or starts from
//! (`from 3.6%`), and a share (`cut 5% of its staff`), are no change.

use crate::grammar::QKind;
use crate::scan::{Kind, Tok};
use newsie_core::Change;

/// How many tokens before `by` a change verb may stand with anything
/// between (`cut the annual dividend by`, `declined, by`).
const VERB_REACH_BEFORE_BY: usize = 4;

/// How far a change verb may stand before `by` when a longer object comes
/// between (`cut fuel burn per seat by`, `cut the price of Ledger Premium
/// by`): only across words of one phrase, never punctuation or a
/// conjunction, so the verb of another clause is not reached (`ratings
/// have been rising and now outweigh her positives by 24 points`).
const VERB_REACH_ACROSS_AN_OBJECT: usize = 7;

/// The change the quantity of `kind` over tokens `[s, e)` is the size of,
/// if any.
pub(crate) fn change_of(
    text: &str,
    tokens: &[Tok],
    kind: QKind,
    s: usize,
    e: usize,
) -> Option<Change> {
    let word = |k: usize| -> Option<String> {
        tokens
            .get(k)
            .filter(|t| t.is_word())
            .map(|t| text[t.start..t.end].to_ascii_lowercase())
    };
    // `a 12% increase`, `a 5 percent drop`.
    let next = word(e);
    if let Some(change) = next.as_deref().and_then(noun) {
        return Some(change);
    }
    let before = s.checked_sub(1)?;
    match word(before).as_deref() {
        Some("by") => {
            // `rose by 12%`; `raised its dividend by 4 cents`.
            let from = before.saturating_sub(VERB_REACH_BEFORE_BY);
            let near = (from..before).rev().find_map(|k| {
                let token = &tokens[k];
                if !token.is_word() {
                    return None;
                }
                verb(&text[token.start..token.end].to_ascii_lowercase()).map(|(c, _)| c)
            });
            near.or_else(|| {
                let far = before.saturating_sub(VERB_REACH_ACROSS_AN_OBJECT);
                (far..before)
                    .rev()
                    .map(|k| (&tokens[k], text[tokens[k].start..tokens[k].end].to_ascii_lowercase()))
                    .take_while(|(t, w)| {
                        !matches!(t.kind, Kind::Sym(c) if c != '-' && c != '&' && c != '\'' && c != '’')
                            && !matches!(w.as_str(), "and" | "but" | "or" | "while" | "which" | "that")
                    })
                    .find_map(|(_, w)| verb(&w).map(|(c, _)| c))
            })
        }
        Some(_) if next.as_deref() == Some("of") => None,
        Some(w) => match (kind, verb(w)) {
            (QKind::Percent, Some((change, _))) => Some(change),
            (QKind::Money, Some((change, false))) => Some(change),
            _ => None,
        },
        None => None,
    }
}

/// A verb (or `up`/`down`) of rising or falling, and whether it takes an
/// object (`raised`, `cut`: what follows may be what was raised or cut).
fn verb(word: &str) -> Option<(Change, bool)> {
    let up = matches!(
        word,
        "up" | "rose"
            | "rise"
            | "rises"
            | "risen"
            | "rising"
            | "grew"
            | "grow"
            | "grows"
            | "grown"
            | "growing"
            | "increased"
            | "increase"
            | "increases"
            | "increasing"
            | "climbed"
            | "climb"
            | "climbs"
            | "gained"
            | "gain"
            | "gains"
            | "jumped"
            | "jump"
            | "jumps"
            | "surged"
            | "surge"
            | "surges"
            | "soared"
            | "soar"
            | "soars"
            | "rallied"
            | "raised"
            | "raise"
            | "raises"
            | "raising"
            | "boosted"
            | "boost"
            | "lifted"
            | "lift"
            | "widened"
            | "expanded"
            | "advanced"
            | "added"
            | "hiked"
            | "improved"
    );
    let down = matches!(
        word,
        "down"
            | "fell"
            | "fall"
            | "falls"
            | "fallen"
            | "falling"
            | "declined"
            | "decline"
            | "declines"
            | "dropped"
            | "drop"
            | "drops"
            | "decreased"
            | "decrease"
            | "decreases"
            | "slipped"
            | "slip"
            | "slid"
            | "slide"
            | "sank"
            | "sink"
            | "sunk"
            | "plunged"
            | "plunge"
            | "tumbled"
            | "tumble"
            | "cut"
            | "cuts"
            | "cutting"
            | "lowered"
            | "lower"
            | "reduced"
            | "reduce"
            | "shrank"
            | "shrink"
            | "shrunk"
            | "narrowed"
            | "narrow"
            | "lost"
            | "lose"
            | "loses"
            | "shed"
            | "slumped"
            | "dipped"
            | "dip"
            | "eased"
            | "retreated"
            | "trimmed"
            | "slashed"
    );
    let transitive = matches!(
        word,
        "raised"
            | "raise"
            | "raises"
            | "raising"
            | "boosted"
            | "boost"
            | "lifted"
            | "lift"
            | "added"
            | "hiked"
            | "cut"
            | "cuts"
            | "cutting"
            | "lowered"
            | "lower"
            | "reduced"
            | "reduce"
            | "lost"
            | "lose"
            | "loses"
            | "shed"
            | "trimmed"
            | "slashed"
            | "gained"
            | "gain"
            | "gains"
    );
    match (up, down) {
        (true, _) => Some((Change::Up, transitive)),
        (_, true) => Some((Change::Down, transitive)),
        _ => None,
    }
}

/// A noun right after a quantity that makes it a change's size.
fn noun(word: &str) -> Option<Change> {
    match word {
        "increase" | "rise" | "gain" | "jump" | "growth" | "surge" | "hike" | "boost" | "climb"
        | "uptick" | "increases" | "rises" | "gains" => Some(Change::Up),
        "decrease" | "decline" | "drop" | "fall" | "cut" | "reduction" | "slump" | "dip"
        | "decreases" | "declines" | "drops" | "falls" | "cuts" | "reductions" => {
            Some(Change::Down)
        }
        _ => None,
    }
}
