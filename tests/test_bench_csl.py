"""bench/csl_rendered.py runs end to end on a tiny slice: every rendered citation comes back judged.

Skips where ../shared/data (records, CSL styles) or citeproc-py is absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "csl_rendered.py"


@pytest.fixture(scope="module")
def bench():
    pytest.importorskip("citeproc")
    spec = importlib.util.spec_from_file_location("csl_rendered", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["csl_rendered"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_two_records_in_two_styles_all_come_back(bench, shared_data: Path) -> None:
    if not (shared_data / "csl-styles").is_dir():
        pytest.skip("../shared/data/csl-styles is not present")
    records = bench.usable_records(shared_data)
    assert records and all(bench.usable(r) for r in records)
    halves = bench.split_halves(["apa", "ieee"])
    assert halves == {"apa": "dev", "ieee": "dev"}  # their places among the 30 styles, not among these two

    entries, drawn = bench.build_entries(shared_data / "csl-styles", halves, records, 2, seed=3)
    clean = [e for e in entries if not e.planted]
    assert len(clean) == 4 and len(drawn) <= 4 and set(halves) == {"apa", "ieee"}
    for entry in clean:  # the record's title is what the style printed (face markup dropped, case aside)
        record = next(r for r in records if str(r["DOI"]).lower() == entry.doi)
        assert bench.contains(entry.text, bench.first_text(record["title"]).split(":")[0])
    planted = [e for e in entries if e.planted]
    assert planted and all(e.planted in bench.PLANTED_FIELDS for e in planted)
    assert all(p.text != c.text for p in planted for c in clean if c.doi == p.doi and c.style == p.style)

    results = bench.check_entries(entries, records)
    assert len(results) == len(entries)  # items in = items out, in order
    assert [(r.style, r.doi, r.planted) for r in results] == [(e.style, e.doi, e.planted) for e in entries]
    for result in results:
        assert result.status in {"verified", "mismatch", "not_found", "unverifiable", "ambiguous", "unresolved", "lost"}
        assert (result.references == 0) == (result.status == "lost")
        assert set(result.parsed) == (set(bench.PARSE_FIELDS) if result.references else set())
    scored = sum(bench.field_agrees(r, "year")[0] for r in results if not r.planted)
    assert scored == 4  # every style here prints the year, so every correct entry has a year to score
