#!/usr/bin/env bash
# Installs spaCy from PyPI into a virtualenv kept in a cache folder outside
# the repository, for the round trip of `newsie extract --format spacy`
# through spaCy's own `Doc.from_json` (tests/cli_formats.rs). No model is
# downloaded: a blank `Vocab` reads the output. A virtualenv of its own, so
# that the Python package's optional spaCy tests (crates/python) keep
# running or skipping as before. Idempotent: when the virtualenv already
# imports the pinned spaCy, it does nothing. Prints how long it took, and
# the python to point NEWSIE_SPACY_PYTHON at on its last line.
#
#   export NEWSIE_SPACY_PYTHON=$(.ci/install-spacy.sh | tail -1)
#
# Environment:
#   NEWSIE_SPACY_CACHE     cache folder (default ~/.cache/newsie-spacy)
#   NEWSIE_SPACY_VERSION   spaCy version (default 3.8.18, the one
#                          ../shared/spec/resources.md lists)
set -euo pipefail

cache=${NEWSIE_SPACY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsie-spacy}
version=${NEWSIE_SPACY_VERSION:-3.8.18}
venv="$cache/venv"
python="$venv/bin/python"
started=$(date +%s)

installed_version() {
  "$python" -c 'import spacy; print(spacy.__version__)' 2>/dev/null || true
}

if [ "$(installed_version)" = "$version" ]; then
  echo "spaCy $version already in $venv (0 s)" >&2
  echo "$python"
  exit 0
fi

mkdir -p "$cache"
if [ ! -x "$python" ]; then
  echo "creating virtualenv $venv" >&2
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$python" -m pip install --quiet --disable-pip-version-check "spacy==$version" >&2

got=$(installed_version)
if [ "$got" != "$version" ]; then
  echo "error: spaCy $version did not install in $venv (found '${got}')" >&2
  exit 1
fi
echo "spaCy $version installed in $venv in $(( $(date +%s) - started )) s" >&2
echo "$python"
