"""JUnit XML, for CI systems that show test results: one test case per reference and quotation.

Each document is a ``<testsuite>``. A test case fails when one of its findings
would make refcheck exit 1 (``fail_on``); a reference that could not be checked
(``unresolved``) or that the configuration ignores is skipped, unless
``fail_on_unresolved`` makes an unchecked one fail; other findings (warnings
below ``fail_on``, notes) go to ``<system-out>``. A suite whose references
could not all be checked says so first, in a ``refcheck.not_checked`` property
(and in ``<system-err>``). What the extractor left out of a reference list is a
``refcheck.skipped`` case: skipped, or failing when warnings fail the run.

>>> from refcheck.report import Report
>>> junit_xml(Report(documents=())).startswith("<?xml")
True
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..model import Finding
from ..report import DocumentReport, Report

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


FAILING: dict[str, frozenset[str]] = {
    "error": frozenset({"error"}),
    "warning": frozenset({"error", "warning"}),
    "never": frozenset(),
}


def _case(suite: ET.Element, classname: str, name: str, path: str, line: int,
          findings: list[Finding], failing: frozenset[str], skip: str | None) -> str:
    """Add one test case; returns its outcome: passed, failure or skipped."""
    case = ET.SubElement(suite, "testcase", classname=classname, name=_x(name), file=_x(path), line=str(line),
                         time="0")
    failures = [f for f in findings if f.severity in failing]
    if failures:
        first = failures[0]
        element = ET.SubElement(case, "failure", message=_x(first.message), type=first.rule)
        element.text = _x("\n".join(f"{f.severity}: {f.message}" for f in failures))
        outcome = "failure"
    elif skip is not None:
        ET.SubElement(case, "skipped", message=_x(skip))
        outcome = "skipped"
    else:
        outcome = "passed"
    others = [f for f in findings if f not in failures]
    if others:
        ET.SubElement(case, "system-out").text = _x("\n".join(f"{f.severity}: {f.message}" for f in others))
    return outcome


def _suite(parent: ET.Element, document: DocumentReport, failing: frozenset[str],
           fail_on_unresolved: bool = False) -> dict[str, int]:
    suite = ET.SubElement(parent, "testsuite", name=_x(document.path))
    headline = Report(documents=(document,)).not_checked_headline()
    if headline:  # first in the suite: its skipped cases are references nobody checked
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="refcheck.not_checked", value=_x(headline))
    findings = list(document.findings(fail_on_unresolved))
    outcomes: list[str] = []
    for result in document.references:
        ref = result.reference
        mine = [f for f in findings if f.kind == "reference" and f.subject == ref.key and f.line == ref.line]
        skip = None
        if result.ignored is not None:
            skip = f"ignored: {result.ignored}"
        elif result.status == "unresolved" and not fail_on_unresolved:
            skip = f"could not be checked: {result.reason or 'unknown reason'}"
        # Asked to fail on them, an unchecked reference fails whatever fail_on says (as the exit code does).
        unchecked_fails = fail_on_unresolved and result.status == "unresolved" and result.ignored is None
        outcomes.append(_case(suite, "refcheck.references", f"{ref.key} (line {ref.line})", document.path,
                              ref.line, mine, failing | {"error"} if unchecked_fails else failing, skip))
    for quote in document.quotes:
        mine = [f for f in findings if f.kind == "quote" and f.subject == quote.text and f.line == quote.line]
        words = quote.text if len(quote.text) <= 60 else quote.text[:57] + "…"
        outcomes.append(_case(suite, "refcheck.quotes", f"{quote.attributed_to}: “{words}” (line {quote.line})",
                              document.path, quote.line, mine, failing, None))
    for entry in document.skipped:
        # Left out of a reference list: a skipped case (failing when warnings fail the run), never dropped.
        mine = [f for f in findings if f.kind == "extract" and f.line == entry.line and f.subject == entry.text]
        words = entry.text if len(entry.text) <= 60 else entry.text[:57] + "…"
        outcomes.append(_case(suite, "refcheck.skipped", f"not read as a reference: “{words}” (line {entry.line})",
                              document.path, entry.line, mine, failing, entry.reason))
    counts = {"tests": len(outcomes), "failures": outcomes.count("failure"), "errors": 0,
              "skipped": outcomes.count("skipped")}
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", "0")
    if headline:
        ET.SubElement(suite, "system-err").text = _x(headline)
    return counts


def junit_xml(report: Report) -> str:
    """The report as a JUnit XML document (a string)."""
    root = ET.Element("testsuites", name="refcheck")
    failing = FAILING.get(report.fail_on, FAILING["error"])
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for document in report.documents:
        for key, value in _suite(root, document, failing, report.fail_on_unresolved).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render_junit(report: Report, stream: TextIO) -> None:
    stream.write(junit_xml(report))
