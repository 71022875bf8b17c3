#!/usr/bin/env bash
# Builds the newsie Python package (crates/python) as a wheel with maturin,
# installs it into a virtualenv kept outside the repository, and runs its
# pytest suite. Exits non-zero when the build or a test fails.
#
#   crates/python/run-tests.sh [pytest arguments...]
#
# The suite compares Record.to_dict() with the CLI's JSON, so the release
# CLI is built first (CI builds it later anyway, so this costs nothing
# there) and that test must run, not skip.
#
# Environment:
#   NEWSIE_PY_CACHE   cache folder (default ~/.cache/newsie-python): the
#                     virtualenv and the wheel; the cargo build stays in
#                     crates/python/target (or $CARGO_TARGET_DIR)
#   PYTHON            the Python that makes the virtualenv (default python3)
#   NEWSIE_CLI        a newsie binary to compare with (skips building one)
#   NEWSIE_PY_EXTRAS  1: also install pandas, spaCy and PySpark, so that the
#                     tests of newsie.to_frames, the spaCy component and the
#                     Spark mapPartitions example run instead of skipping
#                     (a few hundred MB, cached; CI sets it, and sets
#                     NEWSIE_REQUIRE_PY_EXTRAS=1 and NEWSIE_REQUIRE_SPARK=1
#                     so that none of them may skip)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${NEWSIE_PY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsie-python}
venv="$cache/venv"
python="$venv/bin/python"
# Pinned so that a CI run today and one next month build alike.
maturin_version=1.16.0
pytest_version=9.2.0
started=$(date +%s)

elapsed() { echo "$(( $(date +%s) - started )) s"; }

mkdir -p "$cache"
if [ ! -x "$python" ]; then
  echo "creating virtualenv $venv" >&2
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$python" -m pip install --quiet --disable-pip-version-check \
  "maturin==$maturin_version" "pytest==$pytest_version"
if [ "${NEWSIE_PY_EXTRAS:-0}" = 1 ]; then
  # The versions ../shared/spec/resources.md lists for spaCy, the Spark
  # example's for PySpark.
  "$python" -m pip install --quiet --disable-pip-version-check \
    "pandas==2.3.3" "spacy==3.8.18" "pyspark==3.5.9"
fi
echo "tools ready ($(elapsed))" >&2

if [ -z "${NEWSIE_CLI:-}" ]; then
  (cd "$repo" && cargo build --release --quiet -p newsie-cli)
  target=${CARGO_TARGET_DIR:-target}
  case $target in /*) ;; *) target="$repo/$target" ;; esac
  export NEWSIE_CLI="$target/release/newsie"
  echo "CLI built ($(elapsed))" >&2
fi
export NEWSIE_REQUIRE_CLI=1

# A wheel installed like a user's, rather than `maturin develop`: it checks
# the packaging too (stubs, py.typed, entry points), and leaves no built
# library in the source tree.
wheels="$cache/wheels"
rm -rf "$wheels"
"$venv/bin/maturin" build --release --quiet --manifest-path "$here/Cargo.toml" \
  --interpreter "$python" --out "$wheels"
"$python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
  "$wheels"/newsie-*.whl
echo "wheel built and installed ($(elapsed))" >&2

# From crates/python, so pytest reads pyproject.toml; no cache or bytecode
# left in the repository.
cd "$here"
status=0
PYTHONDONTWRITEBYTECODE=1 "$python" -m pytest -p no:cacheprovider -ra "$@" || status=$?
echo "python package: pytest exit $status, $(elapsed) in all" >&2
exit "$status"
