"""Nothing checked is not OK: references that could not be checked are said first, in every format.

Crossref unreachable is a closed loopback port (nothing listens); "offline and
not cached" is an offline run with an empty cache. The default exit code stays
0 (a pre-commit hook must not block on a network outage); ``fail_on_unresolved``
(config key, ``--fail-on-unresolved``, library keyword) makes it 1.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest

DRAFT = """\
---
title: "Ketamine, five years on"
date: 2024-03-02
---

# Ketamine, five years on

I first wrote about ketamine for depression back in 2019. Here is what has changed.

The early trials were tiny, but the effect was fast (Berman et al., 2000; Zarate et al., 2006).
Later work tried repeated infusions (Murrough et al., 2013).

## References

- Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients.
  Biol Psychiatry. 2000;47(4):351-354.
- Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in
  treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
- Murrough JW, Perez AM, Pillemer S, et al. Rapid and longer-term antidepressant effects of repeated ketamine
  infusions in treatment-resistant major depression. Biol Psychiatry. 2013;74(4):250-256.
"""


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def offline_report(tmp_path_factory):
    """Offline with an empty cache: every reference unresolved, 'offline and not cached'."""
    from refcheck.check import check_text

    cache = tmp_path_factory.mktemp("cache") / "crossref.sqlite"
    return check_text(DRAFT, "markdown", offline=True, cache=str(cache), check_quotes=False)


def _render(report, name: str) -> str:
    from refcheck.output import renderer

    stream = StringIO()
    renderer(name)(report, stream)
    return stream.getvalue()


def test_the_report_counts_what_it_could_not_check(offline_report):
    assert [r.status for r in offline_report.references] == ["unresolved"] * 3
    assert offline_report.not_checked_headline() == "3 of 3 references NOT CHECKED: offline and not cached"
    assert offline_report.exit_code == 0  # the default, for hooks


def test_text_says_not_checked_first_and_never_ok(offline_report, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = _render(offline_report, "text")
    tail = out.rstrip().splitlines()[-2:]
    assert tail[0] == "3 of 3 references NOT CHECKED: offline and not cached"
    assert tail[1].startswith("INCOMPLETE: 3 references (3 unresolved)")
    assert "OK" not in out.replace("NOT CHECKED", "")


def test_markdown_heading_says_not_checked(offline_report):
    first = _render(offline_report, "markdown").splitlines()[0]
    assert first == "## refcheck: ⚠️ 3 of 3 references NOT CHECKED: offline and not cached"
    assert "passed" not in first


def test_json_summary_leads_with_what_was_not_checked(offline_report):
    summary = json.loads(_render(offline_report, "json"))["summary"]
    assert list(summary)[:3] == ["not_checked", "not_checked_causes", "headline"]
    assert summary["not_checked"] == 3
    assert summary["not_checked_causes"] == {"offline and not cached": 3}
    assert summary["headline"] == "3 of 3 references NOT CHECKED: offline and not cached"


def test_github_annotates_the_run_first(offline_report, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    lines = _render(offline_report, "github").splitlines()
    assert lines[0] == ("::warning title=refcheck%3A references not checked::"
                        "3 of 3 references NOT CHECKED: offline and not cached")
    assert len(lines) == 4  # then one warning per reference


def test_sarif_carries_a_tool_notification(offline_report):
    invocation = json.loads(_render(offline_report, "sarif"))["runs"][0]["invocations"][0]
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "warning"
    assert note["message"]["text"] == "3 of 3 references NOT CHECKED: offline and not cached"


def test_junit_suite_says_so_first_and_skips_the_cases(offline_report):
    root = ET.fromstring(_render(offline_report, "junit"))
    suite = root.find("testsuite")
    assert suite is not None and suite[0].tag == "properties"
    assert suite[0][0].get("value") == "3 of 3 references NOT CHECKED: offline and not cached"
    assert suite.get("skipped") == "3" and suite.get("failures") == "0"


def test_fail_on_unresolved_fails_every_format(offline_report, monkeypatch):
    from dataclasses import replace

    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    strict = replace(offline_report, fail_on_unresolved=True)
    assert strict.exit_code == 1 and not strict.ok
    assert replace(strict, fail_on="never").exit_code == 1  # the CI job asked for it explicitly
    assert _render(strict, "text").rstrip().splitlines()[-1].startswith("FAILED: 3 references")
    assert _render(strict, "markdown").splitlines()[0] == (
        "## refcheck: ❌ failed; 3 of 3 references NOT CHECKED: offline and not cached")
    assert _render(strict, "github").startswith("::error title=")
    assert json.loads(_render(strict, "json"))["summary"]["ok"] is False
    sarif = json.loads(_render(strict, "sarif"))["runs"][0]
    assert sarif["invocations"][0]["exitCode"] == 1
    assert {r["level"] for r in sarif["results"]} == {"error"}
    suite = ET.fromstring(_render(replace(strict, fail_on="never"), "junit")).find("testsuite")
    assert suite is not None and suite.get("failures") == "3" and suite.get("skipped") == "0"


def test_ignored_references_are_not_counted_as_unchecked(tmp_path):
    from refcheck.check import check_text

    report = check_text(DRAFT, "markdown", offline=True, cache=str(tmp_path / "c.sqlite"), check_quotes=False,
                        ignore=[("berman2000antidepressant", "checked by hand")], fail_on_unresolved=True)
    assert report.not_checked_headline() == "2 of 3 references NOT CHECKED: offline and not cached"
    everything_ignored = check_text(DRAFT.split("- Zarate")[0], "markdown", offline=True,
                                    cache=str(tmp_path / "c.sqlite"), check_quotes=False,
                                    ignore=[("berman2000antidepressant", "checked by hand")], fail_on_unresolved=True)
    assert everything_ignored.not_checked_headline() == "" and everything_ignored.exit_code == 0


def test_a_checked_run_still_says_ok(crossref_options, monkeypatch):
    from refcheck.check import check_text

    monkeypatch.setenv("NO_COLOR", "1")
    report = check_text(DRAFT, "markdown", options=crossref_options.replace(fail_on_unresolved=True),
                        check_quotes=False)
    assert [r.status for r in report.references] == ["verified"] * 3
    assert report.not_checked_headline() == "" and report.exit_code == 0
    assert _render(report, "text").rstrip().splitlines()[-1].startswith("OK: 3 references (3 verified)")


def _cli(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    doc = tmp_path / "draft.md"
    doc.write_text(DRAFT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "refcheck", "check", str(doc), "--crossref-url", f"http://127.0.0.1:{_closed_port()}",
         "--cache", str(tmp_path / "crossref.sqlite"), "--timeout", "1", "--no-quotes", *extra],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, env={**_env(), "NO_COLOR": "1"},
    )


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("REFCHECK_")}


def test_crossref_unreachable_on_the_command_line(tmp_path):
    """The user's report: Crossref unreachable, and the last line read 'OK: 80 references (80 unresolved)'."""
    proc = _cli(tmp_path)
    assert proc.returncode == 0, proc.stderr  # the default stays as it is, for hooks
    last = proc.stdout.rstrip().splitlines()[-2:]
    assert last[0] == "3 of 3 references NOT CHECKED: Crossref unreachable"
    assert not last[1].startswith("OK")
    strict = _cli(tmp_path, "--fail-on-unresolved")
    assert strict.returncode == 1, strict.stderr
    assert "Traceback" not in strict.stderr


def test_fail_on_unresolved_from_the_config_file(tmp_path):
    (tmp_path / "refcheck.toml").write_text("offline = true\nfail_on_unresolved = true\n", encoding="utf-8")
    proc = _cli(tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "3 of 3 references NOT CHECKED: offline and not cached" in proc.stdout
    (tmp_path / "refcheck.toml").write_text('fail_on_unresolved = "yes"\n', encoding="utf-8")
    bad = _cli(tmp_path)
    assert bad.returncode == 2 and "fail_on_unresolved" in bad.stderr and "Traceback" not in bad.stderr
