"""Same journal? The one definition, used by matching (a candidate's score) and comparing (a finding).

A cited journal names the work's container when the two agree word for word once stop words
are dropped, when one abbreviates the other word by word (ISO 4 style: "Biol." for "Biological",
contractions such as "Natl" for "National"), or when they differ by a typo.

>>> same_journal("Biol. Psychiatry", "Biological Psychiatry")
True
>>> same_journal("American Journal of Psychiatry", "Biological Psychiatry")
False
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from ..normalize import fold

__all__ = ["JOURNAL_STOP_WORDS", "abbreviates", "journal_words", "same_journal"]

# Words an abbreviation may leave out ("J. Psychopharmacol." for "Journal of Psychopharmacology",
# "Ann. Sci. Nat." for "Annales des Sciences Naturelles"). Not "a": it is the series letter of
# "Phys. Rev. A" or "Proc. R. Soc. A", which tells two journals apart.
JOURNAL_STOP_WORDS = frozenset({"of", "the", "and", "in", "for", "on", "de", "la", "und", "der", "des", "du"})

# Full names this similar (rapidfuzz ratio, 0..100) differ only by a typo.
TYPO_RATIO = 92


def journal_words(name: str) -> list[str]:
    """The words of a journal (or publisher) name that count: folded, ``&`` read as "and", stop words dropped.

    >>> journal_words("Journal of Neurology, Neurosurgery & Psychiatry")
    ['journal', 'neurology', 'neurosurgery', 'psychiatry']
    """
    return [w for w in fold(name.replace("&", " and ")).split() if w not in JOURNAL_STOP_WORDS]


def abbreviates(short: Sequence[str], full: Sequence[str]) -> bool:
    """True when each word of ``short`` abbreviates the word of ``full`` in its place.

    A word abbreviates another when it is a prefix of it ("biol" of "biological") or, with the
    same first letter, a subsequence of it (the contraction "natl" of "national").

    >>> abbreviates(["proc", "natl", "acad", "sci"], ["proceedings", "national", "academy", "sciences"])
    True
    """
    if not short or len(short) != len(full):
        return False
    return all(b.startswith(a) or (a[0] == b[0] and _is_subsequence(a, b)) for a, b in zip(short, full, strict=True))


def _is_subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


def same_journal(cited: str, container: str, short_names: Sequence[str] = ()) -> bool:
    """True when ``cited`` names the journal ``container`` or one of its ``short_names``.

    Either side may be the abbreviation. A name made only of stop words ("The") is no journal.

    >>> same_journal("The Lancet", "Lancet")
    True
    >>> same_journal("Nature Medicine", "Nat Med")
    True
    """
    cited_words = journal_words(cited)
    if not cited_words:
        return False
    for name in (container, *short_names):
        words = journal_words(name)
        if not words:
            continue
        if cited_words == words or abbreviates(cited_words, words) or abbreviates(words, cited_words):
            return True
        if fuzz.ratio(" ".join(cited_words), " ".join(words)) >= TYPO_RATIO:
            return True
    return False
