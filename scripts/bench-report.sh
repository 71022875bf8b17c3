#!/usr/bin/env bash
# What `newsie report` costs next to `newsie extract`, and whether its
# memory stays flat as the corpus grows. Builds a corpus of N documents by
# repeating PolNeAR's article texts (../shared/benchmarks/polnear, 1,012
# distinct articles; ids `<publisher>/<article>-<n>`), times `newsie
# extract` on it and `newsie report --group-by folder` on the extract
# output (peak RSS from /usr/bin/time -v), then runs the report on the
# extract output repeated to each of SIZES documents.
#
#   scripts/bench-report.sh                          # N=10000, threads 2
#   N=2000 THREADS=1 scripts/bench-report.sh
#   SIZES="10000 100000" scripts/bench-report.sh     # report memory at these sizes
#   REPORT_ARGS="--examples 5" scripts/bench-report.sh   # options for those runs
set -euo pipefail
cd "$(dirname "$0")/.."
n_docs=${N:-10000}
threads=${THREADS:-2}
sizes=${SIZES:-"$n_docs $((n_docs * 5))"}
polnear=${NEWSIE_SHARED:-../shared}/benchmarks/polnear
[ -f "$polnear/polnear_train.jsonl" ] || { echo "needs $polnear (PolNeAR)" >&2; exit 2; }

cargo build --release --quiet -p newsie-cli
newsie=target/release/newsie
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$polnear" "$n_docs" "$work/corpus.jsonl" <<'PY'
import json, pathlib, sys
folder, n, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
articles = {}
for split in ["train", "dev", "test", "annotator-training"]:
    for line in (folder / f"polnear_{split}.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        articles.setdefault(r["article"], (r["publisher"], r["text"]))
names = sorted(articles)
size = 0
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        publisher, text = articles[names[i % len(names)]]
        doc = {"id": f"{publisher}/{names[i % len(names)]}-{i}", "text": text}
        f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        size += len(text.encode("utf-8"))
print(f"corpus: {n} documents ({len(names)} distinct articles), {size / 1e6:.1f} MB of text", file=sys.stderr)
PY

# Runs a command under /usr/bin/time -v; prints "seconds peak-RSS-MB".
timed() {
  /usr/bin/time -v "$@" 2> "$work/time.log" > /dev/null || {
    tail -5 "$work/time.log" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; t=s}
              /Maximum resident set size/ {r=$2/1024} END {printf "%.2f %.0f\n", t, r}' "$work/time.log"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
read -r ex_s ex_rss < <(timed "$newsie" extract --jsonl "$work/corpus.jsonl" --threads "$threads" --quiet -o "$work/extract.jsonl")
echo "extract output: $(du -m "$work/extract.jsonl" | cut -f1) MB"
read -r rj_s rj_rss < <(timed "$newsie" report "$work/extract.jsonl" --group-by folder --format json -o "$work/report.json" --quiet)
read -r rh_s rh_rss < <(timed "$newsie" report "$work/extract.jsonl" --group-by folder -o "$work/report.html" --quiet)
printf '%-44s %9s %12s\n' step seconds "peak RSS MB"
printf '%-44s %9s %12s\n' "extract ($n_docs docs, $threads threads)" "$ex_s" "$ex_rss"
printf '%-44s %9s %12s\n' "report --format json" "$rj_s" "$rj_rss"
printf '%-44s %9s %12s\n' "report (html)" "$rh_s" "$rh_rss"
python3 -c "import sys; e,j,h=map(float,sys.argv[1:]); print(f'report / extract: json {j/e:.3f} ({100*j/e:.1f}%), html {h/e:.3f} ({100*h/e:.1f}%)')" "$ex_s" "$rj_s" "$rh_s"
echo "report: $(du -k "$work/report.json" | cut -f1) KB of JSON, $(du -k "$work/report.html" | cut -f1) KB of HTML"

# Memory as the corpus grows: the extract output repeated (new ids, same
# folders) to each size, reported in one streamed pass.
printf '\n%-12s %9s %12s   (report %s)\n' documents seconds "peak RSS MB" "${REPORT_ARGS:-with the default limits}"
lines=$(wc -l < "$work/extract.jsonl")
for size in $sizes; do
  : > "$work/big.jsonl"
  copies=$(( (size + lines - 1) / lines ))
  for ((c = 0; c < copies; c++)); do
    sed "s/^{\"id\":\"\([^/\"]*\)\//{\"id\":\"\1\/r$c-/" "$work/extract.jsonl" >> "$work/big.jsonl"
  done
  head -n "$size" "$work/big.jsonl" > "$work/sized.jsonl"
  # shellcheck disable=SC2086 # REPORT_ARGS is a list of options
  read -r s rss < <(timed "$newsie" report "$work/sized.jsonl" --group-by folder --format json -o /dev/null --quiet ${REPORT_ARGS:-})
  printf '%-12s %9s %12s\n' "$size" "$s" "$rss"
done
