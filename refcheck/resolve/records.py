"""Crossref ``message`` objects → :class:`~refcheck.model.Work`.

Pure functions of the JSON Crossref returns (``/works/{doi}`` and the items of
``/works?query...``); no I/O. The snapshot stores the same messages.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..model import Author, Work
from ..normalize import collapse_whitespace, strip_control_characters, strip_tags, unescape_html

RETRACTION_TYPES = frozenset({"retraction", "removal", "withdrawal"})


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


def _is_retracted(message: Mapping[str, Any]) -> bool:
    for key in ("updated-by", "update-to"):
        for update in _items(message.get(key)):
            if isinstance(update, Mapping) and str(update.get("type", "")).lower() in RETRACTION_TYPES:
                return True
    # A retraction notice itself
    return str(message.get("subtype", "")).lower() == "retraction"


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
    return Work(
        doi=str(message.get("DOI", "")).lower(),
        title=_first(message.get("title")),
        subtitle=_first(message.get("subtitle")),
        authors=_authors(message),
        year=year,
        years=tuple(years[:4]),
        container=_first(message.get("container-title")),
        short_containers=tuple(_first([c]) for c in _items(message.get("short-container-title"))),
        volume=_first(message.get("volume")),
        issue=_first(message.get("issue")),
        pages=_first(message.get("page")),
        article_number=_first(message.get("article-number")),
        type=str(message.get("type", "")),
        publisher=_first(message.get("publisher")),
        isbn=isbn,
        retracted=_is_retracted(message),
        record=dict(message),
    )
