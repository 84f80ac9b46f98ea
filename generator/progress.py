"""Progress of long runs: each stage with its counts and time, on the terminal only.

``plansite build`` of a large corpus takes minutes; on a terminal it shows
which stage runs, how far it is (pages converted out of all) and what each
stage took.  When stderr is not a terminal (CI logs, pipes, tests) nothing is
printed.  The stage times are kept either way: the benchmark reads them.
"""

from __future__ import annotations

import contextlib
import sys
import time
from typing import Callable, Iterator, TextIO

REFRESH_SECONDS = 0.2  # a counter line is redrawn at most this often


class Progress:
    """Stages and counters drawn on ``stream`` (default: the current sys.stderr) if ``show`` (default:
    when that stream is a terminal)."""

    def __init__(self, stream: TextIO | None = None, show: bool | None = None):
        self._stream = stream
        self._show = show
        self.seconds: dict[str, float] = {}  # stage name -> seconds it took, last run of each
        self._drawn = 0.0

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stderr

    @property
    def show(self) -> bool:
        return self.stream.isatty() if self._show is None else self._show

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[Callable[[str], None]]:
        """Time the block as stage ``name``; the block may call the yielded function with what it did."""
        done: list[str] = []
        self._draw(f"{name} …")
        started = time.perf_counter()
        try:
            yield done.append
        except BaseException:
            self._draw(f"{name}: failed", final=True)
            raise
        self.seconds[name] = time.perf_counter() - started
        self._draw(f"{name}: {', '.join(done + [f'{self.seconds[name]:.1f}s'])}", final=True)

    def count(self, name: str, done: int, total: int) -> None:
        """Redraw the current line as 'name 120/3,541' (throttled; always drawn at the end)."""
        now = time.monotonic()
        if done == total or now - self._drawn >= REFRESH_SECONDS:
            self._drawn = now
            self._draw(f"{name} {done:,}/{total:,}")

    def _draw(self, line: str, final: bool = False) -> None:
        if self.show:
            self.stream.write(f"\r\033[K{line}" + ("\n" if final else ""))
            self.stream.flush()


terminal = Progress()  # what plansite's commands report to
