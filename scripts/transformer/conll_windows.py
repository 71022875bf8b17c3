"""CoNLL-2003 reading, windowing and scoring exactly as newsie does them.

The fine-tuning script and the PyTorch evaluation both import this module,
so that a checkpoint's F1 in Python and through newsie's `transformer`
backend is computed over the same documents, the same windows and the same
decoding. Each function names the Rust code it mirrors.
"""

import re

TYPES = ["PER", "ORG", "LOC", "MISC"]
LABELS = ["O"] + [f"{p}-{t}" for t in TYPES for p in ("B", "I")]
LABEL_ID = {name: i for i, name in enumerate(LABELS)}
DEFAULT_WINDOW = 126  # pieces, [CLS] and [SEP] not counted (bert.rs)

# Case types (newsie_ner::transformer::CaseType::of): an uncased encoder cannot
# see capital letters, so a checkpoint trained with `finetune.py
# --case-types` reads each word's case class through BERT's token-type
# embedding. 0 is "no capital" so that row keeps the encoder's own meaning.
CASE_TYPES = 4
CASE_NONE, CASE_TITLE, CASE_UPPER, CASE_MIXED = range(CASE_TYPES)


def case_type(word):
    """The case class of a word, read from its letters that have a case: no
    capital letter (0), a capital first letter and not all capitals (1), two
    or more letters all capitals (2), any other capitals (3, `iPhone`)."""
    letters = [c for c in word if c.isupper() or c.islower()]
    uppers = sum(1 for c in letters if c.isupper())
    if uppers == 0:
        return CASE_NONE
    if uppers == len(letters) and len(letters) >= 2:
        return CASE_UPPER
    if letters[0].isupper():
        return CASE_TITLE
    return CASE_MIXED


def uses_case_types(config):
    """Whether a checkpoint's config asks for case types."""
    return bool(getattr(config, "newsie_case_types", False))

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_conll(path):
    """Sentences of (tokens, labels) from a CoNLL file (IOB1 or IOB2; token
    first, label last). Labels come back as IOB2 names."""
    sentences, tokens, labels = [], [], []
    has_docstart = False
    docs = [[]]

    def flush():
        nonlocal tokens, labels
        if tokens:
            docs[-1].append((tokens, to_iob2(labels)))
        tokens, labels = [], []

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip()
            if not line:
                flush()
                continue
            cols = line.split()
            if cols[0] == "-DOCSTART-":
                flush()
                has_docstart = True
                if docs[-1]:
                    docs.append([])
                continue
            tokens.append(cols[0])
            labels.append(cols[-1])
    flush()
    docs = [d for d in docs if d]
    if has_docstart:
        return docs
    sentences = [s for d in docs for s in d]
    return [sentences[r[0]:r[1]] for r in document_ranges([s[0] for s in sentences])]


def to_iob2(labels):
    """IOB1 -> IOB2 (an I- that opens an entity becomes B-)."""
    out, prev = [], "O"
    for label in labels:
        if label.startswith("I-") and (prev == "O" or prev[2:] != label[2:]):
            label = "B-" + label[2:]
        out.append(label)
        prev = label
    return out


def document_ranges(sentences):
    """newsie_ner::train::document_ranges: a new Reuters story starts at the
    sentence before each dateline (`LONDON 1996-08-30`)."""
    def dateline(s):
        return len(s) <= 12 and len(s) > 0 and bool(_DATE.match(s[-1]))

    starts = [0]
    for i in range(1, len(sentences)):
        if dateline(sentences[i]) and not dateline(sentences[i - 1]) and i - 1 > starts[-1]:
            starts.append(i - 1)
    ranges = [(a, b) for a, b in zip(starts, starts[1:])]
    if starts[-1] < len(sentences):
        ranges.append((starts[-1], len(sentences)))
    return ranges


def plan_windows(words, max_pieces):
    """newsie_ner::transformer::plan_windows over [(sentence, pieces)]:
    whole sentences packed greedily; only a sentence longer than a window
    is cut, between words. Returns (start, end) word ranges."""
    max_pieces = max(1, max_pieces)
    sentences = []  # [start, end, total]
    for i, (s, n) in enumerate(words):
        if sentences and words[sentences[-1][0]][0] == s:
            sentences[-1][1] = i + 1
            sentences[-1][2] += n
        else:
            sentences.append([i, i + 1, n])
    windows, current = [], None
    for start, end, total in sentences:
        if total > max_pieces:
            if current:
                windows.append((current[0], current[1]))
                current = None
            w_start, filled = start, 0
            for i in range(start, end):
                n = words[i][1]
                if filled > 0 and filled + n > max_pieces:
                    windows.append((w_start, i))
                    w_start, filled = i, 0
                filled += n
            windows.append((w_start, end))
            continue
        if current and current[2] + total <= max_pieces:
            current[1] = end
            current[2] += total
        else:
            if current:
                windows.append((current[0], current[1]))
            current = [start, end, total]
    if current:
        windows.append((current[0], current[1]))
    return windows


def word_pieces(tokenizer, words):
    """Piece ids per word, as bert.rs's `pieces` gets them (pre-tokenized
    input, no special tokens)."""
    pieces = [[] for _ in words]
    if not words:
        return pieces
    enc = tokenizer(words, is_split_into_words=True, add_special_tokens=False)
    for piece, w in zip(enc["input_ids"], enc.word_ids()):
        if w is not None:
            pieces[w].append(piece)
    return pieces


def document_windows(tokenizer, doc, max_pieces=DEFAULT_WINDOW):
    """A document's windows: [(piece ids, first-piece index per word or
    None, flat word indices, case type per piece)], with the flat word list
    (sentence, index)."""
    flat, counts, pieces_of, cases_of = [], [], [], []
    for s, (tokens, _) in enumerate(doc):
        for i, p in enumerate(word_pieces(tokenizer, tokens)):
            flat.append((s, i))
            counts.append((s, len(p)))
            pieces_of.append(p)
            cases_of.append(case_type(tokens[i]))
    out = []
    for start, end in plan_windows(counts, max_pieces):
        ids, first, cases = [], [], []
        for p, case in zip(pieces_of[start:end], cases_of[start:end]):
            if not p or len(ids) >= max_pieces:
                first.append(None)
                continue
            first.append(len(ids))
            taken = p[: max_pieces - len(ids)]
            ids.extend(taken)
            cases.extend([case] * len(taken))
        out.append((ids, first, list(range(start, end)), cases))
    return out, flat


def entities_of(labels):
    """Lenient BIO decoding (decode_words): an I- after O or another type
    opens an entity. `labels` are names or None; returns (start, end, type)."""
    out, open_ = [], None
    for i, label in enumerate(labels):
        if label is None or label == "O":
            if open_:
                out.append((open_[0], i, open_[1]))
                open_ = None
            continue
        prefix, kind = label.split("-", 1)
        if prefix == "B" or open_ is None or open_[1] != kind:
            if open_:
                out.append((open_[0], i, open_[1]))
            open_ = (i, kind)
    if open_:
        out.append((open_[0], len(labels), open_[1]))
    return out


def f1(gold, predicted):
    """Micro P/R/F1 and per type over sets of (doc, sentence, start, end, type)."""
    def prf(g, p):
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

    result = {"micro": prf(gold, predicted)}
    for t in TYPES:
        result[t] = prf({e for e in gold if e[4] == t}, {e for e in predicted if e[4] == t})
    return result


def gold_entities(docs):
    return {
        (d, s, a, b, t)
        for d, doc in enumerate(docs)
        for s, (_, labels) in enumerate(doc)
        for a, b, t in entities_of(labels)
    }


def length_batches(lengths, size):
    """newsie_ner::transformer::length_batches: window indices grouped into
    batches of at most `size`, longest first, a window joining the open
    batch while that batch wastes under 1/16 of its positions on padding."""
    order = sorted(range(len(lengths)), key=lambda w: -lengths[w])
    batches, real = [], 0
    for w in order:
        n = lengths[w] + 2
        if batches:
            open_ = batches[-1]
            longest = lengths[open_[0]] + 2
            rows = len(open_) + 1
            padded = longest * rows
            if rows <= size and (padded - (real + n)) * 16 < padded:
                open_.append(w)
                real += n
                continue
        batches.append([w])
        real = n
    return batches


def window_tensors(tokenizer, windows, with_cases):
    """Input ids, attention mask and token types (case types, or zeros) for
    a batch of `document_windows` windows, each framed by [CLS] and [SEP]
    and padded to the longest."""
    import torch

    cls_id = tokenizer.convert_tokens_to_ids("[CLS]")
    sep_id = tokenizer.convert_tokens_to_ids("[SEP]")
    pad_id = tokenizer.convert_tokens_to_ids("[PAD]")
    width = max(len(w[0]) for w in windows) + 2
    ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    types = torch.zeros((len(windows), width), dtype=torch.long)
    for r, (piece_ids, _, _, cases) in enumerate(windows):
        row = [cls_id] + piece_ids + [sep_id]
        ids[r, : len(row)] = torch.tensor(row)
        mask[r, : len(row)] = 1
        if with_cases and cases:
            types[r, 1 : len(cases) + 1] = torch.tensor(cases)
    return ids, mask, types


def predict(model, tokenizer, docs, device, id2label, batch=32, max_pieces=DEFAULT_WINDOW, grouped=False):
    """Entities predicted for `docs`, windowed and decoded as newsie does.
    Windows run in batches in document order, or with `grouped` in batches
    of close length as newsie's `tag_documents` runs them."""
    import torch

    jobs = []  # (doc, window)
    flats = []
    for d, doc in enumerate(docs):
        windows, flat = document_windows(tokenizer, doc, max_pieces)
        flats.append(flat)
        jobs.extend((d, w) for w in windows)
    word_labels = [[[None] * len(tokens) for tokens, _ in doc] for doc in docs]
    with_cases = uses_case_types(model.config)
    model.eval()
    with torch.no_grad():
        if grouped:
            plan = length_batches([len(w[0]) for _, w in jobs], batch)
        else:
            plan = [list(range(at, min(at + batch, len(jobs)))) for at in range(0, len(jobs), batch)]
        for indices in plan:
            chunk = [jobs[i] for i in indices]
            ids, mask, types = window_tensors(tokenizer, [w for _, w in chunk], with_cases)
            logits = model(
                input_ids=ids.to(device),
                attention_mask=mask.to(device),
                token_type_ids=types.to(device),
            ).logits.float().cpu()
            for r, (d, (_, first, words, _)) in enumerate(chunk):
                for f, w in zip(first, words):
                    if f is None:
                        continue
                    s, i = flats[d][w]
                    word_labels[d][s][i] = id2label[int(logits[r, f + 1].argmax())]
    return {
        (d, s, a, b, t)
        for d, doc in enumerate(word_labels)
        for s, labels in enumerate(doc)
        for a, b, t in entities_of(labels)
    }
