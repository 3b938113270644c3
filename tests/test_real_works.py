"""Real works cited correctly, or nearly, are not called fabricated (issue 11), end to end over loopback.

Each case runs the whole pipeline (extract → parse → resolve → judge) against the fake Crossref holding the
works' records as Crossref sends them, written by hand from their published metadata.
"""

from __future__ import annotations

from crossref_fake import CARHART_HARRIS_2017, DUMAN_2016
from test_records import WAKEFIELD_RETRACTION_NOTICE, wakefield_1998

from refcheck.check import check_text
from refcheck.model import ReferenceResult

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
    assert DUMAN_2016["DOI"] in errors[0].message  # the DOI cited, said back
    assert "10.1177/0269881117725915" in result.suggested_bibtex
