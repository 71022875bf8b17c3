#!/usr/bin/env python3
"""An ensemble of fine-tuned checkpoints as a silver-data teacher.

The linear model learns modern news from silver data: PolNeAR train text
tagged by teachers, kept where they agree (`scripts/ner/agree_silver.py`).
A better teacher gives cleaner silver. One fine-tuned MiniLM scores 0.888 on
CoNLL-2003 test; several of them, fine-tuned alike but for their seed and
with their word probabilities averaged, make fewer mistakes than any one.

Two steps, so that the members can train side by side on one GPU:

    # one process per seed (each writes DIR/member-SEED.pt)
    teacher_ensemble.py member --encoder ENC --conll C --seed 1 \\
        --tag transformer.iob2.txt --out DIR
    # average the members' probabilities, score them, write the tags
    teacher_ensemble.py combine --conll C --tag transformer.iob2.txt \\
        --members DIR/member-*.pt --out-tags ensemble.iob2.txt --report report.json

`member` trains as `finetune.py` does (the epoch with the best dev F1 kept),
then saves every word's label probabilities over CoNLL dev, test, CoNLL++
and the files to tag; no checkpoint is written. `combine` decodes the mean
of those probabilities, reports each member's and the ensemble's F1, and
writes the tagged file with the same documents, sentences and words as the
input (IOB2, `-DOCSTART- O` lines), ready for `agree_silver.py`.

The tagged text derives from research-only data: write it outside the
repository and never commit it.
"""

import argparse
import json
import os
import sys
import time

import torch
from transformers import AutoTokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conll_windows as cw  # noqa: E402
import finetune  # noqa: E402

SETS = ["dev", "test", "conll++"]


def conll_sets(conll):
    sets = {
        "dev": cw.read_conll(os.path.join(conll, "dev.iob2.txt")),
        "test": cw.read_conll(os.path.join(conll, "test.iob2.txt")),
    }
    pp = os.path.join(conll, "conllpp_test.conll")
    if os.path.exists(pp):
        sets["conll++"] = cw.read_conll(pp)
    return sets


def word_probabilities(model, tokenizer, docs, device, batch=64):
    """Per document, per sentence, a [words, labels] float16 tensor of label
    probabilities, read at each word's first piece (all zeros for a word
    with no piece in its window, which decodes as O)."""
    jobs, flats = [], []
    for d, doc in enumerate(docs):
        windows, flat = cw.document_windows(tokenizer, doc)
        flats.append(flat)
        jobs.extend((d, w) for w in windows)
    out = [[torch.zeros(len(tokens), len(cw.LABELS)) for tokens, _ in doc] for doc in docs]
    with_cases = cw.uses_case_types(model.config)
    model.eval()
    with torch.no_grad():
        for at in range(0, len(jobs), batch):
            chunk = jobs[at:at + batch]
            ids, mask, types = cw.window_tensors(tokenizer, [w for _, w in chunk], with_cases)
            probs = model(input_ids=ids.to(device), attention_mask=mask.to(device),
                          token_type_ids=types.to(device)).logits.float().softmax(-1).cpu()
            for r, (d, (_, first, words, _)) in enumerate(chunk):
                for f, w in zip(first, words):
                    if f is not None:
                        s, i = flats[d][w]
                        out[d][s][i] = probs[r, f + 1]
    return [[t.half() for t in doc] for doc in out]


def decode(doc_probs):
    """IOB2 labels from probabilities: the most probable label per word, an
    I- that opens an entity read as B- (as newsie decodes)."""
    labels = []
    for doc in doc_probs:
        labels.append([])
        for sentence in doc:
            best = [cw.LABELS[int(i)] if row.sum() > 0 else "O"
                    for i, row in zip(sentence.float().argmax(-1), sentence.float())]
            labels[-1].append(cw.to_iob2(best))
    return labels


def predicted_entities(labels):
    return {(d, s, a, b, t)
            for d, doc in enumerate(labels)
            for s, sentence in enumerate(doc)
            for a, b, t in cw.entities_of(sentence)}


def member(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    started = time.time()
    tokenizer = AutoTokenizer.from_pretrained(args.encoder)
    train_docs = cw.read_conll(os.path.join(args.conll, "train.iob2.txt"))
    sets = conll_sets(args.conll)
    if args.limit:
        train_docs = train_docs[:args.limit]
        sets = {k: v[:max(1, args.limit // 4)] for k, v in sets.items()}
    train = finetune.training_examples(tokenizer, train_docs, cw.DEFAULT_WINDOW)
    lines = []

    def log(msg):
        print(f"[seed {args.seed}] {msg}", flush=True)
        lines.append(msg)

    dev_f1, epoch, state = finetune.train_one(args, args.lr, tokenizer, train, sets["dev"], device, log)
    model = finetune.load_model(args.encoder, args.case_types)
    model.load_state_dict(state)
    model.to(device)
    probs = {name: word_probabilities(model, tokenizer, docs, device) for name, docs in sets.items()}
    for path in args.tag:
        docs = cw.read_conll(path)
        if args.limit:
            docs = docs[:args.limit]
        probs[path] = word_probabilities(model, tokenizer, docs, device)
    log(f"picked epoch {epoch} (dev F1 {dev_f1:.4f}); {time.time() - started:.0f} s")
    os.makedirs(args.out, exist_ok=True)
    torch.save({"seed": args.seed, "epoch": epoch, "log": lines, "probs": probs},
               os.path.join(args.out, f"member-{args.seed}.pt"))


def combine(args):
    members = [torch.load(p, weights_only=True) for p in args.members]
    for path in args.tag:
        missing = [m["seed"] for m in members if path not in m["probs"]]
        if missing:
            sys.exit(f"members {missing} did not tag {path}: give --tag exactly as `member` got it")
    sets = conll_sets(args.conll)
    report = {"members": [], "ensemble": {}}

    def score(name, labels):
        docs = sets[name][:len(labels)]
        return cw.f1(cw.gold_entities(docs), predicted_entities(labels))

    for m in members:
        row = {"seed": m["seed"], "epoch": m["epoch"], "log": m["log"]}
        for name in sets:
            if name in m["probs"]:
                row[name] = score(name, decode(m["probs"][name]))
        report["members"].append(row)
        print(f"member seed {m['seed']} epoch {m['epoch']}: "
              + ", ".join(f"{n} {row[n]['micro'][2]:.4f}" for n in SETS if n in row), flush=True)

    def summed(name):
        """The members' probabilities added up (their argmax is the mean's)."""
        total = None
        for m in members:
            probs = m["probs"][name]
            if total is None:
                total = [[s.float() for s in doc] for doc in probs]
            else:
                for doc_total, doc in zip(total, probs):
                    for s_total, s in zip(doc_total, doc):
                        s_total += s.float()
        return total

    for name in sets:
        if all(name in m["probs"] for m in members):
            report["ensemble"][name] = score(name, decode(summed(name)))
    print("ensemble of %d: " % len(members)
          + ", ".join(f"{n} {report['ensemble'][n]['micro'][2]:.4f}" for n in SETS if n in report["ensemble"]))
    for path in args.tag:
        docs = cw.read_conll(path)
        labels = decode(summed(path))
        with open(args.out_tags, "w", encoding="utf-8") as out:
            for doc, doc_labels in zip(docs, labels):
                out.write("-DOCSTART- O\n\n")
                for (words, _), tags in zip(doc, doc_labels):
                    out.write("".join(f"{w} {t}\n" for w, t in zip(words, tags)) + "\n")
        print(f"tagged {path} -> {args.out_tags}")
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="step", required=True)
    m = sub.add_parser("member", help="fine-tune one member and save its word probabilities")
    m.add_argument("--encoder", required=True)
    m.add_argument("--conll", required=True)
    m.add_argument("--seed", type=int, required=True)
    m.add_argument("--lr", type=float, default=1.5e-4)
    m.add_argument("--epochs", type=int, default=12)
    m.add_argument("--batch", type=int, default=32)
    m.add_argument("--case-types", action="store_true")
    m.add_argument("--tag", nargs="*", default=[], help="IOB2 files whose words to tag")
    m.add_argument("--limit", type=int, default=0, help="first N documents only (smoke test)")
    m.add_argument("--out", required=True, help="folder for member-SEED.pt")
    c = sub.add_parser("combine", help="average the members, score them, write the tags")
    c.add_argument("--conll", required=True)
    c.add_argument("--members", nargs="+", required=True)
    c.add_argument("--tag", nargs="*", default=[], help="the files the members tagged (one)")
    c.add_argument("--out-tags")
    c.add_argument("--report")
    args = ap.parse_args()
    if args.step == "member":
        member(args)
    else:
        if len(args.tag) > 1:
            sys.exit("combine writes one tagged file: give one --tag")
        if args.tag and not args.out_tags:
            sys.exit("combine --tag needs --out-tags, the file to write the tags to")
        combine(args)


if __name__ == "__main__":
    main()
