"""Client-side pacing for Crossref: requests per second per kind, and how many at once.

Crossref grants each user a rate per kind of request (searches and DOI look-ups
are counted apart since December 2025) and a number of concurrent requests;
going over earns a 429. :class:`RateLimiter` keeps inside both:

* **interval scheduling** per kind: request *n* of a kind may start no earlier
  than request *n-1* plus ``(1 + margin) / rate`` — evenly spaced, never a
  burst, with a small margin so network jitter cannot squeeze two starts
  closer than the server allows;
* a **concurrency limit** shared by every kind (a counting semaphore that can
  be lowered when Crossref's ``x-concurrency-limit`` header says so).

The limiter is thread-safe and takes its clock and sleep as arguments, so the
scheduling can be tested with a fake clock:

>>> clock = FakeClock()
>>> limiter = RateLimiter({"search": 2.0}, concurrency=1, clock=clock, sleep=clock.sleep, margin=0)
>>> [limiter.reserve("search") for _ in range(3)]
[0.0, 0.5, 1.0]
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, Mapping

DEFAULT_MARGIN = 0.04  # 4 % slower than the granted rate: jitter must not earn a 429


class RateLimiter:
    """Per-kind interval scheduling plus a shared concurrency limit.

    ``rates`` maps a kind (``"search"``, ``"lookup"``) to requests per second;
    a kind not named is not paced. Use :meth:`slot` around each request that
    goes to the network (cache hits should not take a slot).
    """

    def __init__(
        self,
        rates: Mapping[str, float],
        concurrency: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        margin: float = DEFAULT_MARGIN,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._rates = {kind: float(rate) for kind, rate in rates.items()}
        for kind, rate in self._rates.items():
            if rate <= 0:
                raise ValueError(f"rate for {kind!r} must be positive")
        self._margin = margin
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._concurrency = concurrency
        self._active = 0
        self._free = threading.Condition()

    # -- decisions (pure given the clock) ---------------------------------

    def rate(self, kind: str) -> float | None:
        with self._lock:
            return self._rates.get(kind)

    @property
    def concurrency(self) -> int:
        with self._free:
            return self._concurrency

    def interval(self, kind: str) -> float:
        rate = self.rate(kind)
        return 0.0 if rate is None else (1.0 + self._margin) / rate

    def reserve(self, kind: str) -> float:
        """Book the next start time for ``kind``; return how long to wait for it."""
        with self._lock:
            now = self._clock()
            rate = self._rates.get(kind)
            if rate is None:
                return 0.0
            start = max(now, self._next.get(kind, now))
            self._next[kind] = start + (1.0 + self._margin) / rate
            return start - now

    def slow_down(self, kind: str, rate: float) -> None:
        """Lower the rate of ``kind`` to ``rate`` (never raises it)."""
        if rate <= 0:
            return
        with self._lock:
            current = self._rates.get(kind)
            if current is None or rate < current:
                self._rates[kind] = rate

    def limit_concurrency(self, concurrency: int) -> None:
        """Lower the concurrency limit (never raises it, never below 1)."""
        with self._free:
            if 1 <= concurrency < self._concurrency:
                self._concurrency = concurrency

    def pause(self, seconds: float, kinds: tuple[str, ...] | None = None) -> None:
        """Start no request of these kinds (default: all) for ``seconds`` — after a 429."""
        with self._lock:
            until = self._clock() + seconds
            for kind in kinds or tuple(self._rates):
                if self._next.get(kind, 0.0) < until:
                    self._next[kind] = until

    # -- doing -------------------------------------------------------------

    def acquire_concurrency(self) -> None:
        with self._free:
            while self._active >= self._concurrency:
                self._free.wait()
            self._active += 1

    def release_concurrency(self) -> None:
        with self._free:
            self._active -= 1
            self._free.notify()

    @contextmanager
    def slot(self, kind: str) -> Iterator[None]:
        """Hold one concurrent slot and wait for ``kind``'s next start time.

        The concurrency slot is taken first: a booked start time must not be
        delayed further (two delayed starts would bunch together).
        """
        self.acquire_concurrency()
        try:
            delay = self.reserve(kind)
            if delay > 0:
                self._sleep(delay)
            yield
        finally:
            self.release_concurrency()


class FakeClock:
    """A clock for tests: :meth:`sleep` advances time instantly."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.now += max(0.0, seconds)
