"""The editors in front of a chapter's book title: ``In EDITORS (eds.), Book`` and its variants.

After ``In`` a chapter reference may name the book's editors before the book, marked
(``A. Editor (Ed.),``, ``Editor, ed.,``, ``Das S, Dash HR, editors.``, ``P. Rossi (a cura di).``,
``I. Fehér (Hg.),``, ``Bourin (M.) et Menant (F.) dir.,``) or not (``In M. R. Baye, Book``,
``In: SMITH, J.; DOE, K. Book``). :func:`take_editors` splits them off so the book title is
what follows.
"""

from __future__ import annotations

import re

from ..lexicon import PUBLISHER_WORDS, alternation
from .names import looks_like_names

# "(eds.)", "(a cura di)", "(Hg.)", ", editors." - the mark that ends an editor list
_MARKED = re.compile(
    r"^(.{1,300}?)(?:\s*[(\[](?:eds?|editors?|hrsg|hg|dirs?|coords?|orgs?|comps?|red|\u00e9ds?|a cura di)\.?[)\]]"
    r"|,\s*(?:eds?|editors?|dirs?|hrsg|hg)\.?(?=[\s,.:])|\s+(?:eds?|dirs?|hrsg|hg)\.(?=[\s,:]))\s*[,.:]?\s*",
    re.IGNORECASE)
_PAREN_INITIAL = re.compile(r"\s?\(((?:[A-Z][a-z]?\.-?){1,3})\)")  # French "Bourin (M.)"
_INITIAL = re.compile(r"(?:^|[\s.])[A-Z]\.")
# ABNT: "PASSOS, E.; VIRGÍNIA, K.; ESCÓSSIA, L. D. Book": upper-case surnames, initials, then the book
_ABNT = re.compile(
    r"^(?:[^\W\d_a-z]{2,40}(?:\s[^\W\d_a-z]{2,40}){0,2},\s(?:[A-Z]\.\s?){1,4};\s){0,8}"
    r"[^\W\d_a-z]{2,40}(?:\s[^\W\d_a-z]{2,40}){0,2},\s(?:[A-Z]\.\s?){1,4}(?=[A-Z][a-z])")
_BOOK_START = re.compile(r"[A-Z\u00c0-\u00de][\w\u2019'-]*\s+\S")  # a capitalised word and more: a title


def _names(text: str) -> bool:
    return looks_like_names(_PAREN_INITIAL.sub(r" \1", text).strip(" ,.;:"))


_CAPS_INITIALS = re.compile(r"\b[A-Z][a-z]+\s[A-Z]{1,3}\b(?![a-z])")
_NEXT_PART = re.compile(r"[^,;:()]{3,120}")


def _names_follow(s: str, mark: re.Match[str]) -> bool:
    """``Adaptive Designs, eds. N. Flournoy and W. F. Rosenberger`` / ``Insular Latin Studies, ed. Michael
    Herren``: names follow the mark (with initials, or any names when no comma after the mark settles it
    as ``Editor, ed., Book``), and what came before it has no initials: it is the book."""
    before = mark.group(1)
    if _INITIAL.search(before) or _CAPS_INITIALS.search(before):  # "A. Editor", Vancouver "Fuhrer MJ"
        return False
    m = _NEXT_PART.match(s, mark.end())
    if m is None or not looks_like_names(m.group(0)):
        return False
    return _INITIAL.search(m.group(0)) is not None or not mark.group(0).rstrip().endswith((",", ":"))


def take_editors(s: str) -> tuple[str, str]:
    """(editor list, the rest from the book title on) for the text after ``In``; ``("", s)`` if none.

    >>> take_editors("G. Lindzey (Ed.), Handbook of Social Psychology, pp. 1-9")
    ('G. Lindzey', 'Handbook of Social Psychology, pp. 1-9')
    >>> take_editors("J. H. Conway, On Numbers and Games")
    ('J. H. Conway', 'On Numbers and Games')
    """
    m = _MARKED.match(s)
    if m and _names(m.group(1)) and not _names_follow(s, m):
        return _PAREN_INITIAL.sub(r" \1", m.group(1)).strip(" ,.;:"), s[m.end():]
    m = _ABNT.match(s)
    if m:
        return m.group(0).strip(), s[m.end():]
    # no mark: the longest run of comma-separated parts that reads as names with an initial in it
    best, pos = -1, s.find(", ")
    for _ in range(12):
        if pos < 0 or not _names(s[:pos]):
            break
        best, pos = pos, s.find(", ", pos + 2)
    if best > 0 and _INITIAL.search(s[:best]) and _BOOK_START.match(s, best + 2):
        return s[:best].strip(), s[best + 2:]
    return "", s


_INITIALS_NAME = re.compile(r"(?:^|\s)(?:[A-Z]\.\s?){1,3}[A-Z][a-z]")
_NUMERIC_PART = re.compile(r"(?:\d|pp?\.|vol)")
_EDS_NEXT = re.compile(r"\s*[(\[](?:eds?|editors?|hrsg|hg|dirs?|coords?)\b", re.IGNORECASE)
_PROCEEDINGS = re.compile(r"\b(?:proc\.|proceedings|conference|conf\.|symposium|workshop|congress|meeting)", re.IGNORECASE)
_PLACE_LIST = re.compile(r"(?!(?:A|An|The)\s)[A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+)?(?:,\s(?:The\s)?[A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+)?)?")
_YEAR_SPAN = re.compile(r"(?:1[0-9]|20)\d\d\s?[-\u2013\u2014]\s?(?:(?:1[0-9]|20)\d\d|\d\d)")
_ONE_WORD = re.compile(r"[A-Z][^\W\d_]{2,20}")


def cut_booktitle(s: str, end: int, publisher: re.Pattern[str]) -> int:
    """Shorten ``Book, J.H. Kagel and A.E. Roth Eds., Princeton University Press`` to the book title.

    A part cuts when it reads as a place with its publisher (``London: Verso``), a publisher, names
    (with initials, or any names just before ``(ed.)``) or numbers. ``Book, Cambridge, Cambridge
    University Press`` / ``Book, Klimley, A.P. and ...``: a lone capitalised word (a place, a surname)
    just before such a part goes with it, except in proceedings, whose titles keep their place.
    """
    pos = s.find(", ", 0, end)
    while pos != -1:
        nxt = s.find(", ", pos + 2, end)
        part = s[pos + 2: nxt if nxt != -1 else end].strip()
        pub = publisher.search(part) is not None
        if nxt == -1 and _YEAR_SPAN.fullmatch(part):  # "Dits et écrits II, 1976–1988": the book's period
            break
        if (pub or (":" in part and not part[:1].islower()) or _INITIALS_NAME.search(part) or _NUMERIC_PART.match(part)
                or (nxt == -1 and _EDS_NEXT.match(s, end) and looks_like_names(part))):
            prev = s.rfind(", ", 0, pos)
            if prev > 0 and _ONE_WORD.fullmatch(s, prev + 2, pos) and not _PROCEEDINGS.search(s, 0, pos):
                return prev
            colon = s.rfind(": ", 0, pos) if pub else -1
            if colon > 0 and _PLACE_LIST.fullmatch(s, colon + 2, pos):  # "Book: Dordrecht, The Netherlands, Kluwer"
                return colon
            return pos
        pos = nxt
    return end


_SUBTITLE = re.compile(r"\s([^.:;()\[\]\d]{3,150})\.\s+")
_PLACE_PUB = re.compile(  # "Baltimore, MD: Brookes", "México D.F.: Alom"
    r"[A-Z][^\W\d_]{1,20}(?:\s(?:[A-Z][^\W\d_]{1,20}|(?:[A-Z]\.){1,3})){0,2}(?:,\s[A-Z]{2,3})?\s?:\s?[A-Z]")
_NAMES_EDS = re.compile(r"([^.()]{3,120}?)\s*[(\[](?:eds?|editors?|hrsg|hg|dirs?|coords?)\.?[)\]]", re.IGNORECASE)
_NOT_SUBTITLE = re.compile(r"\b(?:ed|eds|edited|editors?|vol|volume|thesis|" + alternation(PUBLISHER_WORDS) + r")\b",
                           re.IGNORECASE)


def subtitle_end(s: str, end: int) -> int:
    """``In Book. A Subtitle. Place: Publisher`` / ``... . Names (ed.)``: the sentence after the book's
    first sentence is its subtitle when a place and publisher, or its editors, come right after it."""
    if end < 2 or s[end - 1] != ".":
        return end
    m = _SUBTITLE.match(s, end)
    if not m or _NOT_SUBTITLE.search(m.group(1)) or not m.group(1)[:1].isupper():
        return end
    if _PLACE_PUB.match(s, m.end()):
        return m.end(1)
    e = _NAMES_EDS.match(s, m.end())
    if e and looks_like_names(e.group(1)):
        return m.end(1)
    return end


_LIST_JOIN = re.compile(r",\s(?:and\s|&\s)?[A-Z]|\s(?:and|&)\s[A-Z]")


def editors_only(booktitle: str) -> bool:
    """``In Clem, Greenberg, and Olander, 24–65``: a short reference to an edited book by its editors'
    surnames alone (a list of several, and only pages after it) names no book title."""
    return _LIST_JOIN.search(booktitle) is not None and looks_like_names(booktitle) and \
        not re.search(r"\b(?:of|the|in|for|on)\b", booktitle)
