"""The published JSON Schema (plans/plan.schema.json) agrees with the loader, checked by a real validator.

Editors check plan files against the schema as curators type (the YAML
language server reads the ``$schema`` comment heading each file), so the
schema must accept every plan the loader accepts, and reject what it can
express of what the loader rejects: a missing or blank field, a wrong type, a
value from outside a list, an id of the wrong shape, a field the format does not
have, a date that is no date.  The files are read as an editor reads them: YAML
1.2, where ``2025-12-31`` is a string (the schema's ``format: date``), not a date.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.load import load_site
from generator.schema import json_schema
from projects import PLAN, make_project
from sitefixtures import FIXTURE, REPO

VALIDATOR = Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
PLAN_FILES = sorted((REPO / "plans").rglob("*.yaml")) + sorted((FIXTURE / "plans").rglob("*.yaml"))


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: no timestamps (YAML 1.2's core schema)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def schema_errors(text: str) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in VALIDATOR.iter_errors(yaml.load(text, Loader=EditorLoader))]


def loader_errors(root: Path, text: str) -> list[str]:
    make_project(root, text)
    return [f"{d.field}: {d.message}" for d in load_site(str(root))[1] if d.severity == "error"]


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda path: path.name)
def test_every_curated_and_fixture_plan_is_valid_under_the_schema(path):
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_the_sample_plan_is_valid_for_both(tmp_path):
    assert (schema_errors(PLAN), loader_errors(tmp_path, PLAN)) == ([], [])


ITEM = "      - number: 1\n        title: 扩大普惠资源\n"
TARGET = "{text: 公办幼儿园在园幼儿占比提升至58%以上, metric: 公办幼儿园在园幼儿占比, comparator: '>=', value: 58, unit: '%'}"
BROKEN = {
    "required field missing": ("title: 示例市教育局2025年工作要点\n", ""),
    "blank title": ("title: 示例市教育局2025年工作要点", "title: '  '"),
    "blank item title": ("title: 扩大普惠资源", "title: ''"),
    "year not a number": ("year: 2025", "year: 二〇二五"),
    "unknown field": ("year: 2025\n", "year: 2025\nyaer: 2025\n"),
    "unknown item field": (ITEM, ITEM + "        titel: x\n"),
    "kind outside its list": ("year: 2025\n", "year: 2025\nkind: summary\n"),
    "comparator outside its list": ("comparator: '>='", "comparator: '=>'"),
    "value not a number": ("value: 58,", "value: 五十八,"),
    "owners not a list": ("owners: [基教科, 计划财务科]", "owners: 基教科"),
    "item id of the wrong shape": (ITEM, ITEM + "        id: ../x\n"),
    "plan id of the wrong shape": ("id: demo-edu-2025", "id: Demo_2025"),
    "deadline no date": (TARGET, TARGET[:-1] + ", deadline: 2025-02-30}"),
    "deadline with a time": (TARGET, TARGET[:-1] + ", deadline: 2025-12-31 10:00:00}"),
    "sections not a list": ("sections:\n", "sections: 学前教育\nx:\n"),
    "a decimal number (1.10 would be read as 1.1)": ("      - number: 1\n", "      - number: 1.10\n"),
    "a number where text goes": ("title: 扩大普惠资源", "title: 2025"),
    "a quoted date that does not exist": (TARGET, TARGET[:-1] + ", deadline: '2025-02-30'}"),
}

ACCEPTED = {
    "a quoted date": (TARGET, TARGET[:-1] + ", deadline: '2025-12-31'}"),
    "an empty list": ("owners: [基教科, 计划财务科]", "owners: []"),
    "a list left empty": ("owners: [基教科, 计划财务科]", "owners:"),
    "a number as printed, quoted": ("      - number: 1\n", "      - number: '1.10'\n"),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_what_the_loader_accepts_the_schema_accepts_too(tmp_path, name):
    old, new = ACCEPTED[name]
    assert old in PLAN
    text = PLAN.replace(old, new, 1)
    assert (schema_errors(text), loader_errors(tmp_path, text)) == ([], [])


@pytest.mark.parametrize("name", BROKEN)
def test_what_the_loader_rejects_the_schema_rejects_too(tmp_path, name):
    old, new = BROKEN[name]
    assert old in PLAN
    text = PLAN.replace(old, new, 1)
    assert loader_errors(tmp_path, text), "the loader accepts it"
    assert schema_errors(text), "the schema accepts it"
