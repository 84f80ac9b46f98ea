"""Rendering: YAML text is inert in Markdown, anchors are stable, output is deterministic.

Markdown is converted with the extensions and settings of the repository's
mkdocs.yml, loaded by MkDocs itself.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import shutil
import unicodedata
from functools import partial
from html.parser import HTMLParser

import jinja2
import markdown
import pytest
import yaml
from mkdocs.config import load_config

from generator import render
from generator.build import generate
from generator.changetext import Run
from generator.corpus import build_corpus
from generator.diagnostics import InputError
from generator.ids import item_anchor, section_anchor, walk_items
from generator.labels import genre, numbered, requirement, target_summary
from generator.load import load_site
from generator.model import Target
from generator.project import DOCS, SOURCES
from generator.render import one_each
from generator.render_targets import metric_year_page
from generator.templating import (CompiledTemplates, blocks, environment, front_matter_description, http_url, later,
                                  md, paragraphs, runs_md, target_phrases)
from generator.write import copy_of
from payloads import PAYLOADS
from projects import DEPARTMENTS, PLAN, REVIEW_HEAD, make_project, write
from rendering import render_site
from sitefixtures import REPO, make_site_project


def visible(text: str) -> str:
    """What a reader should see: the text with whitespace collapsed and control characters gone."""
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs") or c.isspace())
    return " ".join(kept.split())


class Elements(HTMLParser):
    """The tags, attributes and visible text of a fragment (heading permalinks left out)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._permalink = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("class") == "headerlink":
            self._permalink += 1
            return
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "a" and self._permalink:
            self._permalink -= 1

    def handle_data(self, data):
        if not self._permalink:
            self.text.append(data)

    @property
    def visible_text(self) -> str:
        return " ".join("".join(self.text).split())


@pytest.fixture(scope="module")
def to_html(tmp_path_factory):
    root = tmp_path_factory.mktemp("markdown")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in (DOCS, *SOURCES):  # docs_dir and the watched sources must exist
        (root / folder).mkdir()
    config = load_config(str(root / "mkdocs.yml"))

    def convert(text: str) -> str:
        return markdown.markdown(text, extensions=config.markdown_extensions,
                                 extension_configs=config.mdx_configs)
    return convert


def fuzz_strings(count: int, seed: int = 20250101) -> list[str]:
    alphabet = ("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" "abcXYZ019 \t\n\r\x00\x02\x03\x1b\u2028\u00a0\u3000"
                "学前教育心理健康，。、：；（）【】《》＜＞＃")
    rng = random.Random(seed)
    return [payload for _ in range(count)
            for payload in ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))]]


# Where YAML text lands in a page: Markdown around it, the tags allowed, the text around it.
CONTEXTS = {
    "paragraph": ("{}", {"p"}, ""),
    "heading": ("### 1\\. {} {{#item-1-2}}", {"h3"}, "1. "),  # item headings start with their number
    "link text": ("[{}](plans/x.md)", {"p", "a"}, ""),
    "table cell": ("| 表头 |\n| --- |\n| {} |", {"table", "thead", "tbody", "tr", "th", "td"}, "表头 "),
    "admonition": ('!!! note "说明"\n\n    {}', {"div", "p"}, "说明 "),
}


@pytest.mark.parametrize("context", CONTEXTS)
def test_payloads_come_out_as_visible_text(to_html, context):
    pattern, allowed, around = CONTEXTS[context]
    for payload in PAYLOADS + fuzz_strings(300):
        html = to_html(pattern.format(md(payload)))
        parsed = Elements(html)
        assert parsed.visible_text == " ".join((around + visible(payload)).split()), (payload, html)
        assert {tag for tag, _ in parsed.tags} <= allowed, (payload, html)
        for tag, attrs in parsed.tags:
            expected = {"a": {"href": "plans/x.md"}, "h3": {"id": "item-1-2"}}.get(tag)
            if expected is not None:
                assert attrs == expected, (payload, html)
            else:
                assert set(attrs) <= {"class"}, (payload, html)


def test_edits_of_a_long_text_are_del_and_ins_elements_whose_text_stays_inert(to_html):
    """A detail of 本版更新 and 编辑历史 (a list item): only the edit markers become elements."""
    for payload in PAYLOADS + fuzz_strings(300):
        inserted = payload[::-1] + "新"
        runs = (Run("正文："), Run("…前文 "), Run(payload, "removed"), Run(inserted, "inserted"), Run(" 后文…"))
        html = to_html(f"- {runs_md(runs, 'editions/2025.1.md')}")
        parsed = Elements(html)
        assert [tag for tag, _ in parsed.tags] == ["ul", "li", "del", "ins"], (payload, html)
        assert all(attrs == {} for _, attrs in parsed.tags), (payload, html)
        assert parsed.visible_text == visible("正文：…前文 " + payload + inserted + " 后文…"), (payload, html)
        removed = re.search(r"<del>(.*)</del>", html, re.S)[1]
        assert Elements(removed).visible_text == visible(payload), (payload, html)
        assert Elements(re.search(r"<ins>(.*)</ins>", html, re.S)[1]).visible_text == visible(inserted)


def test_paragraphs_keep_lines_and_drop_indentation(to_html):
    text = "第一段\n\n    第二段缩进\n  - 第三段\n"
    html = to_html("\n\n".join(paragraphs(text)))
    assert html == "<p>第一段</p>\n<p>第二段缩进</p>\n<p>- 第三段</p>"


def test_a_lone_line_of_cells_is_a_paragraph_and_a_line_of_one_filled_cell_ends_a_table():
    """A table needs two lines in a row of two filled cells or more: one such line alone is a paragraph, its tabs
    collapsed, as is a line of one filled cell (合计 with its figures' cells empty), which ends the table above."""
    assert blocks("补充教师。\n新教师（名）\t100\n完成。") == ["补充教师。", "新教师（名） 100", "完成。"]
    assert blocks("类别\t2024年\t2025年\n新教师（名）\t100\t120\n合计\t\t\n完成。") == [
        "| 类别 | 2024年 | 2025年 |\n| --- | --- | --- |\n| 新教师（名） | 100 | 120 |", "合计", "完成。"]


def test_a_description_is_one_line_of_at_most_120_characters_safe_in_an_attribute():
    line = front_matter_description('他说"好" <b>&\n' + "很长" * 100)
    value = yaml.safe_load(line)["description"]
    assert len(value) == 120 and value.endswith("…") and "\n" not in value
    assert value.startswith("他说＂好＂ ＜b＞＆ 很长")


def test_numbers_and_requirements_read_as_printed():
    assert numbered("12", "标题") == "12. 标题"
    assert numbered("三", "标题") == "三、标题"
    assert numbered("(一)", "标题") == "(一)标题"
    assert numbered("二是", "加强") == "二是加强"
    assert requirement(Target(text="", comparator=">=", value=94.5, unit="%")) == "≥ 94.5%"
    assert requirement(Target(text="", comparator="=", value=100.0, unit="%")) == "= 100%"
    assert requirement(Target(text="", comparator="range", min=700, max=800, unit="人")) == "700–800人"


def test_a_listing_names_each_target_by_its_metric_else_its_words_as_plansite_find_does():
    """A blank metric, which check lets pass, is none: the site named the target by nothing and find by spaces
    (目标：  ≥ 3个)."""
    targets = [Target(text="覆盖率达到95%", metric="覆盖率", value=95, unit="%"), Target(text="新建 <b>20所", value=20,
               unit="所"), Target(text="新增3个", metric=" ", value=3, unit="个")]
    assert target_phrases(targets) == "覆盖率 ≥ 95\\%；新建 &lt;b&gt;20所 ≥ 20所；新增3个 ≥ 3个"
    assert target_summary(targets[2]) == "新增3个 ≥ 3个"


def test_only_http_source_links_are_kept():
    assert http_url("javascript:alert(1)") == ""
    assert http_url("data:text/html,x") == ""
    assert http_url("//evil.example/x") == ""
    assert http_url("HTTPS://example.org/a b(c)") == "HTTPS://example.org/a%20b%28c%29"
    assert http_url("http://example.org/?a=1&b=2#x") == "http://example.org/?a=1&b=2#x"


@pytest.fixture
def fixture_site(tmp_path):
    site, diagnostics = load_site(str(make_site_project(tmp_path)))
    assert diagnostics == []
    return site


def test_every_item_and_section_has_its_anchor_once(fixture_site):
    pages = render_site(fixture_site)
    for plan_file in fixture_site.plans:
        page = pages[f"plans/{plan_file.plan.id}.md"]
        ids = re.findall(r"^#+ .* \{#([a-z0-9-]+)\}$", page, re.M)
        placed = list(walk_items(plan_file.plan.sections))
        assert [i for i in ids if i.startswith("item-")] == [item_anchor(p.key) for p in placed]
        trail_keys = {key for p in placed for key in p.section_keys}
        assert {section_anchor(key) for key in trail_keys} <= set(ids)
        assert len(ids) == len(set(ids))


def test_listing_pages_link_each_item_to_its_anchor(fixture_site):
    """A theme's items are listed year by year, each year on a page of its own that the theme's page links."""
    pages = render_site(fixture_site)
    corpus = build_corpus(fixture_site)
    for theme in fixture_site.vocabulary.themes:
        page = pages[f"themes/{theme.id}.md"]
        years = [int(year) for year in re.findall(rf"\]\({theme.id}/(\d+)\.md\)", page)]
        assert years == sorted({e.plan.year for e in corpus.by_theme[theme.id]}, reverse=True)
        assert f"共 {len(corpus.by_theme[theme.id])} 条事项" in page
        for year in years:
            in_year = pages[f"themes/{theme.id}/{year}.md"]
            links = re.findall(r"\(\.\./\.\./plans/([a-z0-9-]+)\.md#(item-[a-z0-9-]+)\)", in_year)
            assert links == [(e.plan.id, e.anchor) for e in corpus.by_theme[theme.id] if e.plan.year == year]
            assert f"{year}年共 {len(links)} 条事项" in in_year


def item_block(page: str, anchor: str) -> tuple[int, str]:
    """Where an item's line starts in a listing, and the line with its indented details."""
    start = page.index(f"#{anchor})")
    following = re.compile(r"^\S", re.M).search(page, page.index("\n", start) + 1)
    return start, page[start:following.start() if following else len(page)]


def test_the_departments_page_lists_every_department_while_they_are_few(fixture_site, monkeypatch):
    """基教科 was three clicks from the home page (部门, its organisation, the department)."""
    departments = fixture_site.vocabulary.departments
    page = render_site(fixture_site)["departments/index.md"]
    for d in departments:
        assert f"[{md(d.name)}]({d.id}.md)" in page
    assert "各部门也列在本页下方" in page
    monkeypatch.setattr("generator.render.DEPARTMENT_LIST_LIMIT", len(departments) - 1)  # a large site: not
    page = render_site(fixture_site)["departments/index.md"]
    assert not [d for d in departments if f"({d.id}.md)" in page] and "各部门也列在本页下方" not in page


def test_the_plans_page_lists_every_plan_under_its_year_while_they_are_few(fixture_site, monkeypatch):
    """全部计划 listed years only: a reader looking for a plan went through its year's page."""
    corpus = build_corpus(fixture_site)
    page = render_site(fixture_site)["plans/index.md"]
    for plan in corpus.plans:
        link = page.index(f"]({plan.id}.md)")
        assert page.rindex("\n## ", 0, link) == page.index(f"\n## {plan.year}年 ")
    assert "按年度列在下方" in page
    monkeypatch.setattr("generator.render.PLAN_LIST_LIMIT", len(corpus.plans) - 1)  # a large site: not
    page = render_site(fixture_site)["plans/index.md"]
    assert not [p for p in corpus.plans if f"({p.id}.md)" in page] and "按年度列在下方" not in page
    assert "每个年度的文件列在该年度的页面上" in page


def test_department_page_shows_what_is_owed_each_year_with_targets(fixture_site):
    pages = render_site(fixture_site)
    corpus = build_corpus(fixture_site)
    owners = [d for d in fixture_site.vocabulary.departments
              if any(e.item.targets for e in corpus.owned_by[d.id])]
    assert owners
    for owner in owners:
        page = pages[f"departments/{owner.id}.md"]
        for entry in corpus.owned_by[owner.id]:
            start, block = item_block(page, entry.anchor)
            year_heading = page.rindex("\n## ", 0, start)
            assert page.startswith(f"\n## {entry.plan.year}年", year_heading)
            assert "负责事项" in page[year_heading:start]
            for target in entry.item.targets:
                assert md(requirement(target)) in block


def test_a_department_supporting_no_item_is_not_said_to_support_none(fixture_site):
    """配合 0 条 read as a fact where most sources name no supporting units at all: a count is said when it is one."""
    pages = render_site(fixture_site)
    corpus = build_corpus(fixture_site)
    both = {d.id: bool(corpus.supported_by[d.id]) for d in fixture_site.vocabulary.departments}
    assert True in both.values() and False in both.values()
    for department_id, supports in both.items():
        said = re.search(r"^负责 \d+ 条事项(，配合 \d+ 条事项)?。", pages[f"departments/{department_id}.md"], re.M)
        assert said and bool(said[1]) == supports, department_id
        assert "配合 0 条" not in pages[f"departments/{department_id}.md"]
    assert not any("配合 0 条" in page for path, page in pages.items() if path.startswith("organisations/"))


def test_a_body_outside_the_organisation_is_said_to_be_one(tmp_path):
    """A plan names bodies outside its organisation as owners (县公安局): of kind 外单位, its page says so and does not
    file it as one of the organisation's units, and the departments page names the kind."""
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners: [基教科]\n        support: [县公安局]"))
    write(tmp_path, "content/departments.yaml", DEPARTMENTS + "  - {id: demo-gonganju, name: 县公安局, "
                                                              "organisation: demo-edu, kind: 外单位}\n")
    site, diagnostics = load_site(str(tmp_path))
    assert diagnostics == []
    pages = render_site(site)
    assert "\n外单位（不属于示例市教育局），见于 [示例市教育局](../organisations/demo-edu.md) 的计划\n" \
        in pages["departments/demo-gonganju.md"]
    assert 'description: "县公安局在示例市教育局各年度工作计划中负责 0 条事项、配合 1 条事项，' in pages["departments/demo-gonganju.md"]
    assert "\n科室 · [示例市教育局](../organisations/demo-edu.md)\n" in pages["departments/demo-jijiaoke.md"]
    assert "以及各机构计划中写到的外单位" in pages["departments/index.md"] and "外单位" in pages["index.md"]


def test_an_item_naming_a_theme_twice_stands_under_it_once(tmp_path):
    make_project(tmp_path, PLAN.replace("themes: [preschool]", "themes: [preschool, preschool]"))
    site, diagnostics = load_site(str(tmp_path))
    corpus = build_corpus(site)
    assert diagnostics == [] and [entry.themes for entry in corpus.entries] == [(site.vocabulary.themes[0],)]
    assert {theme: len(entries) for theme, entries in corpus.by_theme.items()} == {"preschool": 1, "mental-health": 0}


def test_the_years_are_each_once_newest_first(fixture_site):
    years = build_corpus(fixture_site).years
    assert years == tuple(sorted({plan_file.plan.year for plan_file in fixture_site.plans}, reverse=True))
    assert len(years) < len(fixture_site.plans)  # (the fixture has several plans a year)


def test_the_home_page_counts_the_targets_of_the_items(fixture_site):
    placed = [p for plan_file in fixture_site.plans for p in walk_items(plan_file.plan.sections)]
    items, targets = len(placed), sum(len(p.item.targets) for p in placed)
    assert 0 < targets != items  # (the fixture tells them apart)
    assert f"**{items}** 条事项和其中的 **{targets}** 项量化目标" in render_site(fixture_site)["index.md"]


def test_the_home_page_links_each_organisation_as_it_links_each_theme(fixture_site):
    """按机构 named the organisations as plain text beside 按主题's links: a reader clicked a name and nothing happened."""
    line = next(line for line in render_site(fixture_site)["index.md"].splitlines() if line.startswith("- [按机构]"))
    for organisation in fixture_site.vocabulary.organisations:
        assert f"](organisations/{organisation.id}.md)" in line, organisation.id


def test_an_organisation_page_lists_each_department_on_a_line_of_its_own(fixture_site):
    """The line of a department ended in a block tag (its 配合 count, said only when there is one), whose newline the
    environment trims: every department ran into one list item (负责 2 条- [秘书科]…)."""
    pages = render_site(fixture_site)
    for organisation in fixture_site.vocabulary.organisations:
        departments = [d for d in fixture_site.vocabulary.departments if d.organisation == organisation.id]
        listed = pages[f"organisations/{organisation.id}.md"].partition("## 部门")[2]
        lines = [line for line in listed.splitlines() if line.startswith("- ")]
        assert len(lines) == len(departments), organisation.id
        assert all(line.count("](../departments/") == 1 for line in lines), organisation.id


def test_a_plan_is_called_what_its_title_calls_it(fixture_site):
    """工作要点 and 工作计划 are both of kind plan; the page names the one the title does."""
    pages = render_site(fixture_site)
    for plan_file in fixture_site.plans:
        plan = plan_file.plan
        expected = {"review": "工作总结", "breakdown": "任务分解"}.get(
            plan.kind, "工作要点" if "工作要点" in plan.title else "工作计划")
        assert f"\n- 类型：{expected}\n" in pages[f"plans/{plan.id}.md"]
    kinds = {genre(dataclasses.replace(fixture_site.plans[0].plan, kind=kind, title=title))
             for kind, title in [("plan", "2025年教育工作要点"), ("plan", "2025年重点工作安排"), ("review", "工作要点落实情况")]}
    assert kinds == {"工作要点", "工作计划", "工作总结"}


def test_a_review_linked_to_no_plan_item_says_so(fixture_site):
    """A reader cannot tell 'no plan on the site' from 'not applicable' unless the page says it."""
    pages = render_site(fixture_site)
    said = {f.plan.id for f in fixture_site.plans if "- 总结的计划：未关联" in pages[f"plans/{f.plan.id}.md"]}
    assert said == {"qa-edu-2025"}  # the other review links its items to the plan's; plans are no reviews


def test_rendering_is_deterministic(fixture_site):
    shuffled = dataclasses.replace(fixture_site, plans=tuple(reversed(fixture_site.plans)))
    assert render_site(fixture_site) == render_site(shuffled)


def test_hand_written_pages_are_copied_and_may_not_take_generated_names(tmp_path):
    make_project(tmp_path)
    write(tmp_path, "content/pages/about.md", "# 关于\n\n<b>原样</b>\n")
    site, _ = load_site(str(tmp_path))
    assert render_site(site)["about.md"] == "# 关于\n\n<b>原样</b>\n".encode()
    write(tmp_path, "content/pages/themes.md", "# 主题\n")
    with pytest.raises(InputError) as raised:
        render_site(site)
    [problem] = raised.value.diagnostics
    assert problem.path.endswith("content/pages/themes.md") and "/themes itself" in problem.message


def test_a_compiled_template_is_used_only_by_the_code_that_compiled_it(tmp_path):
    """Jinja compiles the call of a filter given the context (pass_context) otherwise than a plain one's: a
    template compiled before a filter became one crashed after, its source being unchanged."""
    def render(code: str, f, **values) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader({"page": "{{ 'x' | f }}"}),
                                 bytecode_cache=CompiledTemplates(code, str(tmp_path)))
        env.filters["f"] = f
        return env.get_template("page").render(**values)

    assert render("old code", lambda value: value) == "x"
    assert list(tmp_path.iterdir())  # kept
    assert render("new code", jinja2.pass_context(lambda context, value: value + context["y"]), y="y") == "xy"


def test_the_home_page_leads_to_the_finder(fixture_site):
    """Staff asking "what do 基教科 owe in 2025" need the finder's filters; the home page named every other
    way in but not it, and its search advice left a reader to combine facets in the search box."""
    home = render_site(fixture_site)["index.md"]
    browse = home[home.index("## 从这里浏览"):home.index("## 如何检索")]
    assert "- [所有事项](tasks/index.md)：" in browse
    assert "请用[所有事项](tasks/index.md)" in home[home.index("## 如何检索"):]


def test_two_generated_files_of_one_path_are_an_error_naming_the_path_and_both_makers(tmp_path):
    # One replaced the other in silence where the pages were put together (an id of the listing's key did so).
    made = [later("theme.md.j2", "themes/a.md"), ("feeds/all.xml", "<feed/>"), ("data/plans/a.yaml", copy_of("a.yaml")),
            later("plan.md.j2", "themes/a.md"), ("data/plans/a.yaml", partial(metric_year_page, None))]
    with pytest.raises(InputError) as raised:
        one_each(str(tmp_path), made)
    assert [str(problem) for problem in raised.value.diagnostics] == [
        f"{tmp_path}/docs/themes/a.md: error: two generated files take this path, one would replace the other: "
        "the template theme.md.j2 and the template plan.md.j2",
        f"{tmp_path}/docs/data/plans/a.yaml: error: two generated files take this path, one would replace the other: "
        "a copy of a.yaml and generator.render_targets.metric_year_page"]
    assert one_each(str(tmp_path), made[:3]) == dict(made[:3])


def test_generate_stops_on_two_generated_files_of_one_path_and_writes_nothing(tmp_path, capsys, monkeypatch):
    make_project(tmp_path)
    made = render.target_pages
    monkeypatch.setattr(render, "target_pages", lambda tracking: [*made(tracking), later("targets.md.j2", "index.md")])
    assert generate(str(tmp_path)) is None
    assert (f"{tmp_path}/docs/index.md: error: two generated files take this path, one would replace the other: "
            "the template index.md.j2 and the template targets.md.j2") in capsys.readouterr().out
    assert not (tmp_path / DOCS).exists()


def test_a_template_edited_while_a_process_runs_is_read_again(tmp_path, monkeypatch):
    """plansite serve generates a small project in its own process: a template edited between two generations
    shows in the second (with Jinja's auto_reload off it did not, and the record of the code said up to date)."""
    env = environment()
    monkeypatch.setattr(env.loader, "searchpath", [str(tmp_path)])
    template = tmp_path / "page.md.j2"
    try:
        template.write_text("before\n", encoding="utf-8")
        assert env.get_template("page.md.j2").render() == "before\n"
        template.write_text("after\n", encoding="utf-8")
        os.utime(template, (template.stat().st_mtime + 2,) * 2)
        assert env.get_template("page.md.j2").render() == "after\n"
    finally:
        env.cache.clear()  # no template of this folder is served to the tests after it


# As the importer folds it into the item above it (below 1.补充教师。, a header 项目 | 2024年 | 2025年目标 reads as a
# task table's: its rows become items)
FIGURES = "补充教师。\n类别\t2024年\t2025年\n新教师（名）\t100\t120\n培训学时|课时\t60\n\t合计\t180\t192\n" "完成。"


def _table_rows(html: str) -> list[list[str]]:
    """The rows of the first table in ``html``, each as its cells' visible texts."""
    table = re.search(r"<table>.*?</table>", html, re.S)[0]
    return [[Elements(cell).visible_text for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def test_an_items_figures_are_a_table_on_its_plan_page_and_under_a_review_of_it(tmp_path, to_html):
    """The importer folds a small table under an item into its text, a line a row, cells split by tabs: the
    lines of at least two cells read as a table headed by the first (its cells padded to the widest row), the
    lines around it as paragraphs; a `|` in a cell stays a character."""
    text = json.dumps(FIGURES, ensure_ascii=False)  # a YAML string: its \n and \t are escapes
    make_project(tmp_path, PLAN.replace("text: 扩大普惠资源。公办幼儿园在园幼儿占比提升至58%以上。",
                                        f"text: {text}"))
    write(tmp_path, "plans/2025/demo-edu-2025-review.yaml", REVIEW_HEAD + f"""\
      - number: 一是
        title: 教师补充
        text: {text}
        reviews: [demo-edu-2025#1-1]
""")
    site, diagnostics = load_site(str(tmp_path))
    assert diagnostics == []
    pages = render_site(site)
    expected = [["类别", "2024年", "2025年", ""], ["新教师（名）", "100", "120", ""],
                ["培训学时|课时", "60", "", ""], ["", "合计", "180", "192"]]
    plan_html = to_html(pages["plans/demo-edu-2025.md"].split("\n---\n", 1)[1])
    item = plan_html[plan_html.index('id="item-1-1"'):]
    assert _table_rows(item) == expected
    assert "<p>补充教师。</p>" in item and "<p>完成。</p>" in item
    quote = item[item.index("完成情况"):]
    assert _table_rows(quote) == expected and quote.index("<table>") < quote.index("—— ")


def test_a_plans_preamble_notes_and_closing_and_a_sections_text_show_their_figures_as_tables(tmp_path, to_html):
    """The importer keeps a table of figures above a section's first item in the section's text (above the first
    section in the preamble): its lines of cells read as a table there too, as in an item's text, and so in the
    plan's 整理说明 note and its closing words; they ran together as lines with the tabs collapsed."""
    figures = json.dumps("主要指标：\n类别\t2024年\t2025年\n学前三年毛入园率\t90%\t92%", ensure_ascii=False)
    plan = PLAN.replace("sections:\n", f"preamble: {figures}\nnotes: {figures}\nclosing: {figures}\nsections:\n")
    make_project(tmp_path, plan.replace("    title: 学前教育\n", f"    title: 学前教育\n    text: {figures}\n"))
    site, diagnostics = load_site(str(tmp_path))
    assert diagnostics == []
    html = to_html(render_site(site)["plans/demo-edu-2025.md"].split("\n---\n", 1)[1])
    note = re.search(r'<div class="admonition note">.*?</div>', html, re.S)[0]
    section = html[html.index('id="sec-1"'):html.index('id="item-1-1"')]
    closing = html[html.index('id="closing"'):]
    preamble = html[html.index(note) + len(note):html.index('id="sec-1"')]
    for part in (note, preamble, section, closing):
        assert "<p>主要指标：</p>" in part
        assert _table_rows(part) == [["类别", "2024年", "2025年"], ["学前三年毛入园率", "90%", "92%"]]
