"""Where an unquoted title ends when its first sentence end is not its end: a subtitle after ``?``
(``What Are We Doing When We Pray? On Prayer and …``) or after a period in a book
(``Education for Extinction. American Indians and … . University Press of Kansas``).
"""

from __future__ import annotations

import re

from ..lexicon import FORTHCOMING, IN_PRESS, PUBLISHER_NAME_ENDS, YEAR, alternation
from .chapter import _PLACE_PUB
from .names import looks_like_names
from .text import find_boundary

JOURNALISH_PART = re.compile(
    r"^(?:J\.|Proc\.|Trans\.|Ann\.|Bull\.|Phys\.|Rev\.|IEEE|ACM)|\b(?:journal|review|transactions|proceedings|"
    r"letters|annals|bulletin|quarterly|magazine|nature|science)\b|^(?:[A-Z][a-z]{0,8}\.\s?){2,}", re.IGNORECASE)
IN_TITLE = re.compile(r"[,.]\s+(?:[Ii]n|[Ee]n|[Dd]ans):?\s+(?=[A-Z0-9\"\u201c\u2018])|\s+(?:In|W|Dalam):\s+")
PAREN_PUBLISHER = re.compile(rf"\s\(([^()]{{3,160}}\b{YEAR})\)[.,]?$")  # "(Aldershot: Ashgate, 2008)."
# what a book subtitle is not: a translator, editor, edition, series, thesis or report note, a publisher
_NOT_SUBTITLE = re.compile(
    r"\b(?:ed|eds|edn|edited|editors?|edition|trans|translated|transl|vol|vols|volume|series|thesis|dissertation|"
    r"report|paper|press|publish\w*|verlag|books|university|universidad|universit\u00e9|retrieved|available|"
    r"accessed|online|doi|isbn|tese|tesis|tezi|th\u00e8se|doutorado|doctorado|doktora|mestrado|master|"
    r"studies|library|monographs?|texts|lecture|notes|collection|cole\u00e7\u00e3o|colecci\u00f3n|collana|reihe)\b",
    re.IGNORECASE)
_PUBLISHER_END = re.compile(
    r"(?!In\sPress)(?:[A-Z][\w&'-]*\s){0,5}" + alternation(PUBLISHER_NAME_ENDS) + r"(?:\sof(?:\s[A-Z][\w-]*){1,3})?"
    r"|University\sPress(?:\sof(?:\s[A-Z][\w-]*){1,3})?|(?:\s[A-Z][\w-]*){0,3}\s?University\sPress"
    r"|University\sof(?:\s[A-Z][\w-]*){1,3}\sPress")
_YEAR_TAIL = re.compile(rf"\s*(?:,\s*{YEAR}[a-z]?)?\s*\.?\s*$")


def _lowercase_words(text: str) -> int:
    return sum(w[:1].islower() for w in text.split())


def question_subtitle(title: str, after: str) -> tuple[str, str]:
    """``Do wildlife laws work? Species protection and … . Proceedings …``: after a question, the next
    sentence is a subtitle when it reads like one (four words or more, small words, no journal words),
    also when nothing but a parenthesised publisher follows it."""
    if not title.endswith(("?", "!")) or not after or IN_TITLE.match(". " + after):
        return title, after
    end2 = find_boundary(after, chains=True)
    nxt, rest = after[:end2], after[end2:].strip()
    if not rest:
        m = PAREN_PUBLISHER.search(nxt)  # "… Faith (Aldershot: Ashgate, 2008)."
        if m:  # a book: no journal can follow
            nxt, rest = nxt[: m.start()], nxt[m.start():].strip()
        elif re.search(r"\d", nxt):
            return title, after
    if len(nxt.split()) >= 4 and (rest.startswith("(") or not JOURNALISH_PART.search(nxt)) and \
            _lowercase_words(nxt) >= 2:
        return f"{title} {nxt.rstrip('.')}", rest
    return title, after


def book_subtitle(title: str, after: str) -> tuple[str, str]:
    """``Title. Subtitle. Place: Publisher`` / ``Title. Subtitle. University Press of Kansas.``: a sentence
    followed only by a place and publisher, or by a publisher that ends the reference, is the
    book's subtitle."""
    if not after or not after[:1].isupper() or title.endswith(("?", "!")) or IN_TITLE.match(". " + after):
        return title, after
    end2 = find_boundary(after, chains=True)
    nxt, rest = after[:end2].rstrip(), after[end2:].strip()
    if not rest or not nxt.endswith(".") or len(nxt.split()) < 2 or _NOT_SUBTITLE.search(nxt) or \
            JOURNALISH_PART.search(nxt) or re.search(r"\d", re.sub(rf"\b{YEAR}\b", "", nxt)):
        return title, after
    publisher_end = _PUBLISHER_END.match(rest)
    if _PLACE_PUB.match(rest) or (publisher_end is not None and _YEAR_TAIL.fullmatch(rest, publisher_end.end())):
        return f"{title.rstrip('.')}. {nxt.rstrip('.')}", rest
    return title, after


# "…, 1885-1915" closing a title is the period it covers (not "100 B.C.-A.D. 250" either, see the caller)
YEAR_SPAN = re.compile(r"(?:1[0-9]|20)\d\d\s?[-\u2013\u2014]\s?(?:(?:1[0-9]|20)\d\d|\d\d)\.?")
CHAPTER_PREFIX = re.compile(r"(?:Chapter|Chap\.|Ch\.|Cap\u00edtulo|Kapitel)\s?\d{1,3}\s?[-\u2013\u2014:.]\s+(?=[A-Z])")
_PENDING = re.compile(r"\(" + alternation(IN_PRESS + FORTHCOMING) + r"\)", re.IGNORECASE)
_DAY_DATE = re.compile(r"\(" + YEAR + r"[a-z]?,\s(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}|\d{1,2}\s[A-Z][a-z]{2,8})\)")


def periodical_hint(head: str, after: str, authors: str) -> bool:
    """The name after the title is a journal even without a volume: ``(in press). Title. Journal.`` or a
    newspaper's day date, ``(2023, April 21). Title. The Daily Paper. URL`` - but not a site that is also
    the author, several parts (``AFP. Mailonline.``) or ``Retrieved from Site:``."""
    if _PENDING.search(head):
        return True
    if not _DAY_DATE.search(head):
        return False
    name = after.strip().rstrip(".")
    return bool(name) and not name.endswith(":") and ". " not in name and name not in authors and \
        re.search(r"\d", name) is None


# a part after a comma that starts this is no more title: editors, translators, a series, a pending note
SERIES_STARTS = tuple(w.lower() for w in FORTHCOMING + IN_PRESS) + ("eds", "ed.", "trans", "cole\u00e7\u00e3o", "colecci\u00f3n", "collection",
                 "s\u00e9rie", "series", "collana", "reihe", "trad.", "trad ", "traduit", "tradu\u00e7\u00e3o", "traducci\u00f3n",
                 "\u00fcbers", "hrsg", "tese", "tesis", "thesis", "th\u00e8se", "disserta", "master", "phd", "ph.d",
                 "doctoral")
_ROLE_END = re.compile(r"[(\[](?:trans|transl|tr|trad|ed|eds|\u00e9d|hrsg)\.?[)\]]", re.IGNORECASE)


def not_title_part(part: str, following: str = "") -> bool:
    """A part after a comma that is no more title: ``eds.``, ``trans. X``, ``Trad fr. par X``, a series
    (``Coleção Estudos``), a pending note, or a translator or editor marked after the name
    (``Timothy Bahti (trans.)``, the mark maybe in ``following``, what comes after the last part)."""
    return part.lower().startswith(SERIES_STARTS) or _ROLE_END.search(part[-8:]) is not None or (
        _ROLE_END.match(following.strip()[:9]) is not None and looks_like_names(part))
_BEFORE_ITALIC = re.compile(r"(?:[.,;:]|//|[.,]\s[Ii]n:?)\s*$")


def italic_at(text: str, span: str) -> int:
    """Where the italic ``span`` stands as a field of its own: ``Reporting experiments in Mathematical
    Programming. *Mathematical Programming*, 15`` - not the same words inside the title before it."""
    pos = text.find(span)
    while pos > 2 and not _BEFORE_ITALIC.search(text, max(0, pos - 8), pos):
        nxt = text.find(span, pos + 1)
        if nxt < 0:
            break
        pos = nxt
    return pos


def quoted_continuation(rest: str, q: tuple[int, int, int], author_date: bool) -> tuple[str, str]:
    """The title a quote opens (``rest[q[0]:q[2]]``) and what follows it. Usually the quote is the title;
    but in author-date styles (which do not quote titles) ``“What can I do?” Explaining the paradox.
    Journal`` runs on to the sentence end when a journal or more follows."""
    quoted, after = rest[q[0] + 1: q[1]].strip(" ,.;:"), rest[q[2]:]
    if not (author_date and quoted.endswith(("?", "!")) and after[:1] == " " and after[1:2].isupper()):
        return quoted, after
    end = find_boundary(after, chains=True)
    nxt, tail = after[:end].strip(), after[end:].strip()
    if not tail or len(nxt.split()) < 3 or _lowercase_words(nxt) < 2 or JOURNALISH_PART.search(nxt):
        return quoted, after
    return f"{rest[q[0]:q[2]]} {nxt.rstrip('.')}", tail



_THESIS_SUFFIX = re.compile(
    r"\s[-\u2013\u2014]\s(?=(?:Tese|Tesis|Thesis|Th\u00e8se|Disserta\w*|Doctoral|PhD|Master)\b)", re.IGNORECASE)


def thesis_suffix(title: str, after: str) -> tuple[str, str]:
    """``Title - Tese (Doutorado)``: the thesis note after a dash is not the title's."""
    m = _THESIS_SUFFIX.search(title)
    if not m:
        return title, after
    return title[: m.start()].rstrip(), f"{title[m.end():].rstrip('.')}. {after}".strip()


TRAILING_DATE = re.compile(r",?\s(?:[^\W\d]{3,10}\.?\s)?" + YEAR + r"\.?$")  # ", août 2013" after a publisher
_NOTE_AFTER = re.compile(r"\s*(\([a-z][a-z ]{2,20}\))\.?\s+(?=[A-Z])")


def title_note(title: str, after: str) -> tuple[str, str]:
    """``Title? (abstract). Meteoritics, v. 14`` / ``Title ? (dossier). Journal``: a lower-case note in
    brackets right after the title is the title's, not the journal's."""
    m = _NOTE_AFTER.match(after)
    if not m or not title:
        return title, after
    return f"{title} {m.group(1)}", after[m.end():]
