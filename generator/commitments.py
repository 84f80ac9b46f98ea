"""Quantitative targets across plans: each lined up with its metric, and followed from year to year.

A commitment is one target of one item, with its metric resolved through the
vocabulary (content/metrics.yaml) and its deadline made explicit.  For one
metric and one organisation, ``year_over_year`` compares each year's commitment
with the one of the organisation's previous year that had one: raised, lowered
or kept (by the metric's direction, ``better``), or dropped when a later plan of
the organisation no longer states a target on the metric.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import AbstractSet as Set, Iterable, Literal, Mapping

from .corpus import Corpus, Entry, runs
from .model import Metric, Organisation, Plan, Target
from .tracking import target_deadline

Change = Literal["raised", "lowered", "kept", "dropped", "incomparable"]
# How a target's ambition changed (``compare``): 要求提高 for a rate to lower that fell, whose value 降低 (as
# edition pages say, ``labels.VALUE_MOVES``).
CHANGE_LABELS: dict[Change, str] = {"raised": "要求提高", "lowered": "要求降低", "kept": "持平", "dropped": "未再提出",
                                    "incomparable": "单位不同，无法比较"}


@dataclass(frozen=True)
class Commitment:
    """One target of one item, with its metric (None when the vocabulary does not know it) and deadline."""

    entry: Entry
    target: Target
    metric: Metric | None
    deadline: date

    @property
    def plan(self) -> Plan:
        return self.entry.plan

    @property
    def organisation(self) -> Organisation:
        return self.entry.organisation


def commitments_of(corpus: Corpus) -> tuple[Commitment, ...]:
    """Every target of the corpus, in corpus order (year descending, plan, reading order)."""
    resolve = corpus.vocabulary.resolve_metric
    return tuple(Commitment(entry, target, resolve(target.metric) if target.metric else None,
                            target_deadline(entry.plan, entry.item, target))
                 for entry in corpus.entries for target in entry.item.targets)


def by_metric(commitments: Iterable[Commitment], metrics: Iterable[Metric]) -> dict[str, tuple[Commitment, ...]]:
    """The commitments on each metric (every metric present, possibly with none), in their order."""
    index: dict[str, list[Commitment]] = {m.id: [] for m in metrics}
    for commitment in commitments:
        if commitment.metric is not None:
            index[commitment.metric.id].append(commitment)
    return {key: tuple(found) for key, found in index.items()}


def level(target: Target, better: str) -> float:
    """The value a target holds its owner to: for a range, the end that is less ambitious."""
    if target.comparator != "range":
        return target.value
    return target.min if better == "higher" else target.max


def strongest(commitments: Iterable[Commitment], better: str) -> Commitment:
    pick = max if better == "higher" else min
    return pick(commitments, key=lambda c: level(c.target, better))


def compare(before: Target, after: Target, better: str) -> Change:
    """How ``after`` stands to ``before`` on a metric where ``better`` values are more ambitious."""
    if before.unit != after.unit:
        return "incomparable"
    difference = level(after, better) - level(before, better)
    if better == "lower":
        difference = -difference
    return "raised" if difference > 0 else "lowered" if difference < 0 else "kept"


@dataclass(frozen=True)
class YearRow:
    """An organisation's commitments on a metric in one year, and how they changed since ``since``.

    ``commitments`` is empty for a year whose plans dropped the metric.
    """

    organisation: Organisation
    year: int
    commitments: tuple[Commitment, ...]
    change: Change | None
    since: int | None


def year_over_year(metric: Metric, commitments: Iterable[Commitment],
                   planned: Mapping[str, Set[int]]) -> list[YearRow]:
    """Per organisation (in order of first commitment), its years on the metric in ascending order.

    A year counts when the organisation published a plan or breakdown in it (``planned``: the years of each
    organisation's plans but reviews, ``Corpus.planned_years``) or committed to the metric in it; a year with
    plans but no commitment after one with commitments is a 'dropped' row.  Linear in the commitments,
    grouped by organisation once.
    """
    mine: dict[str, dict[int, list[Commitment]]] = {}
    for c in commitments:
        mine.setdefault(c.organisation.id, {}).setdefault(c.plan.year, []).append(c)
    rows: list[YearRow] = []
    for organisation_id, by_year in mine.items():
        organisation = next(iter(by_year.values()))[0].organisation
        previous: tuple[int, tuple[Commitment, ...]] | None = None
        for year in sorted(by_year.keys() | planned.get(organisation_id, frozenset())):
            current = tuple(by_year.get(year, ()))
            if current and previous and previous[1]:
                change = compare(strongest(previous[1], metric.better).target,
                                 strongest(current, metric.better).target, metric.better)
                rows.append(YearRow(organisation, year, current, change, previous[0]))
            elif current:
                rows.append(YearRow(organisation, year, current, None, None))
            elif previous and previous[1]:
                rows.append(YearRow(organisation, year, (), "dropped", previous[0]))
            if current or previous:
                previous = (year, current)
    return rows


def rows_by_year(rows: Iterable[YearRow]) -> list[tuple[int, list[YearRow]]]:
    """``year_over_year``'s rows of each year, newest first, each year's in their order."""
    return runs(sorted(rows, key=lambda row: row.year, reverse=True), lambda row: row.year)  # a stable sort
