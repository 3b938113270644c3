"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

One rule per reference status, per field a citation can get wrong, and per
quotation status; one result per finding, located by file and start line.

>>> from refcheck.report import Report
>>> sarif_log(Report(documents=()))["version"]
'2.1.0'
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from ..model import PROBLEM_FIELDS, STATUSES, Finding
from ..report import STATUS_SEVERITY, Report

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS: dict[str, str] = {"error": "error", "warning": "warning", "info": "note"}
NOT_FILES = frozenset({"-", "<stdin>", "<text>"})

QUOTE_STATUSES: dict[str, tuple[str, str]] = {
    "misattributed": ("error", "The quotation is attributed to someone who did not say or write it."),
    "attribution_mismatch": ("error", "The quotation is real but its source differs from the one given."),
    "paraphrase": ("warning", "The quoted words are a paraphrase, not the original wording."),
    "disputed": ("warning", "The attribution of this quotation is disputed."),
    "unverified": ("warning", "The quotation is not in the curated table: could not verify it."),
    "genuine": ("note", "The quotation and its attribution match the curated table."),
}

STATUS_DESCRIPTIONS: dict[str, str] = {
    "verified": "The reference matches a Crossref record.",
    "mismatch": "The reference names a real work but gets some of its details wrong.",
    "not_found": "No Crossref record matches the reference: for a journal article, likely fabricated.",
    "unverifiable": "The work is not in Crossref (books and grey literature often are not).",
    "ambiguous": "Several Crossref records match the reference equally well.",
    "unresolved": "The reference could not be checked (offline, timeout, bad response).",
}


def _rule_name(text: str) -> str:
    return "".join(part.capitalize() for part in text.split("_"))


def rules() -> list[dict[str, Any]]:
    """Every rule refcheck can report, in a fixed order (so ruleIndex is stable)."""
    out: list[dict[str, Any]] = []
    for status in STATUSES:
        level = STATUS_SEVERITY.get(status, "warning")
        out.append({
            "id": f"reference/{status}",
            "name": "Reference" + _rule_name(status),
            "shortDescription": {"text": f"Reference {status.replace('_', ' ')}"},
            "fullDescription": {"text": STATUS_DESCRIPTIONS.get(status, status)},
            "defaultConfiguration": {"level": LEVELS[level]},
            "properties": {"tags": ["reference", "status"]},
        })
    for field in PROBLEM_FIELDS:
        text = ("The cited work has been retracted." if field == "retraction"
                else f"The cited {field} differs from the matched Crossref record.")
        out.append({
            "id": f"reference/{field}",
            "name": "Reference" + _rule_name(field),
            "shortDescription": {"text": f"Reference {field}" + (" differs" if field != "retraction" else "")},
            "fullDescription": {"text": text},
            "defaultConfiguration": {"level": "error" if field == "retraction" else "warning"},
            "properties": {"tags": ["reference", "field"]},
        })
    for quote_status, (quote_level, text) in QUOTE_STATUSES.items():  # SARIF levels, 'note' for info
        out.append({
            "id": f"quote/{quote_status}",
            "name": "Quote" + _rule_name(quote_status),
            "shortDescription": {"text": f"Quotation {quote_status.replace('_', ' ')}"},
            "fullDescription": {"text": text},
            "defaultConfiguration": {"level": quote_level},
            "properties": {"tags": ["quotation"]},
        })
    # Last, so the indices of the rules above stay as they were.
    out.append({
        "id": "extract/skipped",
        "name": "EntrySkipped",
        "shortDescription": {"text": "Entry under a references heading not read as a reference"},
        "fullDescription": {"text": "Text under a references heading that was not read as a reference, so it was "
                                    "not checked; or a references heading with nothing read under it."},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["reference", "extraction"]},
    })
    return out


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative paths against %SRCROOT%, absolute ones as file: URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri(), None
    return quote(PurePosixPath(p.as_posix()).as_posix(), safe="/"), "%SRCROOT%"


def _fingerprint(finding: Finding) -> str:
    key = "\x1f".join((finding.path, finding.kind, finding.rule, finding.subject))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    rule_id = f"{finding.kind}/{finding.rule}"
    out: dict[str, Any] = {
        "ruleId": rule_id,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "partialFingerprints": {"refcheckFinding/v1": _fingerprint(finding)},
    }
    if finding.path not in NOT_FILES:  # standard input has no file to point at
        uri, base = artifact_uri(finding.path)
        location: dict[str, Any] = {"uri": uri}
        if base:
            location["uriBaseId"] = base
        out["locations"] = [{"physicalLocation": {"artifactLocation": location,
                                                  "region": {"startLine": max(finding.line, 1)}}}]
    if rule_id in index:
        out["ruleIndex"] = index[rule_id]
    return out


def _invocation(report: Report) -> dict[str, Any]:
    """The run's invocation; references that could not be checked are a tool notification on it."""
    invocation: dict[str, Any] = {"executionSuccessful": True, "exitCode": report.exit_code}
    headline = report.not_checked_headline()
    if headline:
        invocation["toolExecutionNotifications"] = [{
            "level": "error" if report.fail_on_unresolved else "warning",
            "message": {"text": headline},
            "descriptor": {"id": "references-not-checked"},
            "properties": {"notChecked": len(report.not_checked), "causes": report.not_checked_causes()},
        }]
    return invocation


def sarif_log(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a dict ready for ``json.dump``)."""
    table = rules()
    index = {rule["id"]: n for n, rule in enumerate(table)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "refcheck",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "rules": table,
            }},
            "invocations": [_invocation(report)],
            "columnKind": "unicodeCodePoints",
            "results": [result(f, index) for f in report],
        }],
    }


def render_sarif(report: Report, stream: TextIO) -> None:
    json.dump(sarif_log(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
