"""Where a title ends and its journal or book begins: quoted titles with quotes inside them, and
the other title shapes that once ran into (or stopped short of) what follows.

Each reference is written out by hand from a real work, in the shape that once went wrong.
"""

from __future__ import annotations

import pytest

from refcheck.parse import parse_reference
from parse_fields import assert_fields, fields_of
from refcheck.parse.text import find_quoted


CASES = [
    pytest.param(  # a quoted word inside a single-quoted title
        "Hall, S. (1996) ‘Who Needs ‘Identity’ Now’, in S. Hall and P. du Gay (eds) Questions of Cultural "
        "Identity, London: Sage, 1–17.",
        {"title": "Who Needs ‘Identity’ Now", "booktitle": "Questions of Cultural Identity"},
        id="nested-single-quotes"),
    pytest.param(  # a plural possessive inside a single-quoted title
        "Ivković, Z. and Weisbenner, S. (2005) 'Local does as local is: Information content of the geography of "
        "individual investors' common stock investments', Journal of Finance, 60(1), 267-306.",
        {"title": "Local does as local is: Information content of the geography of individual investors' common "
                  "stock investments", "journal": "Journal of Finance"},
        id="possessive-in-quotes"),
    pytest.param(  # a title that opens with its own quotation
        "Ramos, Julio. 2010. ““Mi amigo el indio”. Raza y nación en la crónica modernista”. Revista "
        "Iberoamericana 76 (231): 17-34.",
        {"title": "“Mi amigo el indio”. Raza y nación en la crónica modernista", "journal": "Revista Iberoamericana"},
        id="quote-opening-a-quoted-title"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_title_shapes(text: str, expected: dict[str, str]) -> None:
    assert_fields(text, expected)


def test_find_quoted_nesting_and_fallback() -> None:
    s = "“A “B” C”, J."
    assert find_quoted(s)[:2] == (0, 8)
    # an opener that never closes inside: the first closer stands
    s = "'Rock 'n roll today', Music 3."
    assert s[find_quoted(s)[0] + 1: find_quoted(s)[1]] == "Rock 'n roll today"
    s = "'Parents' voices', Child 2."  # the apostrophe is the only closer before a later one
    assert s[1: find_quoted(s)[1]] == "Parents' voices"


MORE = [
    pytest.param(  # "/~user" in a URL is not a LaTeX tie: the URL comes out whole
        "Knuth, D. E. (1996). Frequently asked questions about TeX. https://www-cs-faculty.stanford.edu/~knuth/faq.html",
        {"title": "Frequently asked questions about TeX"},
        id="tilde-in-url"),
    pytest.param(  # "[Date accessed: …]" goes whole, then the "available online at:" it leaves
        "Office for National Statistics (2021) Census 2021 results, available online at: https://www.ons.gov.uk/census "
        "[Date accessed: 3rd May 2023]",
        {"title": "Census 2021 results"},
        id="bracketed-access-date"),
    pytest.param(  # "Vols." with Roman numbers after the title
        "Gibbon, Edward. 1776. The History of the Decline and Fall of the Roman Empire, Vols. I-VI. London: Strahan "
        "and Cadell.",
        {"title": "The History of the Decline and Fall of the Roman Empire"},
        id="vols-roman"),
    pytest.param(  # Portuguese edition "19ª Edição"
        "SAMUELSON, P. A.; NORDHAUS, W. D. Economia política moderna. 19ª Edição. Porto Alegre: AMGH, 2012.",
        {"title": "Economia política moderna", "edition": "19"},
        id="edicao"),
    pytest.param(  # "7ª ed.," between commas: the publisher after it stays apart from the title
        "CANOTILHO, J. J. Direito constitucional e teoria da constituição, 7ª ed., Coimbra: Almedina, 2003.",
        {"title": "Direito constitucional e teoria da constituição", "edition": "7", "publisher": "Almedina"},
        id="ed-between-commas"),
    pytest.param(  # a lower-case clause with "review" in it is not a journal
        "Nguyen, T. (2020). Coral bleaching worsens, scientists review the causes. Retrieved March 3, 2021, from "
        "https://www.example.org/coral",
        {"title": "Coral bleaching worsens, scientists review the causes"},
        id="lowercase-review-clause"),
    pytest.param(  # GSA style: "Title: Journal, v. 46, p. …" - the part after the last colon is the journal
        "Blair, T. C., 1999, Cause of dominance by sheetflood vs. debris-flow processes on two adjoining alluvial fans, "
        "Death Valley, California: Sedimentology, v. 46, p. 1015–1028.",
        {"title": "Cause of dominance by sheetflood vs. debris-flow processes on two adjoining alluvial fans, Death "
                  "Valley, California", "journal": "Sedimentology"},
        id="gsa-colon-journal"),
    pytest.param(  # "trans." after a comma ends the title even in lower case
        "Urbach, Ephraim E. 1975. The Sages: Their Concepts and Beliefs, trans. Israel Abrahams. Jerusalem: Magnes Press.",
        {"title": "The Sages: Their Concepts and Beliefs"},
        id="trans-after-comma"),
]


@pytest.mark.parametrize("text, expected", MORE)
def test_title_ends(text: str, expected: dict[str, str]) -> None:
    assert_fields(text, expected)


NO_CONTAINER = [
    pytest.param(  # IEEE web page: "[Online]. Available: URL. [Accessed …]" leaves no "Available" journal
        "[3] Python Software Foundation, “The Python Language Reference,” [Online]. Available: "
        "https://docs.python.org/3/reference/. [Accessed 2 5 2024].",
        id="ieee-available"),
    pytest.param(  # French "Consulté le …, sur Site:" is the access note, not a journal
        "Python Software Foundation. (2024, Janvier 10). Python. Consulté le Mars 2, 2024, sur Python: "
        "https://www.python.org/",
        id="consulte-le"),
    pytest.param(  # a bare arXiv preprint with its date is not in a journal called "arXiv"
        "A. Vaswani et al., \"Attention is all you need.\" arXiv, Jun. 12, 2017. doi: 10.48550/arXiv.1706.03762. "
        "Available: https://arxiv.org/abs/1706.03762",
        id="arxiv-dated"),
]


@pytest.mark.parametrize("text", NO_CONTAINER)
def test_no_container(text: str) -> None:
    fields = fields_of(text)
    assert "journal" not in fields and "booktitle" not in fields, fields


def test_latex_comment_is_dropped() -> None:
    fields = fields_of(r"Alesina, A. and D. Rodrik (1994), \textquotedblleft Distributive Politics and Economic "
                       r"Growth\textquotedblright , \textit{Quarterly Journal of Economics}, forthcoming.% revised draft")
    assert fields["journal"] == "Quarterly Journal of Economics"
    # "50%" outside LaTeX and "%20" in a URL are kept
    assert "50%" in fields_of("Doe, J. (2020). Cutting waste by 50% in ten years. Waste Studies, 3(1), 1-9.")["title"]


SUBTITLES = [
    pytest.param(  # after a question, a subtitle with only a parenthesised publisher after it
        "Ehrman, Bart D. 2012. Did Jesus Exist? The Historical Argument for Jesus of Nazareth (New York: HarperOne, "
        "2012).",
        "Did Jesus Exist? The Historical Argument for Jesus of Nazareth", id="question-paren-publisher"),
    pytest.param(  # after a question, a subtitle with only a URL after it
        "Ehrman, B. D. (2012). Did Jesus exist? The historical argument for Jesus of Nazareth. "
        "https://www.harpercollins.com/products/did-jesus-exist",
        "Did Jesus exist? The historical argument for Jesus of Nazareth", id="question-url"),
    pytest.param(  # a book's second sentence, then a publisher that ends the reference
        "Kuhn, T. S. (1957). The Copernican Revolution. Planetary Astronomy in the Development of Western Thought. "
        "Harvard University Press.",
        "The Copernican Revolution. Planetary Astronomy in the Development of Western Thought", id="book-subtitle-press"),
    pytest.param(  # a book's second sentence, then place and publisher
        "Bourdieu, P. (1979). La distinction. Critique sociale du jugement. Paris: Éditions de Minuit.",
        "La distinction. Critique sociale du jugement", id="book-subtitle-place"),
    pytest.param(  # a series between title and place is not a subtitle
        "Chomsky, N. (1981). Lectures on Government and Binding. Studies in Generative Grammar. Dordrecht: Foris.",
        "Lectures on Government and Binding", id="series-not-subtitle"),
]


@pytest.mark.parametrize("text, title", SUBTITLES)
def test_subtitles(text: str, title: str) -> None:
    assert fields_of(text)["title"] == title


PERIODICALS = [
    pytest.param(  # "(in press)": the name after the title is the journal, though it has no volume yet
        "Carey, S., & Spelke, E. (in press). Science and core knowledge in early childhood. Cognition.",
        {"title": "Science and core knowledge in early childhood", "journal": "Cognition"},
        id="in-press"),
    pytest.param(  # a newspaper's day date, then its name and a URL
        "Kolata, G. (2021, March 3). Scientists seek clues to why the virus spares some people. Politiken. "
        "https://example.org/virus",
        {"journal": "Politiken"},
        id="day-date-newspaper"),
    pytest.param(  # "Chapter 1 - " before a chapter title; "(Second Edition)" after the book title
        "Smith RL, Jones P. Chapter 3 - Soil microbial communities and their functions. In: Paul EA, editor. Soil "
        "Microbiology, Ecology and Biochemistry (Fourth Edition), Academic Press; 2015, p. 55-81.",
        {"title": "Soil microbial communities and their functions",
         "booktitle": "Soil Microbiology, Ecology and Biochemistry"},
        id="chapter-prefix"),
]


@pytest.mark.parametrize("text, expected", PERIODICALS)
def test_periodicals_and_chapters(text: str, expected: dict[str, str]) -> None:
    assert_fields(text, expected)


def test_site_that_is_the_author_is_not_a_journal() -> None:
    fields = fields_of("World Health Organization. (2023, May 5). Statement on the fifteenth meeting of the IHR "
                       "Emergency Committee. World Health Organization. https://www.who.int/news/item/05-05-2023")
    assert "journal" not in fields


BOUNDARIES = [
    pytest.param(  # author-date: a quoted question opens the title, which runs on to its sentence end
        "Turkle, S. (2011). “Why do we expect more from technology?” Solitude and intimacy in the networked age. "
        "Social Research, 78(4), 1-20.",
        {"title": "“Why do we expect more from technology?” Solitude and intimacy in the networked age",
         "journal": "Social Research"},
        id="quoted-question-runs-on"),
    pytest.param(  # the italic journal's words also end the title: the italic field is the later one
        r"Dantzig, G. B.: \newblock Linear programming in Operations Research. \newblock {\em Operations Research}, "
        r"{\bf 50}:42--47, 2002.",
        {"title": "Linear programming in Operations Research", "journal": "Operations Research"},
        id="italic-journal-in-title"),
    pytest.param(  # "100 B.C.-A.D. 250" after a comma is a date range in the title, not a volume
        "Millar, F. (1993). The Roman Near East, 31 B.C.–A.D. 337. Harvard University Press.",
        {"title": "The Roman Near East, 31 B.C.–A.D. 337", "publisher": "Harvard University Press"},
        id="bc-ad-range"),
    pytest.param(  # a series after a comma ends the title
        r"POPPER, Karl. \emph{A Lógica da Pesquisa Científica}, Coleção Estudos, São Paulo: Cultrix, 1972.",
        {"title": "A Lógica da Pesquisa Científica"},
        id="colecao"),
    pytest.param(  # Taylor & Francis after a comma is the publisher
        r"\bibitem{ashcroft} N. W. Ashcroft,  Solid State Physics Problems,  Taylor \& Francis, London, 1990.",
        {"title": "Solid State Physics Problems"},
        id="taylor-francis"),
    pytest.param(  # "In Press." after the journal is not a publisher closing a book subtitle
        "Smith, J. (2014). Carbon pricing and growth: A survey of the evidence. Energy Economics and Policy. In "
        "Press.",
        {"title": "Carbon pricing and growth: A survey of the evidence"},
        id="in-press-not-publisher"),
]


@pytest.mark.parametrize("text, expected", BOUNDARIES)
def test_title_boundaries(text: str, expected: dict[str, str]) -> None:
    assert_fields(text, expected)


def test_year_span_closing_a_book_title() -> None:
    fields = fields_of("Hobsbawm, Eric. The Age of Revolution: Europe, 1789-1848. London: Weidenfeld & Nicolson, 1962.")
    assert fields["title"] == "The Age of Revolution: Europe, 1789-1848"


@pytest.mark.parametrize("text, title", [
    pytest.param("Gadamer, Hans-Georg, Truth and Method, Joel Weinsheimer (trans.) (London: Sheed & Ward, 1989).",
                 "Truth and Method", id="translator-after-comma"),
])
def test_translator_ends_the_title(text: str, title: str) -> None:
    assert fields_of(text)["title"] == title


def test_trad_par_ends_the_title_in_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck import parse

    monkeypatch.setattr(parse.reference, "USE_MODEL", False)
    text = "Michel Foucault, Surveiller et punir, Trad it. par Alcesti Tarchetti. Torino : Einaudi, 1976."
    assert fields_of(text)["title"] == "Surveiller et punir"


@pytest.mark.parametrize("text, title", [
    pytest.param("SANTOS, M. A natureza do espaço: técnica e tempo, razão e emoção - Tese (Livre-Docência). Universidade "
                 "de São Paulo, São Paulo, 1996.",
                 "A natureza do espaço: técnica e tempo, razão e emoção", id="dash-tese"),
    pytest.param("Nash, J. F. (1950). Non-cooperative games, with an appendix on equilibrium points, Doctoral "
                 "dissertation, Princeton University.",
                 "Non-cooperative games, with an appendix on equilibrium points", id="comma-doctoral"),
])
def test_thesis_note_leaves_the_title(text: str, title: str) -> None:
    entry = parse_reference(text)
    assert entry.fields_dict["title"].value == title
    assert entry.entry_type in ("phdthesis", "mastersthesis")


def test_lowercase_note_after_the_title_stays_with_it() -> None:
    fields = fields_of("Shoemaker, E. M., Chao, E. C. T., Impact origin of the Ries basin, Bavaria? (abstract). "
                       "Journal of Geophysical Research, v. 66, p. 3371. 1961.")
    assert fields["title"].endswith("(abstract)") and fields["journal"] == "Journal of Geophysical Research"


def test_place_publisher_with_month_and_year_leaves_the_title(monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck import parse

    monkeypatch.setattr(parse.reference, "USE_MODEL", False)  # the rules alone
    fields = fields_of("Roubaud, Jacques, La Vieillesse d’Alexandre, Paris : Ramsay, mars 1988.")
    assert fields["title"] == "La Vieillesse d’Alexandre"
