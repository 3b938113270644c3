"""Small text normalisers, each one job, composed where needed.

Used by extraction (markup → text), parsing (dashes, quotes) and comparison
(folding text for equality). Each function takes a string and returns one.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_TABLE = str.maketrans({c: "-" for c in DASHES})
_QUOTE_TABLE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
})
_SPACE_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"<[^<>]{0,2000}>")
_PUNCT_RE = re.compile(r"[^\w\s]")


def normalize_dashes(text: str) -> str:
    """Every Unicode dash and minus → ASCII hyphen."""
    return text.translate(_DASH_TABLE)


def normalize_quotes(text: str) -> str:
    """Curly and angle quotes → straight quotes."""
    return text.translate(_QUOTE_TABLE)


# Hyphens that are no dash (U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN) and the modifier-letter
# apostrophe (U+02BC): Wiley and word processors put them inside names ("Chi\u2010Yun", "O\u02bcBrien").
_WORD_MARK_TABLE = str.maketrans({"\u2010": "-", "\u2011": "-", "\u02bc": "'"})
# A right single quote between two letters is an apostrophe ("O\u2019Brien", "Thiong\u2019o"); elsewhere
# it may close a quoted title (\u2018Title\u2019), so it is left alone there.
_INNER_RIGHT_QUOTE = re.compile(r"(?<=[^\W\d_])\u2019(?=[^\W\d_])")


def normalize_word_marks(text: str) -> str:
    """Hyphens and the modifier-letter apostrophe used inside words → ``-`` and ``'`` (dashes are left).

    >>> normalize_word_marks("Kuo, Chi\u2010Yun (2016), 255\u2013262")
    'Kuo, Chi-Yun (2016), 255\u2013262'
    """
    return text.translate(_WORD_MARK_TABLE)


def normalize_name_marks(text: str) -> str:
    """:func:`normalize_word_marks`, and a right single quote between letters → ``'``: for names.

    >>> normalize_name_marks("Patrick O\u2019Brien and Jean d\u02bcAlembert")
    "Patrick O'Brien and Jean d'Alembert"
    >>> normalize_name_marks("\u2018A title\u2019, 2001")
    '\u2018A title\u2019, 2001'
    """
    if "\u2019" in text:
        text = _INNER_RIGHT_QUOTE.sub("'", text)
    return normalize_word_marks(text)


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace (including newlines and NBSP) → one space, trimmed."""
    return _SPACE_RE.sub(" ", text).strip()


def strip_tags(text: str) -> str:
    """Remove HTML/XML/MathML tags (Crossref titles carry <i>, <sub>, <mml:math>...)."""
    return _TAG_RE.sub("", text)


def unescape_html(text: str) -> str:
    return html.unescape(text)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _latex_converter():  # pylatexenc ships with bibtexparser v2
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


_LATEX_HINT = re.compile(r"[\\{}$~]")


def latex_to_text(text: str) -> str:
    """LaTeX markup → plain text (``\\textit{A}`` → ``A``, ``{\\\"o}`` → ``ö``, ``~`` → space)."""
    if not _LATEX_HINT.search(text):
        return text
    try:
        out = _latex_converter().latex_to_text(text)
    except Exception:  # malformed LaTeX: drop the markup characters rather than fail
        out = re.sub(r"\\[a-zA-Z]+\*?|[{}$]", "", text)
    return out.replace("\u00a0", " ")


def fold(text: str) -> str:
    """Fold text for comparison: tags, entities, accents, case, punctuation and spacing dropped.

    >>> fold("Serotonin and <i>Brain</i> Function: a Tale")
    'serotonin and brain function a tale'
    """
    text = unescape_html(strip_tags(text))
    text = strip_accents(normalize_quotes(normalize_dashes(text))).casefold()
    return collapse_whitespace(_PUNCT_RE.sub(" ", text).replace("_", " "))


def clean_reference_text(text: str) -> str:
    """The normalisation every free-text reference gets before parsing."""
    return collapse_whitespace(unescape_html(text).replace("\u00ad", ""))


# --- Matching and comparison helpers (match.py, compare.py) -------------------------------

_DOI_PREFIX_RE = re.compile(r"^\s*(?:https?://)?(?:dx\.)?(?:doi\.org/|doi:\s*)", re.IGNORECASE)
_NAME_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "des", "la", "le", "ter",
    "ten", "dos", "das", "do", "zu", "af", "av", "bin", "ibn", "al", "el", "st", "aan", "het", "op", "in",
})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


# Publishers mark a retracted or withdrawn paper by prefixing its own title, in its own record:
# Elsevier "RETRACTED: ..." and "WITHDRAWN: ...", Springer "RETRACTED ARTICLE: ...", Taylor & Francis
# "Retracted article: ...". Notices *about* a work ("Retraction Note", "Retraction notice to ...",
# "Expression of Concern for: ...") are records of their own and are not matched here.
_STATUS_NOTICE_RE = re.compile(
    r"^\s*[\[(]?\s*(retracted|withdrawn)(?:\s+(?:article|paper|chapter|publication))?\s*[\])]?\s*:\s*(?=\S)",
    re.IGNORECASE,
)


def split_status_notice(title: str) -> tuple[str, str]:
    """A title without a leading retraction notice, and what the notice says ("retracted", "withdrawn" or "").

    >>> split_status_notice("RETRACTED ARTICLE: Lightweight security scheme")
    ('Lightweight security scheme', 'retracted')
    >>> split_status_notice("Withdrawn patients in a trial")
    ('Withdrawn patients in a trial', '')
    """
    notice = _STATUS_NOTICE_RE.match(title)
    if not notice:
        return title, ""
    return title[notice.end():], ("withdrawn" if notice.group(1).lower() == "withdrawn" else "retracted")


def normalize_doi(doi: str) -> str:
    """A DOI as a bare lower-case string: ``https://doi.org/10.1/X.`` → ``10.1/x``."""
    return _DOI_PREFIX_RE.sub("", doi or "").strip().rstrip(".,;").lower()


def surname_key(family: str) -> str:
    """A surname folded for equality: accents, case, hyphens, spaces and particles dropped.

    >>> surname_key("Carhart-Harris") == surname_key("Carhart Harris") == surname_key("carhart–harris")
    True
    >>> surname_key("van der Kolk") == surname_key("Kolk")
    True
    """
    words = [w for w in fold(latex_to_text(family)).split() if w not in _NAME_SUFFIXES]
    core = [w for w in words if w not in _NAME_PARTICLES]
    return "".join(core or words)


def split_bibtex_names(field_value: str) -> tuple[list[tuple[str, str]], bool]:
    """A BibTeX ``author`` field → ([(family, given), ...], truncated).

    ``truncated`` is True when the list ends in ``and others`` (BibTeX's "et al.")
    or an explicit "et al.".

    >>> split_bibtex_names("Carhart-Harris, Robin L. and David J. Nutt and others")
    ([('Carhart-Harris', 'Robin L.'), ('Nutt', 'David J.')], True)
    >>> split_bibtex_names("{Centers for Disease Control and Prevention}")
    ([('Centers for Disease Control and Prevention', '')], False)
    """
    truncated = False
    names: list[tuple[str, str]] = []
    for raw_part in _BIBTEX_AND_OUTSIDE_BRACES.split(collapse_whitespace(field_value or "")):
        raw_part = raw_part.strip().strip(",;")
        if len(raw_part) > 2 and raw_part[0] == "{" and raw_part[-1] == "}" and _balanced(raw_part[1:-1]):
            # "{Centers for Disease Control and Prevention}": a body's name, one author, no given name
            names.append((collapse_whitespace(latex_to_text(raw_part[1:-1])), ""))
            continue
        part = collapse_whitespace(latex_to_text(raw_part)).strip(",;")
        low = part.lower().rstrip(".")
        if not part:
            continue
        if low in {"others", "et al", "et. al"}:
            truncated = True
            continue
        if re.search(r"\bet\.?\s*al\b\.?$", part, re.IGNORECASE):
            truncated = True
            part = re.sub(r",?\s*\bet\.?\s*al\b\.?$", "", part, flags=re.IGNORECASE).strip()
            if not part:
                continue
        names.append(_split_one_name(part))
    return names, truncated


# " and " outside braces: BibTeX's separator, but not inside "{Centers for Disease Control and Prevention}"
_BIBTEX_AND_OUTSIDE_BRACES = re.compile(r"\s+and\s+(?![^{}]{0,300}\})", re.IGNORECASE)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def _is_initials_token(token: str) -> bool:
    core = token.replace(".", "").replace("-", "")
    return bool(core) and core.isalpha() and core.isupper() and len(core) <= 3


def _split_one_name(name: str) -> tuple[str, str]:
    if "," in name:
        family, _, given = name.partition(",")
        given = given.strip()
        # "Nutt, Jr., David" → family "Nutt", given "David"
        if "," in given and given.split(",")[0].strip().lower().rstrip(".") in _NAME_SUFFIXES:
            given = given.split(",", 1)[1].strip()
        return family.strip(), given
    tokens = name.split()
    if len(tokens) == 1:
        return tokens[0], ""
    # Vancouver "Murrough JW": surname then bare initials
    if len(tokens) >= 2 and _is_initials_token(tokens[-1]) and not _is_initials_token(tokens[0]):
        return " ".join(tokens[:-1]), tokens[-1]
    while len(tokens) > 2 and tokens[-1].lower().rstrip(".") in _NAME_SUFFIXES:
        tokens = tokens[:-1]
    # "Ludwig van Beethoven": particles belong to the surname
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].lower() in _NAME_PARTICLES:
        start -= 1
    return " ".join(tokens[start:]), " ".join(tokens[:start])


def initials(given: str) -> str:
    """Given names → their initials, folded: ``Robin L.`` → ``rl``, ``J.-P.`` → ``jp``."""
    out: list[str] = []
    for word in re.split(r"[\s.\-]+", fold(latex_to_text(given)) if given else ""):
        if not word:
            continue
        # "RL" written as bare capitals folds to "rl": each letter an initial
        if len(word) <= 3 and given and word.upper() in given.replace(".", "").split():
            out.extend(word)
        else:
            out.append(word[0])
    return "".join(out)


def expand_page_range(pages: str) -> tuple[str, str]:
    """``386--397`` → (``386``, ``397``); ``1425-37`` → (``1425``, ``1437``); ``e1234`` → (``e1234``, ``""``).

    Article numbers and single pages give an empty last page. A minimal range keeps its first page's
    letter prefix: ``D383–8`` → (``d383``, ``d388``).
    """
    text = normalize_dashes(pages or "").strip()
    text = re.sub(r"^(?:pp?\.?|pages?|art(?:icle)?\.?\s*(?:no\.?|number)?|no\.)\s*", "", text, flags=re.IGNORECASE)
    parts = [p.strip() for p in re.split(r"(?:(?<!\s)|(?!\s))\s*-+\s*", text, maxsplit=1)]  # linear in runs of spaces
    first = parts[0].lower() if parts else ""
    last = parts[1].lower() if len(parts) > 1 else ""
    prefixed = re.fullmatch(r"([a-z]+)(\d+)", first)  # "D383–8": Nucleic Acids Research's database issue pages
    if prefixed and last.isdigit():  # the last page is in the first one's series, prefix printed or not
        last = prefixed.group(1) + _expand_minimal(prefixed.group(2), last)
    elif first.isdigit() and last.isdigit():
        last = _expand_minimal(first, last)
    return first, last


def _expand_minimal(first: str, last: str) -> str:
    """The last page of a minimal range written out (``1425``, ``37`` → ``1437``); ``last`` if it is none."""
    if len(last) >= len(first):
        return last
    expanded = first[: len(first) - len(last)] + last
    return expanded if int(expanded) >= int(first) else last  # "1091-20" is no abbreviation of anything: keep it


# C0 controls except tab, newline and carriage return; DEL; C1 controls. Documents
# and Crossref records have no use for them, and in a report they can drive the
# reader's terminal (ESC sequences retitle or clear it).
_CONTROL_TABLE: dict[int, str | None] = {c: None for c in (*range(0, 9), 11, 12, *range(14, 32), 127, *range(128, 160))}
_CONTROL_TABLE.update({11: " ", 12: " "})  # vertical tab and form feed separate words


def strip_control_characters(text: str) -> str:
    """Drop control characters (keeping tab, newline and carriage return).

    >>> strip_control_characters("a\x1b[31mb\x07-c")
    'a[31mb-c'
    """
    return text.translate(_CONTROL_TABLE)
