"""The importer against the curated plans: how many of the curators' targets it finds by itself.

The curated files in plans/ started as importer drafts and were corrected by
hand against the source text, so they are the reference: a target counts as
found when the fresh import of the same seed has, on the same item, a target
with the same comparator, value (or min/max) and unit.  The bar is 90% of the
curated targets (recall); false targets the curators had to delete are
reported and held to the same bar (precision).  Of the targets found, most
must also name the listed metric the curators chose (``METRIC_BAR``).  Items'
and targets' deadlines are compared too: of the deadlines the import proposes, those the
curators kept (precision), and of the curated ones, those the import has
(recall); each held to the bar once there are any to count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator import yamlsource
from generator.decode import decode
from generator.ids import walk_items
from generator.importer.draft import dump
from generator.importer.pipeline import Settings, import_source
from generator.load import load_site
from generator.model import Plan

ROOT = Path(__file__).parent.parent
BAR = 0.9
METRIC_BAR = 0.8


def shape(target) -> tuple:
    return (target.comparator, target.value, target.min, target.max, target.unit)


def targets_by_item(plan: Plan, vocabulary) -> dict[str, list[tuple[tuple, str | None]]]:
    """Each item's targets: their shape, and the id of the listed metric they name (None: none)."""
    return {placed.key: [(shape(t), getattr(vocabulary.resolve_metric(t.metric), "id", None))
                         for t in placed.item.targets]
            for placed in walk_items(plan.sections)}


def deadlines(plan: Plan) -> dict:
    """Each item's deadline, and each of its targets' by its shape."""
    found = {}
    for placed in walk_items(plan.sections):
        found[placed.key] = placed.item.deadline
        found.update(((placed.key, shape(t)), t.deadline) for t in placed.item.targets)
    return found


@dataclass
class Comparison:
    curated: int = 0   # targets in the curated plans
    imported: int = 0  # targets in the fresh imports
    found: int = 0     # curated targets the import has, same item and shape
    named: int = 0     # of those, naming the curated target's listed metric
    missed: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    misnamed: list = field(default_factory=list)
    deadlines: dict = field(default_factory=dict)  # item or target -> (curated deadline, imported deadline)


def reimport(plan_file, vocabulary) -> Plan:
    plan = plan_file.plan
    source = ROOT / plan.source.file
    if not source.exists():
        pytest.skip(f"source text {source} is not here")
    result = import_source(str(source), Settings(plan.organisation, plan.year, plan.kind, plan.id,
                                                 plan.source.file), vocabulary)
    text = dump(result.plan)  # as the curator gets it
    document, problems = yamlsource.load("<import>", text)
    diagnostics: list = []
    fresh = decode(Plan, document, diagnostics)
    assert problems == [] and diagnostics == []
    return fresh


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    site, diagnostics = load_site(str(ROOT))
    assert not [d for d in diagnostics if d.severity == "error"]
    result = Comparison()
    for plan_file in site.plans:
        curated = targets_by_item(plan_file.plan, site.vocabulary)
        fresh_plan = reimport(plan_file, site.vocabulary)
        fresh = targets_by_item(fresh_plan, site.vocabulary)
        fresh_deadlines = deadlines(fresh_plan)
        result.deadlines.update(((plan_file.plan.id, key), (due, fresh_deadlines.get(key)))
                                for key, due in deadlines(plan_file.plan).items())
        assert fresh.keys() == curated.keys(), f"{plan_file.path}: the import finds other items"
        for key, wanted in curated.items():
            pool = list(fresh[key])
            result.imported += len(pool)
            result.curated += len(wanted)
            for target, metric in wanted:
                match = next((entry for entry in pool if entry[0] == target), None)
                if match is None:
                    result.missed.append((plan_file.plan.id, key, target))
                    continue
                pool.remove(match)
                result.found += 1
                if metric is not None and match[1] == metric:
                    result.named += 1
                else:
                    result.misnamed.append((plan_file.plan.id, key, metric, match[1]))
            result.extra += [(plan_file.plan.id, key, t) for t, _ in pool]
    return result


def test_importer_finds_the_curated_targets(comparison):
    assert comparison.curated > 100
    assert comparison.found / comparison.curated >= BAR, (
        f"{comparison.found}/{comparison.curated} found; missed: {comparison.missed}")


def test_importer_rarely_proposes_targets_the_curators_deleted(comparison):
    assert comparison.found / comparison.imported >= BAR, (
        f"{comparison.found}/{comparison.imported} right; extra: {comparison.extra}")


def test_importer_names_the_curated_metric_of_most_targets(comparison):
    """Curators named every target's metric from content/metrics.yaml, often in words the plan does not use
    (全年交流轮岗教师人数 for 全年进行教师的交流轮岗), so this bar is lower: 82% measured (73% before names were
    matched by their characters in order, 57% before the importer matched phrases to listed names)."""
    assert comparison.found > 100
    assert comparison.named / comparison.found >= METRIC_BAR, (
        f"{comparison.named}/{comparison.found} named as curated; otherwise: {comparison.misnamed}")


def test_importer_proposes_the_curated_deadlines(comparison):
    """Measured on the five seeds: the curators kept no deadline (their prose states few, and the one item stating
    several milestones, 8月底前竣工投用 and 9月前开工建设, has none), and the import proposes none."""
    pairs = comparison.deadlines.values()
    proposed = [pair for pair in pairs if pair[1] is not None]
    curated = [pair for pair in pairs if pair[0] is not None]
    kept = [pair for pair in proposed if pair[0] == pair[1]]
    print(f"deadlines: {len(kept)}/{len(proposed)} proposed kept, {len(kept)}/{len(curated)} curated found")
    assert len(pairs) > 100
    assert len(kept) >= BAR * len(proposed), [(key, pair) for key, pair in comparison.deadlines.items()
                                             if pair[1] is not None and pair[0] != pair[1]]
    assert len(kept) >= BAR * len(curated)
