"""The human-readable report: each reference with its line, verdict and differences.

Coloured where the terminal allows (rich decides, and honours ``NO_COLOR``).
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape

from ..model import QuoteResult, ReferenceResult
from ..report import Report, skipped_message, status_message

STATUS_STYLE = {
    "verified": ("✓", "green"),
    "mismatch": ("✗", "red"),
    "not_found": ("✗", "red"),
    "unverifiable": ("?", "cyan"),
    "ambiguous": ("~", "yellow"),
    "unresolved": ("!", "yellow"),
}
QUOTE_STYLE = {
    "genuine": ("✓", "green"),
    "misattributed": ("✗", "red"),
    "attribution_mismatch": ("✗", "red"),
    "paraphrase": ("~", "yellow"),
    "disputed": ("~", "yellow"),
    "unverified": ("?", "yellow"),
}
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "dim"}


def _reference_lines(result: ReferenceResult) -> list[str]:
    mark, colour = STATUS_STYLE.get(result.status, ("?", "white"))
    ref = result.reference
    head = (f"  line {ref.line:>4}  [{colour}]{mark} {result.status:<12}[/] [bold]{escape(ref.key)}[/]"
            f"  {escape(status_message(result))}")
    if result.ignored is not None:
        head += f"  [dim](ignored: {escape(result.ignored)})[/]"
    lines = [head]
    if result.status in ("mismatch", "verified") and result.match and (result.problems or result.alternates):
        lines.append(f"             matched: {escape(result.match.work.describe())}")
    for alternate in result.alternates:
        lines.append(f"             [dim]also registered as: {escape(alternate.work.describe())}[/]")
    for problem in result.problems:
        style = SEVERITY_STYLE.get(problem.severity, "white")
        lines.append(f"             [{style}]{problem.severity:<7}[/] {problem.field}: {escape(problem.message)}")
    if result.retracted:
        lines.append("             [bold red]RETRACTED[/]")
    return lines


def _quote_line(quote: QuoteResult) -> list[str]:
    mark, colour = QUOTE_STYLE.get(quote.status, ("?", "white"))
    text = quote.text if len(quote.text) <= 90 else quote.text[:87] + "…"
    lines = [f"  line {quote.line:>4}  [{colour}]{mark} {quote.status:<12}[/] "
             f"{escape(quote.attributed_to)}: “{escape(text)}”"]
    if quote.actual_source and quote.status != "unverified":
        lines.append(f"             source: {escape(quote.actual_source)}")
    return lines


def render_text(report: Report, stream: TextIO) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True)
    for document in report.documents:
        console.print(f"[bold underline]{escape(document.path)}[/]")
        if document.references:
            links = sum(r.reference.origin == "link" for r in document.references)
            console.print(f" references ({len(document.references)}"
                          f"{f', {links} of them links in the text' if links else ''})")
            for result in document.references:
                for line in _reference_lines(result):
                    console.print(line)
        elif document.skipped:
            console.print(" no references read")
        else:
            console.print(" no reference list found")
        if document.skipped:
            # Left out of a reference list: said, never dropped (a warning each).
            console.print(f" skipped under a references heading ({len(document.skipped)})")
            for entry in document.skipped:
                console.print(f"  line {entry.line:>4}  [yellow]! {'skipped':<12}[/] {escape(skipped_message(entry))}")
        if document.quotes:
            console.print(f" quotations ({len(document.quotes)})")
            for quote in document.quotes:
                for line in _quote_line(quote):
                    console.print(line)
        console.print()
    s = report.summary()
    counts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in s["by_status"].items() if n)
    headline = report.not_checked_headline()
    left_out = report.skipped_headline()
    if headline or left_out:
        # Said first, and never followed by "OK": references nobody checked are no pass.
        for line in (headline, left_out):
            if line:
                console.print(f"[bold {'red' if not report.ok else 'yellow'}]{escape(line)}[/]")
        verdict = "[yellow]INCOMPLETE[/]" if report.ok else "[red]FAILED[/]"
    else:
        verdict = "[green]OK[/]" if report.ok else "[red]FAILED[/]"
    console.print(f"{verdict}: {s['references']} references ({counts or 'none'}); "
                  f"{s['quotes']} quotations; {s['errors']} errors, {s['warnings']} warnings")
