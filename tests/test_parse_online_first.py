"""Journal articles cited without volume or pages (online-first), and a journal's publisher printed in
brackets after its name (Chicago-like note styles): an article in that journal, not a book (issue 11)."""

from __future__ import annotations

import pytest
from parse_fields import typed_fields_of

_PEP = ("Harnastai IN, Gilep AA, Usanov SA. The development of an efficient system for heterologous expression "
        "of cytochrome P450s in Escherichia coli using hemA gene co-expression. Protein Expression and Purification.")


@pytest.mark.parametrize("text, journal", [
    pytest.param(_PEP + " Published online March 2006. doi:10.1016/j.pep.2005.07.006",
                 "Protein Expression and Purification", id="ama-published-online"),
    pytest.param("1 Smith J, Jones K. A randomised trial of early mobilisation. BMJ Open. Published Online First: "
                 "2021.", "BMJ Open", id="bmj-online-first"),
    pytest.param("Zeng, D., and J. Cai. 2005. “Simultaneous Modelling of Survival and Longitudinal Data with an "
                 "Application to Repeated Quality of Life Measures.” Lifetime Data Analysis.",
                 "Lifetime Data Analysis", id="quoted-title-bare-journal"),
    pytest.param("Wagner, R. (2017). Effective HIV vaccine. Current Opinion in HIV and AIDS.",
                 "Current Opinion in HIV and AIDS", id="apa-bare-journal"),
    pytest.param("1 Mei X, Liu X, Yang Z, et al. The Present and Future of Aging-on-A-Chip. Engineering. 2023.",
                 "Engineering", id="vancouver-one-word-journal"),
])
def test_online_first_article_keeps_its_journal(text: str, journal: str) -> None:
    entry_type, fields = typed_fields_of(text)
    assert entry_type == "article"
    assert fields.get("journal") == journal
    assert "publisher" not in fields
    assert journal not in fields["title"]  # the journal is not glued onto the title


@pytest.mark.parametrize("text, publisher", [
    pytest.param("Kahneman, D. (2011). Thinking, fast and slow. Farrar, Straus and Giroux.",
                 "Farrar, Straus and Giroux", id="apa-book"),
    pytest.param("Popper, Karl. Conjectures and Refutations. Routledge, 1963.", "Routledge", id="mla-book"),
    pytest.param("World Health Organization. (2019). Global report on infection prevention. World Health "
                 "Organization.", "World Health Organization", id="institution-report"),
])
def test_a_book_stays_a_book(text: str, publisher: str) -> None:
    entry_type, fields = typed_fields_of(text)
    assert entry_type == "book"
    assert fields.get("publisher") == publisher
    assert "journal" not in fields


@pytest.mark.parametrize("text, expected", [
    pytest.param(  # PyVista, JOSS 4(37), 1450
        "Sullivan, C., and Alexander Kaszynski. 2019. “PyVista: 3D Plotting and Mesh Analysis through a Streamlined "
        "Interface for the Visualization Toolkit (VTK).” Journal of Open Source Software (The Open Journal) 4, "
        "no. 37: 1450.",
        {"journal": "Journal of Open Source Software", "publisher": "The Open Journal", "volume": "4", "number": "37",
         "pages": "1450"}, id="bracket-publisher-volume-issue-page"),
    pytest.param(
        "Viebahn, Malte C. 2021. “Thinking Fast and Slow About Words and Voices.” Journal of Experimental "
        "Psychology: Learning, Memory, and Cognition (American Psychological Association (APA)), March.",
        {"journal": "Journal of Experimental Psychology: Learning, Memory, and Cognition",
         "publisher": "American Psychological Association (APA)"}, id="bracket-publisher-month"),
])
def test_bracketed_publisher_is_not_part_of_the_journal(text: str, expected: dict[str, str]) -> None:
    entry_type, fields = typed_fields_of(text)
    assert entry_type == "article"
    for key, value in expected.items():
        assert fields.get(key) == value, (key, fields)


def test_bracket_naming_the_journal_stays_in_it() -> None:
    """``Current Psychology (New Brunswick, N.J.)`` is Crossref's own name for the journal: a place, not a publisher."""
    _, fields = typed_fields_of("Adamczyk, K. (2017). Voluntary and involuntary singlehood and young adults' mental "
                                "health. Current Psychology (New Brunswick, N.J.), 36(4), 888–904.")
    assert fields["journal"].startswith("Current Psychology (New Brunswick")
    assert "publisher" not in fields


def test_volume_month_pages_after_a_bracketed_publisher() -> None:
    """Mori, Qian & Tatsumi 2015 in PeerJ 3, e1457, as a Chicago-like note style prints it: ``3, December: e1457``."""
    entry_type, fields = typed_fields_of(
        "Mori, Akira S., Shenhua Qian, and Shinichi Tatsumi. 2015. “Academic Inequality through the Lens of "
        "Community Ecology: A Meta-Analysis.” PeerJ (PeerJ) 3, December: e1457.")
    assert entry_type == "article"
    assert (fields.get("journal"), fields.get("volume"), fields.get("pages")) == ("PeerJ", "3", "e1457")


def test_bmj_chapter_without_in_keeps_the_book_apart() -> None:
    """BMJ prints a chapter as ``Title. Book. Place: Publisher Year:pages`` with no "In" (Freeman, Pro jQuery 2.0,
    Apress 2013, pp. 527-554): the book is the container, not the end of the chapter's title."""
    entry_type, fields = typed_fields_of(
        "1 Freeman A. Using the Tabs Widget. Pro jQuery 2.0. Berkeley, CA: Apress 2013:527–54.")
    assert entry_type == "incollection"
    assert fields["title"] == "Using the Tabs Widget"
    assert (fields.get("booktitle"), fields.get("publisher"), fields.get("address")) == (
        "Pro jQuery 2.0", "Apress", "Berkeley, CA")
    assert fields.get("pages") == "527--54"
