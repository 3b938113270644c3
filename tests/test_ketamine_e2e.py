"""The real AI-drafted blog post, checked end to end against the loopback Crossref.

The fake Crossref holds the real works the post's fabricated articles are
closest to, and Routledge's record of a later edition of Popper's book, so the
test shows both halves of the job: fabricated articles are caught and named
after their nearest real work, and the books (one of them held by Crossref in a
later edition) raise no error.
"""

from __future__ import annotations

from typing import Any

import pytest

from refcheck.check import check_paths
from refcheck.options import Options

from crossref_fake import _work


def _book(doi: str, title: str, subtitle: str, author: tuple[str, str], year: int, publisher: str) -> dict[str, Any]:
    return {
        "DOI": doi, "URL": f"https://doi.org/{doi}", "type": "book", "title": [title], "subtitle": [subtitle],
        "author": [{"given": author[0], "family": author[1], "sequence": "first"}],
        "publisher": publisher, "issued": {"date-parts": [[year]]}, "published-print": {"date-parts": [[year]]},
    }


KRYSTAL_2019 = _work(
    "10.1016/j.neuron.2019.02.005",
    "Ketamine: A Paradigm Shift for Depression Research and Treatment",
    [("John H.", "Krystal"), ("Chadi G.", "Abdallah"), ("Gerard", "Sanacora"), ("Dennis S.", "Charney"),
     ("Ronald S.", "Duman")],
    "Neuron", "Neuron", "101", "5", "774-778", [2019, 3], [2019, 3, 6], "Elsevier BV", ["0896-6273"],
)
SCHEIDEGGER_2012 = _work(
    "10.1371/journal.pone.0044799",
    "Ketamine Decreases Resting State Functional Network Connectivity in Healthy Subjects: Implications for "
    "Antidepressant Drug Action",
    [("Milan", "Scheidegger"), ("Martin", "Walter"), ("Mick", "Lehmann"), ("Coraline", "Metzger"),
     ("Simone", "Grimm"), ("Heinz", "Boeker"), ("Peter", "Boesiger"), ("Anke", "Henning"), ("Erich", "Seifritz")],
    "PLoS ONE", "PLoS ONE", "7", "9", "e44799", [2012, 9], [2012, 9, 24], "Public Library of Science (PLoS)",
    ["1932-6203"],
)
# Routledge's record of a later edition (its year differs from the 1963 first edition the post cites).
POPPER_REPRINT = _book("10.4324/9780203538074", "Conjectures and Refutations",
                       "The Growth of Scientific Knowledge", ("Karl", "Popper"), 2014, "Routledge")

BOOK_LINES = {326, 327, 328, 329, 330, 331, 335, 336}


@pytest.fixture
def ketamine_report(ketamine_sample, crossref_server, crossref_options):
    for record in (KRYSTAL_2019, SCHEIDEGGER_2012, POPPER_REPRINT):
        crossref_server.records[record["DOI"].lower()] = record
    report = check_paths([str(ketamine_sample)], crossref_options)
    return report, crossref_server


def test_the_correct_article_is_verified(ketamine_report) -> None:
    report, _ = ketamine_report
    by_line = {r.reference.line: r for r in report.references}
    assert len(by_line) == 13
    entry8 = by_line[333]
    assert entry8.status == "verified" and entry8.match.work.doi == "10.1177/0269881117725915"
    assert not [p for p in entry8.problems if p.severity == "error"]


def test_books_are_not_errors(ketamine_report) -> None:
    report, _ = ketamine_report
    books = [r for r in report.references if r.reference.line in BOOK_LINES]
    assert len(books) == 8 and all(r.reference.entry_type == "book" for r in books)
    assert not any(r.has_error for r in books), [(r.reference.key, r.status, r.problems) for r in books if r.has_error]


@pytest.mark.parametrize(("line", "nearest"), [
    (332, "10.1038/nm.4050"),  # entry 7 → Duman et al. 2016, Nature Medicine
    (334, "10.1016/j.biopsych.2012.06.022"),  # entry 9 → Murrough et al. 2013
    (337, "10.1016/j.neuron.2019.02.005"),  # entry 12 → Krystal et al. 2019
    (338, None),  # entry 13: Crossref holds nothing close; any nearest work is named
])
def test_fabricated_articles_are_caught_and_their_nearest_work_named(ketamine_report, line, nearest) -> None:
    report, _ = ketamine_report
    result = next(r for r in report.references if r.reference.line == line)
    assert result.status not in ("verified", "mismatch", "unverifiable")
    assert result.has_error
    assert result.candidates
    nearest = nearest or result.candidates[0].work.doi
    assert result.candidates[0].work.doi == nearest
    finding = next(f for f in report if f.line == line and f.kind == "reference")
    assert "likely fabricated" in finding.message and nearest in finding.message


def test_quotes_and_exit_code(ketamine_report) -> None:
    report, _ = ketamine_report
    statuses = {q.attributed_to.split()[-1]: q.status for q in report.quotes}
    assert len(report.quotes) == 12
    assert statuses["Hippocrates"] == "misattributed"
    assert statuses["Jonas"] == "paraphrase"
    assert statuses["Jung"] == statuses["Popper"] == "genuine"
    assert report.exit_code == 1


def test_a_second_run_makes_no_request(ketamine_report, crossref_options) -> None:
    report, server = ketamine_report
    sent = server.count()
    assert sent >= 13
    again = check_paths([report.documents[0].path], crossref_options)
    assert server.count() == sent
    assert [r.status for r in again.references] == [r.status for r in report.references]
    assert {r.match.source for r in again.references if r.match} == {"cache"}
