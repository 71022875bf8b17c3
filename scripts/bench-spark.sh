#!/usr/bin/env bash
# Throughput of newsie through Spark local[2] (examples/spark/newsie_spark.py)
# against a direct `newsie extract --threads 2`, on the same JSON Lines corpus
# of at least 5 MB built by repeating the fixture articles, in one run.
# Prints documents/s and MB/s (MB of article text, as scripts/bench-pipeline.sh
# counts them) of each, and the overhead ratio (Spark time over direct time),
# both end to end (with Spark's start-up) and for the Spark job alone.
#
#   scripts/bench-spark.sh              # a 6 MB corpus, 4 input partitions
#   MB=50 PARTITIONS=8 scripts/bench-spark.sh
#
# Needs Java and pyspark: .ci/install-pyspark.sh installs it; the python used is
# NEWSIE_SPARK_PYTHON, else that script's virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb=${MB:-6}
partitions=${PARTITIONS:-4}
python=${NEWSIE_SPARK_PYTHON:-${NEWSIE_SPARK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsie-spark}/venv/bin/python}
if ! "$python" -c 'import pyspark' 2>/dev/null; then
  echo "no pyspark in $python: run .ci/install-pyspark.sh (or set NEWSIE_SPARK_PYTHON)" >&2
  exit 2
fi

cargo build --release --quiet -p newsie-cli
newsie="${CARGO_TARGET_DIR:-target}/release/newsie"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
corpus="$work/in/corpus.jsonl"
bytes=$(python3 - "$corpus" "$target_mb" <<'PY'
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
print(size)
PY
)
docs=$(wc -l < "$corpus")
now() { date +%s.%N; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); java: $(java -version 2>&1 | head -1)"
echo "pyspark $("$python" -c 'import pyspark; print(pyspark.__version__)'), corpus: $docs documents, $(python3 -c "print(f'{$bytes/1e6:.1f}')") MB of text ($(stat -c %s "$corpus") bytes of JSON Lines), $partitions partitions"

t0=$(now)
status=0
"$newsie" extract --jsonl - --threads 2 --quiet < "$corpus" > "$work/direct.jsonl" || status=$?
t1=$(now)
[ "$status" -le 1 ] || { echo "newsie failed with status $status" >&2; exit 1; }

t2=$(now)
PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python" SPARK_LOCAL_IP=127.0.0.1 \
  "$python" examples/spark/newsie_spark.py "$work/in" "$work/out" --newsie "$newsie" \
  --master 'local[2]' --partitions "$partitions" --report-time 2> "$work/spark.err" \
  || { tail -30 "$work/spark.err" >&2; exit 1; }
t3=$(now)
job=$(grep -o 'newsie_spark: job took [0-9.]* s' "$work/spark.err" | awk '{print $4}')
out_lines=$(cat "$work"/out/part-* | wc -l)
[ "$out_lines" -eq "$docs" ] || { echo "Spark wrote $out_lines records for $docs documents" >&2; exit 1; }

python3 - "$docs" "$bytes" "$t0" "$t1" "$t2" "$t3" "$job" <<'PY'
import sys
docs, size = int(sys.argv[1]), int(sys.argv[2])
t0, t1, t2, t3, job = map(float, sys.argv[3:])
direct, spark = t1 - t0, t3 - t2
print(f"{'run':<34} {'seconds':>8} {'docs/s':>8} {'MB/s':>6}")
for name, secs in [("newsie extract --threads 2", direct),
                   ("Spark local[2], end to end", spark),
                   ("Spark local[2], job alone", job)]:
    print(f"{name:<34} {secs:8.2f} {docs / secs:8.0f} {size / 1e6 / secs:6.2f}")
print(f"overhead ratio (Spark time / direct time): {spark / direct:.2f} end to end, {job / direct:.2f} job alone")
PY
