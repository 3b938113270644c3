"""The parser's lexicon: one place for the year, months, publishers and "in press" words, read by every rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from parse_fields import assert_fields

from refcheck import lexicon

PARSE_DIR = Path(__file__).resolve().parents[1] / "refcheck" / "parse"


def test_alternation_puts_the_longer_of_two_spellings_first() -> None:
    assert lexicon.alternation(("Sep", "September", "Sept", "Sep")) == "(?:September|Sept|Sep)"
    assert re.match(lexicon.alternation(lexicon.MONTH_SPELLINGS), "Sept. 2001").group(0) == "Sept"


def test_year_pattern_spans_1500_to_2099() -> None:
    year = re.compile(lexicon.YEAR)
    assert [bool(year.fullmatch(y)) for y in ("1499", "1500", "1999", "2099", "2100")] == [
        False, True, True, True, False]


def test_month_abbreviations_are_the_short_spellings() -> None:
    assert set(lexicon.MONTH_ABBREVIATIONS) == {
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}


def test_no_parse_module_writes_the_year_pattern_by_hand() -> None:
    hand_written = re.compile(r"1\[5-9\]|\(\?:19\|20\)|20\\d\\d")
    offenders = [f"{path.name}:{n}" for path in sorted(PARSE_DIR.glob("*.py")) if path.name != "lexicon.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if hand_written.search(line)]
    assert offenders == []


@pytest.mark.parametrize("word", ["submitted", "accepted", "under review", "sous presse", "no prelo", "in press"])
def test_a_pending_word_in_the_year_slot_is_no_title(word: str) -> None:
    # author-date with a pending word where the year goes: the author rules read the lexicon's words
    assert_fields(f"Smith, J. ({word}). A theory of everything. Journal of Physics.",
                  {"author": "Smith, J.", "title": "A theory of everything", "journal": "Journal of Physics"})


def test_a_spanish_date_after_the_journal_is_no_part_of_it() -> None:
    # "septiembre" (the lexicon's spelling; the old hand-written "se?tiembre" missed it)
    assert_fields("Caldeira, K. 2003. Carbono antropogénico. Revista Nature, 25 de septiembre de 2003.",
                  {"journal": "Revista Nature", "year": "2003", "title": "Carbono antropogénico"})
