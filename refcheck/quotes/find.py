"""Find attributed quotations in body text.

A quotation counts when a quoted passage comes with the person it is put in
the mouth of, in the shapes drafts use::

    As Dr. Carlos Zarate of the NIMH puts it, “…”       (lead-in with a speech verb)
    According to psychiatrist Karl Jansen, this offers “…” (lead-in marker)
    the timeless wisdom of Hippocrates: “…”              (lead-in marker)
    “…,” says Karl Popper. / “…” — Karl Popper           (trailing attribution)
    > … (Markdown block quote)
    > — Carl Jung                                        (block with a dash line)

Book titles (``“The Doors of Perception” by Aldous Huxley``, ``in “Healing”``,
``Michael Pollan’s “How to Change Your Mind”``) and scare quotes with nobody
named (``a “reset” effect``) are not quotations.

Regexes here have no nested quantifiers; names are read by walking tokens in
Python, so run time stays linear in the input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..normalize import collapse_whitespace

# One bounded character class per quote kind: the scan from an opening mark
# stops at the next mark, so the total work is linear.
_QUOTED = re.compile(r"“([^“”]{1,1500})”|\"([^\"]{1,1500})\"|«([^«»]{1,1500})»")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t>]*\n")
_TOKEN = re.compile(r"\S+")
_DASH_START = re.compile(r"^(?:—|–|―|--|-)\s?")
# An attribution line under a block quote or epigraph: a real dash, not a list bullet.
_DASH_LINE = re.compile(r"^(?:—|–|―|--)\s?")
_EDGE_PUNCT = "\"'“”‘’«»()[]*_,;:.!?"

#: Speech verbs that tie a name to the quotation that follows or precedes it.
SPEECH_VERBS: frozenset[str] = frozenset("""
says said say writes wrote write notes noted observes observed remarks remarked explains explained
argues argued states stated declares declared adds added insists insisted warns warned reminds reminded
emphasizes emphasized emphasises emphasised suggests suggested describes described puts put tells told
asks asked quips quipped concludes concluded claims claimed contends contended recalls recalled muses
mused admits admitted stresses stressed cautions cautioned advises advised proclaims proclaimed maintains
maintained asserts asserted comments commented reflects reflected urges urged teaches taught counsels
counselled counseled answers answered replies replied exclaims exclaimed observes predicted predicts
explained points pointed summarizes summarized summarises summarised famously
""".split()) - {"famously"}

#: "<marker> NAME," introduces a quotation without a verb next to the name.
_MARKERS: tuple[tuple[str, ...], ...] = (
    ("according", "to"), ("words", "of"), ("wisdom", "of"), ("advice", "of"), ("motto", "of"),
    ("maxim", "of"), ("dictum", "of"), ("adage", "of"), ("counsel", "of"), ("to", "quote"), ("quoting",),
)
#: "NAME's <word>:" introduces a quotation ("In Jung's words, “…”").
_POSSESSIVE_NOUNS = frozenset("words line dictum maxim motto advice remark quip phrase saying warning "
                              "observation formulation aphorism".split())
#: A word right before the opening mark that makes the quoted text a title.
TITLE_LEADS: frozenset[str] = frozenset("""
in book books titled entitled called named novel essay article paper papers film movie documentary song
poem album study chapter memoir bestseller classic classics works like from read reading see series
podcast play report lecture talk magazine journal column blog volume text treatise bestselling
""".split())
_ADVERBS = frozenset("once famously also memorably aptly rightly wisely later often himself herself recently "
                     "has had have reportedly allegedly apparently repeatedly so eloquently elegantly "
                     "succinctly bluntly simply then best well it us".split())
_ARTICLES = frozenset({"the", "a", "an"})
_DESCRIPTORS = frozenset("""
dr dr. prof prof. professor sir dame lord lady mr mr. mrs mrs. ms ms. mx saint st st. rev rev. reverend
doctor physician surgeon author writer poet novelist essayist statesman president senator critic expert
pioneer founder inventor director chair coach teacher emeritus renowned famed famous late great legendary
eminent celebrated ancient greek roman german british american french austrian swiss canadian english
scottish irish italian spanish dutch indian chinese japanese mahatma researcher leading noted nurse pope rabbi
judge mayor governor chancellor
""".split())
_DESCRIPTOR_SUFFIXES = ("ist", "ian", "pher", "logist")
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "des", "la", "le",
                        "ter", "ten", "bin", "ibn", "al", "el", "of", "the", "and", "for", "in", "at"})
# Capitalised function words that can open the words before a name ("In Jung's words").
_LEADING_NOISE = frozenset({"in", "as", "to", "when", "while", "and", "but", "or", "so", "then", "yet", "for",
                            "at", "on", "if", "like"})
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e",
                            "no", "vol", "fig", "al", "rev", "gen", "col", "lt", "sgt", "capt", "mt", "ft"})
#: Capitalised words that start a sentence but never name a speaker.
NOT_NAMES: frozenset[str] = frozenset("""
this these that those it he she they we i you such many some most patients people researchers scientists
experts critics studies therapists doctors clinicians science research society everyone nobody one someone
others our his her their my its as when while if in on at for and but or so yet then there here what who
why how data evidence history nature life
""".split())
_TITLES = frozenset({"dr", "prof", "professor", "sir", "dame", "lord", "lady", "mr", "mrs", "ms", "mx",
                     "rev", "reverend", "doctor", "mahatma", "saint"})


@dataclass(frozen=True)
class FoundQuote:
    """A quotation attributed to a person in body text.

    ``line`` is the 1-based line of the opening quotation mark (of the first
    ``>`` line for a block quote); ``raw`` is the source slice from the
    start of the attributing sentence to the end of the quotation (or of a
    trailing attribution).
    """

    line: int
    text: str
    person: str
    raw: str


def _core(token: str) -> str:
    return token.strip(_EDGE_PUNCT).lower()


def _is_descriptor(word: str) -> bool:
    w = word.strip(_EDGE_PUNCT.replace(".", "")).lower()
    return w in _DESCRIPTORS or (w.isalpha() and w.islower() and w.endswith(_DESCRIPTOR_SUFFIXES))


def _is_name_word(token: str) -> bool:
    word = token.strip("\"'“”‘’«»()[]*_,;:")
    if not word:
        return False
    if _core(word) in _PARTICLES:
        return True
    return word[0].isupper()


def _ends_sentence(token: str) -> bool:
    stripped = token.rstrip("\"'”’)]*_")
    if not stripped or stripped[-1] not in ".!?":
        return False
    core = stripped.rstrip(".!?").lstrip("\"'“‘([*_").lower()
    if core in _ABBREVIATIONS or (len(core) == 1 and core.isalpha()):
        return False  # "Dr." or an initial ("C. G. Jung") does not end a sentence
    return True


def clean_person(tokens: list[str]) -> str:
    """Strip titles, descriptors and affiliations from name tokens.

    >>> clean_person(["the", "philosopher", "Dr.", "Karl", "Popper", "of", "the", "LSE"])
    'Karl Popper'
    """
    words = [t.strip("\"'“”‘’«»()[]*_,;:") for t in tokens]
    words = [w for w in words if w]
    # "Popper." at a sentence end: drop the full stop, keep initials ("C.") and "Jr."
    words = [w[:-1] if w.endswith(".") and len(w) > 3 and w[:-1].lower() not in _ABBREVIATIONS else w
             for w in words]
    for i, w in enumerate(words):  # affiliation: "Zarate of the National Institute..."
        if i > 0 and w.lower() in {"of", "at", "from", "in"}:
            words = words[:i]
            break
    while words and (words[0].lower() in _ARTICLES or words[0].lower() in _LEADING_NOISE or _is_descriptor(words[0])
                     or words[0].rstrip(".").lower() in _TITLES):
        words = words[1:]
    while words and words[-1].lower() in _PARTICLES:
        words = words[:-1]
    if not words or len(words) > 6 or words[0].lower() in NOT_NAMES:
        return ""
    if not all(w[0].isupper() or w.lower() in _PARTICLES for w in words):
        return ""
    return " ".join(words)


def _name_backward(tokens: list[str], end: int) -> str:
    """The name ending just before ``tokens[end]`` (a speech verb), walking back."""
    i = end - 1
    while i >= 0 and _core(tokens[i]) in _ADVERBS:
        i -= 1
    collected: list[str] = []
    while i >= 0:
        token = tokens[i]
        if token.endswith((",", ";", ":")) or _ends_sentence(token) and collected:
            break
        core = _core(token)
        if core == "as" or (not _is_name_word(token) and not _is_descriptor(token) and core not in _ARTICLES):
            break
        collected.append(token)
        i -= 1
    collected.reverse()
    return clean_person(collected)


def _name_forward(tokens: list[str], start: int) -> str:
    """The name starting at ``tokens[start]``, up to a comma/colon or a lower-case word."""
    collected: list[str] = []
    i = start
    while i < len(tokens) and len(collected) < 12:
        token = tokens[i]
        stripped = token.lstrip("(")
        if token.startswith("(") and collected:
            break
        if collected and not (_is_name_word(stripped) or _is_descriptor(stripped)):
            break
        if not collected and not (_is_name_word(stripped) or _is_descriptor(stripped)
                                  or _core(stripped) in _ARTICLES):
            break
        collected.append(stripped)
        if token.endswith((",", ";", ":", ")")) or _ends_sentence(token):
            break
        i += 1
    return clean_person(collected)


def _lead_in_person(tokens: list[str]) -> str | None:
    """Person named in the words before an opening mark; "" for none; None for a title."""
    if not tokens:
        return ""
    last = tokens[-1]
    if _core(last) in TITLE_LEADS or last.endswith(("’s", "'s", "s’", "s'")):
        return None  # in “Healing”, Pollan’s “How to Change Your Mind”
    best_pos, person = -1, ""
    for i, token in enumerate(tokens):
        core = _core(token)
        if core in SPEECH_VERBS and len(tokens) - i <= 14:
            name = _name_backward(tokens, i)
            if name and i > best_pos:
                best_pos, person = i, name
        for marker in _MARKERS:
            n = len(marker)
            if tuple(_core(t) for t in tokens[i:i + n]) == marker and len(tokens) - (i + n) <= 16:
                name = _name_forward(tokens, i + n)
                if name and i > best_pos:
                    best_pos, person = i, name
        if (core in _POSSESSIVE_NOUNS and i > 0 and tokens[i - 1].endswith(("’s", "'s"))
                and len(tokens) - i <= 3):
            name = _name_backward(tokens[:i - 1] + [tokens[i - 1][:-2]] + ["said"], i)
            if name and i > best_pos:
                best_pos, person = i, name
    return person


def _trailing_person(tokens: list[str]) -> str | None:
    """Person named right after a closing mark; "" for none; None for a title ("… by X")."""
    if not tokens:
        return ""
    first = tokens[0]
    if _core(first) == "by":
        return None
    dash = _DASH_START.match(first)
    if dash:
        rest = first[dash.end():]
        return _name_forward(([rest] if rest else []) + tokens[1:], 0)
    if _core(first) in SPEECH_VERBS:
        return _name_forward(tokens, 1)
    # "NAME says" / "NAME wrote": a short name, then a speech verb.
    for j in range(1, min(len(tokens), 7)):
        if _core(tokens[j]) in SPEECH_VERBS:
            name = clean_person([t for t in tokens[:j] if _core(t) not in _ADVERBS])
            return name if all(_is_name_word(t) or _is_descriptor(t) or _core(t) in _ADVERBS | _ARTICLES
                               for t in tokens[:j]) else ""
        if tokens[j - 1].endswith((",", ".", ";", ":")):
            break
    return ""


def _looks_like_title(text: str) -> bool:
    """Short Title Case text (``The Brain That Changes Itself``) is a title, not a quotation."""
    words = text.split()
    if len(words) > 9 or text.rstrip().endswith((".", "!", "?")):
        return False
    big = [w for w in words if w.lower() not in {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for",
                                                 "with", "at", "by", "from", "that", "your", "is"}]
    return bool(big) and all(w[:1].isupper() or not w[:1].isalpha() for w in big)


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)


def _block_quotes(body: str, lines: _Lines) -> tuple[list[FoundQuote], list[tuple[int, int]]]:
    """Markdown block quotes followed by (or ending in) a dash attribution line."""
    found: list[FoundQuote] = []
    spans: list[tuple[int, int]] = []
    raw_lines = body.split("\n")
    offsets = lines.starts
    i = 0
    while i < len(raw_lines):
        if not raw_lines[i].lstrip().startswith(">"):
            i += 1
            continue
        j = i
        while j < len(raw_lines) and raw_lines[j].lstrip().startswith(">"):
            j += 1
        content = [raw_lines[k].lstrip()[1:].strip() for k in range(i, j)]
        attribution, end = "", j
        nonblank = [c for c in content if c]
        if nonblank and _DASH_LINE.match(nonblank[-1]):
            attribution = nonblank[-1]
            content = content[:len(content) - 1 - content[::-1].index(nonblank[-1])] if nonblank else content
        else:
            k = j + 1 if j < len(raw_lines) and not raw_lines[j].strip() else j
            if k < len(raw_lines) and _DASH_LINE.match(raw_lines[k].strip()):
                attribution, end = raw_lines[k].strip(), k + 1
        person = _trailing_person(attribution.split()) if attribution else ""
        text = collapse_whitespace(" ".join(content)).strip("“”\"« »")
        if person and len(text.split()) >= 3:
            start, stop = offsets[i], (offsets[end] - 1 if end < len(offsets) else len(body))
            found.append(FoundQuote(lines.line(start), text, person, body[start:stop]))
            spans.append((start, stop))
        i = max(end, i + 1)
    found.extend(_epigraphs(body, lines, spans))
    return found, spans


def _epigraphs(body: str, lines: _Lines, spans: list[tuple[int, int]]) -> list[FoundQuote]:
    """A short paragraph whose last line is a dash attribution (a block quote
    after Markdown extraction has dropped the ``>`` marks)."""
    found: list[FoundQuote] = []
    for start, stop in _paragraphs(body):
        chunk = body[start:stop]
        rows = chunk.strip("\n").split("\n")
        if not 2 <= len(rows) <= 8 or chunk.lstrip().startswith(">") or any(s <= start < e for s, e in spans):
            continue
        last = rows[-1].strip()
        if not _DASH_LINE.match(last) or any(_DASH_LINE.match(r.strip()) for r in rows[:-1]):
            continue
        person = _trailing_person(last.split())
        text = collapse_whitespace(" ".join(rows[:-1])).strip("“”\"« »")
        if person and len(text.split()) >= 3 and not _QUOTED.search(text):
            first = start + len(chunk) - len(chunk.lstrip("\n"))
            found.append(FoundQuote(lines.line(first), text, person, body[first:stop].rstrip("\n")))
            spans.append((first, stop))
    return found


def _paragraphs(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(body):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(body)))
    return spans


def find_quotations(body: str) -> list[FoundQuote]:
    """Every quoted passage in ``body`` that is attributed to a named person.

    >>> [(q.line, q.person, q.text) for q in find_quotations('Intro.\\nAs Carl Jung once wrote, '
    ...     '"Who looks outside, dreams; who looks inside, awakes."')]
    [(2, 'Carl Jung', 'Who looks outside, dreams; who looks inside, awakes.')]
    """
    lines = _Lines(body)
    found, blocked = _block_quotes(body, lines)
    for p_start, p_end in _paragraphs(body):
        previous_end = p_start
        for m in _QUOTED.finditer(body, p_start, p_end):
            q_start, q_end = m.span()
            inner = m.group(1) or m.group(2) or m.group(3) or ""
            if any(s <= q_start < e for s, e in blocked):
                previous_end = q_end
                continue
            lead = list(_TOKEN.finditer(body, max(previous_end, q_start - 300), q_start))
            for k in range(len(lead) - 2, -1, -1):  # keep only the current sentence
                if _ends_sentence(lead[k].group()):
                    lead = lead[k + 1:]
                    break
            tail = list(_TOKEN.finditer(body, q_end, min(p_end, q_end + 160)))
            previous_end = q_end
            text = collapse_whitespace(inner).strip(" ,;")
            person = _lead_in_person([t.group() for t in lead])
            if person is None or len(text.split()) < 3 or _looks_like_title(text):
                continue
            tail_tokens = [t.group() for t in tail]
            trailing = _trailing_person(tail_tokens)
            if trailing is None:
                continue
            who = person or trailing
            if not who:
                continue
            raw_start = lead[0].start() if person and lead else q_start
            raw_end = q_end if person else _tail_end(tail, who, q_end)
            found.append(FoundQuote(lines.line(q_start), text, who, body[raw_start:raw_end]))
    found.sort(key=lambda q: q.line)
    return found


def _tail_end(tail: list[re.Match[str]], who: str, default: int) -> int:
    """End of the trailing attribution: the token holding the name's last word."""
    last = who.split()[-1]
    for token in tail:
        if last in token.group():
            return token.end()
    return default
