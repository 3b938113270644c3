"""Small text normalisers, each one job, composed where needed.

Used by extraction (markup → text), parsing (dashes, quotes) and comparison
(folding text for equality). Each function takes a string and returns one.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Callable, Iterable

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_TABLE = str.maketrans({c: "-" for c in DASHES})
_QUOTE_TABLE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
})
_SPACE_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"<[^<>]{0,2000}>")
_PUNCT_RE = re.compile(r"[^\w\s]")


def normalize_dashes(text: str) -> str:
    """Every Unicode dash and minus → ASCII hyphen."""
    return text.translate(_DASH_TABLE)


def normalize_quotes(text: str) -> str:
    """Curly and angle quotes → straight quotes."""
    return text.translate(_QUOTE_TABLE)


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace (including newlines and NBSP) → one space, trimmed."""
    return _SPACE_RE.sub(" ", text).strip()


def strip_tags(text: str) -> str:
    """Remove HTML/XML/MathML tags (Crossref titles carry <i>, <sub>, <mml:math>...)."""
    return _TAG_RE.sub("", text)


def unescape_html(text: str) -> str:
    return html.unescape(text)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _latex_converter():  # pylatexenc ships with bibtexparser v2
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


_LATEX_HINT = re.compile(r"[\\{}$~]")


def latex_to_text(text: str) -> str:
    """LaTeX markup → plain text (``\\textit{A}`` → ``A``, ``{\\\"o}`` → ``ö``, ``~`` → space)."""
    if not _LATEX_HINT.search(text):
        return text
    try:
        out = _latex_converter().latex_to_text(text)
    except Exception:  # malformed LaTeX: drop the markup characters rather than fail
        out = re.sub(r"\\[a-zA-Z]+\*?|[{}$]", "", text)
    return out.replace("\u00a0", " ")


def compose(*steps: Callable[[str], str]) -> Callable[[str], str]:
    """Chain normalisers left to right."""

    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return run


def fold(text: str) -> str:
    """Fold text for comparison: tags, entities, accents, case, punctuation and spacing dropped.

    >>> fold("Serotonin and <i>Brain</i> Function: a Tale")
    'serotonin and brain function a tale'
    """
    text = unescape_html(strip_tags(text))
    text = strip_accents(normalize_quotes(normalize_dashes(text))).casefold()
    return collapse_whitespace(_PUNCT_RE.sub(" ", text).replace("_", " "))


def fold_words(text: str) -> list[str]:
    return fold(text).split()


def clean_reference_text(text: str) -> str:
    """The normalisation every free-text reference gets before parsing."""
    return collapse_whitespace(unescape_html(text).replace("\u00ad", ""))


def first_nonempty(values: Iterable[str | None]) -> str:
    for value in values:
        if value:
            return value
    return ""
