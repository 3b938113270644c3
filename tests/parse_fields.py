"""Shared helpers for the parser tests: a reference's fields, and a check of some of them."""

from __future__ import annotations

from refcheck.parse import parse_reference


def fields_of(text: str) -> dict[str, str]:
    """The BibTeX fields ``parse_reference`` gives ``text``."""
    return {f.key: f.value for f in parse_reference(text).fields}


def typed_fields_of(text: str) -> tuple[str, dict[str, str]]:
    """The entry type and the fields."""
    entry = parse_reference(text)
    return entry.entry_type, {f.key: f.value for f in entry.fields}


def assert_fields(text: str, expected: dict[str, str]) -> None:
    """Each field named in ``expected`` has exactly that value (other fields are not checked)."""
    fields = fields_of(text)
    for key, value in expected.items():
        assert fields.get(key) == value, (key, fields)
