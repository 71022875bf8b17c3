"""The seed article of the output contract (``shared/seed``)."""

from __future__ import annotations

import pytest

import newsie
from conftest import SHARED

SEED = SHARED / "seed" / "aws-layoffs.txt"


def test_the_aws_spokesperson_quote(pipeline: newsie.Pipeline) -> None:
    if not SEED.exists():
        pytest.skip(f"shared data absent: {SEED} (the shared folder sits beside the repository)")
    text = SEED.read_bytes().decode("utf-8")
    record = pipeline(text, id="aws-layoffs.txt")
    quotes = [q for q in record.quotes if q.text.startswith("We’ve identified")]
    assert len(quotes) == 1, [q.text for q in record.quotes]
    quote = quotes[0]
    assert quote.kind == "direct"
    assert text[quote.start : quote.end] == quote.text
    speaker = quote.speaker
    assert speaker is not None
    assert (speaker.text, speaker.resolved, speaker.kind) == (
        "an AWS spokesperson",
        "AWS",
        "anonymous",
    )
    assert text[speaker.start : speaker.end] == speaker.text
    assert quote.cue is not None and quote.cue.lemma == "say"
    # Before the quote come curly apostrophes: code points trail bytes.
    assert quote.start < quote.byte_start
