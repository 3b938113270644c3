"""choose_match: SBMV-style validation of Crossref candidates (real works, hand-written citations)."""

from __future__ import annotations

import json

import pytest

from refcheck.judge.match import MATCH_THRESHOLD, MatchDecision, choose_match, evidence, similarity
from refcheck.model import Author, Candidate, Reference, Work


def _rec(**dates: int) -> dict:
    return {k: {"date-parts": [[v]]} for k, v in dates.items()}


MURROUGH = Work(
    doi="10.1016/j.biopsych.2012.06.022",
    title="Rapid and Longer-Term Antidepressant Effects of Repeated Ketamine Infusions in Treatment-Resistant Major Depression",
    authors=(Author("Murrough", "James W."), Author("Perez", "Andrew M."), Author("Pillemer", "Sarah"),
             Author("Stern", "Jessica"), Author("Parides", "Michael K."), Author("aan het Rot", "Marije"),
             Author("Collins", "Katherine A."), Author("Mathew", "Sanjay J."), Author("Charney", "Dennis S."),
             Author("Iosifescu", "Dan V.")),
    year=2012, years=(2012, 2013), container="Biological Psychiatry", short_containers=("Biological Psychiatry",),
    volume="74", issue="4", pages="250-256", type="journal-article", publisher="Elsevier BV",
    record=_rec(**{"published-online": 2012, "published-print": 2013}),
)
DUMAN = Work(
    doi="10.1038/nm.4050",
    title="Synaptic plasticity and depression: new insights from stress and rapid-acting antidepressants",
    authors=(Author("Duman", "Ronald S"), Author("Aghajanian", "George K"), Author("Sanacora", "Gerard"),
             Author("Krystal", "John H")),
    year=2016, years=(2016,), container="Nature Medicine", short_containers=("Nat Med",),
    volume="22", issue="3", pages="238-249", type="journal-article", publisher="Springer Science and Business Media LLC",
)
CARHART_HARRIS = Work(
    doi="10.1177/0269881117725915",
    title="Serotonin and brain function: a tale of two receptors",
    authors=(Author("Carhart-Harris", "RL"), Author("Nutt", "DJ")),
    year=2017, years=(2017,), container="Journal of Psychopharmacology", short_containers=("J Psychopharmacol",),
    volume="31", issue="9", pages="1091-1120", type="journal-article", publisher="SAGE Publications",
)


def ref(text: str, entry_type: str = "article", key: str = "r", **fields: str) -> Reference:
    return Reference(key=key, entry_type=entry_type, fields=fields, text=text, line=1)


KETAMINE_7 = ref(
    "Duman, Ronald S., George K. Aghajanian, Samuel T. Wilkinson, and Gerard Sanacora. \u201cNeuronal plasticity and "
    "ketamine antidepressant actions: a synthesis of preclinical and clinical studies.\u201d Biological Psychiatry, "
    "vol. 81, no. 5, 2017, pp. 386\u2013397.",
    key="duman2017",
    author="Duman, Ronald S. and Aghajanian, George K. and Wilkinson, Samuel T. and Sanacora, Gerard",
    title="Neuronal plasticity and ketamine antidepressant actions: a synthesis of preclinical and clinical studies",
    journal="Biological Psychiatry", volume="81", number="5", year="2017", pages="386--397",
)
KETAMINE_8 = ref(
    "Carhart-Harris, Robin L., and David J. Nutt. \u201cSerotonin and brain function: a tale of two receptors.\u201d "
    "Journal of Psychopharmacology, vol. 31, no. 9, 2017, pp. 1091\u20131120.",
    key="carhartharris2017",
    author="Carhart-Harris, Robin L. and Nutt, David J.",
    title="Serotonin and brain function: a tale of two receptors",
    journal="Journal of Psychopharmacology", volume="31", number="9", year="2017", pages="1091--1120",
)
KETAMINE_9 = ref(
    "Liston, Conor., et al. \u201cRapid and sustained symptom reduction following repeated doses of ketamine in major "
    "depressive disorder.\u201d American Journal of Psychiatry, vol. 177, no. 5, 2020, pp. 437\u2013446.",
    key="liston2020",
    author="Liston, Conor and others",
    title="Rapid and sustained symptom reduction following repeated doses of ketamine in major depressive disorder",
    journal="American Journal of Psychiatry", volume="177", number="5", year="2020", pages="437--446",
)
MURROUGH_REF = ref(
    "Murrough JW, Perez AM, Pillemer S, et al. Rapid and longer-term antidepressant effects of repeated ketamine "
    "infusions in treatment-resistant major depression. Biol Psychiatry. 2013;74(4):250-256.",
    key="murrough2013",
    author="Murrough, J. W. and Perez, A. M. and Pillemer, S. and others",
    title="Rapid and longer-term antidepressant effects of repeated ketamine infusions in treatment-resistant major depression",
    journal="Biol Psychiatry", volume="74", number="4", year="2013", pages="250--256",
)


def cands(*works: Work, scores: tuple[float | None, ...] | None = None) -> tuple[Candidate, ...]:
    scores = scores or (None,) * len(works)
    return tuple(Candidate(work=w, score=s) for w, s in zip(works, scores))


def test_decision_type_is_frozen():
    d = choose_match(KETAMINE_8, cands(CARHART_HARRIS))
    assert isinstance(d, MatchDecision)
    with pytest.raises(AttributeError):
        d.outcome = "none"  # type: ignore[misc]


def test_correct_citation_matches():
    d = choose_match(KETAMINE_8, cands(MURROUGH, CARHART_HARRIS, DUMAN))
    assert d.outcome == "matched"
    assert d.match.work.doi == CARHART_HARRIS.doi
    assert d.ranked[0].work.doi == CARHART_HARRIS.doi
    assert d.ranked[0].similarity > 0.95
    assert all(0.0 <= c.similarity <= 1.0 for c in d.ranked)


def test_vancouver_citation_of_print_year_matches():
    d = choose_match(MURROUGH_REF, cands(MURROUGH))
    assert d.outcome == "matched"


def test_fabricated_liston_is_not_murrough():
    # The ketamine sample's entry 9: Murrough 2013 is the top search hit, but authors, journal,
    # year and volume all differ.
    d = choose_match(KETAMINE_9, cands(MURROUGH, scores=(60.0,)))
    assert d.outcome == "none"
    assert d.match is None
    assert d.ranked[0].work.doi == MURROUGH.doi
    assert d.ranked[0].similarity < MATCH_THRESHOLD


def test_fabricated_duman_2017_is_not_duman_2016():
    # Entry 7: same first author and two co-authors, year off by one, but a different title,
    # journal, volume and pages.
    d = choose_match(KETAMINE_7, cands(DUMAN, MURROUGH))
    assert d.outcome == "none"


def test_raw_text_only_reference_still_matches():
    # The parser may be absent or fail: validation then reads the raw string.
    bare = Reference(key="", entry_type="misc", fields={}, text=KETAMINE_8.text, line=1)
    d = choose_match(bare, cands(MURROUGH, CARHART_HARRIS))
    assert d.outcome == "matched" and d.match.work.doi == CARHART_HARRIS.doi
    bare9 = Reference(key="", entry_type="misc", fields={}, text=KETAMINE_9.text, line=1)
    assert choose_match(bare9, cands(MURROUGH)).outcome == "none"


def test_parser_error_in_title_is_survivable():
    # Title field swallowed the journal name: still the same paper.
    broken = ref(KETAMINE_8.text, author=KETAMINE_8.get("author"), year="2017",
                 title="Serotonin and brain function: a tale of two receptors. Journal of Psychopharmacology")
    assert choose_match(broken, cands(CARHART_HARRIS)).outcome == "matched"


def test_low_relevance_score_is_never_accepted():
    d = choose_match(KETAMINE_8, cands(CARHART_HARRIS, scores=(5.0,)))
    assert d.outcome == "none"
    assert d.ranked[0].work.doi == CARHART_HARRIS.doi  # still reported as nearest


def test_no_candidates():
    d = choose_match(KETAMINE_8, ())
    assert (d.outcome, d.match, d.ranked) == ("none", None, ())


def test_two_distinct_works_equally_good_is_ambiguous():
    # Shannon 1948 appeared in two parts with one title; a citation without volume/pages fits both.
    part1 = Work(doi="10.1002/j.1538-7305.1948.tb01338.x", title="A Mathematical Theory of Communication",
                 authors=(Author("Shannon", "C. E."),), year=1948, years=(1948,), volume="27", issue="3",
                 pages="379-423", container="Bell System Technical Journal", type="journal-article")
    part2 = Work(doi="10.1002/j.1538-7305.1948.tb00917.x", title="A Mathematical Theory of Communication",
                 authors=(Author("Shannon", "C. E."),), year=1948, years=(1948,), volume="27", issue="4",
                 pages="623-656", container="Bell System Technical Journal", type="journal-article")
    shannon = ref("Shannon CE. A mathematical theory of communication. 1948.", author="Shannon, C. E.",
                  title="A mathematical theory of communication", year="1948")
    assert choose_match(shannon, cands(part1, part2)).outcome == "ambiguous"
    # Pages decide it
    with_pages = ref("Shannon CE. A mathematical theory of communication. Bell Syst Tech J. 1948;27:623-656.",
                     author="Shannon, C. E.", title="A mathematical theory of communication", year="1948",
                     volume="27", pages="623--656")
    d = choose_match(with_pages, cands(part1, part2))
    assert d.outcome == "matched" and d.match.work.doi == part2.doi


def test_duplicate_dois_are_one_candidate():
    d = choose_match(KETAMINE_8, cands(CARHART_HARRIS, CARHART_HARRIS))
    assert d.outcome == "matched" and len(d.ranked) == 1


def test_doi_lookup_pointing_at_other_paper_is_not_accepted():
    cited = ref(KETAMINE_8.text, **{**KETAMINE_8.fields, "doi": "10.1038/nm.4050"})
    d = choose_match(cited, cands(DUMAN))
    assert d.outcome == "none"


def test_correction_notice_is_not_the_work():
    notice = Work(doi="10.1177/0269881117999999", title="Corrigendum: Serotonin and brain function: a tale of two receptors",
                  authors=CARHART_HARRIS.authors, year=2017, years=(2017,), container="Journal of Psychopharmacology",
                  type="journal-article")
    d = choose_match(KETAMINE_8, cands(notice, CARHART_HARRIS))
    assert d.match.work.doi == CARHART_HARRIS.doi


def test_wrong_year_still_matches_so_compare_can_flag_it():
    wrong_year = ref(KETAMINE_8.text.replace("2017", "2019"), **{**KETAMINE_8.fields, "year": "2019"})
    assert choose_match(wrong_year, cands(CARHART_HARRIS)).outcome == "matched"


def test_evidence_fields():
    ev = evidence(KETAMINE_9, MURROUGH)
    assert ev.author == 0.0 and ev.year == 0.0 and ev.volume == 0.0
    assert 0 <= similarity(KETAMINE_9, MURROUGH) < MATCH_THRESHOLD


def test_crossref_test_record_matches_its_ieee_string(shared_data):
    path = shared_data / "crossref-reference-matching-evaluation" / "dataset" / "tests" / "test_record.json"
    if not path.is_file():
        pytest.skip("test_record.json absent")
    from refcheck.resolve.records import work_from_message

    work = work_from_message(json.loads(path.read_text()))
    text = ("[1]D. Tkaczyk, P. Szostek, M. Fedoryszak, P. J. Dendek, and Bolikowski,\u201cCERMINE: automatic extraction of "
            "structured metadata from scientific literature,\u201d International Journal on Document Analysis and "
            "Recognition (IJDAR), vol. 18, no. 4, pp. 317\u2013335, 2015.")
    bare = Reference(key="", entry_type="misc", fields={}, text=text, line=1)
    d = choose_match(bare, (Candidate(work=work, score=167.7),))
    assert d.outcome == "matched"
