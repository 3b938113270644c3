"""The cache file is the user's: when it is corrupt, truncated, read-only or the disk is full,
refcheck warns once, carries on without it, and never deletes it; many processes share it safely.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crossref_fake import RECORDS, REFERENCE_TEXTS, FakeCrossref

REPO = Path(__file__).resolve().parents[1]


def _document(extra: str = "") -> str:
    refs = [REFERENCE_TEXTS[r["DOI"]] for r in RECORDS]
    refs[0] += " https://doi.org/" + RECORDS[0]["DOI"]  # one DOI look-up, the rest searches
    if extra:
        refs.append(extra)
    return "# Draft\n\n## References\n\n" + "\n".join(f"{n}. {r}" for n, r in enumerate(refs, 1)) + "\n"


def _run(doc: Path, url: str, cache: Path, *extra: str, preexec=None, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "refcheck", "check", str(doc), "--format", "json", "--crossref-url", url,
         "--cache", str(cache), "--mailto", "tests@example.org", "--no-quotes", "--timeout", "5", *extra],
        capture_output=True, text=True, timeout=timeout, preexec_fn=preexec, cwd=doc.parent,
    )


def _statuses(proc: subprocess.CompletedProcess) -> list[str]:
    return [r["status"] for r in json.loads(proc.stdout)["documents"][0]["references"]]


def _cache_warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "cache" in line.lower()]


def _assert_carried_on(proc: subprocess.CompletedProcess, expected_refs: int) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 1), proc.stderr
    statuses = _statuses(proc)
    assert len(statuses) == expected_refs
    assert "unresolved" not in statuses, (statuses, proc.stdout[-2000:])
    warnings = _cache_warnings(proc.stderr)
    assert len(warnings) == 1, proc.stderr  # warned once, not once per reference


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty-header", "directory"])
def test_a_damaged_cache_is_warned_about_once_and_left_in_place(crossref_server, tmp_path, damage):
    doc = tmp_path / "draft.md"
    doc.write_text(_document(), encoding="utf-8")
    cache = tmp_path / "cache" / "crossref.sqlite"
    cache.parent.mkdir()
    if damage == "garbage":
        cache.write_bytes(b"not a database, but the user's file " * 200)
    elif damage == "truncated":
        assert _run(doc, crossref_server.url, cache).returncode in (0, 1)
        for companion in cache.parent.glob("crossref.sqlite-*"):
            companion.unlink()
        data = cache.read_bytes()
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "empty-header":
        cache.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    else:
        cache.mkdir()  # a folder where the file should be
    before = cache.read_bytes() if cache.is_file() else None
    proc = _run(doc, crossref_server.url, cache)
    _assert_carried_on(proc, len(RECORDS))
    assert cache.exists(), "the user's cache was deleted"
    if before is not None:
        assert cache.read_bytes() == before, "the user's cache was rewritten"


def _sqlite_write_fails(message: str) -> str:
    """Code run in the child: every write to the cache's SQLite raises ``message``."""
    return (
        "import sqlite3, requests_cache.backends.sqlite as b\n"
        "def fail(self, *a, **k):\n"
        f"    raise sqlite3.OperationalError({message!r})\n"
        "b.SQLiteDict.__setitem__ = fail\n"
        "import sys\nfrom refcheck.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    )


@pytest.mark.parametrize("message", ["attempt to write a readonly database", "database or disk is full",
                                     "disk I/O error"])
def test_cache_writes_that_fail_are_warned_about_once(crossref_server, tmp_path, message):
    doc = tmp_path / "draft.md"
    doc.write_text(_document(), encoding="utf-8")
    cache = tmp_path / "crossref.sqlite"
    proc = subprocess.run(
        [sys.executable, "-c", _sqlite_write_fails(message), "check", str(doc), "--format", "json", "--crossref-url",
         crossref_server.url, "--cache", str(cache), "--mailto", "t@example.org", "--no-quotes"],
        capture_output=True, text=True, timeout=90, cwd=REPO,
    )
    _assert_carried_on(proc, len(RECORDS))


def test_disk_full_for_real_with_a_file_size_limit(crossref_server, tmp_path):
    """RLIMIT_FSIZE makes every write past a few KB fail with EFBIG, as a full disk would."""
    doc = tmp_path / "draft.md"
    doc.write_text(_document(), encoding="utf-8")
    cache = tmp_path / "crossref.sqlite"

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    try:
        proc = _run(doc, crossref_server.url, cache, preexec=limit, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("hung: requests-cache retries BEGIN IMMEDIATE forever when SQLite cannot write")
    _assert_carried_on(proc, len(RECORDS))


def test_read_only_cache_folder(crossref_server, tmp_path):
    """A cache path in a folder that cannot be created (a file is in the way): warn and carry on."""
    doc = tmp_path / "draft.md"
    doc.write_text(_document(), encoding="utf-8")
    (tmp_path / "blocked").write_text("a file, not a folder")
    proc = _run(doc, crossref_server.url, tmp_path / "blocked" / "crossref.sqlite")
    _assert_carried_on(proc, len(RECORDS))
    assert (tmp_path / "blocked").read_text() == "a file, not a folder"


@pytest.mark.parametrize("processes", [2, 8])
def test_many_processes_share_one_new_cache_file(crossref_server, tmp_path, processes):
    """All start at once on a cache file that does not exist yet (the schema is created in the race)."""
    cache = tmp_path / "shared" / "crossref.sqlite"
    docs = []
    for n in range(processes):
        doc = tmp_path / f"draft{n}.md"
        doc.write_text(_document(f"Writer, P. {n}. (2001). A reference only process {n} cites. J Test, {n}(1), 1-2."),
                       encoding="utf-8")
        docs.append(doc)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "refcheck", "check", str(doc), "--format", "json", "--crossref-url",
             crossref_server.url, "--cache", str(cache), "--mailto", "tests@example.org", "--no-quotes"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        for doc in docs
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert "locked" not in err.lower() and "Traceback" not in err, err
        assert proc.returncode in (0, 1), err
        refs = json.loads(out)["documents"][0]["references"]
        assert len(refs) == len(RECORDS) + 1
        assert all(r["status"] != "unresolved" for r in refs), [(r["status"], r["reason"]) for r in refs]
        assert "locked" not in out.lower()
    # The shared file holds every process's answers: a run against a dead server finds them all.
    for doc in docs[:2]:
        proc = _run(doc, crossref_server.url, cache, "--offline")
        assert "unresolved" not in _statuses(proc), proc.stdout[-2000:]
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
