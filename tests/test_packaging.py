"""Packaging: every subpackage ships, and the bundled data is found after install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "refcheck").rglob("__init__.py")}
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"


def test_bundled_table_and_example_are_resources() -> None:
    from importlib.resources import files

    assert (files("refcheck.references") / "quotes.csv").is_file()
    assert (files("refcheck.references.examples") / "draft.md").is_file()
    assert (files("refcheck.references.examples") / "draft.snapshot.jsonl").is_file()
