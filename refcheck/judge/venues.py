"""Would Crossref hold this work if it existed? Positive evidence before "likely fabricated".

An article that no Crossref record matches is only *likely fabricated* when its venue registers
DOIs with Crossref for the year cited. Otherwise (arXiv, ICLR, NeurIPS before 2022, a journal
Crossref does not know) a miss says nothing about the work, and the verdict is ``unverifiable``.

The evidence, in order:

1. the curated table ``references/venues.csv`` (shipped as ``refcheck.references``): venues checked by
   hand, with the first year they are known to register DOIs with Crossref, or ``no`` — it answers
   offline and for venues ``/journals`` cannot (conference series, preprint servers);
2. Crossref's own journal records (``/journals?query=...``, or a snapshot's ``message-type: journal``
   lines), fetched by the resolve stage into :attr:`~refcheck.model.Lookup.venues`: a journal of the
   cited name with DOIs issued in the cited year (or the year either side: online-first papers).

:func:`venue_evidence` is a pure function (decide, then do): the table is data, read once.

>>> venue_evidence("Biological Psychiatry", 2017, ()).registers
True
>>> venue_evidence("International Conference on Learning Representations", 2015, ()).registers
False
>>> venue_evidence("Journal of Obscure Studies", 2019, ()).registers is None
True
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

from ..model import ARTICLE_TYPES, Lookup, Reference, Venue
from .journals import abbreviates, journal_words, same_journal

__all__ = ["VenueEvidence", "VenueRow", "cited_venue", "cited_year", "load_venue_table", "table_row",
           "venue_evidence", "venue_to_ask"]

_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# "arXiv preprint arXiv:1412.6980", "CoRR abs/1706.03762": the server's name, then the paper's identifier.
_PREPRINT_ID_RE = re.compile(r"[\s,]+(?:preprint\b.*|e-?print\b.*|arxiv:\s*\S+.*|abs/\S+.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class VenueRow:
    """One row of ``references/venues.csv`` (see references/README.md)."""

    venue: str
    aliases: tuple[str, ...]
    issns: tuple[str, ...]
    registers: bool
    since: int | None  # registers DOIs for works issued this year and later (None: every year it has)
    evidence: str
    checked: str

    def names(self) -> tuple[str, ...]:
        return (self.venue, *self.aliases)


@dataclass(frozen=True)
class VenueEvidence:
    """Whether Crossref would hold a paper of ``venue`` issued in ``year``.

    ``registers``: True (evidence that it would), False (evidence that it would not), None (no evidence).
    ``basis`` says where the answer comes from, for the report's reason.
    """

    venue: str
    year: int | None
    registers: bool | None
    basis: str


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def read_venue_table(path: str | Path) -> tuple[VenueRow, ...]:
    """Parse a venues table; a malformed row raises ``ValueError`` naming its line."""
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), 2):
            registers = (row.get("registers") or "").strip().lower()
            since = (row.get("since") or "").strip()
            venue = (row.get("venue") or "").strip()
            if registers not in ("yes", "no") or (since and not since.isdigit()) or not venue:
                raise ValueError(f"{path}, line {number}: venue, registers (yes/no) and since (a year) are required")
            rows.append(VenueRow(
                venue=venue, aliases=_split(row.get("aliases") or ""),
                issns=_split(row.get("issn") or ""), registers=registers == "yes",
                since=int(since) if since else None, evidence=(row.get("evidence") or "").strip(),
                checked=(row.get("checked") or "").strip(),
            ))
    return tuple(rows)


@lru_cache(maxsize=1)
def load_venue_table() -> tuple[VenueRow, ...]:
    """The shipped table, read once per process."""
    return read_venue_table(Path(str(resources.files("refcheck.references") / "venues.csv")))


def table_row(venue: str, table: Sequence[VenueRow] | None = None) -> VenueRow | None:
    """The table's row for a cited venue name (full name, alias or abbreviation), or None."""
    venue = _PREPRINT_ID_RE.sub("", venue.strip())
    if not venue:
        return None
    cited = journal_words(venue)
    if not cited:
        return None
    index = _name_index(load_venue_table() if table is None else tuple(table))
    for row, words in index.get((len(cited), cited[0][0]), ()):
        # Word for word or abbreviated, never "a typo away": Phys. Rev. D is not Phys. Rev. B.
        if cited == words or abbreviates(cited, words):
            return row
    return None


@lru_cache(maxsize=4)
def _name_index(table: tuple[VenueRow, ...]) -> dict[tuple[int, str], list[tuple[VenueRow, list[str]]]]:
    """The rows' names as counted words, by (word count, first letter): an abbreviation keeps both."""
    index: dict[tuple[int, str], list[tuple[VenueRow, list[str]]]] = {}
    for row in table:
        for name in row.names():
            words = journal_words(name)
            if words:
                index.setdefault((len(words), words[0][0]), []).append((row, words))
    return index


def cited_venue(reference: Reference) -> str:
    """The journal or proceedings the reference names ("" when the parser found none)."""
    return (reference.get("journal") or reference.get("booktitle")).strip()


def cited_year(reference: Reference) -> int | None:
    match = _YEAR_RE.search(reference.get("year"))
    return int(match.group(1)) if match else None


def venue_evidence(venue: str, year: int | None, crossref_venues: Sequence[Venue],
                   table: Sequence[VenueRow] | None = None) -> VenueEvidence:
    """Does ``venue`` register DOIs with Crossref for ``year``? (see the module docstring)."""
    row = table_row(venue, table)
    if row is not None:
        where = f"references/venues.csv ({row.evidence})" if row.evidence else "references/venues.csv"
        if not row.registers:
            return VenueEvidence(venue, year, False, f"{row.venue} does not register its papers with Crossref; {where}")
        if row.since is not None and year is not None and year < row.since:
            return VenueEvidence(venue, year, False,
                                 f"{row.venue} registers DOIs with Crossref only from {row.since}; {where}")
        return VenueEvidence(venue, year, True, f"{row.venue} registers DOIs with Crossref; {where}")
    for journal in crossref_venues:
        if not journal.title or not same_journal(venue, journal.title):
            continue
        if year is None:
            if journal.total_dois > 0:
                return VenueEvidence(venue, year, True,
                                     f"Crossref lists {journal.total_dois} DOIs of {journal.title}")
            continue
        near = sum(journal.dois_in(y) for y in (year - 1, year, year + 1))
        if near > 0:
            return VenueEvidence(venue, year, True,
                                 f"Crossref lists {near} DOIs of {journal.title} issued in {year - 1}-{year + 1}")
    return VenueEvidence(venue, year, None, "")


def venue_to_ask(reference: Reference, lookup: Lookup) -> str:
    """The venue whose Crossref journal records the verdict on ``reference`` needs, or "".

    Only an article that no candidate matches can be called likely fabricated, and only a venue the
    curated table does not cover needs Crossref's word — so most references cost no request.
    """
    if reference.origin == "link" or reference.entry_type not in ARTICLE_TYPES:
        return ""
    venue = cited_venue(reference)
    if not venue or table_row(venue) is not None:
        return ""
    from .match import choose_match  # match imports nothing of this module; kept local all the same

    return venue if choose_match(reference, lookup.candidates).outcome == "none" else ""


def evidence_for(reference: Reference, crossref_venues: Sequence[Venue]) -> VenueEvidence:
    """:func:`venue_evidence` for what the reference cites."""
    return venue_evidence(cited_venue(reference), cited_year(reference), crossref_venues)
