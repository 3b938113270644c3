"""The CRF labeller beside the rules: it loads once, helps, and steps aside when it cannot run."""

from __future__ import annotations

import time

import pytest

from refcheck import parse
from refcheck.parse import crf as parse_model
from refcheck.parse import parse_reference


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_model, "MODEL_PATH", parse_model.MODEL_PATH.with_name("missing.crfsuite"))
    monkeypatch.setattr(parse_model, "_tagger", None)


def test_features_are_strings_one_list_per_token() -> None:
    toks = parse_model.tokens("Smith, J. (2001). “A title,” J. Tests 3, 1-9.")
    feats = parse_model.features(toks, ["author"] * len(toks))
    assert len(feats) == len(toks) and all(isinstance(x, str) for f in feats for x in f)
    assert "year" in feats[2] and "inq" in feats[3] and "range" in feats[-1]


def test_without_the_model_the_rules_parse_alone(no_model: None) -> None:
    assert not parse_model.available()
    assert parse_model.label_tokens(["A", "b"]) is None
    e = parse_reference("Popper, Karl. Conjectures and Refutations. Routledge, 1963.")
    assert e.fields_dict["title"].value == "Conjectures and Refutations"


def test_model_loads_once_and_labels() -> None:
    pytest.importorskip("pycrfsuite")
    assert parse_model.available()
    toks = parse_model.tokens("Smith, J. (2001). A study of tests. Journal of Tests, 3(2), 1-9.")
    labels = parse_model.label_tokens(toks)
    assert labels is not None and labels[0] == "author" and "title" in labels and "container" in labels


def test_model_fixes_a_container_the_rules_ran_into_the_title() -> None:
    pytest.importorskip("pycrfsuite")
    text = ("Kikuchi, Y., Umezaki, T., & Nakagawa. T. (2022). Employment quotas for adults who stutter: "
            "A preliminary study. International Archives of Communication Disorder, 4(1), Article 020.")
    f = {k: v.value for k, v in parse_reference(text).fields_dict.items()}
    assert f["journal"] == "International Archives of Communication Disorder"
    assert f["title"] == "Employment quotas for adults who stutter: A preliminary study"


def test_rules_only_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse.reference, "USE_MODEL", False)
    e = parse_reference("Smith, J. (2001). A study of tests. Journal of Tests, 3(2), 1-9.")
    assert e.fields_dict["journal"].value == "Journal of Tests"


@pytest.mark.parametrize("text", ["a. " * 35_000, "“" * 100_000, "(" * 50_000 + "1999", "x" * 100_000,
                                  "Smith, J. " * 10_000])
def test_adversarial_input_stays_fast(text: str) -> None:
    start = time.perf_counter()
    parse_reference(text)
    parse_model.features(parse_model.tokens(text[:20_000]))
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("text,title", [
    ("K. E. Thomas, J. Newman and R.M. Darling. ``Mathematical Modeling of Lithium Batteries'' in Advances in "
     "Lithium-Ion Batteries. W. van Schalkwijk and B. Scrosati Eds. New York, Kluwer, pp. 345-392. 2002.",
     "Mathematical Modeling of Lithium Batteries"),
    ("BlueZ Project. (2022, Novembre 14). BlueZ. Consulté le Mars 27, 2023, sur BlueZ: http://www.bluez.org/",
     "BlueZ"),
])
def test_model_does_not_overrule_quotes_or_start_inside_a_date(text: str, title: str) -> None:
    assert parse_reference(text).fields_dict["title"].value == title
