"""Charts: SVG that is valid XML, carries the numbers it draws, keeps YAML text inert, uses Material's colours."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from generator.charts import (FONT, LABEL_WIDTH, NICE_STEPS, VALUE_WIDTH, WIDTH, Bar, bar_chart, fit,
                              nice_ceiling, progress_bar)
from generator.commitments import rows_by_year, year_over_year
from generator.corpus import build_corpus
from generator.labels import requirement
from generator.load import load_site
from generator.templating import one_line
from generator import render_targets
from generator.bench.synth import read_seeds, synthesise
from generator.render_targets import Tracking, grouped_bars
from rendering import render_site
from sitefixtures import make_site_project
from test_render import PAYLOADS, fuzz_strings

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
PLOT = WIDTH - LABEL_WIDTH - VALUE_WIDTH
TAGS = {f"{SVG}{tag}" for tag in ("svg", "title", "desc", "g", "line", "rect", "text")}


def x_of(value: float, scale: float) -> float:
    return LABEL_WIDTH + value / scale * PLOT


def test_bar_chart_is_xml_carrying_the_numbers_it_draws():
    bars = [Bar("2024 XX市教育局", 93, 93, "≥ 93%", actual=93.6, note="实际 93.6%"),
            Bar("2025 XX市教育局", 94.5, 94.5, "≥ 94.5%"),
            Bar("2025 洮北区教育局", 90, 95, "90–95%")]
    svg = ET.fromstring(bar_chart("chart-x", "学前三年毛入园率：各机构各年度的目标", "单位：%。", bars, "%"))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "chart-x-title chart-x-desc"
    assert svg.find(f"{SVG}title").get("id") == "chart-x-title"
    assert svg.find(f"{SVG}desc").text == "单位：%。"
    scale = float(svg.get("data-scale"))
    assert scale == nice_ceiling(95) and scale >= 95
    assert [t.text for t in svg.findall(f"{SVG}text")] == ["0%", f"{scale / 2:g}%", f"{scale:g}%"]
    groups = svg.findall(f"{SVG}g")
    assert len(groups) == len(bars)
    for bar, group in zip(bars, groups):
        assert (float(group.get("data-low")), float(group.get("data-high"))) == (bar.low, bar.high)
        value = group.find(f"{SVG}rect[@class='plansite-chart__value']")
        assert float(value.get("x")) == LABEL_WIDTH
        assert float(value.get("width")) == pytest.approx(bar.low / scale * PLOT, abs=0.01)
        spread = group.find(f"{SVG}rect[@class='plansite-chart__range']")
        assert (spread is None) == (bar.high == bar.low)
        if spread is not None:
            assert float(spread.get("x")) == pytest.approx(x_of(bar.low, scale), abs=0.01)
            assert float(spread.get("width")) == pytest.approx((bar.high - bar.low) / scale * PLOT, abs=0.01)
        mark = group.find(f"{SVG}line[@class='plansite-chart__actual']")
        assert (mark is None) == (bar.actual is None)
        if mark is not None:
            assert float(mark.get("x1")) == pytest.approx(x_of(bar.actual, scale), abs=0.01)
            assert float(group.get("data-actual")) == bar.actual
        assert [t.text for t in group.findall(f"{SVG}text")] == [bar.label, bar.value_text]
        assert group.find(f"{SVG}title").text == " ".join(filter(None, (bar.label, bar.value_text, bar.note)))


def test_chart_colours_are_materials_custom_properties():
    svg = bar_chart("c", "t", "d", [Bar("a", 1, 2, "1–2", actual=1.5)], "")
    styles = re.findall(r'style="([^"]*)"', svg)
    painted = [s for s in styles if s.startswith(("fill:", "stroke:"))]
    assert painted and all(re.fullmatch(r"(fill|stroke):var\(--md-[a-z-]+, [^()]*(\([^()]*\))?\)", s)
                           for s in painted), painted


@pytest.mark.parametrize("payload", PAYLOADS + ["]]><!-- <![CDATA[ x ]]> </desc></svg><script>x</script>"]
                         + fuzz_strings(200))
def test_text_from_yaml_cannot_form_markup(payload):
    svg = ET.fromstring(bar_chart("c", payload, payload, [Bar(payload, 1, 1, payload, note=payload)], payload))
    assert {element.tag for element in svg.iter()} <= TAGS
    shown = one_line(payload)
    assert (svg.find(f"{SVG}title").text or "") == shown
    assert (svg.find(f"{SVG}desc").text or "") == shown
    group = svg.find(f"{SVG}g")
    label = one_line(fit(payload, (LABEL_WIDTH - 12) / FONT))
    assert [t.text or "" for t in group.findall(f"{SVG}text")] == [label, shown]


def test_progress_bar_stacks_its_counts():
    segments = [("done", "已完成", 2), ("reported", "已报进展", 1), ("overdue", "逾期未报", 3), ("pending", "未到期", 0)]
    svg = ET.fromstring(progress_bar("p", segments, width=300))
    assert svg.get("aria-hidden") == "true" and svg.get("data-total") == "6"
    drawn = svg.findall(f"{SVG}rect[@data-count]")
    assert [(r.find(f"{SVG}title").text, int(r.get("data-count"))) for r in drawn] == [
        ("已完成 2", 2), ("已报进展 1", 1), ("逾期未报 3", 3)]
    starts = [float(r.get("x")) for r in drawn]
    widths = [float(r.get("width")) for r in drawn]
    assert widths == pytest.approx([100, 50, 150], abs=0.01)
    assert starts == pytest.approx([0, 100, 150], abs=0.01)


@pytest.mark.parametrize("value", [0.04, 0.3, 1, 2.01, 9.5, 58, 94.5, 100, 3000, 34.29])
def test_the_scale_is_round_and_holds_the_value(value):
    scale = nice_ceiling(value)
    assert value <= scale <= value * 1.25
    assert any(step * 10 ** math.floor(math.log10(value)) == pytest.approx(scale) for step in NICE_STEPS)


@pytest.mark.parametrize("value", [1e-13, 1e-300, 5e-324, 1.7e308])
def test_a_number_at_the_ends_of_a_float_is_charted(value):
    # Any finite number passes check: 1e-300 made nice_ceiling raise StopIteration (its steps rounded to 0),
    # 1.7e308 gave a scale no float holds (OverflowError), and generate stopped with a traceback.
    scale = nice_ceiling(value)
    assert value <= scale < math.inf
    assert ET.fromstring(bar_chart("c", "t", "d", [Bar("a", value, value, "v")], "")).tag == f"{SVG}svg"


def test_metric_year_pages_chart_every_commitment_of_the_year(tmp_path):
    site, _ = load_site(str(make_site_project(tmp_path)))
    corpus = build_corpus(site)
    tracking = Tracking(corpus, date(2025, 6, 1))
    pages = render_site(site, today=date(2025, 6, 1))
    for metric in site.vocabulary.metrics:
        assert "<svg " not in pages[f"metrics/{metric.id}.md"]
        for year, rows in rows_by_year(year_over_year(metric, tracking.by_metric[metric.id], corpus.planned_years)):
            drawn = [c.target for row in rows for c in row.commitments]
            svgs = re.findall(r"<svg .*?</svg>", pages[f"metrics/{metric.id}/{year}.md"], re.S)
            assert len(svgs) == (1 if drawn else 0)
            groups = [g for svg in svgs for g in ET.fromstring(svg).findall(f"{SVG}g")]
            assert [g.findall(f"{SVG}text")[1].text for g in groups] == [requirement(t) for t in drawn]
            assert [float(g.get("data-high")) for g in groups] == [t.max if t.comparator == "range" else t.value
                                                                  for t in drawn]


def test_grouped_bars_count_each_distinct_target_once():
    bars = [Bar("2024 甲", 58, 58, "≥ 58%", actual=60), Bar("2024 乙", 90, 95, "90–95%"),
            Bar("2024 丙", 58, 58, "≥ 58%"), Bar("2024 丁", 58, 58, "58%左右"), Bar("2024 戊", 58, 58, "≥ 58%")]
    assert grouped_bars(bars) == [Bar("1 项承诺", 58, 58, "58%左右"), Bar("3 项承诺", 58, 58, "≥ 58%"),
                                  Bar("1 项承诺", 90, 95, "90–95%")]


def drawn_bars(page: str) -> list[tuple[str, str]]:
    """(label, value text) of each bar of the page's chart."""
    svgs = [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", page, re.S)]
    return [tuple(t.text for t in g.findall(f"{SVG}text")) for svg in svgs for g in svg.findall(f"{SVG}g")]


def test_a_metric_year_with_more_commitments_than_bars_charts_each_target_once(tmp_path, monkeypatch):
    limit = 3
    monkeypatch.setattr(render_targets, "MAX_BARS", limit)
    synthesise(read_seeds(str(ROOT)), str(tmp_path), 30)
    site, _ = load_site(str(tmp_path))
    corpus = build_corpus(site)
    tracking = Tracking(corpus, date(2025, 6, 1))
    pages = render_site(site, today=date(2025, 6, 1))
    grouped = single = 0
    for metric in site.vocabulary.metrics:
        for year, rows in rows_by_year(year_over_year(metric, tracking.by_metric[metric.id], corpus.planned_years)):
            drawn = [requirement(c.target) for row in rows for c in row.commitments
                     if not metric.unit or c.target.unit == metric.unit]
            page = pages[f"metrics/{metric.id}/{year}.md"]
            bars = drawn_bars(page)
            table = [line for line in page.splitlines() if line.startswith("| ")][2:]  # without the header
            assert len(table) == sum(max(len(row.commitments), 1) for row in rows)  # every commitment stays
            if len(drawn) <= limit:
                single += bool(drawn)
                assert [value for _, value in bars] == drawn and "承诺较多" not in page
                continue
            grouped += 1
            assert "承诺较多，目标相同的合为一条" in page and "竖线为已报告的实际值" not in page
            counted = {value: int(label.split()[0]) for label, value in bars}
            assert counted == dict(Counter(drawn)) and len(bars) == len(counted)
            assert "plansite-chart__actual" not in page
    assert grouped and single
