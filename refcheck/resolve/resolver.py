"""The resolve stage: fetch, for every reference, what Crossref (or the snapshot) knows.

For each :class:`~refcheck.model.Reference`, in input order, one
:class:`~refcheck.model.Lookup`, asked of a chain of sources (see
:mod:`refcheck.resolve.source`): the snapshot, when there is one, then Crossref.

* with a ``doi`` field: the first source that holds the DOI answers (the
  snapshot's record, else ``/works/{doi}``); when Crossref does not know the
  DOI, a bibliographic search on the reference text supplies candidates so the
  verdict stage can name the real work (``doi_not_found`` stays True). When the
  DOI's work is not the work the reference describes (a copy-paste slip: the
  caller's ``is_cited_work``, the judge's decision, says so), the reference is
  searched for too, and the search's candidates follow the DOI's own;
* without one: a search on the whole reference string, taken from the snapshot
  as is when its best hit is confident (``similarity >= CONFIDENT_SIMILARITY``),
  else from Crossref.

References are resolved concurrently (a thread pool as large as the allowed
concurrency), DOI look-ups first; the client's limiter keeps the pace. Nothing
here judges a match: that is the verdict stage's job (the one question asked of it, "is the
DOI's work the cited one?", is a pure function of the reference and the record).

>>> from refcheck.model import Reference
>>> from refcheck.options import Options
>>> ref = Reference("k", "article", {"doi": "10.1/x"}, "A. (2020). X.", 1)
>>> resolve_all([ref], Options(offline=True, cache=":memory:"))[0].error
'offline and not cached'
"""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..model import Candidate, Lookup, Reference, Venue
from ..normalize import normalize_doi
from ..options import Options
from .snapshot import Snapshot
from .source import CONFIDENT_SIMILARITY, Source

if TYPE_CHECKING:
    from .crossref import CrossrefClient

__all__ = ["resolve_all", "resolve_one", "resolved_messages"]

SEARCH_ROWS = 5

# A reference that, without its DOI or URLs, still has this many words of three letters or more
# describes a work that can be searched for (a bare "https://doi.org/10.1038/nm.4050" does not).
_WORDS_TO_SEARCH = 3
_LINK_RE = re.compile(r"\b(?:https?://|www\.|doi:\s*)\S*|\b10\.\d{4,9}/\S+", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")

Progress = Callable[[int, int], Any]
# "Is the DOI's work the one the reference describes?" is the judge's question; the caller passes
# its answer in, so this stage imports nothing from the stages after it.
CitedWork = Callable[[Reference, Sequence[Candidate]], bool]
# "Which venue's journal records would back a 'likely fabricated'?" is the judge's question too: the name
# to ask the sources about, or "" when the verdict needs none (a match, a book, a venue the curated table covers).
VenueToAsk = Callable[[Reference, Lookup], str]


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

    def venues(self, name: str) -> tuple[Venue, ...] | None:
        return self._get().venues(name)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def resolve_one(reference: Reference, sources: Sequence[Source], *, offline: bool = False,
                is_cited_work: CitedWork | None = None, venue_to_ask: VenueToAsk | None = None) -> Lookup:
    """Resolve one reference against ``sources``, nearest first (see the module docstring).

    ``offline``: the last source (Crossref) may only answer from its cache, so when
    it cannot answer a search, a nearer source's answer stands in for it.
    ``is_cited_work``: without it, a DOI's work is taken as the cited one (no search
    for another). ``venue_to_ask``: the venue whose journal records the verdict needs
    (:attr:`Lookup.venues`, the evidence that Crossref would hold the work); without it
    none are fetched. Never raises for network trouble.
    """
    found = _resolve(reference, sources, offline, is_cited_work)
    venue = venue_to_ask(reference, found) if venue_to_ask is not None and not found.error else ""
    if not venue:
        return found
    for source in sources:  # the nearest source that can say (a snapshot's journal lines, then Crossref)
        held = source.venues(venue)
        if held is not None:
            return replace(found, venues=held)
    return found


def _resolve(reference: Reference, sources: Sequence[Source], offline: bool,
             is_cited_work: CitedWork | None) -> Lookup:
    doi = normalize_doi(reference.get("doi"))
    link = reference.origin == "link"
    if link and not doi:
        return Lookup()  # a PubMed, PMC or arXiv link: no source here holds those
    if doi:
        for source in sources:
            found = source.lookup(doi)
            if found is None:  # not held here: ask the next source
                continue
            if not found.doi_not_found:
                # A link names its work: nothing else to find.
                if link or _is_cited_work(reference, found, is_cited_work):
                    return found
                return _with_search(reference, found, sources, offline)
            if link:  # a link's text ("a 2016 review") is no reference to search with: its DOI is all
                return Lookup(by_doi=True, doi_not_found=True, source=found.source)
            # The DOI does not exist: search for the work the reference describes.
            search = _search(reference.text, sources, offline)
            return Lookup(candidates=search.candidates, by_doi=True, doi_not_found=True, source=found.source)
        return Lookup(by_doi=True, error="no source holds this DOI")
    if not reference.text.strip():
        return Lookup(error="no DOI and no reference text to search")
    return _search(reference.text, sources, offline)


def _is_cited_work(reference: Reference, found: Lookup, is_cited_work: CitedWork | None) -> bool:
    """The DOI's work is the one the reference describes, or the text gives nothing else to search for."""
    if is_cited_work is None or not found.candidates:
        return True
    if len(_WORD_RE.findall(_LINK_RE.sub(" ", reference.text))) < _WORDS_TO_SEARCH:
        return True
    return is_cited_work(reference, found.candidates)


def _with_search(reference: Reference, found: Lookup, sources: Sequence[Source], offline: bool) -> Lookup:
    """The DOI's own work followed by what a search for the described work finds (a failed search adds nothing)."""
    search = _search(reference.text, sources, offline)
    if search.error:
        return found
    held = {normalize_doi(c.work.doi) for c in found.candidates}
    more: tuple[Candidate, ...] = tuple(c for c in search.candidates if normalize_doi(c.work.doi) not in held)
    return Lookup(candidates=found.candidates + more, by_doi=True, source=found.source)


def _search(text: str, sources: Sequence[Source], offline: bool) -> Lookup:
    if not text.strip() or not sources:
        return Lookup()
    nearer: list[Lookup] = []
    for source in sources[:-1]:
        local = source.search(text, rows=SEARCH_ROWS)
        if local.candidates and local.candidates[0].similarity >= CONFIDENT_SIMILARITY:
            return local
        nearer.append(local)
    found = sources[-1].search(text, rows=SEARCH_ROWS)
    if found.error and nearer and offline:
        # Offline, the snapshot stands in for Crossref: a snapshot written by
        # `refcheck snapshot` holds every candidate the online run saw, so its
        # nearest works reproduce that run's verdict (not found, unverifiable...).
        return max(nearer, key=_best_similarity)  # the first of equals
    return found


def _best_similarity(lookup: Lookup) -> float:
    return lookup.candidates[0].similarity if lookup.candidates else -1.0


def resolve_all(
    references: Sequence[Reference],
    options: Options,
    client: Source | None = None,
    progress: Progress | None = None,
    is_cited_work: CitedWork | None = None,
    venue_to_ask: VenueToAsk | None = None,
) -> list[Lookup]:
    """One :class:`Lookup` per reference, in the same order.

    ``client`` (the last source, asked after the snapshot) defaults to a new
    :class:`~refcheck.resolve.crossref.CrossrefClient` for ``options``, opened
    when first needed and closed afterwards; ``options.snapshot`` is loaded if
    set (a bad file raises :class:`~refcheck.errors.SnapshotError`).
    ``progress(done, total)`` is called after each reference, from worker threads.
    """
    snapshot = Snapshot.load(options.snapshot) if options.snapshot else None
    # A progress bar may offer its own sleep, to show rate-limit waits as they happen.
    sleep = getattr(progress, "sleep", None) or time.sleep
    own_client: _LazyClient | None = None
    if client is None:
        client = own_client = _LazyClient(options, sleep)
    # An empty snapshot holds nothing to ask, nor to stand in for Crossref offline.
    sources: list[Source] = [snapshot, client] if snapshot is not None and len(snapshot) else [client]
    total = len(references)
    results: list[Lookup | None] = [None] * total
    done = 0
    done_lock = threading.Lock()

    def work(index: int) -> None:
        nonlocal done
        try:
            results[index] = resolve_one(references[index], sources, offline=options.offline,
                                         is_cited_work=is_cited_work, venue_to_ask=venue_to_ask)
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
        if own_client is not None:
            own_client.close()
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
    for lookup in lookups:  # the journal records behind "likely fabricated", for offline runs
        for venue in lookup.venues:
            if venue.record:
                messages.append({"message-type": "journal", "message": dict(venue.record)})
    return messages
