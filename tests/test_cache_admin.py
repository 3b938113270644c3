"""`refcheck cache info|clear` on a real requests-cache SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from refcheck.resolve.cache import cache_info, cache_path, clear_cache, default_cache_path, format_info, human_size
from refcheck.cli import main


@pytest.fixture
def filled_cache(tmp_path, httpserver) -> Path:
    """A cache written by requests-cache itself: three works, one of them behind a redirect."""
    requests_cache = pytest.importorskip("requests_cache")
    httpserver.expect_request("/works/1").respond_with_json({"status": "ok", "message": {"DOI": "10.1/1"}})
    httpserver.expect_request("/works/2").respond_with_json({"status": "ok", "message": {"DOI": "10.1/2"}})
    httpserver.expect_request("/works/3").respond_with_json({"status": "ok", "message": {"DOI": "10.1/3"}})
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/works/3"})
    path = tmp_path / "cache" / "crossref.sqlite"
    path.parent.mkdir()
    session = requests_cache.CachedSession(str(path), backend="sqlite", expire_after=timedelta(days=30), wal=True)
    for name in ("/works/1", "/works/2", "/old"):
        session.get(httpserver.url_for(name)).raise_for_status()
    session.close()
    return path


def _rows(path: Path, table: str) -> int:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_info_counts_entries_and_size(filled_cache):
    info = cache_info(filled_cache)
    assert info.exists and not info.error
    assert info.responses == _rows(filled_cache, "responses") >= 3  # requests-cache may keep the 301 too
    assert info.redirects == _rows(filled_cache, "redirects") == 1
    assert info.expired == 0
    assert info.size_bytes >= filled_cache.stat().st_size > 0
    text = format_info(info)
    assert str(filled_cache) in text and f"{info.responses} responses" in text and "1 redirects" in text
    # expiry is counted against the clock given
    assert cache_info(filled_cache, now=info.newest_expiry + 1).expired == info.responses


def test_info_opens_read_only(filled_cache):
    before = filled_cache.read_bytes()
    cache_info(filled_cache)
    assert filled_cache.read_bytes() == before


def test_info_on_absent_and_foreign_files(tmp_path):
    missing = tmp_path / "none.sqlite"
    info = cache_info(missing)
    assert (info.exists, info.responses) == (False, 0)
    assert not missing.exists()  # info never creates the file
    assert "absent" in format_info(info)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    assert cache_info(junk).error.startswith("cannot read")
    import sqlite3

    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    assert "no responses table" in cache_info(other).error


def test_clear_removes_only_the_cache_and_its_side_files(filled_cache):
    neighbour = filled_cache.parent / "notes.txt"
    neighbour.write_text("keep me")
    for suffix in ("-wal", "-shm"):
        filled_cache.with_name(filled_cache.name + suffix).write_bytes(b"x")
    removed = clear_cache(filled_cache)
    assert filled_cache in removed and len(removed) == 3
    assert not filled_cache.exists()
    assert neighbour.read_text() == "keep me"
    assert clear_cache(filled_cache) == []


def test_paths():
    assert default_cache_path().name == "crossref.sqlite"
    assert "refcheck" in default_cache_path().parts
    assert cache_path(None) == default_cache_path()
    assert cache_path("~/x.sqlite") == Path("~/x.sqlite").expanduser()
    assert cache_path("/tmp/mycache") == Path("/tmp/mycache.sqlite")  # as requests-cache names it
    assert human_size(1536) == "1.5 KiB" and human_size(10) == "10 bytes"


def test_cli_info_and_clear(filled_cache, capsys, monkeypatch):
    monkeypatch.delenv("REFCHECK_CACHE", raising=False)
    assert main(["cache", "info", "--cache", str(filled_cache), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["path"] == str(filled_cache) and info["responses"] >= 3
    assert main(["cache", "clear", "--cache", str(filled_cache)]) == 0
    assert "removed" in capsys.readouterr().out
    assert not filled_cache.exists()


def test_cli_uses_the_environment_and_config(tmp_path, capsys, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "refcheck.toml").write_text('cache = "from-config.sqlite"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFCHECK_CACHE", raising=False)
    assert main(["cache", "info"]) == 0
    assert f"cache: {tmp_path / 'from-config.sqlite'}" in capsys.readouterr().out
    monkeypatch.setenv("REFCHECK_CACHE", str(tmp_path / "env.sqlite"))
    assert main(["cache", "info"]) == 0
    assert f"cache: {tmp_path / 'env.sqlite'}" in capsys.readouterr().out


def test_cache_admin_does_not_import_requests_cache(filled_cache):
    code = ("import sys, refcheck.resolve.cache as c; c.cache_info(sys.argv[1]); "
            "assert 'requests_cache' not in sys.modules, 'imported requests_cache'")
    subprocess.run([sys.executable, "-c", code, str(filled_cache)], check=True)
