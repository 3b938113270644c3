"""GitHub Actions workflow commands: one annotation per finding, plus a job summary.

Each finding becomes ``::error file=…,line=…,title=…::message`` (``warning``
and ``notice`` for the lower severities), which GitHub shows on the pull
request's diff. When ``$GITHUB_STEP_SUMMARY`` is set, the Markdown report is
appended to it, so it appears on the run's summary page.

>>> escape_property("a, b: 100%")
'a%2C b%3A 100%25'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, TextIO

from ..model import Finding
from ..report import Report

LEVELS: dict[str, str] = {"error": "error", "warning": "warning", "info": "notice"}
NOT_FILES = frozenset({"-", "<stdin>", "<text>"})


def escape_data(text: str) -> str:
    """Escape a command's message, per GitHub's workflow-command rules."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file``, ``title``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str, environ: Mapping[str, str] | None = None) -> str:
    """The path GitHub wants: relative to the workspace, with forward slashes."""
    environ = os.environ if environ is None else environ
    workspace = environ.get("GITHUB_WORKSPACE")
    p = Path(path)
    if workspace and p.is_absolute():
        try:
            p = p.relative_to(Path(workspace).absolute())
        except ValueError:
            pass
    return p.as_posix()


def annotation(finding: Finding, environ: Mapping[str, str] | None = None) -> str:
    """One workflow command for one finding."""
    level = LEVELS.get(finding.severity, "warning")
    subject = f" [{finding.subject}]" if finding.kind == "reference" and finding.subject else ""
    title = f"refcheck {finding.kind} {finding.rule.replace('_', ' ')}{subject}"
    if finding.kind == "extract":
        title = "refcheck: not read as a reference"
    props = []
    if finding.path not in NOT_FILES:  # standard input has no file to annotate
        props.append(f"file={escape_property(annotation_path(finding.path, environ))}")
        if finding.line > 0:
            props.append(f"line={finding.line}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(finding.message)}"


def write_step_summary(report: Report, environ: Mapping[str, str] | None = None) -> bool:
    """Append the Markdown report to ``$GITHUB_STEP_SUMMARY``; False when it is not set."""
    environ = os.environ if environ is None else environ
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    from .markdown import markdown_report

    with open(target, "a", encoding="utf-8") as handle:
        handle.write(markdown_report(report))
        handle.write("\n")
    return True


def not_checked_annotation(report: Report) -> str:
    """The run-level annotation that says references could not be checked; empty when all were."""
    headline = report.not_checked_headline()
    if not headline:
        return ""
    level = "error" if report.fail_on_unresolved else "warning"
    return f"::{level} title={escape_property('refcheck: references not checked')}::{escape_data(headline)}"


def render_github(report: Report, stream: TextIO) -> None:
    first = not_checked_annotation(report)
    if first:  # before the per-reference annotations, so the run does not read as a pass
        stream.write(first + "\n")
    for finding in report:
        stream.write(annotation(finding))
        stream.write("\n")
    write_step_summary(report)
