"""Reference lists in LaTeX: ``\\begin{thebibliography}`` … ``\\bibitem[label]{key}`` entries.

Comments (``%`` to end of line, not ``\\%``) are ignored everywhere. Each entry's
text is its LaTeX turned into plain text (``\\newblock``, ``\\emph{}``,
``{\\em }``, accents, ``~``, ``--``); its key goes to ``RawReference.key``.
The body is the source without the bibliography environment, with cheap
markup removal (citations and labels dropped, TeX quotes made curly).
"""

from __future__ import annotations

import re

from ..model import ExtractedDocument, RawReference, SkippedEntry
from ..normalize import collapse_whitespace, latex_to_text
from .common import canonical_newlines, heading_name, line_starts, make_body, split_lines

BEGIN = "\\begin{thebibliography}"
END = "\\end{thebibliography}"
_BIBITEM_RE = re.compile(r"\\bibitem(?![A-Za-z@])")
_HREF_RE = re.compile(r"\\href\{([^{}]{0,2000})\}\{([^{}]{0,2000})\}")
_URL_RE = re.compile(r"\\(url|doi|nolinkurl)\{([^{}]{0,2000})\}")
_PLACEHOLDER_RE = re.compile(r"REFCHECKLINK(\d{1,6})X")
_NEWBLOCK_RE = re.compile(r"\\newblock(?![A-Za-z])")
# Commands whose arguments are not prose: dropped with their arguments in the body.
_DROP_RE = re.compile(
    r"\\(?:cite[A-Za-z]{0,12}|[Cc]ref|ref|eqref|autoref|pageref|label|usepackage|documentclass|bibliography"
    r"|bibliographystyle|includegraphics|input|include|vspace|hspace|setlength|newcommand|renewcommand"
    r"|footnotemark|begin|end|addbibresource|printbibliography)(?![A-Za-z])\*?"
)
_COMMAND_RE = re.compile(r"\\[A-Za-z@]{1,40}\*?|\\[^A-Za-z\n]")


def mask_comments(text: str) -> str:
    """Replace each ``%`` comment with spaces (same length, so offsets and lines stay put)."""
    if "%" not in text:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        i = line.find("%")
        while i != -1:
            slashes = 0
            k = i - 1
            while k >= 0 and line[k] == "\\":
                slashes += 1
                k -= 1
            if slashes % 2 == 0:
                line = line[:i] + " " * (len(line) - i)
                break
            i = line.find("%", i + 1)
        out.append(line)
    return "\n".join(out)


def skip_group(text: str, i: int, open_: str, close: str, limit: int) -> int:
    """If ``text[i]`` (after spaces) opens a balanced group, the index after it; else ``i``."""
    j = i
    while j < limit and text[j] in " \t\n":
        j += 1
    if j >= limit or text[j] != open_:
        return i
    depth = 0
    brace = 0
    for k in range(j, min(limit, j + 5000)):
        c = text[k]
        if c == "{" and open_ != "{":
            brace += 1
        elif c == "}" and open_ != "{" and brace:
            brace -= 1
        elif c == open_ and not brace:
            depth += 1
        elif c == close and not brace:
            depth -= 1
            if depth == 0:
                return k + 1
    return i


def entry_to_text(latex: str) -> str:
    """A ``\\bibitem``'s LaTeX → plain text, links kept.

    >>> entry_to_text(r"Nutt, D.~J. \\newblock {\\em J.\\ Psychopharmacol.}, 31:1091--1120, 2017.")
    'Nutt, D. J. J. Psychopharmacol., 31:1091–1120, 2017.'
    """
    links: list[str] = []

    def keep(url: str) -> str:
        links.append(url.strip())
        return f" REFCHECKLINK{len(links) - 1}X "

    text = _NEWBLOCK_RE.sub(" ", latex)
    text = _HREF_RE.sub(lambda m: m.group(2) + (keep(m.group(1)) if m.group(1) not in m.group(2) else ""), text)
    text = _URL_RE.sub(lambda m: keep(("doi:" if m.group(1) == "doi" else "") + m.group(2)), text)
    text = latex_to_text(text)
    text = _PLACEHOLDER_RE.sub(lambda m: links[int(m.group(1))], text)
    return collapse_whitespace(text)


def extract_latex(text: str) -> ExtractedDocument:
    """LaTeX → the ``\\bibitem`` entries of every ``thebibliography`` environment, and the body."""
    source = canonical_newlines(text)
    masked = mask_comments(source)
    starts = line_starts(source)
    refs: list[RawReference] = []
    hidden: list[tuple[int, int]] = []
    pos = 0
    while True:
        begin = masked.find(BEGIN, pos)
        if begin == -1:
            break
        stop = masked.find(END, begin)
        env_end = len(masked) if stop == -1 else stop + len(END)
        content_end = len(masked) if stop == -1 else stop
        content_start = skip_group(masked, begin + len(BEGIN), "{", "}", content_end)
        items = [m.start() for m in _BIBITEM_RE.finditer(masked, content_start, content_end)]
        for n, item in enumerate(items):
            item_end = items[n + 1] if n + 1 < len(items) else content_end
            i = item + len("\\bibitem")
            i = skip_group(masked, i, "[", "]", item_end)
            key_start = i
            i = skip_group(masked, i, "{", "}", item_end)
            key = masked[key_start:i].strip()[1:-1].strip() or None if i > key_start else None
            body_text = entry_to_text(masked[i:item_end])
            if not body_text and not key:
                continue
            refs.append(RawReference(
                text=body_text,
                line=_line_of(starts, item),
                raw=source[item:item_end].rstrip(),
                key=key,
            ))
        hidden.append((begin, env_end))
        pos = env_end
    section_refs, skipped, section_hidden = _reference_sections(source, masked, starts)
    refs.extend(section_refs)
    refs.sort(key=lambda r: r.line)
    body = _body(masked, sorted(hidden + section_hidden))
    return ExtractedDocument(format="latex", references=tuple(refs), body=body, skipped=tuple(skipped))


# "\section*{References}", "\subsection{Bibliography}", "\textbf{Works Cited}", "{\bf Sources}" on a line
_SECTION_RE = re.compile(
    r"[ \t]{0,40}(?:\\(?:chapter|section|subsection|subsubsection|paragraph)\*?[ \t]{0,5}(?:\[[^\]\n]{0,200}\])?"
    r"[ \t]{0,5}\{(?P<a>[^{}\n]{1,80})\}|\\textbf\{(?P<b>[^{}\n]{1,80})\}|\{\\bf[ \t]{1,5}(?P<c>[^{}\n]{1,80})\})"
    r"[ \t]{0,40}(?:\\\\)?[ \t]{0,40}$"
)
# What ends a reference section: the next section, a bibliography of another kind, the end of the document.
_SECTION_END_RE = re.compile(
    r"[ \t]{0,40}\\(?:chapter|section|subsection|subsubsection|paragraph|part|appendix|bibliography|printbibliography"
    r"|begin\{thebibliography\}|end\{document\})(?![A-Za-z])"
)
_BIB_COMMAND_RE = re.compile(r"[ \t]{0,40}\\(?:bibliography|printbibliography|begin\{thebibliography\})(?![A-Za-z])")
_ITEM_RE = re.compile(r"([ \t]{0,40})\\item(?![A-Za-z])[ \t]{0,5}(?:\[([^\]\n]{0,40})\])?")
_LIST_ENV_RE = re.compile(r"[ \t]{0,40}\\(?:begin|end)\{(?:enumerate|itemize|description|list)\}(?:\{[^{}\n]{0,80}\})*")
_LAYOUT_RE = re.compile(r"\\(?:hangindent|parindent|leftskip|hangafter)[ \t]{0,3}=?[ \t]{0,3}-?[\d.]{0,8}[a-z]{0,2}"
                        r"|\\(?:noindent|par|smallskip|medskip|bigskip)(?![A-Za-z])")


def _section_name(line: str) -> str | None:
    m = _SECTION_RE.fullmatch(line)
    if not m:
        return None
    return heading_name(latex_to_text(m.group("a") or m.group("b") or m.group("c") or ""))


def _as_list_line(line: str) -> str:
    """A source line of a reference section as plain text, ``\\item`` turned into a list label."""
    if _LIST_ENV_RE.fullmatch(line.rstrip()):
        return ""
    m = _ITEM_RE.match(line)
    label = ""
    if m:
        label = (m.group(2).strip("{} ") if m.group(2) else "-") + " "
        line = line[m.end():]
    text = entry_to_text(_LAYOUT_RE.sub(" ", line))
    return label + text if text or not label else ""


def _reference_sections(source: str, masked: str, starts: list[int]
                        ) -> tuple[list[RawReference], list[SkippedEntry], list[tuple[int, int]]]:
    """Reference lists under a LaTeX heading (``\\section*{References}``) written without
    ``thebibliography``: ``\\item`` lists or one paragraph per entry, read like plain text."""
    from .listing import REASON_EMPTY_HEADING, WEAK_HEADINGS
    from .text import read_list, skipped_entries

    lines = masked.split("\n")
    source_lines = source.split("\n")
    refs: list[RawReference] = []
    skipped: list[SkippedEntry] = []
    hidden: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if "\\" not in lines[i] or _section_name(lines[i]) is None:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not _SECTION_END_RE.match(lines[end]):
            end += 1
        plain = [_as_list_line(line) if i < n < end else "" for n, line in enumerate(lines)]
        spans, left_out, _ = read_list(plain, i + 1, end)
        if spans:
            for span in spans:
                refs.append(RawReference(text=span.text, line=span.start + 1,
                                         raw="\n".join(source_lines[span.start:span.end]).rstrip()))
                hidden.append((starts[span.start], starts[span.end] - 1 if span.end < len(starts) else len(source)))
            hidden.append((starts[i], starts[i] + len(lines[i])))
            skipped.extend(skipped_entries(source_lines, left_out))
        elif left_out:
            skipped.extend(skipped_entries(source_lines, left_out))
        elif _section_name(lines[i]) not in WEAK_HEADINGS and not _BIB_COMMAND_RE.match(
                lines[end] if end < len(lines) else ""):
            # A heading just before \\bibliography or thebibliography is that list's own heading.
            skipped.append(SkippedEntry(line=i + 1, text=latex_to_text(lines[i]).strip(), reason=REASON_EMPTY_HEADING,
                                        raw=source_lines[i]))
        i = end
    return refs, skipped, hidden


def _line_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset)


def _body(masked: str, hidden: list[tuple[int, int]]) -> str:
    if hidden:
        pieces: list[str] = []
        last = 0
        for a, b in hidden:
            pieces.append(masked[last:a])
            pieces.append("\n" * masked.count("\n", a, b))
            last = b
        pieces.append(masked[last:])
        masked = "".join(pieces)
    return make_body([_clean_line(line) for line in split_lines(masked)])


def _clean_line(line: str) -> str:
    """Cheap LaTeX → text for one body line (keeps the line's words where they are)."""
    if "\\" not in line and "{" not in line and "~" not in line and "`" not in line:
        return line.rstrip()
    out: list[str] = []
    i = 0
    for m in _DROP_RE.finditer(line):
        out.append(line[i:m.start()])
        j = m.end()
        for _ in range(2):
            j = skip_group(line, j, "[", "]", len(line))
        for _ in range(2):
            j = skip_group(line, j, "{", "}", len(line))
        i = j
    out.append(line[i:])
    line = "".join(out)
    line = line.replace("``", "\u201c").replace("''", "\u201d").replace("`", "\u2018").replace("--", "\u2013")
    line = line.replace("\\%", "%").replace("\\&", "&").replace("\\\\", " ")
    line = _COMMAND_RE.sub("", line)
    return line.replace("{", "").replace("}", "").replace("~", " ").rstrip()
