"""`--add-unknown-owners`: append the owners no department matches to content/departments.yaml.

Ids must be ascii and stable, and no pinyin library is available, so a new
department is called ``<organisation id>-unit-<N>``, N counting on from the
highest such id already in the file (deterministic for the same file and
plan).  The entry carries a comment asking the curator to check it and, if
they like, to rename the id before any page links to it.

A name ending like a body's (``_OUTSIDE``: 县公安局, 财政局, 市卫生健康委, 县人民政府, 区消防救援大队, a company)
is added as a body outside the organisation (外单位), and named for the curator, unless it is the organisation's
own name; its committees (机关党委, 校团委, 关工委) are added as its 科室.  A unit of the organisation's own that
ends so (城东分局, 治安大队) is then given its kind by hand; as a 科室, another government's department would have
been a wrong entry nobody is told of.  A collective (各县区人民政府) is a 统称 of the organisation's, as curated
content files 各县区教育行政部门.
"""

from __future__ import annotations

import re

import yaml

from ..atomicfile import replace_file
from ..vocabulary import Vocabulary, placeholder_id, placeholder_number
from .metadata import bare_name
from .report import walk_item_dicts

# The ends of names of bodies that may be outside an organisation: a government or its departments (县公安局,
# 财政局, 公安分局), its brigades (区消防救援大队, 治安大队), courts, a company; not committees (机关党委, 校团委,
# 关工委), which are the organisation's own
_OUTSIDE = re.compile(r"(?:局|厅|(?<![党团工])委|委员会|政府|法院|检察院|公司|大队|支队)$")
_PLACE = "县市区省"
OUTSIDE_KIND = "外单位"  # (the kind of a body outside the organisation)
COMMENT = "added by plansite import from {source}: check name and kind; rename the id before publishing"


def unknown_owners(plan: dict, vocabulary: Vocabulary) -> list[str]:
    """Owner and supporting-unit names of the plan that resolve to no department, in order of appearance."""
    names: list[str] = []
    for item in walk_item_dicts(plan.get("sections") or []):
        for name in (*(item.get("owners") or ()), *(item.get("support") or ())):
            if vocabulary.resolve_owner(name, plan["organisation"]) is None and name not in names:
                names.append(name)
    return names


def outside(names: list[str], organisation_name: str) -> list[str]:
    """The names of bodies that may be outside the organisation (县公安局, 财政局, 治安大队): not collectives (各…),
    nor the organisation's own name (莲花县教育局, 县教育局 or 教育局 in 莲花县教育局's plan, 教育局 in
    某市教育局（2024年工作要点）'s)."""
    own = bare_name(organisation_name)  # a bracket is no part of it (某市教育局（2024年工作要点）)
    return [name for name in names if _OUTSIDE.search(name) and not name.startswith("各") and not is_own(name, own)]


def is_own(name: str, own: str) -> bool:
    """Whether the name is the organisation's own, with or without its place (县教育局 or 教育局 for 莲花县教育局;
    not 育局)."""
    return name == own or own.endswith(name) and (own[-len(name) - 1] in _PLACE or name[0] in _PLACE)


def new_departments(names: list[str], organisation: str, existing_ids: set[str], outside_it: list[str]) -> list[dict]:
    """Departments of the names, of kind 外单位 for those in ``outside_it``."""
    taken = [n for n in (placeholder_number(i, organisation) for i in existing_ids) if n is not None]
    first = max(taken, default=0) + 1
    return [{"id": placeholder_id(organisation, first + i), "name": name, "organisation": organisation,
             "kind": OUTSIDE_KIND if name in outside_it else "统称" if name.startswith("各") else "科室"}
            for i, name in enumerate(names)]


def entries_text(departments: list[dict], indent: str, source: str) -> str:
    """YAML for the new list entries, indented like the file's own entries."""
    out = [f"\n{indent}# {COMMENT.format(source=source)}\n"]
    for department in departments:
        block = yaml.safe_dump([department], allow_unicode=True, sort_keys=False, width=1 << 30)
        out.append("".join(f"{indent}{line}\n" for line in block.splitlines()))
    return "".join(out)


def append_departments(path: str, departments: list[dict], source: str) -> None:
    """Append the entries to the departments file, keeping everything in it.  (The file exists: a missing one is
    an error of content/, which refuses --add-unknown-owners.)"""
    with open(path, encoding="utf-8") as file:
        current = file.read()
    current = re.sub(r"^departments:\s*\[\]\s*$", "departments:", current, flags=re.M)
    found = re.search(r"^( *)- id:", current, re.M)
    indent = found.group(1) if found else "  "
    if not current.endswith("\n"):
        current += "\n"
    replace_file(path, current + entries_text(departments, indent, source))  # whole, or the file as it was
