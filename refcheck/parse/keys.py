"""Citation keys: stable, readable, unique within a document.

A key is the first author's surname folded to ASCII lower-case letters, the year,
and the first significant word of the title: ``carhartharris2017serotonin``.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from ..normalize import strip_accents
from .names import surnames

STOPWORDS: frozenset[str] = frozenset({
    "a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "from", "by", "at", "as", "is", "are",
    "how", "why", "what", "when", "do", "does", "its", "into", "about", "towards", "toward", "via", "new",
    "der", "die", "das", "le", "la", "les", "el", "los", "un", "une", "il", "lo", "de", "du", "des",
})
_YEAR = re.compile(r"\d{4}")


def _ascii_letters(text: str) -> str:
    return "".join(c for c in strip_accents(text).lower() if "a" <= c <= "z")


def base_key(fields: Mapping[str, str]) -> str:
    """The key before de-duplication.

    >>> base_key({"author": "Carhart-Harris, Robin L. and Nutt, David J.", "year": "2017",
    ...           "title": "Serotonin and brain function: a tale of two receptors"})
    'carhartharris2017serotonin'
    """
    names = surnames(fields.get("author", "") or fields.get("editor", ""))
    who = names[0] if names else ""
    if not who:
        who = "anon"
    year_match = _YEAR.search(fields.get("year", ""))
    year = year_match.group(0) if year_match else ""
    word = ""
    for raw in re.split(r"[\s\-\u2010-\u2015/]+", fields.get("title", "")):
        folded = _ascii_letters(raw)
        if len(folded) > 1 and folded not in STOPWORDS:
            word = folded
            break
    return (who[:24] + year + word[:20]) or "ref"


def unique_keys(bases: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Make keys unique in order: the second ``smith2020x`` becomes ``smith2020xa``, then ``...b``.

    >>> unique_keys(["smith2020x", "smith2020x", "jones2019y"])
    ['smith2020x', 'smith2020xa', 'jones2019y']
    """
    used = set(taken)
    next_suffix: dict[str, int] = {}  # suffixes below this were all taken: n keys sharing a base stay O(n)
    out = []
    for base in bases:
        key, n = base, next_suffix.get(base, 0)
        while key in used:
            key = base + _suffix(n)
            n += 1
        next_suffix[base] = n
        used.add(key)
        out.append(key)
    return out


def _suffix(n: int) -> str:
    """a..z, then aa, ab..."""
    letters = ""
    n += 1
    while n > 0:
        n, r = divmod(n - 1, 26)
        letters = chr(97 + r) + letters
    return letters
