"""The report: JSON contract, findings, exit codes and `ignore`."""

from __future__ import annotations

import json

import pytest

from refcheck.check import _apply_ignore
from refcheck.model import Author, Candidate, Problem, QuoteResult, Reference, ReferenceResult, Work
from refcheck.options import Options
from refcheck.report import DocumentReport, Report

MURROUGH = Work(
    doi="10.1016/j.biopsych.2012.06.022",
    title="Rapid and Longer-Term Antidepressant Effects of Repeated Ketamine Infusions in Treatment-Resistant "
          "Major Depression",
    authors=(Author("Murrough", "James W."), Author("Perez", "Andrew M.")),
    year=2013, container="Biological Psychiatry", volume="74", issue="4", pages="250-256",
)


def _ref(key: str, entry_type: str = "article", line: int = 10, **fields: str) -> Reference:
    return Reference(key=key, entry_type=entry_type, fields={"title": "A title", **fields}, text="A reference",
                     line=line)


def _report(*results: ReferenceResult, quotes: tuple[QuoteResult, ...] = (), fail_on: str = "error") -> Report:
    return Report(documents=(DocumentReport("draft.md", tuple(results), quotes),), fail_on=fail_on)


def test_json_contract_keeps_its_names() -> None:
    year = Problem("year", "2014", "2013", "error", "year is 2014 in the citation, 2013 in the record")
    result = ReferenceResult(_ref("murrough2014rapid", year="2014"), "mismatch",
                             match=Candidate(MURROUGH, score=88.2, similarity=0.93), problems=(year,),
                             candidates=(Candidate(MURROUGH, score=88.2),))
    quote = QuoteResult(line=3, text="Cure sometimes", attributed_to="Hippocrates", status="misattributed",
                        table_id="q1", actual_source="French saying", evidence="https://example.org",
                        severity="error")
    data = json.loads(_report(result, quotes=(quote,)).to_json())
    assert data["schema"] == "refcheck-report/1"
    assert data["tool"]["name"] == "refcheck"
    ref = data["documents"][0]["references"][0]
    assert set(ref) >= {"id", "line", "text", "bibtex", "status", "match", "candidates", "problems", "retracted",
                        "suggested_bibtex"}
    assert ref["match"] == {"doi": MURROUGH.doi, "title": MURROUGH.title, "score": 88.2, "source": "crossref"}
    assert ref["problems"][0] == {"field": "year", "cited": "2014", "found": "2013", "severity": "error",
                                  "message": year.message}
    assert ref["candidates"][0]["authors"] == ["Murrough, James W.", "Perez, Andrew M."]
    assert "@article{murrough2014rapid" in ref["bibtex"]
    q = data["documents"][0]["quotes"][0]
    assert set(q) == {"line", "text", "attributed_to", "status", "table_id", "actual_source", "evidence", "severity"}
    assert data["summary"]["by_status"]["mismatch"] == 1
    assert data["summary"]["errors"] == 2


def test_not_found_article_is_an_error_but_an_unverifiable_book_is_not() -> None:
    fabricated = ReferenceResult(_ref("liston2020rapid"), "not_found", candidates=(Candidate(MURROUGH),))
    book = ReferenceResult(_ref("pollan2018how", entry_type="book"), "unverifiable")
    assert _report(book).exit_code == 0
    report = _report(fabricated, book)
    assert report.exit_code == 1
    messages = [f.message for f in report]
    assert any("likely fabricated" in m and "Murrough" in m for m in messages)


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("never", 0)])
def test_fail_on_levels(fail_on: str, expected: int) -> None:
    warning = Problem("title", "Serotonin and brain function", "Serotonin and brain function: a tale",
                      "warning", "subtitle missing")
    result = ReferenceResult(_ref("a"), "verified", match=Candidate(MURROUGH), problems=(warning,))
    assert _report(result, fail_on=fail_on).exit_code == expected


def test_ignore_silences_exactly_what_it_names() -> None:
    bad = ReferenceResult(_ref("liston2020rapid"), "not_found")
    other = ReferenceResult(_ref("sampson2020disruption"), "not_found")
    options = Options.from_kwargs(ignore=[{"key": "liston2020rapid", "reason": "preprint"}])
    silenced = _apply_ignore(bad, options)
    kept = _apply_ignore(other, options)
    assert silenced.ignored == "preprint" and kept.ignored is None
    assert [f.subject for f in _report(silenced, kept)] == ["sampson2020disruption"]
    by_doi = _apply_ignore(ReferenceResult(_ref("x", doi="10.1/ABC"), "not_found"),
                           Options.from_kwargs(ignore={"10.1/abc": "known"}))
    assert by_doi.ignored == "known"
