"""``Pipeline.pipe``: lazy, ordered, parallel, and never stopped by one bad
item."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import newsie
from conftest import FIXTURES, fixture_text

NAMES = sorted(p.name for p in FIXTURES.glob("*.txt"))


def test_records_come_in_input_order_with_ids(pipeline: newsie.Pipeline) -> None:
    texts = [fixture_text(n) for n in NAMES]
    records = list(pipeline.pipe(texts, threads=2, batch_size=5))
    assert [r.id for r in records] == [str(k) for k in range(len(texts))]
    # Each is the record of its own text, as a single call gives it.
    for text, record in zip(texts, records):
        assert record.sentences[0].text == text[record.sentences[0].start : record.sentences[0].end]
        assert record.to_dict() == pipeline(text, id=record.id).to_dict()
    pairs = [(fixture_text(n), n) for n in NAMES[:6]]
    assert [r.id for r in pipeline.pipe(pairs)] == NAMES[:6]
    assert [r.id for r in pipeline.pipe([("Hi.", 7)])] == ["7"]


def test_one_thread_and_two_give_identical_records(pipeline: newsie.Pipeline) -> None:
    items = [(fixture_text(n), n) for n in NAMES]
    one = [r.to_dict() for r in pipeline.pipe(items, threads=1, batch_size=3)]
    two = [r.to_dict() for r in pipeline.pipe(items, threads=2, batch_size=64)]
    assert one == two
    assert len(one) == len(NAMES)


def test_bad_items_give_error_records_and_the_run_goes_on() -> None:
    pipeline = newsie.Pipeline(max_doc_mb=0.001)  # 1049 bytes
    items = [
        "Acme rose 5%.",
        42,
        ("Acme fell 3%.", "with-id"),
        "x" * 2000,
        ("too large " * 200, "big"),
        None,
        ("only text",),
        ("text", 1.5),
        "lone \ud800 surrogate",
        b"bytes",
        "Acme said so.",
    ]
    records = list(pipeline.pipe(items, threads=2, batch_size=4))  # type: ignore[arg-type]
    assert len(records) == len(items)
    got = [(r.id, r.error.kind if r.error else None) for r in records]
    assert got == [
        ("0", None),
        ("1", "invalid_input"),
        ("with-id", None),
        ("3", "too_large"),
        ("big", "too_large"),
        ("5", "invalid_input"),
        ("6", "invalid_input"),
        ("7", "invalid_input"),
        ("8", "invalid_utf8"),
        ("9", "invalid_input"),
        ("10", None),
    ]
    bad = records[1]
    assert bad.error is not None and records[3].error is not None
    assert "int" in bad.error.message
    assert not (bad.sentences or bad.entities or bad.quotes or bad.quantities)
    assert bad.to_dict() == {"id": "1", "error": bad.error.to_dict()}
    assert set(bad.error.to_dict()) == {"kind", "message"}
    assert "max_doc_mb" in records[3].error.message


def test_pipe_is_lazy_and_pulls_one_batch_at_a_time(pipeline: newsie.Pipeline) -> None:
    pulled = []

    def texts() -> Iterator[str]:
        for k in range(10):
            pulled.append(k)
            yield f"Acme sold {k + 1} ships."

    records = pipeline.pipe(texts(), threads=2, batch_size=4)
    assert pulled == []
    first = next(records)
    assert first.id == "0" and len(pulled) == 4
    rest = list(records)
    assert len(rest) == 9 and pulled == list(range(10))
    assert [r.quantities[0].value for r in [first, *rest]] == [float(k + 1) for k in range(10)]


def test_an_exception_of_the_input_comes_after_the_items_before_it(
    pipeline: newsie.Pipeline,
) -> None:
    def texts() -> Iterator[str]:
        yield "One."
        yield "Two."
        raise OSError("disk gone")

    records = pipeline.pipe(texts(), batch_size=10)
    assert [next(records).id, next(records).id] == ["0", "1"]
    with pytest.raises(OSError, match="disk gone"):
        next(records)


def test_pipe_arguments_are_checked(pipeline: newsie.Pipeline) -> None:
    with pytest.raises(TypeError, match="one str"):
        pipeline.pipe("a text, not texts")
    with pytest.raises(TypeError):
        pipeline.pipe(5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads"):
        pipeline.pipe([], threads=0)
    with pytest.raises(ValueError, match="batch_size"):
        pipeline.pipe([], batch_size=0)
    assert list(pipeline.pipe([])) == []
    assert list(pipeline.pipe(iter(()), threads=3)) == []


def test_pipe_reads_files_lazily(pipeline: newsie.Pipeline) -> None:
    # The idiom the README shows: a generator of (text, id) pairs.
    paths = sorted(FIXTURES.glob("*.txt"))[:3]
    items = ((p.read_text(encoding="utf-8"), p.name) for p in paths)
    assert [r.id for r in pipeline.pipe(items)] == [Path(p).name for p in paths]
