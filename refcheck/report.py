"""The report: what refcheck found, and its JSON contract (``refcheck-report/1``).

A :class:`Report` holds one :class:`DocumentReport` per document; iterating over
it yields flattened :class:`~refcheck.model.Finding` items, which every
line-oriented output format (text, GitHub, SARIF, JUnit) renders.

>>> report = Report(documents=())
>>> report.ok, report.exit_code
(True, 0)
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from ._version import __version__
from .model import ARTICLE_TYPES, STATUSES, Finding, QuoteResult, ReferenceResult, Severity, SkippedEntry, Status

if TYPE_CHECKING:
    from .fix import FixOutcome

SCHEMA = "refcheck-report/1"

# What each verdict means for the exit code and annotations.
STATUS_SEVERITY: dict[Status, Severity] = {
    "verified": "info",
    "mismatch": "error",
    "not_found": "error",  # articles only; see _status_severity
    "unverifiable": "info",
    "ambiguous": "warning",
    "unresolved": "warning",
}

STATUS_MESSAGES: dict[str, str] = {
    "verified": "verified against {doi}",
    "mismatch": "a real work cited with wrong details: {doi}",
    "not_found": "no matching record in Crossref",
    "unverifiable": "not in Crossref (books and grey literature often are not): could not verify",
    "ambiguous": "several records match equally well",
    "unresolved": "could not be checked: {reason}",
}


def _status_severity(result: ReferenceResult) -> Severity:
    if result.status == "not_found" and result.reference.entry_type not in ARTICLE_TYPES:
        return "warning"
    return STATUS_SEVERITY.get(result.status, "warning")


# An unresolved reference's reason, by its start → the cause a summary names (reasons carry details
# such as "after 3 tries" that would split one cause into many).
NOT_CHECKED_CAUSES: tuple[tuple[str, str], ...] = (
    ("crossref unreachable", "Crossref unreachable"),
    ("connection failed", "Crossref unreachable"),
    ("request failed", "Crossref unreachable"),
    ("timeout", "Crossref did not answer in time"),
    ("offline and not cached", "offline and not cached"),
    ("rate limited", "Crossref rate limit"),
    ("http ", "Crossref server errors"),
    ("bad response", "bad responses from Crossref"),
    ("redirect loop", "bad responses from Crossref"),
    ("internal error", "internal error"),
)


def not_checked_cause(reason: str) -> str:
    """The cause of an unresolved reference, in a few words, for the summary.

    >>> not_checked_cause("Crossref unreachable (connection failed after 3 tries, 3 calls in a row): not asked again")
    'Crossref unreachable'
    """
    folded = reason.strip().lower()
    for start, cause in NOT_CHECKED_CAUSES:
        if folded.startswith(start):
            return cause
    return reason.strip() or "unknown reason"


def status_message(result: ReferenceResult) -> str:
    if result.reference.origin == "link" and result.status in ("unverifiable", "not_found") and result.reason:
        return result.reason  # says what kind of link it is, which the generic message would not
    if result.status == "unverifiable" and result.reference.entry_type in ARTICLE_TYPES and result.reason:
        return result.reason  # why a miss at this venue proves nothing ("not in Crossref, and there is no evidence...")
    doi = result.match.work.doi if result.match else ""
    message = STATUS_MESSAGES.get(result.status, result.status).format(doi=doi, reason=result.reason or "unknown")
    if result.status == "not_found":
        if result.reference.entry_type in ARTICLE_TYPES:
            message += " — likely fabricated"
        if result.candidates:
            message += "; nearest: " + result.candidates[0].work.describe()
    return message


def skipped_message(entry: SkippedEntry, limit: int = 160) -> str:
    """What a skipped entry's warning says: the reason, then the text it was about.

    >>> skipped_message(SkippedEntry(4, "See also my older post.", "left out of the reference list: reads as prose"))
    'left out of the reference list: reads as prose: “See also my older post.”'
    """
    text = entry.text if len(entry.text) <= limit else entry.text[:limit - 1] + "…"
    return f"{entry.reason}: “{text}”"


def is_empty_heading(entry: SkippedEntry) -> bool:
    from .extract.listing import REASON_EMPTY_HEADING

    return entry.reason == REASON_EMPTY_HEADING


@dataclass(frozen=True)
class DocumentReport:
    """Everything refcheck found in one document.

    ``skipped`` is what lay under a references heading but was not read as a
    reference (each a warning), so a list the extractor could not read never
    passes silently.
    """

    path: str
    references: tuple[ReferenceResult, ...] = ()
    quotes: tuple[QuoteResult, ...] = ()
    format: str = "text"
    fix: FixOutcome | None = None  # what ``--fix`` / ``fix=True`` did to the file, when asked
    skipped: tuple[SkippedEntry, ...] = ()

    def findings(self, fail_on_unresolved: bool = False) -> Iterator[Finding]:
        """Flattened findings; with ``fail_on_unresolved`` a reference that could not be checked is an error."""
        for result in self.references:
            if result.ignored is not None:
                continue
            ref = result.reference
            severity = _status_severity(result)
            if fail_on_unresolved and result.status == "unresolved":
                severity = "error"
            # A mismatch is reported through its problems; other verdicts speak for themselves.
            if result.status not in ("verified", "mismatch"):
                yield Finding(self.path, ref.line, "reference", result.status, severity,
                              f"[{ref.key}] {status_message(result)}", ref.key)
            for problem in result.problems:
                yield Finding(self.path, ref.line, "reference", problem.field, problem.severity,
                              f"[{ref.key}] {problem.message}", ref.key)
        for entry in self.skipped:
            yield Finding(self.path, entry.line, "extract", "skipped", "warning", skipped_message(entry), entry.text)
        for quote in self.quotes:
            if quote.status == "genuine":
                continue
            source = f" Actual source: {quote.actual_source}." if quote.actual_source else ""
            yield Finding(self.path, quote.line, "quote", quote.status, quote.severity,
                          f"quote attributed to {quote.attributed_to} is {quote.status.replace('_', ' ')}: "
                          f"“{quote.text}”.{source}", quote.text)


@dataclass(frozen=True)
class Report:
    """The result of a check over one or more documents.

    ``ok`` is true when nothing reaches the ``fail_on`` level and, with
    ``fail_on_unresolved``, every reference could be checked; ``exit_code`` is
    what the command line exits with (0 or 1). ``ok`` alone is no pass: a run
    whose references could not be checked says so in :meth:`not_checked_headline`.
    """

    documents: tuple[DocumentReport, ...]
    fail_on: str = "error"
    tool_version: str = field(default=__version__)
    # A CI job's choice: references that could not be checked fail the run (whatever ``fail_on``).
    fail_on_unresolved: bool = False

    def __iter__(self) -> Iterator[Finding]:
        for document in self.documents:
            yield from document.findings(self.fail_on_unresolved)

    @property
    def not_checked(self) -> list[ReferenceResult]:
        """References that could not be checked (Crossref unreachable, offline and not cached...).

        Ignored ones are left out: the configuration already said not to mind them.
        """
        return [r for r in self.references if r.status == "unresolved" and r.ignored is None]

    def not_checked_causes(self) -> dict[str, int]:
        """Cause → how many references it left unchecked, most frequent first."""
        causes = Counter(not_checked_cause(r.reason) for r in self.not_checked)
        return dict(causes.most_common())

    def not_checked_headline(self) -> str:
        """What every format says first when references could not be checked; empty when all were.

        >>> Report(documents=()).not_checked_headline()
        ''
        """
        causes = self.not_checked_causes()
        if not causes:
            return ""
        count = sum(causes.values())
        why = next(iter(causes)) if len(causes) == 1 else "; ".join(f"{c} ({n})" for c, n in causes.items())
        return f"{count} of {len(self.references)} references NOT CHECKED: {why}"

    @property
    def references(self) -> list[ReferenceResult]:
        return [r for d in self.documents for r in d.references]

    @property
    def skipped(self) -> list[SkippedEntry]:
        """Everything left out of a reference list, in every document."""
        return [e for d in self.documents for e in d.skipped]

    def skipped_headline(self) -> str:
        """What every format says when something under a references heading was not read; empty otherwise.

        >>> Report(documents=()).skipped_headline()
        ''
        """
        headings = sum(1 for e in self.skipped if is_empty_heading(e))
        entries = len(self.skipped) - headings
        parts = []
        if entries:
            parts.append(f"{entries} entr{'y' if entries == 1 else 'ies'} under a references heading NOT READ "
                         "as references (skipped)")
        if headings:
            parts.append(f"{headings} references heading{'' if headings == 1 else 's'} with NO REFERENCES read "
                         "under {}".format("it" if headings == 1 else "them"))
        return "; ".join(parts)

    @property
    def quotes(self) -> list[QuoteResult]:
        return [q for d in self.documents for q in d.quotes]

    @property
    def ok(self) -> bool:
        if self.fail_on_unresolved and self.not_checked:
            return False
        if self.fail_on == "never":
            return True
        failing = {"error"} if self.fail_on == "error" else {"error", "warning"}
        return not any(f.severity in failing for f in self)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def summary(self) -> dict[str, Any]:
        statuses = Counter(r.status for r in self.references)
        quote_statuses = Counter(q.status for q in self.quotes)
        severities = Counter(f.severity for f in self)
        return {
            # Said first: a run that could not check its references must not read as a pass.
            "not_checked": len(self.not_checked),
            "not_checked_causes": self.not_checked_causes(),
            "headline": self.not_checked_headline() or None,
            "documents": len(self.documents),
            "references": len(self.references),
            "by_status": {s: statuses.get(s, 0) for s in STATUSES},
            "retracted": sum(1 for r in self.references if r.retracted),
            "ignored": sum(1 for r in self.references if r.ignored is not None),
            "skipped": len(self.skipped),
            "quotes": len(self.quotes),
            "quotes_by_status": dict(sorted(quote_statuses.items())),
            "errors": severities.get("error", 0),
            "warnings": severities.get("warning", 0),
            "ok": self.ok,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "tool": {"name": "refcheck", "version": self.tool_version},
            "documents": [
                {
                    "path": d.path,
                    "references": [reference_to_dict(r) for r in d.references],
                    "quotes": [quote_to_dict(q) for q in d.quotes],
                    "skipped": [skipped_to_dict(e) for e in d.skipped],
                }
                for d in self.documents
            ],
            "summary": self.summary(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _candidate_to_dict(candidate: Any) -> dict[str, Any]:
    work = candidate.work
    return {
        "doi": work.doi,
        "title": work.title,
        "authors": [str(a) for a in work.authors],
        "year": work.year,
        "container": work.container,
        "score": candidate.score,
    }


def reference_to_dict(result: ReferenceResult) -> dict[str, Any]:
    from .bibtex import references_to_bibtex

    ref = result.reference
    match = None
    if result.match is not None:
        match = {
            "doi": result.match.work.doi,
            "title": result.match.work.title,
            "score": result.match.score if result.match.score is not None else round(result.match.similarity, 4),
            "source": result.match.source,
        }
    return {
        "id": ref.key,
        "origin": ref.origin,  # "list" (a reference-list entry) or "link" (a link in the body)
        "line": ref.line,
        "text": ref.text,
        "bibtex": references_to_bibtex([ref]).strip(),
        "status": result.status,
        "reason": result.reason or None,
        "match": match,
        "candidates": [_candidate_to_dict(c) for c in result.candidates],
        "alternates": [_candidate_to_dict(c) for c in result.alternates],
        "problems": [
            {"field": p.field, "cited": p.cited, "found": p.found, "severity": p.severity, "message": p.message}
            for p in result.problems
        ],
        "retracted": result.retracted,
        "suggested_bibtex": result.suggested_bibtex,
        "ignored": result.ignored,
    }


def skipped_to_dict(entry: SkippedEntry) -> dict[str, Any]:
    return {"line": entry.line, "text": entry.text, "reason": entry.reason}


def quote_to_dict(quote: QuoteResult) -> dict[str, Any]:
    return {
        "line": quote.line,
        "text": quote.text,
        "attributed_to": quote.attributed_to,
        "status": quote.status,
        "table_id": quote.table_id,
        "actual_source": quote.actual_source or None,
        "evidence": quote.evidence or None,
        "severity": quote.severity,
    }
