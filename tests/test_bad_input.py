"""Broken input: ``plansite build`` names the file, line, column, field and what was expected, and
leaves docs/ and site/ exactly as they were (``plansite check --strict`` for what is only a warning).

Each case breaks a copy of a project whose docs/ and site/ were built.  The
expected location is marked with ``¦`` in a piece of the broken file (the
piece without the mark is looked up in the file), so it is where the problem
is in the text rather than a number copied from the output.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from generator import yamlsource
from generator.cli import main
from generator.write import STAGING_PREFIX
from sitefixtures import FIXTURE, make_site_project

pytestmark = pytest.mark.site

PLAN = "plans/2025/xx-edu-2025.yaml"
DEPARTMENTS = "content/departments.yaml"
MARK = "¦"


@dataclass(frozen=True)
class Case:
    change: Callable[[str], str | bytes]  # the plan file's text → the broken file's content
    at: str | None                        # a piece of the broken file with MARK where the problem is; None: 0:0
    field: str
    says: tuple[str, ...]                 # pieces of the message: what is wrong, what was expected
    path: str = PLAN
    also: Callable[[Path], None] | None = None  # a further change to the project
    command: tuple[str, ...] = ("build",)       # warnings fail only `check --strict`, the CI gate


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return change


def append(more: str) -> Callable[[str], str]:
    return lambda text: text + more


def nested(depth: int) -> str:
    return "deep: " + "[" * depth + "]" * depth + "\n"


def many_values(count: int) -> Callable[[str], str]:
    return lambda text: "extra: [" + ", ".join(map(str, range(count))) + "]\n" + text


def copy_plan(root: Path) -> None:
    shutil.copy(root / PLAN, root / "plans" / "2025" / "xx-edu-2025-copy.yaml")


def with_metrics(root: Path) -> None:
    """A metric vocabulary (optional in a project) that names the fixture's metrics, if there is none."""
    metrics = root / "content" / "metrics.yaml"
    if not metrics.exists():
        metrics.write_text("metrics:\n  - {id: preschool-enrolment, name: 学前三年毛入园率, unit: '%'}\n",
                           encoding="utf-8")


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    """A change to another file of the project than the plan."""
    def change(root: Path) -> None:
        file = root / path
        file.write_text(replace(old, new)(file.read_text(encoding="utf-8")), encoding="utf-8")
    return change


def line_of(piece: str) -> int:
    """The line of ``piece`` in the fixture's plan file (before it is broken)."""
    text = (FIXTURE / PLAN).read_text(encoding="utf-8")
    return text[:text.index(piece)].count("\n") + 1


SECOND_TITLE, FIRST_ITEM = line_of("title: 提升保教质量"), line_of("- number: '1'")
LIMIT, DEPTH = yamlsource.MAX_VALUES, yamlsource.MAX_DEPTH
CASES = {
    "YAML syntax error": Case(
        replace("    text: 围绕幼有所育", "     text: 围绕幼有所育"), "     text¦: 围绕幼有所育", "sections[0]",
        ("YAML syntax error: mapping values are not allowed",)),
    "duplicate key": Case(
        replace("        title: 提升保教质量\n", "        title: 提升保教质量\n        title: 重复\n"),
        "        ¦title: 重复", "sections[0].items[1].title",
        (f"duplicate key 'title' (first defined at line {SECOND_TITLE})",)),
    "wrong type": Case(
        replace("year: 2025", "year: 二〇二五"), "year: ¦二〇二五", "year",
        ("expected an integer, got the text '二〇二五'",)),
    "missing field": Case(
        replace("        title: 提升保教质量\n", ""), "      - ¦number: '2'", "sections[0].items[1].title",
        ("missing required field 'title': expected a string",)),
    "empty title": Case(
        replace("        title: 提升保教质量\n", "        title: ' '\n"), "        title: ¦' '", "sections[0].items[1].title",
        ("must not be empty: a required field needs a value",)),
    "department kind not in the list": Case(
        lambda text: text, "    kind: ¦部门", "departments[0].kind",
        ("expected one of '科室', '直属单位', '下级部门', '统称', '外单位' (did you mean '下级部门'?)",),
        path=DEPARTMENTS, also=edit(DEPARTMENTS, "    full_name: 基础教育科\n", "    full_name: 基础教育科\n    kind: 部门\n")),
    "comparator written as the site shows it": Case(
        replace("comparator: '>=', value: 94.5", "comparator: ≥, value: 94.5"), "comparator: ¦≥",
        "sections[0].items[0].targets[0].comparator",
        ("expected one of '>=', '<=', '=', '>', '<', 'range' (did you mean '>='?), got the text '≥'",)),
    "unknown field": Case(
        replace("        title: 提升保教质量", "        titel: 提升保教质量"), "        ¦titel:",
        "sections[0].items[1].titel", ("unknown field (did you mean 'title'?)",)),
    "invalid date": Case(
        replace("deadline: 2025-12-31", "deadline: 2025-02-30"), "deadline: ¦2025-02-30",
        "sections[0].items[0].deadline",
        ("expected a date that exists, got the text '2025-02-30' (day is out of range for month)",)),
    "date with a time": Case(
        replace("deadline: 2025-12-31", "deadline: 2025-12-31 10:00:00"), "deadline: ¦2025-12-31 10:00:00",
        "sections[0].items[0].deadline",
        ("expected a date (YYYY-MM-DD), got a date with a time (2025-12-31 10:00:00)",)),
    "empty file": Case(lambda text: "# 草稿\n", None, "", ("the file is empty (or holds only comments)",)),
    "number that is not finite": Case(
        replace("value: 94.5", "value: .inf"), "value: ¦.inf", "sections[0].items[0].targets[0].value",
        ("expected a number, got float inf",)),
    "number that is text, in a target reported done": Case(  # YAML 1.1 reads 2.5e3 as text; nothing crashes
        replace("value: 94.5, unit: '%'}", "value: 2.5e3, unit: '%', status: 已完成, actual: 96, as_of: 2025-12-31}"),
        "value: ¦2.5e3", "sections[0].items[0].targets[0].value", ("expected a number, got the text '2.5e3'",)),
    "unknown theme": Case(
        replace("themes: [preschool, finance]", "themes: [pre-school, finance]"), "[¦pre-school",
        "sections[0].items[0].themes[0]",
        ("unknown theme 'pre-school' (did you mean 'preschool'?)", "expected an id from content/themes.yaml")),
    "unknown department": Case(
        replace("owners: [学前教育科, 计划财务科]", "owners: [学前教育科, 计划财物科]"), "¦计划财物科",
        "sections[0].items[0].owners[1]",
        ("unknown department '计划财物科' for organisation 'xx-edu' (did you mean '计划财务科'",
         "add it to content/departments.yaml")),
    "units listed in one text": Case(
        replace("owners: [学前教育科, 计划财务科]", "owners: [学前教育科、计划财务科]"), "owners: [¦学前教育科、",
        "sections[0].items[0].owners[0]",
        ("unknown department '学前教育科、计划财务科' for organisation 'xx-edu': YAML does not split a text at '、'; "
         "write each unit as an entry of the list: [学前教育科, 计划财务科]",)),
    "department of another organisation": Case(
        lambda text: text, "owners: [¦学前教育科", "sections[0].items[0].owners[0]",
        ("unknown department '学前教育科' for organisation 'xx-edu': content/departments.yaml lists it under "
         "organisation 'taobei-edu'",),
        also=edit(DEPARTMENTS, "    name: 学前教育科\n    organisation: xx-edu",
                  "    name: 学前教育科\n    organisation: taobei-edu")),
    "unknown metric (a warning)": Case(
        replace("metric: 学前三年毛入园率,", "metric: 学前三年毛入园律,"), "metric: ¦学前三年毛入园律",
        "sections[0].items[0].targets[0].metric",
        ("unknown metric '学前三年毛入园律' (did you mean '学前三年毛入园率'", "to content/metrics.yaml"),
        also=with_metrics, command=("check", "--strict")),
    "unknown organisation": Case(
        replace("organisation: xx-edu", "organisation: xx-ed"), "organisation: ¦xx-ed", "organisation",
        ("unknown organisation 'xx-ed' (did you mean 'xx-edu'", "expected an id from content/organisations.yaml")),
    "organisation written by its name": Case(
        replace("organisation: xx-edu", "organisation: XX市教育局"), "organisation: ¦XX市教育局", "organisation",
        ("'XX市教育局' is the organisation's name, not its id: write its id 'xx-edu' (the organisation named XX市教育局)",)),
    "theme written by its name": Case(
        replace("themes: [preschool, finance]", "themes: [学前教育, finance]"), "themes: [¦学前教育",
        "sections[0].items[0].themes[0]",
        ("'学前教育' is the theme's name, not its id: write its id 'preschool' (the theme named 学前教育)",)),
    "department's organisation written by its name": Case(
        lambda text: text, "    organisation: ¦XX市教育局", "departments[0].organisation",
        ("'XX市教育局' is the organisation's name, not its id: write its id 'xx-edu'",),
        path=DEPARTMENTS, also=edit(DEPARTMENTS, "organisation: xx-edu", "organisation: XX市教育局")),
    "duplicate explicit item id": Case(
        replace("number: '2'", "number: '2'\n        id: 1-1"), "      - number: '2'\n        id: ¦1-1",
        "sections[0].items[1].id",
        (f"item id '1-1' is already used by the item at line {FIRST_ITEM}; that one takes it from its numbering: "
         "give this one another 'id', or, to keep this one's (an address published before), give that one an 'id' "
         "of its own",)),
    "duplicate plan id": Case(  # reported in the copy, the file not named after the id
        lambda text: text, "id: ¦xx-edu-2025", "id",
        ("duplicate plan id 'xx-edu-2025' (also in", "xx-edu-2025.yaml)"), path="plans/2025/xx-edu-2025-copy.yaml",
        also=copy_plan),
    "duplicate item id": Case(
        replace("number: '2'", "number: '1'"), "      - number: ¦'1'\n        title: 提升保教质量",
        "sections[0].items[1].number",
        (f"item id '1-1' is already used by the item at line {FIRST_ITEM}",
         "give one of them an explicit 'id'")),
    "duplicate section number": Case(
        replace("  - number: 二\n", "  - number: 一\n"), "  - number: ¦一\n    title: 促进学生身心健康",
        "sections[1].number",
        (f"section id '1' is already used by the section at line {line_of('  - number: 一')}", "number them apart")),
    **{f"unsafe plan id {bad}": Case(
        replace("id: xx-edu-2025", f"id: {bad}"), f"id: ¦{bad}", "id",
        (f"{bad!r} is not a safe id: use lowercase ascii letters, digits and single hyphens",))
       for bad in ("../x", "a/b", "A B", "Upper")},
    "unsafe item id": Case(
        replace("        title: 提升保教质量\n", "        id: ../x\n        title: 提升保教质量\n"), "id: ¦../x",
        "sections[0].items[1].id", ("'../x' is not a safe id",)),
    "wrong encoding (GBK)": Case(
        lambda text: text.encode("gbk"), "title: XX¦市", "", ("file is not UTF-8 (save it as UTF-8;",)),
    "control character": Case(
        replace("保教质量", "保教\x07质量"), "保教¦\x07质量", "", ("character U+0007 is not allowed in YAML",)),
    "alias bomb": Case(
        append("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
               "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"), "a: ¦&a", "a",
        ("YAML anchors (&a) and aliases are not allowed in plan files",)),
    "absurd nesting": Case(
        append(nested(1_000_000)), "deep: " + "[" * (DEPTH - 1) + MARK + "[", "deep" + "[0]" * (DEPTH - 1),
        (f"nesting deeper than {DEPTH} levels is not allowed",)),
    "too many values": Case(
        many_values(LIMIT), f", {MARK}{LIMIT - 3},", f"extra[{LIMIT - 3}]",  # values 1-3: the mapping, key, list
        (f"more than {LIMIT:,} values in one file",)),
    "very large file": Case(
        append("closing: " + "很" * (yamlsource.MAX_BYTES // 3) + "\n"), None, "",
        (f"bytes; the limit is {yamlsource.MAX_BYTES:,}",)),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_site_project(tmp_path_factory.mktemp("built"))
    assert main(["--root", str(root), "build"]) == 0
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes()
            for folder in ("docs", "site") for path in sorted((root / folder).rglob("*")) if path.is_file()}


def location(content: str | bytes, at: str | None) -> tuple[int, int]:
    if at is None:
        return 0, 0
    text = content.decode("gbk") if isinstance(content, bytes) else content
    index = text.index(at.replace(MARK, "")) + at.index(MARK)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize("name", CASES)
def test_broken_input_is_located_and_changes_nothing(built, tmp_path, capsys, name):
    case = CASES[name]
    root = tmp_path / "project"
    shutil.copytree(built, root)
    plan = root / PLAN
    content = case.change(plan.read_text(encoding="utf-8"))
    plan.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if case.also:
        case.also(root)
    before = snapshot(root)
    capsys.readouterr()

    assert main(["--root", str(root), *case.command]) == 1
    line, column = location(content if case.path == PLAN else (root / case.path).read_text(encoding="utf-8"), case.at)
    field = f" {case.field}:" if case.field else ""
    start = f"{root / case.path}{f':{line}:{column}' if line else ''}: error:{field} "
    reported = [out for out in capsys.readouterr().out.splitlines() if out.startswith(f"{root / case.path}")]
    assert any(out.startswith(start) and all(piece in out[len(start):] for piece in case.says)
               for out in reported), (start, case.says, reported)
    assert snapshot(root) == before
    assert not [name for name in root.iterdir() if name.name.startswith(STAGING_PREFIX)]
