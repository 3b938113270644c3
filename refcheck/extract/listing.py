"""What counts as an entry under a references heading, and where such a list ends.

Under a heading such as "References" every entry counts, including those that
do not look like journal articles: a web page, a report, a book with no date,
an organisation as author. A list ends only at a clear boundary: a heading, a
rule, an end-of-article marker ("By …", "Comments"), or plainly non-reference
prose. Whatever lies between the heading and that boundary and is not read as
a reference is *skipped*, with a reason, so the report can say so (issue 12).

Every format module asks :func:`decide` about each candidate entry::

    >>> decide("Solomon, Andrew. The Noonday Demon: An Atlas of Depression. Scribner.", marked=False)
    'keep'
    >>> decide("Thanks for reading, and see you next week!", marked=False)
    'stop'

All regular expressions run on one entry's text with bounded quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .common import DOI_RE, ISBN_RE, URL_RE, YEAR_RE, is_stop_line, looks_like_reference, starts_like_author

Decision = Literal["keep", "skip", "stop", "pass"]

# Why an entry was left out; the wording goes to the report as is.
REASON_PROSE = "left out of the reference list: reads as prose, not as a reference"
REASON_UNCLEAR = "left out of the reference list: no author, title, date or link found"
REASON_SHORT = "left out of the reference list: too short to be a reference"
REASON_EMPTY_HEADING = "a references heading with nothing read as a reference under it"

# Heading names that often head prose rather than a list: an empty section under one is no finding.
WEAK_HEADINGS: frozenset[str] = frozenset({
    "notes", "endnotes", "footnotes", "source", "sources", "literature", "citations", "literatur", "quellen",
    "fuentes", "fontes",
})

# "World Health Organization." / "National Institute of Mental Health," / "WHO." / "Mayo Clinic Staff:"
_NAME_BLOCK_RE = re.compile(
    r"(?:[A-Z\u00c0-\u00de][\w'\u2019&\-]{0,40}|[A-Z]{2,10})"
    r"(?:[ \t](?:(?:of|for|and|the|on|in|de|du|des|la|le|für|und|et|y|e|da|do|&)[ \t]){0,2}"
    r"(?:[A-Z\u00c0-\u00de][\w'\u2019&\-]{0,40}|\([A-Z]{2,10}\))){0,8}[.,]"
)
_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019\-]{0,60}")
_TAIL_WORDS = frozenset({"vol", "volume", "no", "issue", "pp", "p", "pages", "page", "art", "article", "doi", "e"})
_FIRST_PERSON_RE = re.compile(r"\b(?:I|I'm|I've|I'd|we|We|we're|our|Our|us|my|My|me|you|You|your|Your)\b")
_SENTENCE_END_RE = re.compile(r"[!?]\s*$")
# Links and DOIs carry no words of a title: dropped before words are counted.
_LINK_RE = re.compile(r"(?:https?://|www\.)\S{0,500}|\b10\.\d{4,9}/\S{0,300}|\bdoi:\s?", re.I)


@dataclass(frozen=True)
class SkipSpan:
    """Lines ``start``..``end`` (0-based, end exclusive) left out of a list, with their text and why."""

    start: int
    end: int
    text: str
    reason: str


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text[:2000])


def starts_like_name(text: str) -> bool:
    """Opens with an author (``Solomon, Andrew.``, ``Murrough JW,``) or an organisation name block."""
    text = text.strip()
    return starts_like_author(text) or bool(_NAME_BLOCK_RE.match(text[:400]))


def _title_after_name(text: str) -> bool:
    """After the opening name block comes something title-like: two words that are not volume/page labels.

    Tells "Biol Psychiatry. 2013;74(4):250-256." (a wrapped tail) from an entry of its own.
    """
    text = text.strip()
    m = _NAME_BLOCK_RE.match(text[:400])
    rest = text[m.end():] if m else text
    rest = _LINK_RE.sub(" ", rest[:400])
    words = [w for w in _words(rest) if w.lower().rstrip(".") not in _TAIL_WORDS and len(w) > 1]
    return len(words) >= 2


def is_entry_shaped(text: str) -> bool:
    """An entry with no year that still reads as one: a name, then a title-like part.

    >>> is_entry_shaped("World Health Organization. Depression and Other Common Mental Disorders. Geneva: WHO.")
    True
    >>> is_entry_shaped("The list above is short, and that is fine.")
    False
    """
    text = text.strip()
    if not 12 <= len(text) <= 600:
        return False
    return starts_like_name(text) and _title_after_name(text)


def is_prose(text: str) -> bool:
    """Plainly not a reference: sentences of running text (first person, "!"/"?", mostly lower case words).

    >>> is_prose("I have been writing about depression for years.")
    True
    """
    text = text.strip()
    words = _words(text)
    if len(words) < 4:
        return bool(_SENTENCE_END_RE.search(text)) and not starts_like_name(text)
    if _FIRST_PERSON_RE.search(text) or _SENTENCE_END_RE.search(text):
        return True
    lower = sum(1 for w in words[1:] if w[0].islower())
    return lower >= 0.6 * (len(words) - 1) and not starts_like_name(text)


def is_reference_like(text: str) -> bool:
    """Read as a reference under a references heading: an article-like entry or any entry-shaped one."""
    return looks_like_reference(text) or is_entry_shaped(text)


def decide(text: str, marked: bool, next_text: str | None = None, first: bool = False) -> Decision:
    """What to do with one candidate entry under a references heading: ``keep`` it as a
    reference, ``skip`` it (reported), ``stop`` (the list ended before it) or ``pass`` it by
    (a lead-in such as "These are the sources I used:" before the first entry).

    ``marked``: it opens with a list label (``[1]``, ``1.``, ``(1)``, a bullet) or is a list item.
    ``next_text``: the following block, if any, before a hard boundary; prose followed by
    more references is a note inside the list (skipped), prose followed by nothing ends it.
    ``first``: nothing of the list has been read yet.
    """
    text = text.strip()
    if not text:
        return "pass"  # an empty paragraph (<p></p>, &nbsp;) is spacing, not an entry
    if is_stop_line(text):
        return "stop"
    if is_reference_like(text):
        return "keep"
    has_link = bool(URL_RE.search(text) or DOI_RE.search(text) or ISBN_RE.search(text))
    if marked:
        # A labelled item under a references heading is one unless it plainly is not.
        if len(_words(text)) >= 3 and (has_link or YEAR_RE.search(text) or not is_prose(text)):
            return "keep"
        return "skip"
    more = next_text is not None and (is_reference_like(next_text) or _labelled(next_text))
    if first and more and _lead_in(text):
        return "pass"
    if is_prose(text):
        return "skip" if more else "stop"
    if not more and len(_words(text)) < 4 and "." not in text.rstrip(".")[:200]:
        return "stop"  # a signature or a one-word line after the list
    return "skip"


def _lead_in(text: str) -> bool:
    """Plainly an introduction to the list: a sentence ending in a colon, or in the first person."""
    return text.rstrip().endswith(":") or bool(_FIRST_PERSON_RE.search(text)) and is_prose(text)


def _labelled(text: str) -> bool:
    from .common import marker

    return marker(text)[0] is not None


def skip_reason(text: str, marked: bool) -> str:
    if len(_words(text)) < 3:
        return REASON_SHORT
    return REASON_PROSE if is_prose(text) else REASON_UNCLEAR


def starts_new_entry(line: str, previous: str) -> bool:
    """Does ``line`` open an entry of its own right after ``previous`` (both unlabelled, same indent)?

    True when the previous line closed a sentence (or a link) and this one opens with a name and
    reads as a whole entry on its own.
    """
    prev = previous.rstrip()
    closed = prev[-1:] in (".", ")", "]", "\u201d", '"') or URL_RE.search(prev[-200:]) is not None
    if not closed or not starts_like_name(line):
        return False
    if starts_like_author(line) and looks_like_reference(line):
        return True
    return is_entry_shaped(line)


_DIGITS_RE = re.compile(r"\d")
_PUBLISHER_RE = re.compile(
    r"\b(?:press|publish\w{0,10}|verlag|books|editions?|\u00e9ditions|editorial|editora|edizioni|random house)\b", re.I)


def _publisher_line(line: str) -> bool:
    """A line that opens with a publisher ("Oxford University Press, Oxford.", "Penguin Books, London.")."""
    m = _NAME_BLOCK_RE.match(line.strip()[:400])
    return m is not None and _PUBLISHER_RE.search(m.group(0)) is not None


def _tail_like(line: str) -> bool:
    """A wrapped entry's last line: a journal or publisher name, then only numbers and links
    ("Biol Psychiatry. 2013;74(4):250-256.", "Journal of X, 31(9), 1091-1120. https://doi.org/…")."""
    m = _NAME_BLOCK_RE.match(line.strip()[:400])
    if not m:
        return False
    rest = _LINK_RE.sub(" ", line.strip()[m.end():][:400])
    words = [w for w in _words(rest) if w.lower() not in _TAIL_WORDS and len(w) > 1]
    return len(words) < 2 and bool(_DIGITS_RE.search(rest))


def split_unmarked(texts: list[str], raw_lines: list[str] | None = None) -> list[tuple[int, int]]:
    """Split a paragraph of unlabelled lines into entries: a new entry where a line opens with a
    name right after a line that closed a sentence, and either reads as a whole entry on its own or
    ends a hanging indent; otherwise the lines are one wrapped entry.

    ``texts`` are the lines as text; ``raw_lines`` (same length) the source lines, used for
    indentation (a hanging indent marks a continuation). Returns (start, end) index pairs.

    >>> split_unmarked(["Solomon, Andrew. The Noonday Demon. Scribner.", "World Health Organization. Depression"
    ...                 " and Other Common Mental Disorders. Geneva: WHO."])
    [(0, 1), (1, 2)]
    """
    from .common import indent_of

    raw_lines = raw_lines or texts
    if not texts:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    first_indent = indent_of(raw_lines[0])
    for i in range(1, len(texts)):
        indent = indent_of(raw_lines[i])
        line = texts[i].strip()
        prev = texts[i - 1].rstrip()
        if indent > first_indent or not line:
            continue
        closed = prev[-1:] in (".", ")", "]", "\u201d", '"') or URL_RE.search(prev[-200:]) is not None
        if not closed or not starts_like_name(line):
            continue
        if _tail_like(line) or _publisher_line(line):
            continue  # the end of a wrapped entry: "Biol Psychiatry. 2013;74:250.", "Oxford University Press, …"
        dedent = indent < indent_of(raw_lines[i - 1])
        # Splitting a wrapped entry in two is seen in the report; merging two entries is not: when a
        # line opens with a name after a closed sentence and reads as a whole entry, it is one.
        if dedent or looks_like_reference(line) or is_entry_shaped(line):
            spans.append((start, i))
            start = i
            first_indent = indent
    spans.append((start, len(texts)))
    return spans
