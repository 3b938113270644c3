"""How close the resolve stage runs to Crossref's polite-pool limits, and how fast a cached run is.

Runs against the loopback fake in tests/crossref_fake.py (no internet), which
here adds 150 ms of latency and enforces the polite pool's limits, answering
429 when they are exceeded (3 searches/s, 10 look-ups/s, 3 concurrent).

1. N searches + N DOI look-ups, cold cache: wall time against the floor
   (searches/3 + look-ups/10 seconds; target ratio <= 1.15) and the number of
   429s (target 0).
2. 100 references, every answer already cached: wall time (target < 1 s) and
   requests sent (must be 0).
3. Crossref unreachable (a closed loopback port), default retries and
   back-off: wall time for ``--unreachable`` references with the circuit
   breaker, and with the breaker held shut, as a ratio.

    python bench/resolve_speed.py [--n 30]
"""

from __future__ import annotations

import argparse
import copy
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crossref_fake import RECORDS, REFERENCE_TEXTS, FakeCrossref  # noqa: E402

from refcheck.model import Reference  # noqa: E402
from refcheck.options import POLITE_LOOKUP_RATE, POLITE_SEARCH_RATE, Options  # noqa: E402
from refcheck.resolve import resolve_all  # noqa: E402


def synthetic_record(i: int) -> dict:
    """A made-up record (clearly synthetic DOI prefix 10.5555) so every look-up is distinct."""
    record = copy.deepcopy(RECORDS[i % len(RECORDS)])
    record["DOI"] = f"10.5555/bench.{i}"
    record["title"] = [f"{record['title'][0]} (benchmark copy {i})"]
    return record


def references(fake: FakeCrossref, searches: int, lookups: int, start: int = 0) -> list[Reference]:
    texts = list(REFERENCE_TEXTS.values())
    refs = []
    for i in range(start, start + lookups):
        record = synthetic_record(i)
        fake.records[record["DOI"]] = record
        refs.append(Reference(f"d{i}", "article", {"doi": record["DOI"]}, "", i))
    for i in range(start, start + searches):
        refs.append(Reference(f"s{i}", "article", {}, f"{texts[i % len(texts)]} (copy {i})", 1000 + i))
    return refs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="searches and look-ups each (default 30)")
    parser.add_argument("--latency", type=float, default=0.150)
    parser.add_argument("--unreachable", type=int, default=30, help="references for the unreachable run")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory() as tmp, FakeCrossref.serve() as fake:
        options = Options(mailto="bench@example.org", crossref_url=fake.url, cache=f"{tmp}/crossref.sqlite",
                          max_retry_wait=2.0)
        fake.latency = args.latency
        fake.enforce_limits(POLITE_SEARCH_RATE, POLITE_LOOKUP_RATE, options.effective_concurrency)

        refs = references(fake, args.n, args.n)
        started = time.monotonic()
        lookups = resolve_all(refs, options)
        wall = time.monotonic() - started
        floor = args.n / POLITE_SEARCH_RATE + args.n / POLITE_LOOKUP_RATE
        too_many = fake.statuses().count(429)
        errors = sum(1 for lk in lookups if lk.error)
        print(f"cold run: {args.n} searches + {args.n} look-ups, {args.latency * 1000:.0f} ms latency, polite limits")
        print(f"  wall {wall:.2f} s, floor {floor:.2f} s, ratio {wall / floor:.3f} (target <= 1.15)")
        print(f"  429s: {too_many} (target 0), unresolved: {errors}, requests: {fake.count()}")
        print(f"  busiest second at the server: {fake.max_per_window('search')} searches, "
              f"{fake.max_per_window('lookup')} look-ups")

        # Fill the cache for 100 references in all (the extra ones quickly, limits off).
        extra = max(0, 100 - len(refs))
        fake.enforce_limits(None, None, None)  # type: ignore[arg-type]
        fake.latency = 0.0
        more = references(fake, extra // 2, extra - extra // 2, start=args.n)
        resolve_all(more, options.replace(search_rate=500.0, lookup_rate=500.0, concurrency=8))
        every = (refs + more)[:100]

        before = fake.count()
        started = time.monotonic()
        cached = resolve_all(every, options)
        wall_cached = time.monotonic() - started
        print(f"cached run: {len(every)} references")
        print(f"  wall {wall_cached:.3f} s (target < 1 s), requests sent: {fake.count() - before}, "
              f"served from cache: {sum(1 for lk in cached if lk.source == 'cache')}")
        ok = wall / floor <= 1.15 and too_many == 0 and wall_cached < 1.0 and fake.count() == before

        closed = f"http://127.0.0.1:{_closed_port()}"
        down = [Reference(f"u{i}", "article", {"title": f"Unreachable {i}"}, f"Unreachable study {i}. J X. 2020.", i)
                for i in range(args.unreachable)]
        down_options = options.replace(crossref_url=closed, cache=f"{tmp}/down.sqlite")
        started = time.monotonic()
        resolve_all(down, down_options)
        with_breaker = time.monotonic() - started
        import refcheck.resolve.crossref as crossref_module

        real_breaker = crossref_module.Breaker
        crossref_module.Breaker = lambda: real_breaker(failures_to_open=10**9)  # type: ignore[assignment,misc]
        try:
            started = time.monotonic()
            resolve_all(down, down_options.replace(cache=f"{tmp}/down2.sqlite"))
            without = time.monotonic() - started
        finally:
            crossref_module.Breaker = real_breaker  # type: ignore[misc]
        print(f"Crossref unreachable: {len(down)} references")
        print(f"  with the breaker {with_breaker:.2f} s, without {without:.2f} s, ratio {with_breaker / without:.3f}")
    return 0 if ok else 1


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
