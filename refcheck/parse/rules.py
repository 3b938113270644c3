"""The rules: one reference string to an entry type and BibTeX fields, left to right.

1. clean (LaTeX, list numbers, dashes) and take out identifiers (DOI, URL, ISBN, arXiv), a book
   series' volume and the edition;
2. find where the author list ends (:mod:`refcheck.parse.authors`);
3. take the title (:mod:`refcheck.parse.title_end`);
4. read the tail (:mod:`refcheck.parse.tail`): numbers, container, publisher, and the entry type.

>>> parse_by_rules("Popper, Karl. Conjectures and Refutations. Routledge, 1963.")[1]["publisher"]
'Routledge'
"""

from __future__ import annotations

import re

from ..lexicon import PUBLISHER_NAME_ENDS, alternation
from .authors import EDS_AFTER_AUTHORS, LEADING_YEAR, YEAR_AD, italic_end, split_authors
from .fields import parse_numbers
from .names import format_names, split_names
from .tail import Tail, clean_container, read_tail
from .text import italic_spans, preclean, take_identifiers
from .title_end import EDITOR_SUFFIX, italic_cut, take_title
from .titles import periodical_hint

__all__ = ["MAX_INPUT", "parse_by_rules"]

MAX_INPUT = 20_000  # a reference is a few hundred characters; longer input is cut, not rejected

_EDITION = re.compile(
    r"[(\[]?\b(\d{1,2})(?:st|nd|rd|th|\.?[\u00aa\u00ba]|\.)?\s*(?:rev(?:ised)?\.?\s*)?"
    r"(?:ed\.|edn\.?|edition|edi\u00e7\u00e3o|"
    r"edici\u00f3n|\u00e9dition|edizione|Aufl\.|Auflage)[)\]]?[.,]?\s*", re.IGNORECASE)
_WORD_EDITION = re.compile(
    r"[(\[]?\b(Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Revised)\s+"
    r"(?:ed\.|edn\.?|edition)[)\]]?[.,]?\s*",
    re.IGNORECASE)
_ORDINALS = {"second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
             "eighth": "8", "ninth": "9", "tenth": "10", "revised": "Revised"}
_SERIES_VOLUME = re.compile(r"[,.]\s*(?:[Vv]ol(?:ume)?\.?|[Nn]o\.|[Bb]and)\s*(\d{1,5})\s+(?:of|in|der)\s+(?=[A-Z])")
_SERIES_END = re.compile(
    r",\s|[.;]\s(?=[A-Z][a-z]{5}|[A-Z][\w]{1,20}[\s-]" + alternation(PUBLISHER_NAME_ENDS + ("Univ",)) + r")|[.;]?\s*$")


def parse_by_rules(text: str, trace: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """The rules. ``trace`` (for the model) receives the cleaned text, the raw author segment and the italics."""
    s = preclean(text[:MAX_INPUT])
    s, ids = take_identifiers(s)
    fields: dict[str, str] = {}
    m = _SERIES_VOLUME.search(s)
    if m:  # "Einstein Manifolds, Volume 10 of Ergeb. Math. Grenzgeb. Springer": the series, not a journal
        e = _SERIES_END.search(s, m.end())
        end = e.start() if e else len(s)
        fields["volume"], fields["series"] = m.group(1), s[m.end():end].strip(" .,;")
        s = (s[: m.start()].rstrip(" ,") + ". " + s[end:].lstrip(" .,;")).strip()
    m = _EDITION.search(s) or _WORD_EDITION.search(s)
    if m:
        fields["edition"] = _ORDINALS.get(m.group(1).lower(), m.group(1))
        cut = ". " if m.group(0).rstrip().endswith((".", ")")) else ", " if m.group(0).rstrip().endswith(",") else " "
        s = (s[: m.start()].rstrip(" ,") + cut + s[m.end():].lstrip()).strip()
    lead_year = LEADING_YEAR.match(s)
    if lead_year:  # CV style: "2007 * | Ide, S., ..."
        s = s[lead_year.end():]
    spans = italic_spans(text)
    authors, rest, year = italic_end(s, *split_authors(s), spans)
    if trace is not None:
        trace.update(s=s, authors=authors, italics="\n".join(spans))
    if lead_year and not year:
        year = lead_year.group(1)
    if year:
        fields["year"] = year
    editors_only = False
    m = EDS_AFTER_AUTHORS.match(rest)
    if authors and m:
        authors, rest = authors + " (eds.)", rest[m.end():]
    if authors:
        if EDITOR_SUFFIX.search(authors):
            editors_only = True
            authors = EDITOR_SUFFIX.sub("", authors)
        names, others = split_names(authors)
        if names:
            fields["editor" if editors_only else "author"] = format_names(names, others)
    title, after, quoted = take_title(rest, author_date=bool(year))
    if spans and not quoted:
        title, after = italic_cut(rest, title, after, spans)
    if not after and title:
        # "Title, Journal 24 (2) (2003), 413" or "ApJ, 475, 163": no sentence end after the title
        probe = parse_numbers(title, want_year=False)
        if probe.numbers_at > 0 and ("volume" in probe.fields or "pages" in probe.fields):
            head = title[: probe.numbers_at].rstrip(" ,;:(")
            comma = head.rfind(", ")
            if comma > 0:
                title, after = head[:comma].strip(), title[comma + 2:]
            else:
                title, after = "", title
    periodical = quoted or periodical_hint(s[: len(s) - len(rest)], after, authors)  # "(in press). Title. Journal."
    tail: Tail = read_tail(after, need_year="year" not in fields, quoted_title=periodical, title=title)
    entry_type = tail.entry_type
    for k, v in tail.fields.items():
        fields.setdefault(k, v)
    if title:
        fields["title"] = title
    elif tail.title:
        fields["title"] = tail.title
    if "year" not in fields:
        y = YEAR_AD.search(title)
        if y and y.group(1):
            fields["year"] = y.group(1)
    for key in ("journal", "booktitle"):
        if key in fields:
            fields[key] = clean_container(fields[key])
    fields.update(ids)
    if "eprint" in ids and entry_type == "misc":
        fields.setdefault("note", "arXiv preprint")
    if editors_only and entry_type == "misc":
        entry_type = "book"
    return entry_type, {k: v for k, v in fields.items() if v}
