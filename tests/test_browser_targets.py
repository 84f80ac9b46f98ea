"""Targets pages in Debian's chromium: a metric's chart draws its numbers in both colour schemes; tables sort."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from browserfixtures import browser  # noqa: F401  (session fixture)
from generator.commitments import year_over_year
from generator.corpus import build_corpus
from generator.labels import requirement
from generator.load import load_site
from generator.render_targets import Tracking
from sitefixtures import built_site, site_url  # noqa: F401  (session fixtures)

pytestmark = pytest.mark.browser

METRIC = "preschool-gross-enrolment"  # XX市 in two years; in YEAR, one target with a reported actual value
YEAR = 2024


def charted_targets(built_site):
    """The targets the chart of the metric's page for YEAR draws, in its order (the order of its table)."""
    site, _ = load_site(str(built_site))
    corpus = build_corpus(site)
    metric = site.vocabulary.metric_by_id[METRIC]
    rows = year_over_year(metric, Tracking(corpus, date.today()).by_metric[METRIC], corpus.planned_years)
    return [c.target for row in rows if row.year == YEAR for c in row.commitments]


def column(page, table, heading: str) -> list[str]:
    """The texts of a table's column, by its heading."""
    headings = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    index = headings.index(heading) + 1
    return [cell.strip() for cell in table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_metric_page_draws_its_chart_with_the_right_numbers(browser, built_site, site_url, scheme):
    targets = charted_targets(built_site)
    assert any(t.actual is not None for t in targets)
    page = browser.new_page(color_scheme=scheme)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{site_url}metrics/{METRIC}/{YEAR}/")

    chart = page.locator("svg.plansite-chart")
    chart.wait_for()
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    assert chart.locator("title").first.text_content().startswith("学前三年毛入园率")
    bars = chart.locator("g.plansite-chart__bar").all()
    assert [bar.locator("text.plansite-chart__label").text_content() for bar in bars] == [
        requirement(t) for t in targets]

    # Drawn to scale: bar lengths are proportional to the values, marks sit at the reported values.
    scale = float(chart.get_attribute("data-scale"))
    axis = [chart.locator("line").nth(i).bounding_box()["x"] for i in (0, 2)]
    pixels_per_unit = (axis[1] - axis[0]) / scale
    for target, bar in zip(targets, bars):
        box = bar.locator("rect.plansite-chart__value").bounding_box()
        assert box["width"] == pytest.approx(target.value * pixels_per_unit, abs=1.5)
        assert box["x"] == pytest.approx(axis[0], abs=1.5)
        mark = bar.locator("line.plansite-chart__actual")
        assert mark.count() == (target.actual is not None)
        if target.actual is not None:
            mark_box = mark.bounding_box()
            centre = mark_box["x"] + mark_box["width"] / 2
            assert centre == pytest.approx(axis[0] + target.actual * pixels_per_unit, abs=1.5)

    # The table next to the chart holds the same numbers.
    table = page.locator("article table").first
    assert column(page, table, "要求") == [requirement(t) for t in targets]

    # Drawn in the scheme's colours: bars and text stand out from the page's background.
    colours = page.evaluate("""() => {
        const bar = document.querySelector('rect.plansite-chart__value');
        const text = document.querySelector('text.plansite-chart__label');
        const background = getComputedStyle(document.querySelector('[data-md-color-scheme]')
                                            || document.body).getPropertyValue('--md-default-bg-color');
        return {scheme: document.body.getAttribute('data-md-color-scheme'), bar: getComputedStyle(bar).fill,
                text: getComputedStyle(text).fill, background: background.trim()};
    }""")
    assert colours["scheme"] == {"light": "default", "dark": "slate"}[scheme]
    assert colours["bar"].startswith("rgb") and colours["text"].startswith("rgb")
    assert colours["text"] != colours["bar"]
    page.close()
    assert not errors


def test_text_colour_follows_the_scheme(browser, site_url):
    fills = {}
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme)
        page.goto(f"{site_url}metrics/{METRIC}/{YEAR}/")
        fills[scheme] = page.locator("text.plansite-chart__label").first.evaluate("e => getComputedStyle(e).fill")
        page.close()
    assert fills["light"] != fills["dark"]


def by_unit_then_number(requirements: list[str]) -> list[tuple[str, float]]:
    """(unit, number) of each requirement shown: ≥ 58% is ('%', 58), = 700–800人 ('人', 700)."""
    found = [re.fullmatch(r"\D*?(\d+(?:\.\d+)?)(?:[–-]\d+(?:\.\d+)?)?(\D*)", text) for text in requirements]
    return [(match.group(2), float(match.group(1))) for match in found]


def unit_runs(requirements: list[str], descending: bool = False) -> list[str]:
    """The units of ``requirements`` in the order they come, once each, after checking that each unit's come
    together and in the order of their numbers."""
    shown = by_unit_then_number(requirements)
    runs = [unit for i, (unit, _) in enumerate(shown) if i == 0 or shown[i - 1][0] != unit]
    assert len(runs) == len(set(runs)), requirements
    for unit in runs:
        numbers = [number for its, number in shown if its == unit]
        assert numbers == sorted(numbers, reverse=descending), requirements
    return runs


def test_target_tables_sort_by_a_column(browser, site_url):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{site_url}targets/")
    table = page.locator(".plansite-sortable table").nth(1)  # the years, after the metrics
    served = column(page, table, "年度")
    assert served == sorted(served, reverse=True) and len(set(served)) > 1

    header = table.locator("thead th", has_text="年度")
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert column(page, table, "年度") == sorted(served)
    header.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert column(page, table, "年度") == sorted(served, reverse=True)

    # A year's targets: requirements sort by unit, then by their number, not as text (≥ 100% after ≥ 94.5%)
    table.locator("a", has_text=served[0]).click()
    page.wait_for_url(f"{site_url}targets/{served[0].removesuffix('年')}/")
    table = page.locator(".plansite-sortable table").first
    wanted = table.locator("thead th", has_text="目标")
    wanted.click()
    assert wanted.get_attribute("aria-sort") == "ascending"
    ascending = unit_runs(column(page, table, "目标"))
    assert len(set(column(page, table, "目标"))) > len(ascending) > 1  # several units, several numbers of one
    wanted.press("Enter")
    assert wanted.get_attribute("aria-sort") == "descending"
    assert unit_runs(column(page, table, "目标"), descending=True) == ascending[::-1]
    assert table.locator("thead th", has_text="文件").get_attribute("aria-sort") == "none"
    assert not errors


SCRIPT = Path(__file__).parent.parent / "generator" / "static" / "sortable-tables.js"
MIXED = ["= 8204台", "≥ 500名", "≥ 100%", "= 84个", "≥ 9.5%", "≤ 20名", "= 700–800名"]


def test_a_column_of_requirements_sorts_by_unit_then_number(browser):
    """8204台 before 500名 before 100% compared numbers of nothing alike; a unit's requirements stay together,
    each unit's in the order of their numbers, the whole reversed the second time."""
    page = browser.new_page()
    rows = "".join(f"<tr><td>{text}</td></tr>" for text in MIXED)
    page.set_content(f'<div class="plansite-sortable"><table><thead><tr><th>目标</th></tr></thead>'
                     f'<tbody>{rows}</tbody></table></div>')
    page.add_script_tag(path=str(SCRIPT))
    table = page.locator("table")
    table.locator("th").click()
    ascending = column(page, table, "目标")
    assert ascending == ["≥ 9.5%", "≥ 100%", "= 84个", "≤ 20名", "≥ 500名", "= 700–800名", "= 8204台"]  # pinyin
    table.locator("th").click()
    assert column(page, table, "目标") == ascending[::-1]
    page.close()


@pytest.mark.parametrize("path, drawing", [("targets/", "svg.plansite-progress__bar"),
                                           (f"metrics/{METRIC}/{YEAR}/", "svg.plansite-chart")])
def test_charts_and_progress_bars_start_where_the_text_does(browser, site_url, path, drawing):
    """Material centres a figure's content; these are read with the text beside them, so they keep to its left."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}{path}")
    svg = page.locator(f"article {drawing}").first
    svg.wait_for()
    text = page.locator("article h1").bounding_box()
    assert svg.bounding_box()["x"] == pytest.approx(text["x"], abs=1)
    assert svg.locator("xpath=../figcaption").bounding_box()["x"] == pytest.approx(text["x"], abs=1)
    page.close()


def test_on_a_phone_a_chart_keeps_readable_text_and_scrolls_in_its_figure(browser, site_url):
    """At 375 px a 640-wide chart squeezed to fit drew its labels 6 px high; now its figure scrolls sideways."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{site_url}metrics/{METRIC}/{YEAR}/")
    chart = page.locator("svg.plansite-chart")
    chart.wait_for()
    label = chart.locator("text.plansite-chart__label").first.bounding_box()
    assert label["height"] >= 9  # 12 units drawn at 560/640 of their size or more
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the page itself does not scroll sideways
    figure = chart.locator("xpath=..")
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth")  # the figure does, and its caption says so
    hint = "(f) => getComputedStyle(f.querySelector('figcaption'), '::before').content"
    assert figure.evaluate(hint) == '"图表较宽，可左右滑动查看全部。"'
    page.set_viewport_size({"width": 1280, "height": 800})  # wide enough for the chart: no such hint
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth") is False and figure.evaluate(hint) == "none"
    page.close()


LABEL = "(cell) => getComputedStyle(cell, '::before').content"


def test_on_a_phone_a_wide_table_is_a_list_of_cards_each_cell_led_by_its_heading(browser, site_url):
    """A year's targets (文件 机构 指标 目标 进展) needed scrolling sideways to reach 进展 at 375 px; a plan's
    量化目标 too."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{site_url}targets/{YEAR}/")
    table = page.locator("article table").first
    headings = [h.strip() for h in table.locator("thead th").all_text_contents()]
    assert len(headings) >= 5 and "进展" in headings and table.get_attribute("data-stacked") == "true"
    cells = table.locator("tbody tr").first.locator("td")
    for cell, heading in zip(cells.all(), headings):
        box = cell.bounding_box()
        if box["height"]:  # an empty cell is not shown
            assert 0 <= box["x"] and box["x"] + box["width"] <= 375, heading
            assert cell.evaluate(LABEL).startswith(f'"{heading}：'), heading
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # sortable: the headings are a row of buttons above the cards, which sort them
    wanted = table.locator("thead th", has_text="目标")
    assert wanted.bounding_box()["x"] + wanted.bounding_box()["width"] <= 375
    wanted.click()
    assert wanted.get_attribute("aria-sort") == "ascending" and len(unit_runs(column(page, table, "目标"))) > 1
    page.close()

    page = browser.new_page(viewport={"width": 375, "height": 800})  # not sortable: headings for screen readers
    page.goto(f"{site_url}plans/xx-edu-2025/")
    table = page.locator("article table[data-stacked]").first
    assert table.locator("tbody td").first.evaluate(LABEL) != "none"
    assert table.locator("thead").bounding_box()["height"] <= 1
    page.close()

    page = browser.new_page(viewport={"width": 1280, "height": 900})  # a wide screen keeps the table
    page.goto(f"{site_url}targets/{YEAR}/")
    table = page.locator("article table").first
    assert table.locator("thead").is_visible()
    assert table.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == "table-row"
    assert table.locator("tbody td").first.evaluate(LABEL) == "none"
    page.close()


CONTENT_LEFT = """(cell) => { const range = document.createRange(); range.selectNodeContents(cell);
  return range.getBoundingClientRect().left }"""


def test_on_a_phone_a_cards_numbers_follow_their_headings(browser, site_url):
    """The metrics' table right-aligns its counts (目标数, 机构数): in a card at 375 px each count stood alone
    at the card's right edge, its heading beside it, away from the other lines' headings and values."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{site_url}targets/")
    table = page.locator("article table[data-stacked]").first
    cells = table.locator("tbody tr").first.locator('td[style*="right"]').all()
    assert cells  # the table has right-aligned columns
    for cell in cells:
        box = cell.bounding_box()
        assert cell.evaluate(CONTENT_LEFT) < box["x"] + box["width"] / 2, cell.evaluate(LABEL)
    page.close()


def test_a_narrow_table_stays_a_table_on_a_phone(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{site_url}years/")
    table = page.locator("article table").first
    assert table.locator("thead th").count() < 5 and table.get_attribute("data-stacked") is None
    assert table.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == "table-row"
    page.close()


def test_on_a_phone_a_table_wider_than_the_screen_is_a_list_of_cards_too(browser, site_url):
    """The themes' table has four columns, one of long descriptions: at 390 px it ran off the screen's edge."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{site_url}themes/")
    table = page.locator("article table").first
    assert table.locator("thead th").count() < 5 and table.get_attribute("data-stacked") == "true"
    frame = page.locator("article .md-typeset__scrollwrap").first
    assert frame.evaluate("f => f.scrollWidth <= f.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
