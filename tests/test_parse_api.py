"""parse_references / keys / BibTeX output, and the parser's robustness on hostile input."""

from __future__ import annotations

import time

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.parse.keys import base_key, unique_keys
from refcheck.model import RawReference
from refcheck.parse.names import looks_like_names, split_names, surnames
from refcheck.bibtex import reference_to_entry, references_to_bibtex
from refcheck.parse import parse_reference, parse_references

NUTT = ("Carhart-Harris, Robin L., and David J. Nutt. “Serotonin and brain function: a tale of two receptors.” "
        "Journal of Psychopharmacology, vol. 31, no. 9, 2017, pp. 1091–1120.")


def test_keys_are_unique_within_a_document() -> None:
    raws = [RawReference(NUTT, line=1), RawReference(NUTT, line=2), RawReference(NUTT, line=3)]
    keys = [r.key for r in parse_references(raws)]
    assert keys == ["carhartharris2017serotonin", "carhartharris2017serotonina", "carhartharris2017serotoninb"]


def test_bib_fields_pass_through_with_their_key() -> None:
    raws = [
        RawReference("", line=1, entry_type="Article", key="nutt2017", fields={"Title": "Serotonin", "YEAR": "2017"}),
        RawReference("", line=9, entry_type="book", key="nutt2017", fields={"title": "Other"}),
        RawReference(NUTT, line=12),
    ]
    refs = parse_references(raws)
    assert refs[0].key == "nutt2017" and refs[0].entry_type == "article"
    assert dict(refs[0].fields) == {"title": "Serotonin", "year": "2017"}
    assert refs[1].key != "nutt2017" and refs[1].key.startswith("nutt2017")
    assert refs[2].key == "carhartharris2017serotonin" and refs[2].line == 12 and refs[2].text == NUTT


def test_bibtex_round_trip() -> None:
    refs = parse_references([RawReference(NUTT, line=1)])
    text = references_to_bibtex(refs)
    library = bibtexparser.parse_string(text)
    assert len(library.entries) == 1
    entry = library.entries[0]
    assert entry.key == "carhartharris2017serotonin" and entry.entry_type == "article"
    assert entry.fields_dict["pages"].value == "1091--1120"
    assert reference_to_entry(refs[0]).fields_dict["journal"].value == "Journal of Psychopharmacology"


def test_base_key_and_suffixes() -> None:
    assert base_key({"author": "de Souza, Paulo", "year": "2019", "title": "The Art of Science"}) == "desouza2019art"
    assert base_key({"title": "Anonymous pamphlet"}) == "anonanonymous"
    assert unique_keys(["a", "a", "a"], taken=["a"]) == ["aa", "ab", "ac"]


def test_names() -> None:
    assert split_names("Marras WS, Lavender SA, Yang G.") == (
        [("Marras", "W. S."), ("Lavender", "S. A."), ("Yang", "G.")], False)
    assert split_names("van der Kolk, B. A., & de Souza, P.") == ([("van der Kolk", "B. A."), ("de Souza", "P.")], False)
    assert surnames("{World Health Organization} and Nutt, D.") == ["worldhealthorganization", "nutt"]
    assert looks_like_names("World Health Organization")
    assert not looks_like_names("Serotonin and brain function: a tale")


@pytest.mark.parametrize("text", ["", " ", "\x00", "2017", "“”", "(", "In:", "et al.", "https://doi.org/10.1/x",
                                  "\\bibitem{x}", "{\\em", "$$$", "[1]", "12-", "a" * 5000])
def test_degenerate_inputs_give_an_entry(text: str) -> None:
    entry = parse_reference(text)
    assert entry.entry_type
    assert entry.key
    assert "title" in entry.fields_dict or "note" in entry.fields_dict


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
       | st.text(alphabet=" .,;:()[]{}\"'“”‘’-–—&\\$~0123456789ABCDEFabcdefpp.vol.no.In:eds.et al.\x00\x07\n\t",
                 max_size=600))
def test_never_raises(text: str) -> None:
    entry = parse_reference(text)
    assert entry.key and entry.entry_type


@pytest.mark.parametrize("unit", [
    "a", " ", "A. ", "Smith, J., ", "(", "((", "1", "1-", "- ", "“", "'a", "\\textit{", "{", "$", "vol. ", "pp. 1-",
    "In ", ", and ", "et al. ", "10.1000/", "http://x", ". . . ", "A.B.C.", "Ab, ", ":", "?", "é", "\t\n",
])
def test_adversarial_100kb_is_fast(unit: str) -> None:
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    start = time.perf_counter()
    parse_reference(text)
    assert time.perf_counter() - start < 1.0
