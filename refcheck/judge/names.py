"""Which surname keys a cited name and a record's name may share, however each side split the name.

Citations and records split the same person differently: a parser reading ``Mauro Dalla Serra``
given-first leaves ``Dalla`` among the given names; publishers deposit ``Rahmath P`` (an initial in
the family field), ``N K`` with the given name ``Cauvery``, ``Lagkadinou, MD, Ph.D.``, or a CJK name
in two fields that a citation writes whole (``姜福豪``). Pure functions, no I/O.
"""

from __future__ import annotations

import re

from ..model import Author
from ..normalize import surname_key

__all__ = ["INITIALS_MESSAGE", "cited_keys", "is_initial_word", "record_keys"]

#: How the compare stage's initials warning begins (the text witness keeps those: see text_witness).
INITIALS_MESSAGE = "The initials of "
_INITIAL_WORD = re.compile(r"[A-Z]\.?|[A-Z]\.?-[A-Z]\.?")


def is_initial_word(word: str) -> bool:
    """``P`` / ``K.`` / ``J.-P.``: one initial."""
    return _INITIAL_WORD.fullmatch(word) is not None


def record_keys(author: Author) -> set[str]:
    """The surname keys a citation may give for a record's author.

    >>> sorted(record_keys(Author("Rahmath P", "Haseena")))
    ['haseenarahmathp', 'rahmath', 'rahmathp', 'rahmathphaseena']
    >>> "cauvery" in record_keys(Author("N K", "Cauvery"))
    True
    """
    keys = {surname_key(author.family)}
    if "," in author.family:  # "Lagkadinou, MD, Ph.D." / "Faculty of Humanities, Udayana University, Bali"
        keys.add(surname_key(author.family.split(",")[0]))
    words = author.family.split()
    core = [w for w in words if not is_initial_word(w)]
    if core and len(core) < len(words):
        keys.add(surname_key(" ".join(core)))
    if author.given:
        if not core:  # the family field holds only initials: the given name is the name cited
            keys.add(surname_key(author.given))
        keys.add(surname_key(f"{author.family}{author.given}"))  # CJK written whole, family first
        keys.add(surname_key(f"{author.given}{author.family}"))
    return keys - {""}


def cited_keys(family: str, given: str) -> set[str]:
    """``Serra, Mauro Dalla`` / ``Jerinkić, N. Krklec``: a name read given-first may have left a surname word
    among the given names.

    >>> sorted(cited_keys("Jerinkić", "N. Krklec"))
    ['jerinkic', 'krklecjerinkic']
    """
    keys = {surname_key(family)}
    words = given.split()
    if len(words) >= 2 and not is_initial_word(words[-1]) and words[-1][:1].isupper():
        keys.add(surname_key(f"{words[-1]} {family}"))
    return keys - {""}
