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

from .common import (
    Span,
    DOI_RE,
    MAX_HEADING_CHARS,
    URL_RE,
    heading_name,
    looks_like_reference,
    make_body,
    raw_reference,
    split_lines,
    split_unmarked,
)
from .text import collect_entries
from ..model import ExtractedDocument, RawReference
from ..normalize import collapse_whitespace

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
            if href and _worth_keeping(href) and href not in shown and not _same_doi(href, shown):
                lines[-1] += " " + href
    return lines


def _worth_keeping(href: str) -> bool:
    return bool(URL_RE.match(href) or DOI_RE.search(href) or href.lower().startswith(("doi:", "mailto:")))


def _same_doi(href: str, shown: str) -> bool:
    m = DOI_RE.search(href)
    return bool(m) and href[m.start():].lower() in shown.lower()


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


def _paragraph_spans(tokens: Sequence[Any], i: int) -> list[Span]:
    m = tokens[i].map
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if not m or nxt is None or nxt.type != "inline":
        return []
    texts = inline_lines(nxt.content)
    count = m[1] - m[0]
    if len(texts) != count:  # a break we did not see: fall back to one entry
        return [Span(m[0], m[1], collapse_whitespace(" ".join(texts)))]
    return [
        Span(m[0] + a, m[0] + b, collapse_whitespace(" ".join(texts[a:b])))
        for a, b in split_unmarked(texts)
    ]


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
    spans: list[Span] = []
    blank: set[int] = set(range(front))
    section: int | None = None  # heading level of the open reference section (7: a bold paragraph)
    heading_lines: list[int] = []
    found_in_section = False

    def close_section() -> None:
        nonlocal section
        if section is not None and found_in_section:
            blank.update(heading_lines)
        section = None

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.level != 0 or tok.nesting == -1:
            i += 1
            continue
        end = _close_index(tokens, i) if tok.nesting == 1 else i
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 6
            if heading_name(_inline_text(tokens, i)) is not None:
                close_section()
                section, found_in_section = level, False
                heading_lines = list(range(*tok.map)) if tok.map else []
            elif section is not None and level <= section:
                close_section()
        elif kind == "paragraph_open" and _is_pseudo_heading(tokens, i):
            close_section()
            section, found_in_section = 7, False
            heading_lines = list(range(*tok.map)) if tok.map else []
        elif section is not None:
            if kind in ("bullet_list_open", "ordered_list_open"):
                k = i + 1
                while k < end:
                    if tokens[k].type == "list_item_open" and tokens[k].level == 1:
                        close = _close_index(tokens, k)
                        span = _item_span(tokens, k, close)
                        if span:
                            spans.append(span)
                            found_in_section = True
                        k = close
                    k += 1
            elif kind == "paragraph_open":
                m = tok.map
                if m and looks_like_reference(" ".join(lines[m[0]:min(m[1], m[0] + 3)])):
                    spans.extend(_paragraph_spans(tokens, i))
                    found_in_section = True
                else:
                    close_section()
            elif kind == "code_block" and tok.map:
                found, _ = collect_entries(lines, tok.map[0], tok.map[1])
                spans.extend(found)
                found_in_section = found_in_section or bool(found)
        i = end + 1
    close_section()

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
    return ExtractedDocument(format="markdown", references=tuple(refs), body=_body(lines, blank, fenced))


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
