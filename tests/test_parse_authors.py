"""Author lists: the name shapes of many reference styles and languages.

Each reference is a real work written out by hand (facts from the publishers' records)
in the shape that once gave the wrong surnames. Authors are checked as the ordered
list of folded surnames, the way the benchmark and the citation keys see them.
"""

from __future__ import annotations

import pytest

from refcheck.parse import parse_reference
from refcheck.parse.authors import split_authors
from refcheck.parse.names import split_names, surnames


def authors_of(text: str) -> list[str]:
    entry = parse_reference(text)
    field = entry.fields_dict.get("author")
    return surnames(str(field.value)) if field else []


CASES = [
    pytest.param(  # Vancouver initials "ED" are not an editor mark
        "Sontag ED, Wang Y. New characterizations of input-to-state stability. IEEE Trans Automat Contr. "
        "1996;41(9):1283-94.",
        ["sontag", "wang"], id="vancouver-ED"),
    pytest.param(  # Indonesian "dan" between the last two authors
        'Y. LeCun dan Y. Bengio, "Convolutional networks for images, speech, and time series," in The Handbook '
        "of Brain Theory and Neural Networks, MIT Press, 1995.",
        ["lecun", "bengio"], id="conjunction-dan"),
    pytest.param(  # Turkish "ve"
        "Hochreiter, S. ve Schmidhuber, J. (1997). Long short-term memory. Neural Computation, 9(8), 1735-1780.",
        ["hochreiter", "schmidhuber"], id="conjunction-ve"),
    pytest.param(  # "Jr" stays with the surname, not a second author
        "Gates Jr, Henry Louis (1988). The Signifying Monkey. New York: Oxford University Press.",
        ["gates"], id="surname-jr"),
    pytest.param(  # Chinese style: upper-case surname, then the given name
        "LECUN Yann, BENGIO Yoshua, HINTON Geoffrey. Deep learning[J]. Nature, 2015, 521(7553): 436-444.",
        ["lecun", "bengio", "hinton"], id="caps-surname-given"),
    pytest.param(  # GB/T 7714: upper-case surname, bare initials, full-width commas
        "HE K M\uff0cZHANG X Y\uff0cREN S Q\uff0cSUN J. Deep residual learning for image recognition[C]//"
        "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition. 2016: 770-778.",
        ["he", "zhang", "ren", "sun"], id="caps-surname-initials"),
    pytest.param(  # ABNT: an upper-case surname of two words
        "DA SILVA, José Afonso. Curso de direito constitucional positivo. São Paulo: Malheiros, 2005.",
        ["dasilva"], id="abnt-two-word-surname"),
    pytest.param(  # a surname of four words before initials
        "Ortega, A., Amorós, D., & García de la Torre, J. (2011). Prediction of hydrodynamic and other solution "
        "properties of rigid proteins from atomic- and residue-level models. Biophysical Journal, 101(4), 892–898.",
        ["ortega", "amoros", "garciadelatorre"], id="four-word-surname"),
    pytest.param(  # a first author with a two-word surname and a given name ending in an initial
        "Sánchez Ron, José M. 1992. El poder de la ciencia. Madrid: Alianza.",
        ["sanchezron"], id="two-word-surname-given-initial"),
    pytest.param(  # each "&" group is one inverted name once the list is inverted
        "Maturana Romesín, Humberto & Varela García, Francisco. 1973. De máquinas y seres vivos. "
        "Santiago: Editorial Universitaria.",
        ["maturanaromesin", "varelagarcia"], id="inverted-groups"),
    pytest.param(  # APA ellipsis before the last author
        "Abbott, B. P., Abbott, R., Abbott, T. D., Abernathy, M. R., Acernese, F., Ackley, K., . . . Zweizig, J. "
        "(2016). Observation of gravitational waves from a binary black hole merger. Physical Review Letters, "
        "116(6), 061102.",
        ["abbott", "abbott", "abbott", "abernathy", "acernese", "ackley", "zweizig"], id="apa-ellipsis"),
    pytest.param(  # German slash between authors
        "Habermas, J./Luhmann, N. (1971). Theorie der Gesellschaft oder Sozialtechnologie. Frankfurt: Suhrkamp.",
        ["habermas", "luhmann"], id="slash-separated"),
    pytest.param(  # French "Surname (Initials)"
        "Braudel (F.) et Labrousse (E.), Histoire économique et sociale de la France, Paris, PUF, 1970.",
        ["braudel", "labrousse"], id="french-parenthesised-initials"),
    pytest.param(  # surname and initial joined by a period
        "Hinton.G., Salakhutdinov.R. 2006. Reducing the dimensionality of data with neural networks. "
        "Science 313:504-507.",
        ["hinton", "salakhutdinov"], id="dotted-surname-initial"),
    pytest.param(  # a two-letter surname closing a given-first list keeps its place ("He." is no initial)
        "Yuxin Wu and Kaiming He. Group normalization. In Proceedings of the European Conference on Computer "
        "Vision (ECCV), pages 3-19, 2018.",
        ["wu", "he"], id="natural-last-two-letters"),
    pytest.param(  # an escaped backslash before a LaTeX accent
        'G\\\\"odel, K. (1931). Über formal unentscheidbare Sätze der Principia Mathematica und verwandter '
        "Systeme I. Monatshefte für Mathematik und Physik, 38, 173–198.",
        ["godel"], id="latex-doubled-backslash-accent"),
    pytest.param(  # Vancouver initials "ED." end the list though "ed." is an abbreviation
        "Angeli D, Ferrell JE, Sontag ED. Detection of multistability, bifurcations, and hysteresis in a large "
        "class of biological positive-feedback systems. Proc Natl Acad Sci USA. 2004;101(7):1822-7.",
        ["angeli", "ferrell", "sontag"], id="vancouver-ED-ends-list"),
    pytest.param(  # a sub-item label "(a)" before the first author
        "(a) Miyaura, N.; Suzuki, A. Palladium-catalyzed cross-coupling reactions of organoboron compounds. "
        "Chem. Rev. 1995, 95, 2457–2483.",
        ["miyaura", "suzuki"], id="sub-item-label"),
    pytest.param(  # a body's name with small words, before an author-date year
        "Centers for Disease Control and Prevention. (2019). Antibiotic resistance threats in the United States, "
        "2019. Atlanta, GA: U.S. Department of Health and Human Services.",
        ["centersfordiseasecontrolandprevention"], id="corporate-small-words"),
    pytest.param(  # German "und", then a colon before the title
        "Donald E. Knuth und Michael F. Plass: Breaking paragraphs into lines. Software: Practice and "
        "Experience 11(11):1119–1184, 1981.",
        ["knuth", "plass"], id="und-colon"),
    pytest.param(  # an ampersand run into the last name
        "Kahneman, D., Slovic, P., &Tversky,A. (1982). Judgment under uncertainty: Heuristics and biases. "
        "Cambridge: Cambridge University Press.",
        ["kahneman", "slovic", "tversky"], id="ampersand-run-in"),
    pytest.param(  # given-first names with "und" in one comma part, up to a colon
        "Peter Deuflhard, Folkmar Bornemann und Andreas Hohmann: Numerische Mathematik 1. Berlin: de Gruyter, 2008.",
        ["deuflhard", "bornemann", "hohmann"], id="und-in-part-colon"),
    pytest.param(  # the italic title marks where given-first names end
        "D.~Poland and H.A.~Scheraga {\\em Theory of Helix-Coil Transitions in Biopolymers}, Academic Press, "
        "New York, 1970.",
        ["poland", "scheraga"], id="italics-end-names"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_author_surnames(text: str, expected: list[str]) -> None:
    assert authors_of(text) == expected


def test_given_first_names_end_at_a_colon() -> None:
    authors, rest, _ = split_authors("Yoshua Bengio, Réjean Ducharme, Pascal Vincent, Christian Jauvin: A neural "
                                     "probabilistic language model. Journal of Machine Learning Research 3:1137–1155, 2003.")
    assert authors == "Yoshua Bengio, Réjean Ducharme, Pascal Vincent, Christian Jauvin"
    assert rest.startswith(": A neural")


def test_initials_first_names_then_a_title_that_looks_like_names() -> None:
    authors, _, _ = split_authors("N. W. Ashcroft and N. D. Mermin, Solid State Physics, Holt, Rinehart and "
                                  "Winston, New York, 1976.")
    assert authors == "N. W. Ashcroft and N. D. Mermin"


def test_semicolon_list_ends_with_its_last_name() -> None:
    # a ';' list ends with its last name, though a comma (not a period) follows it
    authors, _, _ = split_authors("Geim, A. K.; Grigorieva, I. V., Van der Waals Heterostructures. "
                                  "Nature 2013, 499, 419–425.")
    assert authors == "Geim, A. K.; Grigorieva, I. V."


def test_french_dir_marks_editors() -> None:
    entry = parse_reference("Braudel (F.) dir., Histoire économique et sociale de la France, Paris, PUF, 1970.")
    assert "author" not in entry.fields_dict and surnames(str(entry.fields_dict["editor"].value)) == ["braudel"]


def test_many_initials_and_abbreviated_particles() -> None:
    # Emperor Pedro II of Brazil, Pedro de Alcântara João Carlos Leopoldo Salvador, with all given names cut
    names, _ = split_names("Bragança, P. A. J. C. L. S., & Bosch, K. v. d.")
    assert [n[0] for n in names] == ["Bragança", "Bosch"]
    assert names[0][1] == "P. A. J. C. L. S." and names[1][1] == "K. v. d."


def test_surname_key_drops_suffix() -> None:
    assert surnames("Gates Jr, Henry Louis and King, Martin Luther, Jr.") == ["gates", "king"]


# The first 71 authors of the LIGO/Virgo GW150914 letter (Phys. Rev. Lett. 116, 061102), alphabetical
_LIGO = ("B. P. Abbott, R. Abbott, T. D. Abbott, M. R. Abernathy, F. Acernese, K. Ackley, C. Adams, T. Adams, "
         "P. Addesso, R. X. Adhikari, V. B. Adya, C. Affeldt, M. Agathos, K. Agatsuma, N. Aggarwal, O. D. Aguiar, "
         "L. Aiello, A. Ain, P. Ajith, B. Allen, A. Allocca, P. A. Altin, S. B. Anderson, W. G. Anderson, K. Arai, "
         "M. A. Arain, M. C. Araya, C. C. Arceneaux, J. S. Areeda, N. Arnaud, K. G. Arun, S. Ascenzi, G. Ashton, "
         "M. Ast, S. M. Aston, P. Astone, P. Aufmuth, C. Aulbert, S. Babak, P. Bacon, M. K. M. Bader, P. T. Baker, "
         "F. Baldaccini, G. Ballardin, S. W. Ballmer, J. C. Barayoga, S. E. Barclay, B. C. Barish, D. Barker, "
         "F. Barone, B. Barr, L. Barsotti, M. Barsuglia, D. Barta, J. Bartlett, I. Bartos, R. Bassiri, A. Basti, "
         "J. C. Batch, C. Baune, V. Bavigadda, M. Bazzan, M. Bejger, A. S. Bell, B. K. Berger, J. Bergman, "
         "G. Bergmann, C. P. L. Berry, D. Bersanetti, A. Bertolini, and J. Betzwieser")


def test_a_long_given_first_list_is_read_whole() -> None:
    text = _LIGO + ', "Observation of gravitational waves from a binary black hole merger," Phys. Rev. Lett. 116, 061102 (2016).'
    assert split_authors(text)[0].endswith("and J. Betzwieser")  # the rules, not only the model, read it all
    names = authors_of(text)
    assert len(names) == 71 and names[-1] == "betzwieser"


TITLE_CASES = [
    pytest.param(  # inverted names joined by "and": the last given name, not the first comma, closes the list
        "Watson, J. and Crick, F., Molecular structure of nucleic acids, Nature 171 (1953) 737–738.",
        ["watson", "crick"], "Molecular structure of nucleic acids", id="inverted-joined-by-and"),
    pytest.param(  # inverted names with whole given names joined by ';'
        "Kontsevich, Maxim; Soibelman, Yan, Stability structures, motivic Donaldson-Thomas invariants and cluster "
        "transformations, preprint, 2008.",
        ["kontsevich", "soibelman"], "Stability structures, motivic Donaldson-Thomas invariants and cluster "
        "transformations", id="inverted-joined-by-semicolon"),
    pytest.param(  # GOST: Cyrillic initials after the surname end the list
        "Колмогоров А. Н. Основные понятия теории вероятностей. М.: Наука, 1974.",
        ["Колмогоров"], "Основные понятия теории вероятностей", id="cyrillic-initials"),
    pytest.param(  # Vancouver: a sentence ends before the colon, so the colon does not end the names
        "Sapolsky RM. Behave: the biology of humans at our best and worst. New York: Penguin Press; 2017.",
        ["sapolsky"], "Behave: the biology of humans at our best and worst", id="vancouver-title-colon"),
    pytest.param(  # Chicago notes: "..., and Given I. Surname, Title"
        "Hodgkin, Alan L., and Andrew F. Huxley, A quantitative description of membrane current and its "
        "application to conduction and excitation in nerve, Journal of Physiology 117 (1952): 500–544.",
        ["hodgkin", "huxley"], "A quantitative description of membrane current and its application to conduction "
        "and excitation in nerve", id="chicago-last-natural-name"),
    pytest.param(  # a capitalised title opening with an article is no further name
        "Churchill, Winston S. The Second World War, Vol. I. London: Cassell, 1948.",
        ["churchill"], "The Second World War", id="article-starts-title"),
    pytest.param(  # MLA: a two-word surname, the given name, a period
        "Vaughan Williams, Ralph. National Music. London: Oxford University Press, 1934.",
        ["vaughanwilliams"], "National Music", id="two-word-surname-mla"),
]


@pytest.mark.parametrize(("text", "expected", "title"), TITLE_CASES)
def test_author_list_ends_before_title(text: str, expected: list[str], title: str) -> None:
    entry = parse_reference(text)
    field = str(entry.fields_dict["author"].value)
    assert (surnames(field) or [n.split(",")[0] for n in field.split(" and ")]) == expected
    assert entry.fields_dict["title"].value == title
    assert split_authors(text)[1].lstrip(" ,.").startswith(title[:20])  # the rules' own cut, not only the model's


@pytest.mark.parametrize("text", [
    "———. 1968. Lost in the Funhouse. New York: Doubleday.",
    "---. Lost in the Funhouse. New York: Doubleday, 1968.",
])
def test_repeated_author_mark(text: str) -> None:
    # "———." stands for the previous entry's authors: no names, and the title follows it
    entry = parse_reference(text)
    assert entry.fields_dict["title"].value == "Lost in the Funhouse"
    assert entry.fields_dict["year"].value == "1968"
    assert surnames(str(entry.fields_dict["author"].value)) == [] if "author" in entry.fields_dict else True


def test_arabic_given_names() -> None:
    names, _ = split_names("Ibn Rushd, Abū al-Walīd Muḥammad")
    assert names == [("Ibn Rushd", "Abū al-Walīd Muḥammad")]


def test_italic_title_settles_where_names_end() -> None:
    # the model may not cut a given-first list short when italics begin right after the names
    text = ("Kaiming He, Xiangyu Zhang, Shaoqing Ren and Jian Sun \\emph{Deep residual learning for image recognition}, "
            "2016, Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition, 770-778")
    assert authors_of(text) == ["he", "zhang", "ren", "sun"]


def test_italics_cut_names_that_ran_into_them() -> None:
    text = ("Tianqi Chen and Carlos Guestrin \\emph{XGBoost: A scalable tree boosting system}, 2016, Proceedings of "
            "the 22nd ACM SIGKDD International Conference on Knowledge Discovery and Data Mining, 785-794")
    assert authors_of(text) == ["chen", "guestrin"]


def test_journal_before_numbers_is_no_name() -> None:
    # chemistry style, no title: the journal after the names is followed by its year and volume
    assert authors_of("A. K. Geim, K. S. Novoselov, Nature Mater. 2007, 6, 183.") == ["geim", "novoselov"]


def test_mla_second_editor_after_and() -> None:
    entry = parse_reference("Gilbert, Sandra M., and Susan Gubar, eds. The Norton Anthology of Literature by Women. "
                            "New York: Norton, 1985.")
    assert "author" not in entry.fields_dict
    assert surnames(str(entry.fields_dict["editor"].value)) == ["gilbert", "gubar"]


def test_bullets_spaced_hyphen_initials_and_spanish_particles() -> None:
    from refcheck.parse.names import looks_like_names
    from refcheck.parse.text import preclean

    s = preclean("\u2022 Hochreiter, S., & Schmidhuber, J. (1997). Long short-term memory. Neural Computation, "
                 "9(8), 1735\u20131780.")
    assert split_authors(s)[0] == "Hochreiter, S., & Schmidhuber, J."
    assert looks_like_names("J. -P. Serre") and looks_like_names("de los Cobos, Francisco")


def test_initial_then_given_name_in_a_given_first_list() -> None:
    authors, _, _ = split_authors("Norman H. Packard, James P. Crutchfield, J. Doyne Farmer, and Robert S. Shaw. "
                                  "Geometry from a time series. Physical Review Letters 45 (1980): 712–716.")
    assert authors.endswith("and Robert S. Shaw.")


@pytest.mark.parametrize(("text", "authors"), [
    ("van der Maaten L.J.P., Hinton G.E., Visualizing data using t-SNE, J. Mach. Learn. Res. 9 (2008) 2579–2605.",
     "van der Maaten L.J.P., Hinton G.E."),
    ("Hodgkin, A L., Huxley, A F., Katz, B., Measurement of current-voltage relations in the membrane of the giant "
     "axon of Loligo, J. Physiol. 116 (1952) 424–448.", "Hodgkin, A L., Huxley, A F., Katz, B."),
])
def test_chain_of_surname_initials_names(text: str, authors: str) -> None:
    # Vancouver names with particles, and bare initials closed by one period, run on to the title
    assert split_authors(text)[0] == authors


def test_arabic_surname_before_year() -> None:
    assert split_authors("al-Ghazālī, Abū Ḥāmid. 2000. The Incoherence of the Philosophers. Translated by Michael E. "
                         "Marmura. Provo: Brigham Young University Press.")[:3:2] == ("al-Ghazālī, Abū Ḥāmid.", "2000")


def test_hyphenated_second_initial() -> None:
    assert split_authors("A. Borel, J. -P. Serre, Le théorème de Riemann-Roch, Bull. Soc. Math. France 86 (1958) "
                         "97–136.")[0] == "A. Borel, J. -P. Serre"


def test_capitalised_title_after_initials_is_no_name() -> None:
    assert split_authors("Arrow, K. J. Social Choice and Individual Values. New York: Wiley, 1951.")[0] == "Arrow, K. J."


def test_inverted_initials_joined_by_and_then_a_comma_title() -> None:
    assert split_authors("Collins, G.S., Melosh, H.J. and Marcus, R.A., Earth Impact Effects Program: A Web-based "
                         "computer program for calculating the regional environmental consequences of a meteoroid "
                         "impact on Earth, Meteoritics & Planetary Science, v. 40, pp. 817-840. 2005."
                         )[0] == "Collins, G.S., Melosh, H.J. and Marcus, R.A."


def test_abbreviated_given_name_inside_a_list() -> None:
    assert split_authors("A. Aspect, Ph. Grangier, G. Roger, Experimental realization of Einstein-Podolsky-Rosen-Bohm "
                         "Gedankenexperiment: a new violation of Bell's inequalities, Phys. Rev. Lett. 49 (1982) 91."
                         )[0] == "A. Aspect, Ph. Grangier, G. Roger"


def test_vancouver_names_joined_by_and_then_a_comma_title() -> None:
    assert split_authors("Watson JD and Crick FHC, Molecular structure of nucleic acids, Nature 171 (1953) 737-738."
                         )[0] == "Watson JD and Crick FHC"


def test_names_ending_at_the_year_are_settled() -> None:
    from refcheck.parse.combine import _year_follows

    s = "Rumelhart, David E.; Hinton, Geoffrey E.; & Williams, Ronald J. 1986. Learning representations. Nature 323."
    names = "Rumelhart, David E.; Hinton, Geoffrey E.; & Williams, Ronald J."
    assert _year_follows(s, names, 0) and not _year_follows(s, "Rumelhart, David E.", 0)
    assert authors_of(s) == ["rumelhart", "hinton", "williams"]
