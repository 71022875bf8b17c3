#!/usr/bin/env python3
"""Converts CrossNER files (token<TAB>BIO tag over fine labels) into the IOB2 training
format of `newsie-train-ner --extra`: labels mapped onto PER/ORG/LOC/MISC, and a
`-DOCSTART-` line before every sentence, since CrossNER's sentences come from unrelated
Wikipedia articles and must not share the tagger's document-level features.

The mapping is the table of `../shared/benchmarks/crossner/SOURCE.md`, the same one
`newsie eval crossner` scores with (`MAPPING` in `crates/eval/src/suites/crossner.rs`):
entities are found on the fine labels first (`B-song I-song B-album` stays two), then
mapped; a label mapped to nothing (`algorithm`, `musicgenre`, ...) becomes O. An unknown
label stops the script.

Only ever convert TRAIN splits for training: `newsie eval crossner` scores dev and test.

Usage: crossner_to_iob2.py OUT.iob2.txt IN.txt...
  e.g. crossner_to_iob2.py /work/cache/crossner-train.iob2.txt \
         ../shared/benchmarks/crossner/*/train.txt
"""

import sys

MAPPING = {
    "person": "PER", "politician": "PER", "researcher": "PER", "scientist": "PER",
    "writer": "PER", "musicalartist": "PER",
    "organisation": "ORG", "politicalparty": "ORG", "university": "ORG", "band": "ORG",
    "magazine": "ORG", "academicjournal": "ORG",
    "country": "LOC", "location": "LOC",
    "misc": "MISC", "event": "MISC", "election": "MISC", "product": "MISC", "award": "MISC",
    "book": "MISC", "poem": "MISC", "song": "MISC", "album": "MISC", "conference": "MISC",
    "programlang": "MISC",
    "algorithm": None, "field": None, "task": None, "metrics": None, "musicgenre": None,
    "literarygenre": None, "theory": None, "discipline": None, "chemicalcompound": None,
    "chemicalelement": None, "enzyme": None, "protein": None, "astronomicalobject": None,
    "musicalinstrument": None,
}


def sentences(path):
    """Yields each sentence of a CrossNER file as a list of (token, tag)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if rows:
                    yield rows
                rows = []
                continue
            cols = line.split("\t")
            if len(cols) != 2 or not cols[0].strip():
                sys.exit(f"{path}:{n}: want token<TAB>tag, got {line!r}")
            rows.append((cols[0].strip(), cols[1].strip()))
    if rows:
        yield rows


def mapped_tags(path, rows):
    """IOB2 tags over PER/ORG/LOC/MISC for one sentence's fine tags."""
    out = []
    prev_fine = None
    for token, tag in rows:
        if tag == "O":
            out.append("O")
            prev_fine = None
            continue
        prefix, _, fine = tag.partition("-")
        if prefix not in ("B", "I") or fine not in MAPPING:
            sys.exit(f"{path}: unknown tag {tag!r} on {token!r}")
        begins = prefix == "B" or fine != prev_fine
        coarse = MAPPING[fine]
        if coarse is None:
            out.append("O")
        elif begins:
            out.append(f"B-{coarse}")
        else:
            out.append(f"I-{coarse}")
        prev_fine = fine
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    target, sources = sys.argv[1], sys.argv[2:]
    n_sent = n_ent = 0
    with open(target, "w", encoding="utf-8") as out:
        for path in sources:
            for rows in sentences(path):
                tags = mapped_tags(path, rows)
                out.write("-DOCSTART- O\n\n")
                for (token, _), tag in zip(rows, tags):
                    out.write(f"{token} {tag}\n")
                out.write("\n")
                n_sent += 1
                n_ent += sum(t.startswith("B-") for t in tags)
    print(f"{len(sources)} files, {n_sent} sentences, {n_ent} entities -> {target}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
