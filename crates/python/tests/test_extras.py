"""The optional helpers: ``newsie.to_frames`` (pandas) and the spaCy
component. Each test skips when its library is not installed."""

from __future__ import annotations

import pytest

import newsie
from conftest import fixture_text

TEXT = (
    "😀 “We are hiring,” Andy Jassy said in Seattle. "
    "Amazon’s revenue grew 13% to $24.2 billion, the company said."
)


def test_to_frames(pipeline: newsie.Pipeline) -> None:
    pd = pytest.importorskip("pandas")
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
    spacy = pytest.importorskip("spacy")
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
