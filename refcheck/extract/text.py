"""Reference lists in plain text: a heading line, then numbered, bulleted or plain entries.

The list runs from the line after a heading such as "Bibliography" or "Works
Cited" to a clear boundary: another heading, a rule, an end-of-article line
("By Amjad Izhar", "Contact: ...") or plain prose. Every entry in between is
a reference, or is listed as skipped with the reason (see ``listing``).
"""

from __future__ import annotations

from ..model import ExtractedDocument, RawReference, SkippedEntry
from ..normalize import collapse_whitespace
from .common import (
    Span,
    entry_text,
    heading_name,
    indent_of,
    is_stop_line,
    make_body,
    marker,
    raw_reference,
    split_lines,
)
from .listing import (
    REASON_EMPTY_HEADING,
    WEAK_HEADINGS,
    SkipSpan,
    decide,
    is_reference_like,
    skip_reason,
    split_unmarked,
)

_UNDERLINE_CHARS = frozenset("=-~_*#")


def is_underline(line: str) -> bool:
    s = line.strip()
    return len(s) >= 3 and set(s) <= _UNDERLINE_CHARS


def is_text_heading(lines: list[str], i: int) -> bool:
    """Line ``i`` is a reference-list heading standing on its own (blank or underline around it)."""
    if heading_name(lines[i]) is None:
        return False
    before_ok = i == 0 or not lines[i - 1].strip() or is_underline(lines[i - 1])
    entry_next = i + 1 < len(lines) and (bool(marker(lines[i + 1])[0]) or is_reference_like(lines[i + 1]))
    after_ok = i + 1 >= len(lines) or not lines[i + 1].strip() or is_underline(lines[i + 1]) or entry_next \
        or lines[i].rstrip().endswith(":")
    # A line that is only "References" with an entry right under it heads a list even when the
    # prose above runs into it with no blank line.
    return (before_ok or entry_next) and after_ok


def collect_entries(lines: list[str], first: int, stop: int | None = None) -> tuple[list[Span], int]:
    """The entries of a list starting at line ``first``; returns them and the index where the list ended."""
    spans, _skipped, end = read_list(lines, first, stop)
    return spans, end


def read_list(lines: list[str], first: int, stop: int | None = None) -> tuple[list[Span], list[SkipSpan], int]:
    """The entries of a list starting at line ``first``, what was left out of it (with why), and the
    index where the list ended: at a heading, a rule, an end-of-article line or plain prose."""
    stop = len(lines) if stop is None else stop
    spans: list[Span] = []
    skipped: list[SkipSpan] = []
    i = first
    prev_kind: str | None = None
    while i < stop:
        if not lines[i].strip():
            i += 1
            continue
        if is_underline(lines[i]):
            if spans or skipped:
                return spans, skipped, i  # a rule after the list
            i += 1
            continue
        # One blank-line-separated block: lines[i:j].
        j = i
        while j < stop and lines[j].strip():
            j += 1
        if is_text_heading(lines, i):
            return spans, skipped, i
        kind = marker(lines[i])[0]
        local, local_cut = split_block(lines[i:j])
        entries = [(i + a, i + b, marked) for a, b, marked in local]
        cut = i + local_cut
        texts = [entry_text(lines[a:b]) for a, b, _ in entries]
        if kind is not None and spans and prev_kind is not None and kind != prev_kind \
                and not any(is_reference_like(t) for t in texts):
            return spans, skipped, i  # another kind of list after the references (share buttons, tags)
        after = _next_block_text(lines, cut if cut < j else j, stop)
        for n, ((a, b, marked), text) in enumerate(zip(entries, texts, strict=True)):
            following = texts[n + 1] if n + 1 < len(texts) else after
            decision = decide(text, marked, following, first=not spans and not skipped)
            if decision == "stop":
                return spans, skipped, a
            if decision == "pass":
                continue
            if decision == "keep":
                spans.append(Span(a, b, text))
            else:
                skipped.append(SkipSpan(a, b, text, skip_reason(text, marked)))
        if cut < j:  # an end-of-article line inside the block ended the list
            return spans, skipped, cut
        prev_kind = kind or prev_kind
        i = j
    return spans, skipped, i


def _next_block_text(lines: list[str], j: int, stop: int) -> str | None:
    """The first few lines of the next block (after blank lines), or None at a heading or the end."""
    while j < stop and not lines[j].strip():
        j += 1
    if j >= stop or is_text_heading(lines, j) or is_underline(lines[j]):
        return None
    end = j
    while end < stop and end < j + 3 and lines[end].strip():
        end += 1
    return collapse_whitespace(" ".join(lines[j:end]))


def split_block(texts: list[str], raw: list[str] | None = None) -> tuple[list[tuple[int, int, bool]], int]:
    """A block of lines (no blank line inside) as entries (start, end, labelled), and where an
    end-of-article line cut it (``len(texts)`` when none did). A labelled line starts an entry and
    unlabelled lines after it are its wrapping; a run of unlabelled lines is split by
    :func:`split_unmarked`. ``raw`` (the source lines, same length) gives indentation.

    >>> split_block(["[1] Doe J. A title. 2001.", "[2] Roe R. Another title. Publisher."])
    ([(0, 1, True), (1, 2, True)], 2)
    """
    raw = texts if raw is None else raw
    entries: list[tuple[int, int, bool]] = []
    j = len(texts)
    k = 0
    while k < j:
        if k > 0 and is_stop_line(texts[k]):
            return entries, k
        if marker(texts[k])[0] is not None:
            end = k + 1
            while end < j and marker(texts[end])[0] is None and not _ends_list(raw, end, k):
                end += 1
            entries.append((k, end, True))
        else:
            end = k + 1
            while end < j and marker(texts[end])[0] is None and not is_stop_line(texts[end]):
                end += 1
            entries.extend((k + a, k + b, False)
                           for a, b in split_unmarked([t.strip() for t in texts[k:end]], raw[k:end]))
        k = end
    return entries, j


def _ends_list(lines: list[str], n: int, entry_start: int) -> bool:
    """An unmarked line inside a numbered block that is a footer, or sits left of the list's indent
    while not reading as a reference wrap (a "By Author" line with no blank line before it)."""
    if is_stop_line(lines[n]):
        return True
    return heading_name(lines[n]) is not None and indent_of(lines[n]) < indent_of(lines[entry_start])


def heading_skip(lines: list[str], i: int, skipped: list[SkipSpan]) -> list[SkipSpan]:
    """What to report for a heading at line ``i`` under which no entry was kept: the entries left out,
    or the heading itself when its name promises a list (not "Notes", which often heads prose)."""
    if skipped:
        return skipped
    if heading_name(lines[i]) in WEAK_HEADINGS:
        return []
    return [SkipSpan(i, i + 1, collapse_whitespace(lines[i].strip().strip("#*_=: \t")), REASON_EMPTY_HEADING)]


def skipped_entries(lines: list[str], skipped: list[SkipSpan], line_offset: int = 0) -> list[SkippedEntry]:
    return [SkippedEntry(line=s.start + 1 + line_offset, text=s.text, reason=s.reason,
                         raw="\n".join(lines[s.start:s.end]).rstrip()) for s in skipped]


def extract_text(text: str) -> ExtractedDocument:
    """Plain text → references under every reference-list heading, and the rest as body."""
    lines = split_lines(text)
    refs: list[RawReference] = []
    skipped: list[SkipSpan] = []
    blank: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        if is_text_heading(lines, i):
            spans, left_out, end = read_list(lines, i + 1)
            if spans:
                skipped.extend(left_out)
                refs.extend(raw_reference(lines, s) for s in spans)
                blank.add(i)
                if i + 1 < n and is_underline(lines[i + 1]):
                    blank.add(i + 1)
                for s in spans:
                    blank.update(range(s.start, s.end))
                i = max(end, i + 1)
                continue
            skipped.extend(heading_skip(lines, i, left_out))
        i += 1
    return ExtractedDocument(format="text", references=tuple(refs), body=make_body(lines, blank),
                             skipped=tuple(skipped_entries(lines, skipped)))
