"""Reference lists in HTML (blog exports such as WordPress), read with BeautifulSoup's html.parser.

A reference list follows a heading (``<h2>References</h2>``, or a paragraph
that is only ``<strong>References</strong>``) as ``<ol>``/``<ul>`` items or as
reference-like paragraphs (one per ``<p>``, or several split by ``<br>``); it
ends at the next heading of the same or a higher level or at a paragraph that
does not read as a reference. Containers marked as a bibliography
(``class="csl-bib-body"``, ``role="doc-bibliography"``, ``id="references"``)
count without a heading. Line numbers come from the parser's ``sourceline``.

The body is rebuilt with the standard library's HTMLParser, which reports the
position of every run of text, so each word stays on its source line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html.parser import HTMLParser
from typing import Any, Iterable

from ..model import ExtractedDocument, RawReference, SkippedEntry
from ..normalize import collapse_whitespace
from .common import (
    DOI_RE,
    MAX_HEADING_CHARS,
    URL_RE,
    canonical_newlines,
    doi_shown,
    heading_name,
    line_starts,
    looks_like_reference,
    make_body,
    marker,
    split_lines,
    strip_marker,
)
from .listing import REASON_EMPTY_HEADING, WEAK_HEADINGS, decide, is_reference_like, skip_reason

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math"})
_BLOCK = frozenset({
    "p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "blockquote", "section", "article", "header", "footer", "aside", "nav", "dd", "dt", "dl", "pre",
    "figure", "figcaption", "hr", "main", "title", "body", "html", "head", "form", "address",
})
_CONTAINERS = frozenset({"div", "section", "article", "main", "aside", "footer", "body", "span"})
_MARKED = re.compile(r"csl-bib-body|bibliography|references|reflist|ref-list|citations|works-cited", re.I)
_MAX_SCAN = 200_000


class _Doc:
    """The source with line offsets, for turning (sourceline, sourcepos) into slices."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def offset(self, tag: Any) -> int:
        line = getattr(tag, "sourceline", None)
        pos = getattr(tag, "sourcepos", None) or 0
        if not line or line > len(self.starts):
            return -1
        return self.starts[line - 1] + pos

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def end_of(self, tag: Any, start: int) -> int:
        """Offset just past ``tag``'s closing tag (or a best guess when it is left open)."""
        name = re.escape(tag.name)
        pattern = re.compile(r"<(/?)" + name + r"(?=[\s/>])[^<>]{0,2000}>?", re.I)
        depth = 0
        limit = min(len(self.text), start + _MAX_SCAN)
        for m in pattern.finditer(self.text, start, limit):
            if m.group(1):
                depth -= 1
                if depth <= 0:
                    return m.end()
            elif not m.group(0).endswith("/>"):
                depth += 1
                if depth > 1 and tag.name in ("li", "p"):  # an unclosed <li> runs to the next one
                    return m.start()
        return min(len(self.text), start + len(str(tag)))


def _short_text(tag: Any, limit: int = 100, max_nodes: int = 200) -> str | None:
    """The element's text if it is short (and the element small), else None — without
    walking a large subtree (deeply nested unclosed tags would make that quadratic)."""
    parts: list[str] = []
    size = 0
    for count, node in enumerate(_walk(tag)):
        if count > max_nodes:
            return None
        if getattr(node, "name", None) is None:
            if type(node).__name__ in ("NavigableString", "CData"):
                parts.append(str(node))
                size += len(parts[-1])
                if size > limit:
                    return None
        elif node.name in ("p", "div", "ol", "ul", "li", "table") + HEADINGS:
            return None
    return "".join(parts)


def _walk(tag: Any) -> Iterable[Any]:
    """Descendants in document order, lazily (bs4's ``descendants`` first walks the whole subtree)."""
    stack = [iter(getattr(tag, "contents", ()))]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        contents = getattr(node, "contents", None)
        if contents:
            stack.append(iter(contents))


def _heading_level(tag: Any) -> int | None:
    """1-6 for h1-h6, 7 for a paragraph that is only bold text or a list name; None otherwise."""
    if tag.name in HEADINGS:
        return int(tag.name[1])
    if tag.name in ("p", "div", "dt"):
        text = _short_text(tag)
        if not text or not text.strip():
            return None
        strong = tag.find(("strong", "b"))
        if strong is not None and collapse_whitespace(strong.get_text()) == collapse_whitespace(text):
            return 7
        if heading_name(text) is not None:
            return 7
    return None


def _is_ref_heading(tag: Any) -> bool:
    if _heading_level(tag) is None:
        return False
    text = _short_text(tag, limit=MAX_HEADING_CHARS, max_nodes=50)
    return text is not None and heading_name(text) is not None


def render(tag: Any) -> str:
    """An element's text, links' targets kept (a DOI in an href survives), list number dropped."""
    parts: list[str] = []
    _render_into(tag, parts)
    return strip_marker(collapse_whitespace("".join(parts)))


def _render_into(node: Any, parts: list[str]) -> None:
    for child in getattr(node, "children", ()):
        _render_node(child, parts)


def _render_node(child: Any, parts: list[str]) -> None:
    name = getattr(child, "name", None)
    if name is None:
        if type(child).__name__ in ("NavigableString", "CData"):
            parts.append(str(child))
        return
    if name in _SKIP:
        return
    if name in _BLOCK:
        parts.append(" ")
    start = len(parts)
    _render_into(child, parts)
    if name == "a":
        href = str(child.get("href") or "").strip()
        shown = "".join(parts[start:])
        if href and (URL_RE.match(href) or DOI_RE.search(href)) and href not in shown and not doi_shown(href, shown):
            parts.append(" " + href)
    if name in _BLOCK:
        parts.append(" ")



def _siblings_after(tag: Any) -> Iterable[Any]:
    """Elements after ``tag`` in reading order: its next siblings, then its parents' (a heading
    wrapped in a ``<div>`` still leads to the list after the ``</div>``)."""
    node = tag
    for _ in range(4):
        for sib in node.next_siblings:
            if getattr(sib, "name", None):
                yield sib
        node = node.parent
        if node is None or node.name in ("body", "html", "[document]"):
            return


class _Collector:
    def __init__(self, doc: _Doc) -> None:
        self.doc = doc
        self.refs: list[tuple[int, int, RawReference]] = []  # (start offset, end offset, reference)
        self.consumed: set[int] = set()  # id() of elements already read as entries or headings
        self.hidden: list[tuple[int, int]] = []  # offset ranges left out of the body
        self.skipped: list[tuple[int, SkippedEntry]] = []  # (start offset, entry) left out of a list
        self.section_mark = (0, 0)  # len(refs), len(skipped) when the current heading was met

    @property
    def first(self) -> bool:
        """Nothing read yet under the current heading."""
        return (len(self.refs), len(self.skipped)) == self.section_mark

    def consume(self, el: Any) -> None:
        self.consumed.add(id(el))
        for d in el.descendants:
            self.consumed.add(id(d))

    def add(self, el: Any, text: str | None = None, start: int | None = None, end: int | None = None) -> None:
        text = render(el) if text is None else text
        if not text:
            return
        start = self.doc.offset(el) if start is None else start
        if start < 0:
            return
        end = self.doc.end_of(el, start) if end is None else end
        raw = self.doc.text[start:end]
        line = self.doc.line_of(start)
        self.refs.append((start, end, RawReference(text=text, line=line, raw=raw)))
        self.hidden.append((start, end))
        self.consume(el)

    def skip(self, text: str, start: int, end: int, reason: str) -> None:
        if start >= 0:
            self.skipped.append((start, SkippedEntry(line=self.doc.line_of(start), text=text, reason=reason,
                                                     raw=self.doc.text[start:end].strip())))

    def entry(self, el: Any, marked: bool, following: str | None, text: str | None = None) -> bool:
        """Keep, leave out (reported) or stop at one element under a references heading."""
        text = render(el) if text is None else text
        decision = decide(text, marked, following, first=self.first)
        if decision == "stop":
            return False
        if decision == "pass":
            return True
        if decision == "keep":
            self.add(el, text)
        else:
            start = self.doc.offset(el)
            self.skip(text, start, self.doc.end_of(el, start) if start >= 0 else start, skip_reason(text, marked))
            self.consume(el)
        return True

    def paragraph(self, el: Any, following: str | None = None) -> bool:
        """Read a paragraph: one entry, or one per line where ``<br>`` separates whole entries."""
        if el.find("br") is not None:
            pieces = self._br_pieces(el)
            whole = sum(1 for t, _ in pieces if is_reference_like(t) or marker(t)[0] is not None)
            if len(pieces) > 1 and whole >= 2:
                start = self.doc.offset(el)
                end = self.doc.end_of(el, start)
                bounds = [s for _, s in pieces] + [end]
                for k, (t, s) in enumerate(pieces):
                    after = pieces[k + 1][0] if k + 1 < len(pieces) else following
                    decision = decide(t, marker(t)[0] is not None, after, first=self.first)
                    if decision == "stop":
                        break
                    if decision == "pass":
                        continue
                    piece_end = bounds[k + 1]
                    if decision == "keep":
                        self.refs.append((s, piece_end, RawReference(
                            text=strip_marker(t), line=self.doc.line_of(s), raw=self.doc.text[s:piece_end].strip())))
                        self.hidden.append((s, piece_end))
                    else:
                        self.skip(t, s, piece_end, skip_reason(t, False))
                self.consume(el)
                return decision != "stop"
        text = render(el)
        return self.entry(el, marker(text)[0] is not None, following, text)

    def _br_pieces(self, el: Any) -> list[tuple[str, int]]:
        pieces: list[tuple[str, int]] = []
        parts: list[str] = []
        piece_start = self.doc.offset(el)
        for child in list(el.children):
            if getattr(child, "name", None) == "br":
                text = collapse_whitespace("".join(parts))
                if text:
                    pieces.append((text, piece_start))
                parts = []
                br = self.doc.offset(child)
                close = self.doc.text.find(">", br)
                piece_start = close + 1 if close >= 0 else br
                continue
            _render_node(child, parts)
        text = collapse_whitespace("".join(parts))
        if text:
            pieces.append((text, piece_start))
        return [(t, _skip_space(self.doc.text, s)) for t, s in pieces]

    def block(self, el: Any, level: int, following: Any = None) -> bool:
        """Read one block after a heading; False when it ends the reference list.
        ``following`` is the next element, for telling a note inside the list from its end."""
        name = el.name
        if name in _SKIP or name in ("br", "figure", "table", "img", "form"):
            return True
        if name == "hr":
            return not (self.kept or self.skipped)  # a rule after the list ends it
        lvl = _heading_level(el)
        if lvl is not None and (lvl <= level or _is_ref_heading(el)):
            return False
        if name in HEADINGS:
            return True
        if name in ("ol", "ul", "dl"):
            items = el.find_all(("li", "dd"), recursive=False)
            for n, li in enumerate(items):
                after = render(items[n + 1]) if n + 1 < len(items) else None
                if not self.entry(li, True, after):
                    return False
            return True
        if name in _CONTAINERS and el.find(("p", "div", "li", "ol", "ul"), recursive=False) is not None:
            children = [c for c in el.children if getattr(c, "name", None)]
            for n, child in enumerate(children):
                if not self.block(child, level, children[n + 1] if n + 1 < len(children) else following):
                    return False
            return True
        return self.paragraph(el, _peek_text(following))

    @property
    def kept(self) -> int:
        return len(self.refs)


def _peek_text(el: Any) -> str | None:
    """The text of the element after an entry, labelled when it is a list; None for a heading or rule."""
    if el is None or getattr(el, "name", None) is None:
        return None
    if el.name in HEADINGS or el.name == "hr" or _heading_level(el) is not None:
        return None
    if el.name in ("ol", "ul"):
        first = el.find("li")
        return "- " + render(first) if first is not None else None
    return collapse_whitespace(el.get_text(" ")[:1000])


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def neutralise_unclosed_markup(text: str) -> str:
    """Blank each ``<`` that no ``>`` closes before the next ``<``, and each ``<!--`` no ``-->`` follows.

    html.parser rescans from every such ``<`` to the end of the input, so hostile
    text (``<a <a <a ...``) would take quadratic time. The replacement keeps the
    length, so offsets and line numbers still point into the original source.

    >>> neutralise_unclosed_markup("a <b c <i>d</i> <!-- e")
    'a  b c <i>d</i>  !-- e'
    """
    blanks: list[int] = []
    last_comment_end = text.rfind("-->")
    close = -2  # position of the next '>' after the current '<' (-1: none left)
    i = text.find("<")
    while i != -1:
        following = text.find("<", i + 1)
        if close != -1 and close <= i:
            close = text.find(">", i + 1)
        if close == -1 or (following != -1 and following < close):
            blanks.append(i)
        elif text.startswith("<!--", i) and last_comment_end < i:
            blanks.append(i)
        i = following
    if not blanks:
        return text
    chars = list(text)
    for position in blanks:
        chars[position] = " "
    return "".join(chars)


def extract_html(text: str) -> ExtractedDocument:
    """HTML → references after reference-list headings or in marked bibliography containers."""
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, ParserRejectedMarkup

    source = canonical_newlines(text)
    doc = _Doc(source)
    parsable = neutralise_unclosed_markup(source)
    with warnings.catch_warnings():
        # A short document that looks like a file name or URL is still a document.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            soup = BeautifulSoup(parsable, "html.parser")
        except ParserRejectedMarkup:
            # html.parser gives up on a marked section it cannot name ("<![ b >"): read those as text
            # (blanking the "<" keeps every offset), and failing that, read no markup at all.
            try:
                soup = BeautifulSoup(parsable.replace("<![", " !["), "html.parser")
            except ParserRejectedMarkup:
                soup = BeautifulSoup(parsable.replace("<", " "), "html.parser")
    col = _Collector(doc)

    for tag in soup.find_all(list(_SKIP)):
        tag.decompose()
    for tag in soup.find_all(True):
        if id(tag) in col.consumed:
            continue
        level = _heading_level(tag)
        if level is not None and _is_ref_heading(tag):
            before, skipped_before = len(col.refs), len(col.skipped)
            col.section_mark = (before, skipped_before)
            siblings = iter(_siblings_after(tag))
            el = next(siblings, None)
            while el is not None:
                following = next(siblings, None)
                if id(el) in col.consumed or not col.block(el, level, following):
                    break
                el = following
            start = doc.offset(tag)
            if len(col.refs) > before:
                if start >= 0:
                    col.hidden.append((start, doc.end_of(tag, start)))
            elif len(col.skipped) == skipped_before:
                name = heading_name(_short_text(tag, limit=MAX_HEADING_CHARS, max_nodes=50) or "")
                if name not in WEAK_HEADINGS:
                    col.skip(collapse_whitespace(tag.get_text(" ")), start, doc.end_of(tag, start) if start >= 0
                             else start, REASON_EMPTY_HEADING)
        elif _is_marked(tag):
            for child in tag.find_all(True, recursive=False):
                if id(child) not in col.consumed:
                    if child.name in ("ol", "ul") or _is_entry_div(child):
                        col.block(child, 0)

    col.refs.sort(key=lambda t: t[0])
    refs = tuple(r for _, _, r in col.refs)
    skipped = tuple(e for _, e in sorted(col.skipped, key=lambda t: t[0]))
    return ExtractedDocument(format="html", references=refs, body=_body(parsable, doc, col.hidden), skipped=skipped)


def _is_marked(tag: Any) -> bool:
    marks = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")])
    return bool(marks.strip()) and bool(_MARKED.search(marks)) and tag.name in ("div", "section", "ol", "ul", "aside")


def _is_entry_div(tag: Any) -> bool:
    return tag.name in ("div", "p") and looks_like_reference(tag.get_text(" "))


class _BodyParser(HTMLParser):
    """Collects text runs with their (line, column), skipping scripts, styles and hidden ranges."""

    def __init__(self, doc: _Doc, hidden: list[tuple[int, int]]) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.lines: list[list[str]] = [[] for _ in doc.starts]
        hidden = sorted(hidden)
        self.h_starts = [s for s, _ in hidden]
        self.h_reach: list[int] = []  # the furthest end among ranges starting at or before each start
        reach = -1
        for _, e in hidden:
            reach = max(reach, e)
            self.h_reach.append(reach)
        self.skip_depth = 0

    def _hidden(self, offset: int) -> bool:
        k = bisect_right(self.h_starts, offset) - 1
        return k >= 0 and offset < self.h_reach[k]

    def _here(self) -> tuple[int, int]:
        line, col = self.getpos()
        return line, self.doc.starts[min(line, len(self.doc.starts)) - 1] + col

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCK:
            line, _ = self._here()
            self.lines[min(line, len(self.lines)) - 1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            line, _ = self._here()
            self.lines[min(line, len(self.lines)) - 1].append(" ")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        line, offset = self._here()
        if self._hidden(offset):
            return
        for k, piece in enumerate(data.split("\n")):
            idx = line - 1 + k
            if idx < len(self.lines):
                self.lines[idx].append(piece)


def _body(source: str, doc: _Doc, hidden: list[tuple[int, int]]) -> str:
    parser = _BodyParser(doc, hidden)
    try:
        parser.feed(source)
        parser.close()
    except Exception:  # html.parser is lenient; this is belt and braces for odd input
        pass
    lines = [collapse_whitespace("".join(parts)) for parts in parser.lines]
    return make_body(lines) if lines else make_body(split_lines(""))
