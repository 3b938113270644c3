"""The command line: README's example, `parse`, exit codes and error lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_socket import disable_socket, enable_socket

from refcheck.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "references" / "examples" / "draft.md"
SNAPSHOT = REPO / "references" / "examples" / "draft.snapshot.jsonl"


@pytest.fixture
def no_network(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_CACHE", str(tmp_path / "cache.sqlite"))
    disable_socket()
    yield
    enable_socket()


def test_readme_example_runs_offline_and_finds_each_kind_of_problem(no_network, capsys) -> None:
    code = main(["check", str(EXAMPLE), "--snapshot", str(SNAPSHOT), "--offline", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    refs = {r["id"]: r for r in report["documents"][0]["references"]}
    assert [r["status"] for r in refs.values()] == [
        "verified", "mismatch", "verified", "verified", "not_found", "verified", "unverifiable"]
    zarate = refs["zarate2007randomized"]
    assert [(p["field"], p["cited"], p["found"]) for p in zarate["problems"]] == [("year", "2007", "2006")]
    assert zarate["match"]["doi"] == "10.1001/archpsyc.63.8.856" and zarate["match"]["source"] == "snapshot"
    assert "year = {2006}" in zarate["suggested_bibtex"]
    liston = refs["liston2020rapid"]
    assert liston["candidates"][0]["doi"] == "10.1016/j.biopsych.2012.06.022"
    quotes = {q["attributed_to"]: q["status"] for q in report["documents"][0]["quotes"]}
    assert quotes == {"Carl Jung": "genuine", "Hippocrates": "misattributed"}


def test_text_report_names_lines_and_verdicts(no_network, capsys) -> None:
    main(["check", str(EXAMPLE), "--snapshot", str(SNAPSHOT), "--offline"])
    out = capsys.readouterr().out
    assert "line   33" in out and "mismatch" in out and "The year is 2006, not 2007." in out
    assert "likely fabricated" in out and "Murrough" in out
    assert "FAILED" in out.splitlines()[-1]


def test_parse_prints_bibtex_and_json(capsys) -> None:
    assert main(["parse", str(EXAMPLE)]) == 0
    bibtex = capsys.readouterr().out
    assert bibtex.count("@article{") == 6 and "@book{pollan2018" in bibtex
    assert main(["parse", "--format", "json", str(EXAMPLE)]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert entries[0]["fields"]["doi"].lower() == "10.1016/s0006-3223(99)00230-9"
    assert entries[5]["fields"]["pages"] == "1091--1120"


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "refcheck", *args], input=stdin, capture_output=True, timeout=60)


def test_parse_reads_standard_input() -> None:
    text = "References\n\n1. Carhart-Harris, R. L., & Nutt, D. J. (2017). Serotonin and brain function: A tale of " \
           "two receptors. Journal of Psychopharmacology, 31(9), 1091-1120.\n"
    done = _run("parse", "-", stdin=text.encode())
    assert done.returncode == 0, done.stderr
    assert b"carhartharris2017serotonin" in done.stdout


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.md", None, b"no such file"),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"binary"),
    ("figure.png", b"x", b"unknown document format"),
])
def test_bad_input_is_one_line_and_exit_code_2(tmp_path, name, content, message) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    for command in ("parse", "check"):
        done = _run(command, str(path), "--offline")  if command == "check" else _run(command, str(path))
        assert done.returncode == 2
        assert b"Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and message in done.stderr


def test_no_command_prints_help_and_exits_2() -> None:
    done = _run()
    assert done.returncode == 2 and b"usage: refcheck" in done.stderr


def test_snapshot_command_writes_records_that_replay_the_run_offline(crossref_server, tmp_path, monkeypatch,
                                                                     capsys) -> None:
    monkeypatch.setenv("REFCHECK_CACHE", str(tmp_path / "online.sqlite"))
    monkeypatch.setenv("REFCHECK_CROSSREF_URL", crossref_server.url)
    snapshot = tmp_path / "works.jsonl"
    assert main(["snapshot", str(EXAMPLE), "-o", str(snapshot), "--mailto", "t@example.org"]) == 0
    online = crossref_server.count()
    assert online >= 7 and snapshot.read_text().count("\n") >= 5
    assert main(["check", str(EXAMPLE), "--format", "json", "--mailto", "t@example.org"]) == 1
    first = json.loads(capsys.readouterr().out)
    # Offline, with a fresh cache: only the snapshot can answer.
    monkeypatch.setenv("REFCHECK_CACHE", str(tmp_path / "fresh.sqlite"))
    disable_socket()
    try:
        assert main(["check", str(EXAMPLE), "--format", "json", "--snapshot", str(snapshot), "--offline"]) == 1
    finally:
        enable_socket()
    replay = json.loads(capsys.readouterr().out)
    statuses = lambda report: [r["status"] for r in report["documents"][0]["references"]]  # noqa: E731
    assert statuses(replay) == statuses(first)
