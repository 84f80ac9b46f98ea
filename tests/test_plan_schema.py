"""The JSON Schemas (plans/plan.schema.json, content/schema/) agree with the loader, checked by a real validator.

Editors check plan files against the schema as curators type (the YAML
language server reads the ``$schema`` comment heading each file), so the
schema must accept every plan the loader accepts, and reject what it can
express of what the loader rejects: a missing or blank field, a wrong type, a
value from outside a list, an id of the wrong shape, a field the format does not
have, a date that is no date.  The files are read as an editor reads them: YAML
1.2, where ``2025-12-31`` is a string (the schema's ``format: date``), not a date.  The same holds for
the files of content/ and their schemas.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.cli import main
from generator.load import load_site
from generator.project import CONTENT, SCHEMA_FILE
from generator.schema import CONTENT_FILES, content_schema, schema_files
from projects import DEPARTMENTS, PLAN, make_project, write
from sitefixtures import FIXTURE, REPO

SCHEMAS = {path: json.loads(text) for path, text in schema_files().items()}
PLAN_FILES = sorted((REPO / "plans").rglob("*.yaml")) + sorted((FIXTURE / "plans").rglob("*.yaml"))
CONTENT_YAML = [root / CONTENT / name for root in (REPO, FIXTURE) for name in CONTENT_FILES
                if (root / CONTENT / name).exists()]


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: no timestamps (YAML 1.2's core schema)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def schema_errors(text: str, schema: str = SCHEMA_FILE) -> list[str]:
    validator = Draft202012Validator(SCHEMAS[schema], format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(yaml.load(text, Loader=EditorLoader))]


PLAN_FILE, DEPARTMENTS_FILE = "plans/2025/demo-edu-2025.yaml", f"{CONTENT}/departments.yaml"
SAMPLES = {PLAN_FILE: (PLAN, SCHEMA_FILE), DEPARTMENTS_FILE: (DEPARTMENTS, content_schema("departments.yaml"))}


def loader_errors(root: Path, text: str, path: str = PLAN_FILE) -> list[str]:
    """The errors of a valid sample project (``make_project``) whose file ``path`` holds ``text``."""
    make_project(root)
    write(root, path, text)
    return [f"{d.field}: {d.message}" for d in load_site(str(root))[1] if d.severity == "error"]


def variant(path: str, old: str, new: str) -> str:
    sample = SAMPLES[path][0]
    assert old in sample
    return sample.replace(old, new, 1)


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
    "a blank number": ("      - number: 1\n", "      - number: ' '\n"),
    "a blank metric": ("metric: 公办幼儿园在园幼儿占比", "metric: ' '"),
    "a metric of a line break alone": ("metric: 公办幼儿园在园幼儿占比", 'metric: "\\n"'),
    "an owner of spaces alone": ("owners: [基教科, 计划财务科]", "owners: [基教科, ' ']"),
    "an empty theme": ("themes: [preschool]", "themes: [preschool, '']"),
}

ACCEPTED = {
    "a quoted date": (TARGET, TARGET[:-1] + ", deadline: '2025-12-31'}"),
    "an empty list": ("owners: [基教科, 计划财务科]", "owners: []"),
    "a list left empty": ("owners: [基教科, 计划财务科]", "owners:"),
    "a number as printed, quoted": ("      - number: 1\n", "      - number: '1.10'\n"),
    "a metric left empty": ("metric: 公办幼儿园在园幼儿占比", "metric: ''"),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_what_the_loader_accepts_the_schema_accepts_too(tmp_path, name):
    text = variant(PLAN_FILE, *ACCEPTED[name])
    assert (schema_errors(text), loader_errors(tmp_path, text)) == ([], [])


@pytest.mark.parametrize("path", CONTENT_YAML, ids=lambda path: str(path.relative_to(REPO)))
def test_every_file_of_content_is_valid_under_its_schema(path):
    assert schema_errors(path.read_text(encoding="utf-8"), content_schema(path.name)) == []


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_the_project_s_files_of_content_point_editors_to_their_schemas(name):
    schema = os.path.relpath(content_schema(name), CONTENT)
    assert (REPO / CONTENT / name).read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema={schema}\n")
    assert (REPO / CONTENT / schema).is_file()


def test_a_new_project_s_files_of_content_point_editors_to_their_schemas_and_are_valid_under_them(tmp_path):
    assert main(["init", str(tmp_path), "--org", "demo-edu", "--name", "示例市教育局"]) == 0
    made = [name for name in CONTENT_FILES if (tmp_path / CONTENT / name).exists()]
    assert made == ["organisations.yaml", "departments.yaml", "themes.yaml"]
    for name in made:
        text = (tmp_path / CONTENT / name).read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema={os.path.relpath(content_schema(name), CONTENT)}\n")
        assert schema_errors(text, content_schema(name)) == []


UNIT = "    organisation: demo-edu\n"
BROKEN_DEPARTMENTS = {
    "kind outside its list": (UNIT, UNIT + "    kind: 处室\n"),
    "name missing": ("    name: 基教科\n", ""),
    "id of the wrong shape": ("id: demo-jijiaoke", "id: 基教科"),
    "unknown field": (UNIT, UNIT + "    alias: [基础教育科]\n"),
    "aliases not a list": ("aliases: [计划财务科]", "aliases: {计划财务科: 1}"),
    "an alias of spaces alone": ("aliases: [计划财务科]", "aliases: [计划财务科, '\u3000']"),
}


@pytest.mark.parametrize("path, name", [(PLAN_FILE, name) for name in BROKEN] +
                         [(DEPARTMENTS_FILE, name) for name in BROKEN_DEPARTMENTS])
def test_what_the_loader_rejects_the_schema_rejects_too(tmp_path, path, name):
    text = variant(path, *{PLAN_FILE: BROKEN, DEPARTMENTS_FILE: BROKEN_DEPARTMENTS}[path][name])
    assert loader_errors(tmp_path, text, path), "the loader accepts it"
    assert schema_errors(text, SAMPLES[path][1]), "the schema accepts it"
