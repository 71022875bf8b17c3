"""Offsets are Python string indices: ``text[s.start:s.end] == s.text`` for
every span, whatever characters come before it (emoji are 4 bytes and one
code point; a combining accent is a code point of its own; CJK 3 bytes).
"""

from __future__ import annotations

import pytest

import newsie
from conftest import fixture_text, spans_of

# Each text puts multi-byte characters before, inside and after quotes,
# speakers, cues, names and numbers.
TEXTS = {
    "emoji": (
        "😀🚀 “We are hiring again 👩‍💻,” Andy Jassy said on Tuesday. 🎉 "
        "Amazon’s revenue grew 13% to $24.2 billion 📈, the company said. "
        "“It was a record quarter 💯,” an AWS spokesperson said."
    ),
    "combining": (
        "Zoe\u0301 Dupre\u0301 runs Cafe\u0301 Ame\u0301lie in Montre\u0301al. "
        "“We served 1,250 cre\u0300mes bru\u0302le\u0301es,” Zoe\u0301 Dupre\u0301 said. "
        "Sales rose 8% to €3.5 million, she said."
    ),
    "cjk": (
        "東京 (Tokyo) — Takumi Motors, based in 東京, said profit fell 12% to ¥450 billion. "
        "“円安は追い風だ — the weak yen helps us,” chief executive Kenji Sato said. "
        "Analysts at 野村 Securities expect 2 million cars."
    ),
}


def check(text: str, record: newsie.Record) -> int:
    encoded = text.encode("utf-8")
    count = 0
    for span in spans_of(record):
        assert text[span.start : span.end] == span.text, span
        assert encoded[span.byte_start : span.byte_end].decode("utf-8") == span.text, span
        assert span.start <= span.end and span.byte_start <= span.byte_end
        count += 1
    return count


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_span_slices_the_python_string(pipeline: newsie.Pipeline, name: str) -> None:
    text = TEXTS[name]
    record = pipeline(text)
    assert record.error is None
    assert check(text, record) > 0
    # The text is worth testing only if it has quotes with speakers and
    # cues after multi-byte characters (otherwise offsets would agree).
    attributed = [q for q in record.quotes if q.speaker and q.cue]
    assert attributed, record.quotes
    assert any(q.start != q.byte_start for q in attributed)
    assert record.entities and record.quantities


def test_spans_after_every_kind_of_character_in_real_articles(pipeline: newsie.Pipeline) -> None:
    # Real articles with emoji, a combining mark and CJK put in front of
    # every paragraph, so every later offset differs from its byte offset.
    for name in ["marbury-dock-strike.txt", "takumi-weak-yen.txt", "glacier-melt-study.txt"]:
        text = "\n".join("🙂 e\u0301 漢字 " + line for line in fixture_text(name).split("\n"))
        record = pipeline(text)
        assert check(text, record) > 20, name
        assert any(q.speaker for q in record.quotes), name


def test_to_dict_offsets_are_code_points(pipeline: newsie.Pipeline) -> None:
    text = TEXTS["emoji"]
    data = pipeline(text).to_dict()
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        for part in ("speaker", "cue"):
            if quote[part]:
                assert text[quote[part]["start"] : quote[part]["end"]] == quote[part]["text"]
    for name in ("sentences", "entities", "quantities"):
        for item in data[name]:
            assert text[item["start"] : item["end"]] == item["text"]


def test_lone_surrogate_is_a_value_error(pipeline: newsie.Pipeline) -> None:
    with pytest.raises(ValueError, match="UTF-8"):
        pipeline("Acme said \ud800 so.")
