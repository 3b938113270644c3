"""What the extractor leaves out under a references heading is reported, in every format (issue 12).

The data path: extract records a ``SkippedEntry`` (line, text, reason) on the document, the check
carries it to the ``DocumentReport``, and each output format shows it as a warning.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest

from refcheck.check import check_text
from refcheck.extract import extract
from refcheck.output import renderer

PROSE_ITEM = "I also drew on many conversations with clinicians over the years, which were very helpful!"
DRAFT = (
    "# Ketamine\n\nProse.\n\n## References\n\n"            # lines 1-6
    f"- {PROSE_ITEM}\n"                                     # line 7: a bullet that is prose
    "- Solomon, Andrew. The Noonday Demon: An Atlas of Depression. Scribner.\n"  # line 8
    "\n## Bibliography\n\nThanks!\n"                        # line 10: a heading with nothing under it
)


def _report(fail_on: str = "error"):
    return check_text(DRAFT, "markdown", path="draft.md", offline=True, check_quotes=False, fail_on=fail_on)


def _render(name: str, report) -> str:
    stream = io.StringIO()
    renderer(name)(report, stream)
    return stream.getvalue()


def test_extract_records_what_it_left_out_with_line_text_and_reason():
    doc = extract(DRAFT, "markdown")
    assert [r.line for r in doc.references] == [8]
    assert [(s.line, s.text) for s in doc.skipped] == [(7, PROSE_ITEM), (10, "Bibliography")]
    assert "prose" in doc.skipped[0].reason and "nothing" in doc.skipped[1].reason
    assert doc.skipped[0].raw == f"- {PROSE_ITEM}"


@pytest.mark.parametrize("fmt,text", [
    ("text", "Intro.\n\nReferences\n\n1. Doe J. A title. J Test. 2001;1:1-2.\n"
             "2. See my older post, it helps!\n3. Roe R. Another title. J Test. 2002;2:3-4.\n"),
    ("html", "<h2>References</h2><ol><li>Doe J. A title. J Test. 2001;1:1-2.</li><li>See my older post, it helps!"
             "</li><li>Roe R. Another title. J Test. 2002;2:3-4.</li></ol>"),
    ("latex", "\\section*{References}\n\\begin{itemize}\n\\item Doe J. A title. J Test. 2001;1:1-2.\n"
              "\\item See my older post, it helps!\n\\item Roe R. Another title. J Test. 2002;2:3-4.\n"
              "\\end{itemize}\n"),
])
def test_every_input_format_records_a_left_out_entry(fmt, text):
    doc = extract(text, fmt)
    assert len(doc.references) == 2
    assert [s.text for s in doc.skipped] == ["See my older post, it helps!"]


def test_bibtex_block_that_does_not_parse_is_skipped_with_the_parsers_reason():
    doc = extract("@article{broken, title={Unclosed, year=2001}\n\n@article{ok, title={A}, year=2001}\n", "bibtex")
    assert [r.key for r in doc.references] == ["ok"]
    assert [s.line for s in doc.skipped] == [1] and "could not be parsed" in doc.skipped[0].reason


@pytest.mark.parametrize("fmt,text", [
    ("markdown", "Prose.\n\n## References\n\n<table><tr><td>Doe 2001</td></tr></table>\n"),
    ("text", "Prose.\n\nReferences\n"),
    ("html", "<p>Prose.</p><h2>References</h2><table><tr><td>Doe 2001</td></tr></table>"),
    ("latex", "Prose.\n\\section*{References}\n\\end{document}\n"),
])
def test_a_references_heading_that_yields_nothing_says_so(fmt, text):
    doc = extract(text, fmt)
    assert doc.references == ()
    assert len(doc.skipped) == 1 and "nothing" in doc.skipped[0].reason


def test_a_heading_that_often_heads_prose_is_no_finding_when_empty():
    assert extract("Text.\n\n## Notes\n\nI wrote this on a train.\n", "markdown").skipped == ()


def test_json_report_lists_skipped_per_document_and_counts_them():
    data = json.loads(_report().to_json())
    skipped = data["documents"][0]["skipped"]
    assert [(s["line"], s["text"]) for s in skipped] == [(7, PROSE_ITEM), (10, "Bibliography")]
    assert all(s["reason"] for s in skipped)
    assert data["summary"]["skipped"] == 2


def test_text_report_shows_skipped_and_never_says_ok():
    out = _render("text", _report())
    assert "skipped under a references heading (2)" in out and PROSE_ITEM in out
    assert "NOT READ" in out and "NO REFERENCES" in out
    assert "OK" not in out.splitlines()[-1]


def test_markdown_report_has_a_skipped_table_and_no_pass():
    out = _render("markdown", _report())
    assert "Skipped under a references heading" in out and "| 7 |" in out and "| 10 |" in out
    assert "✅ passed" not in out


def test_github_annotates_each_skipped_entry_as_a_warning():
    lines = [line for line in _render("github", _report()).splitlines() if "not read as a reference" in line]
    assert len(lines) == 2
    assert lines[0].startswith("::warning file=draft.md,line=7,")
    assert lines[1].startswith("::warning file=draft.md,line=10,")


def test_sarif_has_a_skipped_rule_and_a_warning_result_per_entry():
    log = json.loads(_render("sarif", _report()))
    run = log["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids[-1] == "extract/skipped"
    results = [r for r in run["results"] if r["ruleId"] == "extract/skipped"]
    assert [(r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("warning", 7), ("warning", 10)]
    assert all(r["ruleIndex"] == len(ids) - 1 for r in results)


def test_junit_has_a_case_per_skipped_entry_failing_when_warnings_fail():
    root = ET.fromstring(_render("junit", _report()))
    cases = [c for c in root.iter("testcase") if c.get("classname") == "refcheck.skipped"]
    assert [c.get("line") for c in cases] == ["7", "10"]
    assert all(c.find("skipped") is not None for c in cases)
    strict = _report(fail_on="warning")
    assert strict.exit_code == 1
    root = ET.fromstring(_render("junit", strict))
    cases = [c for c in root.iter("testcase") if c.get("classname") == "refcheck.skipped"]
    assert all(c.find("failure") is not None for c in cases)


@pytest.mark.parametrize("fmt,text", [
    ("markdown", "## References\n\nThese are the sources I used for this post:\n\n"
                 "1. Doe J. A title. J Test. 2001;1:1-2.\n2. Roe R. Another title. Scribner.\n"),
    ("text", "References\n\nI drew on the following.\n\n1. Doe J. A title. J Test. 2001;1:1-2.\n"
             "2. Roe R. Another title. Scribner.\n"),
    ("html", "<h2>References</h2><p>These are the sources I used for this post:</p>"
             "<ol><li>Doe J. A title. J Test. 2001;1:1-2.</li><li>Roe R. Another title. Scribner.</li></ol>"),
])
def test_a_lead_in_sentence_before_the_list_is_no_skipped_entry(fmt, text):
    doc = extract(text, fmt)
    assert len(doc.references) == 2 and doc.skipped == ()


def test_prose_inside_a_list_is_skipped_but_prose_after_it_ends_it():
    text = ("## References\n\nDoe J. A title. J Test. 2001;1:1-2.\n\nI also found this one very helpful.\n\n"
            "Roe R. Another title. J Test. 2002;2:3-4.\n\nI hope this list helps you as much as it helped me.\n")
    doc = extract(text, "markdown")
    assert [r.line for r in doc.references] == [3, 7]
    assert [s.line for s in doc.skipped] == [5]
    assert "I hope this list helps" in doc.body


def test_refcheck_parse_warns_on_stderr_and_keeps_stdout_bibtex(tmp_path, capsys):
    from refcheck.cli import main

    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    assert main(["parse", str(draft)]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("@") == 1 and "refcheck:" not in captured.out
    assert f"{draft}:7: left out of the reference list" in captured.err
    assert f"{draft}:10: a references heading with nothing" in captured.err
