"""Author names between citation and record (issue 11): correct citations must get no author error.

Records are shaped as Crossref returns them (real works, including the odd author fields some
publishers deposit); citations are written by hand in real styles.
"""

from __future__ import annotations

from refcheck.normalize import split_bibtex_names
from refcheck.resolve.records import work_from_message


def test_a_given_only_record_author_is_known_by_that_name():
    # Crossref holds some single-name authors as {"given": ...} with no family
    work = work_from_message({"DOI": "10.1/x", "title": ["Republic"], "author": [{"given": "Plato"}]})
    assert [(a.family, a.given) for a in work.authors] == [("Plato", "")]
    assert str(work.authors[0]) == "Plato"


def test_a_braced_corporate_author_is_one_name():
    names, truncated = split_bibtex_names("{Centers for Disease Control and Prevention} and Smith, Jane and others")
    assert names == [("Centers for Disease Control and Prevention", ""), ("Smith", "Jane")]
    assert truncated
