#!/usr/bin/env bash
# Instructions per byte of text, per stage, of the release binary's full
# pipeline (one thread), counted by callgrind: deterministic, so two builds
# compare exactly where timings would not.
#
#   scripts/callgrind-stages.sh                  # this checkout
#   scripts/callgrind-stages.sh path/to/newsie   # another build (an older commit)
#
# Each instruction is charged to the stage whose source it comes from: the
# source file's crate (`crates/ner/...`: entities), or, for library code
# inlined into a stage (core, alloc), the crate of the function it ran in.
# What stays is the runtime (malloc, memcpy, ...) and the output (serde_json,
# the CLI). Callgrind counts instructions, not cache misses: the entity
# model's table lookups cost more time than their share here (perf shows
# `add_weights` at about 40% of cycles for 15% of instructions).
#
# The text: about 1 MB of the fixtures, PolNeAR and IE-ER (../shared), as
# JSON Lines. Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${NEWSIE_SHARED:-../shared}/benchmarks
newsie=${1:-}
if [ -z "$newsie" ]; then
  cargo build --release --quiet -p newsie-cli
  newsie=target/release/newsie
fi
command -v valgrind >/dev/null || { echo "callgrind-stages: valgrind is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$shared" "$work/corpus.jsonl" <<'PY'
import json, pathlib, sys
shared, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
docs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(pathlib.Path("fixtures").glob("*.txt"))]
for path in [shared / "polnear" / "polnear_test.jsonl", shared / "ieer-news" / "ieer_newswire.jsonl"]:
    if path.exists():
        seen = set()
        for line in path.open(encoding="utf-8"):
            d = json.loads(line)
            key = d.get("article", d["id"])
            if key not in seen:
                seen.add(key)
                docs.append((key, d["text"]))
size = 0
with out.open("w", encoding="utf-8") as f:
    for key, text in docs:
        if size >= 1_000_000:
            break
        f.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
        size += len(text.encode())
(out.parent / "bytes").write_text(str(size))
PY
bytes=$(cat "$work/bytes")
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
  "$newsie" extract --jsonl "$work/corpus.jsonl" --threads 1 --quiet -o /dev/null 2> "$work/valgrind.log"
callgrind_annotate --inclusive=no --threshold=100 --auto=no "$work/cg.out" > "$work/annotate.txt"
python3 - "$work/annotate.txt" "$bytes" "$newsie" <<'PY'
import re, sys
from collections import Counter
annotate, size, binary = sys.argv[1], int(sys.argv[2]), sys.argv[3]
stages = {"sentences": "sentences", "ner": "entities", "quotes": "quotes",
          "numbers": "numbers", "core": "core (shared tokenizer, records)",
          "pipeline": "pipeline", "cli": "CLI (input, output)", "render": "other"}
by = Counter()
total = 0
line_re = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?)(?: \[.*\])?$")
for line in open(annotate, encoding="utf-8", errors="replace"):
    m = line_re.match(line)
    if not m:
        continue
    count, where = int(m.group(1).replace(",", "")), m.group(2)
    if where == "PROGRAM TOTALS":
        total = count
        continue
    file, _, function = where.partition(":")
    crate = re.search(r"/crates/(\w+)/src/", file)
    if crate:
        stage = stages.get(crate.group(1), "other")
    elif m2 := re.match(r"(?:<)?newsie_(\w+?)::", function):
        stage = stages.get(m2.group(1), stages.get(m2.group(1).split("_")[0], "other"))
    elif "serde_json" in function or "serde_json" in file:
        stage = "CLI (input, output)"
    else:
        stage = "runtime (allocation, copies, threads)"
    by[stage] += count
print(f"binary: {binary}; text: {size} bytes; instructions: {total:,}")
print(f"{'stage':40} {'instr/byte':>11} {'share':>7}")
for stage, count in by.most_common():
    print(f"{stage:40} {count / size:11.0f} {count / total:7.1%}")
print(f"{'total':40} {total / size:11.0f}")
PY
