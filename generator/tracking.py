"""Progress tracking: item and target states on a given day, and the links from reviews to items.

Every item and target has a deadline: its own, else (for a target) its item's,
else the last day of the plan's year.  On a given day (the build date on the
site) it is in one of four states: ``done`` (status 已完成), ``reported`` (any
other status), ``overdue`` (no status and the deadline has passed: 逾期未报) or
``pending`` (no status, not yet due).  Items of review plans report progress
and have none of their own, so summaries leave them out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Iterable, Literal

from .corpus import Entry
from .model import Item, Plan, Status, Target, commits
from .references import ItemReference, parse_reference

DONE: Status = "已完成"

State = Literal["done", "reported", "overdue", "pending"]
STATES: tuple[State, ...] = ("done", "reported", "overdue", "pending")
STATE_LABELS: dict[State, str] = {"done": "已完成", "reported": "已报进展", "overdue": "逾期未报",
                                  "pending": "未到期"}


def year_end(year: int) -> date:
    return date(year, 12, 31)


def item_deadline(plan: Plan, item: Item) -> date:
    return item.deadline or year_end(plan.year)


def target_deadline(plan: Plan, item: Item, target: Target) -> date:
    return target.deadline or item_deadline(plan, item)


def state_of(status: Status | None, deadline: date, today: date) -> State:
    """Where a task stands on ``today``: a deadline is passed the day after it."""
    if status == DONE:
        return "done"
    if status:
        return "reported"
    return "overdue" if deadline < today else "pending"


def meets(target: Target, value: float) -> bool:
    """Whether ``value`` satisfies what the target asks for."""
    if target.comparator == "range":
        return target.min <= value <= target.max
    return {">=": value >= target.value, ">": value > target.value, "<=": value <= target.value,
            "<": value < target.value, "=": value == target.value}[target.comparator]


def is_tracked(entry: Entry) -> bool:
    """Whether the entry is a task with progress of its own (items of reviews are reports)."""
    return commits(entry.plan)


def item_state(entry: Entry, today: date) -> State | None:
    """An item's state on ``today``, None for an item of a review (a report, with no progress of its own).

    What every page, the finder and ``plansite find`` say an item's progress is."""
    return state_of(entry.item.status, item_deadline(entry.plan, entry.item), today) if is_tracked(entry) else None


def state_label(entry: Entry, today: date) -> str | None:
    """An item's state on ``today`` as the finder and ``plansite find`` show it (逾期未报 …), None for an item of
    a review."""
    state = item_state(entry, today)
    return STATE_LABELS[state] if state else None


@dataclass(frozen=True)
class Summary:
    """How many tasks are in each state."""

    counts: tuple[tuple[State, int], ...]  # every state, in STATES order

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def labelled(self) -> tuple[tuple[str, int], ...]:
        """The counts by the states' labels (已完成, 已报进展, 逾期未报, 未到期), in ``STATES`` order."""
        return tuple((STATE_LABELS[state], n) for state, n in self.counts)


def summarise(states: Iterable[State]) -> Summary:
    counted = Counter(states)
    return Summary(tuple((state, counted[state]) for state in STATES))


def reference_of(entry: Entry) -> str:
    """The item reference that names ``entry``: ``<plan id>#<item id>``."""
    return str(ItemReference(entry.plan.id, entry.placed.key))


@dataclass(frozen=True)
class ReviewLinks:
    """Review items and the items they report on, both ways; built from validated entries."""

    entries: tuple[Entry, ...]

    @cached_property
    def by_reference(self) -> dict[str, Entry]:
        return {reference_of(e): e for e in self.entries}

    def resolve(self, text: str) -> Entry | None:
        """The entry an item reference names (None for anything else, such as a web address)."""
        reference = parse_reference(text)
        return self.by_reference.get(str(reference)) if reference else None

    def reviewed_by(self, review: Entry) -> tuple[Entry, ...]:
        """The items a review item reports on, in the order it names them."""
        return tuple(self.by_reference[str(parse_reference(r))] for r in review.item.reviews)

    @cached_property
    def _reviews(self) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[Entry]] = {}
        for review in self.entries:
            for reviewed in self.reviewed_by(review):
                found.setdefault(reference_of(reviewed), []).append(review)
        return {key: tuple(reviews) for key, reviews in found.items()}

    def reviews_of(self, entry: Entry) -> tuple[Entry, ...]:
        """The review items that report on ``entry``, in corpus order."""
        return self._reviews.get(reference_of(entry), ())
