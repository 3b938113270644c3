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

import math
from bisect import bisect_right
import re
import threading
from pathlib import Path

from .names import format_names, split_names

LABELS = ("author", "editor", "title", "container", "num", "date", "publisher", "location", "note")
MODEL_PATH = Path(__file__).resolve().parent / "data" / "parser.crfsuite"
MAX_TOKENS = 250  # longer "references" are lists or prose: the rules alone read them

_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"^[(\[]?(?:1[5-9]\d\d|20\d\d)[a-z]?[)\]]?[.,;:]?$")
_RANGE = re.compile(r"\d[-\u2010-\u2015\u2212]{1,2}\d")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}[.,]?$")
_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
_SHAPE_RUNS = re.compile(r"(.)\1{2,}")
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


_SHAPE_TABLE = str.maketrans({**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                              **{c: "x" for c in "abcdefghijklmnopqrstuvwxyz"}, **{c: "d" for c in "0123456789"}})
_STRIP = "\"'.,;:!?()[]{}<>*/\\-\u2010\u2011\u2012\u2013\u2014\u2015\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb#%&+=~|^_`@$"


def _shape(tok: str) -> str:
    """``Smith,`` → ``Xxx,``: letters and digits by class (non-ASCII letters kept), runs cut to two."""
    return _SHAPE_RUNS.sub(_two, tok[:12].translate(_SHAPE_TABLE))


def _two(m: re.Match[str]) -> str:
    return m.group(1) * 2


def _token_info(tok: str) -> tuple[str, str, str, str, str]:
    """(lower-cased word, shape, first char if punctuation, last char if punctuation, dictionary tag)."""
    word = tok.strip(_STRIP).lower()
    first = tok[0] if not tok[0].isalnum() else ""
    last = tok[-1] if not tok[-1].isalnum() else ""
    return word, _shape(tok), first, last, _DICT.get(word, "")


def rule_marks(text: str, authors: str, fields: dict[str, str]) -> list[str]:
    """What the rules made of each token of ``text``: author, year, title, container, publisher or ``o``.

    >>> rule_marks("Doe, J. 2001. A title. Nature 3.", "Doe, J.", {"title": "A title", "journal": "Nature",
    ...                                            "year": "2001"})
    ['author', 'author$', 'year$', 'title', 'title$', 'container$', 'o']
    """
    offs = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    starts = [x for x, _ in offs]
    out = ["o"] * len(offs)
    end = 0
    for label, value in (("author", authors), ("title", fields.get("title", "")),
                         ("container", fields.get("journal") or fields.get("booktitle", "")),
                         ("publisher", fields.get("publisher", "")), ("year", fields.get("year", ""))):
        if not value:
            continue
        pos = text.find(value, end if label in ("title", "container") else 0)
        if pos < 0:
            continue
        stop = pos + len(value)
        if label != "year":
            end = stop
        first = max(bisect_right(starts, pos) - 1, 0)
        last = -1
        for t in range(first, len(offs)):
            x, y = offs[t]
            if x >= stop:
                break
            if y > pos and out[t] == "o":
                out[t] = label
                last = t
        if last >= 0 and offs[last][1] >= stop:  # the span ends in this token
            out[last] = label + "$"
    return out


class _Token:
    """What a token says on its own, computed once per distinct token string (see :func:`_token`)."""

    __slots__ = ("word", "shape", "first", "last", "own", "before", "after", "digit", "year", "end",
                 "closes_quote", "closes_paren", "_pairs", "_marks")

    def __init__(self, tok: str) -> None:
        word, shape, first, last, dic = _token_info(tok)
        self.word, self.shape, self.first, self.last = word, shape, first, last
        own = ["b", "w=" + word[:20], "s=" + shape, "f=" + first, "l=" + last, "d=" + dic]
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
        self.closes_paren = last in ")]" or tok[-2:-1] in (")", "]")
        self._pairs: dict[str, list[str]] = {}
        self._marks: dict[tuple[str, str, str], list[str]] = {}

    def pair(self, prev_last: str) -> list[str]:
        """Features joining this token with the one before it (cached: few combinations occur)."""
        got = self._pairs.get(prev_last)
        if got is None:
            got = self._pairs[prev_last] = ["l-1|s=%s|%s" % (prev_last, self.shape)]
        return got

    def marked(self, before: str, mark: str, after: str) -> list[str]:
        """Features from what the rules made of this token and its neighbours."""
        key = (before, mark, after)
        got = self._marks.get(key)
        if got is None:
            got = self._marks[key] = ["r=" + mark, "r-1=" + before, "r+1=" + after,
                                      "r|w=%s|%s" % (mark, self.word[:12]), "r|l=%s|%s" % (mark, self.last)]
        return got


_P = tuple("p=%d" % i for i in range(8))
_E = tuple("e=%d" % i for i in range(4))
_Y = tuple("y=%d" % i for i in range(3))
_QC = ("qc=0", "qc=1")
_EA = tuple("ea=%d" % i for i in range(4))
_TN = tuple("tn=%d" % i for i in range(5))
_STATE = {(q, p, b, e): tuple(name for name, on in (("inq", q), ("inp", p), ("BOS", b), ("EOS", e)) if on)
          for q in (False, True) for p in (False, True) for b in (False, True) for e in (False, True)}
_EDGE = _Token(" ")  # stands before the first token and after the last
_EDGE.last = "^"
_EDGE.before = _EDGE.after = ()
_CACHE: dict[str, _Token] = {}


def _token(tok: str) -> _Token:
    t = _CACHE.get(tok)
    if t is None:
        if len(_CACHE) > 100_000:  # bounded: a long run sees many distinct words
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
    in_quote = in_paren = False
    year_seen = quote_closed = ends = 0
    padded = [_EDGE] + info + [_EDGE]
    for i, t in enumerate(info):
        if t.first and t.first in _OPEN_QUOTES and not in_quote:
            in_quote = True
        if t.first in "([":
            in_paren = True
        prev = padded[i]
        f = [*t.own, _P[i * 8 // n], _E[ends if ends < 3 else 3], _Y[year_seen if year_seen < 2 else 2], _QC[quote_closed],
             _EA[ahead[i]], _TN[to_num[i]], *_STATE[in_quote, in_paren, i == 0, i == n - 1],
             *prev.before, *padded[i + 2].after, *t.pair(prev.last)]
        if marks:
            f += t.marked(marks[i - 1] if i else "BOS", marks[i], marks[i + 1] if i + 1 < n else "EOS")
        out.append(f)
        # state for the tokens that follow
        if t.closes_quote:
            if in_quote:
                quote_closed = 1
            in_quote = False
        if t.closes_paren:
            in_paren = False
        year_seen += t.year
        ends += t.end
    return out


_SCORED = ("author", "title", "container")  # the fields the model may overrule
_lock = threading.RLock()
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
    return _tagger.marginal(label, t)  # type: ignore[union-attr]


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


_IN_PREFIX = re.compile(r"^(?:In|in|IN|Dans|En)\s?:?\s+")
_EDS_END = re.compile(r"(?:,\s?|\s?[(\[])(?:eds?|editors?|hrsg|dirs?)\.?[)\]]?[.,:]?\s?$", re.IGNORECASE)
MARGIN = 2.0  # log-odds the model must win by to overrule the rules
DROP_CONTAINER = True  # the model may also say a "container" the rules found is not one


def _value(label: str, text: str) -> str:
    if label == "title":
        return text.strip(" .,;:\"'\u201c\u201d\u2018\u2019")
    if label == "container":
        return _IN_PREFIX.sub("", text).strip(" .,;:")
    return _EDS_END.sub("", text.strip(" ,;:"))


def _support(label: str, inside: set[int], union: set[int]) -> float:
    """Log-likelihood, token by token, that exactly ``inside`` of ``union`` carries ``label``."""
    total = 0.0
    for t in union:
        p = marginal(label, t)
        total += math.log(max(p if t in inside else 1.0 - p, 1e-9))
    return total


def refine(s: str, authors: str, fields: dict[str, str]) -> dict[str, str]:
    """Author, title and container segments where the model is surer than the rules; the rest unchanged.

    ``s`` is the cleaned reference the rules read, ``authors`` their author segment. For each of the
    three fields the model's segment and the rules' are compared by the model's token marginals;
    the model's wins only by :data:`MARGIN`.
    """
    with _lock:  # the marginals below belong to this sequence
        return _refine(s, authors, fields)


def _refine(s: str, authors: str, fields: dict[str, str]) -> dict[str, str]:
    toks = tokens(s)
    labels = label_tokens(toks, rule_marks(s, authors, fields))
    if labels is None:
        return {}
    offs = [(m.start(), m.end()) for m in _TOKEN.finditer(s)]
    first: dict[str, tuple[int, int]] = {}
    i = 0
    for lab, text in segments(toks, labels):
        k = text.count(" ") + 1
        first.setdefault(lab, (i, i + k))
        i += k
    ckey = "journal" if "journal" in fields else "booktitle" if "booktitle" in fields else ""
    rule_text = {"author": authors if "author" in fields else "", "title": fields.get("title", ""),
                 "container": fields.get(ckey, "") if ckey else ""}
    changes: dict[str, str] = {}
    taken: set[int] = set()  # tokens of the fields already decided: segments never overlap
    for label in _SCORED:
        if label == "author" and "editor" in fields and "author" not in fields:
            continue
        a, b = first.get(label, (0, 0))
        model = set(range(a, b))
        value = rule_text[label]
        pos = s.find(value) if value else -1
        if value and pos < 0:
            continue  # the rules rewrote it: nothing to compare
        ruled = {t for t, (x, y) in enumerate(offs) if x < pos + len(value) and y > pos} if value else set()
        union = model | ruled
        if ruled != model and not model & taken and (model or label == "container") and \
                _support(label, model, union) > _support(label, ruled, union) + MARGIN:
            changes[label] = _value(label, " ".join(toks[a:b])) if model else ""
            taken |= model
        else:
            taken |= ruled
    return changes


def apply(entry_type: str, fields: dict[str, str], s: str, authors: str) -> tuple[str, dict[str, str]]:
    """The rules' entry with :func:`refine`'s changes made; unchanged without a model."""
    try:
        changes = refine(s, authors, fields)
    except Exception:  # the model is a helper: on any trouble the rules stand
        return entry_type, fields
    if not changes:
        return entry_type, fields
    fields = dict(fields)
    if changes.get("author"):
        names, others = split_names(changes["author"])
        if names:
            fields["author"] = format_names(names, others)
    if changes.get("title"):
        fields["title"] = changes["title"]
    if "container" in changes:
        key = "journal" if "journal" in fields else "booktitle" if "booktitle" in fields else ""
        value = changes["container"]
        if value and not key:
            key = "journal" if "volume" in fields or entry_type in ("article", "misc") else "booktitle"
            if entry_type == "misc":
                entry_type = "article" if key == "journal" else "incollection"
        if key and value:
            fields[key] = value
        elif key and DROP_CONTAINER:
            del fields[key]
    return entry_type, fields
