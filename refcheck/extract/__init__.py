"""Extraction: find a document's reference list(s) and split off the body text.

The first stage of the pipeline (extract → parse → resolve → compare → report).
One module per format does the work; this one picks it::

    >>> doc = extract("Text.\\n\\nReferences\\n\\n1. Doe J. A title. J Test. 2001;1:1-2.\\n", "text")
    >>> [(r.line, r.text) for r in doc.references]
    [(5, 'Doe J. A title. J Test. 2001;1:1-2.')]

A document with no reference list is not an error: it has no references and
its whole text is the body. Nothing here raises on odd input except
:class:`~refcheck.errors.InputError` for an unreadable file or unknown format.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from typing import Callable

from ..document import FORMAT_ALIASES, format_for_path, read_document, sniff_format
from ..errors import InputError
from ..model import ExtractedDocument, RawReference
from ..normalize import strip_control_characters
from .common import make_body, split_lines

__all__ = ["extract", "extract_references", "extract_file"]

log = logging.getLogger(__name__)


def _extractor(format: str) -> Callable[[str], ExtractedDocument]:
    # Imported lazily so a text-only run never loads the HTML or Markdown parsers.
    if format == "text":
        from .text import extract_text
        return extract_text
    if format == "markdown":
        from .markdown import extract_markdown
        return extract_markdown
    if format == "html":
        from .html import extract_html
        return extract_html
    if format == "latex":
        from .latex import extract_latex
        return extract_latex
    if format == "bibtex":
        from .bibtex import extract_bibtex
        return extract_bibtex
    raise InputError(f"unknown format {format!r} (expected one of: text, markdown, html, latex, bibtex)")


def extract(text: str, format: str) -> ExtractedDocument:
    """Split ``text`` (in ``format``: text, markdown, html, latex, bibtex) into references and body.

    >>> extract("No references here.", "markdown").references
    ()
    """
    fmt = FORMAT_ALIASES.get(format.lower(), format) if isinstance(format, str) else format
    run = _extractor(fmt)
    try:
        document = run(text)
    except RecursionError:
        # Pathologically nested markup: report no references rather than fail the run.
        log.warning("extract: %s input too deeply nested; no references extracted", fmt)
        return ExtractedDocument(format=fmt, references=(), body=make_body(split_lines(text)))
    return _without_control_characters(replace(document, links=_links(text, fmt, document.references)))


def _links(text: str, format: str, listed: tuple[RawReference, ...]) -> tuple[RawReference, ...]:
    """The references the body makes by linking (DOI, PubMed, PMC, arXiv links), outside the list."""
    if format not in ("text", "markdown", "html"):
        return ()
    from .links import find_link_references

    try:
        return find_link_references(text, format, listed)
    except RecursionError:
        log.warning("extract: %s input too deeply nested; links in the body not read", format)
        return ()


def _without_control_characters(document: ExtractedDocument) -> ExtractedDocument:
    """Control characters out of everything but ``raw`` (which ``--fix`` must find byte for byte).

    They have no meaning in a reference or a quotation, and in a report they
    could drive the reader's terminal.
    """
    references = tuple(
        replace(ref, text=strip_control_characters(ref.text),
                fields={k: strip_control_characters(v) for k, v in ref.fields.items()} if ref.fields else ref.fields)
        for ref in document.references
    )
    skipped = tuple(replace(s, text=strip_control_characters(s.text)) for s in document.skipped)
    links = tuple(replace(ref, text=strip_control_characters(ref.text)) for ref in document.links)
    return replace(document, references=references, body=strip_control_characters(document.body), skipped=skipped,
                   links=links)


def extract_references(text: str, format: str | None = None) -> list[RawReference]:
    """The reference list(s) of ``text``; the format is sniffed when not given.

    >>> [r.line for r in extract_references("Intro\\n\\nReferences\\n\\n- Doe J (2001). A title. J Test.")]
    [5]
    """
    return list(extract(text, format or sniff_format(text)).references)


def extract_file(path: str | os.PathLike[str], format: str | None = None) -> ExtractedDocument:
    """Read and extract a document; ``-`` reads standard input (format sniffed unless given)."""
    name = os.fspath(path)
    text = read_document(name)
    if name == "-":
        fmt = format_for_path(name, format) if format else sniff_format(text)
    else:
        fmt = format_for_path(name, format)
    return replace(extract(text, fmt), path=name)
