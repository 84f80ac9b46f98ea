"""Property-based tests of the importer: the target parser on any text, and whole plans through
import → YAML → load without losing an item or a character of its text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import yamlsource
from generator.decode import decode
from generator.ids import walk_items
from generator.importer import draft
from generator.importer.pipeline import Settings, import_source
from generator.importer.targets import find_targets
from generator.load import load_vocabulary
from generator.model import Plan
from projects import DEPARTMENTS, ORGANISATIONS, THEMES, write

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# --- the target parser ----------------------------------------------------------

# Pieces of real targets, so that generated texts often hold quantities, comparators and units.
TARGET_PIECES = ["达到", "不低于", "不少于", "至少", "超过", "控制在", "以上", "以下", "以内", "左右", "余", "多",
                 "94.5", "100", "3000", "1,000", "700-800", "700～800", "700至800", "两", "十二", "百分之九十",
                 "%", "％", "‰", "所", "个", "人", "名", "万人", "亿元", "小时", "个小时", "内", "年", "月", "日",
                 "2025", "第", "届", "《", "》", "“", "”", "〔", "〕", "号", "每", "周", "X", "XX", "+",
                 "，", "。", "；", "、", "（", "）", "率", "覆盖率", "学前三年毛入园率", "力争", "已", "了",
                 "新建", "培训", "1+X", "四个", "\n", " "]
target_texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(TARGET_PIECES) | st.text(max_size=3), max_size=30).map("".join),
)
COMPARATORS = {">=", "<=", "=", ">", "<", "range"}


@SETTINGS
@given(target_texts, st.booleans())
def test_target_parser_takes_any_text_and_points_at_what_it_read(text, review):
    targets, skipped = find_targets(text, review=review)
    for found in (*targets, *skipped):
        assert 0 <= found.start <= found.end <= len(text)
        assert text[found.start:found.end] == found.text
    for target in targets:
        assert target.comparator in COMPARATORS
        if target.comparator == "range":  # the shape `plansite check` requires of a target
            assert target.value is None and target.min is not None and target.max is not None
        else:
            assert target.value is not None and target.min is None and target.max is None


# --- whole plans ------------------------------------------------------------------

# Characters of plan prose that cannot form a number (一, 是, 第 …), an owner clause (责任单位 …) or a
# line the importer drops as site noise (来源：, 打印 …): the generated outline is the only structure.
PROSE = "教育学校学生教师课程质量推进加强完善建设实施体系机制服务管理改革提升深化落实资源普惠优质均衡健康安全美术劳动家庭社会协同评价督导招生考试信息智慧平台培训队伍德规范创新特色示范"
sentences = st.text(st.sampled_from(PROSE + "，、；" + "0123456789%"), min_size=1, max_size=40).filter(
    lambda s: s[0] in PROSE).map(lambda s: s + "。")
paragraphs = st.lists(sentences, min_size=1, max_size=3).map("".join)
item_texts = st.lists(paragraphs, min_size=1, max_size=3).map("\n".join)
headings = st.text(st.sampled_from(PROSE), min_size=2, max_size=16)
outlines = st.lists(st.tuples(headings, st.lists(item_texts, min_size=1, max_size=5)), min_size=1, max_size=5)
CHINESE = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def continuous(outline) -> list[str]:
    """一、 sections with items 1. 2. … numbered across them (seed 000)."""
    numbers = iter(range(1, 100))
    return [line for position, (heading, items) in enumerate(outline)
            for line in [f"{CHINESE[position]}、{heading}"] + [f"{next(numbers)}.{text}" for text in items]]


def restarting(outline) -> list[str]:
    """一、 sections with items (一) (二) … restarting in each (seed 002)."""
    return [line for position, (heading, items) in enumerate(outline)
            for line in [f"{CHINESE[position]}、{heading}"] + [f"（{CHINESE[i]}）{text}" for i, text in enumerate(items)]]


def circled(outline) -> list[str]:
    """1. sections with items ① ② …, indented as some sites print them."""
    return [line for position, (heading, items) in enumerate(outline)
            for line in [f"{position + 1}. {heading}"] + [f"  {CIRCLED[i]}{text}" for i, text in enumerate(items)]]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("import-properties")
    for name, text in (("organisations", ORGANISATIONS), ("departments", DEPARTMENTS), ("themes", THEMES)):
        write(root, f"content/{name}.yaml", text)
    problems = []
    vocabulary, _ = load_vocabulary(str(root), problems)
    assert problems == []
    return root, vocabulary


@settings(SETTINGS, max_examples=100)
@given(outlines, st.sampled_from([continuous, restarting, circled]))
def test_import_then_load_keeps_every_item_and_its_text(project, outline, layout):
    root, vocabulary = project
    source = root / "source.txt"
    source.write_text("\n".join(["示例市教育局2025年工作要点", *layout(outline)]) + "\n", encoding="utf-8")
    imported = import_source(str(source), Settings(organisation="demo-edu", year=2025), vocabulary)
    assert imported.errors == ()

    document, problems = yamlsource.load(str(root / "plan.yaml"), draft.dump(imported.plan))
    assert problems == []
    diagnostics = []
    plan = decode(Plan, document, diagnostics)
    assert diagnostics == []
    texts = [placed.item.text for placed in walk_items(plan.sections)]
    if plan.closing:  # paragraphs after the last item may read as closing words: kept there, and reported
        texts[-1] += "\n" + plan.closing
        assert any("closing words" in unsure.message for unsure in imported.unsure)
    assert texts == [text for _, items in outline for text in items]
    assert [section.title for section in plan.sections] == [heading for heading, _ in outline]
    text = source.read_text(encoding="utf-8")
    for placed in walk_items(plan.sections):  # spans point at the text in the source
        start, end = placed.item.span
        assert re.sub(r"\s", "", text[start:end]) == re.sub(r"\s", "", placed.item.text)
