"""Stretches [start, end) of a text, asked where they lie in logarithmic time.

An item's text can hold thousands of numbers (a long document whose numbering
breaks folds into one item); asking every span each time would make reading
it quadratic.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from itertools import accumulate
from typing import Iterable


class Spans:
    """Fixed spans (they may overlap one another)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # the furthest end up to each span
        self._ends = sorted(end for _, end in ordered)

    def overlap(self, start: int, end: int) -> bool:
        """Whether a span starts before ``end`` and ends after ``start``."""
        before = bisect_left(self._starts, end)
        return before > 0 and self._reach[before - 1] > start

    def last_end(self, position: int, default: int) -> int:
        """The furthest end of the spans ending at or before ``position``; ``default`` if none does."""
        before = bisect_right(self._ends, position)
        return max(default, self._ends[before - 1]) if before else default

    def next_start(self, position: int) -> int | None:
        """The first start at or after ``position``, if any."""
        after = bisect_left(self._starts, position)
        return self._starts[after] if after < len(self._starts) else None


class Disjoint:
    """Spans added one by one, each overlapping none added before (so their ends are in the order of their starts)."""

    def __init__(self):
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlap(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)
        return before > 0 and self._ends[before - 1] > start

    def add(self, start: int, end: int) -> None:
        insort(self._starts, start)
        insort(self._ends, end)
