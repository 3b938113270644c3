"""Tests for refcheck.extract: one small fixture document per format, plus the real sample."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from refcheck.errors import InputError
from refcheck.extract import extract, extract_file, extract_references
from refcheck.extract.common import heading_name, looks_like_reference, marker, split_unmarked

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"


def load(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def body_lines(doc) -> list[str]:
    return doc.body.split("\n")


def assert_lines_match(text: str, doc) -> None:
    """Body has the source's line count, and each reference's raw text starts on its line."""
    source = text.replace("\r\n", "\n").split("\n")
    assert len(body_lines(doc)) == len(source)
    for ref in doc.references:
        first = ref.raw.split("\n")[0].strip()
        assert first and first in source[ref.line - 1], (ref.line, first)


# --- the real sample -------------------------------------------------------------------------

def test_ketamine_sample_all_thirteen_entries(ketamine_sample):
    text = ketamine_sample.read_text(encoding="utf-8")
    doc = extract(text, "text")
    refs = doc.references
    assert len(refs) == 13
    assert [r.line for r in refs] == list(range(326, 339))
    assert refs[0].text.startswith("Doidge, Norman. The Brain\u2019s Way of Healing")
    assert refs[7].text.startswith("Carhart-Harris, Robin L., and David J. Nutt.")
    assert refs[12].text.endswith("Nature Communications, vol. 11, 2020, article no. 706.")
    assert not any(re.match(r"\d", r.text) for r in refs)  # numbering dropped
    assert_lines_match(text, doc)


def test_ketamine_sample_body_keeps_prose_and_quotes(ketamine_sample):
    text = ketamine_sample.read_text(encoding="utf-8")
    doc = extract(text, "text")
    source, body = text.split("\n"), body_lines(doc)
    for n in range(323):  # every line before the bibliography is untouched
        assert body[n] == source[n]
    quote_lines = [n for n, line in enumerate(source[:323]) if "\u201c" in line and re.search(r"[Dd]r\.|As ", line)]
    assert len(quote_lines) >= 12
    assert "Ketamine acts like a fertilizer for the brain" in body[13]
    assert not any("Doidge, Norman" in line or "Sampson, Timothy" in line for line in body)
    assert "By Amjad Izhar" in body[339] and "Comments" in body[348]


def test_extract_file_and_sniffing(ketamine_sample):
    doc = extract_file(ketamine_sample)
    assert doc.path == str(ketamine_sample) and doc.format == "text" and len(doc.references) == 13


# --- plain text ------------------------------------------------------------------------------

def test_text_works_cited_hanging_indent_and_two_lists():
    text = load("works-cited.txt")
    doc = extract(text, "text")
    assert [r.line for r in doc.references] == [6, 9, 13, 19, 20]
    first = doc.references[0]
    assert first.text == (
        'Carhart-Harris, Robin L., and David J. Nutt. "Serotonin and Brain Function: A Tale of Two Receptors."'
        " Journal of Psychopharmacology, vol. 31, no. 9, 2017, pp. 1091-1120."
    )
    assert first.raw.count("\n") == 2
    assert doc.references[3].text.startswith("Pollan, Michael.")
    body = body_lines(doc)
    assert "Contact: editor@example.org" in body[14] and "Thanks for reading!" in body[21]
    assert_lines_match(text, doc)


@pytest.mark.parametrize("line,expected", [
    ("  1. Doe J.", ("num.", 5)), ("1- Doe", ("num-", 3)), ("[12] Doe", ("bracket", 5)),
    ("[3]Doe", ("bracket", 3)), ("(4) Doe", ("paren", 4)), ("- Doe", ("-", 2)), ("* Doe", ("*", 2)),
    ("\u2022 Doe", ("\u2022", 2)), ("Doe 2001", (None, 0)), ("2013. Title", ("num.", 6)),
])
def test_marker(line, expected):
    assert marker(line) == expected


@pytest.mark.parametrize("line", ["References", "## Bibliography", "WORKS CITED:", "**Further reading**",
                                  "Notes and References", "7. References", "Literature Cited"])
def test_heading_names(line):
    assert heading_name(line) is not None


@pytest.mark.parametrize("line", ["References to ketamine abound", "Conclusion", "Sources of error in fMRI", ""])
def test_not_headings(line):
    assert heading_name(line) is None


def test_looks_like_reference():
    assert looks_like_reference("Murrough JW, et al. Biol Psychiatry. 2013;74(4):250-256.")
    assert looks_like_reference("https://doi.org/10.1177/0269881117725915")
    assert not looks_like_reference("By Amjad Izhar")
    assert not looks_like_reference("Subscribe to get the latest posts sent to your email.")


def test_one_reference_per_line_unnumbered():
    text = ("Intro.\n\nReferences\n\n"
            "Murrough JW, Iosifescu DV. Rapid effects of ketamine. Biol Psychiatry. 2013;74(4):250-256.\n"
            "Carhart-Harris RL, Nutt DJ. Serotonin and brain function. J Psychopharmacol. 2017;31(9):1091-1120.\n")
    refs = extract_references(text, "text")
    assert [r.line for r in refs] == [5, 6]


def test_unmarked_wrap_is_not_split_at_journal_line():
    texts = ["Murrough JW, Iosifescu DV, Chang LC. Rapid and longer-term antidepressant effects.",
             "Biol Psychiatry. 2013;74(4):250-256."]
    assert split_unmarked(texts) == [(0, 2)]


def test_heading_followed_by_prose_is_not_a_list():
    text = "Sources\n\nWe talked to many people for this piece, and they were kind.\n"
    doc = extract(text, "text")
    assert doc.references == () and doc.body == text.rstrip("\n") + "\n"


def test_no_reference_list_is_not_an_error():
    text = "Just prose.\nMore prose, 2013.\n"
    for fmt in ("text", "markdown", "html", "latex", "bibtex"):
        doc = extract(text, fmt)
        assert doc.references == ()
    assert extract(text, "text").body == text


# --- Markdown --------------------------------------------------------------------------------

def test_markdown_two_lists_front_matter_code_block_footnote():
    text = load("two-lists.md")
    doc = extract(text, "markdown")
    refs = doc.references
    assert [r.line for r in refs] == [19, 23, 34, 35, 39]
    assert refs[0].text.startswith("Murrough JW, Iosifescu DV, Chang LC, et al. Rapid and longer-term antidepressant")
    assert "Biol Psychiatry. 2013;74(4):250-256." in refs[0].text  # emphasis removed, wrapped lines joined
    assert "10.1016/j.biopsych.2012.06.022" in refs[0].text
    assert refs[1].text.endswith("Link https://doi.org/10.1177/0269881117725915")  # the link's URL survives
    assert refs[4].key == "1" and refs[4].text.startswith("Zarate CA Jr")
    body = body_lines(doc)
    assert body[0] == "" and body[1] == ""  # front matter
    assert body[5] == "Ketamine and the brain"
    assert body[7].startswith("Ketamine is an NMDA receptor antagonist. As Murrough put it")
    assert "## References" in body[11]  # the code block stays body, its heading is no bibliography
    assert "The list above is short" in body[28]
    assert "Murrough JW" not in doc.body
    assert_lines_match(text, doc)


def test_markdown_code_block_heading_is_not_a_bibliography():
    doc = extract(load("no-references.md"), "markdown")
    assert doc.references == ()
    assert "1. Not a real list, 2013." in doc.body


def test_markdown_toml_front_matter_and_setext():
    text = ("+++\ntitle = \"References\"\n+++\n\nReferences\n==========\n\n"
            "* Huxley A. The Doors of Perception. London: Chatto & Windus; 1954.\n")
    refs = extract_references(text, "markdown")
    assert [(r.line, r.text) for r in refs] == [(8, "Huxley A. The Doors of Perception. London: Chatto & Windus; 1954.")]


def test_markdown_bold_heading_and_paragraph_entries():
    text = ("Text.\n\n**Sources**\n\n"
            "Pollan M. How to Change Your Mind. Penguin Press; 2018.\n\n"
            "Huxley A. The Doors of Perception. Chatto & Windus; 1954.\n")
    assert [r.line for r in extract_references(text, "markdown")] == [5, 7]


# --- HTML ------------------------------------------------------------------------------------

def test_html_ordered_list():
    text = load("wordpress-ol.html")
    doc = extract(text, "html")
    refs = doc.references
    assert [r.line for r in refs] == [14, 18]
    assert "Biol Psychiatry. 2013;74(4):250\u2013256." in refs[0].text  # entity decoded
    assert refs[0].text.endswith("Link https://doi.org/10.1016/j.biopsych.2012.06.022")
    assert refs[0].raw.startswith("<li>Murrough") and refs[0].raw.endswith("</li>")
    body = body_lines(doc)
    assert body[9].startswith("Ketamine acts fast. As one trial put it, \u201crapid and longer-term")
    assert body[10].startswith("antidepressant effects\u201d")
    assert body[3] == "Ketamine & the brain"
    assert "var refs" not in doc.body and "color: red" not in doc.body
    assert "References" not in doc.body and "Murrough" not in doc.body
    assert "By A. Writer" in body[19]
    assert len(body) == len(text.split("\n"))


def test_html_paragraphs_bold_heading_br_and_second_list():
    text = load("wordpress-paragraphs.html")
    doc = extract(text, "html")
    refs = doc.references
    assert [r.line for r in refs] == [4, 5, 6, 9]
    assert refs[0].text.endswith("1091\u20131120. https://doi.org/10.1177/0269881117725915")
    assert "Biological Psychiatry, 74(4), 250\u2013256." in refs[1].text
    assert refs[2].text == "Huxley, A. (1954). The doors of perception. Chatto & Windus."
    assert refs[3].text.startswith("Pollan, M. (2018).")
    body = body_lines(doc)
    assert "\u201ca tale of two receptors\u201d" in body[1]
    assert "Comments are closed." in body[6]


def test_html_single_line_document_keeps_prose():
    text = ("<p>Prose \u201cquoted\u201d here.</p><h2>References</h2><ol><li>Huxley A. The Doors of Perception. "
            "Chatto &amp; Windus; 1954.</li></ol><p>Bye.</p>")
    doc = extract(text, "html")
    assert [r.text for r in doc.references] == ["Huxley A. The Doors of Perception. Chatto & Windus; 1954."]
    assert "Prose \u201cquoted\u201d here." in doc.body and "Bye." in doc.body and "Huxley" not in doc.body


# --- LaTeX -----------------------------------------------------------------------------------

def test_latex_thebibliography():
    text = load("ketamine.tex")
    doc = extract(text, "latex")
    refs = doc.references
    assert [(r.line, r.key) for r in refs] == [(8, "murrough2013"), (15, "carhart2017"), (20, "zarate2006")]
    assert refs[0].text == (
        "J. W. Murrough, D. V. Iosifescu, L. C. Chang, et al. Rapid and longer-term antidepressant effects of "
        "repeated ketamine infusions in treatment-resistant major depression. Biol. Psychiatry, 74(4):250\u2013256, "
        "2013. doi:10.1016/j.biopsych.2012.06.022"
    )
    assert "Serotonin and brain function: a tale of two receptors. J. Psychopharmacol., 31(9)" in refs[1].text
    assert "N-methyl-D-aspartate" in refs[2].text and "https://doi.org/10.1001/archpsyc.63.8.856" in refs[2].text
    assert refs[0].raw.startswith("\\bibitem[Murrough et~al.(2013)]{murrough2013}")
    body = body_lines(doc)
    assert body[2].startswith("Ketamine produced \u201crapid and longer-term\u201d effects")
    assert "fake" not in doc.body and "commented" not in doc.body and "Nutt" not in doc.body
    assert "Closing words after the bibliography." in body[21]
    assert len(body) == len(text.split("\n"))


# --- BibTeX ----------------------------------------------------------------------------------

def test_bibtex_entries_malformed_and_duplicate():
    text = load("library.bib")
    doc = extract(text, "bibtex")
    refs = doc.references
    assert [(r.line, r.key, r.entry_type) for r in refs] == [
        (2, "murrough2013", "article"), (14, "carhart2017", "article"),
        (24, "carhart2017", "book"), (31, "gödel", "book"),
    ]
    first = refs[0]
    assert first.fields["journal"] == "Biological Psychiatry" and first.fields["pages"] == "250--256"
    assert first.text.startswith("Murrough, James W.; Iosifescu, Dan V.; Chang, Lee C. Rapid and Longer-Term")
    assert first.text.endswith("Biological Psychiatry 74(4):250-256, 2013. doi:10.1016/j.biopsych.2012.06.022")
    assert refs[1].fields["volume"] == "31"
    assert refs[2].fields["publisher"] == "Chatto & Windus"
    assert refs[3].fields["title"] == "\u00dcber formal unentscheidbare S\u00e4tze"
    assert refs[0].raw.startswith("@article{murrough2013,")


# --- API edges -------------------------------------------------------------------------------

def test_extract_references_sniffs_format():
    assert len(extract_references(load("ketamine.tex"))) == 3
    assert len(extract_references(load("library.bib").split("\n", 1)[1])) == 4  # sniffed from "@"


def test_unknown_format_and_missing_file(tmp_path):
    with pytest.raises(InputError):
        extract("x", "docx")
    with pytest.raises(InputError):
        extract_file(tmp_path / "missing.md")


def test_extract_file_stdin(monkeypatch):
    import io
    import sys

    data = load("ketamine.tex").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = extract_file("-")
    assert doc.format == "latex" and doc.path == "-" and len(doc.references) == 3


def test_crlf_line_numbers():
    text = "Intro.\r\n\r\nReferences\r\n\r\n1. Huxley A. The Doors of Perception. Chatto; 1954.\r\n"
    doc = extract(text, "text")
    assert [r.line for r in doc.references] == [5]
    assert doc.body.split("\n")[0] == "Intro."


# --- linear time -----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "latex", "bibtex"])
def test_one_megabyte_single_line_is_fast(fmt):
    line = ("[a](b [[c] *x* <p> \\emph{y} 1999. 10.1000/x, References: % { @article{ " * 20000)[:1_000_000]
    start = time.perf_counter()
    extract(line, fmt)
    assert time.perf_counter() - start < 3


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "latex"])
def test_five_thousand_entries_are_fast(fmt):
    entry = "Doe J, Roe R. A study of things number {n}. J Test. 2001;{n}(2):100-110."
    items = [entry.format(n=n) for n in range(5000)]
    if fmt == "text":
        text = "Intro.\n\nReferences\n\n" + "\n".join(f"{n + 1}. {e}" for n, e in enumerate(items))
    elif fmt == "markdown":
        text = "# Post\n\n## References\n\n" + "\n".join(f"{n + 1}. {e}" for n, e in enumerate(items))
    elif fmt == "html":
        text = "<p>x</p>\n<h2>References</h2>\n<ol>\n" + "\n".join(f"<li>{e}</li>" for e in items) + "\n</ol>"
    else:
        text = "\\begin{thebibliography}{9}\n" + "\n".join(
            f"\\bibitem{{k{n}}} {e}" for n, e in enumerate(items)) + "\n\\end{thebibliography}"
    start = time.perf_counter()
    refs = extract(text, fmt).references
    assert time.perf_counter() - start < 5
    assert len(refs) == 5000


@pytest.mark.parametrize("piece", ["<a ", '<a href="', "<!-- x ", "<x"])
def test_unclosed_html_markup_extracts_in_linear_time(piece: str) -> None:
    import time

    text = "<h2>References</h2><ol><li>Doe J (2001). A title. J Test 1:1-2.</li></ol><p>" + piece * 30_000
    started = time.perf_counter()
    document = extract(text, "html")
    assert time.perf_counter() - started < 2.0
    assert [r.text for r in document.references] == ["Doe J (2001). A title. J Test 1:1-2."]


def test_html_that_looks_like_a_file_name_gives_no_warning(recwarn) -> None:
    extract("notes.html", "html")
    assert not [w for w in recwarn if "MarkupResemblesLocator" in type(w.message).__name__]
