"""The tail of journal references: volume, issue and pages in less common shapes, and what must not
end up glued to the journal name (dates, ISSNs, a repeated DOI)."""

from __future__ import annotations

import pytest

from parse_fields import fields_of
from refcheck.parse.fields import parse_numbers
from refcheck.parse.tail import clean_container
from refcheck.parse.text import take_identifiers

HOCHREITER = "Hochreiter, S., & Schmidhuber, J. (1997). Long short-term memory. "


@pytest.mark.parametrize("text, expected", [
    pytest.param(HOCHREITER + "Neural Computation, 9[8], 1735-1780.",
                 {"journal": "Neural Computation", "volume": "9", "number": "8"}, id="square-bracket-issue"),
    pytest.param(HOCHREITER + "Neural Computation, 9(), 1735-1780.",
                 {"journal": "Neural Computation", "volume": "9", "number": None}, id="empty-issue"),
    pytest.param(  # ACM: volume, issue (month year), pages
        "Codd, E. F. 1970. A relational model of data for large shared data banks. Communications of the ACM. "
        "13, 6 (Jun. 1970), 377-387.",
        {"volume": "13", "number": "6", "pages": "377--387"}, id="acm-issue-month"),
    pytest.param(HOCHREITER + "Neural Computation, cilt 9(8), ss. 1735-1780.",  # Turkish
                 {"journal": "Neural Computation", "volume": "9", "pages": "1735--1780"}, id="turkish-cilt-ss"),
    pytest.param(  # Russian GOST: Т. (volume), № (issue), С. (pages)
        "Колмогоров А. Н. Три подхода к определению понятия «количество информации» // Проблемы передачи "
        "информации. 1965. Т. 1. №. 1. С. 3-11.",
        {"volume": "1", "number": "1", "pages": "3--11"}, id="russian-t-s"),
    pytest.param(  # German: Heft without a period
        "Einstein, A.: Zur Elektrodynamik bewegter Körper. In: Annalen der Physik 17 (1905) Heft 10, S. 891-921.",
        {"volume": "17", "number": "10", "pages": "891--921"}, id="heft"),
    pytest.param("A. M. Turing, «Computing Machinery and Intelligence», Mind, vol. 59, n.º 236, p. 433-460, 1950.",
                 {"volume": "59", "number": "236"}, id="n-ordinal"),
    pytest.param('C. E. Shannon, "A mathematical theory of communication," Bell System Technical Journal, '
                 'vol. 27, (3), (1948), 379-423.', {"volume": "27", "number": "3"}, id="vol-comma-paren-issue"),
    pytest.param(  # volume:issue, then the page range
        "Kalman, R. E. (1960). A new approach to linear filtering and prediction problems. "
        "Journal of Basic Engineering, 82:1, 35-45.",
        {"volume": "82", "number": "1", "pages": "35--45"}, id="volume-colon-issue"),
    pytest.param(  # one page (an article number) after the parenthesised year
        "B. P. Abbott et al., Observation of gravitational waves from a binary black hole merger, "
        "Phys. Rev. Lett. 116 (2016) 061102.", {"volume": "116", "pages": "061102"}, id="page-after-year"),
    pytest.param('Watson, J. D., and F. H. C. Crick. "Molecular Structure of Nucleic Acids." Nature 171 (1953): 737.',
                 {"volume": "171", "pages": "737"}, id="page-after-year-colon"),
    pytest.param(  # pages that look like a year range, after volume and year
        "Hochreiter, S. and Schmidhuber, J., Long short-term memory, Neural Computation, Vol. 9(8) (1997), "
        "1735-1780.", {"pages": "1735--1780"}, id="year-like-pages"),
    pytest.param(HOCHREITER + "Neural Computation, 1997. 9: p. 1735-1780.",  # Elsevier numbered style
                 {"volume": "9", "pages": "1735--1780"}, id="year-dot-volume-colon"),
    pytest.param("Watson JD, Crick FHC. Molecular structure of nucleic acids. Nature 1953;171:737_738.",
                 {"volume": "171", "pages": "737--738"}, id="mangled-dash"),
    pytest.param(  # the days of a conference are not pages
        "Smith, J. (2020). A paper. Proceedings of the 34th AAAI Conference on Artificial Intelligence, "
        "New York, 7 - 12 February 2020.", {"pages": None}, id="days-before-month"),
    pytest.param(  # a Spanish/Portuguese date after a newspaper
        "García Márquez, Gabriel, ``La soledad de América Latina'', El País, 9 de diciembre de 1982.",
        {"journal": "El País", "year": "1982"}, id="de-date"),
    pytest.param(  # German "In:" before a journal: its volume, then year and pages
        "Dijkstra, E. W.: A note on two problems in connexion with graphs. In: Numerische Mathematik 1, 1959, "
        "269-271.", {"volume": "1", "pages": "269--271"}, id="in-journal-volume"),
    pytest.param(  # a volume right after the italic journal
        r"E. W. Dijkstra, A note on two problems in connexion with graphs: I. {\em Numerische Mathematik} "
        "1(1959), 269-271.", {"volume": "1", "journal": "Numerische Mathematik"}, id="italic-journal-volume"),
    pytest.param(  # Chicago: the year inside "(Month Year)" is the date, not a later year in a note
        'Turing, A. M. "Computing Machinery and Intelligence." Mind 59 (October 1950): 433. '
        "Quoted in Andrew Hodges, Alan Turing: The Enigma (London: Burnett Books, 1983), 415.",
        {"volume": "59", "year": "1950"}, id="month-year-paren"),
    pytest.param('Turing, A. M. "Computing Machinery and Intelligence." Mind, LIX (Fall, 1950), pp. 433-460.',
                 {"volume": "LIX", "journal": "Mind"}, id="roman-volume-season"),
    pytest.param(  # the day after a month is not a volume
        'A. Vaswani et al., "Attention Is All You Need." arXiv, Jun. 12, 2017.', {"volume": None}, id="month-day"),
    pytest.param("Eco, U. (1980). Il nome della rosa. Milano: Bompiani. 503 pp. \u20ac 12.00.",  # a price
                 {"volume": None, "pages": None}, id="price"),
    pytest.param(  # Vancouver with a day date and no numbers yet: still an article
        "Madani A, Krause B, Greene ER, et al. Large language models generate functional protein sequences across "
        "diverse families. Nat Biotechnol. Jan 26 2023;doi:10.1038/s41587-022-01618-2",
        {"journal": "Nat Biotechnol", "volume": None}, id="vancouver-day-date"),
    pytest.param(
        "Madani A, Krause B, Greene ER, et al. Large language models generate functional protein sequences across "
        "diverse families. Nat Biotechnol. 2023 Jan 26;doi:10.1038/s41587-022-01618-2",
        {"journal": "Nat Biotechnol", "volume": None}, id="vancouver-year-month-day"),
    pytest.param(  # the year between the title and the journal
        r"J. Jumper, R. Evans, A. Pritzel \emph{Highly accurate protein structure prediction with AlphaFold}, 2021, "
        "Nature Structural Biology, 596, 583-589", {"journal": "Nature Structural Biology", "volume": "596"},
        id="year-before-journal"),
    pytest.param(  # GOST dashes between the parts of the tail
        "Колмогоров А. Н. Три подхода к определению понятия «количество информации» // Проблемы передачи "
        "информации. – 1965. – Т. 1, № 1. – С. 3–11.",
        {"journal": "Проблемы передачи информации", "volume": "1", "pages": "3--11"}, id="gost-dashes"),
    pytest.param(  # a pages label in another script, opened before the range
        "Weick, K. E. (1996). Prepare your organization to fight fires. Research in Organizational Behavior "
        "(\u03c3\u03b5\u03bb. 1-52).", {"journal": "Research in Organizational Behavior"}, id="foreign-pages-label"),
    pytest.param("Kandel, E. R. (2025). Memory and the synapse. In press.", {"booktitle": None}, id="in-press-no-book"),
    pytest.param(  # a book's series and its number
        "Lang, S.: Algebra. Graduate Texts in Mathematics 211. Springer, New York (2002).",
        {"series": "Graduate Texts in Mathematics", "number": "211", "publisher": "Springer", "booktitle": None,
         "journal": None}, id="series-number"),
    pytest.param("Nash, J. F. (1950). Non-cooperative games. PhD thesis, Princeton University, p. 27.",
                 {"pages": None, "school": "Princeton University"}, id="thesis-length"),
])
def test_tail_shapes(text: str, expected: dict[str, str | None]) -> None:
    got = fields_of(text)
    for name, value in expected.items():
        assert got.get(name) == value, f"{name}: {got.get(name)!r} != {value!r} (all: {got})"


def test_leading_volume_before_year() -> None:
    """``116 (2016) 061102``: the journal went with the title, the volume still opens the tail."""
    c = parse_numbers("116 (2016) 061102.")
    assert c.fields["volume"] == "116" and c.fields["pages"] == "061102"


def test_uppercase_page_suffix() -> None:
    assert parse_numbers("Journal 5(5):1A-2A.").fields["pages"] == "1A--2A"


def test_issn_is_not_pages() -> None:
    rest, ids = take_identifiers("Mind, 59(236). ISSN: 0026-4423")
    assert ids["issn"] == "0026-4423" and "0026" not in rest


def test_repeated_doi_and_spanish_retrieved() -> None:
    doi = "10.1002/j.1538-7305.1948.tb01338.x"
    rest, ids = take_identifiers(f"Bell System Technical Journal, 27, 379. Retrieved from https://doi.org/{doi} doi:{doi}")
    assert ids["doi"] == doi and "tb01338" not in rest and "Retrieved" not in rest
    rest, _ = take_identifiers("Nature. Recuperado el 20 de mayo de 2024, de https://doi.org/10.1038/171737a0")
    assert rest.rstrip(" .") == "Nature"


def test_volume_alone_and_long_article_number() -> None:
    """``15, 71-76`` with the journal left in the title; a 16-digit e-locator is no page range."""
    c = parse_numbers("15, 71-76.")
    assert (c.fields["volume"], c.fields["pages"]) == ("15", "71--76")
    c = parse_numbers("171, 737\u00d0738")  # an en dash read in the wrong encoding
    assert (c.fields["volume"], c.fields["pages"]) == ("171", "737--738")
    c = parse_numbers("Journal Name, 7, 2050312121100012")
    assert c.fields.get("volume") == "7" and c.lead == "Journal Name"


@pytest.mark.parametrize("text, expected", [
    ("The Astrophysical Journal, 86, P. 217 - 246. 1937", {"volume": "86", "pages": "217--246"}),  # capital P.
    ("The Astrophysical Journal, 86, P. 217. 1937", {"volume": "86", "pages": "217"}),
    ("Physical Review, Vol. 47, 777.", {"volume": "47", "pages": "777"}),  # one page after the volume ends it
    ("Communications of the ACM 13(6), 1970, 377-387.", {"volume": "13", "number": "6", "pages": "377--387"}),
    ("Communications of the ACM 13(6), 1970.", {"pages": "1970"}),  # a lone page may look like a year
    ("Nature, 171:4356: 737.", {"volume": "171", "number": "4356", "pages": "737"}),  # volume:issue: page
    ("Nature. 1953 171(4356) 737.", {"volume": "171", "number": "4356", "pages": "737"}),
    ("Physical Review, 47, 777. Retrieved from JSTOR.", {"volume": "47", "pages": "777"}),
    ("47, 777.", {"volume": "47", "pages": "777"}),  # the journal went with the title
    ("Reading, MA: Addison-Wesley, chapter 3, 1-193.", {"chapter": "3", "volume": None, "pages": "1--193"}),
    ("Journal of Conchology 35((5)), 221-223.", {"volume": "35", "number": "5", "pages": "221--223"}),  # doubled
    ("Advances in Mathematical Physics, Article ID 4458562, 25 pages.", {"pages": "4458562"}),  # Hindawi
    ("Neural Computation, 9(8):1735, 1997", {"volume": "9", "pages": "1735", "year": "1997"}),  # page after a colon
    ("Harvard Business Review, LXX (January-February, 1992), pp. 71-79.",
     {"volume": "LXX", "number": None, "year": "1992"}),  # two months before the year are a date, not an issue
    ("Proceedings of the Aristotelian Society 91 (1990-91): 1-20.", {"volume": "91", "number": None}),  # a year span
])
def test_number_shapes(text: str, expected: dict[str, str]) -> None:
    got = parse_numbers(text).fields
    for name, value in expected.items():
        assert got.get(name) == value, f"{name}: {got.get(name)!r} != {value!r} (all: {got})"


def test_container_loses_a_dash_before_the_date() -> None:
    """``Computational Management Science — 2014, Volume 11``: the dash went with the date."""
    assert clean_container("Computational Management Science \u2014") == "Computational Management Science"


@pytest.mark.parametrize("text, journal", [
    # the model may not cut a journal the rules closed between a sentence end and its volume
    ("Stolper, E., Water in silicate glasses: an infrared spectroscopic study. Contributions to Mineralogy and "
     "Petrology, v. 81, pp. 1-17. 1982.", "Contributions to Mineralogy and Petrology"),
    ("Hirsch JE (2005) An index to quantify an individual's scientific research output. P Natl Acad Sci USA "
     "102(46):16569-16572.", "P Natl Acad Sci USA"),
])
def test_journal_before_its_volume_is_settled(text: str, journal: str) -> None:
    assert fields_of(text).get("journal") == journal


def test_months_left_of_a_date_are_no_publisher() -> None:
    from refcheck.parse.tail import _publisher_from
    assert _publisher_from(["July / August"]) == {}
    assert _publisher_from(["Fall", "Harvard University Press"]) == {"publisher": "Harvard University Press"}


def test_trailing_brackets_are_cut_in_one_pass() -> None:
    """``Journal ((((…``: cutting one bracket at a time was quadratic."""
    import time
    from refcheck.parse.fields import _strip_lead
    assert _strip_lead("Journal of Physics, ( [ (") == "Journal of Physics"
    started = time.perf_counter()
    assert _strip_lead("Journal " + "(" * 400_000) == "Journal"
    assert time.perf_counter() - started < 1.0
