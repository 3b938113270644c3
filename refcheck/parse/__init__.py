"""Free-text reference → BibTeX entry.

The parser is rule-based and works left to right, the way reference styles are built:

1. clean (LaTeX, list numbers, dashes) and take out identifiers (DOI, URL, ISBN, arXiv);
2. find where the author list ends — before the year (APA, Harvard, Chicago author-date),
   before a quoted title (MLA, Chicago notes, IEEE), or at the first sentence end
   that is not an initial (Vancouver, MLA books);
3. take the title — quoted, or up to the next sentence end;
4. read the tail with :mod:`refcheck.parse.fields` (volume, number, pages, year) and decide
   the entry type from what is left (journal, ``In`` + book title, thesis, report, publisher).

:func:`parse_reference` never raises: on any failure it returns a ``misc`` entry
that keeps the text as its ``title`` and ``note``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from bibtexparser.model import Entry

from ..bibtex import make_entry, reference_to_entry
from . import combine as parse_combine
from .keys import base_key, unique_keys
from .lexicon import PUBLISHER_NAME_ENDS, YEAR, alternation
from ..model import RawReference, Reference
from .names import format_names, looks_like_names, split_names
from .authors import EDS_AFTER_AUTHORS, LEADING_YEAR, YEAR_AD, italic_end, split_authors
from .fields import parse_numbers
from .tail import JOURNAL_WORDS as _JOURNAL_WORDS, STRONG_PUBLISHER, Tail, clean_container, read_tail
from .text import find_boundary, find_quoted, italic_spans, preclean, take_identifiers
from .titles import IN_TITLE as _IN_TITLE, JOURNALISH_PART as _JOURNALISH_PART, PAREN_PUBLISHER as _TITLE_PAREN_PUB
from .titles import CHAPTER_PREFIX, TRAILING_DATE, YEAR_SPAN, not_title_part, thesis_suffix, title_note, book_subtitle, italic_at, periodical_hint, question_subtitle
from .titles import quoted_continuation

__all__ = ["parse_reference", "parse_references", "parse_file"]

USE_MODEL = True  # off: rules only (also the case without pycrfsuite or the model file)
MAX_INPUT = 20_000  # a reference is a few hundred characters; longer input is cut, not rejected

_TITLE_VOLUME = re.compile(r"\s*[(,]\s*(?:Vols?\.|Volumes?|vols?\.)\s*(?:\d|[IVX]{1,4}\b)|,\s*(?:rev\.\s*)?ed\.\s")
_TITLE_NOTE = re.compile(
    r"\s[(\[](?=[^()\[\]]{0,80}\b(?:thesis|dissertation|working paper|discussion paper|technical report|report no|"
    r"doctoral|master|preprint|unpublished|manuscript|trans|translated|translator|tr|edition|series|press)\b)",
    re.IGNORECASE)  # also "(I. C. Benedetti trans.)", "(Eight Edition)", "(Leicester: Inter-Varsity Press)"
_EDITION = re.compile(
    r"[(\[]?\b(\d{1,2})(?:st|nd|rd|th|\.?[\u00aa\u00ba]|\.)?\s*(?:rev(?:ised)?\.?\s*)?(?:ed\.|edn\.?|edition|edi\u00e7\u00e3o|"
    r"edici\u00f3n|\u00e9dition|edizione|Aufl\.|Auflage)[)\]]?[.,]?\s*", re.IGNORECASE)
_WORD_EDITION = re.compile(
    r"[(\[]?\b(Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Revised)\s+(?:ed\.|edn\.?|edition)[)\]]?[.,]?\s*",
    re.IGNORECASE)
_ORDINALS = {"second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
             "eighth": "8", "ninth": "9", "tenth": "10", "revised": "Revised"}
_SERIES_VOLUME = re.compile(r"[,.]\s*(?:[Vv]ol(?:ume)?\.?|[Nn]o\.|[Bb]and)\s*(\d{1,5})\s+(?:of|in|der)\s+(?=[A-Z])")
_SERIES_END = re.compile(r",\s|[.;]\s(?=[A-Z][a-z]{5}|[A-Z][\w]{1,20}[\s-]" + alternation(PUBLISHER_NAME_ENDS + ("Univ",)) + r")|[.;]?\s*$")
_EDITOR_SUFFIX = re.compile(r"(?:,\s*|\s*[(\[]|(?<=\))\s)(?:eds?|editors?|hrsg|dirs?)\.?[)\]]?[.,:]?\s*$", re.IGNORECASE)


_JOURNAL_ONLY = re.compile(
    r"^(?!(?:The|A|An)\s)(?:(?:[A-Z][A-Za-z&]{0,15}|of|and|the|&|für|de)\.?,?\s){1,7}\(?(?:\d{1,5}\b|(?:vol|pp?)\.)")
_SENTENCE_WORD = re.compile(r"[a-z]{6,}\.\s")


def _take_title(rest: str, author_date: bool = False) -> tuple[str, str, bool]:
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
    if "," in title and not _EDITOR_SUFFIX.search(title) and not _container_follows(after, title):
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
    return re.match(r"[^\W\d]{2}", c.lead) is not None and c.numbers_at > 0 and ("volume" in c.fields or "pages" in c.fields) and \
        len(c.lead) <= 150 and find_boundary(c.lead, chains=True) >= len(c.lead) - 1


_BEFORE_ITALIC = re.compile(r"(?:[.,;:]|\b[Ii]n:?|//)$")
_IN_END = re.compile(r"[,.]?\s*\b(?:[Ii]n|[Ee]n|[Dd]ans):?$")


def _italic_cut(rest: str, title: str, after: str, spans: list[str]) -> tuple[str, str]:
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
        numeric = re.match(r"(?:\d(?![\d\s]{0,5}(?:B\.?C|A\.?D|BCE|CE)\b)|vol\b|Vol\b|pp?\.|[Nn]o\.|[IVXLC]{2,8}(?:\s?\(|$))",
                           part) is not None and not (k == len(parts) - 1 and YEAR_SPAN.fullmatch(part))
        if numeric and k >= 2:
            k -= 1  # "Title, Information and Computation, 84, No. 1": the journal is just before the volume
        if (numeric or STRONG_PUBLISHER.search(part) or (part[:1].isupper() and _JOURNALISH_PART.search(part))
                or re.match(r"(?:in|In|by)\s+[A-Z0-9]", part) or not_title_part(part, after if k == len(parts) - 1 else "")):
            head = ", ".join(parts[k:])
            sep = " " if head.endswith(".") else ". "
            return ", ".join(parts[:k]).strip(), (head + (sep + after if after else "")).strip()
    return title, after


def _parse(text: str, trace: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """The rules. ``trace`` (for the model) receives the cleaned text, the raw author segment and the italics."""
    s = preclean(text[:MAX_INPUT])
    s, ids = take_identifiers(s)
    fields: dict[str, str] = {}
    m = _SERIES_VOLUME.search(s)
    if m:  # "Einstein Manifolds, Volume 10 of Ergeb. Math. Grenzgeb. Springer": the series, not a journal
        e = _SERIES_END.search(s, m.end())
        end = e.start() if e else len(s)
        fields["volume"], fields["series"] = m.group(1), s[m.end():end].strip(" .,;")
        s = (s[: m.start()].rstrip(" ,") + ". " + s[end:].lstrip(" .,;")).strip()
    m = _EDITION.search(s) or _WORD_EDITION.search(s)
    if m:
        fields["edition"] = _ORDINALS.get(m.group(1).lower(), m.group(1))
        cut = ". " if m.group(0).rstrip().endswith((".", ")")) else ", " if m.group(0).rstrip().endswith(",") else " "
        s = (s[: m.start()].rstrip(" ,") + cut + s[m.end():].lstrip()).strip()
    lead_year = LEADING_YEAR.match(s)
    if lead_year:  # CV style: "2007 * | Ide, S., ..."
        s = s[lead_year.end():]
    spans = italic_spans(text)
    authors, rest, year = italic_end(s, *split_authors(s), spans)
    if trace is not None:
        trace.update(s=s, authors=authors, italics="\n".join(spans))
    if lead_year and not year:
        year = lead_year.group(1)
    if year:
        fields["year"] = year
    editors_only = False
    m = EDS_AFTER_AUTHORS.match(rest)
    if authors and m:
        authors, rest = authors + " (eds.)", rest[m.end():]
    if authors:
        if _EDITOR_SUFFIX.search(authors):
            editors_only = True
            authors = _EDITOR_SUFFIX.sub("", authors)
        names, others = split_names(authors)
        if names:
            fields["editor" if editors_only else "author"] = format_names(names, others)
    title, after, quoted = _take_title(rest, author_date=bool(year))
    if spans and not quoted:
        title, after = _italic_cut(rest, title, after, spans)
    if not after and title:
        # "Title, Journal 24 (2) (2003), 413" or "ApJ, 475, 163": no sentence end after the title
        probe = parse_numbers(title, want_year=False)
        if probe.numbers_at > 0 and ("volume" in probe.fields or "pages" in probe.fields):
            head = title[: probe.numbers_at].rstrip(" ,;:(")
            cut = head.rfind(", ")
            if cut > 0:
                title, after = head[:cut].strip(), title[cut + 2:]
            else:
                title, after = "", title
    periodical = quoted or periodical_hint(s[: len(s) - len(rest)], after, authors)  # "(in press). Title. Journal."
    tail: Tail = read_tail(after, need_year="year" not in fields, quoted_title=periodical, title=title)
    entry_type = tail.entry_type
    for k, v in tail.fields.items():
        fields.setdefault(k, v)
    if title:
        fields["title"] = title
    elif tail.title:
        fields["title"] = tail.title
    if "year" not in fields:
        y = YEAR_AD.search(title)
        if y and y.group(1):
            fields["year"] = y.group(1)
    for key in ("journal", "booktitle"):
        if key in fields:
            fields[key] = clean_container(fields[key])
    fields.update(ids)
    if "eprint" in ids and entry_type == "misc":
        fields.setdefault("note", "arXiv preprint")
    if editors_only and entry_type == "misc":
        entry_type = "book"
    return entry_type, {k: v for k, v in fields.items() if v}


def _fallback(text: str) -> tuple[str, dict[str, str]]:
    clean = " ".join(text.split())[:MAX_INPUT] or "(empty)"
    return "misc", {"title": clean, "note": clean}


def _drop_volume_from_container(fields: dict[str, str]) -> None:
    """``Journal of Polymer Science XXXIV`` with volume ``XXXIV``: the volume is not part of the name."""
    vol = fields.get("volume")
    if not vol:
        return
    for key in ("journal", "booktitle"):
        name = fields.get(key, "")
        if name.endswith(vol) and len(name) > len(vol) + 3 and name[-len(vol) - 1] in " ,":
            fields[key] = name[: -len(vol)].rstrip(" ,")


def parse_reference(text: str) -> Entry:
    """Parse one free-text reference into a BibTeX entry; never raises.

    >>> e = parse_reference("Duman RS, Aghajanian GK, Sanacora G, Krystal JH. Synaptic plasticity and "
    ...     "depression: new insights from stress and rapid-acting antidepressants. Nat Med. 2016;22(3):238-249.")
    >>> e.entry_type, e.key, e.fields_dict["pages"].value
    ('article', 'duman2016synaptic', '238--249')
    """
    try:
        trace: dict[str, str] = {}
        entry_type, fields = _parse(text if isinstance(text, str) else str(text), trace)
        if USE_MODEL and trace:  # the CRF labeller checks the rules' author, title and container
            entry_type, fields = parse_combine.apply(entry_type, fields, trace["s"], trace["authors"], trace["italics"])
        _drop_volume_from_container(fields)
        if not fields.get("title"):
            fields.setdefault("note", " ".join(text.split())[:MAX_INPUT])
    except Exception:  # failures are data: keep the text, never end the run
        entry_type, fields = _fallback(text if isinstance(text, str) else repr(text))
    return make_entry(entry_type, base_key(fields), fields)


def parse_references(raws: Sequence[RawReference]) -> list[Reference]:
    """Parse a document's reference list; keys are unique within the list.

    Raw references that already carry BibTeX ``fields`` (from a ``.bib`` file) pass
    through with lower-case field names and their own key where they have one.

    >>> [r.key for r in parse_references([RawReference("Popper, Karl. Conjectures and Refutations. "
    ...     "Routledge, 1963.", line=3)])]
    ['popper1963conjectures']
    """
    parsed: list[tuple[str, str, dict[str, str], str | None]] = []
    for raw in raws:
        if raw.fields is not None:
            fields = {str(k).lower(): str(v) for k, v in raw.fields.items()}
            parsed.append(((raw.entry_type or "misc").lower(), base_key(fields), fields, raw.key or None))
        else:
            entry = parse_reference(raw.text)
            fields = {f.key: str(f.value) for f in entry.fields}
            parsed.append((entry.entry_type, entry.key, fields, None))
    # keys from the .bib file win; generated keys are made unique around them
    own = [p[3] for p in parsed if p[3]]
    keys: list[str] = []
    generated = iter(unique_keys([p[1] for p in parsed if not p[3]], taken=own))
    seen_own: set[str] = set()
    for p in parsed:
        if p[3]:
            key = p[3]
            if key in seen_own:  # a duplicate key in the .bib itself: suffix it
                key = unique_keys([key], taken=set(own) | seen_own | set(keys))[0]
            seen_own.add(key)
            keys.append(key)
        else:
            keys.append(next(generated))
    return [
        Reference(key=key, entry_type=etype, fields=fields, text=raw.text, line=raw.line, source=raw)
        for key, (etype, _, fields, _own), raw in zip(keys, parsed, raws)
    ]


def parse_file(path: str | Path, format: str | None = None) -> list[Entry]:
    """Extract a document's reference list and parse it: one entry per reference.

    >>> parse_file("paper.md")  # doctest: +SKIP
    [Entry(...), ...]
    """
    from ..extract import extract_file  # written alongside; imported late so parsing works without it

    document = extract_file(path, format=format)
    return [reference_to_entry(r) for r in parse_references(document.references)]
