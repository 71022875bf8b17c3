#!/usr/bin/env bash
# newsie's transformer backend against Python transformers, on the same
# checkpoint and the same text (CoNLL-2003 test + CoNLL++, 92,870 tokens),
# windowed and decoded the same way: F1 of each (they must agree), tagging
# tokens/s, model load time and peak memory, in fp32 and in bf16.
#
#   scripts/transformer/bench.sh [MODEL_DIR] [CONLL_DIR]
#
# ROUNDS=N (default 1) repeats the timings, newsie and Python taking turns,
# so that a shared machine's noise hits both sides alike; compare the best
# round of each. Python batches windows of close length together, as
# newsie's tag_documents does; GROUPED=0 makes it batch them in document
# order instead. PIPELINE=1 also times transformers' own pipeline.
#
# Needs scripts/transformer/setup.sh (it is run here). Threads: libtorch's
# and torch's defaults (all cores) on both sides.
set -euo pipefail
cd "$(dirname "$0")/../.."
model="${1:-models/ner-transformer}"
conll="${2:-../shared/benchmarks/conll2003}"
rounds="${ROUNDS:-1}"
scripts/transformer/setup.sh
# shellcheck disable=SC1091
. "${NEWSIE_TORCH_CACHE:-$HOME/.cache/newsie-torch}/env.sh"
cargo build --release -q -p newsie-cli -p newsie-eval --features newsie-eval/transformer,newsie-cli/transformer --examples --bins
target="${CARGO_TARGET_DIR:-target}/release"
files=("$conll/test.iob2.txt" "$conll/conllpp_test.conll")

echo "== F1 through newsie (fp32, then bf16)"
for precision in f32 bf16; do
    "$target/newsie" eval conll2003 --ner transformer --model "$model" --precision "$precision" \
        --benchmarks "$(dirname "$conll")" | grep micro
done

pipeline=()
[ "${PIPELINE:-0}" = 1 ] && pipeline=(--pipeline)
grouped=(--grouped)
[ "${GROUPED:-1}" = 0 ] && grouped=()
for round in $(seq "$rounds"); do
    for precision in f32 bf16; do
        echo "== round $round, $precision: newsie (Rust, libtorch 2.4.0 through rust-bert)"
        PRECISION="$precision" /usr/bin/time -f "peak RSS %M KB, wall %e s" \
            "$target/examples/transformer_throughput" "$model" "${files[@]}"
        echo "== round $round, $precision: Python (torch 2.4.0, transformers 4.46.3), the same windows"
        bf16=()
        [ "$precision" = bf16 ] && bf16=(--bf16)
        /usr/bin/time -f "peak RSS %M KB, wall %e s" \
            "$NEWSIE_TORCH_PYTHON" scripts/transformer/evaluate.py --model "$model" --conll "$conll" \
            "${bf16[@]}" "${grouped[@]}" "${pipeline[@]}" | python3 -c '
import json, sys
d = json.load(sys.stdin)
line = {k: d[k] for k in ("precision", "batch", "grouped", "load_s", "tokens", "tag_s", "tokens_per_s", "max_rss_mb")}
line["test_f1"], line["conllpp_f1"] = d["test"]["micro"][2], d["conll++"]["micro"][2]
if "pipeline" in d:
    line["pipeline_tokens_per_s"] = round(d["pipeline"]["tokens_per_s"])
print(json.dumps(line))'
    done
done
