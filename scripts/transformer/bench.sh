#!/usr/bin/env bash
# newsie's transformer backend against Python transformers, on the same
# checkpoint and the same text (CoNLL-2003 test + CoNLL++, 92,870 tokens),
# windowed and decoded the same way, one after the other in one run: F1 of
# each (they must agree), tagging tokens/s, model load time and peak memory.
#
#   scripts/transformer/bench.sh [MODEL_DIR] [CONLL_DIR]
#
# Needs scripts/transformer/setup.sh (it is run here). Threads: libtorch's
# and torch's defaults (all cores) on both sides.
set -euo pipefail
cd "$(dirname "$0")/../.."
model="${1:-models/ner-transformer}"
conll="${2:-../shared/benchmarks/conll2003}"
scripts/transformer/setup.sh
# shellcheck disable=SC1091
. "${NEWSIE_TORCH_CACHE:-$HOME/.cache/newsie-torch}/env.sh"
cargo build --release -q -p newsie-cli -p newsie-eval --features newsie-eval/transformer,newsie-cli/transformer --examples --bins
target="${CARGO_TARGET_DIR:-target}/release"
files=("$conll/test.iob2.txt" "$conll/conllpp_test.conll")

echo "== newsie (Rust, libtorch 2.4.0 through rust-bert)"
/usr/bin/time -f "peak RSS %M KB, wall %e s" \
    "$target/examples/transformer_throughput" "$model" "${files[@]}"
"$target/newsie" eval conll2003 --ner transformer --model "$model" \
    --benchmarks "$(dirname "$conll")" | grep micro

echo "== Python (torch 2.4.0, transformers): the same windows and batches, then transformers' pipeline"
/usr/bin/time -f "peak RSS %M KB, wall %e s" \
    "$NEWSIE_TORCH_PYTHON" scripts/transformer/evaluate.py --model "$model" --conll "$conll" --pipeline
