"""Targets and progress: metrics line up across plans, year-over-year changes, review links, overdue, check."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.bench.synth import read_seeds, synthesise
from generator.commitments import YearRow, compare, strongest, year_over_year
from generator.corpus import build_corpus
from generator.load import load_site
from generator.templating import md
from generator.render_targets import Tracking
from projects import PLAN, REVIEW_HEAD, make_project, write
from rendering import render_site

ROOT = Path(__file__).resolve().parent.parent
METRICS = """\
metrics:
  - id: public-kindergarten-share
    name: 公办幼儿园在园幼儿占比
    aliases: [公办园在园幼儿占比]
    unit: '%'
    better: higher
"""


def metric_project(root: Path, plan: str = PLAN, metrics: str = METRICS) -> Path:
    """The demo project of projects.make_project with a metric vocabulary (its target's metric in it)."""
    make_project(root, plan)
    write(root, "content/metrics.yaml", metrics)
    return root


def load_clean(root: Path):
    site, diagnostics = load_site(str(root))
    assert [str(d) for d in diagnostics] == []
    return site


# --- the curated plans ------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds():
    site, diagnostics = load_site(str(ROOT))
    assert not [d for d in diagnostics if d.severity == "error"]
    return site, diagnostics


def commitments_on(site, name: str) -> set[tuple]:
    metric = site.vocabulary.resolve_metric(name)
    assert metric is not None, name
    tracking = Tracking(build_corpus(site), date(2025, 6, 1))
    return {(c.plan.id, c.plan.year, c.target.comparator, c.target.value, c.target.unit)
            for c in tracking.by_metric[metric.id]}


def test_seed_targets_line_up_on_shared_metrics(seeds):
    site, _ = seeds
    assert commitments_on(site, "公办幼儿园在园幼儿占比") == {
        ("unnamed-city-a-edu-2024", 2024, ">=", 58, "%"), ("xiangtan-edu-2025", 2025, ">=", 58, "%")}
    assert commitments_on(site, "公办园在园幼儿占比") == commitments_on(site, "公办幼儿园在园幼儿占比")
    assert commitments_on(site, "学生每天体育活动时间") == {
        ("xiangtan-edu-2025", 2025, ">=", 2, "小时"), ("taobei-edu-2025", 2025, ">=", 2, "小时")}


def test_every_seed_target_has_a_known_metric_in_its_unit(seeds):
    site, diagnostics = seeds
    assert not [str(d) for d in diagnostics if ".targets[" in d.field]
    corpus = build_corpus(site)
    targets = [t for e in corpus.entries for t in e.item.targets]
    assert targets and all(site.vocabulary.resolve_metric(t.metric).unit == t.unit for t in targets)


# --- year over year ---------------------------------------------------------------------

YEAR_METRICS = METRICS + """\
  - {id: enrolment, name: 毛入园率, unit: '%'}
  - {id: coverage, name: 覆盖率, unit: '%'}
  - {id: key-teachers, name: 骨干教师, unit: 人}
  - {id: big-classes, name: 大班额比例, unit: '%', better: lower}
  - {id: pilots, name: 试点, unit: 个}
  - {id: training, name: 培训, unit: 人}
"""


def plan_of_year(year: int, targets: list[str], kind: str = "plan") -> str:
    """The demo plan (projects.PLAN) for another year, of another kind, with other targets."""
    head = PLAN.split("        targets:\n")[0].replace("2025", str(year))
    head = head.replace(f"year: {year}\n", f"year: {year}\nkind: {kind}\n")
    if kind == "review":
        head = head.replace(f"id: demo-edu-{year}", f"id: demo-edu-{year}-review")
    lines = "".join(f"\n          - {t}" for t in targets)
    return head + f"        targets:{lines or ' []'}\n"


def target(text: str, metric: str, comparator: str, unit: str, value=None, low=None, high=None) -> str:
    amount = f"min: {low}, max: {high}" if comparator == "range" else f"value: {value}"
    return f"{{text: {text}, metric: {metric}, comparator: '{comparator}', {amount}, unit: '{unit}'}}"


@pytest.fixture
def two_years(tmp_path):
    """One organisation's plans of 2024 and 2025 (and a 2026 review, which states no targets)."""
    make_project(tmp_path, plan_of_year(2024, [
        target("毛入园率90%", "毛入园率", ">=", "%", 90),
        target("覆盖率50%", "覆盖率", ">=", "%", 50),
        target("骨干教师10-20人", "骨干教师", "range", "人", low=10, high=20),
        target("大班额比例5%以内", "大班额比例", "<=", "%", 5),
        target("试点5个", "试点", "=", "个", 5),
        target("培训3万人", "培训", ">=", "人", 30000)]), "plans/2024/demo-edu-2024.yaml")
    write(tmp_path, "content/metrics.yaml", YEAR_METRICS)
    write(tmp_path, "plans/2025/demo-edu-2025.yaml", plan_of_year(2025, [
        target("毛入园率95%", "毛入园率", ">=", "%", 95),
        target("覆盖率45%", "覆盖率", ">=", "%", 45),
        target("骨干教师不少于10人", "骨干教师", ">=", "人", 10),
        target("大班额比例3%以内", "大班额比例", "<=", "%", 3),
        target("培训3万人次", "培训", ">=", "万人次", 3)]))
    write(tmp_path, "plans/2026/demo-edu-2026-review.yaml", plan_of_year(2026, [], "review"))
    return tmp_path


def test_year_over_year_flags_follow_the_metric_direction(two_years):
    site, _ = load_site(str(two_years))
    corpus = build_corpus(site)
    tracking = Tracking(corpus, date(2025, 6, 1))
    flags = {metric.id: [(row.year, row.change, row.since, len(row.commitments))
                         for row in year_over_year(metric, tracking.by_metric[metric.id], corpus.planned_years)]
             for metric in site.vocabulary.metrics}
    assert flags == {
        "public-kindergarten-share": [],
        "enrolment": [(2024, None, None, 1), (2025, "raised", 2024, 1)],
        "coverage": [(2024, None, None, 1), (2025, "lowered", 2024, 1)],
        "key-teachers": [(2024, None, None, 1), (2025, "kept", 2024, 1)],   # a range holds to its lower end
        "big-classes": [(2024, None, None, 1), (2025, "raised", 2024, 1)],  # lower is better
        "pilots": [(2024, None, None, 1), (2025, "dropped", 2024, 0)],      # the 2026 review drops nothing
        "training": [(2024, None, None, 1), (2025, "incomparable", 2024, 1)],
    }


def plain_year_over_year(metric, commitments, plans) -> list[YearRow]:
    """``year_over_year`` stated plainly, scanning everything for every organisation and year."""
    rows = []
    for organisation in dict.fromkeys(c.organisation for c in commitments):
        years = sorted({c.plan.year for c in commitments if c.organisation == organisation}
                       | {p.year for p in plans if p.organisation == organisation.id and p.kind != "review"})
        last_year, last = None, ()
        for year in years:
            now = tuple(c for c in commitments if c.organisation == organisation and c.plan.year == year)
            if now:
                change = compare(strongest(last, metric.better).target, strongest(now, metric.better).target,
                                 metric.better) if last else None
                rows.append(YearRow(organisation, year, now, change, last_year if last else None))
            elif last:
                rows.append(YearRow(organisation, year, (), "dropped", last_year))
            last_year, last = year, now
    return rows


@pytest.mark.parametrize("plans", [0, 60])
def test_year_over_year_is_the_plain_comparison(tmp_path, plans):
    """On the curated project, and on a synthetic one of many organisations and years."""
    root = ROOT
    if plans:
        root = tmp_path
        synthesise(read_seeds(str(ROOT)), str(root), plans)
    site, _ = load_site(str(root))
    corpus = build_corpus(site)
    tracking = Tracking(corpus, date(2025, 6, 1))
    compared = 0
    for metric in site.vocabulary.metrics:
        found = year_over_year(metric, tracking.by_metric[metric.id], corpus.planned_years)
        assert found == plain_year_over_year(metric, tracking.by_metric[metric.id], corpus.plans), metric.id
        compared += sum(row.change is not None for row in found)
    assert compared or not plans


def test_metric_pages_show_the_changes(two_years):
    site, _ = load_site(str(two_years))
    pages = render_site(site, today=date(2025, 6, 1))
    assert "| 要求提高（较2024年） |" in pages["metrics/enrolment/2025.md"]
    assert "| 要求降低（较2024年） |" in pages["metrics/coverage/2025.md"]
    dropped = [line for line in pages["metrics/pilots/2025.md"].splitlines() if "| 未再提出" in line]
    # On the 2025 page (no year column): the organisation's plans of 2025, which no longer name the metric.
    assert len(dropped) == 1 and "(../../plans/demo-edu-2025.md)" in dropped[0]
    # Each year has its page, linked from the metric's page; a plan of 2026 that is a review adds none.
    assert "[2025年](pilots/2025.md) | 0 | 1 |" in pages["metrics/pilots.md"]
    assert sorted(path for path in pages if path.startswith("metrics/pilots")) == [
        "metrics/pilots.md", "metrics/pilots/2024.md", "metrics/pilots/2025.md"]


# --- pages split by year ---------------------------------------------------------------

def table_rows(page: str, heading: str) -> list[str]:
    """The body rows of the Markdown table whose header starts with ``heading``."""
    lines = page.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(heading)), len(lines))
    return list(itertools.takewhile(lambda line: line.startswith("|"), lines[start + 2:]))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic project of several organisations and years, its tracking and its pages."""
    root = tmp_path_factory.mktemp("synthetic")
    synthesise(read_seeds(str(ROOT)), str(root), 30)
    site, _ = load_site(str(root))
    corpus = build_corpus(site)
    return Tracking(corpus, date(2025, 6, 1)), render_site(site, today=date(2025, 6, 1))


def test_targets_are_listed_per_year(synthetic):
    tracking, pages = synthetic
    index = pages["targets/index.md"]
    assert "/plans/" not in index  # no target: the metrics and the years
    years = table_rows(index, "| 年度 |")
    assert len(years) == len(tracking.by_year) > 1
    for (year, commitments), row in zip(tracking.by_year, years):
        assert row.startswith(f"| [{year}年]({year}.md) | {len(commitments)} |")
        page = pages[f"targets/{year}.md"]
        assert page.startswith(f'---\ntitle: "{year}年的目标"\nsearch:\n  exclude: true\n---\n# {year}年的目标 ')
        assert f"[目标：全部年度](index.md) · [{year}年：全部文件](../years/{year}.md)" in page
        listed = table_rows(page, "| 文件 |")
        # One row per target, each naming its plan (of this year: the page has no year column).
        assert [re.match(r"\| \[[^]]*\]\(\.\./plans/(.*?)\.md\)", row)[1] for row in listed] == [
            c.plan.id for c in commitments]
        assert {c.plan.year for c in commitments} == {year}
    assert sorted(path for path in pages if path.startswith("targets/")) == sorted(
        ["targets/index.md"] + [f"targets/{year}.md" for year, _ in tracking.by_year])


def test_a_metrics_year_pages_hold_all_its_commitments(synthetic):
    tracking, pages = synthetic
    charted = 0
    for metric in tracking.corpus.vocabulary.metrics:
        rows = year_over_year(metric, tracking.by_metric[metric.id], tracking.corpus.planned_years)
        years = sorted({row.year for row in rows}, reverse=True)
        assert sorted(path for path in pages if path.startswith(f"metrics/{metric.id}/")) == sorted(
            f"metrics/{metric.id}/{year}.md" for year in years)
        assert [row.split(" | ")[0] for row in table_rows(pages[f"metrics/{metric.id}.md"], "| 年度 |")] == [
            f"| [{year}年]({metric.id}/{year}.md)" for year in years]
        listed = [line for year in years for line in table_rows(pages[f"metrics/{metric.id}/{year}.md"], "| 机构 |")
                  if not re.search(r"\| — \| — \| — \| 未再提出（较\d+年） \|$", line)]
        assert len(listed) == len(tracking.by_metric[metric.id])
        for year in years:
            page = pages[f"metrics/{metric.id}/{year}.md"]
            charts = re.findall(r'<svg [^>]*id="(chart-[^"]*)"', page)
            assert charts in ([], [f"chart-{metric.id}-{year}"])
            charted += len(charts)
    assert charted


def test_a_metric_no_plan_sets_a_target_for_is_left_out_of_search(synthetic):
    # Its page holds only the metric's name, unit and description: in a search for them it only pushed items
    # down, and its entry cost more of the index than the text it held.
    tracking, pages = synthetic
    left_out = {metric.id: pages[f"metrics/{metric.id}.md"].split("\n---\n", 1)[0].endswith(
                    "\nsearch:\n  exclude: true") for metric in tracking.corpus.vocabulary.metrics}
    assert left_out == {metric.id: not tracking.by_metric[metric.id] for metric in tracking.corpus.vocabulary.metrics}
    assert set(left_out.values()) == {True, False}




def test_the_metrics_address_lists_every_metric_and_points_to_the_targets(synthetic):
    """A reader who trims a metric's address (/metrics/<id>/) to /metrics/ got the site's 404 page."""
    tracking, pages = synthetic
    page = pages["metrics/index.md"]
    assert page.startswith("# 指标\n") and "见[目标](../targets/index.md)" in page
    listed = re.findall(r"^- \[([^]]*)\]\(([^)]*)\)", page, re.MULTILINE)
    assert listed == [(md(metric.name), f"{metric.id}.md") for metric in tracking.corpus.vocabulary.metrics]
    assert len(listed) > 1


def test_a_site_without_metrics_says_so_at_their_address(tmp_path):
    make_project(tmp_path)
    page = render_site(load_clean(tmp_path), today=date(2025, 6, 1))["metrics/index.md"]
    assert "本站尚未收录指标。" in page and "- [" not in page


# --- reviews ----------------------------------------------------------------------------

REVIEW = REVIEW_HEAD + """\
      - number: 一是
        title: 普惠资源持续扩大
        text: |-
          一是普惠资源持续扩大，公办幼儿园在园幼儿占比达到60%。
          新增公办学位<b>3000</b>个。
        reviews: [demo-edu-2025#1-1]
        themes: [preschool]
"""


@pytest.fixture
def reviewed(tmp_path):
    metric_project(tmp_path, PLAN.replace("unit: '%'}", "unit: '%', status: 已完成, actual: 60, as_of: 2025-12-31, "
                                        "evidence: 'demo-edu-2025-review#1-1'}"))
    write(tmp_path, "plans/2025/demo-edu-2025-review.yaml", REVIEW)
    return tmp_path


def test_a_review_links_the_items_it_reports_on(reviewed):
    site = load_clean(reviewed)
    pages = render_site(site, today=date(2026, 1, 1))
    plan, review = pages["plans/demo-edu-2025.md"], pages["plans/demo-edu-2025-review.md"]
    report = plan[plan.index('!!! quote "完成情况"'):]
    report = report[:report.index("</div>")]
    for line in REVIEW.split("text: |-\n")[1].split("\n        reviews")[0].splitlines():
        assert "    " + md(line.strip()) in report
    assert "(demo-edu-2025-review.md#item-1-1)" in report
    assert "**总结的事项**：[示例市教育局2025年工作要点 · 1\\. 扩大普惠资源](demo-edu-2025.md#item-1-1)" in review
    # The target's evidence names the review item; its progress is reported, so nothing is overdue.
    row = next(line for line in plan.splitlines() if line.startswith("| [公办幼儿园在园幼儿占比]"))
    assert "已完成 · 实际 60\\%（2025-12-31） · [依据](demo-edu-2025-review.md#item-1-1)" in row
    assert "这些事项的量化目标 1 项：已完成 1 项，已报进展 0 项，逾期未报 0 项" in plan
    # The theme's page counts every item but the review's, and says so; the targets page counts the items with
    # targets, and the review's has none.
    assert "工作总结中的 1 条事项是报告，不计入" in pages["themes/preschool.md"] and "不计入" not in plan
    assert "有量化目标的事项 1 条" in pages["targets/index.md"] and "不计入" not in pages["targets/index.md"]


def test_a_targets_row_gives_its_baseline_and_a_web_page_as_its_evidence(tmp_path):
    metric_project(tmp_path, PLAN.replace("unit: '%'}", "unit: '%', baseline: 55, status: 进行中, actual: 57, "
                                        "as_of: 2025-06-30, evidence: 'https://example.gov.cn/a_b*(1).html'}"))
    plan = render_site(load_clean(tmp_path), today=date(2026, 1, 1))["plans/demo-edu-2025.md"]
    row = next(line for line in plan.splitlines() if line.startswith("| [公办幼儿园在园幼儿占比]"))
    assert "（基数 55\\%）" in row
    assert "进行中 · 实际 57\\%（2025-06-30） · [依据](https://example.gov.cn/a_b*%281%29.html)" in row


def test_review_references_are_checked_with_suggestions(reviewed):
    write(reviewed, "plans/2025/demo-edu-2025-review.yaml", REVIEW.replace(
        "reviews: [demo-edu-2025#1-1]", "reviews: [demo-edu-2052#1-1, demo-edu-2025#1-2, demo-edu-2025, "
        "demo-edu-2025-review#1-1]"))
    write(reviewed, "plans/2025/demo-edu-2025.yaml", PLAN.replace(  # (a plan's reviews are that one error alone)
        "themes: [preschool]", "themes: [preschool]\n        reviews: [demo-edu-2025#1-9]").replace(
        "unit: '%'}", "unit: '%', evidence: 'demo-edu-2025-reveiw#1-1'}"))
    _, diagnostics = load_site(str(reviewed))
    found = sorted((d.field, d.severity, d.message) for d in diagnostics)
    items = "sections[0].items[0]"
    assert found == sorted([
        (f"{items}.reviews", "error", "only items of a review (kind: review) report on other items"),
        (f"{items}.targets[0].evidence", "error", "unknown plan 'demo-edu-2025-reveiw' (did you mean "
         "'demo-edu-2025-review' or 'demo-edu-2025'?); or give an http(s) address"),
        (f"{items}.reviews[0]", "error", "unknown plan 'demo-edu-2052' (did you mean 'demo-edu-2025' or "
         "'demo-edu-2025-review'?)"),
        (f"{items}.reviews[1]", "error", "plan 'demo-edu-2025' has no item '1-2' (did you mean '1-1'?)"),
        (f"{items}.reviews[2]", "error", "'demo-edu-2025' is not an item reference: write <plan id>#<item id>, "
         "e.g. 'xx-edu-2025#2-1'"),
        (f"{items}.reviews[3]", "error", "'demo-edu-2025-review' is a review too; link the items of the plan "
         "this review reports on"),
    ])


def test_the_targets_page_counts_the_items_with_targets_and_says_so(tmp_path):
    """It read 事项 126 条 (every item of the site) above 这些事项的量化目标 124 项 where 44 items carry targets,
    and its metrics table headed a count 目标, as if it were a target's value."""
    metric_project(tmp_path, PLAN + "      - {number: 2, title: 加强师资, text: 加强幼儿园师资建设。, owners: [基教科]}\n")
    pages = render_site(load_clean(tmp_path), today=date(2026, 1, 1))
    targets, plan = pages["targets/index.md"], pages["plans/demo-edu-2025.md"]
    assert "有量化目标的事项 1 条：已完成 0 条，已报进展 0 条，逾期未报 1 条，未到期 0 条" in targets
    assert "这些事项的量化目标 1 项：已完成 0 项，已报进展 0 项" in targets and "事项 2 条" not in targets
    assert "事项 2 条：已完成 0 条，已报进展 0 条，逾期未报 2 条" in plan  # a plan counts all its items
    assert "| 指标 | 单位 | 方向 | 目标数 | 机构数 | 年度 |" in targets


# --- the build date ---------------------------------------------------------------------

def test_overdue_is_as_of_the_injected_date(tmp_path):
    metric_project(tmp_path)
    site = load_clean(tmp_path)
    on_time, late = render_site(site, today=date(2025, 12, 31)), render_site(site, today=date(2026, 1, 1))
    assert render_site(site, today=date(2025, 12, 31)) == on_time
    plan = "plans/demo-edu-2025.md"
    assert "截至本站构建之日 2025-12-31" in on_time[plan] and "截至本站构建之日 2026-01-01" in late[plan]
    assert "**进展**：未到期（原文未写完成时限，按文件年度年底 2025-12-31 计）" in on_time[plan]
    assert "**进展**：逾期未报（原文未写完成时限，按文件年度年底 2025-12-31 计）" in late[plan]
    for pages, overdue in ((on_time, 0), (late, 1)):
        for page in (plan, "themes/preschool.md", "departments/demo-jijiaoke.md", "targets/index.md"):
            assert re.search(rf"量化目标 1 项：已完成 0 项，已报进展 0 项，逾期未报 {overdue} 项", pages[page])


def test_a_reported_status_is_progress_before_and_after_the_deadline(tmp_path):
    """进行中 is a report: neither 未到期 while there is time nor 逾期未报 once the deadline has passed."""
    metric_project(tmp_path, PLAN.replace("        themes: [preschool]\n", "        themes: [preschool]\n"
                                          "        status: 进行中\n").replace("unit: '%'}", "unit: '%', status: 进行中}"))
    site = load_clean(tmp_path)
    for today in (date(2025, 6, 1), date(2026, 1, 1)):
        page = render_site(site, today=today)["plans/demo-edu-2025.md"]
        assert "事项 1 条：已完成 0 条，已报进展 1 条，逾期未报 0 条，未到期 0 条" in page
        assert "量化目标 1 项：已完成 0 项，已报进展 1 项，逾期未报 0 项，未到期 0 项" in page


NO_PROGRESS = "本站尚未收录任何事项的进展：已过完成时限的事项和目标计为逾期未报，只说明本站没有它们的进展记录，不说明没有完成。"
SUMMARY_PAGES = ("plans/demo-edu-2025.md", "themes/preschool.md", "departments/demo-jijiaoke.md", "targets/index.md")


def test_a_site_that_records_no_progress_says_what_its_overdue_means(tmp_path):
    """With no progress recorded anywhere and the deadlines past, every bar was solid 逾期未报, read as "nobody
    reported" where the site simply records none: the pages with progress and the finder say so, and still count
    what is overdue."""
    metric_project(tmp_path)
    pages = render_site(load_clean(tmp_path), today=date(2026, 1, 1))
    for page in (*SUMMARY_PAGES, "tasks/index.md"):
        assert NO_PROGRESS in pages[page], page
    assert "事项 1 条：已完成 0 条，已报进展 0 条，逾期未报 1 条" in pages["plans/demo-edu-2025.md"]
    assert "**进展**：逾期未报" in pages["plans/demo-edu-2025.md"]


@pytest.mark.parametrize("recorded", ["an item's status", "a target's actual value", "a review's report"])
def test_progress_recorded_anywhere_takes_the_note_away(tmp_path, recorded):
    plan = {"an item's status": PLAN.replace("        themes: [preschool]\n",
                                             "        themes: [preschool]\n        status: 进行中\n"),
            "a target's actual value": PLAN.replace("unit: '%'}", "unit: '%', actual: 55, as_of: 2025-06-30}"),
            "a review's report": PLAN}[recorded]
    metric_project(tmp_path, plan)
    if recorded == "a review's report":
        write(tmp_path, "plans/2025/demo-edu-2025-review.yaml", REVIEW)
    pages = render_site(load_clean(tmp_path), today=date(2026, 1, 1))
    assert not [page for page in (*SUMMARY_PAGES, "tasks/index.md") if NO_PROGRESS in pages[page]]


def test_a_site_without_plans_has_no_progress_to_explain(tmp_path):
    metric_project(tmp_path)
    (tmp_path / "plans" / "2025" / "demo-edu-2025.yaml").unlink()
    assert NO_PROGRESS not in render_site(load_clean(tmp_path), today=date(2026, 1, 1))["tasks/index.md"]


# --- plansite check ---------------------------------------------------------------------

def test_check_warns_about_unknown_metrics_and_units(tmp_path, capsys):
    metric_project(tmp_path, PLAN.replace("""\
          - {text: 公办幼儿园在园幼儿占比提升至58%以上, metric: 公办幼儿园在园幼儿占比, comparator: '>=', value: 58, unit: '%'}""",
                                        """\
          - {text: 占比58%, metric: 公办幼儿园在园幼儿比率, comparator: '>=', value: 58, unit: '%'}
          - {text: 占比58%, metric: 公办园在园幼儿占比, comparator: '>=', value: 58, unit: 个}
          - {text: 58%, comparator: '>=', value: 58, unit: '%'}
          - {text: 占比58%, metric: public-kindergarten-share, comparator: '>=', value: 58, unit: '%'}"""))
    assert main(["--root", str(tmp_path), "check"]) == 0
    out = capsys.readouterr().out
    expected = [
        (15, "targets[0].metric", "unknown metric '公办幼儿园在园幼儿比率' (did you mean '公办幼儿园在园幼儿占比' or "
                                  "'公办园在园幼儿占比'?); "
                                  "add it, or the name as an alias, to content/metrics.yaml"),
        (16, "targets[1].unit", "unit '个' differs from '%', the unit of metric 'public-kindergarten-share': "
                                "the target cannot be compared with others"),
        (17, "targets[2]", "the target names no metric; name one from content/metrics.yaml so it lines up with "
                           "other plans"),
        (18, "targets[3].metric", "'public-kindergarten-share' is the id of the metric '公办幼儿园在园幼儿占比': a "
                                  "target names its metric as plans write it, by its name or an alias"),
    ]
    for line, field, message in expected:
        pattern = (rf"^\S*plans/2025/demo-edu-2025\.yaml:{line}:\d+: warning: sections\[0\]\.items\[0\]\."
                   rf"{re.escape(field)}: {re.escape(message)}$")
        assert re.search(pattern, out, re.M), (pattern, out)
    assert len(out.splitlines()) == len(expected)


def test_a_metric_without_a_unit_takes_its_targets_in_their_own(tmp_path):
    target = "新增学位900个, metric: 新增学位数, comparator: '>=', value: 900, unit: 个}"
    metric_project(tmp_path, PLAN.replace("公办幼儿园在园幼儿占比提升至58%以上, metric: 公办幼儿园在园幼儿占比, comparator: '>=', "
                                          "value: 58, unit: '%'}", target),
                   METRICS + "  - {id: new-places, name: 新增学位数}\n")
    assert load_clean(tmp_path).plans[0].plan.sections[0].items[0].targets[0].unit == "个"


@pytest.mark.parametrize("metric, errors", [("''", []), ("' '", ["sections[0].items[0].targets[0].metric"])])
def test_an_empty_or_blank_metric_is_a_target_naming_none(tmp_path, metric, errors):
    """A blank one is also an error (test_check): the target is checked on as one naming no metric."""
    metric_project(tmp_path, PLAN.replace("metric: 公办幼儿园在园幼儿占比,", f"metric: {metric},"))
    diagnostics = load_site(str(tmp_path))[1]
    assert [d.field for d in diagnostics if d.severity == "error"] == errors
    assert [(d.field, d.message) for d in diagnostics if d.severity == "warning"] == [
        ("sections[0].items[0].targets[0]",
         "the target names no metric; name one from content/metrics.yaml so it lines up with other plans")]


REPORTED = "status: 已完成, actual: {actual}, as_of: 2025-12-31"


@pytest.mark.parametrize("amount, actual, meets", [
    ("'>=', value: 58", 58, True), ("'>=', value: 58", 57.9, False), ("'>', value: 58", 58, False),
    ("'>', value: 58", 58.5, True), ("'<=', value: 5", 5, True), ("'<=', value: 5", 5.1, False),
    ("'<', value: 5", 5, False), ("'<', value: 5", 4, True), ("'=', value: 5", 5, True), ("'=', value: 5", 6, False),
    ("range, min: 10, max: 20", 10, True), ("range, min: 10, max: 20", 20, True),
    ("range, min: 10, max: 20", 9, False), ("range, min: 10, max: 20", 21, False),
])
def test_a_target_reported_done_whose_actual_value_does_not_meet_it_is_a_warning(tmp_path, amount, actual, meets):
    make_project(tmp_path, PLAN.replace("'>=', value: 58, unit: '%'", f"{amount}, unit: '%', "
                                        + REPORTED.format(actual=actual))
                 .replace("{text: 公办幼儿园在园幼儿占比提升至58%以上,", "{text: 公办幼儿园在园幼儿占比达到目标,"))  # of any value
    _, diagnostics = load_site(str(tmp_path))
    assert [(d.field, d.severity, d.message) for d in diagnostics] == ([] if meets else [(
        "sections[0].items[0].targets[0].status", "warning",
        f"status is 已完成 but the actual value {actual:g} does not meet the target")])


@pytest.mark.parametrize("reported, expected", [
    ("value: 58, status: 进行中, actual: 50, as_of: 2025-06-30", []),  # not done: any value so far
    ("value: 58, status: 已完成", []),  # done, no value reported
    ("value: 58, status: 已完成, actual: 60",
     [("targets[0].actual", "warning", "give 'as_of', the date the actual value was reported for")]),
    ("value: 58%, " + REPORTED.format(actual=50),
     [("targets[0].value", "error",  # not also 'does not meet'
       "expected a number, got the text '58%' (write the number alone, 58, and its unit in unit: '%')")]),
])
def test_a_targets_reported_progress_is_checked_only_as_far_as_it_goes(tmp_path, reported, expected):
    make_project(tmp_path, PLAN.replace("value: 58, unit: '%'", f"unit: '%', {reported}"))
    _, diagnostics = load_site(str(tmp_path))
    assert [(d.field.removeprefix("sections[0].items[0]."), d.severity, d.message) for d in diagnostics] == expected


TARGET = "{text: 公办幼儿园在园幼儿占比提升至58%以上, metric: 公办幼儿园在园幼儿占比, comparator: '>=', value: 58, unit: '%'}"


@pytest.mark.parametrize("target, expected", [
    # the text's one number is not the value: the site showed ≥ 95% beside a text saying 94.5%
    ("{text: 学前三年毛入园率达到94.5%以上, comparator: '>=', value: 95, unit: '%'}",
     [(15, "targets[0].value", "the text names 94.5% but the value is 95 (the site shows ≥ 95% beside it): "
                               "correct the one that is wrong")]),
    ("{text: 学前三年毛入园率达到９４．５％以上, comparator: '>=', value: 95, unit: '%'}",  # as an input method types it
     [(15, "targets[0].value", "the text names 94.5% but the value is 95 (the site shows ≥ 95% beside it): "
                               "correct the one that is wrong")]),
    ("{text: 新建幼儿园10所, comparator: '>=', value: 12, unit: 所}",
     [(15, "targets[0].value", "the text names 10所 but the value is 12 (the site shows ≥ 12所 beside it): "
                               "correct the one that is wrong")]),
    # the value a curator corrected a misread text's number to is the text's: no warning
    ("{text: 学前三年毛入园率达到94.5%以上, comparator: '>=', value: 94.5, unit: '%'}", []),
    ("{text: '培训教师1,000人次', comparator: '>=', value: 1000, unit: 人次}", []),
    ("{text: 学前三年毛入园率达到９４.５%以上, comparator: '>=', value: 94.5, unit: '%'}", []),
    # numbers that state no target are not held against it: the year, the month, 5G
    ("{text: 2025年底前毛入园率达到95%, comparator: '>=', value: 94.5, unit: '%'}",
     [(15, "targets[0].value", "the text names 95% but the value is 94.5 (the site shows ≥ 94.5% beside it): "
                               "correct the one that is wrong")]),
    ("{text: 2025年学前三年毛入园率达到百分之九十五, comparator: '>=', value: 95, unit: '%'}", []),
    ("{text: 3月底前完成招生, comparator: '=', value: 1, unit: 次}", []),
    ("{text: 建成5G智慧校园, comparator: '=', value: 1, unit: 所}", []),
    # a scale is the unit's, a sign the curator's
    ("{text: 培训教师1.2万人, comparator: '>=', value: 12000, unit: 人}", []),
    ("{text: 培训教师1.2万人, comparator: '>=', value: 1.2, unit: 万人}", []),
    ("{text: 培训教师1.2万人, comparator: '>=', value: 1.3, unit: 万人}",
     [(15, "targets[0].value", "the text names 1.2万人 but the value is 1.3 (the site shows ≥ 1.3万人 beside it): "
                               "correct the one that is wrong")]),
    ("{text: 财政供养人员增速控制在-5%, comparator: '<=', value: -5, unit: '%'}", []),
    # a value of another scale than the text's: 10,000 times too big, or 万 dropped
    ("{text: 新建幼儿园5所, comparator: '>=', value: 50000, unit: 所}",
     [(15, "targets[0].value", "the text names 5所 but the value is 50000 (the site shows ≥ 50000所 beside it): "
                               "correct the one that is wrong")]),
    ("{text: 新增公办学位3万个, comparator: '>=', value: 3, unit: 个}",
     [(15, "targets[0].value", "the text names 3万个 but the value is 3 (the site shows ≥ 3个 beside it): "
                               "correct the one that is wrong")]),
    # more targets than one, or none in digits: which is the value is the curator's to say
    ("{text: 毛入园率达到95%，巩固率达到96%, comparator: '>=', value: 94.5, unit: '%'}", []),
    ("{text: 毛入园率达到百分之九十五, comparator: '>=', value: 95, unit: '%'}", []),
    ("{text: ③每半年开展一次风险排查, comparator: '>=', value: 2, unit: 次}", []),  # ③ is a mark, not a 3
    ("{text: 培训教师100至200人, comparator: range, min: 100, max: 300, unit: 人}", []),
    ("{text: 培训教师200人, comparator: range, min: 100, max: 300, unit: 人}", []),
    ("{text: 培训教师200人, comparator: range, value: 300, unit: 人}", []),  # an error of its own, no bounds to show
])
def test_a_value_other_than_the_one_number_its_text_names_is_a_warning(tmp_path, target, expected):
    make_project(tmp_path, PLAN.replace(TARGET, target))
    _, diagnostics = load_site(str(tmp_path))
    assert [(d.line, d.field.removeprefix("sections[0].items[0]."), d.message) for d in diagnostics
            if d.severity == "warning"] == expected


def test_metric_names_are_unique_across_metrics(tmp_path):
    metric_project(tmp_path, metrics=METRICS + "  - {id: other, name: 其他, aliases: [公办园在园幼儿占比]}\n")
    _, diagnostics = load_site(str(tmp_path))
    assert [(d.field, d.message) for d in diagnostics] == [
        ("metrics[1]", "name '公办园在园幼儿占比' is already used by metric 'public-kindergarten-share'")]


def test_metrics_resolve_by_name_or_alias_ignoring_spacing_and_bracket_width(tmp_path):
    metric_project(tmp_path, metrics=METRICS + "  - {id: township, name: 每个乡(镇)示范园, unit: 所}\n")
    vocabulary = load_clean(tmp_path).vocabulary
    assert vocabulary.resolve_metric(" 公办园 在园幼儿占比").id == "public-kindergarten-share"
    assert vocabulary.resolve_metric("每个乡（镇）示范园").id == "township"
    assert vocabulary.resolve_metric("公办园") is None


def test_metrics_are_opt_in(tmp_path, capsys):
    make_project(tmp_path, PLAN.replace("metric: 公办幼儿园在园幼儿占比", "metric: 未收录的指标"))
    assert main(["--root", str(tmp_path), "check"]) == 0
    assert capsys.readouterr().out == ""
    write(tmp_path, "content/metrics.yaml", METRICS)
    assert main(["--root", str(tmp_path), "check"]) == 0
    assert "warning: sections[0].items[0].targets[0].metric: unknown metric '未收录的指标'" in capsys.readouterr().out
