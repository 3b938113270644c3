"""Free-text reference → BibTeX entry.

The parser is rule-based and works left to right, the way reference styles are built:

1. clean (LaTeX, list numbers, dashes) and take out identifiers (DOI, URL, ISBN, arXiv);
2. find where the author list ends — before the year (APA, Harvard, Chicago author-date),
   before a quoted title (MLA, Chicago notes, IEEE), or at the first sentence end
   that is not an initial (Vancouver, MLA books);
3. take the title — quoted, or up to the next sentence end;
4. read the tail with :mod:`refcheck.parse_fields` (volume, number, pages, year) and decide
   the entry type from what is left (journal, ``In`` + book title, thesis, report, publisher).

:func:`parse_reference` never raises: on any failure it returns a ``misc`` entry
that keeps the text as its ``title`` and ``note``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping, Sequence

import bibtexparser
from bibtexparser.model import Entry, Field

from .keys import base_key, unique_keys
from .model import RawReference, Reference
from .names import format_names, looks_like_names, split_names
from .parse_fields import parse_numbers
from .parse_tail import Tail, read_tail
from .parse_text import find_boundary, find_quoted, preclean, take_identifiers

__all__ = ["parse_reference", "parse_references", "reference_to_entry", "references_to_bibtex", "parse_file"]

MAX_INPUT = 20_000  # a reference is a few hundred characters; longer input is cut, not rejected

_YEAR_AD = re.compile(r"(?<![\w\-/])(?:(1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|in press|forthcoming)(?![\w\-/])",
                      re.IGNORECASE)
_EDITION = re.compile(
    r"[(\[]?\b(\d{1,2})(?:st|nd|rd|th|\.\u00aa|\.)?\s*(?:rev(?:ised)?\.?\s*)?(?:ed\.|edn\.?|edition)[)\]]?[.,]?\s*",
    re.IGNORECASE)
_WORD_EDITION = re.compile(
    r"\b(Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Revised)\s+(?:ed\.|edn\.?|edition)[.,]?\s*",
    re.IGNORECASE)
_ORDINALS = {"second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
             "eighth": "8", "ninth": "9", "tenth": "10", "revised": "Revised"}
_EDITOR_SUFFIX = re.compile(r"(?:,\s*|\s*[(\[])(?:eds?|editors?|hrsg|dirs?)\.?[)\]]?[.,:]?\s*$", re.IGNORECASE)
_IN_TITLE = re.compile(r"[,.]\s+[Ii]n:?\s+(?=[A-Z0-9\"\u201c])|\s+In:\s+")
_INITIAL_END = re.compile(r"(?:^|[\s.\-])[A-Z][a-z]?\.$|\b(?:al|Jr|Sr|eds?|Eds?)\.$|(?:^|\s)[A-Z]{1,3}\.$")


def _author_date(s: str) -> tuple[str, str, str] | None:
    """``Name, A. (2000). Rest`` → (authors, rest, year), if the text before the first year is names."""
    m = _YEAR_AD.search(s, 0, min(len(s), 800))
    if not m:
        return None
    start = m.start()
    paren = s.rfind("(", max(0, start - 25), start)
    if paren != -1 and ")" in s[paren:start]:
        paren = -1
    prefix_end = paren if paren != -1 else start
    prefix = s[:prefix_end].strip(" ,.;:")
    if not prefix or not looks_like_names(prefix):
        return None
    end = m.end()
    if paren != -1:
        close = s.find(")", end, end + 40)
        if close != -1:
            end = close + 1
    return prefix, s[end:], m.group(1) or ""


def _boundary_authors(s: str) -> tuple[str, str] | None:
    """Authors ending at a sentence end (``Doidge, Norman. Title``; Vancouver ``Yang G. Title``)."""
    best = -1
    pos = 0
    limit = min(len(s), 800)
    while pos < limit:
        end = find_boundary(s, pos, initials_end=True)
        if end >= len(s) and best == -1:
            return None
        prefix = s[:end].strip()
        if not looks_like_names(prefix.rstrip(".")):
            break
        best = end
        if not _INITIAL_END.search(prefix):
            break  # a period after a whole word ends the list
        pos = end
    if best <= 0:
        return None
    authors, rest = s[:best], s[best:]
    # "A. Greenleaf, M. Lassas, and G. Uhlmann, Title": the surname after the last initial
    m = re.match(r"\s*([A-Z][\w'\-]{1,30}),\s+", rest)
    if m and re.search(r"(?:\band|&)\s+(?:[A-Z]\.\s*){1,3}$", authors):
        authors, rest = authors + " " + m.group(1), rest[m.end():]
    return authors, rest


def _split_authors(s: str) -> tuple[str, str, str]:
    """(author segment, rest, year found right after the authors or '')."""
    q = find_quoted(s, 0, 600)
    ad = _author_date(s)
    if ad and (q is None or q[0] >= len(s) - len(ad[1]) - 1 or q[0] > len(ad[0])):
        return ad
    if q is not None:
        prefix = s[: q[0]].strip(" ,.;:")
        if not prefix:
            return "", s, ""
        if looks_like_names(prefix):
            return prefix, s[q[0]:], ""
    found = _boundary_authors(s)
    if found:
        return found[0], found[1], ""
    return "", s, ""


def _take_title(rest: str) -> tuple[str, str, bool]:
    """(title, what follows, title was quoted)."""
    rest = rest.lstrip(" .,;:)")
    q = find_quoted(rest, 0, 4)
    if q is not None and q[0] <= 2:
        title = rest[q[0] + 1: q[1]].strip(" ,.;:")
        return title, rest[q[2]:].lstrip(" .,;:"), True
    end = find_boundary(rest)
    m = _IN_TITLE.search(rest, 0, end + 1)
    if m:
        return rest[: m.start()].strip(" ,.;:"), rest[m.start():].lstrip(" ,.;:"), False
    title = rest[:end].strip(" ,;:")
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    return title.strip(), rest[end:].strip(), False


def _parse(text: str) -> tuple[str, dict[str, str]]:
    s = preclean(text[:MAX_INPUT])
    s, ids = take_identifiers(s)
    fields: dict[str, str] = {}
    m = _EDITION.search(s) or _WORD_EDITION.search(s)
    if m:
        fields["edition"] = _ORDINALS.get(m.group(1).lower(), m.group(1))
        s = (s[: m.start()] + " " + s[m.end():]).replace("  ", " ")
    authors, rest, year = _split_authors(s)
    if year:
        fields["year"] = year
    editors_only = False
    if authors:
        if _EDITOR_SUFFIX.search(authors):
            editors_only = True
            authors = _EDITOR_SUFFIX.sub("", authors)
        names, others = split_names(authors)
        if names:
            fields["editor" if editors_only else "author"] = format_names(names, others)
    title, after, quoted = _take_title(rest)
    if not after and title:
        # "Title, Journal 24 (2) (2003), 413" or "ApJ, 475, 163": no sentence end after the title
        probe = parse_numbers(title, want_year=False)
        if probe.numbers_at > 0 and ("volume" in probe.fields or "pages" in probe.fields):
            head = title[: probe.numbers_at].rstrip(" ,;:(")
            cut = head.rfind(", ")
            if cut > 0:
                title, after = head[:cut].strip(), title[cut + 2:]
            else:
                title, after = "", title
    tail: Tail = read_tail(after, need_year="year" not in fields, quoted_title=quoted, title=title)
    entry_type = tail.entry_type
    for k, v in tail.fields.items():
        fields.setdefault(k, v)
    if title:
        fields["title"] = title
    elif tail.title:
        fields["title"] = tail.title
    if "year" not in fields:
        y = _YEAR_AD.search(title)
        if y and y.group(1):
            fields["year"] = y.group(1)
    fields.update(ids)
    if "eprint" in ids and entry_type == "misc":
        fields.setdefault("note", "arXiv preprint")
    if editors_only and entry_type == "misc":
        entry_type = "book"
    return entry_type, {k: v for k, v in fields.items() if v}


def _fallback(text: str) -> tuple[str, dict[str, str]]:
    clean = " ".join(text.split())[:MAX_INPUT] or "(empty)"
    return "misc", {"title": clean, "note": clean}


def _make_entry(entry_type: str, key: str, fields: Mapping[str, str]) -> Entry:
    return Entry(entry_type, key, [Field(k, v) for k, v in fields.items()])


def parse_reference(text: str) -> Entry:
    """Parse one free-text reference into a BibTeX entry; never raises.

    >>> e = parse_reference("Duman RS, Aghajanian GK, Sanacora G, Krystal JH. Synaptic plasticity and "
    ...     "depression: new insights from stress and rapid-acting antidepressants. Nat Med. 2016;22(3):238-249.")
    >>> e.entry_type, e.key, e.fields_dict["pages"].value
    ('article', 'duman2016synaptic', '238--249')
    """
    try:
        entry_type, fields = _parse(text if isinstance(text, str) else str(text))
        if not fields.get("title"):
            fields.setdefault("note", " ".join(text.split())[:MAX_INPUT])
    except Exception:  # failures are data: keep the text, never end the run
        entry_type, fields = _fallback(text if isinstance(text, str) else repr(text))
    return _make_entry(entry_type, base_key(fields), fields)


def parse_references(raws: Sequence[RawReference]) -> list[Reference]:
    """Parse a document's reference list; keys are unique within the list.

    Raw references that already carry BibTeX ``fields`` (from a ``.bib`` file) pass
    through with lower-case field names and their own key where they have one.

    >>> [r.key for r in parse_references([RawReference("Popper, Karl. Conjectures and Refutations. "
    ...     "Routledge, 1963.", line=3)])]
    ['popper1963conjectures']
    """
    parsed: list[tuple[str, str, dict[str, str], str | None]] = []
    for raw in raws:
        if raw.fields is not None:
            fields = {str(k).lower(): str(v) for k, v in raw.fields.items()}
            parsed.append(((raw.entry_type or "misc").lower(), base_key(fields), fields, raw.key or None))
        else:
            entry = parse_reference(raw.text)
            fields = {f.key: str(f.value) for f in entry.fields}
            parsed.append((entry.entry_type, entry.key, fields, None))
    # keys from the .bib file win; generated keys are made unique around them
    own = [p[3] for p in parsed if p[3]]
    keys: list[str] = []
    generated = iter(unique_keys([p[1] for p in parsed if not p[3]], taken=own))
    seen_own: set[str] = set()
    for p in parsed:
        if p[3]:
            key = p[3]
            if key in seen_own:  # a duplicate key in the .bib itself: suffix it
                key = unique_keys([key], taken=set(own) | seen_own | set(keys))[0]
            seen_own.add(key)
            keys.append(key)
        else:
            keys.append(next(generated))
    return [
        Reference(key=key, entry_type=etype, fields=fields, text=raw.text, line=raw.line)
        for key, (etype, _, fields, _own), raw in zip(keys, parsed, raws)
    ]


def reference_to_entry(ref: Reference) -> Entry:
    """The bibtexparser ``Entry`` for a parsed reference.

    >>> reference_to_entry(Reference("x2020a", "article", {"title": "A"}, "", 1)).key
    'x2020a'
    """
    return _make_entry(ref.entry_type, ref.key, ref.fields)


def references_to_bibtex(refs: Sequence[Reference]) -> str:
    """BibTeX text for references, written by bibtexparser.

    >>> print(references_to_bibtex([Reference("x2020a", "misc", {"title": "A"}, "", 1)]).strip())
    @misc{x2020a,
        title = {A}
    }
    """
    library = bibtexparser.Library([reference_to_entry(r) for r in refs])
    return bibtexparser.write_string(library)


def parse_file(path: str | Path, format: str | None = None) -> list[Entry]:
    """Extract a document's reference list and parse it: one entry per reference.

    >>> parse_file("paper.md")  # doctest: +SKIP
    [Entry(...), ...]
    """
    from .extract import extract_file  # written alongside; imported late so parsing works without it

    document = extract_file(path, format=format)
    return [reference_to_entry(r) for r in parse_references(document.references)]
