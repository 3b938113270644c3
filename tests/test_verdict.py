"""judge: every status, on the ketamine blog post's references and real works."""

from __future__ import annotations

from dataclasses import replace

from test_match import CARHART_HARRIS, DUMAN, KETAMINE_7, KETAMINE_8, KETAMINE_9, MURROUGH, cands, ref

from refcheck.model import Author, Candidate, Lookup, Reference, Work
from refcheck.judge.verdict import NEAREST, judge


def with_fields(reference, **changes):
    """The reference with some fields changed and no raw text: the original text would contradict the change
    (compare() reads an author, title or journal the raw text contradicts as a misreading, not a finding)."""
    return replace(reference, text="", fields={**reference.fields, **changes})


def test_lookup_error_is_unresolved():
    r = judge(KETAMINE_8, Lookup(error="timeout after 3 tries"))
    assert (r.status, r.reason, r.match, r.problems) == ("unresolved", "timeout after 3 tries", None, ())


def test_entry_8_correct_citation_is_verified():
    r = judge(KETAMINE_8, Lookup(candidates=cands(CARHART_HARRIS, MURROUGH, DUMAN, scores=(150.0, 30.0, 25.0))))
    assert r.status == "verified"
    assert r.match.work.doi == CARHART_HARRIS.doi
    assert r.problems == () and not r.has_error and not r.retracted
    assert r.suggested_bibtex.startswith("@article{carhartharris2017,")
    assert "10.1177/0269881117725915" in r.suggested_bibtex
    assert len(r.candidates) <= NEAREST


def test_entry_9_fabricated_liston_is_not_found_naming_murrough():
    r = judge(KETAMINE_9, Lookup(candidates=cands(MURROUGH, scores=(60.0,))))
    assert r.status == "not_found"
    assert r.match is None and r.has_error
    assert r.candidates[0].work.doi == MURROUGH.doi
    assert "Murrough" in r.reason and MURROUGH.doi in r.reason
    assert r.suggested_bibtex is None


def test_entry_7_fabricated_duman_is_not_verified():
    r = judge(KETAMINE_7, Lookup(candidates=cands(DUMAN, MURROUGH)))
    assert r.status == "not_found"
    assert r.candidates[0].work.doi == DUMAN.doi


def test_wrong_year_is_mismatch_with_only_year_flagged():
    cited = with_fields(KETAMINE_8, year="2019")
    r = judge(cited, Lookup(candidates=cands(CARHART_HARRIS)))
    assert r.status == "mismatch"
    assert [(p.field, p.severity, p.cited, p.found) for p in r.problems] == [("year", "error", "2019", "2017")]
    assert "year = {2017}" in r.suggested_bibtex


def test_wrong_volume_is_mismatch_with_only_volume_flagged():
    r = judge(with_fields(KETAMINE_8, volume="13"), Lookup(candidates=cands(CARHART_HARRIS)))
    assert r.status == "mismatch"
    assert [p.field for p in r.problems] == ["volume"]


def test_warnings_only_stay_verified():
    r = judge(with_fields(KETAMINE_8, title="Serotonin and brain function"), Lookup(candidates=cands(CARHART_HARRIS)))
    assert r.status == "verified"
    assert [(p.field, p.severity) for p in r.problems] == [("title", "warning")]
    assert not r.has_error


def test_ambiguous():
    twin = replace(CARHART_HARRIS, doi="10.1177/0269881117725915x", volume="", issue="", pages="")
    cited = ref("Carhart-Harris RL, Nutt DJ. Serotonin and brain function: a tale of two receptors. 2017.",
                author="Carhart-Harris, R. L. and Nutt, D. J.", title="Serotonin and brain function: a tale of two receptors",
                year="2017")
    # Another work under the same title and year whose record names no authors (a review, a comment):
    # nothing says it is the same work, so the citation fits two works.
    other = replace(twin, doi="10.9999/other", container="Another Journal", authors=())
    r = judge(cited, Lookup(candidates=cands(twin, other)))
    assert r.status == "ambiguous" and r.match is None
    assert "10.9999/other" in r.reason


def test_one_paper_printed_in_two_journals_is_one_work_checked_against_the_journal_cited():
    """Same title, authors and year in two journals (a statement co-published by several journals)."""
    twin = replace(CARHART_HARRIS, doi="10.9999/twin", container="Another Journal", short_containers=(),
                   volume="", issue="", pages="")
    cited = with_fields(KETAMINE_8, pages="")  # ... Journal of Psychopharmacology, 31(9)
    r = judge(cited, Lookup(candidates=cands(twin, CARHART_HARRIS)))
    assert r.status == "verified" and r.match.work.doi == CARHART_HARRIS.doi
    assert [c.work.doi for c in r.alternates] == ["10.9999/twin"]
    r = judge(with_fields(cited, journal="Another Journal", volume="", number=""),
              Lookup(candidates=cands(CARHART_HARRIS, twin)))
    assert r.match.work.doi == "10.9999/twin" and [c.work.doi for c in r.alternates] == [CARHART_HARRIS.doi]


def test_book_not_in_crossref_is_unverifiable():
    book = ref("Doidge, Norman. The Brain\u2019s Way of Healing. Viking, 2015.", entry_type="book",
               author="Doidge, Norman", title="The Brain's Way of Healing", publisher="Viking", year="2015")
    r = judge(book, Lookup(candidates=cands(MURROUGH)))
    assert r.status == "unverifiable" and not r.has_error
    assert judge(book, Lookup()).status == "unverifiable"


def test_article_with_no_candidates_is_not_found():
    r = judge(KETAMINE_9, Lookup())
    assert r.status == "not_found" and r.candidates == ()


def test_unknown_doi_is_a_doi_error_and_verdict_rests_on_search():
    cited = with_fields(KETAMINE_8, doi="10.1177/0269881117725999")
    r = judge(cited, Lookup(candidates=cands(CARHART_HARRIS), by_doi=True, doi_not_found=True))
    assert r.status == "mismatch"
    assert [(p.field, p.severity) for p in r.problems] == [("doi", "error")]
    assert r.problems[0].found == CARHART_HARRIS.doi
    r = judge(with_fields(KETAMINE_9, doi="10.1176/appi.ajp.2020.0000"), Lookup(doi_not_found=True, by_doi=True))
    assert r.status == "not_found" and [p.field for p in r.problems] == ["doi"]


def test_doi_of_another_paper_is_caught():
    cited = with_fields(KETAMINE_8, doi=DUMAN.doi)
    r = judge(cited, Lookup(candidates=cands(DUMAN), by_doi=True))
    assert r.status == "not_found"
    assert [(p.field, p.severity) for p in r.problems] == [("doi", "error")]
    assert "Synaptic plasticity" in r.problems[0].message
    # With the search hit too, the right work is found and the DOI flagged
    r = judge(cited, Lookup(candidates=cands(DUMAN) + cands(CARHART_HARRIS), by_doi=True))
    assert r.status == "mismatch" and [p.field for p in r.problems] == ["doi"]


# Tanabe & Yanai, Nutrients 17(7):1128 (2025), cited in AMA style as an online-first article with its DOI
TANABE = Work(doi="10.3390/nu17071128", title="Reasoning-Driven Food Energy Estimation via Multimodal Large Language "
              "Models", authors=(Author("Tanabe", "Hikaru"), Author("Yanai", "Keiji")), year=2025, years=(2025,),
              container="Nutrients", volume="17", issue="7", article_number="1128", type="journal-article")


def _tanabe_misparsed(text):
    # what a parser that read "Reasoning-Driven Food Energy" as names makes of it: no validation can accept that
    return Reference(key="r", entry_type="article", text=text, line=1, fields={
        "author": "Tanabe, H and Energy, Reasoning-Driven Food", "title": "Estimation via Multimodal Large Language "
        "Models", "journal": "Nutrients", "year": "2025", "doi": "10.3390/nu17071128"})


def test_a_doi_whose_authors_and_year_the_text_holds_is_the_cited_work():
    text = ("Tanabe H, Yanai K. Reasoning-Driven Food Energy Estimation via Multimodal Large Language Models. "
            "Nutrients. Published online March 24, 2025. doi:10.3390/nu17071128")
    r = judge(_tanabe_misparsed(text), Lookup(candidates=(Candidate(work=TANABE),), by_doi=True))
    assert r.status == "verified" and r.match.work.doi == TANABE.doi and r.problems == ()
    # another first author, or another year, in the text: the DOI is some other paper's, as before
    for wrong in (text.replace("Tanabe H", "Sato H"), text.replace("2025", "2019")):
        r = judge(_tanabe_misparsed(wrong), Lookup(candidates=(Candidate(work=TANABE),), by_doi=True))
        assert r.status == "not_found" and [p.field for p in r.problems] == ["doi"], wrong
        assert "belongs to a different work" in r.problems[0].message


def test_retracted_work_is_flagged_whatever_the_verdict():
    retracted = replace(CARHART_HARRIS, retracted=True)
    r = judge(KETAMINE_8, Lookup(candidates=(Candidate(work=retracted),)))
    assert r.retracted and r.has_error
    assert r.status == "verified"  # the citation itself is accurate
    assert [p.field for p in r.problems] == ["retraction"]
    r = judge(with_fields(KETAMINE_8, year="2010"), Lookup(candidates=(Candidate(work=retracted),)))
    assert r.status == "mismatch" and {p.field for p in r.problems} == {"year", "retraction"}
