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

from . import __version__
from .model import ARTICLE_TYPES, STATUSES, Finding, QuoteResult, ReferenceResult

if TYPE_CHECKING:
    from .fix import FixOutcome

SCHEMA = "refcheck-report/1"

# What each verdict means for the exit code and annotations.
STATUS_SEVERITY: dict[str, str] = {
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


def _status_severity(result: ReferenceResult) -> str:
    if result.status == "not_found" and result.reference.entry_type not in ARTICLE_TYPES:
        return "warning"
    return STATUS_SEVERITY.get(result.status, "warning")


def status_message(result: ReferenceResult) -> str:
    doi = result.match.work.doi if result.match else ""
    message = STATUS_MESSAGES.get(result.status, result.status).format(doi=doi, reason=result.reason or "unknown")
    if result.status == "not_found":
        if result.reference.entry_type in ARTICLE_TYPES:
            message += " — likely fabricated"
        if result.candidates:
            message += "; nearest: " + result.candidates[0].work.describe()
    return message


@dataclass(frozen=True)
class DocumentReport:
    """Everything refcheck found in one document."""

    path: str
    references: tuple[ReferenceResult, ...] = ()
    quotes: tuple[QuoteResult, ...] = ()
    format: str = "text"
    fix: FixOutcome | None = None  # what ``--fix`` / ``fix=True`` did to the file, when asked

    def findings(self) -> Iterator[Finding]:
        for result in self.references:
            if result.ignored is not None:
                continue
            ref = result.reference
            severity = _status_severity(result)
            # A mismatch is reported through its problems; other verdicts speak for themselves.
            if result.status not in ("verified", "mismatch"):
                yield Finding(self.path, ref.line, "reference", result.status, severity,
                              f"[{ref.key}] {status_message(result)}", ref.key)
            for problem in result.problems:
                yield Finding(self.path, ref.line, "reference", problem.field, problem.severity,
                              f"[{ref.key}] {problem.message}", ref.key)
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

    ``ok`` is true when nothing reaches the ``fail_on`` level; ``exit_code`` is
    what the command line exits with (0 or 1).
    """

    documents: tuple[DocumentReport, ...]
    fail_on: str = "error"
    tool_version: str = field(default=__version__)

    def __iter__(self) -> Iterator[Finding]:
        for document in self.documents:
            yield from document.findings()

    @property
    def references(self) -> list[ReferenceResult]:
        return [r for d in self.documents for r in d.references]

    @property
    def quotes(self) -> list[QuoteResult]:
        return [q for d in self.documents for q in d.quotes]

    @property
    def ok(self) -> bool:
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
            "documents": len(self.documents),
            "references": len(self.references),
            "by_status": {s: statuses.get(s, 0) for s in STATUSES},
            "retracted": sum(1 for r in self.references if r.retracted),
            "ignored": sum(1 for r in self.references if r.ignored is not None),
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
    from .parse import references_to_bibtex

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
        "line": ref.line,
        "text": ref.text,
        "bibtex": references_to_bibtex([ref]).strip(),
        "status": result.status,
        "reason": result.reason or None,
        "match": match,
        "candidates": [_candidate_to_dict(c) for c in result.candidates],
        "problems": [
            {"field": p.field, "cited": p.cited, "found": p.found, "severity": p.severity, "message": p.message}
            for p in result.problems
        ],
        "retracted": result.retracted,
        "suggested_bibtex": result.suggested_bibtex,
        "ignored": result.ignored,
    }


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
