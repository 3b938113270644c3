"""Fuzz refcheck's text stages with hypothesis: many inputs, every failure counted, none hidden.

Each target runs a property over generated documents (the strategies of
tests/test_hardening.py: arbitrary Unicode mixed with headings, list markers,
BibTeX, LaTeX, HTML, quotation marks, control characters, NUL, ``\\r\\n``/``\\r``
and BOMs) and records, instead of stopping at, every exception, every broken
invariant and every input slower than ``--slow`` seconds. Targets run in
parallel processes. Not part of the test suite (too slow)::

    python bench/fuzz.py                     # ~110,000 inputs
    python bench/fuzz.py --scale 0.1         # a quick run
    python bench/fuzz.py --target parse_reference --scale 2

Exit code 1 if anything failed; the smallest failing input of each kind is printed.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

EXAMPLES = ROOT / "references" / "examples"

# target → number of inputs at --scale 1
TARGETS: dict[str, int] = {
    "extract:text": 12_000,
    "extract:markdown": 12_000,
    "extract:html": 10_000,
    "extract:latex": 12_000,
    "extract:bibtex": 12_000,
    "decode+extract(bytes)": 6_000,
    "parse_reference": 20_000,
    "find_quotations": 10_000,
    "check_quotes": 5_000,
    "fix_text": 6_000,
    "check_text(offline)": 3_000,
}


class Slow(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Slow("over the time limit")


# -- properties: each raises AssertionError for a broken invariant ----------------------------------


def _lines(text: str) -> int:
    from refcheck.extract.common import split_lines

    return len(split_lines(text))


def prop_extract(fmt: str) -> Callable[[str], None]:
    def check(text: str) -> None:
        from refcheck.extract import extract
        from refcheck.fix import locate

        document = extract(text, fmt)
        n = _lines(text)
        for ref in document.references:
            assert 1 <= ref.line <= n, f"line {ref.line} outside 1..{n}"
            if fmt in ("text", "markdown", "latex", "bibtex") and ref.raw.strip():
                assert locate(text, ref) is not None, "raw slice not found where the reference starts"
        assert isinstance(document.body, str)

    return check


def prop_bytes(data: bytes) -> None:
    from refcheck.document import decode, sniff_format
    from refcheck.errors import InputError
    from refcheck.extract import extract

    try:
        text = decode(data, "fuzz")
    except InputError:
        return
    extract(text, sniff_format(text))


def prop_parse(text: str) -> None:
    from refcheck.parse import parse_reference

    entry = parse_reference(text)
    assert entry is not None


def prop_find_quotations(text: str) -> None:
    from refcheck.quotes import find_quotations

    for found in find_quotations(text):
        assert found.line >= 1


_TABLE: Any = None


def prop_check_quotes(text: str) -> None:
    global _TABLE
    from refcheck.quotes import check_quotes, load_table

    if _TABLE is None:
        _TABLE = load_table(None)
    for result in check_quotes(text, _TABLE):
        assert result.status in ("misattributed", "attribution_mismatch", "paraphrase", "genuine", "unverified",
                                 "disputed"), result.status


def prop_fix_text(args: tuple[str, str, list[tuple[str, str, str]]]) -> None:
    """Fixing one reference changes nothing outside that reference's source span."""
    from refcheck.extract import extract
    from refcheck.fix import fix_text, locate
    from refcheck.model import Problem, Reference, ReferenceResult

    text, fmt, problems = args
    raws = extract(text, fmt).references
    for i, raw in enumerate(raws[:5]):
        result = ReferenceResult(Reference(f"k{i}", "article", {}, raw.text, raw.line, source=raw), "mismatch",
                                 problems=tuple(Problem(f, c, v, "error", "") for f, c, v in problems),
                                 suggested_bibtex="@article{x,\n  year = {2002},\n}" if fmt == "bibtex" else None)
        fixed = fix_text(text, fmt, [result]).text
        if fixed == text:
            continue
        span = locate(text, raw)
        assert span is not None, "changed a reference it cannot locate"
        start, end = span
        prefix = 0
        while prefix < min(len(text), len(fixed)) and text[prefix] == fixed[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(text), len(fixed)) - prefix and text[-1 - suffix] == fixed[-1 - suffix]:
            suffix += 1
        assert prefix >= start and len(text) - suffix <= end, "changed text outside the reference's span"


_OPTIONS: Any = None


def prop_check_text(args: tuple[str, str | None]) -> None:
    global _OPTIONS
    from refcheck.check import check_text
    from refcheck.model import STATUSES
    from refcheck.options import Options

    if _OPTIONS is None:
        import tempfile

        _OPTIONS = Options(offline=True, snapshot=str(EXAMPLES / "draft.snapshot.jsonl"),
                           cache=str(Path(tempfile.mkdtemp()) / "crossref.sqlite"))
    text, fmt = args
    report = check_text(text, fmt, options=_OPTIONS)
    for result in report.references:
        assert result.status in STATUSES
    report.to_json()
    list(report)


# -- strategies ------------------------------------------------------------------------------------


def strategy(target: str):  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    from test_hardening import texts  # the same generators the test suite uses

    from refcheck.model import FORMATS

    if target == "decode+extract(bytes)":
        return st.one_of(st.binary(max_size=400), texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                         texts.map(lambda t: t.encode("utf-16")),
                         st.tuples(texts, st.binary(max_size=8)).map(lambda p: p[0].encode() + p[1]))
    if target == "fix_text":
        values = st.sampled_from(["2001", "2013", "12", "4", "1-2", "250-256", "10.1000/abc", "x", "", " ", "\n",
                                  "2001\n", "<b>", "}", "](", "\u2013", "74"])
        fields = st.sampled_from(["year", "volume", "issue", "pages", "doi", "title", "author"])
        return st.tuples(texts, st.sampled_from(("text", "markdown", "html", "latex", "bibtex")),
                         st.lists(st.tuples(fields, values, values), max_size=4))
    if target == "check_text(offline)":
        return st.tuples(texts, st.sampled_from((None, *FORMATS)))
    return texts


def prop(target: str) -> Callable[[Any], None]:
    if target.startswith("extract:"):
        return prop_extract(target.split(":", 1)[1])
    return {
        "decode+extract(bytes)": prop_bytes,
        "parse_reference": prop_parse,
        "find_quotations": prop_find_quotations,
        "check_quotes": prop_check_quotes,
        "fix_text": prop_fix_text,
        "check_text(offline)": prop_check_text,
    }[target]


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "refcheck" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__} at {where}: {str(exc)[:120]}"


def run_target(job: tuple[str, int, float, int]) -> dict[str, Any]:
    target, count, slow, seed = job
    import logging

    logging.disable(logging.WARNING)  # extraction warns about odd input; that is not a failure
    from hypothesis import HealthCheck, Phase, given, settings

    check = prop(target)
    failures: dict[str, tuple[int, Any]] = {}  # signature → (count, smallest input)
    stats = {"inputs": 0, "slowest": 0.0}
    signal.signal(signal.SIGALRM, _alarm)

    @settings(max_examples=count, database=None, deadline=None, phases=(Phase.generate,),
              suppress_health_check=list(HealthCheck), derandomize=False)
    @given(strategy(target))
    def fuzz(value: Any) -> None:
        stats["inputs"] += 1
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, slow)
        try:
            check(value)
        except Exception as exc:  # noqa: BLE001 - counting, not hiding
            key = "slow (over the limit)" if isinstance(exc, Slow) else _signature(exc)
            seen, smallest = failures.get(key, (0, value))
            if len(repr(value)) < len(repr(smallest)):
                smallest = value
            failures[key] = (seen + 1, smallest)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            stats["slowest"] = max(stats["slowest"], time.perf_counter() - started)

    started = time.perf_counter()
    fuzz()
    return {"target": target, "inputs": stats["inputs"], "seconds": time.perf_counter() - started,
            "slowest": stats["slowest"], "failures": {k: (n, repr(v)[:600]) for k, (n, v) in failures.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every target's number of inputs")
    parser.add_argument("--target", action="append", choices=list(TARGETS), help="only these targets")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds after which one input counts as a hang")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    jobs = [(t, max(1, int(TARGETS[t] * args.scale)), args.slow, i) for i, t in enumerate(args.target or TARGETS)]
    started = time.perf_counter()
    with mp.get_context("fork").Pool(args.jobs, maxtasksperchild=1) as pool:
        results = pool.map(run_target, jobs, chunksize=1)
    total = sum(r["inputs"] for r in results)
    failed = 0
    print(f"{'target':24} {'inputs':>8} {'seconds':>8} {'slowest':>8}  failures")
    for r in results:
        n_fail = sum(n for n, _ in r["failures"].values())
        failed += n_fail
        print(f"{r['target']:24} {r['inputs']:>8} {r['seconds']:>8.1f} {r['slowest']:>7.3f}s  {n_fail}")
    print(f"{'total':24} {total:>8} {time.perf_counter() - started:>8.1f}")
    for r in results:
        for key, (n, smallest) in r["failures"].items():
            print(f"\n[{r['target']}] {n}× {key}\n  smallest input: {smallest}")
    print(f"\n{total} inputs, {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
