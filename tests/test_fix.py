"""``--fix``: what it changes (only wrong values inside a mismatched reference), and how it writes."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from refcheck import fix as fixmod
from refcheck.errors import InputError
from refcheck.fix import BACKUP_SUFFIX, fix_file, fix_text, locate, write_atomic
from refcheck.model import Problem, RawReference, Reference, ReferenceResult

REF_LINE = "1. Murrough JW, et al. Antidepressant efficacy of ketamine. Am J Psychiatry. 2012;170(10):1134-1142."


def problem(field: str, cited: str, found: str, severity: str = "error") -> Problem:
    return Problem(field, cited, found, severity, f"{field}: cited {cited}, Crossref has {found}")


def result_for(raw: RawReference, *problems: Problem, status: str = "mismatch", key: str = "murrough2013",
               suggested: str | None = None, ignored: str | None = None) -> ReferenceResult:
    ref = Reference(key, "article", {}, raw.text, raw.line, source=raw)
    return ReferenceResult(ref, status, problems=problems, suggested_bibtex=suggested, ignored=ignored)


def doc_with(ref_line: str, *, before: str = "Intro cites 2012 and 170 freely.\n\nReferences\n\n",
             after: str = "\n\nA closing line from 2012.\n") -> tuple[str, RawReference]:
    text = before + ref_line + after
    line = before.count("\n") + 1
    return text, RawReference(text=ref_line[3:], line=line, raw=ref_line)


# -- fix_text: what changes ------------------------------------------------------------------


def test_year_volume_issue_pages_fixed_inside_the_span_only():
    text, raw = doc_with(REF_LINE)
    result = result_for(raw, problem("year", "2012", "2013"), problem("volume", "170", "170"),
                        problem("issue", "10", "11"), problem("pages", "1134-1142", "1134-1143"))
    fixed = fix_text(text, "text", [result])
    assert fixed.text == text.replace(
        "2012;170(10):1134-1142.", "2013;170(11):1134-1143.")
    # The year in the introduction and the closing line is untouched.
    assert fixed.text.startswith("Intro cites 2012 and 170 freely.")
    assert fixed.text.endswith("A closing line from 2012.\n")
    assert {e.field for e in fixed.edits} == {"year", "issue", "pages"}
    assert [s.field for s in fixed.skipped] == ["volume"]  # same value: nothing to do


def test_value_occurring_twice_is_left_alone():
    line = "1. Doe J. Effects in 2012 cohorts. J Test. 2012;5:1-9."
    text, raw = doc_with(line)
    fixed = fix_text(text, "text", [result_for(raw, problem("year", "2012", "2013"))])
    assert fixed.text == text
    assert not fixed.edits
    assert "2 times" in fixed.skipped[0].reason


def test_whole_tokens_only():
    # issue "4" occurs as a token once, and inside "74" and "2014": only the token is replaced.
    line = "1. Doe J. A title. J Test. 2014;74(4):250-256."
    text, raw = doc_with(line)
    fixed = fix_text(text, "text", [result_for(raw, problem("issue", "4", "5"))])
    assert fixed.text == text.replace("74(4)", "74(5)")


def test_warnings_other_fields_and_other_statuses_untouched():
    text, raw = doc_with(REF_LINE)
    cases = [
        result_for(raw, problem("year", "2012", "2013", severity="warning")),
        result_for(raw, problem("title", "Antidepressant efficacy of ketamine", "Something else")),
        result_for(raw, problem("year", "2012", "2013"), status="verified"),
        result_for(raw, problem("year", "2012", "2013"), status="not_found"),
        result_for(raw, problem("year", "2012", "2013"), ignored="known"),
    ]
    for result in cases:
        assert fix_text(text, "text", [result]).text == text


def test_doi_fixed_but_not_a_longer_doi_sharing_its_prefix():
    line = "1. Doe J. A title. J Test. 2001;1:1-2. https://doi.org/10.1000/abc.5."
    text, raw = doc_with(line)
    good = fix_text(text, "text", [result_for(raw, problem("doi", "10.1000/abc.5", "10.1000/abc.6"))])
    assert "https://doi.org/10.1000/abc.6." in good.text
    prefix = fix_text(text, "text", [result_for(raw, problem("doi", "10.1000/abc", "10.1000/xyz"))])
    assert prefix.text == text


def test_page_ranges_match_any_dash_and_keep_the_source_style():
    for written in ("351–359", "351-359", "351 - 359", "351--359", "351—359"):
        line = f"1. Doe J. A title. J Test. 2001;12:{written}. Other 1351–3590."
        text, raw = doc_with(line)
        fixed = fix_text(text, "text", [result_for(raw, problem("pages", "351--359", "351–354"))])
        dash = written[3:-3]
        assert fixed.text == text.replace(written + ".", f"351{dash}354."), written
        assert fixed.edits[0].old == written
    # A single page found for a range cited, and a range that is not there: nothing else moves.
    text, raw = doc_with("1. Doe J. A title. J Test. 2001;12:856-864.")
    assert "2001;12:856." in fix_text(text, "text", [result_for(raw, problem("pages", "856--864", "856"))]).text
    assert fix_text(text, "text", [result_for(raw, problem("pages", "85--86", "1--2"))]).text == text


def test_doi_at_the_very_start_of_a_reference():
    line = "10.1000/abc.5 Doe J. A title. J Test. 2001;1:1-2."
    text = f"References\n\n{line}\n"
    raw = RawReference(text=line, line=3, raw=line)
    fixed = fix_text(text, "text", [result_for(raw, problem("doi", "10.1000/abc.5", "10.1000/abc.6"))])
    assert fixed.text == text.replace("abc.5", "abc.6")


def test_found_values_that_would_inject_markup_are_refused():
    line = "1. Doe J. A title. J Test. 2001;12:1-2."
    for fmt, bad in (("html", "12<script>"), ("latex", "12}\\input{x"), ("markdown", "12](http://x")):
        text, raw = doc_with(line)
        fixed = fix_text(text, fmt, [result_for(raw, problem("volume", "12", bad))])
        assert fixed.text == text, fmt
    text, raw = doc_with(line)
    assert fix_text(text, "text", [result_for(raw, problem("year", "2001", "2001\nrm -rf"))]).text == text
    assert fix_text(text, "text", [result_for(raw, problem("year", "2001", "c. 2002"))]).text == text


def test_overlapping_fields_are_both_skipped():
    line = "1. Doe J. A title. J Test. 2001;12:1-2."
    text, raw = doc_with(line)
    result = result_for(raw, problem("volume", "12", "13"), problem("issue", "12", "14"))
    assert fix_text(text, "text", [result]).text == text


def test_crlf_and_cr_line_endings_are_kept():
    for nl in ("\r\n", "\r"):
        ref = "1. Doe J. A title.\n   J Test. 2001;12:1-2."
        text = f"Intro 2001.{nl}{nl}References{nl}{nl}" + ref.replace("\n", nl) + f"{nl}End 2001.{nl}"
        raw = RawReference(text="Doe J. A title. J Test. 2001;12:1-2.", line=5, raw=ref)
        fixed = fix_text(text, "text", [result_for(raw, problem("year", "2001", "2002"))])
        assert fixed.text == text.replace("2001;12", "2002;12")
        assert fixed.text.count(nl) == text.count(nl)


def test_a_reference_that_moved_is_not_fixed():
    text, raw = doc_with(REF_LINE)
    moved = RawReference(text=raw.text, line=raw.line + 2, raw=raw.raw)
    fixed = fix_text(text, "text", [result_for(moved, problem("year", "2012", "2013"))])
    assert fixed.text == text
    assert fixed.skipped


def test_locate_handles_absent_and_out_of_range():
    assert locate("abc", RawReference("x", 5, "x")) is None
    assert locate("abc", RawReference("x", 1, "")) is None
    assert locate("a\nzz\n", RawReference("zz", 1, "zz")) is None  # not on its line


BIB = """\
@article{murrough2013,
  author = {Murrough, James W.},
  title = {Antidepressant efficacy of ketamine},
  journal = {Am J Psychiatry},
  year = {2012},
  volume = {170},
}

@book{other,
  title = {Untouched},
  year = {2012},
}
"""


def test_bibtex_entry_replaced_by_the_suggestion_keeping_the_key():
    raw_text = BIB.split("\n\n")[0]
    raw = RawReference(text="", line=1, raw=raw_text, entry_type="article", key="murrough2013")
    suggestion = "@article{Murrough_2013,\n  title = {Antidepressant efficacy of ketamine},\n  year = {2013},\n}"
    result = result_for(raw, problem("year", "2012", "2013"), suggested=suggestion)
    fixed = fix_text(BIB, "bibtex", [result])
    assert fixed.text.startswith("@article{murrough2013,\n  title = {Antidepressant efficacy of ketamine},\n  year = {2013},\n}")
    assert fixed.text.endswith(BIB.split("\n\n", 1)[1])  # the other entry is byte-identical
    broken = result_for(raw, problem("year", "2012", "2013"), suggested="@article{x, title = {unclosed")
    assert fix_text(BIB, "bibtex", [broken]).text == BIB
    assert fix_text(BIB, "bibtex", [result_for(raw, problem("year", "2012", "2013"))]).text == BIB


# -- fix_file: how it writes --------------------------------------------------------------------


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


@pytest.fixture
def draft(tmp_path: Path) -> tuple[Path, ReferenceResult]:
    path = tmp_path / "draft.txt"
    text, raw = doc_with(REF_LINE)
    path.write_bytes(text.encode("utf-8"))
    path.chmod(0o640)
    return path, result_for(raw, problem("year", "2012", "2013"))


def test_fix_file_writes_new_text_keeps_backup_and_mode(draft, monkeypatch):
    path, result = draft
    original = path.read_bytes()
    outcome = fix_file(path, [result])
    assert outcome.written and len(outcome.edits) == 1
    assert path.read_bytes() == original.replace(b"2012;170", b"2013;170")
    assert Path(outcome.backup).read_bytes() == original
    assert outcome.backup == str(path) + BACKUP_SUFFIX
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stat.S_IMODE(Path(outcome.backup).stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["draft.txt", "draft.txt" + BACKUP_SUFFIX]


def test_fix_file_through_a_symlink_writes_the_target(draft, monkeypatch):
    path, result = draft
    link = path.parent / "link.txt"
    link.symlink_to(path)
    fix_file(link, [result])
    assert link.is_symlink()
    assert b"2013;170" in path.read_bytes()


def test_bom_and_utf16_round_trip(tmp_path, monkeypatch):
    text, raw = doc_with(REF_LINE)
    result = result_for(raw, problem("year", "2012", "2013"))
    for name, data in (("bom.txt", b"\xef\xbb\xbf" + text.encode()), ("u16.txt", b"\xff\xfe" + text.encode("utf-16-le")),
                       ("u16be.txt", b"\xfe\xff" + text.encode("utf-16-be"))):
        p = tmp_path / name
        p.write_bytes(data)
        assert fix_file(p, [result]).written
        assert p.read_bytes() == data.replace(*( (b"2012;170", b"2013;170") if "u16" not in name else
                                                 (("2012;170".encode("utf-16-le"), "2013;170".encode("utf-16-le"))
                                                  if name == "u16.txt" else
                                                  ("2012;170".encode("utf-16-be"), "2013;170".encode("utf-16-be")))))


def test_invalid_utf8_is_not_rewritten(tmp_path, monkeypatch):
    text, raw = doc_with(REF_LINE)
    p = tmp_path / "bad.txt"
    data = text.encode() + b"caf\xe9\n"
    p.write_bytes(data)
    outcome = fix_file(p, [result_for(raw, problem("year", "2012", "2013"))])
    assert not outcome.written and outcome.reason
    assert p.read_bytes() == data


@pytest.mark.parametrize("failing", ["fsync", "replace", "write", "chmod"])
def test_crash_mid_write_leaves_the_old_file(draft, monkeypatch, failing):
    path, result = draft
    before = _md5(path)
    calls = {"n": 0}

    def boom(*args, **kwargs):
        calls["n"] += 1
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        def fdopen(fd, mode="r", *a, **k):
            handle = real_fdopen(fd, mode, *a, **k)
            real_write = handle.write

            def write(data):
                real_write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

            handle.write = write  # type: ignore[method-assign]
            return handle

        monkeypatch.setattr(fixmod.os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(fixmod.os, failing, boom)
    with pytest.raises(InputError, match="unchanged"):
        fix_file(path, [result], backup=False)
    monkeypatch.undo()
    assert _md5(path) == before
    assert [p.name for p in path.parent.iterdir()] == ["draft.txt"]  # no temp file left behind


def test_kill_during_write_leaves_old_or_new_never_partial(tmp_path):
    """A process killed with SIGKILL between writing and renaming, and one killed mid-write."""
    path = tmp_path / "doc.txt"
    old = ("x" * 1_000_000 + "\n").encode()
    new = ("y" * 1_000_000 + "\n").encode()
    for point in ("after_fsync", "mid_write"):
        path.write_bytes(old)
        script = textwrap.dedent(f"""
            import os, signal, sys
            from refcheck import fix
            point = {point!r}
            if point == "after_fsync":
                real = os.fsync
                def fsync(fd):
                    real(fd)
                    os.kill(os.getpid(), signal.SIGKILL)
                fix.os.fsync = fsync
            else:
                real_fdopen = os.fdopen
                def fdopen(fd, mode="r", *a, **k):
                    h = real_fdopen(fd, mode, *a, **k)
                    rw = h.write
                    def write(data):
                        rw(data[: len(data) // 3]); h.flush()
                        os.kill(os.getpid(), signal.SIGKILL)
                    h.write = write
                    return h
                fix.os.fdopen = fdopen
            fix.write_atomic(sys.argv[1], b"y" * 1_000_000 + b"\\n")
        """)
        proc = subprocess.run([sys.executable, "-c", script, str(path)], timeout=30)
        assert proc.returncode == -signal.SIGKILL
        assert path.read_bytes() in (old, new)
        assert path.read_bytes() == old  # killed before the rename
    # And a run that is not killed replaces it whole.
    write_atomic(path, new)
    assert path.read_bytes() == new


def test_file_changed_since_check_is_not_fixed(draft, monkeypatch):
    path, result = draft
    edited = b"the user saved something else\n"
    # Simulate an editor saving between refcheck's read and its write.
    real_read = Path.read_bytes
    state = {"n": 0}

    def read_bytes(self):
        state["n"] += 1
        if state["n"] == 2:
            self.write_bytes(edited)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(InputError, match="changed while"):
        fix_file(path, [result])
    monkeypatch.undo()
    assert path.read_bytes() == edited


def test_read_only_folder_is_a_clear_error(draft, monkeypatch):
    path, result = draft
    before = _md5(path)

    def denied(*args, **kwargs):  # what mkstemp raises in a read-only folder (root ignores chmod)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(InputError, match="cannot write fixes.*Permission denied"):
        fix_file(path, [result])
    monkeypatch.undo()
    assert _md5(path) == before


def test_nothing_to_fix_writes_nothing(draft):
    path, result = draft
    before = path.stat().st_mtime_ns
    outcome = fix_file(path, [result_for(RawReference("x", 5, "x"), status="verified")])
    assert not outcome.written
    assert path.stat().st_mtime_ns == before
    with pytest.raises(InputError, match="standard input"):
        fix_file("-", [result])


# -- the command line ---------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "references" / "examples"
ZARATE = ("Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in "
          "treatment-resistant major depression. Arch Gen Psychiatry. 2007;63(8):856-864.")
ZARATE_BIB = """% my references
@article{zarate2006,
  author = {Zarate, Carlos A. and Singh, Jaskaran B. and Carlson, Paul J.},
  title = {A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression},
  journal = {Archives of General Psychiatry},
  year = {2007},
  volume = {63},
  number = {8},
  pages = {856--864},
  file = {notes/zarate.pdf},
}

@article{duman,
  author = {Duman, R. S. and Aghajanian, G. K.},
  title = {Synaptic plasticity and depression: new insights from stress and rapid-acting antidepressants},
  journal = {Nature Medicine}, year = {2016}, volume = {22}, number = {3}, pages = {238--249},
}
"""


def _documents(folder: Path) -> dict[str, bytes]:
    docs = {
        "d.txt": f"Intro from 2007.\r\n\r\nReferences\r\n\r\n1. {ZARATE}\r\n".encode(),
        "d.md": (EXAMPLES / "draft.md").read_bytes(),
        "d.html": (f"<html><body><p>Intro 2007.</p>\n<h2>References</h2>\n<ol>\n<li>{ZARATE}</li>\n</ol>"
                   "</body></html>\n").encode(),
        "d.tex": ("\\documentclass{article}\n\\begin{document}\nIntro 2007.\n\\begin{thebibliography}{9}\n"
                  f"\\bibitem{{zarate}} {ZARATE}\n\\end{{thebibliography}}\n\\end{{document}}\n").encode(),
        "d.bib": ZARATE_BIB.encode(),
    }
    for name, data in docs.items():
        (folder / name).write_bytes(data)
    return docs


def _run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    from refcheck.cli import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _offline(tmp_path: Path) -> list[str]:
    return ["--snapshot", str(EXAMPLES / "draft.snapshot.jsonl"), "--offline", "--cache", str(tmp_path / "c.sqlite")]


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit", "markdown"])
def test_without_fix_every_input_is_byte_identical(tmp_path, capsys, fmt):
    pytest.importorskip("refcheck.judge.verdict")
    docs_dir = tmp_path / "docs"
    docs_dir.mkdir()
    docs = _documents(docs_dir)
    snapshot = tmp_path / "snap.jsonl"
    snapshot.write_bytes((EXAMPLES / "draft.snapshot.jsonl").read_bytes())
    before = {p.name: _md5(p) for p in [*docs_dir.iterdir(), snapshot]}
    stats = {p.name: p.stat().st_mtime_ns for p in docs_dir.iterdir()}
    code, out, err = _run_cli(["check", *[str(docs_dir / n) for n in docs], "--format", fmt,
                               "--snapshot", str(snapshot), "--offline", "--cache", str(tmp_path / "c.sqlite")], capsys)
    assert code == 1, err
    assert {p.name: _md5(p) for p in [*docs_dir.iterdir(), snapshot]} == before
    assert {p.name: p.stat().st_mtime_ns for p in docs_dir.iterdir()} == stats
    assert sorted(p.name for p in docs_dir.iterdir()) == sorted(docs)  # no backup, no temp file


def test_fix_on_the_command_line_every_format(tmp_path, capsys):
    pytest.importorskip("refcheck.judge.verdict")
    docs = _documents(tmp_path)
    code, out, err = _run_cli(["check", *[str(tmp_path / n) for n in docs], "--fix", "--format", "json",
                               *_offline(tmp_path)], capsys)
    assert code == 1  # the report is of the document as it was checked
    for name in ("d.txt", "d.md", "d.html", "d.tex"):
        new = (tmp_path / name).read_bytes()
        old = docs[name]
        assert (tmp_path / (name + BACKUP_SUFFIX)).read_bytes() == old
        # Exactly one change: the cited 2007 → 2006 inside the Zarate reference.
        assert len(new) == len(old) and new != old, name
        diff = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
        assert len(diff) == 1 and old[diff[0]:diff[0] + 1] == b"7" and new[diff[0]:diff[0] + 1] == b"6", name
        assert b"2006;63(8)" in new or b"(2006). A randomized" in new, name
    assert (tmp_path / "d.txt").read_bytes().count(b"\r\n") == docs["d.txt"].count(b"\r\n")
    bib = (tmp_path / "d.bib").read_text()
    assert "@article{zarate2006," in bib and "year = {2006}" in bib and "file = {notes/zarate.pdf}" in bib
    assert bib.startswith("% my references\n")
    assert bib.endswith(ZARATE_BIB.split("\n\n", 1)[1])  # the verified entry is byte-identical
    assert "fixed 1 value(s) in" in err and "2007 → 2006" in err
    json_report = __import__("json").loads(out)
    assert json_report["summary"]["by_status"]["mismatch"] >= 4
    # Checking again finds no year problem left, and a second --fix writes nothing.
    code, out, err = _run_cli(["check", str(tmp_path / "d.md"), "--fix", *_offline(tmp_path)], capsys)
    assert "fixed" not in err


def test_fix_refuses_standard_input(tmp_path, capsys):
    code, out, err = _run_cli(["check", "-", "--fix", *_offline(tmp_path)], capsys)
    assert code == 2 and "standard input" in err and "Traceback" not in err


def test_report_written_over_a_checked_document_is_refused(tmp_path, capsys):
    docs = _documents(tmp_path)
    before = (tmp_path / "d.md").read_bytes()
    for target in ("d.md", "./d.md"):
        code, out, err = _run_cli(["check", str(tmp_path / "d.md"), "-o", str(tmp_path / target), *_offline(tmp_path)],
                                  capsys)
        assert code == 2 and "would be overwritten" in err
    assert (tmp_path / "d.md").read_bytes() == before == docs["d.md"]


def test_fix_from_the_library_corrects_the_file_without_a_second_extraction(tmp_path, monkeypatch):
    """``check_file(..., fix=True)`` fixes the checked file; the span comes with each reference."""
    import refcheck
    import refcheck.extract

    examples = Path(refcheck.__file__).resolve().parent.parent / "references" / "examples"
    draft_path = tmp_path / "draft.md"
    draft_path.write_bytes((examples / "draft.md").read_bytes())
    extract_calls = []
    real_extract = refcheck.extract.extract
    monkeypatch.setattr(refcheck.extract, "extract", lambda *a, **k: extract_calls.append(a) or real_extract(*a, **k))
    report = refcheck.check_file(draft_path, snapshot=str(examples / "draft.snapshot.jsonl"), offline=True, fix=True)
    outcome = report.documents[0].fix
    assert outcome is not None and outcome.written and not outcome.error
    assert [(e.field, e.old, e.new) for e in outcome.edits] == [("year", "2007", "2006")]
    assert "& Manji, H. K. (2006). A randomized trial" in draft_path.read_text(encoding="utf-8")
    assert len(extract_calls) <= 1  # the check's own extraction only


def test_fix_is_refused_for_a_string():
    import refcheck

    with pytest.raises(InputError, match="needs a file"):
        refcheck.check_text("References\n\n1. Doe J. A title. J Test. 2001;12:1-2.\n", offline=True, fix=True)
