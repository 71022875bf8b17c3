#!/usr/bin/env bash
# The speed issue's (25) targets, measured side by side in one run on the
# release binary:
#
#   1. words per CPU-second of the full pipeline, one thread, on a news
#      corpus of files (PolNeAR, IE-ER and CoNLL-2003 documents and the
#      fixtures: about 5 MB), and the peak RSS;
#   2. wall time with --threads 2 against --threads 1 (the speed-up);
#   3. the same text as ONE document, and one document of about 100 MB:
#      CPU per MB against the corpus of files, and peak RSS as a multiple
#      of the document;
#   4. one document of news at 1, 10 and 100 MB: MB/s.
#
#   scripts/bench-targets.sh            # needs ../shared/benchmarks
#   BIG_MB=20 scripts/bench-targets.sh  # a smaller "big" document
#
# Figures depend on the machine and on what else runs on it: run it on an
# idle machine, and compare runs of one machine only.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${NEWSIE_SHARED:-../shared}/benchmarks
[ -d "$shared" ] || { echo "bench-targets: $shared is absent" >&2; exit 2; }
big_mb=${BIG_MB:-100}

cargo build --release --quiet -p newsie-cli
newsie=target/release/newsie
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$shared" "$work" "$big_mb" <<'PY'
import json, pathlib, sys
shared, work, big_mb = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), float(sys.argv[3])
docs = []
seen = set()
for name in ["polnear_train.jsonl", "polnear_dev.jsonl", "polnear_test.jsonl",
             "polnear_annotator-training.jsonl"]:
    path = shared / "polnear" / name
    if not path.exists():
        continue
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        key = d.get("article", d["id"])
        if key not in seen:
            seen.add(key)
            docs.append((key, d["text"]))
for line in (shared / "ieer-news" / "ieer_newswire.jsonl").open(encoding="utf-8"):
    d = json.loads(line)
    docs.append((d["id"], d["text"]))
for split in ["train", "dev", "test"]:
    sentences, sentence, n = [], [], 0
    def flush_doc():
        global n
        if sentences:
            docs.append((f"conll-{split}-{n}", "\n".join(sentences) + "\n"))
            n += 1
        sentences.clear()
    for line in (shared / "conll2003" / f"{split}.iob2.txt").open(encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            flush_doc()
        elif not line.strip():
            if sentence:
                sentences.append(" ".join(sentence))
                sentence.clear()
        else:
            sentence.append(line.split(" ")[0])
    flush_doc()
for path in sorted(pathlib.Path("fixtures").glob("*.txt")):
    docs.append((path.stem, path.read_text(encoding="utf-8")))

words = sum(len(text.split()) for _, text in docs)
size = sum(len(text.encode()) for _, text in docs)
with (work / "corpus.jsonl").open("w", encoding="utf-8") as f:
    for key, text in docs:
        f.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
whole = "\n\n".join(text for _, text in docs)
with (work / "one.jsonl").open("w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "one", "text": whole}, ensure_ascii=False) + "\n")
for mb in [1, 10, big_mb]:
    target = int(mb * 1e6)
    text = (whole * (target // len(whole.encode()) + 1)).encode()[:target].decode("utf-8", "ignore")
    (work / f"doc-{mb:g}.txt").write_text(text, encoding="utf-8")
(work / "meta").write_text(f"{len(docs)} {words} {size}\n")
PY
read -r n_docs words bytes < "$work/meta"
mb=$(python3 -c "print(f'{$bytes/1e6:.2f}')")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus: $n_docs documents, $words words, $mb MB"

# run LABEL ARGS...: sets cpu (user+sys s), wall (s), rss (MB) of one run.
run() {
  /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$newsie" extract --quiet -o /dev/null "$@"
  read -r user sys wall rss_kb < "$work/time"
  cpu=$(python3 -c "print($user + $sys)")
  rss=$(python3 -c "print(round($rss_kb * 1024 / 1e6))")
}

printf '\n%-44s %9s %9s %9s %14s\n' run cpu_s wall_s rss_MB result
run --jsonl "$work/corpus.jsonl" --threads 1
files_cpu=$cpu wall1=$wall
printf '%-44s %9.2f %9.2f %9d %14s\n' "corpus of files, 1 thread" "$cpu" "$wall" "$rss" \
  "$(python3 -c "print(f'{$words/$cpu/1e3:.0f}k words/CPU-s')")"
run --jsonl "$work/corpus.jsonl" --threads 2
printf '%-44s %9.2f %9.2f %9d %14s\n' "corpus of files, 2 threads" "$cpu" "$wall" "$rss" \
  "$(python3 -c "print(f'x{$wall1/$wall:.2f} speed-up')")"
run --jsonl "$work/one.jsonl" --threads 1 --max-doc-mb 512
printf '%-44s %9.2f %9.2f %9d %14s\n' "the same text as one document" "$cpu" "$wall" "$rss" \
  "$(python3 -c "print(f'x{$cpu/$files_cpu:.2f} CPU/MB')")"
for size in 1 10 "$big_mb"; do
  doc="$work/doc-$size.txt"
  doc_mb=$(python3 -c "import os; print(os.path.getsize('$doc')/1e6)")
  run "$doc" --threads 1 --max-doc-mb 512
  printf '%-44s %9.2f %9.2f %9d %14s\n' "one document of $size MB" "$cpu" "$wall" "$rss" \
    "$(python3 -c "print(f'{$doc_mb/$cpu:.2f} MB/s, x{$cpu/$doc_mb/($files_cpu/$bytes*1e6):.2f} CPU/MB, RSS {$rss/$doc_mb:.1f}x')")"
done
