"""The quality bar on the five seed texts: every section and item, with the right number and title.

The expectations are read from the raw seed text with simple patterns, one
per numbering style, independently of the importer; the importer must find
exactly those headings and items, in order, and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.importer.pipeline import Settings, import_source
from generator.importer.report import walk_item_dicts, walk_sections
from generator.load import load_vocabulary
from projects import SEEDS

ROOT = Path(__file__).parent.parent
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed texts are not at {SEEDS}")

CN = "一二三四五六七八九十"
SECTION = re.compile(rf"^\s*([{CN}]+)、(.+?)\s*$")
SUBSECTION = re.compile(rf"^\s*([(（][{CN}]+[)）])(.+?)\s*$")
ITEM = re.compile(r"^\s*(\d{1,2})[.．]?([^\d.．].*?)。")
SHI = re.compile(rf"^\s*([{CN}]+是)(.+?)。")

# seed -> (organisation, kind, pattern of the section headings, of subsections, of items)
SEED_FILES = {
    "000": ("xiangtan-edu", "plan", SECTION, None, ITEM),
    "001": ("pingxiang-edu", "plan", SECTION, None, ITEM),
    "002": ("taobei-edu", "plan", SECTION, None, re.compile(rf"^\s*([(（][{CN}]+[)）])(.+?)。")),
    "003": ("unnamed-city-a-edu", "plan", SECTION, SUBSECTION, ITEM),
    "004": ("unnamed-city-b-edu", "review", SECTION, SUBSECTION, SHI),
}


@pytest.fixture(scope="module")
def vocabulary():
    problems = []
    loaded, _ = load_vocabulary(str(ROOT), problems)
    return loaded


def seed_path(seed: str) -> Path:
    return next(SEEDS.glob(f"{seed}_*.txt"))


def expected(seed: str, pattern: re.Pattern) -> list[tuple[str, str]]:
    lines = seed_path(seed).read_text(encoding="utf-8").splitlines()
    return [(m.group(1).replace("（", "(").replace("）", ")"), m.group(2).strip())
            for m in map(pattern.match, lines) if m]


def draft(seed: str, vocabulary) -> tuple[dict, object]:
    organisation, kind, *_ = SEED_FILES[seed]
    result = import_source(str(seed_path(seed)), Settings(organisation=organisation, kind=kind), vocabulary)
    assert result.errors == ()
    return result.plan, result


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_every_heading_and_item_with_number_and_title(seed, vocabulary):
    _, _, section, subsection, item = SEED_FILES[seed]
    plan, _ = draft(seed, vocabulary)
    top = [(s["number"], s["title"]) for s in plan["sections"]]
    nested = [(s["number"], s["title"]) for top_section in plan["sections"]
              for s in walk_sections(top_section.get("sections") or [])]
    items = [(i["number"], i["title"]) for i in walk_item_dicts(plan["sections"])]
    assert top == expected(seed, section)
    assert nested == (expected(seed, subsection) if subsection else [])
    found_items = expected(seed, item)
    assert items == found_items  # no item missed, none invented, titles as printed
    assert items


def test_the_shapes_the_brief_names(vocabulary):
    numbers = {seed: [i["number"] for i in walk_item_dicts(draft(seed, vocabulary)[0]["sections"])]
               for seed in SEED_FILES}
    assert numbers["000"] == [str(n) for n in range(1, 29)]
    assert numbers["001"] == [str(n) for n in [*range(1, 18), *range(23, 32)]]
    assert numbers["002"][0] == "(一)" and numbers["002"][-1] == "(十九)" and len(numbers["002"]) == 19
    assert numbers["003"] == [str(n) for n in range(1, 54)]
    assert set(numbers["004"]) == {"一是", "二是", "三是"}
    sections_001 = [s["number"] for s in draft("001", vocabulary)[0]["sections"]]
    assert sections_001 == ["一", "二", "三", "四", "六", "七"]  # 五 is missing from the source


def test_every_owner_of_seed_001(vocabulary):
    lines = seed_path("001").read_text(encoding="utf-8").splitlines()
    clauses = [m.group(1) for m in (re.search(r"[(（]责任单位[:：](.+?)[)）]\s*$", line) for line in lines) if m]
    stated = [re.split(r"[、，,]|(?<=科)等", clause) for clause in clauses]  # 基教科等机关各科室: two units
    plan, result = draft("001", vocabulary)
    items = list(walk_item_dicts(plan["sections"]))
    assert [item["owners"] for item in items] == stated
    assert not any("责任单位" in item["text"] for item in items)
    assert not [u for u in result.unsure if "departments.yaml" in u.message]  # every owner resolves


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_themes_are_assigned(seed, vocabulary):
    items = list(walk_item_dicts(draft(seed, vocabulary)[0]["sections"]))
    known = set(vocabulary.theme_by_id)
    assert all(set(item["themes"]) <= known for item in items)
    assert sum(1 for item in items if item["themes"]) >= 0.9 * len(items)


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_spans_lead_back_to_the_seed(seed, vocabulary):
    plan, result = draft(seed, vocabulary)
    for item in walk_item_dicts(plan["sections"]):
        start, end = item["span"]
        assert result.source_text[start:end] == item["text"]  # every seed item is one line
