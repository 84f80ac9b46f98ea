"""How the site and the command line name the model's values in Chinese: one place for each word and sign.

``genre`` names a plan's kind (工作要点 where its title says so); ``COMPARATORS``
are the signs of a target's comparator (≥ for ``>=``); ``CHANGES`` name the
kinds of change between editions (新增, 删除, 移动, 修改).
"""

from __future__ import annotations

from .model import Plan

KINDS = {"plan": "工作计划", "review": "工作总结", "breakdown": "任务分解"}
KEY_POINTS = "工作要点"  # the commonest kind of plan, named so in its title
COMPARATORS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}
CHANGES = {"added": "新增", "removed": "删除", "moved": "移动", "changed": "修改"}


def genre(plan: Plan) -> str:
    """What a plan is called on its pages: its kind's label, or 工作要点 for a plan whose title says it is one
    (both 工作要点 and 工作计划 are kind ``plan``)."""
    if plan.kind == "plan" and KEY_POINTS in plan.title:
        return KEY_POINTS
    return KINDS[plan.kind]
