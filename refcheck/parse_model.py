"""A CRF sequence labeller for reference strings, used beside the rules in :mod:`refcheck.parse`.

The model labels whitespace tokens of a cleaned reference (identifiers already taken out) with
one of :data:`LABELS`; runs of one label are the segments. It is trained by
``bench/train_parser_model.py`` on anystyle's and GROBID's hand-tagged references and ships as
``refcheck/data/parser.crfsuite``.

Everything here degrades quietly: without ``pycrfsuite`` or the model file,
:func:`label_tokens` returns ``None`` and the parser uses its rules alone.

>>> tokens("Smith, J. (2001). A title. J. Tests 3, 1-9.")[:3]
['Smith,', 'J.', '(2001).']
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

LABELS = ("author", "editor", "title", "container", "num", "date", "publisher", "location", "note")
MODEL_PATH = Path(__file__).resolve().parent / "data" / "parser.crfsuite"
MAX_TOKENS = 250  # longer "references" are lists or prose: the rules alone read them

_TOKEN = re.compile(r"\S+")
_CORE = re.compile(r"^[^\w]{0,8}(.*?)[^\w]{0,8}$", re.DOTALL)
_YEAR = re.compile(r"^[(\[]?(?:1[5-9]\d\d|20\d\d)[a-z]?[)\]]?[.,;:]?$")
_RANGE = re.compile(r"\d[-\u2010-\u2015\u2212]{1,2}\d")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}[.,]?$")
_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
_SHAPE_RUNS = re.compile(r"(.)\1+")
_OPEN_QUOTES = "\u201c\u201e\u00ab\u2018\""
_CLOSE_QUOTES = "\u201d\u00bb\u2019\""

_DICT: dict[str, str] = {}
for _tag, _words in (
    ("journal", "journal journals j review reviews rev transactions trans letters lett annals ann bulletin bull "
                "quarterly magazine zeitschrift acta archives arch nature science research studies proc "
                "proceedings phys chem med sci int natl soc am"),
    ("proc", "conference conf symposium symp workshop congress meeting colloquium proceedings proc"),
    ("pub", "press publishers publisher publishing publications verlag springer wiley elsevier routledge "
            "kluwer academic books sage blackwell macmillan pergamon dover prentice mcgraw"),
    ("uni", "university univ universität université universidad institute inst department dept school college"),
    ("month", "january february march april may june july august september october november december jan feb "
              "mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter"),
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
    """Whitespace tokens; punctuation stays on the word, as in the training data."""
    return _TOKEN.findall(text)


def _shape(tok: str) -> str:
    s = "".join("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in tok[:12])
    return _SHAPE_RUNS.sub(r"\1\1", s)


def _token_info(tok: str) -> tuple[str, str, str, str, str]:
    """(lower-cased word, shape, first char if punctuation, last char if punctuation, dictionary tag)."""
    core = _CORE.match(tok)
    word = core.group(1).lower() if core else ""
    first = tok[0] if not tok[0].isalnum() else ""
    last = tok[-1] if not tok[-1].isalnum() else ""
    return word, _shape(tok), first, last, _DICT.get(word, "")


def features(toks: list[str]) -> list[list[str]]:
    """One list of string features per token: the word, its shape and punctuation, its neighbours,
    dictionary hits and a little state (inside quotes or brackets, year or sentence end seen).

    >>> "w=journal" in features(["Journal", "of", "Tests"])[0]
    True
    """
    n = len(toks)
    info = [_token_info(t) for t in toks]
    out: list[list[str]] = []
    in_quote = in_paren = False
    year_seen = quote_closed = 0
    ends = 0
    for i, tok in enumerate(toks):
        word, shape, first, last, dic = info[i]
        if first and first in _OPEN_QUOTES and not in_quote:
            in_quote = True
        if first in "([":
            in_paren = True
        f = ["b", "w=" + word[:20], "s=" + shape, "f=" + first, "l=" + last, "d=" + dic,
             "p=%d" % (i * 8 // n), "e=%d" % min(ends, 3), "y=%d" % min(year_seen, 2), "qc=%d" % quote_closed]
        if len(word) > 3:
            f.append("x=" + word[-3:])
        if in_quote:
            f.append("inq")
        if in_paren:
            f.append("inp")
        if _YEAR.match(tok):
            f.append("year")
        if _RANGE.search(tok):
            f.append("range")
        if word.isdigit():
            f.append("num%d" % min(len(word), 5))
        if _INITIALS.match(tok):
            f.append("init")
        if _ORDINAL.match(word):
            f.append("ord")
        if tok[:1].isupper():
            f.append("cap")
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n:
                w2, s2, f2, l2, d2 = info[j]
                f.append("w%+d=%s" % (k, w2[:20]))
                if k in (-1, 1):
                    f.extend(("s%+d=%s" % (k, s2), "l%+d=%s" % (k, l2), "d%+d=%s" % (k, d2), "f%+d=%s" % (k, f2)))
        if i > 0:
            f.append("l-1|s=%s|%s" % (info[i - 1][3], shape))
        out.append(f)
        # state for the tokens that follow
        if last and last in _CLOSE_QUOTES or tok[-2:-1] in _CLOSE_QUOTES and tok[-2:-1]:
            if in_quote:
                quote_closed = 1
            in_quote = False
        if last in ")]" or tok[-2:-1] in (")", "]"):
            in_paren = False
        if _YEAR.match(tok) or (word[:4].isdigit() and _YEAR.match(word[:4])):
            year_seen += 1
        if last in ".?!" and not _INITIALS.match(tok) and dic not in ("vol", "pp", "no", "eds", "etal"):
            ends += 1
    return out


_lock = threading.Lock()
_tagger: object = None  # None: not loaded yet; False: unavailable


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


def label_tokens(toks: list[str]) -> tuple[list[str], float] | None:
    """The label of each token and the sequence's probability, or ``None`` without a model."""
    if not toks or len(toks) > MAX_TOKENS:
        return None
    tagger = _load()
    if not tagger:
        return None
    with _lock:  # a crfsuite Tagger is not thread-safe
        labels = tagger.tag(features(toks))  # type: ignore[attr-defined]
        prob = tagger.probability(labels)  # type: ignore[attr-defined]
    return labels, prob


def segments(toks: list[str], labels: list[str]) -> list[tuple[str, str]]:
    """Runs of one label as (label, text).

    >>> segments(["A", "B.", "Title."], ["author", "author", "title"])
    [('author', 'A B.'), ('title', 'Title.')]
    """
    out: list[tuple[str, list[str]]] = []
    for tok, lab in zip(toks, labels):
        if out and out[-1][0] == lab:
            out[-1][1].append(tok)
        else:
            out.append((lab, [tok]))
    return [(lab, " ".join(ws)) for lab, ws in out]
