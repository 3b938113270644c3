"""Author lists: tell a run of personal names from a title, and split it into names.

Reference styles write names in five shapes, often mixed in one list:

* ``Carhart-Harris, R. L.`` (APA, Harvard: surname, initials)
* ``Carhart-Harris, Robin L.`` (MLA and Chicago first author)
* ``Carhart-Harris RL`` (Vancouver: surname, bare initials)
* ``R. L. Carhart-Harris`` / ``David J. Nutt`` (IEEE, later MLA authors)
* ``World Health Organization`` (corporate)

Everything here is plain string work on short segments; no regex has nested
quantifiers, so run time stays linear in the input.
"""

from __future__ import annotations

import re

from ..normalize import strip_accents

#: Lower-case words that may sit inside a surname (``van der Kolk``, ``de Souza``).
PARTICLES: frozenset[str] = frozenset({
    "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "des", "la", "le", "ter",
    "ten", "dos", "das", "do", "zu", "af", "av", "bin", "ibn", "al", "el", "y", "st", "st.", "mac", "d'",
    "aan", "het", "'t", "op", "in't", "vander", "van't", "e", "degli", "dei", "lo",
})
_CONNECTORS: frozenset[str] = frozenset({"and", "&", "et", "und", "y", "e", "with"})
_SUFFIXES: frozenset[str] = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"})
_EDITOR_MARK = re.compile(r"[(\[]?\b(?:eds?|editors?|hrsg|dir|coord|comp)\b\.?[)\]]?", re.IGNORECASE)
# (?:(?<!\s)|(?!\s)): never start inside a run of spaces, so a long run costs O(n), not O(n^2).
_ET_AL = re.compile(r"(?:(?<!\s)|(?!\s)),?\s*(?:\bet\.?\s*al\b\.?|\bet\s+alii\b|\band\s+others\b|\bet\s+coll?\b\.?|…|\.\s?\.\s?\.)",
                    re.IGNORECASE)
_AND_SPLIT = re.compile(r"(?:(?<!\s)|(?!\s))(?:\s*;|(?:\s*,\s+|\s+)(?:and|&|et|und|y|e)\s+|\s*(?:,\s*)?&\s*)\s*",
                        re.IGNORECASE)  # same splits as \s*(?:;|,?\s+(?:and|...)\s+|,?\s*&\s*)\s*, but linear
_WORD = re.compile(r"[^\s,;]+")
_CORPORATE_WORDS = frozenset({
    "organization", "organisation", "association", "institute", "society", "council", "committee",
    "agency", "department", "university", "foundation", "board", "office", "group", "centre", "center",
    "ministry", "commission", "bureau", "service", "services", "administration", "academy", "network",
    "collaboration", "consortium", "team", "trust", "fund", "bank", "nations", "union", "project",
    "inc", "inc.", "ltd", "corporation", "company", "press", "authority", "programme", "program",
})


def is_initials(token: str) -> bool:
    """``R.``, ``R.L.``, ``J.-P.``, ``RL`` (up to three bare capitals), ``Th.``."""
    core = token.replace(".", "").replace("-", "").replace("\u2010", "")
    if core in {"St", "Ste", "Wm"} and token.endswith("."):
        return core == "Wm"  # "St. Louis" is a surname
    if not core or len(core) > 4 or not core.isalpha():
        return False
    if core.isupper():
        return len(core) <= 3 or "." in token
    # "Th." / "Ch." / "Wm." style abbreviated given names
    return "." in token and len(core) <= 2 and core[0].isupper()


def _is_name_word(token: str) -> bool:
    """A capitalised word, an initial, a particle or a connector."""
    low = token.lower().strip(".,;:")
    if not low:
        return True
    if low in PARTICLES or low in _CONNECTORS or low in _SUFFIXES or low in {"al", "al.", "eds", "ed", "others"}:
        return True
    first = token.lstrip("'\"([{")
    if not first:
        return False
    c = first[0]
    # O'Neil, d'Alembert and McDonald are fine; a lower-case word is not a name
    return c.isupper() or (first[:2].lower() in {"d'", "o'"} and len(first) > 2)


def looks_like_names(segment: str) -> bool:
    """True if ``segment`` could be an author list (every word name-like, no title marks).

    >>> looks_like_names("Duman, Ronald S., and George K. Aghajanian")
    True
    >>> looks_like_names("The Brain's Way of Healing")
    False
    """
    seg = segment.strip()
    if not seg or len(seg) > 600:
        return False
    if any(ch in seg for ch in ':?!"\u201c\u201d') or any(ch.isdigit() for ch in seg):
        return False
    words = _WORD.findall(_ET_AL.sub(" ", _EDITOR_MARK.sub(" ", seg)))
    if not words:
        return False
    if all(_is_name_word(w) for w in words):
        return True
    # "U.S. Department of the Interior": corporate authors may have a few small words
    return _is_corporate(seg) and len(words) <= 12 and all(
        _is_name_word(w) or w in {"of", "the", "for", "on", "in"} for w in words)


def _clean_part(part: str) -> str:
    part = part.strip(" ,;:\t")
    if part.endswith(".") and not is_initials(part.split()[-1]) and part.split()[-1].lower() not in _SUFFIXES:
        part = part[:-1]
    return re.sub(r"(\w)- (\w)", r"\1-\2", part)  # hyphenation left by line wrapping


def _given_like(part: str, first: bool) -> bool:
    """Could ``part`` be the given-name half of an inverted ``Surname, Given`` name?"""
    toks = part.split()
    if not toks or len(toks) > 4:
        return False
    if not all(is_initials(t) or (t[:1].isupper() and t.replace("-", "").replace(".", "").replace("'", "").isalpha())
               or t.lower() in PARTICLES or t.lower().strip(".") in _SUFFIXES for t in toks):
        return False
    if len(toks) == 1 or all(is_initials(t) for t in toks):
        return True
    last = toks[-1]
    # "Ronald S." is a given name; "George Aghajanian" is a whole name, unless it is the
    # first author of an MLA list, which is always inverted.
    return is_initials(last) or last.lower().strip(".") in _SUFFIXES or (first and len(toks) <= 3)


def _natural(tokens: list[str]) -> tuple[str, str]:
    """Split ``Given Middle [particles] Surname [Jr.]`` into (surname, given)."""
    suffix = ""
    if len(tokens) > 1 and tokens[-1].lower().strip(".,") in _SUFFIXES:
        suffix = tokens.pop()
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1].lower() in PARTICLES:
        i -= 1
    last = " ".join(tokens[i:])
    given = " ".join(tokens[:i])
    if suffix:  # kept with the given name so the surname stays a clean key
        given = f"{given} {suffix}".strip()
    return last, given


def _split_one(part: str) -> tuple[str, str] | None:
    """One name written without a comma: Vancouver ``Yang G``, ``Bykov A.M.``, or natural order."""
    toks = part.split()
    if not toks:
        return None
    if len(toks) == 1:
        return toks[0], ""
    if len(toks) > 2 and toks[-1].lower().strip(".") in _SUFFIXES:
        # Vancouver "Zarate CA Jr": the suffix follows the initials; keep it with the given names.
        inner = _split_one(" ".join(toks[:-1]))
        if inner and inner[1]:
            return inner[0], f"{inner[1]} {toks[-1]}"
    if is_initials(toks[-1]) and not is_initials(toks[0]):
        # Vancouver / astro: surname then initials ("Marras WS", "van der Kolk BA", "Uvarov Y.A.")
        j = len(toks)
        while j > 1 and is_initials(toks[j - 1]):
            j -= 1
        given = " ".join(toks[j:])
        if given.isalpha() and given.isupper():  # Vancouver "JW" → "J. W." so BibTeX sees two initials
            given = " ".join(c + "." for c in given)
        return " ".join(toks[:j]), given
    return _natural(toks)


def _is_corporate(part: str) -> bool:
    words = part.lower().replace(",", " ").split()
    return len(words) >= 2 and any(w.strip(".()") in _CORPORATE_WORDS for w in words)


def split_names(segment: str) -> tuple[list[tuple[str, str]], bool]:
    """Split an author list into ``(surname, given)`` pairs; the flag says *et al.* was present.

    >>> split_names("Williams, Mark, John Teasdale, and Jon Kabat-Zinn.")
    ([('Williams', 'Mark'), ('Teasdale', 'John'), ('Kabat-Zinn', 'Jon')], False)
    >>> split_names("Marras WS, Yang G, et al.")
    ([('Marras', 'W. S.'), ('Yang', 'G.')], True)
    """
    seg = _EDITOR_MARK.sub(" ", segment)
    others = bool(_ET_AL.search(seg))
    seg = _ET_AL.sub(" ", seg).strip(" ,;:")
    if seg.endswith(".") and not is_initials(seg.split()[-1] if seg.split() else ""):
        seg = seg[:-1]
    if not seg:
        return [], others
    if _is_corporate(seg) and "," not in seg and ";" not in seg and not any(is_initials(t) for t in seg.split()):
        return [(seg, "")], others
    names: list[tuple[str, str]] = []
    for group in _AND_SPLIT.split(seg):
        parts = [p for p in (_clean_part(x) for x in group.split(",")) if p]
        i = 0
        while i < len(parts):
            part = parts[i]
            toks = part.split()
            nxt = parts[i + 1] if i + 1 < len(parts) else ""
            suffix = ""
            if nxt.lower().strip(".") in _SUFFIXES and i + 2 < len(parts):
                suffix, nxt = nxt, parts[i + 2]  # "Miller, III, C. F."
            no_initials = all(not is_initials(t) for t in toks)
            single_surname = no_initials and (len(toks) == 1 or all(t.lower() in PARTICLES for t in toks[:-1]))
            # "Ait Messaoudene, N." / "Fukunishi Suzuki, Midori": a surname of several words
            multi_surname = no_initials and 1 < len(toks) <= 3 and nxt and (
                all(is_initials(t) for t in nxt.split()) or (not names and len(nxt.split()) == 1))
            if (single_surname or multi_surname) and nxt and _given_like(nxt, first=not names):
                given = nxt
                i += 3 if suffix else 2
                if i < len(parts) and parts[i].lower().strip(".") in _SUFFIXES:
                    suffix, i = parts[i], i + 1  # "Exner, J. E., Jr."
                names.append((part, f"{given} {suffix}".strip() if suffix else given))
                continue
            if part.lower().strip(".") in _SUFFIXES and names:
                i += 1
                continue
            one = _split_one(part)
            if one:
                names.append(one)
            i += 1
    return names, others


def format_names(names: list[tuple[str, str]], others: bool = False) -> str:
    """BibTeX form: ``Last, First and Last, First`` (``and others`` for *et al.*).

    >>> format_names([("Duman", "Ronald S."), ("Monteggia", "Lisa M.")], True)
    'Duman, Ronald S. and Monteggia, Lisa M. and others'
    """
    out = []
    for last, given in names:
        if not given and " " in last and _is_corporate(last):
            out.append("{" + last + "}")  # corporate author: braces keep BibTeX from splitting it
        else:
            out.append(f"{last}, {given}" if given else last)
    if others:
        out.append("others")
    return " and ".join(out)


def surnames(field: str) -> list[str]:
    """Surnames of a BibTeX ``author`` field, folded to lower-case ASCII letters (for comparison and keys).

    >>> surnames("van der Kolk, Bessel A. and Carhart-Harris, R. L. and others")
    ['vanderkolk', 'carhartharris']
    """
    out = []
    for name in re.split(r"\s+and\s+", field):
        name = name.strip()
        if not name or name == "others":
            continue
        if name.startswith("{") and name.endswith("}"):
            last = name  # corporate author: the whole name
        elif "," in name:
            last = name.split(",")[0]
        else:  # natural order: the last word with its particles
            last = " ".join(_natural(name.replace("{", "").replace("}", "").split())[0:1])
        folded = "".join(c for c in strip_accents(last).lower() if "a" <= c <= "z")
        if folded:
            out.append(folded)
    return out
