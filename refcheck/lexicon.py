"""The words the parser's rules read: the year, months, seasons, publishers, "in press".

Like GROBID's ``Lexicon``, the words are data and the rules build their patterns from them,
so a new month spelling or publisher is one line here. It sits at the centre, beside the
model, because extraction reads the year too and must not import the parse stage. Each list holds regular-expression
fragments matched as whole words (most of them plain words; ``publish\\w*`` also takes
*publishers*, *publishing*); :func:`alternation` joins a list into one group.

>>> import re
>>> bool(re.fullmatch(alternation(MONTHS_FRENCH), "août")), bool(re.fullmatch(YEAR, "1490"))
(True, False)
"""

from __future__ import annotations

from typing import Iterable

# A year a reference may cite: 1500-2099. A fragment without a group or boundaries: each rule
# says what may stand around it (a letter suffix "2001a", a range "1998-99", brackets).
YEAR = r"(?:1[5-9]\d\d|20\d\d)"

# English months, each with the abbreviations styles write ("Sept." as well as "Sep.").
MONTHS: tuple[tuple[str, ...], ...] = (
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",), ("June", "Jun"),
    ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
    ("December", "Dec"),
)
MONTH_NAMES: tuple[str, ...] = tuple(spellings[0] for spellings in MONTHS)
MONTH_SPELLINGS: tuple[str, ...] = tuple(s for spellings in MONTHS for s in spellings)
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(s for spellings in MONTHS for s in spellings[1:])
MONTHS_FRENCH = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")
MONTHS_SPANISH = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
                  "octubre", "noviembre", "diciembre")
MONTHS_PORTUGUESE = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
                     "outubro", "novembro", "dezembro")
SEASONS = ("Spring", "Summer", "Fall", "Autumn", "Winter")

# Words that make a name a publisher's, and houses known by name; any one of them is evidence enough.
PUBLISHER_WORDS = ("press", r"publish\w*", "publications", "verlag")
PUBLISHERS = ("Springer", "Wiley", "Elsevier", "Routledge", "North[- ]Holland", "Prentice", "Addison", "McGraw",
              "Kluwer", r"Birkh\w+", "Dover", "Pergamon", "Penguin", "Macmillan", "Sage", "Blackwell",
              r"Taylor\s?&\s?Francis", "Cambridge University", "Oxford University")
# More houses, and words that suggest a publisher without proving one ("University", "Books", "Ltd").
PUBLISHERS_MORE = ("Random House", r"Harper\w*", "Pearson", "Norton", "Viking", "Bloomsbury", "Knopf", "Doubleday",
                   "Guilford", "CRC", "IEEE", "ACM")
COMPANY_WORDS = ("Inc", "Ltd", "LLC", "GmbH")
PUBLISHER_HINTS = ("publication", "books", "edition", "editions", "éditions", "editorial", "editora", "edizioni",
                   "academic", "university", r"univ\.", "Taylor", "Francis", "Basic", "Oxford", "Cambridge", "MIT",
                   r"co\.", r"s\.a\.", "house", "company", "media", "group")
# Houses that are no one's surname: a comma part that is just one of them is no author.
PUBLISHERS_NOT_NAMES = ("Springer", "Springer-Verlag", "Elsevier", "Wiley", "North-Holland", r"Birkh\w+")
# The word a publisher's name ends in ("Princeton University Press", "Springer Verlag").
PUBLISHER_NAME_ENDS = ("Press", "Publishers", "Publishing", "Verlag", "Books")
# Publishers that print a conference's proceedings, written as they are ("… (CHI '19). ACM, 1–12").
PROCEEDINGS_PUBLISHERS = ("ACM", "IEEE", "SIAM", "USENIX", "AAAI", "Springer", "Elsevier", "Wiley",
                          "Association for Computing Machinery")

# Not out yet: in press (in the languages met so far) and the other states of a work on its way.
IN_PRESS = ("in press", "im Druck", "sous presse", "en prensa", "no prelo")
FORTHCOMING = ("forthcoming", "to appear", "accepted", "submitted", "under review")


def alternation(words: Iterable[str]) -> str:
    """One non-capturing group of ``words`` (regex fragments), longest first, so that of two spellings
    that both match the longer one wins as an optional suffix would (``Sept`` before ``Sep``).

    >>> alternation(("Sep", "September", "Sept"))
    '(?:September|Sept|Sep)'
    """
    unique = list(dict.fromkeys(words))
    return "(?:" + "|".join(sorted(unique, key=len, reverse=True)) + ")"


# "Mar", "March", "Sept", "Marz": a month's first three letters and what may follow them.
MONTH_WORD = "(?i:" + "|".join(name[:3].lower() for name in MONTH_NAMES) + r")[a-z]{0,6}"
