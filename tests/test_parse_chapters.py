"""Chapters in edited books: the editors after ``In`` (marked or not, in several languages), the book
title after them, and the book title's own end (a subtitle, a place, names before ``(ed.)``).

Each reference is written out by hand from a real book, in the shape that once put the wrong
words in the book title (or lost it).
"""

from __future__ import annotations

import pytest

from refcheck import parse
from parse_fields import assert_fields, typed_fields_of
from refcheck.parse.chapter import cut_booktitle, subtitle_end, take_editors
from refcheck.parse.tail import STRONG_PUBLISHER


CASES = [
    pytest.param(  # editor first, "ed." after a comma, a comma inside the book title
        "Rosch, Eleanor. 1978. “Principles of Categorization.” In Barbara B. Lloyd, ed., Cognition and "
        "Categorization, Behaviour and Perception, Hillsdale: Lawrence Erlbaum, 27-48.",
        {"title": "Principles of Categorization", "booktitle": "Cognition and Categorization, Behaviour and Perception"},
        id="editor-comma-ed"),
    pytest.param(  # Italian "(a cura di)"
        "Eco, U. (2000). Sugli specchi. In P. Fabbri, G. Marrone (a cura di). Semiotica in nuce. Roma: Meltemi.",
        {"title": "Sugli specchi", "booktitle": "Semiotica in nuce"},
        id="a-cura-di"),
    pytest.param(  # Vancouver "In: Names, editors."
        "Snyder SH. Nitric oxide as a neuronal messenger. In: Bloom FE, Kupfer DJ, editors. Psychopharmacology: "
        "the fourth generation of progress. New York: Raven Press; 1995. p. 609-18.",
        {"booktitle": "Psychopharmacology: the fourth generation of progress"},
        id="vancouver-editors"),
    pytest.param(  # no editor mark: names with initials, a comma, the book
        "Austin, J. L. 1961. ‘Other Minds’, in Urmson, J. O., Philosophical Papers. Oxford: Clarendon Press, 44–84.",
        {"title": "Other Minds", "booktitle": "Philosophical Papers"},
        id="unmarked-editor"),
    pytest.param(  # ABNT: upper-case surnames with initials, then the book
        "FREIRE, P. A importância do ato de ler. In: SILVA, E. T.; ZILBERMAN, R. Leitura: perspectivas "
        "interdisciplinares. São Paulo: Ática, 1988. p. 7-20.",
        {"booktitle": "Leitura: perspectivas interdisciplinares"},
        id="abnt-editors"),
    pytest.param(  # German "(Hg.)", then the place before the pages
        "Habermas, J. 1971: Der Universalitätsanspruch der Hermeneutik, in: K.-O. Apel (Hg.), Hermeneutik und "
        "Ideologiekritik, Frankfurt, 120-159",
        {"booktitle": "Hermeneutik und Ideologiekritik"},
        id="german-hg"),
    pytest.param(  # French "Nom (I.) dir.,"
        "Le Goff (J.), « Les mentalités : une histoire ambiguë », in Le Goff (J.) et Nora (P.) dir., Faire de "
        "l'histoire, Gallimard, 1974, p. 76-94.",
        {"booktitle": "Faire de l'histoire"},
        id="french-dir"),
    pytest.param(  # Spanish "en" after a comma, editors with "eds" and no period
        "Schölkopf B., Smola A. y Müller K. 1998. \\textit{Kernel principal component analysis}, en B. Schölkopf, "
        "C. Burges y A. Smola, eds, Advances in Kernel Methods, MIT Press, pp. 327-352.",
        {"title": "Kernel principal component analysis", "booktitle": "Advances in Kernel Methods"},
        id="spanish-en"),
    pytest.param(  # the book's subtitle is a second sentence, then the place and publisher
        "Wade DT. Measurement in neurological rehabilitation. In: Greenwood R, ed. Neurological Rehabilitation. "
        "Theory and Practice. London: Churchill Livingstone; 1993. p. 27-41.",
        {"booktitle": "Neurological Rehabilitation. Theory and Practice"},
        id="subtitle-before-place"),
    pytest.param(  # "Book, eds. N. Names": the names after the mark are the editors
        "Wei, L. J. (1995), “Properties of the urn randomization,” in: Adaptive Designs, eds. N. Flournoy and "
        "W. F. Rosenberger, Hayward, CA: Institute of Mathematical Statistics, pp. 1-10.",
        {"booktitle": "Adaptive Designs"},
        id="book-then-eds"),
    pytest.param(  # geology style: "in Names, eds., Book: Place, Publisher"
        "Kidwell, S. M., 1991, The stratigraphy of shell concentrations, in Allison, P. A., and Briggs, D. E. G., "
        "eds., Taphonomy: Releasing the Data Locked in the Fossil Record: New York, Plenum Press, p. 211-290.",
        {"booktitle": "Taphonomy: Releasing the Data Locked in the Fossil Record"},
        id="colon-place-publisher"),
    pytest.param(  # Spanish "en", "(ed.)" after the editor, the city before the publisher
        "Nutton, Vivian (1992), Healers in the medical market place, en Wear, Andrew (ed.) Medicine in Society: "
        "Historical Essays, Cambridge, Cambridge University Press, pp. 15-58",
        {"title": "Healers in the medical market place", "booktitle": "Medicine in Society: Historical Essays"},
        id="place-before-publisher"),
    pytest.param(  # "Book, ed. Name Name": the names after the mark are the editor, the book comes first
        "Brown, Peter. “The Saint as Exemplar in Late Antiquity.” In Saints and Virtues, ed. John Stratton Hawley. "
        "Berkeley, 1987. Pp. 3–14.",
        {"booktitle": "Saints and Virtues"},
        id="book-ed-names"),
    pytest.param(  # the model keeps the book an "in" introduces, and the title stops before it
        "Box, G. E. P. 1979. Robustness in the strategy of scientific model building, in Robustness in "
        "Statistics, edited by R. L. Launer and G. N. Wilkinson, Academic Press, New York.",
        {"title": "Robustness in the strategy of scientific model building", "booktitle": "Robustness in Statistics"},
        id="in-book-kept"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_chapter_shapes(text: str, expected: dict[str, str]) -> None:
    assert_fields(text, expected)


def test_take_editors_shapes() -> None:
    assert take_editors("A. Nowak (Red.), The Book")[1] == "The Book"
    assert take_editors("Clem, Greenberg, and Olander, 24-65.") == ("", "Clem, Greenberg, and Olander, 24-65.")
    # "Machine Learning" reads as a name, but there is no initial: not an editor list
    assert take_editors("Machine Learning, Proceedings of the Tenth Conference")[0] == ""


def test_cut_booktitle_names_before_eds() -> None:
    s = "Droga, cultura y sociedad: la mirada local, Julio Ramos y Ana Pérez (ed.), 1-9."
    end = s.index(" (ed.)")
    assert s[:cut_booktitle(s, end, STRONG_PUBLISHER)] == "Droga, cultura y sociedad: la mirada local"


def test_subtitle_needs_a_place_or_editors_after_it() -> None:
    s = "Book Title. Second Part. Springer; 2001."
    assert subtitle_end(s, s.index(".") + 1) == s.index(".") + 1


def test_rules_alone_keep_the_same_book() -> None:
    saved = parse.reference.USE_MODEL
    parse.reference.USE_MODEL = False
    try:
        _, fields = typed_fields_of("Box, G. E. P. 1979. Robustness in the strategy of scientific model building, "
                                    "in Robustness in Statistics, edited by R. L. Launer and G. N. Wilkinson, Academic Press.")
    finally:
        parse.reference.USE_MODEL = saved
    assert fields.get("booktitle") == "Robustness in Statistics"


def _fake_model(monkeypatch: pytest.MonkeyPatch, labels: list[str]) -> None:
    """A labeller sure of ``labels``: what the real model sometimes says about a chapter."""
    from refcheck.parse import combine

    monkeypatch.setattr(combine, "label_tokens", lambda toks, marks=None: labels)
    monkeypatch.setattr(combine, "marginal", lambda label, t: 0.99 if labels[t] == label else 0.01)


def test_model_keeps_the_book_after_in(monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck.parse import combine

    s = "Box, G. 1979. Robustness in model building, in Robustness in Statistics, Academic Press."
    fields = {"author": "Box, G.", "year": "1979", "title": "Robustness in model building",
              "booktitle": "Robustness in Statistics", "publisher": "Academic Press"}
    # the model runs the title on through the book and sees no container
    _fake_model(monkeypatch, ["author", "author", "date"] + ["title"] * 8 + ["publisher"] * 2)
    changes = combine.refine(s, "Box, G.", fields)
    assert "container" not in changes and "title" not in changes


def test_model_keeps_the_editors_out_of_the_book(monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck.parse import combine

    s = "Austin, J. L. 1961. Other minds, in Urmson, J. O., Philosophical Papers, Clarendon Press."
    fields = {"author": "Austin, J. L.", "year": "1961", "title": "Other minds", "editor": "Urmson, J. O.",
              "booktitle": "Philosophical Papers", "publisher": "Clarendon Press"}
    _fake_model(monkeypatch, ["author"] * 3 + ["date", "title", "title", "note"] + ["container"] * 5 + ["publisher"] * 2)
    assert "container" not in combine.refine(s, "Austin, J. L.", fields)


YEAR_SPANS = [
    pytest.param(  # a book title closing in its period after a comma, then the pages
        "Foucault, M. (1994). La folie, l'absence d'oeuvre. In M. Foucault, Dits et écrits I, 1954–1969 "
        "(pp. 412–420). Paris: Gallimard.",
        "Dits et écrits I, 1954–1969", id="comma-year-span"),
    pytest.param(  # the period with no comma before it
        "Strawson, P. F. 1971. ‘Intention and Convention in Speech Acts’, in Strawson, P. F., Logico-Linguistic "
        "Papers 1950–1970. London; Methuen. 149–169.",
        "Logico-Linguistic Papers 1950–1970", id="bare-year-span"),
    pytest.param(  # "Chapter 6 in Editors (editors) Book"
        "Haavelmo, T. (1953), “Methods of Measuring the Marginal Propensity to Consume,” Chapter 4 in Hood, W. and "
        "T. Koopmans (editors) Studies in Econometric Method. New York: Wiley, 75-91.",
        "Studies in Econometric Method", id="chapter-n-in"),
]


@pytest.mark.parametrize("text, booktitle", YEAR_SPANS)
def test_book_titles_keep_their_period(text: str, booktitle: str) -> None:
    assert typed_fields_of(text)[1].get("booktitle") == booktitle


def test_model_keeps_what_precedes_in_out_of_the_book(monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck.parse import combine

    s = "Hood, W. 1953. Title, Chapter 6 in Koopmans, T. (ed.) Studies in Method. Wiley."
    fields = {"author": "Hood, W.", "year": "1953", "title": "Title", "editor": "Koopmans, T.",
              "booktitle": "Studies in Method", "publisher": "Wiley"}
    # the model calls "Chapter" the container, and not the book
    _fake_model(monkeypatch, ["author", "author", "date", "title", "container"] + ["note"] * 8 + ["publisher"])
    assert "container" not in combine.refine(s, "Hood, W.", fields)


def test_model_title_does_not_end_on_a_joining_word(monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck.parse import combine

    s = "Thompson, L. 1996. Melt petrogenesis at Sudbury. Contributions to Mineralogy and Petrology, v. 125, p. 1."
    fields = {"author": "Thompson, L.", "year": "1996", "title": "Melt petrogenesis at Sudbury",
              "journal": "Contributions to Mineralogy and Petrology", "volume": "125", "pages": "1"}
    # the model runs the title on to "... Mineralogy and"
    _fake_model(monkeypatch, ["author", "author", "date"] + ["title"] * 8 + ["container"] + ["num"] * 4)
    assert "title" not in combine.refine(s, "Thompson, L.", fields)


def test_short_reference_to_an_edited_book_by_its_editors() -> None:
    _, fields = typed_fields_of("Asimov, Isaac. “The Last Question.” In Silverberg, Greenberg, and Waugh, 301–14.")
    assert "booktitle" not in fields and fields.get("pages") == "301--14"
    # a book title that reads like names but carries small words stays the book
    _, fields = typed_fields_of("Doe, J. “A Chapter.” In Romeo and Juliet in Performance, 10–20.")
    assert fields.get("booktitle") == "Romeo and Juliet in Performance"


def test_model_does_not_drop_a_journal_of(monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck.parse import combine

    s = "Li, X. 2023. Subsidence over coal seams. Journal of Mining Science 42, no. 1: 38-48."
    fields = {"author": "Li, X.", "year": "2023", "title": "Subsidence over coal seams",
              "journal": "Journal of Mining Science", "volume": "42", "number": "1", "pages": "38--48"}
    # the model sees no container at all
    _fake_model(monkeypatch, ["author", "author", "date"] + ["title"] * 4 + ["note"] * 4 + ["num"] * 4)
    assert "container" not in combine.refine(s, "Li, X.", fields)
