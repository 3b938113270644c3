"""Hostile and broken input: every stage gives a result (or one clear error), never a traceback or a hang.

Property tests run each text stage on arbitrary Unicode mixed with the
fragments that steer it into its deeper paths (headings, list markers,
BibTeX, LaTeX and HTML markup, quotation marks, control characters, NUL,
``\\r\\n`` and ``\\r``, BOMs). ``bench/fuzz.py`` runs the same properties with
many more examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.extract import extract
from refcheck.extract.common import split_lines
from refcheck.fix import locate
from refcheck.model import FORMATS, STATUSES

EXAMPLES = Path(__file__).resolve().parents[1] / "references" / "examples"

FRAGMENTS = [
    "References", "\n\nReferences\n\n", "## Bibliography\n", "Works Cited:\n", "\\section*{References}\n",
    "\\begin{thebibliography}{9}\n", "\\bibitem{x} ", "\\bibitem[Doe(2001)]{doe} ", "\\end{thebibliography}",
    "\\emph{", "\\textit{", "{\\\"o}", "$x^2$", "%", "<h2>References</h2>", "<ol>", "<li>", "</li>", "</ol>",
    "<p>", "</p>", "<br>", "<div>", "</div>", "<script>", "<!--", "-->", "&amp;", "&#0;", "&#x110000;", "&ndash;",
    "@article{k,\n", "@book{", "title = {", "year = {2001}", "author = \"", "},\n", "}\n", "@comment{", "@string{a = \"b\"}",
    "1. ", "[1] ", "(2) ", "- ", "* ", "• ", "12) ", "Doe J, Roe R. ", "Doe, J., & Roe, R. ", "van der Berg, A. B. ",
    "(2001). ", "2001;12(3):45-67. ", "A title of a paper. ", "*Journal of Tests*, 12(3), 45–67. ",
    "J Test. ", "doi:10.1234/abc.5", "https://doi.org/10.1000/xyz", "et al. ", "A. B. C. D. ", "n.d.", "In press",
    "“", "”", "\"", "'", "«", "»", "said Einstein. ", "As Carl Jung once wrote, ", "according to Hippocrates: ",
    "> ", "> — Carl Jung\n", "— Mark Twain", "“Who looks outside, dreams; who looks inside, awakes.”",
    "\r\n", "\r", "\n", "\n\n", "\t", "\ufeff", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
    "\u200b", "\u202e", "\ud7ff", "\U0001f600", "́", "{", "}", "[", "]", "(", ")", "\\", "<", ">", "|",
    "0" * 30, "9" * 12, "-" * 40, "=" * 10, "#", "---\n", "```\n", "[text](http://x.org)", "![img](a.png)",
]

noise = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=50).map("".join)

REFERENCE_PARTS = [
    "Doe J, Roe R", "Murrough, J. W., Perez, A. M., & Pillemer, S.", "Zarate CA Jr, Singh JB, et al.",
    "(2013).", "2007;63(8):856-864.", "Rapid and longer-term antidepressant effects.", "“Serotonin and brain function.”",
    "*Biological Psychiatry*, 74(4), 250–256.", "Arch Gen Psychiatry.", "https://doi.org/10.1016/j.biopsych.2012.06.022",
    "doi:10.1001/archpsyc.63.8.856", "In: Smith A, ed.", "New York: Penguin; 2018.", "pp. 12-19.", "Accessed 2020.",
]
MARKERS = ["", "1. ", "[1] ", "- ", "* ", "(1) ", "\\bibitem{k} ", "<li>"]
HEADINGS = ["References", "## References", "Bibliography:", "<h2>Works Cited</h2>", "\\begin{thebibliography}{9}"]


@st.composite
def documents(draw) -> str:
    """A document with a reference list whose entries are mangled by noise."""
    nl = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    entries = []
    for _ in range(draw(st.integers(0, 6))):
        parts = draw(st.lists(st.one_of(st.sampled_from(REFERENCE_PARTS), noise), min_size=2, max_size=7))
        entries.append(draw(st.sampled_from(MARKERS)) + " ".join(parts))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + nl.join([draw(noise), "", draw(st.sampled_from(HEADINGS)), "", *entries, draw(noise)])


texts = st.one_of(noise, documents())

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_extracted(text: str, fmt: str) -> None:
    document = extract(text, fmt)
    assert document.format == fmt
    n_lines = len(split_lines(text))
    for ref in document.references:
        assert isinstance(ref.text, str) and isinstance(ref.raw, str)
        assert 1 <= ref.line <= n_lines, (ref.line, n_lines)
    assert isinstance(document.body, str)


@PROPERTY_SETTINGS
@given(text=texts, fmt=st.sampled_from(FORMATS))
def test_extract_never_raises(text, fmt):
    _check_extracted(text, fmt)


@PROPERTY_SETTINGS
@given(text=texts, fmt=st.sampled_from(("text", "markdown", "latex")))
def test_extracted_raw_slices_are_found_where_they_start(text, fmt):
    """``--fix`` relies on it: each reference's raw source is in the text, starting on its line."""
    for ref in extract(text, fmt).references:
        if ref.raw.strip():
            assert locate(text, ref) is not None, ref


@PROPERTY_SETTINGS
@given(text=texts)
def test_parse_reference_never_raises(text):
    from refcheck.parse import parse_reference

    entry = parse_reference(text)
    assert entry is not None


@PROPERTY_SETTINGS
@given(text=texts)
def test_find_quotations_never_raises(text):
    quotes = pytest.importorskip("refcheck.quotes")
    n_lines = text.count("\n") + 1
    for found in quotes.find_quotations(text):
        assert 1 <= found.line <= n_lines + text.count("\r") + 1


@pytest.fixture(scope="module")
def offline_options(tmp_path_factory):
    from refcheck.options import Options

    cache = tmp_path_factory.mktemp("cache") / "crossref.sqlite"
    return Options(offline=True, snapshot=str(EXAMPLES / "draft.snapshot.jsonl"), cache=str(cache))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(text=texts, fmt=st.sampled_from((None, *FORMATS)))
def test_check_text_offline_gives_a_report(text, fmt, offline_options):
    pytest.importorskip("refcheck.judge.verdict")
    from refcheck.check import check_text

    report = check_text(text, fmt, options=offline_options)
    for result in report.references:
        assert result.status in STATUSES
        if result.status == "unresolved":
            assert result.reason
    report.to_json()
    assert report.exit_code in (0, 1)
    list(report)


def test_reference_list_with_every_kind_of_line_ending():
    refs = ["1. Doe J. A title. J Test. 2001;12:1-2.", "2. Roe R. Another title. J Test. 2002;13:3-4."]
    for nl in ("\n", "\r\n", "\r"):
        text = nl.join(["Intro.", "", "References", "", *refs, ""])
        document = extract("\ufeff" + text if nl == "\r" else text, "text")
        assert [r.line for r in document.references] == [5, 6], repr(nl)


def test_no_terminal_control_sequences_from_the_document_reach_the_output():
    import io

    pytest.importorskip("refcheck.quotes")
    from refcheck.check import check_text
    from refcheck.output import renderer

    text = ('As Albert Einstein said, "Imagination\x1b]0;pwned\x07\x1b[2J is more important than knowledge."\n'
            "\nReferences\n\n1. Doe J. \x1b[31mA title\x9b2J. J Test. 2001;1:1-2.\n")
    report = check_text(text, "markdown", offline=True, cache=":memory:")
    for name in ("text", "github", "markdown"):
        out = io.StringIO()
        renderer(name)(report, out)
        assert not any(c in out.getvalue() for c in "\x1b\x07\x9b"), name


# -- catastrophic regexes found by bench/regex_linearity.py, fixed; the old patterns are the spec ------------

import re  # noqa: E402
import time  # noqa: E402

OLD_AND_SPLIT = re.compile(r"\s*(?:;|,?\s+(?:and|&|et|und|y|e)\s+|,?\s*&\s*)\s*", re.IGNORECASE)
OLD_ET_AL = re.compile(r",?\s*(?:\bet\.?\s*al\b\.?|\bet\s+alii\b|\band\s+others\b|\bet\s+coll?\b\.?|…|\.\s?\.\s?\.)",
                       re.IGNORECASE)
OLD_PAGE_DASH = re.compile(r"\s*-+\s*")
NAME_BITS = [" ", "  ", "\t", "\n", "\u00a0", ",", ", ", ";", "&", "and", "And", "et", "al", "al.", "y", "e", "und",
             "others", "alii", "coll", ".", "…", "-", "--", "x", "Doe", "J.", "12"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAME_BITS), max_size=16).map("".join))
def test_linear_name_regexes_split_exactly_as_before(text):
    from refcheck.parse import names

    assert names._AND_SPLIT.split(text) == OLD_AND_SPLIT.split(text)
    assert names._ET_AL.sub("|", text) == OLD_ET_AL.sub("|", text)
    assert bool(names._ET_AL.search(text)) == bool(OLD_ET_AL.search(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NAME_BITS), max_size=16).map("".join))
def test_linear_page_range_split_exactly_as_before(text):
    from refcheck.normalize import expand_page_range, normalize_dashes

    stripped = normalize_dashes(text).strip()
    new = re.split(r"(?:(?<!\s)|(?!\s))\s*-+\s*", stripped, maxsplit=1)
    assert new == OLD_PAGE_DASH.split(stripped, maxsplit=1)
    expand_page_range(text)


@pytest.mark.parametrize("text", [
    "x" + " " * 100_000 + "x",  # split_names: was cubic (2,000 spaces took 130 s)
    "x" + " \t" * 50_000 + "x",
    "Doe ," + " " * 100_000 + "x",
    ("et" + " " * 1000) * 100,
])
def test_split_names_is_linear_in_runs_of_spaces(text):
    from refcheck.parse.names import split_names
    from refcheck.normalize import expand_page_range

    started = time.perf_counter()
    split_names(text)
    expand_page_range(text)  # was quadratic: 100 KB of spaces took ~50 s
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("text", [
    ". " * 9_000 + "/",  # take_identifiers: "(?:\\s*[.,;:]){2,}\\s*$" retried the run from each mark (~20 s)
    "Doe, J. (2001). A title. In " + "[C]//" * 20_000,  # GB/T marks become ". . . ." before the cut
])
def test_parse_reference_is_linear_in_runs_of_marks_before_a_word(text):
    from refcheck.parse import parse_reference

    started = time.perf_counter()
    parse_reference(text)
    assert time.perf_counter() - started < 2.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", ".", ",", ";", ":", "\n", "x", "/", "\u00a0"]), max_size=14).map("".join))
def test_trailing_marks_squash_exactly_as_before(text):
    from refcheck.parse.text import _squash_trailing_punct

    assert _squash_trailing_punct(text) == re.sub(r"(?:\s*[.,;:]){2,}\s*$", ".", text)


# -- Crossref records of the wrong shape (from a response or a snapshot file) ---------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                    max_leaves=6)
RECORD_KEYS = st.sampled_from(["DOI", "title", "subtitle", "author", "issued", "published-print", "container-title",
                               "short-container-title", "volume", "issue", "page", "type", "publisher", "ISBN",
                               "update-to", "updated-by", "subtype", "score", "relation", "institution"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(RECORD_KEYS, JSON, max_size=8))
def test_work_from_message_takes_any_json(message):
    """``"author": 5`` or ``"ISBN": 123`` raised TypeError: a traceback from a bad snapshot line."""
    from refcheck.resolve.records import work_from_message

    work_from_message(message)


def test_a_snapshot_record_of_the_wrong_shape_is_no_traceback(tmp_path, capsys):
    from refcheck.cli import main

    snapshot = tmp_path / "snap.jsonl"
    snapshot.write_text('{"DOI": "10.1/x", "author": 5, "ISBN": 7, "title": ["T"], "update-to": 1}\n')
    code = main(["check", str(EXAMPLES / "draft.md"), "--offline", "--snapshot", str(snapshot),
                 "--cache", str(tmp_path / "c.sqlite"), "--format", "json"])
    assert code in (0, 1, 2)


def test_an_unnamed_marked_section_in_html_is_no_traceback():
    """``<![ b >`` made html.parser raise (bs4's ParserRejectedMarkup): found by bench/fuzz.py."""
    text = ("<html><body><p>a <![ b > c</p><h2>References</h2>"
            "<ol><li>Doe J. A title. J Test. 2001;3:1-2.</li></ol></body></html>")
    document = extract(text, "html")
    assert [ref.text for ref in document.references] == ["Doe J. A title. J Test. 2001;3:1-2."]
