"""Where an unquoted title ends and what follows it begins.

A quoted title ends at its closing quote. Otherwise the title runs to the first sentence end
that is not an initial, unless the text says sooner: a journal with no title before it
(``J. Appl. Phys. 87, 334``), ``In`` before a book, a volume or edition note, italics, a
place and publisher (``Title, London: Continuum``) or a journal (``Title: Sedimentary Geology,
v. 67``) run into the title, or a comma list that turns into a publisher or journal.

>>> take_title("Conjectures and Refutations. Routledge, 1963.")
('Conjectures and Refutations', 'Routledge, 1963.', False)
"""

from __future__ import annotations

import re

from ..lexicon import YEAR
from .fields import parse_numbers
from .names import looks_like_names
from .tail import JOURNAL_WORDS as _JOURNAL_WORDS
from .tail import STRONG_PUBLISHER
from .text import find_boundary, find_quoted
from .titles import (
    CHAPTER_PREFIX,
    TRAILING_DATE,
    YEAR_SPAN,
    book_subtitle,
    italic_at,
    not_title_part,
    question_subtitle,
    quoted_continuation,
    thesis_suffix,
    title_note,
)
from .titles import IN_TITLE as _IN_TITLE
from .titles import JOURNALISH_PART as _JOURNALISH_PART
from .titles import PAREN_PUBLISHER as _TITLE_PAREN_PUB

__all__ = ["EDITOR_SUFFIX", "italic_cut", "take_title"]

_TITLE_VOLUME = re.compile(r"\s*[(,]\s*(?:Vols?\.|Volumes?|vols?\.)\s*(?:\d|[IVX]{1,4}\b)|,\s*(?:rev\.\s*)?ed\.\s")
_TITLE_NOTE = re.compile(
    r"\s[(\[](?=[^()\[\]]{0,80}\b(?:thesis|dissertation|working paper|discussion paper|technical report|report no|"
    r"doctoral|master|preprint|unpublished|manuscript|trans|translated|translator|tr|edition|series|press)\b)",
    re.IGNORECASE)  # also "(I. C. Benedetti trans.)", "(Eight Edition)", "(Leicester: Inter-Varsity Press)"
EDITOR_SUFFIX = re.compile(r"(?:,\s*|\s*[(\[]|(?<=\))\s)(?:eds?|editors?|hrsg|dirs?)\.?[)\]]?[.,:]?\s*$", re.IGNORECASE)


_JOURNAL_ONLY = re.compile(
    r"^(?!(?:The|A|An)\s)(?:(?:[A-Z][A-Za-z&]{0,15}|of|and|the|&|für|de)\.?,?\s){1,7}\(?(?:\d{1,5}\b|(?:vol|pp?)\.)")
_SENTENCE_WORD = re.compile(r"[a-z]{6,}\.\s")


def take_title(rest: str, author_date: bool = False) -> tuple[str, str, bool]:
    """(title, what follows, title was quoted)."""
    rest = CHAPTER_PREFIX.sub("", rest.lstrip(" .,;:)"), count=1)  # "Chapter 1 - Title"
    jm = _JOURNAL_ONLY.match(rest)
    if jm and author_date and len(jm.group(0).split()) > 5:
        jm = None  # after an author-date year only short journal names (astronomy: "2003, A&A, 410, 777")
    if jm and (STRONG_PUBLISHER.search(jm.group(0)) or
               re.match(YEAR + r"(?!\s*[,;]\s*\d)", rest[max(0, jm.end() - 4):])):
        jm = None  # "Title, Wiley, New York, 1968": a book, not "Nano Lett. 2010, 10, 1082"
    # physics/chemistry style: no title, "J. Appl. Phys. 87, 334 (2000)"
    if jm and not _SENTENCE_WORD.search(jm.group(0)) and "Volume " not in jm.group(0):
        return "", rest, False
    q = find_quoted(rest, 0, 4)
    if q is not None and q[0] <= 2:
        title, after = quoted_continuation(rest, q, author_date)  # '"Quote": subtitle' / '“Q?” More title.'
        return title, after.lstrip(" .,;:"), True
    end = find_boundary(rest, chains=True)
    m = _TITLE_PAREN_PUB.search(rest, max(0, end - 170))
    if m and m.start() < end:  # "Title (Prentice-Hall, Englewood Cliffs, NJ, 1978)."
        end = m.start()
    for rx in (_IN_TITLE, _TITLE_VOLUME, _TITLE_NOTE):
        m = rx.search(rest, 0, end + 1)
        if m:
            end = m.start()
    title = rest[:end].strip(" ,;:")
    after = rest[end:].strip()
    title, after = title_note(*thesis_suffix(*book_subtitle(*question_subtitle(title, after))))
    m = _TITLE_PLACE_PUB.search(title)
    if m and _publisher_like(title[m.end():]):  # "Art and the Beauty of God, London: Continuum"
        title, after = title[: m.start()], (title[m.start():].lstrip(" ,") + ". " + after).strip()
    if after:
        title, after = _container_from_title(title, after)
    else:  # "Title: Review, hypothesis: GSA Bulletin, v. 109, p. 16-42": no sentence end before the numbers
        c = parse_numbers(title, want_year=False)
        if c.numbers_at > 0 and ("volume" in c.fields or "pages" in c.fields):
            head, tail = _container_from_title(title[: c.numbers_at].rstrip(" ,;:("), title[c.numbers_at:])
            if not tail.startswith(title[c.numbers_at:]):
                title, after = head, tail
    if "," in title and not EDITOR_SUFFIX.search(title) and not _container_follows(after, title):
        title, after = _split_comma_title(title, after)
    if title.endswith(".") and not title.endswith("..."):
        title = title.rstrip(".")
    return title.strip(), after.lstrip(" ,;:"), False


_ABBREVIATED_END = re.compile(r",\s(?:[A-Z][a-z]{0,9}\.?\s){0,3}[A-Z][a-z]{0,9}\.?$")


def _container_follows(after: str, title: str) -> bool:
    """``Cognition, 126(1), 39–53`` / ``In Book (pp. 1-9)``: what follows the title is a whole container.

    Not when the title ends in abbreviations (``..., Bull. Seismol``): the journal began there.
    """
    if _ABBREVIATED_END.search(title[-60:]):
        return False
    if _IN_TITLE.match(". " + after):
        return True
    c = parse_numbers(after[:300], want_year=False)
    return re.match(r"[^\W\d]{2}", c.lead) is not None and c.numbers_at > 0 and \
        ("volume" in c.fields or "pages" in c.fields) and \
        len(c.lead) <= 150 and find_boundary(c.lead, chains=True) >= len(c.lead) - 1


_BEFORE_ITALIC = re.compile(r"(?:[.,;:]|\b[Ii]n:?|//)$")
_IN_END = re.compile(r"[,.]?\s*\b(?:[Ii]n|[Ee]n|[Dd]ans):?$")


def italic_cut(rest: str, title: str, after: str, spans: list[str]) -> tuple[str, str]:
    """Use italics to place the title's end: an italic title, or the italic container the title ran into."""
    r = rest.lstrip(" .,;:)")
    for span in spans:
        pos = italic_at(r, span)
        if pos < 0:
            continue
        nxt = r[pos + len(span): pos + len(span) + 2].strip()
        if nxt[:1] not in ("", ",", ".", ";", ":", "(", "[") and not nxt[:1].isdigit():  # "{\\em J.} 14(1985)"
            continue  # italics inside a title ("Effects of *E. coli* on ..."): no boundary
        if pos <= 2:
            if looks_like_names(span):
                continue
            return span, r[pos + len(span):].lstrip(" .,;:")
        head = r[:pos].rstrip()
        if pos < len(title) and _BEFORE_ITALIC.search(head) and not looks_like_names(head.strip(" ,.;:")):
            m = _IN_END.search(head)
            if m:
                return head[:m.start()].strip(" ,.;:"), "In " + r[pos:]
            return head.strip(" ,.;:/"), r[pos:]
        return title, after
    return title, after


_TITLE_PLACE_PUB = re.compile(r"[,.]\s(?:[A-Z][a-z]+\.?\s?){1,3}(?:,\s[A-Z]{2})?\s?:\s?(?=[A-Z])|\.\s[Ss]\.\s?l\.\s?:")


def _publisher_like(text: str) -> bool:
    """``Continuum`` / ``Presses Universitaires de France``, not a subtitle (``A situational analysis``)."""
    words = TRAILING_DATE.sub("", text).split()  # "L'Harmattan, août 2013"
    return 0 < len(words) <= 6 and words[0] not in ("A", "An", "The") and all(
        w[:1].isupper() or w in ("of", "and", "the", "for", "de", "du", "des", "und", "&") for w in words)


_TITLE_SEPARATORS = (". ", ": ", ", ", " // ")


def _container_from_title(title: str, after: str) -> tuple[str, str]:
    """``Title: Sedimentary Geology`` + ``v. 67, p. 175``: numbers come first, so the journal ended the title."""
    c = parse_numbers(after[:200], want_year=False)
    if c.lead or not ("volume" in c.fields or "pages" in c.fields):
        return title, after
    best, gsa = -1, re.match(r"v\.\s?\d", after) is not None  # "Title: Sedimentary Geology, v. 67, p. 175"
    for sep in _TITLE_SEPARATORS:
        pos = title.rfind(sep, max(0, len(title) - 150))
        if pos <= 0 or pos < best or (sep == ". " and re.search(r"(?:^|\s)[A-Z][a-z]{0,5}$", title[:pos])):
            continue  # "..., Math. Ann.": a period inside a run of abbreviations
        right = title[pos + len(sep):].strip()
        if right and len(right.split()) <= 10 and (
                _JOURNALISH_PART.search(right) or _JOURNAL_WORDS.search(right) or sep == " // " or gsa):
            best = pos
    if best <= 0:
        return title, after
    cut, head = title[best:].lstrip(" .,:/"), title[:best].strip()
    y = re.search(rf",\s*({YEAR})$", head)
    if y:  # "Title, 2002, Journal of ..., Vol. 107": the year sits between title and journal
        head, cut = head[: y.start()], f"{cut} ({y.group(1)})"
    return head, f"{cut}, {after}"


def _split_comma_title(title: str, after: str) -> tuple[str, str]:
    """``Sphere Packings, Lattices and Groups, Springer, Berlin`` → title up to the publisher or journal."""
    parts = title.split(", ")
    for k in range(1, len(parts)):
        part = parts[k].strip()
        numeric = re.match(r"(?:\d(?![\d\s]{0,5}(?:B\.?C|A\.?D|BCE|CE)\b)|vol\b|Vol\b|pp?\.|[Nn]o\.|"
                           r"[IVXLC]{2,8}(?:\s?\(|$))",
                           part) is not None and not (k == len(parts) - 1 and YEAR_SPAN.fullmatch(part))
        if numeric and k >= 2:
            k -= 1  # "Title, Information and Computation, 84, No. 1": the journal is just before the volume
        if (numeric or STRONG_PUBLISHER.search(part) or (part[:1].isupper() and _JOURNALISH_PART.search(part))
                or re.match(r"(?:in|In|by)\s+[A-Z0-9]", part)
                or not_title_part(part, after if k == len(parts) - 1 else "")):
            head = ", ".join(parts[k:])
            sep = " " if head.endswith(".") else ". "
            return ", ".join(parts[:k]).strip(), (head + (sep + after if after else "")).strip()
    return title, after
