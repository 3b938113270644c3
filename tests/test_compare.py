"""compare: one finding per wrong field, on real works cited right and wrong."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_match import CARHART_HARRIS, DUMAN, KETAMINE_8, MURROUGH, MURROUGH_REF, ref

from refcheck.judge.compare import compare
from refcheck.judge.journals import same_journal
from refcheck.model import Author, Work


def with_fields(reference, **changes):
    """The reference with some fields changed and no raw text: the original text would contradict the change
    (compare() reads an author, title or journal the raw text contradicts as a misreading, not a finding)."""
    fields = {**reference.fields, **changes}
    return replace(reference, text="", fields={k: v for k, v in fields.items() if v is not None})


def by_field(problems):
    return {p.field: p for p in problems}


def test_correct_citations_have_no_problems():
    assert compare(KETAMINE_8, CARHART_HARRIS) == ()
    assert compare(MURROUGH_REF, MURROUGH) == ()  # print year 2013 of an online-2012 paper is right


def test_only_given_fields_are_compared():
    bare = ref("Carhart-Harris & Nutt", title="Serotonin and brain function")
    assert [p.field for p in compare(bare, CARHART_HARRIS)] == ["title"]  # just the short title
    assert compare(ref("x"), CARHART_HARRIS) == ()


# --- title -------------------------------------------------------------------------------


def test_title_case_punctuation_accents_and_tags_ignored():
    work = replace(CARHART_HARRIS, title="Serotonin and <i>brain</i> function: a t\u00e1le of two receptors")
    assert compare(with_fields(KETAMINE_8, title="SEROTONIN AND BRAIN FUNCTION -- A TALE OF TWO RECEPTORS"), work) == ()


def test_missing_subtitle_is_warning():
    p = compare(with_fields(KETAMINE_8, title="Serotonin and brain function"), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in p] == [("title", "warning")]
    assert "subtitle" in p[0].message


def test_missing_subtitle_when_crossref_splits_it():
    work = replace(CARHART_HARRIS, title="Serotonin and brain function", subtitle="a tale of two receptors")
    assert compare(KETAMINE_8, work) == ()
    p = compare(with_fields(KETAMINE_8, title="Serotonin and brain function"), work)
    assert [(x.field, x.severity) for x in p] == [("title", "warning")]


def test_title_typo_is_warning_and_other_title_is_error():
    typo = compare(with_fields(KETAMINE_8, title="Serotonin and brain funtcion: a tale of two receptors"), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in typo] == [("title", "warning")]
    other = compare(with_fields(KETAMINE_8, title="Dopamine and brain function: a tale of three receptors"), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in other] == [("title", "error")]
    assert other[0].found.startswith("Serotonin")


# --- authors -----------------------------------------------------------------------------


def test_author_forms_that_are_all_right():
    for author in ("Carhart-Harris, R. L. and Nutt, D. J.", "R. L. Carhart-Harris and D. J. Nutt",
                   "Carhart Harris, Robin and Nutt, David", "Carhart-Harris RL and Nutt DJ", "Carhart-Harris, R and others"):
        assert compare(with_fields(KETAMINE_8, author=author), CARHART_HARRIS) == (), author


def test_et_al_in_raw_text_means_truncated():
    r = replace(with_fields(MURROUGH_REF, author="Murrough, J. W. and Perez, A. M."), text="Murrough JW, Perez AM, et al. ...")
    assert compare(r, MURROUGH) == ()


def test_wrong_first_author_is_error():
    p = compare(with_fields(KETAMINE_8, author="Nutt, David J. and Carhart-Harris, Robin L."), CARHART_HARRIS)
    assert any(x.field == "author" and x.severity == "error" and "first author" in x.message for x in p)


def test_made_up_author_is_error():
    p = compare(with_fields(KETAMINE_8, author="Carhart-Harris, Robin L. and Nutt, David J. and Wilkinson, Samuel T."),
                CARHART_HARRIS)
    assert [(x.field, x.severity, x.cited) for x in p] == [("author", "error", "Wilkinson")]


def test_fabricated_first_author():
    p = compare(with_fields(KETAMINE_8, author="Liston, Conor and others"), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in p] == [("author", "error")]


def test_missing_author_without_et_al_is_warning():
    p = compare(with_fields(KETAMINE_8, author="Carhart-Harris, Robin L."), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in p] == [("author", "warning")]
    assert "Nutt" in p[0].message


def test_initials_and_spelling_are_warnings():
    p = compare(with_fields(KETAMINE_8, author="Carhart-Harris, Robin L. and Nutt, Peter J."), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in p] == [("author", "warning")]
    p = compare(with_fields(KETAMINE_8, author="Carhart-Harris, Robin L. and Nutts, David J."), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in p] == [("author", "warning")]


def test_particles_and_accents():
    work = replace(MURROUGH, authors=(Author("aan het Rot", "Marije"), Author("M\u00fcller", "Hans-Georg")))
    r = with_fields(MURROUGH_REF, author="Rot, M. aan het and Muller, H.-G.")
    assert [p for p in compare(r, work) if p.field == "author"] == []


def test_author_order_is_warning():
    p = compare(with_fields(MURROUGH_REF, author="Murrough, J. W. and Pillemer, S. and Perez, A. M. and others"), MURROUGH)
    assert [(x.field, x.severity) for x in p] == [("author", "warning")]


# --- year --------------------------------------------------------------------------------


def test_year_difference_is_error():
    p = compare(with_fields(KETAMINE_8, year="2019"), CARHART_HARRIS)
    assert [(x.field, x.severity, x.cited, x.found) for x in p] == [("year", "error", "2019", "2017")]
    p = compare(with_fields(KETAMINE_8, year="2016"), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in p] == [("year", "error")]


def test_year_that_is_another_record_date_is_warning():
    work = replace(CARHART_HARRIS, year=2017, years=(2017, 2018))  # e.g. deposited/created a year later
    p = compare(with_fields(KETAMINE_8, year="2018"), work)
    assert [(x.field, x.severity) for x in p] == [("year", "warning")]


# --- journal -----------------------------------------------------------------------------


@pytest.mark.parametrize("cited,full", [
    ("Biol. Psychiatry", "Biological Psychiatry"),
    ("Biol Psychiatry", "Biological Psychiatry"),
    ("J Psychopharmacol", "Journal of Psychopharmacology"),
    ("The Lancet", "Lancet"),
    ("Proc. Natl. Acad. Sci. U.S.A.", "Proceedings of the National Academy of Sciences of the United States of America"),
    ("Brain & Cognition", "Brain and Cognition"),
    ("Nature Medicine", "Nature Medicine"),
])
def test_journal_abbreviations(cited, full):
    assert same_journal(cited, full)


def test_different_journal_is_error():
    assert not same_journal("American Journal of Psychiatry", "Biological Psychiatry")
    p = compare(with_fields(KETAMINE_8, journal="Biological Psychiatry"), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in p] == [("journal", "error")]


def test_short_container_title_accepted():
    assert compare(with_fields(KETAMINE_8, journal="J. Psychopharmacol."), CARHART_HARRIS) == ()
    assert compare(with_fields(KETAMINE_8, journal="Nat Med"), replace(DUMAN, volume="31", issue="9", pages="1091-1120",
                                                                      title=CARHART_HARRIS.title, authors=CARHART_HARRIS.authors,
                                                                      year=2017, years=(2017,))) == ()


def test_a_one_word_journal_inside_a_longer_name_is_another_journal():
    # Mei et al. 2023, "The Present and Future of Aging-on-A-Chip", Engineering (Elsevier's CAE journal)
    mei = Work(doi="10.1016/j.eng.2023", title="The Present and Future of Aging-on-A-Chip", container="Engineering",
               type="journal-article")
    cited = ref("", title=mei.title)
    p = compare(with_fields(cited, journal="Engineering Structures"), mei)
    assert [(x.field, x.severity) for x in p] == [("journal", "error")]
    assert compare(with_fields(cited, journal="Engineering"), mei) == ()
    # the other way round, and PubMed's bracketed place, which is no part of the name
    science = Work(doi="10.1126/science.adk8946", title="T", container="Science", type="journal-article")
    assert [x.severity for x in compare(with_fields(cited, title="T", journal="Science (New York, N.Y.)"), science)
            ] in ([], ["warning"])
    cell = Work(doi="10.1016/j.celrep.x", title="T", container="Cell Reports", type="journal-article")
    assert [(x.field, x.severity) for x in compare(with_fields(cited, title="T", journal="Cell"), cell)] == [
        ("journal", "error")]


def test_a_journal_name_run_on_by_the_parser_is_not_another_journal():
    mei = Work(doi="10.1016/j.eng.2023", title="The Present and Future of Aging-on-A-Chip", container="Engineering",
               type="journal-article")
    # a physics Harvard shape with nothing between title and journal; a legal shape with the volume before it
    for text, journal in (("Mei X, Liu X and Yang Z 2023 The present and future of aging-on-a-chip Engineering 25 "
                           "120-8", "The present and future of aging-on-a-chip Engineering"),
                          ("Xi Mei, 'The Present and Future of Aging-on-A-Chip' (2023) 25 Engineering 120",
                           "25 Engineering")):
        assert compare(ref(text, title=mei.title, journal=journal), mei) == (), text
    # ...but the text naming a longer journal keeps the error
    text = "Mei X, Liu X and Yang Z 2023 The present and future of aging-on-a-chip Engineering Structures 25 120-8"
    found = compare(ref(text, title=mei.title, journal="Engineering Structures"), mei)
    assert [(p.field, p.severity) for p in found] == [("journal", "error")]


# Zhao, An, Gao & Zhang 2017, "Efficient Label Contamination Attacks Against Black-Box Learning Models", IJCAI-17
ZHAO = Work(doi="10.24963/ijcai.2017/551", title="Efficient Label Contamination Attacks Against Black-Box Learning "
            "Models", year=2017, years=(2017,), type="proceedings-article",
            container="Proceedings of the Twenty-Sixth International Joint Conference on Artificial Intelligence")


def test_a_proceedings_paper_cited_in_another_conference_is_a_venue_error():
    paper = ref("", entry_type="inproceedings", title=ZHAO.title, booktitle=ZHAO.container)
    assert compare(paper, ZHAO) == ()
    for related in ("Proc. 26th Int. Joint Conf. Artificial Intelligence",
                    "Twenty-Sixth International Joint Conference on Artificial Intelligence (IJCAI-17)"):
        assert [(x.field, x.severity) for x in compare(with_fields(paper, booktitle=related), ZHAO)] in (
            [], [("journal", "warning")]), related
    wrong = compare(with_fields(paper, booktitle="2016 IEEE 27th International Conference on Application-specific "
                                "Systems, Architectures and Processors (ASAP)"), ZHAO)
    assert [(x.field, x.severity) for x in wrong] == [("journal", "error")]
    assert "venue" in wrong[0].message
    # MDPI prints "In Proceedings of the <venue>; <publisher>, <year>": a parser may keep it all
    emnlp = replace(ZHAO, container="Proceedings of the 2023 Conference on Empirical Methods in Natural Language "
                    "Processing")
    runs_on = with_fields(paper, booktitle="Proceedings of the Proceedings of the 2023 Conference on Empirical Methods "
                          "in Natural Language Processing; Association for Computational Linguistics, 2023")
    assert [x.severity for x in compare(runs_on, emnlp)] in ([], ["warning"])
    # ...and "In Proceedings of the <the record's conference>" names that conference
    cns = replace(ZHAO, container="2024 IEEE Conference on Communications and Network Security (CNS)")
    text = ("1. Lou, J.; Yuan, X. Membership Inference via Self-Comparison. In Proceedings of the 2024 IEEE Conference "
            "on Communications and Network Security (CNS); IEEE, September 30 2024; p. .")
    mdpi = ref(text, entry_type="inproceedings", title="Membership Inference via Self-Comparison",
               booktitle="Proceedings of the 2024 IEEE Conference on Communications and Network Security (CNS); IEEE")
    assert compare(mdpi, replace(cns, title="Membership Inference via Self-Comparison")) == ()
    # sharing the words "Artificial Intelligence" does not make ICAIIC the same meeting
    icaiic = "2019 International Conference on Artificial Intelligence in Information and Communication (ICAIIC)"
    assert [x.severity for x in compare(with_fields(paper, booktitle=icaiic), ZHAO)] == ["error"]


def test_a_chapter_cited_in_another_book_is_a_venue_error():
    # LaFayette, Curtis, Bedford & Iyer 2019, "Relational Capital - Definitions and Growth", a chapter of
    # Knowledge Economies and Knowledge Work (Emerald)
    chapter = Work(doi="10.1108/978-1-78743-771-120191007", title="Relational Capital \u2013 Definitions and Growth",
                   year=2019, years=(2019,), type="book-chapter", container="Knowledge Economies and Knowledge Work")
    cited = ref("", entry_type="incollection", title=chapter.title, booktitle="Knowledge Economies and Knowledge Work")
    assert compare(cited, chapter) == ()
    wrong = compare(with_fields(cited, booktitle="Advances in Business Information Systems and Analytics"), chapter)
    assert [(x.field, x.severity) for x in wrong] == [("journal", "error")]
    # the venue the text names stands as written: a parser's run-on booktitle is no finding
    text = ("LaFayette, B., Curtis, W., Bedford, D., & Iyer, S. (2019). Relational Capital \u2013 Definitions and "
            "Growth. In Knowledge Economies and Knowledge Work (pp. 105\u2013121). Emerald Publishing Limited.")
    runs_on = replace(cited, text=text, fields={**cited.fields, "booktitle": "Knowledge Economies and Knowledge Work "
                                                "pp 105 121 Emerald Publishing Limited"})
    assert compare(runs_on, chapter) == ()


# --- volume, issue, pages ------------------------------------------------------------------


def test_volume_issue_pages():
    p = by_field(compare(with_fields(KETAMINE_8, volume="32", number="8", pages="1091--1121"), CARHART_HARRIS))
    assert set(p) == {"volume", "issue", "pages"}
    assert p["volume"].severity == "error" and p["issue"].severity == "warning" and p["pages"].severity == "error"


def test_page_forms_that_are_all_right():
    for pages in ("1091-1120", "1091\u20131120", "1091--1120", "1091-120", "1091", "pp. 1091\u2013120"):
        assert compare(with_fields(KETAMINE_8, pages=pages), CARHART_HARRIS) == (), pages


def test_article_numbers():
    work = Work(doi="10.1038/s41467-020-14526-0", title="Disruption of default mode network dynamics by ketamine",
                year=2020, years=(2020,), container="Nature Communications", volume="11", pages="706",
                article_number="706", type="journal-article")
    ok = ref("...", title="Disruption of default mode network dynamics by ketamine", pages="article no. 706", volume="11")
    assert compare(ok, work) == ()
    assert compare(with_fields(ok, pages="706"), replace(work, pages="")) == ()
    wrong = compare(with_fields(ok, pages="article no. 760"), replace(work, pages=""))
    assert [(x.field, x.severity) for x in wrong] == [("pages", "error")]


def test_page_forms_from_real_records():
    # The 2020 database issue of Nucleic Acids Research prints "D383–8" for Crossref's "D383-D388"
    nar = ref("...", title="T", pages="D383\u20138")
    nar_work = Work(doi="10.1093/nar/gkz", title="T", pages="D383-D388")
    assert compare(nar, nar_work) == ()
    assert [p.field for p in compare(with_fields(nar, pages="D383\u20139"), nar_work)] == ["pages"]
    # Elsevier chapters end on a supplement page ("1308-1309.e1"); citations print it whole or as 1309
    gout = Work(doi="10.1016/b978", title="Gout", pages="1308-1309.e1")
    for pages in ("1308\u20131309", "1308\u20131309.e1", "1308"):
        assert compare(ref("...", title="Gout", pages=pages), gout) == (), pages
    assert [p.field for p in compare(ref("...", title="Gout", pages="1308\u20131310"), gout)] == ["pages"]
    # BMJ's letters of 1989 carry a column position: Crossref "604.4-604", cited as page 604
    bmj = Work(doi="10.1136/bmj.298.6673.604-c", title="Hospital emergency numbers", pages="604.4-604")
    assert compare(ref("...", title="Hospital emergency numbers", pages="604"), bmj) == ()
    assert [p.field for p in compare(ref("...", title="Hospital emergency numbers", pages="605"), bmj)] == ["pages"]


def test_issue_forms():
    assert compare(with_fields(KETAMINE_8, number="No. 9"), CARHART_HARRIS) == ()
    assert compare(with_fields(KETAMINE_8, number="9"), replace(CARHART_HARRIS, issue="9-10")) == ()


# --- doi, publisher, type, retraction ------------------------------------------------------


def test_doi():
    assert compare(with_fields(KETAMINE_8, doi="https://doi.org/10.1177/0269881117725915"), CARHART_HARRIS) == ()
    p = compare(with_fields(KETAMINE_8, doi="10.1177/0269881117725916"), CARHART_HARRIS)
    assert [(x.field, x.severity) for x in p] == [("doi", "error")]


def test_publisher_and_type_for_books():
    book = Work(doi="10.7208/chicago/9780226726434.001.0001", title="Spline Models for Observational Data",
                authors=(Author("Wahba", "Grace"),), year=1990, years=(1990,), type="book",
                publisher="Society for Industrial and Applied Mathematics")
    ok = ref("...", entry_type="book", title="Spline models for observational data", author="Wahba, Grace",
             publisher="SIAM", year="1990")
    assert [p.field for p in compare(ok, book)] == ["publisher"]  # acronym: a warning we accept for now
    assert compare(with_fields(ok, publisher="Society for Industrial and Applied Mathematics"), book) == ()
    wrong = compare(with_fields(ok, publisher="Springer"), book)
    assert [(x.field, x.severity) for x in wrong] == [("publisher", "warning")]
    as_article = compare(replace(ok, entry_type="article"), book)
    assert [(x.field, x.severity) for x in as_article] == [("type", "warning")]


# Harnastai, Gilep & Usanov 2006, Protein Expression and Purification 45(1) (Elsevier), in AMA style as printed
# for an online-first record: with no volume or pages after the journal, a parser may read it as a book
HARNASTAI = Work(doi="10.1016/j.pep.2005.07.006", title="The development of an efficient system for heterologous "
                 "expression of cytochrome P450s in Escherichia coli using hemA gene co-expression",
                 authors=(Author("Harnastai", "Ivan N."), Author("Gilep", "Andrei A."), Author("Usanov", "Sergey A.")),
                 year=2006, years=(2006,), container="Protein Expression and Purification", type="journal-article",
                 publisher="Elsevier BV")
HARNASTAI_TEXT = ("Harnastai IN, Gilep AA, Usanov SA. The development of an efficient system for heterologous "
                  "expression of cytochrome P450s in Escherichia coli using hemA gene co-expression. Protein "
                  "Expression and Purification. Published online March 2006. doi:10.1016/j.pep.2005.07.006")


def test_type_and_publisher_guessed_by_the_parser_are_no_findings():
    as_book = ref(HARNASTAI_TEXT, entry_type="book", title=HARNASTAI.title, year="2006",
                  author="Harnastai, I N and Gilep, A A and Usanov, S A",
                  publisher="Protein Expression and Purification. Published online")
    assert compare(as_book, HARNASTAI) == ()
    # a text that names another journal: the book type is no longer the parser's alone, and is said
    other = replace(as_book, text=HARNASTAI_TEXT.replace("Protein Expression and Purification", "Biochimie"),
                    fields={**as_book.fields, "publisher": "Springer"})
    assert sorted(p.field for p in compare(other, HARNASTAI)) == ["publisher", "type"]


def test_what_a_parser_files_as_publisher_may_be_no_publisher():
    # Mori, Qian & Tatsumi 2015, PeerJ 3:e1457, printed "PeerJ (PeerJ) 3, December: e1457"
    mori = Work(doi="10.7717/peerj.1457", title="Academic inequality through the lens of community ecology: "
                "a meta-analysis", year=2015, years=(2015,), container="PeerJ", type="journal-article", publisher="PeerJ")
    for cited in ("e1457", "Published online", "Published Online First", "PeerJ"):
        found = compare(ref("", entry_type="book", publisher=cited), replace(mori, publisher="Other Press"))
        assert [p.field for p in found] == ["type"], cited  # no text to say the book type was a guess
    wrong = compare(ref("", entry_type="book", publisher="Elsevier"), replace(mori, type="book"))
    assert [(p.field, p.severity) for p in wrong] == [("publisher", "warning")]


def test_retraction():
    p = compare(KETAMINE_8, replace(CARHART_HARRIS, retracted=True))
    assert [(x.field, x.severity) for x in p] == [("retraction", "error")]


def test_a_retraction_notice_copied_into_the_cited_title_is_no_title_error():
    retracted = replace(CARHART_HARRIS, retracted=True, retraction="retracted")
    cited = with_fields(KETAMINE_8, title="RETRACTED: Serotonin and brain function: a tale of two receptors")
    assert [x.field for x in compare(cited, retracted)] == ["retraction"]
    # ...but on a work that was not retracted the notice is part of a wrong title
    assert "title" in [x.field for x in compare(cited, CARHART_HARRIS)]


def test_problem_messages_are_sentences():
    p = compare(with_fields(KETAMINE_8, year="2019", volume="3", title="Other"), CARHART_HARRIS)
    for x in p:
        assert x.message.endswith(".") and x.message[0].isupper()


def test_a_book_cited_by_its_first_edition_year_is_a_warning_not_an_error():
    reprint = Work(doi="10.4324/9780203538074", title="Conjectures and Refutations",
                   subtitle="The Growth of Scientific Knowledge", authors=(Author("Popper", "Karl"),),
                   year=2014, years=(2014,), type="book", publisher="Routledge")
    book = ref("Popper, Karl. Conjectures and Refutations. Routledge, 1963.", entry_type="book",
               title="Conjectures and Refutations: The Growth of Scientific Knowledge", author="Popper, Karl",
               year="1963", publisher="Routledge")
    (year,) = [p for p in compare(book, reprint) if p.field == "year"]
    assert year.severity == "warning" and "edition" in year.message
    # A year later than the only record is still an error: no edition explains it.
    (later,) = [p for p in compare(with_fields(book, year="2020"), reprint) if p.field == "year"]
    assert later.severity == "error"
