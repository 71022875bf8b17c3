"""The Python API: construction, calls, errors, reprs, threads."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import newsie
from conftest import fixture_text

TEXT = "“We are hiring,” Andy Jassy said. Amazon’s revenue grew 13% to $24.2 billion."


def test_extract_uses_one_lazily_built_default_pipeline() -> None:
    record = newsie.extract(TEXT)
    assert isinstance(record, newsie.Record)
    assert newsie.default_pipeline() is newsie.default_pipeline()
    assert [q.text for q in record.quotes] == ["We are hiring,"]
    quote = record.quotes[0]
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.text == "Andy Jassy"
    assert quote.speaker.kind == "person" and quote.speaker.resolved == "Andy Jassy"
    assert quote.cue is not None and (quote.cue.text, quote.cue.lemma) == ("said", "say")
    money = [q for q in record.quantities if q.kind == "money"]
    assert money and money[0].value == 24.2e9 and money[0].unit == "USD"
    assert money[0].dimension == "currency"
    assert record.schema == newsie.SCHEMA_VERSION == 1


def test_record_fields_follow_the_contract(pipeline: newsie.Pipeline) -> None:
    record = pipeline(TEXT, id="doc-1")
    assert record.id == "doc-1" and record.error is None
    labels = {e.label for e in record.entities}
    assert labels <= {"PER", "ORG", "LOC", "MISC"}
    for entity in record.entities:
        assert 0.0 <= entity.score <= 1.0
    for name in ("sentences", "entities", "quotes", "quantities"):
        starts = [s.start for s in getattr(record, name)]
        assert starts == sorted(starts), name
    data = record.to_dict()
    assert list(data) == ["id", "schema", "sentences", "entities", "quotes", "quantities"]
    assert list(data["quantities"][0]) == [
        "start", "end", "text", "kind", "value", "low", "high",
        "approximate", "unit", "dimension", "change", "bound",
    ]  # fmt: skip
    # Each list is a new list: the record cannot be changed through it.
    record.entities.clear()
    assert record.entities


def test_only_fills_the_named_lists() -> None:
    only_quotes = newsie.Pipeline(["quotes"])
    assert only_quotes.only == ["quotes"]
    record = only_quotes(TEXT)
    assert record.quotes and not (record.sentences or record.entities or record.quantities)
    assert newsie.Pipeline("sentences").only == ["sentences"]
    assert newsie.Pipeline(iter(["quantities", "entities"])).only == ["entities", "quantities"]
    with pytest.raises(ValueError, match="unknown stage"):
        newsie.Pipeline(["sentence"])
    with pytest.raises(ValueError, match="no stage"):
        newsie.Pipeline([])
    with pytest.raises(TypeError):
        newsie.Pipeline([1])  # type: ignore[list-item]


def test_bad_text_raises(pipeline: newsie.Pipeline) -> None:
    with pytest.raises(TypeError, match="not str"):
        pipeline(b"bytes are not text")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pipeline(None)  # type: ignore[arg-type]
    small = newsie.Pipeline(max_doc_mb=0.001)  # 1049 bytes
    assert small("x" * 1000).error is None
    with pytest.raises(ValueError, match="max_doc_mb"):
        small("x" * 1100)
    # The limit counts UTF-8 bytes, not code points.
    with pytest.raises(ValueError, match="max_doc_mb"):
        small("€" * 400)
    with pytest.raises(ValueError):
        newsie.Pipeline(max_doc_mb=0)
    with pytest.raises(TypeError):
        pipeline("text", id=1.5)  # type: ignore[arg-type]


def test_empty_text_gives_an_empty_record(pipeline: newsie.Pipeline) -> None:
    record = pipeline("")
    assert record.error is None and not record.sentences


def test_reprs(pipeline: newsie.Pipeline) -> None:
    record = pipeline(TEXT, id="a")
    assert repr(pipeline).startswith("Pipeline(only=['sentences', 'entities'")
    counts = f"entities={len(record.entities)}, quotes=1, quantities={len(record.quantities)}"
    assert repr(record) == f"Record(id='a', sentences=2, {counts})"
    quote = record.quotes[0]
    assert repr(quote).startswith(
        "Quote(start=1, end=15, text='We are hiring,', kind='direct', speaker=Speaker("
    )
    for obj in [*record.sentences, *record.entities, *record.quantities, quote.speaker, quote.cue]:
        text = repr(obj)
        assert text.startswith(type(obj).__name__ + "(") and "text=" in text
    long = pipeline("word " * 100)
    assert "…" in repr(long.sentences[0])
    error = next(pipeline.pipe([1]))  # type: ignore[list-item]
    assert repr(error).startswith("Record(id='0', error=ErrorDetail(kind='invalid_input'")
    assert repr(pipeline.pipe([])).startswith("PipeIterator(threads=")


def test_one_pipeline_serves_many_threads(pipeline: newsie.Pipeline) -> None:
    texts = [fixture_text(n) for n in ["veridian-earnings.txt", "marbury-dock-strike.txt"]] * 4
    expected = [pipeline(t).to_dict() for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: pipeline(t).to_dict(), texts))
    assert got == expected


def test_types_are_exported_and_typed() -> None:
    import importlib.resources

    for name in ["Pipeline", "Record", "Sentence", "Entity", "Quote", "Speaker", "Cue",
                 "Quantity", "ErrorDetail", "PipeIterator"]:  # fmt: skip
        assert getattr(newsie, name).__module__ == "newsie"
    files = importlib.resources.files("newsie")
    assert (files / "py.typed").is_file() and (files / "_newsie.pyi").is_file()
    assert newsie.__version__


def test_the_gil_is_released_while_annotating(pipeline: newsie.Pipeline) -> None:
    # A Python thread counts while the pipeline works: it can run only if
    # the pipeline let go of the GIL (a call holding it would leave the
    # count where it was). A long switch interval keeps the interpreter
    # from handing the GIL over on its own around the call.
    text = "\n".join(fixture_text(n) for n in ["veridian-earnings.txt"] * 60)
    count = 0
    stop = threading.Event()

    def counter() -> None:
        nonlocal count
        while not stop.is_set():
            count += 1

    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.5)
    thread = threading.Thread(target=counter)
    thread.start()
    try:
        for annotate in (lambda: pipeline(text), lambda: list(pipeline.pipe([text] * 2))):
            before = count
            annotate()
            assert count - before > 100
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)


def test_quote_scope_speech_or_wide() -> None:
    text = "Senator Jane Roe believes the bill will fail. A study found that rents rose."
    speech = newsie.Pipeline(only="quotes")
    wide = newsie.Pipeline(only="quotes", quotes="wide")
    assert (speech.quotes, wide.quotes) == ("speech", "wide")
    # Beliefs and findings are quotes only in the wide scope.
    assert len(wide(text).quotes) > len(speech(text).quotes)
    with pytest.raises(ValueError, match="quote scope"):
        newsie.Pipeline(quotes="beliefs")


def test_the_entity_tagger_is_the_embedded_model() -> None:
    assert newsie.Pipeline(ner="linear", only="entities")("Andy Jassy runs Amazon.").entities
    with pytest.raises(ValueError, match="libtorch"):
        newsie.Pipeline(ner="transformer")
    with pytest.raises(ValueError, match="entity tagger"):
        newsie.Pipeline(ner="crf")
