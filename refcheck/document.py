"""Reading documents and writing files: the file-system edge of refcheck.

Turns a path (or ``-`` for standard input) into text and a format name, with a
clear :class:`~refcheck.errors.InputError` for anything that is not a readable
text document; :func:`write_atomic` is the one way refcheck writes a file
(``--fix``, snapshots), so a crash never leaves half of one.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from .errors import InputError

SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", "": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown", ".qmd": "markdown",
    ".rmd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".tex": "latex", ".ltx": "latex", ".latex": "latex",
    ".bib": "bibtex", ".bibtex": "bibtex",
}

FORMAT_ALIASES: dict[str, str] = {
    "txt": "text", "plain": "text", "text": "text",
    "md": "markdown", "markdown": "markdown",
    "html": "html", "htm": "html",
    "tex": "latex", "latex": "latex",
    "bib": "bibtex", "bibtex": "bibtex",
}

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # beyond this, a "draft" is not a draft


def format_for_path(path: str | os.PathLike[str], declared: str | None = None) -> str:
    """The document format for a path: the declared one if given, else from the suffix."""
    if declared:
        try:
            return FORMAT_ALIASES[declared.lower()]
        except KeyError:
            raise InputError(
                f"unknown format {declared!r} (expected one of: text, markdown, html, latex, bibtex)") from None
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    raise InputError(f"{path}: unknown document format {suffix!r} (use --input-format)")


# A .bib file: optional % comments, then an @type{ entry at the start of a line.
_BIBTEX_START = re.compile(r"\A(?:[ \t]*(?:%[^\n]*)?\r?\n)*[ \t]*@[A-Za-z]{2,20}[ \t]*[{(]")


def sniff_format(text: str) -> str:
    """Guess the format of text with no file name (standard input, ``check_text``)."""
    head = text[:4000].lstrip("\ufeff \t\r\n")
    lower = head.lower()
    if lower.startswith(("<!doctype html", "<html")) or "<body" in lower or ("<p>" in lower and "</" in lower):
        return "html"
    if "\\begin{thebibliography}" in text or "\\bibitem" in text or lower.startswith(("\\documentclass", "\\section")):
        return "latex"
    if _BIBTEX_START.search(text[:4000]):
        return "bibtex"
    if head.startswith("---\n") or "\n#" in "\n" + head or "](" in head:
        return "markdown"
    return "text"


def decode(data: bytes, name: str) -> str:
    """Bytes → text. UTF-8 (with or without BOM), else UTF-16 with BOM; binary is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A stray byte in an otherwise good draft should not stop the check.
        bad = data[exc.start:exc.start + 1]
        if _mostly_text(data):
            return data.decode("utf-8", errors="replace").lstrip("\ufeff")
        raise InputError(f"{name}: not UTF-8 text (byte {bad!r} at offset {exc.start})") from None
    return text


def _mostly_text(data: bytes) -> bool:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls < max(1, len(sample) // 100)


def read_document(path: str | os.PathLike[str]) -> str:
    """Read a document's text; ``-`` reads standard input."""
    name = os.fspath(path)
    too_large = f"{name}: too large (limit {MAX_DOCUMENT_BYTES >> 20} MB)"
    if name == "-":
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)  # bounded: `cat /dev/zero | refcheck check -`
        if len(data) > MAX_DOCUMENT_BYTES:
            raise InputError(too_large)
        return decode(data, "<stdin>")
    p = Path(name)
    try:
        if p.is_dir():
            raise InputError(f"{name}: is a directory (use --glob to check a folder)")
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block forever, /dev/zero never end
            raise InputError(f"{name}: not a regular file")
        if st.st_size > MAX_DOCUMENT_BYTES:
            raise InputError(
                f"{name}: too large ({st.st_size // (1024 * 1024)} MB; limit {MAX_DOCUMENT_BYTES >> 20} MB)")
        with p.open("rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)  # the file may grow after stat
        if len(data) > MAX_DOCUMENT_BYTES:
            raise InputError(too_large)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode(data, name)


def _fsync_dir(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, never half of one.

    Temporary file in the same folder, flush + fsync, permission bits of the
    old file (or ``mode``), then :func:`os.replace` and an fsync of the folder.
    """
    target = os.fspath(path)
    directory = os.path.dirname(target) or "."
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".refcheck-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(directory)
