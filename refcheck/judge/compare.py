"""Comparing fields: what a citation gets wrong about the work it cites.

:func:`compare` takes a parsed reference and the matched Crossref work and returns
one :class:`~refcheck.model.Problem` per wrong field. Only fields the citation
gives are compared. Pure function, no I/O.

>>> [p.field for p in compare(reference, work)]  # doctest: +SKIP
['year']
"""

from __future__ import annotations

import difflib
import logging
import re

from rapidfuzz import fuzz

from ..model import Problem, Reference, Severity, Work
from ..normalize import (
    expand_page_range,
    fold,
    initials,
    latex_to_text,
    normalize_doi,
    split_bibtex_names,
    split_status_notice,
    surname_key,
)
from .journals import abbreviates, journal_words, same_journal
from .names import INITIALS_MESSAGE, cited_keys, is_initial_word, record_keys
from .text_witness import TextWitness

__all__ = ["compare"]

log = logging.getLogger(__name__)

# Surnames this similar (ratio on folded keys) are a misspelling of the same person.
SURNAME_TYPO_RATIO = 85
# Two words this similar (ratio 0..100) are one word misspelt ("behaviour"/"behavior",
# "Splines"/"Spline"); below it a word was replaced, which makes a different title.
TYPO_WORD_RATIO = 75

_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")

# BibTeX entry types → the Crossref types that fit them.
_TYPE_FIT = {
    "article": {"journal-article", "proceedings-article", "posted-content", "report", "book-chapter", "other"},
    "inproceedings": {"proceedings-article", "book-chapter", "journal-article", "posted-content"},
    "book": {"book", "monograph", "edited-book", "reference-book", "book-set", "book-series"},
    "incollection": {"book-chapter", "book-section", "book-part", "reference-entry", "proceedings-article"},
}


# Words of a publisher's legal or trade form, not of its name ("Elsevier BV" is "Elsevier").
_PUBLISHER_FORM_WORDS = frozenset({"press", "publishing", "publishers", "inc", "ltd", "llc", "co", "gmbh", "bv"})

def _get(reference: Reference, name: str) -> str:
    return latex_to_text(str(reference.fields.get(name) or "")).strip()


def compare(reference: Reference, work: Work) -> tuple[Problem, ...]:
    """Every field the citation gets wrong about ``work``, errors first in field order.

    An author, title or journal finding that the reference's own text contradicts (the record's
    surnames, title or journal are all there, as written) is the parser's misreading, not the
    author's mistake: it is logged at debug level for the parser's sake and not reported.
    """
    problems: list[Problem] = []
    witness = TextWitness(reference.text, work, _get(reference, "title")) if reference.text else None
    # The parser guessed the entry type (a journal article with no volume or pages reads like a book, and
    # what follows the journal like a publisher): its type and publisher stand only where they fit the record
    guessed = not _type_fits(reference, work) or work.type == "journal-article"
    for check in (_title, _authors, _year, _journal, _volume, _issue, _pages, _doi, _publisher, _type, _retraction):
        found = check(reference, work)
        if found and witness is not None and (guessed or found[0].field not in ("type", "publisher")):
            found = witness.unless_contradicted(found, reference.key)
        problems.extend(found)
    return tuple(problems)


# --- Title ----------------------------------------------------------------------------------


def _title(reference: Reference, work: Work) -> list[Problem]:
    cited_raw = _get(reference, "title")
    if work.retracted:  # "RETRACTED: ..." copied from Crossref's title is the record's status, said again
        cited_raw = split_status_notice(cited_raw)[0]
    cited = fold(cited_raw)
    if not cited or not work.title:
        return []
    main = fold(work.title)
    full = fold(f"{work.title} {work.subtitle}") if work.subtitle else main
    shown = f"{work.title}: {work.subtitle}" if work.subtitle else work.title
    if work.subtitle and cited == main:
        return [Problem("title", cited_raw, shown, "warning",
                        f"The cited title leaves out the subtitle of \u201c{shown}\u201d.")]
    if cited in (main, full):
        return []
    # Crossref keeps "Main: Sub" in one field, or splits it; the citation may give the main part.
    work_main = fold(re.split(r"[:?.]\s", work.title, maxsplit=1)[0]) if re.search(r"[:?.]\s", work.title) else ""
    if cited == work_main:
        return [Problem("title", cited_raw, shown, "warning",
                        f"The cited title leaves out the subtitle of \u201c{shown}\u201d.")]
    cited_main = fold(re.split(r"[:?.]\s", cited_raw, maxsplit=1)[0]) if re.search(r"[:?.]\s", cited_raw) else ""
    if cited_main and cited_main == main and not work.subtitle:
        return [Problem("title", cited_raw, shown, "warning",
                        f"The cited title adds a subtitle that Crossref does not have (\u201c{shown}\u201d).")]
    if cited.replace(" ", "") in (main.replace(" ", ""), full.replace(" ", "")):
        return []  # "co-expression" / "coexpression", "Max-pooling" / "Maxpooling"
    target = full if fuzz.ratio(cited, full) >= fuzz.ratio(cited, main) else main
    if _only_typos(cited, target):
        return [Problem("title", cited_raw, shown, "warning",
                        f"The title is slightly misspelt; the record has \u201c{shown}\u201d.")]
    return [Problem("title", cited_raw, shown, "error", f"The title differs from the record's \u201c{shown}\u201d.")]


def _only_typos(a: str, b: str) -> bool:
    """Every differing word is a misspelling of its counterpart (no word added, dropped or replaced)."""
    wa, wb = a.split(), b.split()
    if fuzz.ratio(a, b) < 85:
        return False
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        x, y = " ".join(wa[i1:i2]), " ".join(wb[j1:j2])
        if tag != "replace" or x.replace(" ", "") != y.replace(" ", "") and (
                i2 - i1 != j2 - j1 or any(len(p) < 4 or fuzz.ratio(p, q) < TYPO_WORD_RATIO
                                          for p, q in zip(wa[i1:i2], wb[j1:j2], strict=False))):
            return False
    return True


# --- Authors --------------------------------------------------------------------------------


def _authors(reference: Reference, work: Work) -> list[Problem]:
    field = _get(reference, "author")
    if not field or not work.authors:
        return []
    # the field as written: braces keep a corporate author ("{Centers for Disease Control and Prevention}") whole
    cited, truncated = split_bibtex_names(str(reference.fields.get("author") or ""))
    if not truncated and re.search(r"\bet\.?\s*al\b", reference.text or "", re.IGNORECASE):
        truncated = True
    cited = [(f, g) for f, g in cited if surname_key(f)]
    if not cited:
        return []
    found_list = "; ".join(str(a) for a in work.authors[:8]) + ("; ..." if len(work.authors) > 8 else "")
    cited_list = field
    keys = [surname_key(a.family) for a in work.authors]
    keys_of_record = [record_keys(a) for a in work.authors]
    problems: list[Problem] = []

    def locate(family: str, given: str, position: int) -> tuple[int, bool]:
        key = surname_key(family)
        keys_of_cited = cited_keys(family, given)
        same = [i for i, k in enumerate(keys_of_record) if k & keys_of_cited]
        if not same and given:  # "Zhang Wei" read as surname Wei: the two names swapped
            same = [i for i, a in enumerate(work.authors)
                    if a.given and surname_key(a.given) == key and surname_key(a.family) == surname_key(given)]
        if not same:  # "Xia Hong" kept whole as a family name by Crossref
            same = [i for i, a in enumerate(work.authors)
                    if not a.given and key and surname_key(a.family.split()[-1]) == key]
        if same:
            # Several authors share the surname (Lee, Li, Kumar...): the one at the cited position,
            # else the one whose initial agrees.
            if position in same:
                return position, True
            ci = initials(given)[:1]
            for i in same:
                if ci and initials(work.authors[i].given)[:1] == ci:
                    return i, True
            return same[0], True
        # Single-field names (organisations) and spelling slips
        best, pos = 0.0, -1
        for i, k in enumerate(keys):
            r = fuzz.ratio(key, k)
            if r > best:
                best, pos = r, i
        if best >= SURNAME_TYPO_RATIO:
            return pos, False
        return -1, False

    positions = []
    for i, (family, given) in enumerate(cited):
        pos, exact = locate(family, given, i)
        positions.append(pos)
        if pos < 0:
            if i == 0:
                problems.append(Problem("author", family, str(work.authors[0]), "error",
                                        f"The first author {family} is not an author of this work; "
                                        f"the record lists {found_list}."))
            else:
                problems.append(Problem("author", family, found_list, "error",
                                        f"{family} is not among the work's authors ({found_list})."))
            continue
        work_author = work.authors[pos]
        if not exact:
            problems.append(Problem("author", family, work_author.family, "warning",
                                    f"The surname {family} is misspelt; the record has {work_author.family}."))
        # a record whose family field holds initials ("Rahmath P") says nothing reliable about given names
        if given and work_author.given and not is_initial_word(work_author.family.split()[-1]):
            ci, wi = initials(given), initials(work_author.given)
            if ci and wi and ci[0] != wi[0]:
                problems.append(Problem("author", f"{family}, {given}", str(work_author), "warning",
                                        f"{INITIALS_MESSAGE}{family} ({given}) differ from the record's "
                                        f"({work_author.given})."))
    if positions and positions[0] > 0 and not any(p.severity == "error" and p.cited == cited[0][0] for p in problems):
        problems.append(Problem("author", cited[0][0], str(work.authors[0]), "error",
                                f"The first author is {work.authors[0]}, not {cited[0][0]} "
                                f"(who is author {positions[0] + 1})."))
    placed = [p for p in positions if p >= 0]
    if placed and placed != sorted(placed) and not any(p.severity == "error" for p in problems):
        problems.append(Problem("author", cited_list, found_list, "warning",
                                "The authors are cited in a different order from the record."))
    if not truncated and len(cited) < len(work.authors) and not any(p.severity == "error" for p in problems):
        missing = [str(a) for i, a in enumerate(work.authors) if i not in set(placed)]
        problems.append(Problem("author", cited_list, found_list, "warning",
                                f"The citation lists {len(cited)} of {len(work.authors)} authors "
                                f"without \u201cet al.\u201d; "
                                f"missing: {'; '.join(missing[:5])}{'...' if len(missing) > 5 else ''}."))
    return problems


# --- Year -----------------------------------------------------------------------------------


def _print_year(work: Work) -> int | None:
    try:
        return int(work.record["published-print"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


_BOOK_RECORD_TYPES = frozenset({"book", "monograph", "edited-book", "reference-book", "book-set"})


def _year(reference: Reference, work: Work) -> list[Problem]:
    m = _YEAR_RE.search(_get(reference, "year"))
    if not m or not work.year:
        return []
    cited = int(m.group(1))
    if cited == work.year or cited == _print_year(work):
        return []  # the issued year, or the print year of an online-first paper: both correct
    dates = ", ".join(str(y) for y in sorted(set(work.years) or {work.year}))
    if cited in work.years and abs(cited - work.year) == 1:
        return [Problem("year", str(cited), str(work.year), "warning",
                        f"The year {cited} is one of the record's dates ({dates}) "
                        f"but not its publication year {work.year}.")]
    if cited < work.year and (reference.entry_type == "book" or work.type in _BOOK_RECORD_TYPES):
        # Books are reprinted: Crossref often holds only a later edition, so an
        # earlier cited year is likely the first edition, not an error.
        return [Problem("year", str(cited), str(work.year), "warning",
                        f"Crossref's record is of an edition from {work.year}; the citation gives {cited} "
                        "(an earlier edition?).")]
    return [Problem("year", str(cited), str(work.year), "error", f"The year is {work.year}, not {cited}.")]


# --- Journal --------------------------------------------------------------------------------


def _journal(reference: Reference, work: Work) -> list[Problem]:
    cited = _get(reference, "journal")
    venue = not cited and reference.entry_type in ("inproceedings", "incollection")
    if venue:  # a proceedings paper or a chapter: the book it is in is its container
        cited = _get(reference, "booktitle")
    containers = _containers(work)
    if not cited or not containers:
        return []
    if not journal_words(cited):
        return []  # only stop words ("The"): no journal named, nothing contradicted
    if any(same_journal(cited, c, work.short_containers) for c in containers):
        return []
    # Proceedings and book names vary between styles ("CVPR", "Proc. IEEE Int. Conf. Image Process."): a related
    # name or an acronym is a warning; an unrelated venue is an error. A one-word journal inside a longer name
    # ("Engineering" / "Engineering Structures") is another journal, however much the two overlap.
    proceedings = venue or work.type == "proceedings-article"
    related = any(not _one_word_inside(cited, c) and (
        _same_venue(cited, c) if proceedings else fuzz.token_set_ratio(fold(cited), fold(c)) >= 85) for c in containers)
    related = related or proceedings and _acronym(cited, containers)
    severity: Severity = "warning" if related else "error"
    what = "venue" if venue else "journal"
    return [Problem("journal", cited, containers[0], severity, f"The {what} is {containers[0]}, not {cited}.")]


def _one_word_inside(cited: str, container: str) -> bool:
    """One name is a single word that the other, longer, holds: ``Engineering`` and ``Engineering Structures``.

    A place in brackets is no part of the name (PubMed's ``Science (New York, N.Y.)``).
    """
    def name_words(name: str) -> list[str]:  # a volume or year read with the name ("12 Science") is no part of it
        return [w for w in journal_words(name) if not any(ch.isdigit() for ch in w)]

    a, b = name_words(re.sub(r"\([^)]*\)", " ", cited)), name_words(container)
    return (len(a) == 1 and len(b) > 1 and a[0] in b) or (len(b) == 1 and len(a) > 1 and b[0] in a)


# Words every proceedings name may have or leave out; they say nothing about which meeting it is
_VENUE_GENERIC = frozenset({
    "proceedings", "proc", "conference", "conf", "international", "intl", "int", "annual", "workshop", "workshops",
    "symposium", "symp", "joint", "meeting", "ieee", "acm", "cvf", "companion", "volume", "vol", "part", "papers",
    "th", "st", "nd", "rd", "twenty", "thirty", "forty", "fifty", "sixty",
})
_ORDINAL_RE = re.compile(r"(?:twenty|thirty|forty|fifty|sixty)?(?:first|second|third|fourth|fifth|sixth|seventh|"
                         r"eighth|ninth|tenth|eleventh|twelfth|\w+teenth|twentieth|thirtieth|fortieth|fiftieth)")


def _venue_words(name: str) -> list[str]:
    """The words that tell one meeting or book from another: no years, numbers, ordinals or generic words."""
    return [w for w in journal_words(name) if w not in _VENUE_GENERIC and not any(ch.isdigit() for ch in w)
            and not _ORDINAL_RE.fullmatch(w)]


def _same_venue(cited: str, container: str) -> bool:
    """The specific words of the two names agree, or the cited ones abbreviate at least half the record's in order.

    Not a subset alone: "Artificial Intelligence" is no name of "AI in Information and Communication (ICAIIC)".
    """
    a, b = _venue_words(cited), _venue_words(container)
    if not a or not b:
        return False
    if set(b) <= set(a) and len(b) >= len(a) - len(b):  # the record's name, run on into a publisher or place
        return True
    return fuzz.token_sort_ratio(" ".join(a), " ".join(b)) >= 85 or (
        2 * len(a) >= len(b) and _abbreviates_in_order(a, b))


def _abbreviates_in_order(short: list[str], full: list[str]) -> bool:
    """Each word of ``short`` abbreviates a word of ``full``, in order (words of ``full`` may be left out)."""
    rest = iter(full)
    return all(any(abbreviates([w], [f]) for f in rest) for w in short)


def _acronym(cited: str, containers: list[str]) -> bool:
    """``CVPR`` for "... Conference on Computer Vision and Pattern Recognition (CVPR)"."""
    letters = "".join(ch for ch in cited if ch.isalpha())
    if not (2 <= len(letters) <= 8) or " " in cited.strip():
        return False
    low = letters.lower()
    for name in containers:
        if low in fold(name).split():
            return True
        words = [w for w in journal_words(name)
                 if w not in {"proceedings", "conference", "annual", "international", "ieee", "acm"}]
        if low in "".join(w[0] for w in words):
            return True
    return False


def _containers(work: Work) -> list[str]:
    names = [work.container] if work.container else []
    raw = work.record.get("container-title") if work.record else None
    if isinstance(raw, list):
        names += [str(x) for x in raw if x and str(x) not in names]
    return names


# --- Volume, issue, pages -------------------------------------------------------------------


def _plain_number(value: str) -> str:
    text = fold(value)
    text = re.sub(r"^(?:vol(?:ume)?|no|issue|nr)\s+", "", text)
    return text.lstrip("0") or text


def _volume(reference: Reference, work: Work) -> list[Problem]:
    cited = _get(reference, "volume")
    if not cited or not work.volume or _plain_number(cited) == _plain_number(work.volume):
        return []
    return [Problem("volume", cited, work.volume, "error", f"The volume is {work.volume}, not {cited}.")]


def _issue(reference: Reference, work: Work) -> list[Problem]:
    cited = _get(reference, "number") or _get(reference, "issue")
    if not cited or not work.issue:
        return []
    a, b = _plain_number(cited), _plain_number(work.issue)
    if a == b or set(re.split(r"\W+", a)) & set(re.split(r"\W+", b)) - {""}:  # "3" vs "3-4", "Suppl 1"
        return []
    return [Problem("issue", cited, work.issue, "warning", f"The issue is {work.issue}, not {cited}.")]


def _page_core(page: str) -> str:
    """A page as a number (with its letter prefix): Crossref writes ``1309.e1`` (an online supplement page) and
    ``604.4`` (BMJ's column position) where citations print ``1309`` and ``604``."""
    m = re.match(r"[a-z]*\d+", page)
    return m.group(0) if m else page


def _pages(reference: Reference, work: Work) -> list[Problem]:
    cited_raw = _get(reference, "pages") or _get(reference, "eid")
    if not cited_raw or not (work.pages or work.article_number):
        return []
    first, last = (_page_core(p) for p in expand_page_range(cited_raw))
    found = work.pages or work.article_number
    wfirst, wlast = (_page_core(p) for p in expand_page_range(work.pages)) if work.pages else ("", "")
    article = work.article_number.lower()
    shown = found.replace("-", "\u2013")
    if first and first in {wfirst, article} and (not last or not wlast or last == wlast):
        return []
    if first == wfirst and last and wlast and last != wlast:
        return [Problem("pages", cited_raw, shown, "error", f"The pages are {shown}, not {cited_raw}.")]
    if first and article and not wfirst and first != article:
        return [Problem("pages", cited_raw, work.article_number, "error",
                        f"The article number is {work.article_number}, not {cited_raw}.")]
    if not first:
        return []
    return [Problem("pages", cited_raw, shown, "error", f"The pages are {shown}, not {cited_raw}.")]


# --- DOI, publisher, type, retraction -------------------------------------------------------


def _doi(reference: Reference, work: Work) -> list[Problem]:
    cited = normalize_doi(_get(reference, "doi"))
    if not cited or not work.doi or cited == normalize_doi(work.doi):
        return []
    return [Problem("doi", _get(reference, "doi"), work.doi, "error",
                    f"The DOI of this work is {work.doi}, not {cited}.")]


# What a parser files as the publisher of an online-first article: "Published online", "Published Online First"
_NO_PUBLISHER_RE = re.compile(r"^\W*(?:published\s+online|epub\b|online\s+ahead\s+of\s+print)", re.IGNORECASE)


def _not_a_publisher(cited: str, work: Work) -> bool:
    """An article number or page (``e1457``), ``Published online``, or the record's own journal: no publisher."""
    words = fold(cited).split()
    if words and all(any(ch.isdigit() for ch in w) or w in {"p", "pp", "art", "no"} for w in words):
        return True
    if _NO_PUBLISHER_RE.search(cited):
        return True
    folded = fold(cited)
    return any(fold(c) and (fold(c) in folded or same_journal(cited, c, work.short_containers))
               for c in _containers(work))


def _publisher(reference: Reference, work: Work) -> list[Problem]:
    cited = _get(reference, "publisher")
    if not cited or not work.publisher or reference.entry_type in ("article",):
        return []
    if _not_a_publisher(cited, work):
        log.debug("not reported (the parser's publisher is no publisher): %r on %s against %s",
                  cited, reference.key, work.doi)
        return []
    a = [w for w in journal_words(cited) if w not in _PUBLISHER_FORM_WORDS]
    b = [w for w in journal_words(work.publisher) if w not in _PUBLISHER_FORM_WORDS]
    if not a or not b or set(a) & set(b) or fuzz.partial_ratio(" ".join(a), " ".join(b)) >= 85 or abbreviates(a, b):
        return []
    return [Problem("publisher", cited, work.publisher, "warning", f"The publisher is {work.publisher}, not {cited}.")]


def _type_fits(reference: Reference, work: Work) -> bool:
    fits = _TYPE_FIT.get(reference.entry_type)
    return not fits or not work.type or work.type in fits


def _type(reference: Reference, work: Work) -> list[Problem]:
    if _type_fits(reference, work):
        return []
    return [Problem("type", reference.entry_type, work.type, "warning",
                    f"Cited as {_A(reference.entry_type)} but Crossref records a {work.type.replace('-', ' ')}.")]


def _A(entry_type: str) -> str:
    names = {"article": "a journal article", "inproceedings": "a conference paper", "book": "a book",
             "incollection": "a book chapter"}
    return names.get(entry_type, entry_type)


def _retraction(reference: Reference, work: Work) -> list[Problem]:
    if not work.retracted:
        return []
    return [Problem("retraction", "", work.doi, "error",
                    f"This work ({work.doi}) has been {work.retraction or 'retracted'}.")]

