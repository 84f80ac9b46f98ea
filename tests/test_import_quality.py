"""The importer against the curated plans: how many of the curators' targets it finds by itself.

The curated files in plans/ started as importer drafts and were corrected by
hand against the source text, so they are the reference: a target counts as
found when the fresh import of the same seed has, on the same item, a target
with the same comparator, value (or min/max) and unit.  The bar is 90% of the
curated targets (recall); false targets the curators had to delete are
reported and held to the same bar (precision).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator import yamlsource
from generator.decode import decode
from generator.ids import walk_items
from generator.importer.pipeline import Settings, import_source
from generator.load import load_site
from generator.model import Plan

ROOT = Path(__file__).parent.parent
BAR = 0.9


def shape(target) -> tuple:
    return (target.comparator, target.value, target.min, target.max, target.unit)


def targets_by_item(plan: Plan) -> dict[str, list[tuple]]:
    return {placed.key: [shape(t) for t in placed.item.targets] for placed in walk_items(plan.sections)}


def reimport(plan_file, vocabulary) -> Plan:
    plan = plan_file.plan
    source = ROOT / plan.source.file
    if not source.exists():
        pytest.skip(f"source text {source} is not here")
    result = import_source(str(source), Settings(plan.organisation, plan.year, plan.kind, plan.id,
                                                 plan.source.file), vocabulary)
    text = yaml.safe_dump(result.plan, allow_unicode=True, sort_keys=False)
    document, problems = yamlsource.load("<import>", text)
    diagnostics: list = []
    fresh = decode(Plan, document, diagnostics)
    assert problems == [] and diagnostics == []
    return fresh


@pytest.fixture(scope="module")
def comparison():
    site, diagnostics = load_site(str(ROOT))
    assert not [d for d in diagnostics if d.severity == "error"]
    found = curated_total = imported_total = 0
    missed, extra = [], []
    for plan_file in site.plans:
        curated = targets_by_item(plan_file.plan)
        fresh = targets_by_item(reimport(plan_file, site.vocabulary))
        assert fresh.keys() == curated.keys(), f"{plan_file.path}: the import finds other items"
        for key, wanted in curated.items():
            pool = list(fresh[key])
            imported_total += len(pool)
            curated_total += len(wanted)
            for target in wanted:
                if target in pool:
                    pool.remove(target)
                    found += 1
                else:
                    missed.append((plan_file.plan.id, key, target))
            extra += [(plan_file.plan.id, key, t) for t in pool]
    return found, curated_total, imported_total, missed, extra


def test_importer_finds_the_curated_targets(comparison):
    found, curated_total, _, missed, _ = comparison
    assert curated_total > 100
    assert found / curated_total >= BAR, f"{found}/{curated_total} found; missed: {missed}"


def test_importer_rarely_proposes_targets_the_curators_deleted(comparison):
    found, _, imported_total, _, extra = comparison
    assert found / imported_total >= BAR, f"{found}/{imported_total} right; extra: {extra}"
