"""Shared fixtures of the newsie Python tests.

Paths: the repository root is three levels up (crates/python/tests), the
shared benchmark data sits beside the repository as ``../shared``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Union

import pytest

import newsie

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> newsie.Pipeline:
    # One pipeline for the whole run: loading the model is the slow part,
    # and sharing it is what users are told to do.
    return newsie.Pipeline()


def fixture_text(name: str) -> str:
    # Bytes decoded by hand: no newline translation, exactly what the CLI
    # reads.
    return (FIXTURES / name).read_bytes().decode("utf-8")


Span = Union[
    newsie.Sentence, newsie.Entity, newsie.Quantity, newsie.Quote, newsie.Speaker, newsie.Cue
]


def spans_of(record: newsie.Record) -> Iterator[Span]:
    """Every span-bearing object of a record: annotations, speakers, cues."""
    yield from record.sentences
    yield from record.entities
    yield from record.quantities
    for quote in record.quotes:
        yield quote
        if quote.speaker is not None:
            yield quote.speaker
        if quote.cue is not None:
            yield quote.cue


def required(variable: str) -> bool:
    """Whether CI demands what a skip would hide (``NEWSIE_REQUIRE_*=1``)."""
    return os.environ.get(variable) == "1"
