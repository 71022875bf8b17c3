"""The optional helpers: ``newsie.to_frames`` (pandas) and the spaCy
component. Each test skips when its library is not installed, unless
``NEWSIE_REQUIRE_PY_EXTRAS=1`` (CI) makes the absence a failure."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

import newsie
from conftest import SHARED, fixture_text, required


def need(module: str) -> ModuleType:
    """The optional library, or a skip (a failure where CI requires it)."""
    if required("NEWSIE_REQUIRE_PY_EXTRAS"):
        return importlib.import_module(module)
    return pytest.importorskip(module)

TEXT = (
    "😀 “We are hiring,” Andy Jassy said in Seattle. "
    "Amazon’s revenue grew 13% to $24.2 billion, the company said."
)


def test_to_frames(pipeline: newsie.Pipeline) -> None:
    pd = need("pandas")
    records = list(pipeline.pipe([TEXT, 7, fixture_text("veridian-earnings.txt")]))  # type: ignore[list-item]
    frames = newsie.to_frames(records)
    assert set(frames) == {"sentences", "entities", "quotes", "quantities", "errors"}
    assert all(isinstance(f, pd.DataFrame) for f in frames.values())
    assert list(frames["errors"]["id"]) == ["1"]
    quotes = frames["quotes"]
    first = quotes[quotes["id"] == "0"].iloc[0]
    assert (first["text"], first["speaker"], first["cue_lemma"]) == (
        "We are hiring,",
        "Andy Jassy",
        "say",
    )
    assert TEXT[first["speaker_start"] : first["speaker_end"]] == "Andy Jassy"
    assert len(frames["entities"]) == sum(len(r.entities) for r in records)
    assert list(frames["quantities"].columns[:4]) == ["id", "start", "end", "text"]
    empty = newsie.to_frames([])
    assert list(empty["entities"].columns)[:3] == ["id", "start", "end"]


def test_spacy_component() -> None:
    spacy = need("spacy")
    nlp = spacy.blank("en")
    # Found through the spacy_factories entry point, without an import.
    nlp.add_pipe("newsie")
    doc = nlp(TEXT)
    assert ("Andy Jassy", "PER") in [(e.text, e.label_) for e in doc.ents]
    quotes = [(s.text, s.label_) for s in doc.spans["newsie_quotes"]]
    assert quotes == [
        ("We are hiring,", "direct"),
        ("Amazon’s revenue grew 13% to $24.2 billion", "indirect"),
    ]
    assert "Andy Jassy" in [s.text for s in doc.spans["newsie_speakers"]]
    assert {"13%", "$24.2 billion"} <= {s.text for s in doc.spans["newsie_quantities"]}
    assert isinstance(doc._.newsie, newsie.Record)
    assert repr(nlp.get_pipe("newsie")).startswith(
        "NewsieComponent(name='newsie', alignment_mode='expand'"
    )
    docs = list(nlp.pipe([TEXT, "Acme fell 5% on Monday."], batch_size=1))
    assert [d.spans["newsie_quantities"][0].text for d in docs] == ["13%", "5%"]
    with pytest.raises(ValueError):
        nlp.add_pipe("newsie", name="other", config={"alignment_mode": "strict"})
    contract = spacy.blank("en")
    contract.add_pipe("newsie", config={"alignment_mode": "contract", "only": ["entities"]})
    doc = contract(TEXT)
    assert doc.ents and not doc.spans["newsie_quotes"]


def test_spacy_component_on_the_seed(pipeline: newsie.Pipeline) -> None:
    spacy = need("spacy")
    seed = SHARED / "seed" / "aws-layoffs.txt"
    if not seed.exists():
        if required("NEWSIE_REQUIRE_SHARED"):
            pytest.fail(f"{seed} is absent but NEWSIE_REQUIRE_SHARED=1")
        pytest.skip(f"{seed} is absent")
    text = seed.read_bytes().decode("utf-8")
    record = pipeline(text)
    nlp = spacy.blank("en")
    nlp.add_pipe("newsie")
    doc = nlp(text)
    # The component carries the record's annotations, span for span.
    assert [(q.text, q.label_) for q in doc.spans["newsie_quotes"]] == [
        (q.text, q.kind) for q in record.quotes
    ]
    quotes = {q.text[:20]: q for q in record.quotes}
    spokesperson = quotes["We’ve identified a f"].speaker
    assert spokesperson is not None and spokesperson.kind == "anonymous"
    jassy = [q for q in record.quotes if q.text.startswith("AWS’s continued")]
    assert jassy and jassy[0].speaker is not None
    assert jassy[0].speaker.resolved == "Andy Jassy"
    assert {e.text for e in record.entities} <= {e.text for e in doc.ents} | {
        s.text for s in doc.spans.get("newsie_entities", [])
    }
    assert len(doc.spans["newsie_quantities"]) == len(record.quantities)


def test_spacy_component_logs_what_it_cannot_align(caplog: pytest.LogCaptureFixture) -> None:
    spacy = need("spacy")
    from spacy.tokens import Doc

    from newsie.spacy import NewsieComponent

    nlp = spacy.blank("en")
    component = NewsieComponent(alignment_mode="contract", spans_prefix="")
    # One token holds the whole of `13% today`: the quantity `13%` has no
    # token of its own to contract to.
    doc = Doc(nlp.vocab, words=["Revenue", "grew", "13% today", "."], spaces=[True, True, False, False])
    assert doc.text == "Revenue grew 13% today."
    with caplog.at_level("WARNING", logger="newsie"):
        doc = component(doc)
    assert [q.text for q in doc._.newsie.quantities] == ["13%"]
    assert len(doc.spans["quantities"]) == 0
    assert "1 newsie span(s) could not be aligned" in caplog.text
