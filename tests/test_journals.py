"""journals: one definition of "same journal", shared by matching and comparing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_match import CARHART_HARRIS, KETAMINE_8

from refcheck.judge.compare import compare
from refcheck.judge.journals import same_journal
from refcheck.judge.match import evidence
from refcheck.model import Author, Work

PNAS = Work(
    doi="10.1073/pnas.79.8.2554",
    title="Neural networks and physical systems with emergent collective computational abilities",
    authors=(Author("Hopfield", "J J"),),
    year=1982, years=(1982,),
    container="Proceedings of the National Academy of Sciences of the United States of America",
    short_containers=(), volume="79", issue="8", pages="2554-2558", type="journal-article",
)


@pytest.mark.parametrize("cited,full", [
    ("Ann. Sci. Nat.", "Annales des Sciences Naturelles"),  # French articles are stop words
    ("Phys. Rev. A", "Physical Review A"),
])
def test_abbreviations_name_the_journal(cited, full):
    assert same_journal(cited, full)


def test_series_letter_tells_journals_apart():
    assert not same_journal("Phys. Rev. A", "Physical Review B")
    assert not same_journal("Proc. R. Soc. A", "Proceedings of the Royal Society B")


def test_only_stop_words_name_no_journal_and_contradict_nothing():
    assert not same_journal("The", "The Lancet")
    assert compare(replace(KETAMINE_8, fields={**KETAMINE_8.fields, "journal": "The"}), CARHART_HARRIS) == ()


def test_matching_scores_an_abbreviation_as_comparing_accepts_it():
    cited = replace(KETAMINE_8, text="Hopfield JJ. Neural networks and physical systems with emergent collective "
                                     "computational abilities. Proc Natl Acad Sci U S A. 1982;79(8):2554-8.",
                    fields={"author": "Hopfield, J. J.", "journal": "Proc. Natl. Acad. Sci. U.S.A.", "year": "1982",
                            "title": PNAS.title, "volume": "79", "number": "8", "pages": "2554--2558"})
    assert evidence(cited, PNAS).journal == 1.0
    assert [p.field for p in compare(cited, PNAS)] == []
    unrelated = replace(PNAS, container="Journal of Theoretical Biology")
    assert evidence(cited, unrelated).journal is not None and evidence(cited, unrelated).journal < 0.9
    assert [p.field for p in compare(cited, unrelated)] == ["journal"]
