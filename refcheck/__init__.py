"""refcheck — check the references and quotations in a manuscript or blog draft.

>>> import refcheck
>>> entry = refcheck.parse_reference(
...     "Carhart-Harris, R. L., & Nutt, D. J. (2017). Serotonin and brain function: "
...     "a tale of two receptors. Journal of Psychopharmacology, 31(9), 1091-1120.")
>>> entry["year"]
'2017'

The public API is the names in ``__all__``; every other module may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "__version__",
    "check_file",
    "check_text",
    "extract_references",
    "extract_file",
    "parse_reference",
    "parse_file",
    "Report",
    "Options",
    "RefcheckError",
    "InputError",
    "ConfigError",
    "QuotesTableError",
    "SnapshotError",
]

from ._version import __version__
from .errors import ConfigError, InputError, QuotesTableError, RefcheckError, SnapshotError
from .options import Options

if TYPE_CHECKING:
    from .check import check_file, check_text
    from .extract import extract_file, extract_references
    from .parse import parse_file, parse_reference
    from .report import Report

_LAZY = {
    "check_file": "check", "check_text": "check",
    "extract_references": "extract", "extract_file": "extract",
    "parse_reference": "parse", "parse_file": "parse",
    "Report": "report",
}


def __getattr__(name: str) -> Any:
    # Lazy so that `import refcheck` stays cheap for the pre-commit hook.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'refcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
