"""work_to_entry: a Crossref work as BibTeX, round-tripping through bibtexparser."""

from __future__ import annotations

from dataclasses import replace

import bibtexparser
from test_match import CARHART_HARRIS, MURROUGH

from refcheck.bibtex import entry_to_string, work_to_entry
from refcheck.model import Author, Work


def test_article_entry_fields():
    entry = work_to_entry(MURROUGH, "murrough2013")
    assert (entry.entry_type, entry.key) == ("article", "murrough2013")
    f = {k: v for k, v in entry.fields_dict.items()}
    assert f["journal"].value == "Biological Psychiatry"
    assert f["volume"].value == "74" and f["number"].value == "4" and f["pages"].value == "250--256"
    assert f["doi"].value == MURROUGH.doi
    assert f["author"].value.startswith("Murrough, James W. and Perez, Andrew M.")
    assert "aan het Rot, Marije" in f["author"].value


def test_round_trip():
    text = entry_to_string(work_to_entry(CARHART_HARRIS, "ch2017"))
    lib = bibtexparser.parse_string(text)
    assert len(lib.entries) == 1 and not lib.failed_blocks
    e = lib.entries[0]
    assert e.key == "ch2017" and e["title"] == CARHART_HARRIS.title and e["year"] == "2017"


def test_subtitle_braces_organisation_and_book():
    work = Work(doi="10.1/x", title="Main {title}", subtitle="sub", authors=(Author("World Health Organization"),),
                year=2020, type="book", publisher="WHO", isbn=("9789240000000",))
    e = work_to_entry(work, "who2020")
    assert e.entry_type == "book"
    assert e["title"] == "Main (title): sub"
    assert e["author"] == "{World Health Organization}"
    assert e["publisher"] == "WHO" and e["isbn"] == "9789240000000"
    assert bibtexparser.parse_string(entry_to_string(e)).entries[0]["doi"] == "10.1/x"


def test_article_number_as_pages_and_unknown_type():
    e = work_to_entry(replace(CARHART_HARRIS, pages="", article_number="706", type="posted-content"), "")
    assert e.entry_type == "misc" and e["pages"] == "706" and e.key == "ref"
