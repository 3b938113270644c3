"""A CRF sequence labeller for reference strings, used beside the rules in :mod:`refcheck.parse`.

The model labels whitespace tokens of a cleaned reference (identifiers already taken out) with
one of :data:`LABELS`; runs of one label are the segments. It is trained by
``bench/train_parser_model.py`` on anystyle's and GROBID's hand-tagged references and ships as
``refcheck/data/parser.crfsuite``. :mod:`refcheck.parse.combine` sets it against the rules.

Everything here degrades quietly: without ``pycrfsuite`` or the model file,
:func:`label_tokens` returns ``None`` and the parser uses its rules alone.

>>> tokens("Smith, J. (2001). A title. J. Tests 3, 1-9.")[:3]
['Smith,', 'J.', '(2001).']
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from ..lexicon import MONTH_SPELLINGS, SEASONS, YEAR

LABELS = ("author", "editor", "title", "container", "num", "date", "publisher", "location", "note")
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "parser.crfsuite"
MAX_TOKENS = 250  # longer "references" are lists or prose: the rules alone read them

# whitespace tokens, but a closing quote glued to the next word ends its token ("solution,”in Proc.")
_TOKEN = re.compile(r"[\u201d\"]?(?:[^\s\u201d\"]|[\u201d\"](?!\w))+[\u201d\"]?")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(rf"^[(\[]?{YEAR}[a-z]?[)\]]?[.,;:]?$")
_RANGE = re.compile(r"\d[-\u2010-\u2015\u2212]{1,2}\d")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}[.,]?$")
_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
_SHAPE_RUNS = ((re.compile("x{3,}"), "xx"), (re.compile("X{3,}"), "XX"), (re.compile("d{3,}"), "dd"))
_OPEN_QUOTES = "\u201c\u201e\u00ab\u2018\""
_CLOSE_QUOTES = "\u201d\u00bb\u2019\""

_DICT: dict[str, str] = {}
for _tag, _words in (
    ("journal", "journal journals j review reviews rev transactions trans letters lett annals ann bulletin bull "
                "quarterly magazine zeitschrift acta archives arch nature science research studies proc "
                "proceedings phys chem med sci int natl soc am"),
    ("proc", "conference conf symposium symp workshop congress meeting colloquium proceedings proc"),
    # the dictionary features the model was trained with: a change here wants a retrain
    ("pub", "press publishers publisher publishing publications verlag springer wiley elsevier routledge "
            "kluwer academic books sage blackwell macmillan pergamon dover prentice mcgraw"),
    ("uni", "university univ universität université universidad institute inst department dept school college"),
    ("month", " ".join(w.lower() for w in MONTH_SPELLINGS + SEASONS)),
    ("vol", "vol volume volumes vols v bd t"),
    ("no", "no nr issue number n"),
    ("pp", "pp p pages page s"),
    ("eds", "ed eds editor editors edited hrsg dir"),
    ("in", "in dans en"),
    ("and", "and & und et y"),
    ("etal", "al al. et"),
    ("thesis", "thesis dissertation phd diss report working paper technical tech"),
    ("press", "forthcoming press preprint submitted unpublished accepted"),
):
    for _w in _words.split():
        _DICT.setdefault(_w, _tag)


def tokens(text: str) -> list[str]:
    """Whitespace tokens; punctuation stays on the word, as in the training data.

    >>> tokens('“A solution,”in Proc. "B"')
    ['“A', 'solution,”', 'in', 'Proc.', '"B"']
    """
    return _TOKEN.findall(text)


_SHAPE_TABLE = str.maketrans({**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                              **{c: "x" for c in "abcdefghijklmnopqrstuvwxyz"}, **{c: "d" for c in "0123456789"}})
_STRIP = ("\"'.,;:!?()[]{}<>*/\\-\u2010\u2011\u2012\u2013\u2014\u2015"
          "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb#%&+=~|^_`@$")


def _shape(tok: str) -> str:
    """``Smith,`` → ``Xxx,``: letters and digits by class (non-ASCII letters kept), runs cut to two."""
    shape = tok[:12].translate(_SHAPE_TABLE)
    for rx, two in _SHAPE_RUNS:
        shape = rx.sub(two, shape)
    return shape


def _token_info(tok: str) -> tuple[str, str, str, str, str]:
    """(lower-cased word, shape, first char if punctuation, last char if punctuation, dictionary tag)."""
    word = tok.strip(_STRIP).lower()
    first = tok[0] if not tok[0].isalnum() else ""
    last = tok[-1] if not tok[-1].isalnum() else ""
    return word, _shape(tok), first, last, _DICT.get(word, "")


class _Token:
    """What a token says on its own, computed once per distinct token string (see :func:`_token`)."""

    __slots__ = ("word", "shape", "first", "last", "own", "before", "after", "digit", "year", "end",
                 "closes_quote", "_pairs", "w12")
    before: tuple[str, ...]  # features this token lends its neighbours (none for the edge)
    after: tuple[str, ...]

    def __init__(self, tok: str) -> None:
        word, shape, first, last, dic = _token_info(tok)
        self.word, self.shape, self.first, self.last = word, shape, first, last
        own = ["w=" + word[:20], "s=" + shape, "f=" + first, "l=" + last, "d=" + dic]
        if len(word) > 3:
            own.append("x=" + word[-3:])
        initials = tok[0].isupper() and _INITIALS.match(tok) is not None
        if tok[0].isupper():
            own.append("cap")
        if initials:
            own.append("init")
        self.digit = self.year = False
        if _DIGIT.search(tok):
            self.digit = True
            self.year = bool(_YEAR.match(tok) or _YEAR.match(word[:4]))
            for flag, on in (("year", _YEAR.match(tok)), ("range", _RANGE.search(tok)), ("ord", _ORDINAL.match(word))):
                if on:
                    own.append(flag)
            if word.isdigit():
                own.append("num%d" % min(len(word), 5))
        self.own = own
        # features this token gives the token after it (before) and the one before it (after)
        self.before = ("w-1=" + word[:20], "s-1=" + shape, "l-1=" + last)
        self.after = ("w+1=" + word[:20], "s+1=" + shape, "l+1=" + last)
        # a sentence end: not after an initial or an abbreviation such as "vol." or "eds."
        self.end = last in ".?!" and not initials and dic not in ("vol", "pp", "no", "eds", "etal")
        self.closes_quote = bool(last and last in _CLOSE_QUOTES or tok[-2:-1] and tok[-2:-1] in _CLOSE_QUOTES)
        self._pairs: dict[str, list[str]] = {}
        self.w12 = word[:12]

    def pair(self, prev_last: str) -> list[str]:
        """Features joining this token with the one before it (cached: few combinations occur)."""
        got = self._pairs.get(prev_last)
        if got is None:
            got = self._pairs[prev_last] = ["l-1|s=%s|%s" % (prev_last, self.shape)]
        return got

    def marked(self, before: str, mark: str, after: str) -> tuple[str, ...]:
        """Features from what the rules made of this token and its neighbours."""
        return ("r=" + mark, "r-1=" + before, "r+1=" + after,
                "r|w=" + mark + "|" + self.w12, "r|l=" + mark + "|" + self.last)


_P = tuple("p=%d" % i for i in range(8))
_E = tuple("e=%d" % i for i in range(4))
_Y = tuple("y=%d" % i for i in range(3))
_EA = tuple("ea=%d" % i for i in range(4))
_TN = tuple("tn=%d" % i for i in range(5))
_STATE = {(q, b, e): tuple(name for name, on in (("inq", q), ("BOS", b), ("EOS", e)) if on)
          for q in (False, True) for b in (False, True) for e in (False, True)}
_EDGE = _Token(" ")  # stands before the first token and after the last
_EDGE.last = "^"
_EDGE.before = _EDGE.after = ()
_CACHE: dict[str, _Token] = {}


def _token(tok: str) -> _Token:
    t = _CACHE.get(tok)
    if t is None:
        if len(_CACHE) > 20_000:  # bounded (1-1.5 KB a token, so ~30 MB): a long run sees many distinct words
            _CACHE.clear()
        t = _CACHE[tok] = _Token(tok)
    return t


def features(toks: list[str], marks: list[str] | None = None) -> list[list[str]]:
    """One list of string features per token: the word, its shape and punctuation, its neighbours,
    dictionary hits and a little state (inside quotes or brackets, year or sentence end seen).

    >>> "w=journal" in features(["Journal", "of", "Tests"])[0]
    True
    """
    n = len(toks)
    info = [_token(t) for t in toks]
    # looking ahead: sentence ends before the next number (a title ends in one, a journal rarely does)
    ahead = [0] * n
    to_num = [0] * n
    ends_ahead, dist = 0, 99
    for i in range(n - 1, -1, -1):
        t = info[i]
        ahead[i], to_num[i] = min(ends_ahead, 3), min(dist.bit_length(), 4)
        if t.digit:
            ends_ahead, dist = 0, 0
        else:
            dist += 1
            ends_ahead += t.end
    out: list[list[str]] = []
    in_quote = False
    year_seen = ends = 0
    padded = [_EDGE] + info + [_EDGE]
    for i, t in enumerate(info):
        if t.first and t.first in _OPEN_QUOTES and not in_quote:
            in_quote = True
        prev = padded[i]
        f = [*t.own, _P[i * 8 // n], _E[ends if ends < 3 else 3], _Y[year_seen if year_seen < 2 else 2],
             _EA[ahead[i]], _TN[to_num[i]], *_STATE[in_quote, i == 0, i == n - 1],
             *prev.before, *padded[i + 2].after, *t.pair(prev.last)]
        if marks:
            f += t.marked(marks[i - 1] if i else "BOS", marks[i], marks[i + 1] if i + 1 < n else "EOS")
        out.append(f)
        # state for the tokens that follow
        if t.closes_quote:
            in_quote = False
        year_seen += t.year
        ends += t.end
    return out


_lock = threading.RLock()
_tagger: Any = None  # None: not loaded yet; False: unavailable; else a pycrfsuite.Tagger


def _load() -> object:
    global _tagger
    with _lock:
        if _tagger is None:
            try:
                import pycrfsuite  # optional dependency

                tagger = pycrfsuite.Tagger()
                tagger.open(str(MODEL_PATH))
                _tagger = tagger
            except Exception:  # no crfsuite, no model, a bad file: the rules work alone
                _tagger = False
    return _tagger


def available() -> bool:
    """Whether the model can be used (``pycrfsuite`` importable and the model file present)."""
    return bool(_load())


def label_tokens(toks: list[str], marks: list[str] | None = None) -> list[str] | None:
    """The label of each token, or ``None`` without a model.

    Holding ``_lock`` after the call, :func:`marginal` gives the probability of a label at a token.
    """
    if not toks or len(toks) > MAX_TOKENS:
        return None
    tagger = _load()
    if not tagger:
        return None
    with _lock:  # a crfsuite Tagger is not thread-safe
        return tagger.tag(features(toks, marks))  # type: ignore[attr-defined]


def marginal(label: str, t: int) -> float:
    """P(token ``t`` of the sequence last labelled has ``label``); call holding ``_lock``."""
    return float(_tagger.marginal(label, t))


def segments(toks: list[str], labels: list[str]) -> list[tuple[str, str]]:
    """Runs of one label as (label, text).

    >>> segments(["A", "B.", "Title."], ["author", "author", "title"])
    [('author', 'A B.'), ('title', 'Title.')]
    """
    out: list[tuple[str, list[str]]] = []
    for tok, lab in zip(toks, labels, strict=False):
        if out and out[-1][0] == lab:
            out[-1][1].append(tok)
        else:
            out.append((lab, [tok]))
    return [(lab, " ".join(ws)) for lab, ws in out]
