"""Reference lists in Markdown, read with markdown-it-py (block tokens carry source line maps).

A section starts at a heading (ATX or setext, or a paragraph that is only
"**References**") named like a reference list, and runs to the next heading of
the same or a higher level, or to a paragraph that does not read as a
reference. Its list items, reference-like paragraphs and indented blocks are
the entries. Footnote definitions (``[^1]: ...``) that read as references are
entries wherever they are. Front matter (YAML ``---`` or TOML ``+++``) and
fenced code are never searched.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any, Sequence

from ..model import ExtractedDocument, RawReference
from ..normalize import collapse_whitespace
from .common import (
    DOI_RE,
    MAX_HEADING_CHARS,
    URL_RE,
    Span,
    doi_shown,
    entry_text,
    heading_name,
    looks_like_reference,
    make_body,
    raw_reference,
    split_lines,
)
from .listing import SkipSpan, decide, skip_reason
from .text import heading_skip, read_list, skipped_entries, split_block

_FENCE_RE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_FOOTNOTE_RE = re.compile(r"[ \t]{0,3}\[\^([^\]\s]{1,100})\]:[ \t]?")
_ATX_RE = re.compile(r"[ \t]{0,3}#{1,6}(?=\s|$)")
_SETEXT_RE = re.compile(r"[ \t]{0,3}(?:={2,}|-{2,})[ \t]*$")
_QUOTE_PREFIX_RE = re.compile(r"[ \t]{0,3}>[ \t>]{0,40}")
_LINK_RE = re.compile(r"!?\[([^\[\]\n]{0,1000})\]\([^()\n]{0,2000}\)")
_REF_LINK_RE = re.compile(r"\[([^\[\]\n]{1,1000})\]\[[^\[\]\n]{0,200}\]")
_FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]\s]{1,100}\]")
_EMPHASIS_RE = re.compile(r"\*\*|__|`")
_TRAILING_HASHES_RE = re.compile(r"[ \t]#{1,20}[ \t]*$")


_MAX_INLINE = 20_000  # longer inline runs are cleaned with cheap line rules instead of parsed


@lru_cache(maxsize=1)
def _parser() -> Any:
    """Block structure only: inline parsing of a whole document can be slow on odd input
    (runs of brackets), so inline content is parsed lazily, only where entries are."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


@lru_cache(maxsize=1)
def _inline_parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def inline_lines(content: str) -> list[str]:
    """Inline Markdown → plain text, one string per line."""
    if len(content) > _MAX_INLINE:
        return [_clean_line(line) for line in content.split("\n")]
    tokens = _inline_parser().parseInline(content)
    return render_inline(tokens[0].children if tokens else [])


def _front_matter_end(lines: list[str]) -> int:
    """Number of leading lines that are YAML/TOML front matter (0 if none)."""
    if not lines:
        return 0
    first = lines[0].strip().lstrip("\ufeff")
    if first not in ("---", "+++"):
        return 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for i in range(1, len(lines)):
        if lines[i].strip() in closers:
            return i + 1
    return 0


def _fenced_lines(lines: list[str], start: int) -> set[int]:
    """Indices of lines inside (and including) fenced code blocks."""
    inside: set[int] = set()
    fence = ""
    for i in range(start, len(lines)):
        m = _FENCE_RE.match(lines[i])
        if fence:
            inside.add(i)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not lines[i][m.end():].strip():
                fence = ""
        elif m:
            fence = m.group(1)
            inside.add(i)
    return inside


def _footnotes(lines: list[str], start: int, skip: set[int]) -> list[tuple[int, int, str]]:
    """Footnote definitions as (first line, end line, label)."""
    out: list[tuple[int, int, str]] = []
    i = start
    n = len(lines)
    while i < n:
        m = _FOOTNOTE_RE.match(lines[i]) if i not in skip else None
        if not m:
            i += 1
            continue
        j = i + 1
        while j < n and j not in skip:
            line = lines[j]
            if not line.strip():
                # A blank line continues the note only if an indented paragraph follows.
                if j + 1 < n and lines[j + 1].startswith(("    ", "\t")):
                    j += 1
                    continue
                break
            if _FOOTNOTE_RE.match(line) or _ATX_RE.match(line) or _FENCE_RE.match(line):
                break
            j += 1
        out.append((i, j, m.group(1)))
        i = j
    return out


def render_inline(children: Sequence[Any] | None) -> list[str]:
    """Inline tokens → plain text, one string per source line (soft/hard breaks split lines).

    Link targets are kept after the link text (``[doi](https://doi.org/10.1/x)`` →
    ``doi https://doi.org/10.1/x``) unless the text already holds the URL or its DOI.
    """
    lines: list[str] = [""]
    hrefs: list[tuple[str, int, int]] = []  # (href, line index, offset) where the link text began
    for tok in children or ():
        kind = tok.type
        if kind in ("text", "code_inline"):
            lines[-1] += tok.content
        elif kind in ("softbreak", "hardbreak"):
            lines.append("")
        elif kind == "image":
            lines[-1] += "".join(c.content for c in tok.children or ()) or tok.content
        elif kind == "link_open":
            hrefs.append((str(tok.attrs.get("href", "") or ""), len(lines) - 1, len(lines[-1])))
        elif kind == "link_close" and hrefs:
            href, li, off = hrefs.pop()
            shown = lines[li][off:] if li == len(lines) - 1 else lines[-1]
            if href and _worth_keeping(href) and href not in shown and not doi_shown(href, shown):
                lines[-1] += " " + href
    return lines


def _worth_keeping(href: str) -> bool:
    return bool(URL_RE.match(href) or DOI_RE.search(href) or href.lower().startswith(("doi:", "mailto:")))



def _inline_text(tokens: Sequence[Any], i: int) -> str:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or nxt.type != "inline" or len(nxt.content) > 4 * MAX_HEADING_CHARS:
        return ""
    return collapse_whitespace(" ".join(inline_lines(nxt.content)))


def _is_pseudo_heading(tokens: Sequence[Any], i: int) -> bool:
    """A one-line paragraph that is only a reference-list name ("**References**", "Sources:")."""
    tok = tokens[i]
    if not tok.map or tok.map[1] - tok.map[0] != 1:
        return False
    return heading_name(_inline_text(tokens, i)) is not None


def _heading_line_inside(tokens: Sequence[Any], i: int) -> int | None:
    """The index of a line of a several-line paragraph that is only a reference-list name
    ("References:"), or None."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if not tok.map or tok.map[1] - tok.map[0] < 2 or nxt is None or nxt.type != "inline":
        return None
    for k, line in enumerate(nxt.content.split("\n")[:200]):
        if heading_name(line) is not None:  # markup around the name ("**References**") is stripped there
            return k
    return None


def _is_numbered_heading(tokens: Sequence[Any], i: int, lines: list[str]) -> bool:
    """"7. References" on a line of its own: Markdown reads a one-item ordered list."""
    tok = tokens[i]
    return (tok.type == "ordered_list_open" and bool(tok.map) and tok.map[1] - tok.map[0] <= 2
            and heading_name(lines[tok.map[0]]) is not None)


def _close_index(tokens: Sequence[Any], i: int) -> int:
    """Index of the token closing the one opened at ``i``."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _item_span(tokens: Sequence[Any], i: int, j: int) -> Span | None:
    parts: list[str] = []
    for k in range(i, j):
        if tokens[k].type == "inline":
            parts.extend(inline_lines(tokens[k].content))
        elif tokens[k].type in ("code_block", "fence"):
            parts.append(tokens[k].content)
    text = collapse_whitespace(" ".join(parts))
    m = tokens[i].map
    if not text or not m:
        return None
    return Span(m[0], m[1], text)


def _paragraph_entries(tokens: Sequence[Any], i: int, lines: list[str], first: int = 0) -> list[tuple[Span, bool]]:
    """A paragraph's entries, each with whether it opens with a label (``[1]``, ``(1)``, ``•``).

    Markdown joins consecutive lines into one paragraph, but a list written one entry
    per line is one entry per line; wrapped and hanging-indented entries stay whole.
    """
    m = tokens[i].map
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if not m or nxt is None or nxt.type != "inline":
        return []
    texts = inline_lines(nxt.content)
    if len(texts) != m[1] - m[0]:  # a break we did not see: fall back to one entry
        return [(Span(m[0], m[1], collapse_whitespace(" ".join(texts))), False)] if not first else []
    start = m[0] + first
    entries, _cut = split_block(texts[first:], lines[start:m[1]])
    return [(Span(start + a, start + b, entry_text(texts[first + a:first + b])), marked) for a, b, marked in entries]


def _list_entries(tokens: Sequence[Any], i: int, end: int) -> list[tuple[Span, bool]]:
    """The items of the list opened at ``i`` (closed at ``end``), each a labelled entry."""
    out: list[tuple[Span, bool]] = []
    k = i + 1
    while k < end:
        if tokens[k].type == "list_item_open" and tokens[k].level == tokens[i].level + 1:
            close = _close_index(tokens, k)
            span = _item_span(tokens, k, close)
            if span:
                out.append((span, True))
            k = close
        k += 1
    return out


def _following_text(tokens: Sequence[Any], top: Sequence[int], n: int, lines: list[str]) -> str | None:
    """The text of top-level block ``top[n]`` (labelled when it is a list), or None at a heading or rule."""
    for i in top[n:n + 1]:
        kind = tokens[i].type
        if kind in ("bullet_list_open", "ordered_list_open"):
            return "- " + _first_inline(tokens, i)
        if kind == "paragraph_open" and not _is_pseudo_heading(tokens, i):
            return _first_inline(tokens, i)
        if kind == "code_block" and tokens[i].map:
            return collapse_whitespace(" ".join(lines[tokens[i].map[0]:tokens[i].map[0] + 3]))
    return None


def _first_inline(tokens: Sequence[Any], i: int) -> str:
    """The first inline content at or after ``i`` (a paragraph's, a list's first item's), shortened."""
    for k in range(i, min(len(tokens), i + 8)):
        if tokens[k].type == "inline":
            return collapse_whitespace(" ".join(inline_lines(tokens[k].content[:600])))
    return ""


class _Sections:
    """The reference sections met so far: entries kept, entries left out, heading lines to blank."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.level: int | None = None  # heading level of the open section (7: a bold paragraph)
        self.heading_lines: list[int] = []
        self.found: list[Span] = []
        self.left_out: list[SkipSpan] = []
        self.spans: list[Span] = []
        self.skipped: list[SkipSpan] = []
        self.blank: set[int] = set()

    def open(self, level: int, tok: Any, heading_line: int | None = None) -> None:
        self.close()
        self.level = level
        if heading_line is not None:
            self.heading_lines = [heading_line]
        else:
            self.heading_lines = list(range(*tok.map)) if tok.map else []

    def close(self) -> None:
        if self.level is not None:
            if self.found:
                self.blank.update(self.heading_lines)
                self.spans.extend(self.found)
                self.skipped.extend(self.left_out)
            elif self.heading_lines:
                self.skipped.extend(heading_skip(self.lines, self.heading_lines[0], self.left_out))
        self.found, self.left_out, self.level = [], [], None

    def read(self, entries: list[tuple[Span, bool]], following: str | None) -> bool:
        """Keep or leave out each entry; False when one of them ends the section."""
        for k, (span, marked) in enumerate(entries):
            after = entries[k + 1][0].text if k + 1 < len(entries) else following
            decision = decide(span.text, marked, after, first=not self.found and not self.left_out)
            if decision == "stop":
                return False
            if decision == "pass":
                continue
            if decision == "keep":
                self.found.append(span)
            else:
                self.left_out.append(SkipSpan(span.start, span.end, span.text, skip_reason(span.text, marked)))
        return True


def extract_markdown(text: str) -> ExtractedDocument:
    """Markdown → references under reference-list headings plus reference-like footnotes."""
    lines = split_lines(text)
    front = _front_matter_end(lines)
    fenced = _fenced_lines(lines, front)
    notes = _footnotes(lines, front, fenced)

    work = list(lines)
    for i in range(front):
        work[i] = ""
    for a, b, _label in notes:
        for k in range(a, b):
            work[k] = ""

    tokens = _parser().parse("\n".join(work))
    sections = _Sections(lines)
    top = [k for k, t in enumerate(tokens) if t.level == 0 and t.nesting != -1]
    for n, i in enumerate(top):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 6
            if heading_name(_inline_text(tokens, i)) is not None:
                sections.open(level, tok)
            elif sections.level is not None and level <= sections.level:
                sections.close()
        elif kind == "paragraph_open" and _is_pseudo_heading(tokens, i) or _is_numbered_heading(tokens, i, lines):
            sections.open(7, tok)
        elif kind == "paragraph_open" and (inner := _heading_line_inside(tokens, i)) is not None:
            # "References" with no blank line around it: Markdown makes it one paragraph with the
            # prose above and the entries below.
            sections.open(7, tok, heading_line=tok.map[0] + inner)
            entries = _paragraph_entries(tokens, i, lines, first=inner + 1)
            if not sections.read(entries, _following_text(tokens, top, n + 1, lines)):
                sections.close()
        elif sections.level is not None:
            if kind == "hr":
                sections.close()
            elif kind == "code_block" and tok.map:
                kept, dropped, _ = read_list(lines, tok.map[0], tok.map[1])
                sections.found.extend(kept)
                sections.left_out.extend(dropped)
            elif kind in ("bullet_list_open", "ordered_list_open", "paragraph_open"):
                end = _close_index(tokens, i)
                entries = (_paragraph_entries(tokens, i, lines) if kind == "paragraph_open"
                           else _list_entries(tokens, i, end))
                if not sections.read(entries, _following_text(tokens, top, n + 1, lines)):
                    sections.close()
    sections.close()
    spans = sections.spans
    blank = sections.blank | set(range(front))

    for a, b, label in notes:
        texts = inline_lines(_note_content(lines, a, b))
        body = collapse_whitespace(" ".join(texts))
        if looks_like_reference(body):
            spans.append(Span(a, b, body, key=label))

    spans.sort(key=lambda s: s.start)
    refs: list[RawReference] = []
    for s in spans:
        r = raw_reference(lines, s)
        refs.append(r)
        blank.update(range(s.start, s.end))
    skipped = sorted(sections.skipped, key=lambda s: s.start)
    return ExtractedDocument(format="markdown", references=tuple(refs), body=_body(lines, blank, fenced),
                             skipped=tuple(skipped_entries(lines, skipped)))


def _note_content(lines: list[str], a: int, b: int) -> str:
    first = _FOOTNOTE_RE.sub("", lines[a], count=1)
    return "\n".join([first, *(line.strip() for line in lines[a + 1:b])]).strip()


def _body(lines: list[str], blank: set[int], fenced: set[int]) -> str:
    """Body lines with cheap Markdown markup removed; fences and reference lines blank."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in blank:
            out.append("")
            continue
        if i in fenced:
            out.append("" if _FENCE_RE.match(line) else line)
            continue
        out.append(_clean_line(line))
    return make_body(out)


def _clean_line(line: str) -> str:
    if _SETEXT_RE.match(line):
        return ""
    m = _ATX_RE.match(line)
    if m:
        line = _TRAILING_HASHES_RE.sub("", line[m.end():]).strip()
    m = _QUOTE_PREFIX_RE.match(line)
    if m:
        line = line[m.end():]
    m = _FOOTNOTE_RE.match(line)
    if m:
        line = line[m.end():]
    line = _LINK_RE.sub(r"\1", line)
    line = _REF_LINK_RE.sub(r"\1", line)
    line = _FOOTNOTE_REF_RE.sub("", line)
    line = _EMPHASIS_RE.sub("", line)
    return html.unescape(line) if "&" in line else line
