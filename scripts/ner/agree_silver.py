#!/usr/bin/env python3
"""Silver NER training data where two teachers agree.

Each teacher's silver file is the IOB2 that `newsie-ner-silver` writes (`-DOCSTART- O`
lines between documents, one `word TAG` line per token, an empty line after each sentence).
Both come from the same texts, split into sentences by different tools, so a sentence is
matched on its exact words. This keeps the sentences of the second file whose words appear as
a sentence of the first file with exactly the same tags, grouped by the second file's
documents; documents left empty are dropped. Where two independent taggers (spaCy's
en_core_web_sm and newsie's fine-tuned transformer) tag a sentence identically, their common
mistakes are rarer than either one's, so the linear model learns modern news from cleaner
examples.

The output derives from research-only text: write it outside the repository and never
commit it.

Usage: agree_silver.py FIRST.iob2 SECOND.iob2 OUTPUT.iob2
"""

import os
import sys

# The CoNLL reader the transformer scripts share (it needs nothing beyond the standard library).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "transformer"))
from conll_windows import read_conll  # noqa: E402


def main(first_path, second_path, out_path):
    # Words -> tags of the first file's sentences (a sentence listed again: the last listing).
    first = {tuple(words): tags for doc in read_conll(first_path) for words, tags in doc}
    total = kept = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for doc in read_conll(second_path):
            agreed = [(words, tags) for words, tags in doc if first.get(tuple(words)) == tags]
            total += len(doc)
            kept += write_document(out, agreed)
    print(f"{kept} of {total} sentences agree -> {out_path}", file=sys.stderr)


def write_document(out, sentences):
    """Writes one IOB2 document of (words, tags) sentences, unless it has none; returns how
    many sentences it wrote."""
    if not sentences:
        return 0
    out.write("-DOCSTART- O\n\n")
    for words, tags in sentences:
        out.write("".join(f"{w} {t}\n" for w, t in zip(words, tags)) + "\n")
    return len(sentences)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: agree_silver.py FIRST.iob2 SECOND.iob2 OUTPUT.iob2")
    main(sys.argv[1], sys.argv[2], sys.argv[3])
