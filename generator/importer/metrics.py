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
    closeness: dict[str, float] = {}  # metric id -> the largest share of any of its names
    metrics: dict[str, Metric] = {}
    for name in vocabulary.metric_names():
        if name in phrase or phrase in name:
            metric = vocabulary.resolve_metric(name)
            metrics[metric.id] = metric
            share = min(len(name), len(phrase)) / max(len(name), len(phrase))
            closeness[metric.id] = max(share, closeness.get(metric.id, 0))
    best = max(closeness.values(), default=0)
    if best < SHARE:
        return _alike(phrase, vocabulary, unit)
    near = [metrics[metric_id] for metric_id, share in closeness.items() if share >= best * SHARE]
    return Naming(near[0], held=True) if len(near) == 1 else Naming(None, candidates=tuple(near))


def _alike(phrase: str, vocabulary: Vocabulary, unit: str) -> Naming:
    """The listed metric in ``unit`` (or of no stated unit) whose name shares the most characters in order with
    the phrase (每学年实施心理普查 and 每学年心理普查次数 share 每学年心理普查): when they make up at least
    ``SHARE`` of the name and ``ALIKE`` of the phrase, and no other metric comes within ``APART``; else the
    metrics that come near, as candidates."""
    closeness: dict[str, float] = {}
    metrics: dict[str, Metric] = {}
    for name in vocabulary.metric_names():
        metric = vocabulary.resolve_metric(name)
        if unit and metric.unit and metric.unit != unit:
            continue
        metrics[metric.id] = metric
        common = _common_in_order(name, phrase)
        if common >= len(name) * SHARE:  # most of the name is there
            closeness[metric.id] = max(common / len(phrase), closeness.get(metric.id, 0))
    ranked = sorted(closeness, key=closeness.get, reverse=True)
    if not ranked or closeness[ranked[0]] < ALIKE:
        return Naming(None)
    near = [metrics[i] for i in ranked if closeness[i] > closeness[ranked[0]] - APART]
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
