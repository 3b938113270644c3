"""Shared pieces of bibliography extraction: headings, list markers, and what a reference looks like.

Every format module (``text``, ``markdown``, ``html``,
``latex``, ``bibtex``) works on lines of the source and uses
these helpers, so the heuristics live in one place and are tested once.

All regular expressions here run on single lines with bounded, non-nested
quantifiers: extraction must stay linear in the size of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import YEAR
from ..model import RawReference
from ..normalize import collapse_whitespace

# Names a reference list goes by, compared after folding case, markup and a trailing colon.
HEADING_NAMES: frozenset[str] = frozenset({
    "references", "reference", "reference list", "list of references", "references cited",
    "bibliography", "selected bibliography", "select bibliography", "annotated bibliography",
    "works cited", "work cited", "works consulted", "cited works", "literature cited", "literature",
    "cited literature", "sources", "source", "sources cited", "sources and references",
    "sources and further reading", "references and further reading", "further reading",
    "suggested reading", "recommended reading", "additional reading", "reading list", "further sources",
    "notes and references", "references and notes", "notes and sources", "notes", "endnotes",
    "citations", "footnotes", "references and sources", "bibliography and notes", "notes and bibliography",
    "sources and notes", "bibliographic references", "key references", "selected references",
    # German, French, Spanish, Portuguese, Italian, Dutch, Scandinavian
    "literatur", "literaturverzeichnis", "literaturangaben", "quellen", "quellenverzeichnis",
    "quellen und literatur", "weiterführende literatur", "bibliographie", "références",
    "références bibliographiques", "sources et références", "referencias", "referencias bibliográficas",
    "bibliografía", "fuentes", "bibliografia", "referências", "referências bibliográficas", "fontes",
    "riferimenti", "riferimenti bibliografici", "literatuur", "referenties", "litteratur", "referanser",
    "källor", "kilder",
})

MAX_HEADING_CHARS = 80

# A list marker at the start of a line: 1.  1)  1-  1:  [1]  (1)  -  *  •  –  —  +  ·
_MARKER_RE = re.compile(
    r"[ \t]{0,40}(?:(?P<num>\d{1,5})[.):\-\u2013]|\[(?P<br>\d{1,5})\]|\((?P<par>\d{1,5})\)"
    r"|(?P<bul>[-*\u2022\u2013\u2014+\u00b7\u25aa\u25e6\u2023]))[ \t]{1,20}(?=\S)"
)
# "[1]Author" with no space is common in exports.
_BRACKET_TIGHT_RE = re.compile(r"[ \t]{0,40}\[(\d{1,5})\](?=[^\s\d(\[])")

_HEADING_STRIP_RE = re.compile(r"^[\W_]{0,20}|[\s#*_=\-:.]{0,20}$")
_HEADING_NUMBER_RE = re.compile(r"^(?:(?:\d{1,3}(?:\.\d{1,3}){0,3}|[ivxlc]{1,6})[.)]?|[a-h][.)])\s{1,5}")
# Pandoc/kramdown attributes after a heading: "## References {#refs .unnumbered}"
_HEADING_ATTRS_RE = re.compile(r"\s\{[#.][^{}]{0,80}\}\s*$")

YEAR_RE = re.compile(rf"(?<![\d/.]){YEAR}(?![\d/])|\bn\.\s?d\.|\bin press\b|\bforthcoming\b", re.I)
DOI_RE = re.compile(r"\b10\.\d{4,9}/\S")
URL_RE = re.compile(r"https?://\S|\bwww\.\S", re.I)
ISBN_RE = re.compile(r"\bISBN\b|\barXiv:", re.I)
_QUOTED_RE = re.compile(r"[\"\u201c\u201d\u00ab]")
_PUNCT_RE = re.compile(r"[.,;:]")

# Lines that end a reference list in blog exports and manuscripts.
_STOP_RE = re.compile(
    r"(?:by [A-Z]|contact\b|e-?mail:|tel:|phone:|comments?\b|\d{1,5} comments?\b|leave a (?:reply|comment)"
    r"|subscribe\b|share\b|like this\b|like loading|related\b|related posts|you may also like|about the author"
    r"|posted\b|published\b|tags?:|categories:|category:|filed under|copyright\b|\u00a9|all rights reserved"
    r"|discover more\b|follow\b|sign up\b|next post|previous post|back to top|acknowledg|appendix\b"
    r"|author contributions|conflicts? of interest|competing interests|funding\b|figure \d|table \d"
    # the same markers in the languages of the headings above
    r"|über (?:den|die) autor|kommentare?\b|teilen\b|à propos de l'auteur|commentaires?\b|partager\b"
    r"|sobre (?:el|la|o|a) autora?\b|comentarios?\b|comentários?\b|compartir\b|compartilhe\b)",
    re.I,
)

# "Murrough JW," / "Murrough, J." / "Carhart-Harris, Robin" / "van der Kolk, B." / "Smith (2013)"
_AUTHOR_START_RE = re.compile(
    r"(?:(?:van|von|de|der|den|da|di|du|le|la|el|al)[ \t]){0,3}[A-Z\u00c0-\u024f][\w'\u2019\-]{0,40}"
    r"(?:,[ \t]|[ \t][A-Z]{1,3}[,.\s]|\.[ \t]\(?\d|[ \t]\(\d)"
)


@dataclass
class Span:
    """Lines ``start``..``end`` (0-based, end exclusive) of one entry, with its plain text."""

    start: int
    end: int
    text: str
    key: str | None = None



def doi_shown(href: str, shown: str) -> bool:
    """A link's DOI already stands in its visible text, so the link adds nothing to keep."""
    m = DOI_RE.search(href)
    return m is not None and href[m.start():].lower() in shown.lower()

def split_lines(text: str) -> list[str]:
    """Source lines as an editor counts them (``\\n``, ``\\r\\n`` or ``\\r``), without line ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def line_starts(text: str) -> list[int]:
    """Offset in ``text`` of the start of each line (``\\n``-separated)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def canonical_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LINE_BREAKERS = str.maketrans({c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def make_body(lines: list[str], blank: set[int] | None = None) -> str:
    """Join lines back; lines in ``blank`` become empty. Stray line separators become spaces,
    so ``body.splitlines()`` and ``body.split("\\n")`` agree with the source's line numbers."""
    blank = blank or set()
    out = ["" if i in blank else line for i, line in enumerate(lines)]
    return "\n".join(out).translate(_LINE_BREAKERS)


def heading_name(line: str) -> str | None:
    """The folded heading name if ``line`` is a reference-list heading (``## References:``), else None."""
    if len(line) > MAX_HEADING_CHARS or not line.strip():
        return None
    name = _HEADING_STRIP_RE.sub("", _HEADING_ATTRS_RE.sub("", line.strip()))
    name = _HEADING_NUMBER_RE.sub("", name.casefold()).strip(" \t*_:#.")
    name = collapse_whitespace(name.replace("&", "and"))
    return name if name in HEADING_NAMES else None


def marker(line: str) -> tuple[str | None, int]:
    """The kind of list marker opening ``line`` ("num", "bracket", "paren", the bullet char) and
    the offset where the entry's text starts; ``(None, indent)`` when there is none."""
    m = _MARKER_RE.match(line)
    if m:
        if m.group("num"):
            kind = "num" + line[m.end("num")]
        elif m.group("br"):
            kind = "bracket"
        elif m.group("par"):
            kind = "paren"
        else:
            kind = m.group("bul")
        return kind, m.end()
    m = _BRACKET_TIGHT_RE.match(line)
    if m:
        return "bracket", m.end()
    return None, len(line) - len(line.lstrip())


def strip_marker(line: str) -> str:
    kind, offset = marker(line)
    return line[offset:] if kind else line


def indent_of(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def looks_like_reference(text: str) -> bool:
    """A cheap test: does this block of text look like a bibliographic reference?

    >>> looks_like_reference("Murrough JW, et al. Biol Psychiatry. 2013;74(4):250-256.")
    True
    >>> looks_like_reference("By Amjad Izhar")
    False
    """
    text = text.strip()
    if len(text) < 12 or is_stop_line(text):
        return False
    head = text[:3000]
    if DOI_RE.search(head) or ISBN_RE.search(head):
        return True
    if URL_RE.search(head):
        # A bare link line counts; a link inside a long sentence of prose does not.
        return len(head) < 400 or bool(YEAR_RE.search(head))
    if not YEAR_RE.search(head):
        return False
    return len(_PUNCT_RE.findall(head[:600])) >= 2 or bool(_QUOTED_RE.search(head))


def is_stop_line(line: str) -> bool:
    """A short line that closes a reference list ("By Amjad Izhar", "Contact: ...", "Comments")."""
    stripped = line.strip().lstrip("#*_ \t")
    return len(stripped) < 120 and bool(_STOP_RE.match(stripped))


def starts_like_author(line: str) -> bool:
    return bool(_AUTHOR_START_RE.match(line.strip()[:200]))


def entry_text(lines: list[str]) -> str:
    """Plain text of an entry's source lines: marker dropped, wrapped lines joined."""
    if not lines:
        return ""
    first = strip_marker(lines[0])
    return collapse_whitespace(" ".join([first, *lines[1:]]))


def split_unmarked(texts: list[str], raw_lines: list[str] | None = None) -> list[tuple[int, int]]:
    """Split a paragraph of unnumbered lines into entries (see :func:`refcheck.extract.listing.split_unmarked`)."""
    from .listing import split_unmarked as split

    return split(texts, raw_lines)


def raw_reference(lines: list[str], span: Span, line_offset: int = 0) -> RawReference:
    raw = "\n".join(lines[span.start:span.end]).rstrip()
    return RawReference(text=span.text, line=span.start + 1 + line_offset, raw=raw, key=span.key)
