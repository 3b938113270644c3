"""No catastrophic regexes: every hot path that runs regexes on document text stays linear.

Each hot path (extraction per format, ``parse_reference``, quote finding and
checking, the normalisers and name splitting) gets adversarial strings of
10 KB and 100 KB — repeated delimiters, unclosed quotes, runs of initials,
long digit runs, nested brackets, many "et al.", unclosed tags and braces —
both bare and placed where the path will look hardest (inside a reference
list entry). The time for 100 KB over the time for 10 KB must be at most
15× (linear is 10×; quadratic would be 100×). ``parse_reference`` cuts its input
at 20 KB, so its ``(<cut)`` paths compare 7.6 KB with 19 KB instead (bound 5.5×;
quadratic would be 6.25×) and allow 2 s for the 19 KB reference; they also get
payloads aimed at the parser's own rules (venues, editors, GB/T marks, ABNT
names, quotes, runs of marks that a word follows).

Each case runs in a forked worker with a time limit, so a catastrophic case
is reported as a timeout instead of hanging the run::

    python bench/regex_linearity.py            # all paths
    python bench/regex_linearity.py --path parse_reference --limit 120

Exit code 1 when any ratio exceeds the bound (or a case times out).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SMALL, LARGE = 10_000, 100_000
MAX_RATIO = 15.0

# name → a unit that is repeated to the wanted size (and an optional prefix/suffix).
PAYLOADS: dict[str, tuple[str, str, str]] = {
    "periods": ("", ". ", ""),
    "commas": ("", ", ", ""),
    "semicolons": ("", ";", ""),
    "colons": ("", ":", ""),
    "dots": ("", ".", ""),
    "spaces": ("x", " ", "x"),
    "whitespace-mix": ("x", " \t\u00a0", "x"),
    "newlines": ("x", "\n", "x"),
    "crlf-blank": ("x", "\r\n \r\n", "x"),
    "initials": ("Smith, ", "A. ", ""),
    "initials-tight": ("Smith ", "A.", ""),
    "initials-caps": ("Smith ", "AB ", ""),
    "surname-initials": ("", "Smith AB, ", ""),
    "apa-authors": ("", "Smith, A. B., ", "(2001)."),
    "et-al": ("Doe J, ", "et al. ", ""),
    "et-al-commas": ("", "Doe J, et al., ", ""),
    "and-chain": ("", "Doe and ", "Roe"),
    "digits": ("", "1", ""),
    "digits-dotted": ("", "1.", ""),
    "years": ("", "2001 ", ""),
    "year-parens": ("", "(2001) ", ""),
    "vol-issue-pages": ("", "12(3):45-67;", ""),
    "page-dashes": ("", "1-", "2"),
    "en-dashes": ("", "\u2013", ""),
    "hyphens": ("a", "-", "b"),
    "open-parens": ("", "(", ""),
    "nested-parens": ("", "(", ")"),  # balanced below
    "open-brackets": ("", "[", ""),
    "open-braces": ("", "{", ""),
    "close-braces": ("", "}", ""),
    "nested-braces": ("", "{", "}"),  # balanced below
    "unclosed-double-quote": ("\"", "word ", ""),
    "unclosed-curly-quote": ("\u201c", "word ", ""),
    "many-quotes": ("", "\"a\" ", ""),
    "quote-marks": ("", "\u201c", ""),
    "alternating-quotes": ("", "\u201c\u201d\"", ""),
    "lead-ins": ("", "As Carl Jung once wrote, ", ""),
    "said-names": ("", "\u201ca,\u201d said A B C. ", ""),
    "capital-words": ("", "Carl ", ""),
    "doi-prefix": ("doi:10.1234/", "a", ""),
    "doi-repeat": ("", "10.1234/", ""),
    "url-path": ("https://", "a/", ""),
    "url-repeat": ("", "http://", ""),
    "lt-signs": ("", "<", ""),
    "unclosed-tags": ("", "<a href=\"", ""),
    "unclosed-start-tags": ("", "<a ", ""),
    "unclosed-comments": ("", "<!--", ""),
    "bare-tag-opens": ("", "<x", ""),
    "tags": ("", "<b>", ""),
    "entities": ("", "&amp;", ""),
    "bare-amps": ("", "&", ""),
    "latex-commands": ("", "\\emph{", ""),
    "backslashes": ("", "\\", ""),
    "dollar": ("", "$", ""),
    "at-signs": ("", "@article{", ""),
    "bib-fields": ("@article{k,\n", "title = {", ""),
    "markers": ("", "1. ", ""),
    "bracket-markers": ("", "[1]", ""),
    "bullets": ("", "- ", ""),
    "hashes": ("", "#", ""),
    "stars": ("", "*", ""),
    "underscores": ("", "_", ""),
    "backticks": ("", "`", ""),
    "md-links": ("", "[a](", ""),
    "gt-quote": ("", "> ", ""),
    "em-dashes": ("", "\u2014 ", ""),
    "in-press": ("", "in press ", ""),
    "particles": ("", "van der ", "Berg"),
    "pp": ("", "pp. ", ""),
    "accents": ("", "\u00e9\u0301", ""),
    "ampersands-names": ("", "A & ", "B"),
}

# Shapes the reference parser's own rules look for (venues, editors, GB/T marks, ABNT lists, quotes),
# and runs of marks with something after them, so a regex anchored at the end must fail and retry.
# Only the parse_reference paths get these (the other paths have no rules for them).
PARSE_PAYLOADS: dict[str, tuple[str, str, str]] = {
    "towns": ("", "Town, ", ""),
    "venue-places": ("Proc. Int. Conf., ", "San Diego, ", "x"),
    "meeting-dates": ("Proc. Int. Conf., ", "May 8-10, ", ""),
    "year-first-dates": ("", "1986 Aug 15-17, ", ""),
    "glued-dates": ("Proc. Security ", "Oct. 15-19 ", ""),
    "eds-marks": ("", "(eds.) ", ""),
    "editors-initials": ("In ", "A. Editor, ", "(eds.) Book"),
    "in-words": ("", "In ", ""),
    "in-colons": ("", "In: ", ""),
    "gbt-marks": ("", "[C]//", ""),
    "proc-abbrevs": ("", "Proc. ", ""),
    "capitalised-words": ("", "Word ", "x"),
    "right-single-quotes": ("", "a\u2019 b ", ""),
    "left-single-quotes": ("", "\u2018a ", ""),
    "curly-quotes-in-quotes": ("", "\u201cA \u201cB ", ""),
    "abnt-authors": ("In: ", "SMITH, J.; ", "Book"),
    "caps-surnames": ("", "WANG Zihang, ", ""),
    "inverted-and": ("", "Biren, M.B. and ", ""),
    "dotted-names": ("", "Kim.S., ", ""),
    "periods-then-word": ("", ". ", "/"),
    "commas-then-word": ("", ", ", "/"),
    "marks-then-word": ("", " .;:", "x"),
}


def payload(name: str, size: int) -> str:
    prefix, unit, suffix = PAYLOADS[name] if name in PAYLOADS else PARSE_PAYLOADS[name]
    count = max(1, (size - len(prefix) - len(suffix)) // len(unit))
    if name.startswith("nested-"):
        count //= 2
        return prefix + unit * count + "x" + suffix * count
    return prefix + unit * count + suffix


# -- hot paths: each takes a payload and does what refcheck does with document text --------------


def _extract(fmt: str, context: Callable[[str], str]) -> Callable[[str], object]:
    def run(text: str) -> object:
        from refcheck.extract import extract

        return extract(context(text), fmt)

    return run


def _in_list(text: str) -> str:
    return "Intro.\n\nReferences\n\n1. " + text + "\n"


def _in_md_list(text: str) -> str:
    return "# Title\n\n## References\n\n- " + text + "\n"


def _in_html_list(text: str) -> str:
    return "<html><body><h2>References</h2><ol><li>" + text + "</li></ol></body></html>"


def _in_latex_list(text: str) -> str:
    return "\\begin{thebibliography}{9}\n\\bibitem{a} " + text + "\n\\end{thebibliography}\n"


def _in_bib_entry(text: str) -> str:
    return "@article{a,\n  title = {" + text + "},\n  year = {2001}\n}\n"


def _parse_reference(text: str) -> object:
    from refcheck.parse import parse_reference

    return parse_reference(text)


def _parse_reference_tail(text: str) -> object:
    from refcheck.parse import parse_reference

    return parse_reference("Doe J, Roe R. A title of a paper. J Test. " + text)


def _parse_reference_chapter(text: str) -> object:
    from refcheck.parse import parse_reference

    return parse_reference("Doe, J. (2001). A chapter title. In " + text)


def _parse_reference_title(text: str) -> object:
    from refcheck.parse import parse_reference

    return parse_reference("Doe, J. (2001). " + text + ". J Test 3, 1-2.")


def _find_quotations(text: str) -> object:
    from refcheck.quotes import find_quotations

    return find_quotations(text)


_TABLE = None


def _check_quotes(text: str) -> object:
    global _TABLE
    from refcheck.quotes import check_quotes, load_table

    if _TABLE is None:
        _TABLE = load_table(None)
    return check_quotes(text, _TABLE)


def _normalisers(text: str) -> object:
    from refcheck import normalize

    return (normalize.fold(text), normalize.clean_reference_text(text), normalize.strip_tags(text),
            normalize.collapse_whitespace(text), normalize.normalize_doi(text), normalize.expand_page_range(text))


def _latex_to_text(text: str) -> object:
    from refcheck.normalize import latex_to_text
    from refcheck.parse.text import fast_latex_to_text, preclean

    return latex_to_text(text), fast_latex_to_text(text), preclean(text)


def _names(text: str) -> object:
    from refcheck.parse.names import looks_like_names, split_names
    from refcheck.normalize import split_bibtex_names

    return split_names(text), looks_like_names(text), split_bibtex_names(text)


def _snapshot_search(text: str) -> object:
    from refcheck.resolve.snapshot import Snapshot

    global _SNAPSHOT
    if "_SNAPSHOT" not in globals():
        _SNAPSHOT = Snapshot.load(Path(__file__).resolve().parents[1] / "references" / "examples"
                                  / "draft.snapshot.jsonl")
    return _SNAPSHOT.search(text)


_SNAPSHOT: object


def _sniff(text: str) -> object:
    from refcheck.document import sniff_format

    return sniff_format(text)


HOT_PATHS: dict[str, Callable[[str], object]] = {
    "extract.text(bare)": _extract("text", lambda t: t),
    "extract.text(in list)": _extract("text", _in_list),
    "extract.markdown(bare)": _extract("markdown", lambda t: t),
    "extract.markdown(in list)": _extract("markdown", _in_md_list),
    "extract.html(bare)": _extract("html", lambda t: t),
    "extract.html(in list)": _extract("html", _in_html_list),
    "extract.latex(bare)": _extract("latex", lambda t: t),
    "extract.latex(in list)": _extract("latex", _in_latex_list),
    "extract.bibtex(bare)": _extract("bibtex", lambda t: t),
    "extract.bibtex(in entry)": _extract("bibtex", _in_bib_entry),
    "parse_reference": _parse_reference,
    "parse_reference(tail)": _parse_reference_tail,
    # parse_reference cuts its input at MAX_INPUT (20 KB), so 100 KB against 10 KB hides a quadratic rule
    # (at most 4× there): these compare 7.6 KB with 19 KB, below the cut (see CAPPED).
    "parse_reference(<cut)": _parse_reference,
    "parse_reference(chapter,<cut)": _parse_reference_chapter,
    "parse_reference(title,<cut)": _parse_reference_title,
    "find_quotations": _find_quotations,
    "check_quotes": _check_quotes,
    "normalisers": _normalisers,
    "latex_to_text": _latex_to_text,
    "names": _names,
    "snapshot.search": _snapshot_search,
    "sniff_format": _sniff,
}


# (small, large, bound) for the paths below parse_reference's cut: 2.5× the text, linear is 2.5×, quadratic
# 6.25×. Not 2 or 4 KB against 20 KB: some rules only start past 2-5 KB (a step, not a slope). And one
# reference of 19 KB must parse in under CAPPED_SECONDS whatever the ratio. 19 KB, not 20: with the text around
# the payload it must stay below the cut, or the cut changes what is parsed (a step again).
CAPPED: dict[str, tuple[int, int, float]] = {path: (7_600, 19_000, 5.5) for path in HOT_PATHS if "<cut" in path}
CAPPED_SECONDS = 2.0


def _timed(fn: Callable[[str], object], text: str, budget: float = 0.2) -> float:
    """Best time of repeated calls (at least 2, until ``budget`` seconds have been spent)."""
    best = float("inf")
    spent = 0.0
    runs = 0
    while runs < 2 or (spent < budget and runs < 50):
        started = time.perf_counter()
        fn(text)
        took = time.perf_counter() - started
        best = min(best, took)
        spent += took
        runs += 1
    return best


def _worker(conn: "mp.connection.Connection") -> None:
    import logging
    import warnings

    logging.disable(logging.WARNING)  # bibtexparser reports every unclosed entry; not what is measured here
    warnings.simplefilter("ignore")
    while True:
        task = conn.recv()
        if task is None:
            return
        path, name, size = task
        try:
            conn.send(("ok", _timed(HOT_PATHS[path], payload(name, size))))
        except Exception as exc:  # noqa: BLE001 - reported, never hidden
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class Runner:
    """A forked worker that runs one measurement at a time, replaced when it overruns."""

    def __init__(self) -> None:
        self.ctx = mp.get_context("fork")
        self._start()

    def _start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()

    def measure(self, path: str, name: str, size: int, limit: float) -> tuple[str, float | str]:
        self.conn.send((path, name, size))
        if self.conn.poll(limit):
            return self.conn.recv()
        self.proc.kill()
        self.proc.join()
        self._start()
        return ("timeout", f"over {limit:g} s")

    def close(self) -> None:
        self.conn.send(None)
        self.proc.join(5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", action="append", help="only these hot paths (repeatable)")
    parser.add_argument("--payload", action="append", help="only these payloads (repeatable)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per 100 KB measurement")
    parser.add_argument("--verbose", action="store_true", help="print every case, not only the worst per path")
    args = parser.parse_args(argv)
    paths = args.path or list(HOT_PATHS)
    runner = Runner()
    failures: list[str] = []
    summary: list[tuple[str, float, str, float, float]] = []
    started = time.perf_counter()
    for path in paths:
        worst = (0.0, "", 0.0, 0.0)
        names = args.payload or list(PAYLOADS) + (list(PARSE_PAYLOADS) if path.startswith("parse_reference") else [])
        for name in names:
            small_size, large_size, bound = CAPPED.get(path, (SMALL, LARGE, MAX_RATIO))
            status, small = runner.measure(path, name, small_size, args.limit / 4)
            if status != "ok":
                failures.append(f"{path} / {name} @{small_size / 1000:g}KB: {status} {small}")
                continue
            status, large = runner.measure(path, name, large_size, args.limit)
            if status != "ok":
                failures.append(f"{path} / {name} @{large_size / 1000:g}KB: {status} {large}")
                continue
            # Below ~50 µs a 10 KB run measures call overhead, not the regexes: floor it.
            ratio = large / max(small, 5e-5)  # type: ignore[operator]
            if args.verbose:
                print(f"  {path:28} {name:24} small {small * 1e3:8.2f} ms  large {large * 1e3:9.2f} ms  ×{ratio:5.1f}")
            if (ratio > bound and large > 0.005) or (path in CAPPED and large > CAPPED_SECONDS):  # type: ignore[operator]
                failures.append(f"{path} / {name}: ratio {ratio:.1f} ({small_size / 1000:g}KB {small * 1e3:.2f} ms, "
                                f"{large_size / 1000:g}KB {large * 1e3:.1f} ms)")
            if ratio > worst[0]:
                worst = (ratio, name, small, large)  # type: ignore[assignment]
        summary.append((path, *worst))
    runner.close()
    print(f"\n{'hot path':30} {'worst payload':24} {'10 KB':>10} {'100 KB':>11} {'ratio':>7}  (<cut: 7.6/19 KB)")
    for path, ratio, name, small, large in summary:
        print(f"{path:30} {name:24} {small * 1e3:8.2f}ms {large * 1e3:9.2f}ms {ratio:6.1f}×")
    print(f"\n{len(paths)} hot paths × {len(PAYLOADS)} payloads (+{len(PARSE_PAYLOADS)} for parse_reference) in {time.perf_counter() - started:.0f} s; "
          f"bound {MAX_RATIO:g}× (<cut paths: 7.6 KB/19 KB, bound {next(iter(CAPPED.values()))[2]:g}×; "
          "ignored when the larger run takes < 5 ms)")
    if failures:
        print(f"\nFAILED ({len(failures)}):")
        for failure in failures:
            print("  " + failure)
        return 1
    print("all linear")
    return 0


if __name__ == "__main__":
    sys.exit(main())
