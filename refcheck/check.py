"""The pipeline: document → extract → parse → resolve → compare → report.

Each stage is a module with one job; this one only wires them together.

>>> report = check_text("No references here.", offline=True)
>>> report.summary()["references"]
0
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .model import ExtractedDocument, Lookup, Reference, ReferenceResult
from .options import Options
from .report import DocumentReport, Report

# Called as progress(done, total) after each reference is resolved (see resolve_all).
ProgressCallback = Callable[[int, int], Any]


@dataclass(frozen=True)
class ResolvedReferences:
    """One document's references, parsed, and what the resolve stage fetched for each (same order)."""

    references: tuple[Reference, ...]
    lookups: tuple[Lookup, ...]


def _apply_ignore(result: ReferenceResult, options: Options) -> ReferenceResult:
    """Silence exactly the references the ``ignore`` option names, by key or DOI."""
    if not options.ignore:
        return result
    names = {result.reference.key.lower(), result.reference.get("doi").lower()}
    if result.match is not None:
        names.add(result.match.work.doi.lower())
    names.discard("")
    for name, reason in options.ignore:
        if name.lower() in names:
            from dataclasses import replace

            return replace(result, ignored=reason or "ignored by configuration")
    return result


def _judge_all(references: Sequence[Reference], lookups: Sequence[Lookup],
               options: Options) -> tuple[ReferenceResult, ...]:
    from .judge import judge

    return tuple(_apply_ignore(judge(ref, lookup), options) for ref, lookup in zip(references, lookups, strict=True))


def _without_repeated_links(results: tuple[ReferenceResult, ...]) -> tuple[ReferenceResult, ...]:
    """Leave out a link to a work a list entry turned out to cite, when the link's text agrees with it.

    Extraction already leaves a link to a DOI the list writes out to the list; an
    entry without a DOI is only known to be the same work once both are resolved.
    The work is then reported once, as the entry; a link whose text says
    something wrong of it stays, as a finding at its own line.
    """
    from .normalize import normalize_doi

    listed = {normalize_doi(r.match.work.doi) for r in results
              if r.reference.origin == "list" and r.match is not None and r.status in ("verified", "mismatch")}
    return tuple(r for r in results if not (
        r.reference.origin == "link" and r.match is not None and not r.problems
        and normalize_doi(r.match.work.doi) in listed))


def resolve_documents(
    documents: Sequence[ExtractedDocument],
    options: Options,
    progress: ProgressCallback | None = None,
) -> list[ResolvedReferences]:
    """The front half of the check: parse each document's references and resolve them.

    The references of all documents are resolved in one batch (one client, one
    pace for all). One :class:`ResolvedReferences` per document, in order.
    """
    from .parse import parse_references

    # A document's links are parsed with its list, so their keys stay unique together.
    parsed = [parse_references(d.references + d.links) if options.check_references else [] for d in documents]
    flat = [ref for refs in parsed for ref in refs]
    lookups: list[Lookup] = []
    if flat:
        from .judge import is_cited_work, venue_to_ask
        from .resolve import resolve_all

        lookups = resolve_all(flat, options, progress=progress, is_cited_work=is_cited_work,
                              venue_to_ask=venue_to_ask)
    resolved = []
    offset = 0
    for refs in parsed:
        resolved.append(ResolvedReferences(tuple(refs), tuple(lookups[offset:offset + len(refs)])))
        offset += len(refs)
    return resolved


def check_documents(
    documents: Sequence[ExtractedDocument],
    options: Options,
    progress: ProgressCallback | None = None,
) -> Report:
    """Check already-extracted documents; references of all documents are resolved in one batch."""
    resolved = resolve_documents(documents, options, progress=progress)

    table = None
    if options.check_quotes:
        from .quotes import load_table

        table = load_table(options.quotes_table)

    reports = []
    for document, resolved_refs in zip(documents, resolved, strict=True):
        results = _without_repeated_links(_judge_all(resolved_refs.references, resolved_refs.lookups, options))
        quotes: tuple[Any, ...] = ()
        if table is not None:
            from .quotes import check_quotes

            quotes = tuple(check_quotes(document.body, table))
        # What the extractor left out of a reference list is reported, never dropped (issue 12).
        skipped = document.skipped if options.check_references else ()
        reports.append(DocumentReport(path=document.path or "<text>", references=results, quotes=quotes,
                                      format=document.format, skipped=skipped))
    return Report(documents=tuple(reports), fail_on=options.fail_on, fail_on_unresolved=options.fail_on_unresolved)


def _options(options: Options | None, kwargs: dict[str, Any]) -> Options:
    if options is not None and kwargs:
        return options.replace(**kwargs)
    return options if options is not None else Options.from_kwargs(**kwargs)


def check_text(text: str, format: str | None = None, *, path: str = "<text>", options: Options | None = None,
               **kwargs: Any) -> Report:
    """Check the references and quotations in a string.

    Keyword arguments are :class:`~refcheck.options.Options` fields
    (``mailto=``, ``offline=``, ``snapshot=``...).
    """
    from dataclasses import replace

    from .document import sniff_format
    from .errors import InputError
    from .extract import extract

    options = _options(options, kwargs)
    if options.fix:
        raise InputError("fix needs a file: a string cannot be fixed in place (use check_file)")
    document = replace(extract(text, format or sniff_format(text)), path=path)
    return check_documents([document], options)


def check_file(path: str | os.PathLike[str], format: str | None = None, *, options: Options | None = None,
               **kwargs: Any) -> Report:
    """Check one document on disk (``-`` for standard input).

    >>> check_file("draft.md", snapshot="works.jsonl", offline=True).exit_code  # doctest: +SKIP
    0
    """
    return check_paths([path], _options(options, kwargs), format=format)


def _extract_paths(paths: Iterable[str | os.PathLike[str]], format: str | None) -> list[ExtractedDocument]:
    from .extract import extract_file

    return [extract_file(os.fspath(p), format=format) for p in paths]


def check_paths(paths: Iterable[str | os.PathLike[str]], options: Options, format: str | None = None,
                progress: ProgressCallback | None = None) -> Report:
    report = check_documents(_extract_paths(paths, format), options, progress=progress)
    return apply_fixes(report, format) if options.fix else report


def apply_fixes(report: Report, format: str | None = None) -> Report:
    """Correct each checked file in place (``fix=True``); the report says what was done to each."""
    from dataclasses import replace

    from .fix import fix_results

    return replace(report, documents=tuple(
        replace(document, fix=fix_results(document.path, document.references, format=format))
        for document in report.documents))


def snapshot_messages(paths: Iterable[str | os.PathLike[str]], options: Options, format: str | None = None,
                      progress: ProgressCallback | None = None) -> list[dict[str, Any]]:
    """The Crossref records behind every reference of these documents, for ``refcheck snapshot``.

    Every candidate is kept, not only the match, so an offline run against the
    snapshot sees what this run saw and reaches the same verdicts. The
    references are found, parsed and resolved exactly as ``check`` does.
    """
    from .resolve import resolved_messages

    # A snapshot is of references, whatever check_references says.
    resolved = resolve_documents(_extract_paths(paths, format), options.replace(check_references=True), progress)
    return resolved_messages([lookup for document in resolved for lookup in document.lookups])


def expand_paths(paths: Sequence[str], glob: str | None) -> list[str]:
    """Files named on the command line, with folders expanded by ``--glob``."""
    out: list[str] = []
    for name in paths:
        p = Path(name)
        if glob and p.is_dir():
            out.extend(sorted(str(f) for f in p.rglob(glob) if f.is_file()))
        else:
            out.append(name)
    return out
