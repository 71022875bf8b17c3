#!/usr/bin/env bash
# Installs PySpark from PyPI into a virtualenv kept in a cache folder outside
# the repository, for the Spark example test (tests/spark.rs) and
# scripts/bench-spark.sh. Idempotent: when the virtualenv already imports the
# pinned pyspark, it does nothing. Prints how long it took, and the python to
# point NEWSIE_SPARK_PYTHON at on its last line.
#
#   .ci/install-pyspark.sh
#   export NEWSIE_SPARK_PYTHON=$(.ci/install-pyspark.sh | tail -1)
#
# Environment:
#   NEWSIE_SPARK_CACHE       cache folder (default ~/.cache/newsie-spark)
#   NEWSIE_PYSPARK_VERSION   pyspark version (default 3.5.9: runs on Java 8,
#                            11, 17 and 21, so on any JDK this machine may have)
set -euo pipefail

cache=${NEWSIE_SPARK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsie-spark}
version=${NEWSIE_PYSPARK_VERSION:-3.5.9}
venv="$cache/venv"
python="$venv/bin/python"
started=$(date +%s)

installed_version() {
  "$python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null || true
}

if [ "$(installed_version)" = "$version" ]; then
  echo "pyspark $version already in $venv (0 s)" >&2
  echo "$python"
  exit 0
fi

if ! command -v java >/dev/null 2>&1; then
  # Not fatal: pyspark installs without Java, the test then says SKIPPED.
  echo "warning: no java on PATH; Spark needs a JDK (17 is tested)" >&2
fi

base_python=${PYTHON:-python3}
mkdir -p "$cache"
if [ ! -x "$python" ]; then
  echo "creating virtualenv $venv" >&2
  "$base_python" -m venv "$venv"
fi
# pyspark's wheel is large (~300 MB); pip's own cache is not needed twice.
"$python" -m pip install --quiet --disable-pip-version-check --no-cache-dir "pyspark==$version" >&2

got=$(installed_version)
if [ "$got" != "$version" ]; then
  echo "error: pyspark $version did not install in $venv (found '${got}')" >&2
  exit 1
fi
echo "pyspark $version installed in $venv in $(( $(date +%s) - started )) s" >&2
echo "$python"
