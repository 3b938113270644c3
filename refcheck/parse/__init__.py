"""Free-text reference → BibTeX entry.

The parser is rule-based and works left to right, the way reference styles are built
(:mod:`refcheck.parse.rules`): clean the text and take out identifiers; find where the author
list ends (:mod:`~refcheck.parse.authors`); take the title (:mod:`~refcheck.parse.title_end`); read
the tail (:mod:`~refcheck.parse.tail`, :mod:`~refcheck.parse.fields`) and decide the entry type.
A CRF labeller (:mod:`~refcheck.parse.crf`, :mod:`~refcheck.parse.combine`) checks the rules'
author, title and container. The words the rules read are in :mod:`~refcheck.lexicon`.

:func:`parse_reference` never raises: on any failure it returns a ``misc`` entry
that keeps the text as its ``title`` and ``note``.
"""

from .reference import parse_file, parse_reference, parse_references

__all__ = ["parse_reference", "parse_references", "parse_file"]
