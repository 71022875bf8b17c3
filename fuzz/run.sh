#!/usr/bin/env bash
# Runs newsie's fuzz targets with cargo fuzz (libFuzzer), each for SECONDS.
#
#   fuzz/run.sh 10                  # every target 10 s (what CI runs)
#   fuzz/run.sh 3600 pipeline jsonl # a long run of two targets
#
# Installs cargo-fuzz when missing. The fixtures seed each target's corpus
# (fuzz/corpus/TARGET, kept between runs, not committed); a failing input is
# written to fuzz/artifacts/TARGET/ and the script exits non-zero.
# RUSTC_BOOTSTRAP lets the stable toolchain take the flags cargo fuzz
# passes; no sanitizer is used (the crates have no unsafe code, and
# AddressSanitizer needs a nightly standard library).
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-10}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(sentences entities quotes numbers pipeline jsonl)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none

for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  printf '%-10s ' "$target"
  log=$(mktemp)
  if cargo fuzz run --sanitizer none "$target" "corpus/$target" ../fixtures -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
      >"$log" 2>&1; then
    grep -E '^#[0-9]+.*DONE' "$log" | tail -n 1 || echo "done"
    rm -f "$log"
  else
    echo "FAILED (log: $log)"
    tail -n 40 "$log"
    exit 1
  fi
done
