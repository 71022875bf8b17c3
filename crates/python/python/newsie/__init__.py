"""newsie: sentences, named entities, quotes with speakers and normalized
numbers of English news articles, annotated by a Rust pipeline.

>>> import newsie
>>> record = newsie.extract("“We are hiring,” Andy Jassy said. Revenue grew 13%.")
>>> [(q.text, q.speaker.text) for q in record.quotes]
[('We are hiring,', 'Andy Jassy')]

Every offset is a code-point index into the ``str`` passed in, so
``text[s.start:s.end] == s.text`` for every span; ``byte_start`` and
``byte_end`` give the UTF-8 byte offsets of the JSON output contract.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Iterable, Optional, Union

from ._newsie import (
    SCHEMA_VERSION,
    Cue,
    Entity,
    ErrorDetail,
    PipeIterator,
    Pipeline,
    Quantity,
    Quote,
    Record,
    Sentence,
    Speaker,
    __version__,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "SCHEMA_VERSION",
    "Cue",
    "Entity",
    "ErrorDetail",
    "PipeIterator",
    "Pipeline",
    "Quantity",
    "Quote",
    "Record",
    "Sentence",
    "Speaker",
    "__version__",
    "default_pipeline",
    "extract",
    "to_frames",
]

_default: Optional[Pipeline] = None
# Two threads calling `extract` first at once must not both load the model.
_default_lock = threading.Lock()


def default_pipeline() -> Pipeline:
    """The pipeline ``extract`` uses: every stage, built on first use and
    shared by all threads afterwards."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Pipeline()
    return _default


def extract(text: str, id: Optional[Union[str, int]] = None) -> Record:
    """Annotates one text with the default pipeline (all stages).

    Offsets are code-point indices into ``text``. For many texts, build a
    ``Pipeline`` and use its ``pipe``: it works on several threads.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ValueError: ``text`` is larger than 16 MiB of UTF-8, or cannot be
            encoded as UTF-8.
    """
    return default_pipeline()(text, id)


def to_frames(records: Iterable[Record]) -> dict[str, pandas.DataFrame]:
    """One pandas DataFrame per list of the records: ``sentences``,
    ``entities``, ``quotes`` (speaker and cue flattened into columns),
    ``quantities``, and ``errors``; each row carries its record's ``id``.
    Needs pandas (``pip install pandas``)."""
    from .frames import to_frames as impl

    return impl(records)
