"""Where the author list, title and container meet: the cues the parser uses to place each boundary.

Each reference is a real work written out by hand (facts from the publishers' records),
in the shape that once sent a boundary to the wrong place.
"""

from __future__ import annotations

import pytest

from refcheck.parse import parse_reference
from parse_fields import typed_fields_of


CASES = [
    pytest.param(  # commas in an unquoted title, a whole journal part after it: the title is not cut at a comma
        "Miller, G. A. (1956). The magical number seven, plus or minus two: Some limits on our capacity for "
        "processing information. Psychological Review, 63(2), 81–97.",
        "article",
        {"title": "The magical number seven, plus or minus two: Some limits on our capacity for processing information",
         "journal": "Psychological Review", "volume": "63", "number": "2", "pages": "81--97"},
        id="comma-title-then-journal"),
    pytest.param(  # a doubled period ends the title
        "Hubel, D. H., & Wiesel, T. N. (1962). Receptive fields, binocular interaction and functional architecture "
        "in the cat's visual cortex.. The Journal of Physiology, 160(1), 106–154.",
        "article",
        {"title": "Receptive fields, binocular interaction and functional architecture in the cat's visual cortex",
         "journal": "The Journal of Physiology", "volume": "160"},
        id="double-period"),
    pytest.param(  # abbreviated journal after a comma title (".., Bull. Seismol. Soc. Am.")
        "Kanamori, H., and D. L. Anderson, Theoretical basis of some empirical relations in seismology, "
        "Bull. Seismol. Soc. Am., 65, p. 1073-1095, 1975.",
        "article",
        {"title": "Theoretical basis of some empirical relations in seismology", "journal": "Bull. Seismol. Soc. Am",
         "volume": "65", "pages": "1073--1095"},
        id="comma-title-abbreviated-journal"),
    pytest.param(  # SIAM/IEEE book: title, publisher, city, year - the year is not an author-date year
        "P. Billingsley, Convergence of Probability Measures, Wiley, New York, 1968.",
        "book",
        {"author": "Billingsley, P.", "title": "Convergence of Probability Measures", "publisher": "Wiley",
         "year": "1968"},
        id="ieee-book-publisher"),
    pytest.param(  # a comma part starting with an article is a title, not a name
        "D. E. Knuth, The Art of Computer Programming, Addison-Wesley, Reading, MA, 1968.",
        "book",
        {"author": "Knuth, D. E.", "title": "The Art of Computer Programming", "year": "1968"},
        id="ieee-book-article"),
    pytest.param(  # Vancouver: the name list closes with initials; a title without commas follows
        "Otte C, Gold SM, Penninx BW, Pariante CM, Etkin A, Fava M, Mohr DC, Schatzberg AF. Major depressive "
        "disorder. Nat Rev Dis Primers. 2016;2:16065.",
        "article",
        {"title": "Major depressive disorder", "journal": "Nat Rev Dis Primers", "volume": "2", "year": "2016"},
        id="vancouver-short-title"),
    pytest.param(  # "Title, Volume N of Series": a book in a series, not a title-less journal reference
        "Milnor, J. W. (1963). Morse Theory, Volume 51 of Annals of Mathematics Studies. Princeton University Press.",
        "book",
        {"title": "Morse Theory", "publisher": "Princeton University Press", "year": "1963"},
        id="volume-of-series"),
    pytest.param(  # astronomy: author-date with no title, a short journal name
        "Perlmutter, S., Aldering, G., Goldhaber, G., et al. 1999, ApJ, 517, 565",
        "article",
        {"journal": "ApJ", "volume": "517", "pages": "565", "year": "1999"},
        id="astronomy-no-title"),
    pytest.param(  # LaTeX italics mark the journal the unquoted, comma-rich title ran into
        r"Kanwisher, N., McDermott, J., and Chun, M. M. (1997), The fusiform face area: a module in human "
        r"extrastriate cortex specialized for face perception, \textit{Journal of Neuroscience}, 17(11), 4302-4311.",
        "article",
        {"title": "The fusiform face area: a module in human extrastriate cortex specialized for face perception",
         "journal": "Journal of Neuroscience", "volume": "17", "number": "11", "pages": "4302--4311"},
        id="italic-journal"),
    pytest.param(  # an italic title right after the names ends the author list
        r"G. H. Golub and C. F. Van Loan, {\em Matrix Computations}, Johns Hopkins University Press, Baltimore, 1983.",
        "book",
        {"author": "Golub, G. H. and Van Loan, C. F.", "title": "Matrix Computations", "year": "1983"},
        id="italic-book-title"),
    pytest.param(  # HTML italics; "et al." in italics is not a title
        "Hodgkin, A. L. <i>et al.</i> A quantitative description of membrane current and its application to "
        "conduction and excitation in nerve. <i>J. Physiol.</i> 117, 500-544 (1952).",
        "article",
        {"title": "A quantitative description of membrane current and its application to conduction and excitation "
                  "in nerve", "journal": "J. Physiol", "volume": "117", "pages": "500--544", "year": "1952"},
        id="html-italics-et-al"),
    pytest.param(  # "Volume N of Series" goes to volume and series
        "Hartshorne, R. (1977). Algebraic Geometry, Volume 52 of Graduate Texts in Mathematics. Springer-Verlag.",
        "book",
        {"title": "Algebraic Geometry", "volume": "52", "series": "Graduate Texts in Mathematics",
         "publisher": "Springer-Verlag"},
        id="series-volume"),
    pytest.param(  # USGS/GSA style: numbers follow the colon-separated journal that ended the title
        "Dalziel, I. W. D., 1997, Neoproterozoic-Paleozoic geography and tectonics: Review, hypothesis, "
        "environmental speculation: Geological Society of America Bulletin, v. 109, p. 16-42.",
        "article",
        {"title": "Neoproterozoic-Paleozoic geography and tectonics: Review, hypothesis, environmental speculation",
         "journal": "Geological Society of America Bulletin", "volume": "109", "pages": "16--42"},
        id="gsa-colon-journal"),
    pytest.param(  # a year between the title and the journal
        "Hansen, J., Ruedy, R., Sato, M., Lo, K., Global surface temperature change, 2010, Reviews of Geophysics, "
        "Vol. 48, RG4004.",
        "article",
        {"title": "Global surface temperature change", "journal": "Reviews of Geophysics", "volume": "48",
         "year": "2010"},
        id="year-between-title-and-journal"),
    pytest.param(  # GB/T 7714 type marks ([J], [C]//) end the title
        "He K, Zhang X, Ren S, Sun J. Deep residual learning for image recognition[C]//Proceedings of the IEEE "
        "Conference on Computer Vision and Pattern Recognition. 2016: 770-778.",
        "inproceedings",
        {"title": "Deep residual learning for image recognition",
         "booktitle": "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition",
         "pages": "770--778", "year": "2016"},
        id="gbt-type-mark"),
    pytest.param(  # "arXiv" starts a sentence though it is lower-case
        "Kingma, D. P., & Ba, J. (2014). Adam: A method for stochastic optimization. arXiv preprint arXiv:1412.6980.",
        "misc",
        {"title": "Adam: A method for stochastic optimization", "eprint": "1412.6980", "year": "2014"},
        id="arxiv-preprint"),
    pytest.param(  # "Retrieved <date>, from" goes with the access date
        "World Health Organization. (2021, September 13). Depression. Retrieved October 1, 2021, from "
        "https://www.who.int/news-room/fact-sheets/detail/depression",
        "misc",
        {"title": "Depression", "year": "2021"},
        id="retrieved-from"),
    pytest.param(  # LaTeX \item list marker
        r"\item Efron, B. (1979), ``Bootstrap methods: Another look at the jackknife,'' \textit{The Annals of "
        r"Statistics}, 7, 1-26.",
        "article",
        {"author": "Efron, B.", "title": "Bootstrap methods: Another look at the jackknife",
         "journal": "The Annals of Statistics", "volume": "7", "pages": "1--26"},
        id="latex-item"),
    pytest.param(  # "Title, City: Publisher" with no sentence end between
        "Kuhn, Thomas S. 1962. The Structure of Scientific Revolutions, Chicago: University of Chicago Press.",
        "book",
        {"title": "The Structure of Scientific Revolutions", "publisher": "University of Chicago Press",
         "address": "Chicago"},
        id="title-city-publisher"),
]


@pytest.mark.parametrize(("text", "entry_type", "expected"), CASES)
def test_boundaries(text: str, entry_type: str, expected: dict[str, str]) -> None:
    got_type, got = typed_fields_of(text)
    assert got_type == entry_type, got
    for name, value in expected.items():
        assert got.get(name) == value, f"{name}: {got.get(name)!r} != {value!r} (all: {got})"


def test_doi_in_markdown_link() -> None:
    _, got = typed_fields_of("Wilkinson, M. D., et al. (2016). The FAIR Guiding Principles for scientific data management "
                       "and stewardship. Scientific Data, 3, 160018. "
                       "[https://doi.org/10.1038/sdata.2016.18](https://doi.org/10.1038/sdata.2016.18)")
    assert got["doi"] == "10.1038/sdata.2016.18"
    assert got["journal"] == "Scientific Data"


def test_conference_days_and_issue_labels_are_not_pages() -> None:
    f = parse_reference("D. P. Kingma and J. Ba. Adam: A method for stochastic optimization. In 3rd International "
                        "Conference on Learning Representations (ICLR) May 7-9, 2015.").fields_dict
    assert "pages" not in f
    f = parse_reference("S. Yoon and A. Jameson. (1988) Lower-upper symmetric-Gauss-Seidel method for the Euler and "
                        "Navier-Stokes equations, AIAA Journal, Vol. 26/9, pp. 1025-1026.").fields_dict
    assert (f["volume"].value, f["number"].value, f["pages"].value) == ("26", "9", "1025--1026")
    f = parse_reference("FRIEDEN, Thomas R. et al. Ebola 2014—new challenges, new global response and responsibility. "
                        "New England Journal of Medicine, v. 371, n. 13, p. 1177-1180, 2014.").fields_dict
    assert f["number"].value == "13"
