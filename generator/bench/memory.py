"""The peak memory of a process and of the processes it forks, sampled while it runs.

``ru_maxrss`` (from ``os.wait4``) is the peak of one process, and the
generator renders pages in forked children (``processes``).  Their memory is
counted here as the sum of the proportional set sizes (PSS: a page shared by
n processes counts 1/n in each) of the process and its descendants, read
from /proc every ``FIRST_INTERVAL`` seconds, less often as the run goes on
(reading a large process's memory map takes a while, time taken from the
build being measured); between two samples a peak may be missed, so the
benchmark reports the larger of this and ``ru_maxrss``.  Without /proc (not
Linux) nothing is sampled.
"""

from __future__ import annotations

import os
import threading
import time

FIRST_INTERVAL = 0.25  # seconds between samples at first,
RUN_SHARE = 0.01       # then a hundredth of the time run so far,
LAST_INTERVAL = 2.0    # up to this
PROC = "/proc"


def parent_of(pid: int) -> int | None:
    try:
        with open(f"{PROC}/{pid}/stat", encoding="ascii", errors="replace") as file:
            fields = file.read().rsplit(")", 1)[1].split()  # the name, in parentheses, may hold spaces
    except OSError:
        return None
    return int(fields[1])


def descendants_and_self(pid: int) -> set[int]:
    parents = {int(name): parent_of(int(name)) for name in os.listdir(PROC) if name.isdigit()}
    found, grown = {pid}, True
    while grown:
        more = {child for child, parent in parents.items() if parent in found} - found
        found |= more
        grown = bool(more)
    return found


def pss_bytes(pid: int) -> int:
    """The proportional set size of ``pid`` (0 once it is gone)."""
    try:
        with open(f"{PROC}/{pid}/smaps_rollup", encoding="ascii") as file:
            for line in file:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeSampler:
    """Samples the memory of process ``pid`` and its descendants until ``stop``; ``peak_bytes`` is the largest."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_bytes = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        if os.path.isdir(PROC):
            self._thread.start()

    def _sample(self) -> None:
        started = time.monotonic()
        while not self._stopped.wait(self._interval(time.monotonic() - started)):
            total = sum(pss_bytes(pid) for pid in descendants_and_self(self.pid))
            self.peak_bytes = max(self.peak_bytes, total)

    @staticmethod
    def _interval(seconds_run: float) -> float:
        return min(LAST_INTERVAL, max(FIRST_INTERVAL, RUN_SHARE * seconds_run))

    def stop(self) -> int:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak_bytes
