#!/usr/bin/env bash
# Whole-pipeline throughput (MB/s) and peak memory of `newsie extract` on a
# corpus of at least 5 MB built by repeating the fixture articles.
#
#   scripts/bench-pipeline.sh            # threads 1 and 2
#   scripts/bench-pipeline.sh 1 4 8      # other thread counts
#   MB=50 scripts/bench-pipeline.sh      # a larger corpus
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb=${MB:-6}
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 2)

cargo build --release --quiet -p newsie-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus.jsonl"
python3 - "$corpus" "$target_mb" <<'PY'
import json, pathlib, sys
out, target = pathlib.Path(sys.argv[1]), float(sys.argv[2]) * 1e6
articles = sorted(pathlib.Path("fixtures").glob("*.txt"))
size, n = 0, 0
with out.open("w", encoding="utf-8") as f:
    while size < target:
        for path in articles:
            text = path.read_text(encoding="utf-8")
            f.write(json.dumps({"id": f"{path.stem}-{n}", "text": text}, ensure_ascii=False) + "\n")
            size += len(text.encode("utf-8"))
            n += 1
print(f"corpus: {n} documents, {size / 1e6:.1f} MB of text", file=sys.stderr)
PY
bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1], encoding='utf-8')))" "$corpus")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '%-8s %10s %10s %12s\n' threads seconds "MB/s" "peak RSS MB"
for t in "${threads[@]}"; do
  /usr/bin/time -v target/release/newsie extract --jsonl "$corpus" --threads "$t" --quiet -o /dev/null 2> "$work/time.log"
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time.log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2/1024}' "$work/time.log")
  python3 -c "import sys; b,s,t,r=map(float,sys.argv[1:]); print(f'{int(t):<8d} {s:10.2f} {b/1e6/s:10.1f} {r:12.0f}')" "$bytes" "$secs" "$t" "$rss"
done
