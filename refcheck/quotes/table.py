"""The curated quotes table: load, validate, index, append.

The table is a UTF-8 CSV (``references/quotes.csv``, shipped as
``refcheck.references``), one row per circulated quotation. Loading checks
every row and raises :class:`~refcheck.errors.QuotesTableError` naming the
line, so a bad edit is caught in review, not at check time. Appending writes
raw bytes at the end, so existing rows stay byte-identical.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from ..errors import QuotesTableError
from ..normalize import fold

COLUMNS: tuple[str, ...] = (
    "id", "quote", "attributed_to", "verdict", "actual_source", "evidence", "notes", "checked",
)
VERDICTS: tuple[str, ...] = ("misattributed", "paraphrase", "unverified", "genuine", "disputed")

#: Wording similarity (0-100) from which a draft quotation counts as a table row.
MATCH_CUTOFF = 82.0
#: A draft quoting part of a longer line (or a line inside a longer quotation)
#: must share at least this many characters to count as a partial match.
PARTIAL_MIN_CHARS = 20
#: How many shortlisted rows get a full fuzzy comparison.
SHORTLIST = 40

# Words too common to shortlist on: they would pull in every row.
_STOPWORDS = frozenset(
    "a an and are as at be but by for from has have i if in is it its me my no not of on or our so that the "
    "their them there they this to was we what when which who will with you your".split()
)


@dataclass(frozen=True)
class QuoteEntry:
    """One row of the curated table; ``line`` is its 1-based line in the CSV."""

    id: str
    quote: str
    attributed_to: str
    verdict: str
    actual_source: str = ""
    evidence: str = ""
    notes: str = ""
    checked: str = ""
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the row is pinned on (``attributed_to`` may list aliases split by ``;``)."""
        return tuple(n.strip() for n in self.attributed_to.split(";") if n.strip())


@dataclass(frozen=True)
class Match:
    """A table row whose wording matches a draft quotation, with the similarity (0-100)."""

    entry: QuoteEntry
    score: float
    partial: bool = False


def _tokens(folded: str) -> list[str]:
    return [w for w in folded.split() if w not in _STOPWORDS and len(w) > 1]


class QuoteTable:
    """The loaded table with a token index for fast fuzzy look-up.

    >>> table = QuoteTable([QuoteEntry("x1", "Science must begin with myths", "Karl Popper", "genuine")])
    >>> [m.entry.id for m in table.lookup("science must begin with myths!")]
    ['x1']
    """

    def __init__(self, entries: Iterable[QuoteEntry], path: str | None = None) -> None:
        self.entries: tuple[QuoteEntry, ...] = tuple(entries)
        self.path = path
        self._folded: list[str] = [fold(e.quote) for e in self.entries]
        # token -> row indexes; shortlisting on shared rare words keeps a
        # 10,000-row table fast without comparing every row.
        self._index: dict[str, list[int]] = defaultdict(list)
        self._sizes: list[int] = []
        for i, text in enumerate(self._folded):
            tokens = set(_tokens(text))
            self._sizes.append(len(tokens))
            for token in tokens:
                self._index[token].append(i)
        self._max_df = max(50, len(self.entries) // 10)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entries)

    def _shortlist(self, tokens: set[str]) -> list[tuple[int, int]]:
        """(row, shared rare tokens) for the rows sharing most words with the query."""
        postings = [p for p in map(self._index.get, tokens) if p is not None and len(p) <= self._max_df]
        if not postings:
            return []
        counts = Counter(chain.from_iterable(postings))  # counted in C
        need = 1 if len(tokens) < 4 else 2
        return [(i, c) for i, c in counts.most_common(SHORTLIST) if c >= need]

    def lookup(self, text: str, cutoff: float = MATCH_CUTOFF) -> list[Match]:
        """Rows whose wording matches ``text`` (whole or in part), best first."""
        query = fold(text)
        if not query:
            return []
        tokens = set(_tokens(query))
        matches: list[Match] = []
        for i, shared in self._shortlist(tokens):
            row = self._folded[i]
            score = fuzz.ratio(query, row, score_cutoff=cutoff)
            partial = False
            # One side quotes part of the other: align the shorter in the longer,
            # but only when most of the shorter side's words are shared (partial
            # alignment is the expensive comparison).
            if (score < 90.0 and min(len(query), len(row)) >= PARTIAL_MIN_CHARS
                    and shared >= 0.6 * min(len(tokens), self._sizes[i])):
                part = fuzz.partial_ratio(query, row, score_cutoff=max(cutoff, 90.0))
                if part > score:
                    score, partial = part, True
            if score:
                matches.append(Match(self.entries[i], score, partial))
        matches.sort(key=lambda m: (-m.score, m.entry.line))
        return matches


def default_table_path() -> Path:
    """The bundled table (``references/quotes.csv`` → ``refcheck.references``)."""
    return Path(str(resources.files("refcheck.references") / "quotes.csv"))


def _validate_row(row: dict[str, str], line: int, seen: dict[str, int], where: str) -> QuoteEntry:
    values = {k: (row.get(k) or "").strip() for k in COLUMNS}
    rid = values["id"]
    label = f"{where}, line {line} (id {rid!r})" if rid else f"{where}, line {line}"
    for required in ("id", "quote", "attributed_to", "verdict"):
        if not values[required]:
            raise QuotesTableError(f"{label}: empty {required}")
    if values["verdict"] not in VERDICTS:
        raise QuotesTableError(
            f"{label}: unknown verdict {values['verdict']!r} (expected one of {', '.join(VERDICTS)})")
    if values["verdict"] != "unverified" and not values["evidence"]:
        raise QuotesTableError(f"{label}: verdict {values['verdict']!r} needs evidence (a citation or URL)")
    if rid in seen:
        raise QuotesTableError(f"{label}: duplicate id {rid!r} (first on line {seen[rid]})")
    if values["checked"]:
        try:
            date.fromisoformat(values["checked"])
        except ValueError:
            raise QuotesTableError(f"{label}: checked {values['checked']!r} is not an ISO date (YYYY-MM-DD)") from None
    seen[rid] = line
    return QuoteEntry(line=line, **values)


def parse_table(text: str, where: str = "quotes table") -> QuoteTable:
    """Validate CSV text and build the table; raise QuotesTableError naming the line."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise QuotesTableError(f"{where}, line 1: missing column(s) {', '.join(missing)}")
    entries: list[QuoteEntry] = []
    seen: dict[str, int] = {}
    start = reader.line_num + 1
    try:
        for row in reader:
            if None in row:  # more cells than columns
                raise QuotesTableError(f"{where}, line {start}: more cells than the {len(header)} columns")
            if any((v or "").strip() for v in row.values()):
                entries.append(_validate_row(row, start, seen, where))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise QuotesTableError(f"{where}, line {reader.line_num}: {exc}") from None
    return QuoteTable(entries, path=None)


def load_table(path: str | os.PathLike[str] | None = None) -> QuoteTable:
    """Load and validate a quotes table (the bundled one when ``path`` is None).

    >>> table = load_table()
    >>> len(table) >= 30
    True
    """
    target = Path(path) if path is not None else default_table_path()
    try:
        text = target.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise QuotesTableError(f"{target}: quotes table not found") from None
    except UnicodeDecodeError as exc:
        raise QuotesTableError(f"{target}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise QuotesTableError(f"{target}: cannot read quotes table ({exc.strerror})") from None
    table = parse_table(text, where=str(target))
    table.path = str(target)
    return table


_AUTO_ID = re.compile(r"^rec-(\d+)$")


def new_ids(existing: Iterable[str], count: int) -> list[str]:
    """``count`` fresh ids (``rec-0001``...) that collide with none of ``existing``.

    >>> new_ids({"rec-0001", "popper-myths"}, 2)
    ['rec-0002', 'rec-0003']
    """
    taken = set(existing)
    numbers = [int(m.group(1)) for m in map(_AUTO_ID.match, taken) if m]
    n = max(numbers, default=0)
    out: list[str] = []
    while len(out) < count:
        n += 1
        candidate = f"rec-{n:04d}"
        if candidate not in taken:
            out.append(candidate)
            taken.add(candidate)
    return out


def append_rows(path: str | os.PathLike[str], rows: Sequence[dict[str, str]]) -> None:
    """Append rows as raw bytes at the end of the CSV, never touching existing bytes.

    Writes the header first when the file is missing or empty, and a newline
    first when the last row lacks one (so a hand edit without a trailing
    newline does not glue two rows together).
    """
    target = Path(path)
    existing = target.read_bytes() if target.exists() else b""
    newline = "\r\n" if b"\r\n" in existing[:4096] else "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator=newline)
    prefix = ""
    if not existing.strip():
        writer.writeheader()
    elif not existing.endswith(b"\n"):
        prefix = newline
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in COLUMNS})
    with open(target, "ab") as handle:
        handle.write((prefix + buffer.getvalue()).encode("utf-8"))
