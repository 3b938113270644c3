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


def test_only_the_crossref_module_imports_habanero_and_requests_cache() -> None:
    import re

    pattern = re.compile(r"^\s*(?:import|from)\s+(habanero|requests_cache)\b", re.MULTILINE)
    importers = sorted(str(p.relative_to(REPO)) for p in (REPO / "refcheck").rglob("*.py")
                       if pattern.search(p.read_text(encoding="utf-8")))
    assert importers == ["refcheck/resolve/crossref.py"]


def test_the_resolve_stage_imports_nothing_from_the_stages_after_it() -> None:
    """resolve/ sits below judge, check, report, cli and output: it may not import them (nor extract or parse)."""
    import ast

    later = {"judge", "check", "report", "cli", "output", "fix", "config", "quotes", "extract", "parse"}
    found = []
    for path in sorted((REPO / "refcheck" / "resolve").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2:  # from ..x import y / from .. import x
                names = [node.module] if node.module else [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("refcheck."):
                names = [node.module.split(".")[1]]
            elif isinstance(node, ast.Import):
                names = [a.name.split(".")[1] for a in node.names if a.name.startswith("refcheck.")]
            else:
                continue
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0] in later]
    assert found == []


def _imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports from refcheck, as a dotted name (``refcheck.report``, ``refcheck``)."""
    import ast

    package = list(path.relative_to(REPO).with_suffix("").parts)
    if package[-1] == "__init__":
        package.pop()
    else:
        package = package[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            if node.module:
                found.append(".".join([*base, node.module]))
            else:  # from .. import x: x is a submodule, or a name the package's __init__ defines
                for alias in node.names:
                    is_module = (REPO.joinpath(*base, alias.name).is_dir()
                                 or REPO.joinpath(*base, f"{alias.name}.py").is_file())
                    found.append(".".join([*base, alias.name]) if is_module else ".".join(base))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "refcheck":
            found.append(node.module or "")
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "refcheck"]
    return found


def test_nothing_inside_the_package_imports_its_init() -> None:
    """``refcheck/__init__`` is the public surface on top: modules below take the version from ``_version``."""
    importers = sorted(str(p.relative_to(REPO)) for p in (REPO / "refcheck").rglob("*.py")
                       if p != REPO / "refcheck" / "__init__.py" and "refcheck" in _imported_modules(p))
    assert importers == []


def test_the_judge_stage_imports_nothing_from_the_stages_around_it() -> None:
    """judge/ is pure functions of (reference, candidates): no resolving, no reporting, no reading documents."""
    others = {"check", "report", "cli", "output", "fix", "config", "quotes", "extract", "parse", "resolve"}
    found = [f"{p.name}: {module}" for p in sorted((REPO / "refcheck" / "judge").glob("*.py"))
             for module in _imported_modules(p) if module.split(".")[1:2] and module.split(".")[1] in others]
    assert found == []


def test_the_version_is_written_once() -> None:
    """pyproject.toml reads the version from refcheck/_version.py, so the two cannot disagree."""
    from importlib.metadata import version

    import refcheck
    from refcheck._version import __version__

    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "refcheck._version.__version__"}
    assert refcheck.__version__ == __version__
    assert version("refcheck") == __version__  # the installed metadata, built from that attribute
