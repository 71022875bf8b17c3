#!/usr/bin/env python3
"""Silver NER training data by majority of three teachers, sentence by sentence.

`agree_silver.py` keeps the sentences two teachers (spaCy sm and newsie's CoNLL-trained
transformer) tag identically. This takes three: spaCy en_core_web_sm, spaCy en_core_web_md
(both with OntoNotes types mapped to CoNLL as `make_silver.py` maps them, so PRODUCT, EVENT,
WORK_OF_ART, LAW and NORP are MISC) and the transformer. A sentence is kept, with those tags,
when at least two of the three tag it identically (same words, same IOB2 tags); when all
three differ it is dropped. The kept set contains the sm/transformer agreement of the
installed recipe, plus the sentences where md agrees with one of them: where the two spaCy
models agree on a product, event, work or law that the transformer (which never learned
them) misses, that MISC now survives.

Inputs are the IOB2 files `newsie-ner-silver` writes from the same PolNeAR TRAIN texts.
Sentences are matched on their exact words, as in `agree_silver.py`; output sentences keep
the transformer file's (THIRD's) document grouping; documents left empty are dropped. A
sentence that only two of the files contain (the tools split sentences differently) needs
those two to agree.

The output derives from research-only text: write it outside the repository and never
commit it.

With `--misc-only` the vote is narrower: a sentence is kept only where all the teachers
that contain it give the same PER, ORG and LOC entities (span and type), and its MISC
entities are those that at least two of them give (a MISC only one gives is left O); so
the vote decides MISC only, never a person, organization or place that one teacher missed.

Usage: vote_silver.py SM.iob2 MD.iob2 TRANSFORMER.iob2 OUTPUT.iob2 [--misc-only]
"""

import os
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "transformer"))
from conll_windows import read_conll  # noqa: E402
from agree_silver import write_document  # noqa: E402
from misc_silver import entities, to_tags  # noqa: E402


def misc_only_vote(votes):
    """Tags under `--misc-only`, or None when the sentence is dropped."""
    ents = [set(entities(t)) for t in votes]
    cores = [{e for e in es if e[2] != "MISC"} for es in ents]
    if any(c != cores[0] for c in cores) or len(votes) < 2:
        return None
    counts = Counter(e for es in ents for e in es if e[2] == "MISC")
    misc = {e for e, n in counts.items() if n >= 2}
    # Two spans with two votes each among three flat taggers share a voter, so they never
    # overlap; nor can they overlap the shared PER/ORG/LOC entities.
    n = len(votes[0])
    return tuple(to_tags(n, sorted(cores[0] | misc)))


def main(sm_path, md_path, tr_path, out_path, misc_only=False):
    sm = {tuple(w): tuple(t) for doc in read_conll(sm_path) for w, t in doc}
    md = {tuple(w): tuple(t) for doc in read_conll(md_path) for w, t in doc}
    total = kept = 0
    how = Counter()
    with open(out_path, "w", encoding="utf-8") as out:
        for doc in read_conll(tr_path):
            agreed = []
            for words, tags in doc:
                total += 1
                key = tuple(words)
                votes = {"sm": sm.get(key), "md": md.get(key), "tr": tuple(tags)}
                votes = {k: v for k, v in votes.items() if v is not None}
                if misc_only:
                    best = misc_only_vote(list(votes.values()))
                    if best is None:
                        continue
                    how["misc-only"] += 1
                    agreed.append((words, best))
                    continue
                counts = Counter(votes.values())
                best, n = counts.most_common(1)[0]
                if n < 2:
                    continue
                how["+".join(k for k, v in votes.items() if v == best)] += 1
                agreed.append((words, best))
            kept += write_document(out, agreed)
    detail = ", ".join(f"{k} {v}" for k, v in sorted(how.items()))
    print(f"{kept} of {total} sentences kept ({detail}) -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 4:
        sys.exit(__doc__)
    main(*args, misc_only="--misc-only" in sys.argv)
