"""Rules and CRF together: the model checks the rules' author, title and container.

The rules (:mod:`refcheck.parse`) read the whole reference. What they made of each token
(:func:`rule_marks`) is given to the CRF labeller (:mod:`refcheck.parse.crf`) as features, so
the model learns where the rules go wrong. For each of author, title and container the
model's segment replaces the rules' only when the model's token marginals favour it by
:data:`MARGIN` (log-odds) and it does not overlap a field already settled. Numbers, year,
identifiers and entry type stay with the rules.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right

from ..lexicon import YEAR
from .authors import title_run
from .chapter import take_editors
from .crf import _TOKEN, _lock, label_tokens, marginal, segments, tokens
from .names import format_names, split_names
from .tail import WEB_PAGE, clean_container, journal_name
from .text import find_boundary
from .titles import CHAPTER_PREFIX
from .venue import take_venue

_EDS_END = re.compile(r"(?:,\s?|\s?[(\[])(?:eds?|editors?|hrsg|dirs?)\.?[)\]]?[.,:]?\s?$", re.IGNORECASE)
MARGIN = 2.0  # log-odds the model must win by to overrule the rules
DROP_CONTAINER = True  # the model may also say a "container" the rules found is not one
_SCORED = ("author", "title", "container")  # the fields the model may overrule


def rule_marks(text: str, authors: str, fields: dict[str, str]) -> list[str]:
    """What the rules made of each token of ``text``: author, year, title, container, publisher or ``o``.

    >>> rule_marks("Doe, J. 2001. A title. Nature 3.", "Doe, J.", {"title": "A title", "journal": "Nature",
    ...                                            "year": "2001"})
    ['author', 'author$', 'year$', 'title', 'title$', 'container$', 'o']
    """
    offs = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    starts = [x for x, _ in offs]
    out = ["o"] * len(offs)
    end = 0
    for label, value in (("author", authors), ("title", fields.get("title", "")),
                         ("container", fields.get("journal") or fields.get("booktitle", "")),
                         ("publisher", fields.get("publisher", "")), ("year", fields.get("year", ""))):
        if not value:
            continue
        pos = text.find(value, end if label in ("title", "container") else 0)
        if pos < 0:
            continue
        stop = pos + len(value)
        if label != "year":
            end = stop
        first = max(bisect_right(starts, pos) - 1, 0)
        last = -1
        for t in range(first, len(offs)):
            x, y = offs[t]
            if x >= stop:
                break
            if y > pos and out[t] == "o":
                out[t] = label
                last = t
        if last >= 0 and offs[last][1] >= stop:  # the span ends in this token
            out[last] = label + "$"
    return out




def _value(label: str, text: str) -> str:
    if label == "title":  # "Chapter 1 - Title": the chapter number is not part of it
        return CHAPTER_PREFIX.sub("", text.strip(" .,;:\"'\u201c\u201d\u2018\u2019"), count=1)
    if label == "container":
        return clean_container(text.strip(" .,;:"))
    return _EDS_END.sub("", text.strip(" ,;:"))


def _support(label: str, inside: set[int], union: set[int]) -> float:
    """Log-likelihood, token by token, that exactly ``inside`` of ``union`` carries ``label``."""
    total = 0.0
    for t in union:
        p = marginal(label, t)
        total += math.log(max(p if t in inside else 1.0 - p, 1e-9))
    return total


_OPENING = "\"'\u201c\u201e\u2018\u00ab"
_CLOSING = "\"'\u201d\u2019\u00bb"


def _rules_sure(s: str, label: str, value: str, pos: int) -> bool:
    """A title the rules took from between quotes that close it off (``“Title,” Journal``, ``"Title".``):
    the quotes settle it. Not ``“Like” and language ideology``: a quoted phrase opening the title.
    """
    if label != "title" or pos <= 0 or s[pos - 1] not in _OPENING:
        return False
    end = pos + len(value)
    q = next((i for i in range(end, min(end + 2, len(s))) if s[i] in _CLOSING), -1)
    if q < 0:
        return False
    after = s[q + 1: q + 5]
    return end < q or after[:1] in ("", ",", ".", ";", ":") or not after[1:2].islower() or after[1:4] in ("in ", "in:")


_SENTENCE_INSIDE = re.compile(r"[a-z)]{2}\.\s[A-Z][a-z]{3}|[\u201c\u201d\"]|\)\s")  # "... cells. Psychiatry Research", "(Eds.) J."
_NUMBERS_AFTER = re.compile(r",?\s(?:v\.\s?\d|\d{1,5}\s?\(\d{1,4}\)\s?[:,]\s?\d)")  # geology "v. 81"; "102(46):"


def _numbers_follow(s: str, value: str, pos: int) -> bool:
    """``. Contributions to Mineralogy and Petrology, v. 55, pp. 255`` / ``. Journal 102(52):18819``: a journal
    the rules closed between a sentence end and its labelled volume or volume(issue):pages is settled."""
    return pos > 2 and s[pos - 2] in ".?" and _NUMBERS_AFTER.match(s, pos + len(value)) is not None \
        and not _SENTENCE_INSIDE.search(value)


_AFTER_JOURNAL = re.compile(  # all that may follow an online-first journal: a date, "Published online …", "(Publisher)"
    r"[\s.,;:]*(?:\(?" + YEAR + r"[a-z]?\)?[\s.,;:]*$|$|(?P<sign>(?i:published\s+online|online\s+first|"
    r"(?:epub|online)\s+ahead\s+of\s+print)\b|\([^()]*(?:\([^()]*\))?[^()]*\)(?=[\s,.])))")


def _journal_ends(s: str, value: str, pos: int, fields: dict[str, str]) -> bool:
    """``Title. Lifetime Data Analysis.`` / ``. Journal. Published online 2006`` / ``. Journal (Publisher) 4``:
    a journal the rules closed between a sentence end and the end of the reference, an online-first notice or
    its bracketed publisher is settled."""
    after = _AFTER_JOURNAL.match(s, pos + len(value)) if "journal" in fields and pos > 2 else None
    return after is not None and s[pos - 2] in ".?\u201d\"" and not _SENTENCE_INSIDE.search(value) \
        and not WEB_PAGE.search(s) and (after.group("sign") is not None
                                        or _JOURNAL_NAME.search(value) is not None or journal_name(value))



def _place_publisher_follows(s: str, value: str, pos: int, fields: dict[str, str]) -> bool:
    """``Title. Pro jQuery 2.0. Berkeley, CA: Apress 2013``: a book the rules closed by the place and publisher
    they read after it is settled."""
    place, publisher = fields.get("address", ""), fields.get("publisher", "")
    return "booktitle" in fields and pos > 2 and bool(place) and bool(publisher) \
        and s.startswith(f". {place}", pos + len(value)) and publisher in s[pos + len(value):] \
        and not _in_marked(s, value)[1]  # an "In" book's editors ("…, Ed. A. Fitzgerald") are the model's to cut


_IN_MARK = re.compile(r"(?:^|[\s,.\u201d\u2019\"'])(?:[Ii]n|IN|[Ee]n|[Dd]ans|W|Dalam):?\s+")


def _in_marked(s: str, value: str) -> tuple[int, int, int, int]:
    """Where a container the rules read after ``In`` (and its editors: ``, in A. Editor (ed.), Book``)
    starts and ends, where its editors start and where the ``In`` stands: the mark settles that a book
    follows, so the model may neither drop it, nor run the title into it, nor take into it the editors or
    what comes before the mark (``Chapter 6 in …``). Zeros when unmarked."""
    pos = s.find(value) if value else -1
    if pos < 0:
        return 0, 0, 0, 0
    marks = list(_IN_MARK.finditer(s, max(0, pos - 300), pos))
    if marks and (marks[-1].end() == pos or take_editors(s[marks[-1].end():pos + len(value)])[1] == value):
        m = marks[-1]
        return pos, pos + len(value), m.end(), m.start() + (s[m.start()] in " ,.\u201d\u2019\"'")
    return 0, 0, 0, 0


def _crosses_book(label: str, model: set[int], book: set[int], outside: set[int]) -> bool:
    """The model's title runs into the book an ``In`` opens, or its container takes in what is not the book."""
    return (label == "title" and bool(model & book)) or (label == "container" and bool(model & outside))


def _venue_follows(s: str, value: str, pos: int, fields: dict[str, str]) -> bool:
    """``Booktitle, San Diego, CA, May 1990``: the rules cut the meeting's place and date off its name
    (:func:`refcheck.parse.venue.take_venue`); a booktitle that ends where a venue begins is settled."""
    if "booktitle" not in fields or pos < 0 or not ("month" in fields or "address" in fields):
        return False
    venue = take_venue(s[pos: pos + 400])
    return venue is not None and venue.booktitle == value


def _italics_follow(s: str, value: str, pos: int, italic: set[str]) -> bool:
    """Names that end where italics (the title) begin: the typesetting settles the boundary."""
    if pos < 0 or not value or not italic:
        return False
    after = s[pos + len(value): pos + len(value) + 400].lstrip(" ,.;:")
    return any(after.startswith(span) for span in italic if span)


def _caps_title_follows(s: str, value: str, pos: int) -> bool:
    """``SOUZA, M. A. ANÁLISE DE DADOS.``: an all-capitals title right after the names, which the model (trained
    on capitalised ABNT surnames) would read on as more names."""
    if pos < 0 or not value:
        return False
    after = s[pos + len(value): pos + len(value) + 300]
    if sum(t.isupper() and len(t) >= 4 for t in after.split()[:12]) < 2:
        return False  # most references: no capitalised words at all, no need to find the sentence's end
    end = find_boundary(after.lstrip(" .,"), 0)
    cont = after.lstrip(" .,")[:end]
    return sum(t.isupper() and t.isalpha() and len(t) >= 4 for t in cont.rstrip(".").split()) >= 2 and title_run(cont)


def _series_follows(s: str, value: str, pos: int, fields: dict[str, str]) -> bool:
    """``ECCV 2016. LNCS, vol. 9905``: the series the rules read right after the booktitle is not part of it."""
    series = fields.get("series", "")
    end = pos + len(value)
    return bool(series) and "booktitle" in fields and pos >= 0 and s[end: end + len(series) + 4].lstrip(" .,").startswith(series)


_DANGLING = frozenset({"and", "or", "of", "the", "in", "for", "to", "with", "on", "a", "an", "by", "from", "at", "&",
                       "\u2014", "\u2013", "-", "//", "und", "et", "y", "de", "du", "des", "la", "le"})


_JOURNAL_NAME = re.compile(r"^(?:The\s)?Journal\sof\s|\sJournal$")  # "Journal of …", "… Journal": a journal


def _dangling_end(label: str, token: str) -> bool:
    """``… Contributions to Mineralogy and`` / ``…, in``: a title or container does not end on a word that
    joins it to more."""
    return label != "author" and token.lower() in _DANGLING


_YEAR_AFTER = re.compile(rf"[\s,.]{{0,3}}\(?{YEAR}[a-z]?\)?[.,:]")


def _year_follows(s: str, value: str, pos: int) -> bool:
    """Author-date: names that end right at the year (``…; Karmiloff-Smith, Annette. 2001.``) are settled."""
    return pos >= 0 and bool(value) and _YEAR_AFTER.match(s, pos + len(value)) is not None


def _broken_start(token: str) -> bool:
    """``6).`` / ``14).``: a segment does not begin with the end of a bracket (what is left of a date)."""
    return (")" in token and "(" not in token) or ("]" in token and "[" not in token)


def refine(s: str, authors: str, fields: dict[str, str], italics: str = "") -> dict[str, str]:
    """Author, title and container segments where the model is surer than the rules; the rest unchanged.

    ``s`` is the cleaned reference the rules read, ``authors`` their author segment. For each of the
    three fields the model's segment and the rules' are compared by the model's token marginals;
    the model's wins only by :data:`MARGIN`.
    """
    with _lock:  # the marginals below belong to this sequence
        return _refine(s, authors, fields, italics)


def _refine(s: str, authors: str, fields: dict[str, str], italics: str) -> dict[str, str]:
    toks = tokens(s)
    labels = label_tokens(toks, rule_marks(s, authors, fields))
    if labels is None:
        return {}
    offs = [(m.start(), m.end()) for m in _TOKEN.finditer(s)]
    first: dict[str, tuple[int, int]] = {}
    i = 0
    for lab, text in segments(toks, labels):
        k = text.count(" ") + 1
        first.setdefault(lab, (i, i + k))
        i += k
    ckey = "journal" if "journal" in fields else "booktitle" if "booktitle" in fields else ""
    rule_text = {"author": authors if "author" in fields else "", "title": fields.get("title", ""),
                 "container": fields.get(ckey, "") if ckey else ""}
    italic = set(italics.split("\n")) if italics else set()  # the model never saw italics: where they agree
    changes: dict[str, str] = {}                                 # with the rules, the rules stand
    taken: set[int] = set()  # tokens of the fields already decided: segments never overlap
    cpos = s.find(rule_text["container"]) if rule_text["container"] else -1
    if _journal_ends(s, rule_text["container"], cpos, fields):  # settled: no title may run into it
        taken |= {t for t, (x, y) in enumerate(offs) if x < cpos + len(rule_text["container"]) and y > cpos}
    x0, y0, e0, w0 = _in_marked(s, rule_text["container"])
    book = {t for t, (x, y) in enumerate(offs) if x < y0 and y > x0} if y0 else set()
    outside = {t for t, (x, y) in enumerate(offs) if (x >= e0 and y <= x0) or y <= w0} if book else set()
    for label in _SCORED:
        if label == "author" and "editor" in fields and "author" not in fields:
            continue
        a, b = first.get(label, (0, 0))
        model = set(range(a, b))
        value = rule_text[label]
        pos = s.find(value) if value else -1
        if value and pos < 0:
            continue  # the rules rewrote it: nothing to compare
        ruled = {t for t, (x, y) in enumerate(offs) if x < pos + len(value) and y > pos} if value else set()
        union = model | ruled
        rules_sure = _rules_sure(s, label, value, pos) or value in italic \
            or (label == "container" and not model and (book or _JOURNAL_NAME.search(value) is not None)) \
            or (label == "container" and (_venue_follows(s, value, pos, fields) or _series_follows(s, value, pos, fields)
                                          or _numbers_follow(s, value, pos) or _journal_ends(s, value, pos, fields)
                                          or _place_publisher_follows(s, value, pos, fields))) \
            or (label == "author" and (_italics_follow(s, value, pos, italic) or _year_follows(s, value, pos)
                                       or _caps_title_follows(s, value, pos)))
        if ruled != model and not model & taken and not _crosses_book(label, model, book, outside) and (model or label == "container") and not rules_sure and \
                not (model and (_broken_start(toks[a]) or _dangling_end(label, toks[b - 1]))) and \
                _support(label, model, union) > _support(label, ruled, union) + MARGIN:
            changes[label] = _value(label, " ".join(toks[a:b])) if model else ""
            taken |= model
        else:
            taken |= ruled
    return changes


def apply(entry_type: str, fields: dict[str, str], s: str, authors: str,
          italics: str = "") -> tuple[str, dict[str, str]]:
    """The rules' entry with :func:`refine`'s changes made; unchanged without a model."""
    try:
        changes = refine(s, authors, fields, italics)
    except Exception:  # the model is a helper: on any trouble the rules stand
        return entry_type, fields
    if not changes:
        return entry_type, fields
    fields = dict(fields)
    if changes.get("author"):
        names, others = split_names(changes["author"])
        if names:
            fields["author"] = format_names(names, others)
    if changes.get("title"):
        fields["title"] = changes["title"]
    if "container" in changes:
        key = "journal" if "journal" in fields else "booktitle" if "booktitle" in fields else ""
        value = changes["container"]
        if value and value == fields.get("series"):
            value = ""  # the rules read it as the book's series ("Graduate Texts in Mathematics 52."): no container
        if value and not key:
            key = "journal" if "volume" in fields or entry_type in ("article", "misc") else "booktitle"
            if entry_type == "misc":
                entry_type = "article" if key == "journal" else "incollection"
        if key and value:
            fields[key] = value
        elif key and DROP_CONTAINER:
            del fields[key]
    return entry_type, fields
