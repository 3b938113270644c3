"""A progress bar on stderr while references are resolved, for cold runs in a terminal.

The resolve stage calls ``progress(done, total, note)`` (from worker threads);
the note says what it is doing, including rate-limit waits ("waiting 1.2 s
(rate limit)"). Without a note the bar shows the pace refcheck keeps to
(``limits``), so a slow run explains itself. :meth:`TerminalProgress.sleep`
is a drop-in ``sleep`` for the Crossref client that shows each wait. The bar
appears only after :data:`DELAY` seconds, so a run served from the cache
finishes without one, and never when stderr is not a terminal.

>>> bar = TerminalProgress(enabled=False)
>>> bar(1, 10, "searching")   # does nothing when disabled
>>> bar.close()
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any, TextIO

DELAY = 0.4  # seconds before the bar shows: warm (cached) runs are done by then


def want_progress(flag: bool | None, format: str, to_file: bool, stream: TextIO | None = None) -> bool:
    """Whether to show the bar: ``--progress``/``--no-progress`` win; otherwise only when
    stderr is a terminal and standard output is not carrying a machine format."""
    if flag is not None:
        return flag
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return False
    from . import MACHINE_FORMATS

    return format not in MACHINE_FORMATS or to_file


class TerminalProgress:
    """A :data:`~refcheck.check.ProgressCallback` drawing a rich progress bar on stderr.

    Use as a context manager, or call :meth:`close` when the run ends.
    """

    def __init__(self, enabled: bool = True, stream: TextIO | None = None, delay: float = DELAY,
                 limits: str = "") -> None:
        self.enabled = enabled
        self.stream = sys.stderr if stream is None else stream
        self.delay = delay
        self.limits = limits
        self._lock = threading.Lock()
        self._done = 0
        self._total = 0
        self._started: float | None = None
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> "TerminalProgress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=self.stream, stderr=self.stream is sys.stderr)
        self._progress = Progress(
            TextColumn("[bold]resolving[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console, transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("", total=total)

    def __call__(self, done: int, total: int, note: str = "") -> None:
        if not self.enabled:
            return
        with self._lock:
            self._done, self._total = max(done, self._done), total
            now = time.monotonic()
            if self._started is None:
                self._started = now
            if self._progress is None:
                if done >= total or now - self._started < self.delay:
                    return
                self._start(total)
            self._progress.update(self._task, completed=self._done, total=total, description=note or self.limits)

    def sleep(self, seconds: float) -> None:
        """Sleep, showing the wait on the bar: pass as the Crossref client's ``sleep``."""
        if seconds > 0.05 and self._total:
            self(self._done, self._total, f"waiting {seconds:.1f} s (rate limit)")
        time.sleep(seconds)
        if seconds > 0.05 and self._total:
            self(self._done, self._total, "")

    def close(self) -> None:
        with self._lock:
            if self._progress is not None:
                self._progress.stop()
                self._progress = None
