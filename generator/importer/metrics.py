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
for 每学年心理普查次数).  A name that differs from the phrase in a qualifier is none of
these: another level or batch (市级 against 省级, or a level or a 第四批 only one of them names), or,
where the two share their characters in order, other words in the same place
(公办 against 普特融合 in 新建…幼儿园, 助餐 against 课后 in …服务覆盖率, 幼儿园
against 校 at the end, but for the measure a name ends in, 次数, 比例 …).  An undecided
phrase is left as read, with the candidates, for the curator: no metric rather than
a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..model import Metric
from ..vocabulary import Vocabulary, normalise_name

ALIKE, APART = 0.6, 0.1  # in-order likeness (``_alike``) that names a metric, and the lead it needs
SHARE = 0.5  # the least part of the longer of phrase and name the shorter makes up; and how near is near
# Qualifiers that tell metrics of one kind apart: a level (省级) and a batch (第四批, 第二届).
_QUALIFIER = re.compile(r"(?:国家|省|市|县|区)级|第[0-9一二三四五六七八九十]+[批届期轮]")
# What a name may end in that a phrase need not say (每两周心理健康课次数 for 落实每两周心理健康课程), and a word
# a phrase may hold where a name holds others (学位总数的 for 学位总数比例).
_MEASURE = re.compile(r"(?:次数|项数|节数|人数|个数|数量|时长|幅度|比例|占比|比重)\Z")
_FILLER = "的"
_MAGNITUDE = re.compile(r"\A[十百千万亿]")  # of a unit: 万个 counts what 个 does


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
        if (name in phrase or phrase in name) and _qualifiers(name) == _qualifiers(phrase):
            return min(len(name), len(phrase)) / max(len(name), len(phrase))
        return None

    closeness = _closeness(vocabulary, held)
    best = max((share for _, share in closeness), default=0)
    if best < SHARE:
        return _alike(phrase, vocabulary, unit)
    return _chosen([metric for metric, share in closeness if share >= best * SHARE], unit)


def _alike(phrase: str, vocabulary: Vocabulary, unit: str) -> Naming:
    """The listed metric in ``unit`` (or of no stated unit) whose name shares the most characters in order with
    the phrase (每学年实施心理普查 and 每学年心理普查次数 share 每学年心理普查): when they make up at least
    ``SHARE`` of the name and ``ALIKE`` of the phrase, and no other metric comes within ``APART``; else the
    metrics that come near, as candidates."""
    def alike(name: str, metric: Metric) -> float | None:
        if unit and metric.unit and metric.unit != unit or _qualifiers(name) != _qualifiers(phrase):
            return None
        gaps = _gaps(name, phrase)
        if _other_words(gaps):
            return None
        common = len(name) - sum(len(own) for own, _ in gaps)
        return common / len(phrase) if common >= len(name) * SHARE else None  # most of the name is there

    ranked = sorted(_closeness(vocabulary, alike), key=lambda found: found[1], reverse=True)
    if not ranked or ranked[0][1] < ALIKE:
        return Naming(None)
    return _chosen([metric for metric, share in ranked if share > ranked[0][1] - APART], unit)


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


def _chosen(near: list[Metric], unit: str) -> Naming:
    """The one metric near the phrase, or, when several are or the one measures another thing than the target in
    ``unit`` does (学生体质健康优良率每年提高2个百分点 is no 学生体质健康优良率 in %), none decided and them as
    candidates."""
    if len(near) == 1 and not _other_measure(unit, near[0]):
        return Naming(near[0], held=True)
    return Naming(None, candidates=tuple(near))


def _other_measure(unit: str, metric: Metric) -> bool:
    """Whether a target stated in ``unit`` measures another thing than the metric: 个百分点 (a rate's change)
    against % (the rate); not 个 against 万个, a magnitude apart."""
    return bool(unit and metric.unit) and _MAGNITUDE.sub("", unit) != _MAGNITUDE.sub("", metric.unit)


def _qualifiers(words: str) -> set[str]:
    """The levels and batches words name: 省级, 市级, 第四批 …"""
    return set(_QUALIFIER.findall(words))


def _other_words(gaps: list[tuple[str, str]]) -> bool:
    """Whether a name and a phrase hold other words in one place (``_gaps``), besides a name's measure at the end
    and filler in the phrase: 普特融合 against 公办, 示范校 against 示范幼儿园 (校 against 幼儿园)."""
    *inner, (last, other) = gaps
    return any(own and other.strip(_FILLER) for own, other in (*inner, (_MEASURE.sub("", last), other)))


def _gaps(a: str, b: str) -> list[tuple[str, str]]:
    """What each string holds before, between and after the longest sequence of characters both hold in the
    same order, side by side: 新建普特融合幼儿园 and 新建公办幼儿园 -> ('', ''), ('', ''), ('普特融合', '公办'), …"""
    longest = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]  # longest[i][j]: of a[i:] and b[j:]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            longest[i][j] = longest[i + 1][j + 1] + 1 if a[i] == b[j] else max(longest[i + 1][j], longest[i][j + 1])
    gaps, i, j, start_a, start_b = [], 0, 0, 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            gaps.append((a[start_a:i], b[start_b:j]))
            i, j = i + 1, j + 1
            start_a, start_b = i, j
        elif longest[i + 1][j] >= longest[i][j + 1]:
            i += 1
        else:
            j += 1
    return gaps + [(a[start_a:], b[start_b:])]
