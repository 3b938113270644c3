"""A Crossref work as a BibTeX entry (bibtexparser v2), for the suggested correction.

>>> print(entry_to_string(work_to_entry(work, "murrough2013")))  # doctest: +SKIP
@article{murrough2013,
    author = {Murrough, James W. and ...},
...
"""

from __future__ import annotations

import bibtexparser
from bibtexparser.model import Entry, Field

from .model import Work

__all__ = ["work_to_entry", "entry_to_string", "ENTRY_TYPES"]

# Crossref type → BibTeX entry type
ENTRY_TYPES = {
    "journal-article": "article",
    "proceedings-article": "inproceedings",
    "book-chapter": "incollection",
    "book-section": "incollection",
    "book-part": "incollection",
    "reference-entry": "incollection",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "dissertation": "phdthesis",
    "report": "techreport",
    "posted-content": "misc",
    "dataset": "misc",
}

# Characters that would break a braced BibTeX value
_UNSAFE = str.maketrans({"{": "(", "}": ")"})


def _clean(value: str) -> str:
    return " ".join(str(value).translate(_UNSAFE).split())


def _name(family: str, given: str) -> str:
    family, given = _clean(family), _clean(given)
    if given:
        return f"{family}, {given}"
    # An organisation ("World Health Organization") is braced so BibTeX keeps it whole
    return f"{{{family}}}" if " " in family else family


def work_to_entry(work: Work, key: str) -> Entry:
    """The BibTeX entry for ``work`` under ``key`` (only fields Crossref has)."""
    entry_type = ENTRY_TYPES.get(work.type, "misc")
    fields: list[tuple[str, str]] = []
    if work.authors:
        fields.append(("author", " and ".join(_name(a.family, a.given) for a in work.authors)))
    title = f"{work.title}: {work.subtitle}" if work.subtitle else work.title
    if title:
        fields.append(("title", title))
    if work.container:
        container_field = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle"}.get(entry_type)
        fields.append((container_field or "howpublished", work.container))
    if work.year:
        fields.append(("year", str(work.year)))
    for name, value in (("volume", work.volume), ("number", work.issue)):
        if value:
            fields.append((name, value))
    if work.pages:
        fields.append(("pages", work.pages.replace("-", "--") if "--" not in work.pages else work.pages))
    elif work.article_number:
        fields.append(("pages", work.article_number))
    if work.publisher and entry_type in ("book", "incollection", "inproceedings", "techreport", "misc"):
        fields.append(("publisher", work.publisher))
    if work.isbn and entry_type in ("book", "incollection"):
        fields.append(("isbn", work.isbn[0]))
    if work.doi:
        fields.append(("doi", work.doi))
    return Entry(entry_type, key or "ref", [Field(k, v if k == "author" else _clean(v)) for k, v in fields])


def entry_to_string(entry: Entry) -> str:
    """One entry as BibTeX text (bibtexparser's writer, values braced)."""
    library = bibtexparser.Library([entry])
    return bibtexparser.write_string(library).strip() + "\n"
