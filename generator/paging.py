"""Long listings cut into pages: a year's targets, a theme's items of one year.

Such a listing grows with the plans of its year: at 10,000 plans a year's targets are some 27,000 rows, a
page of 7 MB that no reader can use.  It is cut into pages of at most ``ROWS_PER_PAGE`` rows, between plans
(a plan's rows stay together; a plan with more rows than that has a page of its own).  The first page keeps
the listing's address (``targets/2025.md``) and the others follow it (``targets/2025-2.md``, …), so links to
a listing never move; a listing that fits on one page is as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import Generic, Sequence, TypeVar

from .corpus import runs

T = TypeVar("T")

ROWS_PER_PAGE = 1000  # about 300 KB of HTML for a year's targets
plan_of = attrgetter("plan.id")  # rows are items (corpus.Entry) or targets (commitments.Commitment)


@dataclass(frozen=True)
class Part(Generic[T]):
    """One page of a listing."""
    number: int              # from 1
    keys: tuple[str, ...]    # the page key of every part of the listing, in order (the pager's links)
    rows: list[T]
    first: int               # the position of its first row in the whole listing, from 1

    @property
    def key(self) -> str:
        return self.keys[self.number - 1]

    @property
    def paged(self) -> bool:
        """Is the listing on more than one page?"""
        return len(self.keys) > 1

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1


def part_key(key: str, number: int) -> str:
    """The page key of part ``number`` of the listing whose page key is ``key``: ``2025``, ``2025-2``, …"""
    return key if number == 1 else f"{key}-{number}"


def cut(rows: Sequence[T], limit: int) -> list[list[T]]:
    """``rows`` (sorted by plan) in runs of at most ``limit``, never splitting a plan's rows."""
    pages: list[list[T]] = [[]]
    for _, of_plan in runs(rows, plan_of):
        if pages[-1] and len(pages[-1]) + len(of_plan) > limit:
            pages.append([])
        pages[-1].extend(of_plan)
    return pages


def paginate(key: str, rows: Sequence[T], limit: int | None = None) -> list[Part[T]]:
    """The pages of the listing ``key`` (at most ``limit`` rows each, default ``ROWS_PER_PAGE``)."""
    pages = cut(rows, limit or ROWS_PER_PAGE)
    keys = tuple(part_key(key, number) for number in range(1, len(pages) + 1))
    firsts = accumulate((len(page) for page in pages[:-1]), initial=1)
    return [Part(number, keys, page, first) for number, (page, first) in enumerate(zip(pages, firsts), 1)]
