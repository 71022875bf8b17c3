#!/usr/bin/env python3
"""MISC-aware agreement silver data: spaCy md and the transformer agree, plus md's new MISC.

`agree_silver.py` keeps the sentences that two teachers tag identically. Its teachers are
spaCy (OntoNotes types mapped to CoNLL) and newsie's CoNLL-trained transformer, which never
learned products, events, works or laws: where spaCy marks `iPhone` or `Affordable Care Act`
as MISC the transformer says O, the sentence disagrees and is dropped, so the linear model
hardly ever sees that kind of MISC in modern news. This script keeps such sentences and
lets spaCy decide the MISC it knows better:

- PER, ORG and LOC: spaCy md's entities (span and type) must equal the transformer's;
- spaCy md's PRODUCT, EVENT, WORK_OF_ART and LAW entities (the FINE file that
  `make_silver_md.py` writes) are kept as MISC wherever the transformer had O or MISC over
  them (given the first rule it cannot have PER/ORG/LOC there), if one of their words has a
  capital letter (CoNLL marks names, not `comprehensive immigration reform`);
- every other MISC (NORP: `Republican`, `Americans`; LANGUAGE) must agree as before: md's
  other MISC entities must equal the transformer's MISC entities that overlap none of the
  kept fine spans (a transformer MISC span that overlaps a kept fine span gives way to it);
- a sentence that fails any rule is dropped whole.

With `--union` the last rule is relaxed: the other MISC entities of both teachers are kept
(the transformer tags more of them than md: `Lilyhammer`, `Medicare for all`), as long as
no entity of one overlaps a different entity of the other; then the sentence is dropped.

Inputs are the IOB2 files `newsie-ner-silver` writes from the same PolNeAR TRAIN texts:
MD (md, all types), FINE (md, only the four types, as MISC; same sentences as MD) and
TRANSFORMER. Sentences are matched on their exact words, as in `agree_silver.py`; output
sentences keep the transformer file's document grouping (documents left empty are dropped).

The output derives from research-only text: write it outside the repository and never
commit it.

Usage: misc_silver.py MD.iob2 FINE.iob2 TRANSFORMER.iob2 OUTPUT.iob2 [--no-case-filter] [--union]
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "transformer"))
from conll_windows import read_conll  # noqa: E402
from agree_silver import write_document  # noqa: E402


def entities(tags):
    """(start, end, type) of each IOB2 entity, end exclusive."""
    out, start, kind = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and not tag.startswith("I-" + kind):
            out.append((start, i, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return out


def to_tags(n, ents):
    tags = ["O"] * n
    for s, e, k in ents:
        tags[s] = "B-" + k
        for i in range(s + 1, e):
            tags[i] = "I-" + k
    return tags


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def combine(words, md, fine, tr, case_filter=True, union=False):
    """The sentence's tags under the rules above, or None when it is dropped."""
    md_e, tr_e = set(entities(md)), set(entities(tr))
    if {e for e in md_e if e[2] != "MISC"} != {e for e in tr_e if e[2] != "MISC"}:
        return None
    fine_e = [e for e in entities(fine) if e in md_e]
    if case_filter:
        fine_e = [e for e in fine_e if any(c.isupper() for w in words[e[0]:e[1]] for c in w)]
    fine_set = set(fine_e)
    md_misc = {e for e in md_e if e[2] == "MISC" and e not in fine_set}
    # md's fine spans that fail the case filter are neither kept nor required of the teacher.
    dropped_fine = {e for e in entities(fine) if e in md_e and e not in fine_set}
    md_misc -= dropped_fine
    tr_misc = {e for e in tr_e if e[2] == "MISC"
               and not any(overlaps(e, f) for f in fine_e)
               and not any(overlaps(e, f) for f in dropped_fine)}
    if union:
        # Either teacher's MISC, when the two never mark overlapping but different spans.
        if any(overlaps(a, b) and a != b for a in md_misc for b in tr_misc):
            return None
        md_misc = md_misc | tr_misc
    elif md_misc != tr_misc:
        return None
    if dropped_fine and any(overlaps(e, f) for e in tr_e for f in dropped_fine):
        # The transformer marked something where md's dropped span is: no clean answer.
        return None
    kept = {e for e in md_e if e[2] != "MISC"} | md_misc | fine_set
    return to_tags(len(words), sorted(kept))


def main(md_path, fine_path, tr_path, out_path, case_filter=True, union=False):
    md = {tuple(w): t for doc in read_conll(md_path) for w, t in doc}
    fine = {tuple(w): t for doc in read_conll(fine_path) for w, t in doc}
    total = kept = n_fine = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for doc in read_conll(tr_path):
            agreed = []
            for words, tags in doc:
                total += 1
                key = tuple(words)
                if key not in md or key not in fine:
                    continue
                new = combine(words, md[key], fine[key], tags, case_filter, union)
                if new is None:
                    continue
                n_fine += sum(1 for e in entities(fine[key]) if e in set(entities(new)))
                agreed.append((words, new))
            kept += write_document(out, agreed)
    print(f"{kept} of {total} sentences kept, {n_fine} PRODUCT/EVENT/WORK_OF_ART/LAW spans "
          f"as MISC -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 4:
        sys.exit(__doc__)
    main(*args, case_filter="--no-case-filter" not in sys.argv, union="--union" in sys.argv)
