"""References from a ``.bib`` file, read with bibtexparser v2.

Each entry becomes a :class:`RawReference` with its type, key and fields
(lower-case names, LaTeX lightly removed) and a one-line readable rendering.
A block that fails to parse is listed as skipped, with bibtexparser's reason
(it reports failures as data, so nothing raises); an entry whose key repeats
an earlier one is kept too.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..model import ExtractedDocument, RawReference, SkippedEntry
from ..normalize import collapse_whitespace, latex_to_text
from .common import make_body, split_lines

log = logging.getLogger(__name__)
_AND_RE = re.compile(r"\s+and\s+", re.I)


def field_text(value: Any) -> str:
    """A field value as text: LaTeX turned to text when there is any, otherwise braces dropped.

    >>> field_text("Serotonin and {Brain} Function")
    'Serotonin and Brain Function'
    """
    text = str(value)
    if "\\" in text or "$" in text:
        text = latex_to_text(text)
    return collapse_whitespace(text.replace("{", "").replace("}", ""))


def render_entry(fields: dict[str, str]) -> str:
    """authors. title. journal volume(number):pages, year. — the readable one-line form.

    >>> render_entry({"author": "Nutt, David J. and Carhart-Harris, Robin L.", "title": "A tale",
    ...               "journal": "J Psychopharmacol", "volume": "31", "number": "9",
    ...               "pages": "1091--1120", "year": "2017"})
    'Nutt, David J.; Carhart-Harris, Robin L. A tale. J Psychopharmacol 31(9):1091-1120, 2017.'
    """
    parts: list[str] = []
    authors = fields.get("author") or fields.get("editor") or ""
    if authors:
        parts.append("; ".join(a.strip() for a in _AND_RE.split(authors) if a.strip()))
    if fields.get("title"):
        parts.append(fields["title"])
    container = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle") or ""
    where = container
    if fields.get("volume"):
        where = f"{where} {fields['volume']}".strip()
    if fields.get("number"):
        where += f"({fields['number']})"
    if fields.get("pages"):
        where += (":" if where else "pp. ") + fields["pages"].replace("--", "-")
    year = fields.get("year") or fields.get("date", "")[:4]
    if fields.get("publisher") and not container:
        where = ", ".join(p for p in (where, fields["publisher"]) if p)
    tail = ", ".join(p for p in (where, year) if p)
    if tail:
        parts.append(tail)
    text = ". ".join(p.rstrip(". ") for p in parts if p)
    text = text + "." if text else ""
    if fields.get("doi"):
        text += f" doi:{fields['doi']}"
    elif fields.get("url"):
        text += f" {fields['url']}"
    return text


def extract_bibtex(text: str) -> ExtractedDocument:
    """A ``.bib`` file → one reference per entry (malformed blocks skipped)."""
    import bibtexparser
    from bibtexparser import model as bm

    lines = split_lines(text)
    try:
        library = bibtexparser.parse_string(text.replace("\r\n", "\n").replace("\r", "\n"))
        blocks = list(library.blocks)
    except Exception as exc:  # the parser reports failures as blocks; this guards the rest
        log.warning("bibtex: could not parse (%s); no references extracted", exc)
        blocks = []
    refs: list[RawReference] = []
    skipped: list[SkippedEntry] = []
    blank: set[int] = set()
    for block in blocks:
        entry: object = block
        if isinstance(block, bm.ParsingFailedBlock):
            entry = getattr(block, "ignore_error_block", None)
            if not isinstance(entry, bm.Entry):
                skipped.append(_failed(block))
                continue
        if not isinstance(entry, bm.Entry):
            continue
        fields: dict[str, str] = {}
        for f in entry.fields:
            name = str(f.key).lower()
            if name not in fields:
                fields[name] = field_text(f.value)
        start = block.start_line if isinstance(block.start_line, int) else 0
        raw = block.raw or entry.raw or ""
        refs.append(RawReference(
            text=render_entry(fields),
            line=start + 1,
            raw=raw,
            entry_type=str(entry.entry_type).lower(),
            key=str(entry.key),
            fields=fields,
        ))
        blank.update(range(start, start + raw.count("\n") + 1))
    return ExtractedDocument(format="bibtex", references=tuple(refs), body=make_body(lines, blank),
                             skipped=tuple(skipped))


def _failed(block: Any) -> SkippedEntry:
    """A block bibtexparser could not read, as a skipped entry with its first error line as the reason."""
    raw = str(block.raw or "")
    start = block.start_line if isinstance(block.start_line, int) else 0
    error = getattr(block, "error", None)
    why = collapse_whitespace(str(getattr(error, "abort_reason", "") or error or "")) or "syntax error"
    return SkippedEntry(line=start + 1, text=collapse_whitespace(raw[:300]), raw=raw,
                        reason=f"left out of the reference list: the BibTeX entry could not be parsed ({why})")
