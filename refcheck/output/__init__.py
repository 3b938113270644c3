"""Output formats: each module renders a :class:`~refcheck.report.Report` one way.

``text`` (people, in a terminal) and ``json`` (the stable contract, in
``report.py``) are here; the others live beside them, one module each:
``markdown`` (people, in a pull request), ``github`` (Actions annotations),
``sarif`` (code scanning) and ``junit`` (test-result viewers).
"""

from __future__ import annotations

from typing import Callable, TextIO

from ..report import Report

Renderer = Callable[[Report, TextIO], None]


def render_json(report: Report, stream: TextIO) -> None:
    stream.write(report.to_json())
    stream.write("\n")


# Format name → (module, function); modules are imported only when asked for.
_RENDERERS: dict[str, tuple[str, str]] = {
    "text": ("text", "render_text"),
    "markdown": ("markdown", "render_markdown"),
    "github": ("github", "render_github"),
    "sarif": ("sarif", "render_sarif"),
    "junit": ("junit", "render_junit"),
}

FORMAT_NAMES: tuple[str, ...] = ("text", "json", "github", "sarif", "junit", "markdown")
# Formats meant for programs: they print nothing but the report (no progress, no chatter).
MACHINE_FORMATS: frozenset[str] = frozenset({"json", "github", "sarif", "junit"})


def renderer(name: str) -> Renderer:
    """The renderer for one format; only its module is imported (so the hook stays fast)."""
    if name == "json":
        return render_json
    try:
        module, function = _RENDERERS[name]
    except KeyError:
        raise KeyError(f"unknown output format {name!r} (known: {', '.join(FORMAT_NAMES)})") from None
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), function)


def renderers() -> dict[str, Renderer]:
    """Format name → renderer, for every format (imports each module: use :func:`renderer` for one)."""
    return {name: renderer(name) for name in FORMAT_NAMES}
