#!/usr/bin/env python3
"""The distinct article texts of PolNeAR's TRAIN split, as newsie's JSONL input.

PolNeAR lists each article once per annotator. This keeps the first listing of each article
(the "article" field, or the text's first 200 characters; `make_silver.py` reads the same),
skips any record whose "split" is not "train", and writes one `{"id": ..., "text": ...}` line
per article, in file order, for `newsie extract --jsonl -` to tag with a teacher model (see
`models/ner/MANIFEST.md`). Never run it on dev or test.

The output is research-only text: write it outside the repository and never commit it.

Usage: polnear_texts.py POLNEAR_TRAIN.jsonl OUTPUT.jsonl
"""

import json
import sys


def distinct_train_articles(source):
    """(key, text) of each TRAIN article of a PolNeAR JSONL file, first listing only."""
    seen = set()
    with open(source, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record.get("split", "train") != "train":
                continue
            key = record.get("article") or record["text"][:200]
            if key not in seen:
                seen.add(key)
                yield key, record["text"]


def main(source, target):
    written = 0
    with open(target, "w", encoding="utf-8") as out:
        for key, text in distinct_train_articles(source):
            out.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
            written += 1
    print(f"{written} articles -> {target}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: polnear_texts.py POLNEAR_TRAIN.jsonl OUTPUT.jsonl")
    main(sys.argv[1], sys.argv[2])
