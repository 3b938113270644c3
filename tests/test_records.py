"""work_from_message: Crossref records as Crossref sends them → Work (real works, facts written by hand)."""

from __future__ import annotations

import pytest

from refcheck.resolve.records import work_from_message


def _person(given: str, family: str, first: bool = False) -> dict:
    return {"given": given, "family": family, "sequence": "first" if first else "additional", "affiliation": []}


def wakefield_1998(*, updated_by: bool) -> dict:
    """The Lancet's record of Wakefield et al. 1998: Elsevier prefixed its title when the paper was retracted.

    ``updated_by``: whether the record carries the retraction relation (Crossref adds it from Retraction
    Watch; older responses and many records have only the title notice).
    """
    record = {
        "DOI": "10.1016/S0140-6736(97)11096-0",
        "type": "journal-article",
        "title": ["RETRACTED: Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive "
                  "developmental disorder in children"],
        "author": [_person("A.J", "Wakefield", first=True), _person("S.H", "Murch"), _person("A", "Anthony"),
                   _person("J", "Linnell"), _person("D.M", "Casson"), _person("M", "Malik"),
                   _person("M", "Berelowitz"), _person("A.P", "Dhillon"), _person("M.A", "Thomson"),
                   _person("P", "Harvey"), _person("A", "Valentine"), _person("S.E", "Davies"),
                   _person("J.A", "Walker-Smith")],
        "container-title": ["The Lancet"],
        "short-container-title": ["The Lancet"],
        "volume": "351", "issue": "9103", "page": "637-641",
        "publisher": "Elsevier BV", "ISSN": ["0140-6736"],
        "issued": {"date-parts": [[1998, 2]]},
        "published-print": {"date-parts": [[1998, 2]]},
    }
    if updated_by:
        # The Lancet retracted the paper on 6 February 2010 (notice doi:10.1016/S0140-6736(10)60175-4).
        record["updated-by"] = [{"updated": {"date-parts": [[2010, 2, 6]]}, "DOI": "10.1016/s0140-6736(10)60175-4",
                                 "type": "retraction", "source": "retraction-watch", "label": "Retraction"}]
    return record


# The Lancet's retraction notice: a record of its own, about the paper, not the paper.
WAKEFIELD_RETRACTION_NOTICE = {
    "DOI": "10.1016/S0140-6736(10)60175-4",
    "type": "journal-article",
    "title": ["Retraction\u2014Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive "
              "developmental disorder in children"],
    "author": [{"name": "The Editors of The Lancet", "sequence": "first", "affiliation": []}],
    "container-title": ["The Lancet"], "short-container-title": ["The Lancet"],
    "volume": "375", "issue": "9713", "page": "445",
    "publisher": "Elsevier BV", "ISSN": ["0140-6736"],
    "issued": {"date-parts": [[2010, 2]]},
    "update-to": [{"updated": {"date-parts": [[2010, 2, 6]]}, "DOI": "10.1016/s0140-6736(97)11096-0",
                   "type": "retraction", "label": "Retraction"}],
}


@pytest.mark.parametrize("updated_by", [False, True])
def test_a_retraction_notice_in_the_title_becomes_the_works_status(updated_by):
    work = work_from_message(wakefield_1998(updated_by=updated_by))
    assert work.title == ("Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental "
                          "disorder in children")
    assert work.retracted and work.retraction == "retracted"
    assert work.doi == "10.1016/s0140-6736(97)11096-0"
    # The record kept for the snapshot is Crossref's own, notice and all.
    assert work.record["title"][0].startswith("RETRACTED: ")


@pytest.mark.parametrize(("title", "status", "bare"), [
    # Springer (Cluster Computing 20, 2017, doi:10.1007/s10586-017-0942-0)
    ("RETRACTED ARTICLE: Development of a medical big-data mining process using topic modeling", "retracted",
     "Development of a medical big-data mining process using topic modeling"),
    # Taylor & Francis writes the same notice in sentence case
    ("Retracted article: A study of something", "retracted", "A study of something"),
    # Elsevier's notice for an article withdrawn before it was issued
    ("WITHDRAWN: Enhancing object classification for autonomous vehicles", "withdrawn",
     "Enhancing object classification for autonomous vehicles"),
    ("Withdrawn: A small title", "withdrawn", "A small title"),
])
def test_every_publishers_spelling_of_the_notice(title, status, bare):
    work = work_from_message({"DOI": "10.1/x", "title": [title], "type": "journal-article"})
    assert (work.title, work.retracted, work.retraction) == (bare, True, status)


@pytest.mark.parametrize("title", [
    "Withdrawn patients in a randomised trial: an analysis",  # the word opens a real title, no notice
    "Retracted spines and the anatomy of the hedgehog",
    "Retraction Note: Development of a medical big-data mining process using topic modeling",  # a notice's own title
    "Expression of Concern for: \u201cActivation of Dopamine D2 Receptor Suppresses Neuroinflammation\u201d",
])
def test_titles_that_are_not_a_status_notice_stay_as_they_are(title):
    work = work_from_message({"DOI": "10.1/x", "title": [title], "type": "journal-article"})
    assert (work.title, work.retracted, work.retraction) == (title, False, "")


def test_a_retraction_notice_keeps_its_own_title():
    """Hindawi titles its notices "Retracted: <the paper's title>"; the relation says it is the notice."""
    hindawi_notice = {"DOI": "10.1155/2023/9876543", "type": "journal-article",
                      "title": ["Retracted: Deep learning for traffic flow"],
                      "update-to": [{"DOI": "10.1155/2021/1234567", "type": "retraction", "label": "Retraction"}]}
    work = work_from_message(hindawi_notice)
    assert work.title == "Retracted: Deep learning for traffic flow"
    notice = work_from_message(WAKEFIELD_RETRACTION_NOTICE)
    assert notice.title.startswith("Retraction\u2014") and notice.retraction == ""


@pytest.mark.parametrize(("update", "status"), [("retraction", "retracted"), ("withdrawal", "withdrawn"),
                                                ("removal", "removed")])
def test_the_update_relation_alone_says_what_became_of_the_work(update, status):
    work = work_from_message({"DOI": "10.1/x", "title": ["Plain title"],
                              "updated-by": [{"DOI": "10.1/y", "type": update, "label": update.title()}]})
    assert (work.title, work.retracted, work.retraction) == ("Plain title", True, status)


def test_a_correction_is_not_a_retraction():
    work = work_from_message({"DOI": "10.1/x", "title": ["Plain title"],
                              "updated-by": [{"DOI": "10.1/y", "type": "correction", "label": "Correction"}]})
    assert not work.retracted and work.retraction == ""


# -- One work under two DOIs ------------------------------------------------------------------------------


def _journal_record(doi: str, title: str, authors: list[tuple[str, str]], container: str, volume: str, issue: str,
                    page: str, published: list[int], publisher: str, **more: object) -> dict:
    people = [_person(given, family, first=(n == 0)) for n, (given, family) in enumerate(authors)]
    record = {"DOI": doi, "type": "journal-article", "title": [title], "author": people,
              "container-title": [container], "volume": volume, "issue": issue, "page": page,
              "publisher": publisher, "issued": {"date-parts": [published]},
              "published": {"date-parts": [published]}}
    record.update(more)
    return {k: v for k, v in record.items() if v != ""}


def gittins_jones_1979(*, pages: bool) -> tuple[dict, dict]:
    """Biometrika 66(3), 561-565: Oxford's record and JSTOR's copy, as Crossref holds them.

    Oxford spells the authors in capitals and gives the year only; JSTOR title-cases the title and gives
    December 1979. ``pages=False``: without volume, issue and pages, as a search that selects fewer
    fields returns them (refchecker's cache holds them so); neither names the other in ``relation``.
    """
    numbers = ("66", "3", "561-565") if pages else ("", "", "")
    oup = _journal_record("10.1093/biomet/66.3.561",
                          "A dynamic allocation index for the discounted multiarmed bandit problem",
                          [("J. C.", "GITTINS"), ("D. M.", "JONES")], "Biometrika", *numbers, [1979],
                          "Oxford University Press (OUP)")
    jstor = _journal_record("10.2307/2335176",
                            "A Dynamic Allocation Index for the Discounted Multiarmed Bandit Problem",
                            [("J. C.", "Gittins"), ("D. M.", "Jones")], "Biometrika", *numbers, [1979, 12], "JSTOR")
    return oup, jstor


GENERRNA_AUTHORS = [("Yichong", "Zhao"), ("Kenta", "Oono"), ("Hiroki", "Takizawa"), ("Masaaki", "Kotera")]
GENERRNA_TITLE = "GenerRNA: A generative pre-trained language model for de novo RNA design"


def generrna_2024(*, relation: bool) -> tuple[dict, dict]:
    """PLOS ONE 19(10): e0310814 and its bioRxiv preprint 10.1101/2024.02.01.578496, both 2024.

    ``relation``: the records name each other (``has-preprint`` / ``is-preprint-of``), as Crossref
    records often do; without it only title, authors and year tie them.
    """
    plos = _journal_record("10.1371/journal.pone.0310814", GENERRNA_TITLE, GENERRNA_AUTHORS, "PLOS ONE", "19",
                           "10", "", [2024, 10], "Public Library of Science (PLoS)", **{"article-number": "e0310814"})
    preprint = {"DOI": "10.1101/2024.02.01.578496", "type": "posted-content", "subtype": "preprint",
                "title": [GENERRNA_TITLE],
                "author": [_person(g, f, first=(n == 0)) for n, (g, f) in enumerate(GENERRNA_AUTHORS)],
                "institution": [{"name": "bioRxiv"}], "publisher": "Cold Spring Harbor Laboratory",
                "posted": {"date-parts": [[2024, 2, 1]]}, "issued": {"date-parts": [[2024, 2, 1]]}}
    if relation:
        plos["relation"] = {"has-preprint": [{"id-type": "doi", "id": preprint["DOI"], "asserted-by": "object"}]}
        preprint["relation"] = {"is-preprint-of": [{"id-type": "doi", "id": plos["DOI"], "asserted-by": "subject"}]}
    return plos, preprint


def test_the_relation_names_the_same_work_under_its_other_doi():
    plos, preprint = generrna_2024(relation=True)
    assert work_from_message(plos).same_work_dois == ("10.1101/2024.02.01.578496",)
    assert work_from_message(preprint).same_work_dois == ("10.1371/journal.pone.0310814",)
    assert work_from_message(generrna_2024(relation=False)[0]).same_work_dois == ()


def test_relations_to_other_works_are_not_the_same_work():
    record = {"DOI": "10.1/x", "title": ["T"], "relation": {
        "is-translation-of": [{"id-type": "doi", "id": "10.1/fr", "asserted-by": "subject"}],
        "is-review-of": [{"id-type": "doi", "id": "10.1/book", "asserted-by": "subject"}],
        "is-identical-to": [{"id-type": "uri", "id": "https://example.org/x", "asserted-by": "subject"},
                            {"id-type": "doi", "id": "https://doi.org/10.1/COPY", "asserted-by": "subject"}]}}
    assert work_from_message(record).same_work_dois == ("10.1/copy",)
