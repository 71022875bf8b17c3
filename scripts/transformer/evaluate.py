#!/usr/bin/env python3
"""Scores a token-classification checkpoint on CoNLL-2003 test and CoNLL++
in PyTorch, windowed and decoded exactly as newsie's transformer backend
does it, and times the tagging: the Python side of the comparison in
scripts/transformer/bench.sh.

    python evaluate.py --model DIR --conll ../shared/benchmarks/conll2003 [--threads N]
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--conll", required=True)
    ap.add_argument("--threads", type=int, default=0, help="torch intra-op threads (default: torch's)")
    ap.add_argument("--batch", type=int, default=16, help="windows per forward pass (newsie's default)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    started = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = BertForTokenClassification.from_pretrained(args.model).float().eval()
    loaded = time.perf_counter()
    result = {"model": args.model, "torch": torch.__version__, "threads": torch.get_num_threads(),
              "load_s": loaded - started}
    tokens = 0
    tag_seconds = 0.0
    for name, file in [("test", "test.iob2.txt"), ("conll++", "conllpp_test.conll")]:
        docs = cw.read_conll(os.path.join(args.conll, file))
        tokens += sum(len(t) for d in docs for t, _ in d)
        t0 = time.perf_counter()
        predicted = cw.predict(model, tokenizer, docs, torch.device("cpu"), model.config.id2label,
                               batch=args.batch)
        tag_seconds += time.perf_counter() - t0
        scores = cw.f1(cw.gold_entities(docs), predicted)
        result[name] = {k: [round(x, 4) for x in v] for k, v in scores.items()}
    result["tokens"] = tokens
    result["tag_s"] = tag_seconds
    result["tokens_per_s"] = tokens / tag_seconds
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
