"""Every entry under a references heading counts (issue 12): the list shapes real drafts use.

Each draft mixes a journal article with entries that do not look like one (a web page, a report,
a book without a date, an organisation as author). Before this was fixed a yearless entry ended
the list and Markdown joined ``[n]`` lines into one reference.
"""

from __future__ import annotations

import pytest

from refcheck.extract import extract

ARTICLE = ("Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. "
           "Biol Psychiatry. 2000;47(4):351-354.")
WEB_PAGE = ("National Institute of Mental Health. Depression. "
            "https://www.nimh.nih.gov/health/topics/depression")
REPORT = ("World Health Organization. Depression and Other Common Mental Disorders: Global Health Estimates. "
          "Geneva: World Health Organization.")
UNDATED_BOOK = "Solomon, Andrew. The Noonday Demon: An Atlas of Depression. Scribner."
GUIDELINE = ("American Psychiatric Association. Practice Guideline for the Treatment of Patients With Major "
             "Depressive Disorder. Third edition.")
LAST = ("Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in "
        "treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.")
ENTRIES = [ARTICLE, WEB_PAGE, REPORT, UNDATED_BOOK, GUIDELINE, LAST]
INTRO = "# Ketamine, fast and slow\n\nKetamine lifts mood within hours, which is why so many people talk about it.\n\n"


def _texts(text: str, fmt: str) -> list[str]:
    return [r.text for r in extract(text, fmt).references]


def _draft(entries: list[str], heading: str = "## References", sep: str = "\n\n") -> str:
    return INTRO + heading + "\n\n" + sep.join(entries) + "\n\nThanks for reading, and see you next week!\n"


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_paragraph_per_entry_keeps_yearless_entries(fmt):
    assert _texts(_draft(ENTRIES), fmt) == ENTRIES


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("label", ["[{n}] ", "{n}. ", "({n}) ", "- ", "* ", "\u2022 "])
def test_one_labelled_entry_per_line_without_blank_lines(fmt, label):
    lines = [label.format(n=n) + e for n, e in enumerate(ENTRIES, 1)]
    doc = extract(_draft(lines, sep="\n"), fmt)
    assert [r.text for r in doc.references] == ENTRIES
    assert [r.line for r in doc.references] == list(range(7, 7 + len(ENTRIES)))


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_one_unlabelled_entry_per_line_is_one_entry_each(fmt):
    assert _texts(_draft(ENTRIES, sep="\n"), fmt) == ENTRIES


def test_markdown_bracket_lines_keep_each_url_with_its_own_entry():
    lines = [f"[{n}] {e}" for n, e in enumerate([ARTICLE + " https://doi.org/10.1016/S0006-3223(99)00230-9",
                                                  WEB_PAGE, LAST], 1)]
    refs = extract(_draft(lines, sep="\n"), "markdown").references
    assert len(refs) == 3
    assert refs[0].text.endswith("00230-9") and refs[1].text.endswith("/topics/depression")


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_hanging_indent_and_wrapped_entries_stay_whole(fmt):
    text = INTRO + "Works Cited\n\n" + (
        "Carhart-Harris, Robin L., and David J. Nutt. \"Serotonin and Brain Function: A Tale of\n"
        "    Two Receptors.\" Journal of Psychopharmacology, vol. 31, no. 9, 2017, pp. 1091-1120.\n"
        "National Institute of Mental Health. \"Depression.\" National Institutes of Health,\n"
        "    www.nimh.nih.gov/health/topics/depression.\n"
        "Solomon, Andrew. The Noonday Demon: An Atlas of Depression. Scribner.\n"
        "Murrough JW, Iosifescu DV, Chang LC, et al. Rapid and longer-term antidepressant effects of repeated\n"
        "ketamine infusions in treatment-resistant major depression. Biol Psychiatry. 2013;74(4):250-256.\n"
    )
    refs = extract(text, fmt).references
    assert [r.line for r in refs] == [7, 9, 11, 12]
    assert refs[0].text.endswith("pp. 1091-1120.") and refs[3].text.endswith("2013;74(4):250-256.")


def test_html_paragraph_per_entry_and_br_lines_keep_yearless_entries():
    paragraphs = "\n".join(f"<p>{e}</p>" for e in ENTRIES)
    text = f"<h2>References</h2>\n{paragraphs}\n<p>Thanks for reading, and see you next week!</p>\n"
    assert _texts(text, "html") == ENTRIES
    joined = "<br>\n".join(ENTRIES)
    assert _texts(f"<h2>Sources</h2>\n<p>{joined}</p>\n", "html") == ENTRIES


@pytest.mark.parametrize("heading", [
    "References", "Bibliography", "Works Cited", "Sources", "Literature", "Notes and References",
    "Further Reading", "Literatur", "Références", "Bibliografía", "Referências", "REFERENCES", "7. References",
    "VII. REFERENCES", "References:", "**References**", "## Referências bibliográficas", "### Literaturverzeichnis",
    "## References {#refs}", "Fuentes", "Bibliografia", "Quellen",
])
def test_headings_in_many_languages_and_forms(heading):
    text = "Prose.\n\n" + heading + "\n\n" + "\n\n".join(ENTRIES[:3]) + "\n"
    assert len(extract(text, "markdown").references) == 3
    assert len(extract(text.replace("## ", "").replace("### ", "").replace(" {#refs}", ""), "text").references) == 3


@pytest.mark.parametrize("heading", ["<h2>References</h2>", "<h3>Literatur</h3>", "<p><strong>Works Cited</strong></p>",
                                     "<h2 id=\"refs\">4. Bibliografía</h2>"])
def test_html_heading_forms(heading):
    text = heading + "\n" + "\n".join(f"<p>{e}</p>" for e in ENTRIES[:3]) + "\n"
    assert len(extract(text, "html").references) == 3


@pytest.mark.parametrize("heading", ["\\section*{References}", "\\section{Bibliography}", "\\subsection*{Sources}",
                                     "\\textbf{References}"])
def test_latex_reference_section_without_thebibliography(heading):
    items = "\n".join(f"\\item {e}" for e in ENTRIES[:4])
    text = (f"\\documentclass{{article}}\n\\begin{{document}}\nProse.\n\n{heading}\n"
            f"\\begin{{enumerate}}\n{items}\n\\end{{enumerate}}\n\\end{{document}}\n")
    doc = extract(text, "latex")
    assert [r.text for r in doc.references] == ENTRIES[:4]
    assert [r.line for r in doc.references] == [7, 8, 9, 10]
    assert "Solomon" not in doc.body


# --- where a list ends -------------------------------------------------------------------------

@pytest.mark.parametrize("boundary", ["## Comments", "---", "***", "About the author", "Posted in Psychiatry",
                                      "By Jane Doe", "I have been writing about depression for ten years and this "
                                      "post is the first of a series on how treatments work."])
def test_list_ends_at_a_clear_boundary(boundary):
    text = INTRO + "## References\n\n" + "\n\n".join(ENTRIES[:2]) + "\n\n" + boundary + "\n\n" + (
        "Share this post with a friend who might like it.\n")
    for fmt in ("markdown", "text"):
        doc = extract(text, fmt)
        assert [r.text for r in doc.references] == ENTRIES[:2], fmt
        assert "Share this post" in doc.body


def test_short_yearless_lines_of_equal_length_are_one_entry_each():
    lines = [f"World Health Organization. Report number {n} on depression and other things. Geneva: WHO."
             for n in range(40)]
    for fmt in ("markdown", "text"):
        assert len(extract("## References\n\n" + "\n".join(lines) + "\n", fmt).references) == 40


@pytest.mark.parametrize("wrap", [
    "Biol Psychiatry. 2013;74(4):250-256.",
    "Journal of Psychopharmacology, 31(9), 1091-1120. https://doi.org/10.1177/0269881117725915",
    "Oxford University Press, Oxford, UK.",
    "Penguin Books, London and New York.",
    "New York: Simon and Schuster.",
])
def test_a_wrapped_entrys_last_line_is_not_an_entry_of_its_own(wrap):
    text = "References\n\nSolomon, Andrew. The Noonday Demon: An Atlas of Depression and Other Things.\n" + wrap + "\n"
    for fmt in ("markdown", "text"):
        assert len(extract(text, fmt).references) == 1, fmt


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("label", ["[{n}] ", "", "- "])
def test_heading_with_no_blank_line_around_it(fmt, label):
    lines = [label.format(n=n) + e for n, e in enumerate(ENTRIES[:4], 1)]
    text = "Ketamine lifts mood within hours.\nReferences:\n" + "\n".join(lines) + "\n"
    doc = extract(text, fmt)
    assert [r.text for r in doc.references] == ENTRIES[:4]
    assert [r.line for r in doc.references] == [3, 4, 5, 6]
    assert "References" not in doc.body and "Ketamine lifts mood" in doc.body
