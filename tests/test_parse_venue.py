"""Proceedings: the meeting's place and date go to ``address``/``month``/``year``, not into the booktitle."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from parse_fields import fields_of
from refcheck.parse.venue import take_venue


@pytest.mark.parametrize("text, expected", [
    pytest.param(  # IEEE transactions style: place, then month and year, nothing after
        "J. Doe and R. Roe, ``Robust pole placement,'' in Proc. Amer. Control Conf., Boston, MA, June 1991.",
        {"booktitle": "Proc. Amer. Control Conf", "address": "Boston, MA", "month": "June", "year": "1991"},
        id="place-month-year"),
    pytest.param(  # IEEE Xplore export: the year opening the name stays (Crossref keeps it)
        'A. Smith and B. Lee, "Sparse coding for speech," 2019 IEEE International Conference on Acoustics, '
        "Speech and Signal Processing (ICASSP), Brighton, UK, 2019, pp. 101-105.",
        {"booktitle": "2019 IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP)",
         "address": "Brighton, UK", "year": "2019", "pages": "101--105"}, id="leading-year-kept"),
    pytest.param(  # MDPI: place, day range with month and year, then pages after a semicolon
        "Doe, J.; Roe, R. Learning to rank. In Proceedings of the IEEE International Conference on Multimedia "
        "and Expo (ICME), London, UK, 6–10 July 2020; pp. 1–6.",
        {"booktitle": "Proceedings of the IEEE International Conference on Multimedia and Expo (ICME)",
         "address": "London, UK", "month": "July", "year": "2020", "pages": "1--6"}, id="mdpi-days-month"),
    pytest.param(  # date before the place: no "-29" left in the booktitle
        'A. Rossi, B. Bianchi. "Wall shear stress in the aorta". 27th Congress of the European Society of '
        "Biomechanics, June 26-29, 2022, Porto, Portugal.",
        {"booktitle": "27th Congress of the European Society of Biomechanics", "address": "Porto, Portugal",
         "month": "June", "year": "2022"}, id="date-then-place"),
    pytest.param(  # month and days without a year, the year after the place
        "Doe J, Roe R. Fire resistance of columns. Proceedings of the ASCE Structures Congress, April 4-6, "
        "Denver, CO, 2002.",
        {"booktitle": "Proceedings of the ASCE Structures Congress", "address": "Denver, CO", "month": "April",
         "year": "2002"}, id="days-place-year"),
    pytest.param(  # a date glued to the name; the year comes from the name
        "J. Doe, R. Roe: Side channels in browsers, in CCS '17: 2017 ACM SIGSAC Conference on Computer and "
        "Communications Security Oct. 30-Nov. 3, Dallas, TX, USA, pp. 1-15.",
        {"booktitle": "CCS '17: 2017 ACM SIGSAC Conference on Computer and Communications Security",
         "address": "Dallas, TX, USA", "month": "October", "year": "2017"}, id="glued-date"),
    pytest.param(  # "at Alexandria, VA": the place follows "at"
        "Doe, John, Jane Roe, 2002, Parsing with generators, Proceedings of the Tenth Python Conference, "
        "at Alexandria, VA.",
        {"booktitle": "Proceedings of the Tenth Python Conference", "address": "Alexandria, VA"}, id="at-place"),
    pytest.param(  # publisher before the place: "ACM Press" is the publisher, not part of the booktitle
        "Doe, J., 1979. Path expressions. Proceedings of the 6th ACM Symposium on Principles of Programming "
        "Languages, ACM Press, New York, NY, pp. 1-10.",
        {"booktitle": "Proceedings of the 6th ACM Symposium on Principles of Programming Languages",
         "publisher": "ACM Press", "address": "New York, NY"}, id="publisher-place"),
    pytest.param(  # GB/T 7714: the year inside the name is not the one cut off ("Proceedings of the")
        "Wang X, Li Y. Graph neural networks for traffic prediction[C]// Proceedings of the 2019 IEEE "
        "International Conference on Data Mining (ICDM), 2019: 101-110.",
        {"booktitle": "Proceedings of the 2019 IEEE International Conference on Data Mining (ICDM)", "year": "2019",
         "pages": "101--110"}, id="gbt-name-year"),
    pytest.param(  # APA without "In": name year kept, the publisher after the sentence end split off
        "Doe, J. (2021). Fair ranking. Proceedings of the 2021 ACM Conference on Fairness, Accountability, and "
        "Transparency. Association for Computing Machinery.",
        {"year": "2021", "publisher": "Association for Computing Machinery"}, id="name-year-publisher"),
    pytest.param(  # ACM reference format: "(CHI '19). ACM, 1–12" - the publisher ends the abbreviations' run
        "J. Doe and R. Roe. 2019. Voice assistants. In Proceedings of the 2019 CHI Conference on Human Factors in "
        "Computing Systems (CHI '19). ACM, 1–12.",
        {"booktitle": "Proceedings of the 2019 CHI Conference on Human Factors in Computing Systems (CHI '19)",
         "publisher": "ACM", "pages": "1--12"}, id="acm-apostrophe-year"),
    pytest.param(  # Harvard: the booktitle in single quotes after "in"
        "Doe, J., Roe, R. (2018), Seizure detection, in ‘2018 40th Annual International Conference of the IEEE "
        "Engineering in Medicine and Biology Society (EMBC)’, IEEE, pp. 1–4.",
        {"booktitle": "2018 40th Annual International Conference of the IEEE Engineering in Medicine and Biology "
                      "Society (EMBC)", "publisher": "IEEE", "pages": "1--4"}, id="single-quoted-booktitle"),
    pytest.param(  # an abbreviated name whose acronym follows its last period
        'W. Doe and S. Roe, "Data mining on learning platforms," in 2018 IEEE 3rd Int. Conf. Big Data Anal. '
        "(ICBDA), Shanghai, China, 2018, pp. 83-86.",
        {"booktitle": "2018 IEEE 3rd Int. Conf. Big Data Anal. (ICBDA)", "address": "Shanghai, China"},
        id="acronym-after-abbreviation"),
    pytest.param(  # "PLANS 2016": the year after the acronym belongs to the name
        "Doe, J. (2016). Indoor positioning. Proceedings of the IEEE/ION Position, Location and Navigation "
        "Symposium, PLANS 2016, 577–583.",
        {"booktitle": "Proceedings of the IEEE/ION Position, Location and Navigation Symposium, PLANS 2016",
         "year": "2016", "pages": "577--583"}, id="acronym-year"),
    pytest.param(  # the place after the pages
        "Doe, J. (1996). Leaf analysis. Proc. 8th Int. Citrus Congress, (pp. 1-5). Sun City, South Africa.",
        {"booktitle": "Proc. 8th Int. Citrus Congress", "address": "Sun City, South Africa"}, id="place-after-pages"),
    pytest.param(  # one town ending a meeting's name (Spanish "Congreso")
        "Doe, A., Roe, B. (2005). Glaciares. XV Congreso Nacional del Agua, Mendoza.",
        {"booktitle": "XV Congreso Nacional del Agua", "address": "Mendoza"}, id="town-ends"),
    pytest.param(  # a town and a state written out
        "Lamport, L. 1978. Time, clocks, and the ordering of events. In Proc. of the Symposium on Operating Systems "
        "Principles, Asilomar, California, 1977.",
        {"booktitle": "Proc. of the Symposium on Operating Systems Principles", "address": "Asilomar, California"},
        id="state-name"),
    pytest.param(  # Vancouver: year-first dates between semicolons
        "Rumelhart DE, Hinton GE, Williams RJ. Learning internal representations. Proceedings of the 8th Annual "
        "Conference of the Cognitive Science Society; 1986 Aug 15-17; Amherst, MA. Hillsdale (NJ): Erlbaum; 1986. "
        "p. 1-12.",
        {"booktitle": "Proceedings of the 8th Annual Conference of the Cognitive Science Society",
         "address": "Amherst, MA", "month": "August", "publisher": "Erlbaum"}, id="vancouver-date"),
    pytest.param(  # GB/T 7714: the name opens with its year; "2017: 475-484" is year and pages
        "Doe J. Fast solvers[C]//2017 IEEE International Conference on Data Mining (ICDM). IEEE, 2017: 475-484.",
        {"booktitle": "2017 IEEE International Conference on Data Mining (ICDM)", "publisher": "IEEE",
         "pages": "475--484"}, id="gbt-leading-year"),
    pytest.param(
        "Doe J, Roe R. Fast solvers[C]. Proceedings of the 2017 IEEE International Conference on Data Mining, "
        "New Orleans, 2017: 475-484.",
        {"booktitle": "Proceedings of the 2017 IEEE International Conference on Data Mining",
         "address": "New Orleans", "year": "2017", "pages": "475--484"}, id="gbt-town-year-pages"),
    pytest.param(  # IEEE: the volume between the name and the place
        'J. Doe, "Fast solvers," in Proc. IEEE Int. Symp. Inf. Theory (ISIT), vol. 2, Paris, France, Jul. 2019, '
        "pp. 1–5.",
        {"booktitle": "Proc. IEEE Int. Symp. Inf. Theory (ISIT)", "volume": "2", "address": "Paris, France",
         "month": "July", "year": "2019", "pages": "1--5"}, id="volume-then-place"),
    pytest.param(  # abbreviated words end the name; "St." does not end the town
        'A. Doe, "Robust grasping," in Proc. Int. Conf. Robot. Autom., St. Louis, MO, USA, Dec. 2–4, 2019, pp. 1-7.',
        {"booktitle": "Proc. Int. Conf. Robot. Autom", "address": "St. Louis, MO, USA", "month": "December",
         "year": "2019"}, id="abbreviations-then-town"),
    pytest.param(  # "held in"
        "Doe A. Robust grasping of objects. Proceedings of the 12th World Congress on Intelligent Control, held in "
        "Vienna, Austria, 2019: 1-7.",
        {"booktitle": "Proceedings of the 12th World Congress on Intelligent Control", "address": "Vienna, Austria",
         "pages": "1--7"}, id="held-in"),
    pytest.param(  # APA: the pages in brackets right after the country
        "Doe, A. (2019). Robust grasping of objects. In Proceedings of the 36th International Conference on Machine "
        "Learning, ICML 2019, 9-15 June 2019, Long Beach, California, USA (pp. 1-7).",
        {"booktitle": "Proceedings of the 36th International Conference on Machine Learning, ICML 2019",
         "address": "Long Beach, California, USA", "month": "June", "pages": "1--7"}, id="country-then-pages"),
    pytest.param(  # GB/T 7714 [A]/[C]: "Town, Country, Year" after a sentence end
        "Doe A., Roe B., et al. Microwave radiometry for imaging[A]. Second European Radar Conference, 2005. "
        "EURAD[C]. Paris, France, 2006",
        {"booktitle": "Second European Radar Conference, 2005. EURAD", "address": "Paris, France", "year": "2006"},
        id="gbt-place-after-period"),
    pytest.param(  # Springer LNCS: the series and its volume follow the proceedings' short name
        "Doe, J., Roe, R.: Sparse coding models. In: Smith, A. (ed.) ECCV 2016. LNCS, vol. 9905, pp. 21–37. "
        "Springer, Cham (2016)",
        {"booktitle": "ECCV 2016", "series": "LNCS", "volume": "9905", "pages": "21--37"}, id="lncs"),
    pytest.param(  # the series run into the booktitle by the sentence reading
        "Doe J. Sparse coding models. In: Proceedings of the Workshop on Sparse Models. CEUR Workshop "
        "Proceedings, vol. 2019, pp. 1-7 (2019)",
        {"booktitle": "Proceedings of the Workshop on Sparse Models", "series": "CEUR Workshop Proceedings"},
        id="series-after-booktitle"),
    pytest.param(  # a place alone after the pages is the address, not a publisher called "Berkeley"
        "[5] J. Doe. A fast emulator. In Proceedings of the USENIX Annual Technical Conference, pages 41–52, "
        "Berkeley, CA, USA, 2005.",
        {"address": "Berkeley, CA, USA", "pages": "41--52"}, id="place-not-publisher"),
    pytest.param(  # "Publisher: Town, State, Country" (the reverse of "Town: Publisher")
        "Doe C. (2009). An integrated sensor for pedestrian navigation. ION GNSS Conference. Institute of "
        "Navigation: Savannah, Georgia, USA",
        {"publisher": "Institute of Navigation", "address": "Savannah, Georgia, USA"}, id="publisher-colon-place"),
])
def test_venue_fields(text: str, expected: dict[str, str]) -> None:
    got = fields_of(text)
    assert {k: got.get(k) for k in expected} == expected


def test_topic_words_are_not_places() -> None:
    """``Communication, Control, and Computing, 2014``: no town, the booktitle stays whole."""
    got = fields_of("A. Doe and B. Roe, ``Coded caching,'' in Proceedings of the Allerton Conference on "
                    "Communication, Control, and Computing, 2014, pp. 1-8.")
    assert got["booktitle"] == "Proceedings of the Allerton Conference on Communication, Control, and Computing"
    assert "address" not in got


@pytest.mark.parametrize("text", [
    "Proceedings of the National Academy of Sciences, USA, 116(3), 1-5",  # a journal with a volume
    "Proc. IEEE Conf. Comput. Vis. Pattern Recognit., 2016, pp. 770-778",  # abbreviations are no towns
    "Proceedings of the Conference on Vision, Graphics, 2019",  # a topic word and a year
    "Proceedings of the International Conference on Software Maintenance, pp. 362-367, October 1988",  # after pages
])
def test_no_venue(text: str) -> None:
    assert take_venue(text) is None


def _bench():
    path = Path(__file__).resolve().parents[1] / "bench" / "parse_accuracy.py"
    spec = importlib.util.spec_from_file_location("parse_accuracy_for_tests", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("gold, pred, ok", [
    ("Proc. Amer. Control Conf., Boston, MA, June 1991",
     {"container": "Proc. Amer. Control Conf", "address": "Boston, MA", "year": "1991"}, True),
    ("Proc. Amer. Control Conf., Boston, MA, June 1991",  # the place went nowhere
     {"container": "Proc. Amer. Control Conf", "address": "", "year": "1991"}, False),
    ("Proc. Amer. Control Conf., Boston, MA, June 1991",  # another year
     {"container": "Proc. Amer. Control Conf", "address": "Boston, MA", "year": "1992"}, False),
    ("Proceedings of the 2017 IEEE International Conference on Data Mining (ICDM), 2017",  # truncated
     {"container": "Proceedings of the", "address": "", "year": "2017"}, False),
    ("Proceedings of the Conference on Data Mining, Boston, MA",  # the booktitle's end put in address
     {"container": "Proceedings of the", "address": "Conference on Data Mining, Boston, MA", "year": ""}, False),
    ("27th Congress of the ESB, June 26--29, 2022, Porto, Portugal",
     {"container": "27th Congress of the ESB", "address": "Porto, Portugal", "year": "2022"}, True),
    ("Proc. Amer. Control Conf., Boston, MA, June 1991",  # a journal prediction is not a booktitle
     {"container": "Proc. Amer. Control Conf", "booktitle": "", "address": "Boston, MA", "year": "1991"}, False),
    ("7th Conference on Indoor Navigation (IPIN), Madrid, Spain, Oct. 4--7",
     {"container": "7th Conference on Indoor Navigation (IPIN)", "address": "Madrid, Spain", "year": "2016"}, True),
])
def test_bench_venue_split(gold: str, pred: dict[str, str], ok: bool) -> None:
    assert _bench().venue_split_match(gold, pred) is ok
