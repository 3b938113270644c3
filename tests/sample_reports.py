"""Hand-built reports for the output-format and config tests (no pipeline, no network)."""

from __future__ import annotations

from refcheck.model import Author, Candidate, Problem, QuoteResult, Reference, ReferenceResult, Work
from refcheck.report import DocumentReport, Report


def reference(key: str, line: int, entry_type: str = "article", doi: str = "", title: str = "A title") -> Reference:
    fields = {"title": title, "author": "Smith, Jane", "year": "2020", "journal": "Journal of Tests"}
    if doi:
        fields["doi"] = doi
    return Reference(key=key, entry_type=entry_type, fields=fields, text=f"Smith, J. (2020). {title}.", line=line)


def work(doi: str, title: str = "A title", year: int = 2020) -> Work:
    return Work(doi=doi, title=title, authors=(Author("Smith", "Jane"), Author("Jones", "Al")), year=year,
                years=(year,), container="Journal of Tests")


def verified(key: str, line: int, doi: str) -> ReferenceResult:
    return ReferenceResult(reference(key, line, doi=doi), "verified", match=Candidate(work(doi), similarity=0.98))


def sample_report(fail_on: str = "error") -> Report:
    """Two documents: a fabricated article, a wrong year, an ambiguous book, an unresolved entry,
    a verified one, a retracted one, an ignored one, and three quotations."""
    post = DocumentReport(
        path="_posts/2026-01-01-ketamine.md",
        format="markdown",
        references=(
            verified("murrough2013", 30, "10.1016/j.biopsych.2012.06.022"),
            ReferenceResult(reference("fake2021", 31, title="Ketamine cures: everything, 100% of the time"),
                            "not_found", reason="no candidate above threshold"),
            ReferenceResult(reference("zarate2006", 32, doi="10.1001/archpsyc.63.8.856"), "mismatch",
                            match=Candidate(work("10.1001/archpsyc.63.8.856", year=2006), similarity=0.9),
                            problems=(Problem("year", "2005", "2006", "error",
                                              "cited year 2005, Crossref says 2006"),)),
            ReferenceResult(reference("book2019", 33, entry_type="book"), "ambiguous",
                            candidates=(Candidate(work("10.1/a")), Candidate(work("10.1/b")))),
            ReferenceResult(reference("net2020", 34), "unresolved", reason="timeout after 3 tries"),
            ReferenceResult(reference("ignored2018", 35), "not_found", ignored="preprint, checked by hand"),
        ),
        quotes=(
            QuoteResult(line=12, text="Be the change you wish to see in the world", attributed_to="Gandhi",
                        status="misattributed", table_id="q1", actual_source="Arleen Lorrance, 1974",
                        severity="error"),
            QuoteResult(line=14, text="The unexamined life is not worth living", attributed_to="Socrates",
                        status="genuine", table_id="q2", severity="info"),
            QuoteResult(line=16, text="Insanity is doing the same thing over and over", attributed_to="Einstein",
                        status="unverified", severity="warning"),
        ),
    )
    paper = DocumentReport(
        path="content/paper, draft: v2.tex",
        format="latex",
        references=(
            verified("ok2015", 80, "10.1000/ok"),
            ReferenceResult(reference("retracted2010", 81, doi="10.1000/retracted"), "verified",
                            match=Candidate(work("10.1000/retracted")), retracted=True,
                            problems=(Problem("retraction", "", "retracted", "error",
                                              "the cited work was retracted"),)),
            ReferenceResult(reference("report2001", 82, entry_type="techreport"), "unverifiable"),
        ),
    )
    return Report(documents=(post, paper), fail_on=fail_on)


def clean_report() -> Report:
    return Report(documents=(DocumentReport(path="clean.md", references=(verified("a2020", 3, "10.1/x"),)),))
