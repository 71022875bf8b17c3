#!/usr/bin/env python3
"""Fine-tunes a BERT encoder for CoNLL-2003 NER and exports a checkpoint
folder that newsie's `transformer` backend loads (fp16 safetensors,
config.json with id2label, the encoder's own tokenizer files).

Training windows are built as newsie builds them at inference (whole
sentences packed into windows of 126 pieces; labels on each word's first
piece), the epoch and learning rate are picked by dev F1, and test F1 is
reported for the exported (fp16) weights.

    python scripts/transformer/finetune.py --encoder ENCODER_DIR \
        --conll ../shared/benchmarks/conll2003 --out models/ner-transformer

Runs on a GPU when there is one (bf16 autocast), else on the CPU (slow).
"""

import argparse
import json
import math
import os
import random
import shutil
import sys
import time

import torch
from safetensors.torch import save_file
from transformers import AutoTokenizer, BertForTokenClassification

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conll_windows as cw  # noqa: E402

TOKENIZER_FILES = ["tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"]


def training_examples(tokenizer, docs, max_pieces):
    """(piece ids, piece labels with -100 off first pieces, case types) per
    window."""
    out = []
    for doc in docs:
        windows, flat = cw.document_windows(tokenizer, doc, max_pieces)
        for ids, first, words, cases in windows:
            labels = [-100] * len(ids)
            for f, w in zip(first, words):
                if f is not None:
                    s, i = flat[w]
                    labels[f] = cw.LABEL_ID[doc[s][1][i]]
            out.append((ids, labels, cases))
    return out


def batches(examples, size, tokenizer, shuffle, rng, with_cases):
    order = list(range(len(examples)))
    if shuffle:
        rng.shuffle(order)
    cls_id = tokenizer.convert_tokens_to_ids("[CLS]")
    sep_id = tokenizer.convert_tokens_to_ids("[SEP]")
    pad_id = tokenizer.convert_tokens_to_ids("[PAD]")
    for at in range(0, len(order), size):
        chunk = [examples[i] for i in order[at:at + size]]
        width = max(len(ids) for ids, _, _ in chunk) + 2
        ids = torch.full((len(chunk), width), pad_id, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width), -100, dtype=torch.long)
        types = torch.zeros((len(chunk), width), dtype=torch.long)
        for r, (piece_ids, piece_labels, cases) in enumerate(chunk):
            n = len(piece_ids) + 2
            ids[r, :n] = torch.tensor([cls_id] + piece_ids + [sep_id])
            mask[r, :n] = 1
            labels[r, 1:n - 1] = torch.tensor(piece_labels)
            if with_cases and cases:
                types[r, 1:n - 1] = torch.tensor(cases)
        yield ids, mask, labels, types


def load_model(encoder, case_types):
    id2label = dict(enumerate(cw.LABELS))
    model = BertForTokenClassification.from_pretrained(
        encoder,
        num_labels=len(cw.LABELS),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    ).float()
    if case_types:
        # Every case type starts as the encoder's token type 0, so the
        # fine-tuning begins from the encoder's own function and learns
        # what a capital letter adds.
        old = model.bert.embeddings.token_type_embeddings
        new = torch.nn.Embedding(cw.CASE_TYPES, old.embedding_dim)
        with torch.no_grad():
            new.weight.copy_(old.weight[0].expand(cw.CASE_TYPES, -1))
        model.bert.embeddings.token_type_embeddings = new
        model.config.type_vocab_size = cw.CASE_TYPES
        model.config.newsie_case_types = True
    return model


def train_one(args, lr, tokenizer, train, dev_docs, device, log):
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    model = load_model(args.encoder, args.case_types).to(device)
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
         "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
         "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=lr)
    steps_per_epoch = math.ceil(len(train) / args.batch)
    total = steps_per_epoch * args.epochs
    warmup = int(0.1 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / max(1, warmup) if s < warmup else max(0.0, (total - s) / max(1, total - warmup))
    )
    use_bf16 = device.type == "cuda"
    best = (-1.0, 0, None)
    for epoch in range(1, args.epochs + 1):
        model.train()
        started = time.time()
        for ids, mask, labels, types in batches(train, args.batch, tokenizer, True, rng, args.case_types):
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=use_bf16):
                out = model(input_ids=ids.to(device), attention_mask=mask.to(device),
                            token_type_ids=types.to(device), labels=labels.to(device))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
        dev_f1 = evaluate(model, tokenizer, dev_docs, device)["micro"][2]
        log(f"lr {lr:g} epoch {epoch}: dev F1 {dev_f1:.4f} ({time.time() - started:.1f} s)")
        if dev_f1 > best[0]:
            best = (dev_f1, epoch, {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()})
    return best


def evaluate(model, tokenizer, docs, device):
    gold = cw.gold_entities(docs)
    predicted = cw.predict(model, tokenizer, docs, device, model.config.id2label)
    return cw.f1(gold, predicted)


def export(args, state, out):
    os.makedirs(out, exist_ok=True)
    tensors = {k: v.half().contiguous() for k, v in state.items()
               if k.startswith(("bert.", "classifier.")) and not k.endswith("position_ids")}
    save_file(tensors, os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(args.encoder, "config.json")) as f:
        config = json.load(f)
    config["architectures"] = ["BertForTokenClassification"]
    config["model_type"] = "bert"
    config["id2label"] = {str(i): name for i, name in enumerate(cw.LABELS)}
    config["label2id"] = {name: i for i, name in enumerate(cw.LABELS)}
    config["torch_dtype"] = "float16"
    if args.case_types:
        config["type_vocab_size"] = cw.CASE_TYPES
        config["newsie_case_types"] = True
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2, sort_keys=True)
    for name in TOKENIZER_FILES:
        src = os.path.join(args.encoder, name)
        if os.path.exists(src):
            shutil.copy(src, os.path.join(out, name))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", required=True, help="Hugging Face BERT folder to start from")
    ap.add_argument("--conll", required=True, help="folder with train/dev/test.iob2.txt (and conllpp_test.conll)")
    ap.add_argument("--out", required=True, help="checkpoint folder to write")
    ap.add_argument("--lr", type=float, nargs="+", default=[1e-4], help="learning rates to try (picked by dev F1)")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--window", type=int, default=cw.DEFAULT_WINDOW)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--case-types", action="store_true",
                    help="give each piece its word's case class as BERT token type (for uncased encoders)")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N documents only (smoke test)")
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    log_lines = []

    def log(msg):
        print(msg, flush=True)
        log_lines.append(msg)

    log(f"torch {torch.__version__}, device {device}, encoder {args.encoder}")
    tokenizer = AutoTokenizer.from_pretrained(args.encoder)
    train_docs = cw.read_conll(os.path.join(args.conll, "train.iob2.txt"))
    dev_docs = cw.read_conll(os.path.join(args.conll, "dev.iob2.txt"))
    test_docs = cw.read_conll(os.path.join(args.conll, "test.iob2.txt"))
    if args.limit:
        train_docs, dev_docs = train_docs[: args.limit], dev_docs[: max(1, args.limit // 4)]
    train = training_examples(tokenizer, train_docs, args.window)
    log(f"{len(train_docs)} training documents, {len(train)} windows")

    best = (-1.0, 0, None, None)
    for lr in args.lr:
        f1, epoch, state = train_one(args, lr, tokenizer, train, dev_docs, device, log)
        if f1 > best[0]:
            best = (f1, epoch, state, lr)
    dev_f1, epoch, state, lr = best
    log(f"picked lr {lr:g} epoch {epoch} (dev F1 {dev_f1:.4f})")
    export(args, state, args.out)

    # Scores of the exported fp16 weights, read back as newsie reads them.
    model = BertForTokenClassification.from_pretrained(args.out).float().to(device)
    metrics = {"encoder": os.path.basename(os.path.normpath(args.encoder)), "lr": lr, "epoch": epoch,
               "epochs": args.epochs, "batch": args.batch, "window": args.window, "seed": args.seed,
               "case_types": args.case_types,
               "torch": torch.__version__, "device": str(device)}
    for name, docs in [("dev", dev_docs), ("test", test_docs)]:
        metrics[name] = evaluate(model, tokenizer, docs, device)
        log(f"{name}: P/R/F1 {metrics[name]['micro']}")
    pp = os.path.join(args.conll, "conllpp_test.conll")
    if os.path.exists(pp):
        metrics["conll++"] = evaluate(model, tokenizer, cw.read_conll(pp), device)
        log(f"conll++: P/R/F1 {metrics['conll++']['micro']}")
    metrics["log"] = log_lines
    with open(os.path.join(args.out, "training.json"), "w") as f:
        json.dump(metrics, f, indent=2)


if __name__ == "__main__":
    main()
