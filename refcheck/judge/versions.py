"""Which Crossref records are one work: a DOI per version, a preprint, a copy registered twice.

Crossref may hold one work under several DOIs: a journal article and its preprint, an article and
its JSTOR copy, a paper printed by two journals. :func:`~refcheck.judge.match.choose_match` treats
such records as one work (never ``ambiguous``) and names the others as alternates. Pure functions.

>>> from refcheck.model import Author
>>> same_work(Work("10.1/a", "T", authors=(Author("Gittins"),), year=1979),
...           Work("10.2/b", "t", authors=(Author("GITTINS"),), year=1979))
True
"""

from __future__ import annotations

from ..model import Work
from ..normalize import expand_page_range, fold, normalize_doi, surname_key

__all__ = ["PERIPHERAL_TYPES", "same_work"]

# Crossref record types that are never the cited work when a real publication competes.
PERIPHERAL_TYPES = frozenset({"peer-review", "component", "journal-issue", "grant", "dataset", "other"})


def same_work(a: Work, b: Work) -> bool:
    """Two records of one work (Crossref holds duplicates: a DOI per version).

    The records' own ``relation`` says so first (a preprint and its journal version, an identical copy);
    else the same title and numbers, or the same title, authors and year (a journal's DOI and its JSTOR
    copy, a preprint whose record names no journal version). Reviews of a book carry its title but not
    its authors, and the parts of a paper printed in two issues have their own pages, so they stay
    other works.
    """
    doi_a, doi_b = normalize_doi(a.doi), normalize_doi(b.doi)
    if doi_a == doi_b or doi_b in a.same_work_dois or doi_a in b.same_work_dois:
        return True
    if not fold(a.title) or fold(a.title) != fold(b.title):
        return False
    if (fold(a.volume) == fold(b.volume) and expand_page_range(a.pages)[0] == expand_page_range(b.pages)[0]
            and a.year == b.year and bool(a.volume or a.pages)):
        return True
    if a.type in PERIPHERAL_TYPES or b.type in PERIPHERAL_TYPES:
        return False
    first_a, first_b = expand_page_range(a.pages)[0], expand_page_range(b.pages)[0]
    if first_a and first_b and first_a != first_b and fold(a.container) == fold(b.container):
        return False  # two articles of one journal under one title: the parts of Shannon 1948
    return _same_authors(a, b) and bool(_years(a) & _years(b))


def _years(work: Work) -> set[int]:
    return set(work.years) | ({work.year} if work.year else set())


def _same_authors(a: Work, b: Work) -> bool:
    """The same first author, and most of the shorter list in the longer (a preprint may gain an author)."""
    keys_a = [k for k in (surname_key(p.family) for p in a.authors) if k]
    keys_b = [k for k in (surname_key(p.family) for p in b.authors) if k]
    if not keys_a or not keys_b or keys_a[0] != keys_b[0]:
        return False
    shorter, longer = sorted((keys_a, keys_b), key=len)
    return sum(1 for k in shorter if k in longer) >= 0.75 * len(shorter)
