"""parse_reference on one reference per citation style and per tricky feature.

The references are real works written out by hand in each style (facts from the
publishers' records); expectations list the fields that style carries.
"""

from __future__ import annotations

import pytest

from refcheck.parse import parse_reference


def fields_of(text: str) -> tuple[str, str, dict[str, str]]:
    entry = parse_reference(text)
    return entry.entry_type, entry.key, {f.key: f.value for f in entry.fields}


def assert_subset(got: dict[str, str], expected: dict[str, str]) -> None:
    for name, value in expected.items():
        assert got.get(name) == value, f"{name}: {got.get(name)!r} != {value!r} (all: {got})"


CASES = [
    pytest.param(  # APA 7 with DOI URL
        "Duman, R. S., Aghajanian, G. K., Sanacora, G., & Krystal, J. H. (2016). Synaptic plasticity and depression: "
        "New insights from stress and rapid-acting antidepressants. Nature Medicine, 22(3), 238–249. "
        "https://doi.org/10.1038/nm.4050",
        "article", "duman2016synaptic",
        {"author": "Duman, R. S. and Aghajanian, G. K. and Sanacora, G. and Krystal, J. H.", "year": "2016",
         "title": "Synaptic plasticity and depression: New insights from stress and rapid-acting antidepressants",
         "journal": "Nature Medicine", "volume": "22", "number": "3", "pages": "238--249", "doi": "10.1038/nm.4050"},
        id="apa"),
    pytest.param(  # Vancouver, particles, et al., doi: prefix
        "Murrough JW, Perez AM, Pillemer S, Stern J, Parides MK, aan het Rot M, et al. Rapid and longer-term "
        "antidepressant effects of repeated ketamine infusions in treatment-resistant major depression. "
        "Biol Psychiatry. 2013;74(4):250-6. doi:10.1016/j.biopsych.2012.06.022",
        "article", "murrough2013rapid",
        {"author": "Murrough, J. W. and Perez, A. M. and Pillemer, S. and Stern, J. and Parides, M. K. and "
                   "aan het Rot, M. and others",
         "journal": "Biol Psychiatry", "year": "2013", "volume": "74", "number": "4", "pages": "250--6",
         "doi": "10.1016/j.biopsych.2012.06.022"},
        id="vancouver"),
    pytest.param(  # Vancouver with month and no DOI
        "Duman RS, Aghajanian GK, Sanacora G, Krystal JH. Synaptic plasticity and depression: new insights from stress "
        "and rapid-acting antidepressants. Nat Med. 2016 Mar;22(3):238-49.",
        "article", "duman2016synaptic",
        {"journal": "Nat Med", "year": "2016", "volume": "22", "number": "3", "pages": "238--49"},
        id="vancouver-month"),
    pytest.param(  # IEEE with a list number, curly quotes and doi:
        "[3] D. Tkaczyk, P. Szostek, M. Fedoryszak, P. J. Dendek, and Ł. Bolikowski, “CERMINE: automatic extraction "
        "of structured metadata from scientific literature,” International Journal on Document Analysis and "
        "Recognition, vol. 18, no. 4, pp. 317–335, 2015, doi: 10.1007/s10032-015-0249-8.",
        "article", "tkaczyk2015cermine",
        {"author": "Tkaczyk, D. and Szostek, P. and Fedoryszak, M. and Dendek, P. J. and Bolikowski, Ł.",
         "title": "CERMINE: automatic extraction of structured metadata from scientific literature",
         "journal": "International Journal on Document Analysis and Recognition", "volume": "18", "number": "4",
         "pages": "317--335", "year": "2015", "doi": "10.1007/s10032-015-0249-8"},
        id="ieee"),
    pytest.param(  # Chicago notes-bibliography
        "Carhart-Harris, Robin L., and David J. Nutt. “Serotonin and Brain Function: A Tale of Two Receptors.” "
        "Journal of Psychopharmacology 31, no. 9 (2017): 1091–1120. https://doi.org/10.1177/0269881117725915.",
        "article", "carhartharris2017serotonin",
        {"author": "Carhart-Harris, Robin L. and Nutt, David J.", "journal": "Journal of Psychopharmacology",
         "volume": "31", "number": "9", "year": "2017", "pages": "1091--1120", "doi": "10.1177/0269881117725915"},
        id="chicago-notes"),
    pytest.param(  # Chicago author-date
        "Carhart-Harris, Robin L., and David J. Nutt. 2017. “Serotonin and Brain Function: A Tale of Two Receptors.” "
        "Journal of Psychopharmacology 31 (9): 1091–1120.",
        "article", "carhartharris2017serotonin",
        {"title": "Serotonin and Brain Function: A Tale of Two Receptors", "volume": "31", "number": "9",
         "year": "2017", "pages": "1091--1120"},
        id="chicago-author-date"),
    pytest.param(  # Harvard, single quotes, DOI with parentheses
        "Berman, R.M., Cappiello, A., Anand, A., Oren, D.A., Heninger, G.R., Charney, D.S. and Krystal, J.H. (2000) "
        "'Antidepressant effects of ketamine in depressed patients', Biological Psychiatry, 47(4), pp. 351-354. "
        "doi:10.1016/S0006-3223(99)00230-9.",
        "article", "berman2000antidepressant",
        {"title": "Antidepressant effects of ketamine in depressed patients", "journal": "Biological Psychiatry",
         "volume": "47", "number": "4", "pages": "351--354", "doi": "10.1016/S0006-3223(99)00230-9"},
        id="harvard"),
    pytest.param(  # MLA with et al.
        "Zarate, Carlos A., et al. “A Randomized Trial of an N-Methyl-D-Aspartate Antagonist in Treatment-Resistant "
        "Major Depression.” Archives of General Psychiatry, vol. 63, no. 8, 2006, pp. 856–864.",
        "article", "zarate2006randomized",
        {"author": "Zarate, Carlos A. and others", "journal": "Archives of General Psychiatry", "volume": "63",
         "number": "8", "year": "2006", "pages": "856--864"},
        id="mla-et-al"),
    pytest.param(  # LaTeX bibitem, ties, particles, book
        r"\bibitem{vanderkolk2014} B.~A. van~der Kolk, \textit{The Body Keeps the Score: Brain, Mind, and Body in "
        r"the Healing of Trauma}. New York: Viking, 2014.",
        "book", "vanderkolk2014body",
        {"author": "van der Kolk, B. A.", "address": "New York", "publisher": "Viking", "year": "2014",
         "title": "The Body Keeps the Score: Brain, Mind, and Body in the Healing of Trauma"},
        id="latex-book"),
    pytest.param(  # LaTeX accents, quotes, bold volume, particle "de"
        r"Sch{\"o}nfelder, S. and de Souza, P. (2019). ``A note on {DNA} repair,'' \emph{Nucleic Acids Research} "
        r"\textbf{47}(12), 6011--6020.",
        "article", "schonfelder2019note",
        {"author": "Schönfelder, S. and de Souza, P.", "title": "A note on DNA repair",
         "journal": "Nucleic Acids Research", "volume": "47", "number": "12", "pages": "6011--6020"},
        id="latex-article"),
    pytest.param(  # corporate author, edition
        "American Psychiatric Association. (2013). Diagnostic and statistical manual of mental disorders (5th ed.). "
        "Washington, DC: American Psychiatric Publishing.",
        "book", "americanpsychiatricassoc2013diagnostic",
        {"author": "{American Psychiatric Association}", "edition": "5", "address": "Washington, DC",
         "publisher": "American Psychiatric Publishing",
         "title": "Diagnostic and statistical manual of mental disorders"},
        id="corporate"),
    pytest.param(  # article number e-locator
        "Kaplan, M. R., & Smith, J. (2021). A cohort study of sleep. PLoS ONE, 16(3), e0248123. "
        "https://doi.org/10.1371/journal.pone.0248123",
        "article", "kaplan2021cohort",
        {"journal": "PLoS ONE", "volume": "16", "number": "3", "pages": "e0248123",
         "doi": "10.1371/journal.pone.0248123"},
        id="article-number"),
    pytest.param(  # chapter in an edited book
        "Krystal, J. H., & Sanacora, G. (2019). Ketamine and the glutamate hypothesis. In C. A. Zarate & H. K. Manji "
        "(Eds.), Glutamate-based therapies for psychiatric disorders (pp. 45–67). Basel: Birkhäuser.",
        "incollection", "krystal2019ketamine",
        {"editor": "Zarate, C. A. and Manji, H. K.", "booktitle": "Glutamate-based therapies for psychiatric disorders",
         "pages": "45--67", "address": "Basel", "publisher": "Birkhäuser"},
        id="chapter"),
    pytest.param(
        "Smith, Jane. 2015. “Ketamine and Synaptic Plasticity in the Rodent Prefrontal Cortex.” PhD diss., "
        "Yale University.",
        "phdthesis", "smith2015ketamine", {"school": "Yale University", "year": "2015"}, id="phd-thesis"),
    pytest.param(
        "Nguyen, T. (2018). Sleep and memory consolidation in adolescents [Master's thesis, University of Toronto].",
        "mastersthesis", "nguyen2018sleep",
        {"school": "University of Toronto", "title": "Sleep and memory consolidation in adolescents"},
        id="masters-thesis"),
    pytest.param(
        "K. He, X. Zhang, S. Ren, and J. Sun, “Deep residual learning for image recognition,” in Proc. IEEE Conf. "
        "Comput. Vis. Pattern Recognit. (CVPR), 2016, pp. 770–778.",
        "inproceedings", "he2016deep",
        {"booktitle": "Proc. IEEE Conf. Comput. Vis. Pattern Recognit. (CVPR)", "pages": "770--778", "year": "2016"},
        id="proceedings"),
    pytest.param(
        "Autor, D. H., & Dorn, D. (2009). The growth of low skill service jobs and the polarization of the US labor "
        "market (NBER Working Paper No. 15150). National Bureau of Economic Research.",
        "techreport", "autor2009growth",
        {"number": "15150", "institution": "National Bureau of Economic Research"},
        id="working-paper"),
    pytest.param(
        "Duman RS. Ketamine and rapid-acting antidepressants. Dialogues Clin Neurosci. 2014;16(1):11-27. "
        "DOI: 10.31887/DCNS.2014.16.1/rduman",
        "article", "duman2014ketamine", {"doi": "10.31887/DCNS.2014.16.1/rduman", "volume": "16"}, id="doi-label"),
    pytest.param(
        "Duman RS. Title of thing. Nat Med. 2016;22:238-249. https://dx.doi.org/10.1038/nm.4050.",
        "article", "duman2016title", {"doi": "10.1038/nm.4050", "volume": "22", "pages": "238--249"}, id="doi-dx-url"),
    pytest.param(
        "Kahneman, D. (2011). Thinking, fast and slow. New York, NY: Farrar, Straus and Giroux.",
        "book", "kahneman2011thinking",
        {"title": "Thinking, fast and slow", "address": "New York, NY", "publisher": "Farrar, Straus and Giroux"},
        id="apa-book"),
    pytest.param(
        "1. Doidge, Norman. The Brain’s Way of Healing. Viking, 2015.",
        "book", "doidge2015brains", {"author": "Doidge, Norman", "publisher": "Viking"}, id="list-number-dot"),
    pytest.param(
        "12- Popper, Karl. Conjectures and Refutations. Routledge, 1963.",
        "book", "popper1963conjectures", {"author": "Popper, Karl", "publisher": "Routledge"}, id="list-number-dash"),
]


@pytest.mark.parametrize(("text", "entry_type", "key", "expected"), CASES)
def test_style(text: str, entry_type: str, key: str, expected: dict[str, str]) -> None:
    got_type, got_key, got = fields_of(text)
    assert got_type == entry_type
    assert got_key == key
    assert_subset(got, expected)


def test_smart_and_straight_quotes_agree() -> None:
    curly = fields_of("Nutt, D. “Serotonin and the brain.” Journal of Psychopharmacology, vol. 31, 2017, pp. 1-2.")[2]
    straight = fields_of('Nutt, D. "Serotonin and the brain." Journal of Psychopharmacology, vol. 31, 2017, pp. 1-2.')[2]
    assert curly == straight
    assert curly["title"] == "Serotonin and the brain"


def test_isbn_and_url() -> None:
    _, _, got = fields_of("Popper, Karl. Conjectures and Refutations. Routledge, 1963. ISBN 978-0-415-28594-0. "
                          "https://example.org/popper")
    assert got["isbn"] == "978-0-415-28594-0"
    assert got["url"] == "https://example.org/popper"
    assert got["publisher"] == "Routledge"


def test_vancouver_name_with_a_suffix_keeps_the_surname() -> None:
    entry = parse_reference(
        "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in "
        "treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.")
    assert entry["author"] == "Zarate, C. A. Jr and Singh, J. B. and Carlson, P. J. and others"
    assert entry.key.startswith("zarate2006")
