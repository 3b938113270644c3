"""Where and when a meeting took place: the place and dates that follow a proceedings title.

Styles write the meeting's place and dates after its name (``Proc. Amer. Control Conf.,
San Diego, CA, May 1990``; ``… (ICME), London, UK, 6–10 July 2020; pp. 1–6``). BibTeX keeps
those in ``address``, ``month`` and ``year``, and Crossref's container-title has neither, so
:func:`take_venue` cuts them off the booktitle (which keeps a leading year or edition:
``2020 IEEE 6th International Conference …`` is the name).

The text is read as comma-separated parts. The first run of parts that are all places,
dates or years, and that is clearly a venue (it holds a month, a state/province code or a
country, or is one city and a year), ends the booktitle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import COMPANY_WORDS, MONTH_NAMES, MONTH_SPELLINGS, PUBLISHER_WORDS, PUBLISHERS, YEAR, alternation

PROCEEDINGS = re.compile(
    r"\b(?:proc(?:eedings|\.)|conference|conf\.|symposium|symp\.|workshop|congress|colloquium|meeting|"
    r"congreso|congresso|simposio|simp\u00f3sio|jornadas|encontro|colloque|tagung|"
    r"Neural Information Processing Systems|ICML|NeurIPS|NIPS|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|ICLR|AAAI|IJCAI|KDD|SIGIR|ICASSP|INTERSPEECH)",
    re.IGNORECASE)
# a meeting, not just "Proceedings of the Royal Society": with a volume after it that is a journal
_MEETING = re.compile(r"\b(?:conference|conf|symposium|symp|workshop|congress|colloquium|meeting|convention|"
                      r"summit|forum|congreso|simposio|jornadas|tagung|colloque)\b", re.IGNORECASE)
_NOT_BOOKTITLE = re.compile(r"\b(?:journal|transactions|letters)\b", re.IGNORECASE)

_MON = alternation(MONTH_SPELLINGS) + r"\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DASH = r"\s*[-\u2010-\u2015/]{1,2}\s*"
_YEAR = YEAR
# "May 1990", "May 8-10", "5–8 June 2010", "Oct. 4–7", "29 September–2 October 2015", "July 9-12, 2023"
_DATE = re.compile(
    rf"(?:{_DAY}(?:{_DASH}{_DAY})?\s+)?({_MON})(?:\s*{_DAY})?"
    rf"(?:{_DASH}(?:{_DAY}\s+)?(?:{_MON})?(?:\s*{_DAY})?)?(?:,?\s+({_YEAR}))?")
_DATE_YEAR_FIRST = re.compile(  # Vancouver: "1986 Aug 15-17", "2019 Jun 2-7"
    rf"({_YEAR})\s+({_MON})(?:\s*{_DAY}(?:{_DASH}(?:{_MON}\s*)?{_DAY})?)?")
_YEAR_PART = re.compile(rf"({_YEAR})[a-z]?")
_MONTH_ABBR = re.compile(rf"(?:^|\s){_MON}$|(?:^|\s)(?:St|Ste|Mt|Ft|[Vv]ol|[Nn]o)$|(?:^|[\s.])[A-Z]$")
_NUMBERS = re.compile(r"\(?(?:pp?\.?\s?\d|pages?\b|vols?\.|vol\b|volume\b|no\.\s?\d|\d{1,5}\s?[-\u2010-\u2015(:]|\d{1,5}$)",
                      re.IGNORECASE)
_VOL_PART = re.compile(r"(?i:vol(?:ume)?\.?)\s*(\d{1,4}|[IVXLC]{1,6})")
_GLUED_DATE = re.compile(rf"\s(?=(?:{_DAY}(?:{_DASH}{_DAY})?\s+)?{_MON}\s*\d)")
_SEP = re.compile(  # "…, 2017: 475-484"; "…, USA (pp. 1-7)"
    r"\s*(?:[,;]|\.(?=\s|$)|(?<=\d\d\d\d):(?=\s?\d)|(?=\((?:pp?\.|pages?\b|[Vv]ol\b)))\s*")

# State, province and territory codes (US, Canada, Australia) and country abbreviations.
_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AB BC MB NB NL NS NT NU ON PE QC SK YT NSW VIC QLD WA SA TAS ACT "
    "USA U.S.A. US U.S. UK U.K. UAE PRC P.R.C. ROC D.C. D.C".split() + ["D. C.", "D. C"])
_COUNTRIES = frozenset(x.strip().casefold() for x in (
    "Argentina,Australia,Austria,Bangladesh,Belgium,Bolivia,Bosnia and Herzegovina,Brazil,Bulgaria,Cameroon,"
    "Canada,Chile,China,P.R. China,PR China,Colombia,Costa Rica,Croatia,Cuba,Cyprus,Czech Republic,Czechia,"
    "Denmark,Ecuador,Egypt,England,Estonia,Ethiopia,Finland,France,Germany,Ghana,Greece,Hong Kong,Hungary,"
    "Iceland,India,Indonesia,Iran,Iraq,Ireland,Israel,Italy,Japan,Jordan,Kazakhstan,Kenya,Korea,South Korea,"
    "Republic of Korea,Kuwait,Latvia,Lebanon,Lithuania,Luxembourg,Macau,Malaysia,Malta,Mexico,Morocco,Nepal,"
    "Netherlands,the Netherlands,The Netherlands,New Zealand,Nigeria,Norway,Oman,Pakistan,Peru,Philippines,"
    "Poland,Portugal,Qatar,Romania,Russia,Saudi Arabia,Scotland,Serbia,Singapore,Slovakia,Slovenia,"
    "South Africa,Spain,Sri Lanka,Sweden,Switzerland,Taiwan,Tanzania,Thailand,Tunisia,Turkey,Türkiye,Uganda,"
    "Ukraine,United Arab Emirates,United Kingdom,United States,Uruguay,Venezuela,Vietnam,Viet Nam,Wales,"
    # states and provinces
    "Alabama,Alaska,Arizona,Arkansas,California,Colorado,Connecticut,Delaware,Florida,Georgia,Hawaii,Idaho,"
    "Illinois,Indiana,Iowa,Kansas,Kentucky,Louisiana,Maine,Maryland,Massachusetts,Michigan,Minnesota,"
    "Mississippi,Missouri,Montana,Nebraska,Nevada,New Hampshire,New Jersey,New Mexico,New York,North Carolina,"
    "North Dakota,Ohio,Oklahoma,Oregon,Pennsylvania,Rhode Island,South Carolina,South Dakota,Tennessee,Texas,"
    "Utah,Vermont,Virginia,Washington,West Virginia,Wisconsin,Wyoming,Alberta,British Columbia,Manitoba,"
    "New Brunswick,Newfoundland,Nova Scotia,Ontario,Quebec,Québec,Saskatchewan,New South Wales,Queensland,"
    "Victoria,Tasmania,Western Australia,South Australia"
).split(","))
_PUBLISHER = re.compile(r"\b" + alternation(PUBLISHER_WORDS + PUBLISHERS + COMPANY_WORDS + ("books",)) + r"\b",
                        re.IGNORECASE)
# words that are never (part of) a place: the name of the meeting or its publisher goes on
_NOT_PLACE = re.compile(
    r"\b(?:proc(?:eedings)?|conf(?:erence)?|symp(?:osium)?|workshops?|congress|meeting|int|intl|international|"
    r"annual|society|soc|association|part|vol|volume|companion|track|papers?|session|findings|series|"
    r"press|publish\w*|verlag|springer|wiley|elsevier|ieee|acm|university|univ|institute|inc|ltd|llc|gmbh|"
    r"books|editions?|eds?|editors?|edited)\b", re.IGNORECASE)
_PARTICLES = frozenset("de da do del della di du des la le les am an der den upon on sur en aan y el".split())
# words that name a topic, not a town: "Control", "Computing", "Graphics", "Applications"
_TOPIC_END = re.compile(r"(?:tions?|sions?|ics|ies|ments?|ness|ogy|ing|ems|orks|ances?|ences?)$")


@dataclass
class Venue:
    booktitle: str
    rest: str  # what follows the venue: pages, publisher …
    fields: dict[str, str] = field(default_factory=dict)  # address, month, year


_AT = re.compile(r"^(?:held\s)?(?:at|in)\s(?=[A-Z])")


def _kind(part: str) -> str:
    """``date``, ``year``, ``strong`` (a state code or a country), ``weak`` (a capitalised name) or ``""``."""
    part = _AT.sub("", part)
    if _YEAR_PART.fullmatch(part):
        return "year"
    if _date(part):
        return "date"
    if part[:1].isdigit():
        return ""
    if part in _CODES or part.casefold() in _COUNTRIES:
        return "strong"
    words = part.split()
    if not 1 <= len(words) <= 4 or _NOT_PLACE.search(part) or words[0] in _PARTICLES:
        return ""
    for w in words:
        core = w.replace("-", "").replace("'", "").replace("\u2019", "").rstrip(".")
        if w.casefold() in _PARTICLES or w == "the":
            continue
        if not (core.isalpha() and w[0].isupper() and not core.isupper()):
            return ""  # lower-case words, acronyms (CVPR), digits: part of the meeting's name
        if w.endswith(".") and len(core) > 3:
            return ""  # "Autom.", "Recognit.": an abbreviated word of the name, not a town
    return "weak"


def _parts(s: str, limit: int) -> list[tuple[int, int, str]]:
    """(start, end, separator before) of each comma/semicolon/sentence separated part of ``s[:limit]``."""
    out: list[tuple[int, int, str]] = []
    start, sep_before = 0, ""
    for m in _SEP.finditer(s, 0, limit):
        if m.group(0).strip() == "." and _MONTH_ABBR.search(s, max(0, m.start() - 10), m.start()):
            continue  # "Oct. 4–7", "St. Louis", "D.C. ": the period belongs to the part
        if m.start() > start:
            out.append((start, m.start(), sep_before))
        start, sep_before = m.end(), m.group(0).strip()
    if start < limit:
        out.append((start, limit, sep_before))
    for n, (a, b, sep) in enumerate(out):  # "… Security Oct. 15-19, Toronto": a date glued to the name
        if _date(s[a:b]):
            continue
        for m in _GLUED_DATE.finditer(s, a, b):
            if _DATE.fullmatch(s, m.end(), b) and s[m.start() - 1].isalpha():
                out[n: n + 1] = [(a, m.start(), sep), (m.end(), b, " ")]
                break
    return out


def is_place(text: str, codes: bool = False) -> bool:
    """``Sun City, South Africa`` / ``Porto, Portugal``: towns and a country or state, nothing else.
    ``codes``: just a state or country code (``USA``, ``CA``)."""
    if codes:
        return text.strip(" ,.") in _CODES or text.strip(" ,") in _CODES
    kinds = [_kind(x.strip()) for x in text.split(",")]
    return "strong" in kinds and all(k in ("strong", "weak") for k in kinds) and kinds[0] == "weak"


def _date(text: str) -> tuple[str, str] | None:
    """(month, year or "") of a meeting's date, or None."""
    m = _DATE.fullmatch(text)
    if m:
        return m.group(1), m.group(2) or ""
    m = _DATE_YEAR_FIRST.fullmatch(text)
    return (m.group(2), m.group(1)) if m else None


def _month(name: str) -> str:
    key = name.rstrip(".")[:3].casefold()
    return next(m for m in MONTH_NAMES if m[:3].casefold() == key)


def take_venue(s: str, starts_before: int | None = None) -> Venue | None:
    """Split ``Booktitle, Place, Date`` at the first run of place/date parts that is clearly a venue.

    ``starts_before``: the run must begin before this index (the booktitle ends by then).

    >>> v = take_venue("Proc. Amer. Control Conf., San Diego, CA, May 1990")
    >>> v.booktitle, v.fields
    ('Proc. Amer. Control Conf', {'address': 'San Diego, CA', 'month': 'May', 'year': '1990'})
    """
    limit = min(len(s), 400)
    parts = _parts(s, limit)
    kinds = [_kind(s[a:b].strip()) for a, b, _ in parts]
    stop = next((n for n, (a, b, _) in enumerate(parts) if not kinds[n] and _NUMBERS.match(s, a, b) and not (
        _VOL_PART.fullmatch(s, a, b) and n + 1 < len(parts) and kinds[n + 1])), len(parts))  # "…, vol. 2, Paris"
    parts, kinds = parts[:stop], kinds[:stop]  # pages or a volume: the booktitle ended before them
    i = 1
    while i < len(parts):
        name_end = parts[i - 1][0] if _VOL_PART.fullmatch(s, *parts[i - 1][:2]) else parts[i][0]
        if not kinds[i] or (starts_before is not None and len(s[:name_end].rstrip(" ,;.:")) > starts_before):
            i += 1
            continue
        j = i
        while j < len(parts) and kinds[j]:
            j += 1
        run = kinds[i:j]
        places = [_AT.sub("", s[a:b].strip()) for (a, b, _), k in zip(parts[i:j], run, strict=False) if k in ("strong", "weak")]
        if places and len(places[0]) <= 3 and places[0].isupper() and places[0] not in ("USA", "UK", "UAE", "PRC"):
            i = j + 1  # ", CA, 2001" after something that is no town: the town was not recognised
            continue
        clear = "date" in run or "strong" in run or (
            run[-1] == "year" and len(places) == 1 and len(places[0].split()) <= 3
            and not _TOPIC_END.search(places[0]))
        after_comma = parts[i][2] in (",", ";") or run[0] == "date" or (
            "strong" in run and run[-1] in ("year", "date") and len(places) <= 3)  # GB/T "[C]. Paris, France, 2006"
        if run == ["weak"]:  # "XX Congreso Nacional del Agua, Mendoza.": one town ends the reference
            clear = not s[parts[i][1]:].strip(" .") and _MEETING.search(s, 0, parts[i][0]) is not None and \
                len(places[0].split()) <= 3 and not _TOPIC_END.search(places[0])
        if clear and after_comma and run != ["year"] * len(run):
            return _venue(s, parts, i, j, run, places)
        i = j + 1
    return None


def _venue(s: str, parts: list[tuple[int, int, str]], i: int, j: int, run: list[str],
           places: list[str]) -> Venue | None:
    vol = _VOL_PART.fullmatch(s, *parts[i - 1][:2]) if i >= 2 else None
    if vol:  # "Proc. … (ISIT), vol. 2, Paris, France": the volume ends the name
        i -= 1
    booktitle = s[: parts[i][0]].strip(" ,;.:")
    last = s[parts[i - 1][0]: parts[i - 1][1]]
    publisher = ""
    if _PUBLISHER.search(last) and not _MEETING.search(last) and i >= 2:  # "…, ACM Press, New York, NY"
        publisher, booktitle = last.strip(), s[: parts[i - 1][0]].strip(" ,;.:")
    elif ":" in last and not PROCEEDINGS.search(last):
        return None  # "Institute of Navigation: Savannah": a publisher and its town
    if not PROCEEDINGS.search(booktitle) or _NOT_BOOKTITLE.search(booktitle) or len(booktitle) < 8:
        return None
    rest = s[parts[j - 1][1]:]
    if not _MEETING.search(booktitle) and re.match(r"[\s,.;:]*(?:vol\b|\d{1,4}\s*[(:,])", rest, re.IGNORECASE):
        return None  # "Proceedings of the National Academy of Sciences, USA, 116(3)": a journal
    f: dict[str, str] = {"publisher": publisher} if publisher else {}
    if vol:
        f["volume"] = vol.group(1)
        i += 1
    if places:
        f["address"] = ", ".join(places)
    for (a, b, _), k in zip(parts[i:j], run, strict=False):
        text = s[a:b].strip()
        if k == "date":
            month, year = _date(text) or ("", "")
            if month:
                f.setdefault("month", _month(month))
            if year:
                f["year"] = year
        elif k == "year":
            f["year"] = text[:4]
    return Venue(booktitle, rest, f)
