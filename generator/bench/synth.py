"""Synthetic projects of any size, resampled from the curated plans of a real project.

Each synthetic plan takes the outline of a curated plan (its nested sections,
their numbers, titles and intro texts) and fills every item slot with an item
drawn from all curated items (text, owners, support, themes, targets and
deadline as curated; the slot keeps its own number).  Plans are published by
synthetic organisations, ``PER_YEAR`` plans a year each over ``YEARS`` (a
工作要点, a 任务分解 and a 工作总结, say); every
organisation has a copy of every curated department (same names and aliases,
its own ids), so the owners of any item resolve.  The rest of content/
(themes, hand-written pages, ...) and mkdocs.yml are the real project's.  The
same size and seed give the same project byte for byte.
"""

from __future__ import annotations

import copy
import math
import os
import random
import shutil
from dataclasses import dataclass

import yaml

from ..load import plan_paths

YEARS = tuple(range(2016, 2026))
# Plans an organisation publishes a year: 10,000 plans come from 334 organisations, whose 8,016 departments
# stay under the 100,000 values one YAML file may hold (yamlsource.MAX_VALUES; about 9.5 per department).
PER_YEAR = 3
PLACE_FIRST = "东西南北中江河湖山海安宁平和新兴华阳长永青云金石"
PLACE_SECOND = "州城川原林泉岭湾阳平丰安宁远昌德兴康乐"
PLACE_KIND = "市县区"
KIND_TITLES = {"plan": "工作要点", "review": "工作总结", "breakdown": "任务分解"}
COPIED = ("content", "mkdocs.yml", "plans/plan.schema.json")  # then the vocabularies below are replaced

try:
    _Loader, _BaseDumper = yaml.CSafeLoader, yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader, _BaseDumper = yaml.SafeLoader, yaml.SafeDumper


class _Dumper(_BaseDumper):
    """Writes shared values out in full: plan files refuse YAML aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


@dataclass(frozen=True)
class Seeds:
    """What synthetic projects are drawn from: curated plans and departments, as plain data."""

    root: str
    plans: tuple[dict, ...]
    items: tuple[dict, ...]
    departments: tuple[dict, ...]


def read_yaml(path: str):
    with open(path, encoding="utf-8") as file:
        return yaml.load(file, Loader=_Loader)


def all_items(sections: list[dict]) -> list[dict]:
    found = []
    for section in sections:
        found.extend(section.get("items") or ())
        found.extend(all_items(section.get("sections") or ()))
    return found


def read_seeds(root: str) -> Seeds:
    plans = tuple(read_yaml(path) for path in plan_paths(root))
    items = tuple(item for plan in plans for item in all_items(plan.get("sections") or ()))
    departments = tuple(read_yaml(os.path.join(root, "content", "departments.yaml"))["departments"])
    return Seeds(root, plans, items, departments)


def place_name(index: int) -> str:
    """A distinct made-up place name for every index below 26 × 20 × 3."""
    first, rest = divmod(index, len(PLACE_SECOND) * len(PLACE_KIND))
    second, kind = divmod(rest, len(PLACE_KIND))
    return PLACE_FIRST[first % len(PLACE_FIRST)] + PLACE_SECOND[second] + PLACE_KIND[kind]


def organisation(index: int) -> dict:
    place = place_name(index)
    return {"id": f"syn{index + 1:04d}-edu", "name": f"{place}教育局", "region": f"示例省{place}",
            "level": "县区级" if place.endswith(("县", "区")) else "地市级"}


def departments_of(organisation_id: str, seeds: Seeds) -> list[dict]:
    """A copy of every curated department for one organisation (ids keep their last part)."""
    return [{**department, "id": f"{organisation_id}-{department['id'].split('-', 1)[-1]}",
             "organisation": organisation_id} for department in seeds.departments]


def resampled(sections: list[dict], rng: random.Random, items: tuple[dict, ...]) -> list[dict]:
    """The outline of ``sections`` with every item replaced by a random curated item."""
    result = []
    for section in sections:
        section = dict(section)
        section["items"] = [{**copy.deepcopy(rng.choice(items)), "number": slot["number"]}
                            for slot in section.get("items") or ()]
        for item in section["items"]:
            item.pop("id", None)
            item.pop("span", None)
        section["sections"] = resampled(section.get("sections") or [], rng, items)
        result.append(section)
    return result


def synthetic_plan(seed: dict, organisation_: dict, year: int, number: int, rng: random.Random,
                   items: tuple[dict, ...]) -> dict:
    """The ``number``-th plan (from 1) of an organisation's year, shaped like ``seed``."""
    kind = seed.get("kind", "plan")
    plan = {"id": f"{organisation_['id']}-{year}-{number}",
            "title": f"{organisation_['name']}{year}年{KIND_TITLES[kind]}",
            "organisation": organisation_["id"], "year": year, "kind": kind}
    plan.update((key, seed[key]) for key in ("preamble", "closing") if seed.get(key))
    plan["sections"] = resampled(seed.get("sections") or [], rng, items)
    return plan


def write_yaml(path: str, data) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        yaml.dump(data, file, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def copy_into(source_root: str, target_root: str, relative: str) -> None:
    source, target = os.path.join(source_root, relative), os.path.join(target_root, relative)
    if os.path.isdir(source):
        shutil.copytree(source, target, dirs_exist_ok=True)
    elif os.path.exists(source):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy(source, target)


def synthesise(seeds: Seeds, target_root: str, plans: int, seed: int = 0) -> int:
    """Write a project of ``plans`` plans into ``target_root``; the number of items they hold."""
    rng = random.Random(seed)
    per_organisation = len(YEARS) * PER_YEAR
    organisations = [organisation(i) for i in range(max(1, math.ceil(plans / per_organisation)))]
    for relative in COPIED:
        copy_into(seeds.root, target_root, relative)
    write_yaml(os.path.join(target_root, "content", "organisations.yaml"), {"organisations": organisations})
    write_yaml(os.path.join(target_root, "content", "departments.yaml"),
               {"departments": [d for o in organisations for d in departments_of(o["id"], seeds)]})
    items = 0
    for index in range(plans):
        owner = organisations[index // per_organisation]
        year_index, number = divmod(index % per_organisation, PER_YEAR)
        plan = synthetic_plan(rng.choice(seeds.plans), owner, YEARS[-1 - year_index], number + 1, rng, seeds.items)
        write_yaml(os.path.join(target_root, "plans", str(plan["year"]), f"{plan['id']}.yaml"), plan)
        items += len(all_items(plan["sections"]))
    return items
