r"""BibTeX out: the one writer, for parsed references and for Crossref works.

``refcheck parse`` and the report's ``bibtex`` field write what a reference says
(:func:`references_to_bibtex`); the verdict's suggested correction writes what Crossref
holds (:func:`work_to_entry`). Both go through bibtexparser v2's writer, values braced.

>>> references_to_bibtex([Reference("popper1963", "book", {"title": "Conjectures and Refutations"}, "", 1)])
'@book{popper1963,\n\ttitle = {Conjectures and Refutations}\n}\n'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import bibtexparser
from bibtexparser.model import Entry, Field

from .model import Reference, Work

__all__ = [
    "ENTRY_TYPES",
    "make_entry",
    "reference_to_entry",
    "work_to_entry",
    "entries_to_string",
    "entry_to_string",
    "references_to_bibtex",
]

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

# Where an entry type names its container; other types say it in ``howpublished``
_CONTAINER_FIELD = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle"}

# Characters that would break a braced BibTeX value
_UNSAFE = str.maketrans({"{": "(", "}": ")"})


def make_entry(entry_type: str, key: str, fields: Mapping[str, str]) -> Entry:
    """A bibtexparser ``Entry`` with ``fields`` in their order."""
    return Entry(entry_type, key, [Field(k, v) for k, v in fields.items()])


def reference_to_entry(ref: Reference) -> Entry:
    """The entry for a parsed reference, its fields as the parser read them.

    >>> reference_to_entry(Reference("x2020a", "article", {"title": "A"}, "", 1)).key
    'x2020a'
    """
    return make_entry(ref.entry_type, ref.key, ref.fields)


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
        fields.append((_CONTAINER_FIELD.get(entry_type, "howpublished"), work.container))
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


def entries_to_string(entries: Sequence[Entry]) -> str:
    """Entries as BibTeX text: bibtexparser's writer, the only one refcheck uses."""
    return bibtexparser.write_string(bibtexparser.Library(list(entries)))


def entry_to_string(entry: Entry) -> str:
    """One entry as BibTeX text, ending in one newline."""
    return entries_to_string([entry]).strip() + "\n"


def references_to_bibtex(refs: Sequence[Reference]) -> str:
    """BibTeX text for parsed references (``refcheck parse``, the report's ``bibtex``).

    >>> references_to_bibtex([Reference("x2020a", "misc", {"title": "A"}, "", 1)]).split()[:4]
    ['@misc{x2020a,', 'title', '=', '{A}']
    """
    return entries_to_string([reference_to_entry(r) for r in refs])
