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

from ..normalize import normalize_name_marks, strip_accents

#: Lower-case words that may sit inside a surname (``van der Kolk``, ``de Souza``).
PARTICLES: frozenset[str] = frozenset({
    "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "des", "la", "le", "ter",
    "ten", "dos", "das", "do", "zu", "af", "av", "bin", "ibn", "al", "el", "y", "st", "st.", "mac", "d'",
    "aan", "het", "'t", "\u2018t", "\u2019t", "op", "in't", "vander", "van't", "e", "degli", "dei", "lo", "los", "las",
    # also capitalised before the last word of a given-first name: "Mauro Dalla Serra", "S. Ben Hamida"
    "dalla", "dal", "delle", "dello", "ben", "bint", "abu", "vom", "zum", "zur", "te",
})
# "und" (German), "y" (Spanish), "e" (Portuguese, Italian), "dan" (Indonesian, Malay), "ve" (Turkish)
_CONNECTORS: frozenset[str] = frozenset({"and", "&", "et", "und", "y", "e", "dan", "ve", "with"})
_SUFFIXES: frozenset[str] = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"})
# Case matters outside brackets: Vancouver "Hiester ED" is initials, not an editor mark.
_EDITOR_MARK = re.compile(r"[(\[]\s?(?i:eds?|editors?|hrsg|dir|coord|comp)\.?\s?[)\]]"
                          r"|\b(?:[Ee]ds?|[Ee]ditors?|[Hh]rsg|[Dd]ir|[Cc]oord|[Cc]omp)\b\.?")
# (?:(?<!\s)|(?!\s)): never start inside a run of spaces, so a long run costs O(n), not O(n^2).
_ET_AL = re.compile(r"(?:(?<!\s)|(?!\s)),?\s*(?:\bet\.?\s*al\b\.?|\bet\s+alii\b|\band\s+others\b|\bet\s+coll?\b\.?|…|\.\s?\.\s?\.)",
                    re.IGNORECASE)
_AND_SPLIT = re.compile(r"(?:(?<!\s)|(?!\s))(?:\s*;|(?<=\.)/|(?:\s*,\s+|\s+)(?:and|&|et|und|y|e|dan|ve)\s+"
                        r"|\s*(?:,\s*)?&\s*)\s*",
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


# A Chinese, Japanese or Korean name written in its own script: no letter case, and a few characters
# (a title in those scripts runs longer). "姜福豪", "山田太郎", "김민수"; inverted "姜, 福豪".
_CJK_NAME = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{1,5}")
# Two-character Chinese surnames; any other surname is one character, so "姜, 福豪" is one name.
_CJK_COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "夏侯", "慕容", "尉迟", "长孙", "宇文", "司徒", "公孙",
    "歐陽", "諸葛", "東方", "長孫",
})


def is_cjk_name(token: str) -> bool:
    """``姜福豪`` / ``福豪``: a short run of CJK or Hangul characters."""
    # the first character settles most calls (Latin names) without the regex
    return token[:1] >= "\u3040" and _CJK_NAME.fullmatch(token.strip(".,;:")) is not None


def _cjk_inverted(family: str, given: str) -> bool:
    """``姜, 福豪``: a CJK surname (one character, or a known two-character one), then the given name."""
    family, given = family.strip(" ."), given.strip(" .")
    return is_cjk_name(family) and is_cjk_name(given) and len(given) <= 2 and (
        len(family) == 1 or family in _CJK_COMPOUND_SURNAMES)


def _is_name_word(token: str) -> bool:
    """A capitalised word, an initial, a particle or a connector (or a short CJK name)."""
    low = token.lower().strip(".,;:")
    if not low:
        return True
    if is_cjk_name(token):
        return True
    if low in PARTICLES or low in _CONNECTORS or low in _SUFFIXES or low in {"al", "al.", "eds", "ed", "others"}:
        return True
    # "&Ciepiela": an ampersand run into the name; "W. -J. Gong"; Arabic "al-Iṣfahānī", "ʿAlī"
    first = _ARABIC_LEAD.sub("", token.lstrip("\"([{&-")) or "al"
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
    if not seg or len(seg) > 1500:
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
    last = part.split()[-1] if part.split() else ""
    if part.endswith(".") and not is_initials(last) and last.lower() not in _SUFFIXES and \
            not _PARTICLE_INITIAL.fullmatch(last):
        part = part[:-1]
    return re.sub(r"(\w)- (\w)", r"\1-\2", part)  # hyphenation left by line wrapping


_PARTICLE_INITIAL = re.compile(r"[a-z]\.")  # "Bosh, K. v. d.": abbreviated particles


def _caps_surname(toks: list[str]) -> bool:
    """``LIU`` / ``DA SILVA`` / ``BÖRSTLER``: a surname in capitals (Chinese, ABNT, Czech styles)."""
    letters = "".join(toks).replace("-", "").replace("'", "")
    return 0 < len(toks) <= 4 and all(len(t) >= 2 for t in toks) and letters.isalpha() and letters.isupper()


_ARABIC_LEAD = re.compile(r"^[\u02bb\u02bf\u2018'\u2019]|^(?:al|el)-")


def _given_like(part: str, first: bool) -> bool:
    """Could ``part`` be the given-name half of an inverted ``Surname, Given`` name?"""
    # Arabic names: "al-Rāghib", "ʿAlī", a trailing "al-" ("Ashʿarī, Abū al-Ḥasan al-")
    toks = [_ARABIC_LEAD.sub("", t) or "al" for t in part.split()]
    if toks and len(toks) <= 7 and all(is_initials(t) or _PARTICLE_INITIAL.fullmatch(t) for t in toks):
        return True  # "Yussof, W. N. J. H. W."
    if not toks or len(toks) > 4:
        return False
    if not all(is_initials(t) or (t[:1].isupper() and t.replace("-", "").replace(".", "").replace("'", "").isalpha())
               or t.lower() in PARTICLES or t.lower().strip(".") in _SUFFIXES for t in toks):
        return False
    while len(toks) > 1 and toks[-1].islower() and toks[-1] in PARTICLES:
        toks = toks[:-1]  # "Reis, A.L. dos": the particle of the surname, printed after the initials
    if len(toks) == 1:
        return True
    last = toks[-1]
    # "Ronald S." is a given name; "George Aghajanian" is a whole name, unless it is the
    # first author of an MLA list, which is always inverted ("Ives Gandra da Silva": particles aside).
    return is_initials(last) or last.lower().strip(".") in _SUFFIXES or (
        first and sum(t.lower() not in PARTICLES for t in toks) <= 3)


def _natural(tokens: list[str]) -> tuple[str, str]:
    """Split ``Given Middle [particles] Surname [Jr.]`` into (surname, given)."""
    suffix = ""
    if len(tokens) > 1 and tokens[-1].lower().strip(".,") in _SUFFIXES:
        suffix = tokens.pop()
    i = len(tokens) - 1
    # a capitalised first word is a given name even when it could be a particle ("Ben Goldacre")
    while i > 0 and tokens[i - 1].lower() in PARTICLES and not (i == 1 and tokens[0][:1].isupper()):
        i -= 1
    last = " ".join(tokens[i:])
    if last.endswith(".") and not last[-2:-1].isupper():
        last = last[:-1]  # "and Bo Li.": the sentence's period, not an abbreviation
    given = " ".join(tokens[:i])
    if suffix:  # kept with the given name so the surname stays a clean key
        given = f"{given} {suffix}".strip()
    return last, given


_DOTTED_NAME = re.compile(r"([A-Z][a-z][\w'\-]{0,30})\.((?:[A-Z]\.?){1,3})")
_SURNAME_SYLLABLE = re.compile(r"[B-DF-HJ-NP-TV-Z][AEIOUY]")  # "LI", "WU", "MA"; not "RL" or "AJ"


def _caps_first(toks: list[str]) -> bool:
    """``WANG Zihang`` / ``BOAG Paul`` / ``LIU H L``: the capitalised word first is the surname."""
    first, rest = toks[0], toks[1:]
    if not (first.isalpha() and first.isupper() and len(first) >= 2):
        return False
    if len(first) == 2 and not _SURNAME_SYLLABLE.fullmatch(first):
        return False
    if all(is_initials(t) and t.replace(".", "").replace("-", "").isupper() for t in rest):
        return True  # "LIU H L" / "ZHANG GX"
    return all(t[:1].isupper() and not t.isupper() and len(t) > 2 and "." not in t for t in rest) and len(rest) <= 2


def _caps_last(toks: list[str]) -> bool:
    """``Hong-Wei HUO``: given names in mixed case, then the surname in capitals (not Vancouver initials)."""
    last = toks[-1].removesuffix(".")  # "Hong-Wei HUO.": the sentence's period
    return len(toks) >= 2 and len(last) >= 2 and last.replace("-", "").replace("'", "").isalpha() and last.isupper() \
        and all(t[:1].isupper() and not t.isupper() and "." not in t for t in toks[:-1])


def _split_one(part: str, caps_surnames: bool = False) -> tuple[str, str] | None:
    """One name written without a comma: Vancouver ``Yang G``, ``Bykov A.M.``, or natural order.

    ``caps_surnames``: the list writes surnames in capitals (``YU, Qiang, and Hong-Wei HUO``), so a
    capitalised last word is the surname, not initials.
    """
    toks = part.split()
    if not toks:
        return None
    if len(toks) == 2 and _cjk_inverted(toks[0], toks[1]) != _cjk_inverted(toks[1], toks[0]):
        # "姜 福豪" (native order) or "福豪 姜" (given first): the one-character part is the surname
        return (toks[0], toks[1]) if _cjk_inverted(toks[0], toks[1]) else (toks[1], toks[0])
    if caps_surnames and _caps_last(toks):
        return toks[-1].removesuffix("."), " ".join(toks[:-1])
    if len(toks) == 1:
        m = _DOTTED_NAME.fullmatch(toks[0])  # "Kim.S." / "Gartland.D.": surname and initials run together
        return (m.group(1), m.group(2)) if m else (toks[0], "")
    if len(toks) == 2 and toks[1][:1] == "(" and toks[1][-1:] == ")" and is_initials(toks[1][1:-1]):
        return toks[0], toks[1][1:-1]  # French "Bautier (R.-H.)"
    if _caps_first(toks):
        return toks[0], " ".join(toks[1:])
    if len(toks) > 2 and toks[-1].lower().strip(".") in _SUFFIXES:
        # Vancouver "Zarate CA Jr": the suffix follows the initials; keep it with the given names.
        inner = _split_one(" ".join(toks[:-1]))
        if inner and inner[1]:
            return inner[0], f"{inner[1]} {toks[-1]}"
    # "Bo Li." (natural order, sentence period) is not Vancouver: trailing initials are capitals
    if is_initials(toks[-1]) and toks[-1].replace(".", "").replace("-", "").isupper() and not is_initials(toks[0]):
        # Vancouver / astro: surname then initials ("Marras WS", "van der Kolk BA", "Uvarov Y.A.")
        j = len(toks)
        # "Steffens TM de M": a lower-case particle among the initials (Thalya Miriam de Mattos)
        while j > 1 and (is_initials(toks[j - 1]) or (
                toks[j - 1].islower() and toks[j - 1] in PARTICLES and j > 2 and is_initials(toks[j - 2]))):
            j -= 1
        given = " ".join(toks[j:])
        bare = given.rstrip(".")
        if bare.isalpha() and bare.isupper():  # Vancouver "JW" → "J. W." so BibTeX sees two initials
            given = " ".join(c + "." for c in bare)
        return " ".join(toks[:j]), given
    return _natural(toks)


def _is_corporate(part: str) -> bool:
    words = part.lower().replace(",", " ").split()
    return len(words) >= 2 and any(w.strip(".()") in _CORPORATE_WORDS for w in words)


# Small words that join the parts of a body's name but never a person's ("de", "von" are particles)
_CORPORATE_SMALL = frozenset({"of", "for", "für", "on", "the", "to", "pour"})


def corporate_like(segment: str) -> bool:
    """``Transport for London`` / ``Centers for Disease Control and Prevention``: a body's name, one author."""
    words = segment.strip(" .").split()
    if not 2 <= len(words) <= 10 or "," in segment or ";" in segment or any(is_initials(w) for w in words):
        return False
    if _is_corporate(segment):
        return True
    small = [w for w in words if not w[:1].isupper()]
    return any(w in _CORPORATE_SMALL for w in small) and words[0][:1].isupper() \
        and all(w in _CORPORATE_SMALL or w.lower() in _CONNECTORS for w in small)


def split_names(segment: str) -> tuple[list[tuple[str, str]], bool]:
    """Split an author list into ``(surname, given)`` pairs; the flag says *et al.* was present.

    >>> split_names("Williams, Mark, John Teasdale, and Jon Kabat-Zinn.")
    ([('Williams', 'Mark'), ('Teasdale', 'John'), ('Kabat-Zinn', 'Jon')], False)
    >>> split_names("Marras WS, Yang G, et al.")
    ([('Marras', 'W. S.'), ('Yang', 'G.')], True)
    """
    seg = _EDITOR_MARK.sub(" ", normalize_name_marks(segment))  # "O\u2019Brien" is "O'Brien" to every rule here
    others = bool(_ET_AL.search(seg))
    seg = _ET_AL.sub(",", seg).strip(" ,;:")  # a comma: APA "Dallio, M., . . . Luzza, F." keeps two names
    if seg.endswith(".") and not is_initials(seg.split()[-1]) and not _PARTICLE_INITIAL.fullmatch(seg.split()[-1]):
        seg = seg[:-1]
    if not seg:
        return [], others
    if corporate_like(seg):
        return [(seg, "")], others
    names: list[tuple[str, str]] = []
    inverted = False  # the names so far were written "Surname, Given"
    for g, group in enumerate(_AND_SPLIT.split(seg)):
        parts = [p for p in (_clean_part(x) for x in group.split(",")) if p]
        # "Barotto, A. & Lo Baido, Maria Cristina" / "...; Bin Ali, Nauman;": one inverted name per group
        group_inverted = g > 0 and inverted and len(parts) == 2
        i = 0
        while i < len(parts):
            part = parts[i]
            toks = part.split()
            nxt = parts[i + 1] if i + 1 < len(parts) else ""
            suffix = ""
            if nxt.lower().strip(".") in _SUFFIXES and i + 2 < len(parts):
                suffix, nxt = nxt, parts[i + 2]  # "Miller, III, C. F."
            elif len(toks) > 1 and toks[-1].lower().strip(".") in _SUFFIXES and nxt and (
                    toks[-1].endswith(".") or not toks[-1].isupper()):  # not Vancouver "Shah SR"
                suffix, toks = toks[-1], toks[:-1]  # "Brown Jr, William O." / "DELMANTO JR., Roberto"
                part = " ".join(toks)
            no_initials = all(not is_initials(t) for t in toks)
            single_surname = no_initials and (len(toks) == 1 or all(t.lower() in PARTICLES for t in toks[:-1])) \
                and not _DOTTED_NAME.fullmatch(toks[-1])
            # "Ait Messaoudene, N." / "González De La Vega, J.P." / "Thomas Coffman, Jana M.": a surname of
            # several words, before initials or (first author) a given name that ends in an initial
            nxt_toks = nxt.split()
            multi_surname = no_initials and 1 < len(toks) <= 4 and bool(nxt) and (
                all(is_initials(t) for t in nxt_toks) or (not names and (
                    len(nxt_toks) == 1 or (len(nxt_toks) <= 3 and is_initials(nxt_toks[-1])))))
            # ABNT "DA SILVA, Virgílio" (not Vancouver "GOVENDER AB, SMITH X. Y.": the next part is a name)
            caps = _caps_surname(toks) and bool(nxt) and not _caps_surname(nxt_toks[:1]) and not (
                len(nxt_toks) > 1 and nxt_toks[-1].isupper() and nxt_toks[-1].isalpha())
            step = 3 if suffix and nxt is not parts[i + 1] else 2
            if _cjk_inverted(part, nxt):
                names.append((part.strip(" ."), nxt.strip(" .")))
                i += 2
                continue
            if (single_surname or multi_surname or caps or (group_inverted and no_initials and len(toks) <= 3)) \
                    and nxt and _given_like(nxt, first=not names or caps or group_inverted):
                given = nxt
                i += step
                if i < len(parts) and parts[i].lower().strip(".") in _SUFFIXES:
                    suffix, i = parts[i], i + 1  # "Exner, J. E., Jr."
                names.append((part, f"{given} {suffix}".strip() if suffix else given))
                inverted = True
                continue
            if part.lower().strip(".") in _SUFFIXES and names:
                i += 1
                continue
            one = _split_one(parts[i], caps_surnames=any(_caps_surname(f.split()) for f, _ in names))
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
        if not given and " " in last and (_is_corporate(last) or corporate_like(last)):
            out.append("{" + last + "}")  # corporate author: braces keep BibTeX from splitting it
        else:
            out.append(f"{last}, {given}" if given else last)
    if others:
        out.append("others")
    return " and ".join(out)


_BIBTEX_AND = re.compile(r"\s+and\s+(?![^{}]{0,300}\})")  # not inside braces: "{Centers for X and Y}"


def surnames(field: str) -> list[str]:
    """Surnames of a BibTeX ``author`` field, folded to lower-case ASCII letters (for comparison and keys).

    >>> surnames("van der Kolk, Bessel A. and Carhart-Harris, R. L. and others")
    ['vanderkolk', 'carhartharris']
    """
    out = []
    for name in _BIBTEX_AND.split(field):
        name = name.strip()
        if not name or name == "others":
            continue
        if name.startswith("{") and name.endswith("}"):
            last = name  # corporate author: the whole name
        elif "," in name:
            last = name.split(",")[0]
        else:  # natural order: the last word with its particles
            last = " ".join(_natural(name.replace("{", "").replace("}", "").split())[0:1])
        words = last.split()
        while len(words) > 1 and words[-1].lower().strip(".,") in _SUFFIXES:
            words.pop()  # "Brown Jr, William O.": the suffix is no part of the surname key
        folded = "".join(c for c in strip_accents(" ".join(words)).lower() if "a" <= c <= "z")
        if folded:
            out.append(folded)
    return out
