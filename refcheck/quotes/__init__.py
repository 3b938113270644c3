"""Check quotations and who said them against the curated quotes table.

>>> from refcheck.quotes import check_quotes
>>> [r.status for r in check_quotes('As Carl Jung once wrote, "Who looks outside, dreams; who looks inside, awakes."')]
['genuine']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .find import FoundQuote, find_quotations
    from .table import (
        QuoteEntry,
        QuoteTable,
        append_rows,
        default_table_path,
        load_table,
        parse_table,
    )
    from .verify import check_quote, check_quotes, record_quotes, same_person

# Lazy, so that building the CLI (which registers `quotes`) does not import rapidfuzz and nameparser.
_LAZY = {
    "FoundQuote": "find", "find_quotations": "find",
    "QuoteEntry": "table", "QuoteTable": "table", "append_rows": "table", "default_table_path": "table",
    "load_table": "table", "parse_table": "table",
    "check_quote": "verify", "check_quotes": "verify", "record_quotes": "verify", "same_person": "verify",
}

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'refcheck.quotes' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
