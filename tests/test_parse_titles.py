"""Where a title ends and its journal or book begins: quoted titles with quotes inside them, and
the other title shapes that once ran into (or stopped short of) what follows.

Each reference is written out by hand from a real work, in the shape that once went wrong.
"""

from __future__ import annotations

import pytest

from refcheck.parse import parse_reference
from refcheck.parse.text import find_quoted


def fields_of(text: str) -> dict[str, str]:
    return {f.key: f.value for f in parse_reference(text).fields}


CASES = [
    pytest.param(  # a quoted word inside a single-quoted title
        "Hall, S. (1996) ‘Who Needs ‘Identity’ Now’, in S. Hall and P. du Gay (eds) Questions of Cultural "
        "Identity, London: Sage, 1–17.",
        {"title": "Who Needs ‘Identity’ Now", "booktitle": "Questions of Cultural Identity"},
        id="nested-single-quotes"),
    pytest.param(  # a plural possessive inside a single-quoted title
        "Ivković, Z. and Weisbenner, S. (2005) 'Local does as local is: Information content of the geography of "
        "individual investors' common stock investments', Journal of Finance, 60(1), 267-306.",
        {"title": "Local does as local is: Information content of the geography of individual investors' common "
                  "stock investments", "journal": "Journal of Finance"},
        id="possessive-in-quotes"),
    pytest.param(  # a title that opens with its own quotation
        "Ramos, Julio. 2010. ““Mi amigo el indio”. Raza y nación en la crónica modernista”. Revista "
        "Iberoamericana 76 (231): 17-34.",
        {"title": "“Mi amigo el indio”. Raza y nación en la crónica modernista", "journal": "Revista Iberoamericana"},
        id="quote-opening-a-quoted-title"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_title_shapes(text: str, expected: dict[str, str]) -> None:
    fields = fields_of(text)
    for key, value in expected.items():
        assert fields.get(key) == value, (key, fields)


def test_find_quoted_nesting_and_fallback() -> None:
    s = "“A “B” C”, J."
    assert find_quoted(s)[:2] == (0, 8)
    # an opener that never closes inside: the first closer stands
    s = "'Rock 'n roll today', Music 3."
    assert s[find_quoted(s)[0] + 1: find_quoted(s)[1]] == "Rock 'n roll today"
    s = "'Parents' voices', Child 2."  # the apostrophe is the only closer before a later one
    assert s[1: find_quoted(s)[1]] == "Parents' voices"
