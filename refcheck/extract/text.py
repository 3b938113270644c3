"""Reference lists in plain text: a heading line, then numbered, bulleted or plain entries.

The list runs from the line after a heading such as "Bibliography" or "Works
Cited" until a blank-line-separated block that does not read as a reference
("By Amjad Izhar", "Contact: ..."), a footer line, or another heading.
"""

from __future__ import annotations

from .common import (
    Span,
    entry_text,
    heading_name,
    indent_of,
    is_stop_line,
    looks_like_reference,
    make_body,
    marker,
    raw_reference,
    split_lines,
    split_unmarked,
)
from ..model import ExtractedDocument, RawReference

_UNDERLINE_CHARS = frozenset("=-~_*#")


def is_underline(line: str) -> bool:
    s = line.strip()
    return len(s) >= 3 and set(s) <= _UNDERLINE_CHARS


def is_text_heading(lines: list[str], i: int) -> bool:
    """Line ``i`` is a reference-list heading standing on its own (blank or underline around it)."""
    if heading_name(lines[i]) is None:
        return False
    before_ok = i == 0 or not lines[i - 1].strip() or is_underline(lines[i - 1])
    after_ok = i + 1 >= len(lines) or not lines[i + 1].strip() or is_underline(lines[i + 1]) or bool(
        marker(lines[i + 1])[0]) or lines[i].rstrip().endswith(":") or looks_like_reference(lines[i + 1])
    return before_ok and after_ok


def collect_entries(lines: list[str], first: int, stop: int | None = None) -> tuple[list[Span], int]:
    """The entries of a list starting at line ``first``; returns them and the index where the list ended."""
    stop = len(lines) if stop is None else stop
    spans: list[Span] = []
    i = first
    prev_kind: str | None = None
    while i < stop:
        if not lines[i].strip() or is_underline(lines[i]) and not spans:
            i += 1
            continue
        # One blank-line-separated block: lines[i:j].
        j = i
        while j < stop and lines[j].strip():
            j += 1
        if is_text_heading(lines, i) or is_stop_line(lines[i]):
            return spans, i
        kind, _ = marker(lines[i])
        if kind is None:
            if not looks_like_reference(" ".join(lines[i:min(j, i + 3)])):
                return spans, i
        elif spans and prev_kind is not None and kind != prev_kind and not looks_like_reference(lines[i]):
            return spans, i
        block_end = _collect_block(lines, i, j, spans)
        if block_end < j:  # a footer line inside the block ended the list
            return spans, block_end
        prev_kind = kind or prev_kind
        i = j
    return spans, i


def _collect_block(lines: list[str], i: int, j: int, spans: list[Span]) -> int:
    """Split block lines[i:j] into entries, appending to ``spans``; returns where it stopped."""
    k = i
    while k < j:
        kind, _ = marker(lines[k])
        if kind is None and k > i and is_stop_line(lines[k]):
            return k
        if kind is not None:
            # A marked entry runs until the next marked line; unmarked lines are its wrapping.
            end = k + 1
            while end < j and marker(lines[end])[0] is None and not _ends_list(lines, end, k):
                end += 1
            spans.append(Span(k, end, entry_text(lines[k:end])))
            k = end
            if end < j and marker(lines[end])[0] is None:
                return end
        else:
            end = k + 1
            while end < j and marker(lines[end])[0] is None and not is_stop_line(lines[end]):
                end += 1
            chunk = lines[k:end]
            for a, b in split_unmarked([c.strip() for c in chunk], chunk):
                spans.append(Span(k + a, k + b, entry_text(chunk[a:b])))
            k = end
    return k


def _ends_list(lines: list[str], n: int, entry_start: int) -> bool:
    """An unmarked line inside a numbered block that is a footer, or sits left of the list's indent
    while not reading as a reference wrap (a "By Author" line with no blank line before it)."""
    if is_stop_line(lines[n]):
        return True
    return heading_name(lines[n]) is not None and indent_of(lines[n]) < indent_of(lines[entry_start])


def extract_text(text: str) -> ExtractedDocument:
    """Plain text → references under every reference-list heading, and the rest as body."""
    lines = split_lines(text)
    refs: list[RawReference] = []
    blank: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        if is_text_heading(lines, i):
            spans, end = collect_entries(lines, i + 1)
            if spans:
                refs.extend(raw_reference(lines, s) for s in spans)
                blank.add(i)
                if i + 1 < n and is_underline(lines[i + 1]):
                    blank.add(i + 1)
                for s in spans:
                    blank.update(range(s.start, s.end))
                i = max(end, i + 1)
                continue
        i += 1
    return ExtractedDocument(format="text", references=tuple(refs), body=make_body(lines, blank))
