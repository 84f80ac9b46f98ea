"""Build small Plansite projects on disk for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.load import load_vocabulary

# The five published texts the curated plans were imported from, beside the repository (as source.file says:
# ../shared/seeds/); tests that read them are skipped where they are not.
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

ORGANISATIONS = """\
organisations:
  - id: demo-edu
    name: 示例市教育局
    region: 示例省示例市
    level: 地市级
"""

DEPARTMENTS = """\
departments:
  - id: demo-jijiaoke
    name: 基教科
    full_name: 基础教育科
    organisation: demo-edu
  - id: demo-jicaike
    name: 计财科
    organisation: demo-edu
    aliases: [计划财务科]
"""

THEMES = """\
themes:
  - id: preschool
    name: 学前教育
    keywords: [幼儿园, 学前]
  - id: mental-health
    name: 心理健康
    keywords: [心理健康]
"""

PLAN = """\
id: demo-edu-2025
title: 示例市教育局2025年工作要点
organisation: demo-edu
year: 2025
sections:
  - number: 一
    title: 学前教育
    items:
      - number: 1
        title: 扩大普惠资源
        text: 扩大普惠资源。公办幼儿园在园幼儿占比提升至58%以上。
        owners: [基教科, 计划财务科]
        themes: [preschool]
        targets:
          - {text: 公办幼儿园在园幼儿占比提升至58%以上, metric: 公办幼儿园在园幼儿占比, comparator: '>=', value: 58, unit: '%'}
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_project(root: Path, plan: str = PLAN, name: str = "plans/2025/demo-edu-2025.yaml") -> Path:
    """A valid one-plan project; pass ``plan`` to put other YAML in its place."""
    write(root, "content/organisations.yaml", ORGANISATIONS)
    write(root, "content/departments.yaml", DEPARTMENTS)
    write(root, "content/themes.yaml", THEMES)
    return write(root, name, plan)


def demo_vocabulary(root: Path):
    """The vocabulary of a project of demo-edu's content files (organisations, departments, themes) at ``root``."""
    for name, text in (("organisations", ORGANISATIONS), ("departments", DEPARTMENTS), ("themes", THEMES)):
        write(root, f"content/{name}.yaml", text)
    problems = []
    loaded, _ = load_vocabulary(str(root), problems)
    assert problems == []
    return loaded


# A review (工作总结) of PLAN's year, as far as its one section's items: a test adds the items, indented as under
# ``items:`` (e.g. one reporting on demo-edu-2025#1-1).
REVIEW_HEAD = """\
id: demo-edu-2025-review
title: 示例市教育局2025年工作总结
organisation: demo-edu
year: 2025
kind: review
sections:
  - number: 一
    title: 学前教育
    items:
"""
