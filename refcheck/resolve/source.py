"""The one interface every source of Crossref records offers the resolver.

A source is anything with ``lookup`` and ``search``: :class:`~refcheck.resolve.snapshot.Snapshot`
(records in a file) and :class:`~refcheck.resolve.crossref.CrossrefClient` (the network, through
the cache) today; a local index tomorrow. The resolver chains them, nearest first, and knows none
of their insides — the way requests-cache's session holds any ``BaseCache`` backend.

What the resolver relies on:

* ``lookup(doi)`` returns ``None`` when the source does not hold that DOI, and the next source is
  asked (like ``BaseCache.get_response`` on a miss). ``None`` is not "DOI not found": a snapshot is
  not all of Crossref. Only a source that speaks for all of Crossref answers a ``Lookup`` with
  ``doi_not_found=True``, and a source that could not answer returns a ``Lookup`` with ``error`` set;
  a source never raises for such trouble.
* ``search(query, rows)`` returns the ``rows`` works most like a whole reference string, best first,
  each with ``Candidate.similarity`` in [0, 1]. A search answer from any source but the last is taken
  without asking the later ones when its best candidate reaches :data:`CONFIDENT_SIMILARITY`.
* ``venues(name)`` returns the journals this source holds that are named like ``name`` (Crossref's
  ``/journals`` records: title, ISSNs, DOIs by issued year), or ``None`` when it cannot say; the next
  source is then asked. Asked only for a reference no record matched: it is the evidence that Crossref
  would hold the work (see :mod:`refcheck.judge.venues`).

>>> from refcheck.resolve.snapshot import Snapshot
>>> isinstance(Snapshot(), Source)
True
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..model import Lookup, Venue

__all__ = ["Source", "CONFIDENT_SIMILARITY"]

# A search hit from a nearer source this similar is taken without asking the next one.
CONFIDENT_SIMILARITY = 0.9


@runtime_checkable
class Source(Protocol):
    """Where the resolver asks for Crossref records (see the module docstring)."""

    def lookup(self, doi: str) -> Lookup | None:
        """The work with this DOI; ``None`` when this source does not hold it."""
        ...

    def search(self, query: str, rows: int = 5) -> Lookup:
        """The ``rows`` works most like a whole reference string, best first."""
        ...

    def venues(self, name: str) -> tuple[Venue, ...] | None:
        """The journals named like ``name`` this source knows; ``None`` when it cannot say."""
        ...
