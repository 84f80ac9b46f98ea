"""Naming a target's metric as content/metrics.yaml names it.

The importer reads a target's metric from the words around its number, and a
plan words a measure its own way: 全市省级普惠性民办幼儿园扶持试点工作 for the listed
省级普惠性民办幼儿园扶持试点, 城市一类幼儿园 for 创建城市一类幼儿园.  A phrase that is
no name or alias of a listed metric is taken to be the metric whose name holds
it or is held by it, the shorter making up at least half of the longer
(``SHARE``): the closest in length, unless another metric comes near it (涉及学校:
购置设备涉及学校 or 建设类项目涉及学校).  A listed name that is a small part of a long
phrase (巩固率 in 原建档立卡学生巩固率) is more likely another measure.  A phrase that no
name holds or is held by is taken to be the metric, in the target's unit, whose name
shares the most characters with it in the same order (``_alike``: 每学年实施心理普查
for 每学年心理普查次数).  An undecided phrase is left as read, with the candidates,
for the curator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Metric
from ..vocabulary import Vocabulary, normalise_name

ALIKE, APART = 0.6, 0.1  # in-order likeness (``_alike``) that names a metric, and the lead it needs
SHARE = 0.5  # the least part of the longer of phrase and name the shorter makes up; and how near is near


@dataclass(frozen=True)
class Naming:
    metric: Metric | None             # the listed metric the phrase names; None: not decided
    held: bool = False                # named by holding or being held by a name, not by name or alias
    candidates: tuple[Metric, ...] = ()  # when undecided: the metrics near the closest


def listed_metric(phrase: str, vocabulary: Vocabulary, unit: str = "") -> Naming:
    """The listed metric a target's metric phrase names, the target stated in ``unit`` (see the module's
    docstring)."""
    named = vocabulary.resolve_metric(phrase)
    if named is not None or not phrase:
        return Naming(named)
    phrase = normalise_name(phrase)

    def held(name: str, _metric: Metric) -> float | None:  # the shorter's part of the longer
        if name in phrase or phrase in name:
            return min(len(name), len(phrase)) / max(len(name), len(phrase))
        return None

    closeness = _closeness(vocabulary, held)
    best = max((share for _, share in closeness), default=0)
    if best < SHARE:
        return _alike(phrase, vocabulary, unit)
    return _chosen([metric for metric, share in closeness if share >= best * SHARE])


def _alike(phrase: str, vocabulary: Vocabulary, unit: str) -> Naming:
    """The listed metric in ``unit`` (or of no stated unit) whose name shares the most characters in order with
    the phrase (每学年实施心理普查 and 每学年心理普查次数 share 每学年心理普查): when they make up at least
    ``SHARE`` of the name and ``ALIKE`` of the phrase, and no other metric comes within ``APART``; else the
    metrics that come near, as candidates."""
    def alike(name: str, metric: Metric) -> float | None:
        if unit and metric.unit and metric.unit != unit:
            return None
        common = _common_in_order(name, phrase)
        return common / len(phrase) if common >= len(name) * SHARE else None  # most of the name is there

    ranked = sorted(_closeness(vocabulary, alike), key=lambda found: found[1], reverse=True)
    if not ranked or ranked[0][1] < ALIKE:
        return Naming(None)
    return _chosen([metric for metric, share in ranked if share > ranked[0][1] - APART])


def _closeness(vocabulary: Vocabulary, share: Callable[[str, Metric], float | None]) -> list[tuple[Metric, float]]:
    """Each listed metric with the largest ``share`` of any of its names (None: that name does not count), in
    the vocabulary's order; metrics none of whose names count are left out."""
    found: dict[str, tuple[Metric, float]] = {}
    for name in vocabulary.metric_names():
        metric = vocabulary.resolve_metric(name)
        value = share(name, metric)
        if value is not None and (metric.id not in found or value > found[metric.id][1]):
            found[metric.id] = (metric, value)
    return list(found.values())


def _chosen(near: list[Metric]) -> Naming:
    """The one metric near the phrase, or, when several are, none decided and them as candidates."""
    return Naming(near[0], held=True) if len(near) == 1 else Naming(None, candidates=tuple(near))


def _common_in_order(a: str, b: str) -> int:
    """The length of the longest sequence of characters both strings hold in the same order."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]
