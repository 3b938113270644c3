"""What a link's text says about the work it links to: year, journal, first author.

``a [2016 review in Nature Medicine](https://doi.org/10.1038/nm.4050)`` says the
work is from 2016 and in Nature Medicine; ``[Duman et al.](…)`` names its first
author. These become BibTeX fields (``year``, ``journal``, ``author``) that the
judge holds against the record, as it does a list entry's. A field is given
only when the text plainly names it: a false claim here would be a false
alarm, so anything unclear is left out.

>>> claims("a 2016 review in Nature Medicine")
{'year': '2016', 'journal': 'Nature Medicine'}
>>> claims("Duman and colleagues (2016)")
{'year': '2016', 'author': 'Duman and others'}
>>> claims("this study")
{}
"""

from __future__ import annotations

import re

__all__ = ["claims", "JOURNAL_WORDS"]

_YEAR_RE = re.compile(r"(?<![\d/.\-])(1[6-9]\d\d|20\d\d)(?![\d/]|s\b|['\u2019]s\b)")
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_WORD = rf"[{_UPPER}][\w'\u2019\-]*"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|le|la|del|della|ten|ter|dos)"
_NAME = rf"(?:{_PARTICLE}\s)*{_WORD}"
_YEAR_AHEAD = r"(?=\s*,?\s*\(?(?:1[6-9]|20)\d\d\b)"

# "Duman et al." / "Duman and colleagues" / "Duman & Aghajanian (2016)" / "Duman (2016)" / "by Duman".
_AUTHOR_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\w.])(?P<name>{_NAME})\s*,?\s+et\.?\s*al\b"),
    re.compile(rf"(?<![\w.])(?P<name>{_NAME})\s+(?:and|&)\s+(?:colleagues|co-?workers|collaborators|co-?authors)\b"),
    re.compile(rf"(?<![\w.])(?P<name>{_NAME})\s+(?:and|&)\s+{_NAME}{_YEAR_AHEAD}"),
    re.compile(rf"^(?:[Ss]ee\s+)?(?P<name>{_NAME}){_YEAR_AHEAD}"),
    re.compile(rf"\bby\s+(?P<name>{_NAME})(?=\s*(?:$|[,;(]|et\b|and\b|&|\d))"),
)

# Where a journal is named: "in Nature Medicine", "published in the BMJ", "a Lancet study".
_RUN = rf"{_WORD}(?:\s+(?:of|and|&|for|the|on|{_WORD}))*"
_JOURNAL_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:published\s+|appeared\s+)?in\s+(?:the\s+)?(?P<name>{_RUN})"),
    re.compile(rf"(?P<name>{_RUN})\s+(?:paper|study|review|article|report|trial|meta-analysis|analysis|"
               r"commentary|editorial|letter|survey|piece|publication)\b"),
)
_JOINERS = frozenset({"of", "and", "&", "for", "the", "on"})

#: Words that make a capitalised name a journal's ("in Nature Medicine"), not a place or a
#: body ("in Canada", "a Harvard study"): only names holding one are taken as a journal.
JOURNAL_WORDS: frozenset[str] = frozenset("""
journal journals review reviews letters proceedings annals archives bulletin transactions reports
medicine psychiatry psychology neuroscience neurology science sciences nature cell lancet jama bmj nejm pnas
plos neuron research physics chemistry biology genetics cancer cardiology pediatrics paediatrics epidemiology
psychopharmacology pharmacology oncology immunology economics sociology ecology evolution
""".split())

# Capitalised words that never name an author here (they start sentences or name months and kinds of text).
_NOT_NAMES: frozenset[str] = frozenset("""
a an the this that these those our my his her their its see in on at by for and or new one two recent
review study paper article report trial analysis survey letter editorial commentary meta-analysis
january february march april may june july august september october november december
""".split()) | JOURNAL_WORDS


def _year(text: str) -> str | None:
    years = set(_YEAR_RE.findall(text))
    return years.pop() if len(years) == 1 else None  # two years: which one is the work's is unclear


def _journal(text: str) -> str | None:
    for pattern in _JOURNAL_RES:
        for m in pattern.finditer(text):
            words = m.group("name").split()
            while words and words[-1].lower() in _JOINERS:
                words.pop()
            while words and words[0].lower() in ("the", "a", "an", "this"):
                words.pop(0)
            if words and any(w.lower().strip("'\u2019s") in JOURNAL_WORDS for w in words):
                return " ".join(words)
    return None


def _author(text: str, journal: str | None) -> str | None:
    for pattern in _AUTHOR_RES:
        m = pattern.search(text)
        if m is None:
            continue
        name = m.group("name").strip()
        last = name.split()[-1]
        if last.lower() in _NOT_NAMES or (journal and last in journal.split()) or len(last) < 2:
            continue
        return name
    return None


def claims(text: str) -> dict[str, str]:
    """BibTeX fields for what ``text`` (a link's text) plainly says of the work it links to."""
    text = " ".join(text.split())[:400]
    out: dict[str, str] = {}
    year = _year(text)
    if year:
        out["year"] = year
    journal = _journal(text)
    if journal:
        out["journal"] = journal
    author = _author(text, journal)
    if author:
        out["author"] = f"{author} and others"  # the first author only: others may follow
    return out
