"""``Record.to_dict()`` is the CLI's JSON with code-point offsets:
``newsie extract FILE --offsets chars``, parsed."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Optional

import pytest

import newsie
from conftest import FIXTURES, REPO, fixture_text, required

# Two articles with curly quotes, dashes, £ and € before their quotes, so
# that code points and bytes differ.
FILES = ["marbury-dock-strike.txt", "glacier-melt-study.txt"]


def cli() -> Optional[Path]:
    """The newsie binary: $NEWSIE_CLI, else the workspace's release build."""
    given = os.environ.get("NEWSIE_CLI")
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    if not target.is_absolute():
        target = REPO / target
    binary = target / "release" / "newsie"
    return binary if binary.exists() else None


def to_chars(value: Any, text: str) -> Any:
    """Byte offsets to code points, for a CLI without --offsets chars."""
    encoded = text.encode("utf-8")
    if isinstance(value, list):
        return [to_chars(v, text) for v in value]
    if isinstance(value, dict):
        out = {k: to_chars(v, text) for k, v in value.items()}
        for key in ("start", "end"):
            if isinstance(out.get(key), int) and "text" in out:
                out[key] = len(encoded[: out[key]].decode("utf-8"))
        return out
    return value


def cli_json(binary: Path, path: Path) -> dict[str, Any]:
    help_text = subprocess.run(
        [str(binary), "extract", "--help"], capture_output=True, text=True, check=True
    ).stdout
    chars = "--offsets" in help_text
    command = [str(binary), "extract", str(path), "--quiet"]
    if chars:
        command += ["--offsets", "chars"]
    out = subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")
    data: dict[str, Any] = json.loads(out)
    return data if chars else to_chars(data, path.read_bytes().decode("utf-8"))


@pytest.mark.parametrize("name", FILES)
def test_to_dict_equals_the_cli_json(pipeline: newsie.Pipeline, name: str) -> None:
    binary = cli()
    if binary is None:
        message = (
            "no newsie CLI: run `cargo build --release -p newsie-cli` in the "
            "repository, or set NEWSIE_CLI"
        )
        if required("NEWSIE_REQUIRE_CLI"):
            pytest.fail(message)
        pytest.skip(message)
    path = FIXTURES / name
    expected = cli_json(binary, path)
    record = pipeline(fixture_text(name), id=str(path))
    assert record.to_dict() == expected
    # The comparison means something only if offsets moved.
    assert any(q["start"] != b.byte_start for q, b in zip(expected["quotes"], record.quotes))
