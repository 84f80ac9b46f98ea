"""Rules for targets (their shape, metric and progress) and review links (run by ``validate`` with the other rules).

Unknown metrics and units that differ from the metric's are warnings: the
target still shows, it just does not line up with others.  Metrics are opt-in:
a project without content/metrics.yaml gets no warnings about them.  A
reference that names no item is an error: the page would link nowhere.
"""

from __future__ import annotations

import re
from datetime import date
from math import isclose
from typing import Iterator

from .diagnostics import Diagnostic, did_you_mean
from .fullwidth import fold
from .labels import amount, quantity, requirement
from .load import PlanFile, Site
from .model import Plan, Target, commits
from .references import is_web_address, parse_reference, reference_problem
from .tracking import DONE, meets
from .vocabulary import Vocabulary, normalise_name

_DIGIT = re.compile("[0-9]")  # (not ③, which str.isdigit counts)
_SCALES = {"万": 10_000, "亿": 100_000_000}
_NUMBER = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)([万亿]?)")  # a number in digits, and its scale


def metric_name_clashes(site: Site) -> Iterator[Diagnostic]:
    document, metrics = site.read_cleanly("metrics")
    owner: dict[str, str] = {}
    for i, metric in enumerate(metrics):
        for name in dict.fromkeys(map(normalise_name, (metric.name, *metric.aliases))):
            if name in owner and owner[name] != metric.id:
                yield document.diagnostic(("metrics", i),
                                          f"name {name!r} is already used by metric {owner[name]!r}")
            owner.setdefault(name, metric.id)


def targets(site: Site, plan_file: PlanFile) -> Iterator[Diagnostic]:
    plans, metrics_in_use = site.files_by_id, "metrics" in site.vocabulary_documents
    for placed in plan_file.placed:
        for i, target in enumerate(placed.item.targets):
            path = placed.path + ("targets", i)
            yield from target_shape(plan_file.document, path, target)
            yield from value_and_text(plan_file.document, path, target)
            yield from early_deadline(plan_file.document, path, plan_file.plan, target.deadline)
            if metrics_in_use:
                yield from target_metric(site.vocabulary, plan_file.document, path, target)
            yield from target_progress(plans, plan_file.document, path, target)


def early_deadline(document, path: tuple, plan: Plan, deadline: date | None) -> Iterator[Diagnostic]:
    """A deadline (an item's or a target's) before the plan's year: a slip of the year, most likely, which the site
    would show as overdue ever since."""
    if deadline is not None and deadline.year < plan.year:
        yield document.diagnostic(path + ("deadline",), f"deadline {deadline.isoformat()} is before the plan's year "
                                  f"{plan.year}: the site counts it overdue since then; is the year mistyped?",
                                  "warning")


def target_shape(document, path: tuple, target: Target) -> Iterator[Diagnostic]:
    def missing(name: str) -> bool:  # (a value given that is no number has its own error)
        return getattr(target, name) is None and document.value_at(path + (name,)) is None

    if target.comparator == "range":
        if missing("min") or missing("max"):
            yield document.diagnostic(path, "a 'range' target needs both 'min' and 'max'")
        elif target.min is not None and target.max is not None and target.min > target.max:
            yield document.diagnostic(path + ("min",), f"min {target.min} is above max {target.max}")
        if target.value is not None:
            yield document.diagnostic(path + ("value",), "a 'range' target uses min and max, not value")
    else:
        if missing("value"):
            yield document.diagnostic(path, f"a {target.comparator!r} target needs a 'value'")
        if target.min is not None or target.max is not None:
            yield document.diagnostic(path, "min and max belong to comparator 'range'")


def value_and_text(document, path: tuple, target: Target) -> Iterator[Diagnostic]:
    """A value other than that of the one target the import reads in its text with digits: the site shows both,
    and one is wrong.  Numbers that state no target (2025年, 3月底前, 5G) are not held against it; a text whose
    targets are written in Chinese numerals (百分之九十五), or that states several, may state its value in any of
    them, as a curator who corrected a misread one knows.  A scale is the unit's (1.2万人 is 12000人), a sign the
    curator's (控制在-5%)."""
    text = fold(target.text)
    if target.comparator == "range" or target.value is None or written_in(target.value, target.unit, text):
        return  # (most are: reading the text's targets, for the few others, would double a check's time)
    from .importer.targets import find_targets  # (here: a check of plans without targets need not load the import)
    read = [draft for draft in find_targets(text)[0] if _DIGIT.search(draft.text)]
    if len(read) == 1 and read[0].value is not None \
            and not isclose(magnitude(read[0].value, read[0].unit), magnitude(target.value, target.unit)):
        yield document.diagnostic(path + ("value",), f"the text names {amount(read[0].value, read[0].unit)} but the "
                                  f"value is {quantity(target.value)} (the site shows {requirement(target)} beside "
                                  "it): correct the one that is wrong", "warning")


def written_in(value: float, unit: str, text: str) -> bool:
    """Whether ``text`` writes a number of the size of ``value`` in ``unit`` (1.2万 for 12000 人 or 1.2 万人)."""
    size = magnitude(value, unit)
    return any(isclose(float(number.replace(",", "")) * _SCALES.get(scale, 1), size)
               for number, scale in _NUMBER.findall(text))


def magnitude(value: float, unit: str) -> float:
    """1.2 and 万人 -> 12000: the size of a value, whatever its scale or sign."""
    return abs(value) * _SCALES.get(unit[:1], 1)


def target_metric(vocabulary: Vocabulary, document, path: tuple, target: Target) -> Iterator[Diagnostic]:
    if not target.metric.strip():
        yield document.diagnostic(path, "the target names no metric; name one from content/metrics.yaml so it "
                                  "lines up with other plans", "warning")
        return
    metric = vocabulary.resolve_metric(target.metric)
    by_id = vocabulary.metric_by_id.get(target.metric.strip())
    if metric is None and by_id is not None:  # as the site's addresses and targets.csv's metric_id name it
        yield document.diagnostic(path + ("metric",), f"{target.metric!r} is the id of the metric "
                                  f"{by_id.name!r}: a target names its metric as plans write it, by its name or "
                                  "an alias", "warning")
    elif metric is None:
        yield document.diagnostic(path + ("metric",), f"unknown metric {target.metric!r}"
                                  + did_you_mean(normalise_name(target.metric), vocabulary.metric_names())
                                  + "; add it, or the name as an alias, to content/metrics.yaml", "warning")
    elif metric.unit and target.unit != metric.unit:
        yield document.diagnostic(path + ("unit",), f"unit {target.unit!r} differs from {metric.unit!r}, the "
                                  f"unit of metric {metric.id!r}: the target cannot be compared with others",
                                  "warning")


def stated(target: Target) -> bool:
    """Whether the target's value (or range) was read: a value that was not is an error reported already."""
    bounds = (target.min, target.max) if target.comparator == "range" else (target.value,)
    return None not in bounds


def target_progress(plans: dict[str, PlanFile], document, path: tuple, target: Target) -> Iterator[Diagnostic]:
    if target.evidence and not is_web_address(target.evidence):
        problem = reference_problem(target.evidence, plans)
        if problem:
            yield document.diagnostic(path + ("evidence",), problem + "; or give an http(s) address")
    # (an as_of given that is no date has its own error)
    if target.actual is not None and target.as_of is None and document.value_at(path + ("as_of",)) is None:
        yield document.diagnostic(path + ("actual",), "give 'as_of', the date the actual value was reported for",
                                  "warning")
    if target.status == DONE and target.actual is not None and stated(target) and not meets(target, target.actual):
        yield document.diagnostic(path + ("status",), f"status is {DONE} but the actual value {target.actual:g} "
                                  "does not meet the target", "warning")


def review_links(site: Site, plan_file: PlanFile) -> Iterator[Diagnostic]:
    plans, plan = site.files_by_id, plan_file.plan
    for placed in plan_file.placed:
        path = placed.path + ("reviews",)
        if placed.item.status and not commits(plan):
            yield plan_file.document.diagnostic(placed.path + ("status",), "an item of a review reports on items "
                                                "of a plan and has no progress of its own: the site shows no "
                                                "status here; record it on the item it reports on, in its plan, "
                                                "and name that item in reviews", "warning")
        if placed.item.reviews and commits(plan):
            yield plan_file.document.diagnostic(path, "only items of a review (kind: review) report on other "
                                                "items")
            continue
        for i, text in enumerate(placed.item.reviews):
            problem = reference_problem(text, plans)
            reference = parse_reference(text)
            if not problem and not commits(plans[reference.plan].plan):
                problem = f"{reference.plan!r} is a review too; link the items of the plan this review reports on"
            if problem:
                yield plan_file.document.diagnostic(path + (i,), problem)
