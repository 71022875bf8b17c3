"""A spaCy component that adds newsie's annotations to a ``Doc``.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> nlp.add_pipe("newsie")  # found through the spacy_factories entry point

Entities go to ``doc.ents`` (labels PER, ORG, LOC, MISC); quotes, their
speakers and quantities to ``doc.spans`` (keys ``newsie_quotes``,
``newsie_speakers``, ``newsie_quantities``; a quote's label is its kind,
``direct`` or ``indirect``, a quantity's its kind, ``money``...); the whole
``newsie.Record`` to ``doc._.newsie``.

newsie's spans are character spans and need not fall on spaCy's token
boundaries: ``alignment_mode`` says how they are snapped, ``"expand"``
(default: to the tokens that overlap them) or ``"contract"`` (to the tokens
inside them; a span with none is dropped). Nothing is dropped silently: the
number of spans that could not be aligned, and of entities left out of
``doc.ents`` because snapping made them overlap, is logged as a warning on
the ``newsie`` logger. ``spans_prefix=""`` gives the keys ``quotes``,
``speakers`` and ``quantities``; ``quotes="wide"`` the wider scope of
attribution. Importing this module needs spaCy (``pip install spacy``).
"""

from __future__ import annotations

import logging
from itertools import islice
from typing import Callable, Iterable, Iterator, List, Optional, Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ._newsie import Pipeline, Record

__all__ = ["NewsieComponent", "make_component"]

ALIGNMENT_MODES = ("expand", "contract")

logger = logging.getLogger("newsie")


class _Located(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_Item = TypeVar("_Item", bound=_Located)


class NewsieComponent:
    """The ``newsie`` pipe: see the module's documentation."""

    def __init__(
        self,
        name: str = "newsie",
        only: Optional[List[str]] = None,
        alignment_mode: str = "expand",
        spans_prefix: str = "newsie_",
        max_doc_mb: float = 16.0,
        quotes: str = "speech",
    ) -> None:
        if alignment_mode not in ALIGNMENT_MODES:
            raise ValueError(
                f"alignment_mode must be one of {ALIGNMENT_MODES}, not {alignment_mode!r}"
            )
        self.name = name
        self.alignment_mode = alignment_mode
        self.spans_prefix = spans_prefix
        self.pipeline = Pipeline(only, quotes=quotes, max_doc_mb=max_doc_mb)
        # force=True: a second component (or a reloaded module) must not
        # fail on an extension the first one set.
        Doc.set_extension("newsie", default=None, force=True)

    def __repr__(self) -> str:
        return (
            f"NewsieComponent(name={self.name!r}, alignment_mode={self.alignment_mode!r}, "
            f"spans_prefix={self.spans_prefix!r}, pipeline={self.pipeline!r})"
        )

    def _span(self, doc: Doc, start: int, end: int, label: str) -> Optional[Span]:
        return doc.char_span(start, end, label=label, alignment_mode=self.alignment_mode)

    def _spans(
        self,
        doc: Doc,
        items: Iterable[_Item],
        label_of: Callable[[_Item], str],
        dropped: List[int],
    ) -> List[Span]:
        spans = [self._span(doc, i.start, i.end, label_of(i)) for i in items]
        kept = [s for s in spans if s is not None]
        dropped[0] += len(spans) - len(kept)
        return kept

    def annotate(self, doc: Doc, record: Record) -> Doc:
        """Writes ``record`` (of ``doc.text``) onto ``doc``."""
        doc._.newsie = record
        if record.error is not None:
            return doc
        unaligned = [0]
        ents = self._spans(doc, record.entities, lambda e: e.label, unaligned)
        # Snapping can make neighbours overlap (two names inside one
        # token); doc.ents allows no overlap, so keep the longest.
        doc.ents = filter_spans(ents)
        overlapping = len(ents) - len(doc.ents)
        prefix = self.spans_prefix
        doc.spans[prefix + "quotes"] = self._spans(doc, record.quotes, lambda q: q.kind, unaligned)
        speakers = [q.speaker for q in record.quotes if q.speaker is not None]
        doc.spans[prefix + "speakers"] = self._spans(doc, speakers, lambda s: s.kind, unaligned)
        doc.spans[prefix + "quantities"] = self._spans(
            doc, record.quantities, lambda q: q.kind, unaligned
        )
        if unaligned[0] or overlapping:
            logger.warning(
                "document %r: %d newsie span(s) could not be aligned to spaCy's tokens "
                "(alignment_mode=%r), %d entit(ies) left out of doc.ents as overlapping; "
                "all are in doc._.newsie",
                record.id,
                unaligned[0],
                self.alignment_mode,
                overlapping,
            )
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self.annotate(doc, self.pipeline(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """What ``nlp.pipe`` calls: annotates a batch on newsie's threads."""
        docs = iter(docs)
        while True:
            batch = list(islice(docs, batch_size))
            if not batch:
                return
            records = self.pipeline.pipe([d.text for d in batch], batch_size=batch_size)
            for doc, record in zip(batch, records):
                yield self.annotate(doc, record)


@Language.factory(
    "newsie",
    default_config={
        "only": None,
        "alignment_mode": "expand",
        "spans_prefix": "newsie_",
        "max_doc_mb": 16.0,
        "quotes": "speech",
    },
)
def make_component(
    nlp: Language,
    name: str,
    only: Optional[List[str]],
    alignment_mode: str,
    spans_prefix: str,
    max_doc_mb: float,
    quotes: str,
) -> NewsieComponent:
    """The factory ``nlp.add_pipe("newsie", config={...})`` calls."""
    return NewsieComponent(name, only, alignment_mode, spans_prefix, max_doc_mb, quotes)
