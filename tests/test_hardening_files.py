"""Broken, binary, huge and strange files through the real command line, each in its own process.

The outcome is always a report (exit 0 or 1, valid JSON) or one clear error
line with exit code 2 — never a traceback, never a hang (every process has a
timeout). The processes run side by side to keep the suite fast.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "references" / "examples"
TIMEOUT = 90  # seconds per process; the slowest case takes ~5 s on a laptop

REF = "{n}. Doe J, Roe R. A study of things number {n}. J Test. {y};{v}({i}):{p}-{q}. doi:10.1234/test.{n}"


def _refs(count: int) -> str:
    return "\n".join(REF.format(n=n, y=1990 + n % 30, v=n % 90 + 1, i=n % 12 + 1, p=n, q=n + 9)
                     for n in range(1, count + 1))


def _make_files(folder: Path) -> dict[str, tuple[list[str], set[int]]]:
    """name → (extra arguments, allowed exit codes). Writes the files into ``folder``."""
    rng = random.Random(20261127)
    cases: dict[str, tuple[list[str], set[int]]] = {}

    def add(name: str, data: bytes | str, codes: set[int], *extra: str) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases[name] = (list(extra), codes)

    add("empty.md", b"", {0})
    add("binary.md", bytes(rng.randrange(256) for _ in range(50_000)), {2})
    add("binary-no-nul.txt", bytes(rng.randrange(1, 256) for _ in range(50_000)), {2})
    add("stray-bytes.md", ("## References\n\n" + _refs(3) + "\n").encode() + b"caf\xe9 \xff\xfe\n", {0, 1})
    add("bom-crlf.txt", "\ufeffIntro.\r\n\r\nReferences\r\n\r\n" + _refs(3).replace("\n", "\r\n") + "\r\n", {0, 1})
    add("cr-only.txt", "Intro.\r\rReferences\r\r" + _refs(3).replace("\n", "\r") + "\r", {0, 1})
    add("utf16.txt", b"\xff\xfe" + ("References\n\n" + _refs(2) + "\n").encode("utf-16-le"), {0, 1})
    add("nul-in-text.md", "## References\n\n1. \x00Doe J. A title. J Test. 2001;1:1-2.\n", {0, 1, 2})
    add("controls.md", "## References\n\n1. Doe\x01 J. \x1b[31mA title\x7f\x1b]0;pwned\x07. J Test. 2001;1:1-2.\r"
                       "2. Roe R. T. J. 2002;\u2028 3:4.\r\n\ufeff3. X Y. Z. 2003.\u202e\n", {0, 1})
    para = ("Ketamine research has moved quickly over two decades, and the literature is large. " * 12
            + "As one researcher put it, “the effect is rapid,” and others agreed.\n\n")
    add("big-20mb.md", para * (20_000_000 // len(para)) + "## References\n\n" + _refs(50) + "\n", {0, 1})
    add("one-1mb-line.txt", "x" * 1_000_000 + "\n\nReferences\n\n" + _refs(3) + "\n", {0, 1})
    add("one-1mb-reference.txt", "References\n\n1. " + "Doe J, " * 140_000 + "(2001). T. J Test. 1:1.\n", {0, 1})
    add("refs-5000.md", "# Title\n\nSome text.\n\n## References\n\n" + _refs(5000) + "\n", {0, 1})
    add("nested-divs.html", "<html><body>" + "<div>" * 50_000 + "x" + "</div>" * 50_000
        + "<h2>References</h2><ol><li>" + _refs(1)[3:] + "</li></ol></body></html>", {0, 1})
    add("nested-lists.html", "<html><body><h2>References</h2><ol>" + "<li><ol>" * 20_000 + _refs(1)[3:]
        + "</ol></li>" * 20_000 + "</ol></body></html>", {0, 1})
    add("unclosed-tags.html", "<html><body><h2>References<ol><li>" + _refs(1)[3:] + "<li><p><b><i>" * 5000, {0, 1})
    add("braces.tex", "\\documentclass{article}\\begin{document}" + "{" * 50_000 + "\n\\begin{thebibliography}{9}\n"
        "\\bibitem{a} " + _refs(1)[3:] + "\n\\bibitem{b} {{{ unclosed \\emph{x\n\\end{thebibliography}\n", {0, 1})
    add("closing-braces.tex", "\\begin{thebibliography}{9}\n\\bibitem{a}" + "}" * 50_000 + _refs(1)[3:] + "\n", {0, 1})
    add("unclosed.bib", "@article{a,\n title = {Unclosed {brace,\n year = {2001},\n}\n\n@article{a,\n title={Dup},"
                        " year={2002}}\n@book{b, title = \"x\n", {0, 1})
    add("duplicate-keys.bib", "".join(f"@article{{k,\n title={{Title {n}}}, year={{2001}}, journal={{J}}}}\n"
                                      for n in range(200)), {0, 1})
    add("deep.bib", "@article{a, title = " + "{" * 20_000 + "x" + "}" * 20_000 + ", year = {2001}}\n", {0, 1})
    add("quotes-mess.md", "“" * 20_000 + "\"" * 20_001 + " said Einstein. " + "«" * 5000 + "\n> — \n" * 2000, {0, 1})
    # A draft checked against a malformed quotes table: one clear error.
    (folder / "table-bad.csv").write_text("id,quote\n1,\"unclosed\n", encoding="utf-8")
    (folder / "table-binary.csv").write_bytes(b"\xff\xfe\x00garbage")
    add("with-bad-table.md", "As Carl Jung once wrote, “Who looks outside, dreams.”\n", {2},
        "--quotes-table", str(folder / "table-bad.csv"))
    add("with-binary-table.md", "Hello.\n", {2}, "--quotes-table", str(folder / "table-binary.csv"))
    # Not documents at all.
    (folder / "a-folder").mkdir()
    cases["a-folder"] = ([], {2})
    cases["missing.md"] = ([], {2})
    os.mkfifo(folder / "fifo.md")
    cases["fifo.md"] = ([], {2})
    cases["/dev/zero"] = (["--input-format", "text"], {2})
    return cases


# Small files run in this process (fast); the big, the deep and the special ones each in their own,
# so that a hang is a timeout, not a stuck test run.
IN_PROCESS = frozenset({
    "empty.md", "binary.md", "binary-no-nul.txt", "stray-bytes.md", "bom-crlf.txt", "cr-only.txt", "utf16.txt",
    "nul-in-text.md", "controls.md", "unclosed-tags.html", "closing-braces.tex", "unclosed.bib",
    "duplicate-keys.bib", "with-bad-table.md", "with-binary-table.md", "a-folder", "missing.md",
})


def _main(args: list[str]) -> tuple[int, bytes, bytes]:
    """``refcheck`` in this process, with its output captured; a traceback is caught and returned as text."""
    import contextlib
    import io
    import traceback

    from refcheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except BaseException:  # noqa: BLE001 - reported as the traceback it would print
            traceback.print_exc(file=err)
            code = 99
    return code, out.getvalue().encode(), err.getvalue().encode()


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess, set[int], float]]:
    folder = tmp_path_factory.mktemp("hostile")
    cases = _make_files(folder)
    cache = folder / "cache" / "crossref.sqlite"
    # Warm the cache file once, so the processes below do not race to create its schema.
    subprocess.run([sys.executable, "-m", "refcheck", "check", str(folder / "empty.md"), "--offline", "--cache", str(cache)],
                   capture_output=True, timeout=TIMEOUT)
    running = {}
    results = {}
    # The slow ones first, in their own processes, so the quick in-process ones overlap them.
    for name, (extra, codes) in sorted(cases.items(), key=lambda item: item[0] in IN_PROCESS):
        path = name if name.startswith("/") else str(folder / name)
        args = ["check", path, "--format", "json", "--offline", "--snapshot", str(EXAMPLES / "draft.snapshot.jsonl"),
                "--cache", str(cache), *extra]
        if name in IN_PROCESS:
            started = time.monotonic()
            code, out, err = _main(args)
            results[name] = (subprocess.CompletedProcess(args, code, out, err), codes, time.monotonic() - started)
            continue
        cmd = [sys.executable, "-m", "refcheck", *args]
        running[name] = (subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE), codes, time.monotonic())
    for name, (proc, codes, started) in running.items():
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"{name}: still running after {TIMEOUT} s (a hang)")
        results[name] = (subprocess.CompletedProcess(proc.args, proc.returncode, out, err), codes,
                         time.monotonic() - started)
    return results


CASE_NAMES = [
    "empty.md", "binary.md", "binary-no-nul.txt", "stray-bytes.md", "bom-crlf.txt", "cr-only.txt", "utf16.txt",
    "nul-in-text.md", "controls.md", "big-20mb.md", "one-1mb-line.txt", "one-1mb-reference.txt", "refs-5000.md",
    "nested-divs.html", "nested-lists.html", "unclosed-tags.html", "braces.tex", "closing-braces.tex",
    "unclosed.bib", "duplicate-keys.bib", "deep.bib", "quotes-mess.md", "with-bad-table.md",
    "with-binary-table.md", "a-folder", "missing.md", "fifo.md", "/dev/zero",
]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_a_report_or_one_clear_error(outcomes, name):
    proc, codes, seconds = outcomes[name]
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr[-3000:]
    assert proc.returncode in codes, (proc.returncode, stderr[-2000:])
    if proc.returncode == 2:
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("refcheck: error: "), stderr
    else:
        report = json.loads(proc.stdout)
        assert report["schema"] == "refcheck-report/1"


def test_the_big_ones_are_complete(outcomes):
    proc, _, _ = outcomes["refs-5000.md"]
    report = json.loads(proc.stdout)
    assert report["summary"]["references"] == 5000
    statuses = {r["status"] for r in report["documents"][0]["references"]}
    assert statuses <= {"unresolved", "not_found", "unverifiable", "ambiguous"}
    assert len({r["id"] for r in report["documents"][0]["references"]}) == 5000  # keys stay unique
    proc, _, _ = outcomes["big-20mb.md"]
    assert json.loads(proc.stdout)["summary"]["references"] == 50


def test_unique_keys_is_linear_for_many_equal_bases():
    """5,000 unparseable references all get the base key ``ref``: this was quadratic (15 s)."""
    from refcheck.parse.keys import unique_keys

    started = time.perf_counter()
    keys = unique_keys(["ref"] * 5000)
    assert time.perf_counter() - started < 0.5
    assert len(set(keys)) == 5000 and keys[:3] == ["ref", "refa", "refb"]


def test_standard_input_is_bounded(tmp_path):
    """``cat /dev/zero | refcheck check -`` ends with one error line, without reading forever."""
    from refcheck import document

    code = ("import sys, refcheck.document as d; d.MAX_DOCUMENT_BYTES = 1 << 20; "
            "from refcheck.cli import main; sys.exit(main(['check', '-', '--offline', '--cache', sys.argv[1]]))")
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "c.sqlite")], stdin=zero,
                              capture_output=True, timeout=60)
    assert proc.returncode == 2 and b"too large" in proc.stderr and b"Traceback" not in proc.stderr
    assert document.MAX_DOCUMENT_BYTES >= 1 << 20
