"""The small immutable data types that flow between refcheck's stages.

document → extract → parse → resolve → compare → report:

* :class:`RawReference` — one entry of a document's reference list, as written.
* :class:`SkippedEntry` — text under a references heading not read as a reference, and why.
* :class:`ExtractedDocument` — a document split into its reference list and body text.
* :class:`Reference` — a parsed reference (BibTeX fields) with its provenance.
* :class:`Work` — a bibliographic record from Crossref (or the snapshot).
* :class:`Candidate` — a work offered for a reference, with its scores.
* :class:`Problem` — one thing a citation gets wrong (a field finding).
* :class:`ReferenceResult` — the verdict for one reference.
* :class:`QuoteResult` — the verdict for one attributed quotation.
* :class:`DocumentReport` / :class:`Report` — everything refcheck found (see ``report.py``).

Every type carries its source line and raw text, so provenance survives to the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, get_args

Format = Literal["text", "markdown", "html", "latex", "bibtex"]
FORMATS: tuple[Format, ...] = get_args(Format)

Status = Literal["verified", "mismatch", "not_found", "unverifiable", "ambiguous", "unresolved"]
STATUSES: tuple[Status, ...] = get_args(Status)

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)

ProblemField = Literal[
    "title", "author", "year", "journal", "volume", "issue", "pages", "doi", "publisher", "type", "retraction"
]
PROBLEM_FIELDS: tuple[ProblemField, ...] = get_args(ProblemField)

MatchSource = Literal["crossref", "cache", "snapshot"]

QuoteStatus = Literal["misattributed", "attribution_mismatch", "paraphrase", "genuine", "unverified", "disputed"]


@dataclass(frozen=True)
class RawReference:
    """One entry of a reference list, before parsing.

    ``text`` is the entry as plain text (markup removed, wrapped lines joined, the
    list number or bullet dropped); ``raw`` is the exact slice of the source;
    ``line`` is the 1-based line where the entry starts. For ``.bib`` input the
    entry is already structured: ``fields`` holds its BibTeX fields and
    ``entry_type``/``key`` its type and key.
    """

    text: str
    line: int
    raw: str = ""
    entry_type: str | None = None
    key: str | None = None
    fields: Mapping[str, str] | None = None
    # "list": an entry of a reference list; "link": a link in the body (a DOI, PubMed, PMC or
    # arXiv link), whose ``text`` is the link text and ``fields`` what that text claims.
    origin: str = "list"


@dataclass(frozen=True)
class SkippedEntry:
    """Text under a references heading that extraction did not read as a reference.

    Failures are data: what is left out of a list is carried to the report (a
    warning in every format) instead of vanishing. ``line`` is 1-based; ``text``
    the entry as plain text; ``reason`` says why it was left out; ``raw`` is the
    source slice. A heading with nothing read under it is one of these too.
    """

    line: int
    text: str
    reason: str
    raw: str = ""


@dataclass(frozen=True)
class ExtractedDocument:
    """A document split into its reference list and the rest.

    ``body`` is every line that is not part of a reference list, with markup
    removed where cheap; it keeps the source's line breaks so that line *n* of
    ``body`` is line *n* of the source (reference lines are left blank).
    ``skipped`` lists what lay under a references heading but was not read as
    a reference, in source order.
    """

    format: str
    references: tuple[RawReference, ...]
    body: str
    path: str | None = None
    skipped: tuple[SkippedEntry, ...] = ()
    # References made by linking, outside the list (see refcheck.extract.links); checked with it.
    links: tuple[RawReference, ...] = ()


@dataclass(frozen=True)
class Reference:
    """A parsed reference: BibTeX entry type, key and fields, plus provenance."""

    key: str
    entry_type: str
    fields: Mapping[str, str]
    text: str
    line: int
    # The extracted entry this was parsed from: its exact slice of the source, which is what
    # ``--fix`` edits, so fixing needs no second extraction.
    source: RawReference | None = field(default=None, compare=False, repr=False)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def origin(self) -> str:
        """``list`` for a reference-list entry, ``link`` for a link in the body."""
        return self.source.origin if self.source is not None else "list"


@dataclass(frozen=True)
class Author:
    family: str
    given: str = ""

    def __str__(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True)
class Work:
    """A bibliographic record, normalised from a Crossref ``message`` object.

    ``years`` holds every publication year Crossref gives (issued, print,
    online), so a citation of the print year of an online-first paper is not
    called wrong. ``retracted``: the work was retracted, withdrawn or removed, or
    is itself a retraction notice; ``retraction`` says which of the first three
    ("retracted", "withdrawn", "removed"; empty when unknown). ``same_work_dois``:
    the DOIs Crossref's ``relation`` names as this same work (its preprint, its
    journal version, an identical copy). ``record`` keeps the original message
    for the snapshot.
    """

    doi: str
    title: str
    subtitle: str = ""
    authors: tuple[Author, ...] = ()
    year: int | None = None
    years: tuple[int, ...] = ()
    container: str = ""
    short_containers: tuple[str, ...] = ()
    volume: str = ""
    issue: str = ""
    pages: str = ""
    article_number: str = ""
    type: str = ""
    publisher: str = ""
    isbn: tuple[str, ...] = ()
    retracted: bool = False
    retraction: str = ""
    same_work_dois: tuple[str, ...] = ()
    record: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def describe(self) -> str:
        """One line naming the work, for messages.

        >>> Work("10.1038/nm.4050", "Synaptic plasticity and depression", authors=(Author("Duman"),
        ...      Author("Aghajanian"), Author("Sanacora")), year=2016, container="Nature Medicine").describe()
        'Duman et al. 2016, “Synaptic plasticity and depression”, Nature Medicine, doi:10.1038/nm.4050'
        """
        names = [a.family for a in self.authors if a.family]
        who = ""
        if names:
            who = names[0] + (" et al." if len(names) > 2 else f" & {names[1]}" if len(names) == 2 else "")
        parts = (f"{who} {self.year or ''}".strip(), f"“{self.title}”" if self.title else "", self.container,
                 f"doi:{self.doi}" if self.doi else "")
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Candidate:
    """A work offered as the match for a reference.

    ``score`` is Crossref's raw relevance score (None for DOI look-ups and some
    snapshot hits); ``similarity`` is refcheck's validation score in [0, 1].
    """

    work: Work
    score: float | None = None
    similarity: float = 0.0
    source: MatchSource = "crossref"


@dataclass(frozen=True)
class Problem:
    """One thing a citation gets wrong, compared with the matched work."""

    field: ProblemField
    cited: str
    found: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class ReferenceResult:
    """The verdict for one reference.

    ``alternates``: other Crossref records of the matched work (its preprint, a
    JSTOR copy); the citation was checked against ``match``, the one whose
    container and year it gives.
    """

    reference: Reference
    status: Status
    match: Candidate | None = None
    candidates: tuple[Candidate, ...] = ()
    alternates: tuple[Candidate, ...] = ()
    problems: tuple[Problem, ...] = ()
    retracted: bool = False
    reason: str = ""
    suggested_bibtex: str | None = None
    ignored: str | None = None  # the reason given in the `ignore` option, if silenced

    @property
    def has_error(self) -> bool:
        if self.ignored is not None:
            return False
        if any(p.severity == "error" for p in self.problems):
            return True
        return self.status == "not_found" and self.reference.entry_type in ARTICLE_TYPES


ARTICLE_TYPES: frozenset[str] = frozenset({"article", "inproceedings"})


@dataclass(frozen=True)
class QuoteResult:
    """The verdict for one quotation attributed to a person."""

    line: int
    text: str
    attributed_to: str
    status: QuoteStatus
    table_id: str | None = None
    actual_source: str = ""
    evidence: str = ""
    severity: Severity = "warning"
    raw: str = ""

    @property
    def has_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Finding:
    """One reportable item, flattened for line-oriented formats (annotations, SARIF, JUnit).

    ``kind`` is ``reference`` or ``quote``; ``rule`` is the status or problem
    field (``not_found``, ``year``, ``misattributed``...).
    """

    path: str
    line: int
    kind: str
    rule: str
    severity: Severity
    message: str
    subject: str = ""  # the citation key or the quote text


@dataclass(frozen=True)
class Venue:
    """A journal as Crossref's ``/journals`` endpoint describes it (or a snapshot's copy of that).

    ``dois_by_year`` is Crossref's ``breakdowns.dois-by-issued-year``: (year, DOIs issued that
    year) pairs — the evidence that Crossref would hold a paper of that journal and year.

    >>> Venue("Biological Psychiatry", ("0006-3223",), ((2017, 812),)).dois_in(2017)
    812
    """

    title: str
    issns: tuple[str, ...] = ()
    dois_by_year: tuple[tuple[int, int], ...] = ()
    total_dois: int = 0
    source: str = "crossref"
    record: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def dois_in(self, year: int) -> int:
        """How many DOIs Crossref lists for works of this journal issued in ``year``."""
        return sum(count for issued, count in self.dois_by_year if issued == year)


@dataclass(frozen=True)
class Lookup:
    """What the resolve stage fetched for one reference, before any judgement.

    ``by_doi``: the cited DOI was looked up; ``doi_not_found``: Crossref does not
    know the cited DOI (the candidates then come from a bibliographic search);
    ``error``: non-empty when the reference could not be resolved (offline and
    not cached, timeout, bad response...), with the reason.
    """

    candidates: tuple[Candidate, ...] = ()
    by_doi: bool = False
    doi_not_found: bool = False
    error: str = ""
    source: str = "crossref"
    # Crossref's journals named like the cited venue, fetched only for a reference no record matched:
    # the evidence that Crossref would hold the work if it existed (see judge/venues.py).
    venues: tuple[Venue, ...] = ()
