//! Hedges: `about`, `more than`, `up to`, `or more` and the bounds they
//! give; two opposite bounds close a range (`more than 10 but less than
//! 40`).

use super::*;

/// What a hedge says of the number it comes with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Dir {
    /// An estimate: `about`, `nearly`.
    Around,
    /// The number is a lower bound: `more than`, `at least`, `or more`.
    Lower,
    /// The number is an upper bound: `less than`, `up to`, `no more than`.
    Upper,
}

impl Dir {
    /// The bound the output contract names for this direction; an estimate
    /// (`about`) bounds nothing.
    pub(super) fn bound(self) -> Option<Bound> {
        match self {
            Dir::Around => None,
            Dir::Lower => Some(Bound::AtLeast),
            Dir::Upper => Some(Bound::AtMost),
        }
    }
}

/// A hedge phrase before a number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lead {
    pub(super) dir: Dir,
    /// The token after the phrase, where the number starts.
    pub(super) end: usize,
    /// Whether the phrase hedges a number on its own; `above`, `below`,
    /// `over`, `under` only bound one side of a pair (`above 40` is 40).
    pub(super) strong: bool,
}

impl Lead {
    /// `no more than 50` bounds from above.
    pub(super) fn negated(self) -> Lead {
        let dir = match self.dir {
            Dir::Lower => Dir::Upper,
            Dir::Upper => Dir::Lower,
            Dir::Around => Dir::Around,
        };
        Lead { dir, ..self }
    }
}

impl Parser<'_> {
    /// A hedge phrase that starts at token `k`: what it says of the number
    /// after it and where that number starts. `about`, `more than`, `no
    /// more than`, `less than or equal to`, `at least`, `up to`, `as much
    /// as`, `exceeding`, `>`, `<=`, and (weak: only as one side of a pair)
    /// `above`, `below`, `over`, `under`.
    pub(super) fn lead_hedge(&self, k: usize) -> Option<Lead> {
        let t = self.tok(k)?;
        let strong = |dir, end| {
            Some(Lead {
                dir,
                end,
                strong: true,
            })
        };
        match t.kind {
            Kind::Sym(c @ ('<' | '>' | '≤' | '≥')) => {
                let dir = if matches!(c, '>' | '≥') {
                    Dir::Lower
                } else {
                    Dir::Upper
                };
                let mut end = k + 1;
                if matches!(c, '<' | '>') && self.is_sym(end, '=') {
                    end += 1;
                }
                // `<<`, `->`, `=>`, `<>`: arrows and markup, no bound.
                let arrow = k > 0
                    && t.glued
                    && (self.is_hyphen(k - 1)
                        || matches!(self.t[k - 1].kind, Kind::Sym('=' | '<' | '>')));
                if arrow
                    || self
                        .tok(end)
                        .is_some_and(|n| matches!(n.kind, Kind::Sym('<' | '>')))
                {
                    return None;
                }
                return strong(dir, end);
            }
            Kind::Word => {}
            _ => return None,
        }
        let w = self.str_of(k);
        let is = |x: &str| w.eq_ignore_ascii_case(x);
        match t.lex {
            // `a drama about three sisters`: after a noun of telling,
            // `about` gives the topic, not an estimate.
            Lex::Hedge if is("about") && k > 0 && tells_of(self.str_of(k - 1)) => None,
            Lex::Hedge => strong(Dir::Around, k + 1),
            Lex::Comparative => {
                // `more or less 20` is an estimate, not a bound.
                if is("more")
                    && self.str_of(k + 1).eq_ignore_ascii_case("or")
                    && self.str_of(k + 2).eq_ignore_ascii_case("less")
                {
                    return strong(Dir::Around, k + 3);
                }
                self.comparative_lead(k)
            }
            Lex::Det if is("no") => self.comparative_lead(k + 1).map(Lead::negated),
            Lex::Other if is("not") => self.comparative_lead(k + 1).map(Lead::negated),
            Lex::At => {
                let dir = match self.str_of(k + 1).to_ascii_lowercase().as_str() {
                    "least" => Dir::Lower,
                    "most" => Dir::Upper,
                    _ => return None,
                };
                strong(dir, self.or_equal(k + 2))
            }
            Lex::Up if self.lex(k + 1) == Lex::To => strong(Dir::Upper, k + 2),
            Lex::As if self.lex(k + 1) == Lex::MuchMany && self.lex(k + 2) == Lex::As => {
                strong(Dir::Upper, k + 3)
            }
            Lex::Over => Some(Lead {
                dir: Dir::Lower,
                end: k + 1,
                strong: false,
            }),
            Lex::Other if w.len() <= 10 => {
                let l = w.to_ascii_lowercase();
                let verb = |stem: &str| {
                    l.strip_prefix(stem)
                        .is_some_and(|rest| matches!(rest, "" | "s" | "es" | "ed" | "ing"))
                };
                // `exceeding 150`, `surpassed $1 billion`: more than.
                if verb("exceed") || verb("surpass") {
                    return strong(Dir::Lower, k + 1);
                }
                let dir = match l.as_str() {
                    "above" => Dir::Lower,
                    "below" | "under" => Dir::Upper,
                    _ => return None,
                };
                Some(Lead {
                    dir,
                    end: k + 1,
                    strong: false,
                })
            }
            _ => None,
        }
    }

    /// `more than`, `less than or equal to`, `bigger or equal than` at `k`.
    pub(super) fn comparative_lead(&self, k: usize) -> Option<Lead> {
        if self.lex(k) != Lex::Comparative {
            return None;
        }
        let dir = match self.str_of(k).to_ascii_lowercase().as_str() {
            "more" | "greater" | "larger" | "bigger" | "higher" => Dir::Lower,
            _ => Dir::Upper,
        };
        let end = if self.lex(k + 1) == Lex::Than {
            self.or_equal(k + 2)
        } else {
            let e = self.or_equal(k + 1);
            if e == k + 1 {
                return None;
            }
            e
        };
        Some(Lead {
            dir,
            end,
            strong: true,
        })
    }

    /// Skips `or equal to`, `or equal than` at `k`.
    pub(super) fn or_equal(&self, k: usize) -> usize {
        if self.str_of(k).eq_ignore_ascii_case("or")
            && matches!(
                self.str_of(k + 1).to_ascii_lowercase().as_str(),
                "equal" | "equals"
            )
        {
            return k + 2 + usize::from(matches!(self.lex(k + 2), Lex::To | Lex::Than));
        }
        k
    }

    /// A bound written after the number at `k`: `or more`, `or fewer`,
    /// `or greater than` (at a phrase end), `and up`, `and over`.
    pub(super) fn trail_hedge(&self, k: usize) -> Option<(Dir, usize)> {
        let or = self.str_of(k).eq_ignore_ascii_case("or");
        if !or && self.lex(k) != Lex::And {
            return None;
        }
        let w = self.str_of(k + 1).to_ascii_lowercase();
        let dir = match (or, w.as_str()) {
            (true, "more" | "greater" | "larger" | "bigger" | "higher" | "above" | "over") => {
                Dir::Lower
            }
            (true, "less" | "fewer" | "lower" | "smaller" | "below" | "under") => Dir::Upper,
            (false, "up" | "above" | "over") => Dir::Lower,
            (false, "below" | "under") => Dir::Upper,
            _ => return None,
        };
        let mut end = k + 2;
        // `200 or greater than` at a phrase end; `or more than 300` leads
        // a second amount.
        if self.lex(end) == Lex::Than && self.phrase_end(end + 1) {
            end += 1;
        }
        // `5 and up to 10`, `3 or more than 4`: the word leads the next amount.
        let leads_next = self.tok(end).is_some_and(|n| {
            n.is_num()
                || matches!(
                    n.lex,
                    Lex::Unit(_)
                        | Lex::Tens(_)
                        | Lex::A
                        | Lex::Half
                        | Lex::Quarter(_)
                        | Lex::Hundred
                        | Lex::To
                        | Lex::Than
                )
                || matches!(n.kind, Kind::Sym(c) if currency_symbol(c).is_some())
        });
        if leads_next {
            return None;
        }
        Some((dir, end))
    }

    /// Takes hedges into the quantity: a hedge phrase before it, a bound
    /// after it (`200 or more`), and two opposite bounds joined into one
    /// range (`more than 10 but less than 40`). `floor` is the first token
    /// not yet taken by an earlier quantity.
    pub(super) fn hedge(&self, f: &mut Found, floor: usize) {
        // A rank is exact: `moved up to fourth` reaches a place.
        if f.kind == QKind::Ordinal {
            return;
        }
        let mut lead: Option<(usize, Lead)> = None;
        for p in f.s.saturating_sub(6).max(floor)..f.s {
            if let Some(l) = self.lead_hedge(p).filter(|l| l.end == f.s) {
                lead = Some((p, l));
                break;
            }
        }
        let single = f.value.is_some() && f.low.is_none() && f.kind != QKind::Ordinal;
        if let Some((p, l)) = lead {
            if l.strong {
                f.s = p;
                f.approximate = true;
                f.bound = l.dir.bound();
            }
        }
        if !single {
            return;
        }
        // Two opposite bounds: `more than 10 and less than 40`, `at most
        // 100 and at least 20`, `above 1000 and below 1500`.
        if let Some((p, first)) = lead.filter(|(_, l)| l.dir != Dir::Around) {
            if let Some(r) = self.bound_pair(f, p, first.dir) {
                *f = r;
                return;
            }
        }
        let strong_lead = lead.is_some_and(|(_, l)| l.strong);
        if !strong_lead || lead.is_some_and(|(_, l)| l.dir == Dir::Around) {
            if let Some((dir, end)) = self.trail_hedge(f.e) {
                f.e = end;
                f.approximate = true;
                f.bound = dir.bound().or(f.bound);
            }
        }
    }
}

/// Nouns of telling and talking, after which `about` opens the topic (`a
/// film about two brothers`, `questions about three contracts`).
fn tells_of(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "film"
            | "movie"
            | "drama"
            | "documentary"
            | "series"
            | "book"
            | "novel"
            | "story"
            | "stories"
            | "play"
            | "song"
            | "article"
            | "question"
            | "questions"
            | "concerns"
            | "worries"
            | "fears"
            | "doubts"
            | "debate"
            | "talk"
            | "talks"
            | "complaints"
            | "allegations"
            | "memoir"
            | "comedy"
            | "thriller"
    )
}
