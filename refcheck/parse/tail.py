"""What follows the title: decide the entry type and fill container, publisher and numbers.

``read_tail("Biological Psychiatry, vol. 81, no. 5, 2017, pp. 386-397.", ...)`` gives an
``article`` in *Biological Psychiatry*; ``"In Theorizing Documentary, ed. Michael Renov,
1-11. London: Routledge, 1993."`` an ``incollection``; ``"Viking, 2015."`` after an
unquoted title a ``book``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import (
    COMPANY_WORDS,
    FORTHCOMING,
    IN_PRESS,
    MONTH_SPELLINGS,
    MONTH_WORD,
    PROCEEDINGS_PUBLISHERS,
    PUBLISHER_HINTS,
    PUBLISHER_NAME_ENDS,
    PUBLISHER_WORDS,
    PUBLISHERS,
    PUBLISHERS_MORE,
    SEASONS,
    YEAR,
    alternation,
)
from .chapter import cut_booktitle, editors_only, subtitle_end, take_editors
from .fields import Container, is_year, parse_numbers
from .names import format_names, looks_like_names, split_names
from .text import find_boundary, find_quoted
from .titles import YEAR_SPAN
from .venue import PROCEEDINGS as _PROCEEDINGS
from .venue import Venue, is_place, take_venue

_IN = re.compile(r"^(?:(?:In|in|IN|Dans|dans|En|en)\s*:?|W:|Dalam:)\s+")
_BOOKTITLE_END = re.compile(
    r"\s*[(\[](?:pp?|vol|Vol|S)\.|,\s*(?:pp?\.|pages\b|vol\.|Vol\.|v\.\s?\d|Volume\s\d)|,?\s+(?:ed\.|eds\.|edited by|Edited by|ed\. by)\s"
    r"|\.\s+(?:Edited by|Ed\.|Eds\.)\s|\s\((?=[^()]{0,120}\b(?:eds?|editors?)\.?\))|\s\((?=[^()]{0,80}:)")
_IN_JOURNAL_VOLUME = re.compile(r"(?<=[a-z])\s(\d{1,4})$")
_YEAR_FIRST = re.compile(rf"[\s,]*{YEAR}\b")
_PUBLISHER_NEXT = re.compile(r"(?<=[)\w'])\.\s+(?=(?:" + alternation(PROCEEDINGS_PUBLISHERS) +
                             r"|[A-Z]\w+(?:\s[A-Z]\w+){0,2}\s" + alternation(PUBLISHER_NAME_ENDS) + ")"
                             r"(?:\sPress)?\s*[,.;(])")
_SERIES = r"([A-Z]{2,6}|Lecture Notes in [A-Z][A-Za-z ]{3,40}?|[A-Z][\w\-]{1,15}(?: [A-Z][\w\-]{1,15}){0,2} (?:Proceedings|Series))"
_SERIES_AFTER = re.compile(rf"[.,]?\s*{_SERIES}\s*,\s*(?=[Vv]ol\b|[Vv]ol\.|[Vv]olume\b)")
_SERIES_END = re.compile(rf"\.\s{_SERIES}$")
_ACRONYM_END = re.compile(r"(?:^|[\s,])[A-Z]{2,}[A-Za-z\-]{0,10}$")
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z\d\-']{1,15}\)")
_CHAPTER_IN = re.compile(r"^(?:Chapter|Ch\.|Chap\.)\s?\d{1,3},?\s+(?=[Ii]n\b)")
_LEADING_EDITED = re.compile(r"^(?:Edited by|Ed\.|Eds\.|edited by)\s+([^.]{2,200})\.\s+(?=In\b)")
_EDS_AFTER = re.compile(r"^[\s,.]*(?:ed(?:ited)?\.?\s+by|eds?\.|Edited by|Ed\.)\s+", re.IGNORECASE)
_THESIS = re.compile(
    r"\b(?:(Ph\.?\s?D|Doctoral|Doctorate|D\.?\s?Phil|Dr\.|Habilitation)\.?\s*(?:thesis|dissertation|diss\.?)|"
    r"(Master'?s?|M\.?\s?S\.?c?|M\.?\s?A|M\.?\s?Phil|MSc|MA|Diploma|Bachelor'?s?|B\.?\s?Sc|Honours|Licentiate)"
    r"\.?\s*(?:thesis|dissertation|diss\.?|project)|(dissertation|thesis|th[eè]se|tesis|tese|Diss\.))",
    re.IGNORECASE)
_REPORT = re.compile(
    r"\b(?:tech(?:nical)?\.?\s*(?:rep(?:ort)?|memo(?:randum)?|note)\.?|working\s+papers?|discussion\s+papers?|"
    r"research\s+(?:report|paper|memorandum)|white\s+paper|report\s+no\.?|policy\s+brief|occasional\s+paper|"
    r"staff\s+report|NBER\b|CEPR\b|IZA\b)", re.IGNORECASE)
JOURNAL_WORDS = re.compile(
    r"\b(?:journals?|reviews?|revue|revista|rev\.|transactions|trans\.|letters|lett\.|annals|ann\.|bulletin|bull\.|"
    r"quarterly|magazine|zeitschrift|acta|archives|arch\.|j\.|nature|science|lancet|bmj|jama|plos|cell|"
    r"psychiatry|medicine|research|studies|economics?|econometrica|proceedings|reports?|times|post|gazette|"
    r"today|news|weekly|daily|monthly|forum|perspectives|advances|frontiers|physics|chemistry|biology)\b",
    re.IGNORECASE)
STRONG_PUBLISHER = re.compile(  # a publisher's name or word: "Press", "Verlag", "Springer"
    r"\b" + alternation(PUBLISHER_WORDS + PUBLISHERS) + r"\b", re.IGNORECASE)
_PUBLISHER_WORDS = re.compile(  # also what only suggests a publisher: "Books", "University", "Ltd"
    r"\b" + alternation(PUBLISHER_WORDS + PUBLISHERS + PUBLISHERS_MORE + COMPANY_WORDS + PUBLISHER_HINTS) + r"\b",
    re.IGNORECASE)


_MON = MONTH_WORD + r"\.?"
_DATE_ONLY = re.compile(  # "July / August", "Fall": what is left of a date is no publisher
    r"(?:(?i:" + alternation(MONTH_SPELLINGS) + r")\.?|(?i:" + alternation(SEASONS) + r"))"
    r"(?:\s?[-/\u2013]\s?[A-Za-z]{3,9}\.?)?")
_SERIES_NUMBER = re.compile(r"([A-Z][^.:;()\d]{3,80}?[a-z])\s+(\d{1,5})\.\s+(?=[A-Z])")
_DATE_FIRST = re.compile(rf"\(?({YEAR})[a-z]?\)?\s?[.,;]\s(?=[^\W\d])")
_VANCOUVER_DATE = re.compile(  # "2022 Sep 10;" / "Sep 10 2022" / "10 September 2022": a periodical's day
    rf"\b{YEAR}(?:\s[A-Z][a-z]{{2}}(?:\s\d{{1,2}})?)?;|\b{_MON}\s\d{{1,2}},?\s{YEAR}\b"
    rf"|\b\d{{1,2}}\s{_MON},?\s{YEAR}\b|\b{YEAR}\s{_MON}\s\d{{1,2}}\b")
_IN_PRESS = re.compile(r"\b" + alternation(IN_PRESS) + r"\b", re.IGNORECASE)
_PREPRINT = re.compile(r"(?:arXiv|bioRxiv|medRxiv|SSRN|ChemRxiv|PsyArXiv|Research Square)(?:\s+preprint)?$",
                       re.IGNORECASE)


# Online-first articles carry no volume or pages: "Journal. Published online March 2006." (AMA),
# "BMJ Open. Published Online First: 2021." (BMJ), "Epub ahead of print": the journal is known, the numbers are not.
_ONLINE_FIRST = re.compile(
    r"[.,;]?\s*\b(?:published\s+online(?:\s+first)?|online\s+first|(?:epub|online)\s+ahead\s+of\s+print|"
    r"advance\s+online\s+publication|early\s+view)\b.*$", re.IGNORECASE)
# What a journal's name is made of beyond JOURNAL_WORDS: a field of study ("Lifetime Data Analysis", "Engineering",
# "Protein Expression and Purification", "Current Opinion in HIV and AIDS"). Publishers are named after people or
# places (Farrar, Straus and Giroux; William Morrow) or say so (Press, Books); institutions publish reports.
_SUBJECT_WORD = re.compile(
    r"\b(?:[A-Za-z]{3,}(?:ology|ologie|ics|ysis|ering|istry|omy|aphy|ation|ences?)|opinion|systems|health|"
    r"ecology|nutrients|materials|energy|sensors|molecules|cancers?|cells|genes|water|sustainability|"
    r"processes|policy|education|learning|computing|networks?|microbiology|sciences?|therapeutics|surgery|"
    r"neuroscience|diseases?|disorders|ethics|evolution|zoology|botany|genetics|imaging)\b", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"\b(?:organi[sz]ation|institute|institution|association|society|foundation|agency|council|department|"
    r"ministry|office|bureau|commission|cent(?:er|re)|laborator(?:y|ies)|university|library|museum|bank|fund|"
    r"group|committee|board|service|government|programme|program|corporation|school|college|associates|"
    r"human kinetics|information age|nova science|world scientific|science reference|jossey)\b", re.IGNORECASE)
# "Journal (Publisher) 4, no. 37: 1450" / "Engineering (Elsevier BV), January": the publisher after the journal
_BRACKET_PUBLISHER = re.compile(
    r"^(?P<name>[^()]{2,200}?)\s\((?P<pub>(?:[^()]|\([^()]{1,40}\)){3,120})\)(?=\s\d|\s*[,.]|\s*$|\s[nN]\S{0,2}\s?\d)")

_MONTH_OR_SEASON = re.compile(rf"^{_DATE_ONLY.pattern}\b")
_BOOK_PLACE_PUBLISHER = re.compile(r"^(?P<book>[^:]{3,200}?)\.\s(?P<place>[A-Z][^:.]{1,40}?)\s?:\s?(?P<pub>[^:]{2,80})$")
_TRAILING_MONTH = re.compile(rf"(?:,\s*|\s(?=\d))(?:\d{{1,2}}\s)?{_DATE_ONLY.pattern}(?:\s\d{{1,2}})?$")

# Crossref's publisher names as Chicago-like styles print them: "(Elsevier BV)", "(Informa UK Limited)",
# "(Public Library of Science (PLoS))"; not "(Natural Science)" or "(New Brunswick, N.J.)", which name the journal
_BRACKET_PUBLISHER_WORDS = re.compile(
    r"\b(?:BV|B\.V\.|SA|AG|Limited|Association|Society|Journal|Institute|Foundation|Reviews)\b|\([A-Z][A-Za-z]{1,8}\)$")
_NOT_PUBLISHER = re.compile(r"\b(?:eds?|editors?|trans|in press)\b", re.IGNORECASE)
WEB_PAGE = re.compile(r"\b(?:Retrieved|Accessed|Available)\b|\[online\]|\bn\.\s?d\b", re.IGNORECASE)


def _take_bracket_publisher(s: str) -> tuple[str, str]:
    """``Journal (Publisher) 4, no. 37`` → (``Journal 4, no. 37``, ``Publisher``); ``s`` and ``""`` when the bracket
    holds a date, editors, a place or an acronym, or the name is a proceedings'."""
    m = _BRACKET_PUBLISHER.match(s)
    if not m or _PROCEEDINGS.search(s, 0, m.end()):
        return s, ""
    pub = m.group("pub")
    if re.search(r"\d", pub) or _MONTH_OR_SEASON.search(pub) or _NOT_PUBLISHER.search(pub):
        return s, ""  # "(March 27, 1969)", "(Fall, 1967)", "(eds.)": a date or editors
    if not (_PUBLISHER_WORDS.search(pub) or _BRACKET_PUBLISHER_WORDS.search(pub) or pub == m.group("name")):
        return s, ""
    return m.group("name") + s[m.end():], pub


def journal_name(lead: str) -> bool:
    """A name that reads as a journal's, not a publisher's: a field of study, and no publisher or institution word."""
    return bool(_SUBJECT_WORD.search(lead)) and not _PUBLISHER_WORDS.search(lead) and not _INSTITUTION.search(lead) \
        and len(lead.split()) <= 14 and not any(ch.isdigit() for ch in lead)


@dataclass
class Tail:
    entry_type: str = "misc"
    fields: dict[str, str] = field(default_factory=dict)
    title: str = ""


def split_publisher(text: str) -> dict[str, str]:
    """``London: Routledge`` / ``Oxford University Press, Oxford`` → publisher and address."""
    text = text.strip(" ,.;:")
    if not text:
        return {}
    if ":" in text:
        place, pub = text.split(":", 1)
        place, pub = place.strip(" ,."), pub.strip(" ,.")
        if pub and is_place(pub) and not is_place(place):  # "Institute of Navigation: Savannah, Georgia, USA"
            return {"publisher": place, "address": pub}
        if pub and len(place.split()) <= 6:
            return {"address": place, "publisher": pub}
    if is_place(text) and not _PUBLISHER_WORDS.search(text):  # "Berkeley, CA, USA": where, not who
        return {"address": text}
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) >= 2:
        first_pub = bool(_PUBLISHER_WORDS.search(parts[0]))
        last_pub = bool(_PUBLISHER_WORDS.search(parts[-1]))
        if first_pub and not last_pub:
            return {"publisher": parts[0], "address": ", ".join(parts[1:])}
        if last_pub and not first_pub:
            return {"address": ", ".join(parts[:-1]), "publisher": parts[-1]}
        if len(parts[-1].split()) <= 2 and not first_pub:
            return {"publisher": parts[0], "address": ", ".join(parts[1:])}
    return {"publisher": text}


def _publisher_from(chunks: list[str]) -> dict[str, str]:
    chunks = [c for c in chunks if c and not re.fullmatch(r"[\W\d]*", c) and not _DATE_ONLY.fullmatch(c)]
    if not chunks:
        return {}
    # prefer the chunk that reads like a publisher
    for c in chunks:
        if ":" in c or _PUBLISHER_WORDS.search(c):
            return split_publisher(c)
    return split_publisher(chunks[0])


def _editor_field(text: str) -> str:
    names, others = split_names(text)
    return format_names(names, others) if names else ""


_NAME_YEAR = re.compile(rf"(?<![\w\-/'\u2019])({YEAR})(?![\w\-/])")


def _venue_fields(venue: Venue, need_year: bool) -> dict[str, str]:
    """Address and month of the meeting; its year only when the reference has none yet, else the one in its
    name (``CCS '18: 2018 ACM SIGSAC Conference …``)."""
    f = {k: v for k, v in venue.fields.items() if k != "year" or need_year}
    m = _NAME_YEAR.search(venue.booktitle) if need_year and "year" not in f else None
    if m:
        f["year"] = m.group(1)
    return f


def _venue_tail(venue: Venue, need_year: bool) -> Tail:
    """``Booktitle, Place, Date, pp. 1-6. Publisher``: numbers and publisher from what follows the venue."""
    f = _venue_fields(venue, need_year)
    c = parse_numbers(venue.rest, want_year=need_year and "year" not in f)
    for k, v in c.fields.items():
        f.setdefault(k, v)
    f.update({k: v for k, v in _publisher_from(([c.lead] if c.lead else []) + c.tail).items() if k not in f})
    f["booktitle"] = venue.booktitle
    return Tail("inproceedings", f)


def _in_container(s: str, need_year: bool) -> Tail:
    """``In A. Editor (Ed.), Book (pp. 1-20). Publisher.`` and its Chicago/Vancouver variants."""
    tail = Tail("incollection")
    f = tail.fields
    m = re.match(r"^(?:ed\.|eds\.|edited by)\s+([^,]{2,120}),\s*", s)
    editors, s = (m.group(1), s[m.end():]) if m and looks_like_names(m.group(1)) else take_editors(s)
    if editors:
        f["editor"] = _editor_field(editors)
    end = find_boundary(s, chains=True)
    if s.startswith("Proc"):  # "Proc. IEEE Conf. Comput. Vis. Pattern Recognit. (CVPR), 2016": all abbreviations
        m = re.search(rf",\s*(?:{YEAR}\b|pp?\.|vol\.|pages\b)", s)
        end = m.start() if m else len(s)
        m = _PUBLISHER_NEXT.search(s, 0, end)  # "… (CHI '19). ACM, 1–12": the publisher ends it
        end = m.start() + 1 if m else end
    m = _BOOKTITLE_END.search(s, 0, end)
    if m:
        end = m.start()
    quoted = find_quoted(s, 0, 1) if s[:1] in "\u2018'\"\u201c" else None
    acronym = _ACRONYM.match(s, end)  # "Int. Conf. Big Data Anal. (ICBDA), Shanghai": the name goes on
    venue = take_venue(s, starts_before=acronym.end() if acronym else end) \
        if not quoted and _PROCEEDINGS.search(s, 0, acronym.end() if acronym else end) else None
    if quoted:  # "in ‘2019 41st Annual International Conference …’, IEEE, pp. 1-4"
        booktitle, rest = s[1: quoted[1]].strip(" ,.;:"), s[quoted[2]:]
    elif venue:  # "Proc. … Conf., San Diego, CA, May 1990": the meeting's place and date are not its name
        booktitle, rest = venue.booktitle, venue.rest
        f.update(_venue_fields(venue, need_year))
        need_year = need_year and "year" not in f
    else:
        end = subtitle_end(s, cut_booktitle(s, end, STRONG_PUBLISHER))
        c = parse_numbers(s[:end], want_year=False)
        if c.numbers_at > 0 and "pages" in c.fields and not YEAR_SPAN.fullmatch(c.fields["pages"].replace("--", "-")):
            end = c.numbers_at  # but "Philosophical Papers 1956–1972" is the book's period
        booktitle = s[:end].strip(" ,.;:")
        rest = s[end:]
    m = _SERIES_END.search(booktitle, max(0, len(booktitle) - 60)) if re.match(r"\s*,\s*[Vv]ol", rest) else None
    if m:  # "Proceedings of the Workshop on X. CEUR Workshop Proceedings, vol. 2019"
        booktitle, rest = booktitle[: m.start()], f". {m.group(1)}{rest}"
    m = _SERIES_AFTER.match(rest)
    if m:  # "ECCV 2016. LNCS, vol. 9905": the proceedings' series and its volume
        f["series"], rest = m.group(1), rest[m.end(1):]
    m = _EDS_AFTER.match(rest)
    if m and "editor" not in f:
        rest = rest[m.end():]
        stop = re.search(r",\s*(?=\d|pp?\.|vol)|[.;(]\s|\s[(\[]|,\s*(?=[A-Z][a-z]+:)", rest)
        names = rest[: stop.start()] if stop else rest
        if looks_like_names(names.strip(" .,")):
            f["editor"] = _editor_field(names)
            rest = rest[len(names):]
    c = parse_numbers(rest, want_year=need_year)
    for k, v in c.fields.items():
        f.setdefault(k, v)
    m = _IN_JOURNAL_VOLUME.search(booktitle)
    if m and "editor" not in f and "volume" not in f and not c.lead and not c.tail and _YEAR_FIRST.match(rest):
        # "In: Classica et Mediaevalia 50, 1999, 81-96": a journal, its volume, year and pages; nothing else
        f["volume"], booktitle = m.group(1), booktitle[: m.start()]
    pub = _publisher_from(([c.lead] if c.lead else []) + c.tail)
    f.update({k: v for k, v in pub.items() if k not in f})
    if not pub and "editor" not in f and "pages" in f and editors_only(booktitle):
        f["editor"], booktitle = _editor_field(booktitle), ""  # "In Clem, Greenberg, and Olander, 24–65"
    f["booktitle"] = booktitle
    if _PROCEEDINGS.search(booktitle):
        tail.entry_type = "inproceedings"
    return tail


def _organisation(text: str) -> bool:
    """``ACM`` / ``Association for Computing Machinery`` / ``IEEE Press``: a publisher's name, no more."""
    words = text.strip(" .,;").split()
    return 0 < len(words) <= 6 and (bool(_PUBLISHER_WORDS.search(text)) or len(words) >= 2) and all(
        w[:1].isupper() or w in ("of", "for", "and", "the", "&", "de") for w in words) and not any(
        ch.isdigit() for ch in text)


def read_tail(after: str, need_year: bool, quoted_title: bool, title: str) -> Tail:
    """Type and fields from the text after the title."""
    s = _CHAPTER_IN.sub("", after.strip(" ,.;:"), count=1)  # "Chapter 6 in Editors (eds.) Book"
    m = _LEADING_EDITED.match(s)
    editor = ""
    if m and looks_like_names(m.group(1)):  # MLA: "Edited by Sally Munt. In Technospaces..."
        editor, s = _editor_field(m.group(1)), s[m.end():]
    if _IN.match(s) and not _IN_PRESS.match(s):  # "In press" is no "In Book"
        tail = _in_container(_IN.sub("", s, count=1), need_year)
        if editor:
            tail.fields.setdefault("editor", editor)
        return tail
    s, bracket_publisher = _take_bracket_publisher(s)
    online = _ONLINE_FIRST.search(s)
    c: Container = parse_numbers(s, want_year=need_year)
    y = _DATE_FIRST.match(s) if not c.lead else None
    if y:  # "2023, Frontiers in Immunology, 13, 1076883": the date before the journal
        inner = parse_numbers(s[y.end():], want_year=need_year)
        if inner.lead and inner.numbers_at > 0 and "volume" in inner.fields and "pages" in inner.fields \
                and not _PUBLISHER_WORDS.search(inner.lead):
            c = inner
            if need_year:
                c.fields.setdefault("year", y.group(1))
    f = dict(c.fields)
    lead = c.lead
    thesis = _THESIS.search(s)
    if thesis:
        kind = "phdthesis" if thesis.group(1) or (thesis.group(3) or "").lower().startswith(("diss", "th")) \
            and not re.search(r"\bmaster|\bM\.?\s?(?:S|A|Sc|Phil)\b", s, re.IGNORECASE) else "mastersthesis"
        if thesis.group(2):
            kind = "mastersthesis"
        chunks = [x for x in ([lead] + c.tail) if x]
        school = [x for x in (_THESIS.sub("", x).strip(" ,.;:()[]") for x in chunks) if x]
        if "pages" in f and "--" not in f["pages"]:
            del f["pages"]  # "p. 202": a thesis's length, not a page range
        if school:
            f["school"] = ", ".join(school[:2]) if len(school) > 1 and len(school[1].split()) <= 3 else school[0]
        return Tail(kind, f)
    if _REPORT.search(s):
        num = re.search(r"\b(?:No|Number|Nr)\.?\s*#?\s*([\w][\w\-./]{0,20})|#\s*([\w\-./]{1,20})"
                        r"|\b(?i:paper|report|discuss\u00e3o)\s+(\d[\w\-./]{0,20})", s)  # "Working paper 33"
        if num:
            f["number"] = (num.group(1) or num.group(2) or num.group(3)).rstrip(".")
            f.pop("pages", None)
            f.pop("volume", None)
        parts = [x.strip(" ,.;:()") for x in re.split(r"[.;()]\s|,\s", s) if x.strip(" ,.;:()")]
        inst = [x for x in parts if not _REPORT.search(x) and not re.search(r"\d", x)]
        if inst:
            f["institution"] = inst[0]
        return Tail("techreport", f)
    venue = take_venue(s) if _PROCEEDINGS.search(s, 0, 300) else None
    if venue:
        return _venue_tail(venue, need_year)
    has_numbers = any(k in f for k in ("volume", "number", "pages"))
    m = _SERIES_NUMBER.match(s) if not has_numbers else None
    if m and not is_year(m.group(2)) and _PUBLISHER_WORDS.search(s, m.end()):
        # "Graduate Texts in Mathematics 52. Springer, New York": a book's series and its number
        rest = parse_numbers(s[m.end():], want_year=need_year)
        f = {"series": m.group(1), "number": m.group(2), **rest.fields}
        f.update({k: v for k, v in _publisher_from(([rest.lead] if rest.lead else []) + rest.tail).items() if k not in f})
        return Tail("book", f)
    if lead and _PREPRINT.match(lead) and not any(re.search(r"[^\W\d]{4}", t) for t in c.tail):  # "arXiv preprint": a note, not a publisher or journal
        f["note"] = lead
        return Tail("misc", f)
    if lead and _PROCEEDINGS.search(lead) and not re.search(r"\bjournal\b", lead, re.IGNORECASE):
        end = find_boundary(lead, chains=True)
        if end < len(lead) and _organisation(lead[end:]) and not _PROCEEDINGS.search(lead, end):
            lead, c.tail = lead[:end].rstrip(" ."), [lead[end:].strip()] + c.tail  # "… Transparency. ACM"
        m = re.match(rf"\s({YEAR})\b", s[s.find(lead) + len(lead):]) if _ACRONYM_END.search(lead) and not is_place(lead.split()[-1], codes=True) else None
        if m and s.find(lead) >= 0:  # "… Navigation Symposium, PLANS 2016, 577–583": the year is in the name
            lead = f"{lead} {m.group(1)}"
        places = [x for x in c.tail if is_place(x)]
        if places:  # "Proc. … Congress, (pp. 1-5). Sun City, South Africa.": where the meeting was
            f.setdefault("address", places[0])
        f["booktitle"] = lead
        f.update({k: v for k, v in _publisher_from([x for x in c.tail if x not in places]).items() if k not in f})
        return Tail("inproceedings", f)
    if lead and not has_numbers and "," in lead and STRONG_PUBLISHER.search(lead):
        lead, c.tail = "", [lead] + c.tail  # "Graduate Texts in Physics, Springer, New York": a book's publisher
    # "Journal. In press.": only articles wait for their numbers; "Journal. 2022 Sep 10;": a Vancouver article date
    m = _BOOK_PLACE_PUBLISHER.match(lead) if lead and "pages" in f else None
    if m and is_place(m.group("place")) and not JOURNAL_WORDS.search(m.group("book")):
        # Vancouver/BMJ chapter without "In": "Title. Pro jQuery 2.0. Berkeley, CA: Apress 2013:527–54"
        f.update(booktitle=m.group("book"), address=m.group("place"), publisher=m.group("pub"))
        return Tail("incollection", f)
    pending = _IN_PRESS.search(s) is not None or _VANCOUVER_DATE.search(s) is not None or online is not None
    if online and lead:
        lead = _ONLINE_FIRST.sub("", lead).strip(" .,;:")
    journal_words = JOURNAL_WORDS.search(lead) if lead else None
    colon = lead.find(":")
    place_colon = colon >= 0 and not (journal_words and journal_words.start() < colon and ". " not in lead[:colon]
                                      and not _PUBLISHER_WORDS.search(lead, colon))  # "London: Routledge"
    named = journal_name(lead) and not WEB_PAGE.search(s) if lead else False  # a web page is no journal
    if lead and (has_numbers or quoted_title or pending or journal_words or named) and not (
            not has_numbers and (place_colon or (_PUBLISHER_WORDS.search(lead) and not journal_words))):
        f["journal"] = _TRAILING_MONTH.sub("", lead) if not has_numbers else lead  # "Engineering, January"
        if bracket_publisher and "publisher" not in f:
            f["publisher"] = bracket_publisher
        return Tail("article", f)
    pub = _publisher_from(([lead] if lead else []) + c.tail)
    if pub:
        f.update(pub)
        return Tail("book", f)
    return Tail("misc", f)


_CONTAINER_PENDING = re.compile(
    r"^" + alternation(FORTHCOMING + IN_PRESS) + r"\b\s*(?:(?:at|in)\b)?\s*:?\s*", re.IGNORECASE)
_CONTAINER_EDITORS = re.compile(
    r"^([^,()]{2,80}?)(?:\s*[(\[](?:eds?|editors?|hrsg)\.?[)\]]|,\s*eds?\.)\s*[,:]?\s+(?=[A-Z0-9])", re.IGNORECASE)
_CONTAINER_TAIL = re.compile(
    r"(?:,\s*(?:v\.|vol\.?|volume)\s*[\dIVXLC]{1,6}|,\s*[IVXLC\d]{1,6}\(\d{1,4}\)|\.\s" + YEAR +
    r"|\s\d{1,5}[-\u2013]|\s[-\u2013\u2014]+)$")  # "Journal —" before "— 2014, Volume 11"


def clean_container(text: str) -> str:
    """Journal or book title without what styles put around it: ``In``, ``forthcoming at``,
    ``A. Editor (Ed.),`` before; ``, v. 7``, ``, V(3)``, ``. 1985`` or a cut range after.

    >>> clean_container("To appear in J. Knot Theory Ramifications"), clean_container("T. Dieck (Ed.), Algebra, v. 7")
    ('J. Knot Theory Ramifications', 'Algebra')
    """
    text = _CONTAINER_PENDING.sub("", text)
    text = _IN.sub("", text, count=1)
    m = _CONTAINER_EDITORS.match(text)
    if m and looks_like_names(m.group(1)):
        text = text[m.end():]
    return _CONTAINER_TAIL.sub("", text).strip(" ,;:")
