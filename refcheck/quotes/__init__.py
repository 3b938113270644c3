"""Check quotations and who said them against the curated quotes table.

>>> from refcheck.quotes import check_quotes
>>> [r.status for r in check_quotes('As Carl Jung once wrote, "Who looks outside, dreams; who looks inside, awakes."')]
['genuine']
"""

from __future__ import annotations

from .find import FoundQuote, find_quotations
from .table import QuoteEntry, QuoteTable, append_rows, default_table_path, load_table, parse_table
from .verify import check_quote, check_quotes, record_quotes, same_person

__all__ = [
    "FoundQuote",
    "QuoteEntry",
    "QuoteTable",
    "append_rows",
    "check_quote",
    "check_quotes",
    "default_table_path",
    "find_quotations",
    "load_table",
    "parse_table",
    "record_quotes",
    "same_person",
]
