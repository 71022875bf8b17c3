#!/usr/bin/env python3
"""Silver NER spans from newsie's own output records (a teacher model's tags).

Reads the JSONL that `newsie extract --jsonl - --only sentences,entities`
writes (one record per document, with "sentences" and "entities", each
carrying `start`/`end` byte offsets into the document's UTF-8 text and the
exact `text` of that slice) and writes the spans file that
`newsie-ner-silver` turns into IOB2 for `newsie-train-ner --silver`.

The intended teacher is newsie's fine-tuned transformer tagger
(`--ner transformer --model models/ner-transformer`), whose labels already
follow CoNLL-2003's conventions (PER, ORG, LOC, MISC), so labels are copied
as they are; any other label is dropped.

Output format (the same as `make_silver.py` writes): one sentence per line,
the sentence text (tabs and line breaks turned into spaces) then one
tab-separated `start:end:TYPE` field per entity, offsets in UTF-8 bytes of
that line; an empty line between documents. Sentences that are only
whitespace are skipped.

Offsets are rebased in bytes: a record's sentence `text` is the document
slice [start, end), so an entity's bytes within the sentence are
[entity.start - sentence.start, entity.end - sentence.start). Cleaning maps
each line-breaking character to one space, which can shorten the line in
bytes (U+2028 is three bytes), so offsets are recomputed on the cleaned
prefix. Entities that cross a sentence boundary, fall outside every
sentence, or whose `text` disagrees with the sentence slice are dropped and
counted. Records with an "error" field are skipped.

Input: run the teacher on deduplicated texts (PolNeAR TRAIN has one line per
annotator; keep one per "article", as `make_silver.py` does) and never on
dev or test. The output derives from research-only text: write it outside
the repository and never commit it.

Usage: silver_from_records.py RECORDS.jsonl OUTPUT.txt [--min-score X]

--min-score X drops entities whose "score" is below X (default 0: keep all).
"""

import json
import sys

LABELS = {"PER", "ORG", "LOC", "MISC"}


def clean(text):
    """Tabs and line breaks become spaces, one character for one."""
    return "".join(" " if c in "\t\r\n\u2028\u2029\x0b\x0c\x85" else c for c in text)


def byte_offset_in_clean(raw_bytes, offset):
    """Byte length of the cleaned text of raw_bytes[:offset].

    Returns None when the offset is not on a character boundary.
    """
    try:
        prefix = raw_bytes[:offset].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return len(clean(prefix).encode("utf-8"))


def convert_record(record, min_score, counts):
    """Lines (without newline) of the spans file for one document record."""
    sentences = sorted(record.get("sentences") or [], key=lambda s: (s["start"], s["end"]))
    entities = sorted(record.get("entities") or [], key=lambda e: (e["start"], e["end"]))
    per_sentence = [[] for _ in sentences]
    # Both lists are sorted by start, so one forward sweep assigns entities.
    k = 0
    for ent in entities:
        counts["entities"] += 1
        if ent.get("label") not in LABELS:
            counts["other_label"] += 1
            continue
        if ent.get("score", 1.0) < min_score:
            counts["low_score"] += 1
            continue
        while k < len(sentences) and sentences[k]["end"] <= ent["start"]:
            k += 1
        if k == len(sentences) or ent["start"] < sentences[k]["start"]:
            counts["outside"] += 1
            continue
        if ent["end"] > sentences[k]["end"]:
            counts["crossing"] += 1
            continue
        per_sentence[k].append(ent)
    lines = []
    for sent, ents in zip(sentences, per_sentence):
        raw = sent["text"]
        if not raw.strip():
            continue
        raw_bytes = raw.encode("utf-8")
        line = clean(raw)
        fields = [line]
        for ent in ents:
            rel_start = ent["start"] - sent["start"]
            rel_end = ent["end"] - sent["start"]
            if raw_bytes[rel_start:rel_end].decode("utf-8", "replace") != ent.get("text"):
                counts["mismatch"] += 1
                continue
            s = byte_offset_in_clean(raw_bytes, rel_start)
            e = byte_offset_in_clean(raw_bytes, rel_end)
            if s is None or e is None or e <= s:
                counts["mismatch"] += 1
                continue
            fields.append(f"{s}:{e}:{ent['label']}")
            counts["kept"] += 1
        lines.append("\t".join(fields))
        counts["sentences"] += 1
    return lines


def main():
    args = sys.argv[1:]
    min_score = 0.0
    if "--min-score" in args:
        i = args.index("--min-score")
        if i + 1 >= len(args):
            sys.exit(__doc__)
        min_score = float(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    source, target = args
    counts = dict.fromkeys(
        ["documents", "errors", "sentences", "entities", "kept", "other_label",
         "low_score", "outside", "crossing", "mismatch"], 0)
    with open(source, encoding="utf-8") as f, open(target, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            if "error" in record:
                counts["errors"] += 1
                continue
            lines = convert_record(record, min_score, counts)
            if not lines:
                continue
            counts["documents"] += 1
            out.write("\n".join(lines) + "\n\n")
    print(" ".join(f"{k}={v}" for k, v in counts.items()) + f" -> {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
