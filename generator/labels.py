"""How the site and the command line name the model's values in Chinese: the words and signs of plans, targets
and changes.  Words that belong to one concept live with it: the progress states (``tracking.STATE_LABELS``),
a metric's direction (``render_targets.BETTER_LABELS``), year-over-year changes of a target's ambition
(``commitments.CHANGE_LABELS``) and the names of fields in change listings (``changes``).

``genre`` names a plan's kind (工作要点 where its title says so); ``COMPARATORS``
are the signs of a target's comparator (≥ for ``>=``), and ``requirement`` writes what a target asks for with
them (≥ 94.5%, a number as ``quantity`` writes it); ``CHANGES`` name the
kinds of change between editions (新增, 删除, 移动, 修改) and ``VALUE_MOVES`` which way a target's
value moved (提高, 降低); ``numbered`` is a heading
with its number as printed (1. 标题, 一、标题).
"""

from __future__ import annotations

from typing import Callable

from .model import Plan, Target
from .numbering import chinese_to_int

SITE_NAME = "工作计划公开库"  # the site's name when mkdocs.yml gives none (``project.site_name``)


def feed_all_title(site_name: str) -> str:
    """The title of the feed of every change of the site ``site_name``, as it titles itself and pages name it."""
    return f"{site_name}：全部更新"


KINDS = {"plan": "工作计划", "review": "工作总结", "breakdown": "任务分解"}
KEY_POINTS = "工作要点"  # the commonest kind of plan, named so in its title
COMPARATORS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}
CHANGES = {"added": "新增", "removed": "删除", "moved": "移动", "changed": "修改"}
# Which way a target's value moved between editions (changes.TargetChange.direction): its number, not its
# ambition, which the metric pages judge (commitments.CHANGE_LABELS: 要求提高 is 降低 for a rate to lower).
VALUE_MOVES = {"raised": "提高", "lowered": "降低"}
# The vocabularies of content/ (``load.VOCABULARY_FILES``) as the site's navigation names them.
VOCABULARIES = {"organisations": "机构", "departments": "部门", "themes": "主题", "metrics": "指标"}


def genre(plan: Plan) -> str:
    """What a plan is called on its pages: its kind's label, or 工作要点 for a plan whose title says it is one
    (both 工作要点 and 工作计划 are kind ``plan``)."""
    if plan.kind == "plan" and KEY_POINTS in plan.title:
        return KEY_POINTS
    return KINDS[plan.kind]


def numbered(number: str, title: str) -> str:
    """A heading as printed: '1. 标题', '一、标题', '(一)标题', '①标题', '一是标题'."""
    if number.isascii() and number.isdigit():
        return f"{number}. {title}"
    if chinese_to_int(number) is not None:
        return f"{number}、{title}"
    return f"{number}{title}"


def quantity(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def amount(value: float | None, unit: str) -> str:
    """'93.6%': a value with its unit; '' for none."""
    return "" if value is None else quantity(value) + unit


# A rate's value moves by points: 58% → 60% is 提高 2 个百分点 (2% of 58% would be 1.16 points).
POINTS = {"%": " 个百分点", "‰": " 个千分点"}


def difference(delta: float, unit: str) -> str:
    """'2 个百分点', '1500000人': by how much a target's value moved, in points for a rate, its number written as
    ``quantity`` writes the values (to 12 digits: 60.1 - 58 is 2.1000000000000014 in floating point)."""
    return quantity(float(f"{abs(delta):.12g}")) + POINTS.get(unit, unit)


def reached(target: Target, written: Callable[[str], str] = str) -> str:
    """'实际 93.6%': the value the target's progress records it reached, as ``written`` writes it (the site's
    ``md`` for Markdown); '' for none."""
    return "" if target.actual is None else f"实际 {written(amount(target.actual, target.unit))}"


def reached_as_of(target: Target, written: Callable[[str], str] = str) -> str:
    """'实际 93.6%（2025-06-30）': ``reached``, with the date it was reported for when the target gives one."""
    dated = f"（{target.as_of.isoformat()}）" if target.actual is not None and target.as_of else ""
    return reached(target, written) + dated


def requirement(target: Target) -> str:
    """'≥ 94.5%', '700–800人': what a target asks for."""
    if target.comparator == "range":
        return f"{quantity(target.min)}–{quantity(target.max)}{target.unit}"
    return f"{COMPARATORS[target.comparator]} {quantity(target.value)}{target.unit}"


def target_summary(target: Target) -> str:
    """'学前三年毛入园率 ≥ 94.5%': what is measured (the metric, else the target's words; a blank metric is none)
    and what is asked."""
    return f"{target.metric.strip() or target.text.strip()} {requirement(target)}"
