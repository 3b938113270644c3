"""Crossref ``message`` objects → :class:`~refcheck.model.Work`.

Pure functions of the JSON Crossref returns (``/works/{doi}`` and the items of
``/works?query...``); no I/O. The snapshot stores the same messages.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..model import Author, Venue, Work
from ..normalize import (
    collapse_whitespace,
    normalize_doi,
    split_status_notice,
    strip_control_characters,
    strip_tags,
    unescape_html,
)

RETRACTION_TYPES = frozenset({"retraction", "removal", "withdrawal"})
# Crossref update types → what became of the work they update (the word the report uses).
_STATUS_OF_UPDATE = {"retraction": "retracted", "withdrawal": "withdrawn", "removal": "removed"}

# Crossref `relation` types that make two DOIs one work for a citation: a preprint and its journal
# version, versions of one work, a copy registered twice (a journal's own DOI and its JSTOR copy).
# Translations, replies, reviews and parts are other works, so they are not here.
SAME_WORK_RELATIONS = frozenset({
    "is-preprint-of", "has-preprint", "is-version-of", "has-version", "is-identical-to",
    "is-manifestation-of", "has-manifestation",
})


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return collapse_whitespace(strip_control_characters(unescape_html(strip_tags(str(value or "")))))


def _items(value: Any) -> list[Any]:
    """A JSON list as a list; anything else (a number, a string, an object) as no items."""
    return value if isinstance(value, list) else []


def _year(date: Any) -> int | None:
    try:
        year = date["date-parts"][0][0]
        return int(year) if year else None
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _authors(message: Mapping[str, Any]) -> tuple[Author, ...]:
    people = []
    for person in _items(message.get("author")):
        if not isinstance(person, Mapping):
            continue
        family = person.get("family") or person.get("name") or ""
        given = str(person.get("given") or "")
        if not str(family).strip() and given.strip():
            family, given = given, ""  # a given-only record ({"given": "Plato"}): that one name is how it is cited
        people.append(Author(family=collapse_whitespace(strip_control_characters(str(family))),
                             given=collapse_whitespace(strip_control_characters(given))))
    return tuple(people)


def _update_types(message: Mapping[str, Any], key: str) -> list[str]:
    return [str(update.get("type", "")).lower() for update in _items(message.get(key)) if isinstance(update, Mapping)]


def _is_notice(message: Mapping[str, Any]) -> bool:
    """The record is itself a retraction notice (it updates another work, or says so)."""
    return (any(t in RETRACTION_TYPES for t in _update_types(message, "update-to"))
            or str(message.get("subtype", "")).lower() == "retraction")


def _same_work_dois(message: Mapping[str, Any]) -> tuple[str, ...]:
    """The DOIs the record's ``relation`` names as the same work, lower-case, in record order."""
    relation = message.get("relation")
    if not isinstance(relation, Mapping):
        return ()
    dois: list[str] = []
    for kind in sorted(SAME_WORK_RELATIONS & set(relation)):
        for target in _items(relation.get(kind)):
            if isinstance(target, Mapping) and str(target.get("id-type", "doi")).lower() == "doi":
                doi = normalize_doi(str(target.get("id") or ""))
                if doi and doi not in dois:
                    dois.append(doi)
    return tuple(dois)


def _container(message: Mapping[str, Any]) -> str:
    """The journal or book; a preprint has none, and the server that posted it stands in (bioRxiv, SSRN)."""
    container = _first(message.get("container-title"))
    if container or message.get("type") != "posted-content":
        return container
    names = [i.get("name") for i in _items(message.get("institution")) if isinstance(i, Mapping)]
    return _first([n for n in names if n])


def _title_and_status(message: Mapping[str, Any]) -> tuple[str, str]:
    """The work's title without a status notice, and what became of it ("retracted", "withdrawn"... or "").

    >>> _title_and_status({"title": ["RETRACTED ARTICLE: Lightweight security scheme"]})
    ('Lightweight security scheme', 'retracted')
    """
    title = _first(message.get("title"))
    status = next((_STATUS_OF_UPDATE[t] for t in _update_types(message, "updated-by") if t in _STATUS_OF_UPDATE), "")
    if _is_notice(message):
        return title, status  # a notice about another work: "Retracted: <that work's title>" is its title
    title, notice = split_status_notice(title)
    return title, status or notice


def work_from_message(message: Mapping[str, Any]) -> Work:
    """Normalise one Crossref work record.

    >>> work_from_message({"DOI": "10.1/X", "title": ["A <i>b</i>"], "issued": {"date-parts": [[2017]]}}).title
    'A b'
    """
    years: list[int] = []
    for key in ("issued", "published-print", "published-online", "published", "created"):
        y = _year(message.get(key))
        if y and y not in years:
            years.append(y)
    year = years[0] if years else None
    isbn = tuple(str(i) for i in _items(message.get("ISBN")))
    title, status = _title_and_status(message)
    return Work(
        doi=str(message.get("DOI", "")).lower(),
        title=title,
        subtitle=_first(message.get("subtitle")),
        authors=_authors(message),
        year=year,
        years=tuple(years[:4]),
        container=_container(message),
        short_containers=tuple(_first([c]) for c in _items(message.get("short-container-title"))),
        volume=_first(message.get("volume")),
        issue=_first(message.get("issue")),
        pages=_first(message.get("page")),
        article_number=_first(message.get("article-number")),
        type=str(message.get("type", "")),
        publisher=_first(message.get("publisher")),
        isbn=isbn,
        # A notice keeps its old flag: citing the notice is citing a retraction.
        retracted=bool(status) or _is_notice(message),
        retraction=status,
        same_work_dois=_same_work_dois(message),
        record=dict(message),
    )


def venue_from_message(message: Mapping[str, Any], source: str = "crossref") -> Venue:
    """One item of ``/journals?query=...`` (or the message of ``/journals/{issn}``) as a :class:`Venue`.

    >>> venue_from_message({"title": "Neuron", "ISSN": ["0896-6273"],
    ...                     "breakdowns": {"dois-by-issued-year": [[2019, 420]]}}).dois_in(2019)
    420
    """
    by_year: list[tuple[int, int]] = []
    breakdowns = message.get("breakdowns")
    rows = breakdowns.get("dois-by-issued-year") if isinstance(breakdowns, Mapping) else None
    for row in rows if isinstance(rows, list) else ():
        if isinstance(row, list) and len(row) == 2 and all(type(x) is int for x in row):  # not bool, not float
            by_year.append((row[0], row[1]))
    counts = message.get("counts")
    total = counts.get("total-dois") if isinstance(counts, Mapping) else None
    issns = tuple(str(i) for i in _items(message.get("ISSN")) if isinstance(i, str) and i)
    return Venue(title=_first(message.get("title")), issns=issns, dois_by_year=tuple(sorted(by_year)),
                 total_dois=total if isinstance(total, int) and not isinstance(total, bool) else 0,
                 source=source, record=dict(message))
