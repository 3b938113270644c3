"""The part of a reference after the title: volume, number, pages, year, container, publisher.

Numbers are found by labelled patterns first (``vol. 81``, ``no. 5``, ``pp. 386-397``),
then compact ones (``20(5):813-22``, ``74:250-256``), then bare ones; each match is
masked out so later patterns cannot reuse it. What is left before the first
number is the journal (or book title); what is left after is publisher matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import (
    FORTHCOMING,
    IN_PRESS,
    MONTH_SPELLINGS,
    MONTH_WORD,
    MONTHS_FRENCH,
    MONTHS_PORTUGUESE,
    MONTHS_SPANISH,
    SEASONS,
    YEAR,
    alternation,
)

_NUM_TOKEN = r"[A-Za-z]?\d{1,9}(?:[a-z]|[A-Z]\b)?"  # "e13402", "S12", "1A"
D = "[-\u2010-\u2015\u2212]"  # any dash: titles keep theirs, numbers accept all
# An en dash mangled by a wrong encoding ("317?328", "1070\u00d01073", "507_511"): only tight between digits.
_BAD_DASH = "[?_\u00d0]"
_RANGE = rf"{_NUM_TOKEN}(?:\s*{D}{{1,3}}\s*{_NUM_TOKEN}|{_BAD_DASH}\d{{1,9}}\b)?"

_PAGES_LABEL = re.compile(
    rf"(?<![\w])(?:(?:(?i:pp|pgs?|pages?)|p|págs?|ss\.|P\.(?=\s?\d))\.?\s*|[Ss\u0421\u0441](?:\.\s*|\s+))({_RANGE})(?![\w])")  # ss./С.: Turkish, Russian
_ARTICLE_NO = re.compile(
    r"\b(?:article(?:\s+(?:no|number|nr|id)\.?)?|art\.?\s*(?:no\.?)?|e-?locator|Artikel)\s*:?\s*#?"
    r"([A-Za-z]?\d{1,10})\b", re.IGNORECASE)
_CHAPTER = re.compile(r"\b(?:[Cc]hapter|[Cc]hap\.|[Cc]h\.)\s?(\d{1,3})\b")
_VOLUME = re.compile(
    r"(?:\b(?:vol(?:ume)?s?|bd|tome|tomo|jg|cilt|v(?=\.))|(?<!\w)\u0422(?=\.))\.?\s*"  # cilt, Т.: Turkish, Russian
    r"(\d{1,6}[A-Za-z]?|[IVXLC]{1,8}\b|[A-Z]{1,4}-\d{1,4})"
    r"(?:/(\d{1,4})\b|\s?\((?!" + YEAR + r"\))(\d{1,4}(?:[-/]\d{1,4})?)\)|,\s?\((\d{1,5})\))?",  # "vol. 31, (5)"
    re.IGNORECASE)  # "Vol. 26/9", "Vol. 80(23-24)": number 9, 23-24
_NUMBER = re.compile(
    r"(?:\b(?i:no|nos|nr|num|núm|iss|heft)\.:?\s*|\b(?i:broj|núm|heft)\s+(?=\d)|\b(?i:number|issues?|no|nos|nr)\s+(?=\d)"
    r"|[nN]\.?[°º]\.?\s*|\u2116\.?\s*"  # "n.º 1/4", "№. 2"
    r"|\b(?i:iss(?:ue)?)\s?:\s*|(?<=,\s)n\.\s?(?=\d))"  # "Issue: 4", "Iss: 7/8", "v. 371, n. 13", "№ 1"
    r"(\d{1,6}(?:\s*[-/\u2013]\s*\d{1,6})?|[A-Z][a-z]{2,8}\b)")
_COMPACT = re.compile(  # "20(5):813-22"; "68[5]"; "213()" (an issue left empty)
    rf"(?<![\w.])(\d{{1,6}}|[IVXLC]{{2,8}}),?\s*(?:\(\(?\s*([^()\x00]{{0,24}})\)?\)|\[(\d{{1,4}}(?:[-/]\d{{1,4}})?)\])"
    rf"(?:\s*[:,]\s*(?:pp?\.\s*)?({_RANGE})(?![\w]))?")
_VOL_PAGES = re.compile(rf"(?<![\w.])(\d{{1,6}}|[IVXLC]{{2,8}})\s*:\s*({_RANGE})(?![\w])")
_YEAR = re.compile(rf"(?<![\w\-\u2013/.:])({YEAR})[a-z]?(?![\w\-\u2013/:])")
_NAME_YEAR_BEFORE = re.compile(r"\b(?:[Tt]he|of)\s$")
_NAME_YEAR_AFTER = re.compile(r"\s(?:[A-Z]|\d{1,3}(?:st|nd|rd|th)\b)")
_MEETING_AFTER = re.compile(r"\s(?:IEEE|ACM|International|Annual|\d{1,3}(?:st|nd|rd|th))\b")  # "2017 IEEE Int. Conf."
_BARE_RANGE = re.compile(
    rf"(?<![\w.\-/\u2013])({_NUM_TOKEN}\s*{D}{{1,3}}\s*{_NUM_TOKEN}|\d{{1,9}}{_BAD_DASH}\d{{1,9}})(?![\w\-/\u2013])")
_BARE_NUMBER = re.compile(r"^[\s,.;:]*(?:\(?\x00{4}\)?(?:[\s,;:]{1,3}|\.\s(?=\d{1,6}\s?:)))?(\d{1,6}|[IVXLC]{2,8})(?![\w\-/.]\d)\b")
_LEAD_VOLUME = re.compile(  # the month is what is left of an ACM date: "36, 3 (Mar. [1988])"; not "€ 24.00"
    rf"(?<![€$£])[\s,]+(\d{{1,5}}|[IVXLC]{{2,8}})(?:\s?\((?:[A-Z][a-z]{{2,8}}\.?|{YEAR}[-/\u2013]\d{{2,4}})\))?(?:\s*[.,:]\s*(?:({_RANGE})|\d{{10,20}}))?"
    rf"(?:\s?\(\s?(?:{MONTH_WORD}|(?i:{'|'.join(s.lower() for s in SEASONS)})[a-z]{{0,6}})"
    r"\.?(?:[-/\u2013][A-Za-z]{3,9}\.?)?,?\s*|[\s,.:;(]*)$")
_PAGES_NEXT = re.compile(rf"\s*,\s*(?:pp?\.\s*)?(\d{{1,6}}\s*{D}{{1,3}}\s*\d{{1,6}})(?![\w\-])")
_VOLUME_PAGE_ALONE = re.compile(r"\s*(\d{1,5}),\s*([A-Za-z]?\d{1,7})[\s.]*$")
_VOL_PAGE_MID = re.compile(rf",\s(\d{{1,5}}),\s({_RANGE})(?=\.\s)")
_VOLUME_ALONE = re.compile(r"\s*(\d{1,5})(?:\s?\(|\s*,)\s*$")
_PAGE_AFTER_YEAR = re.compile(r"\)\s?[:,]?\s*(?:pp?\.\s*)?([A-Za-z]?\d{1,7})(?![\w\-/.]\w|[\w\-/])")
_MORE_NUMBERS = re.compile(rf"[,.]\s*(?:pp?\.\s*)?(?!{YEAR}\b)\d")
_COLON_PAGE = re.compile(rf"\s?:\s*({_RANGE})(?![\w\-])")
_LAST_PAGE = re.compile(r"\s?[,\s]\s*([A-Za-z]?\d{1,7})(?=[.;]?\s*$)")
_PAGE_AFTER = re.compile(rf"^\s*[,:]\s*(?:pp?\.\s*)?({_RANGE})(?![\w])")
_MONTHS = re.compile(
    r"(?:\b\d{1,2}\s)?\b" + alternation(MONTHS_FRENCH + MONTH_SPELLINGS + SEASONS) + r"\b\.?(?:\s*\d{1,2}\b)?"
    # Spanish/Portuguese dates always read "12 de março de 2006"; the "de" keeps names like Mayo out
    r"|\b\d{1,2}\s+de\s+(?:" + alternation(MONTHS_SPANISH + MONTHS_PORTUGUESE) + r"|[a-z]{3}\.)(?:\s+de\b)?",
    re.IGNORECASE)
_MONTH_YEAR = re.compile(  # "(Mar. 2011)", "(September-October, 1964)"
    "(?:" + _MONTHS.pattern + r")(?:\s?[-/\u2013]\s?[A-Za-z]{3,9}\.?)?[\s,]{0,3}" + YEAR, re.IGNORECASE)
_YEAR_SPAN = re.compile(YEAR + r"\s?[-/\u2013]\s?\d{2,4}")
_VOL_MONTH_PAGES = re.compile(  # Chicago-like "PeerJ 3, December: e1457": volume, month, then the pages
    rf"(?<![\w.])(\d{{1,5}}),\s{MONTH_WORD}\.?\s?:\s*({_RANGE})(?![\w])")
_MONTH_BEFORE = re.compile(rf"\b{MONTH_WORD}\.?\s$")
_DATE_OPENED = re.compile(r"\(\s?[A-Za-z]{3,9}\.?,?\s$")  # "(February 1931)", "(Fall, 1967)"
_MONTH_AFTER = re.compile(rf"\s{MONTH_WORD}\b")
MASK = "\x00"
_PAGE_DASH = re.compile(rf"\s*{D}{{1,3}}\s*|(?<=\d){_BAD_DASH}(?=\d)")
_RANGE_SPLIT = re.compile(rf"(\s*{D}{{1,3}}\s*|{_BAD_DASH})")


def is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1500 <= int(text) <= 2099


def clean_pages(pages: str) -> str:
    """``386–397`` / ``386 - 397`` / ``386-397`` / ``386?397`` → ``386--397``."""
    pages = _PAGE_DASH.sub("--", pages.strip())
    return pages


@dataclass
class Container:
    """What the tail of a reference held."""

    fields: dict[str, str] = field(default_factory=dict)
    lead: str = ""   # text before the first number: journal, or book/proceedings title
    tail: list[str] = field(default_factory=list)   # text chunks after it: publisher, address...
    numbers_at: int = -1  # where the first number was found (-1: none)


class _Masked:
    """The text with consumed stretches replaced by NUL, positions unchanged."""

    def __init__(self, text: str) -> None:
        self.text = text.replace(MASK, " ")
        self.first = len(text)

    def take(self, start: int, end: int) -> None:
        self.text = self.text[:start] + MASK * (end - start) + self.text[end:]
        self.first = min(self.first, start)


def parse_numbers(text: str, want_year: bool = True) -> Container:
    """Find volume, number, pages and year in ``text``; the rest is container and publisher text.

    >>> c = parse_numbers("Biological Psychiatry, vol. 81, no. 5, 2017, pp. 386-397.")
    >>> c.lead, c.fields
    ('Biological Psychiatry', {'pages': '386--397', 'volume': '81', 'number': '5', 'year': '2017'})
    """
    out = Container()
    m_text = _Masked(text)
    f = out.fields

    def grab(rx: re.Pattern[str], name: str, group: int = 1) -> None:
        if name in f:
            return
        m = rx.search(m_text.text)
        if m:
            f[name] = m.group(group)
            m_text.take(m.start(), m.end())

    grab(_PAGES_LABEL, "pages")
    grab(_ARTICLE_NO, "pages")
    grab(_CHAPTER, "chapter")  # "chapter 10, 273-297": not a volume
    m = _VOL_MONTH_PAGES.search(m_text.text) if "pages" not in f else None
    if m and not is_year(m.group(1)):
        f["volume"], f["pages"] = m.group(1), m.group(2)
        m_text.take(m.start(), m.end())
    m = _VOLUME.search(m_text.text)
    if m:
        f["volume"] = m.group(1)
        if m.group(2) or m.group(3) or m.group(4):
            f["number"] = m.group(2) or m.group(3) or m.group(4)
        m_text.take(m.start(), m.end())
        p = _LAST_PAGE.match(m_text.text, m.end()) if "pages" not in f else None
        if p and not is_year(p.group(1)):  # "Vol. 96, 1227.": the page ends the reference
            f["pages"] = p.group(1)
            m_text.take(p.start(1), p.end(1))
    if "number" not in f:
        m = _NUMBER.search(m_text.text)
        if m:
            f["number"] = m.group(1)
            m_text.take(m.start(), m.end())
            p = _COLON_PAGE.match(m_text.text, m.end()) if "pages" not in f else None
            if p and not is_year(p.group(1)):  # Chicago "4, no. 37: 1450": the pages follow the colon
                f["pages"] = p.group(1)
                m_text.take(p.start(1), p.end(1))
    for m in _COMPACT.finditer(m_text.text):
        inner = (m.group(2) or m.group(3) or "").strip()
        if is_year(inner) or _MONTHS.fullmatch(inner) or _MONTH_YEAR.fullmatch(inner) or _YEAR_SPAN.fullmatch(inner):
            continue  # "24 (2003)", "1 (Mar. 2011)", "21 (1989-90)": volume (or ACM issue) then date, handled below
        if "volume" not in f:
            f["volume"] = m.group(1)
        if "number" not in f and inner:
            f["number"] = inner
        end = m.end()
        if m.group(4) and is_year(m.group(4)) and ":" not in text[m.start(4) - 3: m.start(4)] \
                and _MORE_NUMBERS.match(m_text.text, m.end()):
            end = m.start(4)  # "21(12), 1986, 37-79": the year, and the pages after it
        elif m.group(4) and "pages" not in f:
            f["pages"] = m.group(4)
        elif "pages" not in f:
            p = _LAST_PAGE.match(m_text.text, end)
            if p and not is_year(p.group(1)):  # "136(9) 091001.": an article number ends the reference
                f["pages"] = p.group(1)
                end = p.end(1)
        m_text.take(m.start(), end)
        break
    if "pages" not in f:
        m = _VOL_PAGES.search(m_text.text)
        if m and is_year(m.group(1)):  # Vancouver "2016: 770-778" / "1951:23-41": year, then pages
            if want_year:
                f["year"] = m.group(1)
            f["pages"] = m.group(2)
            m_text.take(m.start(), m.end())
        elif m:
            f.setdefault("volume", m.group(1))
            p = (_PAGES_NEXT.match(m_text.text, m.end()) or _COLON_PAGE.match(m_text.text, m.end())) \
                if m.group(2).isdigit() else None
            if p and "number" not in f:  # "29:1, 221-232" / "33:10: 2265": volume:issue, then the pages
                f["number"], f["pages"] = m.group(2), p.group(1)
                m_text.take(m.start(), p.end())
            else:
                f["pages"] = m.group(2)
                m_text.take(m.start(), m.end())
    years = list(_YEAR.finditer(m_text.text))
    year_end = -1
    if years:  # masked even when the year is known, so it does not end up in the journal name
        pick = years[-1]
        for y in years:  # a parenthesised year is the publication year, others may be in a name
            if y.start() > 0 and (m_text.text[y.start() - 1] == "(" or
                                  _DATE_OPENED.search(m_text.text, max(0, y.start() - 14), y.start())):
                pick = y
        if want_year:
            f["year"] = pick.group(1)
        if not (_NAME_YEAR_BEFORE.search(m_text.text, max(0, pick.start() - 5), pick.start())
                and _NAME_YEAR_AFTER.match(m_text.text, pick.end())) and not (
                not m_text.text[: pick.start()].strip() and _MEETING_AFTER.match(m_text.text, pick.end())):
            m_text.take(pick.start(), pick.end())  # not "Proceedings of the 2019 IEEE …": that year is in the name
            year_end = pick.end()
    if "pages" not in f:
        for m in _BARE_RANGE.finditer(m_text.text):
            a, _, b = _RANGE_SPLIT.split(m.group(1), maxsplit=1)
            around = m_text.text[max(0, m.start() - 1): m.start()] + m_text.text[m.end(): m.end() + 1]
            if is_year(a) and (is_year(b) or len(b) == 2) and ("(" in around or ")" in around or not around.strip()) \
                    and not (years and "volume" in f):
                continue  # "(2003-2004)": a year range, not pages (unless volume and year are known already)
            if len(a) <= 2 and len(b) <= 2 and (_MONTH_BEFORE.search(m_text.text, max(0, m.start() - 12), m.start())
                                                or _MONTH_AFTER.match(m_text.text, m.end())):
                continue  # "May 7-9, 2015" / "5 – 7 February 2020": the days of a conference
            f["pages"] = m.group(1)
            m_text.take(m.start(), m.end())
            break
    if m_text.first == len(text) and "volume" not in f:
        m = _VOL_PAGE_MID.search(text)
        if m and not is_year(m.group(1)) and not is_year(m.group(2)):
            # "Journal of Family Law, 23, 194. Retrieved from ...": volume and page before other matter
            f["volume"], f["pages"] = m.group(1), m.group(2)
            m_text.take(m.start(1), m.end(2))
    lead_end = m_text.first
    lead = text[:lead_end]
    pair = _VOLUME_PAGE_ALONE.match(lead) if "volume" not in f and "pages" not in f else None
    if pair and not is_year(pair.group(1)):  # "10, 1082": the journal went with the title
        f["volume"], f["pages"], lead, lead_end = pair.group(1), pair.group(2), "", 0
        m_text.take(pair.start(1), pair.end(2))
    if "volume" not in f:
        # "Phys. Rev. A 84, 013417" / "Eukaryotic cell 9, no. 3": a number ending the journal is its volume
        off = max(0, len(lead) - 60)  # only the end matters; keeps the search linear
        m2 = _LEAD_VOLUME.search(lead, off)
        alone = _VOLUME_ALONE.match(lead) if year_end > 0 or "pages" in f else None
        if alone:  # "26 (2020) e13402", "15, 71-76": the journal went with the title; the volume opens the tail
            f["volume"], lead, lead_end = alone.group(1), "", 0
        elif m2 and not is_year(m2.group(1)) and m2.start() > 0 and not _MONTH_BEFORE.search(lead, off, m2.start(1)):
            f["volume"] = m2.group(1)
            if m2.group(2) and "pages" not in f:
                f["pages"] = m2.group(2)
            elif m2.group(2) and m2.group(2).isdigit() and "number" not in f:
                f["number"] = m2.group(2)  # ACM style "Operations Research 36, 3 (1988), 454-469"
            lead, lead_end = lead[:m2.start()], m2.start()
        else:
            # "Journal, 61, 327-335" / "ApJ, 475, 163": the number right after the journal is its volume
            after = m_text.text[lead_end:]
            m = _BARE_NUMBER.match(after) if after else None
            if m and not is_year(m.group(1)):
                f["volume"] = m.group(1)
                m_text.take(lead_end + m.start(1), lead_end + m.end(1))
                if "pages" not in f:
                    rest = m_text.text[lead_end + m.end(1):]
                    p = _PAGE_AFTER.match(rest)
                    if p:
                        f["pages"] = p.group(1)
                        s = lead_end + m.end(1)
                        m_text.take(s + p.start(1), s + p.end(1))
    if "pages" not in f and "volume" in f and year_end > 0:
        p = _PAGE_AFTER_YEAR.match(m_text.text, year_end)
        if p:  # "J. Optim. Theory Appl. 46 (1985) 399", "Nature 121 (1928): 744": one page after the date
            f["pages"] = p.group(1)
            m_text.take(p.start(1), p.end(1))
    if "pages" in f:
        f["pages"] = clean_pages(f["pages"])
    out.numbers_at = lead_end if lead_end < len(text) else -1
    out.lead = _strip_lead(_MONTHS.sub(" ", lead) if lead_end < len(text) else lead)
    tail_text = m_text.text[lead_end:] if lead_end < len(text) else ""
    out.tail = [c for c in (_strip_lead(x) for x in _CHUNKS.split(tail_text)) if c]
    return out


_EMPTY_PARENS = re.compile(r"\(\s*[,;:.]?\s*\)")
_SPACES = re.compile(r"\s{2,}")
_CHUNKS = re.compile(r"\x00+|[.;]\s+|\(\s*\)")
_LEAD_END_JUNK = re.compile(r"(?:(?:^|\s)[-\u2013\u2014]+|\s\(\s?[^\W\d]{1,4}\.?)$")
_PENDING = re.compile(r"\(?\b" + alternation(IN_PRESS + FORTHCOMING) + r"\b\)?"
                      r"(?:\s(?:at|in)\b)?\)?", re.IGNORECASE)


def _strip_lead(text: str) -> str:
    """Trim separators and unbalanced brackets left around a chunk."""
    text = _PENDING.sub(" ", text)
    text = _EMPTY_PARENS.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" ,;:.")
    text = text.rstrip(" ,;:.([")  # one pass: a loop cutting one bracket at a time was quadratic on "((((…"
    if text.startswith("(") and ")" not in text:
        text = text[1:]
    if text.endswith(")") and "(" not in text:
        text = text[:-1]
    if text[-1:] in ("\u2013", "\u2014", "-") or "(" in text[-6:]:
        # "Журнал. – 1996. –": a GOST separator; "Management (გვ. 165–217)": an opened label before the pages
        text = _LEAD_END_JUNK.sub("", text)
    return text.strip(" ,;:.")
