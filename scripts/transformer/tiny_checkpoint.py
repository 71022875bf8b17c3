#!/usr/bin/env python3
"""Writes a tiny random BERT token-classification checkpoint and what
PyTorch computes with it, for newsie's parity test (tests/transformer.rs).

    python tiny_checkpoint.py OUT_DIR WINDOW [--case-types]

OUT_DIR gets a Hugging Face checkpoint folder (config.json,
model.safetensors, tokenizer.json, vocab.txt) and reference.json: the
sentences, their subword pieces per word, the pieces and case types of
every window with its logits, and the entities that newsie's decoding
rules give for those logits. With --case-types the checkpoint reads each
word's case class as its token type, as `finetune.py --case-types` trains.
"""

import json
import os
import sys

import torch
from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conll_windows as cw  # noqa: E402

WORDS = ["the", "bank", "said", "in", "london", "on", "monday", "that", "andy", "jassy",
         "amazon", "zurich", "shares", "rose", "percent", "new", "york", "chief", "of", "a"]
PIECES = ["##s", "##ed", "##ing", "##er", "##ly", "##n", "##a", "##e", "##i", "##o"]
CHARS = list("abcdefghijklmnopqrstuvwxyz0123456789.,;:!?'\"()-$%&") + ["##" + c for c in "abcdefghijklmnopqrstuvwxyz0123456789"]

SENTENCES = [
    ["Andy", "Jassy", "said", "Amazon", "shares", "rose", "3.5", "percent", "."],
    ["The", "bank", "in", "Zürich", "—", "naïve", "or", "not", "—", "said", "so", "on", "Monday", "."],
    ["New", "York", "'s", "chief", "of", "the", "bank", "said", "that", "London", "rose", ","]
    + ["and", "shares", "rose", "in", "Zurich", "and", "in", "London", "and", "in", "New", "York", "."],
    ["\u4e2d\u6587", "x", "\u200b", "Amazon"],
    ["AWS", "and", "eBay", "shares", "rose", "in", "NEW", "YORK", "."],
]


def main():
    out, window = sys.argv[1], int(sys.argv[2])
    case_types = "--case-types" in sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    vocab = list(dict.fromkeys(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + WORDS + PIECES + CHARS))
    vocab_path = os.path.join(out, "vocab.txt")
    with open(vocab_path, "w") as f:
        f.write("\n".join(vocab) + "\n")
    tokenizer = BertTokenizerFast(vocab_file=vocab_path, do_lower_case=True)
    tokenizer.save_pretrained(out)

    torch.manual_seed(7)
    id2label = dict(enumerate(cw.LABELS))
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=4, intermediate_size=37, max_position_embeddings=64,
                        id2label=id2label, label2id={v: k for k, v in id2label.items()},
                        type_vocab_size=cw.CASE_TYPES if case_types else 2)
    if case_types:
        config.newsie_case_types = True
    model = BertForTokenClassification(config).eval()
    with torch.no_grad():
        # Large classifier weights, so that labels differ from word to word
        # by more than rounding and the decoded spans mean something.
        model.classifier.weight.normal_(0.0, 1.0)
        model.classifier.bias.normal_(0.0, 0.5)
        model.classifier.bias[0] += 1.5  # some words outside any entity
    model.save_pretrained(out, safe_serialization=True)

    doc = [(words, ["O"] * len(words)) for words in SENTENCES]
    windows, _ = cw.document_windows(tokenizer, doc, window)
    cls_id, sep_id = tokenizer.convert_tokens_to_ids("[CLS]"), tokenizer.convert_tokens_to_ids("[SEP]")
    reference = {"window": window, "sentences": SENTENCES, "pieces": [], "windows": []}
    for words in SENTENCES:
        reference["pieces"].append(cw.word_pieces(tokenizer, words))
    with torch.no_grad():
        for ids, _, _, cases in windows:
            row = torch.tensor([[cls_id] + ids + [sep_id]])
            types = torch.tensor([[0] + (cases if case_types else [0] * len(ids)) + [0]])
            logits = model(input_ids=row, attention_mask=torch.ones_like(row),
                           token_type_ids=types).logits[0, 1:-1]
            reference["windows"].append({"ids": ids, "cases": cases, "logits": logits.tolist()})
    entities = cw.predict(model, tokenizer, [doc], torch.device("cpu"), id2label, max_pieces=window)
    reference["entities"] = sorted([s, a, b, t] for _, s, a, b, t in entities)
    # Python's case class of every word, and of words whose letters are odd
    # (letter numbers, circled letters, titlecase digraphs), so that newsie's
    # CaseType::of can be held to it.
    odd = ["\u216b", "\u24b6", "\u01c5ungla", "\u0130stanbul", "stra\u00dfe", "\u03a3\u0391\u03a3", "\u02b0x", "3M", "U.S."]
    reference["case_words"] = [[w, cw.case_type(w)] for w in [w for s in SENTENCES for w in s] + odd]
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(reference, f)


if __name__ == "__main__":
    main()
