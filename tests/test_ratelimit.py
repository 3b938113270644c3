"""The rate limiter: pure scheduling with a fake clock, and real threads."""

from __future__ import annotations

import threading
import time

import pytest

from refcheck.resolve.ratelimit import FakeClock, RateLimiter


def make(rates, concurrency=1, margin=0.0):
    clock = FakeClock()
    return RateLimiter(rates, concurrency, clock=clock, sleep=clock.sleep, margin=margin), clock


def test_requests_of_a_kind_are_evenly_spaced():
    limiter, _ = make({"search": 4.0})
    assert [limiter.reserve("search") for _ in range(4)] == [0.0, 0.25, 0.5, 0.75]


def test_kinds_are_paced_apart():
    limiter, _ = make({"search": 1.0, "lookup": 10.0})
    assert limiter.reserve("search") == 0.0
    assert limiter.reserve("lookup") == 0.0
    assert limiter.reserve("lookup") == pytest.approx(0.1)
    assert limiter.reserve("search") == pytest.approx(1.0)


def test_an_idle_limiter_does_not_bank_a_burst():
    limiter, clock = make({"search": 2.0})
    limiter.reserve("search")
    clock.sleep(10)
    assert limiter.reserve("search") == 0.0
    assert limiter.reserve("search") == pytest.approx(0.5)


def test_margin_makes_spacing_a_little_wider():
    limiter, _ = make({"search": 1.0}, margin=0.05)
    limiter.reserve("search")
    assert limiter.reserve("search") == pytest.approx(1.05)


def test_unknown_kind_is_not_paced():
    limiter, _ = make({"search": 1.0})
    assert [limiter.reserve("other") for _ in range(3)] == [0.0, 0.0, 0.0]


def test_slow_down_only_lowers_the_rate():
    limiter, _ = make({"lookup": 10.0})
    limiter.slow_down("lookup", 50.0)
    assert limiter.rate("lookup") == 10.0
    limiter.slow_down("lookup", 2.0)
    assert limiter.rate("lookup") == 2.0
    limiter.reserve("lookup")
    assert limiter.reserve("lookup") == pytest.approx(0.5)


def test_pause_holds_every_kind():
    limiter, _ = make({"search": 10.0, "lookup": 10.0})
    limiter.pause(3.0)
    assert limiter.reserve("search") == pytest.approx(3.0)
    assert limiter.reserve("lookup") == pytest.approx(3.0)


def test_slot_sleeps_until_the_booked_time():
    limiter, clock = make({"search": 2.0})
    starts = []
    for _ in range(3):
        with limiter.slot("search"):
            starts.append(clock())
    assert starts == [0.0, 0.5, 1.0]


def test_limit_concurrency_never_raises_it():
    limiter, _ = make({}, concurrency=3)
    limiter.limit_concurrency(5)
    assert limiter.concurrency == 3
    limiter.limit_concurrency(1)
    assert limiter.concurrency == 1


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        RateLimiter({"search": 0}, 1)
    with pytest.raises(ValueError):
        RateLimiter({}, 0)


def test_threads_never_exceed_concurrency_or_rate():
    limiter = RateLimiter({"lookup": 100.0}, concurrency=2, margin=0.0)
    active = 0
    peak = 0
    starts: list[float] = []
    lock = threading.Lock()

    def worker():
        nonlocal active, peak
        for _ in range(5):
            with limiter.slot("lookup"):
                with lock:
                    active += 1
                    peak = max(peak, active)
                    starts.append(time.monotonic())
                time.sleep(0.005)
                with lock:
                    active -= 1

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak <= 2
    starts.sort()
    assert len(starts) == 30
    # The i-th start is never earlier than i/100 s after the first (no burst), give or take
    # how late the first thread was woken; single gaps can be shorter when one thread wakes late.
    assert all(start - starts[0] >= i * 0.01 - 0.005 for i, start in enumerate(starts))
