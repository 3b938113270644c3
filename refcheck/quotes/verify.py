"""Check found quotations against the curated table; record the unknown ones.

Deciding is pure (a found quotation + the table → a :class:`QuoteResult`);
only :func:`record_quotes` touches files.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import cast

from nameparser import HumanName
from rapidfuzz import fuzz

from ..model import QuoteResult, QuoteStatus, Severity
from ..normalize import fold
from .find import FoundQuote, find_quotations
from .table import (
    MATCH_CUTOFF,
    Match,
    QuoteEntry,
    QuoteTable,
    append_rows,
    load_table,
    new_ids,
)

#: Below this similarity a "genuine" row's wording is only paraphrased by the draft.
GENUINE_WORDING = 90.0
#: Looser similarity accepted when the row is pinned on the same person: the
#: draft rewords a line the table knows ("That which does not kill us...").
SAME_PERSON_CUTOFF = 72.0

SEVERITY: dict[QuoteStatus, Severity] = {
    "misattributed": "error",
    "attribution_mismatch": "error",
    "paraphrase": "warning",
    "disputed": "warning",
    "unverified": "warning",
    "genuine": "info",
}

# Honorifics nameparser does not know; they are not given names.
_EXTRA_TITLES = {"mahatma", "saint", "st", "emeritus"}
_TITLES = {"dr", "prof", "professor", "sir", "dame", "lord", "lady", "mr", "mrs", "ms", "mx", "rev", "reverend",
           "doctor", "president", "senator", "general", "captain", "the"}


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "md", "phd", "frs", "dphil"}
_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "des", "la", "le", "ter", "ten",
              "bin", "ibn", "al", "el"}


@lru_cache(maxsize=8192)
def _parts(name: str) -> tuple[tuple[str, ...], str]:
    """(folded given names, folded surname) of a personal name."""
    if "," in name:  # "Zarate, Carlos A." or "Zarate, Jr." — let nameparser sort it out
        human = HumanName(name)
        words = [human.first, *human.middle_list, human.last]
    else:  # natural order: a plain split is enough and much faster than nameparser
        words = name.split()
    # keep hyphenated surnames whole: "Carhart-Harris" is not "Harris"
    words = [w for w in (fold(w.replace("-", "")) for w in words) if w]
    while words and (words[0] in _TITLES or words[0] in _EXTRA_TITLES):
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    if not words:
        return (), ""
    # a single name ("Hippocrates", "Jung") is a surname; particles join the surname
    cut = len(words) - 1
    while cut > 0 and words[cut - 1] in _PARTICLES:
        cut -= 1
    return tuple(words[:cut]), " ".join(words[cut:])


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:  # an initial: "C. G. Jung" = "Carl Jung"
        return x[0] == y[0]
    return False


def same_person(a: str, b: str) -> bool:
    """Whether two spellings name the same person (loosely).

    >>> same_person("Dr. Carlos Zarate", "Carlos A. Zarate Jr.")
    True
    >>> same_person("Jung", "C. G. Jung"), same_person("Carl Jung", "Sigmund Freud")
    (True, False)
    """
    given_a, sur_a = _parts(a)
    given_b, sur_b = _parts(b)
    if not sur_a or not sur_b:
        return False
    # "van der Kolk" = "Kolk"; "Carhart-Harris" must match whole
    if sur_a != sur_b and sur_a.split()[-1] != sur_b.split()[-1]:
        return False
    return _given_compatible(given_a, given_b)


def _names_match(person: str, entry: QuoteEntry) -> bool:
    return any(same_person(person, name) for name in entry.names)


def _mentions(source: str, person: str) -> bool:
    """Whether the row's actual source names ``person`` (by surname)."""
    _, surname = _parts(person)
    return bool(surname) and f" {surname} " in f" {fold(source)} "


def _result(found: FoundQuote, status: QuoteStatus, match: Match | None = None, source: str = "") -> QuoteResult:
    entry = match.entry if match else None
    return QuoteResult(
        line=found.line,
        text=found.text,
        attributed_to=found.person,
        status=status,
        table_id=entry.id if entry else None,
        actual_source=source or (entry.actual_source if entry else ""),
        evidence=entry.evidence if entry else "",
        severity=SEVERITY[status],
        raw=found.raw,
    )


def check_quote(found: FoundQuote, table: QuoteTable) -> QuoteResult:
    """The verdict for one found quotation.

    >>> from refcheck.quotes.table import QuoteEntry, QuoteTable
    >>> table = QuoteTable([QuoteEntry("jung", "Who looks outside, dreams", "Carl Jung", "genuine",
    ...                                "C. G. Jung, letter, 1916", "https://example.org")])
    >>> check_quote(FoundQuote(3, "Who looks outside, dreams", "Sigmund Freud", ""), table).status
    'attribution_mismatch'
    """
    matches = table.lookup(found.text, cutoff=SAME_PERSON_CUTOFF)
    own = [m for m in matches if _names_match(found.person, m.entry)]
    matches = [m for m in matches if m.score >= MATCH_CUTOFF]
    if not own and not matches:
        return _result(found, "unverified")
    if own:
        best = own[0]
        verdict = cast(QuoteStatus, best.entry.verdict)  # the table admits only its VERDICTS
        if verdict == "genuine" and best.score < GENUINE_WORDING and not best.partial:
            return _result(found, "paraphrase", best)
        return _result(found, verdict, best)
    # The wording is known under someone else. Credit the draft when it names the
    # row's actual source (Evelyn Beatrice Hall for the "Voltaire" line).
    for m in matches:
        if m.entry.actual_source and _mentions(m.entry.actual_source, found.person):
            return _result(found, "genuine", m)
    best = matches[0]
    known_as = best.entry.actual_source if best.entry.verdict != "genuine" else ""
    source = known_as or f"{best.entry.attributed_to}: {best.entry.actual_source}".rstrip(": ")
    return _result(found, "attribution_mismatch", best, source)


def check_quotes(body: str, table: QuoteTable | None = None) -> list[QuoteResult]:
    """Find the attributed quotations in ``body`` and check each against the table.

    >>> [(r.attributed_to, r.status, r.severity) for r in check_quotes(
    ...     'This reflects the timeless wisdom of Hippocrates: "Cure sometimes, treat often, comfort always."')]
    [('Hippocrates', 'misattributed', 'error')]
    """
    table = table if table is not None else load_table()
    return [check_quote(found, table) for found in find_quotations(body)]


def _document_body(path: str | os.PathLike[str]) -> str:
    from ..extract import extract_file

    return extract_file(path).body


def record_quotes(path: str | os.PathLike[str], table_path: str | os.PathLike[str]) -> int:
    """Append every attributed quotation of a document that the table lacks, as ``unverified``.

    Existing rows are never rewritten or reordered (raw bytes are appended), and
    a quotation whose wording the table already knows is skipped, so running
    twice adds nothing. Returns the number of rows added.
    """
    table_file = Path(table_path)
    table = load_table(table_file) if table_file.exists() and table_file.stat().st_size else QuoteTable([])
    body = _document_body(path)
    today = date.today().isoformat()
    rows: list[dict[str, str]] = []
    added: list[str] = []
    for found in find_quotations(body):
        if table.lookup(found.text):
            continue
        folded = fold(found.text)
        if any(fuzz.ratio(folded, other) >= MATCH_CUTOFF for other in added):
            continue  # the same quotation twice in one document
        added.append(folded)
        rows.append({
            "quote": found.text,
            "attributed_to": found.person,
            "verdict": "unverified",
            "notes": f"recorded by refcheck from {Path(path).name}, line {found.line}; source not yet checked",
            "checked": today,
        })
    for row, rid in zip(rows, new_ids(table.ids, len(rows)), strict=True):
        row["id"] = rid
    if rows:
        append_rows(table_file, rows)
    return len(rows)
