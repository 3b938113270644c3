"""The resolve stage: for every reference, what Crossref (or a snapshot) knows.

The package's modules, from the resolver inwards:

* ``resolver`` — :func:`resolve_all` / :func:`resolve_one`: a chain of sources, the snapshot first,
  then Crossref;
* ``source`` — :class:`Source`, the one interface (``lookup``, ``search``) every source offers;
* ``snapshot`` — :class:`Snapshot`, Crossref records in a JSON-lines file, and :func:`write_snapshot`;
* ``crossref`` — the Crossref client, the only module that imports habanero and requests-cache
  (imported only when a reference needs the network);
* ``policy`` (what to retry, cache and wait for), ``ratelimit``, ``breaker`` — its decisions;
* ``records`` — a Crossref ``message`` to a :class:`~refcheck.model.Work`;
* ``cache`` — where the cache file is, its size, removing it (``refcheck cache``), without requests-cache.

Other stages use only the names below; everything else here may change.
"""

from __future__ import annotations

from .resolver import resolve_all, resolve_one, resolved_messages
from .snapshot import Snapshot, write_snapshot
from .source import Source

__all__ = ["resolve_all", "resolve_one", "resolved_messages", "Snapshot", "Source", "write_snapshot"]
