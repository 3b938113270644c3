"""``--fix``: correct wrong details in a document, in place, atomically.

The only module that writes to a user's document. What it may change is
deliberately narrow:

* in a ``.bib`` file, a mismatched entry is replaced by the suggested BibTeX,
  keeping the entry's citation key (so ``\\cite{...}`` still works) and any
  field of the user's the suggestion lacks (``file``, ``abstract``...);
* in text, Markdown, HTML and LaTeX, inside one mismatched reference's source
  span only, the cited value of each error-level field among year, volume,
  issue/number, pages and DOI is replaced by the value Crossref gives — and
  only when the cited string occurs there exactly once as a whole token
  (``74`` in ``2013;74(4)`` but not inside ``1974``; a page range matches
  whatever dash the source uses, ``351–359`` for the parser's ``351--359``,
  and keeps it). Anything else is left alone and reported as skipped, with
  the reason.

Writing is crash-safe: the new text goes to a temporary file in the same
folder, is flushed and fsync'ed, gets the original's permission bits, and
replaces the document with :func:`os.replace`; the original bytes are kept
beside it as ``<name>.refcheck.bak`` (:data:`BACKUP_SUFFIX`). A crash at any
point leaves either the old or the new document, never a partial one.

A file whose bytes would not survive a decode/encode round trip unchanged
(invalid UTF-8, say) is not rewritten at all.

>>> from refcheck.model import Problem, RawReference, Reference, ReferenceResult
>>> line = "1. Doe J. A title. J Test. 2001;12:1-2."
>>> raw = RawReference(text=line[3:], line=1, raw=line)
>>> ref = Reference("doe2001", "article", {"year": "2001"}, raw.text, 1, source=raw)
>>> result = ReferenceResult(ref, "mismatch", problems=(Problem("year", "2001", "2002", "error", "year"),))
>>> fix_text(raw.raw + "\\n", "text", [result]).text
'1. Doe J. A title. J Test. 2002;12:1-2.\\n'
"""

from __future__ import annotations

import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from .document import write_atomic
from .errors import InputError
from .model import RawReference, ReferenceResult

__all__ = ["Edit", "Skip", "FixedText", "FixOutcome", "fix_text", "fix_file", "fix_results", "describe", "write_atomic",
           "BACKUP_SUFFIX"]

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".refcheck.bak"
# Fields whose cited value may be swapped for the found one in running text.
FIXABLE_FIELDS: frozenset[str] = frozenset({"year", "volume", "issue", "number", "pages", "doi"})
MAX_VALUE_CHARS = 300

# Characters a replacement value may not bring into each markup (they would change its structure).
_UNSAFE_CHARS: dict[str, str] = {
    "text": "",
    "markdown": "[]()<>*_`\\|",
    "html": "<>&\"'",
    "latex": "\\{}%$#&_^~",
    "bibtex": "",
}
_VALUE_SHAPES: dict[str, re.Pattern[str]] = {
    "year": re.compile(r"\d{4}"),
    "doi": re.compile(r"10\.\d{4,9}/\S{1,280}"),
}
_DOI_END = frozenset(" \t\r\n\"'<>)]}")
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_BIB_HEAD_RE = re.compile(r"@\s{0,20}([A-Za-z]{1,40})\s{0,20}[{(]\s{0,20}([^,\s{}()]{0,200})\s{0,20},")


@dataclass(frozen=True)
class Edit:
    """One value changed: ``old`` became ``new`` in the reference on ``line``."""

    line: int
    key: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Skip:
    """A wrong value left as it is, and why."""

    line: int
    key: str
    field: str
    reason: str


@dataclass(frozen=True)
class FixedText:
    text: str
    edits: tuple[Edit, ...] = ()
    skipped: tuple[Skip, ...] = ()


@dataclass(frozen=True)
class FixOutcome:
    """What ``fix_file`` did to one document."""

    path: str
    edits: tuple[Edit, ...] = ()
    skipped: tuple[Skip, ...] = ()
    backup: str | None = None
    written: bool = False
    reason: str = ""  # why nothing was written although there were edits
    error: str = ""  # the document could not be read or written; it is unchanged


# -- locating a reference's source span ------------------------------------------------


def _line_starts(text: str) -> list[int]:
    """Offsets of line starts, counting ``\\r\\n``, ``\\r`` and ``\\n`` as an editor does."""
    return [0] + [m.end() for m in _NEWLINE_RE.finditer(text)]


def locate(text: str, raw: RawReference, starts: list[int] | None = None) -> tuple[int, int] | None:
    """The (start, end) offsets of ``raw.raw`` in ``text``, starting on line ``raw.line``; None if absent.

    Extractors join lines with ``\\n``, so any line ending in the source matches one in ``raw``.
    """
    if not raw.raw or raw.line < 1:
        return None
    starts = starts if starts is not None else _line_starts(text)
    if raw.line > len(starts):
        return None
    begin = starts[raw.line - 1]
    limit = starts[raw.line] if raw.line < len(starts) else len(text) + 1
    pieces = _NEWLINE_RE.split(raw.raw)
    if len(pieces) == 1:
        at = text.find(raw.raw, begin, limit - 1 + len(raw.raw))
        return (at, at + len(raw.raw)) if 0 <= at < limit else None
    pattern = re.compile(r"(?:\r\n|\r|\n)".join(re.escape(p) for p in pieces))
    # The match starts on the reference's line and is at most twice as long (each \n may be \r\n).
    m = pattern.search(text, begin, min(len(text), limit + 2 * len(raw.raw)))
    if m is None or m.start() >= limit:
        return None
    return m.start(), m.end()


def _occurrences(span: str, value: str, field_name: str) -> list[int]:
    """Offsets where ``value`` stands in ``span`` as a whole token."""
    found = []
    at = span.find(value)
    while at != -1:
        before = span[at - 1] if at > 0 else ""
        after = span[at + len(value):at + len(value) + 2]
        ok_before = not (before.isalnum() and value[:1].isalnum())
        if field_name == "doi":
            ok_before = ok_before and (before == "" or before not in "._-")
            ok_after = (not after or after[0] in _DOI_END
                        or after[0] in ".,;:" and (len(after) == 1 or after[1] in _DOI_END))
        else:
            ok_after = not (after[:1].isalnum() and value[-1:].isalnum())
        if ok_before and ok_after:
            found.append(at)
        at = span.find(value, at + 1)
    return found


# A page range as the parser reports it (BibTeX's "351--359") or as written ("351–359", "351 - 359").
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212-"
_PAGE_RANGE_RE = re.compile(
    rf"([A-Za-z]{{0,3}}\d{{1,9}})\s{{0,2}}[{_DASHES}]{{1,2}}\s{{0,2}}([A-Za-z]{{0,3}}\d{{1,9}})")


def _page_occurrences(span: str, cited: str, found: str) -> list[tuple[int, int, str]]:
    """Where the cited page range stands in ``span`` with any dash, and the found range in the same style.

    The parser reports ``351–359`` as ``351--359``; the source keeps its own dash, and so does the fix.
    """
    first, last = _PAGE_RANGE_RE.fullmatch(cited).groups()  # type: ignore[union-attr]
    pattern = re.compile(rf"(?<![\w.]){re.escape(first)}(\s{{0,2}}[{_DASHES}]{{1,2}}\s{{0,2}}){re.escape(last)}(?!\w)")
    found_range = _PAGE_RANGE_RE.fullmatch(found)
    out = []
    for m in pattern.finditer(span):
        new = found_range.group(1) + m.group(1) + found_range.group(2) if found_range else found
        out.append((m.start(), m.end(), new))
    return out


def _value_problem(field_name: str, cited: str, found: str, format: str) -> str:
    """Why ``found`` may not replace ``cited`` ("" when it may)."""
    if not cited.strip() or not found.strip():
        return "no value to replace"
    if cited == found:
        return "cited and found values are the same"
    for value in (cited, found):
        if len(value) > MAX_VALUE_CHARS or any(ord(c) < 32 or c in "\x7f\u2028\u2029" for c in value):
            return "value is not a single short line"
    shape = _VALUE_SHAPES.get(field_name)
    if shape is not None and not shape.fullmatch(found):
        return f"found value {found!r} is not a plain {field_name}"
    unsafe = [c for c in found if c in _UNSAFE_CHARS.get(format, "")]
    if unsafe:
        return f"found value contains {unsafe[0]!r}, which is markup in {format}"
    return ""


# -- computing the corrected text -----------------------------------------------------


def _fixable(result: ReferenceResult) -> bool:
    # A link's text is the author's prose ("a 2016 review"), not a citation to correct in place.
    return result.status == "mismatch" and result.ignored is None and result.reference.origin == "list"


def _text_edits(span: str, result: ReferenceResult, format: str) -> tuple[list[tuple[int, int, str, Edit]], list[Skip]]:
    ref = result.reference
    edits: list[tuple[int, int, str, Edit]] = []
    skipped: list[Skip] = []
    for problem in result.problems:
        if problem.severity != "error":
            continue
        name = problem.field
        if name not in FIXABLE_FIELDS:
            skipped.append(Skip(ref.line, ref.key, name, f"{name} is not fixed automatically"))
            continue
        why = _value_problem(name, problem.cited, problem.found, format)
        if why:
            skipped.append(Skip(ref.line, ref.key, name, why))
            continue
        if name == "pages" and _PAGE_RANGE_RE.fullmatch(problem.cited):
            places = _page_occurrences(span, problem.cited, problem.found)
        else:
            places = [(at, at + len(problem.cited), problem.found) for at in _occurrences(span, problem.cited, name)]
        if len(places) != 1:
            skipped.append(Skip(ref.line, ref.key, name, f"cited {name} {problem.cited!r} occurs {len(places)} times"
                                                         " in the reference, not once"))
            continue
        start, end, new = places[0]
        edits.append((start, end, new, Edit(ref.line, ref.key, name, span[start:end], new)))
    # Two fields claiming overlapping text (volume and issue both "12"): fix neither.
    edits.sort(key=lambda e: e[0])
    clash: set[int] = set()
    for k in range(1, len(edits)):
        if edits[k][0] < edits[k - 1][1]:
            clash.update((k - 1, k))
    for k in sorted(clash):
        e = edits[k][3]
        skipped.append(Skip(e.line, e.key, e.field, "overlaps another field's value"))
    return [e for k, e in enumerate(edits) if k not in clash], skipped


def _bibtex_entry(result: ReferenceResult, original: str, newline: str,
                  raw_fields: Mapping[str, str] | None = None) -> tuple[str | None, str]:
    suggestion = (result.suggested_bibtex or "").strip()
    if not suggestion:
        return None, "no suggested BibTeX"
    m = _BIB_HEAD_RE.match(suggestion)
    if m is None or suggestion.count("{") != suggestion.count("}") or not suggestion.endswith(("}", ")")):
        return None, "suggested BibTeX is not one well-formed entry"
    old_head = _BIB_HEAD_RE.match(original.lstrip())
    key = old_head.group(2) if old_head else result.reference.key
    if key and m.group(2) != key:
        suggestion = suggestion[:m.start(2)] + key + suggestion[m.end(2):]
    suggestion = _keep_own_fields(suggestion, raw_fields, result)
    return newline.join(_NEWLINE_RE.split(suggestion)), ""


_BIB_FIELD_NAME_RE = re.compile(r"^[ \t]{0,40}([A-Za-z][\w\-]{0,60})[ \t]{0,20}=", re.M)


def _keep_own_fields(suggestion: str, fields: Mapping[str, str] | None, result: ReferenceResult) -> str:
    """Carry over the user's fields the suggestion lacks (``file``, ``abstract``, ``keywords``...),
    unless a problem names them: Crossref has no opinion on them, and losing them loses work."""
    if not fields:
        return suggestion
    present = {name.lower() for name in _BIB_FIELD_NAME_RE.findall(suggestion)}
    wrong = {p.field.lower() for p in result.problems if p.severity == "error"}
    extra = [(name, value) for name, value in fields.items()
             if name.lower() not in present and name.lower() not in wrong and _balanced(value)
             and "\n\n" not in value]
    if not extra:
        return suggestion
    body = suggestion[:-1].rstrip()
    if not body.endswith(","):
        body += ","
    for name, value in extra:
        body += f"\n\t{name} = {{{value}}},"
    return body + "\n" + suggestion[-1]


def _balanced(value: str) -> bool:
    depth = 0
    for c in value:
        depth += (c == "{") - (c == "}")
        if depth < 0:
            return False
    return depth == 0


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    return "\r\n" if crlf > max(cr, lf) else "\r" if cr > lf else "\n"


def fix_text(text: str, format: str, results: Iterable[ReferenceResult]) -> FixedText:
    """The document text with each mismatched reference corrected as far as is safe.

    ``results`` come from checking ``text``; each reference carries the extracted
    entry it was parsed from (``Reference.source``), whose ``raw`` slice locates it.
    Pure: no I/O.
    """
    starts = _line_starts(text)
    newline = _dominant_newline(text)
    replacements: list[tuple[int, int, str]] = []
    edits: list[Edit] = []
    skipped: list[Skip] = []
    for result in results:
        if not _fixable(result):
            continue
        ref = result.reference
        raw = ref.source
        if raw is None:
            skipped.append(Skip(ref.line, ref.key, "*", "its place in the document is not known"))
            continue
        where = locate(text, raw, starts)
        if where is None:
            skipped.append(Skip(ref.line, ref.key, "*", "reference text not found in the document as it is now"))
            continue
        start, end = where
        if format == "bibtex":
            entry, why = _bibtex_entry(result, text[start:end], newline, raw.fields)
            if entry is None:
                skipped.append(Skip(ref.line, ref.key, "*", why))
                continue
            replacements.append((start, end, entry))
            changed = [Edit(ref.line, ref.key, p.field, p.cited, p.found)
                       for p in result.problems if p.severity == "error"]
            edits.extend(changed or [Edit(ref.line, ref.key, "*", "", "suggested entry")])
            continue
        span_edits, span_skips = _text_edits(text[start:end], result, format)
        skipped.extend(span_skips)
        for a, b, new, edit in span_edits:
            replacements.append((start + a, start + b, new))
            edits.append(edit)
    # Spans from different references never overlap, but be sure: drop any that do.
    replacements.sort()
    out: list[str] = []
    pos = 0
    for a, b, new in replacements:
        if a < pos:
            log.warning("fix: overlapping replacement at offset %d dropped", a)
            continue
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:])
    return FixedText("".join(out), tuple(edits), tuple(skipped))


# -- writing ------------------------------------------------------------------------


def _encoding_of(data: bytes, text: str) -> tuple[str, bytes] | None:
    """The (codec, BOM) that turns ``text`` back into exactly ``data``; None if none does."""
    for codec, bom in (("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                       ("utf-8", b"")):
        if data.startswith(bom):
            try:
                if bom + text.encode(codec) == data:
                    return codec, bom
            except UnicodeEncodeError:
                pass
    return None


def backup_path(path: str | os.PathLike[str]) -> str:
    return os.fspath(path) + BACKUP_SUFFIX


def fix_file(path: str | os.PathLike[str], results: Iterable[ReferenceResult], format: str | None = None, *,
             backup: bool = True) -> FixOutcome:
    """Correct one document on disk from its check results; see the module docstring.

    Raises :class:`~refcheck.errors.InputError` when the file cannot be read or
    written, or changed while refcheck was fixing it.
    """
    from .document import decode, format_for_path

    name = os.fspath(path)
    if name == "-":
        raise InputError("--fix needs files: standard input cannot be fixed")
    real = os.path.realpath(name)  # write through a symlink, not over it
    results = list(results)
    if not any(_fixable(r) for r in results):
        return FixOutcome(name)
    try:
        data = Path(real).read_bytes()
        before = os.stat(real)
    except OSError as exc:
        raise InputError(f"{name}: cannot read for --fix ({exc.strerror or exc})") from None
    text = decode(data, name)
    fmt = format_for_path(name, format)
    encoding = _encoding_of(data, text)
    if encoding is None:
        return FixOutcome(name, reason="not rewritten: its bytes are not plain UTF-8/UTF-16 text, so rewriting "
                                       "would change more than the references")
    fixed = fix_text(text, fmt, results)
    if not fixed.edits or fixed.text == text:
        return FixOutcome(name, skipped=fixed.skipped)
    codec, bom = encoding
    new_data = bom + fixed.text.encode(codec)
    mode = stat.S_IMODE(before.st_mode)
    saved = None
    try:
        if Path(real).read_bytes() != data:
            raise InputError(f"{name}: changed while refcheck was fixing it; not fixed")
        if backup:
            saved = backup_path(real)
            write_atomic(saved, data, mode)
        write_atomic(real, new_data, mode)
    except OSError as exc:
        raise InputError(f"{name}: cannot write fixes ({exc.strerror or exc}); the document is unchanged") from None
    if saved and os.path.abspath(name) == real:
        saved = backup_path(name)  # say it the way the user named the file
    return FixOutcome(name, fixed.edits, fixed.skipped, backup=saved, written=True)


def fix_results(path: str, results: Iterable[ReferenceResult], format: str | None = None) -> FixOutcome:
    """:func:`fix_file`, with a failure to read or write turned into the outcome's ``error``.

    Failures are data: one document that cannot be fixed does not stop the others.
    """
    try:
        return fix_file(path, results, format=format)
    except InputError as exc:
        return FixOutcome(path, error=str(exc))


def describe(outcome: FixOutcome) -> list[str]:
    """Lines for standard error about one fixed document."""
    lines = []
    if outcome.error:
        return [f"refcheck: error: {outcome.error}"]
    if outcome.written:
        backup = f" (original kept as {outcome.backup})" if outcome.backup else ""
        lines.append(f"refcheck: fixed {len(outcome.edits)} value(s) in {outcome.path}{backup}")
        lines.extend(f"  line {e.line} [{e.key}] {e.field}: {e.old} → {e.new}" if e.old else
                     f"  line {e.line} [{e.key}] replaced by the suggested entry" for e in outcome.edits)
    elif outcome.reason:
        lines.append(f"refcheck: {outcome.path}: {outcome.reason}")
    for s in outcome.skipped:
        lines.append(f"refcheck: {outcome.path}:{s.line} [{s.key}] not fixed"
                     f"{'' if s.field == '*' else ' (' + s.field + ')'}: {s.reason}")
    return lines
