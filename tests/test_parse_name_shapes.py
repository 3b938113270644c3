"""Name shapes that made correct citations look wrong (issue 11): capitals, odd hyphens, particles, CJK.

Each citation is a real work (or real people) written by hand in the style that once split its names wrong.
"""

from __future__ import annotations

from refcheck.normalize import normalize_name_marks, normalize_word_marks
from refcheck.parse import parse_reference
from refcheck.parse.names import split_names, surnames


def authors_of(text: str) -> str:
    field = parse_reference(text).fields_dict.get("author")
    return str(field.value) if field else ""


# --- surnames in capitals, the second author in "First LAST" order -------------------------


def test_capitalised_surname_after_given_names_is_the_surname_not_initials():
    # Chicago author-date with surnames in capitals (as some Chinese journals print them); the case
    text = 'YU, Qiang, and Hong-Wei HUO. 2011. "Algorithms Improving \u2026" Journal of Software.'
    assert authors_of(text) == "YU, Qiang and HUO, Hong-Wei"
    assert surnames(authors_of(text)) == ["yu", "huo"]


def test_vancouver_initials_stay_initials_without_capitalised_surnames_around():
    # "Zarate CA" is a surname and its initials: nothing in the list writes surnames in capitals
    names, _ = split_names("Murrough JW, Iosifescu DV, Chang LC")
    assert names == [("Murrough", "J. W."), ("Iosifescu", "D. V."), ("Chang", "L. C.")]


# --- hyphens and apostrophes that are not ASCII --------------------------------------------


def test_unicode_hyphen_in_a_given_name_keeps_the_name_whole():
    # Kuo, Gillis & Irschick 2012, Biological Journal of the Linnean Society 107: 583-592; U+2010 as Wiley sets it
    text = ("Kuo, Chi\u2010Yun, Gary B. Gillis, and Duncan J. Irschick. \u201cTake This Broken Tail and Learn to "
            "Jump: The Ability to Recover from Reduced In-Air Stability in Tailless Green Anole Lizards.\u201d "
            "Biological Journal of the Linnean Society, vol. 107, 2012, pp. 583\u2013592.")
    assert authors_of(text) == "Kuo, Chi-Yun and Gillis, Gary B. and Irschick, Duncan J."


def test_non_breaking_hyphen_in_a_surname():
    names, _ = split_names("Carhart\u2011Harris, R. L., & Nutt, D. J.")
    assert names == [("Carhart-Harris", "R. L."), ("Nutt", "D. J.")]


def test_typographic_and_modifier_apostrophes_in_surnames():
    # O'Doherty, Buchanan, Seymour & Dolan 2006, Neuron 49(1): 157-166
    for mark in ("\u2019", "\u02bc"):
        text = (f"O{mark}Doherty, J.P., Buchanan, T.W., Seymour, B., and Dolan, R.J. (2006). Predictive neural coding "
                "of reward preference involves dissociable responses in human ventral midbrain and ventral "
                "striatum. Neuron, 49(1), 157\u2013166.")
        assert surnames(authors_of(text)) == ["odoherty", "buchanan", "seymour", "dolan"], mark
    names, _ = split_names("Jean le Rond d\u2019Alembert and Ng\u0169g\u0129 wa Thiong\u2019o")
    assert [family for family, _ in names] == ["d'Alembert", "Thiong'o"]


def test_word_marks_normaliser_leaves_dashes_and_quoted_titles_alone():
    assert normalize_word_marks("Chi\u2010Yun, pp. 583\u2013592") == "Chi-Yun, pp. 583\u2013592"
    quoted = "\u2018Negative\u2019 semantics of O\u2019Brien"
    assert normalize_name_marks(quoted) == "\u2018Negative\u2019 semantics of O'Brien"


def test_a_right_quote_closing_a_title_is_kept_in_the_title():
    # Doidge 2015: the title's apostrophe is kept as written
    fields = parse_reference("Doidge, Norman. The Brain\u2019s Way of Healing. Viking, 2015.").fields_dict
    assert fields["title"].value == "The Brain\u2019s Way of Healing"


# --- particles -----------------------------------------------------------------------------


def test_particle_printed_after_the_initials_is_no_author():
    # Portuguese names inverted with the particle last (Vinicius de Moraes, Sergio Buarque de Holanda)
    names, _ = split_names("Moraes, V. de, Holanda, S. B. de")
    assert names == [("Moraes", "V. de"), ("Holanda", "S. B. de")]
    assert surnames("Moraes, V. de and Holanda, S. B. de") == ["moraes", "holanda"]


def test_particles_before_the_surname_in_natural_order():
    names, _ = split_names("Ludwig van Beethoven and Johann Wolfgang von Goethe")
    assert names == [("van Beethoven", "Ludwig"), ("von Goethe", "Johann Wolfgang")]


def test_capitalised_particle_before_the_last_word_belongs_to_the_surname():
    # Menestrina, Dalla Serra & Prevost (Toxicon 2001); Sana Ben Hamida: given names first, as CSL prints them
    names, _ = split_names("Gianfranco Menestrina, Mauro Dalla Serra, and Gilles Pr\u00e9vost")
    assert names == [("Menestrina", "Gianfranco"), ("Dalla Serra", "Mauro"), ("Pr\u00e9vost", "Gilles")]
    assert split_names("S. Ben Hamida")[0] == [("Ben Hamida", "S.")]
    assert split_names("Ben Goldacre")[0] == [("Goldacre", "Ben")]  # a given name first stays the given name


# --- single names, corporate authors -------------------------------------------------------


def test_single_name_and_corporate_authors():
    assert authors_of("Plato. (1992). Republic. Hackett.") == "Plato"
    assert authors_of("Centers for Disease Control and Prevention. (2020). Interim guidance. CDC.") \
        == "{Centers for Disease Control and Prevention}"


# --- Chinese, Japanese, Korean names -------------------------------------------------------


def test_cjk_name_inverted_with_a_comma_is_one_author():
    # citeproc renders an unflagged Chinese name "Family, Given": one person, not two (the 姜, 福豪)
    names, _ = split_names("\u59dc, \u798f\u8c6a")
    assert names == [("\u59dc", "\u798f\u8c6a")]
    names, _ = split_names("\u94b1, \u5b66\u68ee, and \u6b27\u9633, \u4fee")  # 钱学森, 欧阳修 (a two-character surname)
    assert names == [("\u94b1", "\u5b66\u68ee"), ("\u6b27\u9633", "\u4fee")]


def test_cjk_names_written_whole_are_one_author_each():
    names, _ = split_names("\u94b1\u5b66\u68ee, \u534e\u7f57\u5e9a")  # 钱学森, 华罗庚
    assert names == [("\u94b1\u5b66\u68ee", ""), ("\u534e\u7f57\u5e9a", "")]


def test_cjk_name_with_a_space_in_either_order():
    assert split_names("\u94b1 \u5b66\u68ee")[0] == [("\u94b1", "\u5b66\u68ee")]
    assert split_names("\u5b66\u68ee \u94b1")[0] == [("\u94b1", "\u5b66\u68ee")]


def test_cjk_title_is_not_read_as_an_author():
    # Qian Xuesen, Engineering Cybernetics (Chinese edition, Science Press, 1958), Chicago-style with the name inverted
    text = "\u94b1, \u5b66\u68ee. \u5de5\u7a0b\u63a7\u5236\u8bba. \u5317\u4eac: \u79d1\u5b66\u51fa\u7248\u793e, 1958."
    fields = parse_reference(text).fields_dict
    assert fields["author"].value == "\u94b1, \u5b66\u68ee"
    assert fields["title"].value == "\u5de5\u7a0b\u63a7\u5236\u8bba"


# --- an all-capitals title after names closed by initials ----------------------------------


def test_all_capitals_title_after_initials_is_the_title():
    # Paulo Freire, Pedagogia do oprimido (Paz e Terra, 1970); Machado de Assis, O alienista (Garnier, 1882):
    # "O", "DO", "E" look like initials, but two long capitalised words with no separator are a title
    for text, author, title in (
        ("FREIRE, P. PEDAGOGIA DO OPRIMIDO. Rio de Janeiro: Paz e Terra, 1970.", "FREIRE, P.", "PEDAGOGIA DO OPRIMIDO"),
        ("Freire P. PEDAGOGIA DO OPRIMIDO. Rio de Janeiro: Paz e Terra; 1970.", "Freire, P.", "PEDAGOGIA DO OPRIMIDO"),
        ("Assis, M. de. O ALIENISTA E OUTROS CONTOS. Rio de Janeiro: Garnier, 1882.", "Assis, M. de",
         "O ALIENISTA E OUTROS CONTOS"),
    ):
        fields = parse_reference(text).fields_dict
        assert (fields["author"].value, fields["title"].value) == (author, title), text


def test_vancouver_initials_with_a_particle_among_them():
    # a Brazilian name (given names "… de …") in Vancouver form: the particle sits among the initials
    names, others = split_names("Steffens TM de M, Severo HRC, Seibert RM, et al.")
    assert [family for family, _ in names] == ["Steffens", "Severo", "Seibert"] and others
