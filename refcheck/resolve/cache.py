"""``refcheck cache info|clear``: where the Crossref cache is, how big, and removing it.

The cache is requests-cache's SQLite file (tables ``responses`` and
``redirects``). This module reads it with :mod:`sqlite3` in read-only mode and
never imports requests-cache: only the Crossref module talks to that.

>>> info = cache_info("/nonexistent/crossref.sqlite")
>>> info.exists, info.responses
(False, 0)
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

CACHE_FILE_NAME = "crossref.sqlite"
SIDE_FILES = ("-wal", "-shm", "-journal")


def default_cache_path() -> Path:
    """``<user cache dir>/refcheck/crossref.sqlite`` (platformdirs decides the folder)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("refcheck")) / CACHE_FILE_NAME


def cache_path(cache: str | os.PathLike[str] | None = None) -> Path:
    """The cache file in use: the ``cache`` option when set, else the default.

    Like the Crossref client, a name without a suffix gets ``.sqlite``
    (requests-cache would add it silently).
    """
    path = Path(cache).expanduser() if cache else default_cache_path()
    return path if path.suffix else path.with_suffix(".sqlite")


@dataclass(frozen=True)
class CacheInfo:
    """What ``refcheck cache info`` reports. ``error`` is set when the file is not a readable cache."""

    path: str
    exists: bool
    size_bytes: int = 0
    responses: int = 0
    redirects: int = 0
    expired: int = 0
    oldest_expiry: float | None = None
    newest_expiry: float | None = None
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _files(path: Path) -> list[Path]:
    return [path] + [path.with_name(path.name + suffix) for suffix in SIDE_FILES]


def _count(con: sqlite3.Connection, table: str, tables: set[str]) -> int:
    if table not in tables:
        return 0
    return int(con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def cache_info(path: str | os.PathLike[str], now: float | None = None) -> CacheInfo:
    """Size and entry counts of a cache file, opened read-only (never created, never changed)."""
    path = Path(path)
    if not path.is_file():
        return CacheInfo(str(path), exists=False)
    size = sum(f.stat().st_size for f in _files(path) if f.is_file())
    now = time.time() if now is None else now
    try:
        con = sqlite3.connect(f"file:{pathname2url(str(path.absolute()))}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "responses" not in tables:
                return CacheInfo(str(path), True, size, error="not a requests-cache SQLite file (no responses table)")
            columns = {row[1] for row in con.execute("PRAGMA table_info(responses)")}
            expired = 0
            oldest = newest = None
            if "expires" in columns:
                expired = int(con.execute("SELECT COUNT(*) FROM responses WHERE expires IS NOT NULL AND expires <= ?",
                                          (now,)).fetchone()[0])
                oldest, newest = con.execute("SELECT MIN(expires), MAX(expires) FROM responses").fetchone()
            return CacheInfo(str(path), True, size, _count(con, "responses", tables),
                             _count(con, "redirects", tables), expired, oldest, newest)
        finally:
            con.close()
    except sqlite3.Error as exc:
        return CacheInfo(str(path), True, size, error=f"cannot read: {exc}")


def clear_cache(path: str | os.PathLike[str]) -> list[Path]:
    """Delete the cache file and its SQLite side files; returns those removed. Nothing else is touched."""
    removed = []
    for f in _files(Path(path)):
        try:
            f.unlink()
        except FileNotFoundError:
            continue
        removed.append(f)
    return removed


def human_size(n: float) -> str:
    """``1536`` → ``'1.5 KiB'``."""
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover


def format_info(info: CacheInfo) -> str:
    """The text ``refcheck cache info`` prints."""
    lines = [f"cache: {info.path}"]
    if not info.exists:
        lines.append("status: absent (nothing cached yet)")
        return "\n".join(lines)
    lines.append(f"size: {human_size(info.size_bytes)}")
    if info.error:
        lines.append(f"status: {info.error}")
        return "\n".join(lines)
    lines.append(f"entries: {info.responses} responses ({info.expired} expired), {info.redirects} redirects")
    if info.newest_expiry is not None:
        lines.append("newest entry expires: " + time.strftime("%Y-%m-%d %H:%M", time.localtime(info.newest_expiry)))
    return "\n".join(lines)
