"""Container, volume and issue in the shapes the text2bib error review turned up."""

from __future__ import annotations

import pytest

from parse_fields import fields_of


@pytest.mark.parametrize("text, expected", [
    pytest.param(  # ACS/MDPI: journal, year, volume, pages; the year masks nothing after it
        "Yan, B.; Luh, P.B.; Warner, G.; Zhang, P. Operation and Design Optimization of Microgrids with "
        "Renewables. IEEE Trans. Autom. Sci. Eng. 2017, 14, 573–585.",
        {"journal": "IEEE Trans. Autom. Sci. Eng", "volume": "14", "pages": "573--585"}, id="acs-year-volume"),
    pytest.param(  # a place ending the title is not the start of an abbreviated journal
        "Muthu, C., Ayyanar, M., Raja, N., & Ignacimuthu, S. (2006). Medicinal plants used by traditional healers "
        "in Kancheepuram District of Tamil Nadu, India. Journal of Ethnobiology and Ethnomedicine, 2, 43.",
        {"journal": "Journal of Ethnobiology and Ethnomedicine", "volume": "2",
         "title": "Medicinal plants used by traditional healers in Kancheepuram District of Tamil Nadu, India"},
        id="place-before-journal"),
    pytest.param(  # Chicago: volume before a parenthesised month
        "Nuñez, M. 2019. “Exploring Materials Band Structure Space with Unsupervised Machine Learning.” "
        "Computational Materials Science 158 (February): 117–23.",
        {"journal": "Computational Materials Science", "volume": "158", "pages": "117--23"}, id="volume-month"),
    pytest.param(  # Scopus export: comma-separated, abbreviated journal
        "Kivimaa P., Kern F., Creative destruction or mere niche support? Innovation policy mixes for "
        "sustainability transitions, Res. Policy, 45, 1, pp. 205-217, (2016)",
        {"journal": "Res. Policy", "volume": "45",
         "title": "Creative destruction or mere niche support? Innovation policy mixes for sustainability transitions"},
        id="comma-abbreviated-journal"),
    pytest.param(  # S1 is a supplement issue, not "S. 1" (German pages)
        "Aziz, A. N. A., & Nillson, K. (2018). Recreational use of urban green space in Malaysian cities. "
        "International Journal of Business and Society, 19(S1), pp. 1-16.",
        {"volume": "19", "number": "S1", "pages": "1--16"}, id="supplement-issue"),
    pytest.param(  # Markdown emphasis from a pandoc export
        "Berners-Lee, T., Hendler, J., & Lassila, O. (2001). The Semantic Web. _Scientific American_, _284_(5), 34–43.",
        {"journal": "Scientific American", "volume": "284", "number": "5", "pages": "34--43"}, id="markdown"),
    pytest.param(  # fullwidth punctuation (Chinese references)
        "LIU H L，Ma J，ZHANG G X. Review of studies on deep learning-based content recommendation algorithms［J］. "
        "Computer Engineering，2021，47（7）：1-12.",
        {"volume": "47", "number": "7", "pages": "1--12"}, id="fullwidth"),
    pytest.param(
        "Ilmonen, P., Nevalainen, J. and Oja, H., Characteristics of multivariate distributions and the invariant "
        "coordinate system, Statistics and Probability Letters, Vol. 80(23-24) (2010), 1844-1853.",
        {"volume": "80", "number": "23-24"}, id="vol-paren-issue"),
    pytest.param(  # a parenthesised year after the volume is the year, not the issue
        'Basmann, R. L. "A Generalized Classical Method of Linear Estimation of Coefficients in a Structural '
        'Equation," Econometrica, Vol. 25 (1957).',
        {"volume": "25", "year": "1957", "number": None}, id="vol-paren-year"),
    pytest.param(
        "Brubaker, Rogers. (2002). Ethnicity without groups. European Journal of Sociology, vol. 43, núm. 2: 163-189.",
        {"volume": "43", "number": "2"}, id="num-accent"),
    pytest.param(  # a translator note in parentheses is not part of the title
        "Ricoeur, P. (2014). O si-mesmo como outro (I. C. Benedetti trans.). São Paulo: Martins Fontes.",
        {"title": "O si-mesmo como outro"}, id="translator-note"),
    pytest.param(  # a Roman volume after the journal
        "Saha S., The treatments of effluents in Beryllium production, Indian Chemical Engineer, XXXIII (2), "
        "62-64, 1991.",
        {"journal": "Indian Chemical Engineer", "volume": "XXXIII", "number": "2",
         "title": "The treatments of effluents in Beryllium production"}, id="roman-volume"),
])
def test_tail_shapes(text: str, expected: dict[str, str]) -> None:
    got = fields_of(text)
    for name, value in expected.items():
        assert got.get(name) == value, f"{name}: {got.get(name)!r} != {value!r} (all: {got})"
