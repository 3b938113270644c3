"""Output formats: each module renders a :class:`~refcheck.report.Report` one way.

``text`` (people, in a terminal) and ``json`` (the stable contract, in
``report.py``) are here; machine formats for CI live beside them.
"""

from __future__ import annotations

from typing import Callable, TextIO

from ..report import Report

Renderer = Callable[[Report, TextIO], None]


def render_json(report: Report, stream: TextIO) -> None:
    stream.write(report.to_json())
    stream.write("\n")


def renderers() -> dict[str, Renderer]:
    """Format name → renderer; imported lazily so the hook stays fast."""
    from .text import render_text

    table: dict[str, Renderer] = {"text": render_text, "json": render_json}
    return table
