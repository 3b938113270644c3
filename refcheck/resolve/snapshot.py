"""A snapshot: Crossref work records in a JSON-lines file, consulted before the network.

Each line is one ``message`` object of ``/works/{doi}`` (what
:func:`write_snapshot` writes from a run's resolved records). With
``--snapshot FILE`` refcheck answers from it first:

A :class:`Snapshot` is a :class:`~refcheck.resolve.source.Source`, the one
interface the resolver asks of every store of records:

* a DOI look-up is an exact match on the record's ``DOI`` (case-insensitive);
  a DOI the snapshot does not hold gives ``None``, so the next source is asked;
* a search scores every record against the whole reference string, the way
  Crossref's ``query.bibliographic`` does, and returns the top ``rows``;
* a line ``{"message-type": "journal", "message": {...}}`` holds one of Crossref's ``/journals``
  records (title, ISSNs, DOIs by issued year); ``venues(name)`` returns those named like ``name``,
  so an offline run has the same evidence for "likely fabricated" as the online one.

Search scores. ``Candidate.similarity`` is in [0, 1]: the rapidfuzz
``token_set_ratio`` of the folded reference string against the folded
"authors title container-title year volume pages" of the record, averaged
with the ``partial_ratio`` of the record's title inside the reference (a
reference string names the title almost verbatim, so a record whose title is
absent scores low however many common words it shares).
``Candidate.score`` is ``None``: Crossref's relevance score cannot be
reproduced locally, and a made-up number on its scale would mislead the
verdict stage, which must judge snapshot candidates by ``similarity``.

>>> snap = Snapshot([{"DOI": "10.1/ABC", "title": ["A tale of two receptors"]}])
>>> snap.lookup("10.1/abc").candidates[0].work.title
'A tale of two receptors'
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from rapidfuzz import fuzz

from ..document import write_atomic
from ..errors import SnapshotError
from ..model import Candidate, Lookup, Venue, Work
from ..normalize import fold, normalize_doi
from .records import venue_from_message, work_from_message
from .source import CONFIDENT_SIMILARITY  # a snapshot hit this similar is taken without asking Crossref

__all__ = ["Snapshot", "write_snapshot", "CONFIDENT_SIMILARITY"]


def _search_text(work: Work) -> str:
    authors = " ".join(f"{a.given} {a.family}" for a in work.authors)
    parts = [authors, work.title, work.subtitle, work.container, str(work.year or ""),
             work.volume, work.issue, work.pages]
    return fold(" ".join(p for p in parts if p))


class Snapshot:
    """Work records held in memory, indexed by DOI.

    ``Snapshot.load(path)`` reads a JSON-lines file; ``Snapshot(messages)``
    builds one from ``message`` dicts.
    """

    def __init__(self, messages: Iterable[Mapping[str, Any]] = (), path: str | None = None) -> None:
        self.path = path
        self._works: dict[str, Work] = {}
        self._texts: dict[str, tuple[str, str]] = {}
        self._venues: list[Venue] = []
        for message in messages:
            if message.get("message-type") == "journal" and isinstance(message.get("message"), Mapping):
                self.add_venue(message["message"])
            else:
                self.add(message)

    def add_venue(self, message: Mapping[str, Any]) -> None:
        """Hold one of Crossref's ``/journals`` records."""
        venue = venue_from_message(message, source="snapshot")
        if not venue.title:
            raise SnapshotError("a snapshot journal record has no title")
        self._venues.append(venue)

    def venues(self, name: str) -> tuple[Venue, ...] | None:
        """The journal records whose folded title shares a word of 4+ letters with ``name``; None if none.

        A loose filter: which of them is the cited journal is the judge's decision.
        """
        words = {w for w in fold(name).split() if len(w) >= 4} or set(fold(name).split())
        held = tuple(v for v in self._venues if words & set(fold(v.title).split()))
        return held or None

    def add(self, message: Mapping[str, Any]) -> None:
        work = work_from_message(message)
        key = normalize_doi(work.doi)
        if not key:
            raise SnapshotError("a snapshot record has no DOI")
        self._works[key] = work
        self._texts[key] = (_search_text(work), fold(" ".join(p for p in (work.title, work.subtitle) if p)))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "Snapshot":
        """Read a snapshot file; a bad line raises :class:`SnapshotError` naming it."""
        path = Path(path)
        try:
            handle = path.open(encoding="utf-8")
        except OSError as exc:
            raise SnapshotError(f"cannot read snapshot {path}: {exc.strerror or exc}") from exc
        snapshot = cls(path=str(path))
        with handle:
            try:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        message = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise SnapshotError(f"{path}, line {number}: not valid JSON ({exc.msg})") from None
                    if not isinstance(message, dict):
                        raise SnapshotError(f"{path}, line {number}: expected a Crossref work record (a JSON object)")
                    if message.get("message-type") == "journal" and isinstance(message.get("message"), dict):
                        snapshot.add_venue(message["message"])  # one of Crossref's /journals records
                        continue
                    if isinstance(message.get("message"), dict) and "DOI" not in message:
                        message = message["message"]  # a whole /works/{doi} response: take its record
                    if not message.get("DOI"):
                        raise SnapshotError(f"{path}, line {number}: the record has no DOI")
                    snapshot.add(message)
            except UnicodeDecodeError as exc:
                raise SnapshotError(f"{path}: not UTF-8 text ({exc.reason})") from None
        return snapshot

    def __len__(self) -> int:
        return len(self._works)

    def __contains__(self, doi: object) -> bool:
        return isinstance(doi, str) and normalize_doi(doi) in self._works

    def messages(self) -> list[dict[str, Any]]:
        """Work records, then journal records as ``{"message-type": "journal", "message": ...}``."""
        return [dict(work.record) for work in self._works.values()] + [
            {"message-type": "journal", "message": dict(venue.record)} for venue in self._venues]

    def lookup(self, doi: str) -> Lookup | None:
        """The record with this DOI, or ``None`` if the snapshot does not hold it.

        A miss is not "DOI not found": the snapshot is not all of Crossref, so the
        resolver asks the next source (see :mod:`refcheck.resolve.source`).
        """
        work = self._works.get(normalize_doi(doi))
        if work is None:
            return None
        return Lookup(candidates=(Candidate(work, similarity=1.0, source="snapshot"),), by_doi=True, source="snapshot")

    def search(self, query: str, rows: int = 5) -> Lookup:
        """The ``rows`` records most similar to a whole reference string, best first."""
        folded = fold(query)
        if not folded:
            return Lookup(source="snapshot")
        scored = []
        for key, (text, title) in self._texts.items():
            similarity = similarity_to_record(folded, text, title)
            scored.append((similarity, key))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        candidates = tuple(
            Candidate(self._works[key], score=None, similarity=similarity, source="snapshot")
            for similarity, key in scored[: max(0, rows)]
        )
        return Lookup(candidates=candidates, source="snapshot")


def similarity_to_record(folded_query: str, record_text: str, folded_title: str) -> float:
    """Similarity in [0, 1] of a folded reference string to a record (see the module docstring)."""
    overall = fuzz.token_set_ratio(folded_query, record_text) / 100.0
    if not folded_title:
        return round(overall * 0.5, 4)
    title = fuzz.partial_ratio(folded_title, folded_query) / 100.0 if len(folded_title) <= len(folded_query) else (
        fuzz.ratio(folded_title, folded_query) / 100.0
    )
    return round((overall + title) / 2.0, 4)


def write_snapshot(path: str | os.PathLike[str], messages: Iterable[Mapping[str, Any]]) -> int:
    """Write records as JSON lines, atomically (temporary file, then rename); return the count.

    Records are de-duplicated by DOI, first one kept.
    """
    path = Path(path)
    seen: set[str] = set()
    lines = []
    for message in messages:
        if message.get("message-type") == "journal":  # a /journals record: kept once per title
            key = "journal:" + fold(str(message.get("message", {}).get("title", "")))
            if key not in seen:
                seen.add(key)
                lines.append(json.dumps(dict(message), ensure_ascii=False, sort_keys=True))
            continue
        key = normalize_doi(str(message.get("DOI", "")))
        if not key or key in seen:
            continue
        seen.add(key)
        lines.append(json.dumps(dict(message), ensure_ascii=False, sort_keys=True))
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise SnapshotError(f"cannot write snapshot {path}: {exc.strerror or exc}") from exc
    return len(lines)
