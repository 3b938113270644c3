"""A Markdown report a person can read in a pull request or a job summary.

Problems first, in a table per document; verified references folded away in a
``<details>`` block.

>>> from refcheck.report import Report
>>> print(markdown_report(Report(documents=())).splitlines()[0])
## refcheck: ✅ passed
"""

from __future__ import annotations

from typing import TextIO

from ..model import QuoteResult, ReferenceResult
from ..report import Report, _status_severity, status_message

MARK = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
QUOTE_OK = frozenset({"genuine"})


def cell(text: str) -> str:
    """Text made safe for a table cell: one line, pipes and markup escaped."""
    text = " ".join(str(text).split())
    for char in ("\\", "|", "<", ">", "*", "_", "`", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


def _code(text: str) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if text else ""


def _worst(result: ReferenceResult) -> str:
    levels = [_status_severity(result)] + [p.severity for p in result.problems]
    for level in ("error", "warning", "info"):
        if level in levels:
            return level
    return "info"


def _flagged(result: ReferenceResult) -> bool:
    return result.status != "verified" or bool(result.problems) or result.retracted


def _reference_row(result: ReferenceResult) -> str:
    ref = result.reference
    level = _worst(result)
    details = [status_message(result)]
    details += [f"{p.field}: {p.message}" for p in result.problems]
    if result.match is not None and result.status != "verified":
        details.append("matched: " + result.match.work.describe())
    details += ["also registered as: " + c.work.describe() for c in result.alternates]
    text = "<br>".join(cell(d) for d in details)
    verdict = f"{MARK[level]} {'retracted' if result.retracted else result.status.replace('_', ' ')}"
    return f"| {ref.line} | {_code(ref.key)} | {verdict} | {text} |"


def _quote_row(quote: QuoteResult) -> str:
    level = quote.severity if quote.severity in MARK else "warning"
    text = f"“{quote.text}” — {quote.attributed_to}"
    if quote.actual_source:
        text += f". Actual source: {quote.actual_source}"
    return f"| {quote.line} | {cell(text)} | {MARK[level]} {quote.status.replace('_', ' ')} |"


def markdown_report(report: Report) -> str:
    """The whole report as one Markdown string."""
    s = report.summary()
    headline = "; ".join(h for h in (report.not_checked_headline(), report.skipped_headline()) if h)
    if headline:  # said first: references nobody checked (or read) are no pass
        head = f"⚠️ {headline}" if report.ok else f"❌ failed; {headline}"
    else:
        head = "✅ passed" if report.ok else "❌ failed"
    lines = [f"## refcheck: {head}", ""]
    counts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in s["by_status"].items() if n)
    lines.append(f"{s['documents']} document(s), {s['references']} reference(s)"
                 f"{' (' + counts + ')' if counts else ''}, {s['quotes']} quotation(s): "
                 f"**{s['errors']} error(s), {s['warnings']} warning(s)**"
                 f"{', ' + str(s['retracted']) + ' retracted' if s['retracted'] else ''}"
                 f"{', ' + str(s['ignored']) + ' ignored' if s['ignored'] else ''}"
                 f"{', ' + str(s['skipped']) + ' skipped' if s['skipped'] else ''}.")
    for document in report.documents:
        lines += ["", f"### {_code(document.path)}", ""]
        flagged = [r for r in document.references if r.ignored is None and _flagged(r)]
        verified = [r for r in document.references if r.ignored is None and not _flagged(r)]
        ignored = [r for r in document.references if r.ignored is not None]
        quotes = [q for q in document.quotes if q.status not in QUOTE_OK]
        if not document.references:
            lines.append("No references read." if document.skipped else "No reference list found.")
        elif not flagged:
            lines.append(f"All {len(verified)} reference(s) verified.")
        else:
            lines += ["| Line | Reference | Verdict | Details |", "| ---: | --- | --- | --- |"]
            lines += [_reference_row(r) for r in flagged]
        if document.skipped:
            lines += ["", f"{MARK['warning']} Skipped under a references heading (not checked):", "",
                      "| Line | Text | Reason |", "| ---: | --- | --- |"]
            lines += [f"| {e.line} | {cell(e.text)} | {cell(e.reason)} |" for e in document.skipped]
        if quotes:
            lines += ["", "| Line | Quotation | Verdict |", "| ---: | --- | --- |"]
            lines += [_quote_row(q) for q in quotes]
        if verified and flagged:
            lines += ["", f"<details><summary>{len(verified)} verified reference(s)</summary>", ""]
            lines += [f"- line {r.reference.line}: {_code(r.reference.key)} — "
                      f"{cell(r.match.work.describe()) if r.match else 'verified'}" for r in verified]
            lines += ["", "</details>"]
        if ignored:
            lines += ["", f"<details><summary>{len(ignored)} ignored reference(s)</summary>", ""]
            lines += [f"- line {r.reference.line}: {_code(r.reference.key)} — {cell(r.ignored or '')}"
                      for r in ignored]
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def render_markdown(report: Report, stream: TextIO) -> None:
    stream.write(markdown_report(report))
