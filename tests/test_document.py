"""Reading documents: formats, decoding and clear errors."""

from __future__ import annotations

import pytest

from refcheck.document import decode, format_for_path, read_document, sniff_format
from refcheck.errors import InputError


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.md", "markdown"), ("a.MARKDOWN", "markdown"), ("post.html", "html"), ("paper.tex", "latex"),
     ("refs.bib", "bibtex"), ("notes.txt", "text"), ("README", "text")],
)
def test_format_from_suffix(name: str, expected: str) -> None:
    assert format_for_path(name) == expected


def test_unknown_suffix_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown document format"):
        format_for_path("figure.png")


def test_declared_format_wins_and_is_validated() -> None:
    assert format_for_path("x.txt", "md") == "markdown"
    with pytest.raises(InputError, match="unknown format"):
        format_for_path("x.txt", "docx")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
     ("\\begin{thebibliography}{9}\\bibitem{a} A.\\end{thebibliography}", "latex"),
     ("@article{key, title={T}}", "bibtex"),
     ("% exported by Zotero\n\n@book{key, title={T}}", "bibtex"),
     ("---\ntitle: x\n---\n# Heading\n", "markdown"),
     ("Just some prose.\n\nBibliography\n  1. A. B. C.", "text")],
)
def test_sniff_format(text: str, expected: str) -> None:
    assert sniff_format(text) == expected


def test_decode_handles_bom_and_utf16() -> None:
    assert decode("\ufeffhello".encode("utf-8"), "x") == "hello"
    assert decode("héllo".encode("utf-16"), "x") == "héllo"


def test_binary_file_is_refused(tmp_path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        read_document(path)


def test_stray_invalid_byte_is_replaced_not_fatal(tmp_path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes("Smith (2001). A title.\n".encode() + b"\xff" + b" more text\n" * 50)
    assert "\ufffd" in read_document(path)


def test_missing_file_and_directory_are_input_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.md")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)
