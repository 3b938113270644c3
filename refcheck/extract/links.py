"""Links in a draft's body that are references: DOI links, and PubMed, PMC and arXiv links.

Many blog posts cite by linking — ``a [2016 review in Nature Medicine](https://doi.org/10.1038/nm.4050)``
— with no reference list at all. Every such link outside the reference list
becomes a :class:`~refcheck.model.RawReference` with ``origin="link"``:

* a DOI link (``doi.org``, ``dx.doi.org``, ``doi:10.…``) carries the DOI and what
  its link text says of the work (year, journal, first author; see
  :mod:`refcheck.extract.link_text`), and is checked against Crossref like a list entry;
* a PubMed, PMC or arXiv link (or a DOI of arXiv's own, which Crossref does not
  hold) carries its identifier; Crossref cannot check it.

A link to a work the reference list also gives (the same DOI, PMID, PMC or
arXiv id in an entry) is left out: the entry is checked, once. Links to other
pages are not references. Links are found with the document's own parser
(markdown-it-py for Markdown, BeautifulSoup for HTML); only plain text — and
bare URLs in the text of the other formats — is scanned with a pattern.

>>> [(r.line, r.fields["doi"], r.fields.get("year")) for r in find_link_references(
...     "Intro.\\n\\nSee [a 2016 review](https://doi.org/10.1038/nm.4050).\\n", "markdown", ())]
[(3, '10.1038/nm.4050', '2016')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence
from urllib.parse import unquote, urlsplit

from ..model import RawReference
from ..normalize import collapse_whitespace, normalize_doi
from .common import canonical_newlines, line_starts, split_lines
from .link_text import claims

__all__ = ["find_link_references", "identify"]

# (kind, id): ("doi", "10.1038/nm.4050"), ("pmid", "26937618"), ("pmcid", "PMC…"), ("arxiv", "1706.03762")
Identifier = tuple[str, str]

# A URL or a "doi:" in plain text. Trailing punctuation is trimmed afterwards (a DOI may hold brackets).
_BARE_RE = re.compile(r"(?i)\bhttps?://[^\s<>\"'\u201c\u201d]{4,2000}|\bdoi:\s?10\.\d{4,9}/[^\s<>\"'\u201c\u201d]{1,500}"
                      r"|(?<![/\w.])(?:dx\.)?doi\.org/10\.\d{4,9}/[^\s<>\"'\u201c\u201d]{1,500}")
_TRAILING = ".,;:!?*_'\"\u2019\u201d"
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_IN_TEXT_RE = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
_PUBMED_PATH = re.compile(r"^/(?:pubmed/)?(\d{1,9})/?$")
_PMC_PATH = re.compile(r"^/(?:pmc/)?articles/(PMC\d{1,9})/?", re.I)
_ARXIV_PATH = re.compile(r"^/(?:abs|pdf)/((?:[a-z\-]+(?:\.[A-Z]{2})?/\d{7})|\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?/?$",
                         re.I)
# Every link ``identify`` names holds one of these (doi.org, doi:, pubmed, ncbi.nlm.nih.gov/pmc, arxiv).
_MENTIONS = re.compile(r"doi|pubmed|ncbi|arxiv", re.I)
# DOIs Crossref does not hold because another agency registers them: arXiv's own (DataCite).
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)

@dataclass(frozen=True)
class _Link:
    """One link as found: its target, its text as a reader sees it, where it is."""

    target: str
    text: str
    line: int  # 1-based
    raw: str
    offset: int = -1  # in the source, where known (HTML); else the line decides


def identify(target: str) -> Identifier | None:
    """What a link points at, when it is a work refcheck knows how to name.

    >>> identify("https://dx.doi.org/10.1016/S0006-3223(99)00230-9")
    ('doi', '10.1016/s0006-3223(99)00230-9')
    >>> identify("https://pubmed.ncbi.nlm.nih.gov/26937618/")
    ('pmid', '26937618')
    >>> identify("https://arxiv.org/pdf/1706.03762v7") , identify("https://www.nature.com/articles/nm.4050")
    (('arxiv', '1706.03762'), None)
    """
    target = target.strip()
    if target[:4].lower() == "doi:":
        return _doi(target[4:])
    if target[:8].lower().startswith(("doi.org/", "dx.doi.")):
        target = "https://" + target
    try:
        parts = urlsplit(target)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = host[4:] if host.startswith("www.") else host
    path = unquote(parts.path)
    if host in ("doi.org", "dx.doi.org"):
        return _doi(path.lstrip("/"))
    if host == "pubmed.ncbi.nlm.nih.gov" or host == "ncbi.nlm.nih.gov" and path.startswith("/pubmed/"):
        m = _PUBMED_PATH.match(path)
        return ("pmid", m.group(1)) if m else None
    if host in ("ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov"):
        m = _PMC_PATH.match(path)
        return ("pmcid", m.group(1).upper()) if m else None
    if host in ("arxiv.org", "export.arxiv.org"):
        m = _ARXIV_PATH.match(path)
        return ("arxiv", m.group(1)) if m else None
    return None


def _doi(text: str) -> Identifier | None:
    doi = normalize_doi(_trim(text.strip()))
    if not _DOI_RE.match(doi):
        return None
    arxiv = _ARXIV_DOI.match(doi)
    return ("arxiv", arxiv.group(1)) if arxiv else ("doi", doi)


def _trim(url: str) -> str:
    """A URL found in prose without the punctuation after it, keeping brackets it opened itself."""
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last in ")]}" and url.count(last) > url.count({")": "(", "]": "[", "}": "{"}[last]):
            url = url[:-1]
        else:
            break
    return url


# --- finding links, one way per format ----------------------------------------------------------------


def _bare(text: str, first_line: int, offset: int = -1) -> Iterable[_Link]:
    """Bare URLs and ``doi:`` strings in plain text (``first_line`` is the line ``text`` starts on)."""
    line, counted = first_line, 0
    for m in _BARE_RE.finditer(text):
        target = _trim(m.group(0))
        line += text.count("\n", counted, m.start())  # counted on from the last match: linear in the text
        counted = m.start()
        yield _Link(target, "", line, target, offset + m.start() if offset >= 0 else -1)


def _text_links(source: str) -> Iterable[_Link]:
    yield from _bare(source, 1)


def _markdown_links(source: str) -> Iterable[_Link]:
    from .markdown import _front_matter_end, _inline_parser, _parser

    lines = split_lines(source)
    skip = _front_matter_end(lines)
    text = "\n".join("" if i < skip else line for i, line in enumerate(lines))  # front matter is no body
    env: dict[str, Any] = {}
    for token in _parser().parse(text, env):
        if token.map is None:
            continue
        first = token.map[0] + 1
        if token.type == "inline":
            yield from _inline_links(token.content, first, lines, env, _inline_parser())
        elif token.type == "html_block":
            yield from (_Link(k.target, k.text, k.line + first - 1, k.raw) for k in _html_links(token.content))


_MAX_INLINE = 20_000  # longer inline runs are scanned as plain text (inline parsing can be slow on odd input)


def _inline_links(content: str, first: int, lines: list[str], env: dict[str, Any], parser: Any) -> Iterable[_Link]:
    if len(content) > _MAX_INLINE:
        yield from _bare(content, first)
        return
    children = (parser.parseInline(content, env) or [None])[0]
    line = first
    open_link: tuple[str, int, list[str]] | None = None
    for child in children.children if children is not None else ():
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            if open_link is not None:
                open_link[2].append(" ")
        elif child.type == "link_open":
            open_link = (str(child.attrs.get("href", "")), line, [])
        elif child.type == "link_close" and open_link is not None:
            href, at, parts = open_link
            shown = collapse_whitespace("".join(parts))
            yield _Link(href, "" if shown == href else shown, at, _markdown_raw(lines, at, href, shown))
            open_link = None
        elif child.type in ("text", "code_inline"):
            if open_link is not None:
                open_link[2].append(child.content)
            elif child.type == "text":
                yield from _bare(child.content, line)
        elif child.type == "html_inline" and open_link is None:
            yield from (_Link(k.target, k.text, line, k.raw) for k in _html_links(child.content))


def _markdown_raw(lines: list[str], line: int, href: str, shown: str) -> str:
    """The link's own markup on its source line when it can be told apart, else the line."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    start = source.find("[" + shown[:20]) if shown else -1
    close = source.find("](", start) if start >= 0 else -1
    if close < 0:
        return source.strip()
    depth = 0
    for i in range(close + 1, len(source)):  # the destination may hold brackets of its own (DOIs do)
        depth += {"(": 1, ")": -1}.get(source[i], 0)
        if depth == 0:
            return source[start:i + 1]
    return source[start:]


def _html_links(source: str) -> Iterable[_Link]:
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, ParserRejectedMarkup, Tag

    from .html import _SKIP, _Doc, neutralise_unclosed_markup

    doc = _Doc(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            soup = BeautifulSoup(neutralise_unclosed_markup(source), "html.parser")
        except ParserRejectedMarkup:  # markup html.parser cannot read: its text is still prose
            yield from _bare(source, 1, 0)
            return
    for tag in soup.find_all(list(_SKIP) + ["code", "pre"]):
        tag.decompose()
    # One walk over the tree (no tag asks for its parents or its whole text: nested markup would
    # make that quadratic): anchors give links; text outside anchors may hold bare URLs.
    stack: list[tuple[Any, bool]] = [(soup, False)]
    while stack:
        node, in_anchor = stack.pop()
        if isinstance(node, NavigableString):
            text = str(node)
            if not in_anchor and ("://" in text or "doi" in text.lower()):
                yield from _bare_in_html(text, node.parent, doc)
            continue
        if not isinstance(node, Tag):
            continue
        if node.name == "a" and node.get("href") and not in_anchor:
            yield _anchor(node, doc)
            in_anchor = True
        stack.extend((child, in_anchor) for child in reversed(node.contents))


_MAX_LINK_TEXT = 400  # characters of an anchor's text read (the claims need a few words)


def _anchor(tag: Any, doc: Any) -> _Link:
    from itertools import islice

    start = doc.offset(tag)
    end = doc.text.find("</a", start, start + 4000) if start >= 0 else -1
    end = doc.text.find(">", end) + 1 if end >= 0 else 0
    raw = doc.text[start:end] if start >= 0 and end > start else doc.text[start:start + 200] if start >= 0 else ""
    shown = collapse_whitespace(" ".join(islice(tag.stripped_strings, 40)))[:_MAX_LINK_TEXT]
    href = str(tag["href"])
    return _Link(href, "" if shown == href else shown, getattr(tag, "sourceline", None) or 1, raw, start)


def _bare_in_html(text: str, parent: Any, doc: Any) -> Iterable[_Link]:
    """Bare URLs in one text node: it starts where the tag around it opens, or after."""
    base = doc.offset(parent) if parent is not None and parent.name != "[document]" else 0
    at = doc.text.find(text, max(base, 0)) if base >= 0 else -1
    if at >= 0:
        yield from _bare(text, doc.line_of(at), at)


_FINDERS = {"text": _text_links, "markdown": _markdown_links, "html": _html_links}


# --- from links to references ---------------------------------------------------------------------------


def _listed(entries: Sequence[RawReference]) -> tuple[str, list[tuple[int, int]]]:
    """What the reference list holds: its text (for identifiers) and the lines its entries cover."""
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    for entry in entries:
        texts.append(f"{entry.text}\n{entry.raw}\n{' '.join((entry.fields or {}).values())}")
        spans.append((entry.line, entry.line + max(entry.raw.count("\n"), entry.text.count("\n"))))
    return "\n".join(texts).lower(), spans


def _in_list(identifier: Identifier, listed_text: str, listed_dois: set[str]) -> bool:
    kind, value = identifier
    if kind == "doi":
        return value in listed_dois
    return re.search(r"(?<![\w.])" + re.escape(value.lower()) + r"(?![\w])", listed_text) is not None


def _reference(link: _Link, identifier: Identifier) -> RawReference:
    kind, value = identifier
    target = link.target if "://" in link.target else "https://doi.org/" + link.target.split(":", 1)[-1].strip()
    fields: dict[str, str] = {"url": target}
    if kind == "doi":
        fields["doi"] = value
        fields.update(claims(link.text))  # only a DOI link's text is held against a record
    else:
        fields[kind if kind != "arxiv" else "eprint"] = value
        if kind == "arxiv":
            fields["archiveprefix"] = "arXiv"
    text = link.text or link.target
    return RawReference(text=text, line=link.line, raw=link.raw, entry_type="misc", key=f"{kind}:{value}",
                        fields=fields, origin="link")


def find_link_references(text: str, format: str, listed: Sequence[RawReference]) -> tuple[RawReference, ...]:
    """The references a document makes by linking, outside its reference list ``listed``.

    One per work, except that each link whose text says something different
    of the work (year, journal, first author) is its own reference, checked
    at its own line; a bare link to a work some other link already names adds
    nothing.
    """
    finder = _FINDERS.get(format)
    if finder is None or not _MENTIONS.search(text):
        return ()  # no link refcheck can name: spare the second parse
    source = canonical_newlines(text)
    listed_text, spans = _listed(listed)
    listed_dois = {normalize_doi(_trim(d)) for d in _DOI_IN_TEXT_RE.findall(listed_text)}
    starts = line_starts(source)
    entry_offsets = _entry_offsets(source, listed, starts) if format == "html" else []
    chosen: dict[Identifier, list[tuple[int, int, RawReference]]] = {}
    for link in finder(source):
        identifier = identify(link.target)
        if identifier is None or _in_list(identifier, listed_text, listed_dois):
            continue
        if link.offset >= 0 and entry_offsets:
            if any(a <= link.offset < b for a, b in entry_offsets):
                continue
        elif any(a <= link.line <= b for a, b in spans):
            continue
        reference = _reference(link, identifier)
        kept = chosen.setdefault(identifier, [])
        said = _claimed(reference)
        if not kept or said and said not in [_claimed(r) for _, _, r in kept]:
            if kept and not _claimed(kept[0][2]):
                kept.pop(0)  # a bare link to the work adds nothing once a link says something of it
            kept.append((link.line, link.offset, reference))
    return tuple(r for _, _, r in sorted((t for ts in chosen.values() for t in ts), key=lambda t: t[:2]))


def _claimed(reference: RawReference) -> dict[str, str]:
    """What a link reference's text says of the work (its fields besides the identifier and URL)."""
    return {k: v for k, v in (reference.fields or {}).items() if k in ("year", "journal", "author")}


def _entry_offsets(source: str, listed: Sequence[RawReference], starts: list[int]) -> list[tuple[int, int]]:
    """Where each list entry's raw slice sits in the source (an HTML document may be one long line)."""
    out = []
    for entry in listed:
        if not entry.raw or entry.line < 1 or entry.line > len(starts):
            continue
        at = source.find(entry.raw, starts[entry.line - 1])
        if at >= 0:
            out.append((at, at + len(entry.raw)))
    return out
