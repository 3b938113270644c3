"""The resolve stage: fetch, for every reference, what Crossref (or the snapshot) knows.

For each :class:`~refcheck.model.Reference`, in input order, one
:class:`~refcheck.model.Lookup`:

* with a ``doi`` field: the snapshot's record, else ``/works/{doi}``; when
  Crossref does not know the DOI, a bibliographic search on the reference text
  supplies candidates so the verdict stage can name the real work
  (``doi_not_found`` stays True);
* without one: a snapshot search, taken as is when its best hit is confident
  (``similarity >= CONFIDENT_SIMILARITY``), else a Crossref search on the whole
  reference string.

References are resolved concurrently (a thread pool as large as the allowed
concurrency), DOI look-ups first; the client's limiter keeps the pace. Nothing
here judges a match: that is the verdict stage's job.

>>> from refcheck.model import Reference
>>> from refcheck.options import Options
>>> ref = Reference("k", "article", {"doi": "10.1/x"}, "A. (2020). X.", 1)
>>> resolve_all([ref], Options(offline=True, cache=":memory:"))[0].error
'offline and not cached'
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..model import Lookup, Reference
from ..normalize import normalize_doi
from ..options import Options
from .snapshot import CONFIDENT_SIMILARITY, Snapshot

if TYPE_CHECKING:
    from .crossref import CrossrefClient

__all__ = ["resolve_all", "resolve_one", "resolved_messages"]

SEARCH_ROWS = 5

Progress = Callable[[int, int], Any]


class _LazyClient:
    """Opens the Crossref client only when a reference needs it.

    Importing habanero and requests-cache and opening the SQLite cache cost more
    than a whole snapshot-only run (the pre-commit hook's usual case).
    """

    def __init__(self, options: Options, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self._sleep = sleep
        self._client: CrossrefClient | None = None
        self._lock = threading.Lock()

    def _get(self) -> "CrossrefClient":
        with self._lock:
            if self._client is None:
                from .crossref import CrossrefClient

                self._client = CrossrefClient(self.options, sleep=self._sleep)
            return self._client

    def lookup(self, doi: str) -> Lookup:
        return self._get().lookup(doi)

    def search(self, query: str, rows: int = 5) -> Lookup:
        return self._get().search(query, rows=rows)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def resolve_one(reference: Reference, client: "CrossrefClient | _LazyClient", snapshot: Snapshot | None = None) -> Lookup:
    """Resolve one reference (see the module docstring). Never raises for network trouble."""
    doi = normalize_doi(reference.get("doi"))
    if doi:
        if snapshot is not None:
            hit = snapshot.lookup(doi)
            if hit is not None:
                return hit
        found = client.lookup(doi)
        if not found.doi_not_found:
            return found
        # The DOI does not exist: search for the work the reference describes.
        search = _search(reference.text, client, snapshot)
        return Lookup(candidates=search.candidates, by_doi=True, doi_not_found=True, source=found.source)
    if not reference.text.strip():
        return Lookup(error="no DOI and no reference text to search")
    return _search(reference.text, client, snapshot)


def _search(text: str, client: "CrossrefClient | _LazyClient", snapshot: Snapshot | None) -> Lookup:
    if not text.strip():
        return Lookup()
    local: Lookup | None = None
    if snapshot is not None and len(snapshot):
        local = snapshot.search(text, rows=SEARCH_ROWS)
        if local.candidates and local.candidates[0].similarity >= CONFIDENT_SIMILARITY:
            return local
    found = client.search(text, rows=SEARCH_ROWS)
    if found.error and local is not None and client.options.offline:
        # Offline, the snapshot stands in for Crossref: a snapshot written by
        # `refcheck snapshot` holds every candidate the online run saw, so its
        # nearest works reproduce that run's verdict (not found, unverifiable...).
        return local
    return found


def resolve_all(
    references: Sequence[Reference],
    options: Options,
    client: "CrossrefClient | None" = None,
    progress: Progress | None = None,
) -> list[Lookup]:
    """One :class:`Lookup` per reference, in the same order.

    ``client`` defaults to a new :class:`CrossrefClient` for ``options`` (closed
    afterwards); ``options.snapshot`` is loaded if set (a bad file raises
    :class:`~refcheck.errors.SnapshotError`). ``progress(done, total)`` is
    called after each reference, from worker threads.
    """
    snapshot = Snapshot.load(options.snapshot) if options.snapshot else None
    own_client = client is None
    # A progress bar may offer its own sleep, to show rate-limit waits as they happen.
    sleep = getattr(progress, "sleep", None) or time.sleep
    active: CrossrefClient | _LazyClient = client if client is not None else _LazyClient(options, sleep)
    total = len(references)
    results: list[Lookup | None] = [None] * total
    done = 0
    done_lock = threading.Lock()

    def work(index: int) -> None:
        nonlocal done
        try:
            results[index] = resolve_one(references[index], active, snapshot)
        except Exception as exc:  # a bug must not end the run: this reference becomes unresolved
            results[index] = Lookup(error=f"internal error: {type(exc).__name__}: {exc}")
        if progress is not None:
            with done_lock:
                done += 1
                count = done
            progress(count, total)

    # DOI look-ups first: they are cheap (10/s) and the verdicts they give arrive early.
    order = sorted(range(total), key=lambda i: 0 if normalize_doi(references[i].get("doi")) else 1)
    try:
        workers = max(1, min(options.effective_concurrency, total))
        if workers == 1:
            for index in order:
                work(index)
        else:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="refcheck-resolve") as pool:
                list(pool.map(work, order))
    finally:
        if own_client:
            active.close()
    return [r if r is not None else Lookup(error="not resolved") for r in results]


def resolved_messages(lookups: Sequence[Lookup]) -> list[dict[str, Any]]:
    """The Crossref records behind these look-ups, de-duplicated by DOI (for ``refcheck snapshot``).

    Every candidate's record is kept, not only the best, so a later run
    against the snapshot can search among the same works.
    """
    seen: set[str] = set()
    messages: list[dict[str, Any]] = []
    for lookup in lookups:
        for candidate in lookup.candidates:
            record = candidate.work.record
            doi = normalize_doi(str(record.get("DOI", ""))) if record else ""
            if not doi or doi in seen:
                continue
            seen.add(doi)
            messages.append({k: v for k, v in record.items() if k != "score"})
    return messages
