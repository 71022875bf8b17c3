"""``newsie.to_frames``: records as pandas DataFrames, one per list.

Kept out of ``newsie/__init__.py`` so that importing newsie never imports
pandas (slow, and optional).
"""

from __future__ import annotations

from typing import Any, Iterable

from ._newsie import Record

# Column order of each table: the id, then the contract's fields in the
# contract's order, then the byte offsets (the contract's own offsets) last.
_SPAN = ["start", "end", "text"]
_BYTES = ["byte_start", "byte_end"]
_COLUMNS = {
    "sentences": ["id", *_SPAN, *_BYTES],
    "entities": ["id", *_SPAN, "label", "score", *_BYTES],
    "quotes": [
        "id",
        *_SPAN,
        "kind",
        "speaker",
        "speaker_start",
        "speaker_end",
        "speaker_resolved",
        "speaker_kind",
        "cue",
        "cue_start",
        "cue_end",
        "cue_lemma",
        *_BYTES,
    ],
    "quantities": [
        "id",
        *_SPAN,
        "kind",
        "value",
        "low",
        "high",
        "approximate",
        "unit",
        "dimension",
        "change",
        "bound",
        *_BYTES,
    ],
    "errors": ["id", "kind", "message"],
}


def _row(record_id: str, item: Any, fields: list[str]) -> dict[str, Any]:
    row = {"id": record_id}
    for field in fields[1:]:
        row[field] = getattr(item, field)
    return row


def _quote_row(record_id: str, quote: Any) -> dict[str, Any]:
    speaker, cue = quote.speaker, quote.cue
    return {
        "id": record_id,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_resolved": speaker.resolved if speaker else None,
        "speaker_kind": speaker.kind if speaker else None,
        "cue": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "cue_lemma": cue.lemma if cue else None,
        "byte_start": quote.byte_start,
        "byte_end": quote.byte_end,
    }


def to_frames(records: Iterable[Record]) -> dict[str, Any]:
    """See ``newsie.to_frames``. Offsets are code points, as on the
    records; ``byte_start``/``byte_end`` hold the byte offsets."""
    import pandas as pd

    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _COLUMNS}
    for record in records:
        if record.error is not None:
            rows["errors"].append(
                {"id": record.id, "kind": record.error.kind, "message": record.error.message}
            )
            continue
        for name in ("sentences", "entities", "quantities"):
            fields = _COLUMNS[name]
            rows[name].extend(_row(record.id, item, fields) for item in getattr(record, name))
        rows["quotes"].extend(_quote_row(record.id, q) for q in record.quotes)
    # Explicit columns: an empty table still has them, so code that selects
    # columns works whatever the corpus held.
    return {name: pd.DataFrame(rows[name], columns=_COLUMNS[name]) for name in _COLUMNS}
