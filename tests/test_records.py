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
