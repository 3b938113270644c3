"""Choosing the match: which candidate (if any) is the cited work.

Search-based matching with validation (SBMV), the method Crossref's own
matcher uses (Tkaczyk, "Reference matching", Crossref 2018–19): a search
proposes candidates ranked by relevance; each candidate is then *validated*
against the citation, field by field, and accepted only when the evidence
says it is the same work.

Validation uses both the parsed BibTeX fields (when the parser gave them) and
the raw reference text (does the candidate's title, first author's surname,
year, volume and first page appear in what the author wrote?), so a parser
error does not sink a match. Pure functions, no I/O.

>>> decision = choose_match(reference, lookup.candidates)  # doctest: +SKIP
>>> decision.outcome, decision.match.work.doi  # doctest: +SKIP
('matched', '10.1177/0269881117725915')
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import Sequence

from rapidfuzz import fuzz

from ..model import Candidate, Reference, Work
from ..normalize import (
    expand_page_range,
    fold,
    latex_to_text,
    normalize_dashes,
    normalize_doi,
    split_bibtex_names,
    surname_key,
)
from .journals import same_journal
from .text_witness import TextWitness
from .versions import PERIPHERAL_TYPES, same_work

__all__ = [
    "MatchDecision",
    "Evidence",
    "choose_match",
    "is_cited_work",
    "evidence",
    "similarity",
    "MIN_NORMALIZED_SCORE",
    "MATCH_THRESHOLD",
    "AMBIGUITY_MARGIN",
]

# --- Thresholds ---------------------------------------------------------------------------
# Crossref relevance score / len(reference text). On the RME real set (2,000 hand-checked
# strings, analyses/3_unstructured_real_evaluation/unstructured_sbm.json) 0.5% of the true
# top-1 matches score below 0.263 and 1% below 0.317; the machine-formatted
# matched-sbm-* files put 0.5% of true matches below 0.369. Negatives (gt = null, and the
# matched-sbm-excluded-* best-wrong-candidate scores) have a median of 0.34-0.40, so the score
# cannot separate on its own; it is only a floor that removes hopeless candidates cheaply,
# set where it costs well under 1% recall. See bench/match_accuracy.py.
MIN_NORMALIZED_SCORE = 0.25

# Validation similarity (0..1) needed to accept a candidate. Calibrated on the refchecker
# title-search candidate lists (415 references x 5 real Crossref items, no scores; silver labels,
# see bench/match_accuracy.py --sweep): precision and recall are both 1.000 from 0.50 to 0.70 and
# recall falls from 0.75 (0.992) and 0.90 (0.934). The 17 undetermined references accepted at 0.68
# were reviewed by hand: all are the cited work (subtitle dropped, typos, a garbled title with the
# right authors/journal/year). 0.68 sits at the top of the plateau, leaving room below for
# precision on harder, unlabelled cases.
MATCH_THRESHOLD = 0.68

# Two *distinct* works both above threshold and within this similarity of each other: we cannot
# tell which is cited, so say "ambiguous" rather than guess. A judgement call: on the refchecker
# lists it only fires on true duplicates (Shannon 1948 parts I/II, conference+journal twins).
AMBIGUITY_MARGIN = 0.03

# A cited title this unlike the candidate's (rapidfuzz ratio on folded text, 0..1) vetoes the
# match unless the numbers (volume and first page) both agree: a fabricated reference often
# borrows the authors and journal of a real paper, never its title *and* its page numbers.
TITLE_VETO = 0.80

# Field weights in the combined similarity (title dominates, as in SBMV's title-first design).
WEIGHTS = {"title": 0.45, "author": 0.20, "year": 0.10, "volume": 0.10, "pages": 0.10, "journal": 0.05}

# Crossref record types that are never the cited work when a real publication competes.
_PERIPHERAL_PENALTY = 0.15
_NOTICE_PENALTY = 0.3
# Notices about a work are not the work: "Correction to: X", "Faculty Opinions recommendation of X".
_NOTICE_RE = re.compile(
    r"\s*(?:correction|erratum|corrigendum|retraction|retracted|expression of concern|withdrawn|"
    r"faculty opinions recommendation|review of|reply to|comment on|response to)\b",
    re.IGNORECASE,
)

_NUMBER_RE = re.compile(r"(?<![\d.])\d+(?![\d])")
_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_DOI_IN_TEXT_RE = re.compile(r"(?<!\d)10\.\d{4,9}/\S+")
_RANGE_RE = re.compile(r"(\d+)\s*-+\s*(\d+)")


@dataclass(frozen=True)
class MatchDecision:
    """What :func:`choose_match` decided.

    ``outcome`` is ``"matched"`` (``match`` is the cited work), ``"ambiguous"`` (two
    distinct works fit equally well; ``match`` is None) or ``"none"``. ``ranked`` holds
    every candidate, best first, with ``similarity`` filled in. ``alternates``: other
    accepted records of the matched work (one work, two DOIs), best first.
    """

    outcome: str
    match: Candidate | None
    ranked: tuple[Candidate, ...]
    alternates: tuple[Candidate, ...] = ()  # the matched work's other records (its preprint, a JSTOR copy)


@dataclass(frozen=True)
class Evidence:
    """Per-field agreement of one candidate with one reference, each in [0, 1] or None (unknown)."""

    title: float | None = None
    author: float | None = None
    year: float | None = None
    volume: float | None = None
    pages: float | None = None
    journal: float | None = None

    def combined(self) -> float:
        num = den = 0.0
        for name, weight in WEIGHTS.items():
            value = getattr(self, name)
            if value is not None:
                num += weight * value
                den += weight
        return num / den if den else 0.0


# --- The raw text, prepared once per reference ---------------------------------------------


@dataclass(frozen=True)
class _Cited:
    """Everything validation needs from the reference, computed once."""

    text: str  # folded raw text
    head: str  # folded start of the raw text, where authors sit in most styles
    numbers: frozenset[str]
    years: frozenset[int]
    title: str
    raw_title: str
    surnames: tuple[str, ...]
    year: int | None
    volume: str
    first_page: str
    journal: str
    doi: str


def _prepare(reference: Reference) -> _Cited:
    raw = normalize_dashes(reference.text or "")
    raw = _DOI_IN_TEXT_RE.sub(" ", raw)
    raw = re.sub(r"^\s*\[?\d{1,4}[\].)]\s*", "", raw)  # list number "[12]" / "12."
    numbers: set[str] = set()
    for a, b in _RANGE_RE.findall(raw):
        if len(b) < len(a) and int(a[-len(b):]) <= int(b):  # 1425-37 → 1425-1437
            numbers.add(a[: len(a) - len(b)] + b)
    numbers.update(n.lstrip("0") or "0" for n in _NUMBER_RE.findall(raw))
    text = fold(raw)
    fields = reference.fields or {}

    def get(name: str) -> str:
        return latex_to_text(str(fields.get(name) or "")).strip()

    names, _ = split_bibtex_names(get("author"))
    year_field = get("year")
    m = _YEAR_RE.search(year_field)
    first_page, _ = expand_page_range(get("pages"))
    return _Cited(
        text=text,
        head=text[:60],
        numbers=frozenset(numbers),
        years=frozenset(int(y) for y in _YEAR_RE.findall(raw)),
        title=fold(get("title")),
        raw_title=get("title"),
        surnames=tuple(k for k in (surname_key(f) for f, _ in names) if k),
        year=int(m.group(1)) if m else None,
        volume=fold(get("volume")),
        first_page=first_page,
        journal=fold(get("journal") or get("booktitle")),
        doi=normalize_doi(get("doi")),
    )


# --- Validation, one field at a time --------------------------------------------------------


def _title_score(cited: _Cited, work: Work) -> float | None:
    main = fold(work.title)
    if not main:
        return None
    full = fold(f"{work.title} {work.subtitle}") if work.subtitle else main
    if cited.title:
        score = max(fuzz.ratio(cited.title, main), fuzz.ratio(cited.title, full)) / 100
        # One side gives only the main title ("Main: Sub" vs "Main"): the same work with the
        # subtitle dropped, provided the main title is long enough to be distinctive.
        cited_main = fold(cited.raw_title.split(":", 1)[0]) if ":" in cited.raw_title else ""
        work_main = fold(work.title.split(":", 1)[0]) if ":" in work.title else ""
        for a, b in ((cited_main, main), (cited.title, work_main)):
            if a and b and len(b) >= 15 and fuzz.ratio(a, b) >= 95:
                score = max(score, 0.9)
        # One word replaced, added or dropped in a title of four words or more: still the same
        # paper cited carelessly (compare() will flag the title); authors and year must agree.
        if score < TITLE_VETO and _one_word_apart(cited.title, full):
            score = TITLE_VETO + 0.02
        return score
    # No parsed title: does the candidate's title occur in the raw string? Only meaningful for a
    # title long enough not to occur by chance.
    if len(full) >= 15 and len(full) + 10 <= len(cited.text):
        main_ratio = fuzz.partial_ratio(main, cited.text) if len(main) >= 25 else 0
        return max(fuzz.partial_ratio(full, cited.text), main_ratio) / 100
    return None


def _one_word_apart(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if max(len(wa), len(wb)) < 4 or abs(len(wa) - len(wb)) > 1:
        return False
    ops = [op for op in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes() if op[0] != "equal"]
    return len(ops) == 1 and max(ops[0][2] - ops[0][1], ops[0][4] - ops[0][3]) == 1


def _author_score(cited: _Cited, work: Work) -> float | None:
    if not work.authors:
        return None
    first = surname_key(work.authors[0].family)
    if not first:
        return None
    best = 0.0
    if cited.surnames:
        if cited.surnames[0] == first:
            best = 1.0
        elif fuzz.ratio(cited.surnames[0], first) >= 85:
            best = 0.8
        elif first in cited.surnames:
            best = 0.5
    # Raw text: the surname as a word near the start (author-first styles), else anywhere
    # before the title (IEEE puts initials first).
    spaced = " ".join(fold(work.authors[0].family).split())
    pattern = re.compile(r"(?<!\w)" + re.escape(spaced) + r"(?!\w)")
    # SBMV looks for the first author in the first 2 x len(surname) characters; given names
    # written first ("Yin Fang") need a little more room.
    head = cited.text[: max(2 * len(spaced), len(spaced) + 12)]
    if pattern.search(head):
        best = max(best, 1.0)
    elif cited.surnames:
        pass  # the parsed author list already spoke; a surname deep in the raw string proves little
    elif pattern.search(cited.text):
        best = max(best, 0.6)
    else:
        best = max(best, fuzz.partial_ratio(spaced, head) / 100 * 0.8 if len(spaced) >= 4 else 0.0)
    return best


def _year_score(cited: _Cited, work: Work) -> float | None:
    years = set(work.years) | ({work.year} if work.year else set())
    if not years:
        return None
    if cited.year is not None:
        wanted = {cited.year}
    elif cited.years:
        wanted = set(cited.years)
    else:
        return None
    if years & wanted:
        return 1.0
    if any(abs(a - b) == 1 for a in years for b in wanted):
        return 0.5  # online vs print year
    return 0.0


def _number_score(cited_value: str, value: str, cited: _Cited) -> float | None:
    """Volume or first page: the parsed field when given, else the raw string's numbers."""
    value = fold(value)
    if not value:
        return None
    if cited_value:
        return 1.0 if cited_value.lstrip("0") == value.lstrip("0") else 0.0
    if not cited.numbers - {str(y) for y in cited.years}:
        return None  # the citation gives no numbers besides the year: unknown, not wrong
    return 1.0 if value.lstrip("0") in cited.numbers else 0.0


def _journal_score(cited: _Cited, work: Work) -> float | None:
    if not cited.journal or not work.container:
        return None
    names = [fold(work.container), *(fold(s) for s in work.short_containers)]
    best = max(fuzz.token_set_ratio(cited.journal, n) for n in names if n) / 100
    if best < 0.9 and same_journal(cited.journal, work.container, work.short_containers):
        best = 1.0  # an abbreviation ("biol psychiatry") shares few whole words with the full name
    return best


def evidence(reference: Reference, work: Work, *, _cited: _Cited | None = None) -> Evidence:
    """Per-field agreement of ``work`` with ``reference`` (see :class:`Evidence`)."""
    cited = _cited or _prepare(reference)
    first_page, _ = expand_page_range(work.pages)
    pages = _number_score(cited.first_page, first_page, cited)
    if work.article_number:
        alt = _number_score(cited.first_page, work.article_number, cited)
        if alt is not None and (pages is None or alt > pages):
            pages = alt
    return Evidence(
        title=_title_score(cited, work),
        author=_author_score(cited, work),
        year=_year_score(cited, work),
        volume=_number_score(cited.volume, work.volume, cited),
        pages=pages,
        journal=_journal_score(cited, work),
    )


def _similarity(cited: _Cited, reference: Reference, work: Work) -> float:
    ev = evidence(reference, work, _cited=cited)
    sim = ev.combined()
    # The title veto: a clearly different cited title is only forgiven when volume and first
    # page both agree (then it is the right paper with a garbled title → compare flags it).
    if ev.title is not None and ev.title < TITLE_VETO and not (ev.volume == 1.0 and ev.pages == 1.0):
        sim = min(sim, ev.title * MATCH_THRESHOLD)
    # A wrong first author as well as a mediocre title: a different paper by other people.
    if ev.author is not None and ev.author < 0.6 and ev.title is not None and ev.title < 0.95:
        sim = min(sim, MATCH_THRESHOLD - 0.05)
    # No author to corroborate (Crossref record without authors): only a near-exact title will do.
    if ev.author is None and cited.surnames and ev.title is not None and ev.title < 0.95:
        sim = min(sim, MATCH_THRESHOLD - 0.05)
    if work.type in PERIPHERAL_TYPES:
        sim -= _PERIPHERAL_PENALTY
    if _NOTICE_RE.match(work.title) and not _NOTICE_RE.match(cited.raw_title):
        sim -= _NOTICE_PENALTY
    if cited.doi and normalize_doi(work.doi) == cited.doi:
        # The cited DOI itself: still validated (a DOI pointing at another paper must be
        # caught) but any reasonable agreement suffices.
        sim = min(1.0, sim + 0.1)
    return max(0.0, min(1.0, sim))


def similarity(reference: Reference, work: Work) -> float:
    """Validation similarity in [0, 1] of ``work`` as the cited work of ``reference``."""
    return _similarity(_prepare(reference), reference, work)


def _venue_fit(cited: _Cited, work: Work) -> float:
    """How well a record's container and year agree with the citation's (unknown counts half).

    Without a parsed journal the raw text may still name the container ("... de novo RNA design. bioRxiv.").
    """
    journal, year = _journal_score(cited, work), _year_score(cited, work)
    container = fold(work.container)
    if journal is None and container and re.search(r"(?<!\w)" + re.escape(container) + r"(?!\w)", cited.text):
        journal = 1.0
    return (0.5 if journal is None else journal) + (0.5 if year is None else year)


def choose_match(reference: Reference, candidates: Sequence[Candidate]) -> MatchDecision:
    """Rank ``candidates`` by validation similarity and decide which, if any, is the cited work.

    Candidates with a Crossref relevance score below :data:`MIN_NORMALIZED_SCORE` x the
    reference length are kept in ``ranked`` (they may be shown as nearest) but never
    accepted. Candidates with ``score=None`` (DOI look-ups, snapshot) rely on validation.

    >>> choose_match(ref, []).outcome  # doctest: +SKIP
    'none'
    """
    cited = _prepare(reference)
    length = max(1, len(reference.text or ""))
    scored: list[tuple[float, int, Candidate, bool]] = []
    seen: set[str] = set()
    for index, cand in enumerate(candidates):
        doi = normalize_doi(cand.work.doi)
        if doi and doi in seen:
            continue
        seen.add(doi)
        sim = _similarity(cited, reference, cand.work)
        eligible = cand.score is None or cand.score / length >= MIN_NORMALIZED_SCORE
        scored.append((sim, index, replace(cand, similarity=round(sim, 4)), eligible))
    scored.sort(key=lambda t: (-t[0], t[1]))
    ranked = tuple(c for _, _, c, _ in scored)
    accepted = [(s, c) for s, _, c, ok in scored if ok and s >= MATCH_THRESHOLD]
    if not accepted:
        owner = _witnessed_doi_record(cited, reference, ranked)
        return MatchDecision("matched", owner, ranked) if owner else MatchDecision("none", None, ranked)
    best_sim, best = accepted[0]
    for sim, other in accepted[1:]:
        if best_sim - sim > AMBIGUITY_MARGIN:
            break
        if not same_work(best.work, other.work):
            return MatchDecision("ambiguous", None, ranked)
    # One work under several DOIs: check the citation against the record whose container and year it
    # gives (the journal version, not the preprint), and name the others as alternates.
    records = [c for _, c in accepted if same_work(best.work, c.work)]
    # The cited DOI names its record outright; then container and year; the first of equals is the most similar.
    chosen = max(records, key=lambda c: (bool(cited.doi) and normalize_doi(c.work.doi) == cited.doi,
                                         _venue_fit(cited, c.work)))
    return MatchDecision("matched", chosen, ranked, tuple(c for c in records if c is not chosen))


def _witnessed_doi_record(cited: _Cited, reference: Reference, ranked: Sequence[Candidate]) -> Candidate | None:
    """The cited DOI's record when the reference's text holds its authors' surnames and one of its years.

    Validation reads the parsed fields; a parse that lost the authors or cut the title sinks a citation that is
    right. A DOI whose record the text names by its authors and year is the cited work, not "a different work":
    it is judged against that record (the text witness then sorts the parser's misreadings from real errors).
    """
    if not cited.doi or not reference.text:
        return None
    owner = next((c for c in ranked if normalize_doi(c.work.doi) == cited.doi), None)
    if owner is None or not {y for y in (owner.work.year, *owner.work.years) if y} & cited.years:
        return None
    return owner if TextWitness(reference.text, owner.work).has_authors() else None


def is_cited_work(reference: Reference, candidates: Sequence[Candidate]) -> bool:
    """Is the record a cited DOI led to the work the reference describes? (the resolve stage asks)"""
    return choose_match(reference, candidates).outcome == "matched"
