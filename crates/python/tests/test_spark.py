"""The wheel on Spark: ``examples/spark/newsie_spark_wheel.py`` in local mode
(``local[2]``) gives, for every input line, the record ``Pipeline.pipe``
gives in-process. Skips without pyspark or Java, unless
``NEWSIE_REQUIRE_SPARK=1`` (CI) makes that a failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsie
from conftest import FIXTURES, REPO, required

EXAMPLE = REPO / "examples" / "spark" / "newsie_spark_wheel.py"


def spark_ready() -> str | None:
    """Why Spark cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (run-tests.sh installs it with NEWSIE_PY_EXTRAS=1)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java found"
    return None


def test_map_partitions_example_matches_pipe(tmp_path: Path, pipeline: newsie.Pipeline) -> None:
    why = spark_ready()
    if why is not None:
        if required("NEWSIE_REQUIRE_SPARK"):
            pytest.fail(f"NEWSIE_REQUIRE_SPARK=1 but {why}")
        pytest.skip(why)
    articles = sorted(FIXTURES.glob("*.txt"))[:6]
    lines = [
        json.dumps({"id": path.stem, "text": path.read_bytes().decode("utf-8")})
        for path in articles
    ]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps({"text": "Acme cut 300 jobs, Jane Roe said."}))
    lines.append(json.dumps({"id": "no-text"}))
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "part.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    subprocess.run(
        [sys.executable, str(EXAMPLE), str(corpus), str(out), "--master", "local[2]", "--partitions", "3"],
        check=True,
        env=env,
        timeout=600,
    )
    parts = sorted(out.glob("part-*"))
    got = [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    assert len(got) == len(lines), "one output line per input line"
    assert [r["id"] for r in got] == [
        articles[0].stem,
        articles[1].stem,
        "-:3",
        articles[2].stem,
        "-:5",
        articles[3].stem,
        articles[4].stem,
        articles[5].stem,
        "no-text",
    ]
    assert got[2]["error"]["kind"] == "bad_json"
    assert got[8]["error"]["kind"] == "no_text"
    # The documents' records are what the pipeline gives in-process.
    documents = [(json.loads(line)["text"], r["id"]) for line, r in zip(lines, got) if "error" not in r]
    direct = [record.to_dict() for record in pipeline.pipe(documents)]
    assert [r for r in got if "error" not in r] == direct
