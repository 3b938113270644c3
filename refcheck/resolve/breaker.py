"""When to stop knocking: Crossref asked for a long pause, or does not answer at all.

Two things make more requests pointless for a while, and :class:`Breaker` keeps both:

* a ``Retry-After`` longer than refcheck will wait (:meth:`Breaker.hold`);
* Crossref unreachable: ``failures_to_open`` calls in a row that got no HTTP
  answer at all (refused, reset, timed out, each after its own retries). A CI
  runner without network would otherwise spend the whole back-off on every
  reference. The breaker then stays open for ``cool_down`` seconds; after that
  one call may try again, and a single further failure opens it again, since
  only a call that got an answer closes it (:meth:`Breaker.answered`).

Cache hits never reach the breaker: an open breaker still lets cached
references resolve.

>>> clock = [0.0]
>>> breaker = Breaker(failures_to_open=2, cool_down=60, clock=lambda: clock[0])
>>> breaker.unanswered("connection failed after 3 tries"); breaker.refusal()
''
>>> breaker.unanswered("connection failed after 3 tries"); breaker.refusal()
'Crossref unreachable (connection failed after 3 tries, 2 calls in a row): not asked again for 60 s'
>>> clock[0] = 61; breaker.refusal()
''
"""

from __future__ import annotations

import threading
import time
from typing import Callable

FAILURES_TO_OPEN = 3
COOL_DOWN = 60.0  # seconds; a whole run of a few hundred references is usually shorter


class Breaker:
    """Thread-safe; ``clock`` is injectable for tests."""

    def __init__(
        self,
        failures_to_open: int = FAILURES_TO_OPEN,
        cool_down: float = COOL_DOWN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failures_to_open = max(1, failures_to_open)
        self.cool_down = cool_down
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._until = 0.0
        self._reason = ""

    def refusal(self) -> str:
        """Why a request must not be sent now, or ``""`` when it may."""
        with self._lock:
            return self._reason if self._reason and self._clock() < self._until else ""

    def hold(self, seconds: float, reason: str) -> None:
        """Send nothing for ``seconds`` (Crossref's own long ``Retry-After``)."""
        with self._lock:
            self._open(seconds, reason)

    def answered(self) -> None:
        """A call got an HTTP answer, whatever its status: Crossref is reachable."""
        with self._lock:
            self._failures = 0

    def unanswered(self, reason: str) -> None:
        """A call ended with no HTTP answer after all its tries."""
        with self._lock:
            self._failures += 1
            if self._failures >= self.failures_to_open:
                self._open(
                    self.cool_down,
                    f"Crossref unreachable ({reason}, {self._failures} calls in a row): "
                    f"not asked again for {self.cool_down:g} s",
                )

    def _open(self, seconds: float, reason: str) -> None:
        self._until = max(self._until, self._clock() + seconds)
        self._reason = reason
