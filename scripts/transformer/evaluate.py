#!/usr/bin/env python3
"""Scores a token-classification checkpoint on CoNLL-2003 test and CoNLL++
in PyTorch, windowed and decoded exactly as newsie's transformer backend
does it, and times the tagging: the Python side of the comparison in
scripts/transformer/bench.sh.

    python evaluate.py --model DIR --conll ../shared/benchmarks/conll2003 [--threads N] [--pipeline]

With --pipeline it also times the way most Python code runs a checkpoint:
transformers' `pipeline("token-classification")` over each document's text
(tokens joined by spaces), long documents cut with a stride. That path
cuts its own windows (up to 512 pieces) and gives no case types, so only its
speed is reported, not an F1.
"""

import argparse
import json
import os
import resource
import sys
import time

import torch
from transformers import AutoTokenizer, BertForTokenClassification

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conll_windows as cw  # noqa: E402


def time_pipeline(args, tokenizer, model):
    """Tokens per second of transformers' own token-classification pipeline
    on the documents' text, batch as --batch."""
    from transformers import pipeline

    tagger = pipeline("token-classification", model=model, tokenizer=tokenizer, device=-1,
                      aggregation_strategy="first", stride=32)
    texts, tokens = [], 0
    for file in ("test.iob2.txt", "conllpp_test.conll"):
        for doc in cw.read_conll(os.path.join(args.conll, file)):
            texts.append(" ".join(t for sentence, _ in doc for t in sentence))
            tokens += sum(len(sentence) for sentence, _ in doc)
    t0 = time.perf_counter()
    entities = sum(len(found) for found in tagger(texts, batch_size=args.batch))
    seconds = time.perf_counter() - t0
    return {"tokens": tokens, "tag_s": seconds, "tokens_per_s": tokens / seconds, "entities": entities}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--conll", required=True)
    ap.add_argument("--threads", type=int, default=0, help="torch intra-op threads (default: torch's)")
    ap.add_argument("--batch", type=int, default=8, help="windows per forward pass (newsie's default)")
    ap.add_argument("--bf16", action="store_true", help="run the model in bfloat16 (newsie's --precision bf16)")
    ap.add_argument("--grouped", action="store_true",
                    help="batch windows of close length together, as newsie's tag_documents does "
                         "(default: batches in document order)")
    ap.add_argument("--pipeline", action="store_true",
                    help="also time transformers' token-classification pipeline on the same text")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    started = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = BertForTokenClassification.from_pretrained(args.model)
    model = (model.to(torch.bfloat16) if args.bf16 else model.float()).eval()
    loaded = time.perf_counter()
    result = {"model": args.model, "torch": torch.__version__, "threads": torch.get_num_threads(),
              "precision": "bf16" if args.bf16 else "f32", "batch": args.batch, "grouped": args.grouped,
              "load_s": loaded - started}
    tokens = 0
    tag_seconds = 0.0
    for name, file in [("test", "test.iob2.txt"), ("conll++", "conllpp_test.conll")]:
        docs = cw.read_conll(os.path.join(args.conll, file))
        tokens += sum(len(t) for d in docs for t, _ in d)
        t0 = time.perf_counter()
        predicted = cw.predict(model, tokenizer, docs, torch.device("cpu"), model.config.id2label,
                               batch=args.batch, grouped=args.grouped)
        tag_seconds += time.perf_counter() - t0
        scores = cw.f1(cw.gold_entities(docs), predicted)
        result[name] = {k: [round(x, 4) for x in v] for k, v in scores.items()}
    result["tokens"] = tokens
    result["tag_s"] = tag_seconds
    result["tokens_per_s"] = tokens / tag_seconds
    if args.pipeline:
        result["pipeline"] = time_pipeline(args, tokenizer, model)
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
