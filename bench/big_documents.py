"""Big documents, fully cached: whole-process time and peak memory of ``refcheck check``.

A Markdown draft of N distinct references (half cite a DOI, half are found by
bibliographic search; every work is a synthetic record on the loopback fake
Crossref from tests/crossref_fake.py) is checked once to warm a fresh cache,
then timed as a pre-commit hook would run it: a new ``python -m refcheck
check --offline`` process, every answer from the cache, quotations checked.

Targets for N = 1,000: under 3 s wall and under 200 MB peak RSS; memory should
grow linearly from 100 to 1,000 to 5,000 references.

    python bench/big_documents.py [--sizes 100 1000 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from crossref_fake import FakeCrossref, _work  # noqa: E402

WORDS = ("ketamine synaptic plasticity depression receptor cortex rapid antidepressant effects stress glutamate "
         "serotonin trial randomized placebo cohort infusion response remission network signalling mouse human "
         "longitudinal imaging hippocampal neurons memory anxiety treatment resistant major clinical outcomes").split()
SURNAMES = ("Murrough Duman Zarate Berman Krystal Sanacora Aghajanian Nutt Carhart Liston Sampson Charney Mathew "
            "Iosifescu Perez Pillemer Stern Parides Collins Singh Carlson Brutsche Ameli Luckenbaugh Manji Li Lee "
            "Liu Banasr Dwyer Iwata").split()
JOURNALS = ("Biological Psychiatry", "Nature Medicine", "Journal of Psychopharmacology", "Molecular Psychiatry",
            "American Journal of Psychiatry", "Neuron", "Science", "JAMA Psychiatry")


def make_works(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    works = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize() + f" {i}"
        authors = [(f"{rng.choice('ABCDEFGHJKLMNPRST')}.", rng.choice(SURNAMES)) for _ in range(rng.randint(1, 6))]
        year = rng.randint(1990, 2024)
        first = rng.randint(1, 2000)
        works.append(_work(f"10.5555/big.{i}", title, authors, rng.choice(JOURNALS), "", str(rng.randint(1, 99)),
                           str(rng.randint(1, 12)), f"{first}-{first + rng.randint(3, 20)}", [year], [year],
                           "Bench Press", ["0000-0000"]))
    return works


def reference_text(work: dict) -> str:
    people = work["author"]
    names = ", ".join(f"{p['family']}, {p['given']}" for p in people[:-1])
    names = (names + ", & " if names else "") + f"{people[-1]['family']}, {people[-1]['given']}"
    year = work["issued"]["date-parts"][0][0]
    text = (f"{names} ({year}). {work['title'][0]}. *{work['container-title'][0]}*, {work['volume']}"
            f"({work['issue']}), {work['page']}.")
    return text


def make_document(works: list[dict]) -> str:
    lines = ["# A long review", "", "Ketamine's rapid effect has been studied widely (see below).", "",
             "As Carl Jung once wrote, “Who looks outside, dreams; who looks inside, awakes.”", "", "## References", ""]
    for i, work in enumerate(works, 1):
        text = reference_text(work)
        if i % 2:
            text += f" https://doi.org/{work['DOI']}"
        lines.append(f"{i}. {text}")
    return "\n".join(lines) + "\n"


class IndexedFake(FakeCrossref):
    """The fake, with searches answered from an index of the exact reference strings (O(1) per query)."""

    index: dict[str, dict] = {}

    def _search(self, request, headers):  # type: ignore[no-untyped-def]
        from werkzeug import Response

        query = " ".join(request.args.get("query.bibliographic", "").split())
        record = self.index.get(query)
        items = [{**record, "score": 120.0}] if record else []
        body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                "message": {"facets": {}, "total-results": len(items), "items": items, "items-per-page": 5,
                            "query": {"start-index": 0, "search-terms": None}}}
        return Response(json.dumps(body), status=200, headers=headers, content_type="application/json")


def warm(doc: Path, works: list[dict], cache: Path, url_holder: list[str]) -> dict:
    """Check the document once against the fake, filling the cache; returns the status counts."""
    from refcheck.check import check_paths
    from refcheck.extract import extract_file
    from refcheck.options import Options
    from refcheck.parse import parse_references

    with IndexedFake.serve() as fake:
        fake.records.update({w["DOI"].lower(): w for w in works})
        fake.limit_headers = {}  # else the client slows to the polite pool's 10/s while warming
        refs = parse_references(extract_file(str(doc)).references)
        IndexedFake.index = {" ".join(r.text.split()): w for r, w in zip(refs, works)}
        url_holder.append(fake.url)
        options = Options(mailto="bench@example.org", crossref_url=fake.url, cache=str(cache), search_rate=2000.0,
                          lookup_rate=2000.0, concurrency=8, check_quotes=False)
        report = check_paths([str(doc)], options)
    return report.summary()["by_status"]


def measure(n: int, repeat: int, folder: Path) -> dict:
    works = make_works(n)
    doc = folder / f"draft-{n}.md"
    doc.write_text(make_document(works), encoding="utf-8")
    cache = folder / f"cache-{n}" / "crossref.sqlite"
    url: list[str] = []
    started = time.perf_counter()
    warmed = warm(doc, works, cache, url)
    warm_seconds = time.perf_counter() - started
    runs = []
    for _ in range(repeat):
        # /usr/bin/time -v would do as well; wait4 gives this child's own peak RSS.
        runs.append(_one(doc, cache, url[0]))
    best = min(runs, key=lambda r: r[0])
    return {"n": n, "bytes": doc.stat().st_size, "warm_s": warm_seconds, "warm_statuses": warmed,
            "wall_s": best[0], "walls": [round(r[0], 2) for r in runs], "peak_mb": max(r[1] for r in runs),
            "statuses": best[3]["by_status"], "unresolved": best[3]["by_status"]["unresolved"]}


def _one(doc: Path, cache: Path, url: str) -> tuple[float, float, int, dict]:
    cmd = [sys.executable, "-m", "refcheck", "check", str(doc), "--format", "json", "--offline", "--cache", str(cache),
           "--crossref-url", url]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=doc.parent)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 1):
            raise SystemExit(f"refcheck failed ({code}): {err.read().decode()[-2000:]}")
        summary = json.loads(out.read())["summary"]
    return wall, usage.ru_maxrss / 1024, code, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            result = measure(n, args.repeat, Path(tmp))
            results.append(result)
            print(f"{n:>6} refs {result['bytes'] / 1024:8.0f} KB  warm {result['warm_s']:6.1f} s  "
                  f"check {result['wall_s']:6.2f} s (runs {result['walls']})  peak {result['peak_mb']:6.1f} MB  "
                  f"unresolved {result['unresolved']}  {result['statuses']}", flush=True)
    ok = True
    by_n = {r["n"]: r for r in results}
    if 1000 in by_n:
        r = by_n[1000]
        ok &= r["wall_s"] < 3.0 and r["peak_mb"] < 200 and r["unresolved"] == 0
        print(f"\n1,000 references: {r['wall_s']:.2f} s (target < 3 s), {r['peak_mb']:.0f} MB (target < 200 MB)")
    if len(results) >= 2:
        base = results[0]
        print("memory growth (MB per extra 1,000 references, over the smallest run):")
        for r in results[1:]:
            slope = (r["peak_mb"] - base["peak_mb"]) / ((r["n"] - base["n"]) / 1000)
            print(f"  {base['n']} → {r['n']}: {slope:.1f} MB / 1,000 refs")
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
