"""Reference-string plumbing for the parser: cleaning, identifiers, sentence boundaries, quotes.

Every regex here is linear: bounded repetitions and no nested quantifiers, so a
100 KB adversarial string costs milliseconds, not minutes.
"""

from __future__ import annotations

import re

from ..lexicon import IN_PRESS, MONTH_ABBREVIATIONS, alternation
from ..normalize import clean_reference_text, latex_to_text, normalize_word_marks, strip_tags

_BIBITEM = re.compile(r"^\s*(?:\\bibitem\s*(?:\[[^\]]{0,300}\])?\s*(?:\{[^{}]{0,300}\})?|\\item\b(?:\[[^\]]{0,40}\])?)")
# GB/T 7714 document-type marks: "Title[J]. Journal", "Title[C]//Proceedings"
_GB_TYPE = re.compile(r"\s?[\[［](?:J|M|C|D|R|N|P|S|Z|A|G|EB/OL|J/OL|M/OL|DB/OL|CP/DK)[\]］]\s?(?://\s?)?\.?")
_LATEX_NOISE = re.compile(r"\\(?:newblock|penalty\d*|hskip\s*[\d.]+\w+|allowbreak|/)\s?")
_LIST_NUMBER = re.compile(
    r"^\s*(?:[\u2022\u25aa\u25cf\u2023*\-\u2013]\s|\([a-z]\)\s|\[\s*[\w.\-+ ]{1,20}\]|\[\d{1,4}\s+|\(\d{1,4}\)|\d{1,4}\s*[.)\]、:\-\u2013]\s|\d{1,3}[.)、]|\d{1,3}\t|\d{1,3}\s+(?=[A-Z]))\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_DOI = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*(?:\.org)?\s*[:/]?\s*|\bDOI\s*)?(10\.\d{4,9}/[^\s\"<>]{1,300})",
    re.IGNORECASE)
_URL = re.compile(r"(?:<\s*)?\b(?:https?://|www\.)[^\s<>]{1,2000}(?:\s*>)?", re.IGNORECASE)
_ISSN = re.compile(r"[,.;]?\s*\(?\bE?-?ISSN\s*:?\s*(\d{4}-?\d{3}[\dXx])\)?", re.IGNORECASE)  # never pages
_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*((?:97[89][\s\-]?)?[\d][\d\s\-]{7,14}[\dXx])\b")
_ARXIV = re.compile(r"\barXiv\s*[:.]?\s*(\d{4}\.\d{4,5}|[a-z\-]{2,20}(?:\.[A-Z]{2})?/\d{7})(v\d{1,2})?",
                    re.IGNORECASE)
_PMID = re.compile(r"\b(?:PMID|PMCID|PubMed PMID)\s*:?\s*(?:PMC)?\d{4,9}\.?", re.IGNORECASE)
_ACCESSED = re.compile(
    r"[\[(]?\b(?:accessed|retrieved|viewed|cited|consulted|last accessed|zugegriffen|consult\u00e9\s+le|abgerufen\s+am|"
    r"consultado\s+(?:el|em)|acess(?:o|ado)\s+em|recuperado(?:\s+el)?)(?:\s+(?:on|from))?\s*:?"
    r"[^()\[\]]{0,40}?(?:\d{4}(?:,?\s+(?:from|sur|de)\b)?|\bfrom\b)[\])]?[.,]?",  # "…de 2024, de <url>"
    re.IGNORECASE)
_AVAILABLE = re.compile(r"\b(?:Available(?:\s+(?:online\s+)?(?:from|at)|\s+online)?|Retrieved\s+from|Online|URL)\s*:?\s*(?=$|[.,;\s]*$)",
                        re.IGNORECASE)
_NOTE_BRACKETS = re.compile(r"\[[^\[\]]{0,40}\b(?:internet|online|cited|accessed|retrieved|pdf|electronic|"
                            r"abstract|serial|" + alternation(IN_PRESS) + r")\b[^\[\]]{0,40}\]", re.IGNORECASE)
_EPUB = re.compile(r"\bEpub\s+(?:ahead\s+of\s+print\s*)?(?:\d{4}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?)?\.?",
                    re.IGNORECASE)


_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_LETTERS = {"o": "\u00f8", "O": "\u00d8", "ss": "\u00df", "ae": "\u00e6", "AE": "\u00c6", "aa": "\u00e5",
            "AA": "\u00c5", "l": "\u0142", "L": "\u0141", "i": "i", "j": "j", "oe": "\u0153", "OE": "\u0152"}
_SYMBOLS = {"textquotedblleft": "\u201c", "textquotedblright": "\u201d", "textquoteleft": "\u2018",
            "textquoteright": "\u2019", "textendash": "\u2013", "textemdash": "\u2014", "ldots": "...",
            "dots": "...", "textregistered": "", "S": "\u00a7", "P": "\u00b6"}
_ACCENT_SYM = re.compile(r"\\(['`^\"~=.])\s?(?:\{\s?\\?([A-Za-z])\s?\}|\\?([A-Za-z]))")
_DOUBLED_ACCENT = re.compile(r"\\\\(?=['`^\"~=.]\{?[A-Za-z])")
_ACCENT_WORD = re.compile(r"\\([uvHckr])(?:\s?\{\s?\\?([A-Za-z])\s?\}|\s([A-Za-z]))")
_LETTER = re.compile(r"\\(ss|ae|AE|aa|AA|oe|OE|[oOlLij])(?![A-Za-z])\s?")
_ESCAPED = re.compile(r"\\([&%$#_{} ,;:!/\-])")
_ARG_MACRO = re.compile(r"\\(?:text(?:it|bf|sc|sl|rm|tt|up|sf|normal)|emph|mathrm|mathbf|mathit|mbox|hbox|url|"
                        r"textsuperscript|textsubscript|uppercase|lowercase|MakeUppercase|bibitemfont)\s?(?=\{)")
_LATEX_COMMENT = re.compile(r"(?<![\\\w])%(?![0-9A-Fa-f]{2}).*")
_TILDE = re.compile(r"(?<!/)~")
_HREF = re.compile(r"\\href\s?\{([^{}]{0,500})\}")
_SWITCH = re.compile(r"\\(?:em|bf|it|sc|sl|rm|tt|sf|upshape|itshape|bfseries|scshape|normalfont|newblock|"
                     r"relax|protect|noopsort|small|footnotesize|large|Large|unskip|sp)(?![A-Za-z])\s?")
_WORD_MACRO = re.compile(r"\\([A-Za-z]{1,30})(?![A-Za-z])\s?")


def fast_latex_to_text(text: str) -> str:
    """The LaTeX found in reference lists (accents, font switches, ``\\textit{}``, escapes) as plain text.

    Falls back to :func:`refcheck.normalize.latex_to_text` (pylatexenc, ~5 ms a string) only
    when an unknown macro is left.

    >>> fast_latex_to_text(r"S{\\o}nsterud, G\\"{u}mbel: \\textit{Ann. Math.} {\\bf 28} \\& co")
    'Sønsterud, Gümbel: Ann. Math. 28 & co'
    """
    import unicodedata

    out = _DOUBLED_ACCENT.sub(r"\\", text)  # R\\\\"o (an escaped backslash before an accent) is R\\"o
    out = _ACCENT_SYM.sub(lambda m: (m.group(2) or m.group(3)) + _ACCENTS[m.group(1)], out)
    out = _ACCENT_WORD.sub(lambda m: (m.group(2) or m.group(3)) + _ACCENTS[m.group(1)], out)
    out = _LETTER.sub(lambda m: _LETTERS[m.group(1)], out)
    out = _HREF.sub("", out)
    out = _ARG_MACRO.sub("", out)
    out = _SWITCH.sub("", out)
    out = _WORD_MACRO.sub(lambda m: _SYMBOLS.get(m.group(1), m.group(0)), out)
    out = _ESCAPED.sub(lambda m: "\x01" if m.group(1) in "{}" else ("" if m.group(1) in ",;:!/-" else m.group(1)), out)
    if "\\" in out:
        return latex_to_text(text)
    out = out.replace("{", "").replace("}", "").replace("\x01", "").replace("$", "")
    out = _TILDE.sub(" ", out)  # a tie, but not "/~user" in a URL
    return unicodedata.normalize("NFC", out)


_FULLWIDTH = str.maketrans({"\uff08": " (", "\uff09": ") ", "\uff1a": ": ", "\uff0c": ", ", "\uff1b": "; ",
                            "\uff3b": " [", "\uff3d": "] ", "\uff0e": ". "})
_FULLWIDTH_RX = re.compile("[\uff08\uff09\uff1a\uff0c\uff1b\uff3b\uff3d\uff0e]")
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})([^*_\s](?:[^*_]{0,398}[^*_\s])?)\1(?![\w*])")


def preclean(text: str) -> str:
    """LaTeX, control characters, list numbers and spacing out; dashes in ASCII.

    >>> preclean("[12] Duman RS, et al.\\u00a0Nat Med 2016;22:238\\u2013249.")
    'Duman RS, et al. Nat Med 2016;22:238\u2013249.'
    """
    text = _CONTROL.sub(" ", text).replace("``", "\u201c").replace("''", "\u201d")
    if "<" in text:
        text = strip_tags(text)
    text = _BIBITEM.sub("", text)
    if "\\" in text or "{" in text or "~" in text or "$" in text:
        if "%" in text:  # a LaTeX comment ("forthcoming.% First item"), not "\\%" or "%20" in a URL
            text = _LATEX_COMMENT.sub("", text)
        text = _LATEX_NOISE.sub(" ", text)
        text = fast_latex_to_text(text)
    text = normalize_word_marks(clean_reference_text(text))  # "Chi\u2010Yun" would split as two names
    if _FULLWIDTH_RX.search(text):  # Chinese references: "2021，47（7）：1-12"
        text = text.translate(_FULLWIDTH)
    if "*" in text or "_" in text:  # Markdown emphasis: "*Network Neuroscience*, *3*(2)"
        text = _MARKDOWN_EMPHASIS.sub(r"\2", text)
    if "]" in text or "］" in text:
        text = _GB_TYPE.sub(". ", text)
    text = re.sub(r"(\w)- ([a-z])", r"\1-\2", text)  # "Mur- phy": hyphenation left by line wrapping
    text = re.sub(r"\b([A-Z])\.(?=[A-Z][a-z])", r"\1. ", text)  # "S.Garg" → "S. Garg"
    for _ in range(2):  # "[3] 12." style double numbering is rare; twice is enough
        stripped = _LIST_NUMBER.sub("", text, count=1)
        if stripped == text or not stripped:
            break
        text = stripped
    return text.strip()


_ITALIC = re.compile(
    r"\\(?:textit|emph|textsl)\s?\{([^{}]{1,400})\}|\{\\(?:em|it|sl|itshape)\s([^{}]{1,400})\}"
    r"|<(i|em|italic)>([^<>]{1,400})</(?:i|em|italic)>|(?<![\w*])\*([^*\s][^*]{0,398}[^*\s])\*(?![\w*])"
    r"|(?<![\w_])_([^_\s][^_]{0,398}[^_\s])_(?![\w_])", re.IGNORECASE)


def italic_spans(text: str) -> list[str]:
    """Italicised stretches (``\\textit{}``, ``{\\em }``, ``<i>``, ``*…*``), cleaned like the reference.

    Styles italicise the container (APA journal, book title), so an italic stretch marks where
    a title ends or what the title is.

    >>> italic_spans(r"Smith, J. (2001). A title. \\textit{Journal of Tests}, 3(2), 1-9.")
    ['Journal of Tests']
    """
    if "{" not in text and "<" not in text and "*" not in text and "_" not in text:
        return []
    out = []
    for m in _ITALIC.finditer(text[:5000]):
        raw = next(g for g in (m.group(1), m.group(2), m.group(4), m.group(5), m.group(6)) if g is not None)
        span = preclean(raw).strip(" ,.;:")
        if len(span) >= 3 and not re.match(r"(?i)et\.?\s?al\b", span):
            out.append(span)
    return out


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + " " + text[end:]


def _squash_trailing_punct(text: str) -> str:
    """``Title.,;`` → ``Title.``: a closing run of two marks or more becomes one period. A scan from the end,
    not ``(?:\\s*[.,;:]){2,}\\s*$``, which retries the whole run from each of its marks when something
    follows it (``. . . … /``): quadratic."""
    i = len(text)
    while i and (text[i - 1] in ".,;:" or text[i - 1].isspace()):
        i -= 1
    if sum(c in ".,;:" for c in text[i:]) < 2:
        return text
    return text[:i] + "."


def take_identifiers(text: str) -> tuple[str, dict[str, str]]:
    """Pull DOI, URL, ISBN and arXiv id out of ``text``; return the rest and the fields.

    >>> take_identifiers("Nat Med 22:238-249. https://doi.org/10.1038/nm.4050.")[1]
    {'doi': '10.1038/nm.4050'}
    """
    fields: dict[str, str] = {}
    m = _DOI.search(text)
    if m:
        doi = m.group(1).split("](")[0].rstrip(".,;:)]}>'\"")  # "[doi](https://doi.org/doi)": Markdown link
        if doi.count("(") < doi.count(")"):
            doi = doi[: doi.rfind(")")]
        fields["doi"] = doi
        text = _cut(text, m.start(), m.end())
        again = _DOI.search(text) if doi in text else None
        if again and again.group(1).startswith(doi):  # "https://doi.org/X doi:X": the second copy goes too
            text = _cut(text, again.start(), again.end())
    m = _ARXIV.search(text)
    if m:
        fields["eprint"] = m.group(1)
        fields["archiveprefix"] = "arXiv"
        text = _cut(text, m.start(), m.end())
    m = _ISBN.search(text)
    if m:
        fields["isbn"] = re.sub(r"\s", "", m.group(1))
        text = _cut(text, m.start(), m.end())
    m = _ISSN.search(text) if "SSN" in text else None
    if m:
        fields["issn"] = m.group(1)
        text = _cut(text, m.start(), m.end())
    urls = list(_URL.finditer(text))
    for m in reversed(urls):
        url = m.group(0).strip("<> ").rstrip(".,;")
        if "url" not in fields or len(urls) == 1:
            fields["url"] = url
        text = _cut(text, m.start(), m.end())
    if urls:
        fields["url"] = urls[0].group(0).strip("<> ").rstrip(".,;")
    text = _PMID.sub(" ", text)
    text = _EPUB.sub(" ", text)
    text = _NOTE_BRACKETS.sub("", text)  # first: "[Date accessed: 7 March 2022]" goes whole
    text = _ACCESSED.sub(" ", text)
    text = _AVAILABLE.sub(" ", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    text = _squash_trailing_punct(text)
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    return text.strip(" ,;").rstrip(" ,;[(<"), fields  # "[" left by a Markdown link around a URL


# Words after which a period is an abbreviation, not the end of a sentence.
ABBREVIATIONS: frozenset[str] = frozenset({
    "vol", "vols", "no", "nos", "nr", "pp", "p", "ed", "eds", "edn", "et", "al", "jr", "sr", "inc", "co", "corp",
    "ltd", "dr", "st", "univ", "dept", "vs", "v", "e.g", "i.e", "cf", "ca", "trans", "rev", "repr", "ch", "sec",
    "fig", "eq", "mr", "mrs", "ms", "prof", "suppl", "pt", "u.s", "u.k", "op", "cit", "viz", "etc", "approx", "intl",
    "int", "natl", "assoc", "soc", "proc", "conf", "symp", "dissertation",
} | {month.lower() for month in MONTH_ABBREVIATIONS})
_GIVEN_ABBREVIATIONS = frozenset({"Ph", "Th", "Chr", "Wm"})
_LOWER_STARTS = ("arXiv", "bioRxiv", "medRxiv", "eLife", "iScience", "eNeuro", "mBio", "npj ", "bioinformatics")
_BOUNDARY = re.compile(r"[.?!](?=[\s\"'\u201d\u2019]|$)")


_NEXT_ABBREVIATED = re.compile(r"\s{0,3}(?:[A-Z][A-Za-z]{0,8}\.|[A-Z]\b|[&\d(])")


def _abbreviation_chain(text: str, j: int, token: str) -> bool:
    """``J. Martin, Math. Ann.`` / ``Proc. Amer. Control``: a short capitalised word in a run of abbreviations."""
    if not (token[:1].isupper() and len(token) <= 6 and token.isalpha()):
        return False
    k = j - 1
    while k > 0 and text[k - 1] == " ":
        k -= 1
    prev_end = text[k - 1] if k > 0 else ""
    if prev_end == ",":  # "..., Math. Ann." but not "..., Mexico. Journal of ...": another abbreviation follows
        return _NEXT_ABBREVIATED.match(text, j + len(token) + 1) is not None
    if prev_end == ".":
        p = k - 1
        while p > 0 and text[p - 1].isalpha():
            p -= 1
        prev = text[p:k - 1]
        return 0 < len(prev) <= 6 and prev[:1].isupper()
    return False


_CHAIN_BEFORE = re.compile(r",\s(?:[A-Z][a-z]{0,9}\.?\s){0,3}$")
_CHAIN_AFTER = re.compile(r"(?:\s[A-Z][a-z]{0,9}\.){0,4}(?:\s[A-Z][a-z]{0,9}\.?)?,\s?(?:\d|pp?\.|[Vv]ol)")


def _comma_journal(text: str, j: int, i: int, token: str) -> bool:
    """``Title, Environ. Innov. Soc. Transit., 36, pp. 177-196``: capitalised abbreviations from a comma to the volume."""
    return (token[:1].isupper() and token.isalpha() and len(token) <= 10
            and _CHAIN_BEFORE.search(text, max(0, j - 40), j) is not None and _CHAIN_AFTER.match(text, i + 1) is not None)


def find_boundary(text: str, start: int = 0, initials_end: bool = False, chains: bool = False) -> int:
    """Index just past the first sentence end at or after ``start`` (or ``len(text)``).

    A period after an initial (``R.``), an abbreviation (``vol.``) or inside
    ``U.S.`` does not count; ``?`` and ``!`` do. ``initials_end`` lets a period
    after an initial count (Vancouver author lists end with one); ``chains`` skips
    periods inside runs of abbreviations (``Math. Ann.``), for titles and containers.
    """
    for m in _BOUNDARY.finditer(text, start):
        i = m.start()
        nxt = text[m.end():m.end() + 3].lstrip(" \"'\u201d\u2019")
        if nxt[:1].islower() and not text.startswith(_LOWER_STARTS, m.end() + 1):
            continue
        if text[i] != ".":
            return m.end()
        j = i
        while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "([{,;:":
            j -= 1
        token = text[j:i]
        low = token.lower()
        if not token or (token.endswith(".") and token[-2:-1].islower()):  # "needs.." ends a sentence
            return m.end()
        if token in _GIVEN_ABBREVIATIONS:
            continue  # "Ph. Roussignol", "Th. Mann": an abbreviated given name (case matters: not "ocean pH.")
        if token[:1] in "-\u2010" and len(token) == 2:
            token = token[1:]  # "W. -J. Gong": a hyphenated second initial
        if len(token) == 1 and token.isalpha() and token.isupper() and not initials_end:
            continue
        if initials_end and len(token) <= 3 and token.isalpha() and token.isupper():
            return m.end()  # Vancouver "Hiester ED." ends the list, though "ed." is an abbreviation
        if low in ABBREVIATIONS or ("." in token and len(token) <= 6 and not initials_end):
            continue
        if token.endswith("A.D") and nxt[:1].isdigit():  # "31 B.C.–A.D. 337": an era, not a sentence end
            continue
        if chains and (_abbreviation_chain(text, j, token) or _comma_journal(text, j, i, token)):
            continue
        return m.end()
    return len(text)


_CLOSERS = {"\u201c": "\u201d\u201c\"", '"': "\"\u201d\u201c", "\u201e": "\u201d\u201c\"", "\u00ab": "\u00bb",
            "\u201d": "\u201d\"", "\u2018": "\u2019'", "'": "'\u2019"}
# a quote opened inside a quoted title (``‘Who Knows Four? The ‘Imahot’ in …’``) nests: its closer is not the title's
_INNER = {"\u201c": "\u201c\"", '"': "\u201c\"", "\u201e": "\u201c\u201e", "\u00ab": "\u00ab",
          "\u201d": "\u201c", "\u2018": "\u2018'", "'": "\u2018'"}
_MAX_QUOTED = 700  # a quoted title is never longer; bounds the scan so it stays linear


def _possessive(text: str, j: int) -> bool:
    """``SMEs' financialization``: an apostrophe after a plural, a lower-case word next (not ``in``)."""
    return text[j - 1:j] == "s" and text[j + 1:j + 2] == " " and text[j + 2:j + 3].islower() and \
        not text.startswith(("in ", "in:", "en ", "and "), j + 2)


def find_quoted(text: str, start: int = 0, limit: int = 100_000) -> tuple[int, int, int] | None:
    """The first quoted stretch of text: (opening index, content end, index after closing quote).

    Single quotes count only at a word start (``'Title,'``, ``‘Title’``), so apostrophes
    are not quotes; ``”`` opens a quote when it follows a space (mangled ``''Title''``).
    A quote opened at a word start inside the title nests (``“A “B” C”``).

    >>> find_quoted('Nutt, D. "Serotonin," J. Psych.')
    (9, 20, 21)
    >>> find_quoted("Doe, J. 'The ‘Mind’ of SMEs' owners', Mind 2.")[:2]
    (8, 35)
    """
    end_search = min(len(text), start + limit)
    for i in range(start, end_search):
        ch = text[i]
        if ch not in _CLOSERS:
            continue
        prev = text[i - 1] if i > 0 else " "
        single = ch in "'\u2018"
        if (single or ch == "\u201d") and not (prev in " ([]):" and i + 1 < len(text) and text[i + 1].isalnum()):
            continue
        closers, inner = _CLOSERS[ch], _INNER[ch]
        stop = min(len(text), i + _MAX_QUOTED)
        depth, first = 0, -1
        for j in range(i + 1, stop):
            c = text[j]
            if c in inner and text[j - 1] in " ([\u201c\u2018\"'" and j + 1 < len(text) and text[j + 1].isalnum():
                depth += 1  # an inner quote opens
                continue
            if c in closers and (not single or j + 1 >= len(text) or not text[j + 1].isalpha()):
                if depth or (single and _possessive(text, j)):
                    depth = max(depth - 1, 0)
                    first = j if first < 0 else first  # the fallback when no other closer follows
                    continue
                if j - i > 3:
                    return i, j, j + 1
                break
        if first > 0 and first - i > 3:
            return i, first, first + 1
        if not single:
            return None
    return None
