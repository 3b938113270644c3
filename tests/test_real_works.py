"""Real works cited correctly, or nearly, are not called fabricated (issue 11), end to end over loopback.

Each case runs the whole pipeline (extract → parse → resolve → judge) against the fake Crossref holding the
works' records as Crossref sends them, written by hand from their published metadata.
"""

from __future__ import annotations

import io

import pytest
from crossref_fake import CARHART_HARRIS_2017, DUMAN_2016
from test_records import WAKEFIELD_RETRACTION_NOTICE, generrna_2024, gittins_jones_1979, wakefield_1998

from refcheck.check import check_paths, check_text, snapshot_messages
from refcheck.model import ReferenceResult
from refcheck.output.text import render_text
from refcheck.resolve.snapshot import write_snapshot

WAKEFIELD_CITED = (
    "Wakefield, A. J., Murch, S. H., Anthony, A., Linnell, J., Casson, D. M., Malik, M., Berelowitz, M., "
    "Dhillon, A. P., Thomson, M. A., Harvey, P., Valentine, A., Davies, S. E., & Walker-Smith, J. A. (1998). "
    "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children. "
    "The Lancet, 351(9103), 637\u2013641."
)


def check_one(reference: str, options) -> ReferenceResult:
    report = check_text(f"# Draft\n\nSome text.\n\n## References\n\n1. {reference}\n", "markdown", options=options)
    (result,) = report.references
    return result


def hold(server, *records: dict) -> None:
    for record in records:
        server.records[record["DOI"].lower()] = record


def test_a_retracted_paper_cited_exactly_is_verified_and_flagged_retracted(crossref_server, crossref_options):
    hold(crossref_server, wakefield_1998(updated_by=False), WAKEFIELD_RETRACTION_NOTICE)
    for cited in (WAKEFIELD_CITED, WAKEFIELD_CITED + " https://doi.org/10.1016/S0140-6736(97)11096-0"):
        result = check_one(cited, crossref_options)
        assert result.status == "verified", (result.status, result.reason)
        assert result.match.work.doi == "10.1016/s0140-6736(97)11096-0"  # the paper, not the notice
        assert result.retracted
        assert [(p.field, p.severity) for p in result.problems] == [("retraction", "error")]
        assert "retracted" in result.problems[0].message


def test_a_retracted_paper_cited_with_crossrefs_notice_in_its_title_is_no_title_error(crossref_server,
                                                                                      crossref_options):
    hold(crossref_server, wakefield_1998(updated_by=True))
    cited = WAKEFIELD_CITED.replace("(1998). Ileal", "(1998). RETRACTED: Ileal")
    result = check_one(cited, crossref_options)
    assert result.status == "verified" and [p.field for p in result.problems] == ["retraction"]


def test_a_withdrawn_paper_is_said_to_be_withdrawn(crossref_server, crossref_options):
    record = wakefield_1998(updated_by=False)
    record["title"] = ["WITHDRAWN: " + record["title"][0].removeprefix("RETRACTED: ")]
    hold(crossref_server, record)
    result = check_one(WAKEFIELD_CITED, crossref_options)
    assert result.status == "verified" and result.retracted
    assert "has been withdrawn" in result.problems[0].message


def test_the_retraction_relation_flags_it_too(crossref_server, crossref_options):
    hold(crossref_server, wakefield_1998(updated_by=True))
    result = check_one(WAKEFIELD_CITED, crossref_options)
    assert result.status == "verified" and result.retracted and result.has_error


CARHART_HARRIS_CITED = ("Carhart-Harris, R. L., & Nutt, D. J. (2017). Serotonin and brain function: a tale of two "
                        "receptors. Journal of Psychopharmacology, 31(9), 1091\u20131120.")


def test_a_real_paper_cited_with_another_papers_doi_is_a_doi_mismatch(crossref_server, crossref_options):
    result = check_one(f"{CARHART_HARRIS_CITED} https://doi.org/{DUMAN_2016['DOI']}", crossref_options)
    assert result.status == "mismatch", (result.status, result.reason)
    assert result.match.work.doi == CARHART_HARRIS_2017["DOI"].lower()
    errors = [p for p in result.problems if p.severity == "error"]
    assert [p.field for p in errors] == ["doi"]
    assert errors[0].found == "10.1177/0269881117725915" and "10.1177/0269881117725915" in errors[0].message
    assert DUMAN_2016["DOI"] in errors[0].message and "Duman" in errors[0].message  # whose DOI it is
    assert "10.1177/0269881117725915" in result.suggested_bibtex


def test_a_snapshot_reproduces_the_wrong_doi_verdict_offline(crossref_server, crossref_options, tmp_path):
    """`refcheck snapshot` keeps the searched-for work too, so an offline run names the same right DOI."""
    draft = tmp_path / "draft.md"
    draft.write_text(f"## References\n\n1. {CARHART_HARRIS_CITED} https://doi.org/{DUMAN_2016['DOI']}\n",
                     encoding="utf-8")
    snapshot = tmp_path / "works.jsonl"
    write_snapshot(snapshot, snapshot_messages([str(draft)], crossref_options))
    offline = crossref_options.replace(offline=True, snapshot=str(snapshot), cache=str(tmp_path / "empty.sqlite"))
    (result,) = check_paths([str(draft)], offline).references
    assert result.status == "mismatch" and result.match.work.doi == CARHART_HARRIS_2017["DOI"].lower()
    assert [p.field for p in result.problems if p.severity == "error"] == ["doi"]


# -- One work under two DOIs ------------------------------------------------------------------------------

GITTINS_CITED = ("Gittins, J. C., & Jones, D. M. (1979). A dynamic allocation index for the discounted multiarmed "
                 "bandit problem. Biometrika, 66(3), 561\u2013565.")
GENERRNA_CITED = ("Zhao, Y., Oono, K., Takizawa, H., & Kotera, M. (2024). GenerRNA: A generative pre-trained language "
                  "model for de novo RNA design. PLOS ONE, 19(10), e0310814.")
GENERRNA_PREPRINT_CITED = ("Zhao, Y., Oono, K., Takizawa, H., & Kotera, M. (2024). GenerRNA: A generative pre-trained "
                           "language model for de novo RNA design. bioRxiv.")


@pytest.mark.parametrize("pages", [False, True])
def test_a_journal_article_and_its_jstor_copy_are_one_work(crossref_server, crossref_options, pages):
    oup, jstor = gittins_jones_1979(pages=pages)
    hold(crossref_server, oup, jstor)
    result = check_one(GITTINS_CITED, crossref_options)
    assert result.status == "verified", (result.status, result.reason)
    assert not [p for p in result.problems if p.severity == "error"]
    dois = {"10.1093/biomet/66.3.561", "10.2307/2335176"}
    assert {result.match.work.doi, *(c.work.doi for c in result.alternates)} == dois
    assert len(result.alternates) == 1


def test_the_cited_doi_chooses_among_the_records_of_one_work(crossref_server, crossref_options):
    hold(crossref_server, *gittins_jones_1979(pages=False))
    result = check_one(GITTINS_CITED + " https://doi.org/10.2307/2335176", crossref_options)
    assert result.status == "verified" and result.match.work.doi == "10.2307/2335176"


@pytest.mark.parametrize("relation", [True, False])
def test_a_journal_paper_and_its_preprint_are_one_work(crossref_server, crossref_options, relation):
    plos, preprint = generrna_2024(relation=relation)
    hold(crossref_server, preprint, plos)
    result = check_one(GENERRNA_CITED, crossref_options)
    assert result.status == "verified", (result.status, result.reason)
    assert result.match.work.doi == "10.1371/journal.pone.0310814"  # the container and year cited
    assert [c.work.doi for c in result.alternates] == ["10.1101/2024.02.01.578496"]
    # ...and the report names the other record
    report = check_text(f"## References\n\n1. {GENERRNA_CITED}\n", "markdown", options=crossref_options)
    (entry,) = report.to_dict()["documents"][0]["references"]
    assert [a["doi"] for a in entry["alternates"]] == ["10.1101/2024.02.01.578496"]
    text = io.StringIO()
    render_text(report, text)
    assert "10.1101/2024.02.01.578496" in text.getvalue()


def test_the_preprint_cited_as_a_preprint_is_checked_against_the_preprint(crossref_server, crossref_options):
    hold(crossref_server, *generrna_2024(relation=True))
    result = check_one(GENERRNA_PREPRINT_CITED, crossref_options)
    assert result.status == "verified", (result.status, result.reason)
    assert result.match.work.doi == "10.1101/2024.02.01.578496"
    assert [c.work.doi for c in result.alternates] == ["10.1371/journal.pone.0310814"]


def test_reviews_of_a_book_are_other_works_than_the_book(crossref_server, crossref_options):
    """Choice and EJOR reviewed Gittins' 1989 book under its own title, without naming an author: two
    records alike in title and year are not one work unless their authors agree too (refchecker's case)."""
    def review(doi: str, container: str, month: int) -> dict:
        return {"DOI": doi, "type": "journal-article", "title": ["Multi-armed bandit allocation indices"],
                "container-title": [container], "published": {"date-parts": [[1989, month]]},
                "issued": {"date-parts": [[1989, month]]}}
    hold(crossref_server, review("10.5860/choice.27-0977", "Choice Reviews Online", 10),
         review("10.1016/0377-2217(89)90282-8", "European Journal of Operational Research", 5))
    result = check_one("Gittins, J. C. (1989). Multi-armed Bandit Allocation Indices. Chichester: Wiley.",
                       crossref_options)
    assert result.status == "ambiguous" and result.match is None and not result.alternates
