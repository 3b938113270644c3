"""Where does the author list of a free-text reference end?

Three shapes, tried in turn by :func:`split_authors`:

* author-date (APA, Harvard, Chicago author-date): names, then the year;
* a quoted title (MLA, Chicago notes, IEEE): names, then the opening quote;
* names that end at a sentence break (``Doidge, Norman.``, Vancouver ``Yang G.``) or,
  in IEEE/SIAM lists without quotes, at the first comma-separated part that is not a name.
"""

from __future__ import annotations

import re

from ..lexicon import FORTHCOMING, IN_PRESS, PUBLISHERS_NOT_NAMES, YEAR, alternation
from .names import PARTICLES, corporate_like, is_initials, looks_like_names
from .text import find_boundary, find_quoted

YEAR_AD = re.compile(
    r"(?<![\w\-/])(?:(" + YEAR + r")(?:[-/\u2013](?:\d{4}|\d{2})(?!\d))?[a-z]?|(?-i:[nN]\.\s?d\.|N\.\s?D\.(?!\s?[A-Z][a-z]))|"
    + alternation(IN_PRESS + FORTHCOMING) + ")"
    r"(?![\w\-/])", re.IGNORECASE)
LEADING_YEAR = re.compile(rf"^({YEAR})\s+[*+|\s]{{0,10}}(?=[A-Z])")
_ET_AL_END = re.compile(r"\bet\.?\s?al(?:ii)?\b\.?,?")
EDS_AFTER_AUTHORS = re.compile(r"^[\s,.]*[(\[]?(?:eds?|editors?|hrsg|(?-i:dir))\.?[)\]]?(?=[\s,.:;]|$)[.,:;]?", re.IGNORECASE)
_NATURAL_START = re.compile(r"^(?:[A-Z]\.\s?-?){1,3}\s?[A-Z]|^[A-Z][a-z]+\s(?:[A-Z]\.\s)?(?:[a-z]{1,3}\s)?[A-Z][a-z]")
_INITIAL_END = re.compile(r"(?:^|[\s.\-])[A-ZА-ЯЁ][a-zа-яё]?\.$|\b(?:al|Jr|Sr|eds?|Eds?)\.$|(?:^|\s)[A-Z]{1,3}\.$")


def _author_date(s: str) -> tuple[str, str, str] | None:
    """``Name, A. (2000). Rest`` → (authors, rest, year), if the text before the first year is names."""
    m = YEAR_AD.search(s, 0, min(len(s), 800))
    if not m:
        return None
    start = m.start()
    paren = max(s.rfind("(", max(0, start - 25), start), s.rfind("[", max(0, start - 3), start))
    if paren != -1 and (")" in s[paren:start] or "]" in s[paren:start]):
        paren = -1
    prefix_end = paren if paren != -1 else start
    if paren == -1 and re.match(r"\s*[,;]\s*\d", s[m.end():m.end() + 6]):
        return None  # "Nano Lett. 2010, 10, 1082": the year belongs to the journal part
    prefix = s[:prefix_end].strip(" ,;:")
    if not prefix or _NOT_A_NAME_PART.search(prefix) or not (
            looks_like_names(prefix.rstrip(".")) or corporate_like(prefix)):  # "Transport for London (2021)"
        return None
    if _INITIALS_START.match(prefix) and "," in prefix:
        found = _comma_authors(prefix + ". ")
        if found and found[1].strip(" ,.;"):
            return None  # "R.S. Popovic, Hall Effect Devices, Taylor & Francis, London, 2003": a title among the names
    if find_boundary(prefix) < len(prefix) - 1 and not _CAPS_NAME.match(prefix[find_boundary(prefix):]):
        return None  # "Popper, Karl. Conjectures and Refutations. Routledge, 1963": a title sits before the year
    end = m.end()
    if paren != -1:
        close = s.find(")" if s[paren] == "(" else "]", end, end + 40)
        if close != -1:
            end = close + 1
    return prefix, s[end:], m.group(1) or ""


# "R. Diestel, Graph Theory, Springer, New York, 2005": a comma part that is a publisher or starts
# with an article is not a name, so the year is not an author-date year
_NOT_A_NAME_PART = re.compile(
    r",\s(?:(?:The|An)\s[A-Z]|A\s[A-Z][a-z]+\s[a-z]|(?:" + alternation(PUBLISHERS_NOT_NAMES) + "|"
    r"(?:[A-Z][\w\-]{1,20}\s){1,3}Press)(?:,|$))")
_MORE_INVERTED = re.compile(
    r"[\s,;]{0,3}(?:(?:and|&)\s+)?(?:(?:[A-Z][\w'\-]{1,30}(?:\s[A-Z][\w'\-]{1,30})?,\s?)?(?:[A-Z]\.\s?-?|[A-Z]\s(?=[A-Z]\.)){1,3}"
    r"(?=[,;:]|\s(?:and|&)\s[A-Z][\w'\-]{1,30},\s?[A-Z]\.)"  # also "Lightfoot, P.C. and Keays,R.R.,"
    r"|(?:(?:de|la|van|von|der|den|du|da|di|del|dos|das|le)\s){0,3}[A-Z][\w'\-]{1,30}(?:\s[A-Z][\w'\-]{1,30})?"
    r"\s(?:[A-Z]\.?-?){1,3}(?=[,;:]|\s(?:and|&)\s[A-Z][\w'\-]{1,30}\s[A-Z]{1,3}\.?[,;:]))"
)  # "Bottomley, R B.," / "de la Cruz H.," / "De Maio P.," / "Abellanas L and Galindo A,"
_VANCOUVER_DONE = re.compile(r",\s[A-Z][A-Za-z'\-]{1,30}\s[A-Z]{1,3}\.$")
_INITIALS_START = re.compile(r"(?:[A-Z]\.\s?-?){1,3}\s?[A-Z][a-z]")
_LIST_SPLIT = re.compile(r",\s*|\s+(?:and|&|und|dan|ve|e|y)\s+")  # "Crowder, Dembo und Mulvey: Title"
_ARTICLE_START = re.compile(r"\s{0,3}(?:The|An?|On|In)\s")
_CAPS_NAME = re.compile(r"^\s*[A-Z][A-Z'\-]{1,30},\s[A-Z]")


def title_run(cont: str) -> bool:
    """After a name closed by an initial: words with no separator before them and no initial among them
    (``Econometric Forecasts and Policy.``), not a surname (``Wiener.``) or more names (``Stavness and B.``)."""
    cont = cont.strip()
    toks = cont.rstrip(".").split()
    if len(toks) < 2 or _SEPARATOR_START.match(cont) or any(c in cont for c in ",;("):
        return False
    # An all-capitals title ("O ENSINO DA GEOMETRIA ANALÍTICA"): its short words ("O", "DA", "NO") only look like
    # initials; two long capitalised words with no separator between them are no name list
    caps_words = sum(t.isupper() and t.isalpha() and len(t) >= 4 for t in toks)
    return caps_words >= 2 or not any(is_initials(t) for t in toks)


_SEPARATOR_START = re.compile(r"(?:[,;&]|and\s|et\s)")


def _boundary_authors(s: str) -> tuple[str, str] | None:
    """Authors ending at a sentence end (``Doidge, Norman. Title``; Vancouver ``Yang G. Title``)."""
    m = _ET_AL_END.search(s, 0, 800)
    if m and looks_like_names(s[: m.start()].strip(" ,")):
        return s[: m.end()], s[m.end():]
    colon = s.find(":", 0, 500)
    # "Daugherty CK, Hlubocky FJ: Title" (not "Abraham WC. Metaplasticity: ...": a sentence ends before the colon)
    if colon > 0 and looks_like_names(s[:colon]) and find_boundary(s[:colon].rstrip(". ")) >= len(s[:colon].rstrip(". ")):
        head = s[:colon].rstrip(". ")
        last = head.split()[-1] if head.split() else ""
        if is_initials(last) or all(_natural_name(p, None) for p in _LIST_SPLIT.split(head) if p):
            return s[:colon], s[colon + 1:]
    chain = 0
    for _ in range(200):  # "Stahl, H.; Appenzeller, J.; ..." - names that never end at a sentence break
        m = _MORE_INVERTED.match(s, chain)
        if not m:
            break
        chain = m.end()
    best = -1
    pos = 0
    limit = min(len(s), 800)
    while pos < limit:
        end = find_boundary(s, pos, initials_end=True)
        if end >= len(s) and best == -1:
            if chain == 0:
                return None
            break  # "Hansen, J., Ruedy, R., Lo, K., Title, 2010, ...": no sentence end, but a chain of names
        prefix = s[:end].strip()
        if not looks_like_names(prefix.rstrip(".")):
            break
        if best > 0 and _VANCOUVER_DONE.search(s, 0, best) and not re.search(r"[,;&]|\band\b", s[best:end].lstrip(" ,;")):
            break  # "Ritch R, Panda-Jonas S. Glaucoma.": a name list closed by initials, then a one-part title
        if best > 0 and (_ARTICLE_START.match(s, best) or title_run(s[best:end])):
            break  # "Myers, Margaret G. The New York Money Market" / "Thiel, H. Econometric Forecasts and Policy."
        best = end
        if not _INITIAL_END.search(prefix) and not _CAPS_NAME.match(s[end:end + 40]):
            break  # a period after a whole word ends the list (unless "ROUSSILLON, René. CHABERT, ...")
        pos = end
    if chain > best and chain > 0:
        best = chain
    elif 0 < chain < best and ";" in s[:chain] and ";" not in s[chain:best]:
        best = chain  # "Webber, M. J.; Langer, R., Supramolecular Biomaterials.": a ';' list ends with its last name
    if best <= 0:
        return None
    authors, rest = s[:best], s[best:]
    for _ in range(100):  # "Grieve, R. A. F., Title": initials that end at a comma, not a period
        m = _MORE_INVERTED.match(rest)
        if not m:
            break
        authors, rest = authors + rest[: m.end()], rest[m.end():]
    # "A. Greenleaf, M. Lassas, and G. Uhlmann, Title": the surname after the last initial
    m = re.match(r"\s*([A-Z][\w'\-]{1,30}),\s+", rest)  # also "..., and Jonathan E. Glixon, Title"
    if m and re.search(r"(?:\band|&)\s+(?:[A-Z][a-z]{1,20}\s)?(?:[A-Z]\.\s*){1,3}$", authors):
        authors, rest = authors + " " + m.group(1), rest[m.end():]
    return authors, rest


def split_authors(s: str) -> tuple[str, str, str]:
    """(author segment, rest, year found right after the authors or '').

    >>> split_authors("Popper, Karl. Conjectures and Refutations. Routledge, 1963.")[0]
    'Popper, Karl.'
    """
    authors, rest, year = _find_authors(s)
    m = _ET_AL_END.search(authors)
    if m and authors[m.end():].strip(" ,.;:"):  # "Cates, N. C. et al., Nano Lett." - et al. ends the list
        return authors[: m.end()], authors[m.end():] + " " + rest, year
    return authors, rest, year


def italic_end(s: str, authors: str, rest: str, year: str, spans: list[str]) -> tuple[str, str, str]:
    """Italics after the names mark where they end: the title (or container) begins with them."""
    for span in spans:  # "G. H. Golub and C. F. Van Loan, {\em Matrix Computations}, ...": italics end the names
        pos = s.find(span, 0, len(authors) + len(span))
        if 0 < pos < len(authors):  # the names ran into the italics ("... Guestrin XGBoost: A scalable ...")
            return s[:pos].rstrip(" ,.;:"), s[pos:], ""
    if year or not authors or not spans:
        return authors, rest, year
    # "D. Poland and H.A. Scheraga {\em Title}": the names ran on past where the rules stopped
    pos = s.find(spans[0], len(authors), len(authors) + 300)
    head = s[:pos].rstrip(" ,.;:")
    if pos > 0 and not _GAP_BREAK.search(s, len(authors), pos) and looks_like_names(head):
        return head, s[pos:], ""
    return authors, rest, year


_GAP_BREAK = re.compile(r"[.?!]\s|[\"\u201c\u201d]")


_REPEAT_MARK = re.compile(r"[-\u2012-\u2015_]{2,}\s?[.,]?(?=\s)")  # "———. Title": the previous entry's authors
_YEAR_NEXT = re.compile(rf"\s*\(?({YEAR})[a-z]?\)?[.,](?=\s)")


def _find_authors(s: str) -> tuple[str, str, str]:
    m = _REPEAT_MARK.match(s)
    if m:
        y = _YEAR_NEXT.match(s, m.end())
        return (m.group(0), s[y.end():], y.group(1)) if y else (m.group(0), s[m.end():], "")
    q = find_quoted(s, 0, 1500)
    ad = _author_date(s)
    if ad and (q is None or q[0] >= len(s) - len(ad[1]) - 1 or q[0] > len(ad[0])):
        return ad
    if q is not None:
        prefix = s[: q[0]].strip(" ,.;:")
        if not prefix:
            return "", s, ""
        if looks_like_names(prefix):
            return prefix, s[q[0]:], ""
    finders = (_comma_authors, _boundary_authors) if _NATURAL_START.match(s) else (_boundary_authors, _comma_authors)
    for finder in finders:
        found = finder(s)
        if found:
            return found[0], found[1], ""
    return "", s, ""


def _natural_name(text: str, initials_first: bool | None) -> bool:
    """``R. Diestel`` / ``Paulo Klinger Monteiro`` / ``S. C. van der Marck`` (given names first)."""
    toks = text.split()
    if not 2 <= len(toks) <= 5 or not looks_like_names(text):
        return False
    if is_initials(toks[-1]) or toks[-1].lower() in PARTICLES:
        return False
    if initials_first is not None and is_initials(toks[0]) != initials_first and not (
            initials_first is False and len(toks) >= 3 and not is_initials(toks[1])):  # "J. David Powell"
        return False
    return True


_GIVEN_THEN_NEXT = re.compile(r"([^,;]{1,40}?)(?:\s*;\s*|\s+(?:and|&)\s+)[A-Z][\w'\-]{1,30}(?:\s[A-Z][\w'\-]{1,30})?")


def _joined_inverted(s: str, comma: int, limit: int) -> tuple[str, str] | None:
    """``Biren, M.B. and Spray, J.G., Title`` / ``Dimitrov, George; Katzarkov, Ludmil, Title``: inverted names
    joined by ``and`` or ``;`` — the given name after the last surname closes the list, not the first comma."""
    joined = False
    for _ in range(50):
        nxt = s.find(",", comma + 1, limit)
        given = s[comma + 1: nxt] if nxt != -1 else ""
        if not _GIVEN_THEN_NEXT.fullmatch(given.strip()) or not looks_like_names(given):
            break
        comma, joined = nxt, True
    if not joined:
        return None
    nxt = s.find(",", comma + 1, limit)
    end = min(nxt if nxt != -1 else limit, find_boundary(s, comma + 1))
    given = s[comma + 1: end].strip()
    if given and len(given.split()) <= 3 and looks_like_names(given) and not _GIVEN_THEN_NEXT.fullmatch(given):
        return s[:end], s[end:]
    return None


_PART_STOP = re.compile(r"[:;]")
_AND_NATURAL = re.compile(r",\s(?:and|&)\s(?:[A-Z][\w'\-]{0,30}\.?\s){1,3}[A-Z][\w'\-]{1,30}(?=[,.])")
_SUB_SPLIT = re.compile(r"\s+(?:and|&|und|dan|ve)\s+")


def _comma_authors(s: str) -> tuple[str, str] | None:
    """IEEE/SIAM without quotes: ``R. Diestel, Graph Theory, Springer`` — names up to the first non-name.

    Also ``RIOUT, Denys, Title`` (one inverted name, then the title after a comma).
    """
    pos, end, style, count = 0, -1, None, 0
    limit = min(len(s), 2000)  # a physics list of 70 names runs past 800 characters
    stop = -1
    while pos < limit:
        nxt = s.find(",", pos, limit)
        part_end = nxt if nxt != -1 else limit
        if stop < pos:
            stop = find_boundary(s, pos)
        last = False
        if stop < part_end:  # "..., and S. M. Holland. Title": the list ends at the period
            part_end, last = stop, True
        m = _PART_STOP.search(s, pos, part_end)
        if m and (count >= 2 or len(_LIST_SPLIT.split(s[pos:m.start()].strip())) >= 2):
            # "..., Nikita Borisov: Title" / "..., and Marte Fodstad; Title" / "A, B und C: Title" (two names at least)
            part_end, last = m.start(), True
        part = s[pos:part_end].strip().rstrip(".")
        if part.lower().startswith(("and ", "& ")):
            part, last = part.split(None, 1)[1] if " " in part else "", True
        subs = _SUB_SPLIT.split(part)
        if count and last and s[part_end:part_end + 3].strip()[:1].isdigit():
            break  # "E. Garnett, P. Yang, Nano Lett. 2010, 10": a journal and its numbers, no title
        if part.lower().strip(".") in {"jr", "sr", "ii", "iii"} and end != -1:
            end = part_end
        elif subs and all(_natural_name(x, None if last else style) for x in subs):
            style = is_initials(subs[0].split()[0]) if style is None else style
            end, count = part_end, count + len(subs)
            last = last or len(subs) > 1
        elif end == -1 and nxt != -1 and re.fullmatch(r"[A-Z][\w'\-]{1,30}", part):
            # inverted first name: "RIOUT, Denys," / "ARNOLDSON, K.P,"
            joined = _joined_inverted(s, nxt, limit)
            if joined:
                return joined
            nxt2 = s.find(",", nxt + 1, limit)
            given = s[nxt + 1: nxt2].strip() if nxt2 != -1 else ""
            if given and len(given.split()) <= 3 and looks_like_names(given):
                m = _AND_NATURAL.match(s, nxt2)  # MLA "Cheah, Pheng, and Bruce Robbins, eds."
                return (s[:m.end()], s[m.end():]) if m else (s[:nxt2], s[nxt2:])
            if given and all(is_initials(t) for t in given.split()):
                return s[:nxt2], s[nxt2:]
            break
        elif count == 1 and last and style is False and 1 <= len(part.split()) <= 3 and looks_like_names(part) \
                and len(s[:end].split()) == 2:
            end = part_end  # "Vargas Llosa, Mario. Title": a two-word surname, then the given name and a period
            break
        else:
            break
        if last or nxt == -1:
            break
        pos = nxt + 1
    if end <= 0 or end >= len(s) - 3:
        return None
    return s[:end], s[end:]
