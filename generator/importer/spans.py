"""Stretches [start, end) of a text: its clauses and sentences, and spans asked where they lie in logarithmic time.

An item's text can hold thousands of numbers (a long document whose numbering
breaks folds into one item); asking every span each time would make reading
it quadratic, and so would looking for the break ending a clause in all of it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from itertools import accumulate
from typing import Iterable

# What ends a clause (a target's words never reach over it, nor a milestone's), and what ends a sentence.
CLAUSE_BREAKS = "，,；;。：:！？!?\n"
SENTENCE_BREAKS = "。；;！？!?\n"
_BREAK_WINDOW = 64  # characters around a position looked at first for the break ending its clause


def clause_start(text: str, position: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause (or the stretch between ``breaks``) holding ``text[position]`` starts: just past the last
    break before ``position``, 0 if none.  The break is looked for near ``position`` first: a break missing from a
    long text would otherwise be looked for in all of it, for each number."""
    width = _BREAK_WINDOW
    while True:
        low = max(0, position - width)
        found = max(text.rfind(ch, low, position) for ch in breaks)
        if found >= 0 or low == 0:
            return found + 1
        width *= 4


def clause_end(text: str, position: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Where the clause holding ``text[position]`` ends: the first break from ``position`` on (the text's end if
    none), looked for near it first."""
    width = _BREAK_WINDOW
    while True:
        high = min(len(text), position + width)
        found = min((i for i in (text.find(ch, position, high) for ch in breaks) if i >= 0), default=None)
        if found is not None or high == len(text):
            return len(text) if found is None else found
        width *= 4


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
